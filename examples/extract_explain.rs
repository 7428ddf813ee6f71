//! Prints how recoupe's extract stage reads one HTML page: hints, container, kept and dropped
//! blocks. Usage: `cargo run --example extract_explain -- page.html[.gz]`.
//!
//! Batch mode, for quick benchmark runs of the extract stage alone (no later stages):
//! `cargo run --example extract_explain -- --batch HTML_DIR OUT_DIR` writes
//! `OUT_DIR/articles.jsonl` (id, title, text, published, language), which `score.py aeb` and
//! `score.py trafilatura` read.

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--batch") {
        let (dir, out) = (
            args.get(1).expect("--batch HTML_DIR OUT_DIR"),
            args.get(2).expect("--batch HTML_DIR OUT_DIR"),
        );
        let got = recoupe::ingest::read_paths(&[dir]);
        let arts = recoupe::stages::extract::extract_batch(&got.documents);
        std::fs::create_dir_all(out).expect("create OUT_DIR");
        let mut f = std::io::BufWriter::new(
            std::fs::File::create(format!("{out}/articles.jsonl")).expect("create articles.jsonl"),
        );
        for a in &arts {
            let v = serde_json::to_string(a).expect("serialize");
            writeln!(f, "{v}").expect("write");
        }
        return;
    }
    let path = args
        .first()
        .cloned()
        .expect("usage: extract_explain PAGE.html[.gz]");
    let got = recoupe::ingest::read_paths(&[path]);
    for e in &got.errors {
        eprintln!("{e}");
    }
    for doc in &got.documents {
        print!("{}", recoupe::stages::extract::explain(doc));
        let a = recoupe::stages::extract::extract(doc);
        println!(
            "title: {:?}\npublished: {:?}\nsource: {:?}\nlanguage: {}",
            a.title, a.published, a.source, a.language
        );
        for d in &a.dropped {
            println!(
                "  - [{:?}] {}",
                d.reason,
                d.text.chars().take(100).collect::<String>()
            );
        }
        println!("TEXT:\n{}", a.text);
    }
}
