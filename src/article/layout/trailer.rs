//! The trailer: the run of boilerplate lines at the end of a story (copyright, "Visit … at",
//! "Distributed by", comment widgets, wire sign-offs, reporting credits, contacts, archive
//! labels), read from the bottom up; what they say (holder, year, source) is kept.

use super::body::chrome_line;
use super::labels::label_line;
use super::{strip_prefix_ci, Facts};
use crate::article::credits;
use crate::article::extract::date;
use crate::article::extract::text::TrimLine;
use crate::article::record::DateFrom;

/// Scans boilerplate lines from the end (down to `floor`), recording their facts; returns
/// the line where the trailer begins.
pub(super) fn parse_trailer(lines: &[&str], floor: usize, facts: &mut Facts) -> usize {
    let mut end = lines.len();
    while end > floor {
        let t = lines[end - 1].trim_line();
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
        let t = lines[n].trim_line();
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

/// Recognises one trailer line and records what it says.
fn trailer_line(t: &str, facts: &mut Facts) -> bool {
    if t.len() > 400 {
        return false;
    }
    match named_line(t, facts) {
        Some(known) => known,
        None => closing_line(t, facts),
    }
}

/// A trailer line that names something (copyright holder, "Visit … at", distributor, comment
/// widget, wire sign-off, reporting credit, "Source:"): `Some(is trailer)` when it decides.
fn named_line(t: &str, facts: &mut Facts) -> Option<bool> {
    if let Some((year, holder)) = copyright(t) {
        facts.copyright_year.get_or_insert(year);
        if let Some(h) = holder {
            facts.copyright_holder.get_or_insert(h);
        }
        return Some(true);
    }
    if strip_prefix_ci(t.trim_end_matches('.'), "all rights reserved").is_some_and(str::is_empty) {
        return Some(true);
    }
    if let Some(rest) = strip_prefix_ci(t, "visit ") {
        if let Some(name) = rest.strip_suffix(" at").or_else(|| rest.rsplit_once(" at ").map(|p| p.0)) {
            let name = name.strip_prefix("the ").unwrap_or(name).trim_line();
            if !name.is_empty() && name.len() <= 80 {
                facts.visit_source.get_or_insert_with(|| name.to_string());
                facts.scrape_signal = true;
                return Some(true);
            }
        }
        return Some(false);
    }
    if let Some(rest) = strip_prefix_ci(t, "distributed by ") {
        if rest.len() <= 120 {
            facts.distributor.get_or_insert_with(|| rest.trim_line().trim_end_matches('.').to_string());
            facts.scrape_signal = true;
            return Some(true);
        }
        return Some(false);
    }
    if strip_prefix_ci(t, "blog comments powered by").is_some()
        || strip_prefix_ci(t, "comments powered by").is_some()
    {
        facts.scrape_signal = true;
        return Some(true);
    }
    if matches!(t, "Reuter" | "REUTER" | "Reuters" | "REUTERS") {
        facts.reuters_signal = true;
        return Some(true);
    }
    if t.starts_with('(')
        && ["(reporting", "(additional reporting", "(writing", "(editing", "(compiled", "(via"]
            .iter()
            .any(|p| strip_prefix_ci(t, p).is_some())
    {
        if t.contains("Reuters") || t.contains("Reuter ") {
            facts.reuters_signal = true;
        }
        return Some(true);
    }
    if t.split_whitespace().count() <= 60
        && (t.contains("contributed to this report") || t.contains("contributed reporting"))
    {
        return Some(true);
    }
    if chrome_line(t) {
        return Some(true);
    }
    // A source named outright: "Source: Al Jazeera and news agencies", "SOURCE Acme Inc."
    // (press releases), "(END) Dow Jones Newswires".
    for prefix in ["source:", "source ", "(end) "] {
        if let Some(rest) = strip_prefix_ci(t, prefix) {
            let named = rest.trim_line();
            let named = named.split(" and news agencies").next().unwrap_or(named);
            let named = named.split(" and agencies").next().unwrap_or(named).trim_line();
            if prefix != "source " || t.starts_with("SOURCE ") {
                if !named.is_empty() && named.len() <= 80 {
                    facts.trailer_source.get_or_insert_with(|| named.to_string());
                }
                return Some(true);
            }
        }
    }
    None
}

/// A closing line that names nothing the article keeps: credits, contacts, notes, sign-offs,
/// tags, a dated wire close, archive labels.
fn closing_line(t: &str, facts: &mut Facts) -> bool {
    // Credits and contacts: not part of the story, and never mentions of people. The
    // extractor's credit labels ("Reporting by", "Write to", "Media contact:") and the few
    // that only close a story ("Follow", "Filed under").
    const CLOSING: [&str; 6] =
        ["contact ", "contributing reporters", "follow ", "twitter: ", "email: ", "filed under"];
    if t.split_whitespace().count() <= 60
        && (credits::credit_line(t) || CLOSING.iter().any(|p| strip_prefix_ci(t, p).is_some()))
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
        if let Some(d) = date::parse_in(t, facts.date_order) {
            facts.found_date(Some(d), DateFrom::Trailer);
            return true;
        }
    }
    archive_label(t)
}

/// Archive metadata after the story: "LOAD-DATE:", "JOURNAL-CODE:", "DOCUMENT-TYPE:" (not
/// transcript speakers: "OKAFOR-LINDQVIST: Thank you.").
fn archive_label(t: &str) -> bool {
    if let Some((label, _)) = label_line(t) {
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
pub(super) fn copyright(t: &str) -> Option<(i32, Option<String>)> {
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
    let holder = tail.trim_line().trim_start_matches([',', ' ']);
    let holder = holder.split(". All rights").next().unwrap_or(holder);
    let holder = holder.split(" All rights").next().unwrap_or(holder).trim_line().trim_end_matches('.');
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
/// dashes, parentheses and a leading plus, with a group of three digits or more (a line of
/// scores or figures, "15-9 12-15 15-11 15-7", has none: results tables are story text).
fn has_phone(t: &str) -> bool {
    let (mut digits, mut group, mut long_group) = (0, 0, false);
    for c in t.chars() {
        if c.is_ascii_digit() {
            digits += 1;
            group += 1;
            long_group |= group >= 3;
            if digits >= 10 && long_group {
                return true;
            }
        } else {
            group = 0;
            if !matches!(c, ' ' | '-' | '.' | '(' | ')' | '+') {
                (digits, long_group) = (0, false);
            }
        }
    }
    false
}

/// The publication a copyright holder names: without the company form and what follows it
/// ("Bloomberg L.P." → "Bloomberg", "The New York Times Company" → "The New York Times",
/// "United Press International, Inc. (UPI)" → "United Press International", "Guardian News &
/// Media Limited or its affiliated companies" → "Guardian News & Media").
fn publication_of(holder: &str) -> &str {
    let mut name = holder.split(" or its affiliated").next().unwrap_or(holder).trim_line();
    if let Some(open) = name.rfind(" (") {
        if name.ends_with(')') {
            name = name[..open].trim_line();
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
