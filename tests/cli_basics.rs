//! End-to-end basics through the real binaries: index, search, count, show, exit codes.

mod util;

use util::TestEnv;

const IRAN: &str = "Iran tightens grip on tanker lanes\n\nTEHRAN -- Iranian forces seized a tanker in the Strait of Hormuz on Friday, officials said.\n\nThe seizure raised oil prices.\n";
const VENEZUELA: &str = "Maduro rallies army\n\nCARACAS -- Nicolás Maduro addressed troops as the opposition led by Juan Guaidó marched.\n";

#[test]
fn index_then_search_ranks_and_counts() {
    let env = TestEnv::new();
    env.write("2019/07/iran.txt", IRAN);
    env.write("2019/05/venezuela.txt", VENEZUELA);
    env.index_cmd(&[]).expect_code(0);
    let results = env.morgue_json(&["search", "tanker"]);
    assert_eq!(results["total_hits"], 1);
    assert_eq!(results["hits"][0]["path"], "2019/07/iran.txt");
    assert_eq!(env.morgue(&["count", "*"]).expect_code(0).stdout.trim(), "2");
    // accent folding: "nicolas" finds "Nicolás"
    let results = env.morgue_json(&["search", "nicolas"]);
    assert_eq!(results["hits"][0]["path"], "2019/05/venezuela.txt");
}

#[test]
fn exit_codes_distinguish_hits_misses_and_errors() {
    let env = TestEnv::new();
    env.write("a.txt", IRAN);
    env.index_cmd(&[]).expect_code(0);
    env.morgue(&["search", "tanker"]).expect_code(0);
    env.morgue(&["search", "zeppelin"]).expect_code(1);
    let bad = env.morgue(&["search", "title:(tanker"]).expect_code(2);
    assert!(bad.stderr.contains("column 7"), "{}", bad.stderr);
    assert_eq!(bad.stderr.lines().count(), 1, "one line: {}", bad.stderr);
    let unknown = env.morgue(&["search", "colour:red"]).expect_code(2);
    assert!(unknown.stderr.contains("unknown field `colour`"), "{}", unknown.stderr);
}

#[test]
fn missing_index_says_how_to_create_it() {
    let env = TestEnv::new();
    let run = env.morgue(&["count", "*"]).expect_code(2);
    assert!(run.stderr.contains("morgue-index"), "{}", run.stderr);
}
