//! Every `Builder` option, as `build.rs` asks them for `custom`, took effect: the layouts chosen and no
//! other, the derives and serde attributes on the structs the selectors reach and on no other, the
//! field attribute, and the crate's own type in a JSON and in a CSV layout with its checks still run.
//! A selector that reaches nothing, and an attribute or a type that does not parse, stop generation.

use std::collections::HashSet;
use std::hash::Hash;

use ltcip_consumer_example::InsuredNumber;
use ltcip_consumer_example::custom::{if_i6_01_04_02, upplan};
use ltcip_runtime::{Validate, json};

const GENERATED: &str = include_str!(concat!(env!("OUT_DIR"), "/ltcip_custom.rs"));

fn record(insured: &str) -> if_i6_01_04_02::ResponseBody {
    if_i6_01_04_02::ResponseBody {
        care_insure_provider_number: "131016".into(),
        care_insurer_number: insured.into(),
        care_insurance_status: "1".into(),
        ..Default::default()
    }
}

fn response(body: Vec<if_i6_01_04_02::ResponseBody>) -> if_i6_01_04_02::Response {
    if_i6_01_04_02::Response {
        care_insure_provider_number: "131016".into(),
        result: "成功".into(),
        file_if_id: "IFI601040".into(),
        record_num: body.len().to_string().into(),
        body,
        ..Default::default()
    }
}

fn eq_and_hash<T: Eq + Hash>() {}

#[test]
fn only_the_layouts_asked_for_are_generated() {
    assert!(GENERATED.contains("pub mod if_i6_01_04_02 {"));
    assert!(GENERATED.contains("pub mod upplan {"));
    // The interface's request is not asked for; neither is any other interface.
    assert!(!GENERATED.contains("pub struct Request"), "IF-I6-01-04-02 リクエスト was not asked for");
    assert!(GENERATED.contains("pub mod files {"), "UPPLAN is a file with a name rule");
    let modules = GENERATED.matches("\npub mod ").count();
    assert_eq!(modules, 3, "two interfaces and the files by name");
    assert!(!GENERATED.contains("super::upjsk::FILE_NAME"), "files by name lists the layouts generated only");
}

#[test]
fn the_derive_asked_for_every_struct_is_on_every_struct() {
    eq_and_hash::<if_i6_01_04_02::Response>();
    eq_and_hash::<if_i6_01_04_02::ResponseBody>();
    eq_and_hash::<upplan::Record>();
    let records: HashSet<_> = [record("0000012345"), record("0000012345"), record("0000067890")].into_iter().collect();
    assert_eq!(records.len(), 2);
}

#[test]
fn deny_unknown_fields_is_on_the_records_only() {
    let mut document: serde_json::Value = serde_json::to_value(response(vec![record("0000012345")])).unwrap();
    document["body"][0]["extra"] = "x".into();
    let errors = json::from_slice::<if_i6_01_04_02::Response>(document.to_string().as_bytes()).unwrap_err();
    let first = errors.iter().next().expect("a violation");
    assert!(first.to_string().contains("extra"), "{first}");
    // The response itself was not reached by the selector: a member it does not name is ignored.
    let mut document: serde_json::Value = serde_json::to_value(response(vec![record("0000012345")])).unwrap();
    document["extra"] = "x".into();
    assert!(json::from_slice::<if_i6_01_04_02::Response>(document.to_string().as_bytes()).is_ok());
}

#[test]
fn the_field_attribute_is_on_its_field() {
    let mut document: serde_json::Value = serde_json::to_value(response(Vec::new())).unwrap();
    let result = document.as_object_mut().unwrap().remove("result").unwrap();
    document["kekka"] = result;
    let read = json::from_slice::<if_i6_01_04_02::Response>(document.to_string().as_bytes()).unwrap();
    assert_eq!(read.result, "成功");
}

#[test]
fn the_crates_own_type_is_used_and_its_text_checked() {
    let good = response(vec![record("0000012345")]);
    assert_eq!(good.validate(), Ok(()));
    assert_eq!(good.body[0].care_insurer_number.masked(), "******2345");
    // JSON: written as the text, read back into the type.
    let text = serde_json::to_string(&good).unwrap();
    assert!(text.contains(r#""care_insurer_number":"0000012345""#), "{text}");
    let read = json::from_slice::<if_i6_01_04_02::Response>(text.as_bytes()).unwrap();
    assert_eq!(read.body[0].care_insurer_number, InsuredNumber::from("0000012345"));
    // The item's checks (半角数字, 10 固定長) run on the text it holds.
    let bad = response(vec![record("00000１2345")]);
    let found: Vec<_> = bad.validate().unwrap_err().iter().map(|e| e.pointer().to_owned()).collect();
    assert!(!found.is_empty() && found.iter().all(|p| p == "/body/0/care_insurer_number"), "{found:?}");
}

#[test]
fn the_crates_own_type_in_a_csv_record() {
    let record = upplan::Record { insured_number: "0000012345".into(), ..Default::default() };
    let mut writer = upplan::writer(Vec::new());
    writer.write(&record).unwrap();
    let bytes = writer.finish().unwrap();
    let mut read = 0;
    for row in upplan::reader(&bytes[..]) {
        let row = row.unwrap();
        let record = row.record().expect("the record has its columns");
        assert_eq!(record.insured_number.masked(), "******2345");
        // Every other item is empty, so the row has violations, but none about 被保険者番号.
        assert!(row.violations().iter().all(|v| v.item_name() != "被保険者番号"), "{:?}", row.violations());
        read += 1;
    }
    assert_eq!(read, 1);
    let record = upplan::Record { insured_number: "00000１2345".into(), ..Default::default() };
    let found: Vec<_> = record.validate().unwrap_err().iter().map(|e| e.pointer().to_owned()).collect();
    assert!(found.contains(&"/insured_number".to_owned()), "{found:?}");
}

fn generate(builder: &mut ltcip_codegen::Builder) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let specs = concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs");
    match builder.spec(specs).out_dir(dir.path()).cargo_output(false).generate() {
        Ok(_) => Ok(()),
        Err(ltcip_codegen::Error::Options(problems)) => Err(problems.join("\n")),
        Err(other) => panic!("not an options error: {other}"),
    }
}

#[test]
fn a_selector_that_reaches_nothing_stops_generation_naming_it() {
    let problems = generate(
        ltcip_codegen::Builder::new()
            .type_attribute("IF-I6-01-04-09 レスポンス", "#[derive(Eq)]")
            .field_attribute("IF-I6-01-04-02 レスポンス/body/no_such_key", "#[doc(hidden)]")
            .extern_type("*/nowhere", "crate::InsuredNumber")
            .layouts(["UPPLAN ファイル"])
            .type_attribute("IF-I6-01-04-02", "#[derive(Eq)]"),
    )
    .unwrap_err();
    for named in [
        "type_attribute \"IF-I6-01-04-09 レスポンス\" reaches nothing",
        "field_attribute \"IF-I6-01-04-02 レスポンス/body/no_such_key\" reaches nothing",
        "extern_type \"*/nowhere\" reaches nothing",
        // A layout not generated is nothing to reach.
        "type_attribute \"IF-I6-01-04-02\" reaches nothing",
    ] {
        assert!(problems.contains(named), "{named} in:\n{problems}");
    }
    assert_eq!(problems.lines().count(), 4, "{problems}");
}

#[test]
fn an_attribute_or_a_type_that_does_not_parse_stops_generation_naming_it() {
    let problems = generate(
        ltcip_codegen::Builder::new()
            .type_attribute("*", "derive(Eq)")
            .field_attribute("*", "#[serde(")
            .extern_type("*/body/care_insurer_number", "crate::<>Bad")
            .extern_type("IF-I6-01-04-02 レスポンス", "String")
            .layouts(["IF-I6-01-04-02 レスポンス/body"]),
    )
    .unwrap_err();
    for named in [
        "type_attribute \"*\": \"derive(Eq)\" is not an attribute",
        "field_attribute \"*\": \"#[serde(\" is not an attribute",
        "extern_type \"*/body/care_insurer_number\": \"crate::<>Bad\" is not a Rust type",
        "extern_type \"IF-I6-01-04-02 レスポンス\" names layouts",
        "layouts: \"IF-I6-01-04-02 レスポンス/body\" names items",
    ] {
        assert!(problems.contains(named), "{named} in:\n{problems}");
    }
    // A リスト has generated records: it cannot have the vendor's type.
    let problems =
        generate(ltcip_codegen::Builder::new().extern_type("IF-I6-01-04-02 レスポンス/body", "String")).unwrap_err();
    assert!(problems.contains("07 ボディ部 is a リスト"), "{problems}");
}
