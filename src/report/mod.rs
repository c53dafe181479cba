//! Aggregates over every matching article, read from fast-field columns (never from stored
//! documents, except to label person facets): `stats` (counts, date range, field coverage),
//! `facets` (exact value counts of a field, largest first) and `histogram` (calendar buckets
//! over the date), one submodule each. All counts are exact: `archive::MatchingDocs` gathers
//! each segment's matching doc ids and the columns are read for exactly those, so there is
//! no top-k or shard-size truncation anywhere. Returns data; `output` renders it.

use tantivy::columnar::StrColumn;

use crate::archive::Archive;
use crate::error::{Error, Result};

pub mod facets;
pub mod histogram;
pub mod stats;
#[cfg(test)]
mod tests;

pub use crate::archive::{matching, matching_query, Matches, MatchingDocs, SegmentDocs};
pub use crate::calendar::Interval;
pub use facets::{facets, FacetField, FacetValue, Facets};
pub use histogram::{histogram, Bucket, Histogram};
pub use stats::{stats, Coverage, Stats};

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
