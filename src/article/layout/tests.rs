//! Unit tests of the layout parse on original text.

use super::*;
use crate::calendar::Date;
use proptest::prelude::*;

const SCRAPE: &str = "Current News\n\n\n\nCity council approves new harbor budget\n\nAnna Berg And Tom Reid, Harbor Gazette on May 14, 2019\n\nPublished in Local News\n\nPORTSMOUTH, N.H. -- The council voted 7-2 on Monday.\n\nThe mayor said the vote was overdue.\n\n(c)2019 Harbor Gazette\n\nVisit the Harbor Gazette at\n\nDistributed by Example Content Agency, LLC.\n\n\n\nblog comments powered by Disqus";

#[test]
fn web_scrape() {
    let a = parse(SCRAPE);
    assert_eq!(a.layout, Layout::WebScrape);
    assert_eq!(a.title, "City council approves new harbor budget");
    assert_eq!(a.authors, ["Anna Berg", "Tom Reid"]);
    assert_eq!(a.source.as_deref(), Some("Harbor Gazette"));
    assert_eq!(a.distributor.as_deref(), Some("Example Content Agency, LLC"));
    assert_eq!(a.section.as_deref(), Some("Local News"));
    assert_eq!(a.dateline.as_deref(), Some("PORTSMOUTH, N.H."));
    assert_eq!(a.place.as_deref(), Some("Portsmouth, N.H."));
    assert_eq!(a.date, Date::new(2019, 5, 14));
    assert_eq!(a.year, Some(2019));
    assert_eq!(a.body, "The council voted 7-2 on Monday.\n\nThe mayor said the vote was overdue.");
}

#[test]
fn wire_and_contributor_footer() {
    let text = "Storm closes ports\nBy JANE DOE and RICK ROE, Associated Press\nJune 2, 2021\n\nST. LOUIS (AP) — Barges stopped.\n\nMore rain is due.\n\nAssociated Press writer Ann Poe in Memphis contributed to this report.\n";
    let a = parse(text);
    assert_eq!(a.layout, Layout::Wire);
    assert_eq!(a.title, "Storm closes ports");
    assert_eq!(a.authors, ["Jane Doe", "Rick Roe"]);
    assert_eq!(a.source.as_deref(), Some("Associated Press"));
    assert_eq!(a.dateline.as_deref(), Some("ST. LOUIS"));
    assert_eq!(a.place.as_deref(), Some("St. Louis"));
    assert_eq!(a.date, Date::new(2021, 6, 2));
    assert_eq!(a.body, "Barges stopped.\n\nMore rain is due.");
}

#[test]
fn reuters_reflow_and_signoff() {
    let text = "WIDGET MAKER RAISES OUTPUT\n\n    AKRON, Ohio, MArch 9 - Widget Co said it would\nraise output by ten pct.\n    It gave no other details.\n    Shr 1.10 dlrs vs 90 cts\n Reuter\n";
    let a = parse(text);
    assert_eq!(a.layout, Layout::Reuters);
    assert_eq!(a.title, "WIDGET MAKER RAISES OUTPUT");
    assert_eq!(a.dateline.as_deref(), Some("AKRON, Ohio"));
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    assert_eq!((a.date, a.year), (None, None));
    assert_eq!(
        a.body,
        "Widget Co said it would raise output by ten pct.\n\nIt gave no other details.\n\nShr 1.10 dlrs vs 90 cts"
    );
}

#[test]
fn labeled_block() {
    let text = "Source: The Example Monitor\nSection: World\nDate: 2020-03-12\nAuthor: Lee Park; Kim Cho\nTitle: Ports reopen\nKeywords: ports\n\nPorts reopened on Monday.\n\nLOAD-DATE: March 13, 2020\n";
    let a = parse(text);
    assert_eq!(a.layout, Layout::Labeled);
    assert_eq!(a.title, "Ports reopen");
    assert_eq!(a.authors, ["Lee Park", "Kim Cho"]);
    assert_eq!(a.source.as_deref(), Some("The Example Monitor"));
    assert_eq!(a.section.as_deref(), Some("World"));
    assert_eq!(a.date, Date::new(2020, 3, 12));
    assert_eq!(a.body, "Ports reopened on Monday.");
}

#[test]
fn plain_text_invents_nothing() {
    let a = parse("Quiet day at the market\n\nTraders - mostly idle - watched screens.\nNothing moved.\n");
    assert_eq!(a.layout, Layout::Plain);
    assert_eq!(a.title, "Quiet day at the market");
    assert_eq!((a.dateline, a.source, a.date, a.year), (None, None, None, None));
    assert!(a.authors.is_empty());
    assert_eq!(a.body, "Traders - mostly idle - watched screens. Nothing moved.");
}

#[test]
fn degenerate_inputs() {
    assert_eq!(parse(""), Article::default());
    assert_eq!(parse("   \n\n").title, "");
    let a = parse("Only a title");
    assert_eq!((a.title.as_str(), a.body.as_str()), ("Only a title", ""));
    let a = parse("Title\r\n\r\nBody line\r\n");
    assert_eq!((a.title.as_str(), a.body.as_str()), ("Title", "Body line"));
}

proptest! {
    #[test]
    fn never_panics_on_any_text(s in "\\PC*") {
        let _ = parse(&s);
    }

    #[test]
    fn never_panics_on_article_like_text(
        s in "((By |Published in |\\(c\\)20|Title: |[A-Z]{2,8}|, |\\(AP\\)| — | -- | - |: |\n|    |Reuter|é|[a-z ]{1,9}|[0-9/]{1,5})){0,60}"
    ) {
        let a = parse(&s);
        prop_assert!(a.title.len() <= s.len());
    }
}
