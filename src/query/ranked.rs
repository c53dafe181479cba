//! Plain-word queries as `search` ranks them. A query of bare words (no quotes, fields,
//! operators or patterns) is analyzed here instead of by tantivy's parser: each word is
//! stemmed into a term of the searched `body` (which leads with the title, see `schema`),
//! a repeated word weighs as many times as it is written, and English function words are
//! dropped unless nothing else is left. The terms are then scored as one BM25 sum over the
//! combined field; `search` decides which articles are in each tier (all the words, then some).

use std::collections::HashMap;

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::Term;

use crate::analysis::NewsTokenizer;

/// English function words: dropped from a plain ranked query (they still match inside a
/// phrase, and in `count`'s exact boolean semantics). A query of nothing but these keeps them.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "during", "each", "for", "from", "further", "had", "has", "have", "having", "he", "her",
    "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "may",
    "me", "might", "more", "most", "must", "my", "no", "nor", "not", "of", "on", "only", "or", "other",
    "our", "ours", "out", "over", "own", "said", "same", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through",
    "to", "too", "under", "until", "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
];

/// True for a function word of `STOP_WORDS` (lowercase, unstemmed).
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// The words of a query written as bare words, or `None` when it uses any query syntax
/// (quotes, `field:`, `+`/`-`, `AND`/`OR`/`NOT`, parentheses, patterns, apostrophes,
/// hyphens, dots): those go to the boolean parser unchanged.
pub fn plain_words(text: &str) -> Option<Vec<&str>> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let plain = !words.is_empty()
        && words
            .iter()
            .all(|w| w.chars().all(char::is_alphanumeric) && !matches!(*w, "AND" | "OR" | "NOT" | "IN"));
    plain.then_some(words)
}

/// A query term with its weight (how many times the query says it).
#[derive(Debug, Clone, PartialEq)]
pub struct WeightedTerm {
    pub term: Term,
    pub weight: f32,
}

/// The words of `text` as the text field analyzes them (stemmed), each with whether it is a
/// function word.
pub fn analyze(text: &str) -> Vec<(String, bool)> {
    let mut names = TextAnalyzer::from(NewsTokenizer::name());
    let mut stems = TextAnalyzer::from(NewsTokenizer::text());
    let mut all = Vec::new();
    let mut stream = names.token_stream(text);
    while let Some(token) = stream.next() {
        let stop = is_stop_word(&token.text);
        let mut stemmed = stems.token_stream(&token.text);
        while let Some(stem) = stemmed.next() {
            all.push((stem.text.clone(), stop));
        }
    }
    all
}

/// The weighted `field` terms of plain `words`, in query order: stemmed as the text field is,
/// function words dropped (unless every word is one), repeats counted.
pub fn weigh(field: Field, words: &[&str]) -> Vec<WeightedTerm> {
    let all = analyze(&words.join(" "));
    let content = all.iter().any(|(_, stop)| !stop);
    let mut order: Vec<String> = Vec::new();
    let mut counts: HashMap<String, f32> = HashMap::new();
    for (text, stop) in all {
        if content && stop {
            continue;
        }
        let count = counts.entry(text.clone()).or_insert(0.0);
        if *count == 0.0 {
            order.push(text);
        }
        *count += 1.0;
    }
    order
        .into_iter()
        .map(|text| WeightedTerm { weight: counts[&text], term: Term::from_field_text(field, &text) })
        .collect()
}

/// One term's BM25 query, weighted.
pub fn term_query(term: &WeightedTerm) -> Box<dyn Query> {
    let query: Box<dyn Query> = Box::new(TermQuery::new(term.term.clone(), IndexRecordOption::WithFreqs));
    if term.weight == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, term.weight))
    }
}

/// The BM25 sum of `terms`; with `require_all`, only the articles holding every term match.
/// (A proximity bonus, a sloppy phrase per neighbouring pair of words, was measured and left
/// out: it lowered MAP on CISI; BENCHMARKS.md, *Ranking*.)
pub fn scored(terms: &[WeightedTerm], require_all: bool) -> Box<dyn Query> {
    let occur = if require_all { Occur::Must } else { Occur::Should };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = terms.iter().map(|t| (occur, term_query(t))).collect();
    if clauses.len() == 1 {
        return clauses.pop().map(|(_, q)| q).expect("one clause");
    }
    Box::new(BooleanQuery::new(clauses))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, TEXT};

    fn texts(terms: &[WeightedTerm]) -> Vec<(String, f32)> {
        terms.iter().map(|t| (t.term.value().as_str().unwrap().to_string(), t.weight)).collect()
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]), "STOP_WORDS must stay sorted");
    }

    #[test]
    fn only_bare_words_are_plain() {
        assert_eq!(plain_words("iran  sanctions"), Some(vec!["iran", "sanctions"]));
        for query in
            ["iran AND syria", "\"a b\"", "title:x", "-iran", "iran*", "o'rourke", "u.s", "(a)", "a~"]
        {
            assert_eq!(plain_words(query), None, "{query}");
        }
    }

    #[test]
    fn repeats_count_and_function_words_drop() {
        let mut builder = Schema::builder();
        let body = builder.add_text_field("body", TEXT);
        let terms = weigh(body, &["What", "are", "the", "MEDLARS", "systems", "medlars", "medlars"]);
        assert_eq!(texts(&terms), vec![("medlar".into(), 3.0), ("system".into(), 1.0)]);
        // Nothing but function words: they are the query.
        assert_eq!(texts(&weigh(body, &["the", "who"])), vec![("the".into(), 1.0), ("who".into(), 1.0)]);
    }
}
