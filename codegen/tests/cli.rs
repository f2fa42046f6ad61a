//! The `ltcip-codegen` command as a user runs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ltcip-codegen")).args(args).current_dir(dir).output().expect("the CLI runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A copy of the repository's specs/ and generated/ to run the CLI on without touching the real ones.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for sub in ["specs", "generated/src"] {
        std::fs::create_dir_all(dir.path().join(sub)).expect("create");
        for entry in std::fs::read_dir(repo().join(sub)).expect("read") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                std::fs::copy(&path, dir.path().join(sub).join(path.file_name().expect("name"))).expect("copy");
            }
        }
    }
    dir
}

#[test]
fn check_passes_on_the_repository() {
    let output = run(&repo(), &["check"]);
    assert!(output.status.success(), "{}{}", stdout(&output), String::from_utf8_lossy(&output.stderr));
    assert!(stdout(&output).contains("up to date"));
}

#[test]
fn generate_then_check_and_regenerate_touches_nothing() {
    let dir = workspace();
    let first = run(dir.path(), &["generate"]);
    assert!(first.status.success());
    let modules = std::fs::read_dir(dir.path().join("generated/src")).expect("read").count();
    assert!(stdout(&first).contains(&format!("0 files written, {modules} unchanged")), "{}", stdout(&first));
    let lib = dir.path().join("generated/src/lib.rs");
    let modified = std::fs::metadata(&lib).and_then(|m| m.modified()).expect("mtime");
    let again = run(dir.path(), &["generate"]);
    assert!(stdout(&again).contains("0 files written"), "{}", stdout(&again));
    let after = std::fs::metadata(&lib).and_then(|m| m.modified()).expect("mtime");
    assert_eq!(modified, after, "an unchanged file was rewritten");
}

/// `--text-type string` generates `String` fields where the default generates `CompactString`, and
/// `check` compares against what its own `--text-type` generates.
#[test]
fn text_type_chooses_the_type_of_text_fields() {
    let dir = workspace();
    let module = dir.path().join("generated/src/if_i6_01_04_02.rs");
    let compact = std::fs::read_to_string(&module).expect("read");
    assert!(compact.contains("pub care_insure_provider_number: ::ltcip_runtime::CompactString,"));
    let stale = run(dir.path(), &["check", "--text-type", "string"]);
    assert!(!stale.status.success(), "{}", stdout(&stale));
    assert!(stdout(&stale).contains("if_i6_01_04_02.rs"), "{}", stdout(&stale));

    let generate = run(dir.path(), &["generate", "--text-type", "string"]);
    assert!(generate.status.success(), "{}", String::from_utf8_lossy(&generate.stderr));
    let strings = std::fs::read_to_string(&module).expect("read");
    assert_eq!(strings, compact.replace("::ltcip_runtime::CompactString", "String"));
    assert!(run(dir.path(), &["check", "--text-type", "string"]).status.success());
    assert!(!run(dir.path(), &["check"]).status.success(), "the default is CompactString");

    let unknown = run(dir.path(), &["generate", "--text-type", "str"]);
    assert_eq!(unknown.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(stderr.contains("compact") && stderr.contains("string"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&module).expect("read"), strings, "nothing written");
}

/// The Builder's options on the command line: `--layout` keeps the layouts named (the other modules
/// are removed), `--type-attribute`, `--field-attribute` and `--extern-type` put what they say where
/// their selectors reach; a selector that reaches nothing fails with exit status 1, writing nothing.
#[test]
fn builder_options_on_the_command_line() {
    let dir = workspace();
    let args = [
        "generate",
        "--layout",
        "IF-I6-01-04-02 レスポンス",
        "--type-attribute",
        "*=#[derive(Eq, Hash)]",
        "--field-attribute",
        "IF-I6-01-04-02 レスポンス/result=#[serde(alias = \"kekka\")]",
        "--extern-type",
        "*/body/care_insurer_number=crate::InsuredNumber",
    ];
    let output = run(dir.path(), &args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let module = std::fs::read_to_string(dir.path().join("generated/src/if_i6_01_04_02.rs")).expect("read");
    assert!(!module.contains("pub struct Request"), "only the response");
    assert_eq!(module.matches("#[derive(Eq, Hash)]").count(), 2, "Response and ResponseBody");
    assert!(module.contains("#[serde(alias = \"kekka\")]\n    pub result:"), "{module}");
    assert!(module.contains("custom_type\n    )]\n    #[serde(with = \"::ltcip_runtime::text_serde::one\")]\n    pub care_insurer_number: crate::InsuredNumber,"), "{module}");
    assert!(!dir.path().join("generated/src/upplan.rs").exists(), "a module of no layout asked for is removed");
    assert!(run(dir.path(), &args.map(|a| if a == "generate" { "check" } else { a })).status.success());

    let wrong = run(dir.path(), &["generate", "--type-attribute", "IF-I6-01-04-09=#[derive(Eq)]"]);
    assert_eq!(wrong.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(stderr.contains("type_attribute \"IF-I6-01-04-09\" reaches nothing"), "{stderr}");
    assert!(!dir.path().join("generated/src/upplan.rs").exists(), "nothing written");
    let malformed = run(dir.path(), &["generate", "--extern-type", "no equals sign"]);
    assert_eq!(malformed.status.code(), Some(2));
}

#[test]
fn check_fails_on_a_stale_or_orphaned_file_and_generate_repairs_it() {
    let dir = workspace();
    let module = dir.path().join("generated/src/if_i6_01_04_02.rs");
    let text = std::fs::read_to_string(&module).expect("read");
    std::fs::write(&module, text.replace("pub struct ResponseBody", "pub struct ResponseBodyX")).expect("write");
    let orphan = dir.path().join("generated/src/if_old.rs");
    std::fs::write(&orphan, "// @generated by ltcip-codegen 0.0.0 from:\n").expect("write");
    let check = run(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1));
    let out = stdout(&check);
    assert!(out.contains("if_i6_01_04_02.rs differs"), "{out}");
    assert!(out.contains("if_old.rs is generated but no interface produces it"), "{out}");
    let generate = run(dir.path(), &["generate"]);
    assert!(generate.status.success());
    assert!(stdout(&generate).contains("removed"), "{}", stdout(&generate));
    assert!(!orphan.exists());
    assert!(run(dir.path(), &["check"]).status.success());
}

#[test]
fn list_shows_interfaces_layouts_and_notes() {
    let output = run(&repo(), &["list"]);
    assert!(output.status.success());
    let out = stdout(&output);
    for expected in [
        "IF-I6-01-04-01 介護被保険者証利用情報（KHS）の取得要求（ファイル連携）",
        "IF-I6-01-04-02 介護被保険者証利用情報（KHS）の取得要求（JSON形式連携）",
        "リクエスト JSON: ヘッダ 3 items, ボディ 2 items",
        "レスポンス JSON: ボディ 12 items",
        "note: 取得結果 result is 全角文字 2 可変長 here but 全角文字 2 固定長 in IF-I6-01-04-01 レスポンス",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
}

#[test]
fn a_broken_workbook_fails_with_diagnostics_naming_the_cell() {
    let dir = workspace();
    let mut book = ltcip_fixtures::besshi13_published();
    let sheet = book.sheets.iter_mut().find(|s| s.name == "IF-I6-01-04-02_レスポンス").expect("the sheet");
    // The first 桁数 of 6 on the sheet is that of 01 介護保険者番号.
    let cell = sheet
        .cells
        .iter()
        .find(|(_, v)| **v == ltcip_fixtures::Value::Number(6.0))
        .map(|(k, _)| *k)
        .expect("a 桁数 of 6");
    sheet.put(cell.0, cell.1, "6桁?");
    book.save(&dir.path().join("specs/besshi13.xlsx")).expect("save");
    let a1 = format!("{}{}", (b'A' + cell.1 as u8) as char, cell.0 + 1);
    let expected =
        format!("specs/besshi13.xlsx [IF-I6-01-04-02_レスポンス] {a1}: error: 桁数 \"6桁?\" is not a number");
    for command in ["list", "generate", "check"] {
        let output = run(dir.path(), &[command]);
        assert_eq!(output.status.code(), Some(1), "{command}");
        let all = format!("{}{}", stdout(&output), String::from_utf8_lossy(&output.stderr));
        assert!(all.contains(&expected), "{command}: missing {expected:?} in:\n{all}");
    }
}

/// Outside the repository, a missing `specs` says where it was looked for and what a relative path is
/// taken from.
#[test]
fn a_missing_spec_folder_names_where_it_was_looked_for() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let output = run(dir.path(), &["list"]);
    assert!(!output.status.success());
    // `list` prints its diagnostics with the listing.
    let stderr = format!("{}{}", stdout(&output), String::from_utf8_lossy(&output.stderr));
    let looked = dir.path().canonicalize().expect("canonical").join("specs");
    assert!(
        stderr.contains(&format!("looked for {}", looked.display()))
            || stderr.contains(&format!("looked for {}", dir.path().join("specs").display())),
        "{stderr}"
    );
    assert!(stderr.contains("a relative path is taken from the current folder"), "{stderr}");
}
