//! Splitting a storyline into its events: average-link clustering of unit vectors.
//!
//! With unit vectors, the average cosine between two groups is `sum_a · sum_b / (|a| |b|)`, so a
//! group only needs the sum of its members. Small inputs are clustered exactly (every pair);
//! large ones online (each item joins the group with the best average link, then groups are
//! merged), which keeps the cost linear in the number of items times the number of groups.

use super::{add_into, dot, Vector};

/// How event times weigh in a split.
#[derive(Debug, Clone, Copy)]
pub struct EventTime {
    /// Days apart (on the year's circle) that cost nothing.
    pub window: u16,
    /// Similarity lost by two items whose event times are further apart than the window.
    pub penalty: f32,
    /// Similarity gained by two items whose event times are within the window.
    pub bonus: f32,
}

/// Days between two days of the year, on the year's circle.
fn circular_gap(a: u16, b: u16) -> u16 {
    let d = a.abs_diff(b);
    d.min(365 - d.min(365))
}

/// Groups of item indexes (each group sorted, groups ordered by their first item) such that no
/// two groups have an average similarity of `threshold` or more. The similarity of two items is
/// their cosine, less `time.penalty` when both have event times (`times`, days of the year) more
/// than `time.window` days apart; the online path (large inputs) leaves times out.
pub fn average_link(
    vectors: &[Vector],
    times: &[Option<u16>],
    threshold: f32,
    exact_max: usize,
    time: EventTime,
) -> Vec<Vec<usize>> {
    let n = vectors.len();
    let (groups, cross) = if n <= exact_max {
        let mut cross = vec![0f32; n * n];
        for a in 0..n {
            for b in a + 1..n {
                let mut d = dot(&vectors[a], &vectors[b]);
                if let (Some(x), Some(y)) = (times[a], times[b]) {
                    if circular_gap(x, y) > time.window {
                        d -= time.penalty;
                    } else {
                        d += time.bonus;
                    }
                }
                cross[a * n + b] = d;
                cross[b * n + a] = d;
            }
        }
        ((0..n).map(|i| vec![i]).collect(), cross)
    } else {
        let groups = online(vectors, threshold);
        let g = groups.len();
        let mut cross = vec![0f32; g * g];
        for a in 0..g {
            for b in a + 1..g {
                let d = dot(&groups[a].1, &groups[b].1);
                cross[a * g + b] = d;
                cross[b * g + a] = d;
            }
        }
        (groups.into_iter().map(|x| x.0).collect(), cross)
    };
    let mut out = agglomerate(groups, cross, threshold);
    for g in &mut out {
        g.sort_unstable();
    }
    out.sort_unstable_by_key(|g| g[0]);
    out
}

/// One pass in input order: each item joins the group with the best average link at or above
/// the threshold, or opens a new group.
fn online(vectors: &[Vector], threshold: f32) -> Vec<(Vec<usize>, Vector)> {
    let mut groups: Vec<(Vec<usize>, Vector)> = Vec::new();
    for (i, v) in vectors.iter().enumerate() {
        let best = groups
            .iter()
            .enumerate()
            .map(|(g, (m, sum))| (dot(v, sum) / m.len() as f32, g))
            .filter(|x| x.0 >= threshold)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        match best {
            Some((_, g)) => {
                groups[g].0.push(i);
                groups[g].1 = add_into(&groups[g].1, v);
            }
            None => groups.push((vec![i], v.clone())),
        }
    }
    groups
}

/// Average-link agglomeration of groups, given the sums of pairwise similarities between groups
/// (`cross`, row-major, symmetric), merging the closest pair first until no pair reaches the
/// threshold. Quadratic memory and cubic time in the number of groups.
fn agglomerate(groups: Vec<Vec<usize>>, mut cross: Vec<f32>, threshold: f32) -> Vec<Vec<usize>> {
    let n = groups.len();
    if n < 2 {
        return groups;
    }
    let mut size: Vec<f32> = groups.iter().map(|g| g.len() as f32).collect();
    let mut members: Vec<Option<Vec<usize>>> = groups.into_iter().map(Some).collect();
    loop {
        let mut best: Option<(f32, usize, usize)> = None;
        for a in 0..n {
            if members[a].is_none() {
                continue;
            }
            for b in a + 1..n {
                if members[b].is_none() {
                    continue;
                }
                let s = cross[a * n + b] / (size[a] * size[b]);
                if s >= threshold && best.is_none_or(|(bs, _, _)| s > bs) {
                    best = Some((s, a, b));
                }
            }
        }
        let Some((_, a, b)) = best else { break };
        let moved = members[b].take().unwrap_or_default();
        members[a].as_mut().expect("live group").extend(moved);
        size[a] += size[b];
        for c in 0..n {
            if c != a && c != b {
                let d = cross[a * n + c] + cross[b * n + c];
                cross[a * n + c] = d;
                cross[c * n + a] = d;
            }
        }
    }
    members.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(v: &[(u64, f32)]) -> Vector {
        let n = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        v.iter().map(|&(k, w)| (k, w / n)).collect()
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
        let time = EventTime {
            window: 7,
            penalty: 1.0,
            bonus: 0.0,
        };
        let exact = average_link(&v, &none, 0.5, 100, time);
        assert_eq!(exact, vec![vec![0, 2], vec![1, 3], vec![4]]);
        assert_eq!(average_link(&v, &none, 0.5, 2, time), exact);
        // Event times weeks apart keep otherwise close items apart.
        let times = [Some(10), None, Some(60), None, None];
        assert_eq!(
            average_link(&v, &times, 0.5, 100, time),
            vec![vec![0], vec![1, 3], vec![2], vec![4]]
        );
    }
}
