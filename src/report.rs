//! The readable report printed by `recoupe analyze`: stories with their articles, reuse pairs
//! with their shared passages, and quotes grouped by speaker (repeated quotations grouped across
//! articles, with the outlets that carried them: [`crate::speakers`]).

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
                    o.published
                        .as_deref()
                        .map(|d| format!(" {d}"))
                        .unwrap_or_default()
                );
            }
        }
    }
    out
}
