//! Archive containers: the wrappers that export tools and static-site generators put around an
//! article — Factiva's two-letter field codes (`HD`, `BY`, `PD`, `SN`, `LP`, `TD`, …), a
//! LexisNexis document preamble ("3 of 120 DOCUMENTS", publication, date, edition, headline)
//! before its `BYLINE:`/`SECTION:` labels, and YAML front matter between `---` fences. `unwrap`
//! rewrites each into the "Label: value" block that `layout` already reads, so one set of rules
//! settles the fields whatever the container. A Markdown file (a `# ` headline) loses its
//! markup in the header: the `#`s, and the emphasis around a byline, a date or the dateline.
//! Text in no known container is left alone.

use super::extract::{byline, date};

/// The text rewritten as a labelled block, or `None` when it is in no known container.
pub fn unwrap(text: &str) -> Option<String> {
    // Most files are in no container: look at the first line before splitting the rest.
    let first_line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let maybe = first_line.starts_with("HD")
        || first_line.starts_with('#')
        || first_line == "---"
        || first_line.bytes().next().is_some_and(|b| b.is_ascii_digit());
    if !maybe {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| !l.trim().is_empty())?;
    let lines = &lines[first..];
    factiva(lines).or_else(|| lexis(lines)).or_else(|| front_matter(lines)).or_else(|| markdown(lines))
}

/// How many lines of a Markdown file may belong to its header.
const MARKDOWN_HEADER: usize = 8;

fn markdown(lines: &[&str]) -> Option<String> {
    let title = lines[0].trim_start().strip_prefix('#')?.trim_start_matches('#');
    if !title.starts_with(' ') || title.trim().is_empty() {
        return None;
    }
    let mut out = format!("{}\n", title.trim());
    let mut in_header = true;
    for (n, line) in lines.iter().enumerate().skip(1) {
        let t = line.trim();
        if in_header && n > MARKDOWN_HEADER {
            in_header = false;
        }
        if in_header && !t.is_empty() {
            let plain = byline::unwrap_emphasis(t);
            if plain.len() == t.len() {
                // The first ordinary line: the body starts; a bold dateline loses its stars.
                in_header = false;
                out.push_str(&bold_lead(t));
            } else {
                out.push_str(plain);
            }
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    Some(out)
}

/// "**BEIJING** — text" → "BEIJING — text".
fn bold_lead(line: &str) -> String {
    for mark in ["**", "__", "*"] {
        if let Some(rest) = line.strip_prefix(mark) {
            if let Some((lead, after)) = rest.split_once(mark) {
                if !lead.is_empty() && lead.len() <= 60 {
                    return format!("{lead}{after}");
                }
            }
        }
    }
    line.to_string()
}

/// Factiva's field codes. Those after `TD` (or `LP`) end the story text.
const FACTIVA_CODES: [&str; 27] = [
    "HD", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "VOL", "LA", "CY", "LP", "TD", "CO", "IN",
    "NS", "RE", "IPC", "IPD", "PUB", "AN", "SE", "CLM", "RF", "ART",
];

/// `CODE value` with a Factiva code, written as the code alone, the code and a tab, or the
/// code and two or more spaces (a single space is ordinary text: "IN the end").
fn factiva_code(line: &str) -> Option<(&'static str, &str)> {
    let line = line.trim_end();
    let code_len = line.bytes().take_while(u8::is_ascii_uppercase).count();
    let code = FACTIVA_CODES.iter().copied().find(|c| c.len() == code_len && line.starts_with(*c))?;
    let rest = &line[code_len..];
    if rest.is_empty() {
        return Some((code, ""));
    }
    (rest.starts_with('\t') || rest.starts_with("  ")).then(|| (code, rest.trim()))
}

fn factiva(lines: &[&str]) -> Option<String> {
    if factiva_code(lines[0]).map(|(code, _)| code) != Some("HD") {
        return None;
    }
    let distinct: std::collections::BTreeSet<&str> =
        lines.iter().take(60).filter_map(|l| factiva_code(l)).map(|(c, _)| c).collect();
    if distinct.len() < 3 {
        return None;
    }
    // Each code's value: the text on its line and the lines up to the next code.
    let mut fields: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in lines {
        match factiva_code(line) {
            Some((code, value)) => fields.push((code, if value.is_empty() { vec![] } else { vec![value] })),
            None => {
                if let Some((_, values)) = fields.last_mut() {
                    values.push(line);
                }
            }
        }
    }
    let one_line = |code: &str| -> Option<String> {
        let (_, values) = fields.iter().find(|(c, _)| *c == code)?;
        let joined = values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).collect::<Vec<_>>().join(" ");
        (!joined.is_empty()).then_some(joined)
    };
    let mut out = String::new();
    for (code, label) in [
        ("HD", "Title"),
        ("BY", "Author"),
        ("PD", "Date"),
        ("SN", "Source"),
        ("SE", "Section"),
        ("CY", "Copyright"),
    ] {
        if let Some(value) = one_line(code) {
            out.push_str(&format!("{label}: {value}\n"));
        }
    }
    out.push_str("Body:\n");
    for (code, values) in &fields {
        if matches!(*code, "LP" | "TD") {
            for value in values {
                out.push_str(value.trim_end());
                out.push('\n');
            }
            out.push('\n');
        }
    }
    Some(out)
}

/// "3 of 120 DOCUMENTS", "1 of 1 DOCUMENT".
fn lexis_counter(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    matches!(words.as_slice(), [n, of, m, docs]
        if n.bytes().all(|b| b.is_ascii_digit())
            && of.eq_ignore_ascii_case("of")
            && m.bytes().all(|b| b.is_ascii_digit())
            && (docs.eq_ignore_ascii_case("documents") || docs.eq_ignore_ascii_case("document")))
}

/// Labels that open the metadata block after a LexisNexis preamble.
const LEXIS_LABELS: [&str; 9] =
    ["HEADLINE", "BYLINE", "SECTION", "LENGTH", "DATELINE", "BODY", "HIGHLIGHT", "SOURCE", "SERIES"];

fn lexis(lines: &[&str]) -> Option<String> {
    if !lexis_counter(lines[0]) {
        return None;
    }
    let labels_at = lines.iter().take(40).position(|l| {
        let t = l.trim_start();
        LEXIS_LABELS.iter().any(|label| t.starts_with(label) && t[label.len()..].starts_with(':'))
    })?;
    let mut date_line = None;
    let mut rest: Vec<&str> = Vec::new();
    for line in &lines[1..labels_at] {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if date_line.is_none() {
            // "March 5, 2019 Tuesday": `date::parse` takes the weekday after the date.
            if let Some(d) = date::parse(t) {
                date_line = Some(d);
                continue;
            }
        }
        if t.to_ascii_lowercase().contains("edition") {
            continue;
        }
        rest.push(t);
    }
    let has_headline = lines[labels_at..].iter().any(|l| l.trim_start().starts_with("HEADLINE:"));
    let mut out = String::new();
    // The publication comes first; an unlabelled headline is the last line before the labels.
    let (source, title) = match rest.as_slice() {
        [] => (None, None),
        [only] if has_headline => (Some(*only), None),
        [only] => (None, Some(*only)),
        [source, .., title] if !has_headline => (Some(*source), Some(*title)),
        [source, ..] => (Some(*source), None),
    };
    if let Some(source) = source {
        out.push_str(&format!("Source: {source}\n"));
    }
    if let Some(d) = date_line {
        out.push_str(&format!("Date: {d}\n"));
    }
    if let Some(title) = title {
        out.push_str(&format!("Title: {title}\n"));
    }
    for line in &lines[labels_at..] {
        out.push_str(line);
        out.push('\n');
    }
    Some(out)
}

/// YAML front matter keys that name article fields, and the label each becomes.
fn front_matter_label(key: &str) -> Option<&'static str> {
    Some(match key.to_ascii_lowercase().as_str() {
        "title" | "headline" => "Title",
        "author" | "authors" | "byline" | "writer" | "writers" => "Author",
        "date" | "published" | "publishdate" | "pubdate" | "published_at" | "date_published" => "Date",
        "publication" | "source" | "publisher" | "outlet" | "site" => "Source",
        "section" | "category" | "categories" | "desk" => "Section",
        "dateline" | "location" => "Dateline",
        _ => return None,
    })
}

fn front_matter(lines: &[&str]) -> Option<String> {
    if lines[0].trim() != "---" {
        return None;
    }
    let close = lines.iter().take(80).skip(1).position(|l| matches!(l.trim(), "---" | "..."))? + 1;
    let mut values: Vec<(&'static str, Vec<String>)> = Vec::new();
    let mut current: Option<usize> = None;
    for line in &lines[1..close] {
        let t = line.trim();
        if let Some(item) = t.strip_prefix("- ") {
            // A list item belongs to the key above it.
            if let Some(i) = current {
                values[i].1.push(unquote(item).to_string());
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            continue; // nested mapping: not a field of ours
        }
        current = None;
        let Some((key, value)) = t.split_once(':') else { continue };
        let Some(label) = front_matter_label(key.trim()) else { continue };
        let value = value.trim();
        let items: Vec<String> = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(list) => list.split(',').map(|s| unquote(s).to_string()).filter(|s| !s.is_empty()).collect(),
            None if value.is_empty() => Vec::new(),
            None => vec![unquote(value).to_string()],
        };
        if values.iter().any(|(l, _)| *l == label) {
            continue;
        }
        values.push((label, items));
        current = Some(values.len() - 1);
    }
    let mut out = String::new();
    for (label, items) in &values {
        let value = match *label {
            "Author" => items.join("; "),
            // One section; a date with a time keeps the day ("2019-01-30T14:45:00-05:00").
            "Section" => items.first().cloned().unwrap_or_default(),
            "Date" => items.first().map(|d| iso_day(d).unwrap_or(d).to_string()).unwrap_or_default(),
            _ => items.join(" "),
        };
        if !value.is_empty() {
            out.push_str(&format!("{label}: {value}\n"));
        }
    }
    if out.is_empty() {
        return None;
    }
    out.push_str("Body:\n");
    for line in &lines[close + 1..] {
        out.push_str(line);
        out.push('\n');
    }
    Some(out)
}

fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner.trim();
        }
    }
    v
}

/// The `YYYY-MM-DD` that starts an ISO timestamp.
fn iso_day(value: &str) -> Option<&str> {
    let day = value.get(..10)?;
    let b = day.as_bytes();
    (b[4] == b'-' && b[7] == b'-' && day.bytes().filter(u8::is_ascii_digit).count() == 8).then_some(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factiva_codes_on_their_own_line_after_a_tab_or_spaces() {
        for sep in ["\n", "\t", "    "] {
            let text = format!(
                "HD{sep}Ports reopen after storm\nBY{sep}By Ana Ruiz\nWC{sep}120 words\nPD{sep}4 March 2019\nSN{sep}Harbor Gazette\nSE{sep}Local\nLA{sep}English\nCY{sep}(c) 2019 Harbor Gazette. All rights reserved.\nLP{sep}PORTSMOUTH -- Ports reopened.\n\nCrews worked overnight.\nTD{sep}The mayor praised them.\n\nNS{sep}gcat : General News\nAN{sep}Document HG0000020190304\n"
            );
            let out = unwrap(&text).expect("factiva");
            assert!(out.starts_with("Title: Ports reopen after storm\nAuthor: By Ana Ruiz\nDate: 4 March 2019\nSource: Harbor Gazette\nSection: Local\nCopyright: (c) 2019"), "{out}");
            let body = out.split_once("Body:\n").unwrap().1;
            assert!(
                body.contains("PORTSMOUTH -- Ports reopened.") && body.contains("The mayor praised them."),
                "{body}"
            );
            assert!(!body.contains("gcat") && !body.contains("Document"), "{body}");
        }
        // "HD" must open the file, and a code needs a tab or two spaces after it.
        assert_eq!(unwrap("Headline\nHD x\nIN the end it rained.\n"), None);
    }

    #[test]
    fn lexis_preamble_becomes_labels() {
        let text = "                 3 of 120 DOCUMENTS\n\n            The Example Times\n\n           March 5, 2019 Tuesday\n           Late Edition - Final\n\nPorts Reopen After Storm\n\nBYLINE: By Ana Ruiz\n\nSECTION: Section A; Column 0; Metro Desk; Pg. 9\n\nLENGTH: 402 words\n\nDATELINE: PORTSMOUTH\n\nBODY:\n\nPorts reopened.\n\nLOAD-DATE: March 5, 2019\n";
        let out = unwrap(text).expect("lexis");
        assert!(
            out.starts_with("Source: The Example Times\nDate: 2019-03-05\nTitle: Ports Reopen After Storm\nBYLINE: By Ana Ruiz\n"),
            "{out}"
        );
        let labelled = "1 of 1 DOCUMENT\n\nExample Post\n\nNovember 2, 2019 Saturday\n\nHEADLINE: Ports reopen\n\nBODY:\nText.\n";
        let out = unwrap(labelled).unwrap();
        assert!(out.starts_with("Source: Example Post\nDate: 2019-11-02\nHEADLINE: Ports reopen\n"), "{out}");
    }

    #[test]
    fn markdown_headers_lose_their_markup() {
        let text = "# Ports reopen after storm\n\n*By Ana Ruiz*\n_May 13, 2019_\n\n**PORTSMOUTH** — Ports *reopened*.\n\n---\n*Ana Ruiz covers ports.*\n";
        assert_eq!(
            unwrap(text).unwrap(),
            "Ports reopen after storm\n\nBy Ana Ruiz\nMay 13, 2019\n\nPORTSMOUTH — Ports *reopened*.\n\n---\n*Ana Ruiz covers ports.*\n"
        );
        assert_eq!(unwrap("#hashtag first\nText\n"), None);
    }

    #[test]
    fn yaml_front_matter_becomes_labels() {
        let text = "---\nlayout: post\ntitle: \"Ports reopen: crews praised\"\ndate: 2019-01-30T14:45:00-05:00\nauthors:\n  - Ana Ruiz\n  - Tom Reid\ncategories: [Local, Weather]\ntags:\n  - ports\n---\n\nPORTSMOUTH -- Ports reopened.\n";
        let out = unwrap(text).expect("front matter");
        assert_eq!(
            out,
            "Title: Ports reopen: crews praised\nDate: 2019-01-30\nAuthor: Ana Ruiz; Tom Reid\nSection: Local\nBody:\n\nPORTSMOUTH -- Ports reopened.\n"
        );
        // A rule that opens a plain file with no field keys is not front matter.
        assert_eq!(unwrap("---\nfoo: bar\n---\nText\n"), None);
        assert_eq!(unwrap("---\nNo closing fence\n"), None);
    }
}
