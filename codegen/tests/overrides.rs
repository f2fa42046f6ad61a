//! The overrides table: corrections applied to the model, shown in the docs, and checked so that a
//! stale or malformed entry is an error.

use std::path::{Path, PathBuf};

use ltcip_codegen::diag::Severity;
use ltcip_codegen::model::{CharClass, DataType, Repertoire, Spec};

/// A folder with the published 別紙13 workbook and the given overrides table.
fn folder(table: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    ltcip_fixtures::besshi13_published().save(&dir.path().join("besshi13.xlsx")).expect("save");
    std::fs::write(dir.path().join("overrides.toml"), table).expect("write");
    dir
}

fn load(dir: &Path) -> (Spec, Vec<String>) {
    let (spec, diagnostics) = ltcip_codegen::load(&[dir.to_path_buf()]);
    let path = dir.display().to_string();
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string().replacen(&path, "specs", 1))
        .collect();
    (spec, errors)
}

fn item<'a>(spec: &'a Spec, layout: &str, key: &str) -> &'a ltcip_codegen::model::Item {
    spec.interfaces
        .iter()
        .flat_map(|i| &i.layouts)
        .find(|l| l.title() == layout)
        .and_then(|l| {
            l.sections.iter().flat_map(|s| &s.items).flat_map(|i| i.walk()).find(|i| i.key.as_deref() == Some(key))
        })
        .expect("the item")
}

#[test]
fn an_item_override_changes_the_model_and_the_docs() {
    let dir = folder(
        r#"
[[item]]
layout = "IF-I6-01-04-02 レスポンス"
path = "body/care_insurance_status"
codes = ["1", "2"]
reason = "The municipal spec lists two statuses."
"#,
    );
    let (spec, errors) = load(dir.path());
    assert!(errors.is_empty(), "{errors:#?}");
    let status = item(&spec, "IF-I6-01-04-02 レスポンス", "care_insurance_status");
    assert_eq!(status.rules.codes, ["1", "2"]);
    assert_eq!(status.overrides, ["code list → 「1」「2」. The municipal spec lists two statuses."]);
    let (spec, modules, _) = ltcip_codegen::modules(&[dir.path().to_path_buf()]).expect("generates");
    let text = ltcip_codegen::output::single_file(&spec, &modules).expect("formats");
    assert!(text.contains("**Override** (`overrides.toml`): code list → 「1」「2」"), "docs show the override");
    assert!(text.contains(r#"codes("1", "2")"#), "the attribute carries it");
}

#[test]
fn the_repository_overrides_presigned_url() {
    let specs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let (spec, errors) = load(&specs);
    assert!(errors.is_empty(), "{errors:#?}");
    let url = item(&spec, "IF-I6-01-04-01 レスポンス", "presigned_url");
    assert_eq!(url.data_type, Some(DataType::Text(CharClass::Half)));
    assert!(url.overrides[0].starts_with("データ型 半角英数字 → 半角文字."), "{:?}", url.overrides);
}

#[test]
fn a_layout_repertoire_applies_to_every_struct_of_the_layout() {
    let dir = folder(
        r#"
[[layout]]
workbook = "besshi13.xlsx"
repertoire = "JIS X 0213"
reason = "API 標準仕様書 第1.0版."
"#,
    );
    let (spec, errors) = load(dir.path());
    assert!(errors.is_empty(), "{errors:#?}");
    let layouts: Vec<_> = spec.interfaces.iter().flat_map(|i| &i.layouts).collect();
    assert_eq!(layouts.len(), 4);
    assert!(layouts.iter().all(|l| l.repertoire == Repertoire::JisX0213));
    let (spec, modules, _) = ltcip_codegen::modules(&[dir.path().to_path_buf()]).expect("generates");
    let text = ltcip_codegen::output::single_file(&spec, &modules).expect("formats");
    assert_eq!(
        text.matches(r#"repertoire = "JIS X 0213""#).count(),
        7,
        "every struct: 2 headers, 2 requests, 2 responses, 1 body"
    );
}

#[test]
fn stale_and_malformed_entries_are_errors() {
    let dir = folder(
        r#"
[[item]]
layout = "IF-I6-01-04-02 レスポンス"
path = "body/no_such_item"
data_type = "半角文字"
reason = "stale"

[[item]]
layout = "IF-I6-09-99-99 レスポンス"
path = "result"
data_type = "半角文字"
reason = "no such layout"

[[item]]
layout = "IF-I6-01-04-02 レスポンス"
path = "result"
data_type = "半角カナ"
reason = "unknown データ型"

[[item]]
layout = "IF-I6-01-04-02 レスポンス"
path = "result"
data_type = "全角文字"
reason = " "

[[layout]]
layout = "IF-I6-01-04-02 レスポンス"
repertoire = "UTF-8"
reason = "unknown repertoire"
"#,
    );
    let (_, errors) = load(dir.path());
    assert_eq!(
        errors,
        [
            r#"specs/overrides.toml [[layout]] #1: error: repertoire "UTF-8" is neither MS932 nor JIS X 0213"#,
            r#"specs/overrides.toml [[item]] #1: error: IF-I6-01-04-02 レスポンス has no item at "body/no_such_item""#,
            r#"specs/overrides.toml [[item]] #2: error: no layout "IF-I6-09-99-99 レスポンス" (write "<外部IF_ID> <送受信種別>" or "* <送受信種別>")"#,
            r#"specs/overrides.toml [[item]] #3: error: データ型 "半角カナ" is unknown"#,
            "specs/overrides.toml [[item]] #4: error: an override needs a reason",
        ]
    );
}

#[test]
fn a_table_that_is_not_toml_is_an_error() {
    let dir = folder("[[item]\nlayout = ");
    let (_, errors) = load(dir.path());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].starts_with("specs/overrides.toml: error: not a valid overrides table: "), "{errors:?}");
}

/// A condition 別紙13 states in prose (処理結果詳細 is set when the request failed, 署名付きURL when it
/// did not), written as a rule: the model, the generated attribute, the JSON Schema and `validate`
/// all carry it.
#[test]
fn required_when_writes_a_prose_condition_as_a_rule() {
    let dir = folder(
        r#"
[[item]]
layout = "IF-I6-01-04-01 レスポンス"
path = "result_detail"
required_when = { result = "失敗" }
reason = "処理結果詳細 is set when the request failed (備考)."

[[item]]
layout = "IF-I6-01-04-01 レスポンス"
path = "presigned_url"
required_when = { result = ["成功"] }
reason = "署名付きURL is set when the request did not fail (備考)."
"#,
    );
    let (spec, errors) = load(dir.path());
    assert!(errors.is_empty(), "{errors:#?}");
    let detail = item(&spec, "IF-I6-01-04-01 レスポンス", "result_detail");
    let requirement = detail.requirement.as_ref().expect("a requirement");
    assert_eq!(requirement.mode, ltcip_codegen::model::Mode::Draft, "every mode");
    let clauses: Vec<(&str, Vec<String>)> =
        requirement.clauses().iter().map(|c| (c.key.as_str(), ltcip_codegen::model::code_values(&c.values))).collect();
    assert_eq!(clauses, [("result", vec!["失敗".to_owned()])]);
    assert!(detail.overrides[0].starts_with("必須 when 取得結果＝失敗 (every mode)."), "{:?}", detail.overrides);

    let (spec, modules, _) = ltcip_codegen::modules(&[dir.path().to_path_buf()]).expect("generates");
    let text = ltcip_codegen::output::single_file(&spec, &modules).expect("formats");
    assert!(text.contains(r#"required(when(result = "失敗"))"#), "the attribute carries it");

    // The schema says it as if/then, and agrees with the Rust verdict.
    let interface = spec.interfaces.iter().find(|i| i.id == "IF-I6-01-04-01").expect("the interface");
    let layout = interface.layouts.iter().find(|l| l.title() == "IF-I6-01-04-01 レスポンス").expect("the response");
    let schema = ltcip_codegen::schema::layout_schema(interface, layout).expect("a schema");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let shape =
        ltcip_codegen::validate::shape(interface, layout, ltcip_codegen::model::SectionKind::Body).expect("a shape");
    for (document, valid) in [
        (r#"{"care_insure_provider_number":"131011","result":"失敗","result_detail":"不正です。"}"#, true),
        (r#"{"care_insure_provider_number":"131011","result":"失敗"}"#, false),
        (r#"{"care_insure_provider_number":"131011","result":"失敗","result_detail":""}"#, false),
        // 半角英数字 as 別紙13 types it (the repository's override to 半角文字 is not in this folder).
        (r#"{"care_insure_provider_number":"131011","result":"成功","presigned_url":"KHS131011"}"#, true),
        (r#"{"care_insure_provider_number":"131011","result":"成功","presigned_url":null}"#, false),
        (r#"{"care_insure_provider_number":"131011","result":"成功","result_detail":""}"#, false),
    ] {
        let value: serde_json::Value = serde_json::from_str(document).expect("JSON");
        assert_eq!(validator.is_valid(&value), valid, "schema: {document}");
        let found = ltcip_codegen::validate::check_json(shape, document.as_bytes());
        assert_eq!(found.is_empty(), valid, "validate: {document}: {found:?}");
        if !valid {
            assert!(found.iter().all(|e| e.rule().code() == "required"), "{found:?}");
        }
    }
}

#[test]
fn required_when_that_cannot_hold_is_an_error() {
    for (entry, message) in [
        (
            r#"required_when = { outcome = "失敗" }"#,
            r#"required_when names "outcome", which is no item beside "result_detail""#,
        ),
        (
            r#"required_when = { result = "NG" }"#,
            r#"required_when "result" = "NG", but 02 取得結果 takes only 成功, 失敗"#,
        ),
        ("required_when = {}", r#"required_when names no item: write { <key> = "<value>" }"#),
        (
            r#"required_when = { result = "失敗" }
required_mode = "always""#,
            r#"required_mode "always" is neither "final" nor "draft""#,
        ),
    ] {
        let dir = folder(&format!(
            "[[item]]\nlayout = \"IF-I6-01-04-01 レスポンス\"\npath = \"result_detail\"\n{entry}\nreason = \"test\"\n"
        ));
        let (_, errors) = load(dir.path());
        assert_eq!(errors, [format!("specs/overrides.toml [[item]] #1: error: {message}")], "{entry}");
    }
    let dir = folder(
        "[[item]]\nlayout = \"IF-I6-01-04-01 レスポンス\"\npath = \"result\"\nrequired_when = { care_insure_provider_number = \"131011\" }\nreason = \"test\"\n",
    );
    let (_, errors) = load(dir.path());
    assert_eq!(
        errors,
        [
            "specs/overrides.toml [[item]] #1: error: required_when on an item whose 出現回数 最小 is not 0: it is always required"
        ]
    );
}
