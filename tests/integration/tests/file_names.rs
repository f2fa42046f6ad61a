//! Care-plan files by name (`ltcip_generated::files`): every file's name picks its own reader, every
//! bad field of a name is reported, and a name of no file lists the prefixes.

use ltcip_generated::files::{self, FILE_NAMES, IF_IDS, Reader};
use ltcip_runtime::DateFormat;
use ltcip_runtime::csv::{FileNamePattern, FileNameProblem, OpenError};

/// A name that follows `pattern`: each field a real value of its width.
fn valid_name(pattern: &FileNamePattern<'_>) -> String {
    let values: Vec<String> = pattern
        .segments
        .iter()
        .map(|segment| match segment.date {
            Some(format) => {
                let value = match format {
                    DateFormat::YyyyMm => "202504",
                    DateFormat::YyyyMmDd => "20250401",
                    DateFormat::YyyyMmDdHhMmSs => "20250401093000",
                    other => panic!("a file-name date format this test has no value for: {other:?}"),
                };
                assert!(format.is_valid(value));
                value.to_owned()
            }
            None => "1".repeat(segment.digits),
        })
        .collect();
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    pattern.build(&values).unwrap_or_else(|e| panic!("{e}"))
}

/// The IF ID of the reader a name opened.
fn opened(reader: &Reader<&[u8]>) -> &'static str {
    // The variant's debug name is the module's in UpperCamelCase; IF_IDS says which IF ID that is.
    let debug = format!("{reader:?}");
    let variant = debug.split('(').next().unwrap_or_default().to_ascii_lowercase();
    IF_IDS.iter().find(|id| id.replace('_', "").to_ascii_lowercase() == variant).copied().unwrap_or("?")
}

#[test]
fn every_files_name_picks_its_own_reader() {
    assert_eq!(FILE_NAMES.len(), IF_IDS.len());
    assert_eq!(IF_IDS.len(), 17, "the 17 care-plan files of 4.1");
    for (pattern, id) in FILE_NAMES.iter().zip(IF_IDS) {
        let name = valid_name(pattern);
        let (found, fields) = files::identify(&name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(found, *id, "{name}");
        assert_eq!(fields.values().len(), pattern.segments.len());
        let reader = files::reader(&name, &b""[..]).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(opened(&reader), *id, "{name}");
    }
}

#[test]
fn a_name_with_several_bad_fields_gets_each() {
    // UPPLAN_対象年月_送信元の事業所番号_送信元のサービス種類コード_送信先の事業所番号_送信先のサービス種類コード_ファイル連番
    let error = files::identify("UPPLAN_202513_123_43_0300000005_4_20250401093000.CSV").unwrap_err();
    let fields: Vec<&str> = error
        .problems
        .iter()
        .map(|p| match p {
            FileNameProblem::Digits { segment, .. } | FileNameProblem::Date { segment, .. } => segment.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(fields.len(), 3, "{error}");
    assert!(fields[0].contains("年月") && fields[1].contains("送信元の事業所番号"), "{fields:?}");
    assert!(fields[2].contains("送信先のサービス種類コード"), "{fields:?}");
    let ja = error.message_ja();
    assert!(ja.contains("半角数字10桁が必要ですが「123」です"), "{ja}");
    assert!(!ja.contains("must") && !ja.contains("digits"), "{ja}");
}

#[test]
fn a_name_of_no_file_lists_the_prefixes() {
    match files::reader("REPORT_2025.CSV", &b""[..]) {
        Err(OpenError::Name(error)) => {
            let [FileNameProblem::Unknown { prefixes }] = &error.problems[..] else { panic!("{error}") };
            assert_eq!(prefixes.len(), 17);
            assert!(error.to_string().contains("UPPLAN"), "{error}");
        }
        other => panic!("{other:?}"),
    }
    // The sub-tables' prefixes extend their table's: the longest that fits is the one meant.
    let sub = FILE_NAMES[IF_IDS.iter().position(|id| *id == "UPKIHON_SUB1").unwrap()];
    assert_eq!(files::identify(&valid_name(&sub)).unwrap().0, "UPKIHON_SUB1");
}

#[test]
fn settings_reach_the_reader_a_name_opened() {
    let name = valid_name(&FILE_NAMES[IF_IDS.iter().position(|id| *id == "UPPLAN").expect("UPPLAN")]);
    let file = b"202407,131016,H123456789,20250320,202504\r\n";
    let reader = files::reader(&name, &file[..]).unwrap_or_else(|e| panic!("{name}: {e}")).max_record_bytes(20);
    let Reader::Upplan(rows) = reader else { panic!("{name} opened {}", opened(&reader)) };
    let rows: Vec<_> = rows.map(|r| r.expect("in memory")).collect();
    let codes: Vec<_> = rows[0].violations().iter().map(|v| (v.line(), v.rule().code())).collect();
    assert_eq!(codes, [(1, "size")], "a 43-byte record under a limit of 20");
}
