//! 必須 with modes and conditions, through every path that checks a record: a derived `validate`,
//! `json::from_slice`, `json::check_slice`, `json::check_value` and `json::stream`, which agree.

use ltcip_runtime::json::{self, stream};
use ltcip_runtime::serde::{Deserialize, Serialize};
use ltcip_runtime::{Layout, Mode, Validate, ValidationErrors};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
pub struct Response {
    #[ltcip(no = "01", name = "取得結果", codes("成功", "失敗"))]
    pub result: String,
    #[ltcip(no = "02", name = "備考", occurs = "0..1", required(mode = "final"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    #[ltcip(no = "03", name = "ボディ部", data_type = "リスト")]
    pub body: Vec<Record>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
pub struct Record {
    #[ltcip(no = "04", name = "施設／通所・居宅区分", codes("1", "2"))]
    pub facility_type: String,
    #[ltcip(no = "05", name = "経口摂取", occurs = "0..1", codes("0", "1", "2"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oral_intake: Option<String>,
    #[ltcip(
        no = "06",
        name = "栄養補給法",
        occurs = "0..1",
        required(when(facility_type = "1", oral_intake("1", "2")))
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nutrition: Option<String>,
    #[ltcip(no = "07", name = "身長", occurs = "0..1", data_type = "数値", digits = 3, decimals = 1, range = "0～300")]
    #[serde(rename = "Height", default, skip_serializing_if = "Option::is_none")]
    pub height: Option<String>,
    #[ltcip(
        no = "08",
        name = "体重",
        occurs = "0..1",
        data_type = "数値",
        digits = 3,
        decimals = 1,
        required(mode = "final", when(Height("100.0")))
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<String>,
}

fn found(errors: Result<(), ValidationErrors>) -> Vec<(String, &'static str)> {
    errors
        .err()
        .map_or_else(Vec::new, |errors| errors.iter().map(|e| (e.pointer().to_owned(), e.rule().code())).collect())
}

fn p(pointer: &str, code: &'static str) -> (String, &'static str) {
    (pointer.to_owned(), code)
}

/// Every path gives the same verdict on `document` in `mode`.
fn verdict(document: &str, mode: Mode) -> Vec<(String, &'static str)> {
    let typed = json::from_slice_with::<Response>(document.as_bytes(), mode).map(|_| ()).err();
    let untyped = json::check_slice_with(Response::SHAPE, document.as_bytes(), mode).err();
    assert_eq!(typed, untyped, "{document}");
    let value: ltcip_runtime::serde_json::Value = ltcip_runtime::serde_json::from_str(document).unwrap();
    let tree = if mode == Mode::Final { json::check_value(Response::SHAPE, &value).err() } else { untyped.clone() };
    assert_eq!(tree, untyped, "{document}");
    let streamed = stream::Validator::new(Response::SHAPE).mode(mode).validate(document.as_bytes()).unwrap();
    assert_eq!(Some(streamed.errors().clone()).filter(|e| !e.is_empty()), untyped, "{document}");
    found(untyped.map_or(Ok(()), Err))
}

#[test]
fn every_path_agrees_on_conditions_and_modes() {
    let document = r#"{"result": "成功", "body": [
        {"facility_type": "1", "oral_intake": "2"},
        {"facility_type": "1", "oral_intake": "0"},
        {"facility_type": "2", "oral_intake": "1"},
        {"facility_type": "1", "oral_intake": "1", "nutrition": ""},
        {"facility_type": "1", "oral_intake": "1", "nutrition": "経腸"},
        {"facility_type": "1", "Height": "100.0"},
        {"facility_type": "1", "Height": "100"},
        {"facility_type": "1", "Height": "1000.55"}
    ]}"#;
    assert_eq!(
        verdict(document, Mode::Final),
        [
            p("/remarks", "required"),
            p("/body/0/nutrition", "required"),
            p("/body/3/nutrition", "required"),
            p("/body/5/weight", "required"),
            p("/body/7/Height", "number"),
            p("/body/7/Height", "range"),
        ]
    );
    // In draft mode, the final-only requirements are off; the one for every mode stays.
    assert_eq!(
        verdict(document, Mode::Draft),
        [
            p("/body/0/nutrition", "required"),
            p("/body/3/nutrition", "required"),
            p("/body/7/Height", "number"),
            p("/body/7/Height", "range"),
        ]
    );
    // The old functions check in final mode.
    assert_eq!(
        json::from_slice::<Response>(document.as_bytes()).err(),
        json::from_slice_with::<Response>(document.as_bytes(), Mode::Final).err()
    );
    // A decoded value says the same.
    let response: Response = ltcip_runtime::serde_json::from_str(document).unwrap();
    assert_eq!(response.validate().err(), json::from_slice::<Response>(document.as_bytes()).err());
    assert_eq!(
        response.validate_with(Mode::Draft).err(),
        json::check_slice_with(Response::SHAPE, document.as_bytes(), Mode::Draft).err()
    );
}

#[test]
fn conditions_agree_when_typed_decoding_fails() {
    // A number where a string is due: typed decoding fails, and the explanation checks conditions
    // on what the document holds (a number 1 holds a clause on "1"; a number in the item itself is
    // not an absence).
    for document in [
        r#"{"result": "成功", "remarks": "x", "body": [{"facility_type": 1, "oral_intake": "2"}, {"facility_type": "1", "oral_intake": "2"}]}"#,
        r#"{"result": "成功", "remarks": "x", "body": [{"facility_type": "1", "oral_intake": "2", "nutrition": 5}]}"#,
        r#"{"result": "成功", "remarks": "x", "body": [{"facility_type": "1", "oral_intake": null}, {"oral_intake": "1"}]}"#,
    ] {
        for mode in Mode::ALL {
            verdict(document, mode);
        }
    }
    assert_eq!(
        verdict(
            r#"{"result": "成功", "remarks": "x", "body": [{"facility_type": 1, "oral_intake": "2"}, {"facility_type": "1", "oral_intake": "2", "nutrition": 5}]}"#,
            Mode::Final
        ),
        [p("/body/0/facility_type", "type"), p("/body/0/nutrition", "required"), p("/body/1/nutrition", "type"),]
    );
}
