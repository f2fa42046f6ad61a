//! `csv::check` on several threads gives what one reader gives, violation for violation, whatever
//! the file and however small its parts: the oracle is the sequential [`Reader`], rows read in order.

use ltcip_runtime::csv::{self, CheckOptions, Checked, Reader, Untyped, Violation};
use ltcip_runtime::{Layout, Shape, Validate};
use proptest::prelude::*;

/// A care-plan-like record: a uniform version, a code, a date, and a quoted free text.
#[derive(Debug, Clone, Default, PartialEq, Validate)]
#[ltcip(csv, name = "部品")]
struct Positional {
    #[ltcip(no = "1", name = "CSVバージョン", data_type = "半角数字", digits = 6, length = "固定長", uniform)]
    version: String,
    #[ltcip(no = "2", name = "区分", data_type = "半角数字", digits = 1, codes("1", "2"))]
    kind: String,
    #[ltcip(no = "3", name = "日付", occurs = "0..1", data_type = "半角数字", digits = 8, date = "YYYYMMDD")]
    date: Option<String>,
    #[ltcip(no = "4", name = "備考", occurs = "0..1", data_type = "全半角文字", free_text)]
    remarks: Option<String>,
}

/// A LIFE-like named-column record.
#[derive(Debug, Clone, Default, PartialEq, Validate)]
#[ltcip(csv(id = "PARTS"), name = "名前付き")]
struct Named {
    #[ltcip(no = "1", name = "番号", data_type = "半角数字", digits = 4, quoted)]
    number: String,
    #[ltcip(no = "2", name = "名前", occurs = "0..1", data_type = "全半角文字", digits = 10, quoted)]
    name: Option<String>,
}

/// Every violation one reader gives, row after row (and lines 1 and 2 of a file of no record).
fn sequential(shape: &'static Shape<'static>, bytes: &[u8], limit: usize) -> (Vec<Violation>, u64) {
    let mut reader = Reader::<_, Untyped>::with_shape(bytes, shape).max_record_bytes(limit);
    let mut found = Vec::new();
    let mut records = 0;
    for row in reader.by_ref() {
        let row = row.expect("a byte slice");
        records += 1;
        found.extend(row.violations().iter().cloned());
    }
    if records == 0 {
        found.extend(reader.header_violations().iter().cloned());
    }
    (found, records)
}

fn checked(shape: &'static Shape<'static>, bytes: &[u8], options: CheckOptions) -> (Vec<Violation>, Checked) {
    let mut found = Vec::new();
    let checked = csv::check(bytes, shape, options, |violation| found.push(violation.clone())).expect("a byte slice");
    (found, checked)
}

/// Checks `bytes` with 1 to 3 jobs and parts of many sizes against the sequential reader.
fn agrees(shape: &'static Shape<'static>, bytes: &[u8], limit: usize) {
    let (expected, records) = sequential(shape, bytes, limit);
    for jobs in [1, 2, 3] {
        for part_bytes in [1, 2, 3, 5, 8, 13, 21, 64, 1 << 20] {
            let options = CheckOptions { jobs, part_bytes, max_record_bytes: limit, ..CheckOptions::default() };
            let (found, checked) = checked(shape, bytes, options);
            let shown = String::from_utf8_lossy(bytes);
            assert_eq!(found, expected, "jobs {jobs}, parts of {part_bytes} bytes: {shown:?}");
            assert_eq!(checked.records, records, "jobs {jobs}, parts of {part_bytes} bytes: {shown:?}");
            assert_eq!(checked.violations, expected.len() as u64);
            assert_eq!(checked.omitted, 0);
        }
    }
}

fn ms932(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn valid_and_broken_care_plan_files_read_alike() {
    let shape = Positional::SHAPE;
    let cases: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"202407,1,20250401,\r\n".to_vec(),
        b"202407,1,20250401,\r\n202407,2,,\r\n202407,3,20250231,x\r\n".to_vec(),
        // No line break at the end; LF and CR where the first record said CR LF; blank lines.
        b"202407,1,,\r\n202407,1,,\n\r\n202407,2,,\r202407,1,,".to_vec(),
        // Quoted free text holding line breaks, commas and quotes.
        ms932("202407,1,,\"一行目\r\n二行目, \"\"引用\"\"\"\r\n202407,2,,\"\r\r\n\n\"\r\n"),
        // Stray quotes, text after a closing quote, a quote left open to the end.
        b"202407,1,,ab\"c\r\n202407,1,\"2025\"x,\"\"\r\n202407,1,,\"open\r\n202407,2,,\r\n".to_vec(),
        // Missing and extra fields; a version that changes (uniform).
        b"202407,1\r\n202407,1,,,,\r\n202404,1,,\r\n202407,1,,\r\n".to_vec(),
        // A UTF-8 byte-order mark before a quoted first field.
        b"\xEF\xBB\xBF\"202407\",1,,\r\n202407,1,,\r\n".to_vec(),
        // MS932 text, then UTF-8 text: the file is found to be UTF-8 part-way.
        [b"202407,1,,ascii\r\n202407,1,,ascii\r\n".as_slice(), "202407,1,,日本語\r\n202407,1,,かな\r\n".as_bytes()]
            .concat(),
        // Bytes no encoding reads.
        b"202407,1,,\x82\r\n202407,1,,\xFF\xFE\r\n".to_vec(),
    ];
    for bytes in &cases {
        agrees(shape, bytes, 1 << 20);
    }
    // Records larger than the limit, with a quote left open in one.
    agrees(shape, b"202407,1,,\"abcdefghijklmnopqrstuvwxyz\r\nstill open\r\n202407,1,,\r\n", 24);
    agrees(shape, b"202407,1,,abcdefghijklmnopqrstuvwxyz0123456789\r\n202407,1,,\r\n", 24);
}

#[test]
fn a_utf16_file_is_read_as_its_text() {
    let text = "202407,1,,\r\n202407,1,,\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    agrees(Positional::SHAPE, &bytes, 1 << 20);
}

#[test]
fn named_column_files_read_alike() {
    let shape = Named::SHAPE;
    let cases: [&[u8]; 6] = [
        b"PARTS\r\nnumber,name\r\n\"0001\",\"a\"\r\n\"0002\",\r\n\"x\",\"\xE3\x81\x82\"\r\n",
        b"PARTS\r\nname,number\r\n\"a\",\"0001\"\r\n",
        // Lines 1 and 2 only, both wrong: their violations, though there is no record.
        b"OTHER\r\nnumber,nombre\r\n",
        b"PARTS\r\nnumber\r\n\"1\"\r\n\"12345\"\r\n \r\n",
        // MS932.
        b"PARTS\r\nnumber,name\r\n\"0001\",\"\x82\xA0\"\r\n",
        b"",
    ];
    for bytes in cases {
        agrees(shape, bytes, 1 << 20);
    }
}

#[test]
fn a_cap_hands_out_the_first_violations_and_counts_the_rest() {
    let mut bytes = Vec::new();
    for line in 0..500 {
        bytes.extend_from_slice(if line % 3 == 0 { b"202407,9,,\r\n" } else { b"202407,1,,\r\n" });
    }
    let (all, _) = sequential(Positional::SHAPE, &bytes, 1 << 20);
    assert_eq!(all.len(), 167);
    for jobs in [1, 2] {
        let options = CheckOptions { jobs, part_bytes: 100, max_violations: 10, ..CheckOptions::default() };
        let (found, checked) = checked(Positional::SHAPE, &bytes, options);
        assert_eq!(found, all[..10]);
        assert_eq!((checked.records, checked.violations, checked.omitted), (500, 167, 157));
        assert!(!checked.is_valid());
    }
}

#[test]
fn a_large_file_is_read_in_many_parts_with_its_lines() {
    let mut bytes = Vec::new();
    for line in 1..=20_000u32 {
        let remarks = if line % 1000 == 0 { "\"two\r\nlines\"" } else { "" };
        let kind = if line % 4999 == 0 { "7" } else { "1" };
        bytes.extend_from_slice(format!("202407,{kind},20250401,{remarks}\r\n").as_bytes());
    }
    let (expected, records) = sequential(Positional::SHAPE, &bytes, 1 << 20);
    let lines: Vec<u64> = expected.iter().map(Violation::line).collect();
    // Line 4999 is record 4999 after 4 quoted line breaks, and so on.
    assert_eq!(lines, [4999 + 4, 9998 + 9, 14997 + 14, 19996 + 19]);
    let options = CheckOptions { jobs: 2, part_bytes: 4096, ..CheckOptions::default() };
    let (found, checked) = checked(Positional::SHAPE, &bytes, options);
    assert_eq!(found, expected);
    assert_eq!(checked.records, records);
    // Parts of at most 4 KiB, each checked on its own: none was read again with the rest.
    assert!(checked.parts >= bytes.len() as u64 / 4096, "{checked:?} of {} bytes", bytes.len());
}

#[test]
fn a_file_found_late_to_be_utf8_is_read_again_from_there() {
    let mut bytes = Vec::new();
    for line in 1..=2000 {
        let remarks = if line == 1500 { "日本語" } else { "ascii" };
        bytes.extend_from_slice(format!("202407,1,,{remarks}\r\n").as_bytes());
    }
    let (expected, _) = sequential(Positional::SHAPE, &bytes, 1 << 20);
    assert_eq!(expected.len(), 1, "the one finding about the encoding: {expected:?}");
    let options = CheckOptions { jobs: 2, part_bytes: 1024, ..CheckOptions::default() };
    let (found, checked) = checked(Positional::SHAPE, &bytes, options);
    assert_eq!(found, expected);
    // The parts up to line 1500 were checked on their own, the rest read again as one.
    let parts = bytes.len() as u64 / 1024;
    assert!(checked.parts > 10 && checked.parts < parts, "{checked:?} of {} bytes", bytes.len());
}

/// Bytes that make CSV: fields, delimiters, quotes, line breaks, MS932 and UTF-8 text.
fn pieces() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"202407".to_vec()),
        Just(b"1".to_vec()),
        Just(b"20250401".to_vec()),
        Just(b",".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\"\"".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b" ".to_vec()),
        Just(b"\x82\xA0".to_vec()),
        Just("あ".as_bytes().to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"PARTS".to_vec()),
        Just(b"number,name".to_vec()),
        any::<u8>().prop_map(|b| vec![b]),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The oracle is the sequential reader, not the code under test: any bytes, any part size.
    #[test]
    fn any_bytes_read_alike(bytes in pieces(), part_bytes in 1usize..40, limit in prop_oneof![Just(1usize << 20), 8usize..64]) {
        for shape in [Positional::SHAPE, Named::SHAPE] {
            let (expected, records) = sequential(shape, &bytes, limit);
            let options = CheckOptions { jobs: 2, part_bytes, max_record_bytes: limit, ..CheckOptions::default() };
            let (found, checked) = checked(shape, &bytes, options);
            prop_assert_eq!(&found, &expected);
            prop_assert_eq!(checked.records, records);
        }
    }
}
