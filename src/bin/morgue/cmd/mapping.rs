//! `morgue mapping`: the index template (OpenSearch/Elasticsearch) or index config (Quickwit)
//! that takes `morgue export` records as they are. Needs no index, only the schema.

use morgue::exit::Exit;
use morgue::mapping;
use morgue::output::{self, Format};

use super::{finish, Context};
use crate::cli::MappingArgs;

pub fn run(ctx: &Context, args: MappingArgs) -> anyhow::Result<Exit> {
    ctx.require_format("mapping", &[Format::Human, Format::Json])?;
    let generated = mapping::mapping(&ctx.knowledge.spec, args.target, &args.name)?;
    let mut out = ctx.stdout();
    output::json(&mut out, &generated)?;
    finish(out)?;
    Ok(Exit::Success)
}
