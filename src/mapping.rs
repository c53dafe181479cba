//! Mappings for the engines an archive moves to when it outgrows one machine: from the schema
//! spec (index-schema/schema.toml) and the exported record (`export::EXPORT_SCHEMA`), an
//! OpenSearch/Elasticsearch index template and a Quickwit index config, so that
//! `morgue export --format es-bulk` (or `--format docs` for Quickwit's ingest) loads into
//! either as it is. Analysis follows morgue's: text is split on non-alphanumeric characters,
//! lowercased, ASCII-folded and English-stemmed (Porter2, as tantivy's stemmer); names the
//! same without stemming, with the exact value kept for facets; keywords are whole values,
//! lowercased and folded; dates are `YYYY-MM-DD` days. Quickwit has no stemming filter for
//! custom analyzers, so its text fields use its built-in `en_stem` (no ASCII folding):
//! docs/SCALING.md lists that and the other differences.

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::error::{Error, Result};
use crate::export::{ExportField, EXPORT_SCHEMA};
use crate::schema::{FieldKind, FieldSpec, SchemaSpec};

/// The engines `morgue mapping` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Target {
    /// An OpenSearch / Elasticsearch composable index template (`PUT _index_template/NAME`).
    #[cfg_attr(feature = "cli", value(name = "opensearch"))]
    OpenSearch,
    /// A Quickwit index config (`quickwit index create --index-config FILE.json`).
    Quickwit,
}

/// The exported field of the people's canonical names.
const PEOPLE: &str = "people";

/// Words this long or longer are dropped, as morgue's analyzer does (`analysis::MAX_WORD_BYTES`).
const MAX_WORD_CHARS: usize = crate::analysis::MAX_WORD_BYTES - 1;

/// The generated mapping for `target`, for indexes named `index` (OpenSearch: the template
/// matches `index` and `index-*`; Quickwit: the index id).
pub fn mapping(spec: &SchemaSpec, target: Target, index: &str) -> Result<Value> {
    let fields = exported(spec)?;
    Ok(match target {
        Target::OpenSearch => opensearch(&fields, index),
        Target::Quickwit => quickwit(&fields, spec, index),
    })
}

/// Every exported field with the schema field it carries.
fn exported(spec: &SchemaSpec) -> Result<Vec<(ExportField, &FieldSpec)>> {
    EXPORT_SCHEMA
        .iter()
        .map(|field| match spec.field(field.schema) {
            Some(schema) => Ok((*field, schema)),
            None => Err(Error::Config(format!(
                "export field `{}` comes from schema field `{}`, which schema.toml does not declare",
                field.name, field.schema
            ))),
        })
        .collect()
}

/// The OpenSearch / Elasticsearch index template.
fn opensearch(fields: &[(ExportField, &FieldSpec)], index: &str) -> Value {
    let mut properties = Map::new();
    for (field, spec) in fields {
        properties.insert(field.name.to_string(), opensearch_field(spec));
    }
    // Split like tantivy's SimpleTokenizer: runs of letters and digits.
    let tokenizer = json!({"type": "pattern", "pattern": "[^\\p{L}\\p{N}]+"});
    let word_filters = json!(["morgue_long_words", "lowercase", "asciifolding"]);
    json!({
        "index_patterns": [index, format!("{index}-*")],
        "template": {
            "settings": {
                "analysis": {
                    "tokenizer": {"morgue_words": tokenizer},
                    "filter": {
                        "morgue_long_words": {"type": "length", "max": MAX_WORD_CHARS},
                        "morgue_english": {"type": "stemmer", "language": "porter2"}
                    },
                    "analyzer": {
                        "morgue_text": {
                            "type": "custom",
                            "tokenizer": "morgue_words",
                            "filter": ["morgue_long_words", "lowercase", "asciifolding", "morgue_english"]
                        },
                        "morgue_name": {"type": "custom", "tokenizer": "morgue_words", "filter": word_filters}
                    },
                    "normalizer": {
                        "morgue_keyword": {"type": "custom", "filter": ["lowercase", "asciifolding"]}
                    }
                }
            },
            "mappings": {"dynamic": "strict", "properties": properties}
        },
        "_meta": {"generated_by": format!("morgue {} mapping --target opensearch", env!("CARGO_PKG_VERSION"))}
    })
}

/// One property of the OpenSearch mapping.
fn opensearch_field(spec: &FieldSpec) -> Value {
    let mut value = match spec.kind {
        FieldKind::Text => json!({"type": "text", "analyzer": "morgue_text"}),
        FieldKind::Name => json!({
            "type": "text",
            "analyzer": "morgue_name",
            "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}
        }),
        FieldKind::Keyword => json!({"type": "keyword", "normalizer": "morgue_keyword"}),
        FieldKind::Raw | FieldKind::Bytes => json!({"type": "keyword"}),
        FieldKind::Date => json!({"type": "date", "format": "strict_date"}),
        FieldKind::I64 | FieldKind::U64 => json!({"type": "long"}),
    };
    if !spec.indexed {
        value["index"] = json!(false);
    }
    value
}

/// The Quickwit index config.
fn quickwit(fields: &[(ExportField, &FieldSpec)], spec: &SchemaSpec, index: &str) -> Value {
    let field_mappings: Vec<Value> = fields.iter().map(|(field, spec)| quickwit_field(field, spec)).collect();
    let exported: Vec<&str> = fields.iter().map(|(field, _)| field.name).collect();
    let mut default_search_fields: Vec<&str> = spec
        .default_fields()
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| exported.contains(name))
        .collect();
    // morgue's searched body also holds the people's canonical names; the exported body is
    // the text alone, so free text searches the names beside it.
    if default_search_fields.contains(&"body") {
        default_search_fields.push(PEOPLE);
        // morgue's searched body also holds the title (weighted, see schema.rs); the
        // exported body does not, so the title is searched beside it.
        if !default_search_fields.contains(&"title") && exported.contains(&"title") {
            default_search_fields.insert(0, "title");
        }
    }
    json!({
        "version": "0.8",
        "index_id": index,
        "doc_mapping": {
            "mode": "strict",
            "field_mappings": field_mappings,
            "tokenizers": [{
                "name": "morgue_name",
                "type": "simple",
                "filters": ["remove_long", "lower_caser", "ascii_folding"]
            }]
        },
        "search_settings": {"default_search_fields": default_search_fields}
    })
}

/// One field mapping of the Quickwit config.
fn quickwit_field(field: &ExportField, spec: &FieldSpec) -> Value {
    let (kind, mut value) = match spec.kind {
        FieldKind::Text => {
            ("text", json!({"tokenizer": "en_stem", "record": "position", "fieldnorms": true}))
        }
        FieldKind::Name => (
            "text",
            json!({"tokenizer": "morgue_name", "record": "position", "fieldnorms": true, "fast": true}),
        ),
        FieldKind::Keyword => {
            ("text", json!({"tokenizer": "raw_lowercase", "fast": {"normalizer": "lowercase"}}))
        }
        FieldKind::Raw | FieldKind::Bytes => ("text", json!({"tokenizer": "raw", "fast": true})),
        FieldKind::Date => (
            "datetime",
            json!({"input_formats": ["%Y-%m-%d"], "output_format": "%Y-%m-%d", "fast": true,
                   "fast_precision": "seconds"}),
        ),
        FieldKind::I64 => ("i64", json!({"fast": true})),
        FieldKind::U64 => ("u64", json!({"fast": true})),
    };
    let kind = if field.list { format!("array<{kind}>") } else { kind.to_string() };
    value["name"] = json!(field.name);
    value["type"] = json!(kind);
    value["stored"] = json!(true);
    value["indexed"] = json!(spec.indexed || spec.kind == FieldKind::Date);
    value
}

/// The value type a field of the generated mapping accepts, as the contract test and
/// docs/SCALING.md read it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// A string (text, keyword).
    Str,
    /// A calendar day `YYYY-MM-DD`.
    Day,
    /// A signed integer.
    I64,
    /// A non-negative integer.
    U64,
}

/// Reads the accepted value type and list-ness of every field back from a generated mapping:
/// `(name, type, list)` in mapping order (OpenSearch: properties; Quickwit: field_mappings).
/// OpenSearch fields may always be lists, so they are read as lists.
pub fn field_types(mapping: &Value, target: Target) -> Result<Vec<(String, ValueType, bool)>> {
    let bad = |what: &str| Error::Config(format!("not a morgue {target:?} mapping: {what}"));
    match target {
        Target::OpenSearch => {
            let properties = mapping["template"]["mappings"]["properties"]
                .as_object()
                .ok_or_else(|| bad("no template.mappings.properties"))?;
            properties
                .iter()
                .map(|(name, property)| {
                    let kind = match (property["type"].as_str(), property["format"].as_str()) {
                        (Some("text" | "keyword"), _) => ValueType::Str,
                        (Some("date"), Some("strict_date")) => ValueType::Day,
                        (Some("long"), _) => ValueType::I64,
                        _ => return Err(bad(&format!("field `{name}` has an unknown type"))),
                    };
                    Ok((name.clone(), kind, true))
                })
                .collect()
        }
        Target::Quickwit => {
            let mappings = mapping["doc_mapping"]["field_mappings"]
                .as_array()
                .ok_or_else(|| bad("no field_mappings"))?;
            mappings
                .iter()
                .map(|m| {
                    let name = m["name"].as_str().ok_or_else(|| bad("a field without a name"))?;
                    let kind = m["type"].as_str().unwrap_or_default();
                    let (inner, list) = match kind.strip_prefix("array<").and_then(|k| k.strip_suffix('>')) {
                        Some(inner) => (inner, true),
                        None => (kind, false),
                    };
                    let kind = match inner {
                        "text" => ValueType::Str,
                        "datetime" if m["input_formats"] == json!(["%Y-%m-%d"]) => ValueType::Day,
                        "i64" => ValueType::I64,
                        "u64" => ValueType::U64,
                        _ => return Err(bad(&format!("field `{name}` has an unknown type"))),
                    };
                    Ok((name.to_string(), kind, list))
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_exported_field_is_mapped_with_its_schema_kind() {
        let spec = SchemaSpec::builtin();
        let os = mapping(&spec, Target::OpenSearch, "news").unwrap();
        let props = &os["template"]["mappings"]["properties"];
        assert_eq!(props["title"]["analyzer"], "morgue_text");
        assert_eq!(props["people"]["fields"]["keyword"]["type"], "keyword");
        assert_eq!(props["topics"]["normalizer"], "morgue_keyword");
        assert_eq!(props["date"]["format"], "strict_date");
        assert_eq!(props["id"]["type"], "keyword");
        assert_eq!(os["index_patterns"], json!(["news", "news-*"]));
        let qw = mapping(&spec, Target::Quickwit, "news").unwrap();
        let types = field_types(&qw, Target::Quickwit).unwrap();
        let find = |name: &str| types.iter().find(|(n, _, _)| n == name).cloned().unwrap();
        assert_eq!(find("people"), ("people".into(), ValueType::Str, true));
        assert_eq!(find("date"), ("date".into(), ValueType::Day, false));
        assert_eq!(find("size"), ("size".into(), ValueType::U64, false));
        assert_eq!(find("year"), ("year".into(), ValueType::I64, false));
        assert_eq!(types.len(), EXPORT_SCHEMA.len());
        assert_eq!(qw["search_settings"]["default_search_fields"], json!(["title", "body", "people"]));
    }

    #[test]
    fn a_schema_without_an_exported_field_is_refused() {
        let mut spec = SchemaSpec::builtin();
        spec.fields.retain(|f| f.name != "topic");
        let err = mapping(&spec, Target::Quickwit, "news").unwrap_err().to_string();
        assert!(err.contains("`topic`"), "{err}");
    }
}
