//! Topics: tags an article with the taxonomy topics its text gives strong evidence for.
//!
//! The taxonomy (`index-schema/topics.toml`) lists, per topic, weighted terms and phrases,
//! places and people. Text is matched as folded lowercase words through one phrase index
//! (first word → phrases starting with it). Words are the `text::Words` of the text, the body's
//! walked once with the MinHash's (`extract::walk`: short ASCII words hashed from the walk's
//! packed lowercase bytes, others folded by `text::fold_char`), and a bitset over a hash of
//! every phrase's first word lets the ~99% of words that start no phrase skip the map lookup,
//! so the cost per word is a few nanoseconds whatever the number of topics. A match counts ×3
//! in the title, ×2 in the lede (the first two real paragraphs) and ×1 further down; each phrase counts at most three times; a person from the
//! taxonomy found by the people extractor adds its weight once. A topic is given when its
//! score reaches its threshold on at least two distinct signals (phrases or people; a phrase
//! that extends another, "iranian" after "iran", is the same signal), on a decisive phrase
//! (weight 3) in the title, or on one signal matched four times or more in its forms ("syria",
//! "syrian"): one keyword repeated a few times ("Mueller", "oil") is not evidence enough.
//! A topic may also require some phrases (`require_times` matches in all, so a passing
//! mention need not count as the context), be vetoed by others (`exclude`), and hold only for articles dated inside its
//! `from`/`until` window (an article's date, or its year when only the year is known; an
//! undated article is not held to the window).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::people::{Person, PersonAliases};
use super::text::{ascii_lowercase_8, count_words, fold, FastMap, Word};
use super::walk::{WalkedText, WalkedWord};
use crate::calendar::Date;

/// How many times one phrase may count in one article.
const MAX_HITS_PER_PHRASE: u32 = 3;
/// Zone multipliers.
const TITLE_WEIGHT: f32 = 3.0;
const LEDE_WEIGHT: f32 = 2.0;
/// Words of body text counted as lede at most.
const LEDE_MAX_WORDS: usize = 120;
/// The weight of a phrase that is evidence enough on its own ("mueller report", "brexit").
const DECISIVE_WEIGHT: f32 = 3.0;
/// Distinct signals a topic needs when none is decisive.
const DEFAULT_MIN_SIGNALS: u32 = 2;
/// Matches of one signal, over its forms ("syria", "syrian"), that make it evidence alone.
const REPEATED_SIGNAL: u32 = 4;

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
    /// Not given when one of these words or phrases matches anywhere in the article.
    #[serde(default)]
    exclude: Vec<String>,
    /// Distinct matched phrases and people needed when no decisive phrase matched.
    #[serde(default = "default_min_signals")]
    min_signals: u32,
    /// How many times the required phrases must match in all.
    #[serde(default = "default_require_times")]
    require_times: u32,
    /// The first day the topic can apply: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    from: Option<String>,
    /// The last day the topic can apply (same forms; a month or year means its last day).
    #[serde(default)]
    until: Option<String>,
}

fn default_min_signals() -> u32 {
    DEFAULT_MIN_SIGNALS
}

fn default_require_times() -> u32 {
    1
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
    /// How many times the required phrases must match in all (0: no requirement).
    require_times: u32,
    /// Ids of topics that take precedence.
    unless: Vec<String>,
    min_signals: u32,
    /// Inclusive validity window (`None`: open on that side).
    from: Option<Date>,
    until: Option<Date>,
}

impl Topic {
    /// Whether an article that can be dated to `span` (first and last possible day) may have
    /// this topic; an undated article may.
    fn holds_during(&self, span: Option<(Date, Date)>) -> bool {
        let Some((first, last)) = span else { return true };
        self.from.is_none_or(|from| last >= from) && self.until.is_none_or(|until| first <= until)
    }
}

/// The days an article may be from: its date, else the whole of its year, else unknown.
pub fn date_span(date: Option<Date>, year: Option<i32>) -> Option<(Date, Date)> {
    match (date, year) {
        (Some(date), _) => Some((date, date)),
        (None, Some(year)) => Some((Date::new(year, 1, 1)?, Date::new(year, 12, 31)?)),
        (None, None) => None,
    }
}

/// One topic's evidence in one article (`Taxonomy::evidence`): its score and what matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub topic: String,
    pub score: f32,
    /// Whether the topic is given (`classify` returns it).
    pub given: bool,
    /// The matched phrases (with how many times each counted) and taxonomy people.
    pub signals: Vec<String>,
}

/// One article's scores and decisions, per topic (`signals` empty unless explained).
struct Judged {
    scores: Vec<f32>,
    given: Vec<bool>,
    signals: Vec<Vec<String>>,
}

/// What a phrase of the index is for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// Weighted evidence (terms and places).
    Evidence,
    /// One of the topic's required phrases.
    Required,
    /// One of the topic's vetoing phrases.
    Excluded,
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
    /// Per phrase id: its text, topic, weight and role.
    phrases: Vec<PhraseInfo>,
}

#[derive(Debug, Clone)]
struct PhraseInfo {
    text: String,
    /// `text` folded (its words joined by single spaces), compared for signal forms.
    folded: String,
    topic: usize,
    weight: f32,
    role: Role,
    /// An evidence phrase that is also one of the topic's required phrases.
    context: bool,
}

impl Default for Taxonomy {
    fn default() -> Taxonomy {
        Taxonomy {
            topics: Vec::new(),
            index: FastMap::default(),
            prefilter: vec![0u64; PREFILTER_BITS / 64].into_boxed_slice(),
            people: FastMap::default(),
            phrases: Vec::new(),
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
            let window = |bound: &Option<String>, end: bool| -> Result<Option<Date>, toml::de::Error> {
                let Some(text) = bound else { return Ok(None) };
                let (first, last) = Date::parse_range(text).map_err(|e| {
                    <toml::de::Error as serde::de::Error>::custom(format!("topic {}: {e}", spec.id))
                })?;
                Ok(Some(if end { last } else { first }))
            };
            let (from, until) = (window(&spec.from, false)?, window(&spec.until, true)?);
            let evidence = spec.terms.iter().chain(&spec.places).map(|(p, w)| (p, *w, Role::Evidence));
            let required = spec.require.iter().map(|r| (r, 0.0f32, Role::Required));
            let excluded = spec.exclude.iter().map(|r| (r, 0.0f32, Role::Excluded));
            for (phrase, weight, role) in evidence.chain(required).chain(excluded) {
                let words: Vec<String> = fold(phrase).split(' ').map(str::to_string).collect();
                if words[0].is_empty() {
                    continue;
                }
                let id = taxonomy.phrases.len();
                let context = role == Role::Evidence && spec.require.iter().any(|r| fold(r) == fold(phrase));
                let (text, folded) = (phrase.clone(), words.join(" "));
                taxonomy.phrases.push(PhraseInfo { text, folded, topic: t, weight, role, context });
                let slot = prefilter_slot(words[0].as_bytes());
                taxonomy.prefilter[slot / 64] |= 1 << (slot % 64);
                taxonomy.index.entry(words[0].clone()).or_default().push(Phrase {
                    rest: words[1..].to_vec(),
                    topic: t,
                    weight,
                    id,
                });
            }
            for (name, weight) in &spec.people {
                taxonomy.people.entry(aliases.key(name)).or_default().push((t, *weight));
            }
            taxonomy.topics.push(Topic {
                id: spec.id,
                label: spec.label,
                threshold: spec.threshold,
                require_times: if spec.require.is_empty() { 0 } else { spec.require_times },
                unless: spec.unless,
                min_signals: spec.min_signals,
                from,
                until,
            });
        }
        Ok(taxonomy)
    }

    /// Topic ids the article is about, sorted by id; `span` is the days the article may be
    /// from ([`date_span`]), which topics with a validity window are checked against.
    pub fn classify(
        &self,
        title: &str,
        body: &str,
        people: &[Person],
        span: Option<(Date, Date)>,
    ) -> Vec<String> {
        self.classify_walked(title, &WalkedText::new(body), people, span)
    }

    /// [`Taxonomy::classify`] of a body already walked (`Extractor::parse` walks the body once
    /// for the topics and the MinHash).
    pub fn classify_walked(
        &self,
        title: &str,
        body: &WalkedText<'_>,
        people: &[Person],
        span: Option<(Date, Date)>,
    ) -> Vec<String> {
        let judged = self.judge(title, body, people, span, false);
        judged.given.iter().enumerate().filter(|(_, &g)| g).map(|(t, _)| self.topics[t].id.clone()).collect()
    }

    /// Every topic with any evidence in the article, in id order: its score, whether it is
    /// given, and the phrases and people that counted (what `classify` decides on).
    pub fn evidence(
        &self,
        title: &str,
        body: &str,
        people: &[Person],
        span: Option<(Date, Date)>,
    ) -> Vec<Evidence> {
        let Judged { scores, given, signals } = self.judge(title, &WalkedText::new(body), people, span, true);
        signals
            .into_iter()
            .enumerate()
            .filter(|(t, signals)| scores[*t] > 0.0 || !signals.is_empty())
            .map(|(t, signals)| Evidence {
                topic: self.topics[t].id.clone(),
                score: scores[t],
                given: given[t],
                signals,
            })
            .collect()
    }

    /// Scores the article and decides every topic; with `explain`, also names what counted
    /// (text built only then: `classify` runs once per article and needs none of it).
    fn judge(
        &self,
        title: &str,
        body: &WalkedText<'_>,
        people: &[Person],
        span: Option<(Date, Date)>,
        explain: bool,
    ) -> Judged {
        let mut hits = Hits::default();
        let scores = self.score_all(title, body, people, &mut hits);
        let n = self.topics.len();
        let mut signals: Vec<Vec<String>> = vec![Vec::new(); if explain { n } else { 0 }];
        // Distinct signals, a decisive phrase in the title, and the folded texts of the matched
        // evidence phrases (a phrase that extends another, "iranian" after "iran" or
        // "interest rates" after "interest rate", is the same signal).
        let (mut distinct, mut decisive, mut required, mut vetoed) =
            (vec![0u32; n], vec![false; n], vec![0u32; n], vec![false; n]);
        let mut matched: Vec<(usize, &str, u32)> = Vec::new();
        for &(id, count, in_title) in &hits.0 {
            let info = &self.phrases[id];
            let t = info.topic;
            match info.role {
                Role::Required => required[t] += count,
                Role::Excluded => vetoed[t] = true,
                Role::Evidence if info.weight > 0.0 => {
                    decisive[t] |= info.weight >= DECISIVE_WEIGHT && in_title;
                    if explain {
                        signals[t].push(format!("{} ×{count}", info.text));
                    }
                    // A required word is the context the evidence must stand in, not evidence.
                    if !info.context {
                        matched.push((t, &info.folded, count));
                    }
                }
                Role::Evidence => {}
            }
        }
        // Each signal: its shortest form's text and the matches of all its forms.
        let mut groups: Vec<(usize, &str, u32)> = Vec::new();
        matched.sort_by_key(|&(t, text, _)| (t, text.len()));
        for &(t, text, count) in &matched {
            match groups.iter_mut().find(|(u, root, _)| *u == t && text.starts_with(*root)) {
                Some((_, _, n)) => *n += count,
                None => groups.push((t, text, count)),
            }
        }
        let mut repeated = vec![false; n];
        for &(t, _, count) in &groups {
            distinct[t] += 1;
            repeated[t] |= count >= REPEATED_SIGNAL;
        }
        for person in people {
            for &(t, _) in self.people.get(&person.key).into_iter().flatten() {
                distinct[t] += 1;
                if explain {
                    signals[t].push(person.name.clone());
                }
            }
        }
        let passes = |t: usize| {
            let topic = &self.topics[t];
            scores[t] >= topic.threshold
                && (decisive[t] || repeated[t] || distinct[t] >= topic.min_signals)
                && required[t] >= topic.require_times
                && !vetoed[t]
                && topic.holds_during(span)
        };
        let passed: Vec<usize> = (0..n).filter(|&t| passes(t)).collect();
        let given = (0..n)
            .map(|t| {
                passed.contains(&t)
                    && !self.topics[t].unless.iter().any(|u| passed.iter().any(|&p| &self.topics[p].id == u))
            })
            .collect();
        Judged { scores, given, signals }
    }

    /// The score of every topic (in `topics` order).
    pub fn scores(&self, title: &str, body: &str, people: &[Person]) -> Vec<f32> {
        self.score_all(title, &WalkedText::new(body), people, &mut Hits::default())
    }

    fn score_all(&self, title: &str, body: &WalkedText<'_>, people: &[Person], hits: &mut Hits) -> Vec<f32> {
        let mut scores = vec![0.0f32; self.topics.len()];
        if self.topics.is_empty() {
            return scores;
        }
        let mut scratch = Scratch::default();
        let title = WalkedText::new(title);
        self.score_zone(title.text, &title.words, TITLE_WEIGHT, &mut scores, hits, &mut scratch);
        // The lede ends after a line break, so no word straddles it.
        let (lede, rest) = body.split_at(lede_end(body.text));
        self.score_zone(body.text, lede, LEDE_WEIGHT, &mut scores, hits, &mut scratch);
        self.score_zone(body.text, rest, 1.0, &mut scores, hits, &mut scratch);
        for person in people {
            if let Some(topics) = self.people.get(&person.key) {
                for &(t, weight) in topics {
                    scores[t] += weight;
                }
            }
        }
        scores
    }

    /// Adds the phrase matches of one zone (`words`, walked in `text`): only words whose
    /// prefilter bit is set are folded and looked up, and only a phrase of several words makes
    /// the following words of the zone be folded.
    fn score_zone(
        &self,
        text: &str,
        words: &[WalkedWord],
        zone: f32,
        scores: &mut [f32],
        hits: &mut Hits,
        scratch: &mut Scratch,
    ) {
        let Scratch { word, next, spans } = scratch;
        for (i, walked) in words.iter().enumerate() {
            let w = walked.word;
            let slot = match walked.packed {
                Some((lo, hi)) => packed_slot(lo, hi, walked.byte_len()),
                None => slot(text, w, word),
            };
            if !self.may_start_phrase(slot) {
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
            for after in words[i + 1..].iter().take(wanted) {
                let from = next.len();
                after.word.fold_into(text, next);
                spans.push((from, next.len()));
            }
            for phrase in phrases {
                let rest = &phrase.rest;
                let matches = rest.len() <= spans.len()
                    && rest.iter().zip(spans.iter()).all(|(r, &(s, e))| &next[s..e] == r);
                if matches && hits.get(phrase.id) < MAX_HITS_PER_PHRASE {
                    hits.add(phrase.id, zone == TITLE_WEIGHT);
                    scores[phrase.topic] += phrase.weight * zone;
                }
            }
        }
    }

    fn may_start_phrase(&self, slot: usize) -> bool {
        self.prefilter[slot / 64] & (1 << (slot % 64)) != 0
    }
}

/// The [`prefilter_slot`] of a word the walk did not pack: a long ASCII word is hashed from
/// the text as it stands, lowercased on the fly; a word with other chars is folded into
/// `word` first (and left there).
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

/// How many times each phrase matched, and whether once in the title: the few matched
/// phrases of one article as a list (a table over all phrases would cost a zeroed allocation
/// per article).
#[derive(Default)]
struct Hits(Vec<(usize, u32, bool)>);

impl Hits {
    fn get(&self, id: usize) -> u32 {
        self.0.iter().find(|(p, _, _)| *p == id).map_or(0, |&(_, n, _)| n)
    }

    fn add(&mut self, id: usize, in_title: bool) {
        match self.0.iter_mut().find(|(p, _, _)| *p == id) {
            Some((_, n, title)) => {
                *n += 1;
                *title |= in_title;
            }
            None => self.0.push((id, 1, in_title)),
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

/// [`prefilter_slot`] of a word the walk packed lowercase into `lo` and `hi` (`len` bytes).
#[inline]
fn packed_slot(lo: u64, hi: u64, len: usize) -> usize {
    let mut h = prefilter_step(0, lo);
    if len > 8 {
        h = prefilter_step(h, hi);
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
/// A paragraph ends after a blank line or before an indented one ("\n\n", "\n "); the body is
/// read only as far as the lede goes.
fn lede_end(body: &str) -> usize {
    let bytes = body.as_bytes();
    let (mut paragraphs, mut words_total, mut start) = (0, 0, 0);
    while start < bytes.len() {
        let end = paragraph_end(bytes, start);
        let words = count_words(&body[start..end], usize::MAX);
        start = end;
        if words >= 12 {
            paragraphs += 1;
            words_total += words;
        }
        if paragraphs >= 2 || words_total >= LEDE_MAX_WORDS {
            break;
        }
    }
    start
}

/// The end of the paragraph that starts at byte `start`: just after the first "\n\n" or "\n "
/// from there, or the end of the text.
fn paragraph_end(bytes: &[u8], start: usize) -> usize {
    let mut from = start;
    while let Some(i) = memchr::memchr(b'\n', &bytes[from..]) {
        let at = from + i;
        if matches!(bytes.get(at + 1), Some(b'\n' | b' ')) {
            return at + 2;
        }
        from = at + 1;
    }
    bytes.len()
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
            for walked in WalkedText::new(text).words {
                let w = walked.word;
                let folded = super::super::text::fold_word(w.of(text));
                assert_eq!(slot(text, w, &mut word), prefilter_slot(folded.as_bytes()), "{text}");
                if let Some((lo, hi)) = walked.packed {
                    assert_eq!(
                        packed_slot(lo, hi, walked.byte_len()),
                        prefilter_slot(folded.as_bytes()),
                        "{text}"
                    );
                }
            }
        }
    }

    /// The lede as first written (paragraphs split by `split_inclusive`): the scan that
    /// stops at the lede's end must end it at the same byte.
    fn lede_end_reference(body: &str) -> usize {
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

    #[test]
    fn lede_ends_where_it_did() {
        let palette =
            ["\n", "\n", " ", "  ", "\t", "a", "word ", "one two three four five six ", "é ", "\u{2003}"];
        let mut next = crate::article::test_rng::stream(12_345u64);
        let mut texts = vec![String::new(), "\n".into(), "\n\n".into(), "\n \n\n\n ".into()];
        for _ in 0..3000 {
            let len = next(60);
            texts.push((0..len).map(|_| palette[next(palette.len())]).collect());
        }
        for text in &texts {
            assert_eq!(lede_end(text), lede_end_reference(text), "{text:?}");
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
        assert_eq!(taxonomy().classify("Council passes budget", body, &[], None), Vec::<String>::new());
    }

    #[test]
    fn mueller_findings_without_the_phrase() {
        let body = "Special counsel Robert S. Mueller III's findings on Russian interference reached Congress on Thursday, \
                    and lawmakers demanded the full text from Attorney General William P. Barr.\n\n\
                    The investigation examined obstruction of justice and contacts with the campaign.";
        let people = [Person::new("Robert S. Mueller III".into()), Person::new("William P. Barr".into())];
        assert_eq!(taxonomy().classify("Lawmakers demand findings", body, &people, None), ["mueller-report"]);
    }

    #[test]
    fn title_and_lede_weigh_more_and_ids_are_sorted() {
        let body =
            "Crude oil prices rose after OPEC agreed to cut output, while Venezuela's production fell \
                    again under U.S. sanctions on the Maduro government.\n\nBrent crude gained 2 percent.";
        assert_eq!(
            taxonomy().classify("Oil rises as Venezuela output falls", body, &[], None),
            ["oil", "venezuela"]
        );
    }

    /// One keyword, however often repeated, is one signal: a company called Mueller is not
    /// the Mueller investigation, while a second signal (or the report named) is.
    #[test]
    fn one_repeated_keyword_is_not_enough() {
        let body = "Mueller Tooling said on Monday it would raise prices for steel fittings.\n\n\
                    Mueller cited higher costs for raw materials, and Mueller dealers expect more increases.";
        assert!(taxonomy().classify("Mueller raises fitting prices", body, &[], None).is_empty());
        let body = "Mueller's office said the special counsel would testify before Congress in July.\n\n\
                    Mueller has declined to speak about his work beyond the written findings.";
        assert_eq!(taxonomy().classify("Mueller to testify", body, &[], None), ["mueller-report"]);
    }

    /// A decisive word of the topic in the headline is evidence on its own.
    #[test]
    fn a_decisive_headline_word_is_enough() {
        let body = "The government in Caracas said on Friday that it would borrow abroad again, \
                    within limits set by the central bank, to pay for new roads and ports.\n\n\
                    Officials said Venezuela would keep its payments to creditors on schedule.";
        assert_eq!(taxonomy().classify("Venezuela plans new borrowing", body, &[], None), ["venezuela"]);
        let body = body.replace("Caracas", "the capital");
        assert!(taxonomy().classify("New borrowing planned", &body, &[], None).is_empty());
    }

    /// A topic with a validity window is not given to an article dated outside it (by its
    /// date, or by its year when only that is known); an undated article is not held to it.
    #[test]
    fn windows_apply_when_the_date_is_known() {
        let body = "The coronavirus pandemic closed schools again as covid cases rose in the region.\n\n\
                    Health officials urged a new lockdown and wider use of masks until vaccines arrive.";
        let day = |y, m, d| Some((Date::new(y, m, d).unwrap(), Date::new(y, m, d).unwrap()));
        let t = taxonomy();
        assert_eq!(t.classify("Schools close again", body, &[], day(2020, 11, 3)), ["covid-19"]);
        assert_eq!(t.classify("Schools close again", body, &[], None), ["covid-19"]);
        assert!(t.classify("Schools close again", body, &[], day(1987, 3, 2)).is_empty());
        assert!(t.classify("Schools close again", body, &[], date_span(None, Some(2018))).is_empty());
        assert_eq!(t.classify("Schools close again", body, &[], date_span(None, Some(2019))), ["covid-19"]);
    }

    /// Required words must be the story's context (twice), and an excluding phrase vetoes.
    #[test]
    fn required_context_and_excluding_phrases() {
        let toml = r#"
            [[topic]]
            id = "grain-trade"
            label = "Grain trade"
            threshold = 4
            require = ["wheat"]
            require_times = 2
            exclude = ["buckwheat pancakes"]
            [topic.terms]
            wheat = 1
            exports = 2
            tonnes = 2
        "#;
        let t = Taxonomy::from_toml(toml, &PersonAliases::default()).unwrap();
        let once = "Exports rose to a million tonnes, mostly maize and a little wheat.";
        assert!(t.classify("Harvest", once, &[], None).is_empty());
        let twice = "Wheat exports rose to a million tonnes, and wheat prices fell.";
        assert_eq!(t.classify("Harvest", twice, &[], None), ["grain-trade"]);
        let vetoed = format!("{twice} The mill also sells buckwheat pancakes.");
        assert!(t.classify("Harvest", &vetoed, &[], None).is_empty());
        let evidence = t.evidence("Harvest", twice, &[], None);
        assert_eq!(evidence.len(), 1);
        assert!(evidence[0].given);
        assert_eq!(evidence[0].signals, ["wheat ×2", "exports ×1", "tonnes ×1"]);
    }

    #[test]
    fn a_bad_window_is_an_error_naming_the_topic() {
        let toml = "[[topic]]\nid = \"x\"\nlabel = \"X\"\nfrom = \"2019-13\"\n";
        let err = Taxonomy::from_toml(toml, &PersonAliases::default()).unwrap_err().to_string();
        assert!(err.contains("topic x"), "{err}");
    }
}
