//! Extract: HTML page → [`CleanArticle`], keeping what the journalist wrote (headline, standfirst,
//! body, sub-headings, quotes) and dropping the rest with a reason.
//!
//! How: the page is parsed by an HTML5 parser (html5ever via `scraper`) and flattened into text
//! blocks (one per paragraph, heading, list item, quote...). Each element gets boilerplate and
//! article hints from its tag, role, itemprop, class and id (French and English vocabulary in
//! [`hints`]). The article container is the element that maximises "prose inside minus
//! boilerplate inside" (prose = long, punctuated, link-poor blocks outside hinted boilerplate);
//! blocks inside it are kept unless a hint, a phrase, a caption tag or link density says
//! otherwise, and blocks outside it are dropped with the most specific reason found. Over a
//! batch, a block seen on many pages of one site is dropped as template.
//!
//! Round-2 refinements: class names are read one by one without state/layout modifiers and
//! taxonomy terms ([`hints::attr_hints`]); when class hints leave the container with little of
//! the page's prose, a second reading trusting only tags and roles is compared and kept if it
//! finds clearly more (fallback); a standfirst just outside the container is kept; photo
//! captions, date lines and labels announcing a dropped list are dropped inside it; teaser
//! summaries must share a small card with their headline link; embedded posts are content.
//!
//! `DroppedBlock::line` and `paragraph_lines` hold 1-based block numbers in page order (HTML has
//! no meaningful lines).

mod dom;
pub mod hints;
pub mod meta;
pub mod nesting;

use std::collections::HashMap;

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use crate::model::{CleanArticle, Document, DropReason, DroppedBlock};
use crate::text::{detect_language, fold};
use dom::{Block, Kind, Page};

/// A block is prose when it has at least this many characters outside links.
const PROSE_MIN_CHARS: usize = 40;
/// Weight of boilerplate characters against prose characters when choosing the container.
const BAD_WEIGHT: f64 = 0.5;
/// Weight of short link-free blocks (bylines, list items, labels) among boilerplate characters.
const SHORT_BLOCK_WEIGHT: f64 = 0.5;
/// Weight of the link-free text of hinted boilerplate (kept out anyway by its hint).
const HINTED_WEIGHT: f64 = 0.25;
/// Blocks with more link text than this share are link lists (outside headings).
const MAX_LINK_DENSITY: f64 = 0.5;
/// Short blocks (below this many characters) are checked against boilerplate phrases.
const PHRASE_MAX_CHARS: usize = 220;
/// Short link-free lines up to this length, without final punctuation, are labels (a section
/// title) when no heading tag says so.
const LABEL_MAX_CHARS: usize = 40;
/// The fallback reading is tried when the container holds less than this share of the page's
/// prose (and less than [`FALLBACK_MAX_PROSE`]), on pages with at least [`FALLBACK_MIN_PROSE`]
/// of prose.
const FALLBACK_MAX_SHARE: f64 = 0.3;
/// A first container with this much prose is an article: no fallback.
const FALLBACK_MAX_PROSE: f64 = 1000.0;
/// Least prose for a fallback reading to be tried, and for its container to be kept.
const FALLBACK_MIN_PROSE: f64 = 500.0;
/// Below this share of the page's prose in the first container, the fallback ignores comment
/// hints too.
const COMMENTS_FALLBACK_SHARE: f64 = 0.05;
/// The fallback reading is kept when its container holds this many times more prose.
const FALLBACK_GAIN: f64 = 2.0;
/// A standfirst is looked for under the container's ancestor this many levels up.
const LEDE_MAX_LEVELS: usize = 3;
/// A "teaser" standfirst is one of the blocks before the container or among its first ones.
const STANDFIRST_MAX_INSIDE: usize = 3;
/// Shortest standfirst kept from outside the container.
const LEDE_MIN_CHARS: usize = 30;
/// Most blocks in one teaser card (headline link, summary, date, author...).
const CARD_MAX_BLOCKS: usize = 6;
/// Blocks repeated inside the article are dropped only from this length on (short repeated
/// lines are table cells, list labels or interview questions).
const DEDUP_MIN_CHARS: usize = 200;
/// A block on at least this many pages of one host ...
const TEMPLATE_MIN_PAGES: usize = 3;
/// ... and on at least this share of the host's pages is template.
const TEMPLATE_MIN_SHARE: f64 = 0.3;

/// What became of one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Keep,
    Comment,
    Drop(DropReason),
}

/// One page after block decisions, before corpus-level template detection.
#[derive(Debug)]
struct Draft {
    article: CleanArticle,
    host: Option<String>,
    /// Text and fate of every block, in page order.
    blocks: Vec<(String, Fate)>,
    html_lang: bool,
}

/// Extracts the clean article of one HTML document (a document without `html` gets its `text`
/// split into paragraphs).
pub fn extract(doc: &Document) -> CleanArticle {
    finish(draft(doc), &|_| false)
}

/// Extracts a batch in parallel, then drops blocks repeated on many pages of one site
/// (template: same host, same folded text), and returns the articles in input order.
pub fn extract_batch(docs: &[Document]) -> Vec<CleanArticle> {
    finish_batch(docs.par_iter().map(hashed_draft).collect())
}

/// [`extract_batch`] taking the documents by value: each page's HTML is freed as soon as the
/// page is read, so a batch never holds every page and every draft at once.
pub fn extract_batch_owned(docs: Vec<Document>) -> Vec<CleanArticle> {
    finish_batch(docs.into_par_iter().map(|doc| hashed_draft(&doc)).collect())
}

/// A draft with the hash of its host and of every kept block's folded text (`None` for the
/// other blocks; empty without a host), computed once, in parallel.
type HashedDraft = (Draft, Option<u64>, Vec<Option<u64>>);

fn hashed_draft(doc: &Document) -> HashedDraft {
    let d = draft(doc);
    let hh = d.host.as_deref().map(|h| xxh3_64(h.as_bytes()));
    let kept = if hh.is_some() {
        d.blocks
            .iter()
            .map(|(t, f)| (*f == Fate::Keep).then(|| xxh3_64(fold(t).as_bytes())))
            .collect()
    } else {
        Vec::new()
    };
    (d, hh, kept)
}

/// Counts each kept block over the pages of its site (the only serial step), drops template
/// blocks and finishes every draft.
fn finish_batch(drafts: Vec<HashedDraft>) -> Vec<CleanArticle> {
    let mut host_pages: HashMap<u64, usize> = HashMap::new();
    let mut counts: HashMap<(u64, u64), usize> = HashMap::new();
    for (_, hh, kept) in &drafts {
        let Some(hh) = *hh else { continue };
        *host_pages.entry(hh).or_default() += 1;
        let mut seen: Vec<u64> = kept.iter().flatten().copied().collect();
        seen.sort_unstable();
        seen.dedup();
        for b in seen {
            *counts.entry((hh, b)).or_default() += 1;
        }
    }
    drafts
        .into_par_iter()
        .map(|(d, hh, kept)| {
            let is_template = |i: usize| {
                let (Some(hh), Some(&Some(b))) = (hh, kept.get(i)) else {
                    return false;
                };
                let pages = host_pages.get(&hh).copied().unwrap_or(0);
                let n = counts.get(&(hh, b)).copied().unwrap_or(0);
                n >= TEMPLATE_MIN_PAGES && n as f64 >= TEMPLATE_MIN_SHARE * pages as f64
            };
            finish(d, &is_template)
        })
        .collect()
}

/// Turns a draft into the article; `is_template(i)` tells whether kept block `i` is a template
/// block of its site.
fn finish(mut d: Draft, is_template: &dyn Fn(usize) -> bool) -> CleanArticle {
    let mut paras = Vec::new();
    for (n, (text, fate)) in d.blocks.into_iter().enumerate() {
        let line = n + 1;
        match fate {
            Fate::Keep if is_template(n) => d.article.dropped.push(DroppedBlock {
                line,
                text,
                reason: DropReason::Template,
            }),
            Fate::Keep => {
                d.article.paragraph_lines.push(line);
                paras.push(text);
            }
            Fate::Comment => d.article.comments.push(text),
            Fate::Drop(reason) => d.article.dropped.push(DroppedBlock { line, text, reason }),
        }
    }
    d.article.text = paras.join("\n");
    if !d.html_lang {
        d.article.language = detect_language(&d.article.text);
    }
    d.article
}

fn text_draft(doc: &Document) -> Draft {
    let blocks: Vec<(String, Fate)> = doc
        .text
        .split('\n')
        .map(|l| l.trim().to_string())
        .map(|l| {
            let fate = if l.is_empty() {
                Fate::Drop(DropReason::Repeated)
            } else {
                Fate::Keep
            };
            (l, fate)
        })
        .collect();
    let blocks = blocks.into_iter().filter(|(l, _)| !l.is_empty()).collect();
    Draft {
        article: CleanArticle {
            id: doc.id.clone(),
            origin: doc.origin.clone(),
            title: doc.title.clone(),
            url: doc.url.clone(),
            source: doc.source.clone(),
            published: doc.published,
            ..Default::default()
        },
        host: None,
        blocks,
        html_lang: false,
    }
}

/// Per-element aggregates used to choose the article container.
struct Scores {
    /// Prose characters in the subtree (hints ignored).
    raw: Vec<f64>,
    /// Prose characters in the subtree, outside effective boilerplate hints.
    good: Vec<f64>,
    /// Non-prose characters in the subtree.
    bad: Vec<f64>,
}

/// Marks teaser lists: three or more sibling "cards" (same tag and class, each a few short
/// blocks with a heading or a good share of link text) are teasers for other articles.
fn mark_card_lists(elems: &mut [dom::Elem], blocks: &[Block]) {
    let n = elems.len();
    let mut nblocks = vec![0usize; n];
    let mut chars = vec![0usize; n];
    let mut links = vec![0usize; n];
    let mut heading = vec![false; n];
    for b in blocks {
        let e = b.elem as usize;
        nblocks[e] += 1;
        chars[e] += b.chars;
        links[e] += b.link_chars;
        heading[e] |= matches!(b.kind, Kind::Heading(_));
    }
    for e in (1..n).rev() {
        let p = elems[e].parent as usize;
        nblocks[p] += nblocks[e];
        chars[p] += chars[e];
        links[p] += links[e];
        heading[p] |= heading[e];
    }
    let card = |e: usize| {
        !matches!(
            &*elems[e].tag,
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "tr" | "span" | "a"
        ) && (1..=5).contains(&nblocks[e])
            && chars[e] < 800
            && links[e] >= 10
            && (heading[e] || links[e] * 100 >= 15 * chars[e])
    };
    // Group card children by (parent, signature); BTreeMap keeps this deterministic.
    let mut groups: std::collections::BTreeMap<(u32, u64), Vec<usize>> = Default::default();
    for (e, el) in elems.iter().enumerate().skip(1) {
        if card(e) {
            groups.entry((el.parent, el.sig)).or_default().push(e);
        }
    }
    for members in groups.values().filter(|m| m.len() >= 3) {
        for &e in members {
            if elems[e].neg.is_none() {
                elems[e].neg = Some(if !heading[e] && chars[e] < 60 {
                    DropReason::Navigation
                } else {
                    DropReason::Teaser
                });
            }
        }
    }
}

/// Marks teaser summaries: a short paragraph right after a short all-link block (a headline
/// linking to another article), the pattern of "related" and "more from" lists.
/// The pair must share a small "card" element (at most [`CARD_MAX_BLOCKS`] blocks): a link
/// paragraph followed by prose in a long article body is not a teaser.
fn teaser_summaries(elems: &[dom::Elem], blocks: &[Block]) -> Vec<bool> {
    let n = elems.len();
    let mut nblocks = vec![0usize; n];
    for b in blocks {
        nblocks[b.elem as usize] += 1;
    }
    for e in (1..n).rev() {
        nblocks[elems[e].parent as usize] += nblocks[e];
    }
    // Smallest element holding both `a` and `b` (a few levels up at most).
    let common = |a: u32, b: u32| -> Option<usize> {
        let mut x = a as usize;
        for _ in 0..8 {
            let mut y = b as usize;
            for _ in 0..8 {
                if x == y {
                    return Some(x);
                }
                if y == 0 || elems[y].parent == u32::MAX {
                    break;
                }
                y = elems[y].parent as usize;
            }
            if x == 0 || elems[x].parent == u32::MAX {
                break;
            }
            x = elems[x].parent as usize;
        }
        None
    };
    let mut out = vec![false; blocks.len()];
    for i in 1..blocks.len() {
        let (h, b) = (&blocks[i - 1], &blocks[i]);
        let headline_link = h.chars < 160 && h.link_chars as f64 > 0.8 * h.chars as f64;
        if headline_link
            && b.chars < 400
            && b.link_chars * 10 < b.chars
            && common(h.elem, b.elem).is_some_and(|c| nblocks[c] <= CARD_MAX_BLOCKS)
        {
            out[i] = true;
        }
    }
    // A lone pair is not a list: keep only runs of at least two teasers.
    let flags = out.clone();
    for i in 0..blocks.len() {
        if flags[i] {
            let near = (i.saturating_sub(4)..(i + 5).min(blocks.len())).any(|j| j != i && flags[j]);
            out[i] = near;
        }
    }
    out
}

fn is_prose(b: &Block) -> bool {
    let non_link = b.chars - b.link_chars;
    non_link >= PROSE_MIN_CHARS
        && (b.link_chars as f64) < 0.35 * b.chars as f64
        && !matches!(b.kind, Kind::Heading(_) | Kind::Caption)
}

fn prose_weight(b: &Block) -> f64 {
    let non_link = (b.chars - b.link_chars) as f64;
    let punct = b
        .text
        .chars()
        .filter(|c| matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '،' | '。' | '，'))
        .count() as f64;
    non_link + 10.0 * punct.min(non_link / 20.0)
}

/// A human-readable trace of how the article container of an HTML document was chosen: the
/// elements carrying boilerplate hints with their share of the page's prose, and the container.
/// For debugging extraction on a new site.
pub fn explain(doc: &Document) -> String {
    let mut out = String::new();
    draft_inner(doc, Some(&mut out));
    out
}

fn draft(doc: &Document) -> Draft {
    draft_inner(doc, None)
}

fn draft_inner(doc: &Document, mut trace: Option<&mut String>) -> Draft {
    let Some(html) = doc.html.as_deref() else {
        return text_draft(doc);
    };
    let html = nesting::bounded(html, nesting::MAX_HTML_DEPTH);
    let page = dom::walk(&scraper::Html::parse_document(&html));
    let meta = meta::read(&page.meta, doc.url.as_deref());
    let Page {
        mut elems, blocks, ..
    } = page;
    mark_card_lists(&mut elems, &blocks);
    let first = analyse(doc, &meta, &elems, &blocks, trace.as_deref_mut());
    // Fallback: when class hints left the container with little of the page's prose, they
    // were probably not boilerplate (a CMS naming every section "teaser" or "widget"): read
    // the page again trusting only tags, roles and comment hints, and keep the reading that
    // finds clearly more prose.
    if first.good < FALLBACK_MAX_SHARE * first.total
        && first.good < FALLBACK_MAX_PROSE
        && first.total > FALLBACK_MIN_PROSE
    {
        // Comment hints are kept, unless the first reading found almost nothing outside them
        // (a forum thread, a live commentary: the "comments" are the page).
        let keep_comments = first.good >= COMMENTS_FALLBACK_SHARE * first.total;
        for el in elems.iter_mut() {
            if el.hint != dom::TAG_HINT && (!keep_comments || el.neg != Some(DropReason::Comments))
            {
                el.neg = None;
            }
        }
        let mut second_trace = String::new();
        let second = analyse(
            doc,
            &meta,
            &elems,
            &blocks,
            trace.is_some().then_some(&mut second_trace),
        );
        if second.good > FALLBACK_GAIN * first.good.max(1.0) && second.good >= FALLBACK_MIN_PROSE {
            if let Some(t) = trace {
                t.push_str("fallback: class hints ignored\n");
                t.push_str(&second_trace);
            }
            return second.draft;
        }
    }
    first.draft
}

/// One reading of a page: the draft, the prose score of its container and of the whole page.
struct Reading {
    draft: Draft,
    good: f64,
    total: f64,
}

fn analyse(
    doc: &Document,
    meta: &meta::PageMeta,
    elems: &[dom::Elem],
    blocks: &[Block],
    trace: Option<&mut String>,
) -> Reading {
    let n = elems.len();
    let parent = |e: usize| elems[e].parent as usize;

    // 1. Which elements contain an h1, and raw prose per subtree.
    let mut has_h1 = vec![false; n];
    let mut raw: Vec<f64> = vec![0.0; n];
    for b in blocks {
        if b.kind == Kind::Heading(1) {
            has_h1[b.elem as usize] = true;
        }
        if is_prose(b) {
            raw[b.elem as usize] += prose_weight(b);
        }
    }
    for e in (1..n).rev() {
        let p = parent(e);
        raw[p] += raw[e];
        has_h1[p] |= has_h1[e];
    }
    let total = raw[0].max(1.0);
    // 2. Effective hints: a hint on a wrapper of most of the page's prose is not trusted
    // (e.g. `<body class="has-comments">`), nor a comment hint on the headline's ancestors.
    let mut in_strong = vec![false; n];
    for e in 1..n {
        in_strong[e] = in_strong[parent(e)] || elems[parent(e)].strong;
    }
    let effective = |e: usize| -> Option<DropReason> {
        let r = elems[e].neg?;
        let share = raw[e] / total;
        let wrapper = share > 0.6
            || (r == DropReason::Comments && has_h1[e] && share > 0.3)
            || (r != DropReason::Comments && in_strong[e] && share > 0.3);
        (!wrapper).then_some(r)
    };
    let mut up: Vec<Option<DropReason>> = vec![None; n];
    for e in 1..n {
        up[e] = effective(e).or(up[parent(e)]);
    }
    // 3. Container scores.
    let mut s = Scores {
        raw: raw.clone(),
        good: vec![0.0; n],
        bad: vec![0.0; n],
    };
    let body_hint = meta.article_body.as_deref().map(fold);
    let teaser_summary = teaser_summaries(elems, blocks);
    for (i, b) in blocks.iter().enumerate() {
        let e = b.elem as usize;
        let non_link = b.chars - b.link_chars;
        if teaser_summary[i] {
            s.bad[e] += b.chars as f64;
        } else if up[e].is_some() {
            s.bad[e] += b.link_chars as f64 + HINTED_WEIGHT * non_link as f64;
        } else if matches!(b.kind, Kind::Heading(_)) {
        } else if non_link >= PROSE_MIN_CHARS {
            let mut w = prose_weight(b);
            if let Some(body) = &body_hint {
                if body.len() > 200 && body.contains(&fold(&b.text)) {
                    w *= 2.0;
                }
            }
            s.good[e] += w;
            s.bad[e] += b.link_chars as f64;
        } else {
            s.bad[e] += b.link_chars as f64 + SHORT_BLOCK_WEIGHT * non_link as f64;
        }
    }
    for e in (1..n).rev() {
        let p = parent(e);
        s.good[p] += s.good[e];
        s.bad[p] += s.bad[e];
    }
    let score = |e: usize| {
        let mut v = s.good[e] - BAD_WEIGHT * s.bad[e];
        if elems[e].strong {
            v += 0.1 * s.good[e];
        } else if elems[e].pos {
            v += 0.05 * s.good[e];
        }
        v
    };
    let container = (1..n)
        .filter(|&e| s.good[e] > 0.0)
        .max_by(|&a, &b| score(a).total_cmp(&score(b)).then(b.cmp(&a)))
        .unwrap_or(0);
    // An enclosing <article>/articleBody that adds little prose holds the article's short parts
    // (lists, sub-headings, embeds): take it as the container.
    let container = {
        let mut a = container;
        let mut found = container;
        while a != 0 && a != u32::MAX as usize {
            if elems[a].strong {
                if s.good[a] <= 1.25 * s.good[container] {
                    found = a;
                }
                break;
            }
            a = parent(a);
        }
        found
    };
    if let Some(t) = trace {
        use std::fmt::Write;
        let path = |mut e: usize| {
            let mut p = Vec::new();
            while e != 0 && e != u32::MAX as usize {
                p.push(elems[e].tag.to_string());
                e = parent(e);
            }
            p.reverse();
            p.join(">")
        };
        for (e, el) in elems.iter().enumerate().skip(1) {
            if el.neg.is_some() && s.raw[e] > 0.0 {
                let _ = writeln!(
                    t,
                    "hint {:?} ({}) on {} raw {:.0} ({:.0}%) effective {}",
                    el.neg,
                    el.hint,
                    path(e),
                    s.raw[e],
                    100.0 * s.raw[e] / total,
                    effective(e).is_some()
                );
            }
        }
        let mut a = parent(container);
        while a != 0 && a != u32::MAX as usize {
            let _ = writeln!(
                t,
                "  ancestor {} good {:.0} bad {:.0} score {:.0}",
                path(a),
                s.good[a],
                s.bad[a],
                score(a)
            );
            a = parent(a);
        }
        let _ = writeln!(
            t,
            "container {} good {:.0} bad {:.0} score {:.0}",
            path(container),
            s.good[container],
            s.bad[container],
            score(container)
        );
    }

    // 4. Block fates.
    let mut inside = vec![false; n];
    let mut up_in: Vec<Option<DropReason>> = vec![None; n];
    inside[container] = true;
    for e in container + 1..n {
        let p = parent(e);
        if inside[p] {
            inside[e] = true;
            let neg = elems[e]
                .neg
                .filter(|_| s.good[e] <= 0.5 * s.good[container]);
            up_in[e] = neg.or(up_in[p]);
        }
    }
    // A standfirst just outside the container (`<p class="chapo">` before the body `<div>`),
    // within a few levels of it, belongs to the article.
    let near = {
        let mut a = container;
        for _ in 0..LEDE_MAX_LEVELS {
            if a == 0 || elems[a].parent == u32::MAX {
                break;
            }
            a = parent(a);
        }
        a
    };
    let mut lede = vec![false; n];
    // "Teaser" also names the standfirst in many CMSs (German ones above all): a link-free
    // prose block under a teaser class right before or at the start of the body is one.
    let mut teaser_class = vec![false; n];
    let mut in_near = vec![false; n];
    in_near[near] = true;
    for e in near + 1..n {
        let p = parent(e);
        in_near[e] = in_near[p];
        lede[e] = in_near[e] && (lede[p] || elems[e].lede);
        teaser_class[e] = in_near[e] && (teaser_class[p] || elems[e].hint == "teaser");
    }
    let first_inside = blocks
        .iter()
        .position(|b| inside[b.elem as usize])
        .unwrap_or(blocks.len());
    let standfirst_teaser = |i: usize| {
        let b = &blocks[i];
        teaser_class[b.elem as usize]
            && b.link_chars == 0
            && is_prose(b)
            && i < first_inside + STANDFIRST_MAX_INSIDE
    };
    let title = choose_title(doc, meta, blocks);
    let title_key = title.as_deref().map(fold).unwrap_or_default();
    // The headline repeated in the page: the title, any metadata title, or a heading that is
    // most of the title ("Headline | Site" holds "Headline").
    let title_keys: Vec<String> = title
        .iter()
        .chain(meta.titles.iter())
        .flat_map(|t| [fold(t), fold(&strip_site_suffix(t))])
        .filter(|k| !k.is_empty())
        .collect();
    let title_words = title_key.split_whitespace().count();
    let is_headline = |key: &str, heading: bool| {
        title_keys.iter().any(|k| k == key)
            || (heading
                && !title_key.is_empty()
                && title_key.contains(key)
                && (5 * key.split_whitespace().count() >= 3 * title_words
                    || 2 * key.chars().count() >= title_key.chars().count()))
    };
    let mut seen_keys: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut out_blocks = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.iter().enumerate() {
        let e = b.elem as usize;
        let key = fold(&b.text);
        let ld = b.link_chars as f64 / b.chars.max(1) as f64;
        let short = b.chars < PHRASE_MAX_CHARS;
        let heading = matches!(b.kind, Kind::Heading(_));
        let fate = if inside[e] {
            match up_in[e] {
                Some(DropReason::Teaser) if standfirst_teaser(i) => Fate::Keep,
                Some(DropReason::Comments) => Fate::Comment,
                Some(r) if !(r == DropReason::ImageCredit && is_prose(b) && b.chars > 200) => {
                    Fate::Drop(r)
                }
                _ if is_headline(&key, heading) => Fate::Drop(DropReason::Repeated),
                _ if b.kind == Kind::Caption => Fate::Drop(DropReason::ImageCredit),
                _ if teaser_summary[i] => Fate::Drop(DropReason::Teaser),
                _ if b.text.starts_with('<') && b.text.ends_with('>') => {
                    Fate::Drop(DropReason::Metadata)
                }
                _ if hints::is_caption(&key) => Fate::Drop(DropReason::ImageCredit),
                _ if hints::is_dateline(&key) => Fate::Drop(DropReason::Metadata),
                _ if short && hints::phrase_reason(&key).is_some() => {
                    Fate::Drop(hints::phrase_reason(&key).unwrap_or(DropReason::Teaser))
                }
                _ if ld > MAX_LINK_DENSITY && !heading => Fate::Drop(if b.kind == Kind::Item {
                    DropReason::Teaser
                } else {
                    DropReason::Navigation
                }),
                _ if !key.chars().any(char::is_alphanumeric) => Fate::Drop(DropReason::Navigation),
                _ if b.chars >= DEDUP_MIN_CHARS && !seen_keys.insert(key.clone()) => {
                    Fate::Drop(DropReason::Repeated)
                }
                _ => Fate::Keep,
            }
        } else if !is_headline(&key, false)
            && (standfirst_teaser(i)
                || (lede[e]
                    && up[e].is_none()
                    && i < first_inside
                    && !heading
                    && b.chars >= LEDE_MIN_CHARS
                    && ld <= MAX_LINK_DENSITY))
        {
            Fate::Keep
        } else {
            match up[e] {
                Some(DropReason::Comments) => Fate::Comment,
                Some(r) => Fate::Drop(r),
                None => Fate::Drop(hints::phrase_reason(&key).filter(|_| short).unwrap_or(
                    if ld > MAX_LINK_DENSITY {
                        DropReason::Navigation
                    } else {
                        DropReason::OffContent
                    },
                )),
            }
        };
        out_blocks.push((b.text.clone(), fate));
    }
    // 5. Headings with no kept text after them announce something that was dropped.
    let mut tail_open = true;
    for (i, b) in blocks.iter().enumerate().rev() {
        if out_blocks[i].1 != Fate::Keep {
            continue;
        }
        if matches!(b.kind, Kind::Heading(_)) {
            if tail_open {
                out_blocks[i].1 = Fate::Drop(DropReason::Teaser);
            }
        } else {
            tail_open = false;
        }
    }
    // 6. A heading or short label right before a dropped link list, teaser or widget (skipping
    // dropped captions) is that block's title ("More on this", "Tags:"): same fate.
    for i in (0..blocks.len()).rev() {
        let b = &blocks[i];
        let label = matches!(b.kind, Kind::Heading(_))
            || (b.chars < LABEL_MAX_CHARS
                && !matches!(b.kind, Kind::Item | Kind::Cell)
                && !b.text.ends_with(['.', '!', '?', '"', '\u{bb}', '\u{201d}']));
        if out_blocks[i].1 != Fate::Keep || !label {
            continue;
        }
        let next = out_blocks[i + 1..]
            .iter()
            .map(|(_, f)| *f)
            .find(|f| *f != Fate::Drop(DropReason::ImageCredit));
        if let Some(Fate::Drop(
            r @ (DropReason::Teaser
            | DropReason::Navigation
            | DropReason::Widget
            | DropReason::Newsletter
            | DropReason::Subscription),
        )) = next
        {
            out_blocks[i].1 = Fate::Drop(r);
        }
    }
    let host = meta
        .url
        .as_deref()
        .or(doc.url.as_deref())
        .and_then(meta::host)
        .map(str::to_string);
    let language = meta.lang.clone().unwrap_or_default();
    let draft = Draft {
        article: CleanArticle {
            id: doc.id.clone(),
            origin: doc.origin.clone(),
            title,
            language,
            url: doc.url.clone().or(meta.url.clone()),
            source: doc.source.clone().or(meta.site_name.clone()),
            published: doc.published.or(meta.published),
            ..Default::default()
        },
        host,
        blocks: out_blocks,
        html_lang: meta.lang.is_some(),
    };
    Reading {
        draft,
        good: s.good[container],
        total: s.raw[0],
    }
}

/// Separators between a headline and the site name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " / "];

/// Removes a " - Site" suffix (or "Site | " prefix) from a page title: keeps the longest part.
pub fn strip_site_suffix(t: &str) -> String {
    let mut best = t;
    for sep in TITLE_SEPARATORS {
        if t.contains(sep) {
            let longest = t
                .split(sep)
                .max_by_key(|p| p.split_whitespace().count())
                .unwrap_or(t);
            if longest.split_whitespace().count() >= 3 && longest.len() < best.len() {
                best = longest;
            }
        }
    }
    best.trim().to_string()
}

/// The headline: the document's own title, else the first metadata title (readability's order,
/// see [`meta::read`]), else the `<title>` cleaned of its site part, else the first `<h1>`.
fn choose_title(doc: &Document, m: &meta::PageMeta, blocks: &[Block]) -> Option<String> {
    if let Some(t) = &doc.title {
        return Some(t.clone());
    }
    if let Some(t) = m.titles.first() {
        return Some(t.clone());
    }
    let h1s: Vec<&str> = blocks
        .iter()
        .filter(|b| b.kind == Kind::Heading(1) && b.chars >= 8)
        .map(|b| b.text.as_str())
        .collect();
    if let Some(t) = &m.html_title {
        let cur = title_from_html_title(t, &h1s);
        // A short headline kept whole with its site name: the <h1> it starts with is the
        // headline ("Budget voté - La Gazette" with <h1>Budget voté</h1>).
        if cur == t.trim() {
            if let Some(h) = h1s
                .iter()
                .find(|h| t.starts_with(h.trim()) && h.len() < t.len())
            {
                return Some(h.trim().to_string());
            }
        }
        return Some(cur);
    }
    h1s.first().map(|h| (*h).to_string())
}

/// Hierarchical separators between a headline and a site or section name in `<title>`.
const TITLE_HIERARCHY: &[char] = &['\\', '/', '>', '\u{bb}'];

/// The headline in a `<title>`, as readability reads it: the part before the last separator
/// (after the first one when that leaves under three words), the part after a colon unless a
/// heading repeats the whole title, the only `<h1>` for a too short or too long title; the
/// whole title when the result has four words or fewer.
fn title_from_html_title(orig: &str, h1s: &[&str]) -> String {
    let orig = orig.trim();
    let words = |s: &str| s.split_whitespace().count();
    let is_sep =
        |c: char| matches!(c, '|' | '-' | '\u{2013}' | '\u{2014}') || TITLE_HIERARCHY.contains(&c);
    // Separator positions: a separator character with a space on both sides.
    let chars: Vec<(usize, char)> = orig.char_indices().collect();
    let seps: Vec<(usize, usize, char)> = chars
        .windows(3)
        .filter(|w| w[0].1 == ' ' && w[2].1 == ' ' && is_sep(w[1].1))
        .map(|w| (w[0].0, w[2].0 + 1, w[1].1))
        .collect();
    let mut hierarchical = false;
    let mut cur = orig.to_string();
    if let (Some(first), Some(last)) = (seps.first(), seps.last()) {
        hierarchical = seps.iter().any(|s| TITLE_HIERARCHY.contains(&s.2));
        cur = orig[..last.0].to_string();
        if words(&cur) < 3 {
            cur = orig[first.1..].to_string();
        }
    } else if let Some(colon) = orig.find(": ") {
        if !h1s.iter().any(|h| h.trim() == orig) {
            let after_last = &orig[orig.rfind(':').unwrap_or(colon) + 1..];
            cur = after_last.to_string();
            if words(&cur) < 3 {
                cur = orig[colon + 1..].to_string();
            } else if words(&orig[..colon]) > 5 {
                cur = orig.to_string();
            }
        }
    } else if orig.len() > 150 || orig.len() < 15 {
        if let [h] = h1s {
            cur = h.to_string();
        }
    }
    let cur = meta::collapse(&cur);
    let n = words(&cur);
    let orig_words = orig.split(is_sep).map(words).sum::<usize>();
    if n <= 4 && (!hierarchical || n + 1 != orig_words) {
        return orig.to_string();
    }
    cur
}
