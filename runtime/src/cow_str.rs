//! Text that borrows from the document it was decoded from.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

use crate::error::ValidationErrors;
use crate::field::Field;
use crate::item::Item;
use crate::pointer::Pointer;

/// The text type of generated code built with `TextType::Borrowed`: a `Cow<'a, str>` that serde
/// decodes without copying wherever it can.
///
/// Decoded from a document held in memory ([`crate::json::from_slice`]), a string without escapes
/// (`\"`, `\n`, `\u3042` …) points into the document, and one with escapes is unescaped into its own
/// `String`. `Cow<'a, str>` itself cannot be used: serde borrows a `Cow` only when it is the field's
/// whole type, never inside an `Option` or a `Vec`, which is where most items are.
///
/// It dereferences to `str` and compares with `str`; [`CowStr::into_owned`] detaches a value from
/// the document. Decoded from a stream (a `serde_json::Deserializer` over a reader), every value is
/// owned.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CowStr<'a>(pub Cow<'a, str>);

impl<'a> CowStr<'a> {
    /// Text borrowed from `value`.
    pub const fn borrowed(value: &'a str) -> Self {
        CowStr(Cow::Borrowed(value))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the text points into the document it was decoded from (it had no escapes).
    pub const fn is_borrowed(&self) -> bool {
        matches!(self.0, Cow::Borrowed(_))
    }

    /// The same text, owned: it outlives the document.
    pub fn into_owned(self) -> CowStr<'static> {
        CowStr(Cow::Owned(self.0.into_owned()))
    }
}

impl Deref for CowStr<'_> {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for CowStr<'_> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for CowStr<'_> {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl<'a> From<&'a str> for CowStr<'a> {
    fn from(value: &'a str) -> Self {
        CowStr(Cow::Borrowed(value))
    }
}

impl From<String> for CowStr<'_> {
    fn from(value: String) -> Self {
        CowStr(Cow::Owned(value))
    }
}

impl<'a> From<Cow<'a, str>> for CowStr<'a> {
    fn from(value: Cow<'a, str>) -> Self {
        CowStr(value)
    }
}

impl PartialEq<str> for CowStr<'_> {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for CowStr<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl fmt::Debug for CowStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for CowStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for CowStr<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for CowStr<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;

        impl<'de> Visitor<'de> for Text {
            type Value = CowStr<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Borrowed(value)))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(value.to_owned())))
            }

            fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(value)))
            }
        }

        deserializer.deserialize_str(Text)
    }
}

impl Field for CowStr<'_> {
    #[inline]
    fn check_field(&self, item: &Item<'_>, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        item.check_text_inline(&self.0, at, errors);
    }

    #[inline]
    fn field_text(&self) -> Option<&str> {
        Some(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::CowStr;

    #[derive(serde::Deserialize)]
    struct Record<'a> {
        #[serde(borrow)]
        one: CowStr<'a>,
        #[serde(borrow)]
        maybe: Option<CowStr<'a>>,
        #[serde(borrow)]
        many: Vec<CowStr<'a>>,
    }

    #[test]
    fn borrows_text_without_escapes_wherever_it_sits() {
        let json = r#"{"one": "131001", "maybe": "成功", "many": ["a", "b\"c", "\u3042"]}"#;
        let record: Record<'_> = serde_json::from_str(json).unwrap();
        assert!(record.one.is_borrowed() && record.one == "131001");
        let maybe = record.maybe.unwrap();
        assert!(maybe.is_borrowed() && maybe == "成功");
        let many: Vec<(&str, bool)> = record.many.iter().map(|text| (text.as_str(), text.is_borrowed())).collect();
        assert_eq!(many, [("a", true), ("b\"c", false), ("あ", false)]);
    }

    #[test]
    fn reads_from_a_reader_by_copying_and_writes_plain_strings() {
        let json = br#"{"one": "x", "many": []}"#;
        let mut stream = serde_json::Deserializer::from_reader(&json[..]);
        let record: Record<'static> = serde::Deserialize::deserialize(&mut stream).unwrap();
        assert!(!record.one.is_borrowed() && record.maybe.is_none());
        assert_eq!(serde_json::to_string(&record.one).unwrap(), r#""x""#);
        let owned: CowStr<'static> = CowStr::borrowed("y").into_owned();
        assert!(!owned.is_borrowed() && owned == "y");
        assert_eq!(format!("{owned:?} {owned}"), r#""y" y"#);
    }
}
