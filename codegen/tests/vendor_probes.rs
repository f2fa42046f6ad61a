//! Issue 18's probes as a vendor runs them, on the generated 第6表 予定 (UPPLAN) and through
//! `ltcip-codegen validate`: a row of 24 fields (column 8 missing) is never written back shifted, a
//! checked writer refuses it naming its line; a UTF-16 or UTF-8 file given to this MS932 layout is one
//! `encoding` violation naming what it looks like; a record past the reader's size limit is one `size`
//! violation, the next line read as usual. (The runtime's own tests check each rule on hand-written
//! layouts; these check that the generated reader and the CLI are wired to them.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ltcip_generated::upplan;
use ltcip_runtime::Mode;
use ltcip_runtime::csv::{NoRecordReason, Row, WriteError};

/// A valid UPPLAN line (25 fields) as text.
const LINE: &str = "202407,131016,H123456789,20250320,202504,1310123456,\"ケアマネ 太郎\",512,,20250401,,0930,1030,1,111111,,,\"\",,1310198765,\"訪問介護ひまわり\",,0,1310123456,\r\n";

fn ms932(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable, "{text}");
    bytes.into_owned()
}

/// `LINE` without its column `column` (from 1): 24 fields.
fn without(column: usize) -> String {
    let mut fields: Vec<&str> = LINE.split(',').collect();
    fields.remove(column - 1);
    fields.join(",")
}

fn read(input: &[u8]) -> Vec<Row<upplan::Record>> {
    upplan::reader(input).collect::<std::io::Result<_>>().expect("in memory")
}

#[test]
fn a_upplan_row_of_24_fields_is_written_back_unshifted_or_refused() {
    // Column 8 (単位数) missing, as in the issue: the date of column 10 would land in column 9 and the
    // free text of column 21 in column 20.
    let short = without(8);
    assert_eq!(short.split(',').count(), 24);
    let long = LINE.replacen(",\r\n", ",extra,\r\n", 1);
    let input = ms932(&format!("{LINE}{short}{LINE}{long}"));
    let rows = read(&input);
    assert_eq!(rows.len(), 4);
    let found: Vec<(u64, Option<usize>, &str)> =
        rows.iter().flat_map(Row::violations).map(|v| (v.line(), v.column(), v.rule().code())).collect();
    assert_eq!(found, [(2, None, "columns"), (4, None, "columns")]);

    // No record to shift: the row keeps its fields as read.
    let error = rows[1].record().expect_err("24 fields of 25");
    assert_eq!((error.line(), error.reason()), (2, NoRecordReason::Columns { expected: 25, found: 24 }));
    assert!(rows[1].clone().into_record().is_err(), "nor taken out");
    let fields: Vec<&str> = rows[1].fields().expect("kept").collect();
    assert_eq!(fields[7..10], ["", "20250401", ""], "column 8 holds what column 9 had, as the file has it");
    assert_eq!(rows[3].record().expect_err("26 fields").reason(), NoRecordReason::Columns { expected: 25, found: 26 });

    // Written back row by row: byte for byte, nothing moved.
    let mut writer = upplan::writer(Vec::new());
    for row in &rows {
        writer.write_row(row).unwrap_or_else(|error| panic!("line {}: {error}", row.line()));
    }
    assert_eq!(writer.finish().expect("in memory"), input);

    // The checked writer refuses the short row, naming the line it was read from, and writes the rest.
    let mut writer = upplan::writer(Vec::new()).checked(Mode::Final);
    let mut refused = Vec::new();
    for row in &rows {
        match writer.write_row(row) {
            Ok(()) => {}
            Err(WriteError::Invalid { read_line: Some(line), violations, .. }) => {
                assert_eq!(violations.iter().map(|v| v.rule().code()).collect::<Vec<_>>(), ["columns"]);
                refused.push(line);
            }
            Err(other) => panic!("line {}: {other}", row.line()),
        }
    }
    assert_eq!(refused, [2, 4]);
    assert_eq!(writer.finish().expect("in memory"), ms932(&LINE.repeat(2)));

    // The read → fix → write flow through records: the whole rows, fixed, each in its own columns.
    let mut writer = upplan::writer(Vec::new());
    for row in rows {
        if let Ok(mut record) = row.into_record() {
            record.service_date = "20250402".into();
            writer.write(&record).expect("valid text");
        }
    }
    let written = writer.finish().expect("in memory");
    let back = read(&written);
    assert_eq!(back.len(), 2);
    for row in &back {
        assert!(row.is_valid(), "{:?}", row.violations());
        let record = row.record().expect("whole");
        assert_eq!((record.service_date.as_str(), record.units.as_deref()), ("20250402", Some("512")));
        assert_eq!(record.provider_name.as_deref(), Some("訪問介護ひまわり"));
    }
}

// ---------------------------------------------------------------------------------------------------
// Through the CLI.

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn validate(dir: &Path, name: &str, bytes: &[u8]) -> (Output, String) {
    validate_with(dir, name, bytes, &[])
}

/// [`validate`] with more arguments.
fn validate_with(dir: &Path, name: &str, bytes: &[u8], args: &[&str]) -> (Output, String) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_ltcip-codegen"))
        .args(["validate", "--layout", "UPPLAN", "--format", "json"])
        .args(args)
        .arg(&path)
        .current_dir(repo())
        .output()
        .expect("the CLI runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    (output, stdout)
}

/// (line, rule, message_en) of each violation of the one file in `--format json` output.
fn violations(stdout: &str) -> Vec<(u64, String, String)> {
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    report["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| {
            let text = |key: &str| v[key].as_str().expect(key).to_owned();
            (v["line"].as_u64().expect("line"), text("rule"), text("message_en"))
        })
        .collect()
}

#[test]
fn a_file_in_another_encoding_is_one_violation_naming_it() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let text = LINE.repeat(3);
    let utf16 = |little: bool| {
        let mut bytes = if little { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&if little { unit.to_le_bytes() } else { unit.to_be_bytes() });
        }
        bytes
    };
    for (name, bytes, encoding) in [
        ("le.csv", utf16(true), "UTF-16LE"),
        ("be.csv", utf16(false), "UTF-16BE"),
        ("utf8.csv", text.clone().into_bytes(), "UTF-8"),
    ] {
        let (output, stdout) = validate(dir.path(), name, &bytes);
        assert_eq!(output.status.code(), Some(1), "{name}: {stdout}");
        let found = violations(&stdout);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        let (line, rule, message) = &found[0];
        assert_eq!((*line, rule.as_str()), (1, "encoding"), "{name}");
        assert!(message.starts_with(&format!("the file looks like {encoding} ")), "{name}: {message}");
        assert!(message.contains("files of this layout are MS932"), "{name}: {message}");
    }
    // The control: the same text in MS932 is valid.
    let (output, stdout) = validate(dir.path(), "ms932.csv", &ms932(&text));
    assert_eq!(output.status.code(), Some(0), "{stdout}");
}

#[test]
fn a_record_past_the_size_limit_is_one_violation_and_the_next_line_is_read() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let huge = format!("202407,{}\r\n", "9".repeat(ltcip_runtime::csv::DEFAULT_MAX_RECORD_BYTES + 1));
    let bad_next = LINE.replacen("131016", "13101X", 1);
    let (output, stdout) = validate(dir.path(), "huge.csv", &ms932(&format!("{LINE}{huge}{bad_next}")));
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let found: Vec<(u64, String)> = violations(&stdout).into_iter().map(|(line, rule, _)| (line, rule)).collect();
    assert_eq!(found, [(2, "size".to_owned()), (3, "chars".to_owned())]);
}

#[test]
fn the_record_size_limit_is_set_on_the_command_line() {
    let dir = tempfile::tempdir().expect("a temp dir");
    // A valid record of about 150 bytes passes under the default and is too large under 100 bytes.
    let (output, stdout) = validate_with(dir.path(), "one.csv", &ms932(LINE), &["--max-record-bytes", "100"]);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let found: Vec<(u64, String)> = violations(&stdout).into_iter().map(|(line, rule, _)| (line, rule)).collect();
    assert_eq!(found, [(1, "size".to_owned())]);
    let (output, stdout) = validate_with(dir.path(), "one.csv", &ms932(LINE), &["--max-record-bytes", "1000"]);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
}
