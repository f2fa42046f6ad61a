//! A vendor crate: the LTCIP types are generated at build time from `specs/` and included here.

include!(concat!(env!("OUT_DIR"), "/ltcip_generated.rs"));

/// The same types with `std::string::String` text fields (`TextType::String` in `build.rs`).
pub mod strings {
    include!(concat!(env!("OUT_DIR"), "/ltcip_strings.rs"));
}

/// The JSON interfaces with text borrowed from the document (`TextType::Borrowed` in `build.rs`):
/// `Response<'a>`, decoded by `json::from_slice` without copying text.
pub mod borrowed {
    include!(concat!(env!("OUT_DIR"), "/ltcip_borrowed.rs"));
}

/// The interfaces of a made-up LIFE-style workbook (`specs-life/`), read through its vocabulary file.
pub mod life {
    include!(concat!(env!("OUT_DIR"), "/ltcip_life.rs"));
}

/// Two layouts only, with the vendor's derives, attributes and own type (`build.rs`: every option of
/// the `Builder`).
pub mod custom {
    include!(concat!(env!("OUT_DIR"), "/ltcip_custom.rs"));
}

/// The vendor's own type for 被保険者番号, used in `custom` through `Builder::extern_type`: it holds
/// the text and gives it back as `&str`; the generated checks run on that text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct InsuredNumber(String);

impl InsuredNumber {
    /// The number as a screen shows it to staff who may see only its last four digits.
    pub fn masked(&self) -> String {
        let shown = self.0.len().saturating_sub(4);
        "*".repeat(shown) + self.0.get(shown..).unwrap_or_default()
    }
}

impl std::ops::Deref for InsuredNumber {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for InsuredNumber {
    fn from(text: &str) -> Self {
        InsuredNumber(text.to_owned())
    }
}
