//! The top of a result list in morgue's total order, collected in one pass: best score first
//! (or date alone for the date sorts), equal scores newest first with undated articles last,
//! then by id. Documents are kept by (score, date, id key): the `id_key` column holds each
//! id as the number its 16 hex digits spell, which orders as the ids do, so neither
//! collecting nor merging the segments reads an id. (tantivy's `order_by((score, date, id))`
//! converts every kept ordinal of the `id` column to its string, a dictionary block decoded
//! per document; settling only cross-segment ties by id string still cost a rare word's
//! search a sixth of its instructions.)
//!
//! A score order reads a document's date and id only where they can decide its place: each
//! segment keeps the documents that can still reach its top by score alone (every one tied
//! with the last place included), and the merge reads dates and ids only for the documents
//! whose scores reach the page's last place. A rare word's 165 matches at 1M read 20 keys,
//! not 165. A segment whose ties crowd that buffer, or whose query starts pruning, keys
//! what it holds and goes on with a heap of whole keys, as a date order does from the start.
//!
//! The collector also counts the matches. With a cap (`Top::cap`, a ranked search's default),
//! each segment counts exactly up to the cap and then tells the query the score a document
//! must reach to enter its top (`Weight::for_each_pruning`): block-max WAND skips the blocks
//! of postings below it. The threshold sits just under the worst kept score, so a document
//! that ties it still arrives and the (score, date, id) order is kept exactly.
//!
//! A date order gathers a segment's matches first. When they are many against its dated
//! documents, it scans the date column (a run of stored dates filtered at once) for the
//! dates that can still enter the top, and looks only those up among the matches, instead
//! of reading every match's date: `search officials --sort date` at 1M matches 705k.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Cardinality, Column, ColumnIndex, MonotonicallyMappableToU64};
use tantivy::fastfield::AliveBitSet;
use tantivy::query::Weight;
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::archive::{stored_dates, ColumnCache};

/// What puts results in order before the date and id do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// The query's score, best first.
    Score,
    /// The date, newest first.
    Newest,
    /// The date, oldest first.
    Oldest,
}

/// A document's key within its segment; greater is better.
type Key = (Score, Dated, Reverse<u64>);

/// A date as part of a key: (has a date, its timestamp, bits flipped for oldest first), so an
/// undated article is last in both directions.
type Dated = (bool, i64);

/// Collects the `limit` results after the first `offset` in the total order, with their scores
/// (`None` when ordered by date), and counts the matches.
#[derive(Debug, Clone)]
pub struct Top {
    pub by: By,
    pub offset: usize,
    pub limit: usize,
    /// `Some(cap)`: a score-ordered search counts each segment's matches exactly only up to
    /// its share of `cap` (in proportion to its documents, of `docs`); past it, the query may
    /// skip the documents that cannot reach the top (block-max WAND for terms,
    /// [`super::phrase`] for phrases) and the count is a lower bound. `None`, or a date
    /// order: every match is counted.
    pub cap: Option<u64>,
    /// Documents in all segments (deleted ones included), to share the cap out.
    pub docs: u64,
    /// Where segments' date and id columns come from: the archive's cache, or
    /// `ColumnCache::default()` to open them on every search.
    pub columns: ColumnCache,
}

/// How many documents matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Total {
    /// The matches counted: all of them when `exact`, else at least one segment's cap + 1.
    pub count: u64,
    /// Every match was counted.
    pub exact: bool,
}

/// One segment's half of [`Top`].
pub struct SegmentTop {
    by: By,
    segment: SegmentOrdinal,
    dates: Option<Column<DateTime>>,
    id_keys: Option<Column<u64>>,
    /// How many results the segment keeps (`offset + limit`).
    keep: usize,
    /// A score order's candidates while not `keyed`: (score, doc), none below `floor`.
    scored: Vec<(Score, DocId)>,
    /// The `keep`-th best score of the candidates at their last thinning (`Score::MIN` before).
    floor: Score,
    /// Results are kept in `best` by whole keys (a date order; a score order once its ties
    /// crowd `scored` or its query prunes).
    keyed: bool,
    /// The kept results, worst on top.
    best: BinaryHeap<Reverse<Entry>>,
    /// Documents collected.
    count: u64,
    /// The segment's share of [`Top::cap`] when the query skips documents past it (`None`:
    /// it does not).
    pruning_cap: Option<u64>,
}

/// A kept result: its key as integers ([`sortable`]), then its doc id (keys tie only between
/// documents without an id key, whose doc ids settle it); and its score.
#[derive(Debug, Clone, Copy)]
struct Entry {
    key: Sortable,
    doc: DocId,
    score: Score,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.cmp(&other.key).then(other.doc.cmp(&self.doc))
    }
}

/// A segment's best documents: keyed, and (a score order's) by score alone, with the
/// columns their keys are read from when the merge needs them.
pub struct SegmentFruit {
    segment: SegmentOrdinal,
    docs: Vec<Entry>,
    scored: Vec<(Score, DocId)>,
    dates: Option<Column<DateTime>>,
    id_keys: Option<Column<u64>>,
    total: Total,
}

impl Collector for Top {
    type Fruit = (Vec<(Option<Score>, DocAddress)>, Total);
    type Child = SegmentTop;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentTop> {
        let columns = self.columns.get(segment, reader)?;
        let keep = self.offset + self.limit;
        Ok(SegmentTop {
            by: self.by,
            segment,
            dates: columns.dates,
            id_keys: columns.id_keys,
            keep,
            scored: Vec::new(),
            floor: Score::MIN,
            keyed: self.by != By::Score,
            best: BinaryHeap::new(),
            count: 0,
            pruning_cap: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.by == By::Score
    }

    /// A score-ordered search with a cap hands the query the score a document must reach to
    /// enter the segment's top (once the cap is counted), so that it can skip the rest.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFruit> {
        let mut top = self.for_segment(segment, reader)?;
        let alive = reader.alive_bitset();
        match self.cap {
            Some(cap) if self.by == By::Score => {
                let share = (cap * u64::from(reader.max_doc())).div_ceil(self.docs.max(1));
                top.pruning_cap = Some(share);
                weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        top.collect(doc, score);
                    }
                    top.threshold()
                })?;
            }
            _ if self.by == By::Score => weight.for_each(reader, &mut |doc, score| {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    top.collect(doc, score);
                }
            })?,
            _ => {
                let mut matched = Matched::new(reader.max_doc(), top.scan_limit());
                weight.for_each_no_score(reader, &mut |docs| matched.extend(docs, alive))?;
                top.collect_matched_by_date(reader, &matched)?;
            }
        }
        Ok(top.harvest())
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Self::Fruit> {
        let total = Total {
            count: fruits.iter().map(|f| f.total.count).sum(),
            exact: fruits.iter().all(|f| f.total.exact),
        };
        let end = self.offset.saturating_add(self.limit);
        // Best first: keys compare across segments as they do within one (the id key orders
        // as the id); equal keys (documents without an id key) in segment and document order.
        // Keys are integers that order alike (a float's partial order, then tuples of it,
        // cost most of a merge); only the first `offset + limit` are put in order. A document
        // kept by score alone is keyed only if its score reaches the `end`-th best score.
        let last_place = last_place(&fruits, end);
        let mut all: Vec<(Reverse<Sortable>, DocAddress, Score)> = Vec::new();
        for fruit in &fruits {
            let address = |doc| DocAddress::new(fruit.segment, doc);
            all.extend(fruit.docs.iter().map(|e| (Reverse(e.key), address(e.doc), e.score)));
            for &(score, doc) in fruit.scored.iter().filter(|(score, _)| score_bits(*score) >= last_place) {
                let dated = dated(fruit.dates.as_ref(), By::Score, doc);
                let key = sortable(&(score, dated, Reverse(id_key(fruit.id_keys.as_ref(), doc))));
                all.push((Reverse(key), address(doc), score));
            }
        }
        let order = |a: &(Reverse<Sortable>, DocAddress, Score),
                     b: &(Reverse<Sortable>, DocAddress, Score)| {
            (a.0, a.1).cmp(&(b.0, b.1))
        };
        if end < all.len() {
            all.select_nth_unstable_by(end, order);
            all.truncate(end);
        }
        all.sort_unstable_by(order);
        let page = all
            .into_iter()
            .skip(self.offset)
            .take(self.limit)
            .map(|(_, address, score)| ((self.by == By::Score).then_some(score), address))
            .collect();
        Ok((page, total))
    }
}

/// The score bits (`score_bits`) a document needs to be among the best `end` of all the
/// segments' candidates, keyed or not, by score alone (0, the least, when there are no more
/// than `end`, or none is held by score alone: a date order, or every segment keyed).
fn last_place(fruits: &[SegmentFruit], end: usize) -> u32 {
    let candidates = fruits.iter().map(|f| f.docs.len() + f.scored.len()).sum::<usize>();
    if end == 0 || candidates <= end || fruits.iter().all(|f| f.scored.is_empty()) {
        return 0;
    }
    let mut bits: Vec<u32> = Vec::with_capacity(candidates);
    for fruit in fruits {
        bits.extend(fruit.docs.iter().map(|e| e.key.0));
        bits.extend(fruit.scored.iter().map(|(score, _)| score_bits(*score)));
    }
    let (_, nth, _) = bits.select_nth_unstable_by(end - 1, |a, b| b.cmp(a));
    *nth
}

/// A document's date as part of a key (`Dated`) for the order `by`.
fn dated(dates: Option<&Column<DateTime>>, by: By, doc: DocId) -> Dated {
    match dates.and_then(|column| column.first(doc)) {
        None => (false, 0),
        Some(date) if by == By::Oldest => (true, !date.into_timestamp_nanos()),
        Some(date) => (true, date.into_timestamp_nanos()),
    }
}

/// A document's id key (`schema::id_key`): 0, first, for one without.
fn id_key(id_keys: Option<&Column<u64>>, doc: DocId) -> u64 {
    id_keys.and_then(|column| column.first(doc)).unwrap_or(0)
}

/// Candidates held by score alone, past which a segment thins them to its `keep` best (ties
/// with the last kept included): twice the page, at least this many.
const SCORED_MIN: usize = 64;

/// The date field a date order reads.
const DATE: &str = "date";

/// Documents a date order handles at once: a block of matches, or of dates scanned.
const DATE_BLOCK: usize = 256;

/// Rows of the date column a date order filters at once, at most.
const SCAN_RUN: u32 = 1 << 16;

/// A segment's dates are scanned whole for a date order once its matches are at least one
/// in this many of its dated documents. Measured at 1M articles: the scan costs about 30
/// instructions a dated document, a match read by blocks about 130 (the date column's rank
/// of each, its value, a heap check).
const SCAN_SHARE: u64 = 4;

/// A segment's live matches for a date order, and how many: listed while they are few,
/// as bits once they pass `limit` (enough to scan the date column for).
struct Matched {
    list: Vec<DocId>,
    bits: Option<DocBits>,
    limit: u64,
    max_doc: DocId,
    len: u64,
}

impl Matched {
    fn new(max_doc: DocId, limit: u64) -> Matched {
        Matched { list: Vec::new(), bits: None, limit, max_doc, len: 0 }
    }

    /// Adds the live ones of `docs` (ascending, none in yet).
    fn extend(&mut self, docs: &[DocId], alive: Option<&AliveBitSet>) {
        if self.bits.is_none() && self.len + docs.len() as u64 > self.limit {
            let mut bits = DocBits { words: vec![0; (self.max_doc as usize).div_ceil(64)] };
            std::mem::take(&mut self.list).into_iter().for_each(|listed| bits.insert(listed));
            self.bits = Some(bits);
        }
        let added = match (&mut self.bits, alive) {
            (Some(bits), None) => {
                docs.iter().for_each(|&doc| bits.insert(doc));
                docs.len()
            }
            (Some(bits), Some(alive)) => {
                docs.iter().filter(|&&doc| alive.is_alive(doc)).inspect(|&&doc| bits.insert(doc)).count()
            }
            (None, None) => {
                self.list.extend_from_slice(docs);
                docs.len()
            }
            (None, Some(alive)) => {
                let before = self.list.len();
                self.list.extend(docs.iter().filter(|&&doc| alive.is_alive(doc)));
                self.list.len() - before
            }
        };
        self.len += added as u64;
    }
}

/// Documents of a segment, as bits.
struct DocBits {
    words: Vec<u64>,
}

impl DocBits {
    fn insert(&mut self, doc: DocId) {
        self.words[doc as usize / 64] |= 1 << (doc % 64);
    }

    fn contains(&self, doc: DocId) -> bool {
        self.words.get(doc as usize / 64).is_some_and(|word| word >> (doc % 64) & 1 == 1)
    }

    /// The documents, ascending.
    fn iter(&self) -> impl Iterator<Item = DocId> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &word)| {
            let mut bits = word;
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let bit = bits.trailing_zeros();
                    bits &= bits - 1;
                    i as DocId * 64 + bit
                })
            })
        })
    }
}

/// A block of documents for [`SegmentTop::collect_by_date`] and its buffers, reused.
#[derive(Default)]
struct DateBlock {
    docs: Vec<DocId>,
    /// The documents with a date, once per value, and the rows of those values.
    dated: Vec<DocId>,
    rows: Vec<u32>,
    values: Vec<DateTime>,
}

/// A [`Key`] as integers that order as it does: the score's bits made to sort as the float
/// (`-0.0` as `0.0`), the date, then the id key.
type Sortable = (u32, Dated, Reverse<u64>);

fn sortable(key: &Key) -> Sortable {
    (score_bits(key.0), key.1, key.2)
}

/// A score's bits made to sort as the float does.
fn score_bits(score: Score) -> u32 {
    let score = if score == 0.0 { 0.0f32 } else { score };
    let bits = score.to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    }
}

impl SegmentTop {
    fn dated(&self, doc: DocId) -> Dated {
        dated(self.dates.as_ref(), self.by, doc)
    }

    /// How many candidates `scored` holds before it is thinned.
    fn scored_limit(&self) -> usize {
        self.keep.saturating_mul(2).max(SCORED_MIN)
    }

    /// Thins `scored` to the documents whose scores reach its `keep`-th best (ties kept), and
    /// raises `floor` to that score. Candidates tied so many that thinning frees less than a
    /// quarter of the buffer are keyed instead (`key_all`).
    fn thin(&mut self) {
        if self.scored.len() > self.keep {
            let by_score = |a: &(Score, DocId), b: &(Score, DocId)| score_bits(b.0).cmp(&score_bits(a.0));
            let (_, nth, _) = self.scored.select_nth_unstable_by(self.keep - 1, by_score);
            let floor = score_bits(nth.0);
            self.floor = nth.0;
            self.scored.retain(|(score, _)| score_bits(*score) >= floor);
        }
        let limit = self.scored_limit();
        if self.scored.len() >= limit - limit / 4 {
            self.key_all();
        }
    }

    /// Reads the keys of the candidates held by score alone and goes on by whole keys.
    fn key_all(&mut self) {
        self.keyed = true;
        self.best.reserve(self.keep.min(4096) + 1);
        for (score, doc) in std::mem::take(&mut self.scored) {
            let dated = self.dated(doc);
            self.offer(doc, score, dated);
        }
    }

    /// Keeps a counted document of this score and date if it belongs in the top. Its id is
    /// read only when the top has room or its score and date tie the worst kept.
    fn offer(&mut self, doc: DocId, score: Score, dated: Dated) {
        if self.best.len() == self.keep {
            let Some(Reverse(worst)) = self.best.peek() else { return };
            if (score_bits(score), dated) < (worst.key.0, worst.key.1) {
                return;
            }
            let entry = self.entry(doc, score, dated);
            if entry <= *worst {
                return;
            }
            self.best.pop();
            self.best.push(Reverse(entry));
        } else {
            let entry = self.entry(doc, score, dated);
            self.best.push(Reverse(entry));
        }
    }

    fn entry(&self, doc: DocId, score: Score, dated: Dated) -> Entry {
        Entry { key: sortable(&(score, dated, Reverse(self.id_key(doc)))), doc, score }
    }

    /// Collects a segment's live matches for a date order. When they are many against the
    /// segment's dates, the date column is scanned whole instead (`scan_dates`); else the
    /// matches go a block at a time (`collect_by_date`).
    fn collect_matched_by_date(&mut self, reader: &SegmentReader, matched: &Matched) -> tantivy::Result<()> {
        self.count += matched.len;
        if self.keep == 0 || matched.len == 0 {
            return Ok(());
        }
        let raw = match &matched.bits {
            Some(_) => stored_dates(reader, DATE)?,
            None => None,
        };
        if let (Some(bits), Some(column)) = (&matched.bits, raw) {
            self.scan_dates(&column, bits);
            if self.best.len() < self.keep {
                // Fewer dated matches than the top holds: the undated ones come next.
                for doc in bits.iter().filter(|&doc| !column.index.has_value(doc)) {
                    self.offer(doc, 0.0, (false, 0));
                }
            }
            return Ok(());
        }
        let mut block = DateBlock::default();
        if let Some(bits) = &matched.bits {
            let mut docs = bits.iter().peekable();
            while docs.peek().is_some() {
                block.docs.clear();
                block.docs.extend(docs.by_ref().take(DATE_BLOCK));
                self.collect_by_date(&mut block);
            }
        }
        for docs in matched.list.chunks(DATE_BLOCK) {
            block.docs.clear();
            block.docs.extend_from_slice(docs);
            self.collect_by_date(&mut block);
        }
        Ok(())
    }

    /// How many matches a segment lists before they are many enough that a date order
    /// scans its date column instead ([`SCAN_SHARE`]); `u64::MAX` when it cannot be
    /// scanned (no dates, or several to a document).
    fn scan_limit(&self) -> u64 {
        match &self.dates {
            Some(dates) if dates.index.get_cardinality() != Cardinality::Multivalued => {
                u64::from(dates.values.num_vals()) / SCAN_SHARE
            }
            _ => u64::MAX,
        }
    }

    /// Offers every live match with a date, found by scanning the segment's date column (as
    /// tantivy stores it) for the dates that can still enter the top: a run of rows is
    /// filtered in one call (`get_row_ids_for_value_range`, unpacked and compared in bulk),
    /// and only the rows it keeps are placed (`select_batch`) and looked up among the matches.
    /// Newest first scans from the last row, oldest first from the first, so that an
    /// archive indexed in date order fills its top at once.
    fn scan_dates(&mut self, column: &Column<u64>, matched: &DocBits) {
        let values = &*column.values;
        let rows = values.num_vals();
        let oldest = self.by == By::Oldest;
        // The stored dates that can still enter: all of them until the top is full, then
        // those from (newest first) or up to (oldest first) its worst date, ties included.
        let (mut low, mut high) = (values.min_value(), values.max_value());
        let (mut hits, mut docs): (Vec<u32>, Vec<DocId>) = (Vec::new(), Vec::new());
        let mut scanned = 0u32;
        let mut run = DATE_BLOCK as u32;
        while scanned < rows {
            // Runs double once the top is full: its worst date, and so the filter, rises
            // between runs only, fast at first and ever more slowly.
            if self.best.len() == self.keep {
                run = (run * 2).min(SCAN_RUN);
            }
            let len = run.min(rows - scanned);
            let chunk = if oldest { scanned..scanned + len } else { rows - scanned - len..rows - scanned };
            scanned += len;
            // Some codecs add to the list, others replace it.
            hits.clear();
            values.get_row_ids_for_value_range(low..=high, chunk, &mut hits);
            // The hits' documents: rows ascending, placed in one pass.
            docs.clear();
            docs.extend_from_slice(&hits);
            if let ColumnIndex::Optional(optional) = &column.index {
                optional.select_batch(&mut docs);
            }
            for (&row, &doc) in hits.iter().zip(&docs) {
                if !matched.contains(doc) {
                    continue;
                }
                let nanos = DateTime::from_u64(values.get_val(row)).into_timestamp_nanos();
                self.offer(doc, 0.0, (true, if oldest { !nanos } else { nanos }));
                if self.best.len() == self.keep {
                    if let Some(Reverse(worst)) = self.best.peek() {
                        let (_, nanos) = worst.key.1;
                        let worst =
                            DateTime::from_timestamp_nanos(if oldest { !nanos } else { nanos }).to_u64();
                        (low, high) = if oldest { (low, worst) } else { (worst, high) };
                    }
                }
            }
        }
    }

    /// Collects a block of live documents for a date order: their dates are read in one
    /// batch (the date column's rows found block by block, instead of one lookup per
    /// document), then each is offered to the top as [`SegmentTop::collect`] would.
    fn collect_by_date(&mut self, block: &mut DateBlock) {
        block.dated.clear();
        block.rows.clear();
        if let Some(column) = &self.dates {
            column.row_ids_for_docs(&block.docs, &mut block.dated, &mut block.rows);
        }
        block.values.clear();
        block.values.resize(block.rows.len(), DateTime::MIN);
        if let Some(column) = &self.dates {
            column.values.get_vals(&block.rows, &mut block.values);
        }
        // `dated` lists the documents with a date, each with its first value first.
        let mut next = 0;
        for i in 0..block.docs.len() {
            let doc = block.docs[i];
            let mut dated = (false, 0);
            if next < block.dated.len() && block.dated[next] == doc {
                let nanos = block.values[next].into_timestamp_nanos();
                dated = (true, if self.by == By::Oldest { !nanos } else { nanos });
                while next < block.dated.len() && block.dated[next] == doc {
                    next += 1;
                }
            }
            self.offer(doc, 0.0, dated);
        }
    }

    /// The document's id key (`schema::id_key`): 0, first, for one without.
    fn id_key(&self, doc: DocId) -> u64 {
        id_key(self.id_keys.as_ref(), doc)
    }

    /// The score below which a document cannot enter the top: `Score::MIN` while the cap is
    /// not yet counted past (every match must be seen) or the top is not full; else just
    /// below the worst kept score, since a document scoring the same can still win on its
    /// date or id, and the query only reports scores above the threshold.
    /// Once the query prunes, its documents are kept by whole keys.
    fn threshold(&mut self) -> Score {
        let counting = self.pruning_cap.is_none_or(|cap| self.count <= cap);
        if !counting && !self.keyed {
            self.key_all();
        }
        match self.best.peek() {
            Some(Reverse(worst)) if !counting && self.best.len() == self.keep => worst.score.next_down(),
            _ => Score::MIN,
        }
    }
}

impl SegmentCollector for SegmentTop {
    type Fruit = SegmentFruit;

    // Inlined into the query's loop: as a call, it cost a query of a million tied matches
    // (`topic:iran` at 1M) 3% more instructions than the heap alone did.
    #[inline(always)]
    fn collect(&mut self, doc: DocId, score: Score) {
        self.count += 1;
        if self.keep == 0 {
            return;
        }
        let score = if self.by == By::Score { score } else { 0.0 };
        if !self.keyed {
            if score < self.floor {
                return;
            }
            self.scored.push((score, doc));
            if self.scored.len() >= self.scored_limit() {
                self.thin();
            }
            return;
        }
        if self.best.len() == self.keep {
            // Most documents lose on the score alone: their date and id are not read.
            let Some(Reverse(worst)) = self.best.peek() else { return };
            if score < worst.score {
                return;
            }
        }
        let dated = self.dated(doc);
        self.offer(doc, score, dated);
    }

    fn harvest(mut self) -> SegmentFruit {
        let exact = self.pruning_cap.is_none_or(|cap| self.count <= cap);
        let total = Total { count: self.count, exact };
        if !self.keyed && self.scored.len() > self.keep {
            self.thin();
        }
        let docs = self.best.into_iter().map(|Reverse(entry)| entry).collect();
        SegmentFruit {
            segment: self.segment,
            docs,
            scored: self.scored,
            dates: self.dates,
            id_keys: self.id_keys,
            total,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue, SortByString};
    use tantivy::collector::{Count, TopDocs};
    use tantivy::indexer::NoMergePolicy;
    use tantivy::query::{Query, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, FAST, INDEXED, STRING, TEXT};
    use tantivy::{doc, Index, Order, Term};

    /// An index of (id, id key, date, body) and its writer, segments never merged.
    pub(crate) fn empty_index(budget: usize) -> (Index, tantivy::IndexWriter, [tantivy::schema::Field; 4]) {
        let mut builder = Schema::builder();
        let id = builder.add_text_field("id", STRING | FAST);
        let id_key = builder.add_u64_field("id_key", FAST);
        let date = builder.add_date_field("date", INDEXED | FAST);
        let body = builder.add_text_field("body", TEXT);
        let index = Index::create_in_ram(builder.build());
        let writer = index.writer_with_num_threads(1, budget).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        (index, writer, [id, id_key, date, body])
    }

    /// A document of [`empty_index`]'s fields: the id whose key is `key`, `text`, and the date
    /// `day` days after 2017-07-14 when there is one.
    pub(crate) fn story(
        [id, id_key, date, body]: [tantivy::schema::Field; 4],
        key: u64,
        text: &str,
        day: Option<u64>,
    ) -> tantivy::TantivyDocument {
        let mut document = doc!(id => format!("{key:016x}"), id_key => key, body => text);
        if let Some(day) = day {
            document.add_date(date, DateTime::from_timestamp_secs(1_500_000_000 + 86_400 * day as i64));
        }
        document
    }

    /// Three segments of documents whose scores and dates tie within and across segments,
    /// some undated; ids are not in document order.
    fn index() -> (Index, tantivy::schema::Field) {
        let (index, mut writer, fields) = empty_index(15_000_000);
        let mut n = 0u64;
        for segment in 0..3u64 {
            for i in 0..12u64 {
                n += 1;
                let words = ["oil", "oil oil", "oil price", "oil oil oil"][(i % 4) as usize];
                let key = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
                let day = ((i + segment) % 3 != 0).then_some((i * 7 + segment) % 4);
                writer.add_document(story(fields, key, words, day)).unwrap();
            }
            writer.commit().unwrap();
        }
        (index, fields[3])
    }

    /// Keys as integers order as the keys do (scores of both signs, zeros, ties on score
    /// settled by date, undated last, then by id key).
    #[test]
    fn sortable_keys_order_as_the_keys() {
        let scores = [-3.5f32, -0.0, 0.0, 1e-30, 0.25, 0.25, 7.0, f32::MAX];
        let dates = [(false, 0i64), (true, -5), (true, 0), (true, 1_600_000_000)];
        let mut keys: Vec<Key> = Vec::new();
        for (i, &score) in scores.iter().enumerate() {
            for (j, &dated) in dates.iter().enumerate() {
                keys.push((score, dated, Reverse((i * 7 + j * 3) as u64 % 5)));
            }
        }
        for a in &keys {
            for b in &keys {
                let want = a.partial_cmp(b).unwrap();
                assert_eq!(sortable(a).cmp(&sortable(b)), want, "{a:?} vs {b:?}");
            }
        }
    }

    #[test]
    fn pages_follow_the_total_order_of_the_tie_break_collector() {
        let (index, body) = index();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let query = TermQuery::new(Term::from_field_text(body, "oil"), IndexRecordOption::WithFreqs);
        let by_id = (SortByString::for_field("id"), Order::Asc);
        let by_date = |order| (SortByStaticFastValue::<DateTime>::for_field("date"), order);
        let all = 36;
        let reference = |by: By| -> Vec<DocAddress> {
            let top = TopDocs::with_limit(all);
            let addresses: Vec<DocAddress> = match by {
                By::Score => searcher
                    .search(
                        &query,
                        &top.order_by((SortBySimilarityScore, (by_date(Order::Desc), by_id.clone()))),
                    )
                    .unwrap()
                    .into_iter()
                    .map(|(_, a)| a)
                    .collect(),
                By::Newest | By::Oldest => {
                    let order = if by == By::Newest { Order::Desc } else { Order::Asc };
                    let collector = top.order_by((by_date(order), by_id.clone()));
                    searcher.search(&query, &collector).unwrap().into_iter().map(|(_, a)| a).collect()
                }
            };
            addresses
        };
        for by in [By::Score, By::Newest, By::Oldest] {
            let expected = reference(by);
            assert_eq!(expected.len(), all);
            for offset in 0..all {
                for limit in [1, 2, 5, 10, all] {
                    let top = Top {
                        by,
                        offset,
                        limit,
                        cap: None,
                        docs: all as u64,
                        columns: ColumnCache::default(),
                    };
                    let (page, total) = searcher.search(&query as &dyn Query, &top).unwrap();
                    assert_eq!(total, Total { count: all as u64, exact: true });
                    assert_eq!(searcher.search(&query, &Count).unwrap(), all);
                    let got: Vec<DocAddress> = page.iter().map(|(_, a)| *a).collect();
                    let want: Vec<DocAddress> = expected.iter().skip(offset).take(limit).copied().collect();
                    assert_eq!(got, want, "{by:?} offset {offset} limit {limit}");
                    assert!(page.iter().all(|(score, _)| score.is_some() == (by == By::Score)));
                }
            }
        }
    }

    /// tantivy's own order of `query`'s first `limit` matches by date (`order`), then by id.
    fn by_date_then_id(
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        limit: usize,
        order: Order,
    ) -> Vec<DocAddress> {
        let collector = TopDocs::with_limit(limit).order_by((
            (SortByStaticFastValue::<DateTime>::for_field("date"), order),
            (SortByString::for_field("id"), Order::Asc),
        ));
        searcher.search(query, &collector).unwrap().into_iter().map(|(_, a)| a).collect()
    }

    /// Date orders collect whole blocks (dates read in a batch): deleted documents stay out of
    /// the count and the page, and every page equals the reference's on what is left.
    #[test]
    fn date_pages_skip_deleted_documents_and_keep_the_reference_order() {
        let (index, body) = index();
        let id = index.schema().get_field("id").unwrap();
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let deleted = [2u64, 3, 13, 20, 36];
        for n in deleted {
            let key = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            writer.delete_term(Term::from_field_text(id, &format!("{key:016x}")));
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 3);
        let query = TermQuery::new(Term::from_field_text(body, "oil"), IndexRecordOption::WithFreqs);
        let left = 36 - deleted.len();
        for (by, order) in [(By::Newest, Order::Desc), (By::Oldest, Order::Asc)] {
            let expected = by_date_then_id(&searcher, &query, left, order);
            assert_eq!(expected.len(), left);
            for offset in [0, 1, 7, left - 1] {
                for limit in [1, 3, left] {
                    let top = Top { by, offset, limit, cap: None, docs: 36, columns: ColumnCache::default() };
                    let (page, total) = searcher.search(&query as &dyn Query, &top).unwrap();
                    assert_eq!(total, Total { count: left as u64, exact: true });
                    let got: Vec<DocAddress> = page.iter().map(|(_, a)| *a).collect();
                    let want: Vec<DocAddress> = expected.iter().skip(offset).take(limit).copied().collect();
                    assert_eq!(got, want, "{by:?} offset {offset} limit {limit}");
                }
            }
        }
    }

    /// A date order scans the date column for many matches and reads few by blocks: both give
    /// the reference's pages, newest and oldest first, on a segment dated in document order
    /// (every document dated: rows are documents) and one dated at random with undated
    /// documents and deletions, for words in nearly all, half, a sixth and a hundredth.
    #[test]
    fn date_orders_scan_the_dates_of_many_matches_and_keep_the_reference_order() {
        let (index, mut writer, fields) = empty_index(50_000_000);
        let [id, _, _, body] = fields;
        let mut n = 0u64;
        for segment in 0..2u64 {
            for i in 0..3_000u64 {
                n += 1;
                let x = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
                let picks = [("half", (x >> 9) % 2), ("some", (x >> 13) % 6), ("rare", (x >> 17) % 100)];
                let mut words = vec!["common"];
                words.extend(picks.iter().filter(|(_, pick)| *pick == 0).map(|(word, _)| *word));
                let day = match segment {
                    0 => Some(i / 7),
                    _ => (!x.is_multiple_of(5)).then_some((x >> 21) % 400),
                };
                writer.add_document(story(fields, x, &words.join(" "), day)).unwrap();
            }
            writer.commit().unwrap();
        }
        for n in (5u64..6_000).step_by(97) {
            let x = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            writer.delete_term(Term::from_field_text(id, &format!("{x:016x}")));
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        for word in ["common", "half", "some", "rare"] {
            let query = TermQuery::new(Term::from_field_text(body, word), IndexRecordOption::WithFreqs);
            let matches = searcher.search(&query, &Count).unwrap();
            for (by, order) in [(By::Newest, Order::Desc), (By::Oldest, Order::Asc)] {
                let expected = by_date_then_id(&searcher, &query, matches, order);
                for offset in [0, 3, 250, matches - 1] {
                    for limit in [1, 10, 40] {
                        let top = Top {
                            by,
                            offset,
                            limit,
                            cap: None,
                            docs: 6_000,
                            columns: ColumnCache::default(),
                        };
                        let (page, total) = searcher.search(&query as &dyn Query, &top).unwrap();
                        assert_eq!(total, Total { count: matches as u64, exact: true }, "{word}");
                        let got: Vec<DocAddress> = page.iter().map(|(_, a)| *a).collect();
                        let want: Vec<DocAddress> =
                            expected.iter().skip(offset).take(limit).copied().collect();
                        assert_eq!(got, want, "{word} {by:?} offset {offset} limit {limit}");
                    }
                }
            }
        }
    }

    /// Four segments of 3,000 documents whose scores tie in large groups (a few distinct
    /// texts), dates tie too, ids in no particular order, the strong texts all early in each
    /// segment: block-max WAND can skip whole blocks once the cap is counted.
    fn big_index() -> (Index, tantivy::schema::Field) {
        let (index, mut writer, fields) = empty_index(50_000_000);
        let texts = [
            "oil",
            "oil price",
            "oil oil",
            "price",
            "oil price gas",
            "gas",
            "oil oil oil price",
            "gas price",
        ];
        // After the first 500 documents of a segment, only weaker texts: their blocks can be
        // skipped once the top is full of the strong ones.
        let weak = ["oil price gas tanker", "gas price tanker", "price tanker", "oil gas price tanker"];
        let mut n = 0u64;
        for _ in 0..4 {
            for i in 0..3_000 {
                n += 1;
                let x = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
                let pick = (x >> 7) as usize;
                let text = if i < 500 { texts[pick % texts.len()] } else { weak[pick % weak.len()] };
                writer.add_document(story(fields, x, text, (!x.is_multiple_of(5)).then_some(x % 9))).unwrap();
            }
            writer.commit().unwrap();
        }
        (index, fields[3])
    }

    #[test]
    fn a_capped_count_prunes_but_keeps_the_same_top_in_the_same_order() {
        use tantivy::query::{BooleanQuery, BoostQuery, Occur};
        let (index, body) = big_index();
        let searcher = index.reader().unwrap().searcher();
        let term = |w: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(body, w), IndexRecordOption::WithFreqs))
        };
        let queries: Vec<(&str, Box<dyn Query>)> = vec![
            ("oil", term("oil")),
            (
                "oil AND price",
                Box::new(BooleanQuery::new(vec![(Occur::Must, term("oil")), (Occur::Must, term("price"))])),
            ),
            (
                "oil OR gas",
                Box::new(BooleanQuery::new(vec![(Occur::Should, term("oil")), (Occur::Should, term("gas"))])),
            ),
            // Three words or more: pruned as `union::PrunedUnion`.
            (
                "oil OR gas OR tanker",
                Box::new(BooleanQuery::new(vec![
                    (Occur::Should, term("oil")),
                    (Occur::Should, term("gas")),
                    (Occur::Should, term("tanker")),
                ])),
            ),
            (
                "price OR oil^1.7 OR tanker OR gas",
                Box::new(BooleanQuery::new(vec![
                    (Occur::Should, term("price")),
                    (Occur::Should, Box::new(BoostQuery::new(term("oil"), 1.7))),
                    (Occur::Should, term("tanker")),
                    (Occur::Should, term("gas")),
                ])),
            ),
        ];
        for (name, query) in &queries {
            let all = searcher.search(&**query, &Count).unwrap() as u64;
            let pruned: Box<dyn Query> = match crate::search::union::prunable(&**query) {
                Some(union) => Box::new(union),
                None => query.box_clone(),
            };
            for (offset, limit) in [(0, 10), (0, 1), (7, 13), (0, 40)] {
                let exact = Top {
                    by: By::Score,
                    offset,
                    limit,
                    cap: None,
                    docs: 12_000,
                    columns: ColumnCache::default(),
                };
                let capped = Top { cap: Some(100), ..exact.clone() };
                let (want, total) = searcher.search(&**query, &exact).unwrap();
                let (got, capped_total) = searcher.search(&*pruned, &capped).unwrap();
                assert_eq!(got, want, "{name} offset {offset} limit {limit}");
                assert_eq!(total, Total { count: all, exact: true });
                // Each segment counted past its share of the cap (25), then skipped documents.
                assert!(!capped_total.exact, "{name}");
                assert!(
                    capped_total.count >= 4 * 26 && capped_total.count < all,
                    "{name}: {capped_total:?} of {all}"
                );
            }
            // A cap whose shares exceed every segment's matches counts them all.
            let roomy = Top {
                by: By::Score,
                offset: 0,
                limit: 10,
                cap: Some(4 * all),
                docs: 12_000,
                columns: ColumnCache::default(),
            };
            assert_eq!(searcher.search(&*pruned, &roomy).unwrap().1, Total { count: all, exact: true });
        }
        // The ties are real: the top 40 of `oil` holds several documents of one score.
        let (top, _) = searcher
            .search(
                &*queries[0].1,
                &Top {
                    by: By::Score,
                    offset: 0,
                    limit: 40,
                    cap: Some(100),
                    docs: 12_000,
                    columns: ColumnCache::default(),
                },
            )
            .unwrap();
        assert!(top.windows(2).any(|w| w[0].0 == w[1].0));
    }

    /// A score order holds candidates by score alone and keys only those that can reach the
    /// page: with scores mostly distinct (bodies of many lengths) the buffer is thinned many
    /// times; with scores tied in large groups (`big_index`) it gives way to whole keys. Both
    /// give tantivy's own tie-break order on every page, uncapped.
    #[test]
    fn pages_by_score_alone_keep_the_total_order_of_the_tie_break_collector() {
        let (varied, mut writer, fields) = empty_index(50_000_000);
        let body = fields[3];
        let mut n = 0u64;
        for _ in 0..3 {
            for _ in 0..700 {
                n += 1;
                let x = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
                // One to three `oil`s in 1 to 60 words: scores mostly distinct, some tied.
                let oils = 1 + (x >> 11) % 3;
                let filler = (x >> 17) % 60;
                let mut text = vec!["oil"; oils as usize];
                text.extend(std::iter::repeat_n("gas", filler as usize));
                let day = (!x.is_multiple_of(4)).then_some(x % 5);
                writer.add_document(story(fields, x, &text.join(" "), day)).unwrap();
            }
            writer.commit().unwrap();
        }
        let (tied, tied_body) = big_index();
        for (index, body) in [(varied, body), (tied, tied_body)] {
            let searcher = index.reader().unwrap().searcher();
            let query = TermQuery::new(Term::from_field_text(body, "oil"), IndexRecordOption::WithFreqs);
            let all = searcher.search(&query, &Count).unwrap();
            let reference: Vec<DocAddress> = searcher
                .search(
                    &query,
                    &TopDocs::with_limit(all).order_by((
                        SortBySimilarityScore,
                        (
                            (SortByStaticFastValue::<DateTime>::for_field("date"), Order::Desc),
                            (SortByString::for_field("id"), Order::Asc),
                        ),
                    )),
                )
                .unwrap()
                .into_iter()
                .map(|(_, a)| a)
                .collect();
            let docs = searcher.segment_readers().iter().map(|r| u64::from(r.max_doc())).sum();
            for (offset, limit) in [(0, 1), (0, 10), (0, 20), (3, 40), (95, 10), (0, 300), (all - 5, 10)] {
                let top =
                    Top { by: By::Score, offset, limit, cap: None, docs, columns: ColumnCache::default() };
                let (page, total) = searcher.search(&query as &dyn Query, &top).unwrap();
                assert_eq!(total, Total { count: all as u64, exact: true });
                let got: Vec<DocAddress> = page.iter().map(|(_, a)| *a).collect();
                let want: Vec<DocAddress> = reference.iter().skip(offset).take(limit).copied().collect();
                assert_eq!(got, want, "offset {offset} limit {limit} of {all}");
            }
        }
    }
}
