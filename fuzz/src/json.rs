//! Target `json`: arbitrary bytes as a payload of each of the six generated JSON layouts.
//!
//! For each layout, `ltcip_runtime::json::from_slice` must not panic, and:
//!
//! - an accepted document validates again, and its own serialisation decodes to the same value;
//! - every violation has a pointer (`""` or starting with `/`), a known JSON rule code and both
//!   messages;
//! - where the bytes parse as an untyped tree, `json::check_value` gives the typed verdict less its
//!   `structure` violations (as `tests/integration/tests/golden.rs` holds the goldens to);
//! - a `syntax` violation is reported only for bytes that are not well-formed JSON;
//! - for the two headers layouts, `headers::from_pairs` over the tree's members (when they are all
//!   strings) gives the verdict `json::from_slice` gives on the tree, where header names cannot match
//!   differently (case-insensitively, or with spaces around them) than JSON keys do;
//! - the four body layouts generated with `TextType::Borrowed` (text borrowed from the document)
//!   give the owned types' verdict, and the same value written back;
//! - `json::stream::Validator::validate_parallel` (records cut out and checked on two workers, in
//!   one batch for inputs this small; the unit tests cut batches of a record) gives the report
//!   `Validator::validate` gives, for the layout with a リスト.

use std::fmt::Debug;

use ltcip_generated::{if_i6_01_04_01, if_i6_01_04_02};
use ltcip_runtime::serde::Serialize;
use ltcip_runtime::serde::de::DeserializeOwned;
use ltcip_runtime::serde_json::{self, Value};
use ltcip_runtime::{Layout, ValidationErrors, headers, json};

/// The rule codes a JSON payload can break.
const JSON_RULES: &[&str] = &[
    "required",
    "count",
    "type",
    "chars",
    "repertoire",
    "length",
    "fixed",
    "code",
    "date",
    "pattern",
    "structure",
    "syntax",
];

/// The JSON interfaces with text borrowed from the document (`TextType::Borrowed`, `build.rs`).
pub mod borrowed {
    include!(concat!(env!("OUT_DIR"), "/borrowed.rs"));
}

/// Runs every check on `data` for each of the six layouts.
pub fn check(data: &[u8]) {
    layout::<if_i6_01_04_02::Response>(data);
    borrowed_agree(
        "IF-I6-01-04-02 response",
        written(json::from_slice::<if_i6_01_04_02::Response>(data)),
        written(json::from_slice::<borrowed::if_i6_01_04_02::Response<'_>>(data)),
    );
    borrowed_agree(
        "IF-I6-01-04-02 request",
        written(json::from_slice::<if_i6_01_04_02::Request>(data)),
        written(json::from_slice::<borrowed::if_i6_01_04_02::Request<'_>>(data)),
    );
    borrowed_agree(
        "IF-I6-01-04-01 response",
        written(json::from_slice::<if_i6_01_04_01::Response>(data)),
        written(json::from_slice::<borrowed::if_i6_01_04_01::Response<'_>>(data)),
    );
    borrowed_agree(
        "IF-I6-01-04-01 request",
        written(json::from_slice::<if_i6_01_04_01::Request>(data)),
        written(json::from_slice::<borrowed::if_i6_01_04_01::Request<'_>>(data)),
    );
    parallel_agrees::<if_i6_01_04_02::Response>(data);
    layout::<if_i6_01_04_02::Request>(data);
    layout::<if_i6_01_04_02::RequestHeaders>(data);
    headers_agree::<if_i6_01_04_02::RequestHeaders>(data);
    layout::<if_i6_01_04_01::Response>(data);
    layout::<if_i6_01_04_01::Request>(data);
    layout::<if_i6_01_04_01::RequestHeaders>(data);
    headers_agree::<if_i6_01_04_01::RequestHeaders>(data);
}

/// The report of the records checked side by side is one reader's.
fn parallel_agrees<T: Layout>(data: &[u8]) {
    let validator = json::stream::Validator::new(T::SHAPE).limit(3);
    let one = validator.validate(data).expect("in memory");
    let side_by_side = validator.validate_parallel(2, || Ok(data)).expect("in memory");
    assert_eq!(side_by_side, one, "{}: validate_parallel differs from validate", T::SHAPE.name);
}

/// The checks for one layout.
pub fn layout<T>(data: &[u8])
where
    T: Layout + DeserializeOwned + Serialize + PartialEq + Debug,
{
    let name = T::SHAPE.name;
    let typed = json::from_slice::<T>(data);
    match &typed {
        Ok(value) => {
            assert_eq!(value.validate(), Ok(()), "{name}: an accepted value fails Validate");
            let written = serde_json::to_vec(value).expect("a generated type serialises");
            match json::from_slice::<T>(&written) {
                Ok(again) => assert_eq!(&again, value, "{name}: the round trip changed the value"),
                Err(errors) => panic!(
                    "{name}: its own serialisation is rejected: {errors}\n  {}",
                    String::from_utf8_lossy(&written)
                ),
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "{name}: Err with no violation");
            for error in errors {
                let pointer = error.pointer();
                assert!(pointer.is_empty() || pointer.starts_with('/'), "{name}: pointer {pointer:?}");
                let code = error.rule().code();
                assert!(JSON_RULES.contains(&code), "{name}: rule {code} in a JSON payload");
                assert!(!error.message_ja().is_empty() && !error.message_en().is_empty(), "{name}: empty message");
                // Display must not panic either.
                let _ = error.to_string();
            }
        }
    }
    if let Err(errors) = &typed
        && errors.iter().any(|e| e.rule().code() == "syntax")
    {
        assert!(
            !well_formed(data),
            "{name}: a syntax violation for well-formed JSON: {errors}\n  {}",
            String::from_utf8_lossy(data)
        );
    }
    // The untyped path, where it can see the document.
    let Ok(tree) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let untyped = json::check_value(T::SHAPE, &tree).err().unwrap_or_default();
    let typed = without_structure(typed.err().unwrap_or_default());
    assert_eq!(
        typed,
        untyped,
        "{name}: typed and untyped verdicts differ\n  typed: {typed}\n  untyped: {untyped}\n  document: {}",
        String::from_utf8_lossy(data)
    );
}

/// A verdict: the value written back as JSON, or the violations.
type Verdict = Result<Vec<u8>, ValidationErrors>;

fn written<T: Serialize>(decoded: Result<T, ValidationErrors>) -> Verdict {
    decoded.map(|value| serde_json::to_vec(&value).expect("a generated type serialises"))
}

/// The types that borrow their text give the verdict the owned types give, and the same value.
fn borrowed_agree(name: &str, owned: Verdict, borrowed: Verdict) {
    assert!(borrowed == owned, "{name}: borrowed and owned types differ:\n  {borrowed:?}\n  {owned:?}");
}

/// Whether `data` is one well-formed JSON value. serde_json stops at 128 levels of nesting, which
/// typed decoding does not hit on members it ignores; past that, the document is skimmed without the
/// limit (a skim does not check that strings are UTF-8, so that is checked on its own).
pub fn well_formed(data: &[u8]) -> bool {
    use ltcip_runtime::serde::Deserialize;
    match serde_json::from_slice::<Value>(data) {
        Ok(_) => true,
        Err(error) if error.to_string().starts_with("recursion limit exceeded") => {
            let mut deserializer = serde_json::Deserializer::from_slice(data);
            std::str::from_utf8(data).is_ok()
                && ltcip_runtime::serde::de::IgnoredAny::deserialize(&mut deserializer).is_ok()
                && deserializer.end().is_ok()
        }
        Err(_) => false,
    }
}

fn without_structure(errors: ValidationErrors) -> ValidationErrors {
    let mut kept = ValidationErrors::new();
    for error in errors.into_iter().filter(|e| e.rule().code() != "structure") {
        kept.push(error);
    }
    kept
}

/// `headers::from_pairs` against `json::from_slice`, for a document that is an object of strings.
pub fn headers_agree<T>(data: &[u8])
where
    T: Layout + DeserializeOwned + Serialize + PartialEq + Debug,
{
    let Ok(Value::Object(members)) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let mut pairs = Vec::new();
    for (name, value) in &members {
        let Value::String(value) = value else { return };
        pairs.push((name.as_str(), value.as_str()));
    }
    let from_pairs = headers::from_pairs::<T>(pairs.iter().copied());
    // Only where a header name matches an item exactly as a JSON key would (or matches none).
    let comparable = pairs.iter().all(|(name, _)| {
        let loose = T::SHAPE.items.iter().any(|item| item.key.eq_ignore_ascii_case(name.trim()));
        let exact = T::SHAPE.items.iter().any(|item| item.key == *name);
        exact || !loose
    });
    if !comparable {
        return;
    }
    let document = serde_json::to_vec(&Value::Object(members.clone())).expect("a tree serialises");
    let from_json = json::from_slice::<T>(&document);
    assert_eq!(
        from_pairs,
        from_json,
        "{}: headers::from_pairs and json::from_slice differ on {pairs:?}",
        T::SHAPE.name
    );
}
