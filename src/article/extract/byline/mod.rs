//! Bylines and the credit lines around them. `parse` classifies one header line: "By NAME and
//! NAME, Publication" in any case, also after "Written by", "Words by", "Story by" or
//! "Reporting by" and inside Markdown emphasis ("*By NAME*"); "By NAME | Publication";
//! agency credits with no author ("By THE ASSOCIATED PRESS", "By AFP", "By Reuters Staff");
//! the web-scrape form "NAME And NAME, Publication on [DATE]"; and bare lines that carry a
//! second signal: "NAME, Publication", "NAME | TNN | Updated: DATE", "NAME, Role", "NAME
//! Political correspondent" and "Author NAME". `parse_value` reads an "Author:" label's value;
//! `is_role`, `name_only` and `publication_line` recognise the job-title, bare-name and
//! publication lines that some layouts print on their own around a byline.
//!
//! Authors are names only — never the publication or a role — names printed in capitals come
//! back in title case, and " in PLACE" after a name is dropped. Because `parse` sees every
//! header line, headlines included, a line without "By" counts only when its name passes a
//! strict test (two to four capitalised words, none a headline verb, function word or
//! organisation word) and the rest of the line is a role, a publication or a date.

use std::sync::OnceLock;

use super::date;
use super::text::{count_words, fold, fold_word, fold_word_cow, strip_prefix_ci, title_case, FastSet};
use crate::article::lexicon::{class, Lexicon};
use crate::calendar::{month_from_name, Date};

mod publication;
use publication::*;

/// What a byline line says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    /// Author names in order ("Josh Lederman").
    pub authors: Vec<String>,
    /// The publication named with the names ("Associated Press"); wire agencies under
    /// their full names ("By AFP" → "Agence France-Presse").
    pub publication: Option<String>,
    /// A date printed in the byline ("… on August 9, 2017", "… | Updated: Feb 27, 2019").
    pub date: Option<Date>,
    /// Whether the line had the web-scrape form "NAMES, PUBLICATION on [DATE]".
    pub scrape_form: bool,
}

/// Words that mark a publication or news organisation rather than a person ("Des Moines
/// Register", "DOD News"). Lowercase.
static PUB_WORDS: WordSet = WordSet::new(
    "\
    press news newswire newswires times post reuters reuter agency service services wire journal \
    tribune herald bureau network media magazine gazette bloomberg afp ap upi daily weekly newspaper \
    newspapers monitor chronicle register observer guardian telegraph independent express mirror \
    mail courier inquirer enquirer examiner dispatch bulletin review record sentinel standard star \
    sun globe ledger citizen courant statesman advocate zeitung radio television tv broadcasting \
    politico xinhua tass kyodo yonhap",
);

/// The last word of a job title ("Staff Writer", "Political correspondent"). Lowercase.
static ROLE_NOUNS: WordSet = WordSet::new(
    "\
    writer writers correspondent correspondents reporter reporters editor editors columnist \
    columnists contributor contributors photographer photographers critic commentator journalist \
    journalists stringer staff",
);

/// Capitalised words that may come before the role noun in a title-case job title printed
/// right after a name ("Jane Doe Staff Writer", "Jane Doe Chief Political Correspondent").
static ROLE_MODIFIERS: WordSet = WordSet::new(
    "\
    staff senior chief special contributing political foreign national investigative associate \
    deputy managing executive assistant sports business science health economics economic technology \
    diplomatic legal education environment environmental energy security defense defence \
    international opinion features metro local global world investigations",
);

/// Verbs and function words of headlines ("Trump Tells Congress to Act", "Biden, Putin Agree
/// to Talks"): a line holding one is not a name or a publication. Given names that are also
/// verbs ("Will", "Sue", "Mark") are left out. Lowercase.
static HEADLINE_WORDS: WordSet = WordSet::new(
    "\
    says say tells tell told meets meet met agree agrees agreed warns warn warned vows vow vowed \
    urges urge urged calls called backs backed wins won loses lost faces faced seeks seek sought \
    plans planned quits quit resigns resign resigned dies die died dead hits hit cuts raises raised \
    slams slam blasts rejects reject rejected accepts signs sign signed bans ban banned sets takes \
    took makes made gets gives keeps joins join joined leaves leads led pushes push eyes holds hold \
    held opens opened closes closed ends ended fires fired names named picks picked sues sued talks \
    visits visit visited sees wants needs fears feared helps denies deny denied claims claimed hails \
    hailed rises falls fell drops dropped jumps jumped soars soared slumps surges surged gains \
    approves approve approved passes passed votes vote voted launches launch launched unveils unveil \
    unveiled announces announce announced arrests arrest arrested kills kill killed strikes struck \
    attacks attack attacked threatens threaten threatened returns returned begins begin began starts \
    started stops stop stopped blocks blocked orders ordered asks asked offers offered steps moves \
    goes comes came turns shows showed finds found puts runs looks tries fights fight hopes expects \
    expected charged charges indicted sentenced elected elects shot hurt injured jailed freed ousted \
    ousts condemns condemned defends demands demand demanded probes clash clashes splits unite \
    unites rallies protest protests mourns celebrates slashes boosts weighs considers mulls reaches \
    reach reached is are was were would could should can must has have had not to at with without \
    against after before amid over vs versus into from about as why how what who when",
);

/// Lowercase words allowed inside a publication's name ("Stars and Stripes", "The Mail on
/// Sunday", "Times of India", "Le Monde").
static CONNECTORS: WordSet = WordSet::new("of the and on for de des du la le el der die das y al");

/// Lowercase name particles ("Mustafa Salim al-Obaidi", "Ursula von der Leyen").
static PARTICLES: WordSet = WordSet::new(
    "\
    de da di du del della der den des van von la le al el bin ibn ben bint abu dos das zu ter ten y \
    d l",
);

/// Offices that open a description of a person, never a publication's name.
static OFFICES: WordSet = WordSet::new(
    "\
    secretary minister president chairman chairwoman chair director spokesman spokeswoman \
    spokesperson ambassador governor senator mayor member head professor",
);

/// Words that open a phrase, never a name ("By The Numbers", "By Any Means Necessary").
static DETERMINERS: WordSet =
    WordSet::new("the a an any this that these those every each all some no its his her their our my your");

/// Abbreviations whose period does not end a sentence ("St. Louis", "Gen. Milley").
static ABBREVIATIONS: WordSet =
    WordSet::new("st mt ft jr sr dr mr mrs ms gen col sgt lt gov sen rep rev corp inc ltd co no vol");

/// Country and bloc abbreviations, which are never a publication ("Jane Doe, US").
static NOT_PUBLICATIONS: WordSet = WordSet::new("US UK EU UN USA UAE NATO DC GOP NYC");

/// Web-page furniture printed near bylines ("Advertisement", "Read More", "Share").
static PAGE_WORDS: WordSet = WordSet::new(
    "\
    advertisement share comments comment print email subscribe sign login menu search home read \
    related follow listen watch video photo photos gallery image caption skip content newsletter \
    newsletters terms privacy cookies reprints permissions save copy link more next previous close \
    story continues sponsored updated published posted",
);

/// Newspaper section names: "X and Y" or "The X" made of these is a section, not a paper.
static SECTION_WORDS: WordSet = WordSet::new(
    "\
    politics business economy entertainment arts culture sports sport science technology health \
    world opinion lifestyle travel food style weather education environment money finance markets \
    climate energy law crime justice security defense policy books music film movies latest week",
);

/// Phrases that introduce a byline ("By", "Written by"); a colon or space follows them.
const CREDITS: [&str; 7] =
    ["by", "written by", "words by", "story by", "reporting by", "reported by", "text by"];

/// Labels that introduce a byline only with a colon ("Author: NAME", "Byline: NAME").
const CREDIT_LABELS: [&str; 3] = ["author", "authors", "byline"];

/// Tails of an agency credit that name no person ("By Reuters Staff", "By AP Staff Reports").
const STAFF_TAILS: [&str; 7] = [
    " staff and wire reports",
    " staff reports",
    " staff report",
    " staff",
    " wire reports",
    " wire services",
    " reports",
];

/// Labels that introduce a date in a byline segment ("Updated: Feb 27, 2019").
const DATE_LABELS: [&str; 6] = ["last updated", "first published", "updated", "published", "posted", "date"];

/// Whether a folded word is one of a space-separated word list.
fn in_list(list: &WordSet, folded: &str) -> bool {
    let word = folded.trim_end_matches(['.', ',', ':', ';']);
    !word.is_empty() && list.contains(word)
}

/// A list of words written as one string, looked up through a hash set built on first use
/// (`parse` runs on every header line, so a scan of the string per word was its main cost).
struct WordSet {
    text: &'static str,
    set: OnceLock<FastSet<&'static str>>,
}

impl WordSet {
    const fn new(text: &'static str) -> WordSet {
        WordSet { text, set: OnceLock::new() }
    }

    fn contains(&self, word: &str) -> bool {
        self.set.get_or_init(|| self.text.split_whitespace().collect()).contains(word)
    }
}

/// Parses a byline line: "By …" (or "Written by …", "Author: …") in any case, the web-scrape
/// form ending in " on" or " on DATE", or a bare "NAME, Publication" / "NAME | Publication" /
/// "NAME, Role" / "NAME Role" / "Author NAME" line. `None` when the line is none of these.
pub fn parse(line: &str, lex: &Lexicon) -> Option<Byline> {
    let line = unwrap_emphasis(line.trim());
    if line.is_empty() || line.len() > 200 {
        return None;
    }
    if let Some(rest) = strip_credit(line) {
        if line.starts_with(char::is_lowercase) {
            // A lowercase "by" may continue a sentence: strict names and known parts only.
            return if rest.contains('|') { piped(rest, true, lex) } else { comma_form(rest, false, lex) };
        }
        return credited(rest, lex);
    }
    if let Some(rest) = strip_author_word(line) {
        return Some(Byline { authors: strict_names(rest, lex)?, ..Byline::default() });
    }
    scrape(line, lex).or_else(|| bare(line, lex))
}

/// A byline lead as some archives flatten a page's header into the story's first paragraph,
/// its parts set off by " . ": "By . Jane Doe . PUBLISHED: . 08:27 EST, 1 March 2013 . | .
/// UPDATED: . 09:10 EST, 1 March 2013 . Text…".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lead<'a> {
    /// The names before the first date label.
    pub byline: Byline,
    /// The first date after a label.
    pub date: Option<Date>,
    /// The story text after the last date part.
    pub rest: &'a str,
}

/// Reads a dotted byline lead (see `Lead`); `None` unless the paragraph opens with "By . "
/// and a "PUBLISHED:", "UPDATED:" or "Last updated" part follows the names.
pub fn dotted_lead<'p>(para: &'p str, lex: &Lexicon) -> Option<Lead<'p>> {
    let after = strip_prefix_ci(para, "by . ")?;
    let mut cut = after.len().min(300);
    while !after.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &after[..cut];
    let label = ["PUBLISHED:", "UPDATED:", "Last updated", "Published:", "Updated:"]
        .iter()
        .filter_map(|l| head.find(l))
        .min()?;
    let names = after[..label].trim().trim_end_matches(['.', ' ']).replace(" . ", " ");
    let byline = parse_value(&names, lex);
    let mut date = None;
    let mut at = label;
    // Walk the " . "-separated parts while they are labels, dates or "|".
    while at < after.len() {
        let end = after[at..].find(" . ").map_or(after.len(), |e| at + e);
        let part = after[at..end].trim().trim_end_matches('.');
        let is_label = ["published:", "updated:", "|", ""].iter().any(|l| part.eq_ignore_ascii_case(l));
        match date::parse_in(part, lex.date_order()) {
            Some(d) => {
                date.get_or_insert(d);
            }
            None if is_label => {}
            None => break,
        }
        at = (end + 3).min(after.len());
    }
    Some(Lead { byline, date, rest: after[at.min(after.len())..].trim_start() })
}

/// Parses a labelled author value ("Mark Reyes; Hannah Cole", "By A and B, Publication",
/// "A in London and B in Brussels", "Jane Doe | The Denver Post").
pub fn parse_value(value: &str, lex: &Lexicon) -> Byline {
    let value = unwrap_emphasis(value.trim());
    let value = strip_credit(value).unwrap_or(value);
    if value.contains('|') {
        if let Some(byline) = piped(value, false, lex) {
            return byline;
        }
    }
    from_names(value, lex)
}

/// Whether a header line is a job title standing alone ("Staff Writer", "Political
/// correspondent", "Special to The Times", "Staff Writer, The Denver Post").
pub fn is_role(line: &str) -> bool {
    let line = unwrap_emphasis(line.trim());
    if !line.starts_with(char::is_uppercase) || line.len() > 60 || count_words(line, 7) > 6 {
        return false;
    }
    let head = line.split([',', '|']).next().unwrap_or_default().trim();
    // "Special to …" first; its two words fold to seven and two letters, so shorter words
    // need no folding.
    let mut first_two = head.split_whitespace();
    let folds_to =
        |word: Option<&str>, to: &str| word.is_some_and(|w| w.len() >= to.len() && fold_word(w) == to);
    if folds_to(first_two.next(), "special") && folds_to(first_two.next(), "to") {
        return true;
    }
    // Cheap rejections before the words are folded: other chars than letters and marks, no
    // words or more than five.
    if !head.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '.' | '&' | '\'' | '’'))
        || !(1..=5).contains(&count_words(head, 6))
    {
        return false;
    }
    let words: Vec<String> = head.split_whitespace().map(fold_word).collect();
    if words.iter().any(|w| in_list(&HEADLINE_WORDS, w)) {
        return false;
    }
    let last = &words[words.len() - 1];
    let noun = last.split('-').next().unwrap_or_default();
    in_list(&ROLE_NOUNS, noun)
        || (last == "chief" && words.len() >= 2 && words[words.len() - 2] == "bureau")
        || (matches!(last.as_str(), "reports" | "report") && words.iter().any(|w| w == "staff"))
}

/// The name on a line that holds one person's name and nothing else: two to four capitalised
/// words (initials, particles and "Jr." allowed), none a headline verb, function word, title
/// or organisation word ("Darnell Okafor-Whitby"; "DARNELL OKAFOR-WHITBY" comes back title
/// cased). Headlines of capitalised words can still pass ("Brexit Chaos Deepens", and most
/// short headlines in capitals), so callers should want a second signal, such as a job
/// title on the next line.
pub fn name_only(line: &str, lex: &Lexicon) -> Option<String> {
    let line = unwrap_emphasis(line.trim());
    name_words(line, false, lex).then(|| normalize_name(line))
}

/// The publication on a line that names one and nothing else, as printed under a byline:
/// at most six capitalised words (with "of", "and", "the"…), holding a news word ("Houston
/// Chronicle", "DOD News", "The Christian Science Monitor"), an agency ("The Associated
/// Press" → "Associated Press"), an acronym ("CNN"), or the shapes "The X" and "X and Y"
/// ("Stars and Stripes"). Never a person's name, a role, a date, a headline, a sentence
/// ending in a period, columns or page furniture ("Read More", "Advertisement"); meant for
/// the line right after a byline.
pub fn publication_line(line: &str, lex: &Lexicon) -> Option<String> {
    let line = unwrap_emphasis(line.trim());
    let proof = bare_proof(line);
    let words = line.split_whitespace().count();
    if words > 6
        || (proof == Proof::Caps && words > 4)
        || line.len() > 60
        || line.ends_with('.')
        || line.contains("  ")
        || line.contains('\t')
        || strip_credit(line).is_some()
        || is_role(line)
        || date::parse_in(line, lex.date_order()).is_some()
        || person_name(line, lex)
        || line.split_whitespace().any(|w| in_list(&PAGE_WORDS, &fold_word(w)))
    {
        return None;
    }
    publication(line, proof, lex)
}

/// A name printed all in capitals becomes title case; any other name is kept as printed.
pub fn normalize_name(name: &str) -> String {
    let name = name.trim().trim_end_matches(',');
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().any(char::is_lowercase) {
        name
    } else {
        title_case(&name)
    }
}

/// The part of a line after "By", "Written by", "Author:"… (also "BY\tBy NAME").
fn strip_credit(line: &str) -> Option<&str> {
    for credit in CREDITS {
        let Some(rest) = strip_prefix_ci(line, credit) else { continue };
        if !rest.starts_with(|c: char| c.is_whitespace() || c == ':') {
            continue;
        }
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
        if rest.is_empty() {
            return None;
        }
        return Some(strip_credit(rest).unwrap_or(rest));
    }
    for label in CREDIT_LABELS {
        if let Some(rest) = strip_prefix_ci(line, label).and_then(|r| r.strip_prefix(':')) {
            let rest = rest.trim();
            return (!rest.is_empty()).then(|| strip_credit(rest).unwrap_or(rest));
        }
    }
    None
}

/// "Author NAME" with no colon, as some sites print it ("Author Friederike Ahlgrimm-Osei").
fn strip_author_word(line: &str) -> Option<&str> {
    ["Authors ", "Author ", "AUTHORS ", "AUTHOR "].iter().find_map(|p| line.strip_prefix(p)).map(str::trim)
}

/// "*By NAME*", "_By NAME_", "**By NAME**" → "By NAME".
pub(crate) fn unwrap_emphasis(mut line: &str) -> &str {
    'strip: loop {
        for mark in ["**", "__", "*", "_"] {
            if let Some(inner) = line.strip_prefix(mark).and_then(|l| l.strip_suffix(mark)) {
                if !inner.trim().is_empty() {
                    line = inner.trim();
                    continue 'strip;
                }
            }
        }
        return line;
    }
}

/// The names part after "By": names, then a publication or role, a pipe-separated
/// publication and date, or an agency credit alone.
fn credited(rest: &str, lex: &Lexicon) -> Option<Byline> {
    if !rest.starts_with(char::is_uppercase) {
        return None;
    }
    let (byline, first) = if rest.contains('|') {
        (piped(rest, false, lex)?, rest.split('|').next().unwrap_or_default())
    } else {
        let (names, date) = split_date(rest).unwrap_or((rest, None));
        (Byline { date, ..from_names(names, lex) }, names)
    };
    // Without an author, only an agency credit counts ("By AFP"), not "By Monday, Congress".
    let agency_only = || org_credit(first.split(',').next().unwrap_or_default(), lex).is_some();
    if byline.authors.is_empty() && !(byline.publication.is_some() && agency_only()) {
        return None;
    }
    Some(byline)
}

/// "NAMES, PUBLICATION on [DATE]": the web-scrape form.
fn scrape(line: &str, lex: &Lexicon) -> Option<Byline> {
    let (names, date) = split_date(line)?;
    if !names.contains(',') {
        return None;
    }
    let byline = from_names(names, lex);
    if byline.authors.is_empty() || byline.publication.is_none() {
        return None;
    }
    Some(Byline { date, scrape_form: true, ..byline })
}

/// A line without "By": strict names followed by pipe or comma segments that are roles,
/// publications or dates, or a name followed by a job title.
fn bare(line: &str, lex: &Lexicon) -> Option<Byline> {
    if line.ends_with('.') || has_sentence_break(line) {
        return None;
    }
    if line.contains('|') {
        return piped(line, true, lex);
    }
    if line.contains(',') {
        return comma_form(line, true, lex);
    }
    role_suffixed(line, lex)
}

/// Whether a period inside the line ends a sentence ("CRUZ ALTA NIL. REUTER"), rather than
/// an initial or abbreviation ("Edith M. Lederer", "St. Louis", "U.S.").
fn has_sentence_break(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.iter().take(words.len().saturating_sub(1)).any(|w| {
        let Some(stem) = w.strip_suffix('.') else { return false };
        let letters = stem.chars().filter(|c| c.is_alphabetic()).count();
        letters > 2 && !stem.contains('.') && !in_list(&ABBREVIATIONS, &fold_word(stem))
    })
}

/// How much a publication segment must prove.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Proof {
    /// After "By": capitalised words are enough.
    Shape,
    /// A bare line or a pipe part: a news word, an acronym, "The X" or "X and Y" as well.
    Evidence,
    /// A bare line printed in capitals, where any word looks like an acronym: a news word, or
    /// one acronym alone ("CNN").
    Caps,
}

/// The proof a bare line's publication needs.
fn bare_proof(line: &str) -> Proof {
    if line.chars().any(char::is_lowercase) {
        Proof::Evidence
    } else {
        Proof::Caps
    }
}

/// "NAMES | PUBLICATION | Updated: DATE": the first part holds the names, every other part
/// is a role, a date or a publication. `strict` (no "By"): the names must pass the strict test,
/// every part must be known, and one must be a role, date or publication.
fn piped(text: &str, strict: bool, lex: &Lexicon) -> Option<Byline> {
    let proof = if strict { bare_proof(text) } else { Proof::Evidence };
    let mut parts = text.split('|').map(str::trim).filter(|p| !p.is_empty());
    let first = parts.next()?;
    let mut byline = if strict {
        strict_names(first, lex)
            .map(|authors| Byline { authors, ..Byline::default() })
            .or_else(|| comma_form(first, false, lex))
            .or_else(|| role_suffixed(first, lex))?
    } else {
        from_names(first, lex)
    };
    let mut signal = false;
    for part in parts {
        if is_role(part) {
            signal = true;
        } else if let Some(date) = date_part(part) {
            byline.date = byline.date.or(date);
            signal = true;
        } else if let Some(publication) = publication(part, proof, lex) {
            byline.publication.get_or_insert(publication);
            signal = true;
        } else if strict {
            return None;
        }
    }
    (signal || !strict).then_some(byline)
}

/// "NAME, Publication", "NAME and NAME, Role, Publication": leading comma segments of strict
/// names, then only roles, publications (strictly recognised) and a date. With
/// `need_signal`, a role or publication must follow the names.
fn comma_form(line: &str, need_signal: bool, lex: &Lexicon) -> Option<Byline> {
    let proof = bare_proof(line);
    let segments: Vec<&str> = line.split(',').map(str::trim).collect();
    let mut byline = Byline::default();
    let mut signal = false;
    let mut i = 0;
    while let Some(seg) = segments.get(i) {
        if let Some(names) = strict_names(seg, lex) {
            byline.authors.extend(names);
        } else if is_suffix(seg) && !byline.authors.is_empty() {
            append_suffix(&mut byline.authors, seg);
        } else if i == 0 {
            // "Jane Doe Political correspondent, The Guardian"
            byline.authors = role_suffixed(seg, lex)?.authors;
            signal = true;
        } else {
            break;
        }
        i += 1;
    }
    if byline.authors.is_empty() {
        return None;
    }
    while let Some(seg) = segments.get(i) {
        if is_role(seg) {
            signal = true;
        } else if let Some(publication) = publication(seg, proof, lex) {
            byline.publication.get_or_insert(publication);
            signal = true;
        } else {
            // A date may itself hold commas ("Feb. 8, 2019").
            byline.date = date_part(&segments[i..].join(", "))?;
            break;
        }
        i += 1;
    }
    (signal || !need_signal).then_some(byline)
}

/// "Hattie Lowther-Bain Political correspondent", "JANE DOE STAFF WRITER": a strict name of
/// two to four words, then a job title of two to four words ending in a role noun, either
/// Guardian style (a capitalised word, then lowercase words) or title case of role words.
fn role_suffixed(line: &str, lex: &Lexicon) -> Option<Byline> {
    // Every tail ends with the line's last word: no role noun there, no job title (most lines).
    let last = line.split_whitespace().next_back()?;
    if !in_list(&ROLE_NOUNS, &fold_word_cow(last)) {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    for k in 2..=4.min(words.len().saturating_sub(2)) {
        let (head, tail) = words.split_at(k);
        if role_tail(tail) {
            let name = head.join(" ");
            if person_name(&name, lex) {
                return Some(Byline { authors: vec![normalize_name(&name)], ..Byline::default() });
            }
        }
    }
    None
}

fn role_tail(tail: &[&str]) -> bool {
    if !(2..=4).contains(&tail.len()) {
        return false;
    }
    let folded: Vec<String> = tail.iter().map(|w| fold_word(w)).collect();
    let Some((last, before)) = folded.split_last() else { return false };
    if !in_list(&ROLE_NOUNS, last) || last == "staff" || folded.iter().any(|w| in_list(&HEADLINE_WORDS, w)) {
        return false;
    }
    let lowercase = |w: &&str| w.chars().all(|c| c.is_lowercase() || c == '-');
    let guardian = tail[0].starts_with(char::is_uppercase) && tail[1..].iter().all(lowercase);
    let titled = tail.iter().all(|w| w.starts_with(char::is_uppercase))
        && before.iter().all(|w| in_list(&ROLE_MODIFIERS, w));
    guardian || titled
}

/// Splits "… on DATE" or a trailing "… on" off a byline: (names part, date).
fn split_date(line: &str) -> Option<(&str, Option<Date>)> {
    if let Some(names) = line.strip_suffix(" on") {
        return Some((names.trim_end(), None));
    }
    let (names, tail) = line.rsplit_once(" on ")?;
    Some((names.trim_end(), Some(date::parse(tail)?)))
}

/// A date segment: `Some(date)` for "Feb 27, 2019" or "Updated: Feb 27, 2019, 09:14 IST",
/// `Some(None)` for a labelled date that does not parse ("Updated 5 hours ago"), `None` for
/// anything else.
fn date_part(seg: &str) -> Option<Option<Date>> {
    let seg = seg.trim();
    for label in DATE_LABELS {
        if let Some(rest) = strip_prefix_ci(seg, label) {
            if rest.is_empty() || rest.starts_with([':', ' ']) {
                return Some(date::parse(rest.trim_start_matches([':', ' '])));
            }
        }
    }
    date::parse(seg).map(Some)
}

/// The names part of a "By" byline: comma segments holding "A and B" name lists, then a
/// publication or role. "A, B and C, Publication"; "A, Staff Writer"; "A; B"; an agency
/// credit alone ("THE ASSOCIATED PRESS").
fn from_names(text: &str, lex: &Lexicon) -> Byline {
    let mut byline = Byline::default();
    let text = cut_other_credits(text);
    let segments: Vec<&str> = text.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
    let mut names_closed = false;
    // A name list closes the names, except for another list of names ("A in X and B, C and
    // D in Y"); a role or publication closes them for good.
    let mut closed_by_list = false;
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        if is_suffix(seg) {
            append_suffix(&mut byline.authors, seg);
            continue;
        }
        if i == 0 {
            if let Some(org) = org_credit(seg, lex) {
                byline.publication = Some(org);
                names_closed = true;
                continue;
            }
        }
        if is_role(seg) {
            names_closed = true;
            closed_by_list = false;
            continue;
        }
        let list = has_list(seg);
        let more_names =
            closed_by_list && list && split_list(seg).all(|n| looks_like_name(strip_place(n), lex));
        if i == 0 || more_names || (!names_closed && (list || (!last && looks_like_name(seg, lex)))) {
            let before = byline.authors.len();
            for name in split_list(seg) {
                let (name, agency) = split_agency(strip_place(name));
                if looks_like_name(name, lex)
                    && name.split_whitespace().count() >= 2
                    && !lex.is_org_name(&fold(name))
                {
                    byline.authors.push(normalize_name(name));
                    if let Some(agency) = agency {
                        byline.publication.get_or_insert_with(|| agency.to_string());
                    }
                }
            }
            if list || byline.authors.len() == before {
                names_closed = true;
                closed_by_list = list && byline.authors.len() > before;
            }
        } else if byline.publication.is_none() {
            if let Some(publication) = publication(seg, Proof::Shape, lex) {
                byline.publication = Some(publication);
                names_closed = true;
                closed_by_list = false;
            }
        }
    }
    byline
}

/// "A and B; Editing by C" → "A and B": a further credit after a semicolon names no author.
fn cut_other_credits(text: &str) -> &str {
    for (i, _) in text.match_indices(';') {
        let next = text[i + 1..].split_whitespace().take(4).collect::<Vec<_>>();
        if next.iter().skip(1).any(|w| w.eq_ignore_ascii_case("by")) {
            return text[..i].trim_end();
        }
    }
    text
}

fn append_suffix(authors: &mut [String], suffix: &str) {
    if let Some(name) = authors.last_mut() {
        name.push(' ');
        name.push_str(suffix);
    }
}

fn has_list(seg: &str) -> bool {
    seg.contains(" and ")
        || seg.contains(" And ")
        || seg.contains(" AND ")
        || seg.contains(" & ")
        || seg.contains(';')
}

fn split_list(seg: &str) -> impl Iterator<Item = &str> {
    seg.split(';')
        .flat_map(|s| s.split(" and "))
        .flat_map(|s| s.split(" And "))
        .flat_map(|s| s.split(" AND "))
        .flat_map(|s| s.split(" & "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn strip_suffix_ci<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    let tail = text.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &text[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::builtin()
    }
    use proptest::prelude::*;

    fn authors(line: &str) -> Vec<String> {
        parse(line, &lex()).map(|b| b.authors).unwrap_or_default()
    }

    fn publication_of(line: &str) -> Option<String> {
        parse(line, &lex()).and_then(|b| b.publication)
    }

    #[test]
    fn wire_bylines() {
        let b = parse("By MARCUS HALE and IRINA VOLKOVA, Associated Press", &lex()).unwrap();
        assert_eq!(b.authors, ["Marcus Hale", "Irina Volkova"]);
        assert_eq!(b.publication.as_deref(), Some("Associated Press"));
        assert_eq!(authors("By Hiroshi Tanabe, Reuters"), ["Hiroshi Tanabe"]);
        assert_eq!(authors("BY TED D'AFFLISIO, Reuters"), ["Ted D'Afflisio"]);
        assert_eq!(
            authors("By ANA LUCÍA BERMÚDEZ and GRANT HOLLOWAY, Associated Press"),
            ["Ana Lucía Bermúdez", "Grant Holloway"]
        );
        assert_eq!(authors("By Rebecca Thornton"), ["Rebecca Thornton"]);
        assert_eq!(
            authors("By Ann Lee, Bo Park and Cy Diaz, The Daily Planet"),
            ["Ann Lee", "Bo Park", "Cy Diaz"]
        );
        assert_eq!(authors("By Ann Lee, Staff Writer"), ["Ann Lee"]);
        assert_eq!(authors("By John Smith Jr., Associated Press"), ["John Smith Jr."]);
        assert_eq!(authors("BY\tBy Katharina Obermeier-Lund and Tom Fairweather").len(), 2);
        assert_eq!(authors("By: Mustafa Salim al-Obaidi"), ["Mustafa Salim al-Obaidi"]);
        let b = parse("By Brad Schade Reuters", &lex()).unwrap();
        assert_eq!((b.authors, b.publication.as_deref()), (vec!["Brad Schade".to_string()], Some("Reuters")));
        assert_eq!(publication_of("BY WALKER SIMON, REUTERS").as_deref(), Some("Reuters"));
        assert_eq!(authors("By Per Isaksson, Reuters"), ["Per Isaksson"]);
        assert_eq!(authors("by Jane Doe"), ["Jane Doe"]);
    }

    #[test]
    fn agency_credits_have_no_authors() {
        for (line, agency) in [
            ("By THE ASSOCIATED PRESS", "Associated Press"),
            ("By The Associated Press", "Associated Press"),
            ("By Associated Press", "Associated Press"),
            ("By AFP", "Agence France-Presse"),
            ("By Reuters Staff", "Reuters"),
            ("By Bloomberg News", "Bloomberg News"),
        ] {
            let b = parse(line, &lex()).unwrap_or_else(|| panic!("{line}"));
            assert!(b.authors.is_empty(), "{line}: {b:?}");
            assert_eq!(b.publication.as_deref(), Some(agency), "{line}");
        }
    }

    #[test]
    fn pipe_bylines() {
        let b = parse("By Marisol Etxeberria-Quint | The Denver Post", &lex()).unwrap();
        assert_eq!(b.authors, ["Marisol Etxeberria-Quint"]);
        assert_eq!(b.publication.as_deref(), Some("The Denver Post"));
        let b = parse("Sachin Parashar-Menon | TNN | Updated: Feb 27, 2019, 09:14 IST", &lex()).unwrap();
        assert_eq!(b.authors, ["Sachin Parashar-Menon"]);
        assert_eq!(b.publication.as_deref(), Some("TNN"));
        assert_eq!(b.date, Date::new(2019, 2, 27));
        let b = parse("Jane Doe | Reporter", &lex()).unwrap();
        assert_eq!((b.authors.as_slice(), b.publication), (&["Jane Doe".to_string()][..], None));
        assert_eq!(
            parse_value("Jane Doe | The Denver Post", &lex()).publication.as_deref(),
            Some("The Denver Post")
        );
    }

    #[test]
    fn name_comma_publication_without_by() {
        for line in
            ["By Kendra Oyelaran-Voss, Des Moines Register", "Kendra Oyelaran-Voss, Des Moines Register"]
        {
            let b = parse(line, &lex()).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(b.authors, ["Kendra Oyelaran-Voss"], "{line}");
            assert_eq!(b.publication.as_deref(), Some("Des Moines Register"), "{line}");
        }
        assert_eq!(publication_of("Jane Doe, The Atlantic").as_deref(), Some("The Atlantic"));
        assert_eq!(publication_of("Jane Doe and John Roe, CNN").as_deref(), Some("CNN"));
        assert_eq!(authors("Jane Doe and John Roe, CNN"), ["Jane Doe", "John Roe"]);
        // A role after the comma is not a publication.
        for line in [
            "By Jane Doe, Special Correspondent",
            "By Jane Doe, Associated Press Writer",
            "Jane Doe, Staff Writer",
            "Jane Doe, Political correspondent",
        ] {
            let b = parse(line, &lex()).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(
                (b.authors.as_slice(), b.publication),
                (&["Jane Doe".to_string()][..], None),
                "{line}"
            );
        }
        let b = parse("Jane Doe, Staff Writer, Houston Chronicle", &lex()).unwrap();
        assert_eq!(b.publication.as_deref(), Some("Houston Chronicle"));
    }

    #[test]
    fn credit_phrases_and_emphasis() {
        for line in [
            "Written by Cassius Delamere-Obi",
            "Words by Cassius Delamere-Obi",
            "Story by Cassius Delamere-Obi",
            "Reporting by Cassius Delamere-Obi",
            "WRITTEN BY CASSIUS DELAMERE-OBI",
            "Author: Cassius Delamere-Obi",
            "*By Cassius Delamere-Obi*",
            "_By Cassius Delamere-Obi_",
            "**By Cassius Delamere-Obi**",
        ] {
            assert_eq!(authors(line), ["Cassius Delamere-Obi"], "{line}");
        }
        assert_eq!(authors("*By Lin Qiaoyun-Archer*"), ["Lin Qiaoyun-Archer"]);
        assert_eq!(authors("_By Jane Doe_"), ["Jane Doe"]);
        assert_eq!(authors("**By Jane Doe**"), ["Jane Doe"]);
    }

    #[test]
    fn places_after_names_are_dropped() {
        let want = ["Hattie Lowther-Bain", "Mehmet Aydınlı"];
        assert_eq!(authors("By Hattie Lowther-Bain in London and Mehmet Aydınlı in Brussels"), want);
        assert_eq!(
            parse_value("Hattie Lowther-Bain in London and Mehmet Aydınlı in Brussels", &lex()).authors,
            want
        );
        assert_eq!(authors("By JANE DOE in WASHINGTON, Associated Press"), ["Jane Doe"]);
        assert_eq!(
            authors("Reporting by Ann Lee in Brussels and Bo Park, Cy Diaz and Di Wu in London; Editing by Ed Fox"),
            ["Ann Lee", "Bo Park", "Cy Diaz", "Di Wu"]
        );
    }

    #[test]
    fn name_then_job_title() {
        assert_eq!(authors("Hattie Lowther-Bain Political correspondent"), ["Hattie Lowther-Bain"]);
        assert_eq!(authors("Jane Doe Political correspondent"), ["Jane Doe"]);
        assert_eq!(authors("Jane Doe Chief political correspondent"), ["Jane Doe"]);
        assert_eq!(authors("JANE DOE STAFF WRITER"), ["Jane Doe"]);
        assert_eq!(authors("Author Friederike Ahlgrimm-Osei"), ["Friederike Ahlgrimm-Osei"]);
        assert_eq!(authors("Authors Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
    }

    #[test]
    fn scrape_bylines() {
        let b = parse("Martin Kessler And Joanna Pruitt, Chicago Tribune on August 9, 2017", &lex()).unwrap();
        assert_eq!(b.authors, ["Martin Kessler", "Joanna Pruitt"]);
        assert_eq!(b.publication.as_deref(), Some("Chicago Tribune"));
        assert_eq!(b.date, Date::new(2017, 8, 9));
        assert!(b.scrape_form);
        let b = parse("Sabra Ayres And Tracy Wilkinson, Los Angeles Times on", &lex()).unwrap();
        assert_eq!(b.authors, ["Sabra Ayres", "Tracy Wilkinson"]);
        assert_eq!(b.date, None);
        assert_eq!(
            parse("Nina Castellanos, Los Angeles Times on 9/27/17", &lex()).unwrap().date,
            Date::new(2017, 9, 27)
        );
    }

    #[test]
    fn not_bylines() {
        for line in [
            "",
            "By",
            "By the time the vote came, lawmakers had left",
            "By Monday, Congress",
            "By March, prices had doubled",
            "By Air and Sea, Russia Expands Its Reach",
            "By The Numbers",
            "Published in News & Features",
            "Trump sides with Putin on election meddling at Helsinki summit",
            "The talks went on",
            "Staff Writer",
            "Trump Tells Congress to Act",
            "Pompeo Meets Kim in Pyongyang",
            "Biden, Putin Agree to Talks",
            "North Korea, South Korea Hold Talks",
            "Kim Jong Un, Moon Jae-in Meet at Border",
            "Fox News Fires Reporter",
            "Trump Attacks Times Reporter",
            "Author Toni Morrison Dies at 88",
            "Written by the victors",
            "Merkel, Macron Back Climate Deal",
            "Boris Johnson, Brexit and the Irish Border",
            "President Xi Jinping, Premier Li Keqiang",
            "NEW YORK, March 26 - Spot crude oil prices firmed today on",
            "Donald Trump | Opinion",
            "Brexit | Politics | The Guardian",
            "Jane Doe, John Roe",
            "Jane Doe, 45",
            "HEAVY SNOWS HIT GREECE, ITALY",
            "IOWA GRAIN ELEVATOR EXPLODES, BURNS",
            "CRUZ ALTA NIL, SAO LUIZ GONZAGA NIL. REUTER",
            "West Virgina, Louisiana and Texas.",
            "by Merrill Lynch and Co, is considering acquiring another",
            "by House and Senate budget writers calling for about 36 billion",
            "by Banque Indosuez, Credit Lyonnais and UGP, with Indosuez as",
            "Ramon Diaz, Secretary of the Presidential Commission on",
            "Last year, Mobil spent a total of 2.13 billion dlrs on",
            "By Any Means Necessary",
        ] {
            let got = parse(line, &lex());
            assert!(
                got.as_ref().is_none_or(|b| b.authors.is_empty() && b.publication.is_none()),
                "{line}: {got:?}"
            );
        }
    }

    #[test]
    fn values_and_roles() {
        assert_eq!(parse_value("Mark Reyes; Hannah Cole", &lex()).authors, ["Mark Reyes", "Hannah Cole"]);
        assert_eq!(
            parse_value("By Patricia Lang and Howard Nguyen", &lex()).authors,
            ["Patricia Lang", "Howard Nguyen"]
        );
        assert_eq!(
            parse_value("Louisa Tremayne-Ossei;Mustafa Salim al-Obaidi", &lex()).authors,
            ["Louisa Tremayne-Ossei", "Mustafa Salim al-Obaidi"]
        );
        for role in [
            "Staff Writer",
            "Associated Press Writer",
            "Political correspondent",
            "Special to The Times",
            "Staff Writer, The Denver Post",
            "Washington Bureau Chief",
            "Staff and wire reports",
            "SPÉCIAL TO THE HERALD-EXAMINER, 42",
            "Senior Deputy Metro Editor Writer",
            "Correspondent",
        ] {
            assert!(is_role(role), "{role}");
        }
        for line in [
            "Six Words Here Before The Writer",
            "Writer 2",
            "Staff Writer!",
            "Spec to The Times",
            "Rebecca Thornton",
            "Creditors Reject Debt Plan",
            "Reporter Jailed in Iran",
            "Fox News Fires Reporter",
            "reporters.",
            "chief of staff, administration officials said.",
        ] {
            assert!(!is_role(line), "{line}");
        }
    }

    #[test]
    fn dotted_leads() {
        let text = "By . Maria Olsen and . Tom Reyes . PUBLISHED: . 07:15 EST, 4 June 2014 . | . UPDATED: . 09:40 EST, 4 June 2014 . A ferry ran aground on Tuesday.";
        let lead = dotted_lead(text, &lex()).unwrap();
        assert_eq!(lead.byline.authors, ["Maria Olsen", "Tom Reyes"]);
        assert_eq!(lead.date, Date::new(2014, 6, 4));
        assert_eq!(lead.rest, "A ferry ran aground on Tuesday.");
        let lead =
            dotted_lead("By . Ann Lee . Last updated at 3:02 PM on 5th May 2011 . The council met.", &lex())
                .unwrap();
        assert_eq!((lead.byline.authors, lead.date), (vec!["Ann Lee".to_string()], Date::new(2011, 5, 5)));
        assert_eq!(lead.rest, "The council met.");
        assert_eq!(dotted_lead("By . Ann Lee . The council met.", &lex()), None);
        assert_eq!(dotted_lead("By the river the council met. PUBLISHED: soon", &lex()), None);
    }

    #[test]
    fn bare_names() {
        assert_eq!(name_only("Darnell Okafor-Whitby", &lex()).as_deref(), Some("Darnell Okafor-Whitby"));
        assert_eq!(name_only("DARNELL OKAFOR-WHITBY", &lex()).as_deref(), Some("Darnell Okafor-Whitby"));
        assert_eq!(name_only("Edith M. Lederer-Falk", &lex()).as_deref(), Some("Edith M. Lederer-Falk"));
        assert_eq!(name_only("Mustafa Salim al-Obaidi", &lex()).as_deref(), Some("Mustafa Salim al-Obaidi"));
        for line in [
            "Houston Chronicle",
            "Staff Writer",
            "The Associated Press",
            "Stars and Stripes",
            "Trump Tells Congress to Act",
            "Pompeo Meets Kim",
            "Read More",
            "Advertisement",
            "Feb. 8, 2019",
            "President Xi Jinping",
            "Dow Jones",
            "U.S. Stocks Rally",
            "Rebecca",
            "ELEVATOR    LOADING  WAITING",
            "Related Articles",
            "Shr NA",
        ] {
            assert_eq!(name_only(line, &lex()), None, "{line}");
        }
    }

    #[test]
    fn publication_lines() {
        for (line, want) in [
            ("The Associated Press", "Associated Press"),
            ("Houston Chronicle", "Houston Chronicle"),
            ("Stars and Stripes", "Stars and Stripes"),
            ("DOD News", "DOD News"),
            ("The Christian Science Monitor", "The Christian Science Monitor"),
            ("CNN", "CNN"),
        ] {
            assert_eq!(publication_line(line, &lex()).as_deref(), Some(want), "{line}");
        }
        for line in [
            "Darnell Okafor-Whitby",
            "Staff Writer",
            "Special to The Times",
            "Feb. 8, 2019",
            "Read More",
            "Advertisement",
            "Share on Facebook",
            "Trump Tells Congress to Act",
            "Pompeo Meets Kim in Pyongyang",
            "Biden, Putin Agree to Talks",
            "Politics and Policy",
            "The Latest",
            "US",
            "Filed at 2:41 a.m. ET",
            "Published: November 14, 2019",
            "By THE ASSOCIATED PRESS",
            "YEAR",
            "WC",
            "Record April Three",
            "NEW ZEALAND CANCELS WEEKLY T-BILL TENDER",
            "Utah and Washington",
            "Sweden and Finland.",
            "SN\tThe Wall Street Journal Online",
        ] {
            assert_eq!(publication_line(line, &lex()), None, "{line}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            let _ = parse(&s, &lex());
            let _ = parse_value(&s, &lex());
            let _ = is_role(&s);
            let _ = name_only(&s, &lex());
            let _ = publication_line(&s, &lex());
        }

        #[test]
        fn never_panics_on_byline_like_text(
            s in "((By |by |\\*|_|\\| |, | and | in |Author |Written by |[A-Z][a-z]{1,8} |[A-Z]{2,6} |é|ı|’|Updated: |[0-9:]{1,5} )){0,14}"
        ) {
            let _ = parse(&s, &lex());
            let _ = parse_value(&s, &lex());
            let _ = name_only(&s, &lex());
            let _ = publication_line(&s, &lex());
        }
    }
}
