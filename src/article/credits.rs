//! Credits: the lines of an article that name the people who made or sell the story rather
//! than those it is about — bylines, reporting and editing credits, contact lines, photo
//! credits, italic author bios, link and tag lines, a front-matter author list — and the
//! speaker labels of a broadcast transcript. The layout's trailer drops credit lines
//! (`credit_line`); the people extractor reads a body with them cut and the speaker labels
//! title-cased (`clean_body`). Runs on every line of every body, so the tests compare bytes
//! case-insensitively in place.

use std::sync::OnceLock;

use super::extract::text::{count_words, title_case_into, TrimLine};

/// ASCII-case-insensitive `haystack.contains(needle)` for a lowercase ASCII needle.
/// Whether `haystack` holds the lowercase `needle`, ASCII case-insensitively. The places
/// where the needle's first byte stands are found with `memchr` (both cases of a letter), so
/// a line that does not hold it is read at vector speed, not byte by byte.
fn contains_ci(haystack: &str, needle: &str) -> bool {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else { return true };
    // A byte whose lowercase is an uppercase letter does not exist: nothing matches.
    if hay.len() < needle.len() || first.is_ascii_uppercase() {
        return false;
    }
    let starts = &hay[..=hay.len() - needle.len()];
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), starts)
        .any(|i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

fn ends_with_ci(text: &str, suffix: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= suffix.len() && bytes[bytes.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Labels that open a credit, contact, photo-credit or link line: from such a label at the
/// start of a sentence to the end of its line, the text names the people who made or sell the
/// story ("Reporting by …; Editing by …", "--With assistance from …", "Media contact: …",
/// "Photograph: Jane Doe/AFP"), or other stories ("Read more: …"), not the people it is about.
/// Case-insensitive; a space matches any run of whitespace.
const CREDIT_LABELS: &[&str] = &[
    "reporting by",
    "additional reporting by",
    "editing by",
    "writing by",
    "compiled by",
    "graphics by",
    "with assistance from",
    "to contact the reporter",
    "to contact the reporters",
    "to contact the editor",
    "to contact the editors",
    "contributing:",
    "contributors:",
    "photograph:",
    "photographs:",
    "photo:",
    "photos:",
    "photo credit",
    "image:",
    "image source",
    "picture:",
    "pictures:",
    "credit:",
    "credits:",
    "media contact",
    "media:",
    "investor contact",
    "investors:",
    "investor relations:",
    "press contact",
    "contact:",
    "contacts:",
    "read more:",
    "read also",
    "related:",
    "related topics",
    "related internet links",
    "related links",
    "related stories",
    "see also:",
    "more on this story",
    "topics:",
    "tags:",
];

/// The body without credits, contacts, photo credits and link lines (see `credit_start`) and
/// without the author list of a front-matter header; in a transcript, the ALL-CAPS speaker
/// labels ("MARGARET SMITH, HOST:") are title-cased behind the title "Speaker", so the person
/// who speaks counts like any titled name. None when nothing changes (most bodies).
pub(crate) fn clean_body(body: &str) -> Option<String> {
    // Whether the body is a transcript, asked at the first line that looks like a label.
    let mut transcript: Option<bool> = None;
    let mut out: Option<String> = None;
    let mut author_list = false;
    let mut offset = 0;
    for line in body.split('\n') {
        let start = offset;
        offset += line.len() + 1;
        let trimmed = line.trim_line();
        let edited: Option<std::borrow::Cow<'_, str>> = if author_list
            && (trimmed.is_empty() || trimmed.starts_with("- ") || trimmed.starts_with("* "))
        {
            Some("".into())
        } else if let Some(cut) = credit_start(line) {
            author_list = ["authors:", "author:", "byline:", "by:", "reporters:"]
                .iter()
                .any(|label| trimmed.eq_ignore_ascii_case(label));
            Some(line[..cut].into())
        } else {
            author_list = false;
            speaker_label(line).filter(|_| *transcript.get_or_insert_with(|| is_transcript(body))).map(
                |(name, rest)| {
                    let mut edited = String::with_capacity(line.len() + 10);
                    edited.push_str("Speaker ");
                    title_case_into(name, true, &mut edited);
                    edited.push_str(rest);
                    edited.into()
                },
            )
        };
        match (&mut out, edited) {
            (Some(out), edited) => {
                out.push('\n');
                out.push_str(edited.as_deref().unwrap_or(line));
            }
            (None, Some(edited)) => {
                let mut text = String::with_capacity(body.len());
                text.push_str(&body[..start]);
                text.push_str(&edited);
                out = Some(text);
            }
            (None, None) => {}
        }
    }
    out
}

/// True when `line` opens with a credit, contact or photo-credit label, or is a credit line
/// ("Reporting by …", "Write to … @…", "Photograph: …"): the layout's trailer drops those.
pub fn credit_line(line: &str) -> bool {
    is_credit_line(line) || label_at(line, 0)
}

/// Where the credit part of a line starts: 0 for a whole byline, credit, bio or contact line
/// (`is_credit_line`), else the offset of a `CREDIT_LABELS` label that opens a sentence of the
/// line ("… vote on Brexit options. Photograph: Jane Doe/AFP/Getty Images"). None for story text.
fn credit_start(line: &str) -> Option<usize> {
    if credit_line(line) {
        return Some(0);
    }
    // Sentences start after ". ", "? ", "! ", "; " or ") ": the first labelled one of each kind.
    let bytes = line.as_bytes();
    let after = |end: usize| bytes.get(end + 1) == Some(&b' ') && label_at(line, end + 1);
    let first = memchr::memchr3_iter(b'.', b';', b')', bytes).find(|&end| after(end));
    let second = memchr::memchr2_iter(b'?', b'!', bytes).find(|&end| after(end));
    first.into_iter().chain(second).min().map(|end| end + 1)
}

/// Bit `b` of entry `a` is set when some `CREDIT_LABELS` label starts with the letters a, b.
const LABEL_OPENINGS: [u32; 26] = {
    let mut openings = [0u32; 26];
    let mut i = 0;
    while i < CREDIT_LABELS.len() {
        let b = CREDIT_LABELS[i].as_bytes();
        openings[(b[0] - b'a') as usize] |= 1 << (b[1] - b'a');
        i += 1;
    }
    openings
};

/// Whether a `CREDIT_LABELS` label starts at byte `at` of `line`, after markup or opening
/// punctuation ("--With", "(Photo:", "*Related:").
fn label_at(line: &str, at: usize) -> bool {
    let bytes = line.as_bytes();
    let mut p = at;
    while p < bytes.len() && matches!(bytes[p], b' ' | b'\t' | b'-' | b'*' | b'_' | b'(' | b'#' | b'>' | b'[')
    {
        p += 1;
    }
    // The first two letters of some label, checked before the labels themselves.
    let openings = &LABEL_OPENINGS;
    let letter = |k: usize| bytes.get(k).map(u8::to_ascii_lowercase).filter(u8::is_ascii_lowercase);
    let (Some(first), Some(second)) = (letter(p), letter(p + 1)) else {
        return false;
    };
    openings[usize::from(first - b'a')] & (1 << (second - b'a')) != 0
        && CREDIT_LABELS.iter().any(|label| starts_with_label(&line[p..], label))
}

/// Whether `text` starts with `label`, ASCII case-insensitively, a label space matching any run
/// of whitespace ("BY\tBy …"), and a label that ends in a letter ending at a word boundary.
fn starts_with_label(text: &str, label: &str) -> bool {
    let (text, label) = (text.as_bytes(), label.as_bytes());
    let (mut i, mut j) = (0, 0);
    while j < label.len() {
        if label[j] == b' ' {
            if !text.get(i).is_some_and(u8::is_ascii_whitespace) {
                return false;
            }
            while text.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
        } else {
            if !text.get(i).is_some_and(|b| b.eq_ignore_ascii_case(&label[j])) {
                return false;
            }
            i += 1;
        }
        j += 1;
    }
    !label.last().is_some_and(u8::is_ascii_alphanumeric)
        || !text.get(i).is_some_and(u8::is_ascii_alphanumeric)
}

/// Words that name a role, not a person, in a transcript label ("UNIDENTIFIED MAN:", "HOST:").
const SPEAKER_ROLES: &[&str] = &[
    "unidentified",
    "unknown",
    "man",
    "woman",
    "person",
    "people",
    "boy",
    "girl",
    "child",
    "crowd",
    "group",
    "audience",
    "host",
    "anchor",
    "announcer",
    "narrator",
    "reporter",
    "correspondent",
    "interviewer",
    "moderator",
    "caller",
    "byline",
    "voice",
    "speaker",
    "translator",
    "interpreter",
    "note",
    "editor",
    "correction",
    "update",
    "source",
    "sources",
    "q",
    "a",
];

/// A transcript speaker label at the start of a line: ALL-CAPS name words, an optional
/// ", ROLE", then a colon ("MARGARET SMITH, HOST: …", "SMITH: …"). Returns the name and the
/// text from the colon on (the role is dropped).
fn speaker_label(line: &str) -> Option<(&str, &str)> {
    let text = line.trim_start();
    // Most lines open with a mixed-case word ("The"): rejected before any search.
    let mut chars = text.chars();
    if !chars.next().is_some_and(char::is_uppercase)
        || chars.next().is_some_and(|c| c.is_lowercase() || c == ' ')
    {
        return None;
    }
    let name_end = text.find([',', ':'])?;
    let name = &text[..name_end];
    let words = name.split(' ');
    let mut count = 0;
    for word in words {
        count += 1;
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if count > 5
            || letters == 0
            || !word.chars().all(|c| c.is_uppercase() || matches!(c, '-' | '\'' | '\u{2019}' | '.'))
            || SPEAKER_ROLES.iter().any(|role| word.eq_ignore_ascii_case(role))
        {
            return None;
        }
    }
    // Two letters or more.
    name.chars().filter(|c| c.is_alphabetic()).nth(1)?;
    let mut rest = &text[name_end..];
    if let Some(role) = rest.strip_prefix(", ") {
        let colon = role.find(':')?;
        if colon == 0 || !role[..colon].chars().all(|c| c.is_uppercase() || matches!(c, ' ' | '-' | '.')) {
            return None;
        }
        rest = &role[colon..];
    }
    let after = rest.strip_prefix(':')?;
    (after.is_empty() || after.starts_with(char::is_whitespace)).then_some((name, rest))
}

/// Whether the body is a broadcast transcript: three speaker labels or more, one of them with
/// a role ("…, HOST:"), so that ALL-CAPS datelines and table rows ("NOTE:") are never labels.
fn is_transcript(body: &str) -> bool {
    let mut labels = 0;
    let mut with_role = false;
    for line in body.lines() {
        if let Some((name, _)) = speaker_label(line) {
            labels += 1;
            with_role |= line.trim_start()[name.len()..].starts_with(',');
        }
    }
    labels >= 3 && with_role
}

/// Byline and credit lines are not mentions: "By Name, Associated Press", "(Reporting by …)",
/// "… contributed to this report", "Name, Staff Writer", "A And B, Publication on Jan 1, 2019",
/// "Write to Name at name@example.com", "Contacts Investors: …", an italic author bio
/// ("*Name reports on China from Beijing.*") and a tag list ("Topics Brexit Theresa May").
/// Runs on every line of every body, so it compares bytes case-insensitively in place.
fn is_credit_line(line: &str) -> bool {
    let line = line.trim_line();
    let t = line.trim_start_matches(['-', '*', '_', '#', '>', ' ']);
    // Dispatched on the first letter: most lines start with none of these labels.
    let labelled = match t.as_bytes().first().map(u8::to_ascii_lowercase) {
        Some(b'w') => starts_with_label(t, "write to") && t.contains('@'),
        Some(b'c' | b'm' | b'i') => {
            [
                "contact",
                "contacts",
                "media contact",
                "media contacts",
                "investor contact",
                "investor contacts",
            ]
            .iter()
            .any(|p| starts_with_label(t, p))
                && t.split_whitespace().take(3).any(|w| w.ends_with(':'))
        }
        Some(b't') => starts_with_label(t, "topics") && !t.ends_with(['.', '?', '!', '"', '\u{201d}']),
        _ => false,
    };
    if labelled || (line.starts_with(['*', '_', '-']) && is_bio_line(line)) {
        return true;
    }
    // Most lines are paragraphs: past 14 words only the "contributed" form can match.
    let words = count_words(t, 15);
    if words > 14 {
        static CONTRIBUTED: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
        let finder = CONTRIBUTED.get_or_init(|| memchr::memmem::Finder::new("contributed to this report"));
        return finder.find(t.as_bytes()).is_some() && count_words(t, 31) <= 30;
    }
    if words == 0 {
        return false;
    }
    ["by ", "(reporting by", "author:", "authors:", "byline:", "visit "]
        .iter()
        .any(|p| starts_with_label(t, p))
        || ["staff writer", "correspondent", "associated press", ", reuters"]
            .iter()
            .any(|s| ends_with_ci(t, s))
        || contains_ci(t, "contributed to this report")
        || contains_ci(t, "powered by")
        || (t.ends_with(|c: char| c.is_ascii_digit())
            && contains_ci(t, " and ")
            && t.contains(", ")
            && contains_ci(t, " on "))
}

/// An italic line that describes the author: "*Name reports on China's economy from Beijing.*",
/// "_Name is a journalist based in Istanbul._" (leading "---" rules allowed).
fn is_bio_line(line: &str) -> bool {
    let t = line.trim_start_matches(['-', ' ']);
    let italic = |open: char| t.starts_with(open) && t.trim_end().ends_with(open);
    (italic('*') || italic('_'))
        && [" reports ", " covers ", " writes ", " is a ", " is an ", " is the "]
            .iter()
            .any(|p| t.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `contains_ci` finds a needle where the byte-by-byte search it replaced did, on texts
    /// of both cases, accents and the needles' own pieces, with the needle at either end.
    #[test]
    fn contains_ci_answers_as_the_byte_search_did() {
        fn byte_search(haystack: &str, needle: &str) -> bool {
            let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
            let Some(&first) = needle.first() else { return true };
            hay.len() >= needle.len()
                && (0..=hay.len() - needle.len()).any(|i| {
                    hay[i].to_ascii_lowercase() == first
                        && hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
                })
        }
        let needles = ["contributed to this report", "powered by", " and ", " on ", "", "x", "Upper"];
        let palette = [
            "con", "CON", "tributed", " to ", "this", " REPORT", "Powered", " by", "p", "P", " and", "AND ",
            " ", "on", " On ", "é", "Ö", "—", "\n", "x", "X", "up", "Upper", "uPPER",
        ];
        let mut next = crate::article::test_rng::stream(17);
        let mut texts =
            vec![String::new(), "contributed to this report".into(), "Tom Poe and Ann Lee on May 3".into()];
        for _ in 0..4000 {
            let len = next(24);
            texts.push((0..len).map(|_| palette[next(palette.len())]).collect());
        }
        let mut found = 0;
        for text in &texts {
            for needle in needles {
                let expected = byte_search(text, needle);
                assert_eq!(contains_ci(text, needle), expected, "{text:?} {needle:?}");
                found += usize::from(expected && !needle.is_empty());
            }
        }
        assert!(found > 1000, "the texts hold the needles often enough to test both answers: {found}");
    }
}
