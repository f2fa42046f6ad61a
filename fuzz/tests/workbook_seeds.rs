//! Replays the checked-in inputs of the workbook targets (`fuzz/seeds/workbook*/`,
//! `fuzz/corpus-min/workbook*/`) through their checks, in a process of their own: the harness's
//! panic hook records rather than prints a panic while a workbook is read (see the panic policy in
//! `fuzz/src/workbook.rs`), which would hide another test's message.

use ltcip_fuzz::inputs::replay;

/// The tests of this file share the panic hook and the count of caught panics: one thread.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn workbook_inputs() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let files = replay("workbook", ltcip_fuzz::workbook::check_file);
    let parts = replay("workbook_parts", ltcip_fuzz::workbook::check_parts);
    ltcip_fuzz::workbook::remove_scratch();
    assert!(files > 0 && parts > 0);
    eprintln!(
        "{files} workbook and {parts} workbook_parts inputs; calamine panics caught: {}",
        ltcip_fuzz::workbook::CALAMINE_PANICS.load(std::sync::atomic::Ordering::Relaxed)
    );
}

/// The panic policy on the workbooks that made calamine panic (`tests/fuzz-regressions/`, kept by
/// `codegen/tests/fuzz_regressions.rs`): the reader catches the panic and reports the workbook as
/// unreadable, so the harness counts it and does not fail.
#[test]
fn a_calamine_panic_the_reader_catches_is_counted_not_a_crash() {
    use std::sync::atomic::Ordering;
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fuzz-regressions");
    let before = ltcip_fuzz::workbook::CALAMINE_PANICS.load(Ordering::Relaxed);
    for name in ["merge-reversed.xlsx", "cell-row-overflow.xlsx", "cell-col-overflow.xlsx"] {
        let bytes = std::fs::read(dir.join(name)).expect("a kept workbook");
        ltcip_fuzz::workbook::check_bytes("xlsx", &bytes);
    }
    ltcip_fuzz::workbook::remove_scratch();
    // Overflow checks are on in test builds, so calamine panics on each.
    assert_eq!(ltcip_fuzz::workbook::CALAMINE_PANICS.load(Ordering::Relaxed) - before, 3);
}
