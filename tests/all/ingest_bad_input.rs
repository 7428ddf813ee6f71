//! Bad input never stops a batch: each problem is reported with its file (and line), the rest is read.

use std::fs;
use std::path::Path;

use recoupe::ingest::read_paths;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/seeds");

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn every_bad_file_is_named_and_the_good_ones_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let seed = fs::read(Path::new(SEEDS).join("000_3f186ae45b18a075.txt")).unwrap();
    write(dir.path(), "good.txt", &seed);
    write(dir.path(), "empty.txt", b"");
    write(dir.path(), "blank.txt", b"  \n\r\n");
    write(
        dir.path(),
        "binary.txt",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00",
    );
    let mut latin1 = b"Premi\xe8re ligne\nDeuxi\xe8me".to_vec();
    latin1.extend_from_slice(b"\n");
    write(dir.path(), "latin1.txt", &latin1);
    let mut bom = b"\xEF\xBB\xBFTitre\r\nCorps du texte\r\n".to_vec();
    bom.extend_from_slice(b"Fin\r\n");
    write(dir.path(), "bom.txt", &bom);
    write(dir.path(), "ignored.bin", b"\x00\x01");
    let got = read_paths(&[dir.path()]);

    let ids: Vec<_> = got.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["bom", "good"]);
    let bom_doc = &got.documents[0];
    assert_eq!(bom_doc.text, "Titre\nCorps du texte\nFin\n");

    let msg = |name: &str| {
        got.errors
            .iter()
            .find(|e| e.origin.path.ends_with(name))
            .unwrap_or_else(|| panic!("no error for {name}: {:?}", got.errors))
            .to_string()
    };
    assert!(msg("empty.txt").contains("empty file"));
    assert!(msg("blank.txt").contains("empty file"));
    assert!(msg("binary.txt").contains("binary"));
    let latin = msg("latin1.txt");
    assert!(
        latin.contains("invalid UTF-8") && latin.contains("latin1.txt:1"),
        "{latin}"
    );
    assert_eq!(got.errors.len(), 4, "{:?}", got.errors);
}

#[test]
fn jsonl_lines_fail_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let body = concat!(
        "{\"id\": \"a1\", \"text\": \"Le texte de l'article.\", \"title\": \"Titre\", \"published\": \"2016-12-12\"}\r\n",
        "not json at all\n",
        "\n",
        "{\"id\": \"a2\", \"title\": \"sans texte\"}\n",
        "{\"text\": \"sans id\"}\n",
        "{\"id\": 7, \"text\": \"id numérique\"}\n",
        "{\"id\": \"a1\", \"text\": \"doublon\"}\n",
        "{\"id\": \"a3\", \"text\": \"coupé au milieu"
    );
    let p = write(dir.path(), "batch.jsonl", body.as_bytes());
    let got = read_paths(&[&p]);
    let ids: Vec<_> = got.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["7", "a1"]);
    assert_eq!(got.documents[1].title.as_deref(), Some("Titre"));
    assert_eq!(
        got.documents[1]
            .published
            .map(recoupe::calendar::iso)
            .as_deref(),
        Some("2016-12-12")
    );
    assert_eq!(got.documents[1].origin.line, Some(1));
    let lines: Vec<_> = got.errors.iter().map(|e| e.origin.line.unwrap()).collect();
    assert_eq!(lines, [2, 4, 5, 8, 7]);
    let last = got
        .errors
        .iter()
        .find(|e| e.origin.line == Some(8))
        .unwrap();
    assert!(last.message.contains("truncated"), "{last}");
    assert!(last.to_string().contains("batch.jsonl:8"));
}

#[test]
fn a_missing_path_is_reported_and_the_rest_goes_on() {
    let got = read_paths(&[Path::new("/nonexistent/recoupe/path.txt"), Path::new(SEEDS)]);
    assert_eq!(got.documents.len(), 5);
    assert_eq!(got.errors.len(), 1);
    assert!(got.errors[0]
        .to_string()
        .contains("/nonexistent/recoupe/path.txt"));
}

#[test]
fn an_unreadable_publication_date_is_a_warning_and_the_article_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "a", "text": "Le maire a parlé.", "published": "2016-03-01T09:30:00+01:00"}"#,
        r#"{"id": "b", "text": "Le maire a parlé.", "published": "not a date"}"#,
        r#"{"id": "c", "text": "Le maire a parlé.", "published": "2016-02-30"}"#,
        r#"{"id": "d", "text": "Le maire a parlé.", "published": "Tue, 01 Mar 2016 10:00:00 GMT"}"#,
    ];
    write(dir.path(), "dated.jsonl", lines.join("\n").as_bytes());
    let got = read_paths(&[dir.path()]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    let day = |id: &str| {
        got.documents
            .iter()
            .find(|d| d.id == id)
            .unwrap()
            .published
            .map(|d| d.to_string())
    };
    assert_eq!(day("a").as_deref(), Some("2016-03-01"));
    assert_eq!(day("b"), None);
    assert_eq!(day("c"), None);
    assert_eq!(day("d").as_deref(), Some("2016-03-01"));
    let warnings: Vec<String> = got.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].contains("dated.jsonl:2") && warnings[0].contains("not a date"));
    assert!(warnings[1].contains("dated.jsonl:3") && warnings[1].contains("2016-02-30"));
}

/// Messages that say what is wrong (issue 18): UTF-16 text is read, not called binary; a JSONL
/// line that is an array, or an `id` that is an object, is named for what it is.
#[test]
fn utf16_text_is_read_and_json_shapes_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Titre\nLe maire a présenté le budget de la commune.\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    write(dir.path(), "windows.txt", &utf16);
    write(
        dir.path(),
        "shapes.jsonl",
        b"[1,2,3]\n{\"id\":{\"a\":1},\"text\":\"x\"}\n{\"id\":\"ok\",\"text\":7}\n",
    );
    let got = read_paths(&[dir.path()]);
    let ids: Vec<_> = got.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["windows"], "{:?}", got.errors);
    assert_eq!(got.documents[0].text, text);
    let said: Vec<(Option<usize>, &str)> = got
        .errors
        .iter()
        .map(|e| (e.origin.line, e.message.as_str()))
        .collect();
    assert_eq!(said.len(), 3, "{said:?}");
    assert!(said[0].1.contains("not an array"), "{said:?}");
    assert!(
        said[1]
            .1
            .contains("`id` must be a string or a number, not an object"),
        "{said:?}"
    );
    assert!(said[2].1.contains("wrong type"), "{said:?}");
    assert_eq!(
        said.iter().map(|s| s.0).collect::<Vec<_>>(),
        [Some(1), Some(2), Some(3)]
    );
}
