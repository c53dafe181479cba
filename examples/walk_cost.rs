//! What each pass over an article's body costs, to decide whether topics and fingerprints
//! should share one word walk (the pipeline issue asks to measure it before building it).
//!
//! ```text
//! cargo run --release --example walk_cost -- /path/to/articles [ROUNDS]
//! ```
//!
//! Parses every file once with the built-in knowledge, then times, on this one thread and
//! best of ROUNDS (default 5), each pass alone over all bodies: the bare `text::Words` scan,
//! the exact-copy body hash, the MinHash signature, the topic classifier and the people
//! extractor. The bare scan is the most that sharing one walk between topics and MinHash could
//! save (each pass would still do its own per-word work), so its share of the two passes is
//! the figure that decides.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use morgue::article::extract::text::Words;
use morgue::article::fingerprint;
use morgue::schema::Knowledge;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: walk_cost <folder> [ROUNDS]");
        return ExitCode::from(2);
    };
    let rounds: usize = args.next().and_then(|r| r.to_str()?.parse().ok()).unwrap_or(5);
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok().filter(|e| e.file_type().is_file()).map(|e| e.into_path()))
        .collect();
    files.sort();
    let knowledge = Knowledge::builtin();
    let extractor = &knowledge.extractor;
    let articles: Vec<_> = files
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).ok()?;
            let (text, _) = morgue::corpus::decode(&bytes).ok()?;
            Some(extractor.parse(&text))
        })
        .collect();
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    println!(
        "{} articles, {:.1} MB of body text, best of {rounds} rounds on one thread",
        articles.len(),
        bytes as f64 / 1e6
    );

    let time = |name: &str, pass: &dyn Fn(&morgue::article::Article) -> usize| -> f64 {
        let mut best = f64::INFINITY;
        for _ in 0..rounds {
            let start = Instant::now();
            let mut sink = 0usize;
            for article in &articles {
                sink = sink.wrapping_add(pass(article));
            }
            std::hint::black_box(sink);
            best = best.min(start.elapsed().as_secs_f64());
        }
        println!("{name:<28} {:>8.1} ms  {:>7.0} MB/s", best * 1e3, bytes as f64 / 1e6 / best);
        best
    };
    let scan = time("Words scan (bare walk)", &|a| Words::new(&a.body).map(|w| w.end).sum());
    let hash = time("body hash (exact copies)", &|a| fingerprint::body_hash(&a.body) as usize);
    let minhash = time("MinHash signature", &|a| fingerprint::minhash_words(&a.body).len());
    let topics = time("topics (title + body)", &|a| {
        extractor.topics.classify(&a.title, &a.body, &a.people, None).len()
    });
    let people = time("people", &|a| extractor.people.extract(&a.body).len());
    println!(
        "the bare walk is {:.0}% of MinHash + topics ({:.0}% of all five passes): sharing it saves at most {:.1} ms of {:.1} ms",
        100.0 * scan / (minhash + topics),
        100.0 * scan / (scan + hash + minhash + topics + people),
        scan * 1e3,
        (hash + minhash + topics + people) * 1e3,
    );
    ExitCode::SUCCESS
}
