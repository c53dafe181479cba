//! Measures the precision of `morgue audit --check near-duplicates` groups on an index: a
//! deterministic sample of groups (evenly spaced in the audit's order), each member's exact
//! Jaccard similarity of word 3-shingles (the shingles the MinHash estimates) with its group's
//! representative, and the share of sampled groups whose members all reach the threshold.
//!
//! ```text
//! morgue-index --index /tmp/reuters ../shared/corpora/reuters21578/articles
//! cargo run --release --example near_dup_precision -- /tmp/reuters [--sample 50] [--threshold 0.5] [--show]
//! ```
//!
//! A member passing the threshold can still be another story written on the same template
//! (two companies' dividend notices): `--show` prints every sampled group (titles, exact
//! Jaccard, and the numbers and capitalised words one body has and the other lacks) for
//! judging by eye. `--planted DIR/near-dups.tsv` (written by `gen_corpus --near-dups K`,
//! paths relative to DIR) also prints the recall of the planted pairs: the share whose two
//! articles are in one group of `near-duplicates` or, when the edits left the body
//! unchanged (a new headline only), of `duplicates`.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --count 5000 --seed 18 --near-dups 100 --out /tmp/planted
//! morgue-index --index /tmp/planted.idx /tmp/planted
//! cargo run --release --example near_dup_precision -- /tmp/planted.idx --planted /tmp/planted/near-dups.tsv
//! ```

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;

use morgue::archive::Archive;
use morgue::audit::{audit, near_duplicates, AuditOptions, Check, Member, DEFAULT_NEAR_THRESHOLD};
use morgue::schema::Knowledge;

struct Args {
    index: PathBuf,
    sample: usize,
    threshold: f64,
    show: bool,
    planted: Option<PathBuf>,
}

fn args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut args = Args {
        index: PathBuf::new(),
        sample: 50,
        threshold: DEFAULT_NEAR_THRESHOLD,
        show: false,
        planted: None,
    };
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} takes a value"));
        match arg.as_str() {
            "--sample" => args.sample = value("--sample")?.parse().map_err(|e| format!("--sample: {e}"))?,
            "--threshold" => {
                args.threshold = value("--threshold")?.parse().map_err(|e| format!("--threshold: {e}"))?
            }
            "--show" => args.show = true,
            "--planted" => args.planted = Some(PathBuf::from(value("--planted")?)),
            _ if args.index.as_os_str().is_empty() => args.index = PathBuf::from(arg),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    if args.index.as_os_str().is_empty() {
        return Err("usage: near_dup_precision INDEX [--sample N] [--threshold T] [--show]".into());
    }
    Ok(args)
}

/// The words as the fingerprint reads them: runs of letters and digits, lowercased.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Word 3-shingles (a body of fewer words is one shingle of them all, as in the MinHash).
fn shingles(text: &str) -> HashSet<String> {
    let words = words(text);
    if words.len() < 3 {
        return std::iter::once(words.join(" ")).filter(|s| !s.is_empty()).collect();
    }
    words.windows(3).map(|w| w.join(" ")).collect()
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// Numbers and capitalised words (names, tickers, amounts): what tells two notices written on
/// one template apart.
fn salient(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '.')
        .map(|w| w.trim_matches('.'))
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()) || w.starts_with(char::is_uppercase))
        .map(str::to_string)
        .collect()
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("near_dup_precision: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args = args()?;
    let knowledge = Knowledge::builtin();
    let archive = Archive::open(&args.index, &knowledge.spec)?;
    let findings = near_duplicates(&archive, args.threshold)?;
    let groups: Vec<_> = findings.into_iter().filter_map(|f| f.group).collect();
    let members: usize = groups.iter().map(|g| g.copies.len() + 1).sum();
    println!(
        "{} articles, {} near-duplicate groups ({} members) at threshold {}",
        archive.num_articles(),
        groups.len(),
        members,
        args.threshold
    );
    if let Some(tsv) = &args.planted {
        let dir = tsv.parent().unwrap_or(std::path::Path::new("."));
        // Each member's group number, by absolute path.
        let mut group_of = std::collections::HashMap::new();
        let exact = audit(
            &args.index,
            &knowledge,
            &AuditOptions { checks: vec![Check::Duplicates], near_threshold: args.threshold },
        )?;
        let exact: Vec<_> = exact.findings.into_iter().filter_map(|f| f.group).collect();
        for (g, group) in groups.iter().chain(&exact).enumerate() {
            for m in std::iter::once(&group.original).chain(&group.copies) {
                group_of.insert(PathBuf::from(&m.path), g);
            }
        }
        let text = std::fs::read_to_string(tsv)?;
        let (mut pairs, mut found) = (0usize, 0usize);
        for line in text.lines().skip(1) {
            let mut cols = line.split('\t');
            let (Some(a), Some(b)) = (cols.next(), cols.next()) else { continue };
            let abs = |p: &str| std::fs::canonicalize(dir.join(p)).unwrap_or_else(|_| dir.join(p));
            pairs += 1;
            let (ga, gb) = (group_of.get(&abs(a)), group_of.get(&abs(b)));
            if ga.is_some() && ga == gb {
                found += 1;
            } else if args.show {
                println!("planted pair not grouped: {a} {b}");
            }
        }
        println!(
            "planted pairs: {found} of {pairs} in one group (recall {:.2})",
            found as f64 / pairs.max(1) as f64
        );
    }
    let n = args.sample.min(groups.len());
    if n == 0 {
        return Ok(());
    }
    let body = |member: &Member| -> Result<String, Box<dyn std::error::Error>> {
        let doc = archive.document(archive.find(&member.id)?, true)?;
        Ok(doc.first_str(archive.store.fields.body_text).unwrap_or_default().to_string())
    };
    let (mut precise, mut worst) = (0usize, Vec::new());
    for k in 0..n {
        let group = &groups[k * groups.len() / n];
        let original = body(&group.original)?;
        let (rep, rep_salient) = (shingles(&original), salient(&original));
        let mut all = true;
        let mut lines = Vec::new();
        for copy in &group.copies {
            let text = body(copy)?;
            let exact = jaccard(&rep, &shingles(&text));
            all &= exact >= args.threshold;
            worst.push(exact);
            let other = salient(&text);
            let mut only: Vec<&String> = rep_salient.symmetric_difference(&other).collect();
            only.sort();
            only.truncate(12);
            lines.push(format!(
                "    {:.2} exact ({:.2} audit)  {}\n         differ in: {}",
                exact,
                copy.similarity,
                copy.title,
                only.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
            ));
        }
        precise += usize::from(all);
        if args.show {
            println!(
                "\n[{k}] {} {}\n  {}",
                if all { "ok  " } else { "FAIL" },
                group.original.path,
                group.original.title
            );
            lines.iter().for_each(|l| println!("{l}"));
        }
    }
    worst.sort_by(f64::total_cmp);
    println!(
        "sampled {n} groups: {precise} with every member's exact shingle Jaccard >= {} \
         (precision {:.2}); lowest member similarity {:.2}",
        args.threshold,
        precise as f64 / n as f64,
        worst.first().copied().unwrap_or(1.0)
    );
    Ok(())
}
