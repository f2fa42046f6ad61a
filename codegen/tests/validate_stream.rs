//! `ltcip-codegen validate` as a stream: each violation written as it is found, at most
//! `--max-violations` of them per file with the rest counted (so that a file of millions of violations
//! takes the memory of one; `scripts/memory.py` measures it on large inputs), headers matched without
//! regard to case, and the library's error readable when a build script returns it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ltcip-codegen")).args(args).current_dir(repo()).output().expect("the CLI runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path.display().to_string()
}

/// Ten UPPLAN lines, each with a 保険者番号 that is not six digits.
fn bad_upplan() -> Vec<u8> {
    let line = "202407,13101X,H123456789,20250320,202504,1310123456,\"ケアマネ 太郎\",512,,20250401,,0930,1030,1,111111,,,\"\",,1310198765,\"訪問介護ひまわり\",,0,1310123456,\r\n";
    encoding_rs::SHIFT_JIS.encode(&line.repeat(10)).0.into_owned()
}

#[test]
fn at_most_max_violations_are_shown_and_the_rest_counted() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = write(dir.path(), "upplan.csv", &bad_upplan());
    let output = run(&["validate", "--layout", "UPPLAN", "--max-violations", "3", &file]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    for (n, line) in lines[..3].iter().enumerate() {
        assert!(line.starts_with(&format!("line {}, column 2 [2 保険者番号] chars: ", n + 1)), "{line}");
    }
    assert_eq!(
        lines[3],
        format!("{file}: 10 violations in 10 records (UPPLAN ファイル); 7 not shown (--max-violations 3)")
    );

    let output = run(&["validate", "--layout", "UPPLAN", "--max-violations", "3", "--format", "json", &file]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    assert_eq!(report["violations"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        (report["valid"].as_bool(), report["records"].as_u64(), report["omitted"].as_u64()),
        (Some(false), Some(10), Some(7))
    );

    // 0 shows every one.
    let output = run(&["validate", "--layout", "UPPLAN", "--max-violations", "0", &file]);
    assert_eq!(stdout(&output).lines().count(), 11);
}

#[test]
fn a_json_body_of_many_bad_records_is_capped_too() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let records = vec!["{}"; 1000].join(",");
    let document = format!(
        r#"{{"care_insure_provider_number":"131011","result":"成功","file_if_id":"IFI601040","record_num":"0","body":[{records}]}}"#
    );
    let file = write(dir.path(), "response.json", document.as_bytes());
    let output =
        run(&["validate", "--layout", "IF-I6-01-04-02/response", "--max-violations", "5", "--format", "json", &file]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    let shown = report["violations"].as_array().expect("violations");
    assert_eq!(shown.len(), 5);
    assert_eq!(shown[0]["pointer"], "/body/0/care_insure_provider_number");
    // Three required items in each of the 1000 records.
    assert_eq!(report["omitted"].as_u64(), Some(3000 - 5));
}

#[test]
fn headers_are_matched_without_regard_to_case() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let lower = write(
        dir.path(),
        "lower.json",
        br#"{"content-type":"application/json","authorization":"Bearer x","CARE_INSURE_PROVIDER_NUMBER":"131011"}"#,
    );
    let output = run(&["validate", "--layout", "IF-I6-01-04-01/request", "--section", "headers", &lower]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let twice = write(
        dir.path(),
        "twice.json",
        br#"{"Content-Type":"application/json","content-type":"application/json","Authorization":"x","care_insure_provider_number":"131011"}"#,
    );
    let output = run(&["validate", "--layout", "IF-I6-01-04-01/request", "--section", "headers", &twice]);
    let text = stdout(&output);
    assert!(text.contains("/Content-Type [01 コンテンツタイプ] structure: "), "{text}");
    assert!(text.contains("the header \"Content-Type\" is given more than once"), "{text}");
}

/// A build script returning the error with `?` prints it through `Debug`: every diagnostic on its
/// own line, as `Display` has them, not nested structs.
#[test]
fn the_error_reads_the_same_through_debug() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(dir.path().join("x.xlsx"), b"not a workbook").expect("write");
    let error = ltcip_codegen::Builder::new()
        .spec(dir.path())
        .out_dir(dir.path())
        .cargo_output(false)
        .generate()
        .expect_err("the workbook cannot be read");
    let debug = format!("{error:?}");
    assert_eq!(debug, error.to_string());
    assert!(debug.starts_with("the spec has errors:\n"), "{debug}");
    assert!(debug.contains("x.xlsx: error: cannot be opened as a workbook"), "{debug}");
    assert!(!debug.contains("Diagnostic {"), "{debug}");
}

/// A file of several parts (about 2.5 MB: the first 64 KiB, then parts of 1 MiB) gets the same report
/// from `--jobs 2` as from one reader: the same violations at the same lines, in the same order,
/// with quoted line breaks that shift every later line.
#[test]
fn jobs_check_parts_side_by_side_with_the_same_report() {
    let good = "202407,131016,H123456789,20250320,202504,1310123456,\"ケアマネ 太郎\",512,,20250401,,0930,1030,1,111111,,,\"\",,1310198765,\"訪問介護ひまわり\",,0,1310123456,\r\n";
    let broken = good.replace("\"ケアマネ 太郎\"", "\"ケアマネ\r\n太郎\"").replace("131016", "13101X");
    let mut text = String::new();
    for line in 0..16_000 {
        text.push_str(if line % 3_001 == 0 { &broken } else { good });
    }
    let bytes = encoding_rs::SHIFT_JIS.encode(&text).0.into_owned();
    assert!(bytes.len() > 2 << 20, "{} bytes", bytes.len());
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = write(dir.path(), "upplan.csv", &bytes);
    for format in ["human", "json"] {
        let one =
            run(&["validate", "--layout", "UPPLAN", "--max-violations", "0", "--format", format, "--jobs", "1", &file]);
        let two =
            run(&["validate", "--layout", "UPPLAN", "--max-violations", "0", "--format", format, "--jobs", "2", &file]);
        assert_eq!(one.status.code(), Some(1));
        assert_eq!(stdout(&two), stdout(&one), "--format {format}");
        assert_eq!(two.status.code(), one.status.code());
    }
    let text = stdout(&run(&["validate", "--layout", "UPPLAN", "--max-violations", "0", "--jobs", "2", &file]));
    // Record 12,004 (from 0: 4 × 3,001) starts on line 12,005 + the 4 quoted line breaks before it.
    assert!(text.lines().any(|line| line.starts_with("line 12009, column 2 [2 保険者番号] chars: ")), "{text}");
    assert!(text.ends_with(&format!("{file}: 6 violations in 16000 records (UPPLAN ファイル)\n")), "{text}");
    let zero = run(&["validate", "--layout", "UPPLAN", "--jobs", "0", &file]);
    assert_eq!(zero.status.code(), Some(2), "--jobs 0 is refused");
}

/// A JSON response of several batches (about 1.3 MB) gets the same report from `--jobs 2` as from
/// one reader, whatever the cap; so does one that is not JSON (its syntax error is the parser's).
#[test]
fn jobs_check_json_records_side_by_side_with_the_same_report() {
    let records: Vec<String> = (0..12_000)
        .map(|i| match i % 2_999 {
            0 => r#"{"care_insure_provider_number":"13101X","x":"padding padding padding padding padding padding padding"}"#.to_owned(),
            _ => format!(r#"{{"x":"{i:0>96}"}}"#),
        })
        .collect();
    let head =
        r#"{"care_insure_provider_number":"131011","result":"成功","file_if_id":"IFI601040","record_num":"0","body":["#;
    let document = format!("{head}{}]}}", records.join(",\n"));
    assert!(document.len() > 1 << 20, "{} bytes", document.len());
    let broken = document.replacen(r#""x":"00000000"#, r#""x":1e999,"y":"0"#, 1);
    let dir = tempfile::tempdir().expect("a temp dir");
    for (name, bytes) in [("response.json", &document), ("broken.json", &broken)] {
        let file = write(dir.path(), name, bytes.as_bytes());
        for cap in ["0", "7"] {
            for format in ["human", "json"] {
                let args =
                    ["validate", "--layout", "IF-I6-01-04-02/response", "--max-violations", cap, "--format", format];
                let one = run(&[&args[..], &["--jobs", "1", &file]].concat());
                let two = run(&[&args[..], &["--jobs", "2", &file]].concat());
                assert_eq!(one.status.code(), Some(1), "{name}");
                assert_eq!(stdout(&two), stdout(&one), "{name} --max-violations {cap} --format {format}");
            }
        }
    }
    let text = stdout(&run(&[
        "validate",
        "--layout",
        "IF-I6-01-04-02/response",
        "--jobs",
        "2",
        &format!("{}/broken.json", dir.path().display()),
    ]));
    assert!(text.contains("syntax"), "{text}");
}
