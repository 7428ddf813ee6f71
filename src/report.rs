//! The readable report printed by `recoupe analyze`: stories with their articles, reuse pairs
//! with their shared passages, reprint families, and quotes grouped by speaker (repeated
//! quotations grouped across articles, with the outlets that carried them: [`crate::speakers`]).

use std::fmt::Write;

use crate::model::{Analysis, Story};

fn shorten(s: &str, max_chars: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(max_chars).collect();
    format!("{}…", cut.trim_end())
}

/// "first → last" for a span of dates, one date when both ends are the same, `None` when neither
/// is known.
fn span(first: Option<&str>, last: Option<&str>) -> Option<String> {
    match (first, last) {
        (Some(a), Some(b)) if a != b => Some(format!("{a} → {b}")),
        (Some(a), _) | (None, Some(a)) => Some(a.to_string()),
        (None, None) => None,
    }
}

/// The stories section: storyline by storyline, each storyline's stories in time order (by first
/// publication date when known), each story with its dates, event date, outlets and articles.
fn write_stories(out: &mut String, analysis: &Analysis, label: &dyn Fn(usize) -> String) {
    let arts = &analysis.articles;
    // Storylines in the order of their first story; a story without a storyline stands alone.
    let mut lines: Vec<(Option<&str>, Vec<&Story>)> = Vec::new();
    for s in &analysis.stories {
        match s.storyline.as_deref() {
            Some(l) => match lines.iter_mut().find(|(k, _)| *k == Some(l)) {
                Some((_, v)) => v.push(s),
                None => lines.push((Some(l), vec![s])),
            },
            None => lines.push((None, vec![s])),
        }
    }
    let storylines = lines.iter().filter(|(l, _)| l.is_some()).count();
    let _ = writeln!(
        out,
        "== {} stories over {} articles, {} storyline(s) of several stories",
        analysis.stories.len(),
        arts.len(),
        storylines
    );
    for (line, mut stories) in lines {
        stories.sort_by_key(|s| (s.first.is_none(), s.first.clone()));
        let indent = if let Some(l) = line {
            let n: usize = stories.iter().map(|s| s.articles.len()).sum();
            let first = stories.iter().filter_map(|s| s.first.as_deref()).min();
            let last = stories.iter().filter_map(|s| s.last.as_deref()).max();
            let when = span(first, last)
                .map(|w| format!(", {w}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "\nstoryline {l} — {} stories, {n} articles{when}",
                stories.len()
            );
            "  "
        } else {
            ""
        };
        for s in stories {
            let mut meta = format!("{} article(s)", s.articles.len());
            if let Some(w) = span(s.first.as_deref(), s.last.as_deref()) {
                let _ = write!(meta, " · {w}");
            }
            if let Some(e) = &s.event_date {
                let _ = write!(meta, " · event {e}");
            }
            let mut outlets: Vec<&str> = Vec::new();
            for &i in &s.articles {
                if let Some(o) = arts[i].clean.source.as_deref() {
                    if !outlets.contains(&o) {
                        outlets.push(o);
                    }
                }
            }
            if !outlets.is_empty() {
                let _ = write!(
                    meta,
                    " · {} outlet(s): {}",
                    outlets.len(),
                    outlets.join(", ")
                );
            }
            let _ = writeln!(
                out,
                "\n{indent}[{}] {}\n{indent}    {meta}",
                s.id,
                shorten(&s.title, 100)
            );
            for &i in &s.articles {
                let _ = writeln!(out, "{indent}    {}", label(i));
            }
        }
    }
}

/// Renders the report as plain text.
pub fn render(analysis: &Analysis) -> String {
    let arts = &analysis.articles;
    let mut out = String::new();
    let label = |i: usize| {
        let c = &arts[i].clean;
        let title = c
            .title
            .clone()
            .unwrap_or_else(|| c.text.lines().next().unwrap_or("").to_string());
        let mut s = format!("{}  {}", c.id, shorten(&title, 90));
        if let Some(src) = &c.source {
            let _ = write!(s, "  [{src}]");
        }
        if let Some(d) = &c.published {
            let _ = write!(s, "  {d}");
        }
        s
    };

    write_stories(&mut out, analysis, &label);

    let _ = writeln!(out, "\n== {} reuse pair(s)", analysis.reuse.len());
    for r in &analysis.reuse {
        let _ = writeln!(
            out,
            "\n{} ~ {}  {:?}, similarity {:.2}{}",
            arts[r.a].clean.id,
            arts[r.b].clean.id,
            r.kind,
            r.similarity,
            r.source
                .map(|i| format!(", source {}", arts[i].clean.id))
                .unwrap_or_default()
        );
        for p in &r.passages {
            let _ = writeln!(out, "    « {} »", shorten(&p.text, 160));
        }
    }

    let (families, _) = crate::stages::reuse::families(&arts[..], &analysis.reuse);
    let _ = writeln!(
        out,
        "\n== {} reprint famil{} (articles carrying one text)",
        families.len(),
        if families.len() == 1 { "y" } else { "ies" }
    );
    for (i, f) in families.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{} — {} article(s){}",
            crate::export::family_id(i),
            f.articles.len(),
            f.source
                .map(|x| format!(", source {}", arts[x].clean.id))
                .unwrap_or_default()
        );
        for &x in f.articles.iter().take(8) {
            let _ = writeln!(out, "    {}", label(x));
        }
        if f.articles.len() > 8 {
            let _ = writeln!(out, "    … and {} more", f.articles.len() - 8);
        }
    }

    let index = crate::speakers::index(analysis);
    let n: usize = index
        .iter()
        .flat_map(|s| &s.quotes)
        .map(|q| q.occurrences.len())
        .sum();
    let unknown: usize = arts
        .iter()
        .flat_map(|a| &a.quotes)
        .filter(|q| q.speaker.is_none())
        .count();
    let _ = writeln!(
        out,
        "\n== {n} attributed quote(s) by {} speaker(s), {unknown} without a speaker",
        index.len()
    );
    for sp in &index {
        let _ = writeln!(out, "\n{}", sp.speaker);
        for q in &sp.quotes {
            let _ = writeln!(out, "    « {} »", shorten(&q.text, 140));
            if q.occurrences.len() > 1 {
                let _ = writeln!(
                    out,
                    "      repeated by {} article(s){}",
                    q.occurrences.len(),
                    if q.outlets.is_empty() {
                        String::new()
                    } else {
                        format!(" in {}", q.outlets.join(", "))
                    }
                );
            }
            for o in &q.occurrences {
                let _ = writeln!(
                    out,
                    "      — {}{}{}",
                    o.article,
                    o.source
                        .as_deref()
                        .map(|s| format!(" [{s}]"))
                        .unwrap_or_default(),
                    o.published.map(|d| format!(" {d}")).unwrap_or_default()
                );
            }
        }
    }
    out
}
