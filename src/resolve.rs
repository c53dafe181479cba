//! One person across the archive: which surname-only person keys ("reagan") stand for one
//! full name the archive uses ("ronald reagan"), and which are ambiguous ("bush" where the
//! archive names George Bush and Laura Bush). Within one article the extractor already gives a
//! bare surname the article's full name; this resolves the bare surnames that were left, across
//! articles, from the index as it stands.
//!
//! The rule: a one-word key S and the keys of two words or more whose last word (less a
//! particle such as "al-") is S are its candidates. A candidate counts only if a live article
//! has it and its years overlap S's (an undated side overlaps everything); a candidate that
//! ends with another candidate ("staff donald regan", "donald regan") is that candidate. S
//! resolves to the candidate with the most articles when it has at least [`DOMINANCE`] times
//! the articles of all the others together and at least [`MIN_ARTICLES`]; when no candidate
//! leads that way S is ambiguous and stays its own value.
//!
//! Nothing is written into documents: an article added later can make S ambiguous. The
//! resolution is a function of the snapshot (the registry plus the live articles), computed by
//! the indexer after every run and kept in `people.merges` beside the index, tagged with the
//! commit's opstamp and the registry size it saw. A reader uses the file only when it belongs
//! to the reader's commit and knows every person number the snapshot holds; otherwise (a run
//! still going, a crash before the file was written, an index written by an older morgue) it
//! computes the same thing itself, once per opened snapshot.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashSet};
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

use crate::archive::{fast_column, WithoutBody};
use crate::article::extract::people::{person_key, strip_particle};
use crate::article::extract::text::FastMap;
use crate::error::{Error, Result};
use crate::person_counts;
use crate::registry::PersonRegistry;
use crate::schema::{keyword_form, Fields};
use xxhash_rust::xxh3::xxh3_64;

/// The resolution's file name inside the index directory.
pub const MERGES_FILE: &str = "people.merges";

/// A short form resolves to the leading full name only when that name has at least this many
/// times the articles of every other candidate together.
pub const DOMINANCE: u64 = 4;

/// A short form resolves only to a full name printed in at least this many live articles:
/// the name the archive uses, not a one-off (on Reuters-21578 most one- and two-article
/// targets were companies read as people: "Lucky" → "Michael Lucky").
pub const MIN_ARTICLES: u64 = 3;

/// Candidates listed for an ambiguous short form, most articles first.
pub const MAX_LISTED: usize = 5;

/// The first bytes of `people.merges` (the text file of earlier versions, "morgue person
/// merges v1", is not read: a reader computes the resolution instead, and the next indexer
/// run rewrites it).
const MAGIC: &[u8; 8] = b"MGPMRG03";

/// Bytes before the body: magic, opstamp and people (`u64`), the section sizes of [`Sizes`]
/// (eight `u32`s) and the body's xxh3.
const HEADER: usize = 8 + 16 + 32 + 8;

/// Which short person keys stand for which full ones, by registry number: the body of
/// `people.merges` as it is on disk, looked up in place. Every table is a run of
/// fixed-width little-endian records sorted by their first field, so reading the file costs
/// one read and a hash check (its text form cost ~5 ms of every person facet at a million
/// articles: 34 k keys parsed and put in hash maps), and each lookup a binary search. The
/// keys and labels are one string after the tables, checked as UTF-8 once when read.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Resolution {
    body: Vec<u8>,
    text: String,
    sizes: Sizes,
}

/// Records per table of a [`Resolution`]'s body, in body order (`sources` and `numbers`
/// have as many records as `merged` and `keys`).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Sizes {
    /// Short form → full name, `(short u32, full u32)`, by short form.
    merged: usize,
    /// Short form → where its candidates start, `(short u32, first u32)`, by short form; the
    /// candidates run to the next record's first, the last to the end of `candidates`.
    ambiguous: usize,
    /// The full names each ambiguous short form could be, most articles first (`u32`).
    candidates: usize,
    /// Full name → live articles that hold it and one of its surnames, or two of its
    /// surnames (each counted once per extra form), `(full u32, articles u32)`, by full
    /// name: the person facet of every article subtracts these from the forms' counts.
    overlap: usize,
    /// Number → key, `(number u32, start u32, end u32)` into `text`, by number; every number
    /// above has one.
    keys: usize,
    /// Display names worked out when the file was written ([`label`]): the merge targets
    /// and the people of the most articles, so facets and hits need no stored documents for
    /// them; `(number u32, start u32, end u32)` into `text`, by number.
    labels: usize,
    /// Bytes of keys and labels.
    text: usize,
    /// Short form → its full name, by the short key's xxh3, `(hash u64, short key span,
    /// full key span, full name's label span)` (spans `(start u32, end u32)` into `text`, an
    /// empty label span when none was kept), one record per merge: showing a bare surname as
    /// its full name is one binary search (through `numbers`, `merged`, `keys` and `labels`
    /// it was five, a third of a rare word's hits at a million articles).
    shorts: usize,
}

/// Record widths.
const PAIR: usize = 8;
const SPAN: usize = 12;
/// `(xxh3 of the key u64, number u32)`, by hash then number: key → number.
const HASHED: usize = 12;
/// A record of `shorts`: a hash and three spans.
const SHORT: usize = 8 + 3 * 8;

impl Sizes {
    fn fields(&self) -> [usize; 8] {
        [
            self.merged,
            self.ambiguous,
            self.candidates,
            self.overlap,
            self.keys,
            self.labels,
            self.text,
            self.shorts,
        ]
    }

    /// Where each table starts in the body, and the body's length.
    fn layout(&self) -> Layout {
        let mut at = 0;
        let mut next = |bytes: usize| {
            let range = at..at + bytes;
            at += bytes;
            range
        };
        Layout {
            merged: next(PAIR * self.merged),
            sources: next(PAIR * self.merged),
            ambiguous: next(PAIR * self.ambiguous),
            candidates: next(4 * self.candidates),
            overlap: next(PAIR * self.overlap),
            keys: next(SPAN * self.keys),
            numbers: next(HASHED * self.keys),
            labels: next(SPAN * self.labels),
            shorts: next(SHORT * self.shorts),
            text: next(self.text),
        }
    }
}

/// The byte ranges of a body's tables.
struct Layout {
    merged: Range<usize>,
    /// Full name → short form, `(full u32, short u32)`, by full name then short form.
    sources: Range<usize>,
    ambiguous: Range<usize>,
    candidates: Range<usize>,
    overlap: Range<usize>,
    keys: Range<usize>,
    numbers: Range<usize>,
    labels: Range<usize>,
    shorts: Range<usize>,
    /// After the tables: kept apart as the resolution's `text`.
    text: Range<usize>,
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"))
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"))
}

/// The first record of `table` (records of `width` bytes) whose leading value, read by
/// `lead`, is not below `wanted`.
fn lower_bound<T: Ord>(table: &[u8], width: usize, wanted: T, lead: impl Fn(&[u8]) -> T) -> usize {
    let (mut low, mut high) = (0, table.len() / width);
    while low < high {
        let mid = (low + high) / 2;
        if lead(&table[mid * width..]) < wanted {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    low
}

/// The records of `table` (sorted by a leading `u64` xxh3) whose hash is `key`'s: the key's
/// own, and any that share its hash, for the caller to tell apart.
fn hashed_run<'t>(table: &'t [u8], width: usize, key: &str) -> impl Iterator<Item = &'t [u8]> {
    let hash = xxh3_64(key.as_bytes());
    let first = lower_bound(table, width, hash, |r| u64_at(r, 0));
    table[first * width..].chunks_exact(width).take_while(move |r| u64_at(r, 0) == hash)
}

/// The records of `table` whose first `u32` is `id`.
fn run(table: &[u8], width: usize, id: u64) -> impl Iterator<Item = &[u8]> {
    let first = lower_bound(table, width, id, |r| u64::from(u32_at(r, 0)));
    table[first * width..].chunks_exact(width).take_while(move |r| u64::from(u32_at(r, 0)) == id)
}

/// The resolution as it is worked out, before it is laid out as a [`Resolution`].
#[derive(Debug, Default)]
struct Draft {
    merged: FastMap<u64, u64>,
    ambiguous: FastMap<u64, Vec<u64>>,
    keys: FastMap<u64, String>,
    overlap: FastMap<u64, u64>,
    labels: FastMap<u64, String>,
}

/// Person facet values before ordering ([`Resolution::rank`]).
#[derive(Debug, Default)]
pub struct Ranked {
    /// (registry number, articles) per value, unordered.
    pub values: Vec<(u64, u64)>,
    /// Full name → the bare surnames counted into it, ascending.
    pub groups: BTreeMap<u64, Vec<u64>>,
}

impl Ranked {
    /// The keys of the bare surnames counted into the value `id`.
    pub fn merged_keys(&self, resolution: &Resolution, id: u64) -> Vec<String> {
        let sources = self.groups.get(&id).map_or(&[][..], Vec::as_slice);
        sources.iter().filter_map(|&s| resolution.key(s)).map(str::to_string).collect()
    }
}

/// What a `people.merges` file was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// The opstamp of the commit it describes.
    pub opstamp: u64,
    /// Registry keys it saw.
    pub people: u64,
}

/// Articles and year span of one person key in the snapshot.
#[derive(Debug, Clone, Copy, Default)]
struct Usage {
    articles: u64,
    years: Option<(i64, i64)>,
}

impl Usage {
    fn overlaps(&self, other: &Usage) -> bool {
        match (self.years, other.years) {
            (Some((a, b)), Some((c, d))) => c <= b && a <= d,
            _ => true,
        }
    }
}

/// Offers the count `n` to `largest`, the `top` largest counts so far (every count when
/// `top` is 0): true when `n` is at least the least of them (or they are fewer than `top`),
/// before `n` goes in.
fn offer(largest: &mut BinaryHeap<Reverse<u64>>, top: usize, n: u64) -> bool {
    if top == 0 {
        return true;
    }
    if largest.len() < top {
        largest.push(Reverse(n));
        return true;
    }
    let least = largest.peek().map_or(0, |&Reverse(least)| least);
    if n > least {
        largest.pop();
        largest.push(Reverse(n));
    }
    n >= least
}

impl Resolution {
    fn layout(&self) -> Layout {
        self.sizes.layout()
    }

    fn table(&self, range: Range<usize>) -> &[u8] {
        &self.body[range]
    }

    /// The text of a span record `(number, start, end)`, if it lies in `text` on character
    /// boundaries.
    fn text_of(&self, record: &[u8]) -> Option<&str> {
        self.span(record, 4)
    }

    /// The text of the `(start u32, end u32)` span at `at` in `record`.
    fn span(&self, record: &[u8], at: usize) -> Option<&str> {
        self.text.get(u32_at(record, at) as usize..u32_at(record, at + 4) as usize)
    }

    /// The full name a short form stands for.
    pub fn target(&self, id: u64) -> Option<u64> {
        run(self.table(self.layout().merged), PAIR, id).next().map(|r| u64::from(u32_at(r, 4)))
    }

    /// Live articles of the snapshot that hold two forms of the merged person `target`
    /// (counted once per extra form).
    pub fn overlap(&self, target: u64) -> u64 {
        run(self.table(self.layout().overlap), PAIR, target).next().map_or(0, |r| u64::from(u32_at(r, 4)))
    }

    /// Every (short form, full name) merge, by short form.
    pub fn merged_pairs(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        let pairs = self.table(self.layout().merged).chunks_exact(PAIR);
        pairs.map(|r| (u64::from(u32_at(r, 0)), u64::from(u32_at(r, 4))))
    }

    /// The short forms counted into a full name, ascending.
    pub fn sources(&self, target: u64) -> impl Iterator<Item = u64> + '_ {
        run(self.table(self.layout().sources), PAIR, target).map(|r| u64::from(u32_at(r, 4)))
    }

    /// The full names an ambiguous short form could be, most articles first (none when it is
    /// not ambiguous).
    pub fn candidates(&self, id: u64) -> impl Iterator<Item = u64> + '_ {
        let layout = self.layout();
        let (table, candidates) = (self.table(layout.ambiguous), self.table(layout.candidates));
        // A run starts at its record's `first` and ends at the next record's (or the end).
        let at = lower_bound(table, PAIR, id, |r| u64::from(u32_at(r, 0)));
        let first = |at: usize| u32_at(table, at * PAIR + 4) as usize;
        let found = at < self.sizes.ambiguous && u64::from(u32_at(table, at * PAIR)) == id;
        let (start, end) = match found {
            true if at + 1 < self.sizes.ambiguous => (first(at), first(at + 1)),
            true => (first(at), self.sizes.candidates),
            false => (0, 0),
        };
        // Starts are checked when the file is read; a body built here is consistent.
        candidates
            .get(4 * start..4 * end)
            .unwrap_or_default()
            .chunks_exact(4)
            .map(|b| u64::from(u32_at(b, 0)))
    }

    /// The key of a number the resolution mentions.
    pub fn key(&self, id: u64) -> Option<&str> {
        self.text_of(run(self.table(self.layout().keys), SPAN, id).next()?)
    }

    /// The full key a short key stands for.
    pub fn target_key(&self, key: &str) -> Option<&str> {
        let id = self.number(key)?;
        self.target(id).and_then(|t| self.key(t))
    }

    /// [`Resolution::target_key`] with the full name's display name, if the file kept one:
    /// one binary search in `shorts`.
    pub fn target_and_label(&self, key: &str) -> Option<(&str, Option<&str>)> {
        let record = hashed_run(self.table(self.layout().shorts), SHORT, key)
            .find(|r| self.span(r, 8) == Some(key))?;
        Some((self.span(record, 16)?, self.span(record, 24).filter(|label| !label.is_empty())))
    }

    /// The short keys that stand for a full key.
    pub fn source_keys(&self, key: &str) -> Vec<&str> {
        self.number(key).map_or(Vec::new(), |id| self.sources(id).filter_map(|s| self.key(s)).collect())
    }

    /// The display name kept for a number, if the file had one.
    pub fn label(&self, id: u64) -> Option<&str> {
        self.text_of(run(self.table(self.layout().labels), SPAN, id).next()?)
    }

    /// The display name kept for a key, if the file had one.
    pub fn label_of_key(&self, key: &str) -> Option<&str> {
        self.number(key).and_then(|id| self.label(id))
    }

    /// The number of a key the resolution mentions: the records of its hash, in case two
    /// keys share one.
    fn number(&self, key: &str) -> Option<u64> {
        hashed_run(self.table(self.layout().numbers), HASHED, key)
            .map(|r| u64::from(u32_at(r, 8)))
            .find(|&id| self.key(id) == Some(key))
    }

    /// Short forms merged into a full name.
    pub fn merged_count(&self) -> usize {
        self.sizes.merged
    }

    /// Short forms left apart as ambiguous.
    pub fn ambiguous_count(&self) -> usize {
        self.sizes.ambiguous
    }

    /// Every merge as (short key, full key), sorted.
    pub fn merges(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> =
            self.merged_pairs().filter_map(|(s, t)| Some((self.key(s)?, self.key(t)?))).collect();
        out.sort_unstable();
        out
    }

    /// The keys of the full names an ambiguous short form could be, most articles first.
    pub fn candidate_keys(&self, id: u64) -> Vec<String> {
        self.candidates(id).filter_map(|c| self.key(c)).map(str::to_string).collect()
    }

    /// The person facet's values from articles per registry number (`counts[id]`, emptied):
    /// each full name with the bare surnames that stand for it and were counted here is one
    /// value, its forms' counts added less `overlap(full name)` (articles holding two of its
    /// forms); every other number counted is its own value. Unordered. Both the facet of a
    /// query and the whole-archive counts kept in `people.counts` rank with this.
    pub fn rank(&self, counts: &mut [u32], overlap: impl Fn(u64) -> u64) -> Ranked {
        self.rank_top(counts, overlap, 0).0
    }

    /// [`Resolution::rank`] keeping only the `top` largest values and every value tied with
    /// the N-th (`top` 0 keeps every value); also returns how many values there were. The
    /// others are never gathered: a facet of ten people over a hundred thousand values built
    /// a list of them all (1.6 MB, grown by copies), a tenth of its page faults.
    pub fn rank_top(&self, counts: &mut [u32], overlap: impl Fn(u64) -> u64, top: usize) -> (Ranked, u64) {
        // Full name → its bare surnames found among the counts; their counts are taken out of
        // `counts` (and the full name's too), to be ranked as one value.
        let mut groups: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
        for (source, target) in self.merged_pairs() {
            if counts.get(source as usize).is_some_and(|&c| c > 0) {
                groups.entry(target).or_default().push(source);
            }
        }
        let mut merged: Vec<(u64, u64)> = Vec::with_capacity(groups.len());
        for (&target, sources) in groups.iter_mut() {
            sources.sort_unstable();
            let mut take = |id: u64| counts.get_mut(id as usize).map_or(0, |c| u64::from(std::mem::take(c)));
            let sum: u64 = sources.iter().map(|&s| take(s)).sum::<u64>() + take(target);
            merged.push((target, sum.saturating_sub(overlap(target))));
        }
        // One pass over the counts: the `top` largest so far are kept in a heap, and every
        // number whose count reached the heap's least when read is kept aside. The least only
        // rises, so every number at or above the final cut is among those, in ascending order.
        let mut largest: BinaryHeap<Reverse<u64>> = BinaryHeap::with_capacity(top + 1);
        merged.iter().for_each(|&(_, n)| {
            offer(&mut largest, top, n);
        });
        let mut kept: Vec<(u64, u64)> = Vec::new();
        let mut others = 0usize;
        for (id, &count) in counts.iter().enumerate().filter(|(_, c)| **c > 0) {
            others += 1;
            if offer(&mut largest, top, u64::from(count)) {
                kept.push((id as u64, u64::from(count)));
            }
        }
        let distinct = (merged.len() + others) as u64;
        // The N-th largest count: values below it are left out.
        let cut =
            if top == 0 || distinct <= top as u64 { 0 } else { largest.peek().map_or(0, |&Reverse(n)| n) };
        let mut values = merged;
        values.retain(|&(_, n)| n >= cut);
        values.extend(kept.into_iter().filter(|&(_, n)| n >= cut));
        (Ranked { values, groups }, distinct)
    }

    /// Resolves the short forms of the snapshot `searcher` reads, with the keys of `registry`
    /// (no display names: the indexer works those out in [`refresh`]).
    pub fn compute(searcher: &Searcher, fields: &Fields, registry: &PersonRegistry) -> Result<Resolution> {
        Draft::compute(searcher, fields, registry)?.finish()
    }

    /// Writes the resolution beside the index (through a temporary file and a rename).
    pub fn write(&self, dir: &Path, stamp: Stamp) -> Result<()> {
        let path = dir.join(MERGES_FILE);
        let temp = dir.join(format!("{MERGES_FILE}.tmp"));
        let mut bytes = Vec::with_capacity(HEADER + self.body.len() + self.text.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&stamp.opstamp.to_le_bytes());
        bytes.extend_from_slice(&stamp.people.to_le_bytes());
        for size in self.sizes.fields() {
            bytes.extend_from_slice(&(size as u32).to_le_bytes());
        }
        bytes.extend_from_slice(&[0; 8]);
        bytes.extend_from_slice(&self.body);
        bytes.extend_from_slice(self.text.as_bytes());
        let hash = xxh3_64(&bytes[HEADER..]);
        bytes[HEADER - 8..HEADER].copy_from_slice(&hash.to_le_bytes());
        let io = |e| Error::io(&temp, e);
        let mut file = std::fs::File::create(&temp).map_err(io)?;
        file.write_all(&bytes).map_err(io)?;
        file.sync_data().map_err(io)?;
        std::fs::rename(&temp, &path).map_err(|e| Error::io(&path, e))
    }

    /// Reads `people.merges` from `dir`: `None` when there is none or it cannot be read as
    /// one (another version, cut short, a body that fails its hash, text that is not UTF-8,
    /// candidate runs that point outside it): a reader then computes the resolution instead.
    pub fn read(dir: &Path) -> Option<(Stamp, Resolution)> {
        let bytes = std::fs::read(dir.join(MERGES_FILE)).ok()?;
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return None;
        }
        let stamp = Stamp { opstamp: u64_at(&bytes, 8), people: u64_at(&bytes, 16) };
        let size = |i: usize| u32_at(&bytes, 24 + 4 * i) as usize;
        let sizes = Sizes {
            merged: size(0),
            ambiguous: size(1),
            candidates: size(2),
            overlap: size(3),
            keys: size(4),
            labels: size(5),
            text: size(6),
            shorts: size(7),
        };
        let hash = u64_at(&bytes, 56);
        // The header taken off in place: a copy of the body cost its pages' faults again.
        let mut body = bytes;
        body.drain(..HEADER);
        let layout = sizes.layout();
        if body.len() != layout.text.end || xxh3_64(&body) != hash {
            return None;
        }
        let text = String::from_utf8(body.split_off(layout.text.start)).ok()?;
        let resolution = Resolution { body, text, sizes };
        let ambiguous = resolution.table(resolution.layout().ambiguous);
        let starts = ambiguous.chunks_exact(PAIR).map(|r| u32_at(r, 4) as usize).chain([sizes.candidates]);
        let ordered = starts.clone().zip(starts.skip(1)).all(|(a, b)| a <= b);
        ordered.then_some((stamp, resolution))
    }

    /// The resolution of the snapshot `searcher` reads, of the commit `opstamp` of the index in
    /// `dir`: `people.merges` when it describes that commit, else computed now. `largest` is
    /// the snapshot's largest person number when the caller knows it (from the segments'
    /// rows files, `person_rows`; `Some(None)`: no person at all), else it is read from
    /// each segment's `person_id` column (opening them all cost a person facet a tenth of
    /// its page faults).
    pub fn of_snapshot(
        dir: &Path,
        opstamp: u64,
        searcher: &Searcher,
        fields: &Fields,
        registry: &PersonRegistry,
        largest: Option<Option<u64>>,
    ) -> Result<Resolution> {
        if let Some((stamp, resolution)) = Resolution::read(dir) {
            let largest = match largest {
                Some(known) => known,
                None => largest_person(searcher, fields)?,
            };
            if stamp.opstamp == opstamp && largest.is_none_or(|id| id < stamp.people) {
                return Ok(resolution);
            }
        }
        Resolution::compute(searcher, fields, registry)
    }
}

impl Draft {
    fn compute(searcher: &Searcher, fields: &Fields, registry: &PersonRegistry) -> Result<Draft> {
        // One-word keys, then every longer key whose last word is one of them.
        let mut short: FastMap<String, u64> = FastMap::default();
        registry.for_each_key(|id, key| {
            if !key.is_empty() && !key.contains(' ') {
                short.insert(key.to_string(), id);
            }
        })?;
        let mut candidates: FastMap<u64, Vec<u64>> = FastMap::default();
        let mut keys: FastMap<u64, String> = FastMap::default();
        if !short.is_empty() {
            registry.for_each_key(|id, key| {
                let Some((_, last)) = key.rsplit_once(' ') else { return };
                let found = short.get(last).or_else(|| short.get(strip_particle(last)));
                if let Some(&s) = found {
                    candidates.entry(s).or_default().push(id);
                    keys.insert(id, key.to_string());
                }
            })?;
        }
        for (key, id) in &short {
            if candidates.contains_key(id) {
                keys.insert(*id, key.clone());
            }
        }
        drop(short);
        let usage = usage(searcher, fields, &keys)?;
        let used = |id: u64| usage.get(&id).copied().unwrap_or_default();
        let mut resolution = Draft::default();
        for (&s, found) in &candidates {
            let own = used(s);
            if own.articles == 0 {
                continue;
            }
            let mut live: Vec<(u64, Usage)> = found
                .iter()
                .map(|&f| (f, used(f)))
                .filter(|(_, u)| u.articles > 0 && u.overlaps(&own))
                .collect();
            // A candidate ending with another ("staff donald regan") is that one: the
            // longest other candidate it ends with, found by cutting words off its front.
            let by_key: FastMap<&str, u64> = live.iter().map(|(f, _)| (keys[f].as_str(), *f)).collect();
            let mut folded: FastMap<u64, Usage> = FastMap::default();
            live.retain(|(f, u)| {
                let key = keys[f].as_str();
                let inner = key.match_indices(' ').find_map(|(i, _)| by_key.get(&key[i + 1..]).copied());
                match inner {
                    Some(g) => {
                        folded.entry(g).or_default().articles += u.articles;
                        false
                    }
                    None => true,
                }
            });
            for (f, u) in &mut live {
                u.articles += folded.get(f).map_or(0, |g| g.articles);
            }
            if live.is_empty() {
                continue;
            }
            live.sort_unstable_by(|a, b| b.1.articles.cmp(&a.1.articles).then(a.0.cmp(&b.0)));
            let lead = live[0].1.articles;
            let others: u64 = live[1..].iter().map(|(_, u)| u.articles).sum();
            if lead >= DOMINANCE * others {
                if lead >= MIN_ARTICLES {
                    resolution.merged.insert(s, live[0].0);
                }
            } else {
                resolution.ambiguous.insert(s, live.iter().take(MAX_LISTED).map(|(f, _)| *f).collect());
            }
        }
        let mentioned: HashSet<u64> = resolution
            .merged
            .iter()
            .flat_map(|(&s, &t)| [s, t])
            .chain(
                resolution.ambiguous.iter().flat_map(|(&s, c)| std::iter::once(s).chain(c.iter().copied())),
            )
            .collect();
        keys.retain(|id, _| mentioned.contains(id));
        resolution.overlap = overlaps(searcher, fields, &resolution.merged)?;
        resolution.keys = keys;
        Ok(resolution)
    }

    /// Works out and keeps the display names of the merge targets, of `more` (numbers and
    /// keys), and of the names an ambiguous surname among `more` could be (a facet lists
    /// them beside it), with [`label`] on the snapshot `searcher` reads.
    fn add_labels(&mut self, searcher: &Searcher, fields: &Fields, more: &[(u64, String)]) -> Result<()> {
        let wanted = self.to_label(more);
        // Each label loads up to 32 stored documents: a run of them per core, on plain threads
        // (a rayon worker waiting on the searcher's own pool steals more labels onto its stack
        // while it waits, which overflowed it in debug builds).
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = wanted.len().div_ceil(threads).max(1);
        let names: Vec<Result<String>> = std::thread::scope(|scope| {
            let label_run = |run: &'_ [(u64, String)]| -> Vec<Result<String>> {
                run.iter().map(|(_, key)| label(searcher, fields, key)).collect()
            };
            let runs: Vec<_> = wanted.chunks(chunk).map(|run| scope.spawn(move || label_run(run))).collect();
            runs.into_iter()
                .flat_map(|run| run.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        });
        for ((id, key), name) in wanted.into_iter().zip(names) {
            self.labels.insert(id, name?);
            self.keys.entry(id).or_insert(key);
        }
        Ok(())
    }

    /// The numbers and keys [`Draft::add_labels`] labels, sorted.
    fn to_label(&self, more: &[(u64, String)]) -> Vec<(u64, String)> {
        let candidates = more.iter().flat_map(|(id, _)| self.ambiguous.get(id).into_iter().flatten());
        let mut wanted: Vec<(u64, String)> = self
            .merged
            .values()
            .chain(candidates)
            .filter_map(|&t| Some((t, self.keys.get(&t)?.clone())))
            .chain(more.iter().cloned())
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        wanted
    }

    /// Lays the draft out as a [`Resolution`]: every table sorted, keys and labels in one
    /// text.
    fn finish(self) -> Result<Resolution> {
        let number = |id: u64| {
            u32::try_from(id).map_err(|_| Error::IndexDamaged {
                path: PathBuf::from(crate::registry::REGISTRY_FILE),
                reason: format!("documents refer to person #{id}, past any registry"),
            })
        };
        // (number, value) pairs by number; `value` turns the map's value into a u32.
        let pairs =
            |map: &FastMap<u64, u64>, value: &dyn Fn(u64) -> Result<u32>| -> Result<Vec<(u32, u32)>> {
                let mut out = Vec::with_capacity(map.len());
                for (&a, &b) in map {
                    out.push((number(a)?, value(b)?));
                }
                out.sort_unstable();
                Ok(out)
            };
        let merged = pairs(&self.merged, &number)?;
        let mut sources: Vec<(u32, u32)> = merged.iter().map(|&(s, t)| (t, s)).collect();
        sources.sort_unstable();
        // Articles, which a u32 doc id space bounds.
        let overlap = pairs(&self.overlap, &|n| Ok(u32::try_from(n).unwrap_or(u32::MAX)))?;
        let mut ambiguous: Vec<(&u64, &Vec<u64>)> = self.ambiguous.iter().collect();
        ambiguous.sort_unstable();
        let (mut starts, mut candidates) = (Vec::new(), Vec::new());
        for (&s, found) in ambiguous {
            starts.push((number(s)?, candidates.len() as u32));
            for &f in found {
                candidates.push(number(f)?);
            }
        }
        let mut text = String::new();
        let mut spans = |map: &FastMap<u64, String>| -> Result<Vec<(u32, u32, u32)>> {
            let mut sorted: Vec<(&u64, &String)> = map.iter().collect();
            sorted.sort_unstable();
            let mut out = Vec::with_capacity(sorted.len());
            for (&id, value) in sorted {
                let start = text.len() as u32;
                text.push_str(value);
                out.push((number(id)?, start, text.len() as u32));
            }
            Ok(out)
        };
        let keys = spans(&self.keys)?;
        let labels = spans(&self.labels)?;
        let mut numbers: Vec<(u64, u32)> =
            self.keys.iter().map(|(&id, key)| (xxh3_64(key.as_bytes()), id as u32)).collect();
        numbers.sort_unstable();
        // Each merge's short key, full key and label (an empty span without one), as spans of
        // the text just laid out; a merge whose keys are unknown is left out, as the lookups
        // through `numbers` and `keys` would find nothing for it.
        let span_of = |table: &[(u32, u32, u32)], id: u32| {
            table.binary_search_by_key(&id, |r| r.0).ok().map(|at| (table[at].1, table[at].2))
        };
        let mut shorts: Vec<(u64, [(u32, u32); 3])> = merged
            .iter()
            .filter_map(|&(short, full)| {
                let key = self.keys.get(&u64::from(short))?;
                let label = span_of(&labels, full).unwrap_or((0, 0));
                Some((xxh3_64(key.as_bytes()), [span_of(&keys, short)?, span_of(&keys, full)?, label]))
            })
            .collect();
        shorts.sort_unstable();

        let sizes = Sizes {
            merged: merged.len(),
            ambiguous: starts.len(),
            candidates: candidates.len(),
            overlap: overlap.len(),
            keys: keys.len(),
            labels: labels.len(),
            text: text.len(),
            shorts: shorts.len(),
        };
        let mut body = Vec::with_capacity(sizes.layout().text.start);
        let mut put = |value: u32| body.extend_from_slice(&value.to_le_bytes());
        for &(a, b) in merged.iter().chain(&sources).chain(&starts) {
            put(a);
            put(b);
        }
        candidates.iter().for_each(|&c| put(c));
        for &(a, b) in &overlap {
            put(a);
            put(b);
        }
        for &(id, start, end) in &keys {
            [id, start, end].into_iter().for_each(&mut put);
        }
        for &(hash, id) in &numbers {
            put(hash as u32);
            put((hash >> 32) as u32);
            put(id);
        }
        for &(id, start, end) in &labels {
            [id, start, end].into_iter().for_each(&mut put);
        }
        for (hash, spans) in &shorts {
            put(*hash as u32);
            put((hash >> 32) as u32);
            spans.iter().flat_map(|&(start, end)| [start, end]).for_each(&mut put);
        }
        Ok(Resolution { body, text, sizes })
    }
}

/// The display name for a person key: the most common stored name (then the longest) among
/// the articles with that key whose own key is `key`, up to `LABEL_SAMPLE` of them. The
/// sample is large enough that a person of a few dozen articles is read whole: with a sample
/// of four, which articles were read (ties in score go by doc id, which the indexer's thread
/// timing sets) decided between "Guaidó" and "Guaido" from one run to the next.
pub fn label(searcher: &Searcher, fields: &Fields, key: &str) -> Result<String> {
    /// Articles read per label: each is a stored-document load.
    const LABEL_SAMPLE: usize = 32;
    let query = TermQuery::new(Term::from_field_text(fields.person_key, key), IndexRecordOption::Basic);
    let top = searcher.search(&query, &TopDocs::with_limit(LABEL_SAMPLE).order_by_score())?;
    let mut names: FastMap<String, usize> = FastMap::default();
    for (_, address) in top {
        let doc = searcher.doc::<WithoutBody>(address)?.0;
        for name in doc.all_str(fields.person) {
            if keyword_form(&person_key(name)) == key {
                *names.entry(name.to_string()).or_default() += 1;
            }
        }
    }
    Ok(names
        .into_iter()
        .max_by(|(a, n), (b, m)| n.cmp(m).then(a.len().cmp(&b.len())).then(b.cmp(a)))
        .map(|(name, _)| name)
        .unwrap_or_else(|| key.to_string()))
}

/// People with a display name kept in `people.merges` besides the merge targets: the ones of
/// the most articles, so the person facet of the whole archive reads no stored documents, and
/// one over a query seldom does (on a million Reuters-sentence articles the top 20 people of
/// `topic:iran` rank up to ~900th in the archive; seven of them were labelled from stored
/// documents at query time with the top 100 kept, ~2 ms each).
pub const LABELLED_TOP: usize = 1000;

/// Brings `people.merges` and `people.counts` of the index in `dir` up to its last commit (the
/// indexer calls this at the end of every run that may have changed them): resolves the short
/// forms of the snapshot, labels the merge targets and the [`LABELLED_TOP`] people, writes
/// the merges, then counts the person facet of the whole archive into `people.counts`
/// (`person_counts`); last, writes the rows files of new segments and `people.overlaps`
/// (`person_rows`). Rewrites nothing that already describes the last commit.
pub fn refresh(
    dir: &Path,
    index: &tantivy::Index,
    searcher: &Searcher,
    fields: &Fields,
    registry: &PersonRegistry,
) -> Result<()> {
    let opstamp = index.load_metas()?.opstamp;
    let stamp = Stamp { opstamp, people: registry.len()? as u64 };
    let current = Resolution::read(dir).filter(|(found, _)| *found == stamp).map(|(_, r)| r);
    if let Some(resolution) = current.as_ref().filter(|_| person_counts::is_current(dir, searcher)) {
        return crate::person_rows::refresh(dir, searcher, resolution);
    }
    // Articles per person number over the live articles: the labels' ranking and the counts.
    let tally = person_counts::Tally::of(dir, searcher, fields, registry)?;
    let resolution = match current {
        Some(resolution) => resolution,
        None => {
            let mut draft = Draft::compute(searcher, fields, registry)?;
            let top = most_named(&tally.articles, LABELLED_TOP);
            let keys = registry.keys(&top)?;
            let more: Vec<(u64, String)> = top.into_iter().zip(keys).collect();
            draft.add_labels(searcher, fields, &more)?;
            let resolution = draft.finish()?;
            resolution.write(dir, stamp)?;
            resolution
        }
    };
    person_counts::write(dir, searcher, fields, registry, &resolution, tally)?;
    crate::person_rows::refresh(dir, searcher, &resolution)
}

/// The numbers of the `n` people in the most live articles (ties by number), from the
/// articles per number.
fn most_named(articles: &[u32], n: usize) -> Vec<u64> {
    let mut ranked: Vec<(u64, u32)> =
        (0..articles.len() as u64).map(|id| (id, articles[id as usize])).filter(|&(_, c)| c > 0).collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(n).map(|(id, _)| id).collect()
}

/// The largest person number any segment of the snapshot holds.
fn largest_person(searcher: &Searcher, fields: &Fields) -> Result<Option<u64>> {
    let name = searcher.schema().get_field_name(fields.person_id).to_string();
    let mut largest = None;
    for reader in searcher.segment_readers() {
        let column = fast_column::<u64>(reader, &name)?;
        if column.values.num_vals() > 0 {
            largest = largest.max(Some(column.values.max_value()));
        }
    }
    Ok(largest)
}

/// Per full name, the live articles holding two of its forms (once per extra form).
fn overlaps(searcher: &Searcher, fields: &Fields, merged: &FastMap<u64, u64>) -> Result<FastMap<u64, u64>> {
    let mut out: FastMap<u64, u64> = FastMap::default();
    if merged.is_empty() {
        return Ok(out);
    }
    let form = |id: u64| merged.get(&id).copied().or_else(|| merged.values().any(|&t| t == id).then_some(id));
    let targets: HashSet<u64> = merged.values().copied().collect();
    let largest = merged.keys().chain(targets.iter()).copied().max().unwrap_or(0);
    let mut group = vec![u64::MAX; largest as usize + 1];
    for id in merged.keys().chain(targets.iter()) {
        group[*id as usize] = form(*id).unwrap_or(u64::MAX);
    }
    let name = searcher.schema().get_field_name(fields.person_id);
    let mut held = Vec::new();
    for reader in searcher.segment_readers() {
        let people = fast_column::<u64>(reader, name)?;
        for doc in reader.doc_ids_alive() {
            held.clear();
            held.extend(
                people
                    .values_for_doc(doc)
                    .filter_map(|id| group.get(id as usize).copied())
                    .filter(|&g| g != u64::MAX),
            );
            if held.len() > 1 {
                held.sort_unstable();
                for pair in held.windows(2).filter(|pair| pair[0] == pair[1]) {
                    *out.entry(pair[0]).or_default() += 1;
                }
            }
        }
    }
    Ok(out)
}

/// Live articles and year span of each numbered key: one pass over the `person_id` and
/// `year` columns of every live article.
fn usage(searcher: &Searcher, fields: &Fields, keys: &FastMap<u64, String>) -> Result<FastMap<u64, Usage>> {
    let mut out: FastMap<u64, Usage> = FastMap::default();
    let Some(&largest) = keys.keys().max() else { return Ok(out) };
    let mut wanted = vec![false; largest as usize + 1];
    keys.keys().for_each(|&id| wanted[id as usize] = true);
    let schema = searcher.schema();
    let (person_name, year_name) =
        (schema.get_field_name(fields.person_id), schema.get_field_name(fields.year));
    for reader in searcher.segment_readers() {
        let people = fast_column::<u64>(reader, person_name)?;
        let years = fast_column::<i64>(reader, year_name)?;
        for doc in reader.doc_ids_alive() {
            let mut year = None;
            for id in people.values_for_doc(doc) {
                if !wanted.get(id as usize).copied().unwrap_or(false) {
                    continue;
                }
                let usage = out.entry(id).or_default();
                usage.articles += 1;
                if let Some(year) = *year.get_or_insert_with(|| years.first(doc)) {
                    usage.years = Some(usage.years.map_or((year, year), |(a, b)| (a.min(year), b.max(year))));
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "bush" → "george bush" and "regan" → "donald regan"; "smith" could be two people.
    fn draft() -> Draft {
        let mut draft = Draft::default();
        draft.merged.insert(7, 3);
        draft.merged.insert(12, 3);
        draft.merged.insert(5, 40);
        draft.ambiguous.insert(9, vec![21, 20]);
        draft.ambiguous.insert(2, vec![30]);
        for (id, key) in [
            (7, "bush"),
            (12, "w bush"),
            (3, "george bush"),
            (5, "regan"),
            (40, "donald regan"),
            (9, "smith"),
            (21, "ann smith"),
            (20, "bob smith"),
            (2, "jones"),
            (30, "mia jones"),
        ] {
            draft.keys.insert(id, key.to_string());
        }
        draft.overlap.insert(3, 17);
        draft.labels.insert(3, "George Bush".to_string());
        draft.labels.insert(40, "Donald Regan".to_string());
        draft
    }

    #[test]
    fn a_resolution_is_looked_up_in_its_laid_out_tables() {
        let r = draft().finish().unwrap();
        assert_eq!(r.target(7), Some(3));
        assert_eq!(r.target(5), Some(40));
        assert_eq!(r.target(3), None);
        assert_eq!(r.target(6), None);
        assert_eq!(r.sources(3).collect::<Vec<_>>(), [7, 12]);
        assert_eq!(r.sources(40).collect::<Vec<_>>(), [5]);
        assert_eq!(r.sources(7).count(), 0);
        assert_eq!(r.merged_pairs().collect::<Vec<_>>(), [(5, 40), (7, 3), (12, 3)]);
        assert_eq!(r.candidates(9).collect::<Vec<_>>(), [21, 20], "most articles first, as given");
        assert_eq!(r.candidates(2).collect::<Vec<_>>(), [30]);
        assert_eq!(r.candidates(7).count(), 0);
        assert_eq!(r.candidate_keys(9), ["ann smith", "bob smith"]);
        assert_eq!(r.overlap(3), 17);
        assert_eq!(r.overlap(40), 0);
        assert_eq!(r.key(20), Some("bob smith"));
        assert_eq!(r.key(99), None);
        assert_eq!(r.target_key("bush"), Some("george bush"));
        assert_eq!(r.target_key("smith"), None);
        assert_eq!(r.target_key("nobody"), None);
        assert_eq!(r.source_keys("george bush"), ["bush", "w bush"]);
        assert_eq!(r.label(3), Some("George Bush"));
        assert_eq!(r.label_of_key("donald regan"), Some("Donald Regan"));
        assert_eq!(r.target_and_label("bush"), Some(("george bush", Some("George Bush"))));
        assert_eq!(r.target_and_label("w bush"), Some(("george bush", Some("George Bush"))));
        assert_eq!(r.target_and_label("regan"), Some(("donald regan", Some("Donald Regan"))));
        assert_eq!(r.target_and_label("smith"), None);
        assert_eq!(r.target_and_label("george bush"), None, "a full name stands for nobody else");
        assert_eq!(r.target_and_label("bus"), None);
        let mut unlabelled = draft();
        unlabelled.labels.clear();
        let unlabelled = unlabelled.finish().unwrap();
        assert_eq!(unlabelled.target_and_label("bush"), Some(("george bush", None)));
        assert_eq!(r.label_of_key("regan"), None);
        assert_eq!(
            r.merges(),
            [("bush", "george bush"), ("regan", "donald regan"), ("w bush", "george bush")]
        );
        assert_eq!((r.merged_count(), r.ambiguous_count()), (3, 2));
        let mut counts = vec![0u32; 41];
        (counts[7], counts[12], counts[3], counts[21], counts[40]) = (4, 1, 30, 2, 5);
        let mut values = r.rank(&mut counts, |t| r.overlap(t)).values;
        values.sort_unstable();
        assert_eq!(values, [(3, 4 + 1 + 30 - 17), (21, 2), (40, 5)]);
        // The top values (ties with the N-th kept) are the same as ranking them all and
        // cutting; how many values there were is said either way.
        let mut counts = vec![0u32; 60];
        for (id, n) in [(7, 4), (12, 1), (3, 30), (21, 2), (40, 5), (41, 5), (50, 2), (51, 1), (59, 9)] {
            counts[id] = n;
        }
        let mut all = r.rank(&mut counts.clone(), |t| r.overlap(t)).values;
        all.sort_unstable_by_key(|&(id, n)| (Reverse(n), id));
        for top in 0..=all.len() + 1 {
            let (ranked, distinct) = r.rank_top(&mut counts.clone(), |t| r.overlap(t), top);
            let mut kept = ranked.values;
            kept.sort_unstable_by_key(|&(id, n)| (Reverse(n), id));
            let cut = if top == 0 || top >= all.len() { 0 } else { all[top - 1].1 };
            let expected: Vec<(u64, u64)> = all.iter().copied().filter(|&(_, n)| n >= cut).collect();
            assert_eq!((kept, distinct), (expected, all.len() as u64), "top {top}");
        }
        // Ties at the cut: the third largest is 5, and two values hold it.
        let (ranked, _) = r.rank_top(&mut counts.clone(), |t| r.overlap(t), 3);
        assert_eq!(ranked.values.len(), 4);
        // Many counts in no order, most of them tied: the values kept in one pass (those at
        // least the least of the top so far) cut to the same values as ranking them all.
        let mut counts = vec![0u32; 5_000];
        let mut state = 12_345u64;
        for count in counts.iter_mut() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            *count = [0, 0, 1, 1, 1, 2, 2, 3, 7, (state >> 40) as u32 % 50][(state >> 33) as usize % 10];
        }
        let mut all = r.rank(&mut counts.clone(), |t| r.overlap(t)).values;
        all.sort_unstable_by_key(|&(id, n)| (Reverse(n), id));
        for top in [1, 2, 10, 100, 1_000] {
            let (ranked, distinct) = r.rank_top(&mut counts.clone(), |t| r.overlap(t), top);
            let mut kept = ranked.values;
            kept.sort_unstable_by_key(|&(id, n)| (Reverse(n), id));
            let expected: Vec<(u64, u64)> =
                all.iter().copied().filter(|&(_, n)| n >= all[top - 1].1).collect();
            assert_eq!((kept, distinct), (expected, all.len() as u64), "top {top}");
        }
        assert_eq!(Resolution::default().target(1), None);
        assert_eq!(Resolution::default().candidates(1).count(), 0);
    }

    #[test]
    fn labels_go_to_merge_targets_the_people_asked_for_and_what_an_ambiguous_one_could_be() {
        let draft = draft();
        let ids =
            |more: &[(u64, String)]| draft.to_label(more).into_iter().map(|(id, _)| id).collect::<Vec<_>>();
        assert_eq!(ids(&[]), [3, 40]);
        assert_eq!(ids(&[(9, "smith".to_string()), (50, "ada lee".to_string())]), [3, 9, 20, 21, 40, 50]);
        assert_eq!(ids(&[(21, "ann smith".to_string())]), [3, 21, 40], "a candidate brings no others");
    }

    #[test]
    fn people_merges_reads_back_what_was_written_and_nothing_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let r = draft().finish().unwrap();
        let stamp = Stamp { opstamp: 41, people: 45 };
        r.write(dir.path(), stamp).unwrap();
        assert_eq!(Resolution::read(dir.path()), Some((stamp, r.clone())));

        let path = dir.path().join(MERGES_FILE);
        let good = std::fs::read(&path).unwrap();
        let unread = |bytes: &[u8]| {
            std::fs::write(&path, bytes).unwrap();
            Resolution::read(dir.path()).is_none()
        };
        assert!(unread(b"morgue person merges v1 41 45\nm\t7\tbush\t3\tgeorge bush\n"), "the text form");
        assert!(unread(&good[..good.len() - 1]), "cut short");
        assert!(unread(&good[..HEADER - 1]), "cut in the header");
        let mut flipped = good.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert!(unread(&flipped), "a body that fails its hash");
        // Text that is not UTF-8, behind a valid hash.
        let mut garbled = good.clone();
        *garbled.last_mut().unwrap() = 0xff;
        let hash = xxh3_64(&garbled[HEADER..]);
        garbled[HEADER - 8..HEADER].copy_from_slice(&hash.to_le_bytes());
        assert!(unread(&garbled), "text that is not UTF-8");
        // Candidate runs that go backwards, behind a valid hash.
        let mut bad = r.clone();
        let at = bad.layout().ambiguous.start;
        bad.body[at + 4..at + 8].copy_from_slice(&5u32.to_le_bytes());
        bad.write(dir.path(), stamp).unwrap();
        assert!(Resolution::read(dir.path()).is_none());
        std::fs::remove_file(&path).unwrap();
        assert!(Resolution::read(dir.path()).is_none());
    }

    #[test]
    fn a_number_past_32_bits_is_an_error_not_a_wrapped_number() {
        let mut draft = draft();
        draft.merged.insert(1 << 33, 3);
        let err = draft.finish().unwrap_err().to_string();
        assert!(err.contains("person #8589934592"), "{err}");
    }
}
