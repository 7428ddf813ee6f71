//! Reuse: duplicates, near-duplicates and shared passages between articles (republication).
//!
//! How it works, in three passes that never loop over all pairs of articles:
//!
//! 1. **Index** ([`Index`], parallel, one block of articles at a time): the text becomes folded
//!    word hashes in one scan ([`shingle::index_words`]); from them an exact fingerprint of the
//!    whole word sequence, MinHash band keys over 5-word shingles (one-permutation hashing,
//!    [`minhash`]) and winnowed shingle fingerprints ([`shingle::winnow`]). No text is kept.
//! 2. **Candidates** ([`lsh`]): articles with the same exact fingerprint are duplicates; articles
//!    that fall in the same bucket of at least one LSH band are near-duplicate candidates; articles
//!    sharing at least two winnowed fingerprints are partial-reuse candidates (a few shared
//!    paragraphs of a long article have a low Jaccard that LSH would miss). Keys held by too many
//!    articles are templates and skipped; each article keeps its 64 best-scored candidates.
//! 3. **Alignment** (parallel, one article against its candidates, texts read one block at a
//!    time through [`Texts`]): [`align`] finds the shared passages with word offsets in both
//!    texts, mapped back to byte offsets.
//!
//! Reprint families ([`families`]) are the connected components of duplicate and near-duplicate
//! pairs; the earlier article of a pair (or family) is its `source` when dates tell it.
//!
//! **Memory.** The index holds, per article, 32 band keys as (u32 key, u32 article) postings
//! (256 B), the exact fingerprint and word count (12 B) and its distinct winnowed fingerprints as
//! (u32, u32) postings: about 0.4 per word at window 4, so ≈ 3.2 B per word (≈ 1.6 KB for a
//! 500-word article); about 2 KB per typical article in all (measured: see the benchmark).
//! Texts are read back at alignment time, [`ReuseConfig::block_articles`] at a time.
//!
//! **Parameters, from measured curves** (`cargo run --release --example reuse_bench -- planted
//! 10000 --curve` and `-- neardup DIR --curve`, figures in the benchmark report):
//! - *Banding 32 × 4* (threshold ≈ `(1/32)^(1/4)` ≈ 0.42). On the peers' 100k near-duplicate
//!   corpus (planted Jaccard 0.8–0.98) 32 × 4 and 16 × 4 find every planted pair, 16 × 8 misses
//!   0.03 %, 9 × 13 (datasketch's choice at 0.8) 6.6 % and 8 × 16 (rensa's) 16 %; 32 × 2 and
//!   64 × 2 also find all but bring 2–4 million chance candidates. Speed hardly differs (the
//!   word scan dominates), so the low-threshold 32 × 4 is kept: it also catches lightly edited
//!   copies with extra boilerplate, whose Jaccard is lower.
//! - *Shingles of 5 words, winnowing window 4, 2 shared fingerprints*: a passage of
//!   `2·4 + 5 − 1 = 12` shared words always yields two shared fingerprints. On the planted curve
//!   smaller windows and shingles cost index memory and candidates for no recall; larger ones
//!   lose short (20–40-word) edited passages.
//! - *Alignment seeds of 4 words, gaps of up to 10 words holding up to 4 edits*: with 15 % of
//!   words edited, exact runs between edits are often shorter than 5 words; on the planted
//!   10k curve (seed, gap, edits) = (5, 8, 3) gave passage recall 0.971 / 0.983 (≥ 40 / 20–40
//!   words), (4, 10, 4) 0.992 / 0.996 with pair precision 0.996; (4, 12, 5) drops precision
//!   to 0.992.
//!   The same settings hold at scale: at 100k and 1M planted articles, pair precision 1.000 and
//!   passage recall 0.993 / 0.997, with a CPU time per article that does not grow with N (the
//!   precision of 0.976 measured earlier at 100k came from the generator, whose unrelated
//!   same-topic articles shared chance word runs more often as N grew).
//!
//! **Similarity** is the aligned coverage `(covered words of a + covered words of b) / (words of
//! a + words of b)`, 1 for duplicates. **Kind**: `duplicate` when the folded word sequences are
//! identical, `near_duplicate` when passages cover at least 80 % of the words of both texts,
//! `partial` otherwise.

pub mod align;
pub mod lsh;
pub mod minhash;
pub mod shingle;

use std::borrow::Cow;

use rayon::prelude::*;

use crate::model::{CleanArticle, ReuseKind, ReusePair, SharedPassage};

use align::{AlignConfig, NgramIndex, Span};
use lsh::{PairKey, Scored};
use shingle::Word;

/// Settings of reuse detection; [`ReuseConfig::default`] holds the measured choices (module doc).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReuseConfig {
    /// Words per shingle for MinHash and winnowing.
    pub shingle_words: usize,
    /// LSH bands.
    pub bands: usize,
    /// Min-hash values per band (`bands × rows` min-hashes in all, at most 256).
    pub rows: usize,
    /// An LSH bucket holding more articles than this is skipped (a template, not a story).
    pub max_bucket: usize,
    /// Winnowing window, in shingles.
    pub winnow_window: usize,
    /// Fewest shared winnowed fingerprints that make a pair a candidate.
    pub min_shared_fingerprints: usize,
    /// A fingerprint held by more articles than this is skipped (stock phrase or template).
    pub max_postings: usize,
    /// Each article keeps at most this many candidates (its best scored), so a text copied by
    /// thousands of pages costs a bounded number of alignments; families stay connected.
    pub max_pairs_per_article: usize,
    /// A pair is reported only when one of its passages has at least this many shared words
    /// outside quotation marks: two outlets quoting the same statement is not republication.
    pub min_unquoted_words: usize,
    /// Share of each text that aligned passages must cover for a near-duplicate.
    pub near_duplicate_coverage: f64,
    /// Most distinct articles profiled or tokenised at once (bounds the memory of the text
    /// passes to this many texts and their words, about 20 KB each for 500 words, whatever the
    /// corpus size). Alignment reads an article again in every block that needs it, so larger
    /// blocks cost memory and save time.
    pub block_articles: usize,
    /// Alignment settings (seed size, gap tolerance, minimum passage length).
    pub align: AlignConfig,
}

impl Default for ReuseConfig {
    fn default() -> Self {
        Self {
            shingle_words: 5,
            bands: 32,
            rows: 4,
            max_bucket: 200,
            winnow_window: 4,
            min_shared_fingerprints: 2,
            max_postings: 64,
            max_pairs_per_article: 64,
            min_unquoted_words: 12,
            near_duplicate_coverage: 0.8,
            block_articles: 65_536,
            align: AlignConfig::default(),
        }
    }
}

/// Where reuse detection reads texts from, by article index: a slice of articles in memory, or
/// any store that can give one text back at a time (a file, a generator), so that the index never
/// needs every text at once.
pub trait Texts: Sync {
    /// Number of articles.
    fn count(&self) -> usize;
    /// The clean text of article `i`.
    fn text(&self, i: usize) -> Cow<'_, str>;
    /// The publication day of article `i`, when known.
    fn published(&self, _i: usize) -> Option<jiff::civil::Date> {
        None
    }
}

impl<A: AsRef<CleanArticle> + Sync> Texts for [A] {
    fn count(&self) -> usize {
        self.len()
    }
    fn text(&self, i: usize) -> Cow<'_, str> {
        Cow::Borrowed(&self[i].as_ref().text)
    }
    fn published(&self, i: usize) -> Option<jiff::civil::Date> {
        self[i].as_ref().published
    }
}

/// The compact per-article state of one article (no text).
struct Profile {
    words: u32,
    fingerprint: u64,
    bands: Vec<u32>,
    winnowed: Vec<u32>,
    sketch: Vec<u16>,
}

/// Reusable buffers of one profiling thread.
#[derive(Default)]
struct Scratch {
    words: Vec<u64>,
    shingles: Vec<u64>,
    sig: Vec<u64>,
}

/// The candidate index: per article its band keys, winnowed fingerprints and whole-text
/// fingerprint, as flat sorted-later postings. It holds no text.
///
/// **Bytes per article**: 8 (band key + article) per band, 256 B with 32 bands; 8 per distinct
/// winnowed fingerprint, about `2 / (window + 1)` of the words (0.4 at window 4: ≈ 3.2 B per
/// word, 1.6 KB for a 500-word article); 12 for the fingerprint and word count; plus 2 per
/// min-hash (256 B) when sketches are kept (near-duplicate mode only). [`Index::bytes`] gives
/// the exact figure.
pub struct Index {
    cfg: ReuseConfig,
    words: Vec<u32>,
    fingerprints: Vec<u64>,
    bands: Vec<(u32, u32)>,
    winnowed: Vec<(u32, u32)>,
    sketches: Option<Vec<u16>>,
}

impl Index {
    /// An empty index; `keep_sketches` keeps 16-bit min-hash sketches to estimate the Jaccard
    /// similarity of candidates ([`Index::estimate_jaccard`]) without their texts.
    pub fn new(cfg: &ReuseConfig, keep_sketches: bool) -> Self {
        Self {
            cfg: cfg.clone(),
            words: Vec::new(),
            fingerprints: Vec::new(),
            bands: Vec::new(),
            winnowed: Vec::new(),
            sketches: keep_sketches.then(Vec::new),
        }
    }

    /// Number of articles indexed.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether no article is indexed.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Heap bytes held by the index.
    pub fn bytes(&self) -> usize {
        self.words.capacity() * 4
            + self.fingerprints.capacity() * 8
            + self.bands.capacity() * 8
            + self.winnowed.capacity() * 8
            + self.sketches.as_ref().map_or(0, |s| s.capacity() * 2)
    }

    fn profile(&self, text: &str, s: &mut Scratch) -> Profile {
        let cfg = &self.cfg;
        shingle::index_words(text, &mut s.words);
        shingle::index_shingles(&s.words, cfg.shingle_words, &mut s.shingles);
        minhash::signature_into(&s.shingles, cfg.bands * cfg.rows, &mut s.sig);
        Profile {
            words: s.words.len() as u32,
            fingerprint: shingle::index_fingerprint(&s.words),
            bands: minhash::band_keys(&s.sig, cfg.bands, cfg.rows),
            winnowed: if cfg.winnow_window == 0 {
                Vec::new()
            } else {
                shingle::winnow(&s.shingles, cfg.winnow_window)
            },
            sketch: if self.sketches.is_some() {
                minhash::sketch16(&s.sig).collect()
            } else {
                Vec::new()
            },
        }
    }

    /// Indexes a batch of texts (in parallel), numbered after the articles already indexed.
    pub fn add<S: AsRef<str> + Sync>(&mut self, texts: &[S]) {
        self.add_with(texts.len(), |i| Cow::Borrowed(texts[i].as_ref()));
    }

    /// Indexes `n` texts given one at a time by `text`, by blocks of
    /// [`ReuseConfig::block_articles`] (only one block of texts is alive at once).
    pub fn add_with<'t, F>(&mut self, n: usize, text: F)
    where
        F: Fn(usize) -> Cow<'t, str> + Sync,
    {
        let block = self.cfg.block_articles.max(1);
        let k = self.cfg.bands * self.cfg.rows;
        let mut start = 0;
        while start < n {
            let end = (start + block).min(n);
            let profiles: Vec<Profile> = (start..end)
                .into_par_iter()
                .map_init(Scratch::default, |s, i| self.profile(&text(i), s))
                .collect();
            for p in profiles {
                let id = self.words.len() as u32;
                self.words.push(p.words);
                self.fingerprints.push(p.fingerprint);
                self.bands.extend(p.bands.iter().map(|&b| (b, id)));
                self.winnowed.extend(p.winnowed.iter().map(|&w| (w, id)));
                if let Some(sk) = &mut self.sketches {
                    if p.sketch.len() == k {
                        sk.extend(&p.sketch);
                    } else {
                        sk.extend(std::iter::repeat_n(0, k));
                    }
                }
            }
            start = end;
        }
    }

    /// Pairs of articles with the same folded word sequence (at least `min_words` words). A group
    /// larger than [`ReuseConfig::max_pairs_per_article`] is linked as a chain of bounded fan-out
    /// (each member paired with the next `max_pairs_per_article`), which keeps it one family.
    pub fn duplicate_pairs(&self, min_words: usize) -> Vec<PairKey> {
        duplicate_chain(
            self.fingerprints
                .iter()
                .copied()
                .zip(self.words.iter().copied()),
            min_words,
            self.cfg.max_pairs_per_article,
        )
    }

    /// Pairs of articles in the same bucket of at least one LSH band, scored by the number of
    /// shared bands (about `bands × J^rows` for Jaccard `J`). Sorts the band postings in place.
    pub fn near_candidates(&mut self) -> Vec<Scored> {
        lsh::shared_key_pairs(&mut self.bands, self.cfg.max_bucket)
    }

    /// Pairs of articles sharing at least [`ReuseConfig::min_shared_fingerprints`] winnowed
    /// fingerprints, scored by that number. Sorts the fingerprint postings in place.
    pub fn passage_candidates(&mut self) -> Vec<Scored> {
        let pairs = lsh::shared_key_pairs(&mut self.winnowed, self.cfg.max_postings);
        lsh::at_least(pairs, self.cfg.min_shared_fingerprints.max(1) as u32)
    }

    /// The Jaccard similarity of two indexed articles' shingle sets, estimated from their
    /// sketches (`None` without sketches).
    pub fn estimate_jaccard(&self, a: usize, b: usize) -> Option<f64> {
        let sk = self.sketches.as_ref()?;
        let k = self.cfg.bands * self.cfg.rows;
        Some(minhash::estimate_jaccard16(
            &sk[a * k..(a + 1) * k],
            &sk[b * k..(b + 1) * k],
        ))
    }
}

/// Pairs of articles with the same (fingerprint, word count ≥ `min_words`), article `i` being the
/// `i`-th item; groups larger than `fan` are chained (see [`Index::duplicate_pairs`]). Sorted.
fn duplicate_chain(
    items: impl Iterator<Item = (u64, u32)>,
    min_words: usize,
    fan: usize,
) -> Vec<PairKey> {
    let mut by_print: Vec<(u64, u32)> = items
        .enumerate()
        .filter(|(_, (_, w))| *w as usize >= min_words.max(1))
        .map(|(i, (f, _))| (f, i as u32))
        .collect();
    by_print.par_sort_unstable();
    let fan = fan.max(1);
    let mut out = Vec::new();
    for group in by_print.chunk_by(|x, y| x.0 == y.0) {
        for (x, &(_, a)) in group.iter().enumerate() {
            out.extend(
                group[x + 1..]
                    .iter()
                    .take(fan)
                    .map(|&(_, b)| lsh::pack(a, b)),
            );
        }
    }
    out.par_sort_unstable();
    out
}

/// What the candidate index keeps of one article (no text): word count, whole-text fingerprint,
/// LSH band keys and winnowed fingerprints. A store persists it ([`Signature::to_bytes`]) so that
/// later batches find candidates among stored articles without reading their texts again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signature {
    /// Words of the folded text.
    pub words: u32,
    /// Fingerprint of the whole folded word sequence (equal for duplicates).
    pub fingerprint: u64,
    /// One LSH key per band.
    pub bands: Vec<u32>,
    /// Distinct winnowed shingle fingerprints.
    pub winnowed: Vec<u32>,
}

/// Format version of [`Signature::to_bytes`]; bump it when the layout or the way keys are
/// computed changes, so that stored signatures are recomputed.
const SIGNATURE_VERSION: u8 = 1;

impl Signature {
    /// The signatures of many texts, in parallel, in order.
    pub fn of_all<S: AsRef<str> + Sync>(texts: &[S], cfg: &ReuseConfig) -> Vec<Signature> {
        let index = Index::new(cfg, false);
        texts
            .par_iter()
            .map_init(Scratch::default, |s, t| {
                let p = index.profile(t.as_ref(), s);
                Signature {
                    words: p.words,
                    fingerprint: p.fingerprint,
                    bands: p.bands,
                    winnowed: p.winnowed,
                }
            })
            .collect()
    }

    /// The settings a signature depends on, written in its header so that a signature made under
    /// other settings is never mixed with current ones.
    fn header(cfg: &ReuseConfig) -> [u8; 6] {
        let b = (cfg.bands as u16).to_le_bytes();
        [
            SIGNATURE_VERSION,
            cfg.shingle_words as u8,
            b[0],
            b[1],
            cfg.rows as u8,
            cfg.winnow_window as u8,
        ]
    }

    /// Compact little-endian bytes: a 6-byte header (format version and settings), the word
    /// count (u32), the fingerprint (u64), then the band keys and the winnowed fingerprints, each
    /// as a u32 count followed by u32 values.
    pub fn to_bytes(&self, cfg: &ReuseConfig) -> Vec<u8> {
        let mut out = Vec::with_capacity(26 + 4 * (self.bands.len() + self.winnowed.len()));
        out.extend_from_slice(&Self::header(cfg));
        out.extend_from_slice(&self.words.to_le_bytes());
        out.extend_from_slice(&self.fingerprint.to_le_bytes());
        for list in [&self.bands, &self.winnowed] {
            out.extend_from_slice(&(list.len() as u32).to_le_bytes());
            for v in list {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    /// Reads [`Signature::to_bytes`]; `None` when the bytes are truncated or were written by
    /// another format version or under other settings (the caller recomputes it then).
    pub fn from_bytes(bytes: &[u8], cfg: &ReuseConfig) -> Option<Signature> {
        let rest = bytes.strip_prefix(&Self::header(cfg)[..])?;
        let u32_at = |b: &[u8], at: usize| -> Option<u32> {
            Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
        };
        let words = u32_at(rest, 0)?;
        let fingerprint = u64::from_le_bytes(rest.get(4..12)?.try_into().ok()?);
        let mut at = 12;
        let mut lists = [Vec::new(), Vec::new()];
        for list in &mut lists {
            let n = u32_at(rest, at)? as usize;
            at += 4;
            let body = rest.get(at..at + 4 * n)?;
            list.extend(
                body.chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            );
            at += 4 * n;
        }
        (at == rest.len()).then(|| {
            let [bands, winnowed] = lists;
            Signature {
                words,
                fingerprint,
                bands,
                winnowed,
            }
        })
    }
}

/// Candidates of the articles marked in `marked`: every scored pair (near-duplicate bands,
/// shared winnowed fingerprints, duplicates) with at least one marked article. Postings are
/// kept only for the keys of marked articles, but for those keys every holder counts, so the
/// bucket limits and the scores of these pairs are the ones a batch over `sigs` computes.
fn candidates_touching(
    sigs: &[Signature],
    marked: &[bool],
    duplicates: &[PairKey],
    cfg: &ReuseConfig,
) -> Vec<Scored> {
    let touches = |k: &PairKey| {
        let (a, b) = lsh::unpack(*k);
        marked[a] || marked[b]
    };
    let keys = |f: fn(&Signature) -> &Vec<u32>| -> std::collections::HashSet<u32> {
        sigs.iter()
            .zip(marked)
            .filter(|(_, &m)| m)
            .flat_map(|(s, _)| f(s).iter().copied())
            .collect()
    };
    let postings = |f: fn(&Signature) -> &Vec<u32>| -> Vec<(u32, u32)> {
        let wanted = keys(f);
        sigs.par_iter()
            .enumerate()
            .flat_map_iter(|(i, s)| {
                f(s).iter()
                    .filter(|k| wanted.contains(k))
                    .map(move |&k| (k, i as u32))
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let mut bands = postings(|s| &s.bands);
    let near: Vec<Scored> = lsh::shared_key_pairs(&mut bands, cfg.max_bucket)
        .into_iter()
        .filter(|p| touches(&p.0))
        .collect();
    drop(bands);
    let mut winnowed = postings(|s| &s.winnowed);
    let passages: Vec<Scored> = lsh::at_least(
        lsh::shared_key_pairs(&mut winnowed, cfg.max_postings),
        cfg.min_shared_fingerprints.max(1) as u32,
    )
    .into_iter()
    .filter(|p| touches(&p.0))
    .collect();
    drop(winnowed);
    let dup_scored: Vec<Scored> = duplicates
        .iter()
        .filter(|k| touches(k))
        .map(|&k| (k, 1 << 20))
        .collect();
    lsh::union(&lsh::union(&near, &passages), &dup_scored)
}

/// The candidate pairs of an incremental add: `sigs` are the signatures of every article (in
/// the batch order, e.g. by id), `is_new` marks the articles added (or replaced) by this batch.
/// Returns the pairs to align that involve at least one new article (sorted) and the duplicate
/// pairs (sorted), as [`align_pairs`] takes them.
///
/// Equal to what a batch over all articles selects for these pairs: a new article's candidates
/// are scored with every holder of its keys, and so are those of its partners (the old articles
/// it is paired with), so that the per-article cap ([`ReuseConfig::max_pairs_per_article`])
/// decides from both ends' complete lists. Cost: one pass over the signatures' keys (no text),
/// plus work proportional to the new articles and their partners.
pub fn incremental_candidates(
    sigs: &[Signature],
    is_new: &[bool],
    cfg: &ReuseConfig,
) -> (Vec<PairKey>, Vec<PairKey>) {
    let min_words = cfg.align.min_passage_words.max(1);
    let duplicates = duplicate_chain(
        sigs.iter().map(|s| (s.fingerprint, s.words)),
        min_words,
        cfg.max_pairs_per_article,
    );
    // Round 1: the new articles' partners; round 2: complete lists for them and the new ones.
    let first = candidates_touching(sigs, is_new, &duplicates, cfg);
    let mut marked = is_new.to_vec();
    for &(k, _) in &first {
        let (a, b) = lsh::unpack(k);
        marked[a] = true;
        marked[b] = true;
    }
    drop(first);
    let all = candidates_touching(sigs, &marked, &duplicates, cfg);
    let todo = lsh::cap_per_article(all, cfg.max_pairs_per_article.max(1))
        .into_iter()
        .map(|p| p.0)
        .filter(|&k| {
            let (a, b) = lsh::unpack(k);
            is_new[a] || is_new[b]
        })
        .collect();
    (todo, duplicates)
}

/// Aligns candidate pairs (sorted [`lsh::PairKey`]s, e.g. from [`incremental_candidates`]) and
/// returns the pairs that share text, sorted by (a, b). Texts are read through `texts` only for
/// the articles of these pairs; `duplicates` (sorted) are the pairs with the same word sequence.
pub fn align_pairs<T: Texts + ?Sized>(
    texts: &T,
    todo: &[PairKey],
    duplicates: &[PairKey],
    cfg: &ReuseConfig,
) -> Vec<ReusePair> {
    align_candidates(texts, todo, duplicates, cfg)
}

/// Finds the pairs of articles of a batch that share text, with the default settings.
/// `articles` must be sorted by id (as the pipeline gives them); pairs come sorted by (a, b).
pub fn find_reuse<A: AsRef<CleanArticle> + Sync>(articles: &[A]) -> Vec<ReusePair> {
    find_reuse_in(articles, &ReuseConfig::default())
}

/// Finds the pairs of articles that share text, with the given settings.
pub fn find_reuse_with<A: AsRef<CleanArticle> + Sync>(
    articles: &[A],
    cfg: &ReuseConfig,
) -> Vec<ReusePair> {
    find_reuse_in(articles, cfg)
}

/// Finds the pairs of articles that share text, reading texts through [`Texts`]: the index holds
/// no text (see [`Index`] for its bytes per article) and alignment reads one block of
/// [`ReuseConfig::block_articles`] articles at a time. Pairs come sorted by (a, b).
pub fn find_reuse_in<T: Texts + ?Sized>(texts: &T, cfg: &ReuseConfig) -> Vec<ReusePair> {
    let min_words = cfg.align.min_passage_words.max(1);
    let mut index = Index::new(cfg, false);
    index.add_with(texts.count(), |i| texts.text(i));
    let duplicates = index.duplicate_pairs(min_words);
    let near = index.near_candidates();
    let passages = index.passage_candidates();
    drop(index);
    // Duplicates score above any shared-key count, so that the cap keeps them first.
    let dup_scored: Vec<Scored> = duplicates.iter().map(|&k| (k, 1 << 20)).collect();
    let todo = lsh::cap_per_article(
        lsh::union(&lsh::union(&near, &passages), &dup_scored),
        cfg.max_pairs_per_article.max(1),
    );
    drop((near, passages, dup_scored));
    let todo: Vec<PairKey> = todo.into_iter().map(|p| p.0).collect();
    align_candidates(texts, &todo, &duplicates, cfg)
}

/// Aligns every candidate pair, one article against all its candidates at a time, by blocks of
/// articles whose texts are read and tokenised once per block (bounded memory).
fn align_candidates<T: Texts + ?Sized>(
    texts: &T,
    todo: &[PairKey],
    duplicates: &[PairKey],
    cfg: &ReuseConfig,
) -> Vec<ReusePair> {
    let groups: Vec<&[PairKey]> = todo.chunk_by(|x, y| x >> 32 == y >> 32).collect();
    let mut pairs: Vec<ReusePair> = Vec::new();
    // Block number + 1 that last took each article, to count distinct articles per block.
    let mut stamp: Vec<u32> = vec![0; texts.count()];
    let mut next = 0;
    let mut block_no = 0u32;
    while next < groups.len() {
        block_no += 1;
        let mut involved: Vec<u32> = Vec::new();
        let first = next;
        while next < groups.len() && (next == first || involved.len() < cfg.block_articles) {
            for x in groups[next]
                .iter()
                .flat_map(|&k| [(k >> 32) as u32, k as u32])
            {
                if stamp[x as usize] != block_no {
                    stamp[x as usize] = block_no;
                    involved.push(x);
                }
            }
            next += 1;
        }
        involved.sort_unstable();
        let block: Vec<(Cow<'_, str>, Vec<Word>)> = involved
            .par_iter()
            .map(|&x| {
                let t = texts.text(x as usize);
                let w = shingle::words(&t);
                (t, w)
            })
            .collect();
        let of = |x: usize| &block[involved.binary_search(&(x as u32)).unwrap_or(0)];
        pairs.par_extend(groups[first..next].par_iter().flat_map_iter(|group| {
            let (a, _) = lsh::unpack(group[0]);
            let (ta, wa) = of(a);
            let index = NgramIndex::new(wa, cfg.align.seed_words);
            group
                .iter()
                .filter_map(|&k| {
                    let (_, b) = lsh::unpack(k);
                    let (tb, wb) = of(b);
                    let source = earlier(texts, a, b);
                    if duplicates.binary_search(&k).is_ok() {
                        return Some(duplicate_pair(a, b, (ta, wa), (tb, wb), source));
                    }
                    let spans = align::align(wa, &index, wb, &cfg.align);
                    aligned_pair(a, b, wa, (tb, wb), &spans, source, cfg)
                })
                .collect::<Vec<_>>()
        }));
    }
    pairs.sort_by_key(|p| (p.a, p.b));
    pairs
}

/// The pair record of an aligned candidate, `None` when no passage was found.
fn aligned_pair(
    a: usize,
    b: usize,
    wa: &[Word],
    (tb, wb): (&str, &[Word]),
    spans: &[Span],
    source: Option<usize>,
    cfg: &ReuseConfig,
) -> Option<ReusePair> {
    if wa.is_empty() || wb.is_empty() || !spans.iter().any(|s| s.unquoted >= cfg.min_unquoted_words)
    {
        return None;
    }
    let cov_a: usize = spans.iter().map(|s| s.a1 - s.a0).sum();
    let cov_b: usize = spans.iter().map(|s| s.b1 - s.b0).sum();
    let (fa, fb) = (
        cov_a as f64 / wa.len() as f64,
        cov_b as f64 / wb.len() as f64,
    );
    let kind = if fa >= cfg.near_duplicate_coverage && fb >= cfg.near_duplicate_coverage {
        ReuseKind::NearDuplicate
    } else {
        ReuseKind::Partial
    };
    let passages = spans
        .iter()
        .map(|s| {
            let (b_start, b_end) = (wb[s.b0].start as usize, wb[s.b1 - 1].end as usize);
            SharedPassage {
                text: tb[b_start..b_end].to_string(),
                a_start: wa[s.a0].start as usize,
                a_end: wa[s.a1 - 1].end as usize,
                b_start,
                b_end,
            }
        })
        .collect();
    Some(ReusePair {
        a,
        b,
        kind,
        source,
        similarity: (cov_a + cov_b) as f64 / (wa.len() + wb.len()) as f64,
        passages,
    })
}

/// The pair record of two articles with the same folded word sequence: one passage, the whole
/// text from first to last word.
fn duplicate_pair(
    a: usize,
    b: usize,
    (_, wa): (&str, &[Word]),
    (tb, wb): (&str, &[Word]),
    source: Option<usize>,
) -> ReusePair {
    let span = |w: &[Word]| {
        (
            w.first().map_or(0, |x| x.start as usize),
            w.last().map_or(0, |x| x.end as usize),
        )
    };
    let (a_start, a_end) = span(wa);
    let (b_start, b_end) = span(wb);
    ReusePair {
        a,
        b,
        kind: ReuseKind::Duplicate,
        source,
        similarity: 1.0,
        passages: vec![SharedPassage {
            text: tb[b_start..b_end].to_string(),
            a_start,
            a_end,
            b_start,
            b_end,
        }],
    }
}

/// The earlier of two articles when both publication dates are known and differ.
fn earlier<T: Texts + ?Sized>(texts: &T, a: usize, b: usize) -> Option<usize> {
    let (da, db) = (texts.published(a)?, texts.published(b)?);
    match da.cmp(&db) {
        std::cmp::Ordering::Less => Some(a),
        std::cmp::Ordering::Greater => Some(b),
        std::cmp::Ordering::Equal => None,
    }
}

/// A reprint family: articles that all carry one text, the connected components of the
/// duplicate and near-duplicate pairs (partial reuse does not join families).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    /// Member articles (indexes), ascending.
    pub articles: Vec<usize>,
    /// The earliest member, when every member is dated and one date is strictly first.
    pub source: Option<usize>,
}

/// The reprint families of a batch (families of two or more articles), ordered by their first
/// member; `family_of` gives, for each pair of `pairs`, the index of the family holding both its
/// articles, if any.
pub fn families<T: Texts + ?Sized>(
    texts: &T,
    pairs: &[ReusePair],
) -> (Vec<Family>, Vec<Option<usize>>) {
    let n = texts.count();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    let joins = |p: &ReusePair| p.kind != ReuseKind::Partial;
    for p in pairs.iter().filter(|p| joins(p)) {
        let (ra, rb) = (find(&mut parent, p.a as u32), find(&mut parent, p.b as u32));
        if ra != rb {
            // The smaller index becomes the root, so roots are first members.
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            parent[hi as usize] = lo;
        }
    }
    let mut members: Vec<(u32, u32)> = pairs
        .iter()
        .filter(|p| joins(p))
        .flat_map(|p| [p.a as u32, p.b as u32])
        .map(|x| (find(&mut parent, x), x))
        .collect();
    members.sort_unstable();
    members.dedup();
    let mut fams = Vec::new();
    let mut root_family: Vec<(u32, usize)> = Vec::new();
    for group in members.chunk_by(|x, y| x.0 == y.0) {
        let articles: Vec<usize> = group.iter().map(|m| m.1 as usize).collect();
        let dates: Option<Vec<jiff::civil::Date>> =
            articles.iter().map(|&i| texts.published(i)).collect();
        let source = dates.and_then(|d| {
            let first = (0..d.len()).min_by_key(|&x| d[x])?;
            let ties = d.iter().filter(|&&x| x == d[first]).count();
            (ties == 1).then_some(articles[first])
        });
        root_family.push((group[0].0, fams.len()));
        fams.push(Family { articles, source });
    }
    let of_pair = pairs
        .iter()
        .map(|p| {
            let (ra, rb) = (find(&mut parent, p.a as u32), find(&mut parent, p.b as u32));
            if ra != rb {
                return None;
            }
            root_family
                .binary_search_by_key(&ra, |r| r.0)
                .ok()
                .map(|i| root_family[i].1)
        })
        .collect();
    (fams, of_pair)
}
