//! A store stays usable (issue 18): a damaged search index is rebuilt from SQLite at open, and
//! opening a store for reading never waits for a writer.

use std::process::Command;

use crate::server_common::{add, bin, seeds_dir};
use recoupe::store::Store;

fn export(store: &std::path::Path, out: &std::path::Path) -> std::process::Output {
    Command::new(bin())
        .args(["export", "--store"])
        .arg(store)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

fn lines(p: &std::path::Path) -> usize {
    std::fs::read_to_string(p).unwrap().lines().count()
}

#[test]
fn a_search_index_with_a_segment_file_missing_is_rebuilt_from_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    add(dir.path(), &[&seeds_dir()]);
    let index = dir.path().join("index");
    let segment_file = std::fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "store" || x == "idx"))
        .expect("a segment file");
    std::fs::remove_file(&segment_file).unwrap();

    let out = dir.path().join("out");
    let run = export(dir.path(), &out);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{err}");
    assert!(err.contains("damaged") && err.contains("rebuilt"), "{err}");
    assert_eq!(lines(&out.join("articles.jsonl")), 5);

    let store = Store::open(dir.path()).unwrap();
    assert!(store.notices().is_empty(), "{:?}", store.notices());
    let hits = store.search("defenses", 0, 10).unwrap();
    assert!(hits.total > 0);
}

#[test]
fn opening_and_exporting_do_not_wait_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    add(dir.path(), &[&seeds_dir()]);
    let writer = rusqlite::Connection::open(dir.path().join("recoupe.sqlite")).unwrap();
    writer
        .execute_batch("BEGIN IMMEDIATE; UPDATE meta SET value = value WHERE key = 'none';")
        .unwrap();
    let out = dir.path().join("out");
    let run = export(dir.path(), &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(lines(&out.join("articles.jsonl")), 5);
    writer.execute_batch("COMMIT").unwrap();
}

/// Two `recoupe add`s of the same 400 articles at once into one store (issue 18: they reported
/// 660 "added" for 400 stored): both finish, writers queue, and what they report as added is
/// what the store holds.
#[test]
fn concurrent_adds_queue_and_report_what_they_stored() {
    let dir = tempfile::tempdir().unwrap();
    add(dir.path(), &[&seeds_dir()]);
    let rpm2 = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/rpm2-fr");
    let start = || {
        Command::new(bin())
            .args(["add", "--batch", "100", "--store"])
            .arg(dir.path())
            .arg(rpm2)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (start(), start());
    let mut added = 0;
    for run in [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()] {
        let out = String::from_utf8_lossy(&run.stdout).into_owned();
        assert!(
            run.status.success(),
            "{out}{}",
            String::from_utf8_lossy(&run.stderr)
        );
        for line in out.lines().filter(|l| l.starts_with("added ")) {
            added += line["added ".len()..]
                .split(' ')
                .next()
                .unwrap()
                .parse::<usize>()
                .unwrap();
        }
    }
    let store = Store::open(dir.path()).unwrap();
    let stored = store.article_count().unwrap();
    assert_eq!(stored, 405);
    assert_eq!(
        added, 400,
        "the two adds reported {added} added for 400 new articles"
    );
}
