//! The publication of a whole web page, from the name the page repeats in its furniture: "Follow
//! Site", "About Site", "Subscribe to Site", "More From Site", "Site homepage", "Site logo",
//! photo credits ("Jane Doe/Site", "Jane Doe for Site"), the copyright line, and the name
//! alone near the top. The name printed most often in these places wins; one mention is not
//! enough, so a page names its publication at least twice before it counts.

use std::collections::HashMap;

use super::strip_prefix_ci;
use super::trailer::copyright;

/// Phrases before a site's name in page furniture.
const BEFORE: [&str; 16] = [
    "follow ",
    "about ",
    "subscribe to ",
    "more from ",
    "more stories from ",
    "popular on ",
    "welcome to ",
    "go to ",
    "explore ",
    "support ",
    "sign up for ",
    "contact ",
    "latest from ",
    "the best of ",
    "more on ",
    "trending on ",
];

/// Words after a site's name in page furniture.
const AFTER: [&str; 5] = [" homepage", " home page", " logo", " home", " main menu"];

/// Words that follow "About", "Follow" and the like without being a site's name.
const NOT_NAMES: [&str; 28] = [
    "about",
    "store",
    "navigation",
    "our newsletters",
    "us",
    "me",
    "our",
    "home",
    "this",
    "the",
    "more",
    "all",
    "page",
    "site",
    "top",
    "privacy",
    "terms",
    "newsletter",
    "newsletters",
    "contact",
    "help",
    "ads",
    "cookies",
    "the author",
    "the authors",
    "this story",
    "this article",
    "your",
];

/// Menu items that stand alone on a page's first lines.
const MENU_WORDS: [&str; 14] = [
    "menu",
    "search",
    "sections",
    "news",
    "video",
    "videos",
    "live",
    "shows",
    "sign in",
    "log in",
    "subscribe",
    "advertisement",
    "skip to content",
    "close",
];

/// The publication's name as the page repeats it, or `None` when no name is printed twice in
/// the places listed in the module doc.
pub(super) fn voted_name(text: &[(usize, &str)]) -> Option<String> {
    let mut votes: HashMap<String, (usize, String)> = HashMap::new();
    let mut vote = |name: &str, weight: usize| {
        let Some(name) = clean(name) else { return };
        let entry = votes.entry(name.to_lowercase()).or_insert((0, name.to_string()));
        entry.0 += weight;
    };
    for (k, &(_, t)) in text.iter().enumerate() {
        // Menu items ("• Business", "□ Podcasts Home") name sections; only the phrases before a
        // name are read on them ("• About Site").
        let item = t.starts_with(['•', '·', '*', '□', '☆']);
        let t = t.trim_start_matches(['•', '·', '*', '□', '☆', ' ']).trim();
        if t.len() > 120 {
            continue;
        }
        for p in BEFORE {
            if let Some(rest) = strip_prefix_ci(t, p) {
                vote(rest, 1);
            }
        }
        if item {
            continue;
        }
        let lower = t.to_lowercase();
        for a in AFTER {
            if let Some(at) = lower.find(a) {
                if lower[at + a.len()..].trim().is_empty() || a == " homepage" || a == " logo" {
                    vote(&t[..at], 2);
                }
            }
        }
        if let Some((_, Some(holder))) = copyright(t) {
            vote(&holder, 1);
        }
        if t.split_whitespace().count() <= 8 {
            // Photo credits: "Jane Doe/Site", "(Jane Doe / Site)", "Jane Doe for Site".
            let credit = t.trim_matches(['(', ')']);
            for sep in ["/", " for "] {
                if let Some(at) = credit.rfind(sep) {
                    let left = credit[..at].trim();
                    if name_like(left) && !credit.contains("http") {
                        vote(&credit[at + sep.len()..], 1);
                    }
                }
            }
        }
        // The name alone on one of the page's first lines, more for each other line that
        // names it.
        if k < 3 && clean(t) == Some(undoubled(t)) && !MENU_WORDS.contains(&lower.as_str()) {
            let name = undoubled(t);
            let mentions = text.iter().filter(|&&(_, o)| o != t && o.contains(name)).count();
            vote(name, 1 + mentions.min(2));
        }
    }
    votes
        .into_values()
        .filter(|(n, _)| *n >= 3)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.len().cmp(&a.1.len())))
        .map(|(_, name)| name)
}

/// Two or three capitalised words: a person's name as a photo credit gives it.
fn name_like(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=3).contains(&words.len()) && words.iter().all(|w| w.starts_with(char::is_uppercase))
}

/// A name the page printed twice, glued or spaced ("SiteSite", "Site Site" → "Site").
fn undoubled(name: &str) -> &str {
    let name = name.trim();
    let half = name.len() / 2;
    for (a, b) in [(half, half), (half, half + 1)] {
        if name.is_char_boundary(a) && name.is_char_boundary(b.min(name.len())) && b <= name.len() {
            let (x, y) = (&name[..a], &name[b..]);
            if !x.is_empty() && x.trim() == y.trim() && (a == b || name[a..b].trim().is_empty()) {
                return x.trim();
            }
        }
    }
    name
}

/// A site's name out of the text after or before a furniture phrase: one to four words, the
/// first capitalised (or a digit), no sentence; cut at a colon, comma or a joining word.
fn clean(raw: &str) -> Option<&str> {
    let mut name = undoubled(raw.trim());
    for stop in
        [":", ",", " - ", " | ", " »", "!", "?", " on ", " to ", " for ", " and get", "’s", "'s", " with "]
    {
        if let Some(at) = name.find(stop) {
            name = &name[..at];
        }
    }
    let name = name.trim().trim_end_matches(['.', '»', '›']).trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 4
        || name.len() < 2
        || !name.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        || NOT_NAMES.contains(&name.to_lowercase().as_str())
        || words.iter().any(|w| {
            !w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                && !matches!(*w, "of" | "the" | "and" | "&")
        })
        || name.bytes().any(|b| matches!(b, b'[' | b']' | b'@' | b'#' | b'(' | b')'))
    {
        return None;
    }
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, &str)> {
        text.lines().enumerate().map(|(n, l)| (n, l.trim())).filter(|(_, t)| !t.is_empty()).collect()
    }

    #[test]
    fn the_name_the_furniture_repeats_wins() {
        let page = "Skip to content\nMenu\nThe Harbour Ledger homepage\nPolitics\nSports\n\
                    A very long headline about the council and its budget\n\
                    Mara Quill/The Harbour Ledger\n\
                    Follow The Harbour Ledger\nAbout Us\n© 2021 Ledger Holdings LLC";
        assert_eq!(voted_name(&lines(page)).as_deref(), Some("The Harbour Ledger"));
    }

    #[test]
    fn one_mention_or_generic_words_are_no_name() {
        let page = "Follow Us\nAbout Us\nSubscribe to Newsletters\nFollow Us\nMore from Harbour Daily";
        assert_eq!(voted_name(&lines(page)), None);
    }

    #[test]
    fn a_credit_for_the_site_counts() {
        let page = "Pip Lander for Northgate Wire\nA story\nNorthgate Wire logo";
        assert_eq!(voted_name(&lines(page)).as_deref(), Some("Northgate Wire"));
    }
}
