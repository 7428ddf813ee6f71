//! The readable report printed by `recoupe analyze`: stories with their articles, reuse pairs
//! with their shared passages, reprint families, and quotes grouped by speaker.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::model::Analysis;

fn shorten(s: &str, max_chars: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(max_chars).collect();
    format!("{}…", cut.trim_end())
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

    let _ = writeln!(
        out,
        "== {} stories over {} articles",
        analysis.stories.len(),
        arts.len()
    );
    for s in &analysis.stories {
        let line = s
            .storyline
            .as_deref()
            .map(|l| format!("  (storyline {l})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "\n[{}] {} — {} article(s){}",
            s.id,
            shorten(&s.title, 100),
            s.articles.len(),
            line
        );
        for &i in &s.articles {
            let _ = writeln!(out, "    {}", label(i));
        }
    }

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

    let mut by_speaker: BTreeMap<&str, Vec<(usize, &str)>> = BTreeMap::new();
    for (i, a) in arts.iter().enumerate() {
        for q in &a.quotes {
            by_speaker
                .entry(q.speaker.as_deref().unwrap_or("(speaker unknown)"))
                .or_default()
                .push((i, &q.text));
        }
    }
    let n: usize = by_speaker.values().map(Vec::len).sum();
    let _ = writeln!(out, "\n== {n} quote(s) by {} speaker(s)", by_speaker.len());
    for (speaker, quotes) in &by_speaker {
        let _ = writeln!(out, "\n{speaker}");
        for (i, text) in quotes {
            let c = &arts[*i].clean;
            let _ = writeln!(
                out,
                "    « {} »  — {}{}",
                shorten(text, 140),
                c.id,
                c.source
                    .as_deref()
                    .map(|s| format!(" [{s}]"))
                    .unwrap_or_default()
            );
        }
    }
    out
}
