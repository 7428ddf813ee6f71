//! Mention detection without a model: gazetteer phrases, capitalised token runs (with name
//! particles, hyphens and civil titles), acronyms, and long forms defined by an acronym in
//! parentheses.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::gazetteer::{gazetteer, Case};
use super::lexicon::{lexicons_for, EntityLexicon};
use crate::lang;
use crate::model::{CleanArticle, EntityKind, Mention};
use crate::text::{is_stopword, tokenize, ListSets};

/// A word of the text with what mention detection needs to know about it.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub folded: String,
    /// First letter upper case.
    pub cap: bool,
    /// Two letters or more, all upper case.
    pub upper: bool,
}

/// Tokens of `text`, with "M.Cook" split into the title and the name.
pub(crate) fn toks(text: &str, lexs: &[&EntityLexicon]) -> Vec<Tok> {
    let mut out = Vec::new();
    for t in tokenize(text) {
        let surface = &text[t.start..t.end];
        if let Some(dot) = surface.find('.') {
            let head = &t.folded[..t.folded.find('.').unwrap_or(0)];
            let rest = &surface[dot + 1..];
            if !rest.is_empty()
                && rest.chars().next().is_some_and(char::is_uppercase)
                && lexs.iter().any(|l| l.civil_titles.contains(&head))
            {
                out.push(make_tok(text, t.start, t.start + dot + 1));
                out.push(make_tok(text, t.start + dot + 1, t.end));
                continue;
            }
        }
        out.push(Tok {
            start: t.start,
            end: t.end,
            cap: false,
            upper: false,
            folded: t.folded,
        });
        let last = out.len() - 1;
        set_case(text, &mut out[last]);
    }
    out
}

fn make_tok(text: &str, start: usize, end: usize) -> Tok {
    let mut t = Tok {
        start,
        end,
        folded: crate::text::fold(text[start..end].trim_end_matches('.')),
        cap: false,
        upper: false,
    };
    set_case(text, &mut t);
    t
}

fn set_case(text: &str, t: &mut Tok) {
    let s = &text[t.start..t.end];
    t.cap = s.chars().next().is_some_and(char::is_uppercase);
    // Two letters or more, all upper case (counted without collecting them).
    let mut letters = 0;
    let mut all_upper = true;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        all_upper &= c.is_uppercase();
    }
    t.upper = letters >= 2 && all_upper;
}

/// Whether a token is a Roman numeral: a regnal number ("XVI", "II") or a century or ordinal
/// ("XXIe", "Xe"). Upper-case I, V and X only, two letters or more unless an ordinal suffix
/// follows (a lone "X" is more often a letter).
fn is_roman(text: &str, t: &Tok) -> bool {
    let s = &text[t.start..t.end];
    let core = s.trim_end_matches(|c: char| c.is_lowercase());
    let suffix = &s[core.len()..];
    !core.is_empty()
        && core.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
        && matches!(
            suffix,
            "" | "e" | "er" | "ème" | "eme" | "th" | "st" | "nd" | "rd"
        )
        && (core.len() >= 2 || !suffix.is_empty())
        && core.len() <= 7
}

/// What lies between two tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Nothing (an elision: "l’" + "EI").
    None,
    /// Spaces only, no line break.
    Space,
    /// A hyphen, no space.
    Hyphen,
    /// Punctuation or a line break.
    Break,
}

fn gap(text: &str, a: &Tok, b: &Tok) -> Gap {
    let g = &text[a.end..b.start];
    if g.is_empty() {
        Gap::None
    } else if g
        .chars()
        .all(|c| c == ' ' || c == '\u{a0}' || c == '\u{202f}')
    {
        Gap::Space
    } else if g.chars().count() == 1
        && g.chars()
            .all(|c| matches!(c, '-' | '\u{2010}' | '\u{2011}'))
    {
        Gap::Hyphen
    } else {
        Gap::Break
    }
}

/// Whether a token starts a sentence: nothing but white space, opening quotes or brackets since a
/// sentence end, line start, colon or dash.
fn sentence_start(text: &str, t: &Tok) -> bool {
    for c in text[..t.start].chars().rev() {
        match c {
            ' ' | '\u{a0}' | '\u{202f}' | '\t' => continue,
            '«' | '"' | '“' | '‘' | '(' | '[' | '\'' | '’' => continue,
            '\n' | '.' | '!' | '?' | ':' | '—' | '–' | '…' | ';' => return true,
            _ => return false,
        }
    }
    true
}

/// A gazetteer alias matching the tokens from `i`: (token count, entry id).
fn gaz_match(text: &str, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
    let g = gazetteer();
    'alias: for alias in g.starting_with(&toks[i].folded) {
        let n = alias.tokens.len();
        if i + n > toks.len() {
            continue;
        }
        for k in 0..n {
            if toks[i + k].folded != alias.tokens[k] {
                continue 'alias;
            }
            if k > 0 && gap(text, &toks[i + k - 1], &toks[i + k]) == Gap::Break {
                continue 'alias;
            }
        }
        let ok = match alias.case {
            Case::Upper => toks[i].upper,
            Case::Capital => toks[i].cap,
            Case::Any => true,
        };
        if ok {
            return Some((n, alias.entry));
        }
    }
    None
}

struct Ctx<'a> {
    text: &'a str,
    lang: &'a str,
    lexs: Vec<&'static EntityLexicon>,
    toks: Vec<Tok>,
    gaz: Vec<Option<(usize, usize)>>,
    /// Folded words seen capitalised away from a sentence start.
    cap_inside: HashSet<String>,
    /// Paragraphs (by start offset) written mostly in capitals.
    shouting: Vec<(usize, usize)>,
}

impl Ctx<'_> {
    fn any(&self, f: impl Fn(&EntityLexicon) -> &'static [&'static str], w: &str) -> bool {
        self.lexs.iter().any(|l| in_list(f(l), w))
    }
    fn is_particle(&self, w: &str) -> bool {
        self.any(|l| l.particles, w)
    }
    fn is_civil_title(&self, w: &str) -> bool {
        self.any(|l| l.civil_titles, w)
    }
    fn is_role(&self, w: &str) -> bool {
        self.any(|l| l.roles, w)
    }
    fn is_org_word(&self, w: &str) -> bool {
        self.any(|l| l.org_words, w)
    }
    fn is_role_link(&self, w: &str) -> bool {
        self.any(|l| l.role_links, w)
    }
    fn is_compass(&self, w: &str) -> bool {
        self.any(|l| l.compass, w)
    }
    /// Capitalised words that never name anything on their own.
    fn not_name(&self, w: &str) -> bool {
        self.any(|l| l.not_names, w)
            || is_stopword(self.lang, w)
            || lang::LANGUAGES.iter().any(|t| {
                lang::day_index(t.code, w).is_some() || lang::month_number(t.code, w).is_some()
            })
    }
    fn in_shouting(&self, t: &Tok) -> bool {
        self.shouting
            .iter()
            .any(|&(s, e)| s <= t.start && t.end <= e)
    }
    fn joinable(&self, a: usize, b: usize) -> Gap {
        gap(self.text, &self.toks[a], &self.toks[b])
    }
    /// "Benjamin J. Rhodes": token `a` is one capital letter followed by ". " and a capitalised
    /// token `b` (a middle initial inside a name, not a sentence end).
    fn middle_initial(&self, a: usize, b: usize) -> bool {
        let t = &self.toks[a];
        let s = &self.text[t.start..t.end];
        a > 0
            && s.chars().count() == 1
            && s.chars().all(char::is_uppercase)
            && self.toks[a - 1].cap
            && self.joinable(a - 1, a) == Gap::Space
            && matches!(&self.text[t.end..self.toks[b].start], ". " | ".\u{a0}")
            && self.toks[b].cap
    }
    fn name_tok(&self, i: usize) -> bool {
        let t = &self.toks[i];
        let acronym = t.upper && t.folded.chars().count() >= 2;
        t.cap && !acronym && !self.in_shouting(t) && !is_roman(self.text, t)
    }
}

/// Finds the entity mentions of one article's clean text (see the module doc).
pub fn extract(article: &CleanArticle) -> Vec<Mention> {
    let text = article.text.as_str();
    let lexs = lexicons_for(&article.language);
    let toks = toks(text, &lexs);
    let gaz: Vec<_> = (0..toks.len()).map(|i| gaz_match(text, &toks, i)).collect();
    let mut cap_inside = HashSet::new();
    for t in &toks {
        if t.cap && !sentence_start(text, t) {
            cap_inside.insert(t.folded.clone());
        }
    }
    let mut shouting = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        let (up, low) = line
            .chars()
            .filter(|c| c.is_alphabetic())
            .fold((0, 0), |(u, l), c| {
                if c.is_uppercase() {
                    (u + 1, l)
                } else {
                    (u, l + 1)
                }
            });
        if up > 8 && up > low {
            shouting.push((pos, pos + line.len()));
        }
        pos += line.len() + 1;
    }
    // A heading shouted inside a line ("EXONÉRATIONS DE CHARGES PATRONALES: les entreprises…"):
    // three or more upper-case words in a row are not a row of acronyms.
    let mut k = 0;
    while k < toks.len() {
        let mut e = k;
        while e < toks.len()
            && toks[e].upper
            && (e == k || gap(text, &toks[e - 1], &toks[e]) == Gap::Space)
        {
            e += 1;
        }
        if e - k >= 3 {
            shouting.push((toks[k].start, toks[e - 1].end));
        }
        k = e.max(k + 1);
    }
    let cx = Ctx {
        text,
        lang: &article.language,
        lexs,
        toks,
        gaz,
        cap_inside,
        shouting,
    };
    let mut out = Vec::new();
    let n = cx.toks.len();
    let mut i = 0;
    while i < n {
        if let Some(next) = gazetteer_mention(&cx, i, &mut out) {
            i = next;
            continue;
        }
        let t = &cx.toks[i];
        if is_roman(text, t) {
            i += 1;
            continue;
        }
        if t.upper {
            if !cx.in_shouting(t) && !cx.not_name(&t.folded) && !cx.is_particle(&t.folded) {
                out.push(mention(text, t.start, t.end, EntityKind::Organisation));
            }
            i += 1;
            continue;
        }
        if t.cap {
            i = name_run(&cx, i, &mut out);
            continue;
        }
        i += 1;
    }
    define_long_forms(&cx, &mut out);
    institutions(&cx, &mut out);
    out
}

/// A lone capitalised word completing a lower-case institution or role: "le ministère russe de
/// la Défense" becomes one ORG mention from the institution noun; in "les ministres des
/// Affaires étrangères" the word belongs to a role title and is no entity, while in "le maire
/// de Lyon" (a bare preposition, no article) it is the role's complement and stays.
fn institutions(cx: &Ctx, out: &mut Vec<Mention>) {
    let link = |w: &str| {
        cx.is_particle(w) || cx.any(|l| l.articles, w) || matches!(w, "of" | "the" | "for")
    };
    let mut k = 0;
    while k < out.len() {
        let m = &out[k];
        let i = cx.toks.partition_point(|t| t.start < m.start);
        if i >= cx.toks.len()
            || cx.toks[i].end != m.end
            || matches!(m.kind, EntityKind::Person | EntityKind::Location)
        {
            k += 1;
            continue;
        }
        // Back over linking words, then at most one lower-case adjective, to the head noun.
        let mut j = i;
        while j > 0 && link(&cx.toks[j - 1].folded) && cx.joinable(j - 1, j) != Gap::Break {
            j -= 1;
        }
        // Only a preposition ("le maire de Lyon", "the mayor of Boston"): the word is what the
        // role is of, a name of its own, not a word of the role's title.
        let bare = j < i && (j..i).all(|x| cx.is_role_link(&cx.toks[x].folded));
        let mut head = None;
        if j < i {
            for h in (j.saturating_sub(2)..j).rev() {
                let t = &cx.toks[h];
                let f = t.folded.as_str();
                if t.cap || cx.joinable(h, h + 1) == Gap::Break {
                    break;
                }
                let sing = f.strip_suffix('s').unwrap_or(f);
                if cx.is_org_word(f) || cx.is_org_word(sing) {
                    head = Some((h, true));
                    break;
                }
                if cx.is_role(f) || cx.is_role(sing) {
                    head = Some((h, false));
                    break;
                }
                if is_stopword(cx.lang, f) {
                    break;
                }
            }
        }
        match head {
            Some((h, true)) => {
                out[k] = mention(cx.text, cx.toks[h].start, m.end, EntityKind::Organisation);
                k += 1;
            }
            Some((_, false)) if !bare => {
                out.remove(k);
            }
            _ => k += 1,
        }
    }
}

/// The end of a name without an English possessive ("Trump’s" → "Trump").
fn possessive_free(text: &str, start: usize, end: usize) -> usize {
    let w = &text[start..end];
    for poss in ["’s", "'s"] {
        if w.len() > poss.len() + 1 && w.ends_with(poss) {
            return end - poss.len();
        }
    }
    end
}

fn mention(text: &str, start: usize, end: usize, kind: EntityKind) -> Mention {
    Mention {
        surface: text[start..end].to_string(),
        start,
        end,
        kind,
    }
}

/// A gazetteer match at `i`, possibly extended by a compass suffix ("Alep-Est") or turned into
/// the first word of a longer name ("Washington Times"). Returns the next token index.
fn gazetteer_mention(cx: &Ctx, i: usize, out: &mut Vec<Mention>) -> Option<usize> {
    let (len, entry) = cx.gaz[i]?;
    let g = gazetteer();
    let mut j = i + len;
    let mut end = cx.toks[j - 1].end;
    let mut kind = g.entries[entry].kind;
    if j < cx.toks.len() {
        let nt = &cx.toks[j];
        let gp = cx.joinable(j - 1, j);
        if gp == Gap::Hyphen && nt.cap && cx.is_compass(&nt.folded) {
            end = nt.end;
            j += 1;
        } else if gp == Gap::Space
            && cx.name_tok(j)
            && cx.gaz[j].is_none()
            && cx.is_org_word(&nt.folded)
            && (j + 1 >= cx.toks.len()
                || !cx.toks[j + 1].cap
                || cx.joinable(j, j + 1) == Gap::Break)
        {
            // "Washington Times": a place followed by one more capitalised word names something else.
            end = nt.end;
            j += 1;
            kind = EntityKind::Organisation;
        }
    }
    let start = cx.toks[i].start;
    out.push(mention(cx.text, start, end, kind));
    Some(j)
}

/// A run of capitalised words from `i` (with particles and a civil title). Returns the next
/// token index.
fn name_run(cx: &Ctx, i: usize, out: &mut Vec<Mention>) -> usize {
    let n = cx.toks.len();
    let text = cx.text;
    // Leading words that are not names ("Le", "Selon", "Président").
    let mut s = i;
    let mut role = false;
    let mut title: Option<usize> = None;
    while s < n && cx.toks[s].cap && (s == i || cx.joinable(s - 1, s) != Gap::Break) {
        let f = &cx.toks[s].folded;
        if cx.is_civil_title(f) && s + 1 < n && cx.toks[s + 1].cap {
            title = Some(s);
            s += 1;
            break;
        }
        if cx.is_role(f) {
            role = true;
        } else if !cx.not_name(f) {
            break;
        }
        s += 1;
    }
    if s >= n || !cx.name_tok(s) || cx.gaz[s].is_some() {
        return s.max(i + 1);
    }
    if s > i && title.is_none() && cx.joinable(s - 1, s) == Gap::Break {
        return s;
    }
    // Extend over capitalised words, particles and hyphens.
    let mut e = s + 1;
    let mut hyphens_only = true;
    while e < n {
        let gp = cx.joinable(e - 1, e);
        if gp == Gap::Break && !cx.middle_initial(e - 1, e) {
            break;
        }
        let t = &cx.toks[e];
        if cx.gaz[e].is_some() && gp != Gap::Hyphen {
            break;
        }
        // A regnal number ends the name: "Benoît XVI", "Louis XIV".
        if gp == Gap::Space && t.upper && is_roman(text, t) {
            hyphens_only = false;
            e += 1;
            break;
        }
        if cx.name_tok(e) && !cx.not_name(&t.folded) {
            hyphens_only &= gp == Gap::Hyphen;
            e += 1;
            continue;
        }
        // A lower-case particle between two capitalised words ("Bachar el-Assad").
        if !t.cap
            && cx.is_particle(&t.folded)
            && e + 1 < n
            && cx.name_tok(e + 1)
            && cx.joinable(e, e + 1) != Gap::Break
            && cx.gaz[e + 1].is_none()
        {
            hyphens_only = false;
            e += 2;
            continue;
        }
        break;
    }
    let run_head = s;
    // "à la Défense Paul Martin": after an article, a capitalised common noun heads the run.
    let after_article = s > 0
        && cx.joinable(s - 1, s) != Gap::Break
        && cx.any(|l| l.articles, &cx.toks[s - 1].folded);
    if after_article
        && title.is_none()
        && e - s >= 3
        && !(s..e).any(|k| cx.is_org_word(&cx.toks[k].folded))
        && cx.joinable(s, s + 1) == Gap::Space
        && cx.toks[s + 1].cap
    {
        s += 1;
    }
    // "le maire de Lyon": what the role is of, not the person (computed before any head is
    // dropped below: a shifted run is a title word then a name, and is typed as before). Seen
    // from the first name word: in "le procureur de la République Jean Dupont" the skipped
    // title word separates the role from the name.
    let complement = if title.is_none() && s == run_head {
        role_complement(cx, s)
    } else {
        None
    };
    let first = &cx.toks[s];
    let words = e - s;
    // "Poutine-Lavrov-Kerry": three or more names joined by hyphens are separate names.
    if words >= 3 && hyphens_only && title.is_none() {
        for k in s..e {
            let t = &cx.toks[k];
            out.push(mention(text, t.start, t.end, EntityKind::Misc));
        }
        return e;
    }
    if words == 1 && title.is_none() {
        let starts =
            sentence_start(text, first) || (s > 0 && s > i && sentence_start(text, &cx.toks[i]));
        if cx.not_name(&first.folded)
            || (starts && !cx.cap_inside.contains(&first.folded))
            || first.folded.chars().count() < 2
        {
            return e;
        }
    }
    let start = title.map_or(first.start, |t| cx.toks[t].start);
    let end = possessive_free(text, cx.toks[e - 1].start, cx.toks[e - 1].end);
    let has_org = (s..e).any(|k| cx.is_org_word(&cx.toks[k].folded));
    if let (Some(article), false) = (complement, has_org) {
        let chunks = name_chunks(cx, s, e);
        // "le maire de la Ville Nouvelle Marc Blanc", "la présidente de Haute-Sarve Claire Morin": a
        // complement that is a thing (an article, a hyphenated place) then a person's two names.
        if chunks.len() >= 3 && (article || chunks[1] - s >= 2) {
            let cut = chunks[chunks.len() - 2];
            let place_end = cx.toks[cut - 1].end;
            out.push(mention(text, start, place_end, EntityKind::Misc));
            let first_name = cx.toks[cut].start;
            out.push(mention(text, first_name, end, EntityKind::Person));
            return e;
        }
        // One name, or a run after an article, is the complement; two names with no article
        // ("l'avocat de Marie Lefort") are still a person.
        let kind = if chunks.len() >= 2 && !article {
            EntityKind::Person
        } else {
            EntityKind::Misc
        };
        out.push(mention(text, start, end, kind));
        return e;
    }
    let kind = if title.is_some() {
        EntityKind::Person
    } else if has_org {
        EntityKind::Organisation
    } else if words >= 2 || role || (!after_article && role_before(cx, s)) {
        EntityKind::Person
    } else {
        EntityKind::Misc
    };
    out.push(mention(text, start, end, kind));
    e
}

/// Whether the run starting at token `s` is the complement of a role noun: a role ("maire",
/// "procureur", "mayor"), at most one more word ("démocrate", "général"), then a role link
/// ("de", "d'", "of"), possibly followed by an article ("de la", "of the"), or a fused link
/// ("du", "des"), all in one clause. `Some(true)` when the link holds an article: the
/// complement is then a thing, as names of persons take none.
fn role_complement(cx: &Ctx, s: usize) -> Option<bool> {
    let word = |k: usize| cx.toks[k].folded.as_str();
    let linked = |k: usize| !cx.toks[k].cap && cx.joinable(k, k + 1) != Gap::Break;
    let mut k = s;
    let mut article = false;
    if k == 0 || !linked(k - 1) {
        return None;
    }
    if cx.any(|l| l.fused_links, word(k - 1)) {
        article = true;
        k -= 1;
    } else {
        if cx.any(|l| l.articles, word(k - 1)) && !cx.is_role_link(word(k - 1)) {
            article = true;
            k -= 1;
            if k == 0 || !linked(k - 1) {
                return None;
            }
        }
        if !cx.is_role_link(word(k - 1)) {
            return None;
        }
        k -= 1;
    }
    // The role, right before the link or one word before it.
    let role_at = |h: usize| cx.joinable(h, h + 1) != Gap::Break && cx.is_role(word(h));
    let near = k > 0 && role_at(k - 1);
    let one_more = k > 1 && !near && role_at(k - 2) && !is_stopword(cx.lang, word(k - 1));
    (near || one_more).then_some(article)
}

/// The first token of each name of the run `s..e`: a new name starts after a space, except
/// right after a particle ("Jean-Paul de Gaudemar" is two names).
fn name_chunks(cx: &Ctx, s: usize, e: usize) -> Vec<usize> {
    let mut starts = vec![s];
    for k in s + 1..e {
        if cx.joinable(k - 1, k) == Gap::Space && !cx.is_particle(&cx.toks[k - 1].folded) {
            starts.push(k);
        }
    }
    starts
}

/// Whether a role noun ("porte-parole", "ministre") comes shortly before token `s` in the same
/// sentence.
fn role_before(cx: &Ctx, s: usize) -> bool {
    let lo = s.saturating_sub(5);
    (lo..s).rev().any(|k| {
        cx.is_role(&cx.toks[k].folded)
            || cx.toks[k]
                .folded
                .split('-')
                .any(|p| cx.is_role(p) && p.len() > 3)
    })
}

/// Turns "Observatoire syrien des droits de l’homme (OSDH)" into one mention for the long form,
/// when the initials of its content words spell the acronym in parentheses.
fn define_long_forms(cx: &Ctx, out: &mut Vec<Mention>) {
    let text = cx.text;
    let mut adds = Vec::new();
    for m in out.iter() {
        if !m
            .surface
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase())
        {
            continue;
        }
        let before = text[..m.start].trim_end();
        let Some(before) = before.strip_suffix('(') else {
            continue;
        };
        let before = before.trim_end();
        let acr = crate::text::fold(&m.surface);
        // Tokens ending at `before`.
        let end_idx = cx.toks.partition_point(|t| t.end <= before.len());
        if end_idx == 0 || cx.toks[end_idx - 1].end != before.len() {
            continue;
        }
        for k in (end_idx.saturating_sub(12)..end_idx).rev() {
            if (k + 1..end_idx).any(|x| cx.joinable(x - 1, x) == Gap::Break) {
                break;
            }
            if !cx.toks[k].cap {
                continue;
            }
            let initials: String = (k..end_idx)
                .map(|x| &cx.toks[x].folded)
                .filter(|w| !is_stopword(cx.lang, w) && !w.ends_with('\''))
                .filter_map(|w| w.chars().next())
                .collect();
            if initials == acr && (end_idx - k) >= 2 {
                adds.push((cx.toks[k].start, before.len()));
                break;
            }
        }
    }
    let spans = long_form_spans(out, adds);
    if spans.is_empty() {
        return;
    }
    // `spans` are sorted and apart: a mention overlaps one when it overlaps the last span that
    // starts before its end.
    out.retain(|m| {
        let k = spans.partition_point(|&(s, _)| s < m.end);
        k == 0 || spans[k - 1].1 <= m.start
    });
    out.extend(
        spans
            .iter()
            .map(|&(s, e)| mention(text, s, e, EntityKind::Organisation)),
    );
    out.sort_by_key(|m| (m.start, m.end));
}

/// The long forms to add, in text order and apart: a long form already a mention is not added,
/// and of two that overlap the later one wins (as if each replaced what it overlaps in turn).
fn long_form_spans(out: &[Mention], adds: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let existing: std::collections::HashSet<(usize, usize)> =
        out.iter().map(|m| (m.start, m.end)).collect();
    let mut kept: Vec<(usize, usize)> = Vec::with_capacity(adds.len());
    let mut first_kept_start = usize::MAX;
    for (s, e) in adds.into_iter().rev() {
        if existing.contains(&(s, e)) || first_kept_start < e {
            continue;
        }
        first_kept_start = first_kept_start.min(s);
        kept.push((s, e));
    }
    kept.reverse();
    kept.sort_unstable();
    kept
}

/// Whether `w` is in one lexicon list: the lists of [`super::lexicon::LEXICONS`] are looked up
/// for every token, so they are indexed as sets once per process.
fn in_list(list: &'static [&'static str], w: &str) -> bool {
    static SETS: OnceLock<ListSets> = OnceLock::new();
    SETS.get_or_init(|| {
        ListSets::new(super::lexicon::LEXICONS.iter().flat_map(|l| {
            [
                l.civil_titles,
                l.roles,
                l.org_words,
                l.particles,
                l.compass,
                l.articles,
                l.role_links,
                l.fused_links,
                l.not_names,
            ]
        }))
    })
    .contains(list, w)
}
