//! The commit loop: the planned work in chunks of `commit_every` files; each chunk is
//! prepared on the rayon threads (one `Preparer::index_one` per file, its document handed
//! straight to the shared `IndexWriter`, whose `add_document` takes `&self`), the files'
//! accounts are folded into one `Tally` per chunk, and the chunk is committed with the run's
//! metadata — or rolled back when the writer or the person registry failed. Cancellation is
//! honoured between files and at commit points.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::plan::{Root, Work};
use super::prepare::{Prepared, Preparer};
use super::{record_skip, storage_error, FileEvent, IndexSummary, Observer, Outcome};
use crate::corpus::SkipReason;
use crate::error::{Error, Result};
use crate::registry::PersonRegistry;
use crate::store::{CommitMeta, Repaired};

/// What a chunk of files came to, folded over its files in order.
#[derive(Debug, Default)]
struct Tally {
    added: u64,
    updated: u64,
    /// Raw bytes read and parsed.
    bytes: u64,
    /// Article id → new mtime of files touched without a content change.
    touched: Vec<(String, i64)>,
    skipped: Vec<(PathBuf, SkipReason)>,
    /// Article id → its repair, for files indexed with invalid bytes replaced (`Some`) and
    /// files re-indexed that may have been before (`None`).
    repairs: Vec<(String, Option<Repaired>)>,
    /// Every file's outcome, in walk order.
    events: Vec<FileEvent>,
    /// The first index-level failure (writer or person registry).
    error: Option<Error>,
}

impl Tally {
    fn merge(mut self, other: Tally) -> Tally {
        self.added += other.added;
        self.updated += other.updated;
        self.bytes += other.bytes;
        self.touched.extend(other.touched);
        self.skipped.extend(other.skipped);
        self.repairs.extend(other.repairs);
        self.events.extend(other.events);
        self.error = self.error.or(other.error);
        self
    }
}

/// The loop's fixed inputs.
pub struct CommitLoop<'a> {
    pub preparer: Preparer<'a>,
    pub roots: &'a [Root],
    pub pool: rayon::ThreadPool,
    pub commit_every: usize,
    pub cancel: &'a AtomicBool,
    /// Hears each file as it is read (from the threads) and each file's outcome (in walk
    /// order, after its chunk).
    pub observer: &'a dyn Observer,
    /// Where the index is (named when the disk fills up).
    pub index_dir: &'a Path,
}

impl CommitLoop<'_> {
    /// Indexes `work`, committing after every chunk; fills the counts of `summary` and the
    /// touched and failed files of `meta`. Even a run with nothing to index commits once: it
    /// records roots, failures and touches.
    pub fn run(
        &self,
        writer: &mut IndexWriter<TantivyDocument>,
        work: &[Work],
        meta: &mut CommitMeta,
        summary: &mut IndexSummary,
    ) -> Result<()> {
        let mut chunks = work.chunks(self.commit_every).peekable();
        let mut uncommitted = true;
        while let Some(chunk) = chunks.next() {
            if self.cancel.load(Ordering::SeqCst) {
                summary.interrupted = true;
                break;
            }
            let shared: &IndexWriter<TantivyDocument> = writer;
            let tally = self.pool.install(|| {
                chunk
                    .par_iter()
                    .fold(Tally::default, |tally, item| self.one(shared, item, tally))
                    .reduce(Tally::default, Tally::merge)
            });
            if let Some(e) = tally.error {
                return Err(self.fail(writer, e));
            }
            for event in &tally.events {
                self.observer.event(event);
            }
            summary.added += tally.added;
            summary.updated += tally.updated;
            summary.touched += tally.touched.len() as u64;
            summary.bytes += tally.bytes;
            meta.touched.extend(tally.touched);
            for (path, reason) in tally.skipped {
                record_skip(summary, &reason);
                meta.failed.insert(path.display().to_string(), reason.to_string());
            }
            for (id, repair) in tally.repairs {
                match repair {
                    Some(repair) => {
                        summary.repaired += 1;
                        meta.repaired.insert(id, repair);
                    }
                    None => {
                        meta.repaired.remove(&id);
                    }
                }
            }
            self.commit(writer, meta)?;
            summary.commits += 1;
            uncommitted = false;
            if self.cancel.load(Ordering::SeqCst) && chunks.peek().is_some() {
                summary.interrupted = true;
                break;
            }
        }
        if uncommitted {
            self.commit(writer, meta)?;
            summary.commits += 1;
        }
        Ok(())
    }

    fn commit(&self, writer: &mut IndexWriter<TantivyDocument>, meta: &CommitMeta) -> Result<()> {
        commit(writer, self.preparer.people, meta).map_err(|e| super::disk_full_named(self.index_dir, e))
    }

    /// Rolls the chunk back after `error`, returning the error to report. When the writer
    /// died (its worker threads failed), the workers' own error is the cause: a full disk.
    fn fail(&self, writer: &mut IndexWriter<TantivyDocument>, error: Error) -> Error {
        let error = match error {
            Error::Tantivy(e) => {
                let cause = match writer.prepare_commit() {
                    Err(cause) => cause,
                    Ok(prepared) => {
                        let _ = prepared.abort();
                        e
                    }
                };
                storage_error(self.index_dir, cause)
            }
            other => other,
        };
        let _ = writer.rollback();
        error
    }

    /// One file: prepared, handed to the writer, reported, and added to `tally`.
    fn one(&self, writer: &IndexWriter<TantivyDocument>, item: &Work, mut tally: Tally) -> Tally {
        if self.cancel.load(Ordering::Relaxed) || tally.error.is_some() {
            return tally;
        }
        let path = self.preparer.path(self.roots, item);
        let prepared = self.preparer.index_one(&self.roots[item.root as usize], item);
        self.observer.read(item.file.size);
        let prepared = match prepared {
            Ok(prepared) => prepared,
            Err(e) => {
                tally.error = Some(e);
                return tally;
            }
        };
        let mut replaced_bytes = 0;
        let outcome = match prepared {
            Prepared::Skipped(reason) => {
                let outcome = Outcome::Skipped(reason.clone());
                tally
                    .events
                    .push(FileEvent { size: item.file.size, ..FileEvent::new(path.clone(), outcome) });
                tally.skipped.push((path, reason));
                return tally;
            }
            Prepared::Touched { id, mtime } => {
                tally.touched.push((id, mtime));
                Outcome::Touched
            }
            Prepared::Document { doc, id, replaces, bytes, replaced } => {
                tally.bytes += bytes;
                if replaces {
                    writer.delete_term(Term::from_field_text(self.preparer.fields.id, &id));
                }
                if let Err(e) = writer.add_document(doc) {
                    tally.error = Some(Error::Tantivy(e));
                    return tally;
                }
                if replaced > 0 || replaces {
                    let repair =
                        (replaced > 0).then(|| Repaired { path: path.display().to_string(), replaced });
                    tally.repairs.push((id, repair));
                }
                replaced_bytes = replaced;
                if replaces {
                    tally.updated += 1;
                    Outcome::Updated
                } else {
                    tally.added += 1;
                    Outcome::Added
                }
            }
        };
        tally.events.push(FileEvent { path, outcome, replaced: replaced_bytes, size: item.file.size });
        tally
    }
}

/// Commits, after syncing the person keys the new documents use (see `registry`).
pub fn commit(
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
