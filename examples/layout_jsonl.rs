//! Parses every `.txt` file under a folder with the layout parser alone (no people or topics)
//! and prints one JSON object per file: `file`, `title`, `authors`, `source`, `dateline`,
//! `date`, `layout` and the body's length — the shape the CoNLL and web-page scorers in
//! ../shared read (`score_conll.py GOLD PRED`, `score_web.py GOLD PRED --level dump` after
//! wrapping as `{"type":"article","data":…}` with `--wrap`).
//!
//! ```text
//! cargo run --release --example layout_jsonl -- DIR [--wrap] > pred.jsonl
//! ```

use std::path::{Path, PathBuf};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: layout_jsonl DIR [--wrap]");
        std::process::exit(2);
    };
    let wrap = args.any(|a| a == "--wrap");
    let lexicon = morgue::article::Lexicon::builtin();
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    for path in files {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let Ok((text, _)) = morgue::corpus::decode(&bytes) else { continue };
        let a = morgue::article::layout::parse_with_hint(&text, path.to_str(), &lexicon);
        let record = serde_json::json!({
            "file": path.file_name().map(|n| n.to_string_lossy().into_owned()),
            "path": path.display().to_string(),
            "title": a.title,
            "authors": a.authors,
            "source": a.source,
            "dateline": a.dateline,
            "date": a.date.map(|d| d.to_string()),
            "layout": a.layout.as_str(),
            "body_len": a.body.len(),
        });
        if wrap {
            println!("{}", serde_json::json!({"type": "article", "data": record}));
        } else {
            println!("{record}");
        }
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
}
