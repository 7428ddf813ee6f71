//! MinHash signatures over word shingles, reduced to LSH band keys.
//!
//! Each shingle is hashed once (xxh3); the `k` min-hash functions are cheap permutations of that
//! 64-bit hash, `h_i(x) = xorshift((x ^ s_i) * m_i)` with fixed seeds `s_i` and odd multipliers
//! `m_i` (both bijections of u64, so each is a permutation), not `k` separate hash calls.

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// SplitMix64 step, used to derive the fixed permutation seeds.
const fn splitmix(state: u64) -> (u64, u64) {
    let s = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = s;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (s, z ^ (z >> 31))
}

/// The most min-hash functions a signature may use.
pub const MAX_HASHES: usize = 256;

/// Fixed (xor seed, odd multiplier) of each permutation.
const PERMS: [(u64, u64); MAX_HASHES] = {
    let mut out = [(0u64, 0u64); MAX_HASHES];
    let mut state = 0x6d69_6e68_6173_6821u64;
    let mut i = 0;
    while i < MAX_HASHES {
        let (s1, x) = splitmix(state);
        let (s2, m) = splitmix(s1);
        state = s2;
        out[i] = (x, m | 1);
        i += 1;
    }
    out
};

/// The MinHash signature of a set of shingle hashes with `k` (≤ [`MAX_HASHES`]) functions.
/// Empty when there is no shingle.
pub fn signature(shingles: &[u64], k: usize) -> Vec<u64> {
    let k = k.min(MAX_HASHES);
    if shingles.is_empty() {
        return Vec::new();
    }
    let mut sig = vec![u64::MAX; k];
    for &x in shingles {
        for (slot, &(s, m)) in sig.iter_mut().zip(PERMS.iter()) {
            let mut h = (x ^ s).wrapping_mul(m);
            h ^= h >> 32;
            if h < *slot {
                *slot = h;
            }
        }
    }
    sig
}

/// LSH band keys: the signature cut into `bands` bands of `rows` values, each band hashed with
/// its band number as seed (so equal rows in different bands never collide).
pub fn band_keys(sig: &[u64], bands: usize, rows: usize) -> Vec<u64> {
    if sig.len() < bands * rows {
        return Vec::new();
    }
    let mut buf = Vec::with_capacity(rows * 8);
    (0..bands)
        .map(|b| {
            buf.clear();
            for v in &sig[b * rows..(b + 1) * rows] {
                buf.extend_from_slice(&v.to_le_bytes());
            }
            xxh3_64_with_seed(&buf, b as u64)
        })
        .collect()
}

/// The Jaccard similarity estimated from two signatures (share of equal slots).
pub fn estimate_jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_estimates_jaccard() {
        let a: Vec<u64> = (0..400u64)
            .map(|i| xxh3_64_with_seed(&i.to_le_bytes(), 1))
            .collect();
        // b shares 300 of a's 400 shingles and has 100 of its own: Jaccard 300/500 = 0.6.
        let mut b: Vec<u64> = a[..300].to_vec();
        b.extend((1000..1100u64).map(|i| xxh3_64_with_seed(&i.to_le_bytes(), 1)));
        let est = estimate_jaccard(&signature(&a, 128), &signature(&b, 128));
        assert!((est - 0.6).abs() < 0.15, "{est}");
        let c: Vec<u64> = (5000..5400u64)
            .map(|i| xxh3_64_with_seed(&i.to_le_bytes(), 1))
            .collect();
        assert!(estimate_jaccard(&signature(&a, 128), &signature(&c, 128)) < 0.1);
    }
}
