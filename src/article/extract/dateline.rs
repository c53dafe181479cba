//! Datelines: the place a story was filed from, printed before the body's first separator
//! ("MOSCOW -- ", "HELSINKI (AP) — ", "NEW YORK, March 26 - ", "TEHRAN, May 14 (Reuters) - ",
//! "WASHINGTON, Oct. 14, 2019 — ", "Kabul, Afghanistan — "), or ended by an agency tag alone
//! ("NEW DELHI, Jan 5 (IANS) ", "MOSCOW, March 1. /TASS/. ", PR wires' "SAN FRANCISCO, March
//! 4, 2019 /PRNewswire/ -- " and "NEW YORK--(BUSINESS WIRE)--Feb. 12, 2020--"). `split` finds
//! one at the start of a paragraph and separates the place (as printed, without agency tag,
//! date or Markdown emphasis) from the story text; `clean` does the same for a "Dateline:"
//! value; `normalize` turns a place into the counting form ("SAN JUAN, Puerto Rico" → "San
//! Juan, Puerto Rico"). Broadcasters' tags stand with or without a place and may be glued to
//! the story ("Baghdad, Iraq (CNN)Iraqi forces …", "(CNN) -- "); the place is then empty.
//! `dated_line` reads a dateline printed as a line of its own with a full date ("BRUSSELS
//! 1996-08-22", "MONTGOMERY, Ala. 1996-08-22").

use super::date;
use super::text::{fold, fold_word, title_case};
use crate::article::lexicon::{class, Lexicon};
use crate::calendar::Date;

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline<'a> {
    /// The place as printed, without agency tag or date ("AKRON, Ohio"); empty when only an
    /// agency tag opens the paragraph ("(CNN) -- ").
    pub place: &'a str,
    /// The agency or wire tag that stood in parentheses or slashes ("AP", "Reuters", "IANS",
    /// "TASS", "PRNewswire", "BUSINESS WIRE").
    pub agency: Option<&'a str>,
    /// The month and day printed with the place without a year, as wire copy does (Reuters,
    /// UPI, Xinhua, IANS, TASS); `None` when the dateline prints a year (see `date`).
    pub month_day: Option<(u8, u8)>,
    /// The full date when the dateline prints one with a year ("WASHINGTON, Oct. 14, 2019 — ",
    /// "SAN FRANCISCO, March 4, 2019 /PRNewswire/ -- "): a dated dateline of any publisher.
    pub date: Option<Date>,
    /// The paragraph text after the separator.
    pub rest: &'a str,
}

/// How far into a paragraph the separator may stand.
const MAX_PREFIX: usize = 90;

/// Words printed before a dash or colon that are not places: story labels ("UPDATE -") and
/// the labels of header lines ("PUBLISHED: October 29, 2018", "BY: Jane Doe", "SOURCE: …").
/// Compared with the whole head and with each of its comma parts, ignoring case.
const NOT_PLACES: [&str; 54] = [
    "UPDATE",
    "UPDATED",
    "NOTE",
    "EDITORS",
    "EDITOR'S NOTE",
    "EDITORS NOTE",
    "CORRECTION",
    "CLARIFICATION",
    "BREAKING",
    "BREAKING NEWS",
    "ADVISORY",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "COMMENTARY",
    "FACTBOX",
    "REFILE",
    "PUBLISHED",
    "POSTED",
    "DATE",
    "DATED",
    "DATELINE",
    "BY",
    "BYLINE",
    "AUTHOR",
    "WRITER",
    "REPORTER",
    "CONTACT",
    "MEDIA CONTACT",
    "PHOTO",
    "PHOTOS",
    "PHOTOGRAPH",
    "VIDEO",
    "CREDIT",
    "CAPTION",
    "SOURCE",
    "SOURCES",
    "HEADLINE",
    "TITLE",
    "SUBJECT",
    "SECTION",
    "LENGTH",
    "BODY",
    "TAGS",
    "TOPICS",
    "RELATED",
    "READ MORE",
    "SEE ALSO",
    "WATCH",
    "EMAIL",
    "PHONE",
    "FROM",
    "HOST",
    "TRANSCRIPT",
];

/// US state abbreviations (AP style and postal) that may follow a mixed-case city
/// ("Camp Lejeune, N.C. — "). places.txt holds the spelled-out names.
const STATE_ABBREVIATIONS: [&str; 99] = [
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.", "Kan.",
    "Kans.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.", "Nev.", "N.H.",
    "N.J.", "N.M.", "N.Y.", "N.C.", "N.D.", "Okla.", "Ore.", "Pa.", "R.I.", "S.C.", "S.D.", "Tenn.", "Vt.",
    "Va.", "Wash.", "W.Va.", "Wis.", "Wyo.", "D.C.", "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL",
    "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT",
    "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX",
    "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "Tex.", "Wisc.", "Penn.", "Cal.",
];

/// The separator after a dateline's head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Separator {
    /// An em or en dash, or "--" standing for one.
    Dash,
    /// ": " (Asian and Middle Eastern papers: "NEW DELHI: ").
    Colon,
    /// " - ", " _ " or a hyphen ending the line (Reuters, old wire copy).
    Hyphen,
}

/// Finds a dateline at the start of `para`. The text before the first separator (" -- ",
/// "—", "–", " - ", " _ ", ": ", or a dash ending the line) must look like a place: at most a
/// few words, no digits, a city part in capitals (any case is accepted when a month-day
/// follows it, which is strong wire evidence, or before a dash when a later comma part is a
/// known country or US state), and capitalised state or country parts. Without a separator,
/// a capitals place and month-day ended by an agency tag ("(IANS)", "/TASS/.") is one too.
pub fn split<'a>(para: &'a str, lex: &Lexicon) -> Option<Dateline<'a>> {
    // Markdown emphasis around the place: "**BEIJING** — ", "*BEIJING* — ".
    let unemphasised = para.trim_start_matches(['*', '_']);
    let emphasised = unemphasised.len() < para.len();
    separated(unemphasised, emphasised, lex).or_else(|| tagged(unemphasised)).or_else(|| glued(unemphasised))
}

/// A dateline printed as a line of its own: a place and a full date, nothing else ("BRUSSELS
/// 1996-08-22", "MONTGOMERY, Ala. 1996-08-22", "LIMA, Peru, March 3, 1998").
pub fn dated_line<'l>(line: &'l str, lex: &Lexicon) -> Option<(&'l str, Date)> {
    let line = line.trim();
    if line.len() > 80 || !line.starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    let (head, last) = line.rsplit_once(' ')?;
    let (place, date) = match date::parse_in(last, lex.date_order())
        .filter(|_| last.starts_with(|c: char| c.is_ascii_digit()))
    {
        Some(date) => (head.trim_end_matches([',', ' ']), date),
        None => match strip_date(line) {
            (place, None, Some(date)) => (place, date),
            _ => return None,
        },
    };
    let place_ok = looks_like_place(place, false) || known_place(place, lex);
    (place_ok && !is_label(place)).then_some((place, date))
}

/// An agency tag in parentheses after a place in capitalised words (or with no place at all)
/// and the story glued to it or after a dash: "Baghdad, Iraq (CNN)Iraqi forces …", "(CNN) --
/// Officials …", "Washington (CNN) — ". The tag is a short name in capitals ("CNN", "AFP").
fn glued(para: &str) -> Option<Dateline<'_>> {
    let open = para.get(..para.len().min(MAX_PREFIX))?.find('(')?;
    let close = open + para[open..].find(')').filter(|&c| c <= 16)?;
    let tag = &para[open + 1..close];
    let capitals = tag.chars().filter(char::is_ascii_uppercase).count();
    if !valid_tag(tag) || tag.contains(' ') || capitals < 2 || capitals * 2 < tag.len() {
        return None;
    }
    let after = &para[close + 1..];
    let rest = match strip_dash(after.trim_start()) {
        Some(rest) => rest,
        None if after.starts_with(|c: char| c.is_uppercase() || matches!(c, '"' | '\u{201c}' | '\'')) => {
            after
        }
        None => return None,
    };
    let place = para[..open].trim_end().trim_end_matches(',');
    if !place.is_empty() && (is_label(place) || !capitalised_place(place)) {
        return None;
    }
    Some(Dateline { place, agency: Some(tag), month_day: None, date: None, rest })
}

/// A place in capitalised words: at most three comma parts of at most four words each, every
/// word capitalised ("Baghdad, Iraq", "Rio de Janeiro, Brazil" allows lower-case particles).
fn capitalised_place(head: &str) -> bool {
    let particle = |w: &str| matches!(w, "of" | "de" | "la" | "del" | "du" | "and" | "el" | "al");
    looks_like_place(head, true)
        && head.split(',').count() <= 3
        && head.split(',').all(|part| {
            let words: Vec<&str> = part.split_whitespace().collect();
            (1..=4).contains(&words.len())
                && words[0].starts_with(char::is_uppercase)
                && words.iter().all(|w| w.starts_with(char::is_uppercase) || particle(w))
        })
}

/// `split` for a head ended by a separator.
fn separated<'a>(para: &'a str, emphasised: bool, lex: &Lexicon) -> Option<Dateline<'a>> {
    let (mut head, mut rest, separator) = separate(para)?;
    if emphasised {
        head = head.trim_end_matches(['*', '_']).trim_end();
        rest = rest.trim_start_matches(['*', '_', ' ']);
    }
    let (head, mut agency) = strip_agency(head);
    let (head, month_day, mut date) = strip_date(head);
    if agency.is_none() && month_day.is_none() && date.is_none() {
        // PR wires: "NEW YORK--(BUSINESS WIRE)--Feb. 12, 2020--Text".
        if let Some((tag, wire_date, after)) = wire_tail(rest) {
            (agency, date, rest) = (Some(tag), wire_date, after);
        }
    }
    if separator == Separator::Colon && starts_with_date(rest) {
        // "PUBLISHED: October 29, 2018" is a header label, not "PUBLISHED" filing a story.
        return None;
    }
    if is_label(head) {
        return None;
    }
    if head.is_empty() && agency.is_some() && separator != Separator::Colon {
        // "(CNN) -- Text": the broadcaster without a place.
        return Some(Dateline { place: head, agency, month_day, date, rest });
    }
    let lenient = (month_day.is_some() || date.is_some()) && separator != Separator::Colon;
    let place_ok =
        looks_like_place(head, lenient) || (separator == Separator::Dash && known_place(head, lex));
    if !place_ok {
        return None;
    }
    Some(Dateline { place: head, agency, month_day, date, rest })
}

/// `split` for a head ended by an agency tag and no separator: "NEW DELHI, Jan 5 (IANS) Text",
/// "MOSCOW, March 1. /TASS/. Text". The place must be in capitals and a month-day (or date)
/// must stand before the tag.
fn tagged(para: &str) -> Option<Dateline<'_>> {
    let limit = para.len().min(MAX_PREFIX);
    // "(IANS)", or " /TASS/" (a slash inside the place, "BRUSSELS/LONDON", opens no tag).
    let bytes = para.as_bytes();
    let open = (1..limit).find(|&i| bytes[i] == b'(' || (bytes[i] == b'/' && bytes[i - 1] == b' '))?;
    let close_char = if bytes[open] == b'(' { ')' } else { '/' };
    let after_open = &para[open + 1..];
    let close = after_open.find(close_char).filter(|&c| c <= 30)?;
    let tag = after_open[..close].trim();
    if !valid_tag(tag) || (close_char == '/' && tag.contains(' ')) {
        return None;
    }
    let after = after_open[close + 1..].strip_prefix('.').unwrap_or(&after_open[close + 1..]);
    if !after.starts_with([' ', '\t']) {
        return None;
    }
    let rest = after.trim_start_matches(['-', '—', '–', ' ', '\t']);
    let head = para[..open].trim_end().trim_end_matches(['.', ',']);
    let (place, month_day, date) = strip_date(head);
    if (month_day.is_none() && date.is_none()) || is_label(place) || !looks_like_place(place, false) {
        return None;
    }
    Some(Dateline { place, agency: Some(tag), month_day, date, rest })
}

/// Cleans a dateline given on its own (a "Dateline:" field, also with the label left on):
/// removes a trailing separator, agency tag and month-day or date ("BAGHDAD, Iraq, Nov. 2" →
/// "BAGHDAD, Iraq"); `None` if nothing is left.
pub fn clean(value: &str) -> Option<&str> {
    let mut v = value.trim();
    if v.get(..9).is_some_and(|l| l.eq_ignore_ascii_case("dateline:")) {
        v = v[9..].trim_start();
    }
    let v = v.trim_end_matches(['-', '—', '–', '_', ':', ' ']);
    let (v, _) = strip_agency(v);
    let (v, _, _) = strip_date(v);
    let v = v.trim_end_matches([',', ' ']);
    (!v.is_empty()).then_some(v)
}

/// Splits at the earliest separator within `MAX_PREFIX` bytes: (head, rest, separator).
fn separate(para: &str) -> Option<(&str, &str, Separator)> {
    let bytes = para.as_bytes();
    let limit = bytes.len().min(MAX_PREFIX);
    let mut i = 1;
    while i < limit {
        let b = bytes[i];
        let (sep_len, separator) = match b {
            b'-' if bytes.get(i + 1) == Some(&b'-') => (2, Separator::Dash),
            b'-' if bytes[i - 1] == b' ' && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) => {
                (1, Separator::Hyphen)
            }
            b'_' if bytes[i - 1] == b' ' && matches!(bytes.get(i + 1), None | Some(b' ')) => {
                (1, Separator::Hyphen)
            }
            b':' if matches!(bytes.get(i + 1), Some(b' ')) => (1, Separator::Colon),
            // U+2014 em dash and U+2013 en dash: E2 80 94 / E2 80 93.
            0xE2 if bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x93 | 0x94)) => {
                (3, Separator::Dash)
            }
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
        return Some((head, rest, separator));
    }
    None
}

/// An agency tag's text: starts with a letter, short, no digits ("AP", "Reuters", "BUSINESS
/// WIRE", "PRNewswire").
fn valid_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 24
        && tag.chars().next().is_some_and(char::is_alphabetic)
        && !tag.bytes().any(|b| b.is_ascii_digit())
}

/// "HELSINKI (AP)" → ("HELSINKI", Some("AP")); "SAN FRANCISCO, March 4, 2019 /PRNewswire/" →
/// ("SAN FRANCISCO, March 4, 2019", Some("PRNewswire")).
fn strip_agency(head: &str) -> (&str, Option<&str>) {
    if let Some(inner) = head.strip_suffix(')') {
        if let Some(open) = inner.rfind('(') {
            let tag = inner[open + 1..].trim();
            if valid_tag(tag) {
                return (inner[..open].trim_end(), Some(tag));
            }
        }
    }
    if let Some(inner) = head.strip_suffix('/') {
        if let Some(open) = inner.rfind(" /") {
            let tag = &inner[open + 2..];
            if valid_tag(tag) && !tag.contains(' ') {
                return (inner[..open].trim_end(), Some(tag));
            }
        }
    }
    (head, None)
}

/// The PR-wire tail after the place: "(BUSINESS WIRE)--Feb. 12, 2020--Text" → ("BUSINESS
/// WIRE", the date, "Text"); the date part is optional.
fn wire_tail(rest: &str) -> Option<(&str, Option<Date>, &str)> {
    let inner = rest.strip_prefix('(')?;
    let close = inner.find(')').filter(|&c| c <= 30)?;
    let tag = inner[..close].trim();
    if !valid_tag(tag) {
        return None;
    }
    let after = strip_dash(inner[close + 1..].trim_start())?;
    if let Some(end) = after.find(['-', '—', '–']).filter(|&end| end <= 40) {
        if let Some(date) = date::parse(&after[..end]) {
            if let Some(text) = strip_dash(&after[end..]) {
                return Some((tag, Some(date), text));
            }
        }
    }
    Some((tag, None, after))
}

/// Removes a leading "--", "—", "–" or "-" and the spaces after it; `None` without one.
fn strip_dash(text: &str) -> Option<&str> {
    let rest = text
        .strip_prefix("--")
        .or_else(|| text.strip_prefix('—'))
        .or_else(|| text.strip_prefix('–'))
        .or_else(|| text.strip_prefix('-'))?;
    Some(rest.trim_start())
}

/// Whether `text` opens with a date or month-day ("October 29, 2018 at …", "3/4/2019 …").
fn starts_with_date(text: &str) -> bool {
    let mut words = text.split_whitespace().map(|w| w.trim_end_matches([',', '.']));
    let (Some(a), b) = (words.next(), words.next()) else { return false };
    // A slashed date counts even when its order is ambiguous ("3/4/2019").
    let slashed = a.matches('/').count() == 2 && a.bytes().all(|c| c.is_ascii_digit() || c == b'/');
    slashed || date::parse(a).is_some() || b.is_some_and(|b| date::month_day_pair(a, b).is_some())
}

/// Whether the head, or one of its comma parts, is a label word rather than a place.
fn is_label(head: &str) -> bool {
    let label = |s: &str| {
        let s = s.trim();
        NOT_PLACES.iter().any(|l| l.eq_ignore_ascii_case(s))
    };
    label(head) || head.split(',').any(label)
}

/// "NEW YORK, March 26" → ("NEW YORK", Some((3, 26)), None); also "RICHMOND, Va. Feb 26",
/// "AMSTERDAM, 2 March", "MOSCOW, March 1."; with a year ("WASHINGTON, Oct. 14, 2019") the
/// date is returned instead of the month-day. A month-day with a year that is no real day
/// leaves the head as it was.
fn strip_date(head: &str) -> (&str, Option<(u8, u8)>, Option<Date>) {
    let mut h = head.trim_end_matches([',', ' ', '.']);
    let mut year = None;
    if let Some((before, last)) = h.rsplit_once([' ', ',']) {
        if last.len() == 4 && last.bytes().all(|b| b.is_ascii_digit()) {
            year = last.parse::<i32>().ok();
            h = before.trim_end_matches([',', ' ']);
        }
    }
    let Some((before, second)) = h.rsplit_once(' ') else { return (head, None, None) };
    let before = before.trim_end_matches([',', ' ']);
    let (place, first) = before.rsplit_once([' ', ',']).unwrap_or(("", before));
    let Some((month, day)) = date::month_day_pair(first, second) else { return (head, None, None) };
    let place = place.trim_end_matches([',', ' ']);
    match year {
        None => (place, Some((month, day)), None),
        Some(y) => match Date::new(y, month, day) {
            Some(date) => (place, None, Some(date)),
            None => (head, None, None),
        },
    }
}

/// A mixed-case place before a dash ("Kabul, Afghanistan", "Camp Lejeune, N.C."): two or three
/// comma parts of capitalised words, a later part a country, state or region of places.txt or
/// a US state abbreviation, and no sentence word (non-names.txt: "Earlier", "Meanwhile") in
/// the city part.
fn known_place(head: &str, lex: &Lexicon) -> bool {
    if head.len() > 60 || head.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let parts: Vec<&str> = head.split(',').map(str::trim).collect();
    if !(2..=3).contains(&parts.len()) {
        return false;
    }
    let capitalised_words = |part: &str| {
        let words: Vec<&str> = part.split_whitespace().collect();
        (1..=4).contains(&words.len())
            && words.iter().all(|w| {
                w.starts_with(char::is_uppercase)
                    && w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
            })
    };
    let city = parts[0];
    capitalised_words(city)
        && !city.split_whitespace().any(|w| lex.is(&fold_word(w), class::NON_NAME))
        && parts[1..].iter().all(|p| capitalised_words(p))
        && parts[1..].iter().any(|p| STATE_ABBREVIATIONS.contains(p) || lex.is_place(&fold(p)))
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

/// The key a place is counted and filtered by (`place_key`): the city part of the
/// normalised place, folded ("Caracas, Venezuela", "CARACAS" and "Caracas" → "caracas";
/// "St. Louis, Mo." → "st louis"). A state or country qualifier is dropped, so a city printed
/// with and without it counts once; two cities of one name in different countries count
/// together too (datelines print the qualifier mostly for towns a reader would not place).
/// Empty when the place has no letters or digits.
pub fn place_key(place: &str) -> String {
    let city = place.split_once(',').map_or(place, |(city, _)| city);
    fold(city)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;

    #[test]
    fn place_keys_drop_the_qualifier_and_fold() {
        for (place, key) in [
            ("Caracas, Venezuela", "caracas"),
            ("Caracas", "caracas"),
            ("CARACAS", "caracas"),
            ("Tehran, Iran", "tehran"),
            ("St. Louis, Mo.", "st louis"),
            ("Cúcuta, Colombia", "cucuta"),
            ("Wilkes-Barre, Pa.", "wilkes barre"),
            ("New York", "new york"),
            ("", ""),
        ] {
            assert_eq!(place_key(place), key, "{place}");
        }
        assert_eq!(place_key(&normalize("CARACAS, Venezuela")), place_key(&normalize("Caracas")));
    }

    fn place(para: &str) -> Option<&str> {
        split(para, &Lexicon::builtin()).map(|d| d.place)
    }

    #[test]
    fn separators_and_tags() {
        assert_eq!(place("MOSCOW -- As U.S. tensions"), Some("MOSCOW"));
        assert_eq!(place("BRIDGEWATER, N.J. -- President"), Some("BRIDGEWATER, N.J."));
        let d = split("HELSINKI (AP) — Standing beside", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.agency, d.rest), ("HELSINKI", Some("AP"), "Standing beside"));
        assert_eq!(place("CÚCUTA, Colombia (AP) – Leaders"), Some("CÚCUTA, Colombia"));
        assert_eq!(place("WASHINGTON _ The Senate"), Some("WASHINGTON"));
        assert_eq!(place("WASHINGTON: The Senate"), Some("WASHINGTON"));
        assert_eq!(place("WASHINGTON—The Senate"), Some("WASHINGTON"));
    }

    #[test]
    fn wire_month_days() {
        let d = split("TEHRAN, May 14 (Reuters) - Iran said", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.agency, d.month_day), ("TEHRAN", Some("Reuters"), Some((5, 14))));
        assert_eq!(place("AKRON, Ohio, March 9 - Goodyear"), Some("AKRON, Ohio"));
        assert_eq!(place("NEW YORK, MArch 26 - Prices"), Some("NEW YORK"));
        assert_eq!(place("RICHMOND, Va. Feb 26 -"), Some("RICHMOND, Va."));
        assert_eq!(place("AMSTERDAM, 2 March - The bank"), Some("AMSTERDAM"));
        assert_eq!(place("ST. LOUIS, Oct. 20 -"), Some("ST. LOUIS"));
        assert_eq!(place("sioux falls, april 7 - cattle rose"), Some("sioux falls"));
        assert_eq!(split("APRIL 7 - 1000 hrs cdt", &Lexicon::builtin()), None);
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
    fn agency_tag_without_a_separator() {
        let d =
            split("NEW DELHI, Jan 5 (IANS) Iran said it would keep selling", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.agency, d.month_day, d.date), ("NEW DELHI", Some("IANS"), Some((1, 5)), None));
        assert_eq!(d.rest, "Iran said it would keep selling");
        let d = split("BEIJING, Jan. 14 (Xinhua) Chinese Vice Premier Liu He", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.agency), ("BEIJING", Some("Xinhua")));
        let d = split("MOSCOW, March 1. /TASS/. Russia said it would", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.agency, d.month_day), ("MOSCOW", Some("TASS"), Some((3, 1))));
        assert_eq!(d.rest, "Russia said it would");
        // No month-day, mixed case, or a tag inside a sentence: not strong enough.
        assert_eq!(split("NEW DELHI (IANS) Iran said", &Lexicon::builtin()), None);
        assert_eq!(split("New Delhi, Jan 5 (IANS) Iran said", &Lexicon::builtin()), None);
        assert_eq!(split("The ministry (IANS) said on Jan 5", &Lexicon::builtin()), None);
        assert_eq!(split("PRICES, Jan 5 (est.)", &Lexicon::builtin()), None);
    }

    #[test]
    fn press_release_wires() {
        let d = split(
            "SAN FRANCISCO, March 4, 2019 /PRNewswire/ -- Halvard Biosystems, Inc.",
            &Lexicon::builtin(),
        )
        .unwrap();
        assert_eq!((d.place, d.agency, d.month_day), ("SAN FRANCISCO", Some("PRNewswire"), None));
        assert_eq!((d.date, d.rest), (Date::new(2019, 3, 4), "Halvard Biosystems, Inc."));
        let d =
            split("NEW YORK--(BUSINESS WIRE)--Feb. 12, 2020--Quillon Therapeutics said", &Lexicon::builtin())
                .unwrap();
        assert_eq!((d.place, d.agency, d.date), ("NEW YORK", Some("BUSINESS WIRE"), Date::new(2020, 2, 12)));
        assert_eq!(d.rest, "Quillon Therapeutics said");
        let d = split("NEW YORK--(BUSINESS WIRE)--Corvane Industries said", &Lexicon::builtin()).unwrap();
        assert_eq!(
            (d.place, d.agency, d.date, d.rest),
            ("NEW YORK", Some("BUSINESS WIRE"), None, "Corvane Industries said")
        );
    }

    #[test]
    fn dated_datelines_carry_the_year() {
        let d = split("WASHINGTON, Oct. 14, 2019 — The U.S. military", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.month_day, d.date), ("WASHINGTON", None, Date::new(2019, 10, 14)));
        assert_eq!(d.rest, "The U.S. military");
        let d = split("LONDON, March 3, 2019 - Shares fell", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.month_day, d.date), ("LONDON", None, Date::new(2019, 3, 3)));
        // Reuters prints no year: month-day only.
        let d = split("TEHRAN, May 14 (Reuters) - Iran", &Lexicon::builtin()).unwrap();
        assert_eq!((d.month_day, d.date), (Some((5, 14)), None));
        // A year that makes the day impossible is no date, and the head is no place.
        assert_eq!(split("WASHINGTON, Feb. 29, 2019 — The", &Lexicon::builtin()), None);
    }

    #[test]
    fn markdown_emphasis_around_the_place() {
        let d = split("**BEIJING** — China said on Monday", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.rest), ("BEIJING", "China said on Monday"));
        assert_eq!(place("*BEIJING* — China said"), Some("BEIJING"));
        assert_eq!(place("_BEIJING_ — China said"), Some("BEIJING"));
        assert_eq!(place("**Editor's note** — This story"), None);
    }

    #[test]
    fn mixed_case_places_with_a_known_country_or_state() {
        let d = split("Kabul, Afghanistan — The election commission", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.rest), ("Kabul, Afghanistan", "The election commission"));
        assert_eq!(place("Camp Lejeune, N.C. — Marines"), Some("Camp Lejeune, N.C."));
        assert_eq!(place("Nairobi, Kenya -- The worst"), Some("Nairobi, Kenya"));
        assert_eq!(place("Seoul, South Korea – North Korea"), Some("Seoul, South Korea"));
        for para in [
            "Earlier — before the vote — officials said",
            "Meanwhile, Afghanistan — the country — waits",
            "Kabul — The election commission",
            "Smith, Jones — and others",
            "Kabul, Afghanistan: The election",
            "Kabul, Afghanistan - The election",
            "In 2019, Afghanistan — held",
            "Officials in Kabul, Afghanistan — said",
        ] {
            assert_eq!(place(para), None, "{para}");
        }
    }

    #[test]
    fn wire_forms_that_already_worked() {
        assert_eq!(place("BRUSSELS/LONDON (Reuters) - The European Union"), Some("BRUSSELS/LONDON"));
        let d = split("UNITED NATIONS (AP) — North Korea has", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.agency), ("UNITED NATIONS", Some("AP")));
        assert_eq!(place("SEOUL, April 18 (Yonhap) -- North Korea said"), Some("SEOUL"));
        assert_eq!(place("NEW DELHI: India on Tuesday said"), Some("NEW DELHI"));
        assert_eq!(place("SINGAPORE: Prime Minister"), Some("SINGAPORE"));
        assert_eq!(place("NEW DELHI, Feb 27: India said"), Some("NEW DELHI"));
        assert_eq!(place("BRUSSELS/LONDON, Jan 5 (IANS) The EU said"), Some("BRUSSELS/LONDON"));
    }

    #[test]
    fn header_labels_are_not_colon_datelines() {
        for para in [
            "PUBLISHED: October 29, 2018 at 6:00 am | UPDATED: October 30, 2018 at 9:12 am",
            "UPDATED: Feb 27, 2019, 08:14 IST",
            "BY: Jane Doe",
            "BY: JANE DOE",
            "Contact: Office of Sen. Alder Whitcombe-Reyes, (202) 224-0000",
            "Photo: Jessica Taylor/AFP",
            "PHOTO: JESSICA TAYLOR",
            "Source: Al Jazeera",
            "SOURCE: AL JAZEERA",
            "DESMOND ACHTERBERG, BYLINE: Hi, Margaret.",
            "WASHINGTON: 3/4/2019 was the day",
            "LONDON: March 26 was",
        ] {
            assert_eq!(place(para), None, "{para}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(s in "\\PC{0,200}") {
            let _ = split(&s, &Lexicon::builtin());
            let _ = clean(&s);
            let _ = normalize(&s);
        }

        #[test]
        fn never_panics_on_dateline_like_text(
            s in "([A-Z]{1,8}|[*_]{1,2}|, |\\(|\\)|/|[.]|--|—|–| - |: |Jan |[0-9]{1,4}|Kabul|Afghanistan|N\\.C\\.|é| ){0,30}"
        ) {
            if let Some(d) = split(&s, &Lexicon::builtin()) {
                proptest::prop_assert!(d.place.len() + d.rest.len() <= s.len());
            }
            let _ = clean(&s);
        }
    }

    #[test]
    fn broadcaster_tags_glued_or_alone() {
        let d = split("Lisbon, Portugal (CNN)Firefighters battled a blaze on Sunday.", &Lexicon::builtin())
            .unwrap();
        assert_eq!((d.place, d.agency), ("Lisbon, Portugal", Some("CNN")));
        assert_eq!(d.rest, "Firefighters battled a blaze on Sunday.");
        let d = split("(CNN) -- Firefighters battled a blaze.", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.agency, d.rest), ("", Some("CNN"), "Firefighters battled a blaze."));
        let d = split("MADRID, Spain (CNN) -- Firefighters battled a blaze.", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.agency), ("MADRID, Spain", Some("CNN")));
        let d = split("Lisbon (CNN) -- Firefighters battled a blaze.", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.agency), ("Lisbon", Some("CNN")));
        let d = split("OSLO (Reuters) - Prices rose.", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.agency), ("OSLO", Some("Reuters")));
        let d = split("LIMA, June 3 (Reuters) - Prices rose.", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.month_day), ("LIMA", Some((6, 3))));
        let d = split("BERN (AFP) \u{2014} Prices rose.", &Lexicon::builtin()).unwrap();
        assert_eq!((d.place, d.agency), ("BERN", Some("AFP")));
        for text in ["Shares of the firm (NYSE) rose.", "the report (CNN) said", "Acme (ACME)rose"] {
            assert_eq!(split(text, &Lexicon::builtin()), None, "{text}");
        }
    }

    #[test]
    fn datelines_on_a_line_of_their_own() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(dated_line("OSLO 1997-03-14", &Lexicon::builtin()), Some(("OSLO", d(1997, 3, 14))));
        assert_eq!(
            dated_line("TUCSON, Ariz. 1997-03-14", &Lexicon::builtin()),
            Some(("TUCSON, Ariz.", d(1997, 3, 14)))
        );
        assert_eq!(
            dated_line("LIMA, Peru, March 3, 1998", &Lexicon::builtin()),
            Some(("LIMA, Peru", d(1998, 3, 3)))
        );
        for text in ["Prices rose 1997-03-14", "UPDATED 1997-03-14", "OSLO", "1997-03-14", "OSLO rose 1997"] {
            assert_eq!(dated_line(text, &Lexicon::builtin()), None, "{text}");
        }
    }

    #[test]
    fn cleaning_and_normalizing() {
        assert_eq!(clean("WASHINGTON"), Some("WASHINGTON"));
        assert_eq!(clean("BAGHDAD (AP) --"), Some("BAGHDAD"));
        assert_eq!(clean("BAGHDAD, Iraq, Nov. 2"), Some("BAGHDAD, Iraq"));
        assert_eq!(clean("DATELINE: BAGHDAD, Iraq, Nov. 2"), Some("BAGHDAD, Iraq"));
        assert_eq!(clean("WASHINGTON, Oct. 14, 2019 —"), Some("WASHINGTON"));
        assert_eq!(normalize("SAN JUAN, Puerto Rico"), "San Juan, Puerto Rico");
        assert_eq!(normalize("ST. LOUIS"), "St. Louis");
        assert_eq!(normalize("WASHINGTON"), "Washington");
        assert_eq!(normalize("WILKES-BARRE, Pa."), "Wilkes-Barre, Pa.");
        assert_eq!(normalize("New York"), "New York");
        assert_eq!(normalize("CÚCUTA, Colombia"), "Cúcuta, Colombia");
    }
}
