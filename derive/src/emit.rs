//! Step 3: emit `Layout` (the items as constants), `Validate` (one check call per field) and `Field`
//! (so the struct can sit inside another layout).

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

use crate::check::{is_list, type_shape};
use crate::parse::{Item, Layout};
use crate::vocab;

pub fn layout(layout: &Layout<'_>) -> TokenStream {
    let ident = layout.ident;
    let title = layout.name.as_ref().map_or_else(|| ident.to_string(), syn::LitStr::value);
    let items: Vec<&Item<'_>> = layout.fields.iter().filter(|i| !i.skip).collect();
    let descriptions = items.iter().map(|item| description(item, layout));
    let checks = items.iter().enumerate().map(|(index, item)| {
        let field = item.ident;
        quote_spanned! {item.ty_span()=>
            ::ltcip_runtime::Field::check_field(&self.#field, &items[#index], &at.key(items[#index].key), errors);
        }
    });
    quote! {
        impl ::ltcip_runtime::Layout for #ident {
            const SHAPE: &'static ::ltcip_runtime::Shape<'static> =
                &::ltcip_runtime::Shape::new(#title, &[#(#descriptions),*]);
        }

        impl ::ltcip_runtime::Validate for #ident {
            fn validate_at(
                &self,
                at: &::ltcip_runtime::Pointer<'_>,
                errors: &mut ::ltcip_runtime::ValidationErrors,
            ) {
                let items = <Self as ::ltcip_runtime::Layout>::SHAPE.items;
                #(#checks)*
            }
        }

        impl ::ltcip_runtime::Field for #ident {
            fn check_field(
                &self,
                _item: &::ltcip_runtime::Item<'_>,
                at: &::ltcip_runtime::Pointer<'_>,
                errors: &mut ::ltcip_runtime::ValidationErrors,
            ) {
                ::ltcip_runtime::Validate::validate_at(self, at, errors);
            }
        }
    }
}

impl Item<'_> {
    fn ty_span(&self) -> Span {
        syn::spanned::Spanned::span(self.ty)
    }
}

/// `Item::new(no, name, key, occurs, kind)` for one field.
fn description(item: &Item<'_>, layout: &Layout<'_>) -> TokenStream {
    let no = item.no.as_ref().expect("checked");
    let name = item.name.as_ref().expect("checked");
    let key = &item.key;
    let min = item.occurs.min;
    let max = match item.occurs.max {
        Some(max) => quote!(::core::option::Option::Some(#max)),
        None => quote!(::core::option::Option::None),
    };
    let kind = if is_list(item) {
        let shape = type_shape(item.ty);
        let element = shape.vec_of.expect("checked");
        quote_spanned! {syn::spanned::Spanned::span(element)=>
            ::ltcip_runtime::Kind::List(<#element as ::ltcip_runtime::Layout>::SHAPE)
        }
    } else {
        let text = text_rules(item, layout);
        quote!(::ltcip_runtime::Kind::Text(#text))
    };
    let secret = item.secret.map(|_| quote!(.secret()));
    quote! {
        ::ltcip_runtime::Item::new(#no, #name, #key, ::ltcip_runtime::Occurs::new(#min, #max), #kind)#secret
    }
}

fn text_rules(item: &Item<'_>, layout: &Layout<'_>) -> TokenStream {
    let mut text = quote!(::ltcip_runtime::Text::new());
    if let Some((Some(class), _)) = item.data_type {
        let class = Ident::new(class, Span::call_site());
        text = quote!(#text.chars(::ltcip_runtime::CharClass::#class));
    }
    if let Some((digits, _)) = item.digits {
        let unit_word = item.unit.or(layout.unit).map_or("chars", |w| w.value);
        let unit = vocab::lookup(vocab::UNITS, unit_word).expect("parsed from the vocabulary");
        let unit = Ident::new(unit, Span::call_site());
        let fixed = item.fixed_length.is_some_and(|(fixed, _)| fixed);
        let ctor = Ident::new(if fixed { "fixed" } else { "variable" }, Span::call_site());
        text = quote!(#text.length(::ltcip_runtime::Length::#ctor(#digits, ::ltcip_runtime::LengthUnit::#unit)));
    }
    if let Some(fixed) = &item.fixed {
        text = quote!(#text.fixed(#fixed));
    }
    if let Some((codes, _)) = &item.codes {
        text = quote!(#text.codes(&[#(#codes),*]));
    }
    if let Some(date) = item.date {
        let variant = vocab::lookup(vocab::DATE_FORMATS, date.value).expect("parsed from the vocabulary");
        let variant = Ident::new(variant, Span::call_site());
        text = quote!(#text.date(::ltcip_runtime::DateFormat::#variant));
    }
    text
}
