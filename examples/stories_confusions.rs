//! Confusions of the stories stage against a labels TSV (`article`, `storyline`, `story`
//! columns, as in the shared corpora): for each gold storyline, how its gold stories spread over
//! the predicted stories, then its articles (gold story, predicted story, event day read in the
//! text, title), so that merges and splits can be read before changing the clustering. Labels
//! are read here only, never by the library. Not a test.
//!
//!     cargo run --release --example stories_confusions -- CORPUS LABELS.tsv [STORYLINE]...

use std::collections::BTreeMap;

use recoupe::stages::stories::{extract, Settings, StoryIndex};

/// Rows of a labels TSV: (article, storyline, story), in file order.
fn labels(path: &str) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(path).expect("labels");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect("column");
    let (a, l, s) = (col("article"), col("storyline"), col("story"));
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|r| r.len() > a.max(l).max(s))
        .map(|r| (r[a].to_string(), r[l].to_string(), r[s].to_string()))
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (corpus, labels_path) = (&args[0], &args[1]);
    let only: Vec<&String> = args[2..].iter().collect();
    let analysis = recoupe::analyze(recoupe::ingest::read_paths(&[corpus]).documents);
    let mut index = StoryIndex::new(Settings::default());
    index.add(&analysis.articles, &analysis.reuse);
    // Article id → (short predicted story id, short predicted storyline id).
    let mut pred: BTreeMap<String, (String, String)> = BTreeMap::new();
    for st in index.stories() {
        let line = st.storyline.clone().unwrap_or_else(|| st.id.clone());
        for &i in &st.articles {
            pred.insert(
                analysis.articles[i].clean.id.clone(),
                (st.id[..7].to_string(), line[..7].to_string()),
            );
        }
    }
    let by_id: BTreeMap<&str, usize> = analysis
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.clean.id.as_str(), i))
        .collect();
    let mut lines: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (article, line, story) in labels(labels_path) {
        lines.entry(line).or_default().push((story, article));
    }
    for (line, mut members) in lines {
        if !only.is_empty() && !only.contains(&&line) {
            continue;
        }
        members.sort();
        let mut table: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for (story, article) in &members {
            let p = pred.get(article).map_or("-", |p| p.0.as_str());
            *table.entry((story.as_str(), p)).or_insert(0) += 1;
        }
        let cells: Vec<String> = table
            .iter()
            .map(|((g, p), n)| format!("{g}→{p}×{n}"))
            .collect();
        println!("== {line}: {}", cells.join(" "));
        for (story, article) in &members {
            let Some(&i) = by_id.get(article.as_str()) else {
                println!("  {story} {article} (not in the corpus)");
                continue;
            };
            let a = &analysis.articles[i];
            let (p, l) = pred.get(article).cloned().unwrap_or_default();
            let event = extract(a).event.map_or("-".to_string(), |d| d.to_string());
            let title: String = a
                .clean
                .title
                .as_deref()
                .unwrap_or("")
                .chars()
                .take(80)
                .collect();
            println!("  {story} {p} {l} day {event:>3} {article} | {title}");
        }
    }
}
