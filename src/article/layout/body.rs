//! The body: page furniture lines ("Advertisement", "Share this article", photo credits)
//! dropped, and hard-wrapped lines joined into paragraphs.

use super::strip_prefix_ci;
use crate::article::extract::text::TrimLine;

/// Page furniture printed as a line of its own, anywhere in a scraped page: dropped from
/// the header and the body. Compared ignoring case and a final colon or period.
const CHROME_LINES: [&str; 40] = [
    "advertisement",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading the main story",
    "sponsored",
    "sponsored content",
    "skip to main content",
    "skip to content",
    "skip to navigation",
    "support us",
    "sign in",
    "log in",
    "subscribe",
    "subscribe now",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share via email",
    "share close panel",
    "close panel",
    "copy link",
    "print",
    "email",
    "comments",
    "show comments",
    "reuse this content",
    "read more",
    "read also",
    "related",
    "related articles",
    "related coverage",
    "listen to this article",
    "image caption",
    "image source",
    "for immediate release",
    "enditem",
    "(end)",
];

/// The length of the longest `CHROME_LINES` entry: a longer line is none of them.
const CHROME_MAX: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < CHROME_LINES.len() {
        if CHROME_LINES[i].len() > max {
            max = CHROME_LINES[i].len();
        }
        i += 1;
    }
    max
};

/// True when `line` is page furniture (see `CHROME_LINES`), or a photo credit or caption
/// label ("Image source, Getty Images", "Photograph: …/AFP/Getty Images").
pub(super) fn chrome_line(line: &str) -> bool {
    let t = line.trim_line().trim_end_matches([':', '.']).trim_line();
    if t.is_empty() || t.len() > 120 {
        return false;
    }
    if t.len() <= CHROME_MAX && CHROME_LINES.iter().any(|c| t.eq_ignore_ascii_case(c)) {
        return true;
    }
    // Every label below opens with one of these bytes: most lines are answered here.
    if !matches!(t.as_bytes()[0].to_ascii_lowercase(), b'i' | b'p' | b'(' | b'r' | b's') {
        return false;
    }
    [
        "image source,",
        "image caption,",
        "photograph:",
        "photo:",
        "(photo:",
        "related article:",
        "related:",
        "read more:",
        "read also:",
        "see also:",
    ]
    .iter()
    .any(|p| strip_prefix_ci(t, p).is_some())
}

/// Whether the line `prev` was broken by wrapping before `next`: `next`'s first word would
/// have taken it past four fifths of the block's `width` (a wrapper fills lines; a table's
/// rows and a list's items stop short).
fn wrapped_at(prev: &str, next: &str, width: usize) -> bool {
    // Bytes, not chars: cheap, and near enough for text with a few accents.
    let word = next.bytes().position(|b| b == b' ' || b == b'\t').unwrap_or(next.len());
    (prev.trim_end().len() + 1 + word) * 5 > width * 4
}

/// Joins body lines into paragraphs separated by "\n\n". Blank lines always end a
/// paragraph. Within a block of hard-wrapped lines (all short), an indented line starts a new
/// paragraph and other lines continue the current one unless the line before stopped well
/// short of the block's width (a table's rows, a scorecard); lines of unwrapped text are
/// paragraphs of their own. `first_rest` replaces the first line (the text after a dateline).
pub(super) fn build_body(lines: &[&str], first_rest: Option<&str>) -> String {
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_line().is_empty() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && !lines[j].trim_line().is_empty() {
            j += 1;
        }
        let block = &lines[i..j];
        let wrapped = block.len() > 1 && block.iter().all(|l| l.len() <= 100);
        // The block's widest line: a line that stops well short of it ends where its writer
        // ended it (a row of a table or scorecard), not where the text was wrapped.
        let width = if wrapped { block.iter().map(|l| l.trim_end().len()).max().unwrap_or(0) } else { 0 };
        let mut in_para = false;
        for (k, raw) in block.iter().enumerate() {
            let (text, indented) = if i + k == 0 {
                match first_rest {
                    Some(rest) => (rest.trim_line(), true),
                    None => (raw.trim_line(), true),
                }
            } else {
                (raw.trim_line(), raw.starts_with([' ', '\t']))
            };
            let continues = wrapped && in_para && !indented && k > 0 && wrapped_at(block[k - 1], text, width);
            if text.is_empty() || (!wrapped && chrome_line(text)) {
                continue;
            }
            if continues {
                out.push(' ');
            } else if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(text);
            in_para = true;
        }
        i = j;
    }
    out
}
