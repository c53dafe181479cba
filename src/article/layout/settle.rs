//! Settling: turns the facts gathered from header, labels and trailer into the `Article`,
//! deciding the layout and which of the places a publication names itself wins as the source.

use super::{Facts, Layout};
use crate::article::extract::dateline;
use crate::article::record::Article;

/// Turns gathered facts into the article, deciding the layout and the source.
pub(super) fn settle(facts: Facts, body: String, labeled: bool) -> Article {
    let layout = if labeled {
        Layout::Labeled
    } else if facts.scrape_signal {
        Layout::WebScrape
    } else if facts.reuters_signal
        || facts.agency.as_deref().is_some_and(|a| agency_name(a) == "Reuters")
        || (facts.wire_month_day && facts.agency.is_none())
    {
        Layout::Reuters
    } else if facts.dateline.is_some() || facts.header_signal {
        Layout::Wire
    } else {
        Layout::Plain
    };
    let agency_source = facts.agency.as_deref().map(|a| agency_name(a).to_string());
    let signoff_source = (layout == Layout::Reuters).then(|| "Reuters".to_string());
    let source = facts
        .byline_source
        .map(|s| agency_name(&s).to_string())
        .or(facts.label_source)
        .or(facts.trailer_source)
        .or(facts.masthead)
        .or(facts.copyright_holder)
        .or(facts.visit_source)
        .or(agency_source)
        .or(signoff_source);
    let date = facts.date;
    let date_from = date.and(facts.date_from);
    let place = facts.dateline.as_deref().map(dateline::normalize);
    Article {
        layout,
        title: facts.title,
        authors: facts.authors,
        source,
        distributor: facts.distributor,
        section: facts.section,
        dateline: facts.dateline,
        place,
        date,
        date_from,
        year: date.map(|d| d.year).or(facts.copyright_year),
        body,
        people: Vec::new(),
        topics: Vec::new(),
        fingerprint: Default::default(),
    }
}

/// Wire agency abbreviations to the publication's name ("AP" → "Associated Press").
pub(super) fn agency_name(tag: &str) -> &str {
    match tag.to_ascii_lowercase().as_str() {
        "ap" | "the associated press" | "associated press" => "Associated Press",
        "reuters" | "reuter" => "Reuters",
        "afp" => "Agence France-Presse",
        "upi" => "United Press International",
        "business wire" => "Business Wire",
        "prnewswire" | "pr newswire" => "PR Newswire",
        "globe newswire" | "globenewswire" => "GlobeNewswire",
        _ => tag,
    }
}
