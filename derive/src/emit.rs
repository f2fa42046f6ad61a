//! Step 3: emit `Layout` (the items as constants), `Validate` (one check call per field) and `Field`
//! (so the struct can sit inside another layout).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
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
        if item.custom_type.is_some() {
            // The user's own type is checked through the text it dereferences to.
            let text = custom_text(item);
            return quote_spanned! {item.ty_span()=>
                ::ltcip_runtime::Field::check_field(#text, &items[#index], &at.key(items[#index].key), errors);
            };
        }
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
            let texts = items.iter().map(|item| match item.custom_type {
                Some(_) => custom_text(item),
                None => {
                    let field = item.ident;
                    quote!(&self.#field)
                }
            });
            quote! {
                ::ltcip_runtime::check_conditions(
                    items,
                    &[#(::ltcip_runtime::Field::field_text(#texts)),*],
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
    let codes = code_accessors(layout, &items);
    let (generics, ty_generics, where_clause) = layout.generics.split_for_impl();
    quote! {
        #csv
        #codes

        impl #generics ::ltcip_runtime::Layout for #ident #ty_generics #where_clause {
            const SHAPE: &'static ::ltcip_runtime::Shape<'static> = {
                #record
                &::ltcip_runtime::Shape::new(#title, &[#(#descriptions),*])#named
            };
        }

        impl #generics ::ltcip_runtime::Validate for #ident #ty_generics #where_clause {
            #validate
        }

        impl #generics ::ltcip_runtime::Field for #ident #ty_generics #where_clause {
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
/// `__LtcipText` holds a text item: `String`, `CompactString`, `CowStr` or `Secret`, alone or in an
/// `Option` or `Vec`. A derived struct is a `Field` too, but as a text item it would be an object where the layout
/// says a string (and the untyped check in `ltcip_runtime::json` would say so), so only a リスト may
/// hold one.
fn text() -> TokenStream {
    quote! {
        #[diagnostic::on_unimplemented(
            message = "ltcip: a field of type `{Self}` cannot hold a text item's value",
            label = "not `String`, `CompactString`, `CowStr` or `Secret`, or an `Option` or `Vec` of them",
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
        impl __LtcipText for ::ltcip_runtime::CowStr<'_> {}
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

/// The text of a `custom_type` field, as a `Field`: `&str`, `&Option<&str>` or `&Vec<&str>` (and an
/// `Option` of that), through the type's `Deref<Target = str>`.
fn custom_text(item: &Item<'_>) -> TokenStream {
    let field = item.ident;
    let texts = quote!(iter().map(|value| &**value).collect::<::std::vec::Vec<&str>>());
    match (item.shape.option, item.shape.vec_of.is_some()) {
        (false, false) => quote!(::core::ops::Deref::deref(&self.#field)),
        (true, false) => quote!(&self.#field.as_deref()),
        (false, true) => quote!(&self.#field.#texts),
        (true, true) => quote!(&self.#field.as_ref().map(|values| values.#texts)),
    }
}

/// For each item with a `code_type`: an accessor named after the field that reads its text as the
/// enum (`gender_code`, or `gender_codes` for a repeated item), and a compile-time check that the
/// enum has exactly the codes the item is validated against (`codes(...)` and `also(...)`).
fn code_accessors(layout: &Layout<'_>, items: &[&Item<'_>]) -> Option<TokenStream> {
    let coded: Vec<(&Item<'_>, &syn::Path)> =
        items.iter().filter_map(|item| item.code_type.as_ref().map(|path| (*item, path))).collect();
    if coded.is_empty() {
        return None;
    }
    let ident = layout.ident;
    let mut accessors = TokenStream::new();
    let mut checks = TokenStream::new();
    for (item, path) in coded {
        let field = item.ident;
        let vis = item.vis;
        let unraw = syn::ext::IdentExt::unraw(field).to_string();
        let from_code = quote_spanned!(syn::spanned::Spanned::span(path)=> <#path as ::ltcip_runtime::Code>::from_code);
        let no = item.no.as_ref().map(syn::LitStr::value).unwrap_or_default();
        let name = item.name.as_ref().map(syn::LitStr::value).unwrap_or_default();
        let plain = path.leading_colon.is_none() && path.segments.iter().all(|s| s.arguments.is_none());
        let written: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let shown = if plain { format!("[`{}`]", written.join("::")) } else { format!("`{}`", written.join("::")) };
        let (accessor, doc, body, ty) = if item.shape.vec_of.is_some() {
            let values =
                if item.shape.option { quote!(self.#field.iter().flatten()) } else { quote!(self.#field.iter()) };
            (
                format_ident!("{unraw}_codes"),
                format!(
                    "{no} {name}: each value as a {shown}, `None` where it is no code of the list (`validate()` \
                     reports it; the field keeps the text)."
                ),
                quote!(#values.map(|value| #from_code(value))),
                quote!(impl ::core::iter::Iterator<Item = ::core::option::Option<#path>> + '_),
            )
        } else {
            let body = if item.shape.option {
                quote!(self.#field.as_deref().and_then(#from_code))
            } else {
                quote!(#from_code(&self.#field))
            };
            (
                format_ident!("{unraw}_code"),
                format!(
                    "{no} {name} as a {shown}: `None` when the item is absent or its text is no code of the list \
                     (`validate()` reports such a text; the field keeps it)."
                ),
                body,
                quote!(::core::option::Option<#path>),
            )
        };
        accessors.extend(quote! {
            #[doc = #doc]
            #vis fn #accessor(&self) -> #ty {
                #body
            }
        });
        let codes = item.codes.iter().flat_map(|(codes, _)| codes);
        let also = item.also.iter().flat_map(|(values, _)| values);
        let message = format!(
            "ltcip: the codes of `{}` are not those `codes(...)` and `also(...)` allow for field `{unraw}`",
            written.join("::")
        );
        checks.extend(quote_spanned! {syn::spanned::Spanned::span(path)=>
            const _: () = ::core::assert!(
                ::ltcip_runtime::code::same_codes(<#path as ::ltcip_runtime::Code>::CODES, &[#(#codes,)* #(#also),*]),
                #message
            );
        });
    }
    let (generics, ty_generics, where_clause) = layout.generics.split_for_impl();
    Some(quote! {
        impl #generics #ident #ty_generics #where_clause {
            #accessors
        }
        #checks
    })
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
    let fields: Vec<&Item<'_>> = layout.fields.iter().filter(|i| i.skip.is_none()).collect();
    let columns: Vec<&Ident> = fields.iter().map(|i| i.ident).collect();
    let skipped = layout.fields.iter().filter(|i| i.skip.is_some()).map(|i| i.ident);
    // A field of the user's own type is made `From<&str>` and read through its `Deref<Target = str>`;
    // the others are `Column`s.
    let text = quote!(columns.next().unwrap_or_default());
    let from_text: Vec<TokenStream> = fields
        .iter()
        .map(|item| match item.custom_type {
            Some(_) => {
                let scalar = item.shape.scalar;
                if item.shape.option {
                    quote!({
                        let text: &str = #text;
                        (!text.is_empty()).then(|| <#scalar as ::core::convert::From<&str>>::from(text))
                    })
                } else {
                    quote!(<#scalar as ::core::convert::From<&str>>::from(#text))
                }
            }
            None => quote!(::ltcip_runtime::csv::Column::from_text(#text)),
        })
        .collect();
    let assign = fields.iter().zip(&from_text).map(|(item, from_text)| {
        let field = item.ident;
        match item.custom_type {
            Some(_) => quote!(self.#field = #from_text;),
            None => quote!(::ltcip_runtime::csv::Column::assign(&mut self.#field, #text);),
        }
    });
    let texts = fields.iter().map(|item| {
        let field = item.ident;
        match (item.custom_type, item.shape.option) {
            (Some(_), false) => quote!(::core::ops::Deref::deref(&self.#field)),
            (Some(_), true) => quote!(self.#field.as_deref().unwrap_or_default()),
            (None, _) => quote!(::ltcip_runtime::csv::Column::text(&self.#field)),
        }
    });
    // A record of no columns never calls `f`; an unused argument would be a warning in the user's crate.
    let f = if columns.is_empty() { quote!(_f) } else { quote!(f) };
    let columns_arg = if columns.is_empty() { quote!(_columns) } else { quote!(columns) };
    quote! {
        impl ::ltcip_runtime::csv::Record for #ident {
            fn from_columns(
                columns: &mut dyn ::core::iter::Iterator<Item = &str>,
            ) -> Self {
                Self {
                    #(#columns: #from_text,)*
                    #(#skipped: ::core::default::Default::default(),)*
                }
            }

            fn assign_columns(&mut self, #columns_arg: &mut ::ltcip_runtime::csv::Columns<'_>) {
                #(#assign)*
            }

            fn for_each_column(&self, #f: &mut dyn ::core::ops::FnMut(&str)) {
                #(f(#texts);)*
            }
        }
    }
}
