//! Bylines: "By NAME and NAME, Publication", "BY NAME, Reuters", and the web-scrape form
//! "NAME And NAME, Publication on [DATE]". Authors are names only — never the publication or
//! a role such as "Staff Writer" — and names printed in capitals come back in title case.

use super::date;
use super::dateline::title_case;
use crate::calendar::Date;

/// What a byline line says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    /// Author names in order ("Josh Lederman").
    pub authors: Vec<String>,
    /// The publication named after the names ("Associated Press").
    pub publication: Option<String>,
    /// A date printed in the byline ("… on August 9, 2017").
    pub date: Option<Date>,
    /// Whether the line had the web-scrape form "NAMES, PUBLICATION on [DATE]".
    pub scrape_form: bool,
}

/// Words that mark an organisation rather than a person.
const ORG_WORDS: [&str; 24] = [
    "press",
    "news",
    "times",
    "post",
    "reuters",
    "reuter",
    "agency",
    "service",
    "wire",
    "journal",
    "tribune",
    "herald",
    "bureau",
    "network",
    "media",
    "magazine",
    "gazette",
    "bloomberg",
    "afp",
    "ap",
    "upi",
    "daily",
    "newspaper",
    "monitor",
];

/// Words that make a short line a job title, not a name ("Staff Writer").
const ROLE_WORDS: [&str; 10] = [
    "writer",
    "correspondent",
    "reporter",
    "editor",
    "staff",
    "columnist",
    "contributor",
    "special to",
    "bureau chief",
    "photographer",
];

/// Parses a byline line: "By …" in any case, or the web-scrape form ending in " on" or
/// " on DATE". `None` when the line is neither.
pub fn parse(line: &str) -> Option<Byline> {
    let line = line.trim();
    if line.len() > 200 {
        return None;
    }
    if let Some(rest) = strip_by(line) {
        if !rest.starts_with(char::is_uppercase) {
            return None;
        }
        let (names, date) = split_date(rest).unwrap_or((rest, None));
        let mut byline = from_names(names);
        if byline.authors.is_empty() && !byline.publication.as_deref().is_some_and(is_org) {
            return None;
        }
        byline.date = date;
        return Some(byline);
    }
    let (names, date) = split_date(line)?;
    if !names.contains(',') {
        return None;
    }
    let mut byline = from_names(names);
    if byline.authors.is_empty() || byline.publication.is_none() {
        return None;
    }
    byline.date = date;
    byline.scrape_form = true;
    Some(byline)
}

/// Parses a labelled author value ("Mark Reyes; Hannah Cole", "By A and B, Publication").
pub fn parse_value(value: &str) -> Byline {
    let value = value.trim();
    from_names(strip_by(value).unwrap_or(value))
}

/// Whether a header line is a job title standing alone ("Staff Writer", "Special to the Post").
pub fn is_role(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.len() > 60 || line.split_whitespace().count() > 6 {
        return false;
    }
    let lower = line.to_lowercase();
    ROLE_WORDS.iter().any(|w| lower.contains(w))
}

/// "By NAME" → "NAME" (also "BY", "by", "By:").
fn strip_by(line: &str) -> Option<&str> {
    let head = line.as_bytes().get(..3)?;
    if !head[..2].eq_ignore_ascii_case(b"by") || !matches!(head[2], b' ' | b':') {
        return None;
    }
    let rest = line[3..].trim_start_matches([':', ' ']);
    (!rest.is_empty()).then_some(rest)
}

/// Splits "… on DATE" or a trailing "… on" off a byline: (names part, date).
fn split_date(line: &str) -> Option<(&str, Option<Date>)> {
    if let Some(names) = line.strip_suffix(" on") {
        return Some((names.trim_end(), None));
    }
    let (names, tail) = line.rsplit_once(" on ")?;
    Some((names.trim_end(), Some(date::parse(tail)?)))
}

/// The names part of a byline: comma segments holding "A and B" name lists, then a
/// publication or role. "A, B and C, Publication"; "A, Staff Writer"; "A; B".
fn from_names(text: &str) -> Byline {
    let mut byline = Byline::default();
    let segments: Vec<&str> = text.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    let mut names_closed = false;
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if is_suffix(seg) {
            if let Some(name) = byline.authors.last_mut() {
                name.push(' ');
                name.push_str(seg);
            }
            continue;
        }
        if is_role(seg) {
            names_closed = true;
            continue;
        }
        let list = has_list(seg);
        if i == 0 && is_org(seg) {
            byline.publication = Some(seg.to_string());
            names_closed = true;
        } else if i == 0 || (!names_closed && (list || (!last && looks_like_name(seg)))) {
            let before = byline.authors.len();
            for name in split_list(seg) {
                if looks_like_name(name) {
                    byline.authors.push(normalize_name(name));
                }
            }
            if list || byline.authors.len() == before {
                names_closed = true;
            }
        } else if byline.publication.is_none() && seg.starts_with(char::is_uppercase) && seg.len() <= 80 {
            byline.publication = Some(seg.trim_end_matches('.').to_string());
            names_closed = true;
        }
    }
    byline
}

fn has_list(seg: &str) -> bool {
    seg.contains(" and ")
        || seg.contains(" And ")
        || seg.contains(" AND ")
        || seg.contains(" & ")
        || seg.contains(';')
}

fn split_list(seg: &str) -> impl Iterator<Item = &str> {
    seg.split(';')
        .flat_map(|s| s.split(" and "))
        .flat_map(|s| s.split(" And "))
        .flat_map(|s| s.split(" AND "))
        .flat_map(|s| s.split(" & "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn is_suffix(seg: &str) -> bool {
    matches!(seg.trim_end_matches('.'), "Jr" | "JR" | "Sr" | "SR" | "II" | "III" | "IV")
}

fn is_org(seg: &str) -> bool {
    seg.starts_with("The ")
        || seg
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| ORG_WORDS.iter().any(|o| w.eq_ignore_ascii_case(o)))
}

/// One to six words, starting with a capital, no digits or sentence punctuation.
fn looks_like_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (1..=6).contains(&words)
        && name.len() <= 60
        && name.starts_with(char::is_uppercase)
        && name.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’' | '-'))
}

/// A name printed all in capitals becomes title case; any other name is kept as printed.
pub fn normalize_name(name: &str) -> String {
    let name = name.trim().trim_end_matches(',');
    if name.chars().any(char::is_lowercase) {
        name.to_string()
    } else {
        title_case(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn authors(line: &str) -> Vec<String> {
        parse(line).map(|b| b.authors).unwrap_or_default()
    }

    #[test]
    fn wire_bylines() {
        let b = parse("By MARCUS HALE and IRINA VOLKOVA, Associated Press").unwrap();
        assert_eq!(b.authors, ["Marcus Hale", "Irina Volkova"]);
        assert_eq!(b.publication.as_deref(), Some("Associated Press"));
        assert_eq!(authors("By Hiroshi Tanabe, Reuters"), ["Hiroshi Tanabe"]);
        assert_eq!(authors("BY TED D'AFFLISIO, Reuters"), ["Ted D'Afflisio"]);
        assert_eq!(
            authors("By ANA LUCÍA BERMÚDEZ and GRANT HOLLOWAY, Associated Press"),
            ["Ana Lucía Bermúdez", "Grant Holloway"]
        );
        assert_eq!(authors("By Rebecca Thornton"), ["Rebecca Thornton"]);
        assert_eq!(
            authors("By Ann Lee, Bo Park and Cy Diaz, The Daily Planet"),
            ["Ann Lee", "Bo Park", "Cy Diaz"]
        );
        assert_eq!(authors("By Ann Lee, Staff Writer"), ["Ann Lee"]);
        assert_eq!(authors("By John Smith Jr., Associated Press"), ["John Smith Jr."]);
        let b = parse("By The Associated Press").unwrap();
        assert!(b.authors.is_empty());
        assert_eq!(b.publication.as_deref(), Some("The Associated Press"));
    }

    #[test]
    fn scrape_bylines() {
        let b = parse("Martin Kessler And Joanna Pruitt, Chicago Tribune on August 9, 2017").unwrap();
        assert_eq!(b.authors, ["Martin Kessler", "Joanna Pruitt"]);
        assert_eq!(b.publication.as_deref(), Some("Chicago Tribune"));
        assert_eq!(b.date, Date::new(2017, 8, 9));
        assert!(b.scrape_form);
        let b = parse("Sabra Ayres And Tracy Wilkinson, Los Angeles Times on").unwrap();
        assert_eq!(b.authors, ["Sabra Ayres", "Tracy Wilkinson"]);
        assert_eq!(b.date, None);
        assert_eq!(
            parse("Nina Castellanos, Los Angeles Times on 9/27/17").unwrap().date,
            Date::new(2017, 9, 27)
        );
    }

    #[test]
    fn not_bylines() {
        for line in [
            "",
            "By",
            "By the time the vote came, lawmakers had left",
            "Published in News & Features",
            "Trump sides with Putin on election meddling at Helsinki summit",
            "The talks went on",
            "Staff Writer",
        ] {
            let got = parse(line);
            assert!(
                got.as_ref().is_none_or(|b| b.authors.is_empty() && b.publication.is_none()),
                "{line}: {got:?}"
            );
        }
    }

    #[test]
    fn values_and_roles() {
        assert_eq!(parse_value("Mark Reyes; Hannah Cole").authors, ["Mark Reyes", "Hannah Cole"]);
        assert_eq!(
            parse_value("By Patricia Lang and Howard Nguyen").authors,
            ["Patricia Lang", "Howard Nguyen"]
        );
        assert!(is_role("Staff Writer"));
        assert!(is_role("Associated Press Writer"));
        assert!(!is_role("Rebecca Thornton"));
    }
}
