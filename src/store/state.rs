//! The store as the [`State`] of the incremental pipeline: SQL reads and writes inside the
//! transaction of one [`super::Store::add`], and nothing else (no stage runs here).

use std::collections::HashMap;

use anyhow::Result;
use jiff::civil::Date;
use rusqlite::{params, Transaction};

use super::{
    article_with_entities, enum_name, enum_parse, insert_article, stored_day, write_stories,
};
use crate::model::{AnalyzedArticle, DateMention, ReuseKind, ReusePair, Story};
use crate::pipeline::{Features, State, StoryInput};

/// One add's view of the store: its transaction and the raw documents being added (id → raw
/// JSON and hash), written beside their analysis.
pub(super) struct TxState<'a, 'c> {
    tx: &'a Transaction<'c>,
    raws: &'a HashMap<String, (String, i64)>,
}

impl<'a, 'c> TxState<'a, 'c> {
    pub(super) fn new(tx: &'a Transaction<'c>, raws: &'a HashMap<String, (String, i64)>) -> Self {
        Self { tx, raws }
    }

    fn put_features_row(&self, id: &str, story: &Features) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO story_features (article_id, title, features)
                 VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, story.title, story.bytes])?;
        Ok(())
    }
}

impl State for TxState<'_, '_> {
    fn put_article(
        &mut self,
        a: &AnalyzedArticle,
        signature: &[u8],
        story: &Features,
    ) -> Result<()> {
        let id = &a.clean.id;
        let (raw, hash) = self
            .raws
            .get(id)
            .ok_or_else(|| anyhow::anyhow!("article {id} was not among the documents added"))?;
        self.tx
            .execute("DELETE FROM articles WHERE id = ?1", params![id])?;
        insert_article(self.tx, a, raw, *hash)?;
        self.put_signature(id, signature)?;
        self.put_features_row(id, story)
    }

    fn for_each_signature(&mut self, f: &mut dyn FnMut(String, Option<&[u8]>)) -> Result<()> {
        let mut stmt = self.tx.prepare(
            "SELECT a.id, s.signature FROM articles a
             LEFT JOIN reuse_signatures s ON s.article_id = a.id ORDER BY a.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(r.get(0)?, r.get_ref(1)?.as_blob_or_null()?);
        }
        Ok(())
    }

    fn put_signature(&mut self, id: &str, signature: &[u8]) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO reuse_signatures (article_id, signature) VALUES (?1, ?2)",
            )?
            .execute(params![id, signature])?;
        Ok(())
    }

    fn text(&mut self, id: &str) -> Result<(String, Option<Date>)> {
        let (t, p): (String, Option<String>) = self
            .tx
            .prepare_cached("SELECT text, published FROM articles WHERE id = ?1")?
            .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok((t, stored_day(p.as_deref())))
    }

    fn put_reuse(&mut self, a: &str, b: &str, source: Option<&str>, p: &ReusePair) -> Result<()> {
        let tx = self.tx;
        tx.execute("DELETE FROM reuse WHERE a = ?1 AND b = ?2", params![a, b])?;
        tx.prepare_cached(
            "INSERT OR REPLACE INTO reuse (a, b, kind, source, similarity)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![a, b, enum_name(&p.kind), source, p.similarity])?;
        let mut pa = tx.prepare_cached(
            "INSERT OR REPLACE INTO reuse_passages (a, b, idx, text, a_start, a_end, b_start, b_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (k, x) in p.passages.iter().enumerate() {
            pa.execute(params![
                a,
                b,
                k as i64,
                x.text,
                x.a_start as i64,
                x.a_end as i64,
                x.b_start as i64,
                x.b_end as i64
            ])?;
        }
        Ok(())
    }

    fn for_each_story_input(&mut self, f: &mut dyn FnMut(StoryInput<'_>)) -> Result<()> {
        let mut stmt = self.tx.prepare(
            "SELECT a.id, a.published, f.title, f.features,
                    COALESCE(TRIM(a.title), '') != '' FROM articles a
             LEFT JOIN story_features f ON f.article_id = a.id ORDER BY a.id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(StoryInput {
                id: r.get(0)?,
                published: stored_day(r.get::<_, Option<String>>(1)?.as_deref()),
                title: r.get(2)?,
                features: r.get_ref(3)?.as_blob_or_null()?,
                headline: r.get(4)?,
            });
        }
        Ok(())
    }

    fn article(&mut self, id: &str) -> Result<AnalyzedArticle> {
        article_with_entities(self.tx, id)
    }

    fn put_features(&mut self, id: &str, story: &Features) -> Result<()> {
        self.put_features_row(id, story)
    }

    fn for_each_reuse(&mut self, f: &mut dyn FnMut(&str, &str, ReuseKind, f64)) -> Result<()> {
        let mut stmt = self
            .tx
            .prepare("SELECT a, b, kind, similarity FROM reuse")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (a, b): (String, String) = (r.get(0)?, r.get(1)?);
            let kind: ReuseKind = enum_parse(&r.get::<_, String>(2)?)?;
            f(&a, &b, kind, r.get(3)?);
        }
        Ok(())
    }

    fn for_each_date(&mut self, f: &mut dyn FnMut(&str, DateMention)) -> Result<()> {
        let mut stmt = self.tx.prepare(
            "SELECT article_id, text, value, start, end FROM dates ORDER BY article_id, idx",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let d = DateMention {
                text: r.get(1)?,
                value: r.get(2)?,
                start: r.get::<_, i64>(3)? as usize,
                end: r.get::<_, i64>(4)? as usize,
            };
            f(&id, d);
        }
        Ok(())
    }

    fn put_stories(&mut self, ids: &[String], stories: &[Story]) -> Result<()> {
        write_stories(self.tx, ids, stories)
    }
}
