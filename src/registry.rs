//! The person registry: every person key an index has seen, numbered in order of first sight
//! and kept in `people.keys` beside the index (one key per line, append-only). Each document
//! carries its people's numbers in the `person_id` fast column, so a person facet counts into
//! one array indexed by number and reads back only the keys it prints; without the registry it
//! merged hundreds of thousands of names across segments as strings.
//!
//! Keys are in the form the `person_key` field indexes (the `Person.key` the extractor gave,
//! and accent-folded), so a facet value is exactly a `person_key:"…"` term. Numbers are never
//! reused or removed. Crash safety: new keys are appended and synced before every commit
//! (`flush`), so a committed document never refers to a number the file lacks; a partial last
//! line (a crash mid-append) belongs to no committed document and is dropped on load.

use std::io::{Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::article::extract::text::FastMap;
use crate::article::Person;
use crate::error::{Error, Result};
use crate::schema::keyword_form;

/// The registry's file name inside the index directory.
pub const REGISTRY_FILE: &str = "people.keys";

/// The person registry of one index (or of an index in memory). Clones share it.
#[derive(Debug, Clone)]
pub struct PersonRegistry {
    /// `people.keys`, or `None` for an index in memory.
    path: Option<PathBuf>,
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    loaded: bool,
    /// Every key so far, each followed by `\n` (the file's valid contents, then new keys).
    text: String,
    /// Where each key starts in `text`, by number.
    starts: Vec<usize>,
    /// Bytes of `text` already in the file.
    flushed: usize,
    /// Key → number, built when the first number is asked for (readers never need it).
    numbers: Option<FastMap<Box<str>, u32>>,
}

impl State {
    fn key(&self, id: usize) -> &str {
        let end = self.starts.get(id + 1).copied().unwrap_or(self.text.len());
        &self.text[self.starts[id]..end - 1]
    }
}

impl PersonRegistry {
    /// The registry of the index in `dir` (read when first used).
    pub fn at(dir: &Path) -> PersonRegistry {
        PersonRegistry { path: Some(dir.join(REGISTRY_FILE)), state: Arc::default() }
    }

    /// A registry that lives in memory only.
    pub fn in_memory() -> PersonRegistry {
        PersonRegistry { path: None, state: Arc::new(Mutex::new(State { loaded: true, ..State::default() })) }
    }

    fn damaged(&self, reason: impl std::fmt::Display) -> Error {
        let path = self.path.as_deref().unwrap_or(Path::new(":memory:"));
        Error::IndexDamaged { path: path.to_path_buf(), reason: reason.to_string() }
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, State>> {
        let mut state = self.state.lock().map_err(|_| self.damaged("person registry lock poisoned"))?;
        if !state.loaded {
            self.load(&mut state)?;
        }
        Ok(state)
    }

    fn load(&self, state: &mut State) -> Result<()> {
        let Some(path) = &self.path else { return Ok(()) };
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::io(path, e)),
        };
        // A partial last line was being appended when a run died: no commit refers to it.
        let valid = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let mut bytes = bytes;
        bytes.truncate(valid);
        let text = String::from_utf8(bytes).map_err(|e| {
            self.damaged(format!("{REGISTRY_FILE} is not UTF-8 at byte {}", e.utf8_error().valid_up_to()))
        })?;
        state.starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .take_while(|&start| start < text.len())
            .collect();
        state.flushed = text.len();
        state.text = text;
        state.loaded = true;
        Ok(())
    }

    /// Reads the registry file now, so a damaged one is reported before any work is done.
    pub fn check(&self) -> Result<()> {
        self.lock().map(drop)
    }

    /// Keys known so far.
    pub fn len(&self) -> Result<usize> {
        Ok(self.lock()?.starts.len())
    }

    /// True when no key is registered.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }

    /// The numbers of an article's people (their keys as extracted), registering new keys;
    /// ascending, each once (two names with one key count once).
    pub fn ids(&self, people: &[Person]) -> Result<Vec<u64>> {
        if people.is_empty() {
            return Ok(Vec::new());
        }
        let keys: Vec<String> = people.iter().map(|person| keyword_form(&person.key)).collect();
        let mut guard = self.lock()?;
        let state = &mut *guard;
        if state.numbers.is_none() {
            let numbers = (0..state.starts.len()).map(|id| (Box::from(state.key(id)), id as u32)).collect();
            state.numbers = Some(numbers);
        }
        let mut ids = Vec::with_capacity(keys.len());
        for key in keys {
            // A line holds one key: a line break inside a name (never seen) becomes a space.
            let key = if key.contains('\n') { key.replace('\n', " ") } else { key };
            let numbers = state.numbers.as_mut().expect("built above");
            let id = match numbers.get(key.as_str()) {
                Some(&id) => id,
                None => {
                    let id = u32::try_from(state.starts.len())
                        .map_err(|_| self.damaged("more than 4 billion distinct people"))?;
                    state.starts.push(state.text.len());
                    state.text.push_str(&key);
                    state.text.push('\n');
                    numbers.insert(key.into_boxed_str(), id);
                    id
                }
            };
            ids.push(u64::from(id));
        }
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    /// Calls `visit` with every key and its number, in number order (reads the registry whole).
    pub fn for_each_key(&self, mut visit: impl FnMut(u64, &str)) -> Result<()> {
        let state = self.lock()?;
        (0..state.starts.len()).for_each(|id| visit(id as u64, state.key(id)));
        Ok(())
    }

    /// Writes keys registered since the last flush to disk and syncs them; call before every
    /// commit of documents that use them.
    pub fn flush(&self) -> Result<()> {
        let Some(path) = &self.path else { return Ok(()) };
        let mut state = self.lock()?;
        if state.flushed == state.text.len() {
            return Ok(());
        }
        let io = |e| Error::io(path, e);
        let mut file =
            std::fs::OpenOptions::new().create(true).write(true).truncate(false).open(path).map_err(io)?;
        // Drop a partial line left by a crash, then append.
        file.set_len(state.flushed as u64).map_err(io)?;
        file.seek(std::io::SeekFrom::End(0)).map_err(io)?;
        file.write_all(&state.text.as_bytes()[state.flushed..]).map_err(io)?;
        file.sync_data().map_err(io)?;
        state.flushed = state.text.len();
        Ok(())
    }

    /// The keys of the given numbers, in the same order. A registry not yet read (a reader's)
    /// is scanned for just those lines instead of loaded whole.
    pub fn keys(&self, ids: &[u64]) -> Result<Vec<String>> {
        let state = self.state.lock().map_err(|_| self.damaged("person registry lock poisoned"))?;
        let missing = |id: u64, people: usize| {
            self.damaged(format!("documents refer to person #{id} but {REGISTRY_FILE} has {people} people"))
        };
        if state.loaded {
            return ids
                .iter()
                .map(|&id| match usize::try_from(id).ok().filter(|&id| id < state.starts.len()) {
                    Some(id) => Ok(state.key(id).to_string()),
                    None => Err(missing(id, state.starts.len())),
                })
                .collect();
        }
        drop(state);
        let Some(path) = &self.path else { return Ok(Vec::new()) };
        let file = match std::fs::File::open(path) {
            Ok(file) => Some(file),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(path, e)),
        };
        let len = match &file {
            Some(file) => file.metadata().map_err(|e| Error::io(path, e))?.len(),
            None => 0,
        };
        let map = match file {
            // SAFETY: the file is only appended to (a crashed run's partial last line, which no
            // reader uses, is the only thing ever cut), so the mapped lines do not change.
            Some(file) if len > 0 => {
                Some(unsafe { memmap2::Mmap::map(&file) }.map_err(|e| Error::io(path, e))?)
            }
            _ => None,
        };
        let bytes: &[u8] = map.as_deref().unwrap_or(&[]);
        let mut wanted: Vec<(u64, usize)> = ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
        wanted.sort_unstable();
        let mut out = vec![String::new(); ids.len()];
        let mut next = wanted.iter().peekable();
        let (mut line, mut start) = (0u64, 0usize);
        for end in memchr::memchr_iter(b'\n', bytes) {
            while let Some(&&(id, slot)) = next.peek().filter(|(id, _)| *id == line) {
                let key = std::str::from_utf8(&bytes[start..end])
                    .map_err(|_| self.damaged(format!("{REGISTRY_FILE} line {} is not UTF-8", id + 1)))?;
                out[slot] = key.to_string();
                next.next();
            }
            if next.peek().is_none() {
                return Ok(out);
            }
            line += 1;
            start = end + 1;
        }
        match next.next() {
            Some(&(id, _)) => Err(missing(id, line as usize)),
            None => Ok(out),
        }
    }

    /// An upper bound on the number of registered people, without reading the registry (its
    /// size in bytes, each key taking at least one).
    pub fn bound(&self) -> Result<u64> {
        let state = self.state.lock().map_err(|_| self.damaged("person registry lock poisoned"))?;
        if state.loaded {
            return Ok(state.starts.len() as u64);
        }
        let Some(path) = &self.path else { return Ok(0) };
        match std::fs::metadata(path) {
            Ok(meta) => Ok(meta.len()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
            Err(e) => Err(Error::io(path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<Person> {
        list.iter().map(|s| Person::new(s.to_string())).collect()
    }

    #[test]
    fn numbers_are_stable_and_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let registry = PersonRegistry::at(dir.path());
        let first = registry.ids(&names(&["Michael R. Pompeo", "John Bolton"])).unwrap();
        assert_eq!(first, vec![0, 1]);
        // Same key again (folded, middle initial dropped by person_key) → same number.
        assert_eq!(registry.ids(&names(&["John Bolton", "Hassan Rouhani"])).unwrap(), vec![1, 2]);
        registry.flush().unwrap();
        let reopened = PersonRegistry::at(dir.path());
        assert_eq!(reopened.len().unwrap(), 3);
        assert_eq!(
            reopened.keys(&[2, 0]).unwrap(),
            vec!["hassan rouhani".to_string(), keyword_form(&Person::new("Michael R. Pompeo".into()).key)]
        );
        assert_eq!(reopened.ids(&names(&["Hassan Rouhani", "José Pérez"])).unwrap(), vec![2, 3]);
        assert_eq!(reopened.keys(&[3]).unwrap(), vec!["jose perez".to_string()]);
    }

    #[test]
    fn unflushed_keys_and_partial_lines_are_not_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let registry = PersonRegistry::at(dir.path());
        registry.ids(&names(&["Ada Lovelace"])).unwrap();
        registry.flush().unwrap();
        registry.ids(&names(&["Grace Hopper"])).unwrap();
        // A crash: the second key never flushed, and half a line was written after the first.
        drop(registry);
        let path = dir.path().join(REGISTRY_FILE);
        let mut file = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"grace ho").unwrap();
        let reopened = PersonRegistry::at(dir.path());
        assert_eq!(reopened.len().unwrap(), 1);
        assert_eq!(reopened.ids(&names(&["Alan Turing"])).unwrap(), vec![1]);
        reopened.flush().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "ada lovelace\nalan turing\n");
        let err = reopened.keys(&[7]).unwrap_err().to_string();
        assert!(err.contains("person #7") && err.contains("2 people"), "{err}");
        // A reader scans the file for the lines it needs, and agrees with the loaded registry.
        let reader = PersonRegistry::at(dir.path());
        assert_eq!(reader.keys(&[1, 0, 1]).unwrap(), vec!["alan turing", "ada lovelace", "alan turing"]);
        let err = reader.keys(&[0, 2]).unwrap_err().to_string();
        assert!(err.contains("person #2") && err.contains("2 people"), "{err}");
        assert!(reader.bound().unwrap() >= 2);
    }
}
