//! The traits generated types implement.

use crate::error::ValidationErrors;
use crate::item::{Mode, Shape};
use crate::pointer::Pointer;

/// A value that can be checked against its layout, reporting every violation at once.
pub trait Validate {
    /// Checks the value as found at `at` in a larger document, appending every violation to `errors`.
    fn validate_at(&self, at: &Pointer<'_>, errors: &mut ValidationErrors);

    /// Checks the value as a whole document. `Ok(())` when it breaks no rule; otherwise every
    /// violation, in layout order: items in the order of the spec table, records in array order. That
    /// is document order for a document that writes its members in the spec's order; a typed value
    /// does not remember any other.
    fn validate(&self) -> Result<(), ValidationErrors> {
        self.validate_with(Mode::Final)
    }

    /// [`Validate::validate`] in `mode`: which of the spec's 必須 marks apply (LIFE's 仮取込 requires
    /// fewer items than 確定取込, see [`Mode`]). `validate()` is `validate_with(Mode::Final)`.
    fn validate_with(&self, mode: Mode) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::with_mode(mode);
        self.validate_at(&Pointer::Root, &mut errors);
        errors.into_result()
    }
}

/// A type generated from (or written after) a layout table: it knows the table it came from.
pub trait Layout: Validate {
    /// The layout's items, as the spec table gives them.
    const SHAPE: &'static Shape<'static>;
}
