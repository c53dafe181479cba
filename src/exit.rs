//! Exit codes scripts can trust, shared by both binaries: 0 = found / clean, 1 = nothing
//! found / findings present, 2 = error, 130 = interrupted (Ctrl-C); and the one line an error
//! becomes on stderr.

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
    /// Stopped by Ctrl-C (128 + SIGINT, as shells report it).
    Interrupted = 130,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// An error and its causes on one line, `outer: cause: root cause`, leaving out a cause whose
/// text the line already holds (an error that prints its source, then the source itself).
pub fn describe(error: &(dyn std::error::Error + 'static)) -> String {
    let mut line = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        let text = e.to_string();
        if !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
        cause = e.source();
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_says_each_cause_once() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory (os error 2)");
        let error = crate::Error::io("/archive/missing", io);
        assert_eq!(describe(&error), "/archive/missing: No such file or directory (os error 2)");
        let outer = anyhow::Error::new(error).context("indexing /archive");
        assert_eq!(
            describe(outer.as_ref()),
            "indexing /archive: /archive/missing: No such file or directory (os error 2)"
        );
    }
}
