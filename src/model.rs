//! The data model shared by every stage: what flows from ingest to export.
//!
//! Offsets inside the library are byte offsets into the article's clean `text` (Rust string
//! indices); the export converts them to character offsets once, at the boundary.

use serde::{Deserialize, Serialize};

/// Where a document came from, so that every message can name the file (and line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Origin {
    /// The input file.
    pub path: String,
    /// 1-based line in the file for line-oriented formats (JSONL), `None` for whole files.
    pub line: Option<usize>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path, line),
            None => write!(f, "{}", self.path),
        }
    }
}

/// One input article as read from disk, before any cleaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Document {
    /// Stable article id (FORMAT.md: file stem, JSONL `id`).
    pub id: String,
    /// Where it was read from.
    pub origin: Origin,
    /// Headline given by the input itself (JSONL `title`), if any.
    pub title: Option<String>,
    /// The raw text (NFC, BOM removed, line ends normalised to `\n`); empty for HTML input
    /// until the extract stage has read the page.
    pub text: String,
    /// The decoded HTML of the page, for HTML and WARC input (`None` for text input).
    pub html: Option<String>,
    /// URL of the page, when known.
    pub url: Option<String>,
    /// Outlet (domain or name), when known.
    pub source: Option<String>,
    /// Publication day, when known (read at ingest by [`crate::calendar::parse_published`];
    /// an unreadable date is an input warning and leaves this empty).
    pub published: Option<jiff::civil::Date>,
}

/// Why a line or block was dropped from the article body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum DropReason {
    /// Subscription, donation, shop or login prompts.
    Subscription,
    /// Share buttons, social widgets, "powered by" plugin lines.
    Widget,
    /// Reader comments and the comment section around them.
    Comments,
    /// Photo credits and image captions.
    ImageCredit,
    /// Teasers for other articles ("Plus d'articles", related headlines).
    Teaser,
    /// Menus, breadcrumbs, "Retour", section labels.
    Navigation,
    /// Lines written in another script than the article.
    ForeignScript,
    /// Page clocks, timestamps and other metadata lines.
    Metadata,
    /// A repeat of the title or of another line of the same article.
    Repeated,
    /// A shortened copy (teaser) of a later paragraph of the same article.
    TruncatedCopy,
    /// A line seen in many articles of the corpus (template).
    Template,
    /// Source lines ("Source: …") and bylines outside the text.
    Credit,
    /// Cookie and consent banners (HTML input).
    Cookie,
    /// Newsletter sign-up boxes (HTML input).
    Newsletter,
    /// Page footers: legal notices, copyright, site links (HTML input).
    Footer,
    /// A block of the page outside the article body, with no more specific reason (HTML input).
    OffContent,
}

impl DropReason {
    /// A short human-readable explanation, used in reports and the web page.
    pub fn explain(self) -> &'static str {
        match self {
            DropReason::Subscription => "subscription, donation or shop prompt",
            DropReason::Widget => "share or social widget",
            DropReason::Comments => "reader comments",
            DropReason::ImageCredit => "image credit or caption",
            DropReason::Teaser => "teaser for another article",
            DropReason::Navigation => "navigation or menu",
            DropReason::ForeignScript => "written in another script than the article",
            DropReason::Metadata => "page metadata (clock, timestamp)",
            DropReason::Repeated => "repeats the title or another line",
            DropReason::TruncatedCopy => "truncated copy of a later paragraph",
            DropReason::Template => "template line seen in many articles",
            DropReason::Credit => "source or byline line",
            DropReason::Cookie => "cookie or consent banner",
            DropReason::Newsletter => "newsletter sign-up box",
            DropReason::Footer => "page footer",
            DropReason::OffContent => "outside the article body",
        }
    }
}

/// A block removed from the article, with the reason, so cleaning can be explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedBlock {
    /// 1-based line number in the raw document text.
    pub line: usize,
    /// The text as it was in the input.
    pub text: String,
    /// Why it was dropped.
    pub reason: DropReason,
}

/// An article after cleaning: what the journalist wrote, and what was taken out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CleanArticle {
    /// Article id.
    pub id: String,
    /// Where it came from.
    pub origin: Origin,
    /// Headline, when one was found.
    pub title: Option<String>,
    /// Clean body: paragraphs joined by `\n`, title excluded.
    pub text: String,
    /// Raw 1-based line number of each paragraph of `text` (same order).
    pub paragraph_lines: Vec<usize>,
    /// What was removed, and why.
    pub dropped: Vec<DroppedBlock>,
    /// Reader comments, kept apart from the article text.
    pub comments: Vec<String>,
    /// ISO 639-1 language code.
    pub language: String,
    /// URL when known.
    pub url: Option<String>,
    /// Outlet when known.
    pub source: Option<String>,
    /// Publication day when known.
    pub published: Option<jiff::civil::Date>,
}

/// Entity types, as in FORMAT.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub enum EntityKind {
    /// A person.
    #[serde(rename = "PER")]
    Person,
    /// An organisation, institution, armed group, outlet.
    #[serde(rename = "ORG")]
    Organisation,
    /// A place: country, city, region.
    #[serde(rename = "LOC")]
    Location,
    /// Anything else that is named.
    #[serde(rename = "MISC")]
    Misc,
}

/// One mention of an entity in an article's clean text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Surface string as written.
    pub surface: String,
    /// Byte offset of the start in the clean text (title mentions are not located).
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
    /// Type guessed for this mention.
    pub kind: EntityKind,
}

/// An entity of one article: its corpus-wide canonical name and every way it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name, the same across articles for the same real entity.
    pub name: String,
    /// Type.
    pub kind: EntityKind,
    /// Surface strings as written in this article (distinct, in order of first appearance).
    pub mentions: Vec<String>,
    /// The located mentions (byte offsets into the clean text).
    #[serde(skip)]
    pub spans: Vec<Mention>,
}

/// A direct quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the quote marks.
    pub text: String,
    /// Canonical name of the speaker, when found.
    pub speaker: Option<String>,
    /// Byte offset of the first quoted character in the clean text.
    pub start: usize,
    /// Byte offset just past the last quoted character.
    pub end: usize,
}

/// A date expression and its resolved value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// The expression as written.
    pub text: String,
    /// Resolved ISO date (`YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only that is known).
    pub value: Option<String>,
    /// Byte offset of the start in the clean text.
    pub start: usize,
    /// Byte offset of the end.
    pub end: usize,
}

/// Per-article analysis: the clean article plus everything read from its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct AnalyzedArticle {
    /// The cleaned article.
    pub clean: CleanArticle,
    /// Entities, canonical names resolved across the corpus.
    pub entities: Vec<Entity>,
    /// Direct quotations.
    pub quotes: Vec<Quote>,
    /// Date expressions.
    pub dates: Vec<DateMention>,
}

impl AsRef<CleanArticle> for CleanArticle {
    fn as_ref(&self) -> &CleanArticle {
        self
    }
}

impl AsRef<CleanArticle> for AnalyzedArticle {
    fn as_ref(&self) -> &CleanArticle {
        &self.clean
    }
}

/// How two articles share text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReuseKind {
    /// The same clean text.
    Duplicate,
    /// Almost the same text (a few words changed).
    NearDuplicate,
    /// Some passages in common.
    Partial,
}

/// A passage shared by two articles (byte offsets in each clean text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedPassage {
    /// The passage as it reads in `b`.
    pub text: String,
    /// Start in `a`.
    pub a_start: usize,
    /// End in `a`.
    pub a_end: usize,
    /// Start in `b`.
    pub b_start: usize,
    /// End in `b`.
    pub b_end: usize,
}

/// A pair of articles that share text. `a` and `b` are indexes into the batch of articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReusePair {
    /// Index of the first article (the smaller id).
    pub a: usize,
    /// Index of the second article.
    pub b: usize,
    /// Duplicate, near duplicate or partial.
    pub kind: ReuseKind,
    /// Index of the earlier article when dates tell it.
    pub source: Option<usize>,
    /// Similarity in [0, 1].
    pub similarity: f64,
    /// Shared passages with offsets in both texts.
    pub passages: Vec<SharedPassage>,
}

/// A story: articles telling the same real-world event. `articles` are indexes into the batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Stable story id.
    pub id: String,
    /// A representative headline.
    pub title: String,
    /// Member articles (indexes), in time order when dates are known.
    pub articles: Vec<usize>,
    /// First publication date among members.
    pub first: Option<String>,
    /// Last publication date among members.
    pub last: Option<String>,
    /// Storyline id shared by stories that follow each other.
    pub storyline: Option<String>,
    /// Date of the story's event (set by the pipeline from the members' dates).
    #[serde(default)]
    pub event_date: Option<String>,
}

/// Everything recoupe knows about a batch of articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Analysis {
    /// Articles, in a stable order (by id).
    pub articles: Vec<AnalyzedArticle>,
    /// Stories; every article is in exactly one.
    pub stories: Vec<Story>,
    /// Pairs of articles sharing text.
    pub reuse: Vec<ReusePair>,
}
