//! Reuse: duplicates, near-duplicates and shared passages between articles.

use crate::model::{CleanArticle, ReusePair};

/// Finds the pairs of articles of a batch that share text.
pub fn find_reuse(_articles: &[CleanArticle]) -> Vec<ReusePair> {
    Vec::new()
}
