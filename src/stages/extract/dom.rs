//! Turns a parsed HTML page into a flat list of text blocks and a table of elements, plus the raw
//! metadata found on the way (meta tags, JSON-LD, `<time>`, headings).
//!
//! The walk is iterative (deep malformed pages cannot overflow the stack) and linear in the page.

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::hints;
use crate::model::DropReason;

/// An element of the page, as far as block scoring needs it.
#[derive(Debug, Clone)]
pub struct Elem {
    /// Index of the parent element (`u32::MAX` for the root).
    pub parent: u32,
    /// Lower-case tag name.
    pub tag: Box<str>,
    /// Boilerplate hint from the tag, role, itemprop, class or id.
    pub neg: Option<DropReason>,
    /// Article-body hint from class or id.
    pub pos: bool,
    /// Standfirst hint from class or id (kept even outside the article container).
    pub lede: bool,
    /// `<article>`, `itemprop=articleBody`, `role=main` or `<main>`: strong article hint.
    pub strong: bool,
    /// Hash of the tag and class attribute: siblings with the same signature repeat a template
    /// (cards of a teaser list).
    pub sig: u64,
    /// The class/id stem or token behind `neg` (for traces), empty when none.
    pub hint: &'static str,
}

/// [`Elem::hint`] of a hint that comes from the tag, role or itemprop (not from classes).
pub const TAG_HINT: &str = "<tag>";

/// The kind of element a block of text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A paragraph or a generic container's own text.
    Para,
    /// A heading, h1..h6 (level).
    Heading(u8),
    /// A list item.
    Item,
    /// A block quotation.
    Quote,
    /// Preformatted text.
    Pre,
    /// A table cell.
    Cell,
    /// A figure or table caption.
    Caption,
}

/// A run of text between two block boundaries.
#[derive(Debug, Clone)]
pub struct Block {
    /// Text with white space collapsed.
    pub text: String,
    /// Innermost block-level element holding it.
    pub elem: u32,
    /// What kind of block.
    pub kind: Kind,
    /// Characters of the text inside links.
    pub link_chars: usize,
    /// Characters of the text.
    pub chars: usize,
}

/// Raw metadata read from the page.
#[derive(Debug, Clone, Default)]
pub struct RawMeta {
    /// `<meta>` name/property/itemprop (lower-cased) and content, in page order.
    pub metas: Vec<(String, String)>,
    /// `<title>` text.
    pub title: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `<link rel=canonical href>`.
    pub canonical: Option<String>,
    /// JSON-LD script bodies.
    pub json_ld: Vec<String>,
    /// `<time datetime>` values (and `itemprop=datePublished` values), in page order.
    pub times: Vec<String>,
}

/// A page reduced to elements, blocks and metadata.
#[derive(Debug, Default)]
pub struct Page {
    /// Every element kept by the walk (index = element id).
    pub elems: Vec<Elem>,
    /// Text blocks in document order.
    pub blocks: Vec<Block>,
    /// Metadata.
    pub meta: RawMeta,
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "select", "option", "button", "input", "textarea", "head", "link",
    "meta", "img", "map", "source", "title",
];

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "dd"
            | "details"
            | "dialog"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "caption"
            | "summary"
            | "center"
            | "html"
            | "ul"
            | "br"
            | "legend"
    )
}

fn kind_of(tag: &str) -> Kind {
    match tag {
        "h1" => Kind::Heading(1),
        "h2" => Kind::Heading(2),
        "h3" => Kind::Heading(3),
        "h4" => Kind::Heading(4),
        "h5" => Kind::Heading(5),
        "h6" => Kind::Heading(6),
        "li" | "dd" | "dt" => Kind::Item,
        "blockquote" => Kind::Quote,
        "pre" => Kind::Pre,
        "tr" => Kind::Cell,
        "figcaption" | "caption" => Kind::Caption,
        _ => Kind::Para,
    }
}

fn hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

struct Walker {
    page: Page,
    /// Open block-level elements (element ids).
    open_blocks: Vec<u32>,
    cur: String,
    cur_link: usize,
    cur_chars: usize,
    link_depth: usize,
    pending_space: bool,
}

impl Walker {
    fn push_text(&mut self, t: &str) {
        for c in t.chars() {
            // Invisible hyphenation and joiners: soft hyphen, zero-width space, word joiner, BOM.
            if matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}') {
                continue;
            }
            if c.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.cur.is_empty() {
                self.cur.push(' ');
                self.cur_chars += 1;
                if self.link_depth > 0 {
                    self.cur_link += 1;
                }
            }
            self.pending_space = false;
            self.cur.push(c);
            self.cur_chars += 1;
            if self.link_depth > 0 {
                self.cur_link += 1;
            }
        }
    }

    fn flush(&mut self) {
        self.pending_space = false;
        if self.cur.is_empty() {
            return;
        }
        let elem = *self.open_blocks.last().unwrap_or(&0);
        let text = std::mem::take(&mut self.cur);
        let kind = kind_of(&self.page.elems[elem as usize].tag);
        // A heading or caption holds its text even through inner blocks: find the nearest such.
        let kind = self
            .open_blocks
            .iter()
            .rev()
            .take(4)
            .map(|&e| kind_of(&self.page.elems[e as usize].tag))
            .find(|k| !matches!(k, Kind::Para))
            .filter(|k| matches!(k, Kind::Heading(_) | Kind::Caption | Kind::Quote))
            .unwrap_or(kind);
        self.page.blocks.push(Block {
            text,
            elem,
            kind,
            link_chars: self.cur_link,
            chars: self.cur_chars,
        });
        self.cur_link = 0;
        self.cur_chars = 0;
    }
}

/// Walks a parsed document into a [`Page`].
pub fn walk(doc: &Html) -> Page {
    let mut w = Walker {
        page: Page::default(),
        open_blocks: Vec::new(),
        cur: String::new(),
        cur_link: 0,
        cur_chars: 0,
        link_depth: 0,
        pending_space: false,
    };
    w.page.elems.push(Elem {
        parent: u32::MAX,
        tag: "#root".into(),
        neg: None,
        pos: false,
        lede: false,
        strong: false,
        sig: 0,
        hint: "",
    });
    w.open_blocks.push(0);
    // (node, element id of the parent, entering?)
    enum Step<'a> {
        Enter(NodeRef<'a, Node>, u32),
        Leave { block: bool, link: bool },
    }
    type Hints = (Option<(DropReason, &'static str)>, bool, bool);
    let mut hint_cache: std::collections::HashMap<String, Hints> = std::collections::HashMap::new();
    let mut stack: Vec<Step> = doc
        .tree
        .root()
        .children()
        .rev()
        .map(|n| Step::Enter(n, 0))
        .collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave { block, link } => {
                if link {
                    w.link_depth -= 1;
                }
                if block {
                    w.flush();
                    w.open_blocks.pop();
                }
            }
            Step::Enter(node, parent) => match node.value() {
                Node::Text(t) => w.push_text(t),
                Node::Element(el) => {
                    let tag = el.name();
                    read_meta(&mut w.page.meta, node, el);
                    if SKIP.contains(&tag) || hidden(el) {
                        for d in node.descendants().skip(1) {
                            if let Node::Element(inner) = d.value() {
                                read_meta(&mut w.page.meta, d, inner);
                            }
                        }
                        continue;
                    }
                    if tag == "br" || tag == "hr" {
                        w.flush();
                        continue;
                    }
                    let id = w.page.elems.len() as u32;
                    let mut attrs = String::new();
                    for a in [el.attr("class"), el.attr("id")].into_iter().flatten() {
                        attrs.push_str(&a.to_ascii_lowercase());
                        attrs.push(' ');
                    }
                    // Pages repeat the same class names on many elements: the hints of
                    // each distinct class/id string are computed once per page.
                    let (attr_neg, pos, lede) = match hint_cache.get(&attrs) {
                        Some(&h) => h,
                        None => {
                            let (neg, pos) = hints::attr_hints(&attrs);
                            let h = (neg, pos, hints::is_lede(&attrs));
                            hint_cache.insert(attrs.clone(), h);
                            h
                        }
                    };
                    let itemprop = el.attr("itemprop");
                    let role = el.attr("role");
                    let strong = matches!(tag, "article" | "main")
                        || itemprop.is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
                        || role.is_some_and(|r| r.eq_ignore_ascii_case("main"));
                    let tag_neg = hints::tag_reason(tag, role, itemprop);
                    // An embedded post (`<blockquote class="twitter-tweet">`) is quoted content,
                    // not a sharing widget.
                    let embed = tag == "blockquote"
                        && attr_neg.is_some_and(|(r, _)| r == DropReason::Widget);
                    let neg =
                        if matches!(tag, "body" | "html") || (strong && tag_neg.is_none()) || embed
                        {
                            None
                        } else {
                            tag_neg.or(attr_neg.map(|(r, _)| r))
                        };
                    let hint = match (tag_neg, attr_neg) {
                        (Some(_), _) => TAG_HINT,
                        (None, Some((_, h))) => h,
                        _ => "",
                    };
                    w.page.elems.push(Elem {
                        parent,
                        tag: tag.into(),
                        neg,
                        pos: pos || strong,
                        lede,
                        strong,
                        hint,
                        sig: xxhash_rust::xxh3::xxh3_64_with_seed(
                            el.attr("class").unwrap_or("").as_bytes(),
                            xxhash_rust::xxh3::xxh3_64(tag.as_bytes()),
                        ),
                    });
                    let block = is_block(tag);
                    if block {
                        w.flush();
                        w.open_blocks.push(id);
                    }
                    if matches!(tag, "td" | "th" | "span" | "label") {
                        w.pending_space = true;
                    }
                    let link = tag == "a";
                    if link {
                        w.link_depth += 1;
                    }
                    stack.push(Step::Leave { block, link });
                    for c in node.children().rev() {
                        stack.push(Step::Enter(c, id));
                    }
                }
                _ => {}
            },
        }
    }
    w.flush();
    w.page
}

fn node_text(node: NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
        }
    }
    s
}

/// A `<meta>` key as looked up: lower case, `.` read as `:`.
pub fn meta_key(k: &str) -> String {
    k.to_ascii_lowercase().replace('.', ":")
}

fn read_meta(meta: &mut RawMeta, node: NodeRef<'_, Node>, el: &scraper::node::Element) {
    match el.name() {
        "html" => {
            if meta.lang.is_none() {
                meta.lang = el
                    .attr("lang")
                    .or_else(|| el.attr("xml:lang"))
                    .map(str::to_string);
            }
        }
        "meta" => {
            // Keys from property, name and itemprop, each possibly space-separated
            // (`property="dc:title og:title"`), lower-cased with `.` read as `:` (`DC.title`).
            if let Some(v) = el.attr("content").or_else(|| el.attr("datetime")) {
                let v = v.trim();
                for k in [el.attr("property"), el.attr("name"), el.attr("itemprop")]
                    .into_iter()
                    .flatten()
                    .flat_map(str::split_ascii_whitespace)
                {
                    meta.metas.push((meta_key(k), v.to_string()));
                    if k.eq_ignore_ascii_case("datePublished") {
                        meta.times.insert(0, v.to_string());
                    }
                }
            }
        }
        "title" => {
            if meta.title.is_none() {
                meta.title = Some(node_text(node));
            }
        }
        "link" => {
            if el
                .attr("rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
            {
                meta.canonical = el.attr("href").map(str::to_string);
            }
        }
        "script" => {
            if el
                .attr("type")
                .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
            {
                meta.json_ld.push(node_text(node));
            }
        }
        "time" => {
            if let Some(d) = el.attr("datetime") {
                meta.times.push(d.to_string());
            }
        }
        _ => {
            if el
                .attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
            {
                if let Some(d) = el.attr("datetime").or_else(|| el.attr("content")) {
                    meta.times.insert(0, d.to_string());
                }
            }
        }
    }
}
