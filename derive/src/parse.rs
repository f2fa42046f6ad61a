//! Step 1: read the struct and its `#[ltcip(...)]` and `#[serde(...)]` attributes, keeping spans so
//! that later errors point at what the user wrote.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Expr, ExprLit, Fields, Ident, Lit, LitInt, LitStr, Meta, Token, Type};

use crate::vocab;

/// A struct with its layout attributes.
pub struct Layout<'a> {
    pub ident: &'a Ident,
    pub name: Option<LitStr>,
    pub unit: Option<Word>,
    pub fields: Vec<Item<'a>>,
}

/// A value from a vocabulary, with where it was written.
#[derive(Clone, Copy)]
pub struct Word {
    pub value: &'static str,
    pub span: Span,
}

/// A field with its item attributes.
pub struct Item<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    /// The wire key: `#[serde(rename)]`, or the field name.
    pub key: String,
    /// The `#[ltcip]` attribute, for errors about what it lacks.
    pub span: Span,
    pub skip: bool,
    pub no: Option<LitStr>,
    pub name: Option<LitStr>,
    pub occurs: Occurs,
    /// The `ltcip_runtime::CharClass` variant, or `None` for リスト.
    pub data_type: Option<(Option<&'static str>, Span)>,
    pub digits: Option<(u32, Span)>,
    pub fixed_length: Option<(bool, Span)>,
    pub fixed: Option<LitStr>,
    pub codes: Option<(Vec<LitStr>, Span)>,
    pub date: Option<Word>,
    pub unit: Option<Word>,
    pub secret: Option<Span>,
}

/// 出現回数 as written: `min..=max` or `min..`.
pub struct Occurs {
    pub min: u32,
    pub max: Option<u32>,
    pub span: Span,
}

pub fn layout(input: &DeriveInput) -> syn::Result<Layout<'_>> {
    if let Some(param) = input.generics.params.first() {
        return Err(syn::Error::new_spanned(param, "ltcip: a layout cannot be generic"));
    }
    let fields = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => &named.named,
            _ => {
                return Err(syn::Error::new_spanned(&input.ident, "ltcip: a layout is a struct with named fields"));
            }
        },
        _ => {
            return Err(syn::Error::new_spanned(&input.ident, "ltcip: a layout is a struct with named fields"));
        }
    };
    let mut layout = Layout { ident: &input.ident, name: None, unit: None, fields: Vec::new() };
    let mut errors = Errors::default();
    for attr in &input.attrs {
        if attr.path().is_ident("ltcip") {
            errors.add(attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("name") {
                    layout.name = Some(once(&meta, &layout.name)?);
                } else if meta.path.is_ident("unit") {
                    layout.unit = Some(word(&meta, vocab::UNITS, layout.unit.is_some())?);
                } else {
                    return Err(meta.error("ltcip: unknown struct attribute; expected `name` or `unit`"));
                }
                Ok(())
            }));
        } else if attr.path().is_ident("serde") {
            errors.add(reject_rename_all(attr));
        }
    }
    for field in fields {
        match item(field) {
            Ok(item) => layout.fields.push(item),
            Err(error) => errors.push(error),
        }
    }
    errors.finish()?;
    Ok(layout)
}

fn item(field: &syn::Field) -> syn::Result<Item<'_>> {
    let ident = field.ident.as_ref().expect("named fields have names");
    let mut item = Item {
        ident,
        ty: &field.ty,
        key: ident.unraw().to_string(),
        span: ident.span(),
        skip: false,
        no: None,
        name: None,
        occurs: Occurs { min: 1, max: Some(1), span: ident.span() },
        data_type: None,
        digits: None,
        fixed_length: None,
        fixed: None,
        codes: None,
        date: None,
        unit: None,
        secret: None,
    };
    let mut seen_ltcip = false;
    let mut errors = Errors::default();
    for attr in &field.attrs {
        if attr.path().is_ident("serde") {
            errors.add(serde_rename(attr, &mut item.key));
            continue;
        }
        if !attr.path().is_ident("ltcip") {
            continue;
        }
        if seen_ltcip {
            errors.push(syn::Error::new_spanned(attr, "ltcip: one #[ltcip(...)] attribute per field"));
            continue;
        }
        seen_ltcip = true;
        item.span = attr.span();
        errors.add(attr.parse_nested_meta(|meta| item_key(&meta, &mut item)));
    }
    if !seen_ltcip {
        errors.push(syn::Error::new_spanned(
            ident,
            "ltcip: every field needs #[ltcip(no = \"..\", name = \"..\", ...)] (or #[ltcip(skip)])",
        ));
    }
    errors.finish()?;
    Ok(item)
}

fn item_key(meta: &ParseNestedMeta<'_>, item: &mut Item<'_>) -> syn::Result<()> {
    let path = &meta.path;
    if path.is_ident("no") {
        item.no = Some(once(meta, &item.no)?);
    } else if path.is_ident("name") {
        item.name = Some(once(meta, &item.name)?);
    } else if path.is_ident("occurs") {
        item.occurs = occurs(meta)?;
    } else if path.is_ident("data_type") {
        let lit: LitStr = meta.value()?.parse()?;
        let class = vocab::lookup(vocab::DATA_TYPES, &lit.value()).map_err(|e| syn::Error::new(lit.span(), e))?;
        item.data_type = Some((class, lit.span()));
    } else if path.is_ident("digits") {
        let lit: LitInt = meta.value()?.parse()?;
        let digits = lit
            .base10_parse::<u32>()
            .map_err(|_| syn::Error::new(lit.span(), "ltcip: digits (桁数) is a whole number"))?;
        item.digits = Some((digits, lit.span()));
    } else if path.is_ident("length") {
        let word = word(meta, vocab::LENGTH_KINDS, item.fixed_length.is_some())?;
        item.fixed_length = Some((word.value == "固定長", word.span));
    } else if path.is_ident("fixed") {
        item.fixed = Some(once(meta, &item.fixed)?);
    } else if path.is_ident("codes") {
        let content;
        syn::parenthesized!(content in meta.input);
        let codes = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
        item.codes = Some((codes.into_iter().collect(), path.span()));
    } else if path.is_ident("date") {
        item.date = Some(word(meta, vocab::DATE_FORMATS, item.date.is_some())?);
    } else if path.is_ident("unit") {
        item.unit = Some(word(meta, vocab::UNITS, item.unit.is_some())?);
    } else if path.is_ident("secret") {
        item.secret = Some(path.span());
    } else if path.is_ident("skip") {
        item.skip = true;
    } else {
        return Err(meta.error(
            "ltcip: unknown item attribute; expected one of no, name, occurs, data_type, digits, length, fixed, \
             codes, date, unit, secret, skip",
        ));
    }
    Ok(())
}

/// `occurs = "1..1"`, `occurs = "0..1"`, or `occurs = "1..n"` (no upper bound): 出現回数 as the spec's
/// 最小 and 最大 columns give it.
fn occurs(meta: &ParseNestedMeta<'_>) -> syn::Result<Occurs> {
    let lit: LitStr = meta.value()?.parse()?;
    let bad = || {
        syn::Error::new(
            lit.span(),
            "ltcip: occurs is written \"min..max\" (e.g. \"0..1\"), or \"min..n\" for no maximum",
        )
    };
    let text = lit.value();
    let (min, max) = text.split_once("..").ok_or_else(bad)?;
    let min = min.trim().parse::<u32>().map_err(|_| bad())?;
    let max = match max.trim() {
        "n" | "N" => None,
        max => Some(max.parse::<u32>().map_err(|_| bad())?),
    };
    Ok(Occurs { min, max, span: lit.span() })
}

/// A string-valued key given at most once.
fn once(meta: &ParseNestedMeta<'_>, previous: &Option<LitStr>) -> syn::Result<LitStr> {
    if previous.is_some() {
        return Err(meta.error("ltcip: given twice"));
    }
    meta.value()?.parse()
}

/// A string-valued key whose value must come from a vocabulary.
fn word<T>(meta: &ParseNestedMeta<'_>, table: &'static [(&'static str, T)], given: bool) -> syn::Result<Word> {
    if given {
        return Err(meta.error("ltcip: given twice"));
    }
    let lit: LitStr = meta.value()?.parse()?;
    let value = lit.value();
    let found = table.iter().find(|(w, _)| *w == value).map(|(w, _)| *w);
    match found {
        Some(value) => Ok(Word { value, span: lit.span() }),
        None => {
            let words: Vec<String> = table.iter().map(|(w, _)| format!("\"{w}\"")).collect();
            Err(syn::Error::new(lit.span(), format!("ltcip: expected one of {}", words.join(", "))))
        }
    }
}

/// Takes the wire key from `#[serde(rename = "...")]` (or its `deserialize` half).
fn serde_rename(attr: &syn::Attribute, key: &mut String) -> syn::Result<()> {
    let Meta::List(list) = &attr.meta else {
        return Ok(());
    };
    let metas = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)?;
    for meta in metas {
        match &meta {
            Meta::NameValue(nv) if nv.path.is_ident("rename") => *key = lit_str(&nv.value)?.value(),
            Meta::List(inner) if inner.path.is_ident("rename") => {
                let halves = inner.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)?;
                for half in halves {
                    if let Meta::NameValue(nv) = half
                        && nv.path.is_ident("deserialize")
                    {
                        *key = lit_str(&nv.value)?.value();
                    }
                }
            }
            Meta::Path(path) if path.is_ident("flatten") => {
                return Err(syn::Error::new_spanned(path, "ltcip: #[serde(flatten)] is not supported in a layout"));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Wire keys come from each field's own rename; a struct-wide rule would hide them from the derive.
fn reject_rename_all(attr: &syn::Attribute) -> syn::Result<()> {
    let Meta::List(list) = &attr.meta else {
        return Ok(());
    };
    let metas = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)?;
    for meta in metas {
        if meta.path().is_ident("rename_all") {
            return Err(syn::Error::new_spanned(
                meta.path(),
                "ltcip: write #[serde(rename = \"...\")] on each field instead of rename_all",
            ));
        }
    }
    Ok(())
}

fn lit_str(expr: &Expr) -> syn::Result<LitStr> {
    match expr {
        Expr::Lit(ExprLit { lit: Lit::Str(lit), .. }) => Ok(lit.clone()),
        other => Err(syn::Error::new_spanned(other, "expected a string literal")),
    }
}

/// Gathers errors so that every mistake in a struct is reported in one compile.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    pub fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(first) => first.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub fn add(&mut self, result: syn::Result<()>) {
        if let Err(error) = result {
            self.push(error);
        }
    }

    pub fn finish(self) -> syn::Result<()> {
        self.0.map_or(Ok(()), Err)
    }
}
