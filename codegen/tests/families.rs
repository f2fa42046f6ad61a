//! The families through the command line, as a vendor meets them: a workbook in words the reader does
//! not know (it says which, and what to write in `vocabulary.toml`), the same workbook with the
//! vocabulary file beside it, and LIFE CSV files checked with and without `--layout`, in both modes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ltcip-codegen")).args(args).current_dir(repo()).output().expect("the CLI runs")
}

fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// `tests/consumer/specs-life/`: a LIFE-style workbook in other spellings, and the vocabulary that
/// teaches them.
const SPECS_LIFE: &str = "tests/consumer/specs-life";

#[test]
fn unknown_spellings_are_named_with_the_entry_that_accepts_them() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::copy(repo().join(SPECS_LIFE).join("life-fixture.xlsx"), dir.path().join("life-fixture.xlsx"))
        .expect("copy");
    let spec = dir.path().display().to_string();
    let output = run(&["list", "--spec", &spec]);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(1), "{said}");
    let vocabulary = format!("{spec}/vocabulary.toml");
    // Without 項目論理名 as 項目名, no table is read: the heading row says why.
    assert!(
        said.contains(&format!(
            "[FORM_0100_2021] C3: warning: this row heads 11 known columns but no 項目名 column, so no table is read under it; if one of \"項目論理名\" is the 項目名, add to {vocabulary}: [[heading]] role = \"項目名\", spellings = [\"項目論理名\"], reason = \"...\""
        )),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "[FORM_0100_2021] G1: error: the 必須 legend's ◎：\"必ず必須\" is not a meaning this reader knows (to accept it, add to {vocabulary}: [[legend]] means = \"<one of 常に必須, 確定取込時必須, 確定取込時条件付き必須>\""
        )),
        "{said}"
    );

    // The heading taught, the タイプ is the next unknown word: one error per item, each naming the entry.
    std::fs::write(
        dir.path().join("vocabulary.toml"),
        "[[heading]]\nrole = \"項目名\"\nspellings = [\"項目論理名\"]\nreason = \"the workbook's heading\"\n",
    )
    .expect("write");
    let said = text(&run(&["list", "--spec", &spec]));
    assert!(
        said.contains(&format!(
            "[SERVICE_USER_INFO] D4: error: データ型 \"文字型\" is unknown (to accept it, add to {vocabulary}: [[data_type]] means = \"<one of 半角数字, 半角英数字, 半角文字, 全角文字, 全半角文字, 数値, リスト>\", spellings = [\"文字型\"], reason = \"...\")"
        )),
        "{said}"
    );

    // With the whole vocabulary file, the workbook reads without a finding.
    std::fs::copy(repo().join(SPECS_LIFE).join("vocabulary.toml"), dir.path().join("vocabulary.toml")).expect("copy");
    let output = run(&["list", "--spec", &spec]);
    let said = text(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(!said.contains("diagnostics:"), "{said}");
    assert!(said.contains("vocabulary.toml (sha256 "), "the vocabulary is a source of the spec: {said}");
    assert!(said.contains("FORM_0100_2021 栄養・摂食嚥下情報"), "{said}");
    assert!(
        said.contains("必須: 8 at 確定取込, 2 under a condition checked, 1 under a condition in prose"),
        "list counts the conditions: {said}"
    );
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path.display().to_string()
}

/// Text as a file's bytes.
type Encode = fn(&str) -> Vec<u8>;

fn ms932(text: &str) -> Vec<u8> {
    encoding_rs::SHIFT_JIS.encode(text).0.into_owned()
}

#[test]
fn a_life_file_names_its_layout_on_line_1() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let header = "FORM_0100_2021\r\ncare_facility_id,external_system_management_number,evaluation_date,facility_type,height,weight,meal_intake_rate,oral_intake,meeting_date,meeting_hour,meeting_minute,participant_job_code\r\n";
    // 身長 (○) is Null; 食事摂取量 is above its 範囲.
    let file = write(
        dir.path(),
        "form.csv",
        &ms932(&format!("{header}\"1310123456\",\"外部1\",\"20250401\",2,,62,101,1,\"20250402\",09,30,\"009\"\r\n")),
    );
    let final_mode = run(&["validate", "--spec", SPECS_LIFE, &file]);
    let said = text(&final_mode);
    assert_eq!(final_mode.status.code(), Some(1), "{said}");
    assert!(said.contains("line 3, column 5 [5 身長] required: "), "{said}");
    assert!(
        said.contains("line 3, column 7 [7 食事摂取量] range: must be a number from 0 to 100 (範囲 0～100): \"101\""),
        "{said}"
    );
    assert!(said.contains("form.csv: 2 violations in 1 record (FORM_0100_2021 ファイル)"), "{said}");
    let draft = run(&["validate", "--spec", SPECS_LIFE, "--mode", "draft", "--format", "json", &file]);
    let said = text(&draft);
    assert_eq!(draft.status.code(), Some(1), "{said}");
    assert!(said.contains(r#""rule":"range""#) && !said.contains(r#""rule":"required""#), "{said}");

    // A file whose line 1 names nothing known needs --layout.
    let other = write(dir.path(), "other.csv", b"SOMETHING_ELSE\r\na,b\r\n1,2\r\n");
    let said = text(&run(&["validate", "--spec", SPECS_LIFE, &other]));
    assert!(
        said.contains(
            "line 1 (\"SOMETHING_ELSE\") names no layout of a CSV file with named columns; say which with --layout"
        ),
        "{said}"
    );
}

/// specs/'s SERVICE_USER_INFO: the help desk's sample is valid; a nine-digit 事業所番号 is not (the
/// override of care_facility_id), in either encoding.
#[test]
fn service_user_info_of_the_repository() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let sample = "SERVICE_USER_INFO\ncare_facility_id,service_code,external_system_management_number,insurer_no,insured_no,last_name,first_name,gender,birthday,care_level\n\"9999999999\",\"99\",\"1\",\"999999\",\"9999999999\",\"厚労\",\"太郎\",1,\"19550401\",\"23\"\n";
    let nine_digits = sample.replace("\"9999999999\",\"99\"", "\"999999999\",\"99\"");
    let encodings: [(&str, Encode); 2] = [("ms932", ms932), ("utf8", |t| t.as_bytes().to_vec())];
    for (name, encode) in encodings {
        let file = write(dir.path(), &format!("sample-{name}.csv"), &encode(sample));
        let output = run(&["validate", "--layout", "SERVICE_USER_INFO", &file]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output));
        let nine = write(dir.path(), &format!("nine-{name}.csv"), &encode(&nine_digits));
        let said = text(&run(&["validate", &nine]));
        assert!(
            said.contains("line 3, column 1 [1 事業所番号] length: must be exactly 10 characters (固定長), found 9"),
            "{said}"
        );
    }
}
