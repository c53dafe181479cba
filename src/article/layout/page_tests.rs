//! Unit tests of whole-page reading on original page dumps.

use super::*;
use crate::calendar::Date;

fn lex() -> Lexicon {
    Lexicon::builtin()
}

/// A page as a browser's text dump holds it: a menu, an ad with a date, the headline with a deck,
/// a photo credit, the byline with the date glued on, the story, related links and a footer.
const PAGE: &str = "\
Skip to content
The Harbour Ledger homepage
  • Politics
  • Sports
  • Weather
  • Opinion
  • Podcasts
  • Newsletters
Sign In
Search
Menu
Close
Advertisement

Spring Gala Tickets On Sale Now

Doors open April 3, 2021

Ferry fares will rise for the first time in a decade

The council says the money will go to two new boats.

Harbour fog over the terminal. Photo: Lin Ostrow

ByMara Quill Mar 9, 2021
12 Comments

The ferry board voted on Tuesday to raise the fare for a single crossing by forty cents, the
first increase since the service was handed to the city and the boats began to show their age.

Board members said the extra money would be set aside for two hybrid boats that the yard in
Kettle Point has promised to deliver before the summer of next year, if the steel arrives.

Riders who spoke at the meeting asked for a cheaper monthly pass for students and for workers
on the night shift, and the board agreed to study the idea before its next session in June.

More Stories
  • Bridge repairs start Monday
  • Library hours change
  • Tide tables for April
Follow The Harbour Ledger
About Us
Privacy Policy
© 2021 Ledger Holdings LLC
";

#[test]
fn a_whole_page_gives_its_article() {
    let a = crate::article::layout::parse(PAGE, &lex());
    assert_eq!(a.layout, crate::article::layout::Layout::WebScrape);
    assert_eq!(a.title, "Ferry fares will rise for the first time in a decade");
    assert_eq!(a.authors, ["Mara Quill"]);
    assert_eq!(a.date, Date::new(2021, 3, 9));
    assert_eq!(a.source.as_deref(), Some("The Harbour Ledger"));
    assert!(a.body.starts_with("The ferry board voted"), "{}", a.body);
    assert!(a.body.contains("next session in June."));
    assert!(!a.body.contains("Bridge repairs"), "{}", a.body);
    assert!(!a.body.contains("Ledger Holdings"));
}

#[test]
fn a_photo_credit_is_no_author() {
    let page = PAGE
        .replace("ByMara Quill Mar 9, 2021", "Mar 9, 2021")
        .replace("Spring Gala Tickets On Sale Now\n\nDoors open April 3, 2021\n\n", "");
    let a = crate::article::layout::parse(&page, &lex());
    assert_eq!(a.title, "Ferry fares will rise for the first time in a decade");
    assert!(a.authors.is_empty(), "{:?}", a.authors);
}

#[test]
fn the_byline_belongs_to_the_nearest_headline() {
    // The ad's headline and date stand right above the article's headline: the byline under
    // both is the article's headline's, after the ad's date line.
    let page = PAGE.replace("Ferry fares will rise", "Ferry Fares Will Rise");
    let a = crate::article::layout::parse(&page, &lex());
    assert_eq!(a.title, "Ferry Fares Will Rise for the first time in a decade");
}

#[test]
fn a_short_menu_page_is_read_by_its_byline() {
    let page = "Harbour Ledger\nVideo\nLive\nShows\nLOG IN\nWeather\nSports\nOpinion\n\nLocal Politics\n\n\
                Council backs the new ferry timetable\n\nThe vote was close.\n\n\
                By Mara Quill and Olek Brandt\nMarch 9, 2021, 4:19 PM\n\n\
                The ferry board voted on Tuesday to change the timetable for the winter, with\n\
                fewer crossings at night and more in the morning when the workers cross over.\n\
                Riders said the change was overdue and asked for a later last boat on Fridays.\n";
    assert!(!is_page(&page.lines().collect::<Vec<_>>()));
    assert!(maybe_page(&page.lines().collect::<Vec<_>>()));
    let a = crate::article::layout::parse(page, &lex());
    assert_eq!(a.title, "Council backs the new ferry timetable");
    assert_eq!(a.section.as_deref(), Some("Local Politics"));
    assert_eq!(a.authors, ["Mara Quill", "Olek Brandt"]);
    assert_eq!(a.date, Date::new(2021, 3, 9));
}

#[test]
fn dates_with_more_after_them() {
    assert_eq!(date_in("November 29, 2016: 3:42 PM ET", &lex()), Date::new(2016, 11, 29));
    assert_eq!(date_in("Mara Quill  @mquill March 9, 2021: 3:42 PM ET", &lex()), Date::new(2021, 3, 9));
    assert_eq!(date_in("Dec 9, 2016 19 Comments", &lex()), Date::new(2016, 12, 9));
    assert_eq!(date_in("Jan. 6", &lex()), None);
    assert_eq!(cut_date("Mara Quill Dec 9, 2016", &lex()), "Mara Quill ");
    assert_eq!(cut_date("June Alder", &lex()), "June Alder");
}

#[test]
fn names_as_header_lines_print_them() {
    let lex = lex();
    let one = |t: &str| dated_authors(t, &lex).or_else(|| authors_of(t, None, &lex));
    assert_eq!(one("Olek Brandt - Aug 10, 2016 11:15 am UTC"), Some(vec!["Olek Brandt".to_string()]));
    assert_eq!(
        one("Olek Brandt / HNS / Updated: Oct 9, 2019, 11:05 IST"),
        Some(vec!["Olek Brandt".to_string()])
    );
    assert_eq!(
        one("Olek Brandt · Harbour News · Posted: Oct 14, 2022 9:27 AM ET"),
        Some(vec!["Olek Brandt".to_string()])
    );
    assert_eq!(one("Olek Brandt/November 18, 2016"), Some(vec!["Olek Brandt".to_string()]));
    assert_eq!(
        one("Wednesday January 18, 2017 10:44 am PST by Olek Brandt"),
        Some(vec!["Olek Brandt".to_string()])
    );
    assert_eq!(one("[avatar] By: Olek Brandt October 2, 2016"), Some(vec!["Olek Brandt".to_string()]));
    assert_eq!(
        one("Written by Olek Brandt in Science on 1 June 2019"),
        Some(vec!["Olek Brandt".to_string()])
    );
    assert_eq!(one("by Olek BrandtOlek Brandt"), Some(vec!["Olek Brandt".to_string()]));
    assert_eq!(one("Olek Brandt By Olek Brandt"), Some(vec!["Olek Brandt".to_string()]));
    assert_eq!(one("March 9, 2021"), None);
    assert_eq!(
        authors_of("By", Some("  • Olek Brandt | obrandt@example.com"), &lex),
        Some(vec!["Olek Brandt".to_string()])
    );
    assert_eq!(authors_of("Author:", Some("Olek Brandt"), &lex), Some(vec!["Olek Brandt".to_string()]));
}

#[test]
fn list_items_decks_and_section_names_are_no_headlines() {
    assert!(numbered("1. Most Read Story Of The Day"));
    assert!(!numbered("2021 Was The Year Of The Ferry"));
    assert!(deck("The council says the money will go to two new boats.", "Ferry Fares Rise"));
    assert!(deck("'We had no choice,' the chair says", "Ferry Fares Rise"));
    assert!(furniture_words("Harbour & Coast is sponsored by"));
    assert!(!deck("Ferry fares will rise this spring", "Nation & World"));
}

#[test]
fn bylines_lose_glued_handles_roles_and_descriptions() {
    let l = lex();
    let authors = |t: &str| authors_of(t, None, &l);
    let jane = Some(vec!["Jane Alder".to_string()]);
    assert_eq!(authors("By Jane Alder@janealder Dec 6, 2016, 4:08pm EST"), jane);
    assert_eq!(authors("by Jane Alder@jalder Dec 15, 2016, 1:55pm EST"), jane);
    assert_eq!(authors("By Jane AlderStaff Writer"), jane);
    assert_eq!(authors("By Jane Alder, a deputy editor and author of the Harbour newsletter."), jane);
    // A given name that is also a month stays: the date starts where the cut is.
    assert_eq!(authors("by Laura June Quill July 10, 2015"), Some(vec!["Laura June Quill".to_string()]));
    assert_eq!(cut_date("Laura June Quill July 10, 2015", &l), "Laura June Quill ");
}

#[test]
fn date_lines_the_dump_glued_together() {
    let l = lex();
    assert_eq!(
        date_in("Published February 24, 2020Last updated July 21, 2022This story is old.", &l),
        Date::new(2020, 2, 24)
    );
    assert_eq!(
        date_in("Published Mon, Mar 18 20199:29 AM EDTUpdated Mon, Mar 18 201911:37 AM EDT", &l),
        Date::new(2019, 3, 18)
    );
    assert_eq!(unglued("MARCH 3, 2016"), None, "capitals alone are no glue");
    assert_eq!(date_in("Sept. 2, 201602:06", &l), None, "a video's length is no time of day");
}

/// `is_page` stops testing lines once the window cannot reach `NAV_MIN`: it must answer as the
/// count over the whole window did.
#[test]
fn pruned_page_test_answers_as_the_full_count() {
    let reference = |lines: &[&str]| {
        lines
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .take(NAV_WINDOW)
            .filter(|l| nav_line(l))
            .count()
            >= NAV_MIN
    };
    let palette = [
        "• Markets",
        "Sign In",
        "Video",
        "",
        "  ",
        "The council voted on Tuesday to change the timetable for the winter months.",
        "Riders said the change was overdue.",
        "9. Jane Doe (Chile) 3:52.204",
        "Read more: the ferry",
    ];
    let mut next = crate::article::test_rng::stream(40u64);
    for _ in 0..3000 {
        let len = next(70);
        let lines: Vec<&str> = (0..len).map(|_| palette[next(palette.len())]).collect();
        assert_eq!(is_page(&lines), reference(&lines), "{lines:?}");
    }
}

#[test]
fn a_caption_and_a_share_bar_stand_between_headline_and_byline() {
    // The photo's caption (printed twice, its credit after it) and a share bar come between
    // the headline and the byline: the caption is neither the headline nor the story's start.
    let header = "Ferry fares will rise for the first time in a decade\n\
Deckhands tie up the morning boat at Kettle Point on Monday, when the board met to weigh the
fare rise and the two new hybrid boats that the yard has promised for the summer of next year,
if the steel arrives in time.
Deckhands tie up the morning boat at Kettle Point on Monday, when the board met to weigh the
fare rise and the two new hybrid boats that the yard has promised for the summer of next year,
if the steel arrives in time.
(Lin Ostrow / The Harbour Ledger)
  • Facebook
  • Twitter
  • Email
  • Copy Link
  • Print
ByMara Quill Mar 9, 2021
12 Comments";
    let page = PAGE
        .replace("Spring Gala Tickets On Sale Now\n\nDoors open April 3, 2021\n\n", "")
        .replace(
            "Ferry fares will rise for the first time in a decade\n\nThe council says the money will go to two new boats.\n\n\
             Harbour fog over the terminal. Photo: Lin Ostrow\n\nByMara Quill Mar 9, 2021\n12 Comments",
            header,
        );
    assert!(page.contains("(Lin Ostrow"), "the fixture was rewritten");
    let a = crate::article::layout::parse(&page, &lex());
    assert_eq!(a.title, "Ferry fares will rise for the first time in a decade");
    assert_eq!(a.authors, ["Mara Quill"]);
    assert_eq!(a.date, Date::new(2021, 3, 9));
    assert!(a.body.starts_with("The ferry board voted"), "{}", a.body);
}

#[test]
fn captions_prompts_and_wrapped_lines_are_no_headlines() {
    assert!(caption_or_prompt("officers at the pier on Monday.CreditLin Ostrow for The Harbour Ledger"));
    assert!(caption_or_prompt("The mayor at the pier on Monday.  (Lin Ostrow/Agency/Getty Images)"));
    assert!(caption_or_prompt("Thank you for reading The Harbour Ledger"));
    assert!(caption_or_prompt("Log out Sign in"));
    assert!(!caption_or_prompt("Ferry fares will rise for the first time in a decade"));
    assert!(!caption_or_prompt("iPhone sales slow as the ferry town waits for a new store"));
    let lines = [
        "The board voted on Tuesday to raise the fare for a single crossing by forty cents, and the",
        "Mayor Said The Vote Was Fair To Riders",
        "",
        "Ferry fares will rise",
    ];
    assert!(in_paragraph(&lines, 1));
    assert!(!in_paragraph(&lines, 3));
}

#[test]
fn names_lose_counts_times_and_handles_after_them() {
    assert_eq!(cut_counts("Mara Quill March 18 at 3:57 PM"), "Mara Quill");
    assert_eq!(cut_counts("Mara Quill 5 minute Read"), "Mara Quill");
    assert_eq!(cut_counts("Mara Quill22 Dec 2016651"), "Mara Quill");
    assert_eq!(cut_counts("Laura June Quill"), "Laura June Quill");
    assert_eq!(handle_name("Mara Quill, @maraquill"), Some("Mara Quill"));
    assert_eq!(handle_name("Mara Quill@maraquill"), Some("Mara Quill"));
    assert_eq!(handle_name("Mara Quill  Senior Editor, The Harbour Ledger"), Some("Mara Quill"));
    // A name alone under the headline counts when the note on the author names it again.
    let page = PAGE
        .replace("Spring Gala Tickets On Sale Now\n\nDoors open April 3, 2021\n\n", "")
        .replace("ByMara Quill Mar 9, 2021", "Mara Quill")
        .replace(
        "More Stories\n",
        "Mara Quill is a staff writer who covers the harbour and its boats for the paper.\nMore Stories\n",
    );
    let a = crate::article::layout::parse(&page, &lex());
    assert_eq!(a.title, "Ferry fares will rise for the first time in a decade");
    assert_eq!(a.authors, ["Mara Quill"]);
    let a = crate::article::layout::parse(
        &PAGE.replace("ByMara Quill Mar 9, 2021", "Olek Brandt, @olekb"),
        &lex(),
    );
    assert_eq!(a.authors, ["Olek Brandt"]);
}

#[test]
fn name_lists_notes_brackets_and_a_page_own_date_order() {
    let l = lex();
    assert_eq!(
        names_line("Mara Quill and Olek Brandt", &l),
        Some(vec!["Mara Quill".into(), "Olek Brandt".into()])
    );
    assert_eq!(names_line("Ferry fares and boat repairs", &l), None);
    assert_eq!(
        authors_of("By Mara Quill, Olek Brandt", None, &l),
        Some(vec!["Mara Quill".into(), "Olek Brandt".into()])
    );
    assert_eq!(
        byline_head("By Mara Quill, a deputy editor and author of the Tide newsletter"),
        "By Mara Quill"
    );
    assert_eq!(
        authors_of("by Mara Quill (text) and Olek Brandt (video)", None, &l),
        Some(vec!["Mara Quill".into(), "Olek Brandt".into()])
    );
    // The photographer's credit is no author's.
    assert_eq!(
        authors_of("by Mara Quill (text) and Olek Brandt (photos)", None, &l),
        Some(vec!["Mara Quill".into()])
    );
    assert_eq!(
        authors_of("by Olek Brandt (photography) and Mara Quill (reporting)", None, &l),
        Some(vec!["Mara Quill".into()])
    );
    // One unambiguous numeric date says the page's order; one either way says nothing.
    let page = [(0, "Posted 10/04/2016 05:07 AM"), (1, "• Tuesday, 10/25/22")];
    assert_eq!(page_date_order(&page), DateOrder::Mdy);
    assert_eq!(page_date_order(&page[..1]), DateOrder::Unambiguous);
    assert_eq!(page_date_order(&[(0, "25/10/22"), (1, "10/25/22")]), DateOrder::Unambiguous);
    // A month glued to the word before it, and a date after a bullet.
    assert_eq!(date_in("Harbour Ledger.comOct. 13, 2016", &l), Date::new(2016, 10, 13));
    assert_eq!(date_in("Harbour Ledger•October 3, 2016", &l), Date::new(2016, 10, 3));
    assert_eq!(dated_authors("Harbour Ledger•October 3, 2016", &l), None);
}

#[test]
fn names_by_the_headline_a_photo_title_and_a_read_numeric_date() {
    // A list of names over the date line is the byline, not the headline; a photo's title
    // that its caption repeats is no headline.
    let page = PAGE.replace("ByMara Quill Mar 9, 2021", "Mara Quill and Olek Brandt\n\nMar 9, 2021").replace(
        "Harbour fog over the terminal. Photo: Lin Ostrow",
        "Harbour fog at dawn\nHarbour fog at dawn over the terminal, where the first boat of the day leaves \
             at six in the\nmorning on most days.",
    );
    let a = crate::article::layout::parse(&page, &lex());
    assert_eq!(a.title, "Ferry fares will rise for the first time in a decade");
    assert_eq!(a.authors, ["Mara Quill", "Olek Brandt"]);
    // A name alone above the headline that the author's note names again.
    let page = PAGE.replace("ByMara Quill Mar 9, 2021", "Mar 9, 2021").replace(
        "Spring Gala Tickets On Sale Now\n\nDoors open April 3, 2021\n\n",
        "Mara Quill\n\nTransport\n",
    ) + "Mara Quill is a staff writer at The Harbour Ledger, covering the port and its ferries.\n";
    let a = crate::article::layout::parse(&page, &lex());
    assert_eq!(a.authors, ["Mara Quill"]);
    // A numeric date read in the order the page's other dates show (one in the footer, past
    // the lines where a date line may stand).
    let page = PAGE
        .replace("ByMara Quill Mar 9, 2021", "By Mara Quill\n03/09/2021 05:07 AM")
        .replace("Spring Gala Tickets On Sale Now\n\nDoors open April 3, 2021\n\n", "")
        + "Terms\nCareers\nHelp\nContact\nAds\nJobs\nShop\nEvents\nArchive\nApps\n• Tuesday, 03/23/21\n";
    let a = crate::article::layout::parse(&page, &lex());
    assert_eq!(a.date, Date::new(2021, 3, 9), "{:?} {:?} {:?}", a.title, a.layout, a.date_from);
}

#[test]
fn a_headline_may_hold_one_furniture_word() {
    let l = lex();
    assert!(headline_shaped("Ferry Captain Shares Photo of the Last Crossing Before the Storm", &l));
    assert!(!headline_shaped("Share on Facebook Share on Twitter Share by Email", &l));
    assert!(!headline_shaped("The ferry at dawn (Mara Quill/Harbour Photo Desk)", &l));
    assert!(!headline_shaped("Image: The Ferry Captain Waves From the Bridge at Dawn", &l));
}

#[test]
fn a_byline_with_the_time_since_and_a_video_between_headline_and_byline() {
    let lex = lex();
    assert_eq!(ago_name("Mara Quill 2 days ago", &lex).as_deref(), Some("Mara Quill"));
    assert_eq!(ago_name("• Olek Brandt an hour ago", &lex).as_deref(), Some("Olek Brandt"));
    assert_eq!(ago_name("Posted 2 days ago", &lex), None);
    assert_eq!(ago_name("Mara Quill 2 apples ago", &lex), None);
    let page = PAGE.replace("ByMara Quill Mar 9, 2021", "Mara Quill 2 days ago");
    let a = crate::article::layout::parse(&page, &lex);
    assert_eq!(a.title, "Ferry fares will rise for the first time in a decade");
    assert_eq!(a.authors, ["Mara Quill"]);
    // A video's title over its length stands between the headline and the byline: the
    // headline is still the article's.
    let page = PAGE.replace(
        "Harbour fog over the terminal. Photo: Lin Ostrow",
        "Board members argue over the new boats at the meeting\n\n01:46",
    );
    let a = crate::article::layout::parse(&page, &lex);
    assert_eq!(a.title, "Ferry fares will rise for the first time in a decade");
    assert!(duration("01:46") && duration("1:02:33"));
    assert!(!duration("2016") && !duration("1:2") && !duration("10:45 AM"));
}

#[test]
fn the_page_address_spells_its_headline_and_a_photograph_credit_is_a_caption() {
    let text: Vec<(usize, &str)> = [
        "Share https://ledger.example/news/2021/03/ferry-fares-will-rise-for-first-time-in-decade",
        "Council backs the new ferry timetable",
    ]
    .into_iter()
    .enumerate()
    .collect();
    let slugs = url_slugs(&text);
    assert!(in_slug("Ferry fares will rise for the first time in a decade", &slugs));
    assert!(!in_slug("Council backs the new ferry timetable", &slugs));
    assert!(!in_slug("Ferry fares rise", &[]));
    // With no byline or date line, the headline the address spells wins over a related
    // story's that has more prose after it.
    let page = PAGE
        .replace("ByMara Quill Mar 9, 2021\n", "")
        .replace("Doors open April 3, 2021\n", "")
        .replace(
            "Skip to content\n",
            "Skip to content\nhttps://ledger.example/2021/03/ferry-fares-will-rise-for-the-first-time-in-a-decade\n",
        );
    let a = crate::article::layout::parse(&page, &lex());
    assert_eq!(a.title, "Ferry fares will rise for the first time in a decade");
    assert!(caption_or_prompt("Fog over the terminal. Photograph: Lin Ostrow for the Ledger"));
}

#[test]
fn a_name_over_its_byline_and_glued_menus_are_no_headlines() {
    assert!(bylined("by Mara J.Q. Quill", "Mara J.Q. Quill"));
    assert!(!bylined("Mara Quill", "Mara Quill"));
    assert!(glued_menu("NewsPhotosVideosShows Watch"));
    assert!(glued_menu("Courses and LearningAdvertiseCurrent Issue"));
    assert!(!glued_menu("McKenna buys an iPad for the harbour office"));
    // A page whose author's name stands over "by Name" under the headline.
    let page =
        PAGE.replace("ByMara Quill Mar 9, 2021", "By\n\nMara J.Q. Quill\nby Mara J.Q. Quill\nMar 9, 2021");
    let a = crate::article::layout::parse(&page, &lex());
    assert_eq!(a.title, "Ferry fares will rise for the first time in a decade");
    // A file that is no page: a glued menu line over the headline is no title.
    let short = "HomeNewsVideosShows Watch Live Now\n\nFerry fares will rise for the first time in a decade\n\n\
                 By Mara Quill\n\nThe ferry board voted on Tuesday to raise the fare for a single crossing.\n";
    let a = crate::article::layout::parse(short, &lex());
    assert_eq!(a.title, "Ferry fares will rise for the first time in a decade");
    // Plain text with no byline: the first line that is no glued menu is the title.
    let plain =
        "HomeNewsVideosShows Watch Live Now\n\nFerry fares will rise for the first time in a decade\n\n\
                 The ferry board voted on Tuesday to raise the fare for a single crossing.\n";
    let a = crate::article::layout::parse(plain, &lex());
    assert_eq!(a.title, "Ferry fares will rise for the first time in a decade");
}

#[test]
fn a_headline_naming_two_camel_case_brands_is_no_glued_menu() {
    assert!(glued_menu("LatestVideoThe BestsSplitscreenReviewShop"));
    assert!(glued_menu("NewsPhotos InsiderLove Island"));
    assert!(!glued_menu(
        "Harbour Survey Ranks WordPress and ReactJS Among the Tools the Ferry Office Uses Most Often"
    ));
}

#[test]
fn furniture_over_a_short_page_is_no_title() {
    assert!(furniture_title("[ledger-logo] http://ledger.example/news/2021/03/"));
    assert!(furniture_title("YOU ARE HERE: Ledger Home→News→Ferries"));
    assert!(!furniture_title("Ferry fares will rise"));
    // A lone word over the headline ("Advertisement", "LOGIN") is furniture too.
    let plain = "Advertisement\nYOU ARE HERE: Ledger Home→News→Ferries\n\n\
                 Ferry fares will rise for the first time in a decade\n\n\
                 The ferry board voted on Tuesday to raise the fare for a single crossing.\n";
    let a = crate::article::layout::parse(plain, &lex());
    assert_eq!(a.title, "Ferry fares will rise for the first time in a decade");
}

#[test]
fn prompts_captions_and_labelled_bylines_are_no_headlines() {
    for t in [
        "This image may contain Boat Harbour and Fog",
        "Video player loading",
        "SHOP NOW >",
        "Search The Web",
        "Media caption Riders queue for the last boat of the night",
    ] {
        assert!(caption_or_prompt(t), "{t}");
    }
    assert!(labelled_byline("Analysis: Mara Quill, Ledger News, Kettle Point", &lex()));
    assert!(!headline_shaped("Analysis: Mara Quill, Ledger News, Kettle Point", &lex()));
    assert!(!labelled_byline("Ferry board: fares rise, riders protest", &lex()));
}

#[test]
fn a_date_inside_a_wrapped_paragraph_is_no_date_line() {
    let lines = [
        "The ferry board met in the old customs hall on the evening of a long, cold and stormy day in the",
        "June 17, 2015, and, for nearly an hour, heard riders",
        "",
        "June 17, 2015",
    ];
    assert!(wrapped_text(&lines, 1));
    assert!(!wrapped_text(&lines, 3));
}

/// An article whose header has its byline but only a time, under a list of three related
/// stories laid out alike (headline, name, date), six lines apart.
const CARDS: &str = "\
Skip to content
The Harbour Ledger homepage
  • Politics
  • Sports
  • Weather
  • Opinion
  • Podcasts
  • Newsletters
Sign In
Search
Menu
Close

Recommended

    Bridge repairs start on Monday morning

    Olek Brandt
    Mar 2, 2021

    Library hours change for the spring term

    Ines Marlow
    Mar 4, 2021

    Tide tables for April are now online

    Olek Brandt
    Mar 6, 2021

More from the Ledger
Local news
Ferries

Ferry fares will rise for the first time in a decade

Mara Quill
Mar 9, 2021

The ferry board voted on Tuesday to raise the fare for a single crossing by forty cents, the
first increase since the service was handed to the city and the boats began to show their age.

Board members said the extra money would be set aside for two hybrid boats that the yard in
Kettle Point has promised to deliver before the summer of next year, if the steel arrives.

Riders who spoke at the meeting asked for a cheaper monthly pass for students and for workers
on the night shift, and the board agreed to study the idea before its next session in June.
";

#[test]
fn related_cards_laid_out_alike_lose_to_the_article() {
    let a = crate::article::layout::parse(CARDS, &lex());
    assert_eq!(a.title, "Ferry fares will rise for the first time in a decade");
    assert_eq!(a.authors, ["Mara Quill"]);
    assert_eq!(a.date, Date::new(2021, 3, 9));
}

#[test]
fn the_full_title_over_a_kicker_and_its_headline() {
    let text = [
        (0, "Mara Quill's $5K Ferry Pass -- STOLEN!!!"),
        (2, "Mara Quill"),
        (4, "$5K Ferry Pass ... STOLEN!!!!"),
    ];
    assert_eq!(full_title_above(&text, 2, &lex()), Some(0));
    // The page's title with its site after the headline is no fuller headline.
    let text = [
        (0, "Ferry pass stolen from the harbour office | Ledger"),
        (2, "Ferry pass stolen from the harbour office"),
    ];
    assert_eq!(full_title_above(&text, 1, &lex()), None);
    // "Section|Headline" prints the headline again.
    let text = [(0, "Politics|Ferry fares will rise"), (5, "Ferry fares will rise")];
    assert!(printed_again(&text, 1));
}

#[test]
fn a_deck_paragraph_over_the_byline_and_a_gallery_over_the_story() {
    let page = PAGE
        .replace("Spring Gala Tickets On Sale Now\n\nDoors open April 3, 2021\n\n", "")
        .replace(
            "The council says the money will go to two new boats.",
            "How did a ferry service that lost money for ten years find the cash for two new boats? Start\n\
             with the board's chair, who kept the old boats running on spare parts from the yard at\n\
             Kettle Point and a budget that never grew.",
        )
        .replace("Harbour fog over the terminal. Photo: Lin Ostrow\n\n", "")
        .replace("ByMara Quill Mar 9, 2021\n12 Comments", "  • Author:\n    Mara Quill\n  • Publish date:\n    Mar 9, 2021\n1 of 24\nFull Screen\nAutoplay\nClose\nSkip Ad\nView Photos\nNext\nPrevious");
    let a = crate::article::layout::parse(&page, &lex());
    assert_eq!(a.title, "Ferry fares will rise for the first time in a decade");
    assert_eq!(a.authors, ["Mara Quill"]);
    assert!(a.body.starts_with("The ferry board voted"), "{}", a.body);
}
