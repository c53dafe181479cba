//! The plan step of a run: walk every root and compare what is on disk with what the index
//! holds, deciding for each file whether it is work (new, changed, or to be re-tagged),
//! unchanged (same size and mtime: not read), gone (its document is removed) or skipped by
//! the walk. Nothing is read or written here beyond directory entries; every decision is
//! reported through the run's event callback in walk order as it is made.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use tantivy::Searcher;

use super::{article_id_of, FileEvent, Outcome};
use crate::corpus::{self, FoundFile, Skipped, WalkOptions};
use crate::error::{Error, Result};
use crate::schema::article_key;
use crate::store::Manifest;

/// A root of this run: its absolute path and that path as stored in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    pub path: PathBuf,
    pub name: String,
}

impl Root {
    /// The root at `path`, made absolute (it must exist and be named in UTF-8).
    pub fn resolve(path: &Path) -> Result<Root> {
        let path = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
        let name = path
            .to_str()
            .ok_or_else(|| Error::Config(format!("{}: root path is not valid UTF-8", path.display())))?
            .to_string();
        Ok(Root { path, name })
    }
}

/// A file that needs reading: new, changed, or to be re-tagged. Kept small (64 bytes): a
/// first run over a million files holds a million of these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    pub file: FoundFile,
    /// Index into the run's roots.
    pub root: u32,
    /// The content hash it was indexed with, if it was.
    pub previous_hash: Option<u64>,
}

/// What a run has to do.
#[derive(Debug, Default)]
pub struct Plan {
    /// Files to read, in walk order.
    pub work: Vec<Work>,
    /// Ids of indexed articles whose files are gone.
    pub removed: Vec<String>,
    /// Files the walk could not use.
    pub skipped: Vec<Skipped>,
    /// Files unchanged since they were indexed.
    pub unchanged: u64,
    /// Article files found (plus files gone since the last run).
    pub files_seen: u64,
}

/// What the plan compares the disk with: the index's manifest (read from `snapshot`) and the
/// files recorded as touched (mtime changed, content not).
pub struct Indexed<'a> {
    pub manifest: &'a Manifest,
    pub snapshot: &'a Searcher,
    pub touched: &'a BTreeMap<String, i64>,
}

/// Walks `roots` in order and plans the run. With `retag`, unchanged files are work too.
pub fn plan(
    roots: &[Root],
    walk: &WalkOptions,
    indexed: &Indexed<'_>,
    retag: bool,
    on_event: &(dyn Fn(&FileEvent) + Sync),
) -> Result<Plan> {
    let mut plan = Plan::default();
    for (root_index, root) in roots.iter().enumerate() {
        let (found, skipped) = corpus::walk(&root.path, walk)?;
        plan.files_seen += (found.len() + skipped.len()) as u64;
        for skip in skipped {
            on_event(&FileEvent::new(skip.path.clone(), Outcome::Skipped(skip.reason.clone())));
            plan.skipped.push(skip);
        }
        let mut seen = HashSet::with_capacity(found.len());
        for file in found {
            let key = article_key(&root.name, &file.rel);
            let previous = indexed.manifest.entries.get(&key).copied();
            seen.insert(key);
            // The touched-file lookup needs the hex id: only built when the stat differs.
            let unchanged = previous.is_some_and(|p| {
                p.size == file.size
                    && (p.mtime == file.mtime
                        || indexed.touched.get(&article_id_of(key)) == Some(&file.mtime))
            });
            if unchanged && !retag {
                plan.unchanged += 1;
                on_event(&FileEvent::new(file.path_under(&root.path), Outcome::Unchanged));
            } else {
                plan.work.push(Work {
                    file,
                    root: root_index as u32,
                    previous_hash: previous.map(|p| p.hash),
                });
            }
        }
        for (key, path) in gone(root, indexed, &seen) {
            plan.removed.push(article_id_of(key));
            plan.files_seen += 1;
            on_event(&FileEvent::new(root.path.join(path), Outcome::Removed));
        }
    }
    Ok(plan)
}

/// Files indexed under `root` that the walk no longer finds (`seen`), by path.
fn gone(root: &Root, indexed: &Indexed<'_>, seen: &HashSet<u64>) -> Vec<(u64, String)> {
    let manifest = indexed.manifest;
    let Some(manifest_root) = manifest.roots.iter().position(|r| *r == root.name) else {
        return Vec::new();
    };
    let mut gone: Vec<(u64, String)> = manifest
        .entries
        .iter()
        .filter(|(key, entry)| entry.root as usize == manifest_root && !seen.contains(*key))
        .map(|(key, entry)| (*key, manifest.path(indexed.snapshot, entry).unwrap_or_default()))
        .collect();
    gone.sort_by(|a, b| a.1.cmp(&b.1));
    gone
}
