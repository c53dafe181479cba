//! In-process search benchmarks (criterion): morgue's `search::search` (open once, ranked
//! top 10 with stored fields, with and without snippets) against a raw tantivy top 10 on the
//! baseline index built by `examples/raw_tantivy.rs`, for the query set of `scripts/bench.sh`.
//!
//! ```text
//! MORGUE_BENCH_INDEX=/path/morgue-index RAW_BENCH_INDEX=/path/raw-index cargo bench --bench search
//! ```
//! Either variable may be unset: its half is skipped with a note (so `cargo bench` with
//! neither does nothing and succeeds). Both halves run with mimalloc, morgue-index's
//! allocator (the short-lived `morgue` process keeps the system one; see Cargo.toml).

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

use morgue::archive::Archive;
use morgue::schema::Knowledge;
use morgue::search::{search, SearchRequest};

/// (name, query) — the free-text part of the whole-process query set in scripts/bench.sh.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const QUERIES: &[(&str, &str)] = &[
    ("frequent", "officials"),
    ("medium", "venezuela"),
    ("rare", "petean"),
    ("phrase", "\"trade war\""),
    ("and", "iran AND sanctions"),
    ("or3", "brexit OR tariffs OR venezuela"),
];

fn morgue_benches(c: &mut Criterion, dir: &Path) {
    let knowledge = Knowledge::builtin();
    let archive = Archive::open(dir, &knowledge.spec).expect("MORGUE_BENCH_INDEX opens as a morgue index");
    let mut group = c.benchmark_group("morgue");
    for (name, query) in QUERIES {
        let request = SearchRequest::new(*query);
        group.bench_function(*name, |b| b.iter(|| search(&archive, &request).expect("search runs")));
        let bare = SearchRequest { snippet_chars: 0, ..SearchRequest::new(*query) };
        group.bench_function(format!("{name}-no-snippets"), |b| {
            b.iter(|| search(&archive, &bare).expect("search runs"))
        });
    }
    group.finish();
}

fn raw_benches(c: &mut Criterion, dir: &Path) {
    let index = Index::open_in_dir(dir).expect("RAW_BENCH_INDEX opens as a tantivy index");
    index.tokenizers().register(
        "raw_text",
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build(),
    );
    let schema = index.schema();
    let title = schema.get_field("title").expect("title field");
    let body = schema.get_field("body").expect("body field");
    let reader: IndexReader =
        index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().expect("reader");
    let searcher = reader.searcher();
    let mut parser = QueryParser::for_index(&index, vec![title, body]);
    parser.set_field_boost(title, 2.5);
    parser.set_conjunction_by_default();
    let mut group = c.benchmark_group("raw");
    for (name, query) in QUERIES {
        group.bench_function(*name, |b| {
            b.iter(|| {
                let q = parser.parse_query(query).expect("query parses");
                let (top, count) =
                    searcher.search(&q, &(TopDocs::with_limit(10).order_by_score(), Count)).expect("search");
                for (_, address) in &top {
                    let _doc: TantivyDocument = searcher.doc(*address).expect("stored doc");
                }
                count
            })
        });
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    match std::env::var_os("MORGUE_BENCH_INDEX") {
        Some(dir) => morgue_benches(c, Path::new(&dir)),
        None => eprintln!("MORGUE_BENCH_INDEX is not set: skipping the morgue benches"),
    }
    match std::env::var_os("RAW_BENCH_INDEX") {
        Some(dir) => raw_benches(c, Path::new(&dir)),
        None => eprintln!("RAW_BENCH_INDEX is not set: skipping the raw tantivy benches"),
    }
}

criterion_group!(search_benches, benches);
criterion_main!(search_benches);
