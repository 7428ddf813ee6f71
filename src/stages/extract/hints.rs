//! Boilerplate vocabulary: class/id tokens and short-block phrases, French and English, mapped to
//! the [`DropReason`] they signal. Generic web and newsroom vocabulary only (no outlet names).

use std::sync::OnceLock;

use crate::model::DropReason;

/// A set of substrings indexed by first byte: finds which ones occur in a short string in one
/// pass over it (class names are checked against ~100 stems on every element of every page).
struct StemSet {
    stems: Vec<&'static str>,
    by_byte: Vec<Vec<u16>>,
}

impl StemSet {
    fn new(stems: impl IntoIterator<Item = &'static str>) -> Self {
        let stems: Vec<&'static str> = stems.into_iter().collect();
        let mut by_byte = vec![Vec::new(); 256];
        for (i, st) in stems.iter().enumerate() {
            if let Some(&b) = st.as_bytes().first() {
                by_byte[b as usize].push(i as u16);
            }
        }
        Self { stems, by_byte }
    }

    /// The lowest index of a stem occurring in `s`.
    fn first(&self, s: &str) -> Option<usize> {
        let b = s.as_bytes();
        let mut best: Option<usize> = None;
        for i in 0..b.len() {
            for &k in &self.by_byte[b[i] as usize] {
                let k = k as usize;
                if best.is_none_or(|x| k < x) && b[i..].starts_with(self.stems[k].as_bytes()) {
                    best = Some(k);
                }
            }
        }
        best
    }
}

struct Sets {
    neg: StemSet,
    pos: StemSet,
    lede: StemSet,
    not_boilerplate: StemSet,
}

fn sets() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| Sets {
        neg: StemSet::new(NEG_STEMS.iter().map(|&(s, _)| s)),
        pos: StemSet::new(POS_STEMS.iter().copied()),
        lede: StemSet::new(LEDE_STEMS.iter().copied()),
        not_boilerplate: StemSet::new(NOT_BOILERPLATE.iter().copied()),
    })
}

/// Class/id stems matched as substrings of the lower-cased class and id attributes (distinctive
/// enough not to match article words).
pub const NEG_STEMS: &[(&str, DropReason)] = &[
    ("comment", DropReason::Comments),
    ("disqus", DropReason::Comments),
    ("forum", DropReason::Comments),
    ("reaction", DropReason::Comments),
    ("replies", DropReason::Comments),
    ("commentaire", DropReason::Comments),
    ("share", DropReason::Widget),
    ("sharing", DropReason::Widget),
    ("social", DropReason::Widget),
    ("partage", DropReason::Widget),
    ("sociaux", DropReason::Widget),
    ("facebook", DropReason::Widget),
    ("twitter", DropReason::Widget),
    ("whatsapp", DropReason::Widget),
    ("linkedin", DropReason::Widget),
    ("toolbar", DropReason::Widget),
    ("widget", DropReason::Widget),
    ("print", DropReason::Widget),
    ("newsletter", DropReason::Newsletter),
    ("subscri", DropReason::Subscription),
    ("abonn", DropReason::Subscription),
    ("paywall", DropReason::Subscription),
    ("premium-banner", DropReason::Subscription),
    ("donat", DropReason::Subscription),
    ("signup", DropReason::Subscription),
    ("sign-up", DropReason::Subscription),
    ("login", DropReason::Subscription),
    ("cookie", DropReason::Cookie),
    ("consent", DropReason::Cookie),
    ("gdpr", DropReason::Cookie),
    ("rgpd", DropReason::Cookie),
    ("related", DropReason::Teaser),
    ("recommend", DropReason::Teaser),
    ("popular", DropReason::Teaser),
    ("trending", DropReason::Teaser),
    ("most-read", DropReason::Teaser),
    ("mostread", DropReason::Teaser),
    ("read-more", DropReason::Teaser),
    ("readmore", DropReason::Teaser),
    ("read-also", DropReason::Teaser),
    ("lire-aussi", DropReason::Teaser),
    ("teaser", DropReason::Teaser),
    ("outbrain", DropReason::Teaser),
    ("taboola", DropReason::Teaser),
    ("promo", DropReason::Teaser),
    ("sponsor", DropReason::Teaser),
    ("advert", DropReason::Teaser),
    ("publicite", DropReason::Teaser),
    ("sidebar", DropReason::Teaser),
    ("navbar", DropReason::Navigation),
    ("navigation", DropReason::Navigation),
    ("breadcrumb", DropReason::Navigation),
    ("fil-ariane", DropReason::Navigation),
    ("pagination", DropReason::Navigation),
    ("menu", DropReason::Navigation),
    ("masthead", DropReason::Navigation),
    ("skip-link", DropReason::Navigation),
    ("footer", DropReason::Footer),
    ("copyright", DropReason::Footer),
    ("caption", DropReason::ImageCredit),
    ("legende", DropReason::ImageCredit),
    ("credit", DropReason::ImageCredit),
    ("byline", DropReason::Credit),
    ("author", DropReason::Credit),
    ("auteur", DropReason::Credit),
    ("signature", DropReason::Credit),
    ("dateline", DropReason::Metadata),
    ("timestamp", DropReason::Metadata),
    ("published", DropReason::Metadata),
    ("post-meta", DropReason::Metadata),
    ("entry-meta", DropReason::Metadata),
    ("article-meta", DropReason::Metadata),
    ("tags", DropReason::Navigation),
];

/// Class/id tokens (split at non-alphanumerics) matched whole.
pub const NEG_TOKENS: &[(&str, DropReason)] = &[
    ("pager", DropReason::Navigation),
    ("nav", DropReason::Navigation),
    ("tag", DropReason::Navigation),
    ("topics", DropReason::Navigation),
    ("ad", DropReason::Teaser),
    ("ads", DropReason::Teaser),
    ("pub", DropReason::Teaser),
    ("more", DropReason::Teaser),
    ("extra", DropReason::Teaser),
    ("meta", DropReason::Metadata),
    ("date", DropReason::Metadata),
    ("time", DropReason::Metadata),
    ("modal", DropReason::Subscription),
    ("popup", DropReason::Subscription),
    ("overlay", DropReason::Subscription),
];

/// Class/id stems of the article body and its parts (positive hints).
pub const POS_STEMS: &[&str] = &[
    "article",
    "content",
    "story",
    "entry",
    "post-body",
    "postbody",
    "post-text",
    "contenu",
    "texte",
    "corps",
    "chapo",
    "standfirst",
    "pullquote",
    "blog-post",
];

/// Class/id stems of a standfirst (the lede paragraph between headline and body, often outside
/// the body's container).
pub const LEDE_STEMS: &[&str] = &[
    "chapo",
    "chapeau",
    "standfirst",
    "teaser-text",
    "teasertext",
    "teaser_text",
    "article-intro",
    "article__intro",
    "article-lead",
    "article__lead",
    "summary",
    "subtitle",
    "subheadline",
    "sub-headline",
    "excerpt",
];

/// Class/id tokens of a standfirst, matched whole.
pub const LEDE_TOKENS: &[&str] = &["lead", "lede", "intro", "deck", "dek", "kicker-text"];

/// Whether class and id attributes (lower-cased) name a standfirst.
pub fn is_lede(attrs: &str) -> bool {
    sets().lede.first(attrs).is_some()
        || attrs
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .any(|t| LEDE_TOKENS.contains(&t))
}

/// Class/id tokens of the article body (positive hints), matched whole.
pub const POS_TOKENS: &[&str] = &["body", "text", "main", "post", "prose", "lead", "intro"];

/// Phrases that, at the start of a short block, mark it as boilerplate (folded: lower case, no
/// accents, `'` apostrophes).
pub const PHRASES_START: &[(&str, DropReason)] = &[
    // English
    ("subscribe", DropReason::Subscription),
    ("sign up", DropReason::Subscription),
    ("log in", DropReason::Subscription),
    ("already a subscriber", DropReason::Subscription),
    ("support our", DropReason::Subscription),
    ("read more", DropReason::Teaser),
    ("read also", DropReason::Teaser),
    ("related:", DropReason::Teaser),
    ("related articles", DropReason::Teaser),
    ("related stories", DropReason::Teaser),
    ("more from", DropReason::Teaser),
    ("more on this", DropReason::Teaser),
    ("recommended", DropReason::Teaser),
    ("see also", DropReason::Teaser),
    ("share this", DropReason::Widget),
    ("share on", DropReason::Widget),
    ("share:", DropReason::Widget),
    ("tweet", DropReason::Widget),
    ("follow us", DropReason::Widget),
    ("comments", DropReason::Comments),
    ("leave a comment", DropReason::Comments),
    ("leave a reply", DropReason::Comments),
    ("add a comment", DropReason::Comments),
    ("we use cookies", DropReason::Cookie),
    ("this website uses cookies", DropReason::Cookie),
    ("this site uses cookies", DropReason::Cookie),
    ("by continuing to", DropReason::Cookie),
    ("photo:", DropReason::ImageCredit),
    ("photograph:", DropReason::ImageCredit),
    ("image:", DropReason::ImageCredit),
    ("credit:", DropReason::ImageCredit),
    ("copyright", DropReason::Footer),
    ("all rights reserved", DropReason::Footer),
    ("advertisement", DropReason::Teaser),
    ("sponsored", DropReason::Teaser),
    ("posted by", DropReason::Credit),
    ("tags:", DropReason::Navigation),
    ("filed under", DropReason::Navigation),
    ("newsletter", DropReason::Newsletter),
    ("get our newsletter", DropReason::Newsletter),
    // French
    ("abonnez-vous", DropReason::Subscription),
    ("s'abonner", DropReason::Subscription),
    ("je m'abonne", DropReason::Subscription),
    ("deja abonne", DropReason::Subscription),
    ("se connecter", DropReason::Subscription),
    ("connectez-vous", DropReason::Subscription),
    ("inscrivez-vous", DropReason::Newsletter),
    ("recevez", DropReason::Newsletter),
    ("lire aussi", DropReason::Teaser),
    ("a lire aussi", DropReason::Teaser),
    ("lire la suite", DropReason::Teaser),
    ("voir aussi", DropReason::Teaser),
    ("sur le meme sujet", DropReason::Teaser),
    ("articles similaires", DropReason::Teaser),
    ("publicite", DropReason::Teaser),
    ("partager", DropReason::Widget),
    ("partagez", DropReason::Widget),
    ("suivez-nous", DropReason::Widget),
    ("commentaires", DropReason::Comments),
    ("reagir", DropReason::Comments),
    ("laisser un commentaire", DropReason::Comments),
    ("ce site utilise des cookies", DropReason::Cookie),
    ("nous utilisons des cookies", DropReason::Cookie),
    ("en poursuivant votre navigation", DropReason::Cookie),
    ("photo :", DropReason::ImageCredit),
    ("credit photo", DropReason::ImageCredit),
    ("credits photo", DropReason::ImageCredit),
    ("tous droits reserves", DropReason::Footer),
    ("mots-cles", DropReason::Navigation),
    ("mots cles", DropReason::Navigation),
];

/// Phrases that mark a short block as boilerplate wherever they occur in it (folded).
pub const PHRASES_ANYWHERE: &[(&str, DropReason)] = &[
    ("all rights reserved", DropReason::Footer),
    ("tous droits reserves", DropReason::Footer),
    ("use of cookies", DropReason::Cookie),
    ("uses cookies", DropReason::Cookie),
    ("utilise des cookies", DropReason::Cookie),
    ("accept cookies", DropReason::Cookie),
    ("accepter les cookies", DropReason::Cookie),
    ("sign up for our", DropReason::Newsletter),
    ("subscribe to our", DropReason::Newsletter),
    ("to our newsletter", DropReason::Newsletter),
    ("a notre newsletter", DropReason::Newsletter),
    ("a la newsletter", DropReason::Newsletter),
    ("follow us on", DropReason::Widget),
    ("follow him on", DropReason::Credit),
    ("follow her on", DropReason::Credit),
    ("can be reached at", DropReason::Credit),
    ("contributed to this report", DropReason::Credit),
    ("let us know at", DropReason::Widget),
    ("may receive a commission", DropReason::Teaser),
    ("affiliate commission", DropReason::Teaser),
    ("share of the sale", DropReason::Teaser),
    ("suivez-nous sur", DropReason::Widget),
    ("getty images", DropReason::ImageCredit),
    ("afp photo", DropReason::ImageCredit),
    ("/ afp", DropReason::ImageCredit),
    ("reuters/", DropReason::ImageCredit),
    ("(c) ", DropReason::ImageCredit),
    ("©", DropReason::ImageCredit),
];

/// The boilerplate reason of an element from its tag, role and itemprop, if any.
pub fn tag_reason(tag: &str, role: Option<&str>, itemprop: Option<&str>) -> Option<DropReason> {
    if let Some(p) = itemprop {
        let p = p.to_ascii_lowercase();
        if p.contains("comment") {
            return Some(DropReason::Comments);
        }
    }
    if let Some(r) = role {
        match r.to_ascii_lowercase().as_str() {
            "navigation" | "menu" | "menubar" | "banner" => return Some(DropReason::Navigation),
            "contentinfo" => return Some(DropReason::Footer),
            "complementary" => return Some(DropReason::Teaser),
            "dialog" | "alertdialog" => return Some(DropReason::Subscription),
            _ => {}
        }
    }
    match tag {
        "nav" => Some(DropReason::Navigation),
        "footer" => Some(DropReason::Footer),
        "aside" => Some(DropReason::Teaser),
        "figure" | "figcaption" | "picture" => Some(DropReason::ImageCredit),
        "dialog" => Some(DropReason::Subscription),
        "form" => Some(DropReason::Widget),
        _ => None,
    }
}

/// The reason signalled by class and id attributes (already lower-cased), if any, with the
/// stem or token that matched (for traces), and whether they also carry a positive (article
/// body) hint.
///
/// Each class name (and BEM modifier) is read on its own, without what does not describe the
/// element itself: state and layout modifiers (`has-sidebar`, `no-comments`,
/// `sidebar-right`), taxonomy terms (`tag-politics`, `category-news`, as CMSs put on the
/// article element) and a few names that only look like boilerplate (`commentary` is an
/// opinion piece, `teaser-text` a standfirst).
pub fn attr_hints(attrs: &str) -> (Option<(DropReason, &'static str)>, bool) {
    if attrs.is_empty() {
        return (None, false);
    }
    let sets = sets();
    let pos = sets.pos.first(attrs).is_some()
        || attrs
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|t| POS_TOKENS.contains(&t));
    let names = || {
        attrs
            .split_ascii_whitespace()
            .flat_map(|n| n.split("--"))
            .filter(|n| !n.is_empty() && !is_modifier(n))
    };
    let mut neg = names().find_map(|n| {
        sets.neg.first(n).map(|k| {
            let (s, r) = NEG_STEMS[k];
            (r, s)
        })
    });
    if neg.is_none() {
        neg = names().find_map(|n| {
            n.split(|c: char| !c.is_ascii_alphanumeric()).find_map(|t| {
                NEG_TOKENS
                    .iter()
                    .find(|(k, _)| *k == t)
                    .map(|&(k, r)| (r, k))
            })
        });
    }
    if neg.is_none() {
        neg = attrs.split_ascii_whitespace().find_map(|t| {
            HIDDEN_CLASSES
                .contains(&t)
                .then_some((DropReason::Navigation, "hidden"))
        });
    }
    (neg, pos)
}

/// Prefixes of class names that describe a state or the layout around the element, or tag it
/// with a taxonomy term, rather than say what it is.
const MODIFIER_PREFIXES: &[&str] = &[
    "has-",
    "has_",
    "with-",
    "with_",
    "no-",
    "no_",
    "is-",
    "is_",
    "tag-",
    "category-",
    "term-",
    "show-",
    "enable-",
    "disable-",
];
/// Parts of class names that only look like boilerplate vocabulary.
const NOT_BOILERPLATE: &[&str] = &[
    "commentary",
    "teaser-text",
    "teasertext",
    "teaser_text",
    "one-sidebar",
    "two-sidebars",
    "sidebar-left",
    "sidebar-right",
    "sidebar_left",
    "sidebar_right",
    "sidebar-first",
    "sidebar-second",
    "content-sidebar",
    "elementor-widget",
    "widget-container",
];

fn is_modifier(name: &str) -> bool {
    MODIFIER_PREFIXES.iter().any(|p| name.starts_with(p))
        || sets().not_boilerplate.first(name).is_some()
}

/// Whole class names of elements hidden by style sheets (`field--label-hidden` is not one).
pub const HIDDEN_CLASSES: &[&str] = &["hidden", "is-hidden", "d-none", "hide"];

/// The boilerplate reason of a short block from its folded text, if any.
pub fn phrase_reason(folded: &str) -> Option<DropReason> {
    PHRASES_START
        .iter()
        .find(|(p, _)| {
            folded.starts_with(p)
                && folded[p.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .or_else(|| PHRASES_ANYWHERE.iter().find(|(p, _)| folded.contains(p)))
        .map(|&(_, r)| r)
}

/// Words that open a publication or update line ("Updated 5:27 am, Nov. 20, 2019").
pub const DATELINE_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "first published",
    "last updated",
    "original",
    "publie",
    "mis a jour",
    "mise a jour",
    "modifie",
    "actualise",
    "veroffentlicht",
    "aktualisiert",
];

/// Whether a short block (folded) is a publication/update date line: it holds a year and
/// either a dateline word or little besides the date.
pub fn is_dateline(folded: &str) -> bool {
    if folded.len() > 120 {
        return false;
    }
    if folded.len() <= 40 && is_numeric_stamp(folded) {
        return true;
    }
    let has_year = folded
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")));
    if !has_year {
        return false;
    }
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let keyword = DATELINE_WORDS.iter().any(|k| {
        folded.contains(k)
            && words
                .iter()
                .any(|w| k.split(' ').next().is_some_and(|f| w == &f))
    });
    keyword || (words.len() <= 6 && super::meta::page_date(folded).is_some())
}

/// Credit words inside the closing parenthesis of a photo caption ("(AP Photo/Name)",
/// "(Image: Getty)", "(NASA via AP, File)").
pub const CREDIT_WORDS: &[&str] = &[
    "photo",
    "image",
    "credit",
    "getty",
    "file",
    "via ",
    "afp",
    "reuters",
    "shutterstock",
    "/",
    "pictures",
];

/// Whether a block (folded) is a photo caption: it ends with a parenthesised credit, an agency
/// credit after a slash, or an expand/collapse toggle ("... more", "less").
pub fn is_caption(folded: &str) -> bool {
    if folded.len() > 600 {
        return false;
    }
    let t = folded
        .trim_end_matches(" less")
        .trim_end_matches("... more")
        .trim_end();
    if t.len() != folded.len() {
        return true;
    }
    if let Some(body) = t.strip_suffix(')') {
        if let Some(open) = body.rfind('(') {
            let inner = &body[open + 1..];
            return inner.len() <= 60 && CREDIT_WORDS.iter().any(|w| inner.contains(w));
        }
    }
    false
}

/// A time or numeric date with at most three words around it ("3:59 PM", "05:28 Uhr",
/// "12.12.2022, 08:30").
fn is_numeric_stamp(folded: &str) -> bool {
    let b = folded.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let stamp = (0..b.len()).any(|i| {
        digit(i)
            && ((b.get(i + 1) == Some(&b':') && digit(i + 2) && digit(i + 3))
                || (matches!(b.get(i + 1), Some(b'.' | b'/'))
                    && digit(i + 2)
                    && (matches!(b.get(i + 3), Some(b'.' | b'/'))
                        || (digit(i + 3) && matches!(b.get(i + 4), Some(b'.' | b'/'))))))
    });
    let words = folded
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .count();
    stamp && words <= 3
}
