//! Pseudo-relevance feedback (RM3): a plain-word query is run once, the words of its best
//! results are weighed (each result's term frequencies over its length, times the result's
//! share of the top scores), and the query is run again with the heaviest of those words
//! added beside its own. The term statistics are the ones `similar` ranks by
//! (`term_counts`): the analyzed, stemmed words of an article's title and text, function
//! words left out.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::Query;
use tantivy::{Searcher, Term};

use super::ranked::{self, WeightedTerm};
use crate::archive::StoredDoc;
use crate::error::Result;
use crate::schema::Fields;

/// How many top results feed the expansion, how many words it adds, and the weight the
/// original query keeps (the rest goes to the added words). Measured on CISI, Cranfield and
/// MED (BENCHMARKS.md, *Ranking*).
pub const FEEDBACK_DOCS: usize = 10;
pub const FEEDBACK_TERMS: usize = 20;
pub const ORIGINAL_WEIGHT: f32 = 0.5;

/// The stemmed content words of `text` with their counts, and the number of words counted.
pub fn term_counts(text: &str) -> (HashMap<String, u32>, u32) {
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut length = 0;
    for (stem, stop) in ranked::analyze(text) {
        length += 1;
        if !stop && stem.len() > 1 && !stem.chars().all(|c| c.is_ascii_digit()) {
            *counts.entry(stem).or_insert(0) += 1;
        }
    }
    (counts, length)
}

/// `terms` expanded with the words of the best results of `terms` (restricted by `filter`).
pub fn expand(
    searcher: &Searcher,
    fields: &Fields,
    terms: &[WeightedTerm],
    filter: &dyn Fn(Box<dyn Query>) -> Box<dyn Query>,
) -> Result<Vec<WeightedTerm>> {
    let (docs, n_terms, original) = (FEEDBACK_DOCS, FEEDBACK_TERMS, ORIGINAL_WEIGHT);
    let first = filter(ranked::scored(terms, false));
    let top = searcher.search(&*first, &TopDocs::with_limit(docs).order_by_score())?;
    let total: f32 = top.iter().map(|(score, _)| score).sum();
    if top.is_empty() || total <= 0.0 {
        return Ok(terms.to_vec());
    }
    let mut weights: HashMap<String, f32> = HashMap::new();
    for (score, address) in &top {
        let doc: StoredDoc = searcher.doc(*address)?;
        let text: Vec<&str> =
            [fields.title, fields.body_text].into_iter().flat_map(|f| doc.all_str(f)).collect();
        let (counts, length) = term_counts(&text.join("\n"));
        let share = score / total / length.max(1) as f32;
        for (stem, count) in counts {
            *weights.entry(stem).or_insert(0.0) += share * count as f32;
        }
    }
    let mut best: Vec<(String, f32)> = weights.into_iter().collect();
    // Heaviest first, ties by the word, so equal inputs expand equally.
    best.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    best.truncate(n_terms);
    let added: f32 = best.iter().map(|(_, w)| w).sum();
    let asked: f32 = terms.iter().map(|t| t.weight).sum();
    let mut combined: Vec<WeightedTerm> = terms
        .iter()
        .map(|t| WeightedTerm { term: t.term.clone(), weight: original * t.weight / asked })
        .collect();
    for (stem, weight) in best {
        let term = Term::from_field_text(fields.body, &stem);
        let weight = (1.0 - original) * weight / added;
        match combined.iter_mut().find(|t| t.term == term) {
            Some(existing) => existing.weight += weight,
            None => combined.push(WeightedTerm { term, weight }),
        }
    }
    // Scaled to the query's own total weight, so scores read like those of the query alone.
    let scale = asked / combined.iter().map(|t| t.weight).sum::<f32>();
    for t in &mut combined {
        t.weight *= scale;
    }
    Ok(combined)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::Archive;
    use crate::article::{Article, Fingerprint};
    use crate::schema::{FileFacts, SchemaSpec};
    use crate::store::Store;

    /// The expansion reads the best results' stored title and body: a word only their titles
    /// hold ("zeppelin") joins the query, one of articles that do not match does not.
    #[test]
    fn expansion_takes_words_from_the_titles_and_bodies_of_the_best_results() {
        let store = Store::in_ram(&SchemaSpec::builtin()).unwrap();
        let mut writer: tantivy::IndexWriter = store.index.writer_with_num_threads(1, 50_000_000).unwrap();
        for i in 0..12 {
            let (title, body) = if i % 2 == 0 {
                ("Zeppelin over the harbour", "Dockers at the harbour watched the cranes stand idle.")
            } else {
                ("Market report", "Shares in shipping firms rose as bond yields slipped.")
            };
            let article = Article {
                title: title.into(),
                body: body.into(),
                fingerprint: Fingerprint::of(body),
                ..Article::default()
            };
            let file = FileFacts {
                id: format!("{i:016x}"),
                root: "/r".into(),
                path: format!("{i}.txt"),
                size: 1,
                mtime: 0,
                hash: i,
            };
            writer.add_document(store.fields.document(&article, &file, &[])).unwrap();
        }
        writer.commit().unwrap();
        let archive = Archive::from_store_with_threads(store, 1).unwrap();
        let fields = &archive.store.fields;
        let harbour = WeightedTerm { term: Term::from_field_text(fields.body, "harbour"), weight: 1.0 };
        let expanded = expand(&archive.searcher, fields, &[harbour], &|q| q).unwrap();
        let words: Vec<String> =
            expanded.iter().filter_map(|t| t.term.value().as_str().map(str::to_string)).collect();
        for (word, present) in [("zeppelin", true), ("docker", true), ("share", false)] {
            assert_eq!(words.iter().any(|w| w == word), present, "{word}: {words:?}");
        }
    }
}
