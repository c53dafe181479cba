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

/// Calls `f(word, byte_offset)` for every folded lowercase word of `text` (the [`Words`] of
/// `text`, folded by [`fold_char`]). `buf` is reused, so no allocation per word.
pub fn for_each_folded_word(text: &str, mut f: impl FnMut(&str, usize)) {
    let mut buf = String::with_capacity(32);
    for word in Words::new(text) {
        buf.clear();
        word.fold_into(text, &mut buf);
        f(&buf, word.start);
    }
}

/// One word of a text: its byte range, and whether it is all ASCII.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub ascii: bool,
}

impl Word {
    /// The word's text.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// Appends the word folded (lowercase, accents stripped: [`fold_char`]) to `out`.
    #[inline]
    pub fn fold_into(&self, text: &str, out: &mut String) {
        if self.ascii {
            out.extend(
                text.as_bytes()[self.start..self.end].iter().map(|&b| char::from(b.to_ascii_lowercase())),
            );
        } else {
            for c in self.of(text).chars() {
                fold_char(c, out);
            }
        }
    }

    /// Appends the word lowercased by `char::to_lowercase` (accents kept) to `out`, as bytes.
    #[inline]
    pub fn lower_into(&self, text: &str, out: &mut Vec<u8>) {
        if self.ascii {
            out.extend(text.as_bytes()[self.start..self.end].iter().map(u8::to_ascii_lowercase));
        } else {
            let mut utf8 = [0u8; 4];
            for lower in self.of(text).chars().flat_map(char::to_lowercase) {
                out.extend_from_slice(lower.encode_utf8(&mut utf8).as_bytes());
            }
        }
    }
}

/// The words of a text in order, as byte ranges: the one word scan of the crate (people,
/// topics, fingerprints and the index analyzer all read words through it). A word is a
/// maximal run of alphanumeric chars (`char::is_alphanumeric`, tantivy's `SimpleTokenizer`
/// rule); [`Words::joined`] words also keep the apostrophes, hyphens and dots that follow
/// their first letter ("O'Neill", "al-Assad", "H.W.", "end." — see [`is_word_char`]). Runs of
/// ASCII letters and digits are crossed eight bytes at a time.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
    joined: bool,
}

impl<'a> Words<'a> {
    /// The alphanumeric words of `text`.
    pub fn new(text: &'a str) -> Words<'a> {
        Words::at(text, 0)
    }

    /// The alphanumeric words of `text` from byte `pos` (a char boundary) on.
    pub fn at(text: &'a str, pos: usize) -> Words<'a> {
        Words { text, pos, joined: false }
    }

    /// The words of `text` with their inner and trailing apostrophes, hyphens and dots.
    pub fn joined(text: &'a str) -> Words<'a> {
        Words { text, pos: 0, joined: true }
    }
}

impl Iterator for Words<'_> {
    type Item = Word;

    #[inline(always)]
    fn next(&mut self) -> Option<Word> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let mut i = self.pos;
        // The first alphanumeric char.
        loop {
            let Some(&b) = bytes.get(i) else {
                self.pos = i;
                return None;
            };
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let c = text[i..].chars().next().expect("a char starts here");
                if c.is_alphanumeric() {
                    break;
                }
                i += c.len_utf8();
            }
        }
        let start = i;
        let mut ascii = true;
        loop {
            i = ascii_alnum_end(bytes, i);
            match bytes.get(i) {
                None => break,
                Some(&b) if b < 0x80 => {
                    if !(self.joined && matches!(b, b'\'' | b'-' | b'.')) {
                        break;
                    }
                    i += 1;
                }
                Some(_) => {
                    let c = text[i..].chars().next().expect("a char starts here");
                    if !(c.is_alphanumeric() || self.joined && is_word_char(c)) {
                        break;
                    }
                    ascii = false;
                    i += c.len_utf8();
                }
            }
        }
        self.pos = i;
        Some(Word { start, end: i, ascii })
    }
}

/// Chars of a joined word besides letters and digits: apostrophes, hyphens and dots stay
/// inside a word ("O'Neill", "al-Assad", "H.W.").
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '-' | '.' | '\u{2010}' | '\u{2011}')
}

/// Whitespace-separated words of `text` (as `split_whitespace` counts them), counted up to
/// `limit`: the count once it reaches `limit` (at least one), else all of them. ASCII text is
/// read eight bytes at a time (a word starts at a non-space byte after a space or the start),
/// other text by the standard rule. Runs on every line of every body (credit and page tests)
/// and on each lede.
pub fn count_words(text: &str, limit: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The first count that stops the scan (a limit of 0 stops at the first word).
    let enough = limit.max(1);
    let bytes = text.as_bytes();
    let mut words = 0;
    // Whether the byte before `i` is whitespace (the start of the text counts as such).
    let mut after_space = true;
    let mut i = 0;
    while let Some(eight) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
        if x & HIGH != 0 {
            // A non-ASCII byte: this chunk and the rest byte by byte.
            break;
        }
        // High bit of each byte: set where the byte is ' ' or '\t'..='\r' (no carries: x < 0x80).
        let tab_to_cr = (x + ONES * (0x80 - 0x09)) & !(x + ONES * (0x7F - 0x0D)) & HIGH;
        let blank = !((x ^ (ONES * 0x20)) + ONES * 0x7F) & HIGH;
        let space = tab_to_cr | blank;
        // A word starts at a non-space byte whose previous byte is a space.
        let before = (space << 8) | (u64::from(after_space) << 7);
        // Count the starts (high bits only) by summing the bytes of `starts >> 7`, each 0 or 1,
        // into the top byte: the baseline x86-64 target has no `popcnt`, and `count_ones`
        // spent a dozen instructions here.
        let starts = !space & HIGH & before;
        words += ((starts >> 7).wrapping_mul(ONES) >> 56) as usize;
        if words >= enough {
            return enough;
        }
        after_space = space >> 63 != 0;
        i += 8;
    }
    let mut in_word = !after_space;
    for &b in &bytes[i..] {
        if b >= 0x80 {
            // Text with other chars (and maybe other whitespace): counted by the standard rule.
            return text.split_whitespace().take(limit).count();
        }
        let space = matches!(b, b' ' | b'\t'..=b'\r');
        if !space && !in_word {
            words += 1;
            if words >= limit {
                return words;
            }
        }
        in_word = !space;
    }
    words
}

/// `str::trim` that answers at once for text that neither starts nor ends with whitespace
/// (most lines: an ASCII first and last byte that is no space); other text is trimmed by
/// `str::trim`. The layout and credit rules trim every line of every article.
pub trait TrimLine {
    fn trim_line(&self) -> &str;
}

impl TrimLine for str {
    #[inline]
    fn trim_line(&self) -> &str {
        let solid = |b: u8| b < 0x80 && !matches!(b, b' ' | b'\t'..=b'\r');
        match self.as_bytes() {
            [first, .., last] if solid(*first) && solid(*last) => self,
            [only] if solid(*only) => self,
            _ => self.trim(),
        }
    }
}

/// `text` without `prefix`, compared ASCII-case-insensitively.
pub fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// Title case for names printed in capitals: "MARY CLAIRE" → "Mary Claire", "HYUNG-JIN" →
/// "Hyung-Jin", "O'NEILL" → "O'Neill", "ST. LOUIS" → "St. Louis"; initials ("D.C.") and
/// Roman numerals ("III") stay in capitals.
pub fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    title_case_into(text, false, &mut out);
    out
}

/// Appends [`title_case`] of `text` to `out`; with `particles`, name particles after the first
/// word stay lowercase, also attached ones: "BASHAR AL-ASSAD" → "Bashar al-Assad", "URSULA VON
/// DER LEYEN" → "Ursula von der Leyen".
pub fn title_case_into(text: &str, particles: bool, out: &mut String) {
    use super::people::words::{HYPHEN_PARTICLES, PARTICLES};
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let initials = word.len() >= 2
            && word.split_terminator('.').all(|p| p.chars().count() == 1)
            && word.ends_with('.');
        let roman = matches!(word.trim_end_matches([',', '.']), "II" | "III" | "IV" | "VI" | "VII");
        if initials || roman {
            out.push_str(word);
            continue;
        }
        let mut rest = word;
        if particles && i > 0 {
            if PARTICLES.iter().any(|p| word.eq_ignore_ascii_case(p)) {
                out.extend(word.chars().flat_map(char::to_lowercase));
                continue;
            }
            if let Some(p) = HYPHEN_PARTICLES.iter().find(|p| {
                word.get(..p.len()).is_some_and(|w| w.eq_ignore_ascii_case(p)) && word.len() > p.len()
            }) {
                out.push_str(p);
                rest = &word[p.len()..];
            }
        }
        let mut start = true;
        for c in rest.chars() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = matches!(c, '-' | '\'' | '\u{2019}' | '.' | '/');
        }
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
    fn title_case_keeps_initials_numerals_and_particles() {
        assert_eq!(title_case("WASHINGTON D.C."), "Washington D.C.");
        assert_eq!(title_case("ROBERT S. MUELLER III"), "Robert S. Mueller III");
        let mut out = String::new();
        for name in ["BASHAR AL-ASSAD", "URSULA VON DER LEYEN", "O'NEILL-LÓPEZ"] {
            title_case_into(name, true, &mut out);
            out.push('|');
        }
        assert_eq!(out, "Bashar al-Assad|Ursula von der Leyen|O'Neill-López|");
    }

    #[test]
    fn words_are_counted_like_split_whitespace() {
        for text in ["", " ", "a", " a b\n\nc\t", "x\u{0B}y\u{0C}z\r\n", "a\u{A0}b é", "\u{2003}one two "] {
            assert_eq!(count_words(text, usize::MAX), text.split_whitespace().count(), "{text:?}");
            assert_eq!(count_words(text, 2), text.split_whitespace().count().min(2), "{text:?}");
        }
    }

    /// The byte-at-a-time count `count_words` replaced, kept as the reference.
    fn count_words_bytewise(text: &str, limit: usize) -> usize {
        let mut words = 0;
        let mut in_word = false;
        for &b in text.as_bytes() {
            if b >= 0x80 {
                return text.split_whitespace().take(limit).count();
            }
            let space = matches!(b, b' ' | b'\t'..=b'\r');
            if !space && !in_word {
                words += 1;
                if words >= limit {
                    return words;
                }
            }
            in_word = !space;
        }
        words
    }

    #[test]
    fn words_are_counted_eight_bytes_at_a_time_as_byte_by_byte() {
        let palette = [
            "a", "Bc", "x", " ", "  ", "\n", "\t", "\r", "\u{0B}", "\u{0C}", "\u{1F}", "!", ".", "\u{7F}",
            "é", "\u{A0}", "\u{2003}", "\u{85}", "word", "abcdefgh", "12345678",
        ];
        let mut next = crate::article::test_rng::stream(0x2545_f491_4f6c_dd1du64);
        for _ in 0..5000 {
            let len = next(40);
            let text: String = (0..len).map(|_| palette[next(palette.len())]).collect();
            for limit in (0..20).chain([30, usize::MAX]) {
                assert_eq!(count_words(&text, limit), count_words_bytewise(&text, limit), "{text:?} {limit}");
            }
        }
    }

    #[test]
    fn trim_line_is_trim() {
        let palette = [
            "a", "B", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{85}", "\u{A0}", "é",
            "\u{2003}", ".", "\u{7F}",
        ];
        let mut next = crate::article::test_rng::stream(99u64);
        for _ in 0..5000 {
            let len = next(8);
            let text: String = (0..len).map(|_| palette[next(palette.len())]).collect();
            assert_eq!(text.trim_line(), text.trim(), "{text:?}");
            assert!(std::ptr::eq(text.trim_line().as_ptr(), text.trim().as_ptr()), "{text:?}");
        }
    }

    #[test]
    fn words_are_alphanumeric_runs_and_joined_words_keep_inner_marks() {
        let text = "Nicolás Maduro’s “VENEZUELA-Guaidó” 2019-05-14 O'Neil H.W. ½ x9Ab end.. ‐a";
        let words: Vec<&str> = Words::new(text).map(|w| w.of(text)).collect();
        let split: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        assert_eq!(words, split);
        let joined: Vec<&str> = Words::joined(text).map(|w| w.of(text)).collect();
        assert_eq!(
            joined,
            [
                "Nicolás",
                "Maduro’s",
                "VENEZUELA-Guaidó",
                "2019-05-14",
                "O'Neil",
                "H.W.",
                "½",
                "x9Ab",
                "end..",
                "a"
            ]
        );
        assert!(Words::new(text).all(|w| w.ascii == w.of(text).is_ascii()));
    }

    #[test]
    fn words_are_folded_and_split() {
        let mut words = Vec::new();
        for_each_folded_word("Iran's oil—Tehran, 2019", |w, _| words.push(w.to_string()));
        assert_eq!(words, ["iran", "s", "oil", "tehran", "2019"]);
    }
}
