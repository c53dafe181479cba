//! The only writer of results. Every command's result is one `Serialize` value; this module
//! renders it as human text (with bold highlights on a terminal), one JSON document, JSON
//! Lines tagged `{"type": …, "data": …}` ending with a summary, or CSV. Library code never
//! prints; binaries call here.

use std::io::{self, Write};

use serde::Serialize;

use crate::archive::StoredArticle;
use crate::audit::{AuditReport, AuditSummary, Finding};
use crate::export::ExportSummary;
use crate::indexer::roots::RootRemoved;
use crate::indexer::IndexSummary;
use crate::report::{Facets, Histogram, Stats};
use crate::search::{Hit, Relation, SearchResults, Snippet};
use crate::similar::SimilarResults;

/// Output formats shared by every command (`--format NAME`, NAME in kebab case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// Readable text (bold highlights on a terminal)
    #[default]
    Human,
    /// One JSON document
    Json,
    /// JSON Lines: one {"type","data"} message per line, ending with a summary
    Ndjson,
    /// Comma-separated values with a header row
    Csv,
    /// One path per line
    Paths,
    /// Elasticsearch/OpenSearch _bulk body: an index action line, then the document
    EsBulk,
    /// One bare JSON document per line, no messages or summary (export; Quickwit ingest).
    Docs,
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

/// "1 article", "2 articles", "2 copies".
pub fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else if let Some(stem) = word.strip_suffix("py") {
        format!("{n} {stem}pies")
    } else if word.ends_with("ch") {
        format!("{n} {word}es")
    } else {
        format!("{n} {word}s")
    }
}

impl Human for SearchResults {
    fn human(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        for hit in &self.hits {
            hit.human(out, style)?;
        }
        let shown = self.hits.len();
        let matching = self.total_hits + self.partial_hits;
        let first = if shown == 0 { 0 } else { self.offset + 1 };
        // A capped count says "more than N" (`--exact-total` counts every match).
        let more = if self.total_relation == Relation::Gte { "more than " } else { "" };
        let mut line = if shown == 0 && self.offset > 0 && matching > 0 {
            format!("no results past {more}{} (offset {})", plural(matching, "matching article"), self.offset)
        } else if self.total_hits == 0 && self.partial_hits > 0 {
            let some = self.partial_hits;
            format!(
                "no article holds every word · {shown} of {some} holding some of them shown ({first}–{})",
                self.offset + shown
            )
        } else {
            let of = plural(self.total_hits, "matching article");
            format!("{shown} of {more}{of} shown ({first}–{})", self.offset + shown)
        };
        if self.partial_hits > 0 && self.total_hits > 0 {
            let some = plural(self.partial_hits, "more article");
            line.push_str(&format!(" · {some} holding only some of the words, ranked after them"));
        }
        if self.undated_excluded > 0 {
            let undated = plural(self.undated_excluded, "undated match");
            line.push_str(&format!(" · {undated} left out by the date filter"));
        }
        if self.collapsed > 0 {
            let copies = plural(self.collapsed, "copy");
            line.push_str(&format!(" · {copies} of them folded in (--no-collapse lists them)"));
        }
        writeln!(out, "{}", style.dim(&line))
    }
}

/// Search results in `format`: Human, Json (one document), Ndjson (a `hit` message per hit,
/// then a `summary`), Csv (rank, score, id, date, path, title) or Paths (one absolute path a
/// line, or NUL-terminated with `null`).
pub fn search(
    out: &mut dyn Write,
    format: Format,
    style: Style,
    results: &SearchResults,
    null: bool,
) -> io::Result<()> {
    match format {
        Format::Ndjson => {
            for hit in &results.hits {
                json_line(out, "hit", hit)?;
            }
            #[derive(Serialize)]
            struct Summary<'a> {
                query: &'a str,
                total_hits: u64,
                total_relation: Relation,
                partial_hits: u64,
                undated_excluded: u64,
                offset: usize,
                collapsed: u64,
                shown: usize,
            }
            let summary = Summary {
                query: &results.query,
                total_hits: results.total_hits,
                total_relation: results.total_relation,
                partial_hits: results.partial_hits,
                undated_excluded: results.undated_excluded,
                offset: results.offset,
                collapsed: results.collapsed,
                shown: results.hits.len(),
            };
            json_line(out, "summary", &summary)
        }
        Format::Csv => {
            let rows: Vec<Vec<String>> = results
                .hits
                .iter()
                .map(|h| {
                    let a = &h.article;
                    vec![
                        h.rank.to_string(),
                        h.score.map(|s| format!("{s:.4}")).unwrap_or_default(),
                        a.id.clone(),
                        a.date.map(|d| d.to_string()).unwrap_or_default(),
                        a.path.clone(),
                        a.title.clone(),
                    ]
                })
                .collect();
            csv_rows(out, &["rank", "score", "id", "date", "path", "title"], &rows)
        }
        Format::Paths => {
            for hit in &results.hits {
                let path = std::path::Path::new(&hit.article.root).join(&hit.article.path);
                write!(out, "{}", path.display())?;
                out.write_all(if null { b"\0" } else { b"\n" })?;
            }
            Ok(())
        }
        _ => render(out, format, style, results),
    }
}

impl Human for Hit {
    fn human(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        let a = &self.article;
        let score = self.score.map(|s| format!("  {s:.2}")).unwrap_or_default();
        writeln!(out, "{:>3}. {}{}", self.rank, style.bold(&a.title), style.dim(&score))?;
        let mut facts = vec![when(a)];
        facts.push(a.id.clone());
        facts.extend(a.dateline.clone());
        facts.extend(a.source.clone());
        if !self.copies.is_empty() {
            facts.push(format!("+{}", plural(self.copies.len() as u64, "copy")));
        }
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
            "morgue-index: {} files seen: {} added, {} updated, {} unchanged, {} touched, {} removed, {} skipped{}{}",
            self.files_seen,
            self.added,
            self.updated,
            self.unchanged,
            self.touched,
            self.removed,
            self.skipped,
            skipped,
            match self.repaired {
                0 => String::new(),
                n => format!(", {n} repaired (invalid UTF-8 bytes replaced; `morgue audit --check repaired`)"),
            }
        )?;
        writeln!(
            out,
            "morgue-index: {} articles in {} · {:.1} MB parsed in {:.2}s ({:.1} MB/s) · {} commit(s){}{}{}",
            self.articles,
            self.index.display(),
            self.bytes as f64 / 1e6,
            self.seconds,
            self.mb_per_s,
            self.commits,
            match self.segments_merged {
                0 => String::new(),
                n => format!(" · {n} small segment(s) merged"),
            },
            if self.retagged { " · taxonomy changed: all articles re-tagged" } else { "" },
            if self.interrupted {
                " · interrupted: stopped at a commit point, re-run to finish"
            } else {
                ""
            },
        )?;
        for copies in &self.copies {
            writeln!(
                out,
                "morgue-index: warning: {} article(s) under {} have the same content as articles under {}: \
                 a copied folder? (`morgue-index --remove-root {}`; if {} moved there: `--move-root {} {}`)",
                copies.articles,
                copies.root,
                copies.other,
                copies.root,
                copies.other,
                copies.other,
                copies.root
            )?;
        }
        Ok(())
    }
}

impl Human for RootRemoved {
    fn human(&self, out: &mut dyn Write, _style: Style) -> io::Result<()> {
        writeln!(
            out,
            "morgue-index: removed the root {} ({} articles) from {} · {} articles left",
            self.root,
            self.removed,
            self.index.display(),
            self.articles
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

// ---------------------------------------------------------------------------------------
// Reports: facets, histograms, stats, similar articles, audits, exports.

/// Writes rows as RFC 4180 CSV (header first).
pub fn csv_rows(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row)?;
    }
    writer.flush()
}

/// Values that have a CSV rendering (a table of rows).
pub trait Table {
    fn header(&self) -> Vec<&'static str>;
    fn rows(&self) -> Vec<Vec<String>>;
}

/// Renders a report in `format`: Human, Json (one document), Ndjson (one message per row
/// plus a summary) or Csv.
pub fn render_table<T: Serialize + Human + Table>(
    out: &mut dyn Write,
    format: Format,
    style: Style,
    value: &T,
) -> io::Result<()> {
    match format {
        Format::Csv => csv_rows(out, &value.header(), &value.rows()),
        _ => render(out, format, style, value),
    }
}

fn bar(count: u64, max: u64, width: usize) -> String {
    if max == 0 {
        return String::new();
    }
    let n = ((count as f64 / max as f64) * width as f64).round() as usize;
    "█".repeat(n.max(usize::from(count > 0)))
}

impl Human for Facets {
    fn human(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        let width = self.values.iter().map(|v| v.value.chars().count()).max().unwrap_or(0).min(40);
        let max = self.values.first().map_or(0, |v| v.count);
        for v in &self.values {
            // An ambiguous bare surname says which full names it could be.
            let note = match v.ambiguous.as_slice() {
                [] => String::new(),
                names => format!("  {}", style.dim(&format!("? ambiguous: {}", names.join(", ")))),
            };
            let bar = style.dim(&bar(v.count, max, 30));
            writeln!(out, "{:>7}  {:<width$}  {bar}{note}", v.count, v.value)?;
        }
        summary(
            out,
            style,
            &format!(
                "{} of {} distinct {} values shown · {} matching articles, {} without a {}",
                self.values.len(),
                self.distinct,
                self.field,
                self.articles,
                self.missing,
                self.field
            ),
        )
    }
}

impl Table for Facets {
    fn header(&self) -> Vec<&'static str> {
        vec!["value", "key", "count"]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.values.iter().map(|v| vec![v.value.clone(), v.key.clone(), v.count.to_string()]).collect()
    }
}

impl Human for Histogram {
    fn human(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        let max = self.buckets.iter().map(|b| b.count).max().unwrap_or(0);
        for b in &self.buckets {
            writeln!(out, "{:<10} {:>7}  {}", b.key, b.count, style.dim(&bar(b.count, max, 50)))?;
        }
        summary(
            out,
            style,
            &format!(
                "{} matching articles: {} dated in {} buckets, {} undated",
                self.total,
                self.total - self.undated,
                self.buckets.len(),
                self.undated
            ),
        )
    }
}

impl Table for Histogram {
    fn header(&self) -> Vec<&'static str> {
        vec!["key", "start", "end", "count"]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.buckets
            .iter()
            .map(|b| vec![b.key.clone(), b.start.to_string(), b.end.to_string(), b.count.to_string()])
            .collect()
    }
}

impl Human for Stats {
    fn human(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        let range = match (self.first_date, self.last_date) {
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => "—".into(),
        };
        let date_from = self
            .date_from
            .rows()
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(place, n)| format!("{place} {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let rows = [
            ("index", self.index.clone()),
            ("articles", self.articles.to_string()),
            ("sources", self.sources.to_string()),
            ("dates", format!("{range} ({} undated)", self.undated)),
            ("date from", date_from),
            (
                "index size",
                format!("{:.1} MB in {} segment(s)", self.index_bytes as f64 / 1e6, self.segments),
            ),
            ("schema", format!("version {}, written by morgue {}", self.schema_version, self.indexed_by)),
            ("roots", self.roots.join(", ")),
            ("failed files", self.failed_files.to_string()),
        ];
        for (name, value) in rows {
            writeln!(out, "{:<14}{}", style.dim(name), value)?;
        }
        writeln!(out, "{}", style.dim("coverage"))?;
        for c in &self.coverage {
            writeln!(out, "  {:<12}{:>6.1}%  {:>8}", c.field, c.share * 100.0, c.articles)?;
        }
        Ok(())
    }
}

impl Table for Stats {
    fn header(&self) -> Vec<&'static str> {
        vec!["field", "articles", "share"]
    }
    fn rows(&self) -> Vec<Vec<String>> {
        self.coverage
            .iter()
            .map(|c| vec![c.field.clone(), c.articles.to_string(), format!("{:.4}", c.share)])
            .collect()
    }
}

impl Human for SimilarResults {
    fn human(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        writeln!(out, "{} {}", style.dim("like:"), style.bold(&self.article.title))?;
        writeln!(out, "      {}", style.dim(&self.article.path))?;
        writeln!(out)?;
        for hit in &self.hits {
            hit.human(out, style)?;
        }
        writeln!(out, "{}", style.dim(&plural(self.hits.len() as u64, "similar article")))
    }
}

impl Human for Finding {
    fn human(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        let place = self.path.clone().unwrap_or_else(|| "index".into());
        writeln!(out, "{:<17} {}: {}", style.bold(self.check.name()), place, self.message)?;
        if let Some(group) = &self.group {
            for copy in &group.copies {
                let date = copy.date.map(|d| d.to_string()).unwrap_or_else(|| "undated".into());
                writeln!(out, "{:<17}   {:.2}  {}  {}", "", copy.similarity, date, copy.path)?;
            }
        }
        Ok(())
    }
}

impl Human for AuditSummary {
    fn human(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        let parts: Vec<String> = self.by_check.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let verdict = if self.clean { "clean" } else { "findings" };
        summary(
            out,
            style,
            &format!(
                "audit: {} articles, {} findings ({verdict}): {}",
                self.articles,
                self.findings,
                parts.join(", ")
            ),
        )
    }
}

impl Human for AuditReport {
    fn human(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        for finding in &self.findings {
            finding.human(out, style)?;
        }
        self.summary.human(out, style)
    }
}

/// Writes an audit: human lines, or JSON Lines (for `--json` and `--format ndjson`), one
/// `finding` message per finding and a closing `summary`.
pub fn audit(out: &mut dyn Write, format: Format, style: Style, report: &AuditReport) -> io::Result<()> {
    match format {
        Format::Json | Format::Ndjson => {
            for finding in &report.findings {
                json_line(out, "finding", finding)?;
            }
            json_line(out, "summary", &report.summary)
        }
        _ => report.human(out, style),
    }
}

/// Selected article fields, serialized as a JSON object in selection order.
struct Selected(Vec<(String, serde_json::Value)>);

impl Serialize for Selected {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// Renders an export one article at a time.
pub struct ArticleStream<'a> {
    out: &'a mut dyn Write,
    format: Format,
    fields: Vec<String>,
    /// Index name in Elasticsearch bulk action lines.
    es_index: String,
    started: bool,
}

impl<'a> ArticleStream<'a> {
    /// Formats: Ndjson/Json (JSON Lines of `article` messages and a `summary`), Csv (header
    /// row; lists joined with "; "), Paths (absolute paths), EsBulk (Elasticsearch /
    /// OpenSearch `_bulk` body: an `index` action line, then the document), Docs (the bare
    /// documents, one per line), Human.
    pub fn new(out: &'a mut dyn Write, format: Format, fields: Vec<String>, es_index: &str) -> Self {
        ArticleStream { out, format, fields, es_index: es_index.to_string(), started: false }
    }

    /// The chosen fields of an article, in the chosen order.
    fn select(&self, article: &StoredArticle) -> io::Result<Selected> {
        let serde_json::Value::Object(mut all) = serde_json::to_value(article)? else {
            return Err(io::Error::other("article did not serialize to an object"));
        };
        Ok(Selected(
            self.fields
                .iter()
                .map(|name| (name.clone(), all.remove(name).unwrap_or(serde_json::Value::Null)))
                .collect(),
        ))
    }

    pub fn write(&mut self, article: &StoredArticle) -> io::Result<()> {
        match self.format {
            Format::Paths => {
                writeln!(self.out, "{}", std::path::Path::new(&article.root).join(&article.path).display())
            }
            Format::Csv => {
                let row: Vec<String> = self
                    .select(article)?
                    .0
                    .into_iter()
                    .map(|(_, v)| match v {
                        serde_json::Value::Null => String::new(),
                        serde_json::Value::String(s) => s,
                        serde_json::Value::Array(items) => items
                            .into_iter()
                            .map(|i| i.as_str().map(str::to_string).unwrap_or_else(|| i.to_string()))
                            .collect::<Vec<_>>()
                            .join("; "),
                        other => other.to_string(),
                    })
                    .collect();
                let mut writer = csv::Writer::from_writer(&mut *self.out);
                if !self.started {
                    writer.write_record(&self.fields)?;
                }
                writer.write_record(&row)?;
                self.started = true;
                writer.flush()
            }
            Format::EsBulk => {
                let action = serde_json::json!({"index": {"_index": self.es_index, "_id": article.id}});
                serde_json::to_writer(&mut *self.out, &action)?;
                writeln!(self.out)?;
                let selected = self.select(article)?;
                serde_json::to_writer(&mut *self.out, &selected)?;
                writeln!(self.out)
            }
            Format::Json | Format::Ndjson => {
                let selected = self.select(article)?;
                json_line(self.out, "article", &selected)
            }
            Format::Docs => {
                let selected = self.select(article)?;
                serde_json::to_writer(&mut *self.out, &selected)?;
                writeln!(self.out)
            }
            Format::Human => {
                writeln!(self.out, "{:<10}  {}  {}", when(article), article.path, article.title)
            }
        }
    }

    /// Ends the stream: the `summary` message for JSON Lines (CSV with no rows still gets
    /// its header).
    pub fn finish(&mut self, summary: &ExportSummary) -> io::Result<()> {
        match self.format {
            Format::Json | Format::Ndjson => json_line(self.out, "summary", summary),
            Format::Csv if !self.started => {
                csv::Writer::from_writer(&mut *self.out).write_record(&self.fields)?;
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

/// The dimmed summary line under a human table.
fn summary(out: &mut dyn Write, style: Style, text: &str) -> io::Result<()> {
    writeln!(out, "{}", style.dim(text))
}
