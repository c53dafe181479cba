//! Query-string parameters, checked the way the CLI checks its flags: `q` (capped in
//! length), `n`/`top` (capped), `offset`, `sort`, `from`/`to` (YYYY, YYYY-MM or YYYY-MM-DD,
//! as `--from`/`--to`), `any`, `collapse` (search; `false` as `--no-collapse`), `exact_total`
//! (search; `true` as `--exact-total`). Unknown or repeated parameters are a 400, so a typo is never
//! silently ignored.

use std::collections::BTreeMap;

use crate::calendar::Date;
use crate::query::QueryOptions;
use crate::search::SortOrder;

use super::error::ApiError;
use super::Limits;

/// The parameters of one request, taken one by one; whatever is left is an error.
pub struct Params {
    values: BTreeMap<String, String>,
}

impl Params {
    pub fn new(pairs: Vec<(String, String)>) -> Result<Params, ApiError> {
        let mut values = BTreeMap::new();
        for (name, value) in pairs {
            if values.insert(name.clone(), value).is_some() {
                return Err(ApiError::bad_request(format!("parameter `{name}` given more than once")));
            }
        }
        Ok(Params { values })
    }

    /// Removes and returns a parameter.
    pub fn take(&mut self, name: &str) -> Option<String> {
        self.values.remove(name)
    }

    /// Whether a parameter was given.
    pub fn has(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    /// Fails when a parameter was not taken by the endpoint.
    pub fn finish(self) -> Result<(), ApiError> {
        match self.values.keys().next() {
            Some(name) => Err(ApiError::bad_request(format!("unknown parameter `{name}`"))),
            None => Ok(()),
        }
    }

    /// The query text `q`, or `default` when absent (`None` = required).
    pub fn query(&mut self, default: Option<&str>, limits: &Limits) -> Result<String, ApiError> {
        let q = match (self.take("q"), default) {
            (Some(q), _) => q,
            (None, Some(default)) => default.to_string(),
            (None, None) => return Err(ApiError::bad_request("missing parameter `q` (the query)")),
        };
        if q.chars().count() > limits.max_query_chars {
            return Err(ApiError::bad_request(format!(
                "query is longer than {} characters",
                limits.max_query_chars
            )));
        }
        Ok(q)
    }

    /// A count parameter between `min` and `max`, `default` when absent.
    pub fn number(&mut self, name: &str, default: usize, min: usize, max: usize) -> Result<usize, ApiError> {
        let Some(text) = self.take(name) else { return Ok(default) };
        match text.trim().parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad_request(format!(
                "`{name}` must be a whole number from {min} to {max}, not `{text}`"
            ))),
        }
    }

    /// One of `choices` (by name), `default` when absent.
    pub fn choice<T: Copy>(&mut self, name: &str, default: T, choices: &[(&str, T)]) -> Result<T, ApiError> {
        let Some(text) = self.take(name) else { return Ok(default) };
        choices.iter().find(|(n, _)| *n == text).map(|(_, v)| *v).ok_or_else(|| {
            let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
            ApiError::bad_request(format!("`{name}` must be one of {}, not `{text}`", names.join(", ")))
        })
    }

    /// `sort`: relevance (default) or date.
    pub fn sort(&mut self) -> Result<SortOrder, ApiError> {
        self.choice(
            "sort",
            SortOrder::Relevance,
            &[
                ("relevance", SortOrder::Relevance),
                ("date", SortOrder::Date),
                ("date-asc", SortOrder::DateAsc),
            ],
        )
    }

    /// `from`, `to` and `any`, as the CLI's filter flags.
    pub fn options(&mut self) -> Result<QueryOptions, ApiError> {
        let from = self.date("from", |(first, _)| first)?;
        let to = self.date("to", |(_, last)| last)?;
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                return Err(ApiError::bad_request(format!("`from` ({from}) is after `to` ({to})")));
            }
        }
        let any =
            self.choice("any", false, &[("true", true), ("1", true), ("false", false), ("0", false)])?;
        Ok(QueryOptions { any, from, to })
    }

    fn date(&mut self, name: &str, pick: fn((Date, Date)) -> Date) -> Result<Option<Date>, ApiError> {
        match self.take(name) {
            None => Ok(None),
            Some(text) if text.trim().is_empty() => Ok(None),
            Some(text) => Date::parse_range(text.trim())
                .map(|range| Some(pick(range)))
                .map_err(|e| ApiError::bad_request(format!("`{name}`: {e}"))),
        }
    }
}

/// An article id as the index writes them (16 lowercase hex digits); anything else, a path
/// in particular, is refused before the index is asked.
pub fn article_id(text: &str) -> Result<&str, ApiError> {
    if text.len() == 16 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        Ok(text)
    } else {
        Err(ApiError::not_found(format!("no article with id `{text}` (ids are 16 hex digits)")))
    }
}
