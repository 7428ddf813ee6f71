//! Stories: articles grouped by the real-world event they tell, linked into storylines.
//!
//! Two levels. Topics (storylines) first: each article's nearest neighbours are found through an
//! inverted index (feature → articles, read only for the article's heaviest features and capped
//! per feature, never all pairs), and the nearest-neighbour graph is clustered by average linkage
//! at the storyline threshold. Each topic is then split into events with topic-local weights
//! (global IDF times IDF inside the topic, so that the words every member shares fade and the
//! words of one period stand out), by average linkage at the story threshold, started from groups
//! of nearest partners, with a bonus for times close together and a penalty for far apart ones.
//! An article's time is its publication date when known (dates weeks apart separate stories),
//! else the latest day and month written in its text. Topics too small for local weights are
//! split by centroid placement with global weights.
//!
//! [`StoryIndex`] keeps the articles' raw features between batches; the grouping is recomputed
//! from them (with the statistics of everything indexed) by `stories`, so it does not depend on
//! how the articles were batched. Story ids derive from the id of a story's first article.

mod features;
mod graph;
mod split;

use std::collections::HashMap;

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use crate::calendar;
use crate::model::{AnalyzedArticle, ReuseKind, ReusePair, Story};

pub use features::{extract, first_sentence, ArticleFeatures, Kind};
pub use split::When;

/// Thresholds and weights of the clustering; the same for every language and corpus.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Minimum average-link similarity (topic vectors) that keeps two groups of articles in one
    /// storyline (topic).
    pub storyline: f32,
    /// Minimum average-link similarity (topic-local weights) that keeps two groups of a storyline
    /// in one story (event).
    pub split: f32,
    /// Minimum article–story centroid score to join a story inside a small storyline (one too
    /// small for topic-local weights).
    pub join: f32,
    /// Unrelated documents assumed besides the batch when computing IDF, so that a word shared by
    /// three articles of a five-article batch is not taken for a common word.
    pub prior_docs: f32,
    /// Weight of stemmed words.
    pub term_weight: f32,
    /// Weight of two-word phrases when telling events apart.
    pub phrase_weight: f32,
    /// Weight of two-word phrases when finding topics (phrases are too specific to link the
    /// articles of a topic that tell different events).
    pub topic_phrase_weight: f32,
    /// Weight of name features.
    pub name_weight: f32,
    /// Weight of date features.
    pub date_weight: f32,
    /// Similarity added to a pair of articles per unit of reuse strength (shared text).
    pub reuse_bonus: f32,
    /// Nearest neighbours kept per article in the topic graph.
    pub neighbours: usize,
    /// How many of an article's heaviest features are used to look up its neighbours.
    pub index_features: usize,
    /// How many candidate neighbours are scored exactly.
    pub max_candidates: usize,
    /// Postings read per feature: all when the feature is rarer, otherwise those of the articles
    /// nearest in arrival order, so that common features stay cheap.
    pub posting_cap: usize,
    /// Event times (days of the year read in the text) this many days apart cost nothing when a
    /// storyline is split.
    pub event_window: u16,
    /// Similarity lost by two articles of a storyline whose event times are further apart.
    pub event_penalty: f32,
    /// Similarity gained by two articles of a storyline whose event times are within the window.
    pub event_bonus: f32,
    /// Publication days further apart than this put two articles of a storyline in different
    /// stories (weeks apart: episodes of a storyline, as a news desk would file them).
    pub published_apart: u32,
    /// Similarity lost by two articles published more than `published_apart` days apart.
    pub published_penalty: f32,
    /// Weight, in a storyline split, of the features that only one member of the storyline has.
    pub unique_weight: f32,
    /// Smallest storyline split into events with storyline-local weights (smaller ones are split
    /// by centroid placement with global weights: a handful of articles cannot tell topic words
    /// from event words).
    pub split_min: usize,
    /// Largest storyline split exactly (average link over all pairs); bigger ones are split
    /// online, in arrival order, so that the cost stays linear.
    pub local_max: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            storyline: 0.04,
            split: 0.05,
            join: 0.165,
            prior_docs: 20.0,
            term_weight: 1.0,
            phrase_weight: 1.0,
            topic_phrase_weight: 0.0,
            name_weight: 1.0,
            date_weight: 3.0,
            reuse_bonus: 0.6,
            neighbours: 30,
            index_features: 24,
            max_candidates: 100,
            posting_cap: 300,
            event_window: 7,
            event_penalty: 0.05,
            event_bonus: 0.05,
            published_apart: 14,
            published_penalty: 0.5,
            unique_weight: 0.0,
            split_min: 8,
            local_max: 300,
        }
    }
}

/// A map from feature keys (xxh3 hashes, so a cheap hasher spreads them well); never iterated
/// in an order that reaches the output.
type KeyMap<V> = HashMap<u64, V, crate::text::WordHash>;

/// A sparse vector: (feature key, weight), sorted by key.
type Vector = Vec<(u64, f32)>;

/// The dot product of two sparse vectors, summed in key order. The merge advances without
/// branching on the comparison (the weights are positive, so the sum is that of the matches).
fn dot(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x.0 == y.0 {
            s += x.1 * y.1;
        }
        i += usize::from(x.0 <= y.0);
        j += usize::from(y.0 <= x.0);
    }
    s
}

fn add_into(sum: &[(u64, f32)], v: &[(u64, f32)]) -> Vector {
    let mut out = Vec::with_capacity(sum.len() + v.len());
    let (mut i, mut j) = (0, 0);
    while i < sum.len() || j < v.len() {
        if j == v.len() || (i < sum.len() && sum[i].0 < v[j].0) {
            out.push(sum[i]);
            i += 1;
        } else if i == sum.len() || v[j].0 < sum[i].0 {
            out.push(v[j]);
            j += 1;
        } else {
            out.push((sum[i].0, sum[i].1 + v[j].1));
            i += 1;
            j += 1;
        }
    }
    out
}

fn norm(v: &[(u64, f32)]) -> f32 {
    v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt()
}

/// Candidate hits (article, weight) summed by article, in article order.
fn sum_hits(mut hits: Vec<(u32, f32)>) -> Vec<(u32, f32)> {
    hits.sort_unstable_by_key(|h| h.0);
    let mut out: Vec<(u32, f32)> = Vec::with_capacity(hits.len() / 2);
    for (j, w) in hits {
        match out.last_mut() {
            Some(last) if last.0 == j => last.1 += w,
            _ => out.push((j, w)),
        }
    }
    out
}

/// The `k` heaviest keys of a vector that pass `keep`.
fn top_keys_where(v: &[(u64, f32)], k: usize, keep: impl Fn(u64) -> bool) -> Vec<u64> {
    let mut s: Vec<(u64, f32)> = v.iter().filter(|x| keep(x.0)).copied().collect();
    s.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    s.truncate(k);
    s.into_iter().map(|x| x.0).collect()
}

/// What the index remembers of an article.
#[derive(Debug, Clone)]
struct Entry {
    id: String,
    /// The article's headline, or its first sentence when it has none.
    title: String,
    /// Whether `title` is a real headline (preferred as a story's title).
    headline: bool,
    published: Option<jiff::civil::Date>,
    /// Raw feature counts: the article is weighed again from them whenever the statistics change.
    features: ArticleFeatures,
}

/// The story index: feature statistics, the articles' raw features, the inverted index from
/// features to articles and the reuse pairs. Feed it batches with [`StoryIndex::add`]; read the
/// stories with [`StoryIndex::stories`].
///
/// The grouping is a function of the stored articles (in arrival order) alone, recomputed by
/// `stories`: ten batches give the same stories as one batch with the same articles.
#[derive(Debug, Clone, Default)]
pub struct StoryIndex {
    settings: Settings,
    n_docs: u32,
    df: KeyMap<u32>,
    entries: Vec<Entry>,
    /// Feature → articles having it, in arrival order.
    postings: KeyMap<Vec<u32>>,
    /// Reuse pairs (global indexes, lower first) and their strength.
    reuse: Vec<(u32, u32, f32)>,
}

impl StoryIndex {
    /// An empty index with the given settings.
    pub fn new(settings: Settings) -> Self {
        StoryIndex {
            settings,
            ..Default::default()
        }
    }

    /// How many articles were added so far.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no article was added yet.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn idf(&self, key: u64) -> f32 {
        let df = self.df.get(&key).copied().unwrap_or(0) as f32;
        ((self.n_docs as f32 + self.settings.prior_docs) / (df + 0.5))
            .ln()
            .max(0.0)
    }

    /// The unit vector of an article under the current statistics; `phrase` is the weight of
    /// two-word phrases (topic or event level).
    fn vectorize(&self, f: &ArticleFeatures, phrase: f32) -> Vector {
        let s = &self.settings;
        let mut v: Vector = f
            .counts
            .iter()
            .map(|&(k, kind, c)| {
                let kw = match kind {
                    Kind::Term => s.term_weight,
                    Kind::Phrase => phrase,
                    Kind::Name => s.name_weight,
                    Kind::Date => s.date_weight,
                };
                (k, (1.0 + c.ln()) * kw * self.idf(k))
            })
            .filter(|x| x.1 > 0.0)
            .collect();
        let n = norm(&v);
        if n > 0.0 {
            v.iter_mut().for_each(|x| x.1 /= n);
        }
        v
    }

    /// Adds a batch of articles (with the reuse pairs found among them, indexes into `articles`)
    /// and returns the global index of its first article: article `i` of the batch is article
    /// `first + i` of the index. Cost: feature extraction and posting updates, linear in the
    /// batch; the grouping itself is computed by [`StoryIndex::stories`].
    pub fn add(&mut self, articles: &[AnalyzedArticle], reuse: &[ReusePair]) -> usize {
        let base = self.entries.len();
        let feats: Vec<ArticleFeatures> = articles.par_iter().map(extract).collect();
        for (a, f) in articles.iter().zip(feats) {
            self.add_features(
                a.clean.id.clone(),
                story_title(a),
                has_headline(a),
                a.clean.published,
                f,
            );
        }
        for p in reuse {
            self.add_reuse(base + p.a, base + p.b, p.kind, p.similarity);
        }
        base
    }

    /// Adds one article from its already extracted features (as a store keeps them, so that
    /// re-clustering needs no text), with its story title ([`story_title`]), whether that title
    /// is a real headline ([`has_headline`]) and its publication date; returns its global index.
    pub fn add_features(
        &mut self,
        id: String,
        title: String,
        headline: bool,
        published: Option<jiff::civil::Date>,
        features: ArticleFeatures,
    ) -> usize {
        let i = self.entries.len();
        for &(k, kind, _) in &features.counts {
            *self.df.entry(k).or_insert(0) += 1;
            if kind != Kind::Phrase || self.settings.topic_phrase_weight > 0.0 {
                self.postings.entry(k).or_default().push(i as u32);
            }
        }
        self.entries.push(Entry {
            id,
            title,
            headline,
            published,
            features,
        });
        self.n_docs = self.entries.len() as u32;
        i
    }

    /// Adds a reuse pair between two added articles (global indexes), which draws them together.
    pub fn add_reuse(&mut self, a: usize, b: usize, kind: ReuseKind, similarity: f64) {
        let strength = match kind {
            ReuseKind::Duplicate | ReuseKind::NearDuplicate => 1.0,
            ReuseKind::Partial => similarity.clamp(0.0, 1.0) as f32,
        };
        let (a, b) = (a as u32, b as u32);
        if a != b {
            self.reuse.push((a.min(b), a.max(b), strength));
        }
    }

    /// The `neighbours` most similar articles of article `i` (topic vectors), found through
    /// the postings of its heaviest features.
    fn neighbours_of(&self, i: usize, vectors: &[Vector]) -> Vec<(u32, f32)> {
        let st = &self.settings;
        let shared = |k: u64| self.df.get(&k).is_some_and(|&d| d >= 2);
        let v = &vectors[i];
        let keys = top_keys_where(v, st.index_features, shared);
        let mut hits: Vec<(u32, f32)> = Vec::new();
        for k in keys {
            let w = v[v.binary_search_by_key(&k, |x| x.0).expect("own key")].1;
            let Some(list) = self.postings.get(&k) else {
                continue;
            };
            // Rare features: every posting; common ones: the articles nearest in arrival order.
            let window = if list.len() <= st.posting_cap {
                &list[..]
            } else {
                let at = list.partition_point(|&x| (x as usize) < i);
                let lo = at
                    .saturating_sub(st.posting_cap / 2)
                    .min(list.len() - st.posting_cap);
                &list[lo..lo + st.posting_cap]
            };
            for &j in window {
                if j as usize != i {
                    hits.push((j, w));
                }
            }
        }
        let mut cands = sum_hits(hits);
        cands.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        cands.truncate(st.max_candidates);
        let mut scored: Vec<(u32, f32)> = cands
            .into_iter()
            .map(|(j, _)| (j, dot(v, &vectors[j as usize])))
            .filter(|x| x.1 > 0.0)
            .collect();
        scored.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(st.neighbours);
        scored
    }

    /// Topics: average-link clusters of the nearest-neighbour graph (plus reuse pairs), as
    /// groups of global article indexes, each sorted, in the order of their first article.
    fn topics(&self) -> Vec<Vec<usize>> {
        let n = self.entries.len();
        let vectors: Vec<Vector> = self
            .entries
            .par_iter()
            .map(|e| self.vectorize(&e.features, self.settings.topic_phrase_weight))
            .collect();
        let lists: Vec<Vec<(u32, f32)>> = (0..n)
            .into_par_iter()
            .map(|i| self.neighbours_of(i, &vectors))
            .collect();
        let mut edges: Vec<(u32, u32, f32)> = Vec::new();
        for (i, list) in lists.iter().enumerate() {
            for &(j, s) in list {
                edges.push(((i as u32).min(j), (i as u32).max(j), s));
            }
        }
        for &(a, b, strength) in &self.reuse {
            let s = dot(&vectors[a as usize], &vectors[b as usize]);
            edges.push((a, b, s + strength * self.settings.reuse_bonus));
        }
        // One edge per pair: the strongest (a pair found from both sides has the same cosine).
        edges.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(y.2.total_cmp(&x.2)));
        edges.dedup_by_key(|e| (e.0, e.1));
        let label = graph::sparse_average_link(n, &edges, self.settings.storyline);
        graph::groups_of(&label)
    }

    /// Unit vectors of a storyline's members weighted for telling its events apart: each
    /// feature's global weight times a storyline-local IDF, so that the words every member shares
    /// (the topic) fade and the words of one part of the storyline (its event) stand out.
    fn local_vectors(&self, members: &[usize], global: &[Vector]) -> Vec<Vector> {
        let mut ldf: KeyMap<u32> = KeyMap::default();
        for &m in members {
            for &(k, _, _) in &self.entries[m].features.counts {
                *ldf.entry(k).or_insert(0) += 1;
            }
        }
        let n = members.len() as f32;
        global
            .iter()
            .map(|gv| {
                let mut v: Vector = gv
                    .iter()
                    .map(|&(k, w)| {
                        let d = ldf.get(&k).copied().unwrap_or(1) as f32;
                        // A feature of one member cannot tie it to another, but it tells how
                        // much of the member is its own.
                        let local = ((n + 1.0) / (d + 0.5)).ln()
                            * if d < 2.0 {
                                self.settings.unique_weight
                            } else {
                                1.0
                            };
                        (k, w * local.max(0.0))
                    })
                    .filter(|x| x.1 > 0.0)
                    .collect();
                let l = norm(&v);
                if l > 0.0 {
                    v.iter_mut().for_each(|x| x.1 /= l);
                }
                v
            })
            .collect()
    }

    /// How times weigh in a split (see [`Settings`]).
    fn time(&self) -> split::EventTime {
        let st = &self.settings;
        split::EventTime {
            window: st.event_window,
            penalty: st.event_penalty,
            bonus: st.event_bonus,
            published_apart: st.published_apart,
            published_penalty: st.published_penalty,
        }
    }

    /// A small storyline split by centroid placement: members in arrival order (publication day
    /// first when known) each join the story whose centroid is most similar (reuse adds to the
    /// score, and so does the publication day against the story's member published nearest in
    /// time: see [`split::EventTime::adjust`]) at `join` or more, or open a new one.
    /// Days read in the text are left out here: a handful of articles cannot tell an event's day
    /// from a background date.
    fn place_small(
        &self,
        members: &[usize],
        global: &[Vector],
        reuse: &[(u32, u32, f32)],
    ) -> Vec<Vec<usize>> {
        let mut order: Vec<usize> = (0..members.len()).collect();
        let day = |m: usize| self.entries[m].features.day;
        let published = |m: usize| day(m).and_then(|_| self.entries[m].features.when());
        order.sort_by_key(|&i| (day(members[i]).is_none(), day(members[i]), members[i]));
        let mut groups: Vec<(Vec<usize>, Vector)> = Vec::new();
        for i in order {
            let m = members[i] as u32;
            let best = groups
                .iter()
                .enumerate()
                .map(|(g, (ms, sum))| {
                    let n = norm(sum);
                    let reuse = ms
                        .iter()
                        .filter_map(|&o| {
                            let o = members[o] as u32;
                            let key = (m.min(o), m.max(o));
                            reuse
                                .binary_search_by_key(&key, |r| (r.0, r.1))
                                .ok()
                                .map(|r| reuse[r].2 * self.settings.reuse_bonus)
                        })
                        .fold(0.0, f32::max);
                    let cos = if n > 0.0 {
                        dot(&global[i], sum) / n
                    } else {
                        0.0
                    };
                    // Against the member published nearest in time.
                    let time = published(members[i]).map_or(0.0, |w| {
                        ms.iter()
                            .filter_map(|&o| published(members[o]))
                            .min_by_key(|o| o.gap(w))
                            .map_or(0.0, |o| self.time().adjust(w, o))
                    });
                    (cos + reuse + time, g)
                })
                .filter(|x| x.0 >= self.settings.join)
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            match best {
                Some((_, g)) => {
                    groups[g].0.push(i);
                    groups[g].1 = add_into(&groups[g].1, &global[i]);
                }
                None => groups.push((vec![i], global[i].clone())),
            }
        }
        groups
            .into_iter()
            .map(|(g, _)| g.into_iter().map(|i| members[i]).collect())
            .collect()
    }

    /// The events of one storyline: groups of global article indexes (`reuse`: the reuse pairs,
    /// sorted).
    fn split_topic(&self, members: &[usize], reuse: &[(u32, u32, f32)]) -> Vec<Vec<usize>> {
        let st = &self.settings;
        if members.len() == 1 {
            return vec![members.to_vec()];
        }
        let global: Vec<Vector> = members
            .iter()
            .map(|&m| self.vectorize(&self.entries[m].features, st.phrase_weight))
            .collect();
        if members.len() < st.split_min {
            return self.place_small(members, &global, reuse);
        }
        let vectors = self.local_vectors(members, &global);
        let times: Vec<Option<split::When>> = members
            .iter()
            .map(|&m| self.entries[m].features.when())
            .collect();
        split::average_link(&vectors, &times, st.split, st.local_max, self.time())
            .into_iter()
            .map(|g| g.into_iter().map(|i| members[i]).collect())
            .collect()
    }

    /// The stories so far, storyline by storyline in the order of their first article.
    /// `Story.articles` are global article indexes (see [`StoryIndex::add`]), in time order when
    /// dates are known. A story's id derives from its first-added article, so it survives later
    /// batches as long as that article stays in it; a storyline's id from the first article of
    /// the storyline. Cost: about `articles × (index_features × posting_cap + max_candidates)`
    /// for the neighbour graph, plus the splits of the storylines.
    pub fn stories(&self) -> Vec<Story> {
        let topics = self.topics();
        let mut reuse = self.reuse.clone();
        reuse.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(y.2.total_cmp(&x.2)));
        reuse.dedup_by_key(|r| (r.0, r.1));
        let parts: Vec<Vec<Vec<usize>>> = topics
            .par_iter()
            .map(|t| self.split_topic(t, &reuse))
            .collect();
        let mut out = Vec::new();
        for (topic, mut groups) in topics.iter().zip(parts) {
            let line = (groups.len() > 1)
                .then(|| format!("l{:016x}", xxh3_64(self.entries[topic[0]].id.as_bytes())));
            for g in &mut groups {
                g.sort_unstable();
            }
            groups.sort_unstable_by_key(|g| g[0]);
            for mut members in groups {
                let first = members[0];
                let vectors: Vec<Vector> = members
                    .iter()
                    .map(|&m| self.vectorize(&self.entries[m].features, 1.0))
                    .collect();
                let sum = vectors
                    .iter()
                    .fold(Vector::new(), |acc, v| add_into(&acc, v));
                // The most central member, among those with a real headline when any has one.
                let any_headline = members.iter().any(|&m| self.entries[m].headline);
                let rep = (0..members.len())
                    .filter(|&i| !any_headline || self.entries[members[i]].headline)
                    .max_by(|&a, &b| {
                        dot(&vectors[a], &sum)
                            .total_cmp(&dot(&vectors[b], &sum))
                            .then(members[b].cmp(&members[a]))
                    })
                    .map_or(first, |i| members[i]);
                let day = |m: usize| self.entries[m].features.day;
                members.sort_by_key(|&m| (day(m).is_none(), day(m), m));
                let dates: Vec<jiff::civil::Date> = members
                    .iter()
                    .filter_map(|&m| self.entries[m].published)
                    .collect();
                out.push(Story {
                    event_date: None,
                    id: format!("s{:016x}", xxh3_64(self.entries[first].id.as_bytes())),
                    title: self.entries[rep].title.clone(),
                    first: dates.iter().min().map(|&d| calendar::iso(d)),
                    last: dates.iter().max().map(|&d| calendar::iso(d)),
                    articles: members,
                    storyline: line.clone(),
                });
            }
        }
        out
    }
}

/// Whether an article has a real headline (a story prefers one as its title).
pub fn has_headline(a: &AnalyzedArticle) -> bool {
    a.clean
        .title
        .as_deref()
        .is_some_and(|t| !t.trim().is_empty())
}

/// The title a story takes from one of its articles: the article's title, or its first
/// sentence when it has none.
pub fn story_title(a: &AnalyzedArticle) -> String {
    a.clean
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| first_sentence(&a.clean.text))
}

/// Groups a batch of analysed articles into stories (every article in exactly one), with the
/// default [`Settings`]; `Story.articles` are indexes into `articles`.
pub fn cluster(articles: &[AnalyzedArticle], reuse: &[ReusePair]) -> Vec<Story> {
    let mut index = StoryIndex::new(Settings::default());
    index.add(articles, reuse);
    index.stories()
}
