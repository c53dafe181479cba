//! Subcommand dispatch: every command has the same shape, `run(&Context, Args) ->
//! Result<Exit>`: arguments to a library config, one library call, rendering through
//! `morgue::output`.

mod audit;
mod count;
mod export;
mod facets;
mod histogram;
mod search;
mod serve;
mod show;
mod similar;
mod stats;

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use morgue::archive::Archive;
use morgue::exit::Exit;
use morgue::output::{Format, Style};
use morgue::query::QueryOptions;
use morgue::schema::Knowledge;
use morgue::store::resolve_index_dir;

use crate::cli::{Cli, Command, FilterArgs, FormatArg};

/// What every command needs besides its own arguments.
pub struct Context {
    pub index_dir: PathBuf,
    pub knowledge: Knowledge,
    pub format: Format,
    pub style: Style,
}

impl Context {
    /// Opens the index read-only, for the rest of the process: the archive is never dropped,
    /// so exiting does not unmap its files one by one (a millisecond of a 10 ms search on a
    /// million-article index; the kernel tears the mappings down at exit anyway).
    pub fn open(&self) -> anyhow::Result<&'static Archive> {
        Ok(Box::leak(Box::new(Archive::open(&self.index_dir, &self.knowledge.spec)?)))
    }

    /// Locked, buffered stdout.
    pub fn stdout(&self) -> io::BufWriter<io::StdoutLock<'static>> {
        io::BufWriter::new(io::stdout().lock())
    }

    /// Fails unless the chosen format is one of `allowed`.
    pub fn require_format(&self, command: &str, allowed: &[Format]) -> anyhow::Result<()> {
        if allowed.contains(&self.format) {
            Ok(())
        } else {
            anyhow::bail!("`morgue {command}` does not support --format {:?}", self.format)
        }
    }
}

pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    let format = match (cli.global.json, cli.global.format) {
        (true, _) => Format::Json,
        (false, Some(f)) => match f {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Ndjson => Format::Ndjson,
            FormatArg::Csv => Format::Csv,
            FormatArg::Paths => Format::Paths,
            FormatArg::EsBulk => Format::EsBulk,
        },
        (false, None) => Format::Human,
    };
    let knowledge =
        Knowledge::load_for_queries(cli.global.schema_dir.as_deref()).context("loading index-schema")?;
    let ctx = Context {
        index_dir: resolve_index_dir(cli.global.index.as_deref()),
        knowledge,
        format,
        style: if format == Format::Human { Style::detect() } else { Style::default() },
    };
    let exit = match cli.command {
        Command::Search(args) => search::run(&ctx, args),
        Command::Count(args) => count::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::Facets(args) => facets::run(&ctx, args),
        Command::Stats(args) => stats::run(&ctx, args),
        Command::Histogram(args) => histogram::run(&ctx, args),
        Command::Export(args) => export::run(&ctx, args),
        Command::Audit(args) => audit::run(&ctx, args),
        Command::Similar(args) => similar::run(&ctx, args),
        Command::Serve(args) => serve::run(&ctx, args),
    }?;
    Ok(exit)
}

/// Query options from the shared filter flags.
pub fn query_options(filter: &FilterArgs) -> QueryOptions {
    QueryOptions { any: filter.any, from: filter.from, to: filter.to }
}

/// Exit status for a result count.
pub fn found(n: u64) -> Exit {
    if n > 0 {
        Exit::Success
    } else {
        Exit::NoMatch
    }
}

/// Flushes a writer, treating the flush as part of the command.
pub fn finish(mut out: impl Write) -> anyhow::Result<()> {
    out.flush()?;
    Ok(())
}
