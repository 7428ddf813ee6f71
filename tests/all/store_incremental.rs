//! The store's incremental add: adding the seeds one file at a time gives the reuse pairs of one
//! batch over all of them, and a store written before reuse signatures and story features were
//! kept is upgraded (its tables filled from the stored articles) by the next add.

use crate::server_common;

use std::path::PathBuf;

use recoupe::model::Analysis;
use recoupe::store::{Store, SCHEMA_VERSION};
use server_common::seeds_dir;

/// A reuse pair by article ids: (a, b, kind, source, similarity × 1e6, passages).
type PairById = (
    String,
    String,
    String,
    Option<String>,
    i64,
    Vec<(usize, usize, usize, usize)>,
);

fn pairs_by_id(an: &Analysis) -> Vec<PairById> {
    let id = |i: usize| an.articles[i].clean.id.clone();
    let mut out: Vec<PairById> = an
        .reuse
        .iter()
        .map(|p| {
            (
                id(p.a),
                id(p.b),
                format!("{:?}", p.kind),
                p.source.map(id),
                (p.similarity * 1e6).round() as i64,
                p.passages
                    .iter()
                    .map(|x| (x.a_start, x.a_end, x.b_start, x.b_end))
                    .collect(),
            )
        })
        .collect();
    out.sort();
    out
}

fn seed_files() -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

fn docs(paths: &[PathBuf]) -> Vec<recoupe::Document> {
    recoupe::ingest::read_paths(paths).documents
}

/// A reprint made at run time: the text of one seed with a hand-written line before it.
fn reprint(of: &PathBuf) -> recoupe::Document {
    let mut d = docs(std::slice::from_ref(of)).remove(0);
    d.id = format!("zz-reprint-{}", d.id);
    d.text = format!("Publié avec l'accord de l'auteur.\n{}", d.text);
    d
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn one_seed_per_add_finds_the_pairs_of_one_batch() {
    let files = seed_files();
    let mut all = docs(&files);
    all.push(reprint(&files[2]));
    let batch = pairs_by_id(&recoupe::pipeline::analyze(all));
    assert!(batch.len() >= 2, "the seeds share text: {batch:?}");
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    for f in &files {
        store.add(docs(std::slice::from_ref(f))).unwrap();
    }
    store.add(vec![reprint(&files[2])]).unwrap();
    assert_eq!(pairs_by_id(&store.load_analysis().unwrap()), batch);
    assert_eq!(count(&store, "reuse_signatures"), files.len() as i64 + 1);
    assert_eq!(count(&store, "story_features"), files.len() as i64 + 1);

    // Replacing an article drops its pairs and finds them again from its new text.
    let mut changed = docs(&files[..1]);
    changed[0]
        .text
        .push_str("\nUne phrase ajoutée à la fin du texte, sans autre effet.\n");
    let r = store.add(changed).unwrap();
    assert_eq!(r.replaced, 1);
    let after = pairs_by_id(&store.load_analysis().unwrap());
    let touching = |p: &&PairById| p.0 == seed_id(&files[0]) || p.1 == seed_id(&files[0]);
    assert_eq!(
        after.iter().filter(touching).count(),
        batch.iter().filter(touching).count()
    );
}

/// The article id of a seed file (its stem).
fn seed_id(f: &std::path::Path) -> String {
    f.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn a_store_without_signatures_and_features_is_upgraded() {
    let files = seed_files();
    let batch = pairs_by_id(&recoupe::pipeline::analyze(docs(&files)));
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        store.add(docs(&files[..files.len() - 1])).unwrap();
    }
    // Make it a version-1 store: no signature or feature tables.
    {
        let conn = rusqlite::Connection::open(dir.path().join("recoupe.sqlite")).unwrap();
        conn.execute_batch(
            "DROP TABLE reuse_signatures; DROP TABLE story_features;
             UPDATE schema_version SET version = 1;",
        )
        .unwrap();
    }
    let mut store = Store::open(dir.path()).unwrap();
    let version: i64 = store
        .conn()
        .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(count(&store, "reuse_signatures"), 0);
    // The last seed's pairs with the stored ones need the stored signatures: filled by the add.
    store.add(docs(&files[files.len() - 1..])).unwrap();
    assert_eq!(count(&store, "reuse_signatures"), files.len() as i64);
    assert_eq!(count(&store, "story_features"), files.len() as i64);
    let an = store.load_analysis().unwrap();
    assert_eq!(pairs_by_id(&an), batch);
    let mut members: Vec<usize> = an.stories.iter().flat_map(|s| s.articles.clone()).collect();
    members.sort_unstable();
    assert_eq!(members, (0..files.len()).collect::<Vec<_>>());
}
