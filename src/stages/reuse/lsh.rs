//! Candidate pairs from shared keys (LSH band keys, winnowed fingerprints), without any loop over
//! all pairs of articles: the (key, article) postings are sorted, and only articles that share a
//! key are paired. Keys held by too many articles (templates, stock phrases) are skipped, which
//! bounds the work per key, and each article keeps only its best-scored candidates
//! ([`cap_per_article`]), which bounds the pairs in all.

use rayon::prelude::*;

/// A candidate pair packed as `a << 32 | b` with `a < b` (article indexes), so that pairs sort
/// in (a, b) order.
pub type PairKey = u64;

/// A candidate pair with its score (how many keys the two articles share).
pub type Scored = (PairKey, u32);

/// Packs a pair of article indexes (`a < b`).
pub fn pack(a: u32, b: u32) -> PairKey {
    (u64::from(a) << 32) | u64::from(b)
}

/// Unpacks a pair key into (a, b).
pub fn unpack(k: PairKey) -> (usize, usize) {
    ((k >> 32) as usize, (k & 0xffff_ffff) as usize)
}

/// Every pair of articles sharing a key, with the number of keys they share, for keys held by 2
/// to `max_bucket` distinct articles. `postings` is sorted in place; one article's repeated key
/// counts once. Sorted by pair.
pub fn shared_key_pairs(postings: &mut [(u32, u32)], max_bucket: usize) -> Vec<Scored> {
    postings.par_sort_unstable();
    // Keys are cut into chunks at key boundaries so that the pairing runs in parallel.
    let chunk = (postings.len() / (4 * rayon::current_num_threads().max(1))).max(1 << 16);
    let mut bounds = vec![0];
    let mut at = chunk;
    while at < postings.len() {
        let key = postings[at].0;
        while at < postings.len() && postings[at].0 == key {
            at += 1;
        }
        bounds.push(at);
        at += chunk;
    }
    if *bounds.last().unwrap_or(&0) < postings.len() {
        bounds.push(postings.len());
    }
    let postings = &*postings;
    let mut pairs: Vec<PairKey> = bounds
        .par_windows(2)
        .flat_map_iter(|w| {
            let part = &postings[w[0]..w[1]];
            let mut out = Vec::new();
            let mut docs: Vec<u32> = Vec::new();
            for group in part.chunk_by(|x, y| x.0 == y.0) {
                docs.clear();
                docs.extend(group.iter().map(|p| p.1));
                docs.dedup();
                if docs.len() >= 2 && docs.len() <= max_bucket {
                    for (x, &a) in docs.iter().enumerate() {
                        out.extend(docs[x + 1..].iter().map(|&b| pack(a, b)));
                    }
                }
            }
            out
        })
        .collect();
    pairs.par_sort_unstable();
    pairs
        .chunk_by(|x, y| x == y)
        .map(|g| (g[0], g.len() as u32))
        .collect()
}

/// Keeps the pairs scored at least `min_score`.
pub fn at_least(pairs: Vec<Scored>, min_score: u32) -> Vec<Scored> {
    pairs.into_iter().filter(|p| p.1 >= min_score).collect()
}

/// Bounds the candidates: each article keeps its `max_per_article` best-scored pairs (ties in
/// pair order), and a pair stays when either of its articles keeps it, so there are at most
/// `max_per_article × articles` pairs in all, whatever the corpus. Sorted by pair.
pub fn cap_per_article(pairs: Vec<Scored>, max_per_article: usize) -> Vec<Scored> {
    let mut ends: Vec<(u32, u32, u32)> = pairs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, &(k, s))| {
            let (a, b) = unpack(k);
            [
                (a as u32, u32::MAX - s, i as u32),
                (b as u32, u32::MAX - s, i as u32),
            ]
        })
        .collect();
    ends.par_sort_unstable();
    let mut keep = vec![false; pairs.len()];
    for group in ends.chunk_by(|x, y| x.0 == y.0) {
        for e in group.iter().take(max_per_article) {
            keep[e.2 as usize] = true;
        }
    }
    pairs
        .into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect()
}

/// The sorted union of two pair lists sorted by pair, scores added.
pub fn union(a: &[Scored], b: &[Scored]) -> Vec<Scored> {
    let mut out: Vec<Scored> = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let take_a = j >= b.len() || (i < a.len() && a[i].0 <= b[j].0);
        let v = if take_a { a[i] } else { b[j] };
        if take_a {
            i += 1;
        } else {
            j += 1;
        }
        match out.last_mut() {
            Some(last) if last.0 == v.0 => last.1 += v.1,
            _ => out.push(v),
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
        let all = shared_key_pairs(&mut p, 3);
        assert_eq!(all, vec![(pack(0, 1), 2), (pack(0, 2), 1), (pack(1, 2), 1)]);
        assert_eq!(at_least(all.clone(), 2), vec![(pack(0, 1), 2)]);
        assert_eq!(
            union(&[(1, 1), (4, 1), (6, 2)], &[(2, 1), (4, 3), (9, 1)]),
            vec![(1, 1), (2, 1), (4, 4), (6, 2), (9, 1)]
        );
        // Article 0 keeps only its best pair (0, 1); (0, 2) stays because 2 keeps it.
        let capped = cap_per_article(vec![(pack(0, 1), 5), (pack(0, 2), 1), (pack(0, 3), 1)], 1);
        assert_eq!(
            capped,
            vec![(pack(0, 1), 5), (pack(0, 2), 1), (pack(0, 3), 1)]
        );
        let star: Vec<Scored> = (1..10).map(|b| (pack(0, b), 1)).collect();
        let mut many = star.clone();
        many.extend((2..10).map(|b| (pack(1, b), 1)));
        many.sort_unstable();
        // 9 + 8 pairs; each of 2..9 keeps its best (ties: lowest other index, 0), 0 keeps 1.
        let capped = cap_per_article(many, 1);
        assert_eq!(capped, star);
    }
}
