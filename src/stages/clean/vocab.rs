//! Boilerplate vocabulary, one data table per language (a new language is a new table).
//!
//! Every entry is written in the cleaner's word-line form: folded (see [`crate::text::fold`]),
//! words made of letters, digits, `'` and `-`, separated by one space. Lookups use the union of
//! all tables, because pages in one language often carry widgets written in another.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::model::DropReason::{self, *};

/// The cleaning vocabulary of one language.
pub struct CleanVocab {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Whole lines (count words removed) that are boilerplate by themselves ("retour").
    pub exact: &'static [(&'static str, DropReason)],
    /// Phrases that mark a line of any length ("cet article vous a plu").
    pub strong: &'static [(&'static str, DropReason)],
    /// Phrases that mark a short line wherever they occur in it ("powered by").
    pub weak: &'static [(&'static str, DropReason)],
    /// Phrases that mark a short line when it starts with them (imperatives: "achetez").
    pub lead: &'static [(&'static str, DropReason)],
    /// Headings of a reader-comment section, possibly with a count ("3 commentaires").
    pub comment_headings: &'static [&'static str],
    /// Last word of a commenter line ending with a colon ("X says:").
    pub commenter_verbs: &'static [&'static str],
    /// First word of a source line ("Source: …").
    pub source_words: &'static [&'static str],
    /// Words that may sit beside a date on a timestamp line ("publie", "updated").
    pub date_words: &'static [&'static str],
}

/// French vocabulary.
pub static FR: CleanVocab = CleanVocab {
    code: "fr",
    exact: &[
        ("retour", Navigation),
        ("accueil", Navigation),
        ("menu", Navigation),
        ("rechercher", Navigation),
        ("recherche", Navigation),
        ("fil d'actu", Navigation),
        ("fil d'actualite", Navigation),
        ("fil info", Navigation),
        ("video du jour", Navigation),
        ("haut de page", Navigation),
        ("chat", Navigation),
        ("loader", Navigation),
        ("chargement", Navigation),
        ("plus d'articles", Teaser),
        ("a lire aussi", Teaser),
        ("lire aussi", Teaser),
        ("lire la suite", Teaser),
        ("voir aussi", Teaser),
        ("sur le meme sujet", Teaser),
        ("les plus lus", Teaser),
        ("partager", Widget),
        ("partagez", Widget),
        ("imprimer", Widget),
        ("envoyer", Widget),
        ("tweeter", Widget),
        ("j'aime", Widget),
        ("suivez-nous", Widget),
        ("publicite", Widget),
        ("s'abonner", Subscription),
        ("abonnez-vous", Subscription),
        ("se connecter", Subscription),
        ("connexion", Subscription),
        ("newsletter", Subscription),
        ("faire un don", Subscription),
    ],
    strong: &[
        ("cet article vous a plu", Subscription),
        ("merci de votre soutien", Subscription),
        ("abonnez-vous", Subscription),
        ("creez-vous un compte", Subscription),
        ("identifiez-vous ou", Subscription),
        ("faites un don", Subscription),
        ("soutenez-nous", Subscription),
        ("inscrivez-vous a notre newsletter", Subscription),
        ("tous droits reserves", Credit),
        ("partager sur facebook", Widget),
        ("partager sur twitter", Widget),
    ],
    weak: &[
        ("s'abonner", Subscription),
        ("soutenez", Subscription),
        ("achetez", Subscription),
        ("identifiez-vous", Subscription),
        ("connectez-vous", Subscription),
        ("inscrivez-vous", Subscription),
        ("newsletter", Subscription),
        ("plus d'articles", Teaser),
        ("video du jour", Navigation),
        ("fil d'actu", Navigation),
    ],
    lead: &[
        ("retrouvez", Teaser),
        ("decouvrez", Teaser),
        ("lire aussi", Teaser),
        ("a lire aussi", Teaser),
        ("voir aussi", Teaser),
        ("partagez", Widget),
        ("partager sur", Widget),
        ("suivez-nous", Widget),
        ("telechargez", Subscription),
        ("cliquez", Widget),
        ("abonnez", Subscription),
        ("credit photo", ImageCredit),
        ("credits photo", ImageCredit),
    ],
    comment_headings: &[
        "commentaires",
        "commentaire",
        "reagir",
        "laisser un commentaire",
        "ajouter un commentaire",
    ],
    commenter_verbs: &["dit", "ecrit", "repond", "a ecrit"],
    source_words: &["source", "sources"],
    date_words: &[
        "le", "a", "h", "publie", "mis", "jour", "modifie", "mise", "par", "heure", "heures",
    ],
};

/// English vocabulary.
pub static EN: CleanVocab = CleanVocab {
    code: "en",
    exact: &[
        ("back", Navigation),
        ("home", Navigation),
        ("menu", Navigation),
        ("search", Navigation),
        ("loading", Navigation),
        ("skip to content", Navigation),
        ("back to top", Navigation),
        ("latest news", Navigation),
        ("top stories", Teaser),
        ("read more", Teaser),
        ("related", Teaser),
        ("related articles", Teaser),
        ("related stories", Teaser),
        ("more stories", Teaser),
        ("see also", Teaser),
        ("most read", Teaser),
        ("share", Widget),
        ("share this", Widget),
        ("share this article", Widget),
        ("tweet", Widget),
        ("print", Widget),
        ("email", Widget),
        ("follow us", Widget),
        ("advertisement", Widget),
        ("sponsored", Widget),
        ("subscribe", Subscription),
        ("subscribe now", Subscription),
        ("sign in", Subscription),
        ("sign up", Subscription),
        ("log in", Subscription),
        ("login", Subscription),
        ("donate", Subscription),
    ],
    strong: &[
        ("all rights reserved", Credit),
        ("subscribe to our newsletter", Subscription),
        ("sign up for our newsletter", Subscription),
        ("support our journalism", Subscription),
        ("did you enjoy this article", Subscription),
        ("you must be logged in", Subscription),
        ("click here to", Widget),
        ("share this article", Widget),
        ("share on facebook", Widget),
        ("share on twitter", Widget),
    ],
    weak: &[
        ("powered by", Widget),
        ("newsletter", Subscription),
        ("subscribe now", Subscription),
        ("sign up", Subscription),
        ("log in", Subscription),
    ],
    lead: &[
        ("read more", Teaser),
        ("read also", Teaser),
        ("see also", Teaser),
        ("related", Teaser),
        ("subscribe", Subscription),
        ("donate", Subscription),
        ("share", Widget),
        ("follow us", Widget),
        ("click", Widget),
        ("download our", Subscription),
        ("photo credit", ImageCredit),
        ("image credit", ImageCredit),
    ],
    comment_headings: &[
        "comments",
        "comment",
        "responses",
        "leave a reply",
        "leave a comment",
        "add a comment",
        "join the discussion",
    ],
    commenter_verbs: &["says", "said", "wrote", "writes", "replied"],
    source_words: &["source", "sources"],
    date_words: &[
        "on",
        "at",
        "am",
        "pm",
        "published",
        "updated",
        "posted",
        "last",
        "gmt",
        "utc",
        "by",
        "est",
        "edt",
        "cst",
        "cdt",
        "pst",
        "pdt",
        "bst",
        "ist",
        "cet",
        "cest",
        "et",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ],
};

/// Every language with a cleaning vocabulary.
pub const VOCABS: &[&CleanVocab] = &[&FR, &EN];

/// The union of every table, indexed for lookups.
pub struct Lexicon {
    /// Whole-line entries.
    pub exact: HashMap<&'static str, DropReason>,
    /// Any-length phrases.
    pub strong: HashMap<&'static str, DropReason>,
    /// Short-line phrases.
    pub weak: HashMap<&'static str, DropReason>,
    /// Line-start phrases.
    pub lead: HashMap<&'static str, DropReason>,
    /// Longest phrase, in words.
    pub max_words: usize,
    /// Comment headings.
    pub comment_headings: HashSet<&'static str>,
    /// Commenter verbs.
    pub commenter_verbs: HashSet<&'static str>,
    /// Source words.
    pub source_words: HashSet<&'static str>,
    /// Date companion words.
    pub date_words: HashSet<&'static str>,
}

/// The lexicon built once from [`VOCABS`].
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut lex = Lexicon {
            exact: HashMap::new(),
            strong: HashMap::new(),
            weak: HashMap::new(),
            lead: HashMap::new(),
            max_words: 1,
            comment_headings: HashSet::new(),
            commenter_verbs: HashSet::new(),
            source_words: HashSet::new(),
            date_words: HashSet::new(),
        };
        for v in VOCABS {
            for (table, map) in [
                (v.exact, &mut lex.exact),
                (v.strong, &mut lex.strong),
                (v.weak, &mut lex.weak),
                (v.lead, &mut lex.lead),
            ] {
                for &(p, r) in table {
                    map.entry(p).or_insert(r);
                    lex.max_words = lex.max_words.max(p.split(' ').count());
                }
            }
            lex.comment_headings.extend(v.comment_headings);
            lex.commenter_verbs.extend(v.commenter_verbs);
            lex.source_words.extend(v.source_words);
            lex.date_words.extend(v.date_words);
        }
        lex
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Entries must already be in word-line form, or they could never match.
    #[test]
    fn entries_are_folded_word_lines() {
        for v in VOCABS {
            let all = v
                .exact
                .iter()
                .chain(v.strong)
                .chain(v.weak)
                .chain(v.lead)
                .map(|(p, _)| *p)
                .chain(v.comment_headings.iter().copied());
            for p in all {
                assert_eq!(super::super::word_line(&crate::text::fold(p)).0, p, "{p}");
            }
        }
    }
}
