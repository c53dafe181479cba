//! A block of "Label: value" metadata lines (Title:, Author:, Date:, …) at the top of a file,
//! as archive exports and CMS dumps write it, read into the facts.

use super::trailer::copyright;
use super::{Facts, HEADER_LINE_MAX};
use crate::article::extract::text::TrimLine;
use crate::article::extract::{byline, date, dateline};
use crate::article::lexicon::Lexicon;
use crate::article::record::DateFrom;

/// Recognises a "Label: value" header block at the top (blank lines may separate labels).
/// Returns the line where the body starts and, for "BODY: text…", the text on that line;
/// `None` when the file does not open with such a block.
pub(super) fn parse_labels<'a>(
    lines: &[&'a str],
    facts: &mut Facts,
    lex: &Lexicon,
) -> Option<(usize, Option<&'a str>)> {
    let mut n = lines.iter().position(|l| !l.trim_line().is_empty())?;
    // A headline may stand alone above the block (ProQuest, some CMS exports).
    let known_label =
        |line: &str| label_line(line).is_some_and(|(label, _)| !matches!(field(label), Field::Unknown));
    let mut headline = None;
    if !known_label(lines[n]) && lines[n].trim_line().len() <= HEADER_LINE_MAX {
        let next =
            lines.iter().enumerate().skip(n + 1).find(|(_, l)| !l.trim_line().is_empty()).map(|(k, _)| k);
        if let Some(k) = next.filter(|&k| known_label(lines[k])) {
            headline = Some(lines[n].trim_line());
            n = k;
        }
    }
    let mut known = 0;
    let mut saw = Vec::new();
    let mut first_rest = None;
    while n < lines.len() {
        if lines[n].trim_line().is_empty() {
            // A blank line inside the block only if a known label follows it.
            let next = lines[n..].iter().position(|l| !l.trim_line().is_empty()).map(|k| n + k);
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
        while n < lines.len() && lines[n].trim_line().is_empty() {
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
    match l.trim_line() {
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
    let value = value.trim_line();
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
        Field::Date => facts.found_date(date::parse_in(value, lex.date_order()), DateFrom::Header),
        Field::Source if facts.label_source.is_none() => {
            // An e-mail sender "The Morning Ledger <news@example.com>": the name.
            // A place after a semicolon: "Chicago Tribune; Chicago, Ill." (ProQuest).
            let value = value.split(';').next().unwrap_or(value);
            let name = value.split_once(" <").map_or(value, |(name, _)| name).trim_line().trim_matches('"');
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
pub(super) fn label_line(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_line();
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
    Some((label, t[colon + 1..].trim_line()))
}
