//! One in-process search repeated on an archive opened once, for instruction profiles of a
//! warm search (the state `serve` and `benches/search.rs` run in): the search runs once to
//! warm the archive's caches, then N times inside `timed`, which callgrind collects alone.
//!
//! ```text
//! cargo build --release --example search_repeat
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='search_repeat::timed' \
//!     target/release/examples/search_repeat INDEX QUERY N [--snippets]
//! ```
//! Prints the hits' ids of the last run, one per line, so two builds can be checked to
//! answer alike.

use std::path::PathBuf;
use std::process::ExitCode;

use morgue::archive::Archive;
use morgue::schema::Knowledge;
use morgue::search::{search, SearchRequest, SearchResults};

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
    let request =
        SearchRequest { snippet_chars: if snippets { 220 } else { 0 }, ..SearchRequest::new(query) };
    let last = search(&archive, &request).and_then(|_| timed(&archive, &request, times));
    let hits = match last {
        Ok(last) => last.map(|r| r.hits).unwrap_or_default(),
        Err(e) => {
            eprintln!("search_repeat: {e}");
            return ExitCode::FAILURE;
        }
    };
    for hit in hits {
        println!("{} {:?} {}", hit.article.id, hit.score, hit.copies.join(","));
    }
    ExitCode::SUCCESS
}

/// The warm searches: the only function a callgrind run with `--toggle-collect` counts.
#[inline(never)]
fn timed(
    archive: &Archive,
    request: &SearchRequest,
    times: usize,
) -> morgue::error::Result<Option<SearchResults>> {
    let mut last = None;
    for _ in 0..times {
        last = Some(search(archive, request)?);
    }
    Ok(last)
}
