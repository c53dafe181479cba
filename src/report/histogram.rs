//! `morgue histogram`: matching articles per calendar bucket (day, ISO week, month, year) of
//! a fast date field, read from the date column for exactly the matching docs; empty buckets
//! between the first and the last dated match are listed too.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::archive::{matching, total, Archive};
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
    let matches = matching(archive, query, options)?;
    let mut counts: BTreeMap<Date, u64> = BTreeMap::new();
    let mut undated = 0u64;
    for (segment, docs) in &matches {
        let column = archive.searcher.segment_reader(*segment).fast_fields().date(field)?;
        for &doc in docs {
            match column.first(doc) {
                Some(when) => {
                    let date = Date::from_unix_seconds(when.into_timestamp_secs());
                    *counts.entry(interval.start(date)).or_default() += 1;
                }
                None => undated += 1,
            }
        }
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
        total: total(&matches),
        undated,
        buckets,
    })
}
