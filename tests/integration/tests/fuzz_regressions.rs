//! Inputs on which the fuzz targets (`fuzz/`, run by `scripts/fuzz.sh`) found a payload or a CSV
//! file handled wrongly, each held to the behaviour the runtime documents. The inputs are inline.

use ltcip_generated::if_i6_01_04_02;
use ltcip_runtime::{ValidationErrors, json};

/// (pointer, rule code) per violation, in order.
fn verdict(errors: &ValidationErrors) -> Vec<(String, &'static str)> {
    errors.iter().map(|e| (e.pointer().to_owned(), e.rule().code())).collect()
}

/// `[[[…]]]`, `depth` arrays deep: well-formed JSON, deeper than serde_json's default limit of 128.
fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

/// Found by the `json` target: the verdict on a deeply nested member depended on whether typed
/// decoding failed for another reason (skipped members were not parsed, so depth did not count until
/// the document was read again as a `serde_json::Value`, which stops at 128 levels and hid every other
/// violation). Members no item names are now parsed like the rest, so the rule is the same wherever
/// the depth is: up to serde_json's limit of 128 levels a document is judged item by item, deeper it
/// is one `syntax` violation.
#[test]
fn depth_is_judged_the_same_wherever_it_is() {
    let shallow = format!(r#"{{"care_insure_provider_number": "131011", "x": {}}}"#, nested(100));
    assert!(json::from_str::<if_i6_01_04_02::Request>(&shallow).is_ok(), "unknown members are ignored");

    let missing = format!(r#"{{"x": {}}}"#, nested(100));
    let errors = json::from_str::<if_i6_01_04_02::Request>(&missing).unwrap_err();
    assert_eq!(verdict(&errors), [("/care_insure_provider_number".to_owned(), "required")], "{errors}");

    for document in [
        format!(r#"{{"care_insure_provider_number": "131011", "x": {}}}"#, nested(200)),
        format!(r#"{{"x": {}}}"#, nested(200)),
        format!(r#"{{"care_insure_provider_number": {}}}"#, nested(200)),
    ] {
        let errors = json::from_str::<if_i6_01_04_02::Request>(&document).unwrap_err();
        assert_eq!(verdict(&errors), [(String::new(), "syntax")], "{errors}");
    }
}

/// A value the layout names, nested but within the limit: a string is due, an array is there.
#[test]
fn a_nested_value_in_a_named_member_is_a_type_violation() {
    let document = format!(r#"{{"care_insure_provider_number": {}}}"#, nested(100));
    let errors = json::from_str::<if_i6_01_04_02::Request>(&document).unwrap_err();
    assert_eq!(verdict(&errors), [("/care_insure_provider_number".to_owned(), "type")], "{errors}");
}
