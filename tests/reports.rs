//! Reports through the real binary, checked against independent truth: facet counts equal
//! `count 'field:value'`, histogram totals equal `count`, export yields exactly `count`
//! articles in path order, and the exit codes. JSON is parsed into strict structs.

mod util;

use serde::Deserialize;
use util::TestEnv;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FacetValue {
    value: String,
    key: String,
    count: u64,
    /// People: bare surnames counted into this full name.
    #[serde(default)]
    merged: Vec<String>,
    /// People: the full names an ambiguous bare surname could be.
    #[serde(default)]
    ambiguous: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Facets {
    field: String,
    query: String,
    articles: u64,
    missing: u64,
    distinct: u64,
    values: Vec<FacetValue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Bucket {
    key: String,
    start: String,
    end: String,
    count: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Histogram {
    query: String,
    field: String,
    interval: String,
    total: u64,
    undated: u64,
    buckets: Vec<Bucket>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Coverage {
    field: String,
    articles: u64,
    share: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stats {
    index: String,
    articles: u64,
    sources: u64,
    first_date: Option<String>,
    last_date: Option<String>,
    undated: u64,
    date_from: DateSources,
    index_bytes: u64,
    segments: u64,
    schema_version: u32,
    indexed_by: String,
    roots: Vec<String>,
    failed_files: u64,
    coverage: Vec<Coverage>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DateSources {
    header: u64,
    dateline: u64,
    date_line: u64,
    trailer: u64,
    path: u64,
    root_default: u64,
    none: u64,
}

/// One exported article with the default fields (every field is read: the struct is the shape).
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Exported {
    id: String,
    path: String,
    root: String,
    layout: String,
    title: String,
    authors: Vec<String>,
    source: Option<String>,
    distributor: Option<String>,
    section: Option<String>,
    dateline: Option<String>,
    place: Option<String>,
    date: Option<String>,
    year: Option<i32>,
    people: Vec<String>,
    topics: Vec<String>,
    size: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportSummary {
    query: String,
    exported: u64,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "lowercase", deny_unknown_fields)]
enum ExportLine {
    Article(Box<Exported>),
    Summary(ExportSummary),
}

fn sample() -> TestEnv {
    let env = TestEnv::new().with_sample_corpus();
    env.index_cmd(&["--quiet"]).expect_code(0);
    env
}

fn count(env: &TestEnv, query: &str) -> u64 {
    let run = env.morgue(&["count", query]);
    assert!(run.code == 0 || run.code == 1, "count {query}: {}", run.stderr);
    run.stdout.trim().parse().unwrap_or_else(|_| panic!("count {query}: {}", run.stdout))
}

fn facets(env: &TestEnv, args: &[&str]) -> Facets {
    let mut all = vec!["facets"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--top", "0", "--json"]);
    let run = env.morgue(&all);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr))
}

/// The query selecting the articles with one facet value.
fn value_query(field: &str, value: &FacetValue) -> String {
    match field {
        "dateline" => format!("place_key:\"{}\"", value.key),
        "year" => format!("year:{}", value.key),
        "layout" | "topic" => format!("{field}:{}", value.key),
        _ => format!("{field}:\"{}\"", value.key),
    }
}

#[test]
fn facet_counts_equal_counts_of_their_queries() {
    let env = sample();
    let all = count(&env, "*");
    for field in ["layout", "author", "source", "dateline", "year", "section"] {
        let facets = facets(&env, &[field]);
        assert_eq!(facets.field, field);
        assert_eq!(facets.query, "*");
        assert_eq!(facets.articles, all, "{field}: every article is counted");
        assert_eq!(facets.distinct as usize, facets.values.len(), "{field}: --top 0 shows all");
        let words = |v: &str| -> Vec<String> {
            v.to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect()
        };
        let contains =
            |outer: &[String], inner: &[String]| outer.windows(inner.len().max(1)).any(|w| w == inner);
        for value in &facets.values {
            assert!(value.count > 0);
            // A field query matches every value containing these words ("Caracas" also matches
            // "Caracas, Venezuela"), so the truth is bounded by the values that contain it.
            let mine = words(&value.key);
            let containing: Vec<&FacetValue> =
                facets.values.iter().filter(|other| contains(&words(&other.key), &mine)).collect();
            let queried = count(&env, &value_query(field, value));
            let upper: u64 = containing.iter().map(|v| v.count).sum();
            let context = format!("{field} = {:?} ({})", value.value, value_query(field, value));
            if containing.len() == 1 || field == "dateline" {
                // A place key is one keyword: its query is exact.
                assert_eq!(value.count, queried, "{context}");
            } else {
                assert!(
                    value.count <= queried && queried <= upper,
                    "{context}: {queried} not in {}..={upper}",
                    value.count
                );
            }
        }
        if matches!(field, "layout" | "year" | "source" | "dateline") {
            let sum: u64 = facets.values.iter().map(|v| v.count).sum();
            assert_eq!(sum + facets.missing, all, "{field}: single-valued, so values + missing = all");
        }
        let ordered = facets.values.windows(2).all(|w| w[0].count >= w[1].count);
        assert!(ordered, "{field}: largest first");
    }
}

/// Issue 18 item 6: "Caracas, Venezuela" and "Caracas", "Tehran, Iran" and "Tehran" were
/// two facet values each; they are one, labelled with the most common printed form, and
/// both `place_key:KEY` and `dateline:CITY` select exactly its articles.
#[test]
fn dateline_facet_counts_a_city_once_with_or_without_its_country() {
    let env = sample();
    let facets = facets(&env, &["dateline"]);
    for (city, label) in [("caracas", "Caracas, Venezuela"), ("tehran", "Tehran, Iran")] {
        let values: Vec<&FacetValue> =
            facets.values.iter().filter(|v| v.value.to_lowercase().starts_with(city)).collect();
        assert_eq!(values.len(), 1, "{city}: {values:#?}");
        let value = values[0];
        assert_eq!((value.key.as_str(), value.value.as_str()), (city, label));
        assert!(value.count >= 2, "{value:?}");
        assert_eq!(count(&env, &format!("place_key:{city}")), value.count, "{city}");
        assert_eq!(count(&env, &format!("dateline:{city}")), value.count, "{city}");
    }
    let printed = env.morgue(&["facets", "dateline", "--top", "0"]);
    let caracas = printed.stdout.lines().filter(|l| l.to_lowercase().contains("caracas")).count();
    assert_eq!(caracas, 1, "{}", printed.stdout);
}

#[test]
fn facets_respect_the_query_and_top() {
    let env = sample();
    let facets_iran = facets(&env, &["layout", "iran"]);
    assert_eq!(facets_iran.articles, count(&env, "iran"));
    let sum: u64 = facets_iran.values.iter().map(|v| v.count).sum();
    assert_eq!(sum + facets_iran.missing, facets_iran.articles);
    let top = env.morgue_json(&["facets", "layout", "--top", "1"]);
    assert!(top["values"].as_array().unwrap().len() <= 1);
    env.morgue(&["facets", "source", "zeppelinquux"]).expect_code(1);
    env.morgue(&["facets", "colour"]).expect_code(2);
    let csv = env.morgue(&["facets", "layout", "--format", "csv"]).expect_code(0);
    assert_eq!(csv.stdout.lines().next(), Some("value,key,count"));
}

#[test]
fn person_and_topic_facets_match_queries() {
    let env = sample();
    for field in ["person", "topic"] {
        let facets = facets(&env, &[field]);
        assert!(!facets.values.is_empty(), "{field} facets are empty");
        for value in &facets.values {
            let query = if field == "person" {
                format!("person_key:\"{}\"", value.key)
            } else {
                format!("topic:{}", value.key)
            };
            assert_eq!(value.count, count(&env, &query), "{field} {:?}", value.value);
        }
    }
    let pompeo = facets(&env, &["person", "pompeo"]);
    let label = &pompeo.values.iter().find(|v| v.key.contains("pompeo")).expect("pompeo counted").value;
    assert!(label.contains("Pompeo"), "{label}");
    let iran = facets(&env, &["topic"]);
    assert_eq!(iran.values.iter().find(|v| v.key == "iran").map(|v| v.count), Some(6));
}

fn histogram(env: &TestEnv, query: &str, by: &str) -> Histogram {
    let run = env.morgue(&["histogram", query, "--by", by, "--json"]);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", run.stdout, run.stderr))
}

#[test]
fn histogram_totals_equal_count_and_buckets_are_contiguous() {
    let env = sample();
    for query in ["*", "iran", "trump"] {
        let n = count(&env, query);
        for by in ["day", "week", "month", "year"] {
            let h = histogram(&env, query, by);
            assert_eq!((h.query.as_str(), h.field.as_str(), h.interval.as_str()), (query, "date", by));
            let dated: u64 = h.buckets.iter().map(|b| b.count).sum();
            assert_eq!(h.total, n, "{query} by {by}: total = count");
            assert_eq!(dated + h.undated, n, "{query} by {by}: buckets + undated = count");
            if let (Some(first), Some(last)) = (h.buckets.first(), h.buckets.last()) {
                assert!(first.count > 0 && last.count > 0, "no empty buckets at the ends");
            }
            for pair in h.buckets.windows(2) {
                assert!(pair[0].end < pair[1].start, "{by}: ordered");
                assert!(!pair[0].key.is_empty());
            }
            if by == "year" {
                for b in &h.buckets {
                    assert_eq!(
                        b.count,
                        count(&env, &format!("({query}) AND date:{}", b.key)),
                        "year {}",
                        b.key
                    );
                }
            }
        }
    }
    let csv = env.morgue(&["histogram", "*", "--by", "month", "--csv"]).expect_code(0);
    assert_eq!(csv.stdout.lines().next(), Some("key,start,end,count"));
    assert_eq!(csv.stdout.lines().count(), histogram(&env, "*", "month").buckets.len() + 1);
    env.morgue(&["histogram", "zeppelinquux"]).expect_code(1);
    env.morgue(&["histogram", "*", "--field", "title"]).expect_code(2);
}

#[test]
fn histogram_fills_empty_calendar_buckets() {
    // Plain-layout files carry no date on every branch, so dates come from a labelled
    // header; whatever the parser makes of it, the invariants above hold. Here: the
    // calendar arithmetic on the sample corpus when dates exist.
    let env = sample();
    let h = histogram(&env, "*", "month");
    for pair in h.buckets.windows(2) {
        let (y, m) = (&pair[0].key[..4], &pair[0].key[5..7]);
        let (y, m): (i32, u32) = (y.parse().unwrap(), m.parse().unwrap());
        let next = if m == 12 { format!("{:04}-01", y + 1) } else { format!("{y:04}-{:02}", m + 1) };
        assert_eq!(pair[1].key, next, "every month between first and last is present");
    }
}

#[test]
fn export_streams_every_match_in_path_order() {
    let env = sample();
    for query in ["*", "iran", "zeppelinquux"] {
        let n = count(&env, query);
        let run = env.morgue(&["export", query, "--format", "ndjson"]);
        assert_eq!(run.code, if n > 0 { 0 } else { 1 }, "{}", run.stderr);
        let lines: Vec<ExportLine> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect();
        let (articles, summary): (Vec<_>, Vec<_>) =
            lines.into_iter().partition(|l| matches!(l, ExportLine::Article(_)));
        assert_eq!(articles.len() as u64, n, "{query}: one line per match");
        let [ExportLine::Summary(summary)] = &summary[..] else { panic!("one summary: {summary:?}") };
        assert_eq!((summary.query.as_str(), summary.exported), (query, n));
        let paths: Vec<&str> = articles
            .iter()
            .map(|a| if let ExportLine::Article(a) = a { a.path.as_str() } else { "" })
            .collect();
        let mut sorted = paths.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(paths, sorted, "{query}: unique, in path order");
        if let Some(ExportLine::Article(first)) = articles.first() {
            assert_eq!(first.id.len(), 16);
            assert!(first.root.ends_with("articles"), "{}", first.root);
        }
    }
    let n = count(&env, "*") as usize;
    let paths = env.morgue(&["export", "*", "--format", "paths"]).expect_code(0);
    assert_eq!(paths.stdout.lines().count(), n);
    assert!(paths.stdout.lines().all(|p| std::path::Path::new(p).is_file()), "absolute, existing paths");
    let csv = env.morgue(&["export", "*", "--format", "csv", "--fields", "path,title,body"]).expect_code(0);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), vec!["path", "title", "body"]);
    assert_eq!(reader.records().count(), n);
    let bulk = env.morgue(&["export", "*", "--format", "es-bulk", "--es-index", "news"]).expect_code(0);
    assert_eq!(bulk.stdout.lines().count(), 2 * n);
    let action: serde_json::Value = serde_json::from_str(bulk.stdout.lines().next().unwrap()).unwrap();
    assert_eq!(action["index"]["_index"], "news");
    env.morgue(&["export", "*", "--fields", "colour"]).expect_code(2);
}

#[test]
fn stats_count_articles_and_coverage() {
    let env = sample();
    let run = env.morgue(&["stats", "--json"]).expect_code(0);
    let stats: Stats = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    assert_eq!(stats.articles, count(&env, "*"));
    assert_eq!(stats.schema_version, morgue::schema::SchemaSpec::builtin().version);
    assert_eq!(stats.roots.len(), 1);
    assert_eq!(stats.failed_files, 2, "binary-blob and empty");
    assert!(stats.index_bytes > 0 && stats.segments > 0 && !stats.index.is_empty());
    assert!(!stats.indexed_by.is_empty());
    let title = stats.coverage.iter().find(|c| c.field == "title").expect("title coverage");
    assert_eq!(title.articles, stats.articles);
    for c in &stats.coverage {
        assert!(c.articles <= stats.articles && (0.0..=1.0).contains(&c.share), "{c:?}");
    }
    let date = stats.coverage.iter().find(|c| c.field == "date").unwrap();
    assert_eq!(date.articles + stats.undated, stats.articles);
    let f = &stats.date_from;
    assert_eq!(f.header + f.dateline + f.date_line + f.trailer + f.path + f.root_default, date.articles);
    assert_eq!(f.none, stats.undated);
    assert_eq!(stats.first_date.is_some(), date.articles > 0);
    assert_eq!(stats.last_date.is_some(), date.articles > 0);
    let source = stats.coverage.iter().find(|c| c.field == "source").unwrap();
    assert_eq!(stats.sources > 0, source.articles > 0);
}

#[derive(Debug, Deserialize)]
struct SimilarHit {
    path: String,
    score: Option<f32>,
}

#[derive(Debug, Deserialize)]
struct SimilarArticle {
    path: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Similar {
    article: SimilarArticle,
    hits: Vec<SimilarHit>,
}

#[test]
fn similar_finds_the_syndicated_copy_first_and_never_itself() {
    let env = sample();
    for (a, b) in [
        ("2019/06/tankers-attacked-gulf-of-oman.txt", "2019/06/us-blames-iran-after-tanker-explosions.txt"),
        (
            "2019/04/guaido-urges-troops-to-turn-on-maduro.txt",
            "2019/04/venezuela-guaido-calls-military-uprising.txt",
        ),
    ] {
        let run = env.morgue(&["similar", a, "--limit", "5", "--json"]).expect_code(0);
        let similar: Similar = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(similar.article.path, a);
        assert_eq!(similar.hits.first().map(|h| h.path.as_str()), Some(b));
        assert!(similar.hits.len() <= 5 && similar.hits.iter().all(|h| h.path != a && h.score.is_some()));
    }
    env.morgue(&["similar", "no/such/article.txt"]).expect_code(2);
}

/// Issue 16 item 6: person values list the bare surnames counted into them (each the full
/// name's last word) and mark the surnames left apart with the full names they could be;
/// a query for a merged full name finds exactly the articles counted for it.
#[test]
fn person_values_say_which_surnames_they_hold_and_which_are_ambiguous() {
    let env = TestEnv::new();
    let story = |title: &str, who: &str| {
        format!(
            "{title}\n\nBERLIN -- {who} said on Monday that the budget would pass.\n\nNo vote was held.\n"
        )
    };
    for (i, who) in
        ["Ronald Reagan", "Ronald Reagan", "Ronald Reagan", "President Reagan", "President Reagan"]
            .iter()
            .enumerate()
    {
        env.write(&format!("r{i}.txt"), story(&format!("Budget {i}"), who));
    }
    for (i, who) in ["George Bush", "George Bush", "Laura Bush", "President Bush"].iter().enumerate() {
        env.write(&format!("b{i}.txt"), story(&format!("Campaign {i}"), who));
    }
    env.index_cmd(&["--quiet"]).expect_code(0);
    let people = facets(&env, &["person"]);
    assert_eq!(people.distinct as usize, people.values.len());
    let reagan = people.values.iter().find(|v| !v.merged.is_empty()).expect("a merged person");
    assert_eq!(
        (reagan.value.as_str(), reagan.count, reagan.merged.as_slice()),
        ("Ronald Reagan", 5, &["reagan".to_string()][..])
    );
    assert_eq!(count(&env, "person:\"Ronald Reagan\""), 5);
    let bush = people.values.iter().find(|v| !v.ambiguous.is_empty()).expect("an ambiguous surname");
    assert_eq!((bush.key.as_str(), bush.count), ("bush", 1));
    assert_eq!(bush.ambiguous, vec!["George Bush", "Laura Bush"]);
    assert_eq!(count(&env, "person:\"George Bush\""), 2);
}
