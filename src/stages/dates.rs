//! Dates: date expressions in the text, resolved against the publication date.

use crate::model::{CleanArticle, DateMention};

/// Finds the date expressions of an article.
pub fn extract(_article: &CleanArticle) -> Vec<DateMention> {
    Vec::new()
}
