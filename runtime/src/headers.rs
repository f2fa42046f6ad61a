//! HTTP headers to and from the generated `RequestHeaders` types.
//!
//! A headers layout (リクエストヘッダ) names each header as the spec spells it (`Content-Type`,
//! `Authorization`). HTTP header names are case-insensitive (RFC 9110 §5.1), and HTTP/2 and HTTP/3
//! always send them in lower case, so headers read from the wire are matched to the layout without
//! regard to case here, before the same checks as a JSON payload run.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{Rule, ValidationErrors};
use crate::item::{Mode, Shape};
use crate::pointer::Pointer;
use crate::validate::Layout;

/// Reads a headers layout from `(name, value)` pairs, matching names case-insensitively. Headers the
/// layout does not name are ignored; a header the layout names given twice is a `structure` violation.
/// Every violation is reported, as [`crate::json::from_slice`] does.
pub fn from_pairs<'a, T: Layout + DeserializeOwned>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<T, ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let pairs = pairs.into_iter().map(|(name, value)| (name, Value::String(value.to_owned())));
    let members = by_layout_names(T::SHAPE, pairs, &mut errors);
    let document = serde_json::to_vec(&Value::Object(members)).expect("a map of strings serialises");
    match crate::json::from_slice::<T>(&document) {
        Ok(headers) if errors.is_empty() => Ok(headers),
        Ok(_) => Err(errors),
        Err(more) => {
            errors.extend(more);
            Err(errors)
        }
    }
}

/// Checks headers given as a JSON object of header name → value (what a generated `RequestHeaders`
/// serialises to) against a headers layout known only at run time, matching names case-insensitively
/// as [`from_pairs`] does: the verdict [`from_pairs`] gives on the same headers, values that are not
/// strings included.
pub fn check_object(shape: &Shape<'_>, headers: &Map<String, Value>, mode: Mode) -> Result<(), ValidationErrors> {
    check_pairs(shape, headers.iter().map(|(name, value)| (name.as_str(), value.clone())), mode)
}

/// [`check_object`] on `(name, value)` pairs as they came, so that a header given twice under the
/// same spelling is seen too (a [`Map`] keeps only the last): see [`pairs_from_slice`].
pub fn check_pairs<'a>(
    shape: &Shape<'_>,
    headers: impl IntoIterator<Item = (&'a str, Value)>,
    mode: Mode,
) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::with_mode(mode);
    let members = by_layout_names(shape, headers, &mut errors);
    if let Err(more) = crate::json::check_value_with(shape, &Value::Object(members), mode) {
        errors.extend(more);
    }
    errors.into_result()
}

/// The headers the layout names, keyed as the spec spells them (HTTP names are case-insensitive, and
/// HTTP/2 sends them in lower case); a header given twice under any spelling is a `structure`
/// violation, and the last value is kept. Headers the layout does not name are left out.
fn by_layout_names<'a>(
    shape: &Shape<'_>,
    headers: impl IntoIterator<Item = (&'a str, Value)>,
    errors: &mut ValidationErrors,
) -> Map<String, Value> {
    let mut members = Map::new();
    for (name, value) in headers {
        let Some(item) = shape.items.iter().find(|item| item.key.eq_ignore_ascii_case(name.trim())) else {
            continue;
        };
        if members.insert(item.key.to_owned(), value).is_some() {
            let detail = crate::messages::Message::new("structure.duplicate_header").text("key", item.key);
            item.report(&Pointer::Root.key(item.key), Rule::Structure { detail }, None, errors);
        }
    }
    members
}

/// The headers as `(name, value)` pairs in the order of the spec table, names as the spec spells
/// them, absent optional headers left out. A [`crate::Secret`] is written out in full: this is what
/// goes on the wire.
pub fn to_pairs<T: Layout + Serialize>(headers: &T) -> Vec<(&'static str, String)> {
    let Ok(Value::Object(members)) = serde_json::to_value(headers) else {
        return Vec::new();
    };
    T::SHAPE
        .items
        .iter()
        .filter_map(|item| match members.get(item.key) {
            Some(Value::String(value)) => Some((item.key, value.clone())),
            _ => None,
        })
        .collect()
}

/// The members of a JSON object in document order, a member given twice kept twice; `None` when the
/// document is not one JSON object.
pub fn pairs_from_slice(bytes: &[u8]) -> Option<Vec<(String, Value)>> {
    struct Pairs(Vec<(String, Value)>);
    impl<'de> serde::Deserialize<'de> for Pairs {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Visitor;
            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = Pairs;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a JSON object of headers")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Pairs, A::Error> {
                    let mut pairs = Vec::new();
                    while let Some(pair) = map.next_entry::<String, Value>()? {
                        pairs.push(pair);
                    }
                    Ok(Pairs(pairs))
                }
            }
            deserializer.deserialize_map(Visitor)
        }
    }
    serde_json::from_slice::<Pairs>(bytes).ok().map(|pairs| pairs.0)
}
