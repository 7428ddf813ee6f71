//! `recoupe analyze` end to end on the real seeds: the export follows FORMAT.md, offsets are
//! character offsets that point at the text they claim, and a bad file is skipped with exit code 3.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/seeds");

fn jsonl(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn chars(s: &str, start: u64, end: u64) -> String {
    s.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[test]
fn analyze_seeds_writes_format_md_and_reports_skips() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.jsonl");
    fs::write(&bad, "{\"id\": \"x\", \"text\": \"trunc").unwrap();
    let out = dir.path().join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_recoupe"))
        .args(["analyze", SEEDS])
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(3), "stderr: {stderr}");
    assert!(stderr.contains("broken.jsonl:1"), "{stderr}");
    assert!(stdout.contains("stories over 5 articles"), "{stdout}");

    let articles = jsonl(&out.join("articles.jsonl"));
    assert_eq!(articles.len(), 5);
    let mut texts = std::collections::HashMap::new();
    for a in &articles {
        for key in [
            "id",
            "title",
            "text",
            "language",
            "published",
            "source",
            "quotes",
            "entities",
        ] {
            assert!(a.get(key).is_some(), "{key} missing in {a}");
        }
        assert_eq!(a["language"], "fr");
        let text = a["text"].as_str().unwrap();
        for q in a["quotes"].as_array().unwrap() {
            let got = chars(
                text,
                q["start"].as_u64().unwrap(),
                q["end"].as_u64().unwrap(),
            );
            assert_eq!(got, q["text"].as_str().unwrap());
        }
        texts.insert(a["id"].as_str().unwrap().to_string(), text.to_string());
    }

    let stories = jsonl(&out.join("stories.jsonl"));
    let mut seen: Vec<String> = stories
        .iter()
        .flat_map(|s| s["articles"].as_array().unwrap().iter())
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    seen.sort();
    let mut ids: Vec<_> = texts.keys().cloned().collect();
    ids.sort();
    assert_eq!(seen, ids, "every article in exactly one story");

    for r in jsonl(&out.join("reuse.jsonl")) {
        let (a, b) = (
            &texts[r["a"].as_str().unwrap()],
            &texts[r["b"].as_str().unwrap()],
        );
        for p in r["passages"].as_array().unwrap() {
            let in_b = chars(
                b,
                p["b_start"].as_u64().unwrap(),
                p["b_end"].as_u64().unwrap(),
            );
            assert_eq!(in_b, p["text"].as_str().unwrap());
            let in_a = chars(
                a,
                p["a_start"].as_u64().unwrap(),
                p["a_end"].as_u64().unwrap(),
            );
            assert!(!in_a.is_empty());
        }
    }
}

#[test]
fn analyze_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str| {
        let out = dir.path().join(name);
        let st = Command::new(env!("CARGO_BIN_EXE_recoupe"))
            .args(["analyze", SEEDS, "--quiet", "--out"])
            .arg(&out)
            .status()
            .unwrap();
        assert!(st.success());
        ["articles.jsonl", "stories.jsonl", "reuse.jsonl"].map(|f| fs::read(out.join(f)).unwrap())
    };
    assert_eq!(run("one"), run("two"));
}

/// `analyze --only clean` writes articles.jsonl alone, with the same extraction as a full
/// analysis (title, text, metadata, dropped blocks), on text input and on real HTML pages; a
/// stale corpus file of an earlier run in the folder is removed.
#[test]
fn clean_only_extracts_what_the_full_analysis_extracts() {
    let aeb = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/eval-data/scrapinghub_aeb/html"
    );
    let dir = tempfile::tempdir().unwrap();
    // A few real pages (a sample keeps the test quick) and the text seeds.
    let pages = dir.path().join("pages");
    fs::create_dir(&pages).unwrap();
    let mut names: Vec<_> = fs::read_dir(aeb)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for p in names.iter().take(12) {
        fs::copy(p, pages.join(p.file_name().unwrap())).unwrap();
    }
    let run = |out: &Path, only: &[&str]| {
        let r = Command::new(env!("CARGO_BIN_EXE_recoupe"))
            .args(["analyze", SEEDS])
            .arg(&pages)
            .arg("--out")
            .arg(out)
            .arg("--quiet")
            .args(only)
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    };
    let full = dir.path().join("full");
    run(&full, &[]);
    let clean = dir.path().join("clean");
    fs::create_dir(&clean).unwrap();
    fs::write(clean.join("stories.jsonl"), "{}\n").unwrap();
    run(&clean, &["--only", "clean"]);
    assert!(!clean.join("stories.jsonl").exists());
    assert!(!clean.join("reuse.jsonl").exists());

    let a = jsonl(&full.join("articles.jsonl"));
    let b = jsonl(&clean.join("articles.jsonl"));
    assert_eq!(a.len(), 17);
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        for key in [
            "id",
            "title",
            "text",
            "language",
            "published",
            "source",
            "url",
            "comments",
            "dropped",
        ] {
            assert_eq!(x[key], y[key], "{key} of {}", x["id"]);
        }
        assert_eq!(y["quotes"].as_array().map(Vec::len), Some(0));
    }
    // The full analysis does find quotes in these articles; clean-only skips that work.
    assert!(a
        .iter()
        .any(|x| !x["quotes"].as_array().unwrap().is_empty()));
}
