//! The checked-in inputs of each target, for the tests that replay them (`fuzz/tests/`): the
//! hand-made seeds (`fuzz/seeds/<target>/`) and the minimised corpus the fuzz runs keep
//! (`fuzz/corpus-min/<target>/`, written by `scripts/fuzz.sh`).

use std::fs;
use std::path::{Path, PathBuf};

/// The files of `fuzz/<folder>/<target>/`, sorted; none when the folder does not exist.
pub fn files(folder: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder).join(target);
    let Ok(entries) = fs::read_dir(&dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.is_file() && path.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    files
}

/// Runs `check` on every seed (there must be one) and every kept input of `target`, naming the
/// input that fails; returns how many were run.
pub fn replay(target: &str, check: fn(&[u8])) -> usize {
    let seeds = files("seeds", target);
    assert!(!seeds.is_empty(), "no seed in fuzz/seeds/{target}/");
    let all: Vec<PathBuf> = seeds.into_iter().chain(files("corpus-min", target)).collect();
    for path in &all {
        let bytes = fs::read(path).expect("a readable input");
        if let Err(payload) = std::panic::catch_unwind(|| check(&bytes)) {
            eprintln!("fuzz input {} fails the checks of target {target}", path.display());
            std::panic::resume_unwind(payload);
        }
    }
    all.len()
}
