//! Publication dates written as people write them ("May 14, 2019", "14 May 2019",
//! "2019-05-14", "5/14/19", "26.01.2019", "Tuesday, March 3, 2020"), with the adornments of
//! date lines around them: labels ("Published:", "Updated", "First published on"), weekdays,
//! times and zones ("10:32 AM ET", "23.04 BST", "06:45:12 -0400", "Eastern Standard Time"),
//! "at", "|" and Markdown emphasis; also the month-day pairs of wire datelines ("March 26",
//! "Oct. 20"), and the archive forms ("26-FEB-1987 15:01:01.79", "Updated 0412 GMT (1212 HKT)
//! March 4, 2015", RFC 2822, ISO 8601 with offsets). A date is only returned when it names a
//! real calendar day with a year, and a line with any other word (a sentence containing a
//! date) is not a date; nothing is guessed: a slashed date whose day and month could be either
//! way round ("03/04/2015") is no date unless the archive's order is known (`DateOrder`, given
//! by the user as `morgue-index --date-order dmy|mdy`).

use serde::{Deserialize, Serialize};

use crate::calendar::{month_from_name, Date};

/// How an archive writes numeric dates whose day and month could be either way round
/// ("03/04/2015"). Dates with a part over 12 read the one way they can in every order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum DateOrder {
    /// Neither: such dates are no date (the default)
    #[default]
    Unambiguous,
    /// Day first: 03/04/2015 is 3 April
    Dmy,
    /// Month first: 03/04/2015 is 4 March
    Mdy,
}

impl DateOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::Unambiguous => "unambiguous",
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
        }
    }
}

/// Labels that may stand before or between dates on a date line ("Last modified on", "at").
const LABELS: [&str; 12] = [
    "published",
    "updated",
    "posted",
    "date",
    "dated",
    "on",
    "at",
    "first",
    "last",
    "modified",
    "originally",
    "created",
];

/// Words of spelled-out time zones ("Eastern Standard Time", "British Summer Time").
const ZONE_WORDS: [&str; 15] = [
    "eastern",
    "central",
    "mountain",
    "pacific",
    "atlantic",
    "standard",
    "daylight",
    "summer",
    "time",
    "british",
    "greenwich",
    "mean",
    "universal",
    "coordinated",
    "european",
];

/// Time-zone abbreviations that may stand anywhere on a date line ("Updated 10:32 AM ET, …").
const ZONES: [&str; 48] = [
    "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "AKST", "AKDT", "HST",
    "AST", "ADT", "NST", "GMT", "BST", "UTC", "UT", "Z", "WET", "WEST", "CET", "CEST", "EET", "EEST", "MSK",
    "IST", "PKT", "ICT", "WIB", "SGT", "HKT", "PHT", "KST", "JST", "AEST", "AEDT", "ACST", "AWST", "NZST",
    "NZDT", "SAST", "EAT", "WAT",
];

/// The most tokens a date line may have ("Published 5:00 a.m. CT March 18, 2019 | Updated
/// 7:12 a.m. CT March 18, 2019" has 16).
const MAX_TOKENS: usize = 32;

/// Parses text that is a date line and nothing else: one or more dates with the labels,
/// weekdays, times and zones listed in the module doc around them. Returns the first date, or
/// `None` when no full date is present or any other word is. An ambiguous numeric date is no
/// date (see `parse_in`).
pub fn parse(text: &str) -> Option<Date> {
    parse_in(text, DateOrder::Unambiguous)
}

/// `parse`, reading ambiguous numeric dates ("03/04/2015") in the archive's `order`.
pub fn parse_in(text: &str, order: DateOrder) -> Option<Date> {
    let text = text.trim();
    // Every date has a year in digits: most lines a header scan meets have none.
    if text.is_empty() || text.len() > 160 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut tokens: Vec<&str> = Vec::new();
    for raw in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | ';')) {
        // Markdown emphasis and brackets around a token ("_May", "2019_", "(UTC)").
        let t = raw.trim_matches(['*', '_', '(', ')', '[', ']']);
        if t.is_empty() {
            continue;
        }
        // An ordinal day: "Jan 31st 2019", "the 2nd of May" ("2nd" → "2").
        let t = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|suffix| t.strip_suffix(suffix))
            .filter(|day| (1..=2).contains(&day.len()) && day.bytes().all(|b| b.is_ascii_digit()))
            .unwrap_or(t);
        if tokens.len() == MAX_TOKENS {
            return None;
        }
        tokens.push(t);
    }
    let mut found: Option<Date> = None;
    let mut i = 0;
    while i < tokens.len() {
        if let Some((date, used)) = date_at(&tokens[i..], order) {
            found.get_or_insert(date);
            i += used;
            continue;
        }
        let t = tokens[i];
        if adornment(t, found.is_some()) {
            i += 1;
        } else if hour(t) && tokens.get(i + 1).is_some_and(|n| meridiem(n)) {
            i += 2; // "5 a.m."
        } else if military_time(t) && tokens.get(i + 1).is_some_and(|n| ZONES.contains(n)) {
            i += 2; // "0412 GMT"
        } else if found.is_some() && tokens.get(i + 1).is_some_and(|n| month_day_pair(t, n).is_some()) {
            i += 2; // "… Updated May 15": a later month-day adds nothing, takes nothing away
        } else {
            return None;
        }
    }
    found
}

/// A date at the start of `tokens`: one numeric token ("2019-05-14", "26.01.2019") or a
/// month, day and year in either order ("March 4 2019", "4 March 2019"). Returns the date and
/// how many tokens it took.
fn date_at(tokens: &[&str], order: DateOrder) -> Option<(Date, usize)> {
    let first = tokens.first()?;
    if let Some(date) = numeric(first, order) {
        return Some((date, 1));
    }
    let (second, third) = (tokens.get(1)?, tokens.get(2)?);
    let date = match (month_from_name(first), month_from_name(second)) {
        (Some(m), _) => Date::new(year4(third)?, m, day(second)?)?,
        (None, Some(m)) => Date::new(year4(third)?, m, day(first)?)?,
        _ => return None,
    };
    Some((date, 3))
}

/// Whether a token may stand beside a date on a date line: a label, weekday, time of day,
/// am/pm, zone or UTC offset, or lone punctuation. After the date, any short capitals ("(UTC)",
/// "IST") count as a zone, as they always have.
fn adornment(token: &str, after_date: bool) -> bool {
    let t = token.trim_end_matches(':');
    let word = t.trim_end_matches('.');
    if word.is_empty() || matches!(word, "-" | "—" | "–" | "/" | "·" | "•" | "@") {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    LABELS.contains(&lower.as_str())
        || ZONE_WORDS.contains(&lower.as_str())
        || ZONES.contains(&word)
        || weekday(word)
        || meridiem(t)
        || time_of_day(t)
        || offset(t)
        || (after_date && word.len() <= 4 && word.bytes().all(|b| b.is_ascii_uppercase()))
}

/// "am", "PM", "a.m.", "p.m".
fn meridiem(token: &str) -> bool {
    matches!(token.trim_end_matches('.').to_ascii_lowercase().as_str(), "am" | "pm" | "a.m" | "p.m")
}

/// An hour of a twelve-hour clock written alone before "a.m." ("5 a.m.").
fn hour(token: &str) -> bool {
    number_upto(token, 2, 12)
}

/// "10:32", "06:45:12", "23.04" (British), "9:00am", "10:32p.m.", "08:00Z", "5pm".
fn time_of_day(token: &str) -> bool {
    // A UTC offset glued to the time: "04:12:00+08:00", "15:01:01-0500".
    let token = match token.find(['+', '-']) {
        Some(at) if at >= 4 && offset(&token[at..]) => &token[..at],
        _ => token,
    };
    let lower = token.to_ascii_lowercase();
    let mut t = lower.as_str();
    for suffix in ["a.m.", "p.m.", "a.m", "p.m", "am", "pm", "z"] {
        if let Some(stripped) = t.strip_suffix(suffix) {
            t = stripped;
            break;
        }
    }
    if t.len() < lower.len() && number_upto(t, 2, 24) {
        return true; // "5pm"
    }
    let sep = if t.contains(':') { ':' } else { '.' };
    let mut parts = t.split(sep);
    let (Some(h), Some(m)) = (parts.next(), parts.next()) else { return false };
    let minutes = |p: &str| p.len() == 2 && number_upto(p, 2, 59);
    // Seconds, with hundredths as archives print them ("15:01:01.79").
    let seconds_ok = match parts.next() {
        None => true,
        Some(s) => {
            let (whole, fraction) = s.split_once('.').unwrap_or((s, "0"));
            sep == ':' && minutes(whole) && number_upto(fraction, 3, 999)
        }
    };
    number_upto(h, 2, 24) && minutes(m) && seconds_ok && parts.next().is_none()
}

/// Four digits of a 24-hour clock, as wire copy prints them before a zone ("0412 GMT").
fn military_time(token: &str) -> bool {
    token.len() == 4
        && token.bytes().all(|b| b.is_ascii_digit())
        && number_upto(&token[..2], 2, 23)
        && number_upto(&token[2..], 2, 59)
}

/// Whether `token` is one to `digits` ASCII digits with a value of at most `max`.
fn number_upto(token: &str, digits: usize, max: u32) -> bool {
    (1..=digits).contains(&token.len())
        && token.bytes().all(|b| b.is_ascii_digit())
        && token.parse::<u32>().is_ok_and(|n| n <= max)
}

/// A UTC offset: "-0400", "+0100", "+05:30", "UTC+8", "GMT-5".
fn offset(token: &str) -> bool {
    let t = token.strip_prefix("UTC").or_else(|| token.strip_prefix("GMT")).unwrap_or(token);
    let Some(rest) = t.strip_prefix(['+', '-', '\u{2212}']) else { return false };
    let digits = |s: &str, len: &[usize]| len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    match rest.split_once(':') {
        Some((h, m)) => digits(h, &[2]) && digits(m, &[2]),
        None => digits(rest, &[1, 2, 4]),
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

/// ISO ("2019-05-14", "2019/05/14", "2019-05-14T10:00:00Z"), archive ("26-FEB-1987") or
/// slashed ("5/14/19", "14/5/2019": day-first when the first number cannot be a month; when
/// either order would be a real day, the archive's `order` or no date) dates in one token.
fn numeric(token: &str, order: DateOrder) -> Option<Date> {
    let token = token.split('T').next()?.trim_end_matches('.');
    if let Some(date) = day_month_name_year(token) {
        return Some(date);
    }
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
    // Dotted dates ("14.05.2019") are day-first; slashed ones are read only when one order
    // is impossible (or both numbers are equal).
    if sep == '.' || x > 12 {
        Date::new(year, y, x)
    } else if y > 12 || x == y {
        Date::new(year, x, y)
    } else {
        match order {
            DateOrder::Unambiguous => None,
            DateOrder::Dmy => Date::new(year, y, x),
            DateOrder::Mdy => Date::new(year, x, y),
        }
    }
}

/// "26-FEB-1987", "3-Mar-2015": day, month name and four-digit year joined by hyphens.
fn day_month_name_year(token: &str) -> Option<Date> {
    let mut parts = token.split('-');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !m.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    Date::new(year4(y)?, month_from_name(m)?, day(d)?)
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
    lower.len() >= 3 && DAYS.iter().any(|d| *d == lower || (lower.len() <= 5 && d.starts_with(&lower)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Option<Date> {
        Date::new(y, m, day)
    }

    #[test]
    fn ordinal_days() {
        assert_eq!(parse("Jan 31st 2019"), Date::new(2019, 1, 31));
        assert_eq!(parse("March 2nd, 2020"), Date::new(2020, 3, 2));
        assert_eq!(parse("Jan 2nd"), None, "no year");
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
    fn scrape_date_lines_with_times_and_zones() {
        assert_eq!(parse("Mon 1 Apr 2019 23.04 BST"), d(2019, 4, 1));
        assert_eq!(parse("First published on Mon 1 Apr 2019 10.00 GMT"), d(2019, 4, 1));
        assert_eq!(parse("Last modified on Tue 2 Apr 2019 08.10 BST"), d(2019, 4, 2));
        assert_eq!(parse("Updated 10:32 AM ET, Wed March 6, 2019"), d(2019, 3, 6));
        assert_eq!(parse("Updated 2:15 PM EDT, Thu July 2, 2020"), d(2020, 7, 2));
        assert_eq!(parse("February 12, 2020 07:00 AM Eastern Standard Time"), d(2020, 2, 12));
        assert_eq!(parse("Posted: 3/24/2019 10:00 AM"), d(2019, 3, 24));
        assert_eq!(parse("Published: Mar. 4, 2019, 10:00 a.m."), d(2019, 3, 4));
        assert_eq!(parse("March 10, 2020 at 2:58 a.m. EDT"), d(2020, 3, 10));
        assert_eq!(parse("August 22, 2019 16:41 ET (20:41 GMT)"), d(2019, 8, 22));
    }

    #[test]
    fn published_and_updated_on_one_line_give_the_first_date() {
        assert_eq!(
            parse("February 5, 2020, 5:00 AM EST Updated on February 6, 2020, 9:00 AM EST"),
            d(2020, 2, 5)
        );
        assert_eq!(
            parse("Published 5:00 a.m. CT March 18, 2019 | Updated 7:12 a.m. CT March 18, 2019"),
            d(2019, 3, 18)
        );
        assert_eq!(
            parse("PUBLISHED: October 29, 2018 at 6:00 am | UPDATED: October 30, 2018 at 9:12 am"),
            d(2018, 10, 29)
        );
    }

    #[test]
    fn email_archive_and_numeric_forms() {
        assert_eq!(parse("Mon, 16 Mar 2020 06:45:12 -0400"), d(2020, 3, 16));
        assert_eq!(parse("Date: Mon, 16 Mar 2020 06:45:12 -0400"), d(2020, 3, 16));
        assert_eq!(parse("Tue, 2 Apr 2019 08:10:00 +0100 (BST)"), d(2019, 4, 2));
        assert_eq!(parse("March 4, 2019 Monday"), d(2019, 3, 4));
        assert_eq!(parse("4 March 2019"), d(2019, 3, 4));
        assert_eq!(parse("26.01.2019"), d(2019, 1, 26));
        assert_eq!(parse("Date 26.01.2019"), d(2019, 1, 26));
        assert_eq!(parse("2019-03-04T10:00:00Z"), d(2019, 3, 4));
        assert_eq!(parse("2019-03-04 10:00"), d(2019, 3, 4));
        assert_eq!(parse("2019-03-04 10:00 UTC+05:30"), d(2019, 3, 4));
    }

    #[test]
    fn archive_date_forms() {
        assert_eq!(parse("14-MAR-1988 09:12:44.31"), d(1988, 3, 14));
        assert_eq!(parse("2-Jun-1991"), d(1991, 6, 2));
        assert_eq!(parse("Updated 0935 GMT (1735 HKT) June 8, 2016"), d(2016, 6, 8));
        assert_eq!(parse("Wed, 8 Jun 2016 09:35:10 +0000"), d(2016, 6, 8));
        assert_eq!(parse("2016-06-08T09:35:10+08:00"), d(2016, 6, 8));
        assert_eq!(parse("2016-06-08 09:35:10-05:00"), d(2016, 6, 8));
        assert_eq!(parse("1991-06-02"), d(1991, 6, 2));
        assert_eq!(parse("Jun 2, 1991"), d(1991, 6, 2));
        assert_eq!(parse("0935 in the morning"), None);
        assert_eq!(parse("14-MAR-1988 and after"), None);
    }

    #[test]
    fn slashed_dates_only_when_one_order_is_possible() {
        assert_eq!(parse("06/08/2016"), None, "June 8 or 6 August");
        assert_eq!(parse("06/28/2016"), d(2016, 6, 28));
        assert_eq!(parse("28/06/2016"), d(2016, 6, 28));
        assert_eq!(parse("07/07/2016"), d(2016, 7, 7));
    }

    #[test]
    fn the_archive_order_reads_ambiguous_dates() {
        assert_eq!(parse_in("03/04/2015", DateOrder::Dmy), d(2015, 4, 3));
        assert_eq!(parse_in("03/04/2015", DateOrder::Mdy), d(2015, 3, 4));
        assert_eq!(parse_in("Posted: 03/04/15 10:00 AM", DateOrder::Mdy), d(2015, 3, 4));
        assert_eq!(parse_in("03/04/2015", DateOrder::Unambiguous), None);
        // A part over 12 reads the one way it can, whatever the archive's order.
        assert_eq!(parse_in("28/06/2016", DateOrder::Mdy), d(2016, 6, 28));
        assert_eq!(parse_in("06/28/2016", DateOrder::Dmy), d(2016, 6, 28));
        // Dotted dates stay day-first; ISO dates are never ambiguous.
        assert_eq!(parse_in("03.04.2015", DateOrder::Mdy), d(2015, 4, 3));
        assert_eq!(parse_in("2015-03-04", DateOrder::Dmy), d(2015, 3, 4));
    }

    #[test]
    fn markdown_emphasis_around_a_date() {
        assert_eq!(parse("_May 13, 2019_"), d(2019, 5, 13));
        assert_eq!(parse("*May 13, 2019*"), d(2019, 5, 13));
        assert_eq!(parse("**Published:** May 13, 2019"), d(2019, 5, 13));
    }

    #[test]
    fn sentences_with_dates_are_not_date_lines() {
        for text in [
            "The talks began on March 4, 2019 in Hanoi and ended early.",
            "On March 4, 2019 the talks began",
            "Updated 10:32 AM ET, Wed March 6, 2019 by the desk",
            "BY JOHN DOE, May 14, 2019",
            "Filed at 2:41 a.m. ET",
            "Published 5:00 a.m. CT",
            "10:32 AM ET",
            "May 14, 2019 | Updated Feb. 30",
            "Mon 1 Apr 2019 23.04 BST and more",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
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

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(s in "\\PC{0,200}") {
            let _ = parse(&s);
            let _ = month_day(&s);
        }

        #[test]
        fn never_panics_on_date_like_text(
            s in "(Mon |Updated: |[0-9]{1,4}[:./-]?|a\\.m\\. |[A-Z]{1,4} |March |, |[|] |[-+−][0-9:]{1,5} |_|[*]|UTC|\\(){0,24}"
        ) {
            let _ = parse(&s);
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
