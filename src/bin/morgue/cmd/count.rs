//! `morgue count`: the number of matching articles.

use morgue::exit::Exit;
use morgue::output::{self, CountResult, Format};
use morgue::search;

use super::{finish, found, query_options, Context};
use crate::cli::CountArgs;

pub fn run(ctx: &Context, args: CountArgs) -> anyhow::Result<Exit> {
    ctx.require_format("count", &[Format::Human, Format::Json])?;
    let archive = ctx.open()?;
    let count = search::count(archive, &args.query, &query_options(&args.filter))?;
    let mut out = ctx.stdout();
    output::render(&mut out, ctx.format, ctx.style, &CountResult { query: args.query, count })?;
    finish(out)?;
    Ok(found(count))
}
