//! The lifecycle of roots: removing one, re-pointing one that moved without re-parsing it,
//! and a copied folder indexed as a second root being reported, not silently doubled.

mod util;

use std::path::Path;
use std::process::Command;

use util::{Run, TestEnv};

const STORY_A: &str = "Lighthouse keepers return to Skerry Point\n\nBy Maren Olafsdottir\n\n\
    REYKJAVIK (Reuters) - Two keepers moved back into the Skerry Point lighthouse on Monday, \
    twenty years after the light was automated, to guide a new ferry route through the reef.\n";
const STORY_B: &str = "Orchard growers count frost losses\n\nBy Tomasz Wierzbicki\n\n\
    LUBLIN, Poland (AP) - Apple growers in the east said a late frost had cost them a third of \
    the blossom, and asked the regional council for help with insurance.\n";

fn index_raw(env: &TestEnv, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_morgue-index"))
        .arg("--index")
        .arg(env.index())
        .args(args)
        .env_remove("MORGUE_INDEX")
        .output()
        .expect("run morgue-index");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn copy_root(env: &TestEnv, name: &str) -> String {
    let copy = env.dir.path().join(name);
    util::copy_dir(&env.root(), &copy);
    copy.display().to_string()
}

fn two_stories() -> TestEnv {
    let env = TestEnv::new();
    env.write("2021/lighthouse.txt", STORY_A);
    env.write("2021/orchards.txt", STORY_B);
    env.index_cmd(&["--quiet"]).expect_code(0);
    env
}

#[test]
fn a_copied_root_is_reported_and_can_be_removed() {
    let env = two_stories();
    let copy = copy_root(&env, "copy");
    let run = index_raw(&env, &[&copy]).expect_code(0);
    assert!(
        run.stderr.contains(&format!("2 article(s) under {copy} have the same content as articles under")),
        "{}",
        run.stderr
    );
    let summary = index_raw(&env, &["--json", "--quiet", &copy]).expect_code(0).json();
    assert_eq!(summary["copies"][0]["articles"], 2, "{summary}");
    assert_eq!(summary["copies"][0]["root"], copy.as_str());
    // `show` says the story is indexed twice.
    let original = env.root().join("2021/lighthouse.txt").display().to_string();
    let show = env.morgue(&["show", &original, "--no-body"]).expect_code(0);
    let note = format!("also indexed as {}", Path::new(&copy).join("2021/lighthouse.txt").display());
    assert!(show.stderr.contains(&note), "{}", show.stderr);
    assert_eq!(env.morgue_json(&["count", "*"])["count"], 4);

    let removed = index_raw(&env, &["--remove-root", &copy, "--json"]).expect_code(0).json();
    assert_eq!((removed["removed"].as_u64(), removed["articles"].as_u64()), (Some(2), Some(2)));
    assert_eq!(env.morgue_json(&["count", "*"])["count"], 2);
    let show = env.morgue(&["show", &original, "--no-body"]).expect_code(0);
    assert!(!show.stderr.contains("also indexed as"), "{}", show.stderr);
    let stats = env.morgue_json(&["stats"]);
    assert_eq!(stats["roots"].as_array().map(Vec::len), Some(1), "{stats}");
    // Not a root: an error naming the roots there are.
    let run = index_raw(&env, &["--remove-root", &copy]).expect_code(2);
    assert!(run.stderr.contains("is not a root of the index"), "{}", run.stderr);
}

#[test]
fn a_moved_root_is_re_pointed_without_parsing_or_doubling() {
    let env = two_stories();
    let before = env.morgue_json(&["search", "lighthouse"]);
    let id = before["hits"][0]["id"].as_str().unwrap().to_string();
    let moved = env.dir.path().join("moved");
    std::fs::rename(env.root(), &moved).unwrap();
    // A copy changes mtimes: the content hashes show nothing changed.
    let now = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .write(true)
        .open(moved.join("2021/orchards.txt"))
        .unwrap()
        .set_modified(now)
        .unwrap();
    let old = env.root().display().to_string();
    let summary = index_raw(&env, &["--move-root", &old, &moved.display().to_string(), "--json", "--quiet"])
        .expect_code(0)
        .json();
    assert_eq!(
        (summary["added"].as_u64(), summary["updated"].as_u64(), summary["removed"].as_u64()),
        (Some(0), Some(0), Some(0)),
        "{summary}"
    );
    assert_eq!((summary["unchanged"].as_u64(), summary["touched"].as_u64()), (Some(1), Some(1)));
    assert_eq!(env.morgue_json(&["count", "*"])["count"], 2);
    let after = env.morgue_json(&["search", "lighthouse"]);
    assert_eq!(after["hits"][0]["id"], id.as_str());
    assert_eq!(after["hits"][0]["root"], moved.display().to_string().as_str());
    // Found by its new absolute path; nothing stale there.
    let abs = moved.join("2021/lighthouse.txt");
    env.morgue(&["show", &abs.display().to_string(), "--no-body"]).expect_code(0);
    env.morgue(&["audit", "--check", "stale"]).expect_code(0);
    // Later runs on the new folder keep using the root.
    env.write("../moved/2021/new.txt", STORY_A.replace("Monday", "Friday"));
    let again = index_raw(&env, &["--json", "--quiet", &moved.display().to_string()]).expect_code(0).json();
    assert_eq!((again["added"].as_u64(), again["unchanged"].as_u64()), (Some(1), Some(2)), "{again}");
}
