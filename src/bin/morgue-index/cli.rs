//! Command-line arguments of `morgue-index` (clap derive; the doc comments are the help).

use std::path::PathBuf;

use clap::Parser;

/// Index folders of plain-text news articles into a morgue index.
///
/// Re-running on an indexed archive adds new files, re-indexes changed ones and removes
/// deleted ones; a run stopped at any moment resumes from its last commit.
#[derive(Debug, Parser)]
#[command(name = "morgue-index", version, about, long_about)]
pub struct Cli {
    /// Folders to index (several roots can live in one index).
    #[arg(required = true, value_name = "ROOT")]
    pub roots: Vec<PathBuf>,

    /// Index directory [default: $MORGUE_INDEX, else ./.morgue]
    #[arg(long, short = 'i', value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// Parsing and indexing threads [default: number of cores]
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,

    /// Indexing memory budget in MB (shared by the writer threads)
    #[arg(long, value_name = "MB", default_value_t = 256)]
    pub memory: usize,

    /// Commit after every N files (a crash loses at most the files since the last commit)
    #[arg(long, value_name = "N", default_value_t = 20_000)]
    pub commit_every: usize,

    /// Rebuild the index from scratch
    #[arg(long)]
    pub full: bool,

    /// File extensions to index (repeat or comma-separate)
    #[arg(long = "ext", value_name = "EXT", value_delimiter = ',', default_value = "txt")]
    pub extensions: Vec<String>,

    /// Skip files larger than this (bytes; K, M, G suffixes allowed)
    #[arg(long, value_name = "SIZE", default_value = "8M", value_parser = parse_size)]
    pub max_size: u64,

    /// Directory with schema.toml / topics.toml / person-aliases.toml overriding the built-in ones
    #[arg(long, value_name = "DIR", env = "MORGUE_SCHEMA_DIR")]
    pub schema_dir: Option<PathBuf>,

    /// Print the summary as JSON on stdout
    #[arg(long)]
    pub json: bool,

    /// Write every file's outcome and the summary to this JSON file
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Exit with status 1 when any file was skipped or failed
    #[arg(long)]
    pub strict: bool,

    /// Do not report skipped files one by one on stderr
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Parses `123`, `64K`, `8M`, `1G` (binary multiples).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let (digits, multiplier) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 1u64 << 10),
        Some((i, 'm' | 'M')) => (&t[..i], 1 << 20),
        Some((i, 'g' | 'G')) => (&t[..i], 1 << 30),
        _ => (t, 1),
    };
    let n: u64 = digits
        .trim_end_matches(['i', 'I', 'b', 'B'])
        .parse()
        .map_err(|_| format!("`{text}` is not a size (e.g. 65536, 64K, 8M)"))?;
    n.checked_mul(multiplier).ok_or_else(|| format!("`{text}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("8M"), Ok(8 << 20));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("lots").is_err());
    }
}
