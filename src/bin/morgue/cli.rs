//! Command-line arguments of `morgue` (clap derive; the doc comments are the help). Each
//! subcommand's arguments live here; `cmd/<name>.rs` turns them into library calls.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use morgue::audit::Check;
use morgue::calendar::Date;
use morgue::mapping::Target;
use morgue::output::Format;
use morgue::report::{FacetField, Interval};
use morgue::search::SortOrder;

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
    pub format: Option<Format>,

    /// Shorthand for --format json
    #[arg(long, global = true, conflicts_with = "format")]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ranked search with highlighted snippets
    #[command(after_long_help = examples::SEARCH)]
    Search(SearchArgs),
    /// Count the articles matching a query ('*' counts everything)
    #[command(after_long_help = examples::COUNT)]
    Count(CountArgs),
    /// Print one article's fields, by id or path
    #[command(after_long_help = examples::SHOW)]
    Show(ShowArgs),
    /// Count the values of a field (person, topic, dateline, source, …) over matching articles
    #[command(after_long_help = examples::FACETS)]
    Facets(FacetsArgs),
    /// Articles, sources, date range, index size, and the share of articles that have each field
    #[command(after_long_help = examples::STATS)]
    Stats(StatsArgs),
    /// Matching articles per calendar day, ISO week, month or year (empty buckets included)
    #[command(after_long_help = examples::HISTOGRAM)]
    Histogram(HistogramArgs),
    /// Every matching article, streamed in path order (NDJSON, CSV, paths, Elasticsearch bulk
    /// or bare documents)
    #[command(after_long_help = examples::EXPORT)]
    Export(ExportArgs),
    /// Check the archive: failed files, missing fields, duplicates, near-duplicates, stale files
    ///
    /// Prints one finding per line (JSON Lines with --json, ending with a summary message).
    /// Exit status: 0 = clean, 1 = findings, 2 = error.
    #[command(after_long_help = examples::AUDIT)]
    Audit(AuditArgs),
    /// The articles most like a given one (by id or path)
    #[command(after_long_help = examples::SIMILAR)]
    Similar(SimilarArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    #[command(after_long_help = examples::COMPLETIONS)]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page of morgue (roff), or write morgue.1 and one page per subcommand into DIR
    #[command(after_long_help = examples::MAN)]
    Man {
        /// Directory to write the pages into
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// An OpenSearch/Elasticsearch index template or a Quickwit index config for the
    /// exported records (`export --format es-bulk` / `--format docs`), from the schema
    Mapping(MappingArgs),
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

/// The output formats each subcommand takes: its `--format` accepts and lists only these
/// (`--json` is `--format json`, which every subcommand takes).
pub const FORMATS: &[(&str, &[Format])] = &[
    ("search", &[Format::Human, Format::Json, Format::Ndjson, Format::Csv, Format::Paths]),
    ("count", &[Format::Human, Format::Json]),
    ("show", &[Format::Human, Format::Json]),
    ("facets", &[Format::Human, Format::Json, Format::Csv]),
    ("stats", &[Format::Human, Format::Json, Format::Csv]),
    ("histogram", &[Format::Human, Format::Json, Format::Csv]),
    (
        "export",
        &[
            Format::Ndjson,
            Format::Json,
            Format::Csv,
            Format::Paths,
            Format::EsBulk,
            Format::Docs,
            Format::Human,
        ],
    ),
    ("mapping", &[Format::Human, Format::Json]),
    ("audit", &[Format::Human, Format::Json, Format::Ndjson]),
    ("similar", &[Format::Human, Format::Json]),
];

/// The name of a format as written on the command line ("es-bulk").
pub fn format_name(format: Format) -> String {
    format.to_possible_value().map_or_else(|| format!("{format:?}"), |v| v.get_name().to_string())
}

/// The full command line: the derived `Cli`, with each subcommand's own `--format` taking
/// only the formats in `FORMATS` (the global one stays for `morgue --format json search …`).
pub fn command() -> clap::Command {
    let mut command = Cli::command();
    for (name, formats) in FORMATS {
        let names: Vec<clap::builder::PossibleValue> =
            formats.iter().filter_map(|f| f.to_possible_value()).collect();
        let parser = clap::builder::PossibleValuesParser::new(names)
            .map(|name| Format::from_str(&name, false).expect("a listed format"));
        let arg = clap::Arg::new("format")
            .long("format")
            .value_name("FORMAT")
            .help("Output format")
            .value_parser(parser);
        command = command.mut_subcommand(name, |sub| sub.arg(arg));
    }
    command
}

/// The examples at the end of each subcommand's `--help`.
mod examples {
    pub const SEARCH: &str = "\
Examples:
  morgue search 'mueller report'                   both words, best match first
  morgue search '\"maximum pressure\" person:pompeo'  a phrase and a person
  morgue search 'iran OR venezuela' --from 2019-05 --to 2019-06
  morgue search 'topic:iran' --sort date -n 20     newest first, 20 results
  morgue search 'tanker*' --json | jq '.hits[].path'
  morgue search tankers --no-collapse              every copy of a story as its own result";
    pub const COUNT: &str = "\
Examples:
  morgue count '*'                     every article in the index
  morgue count 'iran -syria'           articles about Iran that do not mention Syria
  morgue count 'topic:venezuela' --from 2019 --to 2019";
    pub const SHOW: &str = "\
Examples:
  morgue show 2019/05/iran-suspends-nuclear-deal-commitments.txt
  morgue show 3f2a9c0d41b7e815 --no-body     an id from search output, fields only
  morgue show ./archive/2019/05/story.txt --json";
    pub const FACETS: &str = "\
Examples:
  morgue facets person 'topic:venezuela' --top 6   who the Venezuela stories are about
  morgue facets dateline                           where stories were filed from
  morgue facets source --top 0 --format csv        every source, as CSV";
    pub const STATS: &str = "\
Examples:
  morgue stats
  morgue stats --json | jq '.coverage[] | select(.share < 0.5)'";
    pub const HISTOGRAM: &str = "\
Examples:
  morgue histogram 'topic:iran' --by week          stories per ISO week
  morgue histogram '*' --by year --csv             the whole archive, per year, as CSV";
    pub const EXPORT: &str = "\
Examples:
  morgue export 'topic:venezuela' --format csv --fields path,title,date
  morgue export '*' --format paths | xargs wc -w
  morgue export '*' --format es-bulk | curl -s -H 'Content-Type: application/x-ndjson' \\
      --data-binary @- localhost:9200/_bulk";
    pub const AUDIT: &str = "\
Examples:
  morgue audit                                   every check
  morgue audit --check stale,failed              files changed, added or unreadable since indexing
  morgue audit --check near-duplicates --similarity 0.8 --json";
    pub const COMPLETIONS: &str = "\
Examples:
  morgue completions bash > ~/.local/share/bash-completion/completions/morgue
  morgue completions zsh > ~/.zfunc/_morgue
  morgue completions fish > ~/.config/fish/completions/morgue.fish";
    pub const MAN: &str = "\
Examples:
  morgue man | man -l -
  morgue man --dir /usr/local/share/man/man1";
    pub const SIMILAR: &str = "\
Examples:
  morgue similar 2019/06/tankers-attacked-gulf-of-oman.txt
  morgue similar 3f2a9c0d41b7e815 -n 5 --json";
}

#[derive(Debug, Args)]
pub struct FacetsArgs {
    /// The field to count
    #[arg(value_name = "FIELD", value_enum)]
    pub field: FacetField,

    /// Only articles matching this query
    #[arg(value_name = "QUERY", default_value = "*", allow_hyphen_values = true)]
    pub query: String,

    /// Show the N most frequent values (0 = all)
    #[arg(long, short = 'n', default_value_t = 20)]
    pub top: usize,

    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct StatsArgs {}

#[derive(Debug, Args)]
pub struct HistogramArgs {
    /// Only articles matching this query
    #[arg(value_name = "QUERY", default_value = "*", allow_hyphen_values = true)]
    pub query: String,

    /// Bucket width
    #[arg(long, value_enum, default_value_t = Interval::Month)]
    pub by: Interval,

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
    #[arg(value_name = "QUERY", default_value = "*", allow_hyphen_values = true)]
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

#[derive(Debug, Args)]
pub struct MappingArgs {
    /// The engine to write for
    #[arg(long, value_enum)]
    pub target: Target,

    /// Index name (OpenSearch: the template matches NAME and NAME-*; Quickwit: the index id)
    #[arg(long, value_name = "NAME", default_value = "morgue")]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Run only these checks (repeat or comma-separate) [default: all]
    #[arg(long = "check", value_name = "NAME", value_enum, value_delimiter = ',')]
    pub checks: Vec<Check>,

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
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,

    /// Number of results to show
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,

    /// Skip this many results (for paging)
    #[arg(long, default_value_t = 0)]
    pub offset: usize,

    /// Result order
    #[arg(long, value_enum, default_value_t = SortOrder::Relevance)]
    pub sort: SortOrder,

    /// With --format paths: end each path with a NUL byte instead of a newline (for xargs -0)
    #[arg(short = '0', long)]
    pub null: bool,

    /// Expand a query of plain words with the words of its best results (RM3 feedback):
    /// more recall for a question, ranked as one tier like --any
    #[arg(long)]
    pub feedback: bool,

    /// List every copy of a story as a result of its own. By default exact and near-duplicate
    /// copies (the same wire story in several papers) are folded into the best-ranked one,
    /// shown as "+N copies"
    #[arg(long)]
    pub no_collapse: bool,

    /// Count every matching article. By default the count is exact up to 10,000 and past that
    /// says "more than 10,000", which lets a ranked search skip what cannot reach the page
    #[arg(long)]
    pub exact_total: bool,

    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct CountArgs {
    /// The query ('*' for every article)
    #[arg(value_name = "QUERY", default_value = "*", allow_hyphen_values = true)]
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

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
        command().debug_assert();
    }

    #[test]
    fn each_subcommand_takes_only_its_formats() {
        use clap::FromArgMatches;
        let parse =
            |args: &[&str]| command().try_get_matches_from(args).and_then(|m| Cli::from_arg_matches(&m));
        let cli = parse(&["morgue", "export", "*", "--format", "es-bulk"]).unwrap();
        assert_eq!(cli.global.format, Some(Format::EsBulk));
        let cli = parse(&["morgue", "--format", "csv", "stats"]).unwrap();
        assert_eq!(cli.global.format, Some(Format::Csv));
        let err = parse(&["morgue", "count", "iran", "--format", "paths"]).unwrap_err().to_string();
        assert!(err.contains("[possible values: human, json]"), "{err}");
        let help = command().find_subcommand_mut("facets").unwrap().render_help().to_string();
        assert!(help.contains("[possible values: human, json, csv]"), "{help}");
        assert!(!help.contains("es-bulk"), "{help}");
    }
}
