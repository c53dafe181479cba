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

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::calendar::Date;
pub use extract::people::{PeopleExtractor, Person, PersonAliases};
pub use extract::topics::Taxonomy;
pub use layout::Layout;
pub use lexicon::{Lexicon, WordLists};

/// One news article with every field morgue extracts. Fields the article does not state are
/// empty (`None` / `[]`): the parser never guesses.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Which layout the text was recognised as.
    pub layout: Layout,
    /// The headline (for plain text, the first non-empty line).
    pub title: String,
    /// Byline authors, in order, as names ("Tracy Wilkinson"), never the publication.
    pub authors: Vec<String>,
    /// The publication that ran the story ("Los Angeles Times", "Associated Press").
    pub source: Option<String>,
    /// The syndicate that distributed it ("Tribune Content Agency, LLC").
    pub distributor: Option<String>,
    /// Section or desk ("News & Features").
    pub section: Option<String>,
    /// Where the story was filed from, as printed ("MOSCOW", "SAN JUAN, Puerto Rico").
    pub dateline: Option<String>,
    /// The dateline normalised for counting ("Moscow", "San Juan, Puerto Rico").
    pub place: Option<String>,
    /// The publication date, when the article gives a full one.
    pub date: Option<Date>,
    /// The year: from the date, else from a copyright line.
    pub year: Option<i32>,
    /// The story text without header, byline, dateline prefix or trailer boilerplate.
    pub body: String,
    /// The people the body mentions, one per person: canonical name and person key.
    pub people: Vec<Person>,
    /// Topic ids from the taxonomy that the article is about.
    pub topics: Vec<String>,
}

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

    /// Parses one article's text (already decoded, line endings normalised) into every field.
    pub fn parse(&self, text: &str) -> Article {
        let mut article = layout::parse(text, &self.lexicon);
        article.people = self.people.extract(&article.body);
        article.topics = self.topics.classify(&article.title, &article.body, &article.people);
        article
    }
}
