//! Query text to tantivy queries: morgue's syntax is tantivy's query language over the
//! schema's fields (title:, author:, person:, topic:, dateline:, phrases, AND/OR/NOT, +/-,
//! `*`), plus dates written as people write them (`date:2019-05`, `date:[2019-01-01 TO
//! 2019-06-30]`), rewritten here into the RFC 3339 bounds tantivy expects, apostrophes inside
//! words (`o'rourke`, `trump's`), and the wildcard and fuzzy words of `expand`. Malformed
//! queries come back as `Error::Query` with the column where the problem is.

mod expand;
pub mod feedback;
pub mod ranked;
mod syntax;

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, Occur, Query, QueryParser, QueryParserError, RangeQuery,
};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf};
use tantivy::schema::{Field, Schema};
use tantivy::{DateTime, Searcher, Term};

pub use expand::{Pattern, MAX_DISTANCE, MAX_EXPANSIONS};

use crate::calendar::Date;
use crate::error::{Error, Result};
use crate::schema::{AliasFile, Fields, SchemaSpec};

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

/// Parses a user query into a tantivy query over the index `searcher` reads (whose term
/// dictionaries wildcard and fuzzy words are expanded against); `short_forms` gives the bare
/// surnames that stand for a full person key in that index (`resolve`).
pub fn parse(
    searcher: &Searcher,
    spec: &SchemaSpec,
    fields: &Fields,
    aliases: &AliasFile,
    short_forms: &dyn Fn(&str) -> Vec<String>,
    text: &str,
    options: &QueryOptions,
) -> Result<Box<dyn Query>> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(Error::Query { column: 1, message: "empty query (use '*' for every article)".into() });
    }
    check_balance(trimmed)?;
    check_dates(options)?;
    let normalized = syntax::normalize_operators(trimmed)?;
    // The alias file is parsed only for a query that names a person.
    let normalized = if syntax::names_person(&normalized) {
        let aliases = aliases.get()?;
        syntax::expand_person_names(&normalized, &|name: &str| aliases.key(name), short_forms)
    } else {
        normalized
    };
    let rewritten = rewrite_dates(&escape_apostrophes(&normalized))?;
    let index = searcher.index();
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
    // Only a `*` or `~` can make a pattern; other queries go straight to tantivy's parser.
    let ast = rewritten.contains(['*', '~']).then(|| tantivy::query_grammar::parse_query(&rewritten));
    let query = match ast {
        Some(Ok(ast)) if has_patterns(&ast) => {
            if all_negative(&ast) {
                return Err(describe(trimmed, QueryParserError::AllButQueryForbidden));
            }
            let occur = if options.any { Occur::Should } else { Occur::Must };
            let builder = Builder {
                parser: &parser,
                searcher,
                spec,
                default_fields: &default_fields,
                occur,
                text: trimmed,
            };
            builder.build(ast)?.unwrap_or_else(|| Box::new(tantivy::query::EmptyQuery))
        }
        _ => parser.parse_query(&rewritten).map_err(|e| describe(trimmed, e))?,
    };
    Ok(with_dates(query, fields, options))
}

/// `--from` must not be after `--to`.
fn check_dates(options: &QueryOptions) -> Result<()> {
    match (options.from, options.to) {
        (Some(from), Some(to)) if from > to => Err(Error::Query {
            column: 1,
            message: format!("--from {from} is after --to {to}: no day is in that range"),
        }),
        _ => Ok(()),
    }
}

/// The query restricted to the `--from`/`--to` dates of `options`.
fn with_dates(query: Box<dyn Query>, fields: &Fields, options: &QueryOptions) -> Box<dyn Query> {
    if options.from.is_none() && options.to.is_none() {
        return query;
    }
    let lower = options.from.map_or(Bound::Unbounded, |d| Bound::Included(date_term(fields, d)));
    let upper = options.to.map_or(Bound::Unbounded, |d| Bound::Excluded(date_term(fields, d.add_days(1))));
    let range: Box<dyn Query> = Box::new(RangeQuery::new(lower, upper));
    Box::new(BooleanQuery::new(vec![(Occur::Must, query), (Occur::Must, range)]))
}

/// The tiers `search` ranks a query of plain words in (see `ranked`), best first: the
/// articles holding every word but function words, then those holding only some; one tier
/// with `options.any` or `feedback` (the query expanded with the words of its best results,
/// see `feedback`). `None` when the text is not plain words: it is a boolean query.
pub fn ranked_tiers(
    searcher: &Searcher,
    fields: &Fields,
    text: &str,
    options: &QueryOptions,
    feedback: bool,
) -> Result<Option<Vec<Box<dyn Query>>>> {
    let Some(words) = ranked::plain_words(text) else {
        return Ok(None);
    };
    check_dates(options)?;
    let terms = ranked::weigh(fields.body, &words);
    if terms.is_empty() {
        return Ok(None);
    }
    if feedback {
        let expanded = feedback::expand(searcher, fields, &terms, &|q| with_dates(q, fields, options))?;
        return Ok(Some(vec![with_dates(ranked::scored(&expanded, false), fields, options)]));
    }
    if options.any || terms.len() == 1 {
        return Ok(Some(vec![with_dates(ranked::scored(&terms, false), fields, options)]));
    }
    let every: Vec<(Occur, Box<dyn Query>)> =
        terms.iter().map(|t| (Occur::Must, ranked::term_query(t))).collect();
    let some = BooleanQuery::new(vec![
        (Occur::Must, ranked::scored(&terms, false)),
        (Occur::MustNot, Box::new(BooleanQuery::new(every))),
    ]);
    Ok(Some(vec![
        with_dates(ranked::scored(&terms, true), fields, options),
        with_dates(Box::new(some), fields, options),
    ]))
}

/// A query matching every article.
pub fn all() -> Box<dyn Query> {
    Box::new(AllQuery)
}

/// Builds a parsed query that holds wildcard or fuzzy words: those are expanded here, every
/// other leaf goes to tantivy's parser, and the clauses combine as tantivy's parser combines
/// them (an unmarked clause is required, or optional with `options.any`).
struct Builder<'a> {
    parser: &'a QueryParser,
    searcher: &'a Searcher,
    spec: &'a SchemaSpec,
    default_fields: &'a [(Field, f32)],
    occur: Occur,
    text: &'a str,
}

impl Builder<'_> {
    /// `None` when nothing is left to match (a clause of stop words).
    fn build(&self, ast: UserInputAst) -> Result<Option<Box<dyn Query>>> {
        match ast {
            UserInputAst::Clause(children) => {
                let mut clauses = Vec::with_capacity(children.len());
                for (occur, child) in children {
                    if let Some(query) = self.build(child)? {
                        clauses.push((occur.unwrap_or(self.occur), query));
                    }
                }
                Ok(match clauses.len() {
                    0 => None,
                    1 if clauses[0].0 != Occur::MustNot => clauses.pop().map(|(_, query)| query),
                    _ => Some(Box::new(BooleanQuery::new(clauses))),
                })
            }
            UserInputAst::Boost(child, boost) => Ok(self
                .build(*child)?
                .map(|query| Box::new(BoostQuery::new(query, boost.into_inner() as f32)) as Box<dyn Query>)),
            UserInputAst::Leaf(leaf) => self.leaf(*leaf).map(Some),
        }
    }

    fn leaf(&self, mut leaf: UserInputLeaf) -> Result<Box<dyn Query>> {
        if let UserInputLeaf::Literal(literal) = &mut leaf {
            let pattern = Pattern::of(literal).map_err(|message| self.error_at(&literal.phrase, message))?;
            match pattern {
                // Several words before the star (`u.s*`): tantivy's phrase prefix.
                Some(Pattern::Prefix(word)) if expand::words(&word).len() > 1 => {
                    literal.delimiter = Delimiter::DoubleQuotes;
                    literal.phrase = word;
                    literal.prefix = true;
                }
                Some(pattern) => {
                    let fields = match &literal.field_name {
                        Some(name) => {
                            let field = self
                                .searcher
                                .schema()
                                .get_field(name)
                                .map_err(|e| self.error_at(name, e.to_string()))?;
                            vec![(field, 1.0)]
                        }
                        None => self.default_fields.to_vec(),
                    };
                    return expand::query(self.searcher, self.spec, &fields, &pattern).map_err(|e| match e {
                        Error::Query { message, .. } => self.error_at(pattern.word(), message),
                        other => other,
                    });
                }
                None => {}
            }
        }
        self.parser
            .build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(leaf)))
            .map_err(|e| describe(self.text, e))
    }

    fn error_at(&self, needle: &str, message: String) -> Error {
        let column = self.text.find(needle).map_or(1, |b| self.text[..b].chars().count() + 1);
        Error::Query { column, message }
    }
}

/// True when a word of the query is a wildcard or fuzzy pattern (or a malformed one).
fn has_patterns(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(children) => children.iter().any(|(_, child)| has_patterns(child)),
        UserInputAst::Boost(child, _) => has_patterns(child),
        UserInputAst::Leaf(leaf) => {
            matches!(&**leaf, UserInputLeaf::Literal(literal) if Pattern::of(literal) != Ok(None))
        }
    }
}

/// True when the query only excludes (tantivy's parser refuses those, and so does morgue).
fn all_negative(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(children) => {
            !children.is_empty()
                && children.iter().all(|(occur, child)| *occur == Some(Occur::MustNot) || all_negative(child))
        }
        UserInputAst::Boost(child, _) => all_negative(child),
        UserInputAst::Leaf(_) => false,
    }
}

/// Escapes apostrophes inside and at the end of words (`o'rourke`, `trump's`, `the
/// joneses'`), which tantivy's grammar would read as the start of a single-quoted phrase.
/// An apostrophe that opens a word still opens one (`'trade war'`).
fn escape_apostrophes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut chars = text.chars().peekable();
    let mut previous: Option<char> = None;
    let mut in_double = false;
    let mut in_single = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                out.push(c);
                if let Some(next) = chars.next() {
                    out.push(next);
                }
                previous = None;
                continue;
            }
            '"' if !in_single => in_double = !in_double,
            '\'' if !in_double => {
                let after_word = previous.is_some_and(char::is_alphanumeric);
                let before_word = chars.peek().is_some_and(|n| n.is_alphanumeric());
                if in_single && !(after_word && before_word) {
                    in_single = false; // the closing quote of 'a phrase'
                } else if after_word {
                    out.push('\\');
                } else {
                    in_single = true;
                }
            }
            _ => {}
        }
        out.push(c);
        previous = Some(c);
    }
    out
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
            (locate(":"), "numeric fields take whole numbers, e.g. year:2019 or year:[2017 TO 2019]".into())
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
    fn apostrophes_inside_and_after_words_are_escaped() {
        assert_eq!(escape_apostrophes("o'rourke"), "o\\'rourke");
        assert_eq!(escape_apostrophes("the joneses' house"), "the joneses\\' house");
        assert_eq!(escape_apostrophes("'trade war' iran"), "'trade war' iran");
        assert_eq!(escape_apostrophes("\"it's\" x"), "\"it's\" x");
        assert_eq!(escape_apostrophes("'o'rourke said' x"), "'o\\'rourke said' x");
        assert_eq!(escape_apostrophes("a\\'b"), "a\\'b");
        for query in ["o'rourke", "the joneses' house", "'trade war' iran", "'o'rourke said' x"] {
            let escaped = escape_apostrophes(query);
            assert!(tantivy::query_grammar::parse_query(&escaped).is_ok(), "{query} → {escaped}");
        }
    }

    #[test]
    fn field_prefixes_skip_quotes_and_urls() {
        let names: Vec<String> =
            field_prefixes("person:pompeo \"x:y\" -topic:iran").into_iter().map(|(_, n)| n).collect();
        assert_eq!(names, vec!["person", "topic"]);
    }
}
