//! Normalised word tokens, word shingles and winnowed fingerprints.
//!
//! Every hash is a fixed-seed xxh3, so results are the same on every run and machine.

use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use crate::text::tokenize;

/// Seed of the word hashes.
const WORD_SEED: u64 = 0x7265_636f_7570_6531;
/// Seed of the shingle (word n-gram) hashes.
const SHINGLE_SEED: u64 = 0x7368_696e_676c_6573;

/// A folded word of a clean text: its hash, where it is, and which paragraph holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    /// xxh3 of the folded word (case, accents, quote marks and apostrophes folded).
    pub hash: u64,
    /// Byte offset of the first character in the text.
    pub start: u32,
    /// Byte offset past the last character.
    pub end: u32,
    /// 0-based paragraph (line of the clean text) holding the word.
    pub para: u32,
    /// Whether the word is inside quotation marks (« », “ ”, „ “ or straight double quotes),
    /// tracked within the paragraph.
    pub quoted: bool,
    /// Whether the word continues the previous one as written, with no space between them (the
    /// noun after an elided article, the parts of a hyphenated compound): such tokens do not
    /// count as words in passage lengths, so "l'Etat" or "Jean-Luc" count once.
    pub joined: bool,
}

/// Splits a clean text into folded word tokens with byte offsets, paragraph numbers and whether
/// they are quoted. Punctuation and quote marks are not tokens, so they never break a match.
pub fn words(text: &str) -> Vec<Word> {
    let toks = tokenize(text);
    let mut out = Vec::with_capacity(toks.len());
    let (mut para, mut scanned, mut quoted) = (0u32, 0usize, false);
    for t in toks {
        let gap = &text[scanned..t.start];
        let joined = !out.is_empty() && !gap.chars().any(char::is_whitespace);
        for c in gap.chars() {
            match c {
                '\n' => {
                    para += 1;
                    quoted = false;
                }
                '\u{ab}' | '\u{201c}' | '\u{201e}' => quoted = true,
                '\u{bb}' | '\u{201d}' => quoted = false,
                '"' => quoted = !quoted,
                _ => {}
            }
        }
        scanned = t.end;
        out.push(Word {
            hash: xxh3_64_with_seed(t.folded.as_bytes(), WORD_SEED),
            start: t.start as u32,
            end: t.end as u32,
            para,
            quoted,
            joined,
        });
    }
    out
}

/// The hash of a run of words (an n-gram), from their word hashes.
pub fn ngram_hash(words: &[Word]) -> u64 {
    let mut buf = [0u8; 8 * 16];
    if words.len() <= 16 {
        for (i, w) in words.iter().enumerate() {
            buf[i * 8..i * 8 + 8].copy_from_slice(&w.hash.to_le_bytes());
        }
        xxh3_64_with_seed(&buf[..words.len() * 8], SHINGLE_SEED)
    } else {
        let v: Vec<u8> = words.iter().flat_map(|w| w.hash.to_le_bytes()).collect();
        xxh3_64_with_seed(&v, SHINGLE_SEED)
    }
}

/// The hashes of every `n`-word shingle, in text order (empty when the text is shorter than `n`).
pub fn shingles(words: &[Word], n: usize) -> Vec<u64> {
    if n == 0 || words.len() < n {
        return Vec::new();
    }
    words.windows(n).map(ngram_hash).collect()
}

/// The fingerprint of the whole normalised word sequence: equal for texts that differ only in
/// punctuation, case, accents, quote marks and spacing.
pub fn text_fingerprint(words: &[Word]) -> u64 {
    let v: Vec<u8> = words.iter().flat_map(|w| w.hash.to_le_bytes()).collect();
    xxh3_64(&v)
}

/// Winnowing (Schleimer et al. 2003): the minimum hash of every window of `w` consecutive
/// shingles (rightmost on ties). Any run of `w + n - 1` shared words yields at least one shared
/// fingerprint, and a run of `2w + n - 1` words at least two (two disjoint windows), whatever
/// surrounds it, because the choice in a window depends only on that window. Returned sorted and
/// distinct, as 32-bit keys (the high half of the hash) to keep the index compact.
pub fn winnow(shingles: &[u64], w: usize) -> Vec<u32> {
    let w = w.max(1);
    let mut out = Vec::new();
    if shingles.is_empty() {
        return out;
    }
    if shingles.len() <= w {
        let m = shingles.iter().min().copied().unwrap_or_default();
        out.push((m >> 32) as u32);
        return out;
    }
    let mut last = usize::MAX;
    for start in 0..=shingles.len() - w {
        let mut best = start;
        for i in start..start + w {
            if shingles[i] <= shingles[best] {
                best = i;
            }
        }
        if best != last {
            out.push((shingles[best] >> 32) as u32);
            last = best;
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_quotes_and_track_paragraphs() {
        let a = words("L’absence de « coopération »\nAvec eux.");
        let b = words("l'absence de \"cooperation\" avec eux");
        let ha: Vec<u64> = a.iter().map(|w| w.hash).collect();
        let hb: Vec<u64> = b.iter().map(|w| w.hash).collect();
        assert_eq!(ha, hb);
        assert_eq!(
            a.iter().map(|w| w.para).collect::<Vec<_>>(),
            [0, 0, 0, 0, 1, 1]
        );
        assert_eq!(text_fingerprint(&a), text_fingerprint(&b));
        let q: Vec<bool> = a.iter().map(|w| w.quoted).collect();
        assert_eq!(q, [false, false, false, true, false, false]);
        let j: Vec<bool> = a.iter().map(|w| w.joined).collect();
        assert_eq!(j, [false, true, false, false, false, false]);
    }

    #[test]
    fn winnowing_is_local() {
        // The same run of shingles inside two different contexts gives shared fingerprints.
        let run: Vec<u64> = (0..12u64)
            .map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15))
            .collect();
        let mut a = vec![1u64 << 63, 3 << 62];
        a.extend(&run);
        let mut b = run.clone();
        b.push(5);
        let (fa, fb) = (winnow(&a, 4), winnow(&b, 4));
        let shared = fa.iter().filter(|h| fb.binary_search(h).is_ok()).count();
        assert!(shared >= 2, "{fa:?} {fb:?}");
    }
}
