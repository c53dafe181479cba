//! The publication date of a whole web page, past the first date line under its headline:
//! a sentence's end that a wrapped caption or deck carries onto a line of its own ("… during
//! the shutdown on" / "Dec. 14, 2015.") is no date line; a date labelled "Updated" gives way
//! to the earlier date the same header labels as the original ("Updated:" / "Mar 6, 2018" /
//! "Original:" / "Dec 21, 2016"); a date line printed with its byline under a photo's caption
//! that ends the header ("Dec. 13, 2016, 12:31 PM UTC" / "By Jane Doe") is the header's; and a
//! numeric date whose day and month could be either way round is read in the order of the
//! country its time zone names ("10/04/2016 05:07 AM EDT" is month first, "… BST" day first).
//! Dates inside the story's text are never read here.

use crate::article::extract::date::{self, DateOrder};
use crate::calendar::Date;

/// A line this long (characters) was filled by the dump's wrapping (`w3m -cols 100`).
const WRAPPED: usize = 90;
/// How far under the photo's caption that ends a header (non-empty lines) a date line
/// printed with its byline may stand: past a share bar's remains ("Link copied").
const PAST_CAPTION: usize = 6;

/// Whether line `j` of `text` continues a paragraph the dump wrapped (the line above it is
/// the one right before it and filled to the wrapping width) and holds no date line of its
/// own but a sentence's end with a date in it ("… during the shutdown on Dec. 14, 2015."):
/// two words in lower case or more that no byline or date line holds.
pub(super) fn sentence_tail(text: &[(usize, &str)], j: usize) -> bool {
    const LINE_WORDS: [&str; 9] = ["by", "and", "on", "at", "updated", "published", "posted", "am", "pm"];
    let Some(prev) = j.checked_sub(1).and_then(|i| text.get(i)) else { return false };
    let (n, t) = text[j];
    let lower = t
        .split_whitespace()
        .filter(|w| {
            w.starts_with(char::is_lowercase) && !LINE_WORDS.contains(&w.trim_end_matches(['.', ':']))
        })
        .count();
    prev.0 + 1 == n && prev.1.chars().count() >= WRAPPED && lower >= 2 && date::parse(t).is_none()
}

/// Whether line `j` (or the label line above it: "Updated:" / "Mar 6, 2018") labels its date
/// as an update.
fn labelled_update(text: &[(usize, &str)], j: usize) -> bool {
    let own = text[j].1.to_lowercase();
    let above = j
        .checked_sub(1)
        .and_then(|i| text.get(i))
        .map(|&(_, t)| t.trim_start_matches(['•', '·', '*']).trim().to_lowercase())
        .unwrap_or_default();
    own.trim_start().starts_with("updated") || (above.starts_with("updated") && above.ends_with(':'))
}

/// The publication date among the header's date lines `dated` (line, date; in page order):
/// the first, unless it is labelled an update and a later line of the header dates the story
/// earlier ("Updated: Mar 6, 2018" / "Original: Dec 21, 2016").
pub(super) fn publication_date(text: &[(usize, &str)], dated: &[(usize, Date)]) -> Option<(usize, Date)> {
    let &(j, first) = dated.first()?;
    if !labelled_update(text, j) {
        return Some((j, first));
    }
    let earlier =
        dated[1..].iter().filter(|&&(k, d)| d < first && !labelled_update(text, k)).min_by_key(|&&(_, d)| d);
    Some(*earlier.unwrap_or(&(j, first)))
}

/// A date line printed with a byline under the photo's caption that ends the header: the
/// caption is the paragraph at `from` (up to a blank line); the first of the `PAST_CAPTION`
/// lines under it that `date_line` reads and that has a byline (`is_byline`) right above or
/// under it.
pub(super) fn date_past_caption(
    text: &[(usize, &str)],
    from: usize,
    date_line: impl Fn(&str) -> Option<Date>,
    is_byline: impl Fn(&str) -> bool,
) -> Option<(usize, Date)> {
    let mut start = from + 1;
    while start < text.len() && text[start].0 == text[start - 1].0 + 1 {
        start += 1;
    }
    let end = (start + PAST_CAPTION).min(text.len());
    (start..end).find_map(|j| {
        let byline_next = [j.wrapping_sub(1), j + 1].iter().any(|&i| i < text.len() && is_byline(text[i].1));
        if !byline_next || sentence_tail(text, j) {
            return None;
        }
        date_line(text[j].1).map(|d| (j, d))
    })
}

/// The order a line's time zone implies for its numeric date: month first for the zones of
/// the United States ("EDT", "PT"), day first for those of countries that write the day first
/// ("BST", "IST", "AEST", "CET"); `Unambiguous` for none or a zone of no one country ("GMT",
/// "UTC").
pub(super) fn zone_order(t: &str) -> DateOrder {
    const MONTH_FIRST: [&str; 15] = [
        "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "AKST", "AKDT", "HST",
    ];
    const DAY_FIRST: [&str; 21] = [
        "BST", "IST", "AEST", "AEDT", "ACST", "AWST", "NZST", "NZDT", "CET", "CEST", "EET", "EEST", "WET",
        "WEST", "MSK", "SAST", "EAT", "WAT", "PKT", "SGT", "HKT",
    ];
    let mut order = DateOrder::Unambiguous;
    for token in t.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '(' | ')')) {
        let found = if MONTH_FIRST.contains(&token) {
            DateOrder::Mdy
        } else if DAY_FIRST.contains(&token) {
            DateOrder::Dmy
        } else {
            continue;
        };
        if order != DateOrder::Unambiguous && order != found {
            return DateOrder::Unambiguous;
        }
        order = found;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, &str)> {
        text.lines().enumerate().map(|(n, l)| (n, l.trim())).filter(|(_, t)| !t.is_empty()).collect()
    }

    #[test]
    fn a_wrapped_sentence_ending_in_a_date_is_no_date_line() {
        let text = lines(
            "Ferry riders wait at the Kettle Point terminal with the harbour master and two of the board\n\
             members during the strike on Mar. 3, 2019.\n\
             \n\
             Mar. 9, 2021 4:10 PM PT",
        );
        assert!(sentence_tail(&text, 1));
        // A date line of its own under a long line stays one.
        let own = lines(
            "Ferry riders wait at the Kettle Point terminal with the harbour master and two of the board\n\
             Mar. 9, 2021 4:10 PM PT",
        );
        assert!(!sentence_tail(&own, 1));
        // Under a short line, a name and date are a byline's; so they are under a long one.
        let short = lines("Harbour news\nMara Quill Mar. 9, 2021");
        assert!(!sentence_tail(&short, 1));
        let byline = lines(
            "Ferry riders wait at the Kettle Point terminal with the harbour master and two of the board\n\
             By Mara Quill and Tom Vell, updated on Mar. 9, 2021",
        );
        assert!(!sentence_tail(&byline, 1));
    }

    #[test]
    fn an_update_gives_way_to_the_original_date() {
        let text = lines("• Author:\nMara Quill\n• Updated:\nJun 2, 2020\nOriginal:\nMay 28, 2019");
        let dated = [(3, Date::new(2020, 6, 2).unwrap()), (5, Date::new(2019, 5, 28).unwrap())];
        assert_eq!(publication_date(&text, &dated), Some(dated[1]));
        // Not labelled an update: the first date stands.
        let plain = lines("• Author:\nMara Quill\n• Posted:\nJun 2, 2020\nOriginal:\nMay 28, 2019");
        assert_eq!(publication_date(&plain, &dated), Some(dated[0]));
        // Labelled an update with no earlier date: it stands.
        let alone = [dated[0]];
        assert_eq!(publication_date(&text, &alone), Some(dated[0]));
    }

    #[test]
    fn a_date_line_with_its_byline_under_a_caption_is_found() {
        let text = lines(
            "Gulls over the new ferry as it leaves the yard at Kettle Point on its first trip across the\n\
             harbour, watched by the crew who built it over two winters in the old shed. JANE ROE/PHOTO\n\
             \n\
             Mar. 9, 2021, 4:10 PM UTC / Updated Mar. 9, 2021, 6:02 PM UTC\n\
             By Mara Quill\n\
             \n\
             The ferry board voted on Tuesday.",
        );
        let found = date_past_caption(&text, 0, date::parse, |t| t.starts_with("By "));
        assert_eq!(found, Some((2, Date::new(2021, 3, 9).unwrap())));
        // No byline beside it: a date alone under a caption is not taken.
        let lone = lines("A caption line.\n\nMar. 9, 2021\n\nThe ferry board voted on Tuesday.");
        assert_eq!(date_past_caption(&lone, 0, date::parse, |t| t.starts_with("By ")), None);
    }

    #[test]
    fn a_zone_names_the_order_of_a_numeric_date() {
        assert_eq!(zone_order("10/04/2016 05:07 AM EDT"), DateOrder::Mdy);
        assert_eq!(zone_order("04/10/2016 17:07 BST"), DateOrder::Dmy);
        assert_eq!(zone_order("10/04/2016 05:07 GMT"), DateOrder::Unambiguous);
        assert_eq!(zone_order("10/04/2016"), DateOrder::Unambiguous);
        // Two zones of different orders: none.
        assert_eq!(zone_order("10/04/2016 05:07 EDT (10:07 BST)"), DateOrder::Unambiguous);
    }
}
