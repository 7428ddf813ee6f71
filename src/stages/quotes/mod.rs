//! Quotes: direct quotations and who said them.
//!
//! The stage pairs quotation marks ([`marks`]), finds the capitalised names of the article and
//! which of them are persons ([`names`]), then attributes every quotation by reading the words
//! around it with per-language tables of reporting verbs, pronouns, titles and role nouns
//! ([`tables`]): an incise inside the quotation ("…, a constaté le porte-parole. …"), a clause
//! after it (", a-t-il souligné", "Smith said", "said Mr. Smith"), the sentence before it ("X a
//! dénoncé « … »", "X said that “…”"), a colon ending the previous paragraph, a run of quoted
//! paragraphs, or a pull quote followed by an attribution line. Pronouns and role nouns resolve
//! to the person the text means (the latest speaker, else the subject of a recent sentence).

mod marks;
mod names;
mod tables;

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::{CleanArticle, Mention};
use crate::text::{tokenize, Token, WordMap};

use marks::Marked;
use names::Name;
use tables::QuoteTables;

/// A quotation found in an article, with the speaker as the text names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundQuote {
    /// Byte offset of the first quoted character in the clean text.
    pub start: usize,
    /// Byte offset past the last quoted character.
    pub end: usize,
    /// The speaker as written (for a pronoun, the name it refers to), when found.
    pub speaker: Option<String>,
    /// Byte span of that speaker name in the clean text, when it is located there.
    pub speaker_span: Option<(usize, usize)>,
    /// Spans inside `[start, end)` that are not quoted words: the attribution between the two
    /// parts of “A,” said X. “B.” (one quotation, interrupted).
    pub gaps: Vec<(usize, usize)>,
}

impl FoundQuote {
    /// The quoted words without the interruptions in [`FoundQuote::gaps`], parts joined by a
    /// space.
    pub fn quoted_text(&self, text: &str) -> String {
        let mut out = String::new();
        let mut s = self.start;
        for &(a, b) in &self.gaps {
            out.push_str(text[s..a].trim_end_matches(marks::is_space));
            out.push(' ');
            s = b;
        }
        out.push_str(&text[s..self.end]);
        out
    }
}

/// Finds the direct quotations of an article. `mentions` are the article's entity mentions
/// (used, when present, to know which names are persons).
pub fn extract(article: &CleanArticle, mentions: &[Mention]) -> Vec<FoundQuote> {
    let text = article.text.as_str();
    if text.is_empty() {
        return Vec::new();
    }
    let lang = article.language.as_str();
    let tables: Vec<&'static QuoteTables> = match tables::ALL.iter().find(|t| t.code == lang) {
        Some(t) => vec![*t],
        None => tables::ALL.to_vec(),
    };
    Reader::new(text, lang, tables, mentions).run()
}

/// A speaker as found: surface and span in the text, and the person key when it is a person.
#[derive(Debug, Clone)]
struct Who {
    surface: String,
    span: (usize, usize),
    key: Option<String>,
    gender: char,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// A reporting verb: its subject is the speaker.
    Verb,
    /// A preposition of `n` tokens: the speaker follows ("according to", "selon").
    Prep(usize),
}

/// The cue phrases of one table (verbs, prepositions) split into words and grouped by their
/// first word, in table order, so that finding the cues of an article costs one hash look-up
/// per token instead of a scan of every phrase.
struct CueIndex {
    preps: WordMap<Vec<Vec<&'static str>>>,
    verbs: WordMap<Vec<Vec<&'static str>>>,
}

impl CueIndex {
    fn new(t: &QuoteTables) -> Self {
        let group = |phrases: &[&'static str]| {
            let mut m: WordMap<Vec<Vec<&'static str>>> = WordMap::default();
            for p in phrases {
                let words: Vec<&'static str> = p.split(' ').collect();
                m.entry(words[0]).or_default().push(words);
            }
            m
        };
        CueIndex {
            preps: group(t.preps),
            verbs: group(t.verbs),
        }
    }
}

/// The [`CueIndex`] of a table, built once per process.
fn cue_index(t: &QuoteTables) -> &'static CueIndex {
    static INDEXES: OnceLock<Vec<CueIndex>> = OnceLock::new();
    let all = INDEXES.get_or_init(|| tables::ALL.iter().map(|t| CueIndex::new(t)).collect());
    let k = tables::ALL
        .iter()
        .position(|a| std::ptr::eq(*a, t))
        .expect("quote tables come from tables::ALL");
    &all[k]
}

struct Reader<'a> {
    text: &'a str,
    tables: Vec<&'static QuoteTables>,
    tokens: Vec<Token>,
    cues: Vec<Option<Cue>>,
    marks: Vec<Marked>,
    names: Vec<Name>,
    /// Per person key: the fullest name (index into `names`) and the first gender given.
    keys: HashMap<String, KeyInfo>,
    /// Persons named outside quotations (indexes into `names`, in text order).
    persons_outside: Vec<usize>,
    paras: Vec<(usize, usize)>,
    sentences: Vec<usize>,
}

/// What the names of one person key say together.
#[derive(Default)]
struct KeyInfo {
    /// The fullest name of the person (most words, first seen), when one is a person.
    best: Option<usize>,
    /// The gender of the first name with this key that has one.
    gender: Option<char>,
}

/// How many persons back a pronoun or a role noun looks for its antecedent: enough for any
/// article (no quote in rpm2-fr, the seeds or PolNeAR reaches back so far) and it keeps a long
/// text linear.
const ANTECEDENT_REACH: usize = 64;

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

impl<'a> Reader<'a> {
    fn new(
        text: &'a str,
        lang: &str,
        tables: Vec<&'static QuoteTables>,
        mentions: &[Mention],
    ) -> Self {
        let tokens = tokenize(text);
        let marks = nest_free(marks::find(text));
        let names = names::find(text, &tokens, lang, &tables, mentions);
        let mut paras = Vec::new();
        let mut s = 0;
        for line in text.split('\n') {
            paras.push((s, s + line.len()));
            s += line.len() + 1;
        }
        let mut r = Reader {
            text,
            tables,
            cues: Vec::new(),
            tokens,
            marks,
            names,
            keys: HashMap::new(),
            persons_outside: Vec::new(),
            paras,
            sentences: Vec::new(),
        };
        r.cues = r.find_cues();
        r.vote_genders();
        r.sentences = r.find_sentences();
        r.index_names();
        r
    }

    /// Fills `keys` and `persons_outside` once the names have their genders.
    fn index_names(&mut self) {
        let mut keys: HashMap<String, KeyInfo> = HashMap::new();
        for (i, n) in self.names.iter().enumerate() {
            let info = keys.entry(n.key.clone()).or_default();
            if info.gender.is_none() && n.gender != '?' {
                info.gender = Some(n.gender);
            }
            if n.person && info.best.is_none_or(|b| n.words > self.names[b].words) {
                info.best = Some(i);
            }
        }
        self.keys = keys;
        self.persons_outside = (0..self.names.len())
            .filter(|&i| self.names[i].person && !self.in_quote(self.names[i].start))
            .collect();
    }

    /// Gives a gender to persons without a title: the pronouns that follow their mentions
    /// (before the next person is named) vote.
    fn vote_genders(&mut self) {
        let mut votes: HashMap<String, i32> = HashMap::new();
        let persons: Vec<usize> = (0..self.names.len())
            .filter(|&i| self.names[i].person)
            .collect();
        for (pi, &i) in persons.iter().enumerate() {
            let n = &self.names[i];
            if self.in_quote(n.start) {
                continue;
            }
            let stop = persons
                .get(pi + 1)
                .map_or(self.text.len(), |&j| self.names[j].start);
            let (a, b) = self.tok_range(n.end, stop);
            let mut v = 0;
            for t in self.tokens[a..b].iter().take(25) {
                if self.in_quote(t.start) {
                    continue;
                }
                if let Some(&(_, g)) = self
                    .tables
                    .iter()
                    .flat_map(|tb| tb.gender_words.iter())
                    .find(|(w, _)| *w == t.folded)
                {
                    v += if g == 'm' { 1 } else { -1 };
                    break;
                }
            }
            *votes.entry(n.key.clone()).or_default() += v;
        }
        for n in self
            .names
            .iter_mut()
            .filter(|n| n.person && n.gender == '?')
        {
            if let Some(&v) = votes.get(&n.key) {
                n.gender = match v.cmp(&0) {
                    std::cmp::Ordering::Greater => 'm',
                    std::cmp::Ordering::Less => 'f',
                    std::cmp::Ordering::Equal => '?',
                };
            }
        }
    }

    fn find_cues(&self) -> Vec<Option<Cue>> {
        let indexes: Vec<&CueIndex> = self.tables.iter().map(|t| cue_index(t)).collect();
        let mut cues = vec![None; self.tokens.len()];
        for (i, slot) in cues.iter_mut().enumerate() {
            let first = self.tokens[i].folded.as_str();
            let matches = |words: &[&str]| {
                words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| self.tokens.get(i + k).is_some_and(|t| t.folded == *w))
            };
            for ix in &indexes {
                let preps = ix.preps.get(first).map_or(&[][..], Vec::as_slice);
                if let Some(p) = preps.iter().find(|p| matches(p)) {
                    *slot = Some(Cue::Prep(p.len()));
                    break;
                }
                let verbs = ix.verbs.get(first).map_or(&[][..], Vec::as_slice);
                if verbs.iter().any(|v| matches(v)) {
                    *slot = Some(Cue::Verb);
                    break;
                }
            }
        }
        cues
    }

    /// Sentence starts: paragraph starts, and after . ! ? outside quotation marks when a
    /// capital (or an opening mark) follows and the word before is not an abbreviation.
    fn find_sentences(&self) -> Vec<usize> {
        let text = self.text;
        let mut out: Vec<usize> = self.paras.iter().map(|p| p.0).collect();
        let bytes: Vec<(usize, char)> = text.char_indices().collect();
        for (k, &(i, c)) in bytes.iter().enumerate() {
            if !is_sentence_end(c) {
                continue;
            }
            if let Some(m) = self.mark_at(i) {
                // The end of a quotation ends the sentence only when the mark closes right after.
                if text[i + c.len_utf8()..m.close_end]
                    .trim_matches(marks::is_space)
                    .len()
                    > 4
                {
                    continue;
                }
            }
            // Skip closing marks, then spaces; a capital or opening mark must follow.
            let mut j = k + 1;
            while j < bytes.len() && matches!(bytes[j].1, '»' | '”' | '"' | '’' | ')') {
                j += 1;
            }
            let sp = j;
            while j < bytes.len() && (bytes[j].1 == ' ' || bytes[j].1 == '\u{a0}') {
                j += 1;
            }
            if j == sp || j >= bytes.len() {
                continue;
            }
            let n = bytes[j].1;
            if !(n.is_uppercase() || matches!(n, '«' | '“' | '"' | '‘' | '„')) {
                continue;
            }
            if c == '.' {
                let before = &text[..i];
                let word_start = before.rfind(|ch: char| !ch.is_alphabetic()).map_or(0, |p| {
                    p + before[p..].chars().next().map_or(1, char::len_utf8)
                });
                let word = &before[word_start..];
                let folded = crate::text::fold(word);
                if word.chars().count() == 1 && word.chars().all(char::is_uppercase)
                    || names::title_gender(&self.tables, &folded).is_some()
                {
                    continue;
                }
            }
            out.push(bytes[j].0);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn mark_at(&self, pos: usize) -> Option<&Marked> {
        let k = self.marks.partition_point(|m| m.open <= pos);
        k.checked_sub(1)
            .map(|k| &self.marks[k])
            .filter(|m| pos < m.close_end)
    }

    fn in_quote(&self, pos: usize) -> bool {
        self.mark_at(pos).is_some()
    }

    fn sentence_start(&self, pos: usize) -> usize {
        let k = self.sentences.partition_point(|&s| s <= pos);
        self.sentences[k.saturating_sub(1)]
    }

    fn sentence_end(&self, pos: usize) -> usize {
        let k = self.sentences.partition_point(|&s| s <= pos);
        let para_end = self.para_of(pos).1;
        self.sentences
            .get(k)
            .copied()
            .unwrap_or(self.text.len())
            .min(para_end)
    }

    fn para_index(&self, pos: usize) -> usize {
        self.paras.partition_point(|p| p.0 <= pos).saturating_sub(1)
    }

    fn para_of(&self, pos: usize) -> (usize, usize) {
        self.paras[self.para_index(pos)]
    }

    /// Token indexes wholly inside `[a, b)`.
    fn tok_range(&self, a: usize, b: usize) -> (usize, usize) {
        let i = self.tokens.partition_point(|t| t.start < a);
        let j = self.tokens.partition_point(|t| t.end <= b);
        (i, j.max(i))
    }

    fn pronoun(&self, folded: &str) -> Option<char> {
        self.tables
            .iter()
            .flat_map(|t| t.pronouns.iter())
            .find(|(p, _)| *p == folded)
            .map(|&(_, g)| g)
    }

    fn determiner_gender(&self, folded: &str) -> Option<char> {
        self.tables
            .iter()
            .flat_map(|t| t.determiners.iter())
            .find(|(d, _)| *d == folded)
            .map(|&(_, g)| g)
    }

    /// The fullest way the text writes the person with this key (most words, first seen).
    fn best_name(&self, key: &str) -> Option<&Name> {
        let best = self.keys.get(key)?.best?;
        Some(&self.names[best])
    }

    fn who_of(&self, n: &Name) -> Who {
        let gender = if n.gender != '?' {
            n.gender
        } else {
            self.keys.get(&n.key).and_then(|k| k.gender).unwrap_or('?')
        };
        if n.person {
            let b = self.best_name(&n.key).unwrap_or(n);
            return Who {
                surface: self.text[n.start..n.end].to_string(),
                span: (n.start, n.end),
                key: Some(b.key.clone()),
                gender,
            };
        }
        Who {
            surface: self.text[n.start..n.end].to_string(),
            span: (n.start, n.end),
            key: None,
            gender,
        }
    }

    fn resolved(&self, key: &str, gender: char) -> Option<Who> {
        let n = self.best_name(key)?;
        Some(Who {
            surface: self.text[n.start..n.end].to_string(),
            span: (n.start, n.end),
            key: Some(key.to_string()),
            gender,
        })
    }

    fn compatible(g: char, want: char) -> bool {
        want == '?' || g == '?' || g == want
    }

    /// The person a pronoun (or a bare role) at `pos` refers to: the latest speaker when recent
    /// and compatible, else the first compatible person of the closest sentence before `pos`.
    fn antecedent(&self, pos: usize, gender: char, last: Option<&(Who, usize)>) -> Option<Who> {
        if gender == 'p' {
            return None;
        }
        let para = self.para_index(pos);
        if let Some((w, p)) = last {
            if w.key.is_some() && para.saturating_sub(*p) <= 3 && Self::compatible(w.gender, gender)
            {
                return Some(w.clone());
            }
        }
        let before = self
            .persons_outside
            .partition_point(|&i| self.names[i].end <= pos);
        let from = before.saturating_sub(ANTECEDENT_REACH);
        let persons: Vec<&Name> = self.persons_outside[from..before]
            .iter()
            .map(|&i| &self.names[i])
            .collect();
        let mut k = persons.len();
        while k > 0 {
            let s = self.sentence_start(persons[k - 1].start);
            let mut first = k - 1;
            while first > 0 && self.sentence_start(persons[first - 1].start) == s {
                first -= 1;
            }
            for n in &persons[first..k] {
                let w = self.who_of(n);
                if Self::compatible(w.gender, gender) {
                    return self.resolved(&n.key, w.gender).or(Some(w));
                }
            }
            k = first;
        }
        None
    }

    /// The person described by a role noun before `pos`, else the pronoun antecedent.
    fn role_holder(
        &self,
        role: &str,
        gender: char,
        pos: usize,
        last: Option<&(Who, usize)>,
    ) -> Option<Who> {
        let before = self.names.partition_point(|n| n.end <= pos);
        self.names[..before]
            .iter()
            .rev()
            .filter(|n| n.person)
            .take(ANTECEDENT_REACH)
            .filter(|n| n.roles.contains(&role))
            .find(|n| Self::compatible(self.who_of(n).gender, gender))
            .map(|n| {
                let w = self.who_of(n);
                self.resolved(&n.key, w.gender).unwrap_or(w)
            })
            .or_else(|| self.antecedent(pos, gender, last))
    }

    /// The speaker named in tokens `[a, b)` (outside other quotations): the first (or, with
    /// `last_first`, the last) person or pronoun, else a role, else any name.
    fn speaker_in(
        &self,
        a: usize,
        b: usize,
        last_first: bool,
        pos: usize,
        last: Option<&(Who, usize)>,
    ) -> Option<Who> {
        if a >= b {
            return None;
        }
        let (sa, sb) = (self.tokens[a].start, self.tokens[b - 1].end);
        // Names are in text order and apart: those inside [sa, sb) are one run of them.
        let from = self.names.partition_point(|n| n.start < sa);
        let inside: Vec<&Name> = self.names[from..]
            .iter()
            .take_while(|n| n.end <= sb)
            .filter(|n| !self.in_quote(n.start))
            .collect();
        let order: Vec<usize> = if last_first {
            (a..b).rev().collect()
        } else {
            (a..b).collect()
        };
        for &k in &order {
            let t = &self.tokens[k];
            if self.in_quote(t.start) {
                continue;
            }
            if let Some(k) = inside
                .iter()
                .position(|n| n.person && !n.possessive && n.start < t.end && t.start < n.end)
            {
                return Some(self.who_of(self.head_of(&inside, k)));
            }
            if let Some(g) = self.pronoun(&t.folded) {
                return self.antecedent(pos, g, last);
            }
        }
        for &k in &order {
            let t = &self.tokens[k];
            if self.in_quote(t.start) {
                continue;
            }
            if let Some(r) = names::role_at(self.text, &self.tokens, k, &self.tables) {
                // the determiner stands before the compound ("le porte-parole")
                let k = if r.contains('-')
                    && k > 0
                    && &self.text[self.tokens[k - 1].end..t.start] == "-"
                {
                    k - 1
                } else {
                    k
                };
                let g = (1..=3)
                    .filter_map(|d| k.checked_sub(d))
                    .find_map(|p| self.determiner_gender(&self.tokens[p].folded));
                if let Some(g) = g {
                    return self.role_holder(r, g, pos, last);
                }
            }
        }
        let mut plain = inside.iter().filter(|n| !n.possessive);
        let n = if last_first {
            plain.next_back()
        } else {
            plain.next()
        };
        n.map(|n| self.who_of(n))
    }

    /// The head of a noun phrase that starts with `inside[k]`: in "Clinton campaign spokesman
    /// Brian Fallon" the person is the name after the role noun, not the one qualifying it.
    fn head_of<'n>(&self, inside: &[&'n Name], k: usize) -> &'n Name {
        let n = inside[k];
        let Some(m) = inside.get(k + 1).filter(|m| m.person) else {
            return n;
        };
        let gap = &self.text[n.end..m.start];
        let (a, b) = self.tok_range(n.end, m.start);
        let role =
            (a..b).any(|i| names::role_at(self.text, &self.tokens, i, &self.tables).is_some());
        if role
            && b - a <= 4
            && !gap.contains([',', '.', ';', ':', '(', '\n'])
            && (a..b).all(|i| self.cues[i].is_none())
        {
            m
        } else {
            n
        }
    }

    /// Attribution in the words after a quotation: ", a-t-il souligné", "Smith said",
    /// "said the senator", ", selon le ministère".
    fn after(&self, m: &Marked, last: Option<&(Who, usize)>) -> Option<Who> {
        let mut end = self.sentence_end(m.close_end.saturating_sub(1).max(m.start));
        if end <= m.close_end {
            end = self.para_of(m.close_end.saturating_sub(1)).1;
        }
        if let Some(next) = self.marks.iter().find(|n| n.open >= m.close_end) {
            end = end.min(next.open);
        }
        let (a, b) = self.tok_range(m.close_end, end);
        let rest = self.text[m.close_end..end].trim_start_matches(marks::is_space);
        if rest.starts_with(['―', '—', '–']) {
            return self.speaker_in(a, b, false, m.open, last);
        }
        let cue = (a..b.min(a + 12)).find(|&k| self.cues[k].is_some())?;
        match self.cues[cue]? {
            Cue::Prep(n) => self.speaker_in(cue + n, b, false, m.open, last),
            Cue::Verb => {
                let comma = self.text[m.close_end..self.tokens[cue].start]
                    .rfind([',', ';'])
                    .map_or(m.close_end, |p| m.close_end + p);
                let (la, _) = self.tok_range(comma, end);
                self.speaker_in(la, cue, false, m.open, last)
                    .or_else(|| self.speaker_in(cue + 1, b, false, m.open, last))
            }
        }
    }

    /// Attribution in the sentence before a quotation: "X a dénoncé « … »", "X said that “…”",
    /// "according to X, “…”", or a sentence ending with a colon.
    fn before(
        &self,
        from: usize,
        to: usize,
        pos: usize,
        last: Option<&(Who, usize)>,
    ) -> Option<Who> {
        let (a, b) = self.tok_range(from, to);
        let cue = (a..b)
            .rev()
            .find(|&k| self.cues[k].is_some() && !self.in_quote(self.tokens[k].start));
        match cue.and_then(|k| self.cues[k].map(|c| (k, c))) {
            Some((k, Cue::Prep(n))) => {
                let stop = self.text[self.tokens[k].end..to]
                    .find(',')
                    .map_or(to, |p| self.tokens[k].end + p);
                let (_, e) = self.tok_range(from, stop);
                self.speaker_in(k + n, e, false, pos, last)
            }
            Some((k, Cue::Verb)) => self.speaker_in(a, k, true, pos, last),
            None if self.text[from..to]
                .trim_end_matches(marks::is_space)
                .ends_with(':') =>
            {
                self.speaker_in(a, b, false, pos, last)
            }
            None => None,
        }
    }

    /// An incise inside the quotation: "…, a constaté le porte-parole. …".
    fn incise(&self, m: &Marked, last: Option<&(Who, usize)>) -> Option<(Who, usize, usize)> {
        let inner = &self.text[m.start..m.end];
        let mut off = 0;
        while let Some(p) = inner[off..].find(',') {
            let comma = m.start + off + p;
            off += p + 1;
            let stop = inner[off..]
                .find(['.', '!', '?'])
                .map(|q| m.start + off + q)?;
            if m.end - stop < 8 {
                return None;
            }
            let (a, b) = self.tok_range(comma, stop);
            if b - a > 10 {
                continue;
            }
            let Some(cue) = (a..b.min(a + 4)).find(|&k| self.cues[k] == Some(Cue::Verb)) else {
                continue;
            };
            let who = self
                .speaker_in(a, cue, true, m.open, last)
                .or_else(|| self.speaker_in(cue + 1, b, false, m.open, last));
            if let Some(w) = who {
                return Some((w, comma, stop));
            }
        }
        None
    }

    /// Whether a paragraph is an attribution line under a pull quote: a short line without final
    /// punctuation ending with a person's name, alone or after a comma ("Le ministre, Jean Dupont").
    fn attribution_line(&self, para: (usize, usize)) -> Option<Who> {
        let line = self.text[para.0..para.1].trim_end_matches(marks::is_space);
        if line.is_empty() || line.ends_with(|c: char| ".!?:;,".contains(c)) {
            return None;
        }
        let (a, b) = self.tok_range(para.0, para.0 + line.len());
        if b - a > 14 || b == a {
            return None;
        }
        let first = &self.tokens[a].folded;
        if self
            .tables
            .iter()
            .any(|t| t.byline_words.contains(&first.as_str()))
        {
            return None;
        }
        let n = self
            .names
            .iter()
            .find(|n| n.end == para.0 + line.len() && n.start >= para.0)?;
        if !n.person || n.words < 2 {
            return None;
        }
        let lead = self.text[para.0..n.start].trim_end_matches(marks::is_space);
        let lead_trim = lead.trim_start_matches(['—', '–', ' ']);
        if !(lead_trim.is_empty() || lead.ends_with([',', '—', '–'])) {
            return None;
        }
        Some(self.who_of(n))
    }

    fn words(&self, a: usize, b: usize) -> usize {
        let (i, j) = self.tok_range(a, b);
        j - i
    }

    fn run(&self) -> Vec<FoundQuote> {
        let mut out: Vec<(FoundQuote, usize)> = Vec::new(); // quote, paragraph
        let mut last: Option<(Who, usize)> = None;
        let push = |out: &mut Vec<(FoundQuote, usize)>, s: usize, e: usize, w: Option<&Who>, p| {
            out.push((
                FoundQuote {
                    start: s,
                    end: e,
                    speaker: w.map(|w| w.surface.clone()),
                    speaker_span: w.map(|w| w.span),
                    gaps: Vec::new(),
                },
                p,
            ));
        };
        let mut marks_iter = self.marks.iter().peekable();
        for (pi, &para) in self.paras.iter().enumerate() {
            let here: Vec<&Marked> = {
                let mut v = Vec::new();
                while let Some(m) = marks_iter.next_if(|m| m.open < para.1 + 1) {
                    v.push(m);
                }
                v
            };
            if here.is_empty() {
                if let Some(w) = self.pull_quote(pi) {
                    let p = self.text[para.0..para.1].trim_matches(marks::is_space);
                    let s = para.0
                        + (self.text[para.0..para.1].len()
                            - self.text[para.0..para.1]
                                .trim_start_matches(marks::is_space)
                                .len());
                    push(&mut out, s, s + p.len(), Some(&w), pi);
                    last = Some((w, pi));
                }
                continue;
            }
            for m in here {
                let last_ref = last.as_ref();
                let sent = self.sentence_start(m.open).max(para.0);
                let whole_start = self.text[para.0..m.open]
                    .trim_matches(marks::is_space)
                    .is_empty();
                let mpara_end = self.para_of(m.close_end.saturating_sub(1)).1;
                let whole_end = self.text[m.close_end..mpara_end]
                    .trim_matches(|c: char| marks::is_space(c) || ".,;".contains(c))
                    .is_empty();
                let mut who = None;
                if let Some((w, _, _)) = self.incise(m, last_ref) {
                    who = Some(w);
                }
                // ", said X" right after the marks wins; otherwise the subject of a reporting
                // verb before the quotation does ("X a dénoncé « … », accusant Y").
                let tight = self.text[m.start..m.end].ends_with(',')
                    || self.text[m.close_end..]
                        .trim_start_matches(marks::is_space)
                        .starts_with(',');
                let prefix_cue = {
                    let (a, b) = self.tok_range(sent, m.open);
                    (a..b).any(|k| self.cues[k].is_some() && !self.in_quote(self.tokens[k].start))
                };
                if who.is_none() && prefix_cue && !tight {
                    who = self.before(sent, m.open, m.open, last_ref);
                }
                if who.is_none() {
                    who = self.after(m, last_ref);
                }
                if who.is_none() && sent < m.open {
                    who = self.before(sent, m.open, m.open, last_ref);
                }
                let has_cue = who.is_some();
                if who.is_none() && !whole_start {
                    // A partial quotation inside a sentence: its subject (a person or pronoun).
                    let (a, b) = self.tok_range(sent, m.open);
                    who = self
                        .speaker_in(a, b, false, m.open, last.as_ref())
                        .filter(|w| w.key.is_some());
                }
                // “A,” said X. “B.”: the second part continues the attributed quotation.
                if who.is_none() && sent >= m.open.min(sent) {
                    if let Some((q, qp)) = out.last_mut() {
                        let gap =
                            self.text[q.end.min(m.open)..m.open].trim_start_matches(|c: char| {
                                marks::is_space(c) || matches!(c, '»' | '”' | '"' | '’' | '“')
                            });
                        let (ga, gb) = self.tok_range(q.end.min(m.open), m.open);
                        if *qp == pi
                            && q.speaker.is_some()
                            && gb - ga <= 25
                            && !gap.contains(['«', '“', '"'])
                            && (ga..gb).any(|k| self.cues[k] == Some(Cue::Verb))
                            && self.text[sent..m.open]
                                .trim_matches(marks::is_space)
                                .is_empty()
                        {
                            q.gaps.push((q.end, m.start));
                            q.end = m.end;
                            continue;
                        }
                    }
                }
                if who.is_none() && whole_start && pi > 0 {
                    // Colon on the previous paragraph, or a run of quoted paragraphs.
                    let prev = (0..pi)
                        .rev()
                        .map(|k| (k, self.paras[k]))
                        .find(|(_, p)| !self.text[p.0..p.1].trim().is_empty());
                    if let Some((k, p)) = prev {
                        let ptxt = self.text[p.0..p.1].trim_end_matches(marks::is_space);
                        if ptxt.ends_with(':') {
                            let s = self.sentence_start(p.0 + ptxt.len() - 1).max(p.0);
                            who = self.before(s, p.0 + ptxt.len(), m.open, last_ref);
                        } else if let Some((q, _)) = out.iter().rev().find(|(_, qp)| *qp == k) {
                            if q.speaker.is_some() {
                                who = last.as_ref().map(|(w, _)| w.clone());
                            }
                        }
                        if who.is_none() && whole_end {
                            who = self.next_attribution(pi);
                        }
                        if who.is_none() && whole_end {
                            // A lone quoted line with nothing around it: a headline or teaser.
                            continue;
                        }
                    }
                }
                if !has_cue && self.words(m.start, m.end) <= 2 && !self.sentence_has_cue(m) {
                    continue; // scare quotes
                }
                if whole_start && whole_end && who.is_none() {
                    continue;
                }
                push(&mut out, m.start, m.end, who.as_ref(), pi);
                if let Some(w) = who.filter(|_| self.words(m.start, m.end) > 3) {
                    last = Some((w, pi));
                }
            }
        }
        out.into_iter().map(|(q, _)| q).collect()
    }

    /// Whether the sentence around a quotation holds a reporting verb outside the marks.
    fn sentence_has_cue(&self, m: &Marked) -> bool {
        let s = self.sentence_start(m.open);
        let e = self.sentence_end(m.close_end.saturating_sub(1).max(m.start));
        let (a, b) = self.tok_range(s, e.max(m.close_end));
        (a..b).any(|k| self.cues[k].is_some() && !self.in_quote(self.tokens[k].start))
    }

    fn next_attribution(&self, pi: usize) -> Option<Who> {
        let next = self
            .paras
            .iter()
            .skip(pi + 1)
            .find(|p| !self.text[p.0..p.1].trim().is_empty())?;
        self.attribution_line(*next)
    }

    /// A paragraph without marks followed by an attribution line is a pull quote.
    fn pull_quote(&self, pi: usize) -> Option<Who> {
        let para = self.paras[pi];
        let p = self.text[para.0..para.1].trim_matches(marks::is_space);
        if !p.ends_with(is_sentence_end) || self.words(para.0, para.1) < 4 {
            return None;
        }
        self.next_attribution(pi)
    }
}

/// Drops quotations nested inside another (the inner marks are part of the outer quotation).
fn nest_free(marks: Vec<Marked>) -> Vec<Marked> {
    let mut out: Vec<Marked> = Vec::with_capacity(marks.len());
    for m in marks {
        if out.last().is_some_and(|o| m.open < o.close_end) {
            continue;
        }
        out.push(m);
    }
    out
}
