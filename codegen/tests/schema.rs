//! `ltcip_codegen::schema` and `ltcip-codegen schema`: the JSON Schemas of the JSON layouts.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ltcip_codegen::model::{CharClass, DataType, DateFormat, Direction, Layout, Occurs, Repertoire, Rules};
use ltcip_codegen::model::{SectionKind, Spec, WireFormat};
use ltcip_codegen::schema::{self, SchemaFile};
use ltcip_runtime::{Kind, Pointer, Text, ValidationErrors};
use serde_json::{Value, json};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn spec() -> Spec {
    let (spec, diagnostics) = ltcip_codegen::load(&[repo().join("specs")]);
    assert!(!diagnostics.has_errors(), "specs/ has errors:\n{diagnostics}");
    spec
}

fn layout(spec: &Spec, if_id: &str, direction: Direction) -> Layout {
    spec.interfaces
        .iter()
        .flat_map(|i| &i.layouts)
        .find(|l| l.interface_id == if_id && l.direction == direction)
        .unwrap_or_else(|| panic!("no layout {if_id} {direction}"))
        .clone()
}

fn file(files: &[SchemaFile], name: &str) -> Value {
    files.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no {name}")).schema.clone()
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::new(schema).unwrap_or_else(|e| panic!("the schema does not compile: {e}"))
}

const NAMES: [&str; 6] = [
    "IF-I6-01-04-01_request.schema.json",
    "IF-I6-01-04-01_request_headers.schema.json",
    "IF-I6-01-04-01_response.schema.json",
    "IF-I6-01-04-02_request.schema.json",
    "IF-I6-01-04-02_request_headers.schema.json",
    "IF-I6-01-04-02_response.schema.json",
];

#[test]
fn one_schema_per_body_and_per_set_of_headers() {
    let files = schema::files(&spec());
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, NAMES);
    for file in &files {
        assert_eq!(file.schema["$schema"], "https://json-schema.org/draft/2020-12/schema", "{}", file.name);
        jsonschema::meta::validate(&file.schema)
            .unwrap_or_else(|e| panic!("{} is not a valid draft 2020-12 schema: {e}", file.name));
        validator(&file.schema);
    }
}

#[test]
fn if_i6_01_04_01_request() {
    let files = schema::files(&spec());
    let s = file(&files, "IF-I6-01-04-01_request.schema.json");
    assert_eq!(s["title"], "IF-I6-01-04-01 介護被保険者証利用情報（KHS）の取得要求（ファイル連携） リクエスト ボディ");
    assert_eq!(s["x-ltcip-if-id"], "IF-I6-01-04-01");
    assert_eq!(s["x-ltcip-direction"], "request");
    assert_eq!(s["type"], "object");
    assert_eq!(s["required"], json!(["care_insure_provider_number"]));
    assert_eq!(s["additionalProperties"], true, "the runtime ignores members the layout does not name");
    let number = &s["properties"]["care_insure_provider_number"];
    assert_eq!(number["title"], "介護保険者番号");
    assert_eq!(number["description"], "介護被保険者証利用情報取得要求受信時、取得対象となる介護保険者番号を設定する。");
    assert_eq!(number["x-ltcip-item-no"], "01");
    assert_eq!(number["x-ltcip-data-type"], "半角数字");
    assert_eq!(number["type"], "string");
    assert_eq!(number["pattern"], "^[0-9]*$");
    assert_eq!((&number["minLength"], &number["maxLength"]), (&json!(6), &json!(6)), "固定長 6");
    assert!(s.get("$defs").is_none(), "no item needs the MS932 repertoire");
    let v = validator(&s);
    assert!(v.is_valid(&json!({"care_insure_provider_number": "012345", "extra": 1})));
    assert!(!v.is_valid(&json!({"care_insure_provider_number": "１２３４５６"})));
    assert!(!v.is_valid(&json!({"care_insure_provider_number": ""})), "empty is absent");
    assert!(!v.is_valid(&json!({"care_insure_provider_number": null})), "null is absent");
    assert!(!v.is_valid(&json!({"care_insure_provider_number": 12345})));
}

#[test]
fn if_i6_01_04_01_response() {
    let files = schema::files(&spec());
    let s = file(&files, "IF-I6-01-04-01_response.schema.json");
    assert_eq!(s["required"], json!(["care_insure_provider_number", "result"]));
    let result = &s["properties"]["result"];
    assert_eq!(result["title"], "取得結果");
    assert_eq!(result["enum"], json!(["成功", "失敗"]));
    assert!(result.get("maxLength").is_none(), "a code list says every value: class and length add nothing");
    // Optional: null and "" are absent, anything else keeps the rules.
    let detail = &s["properties"]["result_detail"];
    assert_eq!(detail["x-ltcip-data-type"], "全半角文字");
    assert_eq!(detail["anyOf"][0], json!({"enum": [null, ""]}));
    let rules = &detail["anyOf"][1];
    assert_eq!(rules["maxLength"], 150);
    assert_eq!(rules["$ref"], "#/$defs/ms932");
    assert!(s["$defs"]["ms932"]["pattern"].as_str().is_some_and(|p| p.len() > 10_000));
    // The override from specs/overrides.toml: 半角英数字 → 半角文字, with its reason.
    let url = &s["properties"]["presigned_url"];
    assert_eq!(url["x-ltcip-data-type"], "半角文字");
    assert_eq!(url["anyOf"][1]["pattern"], "^[\\u0020-\\u007E\\uFF61-\\uFF9F]*$");
    assert!(
        url["$comment"].as_str().is_some_and(|c| c.contains("overrides.toml") && c.contains("半角英数字 → 半角文字"))
    );
    let v = validator(&s);
    let ok =
        json!({"care_insure_provider_number": "123456", "result": "成功", "result_detail": null, "presigned_url": ""});
    assert!(v.is_valid(&ok));
    for (member, value) in [
        ("result", json!("ＯＫ")),
        ("result_detail", json!("〜")),
        ("result_detail", json!("a\tb")),
        ("result_detail", json!("😀")),
        ("presigned_url", json!("https://x/\u{3042}")),
        ("presigned_url", json!("h".repeat(201))),
    ] {
        let mut bad = ok.clone();
        bad[member] = value.clone();
        assert!(!v.is_valid(&bad), "{member} = {value} accepted");
    }
    let mut fine = ok.clone();
    fine["result_detail"] = json!("エラー①㈱髙\r\n詳細");
    assert!(v.is_valid(&fine), "MS932 extensions and line breaks are 全半角文字");
}

#[test]
fn if_i6_01_04_02_request() {
    let files = schema::files(&spec());
    let s = file(&files, "IF-I6-01-04-02_request.schema.json");
    assert_eq!(s["required"], json!(["care_insure_provider_number"]));
    let insurer = &s["properties"]["care_insurer_number"];
    assert_eq!(insurer["title"], "介護保険被保険者番号");
    assert_eq!(insurer["x-ltcip-item-no"], "02");
    assert_eq!(insurer["anyOf"][1]["pattern"], "^[0-9]*$");
    assert_eq!(insurer["anyOf"][1]["minLength"], 10);
    let v = validator(&s);
    assert!(v.is_valid(&json!({"care_insure_provider_number": "123456"})));
    assert!(v.is_valid(&json!({"care_insure_provider_number": "123456", "care_insurer_number": ""})));
    assert!(!v.is_valid(&json!({"care_insure_provider_number": "123456", "care_insurer_number": "H123456789"})));
}

#[test]
fn if_i6_01_04_02_response() {
    let files = schema::files(&spec());
    let s = file(&files, "IF-I6-01-04-02_response.schema.json");
    assert_eq!(s["required"], json!(["care_insure_provider_number", "result", "file_if_id", "record_num", "body"]));
    let properties: Vec<&String> = s["properties"].as_object().expect("properties").keys().collect();
    assert_eq!(properties.len(), 7);
    assert_eq!(s["properties"]["result"]["enum"], json!(["成功", "失敗"]));
    assert_eq!(s["properties"]["file_if_id"]["pattern"], "^[0-9A-Za-z]*$");
    assert_eq!(s["properties"]["record_num"]["minLength"], 1, "required: empty is absent");
    assert_eq!(s["properties"]["record_num"]["maxLength"], 7, "可変長 7");
    let body = &s["properties"]["body"];
    assert_eq!(body["title"], "ボディ部");
    assert_eq!(body["x-ltcip-data-type"], "リスト");
    assert_eq!(body["type"], "array");
    assert!(body.get("minItems").is_none() && body.get("maxItems").is_none(), "records are not bounded");
    let record = &body["items"];
    assert_eq!(record["type"], "object");
    assert_eq!(
        record["required"],
        json!(["care_insure_provider_number", "care_insurer_number", "care_insurance_status"])
    );
    let end = &record["properties"]["care_insurance_end_date"];
    assert_eq!(end["x-ltcip-item-no"], "11");
    assert_eq!(end["anyOf"][1]["format"], "date");
    assert_eq!(end["anyOf"][1]["pattern"], schema::date_pattern(DateFormat::YyyyMmDdHyphen).unwrap());
    let v = validator(&s);
    let record = |end: &str| json!({"care_insure_provider_number": "123456", "care_insurer_number": "0123456789", "care_insurance_status": "1", "care_insurance_end_date": end});
    let doc = |records: Value| json!({"care_insure_provider_number": "123456", "result": "成功", "file_if_id": "IFI601040", "record_num": "2", "body": records});
    assert!(v.is_valid(&doc(json!([]))));
    assert!(v.is_valid(&doc(json!([record("2024-02-29"), record("")]))));
    assert!(!v.is_valid(&doc(json!([record("2025-02-29")]))), "not a calendar date");
    assert!(!v.is_valid(&doc(json!([record("2025/02/28")]))));
    assert!(!v.is_valid(&doc(json!({}))));
    assert!(!v.is_valid(&doc(json!([{}]))));
    assert!(!v.is_valid(&doc(json!(null))));
}

#[test]
fn headers_are_a_json_object_keyed_by_header_name() {
    let files = schema::files(&spec());
    let s = file(&files, "IF-I6-01-04-02_request_headers.schema.json");
    assert_eq!(s["x-ltcip-section"], "headers");
    assert_eq!(s["required"], json!(["Content-Type", "Authorization", "care_insure_provider_number"]));
    assert_eq!(s["properties"]["Content-Type"]["const"], "application/json");
    assert_eq!(s["properties"]["Authorization"]["x-ltcip-secret"], true);
    assert_eq!(s["properties"]["Authorization"]["$ref"], "#/$defs/ms932", "no データ型: only the repertoire");
    assert!(s["$comment"].as_str().is_some_and(|c| c.contains("case-insensitively")));
    let v = validator(&s);
    let ok = json!({"Content-Type": "application/json", "Authorization": "Bearer x", "care_insure_provider_number": "123456"});
    assert!(v.is_valid(&ok));
    let mut bad = ok.clone();
    bad["Content-Type"] = json!("application/json; charset=UTF-8");
    assert!(!v.is_valid(&bad));
}

#[test]
fn the_same_spec_gives_the_same_bytes() {
    let first: Vec<(String, String)> = schema::files(&spec()).iter().map(|f| (f.name.clone(), f.text())).collect();
    let second: Vec<(String, String)> = schema::files(&spec()).iter().map(|f| (f.name.clone(), f.text())).collect();
    assert_eq!(first, second);
    for (name, text) in &first {
        assert!(text.ends_with("}\n") && !text.ends_with("\n\n"), "{name} ends with one newline");
        assert!(!text.contains('\r'), "{name}");
        // The bytes depend on the content only, not on the order a map happens to keep.
        let reparsed: Value = serde_json::from_str(text).expect("JSON");
        assert_eq!(&schema::to_pretty(&reparsed), text, "{name}");
    }
    // Keywords in a fixed order, properties in the spec's (項番) order.
    let (_, response) = first.iter().find(|(n, _)| n == "IF-I6-01-04-02_response.schema.json").expect("response");
    let at = |needle: &str| response.find(needle).unwrap_or_else(|| panic!("{needle} not in the text"));
    assert!(at("\"$schema\"") < at("\"title\"") && at("\"title\"") < at("\"properties\""));
    assert!(at("\"result\": {") < at("\"file_if_id\": {") && at("\"file_if_id\": {") < at("\"body\": {"));
    // The bundle printed without --out: one object keyed by file name.
    let files = schema::files(&spec());
    let bundle: Value = serde_json::from_str(&schema::bundle(&files)).expect("JSON");
    let keys: Vec<&String> = bundle.as_object().expect("object").keys().collect();
    assert_eq!(keys, NAMES);
}

#[test]
fn csv_layouts_get_no_schema() {
    let mut spec = spec();
    let interface = spec.interfaces.iter_mut().find(|i| i.id == "IF-I6-01-04-01").expect("interface");
    for layout in &mut interface.layouts {
        layout.format = WireFormat::Csv;
    }
    let csv = &spec.interfaces.iter().find(|i| i.id == "IF-I6-01-04-01").expect("interface");
    for layout in &csv.layouts {
        assert_eq!(schema::layout_schema(csv, layout), None);
        assert_eq!(schema::headers_schema(csv, layout), None);
    }
    let names: Vec<String> = schema::files(&spec).into_iter().map(|f| f.name).collect();
    assert_eq!(names, NAMES[3..]);
}

#[test]
fn layout_schema_is_the_body_and_headers_schema_the_headers() {
    let spec = spec();
    let interface = spec.interfaces.iter().find(|i| i.id == "IF-I6-01-04-02").expect("interface");
    let request = layout(&spec, "IF-I6-01-04-02", Direction::Request);
    let response = layout(&spec, "IF-I6-01-04-02", Direction::Response);
    let files = schema::files(&spec);
    assert_eq!(schema::layout_schema(interface, &request), Some(file(&files, "IF-I6-01-04-02_request.schema.json")));
    assert_eq!(
        schema::headers_schema(interface, &request),
        Some(file(&files, "IF-I6-01-04-02_request_headers.schema.json"))
    );
    assert_eq!(schema::headers_schema(interface, &response), None);
    assert_eq!(schema::file_name(&request, SectionKind::Headers), "IF-I6-01-04-02_request_headers.schema.json");
}

/// A one-item body layout (member `v`) made from the response of IF-I6-01-04-02, for rules the
/// workbook does not exercise.
fn one_item(spec: &Spec, edit: impl FnOnce(&mut ltcip_codegen::model::Item), repertoire: Repertoire) -> Value {
    let interface = spec.interfaces.iter().find(|i| i.id == "IF-I6-01-04-02").expect("interface");
    let mut layout = layout(spec, "IF-I6-01-04-02", Direction::Response);
    layout.repertoire = repertoire;
    let body = layout.sections.iter_mut().find(|s| s.kind == SectionKind::Body).expect("body");
    let mut item = body.items[0].clone();
    item.key = Some("v".into());
    item.occurs = Occurs::REQUIRED;
    item.data_type = None;
    item.length = None;
    item.rules = Rules::default();
    item.overrides.clear();
    item.children.clear();
    edit(&mut item);
    body.items = vec![item];
    schema::layout_schema(interface, &layout).expect("a JSON layout")
}

/// The runtime's verdict on one text value of a required item.
fn runtime_accepts(text: Text<'_>, value: &str) -> bool {
    let item = ltcip_runtime::Item::new("01", "v", "v", ltcip_runtime::Occurs::REQUIRED, Kind::Text(text));
    let mut errors = ValidationErrors::new();
    item.check_text(value, &Pointer::Root.key("v"), &mut errors);
    errors.is_empty()
}

/// For every class (and none), every character of the Basic Multilingual Plane and a few beyond: the
/// schema admits a one-character value exactly when the runtime does (class and MS932 repertoire).
#[test]
fn classes_and_the_ms932_repertoire_agree_with_the_runtime_on_every_character() {
    let spec = spec();
    let beyond = ['𠮷', '😀', '\u{10FFFF}', '\u{20B9F}'];
    let chars: Vec<char> = (0..=0xFFFF_u32).filter_map(char::from_u32).chain(beyond).collect();
    for class in CharClass::ALL.map(Some).into_iter().chain([None]) {
        let s = one_item(&spec, |item| item.data_type = class.map(DataType::Text), Repertoire::Ms932);
        let v = validator(&s);
        let text = match class {
            Some(class) => Text::new().chars(class),
            None => Text::new(),
        };
        let mut differ = Vec::new();
        for &c in &chars {
            let value = c.to_string();
            if v.is_valid(&json!({ "v": value })) != runtime_accepts(text, &value) {
                differ.push(format!("U+{:04X}", u32::from(c)));
            }
        }
        assert!(
            differ.is_empty(),
            "{class:?}: {} characters differ: {:?}",
            differ.len(),
            &differ[..differ.len().min(20)]
        );
        for value in ["12", "ab12", "ｶﾅ ｶﾅ", "全角　文字", "混在 ｶﾅ\r\n全角", "a\u{0}b", "①〜"]
        {
            let schema_says = v.is_valid(&json!({ "v": value }));
            assert_eq!(schema_says, runtime_accepts(text, value), "{class:?} {value:?}");
        }
    }
}

#[test]
fn a_jis_x_0213_layout_keeps_its_classes_and_says_the_repertoire_is_not_checked() {
    let spec = spec();
    let s = one_item(&spec, |item| item.data_type = Some(DataType::Text(CharClass::Full)), Repertoire::JisX0213);
    assert!(s.get("$defs").is_none());
    assert!(s["$comment"].as_str().is_some_and(|c| c.contains("JIS X 0213")), "{}", s["$comment"]);
    let v = validator(&s);
    assert!(v.is_valid(&json!({"v": "〜𠀋"})));
    assert!(!v.is_valid(&json!({"v": "ｶﾅ"})));
}

/// Every format, against `DateFormat::is_valid`: every hour and minute, and for dates every month and day
/// of the years around the leap-year rules.
#[test]
fn date_patterns_admit_exactly_the_calendar() {
    let years: Vec<u32> =
        (0..=12).chain(96..=104).chain(396..=404).chain(1896..=1904).chain(1996..=2104).chain(9996..=9999).collect();
    for format in DateFormat::ALL {
        let pattern = schema::date_pattern(format).unwrap_or_else(|| panic!("{format} has no pattern"));
        let v = validator(&json!({"type": "string", "pattern": pattern}));
        let mut values: Vec<String> = Vec::new();
        let pattern_text = format.pattern();
        if pattern_text.contains("YYYY") {
            for &y in &years {
                for m in 0..=13 {
                    for d in 0..=32 {
                        values.push(fill(pattern_text, y, m, d, (23, 59, 59)));
                    }
                }
            }
        }
        if pattern_text.contains("HH") {
            for h in 0..=25 {
                for m in 0..=61 {
                    values.push(fill(pattern_text, 2024, 2, 29, (h, m, m)));
                }
            }
        }
        if pattern_text == "mm" {
            // Minutes alone (LIFE 書式 mm).
            values.extend((0..=61).map(|m| format!("{m:02}")).chain(["7".to_owned(), "007".to_owned()]));
        }
        values.extend(
            ["", "2024-02-29 ", " 2024-02-29", "２０２４-02-29", "2024-2-29", "0000", "abcd"].map(String::from),
        );
        let mut accepted = 0;
        for value in &values {
            let valid = format.is_valid(value);
            assert_eq!(v.is_valid(&json!(value)), valid, "{format} {value:?}");
            accepted += usize::from(valid);
        }
        assert!(accepted > 0 && accepted < values.len(), "{format}: {accepted} of {} accepted", values.len());
    }
}

/// Writes a date in the spec's notation (`YYYY-MM-DD`, `HHMM`, ...): `MM` is the month, or the minute
/// after `HH`.
fn fill(pattern: &str, year: u32, month: u32, day: u32, (hour, minute, second): (u32, u32, u32)) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    let mut time = false;
    while !rest.is_empty() {
        let (text, width) = if rest.starts_with("YYYY") {
            (format!("{year:04}"), 4)
        } else if rest.starts_with("MM") {
            (format!("{:02}", if time { minute } else { month }), 2)
        } else if rest.starts_with("DD") {
            (format!("{day:02}"), 2)
        } else if rest.starts_with("HH") {
            time = true;
            (format!("{hour:02}"), 2)
        } else if rest.starts_with("SS") {
            (format!("{second:02}"), 2)
        } else {
            (rest[..1].to_owned(), 1)
        };
        out.push_str(&text);
        rest = &rest[width..];
    }
    out
}

#[test]
fn model_patterns_and_extra_values_are_kept() {
    let spec = spec();
    let s = one_item(
        &spec,
        |item| {
            item.data_type = Some(DataType::Text(CharClass::Half));
            item.rules.pattern = Some("[0-9]{3}-[0-9]{4}".into());
            item.rules.also = vec!["9999".into()];
        },
        Repertoire::Ms932,
    );
    let v = &s["properties"]["v"];
    assert_eq!(v["anyOf"][0], json!({"enum": ["9999"]}));
    assert_eq!(v["anyOf"][1]["allOf"], json!([{"pattern": "^(?:[0-9]{3}-[0-9]{4})$"}]));
    let v = validator(&s);
    assert!(v.is_valid(&json!({"v": "123-4567"})));
    assert!(v.is_valid(&json!({"v": "9999"})));
    assert!(!v.is_valid(&json!({"v": "1234567"})));
    assert!(!v.is_valid(&json!({"v": ""})));
}

#[test]
fn repeated_text_items_are_arrays_bounded_by_occurs() {
    let spec = spec();
    let s = one_item(
        &spec,
        |item| {
            item.data_type = Some(DataType::Text(CharClass::HalfDigits));
            item.occurs = Occurs { min: 1, max: Some(3) };
        },
        Repertoire::Ms932,
    );
    let v = &s["properties"]["v"];
    assert_eq!((&v["type"], &v["minItems"], &v["maxItems"]), (&json!("array"), &json!(1), &json!(3)));
    let v = validator(&s);
    assert!(v.is_valid(&json!({"v": ["1", "2"]})));
    assert!(!v.is_valid(&json!({"v": []})));
    assert!(!v.is_valid(&json!({"v": ["1", "2", "3", "4"]})));
    assert!(!v.is_valid(&json!({"v": ["1", ""]})), "an empty element of a required item is absent");
    assert!(!v.is_valid(&json!({"v": "1"})));
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ltcip-codegen")).args(args).current_dir(dir).output().expect("the CLI runs")
}

#[test]
fn the_command_writes_one_file_per_schema_and_rewrites_none_unchanged() {
    let out = tempfile::tempdir().expect("a temp dir");
    let out_arg = out.path().to_str().expect("UTF-8 path");
    let first = run(&repo(), &["schema", "--out", out_arg]);
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(first.status.success(), "{stdout}{}", String::from_utf8_lossy(&first.stderr));
    assert!(stdout.contains("6 schemas: 6 written, 0 unchanged"), "{stdout}");
    for file in schema::files(&spec()) {
        let written = std::fs::read_to_string(out.path().join(&file.name)).expect("written");
        assert_eq!(written, file.text(), "{}", file.name);
    }
    let again = run(&repo(), &["schema", "--out", out_arg]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("6 schemas: 0 written, 6 unchanged"));
}

#[test]
fn without_out_the_command_prints_one_object_keyed_by_file_name() {
    let output = run(&repo(), &["schema", "--spec", "specs"]);
    assert!(output.status.success());
    let printed = String::from_utf8(output.stdout).expect("UTF-8");
    assert_eq!(printed, schema::bundle(&schema::files(&spec())));
}

#[test]
fn a_spec_with_errors_exits_with_status_1_and_its_diagnostics() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::copy(repo().join("specs/besshi13.xlsx"), dir.path().join("besshi13.xlsx")).expect("copy");
    let stale =
        "[[item]]\nlayout = \"IF-I6-01-04-01 レスポンス\"\npath = \"no_such_member\"\ndigits = 3\nreason = \"stale\"\n";
    std::fs::write(dir.path().join("overrides.toml"), stale).expect("write");
    let out = dir.path().join("out");
    let output = run(dir.path(), &["schema", "--spec", ".", "--out", out.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("error") && stderr.contains("no_such_member"), "{stderr}");
    assert!(!out.exists(), "nothing is written from a spec with errors");
}
