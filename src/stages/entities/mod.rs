//! Entities: mentions of people, organisations and places, and their corpus-wide canonical names.
//!
//! Mentions are found without a model (see [`mentions`]): gazetteer phrases, capitalised runs,
//! acronyms and acronym-defined long forms. [`resolve`] then merges variants across the batch:
//! - accent and case folding, hyphen = space, name particles (el/al/de…) ignored for matching;
//! - gazetteer aliases (translations, transliterations, acronyms, descriptions);
//! - acronyms defined in the text ("Observatoire … (OSDH)", "Etat islamique-EI", "(EI, Daech)");
//! - civil titles and initials stripped ("M. Peskov", "M.Cook");
//! - a bare surname goes to the person of the same article with that surname, else to the only
//!   person of the batch with that surname; when two people share it, it stays unresolved.
//!
//! Canonical names: the gazetteer name in the batch's main language (French when most articles are
//! French, English otherwise), else the most frequent full form of the group (ties: first seen).

pub mod gazetteer;
pub mod lexicon;
pub mod mentions;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::model::{CleanArticle, Entity, EntityKind, Mention};
use crate::text::{fold, tokenize};
use gazetteer::gazetteer;
use lexicon::{lexicons_for, EntityLexicon};

/// Finds the entity mentions of one article (people, organisations, places; byte spans into the
/// clean text).
pub fn extract_mentions(article: &CleanArticle) -> Vec<Mention> {
    mentions::extract(article)
}

/// How a mention is matched before surnames and acronyms are resolved.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    /// A gazetteer entry.
    Gaz(usize),
    /// A person's full name (folded tokens without particles).
    Person(Vec<String>),
    /// One word that may be a surname: (optional initial, word).
    Single(Option<char>, String),
    /// Any other name (folded tokens without particles).
    Name(Vec<String>),
}

impl Key {
    fn id(&self) -> String {
        match self {
            Key::Gaz(i) => format!("g:{i}"),
            Key::Person(t) => format!("p:{}", t.join(" ")),
            Key::Single(_, w) => format!("n:{w}"),
            Key::Name(t) => format!("n:{}", t.join(" ")),
        }
    }
}

/// The name part of a mention: civil title removed ("M. Peskov" → "Peskov").
fn strip_title<'a>(surface: &'a str, lexs: &[&EntityLexicon]) -> &'a str {
    let trimmed = surface.trim();
    for (i, c) in trimmed.char_indices() {
        if c == '.' || c == ' ' {
            let head = fold(&trimmed[..i]);
            if lexs.iter().any(|l| l.civil_titles.contains(&head.as_str())) {
                let rest = trimmed[i + 1..].trim_start_matches(['.', ' ']);
                if !rest.is_empty() {
                    return rest;
                }
            }
            break;
        }
    }
    trimmed
}

fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// The matching key of one mention.
fn key_of(m: &Mention, lexs: &[&EntityLexicon]) -> Key {
    let g = gazetteer();
    let name = strip_title(&m.surface, lexs);
    if let Some(id) = g.lookup_name(name) {
        return Key::Gaz(id);
    }
    let mut toks: Vec<String> = tokenize(name).into_iter().map(|t| t.folded).collect();
    // "Alep-Est" is a part of "Alep".
    if toks.len() >= 2
        && lexs
            .iter()
            .any(|l| l.compass.contains(&toks[toks.len() - 1].as_str()))
    {
        let base = toks[..toks.len() - 1].join(" ");
        if let Some(id) = g.lookup_key(&base) {
            return Key::Gaz(id);
        }
        toks.pop();
    }
    let is_particle = |w: &str| w.ends_with('\'') || lexs.iter().any(|l| l.particles.contains(&w));
    let mut words: Vec<String> = toks.into_iter().filter(|w| !is_particle(w)).collect();
    if words.is_empty() {
        words.push(fold(name));
    }
    if is_acronym(name) {
        return Key::Name(words);
    }
    if words.len() == 1 {
        return Key::Single(None, words.pop().unwrap_or_default());
    }
    if words.len() == 2 && words[0].chars().count() == 1 {
        let initial = words[0].chars().next();
        return Key::Single(initial, words.pop().unwrap_or_default());
    }
    if m.kind == EntityKind::Person {
        Key::Person(words)
    } else {
        Key::Name(words)
    }
}

/// Union-find over string ids, deterministic given the order of calls.
#[derive(Default)]
struct Groups {
    index: HashMap<String, usize>,
    parent: Vec<usize>,
}

impl Groups {
    fn id(&mut self, key: &str) -> usize {
        if let Some(&i) = self.index.get(key) {
            return i;
        }
        let i = self.parent.len();
        self.parent.push(i);
        self.index.insert(key.to_string(), i);
        i
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller id (first seen) stays the root.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

/// The surname key of a person's full name: its last word.
fn surname(words: &[String]) -> &str {
    words.last().map(String::as_str).unwrap_or("")
}

/// Pairs (long form, acronym) defined in an article: "Long Form (ACR", "(ACR, Alias", "Long-ACR".
fn acronym_bindings(text: &str, ms: &[Mention]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 1..ms.len() {
        let (a, b) = (&ms[i - 1], &ms[i]);
        if a.end > b.start {
            continue;
        }
        let between = text[a.end..b.start].trim();
        let acr = is_acronym(&b.surface);
        if (between == "(" || between == "-") && acr && initials_match(&a.surface, &b.surface) {
            out.push((i - 1, i));
            // "(EI, Daech)": names listed with the acronym are aliases too.
            let mut k = i + 1;
            while k < ms.len()
                && ms[k - 1].end <= ms[k].start
                && text[ms[k - 1].end..ms[k].start].trim() == ","
            {
                out.push((i - 1, k));
                k += 1;
            }
        }
    }
    out
}

/// Whether the initials of the content words of `long` spell `acr`.
fn initials_match(long: &str, acr: &str) -> bool {
    let initials: String = tokenize(long)
        .into_iter()
        .filter(|t| {
            !crate::text::is_stopword("fr", &t.folded) && !crate::text::is_stopword("en", &t.folded)
        })
        .filter(|t| !t.folded.ends_with('\''))
        .filter_map(|t| t.folded.chars().next())
        .collect();
    initials.len() >= 2 && initials == fold(acr).replace('.', "")
}

/// Groups each article's mentions into entities with canonical names shared across the batch.
pub fn resolve(articles: &[CleanArticle], mentions: &[Vec<Mention>]) -> Vec<Vec<Entity>> {
    let batch_lang = batch_language(articles);
    let keys = mention_keys(articles, mentions);
    let by_surname = people_by_surname(&keys);
    let (mut groups, ids, person_word) = group_mentions(&keys, &by_surname);
    bind_acronyms(articles, mentions, &ids, &mut groups);
    let gaz_of = gazetteer_of_groups(&keys, &ids, &mut groups);
    let stats = group_stats(articles, mentions, &ids, &person_word, &mut groups);
    let names = name_groups(&stats, &gaz_of, batch_lang);
    let junk = lone_common_nouns(articles, &stats, &gaz_of);
    entities_per_article(mentions, &ids, &mut groups, &names, &junk)
}

/// The main language of the batch ("fr" when at least half the articles are French, else "en"):
/// it picks the gazetteer column used for canonical names, so one entity gets one name across
/// the batch.
fn batch_language(articles: &[CleanArticle]) -> &'static str {
    let mut langs: BTreeMap<&str, usize> = BTreeMap::new();
    for a in articles {
        *langs.entry(a.language.as_str()).or_default() += 1;
    }
    let fr = langs.get("fr").copied().unwrap_or(0);
    if fr * 2 >= articles.len() && fr > 0 {
        "fr"
    } else {
        "en"
    }
}

/// Step 1: the matching key of every mention, with the lexicon of its article's language, so
/// that variants of one name (case, accents, titles, particles, gazetteer aliases) share a key.
fn mention_keys(articles: &[CleanArticle], mentions: &[Vec<Mention>]) -> Vec<Vec<Key>> {
    articles
        .par_iter()
        .zip(mentions)
        .map(|(a, ms)| {
            let lexs = lexicons_for(&a.language);
            ms.iter().map(|m| key_of(m, &lexs)).collect()
        })
        .collect()
}

/// Step 2: the full names of the batch's people by surname, so a bare surname of one article can
/// go to the only person of the batch who bears it.
fn people_by_surname(keys: &[Vec<Key>]) -> HashMap<&str, BTreeSet<&[String]>> {
    let mut by_surname: HashMap<&str, BTreeSet<&[String]>> = HashMap::new();
    for ks in keys {
        for k in ks {
            if let Key::Person(w) = k {
                by_surname
                    .entry(surname(w))
                    .or_default()
                    .insert(w.as_slice());
            }
        }
    }
    by_surname
}

/// Step 3: resolves single words (surnames, "J. Trump") to a person of the same article, else to
/// the only person of the batch with that surname, and gives every mention a group id. Returns
/// the groups, the group id of each mention, and whether each mention names a person (a full
/// name, a resolved surname or an initial + surname), which later fixes the group's kind.
///
/// The group key of each mention is computed per article in parallel; ids are then given in
/// article order, so they do not depend on scheduling.
fn group_mentions(
    keys: &[Vec<Key>],
    by_surname: &HashMap<&str, BTreeSet<&[String]>>,
) -> (Groups, Vec<Vec<usize>>, Vec<Vec<bool>>) {
    let resolved: Vec<(Vec<String>, Vec<bool>)> = keys
        .par_iter()
        .map(|ks| {
            let mut local: BTreeMap<&str, BTreeSet<&[String]>> = BTreeMap::new();
            for k in ks {
                if let Key::Person(w) = k {
                    local.entry(surname(w)).or_default().insert(w.as_slice());
                }
            }
            let mut row = Vec::with_capacity(ks.len());
            let mut pw = Vec::with_capacity(ks.len());
            for k in ks {
                let key = match k {
                    Key::Single(initial, w) => {
                        let fits = |p: &&&[String]| {
                            initial
                                .is_none_or(|c| p.first().and_then(|f| f.chars().next()) == Some(c))
                        };
                        let here: Vec<&[String]> = local
                            .get(w.as_str())
                            .map(|s| s.iter().copied().filter(|p| fits(&p)).collect())
                            .unwrap_or_default();
                        let there: Vec<&[String]> = by_surname
                            .get(w.as_str())
                            .map(|s| s.iter().copied().filter(|p| fits(&p)).collect())
                            .unwrap_or_default();
                        let chosen = match (here.len(), there.len()) {
                            (1, _) => Some(here[0]),
                            (0, 1) => Some(there[0]),
                            _ => None,
                        };
                        pw.push(chosen.is_some() || initial.is_some());
                        match chosen {
                            Some(p) => Key::Person(p.to_vec()).id(),
                            None => k.id(),
                        }
                    }
                    Key::Person(_) => {
                        pw.push(true);
                        k.id()
                    }
                    _ => {
                        pw.push(false);
                        k.id()
                    }
                };
                row.push(key);
            }
            (row, pw)
        })
        .collect();
    let mut groups = Groups::default();
    let mut ids: Vec<Vec<usize>> = Vec::with_capacity(keys.len());
    let mut person_word = Vec::with_capacity(keys.len());
    for (row, pw) in resolved {
        ids.push(row.iter().map(|k| groups.id(k)).collect());
        person_word.push(pw);
    }
    (groups, ids, person_word)
}

/// Step 4: acronyms defined in an article ("Long Form (ACR)", "Long-ACR") join the group of their
/// long form, so the acronym and the long form are one entity across the batch.
fn bind_acronyms(
    articles: &[CleanArticle],
    mentions: &[Vec<Mention>],
    ids: &[Vec<usize>],
    groups: &mut Groups,
) {
    let bindings: Vec<Vec<(usize, usize)>> = articles
        .par_iter()
        .zip(mentions)
        .map(|(a, ms)| acronym_bindings(&a.text, ms))
        .collect();
    for (pairs, row) in bindings.iter().zip(ids) {
        for &(l, s) in pairs {
            groups.union(row[l], row[s]);
        }
    }
}

/// The gazetteer entry of each group root, if any of its mentions is one (the lowest entry when
/// several are): gazetteer entries win for the canonical name and kind.
fn gazetteer_of_groups(
    keys: &[Vec<Key>],
    ids: &[Vec<usize>],
    groups: &mut Groups,
) -> Vec<Option<usize>> {
    let n = groups.parent.len();
    let mut gaz_of: Vec<Option<usize>> = vec![None; n];
    for (ks, row) in keys.iter().zip(ids) {
        for (k, &id) in ks.iter().zip(row) {
            if let Key::Gaz(e) = k {
                let r = groups.find(id);
                gaz_of[r] = Some(gaz_of[r].map_or(*e, |x: usize| x.min(*e)));
            }
        }
    }
    gaz_of
}

/// What the mentions of one group say about it: its written forms, its mentions' kinds, and
/// whether any mention names a person.
#[derive(Default)]
struct Stats {
    /// Written form (title stripped) → (count, order of first appearance in the batch).
    forms: BTreeMap<String, (usize, usize)>,
    /// Mentions per kind, indexed by [`kind_index`].
    kinds: [usize; 4],
    /// Whether a mention of the group names a person.
    person: bool,
}

/// Step 5a: the forms, kinds and person flag of every group root, counted over the batch in
/// article order, as the material of canonical names and kinds.
fn group_stats(
    articles: &[CleanArticle],
    mentions: &[Vec<Mention>],
    ids: &[Vec<usize>],
    person_word: &[Vec<bool>],
    groups: &mut Groups,
) -> HashMap<usize, Stats> {
    let mut stats: HashMap<usize, Stats> = HashMap::new();
    let mut order = 0usize;
    let forms: Vec<Vec<&str>> = articles
        .par_iter()
        .zip(mentions)
        .map(|(a, ms)| {
            let lexs = lexicons_for(&a.language);
            ms.iter().map(|m| strip_title(&m.surface, &lexs)).collect()
        })
        .collect();
    for (((fs, ms), row), pw) in forms.iter().zip(mentions).zip(ids).zip(person_word) {
        for (((m, form), &id), &is_p) in ms.iter().zip(fs).zip(row).zip(pw) {
            let r = groups.find(id);
            let st = stats.entry(r).or_default();
            let e = st.forms.entry(form.to_string()).or_insert((0, order));
            e.0 += 1;
            order += 1;
            st.kinds[kind_index(m.kind)] += 1;
            st.person |= is_p;
        }
    }
    stats
}

/// Step 5b: the canonical name and kind of every group. A gazetteer group takes the entry's name
/// in the batch language and its kind; another group takes its fullest form (not an acronym, two
/// words for a person, a first name before an initial), then its most frequent, then the first
/// seen; its kind is person when a mention names a person, else its most frequent mention kind.
fn name_groups(
    stats: &HashMap<usize, Stats>,
    gaz_of: &[Option<usize>],
    batch_lang: &str,
) -> HashMap<usize, (String, EntityKind)> {
    let g = gazetteer();
    let named: Vec<(usize, (String, EntityKind))> = stats
        .par_iter()
        .map(|(&r, st)| {
            let (name, kind) = if let Some(e) = gaz_of[r] {
                let entry = &g.entries[e];
                (entry.canonical(batch_lang).to_string(), entry.kind)
            } else {
                let best = st
                    .forms
                    .iter()
                    .max_by(|(fa, (ca, oa)), (fb, (cb, ob))| {
                        let full = |f: &str| {
                            (
                                !is_acronym(f),
                                tokenize(f).len().min(if st.person { 2 } else { 1 }),
                                // "Donald Trump" before "J. Trump"
                                !f.split_whitespace().next().is_some_and(|w| {
                                    w.ends_with('.')
                                        && w.chars().filter(|c| c.is_alphabetic()).count() == 1
                                }),
                            )
                        };
                        full(fa).cmp(&full(fb)).then(ca.cmp(cb)).then(ob.cmp(oa))
                    })
                    .map(|(f, _)| f.clone())
                    .unwrap_or_default();
                let kind = if st.person {
                    EntityKind::Person
                } else {
                    let k = (0..3)
                        .filter(|&i| st.kinds[i] > 0)
                        .max_by_key(|&i| (st.kinds[i], 3 - i));
                    k.map_or(EntityKind::Misc, kind_from_index)
                };
                (best, kind)
            };
            (r, (name, kind))
        })
        .collect();
    named.into_iter().collect()
}

/// Step 6: lone capitalised common nouns ("Défense", "Centre", "Affaires"). A group written only
/// as one word, neither a person nor a gazetteer entry nor an acronym, whose word the batch also
/// writes in lower case, is a common noun capitalised at a sentence start or in a title, not an
/// entity. Returns the roots of those groups.
fn lone_common_nouns(
    articles: &[CleanArticle],
    stats: &HashMap<usize, Stats>,
    gaz_of: &[Option<usize>],
) -> BTreeSet<usize> {
    let mut candidates: HashMap<String, Vec<usize>> = HashMap::new();
    for (&r, st) in stats {
        if gaz_of[r].is_some() || st.person {
            continue;
        }
        let mut words = st.forms.keys().map(|f| (f, tokenize(f)));
        if words.all(|(f, t)| t.len() == 1 && !is_acronym(f)) {
            for f in st.forms.keys() {
                candidates.entry(fold(f)).or_default().push(r);
            }
        }
    }
    let lower_seen: Vec<HashSet<&str>> = articles
        .par_iter()
        .map(|a| {
            let mut seen = HashSet::new();
            for t in tokenize(&a.text) {
                if a.text[t.start..t.end]
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
                {
                    if let Some((k, _)) = candidates.get_key_value(t.folded.as_str()) {
                        seen.insert(k.as_str());
                    }
                }
            }
            seen
        })
        .collect();
    let mut junk: BTreeSet<usize> = BTreeSet::new();
    for w in lower_seen.iter().flatten() {
        junk.extend(candidates[*w].iter().copied());
    }
    junk
}

/// Step 7: the entities of each article, in order of first appearance, with their mentions'
/// surfaces and spans; groups found to be common nouns are left out. Roots are found once,
/// serially; the articles are then built in parallel.
fn entities_per_article(
    mentions: &[Vec<Mention>],
    ids: &[Vec<usize>],
    groups: &mut Groups,
    names: &HashMap<usize, (String, EntityKind)>,
    junk: &BTreeSet<usize>,
) -> Vec<Vec<Entity>> {
    let roots: Vec<Vec<usize>> = ids
        .iter()
        .map(|row| row.iter().map(|&id| groups.find(id)).collect())
        .collect();
    mentions
        .par_iter()
        .zip(&roots)
        .map(|(ms, row)| {
            let mut ents: Vec<Entity> = Vec::new();
            let mut slot: HashMap<usize, usize> = HashMap::new();
            for (m, &r) in ms.iter().zip(row) {
                if junk.contains(&r) {
                    continue;
                }
                let idx = *slot.entry(r).or_insert_with(|| {
                    let (name, kind) = names[&r].clone();
                    ents.push(Entity {
                        name,
                        kind,
                        mentions: Vec::new(),
                        spans: Vec::new(),
                    });
                    ents.len() - 1
                });
                let e = &mut ents[idx];
                if !e.mentions.contains(&m.surface) {
                    e.mentions.push(m.surface.clone());
                }
                e.spans.push(m.clone());
            }
            ents
        })
        .collect()
}

/// The index of a kind in [`Stats::kinds`].
fn kind_index(k: EntityKind) -> usize {
    match k {
        EntityKind::Person => 0,
        EntityKind::Organisation => 1,
        EntityKind::Location => 2,
        EntityKind::Misc => 3,
    }
}

/// The kind at an index of [`Stats::kinds`].
fn kind_from_index(i: usize) -> EntityKind {
    match i {
        0 => EntityKind::Person,
        1 => EntityKind::Organisation,
        2 => EntityKind::Location,
        _ => EntityKind::Misc,
    }
}
