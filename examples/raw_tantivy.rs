//! The raw tantivy baseline morgue is measured against: the same text analysis (simple
//! tokenizer, lowercase, ASCII folding, English stemming, positions) on the same text
//! fields, but no extraction at all — the first non-empty line is the title, the rest is the
//! body; `author`, `source` and `dateline` exist as plain text fields and stay empty because
//! nothing extracts them. Same writer memory budget (256 MB), threads (all cores) and commit
//! interval (20,000 files) as `morgue-index` defaults.
//!
//! ```text
//! cargo run --release --example raw_tantivy -- index CORPUS_DIR INDEX_DIR
//! cargo run --release --example raw_tantivy -- query INDEX_DIR "terms" [--repeat N]
//! ```
//! Both print one JSON object with timings on stdout. Built with the same allocator as
//! morgue-index (mimalloc), so the comparison measures morgue's extra work, not malloc.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use rayon::prelude::*;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TOKENIZER: &str = "raw_text";
const MEMORY: usize = 256 << 20;
const COMMIT_EVERY: usize = 20_000;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("index") if args.len() == 3 => index(Path::new(&args[1]), Path::new(&args[2])),
        Some("query") if args.len() >= 3 => {
            let repeat = match args.get(3).map(String::as_str) {
                Some("--repeat") => args.get(4).context("--repeat needs a number")?.parse()?,
                Some(other) => bail!("unknown argument {other}"),
                None => 1,
            };
            query(Path::new(&args[1]), &args[2], repeat)
        }
        _ => bail!("usage: raw_tantivy index CORPUS OUT | raw_tantivy query OUT \"terms\" [--repeat N]"),
    }
}

struct RawFields {
    title: Field,
    body: Field,
    author: Field,
    source: Field,
    dateline: Field,
}

fn schema() -> (Schema, RawFields) {
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let mut b = Schema::builder();
    let fields = RawFields {
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field("body", text.clone()),
        author: b.add_text_field("author", text.clone()),
        source: b.add_text_field("source", text.clone()),
        dateline: b.add_text_field("dateline", text),
    };
    (b.build(), fields)
}

fn register(index: &Index) {
    index.tokenizers().register(
        TOKENIZER,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build(),
    );
}

fn index(corpus: &Path, out: &Path) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(corpus)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    let walked = started.elapsed().as_secs_f64();
    std::fs::create_dir_all(out)?;
    let (schema, f) = schema();
    let index = Index::create_in_dir(out, schema).with_context(|| format!("creating {}", out.display()))?;
    register(&index);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut writer: IndexWriter<TantivyDocument> = index.writer_with_num_threads(threads, MEMORY)?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    let mut bytes = 0u64;
    for chunk in files.chunks(COMMIT_EVERY) {
        bytes += pool.install(|| {
            chunk
                .par_iter()
                .map(|path| -> anyhow::Result<u64> {
                    let raw = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
                    let text = String::from_utf8_lossy(&raw);
                    let trimmed = text.trim_start();
                    let (title, body) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
                    writer.add_document(doc!(f.title => title.trim(), f.body => body))?;
                    Ok(raw.len() as u64)
                })
                .try_reduce(|| 0, |a, b| Ok(a + b))
        })?;
        writer.commit()?;
    }
    writer.wait_merging_threads()?;
    let seconds = started.elapsed().as_secs_f64();
    let _ = (f.author, f.source, f.dateline); // present in the schema, never filled
    println!(
        "{{\"files\":{},\"bytes\":{bytes},\"seconds\":{seconds:.3},\"walk_seconds\":{walked:.3},\"mb_per_s\":{:.2},\"threads\":{threads},\"memory_mb\":{}}}",
        files.len(),
        bytes as f64 / 1e6 / seconds,
        MEMORY >> 20
    );
    Ok(())
}

fn query(dir: &Path, text: &str, repeat: usize) -> anyhow::Result<()> {
    let started = Instant::now();
    let index = Index::open_in_dir(dir)?;
    register(&index);
    let schema = index.schema();
    let title = schema.get_field("title")?;
    let body = schema.get_field("body")?;
    let reader: IndexReader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
    let searcher = reader.searcher();
    let open_ms = started.elapsed().as_secs_f64() * 1e3;
    let mut parser = QueryParser::for_index(&index, vec![title, body]);
    parser.set_field_boost(title, 2.5);
    parser.set_conjunction_by_default();
    let mut times = Vec::with_capacity(repeat.max(1));
    let mut total = 0;
    let mut top_title = String::new();
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        let q = parser.parse_query(text)?;
        let (top, count) = searcher.search(&q, &(TopDocs::with_limit(10).order_by_score(), Count))?;
        for (i, (_, address)) in top.iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(*address)?;
            if i == 0 {
                top_title = doc.get_first(title).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            }
        }
        total = count;
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "{{\"query\":{},\"total_hits\":{total},\"open_ms\":{open_ms:.3},\"runs\":{},\"median_ms\":{:.4},\"p95_ms\":{:.4},\"min_ms\":{:.4},\"top_title\":{}}}",
        serde_json::to_string(text)?,
        times.len(),
        pct(0.5),
        pct(0.95),
        times[0],
        serde_json::to_string(&top_title)?
    );
    Ok(())
}
