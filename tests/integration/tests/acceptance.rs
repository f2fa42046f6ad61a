//! The issue's acceptance sentence, written out, and the promise that a credential is never printed.

use std::path::Path;

use ltcip_generated::{if_i6_01_04_01, if_i6_01_04_02};
use ltcip_runtime::{CharClass, Rule, Secret, Validate, ValidationErrors, json, serde_json};

fn response(provider_number: &str) -> if_i6_01_04_02::Response {
    let record = |provider: &str, insurer: &str, end: Option<&str>| if_i6_01_04_02::ResponseBody {
        care_insure_provider_number: provider.into(),
        care_insurer_number: insurer.into(),
        care_insurance_status: "1".into(),
        care_insurance_end_date: end.map(Into::into),
        care_insurance_end_cancel_date: None,
    };
    if_i6_01_04_02::Response {
        care_insure_provider_number: provider_number.into(),
        care_insurer_number: Some("0000012345".into()),
        result: "成功".into(),
        result_detail: None,
        file_if_id: "IFI601040".into(),
        record_num: "2".into(),
        body: vec![record("131011", "0000012345", None), record("131016", "1234567890", Some("2024-02-29"))],
    }
}

/// "A full-width digit in 介護保険者番号 of an IF-I6-01-04-02 response is reported at
/// `/care_insure_provider_number` while every valid shape of the seed is accepted."
#[test]
fn a_full_width_digit_in_the_insurer_number_of_an_if_i6_01_04_02_response_is_reported_at_care_insure_provider_number() {
    // The same response with half-width digits is valid, so the one violation below is the digits'.
    assert_eq!(response("123456").validate(), Ok(()));

    let bad = response("１２３４５６");
    let errors = bad.validate().expect_err("full-width digits must be rejected");
    assert_eq!(errors.len(), 1, "exactly one violation: {errors}");
    let error = errors.iter().next().expect("one violation");
    assert_eq!(error.pointer(), "/care_insure_provider_number");
    assert_eq!(error.rule().code(), "chars");
    assert_eq!(error.rule(), &Rule::Chars { class: CharClass::HalfDigits, found: '１', position: 1 });
    assert_eq!(error.item_no(), "01");
    assert_eq!(error.item_name(), "介護保険者番号");
    assert_eq!(error.value(), Some("１２３４５６"));
    assert!(error.message_ja().contains('１'), "{}", error.message_ja());
    assert!(error.message_en().contains('１'), "{}", error.message_en());

    // On the wire, the same verdict.
    let bytes = serde_json::to_vec(&bad).expect("serialises");
    assert_eq!(json::from_slice::<if_i6_01_04_02::Response>(&bytes), Err(errors));
}

/// The other half of the sentence: every valid golden of the -02 response is accepted (the golden
/// tests cover every layout; this keeps the sentence whole in one place).
#[test]
fn every_valid_shape_of_the_if_i6_01_04_02_response_is_accepted() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/IF-I6-01-04-02/response/valid");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("golden folder") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("golden file");
        if let Err(errors) = json::from_slice::<if_i6_01_04_02::Response>(&bytes) {
            panic!("{} rejected: {errors}", path.display());
        }
        seen += 1;
    }
    assert!(seen >= 10, "only {seen} valid shapes in {}", dir.display());
}

const TOKEN_BODY: &str = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMzEwMTEifQ.c2VjcmV0LXNpZ25hdHVyZQ";

/// Everything a log could get from a violation list.
fn printed(errors: &ValidationErrors) -> Vec<String> {
    let mut out = vec![errors.to_string(), format!("{errors:?}")];
    for error in errors {
        out.extend([
            error.to_string(),
            format!("{error:?}"),
            format!("{:?}", error.rule()),
            error.message_ja(),
            error.message_en(),
            error.value().unwrap_or_default().to_owned(),
        ]);
    }
    out
}

fn assert_never_shown(texts: &[String], fragments: &[&str]) {
    for text in texts {
        for fragment in fragments {
            assert!(!text.contains(fragment), "{fragment:?} shown in:\n{text}");
        }
    }
}

/// A bad 自治体トークン is reported, but neither it nor any character of it reaches `Debug`, `Display`,
/// the messages or `value()`.
#[test]
fn a_bad_authorization_value_is_never_printed() {
    // 🔑 has no MS932 form: the token breaks the repertoire rule, the one rule a token can break.
    let token = format!("Bearer {TOKEN_BODY}🔑");
    let headers = if_i6_01_04_02::RequestHeaders {
        content_type: "text/plain".into(),
        authorization: Secret::new(token.clone()),
        care_insure_provider_number: "131011".into(),
    };
    let errors = headers.validate().expect_err("two violations");
    let codes: Vec<_> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
    assert_eq!(codes, [("/Content-Type", "fixed"), ("/Authorization", "repertoire")]);
    let authorization = errors.iter().nth(1).expect("the Authorization violation");
    assert_eq!(authorization.item_name(), "自治体トークン");
    assert_eq!(authorization.value(), None);
    // The position is kept: it tells the vendor where to look in their own token.
    assert!(matches!(authorization.rule(), Rule::Repertoire { position, .. } if *position == token.chars().count()));
    // Hiding is per item: the Content-Type violation still quotes its value.
    assert_eq!(errors.iter().next().and_then(|e| e.value()), Some("text/plain"));

    let mut texts = printed(&errors);
    texts.push(format!("{headers:?}"));
    assert_never_shown(&texts, &[&token, TOKEN_BODY, "eyJ", "🔑", "1F511"]);
}

/// The same through JSON, where the token arrives as the wrong JSON type or twice, for both
/// interfaces' headers.
#[test]
fn a_bad_authorization_in_json_is_never_printed() {
    let cases = [
        (format!(r#"{{"Content-Type": "application/json", "Authorization": ["Bearer {TOKEN_BODY}"]}}"#), "type"),
        (r#"{"Content-Type": "application/json", "Authorization": 98765432109876543}"#.to_owned(), "type"),
        (format!(r#"{{"Authorization": {{"token": "{TOKEN_BODY}"}}, "Content-Type": "application/json"}}"#), "type"),
        (
            format!(
                r#"{{"Content-Type": "application/json", "Authorization": "Bearer {TOKEN_BODY}",
                    "Authorization": "Bearer {TOKEN_BODY}𠮷", "care_insure_provider_number": "131011"}}"#
            ),
            "structure",
        ),
    ];
    for (document, rule) in &cases {
        for errors in [
            json::from_str::<if_i6_01_04_01::RequestHeaders>(document).expect_err("rejected"),
            json::from_str::<if_i6_01_04_02::RequestHeaders>(document).expect_err("rejected"),
        ] {
            let authorization: Vec<_> = errors.iter().filter(|e| e.pointer() == "/Authorization").collect();
            assert_eq!(authorization.first().map(|e| e.rule().code()), Some(*rule), "{errors}");
            assert!(authorization.iter().all(|e| e.value().is_none()), "{errors}");
            assert_never_shown(&printed(&errors), &[TOKEN_BODY, "eyJ", "98765432109876543", "𠮷", "20BB7"]);
        }
    }
}

/// A valid header set does not print its token either (`Secret` prints `***`).
#[test]
fn valid_headers_do_not_print_the_token() {
    let document = format!(
        r#"{{"Content-Type": "application/json", "Authorization": "Bearer {TOKEN_BODY}",
            "care_insure_provider_number": "131011"}}"#
    );
    let headers = json::from_str::<if_i6_01_04_01::RequestHeaders>(&document).expect("valid");
    assert_eq!(headers.authorization.expose(), format!("Bearer {TOKEN_BODY}"));
    assert_never_shown(&[format!("{headers:?}"), format!("{headers:#?}")], &[TOKEN_BODY, "eyJ"]);
}
