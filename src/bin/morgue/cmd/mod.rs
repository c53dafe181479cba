//! Subcommand dispatch: every command has the same shape, `run(&Context, Args) ->
//! Result<Exit>`: arguments to a library config, one library call, rendering through
//! `morgue::output`.

mod audit;
mod count;
mod export;
mod facets;
mod histogram;
mod mapping;
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

use crate::cli::{Cli, Command, FilterArgs};

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
        let archive = Archive::open_with_aliases(
            &self.index_dir,
            &self.knowledge.spec,
            self.knowledge.aliases.clone(),
        )?;
        Ok(Box::leak(Box::new(archive)))
    }

    /// Locked, buffered stdout.
    pub fn stdout(&self) -> io::BufWriter<io::StdoutLock<'static>> {
        io::BufWriter::new(io::stdout().lock())
    }

    /// Fails unless the chosen format is one of `allowed` (a format given before the
    /// subcommand, `morgue --format csv search`, is only checked here).
    pub fn require_format(&self, command: &str, allowed: &[Format]) -> anyhow::Result<()> {
        if allowed.contains(&self.format) {
            Ok(())
        } else {
            let names: Vec<String> = allowed.iter().map(|f| crate::cli::format_name(*f)).collect();
            anyhow::bail!(
                "`morgue {command}` does not support --format {} (it takes {})",
                crate::cli::format_name(self.format),
                names.join(", ")
            )
        }
    }
}

pub fn run(cli: Cli) -> anyhow::Result<Exit> {
    match &cli.command {
        Command::Completions { shell } => {
            // Written whole, so that a closed pipe (`| head`) is the error main treats as
            // success instead of clap_complete's panic on a failed write.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut crate::cli::command(), "morgue", &mut script);
            io::stdout().lock().write_all(&script)?;
            return Ok(Exit::Success);
        }
        Command::Man { dir } => return man_pages(dir.as_deref()),
        _ => {}
    }
    let format = match (cli.global.json, cli.global.format) {
        (true, _) => Format::Json,
        (false, format) => format.unwrap_or_default(),
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
        Command::Completions { .. } | Command::Man { .. } => unreachable!("handled above"),
        Command::Mapping(args) => mapping::run(&ctx, args),
        Command::Serve(args) => serve::run(&ctx, args),
    }?;
    Ok(exit)
}

/// `morgue man`: the page of morgue on stdout, or morgue.1 and morgue-SUBCOMMAND.1 in `dir`.
fn man_pages(dir: Option<&std::path::Path>) -> anyhow::Result<Exit> {
    let command = crate::cli::command();
    let Some(dir) = dir else {
        clap_mangen::Man::new(command).render(&mut io::stdout().lock())?;
        return Ok(Exit::Success);
    };
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut pages = vec![("morgue".to_string(), command.clone())];
    for sub in command.get_subcommands() {
        let name = format!("morgue-{}", sub.get_name());
        // A page's name must live as long as the command: leaked, once per subcommand.
        pages.push((name.clone(), sub.clone().name(&*name.leak())));
    }
    for (name, page) in pages {
        let path = dir.join(format!("{name}.1"));
        let mut file =
            std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?;
        clap_mangen::Man::new(page)
            .render(&mut file)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(Exit::Success)
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
