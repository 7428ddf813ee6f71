//! The pipeline: one [`Pipeline`], built from one [`Config`], runs every stage, either over a
//! batch ([`Pipeline::analyze`]) or incrementally over a state that persists between runs
//! ([`Pipeline::add`], the path of [`crate::store::Store::add`]).
//!
//! Callable without the CLI or the file system, so that a server or a Spark executor can run it on
//! batches it already holds in memory.
//!
//! ```
//! use recoupe::{Config, Document, Pipeline};
//! use recoupe::stages::reuse::ReuseConfig;
//!
//! let config = Config::builder()
//!     .reuse(ReuseConfig { min_unquoted_words: 12, ..ReuseConfig::default() })
//!     .build();
//! let pipeline = Pipeline::new(config);
//! let doc = |id: &str, text: &str| Document { id: id.into(), text: text.into(), ..Document::default() };
//! let analysis = pipeline.analyze(vec![doc("b", "Second article."), doc("a", "First article.")]);
//! assert_eq!(analysis.articles[0].clean.id, "a");
//! ```

mod incremental;

pub use incremental::{Added, Features, State, StoryInput};

use std::collections::HashMap;

use rayon::prelude::*;

use crate::model::{
    Analysis, AnalyzedArticle, CleanArticle, Document, Entity, EntityKind, Quote, ReusePair, Story,
};
use crate::stages::reuse::{self, ReuseConfig};
use crate::stages::stories::{Settings, StoryIndex};
use crate::stages::{clean, dates, entities, extract, quotes};
use crate::text::fold;

/// The steps of [`Pipeline::analyze_with_progress`], in order, as reported to its observer.
pub const STEPS: [&str; 5] = [
    "cleaning",
    "entities",
    "quotes and dates",
    "reuse",
    "stories",
];

/// Every setting of the pipeline, one field per stage that has settings; build it with
/// [`Config::builder`] or take [`Config::default`] (the settings every figure in the README was
/// measured with). It reads from and writes to JSON (`recoupe config` prints the defaults); a
/// field left out keeps its default, an unknown field is an error.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Reuse detection: shingles, LSH bands, candidate limits, alignment (see [`ReuseConfig`]).
    pub reuse: ReuseConfig,
    /// Story clustering: similarity thresholds and feature weights (see [`Settings`]).
    pub stories: Settings,
}

impl Config {
    /// A builder starting from the default settings.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Reads a configuration from JSON text (see [`Config`] for missing and unknown fields); the
    /// error gives the line and column.
    pub fn from_json(text: &str) -> Result<Config, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The configuration as pretty-printed JSON, every field written.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("settings serialise")
    }
}

/// Builds a [`Config`] from the defaults, one stage's settings at a time.
#[derive(Debug, Clone, Default)]
pub struct ConfigBuilder {
    config: Config,
}

impl ConfigBuilder {
    /// Sets the reuse-detection settings.
    pub fn reuse(mut self, reuse: ReuseConfig) -> Self {
        self.config.reuse = reuse;
        self
    }

    /// Sets the story-clustering settings.
    pub fn stories(mut self, stories: Settings) -> Self {
        self.config.stories = stories;
        self
    }

    /// The finished configuration.
    pub fn build(self) -> Config {
        self.config
    }
}

/// Runs the stages with one [`Config`]: cheap to clone, shareable between threads.
#[derive(Debug, Clone, Default)]
pub struct Pipeline {
    config: Config,
}

/// Runs clean, per-article analysis, entity resolution, reuse and stories on a batch with the
/// default [`Config`] (shorthand for `Pipeline::default().analyze(docs)`).
pub fn analyze(docs: Vec<Document>) -> Analysis {
    Pipeline::default().analyze(docs)
}

impl Pipeline {
    /// A pipeline running with `config`.
    pub fn new(config: Config) -> Self {
        Self { config }
    }

    /// The settings this pipeline runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Runs clean, per-article analysis, entity resolution, reuse and stories on a batch.
    /// Documents are processed in id order; the output is deterministic.
    pub fn analyze(&self, docs: Vec<Document>) -> Analysis {
        self.analyze_with_progress(docs, &|_| {})
    }

    /// [`Pipeline::analyze`], calling `progress(i)` as step `STEPS[i]` starts (for progress bars).
    pub fn analyze_with_progress(
        &self,
        docs: Vec<Document>,
        progress: &(dyn Fn(usize) + Sync),
    ) -> Analysis {
        let articles = analyze_articles(docs, progress);
        let (reuse, stories) = self.corpus_stages(&articles, progress);
        Analysis {
            articles,
            stories,
            reuse,
        }
    }

    /// Only the clean stage on a batch: the same extraction as [`Pipeline::analyze`] (DOM
    /// extractor for pages, line classifier for texts, cross-page template detection), without
    /// entities, quotes, dates or the corpus stages, for users who want clean text alone.
    /// Articles come in id order, with empty `entities`, `quotes` and `dates`.
    pub fn clean_only(&self, mut docs: Vec<Document>) -> Vec<AnalyzedArticle> {
        docs.sort_by(|a, b| a.id.cmp(&b.id));
        clean_documents(docs)
            .into_iter()
            .map(|clean| AnalyzedArticle {
                clean,
                ..AnalyzedArticle::default()
            })
            .collect()
    }

    /// The corpus stages over analysed articles (in id order): reuse pairs, then stories with
    /// their event dates. Indexes in the result point into `articles`.
    fn corpus_stages(
        &self,
        articles: &[AnalyzedArticle],
        progress: &(dyn Fn(usize) + Sync),
    ) -> (Vec<ReusePair>, Vec<Story>) {
        progress(3);
        let reuse = reuse::find_reuse_with(articles, &self.config.reuse);
        progress(4);
        let mut index = StoryIndex::new(self.config.stories.clone());
        index.add(articles, &reuse);
        let mut stories = index.stories();
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
}

/// The per-article stages (clean, entities, quotes, dates) on a batch, without the corpus stages;
/// articles come in id order.
fn analyze_articles(
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
            // Indexed only for an article with quotes (most have none).
            let names = std::cell::OnceCell::new();
            let quotes = found
                .into_iter()
                .map(|q| Quote {
                    text: q.quoted_text(&clean.text),
                    speaker: q.speaker.as_deref().map(|s| {
                        let names = names.get_or_init(|| SpeakerNames::new(&entities));
                        names.canonical(s, q.speaker_span)
                    }),
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
    SpeakerNames::new(entities).canonical(surface, span)
}

/// The entities of one article indexed once for [`canonical_speaker`]: each quote then costs a
/// lookup, not a pass over every entity and mention (a long article has thousands of both).
pub struct SpeakerNames<'a> {
    entities: &'a [Entity],
    /// (start, end, entity index) of every mention, by start.
    spans: Vec<(usize, usize, usize)>,
    /// Length of the longest mention span.
    longest: usize,
    /// Folded mention → first entity written so.
    by_mention: HashMap<String, usize>,
    /// Folded last word of a person's name → first such person.
    by_surname: HashMap<String, usize>,
}

impl<'a> SpeakerNames<'a> {
    /// Indexes `entities` (in their order: the first entity that fits wins, as in a scan).
    pub fn new(entities: &'a [Entity]) -> Self {
        let mut spans: Vec<(usize, usize, usize)> = entities
            .iter()
            .enumerate()
            .flat_map(|(i, ent)| ent.spans.iter().map(move |m| (m.start, m.end, i)))
            .collect();
        spans.sort_unstable();
        let longest = spans.iter().map(|&(s, e, _)| e - s).max().unwrap_or(0);
        let (mut by_mention, mut by_surname) = (HashMap::new(), HashMap::new());
        for (i, ent) in entities.iter().enumerate() {
            for m in &ent.mentions {
                by_mention.entry(fold(m)).or_insert(i);
            }
            if ent.kind == EntityKind::Person {
                let name = fold(&ent.name);
                let last = name.rsplit(' ').next().unwrap_or_default().to_string();
                by_surname.entry(last).or_insert(i);
            }
        }
        Self {
            entities,
            spans,
            longest,
            by_mention,
            by_surname,
        }
    }

    /// The canonical name of the speaker written `surface` at `span` (see [`canonical_speaker`]).
    pub fn canonical(&self, surface: &str, span: Option<(usize, usize)>) -> String {
        let found = span.and_then(|(s, e)| self.covering(s, e)).or_else(|| {
            let key = fold(surface);
            self.by_mention.get(&key).copied().or_else(|| {
                let last = key.rsplit([' ', '.']).next().unwrap_or(&key);
                self.by_surname.get(last).copied()
            })
        });
        match found {
            Some(i) => self.entities[i].name.clone(),
            None => surface.to_string(),
        }
    }

    /// The first entity (in entity order) with a mention overlapping `[s, e)`.
    fn covering(&self, s: usize, e: usize) -> Option<usize> {
        let from = self
            .spans
            .partition_point(|&(start, _, _)| start + self.longest <= s);
        self.spans[from..]
            .iter()
            .take_while(|&&(start, _, _)| start < e)
            .filter(|&&(_, end, _)| s < end)
            .map(|&(_, _, i)| i)
            .min()
    }
}
