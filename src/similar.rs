//! "What else did we run on this?": the articles most like a given one, by tantivy's
//! MoreLikeThisQuery over the title, body and people of the article (the most distinctive
//! terms by tf-idf), excluding the article itself.

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::MoreLikeThisQuery;
use tantivy::schema::OwnedValue;

use crate::archive::{Archive, StoredArticle};
use crate::error::Result;
use crate::search::{lede, Hit, Snippet};

/// Short English function words that never make two articles alike.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "he", "her",
    "his", "i", "in", "is", "it", "it'", "its", "not", "of", "on", "or", "said", "she", "that", "the",
    "their", "they", "this", "to", "was", "we", "were", "which", "who", "will", "with", "would",
];

/// The answer to `morgue similar`.
#[derive(Debug, Clone, Serialize)]
pub struct SimilarResults {
    /// The article the others are like.
    pub article: StoredArticle,
    /// The most similar articles, best first (`score` is the MoreLikeThis score).
    pub hits: Vec<Hit>,
}

/// The `limit` articles most like the one with id or path `target`.
pub fn similar(archive: &Archive, target: &str, limit: usize) -> Result<SimilarResults> {
    let address = archive.find(target)?;
    let doc = archive.document(address, true)?;
    let f = &archive.store.fields;
    let values =
        |field| -> Vec<OwnedValue> { doc.all_str(field).map(|s| OwnedValue::Str(s.to_string())).collect() };
    // The body is searched as `body` and stored as `body_text`.
    let fields: Vec<_> = [(f.title, f.title), (f.body, f.body_text), (f.person, f.person)]
        .into_iter()
        .map(|(searched, stored)| (searched, values(stored)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let article = archive.article(doc, false);
    if fields.is_empty() {
        return Ok(SimilarResults { article, hits: Vec::new() });
    }
    let num_docs = archive.num_articles().max(1);
    let query = MoreLikeThisQuery::builder()
        .with_min_doc_frequency(2)
        .with_max_doc_frequency((num_docs / 2).max(2))
        .with_min_term_frequency(1)
        .with_min_word_length(3)
        .with_max_query_terms(40)
        .with_boost_factor(1.0)
        .with_stop_words(STOP_WORDS.iter().map(|s| s.to_string()).collect())
        .with_document_fields(fields);
    let top = archive.searcher.search(&query, &TopDocs::with_limit(limit + 1).order_by_score())?;
    let mut hits = Vec::with_capacity(limit);
    for (score, hit_address) in top {
        if hit_address == address || hits.len() == limit {
            continue;
        }
        let hit_doc = archive.document(hit_address, true)?;
        let snippet = Snippet {
            text: lede(hit_doc.first_str(f.body_text).unwrap_or_default(), 220),
            highlights: Vec::new(),
        };
        hits.push(Hit {
            rank: hits.len() + 1,
            score: Some(score),
            article: archive.article(hit_doc, false),
            snippet,
        });
    }
    Ok(SimilarResults { article, hits })
}
