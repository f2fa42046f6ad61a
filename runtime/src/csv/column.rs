//! The Rust types a CSV column can be held in.

use crate::secret::Secret;
use compact_str::CompactString;

/// A field type of a [`super::Record`]: text, where an empty field of an optional item is `None`.
pub trait Column: Sized {
    /// The value a field's text stands for.
    fn from_text(text: &str) -> Self;

    /// The text the value is written as.
    fn text(&self) -> &str;

    /// Becomes the value `text` stands for, reusing what it holds where it can.
    fn assign(&mut self, text: &str) {
        *self = Self::from_text(text);
    }
}

impl Column for String {
    fn from_text(text: &str) -> Self {
        text.to_owned()
    }

    fn text(&self) -> &str {
        self
    }

    fn assign(&mut self, text: &str) {
        self.clear();
        self.push_str(text);
    }
}

impl Column for CompactString {
    fn from_text(text: &str) -> Self {
        CompactString::from(text)
    }

    fn text(&self) -> &str {
        self
    }

    #[inline]
    fn assign(&mut self, text: &str) {
        // A short text is written inline whatever was held; a heap buffer is kept for the next long one.
        if self.is_heap_allocated() {
            self.clear();
            self.push_str(text);
        } else {
            *self = CompactString::from(text);
        }
    }
}

impl Column for Secret {
    fn from_text(text: &str) -> Self {
        Secret::new(text)
    }

    fn text(&self) -> &str {
        self.expose()
    }
}

/// 「Null（空）」: an empty field is an absent value.
impl<T: Column> Column for Option<T> {
    fn from_text(text: &str) -> Self {
        if text.is_empty() { None } else { Some(T::from_text(text)) }
    }

    fn text(&self) -> &str {
        self.as_ref().map_or("", Column::text)
    }

    fn assign(&mut self, text: &str) {
        match self {
            _ if text.is_empty() => *self = None,
            Some(value) => value.assign(text),
            None => *self = Some(T::from_text(text)),
        }
    }
}
