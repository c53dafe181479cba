//! Samples topic assignments from a folder of articles for judging by eye, and counts them:
//! the way topic precision is measured on archives nobody here wrote (BBC, Reuters-21578).
//!
//! ```text
//! cargo run --release --example topics_sample -- DIR [--topics FILE] [--per-topic K] [--total N]
//! ```
//!
//! Parses every file with the built-in knowledge (or the taxonomy in FILE), then prints how
//! many articles each topic was given to, and a deterministic sample (by a hash of the path,
//! so two taxonomies are sampled from the same order) of at most K per topic and N in all:
//! topic, file, date, title and the evidence that counted. Judge each line "right" or
//! "wrong"; precision is right / judged.

use std::collections::BTreeMap;
use std::path::PathBuf;

use morgue::article::extract::topics::{date_span, Taxonomy};
use morgue::schema::Knowledge;
use rayon::prelude::*;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: topics_sample DIR [--topics FILE] [--per-topic K] [--total N]");
        std::process::exit(2);
    };
    let (mut topics_file, mut per_topic, mut total) = (None, 3usize, 40usize);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        match flag.as_str() {
            "--topics" => topics_file = Some(value),
            "--per-topic" => per_topic = value.parse().expect("--per-topic takes a number"),
            "--total" => total = value.parse().expect("--total takes a number"),
            other => panic!("unknown flag {other}"),
        }
    }
    let knowledge = Knowledge::builtin();
    let taxonomy = match &topics_file {
        Some(file) => {
            let text = std::fs::read_to_string(file).expect("the taxonomy file reads");
            Taxonomy::from_toml(&text, knowledge.aliases.get().expect("the alias file parses"))
                .expect("the taxonomy file parses")
        }
        None => knowledge.extractor.topics.clone(),
    };
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(|e| e.ok().filter(|e| e.file_type().is_file()).map(|e| e.into_path()))
        .collect();
    files.sort_by_key(|p| xxhash_rust::xxh3::xxh3_64(p.to_string_lossy().as_bytes()));
    let judged: Vec<_> = files
        .par_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).ok()?;
            let (text, _) = morgue::corpus::decode(&bytes).ok()?;
            let a = knowledge.extractor.parse_with_hint(&text, path.to_str());
            let span = date_span(a.date, a.year);
            let given: Vec<_> = taxonomy
                .evidence(&a.title, &a.body, &a.people, span)
                .into_iter()
                .filter(|e| e.given)
                .collect();
            Some((
                path.clone(),
                a.date.map(|d| d.to_string()).or(a.year.map(|y| y.to_string())),
                a.title,
                given,
            ))
        })
        .collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut sampled: BTreeMap<String, usize> = BTreeMap::new();
    let mut shown = 0;
    let mut assignments = 0;
    for (path, date, title, given) in &judged {
        for e in given {
            assignments += 1;
            *counts.entry(e.topic.clone()).or_default() += 1;
            let n = sampled.entry(e.topic.clone()).or_default();
            if *n < per_topic && shown < total {
                *n += 1;
                shown += 1;
                let name = path.strip_prefix(&root).unwrap_or(path).display();
                let title: String = title.chars().take(80).collect();
                println!(
                    "{shown:>3} {:<16} {name} [{}] {title:?}\n      {} (score {:.0})",
                    e.topic,
                    date.as_deref().unwrap_or("undated"),
                    e.signals.join(", "),
                    e.score
                );
            }
        }
    }
    println!("\n{} articles, {assignments} topic assignments", judged.len());
    for (topic, n) in counts {
        println!("{n:>7}  {topic}");
    }
}
