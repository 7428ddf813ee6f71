//! Folder walking (issue 18): each real file once whatever the symbolic links, names that are not
//! UTF-8, a folder per page, a depth bound; and a run that reads nothing leaves the previous
//! export whole and says so.

use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::Command;

use recoupe::ingest::{read_paths, MAX_FOLDER_DEPTH};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/seeds/000_3f186ae45b18a075.txt"
);

fn page(title: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>Le conseil municipal a voté mardi soir le budget de la commune, après un long débat \
         sur les écoles et les transports publics de la ville.</p></article></body></html>"
    )
}

#[test]
fn symbolic_link_loops_are_read_once_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    fs::create_dir(&d).unwrap();
    fs::copy(SEED, d.join("a.txt")).unwrap();
    std::os::unix::fs::symlink(".", d.join("l1")).unwrap();
    std::os::unix::fs::symlink(".", d.join("l2")).unwrap();
    std::os::unix::fs::symlink("a.txt", d.join("b.txt")).unwrap();
    let got = read_paths(&[&d]);
    let ids: Vec<_> = got.documents.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["a"], "{:?}", got.errors);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    let loops = got
        .warnings
        .iter()
        .filter(|w| w.message.contains("symbolic link"));
    assert_eq!(loops.count(), 2, "{:?}", got.warnings);
}

#[test]
fn names_that_are_not_utf8_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    fs::copy(SEED, dir.path().join(name)).unwrap();
    let got = read_paths(&[dir.path()]);
    assert_eq!(got.documents.len(), 1, "{:?}", got.errors);
    assert!(got.documents[0].id.starts_with("caf"));
}

#[test]
fn a_folder_per_page_keeps_one_article_per_page() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["lyon", "brest", "metz"] {
        let d = dir.path().join("pages").join(name);
        fs::create_dir_all(&d).unwrap();
        fs::write(d.join("source.html"), page(name)).unwrap();
    }
    fs::write(dir.path().join("pages/alone.html"), page("seule")).unwrap();
    let got = read_paths(&[dir.path().join("pages")]);
    let ids: Vec<_> = got.documents.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["alone", "brest/source", "lyon/source", "metz/source"]);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
}

#[test]
fn folders_deeper_than_the_bound_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = dir.path().to_path_buf();
    for i in 0..MAX_FOLDER_DEPTH + 3 {
        d = d.join(format!("{}", i % 10));
        if i == 2 {
            fs::create_dir_all(&d).unwrap();
            fs::copy(SEED, d.join("shallow.txt")).unwrap();
        }
    }
    fs::create_dir_all(&d).unwrap();
    fs::copy(SEED, d.join("deep.txt")).unwrap();
    let got = read_paths(&[dir.path()]);
    let ids: Vec<_> = got.documents.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["shallow"]);
    assert_eq!(got.errors.len(), 1);
    assert!(
        got.errors[0].message.contains("deeper than"),
        "{:?}",
        got.errors
    );
}

fn analyze(input: &Path, out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(["analyze", "--quiet", "--out"])
        .arg(out)
        .arg(input)
        .output()
        .unwrap()
}

#[test]
fn a_run_that_reads_nothing_keeps_the_previous_export_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good");
    fs::create_dir(&good).unwrap();
    fs::copy(SEED, good.join("a.txt")).unwrap();
    let out = dir.path().join("out");
    assert!(analyze(&good, &out).status.success());
    let before = fs::read(out.join("articles.jsonl")).unwrap();
    assert!(!before.is_empty());

    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    fs::write(empty.join("notes.md"), "not an input").unwrap();
    for input in [dir.path().join("missing"), empty] {
        let run = analyze(&input, &out);
        assert_eq!(run.status.code(), Some(4), "{}", input.display());
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(err.contains("no article"), "{err}");
        assert_eq!(fs::read(out.join("articles.jsonl")).unwrap(), before);
    }
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        left.len(),
        3,
        "a temporary folder was left behind: {left:?}"
    );
}
