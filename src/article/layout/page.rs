//! Whole web pages as a browser's text dump holds them: navigation, share bars, ad strings,
//! cookie notices and footers around one article. The article's header is found by its
//! anchor — a byline ("By A, B and C") or a date line — with the headline the nearest
//! headline-shaped line above it (a line the page prints twice wins); the body runs from
//! under the header to the last paragraph of prose before the footer. The publication is the
//! site name printed with the headline ("Headline | Site"), in the byline, or above the page;
//! a footer's copyright holder only when nothing else names it.

use super::body::chrome_line;
use super::trailer::copyright;
use super::Facts;
use crate::article::extract::{byline, date, dateline};
use crate::article::lexicon::Lexicon;

/// Lines at the top of a page that must hold this many navigation lines for the file to be
/// read as a page.
const NAV_WINDOW: usize = 40;
const NAV_MIN: usize = 12;
/// How far above an anchor the headline may stand (non-empty lines).
const HEADLINE_REACH: usize = 6;

/// Whether the text is a whole page rather than an article: many short navigation lines
/// ("• Markets", "Sign In", "Video") before any prose.
pub(super) fn is_page(lines: &[&str]) -> bool {
    let nav = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(NAV_WINDOW)
        .filter(|l| nav_line(l))
        .count();
    nav >= NAV_MIN
}

/// A navigation or furniture line: a bullet item, an image placeholder, or at most three words
/// without a sentence's stop.
fn nav_line(t: &str) -> bool {
    // Tables of results ("9. Jane Doe (Chile) 3:52.204") hold digits; menus do not.
    if t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    t.starts_with(['•', '[', '|', '·', '━', '─'])
        || (t.split_whitespace().count() <= 3 && !t.ends_with(['.', '!', '?']))
        || chrome_line(t)
}

/// Reads the article out of a page: records title, authors, date and source in `facts` and
/// returns the body's line range (and the first line's text after a dateline), or `None` when
/// no header is found.
pub(super) fn parse<'a>(
    lines: &[&'a str],
    facts: &mut Facts,
    lex: &Lexicon,
) -> Option<(usize, usize, Option<&'a str>)> {
    let text: Vec<(usize, &'a str)> =
        lines.iter().enumerate().map(|(n, l)| (n, l.trim())).filter(|(_, t)| !t.is_empty()).collect();
    let (k, headline_k) = (0..text.len())
        .find_map(|k| anchor_at(&text, k, lex))
        .or_else(|| (1..text.len()).find_map(|k| prose_start(&text, k, lex)))?;
    let (n, headline) = text[headline_k];
    facts.title = headline.to_string();
    // A hard-wrapped headline goes on on the next line.
    if headline.len() >= 85 {
        if let Some(&(m, next)) = text.get(headline_k + 1) {
            if m == n + 1 && next.split_whitespace().count() <= 8 && !is_anchor(next, lex) {
                facts.title = format!("{headline} {next}");
            }
        }
    }
    facts.header_signal = true;
    facts.scrape_signal = true;
    let mut last_header = k;
    for j in headline_k + 1..(k + 6).min(text.len()) {
        let t = text[j].1;
        if facts.authors.is_empty() {
            if let Some(names) = authors_of(t, text.get(j + 1).map(|x| x.1), lex) {
                facts.authors = names;
                last_header = last_header.max(j);
            }
        }
        if facts.date.is_none() {
            if let Some(d) = date_in(t) {
                facts.date = Some(d);
                last_header = last_header.max(j);
            }
        }
    }
    facts.masthead = site_name(&text, headline_k, &facts.title, lex);
    let start = text.get(last_header + 1)?.0;
    let end = body_end(&text, last_header + 1);
    // The story's first paragraph may open with a dateline ("ROME — ").
    let mut first_rest = None;
    if let Some(d) = dateline::split(text[last_header + 1].1, lex) {
        facts.take_dateline(&d);
        first_rest = Some(d.rest);
    }
    for &(_, t) in &text[end.min(text.len())..] {
        if let Some((year, holder)) = copyright(t) {
            facts.copyright_year.get_or_insert(year);
            if let Some(h) = holder {
                facts.copyright_holder.get_or_insert(h);
            }
        }
    }
    let end_line = text.get(end).map_or(lines.len(), |x| x.0);
    Some((start, end_line, first_rest))
}

/// When non-empty line `k` is an anchor (byline or date line) with prose after it and a
/// headline above it: (k, the headline's index).
fn anchor_at(text: &[(usize, &str)], k: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    if !is_anchor(text[k].1, lex) || !prose_after(text, k) {
        return None;
    }
    Some((k, headline_above(text, k, lex)?))
}

/// Without any anchor: the first line of a run of prose, with a headline above it; the line
/// above the run stands as the anchor.
fn prose_start(text: &[(usize, &str)], k: usize, lex: &Lexicon) -> Option<(usize, usize)> {
    if !prose(text[k].1) || !prose_after(text, k - 1) || prose(text[k - 1].1) {
        return None;
    }
    let headline = headline_above(text, k, lex)?;
    Some((headline, headline))
}

/// The headline among the lines above line `k`: a line the page prints twice (the page title,
/// a share text) wins; else the nearest headline-shaped line, unless it is a deck (a
/// sentence, a quotation, a long line, or sentence case under a title-case line) standing right
/// under another candidate.
fn headline_above(text: &[(usize, &str)], k: usize, lex: &Lexicon) -> Option<usize> {
    let reach = k.saturating_sub(HEADLINE_REACH);
    let candidates: Vec<usize> = (reach..k).rev().filter(|&j| headline_shaped(text[j].1, lex)).collect();
    let twice = candidates.iter().copied().find(|&j| {
        let t = text[j].1;
        text.iter().enumerate().any(|(i, &(_, o))| i != j && (o == t || o.starts_with(&format!("{t} |"))))
    });
    let nearest = *candidates.first()?;
    let above = candidates.get(1).copied().filter(|&j| j + 1 == nearest);
    let deck = |j: usize, over: usize| {
        let t = text[j].1;
        t.ends_with('.')
            || t.starts_with(['\'', '"', '\u{2018}', '\u{201c}'])
            || t.len() > 100
            || (capitalised(t) < 0.5 && capitalised(text[over].1) >= 0.5)
    };
    Some(twice.unwrap_or(match above {
        Some(j) if deck(nearest, j) => j,
        _ => nearest,
    }))
}

/// The share of a line's words that start with a capital letter.
fn capitalised(t: &str) -> f64 {
    let words = t.split_whitespace().count().max(1);
    t.split_whitespace().filter(|w| w.starts_with(char::is_uppercase)).count() as f64 / words as f64
}

/// A byline or a date line.
fn is_anchor(t: &str, lex: &Lexicon) -> bool {
    t.len() <= 200
        && (by_line(t).is_some()
            || date_in(t).is_some()
            || byline::parse(t, lex).is_some_and(|b| !b.authors.is_empty()))
}

/// Whether three lines of prose (60 characters or more) follow within the next twelve.
fn prose_after(text: &[(usize, &str)], k: usize) -> bool {
    text[k + 1..].iter().take(12).filter(|(_, t)| prose(t)).count() >= 3
}

fn prose(t: &str) -> bool {
    t.len() >= 60 && t.split_whitespace().count() >= 8 && !t.starts_with(['•', '['])
}

/// A line that may be a headline: three to forty words, not a byline, date, bullet, label or
/// furniture line.
fn headline_shaped(t: &str, lex: &Lexicon) -> bool {
    let words = t.split_whitespace().count();
    (3..=40).contains(&words)
        && t.len() <= 250
        && !t.starts_with(['•', '[', '(', '©', '|', '·'])
        && !t.ends_with([':', ','])
        && !chrome_line(t)
        && copyright(t).is_none()
        && !is_anchor(t, lex)
        && !furniture_words(t)
        && !(words <= 3 && byline::name_only(t, lex).is_some())
}

/// Words of photo credits, share bars and link lists, never in a headline's line as a whole
/// ("AP Photo/Jane Doe", "Share Tweet Share", "More Stories By Lisa").
fn furniture_words(t: &str) -> bool {
    const WORDS: [&str; 10] = [
        "photo",
        "getty",
        "image",
        "images",
        "share",
        "tweet",
        "subscribe",
        "newsletter",
        "cookies",
        "browser",
    ];
    let lower = t.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| WORDS.contains(&w))
        || lower.contains("more stories")
        || (t.contains('/') && !t.contains(' '))
}

/// The names on a byline line: "By A, B and C", "by A", "Byby A", "By: A", a "By" line with
/// the names on the next line, or what `byline::parse` reads.
fn by_line(t: &str) -> Option<&str> {
    let lower = t.get(..2)?;
    if !lower.eq_ignore_ascii_case("by") {
        return None;
    }
    let mut rest = &t[2..];
    // "Byby NAME", "ByNAME": the label doubled or glued by the dump.
    if rest.get(..2).is_some_and(|r| r.eq_ignore_ascii_case("by")) {
        rest = &rest[2..];
    }
    let glued = rest.starts_with(|c: char| c.is_uppercase());
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    if !glued && !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    let rest = rest.trim();
    (rest.is_empty() || rest.starts_with(|c: char| c.is_uppercase())).then_some(rest)
}

/// The authors of a byline line (`next` is the line after it, for a "By" alone on its line).
fn authors_of(t: &str, next: Option<&str>, lex: &Lexicon) -> Option<Vec<String>> {
    let names = match by_line(t) {
        Some("") => next.filter(|n| n.len() <= 60)?,
        Some(names) => names,
        None => {
            let b = byline::parse(t, lex)?;
            return (!b.authors.is_empty()).then_some(b.authors);
        }
    };
    // Cut what follows the names: a date, a handle, a role or outlet after a separator.
    let mut names = names;
    for sep in [
        " | ",
        " • ",
        " · ",
        " / ",
        " - ",
        " — ",
        "  ",
        " @",
        " on ",
        " Updated",
        " last updated",
        " Published",
    ] {
        if let Some(at) = names.find(sep) {
            names = &names[..at];
        }
    }
    let names = names.trim().trim_end_matches([',', '.']);
    let b = byline::parse_value(names, lex);
    let authors: Vec<String> = b.authors.into_iter().filter(|a| a.split_whitespace().count() <= 4).collect();
    (!authors.is_empty()).then_some(authors)
}

/// A date printed on the line, alone or after a name or label ("Valentina Palladino - Aug 10,
/// 2016 11:15 am UTC", "Saibal Dasgupta / TNN / Updated: Oct 9, 2019, 11:05 IST", "By Jane
/// Doe December 9, 2016"): the longest tail of the line that is a date line.
fn date_in(t: &str) -> Option<crate::calendar::Date> {
    if t.len() > 160 || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(d) = date::parse(t) {
        return Some(d);
    }
    let starts: Vec<usize> = t.match_indices(' ').map(|(i, _)| i + 1).collect();
    starts.into_iter().filter(|&i| i < t.len()).find_map(|i| date::parse(&t[i..]))
}

/// The publication: the site after the headline on a "Headline | Site" line, else a
/// publication's name alone on one of the page's first lines.
fn site_name(text: &[(usize, &str)], headline_k: usize, title: &str, lex: &Lexicon) -> Option<String> {
    for &(_, t) in text {
        for sep in [" | ", " - ", " — ", " :: "] {
            if let Some(site) = t.strip_prefix(title).and_then(|r| r.strip_prefix(sep)) {
                let site = site.trim();
                if !site.is_empty() && site.split_whitespace().count() <= 5 {
                    return Some(site.to_string());
                }
            }
        }
    }
    text[..headline_k.min(8)].iter().find_map(|&(_, t)| byline::publication_line(t, lex))
}

/// Where the story ends: after the last line of prose before a run of eight lines that are
/// no prose (menus, related links, the footer), counted from `from`.
fn body_end(text: &[(usize, &str)], from: usize) -> usize {
    let mut last_prose = from;
    let mut run = 0;
    for (k, (_, t)) in text.iter().enumerate().skip(from) {
        if prose(t) {
            last_prose = k;
            run = 0;
        } else {
            run += 1;
            if run >= 8 {
                break;
            }
        }
    }
    last_prose + 1
}
