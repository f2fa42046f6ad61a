//! `json::stream` reaches the verdict `json::from_slice` reaches: the same violations, in the same
//! order, with the same pointers, rules, values and messages, on every golden payload of
//! IF-I6-01-04-02's response (and of the other golden layouts), valid and invalid; and on generated
//! responses, whole and cut short.

use std::fs;
use std::path::{Path, PathBuf};

use ltcip_generated::{if_i6_01_04_01, if_i6_01_04_02};
use ltcip_runtime::json::{self, stream};
use ltcip_runtime::serde::de::DeserializeOwned;
use ltcip_runtime::{Layout, Rule, ValidationErrors};

fn golden(if_id: &str, layout: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/integration/golden").join(if_id).join(layout)
}

fn streamed<T: Layout>(bytes: &[u8]) -> Result<(), ValidationErrors> {
    let report = stream::validate_reader::<T>(bytes).expect("in-memory input");
    assert_eq!(report.omitted(), 0, "goldens are far below the limit");
    report.into_result()
}

fn decoded<T: Layout + DeserializeOwned>(bytes: &[u8]) -> Result<(), ValidationErrors> {
    json::from_slice::<T>(bytes).map(drop)
}

/// Runs every payload of `valid/` and `invalid/`; returns how many were compared.
fn compare<T: Layout + DeserializeOwned>(if_id: &str, layout: &str) -> (usize, usize) {
    let mut counts = (0, 0);
    for (folder, valid) in [("valid", true), ("invalid", false)] {
        let dir = golden(if_id, layout).join(folder);
        let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.expect("entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let bytes = fs::read(&path).expect("golden file");
            let expected = decoded::<T>(&bytes);
            assert_eq!(expected.is_ok(), valid, "{}: from_slice disagrees with its folder", path.display());
            let found = streamed::<T>(&bytes);
            assert_eq!(found, expected, "{}", path.display());
            if valid {
                counts.0 += 1;
            } else {
                counts.1 += 1;
            }
        }
    }
    counts
}

#[test]
fn if_i6_01_04_02_response_goldens_get_the_same_verdict() {
    let (valid, invalid) = compare::<if_i6_01_04_02::Response>("IF-I6-01-04-02", "response");
    assert!(valid >= 10 && invalid >= 40, "{valid} valid and {invalid} invalid goldens");
}

#[test]
fn the_other_golden_layouts_get_the_same_verdict() {
    compare::<if_i6_01_04_01::Response>("IF-I6-01-04-01", "response");
    compare::<if_i6_01_04_01::Request>("IF-I6-01-04-01", "request");
    compare::<if_i6_01_04_01::RequestHeaders>("IF-I6-01-04-01", "request-headers");
    compare::<if_i6_01_04_02::Request>("IF-I6-01-04-02", "request");
    compare::<if_i6_01_04_02::RequestHeaders>("IF-I6-01-04-02", "request-headers");
}

#[test]
fn generated_responses_are_valid_both_ways() {
    for records in [0, 1, 2, 1_000] {
        let bytes = ltcip_benches::response(records);
        assert_eq!(decoded::<if_i6_01_04_02::Response>(&bytes), Ok(()), "{records} records");
        let report = stream::validate_reader::<if_i6_01_04_02::Response>(&bytes[..]).expect("in memory");
        assert!(report.is_valid(), "{report}");
        assert_eq!(report.records(), records);
    }
    let mut sized = Vec::new();
    let (bytes, records) = ltcip_benches::write_response_of_size(&mut sized, 100_000).expect("in memory");
    assert_eq!(bytes, sized.len() as u64);
    assert!(bytes >= 100_000);
    assert_eq!(decoded::<if_i6_01_04_02::Response>(&sized), Ok(()));
    let report = stream::validate_reader::<if_i6_01_04_02::Response>(&sized[..]).expect("in memory");
    assert_eq!((report.is_valid(), report.records()), (true, records));
}

#[test]
fn cut_and_corrupted_responses_get_the_same_verdict() {
    let whole = ltcip_benches::response(40);
    // Every cut is malformed JSON; the one syntax violation must be the same, line and column included.
    for cut in (0..whole.len()).step_by(97) {
        let bytes = &whole[..cut];
        assert_eq!(
            streamed::<if_i6_01_04_02::Response>(bytes),
            decoded::<if_i6_01_04_02::Response>(bytes),
            "cut at {cut}"
        );
    }
    // Values broken in many records at once, in layout order.
    let text = String::from_utf8(whole).expect("UTF-8");
    let broken = text
        .replace("\"care_insurance_status\":\"2\"", "\"care_insurance_status\":2")
        .replace("-02-", "-13-")
        .replace("\"131011\"", "\"１３１０１１\"")
        .replace("\"result\":\"成功\"", "\"result\":\"OK\",\"result\":\"成功\"");
    let expected = decoded::<if_i6_01_04_02::Response>(broken.as_bytes());
    assert!(expected.as_ref().is_err_and(|e| e.len() > 10), "{expected:?}");
    assert_eq!(streamed::<if_i6_01_04_02::Response>(broken.as_bytes()), expected);
}

#[test]
fn violations_beyond_the_limit_are_counted() {
    let text = String::from_utf8(ltcip_benches::response(50)).expect("UTF-8");
    let broken = text.replace("\"care_insurance_status\":\"", "\"care_insurance_status\":\"x");
    let all = decoded::<if_i6_01_04_02::Response>(broken.as_bytes()).expect_err("50 bad records");
    assert_eq!(all.len(), 100, "chars and length, in each record");
    let report = stream::Validator::new(<if_i6_01_04_02::Response as Layout>::SHAPE)
        .limit(30)
        .validate(broken.as_bytes())
        .expect("in memory");
    assert_eq!((report.errors().len(), report.omitted(), report.total()), (30, 70, 100));
    assert!(report.errors().iter().eq(all.iter().take(30)), "the first ones are kept");
}

#[test]
fn hostile_documents_get_the_same_verdict() {
    let deep = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let texts = [
        format!(r#"{{"care_insure_provider_number": "131011", "x": {}}}"#, deep(100)),
        format!(r#"{{"x": {}}}"#, deep(200)),
        format!(r#"{{"care_insure_provider_number": {}}}"#, deep(200)),
        format!(r#"{{"body": [{{"x": {}}}]}}"#, deep(200)),
        "\u{FEFF}{}".to_owned(),
        r#"{"result": "\ud800", "body": []}"#.to_owned(),
        r#"{"result": "成功", "body": [], "x": "\ud83d\ude00\u0041"}"#.to_owned(),
        r#"{"record_num": -0.0, "body": [1.5, -3, 18446744073709551616]}"#.to_owned(),
        r#"{"body": [{"care_insurer_number": ["1", {"a": 1, "a": 2}]}], "body": null}"#.to_owned(),
        r#"{"body": [{"care_insurer_number": "1", "x": {"a": 1, "a": 2}}, {}]}"#.to_owned(),
        r#"{"care_insure_provider_number": "131011", "body": [], "result": "成功", "file_if_id": "IFI601040", "record_num": "0"}   "#.to_owned(),
        "{}".to_owned(),
        "[]".to_owned(),
        "\"text\"".to_owned(),
        "null".to_owned(),
    ];
    let raw: [&[u8]; 3] =
        [b"{\"result\": \"\xFF\"}", b"{\"\xC0\": 1}", b"{\"body\": [{\"care_insurer_number\": \"\xE3\x81\"}]}"];
    for bytes in texts.iter().map(String::as_bytes).chain(raw) {
        assert_eq!(
            streamed::<if_i6_01_04_02::Response>(bytes),
            decoded::<if_i6_01_04_02::Response>(bytes),
            "{}",
            String::from_utf8_lossy(bytes)
        );
    }
    // The one documented difference: serde_json reading from a reader places "number out of range"
    // a column later than reading from a slice.
    let out_of_range = br#"{"record_num": 1e999, "body": []}"#;
    let syntax = |result: Result<(), ValidationErrors>| match result
        .expect_err("malformed")
        .iter()
        .next()
        .map(|e| e.rule().clone())
    {
        Some(Rule::Syntax { line, column, detail }) => (line, column, detail),
        other => panic!("not a syntax violation: {other:?}"),
    };
    let (line, column, detail) = syntax(streamed::<if_i6_01_04_02::Response>(out_of_range));
    assert_eq!((line, column - 1, detail), syntax(decoded::<if_i6_01_04_02::Response>(out_of_range)));
}
