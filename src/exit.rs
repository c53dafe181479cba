//! Exit codes scripts can trust, shared by both binaries: 0 = found / clean, 1 = nothing
//! found / findings present, 2 = error.

use std::process::ExitCode;

/// The three outcomes a script branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Hits found, audit clean, indexing complete.
    Success = 0,
    /// No hits, or an audit with findings, or files that failed under `--strict`.
    NoMatch = 1,
    /// Bad arguments, bad query, missing or locked index, I/O failure.
    Error = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}
