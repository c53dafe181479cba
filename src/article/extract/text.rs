//! Shared word helpers for the extractors: accent folding, case tests and the plain-text
//! word lists in `index-schema/` (one entry per line or per whitespace-separated word).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher for the lexicon tables (the FxHash mix used by
/// rustc): word lookups run for every capitalised token, and SipHash was a tenth of the
/// extraction time. The tables hold our own word lists, so hash flooding is not a concern.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &byte in chunks.remainder() {
            self.hash = (self.hash.rotate_left(5) ^ u64::from(byte)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashSet` with [`FxHasher`].
pub type FastSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;
/// A `HashMap` with [`FxHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Lowercases one character and strips its accent (Latin letters; others pass lowercased).
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let base = match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => 'a',
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' => 'c',
        'Ď' | 'ď' | 'Đ' | 'đ' => 'd',
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => 'e',
        'Ğ' | 'ğ' | 'Ģ' | 'ģ' => 'g',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'Į' | 'į' | 'İ' | 'ı' => 'i',
        'Ķ' | 'ķ' => 'k',
        'Ł' | 'ł' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' => 'l',
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' | 'Ņ' | 'ņ' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => 'o',
        'Ř' | 'ř' => 'r',
        'Ś' | 'ś' | 'Š' | 'š' | 'Ş' | 'ş' | 'Ș' | 'ș' => 's',
        'Ť' | 'ť' | 'Ţ' | 'ţ' | 'Ț' | 'ț' => 't',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' | 'Ų' | 'ų' => 'u',
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => 'y',
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => 'z',
        'ß' => {
            out.push_str("ss");
            return;
        }
        'Æ' | 'æ' => {
            out.push_str("ae");
            return;
        }
        '\u{2019}' | '\u{2018}' => '\'',
        '\u{2010}' | '\u{2011}' => '-',
        c => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(base);
}

/// [`fold_word`] without a copy when the word is already folded (ASCII, no capitals): the
/// common case for body words, so tokenizing a body allocates only for capitalised words.
pub fn fold_word_cow(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(fold_word(word))
    }
}

/// Lowercase, accent-free copy of `word` (punctuation kept).
pub fn fold_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Folds a name for comparison: lowercase, accents removed, hyphens as spaces, other
/// punctuation dropped, single spaces.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '-' || c == '\u{2010}' || c == '\u{2011}' || c.is_whitespace() {
            folded.push(' ');
        } else if c.is_alphanumeric() {
            fold_char(c, &mut folded);
        }
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Appends [`fold`] of `words` joined by spaces to `out`, without allocating: equal to
/// `fold(&words.join(" "))` (the people extractor looks multiword runs up this way).
pub fn fold_words_into<'w>(words: impl IntoIterator<Item = &'w str>, out: &mut String) {
    let start = out.len();
    let mut space = false;
    for (i, word) in words.into_iter().enumerate() {
        space |= i > 0;
        for c in word.chars() {
            if c == '-' || c == '\u{2010}' || c == '\u{2011}' || c.is_whitespace() {
                space = true;
            } else if c.is_alphanumeric() {
                if space && out.len() > start {
                    out.push(' ');
                }
                space = false;
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    fold_char(c, out);
                }
            }
        }
    }
}

/// Reads a word list: `#` starts a comment; with `per_line`, each line is one (possibly
/// multiword) entry, else every whitespace-separated word is one. Entries are folded.
pub fn word_list(text: &str, per_line: bool) -> FastSet<String> {
    let mut set = FastSet::default();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if line.is_empty() {
            continue;
        }
        if per_line {
            set.insert(fold(line));
        } else {
            for word in line.split_whitespace() {
                set.insert(fold_word(word));
            }
        }
    }
    set
}

/// Calls `f(word, byte_offset)` for every folded lowercase word of `text` (letters and
/// digits; apostrophes and hyphens split words). `buf` is reused, so no allocation per word.
pub fn for_each_folded_word(text: &str, mut f: impl FnMut(&str, usize)) {
    let mut buf = String::with_capacity(32);
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if buf.is_empty() {
                start = i;
            }
            fold_char(c, &mut buf);
        } else if !buf.is_empty() {
            f(&buf, start);
            buf.clear();
        }
    }
    if !buf.is_empty() {
        f(&buf, start);
    }
}

/// The end of the run of ASCII letters and digits starting at byte `i` of `bytes`: the
/// offset of the first other byte (a separator or the start of a non-ASCII char), or the
/// end. Eight bytes are tested at once, so a word costs no branch per byte.
#[inline]
pub fn ascii_alnum_end(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // High bit of each byte: set where the 7-bit value `v` (no carries: v < 0x80) is in lo..=hi.
    let in_range = |v: u64, lo: u8, hi: u8| {
        (v + ONES * u64::from(0x80 - lo)) & !(v + ONES * u64::from(0x7F - hi)) & HIGH
    };
    while let Some(eight) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
        let low = x & !HIGH;
        let alnum = (in_range(low, b'0', b'9') | in_range(low | (ONES * 0x20), b'a', b'z')) & !x;
        let stop = !alnum & HIGH;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

/// Lowercases the ASCII letters among eight ASCII (or zero) bytes packed in a `u64` at once.
#[inline]
pub fn ascii_lowercase_8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Bytes are < 0x80, so adding < 0x80 per byte never carries into the next byte.
    let at_least_a = x + ONES * (0x80 - b'A' as u64);
    let above_z = x + ONES * (0x7F - b'Z' as u64);
    x | ((at_least_a & !above_z & HIGH) >> 2)
}

/// [`ascii_alnum_end`] that also tells whether the run holds an ASCII capital letter.
#[inline]
pub fn ascii_alnum_end_upper(bytes: &[u8], mut i: usize) -> (usize, bool) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let in_range = |v: u64, lo: u8, hi: u8| {
        (v + ONES * u64::from(0x80 - lo)) & !(v + ONES * u64::from(0x7F - hi)) & HIGH
    };
    let mut upper = false;
    while let Some(eight) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
        let low = x & !HIGH;
        let capitals = in_range(low, b'A', b'Z') & !x;
        let alnum = (in_range(low, b'0', b'9') | in_range(low | (ONES * 0x20), b'a', b'z')) & !x;
        let stop = !alnum & HIGH;
        if stop != 0 {
            let n = stop.trailing_zeros() / 8;
            // Capitals in the bytes before the stop only.
            let before = if n == 0 { 0 } else { capitals & (u64::MAX >> (64 - 8 * n)) };
            return (i + n as usize, upper || before != 0);
        }
        upper |= capitals != 0;
        i += 8;
    }
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        upper |= bytes[i].is_ascii_uppercase();
        i += 1;
    }
    (i, upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum_end_finds_capitals_before_the_stop_only() {
        for text in
            ["abc", "abcdefghij Klm", "abcdefgHij", "ab-Cd", "abcdefgh", "ABCDEFGHIJK.", "x", "é", "aé"]
        {
            for start in 0..text.len() {
                let bytes = text.as_bytes();
                let mut end = start;
                while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                    end += 1;
                }
                let upper = bytes[start..end].iter().any(u8::is_ascii_uppercase);
                assert_eq!(ascii_alnum_end_upper(bytes, start), (end, upper), "{text:?} from {start}");
            }
        }
    }

    #[test]
    fn folds_accents_case_and_hyphens() {
        assert_eq!(fold("Nicolás  Maduro"), "nicolas maduro");
        assert_eq!(fold("Guaidó's"), "guaidos");
        assert_eq!(fold("Washington-Pryor"), "washington pryor");
        assert_eq!(fold_word("Ñancupil"), "nancupil");
        for words in [&["Nicolás", " Maduro-Moros"][..], &["", "-St.", "Ann's", "ÆON  x"], &[]] {
            let mut out = String::from("kept ");
            fold_words_into(words.iter().copied(), &mut out);
            assert_eq!(out, format!("kept {}", fold(&words.join(" "))), "{words:?}");
        }
    }

    #[test]
    fn ascii_alnum_runs_end_at_the_first_other_byte() {
        let text = "abcXYZ09 ab@[`{/:Zz0123456789abcdefé-x\u{7f}y\x01z ";
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            let mut end = start;
            while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                end += 1;
            }
            assert_eq!(ascii_alnum_end(bytes, start), end, "from {start}");
        }
        for b in 0..=255u8 {
            let bytes = [b, b, b, b, b, b, b, b, b, b];
            let expected = if b.is_ascii_alphanumeric() { 10 } else { 0 };
            assert_eq!(ascii_alnum_end(&bytes, 0), expected, "{b}");
        }
    }

    #[test]
    fn words_are_folded_and_split() {
        let mut words = Vec::new();
        for_each_folded_word("Iran's oil—Tehran, 2019", |w, _| words.push(w.to_string()));
        assert_eq!(words, ["iran", "s", "oil", "tehran", "2019"]);
    }
}
