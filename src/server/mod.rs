//! The HTTP server: a JSON API over the [`Store`] and the web page, served by `recoupe serve`.
//!
//! | method | route | answer |
//! |---|---|---|
//! | GET | `/api` | this table, as JSON |
//! | GET | `/api/stories?offset=&limit=` | stories, newest first, with outlets and counts |
//! | GET | `/api/stories/{id}` | a story: articles in time order, storyline, quotes |
//! | GET | `/api/articles/{id}` | an article: clean text, quotes and entities (char offsets), dropped blocks |
//! | GET | `/api/articles/{id}/reuse` | the articles sharing text with it, with passages |
//! | GET | `/api/compare?a=&b=` | two articles side by side with their shared passages |
//! | GET | `/api/speakers?offset=&limit=` | speakers by number of quotes |
//! | GET | `/api/speakers/{name}` | a speaker's quotes, grouped, with the outlets that repeated them |
//! | GET | `/api/entities?offset=&limit=` | entities by number of articles |
//! | GET | `/api/search?q=&offset=&limit=` | full-text search with snippets, and matching speakers |
//! | POST | `/api/articles` | JSON object or array in the JSONL input shape: analysed and stored |
//!
//! Errors are JSON `{"error": "..."}` with status 400 (malformed JSON, bad parameter), 404
//! (unknown id or route), 413 (body over the limit), 422 (well-formed JSON that is not a valid
//! article), 500 (store failure). The page (`/`, `/app.js`, `/app.css`) is embedded in the binary.
//!
//! The store sits behind a mutex and every handler runs its query on the blocking pool: SQLite
//! reads are short, and one writer at a time is what SQLite allows anyway.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::model::{Document, Origin};
use crate::store::Store;
use crate::text::normalize_input;

/// Default largest request body accepted (POST /api/articles).
pub const DEFAULT_MAX_BODY: usize = 16 << 20;
/// Largest page size for paginated routes.
pub const MAX_LIMIT: usize = 500;
/// Largest `offset` of a listing (SQLite offsets are signed 64-bit; a larger one is a 400, not
/// the first page).
pub const MAX_OFFSET: usize = i64::MAX as usize;

/// The routes, for `GET /api` (kept in step with the module table above).
const ROUTES: &[(&str, &str, &str)] = &[
    ("GET", "/api", "this list of routes"),
    (
        "GET",
        "/api/stories?offset=&limit=",
        "stories, newest first, with outlets and counts",
    ),
    (
        "GET",
        "/api/stories/{id}",
        "a story: articles in time order, storyline, quotes",
    ),
    (
        "GET",
        "/api/articles/{id}",
        "an article: clean text, quotes, entities, dropped blocks",
    ),
    (
        "GET",
        "/api/articles/{id}/reuse",
        "articles sharing text with it, with passages",
    ),
    (
        "GET",
        "/api/compare?a=&b=",
        "two articles side by side with shared passages",
    ),
    (
        "GET",
        "/api/speakers?offset=&limit=",
        "speakers by number of quotes",
    ),
    (
        "GET",
        "/api/speakers/{name}",
        "a speaker's quotes and the outlets that repeated them",
    ),
    (
        "GET",
        "/api/entities?offset=&limit=",
        "entities by number of articles",
    ),
    (
        "GET",
        "/api/search?q=&offset=&limit=",
        "full-text search with snippets",
    ),
    (
        "POST",
        "/api/articles",
        "add articles (JSON object or array, JSONL input shape)",
    ),
];

/// An API error: a status and a message, sent as `{"error": message}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, format!("unknown {what}"))
    }

    fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}"))
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> Self {
        Self::bad_request(r.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(r: PathRejection) -> Self {
        Self::new(r.status(), r.body_text())
    }
}

impl From<BytesRejection> for ApiError {
    fn from(r: BytesRejection) -> Self {
        Self::new(r.status(), r.body_text())
    }
}

/// The server's stores: one writer, taken by `POST /api/articles`, and a pool of read-only
/// stores over the same folder for every read route, so that a long write never holds up a
/// read (SQLite in WAL mode: each read sees the last committed state).
struct Stores {
    writer: Mutex<Store>,
    readers: Mutex<Vec<Store>>,
    dir: std::path::PathBuf,
}

/// Most read-only stores kept open between requests (more are opened under load, then closed).
const KEPT_READERS: usize = 8;

type Shared = Arc<Stores>;
type ApiResult<T> = Result<Json<T>, ApiError>;

/// Runs a read query on the blocking pool with a read-only store of the pool; `None` becomes a
/// 404 naming `what`. A panic in the query is a 500 for this request alone.
async fn with_store<T, F>(state: Shared, what: &'static str, f: F) -> ApiResult<T>
where
    T: Serialize + Send + 'static,
    F: FnOnce(&mut Store) -> anyhow::Result<Option<T>> + Send + 'static,
{
    let out = tokio::task::spawn_blocking(move || {
        let pooled = lock(&state.readers).pop();
        let mut store = match pooled {
            Some(store) => store,
            None => Store::open_reader(&state.dir)?,
        };
        let out = store.catch_up().and_then(|()| f(&mut store));
        let mut readers = lock(&state.readers);
        if readers.len() < KEPT_READERS {
            readers.push(store);
        }
        out
    })
    .await
    .map_err(|e| ApiError::from(anyhow::anyhow!("query task failed: {e}")))??;
    out.map(Json).ok_or_else(|| ApiError::not_found(what))
}

/// Runs a write on the blocking pool with the one writing store (writes queue there).
async fn with_writer<T, F>(state: Shared, f: F) -> ApiResult<T>
where
    T: Serialize + Send + 'static,
    F: FnOnce(&mut Store) -> anyhow::Result<T> + Send + 'static,
{
    let out = tokio::task::spawn_blocking(move || f(&mut lock(&state.writer)))
        .await
        .map_err(|e| ApiError::from(anyhow::anyhow!("write task failed: {e}")))??;
    Ok(Json(out))
}

/// A mutex's content, also after a panic in another request (the stores stay consistent: a
/// write is one SQLite transaction).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// `offset` and `limit` query parameters.
#[derive(Debug, Deserialize)]
struct PageParams {
    offset: Option<usize>,
    limit: Option<usize>,
}

impl PageParams {
    fn get(&self, default: usize) -> Result<(usize, usize), ApiError> {
        let limit = self.limit.unwrap_or(default);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad_request(format!(
                "limit must be between 1 and {MAX_LIMIT}"
            )));
        }
        let offset = self.offset.unwrap_or(0);
        if offset > MAX_OFFSET {
            return Err(ApiError::bad_request(format!(
                "offset must be at most {MAX_OFFSET}"
            )));
        }
        Ok((offset, limit))
    }
}

/// Builds the router over an open store. `max_body` bounds request bodies (413 beyond).
pub fn router(store: Store, max_body: usize) -> Router {
    let state: Shared = Arc::new(Stores {
        dir: store.dir().to_path_buf(),
        writer: Mutex::new(store),
        readers: Mutex::new(Vec::new()),
    });
    Router::new()
        .route("/", get(index_html))
        .route("/app.js", get(app_js))
        .route("/app.css", get(app_css))
        .route("/api", get(routes))
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route("/api/articles", axum::routing::post(post_articles))
        .route("/api/articles/{id}", get(article))
        .route("/api/articles/{id}/reuse", get(article_reuse))
        .route("/api/compare", get(compare))
        .route("/api/speakers", get(speakers))
        .route("/api/speakers/{name}", get(speaker))
        .route("/api/entities", get(entities))
        .route("/api/search", get(search))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(state)
}

/// Serves `store` on `addr` until interrupted. Prints
/// `listening on http://ADDR` (the bound address, useful with port 0) once ready.
pub fn run(store: Store, addr: SocketAddr, max_body: usize) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let bound = listener.local_addr()?;
        println!("listening on http://{bound}");
        use std::io::Write;
        std::io::stdout().flush()?;
        axum::serve(listener, router(store, max_body))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .context("server failed")
    })
}

const INDEX_HTML: &str = include_str!("web/index.html");
const APP_JS: &str = include_str!("web/app.js");
const APP_CSS: &str = include_str!("web/app.css");

async fn index_html() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        INDEX_HTML,
    )
}

async fn app_js() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        APP_JS,
    )
}

async fn app_css() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], APP_CSS)
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed on this route (GET /api lists the routes)",
    )
}

async fn not_found() -> ApiError {
    ApiError::not_found("route (GET /api lists the routes)")
}

async fn routes() -> Json<Value> {
    Json(json!({
        "routes": ROUTES
            .iter()
            .map(|(m, p, d)| json!({"method": m, "path": p, "description": d}))
            .collect::<Vec<_>>()
    }))
}

async fn stories(
    State(s): State<Shared>,
    q: Result<Query<PageParams>, QueryRejection>,
) -> ApiResult<crate::store::query::Page<crate::store::query::StorySummary>> {
    let (offset, limit) = q?.get(50)?;
    with_store(s, "stories", move |st| st.stories(offset, limit).map(Some)).await
}

async fn story(
    State(s): State<Shared>,
    id: Result<UrlPath<String>, PathRejection>,
) -> ApiResult<crate::store::query::StoryDetail> {
    let UrlPath(id) = id?;
    with_store(s, "story", move |st| st.story(&id)).await
}

async fn article(
    State(s): State<Shared>,
    id: Result<UrlPath<String>, PathRejection>,
) -> ApiResult<crate::store::query::ArticleDetail> {
    let UrlPath(id) = id?;
    with_store(s, "article", move |st| st.article(&id)).await
}

async fn article_reuse(
    State(s): State<Shared>,
    id: Result<UrlPath<String>, PathRejection>,
) -> ApiResult<Vec<crate::store::query::ReuseView>> {
    let UrlPath(id) = id?;
    with_store(s, "article", move |st| st.article_reuse(&id)).await
}

#[derive(Debug, Deserialize)]
struct CompareParams {
    a: String,
    b: String,
}

async fn compare(
    State(s): State<Shared>,
    q: Result<Query<CompareParams>, QueryRejection>,
) -> ApiResult<crate::store::query::Compare> {
    let Query(p) = q?;
    with_store(s, "article", move |st| st.compare(&p.a, &p.b)).await
}

async fn speakers(
    State(s): State<Shared>,
    q: Result<Query<PageParams>, QueryRejection>,
) -> ApiResult<crate::store::query::Page<crate::store::query::SpeakerSummary>> {
    let (offset, limit) = q?.get(100)?;
    with_store(s, "speakers", move |st| {
        st.speakers(offset, limit).map(Some)
    })
    .await
}

async fn speaker(
    State(s): State<Shared>,
    name: Result<UrlPath<String>, PathRejection>,
) -> ApiResult<crate::store::query::SpeakerDetail> {
    let UrlPath(name) = name?;
    with_store(s, "speaker", move |st| st.speaker(&name)).await
}

async fn entities(
    State(s): State<Shared>,
    q: Result<Query<PageParams>, QueryRejection>,
) -> ApiResult<crate::store::query::Page<crate::store::query::EntitySummary>> {
    let (offset, limit) = q?.get(100)?;
    with_store(s, "entities", move |st| {
        st.entities(offset, limit).map(Some)
    })
    .await
}

#[derive(Debug, Deserialize)]
struct SearchParams {
    q: String,
    offset: Option<usize>,
    limit: Option<usize>,
}

async fn search(
    State(s): State<Shared>,
    q: Result<Query<SearchParams>, QueryRejection>,
) -> ApiResult<crate::store::query::SearchResults> {
    let Query(p) = q?;
    if p.q.trim().is_empty() {
        return Err(ApiError::bad_request("empty query `q`"));
    }
    let (offset, limit) = PageParams {
        offset: p.offset,
        limit: p.limit,
    }
    .get(20)?;
    crate::store::search::check_query(&p.q).map_err(|e| ApiError::bad_request(e.to_string()))?;
    if offset > crate::store::search::MAX_SEARCH_OFFSET {
        return Err(ApiError::bad_request(format!(
            "offset must be at most {}",
            crate::store::search::MAX_SEARCH_OFFSET
        )));
    }
    with_store(s, "search", move |st| {
        st.search(&p.q, offset, limit).map(Some)
    })
    .await
}

/// Turns one JSON value in the JSONL input shape into a document, or says why it is not one.
pub fn document_from_json(v: &Value, n: usize) -> Result<Document, String> {
    let obj = v
        .as_object()
        .ok_or_else(|| format!("article {n}: expected a JSON object"))?;
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::Number(x)) => x.to_string(),
        _ => return Err(format!("article {n}: missing or empty `id`")),
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => normalize_input(s),
        _ => return Err(format!("article {id}: missing `text` (a string)")),
    };
    if text.trim().is_empty() {
        return Err(format!("article {id}: empty `text`"));
    }
    if text.len() > crate::ingest::MAX_ARTICLE_BYTES {
        return Err(format!("article {id}: `text` too long"));
    }
    let field = |k: &str| -> Result<Option<String>, String> {
        match obj.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(normalize_input(s)).filter(|s| !s.trim().is_empty())),
            Some(_) => Err(format!("article {id}: `{k}` must be a string")),
        }
    };
    Ok(Document {
        origin: Origin {
            path: "POST /api/articles".into(),
            line: Some(n),
        },
        title: field("title")?,
        url: field("url")?,
        source: field("source")?,
        published: match field("published")? {
            Some(s) => Some(crate::calendar::parse_published(&s).ok_or_else(|| {
                format!("article {id}: `published` {s:?} is not a date (ISO 8601 expected)")
            })?),
            None => None,
        },
        id,
        text,
        html: None,
    })
}

async fn post_articles(
    State(s): State<Shared>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<crate::store::AddReport>), ApiError> {
    let body = body?;
    let value: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("malformed JSON: {e}")))?;
    let items = match value {
        Value::Array(items) => items,
        v @ Value::Object(_) => vec![v],
        _ => {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "expected an article object or an array of them",
            ))
        }
    };
    if items.is_empty() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "no article in the array",
        ));
    }
    let mut docs = Vec::with_capacity(items.len());
    let mut seen = std::collections::BTreeSet::new();
    for (i, v) in items.iter().enumerate() {
        let d = document_from_json(v, i + 1)
            .map_err(|m| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, m))?;
        if !seen.insert(d.id.clone()) {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("duplicate article id {}", d.id),
            ));
        }
        docs.push(d);
    }
    let Json(report) = with_writer(s, move |st| st.add(docs)).await?;
    let status = if report.added > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(report)))
}
