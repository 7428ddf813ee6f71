//! Search latency benchmark (not a test): builds a store of the shared corpora (rpm2-fr,
//! ecbplus-en, seeds: 1,387 articles) in a temporary folder, or uses the store given as first
//! argument, then runs 1,000 queries (one and two words drawn deterministically from the stored
//! texts) through `Store::search` (tantivy + snippets + SQLite look-ups) and prints p50/p95.
//!
//! `cargo run --release --example search_bench [STORE_DIR]`

use std::path::PathBuf;
use std::time::Instant;

use recoupe::store::Store;

fn main() -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    let mut store = Store::open(&dir)?;
    if store.article_count()? == 0 {
        let shared = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
        let ingested = recoupe::ingest::read_paths(&[
            shared.join("rpm2-fr"),
            shared.join("ecbplus-en/articles.jsonl"),
            shared.join("seeds"),
        ]);
        let t = Instant::now();
        let mut docs = ingested.documents.into_iter().peekable();
        while docs.peek().is_some() {
            let batch: Vec<_> = docs.by_ref().take(500).collect();
            store.add(batch)?;
        }
        println!(
            "built a store of {} articles in {:.1} s",
            store.article_count()?,
            t.elapsed().as_secs_f64()
        );
    }
    // Query words: every 97th word of 5+ letters of the stored texts, in id order.
    let analysis = store.load_analysis()?;
    let mut words = Vec::new();
    for a in &analysis.articles {
        for (i, t) in recoupe::text::tokenize(&a.clean.text).iter().enumerate() {
            let w = t.surface(&a.clean.text);
            if i % 97 == 0 && w.chars().count() >= 5 && w.chars().all(char::is_alphabetic) {
                words.push(w.to_string());
            }
        }
    }
    anyhow::ensure!(words.len() > 10, "not enough words to query");
    let queries: Vec<String> = (0..1000)
        .map(|i| {
            let a = &words[(i * 7919) % words.len()];
            if i % 10 < 7 {
                a.clone()
            } else {
                format!("{a} {}", words[(i * 104_729 + 13) % words.len()])
            }
        })
        .collect();
    let mut times = Vec::with_capacity(queries.len());
    let mut hits = 0usize;
    for q in &queries {
        let t = Instant::now();
        let r = store.search(q, 0, 10)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        hits += r.items.len();
    }
    // The same queries through the tantivy index alone (no SQLite look-ups, no speakers).
    let mut index_times = Vec::with_capacity(queries.len());
    for q in &queries {
        let t = Instant::now();
        store.index().search(q, 0, 10)?;
        index_times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    index_times.sort_by(|a, b| a.total_cmp(b));
    let at = |v: &[f64], p: f64| v[((v.len() as f64 * p) as usize).min(v.len() - 1)];
    println!(
        "index only: p50 {:.2} ms, p95 {:.2} ms",
        at(&index_times, 0.5),
        at(&index_times, 0.95)
    );
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| at(&times, p);
    println!(
        "{} queries over {} articles: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms \
         (top 10 with snippets; {:.1} hits a query)",
        times.len(),
        analysis.articles.len(),
        pct(0.50),
        pct(0.95),
        pct(0.99),
        times[times.len() - 1],
        hits as f64 / times.len() as f64
    );
    Ok(())
}
