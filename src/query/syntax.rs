//! The boolean spellings morgue documents, held to what the README says before tantivy's
//! lenient grammar sees them: `AND NOT x` is rewritten to `AND -x` (tantivy reads it as a
//! required clause that only excludes, which matches nothing), and operators from other
//! query languages (`&&`, `||`, `!`) or an `AND`/`OR` with nothing on one side are syntax
//! errors with their column, never a silent 0. Also rewrites `person:"Full Name"` so that
//! any name form the alias file or the archive's person keys know finds the canonical person.

use crate::error::{Error, Result};

/// One word of the query outside quotes and ranges: its byte range and column.
struct Word<'a> {
    start: usize,
    end: usize,
    column: usize,
    text: &'a str,
}

/// The whitespace-separated words of `text` that are outside quotes and `[…]`/`{…}` ranges.
fn bare_words(text: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let (mut in_quote, mut depth) = (false, 0usize);
    let mut start: Option<(usize, usize)> = None;
    let mut quoted_word = false;
    for (column, (i, c)) in text.char_indices().enumerate() {
        if c.is_whitespace() && !in_quote && depth == 0 {
            if let Some((s, col)) = start.take() {
                if !quoted_word {
                    words.push(Word { start: s, end: i, column: col + 1, text: &text[s..i] });
                }
            }
            quoted_word = false;
            continue;
        }
        if start.is_none() {
            start = Some((i, column));
        }
        match c {
            '"' => {
                in_quote = !in_quote;
                quoted_word = true;
            }
            '[' | '{' if !in_quote => {
                depth += 1;
                quoted_word = true;
            }
            ']' | '}' if !in_quote => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if let Some((s, col)) = start {
        if !quoted_word {
            words.push(Word { start: s, end: text.len(), column: col + 1, text: &text[s..] });
        }
    }
    words
}

/// Checks the operators of `text` and rewrites `AND NOT` as `AND -`.
pub fn normalize_operators(text: &str) -> Result<String> {
    let words = bare_words(text);
    let bad = |column: usize, message: String| Error::Query { column, message };
    for word in &words {
        let t = word.text.trim_start_matches(['(', '+', '-']).trim_end_matches(')');
        if t.contains("&&") || t.contains("||") || t == "&" || t == "|" || t.starts_with('!') {
            let op = if t.contains('&') {
                "AND"
            } else if t.contains('|') {
                "OR"
            } else {
                "NOT (or -word)"
            };
            let found = if t.starts_with('!') { "!" } else { t };
            return Err(bad(word.column, format!("`{found}` is not morgue's syntax: write {op}")));
        }
    }
    let is_op = |w: &Word| matches!(w.text.trim_matches(['(', ')']), "AND" | "OR");
    for (i, word) in words.iter().enumerate() {
        if !is_op(word) {
            continue;
        }
        let before = i.checked_sub(1).map(|j| &words[j]);
        let after = words.get(i + 1);
        let opens = word.text.starts_with('(')
            || text[..word.start].trim_end().ends_with('(')
            || text[..word.start].trim().is_empty();
        let closes = word.text.ends_with(')')
            || text[word.end..].trim_start().starts_with(')')
            || text[word.end..].trim().is_empty();
        let doubled = after.is_some_and(|a| is_op(a) && text[word.end..a.start].trim().is_empty());
        if opens || closes || doubled || before.is_some_and(|b| b.text == "NOT" && b.end + 1 >= word.start) {
            return Err(bad(
                word.column,
                format!("`{}` needs something to combine on both sides", word.text.trim_matches(['(', ')'])),
            ));
        }
    }
    if let Some(last) = words.last().filter(|w| w.text == "NOT" && w.end == text.trim_end().len()) {
        return Err(bad(last.column, "`NOT` needs something after it".into()));
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for pair in words.windows(2) {
        if pair[0].text == "AND"
            && pair[1].text == "NOT"
            && text[pair[0].end..pair[1].start].trim().is_empty()
        {
            out.push_str(&text[copied..pair[1].start]);
            out.push('-');
            copied = pair[1].end;
            // `NOT x` → `-x`: drop the space after NOT.
            let rest = &text[copied..];
            copied += rest.len() - rest.trim_start().len();
        }
    }
    out.push_str(&text[copied..]);
    Ok(out)
}

/// How a quoted person name starts in a query.
const PREFIX: &str = "person:\"";

/// True when `text` may hold a `person:"Full Name"` that `expand_person_names` rewrites
/// (false means it would return the text unchanged).
pub fn names_person(text: &str) -> bool {
    text.contains(PREFIX)
}

/// Rewrites each `person:"Full Name"` (a quoted name of two words or more) as
/// `(person:"Full Name" OR person_key:"KEY" …)` where the first KEY is the name's person key
/// (the alias file applied, initials and numerals dropped) and any further ones are the bare
/// surnames that stand for that person in the archive (`short_forms` of the key): "Mike
/// Pompeo" and "Michael Pompeo" find Michael R. Pompeo, "Robert Mueller" finds Robert S.
/// Mueller III, "Ronald Reagan" finds the articles that only say "Reagan".
pub fn expand_person_names(
    text: &str,
    key: &dyn Fn(&str) -> String,
    short_forms: &dyn Fn(&str) -> Vec<String>,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = find_outside_quotes(rest, PREFIX) {
        let value_start = at + PREFIX.len();
        let Some(len) = rest[value_start..].find('"') else { break };
        let name = &rest[value_start..value_start + len];
        let end = value_start + len + 1;
        let boundary = rest[..at].chars().next_back().is_none_or(|c| c.is_whitespace() || c == '(');
        out.push_str(&rest[..at]);
        let person_key = key(name);
        if boundary
            && name.split_whitespace().count() > 1
            && !person_key.is_empty()
            && !person_key.contains('"')
        {
            out.push_str(&format!("({} OR person_key:\"{person_key}\"", &rest[at..end]));
            for short in short_forms(&person_key).iter().filter(|k| !k.is_empty() && !k.contains('"')) {
                out.push_str(&format!(" OR person_key:\"{short}\""));
            }
            out.push(')');
        } else {
            out.push_str(&rest[at..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Byte position of `needle` in `text` outside double quotes.
fn find_outside_quotes(text: &str, needle: &str) -> Option<usize> {
    let mut in_quote = false;
    for (i, c) in text.char_indices() {
        if !in_quote && text[i..].starts_with(needle) {
            return Some(i);
        }
        if c == '"' {
            in_quote = !in_quote;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(text: &str) -> usize {
        match normalize_operators(text) {
            Err(Error::Query { column, .. }) => column,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn and_not_becomes_a_minus() {
        assert_eq!(normalize_operators("iran AND NOT syria").unwrap(), "iran AND -syria");
        assert_eq!(normalize_operators("(a OR b) AND NOT (c)").unwrap(), "(a OR b) AND -(c)");
        assert_eq!(normalize_operators("iran NOT syria").unwrap(), "iran NOT syria");
        assert_eq!(normalize_operators("\"x AND NOT y\" z").unwrap(), "\"x AND NOT y\" z");
        assert_eq!(normalize_operators("iran and not syria").unwrap(), "iran and not syria");
    }

    #[test]
    fn foreign_and_dangling_operators_are_errors_with_a_column() {
        assert_eq!(column("iran && venezuela"), 6);
        assert_eq!(column("iran || venezuela"), 6);
        assert_eq!(column("!iran"), 1);
        assert_eq!(column("iran AND"), 6);
        assert_eq!(column("OR iran"), 1);
        assert_eq!(column("iran AND OR syria"), 6);
        assert_eq!(column("(iran AND) syria"), 7);
        assert_eq!(column("iran NOT"), 6);
        assert!(normalize_operators("\"a && b\"").is_ok());
    }

    #[test]
    fn quoted_person_names_also_search_the_person_key() {
        let key = |name: &str| name.to_lowercase().replace("mike", "michael");
        let none = |_: &str| Vec::new();
        assert_eq!(
            expand_person_names("person:\"Mike Pompeo\" iran", &key, &none),
            "(person:\"Mike Pompeo\" OR person_key:\"michael pompeo\") iran"
        );
        assert_eq!(expand_person_names("person:pompeo", &key, &none), "person:pompeo");
        // The bare surnames that stand for the person in the archive are searched too.
        let short = |key: &str| if key == "michael pompeo" { vec!["pompeo".to_string()] } else { Vec::new() };
        assert_eq!(
            expand_person_names("person:\"Mike Pompeo\"", &key, &short),
            "(person:\"Mike Pompeo\" OR person_key:\"michael pompeo\" OR person_key:\"pompeo\")"
        );
        // What `names_person` lets skip the alias file is what the rewrite leaves alone.
        for query in ["person:pompeo", "pompeo iran", "title:\"person\""] {
            assert!(!names_person(query));
            assert_eq!(expand_person_names(query, &|_| panic!("no name to resolve"), &none), query);
        }
        assert!(names_person("person:\"Mike Pompeo\""));
    }
}
