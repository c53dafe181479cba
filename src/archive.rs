//! An index opened for reading: the committed snapshot every query command works on, the
//! conversion of stored documents back into `StoredArticle` records, lookups of one article
//! by id or path, and the `MatchingDocs` collector that lists every matching doc id (what
//! reports and exports read columns for). Search, reports and audits all start from an
//! `Archive`.

use std::path::Path;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::query::{EnableScoring, Query, TermQuery};
use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::OwnedValue;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocAddress, DocId, Executor, IndexReader, Score, Searcher, SegmentOrdinal, SegmentReader, Term,
};

use crate::article::fingerprint::{signature_from_words, MINHASH_WORDS};
use crate::calendar::Date;
use crate::error::{Error, Result};
use crate::person_rows::PersonRows;
use crate::query::{self, QueryOptions};
use crate::record;
use crate::resolve::Resolution;
use crate::schema::{AliasFile, Fields, SchemaSpec};
use crate::store::Store;

/// The stored fields of one article, as search, show and export print them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoredArticle {
    /// Stable id (16 hex digits).
    pub id: String,
    /// Path relative to its root.
    pub path: String,
    /// The root it was indexed from.
    pub root: String,
    /// Layout the parser recognised.
    pub layout: String,
    pub title: String,
    pub authors: Vec<String>,
    pub source: Option<String>,
    pub distributor: Option<String>,
    pub section: Option<String>,
    /// Dateline as printed.
    pub dateline: Option<String>,
    /// Normalised place of the dateline.
    pub place: Option<String>,
    pub date: Option<Date>,
    pub year: Option<i32>,
    pub people: Vec<String>,
    pub topics: Vec<String>,
    /// File size in bytes.
    pub size: u64,
    /// The body text (only where a command asks for it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// Upper bound on search threads: segments are few and large, more threads only add start-up
/// cost to every command.
pub const MAX_SEARCH_THREADS: usize = 4;

/// An opened index and the snapshot of its last commit.
pub struct Archive {
    pub store: Store,
    pub reader: IndexReader,
    pub searcher: Searcher,
    /// Queries whose terms have fewer postings than this run on the calling thread: handing
    /// segments to the pool costs tens of microseconds, more than scoring a few thousand
    /// documents takes. (Tests set 0 to force the pool.)
    pub parallel_min_postings: u64,
    /// The person aliases queries resolve names with (`person:"Mike Pompeo"` finds the
    /// canonical person): the built-in file unless the caller sets the loaded one. Parsed
    /// only when a query names a person.
    pub aliases: AliasFile,
    /// Which bare surnames stand for which full names in this snapshot (`resolve`): read or
    /// computed when first asked for, then kept as long as the snapshot.
    resolution: std::sync::OnceLock<std::result::Result<std::sync::Arc<Resolution>, String>>,
    /// The columns searches read of each segment, opened when first needed.
    columns: ColumnCache,
    /// Each segment's person rows (`person_rows`), opened when a person facet first asks.
    person_rows: std::sync::OnceLock<std::sync::Arc<[Option<std::sync::Arc<PersonRows>>]>>,
}

/// The fast columns a search reads of one segment: the date and id key a ranked page is
/// ordered and tie-broken by, and the prints near-duplicates are grouped by.
#[derive(Clone)]
pub struct SegmentColumns {
    pub dates: Option<tantivy::columnar::Column<tantivy::DateTime>>,
    pub id_keys: Option<tantivy::columnar::Column<u64>>,
    pub body_hashes: tantivy::columnar::Column<u64>,
    pub minhashes: Option<tantivy::columnar::Column<u64>>,
}

impl SegmentColumns {
    fn open(reader: &SegmentReader) -> tantivy::Result<SegmentColumns> {
        let fast = reader.fast_fields();
        Ok(SegmentColumns {
            dates: fast.column_opt("date")?,
            id_keys: fast.column_opt("id_key")?,
            body_hashes: fast_column(reader, "body_hash")?,
            minhashes: fast.column_opt("minhash")?,
        })
    }

    /// The id key of `doc` (`schema::id_key`; 0 without one).
    pub fn id_key(&self, doc: DocId) -> u64 {
        self.id_keys.as_ref().and_then(|column| column.first(doc)).unwrap_or(0)
    }

    /// The MinHash signature of `doc` (`None` for a body without words): its values in one
    /// read, unpacked by `fingerprint::signature_from_words`.
    pub fn signature(&self, doc: DocId) -> Option<Vec<u32>> {
        let column = self.minhashes.as_ref()?;
        let rows = column.index.value_row_ids(doc);
        if rows.len() != MINHASH_WORDS {
            return None;
        }
        let mut words = [0u64; MINHASH_WORDS];
        column.values.get_range(u64::from(rows.start), &mut words);
        signature_from_words(&words)
    }
}

/// [`SegmentColumns`] of a snapshot's segments, each opened once and shared (cheap clones).
/// Opening a column looks its name up in the segment's column directory (~10 k instructions
/// a column), which for a rare word was a fifth of an in-process search over nine segments.
/// An empty cache (`default`) opens the columns on every call.
#[derive(Clone, Default)]
pub struct ColumnCache(std::sync::Arc<[std::sync::OnceLock<SegmentColumns>]>);

impl std::fmt::Debug for ColumnCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let opened = self.0.iter().filter(|slot| slot.get().is_some()).count();
        write!(f, "ColumnCache({opened} of {} segments opened)", self.0.len())
    }
}

impl ColumnCache {
    /// A cache for a snapshot of `segments` segments.
    pub fn new(segments: usize) -> ColumnCache {
        ColumnCache((0..segments).map(|_| std::sync::OnceLock::new()).collect())
    }

    /// The columns of segment `segment` (whose reader is `reader`).
    pub fn get(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentColumns> {
        let Some(slot) = self.0.get(segment as usize) else { return SegmentColumns::open(reader) };
        if let Some(columns) = slot.get() {
            return Ok(columns.clone());
        }
        let columns = SegmentColumns::open(reader)?;
        Ok(slot.get_or_init(|| columns).clone())
    }
}

/// One search thread per core, at most [`MAX_SEARCH_THREADS`].
fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_SEARCH_THREADS)
}

/// The default [`Archive::parallel_min_postings`].
pub const PARALLEL_MIN_POSTINGS: u64 = 20_000;

impl Archive {
    /// Opens the index at `dir` for reading.
    pub fn open(dir: &Path, spec: &SchemaSpec) -> Result<Archive> {
        let store = Store::open(dir, spec)?;
        Archive::from_store(store)
    }

    /// Opens the index at `dir` for reading, resolving person names in queries with `aliases`
    /// (the alias file the caller loaded: parsed once, and only if a query names a person).
    pub fn open_with_aliases(dir: &Path, spec: &SchemaSpec, aliases: AliasFile) -> Result<Archive> {
        let store = Store::open(dir, spec)?;
        Archive::build(store, default_threads(), aliases)
    }

    /// Wraps an opened store. Searches, counts and facets run their segments on a small
    /// thread pool, one thread per core (at most [`MAX_SEARCH_THREADS`]).
    pub fn from_store(store: Store) -> Result<Archive> {
        Archive::from_store_with_threads(store, default_threads())
    }

    /// Wraps an opened store, searching on `threads` threads (1 = the calling thread only).
    /// Results do not depend on it: segment results are merged in segment order.
    pub fn from_store_with_threads(store: Store, threads: usize) -> Result<Archive> {
        Archive::build(store, threads, AliasFile::builtin())
    }

    fn build(mut store: Store, threads: usize, aliases: AliasFile) -> Result<Archive> {
        if threads > 1 {
            store.index.set_multithread_executor(threads)?;
        }
        let reader = store.reader()?;
        let searcher = reader.searcher();
        Ok(Archive {
            store,
            reader,
            parallel_min_postings: PARALLEL_MIN_POSTINGS,
            aliases,
            resolution: std::sync::OnceLock::new(),
            columns: ColumnCache::new(searcher.segment_readers().len()),
            person_rows: std::sync::OnceLock::new(),
            searcher,
        })
    }

    /// The per-segment columns of this snapshot, opened once (see [`ColumnCache`]).
    pub fn columns(&self) -> &ColumnCache {
        &self.columns
    }

    /// Each segment's person rows, by segment ordinal: `None` where the segment has no
    /// intact rows file (the column is read instead). Opened and checked once per snapshot.
    pub fn person_rows(&self) -> std::sync::Arc<[Option<std::sync::Arc<PersonRows>>]> {
        let open = || {
            let readers = self.searcher.segment_readers().iter();
            readers.map(|reader| PersonRows::open(&self.store.dir, reader).map(std::sync::Arc::new)).collect()
        };
        std::sync::Arc::clone(self.person_rows.get_or_init(open))
    }

    /// The columns searches read of segment `segment`.
    pub fn segment_columns(&self, segment: SegmentOrdinal) -> Result<SegmentColumns> {
        Ok(self.columns.get(segment, self.searcher.segment_reader(segment))?)
    }

    /// The pool searches run on, for other per-segment or per-hit work (results in input order).
    pub fn executor(&self) -> &Executor {
        self.store.index.search_executor()
    }

    /// Runs a collector over the snapshot, on the search pool when the query is big enough to
    /// gain from it: the summed document frequencies of its terms reach
    /// `parallel_min_postings` (a query without terms, such as a date range, counts as big).
    /// Frequencies are read from the largest segment and scaled to the whole index: one
    /// dictionary lookup per term instead of one per term and segment, which for a rare term
    /// was a fifth of the search.
    pub fn collect<C: Collector>(&self, query: &dyn Query, collector: &C) -> Result<C::Fruit> {
        let searcher = &self.searcher;
        let largest = searcher.segment_readers().iter().max_by_key(|r| r.max_doc());
        let scale = largest.map_or(1.0, |r| searcher.num_docs() as f64 / f64::from(r.max_doc().max(1)));
        let (mut terms, mut postings) = (0usize, 0u64);
        query.query_terms(&mut |term, _| {
            terms += 1;
            let in_largest = largest.and_then(|r| r.inverted_index(term.field()).ok()?.doc_freq(term).ok());
            let estimate = in_largest.map_or(u64::MAX, |n| (f64::from(n) * scale) as u64);
            postings = postings.saturating_add(estimate);
        });
        let executor = if terms > 0 && postings < self.parallel_min_postings {
            Executor::single_thread()
        } else {
            self.executor().clone()
        };
        let (scoring, blocks) = if collector.requires_scoring() {
            (EnableScoring::enabled_from_searcher(searcher), None)
        } else {
            // Unscored, one word's matches go a postings block at a time.
            (EnableScoring::disabled_from_searcher(searcher), crate::search::blocks::of(query))
        };
        let query = blocks.as_ref().map_or(query, |blocks| blocks as &dyn Query);
        Ok(searcher.search_with_executor(query, collector, &executor, scoring)?)
    }

    /// Which bare surnames of this snapshot stand for which full names (`resolve`): the
    /// index's `people.merges` when it describes this commit, else computed from the person
    /// registry once per snapshot.
    pub fn resolution(&self) -> Result<std::sync::Arc<Resolution>> {
        let store = &self.store;
        let resolved = self.resolution.get_or_init(|| {
            // The largest person number from the rows files, when every segment has one.
            let rows = self.person_rows();
            let largest: Option<Vec<Option<u64>>> =
                rows.iter().map(|rows| rows.as_ref().map(|r| r.largest())).collect();
            let largest = largest.map(|each| each.into_iter().flatten().max());
            let (dir, fields) = (&store.dir, &store.fields);
            Resolution::of_snapshot(dir, store.opstamp, &self.searcher, fields, &store.people, largest)
                .map(std::sync::Arc::new)
                .map_err(|e| e.to_string())
        });
        resolved.clone().map_err(|reason| Error::IndexDamaged { path: store.dir.clone(), reason })
    }

    /// Parses query text against this index.
    pub fn parse_query(&self, text: &str, options: &QueryOptions) -> Result<Box<dyn tantivy::query::Query>> {
        // A query that names a person also finds the bare surnames that stand for them; the
        // resolution is read only then, and a query runs without it when it cannot be had.
        let short_forms = |key: &str| match self.resolution() {
            Ok(resolution) => resolution.source_keys(key).into_iter().map(str::to_string).collect(),
            Err(_) => Vec::new(),
        };
        query::parse(
            &self.searcher,
            &self.store.spec,
            &self.store.fields,
            &self.aliases,
            &short_forms,
            text,
            options,
        )
    }

    /// The ranking tiers of a plain-word query (`query::ranked_tiers`); `None` for a boolean one.
    pub fn ranked_tiers(
        &self,
        text: &str,
        options: &QueryOptions,
        feedback: bool,
    ) -> Result<Option<Vec<Box<dyn tantivy::query::Query>>>> {
        query::ranked_tiers(&self.searcher, &self.store.fields, text, options, feedback)
    }

    /// Number of articles in the snapshot.
    pub fn num_articles(&self) -> u64 {
        self.searcher.num_docs()
    }

    /// Loads the stored values of the article at `address`; without the body unless asked.
    pub fn document(&self, address: DocAddress, with_body: bool) -> Result<StoredDoc> {
        Ok(if with_body {
            self.searcher.doc::<StoredDoc>(address)?
        } else {
            self.searcher.doc::<WithoutBody>(address)?.0
        })
    }

    /// Converts a stored document into a `StoredArticle`, in one pass over its display record
    /// (the body moved in when asked and read).
    pub fn article(&self, doc: StoredDoc, with_body: bool) -> StoredArticle {
        let f = &self.store.fields;
        let mut article = StoredArticle::default();
        for (field, value) in record::entries(&doc.record) {
            match value {
                record::Value::Text(text) => put_text(&mut article, f, field, text),
                record::Value::Date(seconds) if field == f.date => {
                    article.date = article.date.or(Some(Date::from_unix_seconds(seconds)));
                }
                record::Value::I64(year) if field == f.year => {
                    article.year = article.year.or(i32::try_from(year).ok())
                }
                record::Value::U64(size) if field == f.size && article.size == 0 => article.size = size,
                _ => {}
            }
        }
        if with_body {
            article.body = Some(doc.body.map(|(_, body)| body).unwrap_or_default());
        }
        if let Some(moved) = self.store.meta.as_ref().and_then(|m| m.moved.get(&article.root)) {
            article.root = moved.clone();
        }
        self.resolve_people(&mut article.people);
        article
    }

    /// Shows a bare surname that stands for one full name in the archive as that name (once
    /// per article). Names stay as stored when the resolution cannot be had (no registry):
    /// showing an article never needs it.
    fn resolve_people(&self, people: &mut Vec<String>) {
        if !people.iter().any(|name| !name.trim().contains(' ')) {
            return;
        }
        let Ok(resolution) = self.resolution() else { return };
        let mut changed = false;
        for name in people.iter_mut() {
            if name.trim().contains(' ') {
                continue;
            }
            let key = crate::schema::into_keyword_form(crate::article::extract::people::person_key(name));
            if let Some((full, label)) = resolution.target_and_label(&key) {
                *name = match label {
                    Some(label) => label.to_string(),
                    None => crate::resolve::label(&self.searcher, &self.store.fields, full)
                        .unwrap_or_else(|_| full.to_string()),
                };
                changed = true;
            }
        }
        if changed {
            // A short list: each name against the ones kept (a hashed set cost more).
            let mut kept: Vec<String> = Vec::with_capacity(people.len());
            for name in people.drain(..) {
                if !kept.contains(&name) {
                    kept.push(name);
                }
            }
            *people = kept;
        }
    }

    /// Finds one article by id, by path relative to its root, or by absolute path.
    pub fn find(&self, id_or_path: &str) -> Result<DocAddress> {
        let f = &self.store.fields;
        let mut candidates =
            vec![(f.id, id_or_path.to_string()), (f.path, id_or_path.trim_start_matches("./").to_string())];
        if let Ok(abs) = std::fs::canonicalize(id_or_path) {
            if let Some(abs) = abs.to_str() {
                if let Some(meta) = &self.store.meta {
                    for root in &meta.roots {
                        if let Some(rel) = abs.strip_prefix(meta.root_path(root)) {
                            let rel = rel.trim_start_matches('/');
                            candidates.push((f.id, crate::schema::article_id(root, rel)));
                        }
                    }
                }
            }
        }
        for (field, value) in candidates {
            let query = TermQuery::new(Term::from_field_text(field, &value), IndexRecordOption::Basic);
            let top = self.searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
            if let Some((_, address)) = top.first() {
                return Ok(*address);
            }
        }
        Err(Error::NotFound(id_or_path.to_string()))
    }

    /// Other articles indexed from a file with exactly the same content as the one at
    /// `address` (the same story under two roots, or copied within one), as root/path.
    pub fn copies_of(&self, address: DocAddress) -> Result<Vec<String>> {
        let segment = self.searcher.segment_reader(address.segment_ord);
        let Some(hash) = segment.fast_fields().u64("file_hash")?.first(address.doc_id) else {
            return Ok(Vec::new());
        };
        let query =
            TermQuery::new(Term::from_field_u64(self.store.fields.file_hash, hash), IndexRecordOption::Basic);
        let mut copies = Vec::new();
        for (_, other) in self.searcher.search(&query, &TopDocs::with_limit(100).order_by_score())? {
            if other != address {
                let article = self.article(self.document(other, false)?, false);
                copies.push(Path::new(&article.root).join(&article.path).display().to_string());
            }
        }
        copies.sort();
        Ok(copies)
    }
}

/// Puts one stored string into its place in `article`: lists collect every value, single
/// fields keep the first.
fn put_text(a: &mut StoredArticle, f: &Fields, field: Field, text: &str) {
    if let Some(list) =
        pick(field, [(f.person, &mut a.people), (f.topic, &mut a.topics), (f.author, &mut a.authors)])
    {
        list.push(text.to_string());
    } else if let Some(slot) = pick(
        field,
        [
            (f.title, &mut a.title),
            (f.id, &mut a.id),
            (f.path, &mut a.path),
            (f.root, &mut a.root),
            (f.layout, &mut a.layout),
        ],
    ) {
        if slot.is_empty() {
            *slot = text.to_string();
        }
    } else if let Some(slot) = pick(
        field,
        [
            (f.source, &mut a.source),
            (f.distributor, &mut a.distributor),
            (f.section, &mut a.section),
            (f.dateline, &mut a.dateline),
            (f.place, &mut a.place),
        ],
    ) {
        slot.get_or_insert_with(|| text.to_string());
    }
}

/// The slot paired with `field`, if any.
fn pick<T, const N: usize>(field: Field, slots: [(Field, T); N]) -> Option<T> {
    slots.into_iter().find(|(f, _)| *f == field).map(|(_, slot)| slot)
}

/// One article's stored values: its display record (`record`) and, when read, its body
/// text, which `Fields::document` stores after it.
#[derive(Debug, Clone, Default)]
pub struct StoredDoc {
    record: String,
    body: Option<(Field, String)>,
}

impl StoredDoc {
    /// The first value of a text field.
    pub fn first_str(&self, field: Field) -> Option<&str> {
        self.all_str(field).next()
    }

    /// Every value of a text field.
    pub fn all_str(&self, field: Field) -> impl Iterator<Item = &str> {
        let recorded = record::entries(&self.record).filter_map(move |(f, value)| match value {
            record::Value::Text(text) if f == field => Some(text),
            _ => None,
        });
        let body = self.body.iter().filter(move |(f, _)| *f == field).map(|(_, text)| text.as_str());
        recorded.chain(body)
    }

    /// Reads the first `keep` stored values: the record, then the body. tantivy has checked
    /// the record is UTF-8; its entries are not checked again here (a fifth of a rare word's
    /// search went to doing so): `record::entries` stops at the first that does not decode.
    fn read<'de, D: DocumentDeserializer<'de>>(
        mut doc: D,
        keep: usize,
    ) -> Result<StoredDoc, DeserializeError> {
        let mut stored = StoredDoc::default();
        for i in 0..keep {
            match doc.next_field::<OwnedValue>()? {
                Some((_, OwnedValue::Str(text))) if i == 0 => stored.record = text,
                Some((field, OwnedValue::Str(text))) => stored.body = Some((field, text)),
                Some((field, _)) => {
                    return Err(DeserializeError::Custom(format!(
                        "stored value of field {} is not a display record or a text",
                        field.field_id()
                    )))
                }
                None => break,
            }
        }
        Ok(stored)
    }
}

impl DocumentDeserialize for StoredDoc {
    fn deserialize<'de, D: DocumentDeserializer<'de>>(doc: D) -> Result<Self, DeserializeError> {
        let all = doc.size_hint();
        StoredDoc::read(doc, all)
    }
}

/// A [`StoredDoc`] read without its last value: `Fields::document` writes the body last, so
/// a result list, an audit or a label skips copying and checking kilobytes of text per article.
pub struct WithoutBody(pub StoredDoc);

impl DocumentDeserialize for WithoutBody {
    fn deserialize<'de, D: DocumentDeserializer<'de>>(doc: D) -> Result<Self, DeserializeError> {
        let all_but_body = doc.size_hint().saturating_sub(1);
        StoredDoc::read(doc, all_but_body).map(WithoutBody)
    }
}

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
        // Most queries hand their matches over in order: a check instead of a sort then.
        if !self.docs.is_sorted() {
            self.docs.sort_unstable();
        }
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
    let blocks = crate::search::blocks::of(query);
    let query = blocks.as_ref().map_or(query, |blocks| blocks as &dyn Query);
    Ok(archive.searcher.search(query, &MatchingDocs)?)
}

/// How many articles a set of matches holds.
pub fn total(matches: &Matches) -> u64 {
    matches.iter().map(|(_, docs)| docs.len() as u64).sum()
}

/// A segment's date column as tantivy stores it, unsigned (`DateTime::from_u64` gives a date
/// back, and the order is the dates'), or `None` when no article of the segment has the field.
/// Read so, a run of dates is unpacked in one call: the `DateTime` column's values go through
/// two mapping layers whose `get_range` reads them one by one.
pub fn stored_dates(
    reader: &tantivy::SegmentReader,
    name: &str,
) -> tantivy::Result<Option<tantivy::columnar::Column<u64>>> {
    let types = [tantivy::columnar::ColumnType::DateTime];
    Ok(reader.fast_fields().u64_lenient_for_type(Some(&types), name)?.map(|(column, _)| column))
}

/// A numeric or date fast column of one segment; empty (no values) when no article in the
/// segment has the field, since tantivy writes no column then.
pub fn fast_column<T>(
    reader: &tantivy::SegmentReader,
    name: &str,
) -> tantivy::Result<tantivy::columnar::Column<T>>
where
    T: tantivy::columnar::HasAssociatedColumnType
        + PartialOrd
        + Copy
        + Default
        + Send
        + Sync
        + std::fmt::Debug
        + 'static,
    tantivy::columnar::DynamicColumn: Into<Option<tantivy::columnar::Column<T>>>,
{
    Ok(reader
        .fast_fields()
        .column_opt::<T>(name)?
        .unwrap_or_else(|| tantivy::columnar::Column::build_empty_column(reader.max_doc())))
}
