//! The `Article` record: every field morgue extracts from one file, as plain data, and the
//! body's `Fingerprint`. A leaf module (it imports only the calendar's `Date`, the `Layout`
//! tag, the `Person` value, the walked body and the fingerprint hashes) so that `layout`,
//! which fills it, and the extractors that complete it do not import it from the module that
//! calls them.

use serde::{Deserialize, Serialize};

use super::extract::people::Person;
use super::extract::walk::WalkedText;
use super::fingerprint;
use super::layout::Layout;
use crate::calendar::Date;

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
    /// Where the date was read (`None` when there is no date).
    pub date_from: Option<DateFrom>,
    /// The year: from the date, else from a copyright line.
    pub year: Option<i32>,
    /// The story text without header, byline, dateline prefix or trailer boilerplate.
    pub body: String,
    /// The people the body mentions, one per person: canonical name and person key.
    pub people: Vec<Person>,
    /// Topic ids from the taxonomy that the article is about.
    pub topics: Vec<String>,
    /// The body's duplicate-detection hashes: filled by `Extractor::parse` (empty when the
    /// article came from `layout::parse` alone); not part of the JSON record.
    #[serde(skip)]
    pub fingerprint: Fingerprint,
}

/// Where an article's date was read: the places publications print it, never the body's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateFrom {
    /// A labelled metadata header ("Date: 2019-05-14", an export's date field).
    Header,
    /// The dateline that opens the story ("BRUSSELS 1996-08-22").
    Dateline,
    /// A date line by the headline or in the byline ("Nov. 19, 2019, 6:22 PM EST",
    /// "Updated …", "26-FEB-1987 15:01:01.79").
    DateLine,
    /// A dated line among the closing boilerplate, or the copyright year completing a
    /// dateline printed without one.
    Trailer,
    /// A dateline printed without a year, the year from a dated folder or file name.
    Path,
    /// A dateline printed without a year, the year the root was given
    /// (`morgue-index --year`).
    RootDefault,
}

impl DateFrom {
    /// Every place, in the order reports list them.
    pub const ALL: [DateFrom; 6] = [
        DateFrom::Header,
        DateFrom::Dateline,
        DateFrom::DateLine,
        DateFrom::Trailer,
        DateFrom::Path,
        DateFrom::RootDefault,
    ];

    /// The name stored in the index and shown by reports.
    pub fn as_str(self) -> &'static str {
        match self {
            DateFrom::Header => "header",
            DateFrom::Dateline => "dateline",
            DateFrom::DateLine => "date-line",
            DateFrom::Trailer => "trailer",
            DateFrom::Path => "path",
            DateFrom::RootDefault => "root-default",
        }
    }
}

/// What identifies an article's body for duplicate detection: the hash of its normalised text
/// (equal for exact copies) and its MinHash signature as the `minhash` column stores it
/// (near copies; `fingerprint::minhash_words`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    pub body_hash: u64,
    pub minhash: Vec<u64>,
}

impl Fingerprint {
    /// The fingerprint of a body.
    pub fn of(body: &str) -> Fingerprint {
        Fingerprint::of_walked(&WalkedText::new(body))
    }

    /// The fingerprint of a body already walked.
    pub fn of_walked(body: &WalkedText<'_>) -> Fingerprint {
        Fingerprint {
            body_hash: fingerprint::body_hash(body.text),
            minhash: fingerprint::minhash_words_of(body),
        }
    }
}
