//! The people extractor's word tables: particles, suffixes and the words around a run that
//! say person, place or organisation. Tables that mark a class flag are folded into the
//! `Lexicon` once; the others are read in place by the rules.

/// Lowercase particles that may sit inside a name ("Ursula von der Leyen").
pub(crate) const PARTICLES: &[&str] = &[
    "al", "el", "bin", "bint", "ibn", "von", "van", "der", "den", "de", "del", "della", "di", "da", "dos",
    "das", "du", "la", "le", "ter", "zu",
];
/// Prefixes written attached with a hyphen ("al-Assad").
pub(crate) const HYPHEN_PARTICLES: &[&str] =
    &["al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-", "bin-", "abu-"];
/// Generational suffixes, part of the name.
pub(crate) const SUFFIXES: &[&str] = &["jr.", "jr", "sr.", "sr", "ii", "iii", "iv"];
/// Words right after a capitalised run that make it a place/organisation/event, not a person.
pub(crate) const ORG_AFTER: &[&str] =
    &["administration", "era", "doctrine", "government", "regime", "presidency", "family's"];
/// Words right before a run that make it a place or an organisation unless it is clearly a name
/// (with `PREPOSITIONS`, which do the same).
pub(crate) const PLACE_BEFORE: &[&str] = &[
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
pub(crate) const PERSON_NOUNS: &str = "
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
    seed champion titleholder compatriot countryman countrywoman star rookie teenager newcomer
    youngster runner-up sprinter hurdler jumper thrower player midfielder defender winger
    skipper batsman bowler spinner paceman all-rounder
    wicketkeeper jockey rider fly-half scrum-half full-back quarterback pitcher outfielder
    shortstop playmaker substitute winner left-hander right-hander
";
/// Titles that, written in lowercase, also qualify companies or things ("lead manager Goldman,
/// Sachs", "financial adviser Dillon, Read", "major West German banks", "official Yugoslav
/// figures", "auditor Arthur Andersen"): no evidence of a person before a run.
pub(crate) const BUSINESS_TITLES: &[&str] = &[
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
pub(crate) const PLACE_OF: &[&str] = &[
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
pub(crate) const RUN_BREAKERS: &[&str] = &[
    "and", "or", "the", "for", "but", "is", "are", "was", "were", "be", "been", "has", "have", "had", "of",
    "with", "from", "by", "that", "this", "than", "into", "its", "his", "her", "their", "our", "your", "she",
    "they", "we", "it", "not", "if", "as", "at", "in", "after", "before", "over", "under",
];
/// Prepositions: like `PLACE_BEFORE` before a run, and never the head noun of an apposition.
pub(crate) const PREPOSITIONS: &[&str] = &[
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
pub(crate) const APPOSITION_ENDS: &[&str] = &[
    "in", "at", "of", "for", "with", "from", "on", "by", "to", "near", "who", "whose", "which", "that",
    "where", "when", "once", "and", "or", "but", "since", "after", "before", "until", "while", "than", "as",
    "is", "was", "has", "had", "have", "will", "would", "based", "owned", "run", "led", "founded",
];
/// Auxiliary and common finite verbs that follow a clause's subject ("… is still rebuilding").
pub(crate) const AUXILIARIES: &[&str] = &[
    "is", "was", "has", "had", "will", "would", "can", "could", "says", "said", "told", "took", "gave",
    "made", "went", "came", "spent", "lost", "left", "keeps", "kept", "runs", "ran",
];
/// Finite verbs that, right after ", the company", start a new clause.
pub(crate) const APPOSITION_VERBS: &[&str] =
    &["is", "was", "has", "had", "have", "will", "would", "are", "were"];
/// Legal forms that end a company's name ("Dale Burdett Inc", "Kredi Bankasi A.S.").
pub(crate) const LEGAL_FORMS: &[&str] = &[
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
pub(crate) const PHOTO_AGENCIES: &[&str] = &[
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
pub(crate) const PREFIX_WORDS: &[&str] = &[
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
    "ras",
];
/// Speech and attribution verbs: "…, Hale said", "said Hale".
pub(crate) const SPEECH: &[&str] = &[
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
pub(crate) const MODIFIER_TITLES: &[&str] = &[
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
pub(crate) const TRAILING: &[&str] = &[
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
