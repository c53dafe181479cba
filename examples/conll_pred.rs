//! Runs morgue's extractor over a folder of article files (by default the CoNLL-2003 dev set in
//! `../shared/corpora/conll2003/dev`) and prints one JSON line per file in the PRED form of
//! `score_conll.py`: `{"file", "people", "authors", "title", "dateline", "date"}`.
//!
//! ```text
//! cargo run --release --example conll_pred > /tmp/pred.jsonl
//! python3 ../shared/corpora/conll2003/score_conll.py \
//!     ../shared/corpora/conll2003/dev/gold.jsonl /tmp/pred.jsonl --exclude-byline-mentions
//! ```
//!
//! Bylines go to `authors`, not `people`, so score people with `--exclude-byline-mentions`.
//! Files are read and decoded as the indexer reads them; `--schema-dir DIR` loads another
//! `index-schema/`. `tests/conll_people.rs` runs the same predictions against the scorer.

use std::path::{Path, PathBuf};

use morgue::schema::Knowledge;

/// The PRED lines of every `.txt` file directly in `dir`, sorted by file name.
pub fn predictions(dir: &Path, knowledge: &Knowledge) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir)?.map(|entry| entry.map(|e| e.path())).collect::<std::io::Result<_>>()?;
    files.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    files.sort();
    let mut lines = Vec::with_capacity(files.len());
    for path in files {
        let bytes = std::fs::read(&path)?;
        let (text, _) = morgue::corpus::decode(&bytes).map_err(|e| format!("{}: {e:?}", path.display()))?;
        let article = knowledge.extractor.parse(&morgue::corpus::normalize_text(&text));
        let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let people: Vec<&str> = article.people.iter().map(|p| p.name.as_str()).collect();
        let line = serde_json::json!({
            "file": file,
            "people": people,
            "authors": article.authors,
            "title": article.title,
            "dateline": article.dateline,
            "date": article.date.map(|d| d.to_string()),
        });
        lines.push(line.to_string());
    }
    Ok(lines)
}

#[allow(dead_code)]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut dir = PathBuf::from("../shared/corpora/conll2003/dev");
    let mut schema_dir: Option<PathBuf> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--schema-dir" => schema_dir = args.next().map(PathBuf::from),
            _ => dir = PathBuf::from(arg),
        }
    }
    let knowledge = Knowledge::load(schema_dir.as_deref())?;
    for line in predictions(&dir, &knowledge)? {
        println!("{line}");
    }
    Ok(())
}
