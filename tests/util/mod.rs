//! TestEnv: a fresh temporary directory per test with an article folder and an index, the
//! real binaries run through `CARGO_BIN_EXE_…`, and helpers that show expected vs. got.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary archive + index for one test.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

/// The result of running a binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Asserts the exit code, printing both streams when it differs.
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "expected exit {code}, got {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!("stdout is not JSON ({e}):\n{}\n--- stderr\n{}", self.stdout, self.stderr)
        })
    }
}

impl TestEnv {
    pub fn new() -> TestEnv {
        let dir = tempfile::Builder::new().prefix("morgue-test").tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("articles")).unwrap();
        TestEnv { dir }
    }

    /// The article folder (`articles/` in the temp dir).
    pub fn root(&self) -> PathBuf {
        self.dir.path().join("articles")
    }

    /// The index directory.
    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Writes an article file (parents created) under the article folder.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Copies the repository's sample corpus into the article folder.
    pub fn with_sample_corpus(self) -> TestEnv {
        copy_dir(&sample_corpus(), &self.root());
        self
    }

    /// Runs `morgue-index` on the article folder with extra args.
    pub fn index_cmd(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_morgue-index"));
        cmd.arg("--index").arg(self.index()).arg(self.root()).args(args).env_remove("MORGUE_INDEX");
        Run::from(cmd.output().expect("run morgue-index"))
    }

    /// Runs `morgue` against the index.
    pub fn morgue(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_morgue"));
        cmd.arg("--index").arg(self.index()).args(args).env_remove("MORGUE_INDEX");
        Run::from(cmd.output().expect("run morgue"))
    }

    /// `morgue … --json` parsed.
    pub fn morgue_json(&self, args: &[&str]) -> serde_json::Value {
        let mut all: Vec<&str> = args.to_vec();
        all.push("--json");
        self.morgue(&all).json()
    }
}

/// The repository's sample-corpus/ folder.
pub fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-corpus")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// `../shared/corpora/REL` beside the repository, or `None` after printing that the test
/// skips: CI has ../shared, a bare clone does not, and the README's test command passes there.
pub fn shared_corpus(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora").join(rel);
    if path.exists() {
        Some(path)
    } else {
        eprintln!("skipping: ../shared/corpora/{rel} is absent");
        None
    }
}
