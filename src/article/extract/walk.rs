//! The body's words walked once for the consumers that read them all: the MinHash of
//! `fingerprint` and the phrase matching of `topics`. The walk is the [`Words`] of the text,
//! and each ASCII word of up to 16 bytes (the bulk) also gets its bytes lowercased and packed
//! little-endian into two integers, read in place eight bytes at a time: each consumer hashes
//! those integers its own way instead of scanning the text and reading the word again. Longer
//! words and words with other chars are left to the consumers' own (folding or lowercasing)
//! paths.

use super::text::{ascii_lowercase_8, Word, Words};

/// Bytes a word may have to be packed.
pub const PACKED_BYTES: usize = 16;

/// One word of a walked text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkedWord {
    pub word: Word,
    /// The word lowercased, bytes 0..8 and 8..16 as little-endian integers (missing bytes
    /// zero); `None` for a word with other chars than ASCII or of more than
    /// [`PACKED_BYTES`] bytes.
    pub packed: Option<(u64, u64)>,
}

impl WalkedWord {
    /// The word's length in bytes.
    pub fn byte_len(&self) -> usize {
        self.word.end - self.word.start
    }
}

/// The words of one text, walked once.
#[derive(Debug, Clone)]
pub struct WalkedText<'a> {
    pub text: &'a str,
    pub words: Vec<WalkedWord>,
}

impl<'a> WalkedText<'a> {
    /// Walks the [`Words`] of `text` and keeps them, for consumers that read them again.
    pub fn new(text: &'a str) -> WalkedText<'a> {
        let mut words = Vec::with_capacity(text.len() / 5);
        words.extend(walk(text));
        WalkedText { text, words }
    }

    /// The words that start before byte `at` and the others (`at` must not fall inside a
    /// word).
    pub fn split_at(&self, at: usize) -> (&[WalkedWord], &[WalkedWord]) {
        let n = self.words.partition_point(|w| w.word.start < at);
        self.words.split_at(n)
    }
}

/// The [`Words`] of `text` with their packed lowercase bytes, as they are found (for a
/// single consumer that needs no [`WalkedText`]).
pub fn walk(text: &str) -> impl Iterator<Item = WalkedWord> + '_ {
    let bytes = text.as_bytes();
    Words::new(text).map(move |word| {
        let packed = (word.ascii && word.end - word.start <= PACKED_BYTES)
            .then(|| pack_lowercase(bytes, word.start, word.end));
        WalkedWord { word, packed }
    })
}

/// The ASCII letters and digits `bytes[start..end]` (at most 16) lowercased and packed
/// little-endian into two integers; read as two eight-byte loads in place when the text goes
/// on far enough, the bytes past the word cleared with the masks of its length.
#[inline]
fn pack_lowercase(bytes: &[u8], start: usize, end: usize) -> (u64, u64) {
    let len = end - start;
    debug_assert!(len <= PACKED_BYTES);
    let (lo, hi) = if let Some(sixteen) = bytes.get(start..start + 16) {
        let (lo_mask, hi_mask) = LENGTH_MASKS[len];
        let lo = u64::from_le_bytes(sixteen[..8].try_into().expect("8 bytes"));
        let hi = u64::from_le_bytes(sixteen[8..].try_into().expect("8 bytes"));
        (lo & lo_mask, hi & hi_mask)
    } else {
        let mut packed = [0u8; 16];
        packed[..len].copy_from_slice(&bytes[start..end]);
        (
            u64::from_le_bytes(packed[..8].try_into().expect("8 bytes")),
            u64::from_le_bytes(packed[8..].try_into().expect("8 bytes")),
        )
    };
    (ascii_lowercase_8(lo), ascii_lowercase_8(hi))
}

/// For each word length 0..=16, the masks of its bytes in the two packed integers.
const LENGTH_MASKS: [(u64, u64); PACKED_BYTES + 1] = {
    let mut masks = [(0, 0); PACKED_BYTES + 1];
    let mut len = 0;
    while len <= PACKED_BYTES {
        masks[len] = (low_bytes_mask(len), low_bytes_mask(len.saturating_sub(8)));
        len += 1;
    }
    masks
};

/// A mask of the low `n` bytes of a u64 (`n` ≤ 8).
const fn low_bytes_mask(n: usize) -> u64 {
    if n >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::article::test_rng::Lcg;

    /// The walk yields the words of the old walks (`Words`, i.e. the alphanumeric runs of
    /// `str::split`), and a packed word is its lowercase bytes.
    #[test]
    fn walk_yields_the_words_of_the_old_walks_packed_lowercase() {
        let palette = [
            "a",
            "B",
            "Oil",
            "x-y",
            "9",
            " ",
            "  ",
            "\n",
            "\t",
            ".",
            ",",
            "'",
            "Zürich",
            "İ",
            "ΣΑΣ",
            "é",
            "ß",
            "—",
            "’",
            "\u{A0}",
            "\u{2003}",
            "ABCDEFGHIJKLMNOP",
            "abcdefghijklmnopq",
            "Internationalization",
            "McDonald",
            "O'Neil",
            "½",
            "x9Ab",
            "ǅ",
        ];
        let mut rng = Lcg(16);
        let mut texts: Vec<String> =
            vec![String::new(), " ".into(), "a".into(), "ABCDEFGHIJKLMNOP".into(), "ABCDEFGH".into()];
        for _ in 0..500 {
            let len = rng.next(30);
            texts.push((0..len).map(|_| palette[rng.next(palette.len())]).collect());
        }
        for text in &texts {
            let walked = WalkedText::new(text);
            let old: Vec<Word> = Words::new(text).collect();
            let got: Vec<Word> = walked.words.iter().map(|w| w.word).collect();
            assert_eq!(got, old, "{text:?}");
            let split: Vec<&str> =
                text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            let got: Vec<&str> = walked.words.iter().map(|w| w.word.of(text)).collect();
            assert_eq!(got, split, "{text:?}");
            for w in &walked.words {
                let word = w.word.of(text);
                let packable = word.is_ascii() && word.len() <= PACKED_BYTES;
                assert_eq!(w.packed.is_some(), packable, "{word:?}");
                if let Some((lo, hi)) = w.packed {
                    let mut bytes = [0u8; 16];
                    bytes[..word.len()].copy_from_slice(word.to_ascii_lowercase().as_bytes());
                    assert_eq!(lo, u64::from_le_bytes(bytes[..8].try_into().unwrap()), "{word:?}");
                    assert_eq!(hi, u64::from_le_bytes(bytes[8..].try_into().unwrap()), "{word:?}");
                }
            }
        }
    }

    #[test]
    fn split_at_a_gap_keeps_the_words_of_each_side() {
        let text = "One two.\n\nThree four";
        let walked = WalkedText::new(text);
        let at = text.find("Three").unwrap();
        let (before, after) = walked.split_at(at);
        let words = |ws: &[WalkedWord]| ws.iter().map(|w| w.word.of(text)).collect::<Vec<_>>();
        assert_eq!(words(before), ["One", "two"]);
        assert_eq!(words(after), ["Three", "four"]);
        assert_eq!(walked.split_at(0).0.len(), 0);
        assert_eq!(walked.split_at(text.len()).1.len(), 0);
    }
}
