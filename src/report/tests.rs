//! Reports over hand-made in-RAM archives: facets, histograms and stored records agree with
//! what the articles hold, on one thread and on the pool, over one segment and several.

use std::collections::BTreeMap;

use super::facets::DENSE_MIN_DOCS;
use super::*;
use crate::archive::{total, Archive};
use crate::article::{Article, DateFrom, Fingerprint};
use crate::calendar::Date;
use crate::query::QueryOptions;
use crate::schema::{FileFacts, SchemaSpec};
use crate::store::Store;

/// Title, date, place, people.
type Made<'a> = (&'a str, Option<Date>, Option<&'a str>, &'a [&'a str]);

/// The document of hand-made article number `i`.
/// The file of hand-made article `i`: id and path from its number.
fn file_facts(i: usize) -> FileFacts {
    FileFacts {
        id: format!("{i:016x}"),
        root: "/r".into(),
        path: format!("{i:04}.txt"),
        size: 1,
        mtime: 0,
        hash: i as u64,
    }
}

fn made_document(store: &Store, i: usize, made: &Made) -> tantivy::TantivyDocument {
    let (title, date, place, people) = made;
    let body = format!("{title} body text number {i}");
    let article = Article {
        title: title.to_string(),
        fingerprint: Fingerprint::of(&body),
        body,
        date: *date,
        year: date.map(|d| d.year),
        // Article 3 took its date from a header, the other dated ones from their datelines.
        date_from: date.map(|_| if i == 3 { DateFrom::Header } else { DateFrom::Dateline }),
        place: place.map(str::to_string),
        people: people.iter().map(|p| builtin_aliases().person(p)).collect(),
        ..Article::default()
    };
    let file = file_facts(i);
    let ids = store.people.ids(&article.people).unwrap();
    store.fields.document(&article, &file, &ids)
}

/// An in-RAM archive of hand-made articles (dates, places, people under our control).
fn builtin_aliases() -> crate::article::PersonAliases {
    crate::article::PersonAliases::from_toml(crate::schema::BUILTIN_ALIASES).unwrap()
}

fn archive(articles: &[Made]) -> Archive {
    let (one, _) = archives(1, articles);
    one
}

/// One index of `segments` segments (one commit per slice of the articles), opened as an
/// archive searched on 1 thread and as one searched on 2.
fn archives(segments: usize, articles: &[Made]) -> (Archive, Archive) {
    let chunks: Vec<&[Made]> = articles.chunks(articles.len().div_ceil(segments).max(1)).collect();
    archives_of(&chunks)
}

/// Like [`archives`], one segment per chunk.
fn archives_of(chunks: &[&[Made]]) -> (Archive, Archive) {
    let store = Store::in_ram(&SchemaSpec::builtin()).unwrap();
    // Budget enough that a chunk is never split into several segments.
    let mut writer: tantivy::IndexWriter = store.index.writer_with_num_threads(1, 100_000_000).unwrap();
    let mut n = 0;
    for chunk in chunks {
        for made in chunk.iter() {
            writer.add_document(made_document(&store, n, made)).unwrap();
            n += 1;
        }
        writer.commit().unwrap();
    }
    if chunks.is_empty() {
        writer.commit().unwrap();
    }
    let single = clone_store(&store);
    (
        Archive::from_store_with_threads(single, 1).unwrap(),
        Archive::from_store_with_threads(store, 2).unwrap(),
    )
}

#[test]
fn parallel_segments_give_the_same_results() {
    let people: [&[&str]; 4] =
        [&["Michael R. Pompeo", "Donald Trump"], &["Michael R. Pompeo"], &["Nicolás Maduro"], &[]];
    let places = [Some("Moscow"), Some("Caracas, Venezuela"), None];
    let titles: Vec<String> =
        (0..60)
            .map(|i: usize| {
                if i.is_multiple_of(3) {
                    format!("sanctions on iran {i}")
                } else {
                    format!("trade talks {i}")
                }
            })
            .collect();
    let made: Vec<Made> = titles
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let date = d(2015 + (i % 5) as i32, 1 + (i % 12) as u8, 1 + (i % 28) as u8);
            (title.as_str(), date, places[i % 3], people[i % 4])
        })
        .collect();
    let (one, mut two) = archives(4, &made);
    two.parallel_min_postings = 0; // every search on the pool, however small
    assert_eq!(two.searcher.segment_readers().len(), 4);
    let q = QueryOptions::default();
    for field in [FacetField::Person, FacetField::Dateline, FacetField::Year] {
        let (a, b) = (facets(&one, field, "*", &q, 0).unwrap(), facets(&two, field, "*", &q, 2).unwrap());
        assert_eq!(a.values[..2], b.values[..], "{field:?}");
        assert_eq!((a.articles, a.missing, a.distinct), (b.articles, b.missing, b.distinct), "{field:?}");
    }
    let people = facets(&two, FacetField::Person, "iran", &q, 0).unwrap();
    assert_eq!(people.articles, 20);
    assert_eq!(people.values[0].value, "Michael R. Pompeo");
    for query in ["iran", "trade OR sanctions", "\"trade talks\""] {
        let request = crate::search::SearchRequest { limit: 25, ..crate::search::SearchRequest::new(query) };
        let (a, b) =
            (crate::search::search(&one, &request).unwrap(), crate::search::search(&two, &request).unwrap());
        assert!(a.total_hits > 0, "{query}");
        assert_eq!(a.total_hits, b.total_hits, "{query}");
        let key = |r: &crate::search::SearchResults| -> Vec<(String, Option<f32>, String)> {
            r.hits.iter().map(|h| (h.article.id.clone(), h.score, h.snippet.text.clone())).collect()
        };
        assert_eq!(key(&a), key(&b), "{query}");
    }
}

fn d(y: i32, m: u8, day: u8) -> Option<Date> {
    Date::new(y, m, day)
}

#[test]
fn histogram_buckets_by_calendar_and_fills_gaps() {
    let a = archive(&[
        ("a", d(2019, 12, 30), None, &[]), // ISO week 2020-W01 (Monday)
        ("b", d(2020, 1, 5), None, &[]),   // Sunday of the same week
        ("c", d(2020, 3, 1), None, &[]),
        ("d", None, None, &[]),
    ]);
    let q = QueryOptions::default();
    let weeks = histogram(&a, "*", &q, "date", Interval::Week).unwrap();
    assert_eq!(weeks.buckets[0].key, "2020-W01");
    assert_eq!(weeks.buckets[0].count, 2);
    assert_eq!((weeks.total, weeks.undated), (4, 1));
    let months = histogram(&a, "*", &q, "date", Interval::Month).unwrap();
    let keys: Vec<(&str, u64)> = months.buckets.iter().map(|b| (b.key.as_str(), b.count)).collect();
    assert_eq!(keys, vec![("2019-12", 1), ("2020-01", 1), ("2020-02", 0), ("2020-03", 1)]);
    assert_eq!(months.buckets[2].end, Date::new(2020, 2, 29).unwrap());
    let years = histogram(&a, "*", &q, "date", Interval::Year).unwrap();
    assert_eq!(years.buckets.iter().map(|b| b.count).sum::<u64>(), 3);
}

/// Days are counted in an array spanning a segment's dates when the articles are many, in a
/// map when they are few: both give the counts of the articles' own dates, before 1970 too,
/// and the undated articles' count, whether the matches' dates are read in blocks or whole.
#[test]
fn histograms_count_each_articles_day_whether_many_or_few_match() {
    let start = Date::new(1969, 6, 1).unwrap();
    let titles = ["even", "odd"];
    let mut made: Vec<Made> = Vec::new();
    let mut dated: Vec<(usize, Date)> = Vec::new();
    for i in 0..200usize {
        let date = (i % 9 != 0).then(|| start.add_days(((i * 37) % 245) as i64));
        let title = if i % 50 == 7 { "rare" } else { titles[i % 2] };
        made.push((title, date, None, &[]));
        dated.extend(date.map(|d| (i, d)));
    }
    let (one, pool) = archives(2, &made);
    let q = QueryOptions::default();
    let cases = [("*", None), ("even", Some("even")), ("rare", Some("rare"))];
    // Counted whole, and cut into parts of a few docs counted on the pool.
    let ways = [(&one, 1 << 14), (&one, 1), (&pool, 1 << 14), (&pool, 1)];
    for ((query, picks), (a, min_piece)) in cases.into_iter().flat_map(|case| ways.map(|way| (case, way))) {
        let got = histogram::histogram_in_pieces(a, query, &q, "date", Interval::Day, min_piece).unwrap();
        let mut want: BTreeMap<Date, u64> = BTreeMap::new();
        for (i, date) in &dated {
            if picks.is_none_or(|title| made[*i].0 == title) {
                *want.entry(*date).or_default() += 1;
            }
        }
        let counted: BTreeMap<Date, u64> =
            got.buckets.iter().filter(|b| b.count > 0).map(|b| (b.start, b.count)).collect();
        assert_eq!(counted, want, "{query}");
        assert!(want.len() > 1, "{query}");
        // Undated articles are said apart, read in blocks (matches) or whole (`*`) alike.
        let picked = made.iter().filter(|m| picks.is_none_or(|title| m.0 == title));
        let undated = picked.filter(|m| m.1.is_none()).count() as u64;
        assert_eq!(got.undated, undated, "{query}");
        assert!(query == "rare" || undated > 0, "{query}");
    }
}

/// A whole segment's facet counts come from the field's terms when it is indexed as whole
/// values (a keyword field), and are refused (the column is counted instead) when it is
/// tokenized: a value is then no single term.
#[test]
fn facet_counts_from_terms_equal_the_columns_for_keyword_fields_only() {
    use tantivy::schema::{Schema, FAST, STRING, TEXT};
    let mut builder = Schema::builder();
    let topic = builder.add_text_field("topic", STRING | FAST);
    let place = builder.add_text_field("place", TEXT | FAST);
    let index = tantivy::Index::create_in_ram(builder.build());
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let topics = ["iran", "venezuela", "mueller-report", "brexit"];
    for i in 0..300usize {
        let mut doc = tantivy::TantivyDocument::default();
        // 0, 1 or 2 distinct topics a doc.
        for t in 0..(i % 3) {
            doc.add_text(topic, topics[(i + t * 3) % topics.len()]);
        }
        doc.add_text(place, if i % 2 == 0 { "Caracas, Venezuela" } else { "Tehran" });
        writer.add_document(doc).unwrap();
    }
    writer.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    let reader = searcher.segment_reader(0);
    let column = reader.fast_fields().str("topic").unwrap().unwrap();
    let mut from_terms = vec![0u32; column.num_terms()];
    assert!(super::facets::counts_from_terms(reader, "topic", &column, &mut from_terms).unwrap());
    let mut counted = vec![0u32; column.num_terms()];
    for doc in 0..reader.max_doc() {
        for ord in column.term_ords(doc) {
            counted[ord as usize] += 1;
        }
    }
    assert_eq!(from_terms, counted);
    assert_eq!(counted.iter().sum::<u32>(), 300);
    let places = reader.fast_fields().str("place").unwrap().unwrap();
    let mut refused = vec![0u32; places.num_terms()];
    assert!(!super::facets::counts_from_terms(reader, "place", &places, &mut refused).unwrap());
}

#[test]
fn facets_count_exactly_and_label_people() {
    let a = archive(&[
        ("a", None, Some("Moscow"), &["Michael R. Pompeo", "Donald Trump"]),
        ("b", None, Some("Moscow"), &["Michael R. Pompeo"]),
        ("c", None, Some("Caracas, Venezuela"), &["Nicolás Maduro"]),
        ("d", None, None, &[]),
    ]);
    let q = QueryOptions::default();
    let places = facets(&a, FacetField::Dateline, "*", &q, 0).unwrap();
    assert_eq!((places.articles, places.missing, places.distinct), (4, 1, 2));
    assert_eq!((places.values[0].value.as_str(), places.values[0].count), ("Moscow", 2));
    let people = facets(&a, FacetField::Person, "*", &q, 0).unwrap();
    assert_eq!(people.values[0].value, "Michael R. Pompeo");
    assert_eq!(people.values[0].count, 2);
    assert!(people.values.iter().any(|v| v.value == "Nicolás Maduro" && v.count == 1));
    let top1 = facets(&a, FacetField::Person, "*", &q, 1).unwrap();
    assert_eq!((top1.values.len(), top1.distinct), (1, 3));
}

#[test]
fn records_read_without_the_body_equal_full_ones_minus_the_body() {
    let a = archive(&[
        ("Talks in Moscow", d(2019, 5, 14), Some("Moscow"), &["Michael R. Pompeo", "Sergey Lavrov"]),
        ("No people", None, None, &[]),
    ]);
    for doc in 0..2 {
        let address = tantivy::DocAddress::new(0, doc);
        let full = a.article(a.document(address, true).unwrap(), true);
        assert_eq!(full.body.as_deref(), Some(format!("{} body text number {doc}", full.title).as_str()));
        let bare_doc = a.document(address, false).unwrap();
        assert_eq!(bare_doc.first_str(a.store.fields.body_text), None, "the body is not read");
        assert_eq!(a.article(bare_doc, false), crate::archive::StoredArticle { body: None, ..full.clone() });
    }
    let first = a.article(a.document(tantivy::DocAddress::new(0, 0), false).unwrap(), false);
    assert_eq!(first.people, vec!["Michael R. Pompeo", "Sergey Lavrov"]);
    assert_eq!((first.date, first.place.as_deref()), (d(2019, 5, 14), Some("Moscow")));
}

#[test]
fn person_facets_agree_with_term_counts_across_big_small_and_personless_segments() {
    // 5,000 articles: a segment large enough to count into an array, a small one that
    // lists numbers, and one where no article names anyone (it has no column).
    let cast: [&[&str]; 5] = [
        &["Michael R. Pompeo", "Mike Pompeo", "Donald Trump"],
        &["Nicolás Maduro", "Juan Guaidó"],
        &["Donald Trump"],
        &["Juan Guaido", "Hassan Rouhani"],
        &["Ada Lovelace"],
    ];
    let mut made: Vec<Made> = (0..4_990).map(|i| ("story", None, None, cast[(i * i + i / 7) % 5])).collect();
    made.extend((0..10).map(|_| ("personless", None, None, &[] as &[&str])));
    let (one, two) = archives_of(&[&made[..4_500], &made[4_500..4_990], &made[4_990..]]);
    let sizes: Vec<u32> = one.searcher.segment_readers().iter().map(|r| r.max_doc()).collect();
    assert!(sizes.iter().any(|&n| n as usize >= DENSE_MIN_DOCS), "{sizes:?}");
    let q = QueryOptions::default();
    for a in [&one, &two] {
        let all = facets(a, FacetField::Person, "*", &q, 0).unwrap();
        assert_eq!((all.articles, all.missing, all.distinct), (5_000, 10, 6), "{all:?}");
        for value in &all.values {
            let by_term = total(&matching(a, &format!("person_key:\"{}\"", value.key), &q).unwrap());
            assert_eq!(value.count, by_term, "{}", value.key);
        }
        // "Mike Pompeo" and "Michael R. Pompeo" in one article count once.
        let pompeo = all.values.iter().find(|v| v.key == "michael pompeo").unwrap();
        assert_eq!(pompeo.count, made.iter().filter(|m| m.3.contains(&"Mike Pompeo")).count() as u64);
        let top2 = facets(a, FacetField::Person, "story", &q, 2).unwrap();
        assert_eq!(top2.values, all.values[..2].to_vec());
        assert_eq!(top2.missing, 0);
    }
}

/// The person facet over a query counts as tantivy hands over the matches (no doc-id list):
/// each value's count is the articles matching the query and naming that person, also in a
/// segment with deletions, and `articles` and `missing` are the query's.
#[test]
fn person_facets_over_a_query_agree_with_term_counts_with_deletions() {
    let cast: [&[&str]; 4] =
        [&["Michael R. Pompeo", "Mike Pompeo", "Donald Trump"], &["Nicolás Maduro"], &[], &["Donald Trump"]];
    let titles = ["oil talks", "oil and gas", "gas prices", "talks"];
    let made: Vec<Made> =
        (0..5_000).map(|i| (titles[i % 4], None, None, cast[(i * i + i / 5) % 4])).collect();
    let store = Store::in_ram(&SchemaSpec::builtin()).unwrap();
    let mut writer: tantivy::IndexWriter = store.index.writer_with_num_threads(1, 100_000_000).unwrap();
    for (i, m) in made.iter().enumerate() {
        writer.add_document(made_document(&store, i, m)).unwrap();
        if i == 4_499 {
            writer.commit().unwrap();
        }
    }
    writer.commit().unwrap();
    for i in (0..5_000).step_by(7) {
        writer.delete_term(tantivy::Term::from_field_text(store.fields.id, &format!("{i:016x}")));
    }
    writer.commit().unwrap();
    let a = Archive::from_store_with_threads(store, 2).unwrap();
    assert!(a.searcher.segment_readers().iter().all(|r| r.alive_bitset().is_some()));
    let q = QueryOptions::default();
    for (query, words) in [("oil", &["oil"][..]), ("gas OR talks", &["gas", "talks"]), ("talks", &["talks"])]
    {
        let people = facets(&a, FacetField::Person, query, &q, 0).unwrap();
        let live =
            |i: &usize| !i.is_multiple_of(7) && words.iter().any(|w| made[*i].0.split(' ').any(|t| t == *w));
        let matched: Vec<usize> = (0..made.len()).filter(live).collect();
        let personless = matched.iter().filter(|&&i| made[i].3.is_empty()).count() as u64;
        assert_eq!((people.articles, people.missing), (matched.len() as u64, personless), "{query}");
        assert_eq!(people.articles, total(&matching(&a, query, &q).unwrap()), "{query}");
        assert!(!people.values.is_empty());
        for value in &people.values {
            let both = format!("({query}) AND person_key:\"{}\"", value.key);
            assert_eq!(value.count, total(&matching(&a, &both, &q).unwrap()), "{query}: {}", value.key);
        }
        let top1 = facets(&a, FacetField::Person, query, &q, 1).unwrap();
        assert_eq!(top1.values, people.values[..1].to_vec(), "{query}");
    }
}

#[test]
fn stats_read_whole_segments_and_segments_with_deletions_alike() {
    // Two segments; in the second, the earliest-dated article (the only one without a place)
    // is deleted, so that segment is read doc by doc and the first is read from its columns.
    let made: Vec<Made> = vec![
        ("a", d(2018, 3, 1), Some("Moscow"), &["Michael R. Pompeo"]),
        ("b", None, Some("Caracas"), &[]),
        ("c", d(2020, 7, 9), Some("Moscow"), &["Nicolás Maduro", "Juan Guaidó"]),
        ("d", d(2011, 1, 2), None, &["Donald Trump"]),
        ("e", d(2019, 2, 3), Some("Tehran"), &[]),
        ("f", None, Some("Tehran"), &["Hassan Rouhani"]),
    ];
    let store = Store::in_ram(&SchemaSpec::builtin()).unwrap();
    let mut writer: tantivy::IndexWriter = store.index.writer_with_num_threads(1, 100_000_000).unwrap();
    for (i, m) in made.iter().enumerate() {
        writer.add_document(made_document(&store, i, m)).unwrap();
        if i == 2 {
            writer.commit().unwrap();
        }
    }
    writer.commit().unwrap();
    let fields = store.fields;
    let before = stats(&Archive::from_store_with_threads(clone_store(&store), 1).unwrap()).unwrap();
    writer.delete_term(tantivy::Term::from_field_text(fields.id, &format!("{:016x}", 3)));
    writer.commit().unwrap();
    let after = stats(&Archive::from_store_with_threads(store, 1).unwrap()).unwrap();
    let covered = |s: &Stats, field: &str| s.coverage.iter().find(|c| c.field == field).unwrap().articles;
    assert_eq!((before.articles, after.articles), (6, 5));
    assert_eq!((before.first_date, after.first_date), (d(2011, 1, 2), d(2018, 3, 1)));
    assert_eq!((before.last_date, after.last_date), (d(2020, 7, 9), d(2020, 7, 9)));
    assert_eq!((before.undated, after.undated), (2, 2));
    assert_eq!((covered(&before, "place"), covered(&after, "place")), (5, 5));
    assert_eq!((covered(&before, "date"), covered(&after, "date")), (4, 3));
    assert_eq!((covered(&before, "year"), covered(&after, "year")), (4, 3));
    assert_eq!((covered(&before, "person"), covered(&after, "person")), (4, 3));
    assert_eq!((covered(&before, "title"), covered(&after, "title")), (6, 5));
    assert_eq!(covered(&after, "topic"), 0);
    let from = |s: &Stats| (s.date_from.header, s.date_from.dateline, s.date_from.none);
    assert_eq!((from(&before), from(&after)), ((1, 3, 2), (0, 3, 2)), "date_from less the deleted doc's");
}

/// `stats` takes a segment's date bounds from its column only when the date terms confirm
/// them: a date some article has is found, a day between two dated articles is not.
#[test]
fn the_date_terms_confirm_only_dates_an_article_has() {
    let made: Vec<Made> = vec![
        ("a", d(2018, 3, 1), Some("Moscow"), &[]),
        ("b", None, Some("Caracas"), &[]),
        ("c", d(2020, 7, 9), Some("Moscow"), &[]),
    ];
    let a = archive(&made);
    let reader = a.searcher.segment_reader(0);
    let day = |y, m, d| {
        let secs = Date::new(y, m, d).unwrap().unix_seconds();
        tantivy::DateTime::from_timestamp_secs(secs)
    };
    let dates = crate::archive::fast_column::<tantivy::DateTime>(reader, "date").unwrap();
    assert_eq!((dates.values.min_value(), dates.values.max_value()), (day(2018, 3, 1), day(2020, 7, 9)));
    for (when, has) in [(day(2018, 3, 1), true), (day(2020, 7, 9), true), (day(2019, 1, 1), false)] {
        assert_eq!(stats::has_date(reader, when).unwrap(), has, "{when:?}");
    }
}

fn clone_store(store: &Store) -> Store {
    Store {
        dir: store.dir.clone(),
        index: store.index.clone(),
        spec: store.spec.clone(),
        fields: store.fields,
        meta: store.meta.clone(),
        people: store.people.clone(),
        opstamp: store.opstamp,
    }
}

/// A facet field's one spelling is its JSON value and its command-line choice.
#[test]
fn facet_fields_are_spelled_once() {
    let names: Vec<&str> = FacetField::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(
        names,
        ["person", "topic", "dateline", "source", "author", "section", "distributor", "year", "layout"]
    );
    for field in FacetField::ALL {
        assert_eq!(serde_json::to_value(field).unwrap(), serde_json::json!(field.name()));
        #[cfg(feature = "cli")]
        assert_eq!(<FacetField as clap::ValueEnum>::from_str(field.name(), false), Ok(field));
    }
}

/// One person across the archive (`resolve`): a bare surname counts into the one full name
/// the archive uses for it in its years, an article holding both forms counts once, a
/// surname two full names share stays apart and says so, and a person query finds both forms.
#[test]
fn bare_surnames_count_as_the_full_name_the_archive_uses() {
    let y87 = Date::new(1987, 3, 2);
    let y96 = Date::new(1996, 5, 1);
    let mut made: Vec<Made> = Vec::new();
    made.extend([("Budget talks", y87, None, &["Ronald Reagan"][..]); 3]);
    made.extend([("Veto", y87, None, &["Reagan"][..]); 2]);
    made.push(("Summit", y87, None, &["Reagan", "Ronald Reagan"][..]));
    made.extend([("Campaign", y87, None, &["George Bush"][..]); 3]);
    made.push(("Gala", y87, None, &["Laura Bush"][..]));
    made.push(("Primary", y87, None, &["Bush"][..]));
    // Clinton in 1987 is not the Bill Clinton of 1996: out of his years, no merge.
    made.push(("Arkansas", y87, None, &["Clinton"][..]));
    made.extend([("Reelection", y96, None, &["Bill Clinton"][..]); 3]);
    let q = QueryOptions::default();
    let (one, two) = archives(3, &made);
    for a in [&one, &two] {
        let people = facets(a, FacetField::Person, "*", &q, 0).unwrap();
        let find = |key: &str| people.values.iter().find(|v| v.key == key).cloned();
        let reagan = find("ronald reagan").expect("merged");
        assert_eq!((reagan.value.as_str(), reagan.count), ("Ronald Reagan", 6));
        assert_eq!(reagan.merged, vec!["reagan"]);
        assert!(find("reagan").is_none(), "{people:?}");
        let bush = find("bush").expect("kept apart");
        assert_eq!(bush.count, 1);
        assert_eq!(bush.ambiguous, vec!["George Bush", "Laura Bush"]);
        assert!(find("george bush").unwrap().merged.is_empty());
        assert_eq!(find("clinton").map(|v| v.count), Some(1));
        assert!(find("clinton").unwrap().ambiguous.is_empty());
        assert_eq!(people.distinct, people.values.len() as u64);
        // The top value is counted exactly when it is cut to the top 1, and on matches.
        let top1 = facets(a, FacetField::Person, "*", &q, 1).unwrap();
        assert_eq!((top1.values[0].key.as_str(), top1.values[0].count), ("ronald reagan", 6));
        let vetoes = facets(a, FacetField::Person, "veto OR summit", &q, 0).unwrap();
        assert_eq!((vetoes.values[0].key.as_str(), vetoes.values[0].count), ("ronald reagan", 3));
        assert_eq!(vetoes.values.len(), 1);
        // A query for the full name finds the articles that only print the surname.
        assert_eq!(total(&matching(a, "person:\"Ronald Reagan\"", &q).unwrap()), 6);
        assert_eq!(total(&matching(a, "person:\"George Bush\"", &q).unwrap()), 3);
        // An article that only says "Reagan" shows the full name.
        let veto = a.find(&format!("{:016x}", 3)).unwrap();
        assert_eq!(a.article(a.document(veto, false).unwrap(), false).people, vec!["Ronald Reagan"]);
        let summit = a.find(&format!("{:016x}", 5)).unwrap();
        assert_eq!(a.article(a.document(summit, false).unwrap(), false).people, vec!["Ronald Reagan"]);
    }
}

/// Topics over every article are counted from the column's values in blocks: each article
/// counts once per topic, also when its topic list named one twice, as through the per-doc
/// path of a query and as `topic:` term counts say.
#[test]
fn topic_facets_over_everything_count_each_article_once_per_topic() {
    let store = Store::in_ram(&SchemaSpec::builtin()).unwrap();
    let mut writer: tantivy::IndexWriter = store.index.writer_with_num_threads(1, 100_000_000).unwrap();
    let lists: [&[&str]; 4] = [&["iran", "brexit", "iran"], &["brexit"], &[], &["covid-19", "IRAN"]];
    for i in 0..40 {
        let article = Article {
            title: "story".into(),
            body: format!("story body text number {i}"),
            topics: lists[i % 4].iter().map(|t| t.to_string()).collect(),
            fingerprint: Fingerprint::of(&format!("story body text number {i}")),
            ..Article::default()
        };
        writer.add_document(store.fields.document(&article, &file_facts(i), &[])).unwrap();
        if i == 25 {
            writer.commit().unwrap();
        }
    }
    writer.commit().unwrap();
    let archive = Archive::from_store_with_threads(store, 1).unwrap();
    let q = QueryOptions::default();
    let all = facets(&archive, FacetField::Topic, "*", &q, 0).unwrap();
    let by_query = facets(&archive, FacetField::Topic, "story", &q, 0).unwrap();
    let counts: Vec<(&str, u64)> = all.values.iter().map(|v| (v.key.as_str(), v.count)).collect();
    assert_eq!(counts, [("brexit", 20), ("iran", 20), ("covid-19", 10)]);
    assert_eq!(all.values, by_query.values);
    assert_eq!((all.articles, all.missing, all.distinct), (40, 10, 3));
    for value in &all.values {
        let by_term = total(&matching(&archive, &format!("topic:{}", value.key), &q).unwrap());
        assert_eq!(value.count, by_term, "{}", value.key);
    }
}

/// `search` counts exactly up to its cap: past it `total_hits` is the cap with relation `gte`
/// and the page is the one an exact count gives (same ids, scores and order), for a word, an
/// AND, a phrase and ORs. An OR of words about as frequent is counted in full (`prices OR
/// gas`: 450 and 150 articles), while one of a word in every article (`oil`) is pruned, of
/// two words or three (see `search::page`).
#[test]
fn capped_search_totals_say_more_than_and_keep_the_page() {
    use crate::search::{search, Relation, SearchRequest};
    let titles =
        ["oil prices rise", "oil prices fall as oil stocks swell", "gas and oil", "prices of oil rise"];
    let made: Vec<Made> =
        (0..600).map(|i| (titles[i % 4], d(2019, 1 + (i % 12) as u8, 1), None, &[] as &[&str])).collect();
    let (one, two) = archives(3, &made);
    for archive in [&one, &two] {
        for (query, counted_in_full) in [
            ("oil", false),
            ("oil AND prices", false),
            ("\"oil prices\"", false),
            ("prices OR gas OR stocks", true),
            ("prices OR gas", true),
            ("oil OR gas OR stocks", false),
            ("oil OR gas", false),
        ] {
            let exact =
                SearchRequest { limit: 15, total_cap: None, collapse: false, ..SearchRequest::new(query) };
            let capped = SearchRequest { total_cap: Some(50), ..exact.clone() };
            let (a, b) = (search(archive, &exact).unwrap(), search(archive, &capped).unwrap());
            assert_eq!(a.total_relation, Relation::Eq);
            assert!(a.total_hits > 150, "{query}: {}", a.total_hits);
            let key = |r: &crate::search::SearchResults| -> Vec<(String, Option<f32>)> {
                r.hits.iter().map(|h| (h.article.id.clone(), h.score)).collect()
            };
            assert_eq!(key(&a), key(&b), "{query}");
            if counted_in_full {
                assert_eq!((b.total_hits, b.total_relation), (a.total_hits, Relation::Eq), "{query}");
            } else {
                assert_eq!((b.total_hits, b.total_relation), (50, Relation::Gte), "{query}");
            }
        }
    }
}

/// Topic and dateline facets over a query read the matching docs' values a block at a time
/// (`rows`), or, when most of a segment matches, count the segment whole and take the other
/// docs (deleted ones included) back out: either way each value's count is the articles
/// matching the query with that value, `articles` and `missing` are the query's, in segments
/// with deletions, for queries matching most, about half and few of the articles.
#[test]
fn facets_over_a_query_count_dense_and_sparse_matches_alike_with_deletions() {
    let topics: [&[&str]; 5] = [&["iran", "brexit"], &["brexit"], &[], &["covid-19", "iran"], &["tariffs"]];
    let places = [Some("Moscow"), None, Some("Caracas"), Some("MOSCOW"), Some("Tehran"), Some("Caracas")];
    // "common" in 9 of 10 articles, "half" in every other, "rare" in 1 of 13.
    let title = |i: usize| {
        let mut words = vec!["story"];
        if i % 10 != 3 {
            words.push("common");
        }
        if i.is_multiple_of(2) {
            words.push("half");
        }
        if i % 13 == 5 {
            words.push("rare");
        }
        words.join(" ")
    };
    let store = Store::in_ram(&SchemaSpec::builtin()).unwrap();
    let mut writer: tantivy::IndexWriter = store.index.writer_with_num_threads(1, 100_000_000).unwrap();
    let n = 3_000;
    for i in 0..n {
        let body = format!("{} body text number {i}", title(i));
        let article = Article {
            title: title(i),
            fingerprint: Fingerprint::of(&body),
            body,
            topics: topics[(i * 7 + i / 3) % 5].iter().map(|t| t.to_string()).collect(),
            place: places[(i / 2 + i * i) % 6].map(str::to_string),
            ..Article::default()
        };
        writer.add_document(store.fields.document(&article, &file_facts(i), &[])).unwrap();
        if i == 1_999 {
            writer.commit().unwrap();
        }
    }
    writer.commit().unwrap();
    for i in (0..n).step_by(11) {
        writer.delete_term(tantivy::Term::from_field_text(store.fields.id, &format!("{i:016x}")));
    }
    writer.commit().unwrap();
    let a = Archive::from_store_with_threads(store, 2).unwrap();
    assert_eq!(a.searcher.segment_readers().len(), 2);
    let q = QueryOptions::default();
    for query in ["common", "half", "rare", "story", "common AND NOT half"] {
        let word = |i: usize| match query {
            "common AND NOT half" => title(i).contains("common") && !title(i).contains("half"),
            _ => title(i).split(' ').any(|w| w == query),
        };
        let matched: Vec<usize> = (0..n).filter(|&i| !i.is_multiple_of(11) && word(i)).collect();
        let topicless = matched.iter().filter(|&&i| topics[(i * 7 + i / 3) % 5].is_empty()).count() as u64;
        let placeless = matched.iter().filter(|&&i| places[(i / 2 + i * i) % 6].is_none()).count() as u64;
        for (field, missing, key_field) in
            [(FacetField::Topic, topicless, "topic"), (FacetField::Dateline, placeless, "place_key")]
        {
            let counted = facets(&a, field, query, &q, 0).unwrap();
            assert_eq!((counted.articles, counted.missing), (matched.len() as u64, missing), "{query}");
            assert_eq!(counted.distinct as usize, counted.values.len(), "{query}");
            assert!(!counted.values.is_empty(), "{query}");
            for value in &counted.values {
                let both = format!("({query}) AND {key_field}:\"{}\"", value.key);
                assert_eq!(value.count, total(&matching(&a, &both, &q).unwrap()), "{query}: {}", value.key);
            }
            let top1 = facets(&a, field, query, &q, 1).unwrap();
            assert_eq!(top1.values, counted.values[..1].to_vec(), "{query}");
        }
    }
}

/// The person facet read from each segment's rows file (`person_rows`) equals the column's,
/// over a query matching most of each segment (the other docs counted and taken from the
/// totals, deleted docs among them), a quarter of it, and a few docs (numbers listed),
/// with a merged person printed in both forms by one article; the rows of segments merged
/// away are removed; a rows file cut short is ignored, one whose totals do not add up is a
/// damaged index (only for the queries that read them).
#[test]
fn person_facets_from_rows_files_equal_the_columns() {
    let y87 = Date::new(1987, 3, 2);
    let names: Vec<String> = (0..600)
        .map(|i| format!("Anna {}{}", (b'B' + (i / 26) as u8) as char, (b'a' + (i % 26) as u8) as char))
        .collect();
    let titles = ["oil talks", "budget veto", "budget summit", "oil budget"];
    let made: Vec<(String, Vec<String>)> = (0..6_000)
        .map(|i: usize| {
            let title =
                if i % 500 == 7 { format!("{} rare", titles[i % 4]) } else { titles[i % 4].to_string() };
            let mut people: Vec<String> = match i % 5 {
                0 => vec!["Reagan".into(), "Ronald Reagan".into()],
                1 => vec!["Reagan".into()],
                2 => vec!["Ronald Reagan".into(), "George Bush".into()],
                3 => vec![],
                _ => vec!["Donald Trump".into()],
            };
            if i.is_multiple_of(3) {
                people.push(names[i % names.len()].clone());
            }
            (title, people)
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let spec = SchemaSpec::builtin();
    let store = Store::open_or_create(dir.path(), &spec).unwrap();
    let mut writer: tantivy::IndexWriter = store.index.writer_with_num_threads(1, 100_000_000).unwrap();
    for (i, (title, people)) in made.iter().enumerate() {
        let people: Vec<&str> = people.iter().map(String::as_str).collect();
        writer.add_document(made_document(&store, i, &(title.as_str(), y87, None, &people))).unwrap();
        if i == 3_999 {
            writer.commit().unwrap();
        }
    }
    writer.commit().unwrap();
    for i in (0..6_000).step_by(11) {
        writer.delete_term(tantivy::Term::from_field_text(store.fields.id, &format!("{i:016x}")));
    }
    writer.commit().unwrap();
    store.people.flush().unwrap();
    let queries = ["budget", "oil", "rare", "body", "nothingmatches"];
    let q = QueryOptions::default();
    let answers = |a: &Archive| -> Vec<Facets> {
        queries.iter().map(|query| facets(a, FacetField::Person, query, &q, 0).unwrap()).collect()
    };
    let fresh = || Archive::open(dir.path(), &spec).unwrap();
    let from_columns = answers(&fresh());
    assert!(fresh().person_rows().iter().all(Option::is_none));
    let reagan = from_columns[3].values.iter().find(|v| v.key == "ronald reagan").expect("merged");
    assert_eq!(reagan.merged, vec!["reagan"]);
    assert_eq!(from_columns[2].articles, 11, "rare");

    let archive = fresh();
    crate::resolve::refresh(
        dir.path(),
        &archive.store.index,
        &archive.searcher,
        &archive.store.fields,
        &archive.store.people,
    )
    .unwrap();
    let rows_files = || -> Vec<std::path::PathBuf> {
        let mut found: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rows"))
            .collect();
        found.sort();
        found
    };
    assert_eq!(rows_files().len(), 2);
    let with_rows = fresh();
    assert!(with_rows.person_rows().iter().all(Option::is_some));
    assert_eq!(answers(&with_rows), from_columns);

    // Totals that do not add up: an error for the queries that subtract from them, none for
    // the ones that count their matches.
    let big = rows_files().into_iter().max_by_key(|p| std::fs::metadata(p).unwrap().len()).unwrap();
    let mut bytes = std::fs::read(&big).unwrap();
    let totals = u32::from_le_bytes(bytes[16..20].try_into().unwrap()) as usize;
    let end = bytes.len();
    bytes[end - 4 * totals..].fill(0);
    std::fs::write(&big, &bytes).unwrap();
    let damaged = fresh();
    let error = facets(&damaged, FacetField::Person, "body", &q, 0).unwrap_err();
    assert!(matches!(error, crate::error::Error::IndexDamaged { .. }), "{error}");
    assert_eq!(facets(&damaged, FacetField::Person, "oil", &q, 0).unwrap(), from_columns[1]);
    // Cut short: not read at all.
    std::fs::write(&big, &bytes[..bytes.len() - 4]).unwrap();
    let cut = fresh();
    assert_eq!(cut.person_rows().iter().filter(|rows| rows.is_none()).count(), 1);
    assert_eq!(answers(&cut), from_columns);

    // One segment after a merge: its rows written, the two old files gone.
    let ids: Vec<tantivy::index::SegmentId> =
        archive.searcher.segment_readers().iter().map(|r| r.segment_id()).collect();
    writer.merge(&ids).wait().unwrap();
    let merged = fresh();
    assert_eq!(merged.searcher.segment_readers().len(), 1);
    crate::resolve::refresh(
        dir.path(),
        &merged.store.index,
        &merged.searcher,
        &merged.store.fields,
        &merged.store.people,
    )
    .unwrap();
    assert_eq!(rows_files().len(), 1);
    assert!(rows_files()[0]
        .to_string_lossy()
        .contains(&merged.searcher.segment_readers()[0].segment_id().uuid_string()));
    assert_eq!(answers(&fresh()), from_columns);
}

#[test]
fn id_keys_and_signatures_read_back_as_written_after_a_merge() {
    let titles: Vec<String> = (0..30).map(|i| format!("harbour strike talks resume round {i}")).collect();
    let made: Vec<Made> = titles.iter().map(|t| (t.as_str(), None, None, &[][..])).collect();
    let store = Store::in_ram(&SchemaSpec::builtin()).unwrap();
    let mut writer: tantivy::IndexWriter = store.index.writer_with_num_threads(1, 100_000_000).unwrap();
    for (i, m) in made.iter().enumerate() {
        writer.add_document(made_document(&store, i, m)).unwrap();
        if i % 10 == 9 {
            writer.commit().unwrap();
        }
    }
    let segments = store.index.searchable_segment_ids().unwrap();
    assert_eq!(segments.len(), 3);
    writer.merge(&segments).wait().unwrap();
    let archive = Archive::from_store_with_threads(store, 1).unwrap();
    assert_eq!(archive.searcher.segment_readers().len(), 1);
    let addresses: Vec<tantivy::DocAddress> = (0..30).map(|doc| tantivy::DocAddress::new(0, doc)).collect();
    let ids = crate::collapse::ids(&archive, &addresses).unwrap();
    let columns = archive.segment_columns(0).unwrap();
    for (address, id) in addresses.iter().zip(&ids) {
        let stored = archive.article(archive.document(*address, false).unwrap(), false).id;
        assert_eq!(*id, stored, "the id written from its key");
        let i = usize::from_str_radix(id, 16).unwrap();
        assert_eq!(columns.id_key(address.doc_id), i as u64);
        let body = format!("{} body text number {i}", titles[i]);
        let expected = crate::article::fingerprint::minhash(&body).unwrap().to_vec();
        assert_eq!(columns.signature(address.doc_id), Some(expected), "signature of article {i}");
    }
}

/// A word on a keyword field (no norms: every match scores the same) keeps the page of the
/// exact ranking under a cap: the newest of the tied articles first, then by id. (Block-max
/// WAND skipped whole blocks of such a word once the cap was counted and lost them.)
#[test]
fn capped_search_on_a_keyword_field_keeps_the_newest_of_tied_articles() {
    use crate::search::{search, SearchRequest};
    let store = Store::in_ram(&SchemaSpec::builtin()).unwrap();
    let mut writer: tantivy::IndexWriter = store.index.writer_with_num_threads(1, 100_000_000).unwrap();
    for i in 0..1500usize {
        let body = format!("harbour strike number {i}");
        // Dates scattered over the years, so the newest sit in every block.
        let day = d(2000 + (i * 7919 % 23) as i32, 1 + (i % 12) as u8, 1 + (i * 31 % 28) as u8);
        let article = Article {
            title: format!("strike {i}"),
            fingerprint: Fingerprint::of(&body),
            body,
            date: day,
            year: day.map(|d| d.year),
            topics: vec!["labour".to_string()],
            ..Article::default()
        };
        writer.add_document(store.fields.document(&article, &file_facts(i), &[])).unwrap();
        if i % 500 == 499 {
            writer.commit().unwrap();
        }
    }
    let archive = Archive::from_store_with_threads(store, 1).unwrap();
    let exact =
        SearchRequest { limit: 15, total_cap: None, collapse: false, ..SearchRequest::new("topic:labour") };
    let capped = SearchRequest { total_cap: Some(50), ..exact.clone() };
    let ids = |r: crate::search::SearchResults| -> Vec<String> {
        r.hits.into_iter().map(|h| h.article.id).collect()
    };
    let page = ids(search(&archive, &exact).unwrap());
    assert_eq!(page.len(), 15);
    assert_eq!(ids(search(&archive, &capped).unwrap()), page);
}
