//! `morgue facets`: exact counts of a field's values over the matching articles, largest
//! first. People are counted by their numbers in the person registry (`person_id`), other
//! fields by each segment's dictionary ordinals merged across segments by the hash of the
//! value (over a query, the matching docs' ordinals are read a block at a time, `rows`, and a
//! segment most of whose docs match is counted whole, less the values of the docs that do
//! not); only the values that make the top N are read back as strings, and person values
//! are labelled with the fullest common form of the name from a few stored documents.
//! Datelines count each printed place, then merge them by `place_key` (the folded city), so
//! "Caracas, Venezuela" and "Caracas" are one value shown in its most common form.
//! The person facet of every article is read from `people.counts` when the indexer counted
//! it for this very snapshot (`person_counts`), and counted as above otherwise; over a query,
//! a segment with a rows file (`person_rows`) is counted from it instead of the column, and
//! when the query matches most of that segment, from the docs that do not match, taken from
//! the segment's totals. All rank with `Resolution::rank` and list in
//! `person_counts::listed_order`.

use std::collections::{BTreeMap, HashMap};

use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, ColumnValues};
use tantivy::{DocId, SegmentOrdinal};

use xxhash_rust::xxh3::xxh3_128;

use super::rows::{self, BlockRows};
use super::{count_all_values, damaged, docs_with_values, indexed_terms, select, Docs, Selection};
use crate::archive::{fast_column, Archive};
use crate::article::extract::dateline::place_key;
use crate::article::extract::text::FastMap;
use crate::error::Result;
use crate::person_counts::{self, listed_order, PersonCounts};
use crate::person_rows::{count_doc, numbers, Forms, OverlapTally, Overlaps, PersonRows};
use crate::query::QueryOptions;

/// Fields `morgue facets` counts. Each is spelled once, by [`FacetField::name`]: the JSON
/// value, the command line's choice and the web API's `field` parameter all read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacetField {
    /// People mentioned (one facet value per folded `person_key`, labelled with a full name).
    Person,
    Topic,
    /// The place of the dateline, one value per `place_key` (the folded city), so MOSCOW,
    /// Moscow and "Moscow, Russia" count together, labelled with its most common `place`.
    Dateline,
    Source,
    Author,
    Section,
    Distributor,
    Year,
    Layout,
}

impl FacetField {
    /// Every facet field, in the order help texts list them.
    pub const ALL: [FacetField; 9] = [
        FacetField::Person,
        FacetField::Topic,
        FacetField::Dateline,
        FacetField::Source,
        FacetField::Author,
        FacetField::Section,
        FacetField::Distributor,
        FacetField::Year,
        FacetField::Layout,
    ];

    /// The fast field counted for this facet.
    pub fn column(self) -> &'static str {
        match self {
            FacetField::Person => "person_id",
            FacetField::Topic => "topic",
            FacetField::Dateline => "place",
            FacetField::Source => "source",
            FacetField::Author => "author",
            FacetField::Section => "section",
            FacetField::Distributor => "distributor",
            FacetField::Year => "year",
            FacetField::Layout => "layout",
        }
    }

    /// The facet's name: its JSON value and its spelling on the command line and in the API.
    pub fn name(self) -> &'static str {
        match self {
            FacetField::Person => "person",
            FacetField::Topic => "topic",
            FacetField::Dateline => "dateline",
            FacetField::Source => "source",
            FacetField::Author => "author",
            FacetField::Section => "section",
            FacetField::Distributor => "distributor",
            FacetField::Year => "year",
            FacetField::Layout => "layout",
        }
    }
}

impl Serialize for FacetField {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[cfg(feature = "cli")]
impl clap::ValueEnum for FacetField {
    fn value_variants<'a>() -> &'a [Self] {
        &FacetField::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()))
    }
}

/// One facet value and how many matching articles have it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetValue {
    /// The value for display (for people, the fullest common form of the name).
    pub value: String,
    /// The exact indexed value (for people the folded key, as in `person_key:"KEY"`; for
    /// datelines the folded city, as in `place_key:"KEY"`).
    pub key: String,
    /// Matching articles with this value (each article counts once per value).
    pub count: u64,
    /// People only: the bare surnames counted into this full name because the archive uses
    /// no other full name with that surname in their years (person keys, as in
    /// `person_key:"KEY"`); an article holding both forms counts once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    /// People only: this bare surname was left apart because the archive has several full
    /// names with it in its years; these are the ones it could be (display names, most
    /// articles first).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ambiguous: Vec<String>,
}

/// The answer to `morgue facets`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Facets {
    /// The facet field as asked (person, topic, dateline, source, author, section,
    /// distributor, year, layout).
    pub field: String,
    /// The query the articles were selected with.
    pub query: String,
    /// Matching articles.
    pub articles: u64,
    /// Matching articles without any value in the field.
    pub missing: u64,
    /// Distinct values among the matching articles (also those cut by `--top`).
    pub distinct: u64,
    /// Values, largest count first (ties by value), at most `top` of them.
    pub values: Vec<FacetValue>,
}

/// Counts the values of `field` over the articles matching `query` (`top` 0 = all).
///
/// People are counted by their numbers in the person registry, into one array; other fields
/// count each segment's dictionary ordinals and name every value seen by the 128-bit xxh3 of
/// its bytes, so segments merge by number. Either way only the values that make the top `top`
/// (with every value tied at the cut) are read back as strings: person keys run to hundreds
/// of thousands of distinct values, and merging them as strings cost most of a person facet.
pub fn facets(
    archive: &Archive,
    field: FacetField,
    query: &str,
    options: &QueryOptions,
    top: usize,
) -> Result<Facets> {
    let everything = query.trim() == "*" && options.from.is_none() && options.to.is_none();
    let (tally, articles) = match field {
        FacetField::Person if everything => {
            // Counted when the index was written, when that was this snapshot.
            // (A registry lost since is reported by the counting path.)
            if let Some(counts) = person_counts::read(&archive.store.dir, &archive.searcher, top)
                .filter(|counts| archive.store.people.bound().is_ok_and(|bound| bound >= counts.people))
            {
                return counted_people(archive, query, counts);
            }
            // Every doc of every segment: the person path subtracts deleted docs itself.
            let readers = archive.searcher.segment_readers().iter();
            let matches =
                readers.enumerate().map(|(i, r)| (i as SegmentOrdinal, Docs::All(r.max_doc()))).collect();
            (count_people(archive, People::All(&matches), top)?.0, archive.searcher.num_docs())
        }
        FacetField::Person => {
            count_people(archive, People::Matching(&*archive.parse_query(query, options)?), top)?
        }
        _ => {
            let matches = select(archive, query, options)?;
            let articles = matches.iter().map(|(_, docs)| docs.len()).sum();
            (count_values(archive, field, &matches, top)?, articles)
        }
    };
    let mut values = tally.values;
    values.sort_unstable_by(|a, b| listed_order((a.count, &a.key), (b.count, &b.key)));
    if top > 0 {
        values.truncate(top);
    }
    if field == FacetField::Person {
        label_people(archive, &mut values)?;
    }
    Ok(Facets {
        field: field.name().to_string(),
        query: query.to_string(),
        articles,
        missing: tally.missing,
        distinct: tally.distinct,
        values,
    })
}

/// The person facet of every article from `people.counts` (`person_counts`): the values as
/// the file lists them, labelled with its names or, where it has none, as the counting path
/// labels them.
fn counted_people(archive: &Archive, query: &str, counts: PersonCounts) -> Result<Facets> {
    let mut names: HashMap<String, String> = HashMap::new();
    let mut values: Vec<FacetValue> = counts
        .values
        .into_iter()
        .map(|person| {
            if let Some(name) = person.label {
                names.insert(person.key.clone(), name);
            }
            let mut value = facet_value(person.key, person.count);
            value.merged = person.merged;
            value.ambiguous = person
                .ambiguous
                .into_iter()
                .map(|(key, label)| {
                    if let Some(name) = label {
                        names.insert(key.clone(), name);
                    }
                    key
                })
                .collect();
            value
        })
        .collect();
    label_people_with(archive, &mut values, |key| names.get(key).cloned())?;
    Ok(Facets {
        field: FacetField::Person.name().to_string(),
        query: query.to_string(),
        articles: archive.searcher.num_docs(),
        missing: counts.missing,
        distinct: counts.distinct,
        values,
    })
}

/// Facet counts before ranking: the values that can make the top N (unordered), how many
/// distinct values there were, and how many articles had none.
struct Tally {
    values: Vec<FacetValue>,
    distinct: u64,
    missing: u64,
}

/// How many docs of a segment have no value in a column with this index.
fn without_values(index: &tantivy::columnar::ColumnIndex, docs: &Docs) -> u64 {
    match docs {
        Docs::All(max_doc) => u64::from(*max_doc) - docs_with_values(index, *max_doc),
        Docs::Matching(docs) => docs.iter().filter(|&&d| !index.has_value(d)).count() as u64,
    }
}

/// Keeps the `top` largest counts and every count tied with the N-th (their order needs the
/// value strings), in linear time; `top` 0 keeps everything.
fn keep_top<T>(items: &mut Vec<T>, top: usize, count: impl Fn(&T) -> u64) {
    if top > 0 && top < items.len() {
        items.select_nth_unstable_by(top - 1, |a, b| count(b).cmp(&count(a)));
        let cut = count(&items[top - 1]);
        items.retain(|item| count(item) >= cut);
    }
}

fn facet_value(key: String, count: u64) -> FacetValue {
    FacetValue { value: key.clone(), key, count, merged: Vec::new(), ambiguous: Vec::new() }
}

/// Segments with fewer matching articles than this list their person numbers instead of
/// counting into an array as long as the registry.
pub(super) const DENSE_MIN_DOCS: usize = 4_096;

/// The articles whose people the person facet counts.
enum People<'a> {
    /// Every doc of each segment given whole (its deleted docs' values taken back out).
    All(&'a Selection),
    /// The articles matching a query, counted as tantivy hands them over.
    Matching(&'a dyn tantivy::query::Query),
}

/// The person facet: counts registry numbers from the `person_id` column, then counts the
/// bare surnames that stand for one full name (`resolve`) into that name; also returns the
/// articles counted.
fn count_people(archive: &Archive, people: People<'_>, top: usize) -> Result<(Tally, u64)> {
    let bound = archive.store.people.bound()?;
    let resolution = archive.resolution()?;
    // Every form of a merged person (bare surnames and the full name), by number → full name.
    let forms = Arc::new(Forms::of(&resolution));
    let mut pooled: Vec<Vec<u32>> = Vec::new();
    let per_segment = match people {
        People::All(matches) => archive.executor().map(
            |(segment, docs)| Ok(segment_people(archive, bound, &forms, *segment, docs)),
            matches.iter(),
        )?,
        People::Matching(query) => {
            // A segment counted from its rows file is checked by the rows' bound (one past its
            // largest number, from the column at indexing): opening the column only to read
            // its largest value cost a millisecond over nine segments.
            let rows = archive.person_rows();
            for (reader, rows) in archive.searcher.segment_readers().iter().zip(rows.iter()) {
                match rows {
                    Some(rows) => check_rows_bound(archive, rows, bound)?,
                    None => check_people_bound(archive, reader, bound)?,
                }
            }
            let overlaps = Overlaps::read(&archive.store.dir, &forms).map(Arc::new);
            let counter = PeopleCounter {
                forms: Arc::clone(&forms),
                rows,
                overlaps,
                pool: std::sync::Mutex::default(),
            };
            let fruits = archive.collect(query, &counter)?;
            pooled = counter.pool.into_inner().unwrap_or_default();
            fruits.into_iter().map(Ok).collect()
        }
    };
    let whole = matches!(people, People::All(_));
    let mut counts: Vec<u32> = Vec::new();
    let mut listed: Vec<u32> = Vec::new();
    let (mut missing, mut articles) = (0u64, 0u64);
    let mut overlaps: FastMap<u64, u64> = FastMap::default();
    for segment in per_segment {
        let SegmentPeopleFruit { ids, missing: segment_missing, overlaps: segment_overlaps, docs, damaged } =
            segment?;
        if damaged {
            return Err(damaged_rows(archive));
        }
        missing += segment_missing;
        articles += docs;
        segment_overlaps.into_iter().for_each(|(t, n)| *overlaps.entry(t).or_default() += n);
        match ids {
            PersonIds::Counted(mut segment_counts) => {
                if segment_counts.len() > counts.len() {
                    std::mem::swap(&mut counts, &mut segment_counts);
                }
                counts.iter_mut().zip(segment_counts).for_each(|(total, n)| *total += n);
            }
            PersonIds::Listed(ids) if listed.is_empty() => listed = ids,
            PersonIds::Listed(ids) => listed.extend(ids),
            PersonIds::Pooled => {}
        }
    }
    for mut pool_counts in pooled {
        if pool_counts.len() > counts.len() {
            std::mem::swap(&mut counts, &mut pool_counts);
        }
        // Each pool array holds whole segments' counts: wrapped sums come back whole.
        counts.iter_mut().zip(pool_counts).for_each(|(total, n)| *total = total.wrapping_add(n));
    }
    if let Some(&max) = listed.iter().max() {
        if max as usize >= counts.len() {
            counts.resize(max as usize + 1, 0);
        }
    }
    for id in listed {
        counts[id as usize] += 1;
    }
    // Articles holding two forms of one merged person: counted per doc above, or for every
    // live article (whole segments read in blocks) kept with the resolution.
    let overlap = |target: u64| {
        if whole {
            resolution.overlap(target)
        } else {
            overlaps.get(&target).copied().unwrap_or(0)
        }
    };
    // The top values and every value tied with the N-th, as `keep_top` keeps them.
    let (mut people, distinct) = resolution.rank_top(&mut counts, overlap, top);
    let ranked = std::mem::take(&mut people.values);
    let ids: Vec<u64> = ranked.iter().map(|&(id, _)| id).collect();
    let keys = archive.store.people.keys(&ids)?;
    let values = keys
        .into_iter()
        .zip(ranked)
        .map(|(key, (id, count))| {
            let mut value = facet_value(key, count);
            value.merged = people.merged_keys(&resolution, id);
            value.ambiguous = resolution.candidate_keys(id);
            value
        })
        .collect();
    Ok((Tally { values, distinct, missing }, articles))
}

/// Labels the top person values: from the index's label store (`people.merges`) when it has
/// them, else from a few stored documents each; an ambiguous surname lists the names it
/// could be.
fn label_people(archive: &Archive, values: &mut [FacetValue]) -> Result<()> {
    let resolution = archive.resolution()?;
    label_people_with(archive, values, |key| resolution.label_of_key(key).map(str::to_string))
}

/// Labels person values (and the names an ambiguous surname could be) with `kept`, the names
/// worked out beforehand, or else from a few stored documents each.
fn label_people_with(
    archive: &Archive,
    values: &mut [FacetValue],
    kept: impl Fn(&str) -> Option<String>,
) -> Result<()> {
    let mut wanted: Vec<String> = Vec::new();
    for value in values.iter() {
        wanted.push(value.key.clone());
        wanted.extend(value.ambiguous.iter().cloned());
    }
    wanted.sort_unstable();
    wanted.dedup();
    let unknown: Vec<&String> = wanted.iter().filter(|key| kept(key).is_none()).collect();
    let labels = archive.executor().map(|key| Ok(person_label(archive, key)), unknown.iter().copied())?;
    let mut found: HashMap<&str, String> = HashMap::new();
    for (key, label) in unknown.into_iter().zip(labels) {
        found.insert(key, label?);
    }
    let name = |key: &str| kept(key).or_else(|| found.get(key).cloned());
    for value in values.iter_mut() {
        value.value = name(&value.key).unwrap_or_else(|| value.key.clone());
        for candidate in &mut value.ambiguous {
            if let Some(label) = name(candidate) {
                *candidate = label;
            }
        }
    }
    Ok(())
}

/// One segment's person numbers over its matching docs.
enum PersonIds {
    /// Articles per number, up to the segment's largest number.
    Counted(Vec<u32>),
    /// Every number of every doc, one entry per (doc, person).
    Listed(Vec<u32>),
    /// Counted into an array of the counter's pool ([`PeopleCounter`]).
    Pooled,
}

/// One segment's person counts: its numbers, how many docs had none, the docs holding two
/// forms of one merged person (by full name), and the docs counted.
struct SegmentPeopleFruit {
    ids: PersonIds,
    missing: u64,
    overlaps: FastMap<u64, u64>,
    docs: u64,
    /// A rows file (`person_rows`) disagreed with itself or its totals.
    damaged: bool,
}

/// The error for a rows file that passed its hash but does not add up.
fn damaged_rows(archive: &Archive) -> crate::error::Error {
    damaged(archive, "a people-*.rows file does not add up; remove people-*.rows and people.overlaps")
}

/// A damaged index when a segment's `person_id` values reach `bound` (a cheap upper bound
/// from the registry) or pass `u32`.
fn check_people_bound(archive: &Archive, reader: &tantivy::SegmentReader, bound: u64) -> Result<()> {
    let column = fast_column::<u64>(reader, FacetField::Person.column())?;
    let largest = (column.values.num_vals() > 0).then(|| column.values.max_value());
    check_largest_person(archive, largest, bound)
}

/// [`check_people_bound`] for a segment counted from its rows file (its bound is one past
/// its largest number).
fn check_rows_bound(archive: &Archive, rows: &PersonRows, bound: u64) -> Result<()> {
    check_largest_person(archive, rows.largest(), bound)
}

/// A damaged index when a segment's largest person number (`None`: it has none) reaches
/// `bound` or passes `u32`.
fn check_largest_person(archive: &Archive, largest: Option<u64>, bound: u64) -> Result<()> {
    match largest {
        Some(largest) if largest >= bound.min(u64::from(u32::MAX)) => {
            let reason =
                format!("documents refer to person #{largest}, beyond {}", crate::registry::REGISTRY_FILE);
            Err(damaged(archive, reason))
        }
        _ => Ok(()),
    }
}

/// Reads the `person_id` values of `docs`; also returns how many docs have none. Numbers
/// must be below `bound` (a cheap upper bound from the registry; keys are checked exactly
/// when read).
fn segment_people(
    archive: &Archive,
    bound: u64,
    forms: &Forms,
    segment: SegmentOrdinal,
    docs: &Docs,
) -> Result<SegmentPeopleFruit> {
    let reader = archive.searcher.segment_reader(segment);
    check_people_bound(archive, reader, bound)?;
    let column = fast_column::<u64>(reader, FacetField::Person.column())?;
    let largest = column.values.max_value();
    let counted = docs.len();
    let dense = docs.len() >= DENSE_MIN_DOCS as u64;
    let (mut counts, mut listed) = (Vec::new(), Vec::new());
    if dense {
        counts = vec![0u32; largest as usize + 1];
    }
    let docs = match docs {
        Docs::All(max_doc) if dense => {
            count_all_values(&*column.values, |id| counts[id as usize] += 1);
            let mut missing = without_values(&column.index, docs);
            // A segment with deletions (only the person facet of `*` reads those whole):
            // take the deleted docs' values back out.
            if let Some(alive) = reader.alive_bitset() {
                for doc in (0..*max_doc).filter(|&doc| !alive.is_alive(doc)) {
                    let mut none = true;
                    for id in column.values_for_doc(doc) {
                        counts[id as usize] -= 1;
                        none = false;
                    }
                    missing -= u64::from(none);
                }
            }
            let ids = PersonIds::Counted(counts);
            return Ok(SegmentPeopleFruit {
                ids,
                missing,
                overlaps: FastMap::default(),
                docs: counted,
                damaged: false,
            });
        }
        Docs::All(max_doc) => (0..*max_doc).filter(|&doc| !reader.is_deleted(doc)).collect(),
        Docs::Matching(docs) => docs.clone(),
    };
    let mut missing = 0u64;
    let mut ids = [0u64; 64];
    // Per full name, the docs' extra forms of it (counted in `counts` but one article).
    let (mut tally, mut values) = (OverlapTally::new(forms), Vec::new());
    for doc in docs {
        let rows = column.index.value_row_ids(doc);
        if rows.is_empty() {
            missing += 1;
            continue;
        }
        // Values in blocks: one call unpacks a run instead of one call per value. A doc of
        // more than one block is one doc to the tally, however many blocks it takes.
        let mut start = rows.start;
        values.clear();
        while start < rows.end {
            let n = ((rows.end - start) as usize).min(ids.len());
            column.values.get_range(u64::from(start), &mut ids[..n]);
            start += n as u32;
            values.extend_from_slice(&ids[..n]);
        }
        if dense {
            count_doc(forms, values.iter().copied(), |id| counts[id as usize] += 1, &mut tally);
        } else {
            count_doc(forms, values.iter().copied(), |id| listed.push(id as u32), &mut tally);
        }
    }
    let ids = if dense { PersonIds::Counted(counts) } else { PersonIds::Listed(listed) };
    let overlaps = tally.take(forms);
    Ok(SegmentPeopleFruit { ids, missing, overlaps, docs: counted, damaged: false })
}

/// Counts the person numbers of the articles matching a query, segment by segment, as
/// tantivy hands over each block of matching docs: no list of doc ids is built, and the
/// docs' places in the column are found a block at a time. A segment of at least
/// [`DENSE_MIN_DOCS`] docs counts into an array up to its largest number; a smaller one lists
/// its numbers (4 bytes each). Both are added into one array after the segments, merges
/// after that (`count_people`).
struct PeopleCounter {
    forms: Arc<Forms>,
    /// Each segment's person rows, where the indexer wrote them (`person_rows`).
    rows: Arc<[Option<Arc<PersonRows>>]>,
    /// Each segment's docs holding two forms of one merged person, for these forms.
    overlaps: Option<Arc<Overlaps>>,
    /// Count arrays of segments counted from rows files, added up after the search: about
    /// one per thread that counted (a piece of a segment takes one and gives it back when
    /// done).
    pool: std::sync::Mutex<Vec<Vec<u32>>>,
}

impl PeopleCounter {
    /// A count array from the pool (or a new one), at least `len` long.
    fn take_counts(&self, len: usize) -> Vec<u32> {
        let mut counts = self.pool.lock().map(|mut pool| pool.pop()).ok().flatten().unwrap_or_default();
        if counts.len() < len {
            counts.resize(len, 0);
        }
        counts
    }

    /// Returns a count array to the pool, where `count_people` adds it up.
    fn give_back(&self, counts: Vec<u32>) {
        if let Ok(mut pool) = self.pool.lock() {
            pool.push(counts);
        }
    }

    /// One segment's person facet from its rows file: the matching live docs are marked in a
    /// bitset, then their numbers counted; when they are most of the segment and the
    /// segment's overlaps are known for these forms, the segment's totals are added and the
    /// other docs (deleted ones too) taken off instead. Numbers are counted into an array
    /// from the counter's pool, so segments counted on one thread share one array (an array
    /// per segment, and a copy of its totals, cost a page fault per 4 KB each); a segment
    /// with many docs to count is counted in pieces ([`PeopleCounter::count_pieces`]).
    fn count_rows(
        &self,
        rows: &PersonRows,
        overlap_totals: Option<&FastMap<u64, u64>>,
        weight: &dyn tantivy::query::Weight,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentPeopleFruit> {
        let max_doc = reader.max_doc();
        let mut matched = vec![0u64; max_doc as usize / 64 + 1];
        let mut docs = 0u64;
        match reader.alive_bitset() {
            // No deletes: a block's docs go in with no test each.
            None => weight.for_each_no_score(reader, &mut |block| {
                for &doc in block {
                    matched[doc as usize / 64] |= 1 << (doc % 64);
                }
                docs += block.len() as u64;
            })?,
            Some(alive) => weight.for_each_no_score(reader, &mut |block| {
                for &doc in block.iter().filter(|&&doc| alive.is_alive(doc)) {
                    matched[doc as usize / 64] |= 1 << (doc % 64);
                    docs += 1;
                }
            })?,
        }
        let complement = overlap_totals.filter(|_| 2 * docs > u64::from(max_doc));
        let bound = rows.bound();
        let mut damaged = false;
        if complement.is_some() {
            // The docs to count are the others, up to the max doc, taken off the totals.
            matched.iter_mut().for_each(|word| *word = !*word);
            if let Some(last) = matched.last_mut() {
                *last &= (1u64 << (max_doc % 64)) - 1;
            }
            damaged |= !rows.totals_add_up();
            let mut counts = self.take_counts(bound);
            counts
                .iter_mut()
                .zip(rows.totals())
                .for_each(|(count, total)| *count = count.wrapping_add(total));
            self.give_back(counts);
        }
        let way = Counting {
            // A few matches list their numbers instead of counting into an array: at most a
            // sixteenth of the array's length in numbers (~4 a doc). Listed numbers are
            // counted on the calling thread after the search, one scattered increment each;
            // an array counts on the pool and is made once per thread.
            listing: complement.is_none() && docs < (bound / 64) as u64,
            // Taken off the totals when counting the other docs: wrapping, as the totals of
            // another segment may be what a number holds so far.
            step: if complement.is_some() { u32::MAX } else { 1 },
            max_doc,
        };
        let counted = if complement.is_some() { u64::from(max_doc) - docs } else { docs };
        let piece = self.count_pieces(rows, &matched, 0, counted, &way);
        let Piece { listed, mut missing, mut overlaps, damaged: piece_damaged } = piece;
        damaged |= piece_damaged;
        if let Some(overlap_totals) = complement {
            missing = u64::from(rows.missing()).checked_sub(missing).unwrap_or_else(|| {
                damaged = true;
                0
            });
            let mut kept = overlap_totals.clone();
            for (full, taken) in overlaps {
                match kept.get_mut(&full).and_then(|n| n.checked_sub(taken)) {
                    Some(left) => kept.insert(full, left),
                    None => {
                        damaged = true;
                        None
                    }
                };
            }
            overlaps = kept;
        }
        let ids = if way.listing { PersonIds::Listed(listed) } else { PersonIds::Pooled };
        Ok(SegmentPeopleFruit { ids, missing, overlaps, docs, damaged })
    }

    /// Counts the docs of `words` (bit words of a segment's matches, the first of them word
    /// `first` of the segment) as `way` says, in pieces of at least [`PIECE_DOCS`] docs
    /// where there are more (`docs`, about): the pieces go to the search pool with
    /// `rayon::join`, so a thread done with its own segments takes a piece of the largest
    /// (a segment of 640 k docs counted on one thread while the other had finished its
    /// eight smaller ones held a person facet up by a third).
    fn count_pieces(
        &self,
        rows: &PersonRows,
        words: &[u64],
        first: usize,
        docs: u64,
        way: &Counting,
    ) -> Piece {
        if way.listing || docs < 2 * PIECE_DOCS || words.len() < 2 {
            return self.count_piece(rows, words, first, way);
        }
        let half = words.len() / 2;
        let left = || self.count_pieces(rows, &words[..half], first, docs / 2, way);
        let right = || self.count_pieces(rows, &words[half..], first + half, docs - docs / 2, way);
        // Off the pool (a query too small for it), one after the other: `rayon::join` there
        // would start rayon's global pool.
        let (left, right) = if rayon::current_thread_index().is_some() {
            rayon::join(left, right)
        } else {
            (left(), right())
        };
        left.add(right)
    }

    /// Counts the person numbers of the docs of `words` (see [`PeopleCounter::count_pieces`]):
    /// listed, or counted into an array of the pool.
    fn count_piece(&self, rows: &PersonRows, words: &[u64], first: usize, way: &Counting) -> Piece {
        let bound = rows.bound();
        let mut counts = if way.listing { Vec::new() } else { self.take_counts(bound) };
        // Listed numbers, room made for the segment's average per doc (growing the list cost a
        // copy of it each time).
        let docs: u64 = words.iter().map(|&word| u64::from(word.count_ones())).sum();
        let expected = docs * u64::from(rows.values()) / u64::from(way.max_doc.max(1));
        let mut listed = Vec::with_capacity(if way.listing { expected as usize + 64 } else { 0 });
        let (mut missing, mut damaged) = (0u64, false);
        let mut tally = OverlapTally::new(&self.forms);
        rows.for_each_ids(words, first, |ids| {
            let Some(ids) = ids else {
                damaged = true;
                return;
            };
            if ids.is_empty() {
                missing += 1;
            } else if way.listing {
                let add = |id: u64| listed.push(id as u32);
                count_doc(&self.forms, numbers(ids), add, &mut tally);
            } else {
                let add = |id: u64| match counts.get_mut(id as usize).filter(|_| (id as usize) < bound) {
                    Some(count) => *count = count.wrapping_add(way.step),
                    None => damaged = true,
                };
                count_doc(&self.forms, numbers(ids), add, &mut tally);
            }
        });
        if !way.listing {
            self.give_back(counts);
        }
        // Listed numbers are checked against the segment's bound here, counted ones above.
        damaged |= listed.iter().any(|&id| id as usize >= bound);
        Piece { listed, missing, overlaps: tally.take(&self.forms), damaged }
    }
}

/// Docs counted in one piece at least, where a segment's count is cut into pieces
/// ([`PeopleCounter::count_pieces`]). Small in tests, so that their segments of a few
/// thousand docs are cut too.
#[cfg(not(test))]
const PIECE_DOCS: u64 = 8_192;
#[cfg(test)]
const PIECE_DOCS: u64 = 128;

/// How one segment's docs are counted from its rows file.
struct Counting {
    /// Numbers listed, not counted into an array.
    listing: bool,
    /// Added per number: 1, or the wrapped −1 that takes a doc off the segment's totals.
    step: u32,
    /// The segment's max doc.
    max_doc: DocId,
}

/// What a piece of a segment counted besides its array: its listed numbers, its docs with
/// no number, the extra forms of merged persons per full name, and whether the rows file
/// disagreed with itself.
struct Piece {
    listed: Vec<u32>,
    missing: u64,
    overlaps: FastMap<u64, u64>,
    damaged: bool,
}

impl Piece {
    /// Both pieces' counts in one.
    fn add(mut self, other: Piece) -> Piece {
        self.listed.extend(other.listed);
        self.missing += other.missing;
        other.overlaps.into_iter().for_each(|(full, n)| *self.overlaps.entry(full).or_default() += n);
        self.damaged |= other.damaged;
        self
    }
}

/// One segment's half of [`PeopleCounter`].
struct SegmentPeople {
    column: Column<u64>,
    tally: PeopleTally,
}

/// What [`SegmentPeople`] has counted, and its scratch space.
struct PeopleTally {
    forms: Arc<Forms>,
    docs: u64,
    missing: u64,
    /// Numbers of the segment's docs, one entry per (doc, person): small segments.
    listed: Vec<u32>,
    /// Articles per number, up to the segment's largest: segments of at least
    /// [`DENSE_MIN_DOCS`] docs (an increment instead of a push and a later pass).
    counts: Option<Vec<u32>>,
    /// Per full name, the docs' extra forms of it.
    overlaps: OverlapTally,
    /// Live docs of a block (segments with deletions).
    alive: Vec<DocId>,
    /// Scratch space for reading a block's values.
    rows: BlockRows,
}

impl Collector for PeopleCounter {
    type Fruit = Vec<SegmentPeopleFruit>;
    type Child = SegmentPeople;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentPeople> {
        let column = reader
            .fast_fields()
            .column_opt::<u64>(FacetField::Person.column())?
            .unwrap_or_else(|| Column::build_empty_column(reader.max_doc()));
        let dense = reader.max_doc() as usize >= DENSE_MIN_DOCS && column.values.num_vals() > 0;
        let tally = PeopleTally {
            forms: Arc::clone(&self.forms),
            docs: 0,
            missing: 0,
            listed: Vec::new(),
            counts: dense.then(|| vec![0u32; column.values.max_value() as usize + 1]),
            overlaps: OverlapTally::new(&self.forms),
            alive: Vec::new(),
            rows: BlockRows::default(),
        };
        Ok(SegmentPeople { column, tally })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentPeopleFruit>) -> tantivy::Result<Vec<SegmentPeopleFruit>> {
        Ok(fruits)
    }

    /// Blocks of matching docs, less the deleted ones, go to `collect_block` whole.
    fn collect_segment(
        &self,
        weight: &dyn tantivy::query::Weight,
        segment: SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<SegmentPeopleFruit> {
        if let Some(rows) = self.rows.get(segment as usize).and_then(Option::as_deref) {
            let id = reader.segment_id().uuid_string();
            let totals = self.overlaps.as_deref().and_then(|overlaps| overlaps.0.get(&id));
            return self.count_rows(rows, totals, weight, reader);
        }
        let mut child = self.for_segment(segment, reader)?;
        match reader.alive_bitset() {
            None => weight.for_each_no_score(reader, &mut |docs| child.collect_block(docs))?,
            Some(alive) => weight.for_each_no_score(reader, &mut |docs| {
                let mut live = std::mem::take(&mut child.tally.alive);
                live.clear();
                live.extend(docs.iter().copied().filter(|&doc| alive.is_alive(doc)));
                child.collect_block(&live);
                child.tally.alive = live;
            })?,
        }
        Ok(child.harvest())
    }
}

impl SegmentCollector for SegmentPeople {
    type Fruit = SegmentPeopleFruit;

    fn collect(&mut self, doc: DocId, _: tantivy::Score) {
        self.collect_block(&[doc]);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let PeopleTally { forms, docs: seen, missing, listed, counts, overlaps, rows, .. } = &mut self.tally;
        *seen += docs.len() as u64;
        *missing += match counts {
            Some(counts) => rows.for_each_doc(&self.column, docs, |values| {
                count_doc(forms, values.iter().copied(), |id| counts[id as usize] += 1, overlaps);
            }),
            None => rows.for_each_doc(&self.column, docs, |values| {
                count_doc(forms, values.iter().copied(), |id| listed.push(id as u32), overlaps);
            }),
        };
    }

    fn harvest(self) -> SegmentPeopleFruit {
        let mut t = self.tally;
        SegmentPeopleFruit {
            ids: match t.counts {
                Some(counts) => PersonIds::Counted(counts),
                None => PersonIds::Listed(t.listed),
            },
            missing: t.missing,
            overlaps: t.overlaps.take(&t.forms),
            docs: t.docs,
            damaged: false,
        }
    }
}

/// A whole segment's count per dictionary ordinal of `column` (each value at most once per
/// doc, no deletions) from the indexed field of the same name: each value's document count
/// in its terms, a lookup per distinct value instead of a read per article (topics: a few
/// dozen values over a million articles). False, with `counts` untouched, when the field is
/// not indexed as whole values ([`value_terms`]).
pub(super) fn counts_from_terms(
    reader: &tantivy::SegmentReader,
    name: &str,
    column: &tantivy::columnar::StrColumn,
    counts: &mut [u32],
) -> Result<bool> {
    let Some((_, infos)) = value_terms(reader, name, column)? else { return Ok(false) };
    counts.iter_mut().zip(&infos).for_each(|(count, info)| *count = info.doc_freq);
    Ok(true)
}

/// The terms of the indexed field `name` for each dictionary ordinal of `column`, when the
/// field is indexed as whole values: every value is a term, one per ordinal, and their
/// document counts add up to the column's values (each value at most once per doc). `None`
/// otherwise (a tokenized field: a value is not one of its terms).
fn value_terms(
    reader: &tantivy::SegmentReader,
    name: &str,
    column: &tantivy::columnar::StrColumn,
) -> Result<Option<(Arc<tantivy::InvertedIndexReader>, Vec<tantivy::postings::TermInfo>)>> {
    let Some((field, terms)) = indexed_terms(reader, name)? else { return Ok(None) };
    let mut infos = Vec::with_capacity(column.num_terms());
    let mut values = column.dictionary().stream().map_err(tantivy::TantivyError::from)?;
    while let Some((bytes, _)) = values.next() {
        let Ok(text) = std::str::from_utf8(bytes) else { return Ok(None) };
        let term = tantivy::Term::from_field_text(field, text);
        let Some(info) = terms.get_term_info(&term).map_err(tantivy::TantivyError::from)? else {
            return Ok(None);
        };
        infos.push(info);
    }
    let total: u64 = infos.iter().map(|info| u64::from(info.doc_freq)).sum();
    let whole = infos.len() == column.num_terms() && total == u64::from(column.ords().values.num_vals());
    Ok(whole.then_some((terms, infos)))
}

/// Values a field may have in a segment for its facet over a query to be counted from its
/// postings ([`counts_from_postings`]): one postings list read per value.
const POSTINGS_MAX_VALUES: usize = 1024;

/// A segment's count per dictionary ordinal of `column` over the live matching `docs`
/// (ascending) from the postings of the indexed field of the same name, and how many of the
/// docs have no value: each value's postings walked against the matches as bits, instead of
/// each match's values read from the column (its rank in the column's index, its start
/// offsets, its values: about 180 instructions a doc; a posting costs a few). `None`, with
/// `counts` untouched, when the field is not indexed as whole values ([`value_terms`]).
fn counts_from_postings(
    reader: &tantivy::SegmentReader,
    name: &str,
    column: &tantivy::columnar::StrColumn,
    docs: &[DocId],
    counts: &mut [u32],
) -> Result<Option<u64>> {
    let Some((terms, infos)) = value_terms(reader, name, column)? else { return Ok(None) };
    let words = (reader.max_doc() as usize).div_ceil(64);
    let mut matched = vec![0u64; words];
    docs.iter().for_each(|&doc| matched[doc as usize / 64] |= 1 << (doc % 64));
    // The docs with a value, to tell the matches without one.
    let mut valued = vec![0u64; words];
    for (info, count) in infos.iter().zip(counts.iter_mut()) {
        let mut postings = terms
            .read_block_postings_from_terminfo(info, tantivy::schema::IndexRecordOption::Basic)
            .map_err(tantivy::TantivyError::from)?;
        let mut n = 0u32;
        loop {
            let block = postings.docs();
            if block.is_empty() {
                break;
            }
            for &doc in block {
                let (word, bit) = (doc as usize / 64, doc % 64);
                n += (matched[word] >> bit & 1) as u32;
                valued[word] |= 1 << bit;
            }
            postings.advance();
        }
        *count = n;
    }
    let with_values: u64 = matched.iter().zip(&valued).map(|(m, v)| u64::from((m & v).count_ones())).sum();
    Ok(Some(docs.len() as u64 - with_values))
}

/// Any other facet: counts dictionary ordinals per segment and merges them by value hash.
fn count_values(archive: &Archive, field: FacetField, matches: &Selection, top: usize) -> Result<Tally> {
    // Each segment's counts (and dictionary reads) on the search pool, merged in segment order.
    let per_segment = archive.executor().map(
        |(i, (segment, docs))| Ok(segment_facets(archive, field, i, *segment, docs)),
        matches.iter().enumerate(),
    )?;
    let mut counts: FastMap<u128, Counted> = FastMap::default();
    let mut missing = 0u64;
    for segment in per_segment {
        let (values, segment_missing) = segment?;
        missing += segment_missing;
        counts.reserve(values.len());
        for (hash, counted) in values {
            counts.entry(hash).and_modify(|c| c.count += counted.count).or_insert(counted);
        }
    }
    let mut ranked: Vec<Counted> = counts.into_values().collect();
    if field == FacetField::Dateline {
        // Places merge by key, so every printed form is named before the top N is known
        // (datelines run to thousands of forms, not the hundreds of thousands of people).
        let values = merge_places(name_values(archive, field, matches, ranked)?);
        return Ok(Tally { distinct: values.len() as u64, values, missing });
    }
    let distinct = ranked.len() as u64;
    keep_top(&mut ranked, top, |c| c.count);
    let values = name_values(archive, field, matches, ranked)?;
    Ok(Tally { values, distinct, missing })
}

/// Dateline facet values (one per printed `place`) merged into one per `place_key`: the
/// counts add up (an article has one place), the key is the place key, and the label is the
/// most common printed form (on a tie the longer, then the first in order).
fn merge_places(forms: Vec<FacetValue>) -> Vec<FacetValue> {
    let mut by_key: BTreeMap<String, Vec<FacetValue>> = BTreeMap::new();
    for form in forms {
        by_key.entry(place_key(&form.value)).or_default().push(form);
    }
    by_key
        .into_iter()
        .map(|(key, forms)| {
            let count = forms.iter().map(|f| f.count).sum();
            let label = forms
                .into_iter()
                .max_by(|a, b| {
                    a.count.cmp(&b.count).then(a.value.len().cmp(&b.value.len())).then(b.value.cmp(&a.value))
                })
                .map(|f| f.value)
                .unwrap_or_default();
            FacetValue { value: label, key, count, merged: Vec::new(), ambiguous: Vec::new() }
        })
        .collect()
}

/// A facet value counted over one or more segments, named by where it was first seen.
#[derive(Debug, Clone, Copy)]
struct Counted {
    count: u64,
    /// The segment (index into the matches) and dictionary ordinal that spell the value; for
    /// years, the year itself.
    segment: usize,
    ord: u64,
}

/// The strings of counted values: dictionary reads grouped by segment, ordinals in order.
fn name_values(
    archive: &Archive,
    field: FacetField,
    matches: &Selection,
    values: Vec<Counted>,
) -> Result<Vec<FacetValue>> {
    let named = facet_value;
    if field == FacetField::Year {
        return Ok(values.into_iter().map(|c| named((c.ord as i64).to_string(), c.count)).collect());
    }
    let mut by_segment: BTreeMap<usize, Vec<(u64, u64)>> = BTreeMap::new();
    for c in values {
        by_segment.entry(c.segment).or_default().push((c.ord, c.count));
    }
    let mut out = Vec::new();
    for (segment, mut ords) in by_segment {
        let reader = archive.searcher.segment_reader(matches[segment].0);
        let Some(column) = reader.fast_fields().str(field.column())? else { continue };
        ords.sort_unstable();
        let sorted: Vec<u64> = ords.iter().map(|&(ord, _)| ord).collect();
        let mut next = ords.iter();
        let mut failure = None;
        column
            .dictionary()
            .sorted_ords_to_term_cb(&sorted, |term| {
                let Some(&(_, count)) = next.next() else { return };
                match std::str::from_utf8(term) {
                    Ok(term) => out.push(named(term.to_string(), count)),
                    Err(e) => failure = Some(e.to_string()),
                }
            })
            .map_err(|e| damaged(archive, e))?;
        if let Some(reason) = failure {
            return Err(damaged(archive, reason));
        }
    }
    Ok(out)
}

/// Calls `each` with the docs below `max_doc` that are not in `docs` (ascending, each below
/// `max_doc`), in ascending blocks of up to [`rows::BLOCK`], without listing them all.
fn for_each_complement_block(docs: &[DocId], max_doc: DocId, mut each: impl FnMut(&[DocId])) {
    let mut block: Vec<DocId> = Vec::with_capacity(rows::BLOCK);
    let mut next = 0;
    for &doc in docs.iter().chain(std::iter::once(&max_doc)) {
        let mut gap = next..doc;
        while !gap.is_empty() {
            let room = rows::BLOCK - block.len();
            let end = gap.start.saturating_add(room as DocId).min(gap.end);
            block.extend(gap.start..end);
            gap.start = end;
            if block.len() == rows::BLOCK {
                each(&block);
                block.clear();
            }
        }
        next = doc + 1;
    }
    if !block.is_empty() {
        each(&block);
    }
}

/// Calls `count` once per distinct value of each doc (a value listed twice in one article
/// counts once) and returns how many docs have no value.
fn count_per_doc<T: Ord + Copy, I: Iterator<Item = T>>(
    docs: impl Iterator<Item = DocId>,
    values_of: impl Fn(DocId) -> I,
    mut count: impl FnMut(T),
) -> u64 {
    let mut missing = 0u64;
    let mut values: Vec<T> = Vec::new();
    for doc in docs {
        values.clear();
        values.extend(values_of(doc));
        values.sort_unstable();
        values.dedup();
        missing += u64::from(values.is_empty());
        values.iter().for_each(|&v| count(v));
    }
    missing
}

/// One segment's facet counts over its matching `docs` (`segment` indexes `matches`): every
/// value present, keyed by the xxh3-128 of its bytes, and how many of the docs have no value.
fn segment_facets(
    archive: &Archive,
    field: FacetField,
    segment: usize,
    ordinal: SegmentOrdinal,
    docs: &Docs,
) -> Result<(Vec<(u128, Counted)>, u64)> {
    let reader = archive.searcher.segment_reader(ordinal);
    let ff = reader.fast_fields();
    if field == FacetField::Year {
        let column = fast_column::<i64>(reader, field.column())?;
        let mut counts: BTreeMap<i64, u64> = BTreeMap::new();
        let missing = count_per_doc(
            docs.iter(),
            |doc| column.values_for_doc(doc),
            |v| *counts.entry(v).or_default() += 1,
        );
        let counted =
            counts.into_iter().map(|(v, count)| (v as u128, Counted { count, segment, ord: v as u64 }));
        return Ok((counted.collect(), missing));
    }
    let Some(column) = ff.str(field.column())? else {
        return Ok((Vec::new(), docs.len()));
    };
    let mut ord_counts = vec![0u32; column.num_terms()];
    let ords = column.ords();
    // One value at most per doc, or (topics) each value at most once per doc, as the indexer
    // writes them (`schema::Fields::document`): the ordinals are counted whole.
    let distinct_per_doc = field == FacetField::Topic
        || ords.index.get_cardinality() != tantivy::columnar::Cardinality::Multivalued;
    let missing = match docs {
        Docs::All(_) if distinct_per_doc => {
            if !counts_from_terms(reader, field.column(), &column, &mut ord_counts)? {
                ord_counts.fill(0);
                count_all_values(&*ords.values, |ord| ord_counts[ord as usize] += 1);
            }
            without_values(&ords.index, docs)
        }
        // Many matches, few values (topics): each value's postings against the matches.
        Docs::Matching(docs)
            if distinct_per_doc
                && column.num_terms() <= POSTINGS_MAX_VALUES
                && docs.len() * 8 >= ords.values.num_vals() as usize
                && let Some(missing) =
                    counts_from_postings(reader, field.column(), &column, docs, &mut ord_counts)? =>
        {
            missing
        }
        // Most of the segment matches: every value counted whole, then the values of the
        // docs that do not match (deleted ones included) taken back out.
        Docs::Matching(docs) if distinct_per_doc && docs.len() * 2 > reader.max_doc() as usize => {
            count_all_values(&*ords.values, |ord| ord_counts[ord as usize] += 1);
            let mut rows = BlockRows::default();
            let mut others_missing = 0;
            for_each_complement_block(docs, reader.max_doc(), |others| {
                others_missing += rows.for_each_doc(ords, others, |values| {
                    values.iter().for_each(|&ord| ord_counts[ord as usize] -= 1);
                });
            });
            without_values(&ords.index, &Docs::All(reader.max_doc())) - others_missing
        }
        // Matching docs: their ordinals read a block at a time (`rows`).
        Docs::Matching(docs) => {
            let mut seen: Vec<u64> = Vec::new();
            BlockRows::default().for_each_doc(ords, docs, |values| {
                if distinct_per_doc {
                    values.iter().for_each(|&ord| ord_counts[ord as usize] += 1);
                } else {
                    seen.clear();
                    seen.extend_from_slice(values);
                    seen.sort_unstable();
                    seen.dedup();
                    seen.iter().for_each(|&ord| ord_counts[ord as usize] += 1);
                }
            })
        }
        Docs::All(_) => {
            count_per_doc(docs.iter(), |doc| column.term_ords(doc), |ord| ord_counts[ord as usize] += 1)
        }
    };
    // Ordinals in order, so the dictionary is read block by block, not once per value.
    let ords: Vec<u64> = (0..ord_counts.len() as u64).filter(|&o| ord_counts[o as usize] > 0).collect();
    let mut values = Vec::with_capacity(ords.len());
    let mut next = ords.iter();
    column
        .dictionary()
        .sorted_ords_to_term_cb(&ords, |term| {
            let Some(&ord) = next.next() else { return };
            let count = u64::from(ord_counts[ord as usize]);
            values.push((xxh3_128(term), Counted { count, segment, ord }));
        })
        .map_err(|e| damaged(archive, e))?;
    Ok((values, missing))
}

/// The display name for a person key (`resolve::label`).
fn person_label(archive: &Archive, key: &str) -> Result<String> {
    crate::resolve::label(&archive.searcher, &archive.store.fields, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The complement comes in full ascending blocks (the last one short) and is exactly the
    /// docs not listed: none listed, all, gaps longer than a block, and a last doc listed.
    #[test]
    fn complement_blocks_are_the_unlisted_docs_in_order() {
        let max_doc = 1_000;
        let lists: Vec<Vec<DocId>> = vec![
            vec![],
            (0..max_doc).collect(),
            (0..max_doc).filter(|d| d % 3 != 1).collect(),
            vec![0, 700, 999],
            vec![5, 6, 7, 400],
        ];
        for docs in lists {
            let mut blocks: Vec<Vec<DocId>> = Vec::new();
            for_each_complement_block(&docs, max_doc, |block| blocks.push(block.to_vec()));
            let want: Vec<DocId> = (0..max_doc).filter(|d| !docs.contains(d)).collect();
            assert_eq!(blocks.concat(), want, "{} listed", docs.len());
            let short = blocks.iter().take(blocks.len().saturating_sub(1));
            assert!(short.into_iter().all(|block| block.len() == rows::BLOCK), "{} listed", docs.len());
            assert!(blocks.iter().all(|block| !block.is_empty()));
        }
    }
}
