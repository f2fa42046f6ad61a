//! `json::from_slice` on what serde alone gets wrong: layouts written as arrays, members given twice,
//! and credentials in violations.

use ltcip_runtime::serde::{Deserialize, Serialize};
use ltcip_runtime::{Layout, Rule, Secret, Validate, ValidationErrors, json};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
struct Response {
    #[ltcip(no = "01", name = "介護保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
    care_insure_provider_number: String,
    #[ltcip(no = "03", name = "取得結果", data_type = "全角文字", digits = 2, codes("成功", "失敗"))]
    result: String,
    #[ltcip(no = "07", name = "ボディ部", data_type = "リスト")]
    body: Vec<Record>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
struct Record {
    #[ltcip(no = "09", name = "介護保険被保険者番号", data_type = "半角数字", digits = 10, length = "固定長")]
    care_insurer_number: String,
    #[ltcip(no = "11", name = "利用停止日", occurs = "0..1", data_type = "半角文字", digits = 10, date = "YYYY-MM-DD")]
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
struct Headers {
    #[ltcip(no = "02", name = "自治体トークン", secret)]
    #[serde(rename = "Authorization")]
    authorization: Secret,
    #[ltcip(no = "09", name = "番号", secret, data_type = "半角数字", digits = 4)]
    pin: Secret,
}

fn verdict(errors: &ValidationErrors) -> Vec<(&str, &'static str)> {
    errors.iter().map(|e| (e.pointer(), e.rule().code())).collect()
}

fn untyped<T: Layout>(text: &str) -> Vec<(String, &'static str)> {
    let value = serde_json::from_str(text).expect("well-formed");
    match json::check_value(T::SHAPE, &value) {
        Ok(()) => Vec::new(),
        Err(errors) => errors.iter().map(|e| (e.pointer().to_owned(), e.rule().code())).collect(),
    }
}

#[test]
fn a_layout_written_as_an_array_is_a_type_violation() {
    // serde's derive would read these as the struct, field by field.
    let document = r#"["123456", "成功", []]"#;
    let errors = json::from_str::<Response>(document).expect_err("an array is not the layout");
    assert_eq!(verdict(&errors), [("", "type")]);
    assert_eq!(untyped::<Response>(document), [(String::new(), "type")]);

    let document = r#"{"care_insure_provider_number": "123456", "result": "成功",
                       "body": [{"care_insurer_number": "0000012345"}, ["0000012345", null]]}"#;
    let errors = json::from_str::<Response>(document).expect_err("a record is an object");
    assert_eq!(verdict(&errors), [("/body/1", "type")]);
    assert_eq!(untyped::<Response>(document), [("/body/1".to_owned(), "type")]);
}

#[test]
fn objects_still_decode_and_unknown_members_are_still_ignored() {
    let document = r#"{"care_insure_provider_number": "123456", "result": "成功", "extra": [1, {"a": [2]}],
                       "body": [{"care_insurer_number": "0000012345", "end_date": null, "note": "x"}]}"#;
    let response = json::from_str::<Response>(document).expect("valid");
    assert_eq!(response.body[0].end_date, None);
}

#[test]
fn a_member_given_twice_is_reported_with_every_other_violation() {
    let document = r#"{"care_insure_provider_number": "１２３４５６", "care_insure_provider_number": "123456",
                       "result": "OK", "body": [{"care_insurer_number": "1", "care_insurer_number": "2"}]}"#;
    let errors = json::from_str::<Response>(document).expect_err("rejected");
    assert_eq!(
        verdict(&errors),
        [
            ("/care_insure_provider_number", "structure"),
            ("/result", "code"),
            ("/body/0/care_insurer_number", "structure"),
            ("/body/0/care_insurer_number", "length"),
        ]
    );
    let first = errors.iter().next().expect("first");
    assert_eq!((first.item_no(), first.item_name()), ("01", "介護保険者番号"));
    assert!(first.message_en().contains("more than once"), "{}", first.message_en());
    // The untyped check sees the last values only: the same verdict without the duplicates.
    assert_eq!(
        untyped::<Response>(document),
        [("/result".to_owned(), "code"), ("/body/0/care_insurer_number".to_owned(), "length")]
    );
}

#[test]
fn a_duplicate_of_an_unknown_member_is_ignored_like_the_member() {
    let document = r#"{"care_insure_provider_number": "123456", "result": "成功", "body": [], "note": 1, "note": 2}"#;
    assert!(json::from_str::<Response>(document).is_ok());
}

#[test]
fn a_secret_value_leaves_no_character_in_a_violation() {
    let headers = Headers { authorization: Secret::new("tok𠮷en"), pin: Secret::new("12a4") };
    let errors = headers.validate().expect_err("two violations");
    assert_eq!(verdict(&errors), [("/Authorization", "repertoire"), ("/pin", "chars")]);
    let mut errors = errors.iter();
    let token = errors.next().expect("token");
    assert!(matches!(token.rule(), Rule::Repertoire { found: '\u{FFFD}', position: 4, .. }), "{:?}", token.rule());
    let pin = errors.next().expect("pin");
    assert!(matches!(pin.rule(), Rule::Chars { found: '\u{FFFD}', position: 3, .. }), "{:?}", pin.rule());
    for error in [token, pin] {
        assert_eq!(error.value(), None);
        for text in [error.to_string(), format!("{error:?}"), error.message_ja(), error.message_en()] {
            for fragment in ["𠮷", "20BB7", "'a'", "「a」", "U+0061", "tok", "12a4"] {
                assert!(!text.contains(fragment), "{fragment:?} in {text}");
            }
        }
        assert!(error.message_en().contains("secret"), "{}", error.message_en());
        assert!(error.message_ja().contains("秘匿"), "{}", error.message_ja());
    }
}

#[test]
fn a_non_secret_value_still_names_the_character() {
    let errors =
        json::from_str::<Response>(r#"{"care_insure_provider_number": "12345a", "result": "成功", "body": []}"#)
            .expect_err("rejected");
    let error = errors.iter().next().expect("one");
    assert_eq!(error.rule(), &Rule::Chars { class: ltcip_runtime::CharClass::HalfDigits, found: 'a', position: 6 });
    assert!(error.message_en().contains("'a'"), "{}", error.message_en());
}

mod headers {
    use ltcip_runtime::serde::{Deserialize, Serialize};
    use ltcip_runtime::{Secret, Validate};

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
    #[serde(crate = "ltcip_runtime::serde")]
    struct RequestHeaders {
        #[ltcip(no = "01", name = "コンテンツタイプ", fixed = "application/json")]
        #[serde(rename = "Content-Type")]
        content_type: String,
        #[ltcip(no = "02", name = "自治体トークン", secret)]
        #[serde(rename = "Authorization")]
        authorization: Secret,
    }

    #[test]
    fn names_match_without_regard_to_case() {
        let pairs = [("content-type", "application/json"), ("AUTHORIZATION", "tok"), ("x-request-id", "1")];
        let headers: RequestHeaders = ltcip_runtime::headers::from_pairs(pairs).expect("valid headers");
        assert_eq!(headers.authorization.expose(), "tok");
        assert_eq!(
            ltcip_runtime::headers::to_pairs(&headers),
            [("Content-Type", "application/json".to_owned()), ("Authorization", "tok".to_owned())]
        );
    }

    #[test]
    fn every_violation_and_repeats_are_reported() {
        let pairs = [("Content-Type", "text/plain"), ("content-type", "application/json")];
        let errors = ltcip_runtime::headers::from_pairs::<RequestHeaders>(pairs).unwrap_err();
        let found: Vec<_> = errors.iter().map(|e| (e.pointer().to_owned(), e.rule().code())).collect();
        assert_eq!(
            found,
            [("/Content-Type".to_owned(), "structure"), ("/Authorization".to_owned(), "required")],
            "{errors}"
        );
    }
}
