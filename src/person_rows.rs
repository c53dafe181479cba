//! Each segment's person numbers laid out flat for counting, kept beside the index in
//! `people-SEGMENT.rows`, and the per-segment counts the person facet of a large hit set is
//! worked out from. tantivy's multi-valued `person_id` column costs a lookup in its optional
//! index, two start offsets and a bit-unpacked run per doc (~100 ns a doc with its counting);
//! a flat file costs two offsets and a run of plain numbers (~5 ns a value). The file also
//! holds, for every person number, the docs of the segment holding it (deleted docs too), so
//! that over a query matching most of a segment the facet counts the docs that do not match
//! and subtracts (`report::facets`). A segment's docs never change, so its file is written
//! once, when `resolve::refresh` first sees the segment, and removed with it.
//!
//! What depends on the merges of one person's forms (`resolve`) is kept apart, since the
//! merges change with every indexing run: `people.overlaps` holds, per segment, the docs
//! holding two forms of one merged person, counted for exactly the forms it names by hash.
//!
//! Layout of a rows file (little-endian `u32`s after a 32-byte header):
//!
//! ```text
//! "MGPROWS1"  MAX_DOC  VALUES  TOTALS  MISSING  BODY_XXH3 (u64)
//! offsets   MAX_DOC + 1   where each doc's numbers start in `ids` (the last = VALUES)
//! ids       VALUES        each doc's person numbers, in doc order
//! totals    TOTALS        docs (of all MAX_DOC) holding each number, up to the largest
//! ```
//!
//! MISSING counts the docs with no number. A reader checks the header against its segment
//! and the file's size, and treats a file that is absent, of another segment or cut short as
//! absent: the facet then reads the column as before. The body's hash is checked by the
//! indexer before it keeps a file (a query checks offsets and numbers as it reads them, and
//! a file that does not add up is a damaged index).
//! Files are written through a temporary name and a rename.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use memmap2::Mmap;
use tantivy::{DocId, Searcher, SegmentReader};
use xxhash_rust::xxh3::xxh3_64;

use crate::archive::fast_column;
use crate::article::extract::text::FastMap;
use crate::error::{Error, Result};
use crate::resolve::Resolution;

const MAGIC: &[u8; 8] = b"MGPROWS1";
const HEADER: usize = 32;
const ROWS_PREFIX: &str = "people-";
const ROWS_SUFFIX: &str = ".rows";

/// The per-segment overlaps file inside the index directory.
pub const OVERLAPS_FILE: &str = "people.overlaps";
const OVERLAPS_HEADER: &str = "morgue person overlaps v1";

/// The column the rows are read from.
const COLUMN: &str = "person_id";

/// The rows file of the segment with this id (`uuid_string`).
fn rows_path(dir: &Path, segment: &str) -> PathBuf {
    dir.join(format!("{ROWS_PREFIX}{segment}{ROWS_SUFFIX}"))
}

/// One segment's person numbers, mapped from its rows file.
pub struct PersonRows {
    map: Mmap,
    max_doc: u32,
    values: u32,
    totals: u32,
    missing: u32,
}

impl PersonRows {
    /// The rows file of `reader`'s segment in `dir`; `None` when there is none, it is of
    /// another segment, or its header and size disagree. Its body is checked against its hash
    /// by [`PersonRows::verify`] (the indexer, before it keeps a file), not on every open:
    /// that would cost a query over the whole archive ~4 ms at a million articles. Readers
    /// check every offset and number against the bounds as they go.
    pub fn open(dir: &Path, reader: &SegmentReader) -> Option<PersonRows> {
        let file = std::fs::File::open(rows_path(dir, &reader.segment_id().uuid_string())).ok()?;
        // SAFETY: rows files are never written in place (a new file is renamed over), so the
        // mapped bytes do not change while mapped.
        let map = unsafe { Mmap::map(&file) }.ok()?;
        let rows = PersonRows::parse(map)?;
        (rows.max_doc == reader.max_doc()).then_some(rows)
    }

    fn parse(map: Mmap) -> Option<PersonRows> {
        if map.len() < HEADER || &map[..8] != MAGIC {
            return None;
        }
        let word = |at: usize| u32::from_le_bytes(map[at..at + 4].try_into().expect("4 bytes"));
        let (max_doc, values, totals, missing) = (word(8), word(12), word(16), word(20));
        let words = u64::from(max_doc) + 1 + u64::from(values) + u64::from(totals);
        if map.len() as u64 != HEADER as u64 + 4 * words {
            return None;
        }
        let rows = PersonRows { map, max_doc, values, totals, missing };
        (rows.offset(0) == 0 && rows.offset(max_doc as usize) == values).then_some(rows)
    }

    /// True when the body matches the hash in the header.
    pub fn verify(&self) -> bool {
        let hash = u64::from_le_bytes(self.map[24..32].try_into().expect("8 bytes"));
        xxh3_64(&self.map[HEADER..]) == hash
    }

    fn word(&self, index: usize) -> u32 {
        let at = HEADER + 4 * index;
        u32::from_le_bytes(self.map[at..at + 4].try_into().expect("4 bytes"))
    }

    fn offset(&self, doc: usize) -> u32 {
        self.word(doc)
    }

    /// Docs in the segment.
    pub fn max_doc(&self) -> u32 {
        self.max_doc
    }

    /// Docs of the segment (deleted ones too) with no person.
    pub fn missing(&self) -> u32 {
        self.missing
    }

    /// Person numbers in the segment, one per (doc, person).
    pub fn values(&self) -> u32 {
        self.values
    }

    /// The person numbers of `doc`, as little-endian `u32`s; `None` when the offsets are out
    /// of order (a damaged file that passed its hash).
    pub fn ids(&self, doc: DocId) -> Option<&[u8]> {
        let (offsets, numbers) = self.regions();
        self.between(numbers, span(offsets, doc as usize))
    }

    /// The file's offsets (`MAX_DOC + 1` of them) and what follows them, numbers first.
    fn regions(&self) -> (&[u8], &[u8]) {
        self.map[HEADER..].split_at(4 * (self.max_doc as usize + 1))
    }

    /// The numbers from offset `start` to `end` of `numbers` (the second of [`regions`]);
    /// `None` when the offsets are out of order or past the segment's values.
    ///
    /// [`regions`]: PersonRows::regions
    #[inline(always)]
    fn between<'a>(&self, numbers: &'a [u8], (start, end): (u32, u32)) -> Option<&'a [u8]> {
        (start <= end && end <= self.values)
            .then(|| numbers.get(4 * start as usize..4 * end as usize))
            .flatten()
    }

    /// Hands `each` the person numbers of every doc set in `words`, a bit set's words from
    /// word `first` on (bit `i` of word `w` is doc `64 * (first + w) + i`), in doc order;
    /// `None` for a doc whose offsets are out of order or past the segment. The docs go a
    /// batch at a time: first every doc's two offsets are read and the start of its numbers
    /// prefetched, then the numbers are handed over. Read one doc after another, each doc's
    /// numbers waited on its offsets and the next doc's offsets on the counting before them:
    /// the file is read from memory, not from the CPU's caches (~1.3 cache misses a doc), and
    /// the waits were most of a person facet's time over 141 k articles.
    #[inline(always)]
    pub fn for_each_ids(&self, words: &[u64], first: usize, mut each: impl FnMut(Option<&[u8]>)) {
        const BATCH: usize = 32;
        let (offsets, ids) = self.regions();
        let mut batch = [(0u32, 0u32); BATCH];
        // The word being read (its place in `words`) and its bits not read yet.
        let (mut at, mut bits) = (0, words.first().copied().unwrap_or(0));
        loop {
            let mut len = 0;
            while len < BATCH {
                if bits == 0 {
                    at += 1;
                    match words.get(at) {
                        Some(&word) => bits = word,
                        None => break,
                    }
                    continue;
                }
                let doc = (first + at) * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                batch[len] = span(offsets, doc);
                prefetch(ids, 4 * batch[len].0 as usize);
                len += 1;
            }
            if len == 0 {
                return;
            }
            // One call site for `each`, so that it is inlined.
            for &doc_span in &batch[..len] {
                each(self.between(ids, doc_span));
            }
        }
    }

    /// Docs (of all the segment's docs) holding each person number, up to the largest.
    pub fn totals(&self) -> impl Iterator<Item = u32> + '_ {
        let base = HEADER + 4 * (self.max_doc as usize + 1 + self.values as usize);
        self.map[base..base + 4 * self.totals as usize]
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
    }

    /// True when the totals add up to the segment's values: a reader that subtracts from
    /// them checks this first (the body's hash is the indexer's to check).
    pub fn totals_add_up(&self) -> bool {
        self.totals().map(u64::from).sum::<u64>() == u64::from(self.values)
    }

    /// One past the largest person number in the segment (0 when it has none).
    pub fn bound(&self) -> usize {
        self.totals as usize
    }

    /// The largest person number in the segment, `None` when it has none.
    pub fn largest(&self) -> Option<u64> {
        u64::from(self.totals).checked_sub(1)
    }
}

/// Where a doc's numbers start and end, from the offsets region of a rows file: the doc's
/// offset and the next one, in one read; (1, 0), no numbers, for a doc past the segment.
#[inline(always)]
fn span(offsets: &[u8], doc: usize) -> (u32, u32) {
    match offsets.get(4 * doc..).and_then(|b| b.first_chunk::<8>()) {
        Some(&[a, b, c, d, e, f, g, h]) => {
            (u32::from_le_bytes([a, b, c, d]), u32::from_le_bytes([e, f, g, h]))
        }
        None => (1, 0),
    }
}

/// Asks the CPU to fetch the cache line holding `bytes[at]`, if there is one: a hint, with
/// no effect on what the program computes.
#[inline(always)]
fn prefetch(bytes: &[u8], at: usize) {
    #[cfg(target_arch = "x86_64")]
    if let Some(byte) = bytes.get(at) {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch reads nothing the program sees and cannot fault; the address is
        // inside `bytes` besides. (Safe to call from Rust 1.91 on; kept in `unsafe` for older
        // compilers.)
        #[allow(unused_unsafe)]
        unsafe {
            _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(byte).cast::<i8>())
        };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (bytes, at);
}

/// The numbers in `bytes` (little-endian `u32`s).
pub fn numbers(bytes: &[u8]) -> impl Iterator<Item = u64> + Clone + '_ {
    bytes.as_chunks::<4>().0.iter().map(|b| u64::from(u32::from_le_bytes(*b)))
}

/// The bytes of a rows file for `reader`'s segment, from its `person_id` column.
fn build(dir: &Path, reader: &SegmentReader) -> Result<Vec<u8>> {
    let column = fast_column::<u64>(reader, COLUMN)?;
    let max_doc = reader.max_doc();
    let mut offsets: Vec<u32> = Vec::with_capacity(max_doc as usize + 1);
    let mut ids: Vec<u32> = Vec::new();
    let mut totals: Vec<u32> = Vec::new();
    let mut missing = 0u32;
    offsets.push(0);
    for doc in 0..max_doc {
        let before = ids.len();
        for id in column.values_for_doc(doc) {
            let id = u32::try_from(id).map_err(|_| Error::IndexDamaged {
                path: dir.to_path_buf(),
                reason: format!("documents refer to person #{id}, past any registry"),
            })?;
            if id as usize >= totals.len() {
                totals.resize(id as usize + 1, 0);
            }
            totals[id as usize] += 1;
            ids.push(id);
        }
        missing += u32::from(ids.len() == before);
        offsets.push(ids.len() as u32);
    }
    let mut body = Vec::with_capacity(4 * (offsets.len() + ids.len() + totals.len()));
    for word in offsets.iter().chain(&ids).chain(&totals) {
        body.extend_from_slice(&word.to_le_bytes());
    }
    let mut bytes = Vec::with_capacity(HEADER + body.len());
    bytes.extend_from_slice(MAGIC);
    for word in [max_doc, ids.len() as u32, totals.len() as u32, missing] {
        bytes.extend_from_slice(&word.to_le_bytes());
    }
    bytes.extend_from_slice(&xxh3_64(&body).to_le_bytes());
    bytes.extend_from_slice(&body);
    Ok(bytes)
}

/// Writes `bytes` to `path` through a temporary file and a rename.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let temp = path.with_extension("tmp");
    let io = |e| Error::io(&temp, e);
    let mut file = std::fs::File::create(&temp).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.sync_data().map_err(io)?;
    std::fs::rename(&temp, path).map_err(|e| Error::io(path, e))
}

/// Brings the rows files and `people.overlaps` in `dir` up to the snapshot `searcher` reads:
/// writes the rows of segments that have none (or a damaged one), removes those of segments
/// gone, and counts the overlaps again when the forms or the segments changed.
pub fn refresh(dir: &Path, searcher: &Searcher, resolution: &Resolution) -> Result<()> {
    let mut rows = Vec::new();
    let mut live: HashSet<String> = HashSet::new();
    for reader in searcher.segment_readers() {
        let id = reader.segment_id().uuid_string();
        let segment_rows = match PersonRows::open(dir, reader).filter(PersonRows::verify) {
            Some(found) => found,
            None => {
                let path = rows_path(dir, &id);
                write_file(&path, &build(dir, reader)?)?;
                PersonRows::open(dir, reader).ok_or_else(|| Error::IndexDamaged {
                    path,
                    reason: "rows file unreadable as written".into(),
                })?
            }
        };
        rows.push((id.clone(), segment_rows));
        live.insert(id);
    }
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let segment = name.strip_prefix(ROWS_PREFIX).and_then(|rest| rest.strip_suffix(ROWS_SUFFIX));
        if segment.is_some_and(|segment| !live.contains(segment)) {
            // A reader of an older snapshot keeps its mapping; one opening it later counts
            // from the column.
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let forms = Forms::of(resolution);
    let ids: Vec<&str> = rows.iter().map(|(id, _)| id.as_str()).collect();
    if Overlaps::read(dir, &forms).is_some_and(|found| ids.iter().all(|id| found.0.contains_key(*id))) {
        return Ok(());
    }
    let mut text = String::new();
    let mut tally = OverlapTally::new(&forms);
    for (id, segment_rows) in &rows {
        for doc in 0..segment_rows.max_doc() {
            let ids = segment_rows.ids(doc).ok_or_else(|| Error::IndexDamaged {
                path: rows_path(dir, id),
                reason: format!("doc {doc}: offsets out of order"),
            })?;
            count_doc(&forms, numbers(ids), |_| {}, &mut tally);
        }
        let mut pairs: Vec<(u64, u64)> = tally.take(&forms).into_iter().collect();
        pairs.sort_unstable();
        text.push_str(id);
        for (full, n) in pairs {
            text.push_str(&format!("\t{full}:{n}"));
        }
        text.push('\n');
    }
    let file = format!("{OVERLAPS_HEADER} {:016x} {:016x}\n{text}", forms.hash, xxh3_64(text.as_bytes()));
    write_file(&dir.join(OVERLAPS_FILE), file.as_bytes())
}

/// Per segment id, the docs (deleted ones too) holding two forms of one merged person, per
/// full name (once per extra form), for one set of forms.
#[derive(Debug, Default)]
pub struct Overlaps(pub HashMap<String, FastMap<u64, u64>>);

impl Overlaps {
    /// `people.overlaps` in `dir` when it was counted for `forms` and is intact.
    pub fn read(dir: &Path, forms: &Forms) -> Option<Overlaps> {
        let text = std::fs::read_to_string(dir.join(OVERLAPS_FILE)).ok()?;
        let (first, body) = text.split_once('\n')?;
        let mut header = first.strip_prefix(OVERLAPS_HEADER)?.split_whitespace();
        let hash = u64::from_str_radix(header.next()?, 16).ok()?;
        let body_hash = u64::from_str_radix(header.next()?, 16).ok()?;
        if hash != forms.hash || xxh3_64(body.as_bytes()) != body_hash {
            return None;
        }
        let mut segments = HashMap::new();
        for line in body.lines() {
            let mut parts = line.split('\t');
            let id = parts.next()?.to_string();
            let mut counts = FastMap::default();
            for pair in parts {
                let (full, n) = pair.split_once(':')?;
                counts.insert(full.parse().ok()?, n.parse().ok()?);
            }
            segments.insert(id, counts);
        }
        Some(Overlaps(segments))
    }
}

/// The numbers of every form of a merged person (its bare surnames and its full name), and
/// the full name each stands for.
pub struct Forms {
    /// Per number up to the largest form, one past the place of its full name in `full` (0:
    /// not a form). A direct look-up: ranking a bit set (a bit test, then the set bits below
    /// it, which the baseline x86-64 target counts without `popcnt`) cost a person facet over
    /// a word in 70% of the archive a seventh of its instructions. 4 bytes a person number.
    slots: Vec<u32>,
    /// The full names the forms stand for, ascending: a full name's place here is its slot in
    /// an [`OverlapTally`].
    full: Vec<u64>,
    /// A hash of the (form, full name) pairs, naming this set of forms in `people.overlaps`.
    pub hash: u64,
}

impl Forms {
    /// The forms of the persons `resolution` merges.
    pub fn of(resolution: &Resolution) -> Forms {
        Forms::new(resolution.merged_pairs().flat_map(|(s, t)| [(s, t), (t, t)]).collect())
    }

    /// From (form, full name) pairs; a form listed twice keeps its first full name.
    pub fn new(mut pairs: Vec<(u64, u64)>) -> Forms {
        pairs.sort_unstable();
        pairs.dedup_by_key(|&mut (form, _)| form);
        let mut full: Vec<u64> = pairs.iter().map(|&(_, full)| full).collect();
        full.sort_unstable();
        full.dedup();
        let mut slots = vec![0u32; pairs.last().map_or(0, |&(form, _)| form as usize + 1)];
        for &(form, name) in &pairs {
            let place = full.binary_search(&name).expect("every full name is listed");
            slots[form as usize] = place as u32 + 1;
        }
        let bytes: Vec<u8> =
            pairs.iter().flat_map(|&(form, full)| [form, full]).flat_map(u64::to_le_bytes).collect();
        let hash = xxh3_64(&bytes);
        Forms { slots, full, hash }
    }

    pub fn is_empty(&self) -> bool {
        self.full.is_empty()
    }

    /// The full name `id` is a form of.
    #[cfg(test)]
    pub fn full_name(&self, id: u64) -> Option<u64> {
        self.full.get(self.place(id)?).copied()
    }

    /// The place of the full name `id` is a form of, among the full names.
    #[inline(always)]
    fn place(&self, id: u64) -> Option<usize> {
        Some(self.slots.get(id as usize)?.checked_sub(1)? as usize)
    }
}

/// The docs holding two forms of one merged person, counted per full name (once per extra
/// form) as the docs go by: each full name keeps the mark of the last doc that held one of
/// its forms, so a doc's forms are told apart with a compare each, no list and no sort (a
/// list sorted per doc, and a hash-map entry per overlap, were a sixth of a person facet's
/// instructions over 141 k articles).
pub struct OverlapTally {
    /// Per full name (its place in [`Forms`]), the mark of the last doc holding a form of it.
    marks: Vec<u32>,
    /// Per full name, the extra forms counted so far.
    extra: Vec<u32>,
    /// The current doc's mark; 0 is no doc's.
    mark: u32,
}

impl OverlapTally {
    /// A tally for the full names of `forms`, nothing counted.
    pub fn new(forms: &Forms) -> OverlapTally {
        OverlapTally { marks: vec![0; forms.full.len()], extra: vec![0; forms.full.len()], mark: 0 }
    }

    /// Starts the next doc.
    #[inline(always)]
    fn next_doc(&mut self) {
        self.mark = self.mark.wrapping_add(1);
        if self.mark == 0 {
            self.marks.fill(0);
            self.mark = 1;
        }
    }

    /// The current doc holds a form of the full name at `place`.
    #[inline(always)]
    fn hold(&mut self, place: usize) {
        if let (Some(mark), Some(extra)) = (self.marks.get_mut(place), self.extra.get_mut(place)) {
            if *mark == self.mark {
                *extra += 1;
            } else {
                *mark = self.mark;
            }
        }
    }

    /// The extra forms counted, per full name (number), none of them zero; the tally is left
    /// empty for the next segment.
    pub fn take(&mut self, forms: &Forms) -> FastMap<u64, u64> {
        let mut overlaps = FastMap::default();
        for (place, extra) in self.extra.iter_mut().enumerate().filter(|(_, n)| **n > 0) {
            overlaps.insert(forms.full[place], u64::from(std::mem::take(extra)));
        }
        overlaps
    }
}

/// Counts the numbers of one doc (`add`), and notes in `tally` the extra forms it holds of a
/// merged person. Inlined into the counting loops (a call per article cost a person facet
/// over 300 k articles a quarter of its instructions).
#[inline(always)]
pub fn count_doc(
    forms: &Forms,
    values: impl Iterator<Item = u64>,
    mut add: impl FnMut(u64),
    tally: &mut OverlapTally,
) {
    tally.next_doc();
    for id in values {
        add(id);
        if let Some(place) = forms.place(id) {
            tally.hold(place);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_name_their_full_names_and_overlaps_count_extra_forms() {
        // 7 and 130 are surnames of 900; 900 is its own form; 64 is listed twice (first kept).
        let forms = Forms::new(vec![(900, 900), (130, 900), (7, 900), (64, 5), (64, 6), (5, 5)]);
        assert_eq!(forms.full_name(7), Some(900));
        assert_eq!(forms.full_name(130), Some(900));
        assert_eq!(forms.full_name(900), Some(900));
        assert_eq!(forms.full_name(64), Some(5));
        assert_eq!(forms.full_name(5), Some(5));
        for other in [0, 6, 63, 65, 131, 899, 901, u64::MAX] {
            assert_eq!(forms.full_name(other), None, "{other}");
        }
        assert!(Forms::new(Vec::new()).full_name(0).is_none());
        // A doc holding 7, 130 and 900 holds two extra forms of 900; 64 and 5 one of 5.
        let mut tally = OverlapTally::new(&forms);
        let mut added = Vec::new();
        count_doc(&forms, [7, 12, 130, 900, 64, 5].into_iter(), |id| added.push(id), &mut tally);
        // Two forms of different people, one form alone, and one form of each across docs
        // (900's forms one per doc) note nothing.
        count_doc(&forms, [7, 64].into_iter(), |_| {}, &mut tally);
        count_doc(&forms, [130].into_iter(), |_| {}, &mut tally);
        count_doc(&forms, [900].into_iter(), |_| {}, &mut tally);
        assert_eq!(added, [7, 12, 130, 900, 64, 5]);
        let overlaps = tally.take(&forms);
        assert_eq!((overlaps.get(&900), overlaps.get(&5), overlaps.len()), (Some(&2), Some(&1), 2));
        // Taken: the tally starts again from nothing.
        assert!(tally.take(&forms).is_empty());
        // When the marks wrap, a mark left from long ago is not taken for the new doc's.
        tally.marks[forms.place(900).expect("a form")] = 1;
        tally.mark = u32::MAX;
        count_doc(&forms, [64].into_iter(), |_| {}, &mut tally);
        count_doc(&forms, [130].into_iter(), |_| {}, &mut tally);
        assert!(tally.take(&forms).is_empty());
        count_doc(&forms, [900, 7].into_iter(), |_| {}, &mut tally);
        assert_eq!(tally.take(&forms).get(&900), Some(&1));
    }
}
