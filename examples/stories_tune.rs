//! Tuning aid for the stories stage: analyses a corpus once, then clusters it again under a grid
//! of settings and prints the B-cubed F1 of stories and storylines against a labels TSV
//! (`article`, `storyline`, `story` columns, as in the shared corpora). Labels are read here only,
//! never by the library.
//!
//!     cargo run --example stories_tune -- CORPUS LABELS.tsv [name=v1,v2,...]...
//!
//! `name` is a field of `Settings` (see `set` below for the list).

use std::collections::HashMap;

use recoupe::stages::stories::{Settings, StoryIndex};
use recoupe::Story;

/// B-cubed precision, recall and F1 of a predicted labelling against a gold one (gold articles
/// only).
fn bcubed(pred: &HashMap<String, String>, gold: &HashMap<String, String>) -> (f64, f64, f64) {
    let ids: Vec<&String> = gold.keys().filter(|a| pred.contains_key(*a)).collect();
    let (mut p, mut r) = (0.0, 0.0);
    for a in &ids {
        let same_pred: Vec<&&String> = ids.iter().filter(|b| pred[**b] == pred[*a]).collect();
        let same_gold: Vec<&&String> = ids.iter().filter(|b| gold[**b] == gold[*a]).collect();
        let both = same_pred.iter().filter(|b| gold[***b] == gold[*a]).count() as f64;
        p += both / same_pred.len() as f64;
        r += both / same_gold.len() as f64;
    }
    let n = ids.len() as f64;
    let (p, r) = (p / n, r / n);
    (p, r, 2.0 * p * r / (p + r))
}

fn labels(path: &str, col: &str) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).expect("labels");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let c = header.iter().position(|h| *h == col).expect("column");
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|r| r.len() > c)
        .map(|r| (r[0].to_string(), r[c].to_string()))
        .collect()
}

fn set(s: &mut Settings, name: &str, v: f32) {
    match name {
        "join" => s.join = v,
        "topic_phrase_weight" => s.topic_phrase_weight = v,
        "neighbours" => s.neighbours = v as usize,
        "posting_cap" => s.posting_cap = v as usize,
        "storyline" => s.storyline = v,
        "split" => s.split = v,
        "date_weight" => s.date_weight = v,
        "name_weight" => s.name_weight = v,
        "phrase_weight" => s.phrase_weight = v,
        "prior_docs" => s.prior_docs = v,
        "reuse_bonus" => s.reuse_bonus = v,
        "event_penalty" => s.event_penalty = v,
        "event_bonus" => s.event_bonus = v,
        "unique_weight" => s.unique_weight = v,
        "split_min" => s.split_min = v as usize,
        "event_window" => s.event_window = v as u16,
        _ => panic!("unknown setting {name}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (corpus, labels_path) = (&args[0], &args[1]);
    let ingested = recoupe::ingest::read_paths(&[corpus]);
    let analysis = recoupe::analyze(ingested.documents);
    let gold_story = labels(labels_path, "story");
    let gold_line = labels(labels_path, "storyline");
    let mut grid: Vec<Settings> = vec![Settings::default()];
    let mut names = Vec::new();
    for spec in &args[2..] {
        let (name, values) = spec.split_once('=').expect("name=v1,v2");
        names.push(name.to_string());
        let mut next = Vec::new();
        for s in &grid {
            for v in values.split(',') {
                let mut t = s.clone();
                set(&mut t, name, v.parse().expect("number"));
                next.push(t);
            }
        }
        grid = next;
    }
    for s in grid {
        let shown = format!("{s:?}");
        let mut index = StoryIndex::new(s);
        index.add(&analysis.articles, &analysis.reuse);
        let stories: Vec<Story> = index.stories();
        let mut ps = HashMap::new();
        let mut pl = HashMap::new();
        for st in &stories {
            for &i in &st.articles {
                let id = analysis.articles[i].clean.id.clone();
                ps.insert(id.clone(), st.id.clone());
                pl.insert(id, st.storyline.clone().unwrap_or_else(|| st.id.clone()));
            }
        }
        let (sp, sr, sf) = bcubed(&ps, &gold_story);
        let (_, _, lf) = bcubed(&pl, &gold_line);
        let picked: Vec<String> = names
            .iter()
            .map(|n| {
                let at = shown.find(&format!("{n}: ")).expect("field") + n.len() + 2;
                let v: String = shown[at..].chars().take_while(|c| *c != ',').collect();
                format!("{n}={v}")
            })
            .collect();
        println!(
            "{} | stories P {sp:.3} R {sr:.3} F1 {sf:.3} ({} stories) | storylines F1 {lf:.3}",
            picked.join(" "),
            stories.len()
        );
    }
}
