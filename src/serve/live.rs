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

    /// Reopens the archive when `meta.json` changed since the last open.
    pub fn refresh(&self) {
        let Some(stamp) = self.stamp() else {
            let reason = format!(
                "no morgue index at {}: create one with `morgue-index ROOT --index {}`",
                self.dir.display(),
                self.dir.display()
            );
            *self.current.write().unwrap_or_else(|e| e.into_inner()) = Snapshot::Unavailable(reason);
            return;
        };
        let unchanged = matches!(
            &*self.current.read().unwrap_or_else(|e| e.into_inner()),
            Snapshot::Ready { stamp: seen, .. } if *seen == stamp
        );
        if unchanged {
            return;
        }
        match Archive::open(&self.dir, &self.spec) {
            Ok(archive) => {
                self.failures.store(0, Ordering::Relaxed);
                let next = Snapshot::Ready { archive: Arc::new(archive), stamp };
                *self.current.write().unwrap_or_else(|e| e.into_inner()) = next;
            }
            Err(error) => {
                // A commit racing the open (its old segments already deleted) or a half-copied
                // index: keep the last good snapshot and try again on the next tick, for a while.
                let failures = self.failures.fetch_add(1, Ordering::Relaxed) + 1;
                let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
                if failures >= GIVE_UP_AFTER || matches!(&*current, Snapshot::Unavailable(_)) {
                    *current = Snapshot::Unavailable(error.to_string());
                }
            }
        }
    }

    /// Starts the watcher thread; it ends when the last `Arc<Live>` is dropped.
    pub fn watch(self: &Arc<Self>, every: Duration) -> std::io::Result<std::thread::JoinHandle<()>> {
        let weak: Weak<Live> = Arc::downgrade(self);
        std::thread::Builder::new().name("morgue-reload".into()).spawn(move || loop {
            std::thread::sleep(every);
            match weak.upgrade() {
                Some(live) => live.refresh(),
                None => return,
            }
        })
    }
}
