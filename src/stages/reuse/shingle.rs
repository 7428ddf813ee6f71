//! Normalised word tokens, word shingles and winnowed fingerprints.
//!
//! Every hash is a fixed-seed xxh3, so results are the same on every run and machine.

use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use crate::text::{fold_char_into, for_each_token};

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
///
/// The tokens are those of [`crate::text::tokenize`] (UAX #29 words, French-style elisions split
/// off), read through [`for_each_token`] without one `String` per token: alignment tokenises
/// every text of a block, and the allocations dominated its time.
pub fn words(text: &str) -> Vec<Word> {
    let mut st = WordScan {
        out: Vec::with_capacity(text.len() / 5),
        para: 0,
        scanned: 0,
        quoted: false,
    };
    for_each_token(text, |start, end, folded| st.push(text, start, end, folded));
    st.out
}

/// The state of [`words`]: tokens so far, and the paragraph and quotation at the scan point.
struct WordScan {
    out: Vec<Word>,
    para: u32,
    scanned: usize,
    quoted: bool,
}

impl WordScan {
    fn push(&mut self, text: &str, start: usize, end: usize, folded: &str) {
        let gap = &text[self.scanned..start];
        let joined = !self.out.is_empty() && !gap.chars().any(char::is_whitespace);
        for c in gap.chars() {
            match c {
                '\n' => {
                    self.para += 1;
                    self.quoted = false;
                }
                '\u{ab}' | '\u{201c}' | '\u{201e}' => self.quoted = true,
                '\u{bb}' | '\u{201d}' => self.quoted = false,
                '"' => self.quoted = !self.quoted,
                _ => {}
            }
        }
        self.scanned = end;
        self.out.push(Word {
            hash: xxh3_64_with_seed(folded.as_bytes(), WORD_SEED),
            start: start as u32,
            end: end as u32,
            para: self.para,
            quoted: self.quoted,
            joined,
        });
    }
}

/// Hashes of the folded words of a text, for the index: a single scan with no allocation per
/// word (much faster than [`words`], which also keeps offsets for alignment). A word is a run of
/// alphanumeric characters, folded like [`crate::text::fold`] (case and accents); apostrophes,
/// hyphens and punctuation separate words. `out` is cleared first.
pub fn index_words(text: &str, out: &mut Vec<u64>) {
    out.clear();
    let mut buf = String::with_capacity(32);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (word_char, len) = if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                buf.push(b.to_ascii_lowercase() as char);
                (true, 1)
            } else {
                (false, 1)
            }
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                fold_char_into(c, &mut buf);
                (true, c.len_utf8())
            } else {
                (false, c.len_utf8())
            }
        };
        if !word_char && !buf.is_empty() {
            out.push(xxh3_64_with_seed(buf.as_bytes(), WORD_SEED));
            buf.clear();
        }
        i += len;
    }
    if !buf.is_empty() {
        out.push(xxh3_64_with_seed(buf.as_bytes(), WORD_SEED));
    }
}

/// Finaliser of MurmurHash3 (a bijection of u64 with full avalanche).
pub fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The hashes of every `n`-word shingle of a list of word hashes (from [`index_words`]), in text
/// order, combined with rotations and a multiply (order-sensitive) instead of a byte hash; a text
/// shorter than `n` words gives one shingle of all its words, as the Python peers do. `out` is
/// cleared first.
pub fn index_shingles(words: &[u64], n: usize, out: &mut Vec<u64>) {
    out.clear();
    let n = n.max(1).min(words.len().max(1));
    if words.is_empty() {
        return;
    }
    out.extend(words.windows(n).map(|w| {
        let mut h = SHINGLE_SEED;
        for &x in w {
            h = (h.rotate_left(23) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
        fmix(h)
    }));
}

/// The fingerprint of a whole word-hash sequence (equal for texts with the same folded words).
pub fn index_fingerprint(words: &[u64]) -> u64 {
    let mut h = 0x6669_6e67_6572_7072u64 ^ words.len() as u64;
    for &x in words {
        h = (h.rotate_left(29) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fmix(h)
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
    fn words_are_the_tokens_of_tokenize() {
        let t = "L’Élysée a-t-il dit « qu'aujourd'hui » ?\nD'autres : jusqu’à 4,9 milliards.";
        let toks = crate::text::tokenize(t);
        let w = words(t);
        assert_eq!(w.len(), toks.len());
        for (x, k) in w.iter().zip(&toks) {
            assert_eq!((x.start as usize, x.end as usize), (k.start, k.end));
            assert_eq!(x.hash, xxh3_64_with_seed(k.folded.as_bytes(), WORD_SEED));
        }
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
