//! `morgue facets`: how many matching articles have each value of a field.

use morgue::exit::Exit;
use morgue::output::{self, Format};
use morgue::report;

use super::{finish, found, query_options, Context};
use crate::cli::FacetsArgs;

pub fn run(ctx: &Context, args: FacetsArgs) -> anyhow::Result<Exit> {
    ctx.require_format("facets", &[Format::Human, Format::Json, Format::Csv])?;
    let archive = ctx.open()?;
    let facets = report::facets(archive, args.field, &args.query, &query_options(&args.filter), args.top)?;
    let mut out = ctx.stdout();
    output::render_table(&mut out, ctx.format, ctx.style, &facets)?;
    finish(out)?;
    Ok(found(facets.articles))
}
