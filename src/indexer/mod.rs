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
pub mod roots;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use serde::Serialize;
use tantivy::directory::error::LockError;
use tantivy::merge_policy::LogMergePolicy;
use tantivy::schema::Field;
use tantivy::{IndexWriter, TantivyDocument, TantivyError, Term};

use crate::article::extract::date::DateOrder;
use crate::compact::{tidy, TailPolicy};
use crate::corpus::{SkipReason, WalkOptions};
use crate::error::{Error, Result};
use crate::schema::Knowledge;
use crate::store::{writer_error, CommitMeta, Manifest, Store};
use commit::CommitLoop;
pub use plan::{plan, Indexed, Plan, Root, Work};
pub use prepare::{Prepared, Preparer};
pub use roots::RootCopies;

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
    /// `--move-root OLD NEW`: the root at OLD moved to this run's one root.
    pub moved_from: Option<PathBuf>,
    /// `--date-order`: how the archive writes ambiguous numeric dates (`None`: as stored).
    pub date_order: Option<DateOrder>,
    /// `--year`: the year of yearless datelines in this run's roots (`None`: as stored).
    pub year: Option<i32>,
}

impl IndexOptions {
    pub fn validate(&self) -> Result<()> {
        if self.roots.is_empty() {
            return Err(Error::Config("give at least one folder to index".into()));
        }
        if self.moved_from.is_some() && (self.roots.len() != 1 || self.full) {
            return Err(Error::Config(
                "--move-root re-points one root and cannot be combined with --full".into(),
            ));
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
    /// Invalid UTF-8 sequences replaced by U+FFFD while decoding (absent when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub replaced: u64,
    /// The file's size in bytes, for progress (not serialized).
    #[serde(skip)]
    pub size: u64,
}

impl FileEvent {
    pub fn new(path: PathBuf, outcome: Outcome) -> FileEvent {
        FileEvent { path, outcome, replaced: 0, size: 0 }
    }
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// What a run tells its caller as it goes: the size of the work once planned, each file as
/// it is read (from the parsing threads, for progress), and every file's outcome in walk
/// order (the files read, after each chunk), so reports and messages are the same on every
/// run. Any `Fn(&FileEvent)` is an observer that hears only the outcomes.
pub trait Observer: Sync {
    /// The plan is made: `files` files of `bytes` bytes in all are to be read.
    fn planned(&self, _files: u64, _bytes: u64) {}
    /// A planned file of `size` bytes was read (called from several threads).
    fn read(&self, _size: u64) {}
    fn event(&self, event: &FileEvent);
}

impl<F: Fn(&FileEvent) + Sync> Observer for F {
    fn event(&self, event: &FileEvent) {
        self(event)
    }
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
    /// Files indexed after replacing invalid UTF-8 bytes (listed by `--report` and `audit`).
    pub repaired: u64,
    /// Articles whose exact file content is also indexed under another root (a copied or
    /// moved folder indexed as a second root), per pair of roots.
    pub copies: Vec<RootCopies>,
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

/// Runs one indexing pass. `cancel` stops the run at the next commit point; `observer`
/// hears the plan's size and every file's outcome.
pub fn run(
    options: &IndexOptions,
    knowledge: &Knowledge,
    cancel: &AtomicBool,
    observer: &dyn Observer,
) -> Result<IndexSummary> {
    // A full disk can surface from any write (a segment, a merge, the registry, the commit
    // metadata), not only from the commit loop: name it the same way wherever it arose.
    run_writer(options, knowledge, cancel, observer).map_err(|e| disk_full_named(&options.index_dir, e))
}

/// A run's error as the user should read it: a full disk, wherever in the run it arose, is
/// [`Error::DiskFull`] naming the index.
fn disk_full_named(index_dir: &Path, error: Error) -> Error {
    match error {
        Error::Tantivy(e) => storage_error(index_dir, e),
        Error::Io { source, .. } if is_full(&source) => Error::DiskFull { path: index_dir.to_path_buf() },
        // A write that failed inside tantivy and came back as text (a reopened segment, a
        // merge thread's error) is still a full disk, not a damaged index.
        other if names_full_disk(&other.to_string()) => Error::DiskFull { path: index_dir.to_path_buf() },
        other => other,
    }
}

/// Whether an I/O error is a full disk by its kind (a wrapped one is caught by its text where
/// the callers fall back to [`names_full_disk`]).
fn is_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull || e.raw_os_error() == Some(28)
}

/// Whether an error's text is a full disk's (`std::io::Error`'s wording for ENOSPC).
fn names_full_disk(text: &str) -> bool {
    text.contains("No space left on device")
}

fn run_writer(
    options: &IndexOptions,
    knowledge: &Knowledge,
    cancel: &AtomicBool,
    observer: &dyn Observer,
) -> Result<IndexSummary> {
    options.validate()?;
    let started = Instant::now();
    let on_event = &|event: &FileEvent| observer.event(event);
    let mut roots = options.roots.iter().map(|root| Root::resolve(root)).collect::<Result<Vec<_>>>()?;
    let store = open_for_writing(options, knowledge)?;
    let mut writer = open_writer(&store, options)?;
    let previous_meta = store.meta.clone().unwrap_or_default();
    let mut retag = !options.full && store.meta.is_some() && previous_meta.knowledge != knowledge.fingerprint;
    let previous_dates = previous_meta.dates.clone();
    let mut meta = CommitMeta {
        schema_version: knowledge.spec.version,
        morgue_version: env!("CARGO_PKG_VERSION").to_string(),
        knowledge: knowledge.fingerprint.clone(),
        roots: if options.full { Vec::new() } else { previous_meta.roots },
        touched: if options.full || retag { BTreeMap::new() } else { previous_meta.touched },
        failed: if options.full { BTreeMap::new() } else { previous_meta.failed },
        moved: if options.full { BTreeMap::new() } else { previous_meta.moved },
        repaired: if options.full { BTreeMap::new() } else { previous_meta.repaired },
        dates: previous_meta.dates,
    };
    if let Some(old) = &options.moved_from {
        roots::repoint(&mut meta, old, &roots[0].path, &options.index_dir)?;
    }
    name_roots(&mut roots, &meta)?;
    // Date settings given now are kept for later runs; a change re-parses every article.
    if let Some(order) = options.date_order {
        meta.dates.order = order;
    }
    if let Some(year) = options.year {
        for root in &roots {
            meta.dates.years.insert(root.name.clone(), year);
        }
    }
    if !options.full && store.meta.is_some() && meta.dates != previous_dates {
        retag = true;
        meta.touched.clear();
    }
    let years = meta.dates.years.clone();
    let dated_extractor;
    let extractor = if meta.dates.order == knowledge.extractor.lexicon.date_order() {
        &knowledge.extractor
    } else {
        dated_extractor = knowledge.extractor.with_date_order(meta.dates.order);
        &dated_extractor
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
    observer.planned(plan.work.len() as u64, plan.work.iter().map(|w| w.file.size).sum());

    store.people.check()?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(|e| Error::Config(format!("cannot start {} threads: {e}", options.threads)))?;
    let preparer = Preparer {
        extractor,
        years: &years,
        fields: store.fields,
        people: &store.people,
        max_size: options.walk.max_size,
        retag,
    };
    let commits = CommitLoop {
        preparer,
        roots: &roots,
        pool,
        commit_every: options.commit_every,
        cancel,
        observer,
        index_dir: &options.index_dir,
    };
    commits.run(&mut writer, &plan.work, &mut meta, &mut summary)?;
    writer.wait_merging_threads().map_err(|e| storage_error(&options.index_dir, e))?;
    // The file list (64 bytes a file) and the reader of the run's start are not needed any
    // more: free them before the merges.
    drop(commits);
    drop(plan);
    drop(reader);
    if summary.added + summary.updated + summary.removed > 0 && !summary.interrupted {
        summary.segments_merged = merge_tail(&store, options.threads)?;
    }

    summary.roots = roots.into_iter().map(|r| r.path).collect();
    let searcher = store.reader()?.searcher();
    summary.articles = searcher.num_docs();
    crate::resolve::refresh(&store.dir, &store.index, &searcher, &store.fields, &store.people)?;
    if meta.roots.len() > 1 {
        summary.copies = roots::copies_across_roots(&Manifest::load(&searcher)?, &meta);
    }
    summary.seconds = started.elapsed().as_secs_f64();
    summary.mb_per_s = if summary.seconds > 0.0 { summary.bytes as f64 / 1e6 / summary.seconds } else { 0.0 };
    Ok(summary)
}

/// Gives each root the name its articles are stored under: its path, or the root that moved
/// there. A folder whose root moved away cannot be indexed under the old name again.
fn name_roots(roots: &mut [Root], meta: &CommitMeta) -> Result<()> {
    for root in roots {
        if let Some(now) = meta.moved.get(&root.name) {
            return Err(Error::Config(format!(
                "the root {} moved to {now} (--move-root); index {now}, or `--remove-root {now}` first",
                root.name
            )));
        }
        root.name = meta.root_name(&root.name).to_string();
    }
    Ok(())
}

/// A writer failure as the user should read it: a full disk says so, and where.
pub(crate) fn storage_error(index_dir: &Path, error: TantivyError) -> Error {
    // An I/O error can arrive wrapped (a merge thread's error re-raised with its own kind),
    // so its text is checked as well as its kind.
    let disk_full = match &error {
        TantivyError::IoError(e) => is_full(e),
        TantivyError::OpenWriteError(tantivy::directory::error::OpenWriteError::IoError {
            io_error, ..
        }) => is_full(io_error),
        _ => false,
    } || names_full_disk(&error.to_string());
    if disk_full {
        Error::DiskFull { path: index_dir.to_path_buf() }
    } else {
        Error::Tantivy(error)
    }
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
        meta.repaired.remove(id);
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
        Err(e) => Err(storage_error(&store.dir, e)),
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

#[cfg(test)]
mod disk_full_tests {
    use super::*;

    #[test]
    fn a_full_disk_is_named_whichever_error_carried_it() {
        let dir = Path::new("/archive/index");
        let enospc = || std::io::Error::from_raw_os_error(28);
        let carried = [
            Error::io("/archive/index/people.merges", enospc()),
            Error::IndexDamaged { path: dir.to_path_buf(), reason: enospc().to_string() },
            Error::Tantivy(TantivyError::InternalError(format!("merge failed: {}", enospc()))),
            // Re-raised by another thread with its own kind: only the text says ENOSPC (CI).
            Error::Tantivy(TantivyError::from(std::io::Error::other(enospc()))),
        ];
        for error in carried {
            let shown = error.to_string();
            assert!(
                matches!(disk_full_named(dir, error), Error::DiskFull { ref path } if path == dir),
                "{shown}"
            );
        }
        let damaged = Error::IndexDamaged { path: dir.to_path_buf(), reason: "bad meta.json".into() };
        assert!(matches!(disk_full_named(dir, damaged), Error::IndexDamaged { .. }));
    }
}
