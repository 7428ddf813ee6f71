//! Stories: articles grouped by the real-world event they tell, linked into storylines.
//!
//! Clustering is online: articles are taken in a fixed order (publication date when known, then
//! id); each joins the most similar existing story or opens a new one. Candidate stories come from
//! an inverted index (feature → stories), never from all pairs, so a batch costs about
//! `articles × candidates`. Similarity is the cosine between the article's weighted feature vector
//! (stemmed words, names, dates written in the text; IDF over everything indexed so far) and the
//! story centroid, plus a bonus for reused text and a penalty for publication dates far apart. A
//! merge pass then joins stories whose centroids turn out to be the same event, and storylines
//! link stories whose centroids are similar at a lower, topic-level threshold (single link).
//!
//! [`StoryIndex`] keeps the state between batches, so that `add` can be called again with new
//! articles: story ids derive from the id of the article that opened the story and stay stable.

mod features;
mod split;

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use crate::model::{AnalyzedArticle, ReuseKind, ReusePair, Story};

pub use features::{day_number, extract, first_sentence, ArticleFeatures, Kind};

/// Thresholds and weights of the clustering; the same for every language and corpus.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Minimum article–story score to join the story.
    pub join: f32,
    /// Minimum centroid cosine for the merge pass to fuse two stories.
    pub merge: f32,
    /// Minimum centroid cosine (dates left out) to link two stories into a storyline.
    pub storyline: f32,
    /// Unrelated documents assumed besides the batch when computing IDF, so that a word shared by
    /// three articles of a five-article batch is not taken for a common word.
    pub prior_docs: f32,
    /// Weight of stemmed words.
    pub term_weight: f32,
    /// Weight of two-word phrases.
    pub phrase_weight: f32,
    /// Weight of name features.
    pub name_weight: f32,
    /// Weight of date features.
    pub date_weight: f32,
    /// Score bonus per unit of reuse similarity with a member of the story.
    pub reuse_bonus: f32,
    /// How many of an article's heaviest features are used to look up and index stories.
    pub index_features: usize,
    /// How many candidate stories are scored exactly.
    pub max_candidates: usize,
    /// Postings kept per feature (the most recent stories), so that common features stay cheap.
    pub posting_cap: usize,
    /// Features kept in a story centroid (the heaviest).
    pub centroid_cap: usize,
    /// Publication dates this many days apart cost nothing.
    pub day_window: f32,
    /// Score lost per day beyond the window (capped at `max_day_penalty`).
    pub day_penalty: f32,
    /// Largest publication-date penalty.
    pub max_day_penalty: f32,
    /// Minimum average-link similarity (storyline-local weights) to keep two groups of a
    /// storyline in one story when the storyline is split into events.
    pub split: f32,
    /// Event times (days of the year read in the text) this many days apart cost nothing when a
    /// storyline is split.
    pub event_window: u16,
    /// Similarity lost by two articles of a storyline whose event times are further apart.
    pub event_penalty: f32,
    /// Similarity gained by two articles of a storyline whose event times are within the window.
    pub event_bonus: f32,
    /// Weight, in a storyline split, of the features that only one member of the storyline has.
    pub unique_weight: f32,
    /// Smallest storyline split into events with storyline-local weights (smaller ones stay
    /// whole: a handful of articles cannot tell topic words from event words).
    pub split_min: usize,
    /// Largest storyline split exactly (average link over all pairs); bigger ones are split
    /// online, in arrival order, so that the cost stays linear.
    pub local_max: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            join: 0.165,
            merge: 0.20,
            storyline: 0.10,
            prior_docs: 20.0,
            term_weight: 1.0,
            phrase_weight: 1.0,
            name_weight: 1.0,
            date_weight: 3.0,
            reuse_bonus: 0.6,
            index_features: 24,
            max_candidates: 40,
            posting_cap: 2000,
            centroid_cap: 600,
            day_window: 3.0,
            day_penalty: 0.01,
            max_day_penalty: 0.5,
            split: 0.04,
            event_window: 7,
            event_penalty: 0.05,
            event_bonus: 0.05,
            unique_weight: 0.0,
            split_min: 8,
            local_max: 300,
        }
    }
}

/// A sparse vector: (feature key, weight), sorted by key.
type Vector = Vec<(u64, f32)>;

fn dot(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
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

/// The `k` heaviest keys of a vector (ties by key, for determinism).
fn top_keys(v: &[(u64, f32)], k: usize) -> Vec<u64> {
    top_keys_where(v, k, |_| true)
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
    title: String,
    published: Option<String>,
    day: Option<i64>,
    vector: Vector,
    /// Raw feature counts, to weigh the article again when the statistics change.
    features: ArticleFeatures,
    story: usize,
}

/// A story under construction.
#[derive(Debug, Clone)]
struct StoryState {
    id: String,
    members: Vec<usize>,
    sum: Vector,
    norm: f32,
    first_day: Option<i64>,
    last_day: Option<i64>,
    /// Set when the story was fused into another one.
    merged_into: Option<usize>,
    /// Keys under which the story is in the postings (sorted).
    indexed: Vec<u64>,
}

/// The online story index: feature statistics, stories and the inverted index from features to
/// stories. Feed it batches with [`StoryIndex::add`]; read the stories with
/// [`StoryIndex::stories`].
#[derive(Debug, Clone, Default)]
pub struct StoryIndex {
    settings: Settings,
    n_docs: u32,
    df: HashMap<u64, u32>,
    date_keys: HashSet<u64>,
    entries: Vec<Entry>,
    stories: Vec<StoryState>,
    postings: HashMap<u64, Vec<usize>>,
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

    fn vectorize(&self, f: &ArticleFeatures) -> Vector {
        let s = &self.settings;
        let mut v: Vector = f
            .counts
            .iter()
            .map(|&(k, kind, c)| {
                let kw = match kind {
                    Kind::Term => s.term_weight,
                    Kind::Phrase => s.phrase_weight,
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

    /// The live story a (possibly merged) story now lives in.
    fn live(&self, mut s: usize) -> usize {
        while let Some(t) = self.stories[s].merged_into {
            s = t;
        }
        s
    }

    /// Stories sharing heavy features with `v`, best partial overlap first.
    fn candidates(&self, v: &[(u64, f32)], exclude: Option<usize>) -> Vec<usize> {
        let mut acc: HashMap<usize, f32> = HashMap::new();
        for (k, w) in v {
            if let Some(list) = self.postings.get(k) {
                for &s in list {
                    let s = self.live(s);
                    if Some(s) != exclude {
                        *acc.entry(s).or_insert(0.0) += w;
                    }
                }
            }
        }
        let mut c: Vec<(usize, f32)> = acc.into_iter().collect();
        c.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        c.truncate(self.settings.max_candidates);
        c.into_iter().map(|x| x.0).collect()
    }

    fn day_penalty(&self, day: Option<i64>, s: &StoryState) -> f32 {
        let (Some(d), Some(a), Some(b)) = (day, s.first_day, s.last_day) else {
            return 0.0;
        };
        let gap = if d < a {
            a - d
        } else if d > b {
            d - b
        } else {
            0
        } as f32;
        let st = &self.settings;
        ((gap - st.day_window).max(0.0) * st.day_penalty).min(st.max_day_penalty)
    }

    fn index_story(&mut self, s: usize, keys: &[u64]) {
        let cap = self.settings.posting_cap;
        for &k in keys {
            if let Err(pos) = self.stories[s].indexed.binary_search(&k) {
                self.stories[s].indexed.insert(pos, k);
                let list = self.postings.entry(k).or_default();
                list.push(s);
                if list.len() > cap {
                    list.remove(0);
                }
            }
        }
    }

    fn absorb(&mut self, s: usize, e: usize) {
        let cap = self.settings.centroid_cap;
        let st = &mut self.stories[s];
        let entry = &self.entries[e];
        st.members.push(e);
        let mut sum = add_into(&st.sum, &entry.vector);
        if sum.len() > cap {
            let keep: HashSet<u64> = top_keys(&sum, cap).into_iter().collect();
            sum.retain(|x| keep.contains(&x.0));
        }
        st.norm = norm(&sum);
        st.sum = sum;
        if let Some(d) = entry.day {
            st.first_day = Some(st.first_day.map_or(d, |f| f.min(d)));
            st.last_day = Some(st.last_day.map_or(d, |l| l.max(d)));
        }
        self.entries[e].story = s;
    }

    /// Adds a batch of articles (with the reuse pairs found among them, indexes into `articles`)
    /// and returns the global index of its first article: article `i` of the batch is article
    /// `first + i` of the index.
    pub fn add(&mut self, articles: &[AnalyzedArticle], reuse: &[ReusePair]) -> usize {
        let base = self.entries.len();
        let feats: Vec<ArticleFeatures> = articles.par_iter().map(extract).collect();
        for f in &feats {
            for &(k, kind, _) in &f.counts {
                *self.df.entry(k).or_insert(0) += 1;
                if kind == Kind::Date {
                    self.date_keys.insert(k);
                }
            }
        }
        self.n_docs += feats.len() as u32;
        self.reweigh();
        let vectors: Vec<Vector> = feats.par_iter().map(|f| self.vectorize(f)).collect();
        for ((a, f), vector) in articles.iter().zip(feats).zip(vectors) {
            self.entries.push(Entry {
                id: a.clean.id.clone(),
                title: a
                    .clean
                    .title
                    .clone()
                    .filter(|t| !t.trim().is_empty())
                    .unwrap_or_else(|| first_sentence(&a.clean.text)),
                published: a.clean.published.clone(),
                day: f.day,
                vector,
                features: f,
                story: usize::MAX,
            });
        }
        let mut partners: HashMap<usize, Vec<(usize, f32)>> = HashMap::new();
        for p in reuse {
            let strength = match p.kind {
                ReuseKind::Duplicate | ReuseKind::NearDuplicate => 2.0,
                ReuseKind::Partial => p.similarity.clamp(0.0, 1.0) as f32,
            };
            partners
                .entry(base + p.a)
                .or_default()
                .push((base + p.b, strength));
            partners
                .entry(base + p.b)
                .or_default()
                .push((base + p.a, strength));
        }
        let mut order: Vec<usize> = (base..self.entries.len()).collect();
        order.sort_by(|&a, &b| {
            let (ea, eb) = (&self.entries[a], &self.entries[b]);
            (ea.day.is_none(), ea.day, &ea.id).cmp(&(eb.day.is_none(), eb.day, &eb.id))
        });
        let mut touched = Vec::new();
        for e in order {
            let s = self.place(e, partners.get(&e).map(Vec::as_slice).unwrap_or(&[]));
            touched.push(s);
        }
        touched.sort_unstable();
        touched.dedup();
        self.merge_pass(&touched);
        base
    }

    /// Weighs the articles already indexed again with the current statistics and rebuilds the
    /// story centroids, so that a story opened by an earlier batch is compared with the same
    /// weights as if everything had come in one batch (linear in the index size).
    fn reweigh(&mut self) {
        if self.entries.is_empty() {
            return;
        }
        let vectors: Vec<Vector> = self
            .entries
            .par_iter()
            .map(|e| self.vectorize(&e.features))
            .collect();
        for (e, v) in self.entries.iter_mut().zip(vectors) {
            e.vector = v;
        }
        for s in 0..self.stories.len() {
            if self.stories[s].merged_into.is_some() {
                continue;
            }
            let members = std::mem::take(&mut self.stories[s].members);
            let st = &mut self.stories[s];
            st.sum.clear();
            st.norm = 0.0;
            st.first_day = None;
            st.last_day = None;
            for e in members {
                self.absorb(s, e);
            }
        }
    }

    /// Puts one article into its best story, or a new one; returns the story.
    fn place(&mut self, e: usize, partners: &[(usize, f32)]) -> usize {
        // Features seen in one article only cannot lead to another one.
        let shared = |k: u64| self.df.get(&k).is_some_and(|&d| d >= 2);
        let keys = top_keys_where(
            &self.entries[e].vector,
            self.settings.index_features,
            shared,
        );
        let query: Vector = {
            let v = &self.entries[e].vector;
            let mut q: Vector = keys
                .iter()
                .filter_map(|k| v.binary_search_by_key(k, |x| x.0).ok().map(|i| v[i]))
                .collect();
            q.sort_unstable_by_key(|x| x.0);
            q
        };
        let mut cands = self.candidates(&query, None);
        let mut bonus: HashMap<usize, f32> = HashMap::new();
        for &(p, strength) in partners {
            if self.entries[p].story != usize::MAX {
                let s = self.live(self.entries[p].story);
                let b = bonus.entry(s).or_insert(0.0);
                *b = b.max(strength * self.settings.reuse_bonus);
                if !cands.contains(&s) {
                    cands.push(s);
                }
            }
        }
        let entry = &self.entries[e];
        let mut best: Option<(f32, usize)> = None;
        for &s in &cands {
            let st = &self.stories[s];
            if st.norm <= 0.0 {
                continue;
            }
            let score = dot(&entry.vector, &st.sum) / st.norm - self.day_penalty(entry.day, st)
                + bonus.get(&s).copied().unwrap_or(0.0);
            if best.is_none_or(|(b, bs)| score > b || (score == b && s < bs)) {
                best = Some((score, s));
            }
        }
        let s = match best {
            Some((score, s)) if score >= self.settings.join => s,
            _ => {
                let id = format!("s{:016x}", xxh3_64(entry.id.as_bytes()));
                self.stories.push(StoryState {
                    id,
                    members: Vec::new(),
                    sum: Vec::new(),
                    norm: 0.0,
                    first_day: None,
                    last_day: None,
                    merged_into: None,
                    indexed: Vec::new(),
                });
                self.stories.len() - 1
            }
        };
        self.absorb(s, e);
        self.index_story(s, &keys);
        s
    }

    fn centroid_query(&self, s: usize, skip_dates: bool) -> Vector {
        let st = &self.stories[s];
        let v: Vector = st
            .sum
            .iter()
            .filter(|x| !(skip_dates && self.date_keys.contains(&x.0)))
            .copied()
            .collect();
        let shared = |k: u64| self.df.get(&k).is_some_and(|&d| d >= 2);
        let keys = top_keys_where(&v, self.settings.index_features, shared);
        let mut q: Vector = v.into_iter().filter(|x| keys.contains(&x.0)).collect();
        q.sort_unstable_by_key(|x| x.0);
        q
    }

    fn centroid_cos(&self, a: usize, b: usize, skip_dates: bool) -> f32 {
        let strip = |s: usize| -> Vector {
            self.stories[s]
                .sum
                .iter()
                .filter(|x| !(skip_dates && self.date_keys.contains(&x.0)))
                .copied()
                .collect()
        };
        let (va, vb) = (strip(a), strip(b));
        let n = norm(&va) * norm(&vb);
        if n > 0.0 {
            dot(&va, &vb) / n
        } else {
            0.0
        }
    }

    /// Fuses stories that turn out to tell the same event (the older story absorbs the newer).
    fn merge_pass(&mut self, touched: &[usize]) {
        for &s0 in touched {
            let s = self.live(s0);
            let q = self.centroid_query(s, false);
            for t in self.candidates(&q, Some(s)) {
                let s = self.live(s);
                let t = self.live(t);
                if s == t || self.centroid_cos(s, t, false) < self.settings.merge {
                    continue;
                }
                let (keep, gone) = (s.min(t), s.max(t));
                let members = std::mem::take(&mut self.stories[gone].members);
                self.stories[gone].sum.clear();
                self.stories[gone].norm = 0.0;
                self.stories[gone].merged_into = Some(keep);
                let keys = std::mem::take(&mut self.stories[gone].indexed);
                for e in members {
                    self.absorb(keep, e);
                }
                self.index_story(keep, &keys);
            }
        }
    }

    /// Unit vectors of a storyline's members weighted for telling its events apart: each
    /// feature's global weight times a storyline-local IDF, so that the words every member shares
    /// (the topic) fade and the words of one part of the storyline (its event) stand out.
    fn local_vectors(&self, members: &[usize]) -> Vec<Vector> {
        let mut ldf: HashMap<u64, u32> = HashMap::new();
        for &m in members {
            for &(k, _, _) in &self.entries[m].features.counts {
                *ldf.entry(k).or_insert(0) += 1;
            }
        }
        let n = members.len() as f32;
        members
            .iter()
            .map(|&m| {
                let mut v: Vector = self.entries[m]
                    .vector
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

    /// The events of one storyline (topic cluster): groups of global article indexes.
    fn split_story(&self, s: usize) -> Vec<Vec<usize>> {
        let mut members = self.stories[s].members.clone();
        members.sort_unstable();
        let st = &self.settings;
        // Storyline-local weights need enough members to tell topic words from event words: a
        // smaller cluster stays as the online pass made it.
        if members.len() < st.split_min {
            return vec![members];
        }
        let vectors = self.local_vectors(&members);
        let times: Vec<Option<u16>> = members
            .iter()
            .map(|&m| self.entries[m].features.event)
            .collect();
        let time = split::EventTime {
            window: st.event_window,
            penalty: st.event_penalty,
            bonus: st.event_bonus,
        };
        split::average_link(&vectors, &times, st.split, st.local_max, time)
            .into_iter()
            .map(|g| g.into_iter().map(|i| members[i]).collect())
            .collect()
    }

    /// The stories so far, storyline by storyline in the order the storylines were opened.
    /// `Story.articles` are global article indexes (see [`StoryIndex::add`]), in time order when
    /// dates are known. A story's id derives from its first-added article, so it survives later
    /// batches as long as that article stays in it.
    pub fn stories(&self) -> Vec<Story> {
        let live: Vec<usize> = (0..self.stories.len())
            .filter(|&s| {
                self.stories[s].merged_into.is_none() && !self.stories[s].members.is_empty()
            })
            .collect();
        let lines = self.storylines(&live);
        let parts: Vec<Vec<Vec<usize>>> = live.par_iter().map(|&s| self.split_story(s)).collect();
        let mut out = Vec::new();
        for (&s, groups) in live.iter().zip(parts) {
            let line = lines
                .get(&s)
                .cloned()
                .or_else(|| (groups.len() > 1).then(|| format!("l{}", &self.stories[s].id[1..])));
            for mut members in groups {
                let first = members[0];
                let sum = members.iter().fold(Vector::new(), |acc, &m| {
                    add_into(&acc, &self.entries[m].vector)
                });
                members.sort_by(|&a, &b| {
                    let (ea, eb) = (&self.entries[a], &self.entries[b]);
                    (ea.day.is_none(), ea.day, a).cmp(&(eb.day.is_none(), eb.day, b))
                });
                let rep = members
                    .iter()
                    .copied()
                    .max_by(|&a, &b| {
                        let (da, db) = (
                            dot(&self.entries[a].vector, &sum),
                            dot(&self.entries[b].vector, &sum),
                        );
                        da.total_cmp(&db).then(b.cmp(&a))
                    })
                    .unwrap_or(first);
                let dates: Vec<&String> = members
                    .iter()
                    .filter_map(|&m| self.entries[m].published.as_ref())
                    .collect();
                out.push(Story {
                    event_date: None,
                    id: format!("s{:016x}", xxh3_64(self.entries[first].id.as_bytes())),
                    title: self.entries[rep].title.clone(),
                    first: dates.iter().min().map(|d| d.to_string()),
                    last: dates.iter().max().map(|d| d.to_string()),
                    articles: members,
                    storyline: line.clone(),
                });
            }
        }
        out
    }

    /// Storyline ids by story: single-link components of stories whose centroids (dates left
    /// out) are similar at the topic level; only components of two stories or more get one.
    fn storylines(&self, live: &[usize]) -> HashMap<usize, String> {
        let mut parent: HashMap<usize, usize> = live.iter().map(|&s| (s, s)).collect();
        fn find(p: &mut HashMap<usize, usize>, mut x: usize) -> usize {
            while p[&x] != x {
                let up = p[&p[&x]];
                p.insert(x, up);
                x = up;
            }
            x
        }
        for &s in live {
            let q = self.centroid_query(s, true);
            for t in self.candidates(&q, Some(s)) {
                if self.centroid_cos(s, t, true) >= self.settings.storyline {
                    let (a, b) = (find(&mut parent, s), find(&mut parent, t));
                    if a != b {
                        parent.insert(a.max(b), a.min(b));
                    }
                }
            }
        }
        let mut size: HashMap<usize, usize> = HashMap::new();
        for &s in live {
            *size.entry(find(&mut parent, s)).or_insert(0) += 1;
        }
        live.iter()
            .filter_map(|&s| {
                let root = find(&mut parent, s);
                (size[&root] > 1).then(|| (s, format!("l{}", &self.stories[root].id[1..])))
            })
            .collect()
    }
}

/// Groups a batch of analysed articles into stories (every article in exactly one), with the
/// default [`Settings`]; `Story.articles` are indexes into `articles`.
pub fn cluster(articles: &[AnalyzedArticle], reuse: &[ReusePair]) -> Vec<Story> {
    let mut index = StoryIndex::new(Settings::default());
    index.add(articles, reuse);
    index.stories()
}
