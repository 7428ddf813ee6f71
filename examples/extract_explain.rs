//! Prints how recoupe's extract stage reads one HTML page: hints, container, kept and dropped
//! blocks. Usage: `cargo run --example extract_explain -- page.html[.gz]`.

fn main() {
    let path = std::env::args()
        .nth(1)
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
