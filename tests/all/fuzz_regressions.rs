//! Replays the kept fuzz inputs (`fuzz/regressions/TARGET/*`: hand-written hostile inputs and
//! any crash a fuzz run found) through the fuzz targets' own checks (`recoupe::fuzzing`).

use std::path::Path;

#[test]
fn every_kept_fuzz_input_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    for (target, check) in recoupe::fuzzing::TARGETS {
        let dir = root.join(target);
        let mut inputs: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        inputs.sort();
        assert!(!inputs.is_empty(), "no kept input for fuzz target {target}");
        for input in inputs {
            let data = std::fs::read(&input).unwrap();
            let run = std::panic::catch_unwind(|| check(&data));
            assert!(
                run.is_ok(),
                "fuzz target {target} fails on {}",
                input.display()
            );
        }
    }
}

#[test]
fn each_fuzz_target_has_its_source_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    for (target, _) in recoupe::fuzzing::TARGETS {
        let src = root.join(format!("fuzz_targets/{target}.rs"));
        let text = std::fs::read_to_string(&src).unwrap();
        assert!(
            text.contains(&format!("recoupe::fuzzing::{target}(data)")),
            "{}",
            src.display()
        );
        assert!(
            manifest.contains(&format!("name = \"{target}\"")),
            "{target} not in fuzz/Cargo.toml"
        );
    }
}
