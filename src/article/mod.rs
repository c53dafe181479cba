//! Articles as text: the `Article` record and the pure functions that turn one decoded file's
//! text into it. This layer sees only `&str` — no file system, no tantivy, no clap — so every
//! rule here is unit-testable and fuzzable. `layout` recognises how the file is laid out and
//! splits header, body and trailer; `extract` holds the small rules for each field (byline,
//! dateline, dates, people, topics); `container` unwraps export formats (Factiva, LexisNexis,
//! YAML front matter) into the labelled form `layout` reads; `fingerprint` hashes bodies for
//! duplicate detection.

mod container;
pub mod extract;
pub mod fingerprint;
pub mod layout;
mod record;

pub use extract::people::{PeopleExtractor, PersonAliases};
pub use extract::topics::Taxonomy;
pub use layout::Layout;
pub use record::Article;

/// Everything extraction needs besides the text: the person lexicon and the topic taxonomy.
/// Built once (see `schema::Knowledge`), shared read-only by all parsing threads.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    pub people: PeopleExtractor,
    pub topics: Taxonomy,
}

impl Extractor {
    pub fn new(people: PeopleExtractor, topics: Taxonomy) -> Extractor {
        Extractor { people, topics }
    }

    /// Parses one article's text (already decoded, line endings normalised) into every field.
    pub fn parse(&self, text: &str) -> Article {
        let mut article = layout::parse(text);
        article.people = self.people.extract(&article.body);
        article.topics = self.topics.classify(&article.title, &article.body, &article.people);
        article
    }
}
