//! `#[derive(Validate)]` for LTCIP layouts.
//!
//! The derive reads `#[ltcip(...)]` attributes written like the rows of a spec table and emits the
//! layout description (`ltcip_runtime::Layout`) and the calls that check each field against it
//! (`ltcip_runtime::Validate`). The rules themselves live in `ltcip-runtime`; this crate only turns
//! attributes into data, in three steps: [`parse`] the attributes, [`check`] them against each other
//! and the field types, [`emit`] the impls. The attribute reference is in the `ltcip-runtime` docs.

mod check;
mod emit;
mod parse;
mod vocab;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `ltcip_runtime::Validate`, `ltcip_runtime::Layout` and `ltcip_runtime::Field` from
/// `#[ltcip(...)]` item attributes. See the `ltcip-runtime` crate docs for the attributes.
#[proc_macro_derive(Validate, attributes(ltcip))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    parse::layout(&input)
        .and_then(|layout| check::layout(&layout).map(|()| layout))
        .map(|layout| emit::layout(&layout))
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
