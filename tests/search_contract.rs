//! `morgue search` / `count` / `show` on the sample corpus: ranking, fields, highlights, sort,
//! date filters, paging, and the JSON contract (strict structs: an added or renamed field
//! fails here first).

mod util;

use serde::Deserialize;
use util::TestEnv;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Results {
    query: String,
    total_hits: u64,
    total_relation: String,
    partial_hits: u64,
    undated_excluded: u64,
    offset: usize,
    collapsed: u64,
    hits: Vec<Hit>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Hit {
    rank: usize,
    score: Option<f32>,
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
    snippet: Snippet,
    copies: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Snippet {
    text: String,
    highlights: Vec<[usize; 2]>,
}

fn sample() -> TestEnv {
    let env = TestEnv::new().with_sample_corpus();
    env.index_cmd(&["--quiet"]).expect_code(0);
    env
}

fn search(env: &TestEnv, args: &[&str]) -> Results {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.push("--json");
    let run = env.morgue(&all);
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}\n{}", run.stdout, run.stderr))
}

#[test]
fn sample_corpus_searches_rank_sensibly_with_real_fields() {
    let env = sample();
    // Title boost: the articles about the Mueller report outrank those that mention it.
    let r = search(&env, &["mueller report", "--limit", "3"]);
    assert!(r.total_hits >= 3, "{r:?}");
    for hit in &r.hits {
        assert!(hit.title.to_lowercase().contains("mueller"), "top hits are about Mueller: {}", hit.title);
    }
    assert_eq!(r.hits.iter().map(|h| h.rank).collect::<Vec<_>>(), vec![1, 2, 3]);
    let scores: Vec<f32> = r.hits.iter().map(|h| h.score.unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "scores descend: {scores:?}");

    // The web-scrape article's fields come out of its layout.
    let barr = r
        .hits
        .iter()
        .find(|h| h.path == "2019/03/barr-summary-mueller-report.txt")
        .expect("Barr story ranks");
    assert_eq!(barr.layout, "web-scrape");
    assert_eq!(barr.dateline.as_deref(), Some("WASHINGTON"));
    assert_eq!(barr.place.as_deref(), Some("Washington"));
    assert_eq!(barr.date.as_deref(), Some("2019-03-24"));
    assert_eq!(barr.year, Some(2019));
    assert_eq!(barr.source.as_deref(), Some("The Washington Post"));
    assert_eq!(barr.section.as_deref(), Some("Political News"));
    assert_eq!(barr.authors, vec!["Karen Whitfield", "Samuel Ortega"]);
    assert_eq!(barr.id.len(), 16);
    assert!(barr.root.ends_with("articles"));
    assert!(barr.size > 1000);
    let _ = (
        &barr.distributor,
        &barr.people,
        &barr.topics,
        &r.query,
        r.offset,
        r.partial_hits,
        r.undated_excluded,
    );
}

#[test]
fn highlights_point_at_the_matched_words() {
    let env = sample();
    let r = search(&env, &["guaidó", "--limit", "5"]);
    assert!(r.total_hits >= 3);
    for hit in &r.hits {
        assert!(!hit.snippet.highlights.is_empty(), "{}: no highlight in {:?}", hit.path, hit.snippet.text);
        for [start, end] in &hit.snippet.highlights {
            let word = &hit.snippet.text[*start..*end];
            let folded: String = word.to_lowercase().replace('ó', "o");
            assert_eq!(folded, "guaido", "highlight {word:?} in {}", hit.path);
        }
    }
}

#[test]
fn accents_fold_both_ways() {
    let env = sample();
    let with = search(&env, &["Guaidó"]).total_hits;
    let without = search(&env, &["guaido"]).total_hits;
    assert_eq!(with, without);
    assert!(with >= 3);
}

#[test]
fn free_text_finds_people_by_their_canonical_names() {
    let env = sample();
    // The Sondland story writes "Mike Pompeo" and never "Michael": extraction files him under
    // the canonical "Michael R. Pompeo", which the searched body carries after the text.
    let path = "2019/11/sondland-testifies-quid-pro-quo.txt";
    for query in ["michael pompeo", "body:michael", "\"michael r pompeo\""] {
        let r = search(&env, &[query, "--limit", "100"]);
        assert!(r.hits.iter().any(|h| h.path == path), "{query}: {r:?}");
    }
    let sondland = search(&env, &["michael pompeo sondland"]);
    assert_eq!(sondland.hits.first().map(|h| h.path.as_str()), Some(path));
    assert!(sondland.hits[0].people.iter().any(|p| p == "Michael R. Pompeo"), "{sondland:?}");
    // The snippet and the stored body are the text alone, without the appended names.
    assert!(!sondland.hits[0].snippet.text.contains("Michael"), "{:?}", sondland.hits[0].snippet);
    let shown = env.morgue(&["show", path, "--json"]).expect_code(0).json();
    let body = shown["body"].as_str().unwrap();
    assert!(body.contains("Mike Pompeo") && !body.contains("Michael"), "{body}");
    // A phrase does not run from the end of the text into the first name.
    let last_word = body.split_whitespace().last().unwrap().trim_matches(|c: char| !c.is_alphanumeric());
    let across = format!("\"{last_word} {}\"", sondland.hits[0].people[0].split(' ').next().unwrap());
    let r = search(&env, &[&across, "--limit", "100"]);
    assert!(r.hits.iter().all(|h| h.path != path), "{across} matched across the boundary: {r:?}");
    // The stored copy is not searchable.
    env.morgue(&["search", "body_text:pompeo"]).expect_code(2);
}

#[test]
fn fielded_queries_dates_and_filters() {
    let env = sample();
    let r = search(&env, &["dateline:\"san juan\""]);
    assert_eq!(r.total_hits, 1);
    assert_eq!(r.hits[0].dateline.as_deref(), Some("SAN JUAN, Puerto Rico"));

    let count = |q: &str, extra: &[&str]| -> u64 {
        let mut args = vec!["count", q];
        args.extend_from_slice(extra);
        let run = env.morgue(&args);
        assert!(run.code == 0 || run.code == 1, "{q}: {}", run.stderr);
        run.stdout.trim().parse().unwrap()
    };
    let all = count("*", &[]);
    assert_eq!(all, 58, "57 articles + title-only file; binary and empty skipped");
    let in_2019 = count("date:2019", &[]);
    assert!(in_2019 > 5);
    assert_eq!(count("date:[2019-01-01 TO 2019-12-31]", &[]), in_2019);
    assert_eq!(count("*", &["--from", "2019", "--to", "2019"]), in_2019);
    let h1 = count("date:[2019-01-01 TO 2019-06-30]", &[]);
    let h2 = count("date:[2019-07-01 TO 2019-12-31]", &[]);
    assert_eq!(h1 + h2, in_2019);
    assert!(count("year:2019", &[]) >= in_2019, "year also comes from copyright lines");
    // 16 AP wire stories in the sample corpus name the Associated Press as their source.
    assert_eq!(count("source:\"associated press\"", &[]), 16);
    assert_eq!(count("layout:reuters", &[]), 14, "11 from 1987 and 3 modern");
    assert_eq!(count("tanker -tanker", &[]), 0);
}

#[test]
fn wildcards_fuzzy_words_and_apostrophes() {
    let env = sample();
    let count = |q: &str| -> u64 {
        let run = env.morgue(&["count", q]);
        assert!(run.code == 0 || run.code == 1, "{q}: {}", run.stderr);
        run.stdout.trim().parse().unwrap()
    };
    // A trailing `*` is a prefix: the same articles as its words, highlighted like them.
    let venezuel = count("venezuel*");
    assert!(venezuel >= 5, "{venezuel}");
    assert_eq!(venezuel, count("venezuela OR venezuelan OR venezuelans"));
    assert_eq!(count("\"venezuel\"*"), venezuel, "a quoted word with a star is a prefix too");
    let r = search(&env, &["venezuel*", "--limit", "5"]);
    for hit in &r.hits {
        assert!(!hit.snippet.highlights.is_empty(), "{}: {:?}", hit.path, hit.snippet);
        for [start, end] in &hit.snippet.highlights {
            let word = hit.snippet.text[*start..*end].to_lowercase();
            assert!(word.starts_with("venezuel"), "highlight {word:?} in {}", hit.path);
        }
    }
    // The index holds stems ("presid"), so a prefix also finds the stem it was cut from.
    assert_eq!(count("presiden*"), count("president OR presidential OR presidents"));
    assert!(count("presiden*") > 20);
    // `~N`: words within N edits; "pompeu" is one letter away from "pompeo".
    let pompeo = count("pompeo");
    assert!(pompeo >= 5);
    assert_eq!(count("pompeu~1"), pompeo);
    assert_eq!(count("pompeu~0"), 0);
    assert_eq!(count("person:pompeu~1"), count("person:pompeo"));
    let r = search(&env, &["pompeu~1", "--limit", "3"]);
    let hit = r.hits.iter().find(|h| !h.snippet.text.is_empty()).expect("a hit with a body");
    let [start, end] = hit.snippet.highlights[0];
    assert_eq!(&hit.snippet.text[start..end].to_lowercase(), "pompeo");
    // Patterns combine with the rest of the language.
    assert_eq!(count("venezuel* AND -maduro") + count("venezuel* AND maduro"), venezuel);
    // Patterns morgue cannot run are one-line errors with a column.
    for (query, column, words) in [
        ("iran b*d", 6, "only at the end of a word"),
        ("iran~3", 1, "0 to 2 edits"),
        ("year:201*", 6, "does not hold words"),
    ] {
        let run = env.morgue(&["count", query]).expect_code(2);
        assert!(run.stderr.contains(&format!("column {column}")), "{query}: {}", run.stderr);
        assert!(run.stderr.contains(words), "{query}: {}", run.stderr);
        assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
    }
    // An apostrophe inside a word is part of it, not the start of a quoted phrase: "Maduro’s"
    // (a curly apostrophe in the text) is found by `maduro's`.
    let possessive = count("maduro's");
    assert!(possessive >= 3, "{possessive}");
    assert_eq!(count("\"maduro's government\""), count("\"maduro s government\""));
    env.morgue(&["count", "o'rourke"]).expect_code(1);
    env.morgue(&["count", "'trade war'"]).expect_code(0);
}

#[test]
fn date_sort_and_paging() {
    let env = sample();
    let r = search(&env, &["*", "--sort", "date", "--limit", "5"]);
    let dates: Vec<&str> = r.hits.iter().map(|h| h.date.as_deref().expect("dated first")).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    assert!(r.hits.iter().all(|h| h.score.is_none()));

    let page1 = search(&env, &["iran", "--limit", "2"]);
    let page2 = search(&env, &["iran", "--limit", "2", "--offset", "2"]);
    assert_eq!(page2.hits[0].rank, 3);
    assert_eq!(page1.total_hits, page2.total_hits);
    assert!(page1.hits.iter().all(|a| page2.hits.iter().all(|b| a.id != b.id)));
}

/// Issue 18: syndicated copies are folded into the best-ranked one ("+1 copy"), `--no-collapse`
/// lists them all, and counts keep their exact boolean meaning.
#[test]
fn copies_of_a_story_fold_into_its_best_ranked_hit() {
    let env = sample();
    let (original, copy) =
        ("2019/06/tankers-attacked-gulf-of-oman.txt", "2019/06/us-blames-iran-after-tanker-explosions.txt");
    let all = search(&env, &["tankers", "--no-collapse", "--limit", "100"]);
    let ids: std::collections::HashMap<&str, &str> =
        all.hits.iter().map(|h| (h.path.as_str(), h.id.as_str())).collect();
    assert!(ids.contains_key(original) && ids.contains_key(copy), "{all:#?}");
    assert!(all.hits.iter().all(|h| h.copies.is_empty()) && all.collapsed == 0);

    let folded = search(&env, &["tankers", "--limit", "100"]);
    assert_eq!(folded.total_hits, all.total_hits, "the total is the boolean count");
    assert_eq!(folded.hits.len(), all.hits.len() - 1, "one copy folded");
    assert_eq!(folded.collapsed, 1);
    let best = &folded.hits[0];
    let (leader, folded_copy) = if best.path == copy { (copy, original) } else { (original, copy) };
    assert_eq!(best.path, all.hits[0].path, "the best-ranked copy leads");
    assert_eq!(best.path, leader);
    assert_eq!(best.copies, vec![ids[folded_copy].to_string()]);
    assert!(folded.hits.iter().all(|h| h.path != folded_copy));
    // The rest of the list is the unfolded one without the copy, ranks renumbered.
    let rest: Vec<&str> = all.hits.iter().map(|h| h.path.as_str()).filter(|p| *p != folded_copy).collect();
    assert_eq!(folded.hits.iter().map(|h| h.path.as_str()).collect::<Vec<_>>(), rest);
    assert!(folded.hits.iter().enumerate().all(|(i, h)| h.rank == i + 1));
    assert!(folded.hits[1..].iter().all(|h| h.copies.is_empty()));

    // Paging counts folded hits: the second page starts after the copy's leader.
    let page2 = search(&env, &["tankers", "--limit", "1", "--offset", "1"]);
    assert_eq!(page2.hits[0].path, folded.hits[1].path);
    assert_eq!(page2.hits[0].rank, 2);

    // Human output names the copies; count stays exact.
    let human = env.morgue(&["search", "tankers", "--limit", "1"]).expect_code(0);
    assert!(human.stdout.contains("+1 copy "), "{}", human.stdout);
    assert!(human.stdout.contains("1 copy of them folded in"), "{}", human.stdout);
    let count = env.morgue(&["count", "tankers"]).expect_code(0);
    assert_eq!(count.stdout.trim(), all.total_hits.to_string());

    // Both Guaidó copies match "guaido military"; they come back as one hit.
    let guaido = search(&env, &["guaido military uprising", "--limit", "100"]);
    let pair = [
        "2019/04/venezuela-guaido-calls-military-uprising.txt",
        "2019/04/guaido-urges-troops-to-turn-on-maduro.txt",
    ];
    let shown = guaido.hits.iter().filter(|h| pair.contains(&h.path.as_str())).count();
    assert_eq!(shown, 1, "{guaido:#?}");
}

/// An exact copy (the same body under another headline and path) folds too, and a story that
/// only shares a template with it does not.
#[test]
fn exact_copies_fold_and_different_stories_stay() {
    let env = TestEnv::new();
    let body = "The harbour board voted on Thursday to close the old ferry pier for repairs after \
        divers found cracks in three of its pilings, a spokeswoman said. Ferries will use the \
        north quay until the work ends in the autumn, and the board expects the bill to reach \
        four million kroner.";
    env.write("a/pier.txt", format!("Ferry pier to close for repairs\n\n{body}\n"));
    env.write("b/pier.txt", format!("Old ferry pier shut after cracks found\n\n{body}\n"));
    let other = "The harbour board voted on Tuesday to widen the fishing basin after trawler \
        owners complained of crowding, a spokesman said. Dredgers will start work in the spring.";
    env.write("c/basin.txt", format!("Fishing basin to be widened\n\n{other}\n"));
    env.index_cmd(&["--quiet"]).expect_code(0);
    let r = search(&env, &["harbour board", "--limit", "10"]);
    assert_eq!(r.total_hits, 3);
    assert_eq!(r.hits.len(), 2, "{r:#?}");
    let pier = r.hits.iter().find(|h| h.path.ends_with("pier.txt")).unwrap();
    assert_eq!(pier.copies.len(), 1);
    assert!(r.hits.iter().any(|h| h.path == "c/basin.txt" && h.copies.is_empty()));
}

#[test]
fn show_by_id_and_path() {
    let env = sample();
    let r = search(&env, &["puerto rico maria", "--limit", "1"]);
    let id = &r.hits[0].id;
    let by_id = env.morgue(&["show", id, "--json"]).expect_code(0).json();
    let by_path = env.morgue(&["show", &r.hits[0].path, "--json"]).expect_code(0).json();
    assert_eq!(by_id, by_path);
    assert!(
        by_id["body"].as_str().unwrap().contains("San Juan") || by_id["body"].as_str().unwrap().len() > 500
    );
    env.morgue(&["show", "no/such/file.txt"]).expect_code(2);
}

/// Below the cap of 10,000 a search's total is exact (`"eq"`), with or without
/// `--exact-total`, and equals `count` of the same boolean query.
#[test]
fn totals_below_the_cap_are_exact_with_or_without_exact_total() {
    let env = sample();
    let capped = search(&env, &["iran OR venezuela"]);
    let exact = search(&env, &["iran OR venezuela", "--exact-total"]);
    assert_eq!((capped.total_relation.as_str(), exact.total_relation.as_str()), ("eq", "eq"));
    assert_eq!(capped.total_hits, exact.total_hits);
    assert!(capped.total_hits > 3, "{capped:?}");
    let count = env.morgue(&["count", "iran OR venezuela"]);
    assert_eq!(count.stdout.trim(), capped.total_hits.to_string());
}
