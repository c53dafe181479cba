//! `morgue audit`: findings about the archive, exit 0 when clean and 1 when there are any.

use morgue::audit::{self, AuditOptions, Check};
use morgue::exit::Exit;
use morgue::output::{self, Format};

use super::{finish, Context};
use crate::cli::AuditArgs;

pub fn run(ctx: &Context, args: AuditArgs) -> anyhow::Result<Exit> {
    ctx.require_format("audit", &[Format::Human, Format::Json, Format::Ndjson])?;
    if !(0.0..=1.0).contains(&args.similarity) {
        anyhow::bail!("--similarity must be between 0 and 1, not {}", args.similarity);
    }
    let checks = if args.checks.is_empty() { Check::ALL.to_vec() } else { args.checks };
    let options = AuditOptions { checks, near_threshold: args.similarity };
    let report = audit::audit(&ctx.index_dir, &ctx.knowledge, &options)?;
    let mut out = ctx.stdout();
    output::audit(&mut out, ctx.format, ctx.style, &report)?;
    finish(out)?;
    Ok(if report.summary.clean { Exit::Success } else { Exit::NoMatch })
}
