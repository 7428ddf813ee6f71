//! Scaling of story clustering: articles resampled (with a fixed seed) from the given corpora,
//! clustered at several sizes; prints the clustering time of each size. Not a test.
//!
//!     cargo run --example stories_scale -- 10000,30000,100000 CORPUS...

use std::time::Instant;

use recoupe::stages::stories::{Settings, StoryIndex};
use xxhash_rust::xxh3::xxh3_64;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<usize> = args[0]
        .split(',')
        .map(|s| s.parse().expect("size"))
        .collect();
    let ingested = recoupe::ingest::read_paths(&args[1..]);
    let base = recoupe::analyze(ingested.documents).articles;
    for &n in &sizes {
        let mut articles = Vec::with_capacity(n);
        for i in 0..n {
            let pick = (xxh3_64(&(i as u64).to_le_bytes()) % base.len() as u64) as usize;
            let mut a = base[pick].clone();
            a.clean.id = format!("{}-{i}", a.clean.id);
            articles.push(a);
        }
        let t = Instant::now();
        let mut index = StoryIndex::new(Settings::default());
        index.add(&articles, &[]);
        let stories = index.stories();
        println!(
            "{n} articles -> {} stories in {:.2}s",
            stories.len(),
            t.elapsed().as_secs_f64()
        );
    }
}
