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
}

impl Field for String {
    #[inline]
    fn check_field(&self, item: &Item<'_>, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        item.check_text_inline(self, at, errors);
    }
}

impl Field for compact_str::CompactString {
    #[inline]
    fn check_field(&self, item: &Item<'_>, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        item.check_text_inline(self, at, errors);
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
}

impl<T: Field> Field for Vec<T> {
    fn check_field(&self, item: &Item<'_>, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        item.check_count(self.len(), at, errors);
        for (index, value) in self.iter().enumerate() {
            value.check_field(item, &at.index(index), errors);
        }
    }
}
