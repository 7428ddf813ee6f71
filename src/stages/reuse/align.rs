//! Alignment of two texts: the passages they share, tolerant of small edits.
//!
//! 1. Seeds: exact shared word n-grams, found through a sorted index of one text's n-gram hashes,
//!    each extended to a maximal exact run (one run per diagonal stretch).
//! 2. Chains: runs sorted by their position in `b` are chained when the next run starts a few
//!    words after the previous one in both texts and the words in between differ by at most a few
//!    edits (substituted, inserted or deleted words, counted through a tiny LCS of the gap).
//! 3. Passages: chains are cut at paragraph breaks of either text (a passage lies within one
//!    paragraph of each text, so runs of short template lines cannot add up to a passage), pieces
//!    with fewer shared words than the minimum are dropped, and overlapping pieces resolved
//!    greedily, largest first.

use super::shingle::{ngram_hash, Word};

/// Settings of the alignment.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlignConfig {
    /// Words of an exact seed match.
    pub seed_words: usize,
    /// Most words between two chained runs, in either text.
    pub max_gap_words: usize,
    /// Most edited (substituted, inserted or deleted) words between two chained runs.
    pub max_edit_words: usize,
    /// Fewest shared words of a kept passage.
    pub min_passage_words: usize,
    /// A seed n-gram found more often than this in `a` is skipped (repetitive text).
    pub max_seed_occurrences: usize,
}

impl Default for AlignConfig {
    fn default() -> Self {
        Self {
            seed_words: 4,
            max_gap_words: 10,
            max_edit_words: 4,
            min_passage_words: 12,
            max_seed_occurrences: 16,
        }
    }
}

/// A shared passage as word ranges (`a0..a1` in `a`, `b0..b1` in `b`, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First word in `a`.
    pub a0: usize,
    /// One past the last word in `a`.
    pub a1: usize,
    /// First word in `b`.
    pub b0: usize,
    /// One past the last word in `b`.
    pub b1: usize,
    /// Words matched one to one inside the span (written words: elided articles and hyphenated
    /// parts count with the word they belong to).
    pub matched: usize,
    /// Matched words that are not inside quotation marks in both texts.
    pub unquoted: usize,
}

/// The n-gram hashes of one text with their positions, sorted, and an open-addressing table
/// from each distinct hash to its positions (one probe or two per lookup instead of a binary
/// search: the lookups are most of the alignment time); built once for a text that is aligned
/// against several others.
pub struct NgramIndex {
    n: usize,
    entries: Vec<(u64, u32)>,
    /// (hash, first entry, one past the last entry); `end == 0` marks an empty slot.
    table: Vec<(u64, u32, u32)>,
    mask: usize,
}

impl NgramIndex {
    /// Indexes every `n`-gram of `words`.
    pub fn new(words: &[Word], n: usize) -> Self {
        let n = n.max(1);
        let mut entries: Vec<(u64, u32)> = if words.len() >= n {
            words
                .windows(n)
                .enumerate()
                .map(|(i, w)| (ngram_hash(w), i as u32))
                .collect()
        } else {
            Vec::new()
        };
        entries.sort_unstable();
        let size = (entries.len() * 2).next_power_of_two().max(2);
        let mask = size - 1;
        let mut table = vec![(0u64, 0u32, 0u32); size];
        let mut start = 0;
        for group in entries.chunk_by(|x, y| x.0 == y.0) {
            let h = group[0].0;
            let mut slot = (h >> 7) as usize & mask;
            while table[slot].2 != 0 {
                slot = (slot + 1) & mask;
            }
            table[slot] = (h, start as u32, (start + group.len()) as u32);
            start += group.len();
        }
        Self {
            n,
            entries,
            table,
            mask,
        }
    }

    fn lookup(&self, h: u64) -> &[(u64, u32)] {
        let mut slot = (h >> 7) as usize & self.mask;
        loop {
            let (k, s, e) = self.table[slot];
            if e == 0 {
                return &[];
            }
            if k == h {
                return &self.entries[s as usize..e as usize];
            }
            slot = (slot + 1) & self.mask;
        }
    }
}

/// An exact run: `len` equal words from `a[i]` and `b[j]`.
#[derive(Debug, Clone, Copy)]
struct Run {
    i: usize,
    j: usize,
    len: usize,
}

fn seed_runs(a: &[Word], index: &NgramIndex, b: &[Word], max_occ: usize) -> Vec<Run> {
    let n = index.n;
    let mut runs = Vec::new();
    if b.len() < n {
        return runs;
    }
    // Runs still covering the current position of `b`: (diagonal i - j, end in `b`).
    let mut active: Vec<(i64, usize)> = Vec::new();
    for j in 0..=b.len() - n {
        active.retain(|&(_, end)| end > j);
        let hits = index.lookup(ngram_hash(&b[j..j + n]));
        if hits.is_empty() || hits.len() > max_occ {
            continue;
        }
        for &(_, i) in hits {
            let i = i as usize;
            let diag = i as i64 - j as i64;
            if active.iter().any(|&(d, _)| d == diag) {
                continue;
            }
            if (0..n).any(|t| a[i + t].hash != b[j + t].hash) {
                continue; // hash collision
            }
            // Left extension (when the seed just before was skipped as too frequent); it stops at
            // the mismatch that ended any earlier run of this diagonal.
            let mut back = 0;
            while i > back && j > back && a[i - back - 1].hash == b[j - back - 1].hash {
                back += 1;
            }
            let mut len = n;
            while i + len < a.len() && j + len < b.len() && a[i + len].hash == b[j + len].hash {
                len += 1;
            }
            active.push((diag, j + len));
            runs.push(Run {
                i: i - back,
                j: j - back,
                len: len + back,
            });
        }
    }
    runs.sort_unstable_by_key(|r| (r.j, r.i, r.len));
    runs
}

/// The one-to-one matched positions of the longest common subsequence of two short word lists.
fn lcs_pairs(a: &[Word], b: &[Word]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut dp = vec![0u16; (n + 1) * (m + 1)];
    for x in (0..n).rev() {
        for y in (0..m).rev() {
            dp[x * (m + 1) + y] = if a[x].hash == b[y].hash {
                dp[(x + 1) * (m + 1) + y + 1] + 1
            } else {
                dp[(x + 1) * (m + 1) + y].max(dp[x * (m + 1) + y + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut x, mut y) = (0, 0);
    while x < n && y < m {
        if a[x].hash == b[y].hash {
            out.push((x, y));
            x += 1;
            y += 1;
        } else if dp[(x + 1) * (m + 1) + y] >= dp[x * (m + 1) + y + 1] {
            x += 1;
        } else {
            y += 1;
        }
    }
    out
}

/// A way to attach a run to a chain: (chain, gap size, trimmed words, aligned words of the gap).
type Link = (usize, usize, usize, Vec<(usize, usize)>);

/// A chain of aligned word positions, in increasing order in both texts.
struct Chain {
    pairs: Vec<(usize, usize)>,
    /// One past the last word in `a`.
    ae: usize,
    /// One past the last word in `b`.
    be: usize,
}

/// Extends a chain at both ends over a few edited words, so that a passage whose first or last
/// exact stretch is shorter than a seed (an edit near its start or end) is found whole.
fn extend_ends(ch: &mut Chain, a: &[Word], b: &[Word], cfg: &AlignConfig) {
    let g = cfg.max_gap_words;
    let (i0, j0) = ch.pairs[0];
    let (lo_a, lo_b) = (i0.saturating_sub(g), j0.saturating_sub(g));
    let mut front = Vec::new();
    let (mut prev, mut edits) = ((i0, j0), 0);
    for (x, y) in lcs_pairs(&a[lo_a..i0], &b[lo_b..j0]).into_iter().rev() {
        let (x, y) = (x + lo_a, y + lo_b);
        edits += (prev.0 - x - 1).max(prev.1 - y - 1);
        if edits > cfg.max_edit_words {
            break;
        }
        front.push((x, y));
        prev = (x, y);
    }
    if !front.is_empty() {
        front.reverse();
        front.append(&mut ch.pairs);
        ch.pairs = front;
    }
    let (ae, be) = (ch.ae, ch.be);
    let (hi_a, hi_b) = ((ae + g).min(a.len()), (be + g).min(b.len()));
    let (mut prev, mut edits) = ((ae, be), 0);
    for (x, y) in lcs_pairs(&a[ae..hi_a], &b[be..hi_b]) {
        let (x, y) = (x + ae, y + be);
        edits += (x - prev.0).max(y - prev.1);
        if edits > cfg.max_edit_words {
            break;
        }
        ch.pairs.push((x, y));
        prev = (x + 1, y + 1);
    }
    if let Some(&(x, y)) = ch.pairs.last() {
        ch.ae = x + 1;
        ch.be = y + 1;
    }
}

/// Aligns `b` against `a` (indexed by `index`, built from `a`) and returns the shared passages,
/// in the order they appear in `b`.
pub fn align(a: &[Word], index: &NgramIndex, b: &[Word], cfg: &AlignConfig) -> Vec<Span> {
    let runs = seed_runs(a, index, b, cfg.max_seed_occurrences);
    let mut chains: Vec<Chain> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for r in runs {
        open.retain(|&c| chains[c].be + cfg.max_gap_words >= r.j);
        // (chain, gap size, trimmed words, aligned words of the gap)
        let mut best: Option<Link> = None;
        for &c in &open {
            let ch = &chains[c];
            // Trim the part of the run that overlaps the chain's end (an inserted repeated word).
            let trim = ch.ae.saturating_sub(r.i).max(ch.be.saturating_sub(r.j));
            if trim >= r.len {
                continue;
            }
            let (i, j) = (r.i + trim, r.j + trim);
            let (ga, gb) = (i - ch.ae, j - ch.be);
            if ga > cfg.max_gap_words || gb > cfg.max_gap_words {
                continue;
            }
            let gap = lcs_pairs(&a[ch.ae..i], &b[ch.be..j]);
            if ga.max(gb) - gap.len() > cfg.max_edit_words {
                continue;
            }
            if best.as_ref().is_none_or(|b| ga + gb < b.1) {
                best = Some((c, ga + gb, trim, gap));
            }
        }
        match best {
            Some((c, _, trim, gap)) => {
                let ch = &mut chains[c];
                let (ae, be) = (ch.ae, ch.be);
                ch.pairs
                    .extend(gap.into_iter().map(|(x, y)| (ae + x, be + y)));
                ch.pairs.extend((trim..r.len).map(|t| (r.i + t, r.j + t)));
                ch.ae = r.i + r.len;
                ch.be = r.j + r.len;
            }
            None => {
                open.push(chains.len());
                chains.push(Chain {
                    pairs: (0..r.len).map(|t| (r.i + t, r.j + t)).collect(),
                    ae: r.i + r.len,
                    be: r.j + r.len,
                });
            }
        }
    }
    for ch in &mut chains {
        extend_ends(ch, a, b, cfg);
    }
    let mut pieces = Vec::new();
    for ch in &chains {
        let mut start = 0;
        for k in 1..=ch.pairs.len() {
            let cut = k == ch.pairs.len() || {
                let (p, q) = (ch.pairs[k - 1], ch.pairs[k]);
                a[p.0].para != a[q.0].para || b[p.1].para != b[q.1].para
            };
            if cut {
                let seg = &ch.pairs[start..k];
                let counted = || seg.iter().filter(|&&(_, j)| !b[j].joined);
                let matched = counted().count();
                if matched >= cfg.min_passage_words.max(1) {
                    pieces.push(Span {
                        a0: seg[0].0,
                        a1: seg[seg.len() - 1].0 + 1,
                        b0: seg[0].1,
                        b1: seg[seg.len() - 1].1 + 1,
                        matched,
                        unquoted: counted()
                            .filter(|&&(i, j)| !(a[i].quoted && b[j].quoted))
                            .count(),
                    });
                }
                start = k;
            }
        }
    }
    pieces.sort_unstable_by_key(|s| (std::cmp::Reverse(s.matched), s.b0, s.a0));
    let mut kept: Vec<Span> = Vec::new();
    for s in pieces {
        if kept
            .iter()
            .all(|k| (s.a1 <= k.a0 || k.a1 <= s.a0) && (s.b1 <= k.b0 || k.b1 <= s.b0))
        {
            kept.push(s);
        }
    }
    kept.sort_unstable_by_key(|s| (s.b0, s.a0));
    kept
}

#[cfg(test)]
mod tests {
    use super::super::shingle::words;
    use super::*;

    fn run(a: &str, b: &str) -> Vec<Span> {
        let (wa, wb) = (words(a), words(b));
        let idx = NgramIndex::new(&wa, 5);
        align(&wa, &idx, &wb, &AlignConfig::default())
    }

    #[test]
    fn exact_paragraph_aligns() {
        let p = "Le gouvernement a annoncé mardi une série de mesures destinées à soutenir les agriculteurs touchés par la sécheresse.";
        let a = format!("Un titre sans rapport.\n{p}");
        let s = run(&a, p);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].matched, p.split_whitespace().count());
    }

    #[test]
    fn lcs_counts_edits() {
        let a = words("un deux trois quatre");
        let b = words("un deux cinq quatre six");
        assert_eq!(lcs_pairs(&a, &b), vec![(0, 0), (1, 1), (3, 3)]);
    }
}
