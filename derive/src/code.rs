//! `#[derive(Code)]`: an enum of a code list, one unit variant per code. The same three steps as the
//! `Validate` derive, into one [`Ctxt`]:
//!
//! 1. parse: the enum and its `#[ltcip(name = "...")]`, each variant and its
//!    `#[ltcip(code = "...", label = "...")]`, into [`List`] and [`Variant`]s; a value that cannot be
//!    read is reported and left out;
//! 2. check: at least one variant, each with a code, no code empty or given twice, no label empty;
//! 3. emit, when nothing was reported: `ALL`, `as_str` and `label` on the enum, and `ltcip_runtime::Code`,
//!    `FromStr`, `TryFrom<&str>` and `Display`.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Data, DeriveInput, Expr, ExprLit, Fields, Ident, Lit, LitStr, Token};

use crate::ctxt::Ctxt;

/// The enum: its name, the name of the list for errors, and its variants.
struct List<'a> {
    ident: &'a Ident,
    /// `#[ltcip(name = "利用者性別")]`.
    name: Option<LitStr>,
    variants: Vec<Variant<'a>>,
}

/// One variant: `#[ltcip(code = "1", label = "男性")] C1`.
struct Variant<'a> {
    ident: &'a Ident,
    /// The `#[ltcip]` attribute; `None` (reported in `check`) when the variant has none.
    attr: Option<&'a Attribute>,
    code: Option<LitStr>,
    label: Option<LitStr>,
    /// Whether the attribute was read without an error (a variant with one is not judged further).
    whole: bool,
}

/// Parse, check, emit: the impls, or every error the first two steps reported.
pub fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let cx = Ctxt::new();
    let list = parse(&cx, input);
    if let Some(list) = &list {
        check(&cx, list);
    }
    cx.check()?;
    Ok(emit(&list.expect("a list when nothing was reported")))
}

/// Step 1: the enum into a [`List`], or `None` (reported) when it is no enum.
fn parse<'a>(cx: &Ctxt, input: &'a DeriveInput) -> Option<List<'a>> {
    let ident = &input.ident;
    let data = match &input.data {
        Data::Enum(data) => data,
        Data::Struct(data) => {
            let token = data.struct_token;
            cx.error_spanned_by(
                quote!(#token #ident),
                "derive(Code) makes a code list of an enum, one unit variant per code: \
                 `enum GenderCode { #[ltcip(code = \"1\", label = \"男性\")] C1, ... }`",
            );
            return None;
        }
        Data::Union(data) => {
            let token = data.union_token;
            cx.error_spanned_by(
                quote!(#token #ident),
                "derive(Code) makes a code list of an enum, one unit variant per code: \
                 `enum GenderCode { #[ltcip(code = \"1\", label = \"男性\")] C1, ... }`",
            );
            return None;
        }
    };
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(&input.generics, "a code list cannot be generic: its variants are the codes");
    }
    let mut list = List { ident, name: None, variants: Vec::new() };
    for attr in input.attrs.iter().filter(|attr| attr.path().is_ident("ltcip")) {
        let read = attr.parse_nested_meta(|meta| {
            if !meta.path.is_ident("name") {
                cx.error_spanned_by(
                    &meta.path,
                    "unknown code list attribute; the enum takes `name = \"...\"` (what errors call the list), \
                     and each variant `code` and `label`",
                );
                return skip_value(&meta);
            }
            if list.name.is_some() {
                cx.error_spanned_by(&meta.path, "`name` is given twice");
                return skip_value(&meta);
            }
            list.name = string(cx, &meta, "name = \"利用者性別\"")?;
            Ok(())
        });
        if let Err(error) = read {
            cx.syn_error(error);
        }
    }
    for variant in &data.variants {
        list.variants.push(self::variant(cx, variant));
    }
    Some(list)
}

fn variant<'a>(cx: &Ctxt, variant: &'a syn::Variant) -> Variant<'a> {
    let mut read = Variant { ident: &variant.ident, attr: None, code: None, label: None, whole: true };
    if !matches!(variant.fields, Fields::Unit) {
        cx.error_spanned_by(
            &variant.fields,
            "a code is a unit variant: the text it holds on the wire is its `code`, not a field",
        );
    }
    let errors = cx.count();
    for attr in variant.attrs.iter().filter(|attr| attr.path().is_ident("ltcip")) {
        if read.attr.is_some() {
            cx.error_spanned_by(attr, "one #[ltcip(...)] attribute per variant; merge the keys into the first");
        } else {
            read.attr = Some(attr);
        }
        let parsed = attr.parse_nested_meta(|meta| {
            let slot = if meta.path.is_ident("code") {
                &mut read.code
            } else if meta.path.is_ident("label") {
                &mut read.label
            } else {
                cx.error_spanned_by(
                    &meta.path,
                    "unknown code attribute; a variant takes `code = \"1\"` (the value on the wire) and \
                     `label = \"男性\"` (what it means)",
                );
                return skip_value(&meta);
            };
            if slot.is_some() {
                let key = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
                cx.error_spanned_by(&meta.path, format!("`{key}` is given twice"));
                return skip_value(&meta);
            }
            *slot = string(cx, &meta, "code = \"1\", label = \"男性\"")?;
            Ok(())
        });
        if let Err(error) = parsed {
            cx.syn_error(error);
            read.whole = false;
        }
    }
    // A variant whose attribute could not be read whole is not judged: its error says it all.
    if cx.count() > errors {
        read.whole = false;
    }
    read
}

/// The string literal after `key =`; `usage` shows how it is written.
fn string(cx: &Ctxt, meta: &ParseNestedMeta<'_>, usage: &str) -> syn::Result<Option<LitStr>> {
    if !meta.input.peek(Token![=]) {
        cx.error_spanned_by(&meta.path, format!("this key takes a string: `{usage}`"));
        skip_value(meta)?;
        return Ok(None);
    }
    match meta.value()?.parse::<Expr>()? {
        Expr::Lit(ExprLit { lit: Lit::Str(lit), .. }) => Ok(Some(lit)),
        other => {
            cx.error_spanned_by(other, format!("a string literal, as the text is on the wire: `{usage}`"));
            Ok(None)
        }
    }
}

/// Reads past what follows a key (`= value` or `(...)`), so that reading goes on after an error.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<TokenStream>()?;
    }
    Ok(())
}

/// Step 2: what no code list can be.
fn check(cx: &Ctxt, list: &List<'_>) {
    if list.variants.is_empty() {
        cx.error_spanned_by(list.ident, "a code list needs at least one code: a variant with #[ltcip(code = \"...\")]");
    }
    if let Some(name) = &list.name
        && name.value().trim().is_empty()
    {
        cx.error(name.span(), "the list's name cannot be empty; leave `name` out to call it by the enum's name");
    }
    for (index, variant) in list.variants.iter().enumerate() {
        if !variant.whole {
            continue;
        }
        let Some(code) = &variant.code else {
            let ident = variant.ident;
            match variant.attr {
                Some(attr) => cx.error_spanned_by(
                    attr,
                    format!(
                        "variant `{ident}` has no code; write #[ltcip(code = \"...\")] (the value on the wire) in it"
                    ),
                ),
                None => cx.error(
                    ident.span(),
                    format!(
                        "variant `{ident}` has no code; write #[ltcip(code = \"...\")] (the value on the wire) above it"
                    ),
                ),
            }
            continue;
        };
        if code.value().is_empty() {
            cx.error(code.span(), "a code cannot be empty: an empty value counts as absent");
        } else if let Some(first) = list.variants[..index]
            .iter()
            .find(|earlier| earlier.code.as_ref().is_some_and(|earlier| earlier.value() == code.value()))
        {
            cx.error(
                code.span(),
                format!("code {:?} is already the code of `{}`; a code is one variant", code.value(), first.ident),
            );
        }
        if let Some(label) = &variant.label
            && label.value().trim().is_empty()
        {
            cx.error(label.span(), "a label cannot be empty; leave `label` out where the spec gives the code alone");
        }
    }
}

/// Step 3: the inherent items and the impls.
fn emit(list: &List<'_>) -> TokenStream {
    let ident = list.ident;
    let name = list.name.as_ref().map_or_else(|| ident.to_string(), LitStr::value);
    let variants: Vec<&Ident> = list.variants.iter().map(|v| v.ident).collect();
    let codes: Vec<&LitStr> = list.variants.iter().map(|v| v.code.as_ref().expect("checked")).collect();
    let labels: Vec<TokenStream> = list
        .variants
        .iter()
        .map(|v| match &v.label {
            Some(label) => quote!(::core::option::Option::Some(#label)),
            None => quote!(::core::option::Option::None),
        })
        .collect();
    let count = variants.len();
    let span = Span::call_site();
    let text = Ident::new("text", span);
    quote! {
        // A private enum need not use every item.
        #[allow(dead_code)]
        impl #ident {
            /// Every code, in the order the spec lists them.
            pub const ALL: [Self; #count] = [#(Self::#variants),*];

            /// The code as it is on the wire.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(Self::#variants => #codes,)*
                }
            }

            /// What the code means, as the spec writes it; `None` where the spec gives the code alone.
            pub const fn label(self) -> ::core::option::Option<&'static str> {
                match self {
                    #(Self::#variants => #labels,)*
                }
            }
        }

        impl ::ltcip_runtime::Code for #ident {
            const NAME: &'static str = #name;
            const ALL: &'static [Self] = &#ident::ALL;
            const CODES: &'static [&'static str] = &[#(#codes),*];
            const LABELS: &'static [::core::option::Option<&'static str>] = &[#(#labels),*];

            fn as_str(self) -> &'static str {
                #ident::as_str(self)
            }

            fn label(self) -> ::core::option::Option<&'static str> {
                #ident::label(self)
            }
        }

        impl ::core::str::FromStr for #ident {
            type Err = ::ltcip_runtime::UnknownCode;

            fn from_str(#text: &str) -> ::core::result::Result<Self, ::ltcip_runtime::UnknownCode> {
                <Self as ::ltcip_runtime::Code>::parse_code(#text)
            }
        }

        impl<'a> ::core::convert::TryFrom<&'a str> for #ident {
            type Error = ::ltcip_runtime::UnknownCode;

            fn try_from(#text: &'a str) -> ::core::result::Result<Self, ::ltcip_runtime::UnknownCode> {
                <Self as ::ltcip_runtime::Code>::parse_code(#text)
            }
        }

        impl ::core::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(#ident::as_str(*self))
            }
        }
    }
}
