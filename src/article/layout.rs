//! Layout recognition: decides how a file is laid out (web scrape, AP-style wire, Reuters
//! wire, labelled metadata header, plain) and splits it into header, body and trailer,
//! calling the byline, dateline and date extractors on the parts where each can appear.
//!
//! The rules are general rather than per-source: a header is a headline plus the lines that
//! classify as byline, date, "Published in" section or job title, and it ends at the first
//! paragraph that opens with a dateline or at the first ordinary line; a trailer is the run
//! of boilerplate lines at the end (copyright, "Visit … at", "Distributed by", comment
//! widgets, wire sign-offs and reporting credits, archive labels). Facts in both are kept.

use serde::{Deserialize, Serialize};

use super::extract::text::strip_prefix_ci;
use super::extract::{byline, date, dateline};
use super::lexicon::Lexicon;
use super::Article;

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
    copyright_year: Option<i32>,
    wire_month_day: bool,
    scrape_signal: bool,
    reuters_signal: bool,
    header_signal: bool,
}

/// Parses the layout-level fields (everything but people and topics). Never panics.
pub fn parse(text: &str, lex: &Lexicon) -> Article {
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
    let lines: Vec<&str> = text.lines().collect();
    let mut facts = Facts::default();
    let labeled = parse_labels(&lines, &mut facts, lex);
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
            facts.dateline = Some(d.place.to_string());
            facts.agency = facts.agency.take().or(d.agency.map(str::to_string));
            if let Some(date) = d.date {
                facts.date.get_or_insert(date);
            }
            body = d.rest.to_string();
        }
    }
    if facts.title.is_empty() && labeled.is_some() {
        // No title label: the first body line is the title, as for plain text.
        let (first, rest) = body.split_once('\n').unwrap_or((&body, ""));
        facts.title = first.trim().to_string();
        body = rest.trim_start().to_string();
    }
    settle(facts, body, labeled.is_some())
}

/// Turns gathered facts into the article, deciding the layout and the source.
fn settle(facts: Facts, body: String, labeled: bool) -> Article {
    let layout = if labeled {
        Layout::Labeled
    } else if facts.scrape_signal {
        Layout::WebScrape
    } else if facts.reuters_signal
        || facts.agency.as_deref().is_some_and(|a| agency_name(a) == "Reuters")
        || (facts.wire_month_day && facts.agency.is_none())
    {
        Layout::Reuters
    } else if facts.dateline.is_some() || facts.header_signal {
        Layout::Wire
    } else {
        Layout::Plain
    };
    let agency_source = facts.agency.as_deref().map(|a| agency_name(a).to_string());
    let signoff_source = (layout == Layout::Reuters).then(|| "Reuters".to_string());
    let source = facts
        .byline_source
        .map(|s| agency_name(&s).to_string())
        .or(facts.label_source)
        .or(facts.trailer_source)
        .or(facts.masthead)
        .or(facts.copyright_holder)
        .or(facts.visit_source)
        .or(agency_source)
        .or(signoff_source);
    let date = facts.date;
    let place = facts.dateline.as_deref().map(dateline::normalize);
    Article {
        layout,
        title: facts.title,
        authors: facts.authors,
        source,
        distributor: facts.distributor,
        section: facts.section,
        dateline: facts.dateline,
        place,
        date,
        year: date.map(|d| d.year).or(facts.copyright_year),
        body,
        people: Vec::new(),
        topics: Vec::new(),
    }
}

/// Wire agency abbreviations to the publication's name ("AP" → "Associated Press").
fn agency_name(tag: &str) -> &str {
    match tag.to_ascii_lowercase().as_str() {
        "ap" | "the associated press" | "associated press" => "Associated Press",
        "reuters" | "reuter" => "Reuters",
        "afp" => "Agence France-Presse",
        "upi" => "United Press International",
        "business wire" => "Business Wire",
        "prnewswire" | "pr newswire" => "PR Newswire",
        "globe newswire" | "globenewswire" => "GlobeNewswire",
        _ => tag,
    }
}

/// What a header line is.
enum HeaderLine {
    Byline(byline::Byline),
    Date(crate::calendar::Date),
    Section(String),
    Role,
    Other,
}

fn classify(line: &str, lex: &Lexicon) -> HeaderLine {
    if let Some(d) = date::parse(line) {
        return HeaderLine::Date(d);
    }
    if let Some(section) = strip_prefix_ci(line, "published in ") {
        return HeaderLine::Section(section.trim().to_string());
    }
    if let Some(b) = byline::parse(line, lex) {
        return HeaderLine::Byline(b);
    }
    if byline::is_role(line) {
        return HeaderLine::Role;
    }
    HeaderLine::Other
}

/// Scans the header; returns the line where the body starts and, when that line opens with a
/// dateline, the text after the dateline.
fn parse_header<'a>(lines: &[&'a str], facts: &mut Facts, lex: &Lexicon) -> (Option<usize>, Option<&'a str>) {
    let mut others: Vec<usize> = Vec::new(); // line numbers of unclassified lines before a signal
    let mut byline_seen_at: Option<usize> = None; // index into `others` count at the byline
    let mut body: Option<(usize, Option<&'a str>)> = None;
    let mut scanned = 0;
    let mut last_line = None;
    let mut last_signal: Option<usize> = None; // the last byline or role line
    for (n, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.is_empty() || chrome_line(t) {
            continue;
        }
        if scanned == HEADER_SCAN {
            body = Some((n, None));
            break;
        }
        scanned += 1;
        last_line = Some(n);
        if scanned > 1 {
            if let Some(d) = dateline::split(t, lex) {
                let deck_ok = others.iter().skip(1).all(|&o| lines[o].trim().len() <= 200);
                if deck_ok || facts.header_signal {
                    facts.dateline = Some(d.place.to_string());
                    facts.agency = d.agency.map(str::to_string);
                    facts.wire_month_day = d.month_day.is_some();
                    if let Some(date) = d.date {
                        facts.date.get_or_insert(date);
                    }
                    body = Some((n, Some(d.rest)));
                    break;
                }
            }
        }
        if t.len() > HEADER_LINE_MAX && scanned > 1 {
            body = Some((n, None));
            break;
        }
        match classify(t, lex) {
            HeaderLine::Byline(b) if facts.authors.is_empty() && facts.byline_source.is_none() => {
                facts.authors = b.authors;
                facts.byline_source = b.publication;
                if facts.date.is_none() {
                    facts.date = b.date;
                }
                facts.scrape_signal |= b.scrape_form;
                facts.header_signal = true;
                byline_seen_at.get_or_insert(others.len());
                last_signal = Some(n);
            }
            HeaderLine::Role => {
                // A name alone on the line above a role ("Jane Doe" / "Staff Writer") is the
                // byline.
                let above = others.last().copied().filter(|&o| previous_line(lines, n) == Some(o));
                let name =
                    above.filter(|_| facts.authors.is_empty()).and_then(|o| byline::name_only(lines[o], lex));
                if let Some(name) = name {
                    facts.authors = vec![name];
                    byline_seen_at.get_or_insert(others.len() - 1);
                }
                facts.header_signal = true;
                last_signal = Some(n);
            }
            HeaderLine::Byline(_) => facts.header_signal = true,
            HeaderLine::Date(d) => {
                facts.date.get_or_insert(d);
                // A name alone on the line above the date ("Jane Doe" / "July 29 2019").
                let above = others.last().copied().filter(|&o| previous_line(lines, n) == Some(o));
                let name =
                    above.filter(|_| facts.authors.is_empty()).and_then(|o| byline::name_only(lines[o], lex));
                if let Some(name) = name.filter(|_| others.len() >= 2) {
                    facts.authors = vec![name];
                    byline_seen_at.get_or_insert(others.len() - 1);
                }
                facts.header_signal = true;
            }
            HeaderLine::Section(s) => {
                facts.section.get_or_insert(s);
                facts.scrape_signal = true;
                facts.header_signal = true;
            }
            HeaderLine::Other => {
                if facts.header_signal && dateline_ahead(lines, n, lex) {
                    // A short line between the byline block and the dateline paragraph: the
                    // publication right under a byline ("Stars and Stripes"), a label line
                    // ("Contact: …", skipped), else a headline candidate.
                    let under_byline = last_signal.is_some_and(|s| previous_line(lines, n) == Some(s));
                    let publication = under_byline.then(|| byline::publication_line(t, lex)).flatten();
                    if let Some(publication) = publication.filter(|_| facts.byline_source.is_none()) {
                        facts.byline_source = Some(publication);
                    } else if label_line(t).is_none() {
                        others.push(n);
                    }
                    continue;
                }
                // Before any byline: a site name, a kicker, a headline and a deck may stand
                // above the byline, as long as one follows soon.
                let ends_header = facts.header_signal || others.len() >= 3;
                if ends_header && (facts.header_signal || t.len() > 300 || !byline_ahead(lines, n, lex)) {
                    body = Some((n, None));
                    break;
                }
                others.push(n);
            }
        }
    }
    if !facts.header_signal && facts.dateline.is_none() {
        // Plain text: the first line is the title, everything after it is body.
        let Some(&first) = others.first() else {
            return (body.map(|b| b.0), None);
        };
        facts.title = lines[first].trim().to_string();
        let next =
            lines.iter().enumerate().skip(first + 1).find(|(_, l)| !l.trim().is_empty()).map(|(n, _)| n);
        return (next, None);
    }
    // With a byline, the headline is the first substantial line before it (a short site
    // header such as "Current News" may precede it); without one, the first line.
    let mut before: &[usize] = &others[..byline_seen_at.unwrap_or(others.len()).min(others.len())];
    // A masthead: the publication's name alone on the first line, above a headline.
    if before.len() >= 2 {
        if let Some(name) = byline::publication_line(lines[before[0]], lex) {
            facts.masthead = Some(name);
            before = &before[1..];
        }
    }
    let pick = if before.len() >= 2 {
        before
            .iter()
            .position(|&o| lines[o].split_whitespace().count() >= 4 && lines[o].matches('|').count() < 2)
            .or(Some(before.len() - 1))
    } else if before.is_empty() {
        None
    } else {
        Some(0)
    };
    // A kicker: a short section name right above the headline ("Business", "CONGRESS").
    if let Some(k) = pick.filter(|&k| k > 0 && facts.header_signal) {
        let kicker = lines[before[k - 1]].trim();
        let words = kicker.split_whitespace().count();
        if facts.section.is_none() && words <= 3 && !kicker.contains(|c: char| c.is_ascii_digit() || c == '|')
        {
            facts.section = Some(kicker.trim_end_matches(':').to_string());
        }
    }
    let pick = pick.map(|k| &before[k]).or(others.first());
    if let Some(&t) = pick {
        facts.title = lines[t].trim().to_string();
        // A hard-wrapped headline goes on in lower case on the next line.
        if let Some(next) = lines.get(t + 1).map(|l| l.trim()) {
            if next.starts_with(char::is_lowercase) && others.contains(&(t + 1)) {
                facts.title.push(' ');
                facts.title.push_str(next);
            }
        }
    }
    match body {
        Some((n, rest)) => (Some(n), rest),
        None => (last_line.map(|l| l + 1).filter(|&l| l < lines.len()), None),
    }
}

/// The nearest non-empty line above line `n`.
fn previous_line(lines: &[&str], n: usize) -> Option<usize> {
    (0..n).rev().find(|&k| !lines[k].trim().is_empty())
}

/// True when a dateline paragraph or a date line follows line `n` within three non-empty
/// lines, and line `n` and those before it are short: the header is not over yet.
fn dateline_ahead(lines: &[&str], n: usize, lex: &Lexicon) -> bool {
    let short = |t: &str| t.len() <= 160 && !t.ends_with(['.', '!', '?']);
    if !short(lines[n].trim()) {
        return false;
    }
    let mut seen = 0;
    for line in &lines[n + 1..] {
        let t = line.trim();
        if t.is_empty() || chrome_line(t) {
            continue;
        }
        if dateline::split(t, lex).is_some() || date::parse(t).is_some() || byline::parse(t, lex).is_some() {
            return true;
        }
        seen += 1;
        if seen == 3 || !short(t) {
            return false;
        }
    }
    false
}

/// True when a byline or a date line follows line `n` within its next two non-empty lines.
fn byline_ahead(lines: &[&str], n: usize, lex: &Lexicon) -> bool {
    lines[n + 1..]
        .iter()
        .map(|l| l.trim())
        .filter(|t| !t.is_empty() && !chrome_line(t))
        .take(2)
        .any(|t| t.len() <= HEADER_LINE_MAX && (date::parse(t).is_some() || byline::parse(t, lex).is_some()))
}

/// Recognises a "Label: value" header block at the top (blank lines may separate labels).
/// Returns the line where the body starts and, for "BODY: text…", the text on that line;
/// `None` when the file does not open with such a block.
fn parse_labels<'a>(lines: &[&'a str], facts: &mut Facts, lex: &Lexicon) -> Option<(usize, Option<&'a str>)> {
    let mut n = lines.iter().position(|l| !l.trim().is_empty())?;
    // A headline may stand alone above the block (ProQuest, some CMS exports).
    let known_label =
        |line: &str| label_line(line).is_some_and(|(label, _)| !matches!(field(label), Field::Unknown));
    let mut headline = None;
    if !known_label(lines[n]) && lines[n].trim().len() <= HEADER_LINE_MAX {
        let next = lines.iter().enumerate().skip(n + 1).find(|(_, l)| !l.trim().is_empty()).map(|(k, _)| k);
        if let Some(k) = next.filter(|&k| known_label(lines[k])) {
            headline = Some(lines[n].trim());
            n = k;
        }
    }
    let mut known = 0;
    let mut saw = Vec::new();
    let mut first_rest = None;
    while n < lines.len() {
        if lines[n].trim().is_empty() {
            // A blank line inside the block only if a known label follows it.
            let next = lines[n..].iter().position(|l| !l.trim().is_empty()).map(|k| n + k);
            match next.and_then(|k| label_line(lines[k]).map(|l| (k, l))) {
                Some((k, (label, _))) if !matches!(field(label), Field::Unknown) => {
                    n = k;
                    continue;
                }
                _ => break,
            }
        }
        let Some((label, value)) = label_line(lines[n]) else { break };
        let f = field(label);
        if matches!(f, Field::Body) {
            if value.is_empty() {
                n += 1;
            } else {
                first_rest = Some(value);
            }
            break;
        }
        if !matches!(f, Field::Unknown) {
            known += 1;
        }
        saw.push((f, value));
        n += 1;
    }
    if known < 2 {
        return None;
    }
    for &(f, value) in &saw {
        apply_label(f, value, facts, lex);
    }
    if let Some(headline) = headline.filter(|_| facts.title.is_empty()) {
        facts.title = headline.to_string();
    }
    if first_rest.is_none() {
        while n < lines.len() && lines[n].trim().is_empty() {
            n += 1;
        }
    }
    Some((n, first_rest))
}

#[derive(Clone, Copy)]
enum Field {
    Title,
    Author,
    Date,
    Source,
    Section,
    Dateline,
    Distributor,
    Copyright,
    Body,
    /// Known archive bookkeeping (length, load date, keywords…): recognised, not used.
    Ignored,
    Unknown,
}

fn field(label: &str) -> Field {
    let l = label.to_ascii_lowercase().replace(['-', '_'], " ");
    match l.trim() {
        "title" | "headline" | "head" | "hed" | "subject" | "document title" => Field::Title,
        "author" | "authors" | "byline" | "by" | "writer" | "writers" | "reporter" | "credit" => {
            Field::Author
        }
        "date" | "published" | "publication date" | "pub date full" | "issue date" | "pubdate"
        | "pub date" | "date published" | "dated" => Field::Date,
        "source" | "publication" | "publisher" | "newspaper" | "paper" | "outlet" | "from"
        | "publication title" | "source title" => Field::Source,
        "section" | "desk" | "category" | "department" => Field::Section,
        "dateline" | "location" | "place" => Field::Dateline,
        "distributor" | "distributed by" | "syndicate" | "agency" => Field::Distributor,
        "copyright" | "rights" => Field::Copyright,
        "body" | "text" | "story" | "content" | "article" | "full text" | "abstract text" => Field::Body,
        "length"
        | "load date"
        | "keywords"
        | "language"
        | "url"
        | "graphic"
        | "document type"
        | "publication type"
        | "word count"
        | "words"
        | "id"
        | "updated"
        | "type"
        | "tags"
        | "to"
        | "cc"
        | "reply to"
        | "message id"
        | "mime version"
        | "content type"
        | "highlight"
        | "highlights"
        | "people"
        | "subject terms"
        | "subjects"
        | "companies"
        | "company"
        | "organizations"
        | "locations"
        | "location terms"
        | "identifier keyword"
        | "document url"
        | "proquest document id"
        | "publication info"
        | "pages"
        | "volume"
        | "issue"
        | "issn"
        | "source type"
        | "language of publication"
        | "place of publication"
        | "country of publication"
        | "publication subject"
        | "database"
        | "last updated"
        | "journal code"
        | "series"
        | "correction date"
        | "notes" => Field::Ignored,
        _ => Field::Unknown,
    }
}

fn apply_label(field: Field, value: &str, facts: &mut Facts, lex: &Lexicon) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    match field {
        Field::Title if facts.title.is_empty() => facts.title = value.to_string(),
        Field::Author if facts.authors.is_empty() => {
            let b = byline::parse_value(value, lex);
            facts.authors = b.authors;
            facts.byline_source = facts.byline_source.take().or(b.publication);
        }
        Field::Date if facts.date.is_none() => facts.date = date::parse(value),
        Field::Source if facts.label_source.is_none() => {
            // An e-mail sender "The Morning Ledger <news@example.com>": the name.
            // A place after a semicolon: "Chicago Tribune; Chicago, Ill." (ProQuest).
            let value = value.split(';').next().unwrap_or(value);
            let name = value.split_once(" <").map_or(value, |(name, _)| name).trim().trim_matches('"');
            if !name.is_empty() && !name.contains('@') {
                facts.label_source = Some(name.to_string());
            }
        }
        Field::Section if facts.section.is_none() => facts.section = section_name(value),
        Field::Dateline if facts.dateline.is_none() => {
            facts.dateline = dateline::clean(value).map(str::to_string)
        }
        Field::Distributor if facts.distributor.is_none() => {
            facts.distributor = Some(value.trim_end_matches('.').to_string())
        }
        Field::Copyright => {
            if let Some((year, holder)) = copyright(value).or_else(|| copyright(&format!("(c) {value}"))) {
                facts.copyright_year.get_or_insert(year);
                if let Some(h) = holder {
                    facts.copyright_holder.get_or_insert(h);
                }
            }
        }
        _ => {}
    }
}

/// The desk or section named by a section field, without the page-position parts archive
/// exports add ("Section A; Column 0; Foreign Desk; Pg. 9" → "Foreign Desk").
fn section_name(value: &str) -> Option<String> {
    let position = |part: &str| {
        let words: Vec<&str> = part.split_whitespace().collect();
        match words.as_slice() {
            [label, _] => {
                ["section", "column", "pg.", "pg", "page", "p."].iter().any(|l| label.eq_ignore_ascii_case(l))
            }
            _ => false,
        }
    };
    let parts: Vec<&str> = value.split(';').map(str::trim).filter(|p| !p.is_empty()).collect();
    let name = parts.iter().find(|p| !position(p)).or(parts.first())?;
    Some(name.to_string())
}

/// "Label: value" with a short label of at most three words starting with a letter.
fn label_line(line: &str) -> Option<(&str, &str)> {
    let t = line.trim();
    let colon = t.find(':')?;
    let label = &t[..colon];
    if label.is_empty()
        || label.len() > 30
        || label.split_whitespace().count() > 3
        || !label.starts_with(|c: char| c.is_ascii_alphabetic())
        || !label.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '_'))
    {
        return None;
    }
    Some((label, t[colon + 1..].trim()))
}

/// Scans boilerplate lines from the end (down to `floor`), recording their facts; returns
/// the line where the trailer begins.
fn parse_trailer(lines: &[&str], floor: usize, facts: &mut Facts) -> usize {
    let mut end = lines.len();
    while end > floor {
        let t = lines[end - 1].trim();
        if !t.is_empty() && !trailer_line(t, facts) {
            // A rule ("---", "___") with a few short lines after it (a bio, a note) ends
            // the story too.
            match rule_above(lines, floor, end) {
                Some(rule) => end = rule,
                None => break,
            }
            continue;
        }
        end -= 1;
    }
    end
}

/// Where the trailer starts when a horizontal rule or a copyright line stands at most three
/// non-empty lines of at most 300 bytes above `end` (a disclaimer may follow the copyright).
fn rule_above(lines: &[&str], floor: usize, end: usize) -> Option<usize> {
    let mut seen = 0;
    for n in (floor..end).rev() {
        let t = lines[n].trim();
        if t.is_empty() {
            continue;
        }
        if t.len() >= 3
            && (t.bytes().all(|b| b == b'-') || t.bytes().all(|b| b == b'_') || t.bytes().all(|b| b == b'*'))
        {
            return Some(n);
        }
        if copyright(t).is_some() {
            return Some(n + 1); // the copyright line itself is read as a trailer line next
        }
        seen += 1;
        if seen > 3 || t.len() > 300 {
            return None;
        }
    }
    None
}

/// Page furniture printed as a line of its own, anywhere in a scraped page: dropped from
/// the header and the body. Compared ignoring case and a final colon or period.
const CHROME_LINES: [&str; 40] = [
    "advertisement",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading the main story",
    "sponsored",
    "sponsored content",
    "skip to main content",
    "skip to content",
    "skip to navigation",
    "support us",
    "sign in",
    "log in",
    "subscribe",
    "subscribe now",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share via email",
    "share close panel",
    "close panel",
    "copy link",
    "print",
    "email",
    "comments",
    "show comments",
    "reuse this content",
    "read more",
    "read also",
    "related",
    "related articles",
    "related coverage",
    "listen to this article",
    "image caption",
    "image source",
    "for immediate release",
    "enditem",
    "(end)",
];

/// True when `line` is page furniture (see `CHROME_LINES`), or a photo credit or caption
/// label ("Image source, Getty Images", "Photograph: …/AFP/Getty Images").
fn chrome_line(line: &str) -> bool {
    let t = line.trim().trim_end_matches([':', '.']).trim();
    if t.is_empty() || t.len() > 120 {
        return false;
    }
    if CHROME_LINES.iter().any(|c| t.eq_ignore_ascii_case(c)) {
        return true;
    }
    [
        "image source,",
        "image caption,",
        "photograph:",
        "photo:",
        "(photo:",
        "related article:",
        "related:",
        "read more:",
        "read also:",
        "see also:",
    ]
    .iter()
    .any(|p| strip_prefix_ci(t, p).is_some())
}

/// Recognises one trailer line and records what it says.
fn trailer_line(t: &str, facts: &mut Facts) -> bool {
    if t.len() > 400 {
        return false;
    }
    if let Some((year, holder)) = copyright(t) {
        facts.copyright_year.get_or_insert(year);
        if let Some(h) = holder {
            facts.copyright_holder.get_or_insert(h);
        }
        return true;
    }
    if strip_prefix_ci(t.trim_end_matches('.'), "all rights reserved").is_some_and(str::is_empty) {
        return true;
    }
    if let Some(rest) = strip_prefix_ci(t, "visit ") {
        if let Some(name) = rest.strip_suffix(" at").or_else(|| rest.rsplit_once(" at ").map(|p| p.0)) {
            let name = name.strip_prefix("the ").unwrap_or(name).trim();
            if !name.is_empty() && name.len() <= 80 {
                facts.visit_source.get_or_insert_with(|| name.to_string());
                facts.scrape_signal = true;
                return true;
            }
        }
        return false;
    }
    if let Some(rest) = strip_prefix_ci(t, "distributed by ") {
        if rest.len() <= 120 {
            facts.distributor.get_or_insert_with(|| rest.trim().trim_end_matches('.').to_string());
            facts.scrape_signal = true;
            return true;
        }
        return false;
    }
    if strip_prefix_ci(t, "blog comments powered by").is_some()
        || strip_prefix_ci(t, "comments powered by").is_some()
    {
        facts.scrape_signal = true;
        return true;
    }
    if matches!(t, "Reuter" | "REUTER" | "Reuters" | "REUTERS") {
        facts.reuters_signal = true;
        return true;
    }
    if t.starts_with('(')
        && ["(reporting", "(additional reporting", "(writing", "(editing", "(compiled", "(via"]
            .iter()
            .any(|p| strip_prefix_ci(t, p).is_some())
    {
        if t.contains("Reuters") || t.contains("Reuter ") {
            facts.reuters_signal = true;
        }
        return true;
    }
    if t.split_whitespace().count() <= 60
        && (t.contains("contributed to this report") || t.contains("contributed reporting"))
    {
        return true;
    }
    if chrome_line(t) {
        return true;
    }
    // A source named outright: "Source: Al Jazeera and news agencies", "SOURCE Acme Inc."
    // (press releases), "(END) Dow Jones Newswires".
    for prefix in ["source:", "source ", "(end) "] {
        if let Some(rest) = strip_prefix_ci(t, prefix) {
            let named = rest.trim();
            let named = named.split(" and news agencies").next().unwrap_or(named);
            let named = named.split(" and agencies").next().unwrap_or(named).trim();
            if prefix != "source " || t.starts_with("SOURCE ") {
                if !named.is_empty() && named.len() <= 80 {
                    facts.trailer_source.get_or_insert_with(|| named.to_string());
                }
                return true;
            }
        }
    }
    // Credits and contacts: not part of the story, and never mentions of people. The
    // extractor's credit labels ("Reporting by", "Write to", "Media contact:") and the few
    // that only close a story ("Follow", "Filed under").
    const CLOSING: [&str; 6] =
        ["contact ", "contributing reporters", "follow ", "twitter: ", "email: ", "filed under"];
    if t.split_whitespace().count() <= 60
        && (super::credits::credit_line(t) || CLOSING.iter().any(|p| strip_prefix_ci(t, p).is_some()))
    {
        return true;
    }
    // A contact line (an e-mail address or a phone number in a short line), an italic note,
    // a sign-off ("--IANS", "bur-ah/jm", "###", "==Kyodo"), or a short tag or link line
    // without a sentence's final stop ("Theresa May", "Reuse this content").
    let words = t.split_whitespace().count();
    if words <= 25 && (has_email(t) || has_phone(t)) {
        return true;
    }
    if words <= 60
        && ((t.starts_with('*') && t.ends_with('*')) || (t.starts_with('_') && t.ends_with('_')))
        && t.len() > 2
    {
        return true;
    }
    if t.len() <= 24 && !t.contains(char::is_alphanumeric) {
        return true;
    }
    if words <= 3
        && !t.ends_with(['.', '!', '?', '"', '\u{201d}', '\'', ')', ':'])
        && !t.contains(|c: char| c.is_ascii_digit())
    {
        return true;
    }
    if words <= 2 && t.len() <= 16 && (t.starts_with("--") || t.starts_with("==") || t.contains('/')) {
        return true;
    }
    // A dated line closing wire copy ("August 22, 2019 16:41 ET (20:41 GMT)").
    if words <= 10 {
        if let Some(d) = date::parse(t) {
            facts.date.get_or_insert(d);
            return true;
        }
    }
    if let Some((label, _)) = label_line(t) {
        // Archive metadata after the story: "LOAD-DATE:", "JOURNAL-CODE:", "DOCUMENT-TYPE:"
        // (not transcript speakers: "OKAFOR-LINDQVIST: Thank you.").
        let metadata = ["-DATE", "-TYPE", "-CODE", "-ID", "-NUMBER"].iter().any(|end| label.ends_with(end));
        if metadata && !label.contains(char::is_lowercase) {
            return true;
        }
        let l = label.to_ascii_lowercase().replace(['-', '_'], " ");
        if matches!(
            l.as_str(),
            "load date"
                | "language"
                | "publication type"
                | "document type"
                | "graphic"
                | "url"
                | "length"
                | "copyright"
        ) {
            return true;
        }
    }
    false
}

/// "(c)2019 Los Angeles Times", "© 2019 X", "Copyright 2019 X. All rights reserved."
fn copyright(t: &str) -> Option<(i32, Option<String>)> {
    let rest = if let Some(r) = strip_prefix_ci(t, "(c)") {
        r
    } else if let Some(r) = t.strip_prefix('©') {
        r
    } else if let Some(r) = strip_prefix_ci(t, "copyright") {
        let r = r.trim_start();
        strip_prefix_ci(r, "(c)").or_else(|| r.strip_prefix('©')).unwrap_or(r)
    } else {
        return None;
    };
    let rest = rest.trim_start();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits != 4 || t.len() > 200 {
        return None;
    }
    let year: i32 = rest[..4].parse().ok()?;
    // A range "2018-2019": the later year.
    let mut tail = &rest[4..];
    let mut year = year;
    if let Some(r) = tail.strip_prefix('-') {
        if r.len() >= 4 && r.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
            year = r[..4].parse().unwrap_or(year);
            tail = &r[4..];
        }
    }
    let holder = tail.trim().trim_start_matches([',', ' ']);
    let holder = holder.split(". All rights").next().unwrap_or(holder);
    let holder = holder.split(" All rights").next().unwrap_or(holder).trim().trim_end_matches('.');
    let holder = publication_of(holder);
    let holder = (!holder.is_empty() && holder.len() <= 80).then(|| holder.to_string());
    Some((year, holder))
}

/// True when `t` holds an e-mail address (a word with `@` and a dot after it).
fn has_email(t: &str) -> bool {
    t.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
    })
}

/// True when `t` holds a phone number: ten or more digits in a run of digits, spaces, dots,
/// dashes, parentheses and a leading plus.
fn has_phone(t: &str) -> bool {
    let mut digits = 0;
    for c in t.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits >= 10 {
                return true;
            }
        } else if !matches!(c, ' ' | '-' | '.' | '(' | ')' | '+') {
            digits = 0;
        }
    }
    false
}

/// The publication a copyright holder names: without the company form and what follows it
/// ("Bloomberg L.P." → "Bloomberg", "The New York Times Company" → "The New York Times",
/// "United Press International, Inc. (UPI)" → "United Press International", "Guardian News &
/// Media Limited or its affiliated companies" → "Guardian News & Media").
fn publication_of(holder: &str) -> &str {
    let mut name = holder.split(" or its affiliated").next().unwrap_or(holder).trim();
    if let Some(open) = name.rfind(" (") {
        if name.ends_with(')') {
            name = name[..open].trim();
        }
    }
    // An address after the name: "Acme Media LLC, 100 Main St., …".
    if let Some(comma) = name.find(", ") {
        if name[comma + 2..].starts_with(|c: char| c.is_ascii_digit()) {
            name = &name[..comma];
        }
    }
    const FORMS: [&str; 14] = [
        ", inc",
        " inc",
        " l.p",
        " lp",
        " llc",
        " ltd",
        " limited",
        " plc",
        " corp",
        " corporation",
        " & company",
        " & co",
        " company",
        " co",
    ];
    loop {
        let trimmed = name.trim_end_matches(['.', ',']).trim_end();
        let lower = trimmed.to_ascii_lowercase();
        match FORMS.iter().find(|f| lower.ends_with(*f) && trimmed.len() > f.len() + 2) {
            Some(form) => name = trimmed[..trimmed.len() - form.len()].trim_end(),
            None => return trimmed,
        }
    }
}

/// Joins body lines into paragraphs separated by "\n\n". Blank lines always end a
/// paragraph. Within a block of hard-wrapped lines (all short), an indented line starts a new
/// paragraph and other lines continue the current one; lines of unwrapped text are
/// paragraphs of their own. `first_rest` replaces the first line (the text after a dateline).
fn build_body(lines: &[&str], first_rest: Option<&str>) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().is_empty() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && !lines[j].trim().is_empty() {
            j += 1;
        }
        let block = &lines[i..j];
        let wrapped = block.len() > 1 && block.iter().all(|l| l.len() <= 100);
        let mut in_para = false;
        for (k, raw) in block.iter().enumerate() {
            let (text, indented) = if i + k == 0 {
                match first_rest {
                    Some(rest) => (rest.trim(), true),
                    None => (raw.trim(), true),
                }
            } else {
                (raw.trim(), raw.starts_with([' ', '\t']))
            };
            let continues = wrapped && in_para && !indented;
            if text.is_empty() || (!wrapped && chrome_line(text)) {
                continue;
            }
            if continues {
                out.push(' ');
            } else if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(text);
            in_para = true;
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;
    use proptest::prelude::*;

    const SCRAPE: &str = "Current News\n\n\n\nCity council approves new harbor budget\n\nAnna Berg And Tom Reid, Harbor Gazette on May 14, 2019\n\nPublished in Local News\n\nPORTSMOUTH, N.H. -- The council voted 7-2 on Monday.\n\nThe mayor said the vote was overdue.\n\n(c)2019 Harbor Gazette\n\nVisit the Harbor Gazette at\n\nDistributed by Example Content Agency, LLC.\n\n\n\nblog comments powered by Disqus";

    #[test]
    fn web_scrape() {
        let a = parse(SCRAPE, &Lexicon::builtin());
        assert_eq!(a.layout, Layout::WebScrape);
        assert_eq!(a.title, "City council approves new harbor budget");
        assert_eq!(a.authors, ["Anna Berg", "Tom Reid"]);
        assert_eq!(a.source.as_deref(), Some("Harbor Gazette"));
        assert_eq!(a.distributor.as_deref(), Some("Example Content Agency, LLC"));
        assert_eq!(a.section.as_deref(), Some("Local News"));
        assert_eq!(a.dateline.as_deref(), Some("PORTSMOUTH, N.H."));
        assert_eq!(a.place.as_deref(), Some("Portsmouth, N.H."));
        assert_eq!(a.date, Date::new(2019, 5, 14));
        assert_eq!(a.year, Some(2019));
        assert_eq!(a.body, "The council voted 7-2 on Monday.\n\nThe mayor said the vote was overdue.");
    }

    #[test]
    fn wire_and_contributor_footer() {
        let text = "Storm closes ports\nBy JANE DOE and RICK ROE, Associated Press\nJune 2, 2021\n\nST. LOUIS (AP) — Barges stopped.\n\nMore rain is due.\n\nAssociated Press writer Ann Poe in Memphis contributed to this report.\n";
        let a = parse(text, &Lexicon::builtin());
        assert_eq!(a.layout, Layout::Wire);
        assert_eq!(a.title, "Storm closes ports");
        assert_eq!(a.authors, ["Jane Doe", "Rick Roe"]);
        assert_eq!(a.source.as_deref(), Some("Associated Press"));
        assert_eq!(a.dateline.as_deref(), Some("ST. LOUIS"));
        assert_eq!(a.place.as_deref(), Some("St. Louis"));
        assert_eq!(a.date, Date::new(2021, 6, 2));
        assert_eq!(a.body, "Barges stopped.\n\nMore rain is due.");
    }

    #[test]
    fn reuters_reflow_and_signoff() {
        let text = "WIDGET MAKER RAISES OUTPUT\n\n    AKRON, Ohio, MArch 9 - Widget Co said it would\nraise output by ten pct.\n    It gave no other details.\n    Shr 1.10 dlrs vs 90 cts\n Reuter\n";
        let a = parse(text, &Lexicon::builtin());
        assert_eq!(a.layout, Layout::Reuters);
        assert_eq!(a.title, "WIDGET MAKER RAISES OUTPUT");
        assert_eq!(a.dateline.as_deref(), Some("AKRON, Ohio"));
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!((a.date, a.year), (None, None));
        assert_eq!(
            a.body,
            "Widget Co said it would raise output by ten pct.\n\nIt gave no other details.\n\nShr 1.10 dlrs vs 90 cts"
        );
    }

    #[test]
    fn labeled_block() {
        let text = "Source: The Example Monitor\nSection: World\nDate: 2020-03-12\nAuthor: Lee Park; Kim Cho\nTitle: Ports reopen\nKeywords: ports\n\nPorts reopened on Monday.\n\nLOAD-DATE: March 13, 2020\n";
        let a = parse(text, &Lexicon::builtin());
        assert_eq!(a.layout, Layout::Labeled);
        assert_eq!(a.title, "Ports reopen");
        assert_eq!(a.authors, ["Lee Park", "Kim Cho"]);
        assert_eq!(a.source.as_deref(), Some("The Example Monitor"));
        assert_eq!(a.section.as_deref(), Some("World"));
        assert_eq!(a.date, Date::new(2020, 3, 12));
        assert_eq!(a.body, "Ports reopened on Monday.");
    }

    #[test]
    fn plain_text_invents_nothing() {
        let a = parse(
            "Quiet day at the market\n\nTraders - mostly idle - watched screens.\nNothing moved.\n",
            &Lexicon::builtin(),
        );
        assert_eq!(a.layout, Layout::Plain);
        assert_eq!(a.title, "Quiet day at the market");
        assert_eq!((a.dateline, a.source, a.date, a.year), (None, None, None, None));
        assert!(a.authors.is_empty());
        assert_eq!(a.body, "Traders - mostly idle - watched screens. Nothing moved.");
    }

    #[test]
    fn degenerate_inputs() {
        assert_eq!(parse("", &Lexicon::builtin()), Article::default());
        assert_eq!(parse("   \n\n", &Lexicon::builtin()).title, "");
        let a = parse("Only a title", &Lexicon::builtin());
        assert_eq!((a.title.as_str(), a.body.as_str()), ("Only a title", ""));
        let a = parse("Title\r\n\r\nBody line\r\n", &Lexicon::builtin());
        assert_eq!((a.title.as_str(), a.body.as_str()), ("Title", "Body line"));
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(s in "\\PC*") {
            let _ = parse(&s, &Lexicon::builtin());
        }

        #[test]
        fn never_panics_on_article_like_text(
            s in "((By |Published in |\\(c\\)20|Title: |[A-Z]{2,8}|, |\\(AP\\)| — | -- | - |: |\n|    |Reuter|é|[a-z ]{1,9}|[0-9/]{1,5})){0,60}"
        ) {
            let a = parse(&s, &Lexicon::builtin());
            prop_assert!(a.title.len() <= s.len());
        }
    }
}
