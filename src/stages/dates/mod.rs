//! Dates: date expressions in the text, resolved against the publication date.
//!
//! A scanner over the word tokens recognises, per language (day and month names from
//! [`crate::lang`], other words from [`words`]):
//! - absolute dates: "15 décembre 2016", "le 1er mars", "December 15, 2016", "septembre 2014",
//!   "2016-12-12", "12/12/2016" (day first, unless the language writes month first and the
//!   numbers allow it);
//! - months and years after a preposition ("en mars", "in 2014") or with "dernier"/"last";
//! - day names ("lundi", "mardi dernier", "jeudi soir", "last Tuesday", "Monday night"): the most
//!   recent such day on or before publication (strictly before with "dernier"/"last", after with
//!   "prochain"/"next");
//! - days from publication ("hier", "aujourd'hui", "yesterday"), days from the last day mentioned
//!   before ("la veille", "the day before"; publication date when none), periods ("la semaine
//!   dernière" = the Monday of the previous week, "le mois dernier" = `YYYY-MM`, "last year").
//!
//! A day and month without a year take the publication year, or the previous year when that
//! would put the date more than a week after publication. Without a publication date, relative
//! expressions get `value: None`.

pub mod words;

use crate::calendar::{self, epoch_days, plus_days, weekday, year};
use crate::lang;
use crate::model::{CleanArticle, DateMention};
use crate::text::{tokenize, Token};
use words::DateWords;

/// A calendar day (see [`crate::calendar`]).
type Day = jiff::civil::Date;

/// A resolved value: a day, a month or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
    Day(Day),
    Month(i64, u32),
    Year(i64),
}

impl Value {
    fn iso(self) -> String {
        match self {
            Value::Day(d) => calendar::iso(d),
            Value::Month(y, m) => format!("{y:04}-{m:02}"),
            Value::Year(y) => format!("{y:04}"),
        }
    }
}

/// How a day or month name is shifted by "dernier"/"prochain".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shift {
    OnOrBefore,
    Before,
    After,
}

struct Scan<'a> {
    text: &'a str,
    lang: &'a str,
    w: &'static DateWords,
    toks: Vec<Token>,
    published: Option<Day>,
}

impl Scan<'_> {
    /// Whether tokens `a` and `a + 1` are in the same phrase (space or hyphen between them).
    fn joined(&self, a: usize) -> bool {
        let g = &self.text[self.toks[a].end..self.toks[a + 1].start];
        g.chars().count() <= 2
            && g.chars()
                .all(|c| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '-' | ','))
            && !g.contains(",,")
    }
    fn joined_tight(&self, a: usize) -> bool {
        let g = &self.text[self.toks[a].end..self.toks[a + 1].start];
        g.is_empty()
            || g.chars()
                .all(|c| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '-'))
    }
    fn word(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.folded.as_str()).unwrap_or("")
    }
    /// Matches a space-separated folded phrase at `i`; returns the token count.
    fn phrase(&self, i: usize, phrase: &str) -> Option<usize> {
        let mut n = 0;
        for (k, p) in phrase.split(' ').enumerate() {
            if self.word(i + k) != p || (k > 0 && !self.joined_tight(i + k - 1)) {
                return None;
            }
            n += 1;
        }
        Some(n)
    }
    /// The longest phrase of a list matching at `i`: (token count, index in list).
    fn any_phrase(&self, i: usize, list: &[&str]) -> Option<usize> {
        list.iter().filter_map(|p| self.phrase(i, p)).max()
    }
    fn month(&self, i: usize) -> Option<u32> {
        let t = self.toks.get(i)?;
        let m = lang::month_number(self.lang, &t.folded)
            .or_else(|| lang::month_number(self.w.code, &t.folded))?;
        if self.w.capital_months && !self.text[t.start..].starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        // "mar", "jan": abbreviations only when written with a capital or a dot.
        Some(m)
    }
    fn day_name(&self, i: usize) -> Option<usize> {
        let f = self.word(i);
        lang::day_index(self.lang, f).or_else(|| lang::day_index(self.w.code, f))
    }
    fn day_number(&self, i: usize) -> Option<u32> {
        let f = self.word(i);
        let digits: String = f.chars().take_while(char::is_ascii_digit).collect();
        let rest = &f[digits.len()..];
        if digits.is_empty() || digits.len() > 2 {
            return None;
        }
        if !rest.is_empty() && !self.w.ordinal_suffixes.contains(&rest) {
            return None;
        }
        let n: u32 = digits.parse().ok()?;
        (1..=31).contains(&n).then_some(n)
    }
    fn year(&self, i: usize) -> Option<i64> {
        let f = self.word(i);
        (f.len() == 4 && f.chars().all(|c| c.is_ascii_digit()))
            .then(|| f.parse().ok())
            .flatten()
            .filter(|y| (1800..=2100).contains(y))
    }
    /// The year of a day and month written without one.
    fn infer_year(&self, m: u32, d: u32) -> Option<i64> {
        let p = self.published?;
        let this = calendar::day(year(p), m, d)?;
        Some(if epoch_days(this) > epoch_days(p) + 7 {
            year(p) - 1
        } else {
            year(p)
        })
    }
    fn infer_month_year(&self, m: u32, shift: Shift) -> Option<i64> {
        let p = self.published?;
        let (y, pm) = (year(p), calendar::month(p));
        Some(match shift {
            Shift::OnOrBefore => {
                if m > pm {
                    y - 1
                } else {
                    y
                }
            }
            Shift::Before => {
                if m >= pm {
                    y - 1
                } else {
                    y
                }
            }
            Shift::After => {
                if m <= pm {
                    y + 1
                } else {
                    y
                }
            }
        })
    }
    fn weekday_near(&self, wd: usize, shift: Shift) -> Option<Day> {
        let p = self.published?;
        let back = (weekday(p) + 7 - wd) % 7;
        match shift {
            Shift::OnOrBefore => plus_days(p, -(back as i64)),
            Shift::Before => plus_days(p, -(if back == 0 { 7 } else { back as i64 })),
            Shift::After => {
                let fwd = (wd + 7 - weekday(p)) % 7;
                plus_days(p, if fwd == 0 { 7 } else { fwd as i64 })
            }
        }
    }
    /// Shift given by the word after `i` ("dernier"): (shift, tokens used).
    fn shift_after(&self, i: usize) -> Option<Shift> {
        if i == 0 || i >= self.toks.len() || !self.joined_tight(i - 1) {
            return None;
        }
        let f = self.word(i);
        if self.w.past_after.contains(&f) {
            Some(Shift::Before)
        } else if self.w.next_after.contains(&f) {
            Some(Shift::After)
        } else {
            None
        }
    }
    fn shift_before(&self, i: usize) -> Option<Shift> {
        let f = self.word(i);
        if self.w.past_before.contains(&f) {
            Some(Shift::Before)
        } else if self.w.next_before.contains(&f) {
            Some(Shift::After)
        } else {
            None
        }
    }
    /// A time of day after token `i - 1`: tokens used.
    fn time_of_day(&self, i: usize) -> usize {
        if i == 0 || i >= self.toks.len() || !self.joined_tight(i - 1) {
            return 0;
        }
        self.any_phrase(i, self.w.times_of_day).unwrap_or(0)
    }
    fn period(&self, i: usize) -> Option<u8> {
        let f = self.word(i);
        if self.w.week.contains(&f) {
            Some(0)
        } else if self.w.month.contains(&f) {
            Some(1)
        } else if self.w.year.contains(&f) {
            Some(2)
        } else {
            None
        }
    }
    fn period_value(&self, period: u8, delta: i64) -> Option<Value> {
        let p = self.published?;
        Some(match period {
            0 => Value::Day(calendar::monday_of_week(p, delta)?),
            1 => {
                let idx = year(p) * 12 + (calendar::month(p) as i64 - 1) + delta;
                Value::Month(idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
            }
            _ => Value::Year(year(p) + delta),
        })
    }
}

/// One expression found by the scanner: token range and value.
struct Found {
    first: usize,
    last: usize,
    value: Option<Value>,
}

/// Recognises an expression starting at token `i` (openers are added afterwards).
fn at(sc: &Scan, i: usize, anchor: Option<Day>) -> Option<Found> {
    let n = sc.toks.len();
    let one = |last: usize, value: Option<Value>| {
        Some(Found {
            first: i,
            last,
            value,
        })
    };
    // Days from publication / from the anchor.
    for &(p, delta) in sc.w.from_publication {
        if let Some(k) = sc.phrase(i, p) {
            let last = i + k - 1;
            let last = last + sc.time_of_day(last + 1);
            return one(
                last,
                sc.published
                    .and_then(|d| plus_days(d, delta))
                    .map(Value::Day),
            );
        }
    }
    for &(p, delta) in sc.w.from_anchor {
        if let Some(k) = sc.phrase(i, p) {
            let base = anchor.or(sc.published);
            return one(
                i + k - 1,
                base.and_then(|d| plus_days(d, delta)).map(Value::Day),
            );
        }
    }
    // "last Tuesday", "next month", "this week".
    if let Some(shift) = sc.shift_before(i) {
        if i + 1 < n && sc.joined_tight(i) {
            if let Some(wd) = sc.day_name(i + 1) {
                let last = i + 1 + sc.time_of_day(i + 2);
                return one(last, sc.weekday_near(wd, shift).map(Value::Day));
            }
            if let Some(m) = sc.month(i + 1) {
                let y = sc.infer_month_year(m, shift);
                return one(i + 1, y.map(|y| Value::Month(y, m)));
            }
            if let Some(p) = sc.period(i + 1) {
                let delta = if shift == Shift::Before { -1 } else { 1 };
                return one(i + 1, sc.period_value(p, delta));
            }
        }
    }
    if sc.w.this_before.contains(&sc.word(i)) && i + 1 < n && sc.joined_tight(i) {
        if let Some(p) = sc.period(i + 1) {
            return one(i + 1, sc.period_value(p, 0));
        }
    }
    // "la semaine dernière", "le mois prochain", "l'an dernier".
    if matches!(sc.word(i), "la" | "le" | "l'" | "cette" | "ce") {
        if let Some(p) = sc.period(i + 1) {
            if sc.joined_tight(i) {
                if let Some(shift) = sc.shift_after(i + 2) {
                    let delta = if shift == Shift::Before { -1 } else { 1 };
                    return one(i + 2, sc.period_value(p, delta));
                }
            }
        }
    }
    // Day number + month [+ year]: "15 décembre 2016", "1er mars".
    if let Some(d) = sc.day_number(i) {
        if i + 1 < n && sc.joined_tight(i) {
            if let Some(m) = sc.month(i + 1) {
                if i + 2 < n && sc.joined_tight(i + 1) {
                    if let Some(y) = sc.year(i + 2) {
                        return one(i + 2, calendar::day(y, m, d).map(Value::Day));
                    }
                }
                let y = sc.infer_year(m, d);
                let v = y.and_then(|y| calendar::day(y, m, d)).map(Value::Day);
                return one(i + 1, v);
            }
        }
        return None;
    }
    // Month + day [, year] ("December 15, 2016"), month + year, month + "dernier".
    if let Some(m) = sc.month(i) {
        if i + 1 < n && sc.joined_tight(i) {
            if let Some(d) = sc.day_number(i + 1) {
                if i + 2 < n && sc.joined(i + 1) {
                    if let Some(y) = sc.year(i + 2) {
                        return one(i + 2, calendar::day(y, m, d).map(Value::Day));
                    }
                }
                let v = sc
                    .infer_year(m, d)
                    .and_then(|y| calendar::day(y, m, d))
                    .map(Value::Day);
                return one(i + 1, v);
            }
            if let Some(y) = sc.year(i + 1) {
                return one(i + 1, Some(Value::Month(y, m)));
            }
        }
        if let Some(shift) = sc.shift_after(i + 1) {
            let y = sc.infer_month_year(m, shift);
            return one(i + 1, y.map(|y| Value::Month(y, m)));
        }
        if i > 0 && sc.w.before_bare.contains(&sc.word(i - 1)) && sc.joined_tight(i - 1) {
            let y = sc.infer_month_year(m, Shift::OnOrBefore);
            return one(i, y.map(|y| Value::Month(y, m)));
        }
        return None;
    }
    // Day name [+ date] [+ dernier] [+ time of day].
    if let Some(wd) = sc.day_name(i) {
        if i + 1 < n && sc.joined_tight(i) {
            if let Some(f) = at(sc, i + 1, anchor) {
                if sc.day_number(i + 1).is_some() || sc.month(i + 1).is_some() {
                    return one(f.last, f.value);
                }
            }
        }
        let mut last = i;
        let mut shift = Shift::OnOrBefore;
        if let Some(s) = sc.shift_after(i + 1) {
            shift = s;
            last += 1;
        }
        last += sc.time_of_day(last + 1);
        return one(last, sc.weekday_near(wd, shift).map(Value::Day));
    }
    // A bare year after a preposition: "en 2014", "since 2011".
    if let Some(y) = sc.year(i) {
        if i > 0 && sc.w.before_bare.contains(&sc.word(i - 1)) && sc.joined_tight(i - 1) {
            return one(i, Some(Value::Year(y)));
        }
    }
    None
}

/// Numeric dates written with digits only: "2016-12-12", "12/12/2016", "12.12.2016".
fn numeric_dates(text: &str, month_first: bool) -> Vec<(usize, usize, Day)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_alphanumeric())) {
            i += 1;
            continue;
        }
        let run = |s: usize| b[s..].iter().take_while(|c| c.is_ascii_digit()).count();
        let num = |s: usize, l: usize| text[s..s + l].parse::<u32>().ok();
        let l1 = run(i);
        let mut found = None;
        if i + l1 < b.len() {
            let sep = b[i + l1];
            if matches!(sep, b'-' | b'/' | b'.') {
                let s2 = i + l1 + 1;
                let l2 = run(s2);
                if l2 > 0 && s2 + l2 < b.len() && b[s2 + l2] == sep {
                    let s3 = s2 + l2 + 1;
                    let l3 = run(s3);
                    let end = s3 + l3;
                    let clean_end = end >= b.len() || !b[end].is_ascii_alphanumeric();
                    if l3 > 0 && clean_end {
                        let (a, bb, c) = (num(i, l1), num(s2, l2), num(s3, l3));
                        if let (Some(a), Some(bb), Some(c)) = (a, bb, c) {
                            let day = if l1 == 4 && l2 <= 2 && l3 <= 2 {
                                calendar::day(a as i64, bb, c)
                            } else if l1 <= 2 && l2 <= 2 && l3 == 4 && sep != b'-' {
                                if month_first && a <= 12 {
                                    calendar::day(c as i64, a, bb)
                                } else {
                                    calendar::day(c as i64, bb, a)
                                }
                            } else {
                                None
                            };
                            if let Some(d) = day {
                                found = Some((i, end, d));
                            }
                        }
                    }
                }
            }
        }
        match found {
            Some(f) => {
                i = f.1;
                out.push(f);
            }
            None => i += l1.max(1),
        }
    }
    out
}

/// Finds the date expressions of an article, with values resolved against its publication date.
pub fn extract(article: &CleanArticle) -> Vec<DateMention> {
    let text = article.text.as_str();
    let w = words::for_language(&article.language);
    let published = article.published;
    let sc = Scan {
        text,
        lang: &article.language,
        w,
        toks: tokenize(text),
        published,
    };
    let mut out = Vec::new();
    let numeric = numeric_dates(text, article.language == "en");
    let mut anchor: Option<Day> = None;
    let mut ni = 0;
    let mut i = 0;
    while i < sc.toks.len() {
        let start = sc.toks[i].start;
        while ni < numeric.len() && numeric[ni].1 <= start {
            ni += 1;
        }
        if ni < numeric.len() && numeric[ni].0 <= start {
            let (s, e, d) = numeric[ni];
            out.push(DateMention {
                text: text[s..e].to_string(),
                value: Some(calendar::iso(d)),
                start: s,
                end: e,
            });
            anchor = Some(d);
            while i < sc.toks.len() && sc.toks[i].start < e {
                i += 1;
            }
            ni += 1;
            continue;
        }
        let Some(f) = at(&sc, i, anchor) else {
            i += 1;
            continue;
        };
        // Openers that belong to the expression: "le 15 décembre", "depuis le 30 septembre".
        let mut first = f.first;
        for _ in 0..2 {
            if first > 0
                && sc.joined_tight(first - 1)
                && sc.w.openers.contains(&sc.word(first - 1))
                && out
                    .last()
                    .is_none_or(|m: &DateMention| m.end <= sc.toks[first - 1].start)
            {
                first -= 1;
            } else {
                break;
            }
        }
        let (s, e) = (sc.toks[first].start, sc.toks[f.last].end);
        if let Some(Value::Day(d)) = f.value {
            anchor = Some(d);
        }
        out.push(DateMention {
            text: text[s..e].to_string(),
            value: f.value.map(Value::iso),
            start: s,
            end: e,
        });
        i = f.last + 1;
    }
    out
}

/// The date of a story's event, from its articles' resolved date mentions (`dates[i]` for article
/// `i`) and publication dates: the earliest publication day when any is known (news is written
/// on the day of the event or just after), else the full day (`YYYY-MM-DD`) the texts resolve to
/// most often (ties: the earliest), else the most supported month or year. `None` when nothing
/// dates the story.
pub fn event_date(dates: &[&[DateMention]], published: &[Option<Day>]) -> Option<String> {
    if let Some(&d) = published.iter().flatten().min() {
        return Some(calendar::iso(d));
    }
    // Votes: one per article and value, so that one article repeating a date does not win alone.
    let mut votes: Vec<(String, usize)> = Vec::new();
    for mentions in dates {
        let mut seen: Vec<&str> = Vec::new();
        for v in mentions.iter().filter_map(|m| m.value.as_deref()) {
            if seen.contains(&v) {
                continue;
            }
            seen.push(v);
            match votes.iter_mut().find(|(k, _)| k == v) {
                Some((_, n)) => *n += 1,
                None => votes.push((v.to_string(), 1)),
            }
        }
    }
    // Full days first, then months, then years; within a precision most votes, then earliest.
    votes
        .into_iter()
        .min_by(|(a, na), (b, nb)| {
            b.len()
                .cmp(&a.len())
                .then(nb.cmp(na))
                .then_with(|| a.cmp(b))
        })
        .map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_formats() {
        let n = numeric_dates("le 2016-12-12 et 13/12/2016, v1.2.3", false);
        let v: Vec<_> = n.iter().map(|x| calendar::iso(x.2)).collect();
        assert_eq!(v, ["2016-12-12", "2016-12-13"]);
    }

    fn mention(v: &str) -> DateMention {
        DateMention {
            text: v.to_string(),
            value: Some(v.to_string()),
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn event_date_prefers_earliest_publication_then_votes() {
        let a = [
            mention("2016-12-11"),
            mention("2016-12-11"),
            mention("2016-12"),
        ];
        let b = [mention("2016-12-10"), mention("2016-12-11")];
        let c = [mention("2016-12-10")];
        let all: [&[DateMention]; 3] = [&a, &b, &c];
        assert_eq!(
            event_date(
                &all,
                &[
                    calendar::day(2016, 12, 13),
                    None,
                    calendar::day(2016, 12, 12)
                ]
            ),
            Some("2016-12-12".to_string())
        );
        // 12-11 and 12-10 have two articles each: the earlier wins; the month only counts last.
        assert_eq!(
            event_date(&all, &[None, None, None]),
            Some("2016-12-10".to_string())
        );
        let months: [&[DateMention]; 1] = [&[mention("2016-12")]];
        assert_eq!(event_date(&months, &[None]), Some("2016-12".to_string()));
        assert_eq!(event_date(&[], &[]), None);
    }
}
