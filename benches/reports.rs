//! In-process report benchmarks (criterion): `morgue stats`, facets of person, topic and
//! dateline over every article and over a topic, the month histogram, and counts of a phrase
//! and of an AND query, on the index named by `MORGUE_BENCH_INDEX` (opened once).
//!
//! ```text
//! MORGUE_BENCH_INDEX=/path/morgue-index cargo bench --bench reports
//! ```
//! Without the variable the benches are skipped with a note, so `cargo bench` succeeds.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};

use morgue::archive::Archive;
use morgue::query::QueryOptions;
use morgue::report::{facets, histogram, stats, FacetField, Interval};
use morgue::schema::Knowledge;
use morgue::search::count;

/// (name, field, query) — the facet rows of the growth-curve query set.
const FACETS: &[(&str, FacetField, &str)] = &[
    ("facet-person-all", FacetField::Person, "*"),
    ("facet-topic-all", FacetField::Topic, "*"),
    ("facet-dateline-all", FacetField::Dateline, "*"),
    ("facet-person-iran", FacetField::Person, "topic:iran"),
];

fn report_benches(c: &mut Criterion, dir: &Path) {
    let knowledge = Knowledge::builtin();
    let archive = Archive::open(dir, &knowledge.spec).expect("MORGUE_BENCH_INDEX opens as a morgue index");
    let options = QueryOptions::default();
    let mut group = c.benchmark_group("reports");
    group.bench_function("stats", |b| b.iter(|| stats(&archive).expect("stats")));
    for (name, field, query) in FACETS {
        group.bench_function(*name, |b| {
            b.iter(|| facets(&archive, *field, query, &options, 10).expect("facets"))
        });
    }
    group.bench_function("histogram-month", |b| {
        b.iter(|| histogram(&archive, "*", &options, "date", Interval::Month).expect("histogram"))
    });
    for (name, query) in [("count-phrase", "\"trade war\""), ("count-and", "iran AND sanctions")] {
        group.bench_function(name, |b| b.iter(|| count(&archive, query, &options).expect("count")));
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    match std::env::var_os("MORGUE_BENCH_INDEX") {
        Some(dir) => report_benches(c, Path::new(&dir)),
        None => eprintln!("MORGUE_BENCH_INDEX is not set: skipping the report benches"),
    }
}

criterion_group!(report_group, benches);
criterion_main!(report_group);
