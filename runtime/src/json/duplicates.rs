//! Finding members given twice, which `serde_json::Value` hides (it keeps the last silently) and
//! serde's derive reports only as the first failure, with no position.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::pointer::Pointer;

/// The pointers of every member that repeats an earlier member of its object, in document order.
/// Only read on the slow path (a document typed decoding rejected), so a second parse is fine.
pub(super) fn find(bytes: &[u8]) -> Result<Vec<String>, serde_json::Error> {
    let mut found = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    Walk { at: Pointer::Root, found: &mut found }.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(found)
}

struct Walk<'a, 'f> {
    at: Pointer<'a>,
    found: &'f mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Walk { at, found } = self;
        let mut index = 0;
        while seq.next_element_seed(Walk { at: at.index(index), found: &mut *found })?.is_some() {
            index += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Walk { at, found } = self;
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let here = at.key(&key);
            map.next_value_seed(Walk { at: here, found: &mut *found })?;
            if seen.contains(&key) {
                found.push(here.to_string());
            } else {
                seen.insert(key);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn finds_repeated_members_at_any_depth() {
        let doc = br#"{"a": 1, "b": [{"c": 1, "c": 2}, {"c": 3}], "a": {"x/y": 0, "x/y": 1}}"#;
        assert_eq!(find(doc).unwrap(), ["/b/0/c", "/a/x~1y", "/a"]);
        assert!(find(br#"{"a": {"a": 1}, "b": [1, 1]}"#).unwrap().is_empty());
    }
}
