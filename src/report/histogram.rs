//! `morgue histogram`: matching articles per calendar bucket (day, ISO week, month, year) of
//! a fast date field, read from the date column for exactly the matching docs; empty buckets
//! between the first and the last dated match are listed too.

use std::collections::BTreeMap;

use serde::Serialize;

use tantivy::columnar::{Cardinality, ColumnValues, MonotonicallyMappableToU64};

use super::rows::BlockRows;
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
        let mut counts = DayCounts::new(&*column.values, docs.len(), &mut days);
        match docs {
            Docs::All(max_doc) if column.index.get_cardinality() != Cardinality::Multivalued => {
                count_all_values(&*column.values, |when| counts.add(when));
                undated += u64::from(*max_doc) - docs_with_values(&column.index, *max_doc);
            }
            Docs::Matching(docs) => {
                // A block of docs placed in the column's index in one pass, and their dates
                // read as runs (`BlockRows`), instead of an index lookup and a read per doc
                // (two thirds of a histogram over a word in most of the archive).
                let dates = column.to_u64_monotonic();
                let mut rows = BlockRows::default();
                undated += rows.for_each_doc(&dates, docs, |values| {
                    if let Some(&when) = values.first() {
                        counts.add(tantivy::DateTime::from_u64(when));
                    }
                });
            }
            Docs::All(_) => {
                for doc in docs.iter() {
                    match column.first(doc) {
                        Some(when) => counts.add(when),
                        None => undated += 1,
                    }
                }
            }
        }
        counts.finish();
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

/// Days a segment's dates may span to be counted in an array ([`DayCounts`]).
const DENSE_DAYS: i64 = 1 << 20;

/// Nanoseconds in a day.
const NANOS_A_DAY: u64 = 86_400 * 1_000_000_000;

/// The day (since the epoch) of a date, as the buckets read it.
fn day(when: tantivy::DateTime) -> i64 {
    when.into_timestamp_secs().div_euclid(86_400)
}

/// One segment's articles per day. Within the date column's bounds (tantivy keeps them: no
/// value lies outside), a day is a slot of an array, found with one unsigned division by a
/// constant, instead of a hash-map entry per article (the schema keeps dates to the second,
/// so the whole days since the first day's midnight are the day [`day`] gives); a date
/// outside them, which only damage could put there, or a column spanning too many days, goes
/// to the map; so do the dates of a few articles, not worth an array of the column's days.
struct DayCounts<'a> {
    first: i64,
    /// The first day's midnight, in nanoseconds.
    from: i64,
    per_day: Vec<u32>,
    days: &'a mut FastMap<i64, u64>,
}

impl<'a> DayCounts<'a> {
    /// Counts for up to `articles` articles dated in the column `values`.
    fn new(
        values: &dyn ColumnValues<tantivy::DateTime>,
        articles: u64,
        days: &'a mut FastMap<i64, u64>,
    ) -> DayCounts<'a> {
        let (first, last) = (day(values.min_value()), day(values.max_value()));
        let from = first.checked_mul(NANOS_A_DAY as i64);
        let span = last - first + 1;
        let many = articles.saturating_mul(4) >= span as u64;
        match from {
            Some(from) if values.num_vals() > 0 && many && (1..=DENSE_DAYS).contains(&span) => {
                DayCounts { first, from, per_day: vec![0; span as usize], days }
            }
            _ => DayCounts { first: 0, from: 0, per_day: Vec::new(), days },
        }
    }

    #[inline]
    fn add(&mut self, when: tantivy::DateTime) {
        let slot = when.into_timestamp_nanos().wrapping_sub(self.from) as u64 / NANOS_A_DAY;
        match self.per_day.get_mut(slot as usize) {
            Some(n) => *n += 1,
            None => *self.days.entry(day(when)).or_default() += 1,
        }
    }

    /// Adds the array's days to the map.
    fn finish(self) {
        for (offset, &n) in self.per_day.iter().enumerate().filter(|(_, n)| **n > 0) {
            *self.days.entry(self.first + offset as i64).or_default() += u64::from(n);
        }
    }
}
