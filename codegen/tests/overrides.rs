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
