//! Ranked search: runs a parsed query against an `Archive`, BM25-ranked (title boosted over
//! body, see schema.toml) or newest first, counts every match, and builds each hit's stored
//! fields and a body snippet with the matched terms' byte ranges. Returns data; the binaries
//! render it.

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Executor, Order};

use crate::archive::{Archive, StoredArticle, StoredDoc, WithoutBody};
use crate::error::Result;
use crate::query::QueryOptions;

/// Result order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    /// Best BM25 score first.
    #[default]
    Relevance,
    /// Newest date first (undated articles last).
    Date,
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
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Every matching article, not just the ones returned.
    pub total_hits: u64,
    /// How many top results were skipped.
    pub offset: usize,
    pub hits: Vec<Hit>,
}

/// Runs a search.
pub fn search(archive: &Archive, request: &SearchRequest) -> Result<SearchResults> {
    let query = archive.parse_query(&request.query, &request.options)?;
    let limit = request.limit.max(1);
    let (ranked, total): (Vec<(Option<f32>, DocAddress)>, usize) = match request.sort {
        SortOrder::Relevance => {
            let collector = TopDocs::with_limit(limit).and_offset(request.offset).order_by_score();
            let (top, total) = archive.collect(&*query, &(collector, Count))?;
            (top.into_iter().map(|(s, a)| (Some(s), a)).collect(), total)
        }
        SortOrder::Date => {
            let collector = TopDocs::with_limit(limit)
                .and_offset(request.offset)
                .order_by_fast_field::<DateTime>("date", Order::Desc);
            let (top, total) = archive.collect(&*query, &(collector, Count))?;
            (top.into_iter().map(|(_, a)| (None, a)).collect(), total)
        }
    };
    let hits = if request.limit == 0 { Vec::new() } else { build_hits(archive, &*query, &ranked, request)? };
    Ok(SearchResults { query: request.query.clone(), total_hits: total as u64, offset: request.offset, hits })
}

fn build_hits(
    archive: &Archive,
    query: &dyn Query,
    ranked: &[(Option<f32>, DocAddress)],
    request: &SearchRequest,
) -> Result<Vec<Hit>> {
    let fields = &archive.store.fields;
    let generator = if request.snippet_chars > 0 {
        let mut generator = SnippetGenerator::create(&archive.searcher, query, fields.body)?;
        generator.set_max_num_chars(request.snippet_chars);
        Some(generator)
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
            Ok(Hit { rank: request.offset + i + 1, score: *score, article, snippet })
        },
        ranked.iter().enumerate(),
    )?;
    Ok(hits)
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
