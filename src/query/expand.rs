//! Words that tantivy's query language would hand to the analyzer as plain text, but that a
//! search user means as patterns: a trailing wildcard (`venezuel*`, `"venezuel"*`) and a
//! fuzzy word (`pompeu~1`, or `pompeu~` for a distance that grows with the word's length, as in
//! Elasticsearch). This module recognises them and expands each against the term dictionaries
//! of the index into its most frequent matching terms (at most `MAX_EXPANSIONS` per field).
//! The expansion is searched as an OR of term queries, so matches rank by BM25 and are
//! highlighted in snippets like any other word.

use std::collections::HashMap;

use tantivy::query::{BooleanQuery, BoostQuery, EmptyQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::query_grammar::{Delimiter, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{Searcher, Term};

use crate::analysis::NewsTokenizer;
use crate::error::{Error, Result};
use crate::schema::{FieldKind, SchemaSpec};

/// At most this many terms stand for one pattern in one field: the most frequent ones.
pub const MAX_EXPANSIONS: usize = 128;

/// The largest edit distance a fuzzy word may ask for.
pub const MAX_DISTANCE: u8 = 2;

/// What a word of the query asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// `word*`: the terms that start with the word.
    Prefix(String),
    /// `word~N`: the terms within N edits (insert, delete, substitute, swap two letters).
    Fuzzy { word: String, distance: u8 },
}

impl Pattern {
    /// The pattern a literal of the parsed query asks for: `Ok(None)` for an ordinary word or
    /// phrase, `Err` with a message for a `*` or `~` morgue cannot run.
    pub fn of(literal: &UserInputLiteral) -> std::result::Result<Option<Pattern>, String> {
        if literal.delimiter != Delimiter::None {
            // `"venezuel"*`: tantivy's phrase prefix needs two words; one word is a prefix.
            let one_word = !literal.phrase.is_empty() && literal.phrase.chars().all(char::is_alphanumeric);
            return Ok((literal.prefix && literal.slop == 0 && one_word)
                .then(|| Pattern::Prefix(literal.phrase.clone())));
        }
        let word = literal.phrase.as_str();
        if let Some(start) = word.strip_suffix('*') {
            if start.is_empty() || start.contains('*') {
                return Err(format!(
                    "`{word}`: a wildcard needs the start of a word before it, e.g. `venezuel*` (`*` alone matches every article)"
                ));
            }
            return Ok(Some(Pattern::Prefix(start.to_string())));
        }
        if word.contains('*') {
            return Err(format!("`{word}`: `*` works only at the end of a word, e.g. `venezuel*`"));
        }
        let Some((start, distance)) = word.rsplit_once('~') else {
            return Ok(None);
        };
        if start.is_empty() || start.contains('~') {
            return Err(format!("`{word}`: `~` follows a word, e.g. `pompeu~1`"));
        }
        let distance = match distance {
            "" => auto_distance(start),
            digits => digits.parse::<u8>().ok().filter(|d| *d <= MAX_DISTANCE).ok_or_else(|| {
                format!("`{word}`: a fuzzy word allows 0 to {MAX_DISTANCE} edits, e.g. `pompeu~1`")
            })?,
        };
        Ok(Some(Pattern::Fuzzy { word: start.to_string(), distance }))
    }

    /// The word the pattern is about, as the user typed it.
    pub fn word(&self) -> &str {
        match self {
            Pattern::Prefix(word) | Pattern::Fuzzy { word, .. } => word,
        }
    }
}

/// Elasticsearch's `AUTO`: no edit for words of one or two letters, one up to five, else two.
fn auto_distance(word: &str) -> u8 {
    match word.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// The words `text` analyzes into, without stemming (what a prefix is compared with).
pub fn words(text: &str) -> Vec<String> {
    analyze(&mut TextAnalyzer::from(NewsTokenizer::name()), text)
}

fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// The query a pattern stands for over `fields` (each with its ranking weight): in each
/// field, an OR of the most frequent matching terms; matches nothing when no term does.
pub fn query(
    searcher: &Searcher,
    spec: &SchemaSpec,
    fields: &[(Field, f32)],
    pattern: &Pattern,
) -> Result<Box<dyn Query>> {
    let schema = searcher.schema();
    let mut per_field: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for &(field, boost) in fields {
        let name = schema.get_field_name(field);
        let kind = spec.field(name).map(|f| f.kind);
        let Some(form) = kind.and_then(|kind| normal_form(kind, pattern)) else {
            return Err(Error::Query {
                column: 1,
                message: format!(
                    "`{}`: `*` and `~` work on words, and `{name}` does not hold words",
                    pattern.word()
                ),
            });
        };
        let Some(form) = form else { continue };
        let terms = matching_terms(searcher, field, kind == Some(FieldKind::Text), pattern, &form)?;
        let record = match kind {
            Some(FieldKind::Text | FieldKind::Name) => IndexRecordOption::WithFreqs,
            _ => IndexRecordOption::Basic,
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .into_iter()
            .map(|term| {
                let query: Box<dyn Query> = Box::new(TermQuery::new(term, record));
                (Occur::Should, query)
            })
            .collect();
        let query: Box<dyn Query> = match clauses.len() {
            0 => continue,
            1 => clauses.pop().expect("one clause").1,
            _ => Box::new(BooleanQuery::new(clauses)),
        };
        let query = if boost == 1.0 { query } else { Box::new(BoostQuery::new(query, boost)) };
        per_field.push((Occur::Should, query));
    }
    Ok(match per_field.len() {
        0 => Box::new(EmptyQuery),
        1 => per_field.pop().expect("one field").1,
        _ => Box::new(BooleanQuery::new(per_field)),
    })
}

/// The form of the pattern's word that the field's terms are compared with: `None` when the
/// field holds no words (numbers, dates), `Some(None)` when the word leaves nothing to match
/// in it (punctuation only). A prefix is compared unstemmed; a fuzzy word as the field
/// indexes it (stemmed in text fields).
fn normal_form(kind: FieldKind, pattern: &Pattern) -> Option<Option<String>> {
    let word = pattern.word();
    let forms = match kind {
        FieldKind::Text | FieldKind::Name => match pattern {
            Pattern::Prefix(_) => words(word),
            Pattern::Fuzzy { .. } if kind == FieldKind::Text => {
                analyze(&mut TextAnalyzer::from(NewsTokenizer::text()), word)
            }
            Pattern::Fuzzy { .. } => words(word),
        },
        FieldKind::Keyword => vec![crate::schema::keyword_form(word)],
        FieldKind::Raw => vec![word.to_string()],
        FieldKind::Date | FieldKind::I64 | FieldKind::U64 | FieldKind::Bytes => return None,
    };
    // Several words (`u.s*`): the caller searches those as a phrase prefix instead.
    Some(forms.into_iter().next().filter(|form| !form.is_empty()))
}

/// The field's terms that match, most frequent first, at most `MAX_EXPANSIONS`. In a stemmed
/// field a prefix also matches the stems it was cut from: `presiden*` finds "presid", the
/// stem of "president", because the index holds no longer form of that word.
fn matching_terms(
    searcher: &Searcher,
    field: Field,
    stemmed: bool,
    pattern: &Pattern,
    form: &str,
) -> tantivy::Result<Vec<Term>> {
    let mut found: HashMap<Vec<u8>, u64> = HashMap::new();
    for reader in searcher.segment_readers() {
        let inverted = reader.inverted_index(field)?;
        let dictionary = inverted.terms();
        match pattern {
            Pattern::Prefix(_) => {
                let mut stream = dictionary.range().ge(form.as_bytes()).into_stream()?;
                while stream.advance() && stream.key().starts_with(form.as_bytes()) {
                    *found.entry(stream.key().to_vec()).or_default() += u64::from(stream.value().doc_freq);
                }
                if stemmed {
                    for cut in stem_cuts(form) {
                        if let Some(info) = dictionary.get(cut.as_bytes())? {
                            *found.entry(cut.as_bytes().to_vec()).or_default() += u64::from(info.doc_freq);
                        }
                    }
                }
            }
            Pattern::Fuzzy { distance, .. } => {
                let fuzzy = FuzzyTermQuery::new(Term::from_field_text(field, form), *distance, true);
                let mut stream = dictionary.search(fuzzy.automaton()?).into_stream()?;
                while stream.advance() {
                    *found.entry(stream.key().to_vec()).or_default() += u64::from(stream.value().doc_freq);
                }
            }
        }
    }
    let mut ranked: Vec<(Vec<u8>, u64)> = found.into_iter().collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(MAX_EXPANSIONS);
    Ok(ranked
        .into_iter()
        .filter_map(|(bytes, _)| String::from_utf8(bytes).ok())
        .map(|text| Term::from_field_text(field, &text))
        .collect())
}

/// The shorter forms a stemmer may have cut a word starting with `prefix` down to: the prefix
/// less one to three letters, never shorter than four letters.
fn stem_cuts(prefix: &str) -> Vec<&str> {
    let ends: Vec<usize> = prefix.char_indices().map(|(i, _)| i).skip(4).collect();
    ends.iter().rev().take(3).map(|&end| &prefix[..end]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(phrase: &str, delimiter: Delimiter, prefix: bool) -> UserInputLiteral {
        UserInputLiteral { field_name: None, phrase: phrase.into(), delimiter, slop: 0, prefix }
    }

    fn word(phrase: &str) -> std::result::Result<Option<Pattern>, String> {
        Pattern::of(&literal(phrase, Delimiter::None, false))
    }

    #[test]
    fn words_with_a_trailing_star_or_a_tilde_are_patterns() {
        assert_eq!(word("venezuel*"), Ok(Some(Pattern::Prefix("venezuel".into()))));
        assert_eq!(word("pompeu~1"), Ok(Some(Pattern::Fuzzy { word: "pompeu".into(), distance: 1 })));
        assert_eq!(word("pompeu~"), Ok(Some(Pattern::Fuzzy { word: "pompeu".into(), distance: 2 })));
        assert_eq!(word("iran~"), Ok(Some(Pattern::Fuzzy { word: "iran".into(), distance: 1 })));
        assert_eq!(word("iran"), Ok(None));
        let quoted = literal("venezuel", Delimiter::DoubleQuotes, true);
        assert_eq!(Pattern::of(&quoted), Ok(Some(Pattern::Prefix("venezuel".into()))));
        // Two quoted words with a star stay tantivy's phrase prefix.
        assert_eq!(Pattern::of(&literal("trade wa", Delimiter::DoubleQuotes, true)), Ok(None));
    }

    #[test]
    fn patterns_morgue_cannot_run_are_errors() {
        assert!(word("b*d").unwrap_err().contains("only at the end"));
        assert!(word("iran~3").unwrap_err().contains("0 to 2 edits"));
        assert!(word("~2").is_err());
        assert!(word("**").is_err());
    }

    #[test]
    fn stem_cuts_keep_four_letters() {
        assert_eq!(stem_cuts("presiden"), vec!["preside", "presid", "presi"]);
        assert_eq!(stem_cuts("iran"), Vec::<&str>::new());
        assert_eq!(stem_cuts("irans"), vec!["iran"]);
    }
}
