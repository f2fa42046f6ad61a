//! Target `csv`: arbitrary bytes as a 第6表 予定 (UPPLAN) file, through `upplan::reader`.
//!
//! The reader must not panic nor return an I/O error (the input is a byte slice), and:
//!
//! - each row's line is ≥ 1, after the previous row's, and within the file's lines; each of its
//!   violations names that line, and a column from 1 to the larger of the layout's item count and
//!   the record's field count (a `columns` violation says how many fields it had); every violation
//!   displays, and each rule kind's message is not empty in either language;
//! - the reader reads the same rows whatever its buffer size (records straddle buffer ends, and a
//!   buffer that holds no whole line sends every record through the tokenizer rather than the line
//!   splitter), and `next_row` lends the same rows as the iterator gives;
//! - `csv::check` in parts hands out the same violations ([`crate::parts`]);
//! - the rows without violations, written back with the writer (in the line ending the file had),
//!   read again as the same records, each without violation, and writing those gives the same bytes.

use ltcip_generated::upplan;
use ltcip_runtime::csv::{LineEnding, Reader, Record as _, Row};
use ltcip_runtime::{Layout, Rule};

type Record = upplan::Record;

/// The rule codes a CSV file can break.
const CSV_RULES: &[&str] = &[
    "required",
    "count",
    "chars",
    "repertoire",
    "length",
    "fixed",
    "code",
    "date",
    "pattern",
    "encoding",
    "columns",
    "quoting",
    "line_ending",
    "uniform",
    "size",
];

/// Runs every check on `data`.
pub fn check(data: &[u8]) {
    let mut reader = upplan::reader(data);
    let rows: Vec<Row<Record>> = reader.by_ref().map(|row| row.expect("no I/O error reading a byte slice")).collect();
    let ending = reader.line_ending();
    check_rows(data, &rows);

    // The same rows lent one at a time by `next_row`.
    let mut lent = Vec::new();
    let mut lending = upplan::reader(data);
    while let Some(row) = lending.next_row() {
        lent.push(row.expect("no I/O error reading a byte slice").clone());
    }
    assert!(lent == rows, "next_row reads other rows:\n  {lent:?}\n  {rows:?}");

    // The same rows through a small buffer, whose size the input picks (1 to 16 bytes) with its last
    // byte (its first is often a byte-order mark's or a digit).
    let capacity = usize::from(data.last().copied().unwrap_or(0) % 16) + 1;
    let small: Vec<Row<Record>> = Reader::<_, Record>::with_buffer(data, capacity)
        .map(|row| row.expect("no I/O error reading a byte slice"))
        .collect();
    assert!(small == rows, "a {capacity}-byte buffer reads other rows:\n  {small:?}\n  {rows:?}");

    let expected: Vec<_> = rows.iter().flat_map(|row| row.violations().iter().cloned()).collect();
    crate::parts::agree("UPPLAN", data, Record::SHAPE, &expected, rows.len());

    round_trip(&rows, ending);
}

fn check_rows(data: &[u8], rows: &[Row<Record>]) {
    let items = Record::SHAPE.items.len();
    let last_line = line_count(data);
    let mut previous = 0;
    // Rules whose messages were rendered in both languages: once a rule kind an input, as rendering
    // is the costliest part of an execution. Every violation is still displayed (its values quoted
    // into the message), once.
    let mut rendered: Vec<&str> = Vec::new();
    for row in rows {
        let line = row.line();
        assert!(line >= 1, "a row on line 0");
        assert!(line > previous, "row on line {line} after a row on line {previous}");
        assert!(line <= last_line, "row on line {line} of a file of {last_line} lines");
        previous = line;
        let fields = row
            .violations()
            .iter()
            .find_map(|v| match v.rule() {
                Rule::Columns { found, .. } => Some(*found),
                _ => None,
            })
            .unwrap_or(items);
        let columns = items.max(fields);
        for violation in row.violations() {
            assert_eq!(violation.line(), line, "a violation of the row on line {line} names another line: {violation}");
            if let Some(column) = violation.column() {
                assert!(
                    (1..=columns).contains(&column),
                    "column {column} outside 1..={columns} on line {line}: {violation}"
                );
            }
            let code = violation.rule().code();
            assert!(CSV_RULES.contains(&code), "rule {code} in a CSV file: {violation}");
            if !rendered.contains(&code) {
                assert!(!violation.message_ja().is_empty() && !violation.message_en().is_empty(), "empty message");
                rendered.push(code);
            }
            let _ = violation.to_string();
        }
    }
}

/// Lines in `data`: one more than its line breaks (CR LF, LF, or CR alone).
fn line_count(data: &[u8]) -> u64 {
    let mut lines = 1;
    for (index, &byte) in data.iter().enumerate() {
        if byte == b'\n' || (byte == b'\r' && data.get(index + 1) != Some(&b'\n')) {
            lines += 1;
        }
    }
    lines
}

fn round_trip(rows: &[Row<Record>], ending: Option<LineEnding>) {
    let valid: Vec<&Record> = rows.iter().filter(|row| row.is_valid()).filter_map(|row| row.record().ok()).collect();
    if valid.is_empty() {
        return;
    }
    let ending = ending.unwrap_or(LineEnding::CrLf);
    let written = write(&valid, ending);
    let again: Vec<Row<Record>> =
        upplan::reader(&written[..]).map(|row| row.expect("no I/O error reading a byte slice")).collect();
    let records: Vec<&Record> = again.iter().filter_map(|row| row.record().ok()).collect();
    assert!(
        records == valid,
        "valid records read back as others:\n  {valid:?}\n  {records:?}\n  {:?}",
        String::from_utf8_lossy(&written)
    );
    for row in &again {
        assert!(row.is_valid(), "a valid record, written and read back, has violations: {:?}", row.violations());
    }
    assert_eq!(write(&records, ending), written, "writing the records read back gives other bytes");
}

fn write(records: &[&Record], ending: LineEnding) -> Vec<u8> {
    let mut writer = upplan::writer(Vec::new()).line_ending(ending);
    for record in records {
        if let Err(error) = writer.write(*record) {
            let mut columns = Vec::new();
            record.for_each_column(&mut |text| columns.push(text.to_owned()));
            panic!("a valid record cannot be written: {error}\n  {columns:?}");
        }
    }
    writer.finish().expect("writing to a Vec")
}
