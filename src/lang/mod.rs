//! Language knowledge shared by several stages, as data tables per language (a new language is a
//! new table, not new code): stop words, elided articles, day and month names.
//!
//! Stage-specific tables (reporting verbs, boilerplate phrases, titles) live beside their stage
//! and are keyed by the same ISO 639-1 codes.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::text::Token;

mod en;
mod fr;

/// The shared tables of one language. Every word is given folded (see [`crate::text::fold`]).
pub struct LangTables {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Function words that carry no topic.
    pub stopwords: &'static [&'static str],
    /// Day names, Monday first.
    pub days: [&'static str; 7],
    /// Month names, January first; each may list several spellings separated by `|`.
    pub months: [&'static str; 12],
}

/// Every language with tables.
pub const LANGUAGES: &[&LangTables] = &[&fr::TABLES, &en::TABLES];

/// The tables of a language, if recoupe has them.
pub fn tables(code: &str) -> Option<&'static LangTables> {
    LANGUAGES.iter().copied().find(|t| t.code == code)
}

fn stopword_sets() -> &'static Vec<(&'static str, HashSet<&'static str>)> {
    static SETS: OnceLock<Vec<(&'static str, HashSet<&'static str>)>> = OnceLock::new();
    SETS.get_or_init(|| {
        LANGUAGES
            .iter()
            .map(|t| (t.code, t.stopwords.iter().copied().collect()))
            .collect()
    })
}

/// The stop words of a language as a sorted slice (empty when recoupe has no table for it).
pub fn stopwords(code: &str) -> &'static [&'static str] {
    static SORTED: OnceLock<Vec<(&'static str, Vec<&'static str>)>> = OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        LANGUAGES
            .iter()
            .map(|t| {
                let mut v = t.stopwords.to_vec();
                v.sort_unstable();
                v.dedup();
                (t.code, v)
            })
            .collect()
    });
    sorted
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, v)| v.as_slice())
        .unwrap_or(&[])
}

/// Whether a folded word is a stop word of any language with tables.
pub fn any_stopword(folded: &str) -> bool {
    stopword_sets().iter().any(|(_, s)| s.contains(folded))
}

/// Folded prefixes that are elided before a vowel ("l’", "qu’"): tokenisation splits them off.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
];

/// Whether a folded prefix is an elided article or pronoun.
pub fn is_elision(prefix: &str) -> bool {
    ELISIONS.contains(&prefix)
}

/// Picks the language whose stop words cover most of the tokens, if any covers at least 10%.
pub fn vote_by_stopwords(tokens: &[Token]) -> Option<&'static str> {
    if tokens.is_empty() {
        return None;
    }
    let best = stopword_sets()
        .iter()
        .map(|(code, set)| {
            let hits = tokens
                .iter()
                .filter(|t| set.contains(t.folded.as_str()))
                .count();
            (hits, *code)
        })
        .max()?;
    (best.0 * 10 >= tokens.len()).then_some(best.1)
}

/// The index (0 = Monday) of a folded day name in a language.
pub fn day_index(code: &str, folded: &str) -> Option<usize> {
    tables(code)?.days.iter().position(|d| *d == folded)
}

/// The month number (1 = January) of a folded month name in a language.
pub fn month_number(code: &str, folded: &str) -> Option<u32> {
    // Looked up for most tokens by several stages: each language's spellings are indexed once.
    static INDEX: std::sync::OnceLock<Vec<crate::text::WordMap<u32>>> = std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        LANGUAGES
            .iter()
            .map(|t| {
                let mut m = crate::text::WordMap::default();
                for (i, spellings) in t.months.iter().enumerate() {
                    for v in spellings.split('|') {
                        m.entry(v).or_insert(i as u32 + 1);
                    }
                }
                m
            })
            .collect()
    });
    let k = LANGUAGES.iter().position(|t| t.code == code)?;
    index[k].get(folded).copied()
}
