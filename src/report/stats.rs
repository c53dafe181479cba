//! `morgue stats`: the size, date range, sources and per-field coverage of the whole index,
//! read from fast-field columns and field norms of every live document (never from stored
//! documents), plus the commit metadata.

use std::collections::HashSet;

use serde::Serialize;
use tantivy::{DocId, SegmentReader};

use super::{damaged, term_str};
use crate::archive::{fast_column, Archive};
use crate::calendar::Date;
use crate::error::Result;
use crate::schema::{FieldKind, FieldSpec};

/// How many articles have a value in one field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    pub field: String,
    /// Articles with at least one value (for text fields: at least one word).
    pub articles: u64,
    /// `articles` / all articles, 0.0–1.0 (0 for an empty index).
    pub share: f64,
}

/// The answer to `morgue stats`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// The index directory.
    pub index: String,
    pub articles: u64,
    /// Distinct `source` values.
    pub sources: u64,
    /// Earliest article date (null when no article is dated).
    pub first_date: Option<Date>,
    /// Latest article date.
    pub last_date: Option<Date>,
    /// Articles without a date.
    pub undated: u64,
    /// Bytes of index files on disk.
    pub index_bytes: u64,
    pub segments: u64,
    /// Schema version of the index.
    pub schema_version: u32,
    /// morgue version that wrote the last commit.
    pub indexed_by: String,
    /// Indexed roots.
    pub roots: Vec<String>,
    /// Files of the roots that could not be indexed in the last run.
    pub failed_files: u64,
    /// Per article field (bookkeeping fields left out), in schema order.
    pub coverage: Vec<Coverage>,
}

/// Fields that describe files or fingerprints rather than articles: left out of coverage.
const BOOKKEEPING: &[&str] =
    &["id", "root", "path", "size", "mtime", "file_hash", "body_hash", "minhash", "person_key", "person_id"];

/// Counts, date range and field coverage of the whole index.
pub fn stats(archive: &Archive) -> Result<Stats> {
    // A stored-only text (`body_text`) has neither norms nor a column; its indexed twin counts.
    let fields: Vec<&FieldSpec> = archive
        .store
        .spec
        .fields
        .iter()
        .filter(|f| !BOOKKEEPING.contains(&f.name.as_str()) && (f.indexed || f.fast))
        .collect();
    let mut covered = vec![0u64; fields.len()];
    let mut sources: HashSet<String> = HashSet::new();
    let mut dates = DateRange::default();
    for reader in archive.searcher.segment_readers() {
        let alive: Vec<DocId> = reader.doc_ids_alive().collect();
        for (n, field) in covered.iter_mut().zip(&fields) {
            *n += field_coverage(archive, reader, &alive, field)?;
        }
        segment_sources(archive, reader, &alive, &mut sources)?;
        dates.add_segment(reader, &alive)?;
    }
    let articles = archive.num_articles();
    let coverage = fields
        .iter()
        .zip(covered)
        .map(|(field, n)| Coverage {
            field: field.name.clone(),
            articles: n,
            share: if articles == 0 { 0.0 } else { n as f64 / articles as f64 },
        })
        .collect();
    let meta = archive.store.meta.clone().unwrap_or_default();
    Ok(Stats {
        index: archive.store.dir.display().to_string(),
        articles,
        sources: sources.len() as u64,
        first_date: dates.first,
        last_date: dates.last,
        undated: dates.undated,
        index_bytes: archive.store.size_on_disk(),
        segments: archive.searcher.segment_readers().len() as u64,
        schema_version: meta.schema_version,
        indexed_by: meta.morgue_version,
        roots: meta.roots,
        failed_files: meta.failed.len() as u64,
        coverage,
    })
}

/// How many of a segment's `alive` docs have a value in `field`: a column value for fast
/// fields, at least one word (a non-zero field norm) for other text fields.
fn field_coverage(
    archive: &Archive,
    reader: &SegmentReader,
    alive: &[DocId],
    field: &FieldSpec,
) -> Result<u64> {
    let ff = reader.fast_fields();
    let count = |has: &dyn Fn(DocId) -> bool| alive.iter().filter(|&&d| has(d)).count() as u64;
    Ok(match (field.fast, field.kind) {
        (true, FieldKind::Date) => {
            let column = fast_column::<tantivy::DateTime>(reader, &field.name)?;
            count(&|d| column.first(d).is_some())
        }
        (true, FieldKind::I64) => {
            let column = fast_column::<i64>(reader, &field.name)?;
            count(&|d| column.first(d).is_some())
        }
        (true, FieldKind::U64) => {
            let column = fast_column::<u64>(reader, &field.name)?;
            count(&|d| column.first(d).is_some())
        }
        (true, FieldKind::Bytes) => match ff.bytes(&field.name)? {
            Some(column) => count(&|d| column.term_ords(d).next().is_some()),
            None => 0,
        },
        (true, _) => match ff.str(&field.name)? {
            Some(column) => count(&|d| column.term_ords(d).next().is_some()),
            None => 0,
        },
        (false, FieldKind::Text | FieldKind::Name) => {
            let handle =
                archive.store.index.schema().get_field(&field.name).map_err(|e| damaged(archive, e))?;
            let norms = reader.get_fieldnorms_reader(handle)?;
            count(&|d| norms.fieldnorm_id(d) > 0)
        }
        // Neither fast nor with field norms: not countable without the stored docs.
        _ => 0,
    })
}

/// Adds the `source` values of a segment's `alive` docs to `sources`.
fn segment_sources(
    archive: &Archive,
    reader: &SegmentReader,
    alive: &[DocId],
    sources: &mut HashSet<String>,
) -> Result<()> {
    let Some(column) = reader.fast_fields().str("source")? else { return Ok(()) };
    let mut seen = vec![false; column.num_terms()];
    for &doc in alive {
        for ord in column.term_ords(doc) {
            seen[ord as usize] = true;
        }
    }
    for (ord, _) in seen.iter().enumerate().filter(|(_, s)| **s) {
        sources.insert(term_str(archive, &column, ord as u64)?);
    }
    Ok(())
}

/// The earliest and latest article date, and how many articles have none.
#[derive(Default)]
struct DateRange {
    first: Option<Date>,
    last: Option<Date>,
    undated: u64,
}

impl DateRange {
    /// Takes in the dates of a segment's `alive` docs.
    fn add_segment(&mut self, reader: &SegmentReader, alive: &[DocId]) -> Result<()> {
        let dates = fast_column::<tantivy::DateTime>(reader, "date")?;
        for &doc in alive {
            match dates.first(doc) {
                Some(when) => {
                    let date = Date::from_unix_seconds(when.into_timestamp_secs());
                    self.first = Some(self.first.map_or(date, |f| f.min(date)));
                    self.last = Some(self.last.map_or(date, |l| l.max(date)));
                }
                None => self.undated += 1,
            }
        }
        Ok(())
    }
}
