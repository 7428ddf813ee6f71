//! Reuse: duplicates, near-duplicates and shared passages between articles (republication).
//!
//! How it works, in three passes that never loop over all pairs of articles:
//!
//! 1. **Profiles** (parallel, one per article): the clean text becomes folded word tokens
//!    ([`shingle::words`]); from them an exact fingerprint of the whole token sequence, MinHash
//!    band keys over 5-word shingles ([`minhash`]) and winnowed shingle fingerprints
//!    ([`shingle::winnow`]). The text itself is not kept.
//! 2. **Candidates** ([`lsh`]): articles with the same exact fingerprint are duplicates; articles
//!    that fall in the same bucket of at least one LSH band are near-duplicate candidates; articles
//!    sharing at least two winnowed fingerprints are partial-reuse candidates (a few shared
//!    paragraphs of a long article have a low Jaccard that LSH would miss).
//! 3. **Alignment** (parallel, one article against its candidates): [`align`] finds the shared
//!    passages with word offsets in both texts, mapped back to byte offsets.
//!
//! **Memory.** The index holds, per article, 32 band keys (8 B each, 256 B), the exact
//! fingerprint (8 B) and its distinct winnowed fingerprints as (u32 key, u32 article) postings:
//! with window 4 about 0.4 per word, so ≈ 3.2 B per word (≈ 1.6 KB for a 500-word article), and
//! about 2 KB for a typical article in all. Texts are re-tokenised at alignment time, one
//! candidate group at a time.
//!
//! **LSH choice.** 128 min-hashes in 32 bands of 4 rows: the S-curve `1 - (1 - J^4)^32` has its
//! threshold near `(1/32)^(1/4) ≈ 0.42`; pairs at Jaccard 0.6 collide with probability 0.98 and at
//! 0.3 with 0.23. Near-duplicates (≥ 80 % of each text aligned) have shingle Jaccard well above
//! 0.5, so they are found almost surely; lower pairs are left to the fingerprint path.
//!
//! **Winnowing choice.** 5-word shingles, window 4: any passage of `2·4 + 5 − 1 = 12` shared
//! words yields at least two shared fingerprints, so a pair sharing one 12-word passage is
//! always a candidate when `min_shared_fingerprints` is 2.
//!
//! **Similarity** is the aligned coverage `(covered words of a + covered words of b) / (words of
//! a + words of b)`, 1 for duplicates. **Kind**: `duplicate` when the folded word sequences are
//! identical, `near_duplicate` when passages cover at least 80 % of the words of both texts,
//! `partial` otherwise.

pub mod align;
pub mod lsh;
pub mod minhash;
pub mod shingle;

use rayon::prelude::*;

use crate::model::{CleanArticle, ReuseKind, ReusePair, SharedPassage};

use align::{AlignConfig, NgramIndex, Span};
use shingle::Word;

/// Settings of reuse detection; [`ReuseConfig::default`] holds the documented choices.
#[derive(Debug, Clone, PartialEq)]
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
    /// A pair is reported only when one of its passages has at least this many shared words
    /// outside quotation marks: two outlets quoting the same statement is not republication.
    pub min_unquoted_words: usize,
    /// Share of each text that aligned passages must cover for a near-duplicate.
    pub near_duplicate_coverage: f64,
    /// Most articles tokenised at once during alignment (bounds the memory of that pass to
    /// about 24 B per word of this many articles).
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
            min_unquoted_words: 12,
            near_duplicate_coverage: 0.8,
            block_articles: 16_384,
            align: AlignConfig::default(),
        }
    }
}

/// The compact per-article state of the index (no text).
struct Profile {
    words: u32,
    fingerprint: u64,
    bands: Vec<u64>,
    winnowed: Vec<u32>,
}

fn profile(article: &CleanArticle, cfg: &ReuseConfig) -> Profile {
    let words = shingle::words(&article.text);
    let sh = shingle::shingles(&words, cfg.shingle_words);
    let sig = minhash::signature(&sh, cfg.bands * cfg.rows);
    Profile {
        words: words.len() as u32,
        fingerprint: shingle::text_fingerprint(&words),
        bands: minhash::band_keys(&sig, cfg.bands, cfg.rows),
        winnowed: shingle::winnow(&sh, cfg.winnow_window),
    }
}

/// Finds the pairs of articles of a batch that share text, with the default settings.
/// `articles` must be sorted by id (as the pipeline gives them); pairs come sorted by (a, b).
pub fn find_reuse<A: AsRef<CleanArticle> + Sync>(articles: &[A]) -> Vec<ReusePair> {
    find_reuse_with(articles, &ReuseConfig::default())
}

/// Finds the pairs of articles that share text, with the given settings.
pub fn find_reuse_with<A: AsRef<CleanArticle> + Sync>(
    articles: &[A],
    cfg: &ReuseConfig,
) -> Vec<ReusePair> {
    let min_words = cfg.align.min_passage_words.max(1);
    let profiles: Vec<Profile> = articles
        .par_iter()
        .map(|a| profile(a.as_ref(), cfg))
        .collect();

    // Exact duplicates: equal fingerprints of texts long enough to hold a passage.
    let mut by_print: Vec<(u64, u32)> = profiles
        .iter()
        .enumerate()
        .filter(|(_, p)| p.words as usize >= min_words)
        .map(|(i, p)| (p.fingerprint, i as u32))
        .collect();
    by_print.par_sort_unstable();
    let mut duplicates = Vec::new();
    for group in by_print.chunk_by(|x, y| x.0 == y.0) {
        for (x, &(_, a)) in group.iter().enumerate() {
            for &(_, b) in &group[x + 1..] {
                duplicates.push(lsh::pack(a, b));
            }
        }
    }
    duplicates.sort_unstable();

    // Candidates from LSH buckets and shared winnowed fingerprints.
    let mut band_postings: Vec<(u64, u32)> = profiles
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.bands.iter().map(move |&k| (k, i as u32)))
        .collect();
    let near = lsh::bucket_pairs(&mut band_postings, cfg.max_bucket);
    drop(band_postings);
    let mut fp_postings: Vec<(u32, u32)> = profiles
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.winnowed.iter().map(move |&k| (k, i as u32)))
        .collect();
    let passages = lsh::fingerprint_pairs(
        &mut fp_postings,
        cfg.max_postings,
        cfg.min_shared_fingerprints,
    );
    drop(fp_postings);
    drop(profiles);
    // Duplicates stay in the list (they need no alignment, only their word spans).
    let todo = lsh::union(&lsh::union(&near, &passages), &duplicates);
    drop((near, passages));

    // Alignment, one article against all its candidates at a time, by blocks of articles whose
    // words are tokenised once per block (bounded memory, no re-tokenising per pair).
    let groups: Vec<&[lsh::PairKey]> = todo.chunk_by(|x, y| x >> 32 == y >> 32).collect();
    let mut pairs: Vec<ReusePair> = Vec::new();
    let mut next = 0;
    while next < groups.len() {
        let mut involved: Vec<u32> = Vec::new();
        let first = next;
        while next < groups.len() && (next == first || involved.len() < cfg.block_articles) {
            involved.extend(
                groups[next]
                    .iter()
                    .flat_map(|&k| [(k >> 32) as u32, k as u32]),
            );
            next += 1;
        }
        involved.sort_unstable();
        involved.dedup();
        let words: Vec<Vec<Word>> = involved
            .par_iter()
            .map(|&x| shingle::words(&articles[x as usize].as_ref().text))
            .collect();
        let words_of = |x: usize| &words[involved.binary_search(&(x as u32)).unwrap_or(0)];
        pairs.par_extend(groups[first..next].par_iter().flat_map_iter(|group| {
            let (a, _) = lsh::unpack(group[0]);
            let wa = words_of(a);
            let index = NgramIndex::new(wa, cfg.align.seed_words);
            group
                .iter()
                .filter_map(|&k| {
                    let (_, b) = lsh::unpack(k);
                    let wb = words_of(b);
                    if duplicates.binary_search(&k).is_ok() {
                        return Some(duplicate_pair(articles, a, b, wa, wb));
                    }
                    let spans = align::align(wa, &index, wb, &cfg.align);
                    aligned_pair(articles, a, b, wa, wb, &spans, cfg)
                })
                .collect::<Vec<_>>()
        }));
    }
    pairs.sort_by_key(|p| (p.a, p.b));
    pairs
}

/// The pair record of an aligned candidate, `None` when no passage was found.
fn aligned_pair<A: AsRef<CleanArticle>>(
    articles: &[A],
    a: usize,
    b: usize,
    wa: &[Word],
    wb: &[Word],
    spans: &[Span],
    cfg: &ReuseConfig,
) -> Option<ReusePair> {
    if !spans.iter().any(|s| s.unquoted >= cfg.min_unquoted_words) {
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
    let tb = &articles[b].as_ref().text;
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
        source: earlier(articles, a, b),
        similarity: (cov_a + cov_b) as f64 / (wa.len() + wb.len()) as f64,
        passages,
    })
}

/// The pair record of two articles with the same folded word sequence: one passage, the whole
/// text from first to last word.
fn duplicate_pair<A: AsRef<CleanArticle>>(
    articles: &[A],
    a: usize,
    b: usize,
    wa: &[Word],
    wb: &[Word],
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
        source: earlier(articles, a, b),
        similarity: 1.0,
        passages: vec![SharedPassage {
            text: articles[b].as_ref().text[b_start..b_end].to_string(),
            a_start,
            a_end,
            b_start,
            b_end,
        }],
    }
}

/// The earlier of two articles when both publication dates are known and differ. ISO 8601
/// strings are compared on their common prefix, so a date and a date-time of the same day tie.
fn earlier<A: AsRef<CleanArticle>>(articles: &[A], a: usize, b: usize) -> Option<usize> {
    let (da, db) = (
        articles[a].as_ref().published.as_deref()?.trim(),
        articles[b].as_ref().published.as_deref()?.trim(),
    );
    let n = da.len().min(db.len());
    match da.as_bytes()[..n].cmp(&db.as_bytes()[..n]) {
        std::cmp::Ordering::Less => Some(a),
        std::cmp::Ordering::Greater => Some(b),
        std::cmp::Ordering::Equal => None,
    }
}
