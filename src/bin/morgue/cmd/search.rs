//! `morgue search`: ranked results with snippets.

use morgue::exit::Exit;
use morgue::output::{self, Format};
use morgue::search::{self, SearchRequest};

use super::{finish, found, query_options, Context};
use crate::cli::SearchArgs;

pub fn run(ctx: &Context, args: SearchArgs) -> anyhow::Result<Exit> {
    ctx.require_format("search", &[Format::Human, Format::Json, Format::Ndjson, Format::Csv, Format::Paths])?;
    let archive = ctx.open()?;
    let request = SearchRequest {
        query: args.query,
        options: query_options(&args.filter),
        limit: args.limit,
        offset: args.offset,
        sort: args.sort,
        feedback: args.feedback,
        collapse: !args.no_collapse,
        total_cap: if args.exact_total { None } else { Some(search::TOTAL_CAP) },
        ..SearchRequest::new("")
    };
    let results = search::search(archive, &request)?;
    let mut out = ctx.stdout();
    output::search(&mut out, ctx.format, ctx.style, &results, args.null)?;
    finish(out)?;
    Ok(found(results.total_hits + results.partial_hits))
}
