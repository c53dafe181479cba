//! "What else did we run on this?": the articles most like a given one. The article's words
//! are weighed by tf-idf over its title and text (the term statistics of
//! `query::feedback::term_counts`) and by its people, the 40 heaviest are searched as one
//! weighted BM25 query over the searched body, and the article itself is left out. Words are
//! ordered by weight, then text, so the same article gives the same list every time.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::archive::{Archive, StoredArticle};
use crate::error::Result;
use crate::query::feedback::term_counts;
use crate::search::{lede, Hit, SearchRequest};

/// How many of the article's words make the query.
const MAX_QUERY_TERMS: usize = 40;

/// The answer to `morgue similar`.
#[derive(Debug, Clone, Serialize)]
pub struct SimilarResults {
    /// The article the others are like.
    pub article: StoredArticle,
    /// The most similar articles, best first (`score` is the BM25 score of the article's
    /// weighted words).
    pub hits: Vec<Hit>,
}

/// The `limit` articles most like the one with id or path `target`.
pub fn similar(archive: &Archive, target: &str, limit: usize) -> Result<SimilarResults> {
    let address = archive.find(target)?;
    let doc = archive.document(address, true)?;
    let f = &archive.store.fields;
    let text: Vec<&str> = doc.all_str(f.title).chain(doc.all_str(f.body_text)).collect();
    let (mut counts, _) = term_counts(&text.join("\n"));
    // People weigh as words of the body do (the body indexes their canonical names).
    for person in doc.all_str(f.person) {
        for (stem, stop) in crate::query::ranked::analyze(person) {
            if !stop {
                *counts.entry(stem).or_insert(0) += 1;
            }
        }
    }
    let article = archive.article(doc, false);
    let query = like_query(archive, counts);
    let Some(query) = query else {
        return Ok(SimilarResults { article, hits: Vec::new() });
    };
    let request = SearchRequest { limit: limit + 1, snippet_chars: 0, ..SearchRequest::new("") };
    let ranked = crate::search::rank(archive, &*query, &request)?;
    let mut hits: Vec<Hit> = ranked.into_iter().filter(|h| h.article.id != article.id).take(limit).collect();
    for (i, hit) in hits.iter_mut().enumerate() {
        hit.rank = i + 1;
        let body = archive.document(archive.find(&hit.article.id)?, true)?;
        hit.snippet.text = lede(body.first_str(f.body_text).unwrap_or_default(), 220);
    }
    Ok(SimilarResults { article, hits })
}

/// The article's most distinctive words (tf × idf, words in at least 2 and at most half of
/// the articles) as a weighted query on the searched body; `None` when none qualifies.
fn like_query(archive: &Archive, counts: HashMap<String, u32>) -> Option<Box<dyn Query>> {
    let f = &archive.store.fields;
    let num_docs = archive.num_articles().max(1);
    let mut weighted: Vec<(f32, String, Term)> = Vec::new();
    for (stem, tf) in counts {
        if stem.chars().count() < 3 {
            continue;
        }
        let term = Term::from_field_text(f.body, &stem);
        let df = archive.searcher.doc_freq(&term).unwrap_or(0);
        if df < 2 || df > (num_docs / 2).max(2) {
            continue;
        }
        let idf = (1.0 + (num_docs as f32 - df as f32 + 0.5) / (df as f32 + 0.5)).ln();
        weighted.push((tf as f32 * idf, stem, term));
    }
    weighted.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    weighted.truncate(MAX_QUERY_TERMS);
    let top = weighted.first()?.0;
    let clauses: Vec<(Occur, Box<dyn Query>)> = weighted
        .into_iter()
        .map(|(weight, _, term)| {
            let query: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
            (Occur::Should, Box::new(BoostQuery::new(query, weight / top)) as Box<dyn Query>)
        })
        .collect();
    Some(Box::new(BooleanQuery::new(clauses)))
}
