//! `morgue`: the query binary. Parses arguments, opens the index once, dispatches to one
//! module per subcommand (`cmd/`), and maps the result to an exit code: 0 found, 1 nothing
//! found, 2 error. A closed pipe (`morgue search … | head`) is not an error.

mod cli;
mod cmd;

use std::io;
use std::process::ExitCode;

use clap::FromArgMatches;

use morgue::exit::{describe, Exit};

fn main() -> ExitCode {
    let matches = cli::command().get_matches();
    let cli = cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match cmd::run(cli) {
        Ok(exit) => exit.into(),
        Err(err) => {
            let broken_pipe = err.chain().any(|e| {
                e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                return Exit::Success.into();
            }
            eprintln!("morgue: {}", describe(err.as_ref()));
            Exit::Error.into()
        }
    }
}
