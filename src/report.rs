//! Aggregates over every matching article, read from fast-field columns (never from stored
//! documents, except to label person facets): `stats` (counts, date range, field coverage),
//! `facets` (exact value counts of a field, largest first) and `histogram` (calendar buckets
//! over the date). All counts are exact: a custom collector gathers each segment's matching
//! doc ids and the columns are read for exactly those, so there is no top-k or shard-size
//! truncation anywhere. Returns data; `output` renders it.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::columnar::StrColumn;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, Term};

use xxhash_rust::xxh3::xxh3_128;

use crate::archive::{fast_column, Archive};
use crate::article::extract::people::person_key;
use crate::article::extract::text::FastMap;
use crate::calendar::Date;
use crate::error::{Error, Result};
use crate::query::QueryOptions;
use crate::schema::keyword_form;
use crate::schema::FieldKind;

/// The matching doc ids of every segment, in segment order, each list ascending.
pub type Matches = Vec<(SegmentOrdinal, Vec<DocId>)>;

/// Collects every matching (alive) doc id per segment: 4 bytes per match, no scoring.
pub struct MatchingDocs;

/// Per-segment half of [`MatchingDocs`].
pub struct SegmentDocs {
    segment: SegmentOrdinal,
    docs: Vec<DocId>,
}

impl Collector for MatchingDocs {
    type Fruit = Matches;
    type Child = SegmentDocs;

    fn for_segment(&self, segment: SegmentOrdinal, _reader: &SegmentReader) -> tantivy::Result<SegmentDocs> {
        Ok(SegmentDocs { segment, docs: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, mut fruits: Vec<(SegmentOrdinal, Vec<DocId>)>) -> tantivy::Result<Matches> {
        fruits.sort_by_key(|(segment, _)| *segment);
        Ok(fruits)
    }
}

impl SegmentCollector for SegmentDocs {
    type Fruit = (SegmentOrdinal, Vec<DocId>);

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.docs.push(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.docs.extend_from_slice(docs);
    }

    fn harvest(mut self) -> Self::Fruit {
        self.docs.sort_unstable();
        (self.segment, self.docs)
    }
}

/// Every article matching `query` (query text as `morgue search` takes it).
pub fn matching(archive: &Archive, query: &str, options: &QueryOptions) -> Result<Matches> {
    let query = archive.parse_query(query, options)?;
    matching_query(archive, &*query)
}

/// Every article matching a parsed query.
pub fn matching_query(archive: &Archive, query: &dyn Query) -> Result<Matches> {
    Ok(archive.searcher.search(query, &MatchingDocs)?)
}

fn total(matches: &Matches) -> u64 {
    matches.iter().map(|(_, docs)| docs.len() as u64).sum()
}

fn damaged(archive: &Archive, e: impl std::fmt::Display) -> Error {
    Error::IndexDamaged { path: archive.store.dir.clone(), reason: e.to_string() }
}

fn term_str(archive: &Archive, column: &StrColumn, ord: u64) -> Result<String> {
    let mut value = String::new();
    column.ord_to_str(ord, &mut value).map_err(|e| damaged(archive, e))?;
    Ok(value)
}

// ---------------------------------------------------------------------------------------
// Facets

/// Fields `morgue facets` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FacetField {
    /// People mentioned (one facet value per folded `person_key`, labelled with a full name).
    Person,
    Topic,
    /// The normalised place of the dateline (`place`), so MOSCOW and Moscow count together.
    Dateline,
    Source,
    Author,
    Section,
    Distributor,
    Year,
    Layout,
}

impl FacetField {
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

/// One facet value and how many matching articles have it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetValue {
    /// The value for display (for people, the fullest common form of the name).
    pub value: String,
    /// The exact indexed value (for people the folded key, as in `person_key:"KEY"`).
    pub key: String,
    /// Matching articles with this value (each article counts once per value).
    pub count: u64,
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
    let matches = matching(archive, query, options)?;
    let tally = match field {
        FacetField::Person => count_people(archive, &matches, top)?,
        _ => count_values(archive, field, &matches, top)?,
    };
    let mut values = tally.values;
    values.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    if top > 0 {
        values.truncate(top);
    }
    if field == FacetField::Person {
        let labels = archive.executor().map(|value| Ok(person_label(archive, &value.key)), values.iter())?;
        for (value, label) in values.iter_mut().zip(labels) {
            value.value = label?;
        }
    }
    Ok(Facets {
        field: field.name().to_string(),
        query: query.to_string(),
        articles: total(&matches),
        missing: tally.missing,
        distinct: tally.distinct,
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
    FacetValue { value: key.clone(), key, count }
}

/// Segments with fewer matching articles than this list their person numbers instead of
/// counting into an array as long as the registry.
const DENSE_MIN_DOCS: usize = 4_096;

/// The person facet: counts registry numbers from the `person_id` column.
fn count_people(archive: &Archive, matches: &Matches, top: usize) -> Result<Tally> {
    let bound = archive.store.people.bound()?;
    let per_segment = archive
        .executor()
        .map(|(segment, docs)| Ok(segment_people(archive, bound, *segment, docs)), matches.iter())?;
    let mut counts: Vec<u32> = Vec::new();
    let mut listed: Vec<u64> = Vec::new();
    let mut missing = 0u64;
    for segment in per_segment {
        let (ids, segment_missing) = segment?;
        missing += segment_missing;
        match ids {
            PersonIds::Counted(mut segment_counts) => {
                if segment_counts.len() > counts.len() {
                    std::mem::swap(&mut counts, &mut segment_counts);
                }
                counts.iter_mut().zip(segment_counts).for_each(|(total, n)| *total += n);
            }
            PersonIds::Listed(ids) => listed.extend(ids),
        }
    }
    if let Some(&max) = listed.iter().max() {
        if max as usize >= counts.len() {
            counts.resize(max as usize + 1, 0);
        }
    }
    for id in listed {
        counts[id as usize] += 1;
    }
    let mut ranked: Vec<(u64, u64)> =
        (0..counts.len()).filter(|&id| counts[id] > 0).map(|id| (id as u64, u64::from(counts[id]))).collect();
    let distinct = ranked.len() as u64;
    keep_top(&mut ranked, top, |&(_, count)| count);
    let ids: Vec<u64> = ranked.iter().map(|&(id, _)| id).collect();
    let keys = archive.store.people.keys(&ids)?;
    let values = keys.into_iter().zip(ranked).map(|(key, (_, count))| facet_value(key, count)).collect();
    Ok(Tally { values, distinct, missing })
}

/// One segment's person numbers over its matching docs.
enum PersonIds {
    /// Articles per number, up to the segment's largest number.
    Counted(Vec<u32>),
    /// Every number of every doc, one entry per (doc, person).
    Listed(Vec<u64>),
}

/// Reads the `person_id` values of `docs`; also returns how many docs have none. Numbers
/// must be below `bound` (a cheap upper bound from the registry; keys are checked exactly
/// when read).
fn segment_people(
    archive: &Archive,
    bound: u64,
    segment: SegmentOrdinal,
    docs: &[DocId],
) -> Result<(PersonIds, u64)> {
    let reader = archive.searcher.segment_reader(segment);
    let column = fast_column::<u64>(reader, FacetField::Person.column())?;
    let largest = column.values.max_value();
    if column.values.num_vals() > 0 && largest >= bound.min(u64::from(u32::MAX)) {
        let reason =
            format!("documents refer to person #{largest}, beyond {}", crate::registry::REGISTRY_FILE);
        return Err(damaged(archive, reason));
    }
    let dense = docs.len() >= DENSE_MIN_DOCS;
    let (mut counts, mut listed) = (Vec::new(), Vec::new());
    if dense {
        counts = vec![0u32; largest as usize + 1];
    }
    let mut missing = 0u64;
    let mut ids = [0u64; 64];
    for &doc in docs {
        let rows = column.index.value_row_ids(doc);
        if rows.is_empty() {
            missing += 1;
            continue;
        }
        // Values in blocks: one call unpacks a run instead of one call per value.
        let mut start = rows.start;
        while start < rows.end {
            let n = ((rows.end - start) as usize).min(ids.len());
            column.values.get_range(u64::from(start), &mut ids[..n]);
            start += n as u32;
            if dense {
                ids[..n].iter().for_each(|&id| counts[id as usize] += 1);
            } else {
                listed.extend_from_slice(&ids[..n]);
            }
        }
    }
    Ok((if dense { PersonIds::Counted(counts) } else { PersonIds::Listed(listed) }, missing))
}

/// Any other facet: counts dictionary ordinals per segment and merges them by value hash.
fn count_values(archive: &Archive, field: FacetField, matches: &Matches, top: usize) -> Result<Tally> {
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
    let distinct = counts.len() as u64;
    let mut ranked: Vec<Counted> = counts.into_values().collect();
    keep_top(&mut ranked, top, |c| c.count);
    let values = name_values(archive, field, matches, ranked)?;
    Ok(Tally { values, distinct, missing })
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
    matches: &Matches,
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

/// Calls `count` once per distinct value of each doc (a value listed twice in one article
/// counts once) and returns how many docs have no value.
fn count_per_doc<T: Ord + Copy, I: Iterator<Item = T>>(
    docs: &[DocId],
    values_of: impl Fn(DocId) -> I,
    mut count: impl FnMut(T),
) -> u64 {
    let mut missing = 0u64;
    let mut values: Vec<T> = Vec::new();
    for &doc in docs {
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
    docs: &[DocId],
) -> Result<(Vec<(u128, Counted)>, u64)> {
    let reader = archive.searcher.segment_reader(ordinal);
    let ff = reader.fast_fields();
    if field == FacetField::Year {
        let column = fast_column::<i64>(reader, field.column())?;
        let mut counts: BTreeMap<i64, u64> = BTreeMap::new();
        let missing =
            count_per_doc(docs, |doc| column.values_for_doc(doc), |v| *counts.entry(v).or_default() += 1);
        let counted =
            counts.into_iter().map(|(v, count)| (v as u128, Counted { count, segment, ord: v as u64 }));
        return Ok((counted.collect(), missing));
    }
    let Some(column) = ff.str(field.column())? else {
        return Ok((Vec::new(), docs.len() as u64));
    };
    let mut ord_counts = vec![0u32; column.num_terms()];
    let missing = count_per_doc(docs, |doc| column.term_ords(doc), |ord| ord_counts[ord as usize] += 1);
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

/// The display name for a person key: the most common stored name (then the longest) among
/// a few articles with that key whose own key is `key`.
fn person_label(archive: &Archive, key: &str) -> Result<String> {
    /// Articles read per label: each is a stored-document load.
    const LABEL_SAMPLE: usize = 4;
    let f = &archive.store.fields;
    let query = TermQuery::new(Term::from_field_text(f.person_key, key), IndexRecordOption::Basic);
    let top = archive.searcher.search(&query, &TopDocs::with_limit(LABEL_SAMPLE).order_by_score())?;
    let mut names: HashMap<String, usize> = HashMap::new();
    for (_, address) in top {
        let doc = archive.document(address, false)?;
        for name in doc.all_str(f.person) {
            if keyword_form(&person_key(name)) == key {
                *names.entry(name.to_string()).or_default() += 1;
            }
        }
    }
    Ok(names
        .into_iter()
        .max_by(|(a, n), (b, m)| n.cmp(m).then(a.len().cmp(&b.len())).then(b.cmp(a)))
        .map(|(name, _)| name)
        .unwrap_or_else(|| key.to_string()))
}

// ---------------------------------------------------------------------------------------
// Histogram

/// Calendar bucket widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    /// ISO weeks, Monday to Sunday, labelled `YYYY-Www` with the ISO week-numbering year.
    Week,
    Month,
    Year,
}

impl Interval {
    /// The first day of the bucket containing `date`.
    pub fn start(self, date: Date) -> Date {
        match self {
            Interval::Day => date,
            Interval::Week => date.week_start(),
            Interval::Month => date.month_start(),
            Interval::Year => Date { year: date.year, month: 1, day: 1 },
        }
    }

    /// The first day of the bucket after the one starting at `start`.
    pub fn next(self, start: Date) -> Date {
        match self {
            Interval::Day => start.add_days(1),
            Interval::Week => start.add_days(7),
            Interval::Month => start.next_month(),
            Interval::Year => Date { year: start.year + 1, month: 1, day: 1 },
        }
    }

    /// The bucket's label: `2019-05-14`, `2019-W20`, `2019-05`, `2019`.
    pub fn label(self, start: Date) -> String {
        match self {
            Interval::Day => start.to_string(),
            Interval::Week => {
                let thursday = start.add_days(3);
                let jan1 = Date { year: thursday.year, month: 1, day: 1 };
                let week = (thursday.days_since_epoch() - jan1.days_since_epoch()) / 7 + 1;
                format!("{:04}-W{week:02}", thursday.year)
            }
            Interval::Month => format!("{:04}-{:02}", start.year, start.month),
            Interval::Year => format!("{:04}", start.year),
        }
    }
}

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

// ---------------------------------------------------------------------------------------
// Stats

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
    let spec = &archive.store.spec;
    let schema = archive.store.index.schema();
    // A stored-only text (`body_text`) has neither norms nor a column; its indexed twin counts.
    let fields: Vec<_> = spec
        .fields
        .iter()
        .filter(|f| !BOOKKEEPING.contains(&f.name.as_str()) && (f.indexed || f.fast))
        .collect();
    let mut covered = vec![0u64; fields.len()];
    let mut sources: std::collections::HashSet<String> = std::collections::HashSet::new();
    let (mut first, mut last): (Option<Date>, Option<Date>) = (None, None);
    let mut undated = 0u64;
    for reader in archive.searcher.segment_readers() {
        let ff = reader.fast_fields();
        let alive: Vec<DocId> = reader.doc_ids_alive().collect();
        for (i, field) in fields.iter().enumerate() {
            let handle = schema.get_field(&field.name).map_err(|e| damaged(archive, e))?;
            covered[i] += match (field.fast, field.kind) {
                (true, FieldKind::Date) => {
                    let column = fast_column::<tantivy::DateTime>(reader, &field.name)?;
                    alive.iter().filter(|&&d| column.first(d).is_some()).count() as u64
                }
                (true, FieldKind::I64) => {
                    let column = fast_column::<i64>(reader, &field.name)?;
                    alive.iter().filter(|&&d| column.first(d).is_some()).count() as u64
                }
                (true, FieldKind::U64) => {
                    let column = fast_column::<u64>(reader, &field.name)?;
                    alive.iter().filter(|&&d| column.first(d).is_some()).count() as u64
                }
                (true, FieldKind::Bytes) => match ff.bytes(&field.name)? {
                    Some(column) => {
                        alive.iter().filter(|&&d| column.term_ords(d).next().is_some()).count() as u64
                    }
                    None => 0,
                },
                (true, _) => match ff.str(&field.name)? {
                    Some(column) => {
                        alive.iter().filter(|&&d| column.term_ords(d).next().is_some()).count() as u64
                    }
                    None => 0,
                },
                (false, FieldKind::Text | FieldKind::Name) => {
                    let norms = reader.get_fieldnorms_reader(handle)?;
                    alive.iter().filter(|&&d| norms.fieldnorm_id(d) > 0).count() as u64
                }
                // Neither fast nor with field norms: not countable without the stored docs.
                _ => 0,
            };
        }
        if let Some(column) = ff.str("source")? {
            let mut seen = vec![false; column.num_terms()];
            for &doc in &alive {
                for ord in column.term_ords(doc) {
                    seen[ord as usize] = true;
                }
            }
            for (ord, _) in seen.iter().enumerate().filter(|(_, s)| **s) {
                sources.insert(term_str(archive, &column, ord as u64)?);
            }
        }
        let dates = fast_column::<tantivy::DateTime>(reader, "date")?;
        for &doc in &alive {
            match dates.first(doc) {
                Some(when) => {
                    let date = Date::from_unix_seconds(when.into_timestamp_secs());
                    first = Some(first.map_or(date, |f| f.min(date)));
                    last = Some(last.map_or(date, |l| l.max(date)));
                }
                None => undated += 1,
            }
        }
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
        first_date: first,
        last_date: last,
        undated,
        index_bytes: archive.store.size_on_disk(),
        segments: archive.searcher.segment_readers().len() as u64,
        schema_version: meta.schema_version,
        indexed_by: meta.morgue_version,
        roots: meta.roots,
        failed_files: meta.failed.len() as u64,
        coverage,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::schema::{FileFacts, SchemaSpec};
    use crate::store::Store;

    /// Title, date, place, people.
    type Made<'a> = (&'a str, Option<Date>, Option<&'a str>, &'a [&'a str]);

    fn aliases() -> crate::article::PersonAliases {
        crate::article::PersonAliases::from_toml(crate::schema::BUILTIN_ALIASES).unwrap()
    }

    /// The document of hand-made article number `i`.
    fn made_document(store: &Store, i: usize, made: &Made) -> tantivy::TantivyDocument {
        let (title, date, place, people) = made;
        let article = Article {
            title: title.to_string(),
            body: format!("{title} body text number {i}"),
            date: *date,
            year: date.map(|d| d.year),
            place: place.map(str::to_string),
            // As the extractor gives them: names mapped by the built-in alias file.
            people: people.iter().map(|p| aliases().person(p)).collect(),
            ..Article::default()
        };
        let file = FileFacts {
            id: format!("{i:016x}"),
            root: "/r".into(),
            path: format!("{i:04}.txt"),
            size: 1,
            mtime: 0,
            hash: i as u64,
        };
        let ids = store.people.ids(&article.people).unwrap();
        store.fields.document(&article, &file, &ids)
    }

    /// An in-RAM archive of hand-made articles (dates, places, people under our control).
    fn archive(articles: &[Made]) -> Archive {
        let (one, _) = archives(1, articles);
        one
    }

    /// One index of `segments` segments (one commit per slice of the articles), opened as an
    /// archive searched on 1 thread and as one searched on 2.
    fn archives(segments: usize, articles: &[Made]) -> (Archive, Archive) {
        let chunks: Vec<&[Made]> = articles.chunks(articles.len().div_ceil(segments).max(1)).collect();
        archives_of(&chunks)
    }

    /// Like [`archives`], one segment per chunk.
    fn archives_of(chunks: &[&[Made]]) -> (Archive, Archive) {
        let store = Store::in_ram(&SchemaSpec::builtin()).unwrap();
        // Budget enough that a chunk is never split into several segments.
        let mut writer: tantivy::IndexWriter = store.index.writer_with_num_threads(1, 100_000_000).unwrap();
        let mut n = 0;
        for chunk in chunks {
            for made in chunk.iter() {
                writer.add_document(made_document(&store, n, made)).unwrap();
                n += 1;
            }
            writer.commit().unwrap();
        }
        if chunks.is_empty() {
            writer.commit().unwrap();
        }
        let single = Store {
            dir: store.dir.clone(),
            index: store.index.clone(),
            spec: store.spec.clone(),
            fields: store.fields,
            meta: store.meta.clone(),
            people: store.people.clone(),
        };
        (
            Archive::from_store_with_threads(single, 1).unwrap(),
            Archive::from_store_with_threads(store, 2).unwrap(),
        )
    }

    #[test]
    fn parallel_segments_give_the_same_results() {
        let people: [&[&str]; 4] =
            [&["Michael R. Pompeo", "Donald Trump"], &["Michael R. Pompeo"], &["Nicolás Maduro"], &[]];
        let places = [Some("Moscow"), Some("Caracas, Venezuela"), None];
        let titles: Vec<String> = (0..60)
            .map(|i: usize| {
                if i.is_multiple_of(3) {
                    format!("sanctions on iran {i}")
                } else {
                    format!("trade talks {i}")
                }
            })
            .collect();
        let made: Vec<Made> = titles
            .iter()
            .enumerate()
            .map(|(i, title)| {
                let date = d(2015 + (i % 5) as i32, 1 + (i % 12) as u8, 1 + (i % 28) as u8);
                (title.as_str(), date, places[i % 3], people[i % 4])
            })
            .collect();
        let (one, mut two) = archives(4, &made);
        two.parallel_min_postings = 0; // every search on the pool, however small
        assert_eq!(two.searcher.segment_readers().len(), 4);
        let q = QueryOptions::default();
        for field in [FacetField::Person, FacetField::Dateline, FacetField::Year] {
            let (a, b) = (facets(&one, field, "*", &q, 0).unwrap(), facets(&two, field, "*", &q, 2).unwrap());
            assert_eq!(a.values[..2], b.values[..], "{field:?}");
            assert_eq!((a.articles, a.missing, a.distinct), (b.articles, b.missing, b.distinct), "{field:?}");
        }
        let people = facets(&two, FacetField::Person, "iran", &q, 0).unwrap();
        assert_eq!(people.articles, 20);
        assert_eq!(people.values[0].value, "Michael R. Pompeo");
        for query in ["iran", "trade OR sanctions", "\"trade talks\""] {
            let request =
                crate::search::SearchRequest { limit: 25, ..crate::search::SearchRequest::new(query) };
            let (a, b) = (
                crate::search::search(&one, &request).unwrap(),
                crate::search::search(&two, &request).unwrap(),
            );
            assert!(a.total_hits > 0, "{query}");
            assert_eq!(a.total_hits, b.total_hits, "{query}");
            let key = |r: &crate::search::SearchResults| -> Vec<(String, Option<f32>, String)> {
                r.hits.iter().map(|h| (h.article.id.clone(), h.score, h.snippet.text.clone())).collect()
            };
            assert_eq!(key(&a), key(&b), "{query}");
        }
    }

    fn d(y: i32, m: u8, day: u8) -> Option<Date> {
        Date::new(y, m, day)
    }

    #[test]
    fn histogram_buckets_by_calendar_and_fills_gaps() {
        let a = archive(&[
            ("a", d(2019, 12, 30), None, &[]), // ISO week 2020-W01 (Monday)
            ("b", d(2020, 1, 5), None, &[]),   // Sunday of the same week
            ("c", d(2020, 3, 1), None, &[]),
            ("d", None, None, &[]),
        ]);
        let q = QueryOptions::default();
        let weeks = histogram(&a, "*", &q, "date", Interval::Week).unwrap();
        assert_eq!(weeks.buckets[0].key, "2020-W01");
        assert_eq!(weeks.buckets[0].count, 2);
        assert_eq!((weeks.total, weeks.undated), (4, 1));
        let months = histogram(&a, "*", &q, "date", Interval::Month).unwrap();
        let keys: Vec<(&str, u64)> = months.buckets.iter().map(|b| (b.key.as_str(), b.count)).collect();
        assert_eq!(keys, vec![("2019-12", 1), ("2020-01", 1), ("2020-02", 0), ("2020-03", 1)]);
        assert_eq!(months.buckets[2].end, Date::new(2020, 2, 29).unwrap());
        let years = histogram(&a, "*", &q, "date", Interval::Year).unwrap();
        assert_eq!(years.buckets.iter().map(|b| b.count).sum::<u64>(), 3);
    }

    #[test]
    fn facets_count_exactly_and_label_people() {
        let a = archive(&[
            ("a", None, Some("Moscow"), &["Michael R. Pompeo", "Donald Trump"]),
            ("b", None, Some("Moscow"), &["Michael R. Pompeo"]),
            ("c", None, Some("Caracas, Venezuela"), &["Nicolás Maduro"]),
            ("d", None, None, &[]),
        ]);
        let q = QueryOptions::default();
        let places = facets(&a, FacetField::Dateline, "*", &q, 0).unwrap();
        assert_eq!((places.articles, places.missing, places.distinct), (4, 1, 2));
        assert_eq!((places.values[0].value.as_str(), places.values[0].count), ("Moscow", 2));
        let people = facets(&a, FacetField::Person, "*", &q, 0).unwrap();
        assert_eq!(people.values[0].value, "Michael R. Pompeo");
        assert_eq!(people.values[0].count, 2);
        assert!(people.values.iter().any(|v| v.value == "Nicolás Maduro" && v.count == 1));
        let top1 = facets(&a, FacetField::Person, "*", &q, 1).unwrap();
        assert_eq!((top1.values.len(), top1.distinct), (1, 3));
    }

    #[test]
    fn records_read_without_the_body_equal_full_ones_minus_the_body() {
        let a = archive(&[
            ("Talks in Moscow", d(2019, 5, 14), Some("Moscow"), &["Michael R. Pompeo", "Sergey Lavrov"]),
            ("No people", None, None, &[]),
        ]);
        for doc in 0..2 {
            let address = tantivy::DocAddress::new(0, doc);
            let full = a.article(a.document(address, true).unwrap(), true);
            assert_eq!(full.body.as_deref(), Some(format!("{} body text number {doc}", full.title).as_str()));
            let bare_doc = a.document(address, false).unwrap();
            assert_eq!(bare_doc.first_str(a.store.fields.body_text), None, "the body is not read");
            assert_eq!(
                a.article(bare_doc, false),
                crate::archive::StoredArticle { body: None, ..full.clone() }
            );
        }
        let first = a.article(a.document(tantivy::DocAddress::new(0, 0), false).unwrap(), false);
        assert_eq!(first.people, vec!["Michael R. Pompeo", "Sergey Lavrov"]);
        assert_eq!((first.date, first.place.as_deref()), (d(2019, 5, 14), Some("Moscow")));
    }

    #[test]
    fn person_facets_agree_with_term_counts_across_big_small_and_personless_segments() {
        // 5,000 articles: a segment large enough to count into an array, a small one that
        // lists numbers, and one where no article names anyone (it has no column).
        let cast: [&[&str]; 5] = [
            &["Michael R. Pompeo", "Mike Pompeo", "Donald Trump"],
            &["Nicolás Maduro", "Juan Guaidó"],
            &["Donald Trump"],
            &["Juan Guaido", "Hassan Rouhani"],
            &["Ada Lovelace"],
        ];
        let mut made: Vec<Made> =
            (0..4_990).map(|i| ("story", None, None, cast[(i * i + i / 7) % 5])).collect();
        made.extend((0..10).map(|_| ("personless", None, None, &[] as &[&str])));
        let (one, two) = archives_of(&[&made[..4_500], &made[4_500..4_990], &made[4_990..]]);
        let sizes: Vec<u32> = one.searcher.segment_readers().iter().map(|r| r.max_doc()).collect();
        assert!(sizes.iter().any(|&n| n as usize >= DENSE_MIN_DOCS), "{sizes:?}");
        let q = QueryOptions::default();
        for a in [&one, &two] {
            let all = facets(a, FacetField::Person, "*", &q, 0).unwrap();
            assert_eq!((all.articles, all.missing, all.distinct), (5_000, 10, 6), "{all:?}");
            for value in &all.values {
                let by_term = total(&matching(a, &format!("person_key:\"{}\"", value.key), &q).unwrap());
                assert_eq!(value.count, by_term, "{}", value.key);
            }
            // "Mike Pompeo" and "Michael R. Pompeo" in one article count once.
            let pompeo = all.values.iter().find(|v| v.key == "michael pompeo").unwrap();
            assert_eq!(pompeo.count, made.iter().filter(|m| m.3.contains(&"Mike Pompeo")).count() as u64);
            let top2 = facets(a, FacetField::Person, "story", &q, 2).unwrap();
            assert_eq!(top2.values, all.values[..2].to_vec());
            assert_eq!(top2.missing, 0);
        }
    }
}
