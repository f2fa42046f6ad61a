//! `csv::check` on two threads, in parts of a size the input picks (1 to 48 bytes, so that every
//! input is cut many times), must hand out the violations a reader of the whole file gives, in the
//! same order, and count the same records (see `runtime/src/csv/parallel.rs`).

use ltcip_runtime::Shape;
use ltcip_runtime::csv::{self, CheckOptions, Violation};

/// Checks `data` in parts against `expected` (the reader's rows' violations, or its header violations
/// for a file of no record) and the reader's `records`.
pub fn agree(name: &str, data: &[u8], shape: &'static Shape<'static>, expected: &[Violation], records: usize) {
    let first = data.first().copied().unwrap_or(0);
    let last = data.last().copied().unwrap_or(0);
    let part_bytes = usize::from((first ^ last) % 48) + 1;
    let options = CheckOptions { jobs: 2, part_bytes, ..CheckOptions::default() };
    let mut found = Vec::new();
    let checked = csv::check(data, shape, options, |violation| found.push(violation.clone()))
        .expect("no I/O error reading a byte slice");
    assert!(
        found == expected,
        "{name}: in parts of {part_bytes} bytes, other violations:\n  {found:?}\n  {expected:?}"
    );
    assert_eq!(checked.records, records as u64, "{name}: in parts of {part_bytes} bytes, another record count");
}
