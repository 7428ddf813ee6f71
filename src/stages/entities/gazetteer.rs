//! The gazetteer: places and major institutions with their French and English names and their
//! variants (transliterations, acronyms, descriptions), read once from `gazetteer.tsv`.
//!
//! People are never listed: they are found and merged by rules.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::EntityKind;
use crate::text::tokenize;

/// The data file, one entry a line: kind, French name, English name, `|`-separated aliases.
const DATA: &str = include_str!("gazetteer.tsv");

/// One gazetteer entry.
#[derive(Debug)]
pub struct Entry {
    /// PER never occurs; ORG, LOC or MISC.
    pub kind: EntityKind,
    /// Canonical name in French.
    pub fr: &'static str,
    /// Canonical name in English.
    pub en: &'static str,
}

impl Entry {
    /// The canonical name to use for a batch whose main language is `lang` (French for French,
    /// English otherwise).
    pub fn canonical(&self, lang: &str) -> &'static str {
        if lang == "fr" {
            self.fr
        } else {
            self.en
        }
    }
}

/// How an alias must be written in the text to match, decided by how it is written in the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Every letter upper case ("US", "EI").
    Upper,
    /// First letter upper case ("Etat islamique").
    Capital,
    /// Any case (descriptions such as "département américain de la Défense").
    Any,
}

/// One alias: its folded tokens, entry and case rule.
#[derive(Debug)]
pub struct Alias {
    /// Folded tokens.
    pub tokens: Vec<String>,
    /// Index into [`Gazetteer::entries`].
    pub entry: usize,
    /// Case rule.
    pub case: Case,
}

/// The parsed gazetteer with a lookup by first token and by whole folded key.
pub struct Gazetteer {
    /// Entries in file order; the index is the entry id.
    pub entries: Vec<Entry>,
    /// Aliases by first folded token, longest first.
    by_first: HashMap<String, Vec<Alias>>,
    /// Entry by the folded tokens of an alias joined with spaces.
    by_key: HashMap<String, (usize, Case)>,
}

fn case_of(alias: &str) -> Case {
    let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        Case::Upper
    } else if letters.first().is_some_and(|c| c.is_uppercase()) {
        Case::Capital
    } else {
        Case::Any
    }
}

fn kind_of(s: &str) -> EntityKind {
    match s {
        "ORG" => EntityKind::Organisation,
        "LOC" => EntityKind::Location,
        "PER" => EntityKind::Person,
        _ => EntityKind::Misc,
    }
}

/// The lookup key of a name: its folded tokens joined with spaces.
pub fn key_of(name: &str) -> String {
    tokenize(name)
        .into_iter()
        .map(|t| t.folded)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Gazetteer {
    fn parse(data: &'static str) -> Self {
        let mut entries = Vec::new();
        let mut by_first: HashMap<String, Vec<Alias>> = HashMap::new();
        let mut by_key = HashMap::new();
        for line in data.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 3 {
                continue;
            }
            let id = entries.len();
            entries.push(Entry {
                kind: kind_of(cols[0]),
                fr: cols[1],
                en: cols[2],
            });
            let aliases = cols
                .get(3)
                .map(|a| a.split('|').collect::<Vec<_>>())
                .unwrap_or_default();
            for alias in [cols[1], cols[2]].into_iter().chain(aliases) {
                let alias = alias.trim();
                let tokens: Vec<String> = tokenize(alias).into_iter().map(|t| t.folded).collect();
                if tokens.is_empty() {
                    continue;
                }
                let key = tokens.join(" ");
                if by_key.contains_key(&key) {
                    continue;
                }
                by_key.insert(key, (id, case_of(alias)));
                by_first.entry(tokens[0].clone()).or_default().push(Alias {
                    tokens,
                    entry: id,
                    case: case_of(alias),
                });
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|a| std::cmp::Reverse(a.tokens.len()));
        }
        Gazetteer {
            entries,
            by_first,
            by_key,
        }
    }

    /// Aliases starting with a folded token, longest first.
    pub fn starting_with(&self, folded: &str) -> &[Alias] {
        self.by_first.get(folded).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The entry whose alias has exactly this key (see [`key_of`]), ignoring case.
    pub fn lookup_key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).map(|&(id, _)| id)
    }

    /// The entry whose alias has this key and whose case rule the surface `name` follows
    /// ("Us" is not "US").
    pub fn lookup_name(&self, name: &str) -> Option<usize> {
        let &(id, case) = self.by_key.get(&key_of(name))?;
        let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
        let ok = match case {
            Case::Upper => letters.iter().all(|c| c.is_uppercase()),
            Case::Capital => letters.first().is_some_and(|c| c.is_uppercase()),
            Case::Any => true,
        };
        ok.then_some(id)
    }
}

/// The shared gazetteer, parsed on first use.
pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::parse(DATA))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_share_an_entry() {
        let g = gazetteer();
        let a = g.lookup_key(&key_of("Daech")).unwrap();
        assert_eq!(g.lookup_key(&key_of("État islamique")), Some(a));
        assert_eq!(
            g.lookup_key(&key_of("Etats unis")),
            g.lookup_key("etats unis")
        );
        assert_eq!(case_of("US"), Case::Upper);
        assert_eq!(case_of("département américain"), Case::Any);
        assert!(g.entries.len() > 200);
    }
}
