//! Reuse detection on the real seed articles: the one gold pair, its gold passages, nothing else.

use recoupe::model::{CleanArticle, ReusePair};
use recoupe::stages::reuse::find_reuse;
use recoupe::text::fold;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/seeds");
const GOLD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/eval/seeds.gold.json"
);

/// The gold reuse pairs: (article ids, starts of the shared passages).
fn gold_reuse() -> Vec<(Vec<String>, Vec<String>)> {
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(GOLD).unwrap()).unwrap();
    gold["reuse"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let ids = r["articles"].as_array().unwrap();
            let starts = r["shared_passages_start"].as_array().unwrap();
            (
                ids.iter()
                    .map(|s| s.as_str().unwrap().to_string())
                    .collect(),
                starts
                    .iter()
                    .map(|s| s.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

/// The seed files as clean articles that keep every non-empty line (boilerplate included, the
/// hardest case for reuse).
fn seed_articles() -> Vec<CleanArticle> {
    let mut paths: Vec<_> = std::fs::read_dir(SEEDS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let raw = recoupe::text::normalize_input(&std::fs::read_to_string(p).unwrap());
            let lines: Vec<&str> = raw.lines().filter(|l| !l.trim().is_empty()).collect();
            CleanArticle {
                id: recoupe::ingest::id_from_path(p),
                text: lines.join("\n"),
                ..Default::default()
            }
        })
        .collect()
}

/// Checks the found pairs against the gold: same pairs, every gold passage start inside a found
/// passage (first 50 folded characters, as score.py does), offsets consistent with the texts.
fn check(ids: &[&str], texts: &[&str], pairs: &[ReusePair]) {
    let gold = gold_reuse();
    let found: Vec<(String, String)> = pairs
        .iter()
        .map(|p| (ids[p.a].to_string(), ids[p.b].to_string()))
        .collect();
    let want: Vec<(String, String)> = gold
        .iter()
        .map(|(g, _)| (g[0].clone(), g[1].clone()))
        .collect();
    assert_eq!(found, want, "pairs found");
    for (pair, (_, starts)) in pairs.iter().zip(&gold) {
        assert!(pair.a < pair.b);
        let folded: Vec<String> = pair.passages.iter().map(|p| fold(&p.text)).collect();
        for s in starts {
            let key: String = fold(s).chars().take(50).collect();
            assert!(
                folded.iter().any(|t| t.contains(&key)),
                "gold passage {key:?} not in {folded:#?}"
            );
        }
        for p in &pair.passages {
            let (ta, tb) = (texts[pair.a], texts[pair.b]);
            assert_eq!(&tb[p.b_start..p.b_end], p.text);
            // The a side starts and ends with the same words as the b side.
            let (wa, wb) = (fold(&ta[p.a_start..p.a_end]), fold(&p.text));
            assert_eq!(wa.split(' ').next(), wb.split(' ').next());
            assert_eq!(wa.rsplit(' ').next(), wb.rsplit(' ').next());
        }
        assert!(pair.similarity > 0.0 && pair.similarity < 0.8);
    }
}

#[test]
fn seeds_with_boilerplate_give_only_the_gold_pair() {
    let arts = seed_articles();
    assert_eq!(arts.len(), 5);
    let ids: Vec<&str> = arts.iter().map(|a| a.id.as_str()).collect();
    let texts: Vec<&str> = arts.iter().map(|a| a.text.as_str()).collect();
    check(&ids, &texts, &find_reuse(&arts));
}

#[test]
fn seeds_through_the_pipeline_give_only_the_gold_pair() {
    let ingested = recoupe::ingest::read_paths(&[SEEDS]);
    let analysis = recoupe::analyze(ingested.documents);
    let ids: Vec<&str> = analysis
        .articles
        .iter()
        .map(|a| a.clean.id.as_str())
        .collect();
    let texts: Vec<&str> = analysis
        .articles
        .iter()
        .map(|a| a.clean.text.as_str())
        .collect();
    check(&ids, &texts, &analysis.reuse);
}
