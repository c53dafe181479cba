//! Ranked search: runs a query against an `Archive`, BM25-ranked over the title-weighted
//! body (plain words in two tiers, see `search`) or by date, in a total order (ties by date,
//! then id), counts the matches (exactly up to a cap, `TOTAL_CAP`, past which the ranked
//! query skips what cannot reach the page: `top`, `phrase`), and builds each hit's stored
//! fields and a body snippet with the matched terms' byte ranges, with the copies of a story
//! folded into its best-ranked hit (`collapse`). Returns data; the binaries render it.

use std::collections::HashMap;

/// Methods of a wrapping `Weight` (one with an `inner: Box<dyn Weight>`, tantivy's) that it
/// passes on to the weight it wraps unchanged: `pass_to_inner!(scorer, explain, count);`.
macro_rules! pass_to_inner {
    (@ scorer) => {
        fn scorer(
            &self,
            reader: &tantivy::SegmentReader,
            boost: tantivy::Score,
        ) -> tantivy::Result<Box<dyn tantivy::query::Scorer>> {
            self.inner.scorer(reader, boost)
        }
    };
    (@ explain) => {
        fn explain(
            &self,
            reader: &tantivy::SegmentReader,
            doc: tantivy::DocId,
        ) -> tantivy::Result<tantivy::query::Explanation> {
            self.inner.explain(reader, doc)
        }
    };
    (@ count) => {
        fn count(&self, reader: &tantivy::SegmentReader) -> tantivy::Result<u32> {
            self.inner.count(reader)
        }
    };
    (@ for_each) => {
        fn for_each(
            &self,
            reader: &tantivy::SegmentReader,
            callback: &mut dyn FnMut(tantivy::DocId, tantivy::Score),
        ) -> tantivy::Result<()> {
            self.inner.for_each(reader, callback)
        }
    };
    (@ for_each_no_score) => {
        fn for_each_no_score(
            &self,
            reader: &tantivy::SegmentReader,
            callback: &mut dyn FnMut(&[tantivy::DocId]),
        ) -> tantivy::Result<()> {
            self.inner.for_each_no_score(reader, callback)
        }
    };
    (@ for_each_pruning) => {
        fn for_each_pruning(
            &self,
            threshold: tantivy::Score,
            reader: &tantivy::SegmentReader,
            callback: &mut dyn FnMut(tantivy::DocId, tantivy::Score) -> tantivy::Score,
        ) -> tantivy::Result<()> {
            self.inner.for_each_pruning(threshold, reader, callback)
        }
    };
    ($($method:ident),+ $(,)?) => {
        $(pass_to_inner!(@ $method);)+
    };
}

pub(crate) mod blocks;
mod bulk;
mod phrase;
mod top;
mod union;

use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, ExistsQuery, Occur, Query};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Executor};

use self::top::{By, Top, Total};

use crate::analysis::NewsTokenizer;
use crate::archive::{Archive, StoredArticle, StoredDoc, WithoutBody};
use crate::article::fingerprint::{CopyProfile, CopyText, NEAR_THRESHOLD};
use crate::error::Result;
use crate::query::QueryOptions;

/// Result order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum SortOrder {
    /// Best BM25 score first; equal scores newest first, then by id.
    #[default]
    Relevance,
    /// Newest date first (undated articles last), then by id.
    Date,
    /// Oldest date first (undated articles last), then by id: a timeline.
    DateAsc,
}

/// One search, as the library takes it.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub options: QueryOptions,
    pub limit: usize,
    pub offset: usize,
    pub sort: SortOrder,
    /// Maximum snippet length in characters (0 = no snippets).
    pub snippet_chars: usize,
    /// Expand a plain-word query with the words of its best results (RM3 feedback).
    pub feedback: bool,
    /// Fold the exact and near-duplicate copies of a story into its best-ranked hit (see
    /// `collapse`); false lists every copy as a hit of its own.
    pub collapse: bool,
    /// Count matches exactly up to this many (default [`TOTAL_CAP`]), past which
    /// `total_hits` is a lower bound and a ranked search may skip the documents that cannot
    /// reach the page; `None` counts every match (`--exact-total`).
    pub total_cap: Option<u64>,
}

/// Matches `search` counts exactly before it may report "more than" (Elasticsearch's
/// `track_total_hits` default). `count`, `export`, `facets`, `histogram` and `audit` always
/// count every match.
pub const TOTAL_CAP: u64 = 10_000;

/// Whether `total_hits` is the exact count or a lower bound.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// Every match was counted: `total_hits` is the count.
    #[default]
    Eq,
    /// More than the cap ([`TOTAL_CAP`]) match: `total_hits` is the cap, and the count stopped
    /// there (`--exact-total` counts them all).
    Gte,
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            options: QueryOptions::default(),
            limit: 10,
            offset: 0,
            sort: SortOrder::Relevance,
            snippet_chars: 220,
            feedback: false,
            collapse: true,
            total_cap: Some(TOTAL_CAP),
        }
    }
}

/// A stretch of body text around the matches.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Snippet {
    /// The fragment of the body.
    pub text: String,
    /// `[start, end)` UTF-8 byte ranges of matched terms within `text`.
    pub highlights: Vec<[usize; 2]>,
}

/// One ranked result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// 1-based position in the full result list (offset included).
    pub rank: usize,
    /// BM25 score (null when sorted by date).
    pub score: Option<f32>,
    /// The article's stored fields.
    #[serde(flatten)]
    pub article: StoredArticle,
    /// Body text around the matches.
    pub snippet: Snippet,
    /// Ids of this article's copies among the results (the same normalised body, or a
    /// near-duplicate as `audit --check near-duplicates` finds them), folded into this hit,
    /// best-ranked first; empty when it has none or collapsing is off (`--no-collapse`).
    pub copies: Vec<String>,
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Every matching article, not just the ones returned (for a query of plain words, the
    /// articles holding every word but function words): exact when `total_relation` is
    /// `eq`; with `gte`, more than this many match (the count stops at `TOTAL_CAP` unless
    /// `--exact-total`).
    pub total_hits: u64,
    /// `eq`: `total_hits` is exact; `gte`: at least `total_hits` articles match.
    pub total_relation: Relation,
    /// Articles holding only some of the words of a plain-word query, ranked after the
    /// `total_hits` that hold them all: counted (and listed) only when the page reaches past
    /// those, else 0.
    pub partial_hits: u64,
    /// Articles that match the query but have no date, left out by `--from`/`--to` (0
    /// without those filters).
    pub undated_excluded: u64,
    /// How many top results were skipped (collapsed hits, each with its copies, count once).
    pub offset: usize,
    /// Copies folded into the hits shown (the sum of their `copies`); 0 with `--no-collapse`.
    pub collapsed: u64,
    pub hits: Vec<Hit>,
}

/// Runs a search.
///
/// A query of plain words (see `query::ranked`) is ranked in two tiers: the articles holding
/// every word first, by BM25 over the title-weighted body, then (only when the page reaches
/// past them) the articles holding some of the words, by the same score: a two-word query
/// keeps AND's precision and a question never comes back empty. With `--any` (or feedback)
/// it is one tier. Any other query is tantivy's boolean query, ranked by BM25. Ties are
/// broken by date (newest first), then id, so equal inputs give equal output.
pub fn search(archive: &Archive, request: &SearchRequest) -> Result<SearchResults> {
    let tiers = match request.sort {
        SortOrder::Relevance => archive.ranked_tiers(&request.query, &request.options, request.feedback)?,
        _ => None,
    };
    let tiers = match tiers {
        Some(tiers) => tiers,
        None => vec![archive.parse_query(&request.query, &request.options)?],
    };
    let (ranked, copies, totals) = if request.collapse && request.limit > 0 {
        collapsed(archive, &tiers, request)?
    } else {
        let (ranked, totals) = window(archive, &tiers, request.offset, request.limit, request)?;
        let copies = vec![Vec::new(); ranked.len()];
        (ranked.into_iter().map(|(r, _)| r).collect(), copies, totals)
    };
    let snippet_query = tiers.last().expect("one tier at least");
    let mut hits =
        if ranked.is_empty() { Vec::new() } else { build_hits(archive, &**snippet_query, &ranked, request)? };
    for (hit, copies) in hits.iter_mut().zip(copies) {
        let addresses: Vec<DocAddress> = copies.iter().map(|&(_, address)| address).collect();
        hit.copies = crate::collapse::ids(archive, &addresses)?;
    }
    let (total_hits, total_relation) = match totals[0] {
        Total { exact: false, count } => (request.total_cap.unwrap_or(count), Relation::Gte),
        Total { count, exact: true } => (count, Relation::Eq),
    };
    Ok(SearchResults {
        query: request.query.clone(),
        total_hits,
        total_relation,
        partial_hits: totals.get(1).map_or(0, |t| t.count),
        undated_excluded: undated_excluded(archive, request)?,
        offset: request.offset,
        collapsed: hits.iter().map(|h| h.copies.len() as u64).sum(),
        hits,
    })
}

/// The `limit` results after `skip` over the tiers in order (a result of a later tier ranks
/// after every one of an earlier tier), each with its tier, and the totals of the tiers
/// reached (the first always). The first tier's count is capped as `request` says; a later
/// tier is reached only when the first holds fewer than `skip + limit` matches, and is
/// counted exactly.
fn window(
    archive: &Archive,
    tiers: &[Box<dyn Query>],
    mut skip: usize,
    limit: usize,
    request: &SearchRequest,
) -> Result<Window> {
    let (mut ranked, mut totals) = (Vec::new(), Vec::new());
    for (i, tier) in tiers.iter().enumerate() {
        let want = limit.saturating_sub(ranked.len());
        if i > 0 && want == 0 {
            break;
        }
        let cap = request.total_cap.filter(|_| i == 0);
        let (mut page, mut total) = self::page(archive, &**tier, skip, want, request.sort, cap)?;
        if page.len() < want && !total.exact && i + 1 < tiers.len() {
            // The next tier starts after this one's last match: it needs the exact count.
            (page, total) = self::page(archive, &**tier, skip, want, request.sort, None)?;
        }
        skip = skip.saturating_sub(usize::try_from(total.count).unwrap_or(usize::MAX));
        ranked.extend(page.into_iter().map(|r| (r, i)));
        totals.push(total);
    }
    Ok((ranked, totals))
}

/// Results first read per collapsed page: this many times the hits needed (offset + limit) …
const WINDOW_FACTOR: usize = 2;
/// … and at least this many; the window grows twofold while copies leave the page short,
/// up to [`MAX_WINDOW`] results, past which the rest of the list is not collapsed further.
const MIN_WINDOW: usize = 20;
const MAX_WINDOW: usize = 20_000;

/// The page of a collapsed list: the top results are read in a window of at least
/// [`WINDOW_FACTOR`] times the groups the page needs, grouped (`collapse::group`), and the
/// page's leaders returned with their copies. A partial tier's total is reported only when a
/// result shown (a leader or a copy) comes from it, as without collapsing.
#[allow(clippy::type_complexity)]
fn collapsed(
    archive: &Archive,
    tiers: &[Box<dyn Query>],
    request: &SearchRequest,
) -> Result<(Vec<Ranked>, Vec<Vec<Ranked>>, Vec<Total>)> {
    let need = request.offset.saturating_add(request.limit);
    let mut size = need.saturating_mul(WINDOW_FACTOR).clamp(MIN_WINDOW, MAX_WINDOW);
    loop {
        let (ranked, mut totals) = window(archive, tiers, 0, size, request)?;
        let addresses: Vec<DocAddress> = ranked.iter().map(|((_, a), _)| *a).collect();
        let prints = crate::collapse::prints(archive, &addresses)?;
        let mut profiles: HashMap<usize, CopyProfile> = HashMap::new();
        let mut failure = None;
        let groups = crate::collapse::group(&prints, |a, b| {
            for i in [a, b] {
                if let std::collections::hash_map::Entry::Vacant(entry) = profiles.entry(i) {
                    match copy_profile(archive, addresses[i]) {
                        Ok(profile) => {
                            entry.insert(profile);
                        }
                        Err(e) => {
                            failure.get_or_insert(e);
                            return false;
                        }
                    }
                }
            }
            profiles[&a].similarity(&profiles[&b], NEAR_THRESHOLD).is_some()
        });
        if let Some(e) = failure {
            return Err(e);
        }
        if groups.len() < need && ranked.len() == size && size < MAX_WINDOW {
            size = size.saturating_mul(WINDOW_FACTOR).min(MAX_WINDOW);
            continue;
        }
        let page: Vec<&Vec<usize>> = groups.iter().skip(request.offset).take(request.limit).collect();
        let partial = page.iter().flat_map(|g| g.iter()).any(|&i| ranked[i].1 > 0);
        if !partial {
            totals.truncate(1);
        }
        let leaders = page.iter().map(|g| ranked[g[0]].0).collect();
        let copies = page.iter().map(|g| g[1..].iter().map(|&i| ranked[i].0).collect()).collect();
        return Ok((leaders, copies, totals));
    }
}

/// What the copy test compares of the article at `address` (its headline and body).
fn copy_profile(archive: &Archive, address: DocAddress) -> Result<CopyProfile> {
    let doc = archive.document(address, true)?;
    let f = &archive.store.fields;
    let title = doc.first_str(f.title).unwrap_or_default();
    let body = doc.first_str(f.body_text).unwrap_or_default();
    Ok(CopyProfile::new(CopyText { title, body }))
}

/// How many undated articles the date filters of `request` leave out of its first tier.
fn undated_excluded(archive: &Archive, request: &SearchRequest) -> Result<u64> {
    let options = &request.options;
    if options.from.is_none() && options.to.is_none() {
        return Ok(0);
    }
    let undated = QueryOptions { from: None, to: None, ..options.clone() };
    let tiers = match request.sort {
        SortOrder::Relevance => archive.ranked_tiers(&request.query, &undated, false)?,
        _ => None,
    };
    let query = match tiers {
        Some(mut tiers) => tiers.swap_remove(0),
        None => archive.parse_query(&request.query, &undated)?,
    };
    let without_date = BooleanQuery::new(vec![
        (Occur::Must, query),
        (Occur::MustNot, Box::new(ExistsQuery::new("date".to_string(), false)) as Box<dyn Query>),
    ]);
    Ok(archive.collect(&without_date, &Count)? as u64)
}

/// A result before its stored fields are read: its score (none by date) and address.
type Ranked = (Option<f32>, DocAddress);

/// Results over tiers, each with its tier number, and the totals of the tiers reached.
type Window = (Vec<(Ranked, usize)>, Vec<Total>);

/// The hits of one query, ranked by `request.sort` in a total order.
pub fn rank(archive: &Archive, query: &dyn Query, request: &SearchRequest) -> Result<Vec<Hit>> {
    let (ranked, _) = page(archive, query, request.offset, request.limit, request.sort, None)?;
    build_hits(archive, query, &ranked, request)
}

/// The `limit` results after `offset` of one query in the total order (see `top`), and the
/// number of matches, in one pass over the query. With a `cap`, a ranked query whose pruning
/// keeps that order exactly (see [`prunes_exactly`]) counts each segment's matches up to its
/// share of the cap and then skips the documents that cannot reach the page; the total is
/// exact, or more than `cap`.
fn page(
    archive: &Archive,
    query: &dyn Query,
    offset: usize,
    limit: usize,
    sort: SortOrder,
    cap: Option<u64>,
) -> Result<(Vec<Ranked>, Total)> {
    if limit == 0 {
        return Ok((Vec::new(), Total { count: archive.collect(query, &Count)? as u64, exact: true }));
    }
    let by = match sort {
        SortOrder::Relevance => By::Score,
        SortOrder::Date => By::Newest,
        SortOrder::DateAsc => By::Oldest,
    };
    let schema = archive.searcher.schema();
    // A ranked union of words is pruned where that skips most of its documents (one word far
    // rarer than another, or one in nearly every article), exactly: tantivy's block-max WAND
    // for two words, [`union::PrunedUnion`] for more. Else it is ranked in full a window of
    // documents at a time, and counted exactly.
    let (capped, ranked_in_full) = match by {
        By::Score => match bulk::of(query) {
            Some(union)
                if cap.is_some() && normed(query, schema) && union.prunes_better(&archive.searcher) =>
            {
                (cap, None)
            }
            Some(union) => (None, Some(union)),
            None => (cap.filter(|_| prunes_exactly(query, schema)), None),
        },
        _ => (None, None),
    };
    let docs = archive.searcher.segment_readers().iter().map(|r| u64::from(r.max_doc())).sum();
    let top = Top { by, offset, limit, cap: capped, docs, columns: archive.columns().clone() };
    let (page, total) = if let Some(union) = ranked_in_full {
        bulk::top(archive, &union, &top)?
    } else if let Some(phrase) = capped.and_then(|_| phrase::prunable(query)) {
        archive.collect(&phrase, &top)?
    } else if let Some(union) = capped.and_then(|_| union::prunable(query)) {
        archive.collect(&union, &top)?
    } else {
        archive.collect(query, &top)?
    };
    match (total, cap) {
        // Segments stopped counting at their shares of the cap before the whole passed it (the
        // matches sit unevenly, or about `cap` of them match): count them all.
        (Total { exact: false, count }, Some(cap)) if count <= cap => {
            let count = archive.collect(query, &Count)? as u64;
            Ok((page, Total { count, exact: true }))
        }
        _ => Ok((page, total)),
    }
}

/// Whether tantivy's pruned scoring of `query` keeps the exact order. Block-max WAND over a
/// union of three or more words sums the words' scores in another order than the union
/// scorer does (floating-point addition is not associative), which could reorder near-ties;
/// and it skipped blocks of a word on a field without norms (keyword fields: `topic:iran`),
/// whose scores all tie, losing the newest of the tied articles. Such queries are counted
/// and ranked in full, a union of words a window of documents at a time ([`bulk`]), unless
/// pruning pays ([`bulk::BulkUnion::prunes_better`]: [`union::PrunedUnion`] prunes a long
/// union exactly). Single words on fields with norms, intersections (tantivy sums those in
/// the unpruned order), two-word unions and every other query type score identically.
fn prunes_exactly(query: &dyn Query, schema: &tantivy::schema::Schema) -> bool {
    let normed = normed(query, schema);
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else { return normed };
    let clauses = boolean.clauses();
    let should = clauses.iter().filter(|(occur, _)| *occur == Occur::Should).count();
    normed && (should < 3 || clauses.iter().any(|(occur, _)| *occur == Occur::Must))
}

/// Whether every word of `query` is on a field with norms (block-max WAND prunes only those
/// exactly: see [`prunes_exactly`]).
fn normed(query: &dyn Query, schema: &tantivy::schema::Schema) -> bool {
    let mut normed = true;
    query.query_terms(&mut |term, _| {
        normed &= schema.get_field_entry(term.field()).has_fieldnorms();
    });
    normed
}

fn build_hits(
    archive: &Archive,
    query: &dyn Query,
    ranked: &[(Option<f32>, DocAddress)],
    request: &SearchRequest,
) -> Result<Vec<Hit>> {
    let fields = &archive.store.fields;
    let generator = if request.snippet_chars > 0 {
        Some(snippet_generator(archive, query, request.snippet_chars)?)
    } else {
        None
    };
    // Snippets re-tokenize the whole body of each hit: those are spread over the search pool
    // (in rank order); bare hits are too cheap to be worth handing to other threads.
    let executor = if generator.is_some() { archive.executor().clone() } else { Executor::single_thread() };
    let hits = executor.map(
        |(i, (score, address))| {
            // The pool works in tantivy results, hence the searcher rather than `Archive::document`;
            // the body is read only for a snippet.
            let (article, snippet) = match &generator {
                Some(generator) => {
                    let doc: StoredDoc = archive.searcher.doc(*address)?;
                    let snippet = body_snippet(
                        generator,
                        doc.first_str(fields.body_text).unwrap_or_default(),
                        request.snippet_chars,
                    );
                    (archive.article(doc, false), snippet)
                }
                None => {
                    let WithoutBody(doc) = archive.searcher.doc(*address)?;
                    (archive.article(doc, false), Snippet::default())
                }
            };
            Ok(Hit { rank: request.offset + i + 1, score: *score, article, snippet, copies: Vec::new() })
        },
        ranked.iter().enumerate(),
    )?;
    Ok(hits)
}

/// tantivy's `SnippetGenerator::create` for the body (each term of the query on the body,
/// weighted `1 / (1 + document frequency)`), tokenizing with the snippet analysis, which
/// stems only the words that can stem to one of those terms: the same fragments and
/// highlights for a fraction of the tokenizing (the snippets were half of a search's work).
fn snippet_generator(archive: &Archive, query: &dyn Query, max_chars: usize) -> Result<SnippetGenerator> {
    let field = archive.store.fields.body;
    let mut terms = std::collections::BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term.clone());
        }
    });
    let mut weights = std::collections::BTreeMap::new();
    for term in &terms {
        let value = term.value();
        let Some(text) = value.as_str() else { continue };
        let doc_freq = archive.searcher.doc_freq(term)?;
        if doc_freq > 0 {
            weights.insert(text.to_string(), 1.0 / (1.0 + doc_freq as f32));
        }
    }
    let analyzer = TextAnalyzer::from(NewsTokenizer::snippet(weights.keys().map(String::as_str)));
    Ok(SnippetGenerator::new(weights, analyzer, field, max_chars))
}

/// The best fragment of the body, or its lede when no term of the query occurs in it.
fn body_snippet(generator: &SnippetGenerator, body: &str, max_chars: usize) -> Snippet {
    let snippet = generator.snippet(body);
    if snippet.is_empty() {
        Snippet { text: lede(body, max_chars), highlights: Vec::new() }
    } else {
        Snippet {
            text: snippet.fragment().to_string(),
            highlights: snippet.highlighted().iter().map(|r| [r.start, r.end]).collect(),
        }
    }
}

/// The first `max_chars` characters of a body, cut at a word boundary.
pub fn lede(text: &str, max_chars: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars).collect();
    match cut.rfind(' ') {
        Some(space) if space > max_chars / 2 => format!("{}…", &cut[..space]),
        _ => format!("{cut}…"),
    }
}

/// Counts the articles matching a query.
pub fn count(archive: &Archive, query: &str, options: &QueryOptions) -> Result<u64> {
    let query = archive.parse_query(query, options)?;
    Ok(archive.collect(&*query, &Count)? as u64)
}
