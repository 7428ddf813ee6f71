//! Pairs quotation marks: « », “ ”, „ “, straight " (by position) and ‘ ’ (told apart from
//! apostrophes), including quotations continued over several paragraphs.

/// A pair of quotation marks found in the text (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marked {
    /// Offset of the opening mark.
    pub open: usize,
    /// Offset just past the closing mark (the paragraph end when the mark is missing).
    pub close_end: usize,
    /// First quoted character (spaces trimmed).
    pub start: usize,
    /// Past the last quoted character (spaces trimmed).
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Guillemet,
    Curly,
    Low,
    Straight,
    Single,
}

fn opener(c: char, prev: Option<char>, next: Option<char>) -> Option<Family> {
    match c {
        '«' => Some(Family::Guillemet),
        '“' => Some(Family::Curly),
        // a reversed mark opening a paragraph or a word: ”Text…”
        '”' if !prev.is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric) =>
        {
            Some(Family::Curly)
        }
        '„' => Some(Family::Low),
        '"' => Some(Family::Straight),
        '‘' if !prev.is_some_and(char::is_alphanumeric)
            && next.is_some_and(|n| !n.is_whitespace()) =>
        {
            Some(Family::Single)
        }
        _ => None,
    }
}

fn closes(f: Family, c: char, prev: Option<char>, next: Option<char>) -> bool {
    match f {
        Family::Guillemet => c == '»',
        Family::Curly => {
            c == '”'
                || ((c == '“' || c == '"')
                    && prev.is_some_and(|p| !p.is_whitespace())
                    && !next.is_some_and(char::is_alphanumeric))
        }
        Family::Low => c == '“' || c == '”',
        Family::Straight => c == '"' || c == '”',
        Family::Single => {
            c == '’'
                && prev.is_some_and(|p| !p.is_whitespace())
                && !next.is_some_and(char::is_alphanumeric)
                // "the Russians’ plan": a plural possessive, not a closing mark
                && !(prev == Some('s') && next == Some(' '))
        }
    }
}

/// Whether `c` is white space or a no-break space (trimmed inside the marks).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}'
}

fn trimmed(text: &str, start: usize, end: usize) -> (usize, usize) {
    let inner = &text[start..end];
    let s = start + (inner.len() - inner.trim_start_matches(is_space).len());
    let e = start + inner.trim_end_matches(is_space).len();
    (s, e.max(s))
}

/// The opening mark a continued paragraph starts with, if it reopens a quotation of family `f`.
fn reopens(f: Family, para: &str) -> Option<usize> {
    let lead = para.len() - para.trim_start_matches(is_space).len();
    let c = para[lead..].chars().next()?;
    let ok = match f {
        Family::Guillemet => c == '«',
        Family::Curly | Family::Low => c == '“' || c == '„',
        Family::Straight => c == '"',
        Family::Single => false,
    };
    ok.then_some(lead + c.len_utf8())
}

/// Every quotation-mark pair of `text`, in order. Paragraphs are separated by `\n`; a
/// quotation left open at the end of a paragraph continues when the next paragraph starts with
/// an opening mark of the same kind (the press convention), otherwise it ends with the
/// paragraph (guillemets and curly quotes) or is dropped (straight and single quotes).
pub fn find(text: &str) -> Vec<Marked> {
    let mut out = Vec::new();
    let mut open: Option<(Family, usize, usize)> = None; // family, mark offset, inner start
    let mut para_start = 0;
    let mut skip_to = 0; // continued paragraph: its opening mark is not a new quotation
    while para_start <= text.len() {
        let para_end = text[para_start..]
            .find('\n')
            .map_or(text.len(), |i| para_start + i);
        let para = &text[para_start..para_end];
        let mut prev: Option<char> = None;
        let mut iter = para.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let pos = para_start + i;
            let next = iter.peek().map(|&(_, n)| n);
            if pos < skip_to {
                prev = Some(c);
                continue;
            }
            match open {
                None => {
                    if let Some(f) = opener(c, prev, next) {
                        open = Some((f, pos, pos + c.len_utf8()));
                    }
                }
                Some((f, o, s)) => {
                    if closes(f, c, prev, next) {
                        let (a, b) = trimmed(text, s, pos);
                        out.push(Marked {
                            open: o,
                            close_end: pos + c.len_utf8(),
                            start: a,
                            end: b,
                        });
                        open = None;
                    }
                }
            }
            prev = Some(c);
        }
        if let Some((f, o, s)) = open {
            let next_start = para_end + 1;
            let next_para = if next_start <= text.len() {
                let e = text[next_start..]
                    .find('\n')
                    .map_or(text.len(), |i| next_start + i);
                &text[next_start..e]
            } else {
                ""
            };
            if let Some(skip) = reopens(f, next_para).filter(|_| !next_para.trim().is_empty()) {
                skip_to = next_start + skip;
            } else {
                if matches!(f, Family::Guillemet | Family::Curly | Family::Low) {
                    let (a, b) = trimmed(text, s, para_end);
                    out.push(Marked {
                        open: o,
                        close_end: para_end,
                        start: a,
                        end: b,
                    });
                }
                open = None;
            }
        }
        para_start = para_end + 1;
    }
    out.retain(|m| m.end > m.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        find(t).iter().map(|m| &t[m.start..m.end]).collect()
    }

    #[test]
    fn pairs_every_kind() {
        assert_eq!(texts("Il a dit « oui\u{a0}» puis non."), vec!["oui"]);
        assert_eq!(texts("He said “yes” and \"no\"."), vec!["yes", "no"]);
        assert_eq!(
            texts("It’s the voters’ choice, he called it ‘a farce’ today."),
            vec!["a farce"]
        );
    }

    #[test]
    fn continues_over_paragraphs() {
        let t = "« Première partie.\n« Seconde partie », a-t-il dit.";
        assert_eq!(texts(t), vec!["Première partie.\n« Seconde partie"]);
    }
}
