//! HTML and WARC input: charset, gzip, JSONL `html` field, WARC records (a truncated one
//! reported with its offset, the ones before it kept), pages without text reported.

use std::fs;
use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use recoupe::ingest::read_paths;

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).unwrap();
}

const PAGE: &str = "<html lang=fr><head><title>Un été chaud</title></head><body><article><p>L'été a été très chaud cette année dans toute la région, selon les relevés publiés lundi par les services météorologiques.</p></article></body></html>";

#[test]
fn html_files_gzip_charset_and_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "plain.html", PAGE.as_bytes());
    write(dir.path(), "zipped.html.gz", &gz(PAGE.as_bytes()));
    // windows-1252 bytes with a meta charset.
    let latin = b"<html><head><meta charset=\"windows-1252\"></head><body><p>L'\xe9t\xe9 a \xe9t\xe9 tr\xe8s chaud \x96 selon les relev\xe9s publi\xe9s lundi.</p></body></html>";
    write(dir.path(), "latin.htm", latin);
    let line = serde_json::json!({"id": "j1", "html": PAGE, "url": "https://example.org/a"});
    write(dir.path(), "pages.jsonl", format!("{line}\n").as_bytes());
    write(
        dir.path(),
        "empty.html",
        b"<html><head><script>var x = 1;</script></head><body> </body></html>",
    );
    let got = read_paths(&[dir.path()]);
    let ids: Vec<_> = got.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["j1", "latin", "plain", "zipped"]);
    for d in &got.documents {
        assert!(d.text.is_empty());
        assert!(
            d.html.as_deref().unwrap().contains("été"),
            "{}: {:?}",
            d.id,
            d.html
        );
    }
    assert!(got.documents[1]
        .html
        .as_deref()
        .unwrap()
        .contains("chaud \u{2013} selon"));
    assert_eq!(
        got.documents[0].url.as_deref(),
        Some("https://example.org/a")
    );
    assert_eq!(got.errors.len(), 1, "{:?}", got.errors);
    let e = got.errors[0].to_string();
    assert!(
        e.contains("empty.html") && e.contains("without any visible text"),
        "{e}"
    );
    // The extract stage reads the decoded page.
    let a = recoupe::stages::extract::extract(&got.documents[1]);
    assert!(a.text.contains("L'été a été très chaud"), "{}", a.text);
}

fn record(id: &str, uri: &str, body: &str) -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <{id}>\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(http.as_bytes());
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn request(uri: &str) -> Vec<u8> {
    let body = format!("GET / HTTP/1.1\r\nHost: {uri}\r\n\r\n");
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: request\r\nWARC-Record-ID: <urn:uuid:req>\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body.as_bytes());
    r.extend_from_slice(b"\r\n\r\n");
    r
}

#[test]
fn warc_two_records_and_a_truncated_third() {
    let dir = tempfile::tempdir().unwrap();
    let mut warc = request("example.org");
    warc.extend(record(
        "urn:uuid:0001",
        "https://example.org/2024/04/30/one",
        PAGE,
    ));
    warc.extend(record(
        "urn:uuid:0002",
        "https://example.org/two",
        &PAGE.replace("chaud", "froid"),
    ));
    let third_at = warc.len();
    let third = record("urn:uuid:0003", "https://example.org/three", PAGE);
    warc.extend_from_slice(&third[..third.len() / 2]);
    write(dir.path(), "crawl.warc", &warc);
    // Same archive, one gzip member per record, cut inside the last member.
    let mut warc_gz = Vec::new();
    for r in [
        record("urn:uuid:0011", "https://example.org/a", PAGE),
        record("urn:uuid:0012", "https://example.org/b", PAGE),
    ] {
        warc_gz.extend(gz(&r));
    }
    let last = gz(&record("urn:uuid:0013", "https://example.org/c", PAGE));
    warc_gz.extend_from_slice(&last[..last.len() - 12]);
    write(dir.path(), "crawl.warc.gz", &warc_gz);

    let got = read_paths(&[dir.path()]);
    let ids: Vec<_> = got.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "urn:uuid:0001",
            "urn:uuid:0002",
            "urn:uuid:0011",
            "urn:uuid:0012"
        ]
    );
    let d = &got.documents[0];
    assert_eq!(d.url.as_deref(), Some("https://example.org/2024/04/30/one"));
    assert!(d.html.as_deref().unwrap().contains("L'été"));
    assert!(
        d.published.is_none(),
        "the fetch date is not a publication date"
    );
    assert!(got.documents[1].html.as_deref().unwrap().contains("froid"));
    assert_eq!(got.errors.len(), 2, "{:?}", got.errors);
    let plain = got
        .errors
        .iter()
        .find(|e| e.origin.path.ends_with("crawl.warc"))
        .unwrap();
    let msg = plain.to_string();
    assert!(
        msg.contains(&format!("byte {third_at}")) && msg.contains("truncated"),
        "{msg}"
    );
    let zipped = got
        .errors
        .iter()
        .find(|e| e.origin.path.ends_with("crawl.warc.gz"))
        .unwrap();
    assert!(zipped.to_string().contains("truncated"), "{zipped}");
    // The extract stage takes the date from the URL, not from the fetch.
    let a = recoupe::stages::extract::extract(d);
    assert_eq!(
        a.published.map(recoupe::calendar::iso).as_deref(),
        Some("2024-04-30")
    );
    assert_eq!(a.source.as_deref(), Some("example.org"));
}
