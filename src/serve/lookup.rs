//! What the article view needs beyond `morgue show`: finding an article by id only (never a
//! path), the query's matches over its whole body, and its near-copies (bodies whose MinHash
//! signatures estimate a Jaccard similarity at or above a threshold, exact copies included),
//! found by one pass over each segment's signature column.

use std::path::Path;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Term};

use crate::archive::Archive;
use crate::article::fingerprint::estimated_jaccard;
use crate::audit::Member;
use crate::error::{Error, Result};
use crate::query::QueryOptions;
use crate::search::Snippet;

/// The article with this id (ids only: a path is not looked up).
pub fn by_id(archive: &Archive, id: &str) -> Result<DocAddress> {
    let query = TermQuery::new(Term::from_field_text(archive.store.fields.id, id), IndexRecordOption::Basic);
    let top = archive.searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    top.first().map(|(_, address)| *address).ok_or_else(|| Error::NotFound(id.to_string()))
}

/// The whole body of an article with the byte ranges of the query's matches in it (as a
/// search snippet, but over the full text).
pub fn highlight(
    archive: &Archive,
    address: DocAddress,
    query: &str,
    options: &QueryOptions,
) -> Result<Snippet> {
    let parsed = archive.parse_query(query, options)?;
    let doc = archive.document(address, true)?;
    let f = &archive.store.fields;
    let body = doc.first_str(f.body_text).unwrap_or_default().to_string();
    let mut generator = SnippetGenerator::create(&archive.searcher, &*parsed, f.body)?;
    // One fragment as long as the body: it starts at byte 0, so its ranges are body offsets.
    generator.set_max_num_chars(body.len() + 1);
    let snippet = generator.snippet(&body);
    let highlights = snippet.highlighted().iter().map(|r| [r.start, r.end]).collect();
    Ok(Snippet { text: body, highlights })
}

/// The near-copies of one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearCopies {
    /// The article's id.
    pub id: String,
    /// The minimum estimated Jaccard similarity of word 3-shingles asked for.
    pub threshold: f64,
    /// Other articles at or above it, most similar first (1.0 = the same body).
    pub copies: Vec<Member>,
}

/// Articles whose bodies are estimated at least `threshold` alike to the one at `address`
/// (at most `limit`, most similar first, then by path).
pub fn near_copies(
    archive: &Archive,
    address: DocAddress,
    threshold: f64,
    limit: usize,
) -> Result<NearCopies> {
    let searcher = &archive.searcher;
    let target = archive.segment_columns(address.segment_ord)?.signature(address.doc_id);
    let mut found: Vec<(DocAddress, f64)> = Vec::new();
    if let Some(target) = target {
        for (segment_ord, reader) in searcher.segment_readers().iter().enumerate() {
            let columns = archive.segment_columns(segment_ord as u32)?;
            for doc in reader.doc_ids_alive() {
                let here = DocAddress::new(segment_ord as u32, doc);
                let Some(signature) = columns.signature(doc) else { continue };
                let similarity = estimated_jaccard(&target, &signature);
                if similarity >= threshold && here != address {
                    found.push((here, similarity));
                }
            }
        }
    }
    let mut copies = Vec::with_capacity(found.len());
    for (here, similarity) in found {
        let article = archive.article(archive.document(here, false)?, false);
        copies.push(Member {
            path: Path::new(&article.root).join(&article.path).display().to_string(),
            id: article.id,
            title: article.title,
            date: article.date,
            similarity,
        });
    }
    copies.sort_by(|a, b| b.similarity.total_cmp(&a.similarity).then_with(|| a.path.cmp(&b.path)));
    copies.truncate(limit);
    let id = archive.article(archive.document(address, false)?, false).id;
    Ok(NearCopies { id, threshold, copies })
}
