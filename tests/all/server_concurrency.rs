//! Reads are not held up by a write (issue 18): while one POST of 400 articles is analysed and
//! stored, `GET /api/stories` and searches keep answering from the last committed state, and
//! afterwards every posted article is stored. Prints the read latencies seen during the write.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use crate::server_common::{http, seed_store, Server};

fn rpm2_payload() -> (Vec<u8>, usize) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/rpm2-fr");
    let mut items = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for p in &paths {
        let id = recoupe::ingest::id_from_path(p);
        let text = std::fs::read_to_string(p).unwrap();
        items.push(serde_json::json!({"id": id, "text": text}));
    }
    (serde_json::to_vec(&items).unwrap(), items.len())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[test]
fn reads_answer_while_a_large_post_is_stored() {
    let store = seed_store();
    let srv = Server::start(store.path(), &[]);
    let (body, n) = rpm2_payload();
    let posting = Arc::new(AtomicBool::new(true));
    let reader = {
        let (addr, posting) = (srv.addr.clone(), posting.clone());
        std::thread::spawn(move || {
            let mut during = Vec::new();
            while posting.load(Ordering::SeqCst) {
                let t = Instant::now();
                let (st, body) = http(&addr, "GET", "/api/stories?limit=5", None, &[]);
                let (sst, _) = http(&addr, "GET", "/api/search?q=defenses", None, &[]);
                assert_eq!((st, sst), (200, 200), "{body}");
                if posting.load(Ordering::SeqCst) {
                    during.push(t.elapsed().as_secs_f64() * 1000.0);
                }
            }
            during
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(100));
    let started = Instant::now();
    let (st, report) = http(&srv.addr, "POST", "/api/articles", Some(&body), &[]);
    let post_ms = started.elapsed().as_secs_f64() * 1000.0;
    posting.store(false, Ordering::SeqCst);
    assert_eq!(st, 201, "{report}");
    let mut during = reader.join().unwrap();
    during.sort_by(f64::total_cmp);
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["added"].as_u64(), Some(n as u64), "{report}");
    eprintln!(
        "POST of {n} articles: {post_ms:.0} ms; {} stories+search reads meanwhile, p50 {:.1} ms, \
         p95 {:.1} ms, max {:.1} ms",
        during.len(),
        percentile(&during, 0.5),
        percentile(&during, 0.95),
        during.last().unwrap()
    );
    // A read waiting for the write would complete once, after it: many completed during it.
    assert!(
        during.len() >= 10,
        "only {} reads answered during the write",
        during.len()
    );
    let (_, v) = srv.get_json("/api/stories?limit=1");
    assert!(v["total"].as_u64().unwrap() > 20, "{v}");
}
