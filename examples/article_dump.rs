//! Prints every field of every article under a folder, as the indexer would parse it: one JSON
//! line per file with the whole `Article` record plus its fingerprint (body hash and MinHash
//! bytes, which the record's JSON leaves out). Two versions of the extractor that must agree
//! are checked by `cmp` on their dumps of the same folders.
//!
//! ```text
//! cargo run --release --example article_dump -- DIR... > dump.jsonl
//! ```

use std::path::PathBuf;

use morgue::schema::Knowledge;

fn main() {
    let knowledge = Knowledge::builtin();
    for root in std::env::args().skip(1).map(PathBuf::from) {
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
            let text = morgue::corpus::normalize_text(&text);
            let relative = path.strip_prefix(&root).unwrap_or(&path).to_string_lossy().into_owned();
            let article = knowledge.extractor.parse_with_hint(&text, Some(&relative));
            let minhash: String = article.fingerprint.minhash.iter().map(|w| format!("{w:016x}")).collect();
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
