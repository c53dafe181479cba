//! Topics: tags an article with the taxonomy topics its text gives strong evidence for.
//!
//! The taxonomy (`index-schema/topics.toml`) lists, per topic, weighted terms and phrases,
//! places and people. Text is matched as folded lowercase words through one phrase index
//! (first word → phrases starting with it). Words are the `text::Words` of the text (ASCII
//! words hashed in place, others folded by `text::fold_char`), and a bitset over a hash of
//! every phrase's first word lets the ~99% of words that start no phrase skip the map lookup,
//! so the cost per word is a few nanoseconds whatever the number of topics. A match counts ×3
//! in the title, ×2 in the lede (the first two real paragraphs) and ×1 further down; each phrase counts at most three times; a person from the
//! taxonomy found by the people extractor adds its weight once. A topic is given when its
//! score reaches its threshold, so one passing mention of a term does not tag an article.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::people::{Person, PersonAliases};
use super::text::{ascii_lowercase_8, count_words, fold, FastMap, Word, Words};

/// How many times one phrase may count in one article.
const MAX_HITS_PER_PHRASE: u32 = 3;
/// Zone multipliers.
const TITLE_WEIGHT: f32 = 3.0;
const LEDE_WEIGHT: f32 = 2.0;
/// Words of body text counted as lede at most.
const LEDE_MAX_WORDS: usize = 120;

/// One `[[topic]]` of topics.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicSpec {
    id: String,
    label: String,
    #[serde(default = "default_threshold")]
    threshold: f32,
    #[serde(default)]
    terms: BTreeMap<String, f32>,
    #[serde(default)]
    places: BTreeMap<String, f32>,
    #[serde(default)]
    people: BTreeMap<String, f32>,
    /// At least one of these words or phrases must match (e.g. "china" for china-trade).
    #[serde(default)]
    require: Vec<String>,
    /// Not given when one of these (more specific) topics is.
    #[serde(default)]
    unless: Vec<String>,
}

fn default_threshold() -> f32 {
    6.0
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxonomyFile {
    #[serde(rename = "topic", default)]
    topics: Vec<TopicSpec>,
}

/// One topic: id, label and threshold (the evidence lives in the phrase index).
#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub label: String,
    pub threshold: f32,
    /// Phrase ids of which one must match (empty: no requirement).
    require: Vec<usize>,
    /// Ids of topics that take precedence.
    unless: Vec<String>,
}

/// A phrase of one topic: the words after the first, the topic index and the weight.
#[derive(Debug, Clone)]
struct Phrase {
    rest: Vec<String>,
    topic: usize,
    weight: f32,
    id: usize,
}

/// Bits in the first-word prefilter (a power of two).
const PREFILTER_BITS: usize = 1 << 16;

/// The topic taxonomy (index-schema/topics.toml).
#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// Topics sorted by id.
    pub topics: Vec<Topic>,
    /// First folded word → phrases starting with it.
    index: FastMap<String, Vec<Phrase>>,
    /// Bit `prefilter_slot(w)` is set for every first word `w` of `index`.
    prefilter: Box<[u64]>,
    /// person_key → (topic, weight).
    people: FastMap<String, Vec<(usize, f32)>>,
    phrases: usize,
}

impl Default for Taxonomy {
    fn default() -> Taxonomy {
        Taxonomy {
            topics: Vec::new(),
            index: FastMap::default(),
            prefilter: vec![0u64; PREFILTER_BITS / 64].into_boxed_slice(),
            people: FastMap::default(),
            phrases: 0,
        }
    }
}

impl Taxonomy {
    /// Parses index-schema/topics.toml; its people are keyed with `aliases` (the alias file
    /// the people extractor uses, so that a person's key finds its topics).
    pub fn from_toml(text: &str, aliases: &PersonAliases) -> Result<Taxonomy, toml::de::Error> {
        let mut file: TaxonomyFile = toml::from_str(text)?;
        file.topics.sort_by(|a, b| a.id.cmp(&b.id));
        let mut taxonomy = Taxonomy::default();
        for (t, spec) in file.topics.into_iter().enumerate() {
            let mut require = Vec::new();
            let required = spec.require.iter().map(|r| (r, 0.0f32));
            for (phrase, weight) in
                spec.terms.iter().chain(&spec.places).map(|(p, w)| (p, *w)).chain(required)
            {
                let words: Vec<String> = fold(phrase).split(' ').map(str::to_string).collect();
                if words[0].is_empty() {
                    continue;
                }
                let id = taxonomy.phrases;
                taxonomy.phrases += 1;
                let slot = prefilter_slot(words[0].as_bytes());
                taxonomy.prefilter[slot / 64] |= 1 << (slot % 64);
                taxonomy.index.entry(words[0].clone()).or_default().push(Phrase {
                    rest: words[1..].to_vec(),
                    topic: t,
                    weight,
                    id,
                });
                if spec.require.iter().any(|r| fold(r) == fold(phrase)) {
                    require.push(id);
                }
            }
            for (name, weight) in &spec.people {
                taxonomy.people.entry(aliases.key(name)).or_default().push((t, *weight));
            }
            taxonomy.topics.push(Topic {
                id: spec.id,
                label: spec.label,
                threshold: spec.threshold,
                require,
                unless: spec.unless,
            });
        }
        Ok(taxonomy)
    }

    /// Topic ids the article is about, sorted by id.
    pub fn classify(&self, title: &str, body: &str, people: &[Person]) -> Vec<String> {
        let mut hits = Hits::default();
        let scores = self.score_all(title, body, people, &mut hits);
        let passes = |t: usize| {
            let topic = &self.topics[t];
            scores[t] >= topic.threshold
                && (topic.require.is_empty() || topic.require.iter().any(|&id| hits.get(id) > 0))
        };
        let passed: Vec<usize> = (0..self.topics.len()).filter(|&t| passes(t)).collect();
        passed
            .iter()
            .filter(|&&t| {
                !self.topics[t].unless.iter().any(|u| passed.iter().any(|&p| &self.topics[p].id == u))
            })
            .map(|&t| self.topics[t].id.clone())
            .collect()
    }

    /// The score of every topic (in `topics` order).
    pub fn scores(&self, title: &str, body: &str, people: &[Person]) -> Vec<f32> {
        self.score_all(title, body, people, &mut Hits::default())
    }

    fn score_all(&self, title: &str, body: &str, people: &[Person], hits: &mut Hits) -> Vec<f32> {
        let mut scores = vec![0.0f32; self.topics.len()];
        if self.topics.is_empty() {
            return scores;
        }
        let mut scratch = Scratch::default();
        self.score_zone(title, TITLE_WEIGHT, &mut scores, hits, &mut scratch);
        let lede_end = lede_end(body);
        self.score_zone(&body[..lede_end], LEDE_WEIGHT, &mut scores, hits, &mut scratch);
        self.score_zone(&body[lede_end..], 1.0, &mut scores, hits, &mut scratch);
        for person in people {
            if let Some(topics) = self.people.get(&person.key) {
                for &(t, weight) in topics {
                    scores[t] += weight;
                }
            }
        }
        scores
    }

    /// Adds the phrase matches of one zone: only words whose prefilter bit is set are folded
    /// and looked up, and only a phrase of several words makes the following words be folded.
    fn score_zone(&self, text: &str, zone: f32, scores: &mut [f32], hits: &mut Hits, scratch: &mut Scratch) {
        let Scratch { word, next, spans } = scratch;
        for w in Words::new(text) {
            if !self.may_start_phrase(slot(text, w, word)) {
                continue;
            }
            if w.ascii {
                word.clear();
                w.fold_into(text, word);
            }
            let Some(phrases) = self.index.get(word.as_str()) else { continue };
            // The words after this one, as far as the longest phrase needs them.
            let wanted = phrases.iter().map(|p| p.rest.len()).max().unwrap_or(0);
            next.clear();
            spans.clear();
            for after in Words::at(text, w.end).take(wanted) {
                let from = next.len();
                after.fold_into(text, next);
                spans.push((from, next.len()));
            }
            for phrase in phrases {
                let rest = &phrase.rest;
                let matches = rest.len() <= spans.len()
                    && rest.iter().zip(spans.iter()).all(|(r, &(s, e))| &next[s..e] == r);
                if matches && hits.get(phrase.id) < MAX_HITS_PER_PHRASE {
                    hits.add(phrase.id);
                    scores[phrase.topic] += phrase.weight * zone;
                }
            }
        }
    }

    fn may_start_phrase(&self, slot: usize) -> bool {
        self.prefilter[slot / 64] & (1 << (slot % 64)) != 0
    }
}

/// The [`prefilter_slot`] of a word: an ASCII word (the bulk) is hashed from the text as it
/// stands, lowercased on the fly; a word with other chars is folded into `word` first (and
/// left there).
#[inline]
fn slot(text: &str, w: Word, word: &mut String) -> usize {
    if w.ascii {
        ascii_slot(text.as_bytes(), w.start, w.end)
    } else {
        word.clear();
        w.fold_into(text, word);
        prefilter_slot(word.as_bytes())
    }
}

/// Reused word buffers of one classification.
#[derive(Default)]
struct Scratch {
    /// The current (folded) word.
    word: String,
    /// The folded words after it, and their ranges in `next`.
    next: String,
    spans: Vec<(usize, usize)>,
}

/// How many times each phrase matched: the few matched phrases of one article as a list (a
/// table over all phrases would cost a zeroed allocation per article).
#[derive(Default)]
struct Hits(Vec<(usize, u32)>);

impl Hits {
    fn get(&self, id: usize) -> u32 {
        self.0.iter().find(|(p, _)| *p == id).map_or(0, |&(_, n)| n)
    }

    fn add(&mut self, id: usize) {
        match self.0.iter_mut().find(|(p, _)| *p == id) {
            Some((_, n)) => *n += 1,
            None => self.0.push((id, 1)),
        }
    }
}

/// The prefilter bit of a folded word: a multiplicative hash of its bytes packed eight at a
/// time (little-endian).
fn prefilter_slot(word: &[u8]) -> usize {
    let mut h = 0u64;
    for chunk in word.chunks(8) {
        h = prefilter_step(h, pack(chunk));
    }
    (h >> (64 - PREFILTER_BITS.trailing_zeros())) as usize
}

/// [`prefilter_slot`] of the ASCII word of letters and digits `bytes[start..end]`, lowercased
/// on the fly, read eight bytes at a time in place when the text goes on far enough.
#[inline]
fn ascii_slot(bytes: &[u8], start: usize, end: usize) -> usize {
    let mut h = 0u64;
    let mut s = start;
    while s < end {
        let len = (end - s).min(8);
        let chunk = match bytes.get(s..s + 8) {
            Some(eight) => {
                u64::from_le_bytes(eight.try_into().expect("8 bytes")) & (u64::MAX >> (64 - 8 * len))
            }
            None => pack(&bytes[s..s + len]),
        };
        h = prefilter_step(h, ascii_lowercase_8(chunk));
        s += 8;
    }
    (h >> (64 - PREFILTER_BITS.trailing_zeros())) as usize
}

#[inline]
fn prefilter_step(h: u64, chunk: u64) -> u64 {
    (h.rotate_left(23) ^ chunk).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Up to eight bytes as a little-endian integer (missing bytes zero).
#[inline]
fn pack(chunk: &[u8]) -> u64 {
    let mut packed = [0u8; 8];
    packed[..chunk.len()].copy_from_slice(chunk);
    u64::from_le_bytes(packed)
}

/// Byte offset where the lede ends: after the first two paragraphs of at least 12 words
/// (short header lines do not count as paragraphs), and at most `LEDE_MAX_WORDS` words.
fn lede_end(body: &str) -> usize {
    let mut paragraphs = 0;
    let mut words_total = 0;
    let mut offset = 0;
    for para in body.split_inclusive("\n\n").flat_map(|p| p.split_inclusive("\n ")) {
        let words = count_words(para, usize::MAX);
        offset += para.len();
        if words >= 12 {
            paragraphs += 1;
            words_total += words;
        }
        if paragraphs >= 2 || words_total >= LEDE_MAX_WORDS {
            break;
        }
    }
    offset.min(body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taxonomy() -> Taxonomy {
        let aliases =
            PersonAliases::from_toml(include_str!("../../../index-schema/person-aliases.toml")).unwrap();
        Taxonomy::from_toml(include_str!("../../../index-schema/topics.toml"), &aliases).unwrap()
    }

    #[test]
    fn ascii_words_hash_as_their_folded_bytes() {
        let text = "Nicolás Maduro’s “VENEZUELA-Guaidó” 2019-05-14 O'Neil Straße ÆON naïve x9Ab \
                    Hồ Chí Minh İstanbul ŁÓDŹ ½ 3rd ABCDEFGHIJKLMNOPQRSTU—déjà‐vu end";
        for text in [text, &text.to_uppercase(), "", "é", "a", " Zürich"] {
            let mut word = String::new();
            for w in Words::new(text) {
                let got = slot(text, w, &mut word);
                let folded = super::super::text::fold_word(w.of(text));
                assert_eq!(got, prefilter_slot(folded.as_bytes()), "{text}");
            }
        }
    }

    #[test]
    fn builtin_taxonomy_has_the_required_topics() {
        let taxonomy = taxonomy();
        let ids: Vec<&str> = taxonomy.topics.iter().map(|t| t.id.as_str()).collect();
        for id in [
            "iran",
            "venezuela",
            "mueller-report",
            "russia",
            "north-korea",
            "syria",
            "afghanistan",
            "china-trade",
            "impeachment",
            "election-security",
            "climate",
            "covid-19",
            "brexit",
            "oil",
            "trade",
            "interest-rates",
            "currencies",
            "earnings",
            "mergers",
        ] {
            assert!(ids.contains(&id), "missing topic {id}");
        }
    }

    #[test]
    fn a_passing_mention_does_not_tag() {
        let body = "The city council approved a new budget for parks and libraries on Tuesday after a long debate.\n\n\
                    Members argued about road repairs and school buses for most of the evening session.\n\n\
                    One speaker noted that tensions with Iran had pushed up fuel costs this summer.";
        assert_eq!(taxonomy().classify("Council passes budget", body, &[]), Vec::<String>::new());
    }

    #[test]
    fn mueller_findings_without_the_phrase() {
        let body = "Special counsel Robert S. Mueller III's findings on Russian interference reached Congress on Thursday, \
                    and lawmakers demanded the full text from Attorney General William P. Barr.\n\n\
                    The investigation examined obstruction of justice and contacts with the campaign.";
        let people = [Person::new("Robert S. Mueller III".into()), Person::new("William P. Barr".into())];
        assert_eq!(taxonomy().classify("Lawmakers demand findings", body, &people), ["mueller-report"]);
    }

    #[test]
    fn title_and_lede_weigh_more_and_ids_are_sorted() {
        let body =
            "Crude oil prices rose after OPEC agreed to cut output, while Venezuela's production fell \
                    again under U.S. sanctions on the Maduro government.\n\nBrent crude gained 2 percent.";
        assert_eq!(
            taxonomy().classify("Oil rises as Venezuela output falls", body, &[]),
            ["oil", "venezuela"]
        );
    }
}
