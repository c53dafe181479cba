//! Export of every matching article, streamed in a stable order with bounded memory: the
//! matching doc ids of each segment are sorted by (root, path) through the fast-field term
//! ordinals (which are in string order within a segment), and the segments are merged
//! k-way, so only one root/path string per segment is held at a time. Stored documents are
//! loaded one at a time and handed to the caller, which renders them (NDJSON, CSV, paths,
//! Elasticsearch bulk, bare documents). `EXPORT_SCHEMA` ties each exported field to the
//! schema field it comes from, for the mappings of other engines (`mapping`).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use serde::Serialize;
use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, DocId};

use crate::archive::{matching, Archive, StoredArticle};
use crate::error::{Error, Result};
use crate::query::QueryOptions;

/// One field of an exported record: its name there, the `schema.toml` field whose analysis
/// and type it carries into other engines (`mapping`), and whether it is a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportField {
    pub name: &'static str,
    pub schema: &'static str,
    pub list: bool,
}

const fn field(name: &'static str, schema: &'static str, list: bool) -> ExportField {
    ExportField { name, schema, list }
}

/// Every field an export can write, in the default order (`body` only when asked). The body
/// is analysed like the searched `body` field (its stored twin `body_text` is not indexed).
pub const EXPORT_SCHEMA: &[ExportField] = &[
    field("id", "id", false),
    field("path", "path", false),
    field("root", "root", false),
    field("layout", "layout", false),
    field("title", "title", false),
    field("authors", "author", true),
    field("source", "source", false),
    field("distributor", "distributor", false),
    field("section", "section", false),
    field("dateline", "dateline", false),
    field("place", "place", false),
    field("date", "date", false),
    field("year", "year", false),
    field("people", "person", true),
    field("topics", "topic", true),
    field("size", "size", false),
    field("body", "body", false),
];

/// The names of the fields an export can select, in their default order.
pub fn field_names() -> impl Iterator<Item = &'static str> {
    EXPORT_SCHEMA.iter().map(|f| f.name)
}

/// The fields exported when `--fields` is not given: all but the body.
pub fn default_fields() -> Vec<String> {
    field_names().filter(|f| *f != "body").map(str::to_string).collect()
}

/// Checks a `--fields` list (`all` = every field, body included).
pub fn parse_fields(list: &str) -> Result<Vec<String>> {
    if list.trim() == "all" {
        return Ok(field_names().map(str::to_string).collect());
    }
    let mut fields = Vec::new();
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if !field_names().any(|f| f == name) {
            return Err(Error::Config(format!(
                "unknown export field `{name}` (fields: {}, or all)",
                field_names().collect::<Vec<_>>().join(",")
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
