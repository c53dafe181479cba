//! `morgue histogram`: matching articles per calendar bucket (day, ISO week, month, year) of
//! a fast date field, read from the date column for exactly the matching docs; empty buckets
//! between the first and the last dated match are listed too.

use std::collections::BTreeMap;

use serde::Serialize;

use tantivy::columnar::{Cardinality, Column, ColumnValues, MonotonicallyMappableToU64};
use tantivy::DocId;

use super::rows::BlockRows;
use super::{count_all_values, docs_with_values, select, Docs};
use crate::archive::{stored_dates, Archive};
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
    histogram_in_pieces(archive, query, options, field, interval, MIN_PIECE)
}

/// [`histogram`], with the matches cut into parts of at least `min_piece` docs.
pub(super) fn histogram_in_pieces(
    archive: &Archive,
    query: &str,
    options: &QueryOptions,
    field: &str,
    interval: Interval,
    min_piece: usize,
) -> Result<Histogram> {
    match archive.store.spec.field(field) {
        Some(spec) if spec.kind == FieldKind::Date && spec.fast => {}
        _ => return Err(Error::Config(format!("`{field}` is not a fast date field of the schema"))),
    }
    let matches = select(archive, query, options)?;
    // Each segment's date column, opened once; then the matches counted in parts on the
    // search pool (a segment's match list cut into pieces, so that one large segment does
    // not leave the other threads idle) and the parts' days merged.
    let columns = matches
        .iter()
        .map(|(segment, _)| {
            let reader = archive.searcher.segment_reader(*segment);
            let dates = stored_dates(reader, field)?;
            Ok(dates.unwrap_or_else(|| Column::build_empty_column(reader.max_doc())))
        })
        .collect::<tantivy::Result<Vec<_>>>()?;
    let total: u64 = matches.iter().map(|(_, docs)| docs.len()).sum();
    let piece = (total as usize / PIECES).max(min_piece.max(1));
    let parts = matches.iter().zip(&columns).flat_map(|((_, docs), column)| {
        let parts: Box<dyn Iterator<Item = Part<'_>>> = match docs {
            Docs::All(max_doc) => Box::new(std::iter::once(Part::All(*max_doc))),
            Docs::Matching(docs) => Box::new(docs.chunks(piece).map(Part::Matching)),
        };
        parts.map(move |part| (column, part))
    });
    let mut days: FastMap<i64, u64> = FastMap::default();
    let mut undated = 0u64;
    let listed: u64 =
        matches.iter().filter(|(_, docs)| matches!(docs, Docs::Matching(_))).map(|(_, d)| d.len()).sum();
    if listed >= 2 * min_piece as u64 {
        for (part_days, part_undated) in
            archive.executor().map(|(column, part)| Ok(count_days(column, part)), parts)?
        {
            undated += part_undated;
            part_days.add_to(&mut days);
        }
    } else {
        // Whole columns and short lists are read in a blink: not worth starting the pool,
        // and each part's counts are merged before the next part's array is made.
        for (column, part) in parts {
            let (part_days, part_undated) = count_days(column, part);
            undated += part_undated;
            part_days.add_to(&mut days);
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
    Ok(Histogram { query: query.to_string(), field: field.to_string(), interval, total, undated, buckets })
}

/// Parts the matches are cut into, at most: a few per search thread, so they even out.
const PIECES: usize = 8;

/// Matches a part counted on its own holds at least (smaller ones are not worth a task).
const MIN_PIECE: usize = 1 << 14;

/// Some of one segment's matches, counted as one task.
enum Part<'a> {
    /// Every doc of a segment without deletions.
    All(u32),
    /// Matching docs, ascending.
    Matching(&'a [DocId]),
}

/// A part's articles per day (days since the epoch), and how many of them have no date.
fn count_days(column: &Column<u64>, part: Part<'_>) -> (DayCounts, u64) {
    let mut undated = 0u64;
    let articles = match part {
        Part::All(max_doc) => u64::from(max_doc),
        Part::Matching(docs) => docs.len() as u64,
    };
    let mut counts = DayCounts::new(&*column.values, articles);
    match part {
        Part::All(max_doc) if column.index.get_cardinality() != Cardinality::Multivalued => {
            count_all_values(&*column.values, |when| counts.add(when));
            undated += u64::from(max_doc) - docs_with_values(&column.index, max_doc);
        }
        Part::All(max_doc) => {
            for doc in 0..max_doc {
                match column.first(doc) {
                    Some(when) => counts.add(when),
                    None => undated += 1,
                }
            }
        }
        Part::Matching(docs) => {
            // A block of docs placed in the column's index in one pass, and their dates read
            // as runs (`BlockRows`), instead of an index lookup and a read per doc (two
            // thirds of a histogram over a word in most of the archive).
            let mut rows = BlockRows::default();
            undated += rows.for_each_doc(column, docs, |values| {
                if let Some(&when) = values.first() {
                    counts.add(when);
                }
            });
        }
    }
    (counts, undated)
}

/// Days a segment's dates may span to be counted in an array ([`DayCounts`]).
const DENSE_DAYS: i64 = 1 << 20;

/// Nanoseconds in a day.
const NANOS_A_DAY: u64 = 86_400 * 1_000_000_000;

/// The day (since the epoch) of a date, as the buckets read it.
fn day(when: tantivy::DateTime) -> i64 {
    when.into_timestamp_secs().div_euclid(86_400)
}

/// One part's articles per day. Within the date column's bounds (tantivy keeps them: no
/// value lies outside), a day is a slot of an array, found with one unsigned division by a
/// constant, instead of a hash-map entry per article (the schema keeps dates to the second,
/// so the whole days since the first day's midnight are the day [`day`] gives); a date
/// outside them, which only damage could put there, or a column spanning too many days, goes
/// to the map; so do the dates of a few articles, not worth an array of the column's days.
struct DayCounts {
    first: i64,
    /// The first day's midnight, in nanoseconds.
    from: i64,
    per_day: Vec<u32>,
    /// Days outside the array, or all days when there is none.
    days: FastMap<i64, u64>,
}

impl DayCounts {
    /// Counts for up to `articles` articles dated in the column `values`.
    fn new(values: &dyn ColumnValues<u64>, articles: u64) -> DayCounts {
        let (min, max) = (values.min_value(), values.max_value());
        let (first, last) = (day(tantivy::DateTime::from_u64(min)), day(tantivy::DateTime::from_u64(max)));
        let from = first.checked_mul(NANOS_A_DAY as i64);
        let span = last - first + 1;
        let many = articles.saturating_mul(4) >= span as u64;
        match from {
            Some(from) if values.num_vals() > 0 && many && (1..=DENSE_DAYS).contains(&span) => {
                DayCounts { first, from, per_day: vec![0; span as usize], days: FastMap::default() }
            }
            _ => DayCounts { first: 0, from: 0, per_day: Vec::new(), days: FastMap::default() },
        }
    }

    /// Counts a date given as the column stores it ([`stored_dates`]).
    #[inline]
    fn add(&mut self, stored: u64) {
        let when = tantivy::DateTime::from_u64(stored);
        let slot = when.into_timestamp_nanos().wrapping_sub(self.from) as u64 / NANOS_A_DAY;
        match self.per_day.get_mut(slot as usize) {
            Some(n) => *n += 1,
            None => *self.days.entry(day(when)).or_default() += 1,
        }
    }

    /// Adds these counts to `days`.
    fn add_to(self, days: &mut FastMap<i64, u64>) {
        for (offset, &n) in self.per_day.iter().enumerate().filter(|(_, n)| **n > 0) {
            *days.entry(self.first + offset as i64).or_default() += u64::from(n);
        }
        for (day, n) in self.days {
            *days.entry(day).or_default() += n;
        }
    }
}
