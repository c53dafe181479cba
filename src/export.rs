//! Export of every matching article, streamed in a stable order with bounded memory: the
//! matching doc ids of each segment are sorted by (root, path) through the fast-field term
//! ordinals (which are in string order within a segment), and the segments are merged
//! k-way, so only one root/path string per segment is held at a time. Stored documents are
//! loaded one at a time and handed to the caller, which renders them (NDJSON, CSV, paths,
//! Elasticsearch bulk).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use serde::Serialize;
use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, DocId};

use crate::archive::{matching, Archive, StoredArticle};
use crate::error::{Error, Result};
use crate::query::QueryOptions;

/// The fields an export can select, in their default order (`body` only when asked).
pub const EXPORT_FIELDS: &[&str] = &[
    "id",
    "path",
    "root",
    "layout",
    "title",
    "authors",
    "source",
    "distributor",
    "section",
    "dateline",
    "place",
    "date",
    "year",
    "people",
    "topics",
    "size",
    "body",
];

/// The fields exported when `--fields` is not given: all but the body.
pub fn default_fields() -> Vec<String> {
    EXPORT_FIELDS.iter().filter(|f| **f != "body").map(|f| f.to_string()).collect()
}

/// Checks a `--fields` list (`all` = every field, body included).
pub fn parse_fields(list: &str) -> Result<Vec<String>> {
    if list.trim() == "all" {
        return Ok(EXPORT_FIELDS.iter().map(|f| f.to_string()).collect());
    }
    let mut fields = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if !EXPORT_FIELDS.contains(&name) {
            return Err(Error::Config(format!(
                "unknown export field `{name}` (fields: {}, or all)",
                EXPORT_FIELDS.join(",")
            )));
        }
        if !fields.iter().any(|f| f == name) {
            fields.push(name.to_string());
        }
    }
    if fields.is_empty() {
        return Err(Error::Config("--fields needs at least one field".into()));
    }
    Ok(fields)
}

/// The closing summary of an export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportSummary {
    pub query: String,
    /// Articles exported (= `morgue count QUERY`).
    pub exported: u64,
}

/// One segment's matches, sorted, with a cursor.
struct SegmentCursor {
    segment: u32,
    root: StrColumn,
    path: StrColumn,
    /// (root ord, path ord, doc), ascending.
    docs: Vec<(u64, u64, DocId)>,
    next: usize,
}

impl SegmentCursor {
    /// The (root, path) of the current doc.
    fn key(&self) -> Option<(String, String)> {
        let &(root_ord, path_ord, _) = self.docs.get(self.next)?;
        let (mut root, mut path) = (String::new(), String::new());
        let _ = self.root.ord_to_str(root_ord, &mut root);
        let _ = self.path.ord_to_str(path_ord, &mut path);
        Some((root, path))
    }
}

/// Streams every article matching `query` to `emit`, ordered by root then path. Returns the
/// number exported.
pub fn export<E: From<Error>>(
    archive: &Archive,
    query: &str,
    options: &QueryOptions,
    with_body: bool,
    mut emit: impl FnMut(StoredArticle) -> std::result::Result<(), E>,
) -> std::result::Result<u64, E> {
    let matches = matching(archive, query, options)?;
    let mut cursors = Vec::new();
    for (segment, docs) in matches {
        let ff = archive.searcher.segment_reader(segment).fast_fields();
        let (Some(root), Some(path)) =
            (ff.str("root").map_err(Error::from)?, ff.str("path").map_err(Error::from)?)
        else {
            continue;
        };
        let first = |column: &StrColumn, doc: DocId| column.term_ords(doc).next().unwrap_or(0);
        let mut keyed: Vec<(u64, u64, DocId)> =
            docs.into_iter().map(|doc| (first(&root, doc), first(&path, doc), doc)).collect();
        keyed.sort_unstable();
        cursors.push(SegmentCursor { segment, root, path, docs: keyed, next: 0 });
    }
    let mut heap: BinaryHeap<Reverse<((String, String), usize)>> = BinaryHeap::new();
    for (i, cursor) in cursors.iter().enumerate() {
        if let Some(key) = cursor.key() {
            heap.push(Reverse((key, i)));
        }
    }
    let mut exported = 0u64;
    while let Some(Reverse((_, i))) = heap.pop() {
        let cursor = &mut cursors[i];
        let (_, _, doc) = cursor.docs[cursor.next];
        let stored = archive.document(DocAddress::new(cursor.segment, doc), with_body)?;
        cursor.next += 1;
        if let Some(key) = cursor.key() {
            heap.push(Reverse((key, i)));
        }
        emit(archive.article(stored, with_body))?;
        exported += 1;
    }
    Ok(exported)
}
