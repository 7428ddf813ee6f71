//! The pipeline: runs every stage over a batch of documents and returns an [`Analysis`].
//!
//! Callable without the CLI or the file system, so that a server or a Spark executor can run it on
//! batches it already holds in memory.

use rayon::prelude::*;

use crate::model::{
    Analysis, AnalyzedArticle, CleanArticle, Document, Entity, EntityKind, Quote, ReusePair, Story,
};
use crate::stages::{clean, dates, entities, extract, quotes, reuse, stories};
use crate::text::fold;

/// The steps of [`analyze_with_progress`], in order, as reported to its observer.
pub const STEPS: [&str; 5] = [
    "cleaning",
    "entities",
    "quotes and dates",
    "reuse",
    "stories",
];

/// Runs clean, per-article analysis, entity resolution, reuse and stories on a batch.
/// Documents are processed in id order; the output is deterministic.
pub fn analyze(docs: Vec<Document>) -> Analysis {
    analyze_with_progress(docs, &|_| {})
}

/// [`analyze`], calling `progress(i)` as step `STEPS[i]` starts (for progress bars).
pub fn analyze_with_progress(docs: Vec<Document>, progress: &(dyn Fn(usize) + Sync)) -> Analysis {
    let articles = analyze_articles_with_progress(docs, progress);
    let (reuse, stories) = corpus_stages(&articles, progress);
    Analysis {
        articles,
        stories,
        reuse,
    }
}

/// Runs the per-article stages (clean, entities, quotes, dates) on a batch, without the corpus
/// stages (reuse, stories), and returns the articles in id order. The store calls it on new
/// articles, then finds their reuse pairs and re-clusters stories from what it keeps of the
/// others (signatures and features, see `store::Store::add`).
pub fn analyze_articles(docs: Vec<Document>) -> Vec<AnalyzedArticle> {
    analyze_articles_with_progress(docs, &|_| {})
}

/// Only the clean stage on a batch: the same extraction as [`analyze`] (DOM extractor for pages,
/// line classifier for texts, cross-page template detection), without entities, quotes, dates
/// or the corpus stages, for users who want clean text alone. Articles come in id order, with
/// empty `entities`, `quotes` and `dates`.
pub fn clean_only(mut docs: Vec<Document>) -> Vec<AnalyzedArticle> {
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    clean_documents(docs)
        .into_iter()
        .map(|clean| AnalyzedArticle {
            clean,
            entities: Vec::new(),
            quotes: Vec::new(),
            dates: Vec::new(),
        })
        .collect()
}

/// The corpus stages over analysed articles (in id order): reuse pairs, then stories with their
/// event dates. Indexes in the result point into `articles`.
pub fn reuse_and_stories(articles: &[AnalyzedArticle]) -> (Vec<ReusePair>, Vec<Story>) {
    corpus_stages(articles, &|_| {})
}

fn analyze_articles_with_progress(
    mut docs: Vec<Document>,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<AnalyzedArticle> {
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    progress(0);
    let cleaned = clean_documents(docs);
    progress(1);
    let mentions: Vec<_> = cleaned.par_iter().map(entities::extract_mentions).collect();
    let resolved = entities::resolve(&cleaned, &mentions);
    progress(2);
    let mut articles: Vec<AnalyzedArticle> = cleaned
        .into_par_iter()
        .zip(resolved)
        .zip(mentions)
        .map(|((clean, entities), mentions)| {
            let found = quotes::extract(&clean, &mentions);
            let quotes = found
                .into_iter()
                .map(|q| Quote {
                    text: q.quoted_text(&clean.text),
                    speaker: q
                        .speaker
                        .as_deref()
                        .map(|s| canonical_speaker(s, q.speaker_span, &entities)),
                    start: q.start,
                    end: q.end,
                })
                .collect();
            let dates = dates::extract(&clean);
            AnalyzedArticle {
                clean,
                entities,
                quotes,
                dates,
            }
        })
        .collect();
    articles.sort_by(|a, b| a.clean.id.cmp(&b.clean.id));
    articles
}

fn corpus_stages(
    articles: &[AnalyzedArticle],
    progress: &(dyn Fn(usize) + Sync),
) -> (Vec<ReusePair>, Vec<Story>) {
    progress(3);
    let reuse = reuse::find_reuse(articles);
    progress(4);
    let mut stories = stories::cluster(articles, &reuse);
    for story in &mut stories {
        let dates: Vec<_> = story
            .articles
            .iter()
            .map(|&i| &articles[i].dates[..])
            .collect();
        let published: Vec<_> = story
            .articles
            .iter()
            .map(|&i| articles[i].clean.published)
            .collect();
        story.event_date = dates::event_date(&dates, &published);
    }
    (reuse, stories)
}

/// Cleans a batch: pages (documents with HTML) go through the DOM extractor, text documents
/// through the line classifier; the result is in id order.
pub fn clean_documents(docs: Vec<Document>) -> Vec<CleanArticle> {
    let (pages, texts): (Vec<Document>, Vec<Document>) =
        docs.into_iter().partition(|d| d.html.is_some());
    let mut cleaned = clean::clean_batch(&texts);
    drop(texts);
    if !pages.is_empty() {
        cleaned.extend(extract::extract_batch_owned(pages));
        cleaned.sort_by(|a, b| a.id.cmp(&b.id));
    }
    cleaned
}

/// The canonical name of a speaker: the entity whose mention covers the speaker's span, else a
/// person entity written the same way or sharing the surname, else the name as written.
pub fn canonical_speaker(
    surface: &str,
    span: Option<(usize, usize)>,
    entities: &[Entity],
) -> String {
    if let Some((s, e)) = span {
        if let Some(ent) = entities
            .iter()
            .find(|ent| ent.spans.iter().any(|m| m.start < e && s < m.end))
        {
            return ent.name.clone();
        }
    }
    let key = fold(surface);
    if let Some(ent) = entities
        .iter()
        .find(|ent| ent.mentions.iter().any(|m| fold(m) == key))
    {
        return ent.name.clone();
    }
    let last = key.rsplit([' ', '.']).next().unwrap_or(&key);
    entities
        .iter()
        .find(|ent| {
            ent.kind == EntityKind::Person && fold(&ent.name).rsplit(' ').next() == Some(last)
        })
        .map(|ent| ent.name.clone())
        .unwrap_or_else(|| surface.to_string())
}
