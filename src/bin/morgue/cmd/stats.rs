//! `morgue stats`: size, date range and field coverage of the whole index.

use morgue::exit::Exit;
use morgue::output::{self, Format};
use morgue::report;

use super::{finish, Context};
use crate::cli::StatsArgs;

pub fn run(ctx: &Context, _args: StatsArgs) -> anyhow::Result<Exit> {
    ctx.require_format("stats", &[Format::Human, Format::Json, Format::Csv])?;
    let archive = ctx.open()?;
    let stats = report::stats(archive)?;
    let mut out = ctx.stdout();
    output::render_table(&mut out, ctx.format, ctx.style, &stats)?;
    finish(out)?;
    Ok(Exit::Success)
}
