//! The contract between `morgue export` and `morgue mapping`: every record the sample corpus
//! exports (`--format es-bulk` and `--format docs`, every field) fits the generated
//! OpenSearch template and Quickwit config — each field is mapped, each value has the
//! mapped type and format (strings, `YYYY-MM-DD` days, integers in range, lists only where
//! the Quickwit field is an array) — and every mapped field is exported.

mod util;

use std::collections::{BTreeSet, HashMap};

use morgue::calendar::Date;
use morgue::mapping::{field_types, Target, ValueType};
use serde_json::Value;
use util::TestEnv;

fn sample() -> TestEnv {
    let env = TestEnv::new().with_sample_corpus();
    env.index_cmd(&["--quiet"]).expect_code(0);
    env
}

/// Why `value` does not fit a field of type `kind` (lists allowed when `list`), if it does not.
fn misfit(value: &Value, kind: ValueType, list: bool) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Array(items) if list => items.iter().find_map(|item| misfit(item, kind, false)),
        Value::Array(_) => Some("a list in a single-valued field".into()),
        Value::String(_) if kind == ValueType::Str => None,
        Value::String(s) if kind == ValueType::Day => {
            let shaped = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
            (!shaped || s.parse::<Date>().is_err()).then(|| format!("`{s}` is not a YYYY-MM-DD day"))
        }
        Value::Number(n) if kind == ValueType::I64 => {
            n.as_i64().is_none().then(|| format!("{n} is not an i64"))
        }
        Value::Number(n) if kind == ValueType::U64 => {
            n.as_u64().is_none().then(|| format!("{n} is not a u64"))
        }
        other => Some(format!("{other} is not a {kind:?}")),
    }
}

/// Checks every document against a mapping's field types; returns how many values were checked.
fn check(docs: &[serde_json::Map<String, Value>], mapping: &Value, target: Target) -> usize {
    let types: HashMap<String, (ValueType, bool)> = field_types(mapping, target)
        .unwrap()
        .into_iter()
        .map(|(name, kind, list)| (name, (kind, list)))
        .collect();
    let mut seen = BTreeSet::new();
    let mut checked = 0;
    for doc in docs {
        for (name, value) in doc {
            let Some(&(kind, list)) = types.get(name) else {
                panic!("{target:?}: exported field `{name}` is not mapped")
            };
            if let Some(why) = misfit(value, kind, list) {
                panic!("{target:?}: `{name}` of {}: {why}", doc["id"]);
            }
            if !value.is_null() {
                seen.insert(name.clone());
            }
            checked += 1;
        }
    }
    let mapped: BTreeSet<String> = types.keys().cloned().collect();
    let exported: BTreeSet<String> = docs.iter().flat_map(|d| d.keys().cloned()).collect();
    assert_eq!(mapped, exported, "{target:?}: mapped and exported fields differ");
    for must in ["title", "body", "date", "people", "topics", "source", "dateline", "year", "size"] {
        assert!(seen.contains(must), "{target:?}: no article of the sample exports a `{must}`");
    }
    checked
}

#[test]
fn every_exported_record_fits_the_generated_mappings() {
    let env = sample();
    let opensearch =
        env.morgue(&["mapping", "--target", "opensearch", "--name", "news"]).expect_code(0).json();
    let quickwit = env.morgue(&["mapping", "--target", "quickwit", "--name", "news"]).expect_code(0).json();
    let articles = env.morgue_json(&["count", "*"])["count"].as_u64().unwrap() as usize;
    assert!(articles > 10);

    let bulk = env
        .morgue(&["export", "*", "--fields", "all", "--format", "es-bulk", "--es-index", "news"])
        .expect_code(0);
    let lines: Vec<Value> = bulk.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2 * articles);
    let mut bulk_docs = Vec::new();
    for pair in lines.chunks(2) {
        let doc = pair[1].as_object().unwrap().clone();
        assert_eq!(pair[0]["index"]["_index"], "news");
        assert_eq!(pair[0]["index"]["_id"], doc["id"], "the action names the document's id");
        bulk_docs.push(doc);
    }
    assert!(check(&bulk_docs, &opensearch, Target::OpenSearch) >= 17 * articles);
    let patterns = opensearch["index_patterns"].as_array().unwrap();
    assert!(patterns.iter().any(|p| p == "news"), "the template matches the bulk index");

    let docs = env.morgue(&["export", "*", "--fields", "all", "--format", "docs"]).expect_code(0);
    let docs: Vec<serde_json::Map<String, Value>> = docs
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap().as_object().unwrap().clone())
        .collect();
    assert_eq!(docs, bulk_docs, "docs and es-bulk carry the same records");
    assert!(check(&docs, &quickwit, Target::Quickwit) >= 17 * articles);
    assert_eq!(quickwit["index_id"], "news");
}

#[test]
fn mapping_analyzers_are_defined_where_they_are_used() {
    let env = TestEnv::new();
    let os = env.morgue(&["mapping", "--target", "opensearch"]).expect_code(0).json();
    let analysis = &os["template"]["settings"]["analysis"];
    for (name, property) in os["template"]["mappings"]["properties"].as_object().unwrap() {
        if let Some(analyzer) = property["analyzer"].as_str() {
            assert!(
                analysis["analyzer"][analyzer].is_object(),
                "`{name}` uses undefined analyzer {analyzer}"
            );
        }
        if let Some(normalizer) = property["normalizer"].as_str() {
            assert!(analysis["normalizer"][normalizer].is_object(), "`{name}` uses undefined {normalizer}");
        }
    }
    for analyzer in analysis["analyzer"].as_object().unwrap().values() {
        assert!(analysis["tokenizer"][analyzer["tokenizer"].as_str().unwrap()].is_object());
        for filter in analyzer["filter"].as_array().unwrap() {
            let filter = filter.as_str().unwrap();
            let builtin = ["lowercase", "asciifolding"].contains(&filter);
            assert!(builtin || analysis["filter"][filter].is_object(), "undefined filter {filter}");
        }
    }
    let qw = env.morgue(&["mapping", "--target", "quickwit"]).expect_code(0).json();
    let custom: Vec<&str> = qw["doc_mapping"]["tokenizers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    for field in qw["doc_mapping"]["field_mappings"].as_array().unwrap() {
        if let Some(tokenizer) = field["tokenizer"].as_str() {
            let builtin = ["raw", "raw_lowercase", "default", "en_stem"].contains(&tokenizer);
            assert!(builtin || custom.contains(&tokenizer), "undefined tokenizer {tokenizer}");
        }
    }
    env.morgue(&["mapping", "--target", "solr"]).expect_code(2);
}
