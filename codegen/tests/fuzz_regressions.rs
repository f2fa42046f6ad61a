//! Workbooks on which the fuzz targets (`fuzz/`, `scripts/fuzz.sh`) made the spreadsheet reader panic,
//! kept in `tests/fuzz-regressions/`. Each is the one-sheet 別紙13 package of `fuzz/seeds/` with one
//! cell reference broken:
//!
//! - `merge-reversed.xlsx`: a merged region written bottom-right first (`<mergeCell ref="C9:B8"/>`):
//!   calamine 0.38 subtracts the corners (`xlsx::get_dimension`, "attempt to subtract with overflow");
//! - `cell-row-overflow.xlsx`: a cell `r="B99999999999"`: calamine multiplies the row number past
//!   `u32` (`xlsx::get_row_and_optional_column`, "attempt to multiply with overflow");
//! - `cell-col-overflow.xlsx`: a cell `r="ZZZZZZZZZZZZZZZ8"`: the same for the column letters.
//!
//! These panic only where overflow checks are on (debug builds, tests, the fuzz builds); a release
//! build wraps silently. The reader catches a panic of calamine by design and reports the workbook as
//! unreadable: this holds it to that, so that a workbook from outside never takes the generator down.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fuzz-regressions").join(name)
}

fn reads_without_panic(name: &str) {
    let path = case(name);
    assert!(path.is_file(), "{} is missing", path.display());
    let run = catch_unwind(AssertUnwindSafe(|| ltcip_codegen::load(std::slice::from_ref(&path))));
    let (spec, diagnostics) = run.unwrap_or_else(|_| panic!("{name}: reading panicked"));
    // Either calamine read it (overflow checks off) or the workbook is one error naming the file.
    if diagnostics.has_errors() {
        let shown: Vec<String> = diagnostics.errors().map(ToString::to_string).collect();
        assert!(shown.iter().any(|d| d.contains(name)), "{name}: no error names the workbook: {shown:#?}");
    } else {
        assert!(!spec.interfaces.is_empty(), "{name}: read without error, yet no interface");
    }
}

#[test]
fn a_merged_region_written_bottom_right_first() {
    reads_without_panic("merge-reversed.xlsx");
}

#[test]
fn a_cell_row_past_u32() {
    reads_without_panic("cell-row-overflow.xlsx");
}

#[test]
fn a_cell_column_past_u32() {
    reads_without_panic("cell-col-overflow.xlsx");
}
