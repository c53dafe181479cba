//! The person facet of the whole archive, counted once per indexing run and kept in
//! `people.counts` beside the index: every person value as `morgue facets person` lists it
//! (articles after the bare surnames are counted into their full names, `resolve`), its key,
//! the surnames merged into it, the full names an ambiguous surname could be, and the display
//! names of the first values. `morgue facets person` of every article reads the values it
//! prints from the file, so it costs about the same at any archive size, instead of counting
//! every article's people and reading `people.merges` in every process.
//!
//! The file names the snapshot it was counted on: each segment's id, doc count and deleted
//! docs (a segment's docs never change and its deletions only grow, so these say which
//! articles are live). A reader uses it only when that is exactly its searcher's snapshot;
//! otherwise (a run still going, a crash before the file was written, an index of an older
//! morgue) it counts as before. The file is checked by hashes, in two parts so that a query
//! reads and checks a small head only: a damaged file is never trusted, it is counted over.
//!
//! Layout (text, written through a temporary file and a rename):
//!
//! ```text
//! morgue person counts v1 HEAD_BYTES HEAD_XXH3 TAIL_BYTES TAIL_XXH3
//! n  ARTICLES  MISSING  DISTINCT  PEOPLE  SEGMENTS  HEAD_VALUES  ┐
//! s  SEGMENT_ID  MAX_DOC  DELETED                 (per segment)  │ head
//! v  COUNT  KEY  LABEL  MERGED  KEY…  (KEY LABEL)…  (first HEAD_VALUES values, in order)
//! v  …                                            (the other values)  tail
//! ```
//!
//! Fields are tab-separated; PEOPLE is the size of the person registry the keys were read
//! from; a label is `=Name`, or `?` when it was not worked out (the reader then labels that
//! key from stored documents, as the counting path does).

use std::cmp::Ordering;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

use tantivy::Searcher;
use xxhash_rust::xxh3::xxh3_64;

use crate::archive::fast_column;
use crate::error::{Error, Result};
use crate::registry::PersonRegistry;
use crate::resolve::{self, Resolution};
use crate::schema::Fields;

/// The counts' file name inside the index directory.
pub const COUNTS_FILE: &str = "people.counts";

const HEADER: &str = "morgue person counts v1";

/// Values in the file's head, the part a facet of at most this many values reads and checks;
/// the display names of these (and of the names their surnames could be) are worked out when
/// the file is written.
pub const HEAD_VALUES: usize = 256;

/// The order facet values are listed in: most articles first, then by key.
pub fn listed_order(a: (u64, &str), b: (u64, &str)) -> Ordering {
    b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1))
}

/// One person value of the whole archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonCount {
    /// Live articles (a full name's surnames counted in, each article once).
    pub count: u64,
    /// The person key (as `person_key:"KEY"`).
    pub key: String,
    /// The display name, when it was worked out at indexing.
    pub label: Option<String>,
    /// Keys of the bare surnames counted into this full name.
    pub merged: Vec<String>,
    /// An ambiguous surname: the keys of the full names it could be, with their display names
    /// when worked out.
    pub ambiguous: Vec<(String, Option<String>)>,
}

/// The person facet of every live article, as read from `people.counts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonCounts {
    /// Live articles without a person.
    pub missing: u64,
    /// Person values in all.
    pub distinct: u64,
    /// Keys in the person registry when the file was written (a registry now smaller was
    /// lost or cut: the file's keys cannot be vouched for).
    pub people: u64,
    /// The first values, in [`listed_order`].
    pub values: Vec<PersonCount>,
}

/// Articles per person number over the live articles of a snapshot.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Live articles holding each person number.
    pub articles: Vec<u32>,
    /// Live articles with no person.
    pub missing: u64,
}

impl Tally {
    /// Counts the `person_id` column of every live article of the snapshot `searcher` reads;
    /// a number beyond the person registry of the index in `dir` is a damaged index.
    pub fn of(dir: &Path, searcher: &Searcher, fields: &Fields, registry: &PersonRegistry) -> Result<Tally> {
        let name = searcher.schema().get_field_name(fields.person_id);
        let people = registry.len()? as u64;
        let mut tally = Tally::default();
        for reader in searcher.segment_readers() {
            let column = fast_column::<u64>(reader, name)?;
            if column.values.num_vals() > 0 {
                let largest = column.values.max_value();
                if largest >= people {
                    let reason = format!(
                        "documents refer to person #{largest} but {} has {people} people",
                        crate::registry::REGISTRY_FILE
                    );
                    return Err(Error::IndexDamaged { path: dir.to_path_buf(), reason });
                }
                if largest as usize >= tally.articles.len() {
                    tally.articles.resize(largest as usize + 1, 0);
                }
            }
            for doc in reader.doc_ids_alive() {
                let mut none = true;
                for id in column.values_for_doc(doc) {
                    tally.articles[id as usize] += 1;
                    none = false;
                }
                tally.missing += u64::from(none);
            }
        }
        Ok(tally)
    }
}

/// One segment as the file names it: id, doc count, deleted docs.
fn segments(searcher: &Searcher) -> Vec<(String, u32, u32)> {
    searcher
        .segment_readers()
        .iter()
        .map(|r| (r.segment_id().uuid_string(), r.max_doc(), r.num_deleted_docs()))
        .collect()
}

/// Writes `people.counts` for the snapshot `searcher` reads: `tally` (its articles per
/// person number) ranked with `resolution` as the person facet ranks them. The display names
/// are the resolution's, and for the head's values also worked out from stored documents. A
/// key that cannot be written on one line leaves no file (readers count instead).
pub fn write(
    dir: &Path,
    searcher: &Searcher,
    fields: &Fields,
    registry: &PersonRegistry,
    resolution: &Resolution,
    tally: Tally,
) -> Result<()> {
    let path = dir.join(COUNTS_FILE);
    let Tally { mut articles, missing } = tally;
    let ranked = resolution.rank(&mut articles, |target| resolution.overlap(target));
    let ids: Vec<u64> = ranked.values.iter().map(|&(id, _)| id).collect();
    let keys = registry.keys(&ids)?;
    let mut values: Vec<(u64, u64, String)> =
        ranked.values.iter().zip(keys).map(|(&(id, count), key)| (id, count, key)).collect();
    values.sort_unstable_by(|a, b| listed_order((a.1, &a.2), (b.1, &b.2)));

    let plain = |text: &str| !text.contains(['\t', '\n']);
    // As `people.merges` keeps them, so both paths print the same names.
    let kept = |id: u64| resolution.label(id).map(|name| name.replace(['\t', '\n'], " "));
    let label = |id: u64, key: &str, head: bool| -> Result<Option<String>> {
        if let Some(name) = kept(id) {
            return Ok(Some(name));
        }
        if !head {
            return Ok(None);
        }
        let name = resolve::label(searcher, fields, key)?;
        Ok(plain(&name).then_some(name))
    };
    let encoded = |name: Option<String>| name.map_or_else(|| "?".to_string(), |name| format!("={name}"));

    let segments = segments(searcher);
    let head_values = values.len().min(HEAD_VALUES);
    let mut head = format!(
        "n\t{}\t{missing}\t{}\t{}\t{}\t{head_values}\n",
        searcher.num_docs(),
        values.len(),
        registry.len()?,
        segments.len()
    );
    for (id, max_doc, deleted) in &segments {
        head.push_str(&format!("s\t{id}\t{max_doc}\t{deleted}\n"));
    }
    let mut tail = String::new();
    for (i, (id, count, key)) in values.iter().enumerate() {
        let in_head = i < HEAD_VALUES;
        let merged = ranked.merged_keys(resolution, *id);
        let candidates: Vec<(u64, &str)> =
            resolution.candidates(*id).filter_map(|c| Some((c, resolution.key(c)?))).collect();
        if !plain(key) || !merged.iter().all(|k| plain(k)) || !candidates.iter().all(|(_, k)| plain(k)) {
            return remove(&path);
        }
        let out = if in_head { &mut head } else { &mut tail };
        out.push_str(&format!("v\t{count}\t{key}\t{}\t{}", encoded(label(*id, key, in_head)?), merged.len()));
        for key in &merged {
            out.push('\t');
            out.push_str(key);
        }
        for (c, key) in candidates {
            out.push_str(&format!("\t{key}\t{}", encoded(label(c, key, in_head)?)));
        }
        out.push('\n');
    }
    let text = format!(
        "{HEADER} {} {:016x} {} {:016x}\n{head}{tail}",
        head.len(),
        xxh3_64(head.as_bytes()),
        tail.len(),
        xxh3_64(tail.as_bytes())
    );
    let temp = dir.join(format!("{COUNTS_FILE}.tmp"));
    let io = |e| Error::io(&temp, e);
    let mut file = std::fs::File::create(&temp).map_err(io)?;
    file.write_all(text.as_bytes()).map_err(io)?;
    file.sync_data().map_err(io)?;
    std::fs::rename(&temp, &path).map_err(|e| Error::io(&path, e))
}

/// Removes a counts file that could not be brought up to date (readers then count).
fn remove(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// True when `people.counts` in `dir` describes the snapshot `searcher` reads and is intact.
pub fn is_current(dir: &Path, searcher: &Searcher) -> bool {
    read(dir, searcher, 0).is_some()
}

/// The first `top` person values (0 = all) of the snapshot `searcher` reads, from
/// `people.counts` in `dir`: `None` when there is no such file, it describes another
/// snapshot, or it is damaged in the part read.
pub fn read(dir: &Path, searcher: &Searcher, top: usize) -> Option<PersonCounts> {
    let file = std::fs::File::open(dir.join(COUNTS_FILE)).ok()?;
    let len = file.metadata().ok()?.len();
    let mut reader = BufReader::new(file);
    let mut first = String::new();
    (&mut reader).take(200).read_line(&mut first).ok()?;
    let mut header = first.strip_suffix('\n')?.strip_prefix(HEADER)?.split(' ').skip(1);
    let mut field = || header.next();
    let head_len: u64 = field()?.parse().ok()?;
    let head_hash = u64::from_str_radix(field()?, 16).ok()?;
    let tail_len: u64 = field()?.parse().ok()?;
    let tail_hash = u64::from_str_radix(field()?, 16).ok()?;
    if field().is_some() || (first.len() as u64).checked_add(head_len)?.checked_add(tail_len)? != len {
        return None;
    }
    let head = read_part(&mut reader, head_len, head_hash)?;
    let mut lines = head.lines();
    let summary: Vec<&str> = lines.next()?.split('\t').collect();
    let [_, articles, missing, distinct, people, count, head_values] = summary.as_slice() else {
        return None;
    };
    let number = |text: &str| text.parse::<u64>().ok();
    let (articles, missing, distinct) = (number(articles)?, number(missing)?, number(distinct)?);
    let people = number(people)?;
    let (count, head_values) = (number(count)? as usize, number(head_values)? as usize);
    let segments = segments(searcher);
    if summary[0] != "n" || articles != searcher.num_docs() || count != segments.len() {
        return None;
    }
    for (id, max_doc, deleted) in &segments {
        let line = lines.next()?;
        if line != format!("s\t{id}\t{max_doc}\t{deleted}") {
            return None;
        }
    }
    let wanted = if top == 0 { usize::MAX } else { top }.min(distinct as usize);
    let mut values = Vec::with_capacity(wanted.min(HEAD_VALUES));
    for line in lines {
        if values.len() == wanted {
            break;
        }
        values.push(parse_value(line)?);
    }
    if values.len() < wanted {
        if values.len() != head_values {
            return None;
        }
        let tail = read_part(&mut reader, tail_len, tail_hash)?;
        for line in tail.lines().take(wanted - values.len()) {
            values.push(parse_value(line)?);
        }
        if values.len() != wanted {
            return None;
        }
    }
    Some(PersonCounts { missing, distinct, people, values })
}

/// Reads `len` bytes of text whose xxh3 is `hash`.
fn read_part(reader: &mut impl Read, len: u64, hash: u64) -> Option<String> {
    let mut bytes = vec![0u8; usize::try_from(len).ok()?];
    reader.read_exact(&mut bytes).ok()?;
    if xxh3_64(&bytes) != hash {
        return None;
    }
    String::from_utf8(bytes).ok()
}

/// One `v` line.
fn parse_value(line: &str) -> Option<PersonCount> {
    let mut parts = line.split('\t');
    if parts.next()? != "v" {
        return None;
    }
    let count = parts.next()?.parse().ok()?;
    let key = parts.next()?.to_string();
    let label = parse_label(parts.next()?)?;
    let merged_len: usize = parts.next()?.parse().ok()?;
    let merged: Vec<String> = parts.by_ref().take(merged_len).map(str::to_string).collect();
    if merged.len() != merged_len {
        return None;
    }
    let mut ambiguous = Vec::new();
    while let Some(key) = parts.next() {
        ambiguous.push((key.to_string(), parse_label(parts.next()?)?));
    }
    Some(PersonCount { count, key, label, merged, ambiguous })
}

/// `=Name` is a name, `?` none worked out.
fn parse_label(text: &str) -> Option<Option<String>> {
    match text {
        "?" => Some(None),
        _ => text.strip_prefix('=').map(|name| Some(name.to_string())),
    }
}
