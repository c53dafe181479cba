//! Unit tests of the layout parse on original text.

use super::*;
use crate::article::lexicon::Lexicon;
use crate::calendar::Date;
use proptest::prelude::*;

fn lex() -> Lexicon {
    Lexicon::builtin()
}

const SCRAPE: &str = "Current News\n\n\n\nCity council approves new harbor budget\n\nAnna Berg And Tom Reid, Harbor Gazette on May 14, 2019\n\nPublished in Local News\n\nPORTSMOUTH, N.H. -- The council voted 7-2 on Monday.\n\nThe mayor said the vote was overdue.\n\n(c)2019 Harbor Gazette\n\nVisit the Harbor Gazette at\n\nDistributed by Example Content Agency, LLC.\n\n\n\nblog comments powered by Disqus";

#[test]
fn web_scrape() {
    let a = parse(SCRAPE, &lex());
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
    let a = parse(text, &lex());
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
    let a = parse(text, &lex());
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
    let a = parse(text, &lex());
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
    let a = parse(
        "Quiet day at the market\n\nTraders - mostly idle - watched screens.\nNothing moved.\n",
        &lex(),
    );
    assert_eq!(a.layout, Layout::Plain);
    assert_eq!(a.title, "Quiet day at the market");
    assert_eq!((a.dateline, a.source, a.date, a.year), (None, None, None, None));
    assert!(a.authors.is_empty());
    assert_eq!(a.body, "Traders - mostly idle - watched screens. Nothing moved.");
}

#[test]
fn degenerate_inputs() {
    assert_eq!(parse("", &lex()), Article::default());
    assert_eq!(parse("   \n\n", &lex()).title, "");
    let a = parse("Only a title", &lex());
    assert_eq!((a.title.as_str(), a.body.as_str()), ("Only a title", ""));
    let a = parse("Title\r\n\r\nBody line\r\n", &lex());
    assert_eq!((a.title.as_str(), a.body.as_str()), ("Title", "Body line"));
}

#[test]
fn one_line_story_with_a_glued_broadcaster_tag() {
    let text = "Lisbon, Portugal (CNN)Firefighters in central Portugal battled a forest fire for a third day on Sunday, officials said. Nearly 300 people left their homes as the wind turned. Maria Costa, a baker in the nearest village, said the smoke reached her street by noon.";
    let a = parse(text, &lex());
    assert_eq!(a.title, "", "a paragraph is no headline");
    assert_eq!(a.dateline.as_deref(), Some("Lisbon, Portugal"));
    assert_eq!(a.source.as_deref(), Some("CNN"));
    assert!(a.body.starts_with("Firefighters in central Portugal"), "{}", a.body);
    assert!(a.body.ends_with("by noon."));
}

#[test]
fn one_line_story_with_a_dotted_byline_lead() {
    let text = "By . Maria Olsen . PUBLISHED: . 07:15 EST, 4 June 2014 . | . UPDATED: . 09:40 EST, 4 June 2014 . A ferry carrying 200 passengers ran aground off the coast on Tuesday morning, the coastguard said, and everyone on board was brought ashore.";
    let a = parse(text, &lex());
    assert_eq!(a.title, "");
    assert_eq!(a.authors, ["Maria Olsen"]);
    assert_eq!(a.date, Date::new(2014, 6, 4));
    assert!(a.body.starts_with("A ferry carrying"), "{}", a.body);
}

#[test]
fn first_line_paragraph_is_body() {
    let text = "The harbour board voted on Monday to raise mooring fees for the first time in a decade, citing repairs.\nFishermen said the rise would hurt small boats.\nThe board meets again in May.\n";
    let a = parse(text, &lex());
    assert_eq!(a.title, "");
    assert!(a.body.starts_with("The harbour board voted"), "{}", a.body);
    assert!(a.body.contains("meets again in May."));
    let long = "word ".repeat(80);
    let a = parse(&long, &lex());
    assert_eq!((a.title.as_str(), a.body.as_str()), ("", long.trim()));
}

#[test]
fn headline_then_dateline_line_with_an_iso_date() {
    let text = "TENNIS - OKAFOR ADVANCES IN STRAIGHT SETS.\n\nMELBOURNE 1997-01-20\nAda Okafor beat Lena Berg 6-2 6-4 on Monday.\nShe meets Ines Roth next.\n";
    let a = parse(text, &lex());
    assert_eq!(a.title, "TENNIS - OKAFOR ADVANCES IN STRAIGHT SETS.");
    assert_eq!(a.dateline.as_deref(), Some("MELBOURNE"));
    assert_eq!(a.date, Date::new(1997, 1, 20));
    assert!(a.body.starts_with("Ada Okafor beat"), "{}", a.body);
    let text =
        "GOLF - RESULTS.\n\nTom Hale\nTUCSON, Ariz. 1997-01-20\nScores after the first round on Monday.\n";
    let a = parse(text, &lex());
    assert_eq!(a.title, "GOLF - RESULTS.");
    assert_eq!(a.authors, ["Tom Hale"]);
    assert_eq!(a.dateline.as_deref(), Some("TUCSON, Ariz."));
    assert_eq!(a.body, "Scores after the first round on Monday.");
}

#[test]
fn archive_date_line_under_the_headline_is_no_title() {
    let text = "LUMBER OUTPUT RISES\n14-MAR-1988 09:12:44.31\n\n    PORTLAND, Ore., March 14 - Mills cut more wood\nthis month.\n Reuter\n";
    let a = parse(text, &lex());
    assert_eq!(a.title, "LUMBER OUTPUT RISES");
    assert_eq!(a.date, Date::new(1988, 3, 14));
    assert_eq!(a.dateline.as_deref(), Some("PORTLAND, Ore."));
}

#[test]
fn yearless_datelines_take_the_year_from_the_path() {
    let text =
        "LUMBER OUTPUT RISES\n\n    PORTLAND, Ore., March 14 - Mills cut more wood\nthis month.\n Reuter\n";
    assert_eq!(parse(text, &lex()).date, None);
    assert_eq!(parse_with_hint(text, Some("wire/1988/03/lumber.txt"), &lex()).date, Date::new(1988, 3, 14));
    assert_eq!(parse_with_hint(text, Some("1988-03-14-lumber.txt"), &lex()).date, Date::new(1988, 3, 14));
    assert_eq!(parse_with_hint(text, Some("wire/00/lumber-12345.txt"), &lex()).date, None);
}

#[test]
fn yearless_datelines_take_the_root_year_last() {
    let text =
        "LUMBER OUTPUT RISES\n\n    PORTLAND, Ore., March 14 - Mills cut more wood\nthis month.\n Reuter\n";
    let hinted = |path, year| parse_hinted(text, Hint { path, year }, &lex());
    let a = hinted(Some("wire/lumber.txt"), Some(1987));
    assert_eq!((a.date, a.date_from), (Date::new(1987, 3, 14), Some(DateFrom::RootDefault)));
    // A dated folder outranks the root's year.
    let a = hinted(Some("wire/1988/lumber.txt"), Some(1987));
    assert_eq!((a.date, a.date_from), (Date::new(1988, 3, 14), Some(DateFrom::Path)));
    // So does the copyright year of the trailer.
    let signed = text.replace(" Reuter\n", "(c) 1986 Harbour Wire\n");
    let a = parse_hinted(&signed, Hint { path: Some("wire/lumber.txt"), year: Some(1987) }, &lex());
    assert_eq!((a.date, a.date_from), (Date::new(1986, 3, 14), Some(DateFrom::Trailer)));
    // A year is never invented for a text without a month and day.
    let a = parse_hinted(
        "LUMBER OUTPUT RISES\n\nMills cut more wood this month.\n",
        Hint { path: None, year: Some(1987) },
        &lex(),
    );
    assert_eq!((a.date, a.date_from), (None, None));
}

/// A story whose only date closes it, below the header's reach.
const TRAILER_DATED: &str =
    "Ferry timetable approved\n\nThe board met on Tuesday.\n\nIt approved the winter timetable.\n\n\
    Two evening crossings are added.\n\nThe first runs in November.\n\nFares stay the same.\n\n\
    The vote was unanimous.\n\nThe mayor welcomed it.\n\nCrews will be hired.\n\nThe old ferry retires.\n\n\
    A new one arrives in spring.\n\nMarch 4, 2015 16:41 ET\n";

#[test]
fn each_date_says_where_it_was_read() {
    let cases = [
        ("Title: Ferry timetable\nDate: 2015-03-04\n\nThe board met.\n", DateFrom::Header),
        ("Ferry timetable approved\n\nBRUSSELS 1996-08-22\n\nThe board met on Tuesday and approved the timetable for the winter.\n", DateFrom::Dateline),
        ("Ferry timetable approved\nBy Imogen Talbot\nMarch 4, 2015\n\nThe board met on Tuesday and approved the timetable for the winter.\n", DateFrom::DateLine),
        (TRAILER_DATED, DateFrom::Trailer),
    ];
    for (text, from) in cases {
        let a = parse(text, &lex());
        assert!(a.date.is_some(), "{text:?}: {a:?}");
        assert_eq!(a.date_from, Some(from), "{text:?}");
    }
}

#[test]
fn ambiguous_numeric_date_lines_read_in_the_archive_order() {
    let text = "Ferry timetable approved\nBy Imogen Talbot\n03/04/2015\n\nThe board met on Tuesday and approved the timetable for the winter.\n";
    assert_eq!(parse(text, &lex()).date, None);
    let dmy = lex().with_date_order(DateOrder::Dmy);
    let mdy = lex().with_date_order(DateOrder::Mdy);
    assert_eq!(parse(text, &dmy).date, Date::new(2015, 4, 3));
    assert_eq!(parse(text, &mdy).date, Date::new(2015, 3, 4));
    assert_eq!(parse(text, &mdy).date_from, Some(DateFrom::DateLine));
}

#[test]
fn broadcaster_paragraph_under_a_headline() {
    let text = "Fire spreads in hills\n\n(CNN) -- A forest fire spread across the hills on Sunday.\n\nResidents left.\n";
    let a = parse(text, &lex());
    assert_eq!(a.title, "Fire spreads in hills");
    assert_eq!((a.dateline, a.source.as_deref()), (None, Some("CNN")));
    assert_eq!(a.body, "A forest fire spread across the hills on Sunday.\n\nResidents left.");
}

proptest! {
    #[test]
    fn never_panics_on_any_text(s in "\\PC*") {
        let _ = parse(&s, &lex());
    }

    #[test]
    fn never_panics_on_article_like_text(
        s in "((By |Published in |\\(c\\)20|Title: |[A-Z]{2,8}|, |\\(AP\\)| — | -- | - |: |\n|    |Reuter|é|[a-z ]{1,9}|[0-9/]{1,5})){0,60}"
    ) {
        let a = parse(&s, &lex());
        prop_assert!(a.title.len() <= s.len());
    }
}

#[test]
fn results_rows_are_story_not_a_phone_trailer() {
    // Rows of scores hold ten digits and more, but no group of three: not a phone number.
    let text = "SQUASH - HARBOUR CUP RESULTS\n\nTARVIN 1997-03-02\nResults of the Harbour Cup on Sunday:\n\
                Ann Vell (Wales) beat Tomasz Rudd (Poland) 15-9 12-15 15-11 15-7\n\
                Isla Moor (Scotland) beat Pia Grant (Kenya) 15-10 8-15 15-8 9-15 15-4\n";
    let a = parse(text, &lex());
    assert!(
        a.body.contains("Isla Moor (Scotland) beat Pia Grant (Kenya) 15-10 8-15 15-8 9-15 15-4"),
        "{:?}",
        a.body
    );
    // A contact line with a phone number still closes the story.
    let text = "Harbour reopens\n\nTARVIN 1997-03-02\nThe harbour reopened on Sunday after the storm.\n\
                For details call 020 7946 0321\n";
    let a = parse(text, &lex());
    assert_eq!(a.body, "The harbour reopened on Sunday after the storm.");
}

#[test]
fn short_rows_in_a_wrapped_block_keep_their_line_ends() {
    let text =
        "Scoreboard\n\nTARVIN 1997-03-02\nScores on the final day of the match between the two counties:\n\
                R. Okafor c Vell b Moor 41\nT. Rudd not out 12\nExtras 3\n\n\
                Wheat prices rose on Monday as buyers in the port of Tarvin\n\
                returned after the holiday, and dealers said the gains would\nhold.\n";
    let a = parse(text, &lex());
    assert!(a.body.contains("R. Okafor c Vell b Moor 41\n\nT. Rudd not out 12\n\nExtras 3"), "{:?}", a.body);
    // Lines a wrapper filled still join into one paragraph.
    assert!(
        a.body.ends_with(
            "Wheat prices rose on Monday as buyers in the port of Tarvin returned after the holiday, \
             and dealers said the gains would hold."
        ),
        "{:?}",
        a.body
    );
}

#[test]
fn split_lines_is_str_lines() {
    for text in ["", "\n", "a", "a\n", "a\n\nb", "a\r\nb\r\n", "a\rb\r", "\n\nx\r", "x\r\n\r\n"] {
        assert_eq!(split_lines(text), text.lines().collect::<Vec<_>>(), "{text:?}");
    }
}
