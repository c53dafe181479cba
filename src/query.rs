//! Query text to tantivy queries: morgue's syntax is tantivy's query language over the
//! schema's fields (title:, author:, person:, topic:, dateline:, phrases, AND/OR/NOT, +/-,
//! `*`), plus dates written as people write them (`date:2019-05`, `date:[2019-01-01 TO
//! 2019-06-30]`), rewritten here into the RFC 3339 bounds tantivy expects. Malformed queries
//! come back as `Error::Query` with the column where the problem is.

use std::ops::Bound;

use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, QueryParserError, RangeQuery};
use tantivy::schema::Schema;
use tantivy::{DateTime, Index, Term};

use crate::calendar::Date;
use crate::error::{Error, Result};
use crate::schema::{Fields, SchemaSpec};

/// How query text is combined and filtered.
#[derive(Debug, Clone, Default)]
pub struct QueryOptions {
    /// Match articles with any of the terms instead of all of them.
    pub any: bool,
    /// Only articles dated on or after this day.
    pub from: Option<Date>,
    /// Only articles dated on or before this day.
    pub to: Option<Date>,
}

/// Parses a user query into a tantivy query.
pub fn parse(
    index: &Index,
    spec: &SchemaSpec,
    fields: &Fields,
    text: &str,
    options: &QueryOptions,
) -> Result<Box<dyn Query>> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Error::Query { column: 1, message: "empty query (use '*' for every article)".into() });
    }
    check_balance(trimmed)?;
    let rewritten = rewrite_dates(trimmed)?;
    let schema = index.schema();
    check_fields(trimmed, &schema)?;
    let default_fields: Vec<_> = spec
        .default_fields()
        .into_iter()
        .filter_map(|(name, boost)| schema.get_field(name).ok().map(|f| (f, boost)))
        .collect();
    let mut parser = QueryParser::for_index(index, default_fields.iter().map(|(f, _)| *f).collect());
    for (field, boost) in &default_fields {
        parser.set_field_boost(*field, *boost);
    }
    if !options.any {
        parser.set_conjunction_by_default();
    }
    let query = parser.parse_query(&rewritten).map_err(|e| describe(trimmed, e))?;
    if options.from.is_none() && options.to.is_none() {
        return Ok(query);
    }
    let lower = options.from.map_or(Bound::Unbounded, |d| Bound::Included(date_term(fields, d)));
    let upper = options.to.map_or(Bound::Unbounded, |d| Bound::Excluded(date_term(fields, d.add_days(1))));
    let range: Box<dyn Query> = Box::new(RangeQuery::new(lower, upper));
    Ok(Box::new(BooleanQuery::new(vec![(Occur::Must, query), (Occur::Must, range)])))
}

/// A query matching every article.
pub fn all() -> Box<dyn Query> {
    Box::new(AllQuery)
}

fn date_term(fields: &Fields, date: Date) -> Term {
    Term::from_field_date(fields.date, DateTime::from_timestamp_secs(date.unix_seconds()))
}

fn rfc3339(date: Date) -> String {
    format!("{date}T00:00:00Z")
}

/// Quotes, parentheses and brackets must pair up.
fn check_balance(text: &str) -> Result<()> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut in_quote: Option<usize> = None;
    for (column, c) in text.chars().enumerate().map(|(i, c)| (i + 1, c)) {
        if let Some(_start) = in_quote {
            if c == '"' {
                in_quote = None;
            }
            continue;
        }
        match c {
            '"' => in_quote = Some(column),
            '(' | '[' | '{' => stack.push((c, column)),
            ')' => match stack.pop() {
                Some(('(', _)) => {}
                _ => return Err(Error::Query { column, message: "`)` without a matching `(`".into() }),
            },
            ']' | '}' => match stack.pop() {
                Some(('[' | '{', _)) => {}
                _ => {
                    return Err(Error::Query {
                        column,
                        message: format!("`{c}` without a matching `[` or `{{`"),
                    })
                }
            },
            _ => {}
        }
    }
    if let Some(column) = in_quote {
        return Err(Error::Query { column, message: "unclosed quote `\"`".into() });
    }
    if let Some((c, column)) = stack.pop() {
        return Err(Error::Query { column, message: format!("`{c}` is never closed") });
    }
    Ok(())
}

/// Every `name:` prefix outside quotes must name a field of the schema.
fn check_fields(text: &str, schema: &Schema) -> Result<()> {
    for (column, name) in field_prefixes(text) {
        if schema.get_field(&name).is_err() {
            let known: Vec<&str> = schema
                .fields()
                .filter(|(_, entry)| entry.is_indexed())
                .map(|(_, entry)| entry.name())
                .collect();
            return Err(Error::Query {
                column,
                message: format!("unknown field `{name}` (fields: {})", known.join(", ")),
            });
        }
    }
    Ok(())
}

/// `(column, name)` of each `name:` outside quotes and ranges.
fn field_prefixes(text: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut in_quote = false;
    let mut depth = 0usize;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            in_quote = !in_quote;
        } else if !in_quote && (c == '[' || c == '{') {
            depth += 1;
        } else if !in_quote && (c == ']' || c == '}') {
            depth = depth.saturating_sub(1);
        } else if !in_quote && depth == 0 && (c.is_alphanumeric() || c == '_') {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.') {
                i += 1;
            }
            let at_boundary = start == 0 || matches!(chars[start - 1], ' ' | '(' | '+' | '-' | '\t');
            if at_boundary && i < chars.len() && chars[i] == ':' {
                out.push((start + 1, chars[start..i].iter().collect()));
            }
            continue;
        }
        i += 1;
    }
    out
}

/// Rewrites `date:` values written as days, months or years into RFC 3339 ranges.
fn rewrite_dates(text: &str) -> Result<String> {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    let mut offset = 0usize; // chars consumed so far
    while let Some(pos) = find_date_prefix(rest) {
        out.push_str(&rest[..pos + 5]);
        let value_start = pos + 5;
        let value = &rest[value_start..];
        let column = offset + rest[..value_start].chars().count() + 1;
        let (replacement, used) = rewrite_date_value(value, column)?;
        out.push_str(&replacement);
        offset += rest[..value_start + used].chars().count();
        rest = &rest[value_start + used..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Byte position of the next `date:` that starts a term (outside quotes).
fn find_date_prefix(text: &str) -> Option<usize> {
    let mut in_quote = false;
    for (i, c) in text.char_indices() {
        if c == '"' {
            in_quote = !in_quote;
        }
        if !in_quote && text[i..].starts_with("date:") {
            let boundary =
                text[..i].chars().next_back().is_none_or(|p| matches!(p, ' ' | '(' | '+' | '-' | '\t'));
            if boundary {
                return Some(i);
            }
        }
    }
    None
}

/// Rewrites one date value; returns the replacement and the bytes consumed.
fn rewrite_date_value(value: &str, column: usize) -> Result<(String, usize)> {
    let bad = |message: String| Error::Query { column, message };
    if let Some(open) = value.chars().next().filter(|c| *c == '[' || *c == '{') {
        let close_at = value.find([']', '}']).ok_or_else(|| bad("date range is never closed".into()))?;
        let inner = &value[1..close_at];
        let close = value[close_at..].chars().next().unwrap_or(']');
        let (low, high) = inner
            .split_once(" TO ")
            .ok_or_else(|| bad(format!("date range `{inner}` needs the form [FROM TO TO]")))?;
        let parse = |s: &str| -> Result<Option<(Date, Date)>> {
            match s.trim() {
                "*" => Ok(None),
                s => Date::parse_range(s).map(Some).map_err(|e| bad(e.to_string())),
            }
        };
        let low = match parse(low)? {
            None => "*".to_string(),
            Some((first, last)) => rfc3339(if open == '[' { first } else { last.add_days(1) }),
        };
        let high = match parse(high)? {
            None => "*".to_string(),
            Some((first, last)) => rfc3339(if close == ']' { last.add_days(1) } else { first }),
        };
        return Ok((format!("[{low} TO {high}}}"), close_at + 1));
    }
    let end = value.find(|c: char| c.is_whitespace() || c == ')').unwrap_or(value.len());
    let token = &value[..end];
    let (first, last) = Date::parse_range(token).map_err(|e| bad(e.to_string()))?;
    Ok((format!("[{} TO {}}}", rfc3339(first), rfc3339(last.add_days(1))), end))
}

/// Turns tantivy's parser error into one line with a column.
fn describe(query: &str, error: QueryParserError) -> Error {
    let locate = |needle: &str| query.find(needle).map_or(1, |b| query[..b].chars().count() + 1);
    let (column, message) = match &error {
        QueryParserError::FieldDoesNotExist(name) => (locate(name), format!("unknown field `{name}`")),
        QueryParserError::ExpectedInt(_) | QueryParserError::ExpectedFloat(_) => {
            (locate(":"), format!("{error} (numeric fields such as year take whole numbers)"))
        }
        QueryParserError::AllButQueryForbidden => {
            (1, "the query only excludes terms; add something to match, e.g. `* -iran`".into())
        }
        QueryParserError::DateFormatError(_) => (locate("date:"), "dates are written YYYY-MM-DD".into()),
        _ => (1, error.to_string()),
    };
    Error::Query { column, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_rewritten_as_ranges() {
        assert_eq!(
            rewrite_dates("iran date:2019-05").unwrap(),
            "iran date:[2019-05-01T00:00:00Z TO 2019-06-01T00:00:00Z}"
        );
        assert_eq!(
            rewrite_dates("date:[2019-01-01 TO 2019-06-30] AND x").unwrap(),
            "date:[2019-01-01T00:00:00Z TO 2019-07-01T00:00:00Z} AND x"
        );
        assert_eq!(rewrite_dates("date:[2019 TO *]").unwrap(), "date:[2019-01-01T00:00:00Z TO *}");
        assert_eq!(rewrite_dates("\"date:2019\"").unwrap(), "\"date:2019\"");
        let err = rewrite_dates("iran date:2019-13-01").unwrap_err();
        assert!(matches!(err, Error::Query { column: 11, .. }), "{err}");
    }

    #[test]
    fn unbalanced_queries_name_the_column() {
        assert!(matches!(check_balance("iran \"nuclear deal"), Err(Error::Query { column: 6, .. })));
        assert!(matches!(check_balance("(iran OR syria"), Err(Error::Query { column: 1, .. })));
        assert!(matches!(check_balance("iran)"), Err(Error::Query { column: 5, .. })));
        assert!(check_balance("title:\"a (b\" AND (c)").is_ok());
    }

    #[test]
    fn field_prefixes_skip_quotes_and_urls() {
        let names: Vec<String> =
            field_prefixes("person:pompeo \"x:y\" -topic:iran").into_iter().map(|(_, n)| n).collect();
        assert_eq!(names, vec!["person", "topic"]);
    }
}
