//! What users of rg, fd and Elasticsearch expect from morgue's binaries: damaged UTF-8 read
//! as UTF-8 and reported, errors that say each cause once, a full disk named as such, Ctrl-C
//! exiting 130, completions and man pages, examples and per-command formats in the help,
//! and audits that notice files added since the last run.

mod util;

use std::process::{Command, Stdio};

use util::{Run, TestEnv};

fn run(bin: &str, args: &[&str]) -> Run {
    let output = Command::new(bin).args(args).env_remove("MORGUE_INDEX").output().expect("run");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

const MORGUE: &str = env!("CARGO_BIN_EXE_morgue");
const MORGUE_INDEX: &str = env!("CARGO_BIN_EXE_morgue-index");

#[test]
fn utf8_with_a_stray_byte_is_read_as_utf8_and_reported() {
    let env = TestEnv::new();
    let mut story = "Ferry strike strands island commuters\n\nBy Lucía Ferrández\n\n\
        PALMA, Spain (AP) — Commuters from the outer islands were stranded on Thursday when \
        ferry crews walked out, and the regional president, Nicolás Ábalos, said talks would \
        resume on Friday.\n"
        .as_bytes()
        .to_vec();
    let at = story.iter().position(|&b| b == b'T').unwrap();
    story.insert(at, 0xFF);
    env.write("2022/ferry.txt", &story);
    let report = env.dir.path().join("report.json");
    let run = env.index_cmd(&["--report", report.to_str().unwrap()]).expect_code(0);
    assert!(run.stderr.contains("1 repaired"), "{}", run.stderr);
    assert!(run.stderr.contains("repaired ") && run.stderr.contains("ferry.txt"), "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(report["files"][0]["replaced"], 1, "{report}");
    assert_eq!(report["summary"]["repaired"], 1);
    let shown = env.morgue_json(&["show", "2022/ferry.txt"]);
    assert_eq!(shown["dateline"], "PALMA, Spain", "{shown}");
    assert_eq!(shown["authors"][0], "Lucía Ferrández", "{shown}");
    assert!(!shown["body"].as_str().unwrap().contains('Ã'), "{shown}");
    let audit = env.morgue(&["audit", "--check", "repaired"]).expect_code(1);
    assert!(
        audit.stdout.contains("ferry.txt") && audit.stdout.contains("1 invalid byte"),
        "{}",
        audit.stdout
    );
}

#[test]
fn errors_name_the_path_and_say_the_cause_once() {
    let env = TestEnv::new();
    let missing = env.dir.path().join("no-such-folder");
    let run = run(MORGUE_INDEX, &["--index", env.index().to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(missing.to_str().unwrap()), "{}", run.stderr);
    assert_eq!(run.stderr.matches("No such file or directory").count(), 1, "{}", run.stderr);
}

#[test]
fn formats_are_listed_per_command_and_named_as_typed() {
    let help = run(MORGUE, &["search", "-h"]);
    assert!(help.stdout.contains("[possible values: human, json, ndjson, csv, paths]"), "{}", help.stdout);
    let help = run(MORGUE, &["count", "--help"]);
    assert!(help.stdout.contains("Examples:"), "{}", help.stdout);
    assert!(!help.stdout.contains("ndjson"), "{}", help.stdout);
    let help = run(MORGUE, &["export", "--help"]);
    assert!(help.stdout.contains("es-bulk"), "{}", help.stdout);
    let bad = run(MORGUE, &["count", "iran", "--format", "paths"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("paths"), "{}", bad.stderr);
    // A format given before the subcommand is checked by the command, in the typed spelling.
    let env = TestEnv::new();
    env.write("a.txt", "A headline\n\nSome words of a body for the index.\n");
    env.index_cmd(&["--quiet"]).expect_code(0);
    let bad = env.morgue(&["--format", "paths", "count", "*"]).expect_code(2);
    assert!(bad.stderr.contains("--format paths (it takes human, json)"), "{}", bad.stderr);
    assert!(!bad.stderr.contains("Paths"), "{}", bad.stderr);
    assert!(run(MORGUE_INDEX, &["--help"]).stdout.contains("Examples:"));
}

#[test]
fn completions_and_man_pages_come_from_the_clap_definitions() {
    for shell in ["bash", "zsh", "fish"] {
        let out = run(MORGUE, &["completions", shell]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains("histogram") && out.stdout.contains("near-duplicates"), "{shell}");
        let out = run(MORGUE_INDEX, &["completions", shell]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains("remove-root"), "{shell}: {}", out.stdout);
    }
    let page = run(MORGUE, &["man"]);
    assert!(page.stdout.starts_with(".ie") || page.stdout.contains(".TH morgue"), "{}", page.stdout);
    let dir = tempfile::tempdir().unwrap();
    let out = run(MORGUE, &["man", "--dir", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let search = std::fs::read_to_string(dir.path().join("morgue-search.1")).unwrap();
    assert!(search.contains("mueller report"), "{search}");
    let page = run(MORGUE_INDEX, &["man"]);
    assert!(page.stdout.contains("move\\-root"), "{}", page.stdout);
}

/// `morgue completions bash | head -1`: the reader goes away before the script is written.
#[test]
fn generated_text_into_a_closed_pipe_is_not_a_panic() {
    let cases: [(&str, &[&str]); 4] = [
        (MORGUE, &["completions", "bash"]),
        (MORGUE_INDEX, &["completions", "zsh"]),
        (MORGUE, &["man"]),
        (MORGUE_INDEX, &["man"]),
    ];
    for (bin, args) in cases {
        let mut child = Command::new(bin)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start");
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{bin} {args:?}: {stderr}");
        assert_eq!(output.status.code(), Some(0), "{bin} {args:?}: {stderr}");
    }
}

#[test]
fn audit_stale_reports_added_files() {
    let env = TestEnv::new();
    env.write("2020/first.txt", "First story\n\nA body that was indexed.\n");
    env.index_cmd(&["--quiet"]).expect_code(0);
    env.morgue(&["audit", "--check", "stale"]).expect_code(0);
    env.write("2020/second.txt", "Second story\n\nA body written after the run.\n");
    let audit = env.morgue(&["audit", "--check", "stale"]).expect_code(1);
    assert!(audit.stdout.contains("second.txt: added since the last indexing run"), "{}", audit.stdout);
    env.index_cmd(&["--quiet"]).expect_code(0);
    env.morgue(&["audit", "--check", "stale"]).expect_code(0);
}

#[test]
fn ctrl_c_stops_at_a_commit_point_and_exits_130() {
    let env = TestEnv::new();
    for i in 0..4000 {
        env.write(
            &format!("{:02}/story-{i}.txt", i % 40),
            format!(
                "Council meeting number {i}\n\nThe council met for the {i}th time and voted on the budget.\n"
            ),
        );
    }
    let child = Command::new(MORGUE_INDEX)
        .args(["--index", env.index().to_str().unwrap(), env.root().to_str().unwrap()])
        .args(["--threads", "1", "--memory", "20", "--commit-every", "100", "--quiet"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(700));
    Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.code() == Some(0) {
        eprintln!("skipping: the run finished before Ctrl-C arrived");
        return;
    }
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    // The next run completes what was not committed, without duplicates.
    let summary = env.index_cmd(&["--json", "--quiet"]).expect_code(0).json();
    assert_eq!(summary["articles"], 4000, "{summary}");
}

/// A tmpfs mounted for one test (root only); unmounted when dropped.
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(path: std::path::PathBuf, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(&path).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs", path.to_str()?])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(SmallDisk(path))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_is_named_once_and_keeps_the_last_commit() {
    let env = TestEnv::new().with_sample_corpus();
    let Some(disk) = SmallDisk::mount(env.dir.path().join("small"), "200k") else {
        eprintln!("skipping: cannot mount a small tmpfs (needs root)");
        return;
    };
    let index = disk.0.join("index");
    let args = ["--commit-every", "10", "--threads", "1", "--memory", "20", "--quiet"];
    let root = env.root().join("2019");
    let first = run(
        MORGUE_INDEX,
        &[&["--index", index.to_str().unwrap(), root.to_str().unwrap()][..], &args].concat(),
    );
    if first.code == 0 {
        eprintln!("skipping: 200 KB held the whole index");
        return;
    }
    assert_eq!(first.code, 2, "{}", first.stderr);
    assert_eq!(first.stderr.matches("no space left on device").count(), 1, "{}", first.stderr);
    assert!(first.stderr.contains(index.to_str().unwrap()), "{}", first.stderr);
    assert!(!first.stderr.contains("index writer was killed"), "{}", first.stderr);
    // The last commit answers queries.
    let count = run(MORGUE, &["--index", index.to_str().unwrap(), "count", "*", "--json"]);
    let committed = count.json()["count"].as_u64().unwrap();
    assert!(committed > 0 && committed.is_multiple_of(10), "{committed}");
}
