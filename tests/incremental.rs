//! Incremental and crash-safe indexing (issue 4): add/change/delete/rename between runs,
//! touch without change, several roots, --full, schema/taxonomy changes, SIGKILL and Ctrl-C
//! mid-run, two indexers at once, search during indexing, and every kind of bad input.

mod util;

use std::collections::HashSet;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use util::TestEnv;

fn article(title: &str, word: &str) -> String {
    format!("{title}\n\nBOSTON -- The {word} committee met on Tuesday to discuss the {word} budget.\n\nMembers said the {word} plan would pass.\n")
}

fn summary(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json", "--quiet"];
    all.extend_from_slice(args);
    env.index_cmd(&all).expect_code(0).json()
}

fn paths_in_index(env: &TestEnv) -> Vec<String> {
    // Every file, copies included (the generated articles share bodies).
    let results = env.morgue_json(&["search", "*", "--limit", "100000", "--no-collapse"]);
    results["hits"].as_array().unwrap().iter().map(|h| h["path"].as_str().unwrap().to_string()).collect()
}

#[test]
fn add_change_delete_rename_between_runs() {
    let env = TestEnv::new();
    env.write("a.txt", article("Alpha", "harbor"));
    env.write("b.txt", article("Bravo", "transit"));
    env.write("sub/c.txt", article("Charlie", "library"));
    let s = summary(&env, &[]);
    assert_eq!((s["added"].as_u64(), s["articles"].as_u64()), (Some(3), Some(3)));

    // Unchanged: nothing read.
    let s = summary(&env, &[]);
    assert_eq!(
        (s["unchanged"].as_u64(), s["added"].as_u64(), s["bytes"].as_u64()),
        (Some(3), Some(0), Some(0))
    );

    // Change one, delete one, add one, rename one.
    std::thread::sleep(Duration::from_millis(20));
    env.write("a.txt", article("Alpha revised", "ferry"));
    std::fs::remove_file(env.root().join("b.txt")).unwrap();
    env.write("d.txt", article("Delta", "orchard"));
    std::fs::rename(env.root().join("sub/c.txt"), env.root().join("sub/c-renamed.txt")).unwrap();
    let s = summary(&env, &[]);
    assert_eq!(s["updated"], 1, "{s}");
    assert_eq!(s["removed"], 2, "b.txt deleted and sub/c.txt renamed away: {s}");
    assert_eq!(s["added"], 2, "d.txt and the renamed file: {s}");
    assert_eq!(s["articles"], 3);

    let mut paths = paths_in_index(&env);
    paths.sort();
    assert_eq!(paths, vec!["a.txt", "d.txt", "sub/c-renamed.txt"]);
    env.morgue(&["search", "ferry"]).expect_code(0);
    env.morgue(&["search", "harbor"]).expect_code(1);
    env.morgue(&["search", "transit"]).expect_code(1);
}

#[test]
fn touch_without_change_costs_no_reindex() {
    let env = TestEnv::new();
    let path = env.write("a.txt", article("Alpha", "harbor"));
    summary(&env, &[]);
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(std::time::SystemTime::now() + Duration::from_secs(60)).unwrap();
    drop(file);
    let s = summary(&env, &[]);
    assert_eq!((s["touched"].as_u64(), s["updated"].as_u64()), (Some(1), Some(0)), "{s}");
    // The new mtime is remembered: the next run does not even read the file.
    let s = summary(&env, &[]);
    assert_eq!(
        (s["unchanged"].as_u64(), s["touched"].as_u64(), s["bytes"].as_u64()),
        (Some(1), Some(0), Some(0))
    );
}

#[test]
fn several_roots_share_one_index_and_keep_their_own_files() {
    let env = TestEnv::new();
    env.write("a.txt", article("Alpha", "harbor"));
    let other = env.dir.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("z.txt"), article("Zulu", "glacier")).unwrap();
    summary(&env, &[]);
    let run = Command::new(env!("CARGO_BIN_EXE_morgue-index"))
        .arg("--index")
        .arg(env.index())
        .arg(&other)
        .args(["--json", "--quiet"])
        .output()
        .unwrap();
    assert!(run.status.success());
    assert_eq!(env.morgue(&["count", "*"]).stdout.trim(), "2");
    // Re-indexing the first root alone must not remove the second root's articles.
    let s = summary(&env, &[]);
    assert_eq!(s["removed"], 0);
    assert_eq!(s["articles"], 2);
}

#[test]
fn full_rebuild_and_taxonomy_change_retag() {
    let env = TestEnv::new();
    env.write("a.txt", article("Alpha", "harbor"));
    summary(&env, &[]);
    let s = summary(&env, &["--full"]);
    assert_eq!((s["added"].as_u64(), s["articles"].as_u64()), (Some(1), Some(1)));

    // A changed taxonomy re-tags every article (and says so).
    let schema_dir = env.dir.path().join("schema");
    std::fs::create_dir_all(&schema_dir).unwrap();
    let topics =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index-schema/topics.toml")).unwrap();
    std::fs::write(schema_dir.join("topics.toml"), format!("{topics}\n# edited\n")).unwrap();
    let s = summary(&env, &["--schema-dir", schema_dir.to_str().unwrap()]);
    assert_eq!(s["retagged"], true, "{s}");
    assert_eq!(s["updated"], 1, "{s}");
}

#[test]
fn index_of_another_schema_version_is_refused_then_rebuilt_with_full() {
    let env = TestEnv::new();
    env.write("a.txt", article("Alpha", "harbor"));
    summary(&env, &[]);
    let schema_dir = env.dir.path().join("schema");
    std::fs::create_dir_all(&schema_dir).unwrap();
    let schema =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index-schema/schema.toml")).unwrap();
    let bumped = schema.replacen("\nversion = ", "\nversion = 9", 1);
    std::fs::write(schema_dir.join("schema.toml"), bumped).unwrap();
    let dir = schema_dir.to_str().unwrap();
    let run = env.index_cmd(&["--schema-dir", dir]).expect_code(2);
    assert!(run.stderr.contains("schema version") && run.stderr.contains("--full"), "{}", run.stderr);
    let run = env.morgue(&["--schema-dir", dir, "count", "*"]).expect_code(2);
    assert!(run.stderr.contains("schema version"), "{}", run.stderr);
    let s = summary(&env, &["--schema-dir", dir, "--full"]);
    assert_eq!(s["articles"], 1);
}

#[test]
fn bad_input_is_reported_and_the_run_goes_on() {
    let env = TestEnv::new();
    env.write("good.txt", article("Good", "harbor"));
    env.write("binary.txt", b"GIF89a\x00\x01\x02\x00\x00binary");
    env.write("empty.txt", b"");
    env.write("big.txt", "x".repeat(5000));
    env.write("deep/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/deep.txt", article("Deep", "canyon"));
    env.write(".hidden/secret.txt", article("Hidden", "vault"));
    env.write("notes.md", "not an article");
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::os::unix::fs::symlink(env.root(), env.root().join("deep/loop")).unwrap();
        std::os::unix::fs::symlink(env.root().join("missing.txt"), env.root().join("dangling.txt")).unwrap();
        let bad_name = std::ffi::OsStr::from_bytes(b"bad-\xff-name.txt");
        std::fs::write(env.root().join(bad_name), article("Bad name", "meadow")).unwrap();
    }
    let run = env.index_cmd(&["--json", "--max-size", "4K"]).expect_code(0);
    let s = run.json();
    assert_eq!(s["added"], 2, "good.txt and deep.txt: {s}\n{}", run.stderr);
    let reasons = &s["skipped_by_reason"];
    assert_eq!(reasons["binary"], 1, "{s}");
    assert_eq!(reasons["empty"], 1, "{s}");
    assert_eq!(reasons["too-large"], 1, "{s}");
    #[cfg(unix)]
    {
        assert_eq!(reasons["symlink-loop"], 1, "{s}");
        assert_eq!(reasons["walk-error"], 1, "dangling link: {s}");
        assert_eq!(reasons["bad-name"], 1, "{s}");
    }
    for needle in ["binary.txt: binary", "empty.txt: empty", "big.txt: file is 5000 bytes"] {
        assert!(run.stderr.contains(needle), "stderr lacks {needle:?}:\n{}", run.stderr);
    }
    // One line per problem, each naming the file.
    for line in run.stderr.lines() {
        assert!(line.starts_with("morgue-index: skipped "), "unexpected stderr line: {line}");
    }
    env.morgue(&["search", "vault"]).expect_code(1);
    // --strict turns skipped files into exit 1; --report accounts for every file.
    let report = env.dir.path().join("report.json");
    env.index_cmd(&["--strict", "--quiet", "--max-size", "4K", "--report", report.to_str().unwrap()])
        .expect_code(1);
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap();
    let files = report["files"].as_array().unwrap();
    let total = report["summary"]["files_seen"].as_u64().unwrap();
    assert_eq!(files.len() as u64, total, "every file seen is accounted for");
    let unchanged = files.iter().filter(|f| f["outcome"] == "unchanged").count();
    assert_eq!(unchanged, 2);
}

/// Writes `n` articles named 00000.txt … in one folder.
fn write_many(env: &TestEnv, n: usize) {
    let words = ["harbor", "transit", "library", "orchard", "glacier", "canyon", "meadow", "ferry"];
    for i in 0..n {
        let body = format!(
            "Story {i}\n\nDENVER -- Report number {i} about the {} project and the {} vote.\n\n{}\n",
            words[i % 8],
            words[(i / 8) % 8],
            "The council debated the measure for several hours before adjourning. ".repeat(10)
        );
        env.write(&format!("many/{i:05}.txt"), body);
    }
}

fn spawn_indexer(env: &TestEnv, commit_every: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_morgue-index"))
        .arg("--index")
        .arg(env.index())
        .arg(env.root())
        .args(["--commit-every", commit_every, "--threads", "1", "--memory", "32", "--json", "--quiet"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn committed_count(env: &TestEnv) -> Option<u64> {
    let run = env.morgue(&["count", "*"]);
    (run.code != 2).then(|| run.stdout.trim().parse().unwrap_or(0))
}

/// Waits until the running indexer has committed at least once.
fn wait_for_first_commit(env: &TestEnv, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while committed_count(env).unwrap_or(0) == 0 {
        assert!(child.try_wait().unwrap().is_none(), "indexer ended before its first commit was seen");
        assert!(Instant::now() < deadline, "no commit within 120 s");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[cfg(unix)]
#[test]
fn sigkill_mid_run_keeps_the_last_commit_and_the_rerun_finishes_without_duplicates() {
    const N: usize = 4000;
    const EVERY: usize = 50;
    let env = TestEnv::new();
    write_many(&env, N);
    let mut child = spawn_indexer(&env, &EVERY.to_string());
    wait_for_first_commit(&env, &mut child);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let committed = committed_count(&env).expect("index opens after SIGKILL") as usize;
    assert!(committed < N, "the kill landed after the run finished; make the corpus larger");
    assert_eq!(committed % EVERY, 0, "only whole commits are visible: {committed}");
    // Exactly the first `committed` files in discovery (sorted) order.
    let mut paths = paths_in_index(&env);
    paths.sort();
    let expected: Vec<String> = (0..committed).map(|i| format!("many/{i:05}.txt")).collect();
    assert_eq!(paths, expected);

    let s = summary(&env, &[]);
    assert_eq!(s["unchanged"].as_u64().unwrap() as usize, committed, "committed work is not redone");
    assert_eq!(s["added"].as_u64().unwrap() as usize, N - committed);
    assert_eq!(s["articles"].as_u64().unwrap() as usize, N);
    let paths = paths_in_index(&env);
    let unique: HashSet<&String> = paths.iter().collect();
    assert_eq!((paths.len(), unique.len()), (N, N), "no duplicates");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_at_a_commit_point_and_a_second_indexer_is_refused() {
    const N: usize = 3000;
    let env = TestEnv::new();
    write_many(&env, N);
    let mut child = spawn_indexer(&env, "100");
    wait_for_first_commit(&env, &mut child);

    // A second indexer on the same index exits at once with 2 and says why.
    let started = Instant::now();
    let second = env.index_cmd(&["--quiet"]);
    if child.try_wait().unwrap().is_none() {
        assert_eq!(second.code, 2, "{}", second.stderr);
        assert!(second.stderr.contains("locked"), "{}", second.stderr);
        assert!(started.elapsed() < Duration::from_secs(10));
    }
    // Searches keep working while the index is being written.
    assert!(committed_count(&env).is_some());

    Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    let output = child.wait_with_output().unwrap();
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    if summary["interrupted"] == true {
        assert_eq!(output.status.code(), Some(130));
        let committed = committed_count(&env).unwrap() as usize;
        assert_eq!(committed as u64, summary["articles"].as_u64().unwrap());
        assert!(committed < N);
    }
    let s = self::summary(&env, &[]);
    assert_eq!(s["articles"].as_u64().unwrap() as usize, N);
}

/// A story naming `people` (first mention with title, as wire copy does).
fn story_with(title: &str, people: &[&str]) -> String {
    let mentions: Vec<String> =
        people.iter().map(|p| format!("{p} said on Tuesday that the talks would go on.")).collect();
    format!("{title}\n\nGENEVA -- {}\n\nThe meeting ended without a deal.\n", mentions.join(" "))
}

fn person_counts(env: &TestEnv) -> Vec<(String, u64)> {
    let facets = env.morgue_json(&["facets", "person", "*", "--top", "0"]);
    facets["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["key"].as_str().unwrap().to_string(), v["count"].as_u64().unwrap()))
        .collect()
}

#[test]
fn person_facets_follow_incremental_runs_and_a_lost_registry_is_reported() {
    let env = TestEnv::new();
    env.write("a.txt", story_with("Talks resume", &["Angela Merkel", "Emmanuel Macron"]));
    env.write("b.txt", story_with("Talks stall", &["Angela Merkel"]));
    summary(&env, &[]);
    assert_eq!(
        person_counts(&env),
        vec![("angela merkel".to_string(), 2), ("emmanuel macron".to_string(), 1)]
    );

    // A new person, a changed article that drops one, a deleted article: counts follow.
    std::thread::sleep(Duration::from_millis(20));
    env.write("a.txt", story_with("Talks resume", &["Emmanuel Macron", "Justin Trudeau"]));
    std::fs::remove_file(env.root().join("b.txt")).unwrap();
    env.write("c.txt", story_with("Talks end", &["Justin Trudeau", "Jacinda Ardern"]));
    summary(&env, &[]);
    assert_eq!(
        person_counts(&env),
        vec![
            ("justin trudeau".to_string(), 2),
            ("emmanuel macron".to_string(), 1),
            ("jacinda ardern".to_string(), 1),
        ]
    );
    // Numbers are never reused: the registry still lists Merkel, first.
    let registry = std::fs::read_to_string(env.index().join("people.keys")).unwrap();
    assert_eq!(registry.lines().next(), Some("angela merkel"));

    std::fs::remove_file(env.index().join("people.keys")).unwrap();
    let run = env.morgue(&["facets", "person"]).expect_code(2);
    assert!(run.stderr.contains("people.keys") && run.stderr.lines().count() == 1, "{}", run.stderr);
    // Searching does not need the registry.
    env.morgue(&["search", "person:trudeau"]).expect_code(0);

    // A registry that is not text stops the next run before it reads a file; nothing is lost.
    std::fs::write(env.index().join("people.keys"), b"justin trudeau\n\xff\xfe\n").unwrap();
    env.write("d.txt", story_with("Talks again", &["Justin Trudeau"]));
    let run = env.index_cmd(&["--quiet"]).expect_code(2);
    assert!(
        run.stderr.contains("people.keys is not UTF-8") && run.stderr.lines().count() == 1,
        "{}",
        run.stderr
    );
    assert_eq!(env.morgue(&["count", "*"]).expect_code(0).stdout.trim(), "2");
}

#[test]
fn the_small_segments_a_run_leaves_are_merged_once_it_ends() {
    let env = TestEnv::new();
    for i in 0..400 {
        env.write(&format!("base/{i:03}.txt"), article(&format!("Base story {i}"), "harbor"));
    }
    let s = summary(&env, &["-j", "1", "--commit-every", "400"]);
    assert_eq!((s["added"].as_u64(), s["segments_merged"].as_u64()), (Some(400), Some(0)), "{s}");
    // Six new files in two commits: two small segments beside the big one, too few for
    // tantivy's merge policy and no more than two per thread, so they stay.
    for i in 0..6 {
        env.write(&format!("new/{i:02}.txt"), article(&format!("New story {i}"), "ferry"));
    }
    let s = summary(&env, &["-j", "1", "--commit-every", "3"]);
    assert_eq!((s["added"].as_u64(), s["commits"].as_u64()), (Some(6), Some(2)), "{s}");
    assert_eq!(s["segments_merged"], 0, "{s}");
    // Six more: four small segments, two of them from before the run; all merge into one.
    for i in 6..12 {
        env.write(&format!("new/{i:02}.txt"), article(&format!("New story {i}"), "ferry"));
    }
    let s = summary(&env, &["-j", "1", "--commit-every", "3"]);
    assert_eq!((s["added"].as_u64(), s["commits"].as_u64()), (Some(6), Some(2)), "{s}");
    assert_eq!(s["segments_merged"], 3, "{s}");
    assert_eq!(s["articles"], 412);
    let found = env.morgue_json(&["search", "ferry", "--limit", "100"]);
    assert_eq!(found["total_hits"], 12);
    // The merged-away segments' files are gone, also those the run's starting snapshot held:
    // every segment file left is in meta.json.
    let index_dir = env.index();
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(index_dir.join("meta.json")).unwrap()).unwrap();
    let live: HashSet<String> = meta["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["segment_id"].as_str().unwrap().replace('-', ""))
        .collect();
    assert_eq!(live.len(), 2, "the big segment and the merged tail: {meta}");
    for entry in std::fs::read_dir(&index_dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let stem = name.split('.').next().unwrap();
        if stem.len() == 32 && stem.chars().all(|c| c.is_ascii_hexdigit()) {
            assert!(live.contains(stem), "{name} belongs to no segment of the index");
        }
    }
    // The merge kept the commit's metadata: the next run sees every file as unchanged.
    let s = summary(&env, &["-j", "1"]);
    assert_eq!((s["unchanged"].as_u64(), s["segments_merged"].as_u64()), (Some(412), Some(0)), "{s}");
}

/// One person across the archive, kept right by incremental runs: "Bush" counts as George Bush
/// while he is the only Bush the archive names in full, and is left apart (and marked as
/// ambiguous) once a later article names another Bush; nothing of the first run's merge is
/// left in the documents.
#[test]
fn a_later_article_can_make_a_bare_surname_ambiguous() {
    let env = TestEnv::new();
    for (i, title) in ["Campaign opens", "Campaign goes on", "Campaign ends"].iter().enumerate() {
        env.write(&format!("g{i}.txt"), story_with(title, &["George Bush"]));
    }
    env.write("b.txt", story_with("Primary", &["President Bush"]));
    summary(&env, &[]);
    let (_, resolution) = morgue::resolve::Resolution::read(&env.index()).expect("people.merges");
    assert_eq!(resolution.merges(), [("bush", "george bush")]);
    assert_eq!(resolution.label_of_key("george bush"), Some("George Bush"));
    let facets = env.morgue_json(&["facets", "person", "*"]);
    let values = facets["values"].as_array().unwrap();
    assert_eq!(values.len(), 1, "{facets}");
    assert_eq!(values[0]["value"], "George Bush");
    assert_eq!(values[0]["count"], 4);
    assert_eq!(values[0]["merged"], serde_json::json!(["bush"]));
    let found = env.morgue_json(&["search", "person:\"George Bush\""]);
    assert_eq!(found["total_hits"], 4, "{found}");
    let shown = env.morgue_json(&["show", "b.txt"]);
    assert_eq!(shown["people"], serde_json::json!(["George Bush"]), "{shown}");

    env.write("l.txt", story_with("Gala", &["Laura Bush"]));
    summary(&env, &[]);
    let mut counts = person_counts(&env);
    counts.sort();
    assert_eq!(
        counts,
        vec![("bush".to_string(), 1), ("george bush".to_string(), 3), ("laura bush".to_string(), 1)]
    );
    let facets = env.morgue_json(&["facets", "person", "*"]);
    let bush = facets["values"].as_array().unwrap().iter().find(|v| v["key"] == "bush").unwrap().clone();
    assert_eq!(bush["ambiguous"], serde_json::json!(["George Bush", "Laura Bush"]));
    let human = env.morgue(&["facets", "person", "*"]).expect_code(0).stdout;
    let line = human.lines().find(|l| l.contains("Bush") && l.contains("ambiguous")).unwrap_or_default();
    assert!(line.contains("? ambiguous: George Bush, Laura Bush"), "{human}");
    let shown = env.morgue_json(&["show", "b.txt"]);
    assert_eq!(shown["people"], serde_json::json!(["Bush"]), "{shown}");

    // A reader whose people.merges is missing or stale works it out itself.
    std::fs::remove_file(env.index().join("people.merges")).unwrap();
    let again = env.morgue_json(&["facets", "person", "*"]);
    assert_eq!(again, facets);
}

/// Every way `morgue facets person *` prints, as text.
fn person_facet_outputs(env: &TestEnv) -> Vec<String> {
    let runs: [&[&str]; 6] = [
        &["facets", "person"],
        &["facets", "person", "--top", "0"],
        &["facets", "person", "*", "--top", "3"],
        &["facets", "person", "--top", "300", "--json"],
        &["facets", "person", "--top", "0", "--json"],
        &["facets", "person", "--top", "0", "--format", "csv"],
    ];
    runs.iter().map(|args| env.morgue(args).expect_code(0).stdout).collect()
}

/// The outputs with `people.counts` (when there is one) and counted over the columns without
/// it, after which the file is put back as it was.
fn from_file_and_counted(env: &TestEnv) -> (Vec<String>, Vec<String>) {
    let file = env.index().join("people.counts");
    let kept = std::fs::read(&file).ok();
    let from_file = person_facet_outputs(env);
    let _ = std::fs::remove_file(&file);
    let counted = person_facet_outputs(env);
    if let Some(kept) = kept {
        std::fs::write(&file, kept).unwrap();
    }
    (from_file, counted)
}

/// Rewrites `people.counts` with `edit` applied to its head and the hash made to match again
/// (a file that describes the snapshot and is read as it is).
fn rehash_counts_head(env: &TestEnv, edit: impl Fn(&str) -> String) {
    let file = env.index().join("people.counts");
    let text = std::fs::read_to_string(&file).unwrap();
    let (first, rest) = text.split_once('\n').unwrap();
    let fields: Vec<&str> = first.split(' ').collect();
    let head_len: usize = fields[fields.len() - 4].parse().unwrap();
    let (head, tail) = rest.split_at(head_len);
    let head = edit(head);
    let mut header = fields[..fields.len() - 4].join(" ");
    header.push_str(&format!(
        " {} {:016x} {} {}",
        head.len(),
        xxhash_rust::xxh3::xxh3_64(head.as_bytes()),
        fields[fields.len() - 2],
        fields[fields.len() - 1]
    ));
    std::fs::write(&file, format!("{header}\n{head}{tail}")).unwrap();
}

/// Issue 20: the person facet of every article is counted when the index is written
/// (`people.counts`, after the merges) and read from that file while it describes the
/// snapshot. It prints exactly what counting the columns prints (the file removed), in every
/// format, with merged and ambiguous surnames, before and after deletions and changes; a stale,
/// damaged or foreign file is counted over, never trusted, never a panic.
#[test]
fn person_counts_written_with_the_index_equal_brute_force_counts_before_and_after_deletions() {
    let env = TestEnv::new();
    for (i, who) in
        ["Ronald Reagan", "Ronald Reagan", "Ronald Reagan", "President Reagan", "President Reagan"]
            .iter()
            .enumerate()
    {
        env.write(&format!("r{i}.txt"), story_with(&format!("Budget {i}"), &[who]));
    }
    for (i, who) in ["George Bush", "George Bush", "Laura Bush", "President Bush"].iter().enumerate() {
        env.write(&format!("b{i}.txt"), story_with(&format!("Campaign {i}"), &[who]));
    }
    // A crowd of more than 256 people (the file's head), most in one or two articles.
    let first = ["John", "Mary", "Peter", "Susan", "David", "Helen", "Robert", "Alice", "James", "Karen"];
    let last = [
        "Whitaker",
        "Lindqvist",
        "Okafor",
        "Brennan",
        "Castellano",
        "Haldane",
        "Moravec",
        "Tanaka",
        "Adeyemi",
        "Fairbanks",
        "Kowalczyk",
        "Rasmussen",
        "Delacroix",
        "Ivanova",
        "Montague",
        "Sorensen",
        "Abernathy",
        "Quintero",
        "Valdivia",
        "Yilmaz",
        "Ferreira",
        "Nakamura",
        "Galloway",
        "Petrakis",
        "Oyelaran",
        "Vasquez",
        "Holloway",
        "Bergstrom",
        "Marchetti",
        "Obuya",
    ];
    for i in 0..70 {
        let people: Vec<String> = (0..6)
            .map(|j| (i * 6 + j) % 300)
            .map(|n| format!("{} {}", first[n % 10], last[n / 10]))
            .collect();
        let people: Vec<&str> = people.iter().map(String::as_str).collect();
        env.write(&format!("crowd/c{i:02}.txt"), story_with(&format!("Summit day {i}"), &people));
    }
    env.write("nobody.txt", "Weather\n\nIt rained all day in the valley and the river rose.\n");
    summary(&env, &[]);

    let file = env.index().join("people.counts");
    assert!(file.is_file(), "the indexer writes people.counts");
    let (from_file, counted) = from_file_and_counted(&env);
    assert_eq!(from_file, counted);
    let first = counted.clone();
    let all: serde_json::Value = serde_json::from_str(&from_file[4]).unwrap();
    assert!(all["distinct"].as_u64().unwrap() > 256, "{all}");
    assert_eq!(all["missing"], 1);
    let values = all["values"].as_array().unwrap();
    let reagan = values.iter().find(|v| v["key"] == "ronald reagan").unwrap();
    assert_eq!(
        (&reagan["count"], &reagan["merged"]),
        (&serde_json::json!(5), &serde_json::json!(["reagan"]))
    );
    let bush = values.iter().find(|v| v["key"] == "bush").unwrap();
    assert_eq!(bush["ambiguous"], serde_json::json!(["George Bush", "Laura Bush"]), "{bush}");
    assert!(from_file[1].contains("? ambiguous: George Bush, Laura Bush"), "{}", from_file[1]);

    // The file is what is read: a count changed in it (hash made to match) is printed.
    let before_run = std::fs::read(&file).unwrap();
    rehash_counts_head(&env, |head| head.replacen("\t5\tronald reagan\t", "\t55\tronald reagan\t", 1));
    let edited = env.morgue_json(&["facets", "person", "--top", "0"]);
    let reagan = edited["values"].as_array().unwrap().iter().find(|v| v["key"] == "ronald reagan").unwrap();
    assert_eq!(reagan["count"], 55);
    // Damaged files are counted over: a changed byte, a cut file, garbage, an empty file.
    let mut flipped = before_run.clone();
    let at = flipped.windows(3).position(|w| w == b"\nv\t").unwrap() + 3;
    flipped[at] = if flipped[at] == b'7' { b'8' } else { b'7' };
    let damaged: [&[u8]; 5] = [
        &flipped,
        &before_run[..before_run.len() - 10],
        &before_run[..100],
        b"morgue person counts v1 1 2 3\n",
        b"",
    ];
    for bytes in damaged {
        std::fs::write(&file, bytes).unwrap();
        assert_eq!(person_facet_outputs(&env), counted);
    }
    std::fs::write(&file, &before_run).unwrap();

    // Deletions and changes: a Reagan story and crowd stories go, a Bush story changes.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::remove_file(env.root().join("r0.txt")).unwrap();
    for i in [3, 17, 40] {
        std::fs::remove_file(env.root().join(format!("crowd/c{i:02}.txt"))).unwrap();
    }
    env.write("b1.txt", story_with("Campaign 1", &["Laura Bush", "John Whitaker"]));
    env.write("late.txt", story_with("Late", &["Ronald Reagan", "Mary Okafor"]));
    summary(&env, &[]);
    let (from_file, counted) = from_file_and_counted(&env);
    assert_eq!(from_file, counted);
    assert_ne!(from_file, first, "the counts changed");
    // Over a word every story holds, a facet counts what the whole archive's does: the live
    // articles only (the deleted Reagan story and crowd stories are still in their segment,
    // read a postings block at a time, and must be left out).
    let values = |query: &str| env.morgue_json(&["facets", "person", query, "--top", "0"])["values"].clone();
    let over_word = values("meeting");
    assert_eq!(over_word, values("*"));
    let reagan = over_word.as_array().unwrap().iter().find(|v| v["key"] == "ronald reagan").unwrap();
    assert_eq!(reagan["count"], 5, "r1–r4 and the late story: {reagan}");

    // A stale file (the first run's, describing segments since changed) is counted over.
    std::fs::write(&file, &before_run).unwrap();
    assert_eq!(person_facet_outputs(&env), counted);
    // The next run brings it up to date, though no article changed.
    summary(&env, &[]);
    assert_ne!(std::fs::read(&file).unwrap(), before_run);
    assert_eq!(from_file_and_counted(&env), (counted.clone(), counted));
}

/// A person number past the registry (`people.keys` cut short) is a damaged index, told in
/// one line, whether a facet over a query counts from the segments' rows files or, with
/// those gone, from the `person_id` column; never a panic or a count of unknown people.
#[test]
fn person_numbers_past_the_registry_are_a_damaged_index_for_every_facet_path() {
    let env = TestEnv::new().with_sample_corpus();
    summary(&env, &[]);
    let keys = env.index().join("people.keys");
    let before = env.morgue_json(&["facets", "person", "said", "--top", "3"]);
    assert!(before["values"].as_array().is_some_and(|v| !v.is_empty()), "{before}");
    std::fs::write(&keys, &std::fs::read(&keys).unwrap()[..3]).unwrap();
    let damaged = |env: &TestEnv, query: &str| {
        let run = env.morgue(&["facets", "person", query]).expect_code(2);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("damaged") && run.stderr.contains("beyond people.keys"),
            "{}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    };
    let rows: Vec<std::path::PathBuf> = std::fs::read_dir(env.index())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rows"))
        .collect();
    assert!(!rows.is_empty(), "the indexer writes people-*.rows");
    damaged(&env, "said");
    damaged(&env, "*");
    for file in rows {
        std::fs::remove_file(file).unwrap();
    }
    damaged(&env, "said");
}
