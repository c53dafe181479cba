//! Extraction quality on the labelled development set (tests/devset/): people and topic F1
//! must stay at or above 0.90, dateline accuracy at or above 0.95. The scoring is the one
//! `cargo run --release --example score_devset` prints, with its error list.

#[allow(dead_code)]
#[path = "../examples/score_devset.rs"]
mod score_devset;

use std::path::Path;

fn devset() -> score_devset::Score {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/devset");
    let score = score_devset::score(&dir).expect("the dev set reads");
    assert!(score.articles >= 60, "the dev set has {} articles", score.articles);
    score
}

fn report(score: &score_devset::Score) -> String {
    score.errors.join("\n")
}

#[test]
fn people_f1_is_at_least_0_90() {
    let score = devset();
    let f1 = score.people_key.f1();
    assert!(f1 >= 0.90, "people F1 (person_key) {f1:.3} < 0.90; errors:\n{}", report(&score));
}

#[test]
fn topic_f1_is_at_least_0_90() {
    let score = devset();
    let f1 = score.topics.f1();
    assert!(f1 >= 0.90, "topic F1 {f1:.3} < 0.90; errors:\n{}", report(&score));
}

#[test]
fn dateline_accuracy_is_at_least_0_95() {
    let score = devset();
    let accuracy = score.dateline_accuracy();
    assert!(accuracy >= 0.95, "dateline accuracy {accuracy:.3} < 0.95; errors:\n{}", report(&score));
}
