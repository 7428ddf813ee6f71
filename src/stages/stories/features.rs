//! Per-article features for story clustering: stemmed content words (title boosted), name-like
//! features (capitalised runs not at a sentence start, plus the entities stage's canonical names)
//! and dates written in the text. Features are hashed (xxh3) into `u64` keys; counts only — the
//! corpus weighting (IDF) is applied by the index.

use std::collections::HashSet;

use xxhash_rust::xxh3::xxh3_64;

use super::split::When;
use crate::calendar;
use crate::lang;
use crate::model::AnalyzedArticle;
use crate::text::{fold, is_stopword, stemmer, tokenize, Token};

/// What a feature stands for; each kind gets its own weight in the article vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A stemmed content word.
    Term,
    /// Two content words in a row (short function words between them allowed).
    Phrase,
    /// A name: a capitalised run or an entity's canonical name.
    Name,
    /// A date written in the text (day and month, month and year, year, month).
    Date,
}

/// The raw features of one article: (hashed key, kind, count), sorted by key, plus its
/// publication day when known.
#[derive(Debug, Clone, Default)]
pub struct ArticleFeatures {
    /// Feature key, kind and count (title words count more), sorted by key, keys unique.
    pub counts: Vec<(u64, Kind, f32)>,
    /// Publication date as a day number, when the article has one.
    pub day: Option<i64>,
    /// Event time read from the text: the latest day of the year (1–365) among the dates written
    /// as day and month without a year (dates with a year are mostly background), "latest" read
    /// around the year's end (December 28 is before January 3).
    pub event: Option<u16>,
}

impl ArticleFeatures {
    /// When the article happened, for splitting a storyline: its publication day when known
    /// (the strongest time evidence a scrape carries), else the event day read in its text.
    pub fn when(&self) -> Option<When> {
        match self.day {
            Some(day) => {
                let date = calendar::from_epoch_days(day)?;
                Some(When {
                    day_of_year: day_of_year(
                        calendar::month(date),
                        date.day().unsigned_abs().into(),
                    ),
                    day: Some(day),
                })
            }
            None => self.event.map(When::of_year),
        }
    }
}

/// Format version of [`ArticleFeatures::to_bytes`]; bump it when the layout or the way
/// features are extracted changes, so that stored features are recomputed.
const FEATURES_VERSION: u8 = 1;

impl Kind {
    fn code(self) -> u8 {
        match self {
            Kind::Term => 0,
            Kind::Phrase => 1,
            Kind::Name => 2,
            Kind::Date => 3,
        }
    }

    fn from_code(c: u8) -> Option<Kind> {
        Some(match c {
            0 => Kind::Term,
            1 => Kind::Phrase,
            2 => Kind::Name,
            3 => Kind::Date,
            _ => return None,
        })
    }
}

impl ArticleFeatures {
    /// Compact little-endian bytes, for a store to keep features between batches: version (u8),
    /// count of features (u32), each feature as key (u64), kind (u8), count (f32); then the
    /// publication day (u8 flag, i64) and the event day (u8 flag, u16).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(17 + 13 * self.counts.len());
        out.push(FEATURES_VERSION);
        out.extend_from_slice(&(self.counts.len() as u32).to_le_bytes());
        for &(k, kind, c) in &self.counts {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(kind.code());
            out.extend_from_slice(&c.to_le_bytes());
        }
        out.push(u8::from(self.day.is_some()));
        out.extend_from_slice(&self.day.unwrap_or(0).to_le_bytes());
        out.push(u8::from(self.event.is_some()));
        out.extend_from_slice(&self.event.unwrap_or(0).to_le_bytes());
        out
    }

    /// Reads [`ArticleFeatures::to_bytes`]; `None` when truncated or of another format version
    /// (the caller extracts the features again then).
    pub fn from_bytes(b: &[u8]) -> Option<ArticleFeatures> {
        let rest = b.strip_prefix(&[FEATURES_VERSION])?;
        let n = u32::from_le_bytes(rest.get(0..4)?.try_into().ok()?) as usize;
        let body = rest.get(4..4 + 13 * n)?;
        let counts = body
            .chunks_exact(13)
            .map(|c| {
                Some((
                    u64::from_le_bytes(c[0..8].try_into().ok()?),
                    Kind::from_code(c[8])?,
                    f32::from_le_bytes(c[9..13].try_into().ok()?),
                ))
            })
            .collect::<Option<Vec<_>>>()?;
        let tail = rest.get(4 + 13 * n..)?;
        if tail.len() != 12 {
            return None;
        }
        let day = (tail[0] == 1).then(|| i64::from_le_bytes(tail[1..9].try_into().unwrap()));
        let event = (tail[9] == 1).then(|| u16::from_le_bytes([tail[10], tail[11]]));
        Some(ArticleFeatures { counts, day, event })
    }
}

/// How many times a title word counts compared to a body word.
const TITLE_BOOST: f32 = 2.0;

/// How many content words of the body count as its lead.
const LEAD_WORDS: usize = 40;

/// How many times a lead word counts compared to a later body word.
const LEAD_BOOST: f32 = 2.0;

fn key(prefix: &str, s: &str) -> u64 {
    let mut buf = String::with_capacity(prefix.len() + s.len());
    buf.push_str(prefix);
    buf.push_str(s);
    xxh3_64(buf.as_bytes())
}

/// Whether the token starts a sentence (only spaces since a line start or sentence punctuation).
fn at_sentence_start(text: &str, tok: &Token) -> bool {
    for c in text[..tok.start].chars().rev() {
        if c == '\n' {
            return true;
        }
        if c.is_whitespace() {
            continue;
        }
        return matches!(
            c,
            '.' | '!' | '?' | ':' | '«' | '"' | '“' | '—' | '–' | '(' | '…' | '•' | '-' | '['
        );
    }
    true
}

fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Whether the only characters between two tokens are spaces or a hyphen (same name run).
fn joined(text: &str, a: &Token, b: &Token) -> bool {
    let gap = &text[a.end..b.start];
    gap.chars().count() <= 1 && gap.chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}')
}

fn parse_day(folded: &str) -> Option<u32> {
    let digits: String = folded.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &folded[digits.len()..];
    if digits.is_empty()
        || digits.len() > 2
        || !matches!(rest, "" | "er" | "st" | "nd" | "rd" | "th")
    {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn parse_year(folded: &str) -> Option<u32> {
    if folded.len() != 4 || !folded.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: u32 = folded.parse().ok()?;
    (1900..2100).contains(&y).then_some(y)
}

/// A month name of the language; short or ambiguous spellings ("may", "sept", "mar") only count
/// next to a day or a year.
fn month_of(lang: &str, toks: &[Token], i: usize) -> Option<u32> {
    let f = toks[i].folded.as_str();
    let m = lang::month_number(lang, f)?;
    let near_number = (i > 0 && parse_day(&toks[i - 1].folded).is_some())
        || toks
            .get(i + 1)
            .is_some_and(|t| parse_day(&t.folded).is_some() || parse_year(&t.folded).is_some());
    let full = lang::tables(lang)
        .and_then(|t| t.months[m as usize - 1].split('|').next())
        .is_some_and(|first| first == f);
    (near_number || (full && f.len() >= 4 && !is_stopword(lang, f))).then_some(m)
}

/// Day of the year (1–365, February 29 as 28) of a month and day.
fn day_of_year(m: u32, d: u32) -> u16 {
    const CUM: [u16; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    CUM[m as usize - 1] + (d.min(31) as u16).min(if m == 2 { 28 } else { 31 })
}

/// The days of the year written as day and month with no year next to them.
fn event_days(lang: &str, toks: &[Token], out: &mut Vec<u16>) {
    for i in 0..toks.len() {
        let Some(m) = month_of(lang, toks, i) else {
            continue;
        };
        let before = (i > 0).then(|| parse_day(&toks[i - 1].folded)).flatten();
        let after = toks.get(i + 1).and_then(|t| parse_day(&t.folded));
        let Some(d) = before.or(after) else { continue };
        let year_at = if after.is_some() { i + 2 } else { i + 1 };
        let has_year = (year_at..year_at + 2)
            .any(|j| toks.get(j).is_some_and(|t| parse_year(&t.folded).is_some()));
        if !has_year {
            out.push(day_of_year(m, d));
        }
    }
}

/// The latest of days of the year, read on a circle: the day just before the widest gap.
fn latest_day(days: &mut [u16]) -> Option<u16> {
    days.sort_unstable();
    let n = days.len();
    let mut best: Option<(u16, u16)> = None;
    for i in 0..n {
        let next = days[(i + 1) % n];
        let gap = if i + 1 < n {
            next - days[i]
        } else {
            next + 365 - days[i]
        };
        if best.is_none_or(|(g, _)| gap > g) {
            best = Some((gap, days[i]));
        }
    }
    best.map(|b| b.1)
}

/// The date features of a token stream: "d:MM-DD", "m:YYYY-MM", "m:MM", "y:YYYY".
fn date_features(lang: &str, toks: &[Token], out: &mut Vec<String>) {
    for i in 0..toks.len() {
        if let Some(y) = parse_year(&toks[i].folded) {
            out.push(format!("y:{y}"));
            continue;
        }
        let Some(m) = month_of(lang, toks, i) else {
            continue;
        };
        out.push(format!("m:{m:02}"));
        let before = (i > 0).then(|| parse_day(&toks[i - 1].folded)).flatten();
        let after = toks.get(i + 1).and_then(|t| parse_day(&t.folded));
        if let Some(d) = before.or(after) {
            out.push(format!("d:{m:02}-{d:02}"));
        }
        let year_at = if after.is_some() { i + 2 } else { i + 1 };
        let year = toks
            .get(year_at)
            .and_then(|t| parse_year(&t.folded))
            .or_else(|| {
                // "December 15, 2016": a comma between day and year is not a token.
                toks.get(year_at + 1)
                    .filter(|_| after.is_some())
                    .and_then(|t| parse_year(&t.folded))
            });
        if let Some(y) = year {
            out.push(format!("m:{y}-{m:02}"));
        }
    }
}

/// Name-like features of a text: runs of capitalised words that do not start a sentence (a
/// sentence-initial word counts when the same word is capitalised elsewhere mid-sentence), each
/// word of a run alone and multi-word runs whole. Day and month names and stop words are skipped.
fn name_features(lang: &str, text: &str, toks: &[Token], out: &mut Vec<String>) {
    let skip = |t: &Token| {
        is_stopword(lang, &t.folded)
            || t.folded.chars().count() < 2
            || t.folded.ends_with('\'')
            || lang::day_index(lang, &t.folded).is_some()
            || lang::month_number(lang, &t.folded).is_some()
            || t.folded.chars().all(|c| c.is_ascii_digit())
    };
    let starts: Vec<bool> = toks.iter().map(|t| at_sentence_start(text, t)).collect();
    let mid_caps: HashSet<&str> = toks
        .iter()
        .zip(&starts)
        .filter(|(t, s)| !**s && is_capitalised(t.surface(text)))
        .map(|(t, _)| t.folded.as_str())
        .collect();
    let mut i = 0;
    while i < toks.len() {
        let cap = |j: usize| {
            is_capitalised(toks[j].surface(text))
                && !skip(&toks[j])
                && (!starts[j] || mid_caps.contains(toks[j].folded.as_str()))
        };
        if !cap(i) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len() && cap(j) && !starts[j] && joined(text, &toks[j - 1], &toks[j]) {
            j += 1;
        }
        for t in &toks[i..j] {
            out.push(t.folded.clone());
        }
        if j - i >= 2 {
            let whole: Vec<&str> = toks[i..j].iter().map(|t| t.folded.as_str()).collect();
            out.push(whole.join(" "));
        }
        i = j;
    }
}

/// The first sentence of a text (for a title when the article has none), at most ~200 bytes.
pub fn first_sentence(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let end = line
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?') && i > 20)
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(line.len());
    if end <= 200 {
        return line[..end].trim().to_string();
    }
    // Too long for a headline: cut at the last word boundary before 160 bytes.
    let mut cut = 160;
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    let cut = line[..cut].rfind(char::is_whitespace).unwrap_or(cut);
    format!("{}…", line[..cut].trim_end_matches([',', ';', ':', ' ']))
}

/// Extracts the features of one article.
pub fn extract(article: &AnalyzedArticle) -> ArticleFeatures {
    let lang = article.clean.language.as_str();
    let stem = stemmer(lang);
    let mut counts: super::KeyMap<(Kind, f32)> = super::KeyMap::default();
    let mut add = |k: u64, kind: Kind, w: f32| {
        counts.entry(k).or_insert((kind, 0.0)).1 += w;
    };
    let title = article.clean.title.as_deref().unwrap_or("");
    let mut events = Vec::new();
    for (text, weight) in [(title, TITLE_BOOST), (article.clean.text.as_str(), 1.0)] {
        let toks = tokenize(text);
        let mut prev: Option<String> = None;
        let mut content = 0usize;
        for t in &toks {
            let f = t.folded.as_str();
            if f.chars().count() < 3
                || f.ends_with('\'')
                || !f.chars().any(|c| c.is_alphabetic())
                || is_stopword(lang, f)
            {
                if !is_stopword(lang, f) || f.chars().count() > 3 {
                    prev = None;
                }
                continue;
            }
            let s = match &stem {
                Some(st) => st.stem(f).into_owned(),
                None => f.to_string(),
            };
            content += 1;
            let weight = if weight == 1.0 && content <= LEAD_WORDS {
                LEAD_BOOST
            } else {
                weight
            };
            add(key("t:", &s), Kind::Term, weight);
            if let Some(p) = &prev {
                add(key("b:", &format!("{p} {s}")), Kind::Phrase, weight);
            }
            prev = Some(s);
        }
        let mut names = Vec::new();
        name_features(lang, text, &toks, &mut names);
        for n in &names {
            add(key("n:", n), Kind::Name, weight);
        }
        let mut dates = Vec::new();
        date_features(lang, &toks, &mut dates);
        event_days(lang, &toks, &mut events);
        for d in &dates {
            add(key("", d), Kind::Date, weight);
        }
    }
    // The entities stage's canonical names add what the capitalised runs missed (a variant
    // merged under another name) without counting the same name twice.
    for e in &article.entities {
        counts
            .entry(key("n:", &fold(&e.name)))
            .or_insert_with(|| (Kind::Name, e.mentions.len().max(1) as f32));
    }
    let mut counts: Vec<(u64, Kind, f32)> = counts
        .into_iter()
        .map(|(k, (kind, c))| (k, kind, c))
        .collect();
    counts.sort_unstable_by_key(|c| c.0);
    ArticleFeatures {
        counts,
        day: article.clean.published.map(calendar::epoch_days),
        event: latest_day(&mut events),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(lang: &str, s: &str) -> Vec<String> {
        let mut out = Vec::new();
        date_features(lang, &tokenize(s), &mut out);
        out
    }

    fn names(lang: &str, s: &str) -> Vec<String> {
        let mut out = Vec::new();
        name_features(lang, s, &tokenize(s), &mut out);
        out
    }

    #[test]
    fn dates_written_in_text() {
        assert_eq!(
            dates("fr", "Le 15 décembre, à Moscou, depuis septembre 2014."),
            ["m:12", "d:12-15", "m:09", "m:2014-09", "y:2014"]
        );
        assert_eq!(
            dates("en", "On December 15, 2016 he may come."),
            ["m:12", "d:12-15", "m:2016-12", "y:2016"]
        );
    }

    #[test]
    fn names_skip_sentence_starts_and_stop_words() {
        let n = names(
            "fr",
            "Selon le porte-parole Dmitri Peskov, le Kremlin regrette. Dimanche, le Kremlin a dit.",
        );
        assert_eq!(
            n,
            ["dmitri", "peskov", "dmitri peskov", "kremlin", "kremlin"]
        );
    }

    #[test]
    fn event_time_is_the_latest_day_and_month_without_year() {
        let days = |lang: &str, s: &str| {
            let mut out = Vec::new();
            event_days(lang, &tokenize(s), &mut out);
            latest_day(&mut out)
        };
        assert_eq!(
            days(
                "fr",
                "Libéré le 2 juillet, il parlera le 1er septembre, né le 3 mai 1960."
            ),
            Some(244)
        );
        assert_eq!(
            days("en", "Talks began on December 28 and ended on January 3."),
            Some(3)
        );
        assert_eq!(days("en", "In May 2014 he left."), None);
    }

    fn day_number(iso: &str) -> Option<i64> {
        calendar::parse_published(iso).map(calendar::epoch_days)
    }

    #[test]
    fn publication_day_comes_before_the_event_day() {
        for iso in ["1970-01-01", "2016-12-12", "2024-02-29", "1999-12-31"] {
            let day = day_number(iso).unwrap();
            assert_eq!(calendar::iso(calendar::from_epoch_days(day).unwrap()), iso);
        }
        let f = ArticleFeatures {
            day: day_number("2016-12-12"),
            event: Some(100),
            ..Default::default()
        };
        let when = f.when().unwrap();
        assert_eq!(when.day_of_year, day_of_year(12, 12));
        assert_eq!(when.day, day_number("2016-12-12"));
        let undated = ArticleFeatures {
            event: Some(100),
            ..Default::default()
        };
        assert_eq!(undated.when(), Some(When::of_year(100)));
    }

    #[test]
    fn features_survive_their_bytes() {
        let mut a = AnalyzedArticle::default();
        a.clean.language = "fr".into();
        a.clean.title = Some("Le Sénat vote la réforme".into());
        a.clean.text = "Le Sénat a voté le 15 décembre la réforme des retraites.".into();
        a.clean.published = calendar::day(2016, 12, 16);
        let f = extract(&a);
        assert!(f.counts.len() > 5 && f.day.is_some() && f.event.is_some());
        let back = ArticleFeatures::from_bytes(&f.to_bytes()).unwrap();
        assert_eq!(back.counts, f.counts);
        assert_eq!((back.day, back.event), (f.day, f.event));
        let bytes = f.to_bytes();
        assert!(ArticleFeatures::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        let mut other = bytes.clone();
        other[0] = FEATURES_VERSION + 1;
        assert!(ArticleFeatures::from_bytes(&other).is_none());
    }
}
