//! The pipeline: runs every stage over a batch of documents and returns an [`Analysis`].
//!
//! Callable without the CLI or the file system, so that a server or a Spark executor can run it on
//! batches it already holds in memory.

use rayon::prelude::*;

use crate::model::{Analysis, AnalyzedArticle, Document, Entity, EntityKind, Quote};
use crate::stages::{clean, dates, entities, quotes, reuse, stories};
use crate::text::fold;

/// Runs clean, per-article analysis, entity resolution, reuse and stories on a batch.
/// Documents are processed in id order; the output is deterministic.
pub fn analyze(docs: Vec<Document>) -> Analysis {
    let articles = analyze_articles(docs);
    let reuse = {
        let cleans: Vec<_> = articles.iter().map(|a| a.clean.clone()).collect();
        reuse::find_reuse(&cleans)
    };
    let stories = stories::cluster(&articles, &reuse);
    Analysis {
        articles,
        stories,
        reuse,
    }
}

/// Runs the per-article stages (clean, entities, quotes, dates) on a batch, without the corpus
/// stages (reuse, stories), and returns the articles in id order. The store calls it on new
/// articles, then runs reuse and stories over everything it holds.
pub fn analyze_articles(mut docs: Vec<Document>) -> Vec<AnalyzedArticle> {
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    let cleaned = clean::clean_batch(&docs);
    drop(docs);
    let mentions: Vec<_> = cleaned.par_iter().map(entities::extract_mentions).collect();
    let resolved = entities::resolve(&cleaned, &mentions);
    let mut articles: Vec<AnalyzedArticle> = cleaned
        .into_par_iter()
        .zip(resolved)
        .zip(mentions)
        .map(|((clean, entities), mentions)| {
            let found = quotes::extract(&clean, &mentions);
            let quotes = found
                .into_iter()
                .map(|q| Quote {
                    text: clean.text[q.start..q.end].to_string(),
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
