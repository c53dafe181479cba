//! People: finds the persons a body mentions and gives each one canonical name.
//!
//! Rules, not a model. First the body loses what names the people who made the story rather
//! than those it is about: byline, credit, contact, photo-credit and link lines ("Reporting by
//! …", "Media contact: …", "Photograph: …", "Read more: …", a front-matter author list, an
//! italic author bio); in a broadcast transcript, ALL-CAPS speaker labels are title-cased. Then
//! the body is split into word tokens; runs of capitalised tokens (with initials, particles such
//! as "al-"/"bin"/"von der" and suffixes such as "Jr."/"III") are name candidates, cut at
//! capitalised function words of a Title Case headline ("Slump Is"), contractions ("I'm"),
//! plural acronyms ("MPs") and a trailing date ("July 2"); a name's possessive ends its run and
//! the thing it owns is skipped ("Theresa May's Brexit deal"), other possessive runs are
//! institutions and dropped ("Prince George's County", "Sweden's Nordbanken"). Leading titles
//! ("Secretary of State", "Sen.", "Mr.") and nationalities are dropped and remembered as
//! evidence; runs that are places, organisations, publications, buildings or events (word lists
//! in `index-schema/`, or context: "in", "the province of", ", the energy company where", a
//! photo agency after a slash, an owner whose owned name speaks: "Marine Midland's O'Neill
//! said") are rejected, and so are their words alone ("Goldman" after "Goldman Sachs") and a
//! company's name without its legal form ("Dale Burdett" after "Dale Burdett Inc"). Multiword
//! names are then grouped by in-document co-reference (same surname and compatible given
//! names), and bare surnames attach to the one full name they can mean; an ambiguous bare
//! surname is not guessed, and a plural one ("the two Johnsons") is no one new.
//! Every person needs evidence (a title, also a lowercase one or a word for a person right
//! before the name: "vice president Masoumeh Ebtekar", "herder Lekishon Lenaiyasa", "his wife,
//! Lilian Tintori,"; a known given name, an initial, a suffix, a particle, a naming phrase such
//! as "a designer named Polina", an age set off by commas ("Oksana, 34, said"), a later
//! "his"/"her" that only the subject can own ("Dwayne Okafor-Reyes is still rebuilding his
//! store"), or a speech verb when the name's words are not also lowercase words of the body:
//! wire copy lets companies "say" things too); a surname never given in full needs a personal
//! title or a speech verb. Each person gets the fullest form the article prints, then the
//! curated alias file maps nicknames to one canonical name.
//!
//! Speed matters (every article of the archive passes through here): tokens borrow the body
//! (folded forms that differ go to one arena), words are found eight bytes at a time, each
//! token's lexicon classes are one cached hash lookup, and mentions are token slices.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::text::{
    ascii_alnum_end_upper, fold, fold_char, fold_word, fold_words_into, word_list, FastMap, FastSet,
};

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
/// Words right before a run that make it a place or an organisation unless it is clearly a name
/// (with `PREPOSITIONS`, which do the same).
const PLACE_BEFORE: &[&str] = &[
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
/// Lowercase words right before a run that describe the person it names ("herder Lekishon
/// Lenaiyasa", "his wife Jane", "the premier, Gladys Berejiklian,"): occupations, kin and
/// roles, besides the titles of titles.txt. Only ever read in lowercase, so surnames such as
/// Baker or Farmer are unaffected. Words that also describe companies or brands ("trader",
/// "investor", "banker", "partner", "designer") or qualify things ("pilot project") are left
/// out.
const PERSON_NOUNS: &str = "
    farmer herder herdsman shepherd rancher fisherman grower shopkeeper storekeeper vendor merchant
    driver teacher student pupil nurse doctor physician surgeon paramedic midwife pharmacist
    dentist firefighter engineer architect lawyer activist campaigner protester protestor
    demonstrator journalist reporter correspondent photographer photojournalist blogger writer
    author novelist poet playwright artist painter sculptor musician singer rapper composer actor
    actress comedian filmmaker historian scholar scientist physicist chemist biologist
    epidemiologist virologist researcher sociologist psychologist consultant entrepreneur
    businessman businesswoman tycoon billionaire millionaire landlord tenant homeowner worker
    employee laborer labourer miner welder mechanic electrician plumber carpenter cashier waiter
    waitress chef baker butcher cleaner janitor housekeeper nanny caregiver therapist technician
    accountant programmer soldier veteran sailor priest monk nun preacher retiree
    pensioner widow widower mother son daughter wife husband brother sister grandmother
    grandfather grandson granddaughter uncle aunt nephew niece cousin fiance fiancee girlfriend
    boyfriend neighbor neighbour friend colleague classmate teammate voter volunteer survivor
    victim refugee migrant immigrant athlete striker goalkeeper boxer runner swimmer cyclist golfer
    candidate nominee lawmaker legislator politician diplomat negotiator mediator lobbyist founder
    co-founder owner heir heiress dissident defector hostage detainee prisoner inmate suspect
    defendant plaintiff witness juror gunman assailant whistleblower informant spy villager citizen
    peasant nomad housewife
";
/// Titles that, written in lowercase, also qualify companies or things ("lead manager Goldman,
/// Sachs", "financial adviser Dillon, Read", "major West German banks", "official Yugoslav
/// figures", "auditor Arthur Andersen"): no evidence of a person before a run.
const BUSINESS_TITLES: &[&str] = &[
    "major",
    "official",
    "manager",
    "advisor",
    "adviser",
    "chief",
    "private",
    "general",
    "leader",
    "leaders",
    "counsel",
    "auditor",
    "agent",
    "member",
    "executive",
    "administrator",
    "director",
    "officer",
    "delegate",
];
/// Lowercase place nouns before "of": "the coastal province of Zhejiang", "the city of Qom".
const PLACE_OF: &[&str] = &[
    "province",
    "state",
    "city",
    "town",
    "village",
    "district",
    "region",
    "county",
    "island",
    "kingdom",
    "republic",
    "emirate",
    "municipality",
    "prefecture",
    "capital",
    "port",
];
/// Capitalised function words that end a run: a Title Case headline capitalises them
/// ("Oil Demand Slump Is the Biggest"), a name never contains them.
const RUN_BREAKERS: &[&str] = &[
    "and", "or", "the", "for", "but", "is", "are", "was", "were", "be", "been", "has", "have", "had", "of",
    "with", "from", "by", "that", "this", "than", "into", "its", "his", "her", "their", "our", "your", "she",
    "they", "we", "it", "not", "if", "as", "at", "in", "after", "before", "over", "under",
];
/// Prepositions: like `PLACE_BEFORE` before a run, and never the head noun of an apposition.
const PREPOSITIONS: &[&str] = &[
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
    "above",
    "below",
    "beneath",
    "along",
    "throughout",
    "within",
];
/// Words that end the noun phrase of an apposition: its head noun is the word before them.
const APPOSITION_ENDS: &[&str] = &[
    "in", "at", "of", "for", "with", "from", "on", "by", "to", "near", "who", "whose", "which", "that",
    "where", "when", "once", "and", "or", "but", "since", "after", "before", "until", "while", "than", "as",
    "is", "was", "has", "had", "have", "will", "would", "based", "owned", "run", "led", "founded",
];
/// Auxiliary and common finite verbs that follow a clause's subject ("… is still rebuilding").
const AUXILIARIES: &[&str] = &[
    "is", "was", "has", "had", "will", "would", "can", "could", "says", "said", "told", "took", "gave",
    "made", "went", "came", "spent", "lost", "left", "keeps", "kept", "runs", "ran",
];
/// Finite verbs that, right after ", the company", start a new clause.
const APPOSITION_VERBS: &[&str] = &["is", "was", "has", "had", "have", "will", "would", "are", "were"];
/// Legal forms that end a company's name ("Dale Burdett Inc", "Kredi Bankasi A.S.").
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "co",
    "co.",
    "cos",
    "llc",
    "ltd",
    "ltd.",
    "plc",
    "ag",
    "sa",
    "nv",
    "gmbh",
    "lp",
    "llp",
    "a.s.",
    "k.k.",
    "l.p.",
    "b.v.",
    "n.v.",
    "s.a.",
    "a.g.",
    "s.p.a.",
    "bhd",
    "berhad",
    "limited",
    "company",
    "corporation",
    "holdings",
];
/// Photo agencies after a slash: "Jessica Taylor/AFP/Getty Images" is a photo credit.
const PHOTO_AGENCIES: &[&str] = &[
    "afp",
    "getty",
    "reuters",
    "ap",
    "epa",
    "epa-efe",
    "efe",
    "bloomberg",
    "xinhua",
    "pa",
    "anadolu",
    "sipa",
    "zuma",
    "alamy",
    "shutterstock",
    "nurphoto",
    "tass",
    "kyodo",
    "yonhap",
    "aap",
    "dpa",
    "ansa",
    "sputnik",
    "ria",
    "redux",
    "polaris",
    "abaca",
    "rex",
    "the",
    "associated",
    "usa",
    "courtesy",
    "handout",
    "corbis",
    "magnum",
    "vii",
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

/// Title words that qualify an office or name an institution ("House", "U.S.", "Foreign",
/// "former"): stripped from the front of a name like any title, but not evidence on their own
/// that a lone capitalised word is a person ("U.S. Officials said", "House Banking").
const MODIFIER_TITLES: &[&str] = &[
    "house",
    "senate",
    "parliament",
    "parliamentary",
    "opposition",
    "party",
    "national",
    "u.s.",
    "us",
    "u.n.",
    "eu",
    "nato",
    "white",
    "kremlin",
    "supreme",
    "spiritual",
    "prime",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "treasury",
    "commerce",
    "justice",
    "state",
    "home",
    "health",
    "energy",
    "trade",
    "labor",
    "labour",
    "education",
    "agriculture",
    "transportation",
    "transport",
    "homeland",
    "security",
    "economy",
    "economic",
    "oil",
    "vice",
    "former",
    "late",
    "acting",
    "interim",
    "deputy",
    "assistant",
    "associate",
    "chief",
    "special",
    "grand",
    "crown",
    "field",
    "ranking",
    "member",
    "majority",
    "minority",
    "executive",
    "general",
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
    if !token.chars().all(|c| c.is_uppercase() || c == '.') {
        return false;
    }
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    let dots = token.bytes().filter(|&b| b == b'.').count();
    letters > 0 && (letters == 1 || (dots >= letters && letters <= 3))
}

/// What the word lists and rule tables say of one folded word, as bit flags, so that every
/// test a token needs costs one hash lookup (cached on the token), not a scan of a list.
mod class {
    pub const GIVEN: u32 = 1;
    pub const TITLE: u32 = 1 << 1;
    pub const NATIONALITY: u32 = 1 << 2;
    pub const ORG_WORD: u32 = 1 << 3;
    /// A one-word entry of org-names.txt.
    pub const ORG_NAME: u32 = 1 << 4;
    /// A one-word entry of places.txt.
    pub const PLACE: u32 = 1 << 5;
    pub const NON_NAME: u32 = 1 << 6;
    pub const PARTICLE: u32 = 1 << 7;
    pub const SUFFIX: u32 = 1 << 8;
    pub const ORG_AFTER: u32 = 1 << 9;
    pub const PLACE_BEFORE: u32 = 1 << 10;
    pub const PREFIX: u32 = 1 << 11;
    pub const SPEECH: u32 = 1 << 12;
    pub const TRAILING: u32 = 1 << 13;
    /// A title word that only qualifies another ("House", "U.S.", "former", "Foreign").
    pub const MODIFIER: u32 = 1 << 14;
    /// The first word of a multiword entry of places.txt or org-names.txt.
    pub const KNOWN_FIRST: u32 = 1 << 15;
    /// A lowercase word for a person (`PERSON_NOUNS`).
    pub const PERSON_NOUN: u32 = 1 << 16;
    /// Not looked up yet (a token's cache).
    pub const UNKNOWN: u32 = u32::MAX;
}

/// The word lists, folded once.
#[derive(Debug, Clone, Default)]
struct Lexicon {
    /// Folded single word → `class` flags.
    classes: FastMap<Box<str>, u32>,
    /// Whole folded entries of org-names.txt and places.txt (multiword names included).
    known_names: FastSet<String>,
}

impl Lexicon {
    fn builtin() -> Lexicon {
        let org_names = word_list(ORG_NAMES, true);
        let places = word_list(PLACES, true);
        let mut lexicon =
            Lexicon { classes: FastMap::default(), known_names: org_names.union(&places).cloned().collect() };
        let lists = [
            (word_list(GIVEN_NAMES, false), class::GIVEN),
            (word_list(TITLES, false), class::TITLE),
            (word_list(NATIONALITIES, false), class::NATIONALITY),
            (word_list(ORG_WORDS, false), class::ORG_WORD),
            (word_list(NON_NAMES, false), class::NON_NAME),
        ];
        for (list, flag) in lists {
            lexicon.mark(list.iter().map(String::as_str), flag);
        }
        let one_word = |set: &FastSet<String>| -> Vec<String> {
            set.iter().filter(|e| !e.contains(' ')).cloned().collect()
        };
        lexicon.mark(one_word(&org_names).iter().map(String::as_str), class::ORG_NAME);
        let firsts: Vec<String> = lexicon
            .known_names
            .iter()
            .filter_map(|name| name.split_once(' ').map(|(first, _)| first.to_string()))
            .collect();
        lexicon.mark(firsts.iter().map(String::as_str), class::KNOWN_FIRST);
        lexicon.mark(one_word(&places).iter().map(String::as_str), class::PLACE);
        let tables: [(&[&str], u32); 9] = [
            (MODIFIER_TITLES, class::MODIFIER),
            (PARTICLES, class::PARTICLE),
            (SUFFIXES, class::SUFFIX),
            (ORG_AFTER, class::ORG_AFTER),
            (PLACE_BEFORE, class::PLACE_BEFORE),
            (PREPOSITIONS, class::PLACE_BEFORE),
            (PREFIX_WORDS, class::PREFIX),
            (SPEECH, class::SPEECH),
            (TRAILING, class::TRAILING),
        ];
        for (table, flag) in tables {
            lexicon.mark(table.iter().copied(), flag);
        }
        lexicon.mark(PERSON_NOUNS.split_whitespace(), class::PERSON_NOUN);
        lexicon
    }

    fn mark<'w>(&mut self, words: impl Iterator<Item = &'w str>, flag: u32) {
        for word in words {
            *self.classes.entry(word.into()).or_default() |= flag;
        }
    }

    /// The flags of a folded word (0 for a word no list names).
    fn class(&self, folded: &str) -> u32 {
        self.classes.get(folded).copied().unwrap_or(0)
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

    /// The `class` flags of a token, looked up once.
    fn class(&self, token: &Token<'_>) -> u32 {
        let cached = token.class.get();
        if cached != class::UNKNOWN {
            return cached;
        }
        let flags = self.lexicon.class(token.folded);
        token.class.set(flags);
        flags
    }

    /// Whether the token's folded form carries `flag`.
    fn is(&self, token: &Token<'_>, flag: u32) -> bool {
        self.class(token) & flag != 0
    }

    /// Whether a folded word (not a token) carries `flag`.
    fn word_is(&self, folded: &str, flag: u32) -> bool {
        self.lexicon.class(folded) & flag != 0
    }

    /// Whether the tokens, folded and joined, are an entry of places.txt or org-names.txt. A
    /// lone plain word ("Sochi") is answered by its class flags, without folding it again.
    fn is_known_name(&self, run: &[Token<'_>], scratch: &mut String) -> bool {
        let plain = run[0].folded.bytes().all(|b| b.is_ascii_alphanumeric());
        if let [token] = run {
            if plain {
                return self.is(token, class::PLACE | class::ORG_NAME);
            }
        } else if plain && !self.is(&run[0], class::KNOWN_FIRST) {
            // No multiword entry starts with this word.
            return false;
        }
        scratch.clear();
        fold_words_into(run.iter().map(|t| t.text), scratch);
        self.lexicon.known_names.contains(scratch.as_str())
    }

    /// A title, also when written with a trailing dot the list lacks ("Supt.").
    fn is_title(&self, token: &Token<'_>) -> bool {
        self.is(token, class::TITLE)
            || (token.folded.ends_with('.') && self.word_is(token.folded.trim_end_matches('.'), class::TITLE))
    }
}

/// One word of the body.
#[derive(Debug, Clone)]
struct Token<'a> {
    /// The word as printed, without a possessive "'s".
    text: &'a str,
    /// Lowercase, accent-free form (the text itself when already folded, else in an arena).
    folded: &'a str,
    /// `class` flags of `folded`, looked up on first use.
    class: std::cell::Cell<u32>,
    /// First letter uppercase.
    cap: bool,
    possessive: bool,
    /// First word of a sentence or paragraph.
    sentence_start: bool,
    /// A blank line or an indented line starts right after this word.
    paragraph_end: bool,
    /// The sentence ends after this word.
    sentence_end: bool,
    /// Punctuation (other than an abbreviation's dot) follows: a comma, quote, dash…
    punct_after: Option<char>,
    /// Punctuation right before the word (opening quote, comma…).
    punct_before: Option<char>,
}

/// Word characters besides letters and digits: apostrophes, hyphens and dots stay inside a
/// word ("O'Neill", "al-Assad", "H.W.").
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '-' | '.' | '\u{2010}' | '\u{2011}')
}

/// Splits the body into word tokens with case, sentence and punctuation flags. Folded forms
/// that differ from the text are written to `arena`, so tokenizing allocates only twice.
fn tokenize<'a>(body: &'a str, arena: &'a mut String) -> Vec<Token<'a>> {
    let mut folds: Vec<(usize, usize, usize)> = Vec::new();
    let mut tokens = scan(body, arena, &mut folds);
    let arena: &'a String = arena;
    for (index, start, end) in folds {
        tokens[index].folded = &arena[start..end];
    }
    tokens
}

/// The tokenizer's pass over the bytes; `folds` gets (token, arena range) for each token whose
/// folded form is not its text. ASCII is classified byte by byte, other characters decoded.
fn scan<'a>(body: &'a str, arena: &mut String, folds: &mut Vec<(usize, usize, usize)>) -> Vec<Token<'a>> {
    let mut tokens: Vec<Token<'a>> = Vec::with_capacity(body.len() / 6);
    let bytes = body.as_bytes();
    let mut i = 0;
    let mut sentence_start = true;
    let mut punct_before: Option<char> = None;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b' ' {
            i += 1;
            continue;
        }
        let (c, width) = if b.is_ascii() {
            (b as char, 1)
        } else {
            let c = body[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        if !c.is_alphanumeric() {
            if c == '\n' {
                // A blank line or an indented line starts a paragraph.
                if bytes.get(i + 1).is_some_and(|&b| b == b'\n' || b == b' ' || b == b'\t') {
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
            i += width;
            continue;
        }
        let start = i;
        let mut ascii = true;
        let mut upper = false;
        let mut apostrophe = false;
        loop {
            let (end, capitals) = ascii_alnum_end_upper(bytes, i);
            upper |= capitals;
            i = end;
            match bytes.get(i) {
                Some(b'\'') => apostrophe = true,
                Some(b'-' | b'.') => {}
                Some(&b) if b >= 0x80 => {
                    let c = body[i..].chars().next().unwrap_or(' ');
                    if !is_word_char(c) {
                        break;
                    }
                    ascii = false;
                    i += c.len_utf8();
                    continue;
                }
                _ => break,
            }
            i += 1;
        }
        let raw = &body[start..i];
        // Most words are plain ASCII ending in a letter or digit: nothing to trim.
        let plain = ascii && !apostrophe && bytes[i - 1].is_ascii_alphanumeric();
        let (word, possessive, ends_sentence) = if plain { (raw, false, false) } else { trim_word(raw) };
        if word.is_empty() {
            continue;
        }
        let cap = if ascii { word.as_bytes()[0].is_ascii_uppercase() } else { first_is_upper(word) };
        if ascii && !upper {
            // Already folded: borrowed as is.
        } else {
            let from = arena.len();
            for c in word.chars() {
                fold_char(c, arena);
            }
            folds.push((tokens.len(), from, arena.len()));
        }
        tokens.push(Token {
            text: word,
            folded: word,
            class: std::cell::Cell::new(class::UNKNOWN),
            cap,
            possessive,
            sentence_start,
            paragraph_end: false,
            sentence_end: false,
            punct_after: None,
            punct_before,
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

/// A word without trailing hyphens, apostrophes, a sentence-ending dot or a possessive "'s":
/// (word, possessive, the dot ended a sentence).
fn trim_word(raw: &str) -> (&str, bool, bool) {
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
                word = if ending.starts_with('s') { &word[..word.len() - ending.len() + 1] } else { stem };
                possessive = true;
            }
            break;
        }
    }
    (word, possessive, ends_sentence)
}

fn first_is_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
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

/// A name candidate after titles are stripped: a slice of the body's tokens and its evidence.
#[derive(Debug, Clone)]
struct Mention<'t> {
    /// The name's tokens.
    name: &'t [Token<'t>],
    sentence_start: bool,
    /// A title or honorific stood before it.
    titled: bool,
    /// One of those titles names a person's office or rank, not only a qualifier or institution.
    personal: bool,
    /// A speech verb or an appositive next to it.
    speech: bool,
    /// The run could not be a person here (place/organisation context).
    org_context: bool,
}

impl<'t> Mention<'t> {
    /// Name tokens as printed.
    fn words(&self) -> impl Iterator<Item = &'t str> + Clone {
        self.name.iter().map(|t| t.text)
    }
    /// Folded tokens.
    fn folded(&self) -> impl Iterator<Item = &'t str> + Clone {
        self.name.iter().map(|t| t.folded)
    }
    fn first_folded(&self) -> &'t str {
        self.name[0].folded
    }
    /// Same folded words as `other`.
    fn same_words(&self, other: &Mention<'_>) -> bool {
        self.folded().eq(other.folded())
    }
    /// A hash of the folded words (to remember organisation spans without copying them).
    fn folded_key(&self) -> u64 {
        folded_key(self.name)
    }
    fn has_suffix(&self, of: &[&str]) -> bool {
        self.name.last().is_some_and(|t| of.contains(&t.folded))
    }
    fn is_junior(&self) -> bool {
        self.has_suffix(&["jr.", "jr", "sr.", "sr"])
    }
    /// The name without initials, particles and suffixes, folded (for matching).
    fn core(&self) -> impl Iterator<Item = &'t str> + Clone {
        self.name
            .iter()
            .filter(|t| {
                !is_initial(t.text) && !SUFFIXES.contains(&t.folded) && !PARTICLES.contains(&t.folded)
            })
            .map(|t| strip_particle(t.folded))
    }
    fn surname(&self) -> &'t str {
        self.core().last().unwrap_or("")
    }
    /// The initials of the name, in order.
    fn initials(&self) -> impl Iterator<Item = &'t str> {
        self.words().filter(|w| is_initial(w))
    }
}

/// Contractions are no name words: "I'm", "We're", "Don't" (the tokenizer keeps apostrophes).
fn is_contraction(folded: &str) -> bool {
    // No apostrophe (' or the last byte of ’) near the end: most words.
    let tail = &folded.as_bytes()[folded.len().saturating_sub(4)..];
    if !tail.iter().any(|&b| b == b'\'' || b == 0x99) {
        return false;
    }
    [
        "'m",
        "'re",
        "'ve",
        "'ll",
        "'d",
        "n't",
        "\u{2019}m",
        "\u{2019}re",
        "\u{2019}ve",
        "\u{2019}ll",
        "\u{2019}d",
        "n\u{2019}t",
    ]
    .iter()
    .any(|ending| folded.ends_with(ending))
}

/// A plural acronym: "MPs", "CEOs", "NGOs" (capitals, then a lowercase "s").
fn is_plural_acronym(text: &str) -> bool {
    text.strip_suffix('s').is_some_and(|stem| stem.len() >= 2 && stem.bytes().all(|b| b.is_ascii_uppercase()))
}

/// A hash of the folded words of `tokens`.
fn folded_key(tokens: &[Token<'_>]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = super::text::FxHasher::default();
    for token in tokens {
        token.folded.hash(&mut hasher);
    }
    hasher.finish()
}

/// "al-assad" → "assad".
fn strip_particle(folded: &str) -> &str {
    if !folded.as_bytes().get(1..4).is_some_and(|b| b.contains(&b'-')) {
        return folded;
    }
    for p in HYPHEN_PARTICLES {
        if let Some(rest) = folded.strip_prefix(p) {
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    folded
}

/// Whether the folded word starts with an attached particle ("al-", "bin-").
fn has_hyphen_particle(folded: &str) -> bool {
    folded.as_bytes().get(1..4).is_some_and(|b| b.contains(&b'-'))
        && HYPHEN_PARTICLES.iter().any(|p| folded.starts_with(p))
}

/// One person of the article: its mentions merged.
#[derive(Debug, Clone)]
struct Person<'t> {
    best: Mention<'t>,
    first_seen: usize,
    evidence: bool,
    org: bool,
}

impl PeopleExtractor {
    /// Canonical names of the people mentioned in `body`, in order of first mention.
    pub fn extract(&self, body: &str) -> Vec<String> {
        let cleaned = clean_body(body);
        let body = cleaned.as_deref().unwrap_or(body);
        let mut arena = String::with_capacity(body.len() / 4);
        let tokens = tokenize(body, &mut arena);
        let mentions = self.mentions(&tokens);
        let mut people: Vec<Person<'_>> = Vec::new();
        let mut singles: Vec<(usize, Mention<'_>)> = Vec::new();
        let mut org_spans: FastSet<u64> = FastSet::default();
        let mut org_words: FastSet<&str> = FastSet::default();
        for (order, mention) in mentions.into_iter().enumerate() {
            if mention.org_context {
                org_spans.insert(mention.folded_key());
                if mention.name.len() > 1 {
                    org_words.extend(mention.folded());
                    // The name without its legal form is the company too: "Yapi ve Kredi
                    // Bankasi told Reuters" after "Kredi Bankasi A.S.", "Dale Burdett" after
                    // "Dale Burdett Inc" (not "Martin Luther King Jr." after "… Memorial").
                    let suffix =
                        mention.name.iter().rev().take_while(|t| self.is(t, class::ORG_WORD)).count();
                    let core = mention.name.len() - suffix;
                    if core >= 2 && mention.name.last().is_some_and(|t| LEGAL_FORMS.contains(&t.folded)) {
                        org_spans.insert(folded_key(&mention.name[..core]));
                    }
                }
                continue;
            }
            if mention.core().nth(1).is_none() {
                singles.push((order, mention));
                continue;
            }
            let evidence = self.strong(&mention, body);
            match people.iter_mut().position(|p| same_person(&p.best, &mention)) {
                Some(index) => {
                    let person = &mut people[index];
                    person.evidence |= evidence;
                    if mention.name.len() > person.best.name.len() {
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
            if org_spans.contains(&person.best.folded_key()) {
                person.org = true;
            }
        }
        // Bare surnames (or given names) attach to the one person they can mean.
        let mut new_singles: Vec<Person<'_>> = Vec::new();
        for (order, mention) in singles {
            let word = mention.core().last().unwrap_or_else(|| strip_particle(mention.first_folded()));
            let by_surname: Vec<usize> =
                (0..people.len()).filter(|&i| !people[i].org && people[i].best.surname() == word).collect();
            let candidates = if by_surname.is_empty() {
                (0..people.len())
                    .filter(|&i| !people[i].org && people[i].best.core().any(|w| w == word))
                    .collect()
            } else {
                by_surname
            };
            // A plural of a listed surname ("the two Johnsons", "the Osterhauses") is no one new.
            let plural = candidates.is_empty()
                && [word.strip_suffix("es"), word.strip_suffix('s')]
                    .into_iter()
                    .flatten()
                    .any(|stem| people.iter().any(|p| !p.org && p.best.surname() == stem));
            if plural {
                continue;
            }
            match candidates.len() {
                1 => {
                    let person = &mut people[candidates[0]];
                    person.evidence |= mention.titled || mention.speech;
                }
                0 => {
                    if let Some(existing) = new_singles.iter_mut().find(|p| p.best.same_words(&mention)) {
                        existing.evidence |= self.single_evidence(&mention);
                        existing.best.sentence_start &= mention.sentence_start && !mention.titled;
                    } else if !org_spans.contains(&mention.folded_key()) {
                        let mut mention = mention;
                        mention.sentence_start &= !mention.titled;
                        let evidence = self.single_evidence(&mention);
                        new_singles.push(Person { best: mention, first_seen: order, evidence, org: false });
                    }
                }
                _ => {} // ambiguous: not guessed
            }
        }
        let mut found: Vec<&Person<'_>> = people
            .iter()
            .filter(|p| !p.org && p.evidence)
            .chain(new_singles.iter().filter(|p| {
                p.evidence
                    && (!p.best.sentence_start || p.best.titled)
                    && !self.never_single(p.best.first_folded())
                    && self.could_be_single(&p.best, body, &org_words)
            }))
            .collect();
        found.sort_by_key(|p| p.first_seen);
        let mut names: Vec<String> = Vec::new();
        for person in found {
            let mut name = String::new();
            for (i, word) in person.best.words().enumerate() {
                if i > 0 {
                    name.push(' ');
                }
                name.push_str(word);
            }
            let name = self.aliases.canonical(&name).map(str::to_string).unwrap_or(name);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// Evidence that a multiword candidate is a person: a title, a known given name, an
    /// initial, a suffix or an attached particle ("al-Assad"); or a speech verb, unless a word
    /// of the name is also a lowercase word of the body ("Newmont Gold said" in a story about
    /// gold): wire copy lets companies speak as often as people.
    fn strong(&self, m: &Mention<'_>, body: &str) -> bool {
        m.titled
            || self.is(&m.name[0], class::GIVEN)
            || m.initials().next().is_some()
            || m.has_suffix(SUFFIXES)
            || m.folded().any(|f| strip_particle(f) != f)
            || (m.speech && !m.core().any(|w| appears_lowercase(body, w)))
    }

    /// Evidence that a lone word is a person: a personal title or honorific before it
    /// ("Mr. Hale", "President Erdogan", not "U.S. Officials") or a speech verb next to it.
    fn single_evidence(&self, m: &Mention<'_>) -> bool {
        m.personal || m.speech
    }

    /// Whether a lone word could be a person's name at all in this body: two letters or more,
    /// no dot ("Calif.") and no one-letter part ("D-Wis"), never written in lowercase in the
    /// same body ("Officials said" when "officials" appears too), and not a word of an
    /// organisation named in it ("Chrysler" after "Chrysler Corp").
    fn could_be_single(&self, m: &Mention<'_>, body: &str, org_words: &FastSet<&str>) -> bool {
        let token = &m.name[0];
        token.text.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
            && !token.text.contains('.')
            && token.text.split('-').all(|part| part.chars().nth(1).is_some())
            && !org_words.contains(token.folded)
            && !appears_lowercase(body, token.folded)
    }

    /// Words that are never a one-word person (places, months, nationalities…).
    fn never_single(&self, folded: &str) -> bool {
        const NEVER: u32 = class::PLACE
            | class::NON_NAME
            | class::NATIONALITY
            | class::ORG_WORD
            | class::TITLE
            | class::ORG_NAME;
        self.word_is(folded, NEVER)
    }

    fn part(&self, token: &Token<'_>, prev_is_name: bool, next: Option<&Token<'_>>) -> Part {
        let text = token.text;
        // Multi-byte UTF-8 never contains ASCII digit bytes, so a byte scan suffices.
        let has_digit = || text.bytes().any(|b| b.is_ascii_digit());
        if !token.cap {
            // Most body words: lowercase, so only a suffix ("jr."), an attached particle
            // ("al-Assad") or a particle inside a name ("bin", "von der") can be a name part.
            if prev_is_name && token.folded.len() > 2 && self.is(token, class::SUFFIX) {
                return Part::Suffix;
            }
            if has_hyphen_particle(token.folded)
                && HYPHEN_PARTICLES.iter().any(|p| {
                    token.folded.starts_with(p)
                        && text.get(p.len()..).and_then(|t| t.chars().next()).is_some_and(char::is_uppercase)
                })
            {
                return if has_digit() { Part::No } else { Part::Word };
            }
            if prev_is_name
                && self.is(token, class::PARTICLE)
                && token.punct_after.is_none()
                && next.is_some_and(|n| n.cap || self.is(n, class::PARTICLE) || has_hyphen_particle(n.folded))
            {
                return Part::Particle;
            }
            return Part::No;
        }
        if has_digit() || is_contraction(token.folded) || is_plural_acronym(text) {
            return Part::No;
        }
        if prev_is_name && self.is(token, class::SUFFIX) {
            return Part::Suffix;
        }
        if is_initial(text) {
            return if matches!(token.folded, "u.s." | "u.n." | "u.k." | "e.u." | "d.c.") {
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
            if !all_upper {
                break;
            }
        }
        if letters > 1 && all_upper {
            return Part::No;
        }
        Part::Word
    }

    /// Every name candidate of the body, in order.
    fn mentions<'t>(&self, tokens: &'t [Token<'t>]) -> Vec<Mention<'t>> {
        let mut mentions = Vec::new();
        let mut scratch = String::new();
        let mut i = 0;
        while i < tokens.len() {
            let token = &tokens[i];
            // Only a capitalised word or an attached particle ("al-Assad") starts a name.
            if !token.cap && !has_hyphen_particle(token.folded) {
                i += 1;
                continue;
            }
            let part = self.part(token, false, tokens.get(i + 1));
            if part != Part::Word && !(token.cap && part == Part::Initial) {
                i += 1;
                continue;
            }
            // Extend the run while tokens are name parts and no punctuation intervenes.
            let start = i;
            let mut end = i + 1;
            let mut institution = false;
            let mut possessed = false;
            while end < tokens.len() {
                let prev = &tokens[end - 1];
                if prev.punct_after.is_some_and(|c| c != '.' || prev.sentence_end) || prev.paragraph_end {
                    break;
                }
                if prev.possessive {
                    let next = &tokens[end];
                    if !next.cap || self.is(next, class::TITLE) {
                        break;
                    }
                    // "Prince George's County", "St. Martin's Episcopal Church": an institution
                    // when the capitalised words after the possessive end in one.
                    let names_institution = tokens[end..]
                        .iter()
                        .take(4)
                        .scan(true, |go, t| {
                            let seen = *go && t.cap;
                            *go = t.punct_after.is_none() && !t.possessive;
                            seen.then_some(t)
                        })
                        .any(|t| self.is(t, class::ORG_WORD));
                    // "Theresa May's Brexit deal": a name (given name, title or initial) owns
                    // a thing; the run ends at the possessive and the thing is skipped.
                    // Otherwise ("Sweden's Nordbanken", "Reader's Digest", "Touche Ross's
                    // Collander") the whole run is dropped like an institution.
                    if !names_institution
                        && tokens[start..end]
                            .iter()
                            .any(|t| self.is(t, class::GIVEN | class::TITLE) || is_initial(t.text))
                    {
                        possessed = true;
                        break;
                    }
                    institution = true;
                }
                let part = self.part(&tokens[end], true, tokens.get(end + 1));
                if part == Part::No || RUN_BREAKERS.contains(&tokens[end].folded) {
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
            let mut owned = end;
            if possessed {
                // The owned thing's capitalised words: "Brexit" in "May's Brexit deal".
                while owned < tokens.len() && tokens[owned].cap && tokens[owned - 1].punct_after.is_none() {
                    owned += 1;
                }
            }
            if !institution {
                if let Some(mut m) = self.mention(tokens, start, end, &mut scratch) {
                    // "Marine Midland's O'Neill said", "said Touche Ross's Collander": the one
                    // who speaks is the owned name; the owner is the employer.
                    if possessed
                        && (self.speech_near(tokens, end, owned)
                            || (start > 0 && matches!(tokens[start - 1].folded, "said" | "says")))
                    {
                        m.org_context = true;
                    }
                    mentions.push(m);
                }
            }
            i = owned;
        }
        mentions
    }

    /// Turns the run `tokens[start..end]` into a mention, or None if it is no name at all.
    /// `scratch` is a reused buffer for folded multiword lookups.
    fn mention<'t>(
        &self,
        tokens: &'t [Token<'t>],
        start: usize,
        end: usize,
        scratch: &mut String,
    ) -> Option<Mention<'t>> {
        let run = &tokens[start..end];
        if self.is_known_name(run, scratch) {
            // Remembered as an organisation or place, so that its words are not people on
            // their own either ("Goldman said" after "Goldman Sachs").
            return Some(Mention {
                name: run,
                sentence_start: run[0].sentence_start,
                titled: false,
                personal: false,
                speech: false,
                org_context: true,
            });
        }
        // Titles, honorifics, nationalities and sentence-opening function words come off the front.
        let mut s = 0;
        let mut titled = false;
        let mut personal = false;
        // "Secretary of State": a title chain may continue across "of" before the run.
        if start >= 2 && tokens[start - 1].folded == "of" && self.is(&tokens[start - 2], class::TITLE) {
            titled = self.is(&run[0], class::TITLE);
            personal = titled && !self.is(&tokens[start - 2], class::MODIFIER);
        }
        while s < run.len() {
            if self.is_title(&run[s]) {
                titled = true;
                personal |= !self.is(&run[s], class::MODIFIER);
            } else if self.is(&run[s], class::NATIONALITY | class::NON_NAME) {
                titled = false;
                personal = false;
            } else {
                break;
            }
            s += 1;
        }
        // Trailing days and months ("Johnson Monday") are not part of the name.
        let mut e = run.len();
        while e > s && self.is(&run[e - 1], class::TRAILING) {
            e -= 1;
        }
        // A month before a number is a date: "The Christian Science Monitor July 2, 2020".
        let dated = e == run.len()
            && e > s + 1
            // A month ending a run before a number makes it a date ("Monitor July 2, 2020").
            && crate::calendar::month_from_name(run[e - 1].folded).is_some()
            && run[e - 1].punct_after.is_none()
            && tokens.get(start + e).is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()));
        if dated {
            e -= 1;
        }
        // The run's own end, a date after it aside.
        let run_end = if dated { e + 1 } else { e };
        while s < e && run[s].folded.contains("year-old") {
            s += 1;
        }
        // A title inside the run ("Tarrant County Judge Glen Whitley"): the name follows it.
        if let Some(k) = (s..e).rev().find(|&k| run[k].cap && self.is(&run[k], class::TITLE)) {
            if e - (k + 1) >= 2 && !self.is(&run[s], class::GIVEN) || k == s {
                s = k + 1;
                titled = true;
                personal |= !self.is(&run[k], class::MODIFIER);
            }
        }
        if s >= e {
            return None;
        }
        let name = &run[s..e];
        let first = &name[0];
        let last = &name[name.len() - 1];
        if !titled && s == 0 && start > 0 {
            let prev = &tokens[start - 1];
            // A lowercase title or word for a person right before the run: "vice president
            // Masoumeh Ebtekar", "attorney general William Barr", "herder Lekishon Lenaiyasa".
            let described =
                prev.punct_after.is_none() && !prev.cap && self.describes_person(tokens, start - 1);
            // Or one set off by commas before a run set off by commas: "The New South Wales
            // Premier, Gladys Berejiklian, declared", "his wife, Lilian Tintori, and".
            // Not when the title is itself set off after a name: "Jerry Gottlieb, senior vice
            // president, Lorimar-Telepictures, will serve".
            let apposed = prev.punct_after == Some(',')
                && self.is_person_word(prev)
                && (last.punct_after.is_some_and(|c| matches!(c, ',' | ';' | ')')) || last.sentence_end)
                && self
                    .description_start(tokens, start - 1)
                    .checked_sub(1)
                    .is_none_or(|k| tokens[k].punct_after != Some(','));
            if described || apposed {
                titled = true;
                personal = true;
            }
        }
        // An age set off by commas names a person, also at the start of a sentence: "Polina,
        // 34, said".
        if !titled && e == run.len() && last.punct_after == Some(',') {
            if let Some(age) = tokens.get(start + e) {
                let years = age.text.parse::<u8>().is_ok_and(|years| (1..120).contains(&years));
                // Not "Antofagasta, 1,000 km" or "Trave Ore, 106,490 dwt".
                let thousands = tokens
                    .get(start + e + 1)
                    .is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()));
                if years && !thousands && age.punct_after == Some(',') {
                    titled = true;
                    personal = true;
                }
            }
        }
        let before = if s == 0 && start > 0 { Some(&tokens[start - 1]) } else { None };
        let after = tokens.get(start + e);
        let given = self.is(first, class::GIVEN);
        if let Some(after) = after {
            // "the Trump administration", "Keller Group"-style continuations.
            if e == run.len()
                && last.punct_after.is_none()
                && !last.possessive
                && self.is(after, class::ORG_AFTER)
            {
                return None;
            }
            // A photo credit: "Jessica Taylor/AFP/Getty Images", "Jane Doe / Getty Images".
            if e == run.len() && last.punct_after == Some('/') && PHOTO_AGENCIES.contains(&after.folded) {
                return None;
            }
        }
        let trimmed = s > 0 || e < run.len();
        let mut org_context = trimmed && self.is_known_name(name, scratch)
            || self.is(last, class::ORG_WORD) && name.len() > 1 && run_end == run.len()
            || (!titled && self.is(first, class::PREFIX))
            || (name.len() > 1 && !given && (self.is(last, class::PLACE) || self.is(first, class::PLACE)))
            || (name.len() == 1 && self.is(first, class::NATIONALITY | class::ORG_WORD));
        if let Some(b) = before {
            if !titled
                && !given
                && !last.possessive
                && b.punct_after.is_none()
                && self.is(b, class::PLACE_BEFORE)
            {
                org_context = true;
            }
        }
        // "the coastal province of Zhejiang", "the city of Qom".
        if !titled
            && start >= 2
            && tokens[start - 1].folded == "of"
            && !tokens[start - 2].cap
            && PLACE_OF.contains(&tokens[start - 2].folded)
        {
            org_context = true;
        }
        // An appositive that says what the run is: "Burisma, the energy company", "Golos, an
        // independent election monitoring group", "Bodalla, a town in New South Wales".
        if !titled && e == run.len() && self.apposition_is_thing(tokens, start + e) {
            org_context = true;
        }
        // A quoted title of a work: "Norma Rae".
        if first.punct_before.is_some_and(|c| matches!(c, '"' | '\u{201c}'))
            && last.punct_after.is_some_and(|c| matches!(c, '"' | '\u{201d}'))
            && !titled
        {
            org_context = true;
        }
        let speech = self.speech_near(tokens, start + s, start + e)
            || (name.len() > 1 && e == run.len() && self.subject_of_pronoun(tokens, start + e));
        Some(Mention {
            name,
            sentence_start: name[0].sentence_start || (s > 0 && run[0].sentence_start && !titled),
            titled,
            personal,
            speech,
            org_context,
        })
    }

    /// Whether `tokens[k]`, lowercase, ends a chain of lowercase titles that names a person's
    /// office or occupation ("vice president", "attorney general", "deputy health minister",
    /// "herder"), not only a qualifier ("former", "state").
    fn describes_person(&self, tokens: &[Token<'_>], mut k: usize) -> bool {
        loop {
            let token = &tokens[k];
            if token.cap {
                return false;
            }
            if self.is_person_word(token) {
                return true;
            }
            if !self.is_title(token) || k == 0 || tokens[k - 1].punct_after.is_some() {
                return false;
            }
            k -= 1;
        }
    }

    /// The first token of the description that ends at `tokens[k]`: up to three lowercase
    /// words before it that are no function words ("senior vice president", "retired teacher").
    fn description_start(&self, tokens: &[Token<'_>], mut k: usize) -> usize {
        let end = k;
        while k > 0
            && end - k < 3
            && tokens[k - 1].punct_after.is_none()
            && !tokens[k - 1].cap
            && !self.is(&tokens[k - 1], class::NON_NAME)
        {
            k -= 1;
        }
        k
    }

    /// A word for a person: a personal title ("premier", "minister", not "former", nor in
    /// lowercase one of `BUSINESS_TITLES`) or one of `PERSON_NOUNS` ("herder", "wife").
    fn is_person_word(&self, token: &Token<'_>) -> bool {
        self.is(token, class::PERSON_NOUN)
            || (self.is_title(token)
                && !self.is(token, class::MODIFIER)
                && (token.cap || !BUSINESS_TITLES.contains(&token.folded)))
    }

    /// Whether the run ending before `tokens[next]` is followed by ", a/an/the …" whose head noun
    /// (its last word before a function word or punctuation) names an organisation or a place
    /// ("the energy company where", "a militant group once"), not a person ("the ministry
    /// spokesman", "a port employee who").
    fn apposition_is_thing(&self, tokens: &[Token<'_>], next: usize) -> bool {
        if next == 0 || tokens[next - 1].punct_after != Some(',') {
            return false;
        }
        if !tokens.get(next).is_some_and(|t| matches!(t.folded, "a" | "an" | "the")) {
            return false;
        }
        let mut head = None;
        let mut after_head = None;
        for token in tokens.iter().skip(next + 1).take(8) {
            if APPOSITION_ENDS.contains(&token.folded) || self.is(token, class::SPEECH) {
                after_head = Some(token);
                break;
            }
            head = Some(token);
            if token.punct_after.is_some() || token.possessive {
                break;
            }
        }
        // "Robert Gibson, the company said", "started by Geoffrey de Havilland, the company has
        // turned out": a new clause, not an apposition.
        if after_head.is_some_and(|t| self.is(t, class::SPEECH) || APPOSITION_VERBS.contains(&t.folded)) {
            return false;
        }
        let thing = head.is_some_and(|h| {
            !h.cap
                && !h.possessive
                && self.is(h, class::ORG_WORD | class::PLACE_BEFORE)
                && !self.is_person_word(h)
                && !PREPOSITIONS.contains(&h.folded)
                && h.folded != "broker"
        });
        // "the ministry of transport official leading …": a person word later in the phrase.
        thing
            && !tokens
                .iter()
                .skip(next + 1)
                .take(8)
                .take_while(|t| !matches!(t.folded, "who" | "whose" | "which" | "where" | "that"))
                .scan(false, |ended, t| {
                    let seen = !*ended;
                    *ended = t.punct_after.is_some();
                    seen.then_some(t)
                })
                .any(|t| self.is(t, class::PERSON_NOUN) || (self.is_title(t) && !self.is(t, class::MODIFIER)))
    }

    /// Whether the run ending before `tokens[next]` is the subject of a clause whose later
    /// possessive or reflexive pronoun can only be it: "Dwayne Okafor-Reyes is still rebuilding
    /// his hardware store", "Elie Haddad-Saab searched the silos with a photograph of his
    /// brother" (a verb follows the run, "his"/"her"/"himself"/"herself" comes later in the
    /// sentence, and no capitalised word between could be the one it means). Companies take
    /// "its"; "he said" is an attribution to someone else, so only possessives count.
    fn subject_of_pronoun(&self, tokens: &[Token<'_>], next: usize) -> bool {
        let Some(verb) = tokens.get(next) else { return false };
        if next == 0 || tokens[next - 1].punct_after.is_some() || tokens[next - 1].possessive || verb.cap {
            return false;
        }
        let verb_like = AUXILIARIES.contains(&verb.folded)
            || (verb.folded.len() > 4 && verb.folded.ends_with("ed") && !self.is(verb, class::NON_NAME));
        if !verb_like {
            return false;
        }
        for token in &tokens[next..tokens.len().min(next + 30)] {
            if matches!(token.folded, "his" | "her" | "himself" | "herself") {
                return true;
            }
            if token.cap && !token.sentence_start || token.sentence_end {
                return false;
            }
        }
        false
    }

    /// A speech verb or an appositive around `tokens[start..end]`: "Hale said", "said Hale",
    /// "Hale, 45,", "Hale, a spokesman", "according to Hale".
    fn speech_near(&self, tokens: &[Token<'_>], start: usize, end: usize) -> bool {
        let last = &tokens[end - 1];
        if let Some(next) = tokens.get(end) {
            // "Hale said"; "the adviser, Moncef Slaoui, said" (set off by commas on both sides,
            // unlike "Ministry of Trade and Industry, said").
            let appositive = last.punct_after == Some(',')
                && start > 0
                && tokens[start - 1].punct_after == Some(',')
                && matches!(next.folded, "said" | "says" | "told" | "added");
            if (last.punct_after.is_none() || appositive) && self.is(next, class::SPEECH) {
                return true;
            }
            if last.punct_after == Some(',')
                && (matches!(next.folded, "a" | "an" | "the" | "who" | "whose")
                    || next.text.bytes().all(|b| b.is_ascii_digit())
                    || self.is(next, class::TITLE))
            {
                return true;
            }
        }
        if start > 0 {
            let prev = &tokens[start - 1];
            let plain = prev.punct_after.is_none();
            // Naming a person: "a designer named Polina", "identified only as Shirin" (not "a dog
            // named Sully", "a company named …").
            if plain && prev.folded == "named" && start > 1 {
                // A noun before "named" (not a verb's subject: "Avnet named Dillon, Read").
                let noun = &tokens[start - 2];
                return !noun.cap
                    && noun.punct_after.is_none()
                    && !self.is(noun, class::NON_NAME | class::PLACE_BEFORE | class::ORG_WORD);
            }
            if plain && prev.folded == "as" && start > 2 {
                let (a, b) = (tokens[start - 2].folded, tokens[start - 3].folded);
                if a == "identified" || (a == "only" && matches!(b, "identified" | "known")) {
                    return true;
                }
            }
            if matches!(prev.folded, "said" | "says" | "asked" | "told" | "to") && prev.punct_after.is_none()
            {
                return prev.folded != "to" || (start > 1 && tokens[start - 2].folded == "according");
            }
        }
        false
    }
}

/// ASCII-case-insensitive `haystack.contains(needle)` for a lowercase ASCII needle.
fn contains_ci(haystack: &str, needle: &str) -> bool {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else { return true };
    hay.len() >= needle.len()
        && (0..=hay.len() - needle.len()).any(|i| {
            hay[i].to_ascii_lowercase() == first && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
        })
}

fn ends_with_ci(text: &str, suffix: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= suffix.len() && bytes[bytes.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Labels that open a credit, contact, photo-credit or link line: from such a label at the
/// start of a sentence to the end of its line, the text names the people who made or sell the
/// story ("Reporting by …; Editing by …", "--With assistance from …", "Media contact: …",
/// "Photograph: Jane Doe/AFP"), or other stories ("Read more: …"), not the people it is about.
/// Case-insensitive; a space matches any run of whitespace.
const CREDIT_LABELS: &[&str] = &[
    "reporting by",
    "additional reporting by",
    "editing by",
    "writing by",
    "compiled by",
    "graphics by",
    "with assistance from",
    "to contact the reporter",
    "to contact the reporters",
    "to contact the editor",
    "to contact the editors",
    "contributing:",
    "contributors:",
    "photograph:",
    "photographs:",
    "photo:",
    "photos:",
    "photo credit",
    "image:",
    "image source",
    "picture:",
    "pictures:",
    "credit:",
    "credits:",
    "media contact",
    "media:",
    "investor contact",
    "investors:",
    "investor relations:",
    "press contact",
    "contact:",
    "contacts:",
    "read more:",
    "read also",
    "related:",
    "related topics",
    "related internet links",
    "related links",
    "related stories",
    "see also:",
    "more on this story",
    "topics:",
    "tags:",
];

/// The body without credits, contacts, photo credits and link lines (see `credit_start`) and
/// without the author list of a front-matter header; in a transcript, the ALL-CAPS speaker
/// labels ("MARGARET SMITH, HOST:") are title-cased behind the title "Speaker", so the person
/// who speaks counts like any titled name. None when nothing changes (most bodies).
fn clean_body(body: &str) -> Option<String> {
    // Whether the body is a transcript, asked at the first line that looks like a label.
    let mut transcript: Option<bool> = None;
    let mut out: Option<String> = None;
    let mut author_list = false;
    let mut offset = 0;
    for line in body.split('\n') {
        let start = offset;
        offset += line.len() + 1;
        let trimmed = line.trim();
        let edited: Option<std::borrow::Cow<'_, str>> = if author_list
            && (trimmed.is_empty() || trimmed.starts_with("- ") || trimmed.starts_with("* "))
        {
            Some("".into())
        } else if let Some(cut) = credit_start(line) {
            author_list = ["authors:", "author:", "byline:", "by:", "reporters:"]
                .iter()
                .any(|label| trimmed.eq_ignore_ascii_case(label));
            Some(line[..cut].into())
        } else {
            author_list = false;
            speaker_label(line).filter(|_| *transcript.get_or_insert_with(|| is_transcript(body))).map(
                |(name, rest)| {
                    let mut edited = String::with_capacity(line.len() + 10);
                    edited.push_str("Speaker ");
                    title_case_into(name, &mut edited);
                    edited.push_str(rest);
                    edited.into()
                },
            )
        };
        match (&mut out, edited) {
            (Some(out), edited) => {
                out.push('\n');
                out.push_str(edited.as_deref().unwrap_or(line));
            }
            (None, Some(edited)) => {
                let mut text = String::with_capacity(body.len());
                text.push_str(&body[..start]);
                text.push_str(&edited);
                out = Some(text);
            }
            (None, None) => {}
        }
    }
    out
}

/// Where the credit part of a line starts: 0 for a whole byline, credit, bio or contact line
/// (`is_credit_line`), else the offset of a `CREDIT_LABELS` label that opens a sentence of the
/// line ("… vote on Brexit options. Photograph: Jane Doe/AFP/Getty Images"). None for story text.
/// True when `line` opens with a credit, contact or photo-credit label, or is a credit line
/// ("Reporting by …", "Write to … @…", "Photograph: …"): the layout's trailer drops those.
pub(crate) fn credit_line(line: &str) -> bool {
    is_credit_line(line) || label_at(line, 0)
}

fn credit_start(line: &str) -> Option<usize> {
    if credit_line(line) {
        return Some(0);
    }
    // Sentences start after ". ", "? ", "! ", "; " or ") ": the first labelled one of each kind.
    let bytes = line.as_bytes();
    let after = |end: usize| bytes.get(end + 1) == Some(&b' ') && label_at(line, end + 1);
    let first = memchr::memchr3_iter(b'.', b';', b')', bytes).find(|&end| after(end));
    let second = memchr::memchr2_iter(b'?', b'!', bytes).find(|&end| after(end));
    first.into_iter().chain(second).min().map(|end| end + 1)
}

/// Whether a `CREDIT_LABELS` label starts at byte `at` of `line`, after markup or opening
/// punctuation ("--With", "(Photo:", "*Related:").
fn label_at(line: &str, at: usize) -> bool {
    let bytes = line.as_bytes();
    let mut p = at;
    while p < bytes.len() && matches!(bytes[p], b' ' | b'\t' | b'-' | b'*' | b'_' | b'(' | b'#' | b'>' | b'[')
    {
        p += 1;
    }
    // The first two letters of some label, checked before the labels themselves.
    static OPENINGS: OnceLock<[u32; 26]> = OnceLock::new();
    let openings = OPENINGS.get_or_init(|| {
        let mut openings = [0u32; 26];
        for label in CREDIT_LABELS {
            let b = label.as_bytes();
            openings[usize::from(b[0] - b'a')] |= 1 << (b[1] - b'a');
        }
        openings
    });
    let letter = |k: usize| bytes.get(k).map(u8::to_ascii_lowercase).filter(u8::is_ascii_lowercase);
    let (Some(first), Some(second)) = (letter(p), letter(p + 1)) else {
        return false;
    };
    openings[usize::from(first - b'a')] & (1 << (second - b'a')) != 0
        && CREDIT_LABELS.iter().any(|label| starts_with_label(&line[p..], label))
}

/// Whether `text` starts with `label`, ASCII case-insensitively, a label space matching any run
/// of whitespace ("BY\tBy …"), and a label that ends in a letter ending at a word boundary.
fn starts_with_label(text: &str, label: &str) -> bool {
    let (text, label) = (text.as_bytes(), label.as_bytes());
    let (mut i, mut j) = (0, 0);
    while j < label.len() {
        if label[j] == b' ' {
            if !text.get(i).is_some_and(u8::is_ascii_whitespace) {
                return false;
            }
            while text.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
        } else {
            if !text.get(i).is_some_and(|b| b.eq_ignore_ascii_case(&label[j])) {
                return false;
            }
            i += 1;
        }
        j += 1;
    }
    !label.last().is_some_and(u8::is_ascii_alphanumeric)
        || !text.get(i).is_some_and(u8::is_ascii_alphanumeric)
}

/// Words that name a role, not a person, in a transcript label ("UNIDENTIFIED MAN:", "HOST:").
const SPEAKER_ROLES: &[&str] = &[
    "unidentified",
    "unknown",
    "man",
    "woman",
    "person",
    "people",
    "boy",
    "girl",
    "child",
    "crowd",
    "group",
    "audience",
    "host",
    "anchor",
    "announcer",
    "narrator",
    "reporter",
    "correspondent",
    "interviewer",
    "moderator",
    "caller",
    "byline",
    "voice",
    "speaker",
    "translator",
    "interpreter",
    "note",
    "editor",
    "correction",
    "update",
    "source",
    "sources",
    "q",
    "a",
];

/// A transcript speaker label at the start of a line: ALL-CAPS name words, an optional
/// ", ROLE", then a colon ("MARGARET SMITH, HOST: …", "SMITH: …"). Returns the name and the
/// text from the colon on (the role is dropped).
fn speaker_label(line: &str) -> Option<(&str, &str)> {
    let text = line.trim_start();
    // Most lines open with a mixed-case word ("The"): rejected before any search.
    let mut chars = text.chars();
    if !chars.next().is_some_and(char::is_uppercase)
        || chars.next().is_some_and(|c| c.is_lowercase() || c == ' ')
    {
        return None;
    }
    let name_end = text.find([',', ':'])?;
    let name = &text[..name_end];
    let words = name.split(' ');
    let mut count = 0;
    for word in words {
        count += 1;
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if count > 5
            || letters == 0
            || !word.chars().all(|c| c.is_uppercase() || matches!(c, '-' | '\'' | '\u{2019}' | '.'))
            || SPEAKER_ROLES.iter().any(|role| word.eq_ignore_ascii_case(role))
        {
            return None;
        }
    }
    // Two letters or more.
    name.chars().filter(|c| c.is_alphabetic()).nth(1)?;
    let mut rest = &text[name_end..];
    if let Some(role) = rest.strip_prefix(", ") {
        let colon = role.find(':')?;
        if colon == 0 || !role[..colon].chars().all(|c| c.is_uppercase() || matches!(c, ' ' | '-' | '.')) {
            return None;
        }
        rest = &role[colon..];
    }
    let after = rest.strip_prefix(':')?;
    (after.is_empty() || after.starts_with(char::is_whitespace)).then_some((name, rest))
}

/// Whether the body is a broadcast transcript: three speaker labels or more, one of them with
/// a role ("…, HOST:"), so that ALL-CAPS datelines and table rows ("NOTE:") are never labels.
fn is_transcript(body: &str) -> bool {
    let mut labels = 0;
    let mut with_role = false;
    for line in body.lines() {
        if let Some((name, _)) = speaker_label(line) {
            labels += 1;
            with_role |= line.trim_start()[name.len()..].starts_with(',');
        }
    }
    labels >= 3 && with_role
}

/// Appends an ALL-CAPS name in title case: "OKAFOR-LINDQVIST" → "Okafor-Lindqvist", "BASHAR
/// AL-ASSAD" → "Bashar al-Assad" (particles after the first word stay lowercase).
fn title_case_into(name: &str, out: &mut String) {
    for (i, word) in name.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut rest = word;
        if i > 0 {
            if PARTICLES.iter().any(|p| word.eq_ignore_ascii_case(p)) {
                out.extend(word.chars().flat_map(char::to_lowercase));
                continue;
            }
            // An attached particle stays lowercase: "AL-ASSAD" → "al-Assad".
            if let Some(p) = HYPHEN_PARTICLES.iter().find(|p| {
                word.get(..p.len()).is_some_and(|w| w.eq_ignore_ascii_case(p)) && word.len() > p.len()
            }) {
                out.push_str(p);
                rest = &word[p.len()..];
            }
        }
        let mut upper = true;
        for c in rest.chars() {
            if upper {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            upper = !c.is_alphabetic();
        }
    }
}

/// Byline and credit lines are not mentions: "By Name, Associated Press", "(Reporting by …)",
/// "… contributed to this report", "Name, Staff Writer", "A And B, Publication on Jan 1, 2019",
/// "Write to Name at name@example.com", "Contacts Investors: …", an italic author bio
/// ("*Name reports on China from Beijing.*") and a tag list ("Topics Brexit Theresa May").
/// Runs on every line of every body, so it compares bytes case-insensitively in place.
fn is_credit_line(line: &str) -> bool {
    let line = line.trim();
    let t = line.trim_start_matches(['-', '*', '_', '#', '>', ' ']);
    // Dispatched on the first letter: most lines start with none of these labels.
    let labelled = match t.as_bytes().first().map(u8::to_ascii_lowercase) {
        Some(b'w') => starts_with_label(t, "write to") && t.contains('@'),
        Some(b'c' | b'm' | b'i') => {
            [
                "contact",
                "contacts",
                "media contact",
                "media contacts",
                "investor contact",
                "investor contacts",
            ]
            .iter()
            .any(|p| starts_with_label(t, p))
                && t.split_whitespace().take(3).any(|w| w.ends_with(':'))
        }
        Some(b't') => starts_with_label(t, "topics") && !t.ends_with(['.', '?', '!', '"', '\u{201d}']),
        _ => false,
    };
    if labelled || (line.starts_with(['*', '_', '-']) && is_bio_line(line)) {
        return true;
    }
    // Most lines are paragraphs: past 14 words only the "contributed" form can match.
    let words = count_words(t, 15);
    if words > 14 {
        static CONTRIBUTED: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
        let finder = CONTRIBUTED.get_or_init(|| memchr::memmem::Finder::new("contributed to this report"));
        return finder.find(t.as_bytes()).is_some() && count_words(t, 31) <= 30;
    }
    if words == 0 {
        return false;
    }
    ["by ", "(reporting by", "author:", "authors:", "byline:", "visit "]
        .iter()
        .any(|p| starts_with_label(t, p))
        || ["staff writer", "correspondent", "associated press", ", reuters"]
            .iter()
            .any(|s| ends_with_ci(t, s))
        || contains_ci(t, "contributed to this report")
        || contains_ci(t, "powered by")
        || (t.ends_with(|c: char| c.is_ascii_digit())
            && contains_ci(t, " and ")
            && t.contains(", ")
            && contains_ci(t, " on "))
}

/// An italic line that describes the author: "*Name reports on China's economy from Beijing.*",
/// "_Name is a journalist based in Istanbul._" (leading "---" rules allowed).
fn is_bio_line(line: &str) -> bool {
    let t = line.trim_start_matches(['-', ' ']);
    let italic = |open: char| t.starts_with(open) && t.trim_end().ends_with(open);
    (italic('*') || italic('_'))
        && [" reports ", " covers ", " writes ", " is a ", " is an ", " is the "]
            .iter()
            .any(|p| t.contains(p))
}

/// Whether `folded` (a lowercase word) occurs in `body` as a whole lowercase word.
fn appears_lowercase(body: &str, folded: &str) -> bool {
    let bytes = body.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    memchr::memmem::find_iter(bytes, folded.as_bytes()).any(|at| {
        let end = at + folded.len();
        (at == 0 || !is_word(bytes[at - 1])) && (end == bytes.len() || !is_word(bytes[end]))
    })
}

/// Whitespace-separated words of `text`, counted up to `limit`.
fn count_words(text: &str, limit: usize) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let space = b.is_ascii_whitespace();
        if !space && !in_word {
            words += 1;
            if words >= limit {
                return words;
            }
        }
        in_word = !space;
    }
    words
}

/// Whether two multiword mentions name the same person: same surname, same Jr./Sr. status,
/// and the given names of one contained in the other's ("Michael Pompeo" ⊂ "Michael R. Pompeo").
fn same_person(a: &Mention<'_>, b: &Mention<'_>) -> bool {
    if a.is_junior() != b.is_junior() {
        return false;
    }
    let (mut ia, mut ib) = (a.initials().peekable(), b.initials().peekable());
    if ia.peek().is_some() && ib.peek().is_some() && !ia.eq(ib) {
        return false;
    }
    if a.surname() != b.surname() {
        return false;
    }
    let (ca, cb) = (a.core(), b.core());
    let (short, long) = if ca.clone().count() <= cb.clone().count() { (ca, cb) } else { (cb, ca) };
    short.into_iter().all(|t| long.clone().any(|l| l == t))
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
    fn wire_copy_companies_and_committees_are_not_people() {
        let body = "Chrysler Corp raised prices on Monday. Chrysler said demand was strong, U.S. \
                    Officials said, and officials at the Ministry of International Trade and Industry, said \
                    nothing. Newmont Gold said gold output rose. House Banking members met in the morning.";
        assert_eq!(people(body), Vec::<String>::new());
    }

    #[test]
    fn appositive_names_count_and_mid_sentence_runs_need_evidence() {
        let body = "The program's chief adviser, Moncef Slaoui, said the gap would close. Talks with \
                    Keystone Midland stalled while Esperanza Quist was away.";
        assert_eq!(people(body), ["Moncef Slaoui"]);
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
    fn credit_contact_and_photo_lines_are_not_mentions() {
        let body = "MPs watch as Nick Boles speaks. Photograph: Jessica Taylor/AFP/Getty Images\n\n\
                    (Photo: Jane Doe / Getty Images)\n\n\
                    Reporting by Elizabeth Piper and William James in London; Editing by Janet Lawrence\n\n\
                    --With assistance from Dina Khrennikova.\n\n\
                    To contact the reporters on this story: Helen Robertson in London at hr@example.com\n\n\
                    Write to Tom Fairweather at tom@example.com\n\n\
                    Contacts Investors: Dominic Ferreira, +1 212-555-0190 Media: Helena Brightwater\n\n\
                    Contributing: Grace Hauck\n\n\
                    *By Lin Qiaoyun*\n\n\
                    --- *Lin Qiaoyun reports on China's economy from Beijing.*";
        assert_eq!(people(body), ["Nick Boles"]);
    }

    #[test]
    fn front_matter_author_lists_are_credits() {
        let body = "authors:\n\n- Priscilla Odum\n\n- Benjamin Szabo\n\nFed Chair Jerome H. Powell spoke.";
        assert_eq!(people(body), ["Jerome H. Powell"]);
    }

    #[test]
    fn transcript_speaker_labels_are_title_cased_names() {
        let body = "MARGARET OKAFOR, HOST:\n\n\
                    Good evening. I'm Margaret Okafor, and Desmond Achterberg is here.\n\n\
                    DESMOND ACHTERBERG, BYLINE: Hi, Margaret.\n\nOKAFOR: What changed?\n\n\
                    ACHTERBERG: The testimony.\n\nUNIDENTIFIED PERSON: No comment.";
        assert_eq!(people(body), ["Margaret Okafor", "Desmond Achterberg"]);
    }

    #[test]
    fn lowercase_descriptions_and_appositions_name_people() {
        let body = "Oksana, 34, said she voted no. \
                    In Samburu County, herder Lekishon Lenaiyasa walked a field. Officials infected \
                    include vice president Masoumeh Ebtekar. The New South Wales Premier, Gladys \
                    Berejiklian, declared an emergency. Leopoldo López, his wife, Lilian Tintori, and \
                    their daughter left. His neighbor, a designer named Polina, said she voted no. \
                    \"We reuse masks,\" said a nurse who asked to be identified only as Shirin.";
        assert_eq!(
            people(body),
            [
                "Oksana",
                "Lekishon Lenaiyasa",
                "Masoumeh Ebtekar",
                "Gladys Berejiklian",
                "Leopoldo López",
                "Lilian Tintori",
                "Polina",
                "Shirin"
            ]
        );
    }

    #[test]
    fn companies_and_places_described_as_such_are_not_people() {
        let body = "Sondland wanted an investigation of Burisma, the energy company where Hunter Biden \
                    sat on the board. For exporters in the coastal province of Zhejiang, the escalation \
                    hurt, and Hayat Tahrir al-Sham, a militant group, holds Idlib. Dale Burdett Inc faces \
                    claims, Dale Burdett said. The notes were priced at par, said lead manager Goldman, \
                    Sachs and Co. Avnet named Dillon, Read and Co as manager. Jerry Gottlieb, senior \
                    vice president, Lorimar-Telepictures, will serve.";
        assert_eq!(people(body), ["Hunter Biden", "Jerry Gottlieb"]);
    }

    #[test]
    fn headline_and_tag_words_do_not_join_names() {
        let body = "MPs rejected Theresa May's deal again.\n\n\
                    Read more: China's Oil Demand Slump Is the Biggest Since the Crisis\n\n\
                    The Christian Science Monitor July 2, 2020\n\n\
                    Topics Brexit European Union House of Commons Theresa May";
        assert_eq!(people(body), ["Theresa May"]);
    }

    #[test]
    fn possessives_own_things_and_employ_people() {
        let body = "MPs rejected Theresa May's Brexit deal. Sweden's Nordbanken banking group said it \
                    would wait. James O'Neill of Marine Midland Bank spoke. \
                    Marine Midland's O'Neill said the dollar fell. A choir from Prince George's County sang.";
        assert_eq!(people(body), ["Theresa May", "James O'Neill"]);
    }

    #[test]
    fn a_possessive_pronoun_later_in_the_sentence_points_back_at_its_subject() {
        let body = "In the town of Paradise, Dwayne Okafor-Reyes is still rebuilding his hardware store. \
                    Keystone Midland rejected the offer, the Walton Group said, and Gross National \
                    Product was falling, he said. Norbert Quist-Varga searched the ruins with his brother.";
        assert_eq!(people(body), ["Dwayne Okafor-Reyes", "Norbert Quist-Varga"]);
    }

    #[test]
    fn plural_of_a_surname_is_no_new_person() {
        let body = "Senator Ron Johnson met Boris Johnson. The two Johnsons, who are not related, joked.";
        assert_eq!(people(body), ["Ron Johnson", "Boris Johnson"]);
    }

    #[test]
    fn title_case_keeps_particles_lowercase() {
        let mut out = String::new();
        title_case_into("BASHAR AL-ASSAD", &mut out);
        out.push('|');
        title_case_into("URSULA VON DER LEYEN", &mut out);
        out.push('|');
        title_case_into("O'NEILL-LÓPEZ", &mut out);
        assert_eq!(out, "Bashar al-Assad|Ursula von der Leyen|O'Neill-López");
    }

    #[test]
    fn person_key_folds_initials_accents_and_numerals() {
        assert_eq!(person_key("Robert S. Mueller III"), person_key("Robert Mueller"));
        assert_eq!(person_key("Juan Guaidó"), person_key("Juan Guaido"));
        assert_ne!(person_key("Donald Trump Jr."), person_key("Donald Trump"));
        assert_eq!(person_key("Mike Pompeo"), person_key("Michael R. Pompeo"));
    }
}
