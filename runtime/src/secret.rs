//! A credential that never shows up in logs.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::ValidationErrors;
use crate::field::Field;
use crate::item::Item;
use crate::pointer::Pointer;

/// A token such as the 自治体トークン (`Authorization`). `Debug` and `Display` print `***`, and a
/// violation never quotes it; [`Secret::expose`] is the one way to read it.
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The credential itself, to put on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl Field for Secret {
    fn check_field(&self, item: &Item<'_>, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        item.secret().check_text(&self.0, at, errors);
    }

    fn field_text(&self) -> Option<&str> {
        Some(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;

    #[test]
    fn never_prints_the_token() {
        let token = Secret::new("eyJhbGciOiJIUzI1NiJ9.s3cr3t");
        assert_eq!(format!("{token:?}"), "Secret(***)");
        assert_eq!(format!("{token}"), "***");
        assert_eq!(format!("{:?}", Some(&token)), "Some(Secret(***))");
        assert_eq!(token.expose(), "eyJhbGciOiJIUzI1NiJ9.s3cr3t");
        assert_eq!(serde_json::to_string(&token).unwrap(), "\"eyJhbGciOiJIUzI1NiJ9.s3cr3t\"");
    }
}
