//! `morgue-index`: walks folders of articles and builds or updates a morgue index. Parses
//! arguments, runs `morgue::indexer::run` (or removes / re-points a root), reports skipped
//! and repaired files on stderr as they happen with a progress bar on a terminal, and prints
//! the summary (stderr, or stdout with `--json`).

mod cli;
mod progress;

/// See Cargo.toml: faster than glibc's malloc for indexing, and it returns freed memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::Context;
use clap::{CommandFactory, Parser};

use morgue::corpus::WalkOptions;
use morgue::exit::{describe, Exit};
use morgue::indexer::{self, roots, FileEvent, IndexOptions, IndexSummary, Observer, Outcome};
use morgue::output::{self, Style};
use morgue::schema::Knowledge;
use morgue::store::resolve_index_dir;

use cli::{Cli, Extra};
use progress::Progress;

fn main() -> ExitCode {
    match run() {
        Ok(exit) => exit.into(),
        Err(err) => {
            if is_broken_pipe(&err) {
                return Exit::Success.into();
            }
            eprintln!("morgue-index: {}", describe(err.as_ref()));
            Exit::Error.into()
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

fn run() -> anyhow::Result<Exit> {
    let cli = Cli::parse();
    if let Some(extra) = &cli.command {
        return extra_command(extra);
    }
    let index_dir = resolve_index_dir(cli.index.as_deref());
    let knowledge = Knowledge::load(cli.schema_dir.as_deref()).context("loading index-schema")?;
    if let Some(dir) = &cli.remove_root {
        let removed = roots::remove_root(&index_dir, &knowledge, dir)?;
        if cli.json {
            output::json(&mut io::stdout().lock(), &removed)?;
        } else {
            output::render(&mut io::stderr().lock(), output::Format::Human, Style::default(), &removed)?;
        }
        return Ok(Exit::Success);
    }
    let (roots, moved_from) = match &cli.move_root {
        Some(pair) => (vec![pair[1].clone()], Some(pair[0].clone())),
        None => (cli.roots.clone(), None),
    };
    let threads = cli.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let options = IndexOptions {
        index_dir,
        roots,
        walk: WalkOptions {
            extensions: cli.extensions.iter().map(|e| e.trim_start_matches('.').to_string()).collect(),
            max_size: cli.max_size,
        },
        threads,
        memory_bytes: cli.memory.saturating_mul(1 << 20),
        commit_every: cli.commit_every,
        full: cli.full,
        moved_from,
        date_order: cli.date_order,
        year: cli.year,
    };
    options.validate()?;

    let cancel = Arc::new(AtomicBool::new(false));
    {
        let cancel = Arc::clone(&cancel);
        // A second Ctrl-C while stopping kills the process; the last commit stays intact.
        let _ = ctrlc::set_handler(move || {
            if cancel.swap(true, Ordering::SeqCst) {
                std::process::exit(Exit::Interrupted as i32);
            }
            eprintln!("morgue-index: interrupted, stopping at the next commit point (Ctrl-C again to abort)");
        });
    }

    let report = match &cli.report {
        Some(path) => {
            let file =
                File::create(path).with_context(|| format!("creating the report {}", path.display()))?;
            let mut w = BufWriter::new(file);
            w.write_all(b"{\"files\":[\n")?;
            Some(Mutex::new((w, true)))
        }
        None => None,
    };
    let observer = Reporter {
        quiet: cli.quiet,
        report,
        progress: (io::stderr().is_terminal() && !cli.quiet).then(Progress::new),
    };
    let result = indexer::run(&options, &knowledge, &cancel, &observer);
    if let Some(progress) = &observer.progress {
        progress.finish();
    }
    let summary = result?;
    if let Some(report) = observer.report {
        let (mut w, _) = report.into_inner().expect("report lock");
        write!(w, "\n],\n\"summary\":")?;
        serde_json::to_writer_pretty(&mut w, &summary)?;
        writeln!(w, "}}")?;
        w.flush()?;
    }
    if cli.json {
        output::json(&mut io::stdout().lock(), &summary)?;
    } else {
        output::render(&mut io::stderr().lock(), output::Format::Human, Style::default(), &summary)?;
    }
    Ok(exit_status(&summary, cli.strict))
}

fn exit_status(summary: &IndexSummary, strict: bool) -> Exit {
    if summary.interrupted {
        Exit::Interrupted
    } else if strict && summary.skipped > 0 {
        Exit::NoMatch
    } else {
        Exit::Success
    }
}

/// `completions SHELL` and `man`: generated from the clap definitions.
fn extra_command(extra: &Extra) -> anyhow::Result<Exit> {
    let mut command = Cli::command();
    match extra {
        Extra::Completions { shell } => {
            // Written whole: a closed pipe is then an error main reports as success, not
            // clap_complete's panic on a failed write.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut command, "morgue-index", &mut script);
            io::stdout().lock().write_all(&script)?;
        }
        Extra::Man { dir } => {
            let page = clap_mangen::Man::new(command);
            match dir {
                Some(dir) => {
                    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
                    let path = dir.join("morgue-index.1");
                    let mut file =
                        File::create(&path).with_context(|| format!("creating {}", path.display()))?;
                    page.render(&mut file).with_context(|| format!("writing {}", path.display()))?;
                }
                None => page.render(&mut io::stdout().lock())?,
            }
        }
    }
    Ok(Exit::Success)
}

/// Reports a run as it goes: skipped and repaired files on stderr, every file in `--report`,
/// and the progress bar.
struct Reporter {
    quiet: bool,
    report: Option<Mutex<(BufWriter<File>, bool)>>,
    progress: Option<Progress>,
}

impl Observer for Reporter {
    fn planned(&self, files: u64, bytes: u64) {
        if let Some(progress) = &self.progress {
            progress.start(files, bytes);
        }
    }

    fn read(&self, size: u64) {
        if let Some(progress) = &self.progress {
            progress.file(size);
        }
    }

    fn event(&self, event: &FileEvent) {
        if !self.quiet {
            let line = match &event.outcome {
                Outcome::Skipped(reason) => Some(format!("skipped {}: {reason}", event.path.display())),
                _ if event.replaced > 0 => Some(format!(
                    "repaired {}: {} invalid UTF-8 byte sequence(s) replaced by U+FFFD",
                    event.path.display(),
                    event.replaced
                )),
                _ => None,
            };
            if let Some(line) = line {
                match &self.progress {
                    Some(progress) => progress.println(&format!("morgue-index: {line}")),
                    None => eprintln!("morgue-index: {line}"),
                }
            }
        }
        if let Some(report) = &self.report {
            let mut guard = report.lock().expect("report lock");
            let (w, first) = &mut *guard;
            let line = serde_json::to_string(event).expect("events serialize");
            let _ = write!(w, "{}{line}", if *first { "" } else { ",\n" });
            *first = false;
        }
    }
}
