//! The publication of a whole web page, from the name the page repeats in its furniture: "Follow
//! Site", "About Site", "Subscribe to Site", "More From Site", "Site homepage", "Site logo",
//! "Keep up with Site", "Site Reporter", photo credits ("Jane Doe/Site", "Jane Doe for Site",
//! "…CreditJane Doe for Site"), the copyright line (wherever the footer puts it, "• © 2022 Site
//! Company"), and the name alone on a line above the headline, more for each other line that
//! names it; also "Thank you for supporting Site", newsletters named after it, a credit in
//! brackets after a caption, and "… told Site" in the story for a name the furniture names
//! too. One name's forms count as one ("Site.com", "The Site", "Site Magazine", an acronym;
//! its products "Site Daily", "Site Store"); places, people and picture agencies are never the
//! site. The name named most wins (three votes are sure, two still beat a parent company's
//! copyright line); a name named once is none, and with no name named twice the page's
//! copyright holder stands, unless it is a parent company's ("Site Media", "Site Universal")
//! that no address of the page spells: then a name the furniture names once is the page's.
//! "Site’s weekly newsletter" votes too, and a holder printed before the year ("© Copyright
//! Site Limited 2020") is read.

use std::collections::HashMap;

use super::strip_prefix_ci;
use super::trailer::copyright;
use crate::article::lexicon::{class, Lexicon};

/// Marks before a menu item.
const MARKS: [char; 5] = ['•', '·', '*', '□', '☆'];

/// Phrases before a site's name in page furniture.
const BEFORE: [&str; 21] = [
    "follow ",
    "thank you for supporting ",
    "thanks for supporting ",
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
const NOT_NAMES: [&str; 39] = [
    "about",
    "related",
    "news",
    "donate",
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
#[cfg(test)]
fn voted_name(text: &[(usize, &str)], headline_k: usize) -> Option<String> {
    let lex = Lexicon::builtin();
    voted_names(text, headline_k, &lex).filter(|&(_, n)| n >= 3).map(|(name, _)| name)
}

/// The name the page's furniture names most and its votes (two or more), as `voted_name`
/// counts them; a parent company's copyright line votes once, so two votes of the page's own
/// may still beat it (see `page::parse`).
pub(super) fn voted_names(
    text: &[(usize, &str)],
    headline_k: usize,
    lex: &Lexicon,
) -> Option<(String, usize)> {
    let mut votes: HashMap<String, (usize, String)> = HashMap::new();
    let mut vote = |name: &str, weight: usize| {
        let Some(name) = clean(name) else { return };
        // A domain votes with its name ("Site.com" and "Site" are one).
        let key = name_key(name);
        let entry = votes.entry(key).or_insert((0, name.to_string()));
        entry.0 += weight;
    };
    // Names that voted as a line of their own: once each (a menu repeats a section's).
    let mut alone = std::collections::HashSet::new();
    // Outlets the story says it was told something by.
    let mut told = Vec::new();
    // The first copyright holder the page prints, wherever it prints it.
    let mut holder_name: Option<String> = None;
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
        told.extend(told_outlets(t));
        for p in BEFORE {
            if let Some(rest) = strip_prefix_ci(t, p) {
                vote(rest, 1);
            }
        }
        // The copyright line, wherever the footer prints it ("• © 2022 Site Company",
        // "site.com © 1996-2015 Site"), its holder without the company's form.
        let notice = t.split(" | ").next().unwrap_or(t);
        let holder = notice.find('©').and_then(|at| {
            copyright(&notice[at..]).map_or_else(|| holder_before_year(&notice[at..]), |(_, holder)| holder)
        });
        if let Some(holder) = holder {
            vote(company_name(&holder), 1);
            if holder_name.is_none() {
                holder_name = clean(company_name(&holder)).map(str::to_string);
            }
        }
        if item {
            continue;
        }
        let lower = t.to_lowercase();
        for a in AFTER {
            if let Some(at) = lower.find(a) {
                // "Site Staff", "Site Staff • 3 min read".
                let rest = lower[at + a.len()..].trim();
                if rest.is_empty() || rest.starts_with(SEPARATORS) || a == " homepage" || a == " logo" {
                    vote(&t[..at], 2);
                }
            }
        }
        // A newsletter named after the site ("Get the Site Daily newsletter", "The Site
        // Newsletter").
        if let Some(name) = newsletter_of(t).or_else(|| possessive_newsletter(t)) {
            vote(name, 1);
        }
        // A photo credit glued to its caption ("…rock salt.CreditJane Doe for Site") or in
        // brackets after it ("The council chamber. (Jane Doe/Site)").
        let t = t.rfind("Credit").map_or(t, |at| &t[at + "Credit".len()..]);
        let t = match t.strip_suffix(')').and_then(|r| r.rfind('(').map(|at| &r[at + 1..])) {
            Some(credit) if credit.contains('/') => credit,
            _ => t,
        };
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
        // A place's name alone is a section's ("New York", "Europe").
        if k < headline_k.max(3)
            && clean(t) == Some(undoubled(t))
            && !MENU_WORDS.contains(&lower.as_str())
            && !lex.is_place(&undoubled(t).to_lowercase())
        {
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
    // The story's own reporting names its publication ("a source told Site", "… told Site
    // News on Monday"): a vote for a name the furniture names too.
    for name in told {
        if let Some(entry) = clean(name).and_then(|n| votes.get_mut(&name_key(n))) {
            entry.0 += 1;
        }
    }
    // One name's family: its products and newsletters vote for it ("Site Daily", "Site
    // Insiders" for "Site"), once each, when it votes on its own; a name and its full form
    // ("Site" and "Site Magazine") are one, the full form's.
    let keys: Vec<String> = votes.keys().cloned().collect();
    for key in &keys {
        let mut products = 0;
        let mut extended = 0;
        for other in &keys {
            let Some(extra) = other.strip_prefix(key.as_str()).and_then(|r| r.strip_prefix(' ')) else {
                continue;
            };
            extended += 1;
            if PRODUCT_WORDS.contains(&extra) {
                products += 1;
            } else if OUTLET_WORDS.contains(&extra) {
                if let Some((n, _)) = votes.remove(key) {
                    votes.entry(other.clone()).and_modify(|e| e.0 += n);
                }
                break;
            }
        }
        // A name that opens three voted names or more is their brand ("Follow Site
        // Markets", "Follow Site Politics", "Follow Site Opinion").
        if let Some(entry) = votes.get_mut(key) {
            entry.0 += if extended >= 3 { 3 } else { products.min(2) };
        }
    }
    // An acronym and the name it abbreviates ("SN", "Site News") are one, printed in full
    // when the full name has two votes of its own (a name only the copyright line gives is
    // the company's: the acronym stays).
    // Each initials once, to the full name with most votes (then the first in order).
    let mut by_initials: HashMap<String, (usize, String)> = HashMap::new();
    for (key, &(n, _)) in &votes {
        let short = initials(key);
        if short.len() >= 2 {
            let entry = by_initials.entry(short).or_insert((n, key.clone()));
            if (n, std::cmp::Reverse(key)) > (entry.0, std::cmp::Reverse(&entry.1)) {
                *entry = (n, key.clone());
            }
        }
    }
    for (key, (_, full)) in by_initials {
        let (Some(_), Some(&(long, _))) = (votes.get(&key), votes.get(&full)) else { continue };
        if full.len() <= key.len() + 2 {
            continue;
        }
        let (key, full) = (&key, &full);
        let (from, to) = if long >= 2 { (key, full) } else { (full, key) };
        if let Some((n, _)) = votes.remove(from) {
            votes.entry(to.clone()).and_modify(|e| e.0 += n);
        }
    }
    // A person's name (a photo's subject) or a picture agency's ("Site Images") is no
    // publication's (tested on the names voted twice only: the others never count).
    // The names the page's own furniture names once, for a parent company's copyright line
    // to give way to (see below).
    let once: Vec<String> = votes
        .iter()
        .filter(|(key, (n, name))| {
            *n == 1
                && holder_name.as_deref().is_some_and(|h| name_key(h) != **key)
                && !picture_agency(name)
                && !person_name(name, lex)
        })
        .map(|(_, (_, name))| name.clone())
        .collect();
    votes.retain(|_, (n, name)| *n >= 2 && !picture_agency(name) && !person_name(name, lex));
    // A tie goes to the name more of the page's lines print.
    let printed = |name: &str| {
        let key = domain_stem(name).unwrap_or(name);
        text.iter().filter(|(_, t)| t.contains(key)).count()
    };
    // No name voted twice: the copyright holder, with its one vote, wherever the page prints
    // the notice (a footer inside the story's last lines too).
    // A parent company's ("Site Media", "Site Universal"): a name the page's furniture names
    // once is the page's own (the one most lines print, then the longer), unless the page's
    // own address spells the holder ("sitenews.com" for "Site News Media").
    let Some(top) = votes.values().map(|v| v.0).max().filter(|&n| n >= 2) else {
        let own =
            holder_name.as_deref().filter(|h| parent_company(h) && !spelled_by_domain(text, h)).and_then(
                |_| once.into_iter().max_by_key(|n| (printed(n), n.len(), std::cmp::Reverse(n.clone()))),
            );
        return own.or(holder_name).map(|name| (name, 1));
    };
    votes
        .into_values()
        .filter(|(n, _)| *n == top)
        .map(|(n, name)| (printed(&name), n, name))
        .max_by(|a, b| a.0.cmp(&b.0).then(b.2.len().cmp(&a.2.len())).then(b.2.cmp(&a.2)))
        .map(|(_, n, name)| (name, n))
}

/// The outlets a story says it was told something by ("sources told Site", "she told Site
/// News."): the capitalised words after "told", ending the clause, when they are no person's
/// name (one word, or words a person's name does not have: "News", "Times", "Magazine"…).
fn told_outlets(line: &str) -> impl Iterator<Item = &str> {
    line.match_indices(" told ").filter_map(move |(at, m)| {
        let rest = &line[at + m.len()..];
        let name = capitalised_run(rest)?;
        let after = rest[name.len()..].trim_start();
        let ends = after.is_empty()
            || after.starts_with(['.', ',', ';'])
            || ["that ", "in ", "on ", "last ", "this ", "earlier "].iter().any(|w| after.starts_with(w));
        let words = name.split_whitespace().count();
        let outlet = words == 1
            || name.bytes().any(|b| b.is_ascii_digit())
            || name.split_whitespace().any(|w| OUTLET_WORDS.contains(&w.to_lowercase().as_str()));
        (ends && outlet && !NOT_NAMES.contains(&name.to_lowercase().as_str())).then_some(name)
    })
}

/// Words after a publication's name that make the name of one of its products ("Site Daily",
/// "Site Store").
const PRODUCT_WORDS: [&str; 16] = [
    "daily",
    "pro",
    "live",
    "store",
    "shop",
    "newsletter",
    "newsletters",
    "style",
    "insiders",
    "conferences",
    "deals",
    "plus",
    "premium",
    "weekly",
    "podcast",
    "app",
];

/// Words of publications' names that people's names do not hold.
const OUTLET_WORDS: [&str; 12] = [
    "news", "times", "magazine", "post", "daily", "journal", "herald", "tribune", "online", "radio", "tv",
    "press",
];

/// The key a name votes under: folded, without "The" or a domain's ending ("The Site",
/// "Site" and "Site.com" are one).
fn name_key(name: &str) -> String {
    let name = domain_stem(name).unwrap_or(name);
    let name = name.strip_prefix("The ").or_else(|| name.strip_prefix("THE ")).unwrap_or(name);
    name.to_lowercase()
}

/// A picture agency's name ("Vale Images", "Vale Photos").
fn picture_agency(name: &str) -> bool {
    let last = name.rsplit(' ').next().unwrap_or_default().to_lowercase();
    matches!(last.as_str(), "images" | "photos" | "pictures")
}

/// A person's name: two words or more that read as a name, the first a given name.
fn person_name(name: &str, lex: &Lexicon) -> bool {
    let first = name.split(' ').next().unwrap_or_default().to_lowercase();
    name.contains(' ')
        && lex.is(&first, class::GIVEN)
        && crate::article::extract::byline::name_only(name, lex).is_some()
}

/// The initials of a folded name of two words or more ("site news" → "sn"), none for one word.
fn initials(key: &str) -> String {
    let words: Vec<&str> = key.split(' ').filter(|w| !matches!(*w, "of" | "the" | "and" | "&")).collect();
    if words.len() < 2 {
        return String::new();
    }
    words.iter().filter_map(|w| w.chars().next()).collect()
}

/// The name of a capitalised domain ("Site.com" → "Site").
fn domain_stem(name: &str) -> Option<&str> {
    let domain = site_domain(name)?;
    domain.split('.').next()
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
            let after = &line[at + sep.len()..];
            let after = after.strip_prefix("the ").unwrap_or(after);
            if let Some(name) = (role || beat).then(|| capitalised_run(after)).flatten() {
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

/// Last words of a company's name that mark a parent company holding the site ("Site
/// Media", "Site Universal", "Site Local Media", "Site Communications").
const PARENT_WORDS: [&str; 12] = [
    "media",
    "universal",
    "group",
    "holdings",
    "communications",
    "corporation",
    "networks",
    "enterprises",
    "ventures",
    "publishing",
    "interactive",
    "television",
];

/// Whether a copyright holder's name is a parent company's (see `PARENT_WORDS`).
fn parent_company(holder: &str) -> bool {
    let last = company_name(holder).rsplit(' ').next().unwrap_or_default().to_lowercase();
    PARENT_WORDS.contains(&last.as_str())
}

/// Whether one of the page's addresses spells the holder's name, or that name without its
/// parent company's word ("sitenews.com", "jane@sitenews.com" for "Site News Media").
fn spelled_by_domain(text: &[(usize, &str)], holder: &str) -> bool {
    let name = company_name(holder);
    let fold = |n: &str| n.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase();
    let stem = name.rsplit_once(' ').map(|(stem, _)| fold(stem)).unwrap_or_default();
    let full = fold(name);
    let spelled = |line: &str, n: &str| {
        n.len() >= 3
            && line.match_indices(n).any(|(at, _)| {
                let after = &line[at + n.len()..];
                let before_ok = at == 0 || !line.as_bytes()[at - 1].is_ascii_alphanumeric();
                before_ok && [".com", ".net", ".org", ".co."].iter().any(|d| after.starts_with(d))
            })
    };
    text.iter().any(|&(_, t)| {
        let lower = t.to_lowercase();
        spelled(&lower, &full) || spelled(&lower, &stem)
    })
}

/// The holder of a copyright line that names it before the year ("© Copyright Site Name
/// Limited 2020. All rights reserved." → "Site Name Limited"): one to five words, the first
/// capitalised, right before a year of four digits.
fn holder_before_year(notice: &str) -> Option<String> {
    let rest = notice.trim_start_matches('©').trim_start();
    let rest = super::strip_prefix_ci(rest, "copyright").unwrap_or(rest).trim_start();
    let words: Vec<&str> = rest.split_whitespace().collect();
    let at = words.iter().position(|w| {
        let w = w.trim_end_matches(['.', ',']);
        w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())
    })?;
    let holder = words[..at].join(" ");
    let holder = holder.trim_end_matches(',');
    ((1..=5).contains(&at) && holder.starts_with(|c: char| c.is_uppercase())).then(|| holder.to_string())
}

/// The site a story's own newsletter is named after in the possessive ("Get Data Weekly,
/// Site’s technology newsletter" → "Site"): one to three capitalised words before "’s", at
/// most three words in lower case between it and "newsletter".
fn possessive_newsletter(t: &str) -> Option<&str> {
    let at = t.find(" newsletter")?;
    let before = &t[..at];
    let (pos, mark) = before.rmatch_indices(['’', '\'']).next()?;
    let between = &before[pos + mark.len()..];
    let between = between.strip_prefix('s')?;
    if !between.is_empty() && !between.starts_with(' ') {
        return None;
    }
    let lower = between.split_whitespace().collect::<Vec<_>>();
    if lower.len() > 3 || lower.iter().any(|w| !w.starts_with(char::is_lowercase)) {
        return None;
    }
    let head = &before[..pos];
    let mut start = head.len();
    for (i, w) in head.rsplit(' ').enumerate() {
        if i == 3 || !w.starts_with(|c: char| c.is_uppercase()) || w.ends_with([',', '.', ':']) {
            break;
        }
        start -= w.len() + usize::from(start > w.len());
    }
    let name = head[start..].trim();
    (!name.is_empty()).then_some(name)
}

/// A copyright holder without its company's form ("Site Company" → "Site", "Site Media,
/// Inc." → "Site Media").
fn company_name(holder: &str) -> &str {
    let holder = holder.trim().trim_end_matches('.');
    let holder = holder.split(", ").next().unwrap_or(holder);
    [" Company", " Inc", " LLC", " Ltd", " Group", " Limited", " LIMITED", " INC"]
        .iter()
        .find_map(|form| holder.strip_suffix(form))
        .unwrap_or(holder)
}

/// Two or three capitalised words, none an acronym: a person's name as a photo credit gives
/// it ("Jane Doe", not "View PDF").
fn name_like(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && !words.iter().any(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
}

/// Separators after a name in a line of furniture ("Site Staff • 3 min read").
const SEPARATORS: [char; 6] = ['•', '·', '|', '-', '—', '–'];

/// The site a newsletter is named after: the capitalised words right before "newsletter"
/// ("Get the Site Daily newsletter", "The Site Newsletter" → "Site"), without "The".
fn newsletter_of(t: &str) -> Option<&str> {
    if !t.contains("ewsletter") {
        return None;
    }
    let lower = t.to_lowercase();
    let at = lower.find(" newsletter")?;
    if lower.len() != t.len() {
        return None;
    }
    let before = &t[..at];
    let mut start = before.len();
    for (i, w) in before.rsplit(' ').enumerate() {
        if i == 4 || !w.starts_with(|c: char| c.is_uppercase()) || w.ends_with(['.', ',', ':', '’', '\'']) {
            // A name cut at a joining word ("the Balance of Power newsletter") is none.
            if matches!(w, "of" | "and" | "&" | "for") {
                return None;
            }
            break;
        }
        start -= w.len() + usize::from(start > w.len());
    }
    let name = before[start..].trim();
    let name = name.strip_prefix("The ").unwrap_or(name);
    (!name.is_empty()).then_some(name)
}

/// A name the page printed twice, glued or spaced ("SiteSite", "Site Site" → "Site").
fn undoubled(name: &str) -> &str {
    let name = name.trim();
    // Printed three times ("Site Site Site", "Site SiteSite").
    let third = name.len() / 3;
    for a in [third.saturating_sub(1), third] {
        if a >= 2 && name.is_char_boundary(a) {
            let x = name[..a].trim();
            if name.replace(x, "").trim().is_empty() && name.matches(x).count() == 3 {
                return x;
            }
        }
    }
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
    fn a_parent_company_gives_way_to_a_name_the_page_prints_once() {
        let page = "Skip to content\nMenu\nA long headline about the council and its budget\n\
                    By Mara Quill\nMore From Tidewatch\nAbout Us\n© 2021 Gannetfield Media, Inc.";
        assert_eq!(
            voted_names(&lines(page), 2, &Lexicon::builtin()).map(|v| v.0).as_deref(),
            Some("Tidewatch")
        );
        // The page's address spells the holder: it is the site's own name.
        let own = format!("{page}\nWrite to news@gannetfield.com");
        assert_eq!(
            voted_names(&lines(&own), 2, &Lexicon::builtin()).map(|v| v.0).as_deref(),
            Some("Gannetfield Media")
        );
        // Not a parent company's name: the holder stands.
        let plain = page.replace("Gannetfield Media, Inc.", "Harbour Ledger");
        assert_eq!(
            voted_names(&lines(&plain), 2, &Lexicon::builtin()).map(|v| v.0).as_deref(),
            Some("Harbour Ledger")
        );
    }

    #[test]
    fn a_possessive_newsletter_and_a_holder_before_the_year_are_read() {
        assert_eq!(
            possessive_newsletter("Get Tide Notes, Harbour Ledger’s shipping newsletter"),
            Some("Harbour Ledger")
        );
        assert_eq!(possessive_newsletter("Sign up for Kettle's newsletter"), Some("Kettle"));
        assert_eq!(possessive_newsletter("Read the mayor's long and winding weekly newsletter"), None);
        assert_eq!(
            holder_before_year("© COPYRIGHT TIDEWATCH LIMITED 2020. ALL RIGHTS RESERVED.").as_deref(),
            Some("TIDEWATCH LIMITED")
        );
        assert_eq!(holder_before_year("© the ledger 2020"), None);
        assert_eq!(company_name("TIDEWATCH LIMITED"), "TIDEWATCH");
        assert!(parent_company("Gannetfield Media, Inc."));
        assert!(!parent_company("Harbour Ledger"));
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

    fn voted2(text: &str, k: usize) -> Option<(String, usize)> {
        voted_names(&lines(text), k, &Lexicon::builtin())
    }

    #[test]
    fn two_votes_of_the_page_beat_a_parent_company_and_one_does_not_count() {
        // "Popular on" and "About" name the site twice; the footer's copyright names the
        // parent company once.
        let page = "Menu\nSearch\nSign in\nA headline about the harbour and its ferries\n\
                    Popular on Quillon\n• About Quillon\n© 2020 Vale Holdings Inc.";
        assert_eq!(voted2(page, 3), Some(("Quillon".to_string(), 2)));
        let once = "Menu\nSearch\nSign in\nA headline\nPopular on Quillon";
        assert_eq!(voted2(once, 3), None);
        // No name voted twice: the copyright holder, wherever the page prints it, when it is
        // no parent company's name (a parent's gives way to the name voted once).
        let held = format!("{once}\n© 2020 Vale Press Inc.\nThe story goes on after the notice.");
        assert_eq!(voted2(&held, 3), Some(("Vale Press".to_string(), 1)));
        let parent = format!("{once}\n© 2020 Vale Holdings Inc.\nThe story goes on after the notice.");
        assert_eq!(voted2(&parent, 3), Some(("Quillon".to_string(), 1)));
    }

    #[test]
    fn the_story_telling_the_site_votes_only_with_the_furniture() {
        let page = "Menu\nSearch\nSign in\nA headline\nFollow Quillon\n\
                    A source told Quillon that the coach had signed a five-year contract on Friday.\n\
                    The coach later told Quillon in a statement that he was pleased with the deal.";
        assert_eq!(voted2(page, 3), Some(("Quillon".to_string(), 3)));
        // Told to a person ("told Mara Quill") or with no furniture naming it: no vote.
        let page = "Menu\nSearch\nSign in\nA headline\n\
                    A source told Quillon that the coach had signed a five-year contract on Friday.\n\
                    The coach later told Quillon in a statement that he was pleased with the deal.";
        assert_eq!(voted2(page, 3), None);
        assert_eq!(told_outlets("she told Mara Quill that it was over").count(), 0);
        assert_eq!(told_outlets("sources told Harbour News on Monday").collect::<Vec<_>>(), ["Harbour News"]);
    }

    #[test]
    fn a_name_its_domain_products_acronym_and_full_form_are_one() {
        // "Quillon.com" and "Quillon"; "Quillon Daily" and "Quillon Store" are its products.
        let page = "Menu\nSearch\nSign in\nA headline\nFollow Quillon\nVisit Quillon.com today\n\
                    Get the Quillon Daily newsletter\n• Quillon Store";
        assert_eq!(voted2(page, 3).map(|(n, _)| n).as_deref(), Some("Quillon"));
        // A name and its full form with "Magazine": the full form.
        let page = "Menu\nSearch\nSign in\nA headline\nAbout Quillon\nPip Lander/Quillon Magazine";
        assert_eq!(voted2(page, 3), Some(("Quillon Magazine".to_string(), 2)));
        // An acronym named often and its full name named twice: the full name.
        let page = "Menu\nSearch\nSign in\nA headline\nFollow HDN\nAbout HDN\nHDN logo\n\
                    Welcome to Harbour Daily News\nThank you for supporting Harbour Daily News";
        assert_eq!(voted2(page, 3).map(|(n, _)| n).as_deref(), Some("Harbour Daily News"));
        // A brand that opens three voted names ("Follow Vale Markets", "Follow Vale Sport" …).
        let page = "Menu\nSearch\nSign in\nA headline\nFollow Vale Markets\nFollow Vale Sport\n\
                    Follow Vale Opinion\nFollow Vale Markets\nAbout Vale";
        assert_eq!(voted2(page, 3).map(|(n, _)| n).as_deref(), Some("Vale"));
        assert_eq!(newsletter_of("Get insight in the Harbour of Ports newsletter."), None);
        assert_eq!(newsletter_of("The Quillon Newsletter"), Some("Quillon"));
    }

    #[test]
    fn people_picture_agencies_places_and_pdf_links_are_no_site() {
        // A photo's subject credited twice, an agency's pictures, a section's place name.
        let page = "Menu\nSearch\nSign in\nA headline\nPip Lander/Vale Images\nJo Marsh/Vale Images\n\
                    View PDF/Print Mode\nView PDF/Print Mode\nFollow David Miller\nAbout David Miller";
        assert_eq!(voted2(page, 3), None);
        assert_eq!(undoubled("The Vale Post The Vale PostThe Vale Post"), "The Vale Post");
    }

    #[test]
    fn a_credit_for_the_site_counts() {
        let page = "Pip Lander for Northgate Wire\nA story\nNorthgate Wire logo";
        assert_eq!(voted_name(&lines(page), 5).as_deref(), Some("Northgate Wire"));
    }
}
