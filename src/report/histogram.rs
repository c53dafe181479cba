//! `morgue histogram`: matching articles per calendar bucket (day, ISO week, month, year) of
//! a fast date field, read from the date column for exactly the matching docs; empty buckets
//! between the first and the last dated match are listed too.

use std::collections::BTreeMap;

use serde::Serialize;

use tantivy::columnar::Cardinality;

use super::{count_all_values, docs_with_values, select, Docs};
use crate::archive::{fast_column, Archive};
use crate::article::extract::text::FastMap;
use crate::calendar::{Date, Interval};
use crate::error::{Error, Result};
use crate::query::QueryOptions;
use crate::schema::FieldKind;

/// One calendar bucket.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bucket {
    /// Label: `2019-05-14` (day), `2019-W20` (ISO week), `2019-05` (month), `2019` (year).
    pub key: String,
    /// First day of the bucket.
    pub start: Date,
    /// Last day of the bucket (inclusive).
    pub end: Date,
    /// Matching articles dated within the bucket.
    pub count: u64,
}

/// The answer to `morgue histogram`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Histogram {
    pub query: String,
    /// The date field bucketed.
    pub field: String,
    pub interval: Interval,
    /// Every matching article (= `morgue count QUERY` = sum of counts + undated).
    pub total: u64,
    /// Matching articles without a date (in no bucket).
    pub undated: u64,
    /// Buckets from the first to the last dated match, empty ones included.
    pub buckets: Vec<Bucket>,
}

/// Buckets the articles matching `query` by calendar `interval` of the date field `field`.
pub fn histogram(
    archive: &Archive,
    query: &str,
    options: &QueryOptions,
    field: &str,
    interval: Interval,
) -> Result<Histogram> {
    match archive.store.spec.field(field) {
        Some(spec) if spec.kind == FieldKind::Date && spec.fast => {}
        _ => return Err(Error::Config(format!("`{field}` is not a fast date field of the schema"))),
    }
    let matches = select(archive, query, options)?;
    // Articles per day (days since the epoch), then per bucket: a date is converted once
    // per distinct day, not once per article.
    let mut days: FastMap<i64, u64> = FastMap::default();
    let mut undated = 0u64;
    for (segment, docs) in &matches {
        let reader = archive.searcher.segment_reader(*segment);
        let column = fast_column::<tantivy::DateTime>(reader, field)?;
        let mut count = |when: tantivy::DateTime| {
            *days.entry(when.into_timestamp_secs().div_euclid(86_400)).or_default() += 1
        };
        match docs {
            Docs::All(max_doc) if column.index.get_cardinality() != Cardinality::Multivalued => {
                count_all_values(&*column.values, count);
                undated += u64::from(*max_doc) - docs_with_values(&column.index, *max_doc);
            }
            _ => {
                for doc in docs.iter() {
                    match column.first(doc) {
                        Some(when) => count(when),
                        None => undated += 1,
                    }
                }
            }
        }
    }
    let mut counts: BTreeMap<Date, u64> = BTreeMap::new();
    for (day, n) in days {
        *counts.entry(interval.start(Date::from_days_since_epoch(day))).or_default() += n;
    }
    let mut buckets = Vec::new();
    if let (Some((&first, _)), Some((&last, _))) = (counts.first_key_value(), counts.last_key_value()) {
        let mut start = first;
        while start <= last {
            let next = interval.next(start);
            buckets.push(Bucket {
                key: interval.label(start),
                start,
                end: next.add_days(-1),
                count: counts.get(&start).copied().unwrap_or(0),
            });
            start = next;
        }
    }
    Ok(Histogram {
        query: query.to_string(),
        field: field.to_string(),
        interval,
        total: matches.iter().map(|(_, docs)| docs.len()).sum(),
        undated,
        buckets,
    })
}
