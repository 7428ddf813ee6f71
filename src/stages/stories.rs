//! Stories: articles grouped by the real-world event they tell, linked into storylines.

use crate::model::{AnalyzedArticle, ReusePair, Story};

/// Groups a batch of analysed articles into stories (every article in exactly one).
pub fn cluster(articles: &[AnalyzedArticle], _reuse: &[ReusePair]) -> Vec<Story> {
    articles
        .iter()
        .enumerate()
        .map(|(i, a)| Story {
            id: format!("s{i}"),
            title: a.clean.title.clone().unwrap_or_default(),
            articles: vec![i],
            first: a.clean.published.clone(),
            last: a.clean.published.clone(),
            storyline: None,
        })
        .collect()
}
