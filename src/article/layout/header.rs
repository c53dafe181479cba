//! The header of an unlabelled file: headline, kicker, masthead, byline, date line, section
//! and the dateline that opens the first paragraph. Each line is classified; the header ends
//! at a dateline paragraph or at the first ordinary line once a signal has been seen.

use super::body::chrome_line;
use super::labels::label_line;
use super::{strip_prefix_ci, Facts, HEADER_LINE_MAX, HEADER_SCAN};
use crate::article::extract::text::TrimLine;
use crate::article::extract::{byline, date, dateline};
use crate::article::lexicon::Lexicon;
use crate::article::record::DateFrom;

/// What a header line is.
enum HeaderLine {
    Byline(byline::Byline),
    Date(crate::calendar::Date),
    Section(String),
    Role,
    Other,
}

impl HeaderLine {
    fn is_other(&self) -> bool {
        matches!(self, HeaderLine::Other)
    }
}

fn classify(line: &str, lex: &Lexicon) -> HeaderLine {
    if let Some(d) = date::parse_in(line, lex.date_order()) {
        return HeaderLine::Date(d);
    }
    if let Some(section) = strip_prefix_ci(line, "published in ") {
        return HeaderLine::Section(section.trim_line().to_string());
    }
    if let Some(b) = byline::parse(line, lex) {
        return HeaderLine::Byline(b);
    }
    if byline::is_role(line) {
        return HeaderLine::Role;
    }
    HeaderLine::Other
}

/// The state of a header scan: the unclassified lines seen so far and where the signals were.
struct Scan<'l, 'a> {
    lines: &'l [&'a str],
    lex: &'l Lexicon,
    /// Line numbers of unclassified lines (headline, kicker, masthead, deck candidates).
    others: Vec<usize>,
    /// How many of `others` stood before the byline.
    byline_seen_at: Option<usize>,
    /// The last byline or role line.
    last_signal: Option<usize>,
}

/// What one header line decides.
enum Step<'a> {
    /// Go on to the next line.
    Next,
    /// The body starts at this line, with the text after a dateline when it opens with one.
    Body(usize, Option<&'a str>),
}

/// Scans the header; returns the line where the body starts and, when that line opens with a
/// dateline, the text after the dateline.
pub(super) fn parse_header<'a>(
    lines: &[&'a str],
    facts: &mut Facts,
    lex: &Lexicon,
) -> (Option<usize>, Option<&'a str>) {
    let mut scan = Scan { lines, lex, others: Vec::new(), byline_seen_at: None, last_signal: None };
    let mut body: Option<(usize, Option<&'a str>)> = None;
    let mut scanned = 0;
    let mut last_line = None;
    for (n, line) in lines.iter().enumerate() {
        let t = line.trim_line();
        if t.is_empty() || chrome_line(t) {
            continue;
        }
        if scanned == HEADER_SCAN {
            body = Some((n, None));
            break;
        }
        scanned += 1;
        last_line = Some(n);
        if let Step::Body(n, rest) = scan.line(n, scanned, facts) {
            body = Some((n, rest));
            break;
        }
    }
    if facts.headless {
        return (body.map(|b| b.0), body.and_then(|b| b.1));
    }
    if !facts.header_signal && facts.dateline.is_none() {
        // Plain text: the first line is the title, everything after it is body.
        // A page's furniture is no title: menu items glued together, an image's placeholder,
        // a breadcrumb ("Home→News"), a lone word or address ("LOGIN", "Advertisement") over a
        // line of three words or more.
        let others = &scan.others;
        let furniture = |i: usize| {
            let t = lines[others[i]].trim_line();
            super::page::furniture_title(t)
                || (!t.contains(char::is_whitespace)
                    && others.get(i + 1).is_some_and(|&o| lines[o].split_whitespace().count() >= 3))
        };
        let first = (0..others.len()).find(|&i| !furniture(i)).map(|i| &others[i]).or(others.first());
        let Some(&first) = first else {
            return (body.map(|b| b.0), None);
        };
        facts.title = lines[first].trim_line().to_string();
        let next =
            lines.iter().enumerate().skip(first + 1).find(|(_, l)| !l.trim_line().is_empty()).map(|(n, _)| n);
        return (next, None);
    }
    scan.pick_title(facts);
    match body {
        Some((n, rest)) => (Some(n), rest),
        None => (last_line.map(|l| l + 1).filter(|&l| l < lines.len()), None),
    }
}

impl<'a> Scan<'_, 'a> {
    /// Reads header line `n`, the `scanned`-th non-empty one.
    fn line(&mut self, n: usize, scanned: usize, facts: &mut Facts) -> Step<'a> {
        let lines = self.lines;
        let t = lines[n].trim_line();
        if scanned == 1 {
            if let Some(rest) = lead_paragraph(lines, n, facts, self.lex) {
                facts.headless = true;
                return Step::Body(n, Some(rest));
            }
        }
        if scanned > 1 {
            if let Some(d) = dateline::split(t, self.lex) {
                let deck_ok = self.others.iter().skip(1).all(|&o| lines[o].trim_line().len() <= 200);
                if deck_ok || facts.header_signal {
                    facts.take_dateline(&d);
                    facts.wire_month_day = d.month_day.is_some();
                    return Step::Body(n, Some(d.rest));
                }
            }
            if let Some((place, date)) =
                dateline::dated_line(t, self.lex).filter(|_| facts.dateline.is_none())
            {
                // "BRUSSELS 1996-08-22" on a line of its own, under the headline (and a byline
                // name, as "Jane Doe" / "BRUSSELS 1996-08-22").
                facts.dateline = Some(place.to_string());
                facts.found_date(Some(date), DateFrom::Dateline);
                if let Some(name) = self.name_above(n, facts).filter(|_| self.others.len() >= 2) {
                    facts.authors = vec![name];
                    self.byline_seen_at.get_or_insert(self.others.len() - 1);
                }
                facts.header_signal = true;
                return Step::Next;
            }
        }
        if t.len() > HEADER_LINE_MAX && scanned > 1 {
            return Step::Body(n, None);
        }
        match classify(t, self.lex) {
            HeaderLine::Byline(b) if facts.authors.is_empty() && facts.byline_source.is_none() => {
                facts.authors = b.authors;
                facts.byline_source = b.publication;
                facts.found_date(b.date, DateFrom::DateLine);
                facts.scrape_signal |= b.scrape_form;
                facts.header_signal = true;
                self.byline_seen_at.get_or_insert(self.others.len());
                self.last_signal = Some(n);
            }
            HeaderLine::Role => {
                // A name alone on the line above a role ("Jane Doe" / "Staff Writer") is the
                // byline.
                if let Some(name) = self.name_above(n, facts) {
                    facts.authors = vec![name];
                    self.byline_seen_at.get_or_insert(self.others.len() - 1);
                }
                facts.header_signal = true;
                self.last_signal = Some(n);
            }
            HeaderLine::Byline(_) => facts.header_signal = true,
            HeaderLine::Date(d) => {
                facts.found_date(Some(d), DateFrom::DateLine);
                // A name alone on the line above the date ("Jane Doe" / "July 29 2019").
                let name = self.name_above(n, facts);
                if let Some(name) = name.filter(|_| self.others.len() >= 2) {
                    facts.authors = vec![name];
                    self.byline_seen_at.get_or_insert(self.others.len() - 1);
                }
                facts.header_signal = true;
            }
            HeaderLine::Section(s) => {
                facts.section.get_or_insert(s);
                facts.scrape_signal = true;
                facts.header_signal = true;
            }
            HeaderLine::Other => return self.other(n, t, facts),
        }
        Step::Next
    }

    /// A name alone on the unclassified line right above line `n`, while no author is known.
    fn name_above(&self, n: usize, facts: &Facts) -> Option<String> {
        let above = self.others.last().copied().filter(|&o| previous_line(self.lines, n) == Some(o));
        above.filter(|_| facts.authors.is_empty()).and_then(|o| byline::name_only(self.lines[o], self.lex))
    }

    /// An unclassified line: a headline candidate, the publication under a byline, or the
    /// first line of the body.
    fn other(&mut self, n: usize, t: &str, facts: &mut Facts) -> Step<'a> {
        let lines = self.lines;
        if facts.header_signal && dateline_ahead(lines, n, self.lex) {
            // A short line between the byline block and the dateline paragraph: the
            // publication right under a byline ("Stars and Stripes"), a label line
            // ("Contact: …", skipped), else a headline candidate.
            let under_byline = self.last_signal.is_some_and(|s| previous_line(lines, n) == Some(s));
            let publication = under_byline.then(|| byline::publication_line(t, self.lex)).flatten();
            if let Some(publication) = publication.filter(|_| facts.byline_source.is_none()) {
                facts.byline_source = Some(publication);
            } else if label_line(t).is_none() {
                self.others.push(n);
            }
            return Step::Next;
        }
        // Before any byline: a site name, a kicker, a headline and a deck may stand
        // above the byline, as long as one follows soon.
        let ends_header = facts.header_signal || self.others.len() >= 3;
        if ends_header && (facts.header_signal || t.len() > 300 || !byline_ahead(lines, n, self.lex)) {
            return Step::Body(n, None);
        }
        self.others.push(n);
        Step::Next
    }

    /// With a byline, the headline is the first substantial line before it (a short site
    /// header such as "Current News" may precede it); without one, the first line. A
    /// masthead above it gives the source, a kicker the section.
    fn pick_title(&self, facts: &mut Facts) {
        let (lines, others) = (self.lines, &self.others);
        let mut before: &[usize] = &others[..self.byline_seen_at.unwrap_or(others.len()).min(others.len())];
        // A masthead: the publication's name alone on the first line, above a headline.
        if before.len() >= 2 {
            if let Some(name) = byline::publication_line(lines[before[0]], self.lex) {
                facts.masthead = Some(name);
                before = &before[1..];
            }
        }
        let pick = if before.len() >= 2 {
            before
                .iter()
                .position(|&o| {
                    lines[o].split_whitespace().count() >= 4
                        && lines[o].matches('|').count() < 2
                        && !super::page::glued_menu(lines[o])
                })
                .or(Some(before.len() - 1))
        } else if before.is_empty() {
            None
        } else {
            Some(0)
        };
        // A kicker: a short section name right above the headline ("Business", "CONGRESS").
        if let Some(k) = pick.filter(|&k| k > 0 && facts.header_signal) {
            let kicker = lines[before[k - 1]].trim_line();
            let words = kicker.split_whitespace().count();
            if facts.section.is_none()
                && words <= 3
                && !kicker.contains(|c: char| c.is_ascii_digit() || c == '|')
            {
                facts.section = Some(kicker.trim_end_matches(':').to_string());
            }
        }
        let pick = pick.map(|k| &before[k]).or(others.first());
        if let Some(&t) = pick {
            facts.title = lines[t].trim_line().to_string();
            // A hard-wrapped headline goes on in lower case on the next line.
            if let Some(next) = lines.get(t + 1).map(|l| l.trim_line()) {
                if next.starts_with(char::is_lowercase) && others.contains(&(t + 1)) {
                    facts.title.push(' ');
                    facts.title.push_str(next);
                }
            }
        }
    }
}

/// When the file's first non-empty line `n` is the story's first paragraph rather than a
/// headline, the text of that paragraph to keep as the body's start (after a dateline or a
/// byline lead it opens with, whose facts are recorded); `None` for a headline. A paragraph is
/// longer than any headline, opens with a dateline and goes on for a sentence, opens with a
/// dotted byline ("By . Jane Doe . PUBLISHED: …"), or is a sentence in lower case running
/// straight on into the next line (one sentence per line).
fn lead_paragraph<'a>(lines: &[&'a str], n: usize, facts: &mut Facts, lex: &Lexicon) -> Option<&'a str> {
    let t = lines[n].trim_line();
    let words = t.split_whitespace().count();
    if let Some(lead) = byline::dotted_lead(t, lex) {
        facts.authors = lead.byline.authors;
        facts.byline_source = lead.byline.publication;
        facts.date = None;
        facts.found_date(lead.date, DateFrom::DateLine);
        facts.header_signal = true;
        return Some(lead.rest);
    }
    if words >= 12 {
        if let Some(d) = dateline::split(t, lex) {
            let rest_words = d.rest.split_whitespace().count();
            let lower = d.rest.split_whitespace().filter(|w| w.starts_with(char::is_lowercase)).count();
            if (rest_words >= 10 && lower >= 3) || (d.agency.is_some() && rest_words >= 3) {
                facts.take_dateline(&d);
                facts.wire_month_day = d.month_day.is_some();
                return Some(d.rest);
            }
        }
    }
    if t.len() > HEADER_LINE_MAX {
        return Some(t);
    }
    let next = lines.get(n + 1).map(|l| l.trim_line()).unwrap_or_default();
    let sentence = t.ends_with(['.', '!', '?', '"', '\u{201d}']) && words >= 8;
    let capitalised = t.split_whitespace().filter(|w| w.starts_with(char::is_uppercase)).count();
    let runs_on = !next.is_empty() && next.split_whitespace().count() >= 4 && classify(next, lex).is_other();
    (sentence && capitalised * 2 < words && runs_on).then_some(t)
}

/// The nearest non-empty line above line `n`.
fn previous_line(lines: &[&str], n: usize) -> Option<usize> {
    (0..n).rev().find(|&k| !lines[k].trim_line().is_empty())
}

/// True when a dateline paragraph or a date line follows line `n` within three non-empty
/// lines, and line `n` and those before it are short: the header is not over yet.
fn dateline_ahead(lines: &[&str], n: usize, lex: &Lexicon) -> bool {
    let short = |t: &str| t.len() <= 160 && !t.ends_with(['.', '!', '?']);
    if !short(lines[n].trim_line()) {
        return false;
    }
    let mut seen = 0;
    for line in &lines[n + 1..] {
        let t = line.trim_line();
        if t.is_empty() || chrome_line(t) {
            continue;
        }
        if dateline::split(t, lex).is_some()
            || date::parse_in(t, lex.date_order()).is_some()
            || byline::parse(t, lex).is_some()
        {
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
    lines[n + 1..].iter().map(|l| l.trim_line()).filter(|t| !t.is_empty() && !chrome_line(t)).take(2).any(
        |t| {
            t.len() <= HEADER_LINE_MAX
                && (date::parse_in(t, lex.date_order()).is_some() || byline::parse(t, lex).is_some())
        },
    )
}
