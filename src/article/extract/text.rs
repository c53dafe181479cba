//! Shared word helpers for the extractors: accent folding and case tests.

/// Folds a name for comparison: lowercase, accents removed, punctuation dropped.
pub fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
