//! The top of a result list in morgue's total order, collected in one pass: best score first
//! (or date alone for the date sorts), equal scores newest first with undated articles last,
//! then by id. Each segment keeps its best documents by (score, date, id ordinal): within a
//! segment the ordinals of the `id` column sort as the ids do, so collecting reads no id;
//! merging the segments reads the ids of only the documents whose score and date tie across
//! segments. (tantivy's `order_by((score, date, id))` converts every kept ordinal to its id,
//! a dictionary block decoded per document: that, and a second pass over the query whenever
//! scores tied, was most of what the total order first cost a search.)

use std::cmp::{Ordering, Reverse};

use tantivy::collector::sort_key::NaturalComparator;
use tantivy::collector::{Collector, SegmentCollector, TopNComputer};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DateTime, DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

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
/// (`None` when ordered by date).
#[derive(Debug, Clone)]
pub struct Top {
    pub by: By,
    pub offset: usize,
    pub limit: usize,
}

/// One segment's half of [`Top`].
pub struct SegmentTop {
    by: By,
    segment: SegmentOrdinal,
    dates: Option<Column<DateTime>>,
    ids: Option<StrColumn>,
    top: TopNComputer<Key, DocId, NaturalComparator>,
}

/// A segment's best documents and its `id` column, to settle ties with other segments.
pub struct SegmentFruit {
    segment: SegmentOrdinal,
    ids: Option<StrColumn>,
    docs: Vec<(Key, DocId)>,
}

impl Collector for Top {
    type Fruit = Vec<(Option<Score>, DocAddress)>;
    type Child = SegmentTop;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentTop> {
        let fast = reader.fast_fields();
        Ok(SegmentTop {
            by: self.by,
            segment,
            dates: fast.column_opt::<DateTime>("date")?,
            ids: fast.str("id")?,
            top: TopNComputer::new_with_comparator(self.offset + self.limit, NaturalComparator),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.by == By::Score
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Self::Fruit> {
        let mut all: Vec<(Key, usize, DocId)> = fruits
            .iter()
            .enumerate()
            .flat_map(|(i, fruit)| fruit.docs.iter().map(move |(key, doc)| (*key, i, *doc)))
            .collect();
        // Best first; documents of one segment in their key's order (the id ordinals), those
        // of different segments with equal score and date side by side, in segment order.
        all.sort_unstable_by(|a, b| {
            head(&b.0)
                .partial_cmp(&head(&a.0))
                .unwrap_or(Ordering::Equal)
                .then(a.1.cmp(&b.1).then(b.0 .2.cmp(&a.0 .2)))
        });
        let end = (self.offset + self.limit).min(all.len());
        let mut start = 0;
        while start < end {
            let run = all[start..].iter().take_while(|c| head(&c.0) == head(&all[start].0)).count();
            if all[start..start + run].iter().any(|c| c.1 != all[start].1) {
                settle_by_id(&fruits, &mut all[start..start + run])?;
            }
            start += run;
        }
        let fruits_ord = |i: usize| fruits[i].segment;
        Ok(all
            .into_iter()
            .skip(self.offset)
            .take(self.limit)
            .map(|(key, i, doc)| {
                let score = (self.by == By::Score).then_some(key.0);
                (score, DocAddress::new(fruits_ord(i), doc))
            })
            .collect())
    }
}

/// The part of a key that compares across segments.
fn head(key: &Key) -> (Score, Dated) {
    (key.0, key.1)
}

/// Orders documents of equal score and date from several segments by id.
fn settle_by_id(fruits: &[SegmentFruit], run: &mut [(Key, usize, DocId)]) -> tantivy::Result<()> {
    let mut ids = Vec::with_capacity(run.len());
    for (key, i, _) in run.iter() {
        let mut id = String::new();
        if let Some(column) = &fruits[*i].ids {
            column.ord_to_str(key.2 .0, &mut id)?;
        }
        ids.push(id);
    }
    let mut order: Vec<usize> = (0..run.len()).collect();
    order.sort_by(|&a, &b| ids[a].cmp(&ids[b]));
    let sorted: Vec<_> = order.iter().map(|&k| run[k]).collect();
    run.copy_from_slice(&sorted);
    Ok(())
}

impl SegmentTop {
    fn dated(&self, doc: DocId) -> Dated {
        match self.dates.as_ref().and_then(|column| column.first(doc)) {
            None => (false, 0),
            Some(date) if self.by == By::Oldest => (true, !date.into_timestamp_nanos()),
            Some(date) => (true, date.into_timestamp_nanos()),
        }
    }

    fn id_ord(&self, doc: DocId) -> u64 {
        self.ids.as_ref().and_then(|column| column.ords().first(doc)).unwrap_or(u64::MAX)
    }
}

impl SegmentCollector for SegmentTop {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let score = if self.by == By::Score { score } else { 0.0 };
        // Most documents lose on the score alone: their date and id are not read.
        if let Some((threshold, _, _)) = &self.top.threshold {
            if score < *threshold {
                return;
            }
        }
        let key = (score, self.dated(doc), Reverse(self.id_ord(doc)));
        self.top.push(key, doc);
    }

    fn harvest(self) -> SegmentFruit {
        let docs = self.top.into_vec().into_iter().map(|c| (c.sort_key, c.doc)).collect();
        SegmentFruit { segment: self.segment, ids: self.ids, docs }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue, SortByString};
    use tantivy::collector::{Count, TopDocs};
    use tantivy::indexer::NoMergePolicy;
    use tantivy::query::{Query, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, FAST, INDEXED, STRING, TEXT};
    use tantivy::{doc, Index, Order, Term};

    /// Three segments of documents whose scores and dates tie within and across segments,
    /// some undated; ids are not in document order.
    fn index() -> (Index, tantivy::schema::Field) {
        let mut builder = Schema::builder();
        let id = builder.add_text_field("id", STRING | FAST);
        let date = builder.add_date_field("date", INDEXED | FAST);
        let body = builder.add_text_field("body", TEXT);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let mut n = 0u64;
        for segment in 0..3u64 {
            for i in 0..12u64 {
                n += 1;
                let words = ["oil", "oil oil", "oil price", "oil oil oil"][(i % 4) as usize];
                let key = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
                let mut document = doc!(id => format!("{key:016x}"), body => words);
                if (i + segment) % 3 != 0 {
                    let day = 1_500_000_000 + 86_400 * ((i * 7 + segment) % 4) as i64;
                    document.add_date(date, DateTime::from_timestamp_secs(day));
                }
                writer.add_document(document).unwrap();
            }
            writer.commit().unwrap();
        }
        (index, body)
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
                    let (page, total) =
                        searcher.search(&query as &dyn Query, &(Top { by, offset, limit }, Count)).unwrap();
                    assert_eq!(total, all);
                    let got: Vec<DocAddress> = page.iter().map(|(_, a)| *a).collect();
                    let want: Vec<DocAddress> = expected.iter().skip(offset).take(limit).copied().collect();
                    assert_eq!(got, want, "{by:?} offset {offset} limit {limit}");
                    assert!(page.iter().all(|(score, _)| score.is_some() == (by == By::Score)));
                }
            }
        }
    }
}
