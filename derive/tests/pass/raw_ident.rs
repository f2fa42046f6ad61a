//! Raw identifiers: the wire key is the name without `r#`, or the serde rename.
#![deny(warnings)]

use ltcip_runtime::serde::{Deserialize, Serialize};
use ltcip_runtime::{Layout, Validate, json};

#[derive(Debug, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
struct Request {
    #[ltcip(no = "01", name = "種別", data_type = "半角数字", digits = 1, codes("1", "2"))]
    r#type: String,
    #[ltcip(no = "02", name = "照合", data_type = "半角英数字")]
    #[serde(rename = "match")]
    r#match: String,
    #[ltcip(no = "03", name = "非同期", occurs = "0..1")]
    #[serde(rename = "async-mode", default, skip_serializing_if = "Option::is_none")]
    r#async: Option<String>,
}

fn main() {
    let keys: Vec<&str> = Request::SHAPE.items.iter().map(|item| item.key).collect();
    assert_eq!(keys, ["type", "match", "async-mode"]);

    let request: Request = json::from_str(r#"{"type": "1", "match": "abc"}"#).expect("valid");
    assert_eq!((request.r#type.as_str(), request.r#match.as_str(), request.r#async), ("1", "abc", None));

    let errors = json::from_str::<Request>(r#"{"type": "3", "match": "a-b", "async-mode": ""}"#).unwrap_err();
    let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
    assert_eq!(got, [("/type", "code"), ("/match", "chars")]);
}
