//! `morgue export`: every matching article, streamed in path order.

use std::io::Write;

use morgue::exit::Exit;
use morgue::export::{self, ExportSummary};
use morgue::output::ArticleStream;

use super::{found, query_options, Context};
use crate::cli::ExportArgs;

pub fn run(ctx: &Context, args: ExportArgs) -> anyhow::Result<Exit> {
    let fields = match &args.fields {
        Some(list) => export::parse_fields(list)?,
        None => export::default_fields(),
    };
    let with_body = fields.iter().any(|f| f == "body");
    let archive = ctx.open()?;
    let mut out = ctx.stdout();
    let mut stream = ArticleStream::new(&mut out, ctx.format, fields, &args.es_index);
    let exported =
        export::export(archive, &args.query, &query_options(&args.filter), with_body, |article| {
            stream.write(&article).map_err(anyhow::Error::from)
        })?;
    stream.finish(&ExportSummary { query: args.query, exported })?;
    out.flush()?;
    Ok(found(exported))
}
