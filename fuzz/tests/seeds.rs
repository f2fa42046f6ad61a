//! Replays the checked-in inputs of the fuzz targets through the targets' checks on a stable
//! toolchain, without libFuzzer: `cargo test --manifest-path fuzz/Cargo.toml` (which `.ci/run` runs).
//! For each target: the hand-made seeds (`fuzz/seeds/<target>/`) and the minimised corpus the fuzz
//! runs keep (`fuzz/corpus-min/<target>/`, written by `scripts/fuzz.sh`; see `ltcip_fuzz::inputs`). A
//! crashing input added to either folder is replayed here too. The workbook targets are replayed by `workbook_seeds.rs`, in a
//! process of their own (their panic hook would swallow another test's message).

use std::fs;
use std::path::{Path, PathBuf};

use ltcip_fuzz::inputs::{files, replay};

#[test]
fn json_inputs() {
    assert!(replay("json", ltcip_fuzz::json::check) > 0);
}

#[test]
fn csv_inputs() {
    assert!(replay("csv", ltcip_fuzz::csv::check) > 0);
}

#[test]
fn life_inputs() {
    assert!(replay("life", ltcip_fuzz::life::check) > 0);
}

/// The seeds named `valid-*` read without a violation, so that the targets' round trips are exercised.
#[test]
fn valid_seeds_are_valid() {
    let valid = |target: &str| {
        let files: Vec<PathBuf> = files("seeds", target)
            .into_iter()
            .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("valid-")))
            .collect();
        assert!(!files.is_empty(), "no valid-* seed for {target}");
        files.into_iter().map(|path| (fs::read(&path).expect("a readable seed"), path))
    };
    for (bytes, path) in valid("csv") {
        for row in ltcip_generated::upplan::reader(&bytes[..]) {
            let row = row.expect("no I/O error");
            assert!(row.is_valid(), "{}: line {}: {:?}", path.display(), row.line(), row.violations());
        }
    }
    for (bytes, path) in valid("life") {
        let mut rows = 0;
        for row in ltcip_generated::service_user_info::reader(&bytes[..]) {
            let row = row.expect("no I/O error");
            assert!(row.is_valid(), "{}: line {}: {:?}", path.display(), row.line(), row.violations());
            rows += 1;
        }
        assert!(rows > 0, "{}: no record", path.display());
    }
    let form = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/life/form-valid.csv")).expect("the seed");
    let rows: Vec<_> = ltcip_runtime::csv::Reader::<_, ltcip_fuzz::life::Form>::new(&form[..])
        .map(|row| row.expect("no I/O error"))
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|row| row.is_valid()), "{:?}", rows.iter().map(|r| r.violations()).collect::<Vec<_>>());
}
