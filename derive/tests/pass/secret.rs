//! `secret` on `Secret` and `Option<Secret>`: the item is marked, and a violation never quotes it.
#![deny(warnings)]

use ltcip_runtime::serde::Deserialize;
use ltcip_runtime::{Layout, Secret, Validate};

#[derive(Debug, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
struct Headers {
    #[ltcip(no = "02", name = "自治体トークン", secret)]
    #[serde(rename = "Authorization")]
    authorization: Secret,
    #[ltcip(
        no = "03",
        name = "暗証番号",
        occurs = "0..1",
        secret,
        data_type = "半角数字",
        digits = 4,
        length = "固定長"
    )]
    pin: Option<Secret>,
}

fn main() {
    assert!(Headers::SHAPE.items.iter().all(|item| item.secret));
    assert_eq!(Headers::SHAPE.items[0].key, "Authorization");

    let headers = Headers { authorization: Secret::new("token"), pin: None };
    assert!(headers.validate().is_ok());

    let headers = Headers { authorization: Secret::new(""), pin: Some(Secret::new("12a45")) };
    let errors = headers.validate().unwrap_err();
    let got: Vec<(&str, &str, Option<&str>)> =
        errors.iter().map(|e| (e.pointer(), e.rule().code(), e.value())).collect();
    assert_eq!(got, [("/Authorization", "required", None), ("/pin", "chars", None), ("/pin", "length", None)]);
    assert!(!format!("{errors:?}").contains("12a45"));
    assert!(!format!("{headers:?}").contains("12a45"));
}
