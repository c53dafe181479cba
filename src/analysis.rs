//! Text analysis for the index: the tokenizer behind morgue's `text` and `name` fields. It
//! produces exactly what tantivy's chain `SimpleTokenizer → RemoveLongFilter(40) → LowerCaser
//! → AsciiFoldingFilter [→ Stemmer(English)]` produces — same terms, positions and offsets,
//! so indexes stay compatible — in one pass instead of five: ASCII words (nearly all of
//! English news) are lowercased in the token's own buffer, and their stems come from a
//! per-thread cache, so the Snowball stemmer runs once per distinct word and thread instead
//! of once per token, and no token allocates. Words with other characters go through
//! tantivy's own filters. Tests hold the fused tokenizer to the chain.

use std::cell::RefCell;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenStream,
    Tokenizer,
};
use xxhash_rust::xxh3::xxh3_64;

use crate::article::extract::text::Words;

/// Words of this many bytes or more are dropped (tantivy's `RemoveLongFilter::limit(40)`);
/// they still take a position.
pub const MAX_WORD_BYTES: usize = 40;

/// The fused tokenizer; `stem` selects the `text` (stemmed) or `name` (unstemmed) analysis.
#[derive(Clone)]
pub struct NewsTokenizer {
    stem: bool,
    /// Snippet analysis only: the leads (first two bytes) of the terms looked for; an ASCII
    /// word starting with none of them cannot stem to one of them (see [`lead_gate`]), so it
    /// is neither stemmed nor given text.
    leads: Option<std::sync::Arc<[Vec<u8>]>>,
    token: Token,
    /// Lowercasing and folding of words with non-ASCII characters.
    fold: TextAnalyzer,
    /// The English stemmer, run on a whole word.
    stemmer: TextAnalyzer,
}

impl NewsTokenizer {
    /// Full-text analysis: lowercased, accent-folded, English-stemmed.
    pub fn text() -> NewsTokenizer {
        NewsTokenizer::new(true)
    }

    /// Name analysis: lowercased and accent-folded, not stemmed.
    pub fn name() -> NewsTokenizer {
        NewsTokenizer::new(false)
    }

    /// Snippet analysis: the `text` analysis of the words that can stem to one of `terms`
    /// (analyzed terms), and an empty text for every other word, with every word's position
    /// and offsets as in [`NewsTokenizer::text`]. A snippet scores a fragment by the tokens
    /// whose text is a term, so it picks the same fragment and highlights, stemming a few
    /// words of a body instead of all of them.
    pub fn snippet<'t>(terms: impl IntoIterator<Item = &'t str>) -> NewsTokenizer {
        let leads: Vec<Vec<u8>> = terms.into_iter().map(|t| lead(t.as_bytes()).to_vec()).collect();
        NewsTokenizer { leads: Some(leads.into()), ..NewsTokenizer::new(true) }
    }

    fn new(stem: bool) -> NewsTokenizer {
        NewsTokenizer {
            stem,
            leads: None,
            token: Token::default(),
            fold: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        self.token.reset();
        NewsTokenStream {
            text,
            words: Words::new(text),
            stem: self.stem,
            leads: self.leads.as_deref(),
            token: &mut self.token,
            fold: &mut self.fold,
            stemmer: &mut self.stemmer,
        }
    }
}

/// The token stream of one text.
pub struct NewsTokenStream<'a> {
    text: &'a str,
    /// The words still to come (`text::Words`: tantivy's `SimpleTokenizer` rule).
    words: Words<'a>,
    stem: bool,
    leads: Option<&'a [Vec<u8>]>,
    token: &'a mut Token,
    fold: &'a mut TextAnalyzer,
    stemmer: &'a mut TextAnalyzer,
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        for word in self.words.by_ref() {
            let (start, end, ascii) = (word.start, word.end, word.ascii);
            self.token.position = self.token.position.wrapping_add(1);
            if end - start >= MAX_WORD_BYTES {
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.text.clear();
            let word = &self.text[start..end];
            if ascii {
                if self.leads.is_some_and(|leads| !lead_gate(leads, word.as_bytes())) {
                    return true;
                }
                self.token.text.push_str(word);
                self.token.text.make_ascii_lowercase();
                if self.stem && needs_stemming(word) {
                    STEMS.with(|cache| cache.borrow_mut().stem(&mut self.token.text, self.stemmer));
                }
            } else {
                analyze_whole(self.fold, word, &mut self.token.text);
                if self.stem {
                    let folded = std::mem::take(&mut self.token.text);
                    analyze_whole(self.stemmer, &folded, &mut self.token.text);
                }
            }
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The first two bytes of an analyzed word (all of it when shorter).
fn lead(word: &[u8]) -> &[u8] {
    &word[..word.len().min(2)]
}

/// Whether an ASCII word (any case) can stem to a term with one of these leads. The English
/// stemmer rewrites only the end of a word: it keeps the first two letters, save a second
/// `y` it may make an `i` (lying → lie), and leaves words of two letters or fewer as they
/// are (tests hold it to that on every word shape and on 80,000 words of real news), so a
/// word whose stem is the term starts with the term's lead, and the rest of the words are
/// passed over without being lowercased or stemmed.
fn lead_gate(leads: &[Vec<u8>], word: &[u8]) -> bool {
    leads.iter().any(|lead| lead_matches(lead, word))
}

/// Whether `word` (any case) can begin a word stemming to something led by `lead`.
fn lead_matches(lead: &[u8], word: &[u8]) -> bool {
    lead.len() <= word.len()
        && lead.iter().zip(word).enumerate().all(|(i, (&l, &w))| {
            let w = w.to_ascii_lowercase();
            l == w || (i == 1 && l == b'i' && w == b'y')
        })
}

/// Whether the English stemmer can change an ASCII word: it leaves words of up to two
/// letters, and words without letters, as they are.
fn needs_stemming(word: &str) -> bool {
    word.len() > 2 && word.bytes().any(|b| b.is_ascii_alphabetic())
}

/// Runs a whole-text analyzer (a `RawTokenizer` chain) on `input`, writing its one token's
/// text to `out`.
fn analyze_whole(analyzer: &mut TextAnalyzer, input: &str, out: &mut String) {
    out.clear();
    let mut stream = analyzer.token_stream(input);
    if stream.advance() {
        out.push_str(&stream.token().text);
    }
}

thread_local! {
    /// Each indexing thread's stems (tantivy's indexing threads live as long as the writer).
    static STEMS: RefCell<StemCache> = RefCell::new(StemCache::default());
}

/// An open-addressing map from lowercased ASCII word to its stem, with both strings in one
/// arena. It starts small (a query stems a handful of words), doubles as it fills, and stops
/// taking new words at `MAX_ENTRIES` (a news vocabulary's frequent words fit many times
/// over), stemming the rest directly.
#[derive(Default)]
struct StemCache {
    /// 0 = empty; otherwise arena offset (bits 32..64), stem length (24..32), word length
    /// (16..24) and 16 bits of the word's hash. A power of two long, at most half full.
    slots: Vec<u64>,
    /// Word bytes followed by stem bytes, entry after entry.
    arena: Vec<u8>,
    entries: usize,
}

impl StemCache {
    const FIRST_SLOTS: usize = 1 << 10;
    const MAX_SLOTS: usize = 1 << 18;
    const MAX_ENTRIES: usize = StemCache::MAX_SLOTS / 2;

    /// Replaces `word` (lowercase ASCII, shorter than `MAX_WORD_BYTES`) by its stem.
    fn stem(&mut self, word: &mut String, stemmer: &mut TextAnalyzer) {
        if self.slots.is_empty() {
            self.slots = vec![0; StemCache::FIRST_SLOTS];
        }
        let hash = xxh3_64(word.as_bytes());
        let i = match self.find(word.as_bytes(), hash) {
            Ok(slot) => {
                let (offset, word_len, stem_len) = unpack(slot);
                let stem = &self.arena[offset + word_len..offset + word_len + stem_len];
                word.clear();
                // The arena holds only the ASCII stems pushed below.
                word.push_str(std::str::from_utf8(stem).expect("stems in the arena are ASCII"));
                return;
            }
            Err(empty) => empty,
        };
        let mut stem = String::new();
        analyze_whole(stemmer, word, &mut stem);
        let fits = stem.len() < 256 && self.arena.len() < u32::MAX as usize / 2;
        if self.entries < StemCache::MAX_ENTRIES && fits {
            let offset = self.arena.len() as u64;
            self.arena.extend_from_slice(word.as_bytes());
            self.arena.extend_from_slice(stem.as_bytes());
            self.slots[i] = offset << 32 | (stem.len() as u64) << 24 | (word.len() as u64) << 16 | hash >> 48;
            self.entries += 1;
            if self.entries * 2 > self.slots.len() && self.slots.len() < StemCache::MAX_SLOTS {
                self.grow();
            }
        }
        *word = stem;
    }

    /// The slot holding `word` (`Ok`), or the empty slot where it would go (`Err`).
    fn find(&self, word: &[u8], hash: u64) -> Result<u64, usize> {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return Err(i);
            }
            let (offset, word_len, _) = unpack(slot);
            if slot & 0xffff == hash >> 48
                && word_len == word.len()
                && &self.arena[offset..offset + word_len] == word
            {
                return Ok(slot);
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the table, re-placing every entry.
    fn grow(&mut self) {
        let doubled = vec![0; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        for slot in old.into_iter().filter(|&s| s != 0) {
            let (offset, word_len, _) = unpack(slot);
            let hash = xxh3_64(&self.arena[offset..offset + word_len]);
            if let Err(i) = self.find(&self.arena[offset..offset + word_len], hash) {
                self.slots[i] = slot;
            }
        }
    }
}

/// (arena offset, word length, stem length) of a filled slot.
fn unpack(slot: u64) -> (usize, usize, usize) {
    ((slot >> 32) as usize, (slot >> 16 & 0xff) as usize, (slot >> 24 & 0xff) as usize)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer};

    use super::*;

    /// tantivy's own chain, the reference.
    fn reference(stem: bool) -> TextAnalyzer {
        let builder = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter);
        if stem {
            builder.filter(Stemmer::new(Language::English)).build()
        } else {
            builder.build()
        }
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    fn assert_same(text: &str) {
        for stem in [true, false] {
            let mut fused = TextAnalyzer::from(NewsTokenizer::new(stem));
            // Twice: the second pass reads stems from the cache.
            for _ in 0..2 {
                assert_eq!(
                    tokens(&mut fused, text),
                    tokens(&mut reference(stem), text),
                    "stem={stem}: {text:?}"
                );
            }
        }
    }

    #[test]
    fn stems_lowercases_and_folds_like_the_tantivy_chain() {
        let mut analyzer = TextAnalyzer::from(NewsTokenizer::text());
        let got = tokens(&mut analyzer, "Officials RAN running, Éric's café; the 1990s!");
        let texts: Vec<&str> = got.iter().map(|t| t.0.as_str()).collect();
        assert_eq!(texts, ["offici", "ran", "run", "eric", "s", "cafe", "the", "1990s"]);
        assert_eq!(got[3], ("eric".to_string(), 3, 23, 28));
    }

    #[test]
    fn long_words_are_dropped_but_keep_their_position() {
        let long = "x".repeat(MAX_WORD_BYTES);
        let text = format!("before {long} after");
        let mut analyzer = TextAnalyzer::from(NewsTokenizer::name());
        let got = tokens(&mut analyzer, &text);
        assert_eq!(got.len(), 2);
        assert_eq!((got[1].0.as_str(), got[1].1), ("after", 2));
        assert_same(&text);
    }

    #[test]
    fn matches_the_chain_on_the_sample_corpus() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus");
        let mut checked = 0;
        for entry in walkdir::WalkDir::new(dir).into_iter().filter_map(Result::ok) {
            if entry.file_type().is_file() {
                let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
                assert_same(&text);
                checked += 1;
            }
        }
        assert!(checked >= 10, "sample corpus read ({checked} files)");
    }

    #[test]
    fn digits_and_short_words_are_left_by_the_stemmer() {
        assert_same("1990s 2019 12th 3d 4x4 a1 ab is as us ys ies sses");
    }

    #[test]
    fn a_full_cache_still_stems() {
        let mut cache = StemCache::default();
        let mut stemmer = NewsTokenizer::text().stemmer;
        for i in 0..StemCache::MAX_ENTRIES + 10 {
            let mut word = format!("running{i:x}");
            cache.stem(&mut word, &mut stemmer);
        }
        assert_eq!(cache.entries, StemCache::MAX_ENTRIES);
        assert_eq!(cache.slots.len(), StemCache::MAX_SLOTS);
        for i in (0..StemCache::MAX_ENTRIES).step_by(997) {
            let mut word = format!("running{i:x}");
            let mut expected = String::new();
            analyze_whole(&mut stemmer, &word, &mut expected);
            cache.stem(&mut word, &mut stemmer);
            assert_eq!(word, expected, "a cached word keeps its stem after the table grew");
        }
        let mut word = "nationalities".to_string();
        cache.stem(&mut word, &mut stemmer);
        assert_eq!(word, "nation");
    }

    #[test]
    fn snippet_analysis_finds_a_stem_that_rewrote_the_words_second_letter() {
        let text = "Lying about it, they kept lies and a list of liars.";
        let gated = tokens(&mut TextAnalyzer::from(NewsTokenizer::snippet(["lie"])), text);
        let found: Vec<&str> = gated.iter().map(|t| t.0.as_str()).filter(|t| !t.is_empty()).collect();
        assert_eq!(found, ["lie", "lie", "list", "liar"]);
        assert_eq!(gated.len(), 11);
    }

    proptest! {
        #[test]
        fn matches_the_chain_on_any_text(
            text in "[a-zA-Z0-9 .,'\\-éÉöÖßİıΣσςçÇñÑæŒﬁ²½٣中文😀\u{301}\u{200b}\t\n]{0,120}"
        ) {
            assert_same(&text);
        }

        #[test]
        fn matches_the_chain_on_english_words(
            words in proptest::collection::vec("[a-z]{1,14}(ing|ed|ies|ness|ational|ly|s)?", 1..30)
        ) {
            assert_same(&words.join(" "));
        }

        #[test]
        fn stems_keep_the_lead_of_the_word(
            word in "([a-z]{1,12}|y[a-z]{0,5}|[a-z]y|[a-z]{0,3}[aeiouy]{1,3}[a-z]{0,3}|[a-z0-9]{1,8})\
                     (ing|ingly|ed|edly|eed|eedly|ied|ies|s|ss|sses|us|ness|ational|tional|ization|\
                     ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|li|bli|ogi|logi|\
                     ful|ous|ive|ize|izer|ate|iti|al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|\
                     ism|ion|ly|y|e|l|ll)?"
        ) {
            let mut stemmer = reference(true);
            let stem = tokens(&mut stemmer, &word).pop().map(|t| t.0).unwrap_or_default();
            prop_assert!(lead_matches(lead(stem.as_bytes()), word.as_bytes()), "{word} -> {stem}");
        }

        #[test]
        fn snippet_analysis_keeps_every_term_and_offset(
            words in proptest::collection::vec("[A-Za-z]{1,12}(ing|ed|ies|ness|ly|s)?|[0-9]{1,4}|caf\u{e9}", 1..40),
            pick in proptest::collection::vec(0usize..40, 1..4)
        ) {
            let text = words.join(" ");
            let full = tokens(&mut TextAnalyzer::from(NewsTokenizer::text()), &text);
            let terms: Vec<&str> = pick.iter().map(|&i| full[i % full.len()].0.as_str()).collect();
            let gated = tokens(&mut TextAnalyzer::from(NewsTokenizer::snippet(terms.iter().copied())), &text);
            prop_assert_eq!(gated.len(), full.len());
            for (g, f) in gated.iter().zip(&full) {
                prop_assert_eq!((g.1, g.2, g.3), (f.1, f.2, f.3));
                prop_assert!(g.0.is_empty() || g.0 == f.0);
                if terms.contains(&f.0.as_str()) {
                    prop_assert_eq!(&g.0, &f.0);
                }
            }
        }
    }
}
