//! A union of three or more words, pruned by block-max WAND with tantivy's plain scores.
//!
//! tantivy prunes a union of words (`Weight::for_each_pruning`) with block-max WAND, which
//! sums a document's word scores in the order its postings lists happen to sit, while the
//! plain union scorer sums them in clause order. Floating-point addition is not associative:
//! over three words or more the two sums can differ in the last bits, so WAND could drop a
//! document the unpruned search keeps at the edge of the top, or order near-ties otherwise.
//! (Two words sum the same either way.)
//!
//! [`PrunedUnion`] keeps the pruning and the plain scores: WAND runs with its threshold
//! lowered by a margin larger than any difference between two orders of summation, so every
//! document whose plain score reaches the top's threshold still arrives; each arriving
//! document is then scored again as the plain union scores it (its clauses' scores added in
//! clause order), and that score is what the collector sees. Scores, and so the order of
//! ties, are exactly the unpruned ones.
//!
//! Only a top-level union of words (every clause `Should`, each a word or a boosted word) is
//! wrapped ([`prunable`]); every other use of the weight is tantivy's own. `search` prunes a
//! union so only where that skips most of its documents (`bulk::BulkUnion::prunes_better`):
//! between words about as frequent, ranking it in full costs less.

use tantivy::query::{BooleanQuery, BoostQuery, EnableScoring, Occur, Query, Scorer, TermQuery, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Relative margin per clause under which WAND's threshold is lowered: summing `n` positive
/// scores in two orders differs by at most about `(n - 1) · ε` of the sum (ε = `f32::EPSILON`),
/// and the sums of block maxima WAND compares carry the same error; 8 leaves room to spare.
const MARGIN_PER_CLAUSE: f32 = 8.0 * f32::EPSILON;

/// A union of three or more words whose pruning keeps tantivy's plain scores.
#[derive(Debug, Clone)]
pub struct PrunedUnion {
    inner: BooleanQuery,
}

/// `query` as a [`PrunedUnion`] when it is a union of three or more clauses, each a word or
/// a boosted word, with no required or excluded clause and the default "one clause must
/// match"; else `None`.
pub fn prunable(query: &dyn Query) -> Option<PrunedUnion> {
    let boolean = query.downcast_ref::<BooleanQuery>()?;
    let clauses = boolean.clauses();
    let words = clauses.len() >= 3
        && boolean.get_minimum_number_should_match() <= 1
        && clauses.iter().all(|(occur, clause)| *occur == Occur::Should && is_word(&**clause));
    words.then(|| PrunedUnion { inner: boolean.clone() })
}

/// A word (`TermQuery`), or a boost of a query of one word read without positions.
fn is_word(query: &dyn Query) -> bool {
    if query.downcast_ref::<TermQuery>().is_some() {
        return true;
    }
    if query.downcast_ref::<BoostQuery>().is_none() {
        return false;
    }
    let mut terms = 0;
    let mut positions = false;
    query.query_terms(&mut |_, needs_positions| {
        terms += 1;
        positions |= needs_positions;
    });
    terms == 1 && !positions
}

impl Query for PrunedUnion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let inner = self.inner.weight(enable_scoring)?;
        if !enable_scoring.is_scoring_enabled() {
            return Ok(inner);
        }
        let clauses = self
            .inner
            .clauses()
            .iter()
            .map(|(_, clause)| clause.weight(enable_scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(PrunedUnionWeight { inner, clauses }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

/// tantivy's union weight, with a `for_each_pruning` that reports plain scores.
struct PrunedUnionWeight {
    inner: Box<dyn Weight>,
    /// The clauses' weights, in clause order (the order the plain union adds their scores).
    clauses: Vec<Box<dyn Weight>>,
}

impl Weight for PrunedUnionWeight {
    pass_to_inner!(scorer, explain, count, for_each, for_each_no_score);

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut clauses = self
            .clauses
            .iter()
            .map(|weight| weight.scorer(reader, 1.0))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let margin = MARGIN_PER_CLAUSE * self.clauses.len() as f32;
        let lowered = |threshold: Score| {
            if threshold > 0.0 {
                threshold - threshold * margin
            } else {
                threshold
            }
        };
        // WAND reports documents in increasing order, so the clauses' scorers only move forward.
        self.inner.for_each_pruning(lowered(threshold), reader, &mut |doc, _| {
            lowered(callback(doc, plain_score(&mut clauses, doc)))
        })
    }
}

/// The score the plain union gives `doc`: the scores of the clauses holding it, added in
/// clause order from zero. Every scorer stands at or before `doc`, or past it when it lacks
/// it.
fn plain_score(clauses: &mut [Box<dyn Scorer>], doc: DocId) -> Score {
    let mut score: Score = 0.0;
    for clause in clauses.iter_mut() {
        let at = if clause.doc() < doc { clause.seek(doc) } else { clause.doc() };
        if at == doc && at != TERMINATED {
            score += clause.score();
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::Count;
    use tantivy::indexer::NoMergePolicy;
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index};

    fn word(field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs))
    }

    #[test]
    fn only_unions_of_three_words_or_more_are_wrapped() {
        let mut builder = Schema::builder();
        let body = builder.add_text_field("body", TEXT);
        let _ = builder.build();
        let should = |qs: Vec<Box<dyn Query>>| qs.into_iter().map(|q| (Occur::Should, q)).collect::<Vec<_>>();
        let three =
            should(vec![word(body, "a"), word(body, "b"), Box::new(BoostQuery::new(word(body, "c"), 2.0))]);
        assert!(prunable(&BooleanQuery::new(three)).is_some());
        assert!(prunable(&BooleanQuery::new(should(vec![word(body, "a"), word(body, "b")]))).is_none());
        let mut required = should(vec![word(body, "a"), word(body, "b"), word(body, "c")]);
        required[0].0 = Occur::Must;
        assert!(prunable(&BooleanQuery::new(required)).is_none());
        let two_of_three = BooleanQuery::with_minimum_required_clauses(
            should(vec![word(body, "a"), word(body, "b"), word(body, "c")]),
            2,
        );
        assert!(prunable(&two_of_three).is_none());
        let phrase = tantivy::query::PhraseQuery::new(vec![
            Term::from_field_text(body, "a"),
            Term::from_field_text(body, "b"),
        ]);
        let boosted_phrase: Box<dyn Query> = Box::new(BoostQuery::new(Box::new(phrase), 2.0));
        let with_phrase = should(vec![word(body, "a"), word(body, "b"), boosted_phrase]);
        assert!(prunable(&BooleanQuery::new(with_phrase)).is_none());
    }

    #[test]
    fn pruning_reports_the_plain_scores_above_any_threshold() {
        let mut builder = Schema::builder();
        let body = builder.add_text_field("body", TEXT);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let words = ["oil", "gas", "opec", "crude", "price"];
        for n in 0..3_000u64 {
            let x = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            let text: Vec<&str> =
                (0..1 + (x >> 11) % 9).map(|k| words[((x >> (3 * k)) % 5) as usize]).collect();
            writer.add_document(doc!(body => text.join(" "))).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let union = BooleanQuery::new(vec![
            (Occur::Should, word(body, "oil")),
            (Occur::Should, Box::new(BoostQuery::new(word(body, "gas"), 2.0))),
            (Occur::Should, word(body, "opec")),
            (Occur::Should, word(body, "crude")),
        ]);
        let pruned = prunable(&union).unwrap();
        let enable = EnableScoring::enabled_from_searcher(&searcher);
        let reader = searcher.segment_reader(0);
        // The plain union's (doc, score) pairs, and its scores best first.
        let mut plain = Vec::new();
        union.weight(enable).unwrap().for_each(reader, &mut |doc, score| plain.push((doc, score))).unwrap();
        assert_eq!(plain.len(), searcher.search(&union, &Count).unwrap());
        let mut all: Vec<Score> = plain.iter().map(|(_, s)| *s).collect();
        all.sort_by(|a, b| b.total_cmp(a));
        let weight = pruned.weight(enable).unwrap();
        for threshold in [Score::MIN, 0.0, all[all.len() / 2], all[40], all[3]] {
            let mut got = Vec::new();
            weight
                .for_each_pruning(threshold, reader, &mut |doc, score| {
                    got.push((doc, score));
                    threshold
                })
                .unwrap();
            let kept: Vec<(DocId, Score)> = got.into_iter().filter(|(_, s)| *s > threshold).collect();
            let want: Vec<(DocId, Score)> = plain.iter().copied().filter(|(_, s)| *s > threshold).collect();
            assert_eq!(kept, want, "threshold {threshold}");
        }
    }
}
