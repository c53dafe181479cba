//! `morgue stats`: the size, date range, sources and per-field coverage of the whole index,
//! read from fast-field columns and field norms of every live document (never from stored
//! documents), plus the commit metadata.

use std::collections::HashSet;

use serde::Serialize;
use tantivy::columnar::ColumnIndex;
use tantivy::{DocId, SegmentReader};

use super::{damaged, docs_with_values, term_str};
use crate::archive::{fast_column, Archive};
use crate::article::DateFrom;
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
    /// How many articles took their date from each place (`date_from`).
    pub date_from: DateSources,
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

/// Fields that describe files or fingerprints rather than articles, or derive keys from
/// another field (`person_key`, `place_key`): left out of coverage.
const BOOKKEEPING: &[&str] = &[
    "id",
    "root",
    "path",
    "size",
    "mtime",
    "file_hash",
    "body_hash",
    "minhash",
    "person_key",
    "person_id",
    "place_key",
    "date_from",
];

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
    let mut date_from = [0u64; DateFrom::ALL.len()];
    for reader in archive.searcher.segment_readers() {
        // A segment without deletions is read whole: counts come from the column indexes
        // and dictionaries, not from a walk over its documents.
        let alive: Option<Vec<DocId>> = reader.alive_bitset().map(|_| reader.doc_ids_alive().collect());
        let docs = Docs { alive: alive.as_deref(), max_doc: reader.max_doc() };
        for (n, field) in covered.iter_mut().zip(&fields) {
            *n += field_coverage(archive, reader, docs, field)?;
        }
        segment_sources(archive, reader, docs, &mut sources)?;
        dates.add_segment(reader, docs)?;
        count_date_from(archive, reader, docs, &mut date_from)?;
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
    let (first_date, last_date) = dates.days();
    Ok(Stats {
        index: archive.store.dir.display().to_string(),
        articles,
        sources: sources.len() as u64,
        first_date,
        last_date,
        undated: dates.undated,
        date_from: DateSources::of(date_from, articles),
        index_bytes: archive.store.size_on_disk(),
        segments: archive.searcher.segment_readers().len() as u64,
        schema_version: meta.schema_version,
        indexed_by: meta.morgue_version,
        roots: meta.roots,
        failed_files: meta.failed.len() as u64,
        coverage,
    })
}

/// The documents of one segment that count: every one (no deletions), or the alive ones.
#[derive(Clone, Copy)]
struct Docs<'a> {
    alive: Option<&'a [DocId]>,
    max_doc: u32,
}

impl Docs<'_> {
    /// How many of the docs satisfy `has`.
    fn count(self, has: impl Fn(DocId) -> bool) -> u64 {
        match self.alive {
            Some(alive) => alive.iter().filter(|&&d| has(d)).count() as u64,
            None => (0..self.max_doc).filter(|&d| has(d)).count() as u64,
        }
    }

    /// How many of the docs have a value in a column with this index: read from the index
    /// itself when every doc counts.
    fn with_values(self, index: &ColumnIndex) -> u64 {
        if self.alive.is_some() {
            return self.count(|d| index.has_value(d));
        }
        docs_with_values(index, self.max_doc)
    }
}

/// How many of a segment's docs have a value in `field`: a column value for fast fields, at
/// least one word (a non-zero field norm) for other text fields.
fn field_coverage(archive: &Archive, reader: &SegmentReader, docs: Docs, field: &FieldSpec) -> Result<u64> {
    let ff = reader.fast_fields();
    Ok(match (field.fast, field.kind) {
        (true, FieldKind::Date) => {
            docs.with_values(&fast_column::<tantivy::DateTime>(reader, &field.name)?.index)
        }
        (true, FieldKind::I64) => docs.with_values(&fast_column::<i64>(reader, &field.name)?.index),
        (true, FieldKind::U64) => docs.with_values(&fast_column::<u64>(reader, &field.name)?.index),
        (true, FieldKind::Bytes) => match ff.bytes(&field.name)? {
            Some(column) => docs.with_values(&column.ords().index),
            None => 0,
        },
        (true, _) => match ff.str(&field.name)? {
            Some(column) => docs.with_values(&column.ords().index),
            None => 0,
        },
        (false, FieldKind::Text | FieldKind::Name) => {
            let handle =
                archive.store.index.schema().get_field(&field.name).map_err(|e| damaged(archive, e))?;
            let norms = reader.get_fieldnorms_reader(handle)?;
            docs.count(|d| norms.fieldnorm_id(d) > 0)
        }
        // Neither fast nor with field norms: not countable without the stored docs.
        _ => 0,
    })
}

/// Adds the `source` values of a segment's docs to `sources`: the whole dictionary when
/// every doc counts (it holds exactly the values of the segment's docs).
fn segment_sources(
    archive: &Archive,
    reader: &SegmentReader,
    docs: Docs,
    sources: &mut HashSet<String>,
) -> Result<()> {
    let Some(column) = reader.fast_fields().str("source")? else { return Ok(()) };
    let Some(alive) = docs.alive else {
        let mut terms = column.dictionary().stream().map_err(|e| damaged(archive, e))?;
        while let Some((term, _)) = terms.next() {
            let term = std::str::from_utf8(term).map_err(|e| damaged(archive, e))?;
            if !sources.contains(term) {
                sources.insert(term.to_string());
            }
        }
        return Ok(());
    };
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

/// The earliest and latest article date (as Unix seconds), and how many articles have none.
#[derive(Default)]
struct DateRange {
    range: Option<(i64, i64)>,
    undated: u64,
}

impl DateRange {
    /// Takes in the dates of a segment's docs: every value of the column when every doc
    /// counts (read in blocks), else the first date of each alive doc.
    fn add_segment(&mut self, reader: &SegmentReader, docs: Docs) -> Result<()> {
        let dates = fast_column::<tantivy::DateTime>(reader, "date")?;
        let Some(alive) = docs.alive else {
            self.undated += u64::from(docs.max_doc) - docs.with_values(&dates.index);
            let mut block = [tantivy::DateTime::default(); 1024];
            let total = dates.values.num_vals();
            let mut start = 0u32;
            while start < total {
                let n = ((total - start) as usize).min(block.len());
                dates.values.get_range(u64::from(start), &mut block[..n]);
                block[..n].iter().for_each(|when| self.add(*when));
                start += n as u32;
            }
            return Ok(());
        };
        for &doc in alive {
            match dates.first(doc) {
                Some(when) => self.add(when),
                None => self.undated += 1,
            }
        }
        Ok(())
    }

    fn add(&mut self, when: tantivy::DateTime) {
        let secs = when.into_timestamp_secs();
        self.range = Some(self.range.map_or((secs, secs), |(first, last)| (first.min(secs), last.max(secs))));
    }

    /// The first and last day.
    fn days(&self) -> (Option<Date>, Option<Date>) {
        match self.range {
            Some((first, last)) => {
                (Some(Date::from_unix_seconds(first)), Some(Date::from_unix_seconds(last)))
            }
            None => (None, None),
        }
    }
}

/// How many articles took their date from each place a publication prints it (see
/// `index-schema/README.md`, `date_from`), and how many have no date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DateSources {
    /// A labelled metadata field ("Date: …").
    pub header: u64,
    /// The dateline ("BRUSSELS 1996-08-22").
    pub dateline: u64,
    /// A date line by the headline or in the byline.
    pub date_line: u64,
    /// A dated closing line, or the copyright year completing a yearless dateline.
    pub trailer: u64,
    /// A yearless dateline with the year of a dated folder or file name.
    pub path: u64,
    /// A yearless dateline with the year given to its root (`morgue-index --year`).
    pub root_default: u64,
    /// No date.
    pub none: u64,
}

impl DateSources {
    /// The counts in `DateFrom::ALL` order, of `articles` in all.
    fn of(counts: [u64; DateFrom::ALL.len()], articles: u64) -> DateSources {
        let [header, dateline, date_line, trailer, path, root_default] = counts;
        let none = articles.saturating_sub(counts.iter().sum());
        DateSources { header, dateline, date_line, trailer, path, root_default, none }
    }

    /// (label, count) per place, "none" last, as the human table shows them.
    pub fn rows(&self) -> [(&'static str, u64); 7] {
        [
            ("header", self.header),
            ("dateline", self.dateline),
            ("date line", self.date_line),
            ("trailer", self.trailer),
            ("path", self.path),
            ("root default", self.root_default),
            ("none", self.none),
        ]
    }
}

/// Adds a segment's `date_from` values to `counts` (in `DateFrom::ALL` order): each value's
/// document frequency when every doc counts, else the column's value of each alive doc.
fn count_date_from(
    archive: &Archive,
    reader: &SegmentReader,
    docs: Docs,
    counts: &mut [u64; DateFrom::ALL.len()],
) -> Result<()> {
    let field = archive.store.fields.date_from;
    let Some(alive) = docs.alive else {
        let inverted = reader.inverted_index(field)?;
        for (n, from) in counts.iter_mut().zip(DateFrom::ALL) {
            let term = tantivy::Term::from_field_text(field, from.as_str());
            *n += u64::from(inverted.doc_freq(&term).map_err(|e| damaged(archive, e))?);
        }
        return Ok(());
    };
    let Some(column) = reader.fast_fields().str("date_from")? else { return Ok(()) };
    let mut place_of = Vec::with_capacity(column.num_terms());
    for ord in 0..column.num_terms() as u64 {
        let value = term_str(archive, &column, ord)?;
        place_of.push(DateFrom::ALL.iter().position(|f| f.as_str() == value));
    }
    for &doc in alive {
        for ord in column.term_ords(doc) {
            if let Some(i) = place_of[ord as usize] {
                counts[i] += 1;
            }
        }
    }
    Ok(())
}
