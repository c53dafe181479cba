//! Whole web pages as a browser's text dump holds them: navigation, share bars, ad strings,
//! cookie notices and footers around one article. The article's header is found by its
//! anchor — a byline ("By A, B and C") or a date line — with the headline the nearest
//! headline-shaped line above it (a line the page prints twice wins); the body runs from
//! under the header to the last paragraph of prose before the footer. The publication is the
//! site name printed with the headline ("Headline | Site"), in the byline, or above the page;
//! a footer's copyright holder only when nothing else names it.

use super::body::chrome_line;
use super::page_date;
use super::trailer::copyright;
use super::{strip_prefix_ci, Facts};
use crate::article::extract::date::DateOrder;
use crate::article::extract::text::count_words;
use crate::article::extract::text::TrimLine;
use crate::article::extract::{byline, date, dateline};
use crate::article::lexicon::Lexicon;
use crate::article::record::DateFrom;

/// Lines at the top of a page that must hold this many navigation lines for the file to be
/// read as a page.
const NAV_WINDOW: usize = 40;
const NAV_MIN: usize = 12;
/// Navigation lines before the first paragraph that make a text possibly a page.
const MAYBE_NAV_MIN: usize = 5;
/// How far above an anchor the headline may stand (non-empty lines).
const HEADLINE_REACH: usize = 6;
/// How far under a headline its byline and date line may stand (non-empty lines): past a
/// deck, a share bar, a photo and its caption.
const HEADER_REACH: usize = 20;
/// A line this long (characters) was filled by the dump's wrapping (`w3m -cols 100` fills
/// lines to 90 and more); a headline on a line of its own is shorter.
const WRAPPED: usize = 90;

/// Whether the text is a whole page rather than an article: many short navigation lines
/// ("• Markets", "Sign In", "Video") before any prose.
/// Lines are tested only while enough of the window is left to reach `NAV_MIN`: a wire story
/// of fewer non-empty lines (most) is no page without a test.
pub(super) fn is_page(lines: &[&str]) -> bool {
    let mut window = [""; NAV_WINDOW];
    let mut n = 0;
    for line in lines {
        let t = line.trim_line();
        if !t.is_empty() {
            window[n] = t;
            n += 1;
            if n == NAV_WINDOW {
                break;
            }
        }
    }
    let mut nav = 0;
    for (i, t) in window[..n].iter().enumerate() {
        if nav + (n - i) < NAV_MIN {
            return false;
        }
        nav += usize::from(nav_line(t));
    }
    nav >= NAV_MIN
}

/// Whether the text may be a page with a short menu: seven navigation lines or more before the
/// story's first paragraph. Such a page is read only when its headline is found by its byline,
/// date line or repeat (see `parse`).
pub(super) fn maybe_page(lines: &[&str]) -> bool {
    // The non-empty lines are read only as far as the first paragraph (most files: the third).
    let mut text: Vec<(usize, &str)> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let t = line.trim_line();
        if t.is_empty() {
            continue;
        }
        text.push((n, t));
        if let Some(first) = text.len().checked_sub(3).filter(|&i| paragraph_at(&text, i)) {
            return text[..first].iter().filter(|(_, t)| nav_line(t)).count() >= MAYBE_NAV_MIN;
        }
    }
    false
}

/// A navigation or furniture line: a bullet item, an image placeholder, or at most three words
/// without a sentence's stop.
fn nav_line(t: &str) -> bool {
    let shaped = t.starts_with(['•', '[', '|', '·', '━', '─'])
        || (count_words(t, 4) <= 3 && !t.ends_with(['.', '!', '?']))
        || chrome_line(t);
    // Tables of results ("9. Jane Doe (Chile) 3:52.204") hold digits; menus do not.
    shaped && !t.bytes().any(|b| b.is_ascii_digit())
}

/// Reads the article out of a page: records title, authors, date and source in `facts` and
/// returns the body's line range (and the first line's text after a dateline), or `None` when
/// no header is found. Unless the text is `sure` to be a page, only a headline with a byline,
/// date line or repeat counts, not the line above the first run of prose.
pub(super) fn parse<'a>(
    lines: &[&'a str],
    sure: bool,
    facts: &mut Facts,
    lex: &Lexicon,
) -> Option<(usize, usize, Option<&'a str>)> {
    let text: Vec<(usize, &'a str)> =
        lines.iter().enumerate().map(|(n, l)| (n, l.trim_line())).filter(|(_, t)| !t.is_empty()).collect();
    let headline_k = best_headline(lines, &text, lex).or_else(|| {
        sure.then(|| (1..text.len()).find_map(|k| prose_start(&text, k, lex)).map(|(_, h)| h)).flatten()
    })?;
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
    let header = header_window(&text, headline_k, |i| {
        by_line(text[i].1).is_some()
            || date_line(text[i].1, lex).is_some()
            || labelled(strip_marks(text[i].1)).is_some()
    });
    let mut last_header = headline_k;
    // The header's date lines (not a wrapped sentence's end), for `page_date::publication_date`.
    let mut dated = Vec::new();
    for j in header.clone() {
        let t = text[j].1;
        if facts.authors.is_empty() && !furniture_words(byline_head(t)) {
            if let Some(names) = authors_of(t, text.get(j + 1).map(|x| x.1), lex)
                .or_else(|| dated_authors(t, lex))
                .or_else(|| ago_name(t, lex).map(|n| vec![n]))
            {
                facts.authors = names;
                last_header = last_header.max(j + usize::from(by_line(t) == Some("")));
            }
        }
        if !page_date::sentence_tail(&text, j) {
            if let Some(d) = date_line(t, lex) {
                if dated.is_empty() {
                    last_header = last_header.max(j);
                }
                dated.push((j, d));
            }
        }
    }
    if let Some((_, d)) = page_date::publication_date(&text, &dated) {
        facts.found_date(Some(d), DateFrom::DateLine);
    }
    // A byline or date line printed just above the headline ("Jane Doe/March 3, 2016").
    for j in (headline_k.saturating_sub(3)..headline_k).rev() {
        let t = text[j].1;
        if facts.authors.is_empty() && !furniture_words(t) {
            if let Some(names) = authors_of(t, None, lex).or_else(|| dated_authors(t, lex)) {
                facts.authors = names;
            }
        }
        facts.found_date(date_line(t, lex), DateFrom::DateLine);
    }
    // A numeric date line ("10/04/2016 05:07 AM") read in the order the page's own
    // unambiguous numeric dates show ("10/25/22" is month first), else in the order of the
    // country its time zone names ("… AM EDT").
    if facts.date.is_none() && lex.date_order() == DateOrder::Unambiguous {
        let order = page_date_order(&text);
        let d = (headline_k.saturating_sub(3)..header.end).find_map(|j| {
            let t = text[j].1;
            let order = match order {
                DateOrder::Unambiguous => page_date::zone_order(t),
                known => known,
            };
            (t.len() <= 100 && order != DateOrder::Unambiguous).then(|| date_in_order(t, order)).flatten()
        });
        facts.found_date(d, DateFrom::DateLine);
    }
    // A date line printed with its byline under a photo's caption that ended the header (a
    // header whose byline was found has its date line with it).
    if facts.date.is_none()
        && facts.authors.is_empty()
        && header.end < (headline_k + HEADER_REACH + 1).min(text.len())
    {
        let d =
            page_date::date_past_caption(&text, header.end, |t| date_line(t, lex), |t| by_line(t).is_some());
        facts.found_date(d.map(|(_, d)| d), DateFrom::DateLine);
    }
    // A name alone under the headline or by a date line next to it ("Jane Doe" / "March 3,
    // 2016", "Jane Doe/" over the date).
    if facts.authors.is_empty() {
        let near = headline_k.saturating_sub(3)..header.end;
        facts.authors = near
            .clone()
            .filter(|&j| j != headline_k && text[j].1.split_whitespace().count() >= 2)
            .filter(|&j| {
                [j.wrapping_sub(1), j + 1]
                    .iter()
                    .any(|&i| near.contains(&i) && i != headline_k && date_line(text[i].1, lex).is_some())
                    || j == headline_k + 1
            })
            .find_map(|j| {
                let t = strip_marks(text[j].1).trim_end_matches(['/', '|', '·']);
                byline::name_only(t, lex).map(|name| vec![name]).or_else(|| names_line(t, lex))
            })
            .unwrap_or_default();
    }
    // A name with its handle under the headline ("Jane Doe, @janedoe"), or a name alone there
    // that the page's note on its author names again ("Jane Doe is a staff writer …").
    if facts.authors.is_empty() {
        facts.authors = (headline_k.saturating_sub(3)..headline_k)
            .chain(header.clone())
            .find_map(|j| {
                let t = strip_marks(text[j].1);
                let name = match handle_name(t) {
                    Some(name) => name,
                    None if described(&text, t) => t,
                    None => return None,
                };
                byline::name_only(name, lex).filter(|n| n.contains(' '))
            })
            .map(|name| vec![name])
            .unwrap_or_default();
    }
    // A name the furniture names three times or more wins; else a publication's name on the
    // page's first lines; else a name it names twice, which still beats a parent company's
    // copyright line in the footer.
    let named = site_name(&text, headline_k, &facts.title, lex);
    let (masthead, voted) = match named {
        Some((name, n)) if n >= 3 => (Some(name), true),
        _ => {
            let top = text[..headline_k.min(8)].iter().find_map(|&(_, t)| byline::publication_line(t, lex));
            (top.or(named.map(|(name, _)| name)), false)
        }
    };
    facts.masthead = masthead;
    facts.section = section_above(lines, &text, headline_k, lex);
    // The story starts at its first line of prose, past furniture under the header ("12
    // Comments", a share bar, a gallery's buttons) when it comes within `HEADER_REACH` lines.
    let first = (last_header + 1..(last_header + HEADER_REACH).min(text.len()))
        .find(|&i| prose(text[i].1))
        .unwrap_or(last_header + 1);
    last_header = first - 1;
    let start = text.get(last_header + 1)?.0;
    let end = body_end(&text, last_header + 1);
    // The story's first paragraph may open with a dateline ("ROME — ").
    let mut first_rest = None;
    if let Some(d) = dateline::split(text[last_header + 1].1, lex) {
        facts.take_dateline(&d);
        first_rest = Some(d.rest);
    }
    // The agency in the story's dateline ("WASHINGTON (Agency) -") names the source before a
    // publication's name merely printed on the page's first lines.
    if !voted && facts.masthead.is_some() {
        if let Some(agency) = &facts.agency {
            facts.masthead = Some(super::settle::agency_name(agency).to_string());
        }
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

/// The lines under a headline at `k` where its byline and date line may stand: at most
/// `HEADER_REACH` lines, up to the start of the story (a paragraph of three lines or more, the
/// first two of them prose); a deck, a share bar and a photo's caption may come first.
fn header_window(text: &[(usize, &str)], k: usize, anchor: impl Fn(usize) -> bool) -> std::ops::Range<usize> {
    let limit = (k + HEADER_REACH + 1).min(text.len());
    // A deck of three lines or more right under the headline, with the byline or date line
    // right under it, is the header's.
    let deck_over_anchor = |i: usize| {
        let mut end = i + 1;
        while end < text.len() && text[end].0 == text[end - 1].0 + 1 {
            end += 1;
        }
        i == k + 1 && (end..(end + 2).min(text.len())).any(&anchor)
    };
    let end = (k + 1..limit)
        .find(|&i| !anchor(i) && paragraph_at(text, i) && !caption_at(text, i) && !deck_over_anchor(i))
        .unwrap_or(limit);
    k + 1..end
}

/// Whether the block of lines at `i` (up to a blank line) is a photo's caption: a credit
/// ends it or follows it ("(Jane Doe / Site)", "…Credit…Jane Doe"), or the page prints its
/// first line again right after it (a caption shown twice).
fn caption_at(text: &[(usize, &str)], i: usize) -> bool {
    let mut end = i + 1;
    while end < text.len() && text[end].0 == text[end - 1].0 + 1 {
        end += 1;
    }
    text[i..(end + 1).min(text.len())].iter().any(|&(_, t)| credit_in(t))
        || text[end..(end + 4).min(text.len())].iter().any(|&(_, t)| t == text[i].1)
}

/// Whether line `j` is the title of a photo whose caption follows it, opening with the same
/// words and going on in lower case ("Jane Doe and John Roe" / "Jane Doe and John Roe arrive
/// at the gala …").
fn captioned(text: &[(usize, &str)], j: usize) -> bool {
    let (n, t) = text[j];
    text.get(j + 1).is_some_and(|&(m, next)| {
        m == n + 1
            && next
                .strip_prefix(t)
                .is_some_and(|r| r.starts_with(' ') && r[1..].starts_with(char::is_lowercase))
    })
}

/// Whether a paragraph of three lines or more starts at line `i`, its first two lines prose.
fn paragraph_at(text: &[(usize, &str)], i: usize) -> bool {
    match (text.get(i), text.get(i + 1), text.get(i + 2)) {
        (Some(&(a, x)), Some(&(b, y)), Some(&(c, z))) => {
            b == a + 1 && c == b + 1 && prose(x) && prose(y) && z.len() >= 40
        }
        _ => false,
    }
}

/// The order of a page's numeric dates as its own unambiguous ones show it: "10/25/22" is
/// month first, "25/10/22" day first; `Unambiguous` when none shows it or they disagree.
fn page_date_order(text: &[(usize, &str)]) -> DateOrder {
    let (mut dmy, mut mdy) = (false, false);
    for &(_, t) in text {
        if !t.contains('/') {
            continue;
        }
        for token in t.split(|c: char| c.is_whitespace() || c == ',') {
            let token = token.trim_matches(|c: char| !c.is_ascii_digit());
            let parts: Vec<&str> = token.split('/').collect();
            let [a, b, y] = parts[..] else { continue };
            let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
                n.contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit())
            };
            if !digits(a, 1..=2) || !digits(b, 1..=2) || !(digits(y, 2..=2) || digits(y, 4..=4)) {
                continue;
            }
            let (a, b): (u32, u32) = (a.parse().unwrap_or(0), b.parse().unwrap_or(0));
            if (13..=31).contains(&a) && (1..=12).contains(&b) {
                dmy = true;
            } else if (13..=31).contains(&b) && (1..=12).contains(&a) {
                mdy = true;
            }
        }
    }
    match (dmy, mdy) {
        (true, false) => DateOrder::Dmy,
        (false, true) => DateOrder::Mdy,
        _ => DateOrder::Unambiguous,
    }
}

/// A date line: a short line that holds a date (see `date_in`).
fn date_line(t: &str, lex: &Lexicon) -> Option<crate::calendar::Date> {
    (t.len() <= 100).then(|| date_in(t, lex)).flatten()
}

/// The headline of the page: of the headline-shaped lines, the one with most signs of being
/// the article's — a byline and a date line under it (or just above it), the page printing it
/// again (the page title, a share text), many lines of prose following, standing apart from
/// the lines around it; the earlier line wins a tie. `None` when no line has a byline, a date or
/// a repeat with prose after it.
fn best_headline(lines: &[&str], text: &[(usize, &str)], lex: &Lexicon) -> Option<usize> {
    // A date inside a wrapped paragraph ("June 17, 2015, and, for nearly an hour, …" under a
    // filled line) is the story's, not a date line.
    let dates: Vec<bool> =
        text.iter().map(|&(n, t)| date_line(t, lex).is_some() && !wrapped_text(lines, n)).collect();
    // A byline, or a name alone over a date line ("Jane Doe" / "December 22, 2016").
    let bylines: Vec<bool> = (0..text.len())
        .map(|i| {
            let t = text[i].1;
            !furniture_words(byline_head(t))
                && (by_line_or_names(text, i, lex)
                    || ago_name(t, lex).is_some()
                    || (text.get(i + 1).is_some_and(|n| date_line(n.1, lex).is_some())
                        && t.split_whitespace().count() >= 2
                        && (byline::name_only(t, lex).is_some() || names_line(t, lex).is_some())))
        })
        .collect();
    let prose_at: Vec<bool> = text.iter().map(|&(_, t)| prose(t)).collect();
    let shaped: Vec<bool> = text.iter().map(|&(_, t)| headline_shaped(t, lex)).collect();
    let slugs = url_slugs(text);
    let mut scored: Vec<(i32, usize, (i32, i32))> = Vec::new();
    for j in 0..text.len() {
        let t = text[j].1;
        if !shaped[j]
            || in_paragraph(lines, text[j].0)
            || caption_or_prompt(t)
            || captioned(text, j)
            || text.get(j + 1).is_some_and(|&(_, n)| duration(n) || bylined(n, t))
        {
            continue;
        }
        let window = header_window(text, j, |i| dates[i] || bylines[i]);
        // Nearer is likelier the article's: 4 for a byline under the line, 3 for a date
        // line, less further down; nothing when another headline stands between with no prose
        // before it (the byline is its): five words or more on a line of its own, after a
        // date or byline of this one's, or no deck of this one and capitalised about as much.
        let near = |hit: &[bool], full: i32| {
            let i = window.clone().find(|&i| hit[i])?;
            let own = |h: usize| {
                let o = text[h].1;
                let closed = (j + 1..h).any(|x| dates[x] || bylines[x]);
                shaped[h]
                    && o != t
                    && !text.get(h + 1).is_some_and(|&(_, n)| duration(n))
                    && o.split_whitespace().count() >= 5
                    && (closed || (!deck(o, t) && capitalised(o) + 0.2 >= capitalised(t)))
                    && lines.get(text[h].0 + 1).is_none_or(|l| l.trim_line().is_empty())
                    && !prose_at[j + 1..h].contains(&true)
            };
            if (j + 1..i).any(own) {
                return None;
            }
            Some(match i - j {
                1..=3 => full,
                4..=6 => full - 1,
                _ => full - 2,
            })
        };
        let (byline_under, date_under) = (near(&bylines, 4).unwrap_or(0), near(&dates, 3).unwrap_or(0));
        let above = j.saturating_sub(2)..j;
        let byline_above = above.clone().any(|i| bylines[i]);
        let date_above = above.clone().any(|i| dates[i]);
        let prose_lines = prose_at[j + 1..].iter().take(30).filter(|&&p| p).count() as i32;
        let mut evidence = 0;
        if byline_under > 0 {
            evidence += byline_under;
        } else if byline_above {
            evidence += 2;
        }
        if date_under > 0 {
            evidence += date_under;
        } else if date_above {
            evidence += 2;
        }
        if prose_lines >= 3 && printed_again(text, j) {
            evidence += 2;
        }
        // The page's own address spells the headline ("…/site-wins-the-cup-final-after-…").
        if prose_lines >= 3 && in_slug(t, &slugs) {
            evidence += 3;
        }
        if evidence == 0 {
            continue;
        }
        let mut score = evidence
            + match prose_lines {
                0 => -4,
                1..=2 => 0,
                3..=5 => 1,
                6..=11 => 2,
                12..=19 => 4,
                _ => 5,
            };
        // A line inside a paragraph (a neighbour is text) is no headline, unless the
        // headline is hard-wrapped onto a short next line.
        let n = text[j].0;
        let before = n.checked_sub(1).map(|i| lines[i].trim_line()).unwrap_or_default();
        let after = lines.get(n + 1).map(|l| l.trim_line()).unwrap_or_default();
        if prose(before) || (prose(after) && t.len() >= 60) {
            score -= 4;
        }
        if !before.is_empty() && !after.is_empty() {
            score -= 1;
        }
        if capitalised(t) >= 0.6 {
            score += 1;
        }
        // A section's name over the headline ("Nation & World").
        if t.split_whitespace().count() <= 3 {
            score -= 1;
        }
        if t.ends_with('.') {
            score -= 2;
        }
        // The deck under a headline ("The former candidate made the comments at an event.").
        if j > 0 && shaped[j - 1] && text[j - 1].0 + 2 >= n && deck(t, text[j - 1].1) {
            score -= 3;
        }
        // The first line of a wrapped paragraph ("The department is soliciting bids for a
        // firm to manage its stadium and keep" / "it booked").
        if t.len() >= 85 && !after.is_empty() && capitalised(t) < 0.5 {
            score -= 3;
        }
        scored.push((score, j, (byline_under, date_under)));
    }
    // A card of a list of stories (related, most read): one of three candidates or more of
    // four words or more, indented alike, with their byline and date line at the same
    // distances, printed at the same distance from each other ("Headline" / "Jane Doe" / "Mar
    // 9, 2018", every six lines).
    let indent = |n: usize| lines[n].len() - lines[n].trim_start().len();
    let at: std::collections::HashMap<usize, (&str, (i32, i32))> =
        scored.iter().map(|&(_, j, shape)| (text[j].0, (text[j].1, shape))).collect();
    let mut best: Option<(i32, usize)> = None;
    for &(score, j, shape) in &scored {
        let (n, t) = text[j];
        let other = |m: Option<usize>| {
            m.and_then(|m| at.get(&m).map(|o| (m, o))).is_some_and(|(m, &(o, s))| {
                o != t && s == shape && indent(m) == indent(n) && o.split_whitespace().count() >= 4
            })
        };
        let card = t.split_whitespace().count() >= 4
            && (3..=12).any(|d| {
                let (up, down) = (n.checked_sub(d), Some(n + d));
                (other(up) && other(down))
                    || (other(down) && other(Some(n + 2 * d)))
                    || (other(up) && other(n.checked_sub(2 * d)))
            });
        let score = if card { score - 4 } else { score };
        // A tie goes to the earlier line.
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, j));
        }
    }
    let j = best.filter(|&(s, _)| s >= 5).map(|(_, j)| j)?;
    Some(full_title_above(text, j, lex).unwrap_or(j))
}

/// Whether raw line `n` is a line of a wrapped paragraph: the line above it was filled to the
/// wrap width, or it was and the paragraph goes on under it.
fn wrapped_text(lines: &[&str], n: usize) -> bool {
    in_paragraph(lines, n)
        || (lines[n].trim_line().chars().count() >= WRAPPED
            && lines.get(n + 1).is_some_and(|l| !l.trim_line().is_empty()))
}

/// The page's full title printed just above its headline, the kicker and the headline in one
/// line ("Jane Doe's $5K Gown -- STOLEN!" over "Jane Doe" / "$5K Gown ... STOLEN!"): a
/// headline-shaped line among the three above that holds every word of the headline and more.
fn full_title_above(text: &[(usize, &str)], j: usize, lex: &Lexicon) -> Option<usize> {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let t = text[j].1;
    let own = words(t);
    if own.len() < 3 {
        return None;
    }
    (j.saturating_sub(3)..j).rev().find(|&i| {
        let o = text[i].1;
        let theirs = words(o);
        o.len() > t.len()
            && !o.starts_with(t)
            && !o.ends_with(t)
            && own.iter().all(|w| theirs.contains(w))
            && headline_shaped(o, lex)
            && !caption_or_prompt(o)
    })
}

/// Whether `next` is the byline of the name `t` ("Jane Doe" / "by Jane Doe"): `t` is the
/// author's name printed twice, not a headline.
fn bylined(next: &str, t: &str) -> bool {
    next.len() == t.len() + 3
        && next.get(..3).is_some_and(|by| by.eq_ignore_ascii_case("by "))
        && next[3..] == *t
}

/// A line of menu items the dump glued together ("NewsPhotosVideosShows", "Courses and
/// LearningAdvertiseCurrent Issue"): places where three letters in lower case run into a
/// capital, two or more in one word, or two or more that make a third of the line's words
/// ("McKenna" and "iPad" are names; a headline of fourteen words may name "WordPress" and
/// "ReactJS").
pub(super) fn glued_menu(t: &str) -> bool {
    let glue = |w: &str| {
        let b = w.as_bytes();
        (3..b.len())
            .filter(|&i| b[i - 3..i].iter().all(u8::is_ascii_lowercase) && b[i].is_ascii_uppercase())
            .count()
    };
    let (mut total, mut most, mut words) = (0, 0, 0);
    for w in t.split_whitespace() {
        let g = glue(w);
        total += g;
        most = most.max(g);
        words += 1;
    }
    most >= 2 || (total >= 2 && 3 * total >= words)
}

/// A page's furniture line that is no plain text's title: menu items glued together, an
/// image's placeholder ("[logo] …"), a breadcrumb ("Home→News→Politics", "Home › World ›
/// Europe").
pub(super) fn furniture_title(t: &str) -> bool {
    glued_menu(t) || t.starts_with('[') || t.matches(['→', '›', '»']).count() >= 2
}

/// A video's length alone on its line ("01:46", "1:02:33"): the line above is the video's
/// title, not the page's headline.
fn duration(t: &str) -> bool {
    let parts: Vec<&str> = t.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[1..].iter().all(|p| p.len() == 2)
}

/// The words of the addresses a page prints (share links, image and beacon addresses): runs of
/// four words or more joined by hyphens ("site-wins-the-cup-final"), as sets of words.
fn url_slugs(text: &[(usize, &str)]) -> Vec<std::collections::HashSet<String>> {
    let mut slugs = Vec::new();
    for &(_, t) in text {
        if !t.contains('-') || !(t.contains('/') || t.contains('%')) {
            continue;
        }
        for run in t.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')) {
            let words: std::collections::HashSet<String> =
                run.split('-').filter(|w| !w.is_empty()).map(str::to_ascii_lowercase).collect();
            if words.len() >= 4 && run.bytes().any(|b| b.is_ascii_lowercase()) {
                slugs.push(words);
            }
        }
    }
    slugs
}

/// Whether a page's address spells line `t`: two thirds of its words of four letters or more
/// (three at least) are words of one slug.
fn in_slug(t: &str, slugs: &[std::collections::HashSet<String>]) -> bool {
    if slugs.is_empty() {
        return false;
    }
    let words: Vec<String> = t
        .split_whitespace()
        .map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase())
        .filter(|w| w.len() >= 4)
        .collect();
    words.len() >= 3
        && slugs
            .iter()
            .any(|slug| 3 * words.iter().filter(|w| slug.contains(w.as_str())).count() >= 2 * words.len())
}

/// The name on a byline that tells the time since the story was posted ("Jane Doe 1 day ago",
/// "Jane Doe 3 hours ago", "Jane Doe an hour ago").
fn ago_name(t: &str, lex: &Lexicon) -> Option<String> {
    const UNITS: [&str; 12] = [
        "minute", "minutes", "min", "mins", "hour", "hours", "day", "days", "week", "weeks", "month",
        "months",
    ];
    let rest = strip_marks(t).strip_suffix(" ago")?;
    let mut words = rest.rsplitn(3, ' ');
    let (unit, count, name) = (words.next()?, words.next()?, words.next()?);
    let count_ok = count.bytes().all(|b| b.is_ascii_digit()) || matches!(count, "a" | "an");
    (count_ok && UNITS.contains(&unit.to_lowercase().as_str()))
        .then(|| byline::name_only(name.trim(), lex))
        .flatten()
        .filter(|n| n.contains(' '))
}

/// Whether line `n` goes on a wrapped paragraph rather than standing on its own: the line
/// above it was filled to the wrap width.
fn in_paragraph(lines: &[&str], n: usize) -> bool {
    let at = |i: usize| lines.get(i).map_or("", |l| l.trim_line());
    let filled = |l: &str| l.chars().count() >= WRAPPED;
    n > 0 && filled(at(n - 1))
}

/// A photo's caption or credit, a page's prompt, or the tail of a sentence, never a
/// headline: a line opening in lower case ("administration's policy."), holding a credit
/// ("…CreditJane Doe", "(Jane Doe / Site)"), or a prompt ("Thank you for reading", "Log out").
fn caption_or_prompt(t: &str) -> bool {
    let mut chars = t.chars();
    let lower_start =
        chars.next().is_some_and(char::is_lowercase) && !chars.next().is_some_and(char::is_uppercase);
    let credit = credit_in(t);
    let lower = t.to_lowercase();
    let prompt = [
        "sign in",
        "log in",
        "log out",
        "read comments",
        "join the discussion",
        "thank you for",
        "this article is more than",
        "this image may contain",
        "media caption",
        "video player",
        "shop now",
        "search the web",
    ]
    .iter()
    .any(|p| lower.contains(p));
    lower_start || credit || prompt
}

/// Whether a line holds a photo credit: "…CreditJane Doe", or ends with one in brackets
/// ("(Jane Doe / Site)", "(Jane Doe/Agency/Getty Images)").
fn credit_in(t: &str) -> bool {
    t.contains("Credit")
        || t.contains("Photograph:")
        || (t.trim_end_matches('.').ends_with(')') && t.rfind('(').is_some_and(|at| t[at..].contains('/')))
}

/// Whether the page prints line `j` again, alone or as "Headline | Site" (the page title, a
/// share text).
fn printed_again(text: &[(usize, &str)], j: usize) -> bool {
    let t = text[j].1;
    text.iter().enumerate().any(|(i, &(_, o))| {
        i != j
            && (o == t
                || o.strip_prefix(t).is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()))
                || o.strip_suffix(t).is_some_and(|r| r.ends_with('|') && !r.contains(' '))
                || [" | ", " - ", " — ", " :: ", " – "]
                    .iter()
                    .any(|sep| o.strip_prefix(t).is_some_and(|r| r.starts_with(sep))))
    })
}

/// A byline line at `i` ("By A and B", "By" over a name, "A, Publication").
fn by_line_or_names(text: &[(usize, &str)], i: usize, lex: &Lexicon) -> bool {
    authors_of(text[i].1, text.get(i + 1).map(|x| x.1), lex).is_some()
}

/// A line of two names or more and nothing else ("Jane Doe and John Roe", "Jane Doe, John
/// Roe and Ann Poe"): each a name of two words or more.
fn names_line(t: &str, lex: &Lexicon) -> Option<Vec<String>> {
    if t.len() > 90 || !(t.contains(" and ") || t.contains(", ")) || t.ends_with(['.', '!', '?', ':']) {
        return None;
    }
    let names: Vec<String> = t
        .split(", ")
        .flat_map(|p| p.split(" and "))
        .map(|n| byline::name_only(n.trim().trim_start_matches("and "), lex).filter(|n| n.contains(' ')))
        .collect::<Option<_>>()?;
    (names.len() >= 2).then_some(names)
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

/// Whether `t`, under the headline `over`, is a deck: a sentence, a quotation, a long line, or
/// sentence case under a title-case line of four words or more (not a section's name).
fn deck(t: &str, over: &str) -> bool {
    t.ends_with('.')
        || t.starts_with(['\'', '"', '\u{2018}', '\u{201c}'])
        || t.len() > 100
        || (capitalised(t) < 0.5 && capitalised(over) >= 0.5 && over.split_whitespace().count() >= 4)
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
            || date_in(t, lex).is_some()
            || byline::parse(t, lex).is_some_and(|b| !b.authors.is_empty()))
}

/// Whether three lines of prose (60 characters or more) follow within the next twelve.
fn prose_after(text: &[(usize, &str)], k: usize) -> bool {
    text[k + 1..].iter().take(12).filter(|(_, t)| prose(t)).count() >= 3
}

fn prose(t: &str) -> bool {
    t.len() >= 60 && count_words(t, 8) == 8 && !t.starts_with(['•', '['])
}

/// A line that may be a headline: three to forty words, not a byline, date, bullet, label or
/// furniture line.
fn headline_shaped(t: &str, lex: &Lexicon) -> bool {
    let words = t.split_whitespace().count();
    (3..=40).contains(&words)
        && t.len() <= 250
        && !t.starts_with(['•', '[', '(', '©', '|', '·'])
        && !numbered(t)
        && !t.ends_with([':', ','])
        && !chrome_line(t)
        && !glued_menu(t)
        && copyright(t).is_none()
        && !is_anchor(t, lex)
        && (!furniture_words(t) || sentence_with_one_furniture_word(t))
        && !(words <= 3 && byline::name_only(t, lex).is_some())
        && names_line(t, lex).is_none()
        && !(words <= 4 && byline::publication_line(t, lex).is_some())
        && !labelled_byline(t, lex)
}

/// A byline behind a one-word label ("Analysis: Jane Doe, Site News, Paris"): the label, a
/// name of two words or more, and a comma after it.
fn labelled_byline(t: &str, lex: &Lexicon) -> bool {
    let Some((label, rest)) = t.split_once(": ") else { return false };
    let Some((name, _)) = rest.split_once(", ") else { return false };
    t.split_whitespace().count() <= 8
        && !label.contains(' ')
        && name.contains(' ')
        && byline::name_only(name, lex).is_some_and(|n| n == name)
}

/// A headline's sentence that holds one furniture word among seven words or more, not first
/// ("Singer Shares Photo of Her Dog at the Beach"), not a credit, a label or a share bar ("AP
/// Photo/Jane Doe", "Image: …", "Share on Facebook Share on Twitter Share by Email").
fn sentence_with_one_furniture_word(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let furniture = words.iter().filter(|w| furniture_words(w)).count();
    words.len() >= 7
        && furniture == 1
        && !furniture_words(words[0])
        && !t.contains(['/', '|', '(', ':'])
        && !furniture_phrase(t)
}

/// An item of a numbered list ("1. Most Read Story", "12. Another").
fn numbered(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits) && t[digits..].starts_with(". ")
}

/// Words of photo credits, review credits, share bars and link lists, never in a headline's line as a whole
/// ("AP Photo/Jane Doe", "Share Tweet Share", "More Stories By Lisa", "CONTINUE READING").
fn furniture_words(t: &str) -> bool {
    const WORDS: [&str; 19] = [
        "photo",
        "photograph",
        "photographs",
        "sponsored",
        "headshot",
        "avatar",
        "reviewed",
        "illustration",
        "credit",
        "courtesy",
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
        || furniture_phrase(t)
        || (t.contains('/') && !t.contains(' '))
}

/// Phrases of link lists ("More Stories", "Continue Reading").
fn furniture_phrase(t: &str) -> bool {
    let lower = t.to_lowercase();
    ["more stories", "continue reading", "scroll to continue", "show less", "show more", "read more"]
        .iter()
        .any(|p| lower.contains(p))
}

/// A byline's names without the note on the author after them ("By Jane Doe, a deputy editor
/// and author of the Site newsletter" → "By Jane Doe"); other lines whole.
fn byline_head(t: &str) -> &str {
    if by_line(t).is_none() {
        return t;
    }
    [", a ", ", an ", ", the "].iter().filter_map(|sep| t.find(sep)).min().map_or(t, |at| &t[..at])
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
    let rest = rest.trim_line();
    (rest.is_empty() || rest.starts_with(|c: char| c.is_uppercase())).then_some(rest)
}

/// The names after a "By" inside a line, after at most four words (an avatar's name, a
/// section): "Jane Doe By Jane Doe".
fn inner_by(t: &str) -> Option<&str> {
    let at = t.find(" By ")?;
    let rest = t[at + 4..].trim_line();
    (t[..at].split_whitespace().count() <= 4 && rest.starts_with(char::is_uppercase)).then_some(rest)
}

/// The authors of a byline line (`next` is the line after it, for a "By" alone on its line).
fn authors_of(t: &str, next: Option<&str>, lex: &Lexicon) -> Option<Vec<String>> {
    let t = strip_marks(t);
    let names = match by_line(t).or_else(|| inner_by(t)).or_else(|| labelled(t)) {
        Some("") => next.map(strip_marks).filter(|n| n.len() <= 60)?,
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
        "@",
        ", a ",
        ", an ",
        ", the ",
        " on ",
        " Updated",
        " last updated",
        " Published",
        " in ",
    ] {
        if let Some(at) = names.find(sep) {
            names = &names[..at];
        }
    }
    let unbracketed = without_brackets(names);
    let names = unglued_role(unbracketed.as_deref().unwrap_or(names));
    let names = cut_date(names.trim_line(), lex);
    let names = cut_counts(names).trim_line().trim_end_matches([',', '.', '/']);
    let names = undoubled(names);
    if let Some(all) = names_line(names, lex) {
        return Some(all);
    }
    let b = byline::parse_value(names, lex);
    let authors: Vec<String> = b.authors.into_iter().filter(|a| a.split_whitespace().count() <= 4).collect();
    (!authors.is_empty()).then_some(authors)
}

/// A line without the bullets, stars and bracketed image names a dump puts before it
/// ("  • Jane Doe", "[avatar] By: Jane Doe").
fn strip_marks(t: &str) -> &str {
    let mut t = t.trim_start_matches(['•', '·', '*', '□', ' ']).trim_line();
    while t.starts_with('[') {
        match t.find(']') {
            Some(end) => t = t[end + 1..].trim_start(),
            None => break,
        }
    }
    t
}

/// The value of an author label ("Written by Jane Doe in Science", "Posted by Jane Doe",
/// "Author: Jane Doe", "Author:" alone, for the name on the next line).
fn labelled(t: &str) -> Option<&str> {
    ["written by ", "posted by ", "author: ", "authors: ", "story by ", "words by "]
        .iter()
        .find_map(|l| strip_prefix_ci(t, l))
        .or_else(|| {
            ["author:", "authors:", "written by"].iter().find(|l| t.eq_ignore_ascii_case(l)).map(|_| "")
        })
        .map(str::trim)
}

/// The names without the roles in brackets after them ("Jane Doe (text) and John Roe
/// (video)" → "Jane Doe and John Roe"), and without the photographer's: a photo credit is no
/// author ("Jane Doe (reporting) and John Roe (photography)" → "Jane Doe"); `None` when
/// there are none.
fn without_brackets(names: &str) -> Option<String> {
    if !names.contains(" (") {
        return None;
    }
    let mut out = String::with_capacity(names.len());
    let mut rest = names;
    while let Some(at) = rest.find(" (") {
        let close = rest[at..].find(')')? + at;
        let role = rest[at + 2..close].to_lowercase();
        if ["photo", "photos", "photography", "photographs", "pictures", "images"].contains(&role.as_str()) {
            // Drop the photographer's name and the joining word before it.
            let name_start = [" and ", ", "].iter().filter_map(|j| rest[..at].rfind(j)).max();
            match name_start {
                Some(cut) => out.push_str(&rest[..cut]),
                None => {
                    let trimmed = out.trim_end();
                    let trimmed =
                        trimmed.strip_suffix(" and").or_else(|| trimmed.strip_suffix(',')).unwrap_or(trimmed);
                    out.truncate(trimmed.len());
                }
            }
        } else {
            out.push_str(&rest[..at]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    let out = out.trim_start().trim_start_matches(',').trim_start();
    Some(out.strip_prefix("and ").unwrap_or(out).to_string())
}

/// A name the dump printed twice without a space ("Jane DoeJane Doe" → "Jane Doe").
fn undoubled(names: &str) -> &str {
    let half = names.len() / 2;
    if names.len().is_multiple_of(2) && names.is_char_boundary(half) && names[..half] == names[half..] {
        &names[..half]
    } else {
        names
    }
}

/// The authors of a header line with a date on it, the name before the date and apart from it
/// by a separator or nothing ("Jane Doe - Aug 10, 2016", "Jane Doe / Agency / Updated: Oct 9,
/// 2019", "Jane Doe · Outlet · Posted: Oct 14, 2022", "Jane Doe/November 18, 2016"), or after
/// it behind "by" ("Wednesday January 18, 2017 10:44 am PST by Jane Doe").
fn dated_authors(t: &str, lex: &Lexicon) -> Option<Vec<String>> {
    let t = strip_marks(t);
    date_line(t, lex)?;
    if let Some(at) = t.find(" by ") {
        if date_in(&t[..at], lex).is_some() {
            return authors_of(&t[at + 1..], None, lex);
        }
    }
    // A label glued to the date by a bullet ("Site Name•March 3, 2016") names a provider or a
    // section, not a person.
    if t.find(['•', '·']).is_some_and(|at| !t[..at].ends_with(' ')) {
        return None;
    }
    let before = cut_date(t, lex);
    let before = if before.len() == t.len() { t.split('/').next().unwrap_or_default() } else { before };
    let first = before
        .split(['/', '·', '|', '•', '—', '–'])
        .next()
        .unwrap_or_default()
        .split(" - ")
        .next()
        .unwrap_or_default()
        .trim_line()
        .trim_end_matches([',', '-']);
    let first = first.trim_line();
    if first.is_empty() || date_in(first, lex).is_some() {
        return None;
    }
    byline::name_only(first, lex).map(|n| vec![n])
}

/// Whether the page describes `name` as its author does in a note under the story ("Jane
/// Doe is a staff writer at Site", "Jane Doe covers the courts for Site").
fn described(text: &[(usize, &str)], name: &str) -> bool {
    name.split_whitespace().count() >= 2
        && name.len() <= 40
        && text.iter().any(|&(_, t)| {
            t.strip_prefix(name).is_some_and(|rest| {
                [" is a ", " is an ", " is the ", " covers ", " writes "].iter().any(|v| rest.starts_with(v))
            })
        })
}

/// The names before a number the page printed after them, and the month before it: a
/// yearless date, a time, a reading time or a count ("Jane Doe March 18 at 3:57 PM", "Jane
/// Doe 5 minute Read", "Jane Doe22 Dec 2016651" → "Jane Doe"). Names never hold digits.
fn cut_counts(names: &str) -> &str {
    let Some(at) = names.find(|c: char| c.is_ascii_digit()) else { return names };
    let before = names[..at].trim_end();
    match before.rsplit_once(' ') {
        Some((head, last)) if crate::calendar::month_from_name(last.trim_end_matches('.')).is_some() => head,
        _ => before,
    }
}

/// A name with the handle the page prints after it ("Jane Doe@janedoe", "Jane Doe,
/// @janedoe"), or with a role after two spaces ("Jane Doe  Senior Editor, Site"): the name.
fn handle_name(t: &str) -> Option<&str> {
    let at = t.find('@').or_else(|| t.find("  "))?;
    let name = t[..at].trim_line().trim_end_matches(',').trim_line();
    (!name.is_empty()).then_some(name)
}

/// The names before a date printed after them ("Jane Doe Dec 9, 2016" → "Jane Doe"); the
/// date starts at the cut, so a name that is also a month stays ("Laura June Doe July 10,
/// 2015" → "Laura June Doe").
fn cut_date<'a>(names: &'a str, lex: &Lexicon) -> &'a str {
    let starts = names.match_indices(' ').map(|(i, _)| i + 1);
    starts
        .filter(|&i| {
            let word = names[i..].split_whitespace().next().unwrap_or_default();
            (word.starts_with(|c: char| c.is_ascii_digit())
                || crate::calendar::month_from_name(word).is_some())
                && date_from_start(&names[i..], lex).is_some()
        })
        .map(|i| &names[..i])
        .next()
        .unwrap_or(names)
}

/// A date printed on the line, alone or after a name or label ("Valentina Palladino - Aug 10,
/// 2016 11:15 am UTC", "Saibal Dasgupta / TNN / Updated: Oct 9, 2019, 11:05 IST", "By Jane
/// Doe December 9, 2016"): the longest tail of the line that is a date line.
fn date_in(t: &str, lex: &Lexicon) -> Option<crate::calendar::Date> {
    date_in_order(t, lex.date_order())
}

/// `date_in`, with numeric dates read in `order`.
fn date_in_order(t: &str, order: DateOrder) -> Option<crate::calendar::Date> {
    if t.len() > 160 || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(d) = date::parse_in(t, order) {
        return Some(d);
    }
    let spaced;
    let t = match unglued(t) {
        Some(s) => {
            spaced = s;
            spaced.as_str()
        }
        None => t,
    };
    let starts: Vec<usize> = t
        .match_indices([' ', '/', '•', '·', '|'])
        .map(|(i, m)| i + m.len())
        .filter(|&i| i < t.len())
        .collect();
    if let Some(d) = starts.iter().find_map(|&i| date::parse_in(&t[i..], order)) {
        return Some(d);
    }
    // A date with more after it ("November 29, 2016: 3:42 PM ET", "10/13/16 12:34PM", "Dec 9,
    // 2016 19 Comments"): the longest run of words from a start that is a date line.
    let ends: Vec<usize> = t.match_indices(' ').map(|(i, _)| i).collect();
    std::iter::once(0).chain(starts).find_map(|i| {
        ends.iter()
            .rev()
            .filter(|&&e| e > i)
            .find_map(|&e| date::parse_in(t[i..e].trim_end_matches([':', ',', '.', '|', '-']), order))
    })
}

/// The names without a role the dump glued to the last of them ("Jane DoeStaff Writer" →
/// "Jane Doe").
fn unglued_role(names: &str) -> &str {
    const ROLES: [&str; 7] =
        ["Staff", "Senior", "Contributor", "Contributing", "Reporter", "Correspondent", "Columnist"];
    let bytes = names.as_bytes();
    (1..names.len())
        .filter(|&i| bytes[i - 1].is_ascii_lowercase() && bytes[i].is_ascii_uppercase())
        .find(|&i| ROLES.iter().any(|r| names[i..].starts_with(r)))
        .map_or(names, |i| &names[..i])
}

/// A date line with the spaces the dump lost put back, or `None` when none was lost: before a
/// word glued to a year or zone ("2020Last updated", "EDTUpdated") and between a year and the
/// time glued to it ("Mar 18 20199:29 AM").
fn unglued(t: &str) -> Option<String> {
    let b = t.as_bytes();
    let upper_word = |i: usize| b[i].is_ascii_uppercase() && b.get(i + 1).is_some_and(u8::is_ascii_lowercase);
    // A clock time from `i` with "AM"/"PM" after it ("9:29 AM", "11:37pm"), not a video's
    // length ("201602:06").
    let clock = |i: usize| {
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let rest = &t[i + digits..];
        (1..=2).contains(&digits)
            && rest.starts_with(':')
            && rest[1..].bytes().take_while(u8::is_ascii_digit).count() == 2
            && rest[3..].trim_start().starts_with(['A', 'P', 'a', 'p'])
    };
    // i is the fifth digit of a run "YYYYh:mm" or "YYYYhh:mm".
    let year_time = |i: usize| {
        i >= 4
            && b[i - 4..i].iter().all(u8::is_ascii_digit)
            && (i < 5 || !b[i - 5].is_ascii_digit())
            && matches!(&b[i - 4..i], [b'1', b'9', ..] | [b'2', b'0', ..])
            && clock(i)
    };
    // A month's name glued after a lower-case word and followed by a day ("Site NewsOctober
    // 13, 2016", "Site.comOct. 13, 2016").
    let glued_month = |i: usize| {
        b[i - 1].is_ascii_lowercase()
            && upper_word(i)
            && t[i..].split_once(' ').is_some_and(|(word, rest)| {
                crate::calendar::month_from_name(word.trim_end_matches('.')).is_some()
                    && rest.starts_with(|c: char| c.is_ascii_digit())
            })
    };
    let cuts: Vec<usize> = (1..b.len())
        .filter(|&i| {
            (upper_word(i) && (b[i - 1].is_ascii_digit() || b[i - 1].is_ascii_uppercase()))
                || year_time(i)
                || glued_month(i)
        })
        .collect();
    if cuts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(t.len() + cuts.len());
    let mut last = 0;
    for cut in cuts {
        out.push_str(&t[last..cut]);
        out.push(' ');
        last = cut;
    }
    out.push_str(&t[last..]);
    Some(out)
}

/// A date line at the start of `t`, with more after it or not ("Dec 9, 2016 19 Comments").
fn date_from_start(t: &str, lex: &Lexicon) -> Option<crate::calendar::Date> {
    if let Some(d) = date::parse_in(t, lex.date_order()) {
        return Some(d);
    }
    let ends: Vec<usize> = t.match_indices(' ').map(|(i, _)| i).collect();
    ends.iter()
        .rev()
        .find_map(|&e| date::parse_in(t[..e].trim_end_matches([':', ',', '.', '|', '-']), lex.date_order()))
}

/// The section's name printed over the headline ("Middle East", "Nation & World"): one to
/// four capitalised words on the line right above it, no menu, date, sentence or publication.
fn section_above(lines: &[&str], text: &[(usize, &str)], headline_k: usize, lex: &Lexicon) -> Option<String> {
    let &(n, t) = text.get(headline_k.checked_sub(1)?)?;
    let words = t.split_whitespace().count();
    let near = text[headline_k].0 <= n + 2;
    let shape = (1..=4).contains(&words)
        && t.starts_with(char::is_uppercase)
        && !t.ends_with(['.', ':', '!', '?', '—', '-'])
        && !t.bytes().any(|b| b.is_ascii_digit())
        && !t.contains(" | ");
    let lone = n == 0 || lines[n - 1].trim_line().is_empty();
    (near
        && shape
        && lone
        && !chrome_line(t)
        && byline::publication_line(t, lex).is_none()
        && !furniture_words(t))
    .then(|| t.to_string())
}

/// The publication: the site after the headline on a "Headline | Site" line, else the name the
/// page repeats in its furniture (see `site`). (`parse` falls back on a publication's name
/// alone on one of the page's first lines, after the agency of the story's dateline.)
fn site_name(
    text: &[(usize, &str)],
    headline_k: usize,
    title: &str,
    lex: &Lexicon,
) -> Option<(String, usize)> {
    for &(_, t) in text {
        for sep in [" | ", " - ", " — ", " :: "] {
            if let Some(site) = t.strip_prefix(title).and_then(|r| r.strip_prefix(sep)) {
                let site = site.trim_line();
                if !site.is_empty() && site.split_whitespace().count() <= 5 {
                    return Some((site.to_string(), usize::MAX));
                }
            }
        }
    }
    super::site::voted_names(text, headline_k, lex)
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

#[cfg(test)]
#[path = "page_tests.rs"]
mod tests;
