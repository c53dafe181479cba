//! morgue: a search engine for news archives.
//!
//! Layers, from the bottom up (each may use only those above it in this list):
//! - `calendar`: civil dates and calendar intervals shared by everything.
//! - `article`: pure text → `Article` (layouts and field extractors); sees only `&str`. Its
//!   `Lexicon` (every word list, folded once) and the alias file come in from `schema`.
//! - `analysis`: the fused tokenizer of the text and name fields (tantivy's chain, one pass).
//! - `schema`: index-schema/ files → tantivy schema, tokenizers, `Fields`, documents.
//! - `corpus`: walking folders and decoding files (walkdir, fs).
//! - `directory`: the indexer's tantivy directory (mmap with pages released during merges).
//! - `registry`: the person registry (`people.keys`) numbering person keys for facets.
//! - `resolve`: one person across the archive (bare surnames to the archive's full name);
//!   `person_counts`: the person facet of the whole archive, counted when the index is
//!   written (`people.counts`), which `resolve::refresh` brings up to date with the merges;
//!   `person_rows`: each segment's person numbers laid out flat for counting (`people-*.rows`).
//! - `store`: the on-disk index, commit metadata and the manifest of indexed files.
//! - `indexer`: the parallel, incremental, crash-safe indexing pipeline: `plan` (the walk
//!   against the manifest: work, removed, skipped), `prepare` (one file to one document, no
//!   writer) and `commit` (rayon chunks into one `IndexWriter`, a commit per chunk).
//! - `query`, `archive`, `search`: query parsing, the read snapshot (and the collector of
//!   every matching doc), ranked search; `collapse`: copies of one story folded into its
//!   best-ranked hit.
//! - `report` (facets, histogram, stats), `export`, `audit`, `similar`: whole-archive
//!   aggregates, streamed exports, audits with duplicate detection, more-like-this;
//!   `mapping`: the same records' mappings for OpenSearch/Elasticsearch and Quickwit.
//! - `output`: the only code that renders results; `exit`: exit codes.
//! - `serve`: the web page and JSON API of `morgue serve` over the same library calls.
//!
//! Binaries (`morgue-index`, `morgue`) parse arguments, call the library and print via
//! `output`; library code never prints. The binaries need the `cli` feature (on by default),
//! which derives `clap::ValueEnum` on the library's closed choices (`output::Format`,
//! `report::FacetField`, `report::Interval`, `audit::Check`, `search::SortOrder`) so the
//! command line takes them as they are; without it the library builds with no clap.

pub mod analysis;
pub mod archive;
pub mod article;
pub mod audit;
pub mod calendar;
pub mod collapse;
pub mod compact;
pub mod corpus;
pub mod directory;
pub mod error;
pub mod exit;
pub mod export;
pub mod indexer;
pub mod mapping;
pub mod output;
pub mod person_counts;
pub mod person_rows;
pub mod query;
pub mod record;
pub mod registry;
pub mod report;
pub mod resolve;
pub mod schema;
pub mod search;
pub mod serve;
pub mod similar;
pub mod store;

pub use error::{Error, Result};
