//! Full-text search over title and clean text (tantivy), one pair of fields per language.
//!
//! **Design choice: one field per language.** Each article's title and text go into the fields of
//! its language (`title_fr`/`text_fr`, `title_en`/`text_en`, or `title_xx`/`text_xx` for any other
//! language). Each field has its own analyser: word tokenizer, lower-casing, the language's Snowball
//! stemmer (fr, en; none for the other languages), then ASCII folding — stemming before folding lets
//! the stemmer see the accents it expects, and folding after it makes "defense" find "défense". A
//! query is parsed against all the fields, so each field analyses the query with its own language's
//! analyser: the user needs not say which language they search in. A new language with a stemmer is
//! one more entry in [`LANGS`].
//!
//! The index is derived data: SQLite is the record. Every commit carries the store's index
//! generation as its payload; when the payload is behind SQLite's generation (a crash between the
//! two commits), the store rebuilds the index from SQLite at open.

use std::path::Path;

use anyhow::{Context, Result};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// The language codes with their own fields and stemmer; `xx` takes every other language.
pub const LANGS: &[(&str, Option<Language>)] = &[
    ("fr", Some(Language::French)),
    ("en", Some(Language::English)),
    ("xx", None),
];

/// Heap given to the index writer (tantivy's minimum is 15 MB per thread).
const WRITER_HEAP: usize = 50_000_000;

/// Longest query accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 2_000;
/// Deepest nesting of parentheses accepted (the query parser recurses once per level).
pub const MAX_QUERY_DEPTH: usize = 16;
/// Most words (whitespace-separated parts) in one query.
pub const MAX_QUERY_TERMS: usize = 64;
/// Furthest a search pages: hits past this rank are not served (each search keeps
/// `offset + limit` hits in memory).
pub const MAX_SEARCH_OFFSET: usize = 10_000;

/// A query refused before it is parsed, with the bound it exceeds in words a user understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTooComplex(pub String);

impl std::fmt::Display for QueryTooComplex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for QueryTooComplex {}

/// Checks a query against [`MAX_QUERY_BYTES`], [`MAX_QUERY_DEPTH`] and [`MAX_QUERY_TERMS`]:
/// parsing it then takes time and stack in proportion to a bounded size.
pub fn check_query(query: &str) -> std::result::Result<(), QueryTooComplex> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(QueryTooComplex(format!(
            "query too long ({} bytes, at most {MAX_QUERY_BYTES})",
            query.len()
        )));
    }
    let terms = query.split_whitespace().count();
    if terms > MAX_QUERY_TERMS {
        return Err(QueryTooComplex(format!(
            "query has {terms} words, at most {MAX_QUERY_TERMS}"
        )));
    }
    let depth = nesting_depth(query);
    if depth > MAX_QUERY_DEPTH {
        return Err(QueryTooComplex(format!(
            "query nests parentheses {depth} deep, at most {MAX_QUERY_DEPTH}"
        )));
    }
    Ok(())
}

/// Deepest parenthesis nesting outside quoted phrases (an unclosed one counts as open to the end).
fn nesting_depth(query: &str) -> usize {
    let (mut depth, mut deepest, mut quoted) = (0usize, 0usize, false);
    for c in query.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' | '[' | '{' if !quoted => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' | ']' | '}' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// A search hit: article id, score and a snippet of the text with the matched words in `<b>`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    /// Article id.
    pub id: String,
    /// Relevance score (BM25).
    pub score: f32,
    /// HTML fragment of the text around the matches, escaped, matches wrapped in `<b>`.
    pub snippet: String,
}

/// What one article contributes to the index.
pub struct IndexedArticle<'a> {
    /// Article id.
    pub id: &'a str,
    /// Headline.
    pub title: &'a str,
    /// Clean text.
    pub text: &'a str,
    /// ISO 639-1 code.
    pub language: &'a str,
}

/// The tantivy index of a store.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    id: Field,
    /// (language, title field, text field), in [`LANGS`] order.
    fields: Vec<(&'static str, Field, Field)>,
    /// Why the index was made anew at open, if it was.
    recreated: Option<String>,
}

fn analyzer(lang: Option<Language>) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser);
    match lang {
        Some(l) => base
            .filter(Stemmer::new(l))
            .filter(AsciiFoldingFilter)
            .build(),
        None => base.filter(AsciiFoldingFilter).build(),
    }
}

fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("id", STRING | STORED);
    for (lang, _) in LANGS {
        let opts = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(&format!("recoupe_{lang}"))
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        b.add_text_field(&format!("title_{lang}"), opts.clone());
        b.add_text_field(&format!("text_{lang}"), opts);
    }
    b.build()
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it (empty) when absent, unreadable, of another schema
    /// or damaged (a segment file missing): the store then refills it from SQLite, and
    /// [`SearchIndex::recreated`] says why.
    pub fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let schema = schema();
        let why = match Index::open_in_dir(dir) {
            Ok(i) if i.schema() == schema => match Self::over(i) {
                Ok(index) => return Ok(index),
                Err(e) => format!("the search index in {} is damaged ({e:#})", dir.display()),
            },
            Ok(_) => format!("the search index in {} has another schema", dir.display()),
            Err(e) if Index::exists(&tantivy::directory::MmapDirectory::open(dir)?)? => {
                format!("the search index in {} is unreadable ({e})", dir.display())
            }
            Err(_) => return Self::over(Index::create_in_dir(dir, schema)?),
        };
        for entry in std::fs::read_dir(dir)? {
            let p = entry?.path();
            if p.is_file() {
                std::fs::remove_file(&p)?;
            }
        }
        let mut index = Self::over(Index::create_in_dir(dir, schema)?)?;
        index.recreated = Some(why);
        Ok(index)
    }

    /// Why the index was found unusable and made anew at open (its content is then rebuilt
    /// from SQLite by the store), if it was.
    pub fn recreated(&self) -> Option<&str> {
        self.recreated.as_deref()
    }

    /// Opens the existing index in `dir` for searching only: nothing is created, repaired or
    /// removed (a reader beside a writer must not), and a damaged index is an error.
    pub fn open_existing(dir: &Path) -> Result<Self> {
        let index = Index::open_in_dir(dir)
            .with_context(|| format!("cannot open the search index in {}", dir.display()))?;
        Self::over(index)
    }

    /// A new empty index held in memory (nothing written to disk).
    pub fn in_memory() -> Result<Self> {
        Self::over(Index::create_in_ram(schema()))
    }

    fn over(index: Index) -> Result<Self> {
        let schema = index.schema();
        for (lang, stem) in LANGS {
            index
                .tokenizers()
                .register(&format!("recoupe_{lang}"), analyzer(*stem));
        }
        // Building the reader opens every segment: a missing file shows here, not in a search.
        let reader = index
            .reader_builder()
            // Also sees commits made by another process (a `recoupe add` beside `recoupe serve`).
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        let field = |n: &str| schema.get_field(n).expect("field of the schema");
        let fields = LANGS
            .iter()
            .map(|(l, _)| {
                (
                    *l,
                    field(&format!("title_{l}")),
                    field(&format!("text_{l}")),
                )
            })
            .collect();
        Ok(Self {
            id: field("id"),
            fields,
            index,
            reader,
            recreated: None,
        })
    }

    /// Makes the last commit (of this process or another) visible to searches now.
    pub fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        Ok(())
    }

    /// The generation written with the last commit (0 for a new index).
    pub fn generation(&self) -> Result<i64> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(0))
    }

    /// Number of documents visible to searches.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// True when no document is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Replaces the given articles (by id) and, when `reset` is set, everything else too; commits
    /// with `generation` as payload and reloads the reader.
    pub fn update(
        &self,
        articles: &[IndexedArticle<'_>],
        reset: bool,
        generation: i64,
    ) -> Result<()> {
        let mut writer: IndexWriter = self.index.writer_with_num_threads(1, WRITER_HEAP)?;
        if reset {
            writer.delete_all_documents()?;
        }
        for a in articles {
            writer.delete_term(Term::from_field_text(self.id, a.id));
            let (_, title, text) = self
                .fields
                .iter()
                .find(|(l, _, _)| *l == a.language)
                .unwrap_or_else(|| self.fields.last().expect("xx fields"));
            let mut doc = TantivyDocument::default();
            doc.add_text(self.id, a.id);
            doc.add_text(*title, a.title);
            doc.add_text(*text, a.text);
            writer.add_document(doc)?;
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&generation.to_string());
        commit.commit()?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Searches title and text (titles weigh double) and returns the total number of matching
    /// articles and the best `limit` hits after `offset`, with snippets. Query syntax errors are
    /// forgiven (lenient parsing): a user's stray quote mark must not fail the search.
    ///
    /// A query beyond the bounds of [`check_query`], or an `offset` past
    /// [`MAX_SEARCH_OFFSET`], is an error ([`QueryTooComplex`]) before any work.
    pub fn search(&self, query: &str, offset: usize, limit: usize) -> Result<(usize, Vec<Hit>)> {
        check_query(query)?;
        if offset > MAX_SEARCH_OFFSET {
            return Err(QueryTooComplex(format!(
                "search offset {offset} is past the last served rank ({MAX_SEARCH_OFFSET})"
            ))
            .into());
        }
        let searcher = self.reader.searcher();
        let all: Vec<Field> = self.fields.iter().flat_map(|(_, t, x)| [*t, *x]).collect();
        let mut parser = QueryParser::for_index(&self.index, all);
        parser.set_conjunction_by_default();
        for (_, title, _) in &self.fields {
            parser.set_field_boost(*title, 2.0);
        }
        let (query, _errors) = parser.parse_query_lenient(query);
        let (total, top) = searcher.search(
            &query,
            &(
                Count,
                TopDocs::with_limit(limit.max(1))
                    .and_offset(offset)
                    .order_by_score(),
            ),
        )?;
        let mut generators = Vec::new();
        for (_, _, text) in &self.fields {
            let mut g = SnippetGenerator::create(&searcher, &*query, *text)?;
            g.set_max_num_chars(220);
            generators.push(g);
        }
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top.into_iter().take(limit) {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let id = doc
                .get_first(self.id)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string();
            let mut snippet = String::new();
            for ((_, _, text), g) in self.fields.iter().zip(&generators) {
                if let Some(t) = doc.get_first(*text).and_then(|v| v.as_str()) {
                    let s = g.snippet(t);
                    snippet = if s.is_empty() {
                        escape_html(&t.chars().take(200).collect::<String>())
                    } else {
                        s.to_html()
                    };
                    break;
                }
            }
            hits.push(Hit { id, score, snippet });
        }
        Ok((total, hits))
    }
}

/// Escapes text for HTML (the snippet fallback when only the title matched).
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(a: &mut TextAnalyzer, s: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut ts = a.token_stream(s);
        while ts.advance() {
            out.push(ts.token().text.clone());
        }
        out
    }

    #[test]
    fn french_analyser_stems_and_folds() {
        let mut a = analyzer(Some(Language::French));
        assert_eq!(tokens(&mut a, "Défenses"), tokens(&mut a, "defense"));
        assert_eq!(tokens(&mut a, "L’État"), vec!["l", "etat"]);
    }

    #[test]
    fn english_analyser_stems() {
        let mut a = analyzer(Some(Language::English));
        assert_eq!(tokens(&mut a, "refuses"), tokens(&mut a, "refused"));
    }
}
