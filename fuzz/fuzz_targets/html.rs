//! Fuzz target `html`: runs [`recoupe::fuzzing::html`] (the checks are in the library so that
//! `tests/all/fuzz_regressions.rs` replays the kept inputs through the same code).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| recoupe::fuzzing::html(data));
