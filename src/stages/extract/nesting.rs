//! A bound on HTML nesting before the page is parsed. An HTML5 tree builder checks the stack of
//! open elements for most start tags, so a page of 100,000 nested `<div>`s costs the square of
//! its depth; no real article is nested more than a few dozen levels. Start tags that would open
//! an element deeper than the bound are dropped with their end tags (their text is kept), which
//! makes parsing linear. The depth is estimated from the tags alone, in one pass: implicitly
//! closed elements (an unclosed `<p>`) count as open, so the estimate is never below the real
//! depth.

use std::borrow::Cow;

/// Deepest element nesting parsed; deeper start and end tags are dropped, their text kept.
/// Real pages stay far below it (the AEB and trafilatura benchmark pages never reach it).
pub const MAX_HTML_DEPTH: usize = 512;

/// Elements without content: they never open a level.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is raw text up to their end tag (no tags inside).
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// `html` with the tags beyond `max_depth` removed (borrowed unchanged when none is).
pub fn bounded(html: &str, max_depth: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let (mut depth, mut excess) = (0usize, 0usize);
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(lt) = memchr(b'<', &b[i..]).map(|p| i + p) {
        let tag = read_tag(html, lt);
        i = tag.end;
        let drop = match tag.kind {
            TagKind::Start(name) if !is_void(name) && !tag.self_closing => {
                if depth >= max_depth {
                    excess += 1;
                    true
                } else {
                    depth += 1;
                    false
                }
            }
            TagKind::End if excess > 0 => {
                excess -= 1;
                true
            }
            TagKind::End => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => false,
        };
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..lt]);
            copied = tag.end;
        }
        if let TagKind::Start(name) = tag.kind {
            if !tag.self_closing && RAW_TEXT.iter().any(|r| r.eq_ignore_ascii_case(name)) {
                // Skipped to its end tag, which is then read as any end tag.
                i = end_of_raw_text(html, i, name);
            }
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

enum TagKind<'a> {
    Start(&'a str),
    End,
    /// A comment, a doctype, a processing instruction or a lone `<`.
    Other,
}

struct Tag<'a> {
    kind: TagKind<'a>,
    self_closing: bool,
    /// Byte offset past the tag.
    end: usize,
}

/// The tag at `lt` (the offset of its `<`).
fn read_tag(html: &str, lt: usize) -> Tag<'_> {
    let b = html.as_bytes();
    let rest = &html[lt..];
    let other = |end| Tag {
        kind: TagKind::Other,
        self_closing: false,
        end,
    };
    if let Some(comment) = rest.strip_prefix("<!--") {
        let end = comment.find("-->").map_or(html.len(), |p| lt + 4 + p + 3);
        return other(end);
    }
    let (closing, name_at) = match b.get(lt + 1) {
        Some(b'/') => (true, lt + 2),
        Some(c) if c.is_ascii_alphabetic() => (false, lt + 1),
        Some(b'!' | b'?') => {
            return other(memchr(b'>', &b[lt..]).map_or(html.len(), |p| lt + p + 1))
        }
        _ => return other(lt + 1),
    };
    let name_end = b[name_at..]
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b':'))
        .map_or(b.len(), |p| name_at + p);
    if name_end == name_at {
        return other(lt + 1);
    }
    let end = tag_end(b, name_end);
    let self_closing = end >= 2 && b[end - 2] == b'/';
    let kind = if closing {
        TagKind::End
    } else {
        TagKind::Start(&html[name_at..name_end])
    };
    Tag {
        kind,
        self_closing,
        end,
    }
}

/// Offset past the `>` that ends a tag whose attributes start at `from` (quoted `>` skipped).
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (k, &c) in b[from..].iter().enumerate() {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, b'>') => return from + k + 1,
            _ => {}
        }
    }
    b.len()
}

/// Offset of the end tag of the raw-text element `name` whose content starts at `from`.
fn end_of_raw_text(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut i = from;
    while let Some(p) = memchr(b'<', &b[i..]).map(|p| i + p) {
        let after = &b[p + 1..];
        if after.first() == Some(&b'/')
            && after.len() > name.len()
            && after[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return p;
        }
        i = p + 1;
    }
    b.len()
}

fn is_void(name: &str) -> bool {
    VOID.iter().any(|v| v.eq_ignore_ascii_case(name))
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_borrowed_unchanged() {
        let page = "<html><body><div><p>Un <b>texte</b><br>court<img src='a>b'></div>\
                    <script>if (a<b) x('<div>')</script></body></html>";
        // html, body, div, p (left open) and b: five levels at the deepest.
        assert!(matches!(bounded(page, 5), Cow::Borrowed(_)));
        assert!(matches!(bounded(page, 4), Cow::Owned(_)));
    }

    #[test]
    fn tags_past_the_bound_are_dropped_with_their_end_tags_and_text_is_kept() {
        let page = format!(
            "<div>{}mot{}</div><p>après</p>",
            "<div>".repeat(10),
            "</div>".repeat(10)
        );
        let got = bounded(&page, 3);
        assert_eq!(got, "<div><div><div>mot</div></div></div><p>après</p>");
    }
}
