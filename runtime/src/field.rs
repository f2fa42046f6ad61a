//! How each Rust type a generated struct uses carries an item's value to the checks.

use crate::error::ValidationErrors;
use crate::item::Item;
use crate::pointer::Pointer;

/// A Rust type that can hold an item's value. `#[derive(Validate)]` calls this for every field; it is
/// implemented for `String`, [`crate::CompactString`], [`crate::Secret`], `Option<T>`, `Vec<T>` and
/// every derived struct.
pub trait Field {
    /// Checks the value against `item`, recording violations at `at`.
    fn check_field(&self, item: &Item<'_>, at: &Pointer<'_>, errors: &mut ValidationErrors);

    /// The value as one text, for the conditions other items' requirements put on it
    /// ([`crate::check_conditions`]): the text of a `String`, `CompactString` or `Secret`, `None`
    /// for an absent `Option`, a `Vec` or a record.
    fn field_text(&self) -> Option<&str> {
        None
    }
}

impl Field for String {
    #[inline]
    fn check_field(&self, item: &Item<'_>, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        item.check_text_inline(self, at, errors);
    }

    #[inline]
    fn field_text(&self) -> Option<&str> {
        Some(self)
    }
}

impl Field for compact_str::CompactString {
    #[inline]
    fn check_field(&self, item: &Item<'_>, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        item.check_text_inline(self, at, errors);
    }

    #[inline]
    fn field_text(&self) -> Option<&str> {
        Some(self)
    }
}

/// The text of any type that dereferences to `str`: a field of a vendor's own type (`custom_type`)
/// is checked through it.
impl Field for str {
    #[inline]
    fn check_field(&self, item: &Item<'_>, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        item.check_text_inline(self, at, errors);
    }

    #[inline]
    fn field_text(&self) -> Option<&str> {
        Some(self)
    }
}

impl<T: Field + ?Sized> Field for &T {
    #[inline]
    fn check_field(&self, item: &Item<'_>, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        (**self).check_field(item, at, errors);
    }

    #[inline]
    fn field_text(&self) -> Option<&str> {
        (**self).field_text()
    }
}

impl<T: Field> Field for Option<T> {
    #[inline]
    fn check_field(&self, item: &Item<'_>, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        match self {
            Some(value) => value.check_field(item, at, errors),
            None => item.check_absent(at, errors),
        }
    }

    #[inline]
    fn field_text(&self) -> Option<&str> {
        self.as_ref().and_then(Field::field_text)
    }
}

impl<T: Field> Field for Vec<T> {
    fn check_field(&self, item: &Item<'_>, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        item.check_count(self.len(), at, errors);
        for (index, value) in self.iter().enumerate() {
            value.check_field(item, &at.index(index), errors);
        }
    }
}
