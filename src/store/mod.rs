//! The store of record: one folder holding a SQLite database (articles, analysis, stories, reuse)
//! and a tantivy full-text index, updated in place by [`Store::add`].
//!
//! Layout of the folder: `recoupe.sqlite` (WAL mode, foreign keys on, a `schema_version` table)
//! and `index/` (tantivy, see [`search`]). SQLite is the record; the index is derived from it and
//! rebuilt at open when it lags (see [`search`] for the generation check). Besides the analysis,
//! SQLite keeps per article its reuse signature and story features (little-endian BLOBs with a
//! format version), so that an add does text work for the new articles only (see [`Store::add`]).
//!
//! Crash safety: one call to [`Store::add`] is one SQLite transaction. Inside it the articles are
//! written, the reuse pairs of the new articles found, the stories re-clustered, the index
//! generation bumped; then the tantivy index is
//! committed (with the new generation as payload), then SQLite. A crash before the SQLite commit
//! leaves the old state in SQLite (the journal rolls back), and an index whose generation is ahead
//! or behind, which [`Store::open`] rebuilds from SQLite.

pub mod query;
pub mod search;
mod state;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::calendar;
use crate::model::{
    Analysis, AnalyzedArticle, CleanArticle, DateMention, Document, Entity, Mention, Origin, Quote,
    ReusePair, SharedPassage, Story,
};
use crate::pipeline::Pipeline;
use crate::text::fold;

use search::{IndexedArticle, SearchIndex};

/// Version of the SQLite schema written by this build. Version 2 added `reuse_signatures` and
/// `story_features` (what an add needs of stored articles, without their texts); a version-1
/// store is upgraded at open, and the two tables are filled from the stored articles by the next
/// add.
pub const SCHEMA_VERSION: i64 = 2;
/// The store folder used when none is given.
pub const DEFAULT_DIR: &str = "recoupe-store";
const DB_FILE: &str = "recoupe.sqlite";
/// How long a writing store waits for another writer to finish (adds queue one after the
/// other; readers never wait).
pub const WRITER_WAIT: std::time::Duration = std::time::Duration::from_secs(3600);
const INDEX_DIR: &str = "index";

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    title TEXT,
    text TEXT NOT NULL,
    language TEXT NOT NULL,
    published TEXT,
    source TEXT,
    url TEXT,
    origin_path TEXT NOT NULL,
    origin_line INTEGER,
    paragraph_lines TEXT NOT NULL,
    dropped TEXT NOT NULL,
    comments TEXT NOT NULL,
    raw TEXT NOT NULL,
    raw_hash INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    mentions TEXT NOT NULL,
    spans TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name);
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    folded TEXT NOT NULL,
    speaker TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS speakers (
    name TEXT PRIMARY KEY,
    folded TEXT NOT NULL,
    quotes INTEGER NOT NULL,
    articles INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_folded ON quotes(folded);
CREATE TABLE IF NOT EXISTS dates (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    first TEXT,
    last TEXT,
    storyline TEXT,
    event_date TEXT
);
CREATE INDEX IF NOT EXISTS stories_storyline ON stories(storyline);
CREATE TABLE IF NOT EXISTS story_members (
    story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (story_id, article_id)
);
CREATE INDEX IF NOT EXISTS story_members_article ON story_members(article_id);
CREATE TABLE IF NOT EXISTS reuse (
    a TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    source TEXT,
    similarity REAL NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE INDEX IF NOT EXISTS reuse_b ON reuse(b);
CREATE TABLE IF NOT EXISTS reuse_signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS story_features (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    features BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS reuse_passages (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    a_start INTEGER NOT NULL,
    a_end INTEGER NOT NULL,
    b_start INTEGER NOT NULL,
    b_end INTEGER NOT NULL,
    PRIMARY KEY (a, b, idx),
    FOREIGN KEY (a, b) REFERENCES reuse(a, b) ON DELETE CASCADE
);
"#;

/// A `stories` row: id, title, first, last, storyline.
type StoryRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// What one [`Store::add`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AddReport {
    /// Articles new to the store.
    pub added: usize,
    /// Stored articles whose raw content changed and were replaced.
    pub replaced: usize,
    /// Articles already stored with identical raw content (nothing written).
    pub unchanged: usize,
    /// Articles in the store after the add.
    pub total: usize,
}

/// An open store: the SQLite connection and the search index.
pub struct Store {
    conn: Connection,
    index: SearchIndex,
    dir: PathBuf,
    pipeline: Pipeline,
    notices: Vec<String>,
    /// The generation the search index was last brought up to ([`Store::catch_up`]).
    seen_generation: Option<i64>,
}

/// Serialises a value to a JSON string (infallible for the model types).
fn to_json<T: Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).expect("model types serialise")
}

/// Reads a JSON column.
fn from_json<T: DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).context("corrupt JSON column in the store")
}

/// The snake_case / code name of a serde enum (`"near_duplicate"`, `"PER"`).
fn enum_name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => unreachable!("unit enum variants serialise as strings"),
    }
}

/// Parses an enum stored by [`enum_name`].
fn enum_parse<T: DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .with_context(|| format!("unknown code {s:?} in the store"))
}

/// Hash of what an article's analysis depends on (everything but where it was read from), so that
/// re-adding the same article from another path changes nothing.
fn raw_hash(d: &Document) -> i64 {
    let key = (
        &d.id,
        &d.title,
        &d.text,
        &d.html,
        &d.url,
        &d.source,
        &d.published,
    );
    xxhash_rust::xxh3::xxh3_64(to_json(&key).as_bytes()) as i64
}

impl Store {
    /// Opens the store in `dir` with the default [`Pipeline`] (see [`Store::open_with`]).
    pub fn open(dir: &Path) -> Result<Self> {
        Self::open_with(dir, Pipeline::default())
    }

    /// Opens the store in `dir`, creating the folder, the database and the index if needed,
    /// and rebuilding the index from SQLite when its generation differs; [`Store::add`] runs
    /// `pipeline`.
    pub fn open_with(dir: &Path, pipeline: Pipeline) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the store folder {}", dir.display()))?;
        let conn = Connection::open(dir.join(DB_FILE))
            .with_context(|| format!("cannot open the store database in {}", dir.display()))?;
        conn.busy_timeout(WRITER_WAIT)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let version: Option<i64> = conn
            .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
            .optional()
            .or_else(|e| match e {
                rusqlite::Error::SqliteFailure(_, Some(ref m)) if m.contains("no such table") => {
                    Ok(None)
                }
                e => Err(e),
            })?;
        match version {
            Some(v) if v > SCHEMA_VERSION => bail!(
                "the store in {} has schema version {v}, newer than this recoupe ({SCHEMA_VERSION})",
                dir.display()
            ),
            // Up to date: no write at all, so opening never waits for (nor blocks) a writer.
            Some(SCHEMA_VERSION) => {}
            Some(_older) => conn.execute_batch(&format!(
                "BEGIN IMMEDIATE; {SCHEMA} UPDATE schema_version SET version = {SCHEMA_VERSION}; \
                 COMMIT;"
            ))?,
            None => {
                conn.execute_batch(&format!(
                    "BEGIN; {SCHEMA} DELETE FROM schema_version; \
                     INSERT INTO schema_version VALUES ({SCHEMA_VERSION}); COMMIT;"
                ))?;
            }
        }
        let index = SearchIndex::open(&dir.join(INDEX_DIR))?;
        let mut store = Self {
            conn,
            index,
            dir: dir.to_path_buf(),
            pipeline,
            notices: Vec::new(),
            seen_generation: None,
        };
        let generation = store.generation()?;
        if store.index.generation()? != generation {
            store.rebuild_index(generation)?;
            if let Some(why) = store.index.recreated() {
                let n = store.article_count()?;
                let notice = format!("{why}: rebuilt from the database ({n} articles)");
                store.notices.push(notice);
            }
        }
        Ok(store)
    }

    /// Opens the store in `dir` for reading only (queries, search, export), beside any number of
    /// other readers and one writer: no schema work, no index repair, no write of any kind, so
    /// it never waits for a writer (SQLite in WAL mode gives each query the last committed
    /// state). The store must exist and be of this version; open it once with
    /// [`Store::open_with`] first.
    pub fn open_reader(dir: &Path) -> Result<Self> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(dir.join(DB_FILE), flags)
            .with_context(|| format!("cannot open the store database in {}", dir.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let version: i64 =
            conn.query_row("SELECT version FROM schema_version", [], |r| r.get(0))?;
        if version != SCHEMA_VERSION {
            bail!(
                "the store in {} has schema version {version}, this recoupe reads {SCHEMA_VERSION}",
                dir.display()
            );
        }
        Ok(Self {
            conn,
            index: SearchIndex::open_existing(&dir.join(INDEX_DIR))?,
            dir: dir.to_path_buf(),
            pipeline: Pipeline::default(),
            notices: Vec::new(),
            seen_generation: None,
        })
    }

    /// Brings a reader up to the last completed add: searches then see what queries see (the
    /// index is committed before SQLite, so a new generation in SQLite is in the index too).
    pub fn catch_up(&mut self) -> Result<()> {
        let generation = self.generation()?;
        if self.seen_generation != Some(generation) {
            self.index.reload()?;
            self.seen_generation = Some(generation);
        }
        Ok(())
    }

    /// What opening the store had to repair (a damaged search index rebuilt from SQLite), in
    /// words for the user; empty when nothing was.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// True when `dir` holds a store database.
    pub fn exists(dir: &Path) -> bool {
        dir.join(DB_FILE).is_file()
    }

    /// The store folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The search index.
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// The SQLite connection, for read queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The number of completed adds that changed something: the index must carry the same.
    pub fn generation(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'index_generation'",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0))
    }

    /// Number of stored articles.
    pub fn article_count(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Re-indexes every stored article (used when the index lags behind SQLite).
    pub fn rebuild_index(&self, generation: i64) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, COALESCE(title, ''), text, language FROM articles ORDER BY id")?;
        let rows: Vec<(String, String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let items: Vec<IndexedArticle<'_>> = rows
            .iter()
            .map(|(id, title, text, language)| IndexedArticle {
                id,
                title,
                text,
                language,
            })
            .collect();
        self.index.update(&items, true, generation)
    }

    /// Adds documents in one transaction: documents already stored with identical raw content are
    /// skipped, changed ones replaced, new ones inserted; then the reuse pairs that involve a new
    /// or replaced article are found, and stories are re-clustered over every stored article,
    /// keeping their ids (see [`stable_story_ids`]).
    ///
    /// The analysis is [`Pipeline::add`] over this store's state (its cost and how its results
    /// relate to one batch over everything are documented there); the store writes what the
    /// pipeline gives it, then updates the search index.
    pub fn add(&mut self, docs: Vec<Document>) -> Result<AddReport> {
        let mut report = AddReport::default();
        let mut fresh = Vec::with_capacity(docs.len());
        // The write lock is taken first (writers queue here, see WRITER_WAIT), so what is
        // counted as new is what this add really stores, whatever other writers do.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut stmt = tx.prepare_cached("SELECT raw_hash FROM articles WHERE id = ?1")?;
            for d in docs {
                let stored: Option<i64> = stmt.query_row(params![d.id], |r| r.get(0)).optional()?;
                match stored {
                    Some(h) if h == raw_hash(&d) => report.unchanged += 1,
                    Some(_) => {
                        report.replaced += 1;
                        fresh.push(d);
                    }
                    None => {
                        report.added += 1;
                        fresh.push(d);
                    }
                }
            }
        }
        if fresh.is_empty() {
            report.total =
                tx.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))? as usize;
            return Ok(report);
        }
        let raws: HashMap<String, (String, i64)> = fresh
            .iter()
            .map(|d| (d.id.clone(), (to_json(d), raw_hash(d))))
            .collect();
        let added = self
            .pipeline
            .add(&mut state::TxState::new(&tx, &raws), fresh)?;
        let analysed = added.articles;
        let generation: i64 = tx
            .query_row(
                "SELECT value FROM meta WHERE key = 'index_generation'",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0)
            + 1;
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('index_generation', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![generation],
        )?;
        let items: Vec<IndexedArticle<'_>> = analysed
            .iter()
            .map(|a| IndexedArticle {
                id: &a.clean.id,
                title: a.clean.title.as_deref().unwrap_or(""),
                text: &a.clean.text,
                language: &a.clean.language,
            })
            .collect();
        self.index.update(&items, false, generation)?;
        if let Err(e) = tx.commit() {
            // The index is ahead of SQLite now: bring it back to the record.
            let _ = self.rebuild_index(generation - 1);
            return Err(e.into());
        }
        report.total = added.total;
        Ok(report)
    }

    /// Loads everything stored as an [`Analysis`] (articles by id, stories, reuse), e.g. for the
    /// FORMAT.md export.
    pub fn load_analysis(&self) -> Result<Analysis> {
        let articles = load_articles(&self.conn)?;
        let pos: HashMap<&str, usize> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.clean.id.as_str(), i))
            .collect();
        let mut reuse = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT a, b, kind, source, similarity FROM reuse ORDER BY a, b")?;
            let mut passages = self.conn.prepare(
                "SELECT text, a_start, a_end, b_start, b_end FROM reuse_passages
                 WHERE a = ?1 AND b = ?2 ORDER BY idx",
            )?;
            let rows: Vec<(String, String, String, Option<String>, f64)> = stmt
                .query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (a, b, kind, source, similarity) in rows {
                let ps = passages
                    .query_map(params![a, b], |r| {
                        Ok(SharedPassage {
                            text: r.get(0)?,
                            a_start: r.get::<_, i64>(1)? as usize,
                            a_end: r.get::<_, i64>(2)? as usize,
                            b_start: r.get::<_, i64>(3)? as usize,
                            b_end: r.get::<_, i64>(4)? as usize,
                        })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                reuse.push(ReusePair {
                    a: pos[a.as_str()],
                    b: pos[b.as_str()],
                    kind: enum_parse(&kind)?,
                    source: source.as_deref().and_then(|s| pos.get(s).copied()),
                    similarity,
                    passages: ps,
                });
            }
        }
        let mut stories = Vec::new();
        {
            let mut stmt = self.conn.prepare(
                "SELECT id, title, first, last, storyline, event_date FROM stories ORDER BY position",
            )?;
            let mut members = self.conn.prepare(
                "SELECT article_id FROM story_members WHERE story_id = ?1 ORDER BY position",
            )?;
            let rows: Vec<(StoryRow, Option<String>)> = stmt
                .query_map([], |r| {
                    Ok((
                        (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
                        r.get(5)?,
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for ((id, title, first, last, storyline), event_date) in rows {
                let ids: Vec<String> = members
                    .query_map(params![id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                stories.push(Story {
                    articles: ids.iter().map(|a| pos[a.as_str()]).collect(),
                    id,
                    title,
                    first,
                    last,
                    storyline,
                    event_date,
                });
            }
        }
        Ok(Analysis {
            articles,
            stories,
            reuse,
        })
    }
}

fn insert_article(tx: &Transaction<'_>, a: &AnalyzedArticle, raw: &str, hash: i64) -> Result<()> {
    let c = &a.clean;
    tx.execute(
        "INSERT INTO articles (id, title, text, language, published, source, url, origin_path,
         origin_line, paragraph_lines, dropped, comments, raw, raw_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            c.id,
            c.title,
            c.text,
            c.language,
            c.published.map(calendar::iso),
            c.source,
            c.url,
            c.origin.path,
            c.origin.line.map(|l| l as i64),
            to_json(&c.paragraph_lines),
            to_json(&c.dropped),
            to_json(&c.comments),
            raw,
            hash
        ],
    )?;
    let mut ent = tx.prepare_cached(
        "INSERT INTO entities (article_id, idx, name, kind, mentions, spans)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, e) in a.entities.iter().enumerate() {
        ent.execute(params![
            c.id,
            i as i64,
            e.name,
            enum_name(&e.kind),
            to_json(&e.mentions),
            to_json(&e.spans)
        ])?;
    }
    let mut quo = tx.prepare_cached(
        "INSERT INTO quotes (article_id, idx, text, folded, speaker, start, end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, q) in a.quotes.iter().enumerate() {
        quo.execute(params![
            c.id,
            i as i64,
            q.text,
            fold(&q.text),
            q.speaker,
            q.start as i64,
            q.end as i64
        ])?;
    }
    let mut dat = tx.prepare_cached(
        "INSERT INTO dates (article_id, idx, text, value, start, end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, d) in a.dates.iter().enumerate() {
        dat.execute(params![
            c.id,
            i as i64,
            d.text,
            d.value,
            d.start as i64,
            d.end as i64
        ])?;
    }
    Ok(())
}

/// The columns of `articles` that make a [`CleanArticle`], in the order [`ArticleRow::from_row`]
/// reads them.
const ARTICLE_COLUMNS: &str = "id, title, text, language, published, source, url, origin_path, \
     origin_line, paragraph_lines, dropped, comments";

/// One row of `articles` as stored (JSON columns still text), read in one place so that every
/// query selecting [`ARTICLE_COLUMNS`] turns rows into articles the same way.
struct ArticleRow {
    id: String,
    title: Option<String>,
    text: String,
    language: String,
    published: Option<String>,
    source: Option<String>,
    url: Option<String>,
    origin_path: String,
    origin_line: Option<i64>,
    paragraph_lines: String,
    dropped: String,
    comments: String,
}

impl ArticleRow {
    /// Reads a row selected with [`ARTICLE_COLUMNS`].
    fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(ArticleRow {
            id: r.get(0)?,
            title: r.get(1)?,
            text: r.get(2)?,
            language: r.get(3)?,
            published: r.get(4)?,
            source: r.get(5)?,
            url: r.get(6)?,
            origin_path: r.get(7)?,
            origin_line: r.get(8)?,
            paragraph_lines: r.get(9)?,
            dropped: r.get(10)?,
            comments: r.get(11)?,
        })
    }

    /// The article, its JSON columns parsed.
    fn into_clean(self) -> Result<CleanArticle> {
        Ok(CleanArticle {
            id: self.id,
            origin: Origin {
                path: self.origin_path,
                line: self.origin_line.map(|l| l as usize),
            },
            title: self.title,
            text: self.text,
            paragraph_lines: from_json(&self.paragraph_lines)?,
            dropped: from_json(&self.dropped)?,
            comments: from_json(&self.comments)?,
            language: self.language,
            url: self.url,
            source: self.source,
            published: stored_day(self.published.as_deref()),
        })
    }
}

/// A publication day as stored (`YYYY-MM-DD`); anything else (a store written by a version that
/// kept dates as given) reads as unknown.
fn stored_day(s: Option<&str>) -> Option<jiff::civil::Date> {
    s.and_then(calendar::parse_published)
}

/// The stored article `id` without its analysis (`None` when unknown).
fn clean_article(conn: &Connection, id: &str) -> Result<Option<CleanArticle>> {
    conn.query_row(
        &format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1"),
        params![id],
        ArticleRow::from_row,
    )
    .optional()?
    .map(ArticleRow::into_clean)
    .transpose()
}

/// Loads every stored article with its analysis, in id order.
fn load_articles(conn: &Connection) -> Result<Vec<AnalyzedArticle>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY id"
    ))?;
    let rows: Vec<ArticleRow> = stmt
        .query_map([], ArticleRow::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut articles = rows
        .into_iter()
        .map(|row| {
            Ok(AnalyzedArticle {
                clean: row.into_clean()?,
                ..Default::default()
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let pos: HashMap<String, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.clean.id.clone(), i))
        .collect();
    let mut stmt = conn.prepare(
        "SELECT article_id, name, kind, mentions, spans FROM entities ORDER BY article_id, idx",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let kind: String = r.get(2)?;
        let mentions: String = r.get(3)?;
        let spans: String = r.get(4)?;
        articles[pos[&id]].entities.push(Entity {
            name: r.get(1)?,
            kind: enum_parse(&kind)?,
            mentions: from_json(&mentions)?,
            spans: from_json::<Vec<Mention>>(&spans)?,
        });
    }
    let mut stmt = conn.prepare(
        "SELECT article_id, text, speaker, start, end FROM quotes ORDER BY article_id, idx",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        articles[pos[&id]].quotes.push(Quote {
            text: r.get(1)?,
            speaker: r.get(2)?,
            start: r.get::<_, i64>(3)? as usize,
            end: r.get::<_, i64>(4)? as usize,
        });
    }
    let mut stmt = conn.prepare(
        "SELECT article_id, text, value, start, end FROM dates ORDER BY article_id, idx",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        articles[pos[&id]].dates.push(DateMention {
            text: r.get(1)?,
            value: r.get(2)?,
            start: r.get::<_, i64>(3)? as usize,
            end: r.get::<_, i64>(4)? as usize,
        });
    }
    Ok(articles)
}

/// The stored article `id` with its entities (what story features are extracted from).
fn article_with_entities(conn: &Connection, id: &str) -> Result<AnalyzedArticle> {
    let clean = clean_article(conn, id)?.context("article vanished from the store")?;
    let mut stmt = conn.prepare_cached(
        "SELECT name, kind, mentions, spans FROM entities WHERE article_id = ?1 ORDER BY idx",
    )?;
    let rows: Vec<(String, String, String, String)> = stmt
        .query_map(params![id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let entities = rows
        .into_iter()
        .map(|(name, kind, mentions, spans)| {
            Ok(Entity {
                name,
                kind: enum_parse(&kind)?,
                mentions: from_json(&mentions)?,
                spans: from_json::<Vec<Mention>>(&spans)?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(AnalyzedArticle {
        clean,
        entities,
        ..Default::default()
    })
}

/// Replaces the stories with those just computed (`found`, article indexes into `ids`), keeping
/// story ids stable, and rebuilds the speaker counts from the stored quotes.
fn write_stories(tx: &Transaction<'_>, ids: &[String], found: &[Story]) -> Result<()> {
    let mut old: HashMap<String, String> = HashMap::new();
    {
        let mut stmt = tx.prepare("SELECT article_id, story_id FROM story_members")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            old.insert(r.get(0)?, r.get(1)?);
        }
    }
    let new_ids = stable_story_ids(found, ids, &old);
    // Speakers with their counts, for the speaker list and the search box (rebuilt per add).
    tx.execute("DELETE FROM speakers", [])?;
    {
        let counts: Vec<(String, i64, i64)> = tx
            .prepare(
                "SELECT speaker, COUNT(*), COUNT(DISTINCT article_id) FROM quotes
                 WHERE speaker IS NOT NULL GROUP BY speaker",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut ins = tx.prepare(
            "INSERT INTO speakers (name, folded, quotes, articles) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (name, quotes, articles) in counts {
            ins.execute(params![name, fold(&name), quotes, articles])?;
        }
    }
    tx.execute("DELETE FROM stories", [])?;
    let mut st = tx.prepare(
        "INSERT INTO stories (id, position, title, first, last, storyline, event_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut mem = tx.prepare(
        "INSERT OR IGNORE INTO story_members (story_id, article_id, position) VALUES (?1, ?2, ?3)",
    )?;
    for (i, (s, id)) in found.iter().zip(&new_ids).enumerate() {
        st.execute(params![
            id,
            i as i64,
            s.title,
            s.first,
            s.last,
            s.storyline,
            s.event_date
        ])?;
        for (j, &a) in s.articles.iter().enumerate() {
            mem.execute(params![id, ids[a], j as i64])?;
        }
    }
    Ok(())
}

/// Gives each new story the id of the old story it overlaps most (by shared member articles), so
/// that a story that grows keeps its id. Pairs are matched greedily by decreasing overlap (ties: the
/// earlier new story, then the smaller old id); each old id goes to one new story at most. A story
/// with no match keeps the stage's id, suffixed (`-2`, `-3`, …) if an existing story holds it.
pub fn stable_story_ids(
    found: &[Story],
    ids: &[String],
    old: &HashMap<String, String>,
) -> Vec<String> {
    let mut candidates: Vec<(usize, usize, &str)> = Vec::new();
    for (i, s) in found.iter().enumerate() {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for &a in &s.articles {
            if let Some(o) = old.get(&ids[a]) {
                *counts.entry(o.as_str()).or_default() += 1;
            }
        }
        candidates.extend(counts.into_iter().map(|(o, n)| (n, i, o)));
    }
    candidates.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(y.2)));
    let mut ids: Vec<Option<String>> = vec![None; found.len()];
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for (_, i, o) in candidates {
        if ids[i].is_none() && !taken.contains(o) {
            ids[i] = Some(o.to_string());
            taken.insert(o.to_string());
        }
    }
    let mut existing: BTreeSet<&str> = old.values().map(String::as_str).collect();
    existing.extend(taken.iter().map(String::as_str));
    let mut used: BTreeSet<String> = taken.clone();
    found
        .iter()
        .zip(ids)
        .map(|(s, id)| match id {
            Some(id) => id,
            None => {
                let mut id = s.id.clone();
                let mut k = 2;
                while existing.contains(id.as_str()) || used.contains(&id) {
                    id = format!("{}-{k}", s.id);
                    k += 1;
                }
                used.insert(id.clone());
                id
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(id: &str, articles: Vec<usize>) -> Story {
        Story {
            id: id.into(),
            title: String::new(),
            articles,
            first: None,
            last: None,
            storyline: None,
            event_date: None,
        }
    }

    fn art(id: &str) -> String {
        id.to_string()
    }

    #[test]
    fn grown_story_keeps_its_id_and_new_ids_do_not_collide() {
        let arts: Vec<_> = ["a", "b", "c", "d"].into_iter().map(art).collect();
        let old: HashMap<String, String> = [("a", "old1"), ("b", "old1"), ("c", "s0")]
            .into_iter()
            .map(|(a, s)| (a.to_string(), s.to_string()))
            .collect();
        // The stage renumbers: a, b, d together now (s0), c alone (s1).
        let found = vec![story("s0", vec![0, 1, 3]), story("s1", vec![2])];
        assert_eq!(stable_story_ids(&found, &arts, &old), vec!["old1", "s0"]);
        // A brand-new story whose stage id is held by an existing story gets a suffix.
        let found = vec![
            story("s0", vec![0, 1]),
            story("s1", vec![2]),
            story("s0", vec![3]),
        ];
        assert_eq!(
            stable_story_ids(&found, &arts, &old),
            vec!["old1", "s0", "s0-2"]
        );
    }
}
