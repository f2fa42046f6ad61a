//! The context every step reports its errors into, as serde_derive's `Ctxt`: a step reports an error
//! and goes on, so that one compile shows every mistake in a struct's attributes.

use std::cell::RefCell;
use std::fmt::Display;

use proc_macro2::Span;
use quote::ToTokens;

/// Errors reported so far. Shared by reference (`&Ctxt`), so that closures reading nested attributes
/// can report too. It must be consumed by [`Ctxt::check`]: dropping it unchecked is a bug in the
/// derive, and panics.
pub struct Ctxt {
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Ctxt { errors: RefCell::new(Some(Vec::new())) }
    }

    /// Reports `message` at `span`, prefixed with `ltcip: `.
    pub fn error(&self, span: Span, message: impl Display) {
        self.syn_error(syn::Error::new(span, format!("ltcip: {message}")));
    }

    /// Reports `message` over all of `tokens` (`syn::Error::new_spanned`), prefixed with `ltcip: `.
    pub fn error_spanned_by(&self, tokens: impl ToTokens, message: impl Display) {
        self.syn_error(syn::Error::new_spanned(tokens.into_token_stream(), format!("ltcip: {message}")));
    }

    /// Reports an error syn made (a syntax error, which stops reading the attribute it is in).
    pub fn syn_error(&self, error: syn::Error) {
        self.errors.borrow_mut().as_mut().expect("errors checked already").push(error);
    }

    /// How many errors have been reported, to tell whether reading a value reported any.
    pub fn count(&self) -> usize {
        self.errors.borrow().as_ref().map_or(0, Vec::len)
    }

    /// Every error reported, combined into one, or none.
    pub fn check(self) -> syn::Result<()> {
        let mut errors = self.errors.borrow_mut().take().expect("errors checked once").into_iter();
        let Some(mut combined) = errors.next() else { return Ok(()) };
        for error in errors {
            combined.combine(error);
        }
        Err(combined)
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if !std::thread::panicking() && self.errors.borrow().is_some() {
            panic!("ltcip-derive: a Ctxt was dropped without Ctxt::check");
        }
    }
}
