//! Prints every field of every article under a folder, as the indexer would parse it: one JSON
//! line per file with the whole `Article` record plus its fingerprint (body hash and MinHash
//! bytes, which the record's JSON leaves out). Two versions of the extractor that must agree
//! are checked by `cmp` on their dumps of the same folders.
//!
//! ```text
//! cargo run --release --example article_dump -- DIR... > dump.jsonl
//! ```

use std::path::{Path, PathBuf};

use morgue::schema::Knowledge;

fn main() {
    let knowledge = Knowledge::builtin();
    for root in std::env::args().skip(1).map(PathBuf::from) {
        let mut files = Vec::new();
        collect(&root, &mut files);
        files.sort();
        for path in files {
            let Ok(bytes) = std::fs::read(&path) else { continue };
            let Ok((text, _)) = morgue::corpus::decode(&bytes) else { continue };
            let text = morgue::corpus::normalize_text(&text);
            let relative = path.strip_prefix(&root).unwrap_or(&path).to_string_lossy().into_owned();
            let article = knowledge.extractor.parse_with_hint(&text, Some(&relative));
            let minhash: String = article.fingerprint.minhash.iter().map(|b| format!("{b:02x}")).collect();
            let record = serde_json::json!({
                "path": relative,
                "article": article,
                "body_hash": article.fingerprint.body_hash,
                "minhash": minhash,
            });
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
