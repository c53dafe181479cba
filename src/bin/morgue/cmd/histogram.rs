//! `morgue histogram`: matching articles per calendar bucket.

use morgue::exit::Exit;
use morgue::output::{self, Format};
use morgue::report;

use super::{finish, found, query_options, Context};
use crate::cli::HistogramArgs;

pub fn run(ctx: &Context, args: HistogramArgs) -> anyhow::Result<Exit> {
    let format = if args.csv { Format::Csv } else { ctx.format };
    if args.csv && ctx.format != Format::Human {
        anyhow::bail!("--csv cannot be combined with --json or --format");
    }
    if ![Format::Human, Format::Json, Format::Csv].contains(&format) {
        anyhow::bail!("`morgue histogram` does not support --format {}", crate::cli::format_name(format));
    }
    let archive = ctx.open()?;
    let histogram =
        report::histogram(archive, &args.query, &query_options(&args.filter), &args.field, args.by)?;
    let mut out = ctx.stdout();
    output::render_table(&mut out, format, ctx.style, &histogram)?;
    finish(out)?;
    Ok(found(histogram.total))
}
