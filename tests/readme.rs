//! README.md's console blocks, run as tests: every ```console block is a script of `$ `
//! commands, run in order with `morgue` and `morgue-index` on PATH, in a sandbox holding a
//! copy of `sample-corpus/` (the commands' working directory; the index is `./.morgue`
//! there, as in the README). The lines after a command are its expected output (stdout and
//! stderr as one stream), with two wildcards: a line that is only `…` stands for any number of
//! lines, and `…` inside a line for any text. Volatile bits are redacted before comparing:
//! the sandbox's path becomes `/…`, and indexing times `parsed in …s (… MB/s)`.
//!
//! When output changes on purpose, refresh the README in one command and review the diff:
//!
//! ```text
//! TRYCMD=overwrite cargo test --test readme
//! ```
//!
//! (A command whose output still matches keeps its text and wildcards; one that changed is
//! rewritten with the new output, redacted, so elisions there need re-adding by hand.)

mod util;

use std::path::{Path, PathBuf};
use std::process::Command;

/// One `$ command` of a console block and the output the README shows for it.
struct Case {
    command: String,
    expected: Vec<String>,
    /// Line range of the expected output in README.md.
    lines: std::ops::Range<usize>,
}

/// Every console block of the README as a list of cases, in order.
fn cases(readme: &str) -> Vec<Case> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut cases = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_end() != "```console" {
            i += 1;
            continue;
        }
        i += 1;
        while i < lines.len() && lines[i].trim_end() != "```" {
            let Some(command) = lines[i].strip_prefix("$ ") else {
                i += 1;
                continue;
            };
            let start = i + 1;
            let mut end = start;
            while end < lines.len() && !lines[end].starts_with("$ ") && lines[end].trim_end() != "```" {
                end += 1;
            }
            let expected = lines[start..end].iter().map(|l| l.to_string()).collect();
            cases.push(Case { command: command.to_string(), expected, lines: start..end });
            i = end;
        }
        i += 1;
    }
    cases
}

/// Does `line` match `pattern`, where `…` in the pattern matches any text?
fn line_matches(pattern: &str, line: &str) -> bool {
    let parts: Vec<&str> = pattern.split('…').collect();
    if parts.len() == 1 {
        return pattern == line;
    }
    let mut rest = line;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            let Some(after) = rest.strip_prefix(part) else { return false };
            rest = after;
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            let Some(at) = rest.find(part) else { return false };
            rest = &rest[at + part.len()..];
        }
    }
    true
}

/// Does the output match the expected lines (`…` alone on a line: any number of lines)?
fn matches(expected: &[String], actual: &[String]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first.trim() == "…" => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => {
            actual.first().is_some_and(|line| line_matches(first.trim_end(), line.trim_end()))
                && matches(rest, &actual[1..])
        }
    }
}

/// Replaces what changes from run to run.
fn redact(output: &str, sandbox: &Path) -> Vec<String> {
    let sandbox = sandbox.display().to_string();
    output
        .lines()
        .map(|line| {
            let mut line = line.replace(&sandbox, "/…");
            if let (Some(start), Some(end)) = (line.find("parsed in "), line.find(" MB/s)")) {
                if start < end {
                    line.replace_range(start..end + " MB/s)".len(), "parsed in …s (… MB/s)");
                }
            }
            line.trim_end().to_string()
        })
        .collect()
}

fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_morgue")).parent().unwrap().to_path_buf()
}

#[test]
fn readme_console_blocks_show_real_output() {
    let readme_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let cases = cases(&readme);
    assert!(cases.len() >= 8, "expected the README's console examples, found {}", cases.len());
    let sandbox = tempfile::Builder::new().prefix("morgue-readme").tempdir().unwrap();
    let sandbox = sandbox.path().canonicalize().unwrap();
    util::copy_dir(&util::sample_corpus(), &sandbox.join("sample-corpus"));
    let path = format!("{}:{}", bin_dir().display(), std::env::var("PATH").unwrap_or_default());
    let overwrite = std::env::var("TRYCMD").is_ok_and(|v| v == "overwrite");

    let mut failures = Vec::new();
    let mut replacements: Vec<(std::ops::Range<usize>, Vec<String>)> = Vec::new();
    for case in &cases {
        let output = Command::new("sh")
            .arg("-c")
            .arg(format!("{} 2>&1", case.command))
            .current_dir(&sandbox)
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .env_remove("MORGUE_INDEX")
            .env_remove("MORGUE_SCHEMA_DIR")
            .output()
            .expect("run sh");
        let actual = redact(&String::from_utf8_lossy(&output.stdout), &sandbox);
        if !matches(&case.expected, &actual) {
            failures.push(format!(
                "$ {}\n--- README.md (lines {}–{})\n{}\n--- got\n{}",
                case.command,
                case.lines.start + 1,
                case.lines.end,
                case.expected.join("\n"),
                actual.join("\n")
            ));
            replacements.push((case.lines.clone(), actual));
        }
    }
    if overwrite && !replacements.is_empty() {
        let mut lines: Vec<String> = readme.lines().map(str::to_string).collect();
        for (range, actual) in replacements.into_iter().rev() {
            lines.splice(range, actual);
        }
        std::fs::write(&readme_path, lines.join("\n") + "\n").unwrap();
        eprintln!("README.md: {} example(s) rewritten; review `git diff README.md`", failures.len());
        return;
    }
    assert!(
        failures.is_empty(),
        "{} README example(s) differ from the binaries (refresh: TRYCMD=overwrite cargo test --test readme):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn wildcards() {
    assert!(line_matches("a … c", "a b b c"));
    assert!(!line_matches("a … c", "a b b d"));
    assert!(line_matches("…/sample-corpus", "/tmp/x/sample-corpus"));
    let lines = |s: &str| s.lines().map(str::to_string).collect::<Vec<_>>();
    assert!(matches(&lines("one\n…\nfour"), &lines("one\ntwo\nthree\nfour")));
    assert!(!matches(&lines("one\n…\nfive"), &lines("one\ntwo\nthree\nfour")));
    assert!(matches(&lines("…"), &lines("")));
}
