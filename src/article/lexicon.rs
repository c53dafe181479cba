//! The lexicon: every word list of `index-schema/` (given names, titles, nationalities,
//! organisation words and names, places, non-names) and the people extractor's word tables
//! (`extract::people::words`), folded once into one table of class flags per word, so that
//! any test a word needs is one hash lookup. `schema::Knowledge` builds it from the files in
//! force (or the built-in copies) and hands it to the byline, dateline and people extractors;
//! nothing folds a word list into a static of its own. It also carries the one writing
//! convention of an archive that words cannot tell: the order of its numeric dates.

use super::extract::date::DateOrder;
use super::extract::people::words;
use super::extract::text::{word_list, FastMap, FastSet};

/// What the word lists and rule tables say of one folded word, as bit flags, so that every
/// test a token needs costs one hash lookup (cached on the token), not a scan of a list.
pub mod class {
    pub const GIVEN: u32 = 1;
    pub const TITLE: u32 = 1 << 1;
    pub const NATIONALITY: u32 = 1 << 2;
    pub const ORG_WORD: u32 = 1 << 3;
    /// A one-word entry of org-names.txt.
    pub const ORG_NAME: u32 = 1 << 4;
    /// A one-word entry of places.txt.
    pub const PLACE: u32 = 1 << 5;
    pub const NON_NAME: u32 = 1 << 6;
    pub const PARTICLE: u32 = 1 << 7;
    pub const SUFFIX: u32 = 1 << 8;
    pub const ORG_AFTER: u32 = 1 << 9;
    pub const PLACE_BEFORE: u32 = 1 << 10;
    pub const PREFIX: u32 = 1 << 11;
    pub const SPEECH: u32 = 1 << 12;
    pub const TRAILING: u32 = 1 << 13;
    /// A title word that only qualifies another ("House", "U.S.", "former", "Foreign").
    pub const MODIFIER: u32 = 1 << 14;
    /// The first word of a multiword entry of places.txt or org-names.txt.
    pub const KNOWN_FIRST: u32 = 1 << 15;
    /// A lowercase word for a person (`PERSON_NOUNS`).
    pub const PERSON_NOUN: u32 = 1 << 16;
    /// Not looked up yet (a token's cache).
    pub const UNKNOWN: u32 = u32::MAX;
}

/// The texts of the word lists, one file each in `index-schema/`.
#[derive(Debug, Clone, Copy)]
pub struct WordLists<'a> {
    pub given_names: &'a str,
    pub titles: &'a str,
    pub nationalities: &'a str,
    pub org_words: &'a str,
    /// One (possibly multiword) name per line.
    pub org_names: &'a str,
    /// One (possibly multiword) place per line.
    pub places: &'a str,
    pub non_names: &'a str,
}

impl WordLists<'static> {
    /// The built-in copies of the lists.
    pub const BUILTIN: WordLists<'static> = WordLists {
        given_names: include_str!("../../index-schema/given-names.txt"),
        titles: include_str!("../../index-schema/titles.txt"),
        nationalities: include_str!("../../index-schema/nationalities.txt"),
        org_words: include_str!("../../index-schema/org-words.txt"),
        org_names: include_str!("../../index-schema/org-names.txt"),
        places: include_str!("../../index-schema/places.txt"),
        non_names: include_str!("../../index-schema/non-names.txt"),
    };

    /// The file name of each list in `index-schema/`, with the field it fills.
    pub const FILES: [&'static str; 7] = [
        "given-names.txt",
        "titles.txt",
        "nationalities.txt",
        "org-words.txt",
        "org-names.txt",
        "places.txt",
        "non-names.txt",
    ];
}

/// Every word list, folded once.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Folded single word → `class` flags.
    classes: FastMap<Box<str>, u32>,
    /// Whole folded entries of org-names.txt (multiword names included).
    org_names: FastSet<String>,
    /// Whole folded entries of places.txt (multiword names included).
    places: FastSet<String>,
    /// How the archive writes ambiguous numeric dates (`morgue-index --date-order`).
    date_order: DateOrder,
}

impl Lexicon {
    /// Folds the lists and the people extractor's tables into one lexicon.
    pub fn new(lists: &WordLists<'_>) -> Lexicon {
        let org_names = word_list(lists.org_names, true);
        let places = word_list(lists.places, true);
        let mut lexicon =
            Lexicon { classes: FastMap::default(), org_names, places, date_order: DateOrder::default() };
        let word_lists = [
            (lists.given_names, class::GIVEN),
            (lists.titles, class::TITLE),
            (lists.nationalities, class::NATIONALITY),
            (lists.org_words, class::ORG_WORD),
            (lists.non_names, class::NON_NAME),
        ];
        for (text, flag) in word_lists {
            let list = word_list(text, false);
            lexicon.mark(list.iter().map(String::as_str), flag);
        }
        let one_word = |set: &FastSet<String>| -> Vec<String> {
            set.iter().filter(|e| !e.contains(' ')).cloned().collect()
        };
        let org_one = one_word(&lexicon.org_names);
        lexicon.mark(org_one.iter().map(String::as_str), class::ORG_NAME);
        let firsts: Vec<String> = (lexicon.org_names.iter().chain(&lexicon.places))
            .filter_map(|name| name.split_once(' ').map(|(first, _)| first.to_string()))
            .collect();
        lexicon.mark(firsts.iter().map(String::as_str), class::KNOWN_FIRST);
        let place_one = one_word(&lexicon.places);
        lexicon.mark(place_one.iter().map(String::as_str), class::PLACE);
        let tables: [(&[&str], u32); 9] = [
            (words::MODIFIER_TITLES, class::MODIFIER),
            (words::PARTICLES, class::PARTICLE),
            (words::SUFFIXES, class::SUFFIX),
            (words::ORG_AFTER, class::ORG_AFTER),
            (words::PLACE_BEFORE, class::PLACE_BEFORE),
            (words::PREPOSITIONS, class::PLACE_BEFORE),
            (words::PREFIX_WORDS, class::PREFIX),
            (words::SPEECH, class::SPEECH),
            (words::TRAILING, class::TRAILING),
        ];
        for (table, flag) in tables {
            lexicon.mark(table.iter().copied(), flag);
        }
        lexicon.mark(words::PERSON_NOUNS.split_whitespace(), class::PERSON_NOUN);
        lexicon
    }

    /// The lexicon of the built-in lists.
    pub fn builtin() -> Lexicon {
        Lexicon::new(&WordLists::BUILTIN)
    }

    /// The lexicon of an archive that writes ambiguous numeric dates in `order`.
    pub fn with_date_order(mut self, order: DateOrder) -> Lexicon {
        self.date_order = order;
        self
    }

    /// How the archive writes ambiguous numeric dates ("03/04/2015").
    pub fn date_order(&self) -> DateOrder {
        self.date_order
    }

    fn mark<'w>(&mut self, words: impl Iterator<Item = &'w str>, flag: u32) {
        for word in words {
            *self.classes.entry(word.into()).or_default() |= flag;
        }
    }

    /// The flags of a folded word (0 for a word no list names).
    pub fn class(&self, folded: &str) -> u32 {
        self.classes.get(folded).copied().unwrap_or(0)
    }

    /// Whether a folded word carries one of `flags`.
    pub fn is(&self, folded: &str, flags: u32) -> bool {
        self.class(folded) & flags != 0
    }

    /// Whether a folded word carries one of `flags`, with or without a trailing period
    /// ("jan." / "jan").
    pub fn listed(&self, folded: &str, flags: u32) -> bool {
        self.is(folded, flags) || self.is(folded.trim_end_matches('.'), flags)
    }

    /// Whether a folded name (`text::fold`) is an entry of org-names.txt.
    pub fn is_org_name(&self, folded: &str) -> bool {
        self.org_names.contains(folded)
    }

    /// Whether a folded name (`text::fold`) is an entry of places.txt.
    pub fn is_place(&self, folded: &str) -> bool {
        self.places.contains(folded)
    }

    /// Whether a folded name is an entry of org-names.txt or places.txt.
    pub fn is_known_name(&self, folded: &str) -> bool {
        self.is_org_name(folded) || self.is_place(folded)
    }
}
