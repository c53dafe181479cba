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

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::Path;

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

const HEADER: &str = "morgue person merges v1";

/// Which short person keys stand for which full ones, by registry number.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Resolution {
    /// Short form → the full name it stands for.
    merged: FastMap<u64, u64>,
    /// Full name → the short forms that stand for it, ascending.
    sources: FastMap<u64, Vec<u64>>,
    /// Short form → the full names it could be, most articles first (at most [`MAX_LISTED`]).
    ambiguous: FastMap<u64, Vec<u64>>,
    /// The key of every number above.
    keys: Keys,
    /// Key → number, for every number above, by the xxh3 of the key (no copy of every key:
    /// reading `people.merges` of a million Reuters-sentence articles copied 34 k of them).
    numbers: FastMap<u64, u64>,
    /// Keys whose hash another key already has (in practice none), by the key itself.
    collided: FastMap<String, u64>,
    /// Full name → live articles that hold it and one of its surnames, or two of its
    /// surnames (each counted once per extra form): the person facet of every article
    /// subtracts these from the forms' counts.
    overlap: FastMap<u64, u64>,
    /// Display names worked out when the file was written ([`label`]): the merge targets and
    /// the people of the most articles, so facets and hits need no stored documents for them.
    labels: FastMap<u64, String>,
}

/// Person keys by number, kept in one string: `people.merges` of a million Reuters-sentence
/// articles names 34 k keys, and an allocation each cost more than reading the file.
#[derive(Debug, Default, Clone)]
struct Keys {
    text: String,
    spans: FastMap<u64, (u32, u32)>,
}

impl Keys {
    fn get(&self, id: u64) -> Option<&str> {
        let &(start, end) = self.spans.get(&id)?;
        self.text.get(start as usize..end as usize)
    }

    /// Sets the key of `id` (a key set before stays in `text`, unreferenced).
    fn insert(&mut self, id: u64, key: &str) {
        let start = self.text.len() as u32;
        self.text.push_str(key);
        self.spans.insert(id, (start, self.text.len() as u32));
    }

    fn insert_if_absent(&mut self, id: u64, key: &str) {
        if !self.spans.contains_key(&id) {
            self.insert(id, key);
        }
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    fn iter(&self) -> impl Iterator<Item = (u64, &str)> + '_ {
        self.spans.iter().map(|(&id, &(start, end))| (id, &self.text[start as usize..end as usize]))
    }
}

impl PartialEq for Keys {
    fn eq(&self, other: &Keys) -> bool {
        self.len() == other.len() && self.iter().all(|(id, key)| other.get(id) == Some(key))
    }
}

impl From<FastMap<u64, String>> for Keys {
    fn from(map: FastMap<u64, String>) -> Keys {
        let mut keys = Keys::default();
        map.iter().for_each(|(&id, key)| keys.insert(id, key));
        keys
    }
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

impl Resolution {
    /// The full name a short form stands for.
    pub fn target(&self, id: u64) -> Option<u64> {
        self.merged.get(&id).copied()
    }

    /// Live articles of the snapshot that hold two forms of the merged person `target`
    /// (counted once per extra form).
    pub fn overlap(&self, target: u64) -> u64 {
        self.overlap.get(&target).copied().unwrap_or(0)
    }

    /// Every (short form, full name) merge, in no order.
    pub fn merged_pairs(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.merged.iter().map(|(&s, &t)| (s, t))
    }

    /// The short forms counted into a full name.
    pub fn sources(&self, target: u64) -> &[u64] {
        self.sources.get(&target).map_or(&[], Vec::as_slice)
    }

    /// The full names an ambiguous short form could be (empty when it is not ambiguous).
    pub fn candidates(&self, id: u64) -> &[u64] {
        self.ambiguous.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The key of a number the resolution mentions.
    pub fn key(&self, id: u64) -> Option<&str> {
        self.keys.get(id)
    }

    /// The full key a short key stands for.
    pub fn target_key(&self, key: &str) -> Option<&str> {
        let id = self.number(key)?;
        self.target(id).and_then(|t| self.key(t))
    }

    /// The short keys that stand for a full key.
    pub fn source_keys(&self, key: &str) -> Vec<&str> {
        self.number(key)
            .map_or(Vec::new(), |id| self.sources(id).iter().filter_map(|&s| self.key(s)).collect())
    }

    /// The display name kept for a number, if the file had one.
    pub fn label(&self, id: u64) -> Option<&str> {
        self.labels.get(&id).map(String::as_str)
    }

    /// The display name kept for a key, if the file had one.
    pub fn label_of_key(&self, key: &str) -> Option<&str> {
        self.number(key).and_then(|id| self.label(id))
    }

    /// The number of a key the resolution mentions.
    fn number(&self, key: &str) -> Option<u64> {
        match self.numbers.get(&xxh3_64(key.as_bytes())) {
            Some(&id) if self.key(id) == Some(key) => Some(id),
            _ => self.collided.get(key).copied(),
        }
    }

    /// Works out and keeps the display names of the merge targets and of `more` (numbers and
    /// keys), with [`label`] on the snapshot `searcher` reads.
    pub fn add_labels(&mut self, searcher: &Searcher, fields: &Fields, more: &[(u64, String)]) -> Result<()> {
        let mut wanted: Vec<(u64, String)> = self
            .sources
            .keys()
            .filter_map(|&t| Some((t, self.key(t)?.to_string())))
            .chain(more.iter().cloned())
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
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
        for ((id, _), name) in wanted.into_iter().zip(names) {
            self.labels.insert(id, name?);
        }
        Ok(())
    }

    /// Short forms merged into a full name.
    pub fn merged_count(&self) -> usize {
        self.merged.len()
    }

    /// Short forms left apart as ambiguous.
    pub fn ambiguous_count(&self) -> usize {
        self.ambiguous.len()
    }

    /// Every merge as (short key, full key), sorted.
    pub fn merges(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> =
            self.merged.iter().filter_map(|(&s, &t)| Some((self.key(s)?, self.key(t)?))).collect();
        out.sort_unstable();
        out
    }

    /// The keys of the full names an ambiguous short form could be, most articles first.
    pub fn candidate_keys(&self, id: u64) -> Vec<String> {
        self.candidates(id).iter().filter_map(|&c| self.key(c)).map(str::to_string).collect()
    }

    /// The person facet's values from articles per registry number (`counts[id]`, emptied):
    /// each full name with the bare surnames that stand for it and were counted here is one
    /// value, its forms' counts added less `overlap(full name)` (articles holding two of its
    /// forms); every other number counted is its own value. Unordered. Both the facet of a
    /// query and the whole-archive counts kept in `people.counts` rank with this.
    pub fn rank(&self, counts: &mut [u32], overlap: impl Fn(u64) -> u64) -> Ranked {
        // Full name → its bare surnames found among the counts; their counts are taken out of
        // `counts` (and the full name's too), to be ranked as one value.
        let mut groups: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
        for (source, target) in self.merged_pairs() {
            if counts.get(source as usize).is_some_and(|&c| c > 0) {
                groups.entry(target).or_default().push(source);
            }
        }
        let mut values: Vec<(u64, u64)> = Vec::new();
        for (&target, sources) in groups.iter_mut() {
            sources.sort_unstable();
            let mut take = |id: u64| counts.get_mut(id as usize).map_or(0, |c| u64::from(std::mem::take(c)));
            let sum: u64 = sources.iter().map(|&s| take(s)).sum::<u64>() + take(target);
            values.push((target, sum.saturating_sub(overlap(target))));
        }
        values.extend(
            (0..counts.len() as u64)
                .filter(|&id| counts[id as usize] > 0)
                .map(|id| (id, u64::from(counts[id as usize]))),
        );
        Ranked { values, groups }
    }

    /// Resolves the short forms of the snapshot `searcher` reads, with the keys of `registry`.
    pub fn compute(searcher: &Searcher, fields: &Fields, registry: &PersonRegistry) -> Result<Resolution> {
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
        let mut resolution = Resolution::default();
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
        resolution.keys = Keys::from(keys);
        resolution.index();
        Ok(resolution)
    }

    /// The key of a number the resolution mentions (every one it writes has a key).
    fn key_or_empty(&self, id: u64) -> &str {
        self.keys.get(id).unwrap_or_default()
    }

    /// Builds the lookups derived from `merged`, `ambiguous` and `keys`.
    fn index(&mut self) {
        self.sources.clear();
        for (&s, &t) in &self.merged {
            self.sources.entry(t).or_default().push(s);
        }
        self.sources.values_mut().for_each(|v| v.sort_unstable());
        self.numbers.clear();
        self.collided.clear();
        self.numbers.reserve(self.keys.len());
        for (id, key) in self.keys.iter() {
            if let Some(&other) = self.numbers.get(&xxh3_64(key.as_bytes())) {
                if self.keys.get(other) != Some(key) {
                    self.collided.insert(key.to_string(), id);
                }
                continue;
            }
            self.numbers.insert(xxh3_64(key.as_bytes()), id);
        }
    }

    /// Writes the resolution beside the index (through a temporary file and a rename).
    pub fn write(&self, dir: &Path, stamp: Stamp) -> Result<()> {
        let path = dir.join(MERGES_FILE);
        let temp = dir.join(format!("{MERGES_FILE}.tmp"));
        let mut text = format!("{HEADER} {} {}\n", stamp.opstamp, stamp.people);
        let mut merged: Vec<(&u64, &u64)> = self.merged.iter().collect();
        merged.sort_unstable();
        for (s, t) in merged {
            text.push_str(&format!("m\t{s}\t{}\t{t}\t{}\n", self.key_or_empty(*s), self.key_or_empty(*t)));
        }
        let mut ambiguous: Vec<(&u64, &Vec<u64>)> = self.ambiguous.iter().collect();
        ambiguous.sort_unstable();
        for (s, found) in ambiguous {
            text.push_str(&format!("a\t{s}\t{}", self.key_or_empty(*s)));
            for f in found {
                text.push_str(&format!("\t{f}\t{}", self.key_or_empty(*f)));
            }
            text.push('\n');
        }
        let mut overlap: Vec<(&u64, &u64)> = self.overlap.iter().collect();
        overlap.sort_unstable();
        for (target, n) in overlap {
            text.push_str(&format!("o\t{target}\t{n}\n"));
        }
        let mut labels: Vec<(&u64, &String)> = self.labels.iter().collect();
        labels.sort_unstable();
        for (id, name) in labels {
            let key = self.key_or_empty(*id);
            text.push_str(&format!("l\t{id}\t{key}\t{}\n", name.replace(['\t', '\n'], " ")));
        }
        let io = |e| Error::io(&temp, e);
        let mut file = std::fs::File::create(&temp).map_err(io)?;
        file.write_all(text.as_bytes()).map_err(io)?;
        file.sync_data().map_err(io)?;
        std::fs::rename(&temp, &path).map_err(|e| Error::io(&path, e))
    }

    /// Reads `people.merges` from `dir`: `None` when there is none or it cannot be read as
    /// one (a reader then computes the resolution instead).
    pub fn read(dir: &Path) -> Option<(Stamp, Resolution)> {
        let text = std::fs::read_to_string(dir.join(MERGES_FILE)).ok()?;
        let mut lines = text.lines();
        let mut header = lines.next()?.strip_prefix(HEADER)?.split_whitespace();
        let stamp = Stamp { opstamp: header.next()?.parse().ok()?, people: header.next()?.parse().ok()? };
        let mut resolution = Resolution::default();
        // About one key a line, two on lines of ambiguous surnames.
        resolution.keys.spans.reserve(2 * text.bytes().filter(|&b| b == b'\n').count());
        resolution.keys.text.reserve(text.len() / 2);
        for line in lines {
            let mut parts = line.split('\t');
            let kind = parts.next()?;
            if kind == "o" {
                let target: u64 = parts.next()?.parse().ok()?;
                resolution.overlap.insert(target, parts.next()?.parse().ok()?);
                continue;
            }
            if kind == "l" {
                let id: u64 = parts.next()?.parse().ok()?;
                let key = parts.next()?;
                if !key.is_empty() {
                    resolution.keys.insert_if_absent(id, key);
                }
                resolution.labels.insert(id, parts.next()?.to_string());
                continue;
            }
            let mut pairs = Vec::new();
            while let (Some(id), Some(key)) = (parts.next(), parts.next()) {
                let id: u64 = id.parse().ok()?;
                resolution.keys.insert(id, key);
                pairs.push(id);
            }
            match (kind, pairs.as_slice()) {
                ("m", &[s, t]) => {
                    resolution.merged.insert(s, t);
                }
                ("a", [s, found @ ..]) if !found.is_empty() => {
                    resolution.ambiguous.insert(*s, found.to_vec());
                }
                _ => return None,
            }
        }
        resolution.index();
        Some((stamp, resolution))
    }

    /// The resolution of the snapshot `searcher` reads, of the commit `opstamp` of the index in
    /// `dir`: `people.merges` when it describes that commit, else computed now.
    pub fn of_snapshot(
        dir: &Path,
        opstamp: u64,
        searcher: &Searcher,
        fields: &Fields,
        registry: &PersonRegistry,
    ) -> Result<Resolution> {
        if let Some((stamp, resolution)) = Resolution::read(dir) {
            if stamp.opstamp == opstamp
                && largest_person(searcher, fields)?.is_none_or(|id| id < stamp.people)
            {
                return Ok(resolution);
            }
        }
        Resolution::compute(searcher, fields, registry)
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
            let mut resolution = Resolution::compute(searcher, fields, registry)?;
            let top = most_named(&tally.articles, LABELLED_TOP);
            let keys = registry.keys(&top)?;
            let more: Vec<(u64, String)> = top.into_iter().zip(keys).collect();
            resolution.add_labels(searcher, fields, &more)?;
            for (id, key) in more {
                resolution.keys.insert_if_absent(id, &key);
            }
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
