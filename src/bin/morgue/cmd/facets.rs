//! `morgue facets`: how many matching articles have each value of a field.

use morgue::exit::Exit;
use morgue::output::{self, Format};
use morgue::report::{self, FacetField};

use super::{finish, found, query_options, Context};
use crate::cli::{FacetFieldArg, FacetsArgs};

pub fn run(ctx: &Context, args: FacetsArgs) -> anyhow::Result<Exit> {
    ctx.require_format("facets", &[Format::Human, Format::Json, Format::Csv])?;
    let field = match args.field {
        FacetFieldArg::Person => FacetField::Person,
        FacetFieldArg::Topic => FacetField::Topic,
        FacetFieldArg::Dateline => FacetField::Dateline,
        FacetFieldArg::Source => FacetField::Source,
        FacetFieldArg::Author => FacetField::Author,
        FacetFieldArg::Section => FacetField::Section,
        FacetFieldArg::Distributor => FacetField::Distributor,
        FacetFieldArg::Year => FacetField::Year,
        FacetFieldArg::Layout => FacetField::Layout,
    };
    let archive = ctx.open()?;
    let facets = report::facets(archive, field, &args.query, &query_options(&args.filter), args.top)?;
    let mut out = ctx.stdout();
    output::render_table(&mut out, ctx.format, ctx.style, &facets)?;
    finish(out)?;
    Ok(found(facets.articles))
}
