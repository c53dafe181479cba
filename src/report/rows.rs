//! The values of a block of docs in a fast column, read in runs: the block's docs are placed
//! in the column's index in one pass (`rank_if_exists_batch`), and when they sit close
//! together the start offsets and the values of the whole run are unpacked with two
//! `get_range` calls, instead of two index lookups and a value read per doc
//! (`ColumnIndex::value_row_ids`, which was half of a topic facet over a frequent word).
//! Gives each doc's values in doc order, exactly as `Column::values_for_doc` would.

use tantivy::columnar::column_index::MultiValueIndex;
use tantivy::columnar::{Column, ColumnIndex, ColumnValues};
use tantivy::DocId;

/// Docs per block [`BlockRows::for_each_doc`] handles at once (the buffers' size).
pub(crate) const BLOCK: usize = 256;

/// Scratch space for reading the values of blocks of docs, reused from block to block.
#[derive(Default)]
pub(crate) struct BlockRows {
    /// Docs of a block with a value, and their ranks among such docs.
    present: Vec<DocId>,
    ranks: Vec<u32>,
    /// Start offsets of a run of ranks.
    starts: Vec<u32>,
    /// Values of a run of rows.
    values: Vec<u64>,
}

impl BlockRows {
    /// Calls `each` with the values of every doc of `docs` (ascending, any length) that has
    /// one, in doc order; returns how many of the docs have none.
    pub(crate) fn for_each_doc(
        &mut self,
        column: &Column<u64>,
        docs: &[DocId],
        mut each: impl FnMut(&[u64]),
    ) -> u64 {
        docs.chunks(BLOCK).map(|block| self.block(column, block, &mut each)).sum()
    }

    fn block(&mut self, column: &Column<u64>, docs: &[DocId], each: &mut impl FnMut(&[u64])) -> u64 {
        let values = &*column.values;
        match &column.index {
            ColumnIndex::Empty { .. } => docs.len() as u64,
            ColumnIndex::Full => {
                self.ranks.clear();
                self.ranks.extend_from_slice(docs);
                self.singles(values, each);
                0
            }
            ColumnIndex::Optional(optional) => {
                self.present.clear();
                self.ranks.clear();
                optional.rank_if_exists_batch(docs, &mut self.present, &mut self.ranks);
                self.singles(values, each);
                (docs.len() - self.ranks.len()) as u64
            }
            ColumnIndex::Multivalued(MultiValueIndex::MultiValueIndexV2(index)) => {
                self.present.clear();
                self.ranks.clear();
                index.optional_index.rank_if_exists_batch(docs, &mut self.present, &mut self.ranks);
                let missing = (docs.len() - self.ranks.len()) as u64;
                let (Some(&first), Some(&last)) = (self.ranks.first(), self.ranks.last()) else {
                    return missing;
                };
                let starts = &*index.start_index_column;
                let span = (last - first) as usize + 2;
                if span <= 4 * self.ranks.len() + 8 {
                    // Docs close together: the run's start offsets and values in two reads.
                    self.starts.resize(span, 0);
                    starts.get_range(u64::from(first), &mut self.starts);
                    let base = self.starts[0];
                    self.values.resize((self.starts[span - 1] - base) as usize, 0);
                    values.get_range(u64::from(base), &mut self.values);
                    for &rank in &self.ranks {
                        let at = (rank - first) as usize;
                        let rows = (self.starts[at] - base) as usize..(self.starts[at + 1] - base) as usize;
                        each(&self.values[rows]);
                    }
                } else {
                    for &rank in &self.ranks {
                        let rows = starts.get_val(rank)..starts.get_val(rank + 1);
                        self.values.resize(rows.len(), 0);
                        values.get_range(u64::from(rows.start), &mut self.values);
                        each(&self.values);
                    }
                }
                missing
            }
            index => {
                let mut missing = 0;
                for &doc in docs {
                    let rows = index.value_row_ids(doc);
                    if rows.is_empty() {
                        missing += 1;
                        continue;
                    }
                    self.values.resize(rows.len(), 0);
                    values.get_range(u64::from(rows.start), &mut self.values);
                    each(&self.values);
                }
                missing
            }
        }
    }

    /// One value per rank in `ranks` (ascending): read as one run when they sit close
    /// together, else one by one.
    fn singles(&mut self, values: &dyn ColumnValues<u64>, each: &mut impl FnMut(&[u64])) {
        let (Some(&first), Some(&last)) = (self.ranks.first(), self.ranks.last()) else { return };
        let span = (last - first) as usize + 1;
        if span <= 4 * self.ranks.len() + 8 {
            self.values.resize(span, 0);
            values.get_range(u64::from(first), &mut self.values);
            for &rank in &self.ranks {
                let at = (rank - first) as usize;
                each(&self.values[at..at + 1]);
            }
        } else {
            for &rank in &self.ranks {
                each(&[values.get_val(rank)]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, FAST, STRING};
    use tantivy::{doc, Index, IndexWriter};

    /// Every doc's values through `BlockRows` equal `values_for_doc`'s, for single, optional
    /// and multi-valued columns, dense and sparse doc lists, after deletions.
    #[test]
    fn block_rows_match_values_for_doc() {
        let mut builder = Schema::builder();
        let full = builder.add_u64_field("full", FAST);
        let optional = builder.add_u64_field("optional", FAST);
        let multi = builder.add_u64_field("multi", FAST);
        let key = builder.add_text_field("key", STRING);
        let index = Index::create_in_ram(builder.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for n in 0u64..3000 {
            let mut document = doc!(full => n % 17, key => format!("k{}", n % 5));
            if n % 3 != 0 {
                document.add_u64(optional, n * 7);
            }
            // 0 to 3 values; some docs none, some a value twice.
            for k in 0..(n * 13 % 4) {
                document.add_u64(multi, (n + k * k) % 41);
            }
            writer.add_document(document).unwrap();
        }
        writer.commit().unwrap();
        writer.delete_term(tantivy::Term::from_field_text(key, "k3"));
        writer.commit().unwrap();
        let reader = index.reader().unwrap();
        let searcher = reader.searcher();
        let segment = searcher.segment_reader(0);
        let max_doc = segment.max_doc();
        let lists: Vec<Vec<DocId>> = vec![
            (0..max_doc).collect(),
            segment.doc_ids_alive().collect(),
            (0..max_doc).step_by(97).collect(),
            (0..max_doc).filter(|d| d % 7 < 2).collect(),
            vec![],
            vec![max_doc - 1],
        ];
        for name in ["full", "optional", "multi"] {
            let column = segment.fast_fields().u64(name).unwrap();
            for docs in &lists {
                let mut rows = BlockRows::default();
                let mut got: Vec<Vec<u64>> = Vec::new();
                let missing = rows.for_each_doc(&column, docs, |values| got.push(values.to_vec()));
                let want: Vec<Vec<u64>> = docs
                    .iter()
                    .map(|&doc| column.values_for_doc(doc).collect::<Vec<u64>>())
                    .filter(|values| !values.is_empty())
                    .collect();
                assert_eq!(got, want, "{name}, {} docs", docs.len());
                assert_eq!(missing as usize, docs.len() - want.len(), "{name}");
            }
        }
    }
}
