//! Body fingerprints for duplicate detection: an exact hash of the normalised body, and a
//! MinHash signature of its word shingles for near-duplicates (syndicated copies with edits).
//!
//! The signature is [`MINHASH_SIZE`] 32-bit minimums over the body's 3-word shingles (words
//! lowercased, punctuation dropped), one per hash function `h_i(x) = (a_i·x + b_i) >> 32`.
//! Two signatures agree in a position with probability equal to the Jaccard similarity of
//! the shingle sets, so [`estimated_jaccard`] estimates it (±0.045 at J = 0.5). Audits band
//! the signature ([`LSH_BANDS`] × [`LSH_ROWS`]) so that only bodies sharing a whole band are
//! compared: a pair with J = 0.5 becomes a candidate with probability 0.87, J = 0.7 with
//! 0.9998, J = 0.1 with 0.003.

use xxhash_rust::xxh3::xxh3_64;

/// Hash functions (and 32-bit minimums) in a signature.
pub const MINHASH_SIZE: usize = 128;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 3;
/// LSH bands over the signature …
pub const LSH_BANDS: usize = 32;
/// … of this many rows each (`LSH_BANDS * LSH_ROWS == MINHASH_SIZE`).
pub const LSH_ROWS: usize = 4;

const _: () = assert!(LSH_BANDS * LSH_ROWS == MINHASH_SIZE);

/// Hash of the body with case and whitespace normalised: equal for exact duplicates.
pub fn body_hash(body: &str) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut lower = String::new();
    for (i, word) in body.split_whitespace().enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        if word.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            hasher.update(lower.as_bytes());
        } else {
            hasher.update(word.as_bytes());
        }
    }
    hasher.digest()
}

/// MinHash signature of the body's word shingles, as little-endian bytes
/// (`4 * MINHASH_SIZE` bytes; empty for a body without words).
pub fn minhash_bytes(body: &str) -> Vec<u8> {
    match minhash(body) {
        Some(signature) => signature.iter().flat_map(|v| v.to_le_bytes()).collect(),
        None => Vec::new(),
    }
}

/// Decodes a signature written by [`minhash_bytes`] (`None` when empty or malformed).
pub fn signature_from_bytes(bytes: &[u8]) -> Option<Vec<u32>> {
    if bytes.len() != 4 * MINHASH_SIZE {
        return None;
    }
    Some(bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
}

/// Share of positions where two signatures agree: an estimate of the shingles' Jaccard.
pub fn estimated_jaccard(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

/// The hash of LSH band `band` of a signature (bucket key together with the band number).
pub fn band_hash(signature: &[u32], band: usize) -> u64 {
    let rows = &signature[band * LSH_ROWS..(band + 1) * LSH_ROWS];
    let mut bytes = [0u8; 4 * LSH_ROWS];
    for (chunk, v) in bytes.chunks_exact_mut(4).zip(rows) {
        chunk.copy_from_slice(&v.to_le_bytes());
    }
    xxh3_64(&bytes)
}

/// The signature as numbers (`None` for a body without words).
pub fn minhash(body: &str) -> Option<[u32; MINHASH_SIZE]> {
    let words: Vec<u64> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower: String = w.chars().flat_map(char::to_lowercase).collect();
            xxh3_64(lower.as_bytes())
        })
        .collect();
    if words.is_empty() {
        return None;
    }
    let (a, b) = coefficients();
    let mut signature = [u32::MAX; MINHASH_SIZE];
    let width = SHINGLE_WORDS.min(words.len());
    for window in words.windows(width) {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for w in window {
            x = splitmix(x ^ w);
        }
        for i in 0..MINHASH_SIZE {
            let h = (a[i].wrapping_mul(x).wrapping_add(b[i]) >> 32) as u32;
            if h < signature[i] {
                signature[i] = h;
            }
        }
    }
    Some(signature)
}

/// Fixed, odd multipliers and offsets of the hash functions (the same in every build).
fn coefficients() -> &'static ([u64; MINHASH_SIZE], [u64; MINHASH_SIZE]) {
    static COEFFICIENTS: std::sync::OnceLock<([u64; MINHASH_SIZE], [u64; MINHASH_SIZE])> =
        std::sync::OnceLock::new();
    COEFFICIENTS.get_or_init(|| {
        let mut state = 0x6D6F_7267_7565u64; // "morgue"
        let mut a = [0u64; MINHASH_SIZE];
        let mut b = [0u64; MINHASH_SIZE];
        for i in 0..MINHASH_SIZE {
            state = splitmix(state);
            a[i] = state | 1;
            state = splitmix(state);
            b[i] = state;
        }
        (a, b)
    })
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

    const TEXT: &str = "Iranian forces seized a tanker in the Strait of Hormuz on Friday, officials said, \
        as tensions with Washington rose after weeks of attacks on shipping in the Gulf of Oman. \
        The seizure raised oil prices and insurers said premiums for the route had doubled.";

    #[test]
    fn signatures_round_trip_and_are_stable() {
        let bytes = minhash_bytes(TEXT);
        assert_eq!(bytes.len(), 4 * MINHASH_SIZE);
        let sig = signature_from_bytes(&bytes).unwrap();
        assert_eq!(sig, minhash(TEXT).unwrap().to_vec());
        assert_eq!(minhash_bytes(TEXT), bytes, "deterministic");
        assert!(minhash_bytes("  ,. ").is_empty());
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
}
