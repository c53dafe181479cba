//! Field extractors: one file per field family, each a set of small pure rules over `&str`.
//! `layout` calls `byline`, `dateline` and `date` while splitting a file; `Extractor` calls
//! `people` and `topics` on the finished body. `text` holds the shared word/case helpers and
//! `Words`, the one word scan (people, topics, fingerprints and the index analyzer read words
//! through it); `walk` is that scan of a body done once for the MinHash and the topics.
//! Word lists come from `article::lexicon`, handed in, never statics.

pub mod byline;
pub mod date;
pub mod dateline;
pub mod people;
pub mod text;
pub mod topics;
pub mod walk;
