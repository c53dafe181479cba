//! Audits of a whole index: files that could not be indexed, articles missing a title,
//! dateline, date or byline, exact duplicates (same normalised body), near-duplicates (the
//! same syndicated story with small edits, found by MinHash + LSH banding, so a million
//! articles never means comparing all pairs), files changed, deleted or added since the last
//! indexing run, files indexed with invalid bytes replaced, and an index written by another
//! schema or taxonomy. Each problem is one
//! `Finding`; the caller decides how to print them and the exit status.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Serialize;
use tantivy::columnar::StrColumn;
use tantivy::{DocId, SegmentReader};
use xxhash_rust::xxh3::xxh3_64;

use crate::archive::{fast_column, Archive, SegmentColumns};
use crate::article::fingerprint::{
    band_hash, body_hash, copy_similarity, estimated_jaccard, CopyText, LSH_BANDS,
};
use crate::calendar::Date;
use crate::corpus::mtime_nanos;
use crate::corpus::{self, WalkOptions};
use crate::error::{Error, Result};
use crate::schema::article_key;
use crate::schema::Knowledge;
use crate::store::{CommitMeta, Manifest, ManifestEntry, Repaired, Store};

/// The checks `morgue audit` can run (`--check NAME`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// Files of the indexed roots that could not be indexed (binary, undecodable, too large…).
    Failed,
    /// Articles without a title.
    MissingTitle,
    /// Articles without a dateline.
    MissingDateline,
    /// Articles without a full date.
    MissingDate,
    /// Articles without a byline author.
    MissingByline,
    /// Groups of articles with the same normalised body.
    Duplicates,
    /// Groups of articles whose bodies are near-identical (MinHash Jaccard ≥ threshold).
    NearDuplicates,
    /// Files of the indexed roots changed, deleted or added since the last indexing run.
    Stale,
    /// Files indexed after replacing invalid UTF-8 bytes (a UTF-8 file with stray bytes).
    Repaired,
    /// An index written by another schema version, taxonomy or alias list than this morgue's.
    Schema,
}

impl Check {
    pub const ALL: [Check; 10] = [
        Check::Schema,
        Check::Failed,
        Check::Repaired,
        Check::Stale,
        Check::MissingTitle,
        Check::MissingDateline,
        Check::MissingDate,
        Check::MissingByline,
        Check::Duplicates,
        Check::NearDuplicates,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Check::Failed => "failed",
            Check::MissingTitle => "missing-title",
            Check::MissingDateline => "missing-dateline",
            Check::MissingDate => "missing-date",
            Check::MissingByline => "missing-byline",
            Check::Duplicates => "duplicates",
            Check::NearDuplicates => "near-duplicates",
            Check::Stale => "stale",
            Check::Repaired => "repaired",
            Check::Schema => "schema",
        }
    }
}

/// One article in a duplicate group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    pub id: String,
    /// Absolute path of the file.
    pub path: String,
    pub title: String,
    pub date: Option<Date>,
    /// Jaccard similarity of the body's word 3-shingles to the original's, computed exactly
    /// from the text (1.0 for the original and for exact duplicates).
    pub similarity: f64,
}

/// A group of duplicates: the earliest article (by date, undated last, then path) and the
/// copies of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DuplicateGroup {
    pub original: Member,
    /// The other members, most similar first.
    pub copies: Vec<Member>,
}

/// One problem found by an audit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The check that found it.
    pub check: Check,
    /// Absolute path of the file concerned (for groups, the original's); null for
    /// index-level findings.
    pub path: Option<String>,
    /// Article id, when the finding is about an indexed article.
    pub id: Option<String>,
    /// What is wrong, in one line.
    pub message: String,
    /// The members, for `duplicates` and `near-duplicates`; null otherwise.
    pub group: Option<DuplicateGroup>,
}

/// The closing summary of an audit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditSummary {
    /// Articles in the index (0 when the index could not be read with this schema).
    pub articles: u64,
    /// The checks that ran.
    pub checks: Vec<Check>,
    /// Total findings.
    pub findings: u64,
    /// Findings per check (every check that ran is listed, with 0 when clean).
    pub by_check: BTreeMap<String, u64>,
    /// No findings.
    pub clean: bool,
}

/// An audit's findings (in check order) and summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditReport {
    pub findings: Vec<Finding>,
    pub summary: AuditSummary,
}

/// What to audit.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    pub checks: Vec<Check>,
    /// Minimum estimated Jaccard similarity of near-duplicate bodies.
    pub near_threshold: f64,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions { checks: Check::ALL.to_vec(), near_threshold: DEFAULT_NEAR_THRESHOLD }
    }
}

/// Default minimum similarity for near-duplicates.
pub const DEFAULT_NEAR_THRESHOLD: f64 = crate::article::fingerprint::NEAR_THRESHOLD;

/// Opens the index at `dir` and runs the selected checks. An index written by another
/// schema version is a `schema` finding (the other checks cannot run on it), not an error.
pub fn audit(dir: &Path, knowledge: &Knowledge, options: &AuditOptions) -> Result<AuditReport> {
    let mut checks = options.checks.clone();
    checks.sort();
    checks.dedup();
    let mut findings = Vec::new();
    let mut articles = 0;
    match Store::open(dir, &knowledge.spec) {
        Err(Error::SchemaMismatch { found, expected, .. }) => {
            if checks.contains(&Check::Schema) {
                findings.push(index_finding(
                    Check::Schema,
                    format!(
                        "the index was written with schema version {found}, this morgue uses {expected}: \
                         rebuild it with `morgue-index --full ROOT…`"
                    ),
                ));
            } else {
                return Err(Error::SchemaMismatch { path: dir.to_path_buf(), found, expected });
            }
        }
        Err(e) => return Err(e),
        Ok(store) => {
            let archive = Archive::from_store(store)?;
            articles = archive.num_articles();
            for check in &checks {
                match check {
                    Check::Schema => schema_check(&archive, knowledge, &mut findings),
                    Check::Failed => failed_check(&archive, &mut findings),
                    Check::Stale => stale_check(&archive, &mut findings)?,
                    Check::Repaired => repaired_check(&archive, &mut findings),
                    Check::MissingTitle
                    | Check::MissingDateline
                    | Check::MissingDate
                    | Check::MissingByline => missing_check(&archive, *check, &mut findings)?,
                    Check::Duplicates => findings.extend(exact_duplicates(&archive)?),
                    Check::NearDuplicates => {
                        findings.extend(near_duplicates(&archive, options.near_threshold)?)
                    }
                }
            }
        }
    }
    let mut by_check: BTreeMap<String, u64> = checks.iter().map(|c| (c.name().to_string(), 0)).collect();
    for finding in &findings {
        *by_check.entry(finding.check.name().to_string()).or_default() += 1;
    }
    let summary = AuditSummary {
        articles,
        checks,
        findings: findings.len() as u64,
        by_check,
        clean: findings.is_empty(),
    };
    Ok(AuditReport { findings, summary })
}

fn index_finding(check: Check, message: String) -> Finding {
    Finding { check, path: None, id: None, message, group: None }
}

fn schema_check(archive: &Archive, knowledge: &Knowledge, findings: &mut Vec<Finding>) {
    let Some(meta) = &archive.store.meta else { return };
    if meta.knowledge != knowledge.fingerprint {
        findings.push(index_finding(
            Check::Schema,
            "the topic taxonomy or person aliases changed since the articles were tagged: re-run \
             morgue-index to re-tag them"
                .into(),
        ));
    }
}

fn failed_check(archive: &Archive, findings: &mut Vec<Finding>) {
    let Some(meta) = &archive.store.meta else { return };
    for (path, reason) in &meta.failed {
        findings.push(Finding {
            check: Check::Failed,
            path: Some(path.clone()),
            id: None,
            message: format!("could not be indexed: {reason}"),
            group: None,
        });
    }
}

fn repaired_check(archive: &Archive, findings: &mut Vec<Finding>) {
    let Some(meta) = &archive.store.meta else { return };
    let mut repaired: Vec<(&String, &Repaired)> = meta.repaired.iter().collect();
    repaired.sort_by(|a, b| a.1.path.cmp(&b.1.path));
    for (id, repair) in repaired {
        findings.push(Finding {
            check: Check::Repaired,
            path: Some(repair.path.clone()),
            id: Some(id.clone()),
            message: format!(
                "indexed as UTF-8 with {} invalid byte sequence(s) replaced by U+FFFD",
                repair.replaced
            ),
            group: None,
        });
    }
}

fn stale_check(archive: &Archive, findings: &mut Vec<Finding>) -> Result<()> {
    let manifest = Manifest::load(&archive.searcher)?;
    let meta = archive.store.meta.clone().unwrap_or_default();
    let touched = &meta.touched;
    let mut entries: Vec<(String, String, &ManifestEntry)> = manifest
        .entries
        .iter()
        .map(|(key, entry)| {
            let rel = manifest.path(&archive.searcher, entry).unwrap_or_default();
            (format!("{key:016x}"), rel, entry)
        })
        .collect();
    entries.sort_by(|a, b| (a.2.root, &a.1).cmp(&(b.2.root, &b.1)));
    let mut extensions = vec!["txt".to_string()];
    for (_, rel, _) in &entries {
        if let Some(ext) = Path::new(rel).extension().and_then(|e| e.to_str()) {
            if !extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)) {
                extensions.push(ext.to_string());
            }
        }
    }
    for (id, rel, entry) in entries {
        let path = Path::new(meta.root_path(&manifest.roots[entry.root as usize])).join(&rel);
        let problem = match std::fs::metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Some("deleted since it was indexed".to_string())
            }
            Err(e) => Some(format!("unreadable: {e}")),
            Ok(meta) => {
                let mtime = mtime_nanos(&meta);
                let same_stat =
                    meta.len() == entry.size && (mtime == entry.mtime || touched.get(&id) == Some(&mtime));
                if same_stat {
                    None
                } else {
                    match std::fs::read(&path) {
                        Ok(bytes) if xxh3_64(&bytes) == entry.hash => None,
                        Ok(bytes) => Some(format!(
                            "changed since it was indexed ({} bytes then, {} now)",
                            entry.size,
                            bytes.len()
                        )),
                        Err(e) => Some(format!("unreadable: {e}")),
                    }
                }
            }
        };
        if let Some(message) = problem {
            findings.push(Finding {
                check: Check::Stale,
                path: Some(path.display().to_string()),
                id: Some(id),
                message,
                group: None,
            });
        }
    }
    added_files(&manifest, &meta, extensions, findings)
}

/// Files under the indexed roots that no indexing run has seen: neither in the index nor
/// recorded as failed. Walks with the extensions of the files already indexed (and `txt`).
fn added_files(
    manifest: &Manifest,
    meta: &CommitMeta,
    extensions: Vec<String>,
    findings: &mut Vec<Finding>,
) -> Result<()> {
    let walk = WalkOptions { extensions, max_size: u64::MAX };
    for name in &meta.roots {
        let root = meta.root_path(name);
        let Ok((found, _)) = corpus::walk(Path::new(root), &walk) else { continue };
        for file in found {
            let path = Path::new(root).join(&file.rel);
            let known = manifest.entries.contains_key(&article_key(name, &file.rel))
                || meta.failed.contains_key(&path.display().to_string());
            if !known {
                findings.push(Finding {
                    check: Check::Stale,
                    path: Some(path.display().to_string()),
                    id: None,
                    message: "added since the last indexing run (not in the index yet)".into(),
                    group: None,
                });
            }
        }
    }
    Ok(())
}

/// The id/root/path columns of one segment.
struct Locator {
    id: StrColumn,
    root: StrColumn,
    path: StrColumn,
}

impl Locator {
    fn new(archive: &Archive, reader: &SegmentReader) -> Result<Option<Locator>> {
        let ff = reader.fast_fields();
        let _ = archive;
        Ok(match (ff.str("id")?, ff.str("root")?, ff.str("path")?) {
            (Some(id), Some(root), Some(path)) => Some(Locator { id, root, path }),
            _ => None,
        })
    }

    fn first(column: &StrColumn, doc: DocId) -> String {
        let mut out = String::new();
        if let Some(ord) = column.term_ords(doc).next() {
            let _ = column.ord_to_str(ord, &mut out);
        }
        out
    }

    fn id(&self, doc: DocId) -> String {
        Locator::first(&self.id, doc)
    }

    fn abs_path(&self, doc: DocId) -> String {
        Path::new(&Locator::first(&self.root, doc))
            .join(Locator::first(&self.path, doc))
            .display()
            .to_string()
    }
}

fn missing_check(archive: &Archive, check: Check, findings: &mut Vec<Finding>) -> Result<()> {
    let f = &archive.store.fields;
    let (what, mut found) = (
        match check {
            Check::MissingTitle => "title",
            Check::MissingDateline => "dateline",
            Check::MissingDate => "date",
            _ => "byline author",
        },
        Vec::new(),
    );
    for reader in archive.searcher.segment_readers() {
        let Some(locator) = Locator::new(archive, reader)? else { continue };
        let ff = reader.fast_fields();
        let has: Box<dyn Fn(DocId) -> bool> = match check {
            Check::MissingTitle => {
                let norms = reader.get_fieldnorms_reader(f.title)?;
                Box::new(move |d| norms.fieldnorm_id(d) > 0)
            }
            Check::MissingDateline => {
                let norms = reader.get_fieldnorms_reader(f.dateline)?;
                Box::new(move |d| norms.fieldnorm_id(d) > 0)
            }
            Check::MissingDate => {
                let column = fast_column::<tantivy::DateTime>(reader, "date")?;
                Box::new(move |d| column.first(d).is_some())
            }
            _ => match ff.str("author")? {
                Some(column) => Box::new(move |d| column.term_ords(d).next().is_some()),
                None => Box::new(|_| false),
            },
        };
        for doc in reader.doc_ids_alive() {
            if !has(doc) {
                found.push((locator.abs_path(doc), locator.id(doc)));
            }
        }
    }
    found.sort();
    for (path, id) in found {
        findings.push(Finding {
            check,
            path: Some(path),
            id: Some(id),
            message: format!("no {what}"),
            group: None,
        });
    }
    Ok(())
}

/// What grouping needs to know about one article.
#[derive(Debug, Clone)]
struct Entry {
    segment: u32,
    doc: DocId,
    date: Option<Date>,
    path: String,
    body_hash: u64,
}

impl Entry {
    /// Earliest first: dated before undated, then by date, then by path.
    fn age_key(&self) -> (bool, Option<Date>, &str) {
        (self.date.is_none(), self.date, self.path.as_str())
    }
}

/// Every alive article with its date, absolute path and body hash.
fn entries(archive: &Archive) -> Result<Vec<Entry>> {
    let mut out = Vec::with_capacity(archive.num_articles() as usize);
    for (segment, reader) in archive.searcher.segment_readers().iter().enumerate() {
        let Some(locator) = Locator::new(archive, reader)? else { continue };
        let ff = reader.fast_fields();
        let dates = fast_column::<tantivy::DateTime>(reader, "date")?;
        let hashes = ff.u64("body_hash")?;
        for doc in reader.doc_ids_alive() {
            out.push(Entry {
                segment: segment as u32,
                doc,
                date: dates.first(doc).map(|d| Date::from_unix_seconds(d.into_timestamp_secs())),
                path: locator.abs_path(doc),
                body_hash: hashes.first(doc).unwrap_or(0),
            });
        }
    }
    Ok(out)
}

fn member(archive: &Archive, entry: &Entry, similarity: f64) -> Result<Member> {
    let doc = archive.document(tantivy::DocAddress::new(entry.segment, entry.doc), false)?;
    let article = archive.article(doc, false);
    Ok(Member {
        id: article.id,
        path: entry.path.clone(),
        title: article.title,
        date: entry.date,
        similarity,
    })
}

fn group_finding(
    archive: &Archive,
    check: Check,
    entries: &[Entry],
    mut members: Vec<(usize, f64)>,
) -> Result<Finding> {
    members.sort_by(|a, b| entries[a.0].age_key().cmp(&entries[b.0].age_key()));
    let original = &entries[members[0].0];
    let mut copies = Vec::new();
    for &(i, similarity) in &members[1..] {
        copies.push(member(archive, &entries[i], similarity)?);
    }
    copies.sort_by(|a, b| b.similarity.total_cmp(&a.similarity).then_with(|| a.path.cmp(&b.path)));
    let original = member(archive, original, 1.0)?;
    let message = format!(
        "original of {} {}: {}",
        copies.len(),
        match (check, copies.len()) {
            (Check::Duplicates, 1) => "exact copy",
            (Check::Duplicates, _) => "exact copies",
            (_, 1) => "near-copy",
            _ => "near-copies",
        },
        copies.iter().map(|c| c.path.as_str()).collect::<Vec<_>>().join(", ")
    );
    Ok(Finding {
        check,
        path: Some(original.path.clone()),
        id: Some(original.id.clone()),
        message,
        group: Some(DuplicateGroup { original, copies }),
    })
}

/// Groups of articles with equal body hashes (empty bodies ignored).
fn exact_duplicates(archive: &Archive) -> Result<Vec<Finding>> {
    let entries = entries(archive)?;
    let empty = body_hash("");
    let mut by_hash: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        if entry.body_hash != empty {
            by_hash.entry(entry.body_hash).or_default().push(i);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_hash.into_values().filter(|g| g.len() > 1).collect();
    groups.iter_mut().for_each(|g| g.sort_by(|a, b| entries[*a].age_key().cmp(&entries[*b].age_key())));
    groups.sort_by(|a, b| entries[a[0]].path.cmp(&entries[b[0]].path));
    groups
        .into_iter()
        .map(|g| {
            group_finding(archive, Check::Duplicates, &entries, g.into_iter().map(|i| (i, 1.0)).collect())
        })
        .collect()
}

/// Band rounds: bands are hashed this many at a time, so memory stays at
/// `4 * BANDS_PER_ROUND` bytes per article.
const BANDS_PER_ROUND: usize = 8;
/// Members of one LSH bucket compared pairwise; beyond this, later members are compared
/// only with these first ones (guards against a flood of near-empty bodies).
const BUCKET_PAIRWISE: usize = 64;

/// Groups of articles with near-identical bodies: MinHash signatures are cut into LSH
/// bands; articles sharing a band are candidates; candidates whose estimated Jaccard is at
/// least `threshold` are read and kept when `fingerprint::copy_similarity` finds them copies
/// of one story (exact shingle Jaccard at least `threshold`, the same numbers, and for short
/// notices the same headline words), then grouped around representatives (see
/// [`leader_groups`]), so every member is within the threshold of its group's original,
/// never only through a chain of other members. Exact duplicates take part once (the earliest
/// of them): they are reported by the `duplicates` check.
pub fn near_duplicates(archive: &Archive, threshold: f64) -> Result<Vec<Finding>> {
    let entries = entries(archive)?;
    let segments = archive.searcher.segment_readers().len() as u32;
    let columns: Vec<SegmentColumns> =
        (0..segments).map(|segment| archive.segment_columns(segment)).collect::<Result<_>>()?;
    // One representative per body (the earliest), and only bodies with a signature.
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|a, b| entries[*a].age_key().cmp(&entries[*b].age_key()));
    let mut seen_bodies = std::collections::HashSet::new();
    let mut signed: Vec<usize> = Vec::new(); // entries with a signature, one per body
    for i in order {
        let entry = &entries[i];
        let Some(column) = &columns[entry.segment as usize].minhashes else { continue };
        if column.index.value_row_ids(entry.doc).is_empty() {
            continue;
        }
        if seen_bodies.insert(entry.body_hash) {
            signed.push(i);
        }
    }
    let read_signature = |k: usize| -> Option<Vec<u32>> {
        let entry = &entries[signed[k]];
        columns[entry.segment as usize].signature(entry.doc)
    };
    let n = signed.len();
    let mut cache: HashMap<usize, Option<Vec<u32>>> = HashMap::new();
    let similar = |a: usize, b: usize, cache: &mut HashMap<usize, Option<Vec<u32>>>| -> f64 {
        let sa = cache.entry(a).or_insert_with(|| read_signature(a)).clone();
        let sb = cache.entry(b).or_insert_with(|| read_signature(b)).clone();
        match (sa, sb) {
            (Some(x), Some(y)) => estimated_jaccard(&x, &y),
            _ => 0.0,
        }
    };
    // Headline and body of the candidates the estimate lets through, read once each.
    let mut texts: HashMap<usize, (String, String)> = HashMap::new();
    let mut text = |k: usize| -> Result<(String, String)> {
        if let Some(t) = texts.get(&k) {
            return Ok(t.clone());
        }
        let entry = &entries[signed[k]];
        let doc = archive.document(tantivy::DocAddress::new(entry.segment, entry.doc), true)?;
        let f = &archive.store.fields;
        let t = (
            doc.first_str(f.title).unwrap_or_default().to_string(),
            doc.first_str(f.body_text).unwrap_or_default().to_string(),
        );
        texts.insert(k, t.clone());
        Ok(t)
    };
    // For each body, the earlier bodies (in age order) within the threshold of it.
    let mut earlier: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
    let mut keys: Vec<(u32, u32)> = Vec::with_capacity(n * BANDS_PER_ROUND);
    for round in (0..LSH_BANDS).step_by(BANDS_PER_ROUND) {
        keys.clear();
        for k in 0..n {
            let Some(signature) = read_signature(k) else { continue };
            for band in round..(round + BANDS_PER_ROUND).min(LSH_BANDS) {
                let key = band_hash(&signature, band);
                keys.push(((key >> 32) as u32 ^ key as u32, k as u32));
            }
        }
        keys.sort_unstable();
        for run in keys.chunk_by(|a, b| a.0 == b.0) {
            for (x, &(_, a)) in run.iter().enumerate() {
                for &(_, b) in &run[..x.min(BUCKET_PAIRWISE)] {
                    let (late, early) = (a.max(b) as usize, a.min(b));
                    if late == early as usize || earlier[late].iter().any(|&(e, _)| e == early) {
                        continue;
                    }
                    if similar(late, early as usize, &mut cache) < threshold {
                        continue;
                    }
                    let (a, b) = (text(late)?, text(early as usize)?);
                    let (a, b) = (CopyText { title: &a.0, body: &a.1 }, CopyText { title: &b.0, body: &b.1 });
                    if let Some(similarity) = copy_similarity(a, b, threshold) {
                        earlier[late].push((early, similarity));
                    }
                }
            }
        }
    }
    let mut groups = leader_groups(&earlier);
    groups.sort_by(|a, b| entries[signed[a[0]]].path.cmp(&entries[signed[b[0]]].path));
    let mut findings = Vec::new();
    for group in groups {
        // The first member is the representative (the earliest), and every member is
        // within the threshold of it.
        let original = group[0];
        let of = |k: usize| {
            let joined = earlier[k].iter().find(|&&(e, _)| e as usize == original);
            joined.map_or(1.0, |&(_, similarity)| similarity)
        };
        let members = group.iter().map(|&k| (signed[k], of(k))).collect();
        findings.push(group_finding(archive, Check::NearDuplicates, &entries, members)?);
    }
    Ok(findings)
}

/// Leader clustering over bodies numbered in age order: `earlier[k]` lists the earlier
/// bodies within the threshold of body `k` with their similarity. Each body, oldest first,
/// joins the most similar representative among them (the earliest on a tie), or else
/// becomes a representative itself. Returns the groups of two or more, each in age order
/// (representative first), the groups ordered by their representative.
fn leader_groups(earlier: &[Vec<(u32, f64)>]) -> Vec<Vec<usize>> {
    let mut leader: Vec<usize> = (0..earlier.len()).collect();
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, candidates) in earlier.iter().enumerate() {
        let best = candidates
            .iter()
            .filter(|&&(e, _)| leader[e as usize] == e as usize)
            .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
        if let Some(&(e, _)) = best {
            leader[k] = e as usize;
            groups.entry(e as usize).or_insert_with(|| vec![e as usize]).push(k);
        }
    }
    groups.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::leader_groups;

    #[test]
    fn a_chain_does_not_join_members_beyond_the_representative() {
        // 1 is near 0, 2 is near 1 only, 3 is near 2 only, 4 is near 0 and 3.
        let earlier = vec![vec![], vec![(0, 0.7)], vec![(1, 0.6)], vec![(2, 0.8)], vec![(3, 0.9), (0, 0.6)]];
        assert_eq!(leader_groups(&earlier), vec![vec![0, 1, 4], vec![2, 3]]);
    }
}
