//! Capitalised names of an article, told apart as persons or other names, with what the text
//! says around them (title, gender, role nouns), so that speakers given by name, pronoun or role
//! can be resolved.

use std::sync::OnceLock;

use crate::model::{EntityKind, Mention};
use crate::text::{is_stopword, ListSets, Token};

use super::tables::QuoteTables;

/// A capitalised name found in the text.
#[derive(Debug, Clone)]
pub struct Name {
    /// Byte span of the name (title excluded).
    pub start: usize,
    /// End of the name.
    pub end: usize,
    /// Whether it names a person.
    pub person: bool,
    /// `'m'`, `'f'` or `'?'`.
    pub gender: char,
    /// Folded last word: the key shared by "Dmitri Peskov" and "M. Peskov".
    pub key: String,
    /// Role nouns written next to the name ("porte-parole du Kremlin, Dmitri Peskov").
    pub roles: Vec<&'static str>,
    /// Number of words.
    pub words: usize,
    /// Written as an English possessive ("Obama's former strategist"): it qualifies the noun
    /// after it, so it is not the speaker itself.
    pub possessive: bool,
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn all_caps(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() > 1 && !s.chars().any(char::is_lowercase)
}

/// Looks up a folded word in the title tables; returns its gender.
pub fn title_gender(tables: &[&QuoteTables], folded: &str) -> Option<char> {
    tables
        .iter()
        .flat_map(|t| t.titles.iter())
        .find(|(w, _)| *w == folded)
        .map(|&(_, g)| g)
}

/// Whether a folded word is one of the role nouns.
pub fn role_word(tables: &[&QuoteTables], folded: &str) -> Option<&'static str> {
    tables.iter().find_map(|t| word_sets().get(t.roles, folded))
}

/// The role noun written at token `k`, also as a hyphenated compound with the token before
/// or after ("porte-parole" is two tokens).
pub fn role_at(
    text: &str,
    tokens: &[Token],
    k: usize,
    tables: &[&QuoteTables],
) -> Option<&'static str> {
    let t = &tokens[k];
    if k > 0 && &text[tokens[k - 1].end..t.start] == "-" {
        let joined = format!("{}-{}", tokens[k - 1].folded, t.folded);
        if let Some(r) = role_word(tables, &joined) {
            return Some(r);
        }
    }
    if let Some(n) = tokens.get(k + 1) {
        if &text[t.end..n.start] == "-" {
            let joined = format!("{}-{}", t.folded, n.folded);
            if let Some(r) = role_word(tables, &joined) {
                return Some(r);
            }
        }
    }
    role_word(tables, &t.folded)
}

fn in_list(
    list: impl Fn(&QuoteTables) -> &'static [&'static str],
    tables: &[&QuoteTables],
    w: &str,
) -> bool {
    tables.iter().any(|t| word_sets().contains(list(t), w))
}

/// The word lists of [`super::tables::ALL`] looked up for every token ([`in_list`],
/// [`role_word`]), indexed as sets once per process.
fn word_sets() -> &'static ListSets {
    static SETS: OnceLock<ListSets> = OnceLock::new();
    SETS.get_or_init(|| {
        ListSets::new(
            super::tables::ALL
                .iter()
                .flat_map(|t| [t.verbs, t.preps, t.particles, t.org_words, t.roles]),
        )
    })
}

/// Whether a word that is not a name still starts with a capital: sentence openers, days,
/// months, stop words, reporting verbs.
fn opener_word(lang: &str, tables: &[&QuoteTables], folded: &str) -> bool {
    is_stopword(lang, folded)
        || crate::lang::day_index(lang, folded).is_some()
        || crate::lang::month_number(lang, folded).is_some()
        || in_list(|t| t.verbs, tables, folded)
        || in_list(|t| t.preps, tables, folded)
        || tables
            .iter()
            .any(|t| t.pronouns.iter().any(|(p, _)| *p == folded))
}

/// Finds the capitalised names of `text`.
pub fn find(
    text: &str,
    tokens: &[Token],
    lang: &str,
    tables: &[&QuoteTables],
    mentions: &[Mention],
) -> Vec<Name> {
    let mut names = Vec::new();
    let mut overlaps = Overlaps::new(mentions);
    let mut i = 0;
    while i < tokens.len() {
        let surface = tokens[i].surface(text);
        if !capitalised(surface) {
            i += 1;
            continue;
        }
        let mut first = i;
        let mut start = tokens[i].start;
        let mut gender = '?';
        let mut titled = false;
        // "M.Cook": a title glued to the name.
        if let Some(dot) = surface.find('.') {
            let head = crate::text::fold(&surface[..dot]);
            if let Some(g) = title_gender(tables, &head) {
                if capitalised(&surface[dot + 1..]) {
                    start = tokens[i].start + dot + 1;
                    gender = g;
                    titled = true;
                }
            }
        }
        // Titles and openers before the name proper.
        while !titled && first < tokens.len() {
            let f = tokens[first].folded.as_str();
            let surf = tokens[first].surface(text);
            let next_cap = tokens
                .get(first + 1)
                .is_some_and(|n| capitalised(n.surface(text)));
            let title = title_gender(tables, f).or_else(|| role_word(tables, f).map(|_| '?'));
            if let Some(g) = title.filter(|_| next_cap && capitalised(surf)) {
                gender = if g == '?' { gender } else { g };
                titled = true;
                first += 1;
                start = tokens[first].start;
            } else if capitalised(surf) && next_cap && opener_word(lang, tables, f) {
                first += 1;
                start = tokens[first].start;
            } else {
                break;
            }
        }
        if !capitalised(&text[start..tokens[first].end]) {
            i = first.max(i + 1);
            continue;
        }
        // Extend over capitalised words and particles.
        let mut last = first;
        loop {
            let j = last + 1;
            let Some(t) = tokens.get(j) else { break };
            let gap = &text[tokens[last].end..t.start];
            let prev = tokens[last].surface(text);
            let initial = gap == ". "
                && prev.chars().count() <= 3
                && prev.chars().all(|c| c.is_uppercase() || c == '.');
            if !(matches!(gap, " " | "\u{a0}" | "-" | "\u{2011}") || initial) {
                break;
            }
            let s = t.surface(text);
            if capitalised(s) {
                last = j;
            } else if in_list(|t| t.particles, tables, &t.folded)
                && tokens.get(j + 1).is_some_and(|n| {
                    capitalised(n.surface(text))
                        && matches!(&text[t.end..n.start], " " | "-" | "\u{a0}")
                })
            {
                last = j + 1;
            } else {
                break;
            }
        }
        // "Défense Peter Cook": an organisation word, then a person's name.
        if let Some(split) = (first..last)
            .rev()
            .find(|&k| in_list(|t| t.org_words, tables, &tokens[k].folded))
        {
            if last - split >= 2
                && !(split + 1..=last).any(|k| in_list(|t| t.org_words, tables, &tokens[k].folded))
            {
                first = split + 1;
                start = tokens[first].start;
            }
        }
        let mut end = tokens[last].end;
        let last_surface = tokens[last].surface(text);
        let mut key = tokens[last].folded.clone();
        let mut possessive = false;
        for poss in ["’s", "'s"] {
            if last_surface.len() > poss.len() + 1 && last_surface.ends_with(poss) {
                end -= poss.len();
                key.truncate(key.len() - 2);
                possessive = true;
            }
        }
        let words = last + 1 - first;
        let folded_words: Vec<&str> = tokens[first..=last]
            .iter()
            .map(|t| t.folded.as_str())
            .collect();
        if words == 1
            && (opener_word(lang, tables, folded_words[0]) || opener_word(lang, tables, &key))
        {
            i = last + 1;
            continue;
        }
        let orgish = folded_words
            .iter()
            .any(|w| in_list(|t| t.org_words, tables, w));
        let caps = all_caps(&text[start..end]);
        let mention_kind = overlaps.kind(start, end);
        let person = match mention_kind {
            Some(EntityKind::Person) => true,
            Some(_) => false,
            None => titled || (words >= 2 && !orgish && !caps),
        };
        // Role nouns and determiners just before the name (a few words back) or right after it.
        let mut roles = Vec::new();
        let back = first.saturating_sub(8);
        for k in back..first {
            if let Some(r) = role_at(text, tokens, k, tables) {
                roles.push(r);
                let k = if r.contains('-') && k > 0 && tokens[k - 1].folded != r {
                    k - 1
                } else {
                    k
                };
                if gender == '?' && k > 0 {
                    if let Some(&(_, g)) = tables
                        .iter()
                        .flat_map(|tb| tb.determiners.iter())
                        .find(|(d, _)| *d == tokens[k - 1].folded)
                    {
                        gender = g;
                    }
                }
            }
        }
        for k in (last + 1..tokens.len()).take(4) {
            if let Some(r) = role_at(text, tokens, k, tables) {
                roles.push(r);
            }
        }
        names.push(Name {
            start,
            end,
            person,
            gender,
            key,
            roles,
            words,
            possessive,
        });
        i = last + 1;
    }
    // A single word that is the surname of a person named elsewhere is that person.
    let keys: std::collections::HashSet<String> = names
        .iter()
        .filter(|n| n.person && n.words >= 2)
        .map(|n| n.key.clone())
        .collect();
    for n in &mut names {
        if !n.person && n.words == 1 && keys.contains(&n.key) {
            n.person = true;
        }
    }
    names
}

/// The kind of the first entity mention overlapping a span, for spans asked in increasing start
/// order (the names of one text, left to right): mentions whose end lies before a span cannot
/// overlap the later ones and are passed once, so a text costs its mentions plus its names, not
/// their product.
struct Overlaps<'a> {
    /// Mentions by start (stable: equal starts keep their order).
    by_start: Vec<&'a Mention>,
    /// Mentions before this index end before every span still to come.
    from: usize,
}

impl<'a> Overlaps<'a> {
    fn new(mentions: &'a [Mention]) -> Self {
        let mut by_start: Vec<&Mention> = mentions.iter().collect();
        by_start.sort_by_key(|m| m.start);
        Self { by_start, from: 0 }
    }

    fn kind(&mut self, start: usize, end: usize) -> Option<EntityKind> {
        while self.by_start.get(self.from).is_some_and(|m| m.end <= start) {
            self.from += 1;
        }
        self.by_start[self.from..]
            .iter()
            .take_while(|m| m.start < end)
            .find(|m| start < m.end)
            .map(|m| m.kind)
    }
}
