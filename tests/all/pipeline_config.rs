//! One typed `Config` for the pipeline: it reads and writes JSON, rejects unknown settings with
//! the line, and reaches every path that runs the stages (batch, store, command line).

use std::fs;
use std::process::Command;

use recoupe::ingest::read_paths;
use recoupe::store::Store;
use recoupe::{Config, Pipeline};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/seeds");

/// Settings under which no passage is long enough to count as reuse.
const NO_REUSE: &str = r#"{ "reuse": { "align": { "min_passage_words": 100000 } } }"#;

fn seeds() -> Vec<recoupe::Document> {
    read_paths(&[std::path::PathBuf::from(SEEDS)]).documents
}

#[test]
fn defaults_round_trip_and_partial_files_keep_the_other_defaults() {
    let defaults = Config::default();
    let again = Config::from_json(&defaults.to_json()).unwrap();
    assert_eq!(again.to_json(), defaults.to_json());
    let partial = Config::from_json(NO_REUSE).unwrap();
    assert_eq!(partial.reuse.align.min_passage_words, 100000);
    assert_eq!(partial.reuse.bands, defaults.reuse.bands);
    assert_eq!(partial.stories.split, defaults.stories.split);
}

#[test]
fn an_unknown_setting_is_an_error_naming_it_and_its_line() {
    let err = Config::from_json("{\n  \"reuse\": {\n    \"bandz\": 3\n  }\n}")
        .unwrap_err()
        .to_string();
    assert!(err.contains("bandz"), "{err}");
    assert!(err.contains("line 3"), "{err}");
}

#[test]
fn the_config_reaches_the_batch_and_the_store() {
    let batch = Pipeline::default().analyze(seeds());
    assert!(
        !batch.reuse.is_empty(),
        "the seeds hold republished passages"
    );
    let strict = Pipeline::new(Config::from_json(NO_REUSE).unwrap());
    assert!(strict.analyze(seeds()).reuse.is_empty());

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_with(dir.path(), strict).unwrap();
    store.add(seeds()).unwrap();
    assert!(store.load_analysis().unwrap().reuse.is_empty());
    drop(store);
    let mut store = Store::open(&dir.path().join("default")).unwrap();
    store.add(seeds()).unwrap();
    assert_eq!(
        store.load_analysis().unwrap().reuse.len(),
        batch.reuse.len()
    );
}

#[test]
fn the_command_line_prints_reads_and_rejects_settings_files() {
    let bin = env!("CARGO_BIN_EXE_recoupe");
    let printed = Command::new(bin).arg("config").output().unwrap();
    assert!(printed.status.success());
    let text = String::from_utf8(printed.stdout).unwrap();
    assert_eq!(
        Config::from_json(&text).unwrap().to_json(),
        Config::default().to_json()
    );

    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("strict.json");
    fs::write(&cfg, NO_REUSE).unwrap();
    let out = dir.path().join("out");
    let run = Command::new(bin)
        .args(["analyze", SEEDS, "-q", "--config"])
        .arg(&cfg)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(fs::read_to_string(out.join("reuse.jsonl")).unwrap(), "");

    let bad = dir.path().join("bad.json");
    fs::write(&bad, "{\"stories\": {\"split\": \"high\"}}").unwrap();
    let run = Command::new(bin)
        .args(["analyze", SEEDS, "-q", "--config"])
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("bad.json") && stderr.contains("line 1"),
        "{stderr}"
    );
}
