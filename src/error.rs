//! Typed errors at the library's edges: the failures callers branch on (no index, a locked
//! index, a schema mismatch, a bad query) get their own variants; everything else carries the
//! path or position it concerns. Binaries wrap these in `anyhow` with more context.

use std::path::PathBuf;

use crate::schema::SchemaError;

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no morgue index at {path}: create one with `morgue-index ROOT --index {path}`")]
    IndexMissing { path: PathBuf },

    #[error("index at {path} is locked: another morgue-index is writing to it (exit it or wait)")]
    IndexLocked { path: PathBuf },

    #[error(
        "index at {path} was written by schema version {found}, this morgue uses version \
         {expected}: rebuild it with `morgue-index --full ROOT…`"
    )]
    SchemaMismatch { path: PathBuf, found: u32, expected: u32 },

    #[error("index at {path} is damaged or unreadable: {reason}")]
    IndexDamaged { path: PathBuf, reason: String },

    #[error(
        "no space left on device while writing the index at {path}: its last commit is intact; \
         free some space and run morgue-index again to finish"
    )]
    DiskFull { path: PathBuf },

    #[error("bad query at column {column}: {message}")]
    Query { column: usize, message: String },

    #[error("no article with id or path `{0}` in the index")]
    NotFound(String),

    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },

    #[error(transparent)]
    Schema(#[from] SchemaError),

    #[error("invalid setting: {0}")]
    Config(String),

    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }
}
