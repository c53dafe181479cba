//! Topics: tags an article with the taxonomy topics its text gives strong evidence for.
//!
//! The taxonomy (`index-schema/topics.toml`) lists, per topic, weighted terms and phrases,
//! places and people. Text is matched as folded lowercase words through one phrase index
//! (first word → phrases starting with it), so the cost is one hash lookup per word whatever
//! the number of topics. A match counts ×3 in the title, ×2 in the lede (the first two real
//! paragraphs) and ×1 further down; each phrase counts at most three times; a person from the
//! taxonomy found by the people extractor adds its weight once. A topic is given when its
//! score reaches its threshold, so one passing mention of a term does not tag an article.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::people::person_key;
use super::text::{fold, for_each_folded_word, FastMap};

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

/// The topic taxonomy (index-schema/topics.toml).
#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    /// Topics sorted by id.
    pub topics: Vec<Topic>,
    /// First folded word → phrases starting with it.
    index: FastMap<String, Vec<Phrase>>,
    /// person_key → (topic, weight).
    people: FastMap<String, Vec<(usize, f32)>>,
    phrases: usize,
}

impl Taxonomy {
    /// Parses index-schema/topics.toml.
    pub fn from_toml(text: &str) -> Result<Taxonomy, toml::de::Error> {
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
                taxonomy.people.entry(person_key(name)).or_default().push((t, *weight));
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
    pub fn classify(&self, title: &str, body: &str, people: &[String]) -> Vec<String> {
        let mut hits = vec![0u32; self.phrases];
        let scores = self.score_all(title, body, people, &mut hits);
        let passed: Vec<usize> = (0..self.topics.len())
            .filter(|&t| {
                let topic = &self.topics[t];
                scores[t] >= topic.threshold
                    && (topic.require.is_empty() || topic.require.iter().any(|&id| hits[id] > 0))
            })
            .collect();
        passed
            .iter()
            .filter(|&&t| {
                !self.topics[t].unless.iter().any(|u| passed.iter().any(|&p| &self.topics[p].id == u))
            })
            .map(|&t| self.topics[t].id.clone())
            .collect()
    }

    /// The score of every topic (in `topics` order).
    pub fn scores(&self, title: &str, body: &str, people: &[String]) -> Vec<f32> {
        let mut hits = vec![0u32; self.phrases];
        self.score_all(title, body, people, &mut hits)
    }

    fn score_all(&self, title: &str, body: &str, people: &[String], hits: &mut [u32]) -> Vec<f32> {
        let mut scores = vec![0.0f32; self.topics.len()];
        if self.topics.is_empty() {
            return scores;
        }
        self.score_zone(title, TITLE_WEIGHT, &mut scores, hits);
        let lede_end = lede_end(body);
        self.score_zone(&body[..lede_end], LEDE_WEIGHT, &mut scores, hits);
        self.score_zone(&body[lede_end..], 1.0, &mut scores, hits);
        for person in people {
            if let Some(topics) = self.people.get(&person_key(person)) {
                for &(t, weight) in topics {
                    scores[t] += weight;
                }
            }
        }
        scores
    }

    fn score_zone(&self, text: &str, zone: f32, scores: &mut [f32], hits: &mut [u32]) {
        // All words in one buffer; `spans` holds each word's range in it.
        let mut buffer = String::with_capacity(text.len());
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for_each_folded_word(text, |w, _| {
            spans.push((buffer.len(), buffer.len() + w.len()));
            buffer.push_str(w);
        });
        let word = |i: usize| &buffer[spans[i].0..spans[i].1];
        for i in 0..spans.len() {
            let Some(phrases) = self.index.get(word(i)) else { continue };
            for phrase in phrases {
                let n = phrase.rest.len();
                let matches =
                    i + n < spans.len() && phrase.rest.iter().enumerate().all(|(k, r)| word(i + 1 + k) == r);
                if matches && hits[phrase.id] < MAX_HITS_PER_PHRASE {
                    hits[phrase.id] += 1;
                    scores[phrase.topic] += phrase.weight * zone;
                }
            }
        }
    }
}

/// Byte offset where the lede ends: after the first two paragraphs of at least 12 words
/// (short header lines do not count as paragraphs), and at most `LEDE_MAX_WORDS` words.
fn lede_end(body: &str) -> usize {
    let mut paragraphs = 0;
    let mut words_total = 0;
    let mut offset = 0;
    for para in body.split_inclusive("\n\n").flat_map(|p| p.split_inclusive("\n ")) {
        let words = para.split_whitespace().count();
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
        Taxonomy::from_toml(include_str!("../../../index-schema/topics.toml")).unwrap()
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
        let people = ["Robert S. Mueller III".to_string(), "William P. Barr".to_string()];
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
