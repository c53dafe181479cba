//! `morgue audit` through the real binary: JSON Lines findings with a summary, exit codes,
//! the planted near-duplicates of sample-corpus (exactly those), exact duplicates, stale
//! files, failed files, a changed taxonomy, and near-duplicate recall measured on a
//! generated archive with 50 edited copies.

mod util;

use std::collections::{BTreeSet, HashMap};

use serde::Deserialize;
use util::TestEnv;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Member {
    id: String,
    path: String,
    title: String,
    date: Option<String>,
    similarity: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    original: Member,
    copies: Vec<Member>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Finding {
    check: String,
    path: Option<String>,
    id: Option<String>,
    message: String,
    group: Option<Group>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    articles: u64,
    checks: Vec<String>,
    findings: u64,
    by_check: HashMap<String, u64>,
    clean: bool,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "type", content = "data", rename_all = "lowercase", deny_unknown_fields)]
enum Line {
    Finding(Finding),
    Summary(Summary),
}

/// Runs `morgue audit --json ARGS`, checks the exit code agrees with the summary, and
/// returns findings and summary.
fn audit(env: &TestEnv, args: &[&str]) -> (Vec<Finding>, Summary) {
    let mut all = vec!["audit", "--json"];
    all.extend_from_slice(args);
    let run = env.morgue(&all);
    let mut lines: Vec<Line> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}\n{}", run.stderr)))
        .collect();
    let Some(Line::Summary(summary)) = lines.pop() else {
        panic!("last line is the summary:\n{}", run.stdout)
    };
    let findings: Vec<Finding> =
        lines.into_iter().map(|l| if let Line::Finding(f) = l { f } else { panic!("one summary") }).collect();
    assert_eq!(summary.findings as usize, findings.len());
    assert_eq!(summary.clean, findings.is_empty());
    assert_eq!(summary.by_check.values().sum::<u64>(), summary.findings);
    assert_eq!(run.code, if summary.clean { 0 } else { 1 }, "exit code: {}", run.stderr);
    (findings, summary)
}

/// The relative paths of each group (original first), as a set of sets.
fn groups(findings: &[Finding], root: &std::path::Path) -> BTreeSet<BTreeSet<String>> {
    let rel = |p: &str| p.strip_prefix(&format!("{}/", root.display())).unwrap_or(p).to_string();
    findings
        .iter()
        .filter_map(|f| f.group.as_ref())
        .map(|g| std::iter::once(&g.original).chain(&g.copies).map(|m| rel(&m.path)).collect())
        .collect()
}

#[test]
fn sample_corpus_near_duplicates_are_exactly_the_planted_pairs() {
    let env = TestEnv::new().with_sample_corpus();
    env.index_cmd(&["--quiet"]).expect_code(0);
    let (findings, summary) = audit(&env, &["--check", "near-duplicates,duplicates"]);
    assert_eq!(summary.checks, vec!["duplicates", "near-duplicates"]);
    assert_eq!(summary.by_check["duplicates"], 0, "{findings:#?}");
    let expected: BTreeSet<BTreeSet<String>> = [
        ["2019/06/tankers-attacked-gulf-of-oman.txt", "2019/06/us-blames-iran-after-tanker-explosions.txt"],
        [
            "2019/04/venezuela-guaido-calls-military-uprising.txt",
            "2019/04/guaido-urges-troops-to-turn-on-maduro.txt",
        ],
    ]
    .iter()
    .map(|pair| pair.iter().map(|p| p.to_string()).collect())
    .collect();
    assert_eq!(groups(&findings, &env.root()), expected);
    let tankers = findings.iter().find(|f| f.message.contains("us-blames-iran")).unwrap();
    let group = tankers.group.as_ref().unwrap();
    assert!(
        group.original.path.ends_with("2019/06/tankers-attacked-gulf-of-oman.txt"),
        "earliest is the original"
    );
    assert_eq!(tankers.path.as_deref(), Some(group.original.path.as_str()));
    assert_eq!(tankers.id.as_deref(), Some(group.original.id.as_str()));
    assert!(group.copies.iter().all(|c| (0.5..1.0).contains(&c.similarity) && !c.title.is_empty()));
    let _ = (&group.original.date, summary.articles);
}

#[test]
fn exact_duplicates_stale_and_failed_files_are_found() {
    let env = TestEnv::new();
    let story = "Dockers strike at Rotterdam\n\nROTTERDAM -- Dock workers walked out on Monday over pay, halting container traffic at Europe's largest port for the first time in a decade, union leaders said.\n";
    env.write("a/strike.txt", story);
    env.write("b/strike-copy.txt", story.replace("Dockers strike", "Dock workers strike"));
    env.write("c/other.txt", "Harvest begins early\n\nFarmers in the valley began bringing in grapes two weeks ahead of schedule after a hot, dry summer.\n");
    env.write("d/gone.txt", "Soon deleted\n\nThis file is deleted after indexing so the index is stale.\n");
    env.write("e/blob.txt", [0u8, 159, 146, 150, 0, 1, 2, 3]);
    // exit 1 under --strict only; the blob is skipped and recorded
    env.index_cmd(&["--quiet"]);
    let (findings, summary) = audit(&env, &["--check", "duplicates,failed,stale"]);
    assert_eq!(summary.by_check["duplicates"], 1, "{findings:#?}");
    assert_eq!(summary.by_check["failed"], 1, "{findings:#?}");
    assert_eq!(summary.by_check["stale"], 0, "{findings:#?}");
    let dup = findings.iter().find(|f| f.check == "duplicates").unwrap();
    let group = dup.group.as_ref().unwrap();
    assert!(group.original.path.ends_with("a/strike.txt"), "undated: path order decides");
    assert_eq!(group.copies.len(), 1);
    assert_eq!(group.copies[0].similarity, 1.0);
    assert!(findings
        .iter()
        .any(|f| f.check == "failed" && f.path.as_deref().is_some_and(|p| p.ends_with("e/blob.txt"))));

    // Touch without change: not stale. Change and delete: stale.
    let other = env.root().join("c/other.txt");
    let text = std::fs::read(&other).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&other, &text).unwrap();
    let (findings, _) = audit(&env, &["--check", "stale"]);
    assert!(findings.is_empty(), "{findings:#?}");
    std::fs::write(&other, "Harvest begins late\n\nNothing to see.\n").unwrap();
    std::fs::remove_file(env.root().join("d/gone.txt")).unwrap();
    let (findings, _) = audit(&env, &["--check", "stale"]);
    let stale: BTreeSet<(String, bool)> = findings
        .iter()
        .map(|f| (f.path.clone().unwrap(), f.message.contains("deleted")))
        .map(|(p, d)| (p.rsplit('/').take(2).collect::<Vec<_>>().join("<"), d))
        .collect();
    assert_eq!(
        stale,
        [("other.txt<c".to_string(), false), ("gone.txt<d".to_string(), true)].into_iter().collect()
    );

    // A clean selection exits 0; an unknown check is a usage error.
    env.morgue(&["audit", "--check", "missing-title"]).expect_code(0);
    env.morgue(&["audit", "--check", "colour"]).expect_code(2);
}

#[test]
fn a_changed_taxonomy_is_a_schema_finding() {
    let env = TestEnv::new();
    env.write("a.txt", "Title\n\nSome body text for the article.\n");
    env.index_cmd(&["--quiet"]).expect_code(0);
    let (findings, _) = audit(&env, &["--check", "schema"]);
    assert!(findings.is_empty(), "{findings:#?}");
    let schema_dir = env.dir.path().join("schema");
    std::fs::create_dir_all(&schema_dir).unwrap();
    std::fs::write(schema_dir.join("topics.toml"), "# an edited taxonomy\n").unwrap();
    let dir = schema_dir.to_str().unwrap();
    let (findings, _) = audit(&env, &["--check", "schema", "--schema-dir", dir]);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].check, "schema");
    assert!(findings[0].path.is_none());
}

/// A small deterministic PRNG (xorshift64*), so the generated archive is the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn paragraph(rng: &mut Rng, vocabulary: &[String]) -> String {
    let n = 35 + rng.below(30);
    let words: Vec<&str> = (0..n).map(|_| vocabulary[rng.below(vocabulary.len())].as_str()).collect();
    format!("{}.", words.join(" "))
}

#[test]
fn near_duplicate_recall_on_a_generated_archive() {
    let mut rng = Rng(0x5EED_2019_0514);
    let syllables =
        ["ka", "lo", "mir", "tan", "sel", "vor", "pe", "dru", "an", "zo", "ri", "mun", "bel", "sta", "qui"];
    let vocabulary: Vec<String> = (0..3000)
        .map(|_| (0..2 + rng.below(3)).map(|_| syllables[rng.below(syllables.len())]).collect())
        .collect();
    let env = TestEnv::new();
    let mut bases = Vec::new();
    for i in 0..200 {
        let title = paragraph(&mut rng, &vocabulary[..200]).chars().take(60).collect::<String>();
        let paragraphs: Vec<String> =
            (0..5 + rng.below(4)).map(|_| paragraph(&mut rng, &vocabulary)).collect();
        let trailer = format!("(c)2019 Paper {i}. Distributed by Agency {}.", i % 7);
        let text = format!("{title}\n\n{}\n\n{trailer}\n", paragraphs.join("\n\n"));
        env.write(&format!("base/{i:03}.txt"), &text);
        bases.push((title, paragraphs, trailer));
    }
    // 50 edited copies: new headline, trailer trimmed, one paragraph re-typed (a third of
    // its words replaced), and a sentence dropped from the last paragraph.
    for c in 0..50 {
        let (_, paragraphs, _) = &bases[c * 4];
        let mut edited = paragraphs.clone();
        let p = rng.below(edited.len());
        let retyped: Vec<String> = edited[p]
            .split(' ')
            .map(|w| {
                if rng.below(3) == 0 {
                    vocabulary[rng.below(vocabulary.len())].clone()
                } else {
                    w.to_string()
                }
            })
            .collect();
        edited[p] = retyped.join(" ");
        let last = edited.len() - 1;
        let keep = edited[last].split(' ').count() * 2 / 3;
        edited[last] = edited[last].split(' ').take(keep).collect::<Vec<_>>().join(" ");
        let headline =
            format!("Copy {c}: {}", paragraph(&mut rng, &vocabulary).chars().take(50).collect::<String>());
        env.write(&format!("copy/{c:03}.txt"), format!("{headline}\n\n{}\n", edited.join("\n\n")));
    }
    env.index_cmd(&["--quiet"]).expect_code(0);
    let (findings, _) = audit(&env, &["--check", "near-duplicates"]);
    let found = groups(&findings, &env.root());
    let mut recalled = 0;
    let mut false_groups = 0;
    for group in &found {
        let bases_in: BTreeSet<usize> = group
            .iter()
            .map(|p| {
                let n: usize = p[5..8].parse().unwrap();
                if p.starts_with("copy/") {
                    n * 4
                } else {
                    n
                }
            })
            .collect();
        if bases_in.len() != 1 || group.len() != 2 {
            false_groups += 1;
            continue;
        }
        recalled += 1;
    }
    let recall = recalled as f64 / 50.0;
    eprintln!("near-duplicates: recall {recall:.2} ({recalled}/50), {false_groups} false groups");
    assert!(recall >= 0.9, "recall {recall}");
    assert_eq!(false_groups, 0, "{found:#?}");
}

#[test]
fn near_duplicate_groups_do_not_chain_and_planted_pairs_are_all_found() {
    let mut rng = Rng(0xC4A1_2026_1203);
    let syllables =
        ["ba", "ke", "lum", "tor", "si", "nav", "qe", "dor", "ul", "fen", "ra", "mok", "pi", "zan"];
    let vocabulary: Vec<String> = (0..3000)
        .map(|_| (0..2 + rng.below(3)).map(|_| syllables[rng.below(syllables.len())]).collect())
        .collect();
    let env = TestEnv::new();
    // A chain: a = p0..p7, b = p2..p9, c = p4..p11, so a~b and b~c (6 of 10 paragraphs
    // shared) but a and c share 4 of 12, under the 0.5 threshold.
    let chain: Vec<String> = (0..12).map(|_| paragraph(&mut rng, &vocabulary)).collect();
    for (name, from) in [("a", 0), ("b", 2), ("c", 4)] {
        env.write(
            &format!("chain/{name}.txt"),
            format!("Chain {name}\n\n{}\n", chain[from..from + 8].join("\n\n")),
        );
    }
    // 20 planted pairs: a copy with a new headline and one of its six paragraphs dropped.
    for i in 0..20 {
        let paragraphs: Vec<String> = (0..6).map(|_| paragraph(&mut rng, &vocabulary)).collect();
        env.write(&format!("pair/{i:02}a.txt"), format!("Story {i}\n\n{}\n", paragraphs.join("\n\n")));
        let mut edited = paragraphs.clone();
        edited.remove(rng.below(6));
        env.write(&format!("pair/{i:02}b.txt"), format!("Copy of {i}\n\n{}\n", edited.join("\n\n")));
    }
    env.index_cmd(&["--quiet"]).expect_code(0);
    let (findings, _) = audit(&env, &["--check", "near-duplicates"]);
    let mut expected: BTreeSet<BTreeSet<String>> = (0..20)
        .map(|i| [format!("pair/{i:02}a.txt"), format!("pair/{i:02}b.txt")].into_iter().collect())
        .collect();
    expected.insert(["chain/a.txt".to_string(), "chain/b.txt".to_string()].into_iter().collect());
    assert_eq!(groups(&findings, &env.root()), expected, "recall 1.0, and c is not chained to a");
    for group in findings.iter().filter_map(|f| f.group.as_ref()) {
        assert!(group.copies.iter().all(|c| c.similarity >= 0.5), "{group:#?}");
    }
}
