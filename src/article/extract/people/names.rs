//! Canonical names: the curated alias file (nickname → canonical name), the archive-wide key
//! of a canonical name, and the `Person` an article carries (name and key, computed once with
//! the aliases in force), plus the small tests on name parts (initials, attached particles).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::super::text::{fold, fold_word, fold_words_into};
use super::words::HYPHEN_PARTICLES;

/// One person of an article: the canonical name as printed and its archive-wide key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The fullest form the article prints, mapped by the alias file ("Michael R. Pompeo").
    pub name: String,
    /// [`person_key`] of `name`: the value of the `person_key` field and of person facets.
    pub key: String,
}

impl Person {
    /// A person whose `name` is already canonical (the alias file applied).
    pub fn new(name: String) -> Person {
        let key = person_key(&name);
        Person { name, key }
    }
}

/// Curated nickname → canonical name map (index-schema/person-aliases.toml).
#[derive(Debug, Clone, Default)]
pub struct PersonAliases {
    /// Folded variant → canonical name as written in the file.
    pub map: HashMap<String, String>,
}

impl PersonAliases {
    /// Parses index-schema/person-aliases.toml: `"Canonical Name" = ["Variant", …]`.
    pub fn from_toml(text: &str) -> Result<PersonAliases, toml::de::Error> {
        let table: HashMap<String, Vec<String>> = toml::from_str(text)?;
        let mut map = HashMap::new();
        // Only variants map: the canonical name's own spelling (accents as printed) is kept.
        for (canonical, variants) in table {
            for variant in &variants {
                map.insert(fold(variant), canonical.clone());
            }
        }
        Ok(PersonAliases { map })
    }

    /// The canonical name for `name` if the alias file lists it.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.map.get(&fold(name)).map(String::as_str)
    }

    /// The person `name` (as printed) stands for under these aliases.
    pub fn person(&self, name: &str) -> Person {
        Person::new(self.canonical(name).unwrap_or(name).to_string())
    }

    /// The facet key of `name` under these aliases: [`person_key`] of its canonical name.
    pub fn key(&self, name: &str) -> String {
        person_key(self.canonical(name).unwrap_or(name))
    }
}

/// The archive-wide facet key of a canonical name (the alias file already applied, see
/// [`PersonAliases::key`]): case and accents folded, middle initials and generational
/// numerals (II, III, IV) dropped, so that "Robert S. Mueller III", "Robert Mueller" and
/// "Róbert Mueller" count together. "Jr." and "Sr." are kept: they tell a father from a son
/// ("Donald Trump" vs "Donald Trump Jr."). It reads no alias file, so the key indexed with a
/// name can only follow the aliases that produced the name.
pub fn person_key(name: &str) -> String {
    let numeral = |t: &str| {
        let roman = |w: &str| ["ii", "iii", "iv"].iter().any(|n| w.eq_ignore_ascii_case(n));
        if t.is_ascii() {
            roman(t)
        } else {
            roman(&fold_word(t))
        }
    };
    let keep = |t: &&str| !is_initial(t) && !numeral(t);
    let mut key = String::with_capacity(name.len());
    if !name.contains(char::is_whitespace) {
        // One word (a bare surname, as a result list shows most): kept either way.
        fold_words_into([name], &mut key);
    } else if name.split_whitespace().any(|t| keep(&t)) {
        fold_words_into(name.split_whitespace().filter(keep), &mut key);
    } else {
        fold_words_into(name.split_whitespace(), &mut key);
    }
    key
}

/// True for "R.", "H.W.", "J" style initials.
pub(crate) fn is_initial(token: &str) -> bool {
    if !token.chars().all(|c| c.is_uppercase() || c == '.') {
        return false;
    }
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    let dots = token.bytes().filter(|&b| b == b'.').count();
    letters > 0 && (letters == 1 || (dots >= letters && letters <= 3))
}

/// "al-assad" → "assad".
pub(crate) fn strip_particle(folded: &str) -> &str {
    if !folded.as_bytes().get(1..4).is_some_and(|b| b.contains(&b'-')) {
        return folded;
    }
    for p in HYPHEN_PARTICLES {
        if let Some(rest) = folded.strip_prefix(p) {
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    folded
}

/// Whether the folded word starts with an attached particle ("al-", "bin-").
pub(crate) fn has_hyphen_particle(folded: &str) -> bool {
    folded.as_bytes().get(1..4).is_some_and(|b| b.contains(&b'-'))
        && HYPHEN_PARTICLES.iter().any(|p| folded.starts_with(p))
}
