//! A union of words scored in full a window of documents at a time, with tantivy's own scores.
//!
//! A ranked union of words is scored in full where pruning would skip little
//! ([`BulkUnion::prunes_better`]; three words or more cannot be pruned by tantivy alone, see
//! `search::prunes_exactly`): tantivy's buffered union moves one scorer per word a document at a
//! time, reading each match's field norm through the scorer and adding its score into a
//! window of 4,096 documents, then hands the window's documents over one `advance` and one
//! collector call at a time. For `officials OR government OR minister` at a million
//! articles (1.57 M postings, 922 k matches) that was about 100 M of the search's 125 M
//! instructions.
//!
//! [`BulkUnion`] does the same sums straight from the words' decoded postings blocks: for
//! each window, each word in clause order adds `Bm25Weight::score(field norm id, term
//! frequency)` of its documents in the window into the window's scores. A document's score
//! is its words' scores added in clause order from zero, as tantivy's union adds them, so
//! scores, and the order of ties, are the plain union's to the bit. Each word's scores in a
//! segment are first checked against tantivy's own scorer over its first postings block; a
//! word that disagrees (a term query built to read no frequencies, a boost read wrong)
//! sends the segment to tantivy's union.
//!
//! A ranked search ([`top`]) hands each window's documents and scores to the segment's
//! [`Top`] whole, and ranks a large segment in pieces on the search pool.
//!
//! Only a top-level union of words (every clause `Should`, each a word or a boosted word, at
//! least two) is wrapped ([`of`]); its other passes are tantivy's.

use std::ops::Range;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::directory::OwnedBytes;
use tantivy::error::DataCorruption;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::{
    Bm25Weight, BooleanQuery, BoostQuery, EnableScoring, Occur, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, Term, TERMINATED};

use super::top::Top;
use crate::archive::Archive;
use crate::error::Result;

/// Documents per window: the window's scores (4 bytes each) and bits stay in the CPU's
/// first-level cache, as tantivy's union's do.
const WINDOW: usize = 4096;

/// How many times the documents of its rarest word a two-word union's most frequent word
/// may hold for the union to be ranked in full rather than pruned
/// ([`BulkUnion::prunes_better`]); [`PRUNING_RATIO_MORE`] for three words or more.
const PRUNING_RATIO: u64 = 4;
const PRUNING_RATIO_MORE: u64 = 6;

/// The share of the documents past which a word's score is next to nothing (its idf under
/// 0.11), so that pruning skips the documents holding only it.
const UBIQUITOUS: f64 = 0.9;

/// Postings of a word checked against tantivy's scorer in each segment, from its first.
const CHECKED: usize = 128;

/// A union of words whose scored pass goes a postings block at a time.
#[derive(Debug, Clone)]
pub struct BulkUnion {
    inner: BooleanQuery,
    /// Each clause's word and boost, in clause order.
    words: Vec<(Term, Score)>,
}

/// `query` as a [`BulkUnion`] when it is a union of two or more clauses, each a word or a
/// boosted word, with no required or excluded clause and the default "one clause must
/// match"; else `None`.
pub fn of(query: &dyn Query) -> Option<BulkUnion> {
    let boolean = query.downcast_ref::<BooleanQuery>()?;
    let clauses = boolean.clauses();
    if clauses.len() < 2 || boolean.get_minimum_number_should_match() > 1 {
        return None;
    }
    let words = clauses
        .iter()
        .map(|(occur, clause)| (*occur == Occur::Should).then(|| word(&**clause)).flatten())
        .collect::<Option<Vec<_>>>()?;
    Some(BulkUnion { inner: boolean.clone(), words })
}

/// The word of a `TermQuery`, with boost 1, or of a `BoostQuery` over one, with its boost.
/// tantivy keeps a boost to itself but prints it in full (Rust prints an `f32` in the
/// fewest digits that read back as the same number); the segments check the scores it
/// gives (see the module's notes).
fn word(query: &dyn Query) -> Option<(Term, Score)> {
    if let Some(term) = query.downcast_ref::<TermQuery>() {
        return Some((term.term().clone(), 1.0));
    }
    query.downcast_ref::<BoostQuery>()?;
    let printed = format!("{query:?}");
    let boost = printed.strip_prefix("Boost(query=TermQuery(")?.rsplit_once(", boost=")?.1;
    let boost: Score = boost.strip_suffix(')')?.parse().ok()?;
    let mut terms = Vec::new();
    query.query_terms(&mut |term, _| terms.push(term.clone()));
    match <[Term; 1]>::try_from(terms) {
        Ok([term]) => Some((term, boost)),
        Err(_) => None,
    }
}

impl BulkUnion {
    /// Whether pruning the union (block-max WAND) costs less than ranking it in full: when
    /// one of its words is in nearly every document (more than [`UBIQUITOUS`] of them: it
    /// scores next to nothing, and WAND skips the documents holding only it), or the most
    /// frequent of the words the segments hold is in more than [`PRUNING_RATIO`] times the
    /// documents of the rarest (two words; [`PRUNING_RATIO_MORE`] for more). Measured at 1M
    /// in instructions, pruned / in full: `officials OR government` (705 k, 706 k documents)
    /// 152.8 M / 89.0 M; `minister OR maduro` (155 k, 44 k) 28.6 / 24.7; `officials OR
    /// minister` 47.2 / 64.7; `officials OR maduro` 33.3 / 61.0; `said OR officials` (999 k,
    /// 705 k) 40.5 / 99.4; `officials OR government OR minister` 105.7 / 94.9; `officials OR
    /// sanctions OR iran` (705 k, 173 k, 143 k) 86.7 / 72.0; `government OR brexit OR opec`
    /// (706 k, 113 k, 94 k) 49.4 / 68.1; `officials OR government OR maduro` 52.4 / 91.9.
    pub fn prunes_better(&self, searcher: &Searcher) -> bool {
        let mut freqs = Vec::with_capacity(self.words.len());
        for (term, _) in &self.words {
            match searcher.doc_freq(term) {
                Ok(0) => {}
                Ok(freq) => freqs.push(freq),
                Err(_) => return true,
            }
        }
        let docs = searcher.num_docs().max(1);
        let ratio = if self.words.len() == 2 { PRUNING_RATIO } else { PRUNING_RATIO_MORE };
        match (freqs.iter().min(), freqs.iter().max()) {
            (Some(&least), Some(&most)) if freqs.len() > 1 => {
                most as f64 > UBIQUITOUS * docs as f64 || most > ratio * least
            }
            // One word the segments hold, or none: a word's own pruning.
            _ => true,
        }
    }

    /// The union's weight, with the scoring of its window pass; `None` when nothing scores.
    fn bulk_weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Option<BulkUnionWeight>> {
        let EnableScoring::Enabled { statistics_provider, .. } = enable_scoring else { return Ok(None) };
        let words = self
            .inner
            .clauses()
            .iter()
            .zip(&self.words)
            .map(|((_, clause), (term, boost))| {
                Ok(Word {
                    term: term.clone(),
                    // As tantivy's term weight scores it, and its scorer boosts it.
                    bm25: Bm25Weight::for_terms(statistics_provider, std::slice::from_ref(term))?
                        .boost_by(*boost),
                    weight: clause.weight(enable_scoring)?,
                })
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Some(BulkUnionWeight { inner: self.inner.weight(enable_scoring)?, words }))
    }
}

impl Query for BulkUnion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        match self.bulk_weight(enable_scoring)? {
            Some(weight) => Ok(Box::new(weight)),
            None => self.inner.weight(enable_scoring),
        }
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

/// The top of `union`'s results by score, every match counted (`Top` with no cap), its
/// windows handed to each segment's top whole: through `Weight::for_each`, a call per
/// document into the collector cost more than adding the document's scores.
pub fn top(archive: &Archive, union: &BulkUnion, top: &Top) -> Result<<Top as Collector>::Fruit> {
    let scoring = EnableScoring::enabled_from_searcher(&archive.searcher);
    match union.bulk_weight(scoring)? {
        // `Windowed` scores with its own weight: the one tantivy builds from the query it is
        // given goes unused, so it is given the plain union's, the cheaper to build.
        Some(weight) => archive.collect(&union.inner, &Windowed { top, weight }),
        None => archive.collect(union, top),
    }
}

/// [`Top`], fed a window at a time by a [`BulkUnionWeight`] of its own (tantivy's weight,
/// which it is handed too, keeps its type to itself). A large segment is ranked in pieces
/// on the search pool, each piece's best kept as a segment's are, and the pieces merged
/// with the segments: segments go one to a thread, and a million articles' largest segment
/// (640 k documents) held a union up on one thread while the other was done.
struct Windowed<'a> {
    top: &'a Top,
    weight: BulkUnionWeight,
}

impl Windowed<'_> {
    /// The best of the segment's documents in `docs`, as fruits of [`Top`]: one, or one a
    /// piece of at least [`PIECE_DOCS`].
    fn pieces(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
        docs: Range<DocId>,
    ) -> tantivy::Result<Vec<TopFruit>> {
        let len = docs.end - docs.start;
        // Off the pool (a query too small for it), `rayon::join` would start rayon's own.
        if len >= 2 * PIECE_DOCS && rayon::current_thread_index().is_some() {
            let middle = docs.start + len / 2;
            let (first, second) = rayon::join(
                || self.pieces(segment, reader, docs.start..middle),
                || self.pieces(segment, reader, middle..docs.end),
            );
            let mut fruits = first?;
            fruits.extend(second?);
            return Ok(fruits);
        }
        let mut top = self.top.for_segment(segment, reader)?;
        let alive = reader.alive_bitset();
        self.weight.for_each_window(reader, docs, &mut |docs, scores| {
            for (&doc, &score) in docs.iter().zip(scores) {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    top.collect(doc, score);
                }
            }
        })?;
        Ok(vec![top.harvest()])
    }
}

/// Documents a piece of a segment holds at least, when a segment is ranked in pieces.
#[cfg(not(test))]
const PIECE_DOCS: DocId = 65_536;
#[cfg(test)]
const PIECE_DOCS: DocId = 1_024;

/// What [`Top`] keeps of one segment.
type TopFruit = <<Top as Collector>::Child as SegmentCollector>::Fruit;

impl Collector for Windowed<'_> {
    type Fruit = <Top as Collector>::Fruit;
    type Child = Pieces;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<Pieces> {
        Ok(Pieces(self.top.for_segment(segment, reader)?))
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<TopFruit>>) -> tantivy::Result<Self::Fruit> {
        self.top.merge_fruits(fruits.into_iter().flatten().collect())
    }

    fn collect_segment(
        &self,
        _: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Vec<TopFruit>> {
        if self.weight.agrees(reader)? {
            self.pieces(segment, reader, 0..reader.max_doc())
        } else {
            // tantivy's union, ranked as `Top` ranks any query.
            Ok(vec![self.top.collect_segment(&*self.weight.inner, segment, reader)?])
        }
    }
}

/// A segment's [`Top`] giving its fruit as a piece of one (`Windowed` collects its
/// segments itself; tantivy's own pass would come here).
pub struct Pieces(<Top as Collector>::Child);

impl SegmentCollector for Pieces {
    type Fruit = Vec<TopFruit>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.0.collect(doc, score);
    }

    fn harvest(self) -> Vec<TopFruit> {
        vec![self.0.harvest()]
    }
}

/// tantivy's union weight, with a `for_each` that scores a window at a time.
struct BulkUnionWeight {
    inner: Box<dyn Weight>,
    /// The clauses' words, in clause order (the order the plain union adds their scores).
    words: Vec<Word>,
}

/// One clause of the union.
struct Word {
    term: Term,
    bm25: Bm25Weight,
    /// tantivy's weight of the clause, whose scorer checks ours.
    weight: Box<dyn Weight>,
}

impl Weight for BulkUnionWeight {
    pass_to_inner!(scorer, explain, count, for_each_no_score, for_each_pruning);

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        if !self.agrees(reader)? {
            return self.inner.for_each(reader, callback);
        }
        self.for_each_window(reader, 0..reader.max_doc(), &mut |docs, scores| {
            docs.iter().zip(scores).for_each(|(&doc, &score)| callback(doc, score));
        })
    }
}

impl BulkUnionWeight {
    /// Whether each word's scores in `reader`'s segment are tantivy's, over its first
    /// [`CHECKED`] postings: false (tantivy's union then ranks the segment) for a term query
    /// built to read no frequencies, or a boost read wrong.
    fn agrees(&self, reader: &SegmentReader) -> tantivy::Result<bool> {
        for word in &self.words {
            let Some(cursor) = Cursor::open(word, reader, 0)? else { continue };
            let mut scorer: Box<dyn Scorer> = word.weight.scorer(reader, 1.0)?;
            for (i, &doc) in cursor.postings.docs().iter().enumerate().take(CHECKED) {
                if scorer.doc() != doc || scorer.score().to_bits() != cursor.score(i, doc).to_bits() {
                    return Ok(false);
                }
                scorer.advance();
            }
        }
        Ok(true)
    }

    /// Hands `each` the union's documents in `docs` of `reader`'s segment with their
    /// scores, in doc order, a window at a time: what `Weight::for_each` hands over one by
    /// one. The scores are ours: [`BulkUnionWeight::agrees`] says whether they are tantivy's.
    fn for_each_window(
        &self,
        reader: &SegmentReader,
        docs: Range<DocId>,
        each: &mut dyn FnMut(&[DocId], &[Score]),
    ) -> tantivy::Result<()> {
        let mut cursors = Vec::with_capacity(self.words.len());
        for word in &self.words {
            if let Some(mut cursor) = Cursor::open(word, reader, docs.start)? {
                cursor.until = docs.end;
                cursors.push(cursor);
            }
        }
        let mut scores = Box::new([0.0 as Score; WINDOW]);
        let mut bits = [0u64; WINDOW / 64];
        // The window's documents and their scores, in doc order.
        let (mut held, mut found) = (Box::new([0 as DocId; WINDOW]), Box::new([0.0 as Score; WINDOW]));
        // Each window starts at the first document any word has left, so stretches of the
        // segment no word holds are not walked.
        while let Some(start) = cursors.iter().map(Cursor::doc).min().filter(|&doc| doc != TERMINATED) {
            for cursor in &mut cursors {
                cursor.add(start, &mut scores, &mut bits)?;
            }
            let mut len = 0;
            for (at, word) in bits.iter_mut().enumerate() {
                while *word != 0 {
                    let i = (at * 64 + word.trailing_zeros() as usize) % WINDOW;
                    *word &= *word - 1;
                    // `len` ≤ `i`: a window holds no more documents than it spans.
                    held[len % WINDOW] = start + i as DocId;
                    found[len % WINDOW] = std::mem::replace(&mut scores[i], 0.0);
                    len += 1;
                }
            }
            each(&held[..len], &found[..len]);
        }
        Ok(())
    }
}

/// A word's place in its postings blocks in one segment, and how its matches score.
struct Cursor {
    postings: BlockSegmentPostings,
    /// The word, to name in an error.
    term: Term,
    /// The next posting's place in the loaded block.
    at: usize,
    /// The end of the docs read: the postings from it on are left.
    until: DocId,
    norms: Norms,
    bm25: Bm25Weight,
    /// Whether the term frequencies are read (else each is 1, as tantivy's scorer has them
    /// for a field indexed without them).
    freqs: bool,
}

impl Cursor {
    /// The word's postings in `reader`'s segment from doc `from` on; `None` when the
    /// segment holds none of them.
    fn open(word: &Word, reader: &SegmentReader, from: DocId) -> tantivy::Result<Option<Cursor>> {
        let field = word.term.field();
        let inverted = reader.inverted_index(field)?;
        let Some(info) = inverted.get_term_info(&word.term)? else { return Ok(None) };
        let mut postings = inverted.read_block_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
        let at = if from > 0 { postings.seek(from) } else { 0 };
        let freqs = reader
            .schema()
            .get_field_entry(field)
            .field_type()
            .get_index_record_option()
            .is_some_and(|option| option.has_freq());
        // As tantivy's term weight reads the norms: a field without them scores as length 1.
        let norms = match reader.fieldnorms_readers().get_inner_file().open_read(field) {
            Some(file) => Norms::Read(file.read_bytes()?),
            None => Norms::Same(FieldNormReader::fieldnorm_to_id(1)),
        };
        let (term, bm25) = (word.term.clone(), word.bm25.clone());
        let cursor = Cursor { postings, term, at, until: TERMINATED, norms, bm25, freqs };
        Ok((cursor.doc() != TERMINATED).then_some(cursor))
    }

    /// The next document the word holds, or `TERMINATED`.
    fn doc(&self) -> DocId {
        self.postings.docs().get(self.at).copied().filter(|&doc| doc < self.until).unwrap_or(TERMINATED)
    }

    /// The score of the word in `doc`, the `i`-th posting of the loaded block.
    #[inline(always)]
    fn score(&self, i: usize, doc: DocId) -> Score {
        let freq = if self.freqs { self.postings.freqs()[i] } else { 1 };
        let norm = match &self.norms {
            Norms::Read(ids) => ids.get(doc as usize).copied().unwrap_or_default(),
            Norms::Same(id) => *id,
        };
        self.bm25.score(norm, freq)
    }

    /// Adds the scores of the word's documents from `start` to the end of the window into
    /// `scores`, marking them in `bits`, and moves past them.
    fn add(
        &mut self,
        start: DocId,
        scores: &mut [Score; WINDOW],
        bits: &mut [u64; WINDOW / 64],
    ) -> tantivy::Result<()> {
        let end = start.saturating_add(WINDOW as DocId).min(self.until);
        loop {
            let docs = self.postings.docs();
            let Some(&last) = docs.last() else { return Ok(()) };
            if matches!(&self.norms, Norms::Read(ids) if last as usize >= ids.len()) {
                return Err(tantivy::TantivyError::DataCorruption(DataCorruption::comment_only(format!(
                    "postings of {:?} name doc {last}, past the segment's field norms",
                    self.term
                ))));
            }
            // Most blocks end inside the window: their docs go in with no test each.
            let stop = if last < end {
                docs.len()
            } else {
                self.at + docs[self.at..].partition_point(|&doc| doc < end)
            };
            let range = self.at..stop;
            let mut window = Window { start, scores: &mut *scores, bits: &mut *bits, bm25: &self.bm25 };
            // The two choices made once a block, so that the loop over its docs has none.
            match (&self.norms, self.freqs) {
                (Norms::Read(ids), true) => {
                    window.add(&docs[range.clone()], &self.postings.freqs()[range], |doc| ids[doc as usize])
                }
                (Norms::Read(ids), false) => window.add(&docs[range], &[], |doc| ids[doc as usize]),
                (&Norms::Same(id), true) => {
                    window.add(&docs[range.clone()], &self.postings.freqs()[range], |_| id)
                }
                (&Norms::Same(id), false) => window.add(&docs[range], &[], |_| id),
            }
            if stop < docs.len() {
                self.at = stop;
                return Ok(());
            }
            self.postings.advance();
            self.at = 0;
        }
    }
}

/// A word's field norm ids in one segment.
enum Norms {
    /// One byte per doc, from the segment's field norms.
    Read(OwnedBytes),
    /// The field keeps no norms: every doc scores as one of length 1, as tantivy has it.
    Same(u8),
}

/// The scores of one window and the word being added to them.
struct Window<'a> {
    start: DocId,
    scores: &'a mut [Score; WINDOW],
    bits: &'a mut [u64; WINDOW / 64],
    bm25: &'a Bm25Weight,
}

impl Window<'_> {
    /// Adds the word's score in each of `docs` (all in the window), with `freqs` their term
    /// frequencies (empty: 1 each) and `norm` their field norm ids.
    #[inline(always)]
    fn add(&mut self, docs: &[DocId], freqs: &[u32], norm: impl Fn(DocId) -> u8) {
        let mut put = |doc: DocId, freq: u32| {
            let i = (doc - self.start) as usize % WINDOW;
            self.scores[i] += self.bm25.score(norm(doc), freq);
            self.bits[i / 64] |= 1 << (i % 64);
        };
        if freqs.is_empty() {
            docs.iter().for_each(|&doc| put(doc, 1));
        } else {
            docs.iter().zip(freqs).for_each(|(&doc, &freq)| put(doc, freq));
        }
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::Count;
    use tantivy::query::PhraseQuery;
    use tantivy::schema::Field;
    use tantivy::{Executor, Index, Searcher};

    use super::*;
    use crate::archive::ColumnCache;
    use crate::search::top::tests::{empty_index, story};
    use crate::search::top::{By, Total};

    /// Three segments (2,500, 3,300 and 40 documents) of a few words in many lengths and
    /// counts, so that scores vary and tie; some documents undated, some deleted.
    fn index() -> (Index, Field) {
        let (index, mut writer, fields) = empty_index(50_000_000);
        let [id, _, _, body] = fields;
        let words = ["oil", "gas", "opec", "crude", "price", "tanker", "oil", "the"];
        let mut n = 0u64;
        for size in [2_500u64, 3_300, 40] {
            for _ in 0..size {
                n += 1;
                let x = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
                let mut text: Vec<&str> =
                    (0..1 + (x >> 11) % 23).map(|k| words[((x >> (k % 20)) % 8) as usize]).collect();
                // A word in one document of 50, and one in all but one of 20.
                if n.is_multiple_of(50) {
                    text.push("rare");
                }
                if !n.is_multiple_of(20) {
                    text.push("wire");
                }
                let day = (!x.is_multiple_of(7)).then_some(x % 5);
                writer.add_document(story(fields, x, &text.join(" "), day)).unwrap();
            }
            writer.commit().unwrap();
        }
        // Every 97th document deleted.
        for k in (97..n).step_by(97) {
            let x = k.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            writer.delete_term(Term::from_field_text(id, &format!("{x:016x}")));
        }
        writer.commit().unwrap();
        (index, body)
    }

    fn word(body: Field, text: &str, boost: Score) -> Box<dyn Query> {
        let term: Box<dyn Query> =
            Box::new(TermQuery::new(Term::from_field_text(body, text), IndexRecordOption::WithFreqs));
        if boost == 1.0 {
            term
        } else {
            Box::new(BoostQuery::new(term, boost))
        }
    }

    fn union(body: Field, words: &[(&str, Score)]) -> BooleanQuery {
        BooleanQuery::new(
            words.iter().map(|&(text, boost)| (Occur::Should, word(body, text, boost))).collect(),
        )
    }

    /// Unions the tests rank: boosted words, a word the index lacks, a word in nearly every
    /// document, and two words alike.
    fn unions(body: Field) -> Vec<BooleanQuery> {
        vec![
            union(body, &[("oil", 1.0), ("gas", 1.0)]),
            union(body, &[("gas", 1.0), ("oil", 1.7), ("opec", 1.0), ("crude", 0.4)]),
            union(body, &[("tanker", 2.5), ("missing", 1.0), ("price", 1.0)]),
            union(body, &[("rare", 1.0), ("crude", 1.0), ("rare", 2.0)]),
            union(body, &[("the", 1.0), ("oil", 1.0), ("oil", 1.0)]),
        ]
    }

    /// The (doc, score bits) pairs `weight` gives in each segment, as `for_each` gives them.
    fn scored(weight: &dyn Weight, searcher: &Searcher) -> Vec<Vec<(DocId, u32)>> {
        let mut segments = Vec::new();
        for reader in searcher.segment_readers() {
            let mut pairs = Vec::new();
            weight.for_each(reader, &mut |doc, score| pairs.push((doc, score.to_bits()))).unwrap();
            segments.push(pairs);
        }
        segments
    }

    #[test]
    fn only_unions_of_words_are_taken() {
        let (_, body) = index();
        assert!(of(&union(body, &[("oil", 1.0), ("gas", 1.0)])).is_some());
        let taken = of(&union(body, &[("oil", 1.0), ("gas", 0.25), ("opec", 3.0)])).unwrap();
        let boosts: Vec<Score> = taken.words.iter().map(|(_, boost)| *boost).collect();
        assert_eq!(boosts, [1.0, 0.25, 3.0]);
        assert!(of(&union(body, &[("oil", 1.0)])).is_none());
        let required = vec![(Occur::Must, word(body, "oil", 1.0)), (Occur::Should, word(body, "gas", 1.0))];
        assert!(of(&BooleanQuery::new(required)).is_none());
        let three = ["oil", "gas", "opec"].map(|text| (Occur::Should, word(body, text, 1.0)));
        let two_of_three = BooleanQuery::with_minimum_required_clauses(three.into(), 2);
        assert!(of(&two_of_three).is_none());
        let phrase =
            PhraseQuery::new(vec![Term::from_field_text(body, "oil"), Term::from_field_text(body, "gas")]);
        let with_phrase = BooleanQuery::new(vec![
            (Occur::Should, word(body, "oil", 1.0)),
            (Occur::Should, Box::new(phrase)),
        ]);
        assert!(of(&with_phrase).is_none());
        let boosted_phrase = BoostQuery::new(
            Box::new(PhraseQuery::new(vec![
                Term::from_field_text(body, "oil"),
                Term::from_field_text(body, "gas"),
            ])),
            2.0,
        );
        let with_boosted_phrase = BooleanQuery::new(vec![
            (Occur::Should, word(body, "oil", 1.0)),
            (Occur::Should, Box::new(boosted_phrase)),
        ]);
        assert!(of(&with_boosted_phrase).is_none());
    }

    /// Words about as frequent are ranked in full; a word in a fiftieth of the documents
    /// beside a frequent one, a word in 95% of them, or a union of one word the index holds,
    /// is pruned.
    #[test]
    fn unions_are_pruned_only_where_a_word_is_far_rarer_or_in_nearly_every_document() {
        let (index, body) = index();
        let searcher = index.reader().unwrap().searcher();
        let freq = |w: &str| searcher.doc_freq(&Term::from_field_text(body, w)).unwrap();
        let docs = searcher.num_docs();
        let (gas, opec, crude, wire, rare) =
            (freq("gas"), freq("opec"), freq("crude"), freq("wire"), freq("rare"));
        assert!(
            gas < 4 * opec && opec < 4 * gas && crude < 4 * opec && opec < 4 * crude,
            "{gas} {opec} {crude}"
        );
        assert!(
            gas > 6 * rare && rare > 0 && wire * 10 > docs * 9 && gas * 10 < docs * 9,
            "{gas} {rare} {wire}"
        );
        let pruned = |words: &[&str]| {
            let words: Vec<(&str, Score)> = words.iter().map(|&w| (w, 1.0)).collect();
            of(&union(body, &words)).unwrap().prunes_better(&searcher)
        };
        assert!(!pruned(&["gas", "opec"]));
        assert!(!pruned(&["gas", "opec", "crude"]));
        assert!(!pruned(&["gas", "opec", "missing"]));
        assert!(pruned(&["gas", "rare"]));
        assert!(pruned(&["gas", "opec", "rare"]));
        assert!(pruned(&["wire", "gas"]));
        assert!(pruned(&["gas", "missing"]));
    }

    /// Every segment's documents and scores, to the bit, are the plain union's, deleted
    /// documents included; read in ranges of documents, the windows give the same in turn.
    #[test]
    fn windows_hold_the_plain_unions_documents_and_scores() {
        let (index, body) = index();
        let searcher = index.reader().unwrap().searcher();
        let enable = EnableScoring::enabled_from_searcher(&searcher);
        for query in unions(body) {
            let plain = scored(&*query.weight(enable).unwrap(), &searcher);
            let bulk = of(&query).unwrap().bulk_weight(enable).unwrap().unwrap();
            assert_eq!(scored(&bulk, &searcher), plain, "{query:?}");
            assert!(plain.iter().all(|segment| !segment.is_empty()), "{query:?}");
            for (reader, want) in searcher.segment_readers().iter().zip(&plain) {
                assert!(bulk.agrees(reader).unwrap());
                let max_doc = reader.max_doc();
                let mut got = Vec::new();
                for docs in [0..max_doc / 3, max_doc / 3..max_doc / 3 + 1, max_doc / 3 + 1..max_doc] {
                    bulk.for_each_window(reader, docs.clone(), &mut |held, scores| {
                        assert!(held.iter().all(|doc| docs.contains(doc)));
                        got.extend(held.iter().zip(scores).map(|(&doc, score)| (doc, score.to_bits())));
                    })
                    .unwrap();
                }
                assert_eq!(&got, want, "{query:?}");
            }
        }
    }

    /// A term query built to read no frequencies scores each match as one occurrence; the
    /// first block of postings shows the windows would not, and tantivy's union ranks the
    /// segment instead.
    #[test]
    fn a_word_read_without_frequencies_is_left_to_tantivys_union() {
        let (index, body) = index();
        let searcher = index.reader().unwrap().searcher();
        let enable = EnableScoring::enabled_from_searcher(&searcher);
        let basic = Box::new(TermQuery::new(Term::from_field_text(body, "oil"), IndexRecordOption::Basic));
        let query = BooleanQuery::new(vec![(Occur::Should, basic), (Occur::Should, word(body, "gas", 1.0))]);
        let bulk = of(&query).unwrap().bulk_weight(enable).unwrap().unwrap();
        assert!(searcher.segment_readers().iter().all(|reader| !bulk.agrees(reader).unwrap()));
        assert_eq!(scored(&bulk, &searcher), scored(&*query.weight(enable).unwrap(), &searcher));
    }

    /// Ranked through [`Windowed`] on a pool of two threads (so that the larger segments go
    /// in pieces), every page is the plain union's through [`Top`], with its exact count.
    #[test]
    fn ranked_in_pieces_the_pages_are_the_plain_unions() {
        let (index, body) = index();
        let searcher = index.reader().unwrap().searcher();
        let enable = EnableScoring::enabled_from_searcher(&searcher);
        let executor = Executor::multi_thread(2, "bulk-test-").unwrap();
        for query in unions(body) {
            let all = searcher.search(&query, &Count).unwrap() as u64;
            let bulk = of(&query).unwrap();
            for (offset, limit) in [(0, 10), (0, 1), (7, 13), (0, 200), (1_000, 50)] {
                let top = Top {
                    by: By::Score,
                    offset,
                    limit,
                    cap: None,
                    docs: 5_840,
                    columns: ColumnCache::default(),
                };
                let (want, total) = searcher.search(&query, &top).unwrap();
                let windowed = Windowed { top: &top, weight: bulk.bulk_weight(enable).unwrap().unwrap() };
                let (got, got_total) =
                    searcher.search_with_executor(&bulk, &windowed, &executor, enable).unwrap();
                assert_eq!(got, want, "{query:?} offset {offset} limit {limit}");
                assert_eq!(
                    (got_total, total),
                    (Total { count: all, exact: true }, Total { count: all, exact: true })
                );
            }
        }
        // On the pool, a segment of 3,300 documents goes in pieces of 1,024 to 2,047.
        let top = Top {
            by: By::Score,
            offset: 0,
            limit: 10,
            cap: None,
            docs: 5_840,
            columns: ColumnCache::default(),
        };
        let query = &unions(body)[1];
        let windowed =
            Windowed { top: &top, weight: of(query).unwrap().bulk_weight(enable).unwrap().unwrap() };
        let reader = searcher.segment_reader(1);
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let fruits = pool.install(|| windowed.pieces(1, reader, 0..reader.max_doc())).unwrap();
        assert_eq!(fruits.len(), 2);
        assert_eq!(windowed.pieces(1, reader, 0..reader.max_doc()).unwrap().len(), 1);
    }
}
