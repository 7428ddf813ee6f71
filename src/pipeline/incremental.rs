//! The incremental path of the pipeline: new articles are analysed, paired with the articles a
//! [`State`] already holds and the stories re-clustered, with text work for the new articles
//! (and the few old ones they are aligned with) only.
//!
//! The state keeps, per article, what the corpus stages need of it without its text: the reuse
//! signature and the story features, as opaque byte strings this module encodes and decodes.
//! A missing or outdated one (written by an older build or under other settings) is recomputed
//! from the stored article and written back.

use std::borrow::Cow;
use std::collections::HashMap;

use anyhow::Result;
use jiff::civil::Date;
use rayon::prelude::*;

use super::Pipeline;
use crate::model::{AnalyzedArticle, DateMention, Document, ReuseKind, ReusePair, Story};
use crate::stages::dates;
use crate::stages::reuse::{self, Signature, Texts};
use crate::stages::stories::{self, ArticleFeatures, StoryIndex};

/// What the incremental path reads from and writes to the state that persists between runs
/// (the store, in [`crate::store`]). Articles are named by id; "in id order" means sorted by id.
pub trait State {
    /// Writes one analysed article, replacing any stored under its id (with everything derived
    /// from it), with its reuse signature and story features.
    fn put_article(
        &mut self,
        article: &AnalyzedArticle,
        signature: &[u8],
        story: &Features,
    ) -> Result<()>;
    /// Calls `f` with every stored article id, in id order, and its stored reuse signature.
    fn for_each_signature(&mut self, f: &mut dyn FnMut(String, Option<&[u8]>)) -> Result<()>;
    /// Replaces the stored reuse signature of article `id`.
    fn put_signature(&mut self, id: &str, signature: &[u8]) -> Result<()>;
    /// The clean text and publication day of stored article `id`.
    fn text(&mut self, id: &str) -> Result<(String, Option<Date>)>;
    /// Writes one reuse pair (ids of `a`, `b` and the source), replacing any stored for it.
    fn put_reuse(&mut self, a: &str, b: &str, source: Option<&str>, pair: &ReusePair)
        -> Result<()>;
    /// Calls `f` with every stored article, in id order, as story clustering reads it.
    fn for_each_story_input(&mut self, f: &mut dyn FnMut(StoryInput<'_>)) -> Result<()>;
    /// Stored article `id` with its entities (what story features are extracted from).
    fn article(&mut self, id: &str) -> Result<AnalyzedArticle>;
    /// Replaces the stored story features of article `id`.
    fn put_features(&mut self, id: &str, story: &Features) -> Result<()>;
    /// Calls `f` with every stored reuse pair: ids of `a` and `b`, kind, similarity.
    fn for_each_reuse(&mut self, f: &mut dyn FnMut(&str, &str, ReuseKind, f64)) -> Result<()>;
    /// Calls `f` with every stored date mention and the id of its article, in id order.
    fn for_each_date(&mut self, f: &mut dyn FnMut(&str, DateMention)) -> Result<()>;
    /// Replaces the stories with `stories` (article indexes into `ids`, every stored article in
    /// id order).
    fn put_stories(&mut self, ids: &[String], stories: &[Story]) -> Result<()>;
}

/// An article's story features as a state keeps them: the story title and the encoded features.
pub struct Features {
    /// The title story labels are made from ([`stories::story_title`]).
    pub title: String,
    /// [`ArticleFeatures`] encoded (see [`ArticleFeatures::to_bytes`]).
    pub bytes: Vec<u8>,
}

impl Features {
    fn of(a: &AnalyzedArticle) -> Self {
        Self {
            title: stories::story_title(a),
            bytes: stories::extract(a).to_bytes(),
        }
    }
}

/// One stored article as story clustering reads it.
pub struct StoryInput<'a> {
    /// Article id.
    pub id: String,
    /// Publication day.
    pub published: Option<Date>,
    /// Whether the article has a real headline.
    pub headline: bool,
    /// Stored story title, if features are stored.
    pub title: Option<String>,
    /// Stored encoded story features.
    pub features: Option<&'a [u8]>,
}

/// What one [`Pipeline::add`] did.
pub struct Added {
    /// The new articles as analysed, in id order.
    pub articles: Vec<AnalyzedArticle>,
    /// Articles in the state after the add.
    pub total: usize,
}

impl Pipeline {
    /// Analyses `docs` (new articles, or new versions of stored ones) and brings `state` up to
    /// date: the articles are written, the reuse pairs that involve one of them are found against
    /// every stored article, and the stories of the whole state are re-clustered from stored
    /// features (no text) with their event dates.
    ///
    /// Reuse pairs between two older articles stay as stored, so results can differ slightly
    /// from one batch over everything: the per-article cap on pairs
    /// ([`reuse::ReuseConfig::max_pairs_per_article`]) drops old pairs in a batch but not here.
    /// Entity names are resolved within each call's articles.
    pub fn add<S: State + ?Sized>(&self, state: &mut S, docs: Vec<Document>) -> Result<Added> {
        let articles = super::analyze_articles(docs, &|_| {});
        let cfg = &self.config().reuse;
        let texts: Vec<&str> = articles.iter().map(|a| a.clean.text.as_str()).collect();
        let signatures = Signature::of_all(&texts, cfg);
        let features: Vec<Features> = articles.par_iter().map(Features::of).collect();
        for ((a, sig), f) in articles.iter().zip(&signatures).zip(&features) {
            state.put_article(a, &sig.to_bytes(cfg), f)?;
        }
        drop((signatures, features));
        self.update_reuse(state, &articles)?;
        let total = self.update_stories(state)?;
        Ok(Added { articles, total })
    }

    /// Finds and writes the reuse pairs that involve an article of `fresh` (just written),
    /// against every stored article.
    fn update_reuse<S: State + ?Sized>(
        &self,
        state: &mut S,
        fresh: &[AnalyzedArticle],
    ) -> Result<()> {
        let cfg = &self.config().reuse;
        let (ids, sigs) = load_signatures(state, cfg)?;
        let by_id: HashMap<&str, &AnalyzedArticle> =
            fresh.iter().map(|a| (a.clean.id.as_str(), a)).collect();
        let is_new: Vec<bool> = ids
            .iter()
            .map(|id| by_id.contains_key(id.as_str()))
            .collect();
        let (todo, duplicates) = reuse::incremental_candidates(&sigs, &is_new, cfg);
        drop(sigs);
        let mut involved: Vec<usize> = todo
            .iter()
            .flat_map(|&k| {
                let (a, b) = reuse::lsh::unpack(k);
                [a, b]
            })
            .collect();
        involved.sort_unstable();
        involved.dedup();
        let mut texts = SomeTexts {
            count: ids.len(),
            texts: HashMap::with_capacity(involved.len()),
        };
        for i in involved {
            let entry = match by_id.get(ids[i].as_str()) {
                Some(a) => (Cow::Borrowed(a.clean.text.as_str()), a.clean.published),
                None => {
                    let (t, p) = state.text(&ids[i])?;
                    (Cow::Owned(t), p)
                }
            };
            texts.texts.insert(i, entry);
        }
        for p in reuse::align_pairs(&texts, &todo, &duplicates, cfg) {
            let source = p.source.map(|s| ids[s].as_str());
            state.put_reuse(&ids[p.a], &ids[p.b], source, &p)?;
        }
        Ok(())
    }

    /// Re-clusters the stories of the whole state from the stored story features and reuse pairs
    /// (no text), with their event dates, and writes them. Features missing or unreadable are
    /// extracted from the stored articles and written back. Returns the number of articles.
    fn update_stories<S: State + ?Sized>(&self, state: &mut S) -> Result<usize> {
        let mut rows: Vec<StoryRow> = Vec::new();
        state.for_each_story_input(&mut |r| {
            let stored = r.features.and_then(ArticleFeatures::from_bytes);
            rows.push(StoryRow {
                stored: r.title.clone().zip(stored),
                input: StoryInput {
                    id: r.id,
                    published: r.published,
                    headline: r.headline,
                    title: None,
                    features: None,
                },
            });
        })?;
        // Filled after the scan, not while the state is being read.
        for row in rows.iter_mut().filter(|r| r.stored.is_none()) {
            let a = state.article(&row.input.id)?;
            let features = stories::extract(&a);
            let f = Features {
                title: stories::story_title(&a),
                bytes: features.to_bytes(),
            };
            state.put_features(&row.input.id, &f)?;
            row.stored = Some((f.title, features));
        }
        let mut index = StoryIndex::new(self.config().stories.clone());
        let mut ids = Vec::with_capacity(rows.len());
        let mut published = Vec::with_capacity(rows.len());
        for StoryRow { input, stored } in rows {
            let (title, features) = stored.expect("filled above");
            ids.push(input.id.clone());
            published.push(input.published);
            index.add_features(input.id, title, input.headline, input.published, features);
        }
        let pos: HashMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        state.for_each_reuse(&mut |a, b, kind, similarity| {
            if let (Some(&a), Some(&b)) = (pos.get(a), pos.get(b)) {
                index.add_reuse(a, b, kind, similarity);
            }
        })?;
        let mut found = index.stories();
        drop(index);
        let mut mentions: Vec<Vec<DateMention>> = vec![Vec::new(); ids.len()];
        state.for_each_date(&mut |id, d| {
            if let Some(&i) = pos.get(id) {
                mentions[i].push(d);
            }
        })?;
        for story in &mut found {
            let d: Vec<&[DateMention]> = story.articles.iter().map(|&i| &mentions[i][..]).collect();
            let p: Vec<_> = story.articles.iter().map(|&i| published[i]).collect();
            story.event_date = dates::event_date(&d, &p);
        }
        state.put_stories(&ids, &found)?;
        Ok(ids.len())
    }
}

/// One stored article for story clustering: what the state gave, with its decoded features.
struct StoryRow {
    input: StoryInput<'static>,
    stored: Option<(String, ArticleFeatures)>,
}

/// How many stored articles are recomputed at once when filling missing signatures.
const FILL_BLOCK: usize = 1024;

/// Every stored article's reuse signature, in id order, with the ids. Signatures missing or made
/// under other settings are computed from the stored texts and written back, [`FILL_BLOCK`]
/// articles at a time.
fn load_signatures<S: State + ?Sized>(
    state: &mut S,
    cfg: &reuse::ReuseConfig,
) -> Result<(Vec<String>, Vec<Signature>)> {
    let mut ids = Vec::new();
    let mut sigs = Vec::new();
    let mut missing = Vec::new();
    state.for_each_signature(&mut |id, bytes| {
        let sig = bytes.and_then(|b| Signature::from_bytes(b, cfg));
        if sig.is_none() {
            missing.push(sigs.len());
        }
        ids.push(id);
        sigs.push(sig.unwrap_or_default());
    })?;
    for block in missing.chunks(FILL_BLOCK) {
        let texts: Vec<String> = block
            .iter()
            .map(|&i| state.text(&ids[i]).map(|t| t.0))
            .collect::<Result<_>>()?;
        for (&i, sig) in block.iter().zip(Signature::of_all(&texts, cfg)) {
            state.put_signature(&ids[i], &sig.to_bytes(cfg))?;
            sigs[i] = sig;
        }
    }
    Ok((ids, sigs))
}

/// Texts of some articles of the state (those of the pairs to align), by position in id order.
struct SomeTexts<'a> {
    count: usize,
    texts: HashMap<usize, (Cow<'a, str>, Option<Date>)>,
}

impl Texts for SomeTexts<'_> {
    fn count(&self) -> usize {
        self.count
    }
    fn text(&self, i: usize) -> Cow<'_, str> {
        Cow::Borrowed(self.texts.get(&i).map_or("", |t| &t.0))
    }
    fn published(&self, i: usize) -> Option<Date> {
        self.texts.get(&i).and_then(|t| t.1)
    }
}
