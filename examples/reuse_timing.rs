//! Prints how long reuse detection takes on a corpus, and what it finds (a printout, not a test).
//!
//! `cargo run --release --example reuse_timing -- PATH [COPIES]`: reads PATH (files, folders or
//! JSONL), cleans it, optionally multiplies the batch with lightly edited copies (to see how
//! candidates and time grow), then times `find_reuse`.

use std::time::Instant;

use recoupe::model::ReuseKind;
use recoupe::stages::{clean, reuse};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .map_or("../shared/corpus/rpm2-fr", String::as_str);
    let copies: usize = args.get(1).and_then(|c| c.parse().ok()).unwrap_or(1);
    let mut docs = recoupe::ingest::read_paths(&[path]).documents;
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    let base = clean::clean_batch(&docs);
    let mut arts = Vec::with_capacity(base.len() * copies);
    for c in 0..copies {
        for a in &base {
            let mut a = a.clone();
            if c > 0 {
                // Each copy drops a different share of its lines: partial and near-duplicates.
                let lines: Vec<&str> = a.text.lines().collect();
                let keep: Vec<&str> = lines
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| (i + c) % (c + 2) != 0)
                    .map(|(_, l)| *l)
                    .collect();
                a.text = keep.join("\n");
                a.id = format!("{}~{c}", a.id);
            }
            arts.push(a);
        }
    }
    arts.sort_by(|a, b| a.id.cmp(&b.id));
    let words: usize = arts.iter().map(|a| a.text.split_whitespace().count()).sum();
    let t = Instant::now();
    let pairs = reuse::find_reuse(&arts);
    let secs = t.elapsed().as_secs_f64();
    let count = |k| pairs.iter().filter(|p| p.kind == k).count();
    println!(
        "{} articles, {} words: {} pairs ({} duplicate, {} near_duplicate, {} partial) in {:.3} s, {:.0} articles/s",
        arts.len(),
        words,
        pairs.len(),
        count(ReuseKind::Duplicate),
        count(ReuseKind::NearDuplicate),
        count(ReuseKind::Partial),
        secs,
        arts.len() as f64 / secs
    );
}
