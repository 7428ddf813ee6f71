//! Store tests: incremental add, idempotence, replacement, export, index rebuild, and a
//! `kill -9` in the middle of a large add.

use crate::server_common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use recoupe::store::Store;
use server_common::{add, bin, seeds_dir};

fn rpm2_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/rpm2-fr"
    ))
}

fn ids(store: &Store) -> Vec<String> {
    store
        .load_analysis()
        .unwrap()
        .articles
        .iter()
        .map(|a| a.clean.id.clone())
        .collect()
}

#[test]
fn add_is_incremental_idempotent_and_exportable() {
    let dir = tempfile::tempdir().unwrap();
    let seeds: Vec<PathBuf> = {
        let mut v: Vec<_> = std::fs::read_dir(seeds_dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    };
    // Two adds: the first three seeds, then all five.
    add(
        dir.path(),
        &seeds[..3].iter().map(PathBuf::as_path).collect::<Vec<_>>(),
    );
    let first_story_of = |store: &Store, id: &str| -> String {
        store.article(id).unwrap().unwrap().stories[0].id.clone()
    };
    let (story0, n_first) = {
        let s = Store::open(dir.path()).unwrap();
        (
            first_story_of(&s, "000_3f186ae45b18a075"),
            s.article_count().unwrap(),
        )
    };
    assert_eq!(n_first, 3);
    add(dir.path(), &[&seeds_dir()]);
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.article_count().unwrap(), 5);
    // A story that existed keeps its id when the store grows.
    assert_eq!(first_story_of(&store, "000_3f186ae45b18a075"), story0);

    // Re-adding the same articles changes nothing, not even the index generation.
    let generation = store.generation().unwrap();
    let docs = recoupe::ingest::read_paths(&[seeds_dir()]).documents;
    let r = store.add(docs.clone()).unwrap();
    assert_eq!((r.added, r.replaced, r.unchanged), (0, 0, 5));
    assert_eq!(store.generation().unwrap(), generation);

    // A changed text replaces the article, in SQLite and in the index.
    let mut changed = docs[0].clone();
    changed.text = changed.text.replacen(
        '\n',
        " Des hippocampes migrateurs ont aussi été observés.\n",
        1,
    );
    let r = store.add(vec![changed.clone()]).unwrap();
    assert_eq!((r.added, r.replaced), (0, 1));
    let a = store.article(&changed.id).unwrap().unwrap();
    assert!(a.text.contains("hippocampes"));
    let hits = store.search("hippocampe", 0, 10).unwrap();
    assert_eq!(hits.items.len(), 1);
    assert_eq!(hits.items[0].id, changed.id);
    assert_eq!(
        store.index().len(),
        5,
        "the replaced article is indexed once"
    );

    // The export from the store has every article, and every article in one story.
    let out = tempfile::tempdir().unwrap();
    let st = Command::new(bin())
        .args(["export", "--store"])
        .arg(dir.path())
        .arg("--out")
        .arg(out.path())
        .status()
        .unwrap();
    assert!(st.success());
    let arts = std::fs::read_to_string(out.path().join("articles.jsonl")).unwrap();
    assert_eq!(arts.lines().count(), 5);
    let stories = std::fs::read_to_string(out.path().join("stories.jsonl")).unwrap();
    let mut members: Vec<String> = stories
        .lines()
        .flat_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    members.sort();
    assert_eq!(members, ids(&store));
}

#[test]
fn a_lagging_index_is_rebuilt_at_open() {
    let dir = tempfile::tempdir().unwrap();
    add(dir.path(), &[&seeds_dir()]);
    // Simulate a crash that lost the index: remove it entirely.
    std::fs::remove_dir_all(dir.path().join("index")).unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.index().len(), 5);
    assert!(!store.search("Palmyre", 0, 5).unwrap().items.is_empty());
}

#[test]
fn export_of_a_missing_store_fails_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(bin())
        .args(["export", "--store"])
        .arg(dir.path().join("nothing-here"))
        .args(["--out"])
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store"));
}

/// Parses "… through id ID; …" from an add progress line.
fn through_id(line: &str) -> Option<String> {
    let rest = line.split("through id ").nth(1)?;
    Some(rest.split(';').next()?.trim().to_string())
}

fn run_add(store: &Path, input: &Path, batch: usize) -> std::process::Child {
    Command::new(bin())
        .arg("add")
        .arg("--store")
        .arg(store)
        .args(["--batch", &batch.to_string()])
        .arg(input)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn kill_9_in_the_middle_of_an_add_loses_no_committed_batch() {
    let input = rpm2_dir();
    let all_ids: Vec<String> = {
        let mut v: Vec<String> = std::fs::read_dir(&input)
            .unwrap()
            .filter_map(|e| {
                let p = e.unwrap().path();
                (p.extension()? == "txt").then(|| recoupe::ingest::id_from_path(&p))
            })
            .collect();
        v.sort();
        v
    };
    assert!(all_ids.len() >= 300, "rpm2-fr corpus expected");
    let dir = tempfile::tempdir().unwrap();
    let mut child = run_add(dir.path(), &input, 10);
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let committed = through_id(&line).unwrap_or_else(|| panic!("no batch reported: {line:?}"));
    // Kill -9 right after the first reported commit.
    let killed = child.kill().is_ok();
    let status = child.wait().unwrap();
    let mut rest = String::new();
    let _ = std::io::Read::read_to_string(&mut reader, &mut rest);
    let last_committed = rest.lines().rev().find_map(through_id).unwrap_or(committed);
    if status.success() {
        eprintln!("note: the add finished before the kill; checking consistency only");
    } else {
        assert!(killed);
    }

    // The store opens and holds every article of every reported batch.
    {
        let store = Store::open(dir.path()).unwrap();
        let stored = ids(&store);
        for id in all_ids.iter().filter(|id| **id <= last_committed) {
            assert!(
                stored.contains(id),
                "{id} was reported committed but is missing"
            );
        }
        assert_eq!(
            store.index().len() as usize,
            stored.len(),
            "index matches SQLite"
        );
        assert_eq!(stored.len() % 10, 0, "only whole batches are stored");
    }

    // The same add runs again to completion, and a third one changes nothing.
    let out = Command::new(bin())
        .arg("add")
        .arg("--store")
        .arg(dir.path())
        .args(["--batch", "1000"])
        .arg(&input)
        .output()
        .unwrap();
    assert!(out.status.success() || out.status.code() == Some(3));
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(ids(&store), all_ids);
    let analysis = store.load_analysis().unwrap();
    let members: usize = analysis.stories.iter().map(|s| s.articles.len()).sum();
    assert_eq!(members, all_ids.len(), "every article in exactly one story");
    let again = Command::new(bin())
        .arg("add")
        .arg("--store")
        .arg(dir.path())
        .arg(&input)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(text.contains("added 0 articles (0 replaced"), "{text}");
}

#[test]
fn an_index_ahead_of_sqlite_is_rebuilt_from_the_record() {
    // Simulates a crash after the tantivy commit and before the SQLite commit: the index holds
    // an article SQLite never recorded, with a newer generation.
    let dir = tempfile::tempdir().unwrap();
    add(dir.path(), &[&seeds_dir()]);
    {
        let store = Store::open(dir.path()).unwrap();
        let phantom = recoupe::store::search::IndexedArticle {
            id: "phantom",
            title: "",
            text: "Un article fantôme sur les ornithorynques.",
            language: "fr",
        };
        let ahead = store.generation().unwrap() + 1;
        store.index().update(&[phantom], false, ahead).unwrap();
        assert_eq!(store.index().len(), 6);
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.index().len(), 5);
    assert_eq!(
        store.index().generation().unwrap(),
        store.generation().unwrap()
    );
    assert!(store
        .search("ornithorynques", 0, 5)
        .unwrap()
        .items
        .is_empty());
}

#[test]
fn a_store_from_a_newer_recoupe_is_refused_not_damaged() {
    let dir = tempfile::tempdir().unwrap();
    add(dir.path(), &[&seeds_dir()]);
    {
        let conn = rusqlite::Connection::open(dir.path().join("recoupe.sqlite")).unwrap();
        conn.execute("UPDATE schema_version SET version = version + 1", [])
            .unwrap();
    }
    let err = Store::open(dir.path())
        .err()
        .expect("a newer schema is refused");
    assert!(format!("{err:#}").contains("newer"), "{err:#}");
}
