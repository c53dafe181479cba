//! Checks the layout parser on a folder of Reuters-style wire files and prints how often it
//! finds a headline and the expected dateline, plus single-thread parse throughput.
//!
//! ```text
//! cargo run --release --example reuters_check -- /path/to/articles
//! ```
//!
//! The reference dateline is computed independently of the parser: the first body paragraph
//! (the first indented line after the headline that is not a "By …" line, joined with its
//! unindented continuation lines), cut at the first " - " (a dash ending the paragraph counts),
//! with a trailing "(Reuters)" tag and a trailing ", Month Day" date removed, trimmed.
//! Files whose first paragraph has no " - " have no reference dateline.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use morgue::article::layout::{parse, parse_with_hint};
use morgue::article::Lexicon;
use morgue::calendar::month_from_name;

fn main() -> ExitCode {
    let Some(root) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: reuters_check <folder>");
        return ExitCode::from(2);
    };
    // The indexer's own walk: sorted, `.txt` files, hidden entries skipped, links followed.
    let files: Vec<PathBuf> = match morgue::corpus::walk(&root, &Default::default()) {
        Ok((found, _)) => found.iter().map(|f| f.path_under(&root)).collect(),
        Err(err) => {
            eprintln!("{}: {err}", root.display());
            std::process::exit(2);
        }
    };
    let mut texts = Vec::with_capacity(files.len());
    let mut failures = 0usize;
    for path in &files {
        match std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|b| morgue::corpus::decode(&b).map(|(t, _)| t).map_err(|e| e.to_string()))
        {
            Ok(text) => texts.push((path, text)),
            Err(err) => {
                failures += 1;
                eprintln!("{}: {err}", path.display());
            }
        }
    }
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();

    let lexicon = Lexicon::builtin();
    // Throughput: parse everything on this one thread, a few rounds, best round counts.
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let start = Instant::now();
        let mut sink = 0usize;
        for (_, text) in &texts {
            let a = parse(text, &lexicon);
            sink = sink.wrapping_add(a.body.len() + a.title.len());
        }
        std::hint::black_box(sink);
        best = best.min(start.elapsed().as_secs_f64());
    }

    let mut with_headline = 0usize;
    // Dates read from a date line or dated dateline (the path is the year hint for yearless
    // datelines), and titles that are a date line (never wanted).
    let (mut dated, mut date_titles) = (0usize, 0usize);
    let mut dateline_ok = 0usize;
    let mut mismatches = Vec::new();
    for (path, text) in &texts {
        let parsed = std::panic::catch_unwind(|| parse_with_hint(text, path.to_str(), &lexicon));
        let Ok(a) = parsed else {
            failures += 1;
            eprintln!("{}: parse panicked", path.display());
            continue;
        };
        if !a.title.trim().is_empty() {
            with_headline += 1;
        }
        dated += usize::from(a.date.is_some());
        date_titles += usize::from(morgue::article::extract::date::parse(&a.title).is_some());
        let want = reference_dateline(text);
        if a.dateline.as_deref() == want.as_deref() {
            dateline_ok += 1;
        } else {
            mismatches.push((path, want, a.dateline));
        }
    }
    let n = texts.len().max(1) as f64;
    println!("files:               {}", files.len());
    println!("parse failures:      {failures}");
    println!("headline share:      {:.2}%", 100.0 * with_headline as f64 / n);
    println!("dateline share:      {:.2}%", 100.0 * dateline_ok as f64 / n);
    println!("dated (date line):   {dated}");
    println!("date-line titles:    {date_titles}");
    println!(
        "throughput:          {:.1} MB/s on one thread ({:.1} MB in {:.3} s)",
        bytes as f64 / 1e6 / best,
        bytes as f64 / 1e6,
        best
    );
    println!("mismatches:          {} (sample below: path | reference | parsed)", mismatches.len());
    let step = (mismatches.len() / 25).max(1);
    for (path, want, got) in mismatches.iter().step_by(step).take(25) {
        let rel = path.strip_prefix(&root).unwrap_or(path);
        println!("  {} | {want:?} | {got:?}", rel.display());
    }
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The dateline a reader would mark in the first body paragraph (see the module doc).
fn reference_dateline(text: &str) -> Option<String> {
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty()).skip(1); // headline
    let mut para = String::new();
    for line in lines.by_ref() {
        let t = line.trim();
        if t.is_empty() || t.to_ascii_lowercase().starts_with("by ") {
            continue;
        }
        para.push_str(t);
        break;
    }
    for line in lines {
        if line.trim().is_empty() || line.starts_with([' ', '\t']) {
            break;
        }
        para.push(' ');
        para.push_str(line.trim());
    }
    para.push(' ');
    let (head, _) = para.split_once(" - ")?;
    let mut head = head.trim();
    if let Some(h) = head.strip_suffix("(Reuters)") {
        head = h.trim_end();
    }
    // A trailing "Month Day", with or without the comma before it.
    let words: Vec<&str> = head.split_whitespace().collect();
    if words.len() >= 2 {
        let (m, d) = (words[words.len() - 2], words[words.len() - 1]);
        if month_from_name(m.trim_end_matches(',')).is_some() && d.bytes().all(|b| b.is_ascii_digit()) {
            let cut = head.rfind(m).unwrap_or(head.len());
            head = head[..cut].trim_end().trim_end_matches(',').trim_end();
        }
    }
    (!head.is_empty()).then(|| head.to_string())
}
