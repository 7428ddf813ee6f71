//! MinHash signatures over word shingles, reduced to LSH band keys.
//!
//! **One-permutation hashing with optimal densification** (Li, Owen & Zhang 2012; Shrivastava
//! 2017): each shingle hash is used once, its high bits choose one of `k` bins and the bin keeps
//! its smallest hash; a bin that no shingle reached copies the value of a donor bin chosen by a
//! fixed hash of (bin, attempt). Two texts then agree on a bin with probability equal to the
//! Jaccard similarity of their shingle sets, as with `k` independent permutations, but the cost is
//! `O(shingles + k)` instead of `O(shingles × k)`: about 1 ns per shingle instead of 128.
//! The former `k`-permutation signature ([`signature_kperm`]) stays for comparison and tests.

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

/// The MinHash signature of a set of shingle hashes, `k` (≤ [`MAX_HASHES`]) values, by
/// one-permutation hashing with optimal densification. Empty when there is no shingle.
pub fn signature(shingles: &[u64], k: usize) -> Vec<u64> {
    let mut sig = Vec::new();
    signature_into(shingles, k, &mut sig);
    sig
}

/// [`signature`] into a reused buffer (cleared first; left empty when there is no shingle).
pub fn signature_into(shingles: &[u64], k: usize, sig: &mut Vec<u64>) {
    sig.clear();
    let k = k.clamp(1, MAX_HASHES);
    if shingles.is_empty() {
        return;
    }
    sig.resize(k, u64::MAX);
    let mut filled = [false; MAX_HASHES];
    for &x in shingles {
        let h = super::shingle::fmix(x ^ 0x6f70_685f_6269_6e73);
        let bin = ((u128::from(h) * k as u128) >> 64) as usize;
        // The value inside a bin: the low bits of the hash (the high bits chose the bin).
        let v = h.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        if v < sig[bin] {
            sig[bin] = v;
        }
        filled[bin] = true;
    }
    for i in 0..k {
        if filled[i] {
            continue;
        }
        let mut attempt = 0u64;
        loop {
            let d = super::shingle::fmix((i as u64) << 32 | attempt);
            let j = ((u128::from(d) * k as u128) >> 64) as usize;
            if filled[j] {
                sig[i] = sig[j];
                break;
            }
            attempt += 1;
        }
    }
}

/// The MinHash signature with `k` (≤ [`MAX_HASHES`]) independent permutations (classic
/// MinHash, `O(shingles × k)`). Empty when there is no shingle.
pub fn signature_kperm(shingles: &[u64], k: usize) -> Vec<u64> {
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
/// its band number as seed (so equal rows in different bands never collide), kept as 32 bits:
/// at a million articles a band sees about 100 chance collisions, which alignment discards.
pub fn band_keys(sig: &[u64], bands: usize, rows: usize) -> Vec<u32> {
    if sig.len() < bands * rows {
        return Vec::new();
    }
    (0..bands)
        .map(|b| {
            let mut h = (b as u64).wrapping_mul(0xa076_1d64_78bd_642f) ^ 0x6261_6e64;
            for &v in &sig[b * rows..(b + 1) * rows] {
                h = (h.rotate_left(27) ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            }
            (super::shingle::fmix(h) >> 32) as u32
        })
        .collect()
}

/// A b-bit sketch of a signature (the high 16 bits of each value, Li & König 2010): enough to
/// estimate the Jaccard similarity of a candidate pair at 2 bytes per value.
pub fn sketch16(sig: &[u64]) -> impl Iterator<Item = u16> + '_ {
    sig.iter().map(|&v| (v >> 48) as u16)
}

/// The Jaccard similarity estimated from two 16-bit sketches, corrected for chance agreement.
pub fn estimate_jaccard16(a: &[u16], b: &[u16]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let eq = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64;
    let c = 1.0 / 65536.0;
    ((eq - c) / (1.0 - c)).max(0.0)
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
    use xxhash_rust::xxh3::xxh3_64_with_seed;

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
        let kp = estimate_jaccard(&signature_kperm(&a, 128), &signature_kperm(&b, 128));
        assert!((kp - 0.6).abs() < 0.15, "{kp}");
        let (sa, sb): (Vec<u16>, Vec<u16>) = (
            sketch16(&signature(&a, 128)).collect(),
            sketch16(&signature(&b, 128)).collect(),
        );
        assert!((estimate_jaccard16(&sa, &sb) - 0.6).abs() < 0.15);
    }
}
