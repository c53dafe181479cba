//! Deterministic benchmark corpus generator.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --count N --seed S --out DIR \
//!     [--sentences DIR] [--near-dups K]
//! ```
//!
//! Writes N articles of 2–6 KB in every layout morgue parses (web scrape, AP wire, Reuters
//! 1987 and modern, labelled header, plain) to `DIR/shard-NNN/NNNNNNN.txt` (1,000 files per
//! folder), then K near-duplicates of randomly chosen articles (changed headline, trimmed
//! trailer, one paragraph re-typed) listed in `DIR/near-dups.tsv`. Every article is a pure
//! function of (seed, number), so the output does not depend on thread scheduling. With
//! `--sentences DIR` most body sentences are drawn from the real articles under DIR; the
//! lede, the people and the topic vocabulary always come from the built-in model below.
//!
//! The word lists here are written for this generator; the people are public figures
//! mentioned by name only, every quote and event is invented.

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use clap::Parser;
use rayon::prelude::*;

/// Generate a synthetic news archive for benchmarks.
#[derive(Debug, Parser)]
struct Args {
    /// Number of articles (near-duplicates come on top)
    #[arg(long)]
    count: usize,
    /// Seed: same seed and count, same corpus byte for byte
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output folder (created; must be empty or missing)
    #[arg(long)]
    out: PathBuf,
    /// Folder of real articles to draw body sentences from
    #[arg(long)]
    sentences: Option<PathBuf>,
    /// Number of planted near-duplicates
    #[arg(long, default_value_t = 0)]
    near_dups: usize,
    /// Files per shard folder
    #[arg(long, default_value_t = 1000)]
    per_shard: usize,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if args.count == 0 {
        bail!("--count must be at least 1");
    }
    if args.per_shard == 0 || args.per_shard > 1000 {
        bail!("--per-shard must be 1..=1000");
    }
    if args.out.exists() && fs::read_dir(&args.out)?.next().is_some() {
        bail!("{} exists and is not empty", args.out.display());
    }
    let started = Instant::now();
    let pool = match &args.sentences {
        Some(dir) => load_sentences(dir)?,
        None => Vec::new(),
    };
    let model = Model { seed: args.seed, pool };
    let total = args.count + args.near_dups;
    for shard in 0..total.div_ceil(args.per_shard) {
        fs::create_dir_all(args.out.join(format!("shard-{shard:03}")))?;
    }
    let rel = |n: usize| format!("shard-{:03}/{n:07}.txt", n / args.per_shard);

    let bytes: u64 = (0..args.count)
        .into_par_iter()
        .map(|n| -> anyhow::Result<u64> {
            let text = model.article(n as u64).render();
            let path = args.out.join(rel(n));
            fs::write(&path, &text).with_context(|| format!("writing {}", path.display()))?;
            Ok(text.len() as u64)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;

    let dups: Vec<(usize, usize, String, u64)> = (0..args.near_dups)
        .into_par_iter()
        .map(|k| -> anyhow::Result<(usize, usize, String, u64)> {
            let mut rng = Rng::new(mix(args.seed ^ 0xd0d0_cafe, k as u64));
            let original = rng.below(args.count as u64) as usize;
            let mut article = model.article(original as u64);
            let edits = article.near_duplicate(&mut rng);
            let text = article.render();
            let n = args.count + k;
            let path = args.out.join(rel(n));
            fs::write(&path, &text).with_context(|| format!("writing {}", path.display()))?;
            Ok((original, n, edits, text.len() as u64))
        })
        .collect::<anyhow::Result<_>>()?;
    let mut tsv = String::from("original\tnear_duplicate\tedits\n");
    for (original, dup, edits, _) in &dups {
        writeln!(tsv, "{}\t{}\t{edits}", rel(*original), rel(*dup)).expect("string write");
    }
    fs::write(args.out.join("near-dups.tsv"), tsv)?;
    let all_bytes = bytes + dups.iter().map(|d| d.3).sum::<u64>();
    let seconds = started.elapsed().as_secs_f64();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{{\"articles\":{},\"near_dups\":{},\"bytes\":{all_bytes},\"seconds\":{seconds:.3},\"sentence_pool\":{}}}",
        args.count,
        args.near_dups,
        model.pool.len()
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Randomness: splitmix64, seeded per article.

fn mix(seed: u64, n: u64) -> u64 {
    let mut z = seed.wrapping_add(n.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_add(0x6A09_E667_F3BC_C909);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0, 0)
    }
    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() >> 32) * n) >> 32
    }
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len() as u64) as usize]
    }
    /// Head-heavy index in `0..n` (roughly Zipf-like: low indexes are far more frequent).
    fn skewed(&mut self, n: usize) -> usize {
        ((n as f64) * self.unit().powf(3.0)) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below((hi - lo + 1) as u64) as usize
    }
}

// ---------------------------------------------------------------------------------------
// The built-in world: topics with their people, places and vocabulary.

struct Person {
    title: &'static str,
    name: &'static str,
}

const fn p(title: &'static str, name: &'static str) -> Person {
    Person { title, name }
}

struct Topic {
    /// Words that name the topic in headlines and text.
    key: &'static str,
    terms: &'static [&'static str],
    people: &'static [Person],
    places: &'static [&'static str],
    weight: u32,
}

const TOPICS: &[Topic] = &[
    Topic {
        key: "iran",
        terms: &[
            "Iran",
            "Tehran",
            "nuclear deal",
            "sanctions",
            "uranium enrichment",
            "oil exports",
            "Strait of Hormuz",
            "Revolutionary Guard",
        ],
        people: &[
            p("Secretary of State", "Mike Pompeo"),
            p("President", "Hassan Rouhani"),
            p("Foreign Minister", "Javad Zarif"),
            p("Supreme Leader", "Ali Khamenei"),
            p("national security adviser", "John Bolton"),
        ],
        places: &["TEHRAN", "WASHINGTON", "VIENNA", "DUBAI, United Arab Emirates", "BRUSSELS"],
        weight: 12,
    },
    Topic {
        key: "venezuela",
        terms: &[
            "Venezuela",
            "Caracas",
            "opposition",
            "humanitarian aid",
            "blackouts",
            "oil company PDVSA",
            "border crossing",
            "interim president",
        ],
        people: &[
            p("President", "Nicolas Maduro"),
            p("opposition leader", "Juan Guaido"),
            p("Colombian President", "Ivan Duque"),
            p("special envoy", "Elliott Abrams"),
            p("Vice President", "Mike Pence"),
        ],
        places: &["CARACAS, Venezuela", "BOGOTA, Colombia", "CUCUTA, Colombia", "WASHINGTON", "MIAMI"],
        weight: 9,
    },
    Topic {
        key: "mueller report",
        terms: &[
            "Mueller report",
            "special counsel",
            "obstruction of justice",
            "Russian interference",
            "grand jury",
            "subpoena",
            "redacted report",
            "House Judiciary Committee",
        ],
        people: &[
            p("special counsel", "Robert S. Mueller III"),
            p("Attorney General", "William Barr"),
            p("Deputy Attorney General", "Rod Rosenstein"),
            p("Rep.", "Jerrold Nadler"),
            p("House Speaker", "Nancy Pelosi"),
        ],
        places: &["WASHINGTON", "NEW YORK", "ALEXANDRIA, Va."],
        weight: 8,
    },
    Topic {
        key: "tariffs",
        terms: &[
            "tariffs",
            "trade war",
            "soybean farmers",
            "steel imports",
            "trade talks",
            "Commerce Department",
            "export controls",
            "supply chains",
        ],
        people: &[
            p("Trade Representative", "Robert Lighthizer"),
            p("President", "Xi Jinping"),
            p("Vice Premier", "Liu He"),
            p("Treasury Secretary", "Steven Mnuchin"),
            p("Commerce Secretary", "Wilbur Ross"),
        ],
        places: &["BEIJING", "WASHINGTON", "SHANGHAI", "DES MOINES, Iowa", "GENEVA"],
        weight: 10,
    },
    Topic {
        key: "brexit",
        terms: &[
            "Brexit",
            "withdrawal agreement",
            "Irish backstop",
            "House of Commons",
            "no-deal exit",
            "European Union",
            "customs union",
            "Parliament",
        ],
        people: &[
            p("Prime Minister", "Theresa May"),
            p("Prime Minister", "Boris Johnson"),
            p("EU negotiator", "Michel Barnier"),
            p("Labour leader", "Jeremy Corbyn"),
            p("Irish Prime Minister", "Leo Varadkar"),
        ],
        places: &["LONDON", "BRUSSELS", "DUBLIN", "BELFAST, Northern Ireland", "STRASBOURG, France"],
        weight: 9,
    },
    Topic {
        key: "covid",
        terms: &[
            "coronavirus",
            "COVID-19",
            "pandemic",
            "lockdown",
            "vaccine trials",
            "intensive care",
            "social distancing",
            "face masks",
        ],
        people: &[
            p("Dr.", "Anthony Fauci"),
            p("WHO Director-General", "Tedros Adhanom Ghebreyesus"),
            p("Gov.", "Andrew Cuomo"),
            p("Chancellor", "Angela Merkel"),
            p("Prime Minister", "Giuseppe Conte"),
        ],
        places: &["NEW YORK", "ROME", "WUHAN, China", "GENEVA", "ATLANTA", "MADRID"],
        weight: 12,
    },
    Topic {
        key: "north korea",
        terms: &[
            "North Korea",
            "Pyongyang",
            "denuclearization",
            "missile test",
            "summit",
            "demilitarized zone",
            "sanctions relief",
            "ballistic missiles",
        ],
        people: &[
            p("leader", "Kim Jong Un"),
            p("South Korean President", "Moon Jae-in"),
            p("envoy", "Stephen Biegun"),
            p("Japanese Prime Minister", "Shinzo Abe"),
        ],
        places: &["SEOUL, South Korea", "TOKYO", "HANOI, Vietnam", "SINGAPORE", "PANMUNJOM, Korea"],
        weight: 7,
    },
    Topic {
        key: "election",
        terms: &[
            "election",
            "primary",
            "polling stations",
            "mail-in ballots",
            "campaign",
            "voter turnout",
            "election security",
            "Electoral College",
        ],
        people: &[
            p("former Vice President", "Joe Biden"),
            p("President", "Donald Trump"),
            p("Sen.", "Bernie Sanders"),
            p("Sen.", "Elizabeth Warren"),
            p("Senate Majority Leader", "Mitch McConnell"),
        ],
        places: &["DES MOINES, Iowa", "MANCHESTER, N.H.", "PHILADELPHIA", "ATLANTA", "MILWAUKEE"],
        weight: 10,
    },
    Topic {
        key: "climate",
        terms: &[
            "climate change",
            "Paris agreement",
            "carbon emissions",
            "wildfires",
            "coal plants",
            "renewable energy",
            "sea levels",
            "heat wave",
        ],
        people: &[
            p("activist", "Greta Thunberg"),
            p("President", "Emmanuel Macron"),
            p("Gov.", "Gavin Newsom"),
            p("U.N. Secretary-General", "Antonio Guterres"),
        ],
        places: &["SACRAMENTO, Calif.", "PARIS", "MADRID", "KATOWICE, Poland", "SYDNEY"],
        weight: 7,
    },
    Topic {
        key: "oil",
        terms: &[
            "crude oil",
            "OPEC",
            "oil prices",
            "production cuts",
            "refineries",
            "shale drillers",
            "barrels a day",
            "futures contracts",
        ],
        people: &[
            p("Saudi Energy Minister", "Khalid al-Falih"),
            p("Russian Energy Minister", "Alexander Novak"),
            p("Crown Prince", "Mohammed bin Salman"),
        ],
        places: &["RIYADH, Saudi Arabia", "HOUSTON", "VIENNA", "MOSCOW", "LONDON"],
        weight: 8,
    },
    Topic {
        key: "syria",
        terms: &[
            "Syria",
            "Islamic State",
            "Kurdish fighters",
            "airstrikes",
            "refugees",
            "ceasefire",
            "Idlib province",
            "chemical weapons",
        ],
        people: &[
            p("President", "Bashar Assad"),
            p("President", "Recep Tayyip Erdogan"),
            p("President", "Vladimir Putin"),
            p("Defense Secretary", "James Mattis"),
        ],
        places: &["BEIRUT", "DAMASCUS, Syria", "ANKARA, Turkey", "ISTANBUL", "AMMAN, Jordan"],
        weight: 8,
    },
];

const FIRST: &[&str] = &[
    "Anna", "Marcus", "Elena", "David", "Priya", "Tomas", "Grace", "Samuel", "Leila", "Oscar", "Hannah",
    "Victor", "Maria", "Jonah", "Ruth", "Kenji", "Sofia", "Patrick", "Nadia", "Felix", "Irene", "Carlos",
    "Beatrice", "Ahmed", "Claire", "Stefan", "Olga", "Derek", "Yuki", "Laura", "Mateo", "Helen",
];
const LAST_A: &[&str] = &[
    "Hal", "Brook", "Wester", "Cal", "Mor", "Ash", "Pen", "Del", "Ren", "Stan", "Whit", "Kess", "Lind",
    "Hart", "Fair", "Gold", "Mar", "Thorn", "Bell", "Dun",
];
const LAST_B: &[&str] = &[
    "field", "man", "wood", "ley", "ton", "croft", "berg", "ridge", "well", "dale", "ford", "stead", "quist",
    "more", "ings", "worth",
];
const ROLES: &[&str] = &[
    "analyst",
    "economist",
    "spokeswoman",
    "spokesman",
    "professor",
    "lawmaker",
    "diplomat",
    "researcher",
    "shop owner",
    "retired teacher",
    "union leader",
    "farmer",
];
const ORGS: &[&str] = &[
    "the Brookings Institution",
    "Georgetown University",
    "the Council on Foreign Relations",
    "Capital Economics",
    "the International Crisis Group",
    "a London consultancy",
    "the state health department",
    "a local hospital",
];
const SUBJECTS: &[&str] = &[
    "officials",
    "the government",
    "lawmakers",
    "diplomats",
    "investors",
    "analysts",
    "the administration",
    "European leaders",
    "critics",
    "residents",
    "the ministry",
    "negotiators",
    "regulators",
    "prosecutors",
    "the central bank",
    "industry groups",
    "aid workers",
    "the committee",
    "party leaders",
    "the company",
];
const VERBS: &[&str] = &[
    "warned",
    "said",
    "argued",
    "insisted",
    "acknowledged",
    "signaled",
    "announced",
    "predicted",
    "complained",
    "suggested",
    "confirmed",
    "denied",
    "estimated",
    "promised",
    "cautioned",
    "noted",
    "conceded",
    "declared",
];
const ACTIONS: &[&str] = &[
    "would press ahead with",
    "were reviewing",
    "had underestimated",
    "planned to expand",
    "could delay",
    "had rejected",
    "were preparing for",
    "would not accept",
    "expected further",
    "had quietly backed",
    "were divided over",
    "sought to limit",
    "had long opposed",
    "moved to tighten",
    "pledged to ease",
];
const ADJECTIVES: &[&str] = &[
    "new",
    "fresh",
    "broad",
    "tough",
    "modest",
    "sweeping",
    "temporary",
    "tentative",
    "fragile",
    "costly",
    "renewed",
    "unexpected",
    "limited",
    "formal",
    "bipartisan",
    "contentious",
    "urgent",
    "long-delayed",
    "international",
    "regional",
    "economic",
    "political",
    "military",
    "diplomatic",
    "legal",
];
const NOUNS: &[&str] = &[
    "measures",
    "talks",
    "restrictions",
    "proposals",
    "investigation",
    "negotiations",
    "agreement",
    "budget",
    "spending plan",
    "review",
    "reforms",
    "inquiry",
    "pressure",
    "concessions",
    "deadline",
    "vote",
    "hearings",
    "legislation",
    "strategy",
    "guidelines",
    "commitments",
    "payments",
    "inspections",
    "exemptions",
    "support",
];
const TIMES: &[&str] = &[
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "over the weekend",
    "this week",
    "last month",
    "earlier this year",
    "in recent days",
    "late on Sunday",
    "in a statement",
    "in an interview",
];
const FILLER: &[&str] = &[
    "The decision came after weeks of pressure from several directions.",
    "Markets reacted cautiously to the news.",
    "Details of the arrangement were not immediately released.",
    "It was not clear when a final decision would be made.",
    "Neither side offered a timetable.",
    "The move drew sharp criticism from opposition figures.",
    "Several people familiar with the discussions spoke on condition of anonymity.",
    "Previous efforts along the same lines collapsed within months.",
    "The figures could still be revised.",
    "Supporters called the step overdue, while opponents said it went too far.",
    "The dispute has dragged on for more than a year.",
    "A spokesperson declined to comment further.",
];
const RARE: &[&str] = &[
    "ombudsman",
    "filibuster",
    "quorum",
    "referendum",
    "moratorium",
    "embargo",
    "tribunal",
    "amnesty",
    "arbitration",
    "indictment",
    "audit",
    "stimulus",
    "insolvency",
    "curfew",
    "evacuation",
    "whistleblower",
];
const PUBS: &[&str] = &[
    "Los Angeles Times",
    "Chicago Tribune",
    "The Baltimore Sun",
    "The Washington Post",
    "Orlando Sentinel",
    "Tribune News Service",
    "McClatchy Washington Bureau",
    "The Hartford Courant",
    "South Florida Sun Sentinel",
];
const SECTIONS: &[&str] =
    &["News & Features", "Political News", "Business News", "World News", "Health & Fitness"];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MON_ABBR: &[&str] =
    &["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"];

/// A pseudo-word from an index: the long tail of surnames, companies and places that makes
/// the term dictionary realistic. Low indexes are common, high ones rare.
fn tail_word(mut n: usize) -> String {
    const ON: &[&str] =
        &["b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "st"];
    const NU: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou", "ea"];
    let mut word = String::new();
    for i in 0..3 {
        word.push_str(ON[n % ON.len()]);
        n /= ON.len();
        word.push_str(NU[n % NU.len()]);
        n /= NU.len();
        if n == 0 && i > 0 {
            break;
        }
    }
    word.push_str(["n", "r", "x", "l", "s", "th"][n % 6]);
    let mut chars = word.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// One article, as structured data, and its rendering in a layout.

#[derive(Debug, Clone, Copy, PartialEq)]
enum Layout {
    WebScrape,
    ApWire,
    Reuters1987,
    ReutersModern,
    Labeled,
    Plain,
}

#[derive(Debug, Clone)]
struct Article {
    layout: Layout,
    title: String,
    authors: Vec<String>,
    publication: &'static str,
    section: &'static str,
    dateline: String,
    /// (year, month 1-12, day)
    date: (i32, u32, u32),
    paragraphs: Vec<String>,
    /// How many of the layout's trailer lines to keep (near-dups trim it).
    trailer_keep: usize,
    /// Style of the byline date in web scrapes.
    date_style: u8,
}

struct Model {
    seed: u64,
    pool: Vec<String>,
}

impl Model {
    fn article(&self, n: u64) -> Article {
        let mut rng = Rng::new(mix(self.seed, n));
        let total: u32 = TOPICS.iter().map(|t| t.weight).sum();
        let mut roll = rng.below(u64::from(total)) as u32;
        let topic = TOPICS
            .iter()
            .find(|t| {
                if roll < t.weight {
                    true
                } else {
                    roll -= t.weight;
                    false
                }
            })
            .expect("weights cover the roll");
        let second =
            if rng.chance(0.3) { Some(&TOPICS[rng.below(TOPICS.len() as u64) as usize]) } else { None };
        let layout = match rng.below(100) {
            0..=34 => Layout::WebScrape,
            35..=54 => Layout::ApWire,
            55..=69 => Layout::Reuters1987,
            70..=79 => Layout::ReutersModern,
            80..=87 => Layout::Labeled,
            _ => Layout::Plain,
        };
        let date = civil_from_days(17_167 + rng.below(1826) as i64); // 2017-01-01 .. 2021-12-31
        let mut people: Vec<(String, String)> = Vec::new(); // (first mention, later mention)
        let cast = rng.range(1, topic.people.len().min(4));
        let start = rng.below(topic.people.len() as u64) as usize;
        for i in 0..cast {
            let person = &topic.people[(start + i) % topic.people.len()];
            let surname =
                person.name.split(' ').rev().find(|w| !matches!(*w, "III" | "Jr.")).unwrap_or(person.name);
            let surname = if person.name.starts_with("Kim ") || person.name.starts_with("Xi ") {
                person.name.split(' ').next().unwrap_or(surname)
            } else {
                surname
            };
            people.push((format!("{} {}", person.title, person.name), surname.to_string()));
        }
        for _ in 0..rng.range(0, 2) {
            let first = rng.pick(FIRST);
            let last = format!("{}{}", rng.pick(LAST_A), rng.pick(LAST_B));
            let role = rng.pick(ROLES);
            let org = rng.pick(ORGS);
            people.push((format!("{first} {last}, {role} at {org},"), last));
        }
        let place = rng.pick(topic.places).to_string();
        let term = |rng: &mut Rng| -> String {
            let t = if let (Some(s), true) = (second, rng.chance(0.25)) { s } else { topic };
            t.terms[rng.skewed(t.terms.len())].to_string()
        };

        let lead = &people[0];
        let title = match rng.below(6) {
            0 => format!("{} {} {} over {}", lead.1, rng.pick(VERBS), rng.pick(NOUNS), term(&mut rng)),
            1 => format!(
                "{} {} on {}",
                cap(rng.pick(SUBJECTS)),
                rng.pick(&["weigh", "split", "push", "clash"]),
                term(&mut rng)
            ),
            2 => {
                format!("{} talks stall as {} {}", cap(&term(&mut rng)), rng.pick(SUBJECTS), rng.pick(VERBS))
            }
            3 => {
                format!("What the {} {} means for {}", rng.pick(ADJECTIVES), rng.pick(NOUNS), term(&mut rng))
            }
            4 => {
                format!("{} faces {} {} on {}", lead.1, rng.pick(ADJECTIVES), rng.pick(NOUNS), term(&mut rng))
            }
            _ => format!(
                "{}: {} {} {}",
                cap(topic.key),
                cap(rng.pick(SUBJECTS)),
                rng.pick(VERBS),
                rng.pick(TIMES)
            ),
        };

        let target = 2000 + rng.below(3600) as usize;
        let mut paragraphs = Vec::new();
        let mut len = 0;
        let mut mentioned = vec![false; people.len()];
        while len < target {
            let sentences = rng.range(1, 4);
            let mut para = String::new();
            for s in 0..sentences {
                if s > 0 {
                    para.push(' ');
                }
                let first_para = paragraphs.is_empty() && s == 0;
                if !first_para && !self.pool.is_empty() && rng.chance(0.7) {
                    para.push_str(&self.pool[rng.below(self.pool.len() as u64) as usize]);
                    continue;
                }
                let who = if first_para { 0 } else { rng.below(people.len() as u64) as usize };
                let name = if mentioned[who] { people[who].1.clone() } else { people[who].0.clone() };
                mentioned[who] = true;
                let lead = cap(&name);
                let t = term(&mut rng);
                let clause = tail_clause(&mut rng, &t);
                match rng.below(7) {
                    0 | 1 => write!(
                        para,
                        "{lead} {} {} that {} {} {} {} {}.",
                        rng.pick(VERBS),
                        rng.pick(TIMES),
                        rng.pick(SUBJECTS),
                        rng.pick(ACTIONS),
                        rng.pick(ADJECTIVES),
                        rng.pick(NOUNS),
                        clause
                    ),
                    2 => write!(
                        para,
                        "\"We are not going to {} the {} on {},\" {name} said.",
                        rng.pick(&["abandon", "rush", "reopen", "give up", "ignore"]),
                        rng.pick(NOUNS),
                        term(&mut rng)
                    ),
                    3 => write!(
                        para,
                        "{} {} the {} {} could affect {} {}, according to {}.",
                        cap(rng.pick(SUBJECTS)),
                        rng.pick(VERBS),
                        rng.pick(ADJECTIVES),
                        rng.pick(NOUNS),
                        term(&mut rng),
                        rng.pick(&["for months", "next year", "well into the fall", "before the deadline"]),
                        tail_company(&mut rng)
                    ),
                    4 => {
                        para.push_str(rng.pick(FILLER));
                        Ok(())
                    }
                    5 => write!(
                        para,
                        "The {} {} {} {} percent from a year earlier, {} {} {}.",
                        rng.pick(&["figure", "number", "estimate", "total"]),
                        rng.pick(&["rose", "fell", "climbed", "dropped"]),
                        rng.pick(&["about", "nearly", "more than"]),
                        rng.range(2, 40),
                        rng.pick(SUBJECTS),
                        rng.pick(VERBS),
                        rng.pick(TIMES)
                    ),
                    _ => write!(
                        para,
                        "In {}, {} over {} {} {} the {}.",
                        tail_word(rng.skewed(60_000)),
                        rng.pick(&["concern", "anger", "debate", "uncertainty"]),
                        term(&mut rng),
                        rng.pick(&["has grown since", "deepened after", "eased somewhat after"]),
                        rng.pick(&["announcement", "vote", "ruling", "report", "meeting"]),
                        rng.pick(&["previous week", "spring", "election", "summit"])
                    ),
                }
                .expect("string write");
                if rng.chance(0.02) {
                    write!(para, " The {} was cited by several participants.", rng.pick(RARE))
                        .expect("string write");
                }
            }
            len += para.len() + 2;
            paragraphs.push(para);
        }
        let authors = (0..rng.range(1, 2))
            .map(|_| format!("{} {}{}", rng.pick(FIRST), rng.pick(LAST_A), rng.pick(LAST_B)))
            .collect();
        Article {
            layout,
            title,
            authors,
            publication: rng.pick(PUBS),
            section: rng.pick(SECTIONS),
            dateline: place,
            date,
            paragraphs,
            trailer_keep: usize::MAX,
            date_style: rng.below(4) as u8,
        }
    }
}

fn tail_clause(rng: &mut Rng, term: &str) -> String {
    match rng.below(3) {
        0 => format!("on {term}"),
        1 => format!("tied to {term} in {}", tail_word(rng.skewed(60_000))),
        _ => format!("linked to {term}"),
    }
}

fn tail_company(rng: &mut Rng) -> String {
    let name = tail_word(rng.skewed(200_000));
    let kind = rng.pick(&["Group", "Holdings", "Partners", "Research", "Capital", "Associates"]);
    format!("{name} {kind}")
}

fn cap(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}

impl Article {
    /// Edits the article into a near-duplicate; returns a description of the edits.
    fn near_duplicate(&mut self, rng: &mut Rng) -> String {
        let mut edits = Vec::new();
        self.title = match rng.below(3) {
            0 => format!("UPDATE 1-{}", self.title),
            1 => format!("{} (updated)", self.title),
            _ => self.title.replacen(' ', " new ", 1),
        };
        edits.push("headline");
        self.trailer_keep = rng.below(2) as usize;
        edits.push("trailer-trimmed");
        if !self.paragraphs.is_empty() {
            let i = rng.below(self.paragraphs.len() as u64) as usize;
            let retyped = self.paragraphs[i]
                .replace(" said", " says")
                .replace(", ", " , ")
                .replace('"', "'")
                .replacen(" the ", " teh ", 1);
            self.paragraphs[i] = retyped;
            edits.push("paragraph-retyped");
        }
        edits.join(",")
    }

    fn trailer(&self) -> Vec<String> {
        let (y, _, _) = self.date;
        let lines = match self.layout {
            Layout::WebScrape => vec![
                format!("(c){y} {}", self.publication),
                format!("Visit the {} at", self.publication),
                "Distributed by Tribune Content Agency, LLC.".to_string(),
                "blog comments powered by Disqus".to_string(),
            ],
            Layout::ApWire => {
                vec![format!("Associated Press writer {} contributed to this report.", self.authors[0])]
            }
            Layout::ReutersModern => {
                vec![format!(
                    "(Reporting by {}; Editing by {})",
                    self.authors[0],
                    self.authors.last().expect("author")
                )]
            }
            Layout::Reuters1987 | Layout::Labeled | Layout::Plain => Vec::new(),
        };
        lines.into_iter().take(self.trailer_keep).collect()
    }

    fn render(&self) -> String {
        let (y, m, d) = self.date;
        let month = MONTHS[m as usize - 1];
        let mut out = String::with_capacity(6000);
        let body = |out: &mut String, first_prefix: &str| {
            for (i, para) in self.paragraphs.iter().enumerate() {
                if i == 0 {
                    out.push_str(first_prefix);
                }
                out.push_str(para);
                out.push_str("\n\n");
            }
        };
        match self.layout {
            Layout::WebScrape => {
                let byline_date = match self.date_style {
                    0 => String::new(),
                    1 => format!(" {m}/{d}/{:02}", y % 100),
                    _ => format!(" {month} {d}, {y}"),
                };
                let authors = self.authors.join(" And ");
                write!(
                    out,
                    "Current News\n\n\n\n{}\n\n{authors}, {} on{byline_date}\n\nPublished in {}\n\n",
                    self.title, self.publication, self.section
                )
                .expect("string write");
                body(&mut out, &format!("{} -- ", self.dateline.to_uppercase()));
                let trailer = self.trailer();
                for (i, line) in trailer.iter().enumerate() {
                    out.push_str(line);
                    if i + 1 < trailer.len() {
                        out.push_str(if i + 2 == trailer.len() { "\n\n\n\n" } else { "\n\n" });
                    }
                }
            }
            Layout::ApWire => {
                let authors: Vec<String> = self.authors.iter().map(|a| a.to_uppercase()).collect();
                write!(out, "{}\n\nBy {}, Associated Press\n\n", self.title, authors.join(" and "))
                    .expect("string write");
                if self.date_style >= 2 {
                    writeln!(out, "Published: {y}-{m:02}-{d:02}\n").expect("string write");
                }
                body(&mut out, &format!("{} (AP) \u{2014} ", self.dateline));
                for line in self.trailer() {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
            Layout::Reuters1987 => {
                writeln!(out, "{}\n", self.title.to_uppercase()).expect("string write");
                let place = self.dateline.split(',').next().unwrap_or_default().to_uppercase();
                for (i, para) in self.paragraphs.iter().enumerate() {
                    let text = if i == 0 {
                        format!("{place}, {} {d} - {para}", MON_ABBR[m as usize - 1])
                    } else {
                        para.clone()
                    };
                    out.push_str("    ");
                    wrap(&mut out, &text, 64);
                }
                out.push_str(" Reuter\n");
            }
            Layout::ReutersModern => {
                writeln!(out, "{}\n", self.title).expect("string write");
                let place = self.dateline.split(',').next().unwrap_or_default().to_uppercase();
                body(&mut out, &format!("{place}, {} {d} (Reuters) - ", MON_ABBR[m as usize - 1]));
                for line in self.trailer() {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
            Layout::Labeled => {
                write!(
                    out,
                    "Title: {}\nAuthor: {}\nDate: {y}-{m:02}-{d:02}\nSource: {}\nSection: {}\n\n",
                    self.title,
                    self.authors.join("; "),
                    self.publication,
                    self.section
                )
                .expect("string write");
                body(&mut out, "");
            }
            Layout::Plain => {
                writeln!(out, "{}\n", self.title).expect("string write");
                body(&mut out, "");
            }
        }
        out
    }
}

/// Hard-wraps `text` at `width` columns (continuation lines not indented), ending in '\n'.
fn wrap(out: &mut String, text: &str, width: usize) {
    let mut col = 4;
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            if col + 1 + word.len() > width {
                out.push('\n');
                col = 0;
            } else {
                out.push(' ');
                col += 1;
            }
        }
        out.push_str(word);
        col += word.len();
    }
    out.push('\n');
}

/// Days since 1970-01-01 → (year, month, day) (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

// ---------------------------------------------------------------------------------------
// Real sentences from a folder of articles.

/// Loads body sentences (40–400 characters) from every file under `dir`, in sorted order.
fn load_sentences(dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no files under {}", dir.display());
    }
    let mut sentences = Vec::new();
    for path in files {
        let Ok(bytes) = fs::read(&path) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        // Skip the headline; flatten the rest.
        let rest: String = text.lines().skip(1).collect::<Vec<_>>().join(" ");
        let mut flat: String = rest.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(pos) = flat.find(" - ").filter(|p| *p < 60) {
            flat = flat[pos + 3..].to_string();
        }
        let flat = flat.trim_end_matches("Reuter").trim_end();
        let mut start = 0;
        let bytes = flat.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let end_here = b == b'.'
                && bytes.get(i + 1) == Some(&b' ')
                && bytes.get(i + 2).is_some_and(|c| c.is_ascii_uppercase());
            if (end_here || i + 1 == bytes.len()) && start <= i {
                let sentence = flat[start..=i].trim();
                if (40..=400).contains(&sentence.len()) && sentence.ends_with('.') {
                    sentences.push(sentence.to_string());
                }
                start = i + 2;
            }
        }
    }
    Ok(sentences)
}
