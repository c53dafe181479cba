//! One file to one document, without a writer: read and decode the file, decide whether its
//! content changed since it was indexed, parse it into an `Article`, number its people and
//! map the fields. Runs on the rayon threads of the commit loop; what it returns is all the
//! loop needs to hand to the writer and to account for the file.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tantivy::TantivyDocument;

use super::article_id_of;
use super::plan::{Root, Work};
use crate::article::layout::Hint;
use crate::article::Extractor;
use crate::corpus::{self, SkipReason};
use crate::error::Result;
use crate::registry::PersonRegistry;
use crate::schema::{article_key, Fields, FileFacts};

/// What became of one planned file.
#[derive(Debug)]
pub enum Prepared {
    /// A document to add (replacing the file's previous document when `replaces`).
    Document {
        doc: TantivyDocument,
        /// The article id (to delete the previous document by).
        id: String,
        replaces: bool,
        /// Raw bytes read and parsed.
        bytes: u64,
        /// Invalid UTF-8 sequences replaced while decoding.
        replaced: u64,
    },
    /// Its mtime changed but its content did not: nothing to index; remember the new mtime.
    Touched { id: String, mtime: i64 },
    /// Could not be read or decoded.
    Skipped(SkipReason),
}

/// Turns planned files into documents (the part of indexing that threads share).
pub struct Preparer<'a> {
    /// The extractor, reading numeric dates in the archive's order.
    pub extractor: &'a Extractor,
    /// Root name → the year of its yearless datelines (`morgue-index --year`).
    pub years: &'a BTreeMap<String, i32>,
    pub fields: Fields,
    pub people: &'a PersonRegistry,
    /// Files larger than this are skipped (`--max-size`).
    pub max_size: u64,
    /// Re-index files whose content did not change (taxonomy or aliases changed).
    pub retag: bool,
}

impl Preparer<'_> {
    /// The path of a planned file on disk.
    pub fn path(&self, roots: &[Root], item: &Work) -> PathBuf {
        item.file.path_under(&roots[item.root as usize].path)
    }

    /// Reads, decodes and parses one planned file into its document. Fails only when the
    /// person registry cannot be written (an index-level failure); a file that cannot be used
    /// is `Prepared::Skipped`.
    pub fn index_one(&self, root: &Root, item: &Work) -> Result<Prepared> {
        let path = item.file.path_under(&root.path);
        let decoded = match corpus::read(&path, self.max_size, item.file.size) {
            Ok(decoded) => decoded,
            Err(reason) => return Ok(Prepared::Skipped(reason)),
        };
        let id = article_id_of(article_key(&root.name, &item.file.rel));
        if item.previous_hash == Some(decoded.hash) && !self.retag {
            return Ok(Prepared::Touched { id, mtime: item.file.mtime });
        }
        let hint = Hint { path: Some(&item.file.rel), year: self.years.get(&root.name).copied() };
        let article = self.extractor.parse_hinted(&decoded.text, hint);
        let facts = FileFacts {
            id,
            root: root.name.clone(),
            path: item.file.rel.clone(),
            size: item.file.size,
            mtime: item.file.mtime,
            hash: decoded.hash,
        };
        let person_ids = self.people.ids(&article.people)?;
        let doc = self.fields.document(&article, &facts, &person_ids);
        Ok(Prepared::Document {
            doc,
            id: facts.id,
            replaces: item.previous_hash.is_some(),
            bytes: decoded.bytes,
            replaced: decoded.replaced,
        })
    }
}

#[cfg(test)]
mod tests {
    use tantivy::schema::Value;

    use super::*;
    use crate::corpus::WalkOptions;
    use crate::schema::Knowledge;
    use crate::store::Store;

    const ARTICLE: &str = "Harbour cranes idle as dockers strike\n\nBy Imogen Talbot\n\n\
        ROTTERDAM (Reuters) - Dockers at the port walked out on Tuesday over night-shift pay, \
        leaving container ships waiting at anchor in the North Sea.\n";

    fn setup() -> (tempfile::TempDir, Root, Vec<Work>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/strike.txt"), ARTICLE).unwrap();
        std::fs::write(dir.path().join("a/blob.txt"), b"\0\0\0binary").unwrap();
        let root = Root::resolve(dir.path()).unwrap();
        let (found, _) = corpus::walk(&root.path, &WalkOptions::default()).unwrap();
        let work = found.into_iter().map(|file| Work { file, root: 0, previous_hash: None }).collect();
        (dir, root, work)
    }

    #[test]
    fn index_one_makes_a_document_without_a_writer() {
        let knowledge = Knowledge::load(None).unwrap();
        let store = Store::in_ram(&knowledge.spec).unwrap();
        let years = BTreeMap::new();
        let preparer = Preparer {
            extractor: &knowledge.extractor,
            years: &years,
            fields: store.fields,
            people: &store.people,
            max_size: 1 << 20,
            retag: false,
        };
        let (_dir, root, work) = setup();
        let [blob, strike] = &work[..] else { panic!("two files expected, got {work:?}") };

        assert!(matches!(preparer.index_one(&root, blob).unwrap(), Prepared::Skipped(SkipReason::Binary)));

        let Prepared::Document { doc, id, replaces, bytes, .. } = preparer.index_one(&root, strike).unwrap()
        else {
            panic!("strike.txt should give a document");
        };
        assert_eq!(id, crate::schema::article_id(&root.name, "a/strike.txt"));
        assert!(!replaces);
        assert_eq!(bytes, ARTICLE.len() as u64);
        let text = |field| doc.get_first(field).and_then(|v| v.as_str().map(str::to_string));
        assert_eq!(text(store.fields.title).as_deref(), Some("Harbour cranes idle as dockers strike"));
        assert_eq!(text(store.fields.path).as_deref(), Some("a/strike.txt"));

        // Indexed before with the same content: only the new mtime is kept.
        let hash = xxhash_rust::xxh3::xxh3_64(ARTICLE.as_bytes());
        let same = Work { previous_hash: Some(hash), ..strike.clone() };
        assert!(matches!(preparer.index_one(&root, &same).unwrap(), Prepared::Touched { .. }));
        // Changed content replaces the previous document.
        let changed = Work { previous_hash: Some(hash ^ 1), ..strike.clone() };
        assert!(matches!(
            preparer.index_one(&root, &changed).unwrap(),
            Prepared::Document { replaces: true, .. }
        ));
    }
}
