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
        let variants: Vec<String> = codes.iter().map(|(value, _)| naming::code_variant(value)).collect();
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
            });
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

    /// The enums, each followed by the aliases of the items that share it.
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
        items
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
