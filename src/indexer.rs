//! The indexing pipeline: sorted discovery of every root, a comparison with what the index
//! already holds (size and mtime, confirmed by a content hash), then rayon threads that read,
//! decode and parse the new and changed files and hand documents to one shared `IndexWriter`,
//! committing every `commit_every` files. The index is its own manifest — each document
//! stores its file's size, mtime and hash — so a run killed at any moment leaves the last
//! commit intact and the next run resumes from it without redoing committed work.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;
use tantivy::directory::error::LockError;
use tantivy::merge_policy::LogMergePolicy;
use tantivy::{IndexWriter, TantivyDocument, TantivyError, Term};

use crate::compact::{tidy, TailPolicy};
use crate::corpus::{self, FoundFile, SkipReason, WalkOptions};
use crate::error::{Error, Result};
use crate::registry::PersonRegistry;
use crate::schema::{article_key, FileFacts, Knowledge};
use crate::store::{writer_error, CommitMeta, Manifest, Store};

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

/// The shared, thread-safe counters of a run.
#[derive(Default)]
struct Counters {
    added: AtomicU64,
    updated: AtomicU64,
    touched: AtomicU64,
    bytes: AtomicU64,
}

/// A file that needs reading: new, changed, or to be re-tagged. Kept small (64 bytes): a
/// first run over a million files holds a million of these.
struct Work {
    file: FoundFile,
    /// Index into the run's roots.
    root: u32,
    /// The content hash it was indexed with, if it was.
    previous_hash: Option<u64>,
}

/// A root of this run: its absolute path and that path as stored in the index.
struct Root {
    path: PathBuf,
    name: String,
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
    let mut roots = Vec::with_capacity(options.roots.len());
    for root in &options.roots {
        let path = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        let name = path
            .to_str()
            .ok_or_else(|| Error::Config(format!("{}: root path is not valid UTF-8", path.display())))?
            .to_string();
        roots.push(Root { path, name });
    }
    let store = open_for_writing(options, knowledge)?;
    let mut writer: IndexWriter<TantivyDocument> = store
        .index
        .writer_with_num_threads(options.threads, options.memory_bytes)
        .map_err(|e| writer_error(&options.index_dir, e))?;
    // Small segments of an incremental run form their own merge level instead of joining the
    // large ones', so updating 1% of an archive does not rewrite the whole index.
    let mut merge_policy = LogMergePolicy::default();
    merge_policy.set_min_layer_size(1_000);
    writer.set_merge_policy(Box::new(merge_policy));

    let previous_meta = store.meta.clone().unwrap_or_default();
    let reader = store.reader()?;
    let snapshot = reader.searcher();
    let manifest = if options.full {
        writer.delete_all_documents()?;
        Manifest::default()
    } else {
        Manifest::load(&snapshot)?
    };
    let retag = !options.full && store.meta.is_some() && previous_meta.knowledge != knowledge.fingerprint;
    let mut meta = CommitMeta {
        schema_version: knowledge.spec.version,
        morgue_version: env!("CARGO_PKG_VERSION").to_string(),
        knowledge: knowledge.fingerprint.clone(),
        roots: if options.full { Vec::new() } else { previous_meta.roots.clone() },
        touched: if options.full || retag { BTreeMap::new() } else { previous_meta.touched.clone() },
        failed: if options.full { BTreeMap::new() } else { previous_meta.failed.clone() },
    };

    let mut summary =
        IndexSummary { index: options.index_dir.clone(), retagged: retag, ..Default::default() };
    let mut work = Vec::new();
    for (root_index, root) in roots.iter().enumerate() {
        if !meta.roots.contains(&root.name) {
            meta.roots.push(root.name.clone());
        }
        let (found, skipped) = corpus::walk(&root.path, &options.walk)?;
        summary.files_seen += (found.len() + skipped.len()) as u64;
        meta.failed.retain(|path, _| !Path::new(path).starts_with(&root.path));
        for skip in skipped {
            record_skip(&mut summary, &skip.reason);
            meta.failed.insert(skip.path.display().to_string(), skip.reason.to_string());
            on_event(&FileEvent { path: skip.path, outcome: Outcome::Skipped(skip.reason) });
        }
        let mut seen = HashSet::with_capacity(found.len());
        for file in found {
            let key = article_key(&root.name, &file.rel);
            let previous = manifest.entries.get(&key).copied();
            seen.insert(key);
            // The touched-file lookup needs the hex id: only built when the stat differs.
            let unchanged = previous.is_some_and(|p| {
                p.size == file.size
                    && (p.mtime == file.mtime || meta.touched.get(&article_id_of(key)) == Some(&file.mtime))
            });
            if unchanged && !retag {
                summary.unchanged += 1;
                on_event(&FileEvent { path: file.path_under(&root.path), outcome: Outcome::Unchanged });
            } else {
                work.push(Work { file, root: root_index as u32, previous_hash: previous.map(|p| p.hash) });
            }
        }
        // Files indexed under this root that the walk no longer finds.
        if let Some(manifest_root) = manifest.roots.iter().position(|r| *r == root.name) {
            let mut gone: Vec<(u64, String)> = manifest
                .entries
                .iter()
                .filter(|(key, entry)| entry.root as usize == manifest_root && !seen.contains(*key))
                .map(|(key, entry)| (*key, manifest.path(&snapshot, entry).unwrap_or_default()))
                .collect();
            gone.sort_by(|a, b| a.1.cmp(&b.1));
            for (key, path) in gone {
                let id = article_id_of(key);
                writer.delete_term(Term::from_field_text(store.fields.id, &id));
                meta.touched.remove(&id);
                summary.removed += 1;
                summary.files_seen += 1;
                on_event(&FileEvent { path: root.path.join(path), outcome: Outcome::Removed });
            }
        }
    }
    drop(manifest);
    drop(snapshot);

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(|e| Error::Config(format!("cannot start {} threads: {e}", options.threads)))?;
    let counters = Counters::default();
    let skips: Mutex<Vec<(PathBuf, SkipReason)>> = Mutex::new(Vec::new());
    let touched: Mutex<Vec<(String, i64)>> = Mutex::new(Vec::new());
    let writer_failure: Mutex<Option<TantivyError>> = Mutex::new(None);
    let registry_failure: Mutex<Option<Error>> = Mutex::new(None);
    let fields = store.fields;
    let people = &store.people;
    people.check()?;
    let max_size = options.walk.max_size;

    let mut chunks = work.chunks(options.commit_every).peekable();
    // Even a run with nothing to index commits: it records roots, failures and touches.
    let mut uncommitted = true;
    while let Some(chunk) = chunks.next() {
        if cancel.load(Ordering::SeqCst) {
            summary.interrupted = true;
            break;
        }
        pool.install(|| {
            chunk.par_iter().for_each(|item| {
                if cancel.load(Ordering::Relaxed) {
                    return;
                }
                let root = &roots[item.root as usize];
                let path = item.file.path_under(&root.path);
                let decoded = match corpus::read(&path, max_size) {
                    Ok(decoded) => decoded,
                    Err(reason) => {
                        on_event(&FileEvent {
                            path: path.clone(),
                            outcome: Outcome::Skipped(reason.clone()),
                        });
                        skips.lock().expect("skip list lock").push((path, reason));
                        return;
                    }
                };
                let id = article_id_of(article_key(&root.name, &item.file.rel));
                if let Some(previous_hash) = item.previous_hash {
                    if previous_hash == decoded.hash && !retag {
                        touched.lock().expect("touched lock").push((id, item.file.mtime));
                        counters.touched.fetch_add(1, Ordering::Relaxed);
                        on_event(&FileEvent { path, outcome: Outcome::Touched });
                        return;
                    }
                }
                counters.bytes.fetch_add(decoded.bytes, Ordering::Relaxed);
                let article = knowledge.extractor.parse(&decoded.text);
                let facts = FileFacts {
                    id,
                    root: root.name.clone(),
                    path: item.file.rel.clone(),
                    size: item.file.size,
                    mtime: item.file.mtime,
                    hash: decoded.hash,
                };
                let person_ids = match people.ids(&article.people) {
                    Ok(ids) => ids,
                    Err(e) => {
                        registry_failure.lock().expect("error slot lock").get_or_insert(e);
                        return;
                    }
                };
                let doc = fields.document(&article, &facts, &person_ids);
                if item.previous_hash.is_some() {
                    writer.delete_term(Term::from_field_text(fields.id, &facts.id));
                }
                if let Err(e) = writer.add_document(doc) {
                    writer_failure.lock().expect("error slot lock").get_or_insert(e);
                    return;
                }
                let outcome = if item.previous_hash.is_some() {
                    counters.updated.fetch_add(1, Ordering::Relaxed);
                    Outcome::Updated
                } else {
                    counters.added.fetch_add(1, Ordering::Relaxed);
                    Outcome::Added
                };
                on_event(&FileEvent { path, outcome });
            });
        });
        if let Some(e) = writer_failure.lock().expect("error slot lock").take() {
            writer.rollback()?;
            return Err(Error::Tantivy(e));
        }
        if let Some(e) = registry_failure.lock().expect("error slot lock").take() {
            writer.rollback()?;
            return Err(e);
        }
        for (id, mtime) in touched.lock().expect("touched lock").drain(..) {
            meta.touched.insert(id, mtime);
        }
        for (path, reason) in skips.lock().expect("skip list lock").drain(..) {
            record_skip(&mut summary, &reason);
            meta.failed.insert(path.display().to_string(), reason.to_string());
        }
        commit(&mut writer, people, &meta)?;
        summary.commits += 1;
        uncommitted = false;
        if cancel.load(Ordering::SeqCst) && chunks.peek().is_some() {
            summary.interrupted = true;
            break;
        }
    }
    if uncommitted {
        commit(&mut writer, people, &meta)?;
        summary.commits += 1;
    }
    writer.wait_merging_threads()?;
    // The file list (64 bytes a file) and the reader of the run's start are not needed any
    // more: free them before the merges.
    drop(chunks);
    drop(work);
    drop(reader);
    summary.added = counters.added.load(Ordering::Relaxed);
    summary.updated = counters.updated.load(Ordering::Relaxed);
    summary.touched = counters.touched.load(Ordering::Relaxed);
    summary.bytes = counters.bytes.load(Ordering::Relaxed);
    if summary.added + summary.updated + summary.removed > 0 && !summary.interrupted {
        let policy = TailPolicy::with_threads(options.threads);
        summary.segments_merged = match tidy(&store.index, &policy) {
            Ok(merged) => merged as u64,
            // Another morgue-index took the lock the moment this run's writer let it go: the
            // run's work is committed, and that indexer tidies when it is done.
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) => 0,
            Err(e) => return Err(Error::Tantivy(e)),
        };
    }

    summary.roots = roots.into_iter().map(|r| r.path).collect();
    summary.articles = store.reader()?.searcher().num_docs();
    summary.seconds = started.elapsed().as_secs_f64();
    summary.mb_per_s = if summary.seconds > 0.0 { summary.bytes as f64 / 1e6 / summary.seconds } else { 0.0 };
    Ok(summary)
}

/// The hex id for an article key.
fn article_id_of(key: u64) -> String {
    format!("{key:016x}")
}

fn record_skip(summary: &mut IndexSummary, reason: &SkipReason) {
    summary.skipped += 1;
    *summary.skipped_by_reason.entry(reason.kind().to_string()).or_default() += 1;
}

/// Commits, after syncing the person keys the new documents use (see `registry`).
fn commit(
    writer: &mut IndexWriter<TantivyDocument>,
    people: &PersonRegistry,
    meta: &CommitMeta,
) -> Result<()> {
    people.flush()?;
    let payload = serde_json::to_string(meta).expect("commit metadata serializes");
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}
