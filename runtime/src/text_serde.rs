//! Serde for fields of a vendor's own text type (`Builder::extern_type` in `ltcip-codegen`, the
//! `custom_type` item attribute): any type that dereferences to `str` and is made from a `&str` is
//! written as the JSON string it holds and read from one, without asking it to implement serde's
//! traits. Generated code names these modules in `#[serde(with = "...")]`.

use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serializer};

/// A field of the type itself.
pub mod one {
    use super::*;

    /// Writes the text.
    pub fn serialize<T: Deref<Target = str>, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(value)
    }

    /// Reads the text.
    pub fn deserialize<'de, T: for<'a> From<&'a str>, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Ok(T::from(&text))
    }
}

/// An `Option` of the type (an optional item): `None` is absent (or `null`).
pub mod option {
    use super::*;

    /// Writes the text, or `null`.
    pub fn serialize<T: Deref<Target = str>, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => serializer.serialize_some(&**value),
            None => serializer.serialize_none(),
        }
    }

    /// Reads the text, or `null`.
    pub fn deserialize<'de, T: for<'a> From<&'a str>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)?;
        Ok(text.map(|text| T::from(&text)))
    }
}

/// A `Vec` of the type (a repeated item).
pub mod vec {
    use super::*;
    use serde::ser::SerializeSeq;

    /// Writes the texts.
    pub fn serialize<T: Deref<Target = str>, S: Serializer>(values: &[T], serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(values.len()))?;
        for value in values {
            seq.serialize_element(&**value)?;
        }
        seq.end()
    }

    /// Reads the texts.
    pub fn deserialize<'de, T: for<'a> From<&'a str>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error> {
        let texts = <Vec<std::borrow::Cow<'de, str>>>::deserialize(deserializer)?;
        Ok(texts.iter().map(|text| T::from(text)).collect())
    }
}
