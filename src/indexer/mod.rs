//! The indexing pipeline, in three steps: `plan` (sorted discovery of every root and a
//! comparison with what the index already holds: size and mtime, confirmed later by a content
//! hash), `prepare` (one file to one document, no writer: read, decode, parse) and `commit`
//! (rayon threads prepare each chunk of `commit_every` files and hand the documents to one
//! shared `IndexWriter`, then the chunk is committed). `run` ties them together and ends
//! with the merge of small segments (`compact`) and the summary.
//!
//! The index is its own manifest — each document stores its file's size, mtime and hash — so
//! a run killed at any moment leaves the last commit intact and the next run resumes from it
//! without redoing committed work.

mod commit;
mod plan;
mod prepare;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use serde::Serialize;
use tantivy::directory::error::LockError;
use tantivy::merge_policy::LogMergePolicy;
use tantivy::schema::Field;
use tantivy::{IndexWriter, TantivyDocument, TantivyError, Term};

use crate::compact::{tidy, TailPolicy};
use crate::corpus::{SkipReason, WalkOptions};
use crate::error::{Error, Result};
use crate::schema::Knowledge;
use crate::store::{writer_error, CommitMeta, Manifest, Store};
use commit::CommitLoop;
pub use plan::{plan, Indexed, Plan, Root, Work};
pub use prepare::{Prepared, Preparer};

/// Settings for one indexing run (built by the binary from its flags).
#[derive(Debug, Clone)]
pub struct IndexOptions {
    pub index_dir: PathBuf,
    pub roots: Vec<PathBuf>,
    pub walk: WalkOptions,
    /// Parsing threads (and indexing threads of the writer).
    pub threads: usize,
    /// The writer's memory budget in bytes.
    pub memory_bytes: usize,
    /// Files processed between commits.
    pub commit_every: usize,
    /// Rebuild from scratch.
    pub full: bool,
}

impl IndexOptions {
    pub fn validate(&self) -> Result<()> {
        if self.roots.is_empty() {
            return Err(Error::Config("give at least one folder to index".into()));
        }
        if self.threads == 0 || self.commit_every == 0 {
            return Err(Error::Config("--threads and --commit-every must be at least 1".into()));
        }
        let per_thread = self.memory_bytes / self.threads;
        if per_thread < 16 * 1024 * 1024 {
            return Err(Error::Config(format!(
                "--memory must give each of the {} threads at least 16 MB",
                self.threads
            )));
        }
        Ok(())
    }
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Outcome {
    /// Indexed for the first time.
    Added,
    /// Its content changed: re-indexed.
    Updated,
    /// Same size and mtime as indexed (not read).
    Unchanged,
    /// Modification time changed but content did not (read and hashed, not re-indexed).
    Touched,
    /// Its file is gone: removed from the index.
    Removed,
    /// Not indexed, with the reason.
    Skipped(SkipReason),
}

/// One file's account, sent to the caller as it happens.
#[derive(Debug, Clone, Serialize)]
pub struct FileEvent {
    /// The file's path as found on disk (non-UTF-8 bytes shown as U+FFFD).
    #[serde(serialize_with = "lossy_path")]
    pub path: PathBuf,
    #[serde(flatten)]
    pub outcome: Outcome,
}

fn lossy_path<S: serde::Serializer>(path: &Path, serializer: S) -> std::result::Result<S::Ok, S::Error> {
    serializer.collect_str(&path.display())
}

/// The account of a whole run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexSummary {
    /// The index directory.
    pub index: PathBuf,
    /// Roots indexed in this run (absolute).
    pub roots: Vec<PathBuf>,
    /// Article files found by the walk (plus files gone since the last run).
    pub files_seen: u64,
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub touched: u64,
    pub removed: u64,
    pub skipped: u64,
    /// Skipped files by reason ("binary", "too-large", …).
    pub skipped_by_reason: BTreeMap<String, u64>,
    /// Bytes read and parsed.
    pub bytes: u64,
    pub seconds: f64,
    /// Parsed megabytes (10^6 bytes) per second of wall time.
    pub mb_per_s: f64,
    pub commits: u64,
    /// Small segments merged away after the run (see `compact`).
    pub segments_merged: u64,
    /// Articles in the index after the run.
    pub articles: u64,
    /// True when the run was interrupted (Ctrl-C) and stopped at a commit point.
    pub interrupted: bool,
    /// True when taxonomy or alias changes made every article be re-tagged.
    pub retagged: bool,
}

/// Opens the index for writing; with `full`, an index of another schema version (or one
/// too damaged to open) is replaced instead of refused.
fn open_for_writing(options: &IndexOptions, knowledge: &Knowledge) -> Result<Store> {
    match Store::open_or_create(&options.index_dir, &knowledge.spec) {
        Err(Error::SchemaMismatch { .. } | Error::IndexDamaged { .. }) if options.full => {
            remove_index_files(&options.index_dir)?;
            Store::open_or_create(&options.index_dir, &knowledge.spec)
        }
        other => other,
    }
}

/// Deletes an index's files (only a directory that holds a tantivy `meta.json`).
fn remove_index_files(dir: &Path) -> Result<()> {
    if !dir.join("meta.json").is_file() {
        return Err(Error::Config(format!(
            "{} does not look like a morgue index; not removing it",
            dir.display()
        )));
    }
    std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))
}

/// Runs one indexing pass. `cancel` stops the run at the next commit point; `on_event`
/// receives every file's outcome (from several threads).
pub fn run(
    options: &IndexOptions,
    knowledge: &Knowledge,
    cancel: &AtomicBool,
    on_event: &(dyn Fn(&FileEvent) + Sync),
) -> Result<IndexSummary> {
    options.validate()?;
    let started = Instant::now();
    let roots = options.roots.iter().map(|root| Root::resolve(root)).collect::<Result<Vec<_>>>()?;
    let store = open_for_writing(options, knowledge)?;
    let mut writer = open_writer(&store, options)?;
    let previous_meta = store.meta.clone().unwrap_or_default();
    let retag = !options.full && store.meta.is_some() && previous_meta.knowledge != knowledge.fingerprint;
    let mut meta = CommitMeta {
        schema_version: knowledge.spec.version,
        morgue_version: env!("CARGO_PKG_VERSION").to_string(),
        knowledge: knowledge.fingerprint.clone(),
        roots: if options.full { Vec::new() } else { previous_meta.roots },
        touched: if options.full || retag { BTreeMap::new() } else { previous_meta.touched },
        failed: if options.full { BTreeMap::new() } else { previous_meta.failed },
    };
    let mut summary =
        IndexSummary { index: options.index_dir.clone(), retagged: retag, ..Default::default() };

    let reader = store.reader()?;
    let plan = {
        let snapshot = reader.searcher();
        let manifest = if options.full {
            writer.delete_all_documents()?;
            Manifest::default()
        } else {
            Manifest::load(&snapshot)?
        };
        let indexed = Indexed { manifest: &manifest, snapshot: &snapshot, touched: &meta.touched };
        plan::plan(&roots, &options.walk, &indexed, retag, on_event)?
    };
    apply_plan(&plan, &roots, &mut writer, store.fields.id, &mut meta, &mut summary);

    store.people.check()?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(|e| Error::Config(format!("cannot start {} threads: {e}", options.threads)))?;
    let preparer = Preparer {
        knowledge,
        fields: store.fields,
        people: &store.people,
        max_size: options.walk.max_size,
        retag,
    };
    let commits =
        CommitLoop { preparer, roots: &roots, pool, commit_every: options.commit_every, cancel, on_event };
    commits.run(&mut writer, &plan.work, &mut meta, &mut summary)?;
    writer.wait_merging_threads()?;
    // The file list (64 bytes a file) and the reader of the run's start are not needed any
    // more: free them before the merges.
    drop(commits);
    drop(plan);
    drop(reader);
    if summary.added + summary.updated + summary.removed > 0 && !summary.interrupted {
        summary.segments_merged = merge_tail(&store, options.threads)?;
    }

    summary.roots = roots.into_iter().map(|r| r.path).collect();
    summary.articles = store.reader()?.searcher().num_docs();
    summary.seconds = started.elapsed().as_secs_f64();
    summary.mb_per_s = if summary.seconds > 0.0 { summary.bytes as f64 / 1e6 / summary.seconds } else { 0.0 };
    Ok(summary)
}

/// The run's writer, with a merge policy that keeps incremental runs cheap.
fn open_writer(store: &Store, options: &IndexOptions) -> Result<IndexWriter<TantivyDocument>> {
    let writer: IndexWriter<TantivyDocument> = store
        .index
        .writer_with_num_threads(options.threads, options.memory_bytes)
        .map_err(|e| writer_error(&options.index_dir, e))?;
    // Small segments of an incremental run form their own merge level instead of joining the
    // large ones', so updating 1% of an archive does not rewrite the whole index.
    let mut merge_policy = LogMergePolicy::default();
    merge_policy.set_min_layer_size(1_000);
    writer.set_merge_policy(Box::new(merge_policy));
    Ok(writer)
}

/// Records the plan in the run's metadata and summary and deletes the documents of files
/// that are gone (the deletions are committed with the first chunk).
fn apply_plan(
    plan: &Plan,
    roots: &[Root],
    writer: &mut IndexWriter<TantivyDocument>,
    id_field: Field,
    meta: &mut CommitMeta,
    summary: &mut IndexSummary,
) {
    for root in roots {
        if !meta.roots.contains(&root.name) {
            meta.roots.push(root.name.clone());
        }
        meta.failed.retain(|path, _| !Path::new(path).starts_with(&root.path));
    }
    for skip in &plan.skipped {
        record_skip(summary, &skip.reason);
        meta.failed.insert(skip.path.display().to_string(), skip.reason.to_string());
    }
    for id in &plan.removed {
        writer.delete_term(Term::from_field_text(id_field, id));
        meta.touched.remove(id);
    }
    summary.files_seen += plan.files_seen;
    summary.unchanged += plan.unchanged;
    summary.removed += plan.removed.len() as u64;
}

/// Merges the tail of small segments after a run that wrote documents (see `compact`).
fn merge_tail(store: &Store, threads: usize) -> Result<u64> {
    match tidy(&store.index, &TailPolicy::with_threads(threads)) {
        Ok(merged) => Ok(merged as u64),
        // Another morgue-index took the lock the moment this run's writer let it go: the
        // run's work is committed, and that indexer tidies when it is done.
        Err(TantivyError::LockFailure(LockError::LockBusy, _)) => Ok(0),
        Err(e) => Err(Error::Tantivy(e)),
    }
}

/// The hex id for an article key.
fn article_id_of(key: u64) -> String {
    format!("{key:016x}")
}

fn record_skip(summary: &mut IndexSummary, reason: &SkipReason) {
    summary.skipped += 1;
    *summary.skipped_by_reason.entry(reason.kind().to_string()).or_default() += 1;
}
