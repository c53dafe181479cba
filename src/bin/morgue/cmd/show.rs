//! `morgue show`: one article's fields and body, by id or path.

use morgue::exit::Exit;
use morgue::output::{self, Format};

use super::{finish, Context};
use crate::cli::ShowArgs;

pub fn run(ctx: &Context, args: ShowArgs) -> anyhow::Result<Exit> {
    ctx.require_format("show", &[Format::Human, Format::Json])?;
    let archive = ctx.open()?;
    let address = archive.find(&args.target)?;
    for copy in archive.copies_of(address)? {
        eprintln!("morgue: note: the same file content is also indexed as {copy}");
    }
    let doc = archive.document(address, !args.no_body)?;
    let article = archive.article(doc, !args.no_body);
    let mut out = ctx.stdout();
    output::render(&mut out, ctx.format, ctx.style, &article)?;
    finish(out)?;
    Ok(Exit::Success)
}
