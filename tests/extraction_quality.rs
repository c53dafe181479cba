//! Extraction quality on the labelled sets: the development set (tests/devset/: people and
//! topic F1 at or above 0.90, dateline accuracy at or above 0.95), the layout set
//! (tests/layouts/: Factiva, Lexis, front matter, other agencies) and the site set
//! (tests/sites/: mastheads, kickers, more agencies and exports, damaged encodings), each with
//! floors a little under what the parser scores now, so a rule that breaks a layout fails
//! here. The scoring is the one `cargo run --release --example score_devset [-- DIR]` prints,
//! with its error list.

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

fn scored(set: &str, at_least: usize) -> score_devset::Score {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(set);
    let score = score_devset::score(&dir).unwrap_or_else(|e| panic!("tests/{set} reads: {e}"));
    assert!(score.articles >= at_least, "tests/{set} has {} articles", score.articles);
    score
}

/// Every floor of one set: (what, score, floor).
fn check(set: &str, score: &score_devset::Score, floors: &[(&str, f64)]) {
    let mut failed = Vec::new();
    for &(what, floor) in floors {
        let value = match what {
            "people" => score.people_key.f1(),
            "topics" => score.topics.f1(),
            "dateline" => score.dateline_accuracy(),
            field => score.field_accuracy(field),
        };
        if value < floor {
            failed.push(format!("{what} {value:.3} < {floor}"));
        }
    }
    assert!(failed.is_empty(), "tests/{set}: {}; errors:\n{}", failed.join(", "), report(score));
}

#[test]
fn layout_set_fields_people_and_datelines() {
    let score = scored("layouts", 40);
    let floors = [
        ("people", 0.95),
        ("topics", 0.85),
        ("dateline", 0.95),
        ("title", 0.9),
        ("authors", 0.9),
        ("date", 0.95),
        ("source", 0.9),
        ("section", 0.9),
    ];
    check("layouts", &score, &floors);
}

#[test]
fn site_set_fields_people_and_datelines() {
    let score = scored("sites", 35);
    let floors = [
        ("people", 0.9),
        ("topics", 0.8),
        ("dateline", 0.8),
        ("title", 0.65),
        ("authors", 0.65),
        ("date", 0.8),
        ("source", 0.6),
        ("section", 0.7),
    ];
    check("sites", &score, &floors);
}
