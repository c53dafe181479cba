//! The on-disk index: where it lives (`--index`, `MORGUE_INDEX`, `./.morgue`), creating and
//! opening it with morgue's tokenizers, the metadata each commit records (schema version,
//! knowledge fingerprint, roots), the refusal to mix schema versions, and reading the stored
//! file facts back as the manifest that incremental indexing and audits compare against.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyError};

use crate::article::extract::date::DateOrder;
use crate::directory::TrimmedMmapDirectory;
use crate::error::{Error, Result};
use crate::registry::PersonRegistry;
use crate::schema::{register_tokenizers, Fields, SchemaSpec};

/// The index directory used when neither `--index` nor `MORGUE_INDEX` says otherwise.
pub const DEFAULT_INDEX_DIR: &str = ".morgue";

/// Resolves the index directory the same way in both binaries: flag, then `MORGUE_INDEX`,
/// then `./.morgue`.
pub fn resolve_index_dir(flag: Option<&Path>) -> PathBuf {
    if let Some(dir) = flag {
        return dir.to_path_buf();
    }
    match std::env::var_os("MORGUE_INDEX") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(DEFAULT_INDEX_DIR),
    }
}

/// What every commit records in tantivy's commit payload, atomically with the documents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CommitMeta {
    /// `version` of the schema.toml the index was written with.
    pub schema_version: u32,
    /// The morgue version that wrote the last commit.
    pub morgue_version: String,
    /// Fingerprint of the taxonomy and aliases the articles were tagged with.
    pub knowledge: String,
    /// Absolute roots indexed into this index.
    pub roots: Vec<String>,
    /// Article id → modification time of files touched without a content change since they
    /// were indexed, so the next run need not read them again.
    #[serde(default)]
    pub touched: BTreeMap<String, i64>,
    /// Absolute path → reason, for files of the indexed roots that could not be indexed
    /// (binary, unreadable, too large …) as of the last run; audits report them.
    #[serde(default)]
    pub failed: BTreeMap<String, String>,
    /// Roots whose folders moved (`morgue-index --move-root`): the root as stored in its
    /// articles → the folder's absolute path now.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub moved: BTreeMap<String, String>,
    /// Article id → file decoded as UTF-8 with invalid bytes replaced, as of its last
    /// indexing; audits report them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub repaired: BTreeMap<String, Repaired>,
    /// How the archive writes dates, as given to `morgue-index` (`--date-order`, `--year`);
    /// later runs read them the same way.
    #[serde(default, skip_serializing_if = "DateSettings::is_default")]
    pub dates: DateSettings,
}

/// How an index's archive writes dates: the order of ambiguous numeric dates and each root's
/// year for datelines printed without one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateSettings {
    /// `--date-order`: how "03/04/2015" reads (`unambiguous`: it is no date).
    #[serde(default)]
    pub order: DateOrder,
    /// Root (as stored in its articles) → `--year`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub years: BTreeMap<String, i32>,
}

impl DateSettings {
    fn is_default(&self) -> bool {
        *self == DateSettings::default()
    }
}

/// A file that was UTF-8 apart from a few invalid bytes, indexed with them replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repaired {
    /// Absolute path of the file.
    pub path: String,
    /// Invalid byte sequences replaced by U+FFFD.
    pub replaced: u64,
}

impl CommitMeta {
    /// Where the root stored in the articles as `name` is now (its name unless it moved).
    pub fn root_path<'a>(&'a self, name: &'a str) -> &'a str {
        self.moved.get(name).map_or(name, String::as_str)
    }

    /// The name the root now at `path` is stored under (`path` itself unless a root moved
    /// there).
    pub fn root_name<'a>(&'a self, path: &'a str) -> &'a str {
        self.moved.iter().find(|(_, now)| *now == path).map_or(path, |(name, _)| name.as_str())
    }
}

/// An opened index with its fields resolved.
pub struct Store {
    pub dir: PathBuf,
    pub index: Index,
    pub spec: SchemaSpec,
    pub fields: Fields,
    /// The last commit's metadata (`None` for a new, never committed index).
    pub meta: Option<CommitMeta>,
    /// The numbers of person keys (`people.keys`; in memory for an index in RAM).
    pub people: PersonRegistry,
    /// The opstamp of the last commit when the store was opened (0 before any).
    pub opstamp: u64,
}

impl Store {
    /// Opens an existing index for reading. Fails with `IndexMissing` when there is none and
    /// `SchemaMismatch` when it was written by another schema version.
    pub fn open(dir: &Path, spec: &SchemaSpec) -> Result<Store> {
        if !dir.join("meta.json").is_file() {
            return Err(Error::IndexMissing { path: dir.to_path_buf() });
        }
        let damaged =
            |e: TantivyError| Error::IndexDamaged { path: dir.to_path_buf(), reason: e.to_string() };
        let index = Index::open_in_dir(dir).map_err(damaged)?;
        Store::from_index(dir, index, spec, PersonRegistry::at(dir))
    }

    /// Opens the index at `dir` for writing, creating it (and the directory) if needed.
    pub fn open_or_create(dir: &Path, spec: &SchemaSpec) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let damaged = |reason: String| Error::IndexDamaged { path: dir.to_path_buf(), reason };
        // Merges read through this directory; see `directory` for why it is not tantivy's.
        let directory = TrimmedMmapDirectory::open(dir).map_err(|e| damaged(e.to_string()))?;
        let index = if dir.join("meta.json").is_file() {
            Index::open(directory).map_err(|e| damaged(e.to_string()))?
        } else {
            Index::create(directory, spec.tantivy_schema(), Default::default())?
        };
        Store::from_index(dir, index, spec, PersonRegistry::at(dir))
    }

    /// An index in memory (tests and benchmarks).
    pub fn in_ram(spec: &SchemaSpec) -> Result<Store> {
        let index = Index::create_in_ram(spec.tantivy_schema());
        Store::from_index(Path::new(":memory:"), index, spec, PersonRegistry::in_memory())
    }

    fn from_index(dir: &Path, index: Index, spec: &SchemaSpec, people: PersonRegistry) -> Result<Store> {
        register_tokenizers(&index);
        let damaged = |reason: String| Error::IndexDamaged { path: dir.to_path_buf(), reason };
        let metas = index.load_metas().map_err(|e| damaged(e.to_string()))?;
        let meta = match metas.payload.as_deref() {
            Some(payload) => Some(
                serde_json::from_str::<CommitMeta>(payload)
                    .map_err(|e| damaged(format!("unreadable commit metadata: {e}")))?,
            ),
            None => None,
        };
        let found = meta.as_ref().map(|m| m.schema_version);
        let schema_matches = index.schema() == spec.tantivy_schema();
        if found.is_some_and(|v| v != spec.version) || !schema_matches {
            return Err(Error::SchemaMismatch {
                path: dir.to_path_buf(),
                found: found.unwrap_or(0),
                expected: spec.version,
            });
        }
        let fields = Fields::resolve(spec, &index.schema())?;
        let opstamp = metas.opstamp;
        Ok(Store { dir: dir.to_path_buf(), index, spec: spec.clone(), fields, meta, people, opstamp })
    }

    /// A reader that sees exactly the last commit and reloads only when asked.
    pub fn reader(&self) -> Result<IndexReader> {
        Ok(self.index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?)
    }

    /// Total bytes of the index files on disk.
    pub fn size_on_disk(&self) -> u64 {
        std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter_map(|e| e.metadata().ok())
                    .filter(|m| m.is_file())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0)
    }
}

/// Maps a writer-creation error to `IndexLocked` when another process holds the lock.
pub fn writer_error(dir: &Path, error: TantivyError) -> Error {
    match error {
        TantivyError::LockFailure(LockError::LockBusy, _) => Error::IndexLocked { path: dir.to_path_buf() },
        other => Error::Tantivy(other),
    }
}

/// What the index holds about one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ManifestEntry {
    pub size: u64,
    pub mtime: i64,
    /// Hash of the file's raw bytes when it was indexed.
    pub hash: u64,
    /// Index into `Manifest::roots`.
    pub root: u32,
    /// Where the document is in the snapshot the manifest was read from.
    pub address: DocAddress,
}

/// Every indexed file, read from the fast fields of a snapshot: article key (the numeric
/// id, see `schema::article_key`) → facts. About 50 bytes per article, so a million-article
/// archive costs ~50 MB; paths are not held, `path` fetches one when needed.
#[derive(Debug, Default)]
pub struct Manifest {
    pub roots: Vec<String>,
    pub entries: HashMap<u64, ManifestEntry>,
}

impl Manifest {
    /// Reads the manifest from a searcher's alive documents.
    pub fn load(searcher: &Searcher) -> Result<Manifest> {
        let mut manifest = Manifest::default();
        let mut root_ids: HashMap<String, u32> = HashMap::new();
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            let ff = segment.fast_fields();
            let (Some(id_col), Some(root_col)) = (ff.str("id")?, ff.str("root")?) else {
                continue;
            };
            let size_col = ff.u64("size")?;
            let mtime_col = ff.i64("mtime")?;
            let hash_col = ff.u64("file_hash")?;
            let keys: Vec<u64> = dictionary_terms(&id_col)?
                .iter()
                .map(|id| u64::from_str_radix(id, 16).unwrap_or(0))
                .collect();
            let roots: Vec<u32> = dictionary_terms(&root_col)?
                .into_iter()
                .map(|r| {
                    let next = root_ids.len() as u32;
                    *root_ids.entry(r.clone()).or_insert_with(|| {
                        manifest.roots.push(r);
                        next
                    })
                })
                .collect();
            for doc in segment.doc_ids_alive() {
                let (Some(id), Some(root)) = (id_col.term_ords(doc).next(), root_col.term_ords(doc).next())
                else {
                    continue;
                };
                let entry = ManifestEntry {
                    size: size_col.first(doc).unwrap_or(0),
                    mtime: mtime_col.first(doc).unwrap_or(0),
                    hash: hash_col.first(doc).unwrap_or(0),
                    root: roots[root as usize],
                    address: DocAddress::new(segment_ord as u32, doc),
                };
                manifest.entries.insert(keys[id as usize], entry);
            }
        }
        Ok(manifest)
    }

    /// The relative path of an entry's document.
    pub fn path(&self, searcher: &Searcher, entry: &ManifestEntry) -> Option<String> {
        let segment = searcher.segment_readers().get(entry.address.segment_ord as usize)?;
        let column = segment.fast_fields().str("path").ok()??;
        let ord = column.term_ords(entry.address.doc_id).next()?;
        let mut path = String::new();
        column.ord_to_str(ord, &mut path).ok()?;
        Some(path)
    }
}

/// All terms of a string column's dictionary, indexed by term ordinal.
fn dictionary_terms(column: &tantivy::columnar::StrColumn) -> Result<Vec<String>> {
    let mut terms = Vec::with_capacity(column.num_terms());
    let mut stream = column
        .dictionary()
        .stream()
        .map_err(|e| Error::IndexDamaged { path: PathBuf::new(), reason: e.to_string() })?;
    while stream.advance() {
        terms.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(terms)
}
