//! Step 2: reject attribute combinations that no value could satisfy or that the field type cannot
//! carry, each error pointing at the attribute or type at fault.

use std::collections::HashMap;

use syn::{GenericArgument, PathArguments, Type};

use crate::parse::{Errors, Item, Layout};

pub fn layout(layout: &Layout<'_>) -> syn::Result<()> {
    let mut errors = Errors::default();
    let mut keys: HashMap<&str, &Item<'_>> = HashMap::new();
    for item in layout.fields.iter().filter(|i| !i.skip) {
        if let Some(first) = keys.insert(&item.key, item) {
            errors.push(syn::Error::new(
                item.ident.span(),
                format!("ltcip: wire key {:?} is already used by field `{}`", item.key, first.ident),
            ));
        }
        errors.add(self::item(item));
    }
    errors.finish()
}

/// How a field type wraps its values.
pub struct TypeShape<'a> {
    pub option: bool,
    /// The element type, for `Vec<T>` or `Option<Vec<T>>`.
    pub vec_of: Option<&'a Type>,
}

pub fn type_shape(ty: &Type) -> TypeShape<'_> {
    let (option, inner) = match wrapped(ty, "Option") {
        Some(inner) => (true, inner),
        None => (false, ty),
    };
    TypeShape { option, vec_of: wrapped(inner, "Vec") }
}

/// The type argument of `Wrapper<T>`, matched by the last path segment, as serde does for `Option`.
fn wrapped<'a>(ty: &'a Type, wrapper: &str) -> Option<&'a Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(inner) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

pub fn is_list(item: &Item<'_>) -> bool {
    matches!(item.data_type, Some((None, _)))
}

fn item(item: &Item<'_>) -> syn::Result<()> {
    if item.skip {
        return Ok(());
    }
    let mut errors = Errors::default();
    let err = |span, msg: &str| syn::Error::new(span, format!("ltcip: {msg}"));
    if item.no.is_none() {
        errors.push(err(item.span, "missing `no = \"..\"` (項番)"));
    }
    if item.name.is_none() {
        errors.push(err(item.span, "missing `name = \"..\"` (項目名)"));
    }
    let occurs = &item.occurs;
    match occurs.max {
        Some(0) => errors.push(err(occurs.span, "occurs: the maximum must be at least 1")),
        Some(max) if max < occurs.min => {
            errors.push(err(occurs.span, "occurs: the minimum is above the maximum"));
        }
        _ => {}
    }
    let shape = type_shape(item.ty);
    let list = is_list(item);
    let repeated = !list && occurs.max.is_none_or(|max| max > 1);
    if occurs.min == 0 && !shape.option && shape.vec_of.is_none() {
        errors.push(err(occurs.span, "occurs: an item with minimum 0 needs an `Option<...>` field"));
    }
    if (list || repeated) && shape.vec_of.is_none() {
        let what = if list { "a リスト item" } else { "an item with maximum above 1" };
        errors.push(syn::Error::new_spanned(
            item.ty,
            format!("ltcip: {what} needs a `Vec<...>` (or `Option<Vec<...>>`) field"),
        ));
    }
    if !list && !repeated && shape.vec_of.is_some() {
        errors.push(syn::Error::new_spanned(
            item.ty,
            "ltcip: a `Vec` field needs `data_type = \"リスト\"` or `occurs` with a maximum above 1",
        ));
    }
    if list {
        let text_rules = [
            item.digits.map(|d| d.1),
            item.fixed_length.map(|l| l.1),
            item.fixed.as_ref().map(|f| f.span()),
            item.codes.as_ref().map(|c| c.1),
            item.date.map(|d| d.span),
            item.unit.map(|u| u.span),
            item.secret,
        ];
        for span in text_rules.into_iter().flatten() {
            errors.push(err(span, "a リスト item has no text rules; put them on the items of its records"));
        }
    }
    match item.digits {
        Some((0, span)) => errors.push(err(span, "digits (桁数) must be at least 1")),
        None => {
            if let Some((_, span)) = item.fixed_length {
                errors.push(err(span, "length (可変長/固定長) needs `digits` (桁数)"));
            }
        }
        _ => {}
    }
    if item.fixed.is_some()
        && let Some((_, span)) = &item.codes
    {
        errors.push(err(*span, "an item has either a fixed value or a code list, not both"));
    }
    let mut allowed: Vec<&syn::LitStr> = item.fixed.iter().collect();
    if let Some((codes, span)) = &item.codes {
        if codes.is_empty() {
            errors.push(err(*span, "codes(...) lists no code"));
        }
        allowed.extend(codes);
    }
    for lit in allowed {
        errors.add(value_fits(item, lit));
    }
    errors.finish()
}

/// A fixed value or a code must itself satisfy the item's 桁数 and (for the ASCII classes) データ型, or
/// no value could ever be valid.
fn value_fits(item: &Item<'_>, lit: &syn::LitStr) -> syn::Result<()> {
    let value = lit.value();
    if value.is_empty() {
        return Err(syn::Error::new(lit.span(), "ltcip: a code or fixed value cannot be empty"));
    }
    let counts_chars = item.unit.is_none_or(|u| u.value == "chars") || value.is_ascii();
    if let (Some((digits, _)), true) = (item.digits, counts_chars) {
        let len = value.chars().count();
        let fixed = item.fixed_length.is_some_and(|(fixed, _)| fixed);
        let fits = if fixed { len == digits as usize } else { len <= digits as usize };
        if !fits {
            return Err(syn::Error::new(lit.span(), format!("ltcip: {value:?} does not fit digits = {digits}")));
        }
    }
    let ascii_test: Option<fn(char) -> bool> = match item.data_type {
        Some((Some("HalfDigits"), _)) => Some(|c| c.is_ascii_digit()),
        Some((Some("HalfAlphanumeric"), _)) => Some(|c| c.is_ascii_alphanumeric()),
        _ => None,
    };
    if let Some(test) = ascii_test
        && !value.chars().all(test)
    {
        return Err(syn::Error::new(lit.span(), format!("ltcip: {value:?} is not of the item's data_type")));
    }
    Ok(())
}
