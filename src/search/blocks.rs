//! A one-word query read a postings block at a time when nothing scores it.
//!
//! tantivy hands a term's unscored matches (`Weight::for_each_no_score`: facets, histograms,
//! match lists) to the callback 64 at a time, but gathers them one document at a time, a
//! scorer's `advance` and `doc` per match. [`BlockTerm`] passes on each decoded block of
//! the term's postings (128 documents) as it is: for a word in 70% of a million articles, a
//! person facet's instructions went from 100.9 M to 86.3 M (BENCHMARKS.md, session 26). The
//! documents are the same ones, deleted ones included (collectors skip those), in the same
//! order; everything else about the query is tantivy's `TermQuery`.

use tantivy::query::{EnableScoring, Query, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, SegmentReader, Term};

/// A [`TermQuery`] whose unscored pass goes a postings block at a time.
#[derive(Debug, Clone)]
pub struct BlockTerm {
    inner: TermQuery,
}

/// `query` as a [`BlockTerm`] when it is one word (a bare `TermQuery`); else `None`.
pub fn of(query: &dyn Query) -> Option<BlockTerm> {
    query.downcast_ref::<TermQuery>().map(|term| BlockTerm { inner: term.clone() })
}

impl Query for BlockTerm {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let inner = self.inner.weight(enable_scoring)?;
        Ok(Box::new(BlockTermWeight { inner, term: self.inner.term().clone() }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

/// tantivy's term weight, with a block-wise `for_each_no_score`.
struct BlockTermWeight {
    inner: Box<dyn Weight>,
    term: Term,
}

impl Weight for BlockTermWeight {
    pass_to_inner!(scorer, explain, count, for_each, for_each_pruning);

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        let inverted = reader.inverted_index(self.term.field())?;
        let Some(mut postings) = inverted.read_block_postings(&self.term, IndexRecordOption::Basic)? else {
            return Ok(());
        };
        loop {
            let docs = postings.docs();
            if docs.is_empty() {
                return Ok(());
            }
            callback(docs);
            postings.advance();
        }
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::DocSetCollector;
    use tantivy::schema::{Schema, STRING};
    use tantivy::{doc, Index, IndexWriter, TantivyDocument};

    use super::*;

    /// Every document with the word, deleted ones too, in order, block by block, as
    /// tantivy's own unscored pass gives them; and a search through it finds the same.
    #[test]
    fn blocks_hold_the_documents_tantivys_unscored_pass_gives() {
        let mut builder = Schema::builder();
        let word = builder.add_text_field("word", STRING);
        let index = Index::create_in_ram(builder.build());
        let mut writer: IndexWriter<TantivyDocument> = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // 1,000 documents: "a" in every third (8 blocks and a tail), "b" in all, "c" in one.
        for n in 0..1000u32 {
            let mut doc = doc!(word => "b");
            if n % 3 == 0 {
                doc.add_text(word, "a");
            }
            if n == 700 {
                doc.add_text(word, "c");
            }
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        writer.delete_term(Term::from_field_text(word, "c"));
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let reader = searcher.segment_reader(0);
        for text in ["a", "b", "c", "none"] {
            let term = TermQuery::new(Term::from_field_text(word, text), IndexRecordOption::Basic);
            let blocks = of(&term).expect("a bare term query");
            let unscored = |query: &dyn Query| {
                let weight = query.weight(EnableScoring::disabled_from_searcher(&searcher)).unwrap();
                let mut docs = Vec::new();
                weight.for_each_no_score(reader, &mut |block| docs.extend_from_slice(block)).unwrap();
                docs
            };
            let expected = unscored(&term);
            assert_eq!(unscored(&blocks), expected, "{text}");
            let want: Vec<u32> = match text {
                "a" => (0..1000).step_by(3).collect(),
                "b" => (0..1000).collect(),
                "c" => vec![700],
                _ => vec![],
            };
            assert_eq!(expected, want, "{text}");
            // Searches skip the deleted document either way.
            let found = |query: &dyn Query| searcher.search(query, &DocSetCollector).unwrap();
            let live = want.iter().filter(|&&doc| doc != 700).count();
            assert_eq!((found(&blocks), found(&term).len()), (found(&term), live), "{text}");
        }
        let boolean = tantivy::query::BooleanQuery::new(Vec::new());
        assert!(of(&boolean).is_none());
    }
}
