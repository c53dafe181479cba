//! The index schema as data: loads `index-schema/` (the field list in `schema.toml`, the topic
//! taxonomy and the person aliases), builds the tantivy `Schema` and tokenizers from it,
//! resolves every field the code uses into `Fields`, and turns an `Article` plus its file
//! facts into a `TantivyDocument`. Adding a field means editing `schema.toml`, `Article` and
//! its extractor, and `Fields`; `tests` below fail when the file and the code disagree.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::Deserialize;
use tantivy::schema::{
    BytesOptions, DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer};
use tantivy::{DateTime, Index, TantivyDocument};
use xxhash_rust::xxh3::xxh3_64;

use crate::analysis::NewsTokenizer;
use crate::article::extract::dateline;
use crate::article::{Article, Extractor, Fingerprint, Lexicon, PersonAliases, Taxonomy, WordLists};
use crate::record::{RecordWriter, RECORD_FIELD};

/// The built-in copies of the files in `index-schema/`.
pub const BUILTIN_SCHEMA: &str = include_str!("../index-schema/schema.toml");
pub const BUILTIN_TOPICS: &str = include_str!("../index-schema/topics.toml");
pub const BUILTIN_ALIASES: &str = include_str!("../index-schema/person-aliases.toml");

/// Tokenizer names registered on every index morgue opens.
pub const TOKENIZER_TEXT: &str = "morgue_text";
pub const TOKENIZER_NAME: &str = "morgue_name";
pub const TOKENIZER_KEYWORD: &str = "morgue_keyword";

/// The stored field of the body as printed: stored apart from the display record, last.
const BODY_TEXT: &str = "body_text";
/// Fields a schema may hold (`Fields::recorded` has a bit for each).
const MAX_FIELDS: usize = 64;

/// Problems with the schema or knowledge files.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("schema.toml has no field `{0}`, which the code needs")]
    MissingField(String),
    #[error("schema.toml field `{name}` is a {found} field; the code needs a {expected} field")]
    WrongKind { name: String, found: String, expected: String },
}

/// The kinds of field `schema.toml` can declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Text,
    Name,
    Keyword,
    Raw,
    Date,
    I64,
    U64,
    Bytes,
}

/// One `[[field]]` entry of `schema.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    pub name: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub stored: bool,
    #[serde(default)]
    pub fast: bool,
    /// Searched when a query term names no field.
    #[serde(default)]
    pub default: bool,
    /// Ranking weight when searched by default.
    pub boost: Option<f32>,
    /// Searchable (`field:value`). Default true; a numeric column read only by reports, or a
    /// string kept only for display, skips the inverted index. Honoured by the numeric and
    /// string kinds (text, name, keyword, raw); dates are always indexed, bytes never.
    #[serde(default = "indexed_by_default")]
    pub indexed: bool,
}

fn indexed_by_default() -> bool {
    true
}

/// The whole `schema.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaSpec {
    pub version: u32,
    #[serde(rename = "field")]
    pub fields: Vec<FieldSpec>,
}

impl SchemaSpec {
    pub fn parse(text: &str) -> Result<SchemaSpec, SchemaError> {
        let invalid = |message: String| SchemaError::Invalid { file: "schema.toml".into(), message };
        let spec: SchemaSpec = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        if let Some(field) = spec.fields.iter().find(|f| f.default && !f.indexed) {
            return Err(invalid(format!("field `{}` is searched by default but not indexed", field.name)));
        }
        if spec.field(RECORD_FIELD).is_some() {
            return Err(invalid(format!("`{RECORD_FIELD}` is the name of the stored record, not a field's")));
        }
        if spec.fields.len() > MAX_FIELDS {
            return Err(invalid(format!(
                "{} fields: a schema holds at most {MAX_FIELDS}",
                spec.fields.len()
            )));
        }
        Ok(spec)
    }

    /// The built-in schema (always valid: a unit test parses it).
    pub fn builtin() -> SchemaSpec {
        SchemaSpec::parse(BUILTIN_SCHEMA).expect("built-in schema.toml parses")
    }

    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Builds the tantivy schema the spec describes. Stored fields but the body text are
    /// kept in the display record (`record`), a stored text field added last; tantivy stores
    /// none of them apart.
    pub fn tantivy_schema(&self) -> Schema {
        let mut builder = Schema::builder();
        for spec in &self.fields {
            let name = spec.name.as_str();
            let stored = spec.stored && name == BODY_TEXT;
            match spec.kind {
                FieldKind::Text | FieldKind::Name | FieldKind::Keyword | FieldKind::Raw => {
                    let (tokenizer, record) = match spec.kind {
                        FieldKind::Text => (TOKENIZER_TEXT, IndexRecordOption::WithFreqsAndPositions),
                        FieldKind::Name => (TOKENIZER_NAME, IndexRecordOption::WithFreqsAndPositions),
                        FieldKind::Keyword => (TOKENIZER_KEYWORD, IndexRecordOption::Basic),
                        _ => ("raw", IndexRecordOption::Basic),
                    };
                    let indexing = TextFieldIndexing::default()
                        .set_tokenizer(tokenizer)
                        .set_index_option(record)
                        .set_fieldnorms(matches!(spec.kind, FieldKind::Text | FieldKind::Name));
                    let mut options = TextOptions::default();
                    if spec.indexed {
                        options = options.set_indexing_options(indexing);
                    }
                    if stored {
                        options = options.set_stored();
                    }
                    if spec.fast {
                        let fast_tokenizer =
                            if spec.kind == FieldKind::Keyword { TOKENIZER_KEYWORD } else { "raw" };
                        options = options.set_fast(fast_tokenizer);
                    }
                    builder.add_text_field(name, options);
                }
                FieldKind::Date => {
                    let mut options =
                        DateOptions::default().set_indexed().set_precision(DateTimePrecision::Seconds);
                    if stored {
                        options = options.set_stored();
                    }
                    if spec.fast {
                        options = options.set_fast();
                    }
                    builder.add_date_field(name, options);
                }
                FieldKind::I64 | FieldKind::U64 => {
                    let mut options = NumericOptions::default();
                    if spec.indexed {
                        options = options.set_indexed();
                    }
                    if stored {
                        options = options.set_stored();
                    }
                    if spec.fast {
                        options = options.set_fast();
                    }
                    if spec.kind == FieldKind::I64 {
                        builder.add_i64_field(name, options);
                    } else {
                        builder.add_u64_field(name, options);
                    }
                }
                FieldKind::Bytes => {
                    let mut options = BytesOptions::default();
                    if stored {
                        options = options.set_stored();
                    }
                    if spec.fast {
                        options = options.set_fast();
                    }
                    builder.add_bytes_field(name, options);
                }
            }
        }
        builder.add_text_field(RECORD_FIELD, TextOptions::default().set_stored());
        builder.build()
    }

    /// Fields searched when a query names none, with their boosts.
    pub fn default_fields(&self) -> Vec<(&str, f32)> {
        self.fields.iter().filter(|f| f.default).map(|f| (f.name.as_str(), f.boost.unwrap_or(1.0))).collect()
    }
}

/// Registers morgue's tokenizers on an index (needed after every create or open).
pub fn register_tokenizers(index: &Index) {
    let manager = index.tokenizers();
    manager.register(TOKENIZER_TEXT, TextAnalyzer::from(NewsTokenizer::text()));
    manager.register(TOKENIZER_NAME, TextAnalyzer::from(NewsTokenizer::name()));
    manager.register(TOKENIZER_KEYWORD, keyword_analyzer());
    index.fast_field_tokenizer().register(TOKENIZER_KEYWORD, keyword_analyzer());
}

/// The analyzer of keyword fields: the whole value, lowercased and accent-folded.
fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default()).filter(LowerCaser).filter(AsciiFoldingFilter).build()
}

/// A value as a keyword field indexes it (`topic:IRAN` finds `iran`).
pub fn keyword_form(value: &str) -> String {
    if is_keyword_form(value) {
        value.to_owned()
    } else {
        analyze_keyword(value)
    }
}

/// [`keyword_form`] of a string owned already: returned as it is when the analyzer would
/// not change it (a folded name or key, as showing a result's people looks up).
pub fn into_keyword_form(value: String) -> String {
    if is_keyword_form(&value) {
        value
    } else {
        analyze_keyword(&value)
    }
}

/// The keyword analyzer's tokens of `value`, joined.
fn analyze_keyword(value: &str) -> String {
    thread_local! {
        static ANALYZER: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(keyword_analyzer());
    }
    ANALYZER.with(|analyzer| {
        let mut analyzer = analyzer.borrow_mut();
        let mut stream = analyzer.token_stream(value);
        let mut out = String::new();
        while let Some(token) = stream.next() {
            out.push_str(&token.text);
        }
        out
    })
}

/// Whether the keyword analyzer leaves `value` as it is: ASCII without capitals (lowercasing
/// and ASCII folding change nothing, and the whole value is the one token).
fn is_keyword_form(value: &str) -> bool {
    value.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase())
}

/// Every field the code uses, resolved by name against a schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub id_key: Field,
    pub root: Field,
    pub path: Field,
    pub layout: Field,
    pub title: Field,
    pub body: Field,
    pub body_text: Field,
    pub author: Field,
    pub source: Field,
    pub distributor: Field,
    pub section: Field,
    pub dateline: Field,
    pub place: Field,
    pub place_key: Field,
    pub person: Field,
    pub person_key: Field,
    pub person_id: Field,
    pub topic: Field,
    pub date: Field,
    pub year: Field,
    pub date_from: Field,
    pub size: Field,
    pub mtime: Field,
    pub file_hash: Field,
    pub body_hash: Field,
    pub minhash: Field,
    /// The stored display record (`record::RECORD_FIELD`) …
    pub record: Field,
    /// … and the fields it keeps, one bit per field number: those `schema.toml` marks
    /// stored, but the body text, which is stored apart.
    pub recorded: u64,
}

/// The fields the code needs and the kind it needs each to be.
pub const REQUIRED_FIELDS: &[(&str, FieldKind)] = &[
    ("id", FieldKind::Raw),
    ("id_key", FieldKind::U64),
    ("root", FieldKind::Raw),
    ("path", FieldKind::Raw),
    ("layout", FieldKind::Keyword),
    ("title", FieldKind::Text),
    ("body", FieldKind::Text),
    ("body_text", FieldKind::Text),
    ("author", FieldKind::Name),
    ("source", FieldKind::Name),
    ("distributor", FieldKind::Name),
    ("section", FieldKind::Name),
    ("dateline", FieldKind::Name),
    ("place", FieldKind::Name),
    ("place_key", FieldKind::Keyword),
    ("person", FieldKind::Name),
    ("person_key", FieldKind::Keyword),
    ("person_id", FieldKind::U64),
    ("topic", FieldKind::Keyword),
    ("date", FieldKind::Date),
    ("year", FieldKind::I64),
    ("date_from", FieldKind::Keyword),
    ("size", FieldKind::U64),
    ("mtime", FieldKind::I64),
    ("file_hash", FieldKind::U64),
    ("body_hash", FieldKind::U64),
    ("minhash", FieldKind::U64),
];

impl Fields {
    /// Resolves every required field, checking the spec declares it with the right kind.
    pub fn resolve(spec: &SchemaSpec, schema: &Schema) -> Result<Fields, SchemaError> {
        for (name, kind) in REQUIRED_FIELDS {
            let field = spec.field(name).ok_or_else(|| SchemaError::MissingField(name.to_string()))?;
            if field.kind != *kind {
                return Err(SchemaError::WrongKind {
                    name: name.to_string(),
                    found: format!("{:?}", field.kind).to_lowercase(),
                    expected: format!("{kind:?}").to_lowercase(),
                });
            }
        }
        let get =
            |name: &str| schema.get_field(name).map_err(|_| SchemaError::MissingField(name.to_string()));
        Ok(Fields {
            id: get("id")?,
            id_key: get("id_key")?,
            root: get("root")?,
            path: get("path")?,
            layout: get("layout")?,
            title: get("title")?,
            body: get("body")?,
            body_text: get(BODY_TEXT)?,
            author: get("author")?,
            source: get("source")?,
            distributor: get("distributor")?,
            section: get("section")?,
            dateline: get("dateline")?,
            place: get("place")?,
            place_key: get("place_key")?,
            person: get("person")?,
            person_key: get("person_key")?,
            person_id: get("person_id")?,
            topic: get("topic")?,
            date: get("date")?,
            year: get("year")?,
            date_from: get("date_from")?,
            size: get("size")?,
            mtime: get("mtime")?,
            file_hash: get("file_hash")?,
            body_hash: get("body_hash")?,
            minhash: get("minhash")?,
            record: get(RECORD_FIELD)?,
            recorded: spec
                .fields
                .iter()
                .filter(|f| f.stored && f.name != BODY_TEXT)
                .try_fold(0u64, |mask, f| get(&f.name).map(|field| mask | bit(field)))?,
        })
    }

    /// Whether `field` is kept in the display record.
    pub fn is_recorded(&self, field: Field) -> bool {
        self.recorded & bit(field) != 0
    }

    /// Builds the document for one article; `person_ids` are its people's numbers in the
    /// index's person registry.
    pub fn document(&self, article: &Article, file: &FileFacts, person_ids: &[u64]) -> TantivyDocument {
        let mut doc = DocBuilder {
            doc: TantivyDocument::default(),
            record: RecordWriter::with_capacity(256 + 48 * article.people.len()),
            fields: self,
        };
        doc.text(self.id, &file.id);
        doc.u64(self.id_key, id_key(&file.id));
        doc.text(self.root, &file.root);
        doc.text(self.path, &file.path);
        doc.text(self.layout, article.layout.as_str());
        doc.text(self.title, &article.title);
        for author in &article.authors {
            doc.text(self.author, author);
        }
        let optional = [
            (self.source, &article.source),
            (self.distributor, &article.distributor),
            (self.section, &article.section),
            (self.dateline, &article.dateline),
            (self.place, &article.place),
        ];
        for (field, value) in optional {
            if let Some(value) = value {
                doc.text(field, value);
            }
        }
        if let Some(place) = &article.place {
            let key = dateline::place_key(place);
            if !key.is_empty() {
                doc.text(self.place_key, &key);
            }
        }
        // The searched body leads with the title, `TITLE_WEIGHT` times (one value each): term
        // counts add up before BM25 saturates them (BM25F with integer weights), instead of
        // title and body being scored apart and summed.
        for _ in 0..TITLE_WEIGHT {
            doc.text(self.body, &article.title);
        }
        doc.text(self.body, &article.body);
        for person in &article.people {
            doc.text(self.person, &person.name);
            doc.text(self.person_key, &person.key);
            doc.text(self.body, &person.name);
        }
        for &id in person_ids {
            doc.u64(self.person_id, id);
        }
        // Each value once per article, as the column holds it (lowercased, folded), so that
        // facets can count the `topic` column's values in blocks (`report::facets`): a
        // taxonomy edited to list an id twice, or in two cases, still tags an article once.
        let mut topics: Vec<String> = Vec::with_capacity(article.topics.len());
        for topic in &article.topics {
            let form = keyword_form(topic);
            if !topics.contains(&form) {
                topics.push(form);
                doc.text(self.topic, topic);
            }
        }
        if let Some(date) = article.date {
            doc.date(self.date, date.unix_seconds());
        }
        if let Some(year) = article.year {
            doc.i64(self.year, i64::from(year));
        }
        if let Some(from) = article.date_from {
            doc.text(self.date_from, from.as_str());
        }
        doc.u64(self.size, file.size);
        doc.i64(self.mtime, file.mtime);
        doc.u64(self.file_hash, file.hash);
        debug_assert!(
            article.fingerprint == Fingerprint::of(&article.body),
            "the article's fingerprint is filled by Extractor::parse"
        );
        doc.u64(self.body_hash, article.fingerprint.body_hash);
        for &word in &article.fingerprint.minhash {
            doc.u64(self.minhash, word);
        }
        doc.finish(&article.body)
    }
}

/// The bit of `field` in [`Fields::recorded`] (none for a number past the mask: the record
/// field itself, in a schema of [`MAX_FIELDS`] fields).
fn bit(field: Field) -> u64 {
    1u64.checked_shl(field.field_id()).unwrap_or(0)
}

/// Adds an article's values to its document and the stored ones to its display record.
struct DocBuilder<'a> {
    doc: TantivyDocument,
    record: RecordWriter,
    fields: &'a Fields,
}

impl DocBuilder<'_> {
    fn text(&mut self, field: Field, value: &str) {
        self.doc.add_text(field, value);
        if self.fields.is_recorded(field) {
            self.record.text(field, value);
        }
    }

    fn u64(&mut self, field: Field, value: u64) {
        self.doc.add_u64(field, value);
        if self.fields.is_recorded(field) {
            self.record.u64(field, value);
        }
    }

    fn i64(&mut self, field: Field, value: i64) {
        self.doc.add_i64(field, value);
        if self.fields.is_recorded(field) {
            self.record.i64(field, value);
        }
    }

    fn date(&mut self, field: Field, unix_seconds: i64) {
        self.doc.add_date(field, DateTime::from_timestamp_secs(unix_seconds));
        if self.fields.is_recorded(field) {
            self.record.date(field, unix_seconds);
        }
    }

    /// The document with its record, then the body text: last, so readers that do not need
    /// it stop before it (`archive::WithoutBody`).
    fn finish(mut self, body: &str) -> TantivyDocument {
        let f = self.fields;
        self.doc.add_text(f.record, self.record.finish());
        self.doc.add_text(f.body_text, body);
        self.doc
    }
}

/// How many times the searched `body` holds the title ahead of the text: the title's weight
/// in BM25F terms. Measured on CISI, Cranfield and MED (BENCHMARKS.md, *Ranking*).
pub const TITLE_WEIGHT: usize = 2;

/// Facts about the file an article came from, stored beside its fields so that the index is
/// its own manifest for incremental runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFacts {
    /// Stable id: hex hash of root and relative path.
    pub id: String,
    /// The indexed root, as an absolute path.
    pub root: String,
    /// Path relative to the root, `/`-separated.
    pub path: String,
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime: i64,
    /// Hash of the file's raw bytes.
    pub hash: u64,
}

/// The stable id of a file: 16 hex digits of a hash of its root and relative path.
pub fn article_id(root: &str, rel_path: &str) -> String {
    format!("{:016x}", article_key(root, rel_path))
}

/// The number an id is ranked by (the `id_key` column): the value of its 16 hex digits, so
/// that keys order as the ids do; 0 for an id of another form (documents made by hand).
pub fn id_key(id: &str) -> u64 {
    let lower_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    if id.len() == 16 && id.bytes().all(lower_hex) {
        u64::from_str_radix(id, 16).unwrap_or(0)
    } else {
        0
    }
}

/// The numeric form of [`article_id`].
pub fn article_key(root: &str, rel_path: &str) -> u64 {
    let mut key = String::with_capacity(root.len() + rel_path.len() + 1);
    key.push_str(root);
    key.push('\0');
    key.push_str(rel_path);
    xxh3_64(key.as_bytes())
}

/// The person alias file (`person-aliases.toml`), parsed the first time something asks for it.
/// A `morgue` process runs one query, and most queries name nobody (`person:"…"` is what
/// needs the aliases): parsing the file up front was a tenth of the instructions of a whole
/// `morgue search` process. Clones share the parsed value.
#[derive(Debug, Clone)]
pub struct AliasFile {
    text: Arc<str>,
    parsed: Arc<OnceLock<Result<PersonAliases, String>>>,
}

impl AliasFile {
    /// The file's text, not parsed yet.
    pub fn new(text: impl Into<Arc<str>>) -> AliasFile {
        AliasFile { text: text.into(), parsed: Arc::new(OnceLock::new()) }
    }

    /// The built-in copy.
    pub fn builtin() -> AliasFile {
        AliasFile::new(BUILTIN_ALIASES)
    }

    /// The parsed aliases (parsed now if this is the first call).
    pub fn get(&self) -> Result<&PersonAliases, SchemaError> {
        let parsed =
            self.parsed.get_or_init(|| PersonAliases::from_toml(&self.text).map_err(|e| e.to_string()));
        parsed.as_ref().map_err(|message| SchemaError::Invalid {
            file: "person-aliases.toml".into(),
            message: message.clone(),
        })
    }
}

/// The schema, taxonomy, aliases and word lists in force, from a directory or the built-in
/// copies.
#[derive(Debug, Clone)]
pub struct Knowledge {
    pub spec: SchemaSpec,
    pub extractor: Extractor,
    /// The person alias file in force (queries resolve name forms with it).
    pub aliases: AliasFile,
    /// Hash of the taxonomy and alias files: a change means articles need re-tagging.
    pub fingerprint: String,
}

impl Knowledge {
    /// Loads from `dir` (files missing there fall back to the built-in copies).
    pub fn load(dir: Option<&Path>) -> Result<Knowledge, SchemaError> {
        Knowledge::load_with(dir, true)
    }

    /// Loads the schema and the knowledge fingerprint only, for commands that read an index
    /// and never parse articles (skips building the lexicons).
    pub fn load_for_queries(dir: Option<&Path>) -> Result<Knowledge, SchemaError> {
        Knowledge::load_with(dir, false)
    }

    fn load_with(dir: Option<&Path>, extractor: bool) -> Result<Knowledge, SchemaError> {
        let read = |name: &str, builtin: &'static str| -> Result<String, SchemaError> {
            match dir {
                Some(dir) if dir.join(name).exists() => {
                    let path = dir.join(name);
                    std::fs::read_to_string(&path).map_err(|source| SchemaError::Read { path, source })
                }
                _ => Ok(builtin.to_string()),
            }
        };
        let spec = SchemaSpec::parse(&read("schema.toml", BUILTIN_SCHEMA)?)?;
        let topics_text = read("topics.toml", BUILTIN_TOPICS)?;
        let aliases_text = read("person-aliases.toml", BUILTIN_ALIASES)?;
        let invalid = |file: &str| {
            let file = file.to_string();
            move |e: toml::de::Error| SchemaError::Invalid { file: file.clone(), message: e.to_string() }
        };
        let fingerprint = format!("{:016x}", xxh3_64(format!("{topics_text}\0{aliases_text}").as_bytes()));
        // A query process parses the alias file only if a query names a person (`AliasFile`).
        let aliases = AliasFile::new(aliases_text);
        let extractor = if extractor {
            let aliases = aliases.get()?.clone();
            let topics = Taxonomy::from_toml(&topics_text, &aliases).map_err(invalid("topics.toml"))?;
            let builtin = WordLists::BUILTIN;
            let lists = [
                read("given-names.txt", builtin.given_names)?,
                read("titles.txt", builtin.titles)?,
                read("nationalities.txt", builtin.nationalities)?,
                read("org-words.txt", builtin.org_words)?,
                read("org-names.txt", builtin.org_names)?,
                read("places.txt", builtin.places)?,
                read("non-names.txt", builtin.non_names)?,
            ];
            let [given_names, titles, nationalities, org_words, org_names, places, non_names] = &lists;
            let lexicon = Lexicon::new(&WordLists {
                given_names,
                titles,
                nationalities,
                org_words,
                org_names,
                places,
                non_names,
            });
            Extractor::new(lexicon, aliases, topics)
        } else {
            Extractor::default()
        };
        Ok(Knowledge { spec, extractor, aliases, fingerprint })
    }

    /// The built-in schema and knowledge.
    pub fn builtin() -> Knowledge {
        Knowledge::load(None).expect("built-in index-schema files parse")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_file_parses_on_first_use_and_reports_a_bad_file_then() {
        let builtin = AliasFile::builtin();
        assert!(builtin.parsed.get().is_none(), "not parsed before it is asked for");
        assert!(!builtin.clone().get().unwrap().map.is_empty());
        assert!(builtin.parsed.get().is_some(), "clones share the parsed value");
        let bad = AliasFile::new("\"Peter Vos\" = [");
        let err = bad.get().unwrap_err().to_string();
        assert!(err.starts_with("person-aliases.toml: "), "{err}");
    }

    /// The shortcut for values the analyzer leaves alone gives what the analyzer gives.
    #[test]
    fn keyword_form_shortcut_agrees_with_the_analyzer() {
        let mut analyzer = keyword_analyzer();
        for value in ["pompeo", "mueller-report", "", "a b", "Pompeo", "IRAN", "sánchez", "Ørsted", "x\ty 2"]
        {
            let mut stream = analyzer.token_stream(value);
            let mut want = String::new();
            while let Some(token) = stream.next() {
                want.push_str(&token.text);
            }
            assert_eq!(keyword_form(value), want, "{value:?}");
            assert_eq!(into_keyword_form(value.to_string()), want, "{value:?}");
        }
        assert_eq!(keyword_form("IRAN"), "iran");
        assert_eq!(keyword_form("Sánchez"), "sanchez");
    }

    /// The golden test: the file and `Fields` agree, and every file field is in the schema.
    #[test]
    fn schema_file_and_code_agree() {
        let spec = SchemaSpec::builtin();
        let schema = spec.tantivy_schema();
        Fields::resolve(&spec, &schema).expect("every required field resolves");
        let file_names: Vec<&str> = spec.fields.iter().map(|f| f.name.as_str()).collect();
        let code_names: Vec<&str> = REQUIRED_FIELDS.iter().map(|(n, _)| *n).collect();
        assert_eq!(file_names, code_names, "schema.toml and REQUIRED_FIELDS list the same fields in order");
        let serialized = serde_json::to_value(&schema).unwrap();
        let fields = serialized.as_array().unwrap();
        assert_eq!(fields.len(), spec.fields.len() + 1, "the file's fields, then the record");
        assert_eq!(fields[5]["name"], "title");
        assert_eq!(fields[5]["options"]["indexing"]["tokenizer"], TOKENIZER_TEXT);
        assert_eq!(fields[5]["options"]["indexing"]["record"], "position");
        // Stored fields are kept in the record; tantivy stores only it and the body text.
        assert_eq!(fields[5]["options"]["stored"], false);
        let stored: Vec<&str> =
            schema.fields().filter(|(_, e)| e.is_stored()).map(|(_, e)| e.name()).collect();
        assert_eq!(stored, ["body_text", RECORD_FIELD]);
    }

    /// The record keeps exactly the fields the file marks stored, but the body text, and
    /// its name is not free for a field.
    #[test]
    fn the_record_keeps_the_stored_fields() {
        let spec = SchemaSpec::builtin();
        let fields = Fields::resolve(&spec, &spec.tantivy_schema()).unwrap();
        for field in &spec.fields {
            let handle = spec.tantivy_schema().get_field(&field.name).unwrap();
            let want = field.stored && field.name != "body_text";
            assert_eq!(fields.is_recorded(handle), want, "{}", field.name);
        }
        let text = format!("{BUILTIN_SCHEMA}\n[[field]]\nname = \"record\"\nkind = \"bytes\"\n");
        let err = SchemaSpec::parse(&text).unwrap_err().to_string();
        assert!(err.contains("`record` is the name of the stored record"), "{err}");
    }

    #[test]
    fn a_default_field_must_be_indexed() {
        let text = BUILTIN_SCHEMA.replace("name = \"body_text\"", "name = \"body_text\"\ndefault = true");
        let err = SchemaSpec::parse(&text).unwrap_err().to_string();
        assert!(err.contains("`body_text` is searched by default but not indexed"), "{err}");
        let schema = SchemaSpec::builtin().tantivy_schema();
        let entry = schema.get_field_entry(schema.get_field("body_text").unwrap());
        assert!(entry.is_stored() && !entry.is_indexed());
    }

    #[test]
    fn builtin_knowledge_loads() {
        let knowledge = Knowledge::builtin();
        assert_eq!(knowledge.spec.version, SchemaSpec::builtin().version);
        assert_eq!(knowledge.fingerprint.len(), 16);
    }

    /// Parsing fills the body's fingerprint, so mapping an article to a document only copies
    /// it: copies that differ in case and spacing share the body hash, and an edit changes it.
    #[test]
    fn parsing_fills_the_fingerprint_that_documents_copy() {
        let extractor = Knowledge::builtin().extractor;
        let text = "Harbour fees rise\n\nThe port authority raised its fees on Tuesday for the first time in a decade.";
        let a = extractor.parse(text);
        let b = extractor.parse(&text.replace("fees on", "FEES   on"));
        let c = extractor.parse(&text.replace("Tuesday", "Monday"));
        assert_eq!(a.fingerprint, Fingerprint::of(&a.body));
        assert_eq!(a.fingerprint.minhash.len(), crate::article::fingerprint::MINHASH_WORDS);
        assert_eq!(a.fingerprint.body_hash, b.fingerprint.body_hash);
        assert_ne!(a.fingerprint.body_hash, c.fingerprint.body_hash);
    }

    /// Under `--schema-dir`, the `person` field and the `person_key` field (what person facets
    /// count) follow the same alias file: here one that names Pompeo by his short form, while
    /// the built-in file maps the short form to "Michael R. Pompeo".
    #[test]
    fn person_field_and_key_follow_the_loaded_aliases() {
        use tantivy::schema::Value;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("person-aliases.toml"), "\"Mike Pompeo\" = [\"Michael R. Pompeo\"]\n")
            .unwrap();
        let knowledge = Knowledge::load(Some(dir.path())).unwrap();
        let article = knowledge
            .extractor
            .parse("Envoy talks\n\nSecretary of State Michael R. Pompeo said the talks would go on.\n");
        let schema = knowledge.spec.tantivy_schema();
        let fields = Fields::resolve(&knowledge.spec, &schema).unwrap();
        let facts =
            FileFacts { id: "x".into(), root: "/r".into(), path: "a.txt".into(), size: 1, mtime: 0, hash: 0 };
        let doc = fields.document(&article, &facts, &[]);
        let values =
            |field| doc.get_all(field).filter_map(|v| v.as_str().map(str::to_string)).collect::<Vec<_>>();
        assert_eq!(values(fields.person), ["Mike Pompeo"]);
        assert_eq!(values(fields.person_key), ["mike pompeo"]);
    }

    /// Facets count the `topic` column's values in blocks, which needs each article to hold a
    /// topic once: a list naming one twice (or in two cases) is indexed once.
    #[test]
    fn a_topic_is_indexed_once_per_article() {
        use tantivy::schema::Value;
        let knowledge = Knowledge::builtin();
        let mut article = knowledge.extractor.parse("Port fees\n\nThe port authority raised its fees.\n");
        article.topics = vec!["iran".into(), "brexit".into(), "iran".into(), "IRAN".into()];
        let schema = knowledge.spec.tantivy_schema();
        let fields = Fields::resolve(&knowledge.spec, &schema).unwrap();
        let facts =
            FileFacts { id: "x".into(), root: "/r".into(), path: "a.txt".into(), size: 1, mtime: 0, hash: 0 };
        let doc = fields.document(&article, &facts, &[]);
        let topics: Vec<&str> = doc.get_all(fields.topic).filter_map(|v| v.as_str()).collect();
        assert_eq!(topics, ["iran", "brexit"]);
    }

    #[test]
    fn ids_are_stable_and_distinct() {
        assert_eq!(article_id("/a", "x.txt"), article_id("/a", "x.txt"));
        assert_ne!(article_id("/a", "x.txt"), article_id("/b", "x.txt"));
        assert_eq!(article_id("/a", "x.txt").len(), 16);
    }

    #[test]
    fn id_keys_order_as_the_ids_do() {
        let mut ids: Vec<String> = (0..200).map(|i| article_id("/archive", &format!("{i}.txt"))).collect();
        ids.push("0000000000000000".into());
        ids.push("ffffffffffffffff".into());
        for id in &ids {
            assert_eq!(id_key(id), article_key_of_hex(id), "{id}");
        }
        let mut by_id = ids.clone();
        by_id.sort();
        let mut by_key = ids;
        by_key.sort_by_key(|id| id_key(id));
        assert_eq!(by_id, by_key);
        for odd in ["x", "0", "FFFFFFFFFFFFFFFF", "+fffffffffffffff", "00000000000000000"] {
            assert_eq!(id_key(odd), 0, "{odd}");
        }
    }

    fn article_key_of_hex(id: &str) -> u64 {
        id.chars().fold(0, |key, c| key * 16 + u64::from(c.to_digit(16).unwrap()))
    }
}
