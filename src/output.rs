//! The only writer of results. Every command's result is one `Serialize` value; this module
//! renders it as human text (with bold highlights on a terminal), one JSON document, JSON
//! Lines tagged `{"type": …, "data": …}` ending with a summary, or CSV. Library code never
//! prints; binaries call here.

use std::io::{self, Write};

use serde::Serialize;

use crate::archive::StoredArticle;
use crate::indexer::IndexSummary;
use crate::search::{Hit, SearchResults, Snippet};

/// Output formats shared by every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Json,
    Ndjson,
    Csv,
    /// One path per line (export).
    Paths,
}

/// How human output is decorated.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    /// Use ANSI bold/dim (stdout is a terminal and NO_COLOR is unset).
    pub color: bool,
}

impl Style {
    /// Color when stdout is a terminal and `NO_COLOR` is not set.
    pub fn detect() -> Style {
        use std::io::IsTerminal;
        Style { color: io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() }
    }

    fn bold(&self, text: &str) -> String {
        if self.color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn dim(&self, text: &str) -> String {
        if self.color {
            format!("\x1b[2m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Values that have a human rendering.
pub trait Human {
    fn human(&self, out: &mut dyn Write, style: Style) -> io::Result<()>;
}

/// Writes one value as pretty JSON followed by a newline.
pub fn json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// Writes one JSON Lines message `{"type": kind, "data": value}`.
pub fn json_line<T: Serialize + ?Sized>(out: &mut dyn Write, kind: &str, value: &T) -> io::Result<()> {
    #[derive(Serialize)]
    struct Message<'a, T: ?Sized> {
        #[serde(rename = "type")]
        kind: &'a str,
        data: &'a T,
    }
    serde_json::to_writer(&mut *out, &Message { kind, data: value })?;
    writeln!(out)
}

/// Renders a value in `format` (Human or Json; other formats belong to streaming commands).
pub fn render<T: Serialize + Human>(
    out: &mut dyn Write,
    format: Format,
    style: Style,
    value: &T,
) -> io::Result<()> {
    match format {
        Format::Json | Format::Ndjson => json(out, value),
        _ => value.human(out, style),
    }
}

/// Marks snippet highlights: bold on a terminal, `**term**`-free plain text otherwise.
pub fn highlight(snippet: &Snippet, style: Style) -> String {
    if !style.color {
        return snippet.text.clone();
    }
    let mut out = String::with_capacity(snippet.text.len() + 16 * snippet.highlights.len());
    let mut last = 0;
    for [start, end] in &snippet.highlights {
        let (start, end) = (*start, *end);
        if start < last || end > snippet.text.len() {
            continue;
        }
        out.push_str(&snippet.text[last..start]);
        out.push_str(&style.bold(&snippet.text[start..end]));
        last = end;
    }
    out.push_str(&snippet.text[last..]);
    out
}

fn when(article: &StoredArticle) -> String {
    match (article.date, article.year) {
        (Some(date), _) => date.to_string(),
        (None, Some(year)) => year.to_string(),
        (None, None) => "undated".to_string(),
    }
}

impl Human for SearchResults {
    fn human(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        for hit in &self.hits {
            hit.human(out, style)?;
        }
        let shown = self.hits.len();
        let first = if shown == 0 { 0 } else { self.offset + 1 };
        writeln!(
            out,
            "{}",
            style.dim(&format!(
                "{} of {} matching articles shown ({}–{})",
                shown,
                self.total_hits,
                first,
                self.offset + shown
            ))
        )
    }
}

impl Human for Hit {
    fn human(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        let a = &self.article;
        let score = self.score.map(|s| format!("  {s:.2}")).unwrap_or_default();
        writeln!(out, "{:>3}. {}{}", self.rank, style.bold(&a.title), style.dim(&score))?;
        let mut facts = vec![when(a)];
        facts.extend(a.dateline.clone());
        facts.extend(a.source.clone());
        writeln!(out, "     {}  {}", facts.join(" · "), style.dim(&a.path))?;
        if !a.people.is_empty() || !a.topics.is_empty() {
            let people = a.people.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
            writeln!(
                out,
                "     {}",
                style.dim(&format!("people: {people}  topics: {}", a.topics.join(", ")))
            )?;
        }
        if !self.snippet.text.is_empty() {
            let flat = highlight(&self.snippet, style).split_whitespace().collect::<Vec<_>>().join(" ");
            writeln!(out, "     {flat}")?;
        }
        writeln!(out)
    }
}

impl Human for StoredArticle {
    fn human(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
        let list = |v: &[String]| if v.is_empty() { "—".to_string() } else { v.join("; ") };
        writeln!(out, "{}", style.bold(&self.title))?;
        let rows = [
            ("id", self.id.clone()),
            ("path", self.path.clone()),
            ("root", self.root.clone()),
            ("layout", self.layout.clone()),
            ("date", self.date.map(|d| d.to_string()).unwrap_or_else(|| "—".into())),
            ("year", self.year.map(|y| y.to_string()).unwrap_or_else(|| "—".into())),
            ("dateline", opt(&self.dateline)),
            ("place", opt(&self.place)),
            ("authors", list(&self.authors)),
            ("source", opt(&self.source)),
            ("distributor", opt(&self.distributor)),
            ("section", opt(&self.section)),
            ("people", list(&self.people)),
            ("topics", list(&self.topics)),
            ("size", format!("{} bytes", self.size)),
        ];
        for (name, value) in rows {
            writeln!(out, "  {:<12}{}", style.dim(name), value)?;
        }
        if let Some(body) = &self.body {
            writeln!(out)?;
            writeln!(out, "{body}")?;
        }
        Ok(())
    }
}

impl Human for IndexSummary {
    fn human(&self, out: &mut dyn Write, _style: Style) -> io::Result<()> {
        let mut skipped = String::new();
        if self.skipped > 0 {
            let reasons: Vec<String> =
                self.skipped_by_reason.iter().map(|(k, v)| format!("{k} {v}")).collect();
            skipped = format!(" ({})", reasons.join(", "));
        }
        writeln!(
            out,
            "morgue-index: {} files seen: {} added, {} updated, {} unchanged, {} touched, {} removed, {} skipped{}",
            self.files_seen, self.added, self.updated, self.unchanged, self.touched, self.removed, self.skipped, skipped
        )?;
        writeln!(
            out,
            "morgue-index: {} articles in {} · {:.1} MB parsed in {:.2}s ({:.1} MB/s) · {} commit(s){}{}",
            self.articles,
            self.index.display(),
            self.bytes as f64 / 1e6,
            self.seconds,
            self.mb_per_s,
            self.commits,
            if self.retagged { " · taxonomy changed: all articles re-tagged" } else { "" },
            if self.interrupted {
                " · interrupted: stopped at a commit point, re-run to finish"
            } else {
                ""
            },
        )
    }
}

/// A count, for `morgue count`.
#[derive(Debug, Clone, Serialize)]
pub struct CountResult {
    pub query: String,
    /// Matching articles.
    pub count: u64,
}

impl Human for CountResult {
    fn human(&self, out: &mut dyn Write, _style: Style) -> io::Result<()> {
        writeln!(out, "{}", self.count)
    }
}
