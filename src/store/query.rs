//! Read queries behind the HTTP API and the web page: stories, articles, reuse, speakers,
//! entities and search, shaped as serialisable views. Offsets in views are character offsets
//! (Unicode scalar values) into the clean text, as in FORMAT.md.

use std::collections::BTreeSet;

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{clean_article, from_json, Store, StoryRow};
use crate::model::{CleanArticle, DropReason, Mention};
use crate::speakers::{group_occurrences, Occurrence};
use crate::text::{fold, CharOffsets};

/// A page of results with the total count, for pagination.
#[derive(Debug, Serialize)]
pub struct Page<T> {
    /// Number of items in all pages.
    pub total: usize,
    /// Index of the first item of this page.
    pub offset: usize,
    /// Page size asked for.
    pub limit: usize,
    /// The items.
    pub items: Vec<T>,
}

/// A story in a list: headline, dates, outlets and counts.
#[derive(Debug, Serialize)]
pub struct StorySummary {
    /// Story id.
    pub id: String,
    /// Representative headline.
    pub title: String,
    /// What to show as the headline: the title, else the first member's title or first words.
    pub label: String,
    /// First publication date.
    pub first: Option<String>,
    /// Last publication date.
    pub last: Option<String>,
    /// Storyline id.
    pub storyline: Option<String>,
    /// Date of the story's event, when the members' dates tell it.
    pub event_date: Option<String>,
    /// Number of articles.
    pub articles: usize,
    /// Distinct outlets of the member articles, sorted.
    pub outlets: Vec<String>,
    /// Number of quotes in the member articles.
    pub quotes: usize,
}

/// An article in a list.
#[derive(Debug, Serialize)]
pub struct ArticleSummary {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Language code.
    pub language: String,
    /// The first words of the clean text.
    pub lead: String,
}

/// A quote with char offsets and the article it is in.
#[derive(Debug, Serialize)]
pub struct QuoteView {
    /// Article id.
    pub article: String,
    /// Quoted words.
    pub text: String,
    /// Canonical speaker.
    pub speaker: Option<String>,
    /// Char offset of the start in the article's clean text.
    pub start: usize,
    /// Char offset of the end.
    pub end: usize,
}

/// A story with its articles in time order, the stories of its storyline and its quotes.
#[derive(Debug, Serialize)]
pub struct StoryDetail {
    /// The story.
    #[serde(flatten)]
    pub story: StorySummary,
    /// Member articles in time order.
    pub articles_list: Vec<ArticleSummary>,
    /// Stories of the same storyline (this one included), oldest first.
    pub storyline_stories: Vec<StorySummary>,
    /// Quotes of the member articles, grouped by speaker order of appearance.
    pub quotes_list: Vec<QuoteView>,
}

/// An entity of an article with its located mentions (char offsets).
#[derive(Debug, Serialize)]
pub struct EntityView {
    /// Canonical name.
    pub name: String,
    /// PER, ORG, LOC or MISC.
    #[serde(rename = "type")]
    pub kind: String,
    /// Surface forms.
    pub mentions: Vec<String>,
    /// Located mentions as `[start, end]` char offsets.
    pub spans: Vec<[usize; 2]>,
}

/// A date expression (char offsets).
#[derive(Debug, Serialize)]
pub struct DateView {
    /// As written.
    pub text: String,
    /// Resolved value.
    pub value: Option<String>,
    /// Char offset of the start.
    pub start: usize,
    /// Char offset of the end.
    pub end: usize,
}

/// A dropped block with a readable explanation.
#[derive(Debug, Serialize)]
pub struct DroppedView {
    /// Raw line number.
    pub line: usize,
    /// Text as in the input.
    pub text: String,
    /// Reason code.
    pub reason: DropReason,
    /// The reason in words.
    pub explanation: &'static str,
}

/// Everything about one article.
#[derive(Debug, Serialize)]
pub struct ArticleDetail {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Clean text.
    pub text: String,
    /// Language code.
    pub language: String,
    /// Publication date.
    pub published: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Stories the article belongs to (one in practice).
    pub stories: Vec<StoryRef>,
    /// Quotes (char offsets).
    pub quotes: Vec<QuoteView>,
    /// Entities.
    pub entities: Vec<EntityView>,
    /// Date expressions.
    pub dates: Vec<DateView>,
    /// Boilerplate removed, with reasons.
    pub dropped: Vec<DroppedView>,
    /// Reader comments kept apart.
    pub comments: Vec<String>,
    /// Number of articles sharing text with this one.
    pub reuse_count: usize,
}

/// A link to a story.
#[derive(Debug, Serialize)]
pub struct StoryRef {
    /// Story id.
    pub id: String,
    /// Headline (the story's label when it has no title).
    pub title: String,
}

/// A passage shared by two articles, char offsets in `this` and `other` article.
#[derive(Debug, Serialize)]
pub struct PassageView {
    /// The passage text.
    pub text: String,
    /// Start in this article.
    pub start: usize,
    /// End in this article.
    pub end: usize,
    /// Start in the other article.
    pub other_start: usize,
    /// End in the other article.
    pub other_end: usize,
}

/// A reuse pair seen from one article.
#[derive(Debug, Serialize)]
pub struct ReuseView {
    /// The other article.
    pub other: ArticleSummary,
    /// duplicate, near_duplicate or partial.
    pub kind: String,
    /// Id of the earlier article, when known.
    pub source: Option<String>,
    /// Similarity in [0, 1].
    pub similarity: f64,
    /// Shared passages.
    pub passages: Vec<PassageView>,
}

/// One side of the side-by-side view.
#[derive(Debug, Serialize)]
pub struct CompareSide {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Clean text.
    pub text: String,
}

/// Two articles and what they share (offsets: `start`/`end` in `a`, `other_*` in `b`).
#[derive(Debug, Serialize)]
pub struct Compare {
    /// Left article.
    pub a: CompareSide,
    /// Right article.
    pub b: CompareSide,
    /// Reuse kind, when the pair shares text.
    pub kind: Option<String>,
    /// Similarity, when the pair shares text.
    pub similarity: Option<f64>,
    /// Id of the earlier article, when known.
    pub source: Option<String>,
    /// Shared passages.
    pub passages: Vec<PassageView>,
}

/// A speaker in the list.
#[derive(Debug, Serialize)]
pub struct SpeakerSummary {
    /// Canonical name.
    pub name: String,
    /// Number of quotes.
    pub quotes: usize,
    /// Number of articles quoting them.
    pub articles: usize,
}

/// Where a quote appears.
#[derive(Debug, Serialize)]
pub struct QuoteOccurrence {
    /// Article id.
    pub article: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Publication date.
    pub published: Option<jiff::civil::Date>,
    /// Char offset of the start.
    pub start: usize,
    /// Char offset of the end.
    pub end: usize,
}

/// One quote of a speaker and every article that carries it (grouped as in
/// [`crate::speakers`]: same words, or one printing contained in a longer one).
#[derive(Debug, Serialize)]
pub struct QuoteGroup {
    /// The fullest printing of the quote.
    pub text: String,
    /// Occurrences, oldest first.
    pub occurrences: Vec<QuoteOccurrence>,
    /// Distinct outlets that carried the quote.
    pub outlets: Vec<String>,
}

/// A speaker and all their quotes.
#[derive(Debug, Serialize)]
pub struct SpeakerDetail {
    /// Canonical name.
    pub name: String,
    /// Distinct quotes, most repeated first.
    pub quotes: Vec<QuoteGroup>,
}

/// An entity across the store.
#[derive(Debug, Serialize)]
pub struct EntitySummary {
    /// Canonical name.
    pub name: String,
    /// PER, ORG, LOC or MISC.
    #[serde(rename = "type")]
    pub kind: String,
    /// Number of articles mentioning it.
    pub articles: usize,
    /// Every surface form seen.
    pub variants: Vec<String>,
}

/// A search result.
#[derive(Debug, Serialize)]
pub struct SearchResult {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// The first words of the clean text.
    pub lead: String,
    /// BM25 score.
    pub score: f32,
    /// HTML snippet (escaped, matches in `<b>`).
    pub snippet: String,
}

/// Search results: articles, and speakers whose name matches.
#[derive(Debug, Serialize)]
pub struct SearchResults {
    /// The query.
    pub query: String,
    /// Number of matching articles.
    pub total: usize,
    /// Index of the first result.
    pub offset: usize,
    /// The best articles.
    pub items: Vec<SearchResult>,
    /// Speakers whose folded name contains every folded query word.
    pub speakers: Vec<SpeakerSummary>,
}

const LEAD_CHARS: usize = 220;
const STORY_ORDER: &str =
    "ORDER BY COALESCE(last, first) IS NULL, COALESCE(last, first) DESC, position";

fn lead(text: &str) -> String {
    let mut s: String = text.chars().take(LEAD_CHARS).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

/// The first line of a text, cut at about 120 characters on a word boundary.
fn headline_of(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() <= 120 {
        return line.to_string();
    }
    let cut: String = line.chars().take(120).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{cut}…")
}

fn story_summary(conn: &Connection, row: StoryRow) -> Result<StorySummary> {
    let (id, title, first, last, storyline) = row;
    let articles: i64 = conn.query_row(
        "SELECT COUNT(*) FROM story_members WHERE story_id = ?1",
        params![id],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT a.source FROM story_members m JOIN articles a ON a.id = m.article_id
         WHERE m.story_id = ?1 AND a.source IS NOT NULL ORDER BY a.source",
    )?;
    let outlets = stmt
        .query_map(params![id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    let quotes: i64 = conn.query_row(
        "SELECT COUNT(*) FROM story_members m JOIN quotes q ON q.article_id = m.article_id
         WHERE m.story_id = ?1",
        params![id],
        |r| r.get(0),
    )?;
    let label = if title.trim().is_empty() {
        let first: Option<(Option<String>, String)> = conn
            .query_row(
                "SELECT a.title, substr(a.text, 1, 400) FROM story_members m
                 JOIN articles a ON a.id = m.article_id WHERE m.story_id = ?1
                 ORDER BY m.position LIMIT 1",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match first {
            Some((Some(t), _)) if !t.trim().is_empty() => t,
            Some((_, text)) => headline_of(&text),
            None => String::new(),
        }
    } else {
        title.clone()
    };
    let event_date: Option<String> = conn.query_row(
        "SELECT event_date FROM stories WHERE id = ?1",
        params![id],
        |r| r.get(0),
    )?;
    Ok(StorySummary {
        event_date,
        id,
        title,
        label,
        first,
        last,
        storyline,
        articles: articles as usize,
        outlets,
        quotes: quotes as usize,
    })
}

fn story_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoryRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn article_summary(conn: &Connection, id: &str) -> Result<Option<ArticleSummary>> {
    Ok(conn
        .query_row(
            "SELECT id, title, source, published, language, text FROM articles WHERE id = ?1",
            params![id],
            |r| {
                Ok(ArticleSummary {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    source: r.get(2)?,
                    published: r.get(3)?,
                    language: r.get(4)?,
                    lead: lead(&r.get::<_, String>(5)?),
                })
            },
        )
        .optional()?)
}

fn text_of(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT text FROM articles WHERE id = ?1",
            params![id],
            |r| r.get(0),
        )
        .optional()?)
}

fn quotes_of(conn: &Connection, id: &str, offsets: &CharOffsets) -> Result<Vec<QuoteView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT text, speaker, start, end FROM quotes WHERE article_id = ?1 ORDER BY idx",
    )?;
    let rows = stmt
        .query_map(params![id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|(text, speaker, s, e)| QuoteView {
            article: id.to_string(),
            text,
            speaker,
            start: offsets.get(s as usize),
            end: offsets.get(e as usize),
        })
        .collect())
}

impl Store {
    /// Stories, newest first (by last date, undated last), paginated.
    pub fn stories(&self, offset: usize, limit: usize) -> Result<Page<StorySummary>> {
        let conn = &self.conn;
        let total: i64 = conn.query_row("SELECT COUNT(*) FROM stories", [], |r| r.get(0))?;
        let mut stmt = conn.prepare(&format!(
            "SELECT id, title, first, last, storyline FROM stories {STORY_ORDER} LIMIT ?1 OFFSET ?2"
        ))?;
        let rows = stmt
            .query_map(params![limit as i64, offset as i64], story_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let items = rows
            .into_iter()
            .map(|r| story_summary(conn, r))
            .collect::<Result<_>>()?;
        Ok(Page {
            total: total as usize,
            offset,
            limit,
            items,
        })
    }

    /// One story with its articles in time order, its storyline and its quotes.
    pub fn story(&self, id: &str) -> Result<Option<StoryDetail>> {
        let conn = &self.conn;
        let Some(row) = conn
            .query_row(
                "SELECT id, title, first, last, storyline FROM stories WHERE id = ?1",
                params![id],
                story_row,
            )
            .optional()?
        else {
            return Ok(None);
        };
        let story = story_summary(conn, row)?;
        let mut stmt = conn.prepare(
            "SELECT a.id FROM story_members m JOIN articles a ON a.id = m.article_id
             WHERE m.story_id = ?1
             ORDER BY a.published IS NULL, a.published, m.position, a.id",
        )?;
        let ids = stmt
            .query_map(params![id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        let mut articles_list = Vec::new();
        let mut quotes_list = Vec::new();
        for a in &ids {
            if let Some(s) = article_summary(conn, a)? {
                articles_list.push(s);
            }
            if let Some(text) = text_of(conn, a)? {
                quotes_list.extend(quotes_of(conn, a, &CharOffsets::new(&text))?);
            }
        }
        let storyline_stories = match &story.storyline {
            Some(line) => {
                let mut stmt = conn.prepare(
                    "SELECT id, title, first, last, storyline FROM stories WHERE storyline = ?1
                     ORDER BY first IS NULL, first, position",
                )?;
                let rows = stmt
                    .query_map(params![line], story_row)?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                rows.into_iter()
                    .map(|r| story_summary(conn, r))
                    .collect::<Result<_>>()?
            }
            None => Vec::new(),
        };
        Ok(Some(StoryDetail {
            story,
            articles_list,
            storyline_stories,
            quotes_list,
        }))
    }

    /// One article with its analysis.
    pub fn article(&self, id: &str) -> Result<Option<ArticleDetail>> {
        let conn = &self.conn;
        let Some(article) = clean_article(conn, id)? else {
            return Ok(None);
        };
        let CleanArticle {
            id,
            title,
            text,
            language,
            published,
            source,
            url,
            dropped,
            comments,
            ..
        } = article;
        let offsets = CharOffsets::new(&text);
        let quotes = quotes_of(conn, &id, &offsets)?;
        let mut stmt = conn.prepare_cached(
            "SELECT name, kind, mentions, spans FROM entities WHERE article_id = ?1 ORDER BY idx",
        )?;
        let rows = stmt
            .query_map(params![id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut entities = Vec::new();
        for (name, kind, mentions, spans) in rows {
            let spans: Vec<Mention> = from_json(&spans)?;
            entities.push(EntityView {
                name,
                kind,
                mentions: from_json(&mentions)?,
                spans: spans
                    .iter()
                    .map(|m| [offsets.get(m.start), offsets.get(m.end)])
                    .collect(),
            });
        }
        let mut stmt = conn.prepare_cached(
            "SELECT text, value, start, end FROM dates WHERE article_id = ?1 ORDER BY idx",
        )?;
        let dates = stmt
            .query_map(params![id], |r| {
                Ok(DateView {
                    text: r.get(0)?,
                    value: r.get(1)?,
                    start: offsets.get(r.get::<_, i64>(2)? as usize),
                    end: offsets.get(r.get::<_, i64>(3)? as usize),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = conn.prepare_cached(
            "SELECT s.id, s.title FROM story_members m JOIN stories s ON s.id = m.story_id
             WHERE m.article_id = ?1 ORDER BY s.position",
        )?;
        let stories = stmt
            .query_map(params![id], |r| {
                Ok(StoryRef {
                    id: r.get(0)?,
                    title: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let stories = stories
            .into_iter()
            .map(|s| {
                if !s.title.trim().is_empty() {
                    return Ok(s);
                }
                let row = conn.query_row(
                    "SELECT id, title, first, last, storyline FROM stories WHERE id = ?1",
                    params![s.id],
                    story_row,
                )?;
                let label = story_summary(conn, row)?.label;
                Ok(StoryRef {
                    id: s.id,
                    title: label,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let reuse_count: i64 = conn.query_row(
            "SELECT COUNT(*) FROM reuse WHERE a = ?1 OR b = ?1",
            params![id],
            |r| r.get(0),
        )?;
        Ok(Some(ArticleDetail {
            id,
            title,
            language,
            published: published.map(crate::calendar::iso),
            source,
            url,
            stories,
            quotes,
            entities,
            dates,
            dropped: dropped
                .into_iter()
                .map(|d| DroppedView {
                    line: d.line,
                    text: d.text,
                    reason: d.reason,
                    explanation: d.reason.explain(),
                })
                .collect(),
            comments,
            reuse_count: reuse_count as usize,
            text,
        }))
    }

    /// The reuse pairs of an article, seen from it (`None` for an unknown article).
    pub fn article_reuse(&self, id: &str) -> Result<Option<Vec<ReuseView>>> {
        let conn = &self.conn;
        let Some(text) = text_of(conn, id)? else {
            return Ok(None);
        };
        let mine = CharOffsets::new(&text);
        let mut stmt = conn.prepare(
            "SELECT a, b, kind, source, similarity FROM reuse WHERE a = ?1 OR b = ?1
             ORDER BY similarity DESC, a, b",
        )?;
        let rows = stmt
            .query_map(params![id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, f64>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::new();
        for (a, b, kind, source, similarity) in rows {
            let other_id = if a == id { &b } else { &a };
            let Some(other) = article_summary(conn, other_id)? else {
                continue;
            };
            let other_text = text_of(conn, other_id)?.unwrap_or_default();
            let theirs = CharOffsets::new(&other_text);
            let passages = self.passages(&a, &b, a == id, &mine, &theirs)?;
            out.push(ReuseView {
                other,
                kind,
                source,
                similarity,
                passages,
            });
        }
        Ok(Some(out))
    }

    /// The passages of pair (a, b), oriented so that `start`/`end` are in "this" article.
    fn passages(
        &self,
        a: &str,
        b: &str,
        this_is_a: bool,
        this: &CharOffsets,
        other: &CharOffsets,
    ) -> Result<Vec<PassageView>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT text, a_start, a_end, b_start, b_end FROM reuse_passages
             WHERE a = ?1 AND b = ?2 ORDER BY idx",
        )?;
        let rows = stmt
            .query_map(params![a, b], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .map(|(text, as_, ae, bs, be)| {
                let (s, e, os, oe) = if this_is_a {
                    (as_, ae, bs, be)
                } else {
                    (bs, be, as_, ae)
                };
                PassageView {
                    text,
                    start: this.get(s as usize),
                    end: this.get(e as usize),
                    other_start: other.get(os as usize),
                    other_end: other.get(oe as usize),
                }
            })
            .collect())
    }

    /// Two articles side by side with their shared passages (`None` if either is unknown).
    pub fn compare(&self, a: &str, b: &str) -> Result<Option<Compare>> {
        let conn = &self.conn;
        let side = |id: &str| -> Result<Option<CompareSide>> {
            Ok(conn
                .query_row(
                    "SELECT id, title, source, published, text FROM articles WHERE id = ?1",
                    params![id],
                    |r| {
                        Ok(CompareSide {
                            id: r.get(0)?,
                            title: r.get(1)?,
                            source: r.get(2)?,
                            published: r.get(3)?,
                            text: r.get(4)?,
                        })
                    },
                )
                .optional()?)
        };
        let (Some(sa), Some(sb)) = (side(a)?, side(b)?) else {
            return Ok(None);
        };
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let pair: Option<(String, Option<String>, f64)> = conn
            .query_row(
                "SELECT kind, source, similarity FROM reuse WHERE a = ?1 AND b = ?2",
                params![lo, hi],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (oa, ob) = (CharOffsets::new(&sa.text), CharOffsets::new(&sb.text));
        let passages = if pair.is_some() {
            self.passages(lo, hi, lo == a, &oa, &ob)?
        } else {
            Vec::new()
        };
        let (kind, source, similarity) = match pair {
            Some((k, s, x)) => (Some(k), s, Some(x)),
            None => (None, None, None),
        };
        Ok(Some(Compare {
            a: sa,
            b: sb,
            kind,
            similarity,
            source,
            passages,
        }))
    }

    /// Speakers by number of quotes (then name), paginated.
    pub fn speakers(&self, offset: usize, limit: usize) -> Result<Page<SpeakerSummary>> {
        let conn = &self.conn;
        let total: i64 = conn.query_row("SELECT COUNT(*) FROM speakers", [], |r| r.get(0))?;
        let mut stmt = conn.prepare(
            "SELECT name, quotes, articles FROM speakers ORDER BY quotes DESC, name
             LIMIT ?1 OFFSET ?2",
        )?;
        let items = stmt
            .query_map(params![limit as i64, offset as i64], |r| {
                Ok(SpeakerSummary {
                    name: r.get(0)?,
                    quotes: r.get::<_, i64>(1)? as usize,
                    articles: r.get::<_, i64>(2)? as usize,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Page {
            total: total as usize,
            offset,
            limit,
            items,
        })
    }

    /// Every quote of a speaker, repeated printings grouped, with the outlets that repeated it
    /// (`None` when the speaker has no quote).
    pub fn speaker(&self, name: &str) -> Result<Option<SpeakerDetail>> {
        let conn = &self.conn;
        let mut stmt = conn.prepare(
            "SELECT q.text, q.start, q.end, a.id, a.title, a.source, a.published, a.text, q.idx
             FROM quotes q JOIN articles a ON a.id = q.article_id
             WHERE q.speaker = ?1
             ORDER BY a.published IS NULL, a.published, a.id, q.idx",
        )?;
        // Each printing as a speakers::Occurrence (index = row number), its title and char
        // offsets kept aside by row number.
        let mut printings = Vec::new();
        let mut located: Vec<(Option<String>, usize, usize)> = Vec::new();
        let mut rows = stmt.query(params![name])?;
        while let Some(r) = rows.next()? {
            let body: String = r.get(7)?;
            let offsets = CharOffsets::new(&body);
            located.push((
                r.get(4)?,
                offsets.get(r.get::<_, i64>(1)? as usize),
                offsets.get(r.get::<_, i64>(2)? as usize),
            ));
            printings.push(Occurrence {
                article: r.get(3)?,
                index: printings.len(),
                quote: r.get::<_, i64>(8)? as usize,
                source: r.get(5)?,
                published: super::stored_day(r.get::<_, Option<String>>(6)?.as_deref()),
                text: r.get(0)?,
            });
        }
        if printings.is_empty() {
            return Ok(None);
        }
        let groups = group_occurrences(printings)
            .into_iter()
            .map(|q| QuoteGroup {
                text: q.text,
                outlets: q.outlets,
                occurrences: q
                    .occurrences
                    .into_iter()
                    .map(|o| {
                        let (title, start, end) = located[o.index].clone();
                        QuoteOccurrence {
                            article: o.article,
                            title,
                            source: o.source,
                            published: o.published,
                            start,
                            end,
                        }
                    })
                    .collect(),
            })
            .collect();
        Ok(Some(SpeakerDetail {
            name: name.to_string(),
            quotes: groups,
        }))
    }

    /// Entities by number of articles mentioning them, paginated.
    pub fn entities(&self, offset: usize, limit: usize) -> Result<Page<EntitySummary>> {
        let conn = &self.conn;
        let total: i64 = conn.query_row(
            "SELECT COUNT(*) FROM (SELECT 1 FROM entities GROUP BY name, kind)",
            [],
            |r| r.get(0),
        )?;
        let mut stmt = conn.prepare(
            "SELECT name, kind, COUNT(DISTINCT article_id) AS n FROM entities
             GROUP BY name, kind ORDER BY n DESC, name, kind LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt
            .query_map(params![limit as i64, offset as i64], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut variants_of =
            conn.prepare("SELECT mentions FROM entities WHERE name = ?1 AND kind = ?2")?;
        let mut items = Vec::new();
        for (name, kind, n) in rows {
            let mut variants = BTreeSet::new();
            let lists = variants_of
                .query_map(params![name, kind], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for l in lists {
                variants.extend(from_json::<Vec<String>>(&l)?);
            }
            items.push(EntitySummary {
                name,
                kind,
                articles: n as usize,
                variants: variants.into_iter().collect(),
            });
        }
        Ok(Page {
            total: total as usize,
            offset,
            limit,
            items,
        })
    }

    /// Full-text search with snippets, plus the speakers whose name matches the query.
    pub fn search(&self, q: &str, offset: usize, limit: usize) -> Result<SearchResults> {
        let (total, hits) = self.index.search(q, offset, limit)?;
        let mut items = Vec::with_capacity(hits.len());
        for h in hits {
            if let Some(s) = article_summary(&self.conn, &h.id)? {
                items.push(SearchResult {
                    id: s.id,
                    title: s.title,
                    source: s.source,
                    published: s.published,
                    lead: s.lead,
                    score: h.score,
                    snippet: h.snippet,
                });
            }
        }
        let words: Vec<String> = fold(q)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let mut speakers = Vec::new();
        if let Some(longest) = words.iter().max_by_key(|w| w.len()) {
            let mut stmt = self.conn.prepare_cached(
                "SELECT name, folded, quotes, articles FROM speakers WHERE instr(folded, ?1) > 0
                 ORDER BY quotes DESC, name",
            )?;
            let mut rows = stmt.query(params![longest])?;
            while let Some(r) = rows.next()? {
                let key: String = r.get(1)?;
                if words.iter().all(|w| key.contains(w.as_str())) {
                    speakers.push(SpeakerSummary {
                        name: r.get(0)?,
                        quotes: r.get::<_, i64>(2)? as usize,
                        articles: r.get::<_, i64>(3)? as usize,
                    });
                    if speakers.len() == 10 {
                        break;
                    }
                }
            }
        }
        Ok(SearchResults {
            query: q.to_string(),
            total,
            offset,
            items,
            speakers,
        })
    }
}
