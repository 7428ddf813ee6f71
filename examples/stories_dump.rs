//! Dumps the story features of a corpus as JSON lines (one article a line: id, publication day,
//! event day, features as [key, kind, count]) followed by the reuse pairs, for prototyping the
//! clustering outside Rust. Not a test.
//!
//!     cargo run --example stories_dump -- CORPUS OUT.jsonl [LEAD_WORDS]

use std::io::Write;

use recoupe::stages::stories::{extract, Kind};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ingested = recoupe::ingest::read_paths(&args[..1]);
    let analysis = recoupe::analyze(ingested.documents);
    let mut out = std::io::BufWriter::new(std::fs::File::create(&args[1]).expect("out"));
    let lead: Option<usize> = args.get(2).map(|n| n.parse().expect("words"));
    for a in &analysis.articles {
        let mut a = a.clone();
        if let Some(n) = lead {
            // Keep the first `n` words of the body only.
            let cut = a
                .clean
                .text
                .split_whitespace()
                .take(n)
                .collect::<Vec<_>>()
                .join(" ");
            a.clean.text = cut;
        }
        let f = extract(&a);
        let counts: Vec<serde_json::Value> = f
            .counts
            .iter()
            .map(|&(k, kind, c)| {
                let kind = match kind {
                    Kind::Term => "t",
                    Kind::Phrase => "p",
                    Kind::Name => "n",
                    Kind::Date => "d",
                };
                serde_json::json!([k.to_string(), kind, c])
            })
            .collect();
        let line = serde_json::json!({"id": a.clean.id, "day": f.day, "event": f.event,
            "title": a.clean.title, "counts": counts});
        writeln!(out, "{line}").expect("write");
    }
    for p in &analysis.reuse {
        let line = serde_json::json!({"reuse": [p.a, p.b], "kind": format!("{:?}", p.kind), "sim": p.similarity});
        writeln!(out, "{line}").expect("write");
    }
}
