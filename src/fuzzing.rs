//! The checks the fuzz targets run (`fuzz/`, `cargo +nightly fuzz run TARGET`), here so that the
//! regression test (`tests/all/fuzz_regressions.rs`) replays every kept input through the very
//! same code. Each function takes any bytes and panics only when recoupe breaks a promise: a
//! reader that panics, an error without its file and line, a span that is not a slice of the
//! text, a date that does not read back.
//!
//! Not part of the stable API.

use std::path::Path;
use std::sync::OnceLock;

use crate::ingest::{html, read_jsonl, warc, Ingested};
use crate::stages::{dates, extract::extract};
use crate::store::search::SearchIndex;
use crate::Document;

/// A fuzz target's check: any bytes in, a panic only on a broken promise.
pub type Check = fn(&[u8]);

/// The fuzz targets, by name (the `fuzz/fuzz_targets/NAME.rs` files and the regression folders).
pub const TARGETS: &[(&str, Check)] = &[
    ("jsonl", jsonl),
    ("html", html),
    ("warc", warc),
    ("dates", dates),
    ("query", query),
];

/// The JSONL reader: documents with an id and a body, errors naming the file and a line of it.
pub fn jsonl(data: &[u8]) {
    let mut out = Ingested::default();
    read_jsonl(Path::new("fuzz.jsonl"), data, &mut out);
    let lines = data.split(|&b| b == b'\n').count();
    for e in out.errors.iter().chain(&out.warnings) {
        assert_eq!(e.origin.path, "fuzz.jsonl");
        assert!(e.origin.line.is_none_or(|n| (1..=lines).contains(&n)));
    }
    for d in &out.documents {
        assert!(!d.id.trim().is_empty());
        assert!(!d.text.trim().is_empty() || d.html.is_some());
    }
}

/// HTML decoding (gzip, charset sniffing) and extraction: the body is made of the page's text.
pub fn html(data: &[u8]) {
    let _ = html::gunzip(data);
    let content_type = (data.first() == Some(&b'c')).then_some("text/html; charset=windows-1252");
    let (page, _) = html::decode_html(data.to_vec(), content_type);
    let bound = page.len() * 4 + 64;
    let doc = Document {
        id: "fuzz".into(),
        html: Some(page),
        ..Document::default()
    };
    let article = extract(&doc);
    assert!(article.text.len() <= bound);
}

/// The WARC reader, plain and gzipped: problems and pages at offsets inside the input.
pub fn warc(data: &[u8]) {
    let (pages, problems) = warc::read_warc(data, false);
    for p in &problems {
        assert!(p.offset <= data.len() as u64, "{p:?}");
    }
    for p in &pages {
        assert!(p.offset < data.len() as u64);
    }
    let _ = warc::read_warc(data, true);
}

/// Publication dates read back from their ISO form; the dates stage's mentions are slices of
/// the text, in French and in English.
pub fn dates(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(day) = crate::calendar::parse_published(s) {
        let iso = crate::calendar::iso(day);
        assert_eq!(crate::calendar::parse_published(&iso), Some(day));
    }
    for language in ["fr", "en"] {
        let doc = Document {
            id: "fuzz".into(),
            text: s.to_string(),
            ..Document::default()
        };
        let mut article = extract(&doc);
        article.language = language.into();
        for m in dates::extract(&article) {
            assert_eq!(article.text.get(m.start..m.end), Some(m.text.as_str()));
        }
    }
}

/// The search query parser on an empty index: an answer or a refusal, never a crash.
pub fn query(data: &[u8]) {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    let Ok(q) = std::str::from_utf8(data) else {
        return;
    };
    let index = INDEX.get_or_init(|| SearchIndex::in_memory().expect("empty index"));
    let _ = index.search(q, 0, 10);
}
