//! Reuse benchmark: planted-truth corpus generator, reuse-stage evaluation, near-duplicate-only
//! mode on the peers' corpus, and the parameter curves behind the defaults of `stages::reuse`.
//!
//! ```text
//! cargo run --release --example reuse_bench -- planted N [--seed S] [--curve] [--index]
//! cargo run --release --example reuse_bench -- neardup CORPUS_DIR [--bands B] [--rows R]
//!     [--shingle N] [--verify J] [--curve]
//! ```
//!
//! **planted**: builds N articles on demand (nothing is stored: article `i` is rendered from
//! `(seed, i)` whenever it is read) from real paragraphs of `../shared/corpus` (rpm2-fr `.txt`
//! lines ≥ 40 chars, ecbplus-en texts). Originals are made of short word runs (2–4 words, each
//! followed by one word of the whole vocabulary) taken from the paragraphs of one *topic* (4 pool
//! paragraphs of 40+ words, picked from `(seed, topic)`), so that articles of the same topic
//! share vocabulary and stock phrases but no passage (the hard negatives). Topics scale with N
//! (about 20 originals per topic), so the corpus statistics do not change with N; derived
//! articles copy
//! a recent original (a few originals, "wire stories", are copied many times): exact copies,
//! copies with boilerplate lines and a new headline, near-copies with 1–3 % of words edited,
//! copies with paragraphs moved, and partial copies of 1–5 paragraphs with 0–15 % of words edited
//! inside fresh text. It runs `find_reuse_in` and prints pair precision and recall, passage
//! recall by planted passage length (a passage counts when found passages of its pair cover 80 %
//! of its characters), articles per second, CPU time per article and peak memory (VmHWM);
//! `--index` first measures the bytes per article held by the candidate index.
//!
//! **neardup**: near-duplicate detection only (read JSONL, normalise, shingle, MinHash, LSH,
//! pairs; no alignment) on `minhash_corpus.py`'s corpus, with recall of its `planted.tsv`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::BufRead;
use std::time::Instant;

use rayon::prelude::*;
use recoupe::model::ReusePair;
use recoupe::stages::reuse::{self, lsh, Index, ReuseConfig, Texts};

// ---------------------------------------------------------------- utilities

/// SplitMix64: a tiny deterministic generator.
struct Rng(u64);

impl Rng {
    fn new(parts: &[u64]) -> Self {
        let mut s = 0x5eed_u64;
        for &p in parts {
            s = reuse::shingle::fmix(s ^ p.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        }
        Rng(s)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU seconds (user + system) used by this process so far: on a shared machine, the wall time
/// depends on the load, the CPU time much less.
fn cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let f: Vec<&str> = s.rsplit(')').next()?.split_whitespace().collect();
            let ticks = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0)
}

fn arg<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(default)
}

// ---------------------------------------------------------------- generator

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// Generic boilerplate lines (short: no line can make a passage), repeated across articles.
const BOILERPLATE: [&str; 8] = [
    "Partager sur les réseaux sociaux",
    "Abonnez-vous à notre newsletter quotidienne",
    "Lire aussi notre dossier complet",
    "Share this article with your friends",
    "Sign up for our daily newsletter",
    "Tous droits réservés, reproduction interdite",
    "Read more stories like this one",
    "Cet article vous a plu ? Soutenez-nous",
];

/// The paragraph pool: each paragraph as its words (quote marks removed, so that chunks never
/// open a quotation they do not close).
struct Pool {
    paras: Vec<Vec<String>>,
    /// Paragraphs of at least 40 words, the material of topics (short lines such as headlines
    /// would make same-topic articles repeat whole runs of text by chance).
    topical: Vec<usize>,
    vocab: Vec<String>,
}

impl Pool {
    fn load() -> Self {
        let mut lines: Vec<String> = Vec::new();
        let dir = format!("{CORPUS}/rpm2-fr");
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .expect("rpm2-fr")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        names.sort();
        for p in names {
            let raw = std::fs::read_to_string(&p).unwrap_or_default();
            lines.extend(
                raw.trim_start_matches('\u{feff}')
                    .lines()
                    .map(str::to_string),
            );
        }
        let ecb = std::fs::read_to_string(format!("{CORPUS}/ecbplus-en/articles.jsonl"))
            .expect("ecbplus-en");
        for l in ecb.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(l) {
                if let Some(t) = v["text"].as_str() {
                    lines.extend(t.lines().map(str::to_string));
                }
            }
        }
        let mut paras: Vec<String> = lines
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|l| l.chars().count() >= 40)
            .collect();
        paras.sort();
        paras.dedup();
        let clean = |w: &str| -> String {
            w.chars()
                .filter(|c| !matches!(c, '"' | '«' | '»' | '“' | '”' | '„'))
                .collect()
        };
        let paras: Vec<Vec<String>> = paras
            .iter()
            .map(|p| {
                p.split_whitespace()
                    .map(clean)
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|w: &Vec<String>| w.len() >= 6)
            .collect();
        let mut vocab: Vec<String> = paras
            .iter()
            .flatten()
            .filter(|w| w.chars().count() > 2 && w.chars().all(char::is_alphabetic))
            .cloned()
            .collect();
        vocab.sort();
        vocab.dedup();
        let topical = (0..paras.len()).filter(|&i| paras[i].len() >= 40).collect();
        Pool {
            paras,
            topical,
            vocab,
        }
    }
}

/// Share of original articles (the rest copy one of them).
const ORIGINAL_SHARE: f64 = 0.55;
/// Expected original articles per topic, whatever N.
const ORIGINALS_PER_TOPIC: usize = 20;
/// A copy picks its original among the previous this many articles.
const COPY_WINDOW: usize = 2000;
/// A copy of a wire story picks it among the last this many wire stories.
const WIRE_WINDOW: usize = 8;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Original,
    Exact,
    Boiler,
    Near,
    Moved,
    Partial,
}

/// One article as paragraphs, with for derived articles the original and, per paragraph, the
/// original's paragraph it copies.
struct Rendered {
    paras: Vec<String>,
    origin: Option<usize>,
    copied: Vec<Option<usize>>,
}

struct Gen {
    pool: Pool,
    seed: u64,
    n: usize,
}

impl Gen {
    fn role(&self, i: usize) -> Role {
        if i < 20 {
            return Role::Original;
        }
        let u = Rng::new(&[self.seed, i as u64, 1]).unit();
        match u {
            u if u < ORIGINAL_SHARE => Role::Original,
            u if u < 0.61 => Role::Exact,
            u if u < 0.67 => Role::Boiler,
            u if u < 0.76 => Role::Near,
            u if u < 0.81 => Role::Moved,
            _ => Role::Partial,
        }
    }

    /// The original a derived article copies: an original of the previous [`COPY_WINDOW`]
    /// articles (republication follows publication within days); three copies in ten pick a
    /// "wire story" (an original whose index is a multiple of 97) among the last
    /// [`WIRE_WINDOW`] ones, which makes large families. Both windows are fixed, so the family
    /// sizes do not grow with N.
    fn origin(&self, i: usize) -> usize {
        let mut r = Rng::new(&[self.seed, i as u64, 2]);
        if r.unit() < 0.3 {
            let last = i.saturating_sub(1) / 97;
            for _ in 0..64 {
                let j = last.saturating_sub(r.below(WIRE_WINDOW)) * 97;
                if j < i && self.role(j) == Role::Original {
                    return j;
                }
            }
        }
        loop {
            let j = i - 1 - r.below(i.min(COPY_WINDOW));
            if self.role(j) == Role::Original {
                return j;
            }
        }
    }

    /// Number of topics: one per [`ORIGINALS_PER_TOPIC`] expected originals, so that the number
    /// of unrelated same-topic articles per article does not grow with N.
    fn topics(&self) -> usize {
        ((self.n as f64 * ORIGINAL_SHARE / ORIGINALS_PER_TOPIC as f64) as usize).max(1)
    }

    /// The `k`-th of the 4 pool paragraphs of a topic, picked from `(seed, topic, k)`.
    fn topic_para(&self, topic: usize, k: usize) -> &[String] {
        let t = &self.pool.topical;
        let at = Rng::new(&[self.seed, topic as u64, 5, k as u64]).below(t.len());
        &self.pool.paras[t[at]]
    }

    /// The topic of an original article.
    fn topic_of(&self, i: usize) -> usize {
        Rng::new(&[self.seed, i as u64, 3]).below(self.topics())
    }

    /// A fresh paragraph of `len` words: runs of 2–4 words of the topic's pool paragraphs (its
    /// vocabulary and stock phrases), each followed by one word drawn from the whole vocabulary.
    /// That word keeps two unrelated articles from sharing a run of two or more consecutive
    /// chunks (hence any run of 5+ words) by chance: without it, articles that picked the same
    /// chunks in the same order shared 8–12-word runs, and more so as N grew (false pairs that
    /// were artifacts of the generator, not of the detector).
    fn fresh_para(&self, r: &mut Rng, topic: usize, len: usize) -> String {
        let mut words: Vec<&str> = Vec::with_capacity(len + 5);
        while words.len() < len {
            let p = self.topic_para(topic, r.below(4));
            let run = r.range(2, 4).min(p.len());
            let at = r.below(p.len() - run + 1);
            words.extend(p[at..at + run].iter().map(String::as_str));
            words.push(&self.pool.vocab[r.below(self.pool.vocab.len())]);
        }
        words.truncate(len);
        let mut s = words.join(" ");
        s.push('.');
        s
    }

    fn fresh_len(r: &mut Rng) -> usize {
        if r.unit() < 0.3 {
            r.range(20, 39)
        } else {
            r.range(40, 110)
        }
    }

    fn original(&self, i: usize) -> Vec<String> {
        let topic = self.topic_of(i);
        let mut r = Rng::new(&[self.seed, i as u64, 6]);
        let n = r.range(4, 9);
        (0..n)
            .map(|_| {
                let len = Self::fresh_len(&mut r);
                self.fresh_para(&mut r, topic, len)
            })
            .collect()
    }

    /// Edits each word with probability `rate`: replaced by a pool word (60 %), deleted (20 %)
    /// or preceded by an inserted pool word (20 %).
    fn edit(&self, r: &mut Rng, para: &str, rate: f64) -> String {
        if rate <= 0.0 {
            return para.to_string();
        }
        let mut out: Vec<&str> = Vec::new();
        for w in para.split(' ') {
            if r.unit() < rate {
                let v = &self.pool.vocab[r.below(self.pool.vocab.len())];
                match r.below(5) {
                    0..=2 => out.push(v),
                    3 => {}
                    _ => {
                        out.push(v);
                        out.push(w);
                    }
                }
            } else {
                out.push(w);
            }
        }
        out.join(" ")
    }

    fn render(&self, i: usize) -> Rendered {
        let role = self.role(i);
        if role == Role::Original {
            let paras = self.original(i);
            let copied = vec![None; paras.len()];
            return Rendered {
                paras,
                origin: None,
                copied,
            };
        }
        let o = self.origin(i);
        let src = self.original(o);
        let mut r = Rng::new(&[self.seed, i as u64, 4]);
        // A derived article's own text (headline, comment) is on its original's topic.
        let topic = self.topic_of(o);
        let mut paras: Vec<String> = Vec::new();
        let mut copied: Vec<Option<usize>> = Vec::new();
        let mut push = |p: String, c: Option<usize>| {
            paras.push(p);
            copied.push(c);
        };
        match role {
            Role::Exact => src
                .iter()
                .enumerate()
                .for_each(|(k, p)| push(p.clone(), Some(k))),
            Role::Boiler | Role::Near | Role::Moved => {
                let len = r.range(8, 11);
                let headline = self.fresh_para(&mut r, topic, len);
                push(headline, None);
                let rate = match role {
                    Role::Near => 0.01 + 0.02 * r.unit(),
                    Role::Moved => 0.02 * r.unit(),
                    _ => 0.0,
                };
                let mut order: Vec<usize> = (0..src.len()).collect();
                if role == Role::Moved {
                    // Moves one to three paragraphs elsewhere.
                    for _ in 0..r.range(1, 3) {
                        let from = r.below(order.len());
                        let k = order.remove(from);
                        order.insert(r.below(order.len() + 1), k);
                    }
                }
                for k in order {
                    let text = self.edit(&mut r, &src[k], rate);
                    push(text, Some(k));
                }
                if role == Role::Boiler {
                    for _ in 0..r.range(2, 4) {
                        push(BOILERPLATE[r.below(BOILERPLATE.len())].to_string(), None);
                    }
                }
            }
            _ => {
                // Partial: fresh paragraphs with 1–5 copied ones inserted, each edited 0–15 %.
                let own = r.range(2, 6);
                let mut body: Vec<(String, Option<usize>)> = (0..own)
                    .map(|_| {
                        let len = Self::fresh_len(&mut r);
                        (self.fresh_para(&mut r, topic, len), None)
                    })
                    .collect();
                let mut picks: Vec<usize> = (0..src.len()).collect();
                let k = r.range(1, 5).min(src.len());
                for x in 0..k {
                    let y = x + r.below(picks.len() - x);
                    picks.swap(x, y);
                }
                for &p in &picks[..k] {
                    let rate = 0.15 * r.unit();
                    let text = self.edit(&mut r, &src[p], rate);
                    body.insert(r.below(body.len() + 1), (text, Some(p)));
                }
                body.into_iter().for_each(|(t, c)| push(t, c));
            }
        }
        Rendered {
            paras,
            origin: Some(o),
            copied,
        }
    }
}

impl Texts for Gen {
    fn count(&self) -> usize {
        self.n
    }
    fn text(&self, i: usize) -> Cow<'_, str> {
        Cow::Owned(self.render(i).paras.join("\n"))
    }
}

// ---------------------------------------------------------------- planted evaluation

/// A planted passage: (copy, original, byte range in the copy, words).
struct Planted {
    copy: u32,
    original: u32,
    start: u32,
    end: u32,
    words: u32,
}

/// The planted truth: true pairs (sorted) and planted passages.
fn truth(g: &Gen) -> (Vec<u64>, Vec<Planted>) {
    let derived: Vec<(u32, u32, u64, Vec<Planted>)> = (0..g.n)
        .into_par_iter()
        .filter(|&i| g.role(i) != Role::Original)
        .map(|i| {
            let r = g.render(i);
            let o = r.origin.unwrap_or(0);
            let mut mask = 0u64;
            let mut planted = Vec::new();
            let mut at = 0usize;
            for (p, c) in r.paras.iter().zip(&r.copied) {
                if let Some(k) = c {
                    mask |= 1 << k;
                    planted.push(Planted {
                        copy: i as u32,
                        original: o as u32,
                        start: at as u32,
                        end: (at + p.len()) as u32,
                        words: p.split_whitespace().count() as u32,
                    });
                }
                at += p.len() + 1;
            }
            (o as u32, i as u32, mask, planted)
        })
        .collect();
    let mut pairs: Vec<u64> = Vec::new();
    let mut by_origin: Vec<(u32, u32, u64)> = derived.iter().map(|d| (d.0, d.1, d.2)).collect();
    by_origin.sort_unstable();
    for g in by_origin.chunk_by(|x, y| x.0 == y.0) {
        for (x, &(o, c, m)) in g.iter().enumerate() {
            pairs.push(lsh::pack(o, c));
            for &(_, c2, m2) in &g[x + 1..] {
                if m & m2 != 0 {
                    pairs.push(lsh::pack(c.min(c2), c.max(c2)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let planted = derived.into_iter().flat_map(|d| d.3).collect();
    (pairs, planted)
}

struct Scores {
    precision: f64,
    recall: f64,
    found: usize,
    true_pairs: usize,
    /// (label, found, total)
    passages: Vec<(&'static str, usize, usize)>,
}

fn score(g: &Gen, found: &[ReusePair], pairs: &[u64], planted: &[Planted]) -> Scores {
    let keys: Vec<u64> = found
        .iter()
        .map(|p| lsh::pack(p.a as u32, p.b as u32))
        .collect();
    let hit = keys
        .iter()
        .filter(|k| pairs.binary_search(k).is_ok())
        .count();
    let covered = |p: &Planted| -> bool {
        let (a, b) = (p.original.min(p.copy), p.original.max(p.copy));
        let Ok(at) = keys.binary_search(&lsh::pack(a, b)) else {
            return false;
        };
        let pair = &found[at];
        let mut spans: Vec<(usize, usize)> = pair
            .passages
            .iter()
            .map(|s| {
                if pair.b == p.copy as usize {
                    (s.b_start, s.b_end)
                } else {
                    (s.a_start, s.a_end)
                }
            })
            .collect();
        spans.sort_unstable();
        let (s, e) = (p.start as usize, p.end as usize);
        let mut cov = 0;
        let mut reach = s;
        for (x, y) in spans {
            let (x, y) = (x.max(reach), y.min(e));
            if y > x {
                cov += y - x;
                reach = y;
            }
        }
        cov as f64 >= 0.8 * (e - s) as f64
    };
    let flags: Vec<bool> = planted.par_iter().map(covered).collect();
    if std::env::var_os("REUSE_BENCH_DEBUG").is_some() {
        for (k, p) in keys
            .iter()
            .zip(found)
            .filter(|(k, _)| pairs.binary_search(k).is_err())
            .take(12)
        {
            let (a, b) = lsh::unpack(*k);
            let desc = |i: usize| {
                let role = g.role(i);
                let origin = (role != Role::Original).then(|| g.origin(i));
                let topic = g.topic_of(origin.unwrap_or(i));
                format!("{i} {role:?} topic {topic} origin {origin:?}")
            };
            eprintln!("FALSE PAIR {} / {} {:?}", desc(a), desc(b), p.kind);
            let (ta, tb) = (g.text(a), g.text(b));
            for s in &p.passages {
                eprintln!("   A: {}", &ta[s.a_start..s.a_end]);
                eprintln!("   B: {}", &tb[s.b_start..s.b_end]);
            }
        }
        let mut missed: BTreeMap<String, usize> = BTreeMap::new();
        for &k in pairs.iter().filter(|k| keys.binary_search(k).is_err()) {
            let (a, b) = lsh::unpack(k);
            let (ra, rb) = (g.role(a), g.role(b));
            *missed.entry(format!("{ra:?}-{rb:?}")).or_default() += 1;
        }
        eprintln!("MISSED PAIRS by roles: {missed:?}");
        for p in planted
            .iter()
            .zip(&flags)
            .filter(|(_, &f)| !f)
            .map(|(p, _)| p)
            .take(8)
        {
            let (a, b) = (p.original.min(p.copy), p.original.max(p.copy));
            let pair = keys.binary_search(&lsh::pack(a, b)).ok().map(|i| &found[i]);
            eprintln!(
                "MISSED copy {} of {} [{}..{}] {} words; pair {:?}",
                p.copy,
                p.original,
                p.start,
                p.end,
                p.words,
                pair.map(|x| (
                    x.kind,
                    x.passages
                        .iter()
                        .map(|s| (s.a_start, s.a_end, s.b_start, s.b_end))
                        .collect::<Vec<_>>()
                ))
            );
        }
    }
    let class = |lo: u32, hi: u32, label: &'static str| {
        let sel: Vec<bool> = planted
            .iter()
            .zip(&flags)
            .filter(|(p, _)| p.words >= lo && p.words < hi)
            .map(|(_, &f)| f)
            .collect();
        (label, sel.iter().filter(|&&f| f).count(), sel.len())
    };
    Scores {
        precision: hit as f64 / keys.len().max(1) as f64,
        recall: hit as f64 / pairs.len().max(1) as f64,
        found: keys.len(),
        true_pairs: pairs.len(),
        passages: vec![
            class(40, u32::MAX, ">=40 words"),
            class(20, 40, "20-40 words"),
            class(0, 20, "<20 words"),
        ],
    }
}

fn run_planted(g: &Gen, cfg: &ReuseConfig, truth: &(Vec<u64>, Vec<Planted>), label: &str) {
    let (t, cpu0) = (Instant::now(), cpu_secs());
    let found = reuse::find_reuse_in(g, cfg);
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_secs() - cpu0;
    let s = score(g, &found, &truth.0, &truth.1);
    let rec = |l: &str| {
        s.passages
            .iter()
            .find(|p| p.0 == l)
            .map_or(0.0, |p| p.1 as f64 / p.2.max(1) as f64)
    };
    println!(
        "{label}: {} articles in {secs:.2} s = {:.0} articles/s (CPU {cpu:.1} s = {:.0} µs/article) | pairs found {} true {} | \
         precision {:.4} recall {:.4} | passage recall >=40w {:.4} 20-40w {:.4} | peak {:.0} MiB",
        g.n,
        g.n as f64 / secs,
        cpu * 1e6 / g.n as f64,
        s.found,
        s.true_pairs,
        s.precision,
        s.recall,
        rec(">=40 words"),
        rec("20-40 words"),
        peak_mib()
    );
    for (l, f, n) in &s.passages {
        println!("    planted passages {l}: {f}/{n}");
    }
    let (fams, _) = reuse::families(g, &found);
    let largest = fams.iter().map(|f| f.articles.len()).max().unwrap_or(0);
    println!("    reprint families: {} (largest {largest})", fams.len());
}

fn planted(args: &[String]) {
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let seed: u64 = arg(args, "--seed", 42);
    let g = Gen {
        pool: Pool::load(),
        seed,
        n,
    };
    let t = Instant::now();
    let tr = truth(&g);
    let roles: BTreeMap<String, usize> = (0..n).fold(BTreeMap::new(), |mut m, i| {
        *m.entry(format!("{:?}", g.role(i))).or_default() += 1;
        m
    });
    println!(
        "planted corpus: {n} articles (seed {seed}), pool {} paragraphs, {:?}, {} true pairs, {} planted passages (truth in {:.1} s)",
        g.pool.paras.len(),
        roles,
        tr.0.len(),
        tr.1.len(),
        t.elapsed().as_secs_f64()
    );
    let base = ReuseConfig::default();
    if args.iter().any(|a| a == "--index") {
        // The bytes per article held by the candidate index (no text), measured.
        let mut index = Index::new(&base, false);
        index.add_with(g.n, |i| g.text(i));
        println!(
            "index: {} bytes for {n} articles = {:.0} B/article",
            index.bytes(),
            index.bytes() as f64 / n.max(1) as f64
        );
    }
    if args.iter().any(|a| a == "--curve") {
        let mut configs: Vec<(String, ReuseConfig)> = Vec::new();
        for &(b, r) in &[(16, 4), (32, 4), (16, 8), (32, 2)] {
            configs.push((
                format!("bands {b} x rows {r}"),
                ReuseConfig {
                    bands: b,
                    rows: r,
                    ..base.clone()
                },
            ));
        }
        for &w in &[0, 3, 4, 6, 8] {
            configs.push((
                format!("winnow window {w}"),
                ReuseConfig {
                    winnow_window: w,
                    ..base.clone()
                },
            ));
        }
        for &s in &[3, 4, 5, 7] {
            configs.push((
                format!("shingle {s} words"),
                ReuseConfig {
                    shingle_words: s,
                    ..base.clone()
                },
            ));
        }
        for &m in &[1, 3] {
            configs.push((
                format!("min shared fingerprints {m}"),
                ReuseConfig {
                    min_shared_fingerprints: m,
                    ..base.clone()
                },
            ));
        }
        for &(seed, gap, edits) in &[(4, 8, 3), (5, 10, 4), (4, 10, 4), (4, 12, 5)] {
            let mut cfg = base.clone();
            cfg.align.seed_words = seed;
            cfg.align.max_gap_words = gap;
            cfg.align.max_edit_words = edits;
            configs.push((format!("align seed {seed} gap {gap} edits {edits}"), cfg));
        }
        if let Ok(only) = std::env::var("REUSE_BENCH_ONLY") {
            configs.retain(|c| c.0.contains(&only));
        }
        for (label, cfg) in configs {
            run_planted(&g, &cfg, &tr, &label);
        }
    } else {
        run_planted(&g, &base, &tr, "reuse stage (defaults)");
    }
}

// ---------------------------------------------------------------- near-duplicate mode

#[derive(serde::Deserialize)]
struct Doc {
    id: String,
    text: String,
}

fn neardup_run(dir: &str, cfg: &ReuseConfig, verify: f64, label: &str) {
    let t = Instant::now();
    let file = std::fs::File::open(format!("{dir}/corpus.jsonl")).expect("corpus.jsonl");
    let mut lines = std::io::BufReader::with_capacity(1 << 20, file).lines();
    let mut index = Index::new(cfg, true);
    let mut ids: Vec<String> = Vec::new();
    loop {
        let block: Vec<String> = lines
            .by_ref()
            .take(cfg.block_articles)
            .map_while(Result::ok)
            .collect();
        if block.is_empty() {
            break;
        }
        let docs: Vec<Doc> = block
            .par_iter()
            .map(|l| serde_json::from_str(l).expect("JSON line"))
            .collect();
        drop(block);
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        index.add(&texts);
        ids.extend(docs.into_iter().map(|d| d.id));
    }
    let t_index = t.elapsed().as_secs_f64();
    let index_bytes = index.bytes();
    let dups = index.duplicate_pairs(1);
    let mut cands: Vec<u64> = index.near_candidates().into_iter().map(|p| p.0).collect();
    cands.extend(dups);
    cands.par_sort_unstable();
    cands.dedup();
    let verified: Vec<u64> = cands
        .par_iter()
        .copied()
        .filter(|&k| {
            let (a, b) = lsh::unpack(k);
            index.estimate_jaccard(a, b).unwrap_or(1.0) >= verify
        })
        .collect();
    let secs = t.elapsed().as_secs_f64();
    // Planted pairs, by id.
    let mut pos: Vec<(&str, u32)> = ids
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i as u32))
        .collect();
    pos.sort_unstable();
    let find = |s: &str| pos.binary_search_by(|p| p.0.cmp(s)).ok().map(|i| pos[i].1);
    let planted = std::fs::read_to_string(format!("{dir}/planted.tsv")).unwrap_or_default();
    let keys: Vec<u64> = planted
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t');
            let (a, b) = (find(f.next()?)?, find(f.next()?)?);
            Some(lsh::pack(a.min(b), a.max(b)))
        })
        .collect();
    let recall = |set: &[u64]| {
        keys.iter().filter(|k| set.binary_search(k).is_ok()).count() as f64
            / keys.len().max(1) as f64
    };
    let unplanted = |set: &[u64]| {
        let mut k = keys.clone();
        k.sort_unstable();
        set.iter().filter(|x| k.binary_search(x).is_err()).count()
    };
    println!(
        "{label}: {} docs in {secs:.2} s (index {t_index:.2} s) = {:.0} docs/s | candidates {} \
         recall {:.4} unplanted {} | verified (est. J >= {verify}) {} recall {:.4} unplanted {} | \
         index {:.0} B/doc | peak {:.0} MiB",
        ids.len(),
        ids.len() as f64 / secs,
        cands.len(),
        recall(&cands),
        unplanted(&cands),
        verified.len(),
        recall(&verified),
        unplanted(&verified),
        index_bytes as f64 / ids.len().max(1) as f64,
        peak_mib()
    );
}

fn neardup(args: &[String]) {
    let dir = args.get(1).expect("CORPUS_DIR");
    let base = ReuseConfig {
        winnow_window: 0,
        bands: arg(args, "--bands", 32),
        rows: arg(args, "--rows", 4),
        shingle_words: arg(args, "--shingle", 5),
        ..ReuseConfig::default()
    };
    let verify: f64 = arg(args, "--verify", 0.5);
    if args.iter().any(|a| a == "--curve") {
        for &(b, r) in &[
            (8, 16),
            (16, 8),
            (9, 13),
            (16, 4),
            (32, 4),
            (64, 2),
            (32, 2),
        ] {
            let cfg = ReuseConfig {
                bands: b,
                rows: r,
                ..base.clone()
            };
            neardup_run(dir, &cfg, verify, &format!("bands {b} x rows {r}"));
        }
    } else {
        let label = format!("recoupe near-dup {}x{}", base.bands, base.rows);
        neardup_run(dir, &base, verify, &label);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("planted") => planted(&args),
        Some("neardup") => neardup(&args),
        _ => eprintln!("usage: reuse_bench planted N [--seed S] [--curve] [--index] | neardup DIR [--bands B] [--rows R] [--shingle N] [--verify J] [--curve]"),
    }
}
