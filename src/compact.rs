//! Segment compaction after an indexing run. Tantivy's log merge policy leaves a tail of
//! small segments behind a build (the last commits' segments, never enough of one size to
//! merge), and every query pays for each segment: a `morgue` process opens and maps all of
//! their files, and each query term is looked up in every one. After a run that wrote
//! documents, `tidy` merges that tail, one merge per indexing thread so the cores
//! share it, when it is cheap: only segments much smaller than the largest, and only while
//! they hold a small share of the archive (bigger tails are the merge policy's business).

use tantivy::index::SegmentId;
use tantivy::indexer::NoMergePolicy;
use tantivy::{Index, IndexWriter, SegmentMeta, TantivyDocument};

/// When the tail is merged.
#[derive(Debug, Clone, Copy)]
pub struct TailPolicy {
    /// A segment is in the tail when its live documents times this are fewer than the
    /// largest segment's.
    pub small_factor: u32,
    /// The tail is merged only while it holds at most this share of all live documents:
    /// merging rewrites every document it holds.
    pub max_share: f64,
    /// Merges run in parallel, one per thread. The tail is merged once it has more than two
    /// segments per thread: merging it whenever it had more than one per thread would rewrite
    /// the previous run's merged tail on every small incremental run.
    pub threads: usize,
}

impl TailPolicy {
    /// Segments under an eighth of the largest (one level of tantivy's log merge policy),
    /// holding at most a tenth of the archive.
    pub fn with_threads(threads: usize) -> TailPolicy {
        TailPolicy { small_factor: 8, max_share: 0.10, threads: threads.max(1) }
    }

    /// The groups of tail segments to merge, one per thread, balanced by documents; empty
    /// when the tail should be left alone.
    pub fn plan(&self, segments: &[SegmentMeta]) -> Vec<Vec<SegmentMeta>> {
        let largest = segments.iter().map(SegmentMeta::num_docs).max().unwrap_or(0);
        let total: u64 = segments.iter().map(|s| u64::from(s.num_docs())).sum();
        let mut tail: Vec<SegmentMeta> = segments
            .iter()
            .filter(|s| u64::from(s.num_docs()) * u64::from(self.small_factor) < u64::from(largest))
            .cloned()
            .collect();
        let tail_docs: u64 = tail.iter().map(|s| u64::from(s.num_docs())).sum();
        if tail.len() <= 2 * self.threads || tail_docs as f64 > self.max_share * total as f64 {
            return Vec::new();
        }
        // Largest first, each into the group with the fewest documents so far.
        tail.sort_by_key(|s| std::cmp::Reverse(s.num_docs()));
        let mut groups: Vec<(u64, Vec<SegmentMeta>)> = vec![(0, Vec::new()); self.threads];
        for segment in tail {
            let lightest = groups.iter_mut().min_by_key(|(docs, _)| *docs).expect("at least one group");
            lightest.0 += u64::from(segment.num_docs());
            lightest.1.push(segment);
        }
        groups.into_iter().map(|(_, group)| group).filter(|group| group.len() > 1).collect()
    }
}

/// Tidies the index after a run that changed it: merges the tail of small segments as
/// `policy` plans it, then deletes the files of segments no longer in the index (tantivy
/// collects after each merge but keeps the files of any segment whose `SegmentMeta` is still
/// alive somewhere in the process; a last collection once nothing holds them leaves none).
/// Returns how many segments were merged away. Needs the index's writer lock: call it after
/// the run's writer is gone (a busy lock is tantivy's `LockFailure`). Each merge commits on
/// its own and keeps the last commit's payload; a crash during one leaves the index as it was.
pub fn tidy(index: &Index, policy: &TailPolicy) -> tantivy::Result<usize> {
    // Segment ids only: a live `SegmentMeta` keeps its files from being collected.
    let groups: Vec<Vec<SegmentId>> = policy
        .plan(&index.searchable_segment_metas()?)
        .into_iter()
        .map(|group| group.iter().map(SegmentMeta::id).collect())
        .collect();
    // The smallest writer tantivy allows; it only merges, with no policy of its own.
    let mut writer: IndexWriter<TantivyDocument> = index.writer_with_num_threads(1, 15_000_000)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let merges: Vec<_> = groups.iter().map(|ids| writer.merge(ids)).collect();
    for merge in merges {
        merge.wait()?;
    }
    writer.garbage_collect_files().wait()?;
    writer.wait_merging_threads()?;
    Ok(groups.iter().map(|ids| ids.len() - 1).sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, STORED, STRING};
    use tantivy::{doc, Index};

    /// An index in RAM with one segment per entry of `sizes`.
    fn index_with_segments(sizes: &[usize]) -> Index {
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING | STORED);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter<TantivyDocument> = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let mut n = 0;
        for size in sizes {
            for _ in 0..*size {
                writer.add_document(doc!(id => n.to_string())).unwrap();
                n += 1;
            }
            writer.commit().unwrap();
        }
        writer.wait_merging_threads().unwrap();
        index
    }

    fn sizes(index: &Index) -> Vec<u32> {
        let mut sizes: Vec<u32> =
            index.searchable_segment_metas().unwrap().iter().map(|s| s.num_docs()).collect();
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        sizes
    }

    #[test]
    fn the_small_tail_is_merged_one_group_per_thread() {
        let index = index_with_segments(&[400, 60, 9, 8, 7, 6, 5]);
        let policy = TailPolicy { max_share: 0.2, ..TailPolicy::with_threads(2) };
        assert_eq!(tidy(&index, &policy).unwrap(), 3);
        // 60 is not under an eighth of 400; the five small ones become 9+6 and 8+7+5 (or the
        // like: balanced by documents).
        let after = sizes(&index);
        assert_eq!(after.len(), 4, "{after:?}");
        assert_eq!(&after[..2], &[400, 60]);
        assert_eq!(after[2] + after[3], 35);
        assert!(after[2].abs_diff(after[3]) <= 5, "{after:?}");
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.num_docs(), 495, "no document is lost");
    }

    #[test]
    fn a_tail_that_is_a_big_share_or_has_few_segments_is_left_alone() {
        let index = index_with_segments(&[400, 20, 20, 20, 20, 20]);
        assert_eq!(tidy(&index, &TailPolicy::with_threads(2)).unwrap(), 0, "100 of 500 is over 10%");
        assert_eq!(sizes(&index), vec![400, 20, 20, 20, 20, 20]);
        let index = index_with_segments(&[400, 5, 5, 5, 5]);
        assert_eq!(tidy(&index, &TailPolicy::with_threads(2)).unwrap(), 0, "four segments, two threads");
        assert_eq!(tidy(&index, &TailPolicy::with_threads(1)).unwrap(), 3);
        assert_eq!(sizes(&index), vec![400, 20]);
    }
}
