//! Differential test of `count`: random queries (words, phrases, AND/OR/NOT in every
//! documented spelling, title:/person:/topic: fields, prefixes, dates) are counted by morgue
//! and by a small reference evaluator that scans every article's analyzed tokens (morgue's own
//! analyzer, no index). Counts must be equal, or morgue must reject the query as a syntax
//! error. Runs over the sample corpus and, when ../shared is here, a slice of Reuters-21578.
//! `MORGUE_DIFF_QUERIES=N` sets the number of queries per corpus (default 300).

mod util;

use std::path::Path;

use morgue::analysis::NewsTokenizer;
use morgue::archive::Archive;
use morgue::calendar::Date;
use morgue::query::QueryOptions;
use morgue::schema::{keyword_form, SchemaSpec};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::DocAddress;
use util::TestEnv;

struct Doc {
    /// Token sequences of the searched body: title (twice), text, each person.
    body: Vec<Vec<String>>,
    title: Vec<String>,
    people: Vec<Vec<String>>,
    topics: Vec<String>,
    date: Option<Date>,
}

#[derive(Debug, Clone)]
enum Q {
    Word(String),
    Phrase(String, String),
    Title(String),
    Person(String),
    Topic(String),
    Prefix(String),
    Year(i32),
    And(Box<Q>, Box<Q>),
    Or(Box<Q>, Box<Q>),
    AndNot(Box<Q>, Box<Q>),
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

struct Corpus {
    docs: Vec<Doc>,
    /// Raw words of the texts (lowercase, letters only), pairs of neighbouring words.
    words: Vec<String>,
    pairs: Vec<(String, String)>,
    surnames: Vec<String>,
    topics: Vec<String>,
    text: TextAnalyzer,
}

fn load(archive: &Archive) -> Corpus {
    let mut text = TextAnalyzer::from(NewsTokenizer::text());
    let mut name = TextAnalyzer::from(NewsTokenizer::name());
    let (mut docs, mut words, mut pairs, mut surnames, mut topics) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (segment, reader) in archive.searcher.segment_readers().iter().enumerate() {
        for doc in 0..reader.max_doc() {
            let stored = archive.document(DocAddress::new(segment as u32, doc), true).unwrap();
            let a = archive.article(stored, true);
            let body_text = a.body.clone().unwrap_or_default();
            let mut body =
                vec![tokens(&mut text, &a.title), tokens(&mut text, &a.title), tokens(&mut text, &body_text)];
            body.extend(a.people.iter().map(|p| tokens(&mut text, p)));
            let raw: Vec<String> = body_text
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() > 2)
                .map(str::to_lowercase)
                .collect();
            for pair in raw.windows(2).step_by(7) {
                pairs.push((pair[0].clone(), pair[1].clone()));
            }
            words.extend(raw.into_iter().step_by(5));
            surnames.extend(a.people.iter().filter_map(|p| p.split(' ').next_back().map(str::to_lowercase)));
            topics.extend(a.topics.iter().cloned());
            docs.push(Doc {
                body,
                title: tokens(&mut text, &a.title),
                people: a.people.iter().map(|p| tokens(&mut name, p)).collect(),
                topics: a.topics.iter().map(|t| keyword_form(t)).collect(),
                date: a.date,
            });
        }
    }
    surnames.retain(|s| s.chars().all(|c| c.is_ascii_alphabetic()) && s.len() > 2);
    for list in [&mut words, &mut surnames, &mut topics] {
        list.sort();
        list.dedup();
    }
    pairs.sort();
    pairs.dedup();
    Corpus { docs, words, pairs, surnames, topics, text }
}

/// A random query; no phrase and no date range under a NOT (`phrases`: tantivy 0.27's phrase
/// scorer trips its own debug assertion, "target should be greater than or equal to doc", when
/// an exclusion seeks it, and its fast-field range doc set subtracts a backward seek from the
/// last one, an overflow in debug builds: upstream-worthy, kept out of this test until fixed).
fn generate(c: &Corpus, rng: &mut Rng, depth: usize, phrases: bool) -> Q {
    if depth == 0 || rng.below(3) == 0 {
        return match rng.below(10) {
            0..=3 => Q::Word(rng.pick(&c.words).clone()),
            4 if phrases => {
                let (a, b) = rng.pick(&c.pairs).clone();
                Q::Phrase(a, b)
            }
            5 => Q::Title(rng.pick(&c.words).clone()),
            6 if !c.surnames.is_empty() => Q::Person(rng.pick(&c.surnames).clone()),
            7 if !c.topics.is_empty() => Q::Topic(rng.pick(&c.topics).clone()),
            8 => {
                let word = rng.pick(&c.words);
                Q::Prefix(word.chars().take(5).collect())
            }
            9 if phrases => Q::Year(1986 + rng.below(36) as i32),
            _ => Q::Word(rng.pick(&c.words).clone()),
        };
    }
    let a = Box::new(generate(c, rng, depth - 1, phrases));
    match rng.below(3) {
        0 => Q::And(a, Box::new(generate(c, rng, depth - 1, phrases))),
        1 => Q::Or(a, Box::new(generate(c, rng, depth - 1, phrases))),
        _ => Q::AndNot(a, Box::new(generate(c, rng, depth - 1, false))),
    }
}

/// The query text, each operator in one of its documented spellings.
fn render(q: &Q, rng: &mut Rng) -> String {
    let group = |q: &Q, rng: &mut Rng| match q {
        Q::And(..) | Q::Or(..) | Q::AndNot(..) => format!("({})", render(q, rng)),
        _ => render(q, rng),
    };
    match q {
        Q::Word(w) => w.clone(),
        Q::Phrase(a, b) => format!("\"{a} {b}\""),
        Q::Title(w) => format!("title:{w}"),
        Q::Person(w) => format!("person:{w}"),
        Q::Topic(t) => format!("topic:{t}"),
        Q::Prefix(p) => format!("{p}*"),
        Q::Year(y) => format!("date:{y}"),
        Q::And(a, b) => {
            let (a, b) = (group(a, rng), group(b, rng));
            match rng.below(3) {
                0 => format!("{a} AND {b}"),
                1 => format!("{a} {b}"),
                _ => format!("+{a} +{b}"),
            }
        }
        Q::Or(a, b) => format!("{} OR {}", group(a, rng), group(b, rng)),
        Q::AndNot(a, b) => {
            let (a, b) = (group(a, rng), group(b, rng));
            match rng.below(3) {
                0 => format!("{a} AND NOT {b}"),
                1 => format!("{a} NOT {b}"),
                _ => format!("{a} -{b}"),
            }
        }
    }
}

fn matches(c: &mut Corpus, q: &Q, d: usize) -> bool {
    let stem = |c: &mut Corpus, w: &str| tokens(&mut c.text, w);
    match q {
        Q::Word(w) => {
            let t = stem(c, w);
            c.docs[d].body.iter().any(|v| t.iter().all(|t| v.contains(t)))
        }
        Q::Phrase(a, b) => {
            let t = stem(c, &format!("{a} {b}"));
            c.docs[d].body.iter().any(|v| v.windows(t.len()).any(|w| w == t.as_slice()))
        }
        Q::Title(w) => {
            let t = stem(c, w);
            t.iter().all(|t| c.docs[d].title.contains(t))
        }
        Q::Person(w) => c.docs[d].people.iter().any(|p| p.contains(w)),
        Q::Topic(t) => c.docs[d].topics.contains(&keyword_form(t)),
        Q::Prefix(p) => {
            // Terms starting with the prefix, and the prefix less one to three letters (never
            // under four) as whole terms: what a stemmer may have cut such a word down to.
            let cuts: Vec<&str> = (p.len().saturating_sub(3).max(4)..p.len()).map(|end| &p[..end]).collect();
            c.docs[d].body.iter().flatten().any(|t| t.starts_with(p.as_str()) || cuts.contains(&t.as_str()))
        }
        Q::Year(y) => c.docs[d].date.is_some_and(|date| date.year == *y),
        Q::And(a, b) => matches(c, a, d) && matches(c, b, d),
        Q::Or(a, b) => matches(c, a, d) || matches(c, b, d),
        Q::AndNot(a, b) => matches(c, a, d) && !matches(c, b, d),
    }
}

fn run(dir: &Path, queries: usize, seed: u64) -> (usize, usize) {
    let env = TestEnv::new();
    util::copy_dir(dir, &env.root());
    env.index_cmd(&["--quiet"]).expect_code(0);
    let archive = Archive::open(&env.index(), &SchemaSpec::builtin()).unwrap();
    let mut corpus = load(&archive);
    let mut rng = Rng(seed);
    let (mut checked, mut rejected) = (0, 0);
    for _ in 0..queries {
        let q = generate(&corpus, &mut rng, 3, true);
        let text = render(&q, &mut rng);
        let expected = (0..corpus.docs.len()).filter(|&d| matches(&mut corpus, &q, d)).count() as u64;
        let counted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            morgue::search::count(&archive, &text, &QueryOptions::default())
        }));
        let counted = counted.unwrap_or_else(|_| panic!("the engine panicked on {text}"));
        match counted {
            Ok(got) => assert_eq!(got, expected, "{text}\n{q:?}"),
            Err(morgue::Error::Query { .. }) => rejected += 1,
            Err(e) => panic!("{text}: {e}"),
        }
        checked += 1;
    }
    (checked, rejected)
}

fn queries() -> usize {
    std::env::var("MORGUE_DIFF_QUERIES").ok().and_then(|v| v.parse().ok()).unwrap_or(300)
}

#[test]
fn counts_equal_a_naive_scan_on_the_sample_corpus() {
    let (checked, rejected) = run(&util::sample_corpus(), queries(), 17);
    eprintln!("differential: {checked} queries on sample-corpus, {rejected} rejected");
    assert!(rejected * 50 <= checked, "{rejected} of {checked} generated queries rejected");
}

#[test]
fn counts_equal_a_naive_scan_on_a_reuters_slice() {
    let slice = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/reuters21578/articles/01");
    if !slice.is_dir() {
        eprintln!("skipping: ../shared/corpora/reuters21578 is not here");
        return;
    }
    let (checked, rejected) = run(&slice, queries(), 18);
    eprintln!("differential: {checked} queries on a Reuters-21578 slice, {rejected} rejected");
    assert!(rejected * 50 <= checked, "{rejected} of {checked} generated queries rejected");
}
