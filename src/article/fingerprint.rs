//! Body fingerprints for duplicate detection: an exact hash of the normalised body, and a
//! MinHash signature of its word shingles for near-duplicates (syndicated copies with edits).
//!
//! The signature is a one-permutation MinHash (OPH) with optimal densification (Shrivastava,
//! "Optimal Densification for Fast and Accurate Minwise Hashing", ICML 2017). Words are
//! lowercased runs of letters and digits (everything else splits); every 3-word shingle is
//! hashed once to 64 bits, whose top 7 bits pick one of [`MINHASH_SIZE`] bins and whose low
//! 32 bits are the value: each bin keeps its minimum value. A bin that no shingle fell into
//! borrows the value of a non-empty bin found by probing `probe(i, 1), probe(i, 2), …` — a
//! fixed hash of (bin, attempt), the same in every build — so two bodies agree in a bin with
//! probability (close to) the Jaccard similarity J of their shingle sets, as with 128
//! independent hash functions, but at the cost of one hash per shingle instead of 128.
//! [`estimated_jaccard`] is the share of agreeing bins: its standard error is about
//! √(J(1−J)/128), ±0.044 at J = 0.5, for bodies with well over 128 shingles; for short bodies
//! (many borrowed bins) it is somewhat larger, and optimal densification keeps it close.
//! Audits band the signature ([`LSH_BANDS`] × [`LSH_ROWS`]) so that only bodies sharing a
//! whole band are compared: a pair with J = 0.5 becomes a candidate with probability 0.87,
//! J = 0.7 with 0.9998, J = 0.1 with 0.003.
//!
//! Both fingerprints scan the body once without allocating per word: ASCII bytes take a fast
//! path, other characters are decoded and lowercased with `char::to_lowercase`; the MinHash
//! reads the body's words from `extract::walk` (the `text::Words` of the body, walked once
//! for the MinHash and the topics, each short ASCII word packed lowercase in two integers).

use xxhash_rust::xxh3::xxh3_64;

use crate::article::extract::walk::{walk, WalkedText, WalkedWord, PACKED_BYTES};

/// Bins (32-bit minimums) in a signature.
pub const MINHASH_SIZE: usize = 128;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 3;
/// LSH bands over the signature …
pub const LSH_BANDS: usize = 32;
/// … of this many rows each (`LSH_BANDS * LSH_ROWS == MINHASH_SIZE`).
pub const LSH_ROWS: usize = 4;

const _: () = assert!(LSH_BANDS * LSH_ROWS == MINHASH_SIZE);
const _: () = assert!(MINHASH_SIZE == 1 << BIN_BITS);
const _: () = assert!(SHINGLE_WORDS == 3, "minhash() combines exactly three word hashes");

/// Bits of the shingle hash that choose the bin.
const BIN_BITS: u32 = 7;
/// Multiplier (odd) and offset of the densification probes.
const PROBE_A: u64 = 0x9FB2_1C65_1E98_DF25;
const PROBE_B: u64 = 0x6D6F_7267_7565; // "morgue"

/// Hash of the body with case and whitespace normalised: equal for exact duplicates.
///
/// The xxh3 of the body's whitespace-separated words, each lowercased (`char::to_lowercase`),
/// joined by single spaces. The normalised bytes are built in one buffer, byte by byte with
/// few branches for ASCII, and hashed at once.
pub fn body_hash(body: &str) -> u64 {
    if body.is_ascii() {
        return ascii_body_hash(body.as_bytes());
    }
    let bytes = body.as_bytes();
    let n = bytes.len();
    // Invariant: out.len() >= o + pending_space + (n - i), so ASCII bytes (each writes at
    // most itself and a pending space) always fit; non-ASCII chars grow `out` first.
    let mut out = vec![0u8; n + 16];
    let mut o = 0;
    let mut i = 0;
    // Inside a word (the next whitespace ends it and asks for a space before the next word).
    let mut in_word = false;
    let mut pending_space = false;
    while i < n {
        let b = bytes[i];
        if b < 0x80 {
            // Branch-free: word boundaries are unpredictable. Whitespace writes nothing (the
            // stores are overwritten), and marks a pending space if it ends a word.
            i += 1;
            let space = ASCII_SPACE[b as usize];
            out[o] = b' ';
            o += (pending_space & !space) as usize;
            out[o] = b.to_ascii_lowercase();
            o += !space as usize;
            pending_space = space & (pending_space | in_word);
            in_word = !space;
            continue;
        }
        let c = body[i..].chars().next().expect("a char starts here");
        i += c.len_utf8();
        if c.is_whitespace() {
            pending_space |= in_word;
            in_word = false;
            continue;
        }
        // A space and up to three lowercase chars of four bytes.
        if out.len() < o + 16 + (n - i) {
            out.resize(o + 16 + (n - i), 0);
        }
        if pending_space {
            out[o] = b' ';
            o += 1;
            pending_space = false;
        }
        for lower in c.to_lowercase() {
            o += lower.encode_utf8(&mut out[o..]).len();
        }
        in_word = true;
    }
    xxh3_64(&out[..o])
}

/// [`body_hash`] of an ASCII body (the bulk): the trimmed body is copied in runs that are
/// already normal (words with single spaces between them), found eight bytes at a time; only
/// other whitespace (line breaks, runs) is rewritten as one space, and the buffer is
/// lowercased at once. A block stops the scan only at a whitespace byte other than a space
/// or at a space after a space: the single spaces between words pass eight bytes at a time.
fn ascii_body_hash(bytes: &[u8]) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let is_space = |b: u8| ASCII_SPACE[usize::from(b)];
    let start = bytes.iter().position(|&b| !is_space(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|&b| !is_space(b)).map_or(start, |e| e + 1);
    let text = &bytes[start..end];
    let mut out = Vec::with_capacity(text.len());
    // `text[run..i]` is normal and not yet copied; the text starts and ends in a word, so
    // every whitespace byte has a byte before and after it.
    let (mut run, mut i) = (0, 0);
    // The byte before `text[i]` is a space (0x20).
    let mut after_space = false;
    while i < text.len() {
        // ASCII bytes (and zero padding past the end): no carries between bytes.
        let x = match text.get(i..i + 8) {
            Some(eight) => u64::from_le_bytes(eight.try_into().expect("8 bytes")),
            None => {
                let mut last = [0u8; 8];
                last[..text.len() - i].copy_from_slice(&text[i..]);
                u64::from_le_bytes(last)
            }
        };
        // High bit set on the bytes 0x09..=0x0D (whitespace other than the space) …
        let other = (x + ONES * (0x80 - 0x09)) & !(x + ONES * (0x7F - 0x0D)) & HIGH;
        // … and on the spaces, and on the bytes right after a space.
        let space = !((x ^ (ONES * 0x20)) + ONES * 0x7F) & HIGH;
        let after = (space << 8) | (u64::from(after_space) << 7);
        let odd = other | (space & after);
        if odd == 0 {
            i += 8;
            after_space = space >> 63 != 0;
            continue;
        }
        // The whitespace run to rewrite starts here, or at the single space before it.
        let k = i + (odd.trailing_zeros() / 8) as usize;
        let j = if text[k - 1] == b' ' { k - 1 } else { k };
        out.extend_from_slice(&text[run..j]);
        out.push(b' ');
        i = k;
        while is_space(text[i]) {
            i += 1;
        }
        run = i;
        after_space = false;
    }
    out.extend_from_slice(&text[run..]);
    out.make_ascii_lowercase();
    xxh3_64(&out)
}

/// ASCII bytes that `char::is_whitespace` (and so `split_whitespace`) treats as whitespace.
const ASCII_SPACE: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = matches!(b as u8, b' ' | b'\t'..=b'\r');
        b += 1;
    }
    table
};

/// Values a signature is stored as: two bins in each `u64` (the even bin in the high half).
pub const MINHASH_WORDS: usize = MINHASH_SIZE / 2;

/// MinHash signature of the body's word shingles, packed two bins to a word as the `minhash`
/// column stores it ([`MINHASH_WORDS`] words; empty for a body without words).
pub fn minhash_words(body: &str) -> Vec<u64> {
    minhash_words_of(&WalkedText::new(body))
}

/// [`minhash_words`] of a body already walked.
pub fn minhash_words_of(body: &WalkedText<'_>) -> Vec<u64> {
    match minhash_of(body) {
        Some(signature) => {
            signature.chunks_exact(2).map(|pair| (u64::from(pair[0]) << 32) | u64::from(pair[1])).collect()
        }
        None => Vec::new(),
    }
}

/// Unpacks a signature written by [`minhash_words`] (`None` when empty or malformed).
pub fn signature_from_words(words: &[u64]) -> Option<Vec<u32>> {
    if words.len() != MINHASH_WORDS {
        return None;
    }
    // Filled in place: a flat_map's collect grew the vector six times.
    let mut signature = vec![0u32; MINHASH_SIZE];
    for (bins, &w) in signature.as_chunks_mut::<2>().0.iter_mut().zip(words) {
        *bins = [(w >> 32) as u32, w as u32];
    }
    Some(signature)
}

/// Default minimum estimated Jaccard of near-duplicate bodies (`audit --check
/// near-duplicates`, and copies collapsed in search results).
pub const NEAR_THRESHOLD: f64 = 0.5;

/// Whether two signatures are near-duplicates at [`NEAR_THRESHOLD`].
pub fn near_duplicate(a: &[u32], b: &[u32]) -> bool {
    estimated_jaccard(a, b) >= NEAR_THRESHOLD
}

/// Bodies of fewer words than this are notices that one template writes for many companies
/// (a dividend, an earnings line: "Qtly div 7-1/2 cts vs 7-1/2 cts prior / Pay April 1"), the
/// company named only in the headline: two of them are copies only if their headlines
/// share at least [`TITLE_AGREEMENT`] of their words as well.
pub const SHORT_BODY_WORDS: usize = 80;
/// Minimum Jaccard of the headline words of two short bodies' articles.
pub const TITLE_AGREEMENT: f64 = 0.7;
/// Minimum Jaccard of the numbers two bodies print (when both print some): a weekly report
/// or an earnings table filled in with other figures is another story on the same template.
pub const NUMBER_AGREEMENT: f64 = 0.5;
/// The same for short bodies, whose numbers are most of what they say ("six grain ships
/// loading" one day, "five" the next).
pub const SHORT_NUMBER_AGREEMENT: f64 = 0.8;

/// An article as the copy test reads it.
#[derive(Debug, Clone, Copy)]
pub struct CopyText<'a> {
    pub title: &'a str,
    pub body: &'a str,
}

/// The exact Jaccard similarity of two bodies' word shingles when the articles are copies of
/// one story at `threshold`, else `None`: the MinHash estimate only finds candidates, this
/// decides. Copies share at least `threshold` of their shingles, at least
/// [`NUMBER_AGREEMENT`] of their numbers ([`SHORT_NUMBER_AGREEMENT`] for short bodies) when
/// both print some, and, for short bodies, at least
/// [`TITLE_AGREEMENT`] of their headline words: the template notices of different
/// companies, which share most shingles, fail on the numbers or the headline.
pub fn copy_similarity(a: CopyText, b: CopyText, threshold: f64) -> Option<f64> {
    CopyProfile::new(a).similarity(&CopyProfile::new(b), threshold)
}

/// What [`copy_similarity`] compares of one article, read from its text once: a search or an
/// audit that tests one leader against many candidates builds each article's profile once.
/// Sets are sorted, distinct vectors.
#[derive(Debug, Clone)]
pub struct CopyProfile {
    shingles: Vec<u64>,
    words: usize,
    title_words: Vec<u64>,
    numbers: Vec<String>,
}

impl CopyProfile {
    pub fn new(text: CopyText) -> CopyProfile {
        let (shingles, words) = shingle_set(text.body);
        let mut title_words = Vec::new();
        for_each_word_hash(text.title, walk(text.title), &mut Vec::new(), |h| title_words.push(h));
        title_words.sort_unstable();
        title_words.dedup();
        CopyProfile { shingles, words, title_words, numbers: numbers(text.body) }
    }

    /// The exact Jaccard similarity of the two bodies' shingles when the articles are copies
    /// at `threshold` (see [`copy_similarity`]), else `None`.
    pub fn similarity(&self, other: &CopyProfile, threshold: f64) -> Option<f64> {
        let similarity = set_jaccard(&self.shingles, &other.shingles);
        if similarity < threshold {
            return None;
        }
        let short = self.words.min(other.words) < SHORT_BODY_WORDS;
        let (na, nb) = (&self.numbers, &other.numbers);
        let agreement = if short { SHORT_NUMBER_AGREEMENT } else { NUMBER_AGREEMENT };
        if !na.is_empty() && !nb.is_empty() && set_jaccard(na, nb) < agreement {
            return None;
        }
        if short && set_jaccard(&self.title_words, &other.title_words) < TITLE_AGREEMENT {
            return None;
        }
        Some(similarity)
    }
}

/// The hashes of a body's word shingles (as [`minhash`] makes them) and its number of words.
fn shingle_set(body: &str) -> (Vec<u64>, usize) {
    let mut set = Vec::new();
    let (mut w1, mut w2, mut words) = (0u64, 0u64, 0usize);
    for_each_word_hash(body, walk(body), &mut Vec::new(), |w| {
        if words >= SHINGLE_WORDS - 1 {
            set.push(shingle_hash(w2, w1, w));
        }
        (w2, w1) = (w1, w);
        words += 1;
    });
    match words {
        1 => set.push(shingle_hash(0, 0, w1)),
        2 => set.push(shingle_hash(0, w2, w1)),
        _ => {}
    }
    set.sort_unstable();
    set.dedup();
    (set, words)
}

/// The numbers a body prints: whitespace-separated tokens with a digit, outer punctuation
/// trimmed ("7-1/2", "1.19", "March 10" gives "10"), and the numbers one to twenty in words,
/// lowercased.
fn numbers(body: &str) -> Vec<String> {
    const WORDS: [&str; 20] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    let mut numbers: Vec<String> = body
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter_map(|t| {
            if t.chars().any(|c| c.is_ascii_digit()) {
                return Some(t.to_string());
            }
            let lower = t.to_ascii_lowercase();
            WORDS.contains(&lower.as_str()).then_some(lower)
        })
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// The Jaccard similarity of two sorted, distinct sets (1 when both are empty).
fn set_jaccard<T: Ord>(a: &[T], b: &[T]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        return 1.0;
    }
    common as f64 / union as f64
}

/// Share of positions where two signatures agree: an estimate of the shingles' Jaccard.
pub fn estimated_jaccard(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// The key of LSH band `band` of a signature: the hash of its rows with the band's number
/// mixed in, so equal keys mean the same band agrees (one key space serves every band).
pub fn band_hash(signature: &[u32], band: usize) -> u64 {
    let rows = &signature[band * LSH_ROWS..(band + 1) * LSH_ROWS];
    let mut bytes = [0u8; 4 * LSH_ROWS];
    for (chunk, v) in bytes.chunks_exact_mut(4).zip(rows) {
        chunk.copy_from_slice(&v.to_le_bytes());
    }
    xxh3_64(&bytes) ^ (band as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The signature as numbers (`None` for a body without words): one-permutation MinHash of
/// the 3-word shingles with optimal densification (see the module documentation).
pub fn minhash(body: &str) -> Option<[u32; MINHASH_SIZE]> {
    minhash_of(&WalkedText::new(body))
}

/// [`minhash`] of a body already walked (`Extractor::parse` walks the body once for the
/// MinHash and the topics).
pub fn minhash_of(body: &WalkedText<'_>) -> Option<[u32; MINHASH_SIZE]> {
    let mut bins = [u32::MAX; MINHASH_SIZE];
    // Bit i % 64 of word i / 64: some shingle fell into bin i.
    let mut filled = [0u64; MINHASH_SIZE / 64];
    let mut insert = |h: u64| {
        let bin = (h >> (64 - BIN_BITS)) as usize;
        let value = h as u32;
        if value < bins[bin] {
            bins[bin] = value;
        }
        filled[bin / 64] |= 1 << (bin % 64);
    };
    // The last two word hashes (previous, the one before) and the number of words so far.
    let (mut w1, mut w2, mut words) = (0u64, 0u64, 0usize);
    for_each_word_hash(body.text, body.words.iter().copied(), &mut Vec::new(), |w| {
        if words >= SHINGLE_WORDS - 1 {
            insert(shingle_hash(w2, w1, w));
        }
        (w2, w1) = (w1, w);
        words += 1;
    });
    // A body shorter than a shingle is one shingle of all its words.
    match words {
        0 => return None,
        1 => insert(shingle_hash(0, 0, w1)),
        2 => insert(shingle_hash(0, w2, w1)),
        _ => {}
    }
    densify(&mut bins, filled);
    Some(bins)
}

/// Optimal densification: every empty bin `i` takes the value of the first non-empty bin
/// among `probe(i, 1), probe(i, 2), …`. `filled` (bit `i % 64` of word `i / 64` for bin `i`)
/// must have at least one bit set. Only the empty bins are visited, read off the bit words.
fn densify(bins: &mut [u32; MINHASH_SIZE], filled: [u64; MINHASH_SIZE / 64]) {
    debug_assert!(filled.iter().any(|&w| w != 0));
    let is_filled = |j: usize| filled[j / 64] >> (j % 64) & 1 != 0;
    for (word, &bits) in filled.iter().enumerate() {
        let mut empty = !bits;
        while empty != 0 {
            let i = word * 64 + empty.trailing_zeros() as usize;
            empty &= empty - 1;
            let mut attempt = 1u64;
            loop {
                let j = probe(i, attempt);
                if is_filled(j) {
                    // Bin j is an original (filled) bin: only empty bins are written.
                    bins[i] = bins[j];
                    break;
                }
                attempt += 1;
            }
        }
    }
}

/// The bin that empty bin `i` looks at on attempt `attempt`: a fixed multiply-add-shift
/// universal hash of the pair (the same in every build).
#[inline]
fn probe(i: usize, attempt: u64) -> usize {
    let x = ((i as u64) << 32) | attempt;
    (x.wrapping_mul(PROBE_A).wrapping_add(PROBE_B) >> (64 - BIN_BITS)) as usize
}

/// The 64-bit hash of a shingle from its words' hashes (oldest first): simple tabulation
/// hashing with words as characters, each position's table being the (already random) word
/// hash rotated by a position-dependent amount, so no further mixing is needed.
#[inline]
fn shingle_hash(a: u64, b: u64, c: u64) -> u64 {
    a ^ b.rotate_left(21) ^ c.rotate_left(42)
}

/// Calls `f` with the hash of every word of `text`, walked, in order: its words lowercased
/// with `char::to_lowercase`, hashed by [`word_hash`]. Packed words (ASCII, up to 16 bytes:
/// the bulk) are hashed from the walk's integers; longer ones and words with other chars are
/// lowercased into `scratch` (reused, so no allocation per word).
fn for_each_word_hash(
    text: &str,
    words: impl IntoIterator<Item = WalkedWord>,
    scratch: &mut Vec<u8>,
    mut f: impl FnMut(u64),
) {
    for w in words {
        match w.packed {
            Some((lo, hi)) => f(mix_packed(lo, hi)),
            None => {
                scratch.clear();
                w.word.lower_into(text, scratch);
                f(word_hash(scratch));
            }
        }
    }
}

/// The hash of a lowercased word: words of up to 16 bytes are packed into two integers and
/// mixed (cheap, and no two words of up to 8 bytes collide), longer ones go through xxh3.
#[inline]
fn word_hash(word: &[u8]) -> u64 {
    if word.len() > PACKED_BYTES {
        return xxh3_64(word);
    }
    let mut packed = [0u8; 16];
    packed[..word.len()].copy_from_slice(word);
    let lo = u64::from_le_bytes(packed[..8].try_into().expect("8 bytes"));
    let hi = u64::from_le_bytes(packed[8..].try_into().expect("8 bytes"));
    mix_packed(lo, hi)
}

/// Mixes a word packed little-endian into two integers (a bijection of `lo` for `hi` = 0,
/// i.e. no two words of up to 8 bytes collide).
#[inline]
fn mix_packed(lo: u64, hi: u64) -> u64 {
    splitmix(lo ^ hi.wrapping_mul(0xD6E8_FEB8_6659_FD93).rotate_left(32))
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn template_notices_of_different_companies_are_not_copies() {
        let text = |title, body| CopyText { title, body };
        let notice =
            "Quarterly dividend 12 cts vs 12 cts prior. Payable June 1, to holders of record May 15.";
        let (a, b) = (
            text("HARBOR MILLS <HML> SETS QUARTERLY", notice),
            text("TOLAND FOODS <TLF> SETS QUARTERLY", notice),
        );
        assert_eq!(copy_similarity(a, b, 0.5), None, "another company on the same template");
        let c = text("HARBOR MILLS INC <HML> SETS QUARTERLY", notice);
        assert_eq!(copy_similarity(a, c, 0.5), Some(1.0), "the same notice under a retyped headline");
        let figures =
            "Quarterly dividend 15 cts vs 14 cts prior. Payable July 2, to holders of record June 18.";
        assert_eq!(
            copy_similarity(a, text("HARBOR MILLS <HML> SETS QUARTERLY", figures), 0.3),
            None,
            "other numbers"
        );
        let (day1, day2) = (
            "There were six grain ships loading and five waiting to load at the port, the exchange said.",
            "There were seven grain ships loading and five waiting to load at the port, the exchange said.",
        );
        let ships = "GRAIN SHIPS LOADING";
        assert_eq!(copy_similarity(text(ships, day1), text(ships, day2), 0.3), None, "another day's report");
        assert_eq!(copy_similarity(text(ships, day1), text(ships, day1), 0.5), Some(1.0));
        let long = TEXT.repeat(3);
        let edited = long.replacen("insurers", "underwriters", 1);
        let j = copy_similarity(text("One headline", &long), text("Another entirely", &edited), 0.5).unwrap();
        assert!((0.8..1.0).contains(&j), "a long copy needs no headline agreement: {j}");
        assert_eq!(copy_similarity(text("x", TEXT), text("x", "Senate acquits the president."), 0.5), None);
    }

    const TEXT: &str = "Iranian forces seized a tanker in the Strait of Hormuz on Friday, officials said, \
        as tensions with Washington rose after weeks of attacks on shipping in the Gulf of Oman. \
        The seizure raised oil prices and insurers said premiums for the route had doubled.";

    #[test]
    fn signatures_round_trip_and_are_stable() {
        let words = minhash_words(TEXT);
        assert_eq!(words.len(), MINHASH_WORDS);
        let sig = signature_from_words(&words).unwrap();
        assert_eq!(sig, minhash(TEXT).unwrap().to_vec());
        assert_eq!(minhash_words(TEXT), words, "deterministic");
        assert!(minhash_words("  ,. ").is_empty());
        assert_eq!(signature_from_words(&words[1..]), None, "malformed");
        assert_eq!(body_hash("A  b\nC"), body_hash("a b c"));
    }

    #[test]
    fn estimate_tracks_similarity() {
        let same = minhash(&TEXT.to_uppercase()).unwrap();
        let base = minhash(TEXT).unwrap();
        assert_eq!(estimated_jaccard(&base, &same), 1.0);
        let edited =
            TEXT.replace("insurers said premiums for the route had doubled", "shipping costs climbed");
        let j = estimated_jaccard(&base, &minhash(&edited).unwrap());
        assert!((0.5..0.95).contains(&j), "{j}");
        let other =
            minhash("Senate acquits the president after a short trial in Washington on Saturday.").unwrap();
        assert!(estimated_jaccard(&base, &other) < 0.1);
    }

    /// The body hash as it was first written (one `update` per word): the fast one must
    /// give exactly the same values, or every stored body hash would change.
    fn body_hash_reference(body: &str) -> u64 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for (i, word) in body.split_whitespace().enumerate() {
            if i > 0 {
                hasher.update(b" ");
            }
            let lower: String = word.chars().flat_map(char::to_lowercase).collect();
            hasher.update(lower.as_bytes());
        }
        hasher.digest()
    }

    /// A deterministic pseudo-random stream (no dependency on a crate's algorithm).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = splitmix(self.0);
            (self.0 % n as u64) as usize
        }
    }

    #[test]
    fn body_hash_is_unchanged() {
        let palette = [
            "a", "B", "Zürich", "İ", "ΣΑΣ", " ", "  ", "\n", "\t", "\r\n", "\u{0B}", "\u{0C}", "\u{1F}",
            "\u{85}", "\u{A0}", "\u{2003}", "\u{3000}", "é", "ß", "—", "’", "9", "x-y", "O'Neil", "Ǆ", "ﬁ",
        ];
        let mut rng = Lcg(7);
        let mut texts = vec![String::new(), " ".into(), TEXT.into(), TEXT.to_uppercase()];
        for _ in 0..300 {
            let len = rng.next(40);
            texts.push((0..len).map(|_| palette[rng.next(palette.len())]).collect());
        }
        // ASCII only (the fast path): every ASCII whitespace byte, runs of it, both ends.
        let ascii =
            ["a", "B", "Oil", "x-y", "9", " ", "  ", "\n", "\n\n", "\t", "\r", "\u{0B}", "\u{0C}", "\u{1F}"];
        for _ in 0..300 {
            let len = rng.next(40);
            texts.push((0..len).map(|_| ascii[rng.next(ascii.len())]).collect());
        }
        // Long ASCII texts: the eight-byte scan of the fast path, with control chars inside
        // words and whitespace runs across the eight-byte blocks.
        let long = ["a", "Oil", "ABCDEFGHIJ", " ", "  ", "\n", "\n\n", " \n ", "\t", "\u{1}", "\u{1F}", "!"];
        for _ in 0..300 {
            let len = rng.next(400);
            texts.push((0..len).map(|_| long[rng.next(long.len())]).collect());
        }
        // Longer than the hasher's chunk, with wide chars near the chunk boundary.
        texts.push("Ünïcödé WORDS\u{2003}and ascii ".repeat(700));
        for text in &texts {
            assert_eq!(body_hash(text), body_hash_reference(text), "{text:?}");
        }
    }

    #[test]
    fn words_are_hashed_lowercased_and_split_like_before() {
        let long = "Internationalization COUNTERREVOLUTIONARIES abcdefgh ABCDEFGHIJKLMNOP abcdefghijklmnopq";
        for text in [
            "Iran's OIL—Tehran, 2019 Zürich ZÜRICH naïve-Ünïcode x9Ab",
            long,
            &long.to_lowercase(),
            "ÉCOLE Straße ΣΑΣ 2019-05-14 McDonald’s a Z z0 Z9",
        ] {
            let mut fast = Vec::new();
            for_each_word_hash(text, walk(text), &mut Vec::new(), |h| fast.push(h));
            let reference: Vec<u64> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| word_hash(w.chars().flat_map(char::to_lowercase).collect::<String>().as_bytes()))
                .collect();
            assert_eq!(fast, reference, "{text}");
        }
        let mut hashes: Vec<u64> = ["a", "b", "ab", "ba", "abcdefgh", "abcdefghi", "abcdefghijklmnopq", "é"]
            .iter()
            .map(|w| word_hash(w.as_bytes()))
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), 8);
    }

    fn shingles(text: &str) -> HashSet<String> {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect();
        words.windows(SHINGLE_WORDS).map(|w| w.join(" ")).collect()
    }

    #[test]
    fn estimate_is_close_to_the_exact_jaccard_of_a_long_edited_copy() {
        let mut rng = Lcg(2017);
        let vocabulary: Vec<String> = (0..3000).map(|i| format!("w{}", splitmix(i) % 100_000)).collect();
        let sentence = |rng: &mut Lcg| {
            let len = 10 + rng.next(15);
            let words: Vec<&str> =
                (0..len).map(|_| vocabulary[rng.next(vocabulary.len())].as_str()).collect();
            format!("{}.", words.join(" "))
        };
        for round in 0..4 {
            let original: Vec<String> = (0..150 + 50 * round).map(|_| sentence(&mut rng)).collect();
            let edited: Vec<String> = original
                .iter()
                .map(|s| if rng.next(10) == 0 { sentence(&mut rng) } else { s.clone() })
                .collect();
            let (a, b) = (original.join(" "), edited.join(" "));
            let (sa, sb) = (shingles(&a), shingles(&b));
            let exact = sa.intersection(&sb).count() as f64 / sa.union(&sb).count() as f64;
            let estimate = estimated_jaccard(&minhash(&a).unwrap(), &minhash(&b).unwrap());
            assert!((0.5..0.95).contains(&exact), "round {round}: exact {exact}");
            assert!((estimate - exact).abs() <= 0.1, "round {round}: estimate {estimate}, exact {exact}");
        }
    }

    #[test]
    fn short_bodies_are_densified_consistently() {
        let one = minhash("Tanker").unwrap();
        assert!(one.iter().all(|&v| v == one[0]), "one shingle fills every bin");
        assert_eq!(minhash("tanker seized").unwrap(), minhash("TANKER, seized!").unwrap());
        let a = minhash("Iranian forces seized a tanker").unwrap();
        let b = minhash("Iranian forces seized a ship").unwrap();
        let j = estimated_jaccard(&a, &b);
        assert!((0.2..0.95).contains(&j), "{j}");
    }
}
