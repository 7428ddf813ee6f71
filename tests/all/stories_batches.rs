//! Batch invariance of the story index on the real rpm2 corpus: ten batches give (nearly) the
//! same grouping as one.

use std::collections::HashMap;

use recoupe::stages::stories::{Settings, StoryIndex};
use recoupe::Story;

const RPM2: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/rpm2-fr");

/// B-cubed F1 of one labelling against another (articles as indexes).
fn bcubed_f1(a: &[usize], b: &[usize]) -> f64 {
    let n = a.len();
    let (mut p, mut r) = (0.0, 0.0);
    for i in 0..n {
        let same_a = (0..n).filter(|&j| a[j] == a[i]).count() as f64;
        let same_b = (0..n).filter(|&j| b[j] == b[i]).count() as f64;
        let both = (0..n).filter(|&j| a[j] == a[i] && b[j] == b[i]).count() as f64;
        p += both / same_a;
        r += both / same_b;
    }
    let (p, r) = (p / n as f64, r / n as f64);
    2.0 * p * r / (p + r)
}

fn labelling(stories: &[Story], n: usize) -> Vec<usize> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut out = vec![usize::MAX; n];
    for s in stories {
        let next = ids.len();
        let l = *ids.entry(s.id.as_str()).or_insert(next);
        for &i in &s.articles {
            out[i] = l;
        }
    }
    out
}

#[test]
fn ten_batches_group_rpm2_like_one_batch() {
    let ingested = recoupe::ingest::read_paths(&[RPM2]);
    let analysis = recoupe::analyze(ingested.documents);
    let n = analysis.articles.len();
    assert!(n >= 100);
    let one = labelling(&analysis.stories, n);
    let mut index = StoryIndex::new(Settings::default());
    let step = n.div_ceil(10);
    for start in (0..n).step_by(step) {
        let end = (start + step).min(n);
        assert_eq!(index.add(&analysis.articles[start..end], &[]), start);
    }
    let ten = labelling(&index.stories(), n);
    assert!(ten.iter().all(|&l| l != usize::MAX));
    let agreement = bcubed_f1(&ten, &one);
    eprintln!("B-cubed agreement of ten batches with one: {agreement:.4}");
    assert!(agreement >= 0.99, "B-cubed agreement {agreement}");
}

#[test]
fn batching_does_not_change_stories_or_ids() {
    let ingested = recoupe::ingest::read_paths(&[RPM2]);
    let analysis = recoupe::analyze(ingested.documents);
    let n = analysis.articles.len();
    let mut one = StoryIndex::new(Settings::default());
    one.add(&analysis.articles, &[]);
    let mut ten = StoryIndex::new(Settings::default());
    // Uneven batches, to show that the cut points do not matter either.
    let mut start = 0;
    for (k, size) in [7, 60, 1, 33].iter().cycle().enumerate() {
        if start >= n {
            break;
        }
        let end = (start + size + k).min(n);
        ten.add(&analysis.articles[start..end], &[]);
        start = end;
    }
    let (a, b) = (one.stories(), ten.stories());
    assert!(a.len() > 10);
    assert_eq!(a, b);
}
