//! Command-line arguments of `morgue-index` (clap derive; the doc comments are the help).

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use morgue::article::extract::date::DateOrder;

/// Index folders of plain-text news articles into a morgue index.
///
/// Re-running on an indexed archive adds new files, re-indexes changed ones and removes
/// deleted ones; a run stopped at any moment resumes from its last commit.
#[derive(Debug, Parser)]
#[command(
    name = "morgue-index",
    version,
    about,
    long_about,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_long_help = EXAMPLES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Extra>,

    /// Folders to index (several roots can live in one index).
    #[arg(required_unless_present_any = ["remove_root", "move_root"], value_name = "ROOT")]
    pub roots: Vec<PathBuf>,

    /// Index directory [default: $MORGUE_INDEX, else ./.morgue]
    #[arg(long, short = 'i', value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// Remove a root and all its articles from the index (the folder is not touched)
    #[arg(long, value_name = "DIR", conflicts_with_all = ["roots", "move_root", "full"])]
    pub remove_root: Option<PathBuf>,

    /// Re-point a root whose folder moved from OLD to NEW, then index NEW: files are matched
    /// by their paths under the root and confirmed by content hash, so nothing unchanged is
    /// parsed again and no article appears twice
    #[arg(long, num_args = 2, value_names = ["OLD", "NEW"], conflicts_with_all = ["roots", "full"])]
    pub move_root: Option<Vec<PathBuf>>,

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

    /// How the archive writes numeric dates that read either way ("03/04/2015"): day or month
    /// first. Kept in the index for later runs; changing it re-parses every article [default:
    /// as stored, else such dates are no date]
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrder>,

    /// The year of datelines printed without one ("LONDON, Feb 27 -") in these roots, when no
    /// dated folder or file name or copyright line gives it. Kept in the index for the roots
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1000..=2999))]
    pub year: Option<i32>,

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

    /// Do not report skipped or repaired files one by one on stderr, and show no progress bar
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Commands that do not index.
#[derive(Debug, Subcommand)]
pub enum Extra {
    /// Print a shell completion script (e.g. `morgue-index completions bash > ~/.local/share/bash-completion/completions/morgue-index`)
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write it into DIR as morgue-index.1
    Man {
        /// Directory to write the page into
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

const EXAMPLES: &str = "\
Examples:
  morgue-index sample-corpus                     index a folder into ./.morgue (again: only changes)
  morgue-index -i /data/morgue.idx /data/ap /data/reuters   two roots, one index
  morgue-index --full archive                    rebuild from scratch
  morgue-index --remove-root /data/reuters       forget a root and its articles
  morgue-index --move-root /data/ap /mnt/ap      the folder moved: re-point it, parse nothing again
  morgue-index --date-order dmy --year 1987 wire    03/04 is 3 April; yearless datelines are 1987
  morgue-index archive --json --quiet --report run.json     for scripts: summary and every file";

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

    #[test]
    fn subcommands_and_roots() {
        let cli = Cli::try_parse_from(["morgue-index", "completions", "zsh"]).unwrap();
        assert!(matches!(cli.command, Some(Extra::Completions { shell: clap_complete::Shell::Zsh })));
        let cli = Cli::try_parse_from(["morgue-index", "--move-root", "/a", "/b"]).unwrap();
        assert_eq!(cli.move_root, Some(vec![PathBuf::from("/a"), PathBuf::from("/b")]));
        assert!(Cli::try_parse_from(["morgue-index"]).is_err());
        assert!(Cli::try_parse_from(["morgue-index", "--remove-root", "/a", "b"]).is_err());
    }
}
