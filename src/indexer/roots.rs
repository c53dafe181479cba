//! The lifecycle of roots beyond indexing: removing a root with its articles, re-pointing a
//! root whose folder moved (the articles keep the root name they were indexed under; the
//! commit metadata maps it to the folder's new path, and content hashes confirm the files are
//! the same, so nothing is parsed again), and counting articles whose exact content is indexed
//! under two roots (a copied corpus), so the summary can say so.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::commit::commit;
use crate::error::{Error, Result};
use crate::schema::Knowledge;
use crate::store::{writer_error, CommitMeta, Manifest, Store};

/// What `remove_root` did.
#[derive(Debug, Clone, Serialize)]
pub struct RootRemoved {
    /// The index directory.
    pub index: PathBuf,
    /// The root removed (its folder now).
    pub root: String,
    /// Articles of that root deleted from the index.
    pub removed: u64,
    /// Articles left in the index.
    pub articles: u64,
}

/// Articles of one root whose exact content is also indexed under another root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RootCopies {
    /// The root holding the copies (its folder now).
    pub root: String,
    /// The other root.
    pub other: String,
    /// Articles of `root` with the same file content as an article of `other`.
    pub articles: u64,
}

/// The path as given, made absolute without touching the disk (the folder may be gone).
pub fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).or_else(|_| std::path::absolute(path)).unwrap_or_else(|_| path.to_path_buf())
}

/// The stored name of the root that `path` names: by its name or by where it moved to.
pub fn find_root(meta: &CommitMeta, path: &Path) -> Option<String> {
    let wanted = absolute(path);
    meta.roots.iter().find(|name| Path::new(meta.root_path(name)) == wanted).cloned()
}

fn unknown_root(meta: &CommitMeta, path: &Path, index: &Path) -> Error {
    let roots: Vec<&str> = meta.roots.iter().map(|r| meta.root_path(r)).collect();
    Error::Config(format!(
        "{} is not a root of the index at {} (its roots: {})",
        path.display(),
        index.display(),
        if roots.is_empty() { "none".to_string() } else { roots.join(", ") }
    ))
}

/// Records that the root at `old` now lives at `new` (which must exist). The next indexing
/// run of `new` finds the root's articles under their old ids.
pub fn repoint(meta: &mut CommitMeta, old: &Path, new: &Path, index: &Path) -> Result<()> {
    let name = find_root(meta, old).ok_or_else(|| unknown_root(meta, old, index))?;
    let new = std::fs::canonicalize(new).map_err(|e| Error::io(new, e))?;
    let new_text = new
        .to_str()
        .ok_or_else(|| Error::Config(format!("{}: root path is not valid UTF-8", new.display())))?
        .to_string();
    if let Some(other) = meta.roots.iter().find(|r| **r != name && meta.root_path(r) == new_text) {
        return Err(Error::Config(format!(
            "{new_text} is already a root of this index ({other}); remove one with --remove-root first"
        )));
    }
    let old_path = meta.root_path(&name).to_string();
    meta.failed.retain(|path, _| !Path::new(path).starts_with(&old_path));
    if new_text == name {
        meta.moved.remove(&name);
    } else {
        meta.moved.insert(name, new_text);
    }
    Ok(())
}

/// Removes the root that `dir` names, and every article indexed from it, in one commit.
pub fn remove_root(index_dir: &Path, knowledge: &Knowledge, dir: &Path) -> Result<RootRemoved> {
    let store = Store::open(index_dir, &knowledge.spec)?;
    let mut meta = store.meta.clone().unwrap_or_default();
    let name = find_root(&meta, dir).ok_or_else(|| unknown_root(&meta, dir, index_dir))?;
    let mut writer: IndexWriter<TantivyDocument> =
        store.index.writer_with_num_threads(1, 32 << 20).map_err(|e| writer_error(index_dir, e))?;
    let reader = store.reader()?;
    let manifest = Manifest::load(&reader.searcher())?;
    let root_index = manifest.roots.iter().position(|r| *r == name);
    let ids: Vec<String> = manifest
        .entries
        .iter()
        .filter(|(_, entry)| Some(entry.root as usize) == root_index)
        .map(|(key, _)| format!("{key:016x}"))
        .collect();
    writer.delete_term(Term::from_field_text(store.fields.root, &name));
    let path = meta.root_path(&name).to_string();
    meta.failed.retain(|failed, _| !Path::new(failed).starts_with(&path));
    for id in &ids {
        meta.touched.remove(id);
        meta.repaired.remove(id);
    }
    meta.roots.retain(|r| *r != name);
    meta.moved.remove(&name);
    commit(&mut writer, &store.people, &meta)?;
    writer.wait_merging_threads()?;
    let searcher = store.reader()?.searcher();
    crate::resolve::refresh(&store.dir, &store.index, &searcher, &store.fields, &store.people)?;
    let articles = searcher.num_docs();
    Ok(RootRemoved { index: index_dir.to_path_buf(), root: path, removed: ids.len() as u64, articles })
}

/// Per pair of roots, the articles of the first whose file content is also indexed under the
/// second (largest first). Empty for an index of one root.
pub fn copies_across_roots(manifest: &Manifest, meta: &CommitMeta) -> Vec<RootCopies> {
    if manifest.roots.len() < 2 {
        return Vec::new();
    }
    // Roots in the order they were first indexed: the earlier one holds the originals.
    let rank = |root: u32| {
        let name = &manifest.roots[root as usize];
        meta.roots.iter().position(|r| r == name).unwrap_or(usize::MAX)
    };
    // Content hash → the first root holding it.
    let mut first: HashMap<u64, u32> = HashMap::with_capacity(manifest.entries.len());
    let mut entries: Vec<(usize, u32, u64)> =
        manifest.entries.values().map(|e| (rank(e.root), e.root, e.hash)).collect();
    entries.sort_unstable();
    let mut pairs: BTreeMap<(u32, u32), u64> = BTreeMap::new();
    for (_, root, hash) in entries {
        let owner = *first.entry(hash).or_insert(root);
        if owner != root {
            *pairs.entry((root, owner)).or_default() += 1;
        }
    }
    let name = |i: u32| meta.root_path(&manifest.roots[i as usize]).to_string();
    let mut copies: Vec<RootCopies> = pairs
        .into_iter()
        .map(|((root, other), articles)| RootCopies { root: name(root), other: name(other), articles })
        .collect();
    copies.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.root.cmp(&b.root)));
    copies
}
