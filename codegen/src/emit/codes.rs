//! Code lists as enums: one `#[derive(Code)]` enum per distinct code list of a module, emitted after
//! its structs, and the `code_type` that names it on each item.
//!
//! An item has a code list when its lowered rules check its text against codes
//! ([`TextRules::codes`](crate::lowering::TextRules::codes), so that a fixed value, which wins over a
//! code list, makes none); the enum holds exactly the values the check accepts: the codes, then any
//! value `also` allows, each with the label the spec gives it. Items of one module whose lists are
//! equal (the same codes, labels and order) share one enum, named after the first of them in layout
//! order; every other item sharing it gets a type alias named after itself, so that the codes of an
//! item `key` are `<Key>Code` whichever items share them. A name already taken (by a struct, or by
//! another list for an item of the same key elsewhere in the module) is tried again under the
//! record's type (`ResponseBodyCareLevelCode`); a name taken both ways is an error. Lists are not
//! shared across modules: each module stands alone (a build may generate some layouts only).
//!
//! The variants are named by [`naming::code_variants`] (the codes, the labels, or `C` and the code,
//! one rule per list). Each module also gets `CODED_ITEMS`, every coded item with its enum behind
//! plain functions, which is how a test reaches every list of a spec without naming the enums.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::{doc_attrs, literal, naming};
use crate::diag::Diagnostics;
use crate::lowering::ItemRules;
use crate::model::Item;

/// The code lists of one module, in the order first met.
#[derive(Default)]
pub(super) struct CodeLists {
    lists: Vec<List>,
    /// Every enum and alias name given, and the list it names.
    names: BTreeMap<String, usize>,
    /// How many items use a list so far.
    users: usize,
}

/// One distinct list: its enum and the items that use it.
struct List {
    /// Each value the check accepts, with its label.
    codes: Vec<(String, Option<String>)>,
    /// Each code's variant.
    variants: Vec<String>,
    /// The enum's name: the first item's.
    name: String,
    /// The first item's 項目名: what errors call the list.
    title: String,
    /// The items using the list, each with the type name it uses (the enum's, or an alias).
    users: Vec<User>,
}

/// An item whose text is read as the list.
struct User {
    /// The enum's name, or the alias the item uses.
    name: String,
    /// `Record::gender`.
    field: String,
    /// `Record::gender_code` (or `_codes` for a repeated item).
    accessor: String,
    /// `10 利用者性別`.
    item: String,
    /// 項番 and 項目名, apart.
    no: String,
    item_name: String,
    /// The struct, the field and the accessor as written in code.
    parent: Ident,
    field_ident: Ident,
    accessor_ident: Ident,
    /// How the field holds its text: `Option<T>` (出現回数 最小 0) or `Vec<T>` (repeated).
    optional: bool,
    repeated: bool,
    /// The item's place among the module's coded items.
    order: usize,
}

impl CodeLists {
    /// The type the codes of `item` (field `field` of struct `parent`) are read as, or `None` when it
    /// has no code list (or no enum can be made of it, which is reported).
    pub(super) fn type_for(
        &mut self,
        item: &Item,
        rules: &ItemRules,
        parent: &str,
        field: &Ident,
        taken: &mut BTreeMap<String, String>,
        diagnostics: &mut Diagnostics,
    ) -> Option<Ident> {
        // A secret is never read out.
        let text = rules.text.as_ref().filter(|text| !text.codes.is_empty() && !rules.secret)?;
        let key = item.key.as_deref()?;
        let label =
            |value: &str| item.rules.codes.iter().find(|code| code.value == value).and_then(|c| c.label.clone());
        let codes: Vec<(String, Option<String>)> = text
            .codes
            .iter()
            .chain(text.also.iter().filter(|value| !text.codes.contains(value)))
            .map(|value| (value.clone(), label(value)))
            .collect();
        let title = format!("{} {}", item.no, item.name);
        let variants = naming::code_variants(&codes);
        for (index, variant) in variants.iter().enumerate() {
            if let Some(earlier) = variants[..index].iter().position(|other| other == variant) {
                diagnostics.warning(
                    item.origin.clone(),
                    format!(
                        "codes {:?} and {:?} of {title} both become variant `{variant}`: the item gets no enum of its \
                         codes (they are still checked)",
                        codes[earlier].0, codes[index].0
                    ),
                );
                return None;
            }
        }
        let existing = self.lists.iter().position(|list| list.codes == codes);
        let mut tried = Vec::new();
        for prefix in [None, Some(parent)] {
            let name = match naming::code_type(prefix, key) {
                Ok(name) => name,
                Err(message) => {
                    diagnostics.error(item.origin.clone(), message);
                    return None;
                }
            };
            let index = match self.names.get(&name) {
                // The same list under the same name (the same key elsewhere in the module).
                Some(&index) if Some(index) == existing => index,
                Some(_) => {
                    tried.push(name);
                    continue;
                }
                None if taken.contains_key(&name) => {
                    tried.push(name);
                    continue;
                }
                None => {
                    taken.insert(name.clone(), format!("the codes of {title}"));
                    self.names.insert(name.clone(), existing.unwrap_or(self.lists.len()));
                    match existing {
                        Some(index) => index,
                        None => {
                            self.lists.push(List {
                                codes,
                                variants,
                                name: name.clone(),
                                title: item.name.clone(),
                                users: Vec::new(),
                            });
                            self.lists.len() - 1
                        }
                    }
                }
            };
            let repeated = !item.is_list() && item.occurs.max.is_none_or(|max| max > 1);
            let unraw = field.to_string().trim_start_matches("r#").to_owned();
            let accessor = format!("{unraw}_{}", if repeated { "codes" } else { "code" });
            self.lists[index].users.push(User {
                name: name.clone(),
                field: format!("{parent}::{field}"),
                accessor: format!("{parent}::{accessor}"),
                item: title,
                no: item.no.clone(),
                item_name: item.name.clone(),
                parent: Ident::new(parent, Span::call_site()),
                field_ident: field.clone(),
                accessor_ident: Ident::new(&accessor, Span::call_site()),
                optional: item.occurs.min == 0,
                repeated,
                order: self.users,
            });
            self.users += 1;
            return Some(Ident::new(&name, Span::call_site()));
        }
        let taken_by =
            |name: &String| taken.get(name).cloned().unwrap_or_else(|| format!("the codes of another list ({name})"));
        diagnostics.error(
            item.origin.clone(),
            format!(
                "the enum of the codes of {title} would be `{}` or `{}`, both already used (by {} and {})",
                tried[0],
                tried[1],
                taken_by(&tried[0]),
                taken_by(&tried[1])
            ),
        );
        None
    }

    /// The enums, each followed by the aliases of the items that share it, then `CODED_ITEMS`.
    pub(super) fn items(&self) -> Vec<TokenStream> {
        let mut items = Vec::new();
        for list in &self.lists {
            items.push(enum_tokens(list));
            let mut aliased = Vec::new();
            for user in list.users.iter().filter(|user| user.name != list.name) {
                if aliased.contains(&&user.name) {
                    continue;
                }
                aliased.push(&user.name);
                let docs = doc_attrs(&format!(
                    "The codes of {} ([`{}`]): the same list as [`{}`], which other items share.",
                    user.item, user.field, list.name
                ));
                let alias = Ident::new(&user.name, Span::call_site());
                let target = Ident::new(&list.name, Span::call_site());
                items.push(quote! {
                    #docs
                    pub type #alias = #target;
                });
            }
        }
        items.push(self.table());
        items
    }

    /// `CODED_ITEMS`: every coded item of the module, in layout order, with its enum seen through
    /// plain functions, so that a test or a tool reaches every code list without naming the enums
    /// (`tests/integration/tests/codes.rs` compares them with the workbooks). Every module has it, empty
    /// where it has no code list, so that a tool can rely on it.
    fn table(&self) -> TokenStream {
        let mut users: Vec<&User> = self.lists.iter().flat_map(|list| &list.users).collect();
        // Layout order: the order the items were met, which `type_for` numbered by pushing.
        users.sort_by_key(|user| user.order);
        let entries = users.iter().map(|user| {
            let User { parent, field_ident: field, accessor_ident: accessor, .. } = user;
            let ty = Ident::new(&user.name, Span::call_site());
            let (record_name, field_name) = (parent.to_string(), field.to_string().trim_start_matches("r#").to_owned());
            let (no, item_name, code_type) = (literal::string(&user.no), literal::string(&user.item_name), &user.name);
            let text = quote!(::core::convert::From::from(text));
            let (set, read) = if user.repeated {
                (quote!(::std::vec![#text]), quote!(record.#accessor().next().flatten()))
            } else if user.optional {
                (quote!(::core::option::Option::Some(#text)), quote!(record.#accessor()))
            } else {
                (text, quote!(record.#accessor()))
            };
            quote! {
                ::ltcip_runtime::code::CodedItem {
                    record: #record_name,
                    field: #field_name,
                    item_no: #no,
                    item_name: #item_name,
                    code_type: #code_type,
                    list: ::ltcip_runtime::code::CodeTable::of::<#ty>(),
                    read: |text| {
                        let record = #parent { #field: #set, ..::core::default::Default::default() };
                        (#read.map(#ty::as_str), ::ltcip_runtime::Validate::validate(&record))
                    },
                }
            }
        });
        quote! {
            /// Every item of this module read as a code list, in layout order: its struct and field, 項番
            /// and 項目名, its enum (as a [`CodeTable`](::ltcip_runtime::code::CodeTable)), and a
            /// function that puts a text in a default record and returns what the accessor reads and
            /// what `validate()` says.
            pub const CODED_ITEMS: &[::ltcip_runtime::code::CodedItem] = &[#(#entries),*];
        }
    }
}

fn enum_tokens(list: &List) -> TokenStream {
    let mut docs = format!("{}: the codes of", list.title);
    match list.users.as_slice() {
        [one] => docs.push_str(&format!(" {} ([`{}`], read by [`{}`]).", one.item, one.field, one.accessor)),
        users => {
            docs.push_str(" the items:\n");
            for user in users {
                docs.push_str(&format!("\n- {} ([`{}`], read by [`{}`])", user.item, user.field, user.accessor));
            }
        }
    }
    docs.push_str(
        "\n\nThe record keeps the text; this enum reads it: `FromStr` and `TryFrom<&str>` (an `UnknownCode`\n\
         naming a text that is no code), `as_str()`, `label()`, `Display` and `ALL`.",
    );
    let docs = doc_attrs(&docs);
    let name = Ident::new(&list.name, Span::call_site());
    let title = literal::string(&list.title);
    let allow = (!list.variants.iter().all(|variant| naming::is_camel_case(variant)))
        .then(|| quote!(#[allow(non_camel_case_types)]));
    let variants = list.codes.iter().zip(&list.variants).map(|((code, label), variant)| {
        let doc = match label {
            Some(label) => doc_attrs(&format!("`{code}`: {label}")),
            None => doc_attrs(&format!("`{code}`")),
        };
        let variant = Ident::new(variant, Span::call_site());
        let code = literal::string(code);
        let attribute = match label {
            Some(label) => {
                let label = literal::string(label);
                quote!(#[ltcip(code = #code, label = #label)])
            }
            None => quote!(#[ltcip(code = #code)]),
        };
        quote! {
            #doc
            #attribute
            #variant
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::ltcip_runtime::Code)]
        #[ltcip(name = #title)]
        #allow
        pub enum #name {
            #(#variants),*
        }
    }
}
