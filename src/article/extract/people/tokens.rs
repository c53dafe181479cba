//! Tokens: the body as a list of words with the facts the name rules read (case, possessive,
//! sentence and paragraph ends, the punctuation on either side), from one pass over the
//! joined [`Words`] of the body. Tokens borrow the body; folded forms that differ from the
//! text go to one arena, and each token's lexicon classes are looked up once and cached.

use super::super::text::{fold_char, FxHasher, Words};
use crate::article::lexicon::class;

/// One word of the body.
#[derive(Debug, Clone)]
pub(super) struct Token<'a> {
    /// The word as printed, without a possessive "'s".
    pub(super) text: &'a str,
    /// Lowercase, accent-free form (the text itself when already folded, else in an arena).
    pub(super) folded: &'a str,
    /// `class` flags of `folded`, looked up on first use.
    pub(super) class: std::cell::Cell<u32>,
    /// First letter uppercase.
    pub(super) cap: bool,
    pub(super) possessive: bool,
    /// First word of a sentence or paragraph.
    pub(super) sentence_start: bool,
    /// A blank line or an indented line starts right after this word.
    pub(super) paragraph_end: bool,
    /// The sentence ends after this word.
    pub(super) sentence_end: bool,
    /// Punctuation (other than an abbreviation's dot) follows: a comma, quote, dash…
    pub(super) punct_after: Option<char>,
    /// Punctuation right before the word (opening quote, comma…).
    pub(super) punct_before: Option<char>,
}

/// Splits the body into word tokens with case, sentence and punctuation flags. Folded forms
/// that differ from the text are written to `arena`, so tokenizing allocates only twice.
pub(super) fn tokenize<'a>(body: &'a str, arena: &'a mut String) -> Vec<Token<'a>> {
    let mut folds: Vec<(usize, usize, usize)> = Vec::new();
    let mut tokens = scan(body, arena, &mut folds);
    let arena: &'a String = arena;
    for (index, start, end) in folds {
        tokens[index].folded = &arena[start..end];
    }
    tokens
}

/// Sentence and punctuation state carried from one word to the next.
struct Context {
    sentence_start: bool,
    punct_before: Option<char>,
}

/// The tokenizer's pass over the joined [`Words`] of the body; `folds` gets (token, arena
/// range) for each token whose folded form is not its text.
fn scan<'a>(body: &'a str, arena: &mut String, folds: &mut Vec<(usize, usize, usize)>) -> Vec<Token<'a>> {
    let mut tokens: Vec<Token<'a>> = Vec::with_capacity(body.len() / 6);
    let mut context = Context { sentence_start: true, punct_before: None };
    let mut gap_start = 0;
    for word in Words::joined(body) {
        gap(body, gap_start, word.start, &mut tokens, &mut context);
        gap_start = word.end;
        let raw = word.of(body);
        let bytes = raw.as_bytes();
        // Most words are plain ASCII ending in a letter or digit: nothing to trim.
        // One pass over an ASCII word: a capital (to fold) or an apostrophe (to trim)?
        let (mut upper, mut apostrophe) = (false, false);
        if word.ascii {
            for &b in bytes {
                upper |= b.is_ascii_uppercase();
                apostrophe |= b == b'\'';
            }
        }
        let plain = word.ascii && bytes[bytes.len() - 1].is_ascii_alphanumeric() && !apostrophe;
        let (text, possessive, ends_sentence) = if plain { (raw, false, false) } else { trim_word(raw) };
        if text.is_empty() {
            continue;
        }
        let cap = if word.ascii { text.as_bytes()[0].is_ascii_uppercase() } else { first_is_upper(text) };
        if !word.ascii || upper {
            let from = arena.len();
            for c in text.chars() {
                fold_char(c, arena);
            }
            folds.push((tokens.len(), from, arena.len()));
        }
        tokens.push(Token {
            text,
            folded: text,
            class: std::cell::Cell::new(class::UNKNOWN),
            cap,
            possessive,
            sentence_start: context.sentence_start,
            paragraph_end: false,
            sentence_end: false,
            punct_after: None,
            punct_before: context.punct_before,
        });
        context.punct_before = None;
        context.sentence_start = false;
        if ends_sentence {
            context.sentence_start = true;
            if let Some(last) = tokens.last_mut() {
                last.sentence_end = true;
                last.punct_after = Some('.');
            }
        }
    }
    gap(body, gap_start, body.len(), &mut tokens, &mut context);
    tokens
}

/// Reads the separators `body[from..to]` between two words: a blank or indented line ends a
/// paragraph, sentence punctuation ends a sentence, and other punctuation is remembered after
/// the last token and before the next.
fn gap(body: &str, from: usize, to: usize, tokens: &mut [Token<'_>], context: &mut Context) {
    let bytes = body.as_bytes();
    for (offset, c) in body[from..to].char_indices() {
        if c == ' ' {
            continue;
        }
        if c == '\n' {
            // A blank line or an indented line starts a paragraph.
            if bytes.get(from + offset + 1).is_some_and(|&b| b == b'\n' || b == b' ' || b == b'\t') {
                context.sentence_start = true;
                if let Some(last) = tokens.last_mut() {
                    last.paragraph_end = true;
                    last.sentence_end = true;
                }
            }
        } else if !c.is_whitespace() {
            if matches!(c, '.' | '!' | '?' | ':' | ';') {
                context.sentence_start = true;
                if let Some(last) = tokens.last_mut() {
                    last.sentence_end = true;
                }
            }
            if let Some(last) = tokens.last_mut() {
                last.punct_after.get_or_insert(c);
            }
            context.punct_before = Some(c);
        }
    }
}

/// A word without trailing hyphens, apostrophes, a sentence-ending dot or a possessive "'s":
/// (word, possessive, the dot ended a sentence).
pub(super) fn trim_word(raw: &str) -> (&str, bool, bool) {
    let mut word = raw.trim_end_matches(['-', '\'', '\u{2019}', '\u{2010}', '\u{2011}']);
    let mut ends_sentence = false;
    if let Some(stripped) = word.strip_suffix('.') {
        if !keeps_dot(word) {
            word = stripped;
            ends_sentence = true;
        }
    }
    let mut possessive = false;
    for ending in ["'s", "\u{2019}s", "s'", "s\u{2019}"] {
        if let Some(stem) = word.strip_suffix(ending) {
            if stem.chars().count() > 1 {
                word = if ending.starts_with('s') { &word[..word.len() - ending.len() + 1] } else { stem };
                possessive = true;
            }
            break;
        }
    }
    (word, possessive, ends_sentence)
}

pub(super) fn first_is_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a word ending in "." keeps the dot (initials and abbreviations such as "Jr.").
fn keeps_dot(word: &str) -> bool {
    let core = &word[..word.len() - 1];
    if core.contains('.') || core.chars().count() == 1 {
        return core.chars().next().is_some_and(char::is_uppercase);
    }
    matches!(
        core,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Jr"
            | "Sr"
            | "St"
            | "Gen"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Lt"
            | "Col"
            | "Maj"
            | "Capt"
            | "Sgt"
            | "Adm"
            | "Cmdr"
            | "Rev"
            | "Prof"
            | "Brig"
            | "Mt"
            | "Co"
            | "Corp"
            | "Inc"
            | "Ltd"
            | "Calif"
            | "Mme"
    )
}

/// Contractions are no name words: "I'm", "We're", "Don't" (the tokenizer keeps apostrophes).
pub(super) fn is_contraction(folded: &str) -> bool {
    // No apostrophe (' or the last byte of ’) near the end: most words.
    let tail = &folded.as_bytes()[folded.len().saturating_sub(4)..];
    if !tail.iter().any(|&b| b == b'\'' || b == 0x99) {
        return false;
    }
    [
        "'m",
        "'re",
        "'ve",
        "'ll",
        "'d",
        "n't",
        "\u{2019}m",
        "\u{2019}re",
        "\u{2019}ve",
        "\u{2019}ll",
        "\u{2019}d",
        "n\u{2019}t",
    ]
    .iter()
    .any(|ending| folded.ends_with(ending))
}

/// A plural acronym: "MPs", "CEOs", "NGOs" (capitals, then a lowercase "s").
pub(super) fn is_plural_acronym(text: &str) -> bool {
    text.strip_suffix('s').is_some_and(|stem| stem.len() >= 2 && stem.bytes().all(|b| b.is_ascii_uppercase()))
}

/// A hash of the folded words of `tokens`.
pub(super) fn folded_key(tokens: &[Token<'_>]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = FxHasher::default();
    for token in tokens {
        token.folded.hash(&mut hasher);
    }
    hasher.finish()
}

/// Whether `folded` (a lowercase word) occurs in `body` as a whole lowercase word.
pub(super) fn appears_lowercase(body: &str, folded: &str) -> bool {
    let bytes = body.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;
    memchr::memmem::find_iter(bytes, folded.as_bytes()).any(|at| {
        let end = at + folded.len();
        (at == 0 || !is_word(bytes[at - 1])) && (end == bytes.len() || !is_word(bytes[end]))
    })
}
