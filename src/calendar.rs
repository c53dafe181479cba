//! Civil dates without time zones: the `Date` every layer shares (article dates, query date
//! ranges, calendar histograms) and the calendar `Interval`s histograms bucket dates by.
//! Days are counted from 1970-01-01 with Howard Hinnant's `days_from_civil` algorithm, so
//! conversions are exact for any Gregorian date.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// A calendar date (proleptic Gregorian), printed and parsed as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// The ways a date string can be wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)")]
    Syntax(String),
    #[error("`{0}` is not a real calendar date")]
    OutOfRange(String),
}

impl Date {
    /// A checked constructor: `None` for impossible dates such as February 30.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        if !(1000..=9999).contains(&year) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Seconds since the Unix epoch at midnight UTC of this date.
    pub fn unix_seconds(self) -> i64 {
        self.days_since_epoch() * 86_400
    }

    /// The date containing the given Unix timestamp (UTC).
    pub fn from_unix_seconds(secs: i64) -> Date {
        Date::from_days_since_epoch(secs.div_euclid(86_400))
    }

    /// ISO weekday, Monday = 1 … Sunday = 7.
    pub fn iso_weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        ((self.days_since_epoch() + 3).rem_euclid(7) + 1) as u8
    }

    /// The Monday starting this date's ISO week.
    pub fn week_start(self) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() - i64::from(self.iso_weekday()) + 1)
    }

    /// The first day of this date's month.
    pub fn month_start(self) -> Date {
        Date { day: 1, ..self }
    }

    /// The first day of the following month.
    pub fn next_month(self) -> Date {
        if self.month == 12 {
            Date { year: self.year + 1, month: 1, day: 1 }
        } else {
            Date { year: self.year, month: self.month + 1, day: 1 }
        }
    }

    /// Adds (or subtracts) whole days.
    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` into the inclusive range of days it names.
    pub fn parse_range(text: &str) -> Result<(Date, Date), DateError> {
        let syntax = || DateError::Syntax(text.to_string());
        let range = || DateError::OutOfRange(text.to_string());
        let parts: Vec<&str> = text.trim().split('-').collect();
        let num = |s: &str, len: usize| -> Result<u32, DateError> {
            if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(syntax());
            }
            s.parse().map_err(|_| syntax())
        };
        match parts.as_slice() {
            [y] => {
                let y = num(y, 4)? as i32;
                let first = Date::new(y, 1, 1).ok_or_else(range)?;
                Ok((first, Date { year: y, month: 12, day: 31 }))
            }
            [y, m] => {
                let y = num(y, 4)? as i32;
                let m = num(m, 2)? as u8;
                let first = Date::new(y, m, 1).ok_or_else(range)?;
                Ok((first, first.next_month().add_days(-1)))
            }
            [y, m, d] => {
                let date =
                    Date::new(num(y, 4)? as i32, num(m, 2)? as u8, num(d, 2)? as u8).ok_or_else(range)?;
                Ok((date, date))
            }
            _ => Err(syntax()),
        }
    }
}

/// Calendar bucket widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    /// ISO weeks, Monday to Sunday, labelled `YYYY-Www` with the ISO week-numbering year.
    Week,
    Month,
    Year,
}

impl Interval {
    /// The first day of the bucket containing `date`.
    pub fn start(self, date: Date) -> Date {
        match self {
            Interval::Day => date,
            Interval::Week => date.week_start(),
            Interval::Month => date.month_start(),
            Interval::Year => Date { year: date.year, month: 1, day: 1 },
        }
    }

    /// The first day of the bucket after the one starting at `start`.
    pub fn next(self, start: Date) -> Date {
        match self {
            Interval::Day => start.add_days(1),
            Interval::Week => start.add_days(7),
            Interval::Month => start.next_month(),
            Interval::Year => Date { year: start.year + 1, month: 1, day: 1 },
        }
    }

    /// The bucket's label: `2019-05-14`, `2019-W20`, `2019-05`, `2019`.
    pub fn label(self, start: Date) -> String {
        match self {
            Interval::Day => start.to_string(),
            Interval::Week => {
                let thursday = start.add_days(3);
                let jan1 = Date { year: thursday.year, month: 1, day: 1 };
                let week = (thursday.days_since_epoch() - jan1.days_since_epoch()) / 7 + 1;
                format!("{:04}-W{week:02}", thursday.year)
            }
            Interval::Month => format!("{:04}-{:02}", start.year, start.month),
            Interval::Year => format!("{:04}", start.year),
        }
    }
}

/// Days in a month of a given year.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Gregorian leap year rule.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Month number (1–12) for an English month name or abbreviation, any case ("Sept." too).
pub fn month_from_name(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    let lower = w.to_ascii_lowercase();
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    NAMES
        .iter()
        .position(|name| {
            *name == lower
                || (lower.len() >= 3 && name.starts_with(&lower) && (lower.len() == 3 || lower == "sept"))
        })
        .map(|i| i as u8 + 1)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;
    /// Exactly `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Date, DateError> {
        match Date::parse_range(s)? {
            (a, b) if a == b => Ok(a),
            _ => Err(DateError::Syntax(s.to_string())),
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_round_trip() {
        for days in [-800_000, -1, 0, 1, 17_000, 18_000, 2_000_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(Date::new(2019, 5, 14).unwrap().days_since_epoch(), 18_030);
    }

    #[test]
    fn weekdays_and_weeks() {
        let d = Date::new(2019, 5, 14).unwrap(); // a Tuesday
        assert_eq!(d.iso_weekday(), 2);
        assert_eq!(d.week_start(), Date::new(2019, 5, 13).unwrap());
    }

    #[test]
    fn ranges() {
        let (a, b) = Date::parse_range("2020-02").unwrap();
        assert_eq!((a.to_string(), b.to_string()), ("2020-02-01".into(), "2020-02-29".into()));
        assert!(Date::parse_range("2019-02-30").is_err());
        assert!(Date::parse_range("May").is_err());
        assert_eq!(month_from_name("Sept."), Some(9));
        assert_eq!(month_from_name("MArch"), Some(3));
        assert_eq!(month_from_name("Mar"), Some(3));
        assert_eq!(month_from_name("Ma"), None);
        assert_eq!(month_from_name("Marc"), None);
    }
}
