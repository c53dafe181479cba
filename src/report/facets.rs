//! `morgue facets`: exact counts of a field's values over the matching articles, largest
//! first. People are counted by their numbers in the person registry (`person_id`), other
//! fields by each segment's dictionary ordinals merged across segments by the hash of the
//! value; only the values that make the top N are read back as strings, and person values
//! are labelled with the fullest common form of the name from a few stored documents.
//! Datelines count each printed place, then merge them by `place_key` (the folded city), so
//! "Caracas, Venezuela" and "Caracas" are one value shown in its most common form.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, SegmentOrdinal, Term};

use xxhash_rust::xxh3::xxh3_128;

use super::{count_all_values, damaged, docs_with_values, select, Docs, Selection};
use crate::archive::{fast_column, Archive};
use crate::article::extract::dateline::place_key;
use crate::article::extract::people::person_key;
use crate::article::extract::text::FastMap;
use crate::error::Result;
use crate::query::QueryOptions;
use crate::schema::keyword_form;

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
    let matches = select(archive, query, options)?;
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
        articles: matches.iter().map(|(_, docs)| docs.len()).sum(),
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
    FacetValue { value: key.clone(), key, count }
}

/// Segments with fewer matching articles than this list their person numbers instead of
/// counting into an array as long as the registry.
pub(super) const DENSE_MIN_DOCS: usize = 4_096;

/// The person facet: counts registry numbers from the `person_id` column.
fn count_people(archive: &Archive, matches: &Selection, top: usize) -> Result<Tally> {
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
    docs: &Docs,
) -> Result<(PersonIds, u64)> {
    let reader = archive.searcher.segment_reader(segment);
    let column = fast_column::<u64>(reader, FacetField::Person.column())?;
    let largest = column.values.max_value();
    if column.values.num_vals() > 0 && largest >= bound.min(u64::from(u32::MAX)) {
        let reason =
            format!("documents refer to person #{largest}, beyond {}", crate::registry::REGISTRY_FILE);
        return Err(damaged(archive, reason));
    }
    let dense = docs.len() >= DENSE_MIN_DOCS as u64;
    let (mut counts, mut listed) = (Vec::new(), Vec::new());
    if dense {
        counts = vec![0u32; largest as usize + 1];
    }
    let docs = match docs {
        Docs::All(_) if dense => {
            count_all_values(&*column.values, |id| counts[id as usize] += 1);
            return Ok((PersonIds::Counted(counts), without_values(&column.index, docs)));
        }
        Docs::All(max_doc) => (0..*max_doc).collect(),
        Docs::Matching(docs) => docs.clone(),
    };
    let mut missing = 0u64;
    let mut ids = [0u64; 64];
    for doc in docs {
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
            FacetValue { value: label, key, count }
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
            count_all_values(&*ords.values, |ord| ord_counts[ord as usize] += 1);
            without_values(&ords.index, docs)
        }
        _ => count_per_doc(docs.iter(), |doc| column.term_ords(doc), |ord| ord_counts[ord as usize] += 1),
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
