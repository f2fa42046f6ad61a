//! Write-back integrity (issue 18 §1): a row whose number of fields is wrong has no record and keeps
//! its fields as read; `Writer::write_row` writes every row back without moving or dropping a value,
//! whatever the reader found wrong with it; a checked writer refuses what breaks a rule.

use ltcip_runtime::csv::{LineEnding, NoRecordReason, Reader, Record, Row, TextEncoding, WriteError, Writer};
use ltcip_runtime::serde::{Deserialize, Serialize};
use ltcip_runtime::{Mode, Validate};

/// A care-plan layout with every rule a care-plan reader checks (a 数値 with a 範囲 besides, as LIFE
/// has them), after the first columns of 第6表 予定: a date and a free text after the column the
/// issue's file lacked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
#[ltcip(csv, name = "PLAN")]
pub struct Plan {
    #[ltcip(no = "1", name = "CSVバージョン", digits = 6, length = "固定長", fixed = "202407", uniform)]
    pub version: String,
    #[ltcip(no = "2", name = "保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
    pub insurer: String,
    #[ltcip(
        no = "3",
        name = "被保険者番号",
        data_type = "半角英数字",
        digits = 10,
        length = "固定長",
        pattern = "[0-9]{10}|H[0-9]{9}"
    )]
    pub insured: String,
    #[ltcip(no = "4", name = "対象年月", data_type = "半角数字", digits = 6, date = "YYYYMM", uniform)]
    pub month: String,
    #[ltcip(no = "5", name = "プラン担当者名", occurs = "0..1", data_type = "全半角文字", digits = 20, free_text)]
    pub manager: Option<String>,
    #[ltcip(no = "6", name = "サービス利用日", data_type = "半角数字", digits = 8, date = "YYYYMMDD")]
    pub day: String,
    #[ltcip(no = "7", name = "３０日超区分", data_type = "半角英数字", digits = 1, codes("0", "1"))]
    pub over_30: String,
    #[ltcip(no = "8", name = "回数", occurs = "0..1", data_type = "数値", digits = 3, range = "1～100")]
    pub count: Option<String>,
    #[ltcip(no = "9", name = "事業所名", occurs = "0..1", data_type = "全半角文字", digits = 20, free_text)]
    pub provider: Option<String>,
}

/// A valid line, and one with a field changed.
const OK: &str = "202407,131001,H123456789,202504,\"山田 太郎\",20250401,0,12,\"訪問介護ひまわり\"";

fn line(column: usize, value: &str) -> String {
    let mut fields: Vec<&str> = OK.split(',').collect();
    fields[column - 1] = value;
    fields.join(",")
}

fn ms932(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable, "{text}");
    bytes.into_owned()
}

/// What a row holds, as text: its record's columns, or its fields as read.
fn values<T: Record>(row: &Row<T>) -> Vec<String> {
    match row.record() {
        Ok(record) => {
            let mut texts = Vec::new();
            record.for_each_column(&mut |text| texts.push(text.to_owned()));
            texts
        }
        Err(_) => row.fields().expect("a row without a record keeps its fields").map(str::to_owned).collect(),
    }
}

/// Reads `input`, writes every row back with `write_row` (in the line ending the file had), and reads
/// what was written: the same rows, each with the same values. Gives the rows read and the bytes
/// written.
fn round_trip(input: &[u8]) -> (Vec<Row<Plan>>, Vec<u8>) {
    let mut reader = Reader::<_, Plan>::new(input);
    let rows: Vec<Row<Plan>> = reader.by_ref().collect::<std::io::Result<_>>().expect("in memory");
    let mut writer = Writer::new(Vec::new()).line_ending(reader.line_ending().unwrap_or(LineEnding::CrLf));
    for row in &rows {
        writer.write_row(row).unwrap_or_else(|error| panic!("line {}: {error}", row.line()));
    }
    let written = writer.finish().expect("in memory");
    let back: Vec<Row<Plan>> = Reader::<_, Plan>::new(&written[..]).collect::<std::io::Result<_>>().expect("in memory");
    let read: Vec<Vec<String>> = rows.iter().map(values).collect();
    let again: Vec<Vec<String>> = back.iter().map(values).collect();
    assert_eq!(read, again, "every value written where it was read\n{}", String::from_utf8_lossy(&written));
    (rows, written)
}

fn codes<T>(rows: &[Row<T>]) -> Vec<(u64, Option<usize>, &'static str)> {
    rows.iter().flat_map(Row::violations).map(|v| (v.line(), v.column(), v.rule().code())).collect()
}

/// The file: a row of 第6表 with a column missing was reported, yet handed out as a record whose
/// later values sat one column to the left, and written back so.
#[test]
fn a_row_with_a_column_missing_has_no_record_and_is_written_back_unshifted() {
    let short: Vec<&str> = OK.split(',').filter(|field| *field != "0").collect();
    let short = short.join(",");
    let input = ms932(&format!("{OK}\r\n{short}\r\n{OK}\r\n"));
    let (rows, written) = round_trip(&input);
    assert_eq!(codes(&rows), [(2, None, "columns")]);

    let error = rows[1].record().expect_err("no record for 8 fields of 9");
    assert_eq!(error.line(), 2);
    assert_eq!(error.reason(), NoRecordReason::Columns { expected: 9, found: 8 });
    assert!(error.to_string().starts_with("line 2 has no record: it has 8 fields where the layout has 9 items"));
    assert_eq!(rows[1].clone().into_record().expect_err("nor taken out"), error);
    let fields: Vec<&str> = rows[1].fields().expect("kept").collect();
    assert_eq!(fields, ["202407", "131001", "H123456789", "202504", "山田 太郎", "20250401", "12", "訪問介護ひまわり"]);
    assert!(rows[0].fields().is_none() && rows[0].record().is_ok(), "a whole row holds its record");

    // Byte for byte: the free text quoted where it was, nothing moved.
    assert_eq!(written, input);
}

/// Read, then written back with `write_row`: for every kind of violation a care-plan reader reports,
/// every value lands where it was read (`round_trip` compares them), and the bytes are the file's
/// wherever the file was written as the writer writes (quoting, line ends, MS932).
#[test]
fn every_violation_kind_is_written_back_without_moving_a_value() {
    let gaiji = {
        let mut bytes = ms932(&format!("{OK}\r\n"));
        let at = bytes.windows(4).position(|w| w == ms932("山田")).expect("the name");
        bytes.splice(at..at + 2, [0xF0, 0x40]);
        bytes
    };
    let not_ms932 = |line: &str| {
        let mut bytes = ms932(&format!("{line}\r\n"));
        let at = bytes.windows(4).position(|w| w == ms932("山田")).expect("the name");
        bytes.splice(at..at + 2, [0x85, 0x40]);
        bytes
    };
    let fewer: String = OK.split(',').take(8).collect::<Vec<_>>().join(",");
    /// What the file is, its bytes, the rule it must break, and whether it is written as the writer
    /// writes (then it comes back byte for byte).
    type Case = (&'static str, Vec<u8>, &'static str, bool);
    let cases: Vec<Case> = vec![
        ("bytes that are not MS932", [ms932(&format!("{OK}\r\n")), not_ms932(OK)].concat(), "encoding", true),
        (
            "bytes that are not MS932, in a row of too many fields",
            [ms932(&format!("{OK}\r\n")), not_ms932(&format!("{OK},x"))].concat(),
            "encoding",
            true,
        ),
        ("too few fields", ms932(&format!("{OK}\r\n{fewer}\r\n{OK}\r\n")), "columns", true),
        ("too many fields", ms932(&format!("{OK}\r\n{OK},\"余り\",x\r\n{OK}\r\n")), "columns", true),
        ("a blank line", ms932(&format!("{OK}\r\n\r\n{OK}\r\n")), "columns", true),
        ("a quote left open", ms932(&format!("{OK}\r\n{}\r\n{OK}\r\n", line(5, "\"山田"))), "quoting", false),
        ("a stray quote", ms932(&format!("{}\r\n", line(3, "H1234\"6789"))), "quoting", false),
        ("text after a closing quote", ms932(&format!("{}\r\n", line(5, "\"山田\"太郎"))), "quoting", false),
        ("LF after CR LF", ms932(&format!("{OK}\r\n{OK}\n{OK}\r\n")), "line_ending", false),
        ("two months in a file", ms932(&format!("{OK}\r\n{}\r\n", line(4, "202505"))), "uniform", true),
        ("a required item empty", ms932(&format!("{}\r\n", line(2, ""))), "required", true),
        ("a letter among digits", ms932(&format!("{}\r\n", line(2, "13100X"))), "chars", true),
        ("a user-defined character (外字)", gaiji, "repertoire", true),
        ("too long", ms932(&format!("{}\r\n", line(2, "1310011"))), "length", true),
        ("another CSVバージョン", ms932(&format!("{}\r\n", line(1, "202504"))), "fixed", true),
        ("a code not in the list", ms932(&format!("{}\r\n", line(7, "2"))), "code", true),
        ("not a date", ms932(&format!("{}\r\n", line(6, "20250230"))), "date", true),
        ("not the pattern", ms932(&format!("{}\r\n", line(3, "X123456789"))), "pattern", true),
        ("not a number", ms932(&format!("{}\r\n", line(8, "1.5"))), "number", true),
        ("out of range", ms932(&format!("{}\r\n", line(8, "101"))), "range", true),
        (
            "a UTF-8 file (one finding, read as UTF-8, written as MS932)",
            format!("{OK}\r\n{}\r\n", line(6, "20251301")).into_bytes(),
            "encoding",
            false,
        ),
        (
            "a UTF-8 byte-order mark",
            [b"\xEF\xBB\xBF".as_slice(), format!("{OK}\r\n").as_bytes()].concat(),
            "encoding",
            false,
        ),
        (
            "a UTF-16 file",
            [vec![0xFF, 0xFE], format!("{OK}\r\n").encode_utf16().flat_map(u16::to_le_bytes).collect()].concat(),
            "encoding",
            false,
        ),
    ];
    let mut seen = Vec::new();
    for (what, input, rule, as_written) in cases {
        let (rows, written) = round_trip(&input);
        let found: Vec<&str> = codes(&rows).into_iter().map(|(_, _, code)| code).collect();
        assert!(found.contains(&rule), "{what}: {found:?}");
        if as_written {
            assert_eq!(String::from_utf8_lossy(&written), String::from_utf8_lossy(&input), "{what}");
            assert_eq!(written, input, "{what}");
        }
        seen.extend(found);
    }
    for rule in [
        "encoding",
        "columns",
        "quoting",
        "line_ending",
        "uniform",
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
    ] {
        assert!(seen.contains(&rule), "{rule} not exercised");
    }
}

/// The quoting of each field is kept: a field quoted in the file is written quoted, one that was not
/// is not (unless its text needs quotes), in a row without a record too.
#[test]
fn a_row_without_a_record_keeps_each_field_s_quoting() {
    let input = ms932("\"202407\",131001,\"H123456789\",\"\",,\"a,b\",\"x\"\"y\"\r\n");
    let (rows, written) = round_trip(&input);
    assert_eq!(codes(&rows), [(1, None, "columns")]);
    let fields: Vec<&str> = rows[0].fields().expect("kept").collect();
    assert_eq!(fields, ["202407", "131001", "H123456789", "", "", "a,b", "x\"y"]);
    assert_eq!(written, input);
}

/// A file that is not MS932 but whose fields are (a broken row's and a whole row's), through a buffer
/// of one byte (every record through the tokenizer), is written back as it was.
#[test]
fn unreadable_bytes_are_written_as_they_were_read() {
    let mut input = ms932(&format!("{OK}\r\n"));
    let at = input.windows(4).position(|w| w == ms932("山田")).expect("the name");
    input.splice(at..at + 2, [0x85, 0x40]);
    let mut broken = input.clone();
    broken.truncate(broken.len() - 2);
    broken.extend_from_slice(b",extra\r\n");
    let input = [input, broken].concat();
    let rows: Vec<Row<Plan>> = Reader::<_, Plan>::with_buffer(&input[..], 1).map(Result::unwrap).collect();
    assert_eq!(codes(&rows), [(1, Some(5), "encoding"), (2, None, "columns"), (2, Some(5), "encoding")]);
    let mut writer = Writer::new(Vec::new());
    for row in &rows {
        writer.write_row(row).expect("written as read");
    }
    assert_eq!(writer.finish().expect("in memory"), input);

    // A record changed elsewhere keeps the bytes; one whose unreadable field changed is written anew.
    let mut record = rows[0].record().expect("whole").clone();
    record.over_30 = "1".into();
    let mut writer = Writer::new(Vec::new());
    writer.write(&record).expect_err("the lossy text holds U+FFFD, which MS932 cannot hold");
    // Written in UTF-8, the bytes read as MS932 cannot be the same bytes: refused, not replaced.
    let mut utf8 = Writer::new(Vec::new()).encoding(TextEncoding::Utf8 { bom: false });
    match utf8.write_row(&rows[0]) {
        Err(WriteError::Unwritable { line: 1, column: 5, found: Some('\u{FFFD}'), .. }) => {}
        other => panic!("{other:?}"),
    }
}

/// A lent row without a record keeps its fields, and the record it had is refilled by the next whole
/// row: whole rows are read into the same strings, with no allocation.
#[test]
fn next_row_keeps_the_record_across_a_row_without_one() {
    let long = "訪問介護ひまわり訪問介護ひまわり";
    let input = ms932(&format!("{}\r\n{OK},x\r\n{}\r\n", line(9, &format!("\"{long}\"")), line(9, "\"あ\"")));
    let mut reader = Reader::<_, Plan>::new(&input[..]);
    let first = reader.next_row().expect("a row").expect("in memory");
    let record = first.record().expect("whole");
    let provider = record.provider.as_ref().expect("a name");
    let (pointer, capacity) = (provider.as_ptr(), provider.capacity());
    assert!(first.fields().is_none());
    let second = reader.next_row().expect("a row").expect("in memory");
    assert!(second.record().is_err());
    assert_eq!(second.fields().expect("kept").len(), 10);
    let third = reader.next_row().expect("a row").expect("in memory");
    let provider = third.record().expect("whole").provider.as_ref().expect("a name");
    assert_eq!(provider, "あ");
    assert_eq!((provider.as_ptr(), provider.capacity()), (pointer, capacity), "the same string, refilled");
    assert!(third.fields().is_none(), "a whole row keeps no copy of its fields");
}

/// A checked writer refuses a record or a row that breaks a rule, naming the line and every
/// violation, and writes nothing of it.
#[test]
fn a_checked_writer_refuses_what_breaks_a_rule() {
    let good: Plan = Reader::<_, Plan>::new(&ms932(&format!("{OK}\r\n"))[..])
        .next()
        .expect("a row")
        .expect("in memory")
        .into_record()
        .expect("whole");
    let mut bad = good.clone();
    bad.day = "20250230".into();
    bad.over_30 = "9".into();
    let mut other_month = good.clone();
    other_month.month = "202505".into();

    let mut writer = Writer::new(Vec::new()).checked(Mode::Final);
    writer.write(&good).expect("valid");
    match writer.write(&bad) {
        Err(WriteError::Invalid { line: 2, read_line: None, violations }) => {
            let found: Vec<_> = violations.iter().map(|v| (v.line(), v.column(), v.rule().code())).collect();
            assert_eq!(found, [(2, Some(6), "date"), (2, Some(7), "code")]);
        }
        other => panic!("{other:?}"),
    }
    match writer.write(&other_month) {
        Err(WriteError::Invalid { line: 2, violations, .. }) => {
            assert_eq!(violations.len(), 1);
            assert_eq!((violations[0].column(), violations[0].rule().code()), (Some(4), "uniform"));
        }
        other => panic!("{other:?}"),
    }
    let shown = writer.write(&bad).expect_err("refused").to_string();
    assert!(
        shown.starts_with("line 2 is not written: 2 violations / 2行目は違反が2件あるため書き出しません"),
        "{shown}"
    );
    assert!(shown.contains("line 2, column 6 [6 サービス利用日] date"), "{shown}");
    writer.write(&good).expect("valid");
    assert_eq!(writer.finish().expect("in memory"), ms932(&format!("{OK}\r\n{OK}\r\n")));

    // Rows: refused when the reader found anything in them, named by the line they were read from.
    let short: String = OK.split(',').take(8).collect::<Vec<_>>().join(",");
    let input = ms932(&format!("{OK}\r\n{}\r\n{short}\r\n", line(7, "9")));
    let rows: Vec<Row<Plan>> = Reader::<_, Plan>::new(&input[..]).map(Result::unwrap).collect();
    let mut writer = Writer::new(Vec::new()).checked(Mode::Final);
    writer.write_row(&rows[0]).expect("valid");
    for (row, rule) in [(&rows[1], "code"), (&rows[2], "columns")] {
        match writer.write_row(row) {
            Err(WriteError::Invalid { line: 2, read_line: Some(read), violations }) => {
                assert_eq!(read, row.line());
                assert_eq!(violations.iter().map(|v| v.rule().code()).collect::<Vec<_>>(), [rule]);
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(writer.finish().expect("in memory"), ms932(&format!("{OK}\r\n")));

    // Unchecked, the same rows are written as read.
    let mut writer = Writer::new(Vec::new());
    for row in &rows {
        writer.write_row(row).expect("unchecked");
    }
    assert_eq!(writer.finish().expect("in memory"), input);
}

/// LIFE's named-column files: a record with another number of fields than line 2 names has no record,
/// and a column line 2 names for no item (or names again) keeps its values, written back under the
/// same line 2.
mod life {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
    #[serde(crate = "ltcip_runtime::serde")]
    #[ltcip(csv(id = "SERVICE_USER_INFO"))]
    pub struct User {
        #[ltcip(no = "1", name = "事業所番号", data_type = "半角数字", digits = 10, length = "固定長", quoted)]
        pub care_facility_id: String,
        #[ltcip(no = "6", name = "利用者姓", data_type = "全半角文字", digits = 30, quoted)]
        pub last_name: String,
        #[ltcip(no = "10", name = "利用者性別", data_type = "数値", digits = 1, codes("1", "2"))]
        pub gender: String,
        #[ltcip(no = "21", name = "備考", occurs = "0..1", data_type = "全半角文字", digits = 200, quoted)]
        pub remarks: Option<String>,
    }

    fn write_back(input: &[u8]) -> (Vec<Row<User>>, Vec<u8>) {
        let mut reader = Reader::<_, User>::new(input);
        let rows: Vec<Row<User>> = reader.by_ref().map(Result::unwrap).collect();
        let names: Vec<String> = reader.header_names().expect("line 2").to_vec();
        let mut writer = Writer::new(Vec::new())
            .names(&names)
            .encoding(reader.encoding().unwrap_or(TextEncoding::Utf8 { bom: false }))
            .line_ending(reader.line_ending().expect("line 1 ends"));
        for row in &rows {
            writer.write_row(row).unwrap_or_else(|error| panic!("line {}: {error}", row.line()));
        }
        (rows, writer.finish().expect("in memory"))
    }

    #[test]
    fn header_problems_and_wrong_counts_lose_nothing() {
        let input = "SERVICE_USER_INFO\r\n\
                     gender,last_name,nickname,care_facility_id,gender\r\n\
                     1,\"厚労\",\"たろう\",\"9999999999\",2\r\n\
                     2,\"山田\",\"はなこ\"\r\n\
                     3,,,\"123\",\r\n";
        // As LIFE writes: strings quoted, numbers bare, Null empty.
        let (rows, written) = write_back(input.as_bytes());
        let found: Vec<_> =
            rows.iter().flat_map(Row::violations).map(|v| (v.line(), v.column(), v.rule().code())).collect();
        assert_eq!(
            found,
            [
                (2, Some(3), "header"),
                (2, Some(5), "header"),
                (4, None, "columns"),
                (5, Some(1), "code"),
                (5, Some(2), "required"),
                (5, Some(4), "length"),
            ]
        );
        // Whole rows keep the values of the columns no item holds; the short row has no record.
        let fields: Vec<&str> = rows[0].fields().expect("kept: nickname is no item's").collect();
        assert_eq!(fields, ["1", "厚労", "たろう", "9999999999", "2"]);
        assert_eq!(rows[0].record().expect("whole").gender, "1", "the first gender column is the one read");
        assert_eq!(
            rows[1].record().expect_err("3 fields of 5").reason(),
            NoRecordReason::HeaderColumns { expected: 5, found: 3 }
        );
        assert_eq!(String::from_utf8(written).expect("UTF-8"), input);
    }

    /// A record whose only column is Null is written `""`, not as an empty line, which reads as a
    /// record of no fields (the fuzzer's `one-column-null.csv`).
    #[test]
    fn a_record_of_one_empty_column_is_written_as_one_field() {
        let input = "SERVICE_USER_INFO\r\nremarks\r\n\"\"\r\n\"\"\r\n";
        let (rows, written) = write_back(input.as_bytes());
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|row| row.record().is_ok_and(|user| user.remarks.is_none())));
        assert_eq!(String::from_utf8(written).expect("UTF-8"), input);
        let mut writer = Writer::new(Vec::new()).columns(&["remarks"]);
        let user =
            User { care_facility_id: String::new(), last_name: String::new(), gender: "1".into(), remarks: None };
        writer.write(&user).expect("written");
        let written = writer.finish().expect("in memory");
        assert_eq!(written, b"SERVICE_USER_INFO\r\nremarks\r\n\"\"\r\n");
        let back: Vec<Row<User>> = Reader::<_, User>::new(&written[..]).map(Result::unwrap).collect();
        assert!(back[0].record().is_ok(), "{:?}", back[0].violations());
    }

    #[test]
    fn write_leaves_a_column_no_item_holds_empty() {
        let mut writer = Writer::new(Vec::new()).names(&["gender", "nickname", "last_name", "gender"]);
        let user =
            User {
                care_facility_id: "9999999999".into(), last_name: "厚労".into(), gender: "1".into(), remarks: None
            };
        writer.write(&user).expect("written");
        let written = writer.finish().expect("in memory");
        assert_eq!(written, ms932("SERVICE_USER_INFO\r\ngender,nickname,last_name,gender\r\n1,,\"厚労\",\r\n"));
    }
}
