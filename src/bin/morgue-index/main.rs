//! `morgue-index`: walks folders of articles and builds or updates a morgue index. Parses
//! arguments, runs `morgue::indexer::run`, reports skipped files on stderr as they happen,
//! and prints the summary (stderr, or stdout with `--json`).

mod cli;

/// See Cargo.toml: faster than glibc's malloc for indexing, and it returns freed memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::Context;
use clap::Parser;

use morgue::corpus::WalkOptions;
use morgue::exit::Exit;
use morgue::indexer::{self, FileEvent, IndexOptions, Outcome};
use morgue::output::{self, Style};
use morgue::schema::Knowledge;
use morgue::store::resolve_index_dir;

fn main() -> ExitCode {
    match run() {
        Ok(exit) => exit.into(),
        Err(err) => {
            if is_broken_pipe(&err) {
                return Exit::Success.into();
            }
            eprintln!("morgue-index: {err:#}");
            Exit::Error.into()
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

fn run() -> anyhow::Result<Exit> {
    let cli = cli::Cli::parse();
    let threads = cli.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let options = IndexOptions {
        index_dir: resolve_index_dir(cli.index.as_deref()),
        roots: cli.roots.clone(),
        walk: WalkOptions {
            extensions: cli.extensions.iter().map(|e| e.trim_start_matches('.').to_string()).collect(),
            max_size: cli.max_size,
        },
        threads,
        memory_bytes: cli.memory.saturating_mul(1 << 20),
        commit_every: cli.commit_every,
        full: cli.full,
    };
    options.validate()?;
    let knowledge = Knowledge::load(cli.schema_dir.as_deref()).context("loading index-schema")?;

    let cancel = Arc::new(AtomicBool::new(false));
    {
        let cancel = Arc::clone(&cancel);
        // A second Ctrl-C while stopping kills the process; the last commit stays intact.
        let _ = ctrlc::set_handler(move || {
            if cancel.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
            eprintln!("morgue-index: interrupted, stopping at the next commit point (Ctrl-C again to abort)");
        });
    }

    let report = match &cli.report {
        Some(path) => {
            let file = File::create(path).with_context(|| format!("creating report {}", path.display()))?;
            let mut w = BufWriter::new(file);
            w.write_all(b"{\"files\":[\n")?;
            Some(Mutex::new((w, true)))
        }
        None => None,
    };
    let progress = io::stderr().is_terminal() && !cli.quiet;
    let processed = AtomicU64::new(0);
    let on_event = |event: &FileEvent| {
        if let Outcome::Skipped(reason) = &event.outcome {
            if !cli.quiet {
                eprintln!("morgue-index: skipped {}: {reason}", event.path.display());
            }
        }
        if let Some(report) = &report {
            let mut guard = report.lock().expect("report lock");
            let (w, first) = &mut *guard;
            let line = serde_json::to_string(event).expect("events serialize");
            let _ = write!(w, "{}{line}", if *first { "" } else { ",\n" });
            *first = false;
        }
        let n = processed.fetch_add(1, Ordering::Relaxed) + 1;
        if progress && n.is_multiple_of(1000) {
            eprint!("\rmorgue-index: {n} files…");
        }
    };

    let summary = indexer::run(&options, &knowledge, &cancel, &on_event)?;
    if progress && processed.load(Ordering::Relaxed) >= 1000 {
        eprint!("\r");
    }
    if let Some(report) = report {
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
    if summary.interrupted {
        return Ok(Exit::Error);
    }
    Ok(if cli.strict && summary.skipped > 0 { Exit::NoMatch } else { Exit::Success })
}
