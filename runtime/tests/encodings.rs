//! Encodings named (issue 18 §4): a care-plan file (MS932 only) in UTF-8 or UTF-16, and a LIFE file
//! (UTF-8 or MS932) in UTF-16, are one file-level `encoding` violation saying what the file looks
//! like; the rest of the file is read in that encoding, every other rule checked, the finding not
//! repeated.

use ltcip_runtime::csv::{Reader, Row, TextEncoding, Untyped};
use ltcip_runtime::serde::{Deserialize, Serialize};
use ltcip_runtime::{Rule, Validate};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
#[ltcip(csv, name = "PLAN")]
pub struct Plan {
    #[ltcip(no = "1", name = "CSVバージョン", digits = 6, length = "固定長", fixed = "202407")]
    pub version: String,
    #[ltcip(no = "2", name = "プラン担当者名", occurs = "0..1", data_type = "全半角文字", digits = 20, free_text)]
    pub manager: Option<String>,
    #[ltcip(no = "3", name = "サービス利用日", data_type = "半角数字", digits = 8, date = "YYYYMMDD")]
    pub day: String,
    #[ltcip(no = "4", name = "事業所名", occurs = "0..1", data_type = "全半角文字", digits = 20, free_text)]
    pub provider: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
#[ltcip(csv(id = "SERVICE_USER_INFO"))]
pub struct User {
    #[ltcip(no = "1", name = "事業所番号", data_type = "半角数字", digits = 10, length = "固定長", quoted)]
    pub care_facility_id: String,
    #[ltcip(no = "6", name = "利用者姓", data_type = "全半角文字", digits = 30, quoted)]
    pub last_name: String,
}

fn ms932(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable, "{text}");
    bytes.into_owned()
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&if little_endian { unit.to_le_bytes() } else { unit.to_be_bytes() });
    }
    bytes
}

/// Every row, read through buffers of 1 byte, 7 bytes and the default (which must agree), typed and
/// untyped.
fn read_rows<T: ltcip_runtime::csv::Record + Clone + PartialEq + std::fmt::Debug>(bytes: &[u8]) -> Vec<Row<T>> {
    let rows: Vec<Row<T>> = Reader::<_, T>::new(bytes).map(Result::unwrap).collect();
    for capacity in [1, 7] {
        let other: Vec<Row<T>> = Reader::<_, T>::with_buffer(bytes, capacity).map(Result::unwrap).collect();
        assert_eq!(other, rows, "a buffer of {capacity}");
    }
    let mut lent = Reader::<_, T>::new(bytes);
    let mut index = 0;
    while let Some(row) = lent.next_row() {
        assert_eq!(row.expect("in memory"), &rows[index]);
        index += 1;
    }
    let untyped: Vec<_> = Reader::<_, Untyped>::with_shape(bytes, T::SHAPE).map(Result::unwrap).collect();
    let violations = |rows: Vec<&[ltcip_runtime::csv::Violation]>| rows.concat();
    assert_eq!(
        violations(untyped.iter().map(Row::violations).collect()),
        violations(rows.iter().map(Row::violations).collect())
    );
    rows
}

fn found<T>(rows: &[Row<T>]) -> Vec<(u64, Option<usize>, Rule)> {
    rows.iter().flat_map(Row::violations).map(|v| (v.line(), v.column(), v.rule().clone())).collect()
}

fn utf8_at(column: Option<usize>) -> Rule {
    Rule::FileEncoding { found: "UTF-8", allowed: "MS932", column }
}

/// The file: UTF-8 whose Japanese happens to be valid MS932 read as a valid care-plan file.
#[test]
fn a_utf8_care_plan_file_that_is_valid_ms932_is_one_finding() {
    let text =
        "202407,\"ケアマネ\",20250401,\"訪問介護ひまわり\"\r\n202407,\"ケアマネ\",20250230,\"訪問介護ひまわり\"\r\n";
    // Read as MS932, these bytes are valid text: nothing but this reader's finding tells.
    assert!(encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(text.as_bytes()).is_some());
    let rows = read_rows::<Plan>(text.as_bytes());
    assert_eq!(
        found(&rows),
        [(1, None, utf8_at(Some(2))), (2, Some(3), Rule::Date { format: ltcip_runtime::DateFormat::YyyyMmDd })]
    );
    // Read as what it is: the text, checked as text.
    let record = rows[1].record().expect("whole");
    assert_eq!((record.manager.as_deref(), record.provider.as_deref()), (Some("ケアマネ"), Some("訪問介護ひまわり")));

    let v = &rows[0].violations()[0];
    assert_eq!(v.rule().code(), "encoding");
    assert_eq!(
        v.message_en(),
        "the file looks like UTF-8 (column 2 holds UTF-8 text), but files of this layout are MS932; the rest of the \
         file is read as UTF-8, and this is reported once"
    );
    assert_eq!(
        v.message_ja(),
        "ファイルがUTF-8で書かれているようです（2列目がUTF-8の文字です）。このレイアウトのファイルはMS932です。\
         以降はUTF-8として読み、この指摘は繰り返しません"
    );
    assert_eq!(v.to_string().split(" / ").next(), Some(&*format!("line 1 encoding: {}", v.message_en())));
}

/// UTF-8 that is not MS932 at all gave a violation per field, none saying UTF-8.
#[test]
fn a_utf8_care_plan_file_is_one_finding_not_one_per_field() {
    let text = "202407,\"𠮷野 花子\",20250401,\"訪問介護①\"\r\n".repeat(3);
    let rows = read_rows::<Plan>(text.as_bytes());
    // 𠮷 is outside MS932: read as UTF-8 text, it is that rule's finding.
    let rules: Vec<(u64, Option<usize>, &str)> =
        rows.iter().flat_map(Row::violations).map(|v| (v.line(), v.column(), v.rule().code())).collect();
    assert_eq!(
        rules,
        [(1, None, "encoding"), (1, Some(2), "repertoire"), (2, Some(2), "repertoire"), (3, Some(2), "repertoire")]
    );
    // A field that is not UTF-8 either, later: a finding of its own, naming the bytes.
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(b"202407,\"\x82\xA0\",20250401,\r\n");
    let rows = read_rows::<Plan>(&bytes);
    let last = rows[3].violations();
    assert_eq!(last.len(), 1);
    assert_eq!(
        last[0].rule(),
        &Rule::Undecodable { encoding: "UTF-8", bytes: "0x82 0xA0".into(), position: 1, decided_on: Some(1) }
    );
}

#[test]
fn a_utf8_byte_order_mark_says_utf8() {
    let text = "202407,\"ケアマネ\",20250401,\"訪問介護ひまわり\"\r\n";
    let bytes = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    let rows = read_rows::<Plan>(&bytes);
    assert_eq!(found(&rows), [(1, None, utf8_at(None))]);
    assert_eq!(rows[0].record().expect("whole").manager.as_deref(), Some("ケアマネ"));
    assert!(rows[0].violations()[0].message_en().contains("(it starts with a UTF-8 byte-order mark)"));
    assert!(rows[0].violations()[0].message_ja().contains("（UTF-8のBOMで始まっています）"));
    // MS932 text after a stray mark: the same one finding, and the text read as MS932.
    let bytes = [b"\xEF\xBB\xBF".as_slice(), &ms932(text)].concat();
    let rows = read_rows::<Plan>(&bytes);
    assert_eq!(found(&rows), [(1, None, utf8_at(None))]);
    assert_eq!(rows[0].record().expect("whole").manager.as_deref(), Some("ケアマネ"));
    // ASCII alone after the mark: the same one finding.
    let rows = read_rows::<Plan>(b"\xEF\xBB\xBF202407,,20250401,\r\n");
    assert_eq!(found(&rows), [(1, None, utf8_at(None))]);
}

/// A file saved as Unicode text: U+0000 between every two characters, ~100 violations about it, none
/// saying UTF-16.
#[test]
fn a_utf16_care_plan_file_is_one_finding_and_is_read_as_its_text() {
    let text =
        "202407,\"ケアマネ\",20250401,\"訪問介護ひまわり\"\r\n202407,\"ケアマネ\",20251301,\"訪問介護ひまわり\"\r\n";
    for (little_endian, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
        let rows = read_rows::<Plan>(&utf16(text, little_endian));
        assert_eq!(
            found(&rows),
            [
                (1, None, Rule::FileEncoding { found: name, allowed: "MS932", column: None }),
                (2, Some(3), Rule::Date { format: ltcip_runtime::DateFormat::YyyyMmDd }),
            ],
            "{name}"
        );
        assert_eq!(rows[1].record().expect("whole").provider.as_deref(), Some("訪問介護ひまわり"));
        let v = &rows[0].violations()[0];
        assert!(
            v.message_en()
                .starts_with(&format!("the file looks like {name} (it starts with a {name} byte-order mark)"))
        );
        assert!(v.message_ja().starts_with(&format!("ファイルが{name}で書かれているようです")));
    }
}

/// MS932 text that is also UTF-8 of two-byte sequences (half-width katakana: ﾏｷ is the UTF-8 of
/// U+03F7) does not decide; the next field does.
#[test]
fn ms932_files_are_not_taken_for_utf8() {
    let bytes = ms932("202407,\"ﾏｷ\",20250401,\"訪問介護ひまわり\"\r\n202407,\"ﾃｲ\",20250401,\"ケアマネ\"\r\n");
    assert!(std::str::from_utf8(&ms932("ﾏｷ")).is_ok(), "the first field is UTF-8 too");
    let rows = read_rows::<Plan>(&bytes);
    assert_eq!(found(&rows), []);
    assert_eq!(rows[1].record().expect("whole").manager.as_deref(), Some("ﾃｲ"));
    // And ASCII alone never decides.
    assert_eq!(found(&read_rows::<Plan>(b"202407,,20250401,\r\n")), []);
}

/// LIFE allows UTF-8 and MS932: a UTF-16 file is one finding, at line 1, and is read as its text.
#[test]
fn a_utf16_life_file_is_one_finding() {
    let text = "SERVICE_USER_INFO\r\ncare_facility_id,last_name\r\n\"9999999999\",\"厚労\"\r\n\"999\",\"山田\"\r\n";
    for (little_endian, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
        let bytes = utf16(text, little_endian);
        let rows = read_rows::<User>(&bytes);
        assert_eq!(
            found(&rows),
            [
                (1, None, Rule::FileEncoding { found: name, allowed: "UTF-8 or MS932", column: None }),
                (
                    4,
                    Some(1),
                    Rule::Length { digits: 10, fixed: true, unit: ltcip_runtime::LengthUnit::Chars, found: 3 }
                ),
            ],
            "{name}"
        );
        assert_eq!(rows[0].record().expect("whole").last_name, "厚労");
        let mut reader = Reader::<_, User>::new(&bytes[..]);
        reader.next();
        assert_eq!(reader.encoding(), Some(TextEncoding::Utf8 { bom: true }), "written back as UTF-8");
        assert_eq!(reader.header_violations().len(), 1);
        let v = &reader.header_violations()[0];
        assert!(v.message_en().contains("but files of this layout are UTF-8 or MS932"), "{}", v.message_en());
        assert!(v.message_ja().contains("このレイアウトのファイルはUTF-8かMS932です"), "{}", v.message_ja());
    }
    // UTF-8 and MS932 files are no finding.
    assert_eq!(
        found(&read_rows::<User>(text.as_bytes())),
        [(4, Some(1), found(&read_rows::<User>(&ms932(text)))[0].2.clone())]
    );
}

/// A record whose quoted field goes over a line break, UTF-8 on its first line only, decides the
/// encoding as a whole field, whatever the reader's buffer holds (the fuzzer found the decision
/// taken on the first line when the buffer held it: `encoding-decided-by-buffer-size.csv`).
#[test]
fn the_encoding_is_decided_the_same_whatever_the_buffer() {
    let mut bytes = b"SERVICE_USER_INFO\r\ncare_facility_id,last_name\r\n\"9999999999\",\"".to_vec();
    bytes.extend_from_slice("厚労\r\n".as_bytes());
    bytes.extend_from_slice(&ms932("太郎\"\r\n\"9999999999\",\"山田\"\r\n"));
    let rows = read_rows::<User>(&bytes);
    assert_eq!(rows.len(), 2);
    for capacity in [1, 7, 64 * 1024] {
        let mut reader = Reader::<_, User>::with_buffer(&bytes[..], capacity);
        let _ = reader.by_ref().count();
        assert_eq!(reader.encoding(), Some(TextEncoding::Ms932), "a buffer of {capacity}");
    }
    assert_eq!(rows[1].record().expect("whole").last_name, "山田");
}
