//! The 自治体トークン (`Authorization`), and every item held in `ltcip_runtime::Secret`, never shows up
//! in anything a log could get: `Debug`, `Display`, `{:#?}` of the headers struct, a violation's
//! messages, `value()`, rule, and the `Display`/`Debug` of the violation and of the whole list.
//!
//! Each test uses a distinctive token and looks for it, and for its pieces, in every text produced.

use ltcip_generated::{if_i6_01_04_01, if_i6_01_04_02};
use ltcip_runtime::serde::de::DeserializeOwned;
use ltcip_runtime::{Layout, Rule, Secret, Validate, ValidationErrors, headers, json, serde_json};

/// The token of these tests. Its pieces are looked for too, so that a message that quotes part of it
/// (a prefix, a cut) is caught.
const TOKEN: &str = "tok-SECRET-1234567890";
const PIECES: &[&str] = &[TOKEN, "tok-SECRET", "SECRET", "1234567890", "tok-"];

/// The same token made invalid: 𠮷 (U+20BB7) has no MS932 form, the one rule a token can break (the
/// spec gives 自治体トークン no データ型 or 桁数).
fn bad_token() -> String {
    format!("{TOKEN}𠮷")
}

/// The pieces of the bad token: the good pieces, the offending character and its code point.
fn bad_pieces() -> Vec<&'static str> {
    let mut pieces = PIECES.to_vec();
    pieces.extend(["𠮷", "20BB7", "20bb7", "134071"]);
    pieces
}

/// Every text a log could get from a violation list.
fn printed(errors: &ValidationErrors) -> Vec<String> {
    let mut out = vec![errors.to_string(), format!("{errors:?}"), format!("{errors:#?}")];
    for error in errors {
        out.extend([
            error.to_string(),
            format!("{error:?}"),
            format!("{error:#?}"),
            format!("{:?}", error.rule()),
            error.message_ja(),
            error.message_en(),
            error.pointer().to_owned(),
            error.item_no().to_owned(),
            error.item_name().to_owned(),
            error.value().unwrap_or_default().to_owned(),
        ]);
    }
    out
}

fn assert_never_shown(what: &str, texts: &[String], pieces: &[&str]) {
    for text in texts {
        for piece in pieces {
            assert!(!text.contains(piece), "{what}: {piece:?} is shown in:\n{text}");
        }
    }
}

/// The violations at `/Authorization`, which must exist.
fn at_authorization(errors: &ValidationErrors) -> Vec<&ltcip_runtime::ValidationError> {
    let found: Vec<_> = errors.iter().filter(|e| e.pointer() == "/Authorization").collect();
    assert!(!found.is_empty(), "no violation at /Authorization in {errors}");
    found
}

fn headers_01(token: &str) -> if_i6_01_04_01::RequestHeaders {
    if_i6_01_04_01::RequestHeaders {
        content_type: "application/json".into(),
        authorization: Secret::new(token),
        care_insure_provider_number: "131011".into(),
    }
}

fn headers_02(token: &str) -> if_i6_01_04_02::RequestHeaders {
    if_i6_01_04_02::RequestHeaders {
        content_type: "application/json".into(),
        authorization: Secret::new(token),
        care_insure_provider_number: "131011".into(),
    }
}

#[test]
fn secret_debug_and_display_hide_the_value() {
    for token in [TOKEN.to_owned(), bad_token()] {
        let secret = Secret::new(token.clone());
        let texts = [
            format!("{secret:?}"),
            format!("{secret:#?}"),
            format!("{secret}"),
            format!("{secret:>40}"),
            format!("{:?}", Some(&secret)),
            format!("{:?}", vec![secret.clone()]),
            format!("{:?}", Secret::from(token.as_str())),
            format!("{:?}", Secret::from(token.clone())),
        ];
        assert_never_shown("Secret", &texts, &bad_pieces());
        // What it does print, so that an empty string cannot pass for hiding.
        assert_eq!(format!("{secret:?}"), "Secret(***)");
        assert_eq!(format!("{secret}"), "***");
        // The one way to read it, and the wire, carry it whole.
        assert_eq!(secret.expose(), token);
        assert_eq!(serde_json::to_string(&secret).expect("serialises"), serde_json::to_string(&token).unwrap());
    }
}

#[test]
fn headers_debug_hides_the_token() {
    for token in [TOKEN.to_owned(), bad_token()] {
        let one = headers_01(&token);
        let two = headers_02(&token);
        let texts = [format!("{one:?}"), format!("{one:#?}"), format!("{two:?}"), format!("{two:#?}")];
        assert_never_shown("RequestHeaders Debug", &texts, &bad_pieces());
        assert!(texts.iter().all(|t| t.contains("***")), "{texts:?}");
        // The other headers are printed as usual: hiding is per item.
        assert!(texts.iter().all(|t| t.contains("application/json") && t.contains("131011")), "{texts:?}");
        // Serialised for the wire, the token is there in full.
        assert!(serde_json::to_string(&one).unwrap().contains(&token));
        assert_eq!(one.authorization.expose(), token);
    }
}

/// A valid token validates, and a decoded header set does not print it.
#[test]
fn a_valid_token_is_accepted_and_hidden() {
    let document = format!(
        r#"{{"Content-Type":"application/json","Authorization":"{TOKEN}","care_insure_provider_number":"131011"}}"#
    );
    let one: if_i6_01_04_01::RequestHeaders = json::from_str(&document).expect("valid");
    let two: if_i6_01_04_02::RequestHeaders = json::from_str(&document).expect("valid");
    assert_eq!(one.validate(), Ok(()));
    assert_eq!(two.validate(), Ok(()));
    assert_eq!(one.authorization.expose(), TOKEN);
    assert_never_shown("decoded headers", &[format!("{one:#?}"), format!("{two:#?}")], PIECES);
}

/// `Validate::validate` on a struct built in code, with the token breaking its rule.
#[test]
fn a_bad_token_in_a_struct_is_reported_but_not_shown() {
    let token = bad_token();
    let position = token.chars().count();
    for errors in [
        headers_01(&token).validate().expect_err("𠮷 is outside MS932"),
        headers_02(&token).validate().expect_err("𠮷 is outside MS932"),
    ] {
        assert_eq!(errors.len(), 1, "{errors}");
        let error = errors.iter().next().expect("one");
        assert_eq!(error.pointer(), "/Authorization");
        assert_eq!(error.item_no(), "02");
        assert_eq!(error.item_name(), "自治体トークン");
        assert_eq!(error.value(), None);
        // The rule keeps the position (it tells the vendor where to look) but not the character.
        match error.rule() {
            Rule::Repertoire { found, position: p, .. } => {
                assert_eq!(*p, position);
                assert_eq!(*found, '\u{FFFD}', "the offending character is withheld");
            }
            other => panic!("expected a repertoire violation, found {other:?}"),
        }
        assert_never_shown("validate()", &printed(&errors), &bad_pieces());
    }
}

/// The token breaking its rule beside other violations, each of which still quotes its own value.
#[test]
fn a_bad_token_beside_other_violations() {
    let token = bad_token();
    let mut headers = headers_02(&token);
    headers.content_type = "text/plain".into();
    let errors = headers.validate().expect_err("two violations");
    let verdict: Vec<_> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
    assert_eq!(verdict, [("/Content-Type", "fixed"), ("/Authorization", "repertoire")]);
    assert_eq!(errors.iter().next().and_then(|e| e.value()), Some("text/plain"));
    let mut texts = printed(&errors);
    texts.push(format!("{headers:#?}"));
    assert_never_shown("beside other violations", &texts, &bad_pieces());
}

/// Decoding JSON: the token breaking its rule on the typed path (the document decodes, validation
/// fails) and on the untyped path (another member stops typed decoding, so every item is checked
/// on the tree), and the token as the wrong JSON type, given twice, or in a malformed document.
#[test]
fn a_bad_token_in_json_is_reported_but_not_shown() {
    let bad = serde_json::to_string(&bad_token()).unwrap();
    let good = serde_json::to_string(TOKEN).unwrap();
    let cases: Vec<(String, Vec<(&str, &str)>)> = vec![
        // Typed path: decodes, then validation fails.
        (
            format!(
                r#"{{"Content-Type":"application/json","Authorization":{bad},"care_insure_provider_number":"131011"}}"#
            ),
            vec![("/Authorization", "repertoire")],
        ),
        // Untyped path: a number elsewhere stops typed decoding.
        (
            format!(
                r#"{{"Content-Type":"application/json","Authorization":{bad},"care_insure_provider_number":131011}}"#
            ),
            vec![("/Authorization", "repertoire"), ("/care_insure_provider_number", "type")],
        ),
        // The token given twice, the first bad.
        (
            format!(
                r#"{{"Content-Type":"application/json","Authorization":{bad},"Authorization":{good},
                    "care_insure_provider_number":"131011"}}"#
            ),
            vec![("/Authorization", "structure")],
        ),
        // The token given twice, the last bad.
        (
            format!(
                r#"{{"Content-Type":"application/json","Authorization":{good},"Authorization":{bad},
                    "care_insure_provider_number":"131011"}}"#
            ),
            vec![("/Authorization", "structure"), ("/Authorization", "repertoire")],
        ),
        // The token inside an array and an object: the wrong JSON type, whose value is usually quoted.
        (
            format!(
                r#"{{"Content-Type":"application/json","Authorization":[{good}],"care_insure_provider_number":"131011"}}"#
            ),
            vec![("/Authorization", "type")],
        ),
        (
            format!(
                r#"{{"Content-Type":"application/json","Authorization":{{"bearer":{good}}},"care_insure_provider_number":"131011"}}"#
            ),
            vec![("/Authorization", "type")],
        ),
        // A numeric token.
        (
            r#"{"Content-Type":"application/json","Authorization":1234567890,"care_insure_provider_number":"131011"}"#
                .to_owned(),
            vec![("/Authorization", "type")],
        ),
        // Malformed documents with the token in them: the parser's message must not quote it.
        (format!(r#"{{"Content-Type":"application/json","Authorization":{good},}}"#), vec![("", "syntax")]),
        (format!(r#"{{"Authorization":{good} "Content-Type":"application/json"}}"#), vec![("", "syntax")]),
        (format!("{{\"Authorization\":\"{TOKEN}\x07\"}}"), vec![("", "syntax")]),
        (format!(r#"{{"Authorization":"{TOKEN}\ud800"}}"#), vec![("", "syntax")]),
        (format!(r#"{{"Authorization":"{TOKEN}"#), vec![("", "syntax")]),
    ];
    for (document, expected) in &cases {
        check_json::<if_i6_01_04_01::RequestHeaders>(document, expected);
        check_json::<if_i6_01_04_02::RequestHeaders>(document, expected);
    }
}

fn check_json<T: Layout + DeserializeOwned + std::fmt::Debug>(document: &str, expected: &[(&str, &str)]) {
    let errors = match json::from_str::<T>(document) {
        Ok(value) => panic!("accepted {document}: {value:?}"),
        Err(errors) => errors,
    };
    let verdict: Vec<(&str, &str)> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
    assert_eq!(verdict, expected, "{document}\n{errors}");
    for error in errors.iter().filter(|e| e.pointer() == "/Authorization") {
        assert_eq!(error.value(), None, "{document}: {error}");
        assert_eq!(error.item_name(), "自治体トークン");
    }
    // For the numeric token, "1234567890" is the token itself: one of the pieces looked for.
    assert_never_shown(document, &printed(&errors), &bad_pieces());
}

/// Headers read from HTTP `(name, value)` pairs: the same promises.
#[test]
fn a_bad_token_in_header_pairs_is_reported_but_not_shown() {
    let bad = bad_token();
    let errors = headers::from_pairs::<if_i6_01_04_02::RequestHeaders>([
        ("content-type", "application/json"),
        ("authorization", bad.as_str()),
        ("care_insure_provider_number", "131011"),
    ])
    .expect_err("𠮷 is outside MS932");
    let verdict: Vec<_> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
    assert_eq!(verdict, [("/Authorization", "repertoire")]);
    assert_never_shown("from_pairs", &printed(&errors), &bad_pieces());

    // Given twice (HTTP allows a repeated header): reported, neither value shown.
    let errors = headers::from_pairs::<if_i6_01_04_01::RequestHeaders>([
        ("Content-Type", "application/json"),
        ("Authorization", TOKEN),
        ("AUTHORIZATION", bad.as_str()),
        ("care_insure_provider_number", "131011"),
    ])
    .expect_err("a repeated header");
    for error in at_authorization(&errors) {
        assert_eq!(error.value(), None, "{error}");
    }
    assert_never_shown("from_pairs, twice", &printed(&errors), &bad_pieces());

    // Empty: required, and nothing to show.
    let errors = headers::from_pairs::<if_i6_01_04_01::RequestHeaders>([
        ("Content-Type", "application/json"),
        ("Authorization", ""),
        ("care_insure_provider_number", "131011"),
    ])
    .expect_err("an empty token");
    let verdict: Vec<_> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
    assert_eq!(verdict, [("/Authorization", "required")]);

    // A good token round-trips through the pairs, and the decoded headers hide it.
    let decoded = headers::from_pairs::<if_i6_01_04_02::RequestHeaders>([
        ("Content-Type", "application/json"),
        ("Authorization", TOKEN),
        ("care_insure_provider_number", "131011"),
    ])
    .expect("valid");
    assert_eq!(decoded.authorization.expose(), TOKEN);
    assert_never_shown("from_pairs, valid", &[format!("{decoded:?}"), format!("{decoded:#?}")], PIECES);
    let pairs = headers::to_pairs(&decoded);
    assert!(
        pairs.contains(&("Authorization", TOKEN.to_owned())),
        "{:?}",
        pairs.iter().map(|p| p.0).collect::<Vec<_>>()
    );
}

/// A long bad token: messages cut long values to 80 characters, and a secret is not quoted at all,
/// not even cut.
#[test]
fn a_long_bad_token_is_not_quoted_even_in_part() {
    let long = format!("{}{}😀", TOKEN, "x".repeat(500));
    let errors = headers_01(&long).validate().expect_err("😀 is outside MS932");
    assert_never_shown("long token", &printed(&errors), &[TOKEN, "SECRET", "xxxxxxxx", "😀", "1F600", "1f600"]);
}

/// Every item that the spec (through the codegen model, overrides applied) marks as a credential is a
/// `Secret` item of the generated layouts, and none other: nothing escapes the checks above by being
/// held in a plain `String`.
#[test]
fn every_credential_of_the_spec_is_a_secret_item() {
    let specs = concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs");
    let (spec, diagnostics) = ltcip_codegen::load(&[specs.into()]);
    assert!(!diagnostics.has_errors(), "{diagnostics:?}");
    let mut in_spec = Vec::new();
    for interface in &spec.interfaces {
        for layout in &interface.layouts {
            for section in &layout.sections {
                for item in section.items.iter().flat_map(|i| i.walk()) {
                    if item.secret {
                        in_spec.push(format!(
                            "{} {:?} {}",
                            interface.id,
                            section.kind,
                            item.key.clone().unwrap_or_default()
                        ));
                    }
                }
            }
        }
    }
    let mut generated = Vec::new();
    let layouts: [(&str, &str, &'static ltcip_runtime::Shape<'static>); 6] = [
        ("IF-I6-01-04-01", "Headers", <if_i6_01_04_01::RequestHeaders as Layout>::SHAPE),
        ("IF-I6-01-04-01", "Body", <if_i6_01_04_01::Request as Layout>::SHAPE),
        ("IF-I6-01-04-01", "Body", <if_i6_01_04_01::Response as Layout>::SHAPE),
        ("IF-I6-01-04-02", "Headers", <if_i6_01_04_02::RequestHeaders as Layout>::SHAPE),
        ("IF-I6-01-04-02", "Body", <if_i6_01_04_02::Request as Layout>::SHAPE),
        ("IF-I6-01-04-02", "Body", <if_i6_01_04_02::Response as Layout>::SHAPE),
    ];
    for (id, kind, shape) in layouts {
        collect_secrets(id, kind, shape, &mut generated);
    }
    in_spec.sort();
    generated.sort();
    assert_eq!(
        in_spec, generated,
        "the items the spec marks as credentials differ from the Secret items of the layouts tested here: \
         a new credential needs its layout added to this file's tests"
    );
    assert_eq!(generated, ["IF-I6-01-04-01 Headers Authorization", "IF-I6-01-04-02 Headers Authorization"]);
}

fn collect_secrets(id: &str, kind: &str, shape: &ltcip_runtime::Shape<'_>, out: &mut Vec<String>) {
    for item in shape.items {
        if item.secret {
            out.push(format!("{id} {kind} {}", item.key));
        }
        if let ltcip_runtime::Kind::List(inner) = item.kind {
            collect_secrets(id, kind, inner, out);
        }
    }
}
