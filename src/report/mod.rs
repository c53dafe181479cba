//! Aggregates over every matching article, read from fast-field columns (never from stored
//! documents, except to label person facets): `stats` (counts, date range, field coverage),
//! `facets` (exact value counts of a field, largest first) and `histogram` (calendar buckets
//! over the date), one submodule each. All counts are exact: `archive::MatchingDocs` gathers
//! each segment's matching doc ids and the columns are read for exactly those, so there is
//! no top-k or shard-size truncation anywhere. Returns data; `output` renders it.

use tantivy::columnar::column_index::MultiValueIndex;
use tantivy::columnar::{ColumnIndex, StrColumn};

use std::sync::Arc;

use tantivy::schema::Field;
use tantivy::{DocId, InvertedIndexReader, SegmentOrdinal, SegmentReader, Term};

use crate::archive::Archive;
use crate::error::{Error, Result};
use crate::query::QueryOptions;

pub mod facets;
pub mod histogram;
mod rows;
pub mod stats;
#[cfg(test)]
mod tests;

pub use crate::archive::{matching, matching_query, Matches, MatchingDocs, SegmentDocs};
pub use crate::calendar::Interval;
pub use facets::{facets, FacetField, FacetValue, Facets};
pub use histogram::{histogram, Bucket, Histogram};
pub use stats::{stats, Coverage, DateSources, Stats};

/// The error for a column or dictionary that cannot be read as written.
fn damaged(archive: &Archive, e: impl std::fmt::Display) -> Error {
    Error::IndexDamaged { path: archive.store.dir.clone(), reason: e.to_string() }
}

/// The string of dictionary ordinal `ord` of a string column.
fn term_str(archive: &Archive, column: &StrColumn, ord: u64) -> Result<String> {
    let mut value = String::new();
    column.ord_to_str(ord, &mut value).map_err(|e| damaged(archive, e))?;
    Ok(value)
}

/// The segment's terms of the field `name` (its inverted index), when the schema indexes it.
fn indexed_terms(reader: &SegmentReader, name: &str) -> Result<Option<(Field, Arc<InvertedIndexReader>)>> {
    let schema = reader.schema();
    let field = schema.get_field(name)?;
    if !schema.get_field_entry(field).is_indexed() {
        return Ok(None);
    }
    Ok(Some((field, reader.inverted_index(field)?)))
}

/// How many of a segment's docs (deleted ones included) hold `term`: `None` for no such term.
fn term_docs(terms: &InvertedIndexReader, term: &Term) -> Result<Option<u32>> {
    let info = terms.get_term_info(term).map_err(tantivy::TantivyError::from)?;
    Ok(info.map(|info| info.doc_freq))
}

/// How many of a segment's `max_doc` docs have a value in a column with this index, read from
/// the index itself (deleted docs included).
fn docs_with_values(index: &ColumnIndex, max_doc: u32) -> u64 {
    match index {
        ColumnIndex::Empty { .. } => 0,
        ColumnIndex::Full => u64::from(max_doc),
        ColumnIndex::Optional(optional) => u64::from(optional.num_non_nulls()),
        // Version 2 keeps one start offset per doc with values, plus the end.
        ColumnIndex::Multivalued(multi @ MultiValueIndex::MultiValueIndexV2(_)) => {
            u64::from(multi.get_start_index_column().num_vals().saturating_sub(1))
        }
        ColumnIndex::Multivalued(multi) => multi.iter_non_null_docs().count() as u64,
    }
}

/// The docs of one segment a report counts.
#[derive(Debug, Clone)]
pub(crate) enum Docs {
    /// Every doc of a segment without deletions (`*` with no date filter): the columns are
    /// counted whole, with no list of doc ids.
    All(u32),
    /// The matching docs, ascending.
    Matching(Vec<DocId>),
}

impl Docs {
    fn len(&self) -> u64 {
        match self {
            Docs::All(max_doc) => u64::from(*max_doc),
            Docs::Matching(docs) => docs.len() as u64,
        }
    }

    fn iter(&self) -> Box<dyn Iterator<Item = DocId> + '_> {
        match self {
            Docs::All(max_doc) => Box::new(0..*max_doc),
            Docs::Matching(docs) => Box::new(docs.iter().copied()),
        }
    }
}

/// The articles a report counts, per segment in segment order.
pub(crate) type Selection = Vec<(SegmentOrdinal, Docs)>;

/// The articles matching `query`: for every article (`*` with no date filter), each segment
/// whole when it has no deletions, else its live doc ids; for other queries the matching
/// doc ids.
pub(crate) fn select(archive: &Archive, query: &str, options: &QueryOptions) -> Result<Selection> {
    let readers = archive.searcher.segment_readers();
    let everything = query.trim() == "*" && options.from.is_none() && options.to.is_none();
    if everything {
        return Ok(readers
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let docs = match r.alive_bitset() {
                    None => Docs::All(r.max_doc()),
                    Some(_) => Docs::Matching(r.doc_ids_alive().collect()),
                };
                (i as SegmentOrdinal, docs)
            })
            .collect());
    }
    let matches: Matches = matching(archive, query, options)?;
    Ok(matches.into_iter().map(|(segment, docs)| (segment, Docs::Matching(docs))).collect())
}

/// Counts every value of a column (all docs of a segment, each value distinct within its
/// doc) into `count`, reading the values in blocks.
pub(crate) fn count_all_values<T: Copy + Default + PartialOrd + std::fmt::Debug + Send + Sync + 'static>(
    values: &dyn tantivy::columnar::ColumnValues<T>,
    mut count: impl FnMut(T),
) {
    let mut block = [T::default(); 256];
    let total = values.num_vals();
    let mut start = 0u32;
    while start < total {
        let n = ((total - start) as usize).min(block.len());
        values.get_range(u64::from(start), &mut block[..n]);
        block[..n].iter().for_each(|&v| count(v));
        start += n as u32;
    }
}
