//! One in-process search repeated on an archive opened once, for instruction profiles of a
//! warm search (the state `serve` and `benches/search.rs` run in): the difference between a
//! run of N + 1 and one of 1 under callgrind is N warm searches.
//!
//! ```text
//! cargo build --release --example search_repeat
//! valgrind --tool=callgrind --toggle-collect='morgue::search::search' \
//!     target/release/examples/search_repeat INDEX QUERY N [--snippets]
//! ```
//! Prints the hits' ids of the last run, one per line, so two builds can be checked to
//! answer alike.

use std::path::PathBuf;
use std::process::ExitCode;

use morgue::archive::Archive;
use morgue::schema::Knowledge;
use morgue::search::{search, SearchRequest};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(index), Some(query), Some(times)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("usage: search_repeat INDEX QUERY N [--snippets]");
        return ExitCode::from(2);
    };
    let Ok(times) = times.parse::<usize>() else {
        eprintln!("search_repeat: N must be a number, not {times:?}");
        return ExitCode::from(2);
    };
    let knowledge = Knowledge::builtin();
    let archive = match Archive::open(&PathBuf::from(index), &knowledge.spec) {
        Ok(archive) => archive,
        Err(e) => {
            eprintln!("search_repeat: {e}");
            return ExitCode::FAILURE;
        }
    };
    let snippets = args.iter().any(|a| a == "--snippets");
    let request = SearchRequest { snippet_chars: if snippets { 220 } else { 0 }, ..SearchRequest::new(query) };
    let mut last = None;
    for _ in 0..times {
        match search(&archive, &request) {
            Ok(results) => last = Some(results),
            Err(e) => {
                eprintln!("search_repeat: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    for hit in last.map(|r| r.hits).unwrap_or_default() {
        println!("{} {:?} {}", hit.article.id, hit.score, hit.copies.join(","));
    }
    ExitCode::SUCCESS
}
