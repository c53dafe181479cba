//! Floors on real text nobody here wrote (issue 16): the CoNLL-2003 dev stories (title,
//! dateline, date) and the whole web pages of ../shared/corpora/web (title, authors, date,
//! source, counted as `score_web.py` counts them). The corpora live outside the repository;
//! without ../shared each test prints a line and passes, so the README's test command passes
//! on a bare clone. CI has ../shared, so the floors run there.

mod util;

use std::path::Path;

use morgue::article::layout::parse_with_hint;
use serde_json::Value;

fn gold(dir: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(dir.join("gold.jsonl")).expect("gold.jsonl");
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("json")).collect()
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn parse_file(path: &Path) -> morgue::article::Article {
    let bytes = std::fs::read(path).expect("read");
    let (text, _) = morgue::corpus::decode(&bytes).expect("decode");
    parse_with_hint(&text, path.to_str(), &LEXICON)
}

static LEXICON: std::sync::LazyLock<morgue::article::Lexicon> =
    std::sync::LazyLock::new(morgue::article::Lexicon::builtin);

#[test]
fn conll_dev_title_dateline_and_date_floors() {
    let Some(dir) = util::shared_corpus("conll2003/dev") else { return };
    let gold = gold(&dir);
    let (mut title, mut dateline, mut date) = (0, 0, 0);
    let (mut with_dateline, mut with_date) = (0, 0);
    for g in &gold {
        let a = parse_file(&dir.join(g["file"].as_str().unwrap()));
        if fold(&a.title) == fold(g["title"].as_str().unwrap_or_default()) {
            title += 1;
        }
        if let Some(want) = g["dateline"].as_str() {
            with_dateline += 1;
            let city = |s: &str| fold(s.split(',').next().unwrap_or_default());
            if a.dateline.as_deref().is_some_and(|d| city(d) == city(want)) {
                dateline += 1;
            }
        }
        if let Some(want) = g["date"].as_str() {
            with_date += 1;
            if a.date.is_some_and(|d| d.to_string() == want) {
                date += 1;
            }
        }
    }
    let share = |n: usize, of: usize| n as f64 / of.max(1) as f64;
    let (t, dl, d) = (share(title, gold.len()), share(dateline, with_dateline), share(date, with_date));
    eprintln!("conll dev: title {t:.3} dateline {dl:.3} date {d:.3}");
    assert!(t >= 0.99, "title {t:.3}");
    assert!(dl >= 0.98, "dateline {dl:.3}");
    assert!(d >= 0.98, "date {d:.3}");
}

#[test]
fn web_page_title_authors_date_and_source_floors() {
    let Some(dir) = util::shared_corpus("web") else { return };
    let gold = gold(&dir);
    let (mut title, mut date, mut with_date, mut source) = (0, 0, 0, 0);
    let (mut authors_f1, mut with_authors) = (0.0, 0);
    for g in &gold {
        let a = parse_file(&dir.join(g["file"].as_str().unwrap()));
        let mut titles = vec![g["title"].as_str().unwrap_or_default()];
        if let Some(aliases) = g["title_aliases"].as_array() {
            titles.extend(aliases.iter().filter_map(Value::as_str));
        }
        if !a.title.is_empty() && titles.iter().any(|t| fold(t) == fold(&a.title)) {
            title += 1;
        }
        if let Some(want) = g["date"].as_str() {
            with_date += 1;
            if a.date.is_some_and(|d| d.to_string() == want) {
                date += 1;
            }
        }
        // Authors: set F1 on names folded to letters, as score_web.py counts them.
        if let Some(want) = g["authors"].as_array().filter(|w| !w.is_empty()) {
            with_authors += 1;
            let key = |s: &str| {
                s.to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphabetic() || *c == ' ')
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let want: std::collections::BTreeSet<String> =
                want.iter().filter_map(Value::as_str).map(key).collect();
            let got: std::collections::BTreeSet<String> = a.authors.iter().map(|s| key(s)).collect();
            let hits = want.intersection(&got).count() as f64;
            if hits > 0.0 {
                let (p, r) = (hits / got.len() as f64, hits / want.len() as f64);
                authors_f1 += 2.0 * p * r / (p + r);
            }
        }
        // Source: loose, one name containing the other once folded to letters and digits.
        let squash = |s: &str| {
            s.to_lowercase()
                .replace(".com", "")
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .replace("the", "")
        };
        let mut names = vec![g["source"].as_str().unwrap_or_default()];
        if let Some(aliases) = g["source_aliases"].as_array() {
            names.extend(aliases.iter().filter_map(Value::as_str));
        }
        if let Some(got) = a.source.as_deref().map(squash).filter(|s| s.len() >= 3) {
            if names.iter().map(|n| squash(n)).any(|n| n.len() >= 3 && (n.contains(&got) || got.contains(&n)))
            {
                source += 1;
            }
        }
    }
    let share = |n: usize, of: usize| n as f64 / of.max(1) as f64;
    let (t, d, s) = (share(title, gold.len()), share(date, with_date), share(source, gold.len()));
    let au = authors_f1 / with_authors.max(1) as f64;
    eprintln!("web pages: title {t:.3} authors {au:.3} date {d:.3} source {s:.3}");
    // Floors at today's level (issue 16's targets: title 0.90, authors 0.85, date 0.85,
    // source 0.80).
    assert!(t >= TITLE_FLOOR, "title {t:.3}");
    assert!(au >= AUTHORS_FLOOR, "authors {au:.3}");
    assert!(d >= DATE_FLOOR, "date {d:.3}");
    assert!(s >= SOURCE_FLOOR, "source {s:.3}");
}

const TITLE_FLOOR: f64 = 0.90;
const AUTHORS_FLOOR: f64 = 0.85;
const DATE_FLOOR: f64 = 0.85;
const SOURCE_FLOOR: f64 = 0.80;
