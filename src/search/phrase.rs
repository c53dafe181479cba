//! A phrase query that skips the positions of documents that cannot reach the top.
//!
//! tantivy's phrase scorer reads the positions of every document holding all the phrase's
//! words, to learn whether (and how often) the words stand side by side; over a large archive
//! that is most of a phrase search. But a document's phrase score is BM25 of its phrase
//! count, which cannot exceed the smallest frequency of the phrase's words in it: with a
//! capped count (`Top::cap`), once the cap is counted, a document whose bound is below the
//! top's threshold is passed over on its frequencies alone, as Lucene's phrase matcher does
//! with its upper bound. Scores of the documents checked are the ones tantivy computes (the
//! same BM25 weight, of the same phrase count), so the top is unchanged.
//!
//! Only a top-level exact phrase of consecutive words is wrapped ([`prunable`]); every other
//! use of the weight (counting, exact scoring, explanations) is tantivy's own.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EnableScoring, PhraseQuery, Query, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// A phrase of consecutive words (slop 0) whose skipping matches tantivy's phrase scorer.
#[derive(Debug, Clone)]
pub struct PrunedPhrase {
    inner: PhraseQuery,
}

/// `query` as a [`PrunedPhrase`] when it is a phrase of consecutive words with no slop (the
/// phrase tantivy's parser builds for `"interest rates"`), else `None`.
pub fn prunable(query: &dyn Query) -> Option<PrunedPhrase> {
    let phrase = query.downcast_ref::<PhraseQuery>()?;
    // Offsets and slop are private to tantivy's query: a phrase rebuilt from its words alone
    // (offsets 0, 1, 2 …, slop 0) prints the same only when it had exactly those.
    let plain = PhraseQuery::new(phrase.phrase_terms());
    (format!("{plain:?}") == format!("{phrase:?}")).then_some(PrunedPhrase { inner: plain })
}

impl Query for PrunedPhrase {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let inner = self.inner.weight(enable_scoring)?;
        let EnableScoring::Enabled { statistics_provider, .. } = enable_scoring else {
            return Ok(inner);
        };
        let terms = self.inner.phrase_terms();
        let bm25 = Bm25Weight::for_terms(statistics_provider, &terms)?;
        Ok(Box::new(PrunedPhraseWeight { inner, bm25, terms }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

/// tantivy's phrase weight, with a pruning `for_each_pruning`.
struct PrunedPhraseWeight {
    inner: Box<dyn Weight>,
    /// The phrase's BM25 weight, as tantivy's phrase weight computes it.
    bm25: Bm25Weight,
    /// The words, in phrase order (offsets 0, 1, …).
    terms: Vec<Term>,
}

impl Weight for PrunedPhraseWeight {
    pass_to_inner!(scorer, explain, count, for_each, for_each_no_score);

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let field = self.terms[0].field();
        let Some(norms) = reader.fieldnorms_readers().get_field(field)? else {
            return self.inner.for_each_pruning(threshold, reader, callback);
        };
        let inverted = reader.inverted_index(field)?;
        let mut words = Vec::with_capacity(self.terms.len());
        for (offset, term) in self.terms.iter().enumerate() {
            match inverted.read_postings(term, IndexRecordOption::WithFreqsAndPositions)? {
                Some(postings) => words.push((offset as u32, postings)),
                None => return Ok(()),
            }
        }
        Matcher::new(words, norms, &self.bm25).run(threshold, callback);
        Ok(())
    }
}

/// Walks the documents holding every word of a phrase, checking positions only where the
/// phrase could score above the threshold.
struct Matcher<'a> {
    /// Each word's postings with its offset in the phrase, rarest word first.
    words: Vec<(u32, SegmentPostings)>,
    norms: FieldNormReader,
    bm25: &'a Bm25Weight,
    last_offset: u32,
    left: Vec<u32>,
    right: Vec<u32>,
}

impl<'a> Matcher<'a> {
    fn new(
        mut words: Vec<(u32, SegmentPostings)>,
        norms: FieldNormReader,
        bm25: &'a Bm25Weight,
    ) -> Matcher<'a> {
        words.sort_by_key(|(_, postings)| postings.doc_freq());
        let last_offset = words.iter().map(|(offset, _)| *offset).max().unwrap_or(0);
        Matcher { words, norms, bm25, last_offset, left: Vec::new(), right: Vec::new() }
    }

    fn run(mut self, mut threshold: Score, callback: &mut dyn FnMut(DocId, Score) -> Score) {
        let mut doc = self.words[0].1.doc();
        while doc != TERMINATED {
            // Leapfrog: every word's postings on `doc`, or `doc` moves to the next candidate.
            let mut next = doc;
            for (_, postings) in &mut self.words[1..] {
                if postings.doc() < doc {
                    postings.seek(doc);
                }
                if postings.doc() > doc {
                    next = postings.doc();
                    break;
                }
            }
            if next != doc {
                doc = self.words[0].1.seek(next);
                continue;
            }
            let norm = self.norms.fieldnorm_id(doc);
            let bound = self.words.iter().map(|(_, p)| p.term_freq()).min().unwrap_or(0);
            if self.bm25.score(norm, bound) > threshold {
                let count = self.phrase_count();
                if count > 0 {
                    let score = self.bm25.score(norm, count);
                    if score > threshold {
                        threshold = callback(doc, score);
                    }
                }
            }
            doc = self.words[0].1.advance();
        }
    }

    /// How many times the words stand in phrase order in the current document: the positions
    /// where every word sits at its offset from the phrase's start.
    fn phrase_count(&mut self) -> u32 {
        let last = self.last_offset;
        let (first, rest) = self.words.split_first_mut().expect("a phrase has words");
        first.1.positions_with_offset(last - first.0, &mut self.left);
        for (offset, postings) in rest {
            if self.left.is_empty() {
                break;
            }
            postings.positions_with_offset(last - *offset, &mut self.right);
            let right = &self.right;
            let mut j = 0;
            self.left.retain(|&p| {
                while j < right.len() && right[j] < p {
                    j += 1;
                }
                j < right.len() && right[j] == p
            });
        }
        self.left.len() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::indexer::NoMergePolicy;
    use tantivy::query::QueryParser;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index};

    /// Two segments of short texts where "interest rates" occurs 0–3 times, next to and apart
    /// from each other, among texts of different lengths.
    fn index() -> (Index, tantivy::schema::Field) {
        let mut builder = Schema::builder();
        let body = builder.add_text_field("body", TEXT);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let pieces = ["interest rates", "rates of interest", "interest", "rates", "central bank", "rose"];
        for segment in 0..2u64 {
            for i in 0..600u64 {
                let mut text = Vec::new();
                let mut x = (i + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ segment;
                for _ in 0..(2 + i % 7) {
                    text.push(pieces[(x % pieces.len() as u64) as usize]);
                    x = x.rotate_left(17).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                }
                writer.add_document(doc!(body => text.join(" "))).unwrap();
            }
            writer.commit().unwrap();
        }
        (index, body)
    }

    #[test]
    fn only_plain_phrases_are_pruned() {
        let (index, body) = index();
        let parser = QueryParser::for_index(&index, vec![body]);
        let parse = |text: &str| parser.parse_query(text).unwrap();
        assert!(prunable(&*parse("\"interest rates\"")).is_some());
        for text in ["\"interest rates\"~1", "interest", "interest AND rates", "\"interest rates\" rose"] {
            assert!(prunable(&*parse(text)).is_none(), "{text}");
        }
    }

    #[test]
    fn pruned_phrase_finds_the_same_scores_and_skips_nothing_below_the_threshold() {
        let (index, body) = index();
        let searcher = index.reader().unwrap().searcher();
        let parser = QueryParser::for_index(&index, vec![body]);
        let phrase = parser.parse_query("\"interest rates\"").unwrap();
        let pruned = prunable(&*phrase).unwrap();
        // Same matches and scores when nothing can be skipped (threshold below every score).
        let all = searcher.search(&*phrase, &Count).unwrap();
        assert!(all > 100, "{all}");
        for segment in 0..2u32 {
            let reader = searcher.segment_reader(segment);
            let scoring = tantivy::query::EnableScoring::enabled_from_searcher(&searcher);
            let mut expected = Vec::new();
            phrase.weight(scoring).unwrap().for_each(reader, &mut |d, s| expected.push((d, s))).unwrap();
            let mut got = Vec::new();
            let weight = pruned.weight(scoring).unwrap();
            weight
                .for_each_pruning(Score::MIN, reader, &mut |d, s| {
                    got.push((d, s));
                    Score::MIN
                })
                .unwrap();
            assert_eq!(got, expected, "segment {segment}");
            // With a threshold, exactly the documents above it are reported.
            let threshold = expected[expected.len() / 2].1;
            let above: Vec<_> = expected.iter().filter(|(_, s)| *s > threshold).copied().collect();
            assert!(!above.is_empty() && above.len() < expected.len());
            let mut got = Vec::new();
            weight
                .for_each_pruning(threshold, reader, &mut |d, s| {
                    got.push((d, s));
                    threshold
                })
                .unwrap();
            assert_eq!(got, above, "segment {segment}");
        }
        // The top 10 agrees with tantivy's (scores are compared, ties may order differently).
        let top = |q: &dyn Query| -> Vec<Score> {
            searcher
                .search(q, &TopDocs::with_limit(10).order_by_score())
                .unwrap()
                .iter()
                .map(|(s, _)| *s)
                .collect()
        };
        assert_eq!(top(&pruned), top(&*phrase));
    }
}
