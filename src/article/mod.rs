//! Articles as text: the `Article` record and the pure functions that turn one decoded file's
//! text into it. This layer sees only `&str` — no file system, no tantivy, no clap — so every
//! rule here is unit-testable and fuzzable. `layout` recognises how the file is laid out and
//! splits header, body and trailer; `extract` holds the small rules for each field (byline,
//! dateline, dates, people, topics); `container` unwraps export formats (Factiva, LexisNexis,
//! YAML front matter) into the labelled form `layout` reads; `fingerprint` hashes bodies for
//! duplicate detection; `lexicon` holds every word list folded once (built by
//! `schema::Knowledge`, handed to the extractors); `credits` recognises credit, contact, bio
//! and transcript lines for the layout's trailer and the people extractor.

mod container;
pub mod credits;
pub mod extract;
pub mod fingerprint;
pub mod layout;
pub mod lexicon;
mod record;
#[cfg(test)]
mod test_rng;

use std::sync::Arc;

pub use extract::people::{PeopleExtractor, Person, PersonAliases};
pub use extract::topics::Taxonomy;
pub use layout::Layout;
pub use lexicon::{Lexicon, WordLists};
pub use record::{Article, DateFrom, Fingerprint};

/// Everything extraction needs besides the text: the lexicon (every word list, folded once),
/// the person extractor with the alias file, and the topic taxonomy. Built once (see
/// `schema::Knowledge`), shared read-only by all parsing threads.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    pub lexicon: Arc<Lexicon>,
    pub people: PeopleExtractor,
    pub topics: Taxonomy,
}

impl Extractor {
    /// The extractor of a lexicon, an alias file and a taxonomy (whose people must be keyed
    /// with the same aliases: `Taxonomy::from_toml`).
    pub fn new(lexicon: Lexicon, aliases: PersonAliases, topics: Taxonomy) -> Extractor {
        let lexicon = Arc::new(lexicon);
        Extractor { people: PeopleExtractor::new(Arc::clone(&lexicon), aliases), lexicon, topics }
    }

    /// The extractor of an archive that writes ambiguous numeric dates in `order`.
    pub fn with_date_order(&self, order: extract::date::DateOrder) -> Extractor {
        let lexicon = Arc::new((*self.lexicon).clone().with_date_order(order));
        Extractor {
            people: PeopleExtractor::new(Arc::clone(&lexicon), self.people.aliases.clone()),
            lexicon,
            topics: self.topics.clone(),
        }
    }

    /// Parses one article's text (already decoded, line endings normalised) into every field.
    pub fn parse(&self, text: &str) -> Article {
        self.parse_with_hint(text, None)
    }

    /// `parse`, with the file's path (relative to its root, as text) as a hint: a dateline
    /// printed without a year takes its year from a dated folder or file name in it.
    pub fn parse_with_hint(&self, text: &str, path_hint: Option<&str>) -> Article {
        self.parse_hinted(text, layout::Hint { path: path_hint, year: None })
    }

    /// `parse`, with what the caller knows of the text: its path and its root's year (see
    /// `layout::Hint`).
    pub fn parse_hinted(&self, text: &str, hint: layout::Hint<'_>) -> Article {
        let mut article = layout::parse_hinted(text, hint, &self.lexicon);
        article.people = self.people.extract(&article.body);
        let span = extract::topics::date_span(article.date, article.year);
        // One walk over the body's words for the topics and the MinHash.
        let body = extract::walk::WalkedText::new(&article.body);
        article.topics = self.topics.classify_walked(&article.title, &body, &article.people, span);
        article.fingerprint = Fingerprint::of_walked(&body);
        article
    }
}
