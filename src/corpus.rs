//! Finding and decoding article files: a sorted walk of each root (walkdir; hidden entries
//! skipped, symlinks followed with loop detection), extension and size filters, and turning
//! a file's bytes into clean text whatever its encoding (UTF-8 with or without BOM, UTF-16
//! with BOM, Windows-1252/Latin-1) and line endings. Every file it cannot use comes back as a
//! `SkipReason`, never as a panic or a silent drop.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::Serialize;
use walkdir::WalkDir;
use xxhash_rust::xxh3::xxh3_64;

use crate::error::{Error, Result};

/// Default cap on one article file's size.
pub const DEFAULT_MAX_SIZE: u64 = 8 * 1024 * 1024;

/// Which files a walk yields.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// File extensions to take, without the dot, compared case-insensitively.
    pub extensions: Vec<String>,
    /// Files larger than this are skipped with `SkipReason::TooLarge`.
    pub max_size: u64,
}

impl Default for WalkOptions {
    fn default() -> WalkOptions {
        WalkOptions { extensions: vec!["txt".into()], max_size: DEFAULT_MAX_SIZE }
    }
}

/// A file found by the walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// Path relative to its root, with `/` separators.
    pub rel: String,
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub mtime: i64,
}

impl FoundFile {
    /// The file's path on disk, given the root it was found under.
    pub fn path_under(&self, root: &Path) -> PathBuf {
        root.join(&self.rel)
    }
}

/// Why a file was not indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum SkipReason {
    /// Contains NUL bytes or mostly control characters.
    Binary,
    /// Zero bytes, or only white space.
    Empty,
    /// Over the size cap.
    TooLarge { size: u64, limit: u64 },
    /// Could not be opened or read (permissions, I/O error).
    Unreadable { detail: String },
    /// Disappeared between discovery and reading.
    Vanished,
    /// The file name is not valid UTF-8.
    BadName,
    /// A symbolic link that leads back to one of its own ancestors.
    SymlinkLoop,
    /// The directory walk itself failed here.
    WalkError { detail: String },
}

impl SkipReason {
    /// A short stable name for counting ("binary", "too-large", …).
    pub fn kind(&self) -> &'static str {
        match self {
            SkipReason::Binary => "binary",
            SkipReason::Empty => "empty",
            SkipReason::TooLarge { .. } => "too-large",
            SkipReason::Unreadable { .. } => "unreadable",
            SkipReason::Vanished => "vanished",
            SkipReason::BadName => "bad-name",
            SkipReason::SymlinkLoop => "symlink-loop",
            SkipReason::WalkError { .. } => "walk-error",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Binary => write!(f, "binary file (contains NUL or control bytes)"),
            SkipReason::Empty => write!(f, "empty file"),
            SkipReason::TooLarge { size, limit } => {
                write!(f, "file is {size} bytes, over the {limit}-byte limit (--max-size)")
            }
            SkipReason::Unreadable { detail } => write!(f, "cannot read: {detail}"),
            SkipReason::Vanished => write!(f, "file vanished before it could be read"),
            SkipReason::BadName => write!(f, "file name is not valid UTF-8"),
            SkipReason::SymlinkLoop => write!(f, "symbolic link loop"),
            SkipReason::WalkError { detail } => write!(f, "cannot walk: {detail}"),
        }
    }
}

/// A file the walk could not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: SkipReason,
}

/// Walks `root` in sorted order, returning usable files and the ones skipped on the way
/// (too large, bad names, loops, unreadable directories). Fails only if `root` itself is
/// missing or not a directory.
pub fn walk(root: &Path, options: &WalkOptions) -> Result<(Vec<FoundFile>, Vec<Skipped>)> {
    let meta = std::fs::metadata(root).map_err(|e| Error::io(root, e))?;
    if !meta.is_dir() {
        return Err(Error::Config(format!("{} is not a directory", root.display())));
    }
    let wanted = |path: &Path| {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|ext| options.extensions.iter().any(|w| w.eq_ignore_ascii_case(ext)))
    };
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b"."));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map(Path::to_path_buf).unwrap_or_else(|| root.to_path_buf());
                let reason = if err.loop_ancestor().is_some() {
                    SkipReason::SymlinkLoop
                } else {
                    SkipReason::WalkError { detail: io_detail(&err) }
                };
                skipped.push(Skipped { path, reason });
                continue;
            }
        };
        if !entry.file_type().is_file() || !wanted(entry.path()) {
            continue;
        }
        let path = entry.path();
        let Some(rel) = relative_name(root, path) else {
            skipped.push(Skipped { path: path.to_path_buf(), reason: SkipReason::BadName });
            continue;
        };
        let meta = match entry.metadata() {
            Ok(meta) => meta,
            Err(err) => {
                skipped.push(Skipped {
                    path: path.to_path_buf(),
                    reason: SkipReason::Unreadable { detail: io_detail(&err) },
                });
                continue;
            }
        };
        if meta.len() > options.max_size {
            skipped.push(Skipped {
                path: path.to_path_buf(),
                reason: SkipReason::TooLarge { size: meta.len(), limit: options.max_size },
            });
            continue;
        }
        found.push(FoundFile { rel, size: meta.len(), mtime: mtime_nanos(&meta) });
    }
    Ok((found, skipped))
}

fn io_detail(err: &walkdir::Error) -> String {
    match err.io_error() {
        Some(io) => io.to_string(),
        None => err.to_string(),
    }
}

/// The `/`-separated path of `path` below `root`, if it is valid UTF-8.
fn relative_name(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// Modification time in nanoseconds since the epoch (0 when the platform has none).
pub fn mtime_nanos(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The text encodings `decode` recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    /// UTF-8 apart from a few invalid bytes, each replaced by U+FFFD (`Decoded::replaced`).
    Utf8Repaired,
    Utf16,
    Windows1252,
}

/// A file read and decoded.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
    /// Number of raw bytes read.
    pub bytes: u64,
    /// Hash of the raw bytes.
    pub hash: u64,
    /// Invalid byte sequences replaced by U+FFFD (a UTF-8 file with stray bytes).
    pub replaced: u64,
}

/// Reads one file (at most `max_size` bytes) and decodes it. `size_hint` is the size the walk
/// saw: the buffer is made that large up front (plus room to see the end of the file), so a
/// file read takes two `read` calls, not the ~10 of growing from an empty buffer (`take` hides
/// the file's own size from `read_to_end`). A file that grew since is still read whole.
pub fn read(path: &Path, max_size: u64, size_hint: u64) -> std::result::Result<Decoded, SkipReason> {
    let file = std::fs::File::open(path).map_err(read_error)?;
    let mut bytes = Vec::with_capacity(size_hint.min(max_size) as usize + 64);
    file.take(max_size + 1).read_to_end(&mut bytes).map_err(read_error)?;
    if bytes.len() as u64 > max_size {
        return Err(SkipReason::TooLarge { size: bytes.len() as u64, limit: max_size });
    }
    let hash = xxh3_64(&bytes);
    let len = bytes.len() as u64;
    let (text, encoding, replaced) = decode_counted(bytes)?;
    Ok(Decoded { text, encoding, bytes: len, hash, replaced })
}

fn read_error(err: std::io::Error) -> SkipReason {
    match err.kind() {
        std::io::ErrorKind::NotFound => SkipReason::Vanished,
        _ => SkipReason::Unreadable { detail: err.to_string() },
    }
}

/// Decodes article bytes to text with `\n` line endings.
pub fn decode(bytes: &[u8]) -> std::result::Result<(String, TextEncoding), SkipReason> {
    decode_owned(bytes.to_vec())
}

/// [`decode`] taking ownership: valid UTF-8 without anything to normalise (the common case)
/// becomes the text without a copy.
pub fn decode_owned(bytes: Vec<u8>) -> std::result::Result<(String, TextEncoding), SkipReason> {
    decode_counted(bytes).map(|(text, encoding, _)| (text, encoding))
}

/// [`decode_owned`], also returning how many invalid UTF-8 sequences were replaced.
fn decode_counted(bytes: Vec<u8>) -> std::result::Result<(String, TextEncoding, u64), SkipReason> {
    let mut replaced = 0;
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        replaced = utf8_evidence(rest).invalid;
        let encoding = if replaced > 0 { TextEncoding::Utf8Repaired } else { TextEncoding::Utf8Bom };
        (String::from_utf8_lossy(rest).into_owned(), encoding)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(&bytes); // BOM sniffing picks LE or BE
        (text.into_owned(), TextEncoding::Utf16)
    } else if bytes.contains(&0) {
        return Err(SkipReason::Binary);
    } else {
        match String::from_utf8(bytes) {
            Ok(text) => (text, TextEncoding::Utf8),
            Err(err) => {
                let bytes = err.into_bytes();
                let evidence = utf8_evidence(&bytes);
                if evidence.is_utf8_with_strays() {
                    replaced = evidence.invalid;
                    (String::from_utf8_lossy(&bytes).into_owned(), TextEncoding::Utf8Repaired)
                } else {
                    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
                    (text.into_owned(), TextEncoding::Windows1252)
                }
            }
        }
    };
    let text = match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom | TextEncoding::Utf8Repaired => {
            repair_mojibake(&text).unwrap_or(text)
        }
        _ => text,
    };
    if looks_binary(&text) {
        return Err(SkipReason::Binary);
    }
    if text.trim().is_empty() {
        return Err(SkipReason::Empty);
    }
    let text = if needs_normalizing(text.as_bytes()) { normalize_text(&text) } else { text };
    Ok((text, encoding, replaced))
}

/// How much of some bytes reads as UTF-8: multi-byte characters that are valid, and
/// sequences that are not.
struct Utf8Evidence {
    multibyte: u64,
    invalid: u64,
}

impl Utf8Evidence {
    /// A UTF-8 file with stray bytes rather than a Windows-1252 one: it holds valid multi-byte
    /// characters, at least as many as invalid sequences. (Windows-1252 text almost never
    /// forms a valid UTF-8 sequence: that takes a byte C2–F4 followed by 80–BF, as in "Ã©".)
    fn is_utf8_with_strays(&self) -> bool {
        self.multibyte > 0 && self.invalid <= self.multibyte
    }
}

fn utf8_evidence(bytes: &[u8]) -> Utf8Evidence {
    let mut evidence = Utf8Evidence { multibyte: 0, invalid: 0 };
    for chunk in bytes.utf8_chunks() {
        evidence.multibyte += chunk.valid().bytes().filter(|&b| b >= 0xC0).count() as u64;
        evidence.invalid += u64::from(!chunk.invalid().is_empty());
    }
    evidence
}

/// UTF-8 text that was once read as Windows-1252 and saved again as UTF-8 ("GuaidÃ³",
/// "â€”"): the text read back as the original UTF-8. `None` unless the whole text maps back
/// to Windows-1252 bytes that are valid UTF-8, so text that merely holds an "Ã" ("SÃO
/// PAULO") is left alone.
pub fn repair_mojibake(text: &str) -> Option<String> {
    // The lead characters of mojibake, all 0xC3 in UTF-8: "Ã" (C3 83) and "Â" (C3 82) before
    // Latin-1 letters, "â€" (C3 A2 E2 82 AC) before punctuation. One byte search per file.
    let bytes = text.as_bytes();
    let marked = memchr::memchr_iter(0xC3, bytes).any(|i| match bytes.get(i + 1) {
        Some(0x82 | 0x83) => true,
        Some(0xA2) => bytes.get(i + 2..i + 5) == Some(&[0xE2, 0x82, 0xAC][..]),
        _ => false,
    });
    if !marked {
        return None;
    }
    let (encoded, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    if unmappable {
        return None;
    }
    let repaired = String::from_utf8(encoded.into_owned()).ok()?;
    (repaired != text).then_some(repaired)
}

/// Does the text hold anything `normalize_text` would change? (A byte scan, no decoding:
/// 32-byte blocks are screened for the few bytes that can start such a character, and only a
/// block holding one is looked at closely.)
fn needs_normalizing(bytes: &[u8]) -> bool {
    let exact = |i: usize| match bytes[i] {
        b'\n' | b'\t' => false,
        0..=0x1f | 0x7f => true,
        // U+0080–U+00A0: C1 controls and the no-break space.
        0xC2 => bytes.get(i + 1).is_some_and(|n| (0x80..=0xA0).contains(n)),
        // U+2007, U+200B, U+202F.
        0xE2 => bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x87 | 0x8B | 0xAF)),
        // U+FEFF.
        0xEF => bytes.get(i + 1) == Some(&0xBB) && bytes.get(i + 2) == Some(&0xBF),
        _ => false,
    };
    let suspect = |b: u8| (b < 0x20 && b != b'\n' && b != b'\t') | matches!(b, 0x7f | 0xC2 | 0xE2 | 0xEF);
    bytes.chunks(32).enumerate().any(|(block, chunk)| {
        chunk.iter().fold(false, |any, &b| any | suspect(b))
            && (0..chunk.len()).any(|i| exact(block * 32 + i))
    })
}

/// More than 5% control characters (other than tab, newline, carriage return, form feed)
/// among the first 8,192 characters. Text without a control byte anywhere (nearly every
/// article) is cleared by a byte scan.
fn looks_binary(text: &str) -> bool {
    let control_byte =
        |b: u8| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) | (b == 0x7f) | (b == 0xC2);
    let clean =
        text.as_bytes().chunks(64).all(|chunk| !chunk.iter().fold(false, |any, &b| any | control_byte(b)));
    if clean {
        return false;
    }
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(8192) {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c') || c == '\0' {
            control += 1;
        }
    }
    total > 0 && control * 20 > total
}

/// CRLF and CR to LF; stray control characters and non-breaking spaces to spaces.
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            '\u{a0}' | '\u{2007}' | '\u{202f}' => out.push(' '),
            '\u{feff}' | '\u{200b}' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_read_whole_whatever_size_the_walk_saw() {
        let dir = std::env::temp_dir().join(format!("morgue-read-hint-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("story.txt");
        let text = "LISBON -- The harbour board met on Tuesday. ".repeat(300);
        std::fs::write(&path, &text).unwrap();
        let size = text.len() as u64;
        // A stale hint (the file grew or shrank since the walk) changes nothing read.
        for hint in [0, 1, size - 1, size, size + 1, 10 * size] {
            let read = read(&path, 1 << 20, hint).unwrap();
            assert_eq!((read.text.as_str(), read.bytes), (text.as_str(), size), "hint {hint}");
            assert_eq!(read.hash, xxh3_64(text.as_bytes()));
        }
        // The size limit still holds, with the hint above or below it.
        for hint in [0, size, 10 * size] {
            match read(&path, size - 1, hint) {
                Err(SkipReason::TooLarge { size: seen, limit }) => {
                    assert_eq!((seen, limit), (size, size - 1))
                }
                other => panic!("hint {hint}: {other:?}"),
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn mojibake_is_read_back_as_utf8() {
        let (text, _) = decode("Juan GuaidÃ³ and NicolÃ¡s Maduro â€” a â€œtestâ€\u{9d}".as_bytes()).unwrap();
        assert_eq!(text, "Juan Guaidó and Nicolás Maduro — a “test”");
        // Text that only holds an "Ã", or mixes real accents in, is left as it is.
        for clean in ["SÃO PAULO — the city", "Guaidó met GuaidÃ³"] {
            assert_eq!(decode(clean.as_bytes()).unwrap().0, clean);
        }
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8() {
        let bytes =
            b"CARACAS, Venezuela (AP) \xe2\x80\x94 Nicol\xc3\xa1s Maduro\xff said on Tuesday \xc3\xa9";
        let (text, encoding, replaced) = decode_counted(bytes.to_vec()).unwrap();
        assert_eq!(text, "CARACAS, Venezuela (AP) — Nicolás Maduro\u{fffd} said on Tuesday é");
        assert_eq!((encoding, replaced), (TextEncoding::Utf8Repaired, 1));
        // With a BOM too.
        let (_, encoding, replaced) = decode_counted(b"\xEF\xBB\xBFok \xfe then".to_vec()).unwrap();
        assert_eq!((encoding, replaced), (TextEncoding::Utf8Repaired, 1));
        // Windows-1252 text is not mistaken for it.
        let (text, encoding, replaced) =
            decode_counted(b"Jos\xe9 and Ren\xe9e \x96 caf\xe9".to_vec()).unwrap();
        assert_eq!(
            (text.as_str(), encoding, replaced),
            ("José and Renée – café", TextEncoding::Windows1252, 0)
        );
    }

    #[test]
    fn decodes_every_encoding() {
        let (text, enc) = decode("Nicolás\r\nMaduro\rsaid".as_bytes()).unwrap();
        assert_eq!((text.as_str(), enc), ("Nicolás\nMaduro\nsaid", TextEncoding::Utf8));
        let (text, enc) = decode(b"\xEF\xBB\xBFBOM here").unwrap();
        assert_eq!((text.as_str(), enc), ("BOM here", TextEncoding::Utf8Bom));
        let (text, enc) = decode(b"Nicol\xe1s \x93quoted\x94 \x97 dash").unwrap();
        assert_eq!(text, "Nicolás \u{201c}quoted\u{201d} \u{2014} dash");
        assert_eq!(enc, TextEncoding::Windows1252);
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Hi é".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16).unwrap().0, "Hi é");
    }

    #[test]
    fn the_fast_path_agrees_with_normalize_text() {
        for text in [
            "plain\nlines",
            "cr\r\n",
            "nb\u{a0}sp",
            "zw\u{200b}",
            "quote \u{201c}x\u{201d} \u{2014}",
            "c1\u{85}",
        ] {
            let changed = normalize_text(text) != text;
            assert_eq!(needs_normalizing(text.as_bytes()), changed, "{text:?}");
        }
    }

    /// The character-by-character rule the byte scan of `looks_binary` must agree with.
    fn looks_binary_by_chars(text: &str) -> bool {
        let (mut total, mut control) = (0usize, 0usize);
        for c in text.chars().take(8192) {
            total += 1;
            control += usize::from(c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'));
        }
        total > 0 && control * 20 > total
    }

    proptest::proptest! {
        #[test]
        fn byte_scans_agree_with_the_char_rules(
            parts in proptest::collection::vec(
                "[a-z \n\t\r\x0c\x01\x1b\x7f\u{80}\u{85}\u{9f}\u{a0}\u{a9}\u{2007}\u{200b}\u{2019}\u{202f}\u{feff}\u{ef}é]{0,40}",
                0..6,
            )
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(needs_normalizing(text.as_bytes()), normalize_text(&text) != text);
            proptest::prop_assert_eq!(looks_binary(&text), looks_binary_by_chars(&text));
        }
    }

    #[test]
    fn rejects_binary_and_empty() {
        assert_eq!(decode(b"abc\0def"), Err(SkipReason::Binary));
        assert_eq!(decode(b"\x01\x02\x03\x04\x05\x06abc"), Err(SkipReason::Binary));
        assert_eq!(decode(b"  \n\n "), Err(SkipReason::Empty));
        assert_eq!(decode(b""), Err(SkipReason::Empty));
    }
}
