//! `#[derive(Validate)]` for LTCIP layouts.
//!
//! The derive reads `#[ltcip(...)]` attributes written like the rows of a spec table and emits the
//! layout description (`ltcip_runtime::Layout`) and the calls that check each field against it
//! (`ltcip_runtime::Validate`). The rules themselves live in `ltcip-runtime`; this crate only turns
//! attributes into data. The attribute reference is in the `ltcip-runtime` crate docs.
//!
//! # Three steps, one context
//!
//! As in garde's derive, `expand` runs three steps; as in serde_derive, each reports every error
//! it finds into one `ctxt::Ctxt` and goes on, so that one compile shows every mistake in a struct:
//!
//! 1. `parse` reads the struct into the model, `parse::Layout` with one `parse::Item` per
//!    field: each key once, each value in the form its key takes, read into its type (a word of a
//!    `vocab` table, `occurs` and `range` into numbers), with the span it was written at. A value it
//!    cannot read is reported and listed in `unread`; reading goes on with the next key.
//! 2. `check` judges the model: keys missing, keys that do not go together or with the field
//!    type, numbers out of bounds, lists empty or repeating, values that break the item's own rules.
//!    It judges nothing that depends on an unread value (`Item::read`), whose error says it all.
//! 3. Only when nothing was reported, `emit` writes the impls; it reports nothing, and rustc
//!    reports a wrong field type through the `diagnostic::on_unimplemented` helper traits it declares.
//!
//! # Adding an attribute
//!
//! For an item attribute `foo`:
//!
//! 1. `parse::ITEM_KEYS`: `("foo", "foo = ...")`, the key and how it is written, which messages show.
//! 2. `parse::Item`: a field for its value with its span (`Option<(T, Span)>`, a `LitStr` or a
//!    `parse::Word`), `None` in the struct literal in `parse::item`.
//! 3. `parse::item_key`: an arm that reads it with `string`, `whole`, `word`, `flag` or `values`, or a
//!    reader in their shape: report into `cx`, `skip_value` past what it did not consume and return
//!    `Ok(None)`; `Err` is for syn's syntax errors only.
//! 4. `check.rs`: its rules, in `check::text` (`check::number` for 数値, `value_fits` for what codes
//!    and fixed values must fit), or in `occurs_and_type` against the field type. A key that only
//!    means something for text goes in `check::TEXT_KEYS`, so that a リスト item rejects it. A rule
//!    that reads the value of another key runs only if `item.read(&["that_key"])`.
//! 5. `emit.rs`: the call of the runtime builder method that carries it, in `emit::text_rules`
//!    (`Text::foo`) or `emit::description` (`Item::foo`).
//! 6. `vocab.rs`, if it takes words: a table of `(word, runtime variant)`, read by `parse::word` and
//!    turned into the variant in `emit` by `vocab::lookup`.
//! 7. Tests: a `tests/pass/` case that uses it and asserts its `SHAPE`; a `tests/ui/` case for each
//!    message steps 3 and 4 add (`TRYBUILD=overwrite cargo test -p ltcip-derive --test ui`, then read
//!    the `.stderr`). Write each message in place, `cx.error(span, "...")` or
//!    `cx.error_spanned_by(tokens, format!("..."))`: `tests/ui.rs` reads them from the source and fails
//!    on one that no `.stderr` shows.
//! 8. The attribute table in the `ltcip-runtime` crate docs (`runtime/src/lib.rs`); for generated
//!    layouts, the codegen's lowering (`codegen/src/lowering.rs`) and the attribute it prints.
//!
//! `#[derive(Code)]` (an enum of a code list) takes the same three steps in its own module, `code`,
//! into its own `Ctxt`; the `Validate` derive's `code_type` item key names such an enum.
//!
//! A struct attribute takes the same steps through `parse::STRUCT_KEYS`, a field on `parse::Layout`,
//! an arm in `parse::struct_key`, its rules in `check::layout` and its emission in `emit::layout`.

mod check;
mod code;
mod ctxt;
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
    expand(&input).unwrap_or_else(syn::Error::into_compile_error).into()
}

/// Derives `ltcip_runtime::Code` for an enum of a code list, one unit variant per code, each with
/// `#[ltcip(code = "...", label = "...")]`; also `FromStr`, `TryFrom<&str>`, `Display`, and the
/// inherent `ALL`, `as_str()` and `label()`. See `ltcip_runtime::code`.
#[proc_macro_derive(Code, attributes(ltcip))]
pub fn derive_code(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    code::expand(&input).unwrap_or_else(syn::Error::into_compile_error).into()
}

/// Parse, check, emit: the impls, or every error the first two steps reported.
fn expand(input: &DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    let cx = ctxt::Ctxt::new();
    let layout = parse::layout(&cx, input);
    if let Some(layout) = &layout {
        check::layout(&cx, layout);
    }
    cx.check()?;
    Ok(emit::layout(&layout.expect("a layout when nothing was reported")))
}
