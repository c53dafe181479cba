//! Property-based fuzzing of the whole text path: arbitrary bytes → decode → parse → index
//! document must never panic. Runs a bounded number of cases in CI (PROPTEST_CASES to raise
//! it); every crash it ever found is kept below as a named regression test.

use morgue::corpus::decode;
use std::sync::OnceLock;

use morgue::registry::PersonRegistry;
use morgue::schema::{Fields, FileFacts, Knowledge, SchemaSpec};
use proptest::prelude::*;

/// Fragments that steer random input into the parser's interesting paths.
const PIECES: &[&str] = &[
    "Current News\n\n",
    "By JOHN SMITH and JANE DOE, Associated Press\n",
    "Jane Roe And Sam Poe, Los Angeles Times on May 14, 2019\n",
    "Published in News & Features\n",
    "MOSCOW -- ",
    "WASHINGTON (AP) — ",
    "    NEW YORK, March 26 - ",
    "TEHRAN, May 14 (Reuters) - ",
    " Reuter\n",
    "(c)2019 Los Angeles Times\n",
    "Visit the Los Angeles Times at\n",
    "Distributed by Tribune Content Agency, LLC.\n",
    "blog comments powered by Disqus",
    "Title: x\nAuthor: y\nDate: 2020-02-30\n\n",
    "Secretary of State Michael R. Pompeo said ",
    "Pompeo's ",
    "Mr. ",
    " Jr. ",
    "\u{feff}",
    "\r\n",
    "\r",
    "\n\n",
    "Ñ",
    "İ",
    "ß",
    "\u{301}",
    " - ",
    "--",
    "(",
    ":",
];

fn check(bytes: &[u8]) {
    static SHARED: OnceLock<(Knowledge, Fields, PersonRegistry)> = OnceLock::new();
    let (knowledge, fields, people) = SHARED.get_or_init(|| {
        let spec = SchemaSpec::builtin();
        let fields = Fields::resolve(&spec, &spec.tantivy_schema()).unwrap();
        (Knowledge::builtin(), fields, PersonRegistry::in_memory())
    });
    if let Ok((text, _)) = decode(bytes) {
        let article = knowledge.extractor.parse(&text);
        let facts =
            FileFacts { id: "0".into(), root: "/".into(), path: "x".into(), size: 0, mtime: 0, hash: 0 };
        let ids = people.ids(&article.people).expect("an in-memory registry numbers any name");
        let _ = fields.document(&article, &facts, &ids);
        // Paragraphs are joined by a blank line, so each line break may become two.
        let breaks = text.bytes().filter(|&b| b == b'\n' || b == b'\r').count();
        assert!(article.body.len() <= text.len() + breaks + 16, "body cannot grow beyond the text");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes);
    }

    #[test]
    fn article_shaped_text_never_panics(
        parts in proptest::collection::vec((0..PIECES.len(), "[A-Za-z ,.'\"-]{0,40}"), 0..40)
    ) {
        let mut text = String::new();
        for (piece, filler) in parts {
            text.push_str(PIECES[piece]);
            text.push_str(&filler);
        }
        check(text.as_bytes());
    }
}

#[test]
fn regression_lone_dateline_separator() {
    check(b" -- ");
    check(b"\n\nMOSCOW --");
    check("WASHINGTON (AP) —".as_bytes());
}

#[test]
fn regression_only_trailer_lines() {
    check(b"(c)2019 X\n\nVisit the X at\n\nDistributed by Y\n\nblog comments powered by Disqus");
}
