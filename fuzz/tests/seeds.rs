//! Replays the checked-in seeds (`fuzz/seeds/<target>/`) through the targets' checks on a stable
//! toolchain, without libFuzzer: `cargo test --manifest-path fuzz/Cargo.toml`. A crashing input
//! added to a seed folder is replayed here too.

use std::fs;
use std::path::{Path, PathBuf};

fn seeds(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds").join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.is_file() && path.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no seed in {}", dir.display());
    files
}

fn replay(target: &str, check: fn(&[u8])) {
    for path in seeds(target) {
        let bytes = fs::read(&path).expect("a readable seed");
        eprintln!("{}", path.display());
        check(&bytes);
    }
}

#[test]
fn json_seeds() {
    replay("json", ltcip_fuzz::json::check);
}

#[test]
fn csv_seeds() {
    replay("csv", ltcip_fuzz::csv::check);
}

#[test]
fn workbook_seeds() {
    replay("workbook", ltcip_fuzz::workbook::check_file);
}

#[test]
fn workbook_parts_seeds() {
    replay("workbook_parts", ltcip_fuzz::workbook::check_parts);
}

/// The CSV seeds named `valid-*` read without a violation, so that the round trip is exercised.
#[test]
fn valid_csv_seeds_are_valid() {
    for path in
        seeds("csv").into_iter().filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("valid-")))
    {
        let bytes = fs::read(&path).expect("a readable seed");
        for row in ltcip_generated::upplan::reader(&bytes[..]) {
            let row = row.expect("no I/O error");
            assert!(row.is_valid(), "{}: line {}: {:?}", path.display(), row.line(), row.violations());
        }
    }
}
