//! Layout recognition: decides how a file is laid out (web scrape, AP-style wire, Reuters
//! wire, labelled metadata header, plain) and splits it into header, body and trailer,
//! calling the byline, dateline and date extractors on the parts where each can appear.

use serde::{Deserialize, Serialize};

use super::Article;

/// The layouts morgue recognises. `Plain` is the fallback: first line title, rest body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// A web page scrape: site header, headline, "A And B, Publication on", "Published in …",
    /// "PLACE -- " dateline, and copyright/distribution/comment trailer lines.
    WebScrape,
    /// AP-style wire copy: "By NAME, Associated Press", "PLACE (AP) — " dateline.
    Wire,
    /// Reuters-style wire copy: "PLACE, Month Day - " or "PLACE, Month Day (Reuters) - ".
    Reuters,
    /// A block of "Label: value" metadata lines (Title:, Author:, Date:, …) before the body.
    Labeled,
    /// Anything else.
    #[default]
    Plain,
}

impl Layout {
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::WebScrape => "web-scrape",
            Layout::Wire => "wire",
            Layout::Reuters => "reuters",
            Layout::Labeled => "labeled",
            Layout::Plain => "plain",
        }
    }
}

/// Parses the layout-level fields (everything but people and topics).
pub fn parse(text: &str) -> Article {
    let mut lines = text.lines().map(str::trim).skip_while(|l| l.is_empty());
    let title = lines.next().unwrap_or_default().to_string();
    let body = lines.collect::<Vec<_>>().join("\n").trim().to_string();
    Article { title, body, ..Article::default() }
}
