//! Ingest: reads input paths (.txt files, folders of them, JSONL files, HTML pages, optionally
//! gzipped, and WARC archives) into [`Document`]s.
//!
//! HTML input fills [`Document::html`] (decoded to UTF-8) and leaves `text` empty: the extract
//! stage reads the page.
//!
//! A bad input never stops the batch: each problem becomes an [`InputError`] naming the file (and
//! line), and reading goes on with the next document.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use crate::calendar;
use crate::model::{Document, Origin};
use crate::text::normalize_input;

pub mod html;
pub mod warc;

/// A problem with one input document or file; the document is skipped, the batch goes on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct InputError {
    /// The file (and line) at fault.
    pub origin: Origin,
    /// What is wrong, in words a user understands.
    pub message: String,
}

impl InputError {
    fn new(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            origin: Origin {
                path: path.display().to_string(),
                line,
            },
            message: message.into(),
        }
    }
}

/// What reading a set of paths produced: the documents, in a stable order, and the problems.
#[derive(Debug, Default)]
pub struct Ingested {
    /// Documents read, sorted by id; ids are unique.
    pub documents: Vec<Document>,
    /// Documents or files skipped, with the reason.
    pub errors: Vec<InputError>,
    /// Problems in documents that were kept: a field that could not be read (an unreadable
    /// publication date) is left empty and reported here.
    pub warnings: Vec<InputError>,
}

/// Largest input file read (bigger ones are reported, not read).
pub const MAX_FILE_BYTES: u64 = 1 << 30;
/// Largest single article text kept, for every input kind (a `.txt` file, a JSONL `text`):
/// longer texts are reported with their file and skipped.
pub const MAX_ARTICLE_BYTES: usize = 16 << 20;

fn too_large(path: &Path, what: &str, len: usize, limit: usize) -> InputError {
    let msg = format!("{what} too large ({len} bytes, limit {limit} bytes); skipped");
    InputError::new(path, None, msg)
}

/// The kinds of input files recoupe reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InputKind {
    Text,
    JsonLines,
    Html { gzipped: bool },
    Warc { gzipped: bool },
}

fn kind_of(path: &Path) -> Option<InputKind> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let (base, gzipped) = match name.strip_suffix(".gz") {
        Some(b) => (b, true),
        None => (name.as_str(), false),
    };
    if base.ends_with(".html") || base.ends_with(".htm") || base.ends_with(".xhtml") {
        Some(InputKind::Html { gzipped })
    } else if base.ends_with(".warc") {
        Some(InputKind::Warc { gzipped })
    } else if gzipped {
        None
    } else if name.ends_with(".txt") {
        Some(InputKind::Text)
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Some(InputKind::JsonLines)
    } else {
        None
    }
}

/// The article id of a one-article file: its file name up to the first dot (FORMAT.md).
pub fn id_from_path(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match name.find('.') {
        Some(0) | None => name,
        Some(dot) => name[..dot].to_string(),
    }
}

/// Deepest folder nesting walked under an input folder (deeper folders are reported, not read).
pub const MAX_FOLDER_DEPTH: usize = 64;

/// One input file to read, with the id of its article when it holds one (`.txt`, `.html`).
struct InputFile {
    path: PathBuf,
    kind: InputKind,
    id: String,
}

impl InputFile {
    fn new(path: PathBuf, kind: InputKind) -> Self {
        let id = id_from_path(&path);
        Self { path, kind, id }
    }
}

/// Reads every document under the given paths (files or folders, folders recursively: each
/// real file once, symbolic-link loops reported, non-UTF-8 names read).
pub fn read_paths<P: AsRef<Path>>(paths: &[P]) -> Ingested {
    let mut files = Vec::new();
    let mut out = Ingested::default();
    let mut walk = Walk::default();
    for p in paths {
        let p = p.as_ref();
        match fs::metadata(p) {
            Err(e) => out
                .errors
                .push(InputError::new(p, None, format!("cannot read: {e}"))),
            Ok(m) if m.is_dir() => {
                let first = files.len();
                walk.dir(p, 0, &mut files, &mut out);
                unique_ids_under(p, &mut files[first..]);
            }
            Ok(_) => match kind_of(p) {
                Some(k) if walk.first_visit(p) => files.push(InputFile::new(p.to_path_buf(), k)),
                Some(_) => {}
                None => out.errors.push(InputError::new(
                    p,
                    None,
                    "unknown input type (expected .txt, .jsonl, .html[.gz] or .warc[.gz])",
                )),
            },
        }
    }
    // Files are read and decoded in parallel; each yields its own documents and errors, merged
    // in file order so the outcome does not depend on scheduling.
    let per_file: Vec<Ingested> = files.par_iter().map(read_file).collect();
    for one in per_file {
        out.documents.extend(one.documents);
        out.errors.extend(one.errors);
        out.warnings.extend(one.warnings);
    }
    dedup_ids(&mut out);
    out
}

fn read_file(file: &InputFile) -> Ingested {
    let mut one = Ingested::default();
    let path = &file.path;
    let doc = match file.kind {
        InputKind::Text => read_text_file(path),
        InputKind::Html { gzipped } => read_html_file(path, gzipped),
        InputKind::JsonLines => {
            read_jsonl_file(path, &mut one);
            return one;
        }
        InputKind::Warc { gzipped } => {
            read_warc_file(path, gzipped, &mut one);
            return one;
        }
    };
    match doc {
        Ok(doc) => one.documents.push(Document {
            id: file.id.clone(),
            ..doc
        }),
        Err(e) => one.errors.push(e),
    }
    one
}

/// The folders and files already walked, by their real path (symbolic links resolved).
#[derive(Default)]
struct Walk {
    seen: HashSet<PathBuf>,
}

impl Walk {
    /// Whether `path` is met for the first time (a path that cannot be resolved counts as new).
    fn first_visit(&mut self, path: &Path) -> bool {
        match fs::canonicalize(path) {
            Ok(real) => self.seen.insert(real),
            Err(_) => true,
        }
    }

    fn dir(&mut self, dir: &Path, depth: usize, files: &mut Vec<InputFile>, out: &mut Ingested) {
        if !self.first_visit(dir) {
            let msg = "folder already read (a symbolic link loops back to it); skipped";
            return out.warnings.push(InputError::new(dir, None, msg));
        }
        if depth > MAX_FOLDER_DEPTH {
            let msg = format!("folder nested deeper than {MAX_FOLDER_DEPTH} levels; not read");
            return out.errors.push(InputError::new(dir, None, msg));
        }
        let entries = match fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                let msg = format!("cannot list folder: {e}");
                return out.errors.push(InputError::new(dir, None, msg));
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                self.dir(&p, depth + 1, files, out);
            } else if let Some(k) = kind_of(&p) {
                if self.first_visit(&p) {
                    files.push(InputFile::new(p, k));
                }
            }
        }
    }
}

/// Gives the one-article files under `root` whose file names share an id (a folder per page:
/// `pages/a/source.html`, `pages/b/source.html`) their path under `root` as id
/// (`a/source`, `b/source`), so that they stay apart.
fn unique_ids_under(root: &Path, files: &mut [InputFile]) {
    let mut count: std::collections::HashMap<String, usize> = Default::default();
    let one_article = |f: &InputFile| matches!(f.kind, InputKind::Text | InputKind::Html { .. });
    for f in files.iter().filter(|f| one_article(f)) {
        *count.entry(f.id.clone()).or_default() += 1;
    }
    for f in files.iter_mut().filter(|f| one_article(f)) {
        if count[&f.id] < 2 {
            continue;
        }
        if let Ok(rel) = f.path.strip_prefix(root) {
            let parent = rel.parent().map(|p| p.to_string_lossy().into_owned());
            f.id = match parent.filter(|p| !p.is_empty()) {
                Some(p) => format!("{}/{}", p.replace('\\', "/"), f.id),
                None => f.id.clone(),
            };
        }
    }
}

/// Text written in UTF-16 with its byte-order mark (what some Windows tools save), decoded; or
/// the byte offset of its first malformed unit. `None` when `bytes` has no UTF-16 mark.
fn utf16_with_bom(bytes: &[u8]) -> Option<Result<String, usize>> {
    let (encoding, _) = encoding_rs::Encoding::for_bom(bytes)?;
    if encoding == encoding_rs::UTF_8 {
        return None;
    }
    let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
    if had_errors {
        let at = text.find('\u{fffd}').unwrap_or(0) * 2;
        return Some(Err(at));
    }
    Some(Ok(text.into_owned()))
}

/// Decodes file bytes as UTF-8 text (or UTF-16 with its byte-order mark), or says precisely
/// why not (empty, binary, bad encoding).
fn decode(path: &Path, bytes: &[u8], first_line: usize) -> Result<String, InputError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::new(path, None, "empty file"));
    }
    if let Some(text) = utf16_with_bom(bytes) {
        return text
            .map_err(|at| InputError::new(path, None, format!("invalid UTF-16 at byte {at}")));
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if head.contains(&0) || controls * 20 > head.len() {
        return Err(InputError::new(
            path,
            None,
            "binary data, not text (NUL or control bytes)",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = first_line + bytes[..at].iter().filter(|&&b| b == b'\n').count();
            Err(InputError::new(
                path,
                Some(line),
                format!("invalid UTF-8 at byte {at} (convert the file to UTF-8)"),
            ))
        }
    }
}

fn read_text_file(path: &Path) -> Result<Document, InputError> {
    let bytes = read_bounded(path)?;
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(too_large(path, "article", bytes.len(), MAX_ARTICLE_BYTES));
    }
    let raw = decode(path, &bytes, 1)?;
    let text = normalize_input(&raw);
    if text.trim().is_empty() {
        return Err(InputError::new(path, None, "no text"));
    }
    Ok(Document {
        id: id_from_path(path),
        origin: Origin {
            path: path.display().to_string(),
            line: None,
        },
        text,
        ..Default::default()
    })
}

/// True when decoded HTML holds some visible text (anything outside tags, scripts and styles).
fn html_has_text(html: &str) -> bool {
    // Tag names are matched without regard to ASCII case, without copying the page.
    let starts_ci = |s: &str, p: &str| html::starts_with_ci(s.as_bytes(), p.as_bytes());
    let find_ci = |s: &str, p: &str| html::find_ci(s.as_bytes(), p.as_bytes());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if rest[..lt].chars().any(|c| c.is_alphanumeric()) {
            return true;
        }
        rest = &rest[lt..];
        let skip_to = if starts_ci(rest, "<script") {
            "</script"
        } else if starts_ci(rest, "<style") {
            "</style"
        } else if rest.starts_with("<!--") {
            "-->"
        } else {
            ">"
        };
        match find_ci(rest, skip_to) {
            Some(p) => rest = &rest[p + skip_to.len()..],
            None => return false,
        }
        if let Some(gt) = rest.find('>').filter(|_| skip_to.starts_with("</")) {
            rest = &rest[gt + 1..];
        }
    }
    rest.chars().any(|c| c.is_alphanumeric())
}

fn read_html_file(path: &Path, gzipped: bool) -> Result<Document, InputError> {
    let raw = read_bounded(path)?;
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::new(path, None, "empty file"));
    }
    let bytes = if gzipped {
        html::gunzip(&raw).map_err(|e| InputError::new(path, None, e))?
    } else {
        raw
    };
    let limit = html::MAX_PAGE_BYTES as usize;
    if bytes.len() > limit {
        return Err(too_large(path, "page", bytes.len(), limit));
    }
    let (page, _) = html::decode_html(bytes, None);
    if !html_has_text(&page) {
        return Err(InputError::new(
            path,
            None,
            "HTML page without any visible text",
        ));
    }
    Ok(Document {
        id: id_from_path(path),
        origin: Origin {
            path: path.display().to_string(),
            line: None,
        },
        html: Some(page),
        ..Default::default()
    })
}

fn read_warc_file(path: &Path, gzipped: bool, out: &mut Ingested) {
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            return out
                .errors
                .push(InputError::new(path, None, format!("cannot read: {e}")))
        }
    };
    let (pages, problems) = warc::read_warc(file, gzipped);
    if pages.is_empty() && problems.is_empty() {
        out.errors.push(InputError::new(
            path,
            None,
            "WARC file without any HTML response record",
        ));
    }
    for p in problems {
        out.errors.push(InputError::new(
            path,
            None,
            format!("WARC record at byte {}: {}", p.offset, p.message),
        ));
    }
    for p in pages {
        if !html_has_text(&p.html) {
            out.errors.push(InputError::new(
                path,
                None,
                format!(
                    "WARC record {} (byte {}): HTML page without any visible text",
                    p.id, p.offset
                ),
            ));
            continue;
        }
        out.documents.push(Document {
            id: p.id,
            origin: Origin {
                path: path.display().to_string(),
                line: None,
            },
            html: Some(p.html),
            url: p.url,
            ..Default::default()
        });
    }
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, InputError> {
    let meta = fs::metadata(path).map_err(|e| InputError::new(path, None, e.to_string()))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(InputError::new(
            path,
            None,
            format!(
                "file too large ({} bytes, limit {MAX_FILE_BYTES})",
                meta.len()
            ),
        ));
    }
    fs::read(path).map_err(|e| InputError::new(path, None, format!("cannot read: {e}")))
}

/// One JSONL input line. Unknown fields are ignored.
#[derive(Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
    title: Option<String>,
    url: Option<String>,
    source: Option<String>,
    published: Option<String>,
}

fn read_jsonl_file(path: &Path, out: &mut Ingested) {
    match read_bounded(path) {
        Ok(bytes) => read_jsonl(path, &bytes, out),
        Err(e) => out.errors.push(e),
    }
}

/// Reads the JSONL articles of `bytes`, the content of the file `path` (named in errors with the
/// line), into `out`: one document per good line, one error per bad one, never a panic.
pub fn read_jsonl(path: &Path, bytes: &[u8], out: &mut Ingested) {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return out.errors.push(InputError::new(path, None, "empty file"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let ends_with_newline = bytes.ends_with(b"\n");
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    let last = lines.len();
    for (i, line) in lines.into_iter().enumerate() {
        let n = i + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let line = match std::str::from_utf8(line) {
            Ok(l) => l,
            Err(e) => {
                out.errors.push(InputError::new(
                    path,
                    Some(n),
                    format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                ));
                continue;
            }
        };
        match parse_json_article(line) {
            Ok((mut doc, warning)) => {
                doc.origin = Origin {
                    path: path.display().to_string(),
                    line: Some(n),
                };
                if let Some(w) = warning {
                    out.warnings.push(InputError::new(path, Some(n), w));
                }
                out.documents.push(doc);
            }
            Err(msg) => {
                let truncated = n == last && !ends_with_newline && msg.contains("EOF");
                let msg = if truncated {
                    format!("truncated JSON line (the file ends inside it): {msg}")
                } else {
                    msg
                };
                out.errors.push(InputError::new(path, Some(n), msg));
            }
        }
    }
}

/// One JSONL article, and a warning when a field had to be left empty.
fn parse_json_article(line: &str) -> Result<(Document, Option<String>), String> {
    if line.len() > MAX_ARTICLE_BYTES {
        return Err(format!(
            "line too long ({} bytes, limit {MAX_ARTICLE_BYTES})",
            line.len()
        ));
    }
    let a: JsonArticle = serde_json::from_str(line).map_err(|e| json_error(line, &e))?;
    let id = match a.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(serde_json::Value::String(_)) => return Err("empty `id`".into()),
        None | Some(serde_json::Value::Null) => return Err("missing `id`".into()),
        Some(other) => {
            return Err(format!(
                "`id` must be a string or a number, not {}",
                json_kind(&other)
            ))
        }
    };
    let clean = |s: Option<String>| {
        s.map(|s| normalize_input(&s))
            .filter(|s| !s.trim().is_empty())
    };
    let (published, warning) = read_published(&id, clean(a.published));
    if a.text.is_none() {
        if let Some(page) = a.html {
            if !html_has_text(&page) {
                return Err(format!("article {id}: `html` without any visible text"));
            }
            let doc = Document {
                id,
                title: clean(a.title),
                html: Some(page),
                url: clean(a.url),
                source: clean(a.source),
                published,
                ..Default::default()
            };
            return Ok((doc, warning));
        }
    }
    let text = normalize_input(&a.text.ok_or("missing `text` (or `html`)")?);
    if text.trim().is_empty() {
        return Err(format!("article {id}: empty `text`"));
    }
    let doc = Document {
        id,
        title: clean(a.title),
        text,
        url: clean(a.url),
        source: clean(a.source),
        published,
        ..Default::default()
    };
    Ok((doc, warning))
}

/// Why a JSONL line is not an article, in words: a line that is JSON but not an object says
/// what it is instead of serde's "expected struct".
fn json_error(line: &str, e: &serde_json::Error) -> String {
    if e.is_data() {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
            if !v.is_object() {
                return format!("expected a JSON object per line, not {}", json_kind(&v));
            }
            return format!("a field has the wrong type: {e}");
        }
    }
    format!("malformed JSON: {e}")
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// The publication day of a `published` field, or a warning saying why it is left empty.
fn read_published(id: &str, raw: Option<String>) -> (Option<jiff::civil::Date>, Option<String>) {
    let Some(raw) = raw else {
        return (None, None);
    };
    match calendar::parse_published(&raw) {
        Some(day) => (Some(day), None),
        None => (
            None,
            Some(format!(
                "article {id}: `published` {raw:?} is not a date (ISO 8601 expected); left empty"
            )),
        ),
    }
}

/// Sorts documents by id and keeps the first of each id, reporting the others.
fn dedup_ids(out: &mut Ingested) {
    out.documents.sort_by(|a, b| a.id.cmp(&b.id));
    let mut seen = HashSet::new();
    let mut kept = Vec::with_capacity(out.documents.len());
    for d in out.documents.drain(..) {
        if seen.insert(d.id.clone()) {
            kept.push(d);
        } else {
            out.errors.push(InputError {
                origin: d.origin.clone(),
                message: format!("duplicate article id {} (first one kept)", d.id),
            });
        }
    }
    out.documents = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_ignores_scripts_styles_and_comments_in_any_case() {
        assert!(!html_has_text(
            "<HTML><SCRIPT>var a = 1;</Script ><Style>p{}</STYLE><!-- note --></HTML>"
        ));
        assert!(html_has_text("<html><SCRIPT>x</SCRIPT><p>Été</p></html>"));
        assert!(!html_has_text("<p class=\"a\"><br/></p>"));
        assert!(html_has_text("<div>1</div>"));
        assert!(!html_has_text("<script>never closed"));
    }

    #[test]
    fn ids_follow_format() {
        assert_eq!(
            id_from_path(Path::new("a/000_3f186ae45b18a075.txt")),
            "000_3f186ae45b18a075"
        );
        assert_eq!(id_from_path(Path::new("0a1b.html.gz")), "0a1b");
    }
}
