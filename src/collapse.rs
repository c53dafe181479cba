//! Copies collapsed in a ranked list: a syndicated archive holds one wire story in every
//! paper that ran it, so `search` shows each story once, at its best-ranked copy, and names
//! the other copies among the results on that hit. A copy is an article with the same
//! normalised body (`body_hash`) or a near-duplicate by the test `audit --check
//! near-duplicates` applies ([`fingerprint::near_duplicate`]). Groups form around leaders,
//! never through chains: each result, in rank order, joins the best-ranked leader it is a copy
//! of, or else leads a group of its own. Candidates are found as the audit finds them, by
//! exact hash and by LSH bands of the MinHash signature, so a long window costs little more
//! than reading two fast fields per result, and the texts of the few pairs whose signatures
//! agree, which `fingerprint::copy_similarity` confirms or rejects (another company's notice
//! written on the same template is not a copy).

use tantivy::DocAddress;

use crate::archive::Archive;
use crate::article::extract::text::FastMap;
use crate::article::fingerprint::{band_hash, body_hash, near_duplicate, LSH_BANDS, LSH_ROWS};
use crate::error::Result;

/// What tells copies apart: the hash of the normalised body and the MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Print {
    /// `fingerprint::body_hash` of the body (the hash of an empty body never matches).
    pub body_hash: u64,
    /// The MinHash signature (`None` for a body without words).
    pub signature: Option<Vec<u32>>,
}

/// Reads the prints of `addresses` from the `body_hash` and `minhash` fast fields.
pub fn prints(archive: &Archive, addresses: &[DocAddress]) -> Result<Vec<Print>> {
    let mut out = Vec::with_capacity(addresses.len());
    for address in addresses {
        let columns = archive.segment_columns(address.segment_ord)?;
        let hash = columns.body_hashes.first(address.doc_id).unwrap_or_else(|| body_hash(""));
        out.push(Print { body_hash: hash, signature: columns.signature(address.doc_id) });
    }
    Ok(out)
}

/// The article ids of `addresses`, written from the `id_key` column (no stored document or
/// id dictionary is read), or read from the `id` column for an id of another form (key 0).
pub fn ids(archive: &Archive, addresses: &[DocAddress]) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(addresses.len());
    for address in addresses {
        let key = archive.segment_columns(address.segment_ord)?.id_key(address.doc_id);
        if key != 0 {
            out.push(format!("{key:016x}"));
            continue;
        }
        let mut id = String::new();
        let reader = archive.searcher.segment_reader(address.segment_ord);
        if let Some(column) = reader.fast_fields().str("id")? {
            if let Some(ord) = column.term_ords(address.doc_id).next() {
                column.ord_to_str(ord, &mut id).map_err(tantivy::TantivyError::from)?;
            }
        }
        out.push(id);
    }
    Ok(out)
}

/// Groups results given in rank order: each group is a leader (its first index) and the
/// later results that are copies of it, in rank order; groups are in their leaders' order.
/// A result that is a copy of several leaders joins the best-ranked one. A result is a copy
/// of a leader with the same body hash, or of one whose signature it is a near-duplicate of
/// when `confirm(result, leader)` agrees (the search reads both texts and asks
/// `fingerprint::copy_similarity`, as the audit does).
pub fn group(prints: &[Print], confirm: impl FnMut(usize, usize) -> bool) -> Vec<Vec<usize>> {
    if prints.len() <= DIRECT_MAX {
        group_directly(prints, confirm)
    } else {
        group_by_keys(prints, confirm)
    }
}

/// Up to this many results (a first page's window is 20), [`group`] compares each result
/// with every leader before it; past it, it finds the leaders through tables of keys, as the
/// audit does (hashing 32 band keys per result cost more than the comparisons it saves).
const DIRECT_MAX: usize = 40;

/// [`group`] by comparing each result with the leaders before it, in their order: the first
/// leader with the same body hash, or sharing an LSH band of its signature, near-duplicate
/// and confirmed, is the best-ranked one [`group_by_keys`] finds.
fn group_directly(prints: &[Print], mut confirm: impl FnMut(usize, usize) -> bool) -> Vec<Vec<usize>> {
    let empty = body_hash("");
    let digests: Vec<Option<BandDigests>> =
        prints.iter().map(|p| p.signature.as_deref().map(band_digests)).collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, print) in prints.iter().enumerate() {
        let joins = |leader: usize, confirm: &mut dyn FnMut(usize, usize) -> bool| {
            let other = &prints[leader];
            if print.body_hash != empty && print.body_hash == other.body_hash {
                return true;
            }
            let (Some(a), Some(b)) = (print.signature.as_deref(), other.signature.as_deref()) else {
                return false;
            };
            let (Some(da), Some(db)) = (&digests[i], &digests[leader]) else { return false };
            // Equal bands have equal digests: most pairs are told apart by the digests alone.
            let may_share = da.iter().zip(db).fold(false, |any, (x, y)| any | (x == y));
            may_share && shares_band(a, b) && near_duplicate(a, b) && confirm(i, leader)
        };
        match groups.iter().position(|group| joins(group[0], &mut confirm)) {
            Some(g) => groups[g].push(i),
            None => groups.push(vec![i]),
        }
    }
    groups
}

/// One number per LSH band of a signature, equal for equal bands (a filter before
/// [`shares_band`], compared 32 at a time).
type BandDigests = [u32; LSH_BANDS];

fn band_digests(signature: &[u32]) -> BandDigests {
    let mut digests = [0u32; LSH_BANDS];
    for (digest, rows) in digests.iter_mut().zip(signature.as_chunks::<LSH_ROWS>().0) {
        *digest = rows[0] ^ rows[1].rotate_left(8) ^ rows[2].rotate_left(16) ^ rows[3].rotate_left(24);
    }
    digests
}

/// Whether two signatures agree on every row of some LSH band (what an equal band key
/// stands for).
fn shares_band(a: &[u32], b: &[u32]) -> bool {
    let (a, b) = (a.as_chunks::<LSH_ROWS>().0, b.as_chunks::<LSH_ROWS>().0);
    a.iter().zip(b).any(|(x, y)| x == y)
}

/// [`group`] through tables of the leaders' body hashes and LSH band keys.
fn group_by_keys(prints: &[Print], mut confirm: impl FnMut(usize, usize) -> bool) -> Vec<Vec<usize>> {
    let empty = body_hash("");
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // Leaders (group numbers) by body hash and by LSH band key. A band key maps to its latest
    // entry in `bands`; each entry links to the previous entry of the same key, so a window
    // of results allocates nothing per key. The maps are sized for a window of leaders up
    // front (growing them cost a third).
    let mut by_hash: FastMap<u64, usize> =
        FastMap::with_capacity_and_hasher(prints.len(), Default::default());
    let mut by_band: FastMap<u64, usize> =
        FastMap::with_capacity_and_hasher(prints.len() * LSH_BANDS, Default::default());
    let mut bands: Vec<BandEntry> = Vec::with_capacity(prints.len() * LSH_BANDS);
    let mut keys = [0u64; LSH_BANDS];
    let mut candidates: Vec<usize> = Vec::new();
    for (i, print) in prints.iter().enumerate() {
        let exact = (print.body_hash != empty).then(|| by_hash.get(&print.body_hash).copied()).flatten();
        if let Some(signature) = print.signature.as_deref() {
            for (band, key) in keys.iter_mut().enumerate() {
                *key = band_hash(signature, band);
            }
        }
        let mut near = || -> Option<usize> {
            let signature = print.signature.as_deref()?;
            candidates.clear();
            for key in &keys {
                let mut entry = by_band.get(key).copied();
                while let Some(e) = entry {
                    candidates.push(bands[e].group);
                    entry = bands[e].previous;
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            candidates.iter().copied().find(|&g| {
                let leader = prints[groups[g][0]].signature.as_deref().unwrap_or_default();
                near_duplicate(signature, leader) && confirm(i, groups[g][0])
            })
        };
        let joined = match exact {
            // The best-ranked leader among the exact and the near ones.
            Some(g) => Some(near().map_or(g, |n| n.min(g))),
            None => near(),
        };
        match joined {
            Some(g) => groups[g].push(i),
            None => {
                let g = groups.len();
                groups.push(vec![i]);
                if print.body_hash != empty {
                    by_hash.entry(print.body_hash).or_insert(g);
                }
                if print.signature.is_some() {
                    for &key in &keys {
                        let previous = by_band.insert(key, bands.len());
                        bands.push(BandEntry { group: g, previous });
                    }
                }
            }
        }
    }
    groups
}

/// A leader filed under one LSH band key, linked to the key's previous leader.
struct BandEntry {
    group: usize,
    previous: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::fingerprint::{minhash, MINHASH_SIZE};

    const STORY: &str = "The central bank raised its main interest rate by half a point on Tuesday, \
        the third increase this year, saying inflation in food and fuel prices had not eased as \
        quickly as forecast. Two members of the board voted to hold the rate, the minutes showed, \
        and the governor said further rises would depend on wage settlements this spring.";

    fn print(body: &str) -> Print {
        Print { body_hash: body_hash(body), signature: minhash(body).map(|s| s.to_vec()) }
    }

    #[test]
    fn copies_join_the_best_ranked_leader_and_others_stay_apart() {
        let edited = STORY.replace("this spring", "in the spring, analysts said");
        let other = "Floods closed the coastal road for a second day and the army flew supplies to \
            three villages cut off by landslides, the regional governor told reporters on Monday.";
        let prints =
            [print(other), print(STORY), print(&STORY.to_uppercase()), print(""), print(&edited), print("")];
        assert_eq!(group(&prints, |_, _| true), vec![vec![0], vec![1, 2, 4], vec![3], vec![5]]);
        assert_eq!(
            group(&prints, |_, _| false),
            vec![vec![0], vec![1, 2], vec![3], vec![4], vec![5]],
            "unconfirmed"
        );
    }

    #[test]
    fn direct_comparison_and_key_tables_group_alike() {
        // A long window: copies, edited copies, stories sharing a sentence, empty bodies.
        let sentences: Vec<String> = (0..40)
            .map(|i| {
                format!(
                    "Dockers in port {i} walked out over pay on day {} as talks with owners stalled",
                    i * 7
                )
            })
            .collect();
        let mut prints = Vec::new();
        for i in 0..90usize {
            let body = match i % 6 {
                0 => String::new(),
                1 => STORY.to_string(),
                2 => STORY.replace("this spring", &format!("by year end, said analyst {i}")),
                _ => sentences[i % 40..(i % 40 + 5).min(40)].join(". "),
            };
            prints.push(print(&body));
        }
        for confirm in [|_: usize, _: usize| true, |a: usize, b: usize| !(a + b).is_multiple_of(3)] {
            for n in [10, 40, 90] {
                let direct = group_directly(&prints[..n], confirm);
                assert_eq!(direct, group_by_keys(&prints[..n], confirm), "{n} results");
                assert!(direct.len() < n, "some copies are grouped");
            }
        }
        // Three quarters of the bins agree, but no band does: not candidates, so apart …
        let a: Vec<u32> = (0..MINHASH_SIZE as u32).collect();
        let b: Vec<u32> = a.iter().map(|&v| if v % 4 == 0 { v + 1000 } else { v }).collect();
        assert!(near_duplicate(&a, &b));
        let mut pair =
            [Print { body_hash: 1, signature: Some(a) }, Print { body_hash: 2, signature: Some(b) }];
        assert_eq!(group_directly(&pair, |_, _| true), vec![vec![0], vec![1]]);
        assert_eq!(group_by_keys(&pair, |_, _| true), vec![vec![0], vec![1]]);
        // … and one band in full makes them copies.
        pair[1].signature.as_mut().unwrap()[8] = 8;
        assert_eq!(group_directly(&pair, |_, _| true), vec![vec![0, 1]]);
        assert_eq!(group_by_keys(&pair, |_, _| true), vec![vec![0, 1]]);
    }

    #[test]
    fn a_chain_does_not_join_beyond_the_leader() {
        let words: Vec<String> = (0..90).map(|i| format!("w{}", i * 7919 % 1000)).collect();
        let text = |from: usize| words[from..from + 50].join(" ");
        // a ~ b and b ~ c, but a and c share too little: c leads its own group.
        let (a, b, c) = (print(&text(0)), print(&text(10)), print(&text(20)));
        assert!(near_duplicate(a.signature.as_deref().unwrap(), b.signature.as_deref().unwrap()));
        assert!(!near_duplicate(a.signature.as_deref().unwrap(), c.signature.as_deref().unwrap()));
        assert_eq!(group(&[a, b, c], |_, _| true), vec![vec![0, 1], vec![2]]);
    }
}
