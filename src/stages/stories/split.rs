//! Splitting a storyline into its events: average-link clustering of unit vectors.
//!
//! Small inputs are clustered exactly (every pair compared); large ones over a nearest-neighbour
//! graph (pairs that share heavy features), which keeps the cost about linear.

use rayon::prelude::*;

use super::graph::{groups_of, sparse_average_link_sized};
use super::{dot, Vector};

/// How times weigh in a split.
#[derive(Debug, Clone, Copy)]
pub struct EventTime {
    /// Days apart (on the year's circle) that cost nothing.
    pub window: u16,
    /// Similarity lost by two items whose times are further apart than the window.
    pub penalty: f32,
    /// Similarity gained by two items whose times are within the window.
    pub bonus: f32,
    /// Publication days further apart than this tell different stories of a storyline (a
    /// publication date is the time of writing, not a date the text mentions in passing).
    pub published_apart: u32,
    /// Similarity lost by two items published more than `published_apart` days apart.
    pub published_penalty: f32,
}

impl EventTime {
    /// What the times of two items add to their similarity.
    pub fn adjust(self, a: When, b: When) -> f32 {
        let gap = a.gap(b);
        if a.day.is_some() && b.day.is_some() && gap > self.published_apart {
            -self.published_penalty
        } else if gap > u32::from(self.window) {
            -self.penalty
        } else {
            self.bonus
        }
    }
}

/// When an item happened, as far as it is known: the day of the year (1–365) always, and the
/// absolute day (days since 1970-01-01) when it comes from a publication date, so that two
/// publication dates a year apart are not taken for neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// Day of the year, 1–365.
    pub day_of_year: u16,
    /// Days since 1970-01-01, when known.
    pub day: Option<i64>,
}

impl When {
    /// A time known only as a day of the year (a day and month read in the text).
    pub fn of_year(day_of_year: u16) -> Self {
        When {
            day_of_year,
            day: None,
        }
    }

    /// Days between two times: exact when both are absolute, otherwise on the year's circle.
    pub fn gap(self, other: When) -> u32 {
        if let (Some(a), Some(b)) = (self.day, other.day) {
            return a.abs_diff(b).min(u32::MAX as u64) as u32;
        }
        let d = self.day_of_year.abs_diff(other.day_of_year);
        u32::from(d.min(365 - d.min(365)))
    }
}

/// The similarity of two items of a split: cosine plus the event-time bonus or penalty.
fn similarity(vectors: &[Vector], times: &[Option<When>], a: usize, b: usize, t: EventTime) -> f32 {
    let mut d = dot(&vectors[a], &vectors[b]);
    if let (Some(x), Some(y)) = (times[a], times[b]) {
        d += t.adjust(x, y);
    }
    d
}

/// The pairs of items to compare in a large split: each item's `k` best partners among those
/// sharing one of its heaviest features (postings capped to the nearest items in input order).
fn neighbour_pairs(vectors: &[Vector], k: usize, cap: usize) -> Vec<(u32, u32)> {
    const FEATURES: usize = 24;
    const CANDIDATES: usize = 100;
    let tops: Vec<Vec<(u64, f32)>> = vectors
        .iter()
        .map(|v| {
            let mut s = v.clone();
            s.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            s.truncate(FEATURES);
            s
        })
        .collect();
    let mut postings: super::KeyMap<Vec<u32>> = super::KeyMap::default();
    for (i, v) in vectors.iter().enumerate() {
        for &(key, _) in v {
            postings.entry(key).or_default().push(i as u32);
        }
    }
    let lists: Vec<Vec<(u32, u32)>> = tops
        .par_iter()
        .enumerate()
        .map(|(i, top)| {
            let mut hits: Vec<(u32, f32)> = Vec::new();
            for &(key, w) in top {
                let list = &postings[&key];
                let window = if list.len() <= cap {
                    &list[..]
                } else {
                    let at = list.partition_point(|&x| (x as usize) < i);
                    let lo = at.saturating_sub(cap / 2).min(list.len() - cap);
                    &list[lo..lo + cap]
                };
                for &j in window {
                    if j as usize != i {
                        hits.push((j, w));
                    }
                }
            }
            let mut c = super::sum_hits(hits);
            c.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            c.truncate(CANDIDATES);
            let mut s: Vec<(u32, f32)> = c
                .into_iter()
                .map(|(j, _)| (j, dot(&vectors[i], &vectors[j as usize])))
                .collect();
            s.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            s.truncate(k);
            let i = i as u32;
            s.into_iter().map(|(j, _)| (i.min(j), i.max(j))).collect()
        })
        .collect();
    let mut pairs: Vec<(u32, u32)> = lists.into_iter().flatten().collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Groups of item indexes (each group sorted, groups ordered by their first item) such that no
/// two groups have an average similarity of `threshold` or more. The similarity of two items is
/// their cosine, less `time.penalty` when both have times (`times`: publication or event) more
/// than `time.window` days apart, plus `time.bonus` when within it. Up to `exact_max` items,
/// every pair is compared; beyond, each item's nearest `exact_max / 10` partners found through
/// shared features (the other pairs count as 0), so that the cost stays about linear.
pub fn average_link(
    vectors: &[Vector],
    times: &[Option<When>],
    threshold: f32,
    exact_max: usize,
    time: EventTime,
) -> Vec<Vec<usize>> {
    let n = vectors.len();
    let pairs: Vec<(u32, u32)> = if n <= exact_max {
        (0..n as u32)
            .flat_map(|a| (a + 1..n as u32).map(move |b| (a, b)))
            .collect()
    } else {
        neighbour_pairs(vectors, (exact_max / 10).max(5), exact_max)
    };
    let edges: Vec<(u32, u32, f32)> = pairs
        .into_iter()
        .map(|(a, b)| {
            let s = similarity(vectors, times, a as usize, b as usize, time);
            (a, b, s)
        })
        .collect();
    let comp = nearest_partner_groups(n, &edges, threshold);
    // Groups of nearest partners become the starting clusters: their sizes, and the summed
    // similarity of the member pairs across two of them.
    let mut sizes: Vec<f32> = Vec::new();
    for &c in &comp {
        if c as usize == sizes.len() {
            sizes.push(0.0);
        }
        sizes[c as usize] += 1.0;
    }
    let mut cross: Vec<(u32, u32, f32)> = edges
        .iter()
        .map(|&(a, b, s)| (comp[a as usize], comp[b as usize], s))
        .filter(|e| e.0 != e.1)
        .map(|(a, b, s)| (a.min(b), a.max(b), s))
        .collect();
    cross.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(x.2.total_cmp(&y.2)));
    let mut summed: Vec<(u32, u32, f32)> = Vec::with_capacity(cross.len());
    for (a, b, s) in cross {
        match summed.last_mut() {
            Some(last) if (last.0, last.1) == (a, b) => last.2 += s,
            _ => summed.push((a, b, s)),
        }
    }
    let label = sparse_average_link_sized(&sizes, &summed, threshold);
    groups_of(
        &comp
            .iter()
            .map(|&c| label[c as usize])
            .collect::<Vec<u32>>(),
    )
}

/// Each item tied to its most similar partner (ties: the lower index) when their similarity
/// reaches `threshold`, as a starting grouping: for each item, the number of its group, groups
/// numbered in the order of their first item.
///
/// Why: inside a storyline an article's nearest neighbour is far more often in its story than
/// the average over a group says (a later article repeats the earlier period's vocabulary as
/// background, which pulls it towards the earlier story in an average); tying nearest partners
/// first lets the articles of a story join through their closest members. Cost: linear in the
/// edges.
fn nearest_partner_groups(n: usize, edges: &[(u32, u32, f32)], threshold: f32) -> Vec<u32> {
    let mut best: Vec<Option<(u32, f32)>> = vec![None; n];
    for &(a, b, s) in edges {
        for (x, y) in [(a, b), (b, a)] {
            let slot = &mut best[x as usize];
            let better = match *slot {
                None => true,
                Some((p, ps)) => s > ps || (s == ps && y < p),
            };
            if better {
                *slot = Some((y, s));
            }
        }
    }
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn root(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            let up = parent[parent[x as usize] as usize];
            parent[x as usize] = up;
            x = up;
        }
        x
    }
    for (i, b) in best.iter().enumerate() {
        if let Some((j, s)) = *b {
            if s >= threshold {
                let (ri, rj) = (root(&mut parent, i as u32), root(&mut parent, j));
                parent[ri.max(rj) as usize] = ri.min(rj);
            }
        }
    }
    let mut number = vec![u32::MAX; n];
    let mut next = 0;
    (0..n as u32)
        .map(|i| {
            let r = root(&mut parent, i) as usize;
            if number[r] == u32::MAX {
                number[r] = next;
                next += 1;
            }
            number[r]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(v: &[(u64, f32)]) -> Vector {
        let n = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        v.iter().map(|&(k, w)| (k, w / n)).collect()
    }

    /// Event times more than a week apart cost everything; no bonus, no publication rule.
    fn far_times_only() -> EventTime {
        EventTime {
            window: 7,
            penalty: 1.0,
            bonus: 0.0,
            published_apart: u32::MAX,
            published_penalty: 0.0,
        }
    }

    #[test]
    fn close_vectors_group_and_far_ones_stay_apart() {
        let v = vec![
            unit(&[(1, 1.0), (2, 1.0)]),
            unit(&[(5, 1.0), (6, 1.0)]),
            unit(&[(1, 1.0), (2, 0.8), (3, 0.2)]),
            unit(&[(5, 1.0), (6, 0.9)]),
            unit(&[(9, 1.0)]),
        ];
        let none = [None; 5];
        let time = far_times_only();
        let exact = average_link(&v, &none, 0.5, 100, time);
        assert_eq!(exact, vec![vec![0, 2], vec![1, 3], vec![4]]);
        assert_eq!(average_link(&v, &none, 0.5, 2, time), exact);
        // Event times weeks apart keep otherwise close items apart.
        let times = [Some(10), None, Some(60), None, None].map(|t| t.map(When::of_year));
        assert_eq!(
            average_link(&v, &times, 0.5, 100, time),
            vec![vec![0], vec![1, 3], vec![2], vec![4]]
        );
    }

    #[test]
    fn a_follow_up_joins_through_its_nearest_partner() {
        // 0 and 1 tell the first event; 2 shares only the words of 1 that 0 lacks (its nearest
        // partner is 1, cosine 0.41), so its average to {0, 1} is 0.20; 3 is nearest to 1 but
        // below the threshold.
        let v = vec![
            unit(&[(1, 1.0), (2, 1.0)]),
            unit(&[(1, 1.0), (2, 1.0), (3, 1.0)]),
            unit(&[(3, 1.0), (4, 1.0)]),
            unit(&[(9, 1.0), (3, 0.3)]),
        ];
        let none = [None; 4];
        let time = far_times_only();
        let joined = vec![vec![0, 1, 2], vec![3]];
        assert_eq!(average_link(&v, &none, 0.3, 100, time), joined);
        assert_eq!(average_link(&v, &none, 0.3, 2, time), joined);
        // Far apart event times undo the tie: 2 and 1 are no longer close enough.
        let times = [Some(10), Some(10), Some(80), None].map(|t| t.map(When::of_year));
        assert_eq!(
            average_link(&v, &times, 0.3, 100, time),
            vec![vec![0, 1], vec![2], vec![3]]
        );
    }
}
