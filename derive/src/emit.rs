//! Step 3: emit `Layout` (the items as constants), `Validate` (one check call per field) and `Field`
//! (so the struct can sit inside another layout).

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

use crate::parse::{Item, Layout};
use crate::vocab::{self, DataType};

pub fn layout(layout: &Layout<'_>) -> TokenStream {
    let ident = layout.ident;
    let title = layout.name.as_ref().map_or_else(|| ident.to_string(), syn::LitStr::value);
    let items: Vec<&Item<'_>> = layout.fields.iter().filter(|i| i.skip.is_none()).collect();
    let descriptions = items.iter().map(|item| description(item, layout));
    let checks = items.iter().enumerate().map(|(index, item)| {
        let (field, ty) = (item.ident, item.ty);
        let via = if item.is_list() { quote!(__LtcipField) } else { quote!(__LtcipText) };
        quote_spanned! {item.ty_span()=>
            <#ty as #via>::check(&self.#field, &items[#index], &at.key(items[#index].key), errors);
        }
    });
    let validate = if items.is_empty() {
        // Nothing to check: name the arguments so that an empty layout compiles without warnings.
        quote! {
            fn validate_at(
                &self,
                _at: &::ltcip_runtime::Pointer<'_>,
                _errors: &mut ::ltcip_runtime::ValidationErrors,
            ) {
            }
        }
    } else {
        // Declared only when used, so that no helper is dead code.
        let item_field = items.iter().any(|item| item.is_list()).then(item_field);
        let text = items.iter().any(|item| !item.is_list()).then(text);
        // Only a record some of whose items are required under conditions checks them.
        let conditional = items.iter().any(|item| item.required.as_ref().is_some_and(|r| r.when.is_some()));
        let conditions = conditional.then(|| {
            let fields = items.iter().map(|item| item.ident);
            quote! {
                ::ltcip_runtime::check_conditions(
                    items,
                    &[#(::ltcip_runtime::Field::field_text(&self.#fields)),*],
                    at,
                    errors,
                );
            }
        });
        quote! {
            fn validate_at(
                &self,
                at: &::ltcip_runtime::Pointer<'_>,
                errors: &mut ::ltcip_runtime::ValidationErrors,
            ) {
                #item_field
                #text
                let items = <Self as ::ltcip_runtime::Layout>::SHAPE.items;
                #(#checks)*
                #conditions
            }
        }
    };
    let record = items.iter().any(|item| item.is_list()).then(record);
    let csv = layout.csv.map(|_| csv_record(layout));
    let named = layout.csv_id.as_ref().map(|id| quote!(.named(#id)));
    quote! {
        #csv

        impl ::ltcip_runtime::Layout for #ident {
            const SHAPE: &'static ::ltcip_runtime::Shape<'static> = {
                #record
                &::ltcip_runtime::Shape::new(#title, &[#(#descriptions),*])#named
            };
        }

        impl ::ltcip_runtime::Validate for #ident {
            #validate
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

/// Field checks go through one of two helper traits, for the error a wrong field type gets. Without
/// them, a `u32` for a 半角数字 item would be a bare unmet `Field` bound listing every implementor, this
/// struct included; `do_not_recommend` makes rustc report the helper's message instead.
///
/// The helpers are declared in the scope where the user's field types are resolved, so a plain name
/// (`Record`) would shadow the user's own type of that name: hence the `__Ltcip` prefix.
///
/// `__LtcipText` holds a text item: `String`, `CompactString` or `Secret`, alone or in an `Option` or
/// `Vec`. A derived struct is a `Field` too, but as a text item it would be an object where the layout
/// says a string (and the untyped check in `ltcip_runtime::json` would say so), so only a リスト may
/// hold one.
fn text() -> TokenStream {
    quote! {
        #[diagnostic::on_unimplemented(
            message = "ltcip: a field of type `{Self}` cannot hold a text item's value",
            label = "not `String`, `CompactString` or `Secret`, or an `Option` or `Vec` of them",
            note = "values are text on the wire, 半角数字 included; a struct is the record of a リスト item \
                    (`data_type = \"リスト\"` on a `Vec` of it)"
        )]
        trait __LtcipText: ::ltcip_runtime::Field {
            #[inline]
            fn check(
                &self,
                item: &::ltcip_runtime::Item<'_>,
                at: &::ltcip_runtime::Pointer<'_>,
                errors: &mut ::ltcip_runtime::ValidationErrors,
            ) {
                ::ltcip_runtime::Field::check_field(self, item, at, errors);
            }
        }
        impl __LtcipText for ::std::string::String {}
        impl __LtcipText for ::ltcip_runtime::CompactString {}
        impl __LtcipText for ::ltcip_runtime::Secret {}
        #[diagnostic::do_not_recommend]
        impl<T: __LtcipText> __LtcipText for ::core::option::Option<T> {}
        #[diagnostic::do_not_recommend]
        impl<T: __LtcipText> __LtcipText for ::std::vec::Vec<T> {}
    }
}

/// `__LtcipField` holds a リスト item: any `Field`, the records being held to `Layout` by
/// `__LtcipRecord`.
fn item_field() -> TokenStream {
    quote! {
        #[diagnostic::on_unimplemented(
            message = "ltcip: a field of type `{Self}` cannot hold a リスト item's records",
            label = "not a `Vec` (or `Option<Vec<_>>`) of a struct that derives `Validate`"
        )]
        trait __LtcipField {
            fn check(
                &self,
                item: &::ltcip_runtime::Item<'_>,
                at: &::ltcip_runtime::Pointer<'_>,
                errors: &mut ::ltcip_runtime::ValidationErrors,
            );
        }
        #[diagnostic::do_not_recommend]
        impl<T: ::ltcip_runtime::Field + ?::core::marker::Sized> __LtcipField for T {
            #[inline]
            fn check(
                &self,
                item: &::ltcip_runtime::Item<'_>,
                at: &::ltcip_runtime::Pointer<'_>,
                errors: &mut ::ltcip_runtime::ValidationErrors,
            ) {
                ::ltcip_runtime::Field::check_field(self, item, at, errors);
            }
        }
    }
}

/// `__LtcipRecord`, through which a リスト item reaches its records' shape, for the same reason: a
/// `Vec<String>` リスト would otherwise be an unmet `Layout` bound pointing at this struct's impl.
fn record() -> TokenStream {
    quote! {
        #[diagnostic::on_unimplemented(
            message = "ltcip: `{Self}` cannot be the record of a リスト item",
            label = "not a struct that derives `Validate`",
            note = "a リスト item is a `Vec` (or `Option<Vec<_>>`) of a struct that derives `Validate`; a list of \
                    text values is a repeated item instead: `occurs = \"0..n\"` without `data_type = \"リスト\"`"
        )]
        trait __LtcipRecord {
            const SHAPE: &'static ::ltcip_runtime::Shape<'static>;
        }
        #[diagnostic::do_not_recommend]
        impl<T: ::ltcip_runtime::Layout> __LtcipRecord for T {
            const SHAPE: &'static ::ltcip_runtime::Shape<'static> = <T as ::ltcip_runtime::Layout>::SHAPE;
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
    let kind = if item.is_list() {
        let element = item.shape.vec_of.expect("checked");
        quote_spanned! {syn::spanned::Spanned::span(element)=>
            ::ltcip_runtime::Kind::List(<#element as __LtcipRecord>::SHAPE)
        }
    } else {
        let text = text_rules(item, layout);
        quote!(::ltcip_runtime::Kind::Text(#text))
    };
    let secret = item.secret.map(|_| quote!(.secret()));
    let free_text = item.free_text.map(|_| quote!(.free_text()));
    let uniform = item.uniform.map(|_| quote!(.uniform()));
    let quoted = item.quoted.map(|_| quote!(.quoted()));
    // In a named-column (LIFE) file one half-width space deletes a value: Null for every check.
    let space_is_null = layout.csv_id.as_ref().map(|_| quote!(.space_is_null()));
    let required = item.required.as_ref().map(|required| {
        let mode = Ident::new(required.mode.map_or("Draft", |(variant, _)| variant), Span::call_site());
        let clauses = required.when.iter().flat_map(|(clauses, _)| clauses).map(|clause| {
            // The other item's wire key: `check` made sure the clause names an item.
            let key = &layout.fields[clause.item.expect("checked")].key;
            let values = &clause.values;
            quote!(::ltcip_runtime::Clause::new(#key, &[#(#values),*]))
        });
        quote!(.required(::ltcip_runtime::Requirement::new(::ltcip_runtime::Mode::#mode, &[#(#clauses),*])))
    });
    quote! {
        ::ltcip_runtime::Item::new(#no, #name, #key, ::ltcip_runtime::Occurs::new(#min, #max), #kind)
            #secret #free_text #uniform #quoted #space_is_null #required
    }
}

fn text_rules(item: &Item<'_>, layout: &Layout<'_>) -> TokenStream {
    let mut text = quote!(::ltcip_runtime::Text::new());
    if let Some((DataType::Class(class), _)) = item.data_type {
        let class = Ident::new(class, Span::call_site());
        text = quote!(#text.chars(::ltcip_runtime::CharClass::#class));
    }
    let number = item.is_number();
    if number {
        // 数値: the number rule decides the characters and the digits; there is no length rule.
        let integer = item.digits.map_or(u32::MAX, |(digits, _)| digits);
        let fraction = item.decimals.map_or(0, |(decimals, _)| decimals);
        text = quote!(#text.decimal(#integer, #fraction));
    } else if let Some((digits, _)) = item.digits {
        let unit_word = item.unit.or(layout.unit).map_or("chars", |w| w.value);
        let unit = vocab::lookup(vocab::UNITS, unit_word).expect("parsed from the vocabulary");
        let unit = Ident::new(unit, Span::call_site());
        let fixed = item.fixed_length.is_some_and(|(fixed, _)| fixed);
        let ctor = Ident::new(if fixed { "fixed" } else { "variable" }, Span::call_site());
        text = quote!(#text.length(::ltcip_runtime::Length::#ctor(#digits, ::ltcip_runtime::LengthUnit::#unit)));
    }
    if let Some(word) = item.repertoire.or(layout.repertoire) {
        let variant = vocab::lookup(vocab::REPERTOIRES, word.value).expect("parsed from the vocabulary");
        let variant = Ident::new(variant, Span::call_site());
        text = quote!(#text.repertoire(::ltcip_runtime::Repertoire::#variant));
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
    if let Some(pattern) = &item.pattern {
        text = quote!(#text.pattern(#pattern));
    }
    if let Some((values, _)) = &item.also {
        text = quote!(#text.also(&[#(#values),*]));
    }
    if let Some((min, max, _)) = &item.range {
        let bound = |bound: &Option<f64>| match bound {
            // A negative literal is a minus sign and a literal, as the user would write it.
            Some(value) if value.is_sign_negative() => {
                let value = proc_macro2::Literal::f64_unsuffixed(-*value);
                quote!(::core::option::Option::Some(-#value))
            }
            Some(value) => {
                let value = proc_macro2::Literal::f64_unsuffixed(*value);
                quote!(::core::option::Option::Some(#value))
            }
            None => quote!(::core::option::Option::None),
        };
        let (min, max) = (bound(min), bound(max));
        text = quote!(#text.range(::ltcip_runtime::Range::new(#min, #max)));
    }
    text
}

/// `csv::Record` for a `#[ltcip(csv)]` struct: the fields are the columns, in declaration order (for
/// `csv(id = "...")`, in the layout's order, which line 2 of a file maps its columns to).
fn csv_record(layout: &Layout<'_>) -> TokenStream {
    let ident = layout.ident;
    let columns: Vec<&Ident> = layout.fields.iter().filter(|i| i.skip.is_none()).map(|i| i.ident).collect();
    let skipped = layout.fields.iter().filter(|i| i.skip.is_some()).map(|i| i.ident);
    // A record of no columns never calls `f`; an unused argument would be a warning in the user's crate.
    let f = if columns.is_empty() { quote!(_f) } else { quote!(f) };
    let columns_arg = if columns.is_empty() { quote!(_columns) } else { quote!(columns) };
    quote! {
        impl ::ltcip_runtime::csv::Record for #ident {
            fn from_columns(
                columns: &mut dyn ::core::iter::Iterator<Item = &str>,
            ) -> Self {
                Self {
                    #(#columns: ::ltcip_runtime::csv::Column::from_text(columns.next().unwrap_or_default()),)*
                    #(#skipped: ::core::default::Default::default(),)*
                }
            }

            fn assign_columns(&mut self, #columns_arg: &mut ::ltcip_runtime::csv::Columns<'_>) {
                #(::ltcip_runtime::csv::Column::assign(&mut self.#columns, columns.next().unwrap_or_default());)*
            }

            fn for_each_column(&self, #f: &mut dyn ::core::ops::FnMut(&str)) {
                #(f(::ltcip_runtime::csv::Column::text(&self.#columns));)*
            }
        }
    }
}
