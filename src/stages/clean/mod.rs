//! Cleaning: separates title, body and boilerplate in a document's lines, and says why each
//! dropped line was dropped.
//!
//! Each non-empty line is first judged on its own (vocabulary tables, shape, script, credits,
//! clocks, links, repetition across the batch), then in context: the headline at the top, repeats
//! of the title or of another line, truncated teasers of a later paragraph, teasers glued under an
//! image caption, the reader-comment section, and the run of boilerplate that ends many pages.
//! Work per document is linear in its size (truncated teasers compare only `…` lines); the batch
//! pass counts folded-line hashes (xxh3) once.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;
use xxhash_rust::xxh3::xxh3_64;

use crate::lang;
use crate::model::{CleanArticle, Document, DropReason, DroppedBlock};
use crate::text::{detect_language, fold, script_counts};

pub mod vocab;

use vocab::{lexicon, Lexicon};

/// Longest line (in words) that short-line vocabulary and tail rules apply to.
const SHORT_WORDS: usize = 12;
/// Longest line (in words) that can be a headline.
const TITLE_MAX_WORDS: usize = 20;

/// How many documents of a batch each line appears in, to spot template lines.
///
/// Build it once per batch (or on a sample of a very large corpus) and share it between workers.
#[derive(Debug, Default, Clone)]
pub struct BatchStats {
    /// Number of distinct documents holding each folded line, keyed by its xxh3 hash.
    counts: HashMap<u64, u32>,
    /// Number of distinct documents using each caption suffix ("… - Outlet"), by folded hash.
    suffixes: HashMap<u64, u32>,
    /// Number of documents counted.
    docs: usize,
}

impl BatchStats {
    /// Counts, for every folded non-empty line, the documents it appears in (once per document).
    pub fn from_docs(docs: &[Document]) -> Self {
        let per_doc: Vec<(Vec<u64>, Vec<u64>)> = docs
            .par_iter()
            .map(|d| {
                let lines = d.text.split('\n').map(str::trim).filter(|l| !l.is_empty());
                let mut hashes: Vec<u64> = lines.clone().map(line_hash).collect();
                let mut suffixes: Vec<u64> =
                    lines.filter_map(caption_suffix).map(line_hash).collect();
                for v in [&mut hashes, &mut suffixes] {
                    v.sort_unstable();
                    v.dedup();
                }
                (hashes, suffixes)
            })
            .collect();
        let mut counts =
            HashMap::with_capacity(per_doc.iter().map(|p| p.0.len()).sum::<usize>() / 2);
        let mut suffixes = HashMap::new();
        for (hashes, sufs) in per_doc {
            for h in hashes {
                *counts.entry(h).or_insert(0u32) += 1;
            }
            for h in sufs {
                *suffixes.entry(h).or_insert(0u32) += 1;
            }
        }
        Self {
            counts,
            suffixes,
            docs: docs.len(),
        }
    }

    /// Number of documents holding this (trimmed) line.
    pub fn doc_count(&self, line: &str) -> u32 {
        self.count_hash(line_hash(line))
    }

    fn count_hash(&self, h: u64) -> u32 {
        self.counts.get(&h).copied().unwrap_or(0)
    }

    /// Documents a long sentence-like line must appear in to count as template: republished
    /// articles legitimately share real paragraphs, so only very wide repetition counts.
    fn long_threshold(&self) -> u32 {
        (self.docs / 100).max(20) as u32
    }
}

/// The matching hash of a line: xxh3 of its folded form.
fn line_hash(line: &str) -> u64 {
    xxh3_64(fold(line).as_bytes())
}

/// Cleans a batch of documents (repetition across the batch is one of the signals).
pub fn clean_batch(docs: &[Document]) -> Vec<CleanArticle> {
    let stats = BatchStats::from_docs(docs);
    docs.par_iter().map(|d| clean_document(d, &stats)).collect()
}

/// One non-empty line of a document with the features the rules look at.
struct Line<'a> {
    /// 1-based line number in the raw text.
    no: usize,
    /// The line as written (without the line end).
    raw: &'a str,
    /// Trimmed text.
    text: &'a str,
    /// Folded form.
    folded: String,
    /// Folded words (letters, digits, `'`, `-`) joined by one space.
    wl: String,
    /// Byte spans of the words in `wl`.
    spans: Vec<(usize, usize)>,
    /// Whether the previous raw line is non-empty (no blank line in between).
    glued: bool,
    /// xxh3 of `folded`.
    hash: u64,
    /// Letters by script: (latin, other).
    scripts: (usize, usize),
}

impl<'a> Line<'a> {
    fn new(no: usize, raw: &'a str, glued: bool) -> Self {
        let text = raw.trim();
        let folded = fold(text);
        let (wl, spans) = word_line(&folded);
        let hash = xxh3_64(folded.as_bytes());
        Self {
            no,
            raw,
            text,
            folded,
            wl,
            spans,
            glued,
            hash,
            scripts: script_counts(text),
        }
    }

    fn words(&self) -> usize {
        self.spans.len()
    }

    fn word(&self, i: usize) -> &str {
        &self.wl[self.spans[i].0..self.spans[i].1]
    }

    fn letters(&self) -> usize {
        self.scripts.0 + self.scripts.1
    }

    /// Whether the line ends like a sentence or a lead-in (period, colon, semicolon, ellipsis),
    /// looking through closing quotes and brackets.
    fn ends_sentence(&self) -> bool {
        ends_sentence(self.text)
    }

    /// Whether the first letter (or digit) is upper case (or a digit).
    fn starts_upper(&self) -> bool {
        self.text
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    }

    /// Short, no final period, capitalised: shaped like a headline or a label.
    fn headline_like(&self) -> bool {
        (1..=15).contains(&self.words()) && !self.ends_sentence() && self.starts_upper()
    }
}

/// Whether a text ends like a sentence or a lead-in (period, colon, semicolon, ellipsis),
/// looking through closing quotes and brackets.
fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '»' | '”' | '’' | '\'' | ')' | ']' | '*')
    });
    t.ends_with(['.', ':', ';', '…'])
}

/// Whether a text ends with a full stop, question or exclamation mark (through closing quotes).
fn ends_with_stop(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '»' | '”' | '’' | '\'' | ')' | ']')
    });
    t.ends_with(['.', '!', '?', '…'])
}

/// Splits a folded string into words of letters, digits, `'` and `-` (trimmed of leading and
/// trailing `'`/`-`), returned joined by one space with their spans.
pub(crate) fn word_line(folded: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(folded.len());
    let mut spans = Vec::new();
    for w in folded.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-')) {
        let w = w.trim_matches(['\'', '-']);
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        let start = out.len();
        out.push_str(w);
        spans.push((start, out.len()));
    }
    (out, spans)
}

/// A reason found by looking at one line alone; `soft` reasons yield to the headline position.
#[derive(Clone, Copy)]
struct Verdict {
    reason: DropReason,
    soft: bool,
}

fn hard(reason: DropReason) -> Option<Verdict> {
    Some(Verdict {
        reason,
        soft: false,
    })
}

/// Top-level domains that make a token look like a link.
const TLDS: &[&str] = &[
    "com", "net", "org", "fr", "info", "io", "co", "uk", "ru", "de", "be", "ch", "ca", "eu", "tv",
    "fm", "us", "es", "it", "biz",
];

/// Whether a token looks like a URL or a bare domain name (all-capital names such as
/// "DAILY TELEGRAPH.COM" are mastheads quoted in a press review, not links).
fn link_like(text: &str) -> bool {
    text.split_whitespace().any(|t| {
        let t = t.trim_matches(|c: char| !c.is_alphanumeric());
        if !t.chars().any(char::is_lowercase) {
            return false;
        }
        let t = t.to_lowercase();
        let t = t.as_str();
        if t.starts_with("http") && t.contains("://") || t.starts_with("www.") {
            return true;
        }
        t.rsplit_once('.').is_some_and(|(host, tld)| {
            TLDS.contains(&tld) && host.chars().any(char::is_alphabetic) && !host.ends_with('.')
        })
    })
}

/// Whether a word is a date number (day, month or year, possibly `dd-mm-yyyy`), allowing an
/// ordinal or clock suffix ("18th", "47pm", "10h30").
fn is_date_number(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    !digits.is_empty()
        && digits.chars().next().is_some_and(|c| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == 'h')
        && digits.len() <= 10
        && matches!(
            suffix,
            "" | "st" | "nd" | "rd" | "th" | "am" | "pm" | "h" | "er"
        )
}

/// Whether a word names a month or a day in a language with tables.
fn is_calendar_word(w: &str) -> bool {
    lang::LANGUAGES
        .iter()
        .any(|t| lang::month_number(t.code, w).is_some() || lang::day_index(t.code, w).is_some())
}

/// A page clock or a bare date line: "24-11-2024 06:56 AM …", "May 03, 2013",
/// "Publié le 3 mai 2016 à 10h".
fn is_timestamp(line: &Line, lex: &Lexicon) -> bool {
    let n = line.words();
    if n == 0 || n > 14 {
        return false;
    }
    let has_time = line.text.as_bytes().windows(4).any(|w| {
        w[0].is_ascii_digit()
            && w[1] == b':'
            && (w[2].is_ascii_digit() || w[2] == b' ' && w[3].is_ascii_digit())
    });
    let first = line.word(0);
    let numeric_date = first.len() >= 6
        && first.chars().filter(|c| *c == '-').count() == 2
        && is_date_number(first);
    if numeric_date && (has_time || n <= 2) && n <= 8 {
        return true;
    }
    let mut numbers = 0;
    let mut year = false;
    let mut calendar = false;
    for i in 0..n {
        let w = line.word(i);
        if is_date_number(w) {
            numbers += 1;
            year |= w.len() == 4;
        } else if is_calendar_word(w) {
            calendar = true;
        } else if !lex.date_words.contains(w) {
            return false;
        }
    }
    numbers >= 2 && (calendar && year || has_time)
}

/// The outlet suffix of a caption-shaped line, "… - Outlet Name" (trimmed text in, suffix out).
/// Alone this shape is weak (hyphenated headlines look the same): callers also require the
/// suffix to repeat in the document or across the batch, or a credit line beside it.
fn caption_suffix(text: &str) -> Option<&str> {
    if ends_sentence(text) {
        return None;
    }
    let pos = text.rfind(" - ").or_else(|| text.rfind(" – "))?;
    let prefix = text[..pos].trim();
    let suffix = text[pos..].trim_start_matches([' ', '-', '–']).trim();
    let words: Vec<&str> = suffix.split_whitespace().collect();
    let ok = !prefix.is_empty()
        && prefix.split_whitespace().count() <= 30
        && (1..=4).contains(&words.len())
        && !suffix.chars().any(|c| c.is_numeric())
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || w.chars().count() <= 3);
    ok.then_some(suffix)
}

/// Whether the line is a comment-section heading ("3 commentaires", "Comments (12)").
fn is_comment_heading(line: &Line, lex: &Lexicon) -> bool {
    line.words() <= 5 && lex.comment_headings.contains(count_free_key(line).as_str())
}

/// Whether the line introduces a commenter ("1. Jean says:").
fn is_commenter(line: &Line, lex: &Lexicon) -> bool {
    let n = line.words();
    (2..=8).contains(&n)
        && line.text.trim_end().ends_with(':')
        && lex.commenter_verbs.contains(line.word(n - 1))
}

/// The length of a leading list number ("2. ", "3) "), if any.
fn list_marker(text: &str) -> Option<usize> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &text[digits..];
    (rest.starts_with(". ") || rest.starts_with(") ")).then_some(digits + 2)
}

/// The word line without words that are only digits (counters, list numbers).
fn count_free_key(line: &Line) -> String {
    let mut key = String::new();
    for i in 0..line.words() {
        let w = line.word(i);
        if w.chars().all(|c| c.is_ascii_digit() || c == '-') {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(w);
    }
    key
}

/// Judges one line alone. `latin_doc` says which script family the document is written in.
fn intrinsic(line: &Line, latin_doc: bool, stats: &BatchStats, lex: &Lexicon) -> Option<Verdict> {
    let n = line.words();
    let (latin, other) = line.scripts;
    if line.letters() == 0
        && (!ends_with_stop(line.text) || !line.text.chars().any(|c| c.is_ascii_digit()))
    {
        // Counters, separators; "9''69!" (a sprint time) is prose and stays.
        return hard(DropReason::Metadata);
    }
    if n == 0 {
        return None;
    }
    if line.letters() >= 4 && (latin_doc && other > latin || !latin_doc && latin > other) {
        return hard(DropReason::ForeignScript);
    }
    if n <= 6 {
        let key = count_free_key(line);
        if let Some(&r) = lex.exact.get(key.as_str()) {
            return hard(r);
        }
    }
    if is_comment_heading(line, lex) {
        return hard(DropReason::Comments);
    }
    for i in 0..n {
        for len in 1..=lex.max_words.min(n - i) {
            let p = &line.wl[line.spans[i].0..line.spans[i + len - 1].1];
            if let Some(&r) = lex.strong.get(p) {
                return hard(r);
            }
            if n <= SHORT_WORDS {
                if let Some(&r) = lex.weak.get(p) {
                    return hard(r);
                }
                if i == 0 {
                    if let Some(&r) = lex.lead.get(p) {
                        return hard(r);
                    }
                }
            }
        }
    }
    if n <= 25 && (line.text.contains('©') || line.folded.starts_with("(c) ")) {
        return hard(DropReason::ImageCredit);
    }
    if n <= SHORT_WORDS && lex.source_words.contains(line.word(0)) {
        let after = line.folded.trim_start_matches('(');
        let after = after
            .trim_start_matches(|c: char| c.is_alphabetic())
            .trim_start();
        if after.starts_with(':') {
            // Soft: a headline may start with "Sources:" too.
            return Some(Verdict {
                reason: DropReason::Credit,
                soft: true,
            });
        }
    }
    if is_timestamp(line, lex) {
        return hard(DropReason::Metadata);
    }
    if n <= 10 && !line.ends_sentence() && !ends_with_stop(line.text) && link_like(line.text) {
        return hard(DropReason::Widget);
    }
    let count = stats.count_hash(line.hash);
    if count >= 3 {
        let long = stats.long_threshold();
        // Sentences are shared by republished articles ("He was 75."): only wide repetition.
        let needed = if ends_with_stop(line.text) {
            long
        } else if n <= 3 {
            3
        } else {
            5
        };
        if count >= needed {
            return Some(Verdict {
                reason: DropReason::Template,
                soft: count < long,
            });
        }
    }
    None
}

/// Marks caption-shaped lines ("… - Outlet") as soft image credits when the suffix repeats in
/// the document or in several documents of the batch, or when a credit line sits beside them.
fn mark_captions(lines: &[Line], verdicts: &mut [Option<Verdict>], stats: &BatchStats) {
    let suffixes: Vec<Option<u64>> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            verdicts[i]
                .is_none()
                .then(|| caption_suffix(l.text).map(line_hash))
                .flatten()
        })
        .collect();
    let is_credit =
        |v: &Option<Verdict>| v.is_some_and(|v| v.reason == DropReason::ImageCredit && !v.soft);
    let mut per_doc: HashMap<u64, usize> = HashMap::new();
    for h in suffixes.iter().flatten() {
        *per_doc.entry(*h).or_insert(0) += 1;
    }
    for i in 0..lines.len() {
        let Some(h) = suffixes[i] else { continue };
        let in_doc = per_doc[&h];
        let beside = (i > 0 && is_credit(&verdicts[i - 1]))
            || (i + 1 < lines.len() && is_credit(&verdicts[i + 1]));
        let in_batch = stats.suffixes.get(&h).copied().unwrap_or(0);
        if in_doc >= 2 || in_batch >= 3 || beside {
            verdicts[i] = Some(Verdict {
                reason: DropReason::ImageCredit,
                soft: true,
            });
        }
    }
}

/// Whether a line can be the headline: short, capitalised, not ending like a sentence.
fn title_shaped(line: &Line) -> bool {
    (1..=TITLE_MAX_WORDS).contains(&line.words())
        && line.letters() >= 3
        && !line.ends_sentence()
        && line.starts_upper()
}

/// The folded text before a final ellipsis, when the line ends with one.
fn truncated_prefix(folded: &str) -> Option<&str> {
    let body = folded.strip_suffix("...")?;
    Some(body.trim_end_matches('.').trim_end())
}

/// Reasons that open the closing run of boilerplate of a page.
const TAIL_STARTERS: &[DropReason] = &[
    DropReason::Subscription,
    DropReason::Widget,
    DropReason::Comments,
    DropReason::Navigation,
    DropReason::Teaser,
    DropReason::Template,
];

/// Cleans one document, using batch statistics for template lines.
pub fn clean_document(doc: &Document, stats: &BatchStats) -> CleanArticle {
    let lex = lexicon();
    let mut lines = Vec::new();
    let mut prev_blank = true;
    for (i, raw) in doc.text.split('\n').enumerate() {
        if raw.trim().is_empty() {
            prev_blank = true;
            continue;
        }
        lines.push(Line::new(i + 1, raw, !prev_blank));
        prev_blank = false;
    }
    let n = lines.len();
    let (latin, other) = lines
        .iter()
        .fold((0, 0), |(a, b), l| (a + l.scripts.0, b + l.scripts.1));
    let latin_doc = latin >= other;

    let verdicts: Vec<Option<Verdict>> = lines
        .iter()
        .map(|l| intrinsic(l, latin_doc, stats, lex))
        .collect();
    let mut verdicts = verdicts;
    mark_captions(&lines, &mut verdicts, stats);
    let mut reasons: Vec<Option<DropReason>> =
        verdicts.iter().map(|v| v.map(|v| v.reason)).collect();

    // Title: a JSONL title wins; otherwise the first line that survives the line rules, when it
    // is shaped like a headline (soft reasons such as a caption-like suffix yield to it).
    let given = doc
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let mut title_idx = None;
    if given.is_none() {
        for (i, line) in lines.iter().enumerate() {
            if verdicts[i].is_some_and(|v| !v.soft) {
                continue;
            }
            if title_shaped(line) {
                title_idx = Some(i);
                reasons[i] = None;
            }
            break;
        }
    }
    let title_hash = match (given, title_idx) {
        (Some(t), _) => Some(line_hash(t)),
        (None, Some(i)) => Some(lines[i].hash),
        _ => None,
    };

    // Repeats of the title or of an earlier kept line.
    let mut seen: HashSet<u64> = HashSet::with_capacity(n);
    seen.extend(title_hash);
    for (i, line) in lines.iter().enumerate() {
        if reasons[i].is_some() || Some(i) == title_idx {
            continue;
        }
        if Some(line.hash) == title_hash || (!seen.insert(line.hash) && line.words() >= 3) {
            reasons[i] = Some(DropReason::Repeated);
        }
    }

    // Truncated teasers: "… le Pentagone renonce à coopérer…" when a paragraph starts the same.
    for i in 0..n {
        if reasons[i].is_some() || Some(i) == title_idx {
            continue;
        }
        let Some(prefix) = truncated_prefix(&lines[i].folded) else {
            continue;
        };
        if prefix.split(' ').count() < 4 {
            continue;
        }
        let copied = lines.iter().enumerate().any(|(j, l)| {
            j != i && l.folded.len() > prefix.len() + 3 && l.folded.starts_with(prefix)
        });
        if copied {
            reasons[i] = Some(DropReason::TruncatedCopy);
        }
    }

    // A headline glued under an image caption is a related-article teaser.
    for i in 1..n {
        if reasons[i].is_none()
            && Some(i) != title_idx
            && lines[i].glued
            && reasons[i - 1] == Some(DropReason::ImageCredit)
            && lines[i].headline_like()
        {
            reasons[i] = Some(DropReason::Teaser);
        }
    }

    // Reader comments: from a comment heading (after some body text, and followed by commenters
    // or by less body text than precedes it) until a line of another kind of boilerplate.
    let mut comments: Vec<String> = Vec::new();
    let mut in_comments = vec![false; n];
    let body_len = |range: std::ops::Range<usize>, reasons: &[Option<DropReason>]| -> usize {
        range
            .filter(|&j| reasons[j].is_none() && Some(j) != title_idx)
            .map(|j| lines[j].text.len())
            .sum()
    };
    let start = (0..n).find(|&i| {
        let numbered_commenter =
            list_marker(lines[i].text).is_some() && is_commenter(&lines[i], lex);
        if !(is_comment_heading(&lines[i], lex) || numbered_commenter) {
            return false;
        }
        let before = body_len(0..i, &reasons);
        if before == 0 {
            return false;
        }
        // Without commenters, only a heading followed by no sentence-length body line counts.
        numbered_commenter
            || lines[i + 1..n.min(i + 5)]
                .iter()
                .any(|l| is_commenter(l, lex))
            || (i + 1..n).all(|j| reasons[j].is_some() || lines[j].words() <= SHORT_WORDS)
    });
    if let Some(h) = start {
        reasons[h] = Some(DropReason::Comments);
        let header_is_commenter = !is_comment_heading(&lines[h], lex);
        for j in h + usize::from(!header_is_commenter)..n {
            if verdicts[j].is_some_and(|v| !v.soft && v.reason != DropReason::Comments) {
                break;
            }
            reasons[j] = Some(DropReason::Comments);
            in_comments[j] = true;
            let text = lines[j].text;
            let marker = list_marker(text);
            let body = &text[marker.unwrap_or(0)..];
            match comments.last_mut() {
                Some(last) if marker.is_none() && !is_commenter(&lines[j], lex) => {
                    last.push('\n');
                    last.push_str(body);
                }
                _ => comments.push(body.to_string()),
            }
        }
    }

    // The closing run: once a strong boilerplate line starts a suffix made only of dropped or
    // short lines, the short lines in it are boilerplate too.
    let mut s = n;
    while s > 0 {
        let i = s - 1;
        if reasons[i].is_some() || (lines[i].words() <= SHORT_WORDS && Some(i) != title_idx) {
            s -= 1;
        } else {
            break;
        }
    }
    if let Some(t) = (s..n).find(|&i| {
        reasons[i].is_some_and(|r| TAIL_STARTERS.contains(&r))
            && verdicts[i].is_none_or(|v| !v.soft)
    }) {
        let mut last = reasons[t].unwrap_or(DropReason::Navigation);
        for i in t + 1..n {
            match reasons[i] {
                Some(r) => last = r,
                None => {
                    let r = if !lines[i].glued && lines[i].headline_like() {
                        DropReason::Teaser
                    } else {
                        last
                    };
                    reasons[i] = Some(r);
                    if r == DropReason::Comments && !in_comments[i] {
                        comments.push(lines[i].text.to_string());
                    }
                    last = r;
                }
            }
        }
    }

    let mut text = String::new();
    let mut paragraph_lines = Vec::new();
    let mut dropped = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match reasons[i] {
            Some(reason) => dropped.push(DroppedBlock {
                line: line.no,
                text: line.raw.to_string(),
                reason,
            }),
            None if Some(i) == title_idx => {}
            None => {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(line.text);
                paragraph_lines.push(line.no);
            }
        }
    }
    let title = given
        .map(str::to_string)
        .or_else(|| title_idx.map(|i| lines[i].text.to_string()));
    let mut language = if text.is_empty() {
        "und".to_string()
    } else {
        detect_language(&text)
    };
    if language == "und" {
        language = detect_language(&doc.text);
    }
    CleanArticle {
        id: doc.id.clone(),
        origin: doc.origin.clone(),
        title,
        text,
        paragraph_lines,
        dropped,
        comments,
        language,
        url: doc.url.clone(),
        source: doc.source.clone(),
        published: doc.published,
    }
}
