//! The archive's date conventions through the real binaries: `morgue-index --date-order` reads
//! ambiguous numeric dates ("03/04/2015") one way and `--year` completes yearless datelines of
//! a root; both are kept in the index for later runs (a change re-parses every article), and
//! `morgue stats` says where each date was read.

mod util;

use std::collections::BTreeMap;

use util::TestEnv;

/// A story with an ambiguous numeric date line under its byline.
const SLASHED: &str = "Harbour board approves ferry timetable\n\nBy Imogen Talbot\n03/04/2015\n\n\
    The harbour board on Tuesday approved a winter timetable that adds two evening crossings.\n\n\
    The first of them runs in November, the board said.\n";

/// A wire story whose dateline gives month and day but no year.
const YEARLESS: &str = "COPPER SMELTER CUTS OUTPUT\n\n    LONDON, Feb 27 - A copper smelter in the north \
    cut its output by a third after flood water reached the furnace hall, the company said.\n\n\
    Repairs would take a month.\n Reuter\n";

/// A story with a full date line.
const DATED: &str = "Council approves harbour budget\n\nBy Anna Berg\nMay 14, 2019\n\n\
    The council voted 7-2 on Monday to approve the harbour budget for next year.\n\n\
    The mayor said the vote was overdue.\n";

fn index(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json", "--quiet"];
    all.extend_from_slice(args);
    env.index_cmd(&all).expect_code(0).json()
}

/// File name → date, as exported.
fn dates(env: &TestEnv) -> BTreeMap<String, Option<String>> {
    let run = env.morgue(&["export", "*", "--format", "ndjson", "--fields", "path,date"]).expect_code(0);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| v["type"] == "article")
        .map(|v| {
            let path = v["data"]["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap().to_string();
            (name, v["data"]["date"].as_str().map(|d| d[..10].to_string()))
        })
        .collect()
}

fn date_of(env: &TestEnv, name: &str) -> Option<String> {
    dates(env).get(name).cloned().unwrap_or_else(|| panic!("{name} not exported"))
}

#[test]
fn ambiguous_numeric_dates_need_the_archive_order() {
    let env = TestEnv::new();
    env.write("slashed.txt", SLASHED);
    index(&env, &[]);
    assert_eq!(date_of(&env, "slashed.txt"), None, "03/04/2015 reads two ways: no date");

    let summary = index(&env, &["--date-order", "dmy"]);
    assert_eq!(summary["retagged"], true, "a new order re-parses the archive");
    assert_eq!(date_of(&env, "slashed.txt").as_deref(), Some("2015-04-03"));

    // Kept in the index: a later run without the flag reads a new file the same way.
    env.write("later.txt", SLASHED.replace("03/04/2015", "05/06/2016"));
    let summary = index(&env, &[]);
    assert_eq!(summary["retagged"], false);
    assert_eq!(date_of(&env, "later.txt").as_deref(), Some("2016-06-05"));
    assert_eq!(date_of(&env, "slashed.txt").as_deref(), Some("2015-04-03"));

    index(&env, &["--date-order", "mdy"]);
    assert_eq!(date_of(&env, "slashed.txt").as_deref(), Some("2015-03-04"));
    assert_eq!(date_of(&env, "later.txt").as_deref(), Some("2016-05-06"));
}

#[test]
fn a_root_year_completes_yearless_datelines_and_stats_say_where_dates_came_from() {
    let env = TestEnv::new();
    env.write("wire/smelter.txt", YEARLESS);
    env.write("1986/02/copper.txt", YEARLESS);
    env.write("council.txt", DATED);
    env.write("slashed.txt", SLASHED);
    index(&env, &[]);
    assert_eq!(date_of(&env, "smelter.txt"), None, "no year anywhere: no date");
    assert_eq!(date_of(&env, "copper.txt").as_deref(), Some("1986-02-27"), "the folder's year");

    index(&env, &["--year", "1987"]);
    assert_eq!(date_of(&env, "smelter.txt").as_deref(), Some("1987-02-27"));
    assert_eq!(date_of(&env, "copper.txt").as_deref(), Some("1986-02-27"), "the folder still wins");

    let stats = env.morgue_json(&["stats"]);
    let from = &stats["date_from"];
    let count = |k: &str| from[k].as_u64().unwrap_or_else(|| panic!("{k} missing in {from}"));
    assert_eq!(count("root_default"), 1, "{from}");
    assert_eq!(count("path"), 1, "{from}");
    assert_eq!(count("date_line"), 1, "{from}");
    assert_eq!(count("none"), 1, "{from}");
    assert_eq!(count("none"), stats["undated"].as_u64().unwrap());
    let total: u64 = ["header", "dateline", "date_line", "trailer", "path", "root_default", "none"]
        .iter()
        .map(|k| count(k))
        .sum();
    assert_eq!(total, stats["articles"].as_u64().unwrap());

    // A deleted article leaves the counts.
    std::fs::remove_file(env.root().join("wire/smelter.txt")).unwrap();
    index(&env, &[]);
    let stats = env.morgue_json(&["stats"]);
    assert_eq!(stats["date_from"]["root_default"], 0, "{}", stats["date_from"]);
    assert_eq!(stats["date_from"]["path"], 1);

    let human = env.morgue(&["stats"]).expect_code(0).stdout;
    assert!(human.contains("date from") && human.contains("path 1"), "{human}");
}
