//! Parses every `.txt` file under a folder with the layout parser alone (no people or topics)
//! and prints one JSON object per file: `file`, `title`, `authors`, `source`, `dateline`,
//! `date`, `layout` and the body's length — the shape the CoNLL and web-page scorers in
//! ../shared read (`score_conll.py GOLD PRED`, `score_web.py GOLD PRED --level dump` after
//! wrapping as `{"type":"article","data":…}` with `--wrap`).
//!
//! ```text
//! cargo run --release --example layout_jsonl -- DIR [--wrap] > pred.jsonl
//! ```

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(root) = args.next().map(PathBuf::from) else {
        eprintln!("usage: layout_jsonl DIR [--wrap]");
        std::process::exit(2);
    };
    let wrap = args.any(|a| a == "--wrap");
    let lexicon = morgue::article::Lexicon::builtin();
    // The indexer's own walk: sorted, `.txt` files, hidden entries skipped, links followed.
    let files: Vec<PathBuf> = match morgue::corpus::walk(&root, &Default::default()) {
        Ok((found, _)) => found.iter().map(|f| f.path_under(&root)).collect(),
        Err(err) => {
            eprintln!("{}: {err}", root.display());
            std::process::exit(2);
        }
    };
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
