//! The generated types work in a crate that depends on `ltcip-runtime` alone.

use ltcip_consumer_example::if_i6_01_04_02::{Response, ResponseBody};
use ltcip_runtime::Validate;

#[test]
fn build_rs_types_validate() {
    let mut response = Response {
        care_insure_provider_number: "131016".into(),
        care_insurer_number: None,
        result: "成功".into(),
        result_detail: None,
        file_if_id: "IFI601040".into(),
        record_num: "1".into(),
        body: vec![ResponseBody {
            care_insure_provider_number: "131016".into(),
            care_insurer_number: "0000012345".into(),
            care_insurance_status: "1".into(),
            care_insurance_end_date: Some("2026-04-01".into()),
            care_insurance_end_cancel_date: None,
        }],
    };
    assert_eq!(response.validate(), Ok(()));
    response.care_insure_provider_number = "13101６".into();
    let errors = response.validate().unwrap_err();
    let found: Vec<_> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
    assert_eq!(found, [("/care_insure_provider_number", "chars")]);
}

#[test]
fn build_rs_output_matches_the_checked_in_crate() {
    // Both come from the same workbooks through the same emitter; the consumer's file holds the same
    // modules inline. Compare one struct's declaration line by line.
    let generated = include_str!(concat!(env!("OUT_DIR"), "/ltcip_generated.rs"));
    let checked_in = include_str!("../../../generated/src/if_i6_01_04_02.rs");
    let start = checked_in.find("pub struct ResponseBody").expect("the checked-in crate has ResponseBody");
    let body: Vec<&str> = checked_in[start..].lines().take(10).collect();
    let start = generated.find("pub struct ResponseBody").expect("build.rs output has ResponseBody");
    let inline: Vec<&str> = generated[start..].lines().take(10).map(|l| l.strip_prefix("    ").unwrap_or(l)).collect();
    assert_eq!(body, inline);
}
