//! Bounded memory in the library readers (issue 18 §2): a CSV record larger than the reader's limit is
//! one violation and reading resumes at the next line break, in both dialects; the JSON streaming
//! validator holds no string, number or value larger than its limit, and stays flat on long and deep
//! documents. Peak memory is measured as the resident set of a child process (VmHWM).

use std::io::Read;

use ltcip_runtime::csv::{NoRecordReason, Reader, Row, Untyped, WriteError, Writer};
use ltcip_runtime::json::stream::Validator;
use ltcip_runtime::serde::{Deserialize, Serialize};
use ltcip_runtime::{Layout, Rule, Validate};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
#[ltcip(csv, name = "DLTPLAN")]
pub struct Plan {
    #[ltcip(no = "1", name = "CSVバージョン", digits = 6, length = "固定長", fixed = "202407")]
    pub version: String,
    #[ltcip(no = "2", name = "保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
    pub insurer: String,
    #[ltcip(no = "3", name = "備考", occurs = "0..1", data_type = "全半角文字", digits = 200, free_text)]
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
#[ltcip(csv(id = "SERVICE_USER_INFO"))]
pub struct User {
    #[ltcip(no = "1", name = "事業所番号", data_type = "半角数字", digits = 10, length = "固定長", quoted)]
    pub care_facility_id: String,
    #[ltcip(no = "21", name = "備考", occurs = "0..1", data_type = "全半角文字", digits = 200, quoted)]
    pub remarks: Option<String>,
}

/// (line, column, rule) of every violation, and whether each row has a record.
fn read<T: ltcip_runtime::csv::Record>(input: &[u8], limit: usize, capacity: usize) -> Vec<(u64, bool, Vec<String>)> {
    Reader::<_, T>::with_buffer(input, capacity)
        .max_record_bytes(limit)
        .map(|row| {
            let row = row.expect("in memory");
            let rules = row.violations().iter().map(|v| format!("{:?} {}", v.column(), v.rule().code())).collect();
            (row.line(), row.record().is_ok(), rules)
        })
        .collect()
}

#[test]
fn a_record_larger_than_the_limit_is_one_violation_and_reading_resumes() {
    let long = "x".repeat(200);
    let input = format!(
        "202407,131001,ok\r\n202407,131001,{long}\r\n202407,131001,\"open {long}\r\n202407,131001,after\r\n\
         202407,\"{long}\r\nmore\",\r\n202407,131001,last"
    );
    let expected = vec![
        (1, true, vec![]),
        (2, false, vec!["None size".to_owned()]),
        (3, false, vec!["None size".to_owned()]),
        // Reading resumed after the line break inside the quote left open.
        (4, true, vec![]),
        (5, false, vec!["None size".to_owned()]),
        // The quoted line break was skipped with the record: the next one starts on line 6.
        (6, false, vec!["None columns".to_owned(), "Some(1) quoting".to_owned()]),
        (7, true, vec![]),
    ];
    for capacity in [1, 7, 64 * 1024] {
        assert_eq!(read::<Plan>(input.as_bytes(), 100, capacity), expected, "a buffer of {capacity}");
    }
    // The default limit (1 MiB) leaves them all whole.
    let whole = read::<Plan>(input.as_bytes(), ltcip_runtime::csv::DEFAULT_MAX_RECORD_BYTES, 64 * 1024);
    assert_eq!(whole.len(), 5, "the quote left open on line 3 runs to line 5's");

    let rows: Vec<Row<Plan>> =
        Reader::<_, Plan>::new(input.as_bytes()).max_record_bytes(100).map(Result::unwrap).collect();
    let v = &rows[2].violations()[0];
    assert_eq!(v.rule(), &Rule::RecordTooLarge { limit: 100, open_quote: Some(3) });
    assert!(v.message_en().contains("the quote opened in column 3 is still open"), "{}", v.message_en());
    assert!(v.message_ja().contains("3列目で開いたダブルクォーテーション"), "{}", v.message_ja());
    assert_eq!(rows[1].violations()[0].rule(), &Rule::RecordTooLarge { limit: 100, open_quote: None });
    assert!(rows[1].fields().is_none(), "nothing of it is kept");
    assert_eq!(rows[1].record().expect_err("too large").reason(), NoRecordReason::TooLarge { limit: 100 });
    let mut writer = Writer::new(Vec::new());
    assert!(matches!(writer.write_row(&rows[1]), Err(WriteError::NotKept { line: 2 })));

    // A record may have `limit / 16` fields (each field's place takes 16 bytes): 41 empty fields are
    // too many for a limit of 600, though they take 40 bytes of the line.
    let commas = format!("202407,131001,ok\r\n{}\r\n202407,131001,ok\r\n", ",".repeat(40));
    let found = read::<Plan>(commas.as_bytes(), 600, 64 * 1024);
    assert_eq!(found[1], (2, false, vec!["None size".to_owned()]));
    assert_eq!(found[2], (3, true, vec![]));

    // Untyped readers (what `ltcip-codegen validate` reads with) see the same.
    let untyped: Vec<Vec<String>> = Reader::<_, Untyped>::with_shape(input.as_bytes(), Plan::SHAPE)
        .max_record_bytes(100)
        .map(|row| row.expect("in memory").violations().iter().map(|v| v.rule().code().to_owned()).collect())
        .collect();
    assert_eq!(untyped.iter().filter(|rules| rules.contains(&"size".to_owned())).count(), 3);
}

#[test]
fn the_named_column_dialect_has_the_same_limit() {
    let long = "x".repeat(200);
    let input = format!(
        "SERVICE_USER_INFO\r\ncare_facility_id,remarks\r\n\"9999999999\",\"{long}\"\r\n\"9999999999\",\"open {long}\r\n\
         \"9999999999\",\"ok\"\r\n"
    );
    for capacity in [1, 7, 64 * 1024] {
        assert_eq!(
            read::<User>(input.as_bytes(), 100, capacity),
            [(3, false, vec!["None size".to_owned()]), (4, false, vec!["None size".to_owned()]), (5, true, vec![])],
            "a buffer of {capacity}"
        );
    }
    // Line 2 itself too large: one violation, with the first row.
    let header = format!("SERVICE_USER_INFO\r\n{long}\r\n");
    let mut reader = Reader::<_, User>::new(header.as_bytes()).max_record_bytes(100);
    assert!(reader.next().is_none());
    let header: Vec<_> = reader.header_violations().iter().map(|v| (v.line(), v.rule().code())).collect();
    assert_eq!(header, [(2, "size")]);
}

// ---------------------------------------------------------------------------------------------------
// JSON.

const RECORD: ltcip_runtime::Shape<'static> = ltcip_runtime::Shape::new(
    "record",
    &[ltcip_runtime::Item::new(
        "02",
        "番号",
        "number",
        ltcip_runtime::Occurs::REQUIRED,
        ltcip_runtime::Kind::Text(ltcip_runtime::Text::new()),
    )],
);
const DOCUMENT: ltcip_runtime::Shape<'static> = ltcip_runtime::Shape::new(
    "document",
    &[
        ltcip_runtime::Item::new(
            "01",
            "結果",
            "result",
            ltcip_runtime::Occurs::REQUIRED,
            ltcip_runtime::Kind::Text(ltcip_runtime::Text::new().codes(&["OK"])),
        ),
        ltcip_runtime::Item::new(
            "03",
            "コード",
            "codes",
            ltcip_runtime::Occurs::new(0, None),
            ltcip_runtime::Kind::Text(ltcip_runtime::Text::new()),
        ),
        ltcip_runtime::Item::new(
            "04",
            "ボディ",
            "body",
            ltcip_runtime::Occurs::REQUIRED,
            ltcip_runtime::Kind::List(&RECORD),
        ),
    ],
);

fn stream(document: &str, limit: usize) -> Vec<(String, Rule)> {
    let report = Validator::new(&DOCUMENT).max_value_bytes(limit).validate(document.as_bytes()).expect("in memory");
    report.errors().iter().map(|e| (e.pointer().to_owned(), e.rule().clone())).collect()
}

#[test]
fn the_stream_validator_holds_no_value_larger_than_its_limit() {
    let long = "y".repeat(150);
    // A string past the limit stops reading, wherever it is (here in a member no item names).
    let document = format!(r#"{{"result": "OK", "extra": "{long}", "body": []}}"#);
    let offset = document.find('y').expect("the string") as u64 - 1;
    assert_eq!(offset, 26);
    assert_eq!(stream(&document, 100), [(String::new(), Rule::TokenTooLong { limit: 100, offset })]);
    assert_eq!(stream(&document, 150), [], "a string of exactly the limit is held");
    // Escapes count as written: 60 escaped quotes are 120 bytes.
    let escaped = format!(r#"{{"result": "OK", "body": [{{"number": "{}"}}]}}"#, r#"\""#.repeat(60));
    let offset = escaped.find(r#"\""#).expect("the string") as u64 - 1;
    assert_eq!(stream(&escaped, 100), [(String::new(), Rule::TokenTooLong { limit: 100, offset })]);
    // The digits of a long number are held too.
    let number = format!(r#"{{"result": "OK", "extra": 1{}, "body": []}}"#, "0".repeat(150));
    let offset = number.find("10").expect("the number") as u64;
    assert_eq!(stream(&number, 100), [(String::new(), Rule::TokenTooLong { limit: 100, offset })]);

    // A value held whole to be checked or quoted: not held past the limit.
    let array = format!(r#"{{"result": "OK", "codes": [{}"x"], "body": []}}"#, r#""x", "#.repeat(40));
    assert_eq!(stream(&array, 1000), []);
    assert_eq!(stream(&array, 200), [("/codes".to_owned(), Rule::ValueTooLarge { limit: 200 })]);
    let object = format!(r#"{{"result": {{"a": [{}0]}}, "body": []}}"#, "0, ".repeat(40));
    let found = stream(&object, 200);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, "/result");
    assert_eq!(found[0].1.code(), "type");
    let record = format!(r#"{{"result": "OK", "body": [[{}0], {{"number": "1"}}]}}"#, "0, ".repeat(40));
    let report = Validator::new(&DOCUMENT).max_value_bytes(200).validate(record.as_bytes()).expect("in memory");
    let found: Vec<_> = report.errors().iter().map(|e| (e.pointer(), e.rule().code(), e.value())).collect();
    assert_eq!(found, [("/body/0", "type", None)]);
    assert_eq!(report.records(), 2);

    let v = &stream(&document, 100)[0].1;
    let error = ltcip_runtime::ValidationError::document("", v.clone());
    assert!(error.message_en().contains("starting at byte 26, longer than the limit of 100 bytes"), "{}", error);
    assert!(
        error.message_ja().contains("26バイト目から始まる文字列または数値が上限の100バイトを超えています"),
        "{error}"
    );
}

// ---------------------------------------------------------------------------------------------------
// Peak memory, in a child process.

/// `head`, then `fill` repeated to `len` bytes, then `tail`, generated as read.
struct Generated {
    parts: [Vec<u8>; 3],
    len: usize,
    part: usize,
    pos: usize,
}

impl Generated {
    fn new(head: &[u8], fill: &[u8], len: usize, tail: &[u8]) -> Self {
        Generated { parts: [head.to_vec(), fill.to_vec(), tail.to_vec()], len, part: 0, pos: 0 }
    }
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let Some(part) = self.parts.get(self.part) else { return Ok(0) };
            let end = if self.part == 1 { self.len } else { part.len() };
            if self.pos >= end {
                self.part += 1;
                self.pos = 0;
                continue;
            }
            let n = buf.len().min(end - self.pos);
            for (i, b) in buf[..n].iter_mut().enumerate() {
                *b = part[(self.pos + i) % part.len()];
            }
            self.pos += n;
            return Ok(n);
        }
    }
}

const SIZE: usize = 48 << 20;

/// The inputs, by name: each 48 MiB of something a reader must not hold.
fn run_case(name: &str) -> String {
    let csv = |head: &[u8], fill: &[u8], tail: &[u8]| Generated::new(head, fill, SIZE, tail);
    let rows = |rows: Vec<std::io::Result<Row<Vec<String>>>>| {
        let rules: Vec<String> = rows
            .into_iter()
            .flat_map(|row| row.expect("generated").violations().to_vec())
            .map(|v| format!("{} {}", v.line(), v.rule().code()))
            .collect();
        rules.join(",")
    };
    match name {
        "csv_no_line_break" => {
            let input = csv(b"202407,131001,", b"abcdefgh", b"\r\n202407,131001,ok\r\n");
            rows(Reader::<_, Untyped>::with_shape(input, Plan::SHAPE).collect())
        }
        "csv_quote_never_closed" => {
            let input = csv(b"202407,131001,\"", b"a,b\r\n", b"");
            rows(Reader::<_, Untyped>::with_shape(input, Plan::SHAPE).take(1).collect())
        }
        "csv_commas" => {
            let input = csv(b"", b",", b"\r\n202407,131001,ok\r\n");
            rows(Reader::<_, Untyped>::with_shape(input, Plan::SHAPE).collect())
        }
        "life_no_line_break" => {
            let input = csv(b"SERVICE_USER_INFO\r\ncare_facility_id,remarks\r\n\"9999999999\",", b"abcdefgh", b"\r\n");
            rows(Reader::<_, Untyped>::with_shape(input, User::SHAPE).collect())
        }
        "life_quote_never_closed" => {
            let input = csv(b"SERVICE_USER_INFO\r\ncare_facility_id,remarks\r\n\"9999999999\",\"", b"a\"\"b,c", b"");
            rows(Reader::<_, Untyped>::with_shape(input, User::SHAPE).collect())
        }
        "json_million_empty_records" => {
            let input = Generated::new(br#"{"result": "OK", "body": [{}"#, b", {}", 4_000_000, b"]}");
            let report = Validator::new(&DOCUMENT).validate(input).expect("generated");
            format!("{} records, {} kept, {} omitted", report.records(), report.errors().len(), report.omitted())
        }
        "json_long_string" => {
            let input = Generated::new(br#"{"result": "OK", "extra": ""#, b"abcdefgh", SIZE, br#"", "body": []}"#);
            let report = Validator::new(&DOCUMENT).validate(input).expect("generated");
            report.errors().iter().map(|e| e.rule().code()).collect::<Vec<_>>().join(",")
        }
        "json_deep" => {
            let input = Generated::new(br#"{"result": "OK", "extra": "#, b"[", SIZE, b"");
            let report = Validator::new(&DOCUMENT).validate(input).expect("generated");
            report.errors().iter().map(|e| e.rule().code()).collect::<Vec<_>>().join(",")
        }
        other => panic!("no case {other}"),
    }
}

/// Each case, what it must report, and its peak resident set (KiB) in a child process.
#[test]
fn memory_stays_bounded_whatever_the_input() {
    let exe = std::env::current_exe().expect("test binary");
    let cases = [
        ("csv_no_line_break", "1 size"),
        ("csv_quote_never_closed", "1 size"),
        ("csv_commas", "1 size"),
        ("life_no_line_break", "3 size"),
        ("life_quote_never_closed", "3 size"),
        ("json_million_empty_records", "1000001 records, 1000 kept, 999001 omitted"),
        ("json_long_string", "size"),
        ("json_deep", "syntax"),
    ];
    for (case, expected) in cases {
        let output = std::process::Command::new(&exe)
            .args(["--exact", "child", "--ignored", "--nocapture", "--test-threads=1"])
            .env("LTCIP_BOUNDED_CASE", case)
            .output()
            .expect("child runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{case}: {stdout}\n{}", String::from_utf8_lossy(&output.stderr));
        let report = stdout
            .lines()
            .find_map(|l| l.find("ltcip-bounded ").map(|at| &l[at + 14..]))
            .unwrap_or_else(|| panic!("{case}: no report: {stdout}"));
        let (peak, found) = report.split_once(' ').expect("peak and verdict");
        let peak: u64 = peak.parse().expect("KiB");
        assert_eq!(found, expected, "{case}");
        assert!(peak < 24 * 1024, "{case}: peak RSS {peak} KiB for 48 MiB of input");
    }
}

#[test]
#[ignore = "run by memory_stays_bounded_whatever_the_input in a child process"]
fn child() {
    let case = std::env::var("LTCIP_BOUNDED_CASE").expect("run by the parent test");
    let found = run_case(&case);
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc");
    let peak: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM");
    println!("ltcip-bounded {peak} {found}");
}
