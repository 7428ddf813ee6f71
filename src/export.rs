//! Export: writes an [`Analysis`] as the stable JSONL files of FORMAT.md
//! (`articles.jsonl`, `stories.jsonl`, `reuse.jsonl`, and the added `speakers.jsonl`), converting byte offsets to char offsets.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;

use serde::Serialize;

use crate::model::{Analysis, AnalyzedArticle, EntityKind, ReuseKind};
use crate::text::CharOffsets;

/// One line of `articles.jsonl`.
#[derive(Serialize)]
pub struct ArticleRecord<'a> {
    /// Article id.
    pub id: &'a str,
    /// Headline.
    pub title: Option<&'a str>,
    /// Clean body.
    pub text: &'a str,
    /// ISO 639-1 code.
    pub language: &'a str,
    /// Publication date.
    pub published: Option<jiff::civil::Date>,
    /// Outlet.
    pub source: Option<&'a str>,
    /// URL (an addition to FORMAT.md's fields).
    pub url: Option<&'a str>,
    /// Direct quotations, char offsets.
    pub quotes: Vec<QuoteRecord<'a>>,
    /// Entities.
    pub entities: Vec<EntityRecord<'a>>,
    /// Date expressions, char offsets.
    pub dates: Vec<DateRecord<'a>>,
    /// Reader comments kept apart from the text.
    pub comments: &'a [String],
    /// Blocks dropped as boilerplate, with the reason.
    pub dropped: Vec<DroppedRecord<'a>>,
}

/// A quote in the export.
#[derive(Serialize)]
pub struct QuoteRecord<'a> {
    /// Quoted words.
    pub text: &'a str,
    /// Canonical speaker.
    pub speaker: Option<&'a str>,
    /// Char offset of the start.
    pub start: usize,
    /// Char offset of the end.
    pub end: usize,
}

/// An entity in the export.
#[derive(Serialize)]
pub struct EntityRecord<'a> {
    /// Canonical name.
    pub name: &'a str,
    /// PER, ORG, LOC or MISC.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Surface forms.
    pub mentions: &'a [String],
}

/// A date expression in the export.
#[derive(Serialize)]
pub struct DateRecord<'a> {
    /// As written.
    pub text: &'a str,
    /// Resolved value.
    pub value: Option<&'a str>,
    /// Char offset of the start.
    pub start: usize,
    /// Char offset of the end.
    pub end: usize,
}

/// A dropped block in the export.
#[derive(Serialize)]
pub struct DroppedRecord<'a> {
    /// Raw line number.
    pub line: usize,
    /// Text as in the input.
    pub text: &'a str,
    /// Reason code.
    pub reason: crate::model::DropReason,
}

/// One line of `stories.jsonl`.
#[derive(Serialize)]
pub struct StoryRecord<'a> {
    /// Story id.
    pub id: &'a str,
    /// Representative headline.
    pub title: &'a str,
    /// Article ids.
    pub articles: Vec<&'a str>,
    /// First date.
    pub first: Option<&'a str>,
    /// Last date.
    pub last: Option<&'a str>,
    /// Storyline id.
    pub storyline: Option<&'a str>,
    /// Date of the story's event (an addition to FORMAT.md's fields).
    pub event_date: Option<&'a str>,
}

/// A shared passage in the export (char offsets).
#[derive(Serialize)]
pub struct PassageRecord<'a> {
    /// The passage as it reads in b.
    pub text: &'a str,
    /// Start in a.
    pub a_start: usize,
    /// End in a.
    pub a_end: usize,
    /// Start in b.
    pub b_start: usize,
    /// End in b.
    pub b_end: usize,
}

/// One line of `reuse.jsonl`.
#[derive(Serialize)]
pub struct ReuseRecord<'a> {
    /// First article id.
    pub a: &'a str,
    /// Second article id.
    pub b: &'a str,
    /// duplicate, near_duplicate or partial.
    pub kind: ReuseKind,
    /// Id of the earlier article, when known.
    pub source: Option<&'a str>,
    /// Similarity in [0, 1].
    pub similarity: f64,
    /// Shared passages.
    pub passages: Vec<PassageRecord<'a>>,
    /// Id of the reprint family holding both articles (`families.jsonl`), if any.
    pub family: Option<String>,
}

/// One line of `families.jsonl`: articles that all carry one text (connected components of the
/// duplicate and near-duplicate pairs).
#[derive(Serialize)]
pub struct FamilyRecord<'a> {
    /// Family id (`f` + number, in order of the first member).
    pub id: String,
    /// Member article ids.
    pub articles: Vec<&'a str>,
    /// Id of the earliest member, when dates tell it.
    pub source: Option<&'a str>,
}

/// The id of the `i`-th reprint family.
pub fn family_id(i: usize) -> String {
    format!("f{i:05}")
}

/// Builds the export record of one article.
pub fn article_record(a: &AnalyzedArticle) -> ArticleRecord<'_> {
    let c = &a.clean;
    let offsets = CharOffsets::new(&c.text);
    ArticleRecord {
        id: &c.id,
        title: c.title.as_deref(),
        text: &c.text,
        language: &c.language,
        published: c.published,
        source: c.source.as_deref(),
        url: c.url.as_deref(),
        quotes: a
            .quotes
            .iter()
            .map(|q| QuoteRecord {
                text: &q.text,
                speaker: q.speaker.as_deref(),
                start: offsets.get(q.start),
                end: offsets.get(q.end),
            })
            .collect(),
        entities: a
            .entities
            .iter()
            .map(|e| EntityRecord {
                name: &e.name,
                kind: e.kind,
                mentions: &e.mentions,
            })
            .collect(),
        dates: a
            .dates
            .iter()
            .map(|d| DateRecord {
                text: &d.text,
                value: d.value.as_deref(),
                start: offsets.get(d.start),
                end: offsets.get(d.end),
            })
            .collect(),
        comments: &c.comments,
        dropped: c
            .dropped
            .iter()
            .map(|d| DroppedRecord {
                line: d.line,
                text: &d.text,
                reason: d.reason,
            })
            .collect(),
    }
}

fn write_lines<T: Serialize>(path: &Path, items: impl Iterator<Item = T>) -> std::io::Result<()> {
    let mut w = BufWriter::new(File::create(path)?);
    for item in items {
        serde_json::to_writer(&mut w, &item)?;
        w.write_all(b"\n")?;
    }
    w.into_inner().map_err(|e| e.into_error())?.sync_all()
}

/// The files [`write_export`] writes besides `articles.jsonl`.
pub const CORPUS_FILES: [&str; 4] = [
    "stories.jsonl",
    "families.jsonl",
    "speakers.jsonl",
    "reuse.jsonl",
];

/// Writes only `articles.jsonl` into `out` (created if needed), for runs that stop after the
/// clean stage; corpus files of an earlier run in `out` ([`CORPUS_FILES`]) are removed so that
/// the folder never mixes two runs. Written atomically, as [`write_export`].
pub fn write_articles(articles: &[AnalyzedArticle], out: &Path) -> std::io::Result<()> {
    write_atomically(out, |tmp| {
        write_lines(
            &tmp.join("articles.jsonl"),
            articles.iter().map(article_record),
        )
    })
}

/// Every file recoupe writes into an export folder.
const EXPORT_FILES: [&str; 5] = [
    "articles.jsonl",
    "stories.jsonl",
    "families.jsonl",
    "speakers.jsonl",
    "reuse.jsonl",
];

/// Runs `write` into a fresh temporary folder beside `out`, then moves what it wrote into `out`
/// (created if needed) and removes the export files of an earlier run that it did not write: an
/// export that fails half-way leaves the previous one whole, and the folder never mixes two runs.
/// Other files in `out` are left alone.
fn write_atomically(
    out: &Path,
    write: impl FnOnce(&Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned());
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let tmp = parent.join(format!(
        ".{}.recoupe-{}",
        name.as_deref().unwrap_or("out"),
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir(&tmp)?;
    let moved = write(&tmp).and_then(|()| move_into(&tmp, out));
    let _ = fs::remove_dir_all(&tmp);
    moved
}

/// Moves the export files of `tmp` into `out`, each by one rename, then removes the export files
/// of `out` that `tmp` did not have.
fn move_into(tmp: &Path, out: &Path) -> std::io::Result<()> {
    if !out.exists() {
        return fs::rename(tmp, out);
    }
    for f in EXPORT_FILES {
        let new = tmp.join(f);
        if new.exists() {
            fs::rename(&new, out.join(f))?;
        } else {
            match fs::remove_file(out.join(f)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
    }
    Ok(())
}

/// Writes the three FORMAT.md files into `out` (created if needed), plus two additions:
/// `families.jsonl` (reprint families) and `speakers.jsonl` (one line per canonical speaker with
/// their quotations grouped across articles, see [`crate::speakers`]). Each file is written to a
/// temporary folder and moved into place only when all are written, so a failed run never
/// leaves a half-written export nor destroys the previous one.
pub fn write_export(analysis: &Analysis, out: &Path) -> std::io::Result<()> {
    write_atomically(out, |tmp| write_export_files(analysis, tmp))
}

fn write_export_files(analysis: &Analysis, out: &Path) -> std::io::Result<()> {
    let arts = &analysis.articles;
    write_lines(&out.join("articles.jsonl"), arts.iter().map(article_record))?;
    write_lines(
        &out.join("stories.jsonl"),
        analysis.stories.iter().map(|s| StoryRecord {
            id: &s.id,
            title: &s.title,
            articles: s
                .articles
                .iter()
                .map(|&i| arts[i].clean.id.as_str())
                .collect(),
            first: s.first.as_deref(),
            last: s.last.as_deref(),
            storyline: s.storyline.as_deref(),
            event_date: s.event_date.as_deref(),
        }),
    )?;
    let (families, family_of) = crate::stages::reuse::families(&arts[..], &analysis.reuse);
    write_lines(
        &out.join("families.jsonl"),
        families.iter().enumerate().map(|(i, f)| FamilyRecord {
            id: family_id(i),
            articles: f
                .articles
                .iter()
                .map(|&x| arts[x].clean.id.as_str())
                .collect(),
            source: f.source.map(|x| arts[x].clean.id.as_str()),
        }),
    )?;
    write_lines(
        &out.join("speakers.jsonl"),
        crate::speakers::index(analysis).iter(),
    )?;
    write_lines(
        &out.join("reuse.jsonl"),
        analysis.reuse.iter().zip(&family_of).map(|(r, fam)| {
            let (ta, tb) = (&arts[r.a].clean.text, &arts[r.b].clean.text);
            let (oa, ob) = (CharOffsets::new(ta), CharOffsets::new(tb));
            ReuseRecord {
                a: &arts[r.a].clean.id,
                b: &arts[r.b].clean.id,
                kind: r.kind,
                source: r.source.map(|i| arts[i].clean.id.as_str()),
                similarity: (r.similarity * 10000.0).round() / 10000.0,
                passages: r
                    .passages
                    .iter()
                    .map(|p| PassageRecord {
                        text: &p.text,
                        a_start: oa.get(p.a_start),
                        a_end: oa.get(p.a_end),
                        b_start: ob.get(p.b_start),
                        b_end: ob.get(p.b_end),
                    })
                    .collect(),
                family: fam.map(family_id),
            }
        }),
    )
}
