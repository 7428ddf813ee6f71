//! Candidate pairs from shared keys (LSH band keys, winnowed fingerprints), without any loop over
//! all pairs of articles: the (key, article) postings are sorted, and only articles that share a
//! key are paired. Keys held by too many articles (templates, stock phrases) are skipped, which
//! bounds the work per key.

use rayon::prelude::*;

/// A candidate pair packed as `a << 32 | b` with `a < b` (article indexes), so that pairs sort
/// in (a, b) order.
pub type PairKey = u64;

/// Packs a pair of article indexes (`a < b`).
pub fn pack(a: u32, b: u32) -> PairKey {
    (u64::from(a) << 32) | u64::from(b)
}

/// Unpacks a pair key into (a, b).
pub fn unpack(k: PairKey) -> (usize, usize) {
    ((k >> 32) as usize, (k & 0xffff_ffff) as usize)
}

/// Every pair of articles sharing a key, once per shared key, for keys held by 2 to `max_bucket`
/// distinct articles. `postings` is sorted in place; one article's repeated key counts once.
fn shared_key_pairs<K: Ord + Copy + Send>(
    postings: &mut [(K, u32)],
    max_bucket: usize,
) -> Vec<PairKey> {
    postings.par_sort_unstable();
    let mut out = Vec::new();
    let mut docs: Vec<u32> = Vec::new();
    let mut i = 0;
    while i < postings.len() {
        let key = postings[i].0;
        let mut j = i;
        docs.clear();
        while j < postings.len() && postings[j].0 == key {
            if docs.last() != Some(&postings[j].1) {
                docs.push(postings[j].1);
            }
            j += 1;
        }
        if docs.len() >= 2 && docs.len() <= max_bucket {
            for (x, &a) in docs.iter().enumerate() {
                for &b in &docs[x + 1..] {
                    out.push(pack(a, b));
                }
            }
        }
        i = j;
    }
    out
}

/// Pairs of articles that fall in the same LSH bucket in at least one band (sorted, distinct).
/// `postings` holds (band key, article) for every band of every article.
pub fn bucket_pairs(postings: &mut [(u64, u32)], max_bucket: usize) -> Vec<PairKey> {
    let mut pairs = shared_key_pairs(postings, max_bucket);
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// Pairs of articles sharing at least `min_shared` fingerprints (sorted, distinct).
/// `postings` holds (fingerprint, article), each article's fingerprints distinct.
pub fn fingerprint_pairs(
    postings: &mut [(u32, u32)],
    max_postings: usize,
    min_shared: usize,
) -> Vec<PairKey> {
    let mut pairs = shared_key_pairs(postings, max_postings);
    pairs.par_sort_unstable();
    let mut out = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i;
        while j < pairs.len() && pairs[j] == pairs[i] {
            j += 1;
        }
        if j - i >= min_shared.max(1) {
            out.push(pairs[i]);
        }
        i = j;
    }
    out
}

/// The sorted union of two sorted, distinct pair lists.
pub fn union(a: &[PairKey], b: &[PairKey]) -> Vec<PairKey> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let take_a = j >= b.len() || (i < a.len() && a[i] <= b[j]);
        let v = if take_a { a[i] } else { b[j] };
        if take_a {
            i += 1;
        } else {
            j += 1;
        }
        if out.last() != Some(&v) {
            out.push(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_need_enough_shared_keys_and_skip_common_ones() {
        // Key 7 is held by 0, 1 and 2; key 9 by 0 and 1 only; key 5 by everyone (too common).
        let mut p = vec![
            (7u32, 0u32),
            (9, 0),
            (7, 1),
            (9, 1),
            (7, 2),
            (5, 0),
            (5, 1),
            (5, 2),
            (5, 3),
        ];
        assert_eq!(fingerprint_pairs(&mut p, 3, 2), vec![pack(0, 1)]);
        assert_eq!(
            fingerprint_pairs(&mut p, 3, 1),
            vec![pack(0, 1), pack(0, 2), pack(1, 2)]
        );
        assert_eq!(union(&[1, 4, 6], &[2, 4, 9]), vec![1, 2, 4, 6, 9]);
    }
}
