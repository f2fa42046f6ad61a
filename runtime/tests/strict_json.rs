//! Strict where you send (issue 18 §5): an opt-in strict decode for the payloads a vendor sends, in
//! which a member the layout does not name and (if asked) an empty string for an optional item are
//! violations at their pointers; the typed and untyped checks agree under every option.

use ltcip_runtime::json::{self, Options, Policy};
use ltcip_runtime::serde::{Deserialize, Serialize};
use ltcip_runtime::{Layout, Mode, Validate, ValidationErrors};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
pub struct Request {
    #[ltcip(no = "01", name = "介護保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
    pub care_insure_provider_number: String,
    #[ltcip(no = "02", name = "介護保険被保険者番号", occurs = "0..1", data_type = "半角数字", digits = 10)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care_insurer_number: Option<String>,
    #[ltcip(
        no = "03",
        name = "確定時必須",
        occurs = "0..1",
        data_type = "半角文字",
        digits = 4,
        required(mode = "final")
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_only: Option<String>,
    #[ltcip(no = "04", name = "ボディ部", occurs = "0..1", data_type = "リスト")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Vec<Body>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
pub struct Body {
    #[ltcip(no = "05", name = "番号", data_type = "半角数字", digits = 2, length = "固定長")]
    pub number: String,
    #[ltcip(no = "06", name = "備考", occurs = "0..1", data_type = "全半角文字", digits = 10)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn pointers(errors: &ValidationErrors) -> Vec<(String, &'static str)> {
    errors.iter().map(|e| (e.pointer().to_owned(), e.rule().code())).collect()
}

/// The typed and the untyped check under `options`: they agree, to the byte.
fn both(document: &str, options: Options) -> Result<Request, ValidationErrors> {
    let typed = json::from_slice_with_options::<Request>(document.as_bytes(), options);
    let untyped = json::check_slice_with_options(Request::SHAPE, document.as_bytes(), options);
    assert_eq!(typed.as_ref().err(), untyped.as_ref().err(), "{options:?} {document}");
    typed
}

const SENT: &str = r#"{"care_insure_provider_number": "131001", "care_insurer_number": "", "final_only": "ok",
    "extra": 1, "body": [{"number": "01", "note": ""}, {"number": "02", "nmber": "03", "a/b~c": null}],
    "Care_insure_provider_number": "x"}"#;

#[test]
fn unknown_members_and_empty_optional_items_at_their_pointers() {
    // Lenient, the default: both are fine.
    assert!(both(SENT, Options::default()).is_ok());
    assert!(json::from_slice::<Request>(SENT.as_bytes()).is_ok());
    assert_eq!(json::check_slice(Request::SHAPE, SENT.as_bytes()), Ok(()));

    let strict = both(SENT, Options::strict()).expect_err("strict");
    assert_eq!(
        pointers(&strict),
        [
            ("/care_insurer_number".to_owned(), "empty"),
            ("/body/0/note".to_owned(), "empty"),
            ("/body/1/a~1b~0c".to_owned(), "structure"),
            ("/body/1/nmber".to_owned(), "structure"),
            ("/Care_insure_provider_number".to_owned(), "structure"),
            ("/extra".to_owned(), "structure"),
        ]
    );
    let unknown = Options { unknown_members: Policy::Deny, ..Options::default() };
    assert_eq!(pointers(&both(SENT, unknown).expect_err("unknown members")).len(), 4);
    let empty = Options { empty_optional: Policy::Deny, ..Options::default() };
    assert_eq!(
        pointers(&both(SENT, empty).expect_err("empty optional items")),
        [("/care_insurer_number".to_owned(), "empty"), ("/body/0/note".to_owned(), "empty")]
    );

    let error = strict.iter().find(|e| e.pointer() == "/body/1/nmber").expect("the typo");
    assert_eq!((error.item_no(), error.item_name()), ("", ""));
    assert_eq!(error.message_en(), "is a member \"nmber\" that the layout does not name");
    assert_eq!(error.message_ja(), "レイアウトにないメンバー「nmber」です");
    let error = &strict.iter().next().expect("one");
    assert_eq!((error.item_no(), error.item_name()), ("02", "介護保険被保険者番号"));
    assert_eq!(
        error.message_en(),
        "is an empty string; an optional item without a value is omitted (or null), not empty"
    );
    assert_eq!(
        error.message_ja(),
        "空文字列です（任意項目に値がないときは空文字列でなく、メンバーを省略するかnullにします）"
    );
}

#[test]
fn an_item_required_in_the_mode_is_required_not_empty() {
    let document = r#"{"care_insure_provider_number": "", "final_only": ""}"#;
    let strict = both(document, Options::strict()).expect_err("strict");
    assert_eq!(
        pointers(&strict),
        [("/care_insure_provider_number".to_owned(), "required"), ("/final_only".to_owned(), "required")]
    );
    // In 仮取込 the ○ item is optional: empty, it is `empty`.
    let draft = Options { mode: Mode::Draft, ..Options::strict() };
    assert_eq!(
        pointers(&both(document, draft).expect_err("draft")),
        [("/care_insure_provider_number".to_owned(), "required"), ("/final_only".to_owned(), "empty")]
    );
    // `null` and an absent member are how an optional item is left out.
    let left_out = r#"{"care_insure_provider_number": "131001", "care_insurer_number": null, "final_only": "ok"}"#;
    assert!(both(left_out, Options::strict()).is_ok());
}

/// Whatever the document, under every combination of options, `from_slice_with_options` and
/// `check_slice_with_options` give the same verdict; a strict one holds the lenient one's violations.
#[test]
fn typed_and_untyped_agree_under_every_option() {
    let documents = [
        SENT,
        r#"{"care_insure_provider_number": "131001"}"#,
        r#"{"care_insure_provider_number": 131001, "x": ""}"#,
        r#"{"care_insure_provider_number": "131001", "body": [{"number": "1", "note": ""}, ["01"], 5]}"#,
        r#"{"care_insure_provider_number": "131001", "care_insure_provider_number": "", "y": {"z": 1}}"#,
        r#"{"care_insure_provider_number": "131001", "body": null, "final_only": ""}"#,
        r#"{"care_insure_provider_number": "131001", "body": [{"number": "01"}], "extra": [}"#,
        r#"["131001"]"#,
        r#"{"care_insure_provider_number": "131001", "care_insurer_number": ["", ""]}"#,
        "",
    ];
    let policies = [Policy::Allow, Policy::Deny];
    for document in documents {
        let lenient = both(document, Options::default()).err().map(|e| pointers(&e)).unwrap_or_default();
        for mode in Mode::ALL {
            for unknown_members in policies {
                for empty_optional in policies {
                    let options = Options { mode, unknown_members, empty_optional };
                    let found = both(document, options).err().map(|e| pointers(&e)).unwrap_or_default();
                    if mode == Mode::Final {
                        assert!(lenient.iter().all(|v| found.contains(v)), "{options:?} {document}");
                    }
                }
            }
        }
    }
}
