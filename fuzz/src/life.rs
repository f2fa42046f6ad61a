//! Target `life`: arbitrary bytes as a named-column CSV file of LIFE (CSV連携仕様書(LIFE) v1.0 4.2–4.4:
//! line 1 the data type, line 2 the item names, records from line 3, UTF-8 or MS932), read as two
//! layouts: the generated `service_user_info::Record` (SERVICE_USER_INFO, from `specs/life-1.00.xlsx`)
//! and [`Form`], a layout written here with the rules SERVICE_USER_INFO lacks (数値 with decimals,
//! 範囲, `HH`/`mm`, ○ required on 確定取込 only, ● required under a condition). Line 1 names one of
//! them at most, so every input is also read as a file whose line 1 is wrong.
//!
//! For each layout the reader must not panic nor return an I/O error (the input is a byte slice), and:
//!
//! - each row's line is ≥ 3 (records start on line 3), after the previous row's, and within the
//!   file's lines; each of its violations names that line, except those of the header (lines 1 and
//!   2, or more when a quoted field holds a line break), which the first row only carries, before
//!   its own line, and which are the reader's `header_violations()`; a `header` violation is never on
//!   a record's line;
//! - columns are from 1 to the larger of line 2's names and the record's fields; rule codes are those
//!   a named-column file can break, and messages are not empty (rendered once a rule kind an input);
//! - the reader reads the same rows whatever its buffer size (1–16 bytes, picked by the input's last
//!   byte) and `next_row` lends the same rows as the iterator gives;
//! - `csv::check` in parts hands out the same violations ([`crate::parts`]);
//! - checked in `Mode::Draft` (仮取込), a record has no violation it does not have in `Mode::Final`
//!   (確定取込 requires more, never less; violations compared as values), and the rows are the same;
//! - the records of rows without violations, written back with the columns, encoding and line ending
//!   the reader found, read again as the same records, with the same columns and without violation
//!   but a `header` one the file had (a required item line 2 lacks is reported once, on the first
//!   row, so the other rows are valid without it); and writing those gives the same bytes again.

use ltcip_generated::service_user_info;
use ltcip_runtime::csv::{LineEnding, Reader, Record, Row, TextEncoding, Violation, Writer};
use ltcip_runtime::serde::{Deserialize, Serialize};
use ltcip_runtime::{Layout, Mode, Rule, Validate};

/// A named-column layout with the LIFE rules SERVICE_USER_INFO does not have.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
#[ltcip(csv(id = "FORM_FUZZ_2021"), name = "FORM_FUZZ_2021 fuzz form")]
pub struct Form {
    #[ltcip(no = "1", name = "事業所番号", data_type = "半角数字", digits = 10, length = "固定長", quoted)]
    pub care_facility_id: String,
    #[ltcip(no = "2", name = "施設区分", data_type = "数値", digits = 1, codes("1", "2"))]
    pub facility_type: String,
    #[ltcip(no = "3", name = "体重", occurs = "0..1", data_type = "数値", digits = 3, decimals = 1, range = "0～300")]
    pub weight: Option<String>,
    #[ltcip(
        no = "4",
        name = "評価日",
        occurs = "0..1",
        data_type = "全半角文字",
        digits = 8,
        date = "YYYYMMDD",
        quoted,
        required(mode = "final")
    )]
    pub evaluated_on: Option<String>,
    #[ltcip(no = "5", name = "時", occurs = "0..1", data_type = "半角数字", digits = 2, range = "0～23", date = "HH")]
    pub hour: Option<String>,
    #[ltcip(no = "6", name = "分", occurs = "0..1", data_type = "半角数字", digits = 2, date = "mm")]
    pub minute: Option<String>,
    #[ltcip(no = "7", name = "経口摂取", occurs = "0..1", data_type = "数値", digits = 1, codes("1", "2", "3"))]
    pub oral_intake: Option<String>,
    #[ltcip(
        no = "8",
        name = "食事量",
        occurs = "0..1",
        data_type = "数値",
        digits = 3,
        range = "0～100",
        required(mode = "final", when(facility_type = "1", oral_intake("1", "2")))
    )]
    pub meal_amount: Option<String>,
    #[ltcip(no = "9", name = "備考", occurs = "0..1", data_type = "全半角文字", digits = 20, quoted)]
    pub remarks: Option<String>,
}

/// The rule codes a named-column file can break.
const LIFE_RULES: &[&str] = &[
    "required",
    "chars",
    "repertoire",
    "length",
    "fixed",
    "code",
    "date",
    "pattern",
    "number",
    "range",
    "encoding",
    "columns",
    "quoting",
    "line_ending",
    "uniform",
    "header",
    "size",
];

/// Runs every check on `data`, as each layout.
pub fn check(data: &[u8]) {
    layout::<service_user_info::Record>(data);
    layout::<Form>(data);
}

/// The checks for one layout.
pub fn layout<T: Record + Layout + Clone + PartialEq + std::fmt::Debug>(data: &[u8]) {
    let name = T::SHAPE.name;
    let mut reader = Reader::<_, T>::new(data);
    let rows: Vec<Row<T>> = reader.by_ref().map(|row| row.expect("no I/O error reading a byte slice")).collect();
    let header: Vec<Violation> = reader.header_violations().to_vec();
    let columns: Option<Vec<&'static str>> = reader.columns().map(<[_]>::to_vec);
    let encoding = reader.encoding();
    let ending = reader.line_ending();
    // Line 2's names: those read, and each unknown or repeated one (a `header` violation at its column).
    let unread =
        reader.header_violations().iter().filter(|v| v.rule().code() == "header" && v.column().is_some()).count();
    check_rows(name, data, &rows, &header, columns.as_ref().map_or(0, Vec::len) + unread);

    // The same rows lent one at a time by `next_row`.
    let mut lent = Vec::new();
    let mut lending = Reader::<_, T>::new(data);
    while let Some(row) = lending.next_row() {
        lent.push(row.expect("no I/O error reading a byte slice").clone());
    }
    assert!(lent == rows, "{name}: next_row reads other rows:\n  {lent:?}\n  {rows:?}");

    // The same rows through a small buffer, whose size the input picks with its last byte.
    let capacity = usize::from(data.last().copied().unwrap_or(0) % 16) + 1;
    let small: Vec<Row<T>> = Reader::<_, T>::with_buffer(data, capacity)
        .map(|row| row.expect("no I/O error reading a byte slice"))
        .collect();
    assert!(small == rows, "{name}: a {capacity}-byte buffer reads other rows:\n  {small:?}\n  {rows:?}");

    let expected: Vec<Violation> = if rows.is_empty() {
        header.clone()
    } else {
        rows.iter().flat_map(|row| row.violations().iter().cloned()).collect()
    };
    crate::parts::agree(name, data, T::SHAPE, &expected, rows.len());

    // 仮取込 requires no more than 確定取込.
    let draft: Vec<Row<T>> = Reader::<_, T>::new(data)
        .mode(Mode::Draft)
        .map(|row| row.expect("no I/O error reading a byte slice"))
        .collect();
    assert_eq!(draft.len(), rows.len(), "{name}: Mode::Draft reads another number of rows");
    for (draft, last) in draft.iter().zip(&rows) {
        assert_eq!(
            (draft.line(), draft.record()),
            (last.line(), last.record()),
            "{name}: Mode::Draft reads another row"
        );
        // Compared as values, not as their messages: rendering every message twice is most of the
        // cost of an execution, and two violations that are equal show the same message.
        let mut left: Vec<&Violation> = last.violations().iter().collect();
        for violation in draft.violations() {
            let at = left.iter().position(|v| *v == violation);
            assert!(
                at.is_some(),
                "{name}: line {}: {violation} in Mode::Draft, not in Mode::Final: {left:?}",
                draft.line()
            );
            left.remove(at.unwrap_or_default());
        }
    }

    round_trip(name, &rows, &header, columns.as_deref(), encoding, ending);
}

fn check_rows<T>(name: &str, data: &[u8], rows: &[Row<T>], header: &[Violation], names: usize) {
    let last_line = line_count(data);
    let mut previous = 2;
    // Rules whose messages were rendered: once a rule kind an input, as rendering is the costliest
    // part of an execution (the messages' tables are tested whole in the runtime's tests).
    let mut rendered: Vec<&str> = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let line = row.line();
        assert!(line > previous, "{name}: row on line {line} after line {previous} (records start on line 3)");
        assert!(line <= last_line, "{name}: row on line {line} of a file of {last_line} lines");
        previous = line;
        let fields = row
            .violations()
            .iter()
            .find_map(|v| match v.rule() {
                Rule::HeaderColumns { found, .. } | Rule::Columns { found, .. } => Some(*found),
                _ => None,
            })
            .unwrap_or(names);
        let columns = names.max(fields);
        let mut carried = Vec::new();
        for violation in row.violations() {
            let code = violation.rule().code();
            if violation.line() != line {
                // A violation of the header (the data type, the names, how they end their lines),
                // which a quoted line break can spread over more than lines 1 and 2.
                assert_eq!(index, 0, "{name}: the row on line {line}, not the first, carries {violation}");
                assert!(violation.line() < line, "{name}: the row on line {line} carries {violation}");
                carried.push(violation);
            } else {
                assert_ne!(code, "header", "{name}: a header violation on line {line}: {violation}");
            }
            // A record's columns, and line 2's names; line 1's fields are counted nowhere.
            let bounded = violation.line() == line || code == "header";
            if let Some(column) = violation.column().filter(|_| bounded) {
                assert!(
                    (1..=columns.max(1)).contains(&column),
                    "{name}: column {column} outside 1..={columns} on line {line}: {violation}"
                );
            }
            assert!(LIFE_RULES.contains(&code), "{name}: rule {code} in a named-column file: {violation}");
            if !rendered.contains(&code) {
                assert!(
                    !violation.message_ja().is_empty() && !violation.message_en().is_empty(),
                    "{name}: an empty message"
                );
                rendered.push(code);
            }
        }
        if index == 0 {
            // The same violations, in any order: the row orders them by line and column, the reader as
            // it found them.
            let mut expected: Vec<&Violation> = header.iter().collect();
            for violation in &carried {
                let at = expected.iter().position(|v| v == violation);
                assert!(
                    at.is_some(),
                    "{name}: the first row carries {violation}, which the reader's header violations lack"
                );
                expected.remove(at.unwrap_or_default());
            }
            assert!(expected.is_empty(), "{name}: the first row lacks the header violations {expected:?}");
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

fn round_trip<T: Record + Layout + PartialEq + std::fmt::Debug>(
    name: &str,
    rows: &[Row<T>],
    header: &[Violation],
    columns: Option<&[&'static str]>,
    encoding: Option<TextEncoding>,
    ending: Option<LineEnding>,
) {
    let valid: Vec<&T> = rows.iter().filter(|row| row.is_valid()).filter_map(|row| row.record().ok()).collect();
    if valid.is_empty() {
        return;
    }
    let columns = columns.expect("records were read, so line 2 was");
    if columns.is_empty() {
        // Line 2 names no item: written back, it would be empty, which is another fault.
        return;
    }
    let encoding = encoding.unwrap_or(TextEncoding::Ms932);
    let ending = ending.unwrap_or(LineEnding::CrLf);
    let written = write(name, &valid, columns, encoding, ending);
    let mut reader = Reader::<_, T>::new(&written[..]);
    let again: Vec<Row<T>> = reader.by_ref().map(|row| row.expect("no I/O error reading a byte slice")).collect();
    assert_eq!(reader.columns(), Some(columns), "{name}: written back with other columns");
    if encoding == TextEncoding::Ms932 && matches!(reader.encoding(), Some(TextEncoding::Utf8 { .. })) {
        // The encoding is guessed from the first field holding non-ASCII bytes (README, LIFE CSV
        // files): MS932 text that happens to be valid UTF-8 (`螟ｪ`, UTF-8's 太) reads as UTF-8 once
        // the field that showed the file to be MS932 (in a row not written back) is gone.
        return;
    }
    let records: Vec<&T> = again.iter().filter_map(|row| row.record().ok()).collect();
    assert!(
        records == valid,
        "{name}: valid records read back as others:\n  {valid:?}\n  {records:?}\n  {:?}",
        String::from_utf8_lossy(&written)
    );
    // Line 2 lacking a required item is reported once, on the first row: the other rows are valid,
    // and written back with the same columns they lack it again. Nothing else is reported. (Compared
    // without their lines: a quoted line break may have put the original's names below line 2.)
    let had: Vec<String> = header.iter().map(|v| format!("{} {}", v.item_no(), v.message_en())).collect();
    for violation in reader.header_violations() {
        let rule = format!("{} {}", violation.item_no(), violation.message_en());
        assert!(had.contains(&rule), "{name}: written back, the header has {violation}; read, it had {had:?}");
    }
    for row in &again {
        assert!(
            row.violations().iter().all(|v| v.rule().code() == "header"),
            "{name}: a valid record, written and read back, has violations: {:?}\n  {:?}",
            row.violations(),
            String::from_utf8_lossy(&written)
        );
    }
    assert_eq!(write(name, &records, columns, encoding, ending), written, "{name}: written again, other bytes");
}

fn write<T: Record + Validate + std::fmt::Debug>(
    name: &str,
    records: &[&T],
    columns: &[&str],
    encoding: TextEncoding,
    ending: LineEnding,
) -> Vec<u8> {
    let mut writer = Writer::new(Vec::new()).columns(columns).encoding(encoding).line_ending(ending);
    for record in records {
        if let Err(error) = writer.write(*record) {
            panic!("{name}: a valid record cannot be written in {encoding:?}: {error}\n  {record:?}");
        }
    }
    writer.finish().expect("writing to a Vec")
}
