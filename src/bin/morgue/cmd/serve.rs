//! `morgue serve`: the web page and JSON API, until the process is stopped.

use std::io::Write;

use morgue::exit::Exit;
use morgue::serve::{self, Limits, ServeConfig};

use super::Context;
use crate::cli::ServeArgs;

pub fn run(ctx: &Context, args: ServeArgs) -> anyhow::Result<Exit> {
    let config = ServeConfig {
        index_dir: ctx.index_dir.clone(),
        spec: ctx.knowledge.spec.clone(),
        addr: args.addr,
        token: args.token,
        public: args.public,
        limits: Limits::default(),
    };
    let server = serve::bind(config)?;
    let addr = server.local_addr()?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "morgue: serving {} on http://{addr}/ (Ctrl-C stops)", ctx.index_dir.display())?;
    out.flush()?;
    drop(out);
    if !server.index_ready() {
        eprintln!("morgue: the index cannot be opened yet; the API answers 503 until it can");
    }
    server.run()?;
    Ok(Exit::Success)
}
