//! The generated types work in a crate that depends on `ltcip-runtime` alone.

use ltcip_consumer_example::if_i6_01_04_02::{Response, ResponseBody};
use ltcip_runtime::Validate;

#[test]
fn build_rs_types_validate() {
    let mut response = Response {
        care_insure_provider_number: "131016".into(),
        care_insurer_number: None,
        result: "成功".into(),
        result_detail: None,
        file_if_id: "IFI601040".into(),
        record_num: "1".into(),
        body: vec![ResponseBody {
            care_insure_provider_number: "131016".into(),
            care_insurer_number: "0000012345".into(),
            care_insurance_status: "1".into(),
            care_insurance_end_date: Some("2026-04-01".into()),
            care_insurance_end_cancel_date: None,
        }],
    };
    assert_eq!(response.validate(), Ok(()));
    response.care_insure_provider_number = "13101６".into();
    let errors = response.validate().unwrap_err();
    let found: Vec<_> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
    assert_eq!(found, [("/care_insure_provider_number", "chars")]);
}

#[test]
fn build_rs_output_matches_the_checked_in_crate() {
    // Both come from the same workbooks through the same emitter; the consumer's file holds the same
    // modules inline. Compare one struct's declaration line by line.
    let generated = include_str!(concat!(env!("OUT_DIR"), "/ltcip_generated.rs"));
    let checked_in = include_str!("../../../generated/src/if_i6_01_04_02.rs");
    let start = checked_in.find("pub struct ResponseBody").expect("the checked-in crate has ResponseBody");
    let body: Vec<&str> = checked_in[start..].lines().take(10).collect();
    let start = generated.find("pub struct ResponseBody").expect("build.rs output has ResponseBody");
    let inline: Vec<&str> = generated[start..].lines().take(10).map(|l| l.strip_prefix("    ").unwrap_or(l)).collect();
    assert_eq!(body, inline);
}

/// Two versions of a file in the specs: each under its own module, and a reader that dispatches on
/// the CSVバージョン the file declares.
mod versions {
    use ltcip_consumer_example::dltplan::{self, Reader, SUPPORTED_VERSIONS, v202407, v202604};
    use ltcip_runtime::csv::VersionError;

    #[test]
    fn each_version_reads_with_its_own_layout() {
        assert_eq!(SUPPORTED_VERSIONS, ["202407", "202604"]);
        assert_eq!(v202407::CSV_VERSION, "202407");
        assert_eq!(v202604::CSV_VERSION, "202604");

        let old = b"202407,131016,H123456789,202504\r\n";
        match dltplan::reader(&old[..]).expect("a supported version") {
            Reader::V202407(rows) => {
                let rows: Vec<_> = rows.map(|r| r.expect("in memory")).collect();
                assert_eq!(rows.len(), 1);
                assert!(rows[0].is_valid(), "{:?}", rows[0].violations());
                assert_eq!(rows[0].record().expect("whole").delete_target_month, "202504");
            }
            other => panic!("202407 read as {other:?}"),
        }

        // The next version has a fifth item; a 4.1 record (four fields) is a column-count violation there.
        let (bytes, _, _) = encoding_rs::SHIFT_JIS
            .encode("202604,131016,H123456789,202504,\"転居のため\"\r\n202604,131016,H123456789,202504\r\n");
        match dltplan::reader(&bytes[..]).expect("a supported version") {
            Reader::V202604(rows) => {
                let rows: Vec<_> = rows.map(|r| r.expect("in memory")).collect();
                assert!(rows[0].is_valid(), "{:?}", rows[0].violations());
                assert_eq!(rows[0].record().expect("whole").delete_reason.as_deref(), Some("転居のため"));
                let codes: Vec<_> = rows[1].violations().iter().map(|v| (v.line(), v.rule().code())).collect();
                assert_eq!(codes, [(2, "columns")]);
            }
            other => panic!("202604 read as {other:?}"),
        }
    }

    #[test]
    fn settings_reach_the_reader_of_the_version() {
        // A record of 33 bytes: too large under a limit of 20, whichever version reads it.
        let file = b"202407,131016,H123456789,202504\r\n";
        match dltplan::reader(&file[..]).expect("a supported version").max_record_bytes(20) {
            Reader::V202407(rows) => {
                let rows: Vec<_> = rows.map(|r| r.expect("in memory")).collect();
                let codes: Vec<_> = rows[0].violations().iter().map(|v| (v.line(), v.rule().code())).collect();
                assert_eq!(codes, [(1, "size")]);
            }
            other => panic!("202407 read as {other:?}"),
        }
    }

    /// Hands over its bytes one at a time, as a pipe fed slowly does.
    #[derive(Debug)]
    struct Trickle<'a>(&'a [u8]);

    impl std::io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let Some((first, rest)) = self.0.split_first() else { return Ok(0) };
            let Some(slot) = buf.first_mut() else { return Ok(0) };
            *slot = *first;
            self.0 = rest;
            Ok(1)
        }
    }

    #[test]
    fn the_version_is_read_from_an_input_that_trickles_and_no_byte_is_lost() {
        let file = b"202407,131016,H123456789,202504\r\n202407,131016,0000012345,202504\r\n";
        match dltplan::reader(Trickle(file)).expect("a supported version") {
            Reader::V202407(rows) => {
                let rows: Vec<_> = rows.map(|r| r.expect("in memory")).collect();
                let insured: Vec<&str> =
                    rows.iter().map(|r| r.record().expect("whole").insured_number.as_str()).collect();
                assert_eq!(insured, ["H123456789", "0000012345"]);
                assert!(rows.iter().all(|r| r.is_valid()), "{rows:?}");
            }
            other => panic!("202407 read as {other:?}"),
        }
    }

    #[test]
    fn an_unsupported_version_is_a_clear_error() {
        let error = dltplan::reader(&b"202504,131016,H123456789,202504\r\n"[..]).expect_err("202504 is 4.0's");
        assert!(matches!(&error, VersionError::Unsupported { found, .. } if found == "202504"));
        let shown = error.to_string();
        assert!(shown.contains("202504") && shown.contains("202407, 202604"), "{shown}");
        assert!(matches!(dltplan::reader(&b""[..]), Err(VersionError::Missing)));
    }
}

/// The types generated with `TextType::String`: the same wire, the same verdicts, `String` fields.
mod strings {
    use ltcip_consumer_example::strings::{dltplan, if_i6_01_04_02::Response, upplan};
    use ltcip_runtime::Validate;

    #[test]
    fn json_decodes_into_strings_and_validates() {
        let json = r#"{"care_insure_provider_number":"13101X","result":"成功","file_if_id":"IFI601040",
            "record_num":"1","body":[{"care_insure_provider_number":"131016","care_insurer_number":"0000012345",
            "care_insurance_status":"1"}]}"#;
        let response: Response = ltcip_runtime::serde_json::from_str(json).expect("decodes");
        let number: &String = &response.body[0].care_insurer_number;
        assert_eq!(number, "0000012345");
        let errors = response.validate().unwrap_err();
        let found: Vec<_> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
        assert_eq!(found, [("/care_insure_provider_number", "chars")]);
    }

    #[test]
    fn csv_rows_hold_strings() {
        let line = "202407,131016,0000012345,20250401,202504,1310000001,介護　太郎,,,20250401,,0900,1000,1,\
                    110000,,,,,1310000002,,,0,,";
        let text = format!("{line}\r\n");
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
        let mut reader = upplan::reader(&bytes[..]);
        let row = reader.next_row().expect("one row").expect("in memory");
        assert!(row.is_valid(), "{:?}", row.violations());
        let name: &String = &row.record().expect("whole").plan_manager_name;
        assert_eq!(name, "介護　太郎");
        assert!(reader.next_row().is_none());
    }

    #[test]
    fn each_version_holds_strings() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("202604,131016,H123456789,202504,\"転居のため\"\r\n");
        let dltplan::Reader::V202604(mut rows) = dltplan::reader(&bytes[..]).expect("supported") else {
            panic!("202604 read as another version");
        };
        let row = rows.next().expect("one row").expect("in memory");
        let reason: Option<&String> = row.record().expect("whole").delete_reason.as_ref();
        assert_eq!(reason.map(String::as_str), Some("転居のため"));
    }
}

/// The JSON interfaces generated with `TextType::Borrowed`: text borrowed from the document where it
/// has no escapes, and on every golden payload the verdict the owned types give.
mod borrowed {
    use std::path::Path;

    use ltcip_consumer_example::{borrowed, if_i6_01_04_01, if_i6_01_04_02};
    use ltcip_runtime::serde::Serialize;
    use ltcip_runtime::{CowStr, ValidationErrors, json};

    #[test]
    fn response_text_points_into_the_document() {
        let document = br#"{"care_insure_provider_number":"131016","result":"\u6210\u529f","file_if_id":"IFI601040",
            "record_num":"1","body":[{"care_insure_provider_number":"131016","care_insurer_number":"0000012345",
            "care_insurance_status":"1","care_insurance_end_date":"2026-04-01"}]}"#;
        let response: borrowed::if_i6_01_04_02::Response<'_> = json::from_slice(document).expect("valid");
        let record = &response.body[0];
        let number: &CowStr<'_> = &record.care_insurer_number;
        assert!(number.is_borrowed() && number == "0000012345");
        let inside = document.as_ptr_range();
        assert!(inside.contains(&number.as_ptr()), "the text is the document's own bytes");
        assert!(record.care_insurance_end_date.as_ref().is_some_and(CowStr::is_borrowed));
        // An escaped string cannot be borrowed: it is unescaped into its own String.
        assert!(!response.result.is_borrowed() && response.result == "成功");
    }

    #[test]
    fn every_golden_json_payload_has_the_verdict_of_the_owned_types() {
        let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("../integration/golden");
        let compared = agree(
            &golden.join("IF-I6-01-04-01/request"),
            |bytes| written(json::from_slice::<if_i6_01_04_01::Request>(bytes)),
            |bytes| written(json::from_slice::<borrowed::if_i6_01_04_01::Request<'_>>(bytes)),
        ) + agree(
            &golden.join("IF-I6-01-04-01/response"),
            |bytes| written(json::from_slice::<if_i6_01_04_01::Response>(bytes)),
            |bytes| written(json::from_slice::<borrowed::if_i6_01_04_01::Response<'_>>(bytes)),
        ) + agree(
            &golden.join("IF-I6-01-04-02/request"),
            |bytes| written(json::from_slice::<if_i6_01_04_02::Request>(bytes)),
            |bytes| written(json::from_slice::<borrowed::if_i6_01_04_02::Request<'_>>(bytes)),
        ) + agree(
            &golden.join("IF-I6-01-04-02/response"),
            |bytes| written(json::from_slice::<if_i6_01_04_02::Response>(bytes)),
            |bytes| written(json::from_slice::<borrowed::if_i6_01_04_02::Response<'_>>(bytes)),
        );
        assert!(compared >= 100, "only {compared} golden payloads compared");
    }

    /// The verdict on one payload: the value written back as JSON, or every violation as displayed.
    type Verdict = Result<String, Vec<String>>;

    fn written<T: Serialize>(decoded: Result<T, ValidationErrors>) -> Verdict {
        decoded
            .map(|value| ltcip_runtime::serde_json::to_string(&value).expect("writes"))
            .map_err(|errors| errors.iter().map(ToString::to_string).collect())
    }

    /// Decodes every payload under `dir/valid` and `dir/invalid` both ways and compares the verdicts;
    /// returns how many were compared.
    fn agree(dir: &Path, owned: impl Fn(&[u8]) -> Verdict, borrowed: impl Fn(&[u8]) -> Verdict) -> usize {
        let mut compared = 0;
        for kind in ["valid", "invalid"] {
            for entry in std::fs::read_dir(dir.join(kind)).expect("golden folder") {
                let path = entry.expect("entry").path();
                if path.extension().is_none_or(|extension| extension != "json") {
                    continue;
                }
                let bytes = std::fs::read(&path).expect("golden file");
                let expected = owned(&bytes);
                assert_eq!(expected.is_ok(), kind == "valid", "{}", path.display());
                assert_eq!(borrowed(&bytes), expected, "{}", path.display());
                compared += 1;
            }
        }
        compared
    }
}
