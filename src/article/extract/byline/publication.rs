//! The name and publication tests behind bylines: whether a segment of a byline is a person's
//! name (capitalised words, particles, initials; no headline verb, title or organisation
//! word), a publication ("Houston Chronicle", "The Associated Press", an acronym) or a wire
//! agency printed after a name ("Brad Schade Reuters"). `byline` reads the line; this module
//! judges its parts, with the word sets and the lexicon it is given.

use super::*;

/// "Brad Schade Reuters" → ("Brad Schade", Reuters): a wire agency printed after the name
/// with no comma.
pub(super) fn split_agency(name: &str) -> (&str, Option<&'static str>) {
    match name.rsplit_once(' ') {
        Some((person, last)) if person.contains(' ') => match agency(last) {
            Some(agency) => (person.trim(), Some(agency)),
            None => (name, None),
        },
        _ => (name, None),
    }
}

/// "Hattie Lowther-Bain in London" → "Hattie Lowther-Bain".
pub(super) fn strip_place(name: &str) -> &str {
    let split = name.split_once(" in ").or_else(|| name.split_once(" IN "));
    match split {
        Some((person, place))
            if !place.trim().is_empty()
                && place.split_whitespace().all(|w| w.starts_with(char::is_uppercase)) =>
        {
            person.trim()
        }
        _ => name,
    }
}

pub(super) fn is_suffix(seg: &str) -> bool {
    matches!(seg.trim_end_matches('.'), "Jr" | "JR" | "Sr" | "SR" | "II" | "III" | "IV")
}

/// A wire agency under the name morgue uses for it ("THE ASSOCIATED PRESS", "AP" →
/// "Associated Press").
pub(super) fn agency(seg: &str) -> Option<&'static str> {
    let folded = fold(seg);
    let name = folded.strip_prefix("the ").unwrap_or(&folded);
    Some(match name {
        "associated press" | "ap" => "Associated Press",
        "reuters" | "reuter" | "thomson reuters" => "Reuters",
        "afp" | "agence france presse" => "Agence France-Presse",
        "upi" | "united press international" => "United Press International",
        _ => return None,
    })
}

/// An organisation credited in place of authors ("THE ASSOCIATED PRESS", "Reuters Staff",
/// "Bloomberg News", "CNN"): an agency, or a publication-shaped name holding a news word or
/// that is an acronym, and not starting with a given name ("David Sun").
pub(super) fn org_credit(seg: &str, lex: &Lexicon) -> Option<String> {
    let seg = seg.trim().trim_end_matches('.').trim();
    let core = STAFF_TAILS.iter().find_map(|tail| strip_suffix_ci(seg, tail)).unwrap_or(seg).trim();
    if let Some(name) = agency(core) {
        return Some(name.to_string());
    }
    let words: Vec<&str> = core.split_whitespace().collect();
    let first_given = words.first().is_some_and(|w| lex.listed(&fold_word(w), class::GIVEN));
    let org = pub_shape(core, false)
        && !first_given
        && (has_pub_word(core) || (words.len() == 1 && is_acronym(words[0], lex)));
    org.then(|| core.to_string())
}

/// A publication named in a byline segment: a run of capitalised words (with connectors, no
/// digits or headline verbs) that also proves itself as `proof` asks, and is not a person.
pub(super) fn publication(seg: &str, proof: Proof, lex: &Lexicon) -> Option<String> {
    let seg = seg.trim().trim_end_matches('.').trim();
    if let Some(name) = agency(seg) {
        return Some(name.to_string());
    }
    let proven = match proof {
        Proof::Shape => pub_shape(seg, true),
        Proof::Evidence => pub_shape(seg, false) && pub_evidence(seg, lex),
        Proof::Caps => {
            pub_shape(seg, false)
                && (has_pub_word(seg) || (!seg.contains(' ') && is_acronym(seg, lex)))
                && !person_name(seg, lex)
        }
    };
    proven.then(|| seg.to_string())
}

/// Capitalised words, connectors ("of", "and") inside, "&"; no digits or headline verbs, and
/// not an office ("Secretary of the Presidential Commission").
pub(super) fn pub_shape(seg: &str, parentheses: bool) -> bool {
    let words: Vec<&str> = seg.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 8
        || seg.len() > 80
        || !seg.starts_with(char::is_uppercase)
        || in_list(&OFFICES, &fold_word(words[0]))
        || words.iter().any(|w| w.len() >= 3 && month_from_name(w).is_some())
    {
        return false;
    }
    let last = words.len() - 1;
    words.iter().enumerate().all(|(i, w)| {
        let w = if parentheses { w.trim_matches(['(', ')']) } else { w };
        let folded = fold_word(w);
        !w.is_empty()
            && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '&' | '\'' | '’' | '-' | '/'))
            && (w.starts_with(char::is_uppercase)
                || w == "&"
                || (i > 0 && i < last && in_list(&CONNECTORS, w)))
            && !in_list(&HEADLINE_WORDS, &folded)
    })
}

/// Evidence that a publication-shaped segment names a publication, not a person or a phrase.
pub(super) fn pub_evidence(seg: &str, lex: &Lexicon) -> bool {
    let words: Vec<&str> = seg.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| fold_word(w)).collect();
    let Some(first) = folded.first() else { return false };
    let first_given = lex.listed(first, class::GIVEN);
    let sections = folded.iter().filter(|w| in_list(&SECTION_WORDS, w)).count();
    if person_name(seg, lex) {
        return false;
    }
    (has_pub_word(seg) && !first_given)
        || (words.len() == 1 && is_acronym(words[0], lex))
        || (first == "the" && (2..=4).contains(&words.len()) && !first_given && sections == 0)
        || (words.len() == 3
            && matches!(folded[1].as_str(), "and" | "&")
            && sections == 0
            && !words.iter().any(|w| lex.is_place(&fold(w))))
}

pub(super) fn has_pub_word(seg: &str) -> bool {
    seg.split(|c: char| !c.is_alphanumeric()).any(|w| !w.is_empty() && in_list(&PUB_WORDS, &fold_word(w)))
}

/// "CNN", "TNN", "NPR": three to five capitals, not a country or bloc ("USA", "NATO") and
/// not a word in capitals ("YEAR").
pub(super) fn is_acronym(word: &str, lex: &Lexicon) -> bool {
    let folded = fold_word(word);
    (3..=5).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_uppercase())
        && !in_list(&NOT_PUBLICATIONS, word)
        && !lex.listed(&folded, class::NON_NAME)
        && !in_list(&SECTION_WORDS, &folded)
        && !in_list(&PAGE_WORDS, &folded)
}

/// One to six words, starting with a capital, each capitalised or a name particle
/// ("al-Obaidi", "von"), no digits or sentence punctuation; not opening with an article or
/// determiner ("The Numbers", "Any Means") and, for one word, not a word that is never a
/// name ("Monday").
pub(super) fn looks_like_name(name: &str, lex: &Lexicon) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(first) = words.first() else { return false };
    let first = fold_word(first);
    (1..=6).contains(&words.len())
        && name.len() <= 60
        && name.starts_with(char::is_uppercase)
        && words.iter().all(|w| name_word(w))
        && !in_list(&DETERMINERS, &first)
        && (words.len() > 1 || !lex.listed(&first, class::NON_NAME) || lex.listed(&first, class::GIVEN))
}

pub(super) fn name_word(word: &str) -> bool {
    if !word.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        || !word.chars().any(char::is_alphabetic)
    {
        return false;
    }
    if word.starts_with(char::is_uppercase) {
        return true;
    }
    if in_list(&PARTICLES, word) {
        return true;
    }
    // "al-Obaidi", "d'Arcy"
    word.split_once(['-', '\'', '’'])
        .is_some_and(|(particle, rest)| in_list(&PARTICLES, particle) && rest.starts_with(char::is_uppercase))
}

/// Strict names of a bare line: every name in the "A and B" list passes `person_name`.
pub(super) fn strict_names(seg: &str, lex: &Lexicon) -> Option<Vec<String>> {
    let names: Vec<&str> = split_list(seg).collect();
    (!names.is_empty() && names.iter().all(|n| person_name(n, lex)))
        .then(|| names.iter().map(|n| normalize_name(n)).collect())
}

/// The strict test for a person's name on a line with no "By": two to four name words (plus
/// "Jr."), initials only as one letter and a period, no headline verb, function word, news
/// word or page word, no title or place first ("President", "Iowa"), not ending in an
/// organisation word ("Houston Chronicle", "Supreme Court"), not a known organisation or
/// place ("Dow Jones"); in capitals, a known given name, an initial or a particle as well.
pub(super) fn person_name(name: &str, lex: &Lexicon) -> bool {
    name_words(name, true, lex)
}

/// `person_name`, where `caps_evidence` asks a name printed in capitals for more evidence.
pub(super) fn name_words(name: &str, caps_evidence: bool, lex: &Lexicon) -> bool {
    let name = name.trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let core = words.len() - usize::from(words.last().is_some_and(|w| is_suffix(w)));
    if !(2..=4).contains(&core) || !looks_like_name(name, lex) {
        return false;
    }
    // Runs of spaces are table columns, not a name.
    if name.contains("  ") || name.contains('\t') || lex.is_org_name(&fold(name)) || lex.is_place(&fold(name))
    {
        return false;
    }
    let mixed_case = name.chars().any(char::is_lowercase);
    let initial = |w: &&str| w.chars().count() == 2 && w.ends_with('.');
    for (i, word) in words[..core].iter().enumerate() {
        let folded = fold_word(word);
        let given = lex.listed(&folded, class::GIVEN);
        let dotted = word.contains('.') && !initial(word);
        let acronym = mixed_case && word.chars().count() <= 3 && word.chars().all(char::is_uppercase);
        if dotted
            || acronym
            || in_list(&HEADLINE_WORDS, &folded)
            || in_list(&ROLE_NOUNS, &folded)
            || (!given
                && (lex.listed(&folded, class::NON_NAME)
                    || in_list(&PUB_WORDS, &folded)
                    || in_list(&PAGE_WORDS, &folded)
                    || in_list(&SECTION_WORDS, &folded)))
            || (i == 0 && !given && (lex.listed(&folded, class::TITLE) || lex.is_place(&fold(word))))
        {
            return false;
        }
    }
    // In capitals every headline looks like a name: ask for a known given name first, an
    // initial or a particle ("EDITH M. LEDERER", "MUSTAFA SALIM AL-OBAIDI").
    if caps_evidence
        && !mixed_case
        && !lex.listed(&fold_word(words[0]), class::GIVEN)
        && !words
            .iter()
            .any(|w| initial(w) || in_list(&PARTICLES, &fold_word(w.split('-').next().unwrap_or(w))))
    {
        return false;
    }
    let last = fold_word(words[core - 1]);
    !lex.listed(&last, class::ORG_WORD) || lex.listed(&last, class::GIVEN)
}
