//! `morgue similar`: the articles most like a given one.

use morgue::exit::Exit;
use morgue::output::{self, Format};
use morgue::similar;

use super::{finish, found, Context};
use crate::cli::SimilarArgs;

pub fn run(ctx: &Context, args: SimilarArgs) -> anyhow::Result<Exit> {
    ctx.require_format("similar", &[Format::Human, Format::Json])?;
    let archive = ctx.open()?;
    let results = similar::similar(archive, &args.target, args.limit)?;
    let mut out = ctx.stdout();
    output::render(&mut out, ctx.format, ctx.style, &results)?;
    finish(out)?;
    Ok(found(results.hits.len() as u64))
}
