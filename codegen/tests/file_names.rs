//! `validate` and care-plan file names: without `--layout` the name picks the layout; with it, a name
//! that says another file, or breaks its file's rule, is a warning naming what is wrong.

use std::path::Path;
use std::process::{Command, Output};

fn specs() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs").display().to_string()
}

fn validate(dir: &Path, args: &[&str]) -> Output {
    let specs = specs();
    let mut all = vec!["validate", "--spec", &specs, "--format", "json"];
    all.extend(args);
    Command::new(env!("CARGO_BIN_EXE_ltcip-codegen")).args(all).current_dir(dir).output().expect("the CLI runs")
}

fn file(dir: &Path, name: &str) -> String {
    std::fs::write(dir.join(name), b"1,2,3\r\n").expect("write");
    name.to_owned()
}

fn layouts(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let report: serde_json::Value = serde_json::from_str(line).expect("JSON");
            report["layout"].as_str().expect("layout").to_owned()
        })
        .collect()
}

#[test]
fn without_layout_the_file_name_picks_it() {
    let dir = tempfile::tempdir().unwrap();
    let plan = file(dir.path(), "UPPLAN_202504_1312345678_43_1398765432_11_20250401093000.CSV");
    let sub = file(dir.path(), "UPKIHON_SUB1_202504_1312345678_43_1398765432_11_20250401093000.CSV");
    let output = validate(dir.path(), &[&plan, &sub]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "the records are wrong: {stderr}");
    let found = layouts(&output);
    assert_eq!(found.len(), 2, "{stderr}");
    assert!(found[0].starts_with("UPPLAN "), "{found:?}");
    assert!(found[1].starts_with("UPKIHON_SUB1 "), "{found:?}");
}

#[test]
fn with_layout_a_name_of_another_file_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let jsk = file(dir.path(), "UPJSK_202504_1312345678_43_1398765432_11_20250401093000.CSV");
    let output = validate(dir.path(), &["--layout", "UPPLAN", &jsk]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the file name says UPJSK, not UPPLAN"), "{stderr}");
    assert_eq!(layouts(&output), ["UPPLAN ファイル"], "checked as --layout asks");
}

#[test]
fn a_name_that_breaks_its_rule_is_a_warning_with_every_bad_field() {
    let dir = tempfile::tempdir().unwrap();
    let bad = file(dir.path(), "UPPLAN_202513_131234567_43_1398765432_1_20250401093000.CSV");
    let output = validate(dir.path(), &[&bad]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warning = stderr.lines().find(|l| l.starts_with("warning:")).unwrap_or_else(|| panic!("{stderr}"));
    for field in ["対象年月", "送信元の事業所番号", "送信先のサービス種類コード"] {
        assert!(warning.contains(field), "{field} in {warning}");
    }
    assert_eq!(layouts(&output).len(), 1, "still checked, as UPPLAN: {stderr}");
}

#[test]
fn a_name_of_no_file_without_layout_is_an_error_listing_the_prefixes() {
    let dir = tempfile::tempdir().unwrap();
    let other = file(dir.path(), "report.csv");
    let output = validate(dir.path(), &[&other]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("names no care-plan file") && stderr.contains("UPPLAN"), "{stderr}");
}
