//! Quotes by speaker across the corpus: for each canonical speaker, their quotations with the
//! article, outlet and date of each, the same quotation repeated by several articles grouped
//! once (so a reader sees which outlets carried it).
//!
//! Two quotations of one speaker are the same when their folded words are equal, or when one
//! holds the other as a run of words and the shorter has at least [`MIN_WORDS`] words. The
//! grouping indexes every run of [`MIN_WORDS`] words of every quotation (a hash of the folded
//! words), so it stays linear in the number of quotations, not quadratic.

use std::collections::HashMap;

use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

use crate::model::Analysis;
use crate::text::fold;

/// Shortest quotation (in words) that may be grouped with a longer one that contains it.
pub const MIN_WORDS: usize = 6;

/// One place where a quotation was printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    /// Article id.
    pub article: String,
    /// Index of the article in [`Analysis::articles`] (any caller-defined position, used for
    /// ordering ties and to find the occurrence back).
    #[serde(skip)]
    pub index: usize,
    /// Index of the quotation in the article's `quotes` (in `articles.jsonl`).
    pub quote: usize,
    /// Outlet of the article, when known.
    pub source: Option<String>,
    /// Publication date of the article, when known.
    pub published: Option<jiff::civil::Date>,
    /// The quotation as this article prints it.
    pub text: String,
}

/// A quotation of one speaker, with every article that printed it (earliest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepeatedQuote {
    /// The fullest version of the quotation (the longest text among the occurrences).
    pub text: String,
    /// Distinct outlets that printed it, in order of first occurrence.
    pub outlets: Vec<String>,
    /// Every printing, by publication date (unknown dates last), then article id.
    pub occurrences: Vec<Occurrence>,
}

/// The quotations of one canonical speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeakerQuotes {
    /// Canonical speaker name (as in `articles.jsonl`).
    pub speaker: String,
    /// Distinct quotations, the most repeated first.
    pub quotes: Vec<RepeatedQuote>,
}

/// Folded words of a quotation.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn hash_words(ws: &[String]) -> u64 {
    xxh3_64(ws.join(" ").as_bytes())
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        parent[hi] = lo;
    }
}

/// Whether `short` occurs as a contiguous run of words in `long`.
fn contains_run(long: &[String], short: &[String]) -> bool {
    short.len() <= long.len() && long.windows(short.len()).any(|w| w == short)
}

/// Groups the printings of one speaker's quotations into distinct quotations (equal or
/// contained, see the module doc), the most repeated first. Used by [`index`] over an analysis and
/// by the store over its quotes table, so the CLI report and the web page group alike.
pub fn group_occurrences(items: Vec<Occurrence>) -> Vec<RepeatedQuote> {
    group(
        items
            .into_iter()
            .map(|o| {
                let ws = words(&o.text);
                (o, ws)
            })
            .collect(),
    )
}

/// Groups the quotations of one speaker; `items` are (occurrence, folded words).
fn group(items: Vec<(Occurrence, Vec<String>)>) -> Vec<RepeatedQuote> {
    let n = items.len();
    let mut parent: Vec<usize> = (0..n).collect();
    // Equal texts.
    let mut exact: HashMap<u64, usize> = HashMap::new();
    for (i, (_, ws)) in items.iter().enumerate() {
        if ws.is_empty() {
            continue;
        }
        let h = hash_words(ws);
        match exact.get(&h) {
            Some(&j) if items[j].1 == *ws => union(&mut parent, i, j),
            Some(_) => {}
            None => {
                exact.insert(h, i);
            }
        }
    }
    // Containment: every window of MIN_WORDS words of every quotation, then each quotation's first
    // window looked up among the others (a contained quotation starts at one of those windows).
    let mut windows: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, (_, ws)) in items.iter().enumerate() {
        if ws.len() < MIN_WORDS {
            continue;
        }
        let mut seen: Vec<u64> = Vec::new();
        for w in ws.windows(MIN_WORDS) {
            let h = hash_words(w);
            if !seen.contains(&h) {
                seen.push(h);
                windows.entry(h).or_default().push(i);
            }
        }
    }
    for (i, (_, ws)) in items.iter().enumerate() {
        if ws.len() < MIN_WORDS {
            continue;
        }
        let Some(cands) = windows.get(&hash_words(&ws[..MIN_WORDS])) else {
            continue;
        };
        for &j in cands {
            if j != i && items[j].1.len() >= ws.len() && contains_run(&items[j].1, ws) {
                union(&mut parent, i, j);
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let r = find(&mut parent, i);
        match slot[r] {
            Some(g) => groups[g].push(i),
            None => {
                slot[r] = Some(groups.len());
                groups.push(vec![i]);
            }
        }
    }
    let mut items: Vec<Option<Occurrence>> = items.into_iter().map(|(o, _)| Some(o)).collect();
    let mut out: Vec<RepeatedQuote> = groups
        .into_iter()
        .map(|g| {
            let mut occ: Vec<Occurrence> = g.into_iter().filter_map(|i| items[i].take()).collect();
            occ.sort_by(|a, b| {
                (a.published.is_none(), &a.published, &a.article, a.quote).cmp(&(
                    b.published.is_none(),
                    &b.published,
                    &b.article,
                    b.quote,
                ))
            });
            let text = occ
                .iter()
                .max_by_key(|o| (o.text.chars().count(), std::cmp::Reverse(o.index)))
                .map(|o| o.text.clone())
                .unwrap_or_default();
            let mut outlets: Vec<String> = Vec::new();
            for s in occ.iter().filter_map(|o| o.source.as_ref()) {
                if !outlets.contains(s) {
                    outlets.push(s.clone());
                }
            }
            RepeatedQuote {
                text,
                outlets,
                occurrences: occ,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.occurrences
            .len()
            .cmp(&a.occurrences.len())
            .then_with(|| first_key(a).cmp(&first_key(b)))
    });
    out
}

fn first_key(q: &RepeatedQuote) -> (usize, usize) {
    q.occurrences
        .first()
        .map_or((usize::MAX, 0), |o| (o.index, o.quote))
}

/// The corpus-wide quote index: every canonical speaker with their quotations, repeated ones
/// grouped. Speakers with the most quotations come first (ties: by name); quotations without a
/// speaker are left out.
pub fn index(analysis: &Analysis) -> Vec<SpeakerQuotes> {
    let mut by_speaker: HashMap<&str, Vec<(Occurrence, Vec<String>)>> = HashMap::new();
    for (i, a) in analysis.articles.iter().enumerate() {
        for (k, q) in a.quotes.iter().enumerate() {
            let Some(sp) = q.speaker.as_deref() else {
                continue;
            };
            by_speaker.entry(sp).or_default().push((
                Occurrence {
                    article: a.clean.id.clone(),
                    index: i,
                    quote: k,
                    source: a.clean.source.clone(),
                    published: a.clean.published,
                    text: q.text.clone(),
                },
                words(&q.text),
            ));
        }
    }
    let mut out: Vec<SpeakerQuotes> = by_speaker
        .into_iter()
        .map(|(speaker, items)| SpeakerQuotes {
            speaker: speaker.to_string(),
            quotes: group(items),
        })
        .collect();
    out.sort_by(|a, b| {
        let na: usize = a.quotes.iter().map(|q| q.occurrences.len()).sum();
        let nb: usize = b.quotes.iter().map(|q| q.occurrences.len()).sum();
        nb.cmp(&na).then_with(|| a.speaker.cmp(&b.speaker))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(article: &str, text: &str) -> (Occurrence, Vec<String>) {
        (
            Occurrence {
                article: article.to_string(),
                index: 0,
                quote: 0,
                source: Some(format!("{article}.example")),
                published: None,
                text: text.to_string(),
            },
            words(text),
        )
    }

    #[test]
    fn groups_equal_and_contained_quotes_only_when_long_enough() {
        let g = group(vec![
            occ("a", "We will never accept these terms, never."),
            occ("b", "we will never accept these terms"),
            occ("c", "« We will never accept these terms, never »"),
            occ("d", "never accept"),
            occ("e", "It is a good day for the country."),
        ]);
        assert_eq!(g.len(), 3);
        assert_eq!(g[0].occurrences.len(), 3);
        assert_eq!(g[0].outlets, ["a.example", "b.example", "c.example"]);
        assert!(g.iter().any(|q| q.text == "never accept"));
    }
}
