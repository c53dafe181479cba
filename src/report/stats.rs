//! `morgue stats`: the size, date range, sources and per-field coverage of the whole index,
//! read from fast-field columns and field norms of every live document (never from stored
//! documents), plus the commit metadata.

use std::collections::HashSet;

use serde::Serialize;
use tantivy::columnar::ColumnIndex;
use tantivy::{DocId, SegmentReader, Term};

use super::{count_all_values, damaged, docs_with_values, indexed_terms, term_docs, term_str};
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
    "id_key",
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
        // Every segment is read whole: counts come from the column indexes, dictionaries and
        // field-norm bytes, not from a walk over its documents; the few deleted documents'
        // share is then taken back out.
        let deleted: Option<Vec<DocId>> = reader
            .alive_bitset()
            .map(|alive| (0..reader.max_doc()).filter(|&d| alive.is_deleted(d)).collect());
        let docs = Docs { deleted: deleted.as_deref(), max_doc: reader.max_doc() };
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

/// The documents of one segment: `max_doc` of them, less the `deleted` ones.
#[derive(Clone, Copy)]
struct Docs<'a> {
    deleted: Option<&'a [DocId]>,
    max_doc: u32,
}

impl Docs<'_> {
    /// How many deleted docs satisfy `has`.
    fn deleted_with(self, has: impl Fn(DocId) -> bool) -> u64 {
        self.deleted.map_or(0, |deleted| deleted.iter().filter(|&&d| has(d)).count() as u64)
    }

    /// How many of the live docs have a value in a column with this index: read from the
    /// index itself, less the deleted docs with a value.
    fn with_values(self, index: &ColumnIndex) -> u64 {
        docs_with_values(index, self.max_doc) - self.deleted_with(|d| index.has_value(d))
    }

    /// How many live docs have a non-zero field norm (at least one word) in `norms`, the
    /// segment's field-norm bytes, one per doc.
    fn with_words(self, norms: &[u8]) -> u64 {
        non_zero_bytes(norms) - self.deleted_with(|d| norms.get(d as usize).is_some_and(|&n| n != 0))
    }
}

/// How many bytes are not zero: summed as bytes over runs of 255 (no run can overflow one),
/// which the compiler turns into vector adds, instead of a count per byte.
fn non_zero_bytes(bytes: &[u8]) -> u64 {
    bytes.chunks(255).map(|run| u64::from(run.iter().fold(0u8, |n, &b| n + u8::from(b != 0)))).sum()
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
            // The field's norms are one byte per doc (0: no word), counted as one slice.
            match reader.fieldnorms_readers().get_inner_file().open_read(handle) {
                Some(file) => docs.with_words(file.read_bytes().map_err(|e| damaged(archive, e))?.as_slice()),
                None => 0,
            }
        }
        // Neither fast nor with field norms: not countable without the stored docs.
        _ => 0,
    })
}

/// Adds the `source` values of a segment's live docs to `sources`: the whole dictionary when
/// no doc is deleted (it holds exactly the values of the segment's docs), else the values
/// some live doc still holds.
fn segment_sources(
    archive: &Archive,
    reader: &SegmentReader,
    docs: Docs,
    sources: &mut HashSet<String>,
) -> Result<()> {
    let Some(column) = reader.fast_fields().str("source")? else { return Ok(()) };
    let Some(deleted) = docs.deleted else {
        let mut terms = column.dictionary().stream().map_err(|e| damaged(archive, e))?;
        while let Some((term, _)) = terms.next() {
            let term = std::str::from_utf8(term).map_err(|e| damaged(archive, e))?;
            if !sources.contains(term) {
                sources.insert(term.to_string());
            }
        }
        return Ok(());
    };
    let mut held = vec![0u32; column.num_terms()];
    count_all_values(&*column.ords().values, |ord| held[ord as usize] += 1);
    for &doc in deleted {
        for ord in column.term_ords(doc) {
            held[ord as usize] -= 1;
        }
    }
    for (ord, _) in held.iter().enumerate().filter(|(_, n)| **n > 0) {
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
    /// Takes in the dates of a segment's live docs: the column's bounds when the date terms
    /// show both are dates some doc has, else every value of the column, read in blocks; when
    /// a deleted doc holds the segment's first or last date, the live docs' dates one by one
    /// instead.
    fn add_segment(&mut self, reader: &SegmentReader, docs: Docs) -> Result<()> {
        let dates = fast_column::<tantivy::DateTime>(reader, "date")?;
        let live = u64::from(docs.max_doc) - docs.deleted.map_or(0, |d| d.len() as u64);
        self.undated += live - docs.with_values(&dates.index);
        let mut segment = DateRange::default();
        if dates.values.num_vals() > 0 {
            // tantivy keeps bounds of a column's values but does not promise that a value
            // reaches them: they are taken when a term lookup each confirms them (a million
            // articles' dates were 10 M instructions, half of `morgue stats`).
            let (low, high) = (dates.values.min_value(), dates.values.max_value());
            if has_date(reader, low)? && has_date(reader, high)? {
                segment.add(low);
                segment.add(high);
            } else {
                count_all_values(&*dates.values, |when| segment.add(when));
            }
        }
        let Some((first, last)) = segment.range else { return Ok(()) };
        let at_edge =
            |d: DocId| dates.first(d).is_some_and(|w| [first, last].contains(&w.into_timestamp_secs()));
        match docs.deleted {
            Some(deleted) if deleted.iter().any(|&d| at_edge(d)) => {
                let alive = reader.alive_bitset();
                for doc in (0..docs.max_doc).filter(|&d| alive.is_none_or(|a| a.is_alive(d))) {
                    if let Some(when) = dates.first(doc) {
                        self.add(when);
                    }
                }
            }
            _ => {
                self.add_secs(first);
                self.add_secs(last);
            }
        }
        Ok(())
    }

    fn add(&mut self, when: tantivy::DateTime) {
        self.add_secs(when.into_timestamp_secs());
    }

    fn add_secs(&mut self, secs: i64) {
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

/// Whether some doc of the segment (deleted ones included) is dated `when`, by the `date`
/// field's terms; false when the field is not indexed.
pub(super) fn has_date(reader: &SegmentReader, when: tantivy::DateTime) -> Result<bool> {
    let Some((field, terms)) = indexed_terms(reader, "date")? else { return Ok(false) };
    Ok(term_docs(&terms, &Term::from_field_date_for_search(field, when))?.is_some())
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
/// document frequency, less the deleted docs that hold it (read from the column).
fn count_date_from(
    archive: &Archive,
    reader: &SegmentReader,
    docs: Docs,
    counts: &mut [u64; DateFrom::ALL.len()],
) -> Result<()> {
    let field = archive.store.fields.date_from;
    let inverted = reader.inverted_index(field)?;
    for (n, from) in counts.iter_mut().zip(DateFrom::ALL) {
        let term = tantivy::Term::from_field_text(field, from.as_str());
        *n += u64::from(inverted.doc_freq(&term).map_err(|e| damaged(archive, e))?);
    }
    let Some(deleted) = docs.deleted.filter(|d| !d.is_empty()) else { return Ok(()) };
    let Some(column) = reader.fast_fields().str("date_from")? else { return Ok(()) };
    let mut place_of = Vec::with_capacity(column.num_terms());
    for ord in 0..column.num_terms() as u64 {
        let value = term_str(archive, &column, ord)?;
        place_of.push(DateFrom::ALL.iter().position(|f| f.as_str() == value));
    }
    for &doc in deleted {
        for ord in column.term_ords(doc) {
            if let Some(i) = place_of[ord as usize] {
                counts[i] = counts[i].saturating_sub(1);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::non_zero_bytes;

    #[test]
    fn non_zero_bytes_are_counted_across_runs_of_255() {
        let bytes: Vec<u8> = (0..1_000u32).map(|i| if i % 3 == 0 { 0 } else { (i % 256) as u8 }).collect();
        assert_eq!(non_zero_bytes(&bytes), bytes.iter().filter(|&&b| b != 0).count() as u64);
        assert_eq!(non_zero_bytes(&[255; 600]), 600);
        assert_eq!(non_zero_bytes(&[]), 0);
    }
}
