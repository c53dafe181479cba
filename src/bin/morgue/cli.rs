//! Command-line arguments of `morgue` (clap derive; the doc comments are the help). Each
//! subcommand's arguments live here; `cmd/<name>.rs` turns them into library calls.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use morgue::calendar::Date;

/// Search and audit a morgue index of news articles.
///
/// Exit status: 0 = results found (or audit clean), 1 = no results (or findings), 2 = error.
#[derive(Debug, Parser)]
#[command(name = "morgue", version, about, long_about)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Index directory [default: $MORGUE_INDEX, else ./.morgue]
    #[arg(long, short = 'i', global = true, value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// Directory with schema/taxonomy files overriding the built-in ones
    #[arg(long, global = true, value_name = "DIR", env = "MORGUE_SCHEMA_DIR")]
    pub schema_dir: Option<PathBuf>,

    /// Output format
    #[arg(long, global = true, value_enum)]
    pub format: Option<FormatArg>,

    /// Shorthand for --format json
    #[arg(long, global = true, conflicts_with = "format")]
    pub json: bool,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Readable text (bold highlights on a terminal)
    Human,
    /// One JSON document
    Json,
    /// JSON Lines: one {"type","data"} message per line, ending with a summary
    Ndjson,
    /// Comma-separated values with a header row
    Csv,
    /// One path per line
    Paths,
    /// Elasticsearch/OpenSearch _bulk body: an index action line, then the document (export)
    EsBulk,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ranked search with highlighted snippets
    Search(SearchArgs),
    /// Count the articles matching a query ('*' counts everything)
    Count(CountArgs),
    /// Print one article's fields, by id or path
    Show(ShowArgs),
    /// Count the values of a field (person, topic, dateline, source, …) over matching articles
    Facets(FacetsArgs),
    /// Articles, sources, date range, index size, and the share of articles that have each field
    Stats(StatsArgs),
    /// Matching articles per calendar day, ISO week, month or year (empty buckets included)
    Histogram(HistogramArgs),
    /// Every matching article, streamed in path order (NDJSON, CSV, paths or Elasticsearch bulk)
    Export(ExportArgs),
    /// Check the archive: failed files, missing fields, duplicates, near-duplicates, stale files
    ///
    /// Prints one finding per line (JSON Lines with --json, ending with a summary message).
    /// Exit status: 0 = clean, 1 = findings, 2 = error.
    Audit(AuditArgs),
    /// The articles most like a given one (by id or path)
    Similar(SimilarArgs),
    /// Serve a search page and a JSON API over the index (read-only)
    ///
    /// Binds the loopback address unless told otherwise; any other address needs --token or
    /// --public. The page is at / and the API under /api/ (search, count, facets, histogram,
    /// stats, article/ID, similar/ID, export).
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port)
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,

    /// Require this token from every client: `Authorization: Bearer TOKEN`, or the cookie
    /// that opening /?token=TOKEN sets
    #[arg(long, value_name = "SECRET", env = "MORGUE_TOKEN", hide_env_values = true)]
    pub token: Option<String>,

    /// Allow a non-loopback --addr without a token (anyone who can reach it can read the archive)
    #[arg(long)]
    pub public: bool,
}

/// Fields `morgue facets` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FacetFieldArg {
    /// People mentioned in the body (name variants of one person count together)
    Person,
    /// Taxonomy topics
    Topic,
    /// Normalised dateline place (MOSCOW and Moscow count together)
    Dateline,
    Source,
    Author,
    Section,
    Distributor,
    Year,
    Layout,
}

#[derive(Debug, Args)]
pub struct FacetsArgs {
    /// The field to count
    #[arg(value_name = "FIELD", value_enum)]
    pub field: FacetFieldArg,

    /// Only articles matching this query
    #[arg(value_name = "QUERY", default_value = "*")]
    pub query: String,

    /// Show the N most frequent values (0 = all)
    #[arg(long, short = 'n', default_value_t = 20)]
    pub top: usize,

    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct StatsArgs {}

/// Calendar bucket widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IntervalArg {
    Day,
    /// ISO week, Monday to Sunday
    Week,
    Month,
    Year,
}

#[derive(Debug, Args)]
pub struct HistogramArgs {
    /// Only articles matching this query
    #[arg(value_name = "QUERY", default_value = "*")]
    pub query: String,

    /// Bucket width
    #[arg(long, value_enum, default_value_t = IntervalArg::Month)]
    pub by: IntervalArg,

    /// The date field to bucket
    #[arg(long, default_value = "date")]
    pub field: String,

    /// Shorthand for --format csv
    #[arg(long)]
    pub csv: bool,

    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only articles matching this query ('*' for every article)
    #[arg(value_name = "QUERY", default_value = "*")]
    pub query: String,

    /// Comma-separated fields to export, in order (id, path, root, layout, title, authors,
    /// source, distributor, section, dateline, place, date, year, people, topics, size, body),
    /// or `all` [default: all but body]
    #[arg(long, value_name = "A,B,C")]
    pub fields: Option<String>,

    /// Index name in the action lines of --format es-bulk
    #[arg(long, value_name = "NAME", default_value = "morgue")]
    pub es_index: String,

    #[command(flatten)]
    pub filter: FilterArgs,
}

/// Audit checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckArg {
    /// Files of the indexed roots that could not be indexed
    Failed,
    /// Articles without a title
    MissingTitle,
    /// Articles without a dateline
    MissingDateline,
    /// Articles without a full date
    MissingDate,
    /// Articles without a byline author
    MissingByline,
    /// Articles with the same body
    Duplicates,
    /// Articles with near-identical bodies (syndicated copies with edits)
    NearDuplicates,
    /// Indexed files changed or deleted since indexing
    Stale,
    /// Index written by another schema version, taxonomy or alias list
    Schema,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Run only these checks (repeat or comma-separate) [default: all]
    #[arg(long = "check", value_name = "NAME", value_enum, value_delimiter = ',')]
    pub checks: Vec<CheckArg>,

    /// Minimum body similarity (estimated Jaccard of word 3-shingles, 0–1) for near-duplicates
    #[arg(long, value_name = "J", default_value_t = 0.5)]
    pub similarity: f64,
}

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// An article id (from search output) or its path
    #[arg(value_name = "ID|PATH")]
    pub target: String,

    /// Number of similar articles to show
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
}

/// Query options shared by commands that filter articles.
#[derive(Debug, Args, Clone)]
pub struct FilterArgs {
    /// Only articles dated on or after this day (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE", value_parser = parse_from)]
    pub from: Option<Date>,

    /// Only articles dated on or before this day (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE", value_parser = parse_to)]
    pub to: Option<Date>,

    /// Match articles with ANY of the words instead of all of them
    #[arg(long)]
    pub any: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", field:value (title, author, person, topic, dateline,
    /// place, source, section, year, date), AND/OR/NOT, +must -mustnot, * for all
    #[arg(value_name = "QUERY")]
    pub query: String,

    /// Number of results to show
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,

    /// Skip this many results (for paging)
    #[arg(long, default_value_t = 0)]
    pub offset: usize,

    /// Result order
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,

    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first (BM25)
    Relevance,
    /// Newest first
    Date,
}

#[derive(Debug, Args)]
pub struct CountArgs {
    /// The query ('*' for every article)
    #[arg(value_name = "QUERY", default_value = "*")]
    pub query: String,

    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// An article id (from search output) or its path
    #[arg(value_name = "ID|PATH")]
    pub target: String,

    /// Leave out the body text
    #[arg(long)]
    pub no_body: bool,
}

fn parse_from(text: &str) -> Result<Date, String> {
    Date::parse_range(text).map(|(first, _)| first).map_err(|e| e.to_string())
}

fn parse_to(text: &str) -> Result<Date, String> {
    Date::parse_range(text).map(|(_, last)| last).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
