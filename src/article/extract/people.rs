//! People: finds the persons a body mentions and gives each one canonical name.
//!
//! Rules, not a model: the body is split into word tokens; runs of capitalised tokens (with
//! initials, particles such as "al-"/"bin"/"von der" and suffixes such as "Jr."/"III") are
//! name candidates. Leading titles ("Secretary of State", "Sen.", "Mr.") and nationalities are
//! dropped and remembered as evidence; runs that are places, organisations, publications,
//! buildings or events (word lists in `index-schema/`) are rejected. Multiword names are then
//! grouped by in-document co-reference (same surname and compatible given names), and bare
//! surnames attach to the one full name they can mean; an ambiguous bare surname is not guessed,
//! and a surname never given in full counts only with strong evidence (an honorific or title
//! before it, or a speech verb next to it). Each person gets the fullest form the article
//! prints, then the curated alias file maps nicknames to one canonical name.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::text::{fold, fold_word, fold_word_cow, word_list, FastSet};

const GIVEN_NAMES: &str = include_str!("../../../index-schema/given-names.txt");
const TITLES: &str = include_str!("../../../index-schema/titles.txt");
const NATIONALITIES: &str = include_str!("../../../index-schema/nationalities.txt");
const ORG_WORDS: &str = include_str!("../../../index-schema/org-words.txt");
const ORG_NAMES: &str = include_str!("../../../index-schema/org-names.txt");
const PLACES: &str = include_str!("../../../index-schema/places.txt");
const NON_NAMES: &str = include_str!("../../../index-schema/non-names.txt");
const BUILTIN_ALIASES: &str = include_str!("../../../index-schema/person-aliases.toml");

/// Lowercase particles that may sit inside a name ("Ursula von der Leyen").
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "bint", "ibn", "von", "van", "der", "den", "de", "del", "della", "di", "da", "dos",
    "das", "du", "la", "le", "ter", "zu",
];
/// Prefixes written attached with a hyphen ("al-Assad").
const HYPHEN_PARTICLES: &[&str] =
    &["al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-", "bin-", "abu-"];
/// Generational suffixes, part of the name.
const SUFFIXES: &[&str] = &["jr.", "jr", "sr.", "sr", "ii", "iii", "iv"];
/// Words right after a capitalised run that make it a place/organisation/event, not a person.
const ORG_AFTER: &[&str] =
    &["administration", "era", "doctrine", "government", "regime", "presidency", "family's"];
/// Words right before a run that make it a place or an organisation unless it is clearly a name.
const PLACE_BEFORE: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "outside",
    "inside",
    "across",
    "around",
    "toward",
    "towards",
    "into",
    "via",
    "firm",
    "consultancy",
    "company",
    "bank",
    "lender",
    "brokerage",
    "agency",
    "newspaper",
    "broker",
    "maker",
    "retailer",
    "insurer",
    "publisher",
    "group",
    "fund",
    "district",
    "neighborhood",
    "neighbourhood",
    "town",
    "city",
    "village",
    "province",
    "state",
    "hurricane",
    "storm",
    "typhoon",
    "film",
    "movie",
    "album",
    "song",
    "book",
    "ship",
    "dog",
    "cat",
    "horse",
];
/// First words that make a run a place or event ("Fort Worth", "Hurricane Maria").
const PREFIX_WORDS: &[&str] = &[
    "fort",
    "mount",
    "mt.",
    "lake",
    "port",
    "san",
    "santa",
    "saint",
    "st.",
    "los",
    "las",
    "new",
    "north",
    "south",
    "east",
    "west",
    "upper",
    "lower",
    "greater",
    "hurricane",
    "typhoon",
    "tropical",
    "operation",
    "camp",
    "cape",
    "isle",
    "united",
    "world",
    "royal",
    "pacific",
    "atlantic",
    "sierra",
    "grand",
];
/// Speech and attribution verbs: "…, Hale said", "said Hale".
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "asked",
    "wrote",
    "argued",
    "noted",
    "explained",
    "testified",
    "insisted",
    "warned",
    "stated",
    "tweeted",
    "recalled",
    "acknowledged",
    "replied",
    "declared",
    "announced",
    "urged",
    "complained",
    "conceded",
    "predicted",
    "estimated",
    "believes",
    "thinks",
    "who",
    "whose",
];

/// Words dropped from the end of a run ("Hunt Monday", "Jane Doe Staff Writer").
const TRAILING: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "staff",
    "writer",
    "correspondent",
    "special",
    "reporter",
    "editor",
    "columnist",
];

/// Curated nickname → canonical name map (index-schema/person-aliases.toml).
#[derive(Debug, Clone, Default)]
pub struct PersonAliases {
    /// Folded variant (and folded canonical) → canonical name as written in the file.
    pub map: HashMap<String, String>,
}

impl PersonAliases {
    /// Parses index-schema/person-aliases.toml: `"Canonical Name" = ["Variant", …]`.
    pub fn from_toml(text: &str) -> Result<PersonAliases, toml::de::Error> {
        let table: HashMap<String, Vec<String>> = toml::from_str(text)?;
        let mut map = HashMap::new();
        // Only variants map: the canonical name's own spelling (accents as printed) is kept.
        for (canonical, variants) in table {
            for variant in &variants {
                map.insert(fold(variant), canonical.clone());
            }
        }
        Ok(PersonAliases { map })
    }

    /// The canonical name for `name` if the alias file lists it.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.map.get(&fold(name)).map(String::as_str)
    }

    /// The facet key of `name` under these aliases (see `person_key`).
    pub fn key(&self, name: &str) -> String {
        let name = self.canonical(name).unwrap_or(name);
        let tokens: Vec<&str> = name.split_whitespace().collect();
        let keep: Vec<&str> = tokens
            .iter()
            .copied()
            .filter(|t| !is_initial(t) && !matches!(fold_word(t).as_str(), "ii" | "iii" | "iv"))
            .collect();
        let keep = if keep.is_empty() { tokens } else { keep };
        fold(&keep.join(" "))
    }
}

/// The archive-wide facet key for a canonical name: the alias file applied, case and accents
/// folded, middle initials and generational numerals (II, III, IV) dropped, so that
/// "Robert S. Mueller III", "Robert Mueller" and "Róbert Mueller" count together. "Jr." and
/// "Sr." are kept: they tell a father from a son ("Donald Trump" vs "Donald Trump Jr.").
pub fn person_key(name: &str) -> String {
    static ALIASES: OnceLock<PersonAliases> = OnceLock::new();
    ALIASES.get_or_init(|| PersonAliases::from_toml(BUILTIN_ALIASES).unwrap_or_default()).key(name)
}

/// True for "R.", "H.W.", "J" style initials.
fn is_initial(token: &str) -> bool {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    let dots = token.chars().filter(|&c| c == '.').count();
    letters > 0
        && token.chars().all(|c| c.is_uppercase() || c == '.')
        && (letters == 1 || (dots >= letters && letters <= 3))
}

/// The word lists, folded once.
#[derive(Debug, Clone, Default)]
struct Lexicon {
    given: FastSet<String>,
    titles: FastSet<String>,
    nationalities: FastSet<String>,
    org_words: FastSet<String>,
    org_names: FastSet<String>,
    places: FastSet<String>,
    non_names: FastSet<String>,
}

impl Lexicon {
    fn builtin() -> Lexicon {
        Lexicon {
            given: word_list(GIVEN_NAMES, false),
            titles: word_list(TITLES, false),
            nationalities: word_list(NATIONALITIES, false),
            org_words: word_list(ORG_WORDS, false),
            org_names: word_list(ORG_NAMES, true),
            places: word_list(PLACES, true),
            non_names: word_list(NON_NAMES, false),
        }
    }
}

/// The person extractor with its lexicons.
#[derive(Debug, Clone, Default)]
pub struct PeopleExtractor {
    pub aliases: PersonAliases,
    lexicon: Lexicon,
}

impl PeopleExtractor {
    pub fn new(aliases: PersonAliases) -> PeopleExtractor {
        PeopleExtractor { aliases, lexicon: Lexicon::builtin() }
    }
}

/// One word of the body.
#[derive(Debug, Clone)]
struct Token<'a> {
    /// The word as printed, without a possessive "'s".
    text: &'a str,
    /// Lowercase, accent-free form (borrowed when the word is already folded).
    folded: std::borrow::Cow<'a, str>,
    /// First letter uppercase.
    cap: bool,
    possessive: bool,
    /// First word of a sentence or paragraph.
    sentence_start: bool,
    /// Punctuation (other than an abbreviation's dot) follows: a comma, quote, dash…
    punct_after: Option<char>,
    /// Punctuation right before the word (opening quote, comma…).
    punct_before: Option<char>,
    /// A blank line or an indented line starts right after this word.
    paragraph_end: bool,
    /// The sentence ends after this word.
    sentence_end: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '-' | '.' | '\u{2010}' | '\u{2011}')
}

/// Splits the body into word tokens with case, sentence and punctuation flags.
fn tokenize(body: &str) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token<'_>> = Vec::new();
    let bytes = body.as_bytes();
    let mut i = 0;
    let mut sentence_start = true;
    let mut punct_before: Option<char> = None;
    while i < body.len() {
        let c = body[i..].chars().next().unwrap_or(' ');
        if !c.is_alphanumeric() {
            if c == '\n' {
                // A blank line or an indented line starts a paragraph.
                let rest = &bytes[i + 1..];
                if rest.first().is_some_and(|&b| b == b'\n' || b == b' ' || b == b'\t') {
                    sentence_start = true;
                    if let Some(last) = tokens.last_mut() {
                        last.paragraph_end = true;
                        last.sentence_end = true;
                    }
                }
            } else if !c.is_whitespace() {
                if matches!(c, '.' | '!' | '?' | ':' | ';') {
                    sentence_start = true;
                    if let Some(last) = tokens.last_mut() {
                        last.sentence_end = true;
                    }
                }
                if let Some(last) = tokens.last_mut() {
                    last.punct_after.get_or_insert(c);
                }
                punct_before = Some(c);
            }
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i;
        for (j, ch) in body[i..].char_indices() {
            if is_word_char(ch) {
                end = i + j + ch.len_utf8();
            } else {
                break;
            }
        }
        let raw = &body[start..end];
        i = end;
        // Trailing punctuation that is not part of the word.
        let mut word = raw.trim_end_matches(['-', '\'', '\u{2019}', '\u{2010}', '\u{2011}']);
        let mut ends_sentence = false;
        if let Some(stripped) = word.strip_suffix('.') {
            if !keeps_dot(word) {
                word = stripped;
                ends_sentence = true;
            }
        }
        let mut possessive = false;
        for ending in ["'s", "\u{2019}s", "s'", "s\u{2019}"] {
            if let Some(stem) = word.strip_suffix(ending) {
                if stem.chars().count() > 1 {
                    word =
                        if ending.starts_with('s') { &word[..word.len() - ending.len() + 1] } else { stem };
                    possessive = true;
                }
                break;
            }
        }
        if word.is_empty() {
            continue;
        }
        let cap = word.chars().next().is_some_and(char::is_uppercase);
        tokens.push(Token {
            text: word,
            folded: fold_word_cow(word),
            cap,
            possessive,
            sentence_start,
            punct_after: None,
            punct_before,
            paragraph_end: false,
            sentence_end: false,
        });
        punct_before = None;
        sentence_start = false;
        if ends_sentence {
            sentence_start = true;
            if let Some(last) = tokens.last_mut() {
                last.sentence_end = true;
                last.punct_after = Some('.');
            }
        }
    }
    tokens
}

/// Whether a word ending in "." keeps the dot (initials and abbreviations such as "Jr.").
fn keeps_dot(word: &str) -> bool {
    let core = &word[..word.len() - 1];
    if core.contains('.') || core.chars().count() == 1 {
        return core.chars().next().is_some_and(char::is_uppercase);
    }
    matches!(
        core,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Jr"
            | "Sr"
            | "St"
            | "Gen"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Lt"
            | "Col"
            | "Maj"
            | "Capt"
            | "Sgt"
            | "Adm"
            | "Cmdr"
            | "Rev"
            | "Prof"
            | "Brig"
            | "Mt"
            | "Co"
            | "Corp"
            | "Inc"
            | "Ltd"
            | "Calif"
            | "Mme"
    )
}

/// How a token can take part in a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Word,
    Initial,
    Particle,
    Suffix,
    No,
}

/// A name candidate after titles are stripped.
#[derive(Debug, Clone)]
struct Mention {
    /// Name tokens as printed.
    words: Vec<String>,
    /// Folded tokens.
    folded: Vec<String>,
    sentence_start: bool,
    /// A title or honorific stood before it.
    titled: bool,
    /// A speech verb or an appositive next to it.
    speech: bool,
    /// The run could not be a person here (place/organisation context).
    org_context: bool,
    /// `core()`, computed once.
    core: std::cell::OnceCell<Vec<String>>,
}

impl Mention {
    fn has_suffix(&self, of: &[&str]) -> bool {
        self.folded.last().is_some_and(|t| of.contains(&t.as_str()))
    }
    fn is_junior(&self) -> bool {
        self.has_suffix(&["jr.", "jr", "sr.", "sr"])
    }
    /// The name without initials, particles and suffixes, folded (for matching).
    fn core(&self) -> &[String] {
        self.core.get_or_init(|| {
            self.folded
                .iter()
                .zip(&self.words)
                .filter(|(f, w)| {
                    !is_initial(w) && !SUFFIXES.contains(&f.as_str()) && !PARTICLES.contains(&f.as_str())
                })
                .map(|(f, _)| strip_particle(f).to_string())
                .collect()
        })
    }
    fn surname(&self) -> &str {
        self.core().last().map_or("", String::as_str)
    }
}

/// "al-assad" → "assad".
fn strip_particle(folded: &str) -> &str {
    for p in HYPHEN_PARTICLES {
        if let Some(rest) = folded.strip_prefix(p) {
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    folded
}

/// One person of the article: its mentions merged.
#[derive(Debug, Clone)]
struct Person {
    best: Mention,
    first_seen: usize,
    evidence: bool,
    org: bool,
}

impl PeopleExtractor {
    /// Canonical names of the people mentioned in `body`, in order of first mention.
    pub fn extract(&self, body: &str) -> Vec<String> {
        let cleaned;
        let body = if body.lines().any(is_credit_line) {
            cleaned =
                body.lines().map(|l| if is_credit_line(l) { "" } else { l }).collect::<Vec<_>>().join("\n");
            cleaned.as_str()
        } else {
            body
        };
        let tokens = tokenize(body);
        let mentions = self.mentions(&tokens);
        let mut people: Vec<Person> = Vec::new();
        let mut singles: Vec<(usize, Mention)> = Vec::new();
        let mut org_spans: HashSet<Vec<String>> = HashSet::new();
        for (order, mention) in mentions.into_iter().enumerate() {
            if mention.org_context {
                org_spans.insert(mention.folded.clone());
                continue;
            }
            if mention.core().len() < 2 {
                singles.push((order, mention));
                continue;
            }
            let evidence = self.strong(&mention);
            match people.iter_mut().position(|p| same_person(&p.best, &mention)) {
                Some(index) => {
                    let person = &mut people[index];
                    person.evidence |= evidence;
                    if mention.words.len() > person.best.words.len() {
                        let seen = person.best.sentence_start && mention.sentence_start;
                        person.best = Mention { sentence_start: seen, ..mention };
                    } else if !mention.sentence_start {
                        person.best.sentence_start = false;
                    }
                }
                None => people.push(Person { best: mention, first_seen: order, evidence, org: false }),
            }
        }
        for person in &mut people {
            if org_spans.contains(&person.best.folded) {
                person.org = true;
            }
        }
        // Bare surnames (or given names) attach to the one person they can mean.
        let mut new_singles: Vec<Person> = Vec::new();
        for (order, mention) in singles {
            let word = mention
                .core()
                .last()
                .cloned()
                .unwrap_or_else(|| strip_particle(&mention.folded[0]).to_string());
            let by_surname: Vec<usize> =
                (0..people.len()).filter(|&i| !people[i].org && people[i].best.surname() == word).collect();
            let candidates = if by_surname.is_empty() {
                (0..people.len())
                    .filter(|&i| !people[i].org && people[i].best.core().contains(&word))
                    .collect()
            } else {
                by_surname
            };
            match candidates.len() {
                1 => {
                    let person = &mut people[candidates[0]];
                    person.evidence |= mention.titled || mention.speech;
                }
                0 => {
                    if let Some(existing) = new_singles.iter_mut().find(|p| p.best.folded == mention.folded) {
                        existing.evidence |= self.single_evidence(&mention);
                        existing.best.sentence_start &= mention.sentence_start && !mention.titled;
                    } else if !org_spans.contains(&mention.folded) {
                        let mut mention = mention;
                        mention.sentence_start &= !mention.titled;
                        let evidence = self.single_evidence(&mention);
                        new_singles.push(Person { best: mention, first_seen: order, evidence, org: false });
                    }
                }
                _ => {} // ambiguous: not guessed
            }
        }
        let mut found: Vec<&Person> = people
            .iter()
            .filter(|p| !p.org && (p.evidence || !p.best.sentence_start))
            .chain(new_singles.iter().filter(|p| {
                p.evidence
                    && (!p.best.sentence_start || p.best.titled)
                    && !self.never_single(&p.best.folded[0])
            }))
            .collect();
        found.sort_by_key(|p| p.first_seen);
        let mut names: Vec<String> = Vec::new();
        for person in found {
            let name = person.best.words.join(" ");
            let name = self.aliases.canonical(&name).map(str::to_string).unwrap_or(name);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// Evidence that a multiword candidate is a person.
    fn strong(&self, m: &Mention) -> bool {
        let lex = &self.lexicon;
        m.titled
            || m.speech
            || lex.given.contains(&m.folded[0])
            || m.words.iter().any(|w| is_initial(w))
            || m.has_suffix(SUFFIXES)
            || m.folded.iter().any(|f| PARTICLES.contains(&f.as_str()) || strip_particle(f) != f)
    }

    /// Evidence that a lone word is a person: a title/honorific before it or a speech verb.
    fn single_evidence(&self, m: &Mention) -> bool {
        m.titled || m.speech
    }

    /// Words that are never a one-word person (places, months, nationalities…).
    fn never_single(&self, folded: &str) -> bool {
        let lex = &self.lexicon;
        lex.places.contains(folded)
            || lex.non_names.contains(folded)
            || lex.nationalities.contains(folded)
            || lex.org_words.contains(folded)
            || lex.titles.contains(folded)
            || lex.org_names.contains(folded)
    }

    fn part(&self, token: &Token<'_>, prev_is_name: bool, next: Option<&Token<'_>>) -> Part {
        let text = token.text;
        // Multi-byte UTF-8 never contains ASCII digit bytes, so a byte scan suffices.
        let has_digit = || text.bytes().any(|b| b.is_ascii_digit());
        if !token.cap {
            // Most body words: lowercase, so only a suffix ("jr."), an attached particle
            // ("al-Assad") or a particle inside a name ("bin", "von der") can be a name part.
            if prev_is_name && token.folded.len() > 2 && SUFFIXES.contains(&token.folded.as_ref()) {
                return Part::Suffix;
            }
            if HYPHEN_PARTICLES.iter().any(|p| {
                token.folded.starts_with(p) && text[p.len()..].chars().next().is_some_and(char::is_uppercase)
            }) {
                return if has_digit() { Part::No } else { Part::Word };
            }
            if prev_is_name
                && PARTICLES.contains(&token.folded.as_ref())
                && token.punct_after.is_none()
                && next.is_some_and(|n| {
                    n.cap
                        || PARTICLES.contains(&n.folded.as_ref())
                        || HYPHEN_PARTICLES.iter().any(|p| n.folded.starts_with(p))
                })
            {
                return Part::Particle;
            }
            return Part::No;
        }
        if has_digit() {
            return Part::No;
        }
        if prev_is_name && SUFFIXES.contains(&token.folded.as_ref()) {
            return Part::Suffix;
        }
        if is_initial(text) {
            return if matches!(token.folded.as_ref(), "u.s." | "u.n." | "u.k." | "e.u." | "d.c.") {
                Part::No
            } else {
                Part::Initial
            };
        }
        // ALL-CAPS words (headlines, datelines, acronyms) are not names.
        let mut letters = 0usize;
        let mut all_upper = true;
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            all_upper &= c.is_uppercase();
        }
        if letters > 1 && all_upper {
            return Part::No;
        }
        Part::Word
    }

    /// Every name candidate of the body, in order.
    fn mentions(&self, tokens: &[Token<'_>]) -> Vec<Mention> {
        let mut mentions = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if self.part(&tokens[i], false, tokens.get(i + 1)) != Part::Word
                && !(tokens[i].cap && self.part(&tokens[i], false, tokens.get(i + 1)) == Part::Initial)
            {
                i += 1;
                continue;
            }
            // Extend the run while tokens are name parts and no punctuation intervenes.
            let start = i;
            let mut end = i + 1;
            let mut institution = false;
            while end < tokens.len() {
                let prev = &tokens[end - 1];
                if prev.punct_after.is_some_and(|c| c != '.' || prev.sentence_end) || prev.paragraph_end {
                    break;
                }
                if prev.possessive {
                    // "Prince George's County", "St. Martin's Church": an institution.
                    let next = &tokens[end];
                    if next.cap && !self.lexicon.titles.contains(&*next.folded) {
                        institution = true;
                    } else {
                        break;
                    }
                }
                let part = self.part(&tokens[end], true, tokens.get(end + 1));
                if part == Part::No
                    || matches!(tokens[end].folded.as_ref(), "and" | "or" | "the" | "for" | "but")
                {
                    break;
                }
                end += 1;
            }
            // A particle may not end a run.
            while end > start + 1 && self.part(&tokens[end - 1], true, None) == Part::Particle {
                end -= 1;
            }
            // Possessive inside the run ends it unless it is an institution.
            if !institution {
                if let Some(p) = (start..end - 1).find(|&k| tokens[k].possessive) {
                    end = p + 1;
                }
            }
            if !institution {
                if let Some(m) = self.mention(tokens, start, end) {
                    mentions.push(m);
                }
            }
            i = end;
        }
        mentions
    }

    /// Turns the run `tokens[start..end]` into a mention, or None if it is no name at all.
    fn mention(&self, tokens: &[Token<'_>], start: usize, end: usize) -> Option<Mention> {
        let lex = &self.lexicon;
        let run = &tokens[start..end];
        let folded_run: Vec<&str> = run.iter().map(|t| t.folded.as_ref()).collect();
        let whole = fold(&run.iter().map(|t| t.text).collect::<Vec<_>>().join(" "));
        if lex.places.contains(&whole) || lex.org_names.contains(&whole) {
            return None;
        }
        // Titles, honorifics, nationalities and sentence-opening function words come off the front.
        let mut s = 0;
        let mut titled = false;
        // "Secretary of State": a title chain may continue across "of" before the run.
        if start >= 2 && tokens[start - 1].folded == "of" && lex.titles.contains(&*tokens[start - 2].folded) {
            titled = lex.titles.contains(folded_run[0]);
        }
        while s < run.len() {
            let f = folded_run[s];
            if lex.titles.contains(f) || lex.titles.contains(f.trim_end_matches('.')) {
                titled = true;
            } else if lex.nationalities.contains(f) || lex.non_names.contains(f) {
                titled = false;
            } else {
                break;
            }
            s += 1;
        }
        // Trailing days and months ("Johnson Monday") are not part of the name.
        let mut e = run.len();
        while e > s && TRAILING.contains(&folded_run[e - 1]) {
            e -= 1;
        }
        while s < e && folded_run[s].contains("year-old") {
            s += 1;
        }
        // A title inside the run ("Tarrant County Judge Glen Whitley"): the name follows it.
        if let Some(k) = (s..e).rev().find(|&k| lex.titles.contains(folded_run[k]) && run[k].cap) {
            if e - (k + 1) >= 2 && !lex.given.contains(folded_run[s]) || k == s {
                s = k + 1;
                titled = true;
            }
        }
        if s >= e {
            return None;
        }
        // A title right before the run ("the Rev. Martin Luther King Jr." after a comma) counts.
        if !titled && start > 0 && lex.titles.contains(&*tokens[start - 1].folded) && !tokens[start - 1].cap {
            titled = matches!(tokens[start - 1].folded.as_ref(), "spokesman" | "spokeswoman");
        }
        let name = &run[s..e];
        let words: Vec<String> = name.iter().map(|t| t.text.to_string()).collect();
        let folded: Vec<String> = name.iter().map(|t| t.folded.to_string()).collect();
        let first = &name[0];
        let last = &name[name.len() - 1];
        let name_whole = fold(&words.join(" "));
        let before = if s == 0 && start > 0 { Some(&tokens[start - 1]) } else { None };
        let after = tokens.get(start + e);
        let given = lex.given.contains(&folded[0]);
        let mut org_context = lex.places.contains(&name_whole)
            || lex.org_names.contains(&name_whole)
            || lex.org_words.contains(&folded[folded.len() - 1]) && name.len() > 1 && e == run.len()
            || (!titled && PREFIX_WORDS.contains(&folded[0].as_str()))
            || (name.len() > 1 && !given && lex.places.contains(&folded[folded.len() - 1]))
            || (name.len() == 1
                && (lex.nationalities.contains(&folded[0]) || lex.org_words.contains(&folded[0])));
        if let Some(after) = after {
            // "the Trump administration", "Keller Group"-style continuations.
            if e == run.len()
                && last.punct_after.is_none()
                && !last.possessive
                && ORG_AFTER.contains(&after.folded.as_ref())
            {
                return None;
            }
        }
        if let Some(b) = before {
            if !titled
                && !given
                && !last.possessive
                && b.punct_after.is_none()
                && PLACE_BEFORE.contains(&b.folded.as_ref())
            {
                org_context = true;
            }
        }
        // A quoted title of a work: "Norma Rae".
        if first.punct_before.is_some_and(|c| matches!(c, '"' | '\u{201c}'))
            && last.punct_after.is_some_and(|c| matches!(c, '"' | '\u{201d}'))
            && !titled
        {
            org_context = true;
        }
        let speech = self.speech_near(tokens, start + s, start + e);
        Some(Mention {
            words,
            folded,
            sentence_start: name[0].sentence_start || (s > 0 && run[0].sentence_start && !titled),
            titled,
            speech,
            org_context,
            core: std::cell::OnceCell::new(),
        })
    }

    /// A speech verb or an appositive around `tokens[start..end]`: "Hale said", "said Hale",
    /// "Hale, 45,", "Hale, a spokesman", "according to Hale".
    fn speech_near(&self, tokens: &[Token<'_>], start: usize, end: usize) -> bool {
        let last = &tokens[end - 1];
        if let Some(next) = tokens.get(end) {
            if SPEECH.contains(&next.folded.as_ref()) && !last.sentence_end {
                return true;
            }
            if last.punct_after == Some(',')
                && (matches!(next.folded.as_ref(), "a" | "an" | "the" | "who" | "whose")
                    || next.text.chars().all(|c| c.is_ascii_digit())
                    || self.lexicon.titles.contains(&*next.folded))
            {
                return true;
            }
        }
        if start > 0 {
            let prev = &tokens[start - 1];
            if matches!(prev.folded.as_ref(), "said" | "says" | "asked" | "told" | "to")
                && prev.punct_after.is_none()
            {
                return prev.folded != "to" || (start > 1 && tokens[start - 2].folded == "according");
            }
        }
        false
    }
}

/// Byline and credit lines are not mentions: "By Name, Associated Press", "(Reporting by …)",
/// "… contributed to this report", "Name, Staff Writer", "A And B, Publication on Jan 1, 2019".
fn is_credit_line(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    if words == 0 || words > 14 {
        return t.contains("contributed to this report") && words <= 30;
    }
    let lower = t.to_lowercase();
    lower.starts_with("by ")
        || lower.starts_with("(reporting by")
        || lower.starts_with("reporting by")
        || lower.starts_with("editing by")
        || lower.starts_with("writing by")
        || lower.starts_with("author:")
        || lower.starts_with("byline:")
        || lower.contains("contributed to this report")
        || lower.ends_with("staff writer")
        || lower.ends_with("correspondent")
        || lower.ends_with("associated press")
        || lower.ends_with(", reuters")
        || (lower.contains(" and ")
            && lower.contains(", ")
            && lower.contains(" on ")
            && t.ends_with(|c: char| c.is_ascii_digit()))
        || lower.starts_with("visit ")
        || lower.contains("powered by")
}

/// Whether two multiword mentions name the same person: same surname, same Jr./Sr. status,
/// and the given names of one contained in the other's ("Michael Pompeo" ⊂ "Michael R. Pompeo").
fn same_person(a: &Mention, b: &Mention) -> bool {
    if a.is_junior() != b.is_junior() {
        return false;
    }
    let initials = |m: &Mention| m.words.iter().filter(|w| is_initial(w)).cloned().collect::<Vec<_>>();
    let (ia, ib) = (initials(a), initials(b));
    if !ia.is_empty() && !ib.is_empty() && ia != ib {
        return false;
    }
    let (ca, cb) = (a.core(), b.core());
    if ca.last() != cb.last() {
        return false;
    }
    let (short, long) = if ca.len() <= cb.len() { (ca, cb) } else { (cb, ca) };
    short.iter().all(|t| long.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(body: &str) -> Vec<String> {
        PeopleExtractor::new(PersonAliases::default()).extract(body)
    }

    #[test]
    fn title_chain_initial_and_possessive_make_one_person() {
        let body = "Secretary of State Michael R. Pompeo flew to the border on Friday. \
                    Pompeo said the aid would get through. Pompeo's aides agreed.";
        assert_eq!(people(body), ["Michael R. Pompeo"]);
    }

    #[test]
    fn titles_before_names_are_dropped() {
        let body =
            "British Foreign Secretary Jeremy Hunt met Supreme Leader Ayatollah Ali Khamenei's envoy. \
                    Kremlin spokesman Dmitry Peskov declined to comment, and Sen. Lindsey Graham, R-S.C., \
                    said he was worried.";
        assert_eq!(people(body), ["Jeremy Hunt", "Ali Khamenei", "Dmitry Peskov", "Lindsey Graham"]);
    }

    #[test]
    fn suffixes_are_kept_and_tell_father_from_son() {
        let body = "Special counsel Robert S. Mueller III wrote the report. Donald J. Trump praised it, \
                    and Donald Trump Jr. said nothing. Mueller declined to testify.";
        assert_eq!(people(body), ["Robert S. Mueller III", "Donald J. Trump", "Donald Trump Jr."]);
    }

    #[test]
    fn shared_surnames_stay_two_and_ambiguous_surname_is_not_guessed() {
        let body = "Senator Ron Johnson met Boris Johnson in London. Johnson said little.";
        assert_eq!(people(body), ["Ron Johnson", "Boris Johnson"]);
    }

    #[test]
    fn places_and_organisations_that_look_like_names_are_not_people() {
        let body = "Analysts at Morgan Stanley and Goldman Sachs told the Los Angeles Times, distributed \
                    by Tribune Content Agency, that Fort Worth and Silver Spring gained jobs. \
                    Hurricane Maria hit in September. The Trump administration had no comment. \
                    Visitors crowded the Lincoln Memorial and Johns Hopkins University.";
        assert_eq!(people(body), Vec::<String>::new());
    }

    #[test]
    fn particles_and_multiword_names_stay_whole() {
        let body = "Bashar al-Assad met Mohammed bin Salman, Ursula von der Leyen and Kim Jong Un. \
                    Assad later spoke with Xi Jinping.";
        assert_eq!(
            people(body),
            ["Bashar al-Assad", "Mohammed bin Salman", "Ursula von der Leyen", "Kim Jong Un", "Xi Jinping"]
        );
    }

    #[test]
    fn bare_surname_needs_strong_evidence() {
        let body = "The talks stalled. Mr. Hale arrived late. President Erdogan was not there. \
                    Washington said nothing, and May was a cold month. \"It is over,\" Quist said.";
        assert_eq!(people(body), ["Hale", "Erdogan", "Quist"]);
    }

    #[test]
    fn accents_are_kept_and_aliases_apply() {
        let aliases = PersonAliases::from_toml("\"Michael R. Pompeo\" = [\"Mike Pompeo\"]").unwrap();
        let extractor = PeopleExtractor::new(aliases);
        assert_eq!(
            extractor.extract("Mike Pompeo met Nicolás Maduro's rival Juan Guaidó."),
            ["Michael R. Pompeo", "Nicolás Maduro", "Juan Guaidó"]
        );
    }

    #[test]
    fn person_key_folds_initials_accents_and_numerals() {
        assert_eq!(person_key("Robert S. Mueller III"), person_key("Robert Mueller"));
        assert_eq!(person_key("Juan Guaidó"), person_key("Juan Guaido"));
        assert_ne!(person_key("Donald Trump Jr."), person_key("Donald Trump"));
        assert_eq!(person_key("Mike Pompeo"), person_key("Michael R. Pompeo"));
    }
}
