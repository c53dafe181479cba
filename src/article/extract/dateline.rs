//! Datelines: the place a story was filed from, printed before the body's first separator
//! ("MOSCOW -- ", "HELSINKI (AP) — ", "NEW YORK, March 26 - ", "TEHRAN, May 14 (Reuters) - ").
//! `split` finds one at the start of a paragraph and separates the place (as printed, without
//! agency tag or month-day) from the story text; `normalize` turns it into the counting form
//! ("SAN JUAN, Puerto Rico" → "San Juan, Puerto Rico").

use super::date;

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline<'a> {
    /// The place as printed, without agency tag or date ("AKRON, Ohio").
    pub place: &'a str,
    /// The agency tag that stood in parentheses ("AP", "Reuters").
    pub agency: Option<&'a str>,
    /// The month and day printed with the place (wire copy gives no year).
    pub month_day: Option<(u8, u8)>,
    /// The paragraph text after the separator.
    pub rest: &'a str,
}

/// How far into a paragraph the separator may stand.
const MAX_PREFIX: usize = 90;

/// Words that are printed in capitals before a dash but are not places.
const NOT_PLACES: [&str; 14] = [
    "UPDATE",
    "NOTE",
    "EDITORS",
    "EDITOR'S NOTE",
    "CORRECTION",
    "CLARIFICATION",
    "BREAKING",
    "ADVISORY",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "COMMENTARY",
    "FACTBOX",
    "REFILE",
];

/// Finds a dateline at the start of `para`. The text before the first separator (" -- ",
/// "—", "–", " - ", " _ ", ": ", or a dash ending the line) must look like a place: at most a
/// few words, no digits, a city part in capitals (any case is accepted when a month-day
/// follows it, which is strong wire evidence), and capitalised state or country parts.
pub fn split(para: &str) -> Option<Dateline<'_>> {
    let (head, rest, colon) = separate(para)?;
    let (head, agency) = strip_agency(head);
    let (head, month_day) = strip_month_day(head);
    let lenient = month_day.is_some() && !colon;
    if !looks_like_place(head, lenient) {
        return None;
    }
    Some(Dateline { place: head, agency, month_day, rest })
}

/// Cleans a dateline given on its own (a "Dateline:" field): removes a trailing separator,
/// agency tag and month-day; `None` if nothing is left.
pub fn clean(value: &str) -> Option<&str> {
    let v = value.trim().trim_end_matches(['-', '—', '–', '_', ':', ' ']);
    let (v, _) = strip_agency(v);
    let (v, _) = strip_month_day(v);
    let v = v.trim_end_matches([',', ' ']);
    (!v.is_empty()).then_some(v)
}

/// Splits at the earliest separator within `MAX_PREFIX` bytes: (head, rest, was a colon).
fn separate(para: &str) -> Option<(&str, &str, bool)> {
    let bytes = para.as_bytes();
    let limit = bytes.len().min(MAX_PREFIX);
    let mut i = 1;
    while i < limit {
        let b = bytes[i];
        let sep_len = match b {
            b'-' if bytes.get(i + 1) == Some(&b'-') => 2,
            b'-' if bytes[i - 1] == b' ' && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) => 1,
            b'_' if bytes[i - 1] == b' ' && matches!(bytes.get(i + 1), None | Some(b' ')) => 1,
            b':' if matches!(bytes.get(i + 1), Some(b' ')) => 1,
            // U+2014 em dash and U+2013 en dash: E2 80 94 / E2 80 93.
            0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x93 | 0x94)) => 3,
            _ => {
                i += 1;
                continue;
            }
        };
        let head = para[..i].trim_end();
        let rest = para[i + sep_len..].trim_start_matches(['-', ' ', '\t']);
        if head.is_empty() {
            return None;
        }
        return Some((head, rest, b == b':'));
    }
    None
}

/// "HELSINKI (AP)" → ("HELSINKI", Some("AP")).
fn strip_agency(head: &str) -> (&str, Option<&str>) {
    if let Some(inner) = head.strip_suffix(')') {
        if let Some(open) = inner.rfind('(') {
            let tag = inner[open + 1..].trim();
            if !tag.is_empty()
                && tag.len() <= 24
                && tag.chars().next().is_some_and(char::is_alphabetic)
                && !tag.bytes().any(|b| b.is_ascii_digit())
            {
                return (inner[..open].trim_end(), Some(tag));
            }
        }
    }
    (head, None)
}

/// "NEW YORK, March 26" → ("NEW YORK", Some((3, 26))); also "RICHMOND, Va. Feb 26",
/// "AMSTERDAM, 2 March" and a trailing year ("LONDON, March 3, 2019").
fn strip_month_day(head: &str) -> (&str, Option<(u8, u8)>) {
    let mut h = head.trim_end_matches([',', ' ']);
    if let Some((before, last)) = h.rsplit_once([' ', ',']) {
        if last.len() == 4 && last.bytes().all(|b| b.is_ascii_digit()) {
            h = before.trim_end_matches([',', ' ']);
        }
    }
    let Some((before, second)) = h.rsplit_once(' ') else { return (head, None) };
    let before = before.trim_end_matches([',', ' ']);
    let (place, first) = before.rsplit_once([' ', ',']).unwrap_or(("", before));
    match date::month_day_pair(first, second) {
        Some(md) => (place.trim_end_matches([',', ' ']), Some(md)),
        None => (head, None),
    }
}

/// Whether `head` reads like a dateline place. Strict: the city part (before the first comma)
/// is written in capitals; lenient: it may be in any case but must start with a letter.
pub fn looks_like_place(head: &str, lenient: bool) -> bool {
    if head.is_empty() || head.len() > 60 {
        return false;
    }
    if !head.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | ',' | '\'' | '’' | '-' | '&' | '/'))
    {
        return false;
    }
    let mut parts = head.split(',');
    let city = parts.next().unwrap_or_default().trim();
    let city_words = city.split_whitespace().count();
    if city_words == 0 || city_words > 5 || !city.starts_with(char::is_alphabetic) {
        return false;
    }
    let letters = city.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 {
        return false;
    }
    if !lenient && (city.chars().any(char::is_lowercase) || NOT_PLACES.contains(&city)) {
        return false;
    }
    let mut extra_parts = 0;
    for part in parts {
        extra_parts += 1;
        let words: Vec<&str> = part.split_whitespace().collect();
        if extra_parts > 2 || words.is_empty() || words.len() > 4 {
            return false;
        }
        let capitalised = |w: &&str| {
            w.starts_with(char::is_uppercase) || matches!(*w, "of" | "de" | "la" | "del" | "du" | "and")
        };
        if !lenient && (!words.iter().all(capitalised) || !words[0].starts_with(char::is_uppercase)) {
            return false;
        }
    }
    true
}

/// The place for counting: the city part in title case when it is printed all in one case
/// ("ST. LOUIS" → "St. Louis", "WASHINGTON" → "Washington"), state or country kept.
pub fn normalize(dateline: &str) -> String {
    let dateline = dateline.trim();
    let (city, rest) = match dateline.split_once(',') {
        Some((city, rest)) => (city.trim(), Some(rest)),
        None => (dateline, None),
    };
    let one_case = !city.chars().any(char::is_lowercase) || !city.chars().any(char::is_uppercase);
    let mut out = if one_case { title_case(city) } else { city.to_string() };
    if let Some(rest) = rest {
        for part in rest.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            out.push_str(", ");
            out.push_str(part);
        }
    }
    out
}

/// Title case for names printed in capitals: "MARY CLAIRE" → "Mary Claire", "HYUNG-JIN" →
/// "Hyung-Jin", "O'NEILL" → "O'Neill", "ST. LOUIS" → "St. Louis"; initials ("D.C.") and
/// Roman numerals ("III") stay in capitals.
pub fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let initials = word.len() >= 2
            && word.split_terminator('.').all(|p| p.chars().count() == 1)
            && word.ends_with('.');
        let roman = matches!(word.trim_end_matches([',', '.']), "II" | "III" | "IV" | "VI" | "VII");
        if initials || roman {
            out.push_str(word);
            continue;
        }
        let mut start = true;
        for c in word.chars() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = matches!(c, '-' | '\'' | '’' | '.' | '/');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(para: &str) -> Option<&str> {
        split(para).map(|d| d.place)
    }

    #[test]
    fn separators_and_tags() {
        assert_eq!(place("MOSCOW -- As U.S. tensions"), Some("MOSCOW"));
        assert_eq!(place("BRIDGEWATER, N.J. -- President"), Some("BRIDGEWATER, N.J."));
        let d = split("HELSINKI (AP) — Standing beside").unwrap();
        assert_eq!((d.place, d.agency, d.rest), ("HELSINKI", Some("AP"), "Standing beside"));
        assert_eq!(place("CÚCUTA, Colombia (AP) – Leaders"), Some("CÚCUTA, Colombia"));
        assert_eq!(place("WASHINGTON _ The Senate"), Some("WASHINGTON"));
        assert_eq!(place("WASHINGTON: The Senate"), Some("WASHINGTON"));
        assert_eq!(place("WASHINGTON—The Senate"), Some("WASHINGTON"));
    }

    #[test]
    fn wire_month_days() {
        let d = split("TEHRAN, May 14 (Reuters) - Iran said").unwrap();
        assert_eq!((d.place, d.agency, d.month_day), ("TEHRAN", Some("Reuters"), Some((5, 14))));
        assert_eq!(place("AKRON, Ohio, March 9 - Goodyear"), Some("AKRON, Ohio"));
        assert_eq!(place("NEW YORK, MArch 26 - Prices"), Some("NEW YORK"));
        assert_eq!(place("RICHMOND, Va. Feb 26 -"), Some("RICHMOND, Va."));
        assert_eq!(place("AMSTERDAM, 2 March - The bank"), Some("AMSTERDAM"));
        assert_eq!(place("ST. LOUIS, Oct. 20 -"), Some("ST. LOUIS"));
        assert_eq!(place("sioux falls, april 7 - cattle rose"), Some("sioux falls"));
        assert_eq!(split("APRIL 7 - 1000 hrs cdt"), None);
    }

    #[test]
    fn sentences_are_not_datelines() {
        for para in [
            "Trump said - and repeated - that",
            "The dollar -- which fell -- rose",
            "Note: prices are estimates",
            "UPDATE: the vote was delayed",
            "In 2019 - the year of",
            "Shr 1.19 dlrs vs 1.46 dlrs - net",
            "",
            "-- WASHINGTON",
            "Washington -- The Senate",
        ] {
            assert_eq!(place(para), None, "{para}");
        }
    }

    #[test]
    fn cleaning_and_normalizing() {
        assert_eq!(clean("WASHINGTON"), Some("WASHINGTON"));
        assert_eq!(clean("BAGHDAD (AP) --"), Some("BAGHDAD"));
        assert_eq!(normalize("SAN JUAN, Puerto Rico"), "San Juan, Puerto Rico");
        assert_eq!(normalize("ST. LOUIS"), "St. Louis");
        assert_eq!(normalize("WASHINGTON"), "Washington");
        assert_eq!(normalize("WILKES-BARRE, Pa."), "Wilkes-Barre, Pa.");
        assert_eq!(normalize("New York"), "New York");
        assert_eq!(normalize("CÚCUTA, Colombia"), "Cúcuta, Colombia");
        assert_eq!(title_case("WASHINGTON D.C."), "Washington D.C.");
        assert_eq!(title_case("ROBERT S. MUELLER III"), "Robert S. Mueller III");
    }
}
