//! The index as the server sees it, kept fresh while `morgue-index` writes to it. A watcher
//! thread looks at `meta.json` every few hundred milliseconds (tantivy replaces it atomically
//! on each commit, so a new inode, size or mtime means a new commit) and reopens the archive
//! when it changed. Requests hold an `Arc` of the archive they started with, so a reload
//! never pulls a snapshot from under a running search. A deleted index makes every request a
//! 503 until it is back; a reopen that fails while the index exists keeps serving the last
//! good snapshot and retries on the next tick.

use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, RwLock, Weak};
use std::time::Duration;

use crate::archive::Archive;
use crate::schema::SchemaSpec;

use super::error::ApiError;

/// What identifies one commit's `meta.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    inode: u64,
    len: u64,
    mtime_ns: i128,
}

enum Snapshot {
    Ready { archive: Arc<Archive>, stamp: Stamp },
    Unavailable(String),
}

/// The opened index, reloaded on commit.
pub struct Live {
    dir: PathBuf,
    spec: SchemaSpec,
    current: RwLock<Snapshot>,
    /// Failed reopens in a row of an index that exists.
    failures: AtomicU32,
}

/// Failed reopens in a row (about a second of ticks) after which a changed index that
/// cannot be opened is reported as 503 instead of serving the last good snapshot.
const GIVE_UP_AFTER: u32 = 4;

impl Live {
    /// Opens the index at `dir`; when it cannot be opened the server still starts and
    /// answers 503 until it can.
    pub fn open(dir: PathBuf, spec: SchemaSpec) -> Arc<Live> {
        let live = Arc::new(Live {
            dir,
            spec,
            current: RwLock::new(Snapshot::Unavailable(String::new())),
            failures: AtomicU32::new(0),
        });
        live.refresh();
        live
    }

    /// The current archive, or 503 with the reason it cannot be read.
    pub fn archive(&self) -> Result<Arc<Archive>, ApiError> {
        match &*self.current.read().unwrap_or_else(|e| e.into_inner()) {
            Snapshot::Ready { archive, .. } => Ok(archive.clone()),
            Snapshot::Unavailable(reason) => Err(ApiError::unavailable(reason.clone())),
        }
    }

    fn stamp(&self) -> Option<Stamp> {
        let meta = std::fs::metadata(self.dir.join("meta.json")).ok()?;
        let mtime_ns = i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec());
        Some(Stamp { inode: meta.ino(), len: meta.len(), mtime_ns })
    }

    /// Reopens the archive when `meta.json` changed since the last open. Returns the snapshot
    /// it replaced, which lives on until the requests holding it finish.
    pub fn refresh(&self) -> Option<Weak<Archive>> {
        let Some(stamp) = self.stamp() else {
            let reason = format!(
                "no morgue index at {}: create one with `morgue-index ROOT --index {}`",
                self.dir.display(),
                self.dir.display()
            );
            *self.current.write().unwrap_or_else(|e| e.into_inner()) = Snapshot::Unavailable(reason);
            return None;
        };
        let unchanged = matches!(
            &*self.current.read().unwrap_or_else(|e| e.into_inner()),
            Snapshot::Ready { stamp: seen, .. } if *seen == stamp
        );
        if unchanged {
            return None;
        }
        match Archive::open(&self.dir, &self.spec) {
            Ok(archive) => {
                self.failures.store(0, Ordering::Relaxed);
                let next = Snapshot::Ready { archive: Arc::new(archive), stamp };
                let previous =
                    std::mem::replace(&mut *self.current.write().unwrap_or_else(|e| e.into_inner()), next);
                match previous {
                    Snapshot::Ready { archive, .. } => Some(Arc::downgrade(&archive)),
                    Snapshot::Unavailable(_) => None,
                }
            }
            Err(error) => {
                // A commit racing the open (its old segments already deleted) or a half-copied
                // index: keep the last good snapshot and try again on the next tick, for a while.
                let failures = self.failures.fetch_add(1, Ordering::Relaxed) + 1;
                let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
                if failures >= GIVE_UP_AFTER || matches!(&*current, Snapshot::Unavailable(_)) {
                    *current = Snapshot::Unavailable(error.to_string());
                }
                None
            }
        }
    }

    /// Starts the watcher thread; it ends when the last `Arc<Live>` is dropped.
    ///
    /// A replaced snapshot is freed when the last request holding it finishes, on whichever
    /// thread that ran. The C allocator keeps such memory in that thread's arena, so under
    /// load every commit would leave the resident set higher; once a replaced snapshot is
    /// gone the watcher hands the free pages back to the system (see [`super::memory`]).
    pub fn watch(self: &Arc<Self>, every: Duration) -> std::io::Result<std::thread::JoinHandle<()>> {
        let weak: Weak<Live> = Arc::downgrade(self);
        std::thread::Builder::new().name("morgue-reload".into()).spawn(move || {
            let mut retired: Vec<Weak<Archive>> = Vec::new();
            loop {
                std::thread::sleep(every);
                let Some(live) = weak.upgrade() else { return };
                retired.extend(live.refresh());
                let before = retired.len();
                retired.retain(|old| old.strong_count() > 0);
                if retired.len() < before {
                    super::memory::release_free_memory();
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::WalkOptions;
    use crate::indexer::{self, IndexOptions};
    use crate::schema::Knowledge;
    use std::sync::atomic::AtomicBool;

    fn index(root: &std::path::Path, index_dir: &std::path::Path, knowledge: &Knowledge) {
        let options = IndexOptions {
            index_dir: index_dir.to_path_buf(),
            roots: vec![root.to_path_buf()],
            walk: WalkOptions::default(),
            threads: 1,
            memory_bytes: 32 * 1024 * 1024,
            commit_every: 100,
            full: false,
            moved_from: None,
            date_order: None,
            year: None,
        };
        indexer::run(&options, knowledge, &AtomicBool::new(false), &|_: &indexer::FileEvent| {}).unwrap();
    }

    #[test]
    fn a_replaced_snapshot_is_handed_back_and_dies_with_its_last_request() {
        let dir = tempfile::tempdir().unwrap();
        let (root, index_dir) = (dir.path().join("corpus"), dir.path().join("index"));
        std::fs::create_dir_all(&root).unwrap();
        let write = |name: &str, title: &str| {
            let text = format!("{title}\n\nHARBORVILLE -- The ferry board met on Tuesday about {title}.\n");
            std::fs::write(root.join(name), text).unwrap();
        };
        write("a.txt", "Ferry fares rise");
        let knowledge = Knowledge::load(None).unwrap();
        index(&root, &index_dir, &knowledge);

        let live = Live::open(index_dir.clone(), knowledge.spec.clone());
        assert!(live.refresh().is_none(), "no commit since the open: nothing replaced");
        let in_flight = live.archive().unwrap();
        assert_eq!(in_flight.num_articles(), 1);

        write("b.txt", "Ferry schedule cut");
        index(&root, &index_dir, &knowledge);
        let retired = live.refresh().expect("a new commit replaces the snapshot");
        assert_eq!(live.archive().unwrap().num_articles(), 2);
        assert_eq!(retired.strong_count(), 1, "the request still holding the old snapshot keeps it");
        drop(in_flight);
        assert_eq!(retired.strong_count(), 0, "freed once the last request lets go");
    }
}
