//! The corpus-wide quote index on the real seeds: seeds 000 and 001 print the same statements of
//! the same spokesman, which the index groups once with both articles.

use recoupe::model::Document;

fn doc(id: &str) -> Document {
    let path = format!(
        "{}/../shared/corpus/seeds/{id}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    Document {
        id: id.to_string(),
        text: recoupe::text::normalize_input(&std::fs::read_to_string(path).unwrap()),
        source: Some(format!("outlet-{}", &id[..3])),
        published: recoupe::calendar::day(2016, 12, 12),
        ..Default::default()
    }
}

#[test]
fn repeated_quote_across_two_articles_is_grouped() {
    let analysis = recoupe::analyze(vec![
        doc("000_3f186ae45b18a075"),
        doc("001_49956c56bab0c0de"),
    ]);
    let index = recoupe::speakers::index(&analysis);
    assert!(!index.is_empty());
    let repeated: Vec<_> = index
        .iter()
        .flat_map(|s| s.quotes.iter().map(move |q| (s, q)))
        .filter(|(_, q)| q.occurrences.len() >= 2)
        .collect();
    assert!(!repeated.is_empty(), "{index:#?}");
    for (s, q) in &repeated {
        let arts: Vec<&str> = q.occurrences.iter().map(|o| &o.article[..3]).collect();
        assert!(arts.contains(&"000") && arts.contains(&"001"), "{arts:?}");
        assert_eq!(q.outlets, ["outlet-000", "outlet-001"]);
        // the grouped quotation is one of the texts as printed, by the speaker of both
        assert!(q.occurrences.iter().any(|o| o.text == q.text));
        for o in &q.occurrences {
            let a = analysis
                .articles
                .iter()
                .find(|a| a.clean.id == o.article)
                .unwrap();
            assert_eq!(
                a.quotes[o.quote].speaker.as_deref(),
                Some(s.speaker.as_str())
            );
        }
    }
    // Every attributed quote of the batch appears exactly once in the index.
    let n_index: usize = index
        .iter()
        .flat_map(|s| &s.quotes)
        .map(|q| q.occurrences.len())
        .sum();
    let n_attr = analysis
        .articles
        .iter()
        .flat_map(|a| &a.quotes)
        .filter(|q| q.speaker.is_some())
        .count();
    assert_eq!(n_index, n_attr);
}

/// The store (behind the web page and the API) groups a speaker's quotes exactly as the CLI
/// report and `speakers.jsonl` do: same groups, same articles, same fullest text.
#[test]
fn store_groups_quotes_like_the_cli_index() {
    let docs: Vec<Document> = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/seeds"
    ))
    .unwrap()
    .map(|e| e.unwrap().path())
    .filter(|p| p.extension().is_some_and(|x| x == "txt"))
    .map(|p| doc(p.file_stem().unwrap().to_str().unwrap()))
    .collect();
    let index = recoupe::speakers::index(&recoupe::analyze(docs.clone()));
    let dir = tempfile::tempdir().unwrap();
    let mut store = recoupe::store::Store::open(dir.path()).unwrap();
    store.add(docs).unwrap();
    let mut compared = 0;
    for s in &index {
        let detail = store
            .speaker(&s.speaker)
            .unwrap()
            .expect("speaker in the store");
        let cli: Vec<(String, Vec<String>)> = s
            .quotes
            .iter()
            .map(|q| {
                let arts = q.occurrences.iter().map(|o| o.article.clone()).collect();
                (q.text.clone(), arts)
            })
            .collect();
        let web: Vec<(String, Vec<String>)> = detail
            .quotes
            .iter()
            .map(|q| {
                let arts = q.occurrences.iter().map(|o| o.article.clone()).collect();
                (q.text.clone(), arts)
            })
            .collect();
        assert_eq!(cli, web, "speaker {}", s.speaker);
        compared += cli.len();
    }
    assert!(compared >= 5, "only {compared} quotes compared");
}
