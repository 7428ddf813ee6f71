//! Topic clustering over a nearest-neighbour graph: each article keeps its `k` most similar
//! articles (found through an inverted index, never by comparing all pairs), and clusters are
//! formed by average linkage over that sparse graph (pairs that are not neighbours count as 0).
//!
//! Average linkage scores two clusters by the mean similarity of their member pairs, so a topic
//! with many moderately similar articles holds together while a single strong pair cannot chain
//! two topics (single link would).

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// A candidate merge in the heap: best score first, then the lowest cluster pair.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Merge {
    score: f32,
    a: u32,
    b: u32,
    va: u32,
    vb: u32,
}

impl Eq for Merge {}

impl Ord for Merge {
    fn cmp(&self, o: &Self) -> Ordering {
        self.score
            .total_cmp(&o.score)
            .then(o.a.cmp(&self.a))
            .then(o.b.cmp(&self.b))
            .then(self.va.cmp(&o.va))
            .then(self.vb.cmp(&o.vb))
    }
}

impl PartialOrd for Merge {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// The members of each cluster of a labelling (`labels[i]` = cluster of item `i`), clusters in
/// order of their first member, members in increasing order.
pub fn groups_of(labels: &[u32]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut slot: HashMap<u32, usize> = HashMap::new();
    for (i, &l) in labels.iter().enumerate() {
        let g = *slot.entry(l).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(i);
    }
    groups
}

/// Average-link clustering of `n` items given the similarity of some pairs (`edges`, `a < b`,
/// each pair once); missing pairs count as 0. Clusters are merged best pair first while their
/// average similarity reaches `threshold`. Returns, for each item, the smallest item of its
/// cluster. Cost: about `edges × log(edges)` plus the merging of neighbour maps.
pub fn sparse_average_link(n: usize, edges: &[(u32, u32, f32)], threshold: f32) -> Vec<u32> {
    sparse_average_link_sized(&vec![1.0; n], edges, threshold)
}

/// [`sparse_average_link`] starting from groups already formed: item `i` stands for `sizes[i]`
/// members and an edge carries the summed similarity of all the member pairs across its two
/// groups, so that the averages are those of the members (missing pairs still count as 0).
pub fn sparse_average_link_sized(
    sizes: &[f32],
    edges: &[(u32, u32, f32)],
    threshold: f32,
) -> Vec<u32> {
    let n = sizes.len();
    let mut links: Vec<HashMap<u32, f32>> = vec![HashMap::new(); n];
    for &(a, b, s) in edges {
        *links[a as usize].entry(b).or_insert(0.0) += s;
        *links[b as usize].entry(a).or_insert(0.0) += s;
    }
    let mut size = sizes.to_vec();
    let mut version = vec![0u32; n];
    let mut alive = vec![true; n];
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut heap = BinaryHeap::new();
    let push = |heap: &mut BinaryHeap<Merge>, a: u32, b: u32, sum: f32, size: &[f32], v: &[u32]| {
        let (a, b) = (a.min(b), a.max(b));
        let score = sum / (size[a as usize] * size[b as usize]);
        if score >= threshold {
            heap.push(Merge {
                score,
                a,
                b,
                va: v[a as usize],
                vb: v[b as usize],
            });
        }
    };
    for &(a, b, _) in edges {
        let s = links[a as usize][&b];
        push(&mut heap, a, b, s, &size, &version);
    }
    while let Some(m) = heap.pop() {
        let (a, b) = (m.a as usize, m.b as usize);
        if !alive[a] || !alive[b] || version[a] != m.va || version[b] != m.vb {
            continue;
        }
        // The cluster with more links absorbs the other (cheaper), keeping its slot.
        let (keep, gone) = if links[a].len() >= links[b].len() {
            (a, b)
        } else {
            (b, a)
        };
        alive[gone] = false;
        parent[gone] = keep as u32;
        let moved = std::mem::take(&mut links[gone]);
        links[keep].remove(&(gone as u32));
        for (c, s) in moved {
            if c as usize == keep {
                continue;
            }
            *links[keep].entry(c).or_insert(0.0) += s;
            let lc = &mut links[c as usize];
            lc.remove(&(gone as u32));
            *lc.entry(keep as u32).or_insert(0.0) += s;
        }
        size[keep] += size[gone];
        version[keep] += 1;
        let mut around: Vec<(u32, f32)> = links[keep].iter().map(|(&c, &s)| (c, s)).collect();
        around.sort_unstable_by_key(|x| x.0);
        for (c, s) in around {
            push(&mut heap, keep as u32, c, s, &size, &version);
        }
    }
    // Root of each item, then the smallest item of each root's cluster.
    let root = |mut x: usize| {
        while parent[x] as usize != x {
            x = parent[x] as usize;
        }
        x
    };
    let roots: Vec<usize> = (0..n).map(root).collect();
    let mut smallest = vec![u32::MAX; n];
    for (i, &r) in roots.iter().enumerate() {
        smallest[r] = smallest[r].min(i as u32);
    }
    roots.into_iter().map(|r| smallest[r]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_strong_pair_does_not_chain_two_groups() {
        // Two triangles (0,1,2) and (3,4,5), linked by one strong pair 2–3.
        let mut edges = vec![];
        for (a, b) in [(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5)] {
            edges.push((a, b, 0.5));
        }
        edges.push((2, 3, 0.45));
        let c = sparse_average_link(6, &edges, 0.3);
        assert_eq!(c, vec![0, 0, 0, 3, 3, 3]);
        // A low threshold joins everything.
        assert_eq!(sparse_average_link(6, &edges, 0.01), vec![0; 6]);
    }
}
