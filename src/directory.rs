//! The directory the indexer writes through: tantivy's `MmapDirectory`, except that the
//! pages it maps for reading (the segments a merge combines, the ones deletes are applied to)
//! do not stay resident. A merge reads every byte of its source segments once; with plain
//! mmap all of them stayed resident until the merge ended, so the indexer's resident memory
//! grew with the archive (2.6 GB at a million articles). The mappings are handed back to the
//! page cache (`MADV_DONTNEED`) by a background thread a few times a second, and by the
//! writers every `TRIM_AFTER_WRITING` bytes: a merge writes about as much as it reads, and
//! one that stacks document stores reads 100 MB in a tenth of a second, faster than any
//! timer. Writes also go to the file in calls of at most `WRITE_CHUNK`, since one call that
//! copies a whole mapped store maps every page of it before it returns. Nothing is read twice
//! from disk: the pages remain in the page cache, and touching one again maps it back with a
//! minor fault.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use memmap2::{Mmap, UncheckedAdvice};
use stable_deref_trait::StableDeref;
use tantivy::directory::error::{DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr,
};

/// How often mapped pages are handed back.
const TRIM_EVERY: Duration = Duration::from_millis(200);

/// Bytes written (by all of the directory's writers together) between two trims.
const TRIM_AFTER_WRITING: usize = 16 << 20;

/// The most one write call passes on. A merge stacking document stores writes a whole mapped
/// store in one call, and the kernel's copy maps every page of it before the call returns.
const WRITE_CHUNK: usize = 1 << 20;

/// An `MmapDirectory` whose read mappings do not stay resident.
#[derive(Clone)]
pub struct TrimmedMmapDirectory {
    inner: MmapDirectory,
    maps: Arc<Maps>,
}

/// The live read mappings, by full path (shared by every clone of the directory).
struct Maps {
    root: PathBuf,
    by_path: Mutex<HashMap<PathBuf, Weak<Mmap>>>,
    /// Bytes written since the last write-triggered trim.
    written: AtomicUsize,
}

impl std::fmt::Debug for TrimmedMmapDirectory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TrimmedMmapDirectory({})", self.maps.root.display())
    }
}

impl TrimmedMmapDirectory {
    /// Opens `root` (which must exist) and starts the trimming thread, which ends when the
    /// last clone of the directory is dropped.
    pub fn open(root: &Path) -> Result<TrimmedMmapDirectory, OpenDirectoryError> {
        TrimmedMmapDirectory::open_trimming_every(root, Some(TRIM_EVERY))
    }

    /// Opens `root`, trimming every `interval` (`None`: only when `trim` is called).
    pub fn open_trimming_every(
        root: &Path,
        interval: Option<Duration>,
    ) -> Result<TrimmedMmapDirectory, OpenDirectoryError> {
        let inner = MmapDirectory::open(root)?;
        let maps = Arc::new(Maps {
            root: root.to_path_buf(),
            by_path: Mutex::new(HashMap::new()),
            written: AtomicUsize::new(0),
        });
        if let Some(interval) = interval {
            let weak = Arc::downgrade(&maps);
            std::thread::Builder::new()
                .name("morgue-trim".into())
                .spawn(move || loop {
                    std::thread::sleep(interval);
                    match weak.upgrade() {
                        Some(maps) => maps.trim(),
                        None => break,
                    }
                })
                .map_err(|e| OpenDirectoryError::IoError {
                    io_error: Arc::new(e),
                    directory_path: root.into(),
                })?;
        }
        Ok(TrimmedMmapDirectory { inner, maps })
    }

    /// Hands every live mapping's pages back to the page cache now.
    pub fn trim(&self) {
        self.maps.trim();
    }

    /// Resident bytes of the live read mappings (Linux; 0 where unknown).
    #[cfg(test)]
    fn mapped_resident_bytes(&self) -> u64 {
        self.maps.live().iter().map(|m| resident_bytes(m)).sum()
    }
}

impl Maps {
    fn live(&self) -> Vec<Arc<Mmap>> {
        let mut by_path = self.by_path.lock().expect("mapping table lock");
        by_path.retain(|_, weak| weak.strong_count() > 0);
        by_path.values().filter_map(Weak::upgrade).collect()
    }

    fn trim(&self) {
        for map in self.live() {
            // SAFETY: `map` is a shared, read-only mapping of an index file, and tantivy never
            // changes a file once written. MADV_DONTNEED on such a mapping only drops the
            // pages from this process's page tables; the next access maps the same bytes back
            // from the page cache (or the file), so every `&[u8]` into it stays valid.
            // An error (an old kernel) only means the pages stay resident.
            let _ = unsafe { map.unchecked_advise(UncheckedAdvice::DontNeed) };
        }
    }

    /// Counts `bytes` written, trimming once `TRIM_AFTER_WRITING` have gone by.
    fn wrote(&self, bytes: usize) {
        let total = self.written.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if total >= TRIM_AFTER_WRITING && self.written.swap(0, Ordering::Relaxed) >= TRIM_AFTER_WRITING {
            self.trim();
        }
    }

    /// Maps `full_path`, sharing a live mapping of the same file.
    fn map(&self, full_path: &Path) -> Result<Option<Arc<Mmap>>, OpenReadError> {
        let mut by_path = self.by_path.lock().expect("mapping table lock");
        if let Some(map) = by_path.get(full_path).and_then(Weak::upgrade) {
            return Ok(Some(map));
        }
        let wrap = |e: io::Error| {
            if e.kind() == io::ErrorKind::NotFound {
                OpenReadError::FileDoesNotExist(full_path.to_path_buf())
            } else {
                OpenReadError::wrap_io_error(e, full_path.to_path_buf())
            }
        };
        let file = File::open(full_path).map_err(wrap)?;
        if file.metadata().map_err(wrap)?.len() == 0 {
            return Ok(None); // an empty file cannot be mapped
        }
        // SAFETY: as in tantivy's MmapDirectory: index files are written once, then only read
        // (morgue holds the writer lock, so no other morgue process changes them).
        let map = Arc::new(unsafe { Mmap::map(&file) }.map_err(wrap)?);
        by_path.insert(full_path.to_path_buf(), Arc::downgrade(&map));
        Ok(Some(map))
    }
}

/// Resident bytes of one mapping in this process: its `Rss` in /proc/self/smaps (Linux; 0
/// elsewhere).
#[cfg(test)]
fn resident_bytes(map: &Mmap) -> u64 {
    let Ok(smaps) = std::fs::read_to_string("/proc/self/smaps") else {
        return 0;
    };
    let start = format!("{:x}-", map.as_ptr() as usize);
    let mut lines = smaps.lines().skip_while(|line| !line.starts_with(&start)).skip(1);
    lines
        .find_map(|line| line.strip_prefix("Rss:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// A mapping as `OwnedBytes` want it.
struct Mapped(Arc<Mmap>);

impl Deref for Mapped {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

// SAFETY: the bytes live in the mapping, which does not move when `Mapped` does.
unsafe impl StableDeref for Mapped {}

/// A file being written, counted towards the next trim, in calls of at most `WRITE_CHUNK`.
struct Counted {
    inner: Box<dyn TerminatingWrite + Send + Sync>,
    maps: Arc<Maps>,
}

impl Write for Counted {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(&buf[..buf.len().min(WRITE_CHUNK)])?;
        self.maps.wrote(written);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl TerminatingWrite for Counted {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        self.inner.terminate_ref(token)
    }
}

impl Directory for TrimmedMmapDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let bytes = match self.maps.map(&self.maps.root.join(path))? {
            Some(map) => OwnedBytes::new(Mapped(map)),
            None => OwnedBytes::empty(),
        };
        Ok(Arc::new(bytes))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        // A fresh writer's buffer is empty, so taking it apart flushes nothing.
        let inner = self
            .inner
            .open_write(path)?
            .into_inner()
            .map_err(|e| OpenWriteError::wrap_io_error(e.into_error(), path.to_path_buf()))?;
        Ok(BufWriter::new(Box::new(Counted { inner, maps: Arc::clone(&self.maps) })))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn reads_survive_trimming_and_pages_are_released() {
        let dir = tempfile::tempdir().unwrap();
        let data: Vec<u8> = (0..4 << 20).map(|i: u32| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
        std::fs::write(dir.path().join("seg.idx"), &data).unwrap();
        std::fs::write(dir.path().join("empty"), b"").unwrap();
        let directory = TrimmedMmapDirectory::open_trimming_every(dir.path(), None).unwrap();
        let slice = directory.open_read(Path::new("seg.idx")).unwrap();
        let bytes = slice.read_bytes().unwrap();
        assert_eq!(bytes.as_slice(), &data[..]);
        assert!(directory.mapped_resident_bytes() >= 4 << 20, "all pages were touched");
        directory.trim();
        assert_eq!(directory.mapped_resident_bytes(), 0, "trim released the pages");
        // The same bytes come back after trimming.
        assert_eq!(bytes.as_slice(), &data[..]);
        assert!(directory.open_read(Path::new("empty")).unwrap().read_bytes().unwrap().is_empty());
        let missing = directory.open_read(Path::new("nope")).unwrap_err();
        assert!(matches!(missing, OpenReadError::FileDoesNotExist(_)), "{missing:?}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn writing_trims_what_reading_mapped() {
        let dir = tempfile::tempdir().unwrap();
        let data = vec![7u8; 4 << 20];
        std::fs::write(dir.path().join("seg.store"), &data).unwrap();
        let directory = TrimmedMmapDirectory::open_trimming_every(dir.path(), None).unwrap();
        let bytes = directory.open_read(Path::new("seg.store")).unwrap().read_bytes().unwrap();
        assert_eq!(bytes.as_slice(), &data[..]);
        let mut out = directory.open_write(Path::new("merged.store")).unwrap();
        out.write_all(&vec![1u8; TRIM_AFTER_WRITING / 2]).unwrap();
        assert!(directory.mapped_resident_bytes() >= 4 << 20, "half the allowance does not trim");
        out.write_all(&vec![2u8; TRIM_AFTER_WRITING / 2]).unwrap();
        out.flush().unwrap();
        assert_eq!(directory.mapped_resident_bytes(), 0, "the whole allowance trims");
        out.terminate().unwrap();
        let written = std::fs::read(dir.path().join("merged.store")).unwrap();
        assert_eq!(written.len(), TRIM_AFTER_WRITING);
        assert_eq!((written[0], written[TRIM_AFTER_WRITING - 1]), (1, 2));
    }

    /// Records the size of every write call it gets.
    struct Recorder(Arc<Mutex<Vec<usize>>>);

    impl Write for Recorder {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().push(buf.len());
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl TerminatingWrite for Recorder {
        fn terminate_ref(&mut self, _: AntiCallToken) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn one_large_write_reaches_the_file_in_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let directory = TrimmedMmapDirectory::open_trimming_every(dir.path(), None).unwrap();
        let calls = Arc::new(Mutex::new(Vec::new()));
        let mut counted =
            Counted { inner: Box::new(Recorder(Arc::clone(&calls))), maps: Arc::clone(&directory.maps) };
        counted.write_all(&vec![0u8; 3 * WRITE_CHUNK + 5]).unwrap();
        assert_eq!(*calls.lock().unwrap(), [WRITE_CHUNK, WRITE_CHUNK, WRITE_CHUNK, 5]);
        assert_eq!(directory.maps.written.load(Ordering::Relaxed), 3 * WRITE_CHUNK + 5);
    }
}
