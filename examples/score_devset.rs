//! Scores the full extractor against the labelled development set (tests/devset/) and, with
//! `--throughput DIR`, measures parse+extract speed on a folder of articles; with `--dump DIR`,
//! prints each file's people and topics as JSON lines (to diff two versions of the extractor);
//! with `--show FILE`, prints every field of one file.
//!
//! ```text
//! cargo run --release --example score_devset [-- DIR]
//! cargo run --release --example score_devset -- --throughput ../shared/corpora/reuters21578/articles
//! ```
//!
//! The scoring lives in `score`, which `tests/extraction_quality.rs` also calls.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use morgue::schema::Knowledge;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    TokenStream,
};

/// One line of `gold.jsonl`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Gold {
    pub file: String,
    pub people: Vec<String>,
    pub topics: Vec<String>,
    pub dateline: Option<String>,
    pub place: Option<String>,
}

/// True/false positives and false negatives of one set-valued field.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, gold: &BTreeSet<String>, got: &BTreeSet<String>) {
        self.tp += gold.intersection(got).count();
        self.fp += got.difference(gold).count();
        self.fn_ += gold.difference(got).count();
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The scores of the whole set and every error, one line per missing/extra value.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub articles: usize,
    /// People compared by exact canonical form.
    pub people_exact: Counts,
    /// People compared by `person_key`.
    pub people_key: Counts,
    pub topics: Counts,
    pub dateline_right: usize,
    pub place_right: usize,
    /// With a `fields.jsonl`: per field (title, authors, date, source, section), how many
    /// articles have it exactly right, out of `articles`.
    pub fields_right: std::collections::BTreeMap<&'static str, usize>,
    pub errors: Vec<String>,
}

/// One line of the optional `fields.jsonl`: the layout-level fields of one article.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct GoldFields {
    pub file: String,
    pub title: String,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub section: Option<String>,
}

impl Score {
    pub fn dateline_accuracy(&self) -> f64 {
        ratio(self.dateline_right, self.articles)
    }
    pub fn place_accuracy(&self) -> f64 {
        ratio(self.place_right, self.articles)
    }
    /// The share of articles with `field` (from `fields.jsonl`) exactly right.
    pub fn field_accuracy(&self, field: &str) -> f64 {
        ratio(self.fields_right.get(field).copied().unwrap_or(0), self.articles)
    }
}

/// Parses every article of `dir` (with `articles/` and `gold.jsonl`) and scores it.
pub fn score(dir: &Path) -> std::io::Result<Score> {
    let knowledge = Knowledge::builtin();
    let gold_text = std::fs::read_to_string(dir.join("gold.jsonl"))?;
    let mut gold_fields = std::collections::HashMap::new();
    if let Ok(text) = std::fs::read_to_string(dir.join("fields.jsonl")) {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let fields: GoldFields = serde_json::from_str(line).map_err(std::io::Error::other)?;
            gold_fields.insert(fields.file.clone(), fields);
        }
    }
    let mut score = Score::default();
    for line in gold_text.lines().filter(|l| !l.trim().is_empty()) {
        let gold: Gold = serde_json::from_str(line).map_err(std::io::Error::other)?;
        let bytes = std::fs::read(dir.join("articles").join(&gold.file))?;
        let (text, _) = morgue::corpus::decode(&bytes)
            .map_err(|e| std::io::Error::other(format!("{}: {e:?}", gold.file)))?;
        let article = knowledge.extractor.parse(&morgue::corpus::normalize_text(&text));
        score.articles += 1;
        let file = &gold.file;
        let set = |v: &[String]| v.iter().cloned().collect::<BTreeSet<String>>();
        let aliases = &knowledge.extractor.people.aliases;
        let keys = |v: &[String]| v.iter().map(|p| aliases.key(p)).collect::<BTreeSet<String>>();
        let names: Vec<String> = article.people.iter().map(|p| p.name.clone()).collect();
        let (gold_people, got_people) = (set(&gold.people), set(&names));
        score.people_exact.add(&gold_people, &got_people);
        score.people_key.add(&keys(&gold.people), &got_people.iter().map(|p| aliases.key(p)).collect());
        for missing in gold_people.difference(&got_people) {
            score.errors.push(format!("{file}: person missing {missing:?}"));
        }
        for extra in got_people.difference(&gold_people) {
            score.errors.push(format!("{file}: person extra   {extra:?}"));
        }
        let (gold_topics, got_topics) = (set(&gold.topics), set(&article.topics));
        score.topics.add(&gold_topics, &got_topics);
        for missing in gold_topics.difference(&got_topics) {
            score.errors.push(format!("{file}: topic missing {missing}"));
        }
        for extra in got_topics.difference(&gold_topics) {
            score.errors.push(format!("{file}: topic extra   {extra}"));
        }
        if article.dateline == gold.dateline {
            score.dateline_right += 1;
        } else {
            score.errors.push(format!("{file}: dateline {:?}, gold {:?}", article.dateline, gold.dateline));
        }
        if article.place == gold.place {
            score.place_right += 1;
        } else {
            score.errors.push(format!("{file}: place {:?}, gold {:?}", article.place, gold.place));
        }
        if let Some(want) = gold_fields.get(file) {
            let date = article.date.map(|d| d.to_string());
            let checks: [(&'static str, String, String); 5] = [
                ("title", format!("{:?}", article.title), format!("{:?}", want.title)),
                ("authors", format!("{:?}", article.authors), format!("{:?}", want.authors)),
                ("date", format!("{date:?}"), format!("{:?}", want.date)),
                ("source", format!("{:?}", article.source), format!("{:?}", want.source)),
                ("section", format!("{:?}", article.section), format!("{:?}", want.section)),
            ];
            for (name, got, gold) in checks {
                if got == gold {
                    *score.fields_right.entry(name).or_default() += 1;
                } else {
                    score.errors.push(format!("{file}: {name} {got}, gold {gold}"));
                }
            }
        }
    }
    Ok(score)
}

/// Parse+extract speed over every file under `dir`, one thread: (bytes, seconds with people
/// and topics, seconds for the layout parse alone — what parsing cost before extraction).
pub fn throughput(dir: &Path) -> std::io::Result<(u64, Stages)> {
    let files = files_under(dir)?;
    let texts: Vec<String> = files.iter().filter_map(|f| read_text(f)).collect();
    let knowledge = Knowledge::builtin();
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let extractor = &knowledge.extractor;
    let articles: Vec<morgue::article::Article> =
        texts.iter().map(|t| morgue::article::layout::parse(t, &extractor.lexicon)).collect();
    let time = |f: &dyn Fn(&morgue::article::Article, &str) -> usize| {
        let start = Instant::now();
        let n: usize = articles.iter().zip(&texts).map(|(a, t)| f(a, t)).sum();
        std::hint::black_box(n);
        start.elapsed().as_secs_f64()
    };
    let stages = Stages {
        whole: time(&|_, t| extractor.parse(t).people.len()),
        layout: time(&|_, t| morgue::article::layout::parse(t, &extractor.lexicon).body.len()),
        people: time(&|a, _| extractor.people.extract(&a.body).len()),
        topics: time(&|a, _| extractor.topics.classify(&a.title, &a.body, &a.people, None).len()),
        fingerprints: time(&|a, _| {
            morgue::article::fingerprint::minhash_words(&a.body).len()
                + morgue::article::fingerprint::body_hash(&a.body) as usize % 2
        }),
        analysis: time_tokens(&articles, TextAnalyzer::from(morgue::analysis::NewsTokenizer::text())),
        analysis_chain: time_tokens(
            &articles,
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(morgue::analysis::MAX_WORD_BYTES))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(Stemmer::new(Language::English))
                .build(),
        ),
    };
    Ok((bytes, stages))
}

/// Seconds to run `analyzer` over every body (tokens counted, so none is skipped).
fn time_tokens(articles: &[morgue::article::Article], mut analyzer: TextAnalyzer) -> f64 {
    let start = Instant::now();
    let mut tokens = 0usize;
    for article in articles {
        let mut stream = analyzer.token_stream(&article.body);
        while stream.advance() {
            tokens += stream.token().text.len();
        }
    }
    std::hint::black_box(tokens);
    start.elapsed().as_secs_f64()
}

/// Every file under `dir`, sorted.
fn files_under(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// A file decoded and normalised as the indexer does (None when unreadable).
fn read_text(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    morgue::corpus::decode(&bytes).ok().map(|(t, _)| morgue::corpus::normalize_text(&t))
}

/// `--dump DIR`: one JSON line per file with the people and topics extracted, to diff two
/// versions of the extractor on a whole corpus.
fn dump(dir: &Path) -> std::io::Result<()> {
    let knowledge = Knowledge::builtin();
    for file in files_under(dir)? {
        let Some(text) = read_text(&file) else { continue };
        let article = knowledge.extractor.parse(&text);
        let path = file.strip_prefix(dir).unwrap_or(&file).display().to_string();
        let people: Vec<&str> = article.people.iter().map(|p| p.name.as_str()).collect();
        let line = serde_json::json!({"path": path, "people": people, "topics": article.topics});
        println!("{line}");
    }
    Ok(())
}

/// Seconds spent in each stage of parsing, over the whole folder.
pub struct Stages {
    pub whole: f64,
    pub layout: f64,
    pub people: f64,
    pub topics: f64,
    pub fingerprints: f64,
    /// Body tokenizing for the index: morgue's fused tokenizer, and tantivy's chain.
    pub analysis: f64,
    pub analysis_chain: f64,
}

#[allow(dead_code)]
fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--throughput") {
        let dir = args.get(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("sample-corpus"));
        let (bytes, stages) = throughput(&dir)?;
        let mb = bytes as f64 / 1e6;
        let line = |name: &str, seconds: f64| {
            println!("{name:<22} {mb:.1} MB in {seconds:.2} s: {:>7.1} MB/s on one core", mb / seconds)
        };
        line("parse+people+topics:", stages.whole);
        line("  layout alone:", stages.layout);
        line("  people alone:", stages.people);
        line("  topics alone:", stages.topics);
        line("fingerprints (index):", stages.fingerprints);
        line("body tokens (morgue):", stages.analysis);
        line("body tokens (chain):", stages.analysis_chain);
        return Ok(());
    }
    if args.first().map(String::as_str) == Some("--show") {
        // Every field of one file, as the indexer would see it.
        let path = PathBuf::from(args.get(1).map_or("", String::as_str));
        let text = read_text(&path).ok_or_else(|| std::io::Error::other("unreadable"))?;
        let article = Knowledge::builtin().extractor.parse(&text);
        println!("{}", serde_json::to_string_pretty(&article).map_err(std::io::Error::other)?);
        return Ok(());
    }
    if args.first().map(String::as_str) == Some("--dump") {
        return dump(Path::new(args.get(1).map_or("sample-corpus", String::as_str)));
    }
    let dir = args.first().map(PathBuf::from).unwrap_or_else(|| PathBuf::from("tests/devset"));
    let score = score(&dir)?;
    for error in &score.errors {
        println!("{error}");
    }
    let line = |name: &str, c: &Counts| {
        println!(
            "{name:<16} P {:.3}  R {:.3}  F1 {:.3}  (tp {}, fp {}, fn {})",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        )
    };
    println!("{} articles", score.articles);
    line("people (exact)", &score.people_exact);
    line("people (key)", &score.people_key);
    line("topics", &score.topics);
    println!("dateline accuracy {:.3}", score.dateline_accuracy());
    println!("place accuracy    {:.3}", score.place_accuracy());
    if !score.fields_right.is_empty() {
        for field in ["title", "authors", "date", "source", "section"] {
            println!("{field:<17} {:.3}", score.field_accuracy(field));
        }
    }
    Ok(())
}
