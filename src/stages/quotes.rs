//! Quotes: direct quotations and who said them.

use crate::model::{CleanArticle, Mention};

/// A quotation found in an article, with the speaker as the text names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundQuote {
    /// Byte offset of the first quoted character in the clean text.
    pub start: usize,
    /// Byte offset past the last quoted character.
    pub end: usize,
    /// The speaker as written (for a pronoun, the name it refers to), when found.
    pub speaker: Option<String>,
    /// Byte span of that speaker name in the clean text, when it is located there.
    pub speaker_span: Option<(usize, usize)>,
}

/// Finds the direct quotations of an article. `mentions` are the article's entity mentions.
pub fn extract(_article: &CleanArticle, _mentions: &[Mention]) -> Vec<FoundQuote> {
    Vec::new()
}
