//! Publication dates written as people write them ("May 14, 2019", "14 May 2019",
//! "2019-05-14", "5/14/19", "Tuesday, March 3, 2020", "Published: …"), and the month-day pairs
//! of wire datelines ("March 26", "Oct. 20"). A date is only returned when it names a real
//! calendar day with a year; nothing is guessed.

use crate::calendar::{month_from_name, Date};

/// Words that may introduce a date line and carry no date information.
const PREFIXES: [&str; 8] = ["published", "updated", "posted", "date", "dated", "on", "first", "last"];

/// Parses text that is a date and nothing else, allowing a leading "Published:"-style word or
/// weekday and a trailing time of day ("10:32 a.m. EDT"). Returns `None` for anything else.
pub fn parse(text: &str) -> Option<Date> {
    let text = text.trim();
    if text.is_empty() || text.len() > 80 {
        return None;
    }
    let mut tokens =
        text.split(|c: char| c.is_whitespace() || c == ',' || c == '|').filter(|t| !t.is_empty()).peekable();
    // Skip "Published:", "Updated", weekday names and lone punctuation.
    while let Some(t) = tokens.peek() {
        let word = t.trim_end_matches([':', '.']);
        let skip = word.is_empty()
            || PREFIXES.iter().any(|p| word.eq_ignore_ascii_case(p))
            || weekday(word)
            || matches!(word, "-" | "—" | "–");
        if !skip {
            break;
        }
        tokens.next();
    }
    let first = tokens.next()?;
    let date = if let Some(date) = numeric(first) {
        date
    } else {
        let second = tokens.next()?;
        let third = tokens.next()?;
        match (month_from_name(first), month_from_name(second)) {
            (Some(m), _) => Date::new(year4(third)?, m, day(second)?)?,
            (None, Some(m)) => Date::new(year4(third)?, m, day(first)?)?,
            _ => return None,
        }
    };
    // Whatever follows must be a time of day or a zone, never more words.
    if tokens.all(time_like) {
        Some(date)
    } else {
        None
    }
}

/// Parses a month and day without a year: "March 26", "Oct. 20", "26 March", "MArch 5".
pub fn month_day(text: &str) -> Option<(u8, u8)> {
    let mut words = text.split_whitespace();
    let (a, b) = (words.next()?, words.next()?);
    if words.next().is_some() {
        return None;
    }
    month_day_pair(a, b)
}

/// `month_day` for two words already split: ("March", "26") or ("26", "March").
pub fn month_day_pair(a: &str, b: &str) -> Option<(u8, u8)> {
    let (m, d) = match (month_from_name(a), month_from_name(b)) {
        (Some(m), _) => (m, day(b)?),
        (None, Some(m)) => (m, day(a)?),
        _ => return None,
    };
    (d <= crate::calendar::days_in_month(2000, m)).then_some((m, d))
}

/// ISO ("2019-05-14", "2019/05/14", "2019-05-14T10:00:00Z") or slashed US ("5/14/19",
/// "05/14/2019"; day-first when the first number cannot be a month) dates in one token.
fn numeric(token: &str) -> Option<Date> {
    let token = token.split('T').next()?.trim_end_matches('.');
    let sep = if token.contains('-') {
        '-'
    } else if token.contains('/') {
        '/'
    } else if token.contains('.') {
        '.'
    } else {
        return None;
    };
    let mut parts = token.split(sep);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || [a, b, c].iter().any(|p| p.is_empty() || !p.bytes().all(|x| x.is_ascii_digit()))
    {
        return None;
    }
    let num = |s: &str| s.parse::<u32>().ok();
    if a.len() == 4 {
        let (y, m, d) = (num(a)?, num(b)?, num(c)?);
        if b.len() > 2 || c.len() > 2 {
            return None;
        }
        return Date::new(y as i32, m as u8, d as u8);
    }
    if a.len() > 2 || b.len() > 2 || !(c.len() == 2 || c.len() == 4) {
        return None;
    }
    let year = match (c.len(), num(c)?) {
        (4, y) => y as i32,
        (_, y) if y < 70 => 2000 + y as i32,
        (_, y) => 1900 + y as i32,
    };
    let (x, y) = (num(a)? as u8, num(b)? as u8);
    // Dotted dates ("14.05.2019") are day-first; slashed ones month-first unless impossible.
    if sep == '.' || x > 12 {
        Date::new(year, y, x)
    } else {
        Date::new(year, x, y)
    }
}

fn day(token: &str) -> Option<u8> {
    let t = token.trim_end_matches(['.', ',']);
    let t = t.trim_end_matches(|c: char| c.is_ascii_alphabetic()); // 1st, 2nd, 14th
    if t.is_empty() || t.len() > 2 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u8 = t.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year4(token: &str) -> Option<i32> {
    let t = token.trim_end_matches(['.', ',']);
    (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok())?
}

fn weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let lower = word.to_ascii_lowercase();
    lower.len() >= 3 && DAYS.iter().any(|d| *d == lower || (lower.len() <= 4 && d.starts_with(&lower)))
}

/// "10:32", "a.m.", "PM", "EDT", "(UTC)": what may follow a date on a date line.
fn time_like(token: &str) -> bool {
    let t = token.trim_matches(['(', ')', '.']);
    t.is_empty()
        || t.contains(':')
        || matches!(t.to_ascii_lowercase().as_str(), "am" | "pm" | "a.m" | "p.m" | "at")
        || (t.len() <= 4 && t.bytes().all(|b| b.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Option<Date> {
        Date::new(y, m, day)
    }

    #[test]
    fn written_out_dates() {
        assert_eq!(parse("May 14, 2019"), d(2019, 5, 14));
        assert_eq!(parse("Sept. 25, 2019"), d(2019, 9, 25));
        assert_eq!(parse("14 May 2019"), d(2019, 5, 14));
        assert_eq!(parse("Tuesday, March 3, 2020"), d(2020, 3, 3));
        assert_eq!(parse("Published: Oct. 9, 2019 10:32 a.m. EDT"), d(2019, 10, 9));
        assert_eq!(parse("Updated 1st June 2021"), d(2021, 6, 1));
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(parse("2019-05-14"), d(2019, 5, 14));
        assert_eq!(parse("Published: 2020-01-31"), d(2020, 1, 31));
        assert_eq!(parse("2019-05-14T08:00:00Z"), d(2019, 5, 14));
        assert_eq!(parse("5/14/19"), d(2019, 5, 14));
        assert_eq!(parse("14/5/2019"), d(2019, 5, 14));
        assert_eq!(parse("14.05.2019"), d(2019, 5, 14));
    }

    #[test]
    fn not_dates() {
        for text in [
            "",
            "May",
            "March 26",
            "May says she will stay",
            "February 30, 2019",
            "Published in News & Features",
            "2019",
            "1/2/3/4",
            "By John Smith",
            "May 14, 2019 the minister said",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn month_days() {
        assert_eq!(month_day("March 26"), Some((3, 26)));
        assert_eq!(month_day("Oct. 20"), Some((10, 20)));
        assert_eq!(month_day("2 March"), Some((3, 2)));
        assert_eq!(month_day("MArch 5"), Some((3, 5)));
        assert_eq!(month_day("Feb 30"), None);
        assert_eq!(month_day("New York"), None);
        assert_eq!(month_day("March 26 1987"), None);
    }
}
