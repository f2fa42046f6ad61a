//! The LIFE family end to end: a LIFE-style workbook in spellings only its `vocabulary.toml` teaches
//! (`specs-life/`), generated in `build.rs`, compiled here, and its CSV files read, checked and written
//! back through the generated `reader`/`writer`: every file in both encodings, line 1 (the data
//! type), line 2 (the columns, in any order and any subset), 数値 with decimals, 範囲, 書式 HH/mm, the
//! deletion mark, and 必須 by mode and condition.

use ltcip_consumer_example::life::{form_0100_2021, service_user_info};
use ltcip_runtime::csv::{LineEnding, Reader, Record, TextEncoding, Violation};
use ltcip_runtime::{Mode, Validate};

/// The help desk's sample (CSV連携仕様書(LIFE)), ended by a line break: 10 of the 21 columns, strings
/// quoted, the 数値 bare.
const SAMPLE: &str = "SERVICE_USER_INFO\ncare_facility_id,service_code,external_system_management_number,insurer_no,insured_no,last_name,first_name,gender,birthday,care_level\n\"9999999999\",\"99\",\"1\",\"999999\",\"9999999999\",\"厚労\",\"太郎\",1,\"19550401\",\"23\"\n";

fn encode(text: &str, encoding: TextEncoding) -> Vec<u8> {
    match encoding {
        TextEncoding::Ms932 => encoding_rs::SHIFT_JIS.encode(text).0.into_owned(),
        TextEncoding::Utf8 { bom } => {
            let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
            bytes.extend_from_slice(text.as_bytes());
            bytes
        }
    }
}

/// Every row's violations as `(line, column, No., rule)`.
fn violations<T: Record>(bytes: &[u8], mode: Mode) -> Vec<(u64, Option<usize>, String, &'static str)> {
    let mut found = Vec::new();
    for row in Reader::<_, T>::new(bytes).mode(mode) {
        let row = row.expect("read from memory");
        found.extend(
            row.violations()
                .iter()
                .map(|v: &Violation| (v.line(), v.column(), v.item_no().to_owned(), v.rule().code())),
        );
    }
    found.sort();
    found.dedup();
    found
}

/// Reads `bytes` and writes the records back as the reader found them: same columns, encoding and
/// line ends.
fn round_trip<T: Record>(bytes: &[u8]) -> Vec<u8> {
    let mut reader = Reader::<_, T>::new(bytes);
    let mut records = Vec::new();
    for row in reader.by_ref() {
        let row = row.expect("read from memory");
        assert!(row.is_valid(), "line {}: {:?}", row.line(), row.violations());
        records.push(row.into_record().expect("whole"));
    }
    let mut writer = ltcip_runtime::csv::Writer::new(Vec::new())
        .columns(reader.columns().expect("line 2 was read"))
        .encoding(reader.encoding().unwrap_or(TextEncoding::Ms932))
        .line_ending(reader.line_ending().unwrap_or(LineEnding::CrLf));
    for record in &records {
        writer.write(record).expect("written");
    }
    writer.finish().expect("flushed")
}

#[test]
fn the_help_desk_sample_round_trips_in_every_encoding_and_line_end() {
    for encoding in [TextEncoding::Ms932, TextEncoding::Utf8 { bom: false }, TextEncoding::Utf8 { bom: true }] {
        for ending in ["\n", "\r\n", "\r"] {
            let bytes = encode(&SAMPLE.replace('\n', ending), encoding);
            assert_eq!(round_trip::<service_user_info::Record>(&bytes), bytes, "{encoding:?} {ending:?}");
            let reader = service_user_info::reader(&bytes[..]);
            let record = reader.map(|r| r.expect("read").into_record().expect("whole")).next().expect("one record");
            assert_eq!(record.last_name, "厚労");
            assert_eq!(record.gender, "1");
            assert_eq!(record.remarks, None, "a column the file does not have reads as Null");
        }
    }
}

#[test]
fn a_file_written_from_records_reads_back_as_them() {
    let mut reader = service_user_info::reader(SAMPLE.as_bytes());
    let mut record = reader.next().expect("a row").expect("read").into_record().expect("whole");
    record.remarks = Some("転居予定, \"要確認\"".into());
    record.last_name_kana = Some(ltcip_runtime::csv::DELETE.into());
    for encoding in [TextEncoding::Ms932, TextEncoding::Utf8 { bom: true }] {
        let mut writer = service_user_info::writer(Vec::new()).encoding(encoding);
        writer.write(&record).expect("written");
        let bytes = writer.finish().expect("flushed");
        let text = match encoding {
            TextEncoding::Ms932 => encoding_rs::SHIFT_JIS.decode(&bytes).0.into_owned(),
            TextEncoding::Utf8 { .. } => String::from_utf8(bytes[3..].to_vec()).expect("UTF-8"),
        };
        assert!(text.starts_with("SERVICE_USER_INFO\r\ncare_facility_id,service_code,"), "{text}");
        assert!(text.contains(",\" \","), "the deletion mark is written quoted, as 文字列 is: {text}");
        assert!(text.contains("\"転居予定, \"\"要確認\"\"\""), "{text}");
        let back: Vec<_> = service_user_info::reader(&bytes[..]).map(|r| r.expect("read")).collect();
        assert_eq!(back.len(), 1);
        assert!(back[0].is_valid(), "{:?}", back[0].violations());
        assert_eq!(back[0].record(), Ok(&record));
    }
}

const FORM_HEADER: &str = "FORM_0100_2021\r\nevaluation_date,external_system_management_number,care_facility_id,facility_type,height,weight,meal_intake_rate,oral_intake,dysphagia_diet_needed,dysphagia_diet_code,meeting_hour,meeting_minute,meeting_date,participant_job_code\r\n";

fn form(records: &[&str]) -> Vec<u8> {
    let text = format!("{FORM_HEADER}{}", records.iter().map(|r| format!("{r}\r\n")).collect::<String>());
    encode(&text, TextEncoding::Ms932)
}

/// A full, valid record in the header's column order.
const VALID: &str = "\"20250401\",\"EXT-1\",\"1310123456\",1,170.5,62.0,80,1,2,\"2-1\",09,30,\"20250402\",\"009\"";

#[test]
fn a_valid_form_record_in_any_column_order_reads_and_round_trips() {
    let bytes = form(&[VALID]);
    assert_eq!(violations::<form_0100_2021::Record>(&bytes, Mode::Final), []);
    assert_eq!(round_trip::<form_0100_2021::Record>(&bytes), bytes);
}

#[test]
fn numbers_ranges_and_clock_formats_are_checked_at_their_columns() {
    let bytes = form(&[
        // 身長 with two decimals, 体重 with four integer digits, 食事摂取量 above 100, 24時 and 60分.
        "\"20250401\",\"EXT-1\",\"1310123456\",1,170.55,1000,101,1,2,\"2-1\",24,60,\"20250402\",\"009\"",
        // A negative number is a number (its range decides), and 時/分 take two digits.
        "\"20250401\",\"EXT-1\",\"1310123456\",1,-1.5,62,-1,1,2,\"2-1\",9,5,\"20250402\",\"009\"",
    ]);
    let at = |line: u64, column: usize, no: &str, rule: &'static str| (line, Some(column), no.to_owned(), rule);
    assert_eq!(
        violations::<form_0100_2021::Record>(&bytes, Mode::Final),
        [
            at(3, 5, "5", "number"),
            at(3, 6, "6", "number"),
            at(3, 7, "7", "range"),
            at(3, 11, "13", "date"),
            at(3, 11, "13", "range"),
            at(3, 12, "14", "date"),
            at(3, 12, "14", "range"),
            at(4, 7, "7", "range"),
            at(4, 11, "13", "date"),
            at(4, 12, "14", "date"),
        ]
    );
}

/// ○ items are required at 確定取込 only; ● items when their condition holds; " " is Null.
#[test]
fn required_by_mode_and_by_condition() {
    // 身長 (○) and 体重 (○) Null, 嚥下調整食の必要性 (●: 施設＝1 かつ 経口摂取＝1|2) Null.
    let missing = "\"20250401\",\"EXT-1\",\"1310123456\",1,,\" \",80,1,,,09,30,\"20250402\",\"009\"";
    // The condition does not hold: 通所・居宅 (2).
    let not_due = "\"20250401\",\"EXT-1\",\"1310123456\",2,170.5,62,80,1,,,09,30,\"20250402\",\"009\"";
    // 嚥下調整食の必要性＝2: 嚥下調整食コード (●) is due, and given as the deletion mark only.
    let code_due = "\"20250401\",\"EXT-1\",\"1310123456\",2,170.5,62,80,1,2,\" \",09,30,\"20250402\",\"009\"";
    let bytes = form(&[missing, not_due, code_due]);
    assert_eq!(
        violations::<form_0100_2021::Record>(&bytes, Mode::Final),
        [
            (3, Some(5), "5".to_owned(), "required"),
            (3, Some(6), "6".to_owned(), "required"),
            (3, Some(9), "9".to_owned(), "required"),
            (5, Some(10), "10".to_owned(), "required"),
        ]
    );
    assert_eq!(violations::<form_0100_2021::Record>(&bytes, Mode::Draft), []);
    // A record built in code gets the same verdict from `validate_with`.
    let record = Reader::<_, form_0100_2021::Record>::new(&form(&[missing])[..])
        .next()
        .expect("a row")
        .expect("read")
        .into_record()
        .expect("whole");
    assert!(record.validate_with(Mode::Draft).is_ok());
    let errors = record.validate_with(Mode::Final).expect_err("three items are due");
    let pointers: Vec<&str> = errors.iter().map(|e| e.pointer()).collect();
    assert_eq!(pointers, ["/height", "/weight", "/dysphagia_diet_needed"]);
    assert!(errors.iter().last().expect("one").message_ja().contains("施設／通所・居宅区分"), "{errors}");
}

#[test]
fn line_one_and_line_two_are_checked_where_they_are() {
    let text = "FORM_0200_2021\r\nheight,height,shoe_size,evaluation_date\r\n170.5,171,42,\"20250401\"\r\n";
    let bytes = encode(text, TextEncoding::Utf8 { bom: false });
    let found = violations::<form_0100_2021::Record>(&bytes, Mode::Draft);
    let header: Vec<_> = found.iter().filter(|v| v.0 <= 2).map(|v| (v.0, v.1, v.3)).collect();
    assert!(header.contains(&(1, None, "header")), "{found:?}");
    assert!(header.contains(&(2, Some(2), "header")), "a repeated name: {found:?}");
    assert!(header.contains(&(2, Some(3), "header")), "an unknown name: {found:?}");
    // care_facility_id, external_system_management_number and facility_type (◎) are missing from line 2.
    let missing: Vec<&str> = found.iter().filter(|v| v.0 == 2 && v.1.is_none()).map(|v| v.2.as_str()).collect();
    assert_eq!(missing, ["1", "2", "4"], "{found:?}");
    assert!(found.iter().all(|v| v.0 != 3), "the record itself is valid: {found:?}");
}
