//! Layout parsing on the files of `sample-corpus/` (see its MANIFEST.md), read and decoded the
//! way the indexer does it (`corpus::decode`), so encodings and line endings are covered too.

use morgue::article::layout::{parse, Layout};
use morgue::article::{Article, Lexicon};
use morgue::calendar::Date;
use morgue::corpus::{decode, TextEncoding};

fn load(rel: &str) -> (Article, TextEncoding) {
    let path = format!("{}/sample-corpus/{rel}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let (text, encoding) = decode(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    (parse(&text, &Lexicon::builtin()), encoding)
}

fn article(rel: &str) -> Article {
    load(rel).0
}

fn date(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::new(y, m, d)
}

#[test]
fn web_scrape_fire_and_fury() {
    let a = article("2017/08/trump-warns-north-korea-fire-and-fury.txt");
    assert_eq!(a.layout, Layout::WebScrape);
    assert_eq!(a.title, "Trump warns North Korea of 'fire and fury' as Pyongyang eyes Guam");
    assert_eq!(a.authors, ["Martin Kessler", "Joanna Pruitt"]);
    assert_eq!(a.source.as_deref(), Some("Chicago Tribune"));
    assert_eq!(a.distributor.as_deref(), Some("Tribune Content Agency, LLC"));
    assert_eq!(a.section.as_deref(), Some("News & Features"));
    assert_eq!(a.dateline.as_deref(), Some("BRIDGEWATER, N.J."));
    assert_eq!(a.place.as_deref(), Some("Bridgewater, N.J."));
    assert_eq!((a.date, a.year), (date(2017, 8, 9), Some(2017)));
    assert!(a.body.starts_with("President Donald Trump threatened North Korea"), "{}", a.body);
    assert!(
        !a.body.contains("Disqus") && !a.body.contains("Distributed by") && !a.body.contains("Visit the")
    );
}

#[test]
fn web_scrape_slashed_byline_date_and_place() {
    let a = article("2017/09/puerto-rico-maria-power-grid.txt");
    assert_eq!(a.layout, Layout::WebScrape);
    assert_eq!(a.authors, ["Nina Castellanos"]);
    assert_eq!(a.source.as_deref(), Some("Los Angeles Times"));
    assert_eq!(a.dateline.as_deref(), Some("SAN JUAN, Puerto Rico"));
    assert_eq!(a.place.as_deref(), Some("San Juan, Puerto Rico"));
    assert_eq!(a.date, date(2017, 9, 27));
}

#[test]
fn web_scrape_byline_without_date_takes_copyright_year() {
    let a = article("2019/09/trump-cancels-camp-david-taliban-talks.txt");
    assert_eq!(a.layout, Layout::WebScrape);
    assert_eq!(a.authors, ["Megan Doyle"]);
    assert_eq!(a.source.as_deref(), Some("Chicago Tribune"));
    assert_eq!(a.date, None);
    assert_eq!(a.year, Some(2019));
}

#[test]
fn web_scrape_with_bom() {
    let (a, enc) = load("2018/06/singapore-summit-trump-kim.txt");
    assert_eq!(enc, TextEncoding::Utf8Bom);
    assert_eq!(a.layout, Layout::WebScrape);
    assert_eq!(a.title, "Trump and Kim sign vague pledge on denuclearization at historic Singapore summit");
    assert_eq!(a.source.as_deref(), Some("The Baltimore Sun"));
    assert_eq!(a.place.as_deref(), Some("Singapore"));
}

#[test]
fn web_scrape_crlf() {
    let a = article("2020/01/senate-impeachment-trial-opens.txt");
    assert_eq!(a.layout, Layout::WebScrape);
    assert_eq!(a.authors, ["Julia Brennan", "Marcus Lee"]);
    assert_eq!(a.date, date(2020, 1, 21));
    assert!(!a.body.contains('\r'));
}

#[test]
fn ap_wire_all_caps_byline() {
    let a = article("2018/07/trump-putin-helsinki-summit.txt");
    assert_eq!(a.layout, Layout::Wire);
    assert_eq!(a.title, "Trump sides with Putin on election meddling at Helsinki summit");
    assert_eq!(a.authors, ["Marcus Hale", "Irina Volkova"]);
    assert_eq!(a.source.as_deref(), Some("Associated Press"));
    assert_eq!(a.dateline.as_deref(), Some("HELSINKI"));
    assert_eq!(a.place.as_deref(), Some("Helsinki"));
    assert_eq!(a.date, date(2018, 7, 16));
    assert!(a.body.starts_with("Standing beside Vladimir Putin"), "{}", a.body);
    assert!(!a.body.contains("contributed to this report"));
}

#[test]
fn ap_wire_published_line_and_country() {
    let a = article("2019/01/guaido-declares-himself-interim-president.txt");
    assert_eq!(a.layout, Layout::Wire);
    assert_eq!(a.authors, ["Pablo Medina", "Sofia Ramirez"]);
    assert_eq!(a.dateline.as_deref(), Some("CARACAS, Venezuela"));
    assert_eq!(a.place.as_deref(), Some("Caracas, Venezuela"));
    assert_eq!(a.date, date(2019, 1, 23));
}

#[test]
fn ap_wire_blank_separated_header() {
    let a = article("2019/09/rouhani-un-speech-no-talks-under-sanctions.txt");
    assert_eq!(a.title, "Rouhani tells UN that Iran will not negotiate while under sanctions");
    assert_eq!(a.authors, ["Claire Dubois", "Amir Sadeghi"]);
    assert_eq!(a.place.as_deref(), Some("United Nations"));
    assert_eq!(a.date, date(2019, 9, 25));
}

#[test]
fn ap_wire_cp1252() {
    let (a, enc) = load("2019/02/pinera-cucuta-venezuela-aid-concert.txt");
    assert_eq!(enc, TextEncoding::Windows1252);
    assert_eq!(a.layout, Layout::Wire);
    assert_eq!(a.authors, ["Isabel Cortés"]);
    assert_eq!(a.dateline.as_deref(), Some("CÚCUTA, Colombia"));
    assert_eq!(a.place.as_deref(), Some("Cúcuta, Colombia"));
    assert_eq!(a.date, date(2019, 2, 22));
    assert!(a.body.contains("Piñera") && a.body.contains('“'));
}

#[test]
fn ap_wire_crlf_three_word_name() {
    let a = article("2019/07/mueller-testifies-before-congress.txt");
    assert_eq!(a.authors, ["Eric Talbot", "Mary Claire Donahue"]);
    assert_eq!(a.place.as_deref(), Some("Washington"));
}

#[test]
fn newspaper_staff_writer_is_not_an_author() {
    let a = article("2020/03/super-tuesday-virginia-election-security.txt");
    assert_eq!(a.title, "Virginia voters head to polls for Super Tuesday under tight security watch");
    assert_eq!(a.authors, ["Rebecca Thornton"]);
    assert_eq!(a.source, None);
    assert_eq!(a.dateline.as_deref(), Some("RICHMOND"));
    assert_eq!(a.date, date(2020, 3, 3));
}

#[test]
fn reuters_1987_reflowed() {
    let a = article("1987/03/spot-crude-prices-firm.txt");
    assert_eq!(a.layout, Layout::Reuters);
    assert_eq!(a.title, "SPOT CRUDE PRICES FIRM ON SAUDI OUTPUT CUT REPORTS");
    assert_eq!(a.dateline.as_deref(), Some("NEW YORK"));
    assert_eq!(a.place.as_deref(), Some("New York"));
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    assert_eq!((a.date, a.year), (None, None));
    assert!(a.authors.is_empty());
    assert!(!a.body.ends_with("Reuter"));
    // Hard-wrapped lines are joined; indented lines start paragraphs.
    assert!(a.body.split("\n\n").count() > 1);
    assert!(a.body.split("\n\n").all(|p| !p.contains('\n')));
}

#[test]
fn reuters_1987_indented_byline() {
    let a = article("1987/03/dollar-falls-yen-tokyo.txt");
    assert_eq!(a.layout, Layout::Reuters);
    assert_eq!(a.authors, ["Hiroshi Tanabe"]);
    assert_eq!(a.dateline.as_deref(), Some("TOKYO"));
    assert!(
        a.body.starts_with("The dollar fell to a post-war low against the yen in Tokyo today"),
        "{}",
        a.body
    );
}

#[test]
fn reuters_crlf_and_cr_files() {
    let a = article("1987/03/us-trade-deficit-january.txt");
    assert_eq!(a.layout, Layout::Reuters);
    assert_eq!(a.dateline.as_deref(), Some("WASHINGTON"));
    let a = article("1987/04/harlan-industries-first-quarter-earnings.txt");
    assert_eq!(a.layout, Layout::Reuters);
    assert_eq!(a.title, "HARLAN INDUSTRIES INC <HRLN> 1ST QTR NET");
    assert_eq!(a.dateline.as_deref(), Some("CLEVELAND"));
    assert!(a.body.starts_with("Qtr ended March 31\n\nShr 42 cts vs 37 cts"), "{}", a.body);
}

#[test]
fn reuters_modern_tag_and_credit_line() {
    let a = article("2019/05/iran-oil-exports-sanctions-waivers-end.txt");
    assert_eq!(a.layout, Layout::Reuters);
    assert_eq!(a.authors, ["Parisa Hosseini"]);
    assert_eq!(a.dateline.as_deref(), Some("TEHRAN"));
    assert_eq!(a.source.as_deref(), Some("Reuters"));
    assert_eq!(a.date, None);
    assert!(!a.body.contains("(Reporting by"));
    let (a, enc) = load("2019/02/venezuela-aid-convoys-border-clashes.txt");
    assert_eq!(enc, TextEncoding::Windows1252);
    assert_eq!(a.layout, Layout::Reuters);
    assert_eq!(a.dateline.as_deref(), Some("CARACAS"));
}

#[test]
fn labeled_metadata_header() {
    let a = article("2017/06/trump-withdraws-paris-climate-accord.txt");
    assert_eq!(a.layout, Layout::Labeled);
    assert_eq!(a.title, "Trump pulls United States out of Paris climate accord");
    assert_eq!(a.authors, ["Mark Reyes", "Hannah Cole"]);
    assert_eq!(a.source.as_deref(), Some("The Christian Science Monitor"));
    assert_eq!(a.section.as_deref(), Some("Environment"));
    assert_eq!(a.date, date(2017, 6, 1));
    assert!(a.body.starts_with("President Donald Trump announced"));
    let (a, enc) = load("2020/03/italy-spain-tighten-lockdowns.txt");
    assert_eq!(enc, TextEncoding::Utf8Bom);
    assert_eq!(a.layout, Layout::Labeled);
    assert_eq!(a.title, "Italy and Spain tighten lockdowns as Europe becomes centre of the pandemic");
    assert_eq!(a.source.as_deref(), Some("The Guardian"));
}

#[test]
fn labeled_archive_export() {
    let a = article("2019/04/mueller-report-released-redacted.txt");
    assert_eq!(a.layout, Layout::Labeled);
    assert_eq!(a.title, "Redacted Mueller report details Trump's efforts to impede inquiry");
    assert_eq!(a.authors, ["Patricia Lang", "Howard Nguyen"]);
    assert_eq!(a.section.as_deref(), Some("NATIONAL NEWS"));
    assert_eq!(a.dateline.as_deref(), Some("WASHINGTON"));
    assert_eq!(a.date, date(2019, 4, 18));
    assert!(a.body.starts_with("The Justice Department on Thursday"));
    assert!(!a.body.contains("LOAD-DATE"));
}

#[test]
fn plain_files() {
    let a = article("2017/04/us-missile-strike-syria-airbase.txt");
    assert_eq!(a.layout, Layout::Plain);
    assert_eq!(a.title, "U.S. strikes Syrian air base with cruise missiles after chemical attack");
    assert_eq!((a.dateline, a.date, a.source), (None, None, None));
    let a = article("2021/02/senate-acquits-trump-second-impeachment.txt");
    assert_eq!(a.layout, Layout::Plain);
    assert!(a.title.starts_with("Senate acquits Trump"));
    let a = article("2019/09/un-climate-summit-thunberg.txt");
    assert_eq!(a.layout, Layout::Plain);
    assert!(a.title.starts_with("\"How dare you\""));
}

#[test]
fn title_only_file() {
    let a = article("malformed/title-only.txt");
    assert_eq!(a.title, "Pompeo to visit Moscow for talks with Lavrov");
    assert_eq!(a.body, "");
}
