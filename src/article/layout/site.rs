//! The publication of a whole web page, from the name the page repeats in its furniture: "Follow
//! Site", "About Site", "Subscribe to Site", "More From Site", "Site homepage", "Site logo",
//! "Keep up with Site", "Site Reporter", photo credits ("Jane Doe/Site", "Jane Doe for Site",
//! "…CreditJane Doe for Site"), the copyright line (wherever the footer puts it, "• © 2022 Site
//! Company"), and the name alone on a line above the headline, more for each other line that
//! names it. The name printed most often in these places wins; one mention is not enough, so a
//! page names its publication at least twice before it counts.

use std::collections::HashMap;

use super::strip_prefix_ci;
use super::trailer::copyright;

/// Marks before a menu item.
const MARKS: [char; 5] = ['•', '·', '*', '□', '☆'];

/// Phrases before a site's name in page furniture.
const BEFORE: [&str; 19] = [
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
    "keep up with ",
    "supporting ",
    "popular now on ",
];

/// Words after a site's name in page furniture.
const AFTER: [&str; 8] =
    [" homepage", " home page", " logo", " home", " main menu", " reporter", " staff", " staff writer"];

/// Words that follow "About", "Follow" and the like without being a site's name, or stand
/// alone on a page's lines as menu items.
const NOT_NAMES: [&str; 36] = [
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
    "follow",
    "back",
    "share",
    "trending",
    "latest",
    "popular",
    "more stories",
    "home page",
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
/// the places listed in the module doc. `headline_k` is the headline's line in `text`.
pub(super) fn voted_name(text: &[(usize, &str)], headline_k: usize) -> Option<String> {
    let mut votes: HashMap<String, (usize, String)> = HashMap::new();
    let mut vote = |name: &str, weight: usize| {
        let Some(name) = clean(name) else { return };
        let entry = votes.entry(name.to_lowercase()).or_insert((0, name.to_string()));
        entry.0 += weight;
    };
    // Names that voted as a line of their own: once each (a menu repeats a section's).
    let mut alone = std::collections::HashSet::new();
    let mut brands = Brands::default();
    for (k, &(_, t)) in text.iter().enumerate() {
        // Menu items ("• Business", "□ Podcasts Home") name sections; only the phrases before a
        // name are read on them ("• About Site").
        let item = t.starts_with(MARKS);
        let t = t.trim_start_matches(MARKS).trim_start().trim();
        if t.len() > 120 {
            continue;
        }
        brands.read(t);
        // The note on an author names where the author writes ("Jane Doe is a staff writer at
        // Site", "… reviews films for Site"): enough votes on its own.
        if t.len() >= 60 {
            if let Some(name) = writes_for(t) {
                vote(name, 3);
            }
        }
        for p in BEFORE {
            if let Some(rest) = strip_prefix_ci(t, p) {
                vote(rest, 1);
            }
        }
        // The copyright line, wherever the footer prints it ("• © 2022 Site Company",
        // "site.com © 1996-2015 Site"), its holder without the company's form.
        if let Some((_, Some(holder))) = t.find('©').and_then(|at| copyright(&t[at..])) {
            vote(company_name(&holder), 1);
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
        // A photo credit glued to its caption ("…rock salt.CreditJane Doe for Site").
        let t = t.rfind("Credit").map_or(t, |at| &t[at + "Credit".len()..]);
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
        // The name alone on a line above the headline, more for each other line that names
        // it; on the page's first lines it counts even when nothing else names it, further
        // down only a name of two words or more that other lines name.
        if k < headline_k.max(3) && clean(t) == Some(undoubled(t)) && !MENU_WORDS.contains(&lower.as_str()) {
            let name = undoubled(t);
            // A menu repeats a section's name alone ("• Markets"); a site's name comes with
            // other words ("Subscribe to Site", "Site Daily").
            let mentions = text
                .iter()
                .filter(|&&(_, o)| o.contains(name) && undoubled(o.trim_start_matches(MARKS)) != name)
                .count();
            // Below the first lines, one word alone is likelier a section's ("Markets").
            if (k < 3 || (mentions > 0 && name.contains(' '))) && alone.insert(name) {
                vote(name, usize::from(k < 3) + mentions.min(2));
            }
        }
    }
    for (name, weight) in brands.names() {
        vote(&name, weight);
    }
    votes
        .into_values()
        .filter(|(n, _)| *n >= 3)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.len().cmp(&a.1.len())))
        .map(|(_, name)| name)
}

/// Words that open a section's menu items ("News Now", "Sports Betting") and lines of page
/// furniture ("Sign In", "More Videos"), never a site's name on their own.
const SECTION_WORDS: [&str; 78] = [
    "news",
    "business",
    "sports",
    "sport",
    "world",
    "politics",
    "opinion",
    "opinions",
    "entertainment",
    "tech",
    "technology",
    "health",
    "science",
    "video",
    "videos",
    "life",
    "lifestyle",
    "style",
    "travel",
    "food",
    "arts",
    "culture",
    "money",
    "markets",
    "market",
    "us",
    "u.s.",
    "local",
    "weather",
    "home",
    "latest",
    "top",
    "most",
    "watch",
    "shop",
    "live",
    "podcasts",
    "newsletters",
    "games",
    "real",
    "photos",
    "tv",
    "shows",
    "music",
    "movies",
    "books",
    "fashion",
    "celebrity",
    "education",
    "economy",
    "finance",
    "jobs",
    "deals",
    "reviews",
    "more",
    "all",
    "new",
    "my",
    "your",
    "our",
    "get",
    "sign",
    "log",
    "read",
    "view",
    "trending",
    "breaking",
    "national",
    "international",
    "featured",
    "by",
    "the",
    "a",
    "in",
    "on",
    "for",
    "to",
    "and",
];

/// Names that open several menu items or short furniture lines of their own, as a site's
/// brand does ("Vulture", "Vulture Lists", "Vulture Festival"; "Site Shop", "Site Music"),
/// and site names printed as domains ("SiteName.com").
#[derive(Default)]
struct Brands<'a> {
    /// Per candidate (folded): its printed form and the distinct words that followed it.
    prefixes: HashMap<String, (String, std::collections::HashSet<String>)>,
    /// Per domain (folded): its printed form and the lines that printed it.
    domains: HashMap<String, (String, usize)>,
    /// The page's lines of prose, where a brand is named inside a sentence.
    prose: Vec<&'a str>,
}

impl<'a> Brands<'a> {
    /// Reads one line (menu marks stripped).
    fn read(&mut self, t: &'a str) {
        for word in t.split_whitespace() {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if let Some(domain) = site_domain(word) {
                self.domains.entry(domain.to_lowercase()).or_insert((domain.to_string(), 0)).1 += 1;
            }
        }
        if t.len() >= 60 {
            self.prose.push(t);
        }
        let words: Vec<&str> = t.split_whitespace().collect();
        if t.len() > 40
            || words.len() > 5
            || t.ends_with(['.', '!', '?', ':', ','])
            || t.contains(['•', '|', '/'])
        {
            return;
        }
        for n in 1..=words.len().min(3) {
            let prefix = &words[..n];
            let last = prefix[n - 1];
            if !last.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || !last.chars().all(|c| c.is_alphanumeric() || matches!(c, '!' | '&' | '-' | '\''))
            {
                break;
            }
            let name = prefix.join(" ");
            let folded = name.to_lowercase();
            if SECTION_WORDS.contains(&folded.as_str())
                || crate::calendar::month_from_name(last).is_some()
                || clean(&name) != Some(name.as_str())
            {
                continue;
            }
            let next = words.get(n).copied().unwrap_or_default();
            if next.starts_with(char::is_lowercase) {
                continue;
            }
            let entry = self.prefixes.entry(folded).or_insert((name.clone(), Default::default()));
            entry.1.insert(next.to_lowercase());
        }
    }

    /// The names with their votes: a name that opens three lines or more with different
    /// words after it and that a sentence names ("… told Site News."; a section's name,
    /// "Industry", is not capitalised inside one), one vote per line (at most three); a
    /// domain printed twice or more.
    fn names(self) -> Vec<(String, usize)> {
        let prose = self.prose;
        let prefixes = self
            .prefixes
            .into_values()
            .filter(|(name, next)| next.len() >= 3 && prose.iter().any(|l| named_in_sentence(l, name)))
            .map(|(n, next)| (n, next.len().min(3)));
        let domains =
            self.domains.into_values().filter(|&(_, seen)| seen >= 2).map(|(n, seen)| (n, seen.min(3)));
        prefixes.chain(domains).collect()
    }
}

/// Words that, before "at" or "for", make a sentence the note on an author ("a staff writer
/// at", "an editor for").
const WRITER_WORDS: [&str; 10] = [
    "writer",
    "editor",
    "reporter",
    "correspondent",
    "columnist",
    "contributor",
    "producer",
    "critic",
    "journalist",
    "editor-in-chief",
];

/// Verbs of a writer's beat that "for Site" follows later in the sentence ("Jane reviews
/// phones for Site", "covers the courts for Site").
const BEAT_VERBS: [&str; 3] = [" reviews ", " covers ", " writes about "];

/// The publication named in the note on an author: the capitalised words after a writer's
/// role and "at" / "for" ("is a staff writer at Site", "Jane reviews phones for Site Name,
/// testing …").
fn writes_for(line: &str) -> Option<&str> {
    let mut found: Option<&str> = None;
    for sep in [" at ", " for "] {
        for (at, _) in line.match_indices(sep) {
            let before = &line[..at];
            let role =
                before.rsplit(' ').next().is_some_and(|w| WRITER_WORDS.contains(&w.to_lowercase().as_str()));
            let beat = sep == " for " && BEAT_VERBS.iter().any(|v| before.contains(v));
            if let Some(name) = (role || beat).then(|| capitalised_run(&line[at + sep.len()..])).flatten() {
                // A note naming two places ("an editor at A, a writer at B") names none.
                if found.is_some_and(|f| f != name) {
                    return None;
                }
                found = Some(name);
            }
        }
    }
    found
}

/// The capitalised words at the start of `text` (with "of", "the", "and", "&" between them),
/// up to four, ending on a capitalised word; `None` when it opens in lower case.
fn capitalised_run(text: &str) -> Option<&str> {
    let mut end = 0;
    let mut count = 0;
    for (at, word) in text.split(' ').scan(0, |pos, w| {
        let at = *pos;
        *pos += w.len() + 1;
        Some((at, w))
    }) {
        let bare = word.trim_end_matches(['.', ',', ';', ':', '’', '\'']);
        if bare.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
            end = at + bare.len();
            count += 1;
        } else if !matches!(word, "of" | "the" | "and" | "&") || count == 0 {
            break;
        }
        if count == 4 || bare.len() != word.len() {
            break;
        }
    }
    (end > 0).then(|| &text[..end])
}

/// Whether `line` names `name` inside a sentence: after a word in lower case, as a whole
/// word ("… told Site News on Monday").
fn named_in_sentence(line: &str, name: &str) -> bool {
    line.match_indices(name).any(|(at, _)| {
        let before = line[..at].trim_end();
        let after = line[at + name.len()..].chars().next();
        line[..at].ends_with(' ')
            && before.rsplit(' ').next().is_some_and(|w| w.starts_with(char::is_lowercase))
            && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A site's domain as a page prints it, capitalised ("SiteName.com", "Site.co.uk"); lower
/// case names are addresses of other pages.
fn site_domain(word: &str) -> Option<&str> {
    let stem = [".com", ".co.uk", ".net", ".org"].iter().find_map(|d| word.strip_suffix(d))?;
    (stem.len() >= 2
        && stem.starts_with(|c: char| c.is_ascii_uppercase())
        && stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
    .then_some(word)
}

/// A copyright holder without its company's form ("Site Company" → "Site", "Site Media,
/// Inc." → "Site Media").
fn company_name(holder: &str) -> &str {
    let holder = holder.trim().trim_end_matches('.');
    let holder = holder.split(", ").next().unwrap_or(holder);
    [" Company", " Inc", " LLC", " Ltd", " Group"]
        .iter()
        .find_map(|form| holder.strip_suffix(form))
        .unwrap_or(holder)
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
    let name = name.strip_prefix("By ").unwrap_or(name);
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
        assert_eq!(voted_name(&lines(page), 5).as_deref(), Some("The Harbour Ledger"));
    }

    #[test]
    fn one_mention_or_generic_words_are_no_name() {
        let page = "Follow Us\nAbout Us\nSubscribe to Newsletters\nFollow Us\nMore from Harbour Daily";
        assert_eq!(voted_name(&lines(page), 5), None);
    }

    #[test]
    fn a_name_alone_above_the_headline_counts_with_the_lines_that_name_it() {
        // Above the headline, named by other lines: the site. A section's name repeated alone
        // by the menus ("Public Works", "• Public Works") votes once and loses to nothing.
        let page = "Sign in\nSearch\nMenu\nThe Quarry Herald\nPublic Works\n• Public Works\n\
                    Public Works\nA long headline about the council and its budget\nBy Mara Quill\n\
                    Subscribe to The Quarry Herald\nThe Quarry Herald Daily newsletter";
        assert_eq!(voted_name(&lines(page), 7).as_deref(), Some("The Quarry Herald"));
        let sections = "Sign in\nSearch\nMenu\nPublic Works\n• Public Works\n8. Public Works\n\
                        A long headline about the council\nPublic Works";
        assert_eq!(voted_name(&lines(sections), 6), None);
    }

    #[test]
    fn the_footer_copyright_and_staff_lines_count() {
        let page = "Menu\nSearch\nSign in\nA headline\nHarbour Daily Staff\n\
                    • © 2022 Harbour Daily Company\nMore text";
        assert_eq!(voted_name(&lines(page), 3).as_deref(), Some("Harbour Daily"));
        assert_eq!(company_name("Harbour Daily Company"), "Harbour Daily");
        assert_eq!(company_name("Vale Media, Inc."), "Vale Media");
    }

    #[test]
    fn a_credit_glued_to_its_caption_counts() {
        let page = "Menu\nSearch\nSign in\nCrews cleared the road.CreditJune Alder for The Quarry Herald\n\
                    Pip Lander/The Quarry Herald";
        assert_eq!(voted_name(&lines(page), 3).as_deref(), None, "two votes are not enough");
        let page = format!("{page}\nFollow The Quarry Herald");
        assert_eq!(voted_name(&lines(&page), 3).as_deref(), Some("The Quarry Herald"));
    }

    #[test]
    fn a_brand_opening_menu_items_and_named_in_a_sentence_counts() {
        // "Quillon" opens three menu items and a sentence names it; "Industry" opens three
        // too, but no sentence capitalises it.
        let page = "• Quillon\n• Quillon Lists\n• Quillon Festival\n• Industry\n• Industry Home\n\
                    • Industry Grosses\nA long headline about the council and its budget\n\
                    The mayor said on Monday that the budget would pass, she told Quillon after the vote.";
        assert_eq!(voted_name(&lines(page), 6).as_deref(), Some("Quillon"));
        let no_sentence = page.replace("told Quillon", "told us");
        assert_eq!(voted_name(&lines(&no_sentence), 6), None);
        // A capitalised domain printed three times: the site's; a lower-case one is a link.
        let page = "Sign in\nMenu\nSearch\nA headline\nHarbourWire.com\nfor HarbourWire.com readers\n\
                    HarbourWire.com tips\nsee other.com\nother.com\nother.com";
        assert_eq!(voted_name(&lines(page), 3).as_deref(), Some("HarbourWire.com"));
        assert_eq!(site_domain("HarbourWire.com"), Some("HarbourWire.com"));
        assert_eq!(site_domain("other.com"), None);
    }

    #[test]
    fn the_note_on_an_author_names_the_site() {
        assert_eq!(
            writes_for("Mara Quill is a staff writer at Harbour Daily, covering the port."),
            Some("Harbour Daily")
        );
        assert_eq!(
            writes_for("Mara reviews garden tools for The Quarry Herald since the spring."),
            Some("The Quarry Herald")
        );
        assert_eq!(writes_for("The council met at Harbour Hall for three hours on the budget."), None);
        let two = "Mara Quill is an editor at Harbour Daily magazine, a columnist at The Quarry Herald.";
        assert_eq!(writes_for(two), None);
        let page = "Menu\nSearch\nSign in\nA headline\n\
                    Mara Quill is a staff writer at Harbour Daily, covering the port and its ferries.\n\
                    Follow Harbour Daily";
        assert_eq!(voted_name(&lines(page), 3).as_deref(), Some("Harbour Daily"));
    }

    #[test]
    fn a_credit_for_the_site_counts() {
        let page = "Pip Lander for Northgate Wire\nA story\nNorthgate Wire logo";
        assert_eq!(voted_name(&lines(page), 5).as_deref(), Some("Northgate Wire"));
    }
}
