//! Story clustering on the real seed articles, through the real pipeline.

use std::collections::BTreeSet;

use recoupe::stages::stories::{cluster, Settings, StoryIndex};
use recoupe::{AnalyzedArticle, Story};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/seeds");

fn seeds() -> recoupe::Analysis {
    let ingested = recoupe::ingest::read_paths(&[SEEDS]);
    assert!(ingested.errors.is_empty());
    recoupe::analyze(ingested.documents)
}

/// Stories as sets of article-id prefixes ("000", "001", …), sorted.
fn groups(stories: &[Story], articles: &[AnalyzedArticle]) -> BTreeSet<BTreeSet<String>> {
    stories
        .iter()
        .map(|s| {
            s.articles
                .iter()
                .map(|&i| articles[i].clean.id[..3].to_string())
                .collect()
        })
        .collect()
}

fn set(ids: &[&[&str]]) -> BTreeSet<BTreeSet<String>> {
    ids.iter()
        .map(|g| g.iter().map(|s| s.to_string()).collect())
        .collect()
}

#[test]
fn seeds_form_the_three_gold_stories() {
    let a = seeds();
    assert_eq!(
        groups(&a.stories, &a.articles),
        set(&[&["000", "001", "004"], &["002"], &["003"]])
    );
}

#[test]
fn every_article_in_exactly_one_story_with_title_and_id() {
    let a = seeds();
    let mut seen = vec![0; a.articles.len()];
    for s in &a.stories {
        assert!(!s.title.trim().is_empty());
        assert!(s.id.starts_with('s'));
        for &i in &s.articles {
            seen[i] += 1;
        }
    }
    assert!(seen.iter().all(|&n| n == 1), "{seen:?}");
    let ids: BTreeSet<&str> = a.stories.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.len(), a.stories.len());
}

#[test]
fn clustering_is_deterministic() {
    let a = seeds();
    // The pipeline adds each story's event date after clustering; compare the clustering alone.
    let clustered: Vec<_> = a
        .stories
        .iter()
        .cloned()
        .map(|s| recoupe::Story {
            event_date: None,
            ..s
        })
        .collect();
    let again = cluster(&a.articles, &a.reuse);
    assert_eq!(clustered, again);
    assert_eq!(seeds().stories, a.stories);
}

#[test]
fn two_batches_give_the_same_grouping_and_ids_as_one() {
    let a = seeds();
    let mut index = StoryIndex::new(Settings::default());
    let first = index.add(&a.articles[..3], &[]);
    assert_eq!(first, 0);
    let ids_before: BTreeSet<String> = index.stories().into_iter().map(|s| s.id).collect();
    let second = index.add(&a.articles[3..], &[]);
    assert_eq!(second, 3);
    let stories = index.stories();
    assert_eq!(index.len(), a.articles.len());
    assert_eq!(
        groups(&stories, &a.articles),
        groups(&a.stories, &a.articles)
    );
    // Story ids opened by the first batch survive the second one.
    let ids_after: BTreeSet<String> = stories.into_iter().map(|s| s.id).collect();
    assert!(ids_before.is_subset(&ids_after));
}

#[test]
fn untitled_stories_take_a_first_sentence_as_title() {
    let a = seeds();
    let s = a
        .stories
        .iter()
        .find(|s| {
            s.articles
                .iter()
                .any(|&i| a.articles[i].clean.id.starts_with("003"))
        })
        .unwrap();
    let text = &a.articles[s.articles[0]].clean.text;
    match &a.articles[s.articles[0]].clean.title {
        Some(t) => assert_eq!(&s.title, t),
        None => assert!(text.starts_with(&s.title), "{}", s.title),
    }
}
