//! Topics on real archives nobody here wrote (issue 16 item 7): Reuters-21578 (1987) and BBC
//! News (2004–05) are older than the topics whose words they use in other senses, a company
//! called Mueller, an AIDS vaccine, the 1987 Paris currency accord, an "investment climate".
//! Before topics needed two signals, 7 Reuters stories were tagged covid-19, 6 mueller-report
//! and 43 climate, and 2 BBC stories covid-19. Without ../shared the test prints a line and
//! passes; CI has ../shared.

mod util;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use morgue::schema::Knowledge;
use rayon::prelude::*;

/// How many articles under `dir` get each topic.
fn topic_counts(dir: &Path, knowledge: &Knowledge) -> BTreeMap<String, usize> {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok().filter(|e| e.file_type().is_file()).map(|e| e.into_path()))
        .collect();
    let topics: Vec<Vec<String>> = files
        .par_iter()
        .filter_map(|path| {
            let (text, _) = morgue::corpus::decode(&std::fs::read(path).ok()?).ok()?;
            Some(knowledge.extractor.parse_with_hint(&text, path.to_str()).topics)
        })
        .collect();
    let mut counts = BTreeMap::new();
    for id in topics.into_iter().flatten() {
        *counts.entry(id).or_default() += 1;
    }
    counts
}

#[test]
fn old_archives_get_no_topic_of_a_later_time_and_keep_their_own() {
    let knowledge = Knowledge::builtin();
    if let Some(dir) = util::shared_corpus("reuters21578/articles") {
        let counts = topic_counts(&dir, &knowledge);
        eprintln!("reuters: {counts:?}");
        for later in ["covid-19", "mueller-report", "brexit", "impeachment", "climate"] {
            assert_eq!(counts.get(later), None, "Reuters 1987 tagged {later}");
        }
        // The wire's own subjects are still found, in the thousands.
        assert!(counts.get("earnings").copied().unwrap_or(0) > 3000, "{counts:?}");
        assert!(counts.get("mergers").copied().unwrap_or(0) > 1000, "{counts:?}");
        assert!(counts.get("oil").copied().unwrap_or(0) > 500, "{counts:?}");
    }
    if let Some(dir) = util::shared_corpus("bbc") {
        let counts = topic_counts(&dir, &knowledge);
        eprintln!("bbc: {counts:?}");
        assert_eq!(counts.get("covid-19"), None, "BBC 2004-05 tagged covid-19");
        assert!(counts.get("mergers").copied().unwrap_or(0) > 40, "{counts:?}");
    }
}
