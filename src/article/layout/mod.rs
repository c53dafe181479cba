//! Layout recognition: decides how a file is laid out (web scrape, AP-style wire, Reuters
//! wire, labelled metadata header, plain) and splits it into header, body and trailer,
//! calling the byline, dateline and date extractors on the parts where each can appear.
//!
//! The rules are general rather than per-source: a header is a headline plus the lines that
//! classify as byline, date, "Published in" section or job title, and it ends at the first
//! paragraph that opens with a dateline or at the first ordinary line; a trailer is the run
//! of boilerplate lines at the end (copyright, "Visit … at", "Distributed by", comment
//! widgets, wire sign-offs and reporting credits, archive labels). Facts in both are kept.
//!
//! `header` reads the top of a file, `labels` a "Label: value" block, `trailer` the end,
//! `body` drops page furniture and joins paragraphs, and `settle` turns the gathered `Facts`
//! into the `Article`.

mod body;
mod header;
mod labels;
mod page;
mod page_date;
mod settle;
mod site;
mod trailer;

use serde::{Deserialize, Serialize};

use super::extract::date::DateOrder;
use super::extract::dateline;
use super::lexicon::Lexicon;
use super::record::{Article, DateFrom};
use body::build_body;
use header::parse_header;
use labels::parse_labels;
use settle::settle;
use trailer::parse_trailer;

/// The layouts morgue recognises. `Plain` is the fallback: first line title, rest body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// A web page scrape: site header, headline, "A And B, Publication on", "Published in …",
    /// "PLACE -- " dateline, and copyright/distribution/comment trailer lines.
    WebScrape,
    /// AP-style wire copy: "By NAME, Associated Press", "PLACE (AP) — " dateline.
    Wire,
    /// Reuters-style wire copy: "PLACE, Month Day - " or "PLACE, Month Day (Reuters) - ".
    Reuters,
    /// A block of "Label: value" metadata lines (Title:, Author:, Date:, …) before the body.
    Labeled,
    /// Anything else.
    #[default]
    Plain,
}

impl Layout {
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::WebScrape => "web-scrape",
            Layout::Wire => "wire",
            Layout::Reuters => "reuters",
            Layout::Labeled => "labeled",
            Layout::Plain => "plain",
        }
    }
}

/// How many non-empty lines at the top may belong to the header.
const HEADER_SCAN: usize = 10;
/// A line longer than this is a paragraph, never a header line.
const HEADER_LINE_MAX: usize = 250;

/// Facts gathered from header, trailer and labels before they are settled into an `Article`.
#[derive(Default)]
struct Facts {
    title: String,
    authors: Vec<String>,
    byline_source: Option<String>,
    label_source: Option<String>,
    copyright_holder: Option<String>,
    visit_source: Option<String>,
    /// The publication's name printed alone above the headline.
    masthead: Option<String>,
    /// A source the trailer names outright ("Source: Al Jazeera", "(END) Dow Jones Newswires").
    trailer_source: Option<String>,
    distributor: Option<String>,
    section: Option<String>,
    dateline: Option<String>,
    agency: Option<String>,
    date: Option<crate::calendar::Date>,
    /// Where `date` was read.
    date_from: Option<DateFrom>,
    /// How the archive writes ambiguous numeric dates (from the lexicon).
    date_order: DateOrder,
    copyright_year: Option<i32>,
    wire_month_day: bool,
    /// The month and day of a dateline printed without a year ("LONDON, Feb 27 - ").
    month_day: Option<(u8, u8)>,
    /// The file opens with the story's first paragraph: it has no headline.
    headless: bool,
    scrape_signal: bool,
    reuters_signal: bool,
    header_signal: bool,
}

/// What the caller knows of a text besides the text: where it came from and the year its root
/// was given. A dateline printed without a year ("LONDON, Feb 27 - ") takes its year from a
/// dated folder or file name in the path ("1987/02/…", "1987-02-27-…"), else from the
/// trailer's copyright year, else from the root's year.
#[derive(Debug, Clone, Copy, Default)]
pub struct Hint<'a> {
    /// The file's path (relative to its root), as text.
    pub path: Option<&'a str>,
    /// The year given for the file's root (`morgue-index --year`).
    pub year: Option<i32>,
}

/// Parses the layout-level fields (everything but people and topics). Never panics.
pub fn parse(text: &str, lex: &Lexicon) -> Article {
    parse_hinted(text, Hint::default(), lex)
}

/// `parse`, with the file's path as the only hint (see `Hint`).
pub fn parse_with_hint(text: &str, path_hint: Option<&str>, lex: &Lexicon) -> Article {
    parse_hinted(text, Hint { path: path_hint, year: None }, lex)
}

/// `parse`, with what the caller knows of the text (see `Hint`).
pub fn parse_hinted(text: &str, hint: Hint<'_>, lex: &Lexicon) -> Article {
    let normalized;
    let mut text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        normalized = text.replace("\r\n", "\n").replace('\r', "\n");
        text = &normalized;
    }
    let unwrapped;
    if let Some(labelled) = super::container::unwrap(text) {
        unwrapped = labelled;
        text = &unwrapped;
    }
    let lines = split_lines(text);
    let mut facts = Facts { date_order: lex.date_order(), ..Facts::default() };
    let labeled = parse_labels(&lines, &mut facts, lex);
    let sure_page = labeled.is_none() && page::is_page(&lines);
    if sure_page || (labeled.is_none() && page::maybe_page(&lines)) {
        if let Some((start, end, first_rest)) = page::parse(&lines, sure_page, &mut facts, lex) {
            let body = build_body(&lines[start..end.max(start)], first_rest);
            return settle(facts, body, false);
        }
        facts = Facts { date_order: lex.date_order(), ..Facts::default() };
    }
    let (body_line, first_rest) = match labeled {
        Some((start, rest)) => (Some(start), rest),
        None => parse_header(&lines, &mut facts, lex),
    };
    let body_end = parse_trailer(&lines, body_line.map_or(lines.len(), |b| b + 1), &mut facts);
    let mut body = match body_line {
        Some(start) => build_body(&lines[start..body_end.max(start)], first_rest),
        None => String::new(),
    };
    if labeled.is_some() && facts.dateline.is_none() {
        // A labelled file may still open its body with a dateline.
        if let Some(d) = dateline::split(&body, lex) {
            facts.take_dateline(&d);
            body = d.rest.to_string();
        }
    }
    if facts.title.is_empty() && labeled.is_some() {
        // No title label: the first body line is the title, as for plain text.
        let (first, rest) = body.split_once('\n').unwrap_or((&body, ""));
        facts.title = first.trim().to_string();
        body = rest.trim_start().to_string();
    }
    if facts.date.is_none() {
        if let Some((date, from)) = yearless_date(&facts, hint) {
            facts.found_date(Some(date), from);
        }
    }
    settle(facts, body, labeled.is_some())
}

/// The lines of `text` as `str::lines` gives them ("\n" or "\r\n" ends a line, a final line
/// ending is optional), found with `memchr` into a vector sized once.
fn split_lines(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes) {
        let line = &text[start..end];
        lines.push(line.strip_suffix('\r').unwrap_or(line));
        start = end + 1;
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

impl Facts {
    /// Records a dateline found at the start of a paragraph.
    fn take_dateline(&mut self, d: &dateline::Dateline<'_>) {
        if d.place.is_empty() {
            // "(CNN) -- …": the broadcaster alone is still a wire signal.
            self.header_signal = true;
        } else {
            self.dateline = Some(d.place.to_string());
        }
        self.agency = self.agency.take().or(d.agency.map(str::to_string));
        self.month_day = d.month_day;
        self.found_date(d.date, DateFrom::Dateline);
    }

    /// Records a date read at `from`, unless a date was found before.
    fn found_date(&mut self, date: Option<crate::calendar::Date>, from: DateFrom) {
        if self.date.is_none() && date.is_some() {
            self.date = date;
            self.date_from = Some(from);
        }
    }
}

/// The date of a dateline printed without a year, with the year from the path hint (a folder
/// or file name that starts with a year: "1987/02/…", "1987-02-27-story.txt"), else from the
/// copyright line, else the root's year, and where that year came from; `None` without any.
fn yearless_date(facts: &Facts, hint: Hint<'_>) -> Option<(crate::calendar::Date, DateFrom)> {
    let (month, day) = facts.month_day?;
    let (year, from) = hint
        .path
        .and_then(year_in_path)
        .map(|y| (y, DateFrom::Path))
        .or(facts.copyright_year.map(|y| (y, DateFrom::Trailer)))
        .or(hint.year.map(|y| (y, DateFrom::RootDefault)))?;
    Some((crate::calendar::Date::new(year, month, day)?, from))
}

/// The year a path names: the last folder or file name that starts with four digits between
/// 1800 and 2100 not followed by another digit.
fn year_in_path(path: &str) -> Option<i32> {
    path.rsplit(['/', '\\']).find_map(|part| {
        let digits = part.bytes().take_while(u8::is_ascii_digit).count();
        let year: i32 = part.get(..4).filter(|_| digits == 4)?.parse().ok()?;
        (1800..=2100).contains(&year).then_some(year)
    })
}

pub(crate) use super::extract::text::strip_prefix_ci;

#[cfg(test)]
mod tests;
