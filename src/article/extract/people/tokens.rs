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
    // Room for a capitalised word in every 24 bytes, so that the list rarely grows.
    let mut folds: Vec<(usize, usize, usize)> = Vec::with_capacity(body.len() / 24 + 4);
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
    // News text has a word in about every six bytes: room for a few more, so that the list
    // (of 56-byte tokens) is rarely copied to grow.
    let mut tokens: Vec<Token<'a>> = Vec::with_capacity(body.len() / 5 + 8);
    let mut context = Context { sentence_start: true, punct_before: None };
    let mut gap_start = 0;
    for word in Words::joined(body) {
        // Most gaps are one space, which `gap` would read and skip.
        if word.start != gap_start + 1 || body.as_bytes()[gap_start] != b' ' {
            gap(body, gap_start, word.start, &mut tokens, &mut context);
        }
        gap_start = word.end;
        let raw = word.of(body);
        let bytes = raw.as_bytes();
        // Most words are plain ASCII ending in a letter or digit: nothing to trim.
        // One pass over an ASCII word: a capital (to fold) or an apostrophe (to trim)?
        let (upper, apostrophe) = if word.ascii { upper_and_apostrophe(bytes) } else { (false, false) };
        let plain = word.ascii && bytes[bytes.len() - 1].is_ascii_alphanumeric() && !apostrophe;
        let (text, possessive, ends_sentence) = if plain { (raw, false, false) } else { trim_word(raw) };
        if text.is_empty() {
            continue;
        }
        let cap = if word.ascii { text.as_bytes()[0].is_ascii_uppercase() } else { first_is_upper(text) };
        if !word.ascii || upper {
            let from = arena.len();
            if word.ascii {
                // `fold_char` of an ASCII char is its lowercase.
                arena.push_str(text);
                arena[from..].make_ascii_lowercase();
            } else {
                for c in text.chars() {
                    fold_char(c, arena);
                }
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

/// Whether the ASCII bytes hold a capital letter, and an apostrophe: eight bytes at a time.
#[inline]
fn upper_and_apostrophe(bytes: &[u8]) -> (bool, bool) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // High bit of each byte of `x` (ASCII or zero bytes: no carries) that is a capital / '\''.
    let test = |x: u64| {
        let upper = (x + ONES * (0x80 - u64::from(b'A'))) & !(x + ONES * (0x7F - u64::from(b'Z'))) & HIGH;
        let apostrophe = !((x ^ (ONES * u64::from(b'\''))) + ONES * 0x7F) & HIGH;
        (upper, apostrophe)
    };
    let (mut upper, mut apostrophe) = (0, 0);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let (u, a) = test(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        (upper, apostrophe) = (upper | u, apostrophe | a);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        let (u, a) = test(u64::from_le_bytes(last));
        (upper, apostrophe) = (upper | u, apostrophe | a);
    }
    (upper != 0, apostrophe != 0)
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

#[cfg(test)]
mod tests {
    use super::upper_and_apostrophe;

    #[test]
    fn capitals_and_apostrophes_are_found_eight_bytes_at_a_time() {
        let mut next = crate::article::test_rng::stream(7u64);
        for _ in 0..5000 {
            let len = next(40);
            // Mostly lowercase letters and digits, some capitals, apostrophes and other marks.
            let word: Vec<u8> = (0..len)
                .map(|_| match next(40) {
                    0 => b'\'',
                    1 => b'A' + next(26) as u8,
                    2 => [b'@', b'[', b'`', b'{', b'-', b'.', 0x7F, 0, b'&', b'('][next(10)],
                    _ => b'a' + next(26) as u8,
                })
                .collect();
            let expected = (word.iter().any(u8::is_ascii_uppercase), word.contains(&b'\''));
            assert_eq!(upper_and_apostrophe(&word), expected, "{word:?}");
        }
    }
}
