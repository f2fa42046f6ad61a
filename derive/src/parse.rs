//! Step 1: read the struct and its `#[ltcip(...)]` and `#[serde(...)]` attributes, keeping spans so
//! that later errors point at what the user wrote.

use proc_macro2::Span;
use quote::quote;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Expr, ExprLit, Fields, Ident, Lit, LitStr, Meta, Token, Type, token};

use crate::vocab::{self, DataType};

/// A struct with its layout attributes.
pub struct Layout<'a> {
    pub ident: &'a Ident,
    pub name: Option<LitStr>,
    pub unit: Option<Word>,
    /// `repertoire = "JIS X 0213"`: the default repertoire of the struct's text items.
    pub repertoire: Option<Word>,
    /// `csv`: the struct is a record of a care-plan CSV file (its fields are the columns, in order),
    /// or with `csv(id = "...")` of a named-column (LIFE) file.
    pub csv: Option<Span>,
    /// `csv(id = "SERVICE_USER_INFO")`: the data type line 1 of a named-column file holds.
    pub csv_id: Option<LitStr>,
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
    /// Where the wire key was written: the rename's literal, or the field name.
    pub key_span: Span,
    /// The `#[ltcip]` attribute, for errors about what it lacks.
    pub attr: Option<&'a Attribute>,
    pub skip: Option<Span>,
    /// Every key written, in order, for errors about keys that do not belong together.
    pub given: Vec<(&'static str, Span)>,
    pub no: Option<LitStr>,
    pub name: Option<LitStr>,
    pub occurs: Occurs,
    /// What the データ型 makes of the item.
    pub data_type: Option<(DataType, Word)>,
    pub digits: Option<(u32, Span)>,
    pub fixed_length: Option<(bool, Span)>,
    pub fixed: Option<LitStr>,
    pub codes: Option<(Vec<LitStr>, Span)>,
    pub date: Option<Word>,
    pub unit: Option<Word>,
    /// `repertoire = "JIS X 0213"`: the characters this item's text may use.
    pub repertoire: Option<Word>,
    pub secret: Option<Span>,
    /// `pattern = "..."`: a regular expression the whole value must match.
    pub pattern: Option<LitStr>,
    /// `also("9999")`: values allowed besides what the other rules allow.
    pub also: Option<(Vec<LitStr>, Span)>,
    /// `free_text`: フリーテキスト, always quoted in CSV.
    pub free_text: Option<Span>,
    /// `uniform`: the same value in every record of a file.
    pub uniform: Option<Span>,
    /// `decimals = 1`: 小数点以下の桁数 of a 数値 item.
    pub decimals: Option<(u32, Span)>,
    /// `range = "0～100"`: the bounds, and the literal.
    pub range: Option<(Option<f64>, Option<f64>, LitStr)>,
    /// `required(...)`: 必須 beyond 出現回数.
    pub required: Option<Required>,
    /// `quoted`: written quoted in CSV when not empty.
    pub quoted: Option<Span>,
}

/// `required(mode = "final", when(key = "1", other("1", "2")))`.
pub struct Required {
    /// Where `required` was written.
    pub span: Span,
    /// `mode = "..."`: the `ltcip_runtime::Mode` variant; `None`: every mode.
    pub mode: Option<(&'static str, Word)>,
    /// `when(...)`: the clauses, and where `when` was written.
    pub when: Option<(Vec<Clause>, Span)>,
}

/// One clause of `when(...)`: `key = "1"` or `key("1", "2")`.
pub struct Clause {
    /// The other item, by field name (or wire key).
    pub key: Ident,
    pub values: Vec<LitStr>,
}

/// 出現回数 as written: `min..=max` or `min..`.
pub struct Occurs {
    pub min: u32,
    pub max: Option<u32>,
    /// The literal, when written; the default (1..1) cannot be wrong.
    pub lit: Option<LitStr>,
}

impl Occurs {
    pub fn span(&self, default: Span) -> Span {
        self.lit.as_ref().map_or(default, LitStr::span)
    }
}

/// Item keys with how each is written, for messages that show the right form.
const ITEM_KEYS: &[(&str, &str)] = &[
    ("no", "no = \"08\""),
    ("name", "name = \"介護保険者番号\""),
    ("occurs", "occurs = \"0..1\""),
    ("data_type", "data_type = \"半角数字\""),
    ("digits", "digits = 6"),
    ("length", "length = \"固定長\""),
    ("fixed", "fixed = \"application/json\""),
    ("codes", "codes(\"成功\", \"失敗\")"),
    ("date", "date = \"YYYY-MM-DD\""),
    ("unit", "unit = \"bytes\""),
    ("repertoire", "repertoire = \"JIS X 0213\""),
    ("secret", "secret"),
    ("pattern", "pattern = \"[0-9]{3}-[0-9]{4}\""),
    ("also", "also(\"9999\")"),
    ("free_text", "free_text"),
    ("uniform", "uniform"),
    ("decimals", "decimals = 1"),
    ("range", "range = \"0～100\""),
    ("required", "required(mode = \"final\", when(other_item = \"1\"))"),
    ("quoted", "quoted"),
    ("skip", "skip"),
];

const UNIT_NOTE: &str = " (\"bytes\" counts MS932 bytes, as the CSV files are written)";

const STRUCT_KEYS: &[(&str, &str)] = &[
    ("name", "name = \"IF-I6-01-04-02 リクエスト\""),
    ("unit", "unit = \"bytes\""),
    ("repertoire", "repertoire = \"JIS X 0213\""),
    ("csv", "csv` or `csv(id = \"SERVICE_USER_INFO\")"),
];

const REPERTOIRE_NOTE: &str = " (the characters text may use; \"MS932\" is the default)";

pub fn layout(input: &DeriveInput) -> syn::Result<Layout<'_>> {
    let ident = &input.ident;
    let fields = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => &named.named,
            Fields::Unnamed(unnamed) => {
                return Err(syn::Error::new_spanned(
                    unnamed,
                    "ltcip: a layout's fields need names, one per row of the spec table: \
                     `struct Name { field: String, ... }`",
                ));
            }
            Fields::Unit => {
                return Err(syn::Error::new_spanned(
                    ident,
                    "ltcip: a layout needs named fields, one per row of the spec table: \
                     `struct Name { field: String, ... }`",
                ));
            }
        },
        Data::Enum(data) => {
            let enum_token = data.enum_token;
            return Err(syn::Error::new_spanned(
                quote!(#enum_token #ident),
                "ltcip: an enum cannot be a layout; a layout is a struct with one named field per row of the \
                 spec table (a code list is `codes(...)` on a `String` field)",
            ));
        }
        Data::Union(data) => {
            let union_token = data.union_token;
            return Err(syn::Error::new_spanned(
                quote!(#union_token #ident),
                "ltcip: a union cannot be a layout; a layout is a struct with one named field per row of the \
                 spec table",
            ));
        }
    };
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "ltcip: a layout cannot be generic: the spec table fixes every item's type",
        ));
    }
    let mut layout =
        Layout { ident, name: None, unit: None, repertoire: None, csv: None, csv_id: None, fields: Vec::new() };
    let mut errors = Errors::default();
    let mut given = Vec::new();
    for attr in &input.attrs {
        if attr.path().is_ident("ltcip") {
            errors.add(attr.parse_nested_meta(|meta| {
                let key = known_key(&meta, STRUCT_KEYS, &mut given, |key| {
                    if ITEM_KEYS.iter().any(|(k, _)| *k == key) {
                        format!("ltcip: `{key}` is an item attribute; put it on a field's #[ltcip(...)]")
                    } else {
                        format!(
                            "ltcip: unknown struct attribute `{key}`; expected `name`, `unit`, `repertoire` or `csv`"
                        )
                    }
                })?;
                match key {
                    "name" => layout.name = Some(string(&meta, key, STRUCT_KEYS)?),
                    "unit" => layout.unit = Some(word(&meta, vocab::UNITS, "unit", UNIT_NOTE)?),
                    "csv" => {
                        layout.csv = Some(meta.path.span());
                        layout.csv_id = csv_id(&meta)?;
                    }
                    _ => layout.repertoire = Some(word(&meta, vocab::REPERTOIRES, "repertoire", REPERTOIRE_NOTE)?),
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
    // The care-plan spec counts 項目長 in the bytes the file is written in; LIFE counts characters.
    if let (Some(span), None, None) = (layout.csv, &layout.csv_id, layout.unit) {
        layout.unit = Some(Word { value: "bytes", span });
    }
    Ok(layout)
}

fn item(field: &syn::Field) -> syn::Result<Item<'_>> {
    let ident = field.ident.as_ref().expect("named fields have names");
    let mut item = Item {
        ident,
        ty: &field.ty,
        key: ident.unraw().to_string(),
        key_span: ident.span(),
        attr: None,
        skip: None,
        given: Vec::new(),
        no: None,
        name: None,
        occurs: Occurs { min: 1, max: Some(1), lit: None },
        data_type: None,
        digits: None,
        fixed_length: None,
        fixed: None,
        codes: None,
        date: None,
        unit: None,
        repertoire: None,
        secret: None,
        pattern: None,
        also: None,
        free_text: None,
        uniform: None,
        decimals: None,
        range: None,
        required: None,
        quoted: None,
    };
    let mut errors = Errors::default();
    for attr in &field.attrs {
        if attr.path().is_ident("serde") {
            errors.add(serde_rename(attr, &mut item));
            continue;
        }
        if !attr.path().is_ident("ltcip") {
            continue;
        }
        if item.attr.is_some() {
            errors.push(syn::Error::new_spanned(
                attr,
                "ltcip: one #[ltcip(...)] attribute per field; merge the keys into the first",
            ));
            continue;
        }
        item.attr = Some(attr);
        errors.add(attr.parse_nested_meta(|meta| item_key(&meta, &mut item)));
    }
    if item.attr.is_none() {
        errors.push(syn::Error::new_spanned(
            ident,
            "ltcip: every field needs #[ltcip(no = \"..\", name = \"..\", ...)] (the row of the spec table it \
             comes from), or #[ltcip(skip)] to leave it out of the layout",
        ));
    }
    errors.finish()?;
    Ok(item)
}

fn item_key(meta: &ParseNestedMeta<'_>, item: &mut Item<'_>) -> syn::Result<()> {
    let key = known_key(meta, ITEM_KEYS, &mut item.given, |key| {
        if key == "rename" {
            "ltcip: `rename` is serde's, not an ltcip key: write the wire key as #[serde(rename = \"...\")]".to_owned()
        } else {
            let keys: Vec<&str> = ITEM_KEYS.iter().map(|(k, _)| *k).collect();
            format!("ltcip: unknown item attribute `{key}`; expected one of {}", keys.join(", "))
        }
    })?;
    let path = meta.path.span();
    match key {
        "no" => item.no = Some(string(meta, key, ITEM_KEYS)?),
        "name" => item.name = Some(string(meta, key, ITEM_KEYS)?),
        "occurs" => item.occurs = occurs(meta)?,
        "data_type" => {
            let word = word(meta, vocab::DATA_TYPES, "data_type (データ型)", "")?;
            let class = vocab::lookup(vocab::DATA_TYPES, word.value).expect("a word of the vocabulary");
            item.data_type = Some((class, word));
        }
        "digits" => item.digits = Some(whole(meta, "digits", "digits (桁数)", "digits = 6")?),
        "decimals" => {
            item.decimals = Some(whole(meta, "decimals", "decimals (小数点以下の桁数)", "decimals = 1")?);
        }
        "range" => item.range = Some(range(meta)?),
        "required" => item.required = Some(required(meta)?),
        "quoted" => item.quoted = Some(flag(meta, key)?),
        "length" => {
            let word = word(meta, vocab::LENGTH_KINDS, "length (可変長/固定長)", "")?;
            item.fixed_length = Some((word.value == "固定長", word.span));
        }
        "fixed" => item.fixed = Some(string(meta, key, ITEM_KEYS)?),
        "codes" => item.codes = Some((values(meta, "codes(\"成功\", \"失敗\")")?, path)),
        "date" => item.date = Some(word(meta, vocab::DATE_FORMATS, "date format", "")?),
        "unit" => item.unit = Some(word(meta, vocab::UNITS, "unit", UNIT_NOTE)?),
        "repertoire" => item.repertoire = Some(word(meta, vocab::REPERTOIRES, "repertoire", REPERTOIRE_NOTE)?),
        "secret" => item.secret = Some(flag(meta, key)?),
        "pattern" => item.pattern = Some(string(meta, key, ITEM_KEYS)?),
        "also" => item.also = Some((values(meta, "also(\"9999\")")?, path)),
        "free_text" => item.free_text = Some(flag(meta, key)?),
        "uniform" => item.uniform = Some(flag(meta, key)?),
        _ => item.skip = Some(flag(meta, key)?),
    }
    Ok(())
}

/// The key `meta` names, if it is one of `keys` and not given before in the same attribute.
fn known_key(
    meta: &ParseNestedMeta<'_>,
    keys: &[(&'static str, &str)],
    given: &mut Vec<(&'static str, Span)>,
    unknown: impl FnOnce(&str) -> String,
) -> syn::Result<&'static str> {
    let written = meta.path.get_ident().map(Ident::to_string).unwrap_or_else(|| {
        let segments: Vec<String> = meta.path.segments.iter().map(|s| s.ident.to_string()).collect();
        segments.join("::")
    });
    let Some(&(key, _)) = keys.iter().find(|(k, _)| *k == written) else {
        return Err(meta.error(unknown(&written)));
    };
    if given.iter().any(|(k, _)| *k == key) {
        return Err(meta.error(format!("ltcip: `{key}` is given twice")));
    }
    given.push((key, meta.path.span()));
    Ok(key)
}

/// How `key` is written, from its table.
fn usage(key: &str, keys: &[(&str, &'static str)]) -> &'static str {
    keys.iter().find(|(k, _)| *k == key).map_or("", |(_, usage)| usage)
}

/// The expression after `key =`, or an error showing how the key is written.
fn value(meta: &ParseNestedMeta<'_>, key: &str, keys: &[(&str, &'static str)]) -> syn::Result<Expr> {
    if !meta.input.peek(Token![=]) {
        return Err(meta.error(format!("ltcip: `{key}` takes a value: `{}`", usage(key, keys))));
    }
    meta.value()?.parse()
}

/// A string-valued key.
fn string(meta: &ParseNestedMeta<'_>, key: &str, keys: &[(&str, &'static str)]) -> syn::Result<LitStr> {
    match value(meta, key, keys)? {
        Expr::Lit(ExprLit { lit: Lit::Str(lit), .. }) => Ok(lit),
        other => Err(syn::Error::new_spanned(
            other,
            format!("ltcip: `{key}` takes a string literal: `{}`", usage(key, keys)),
        )),
    }
}

/// `digits = 6`: 桁数, a whole number as the spec's column writes it (or `decimals = 1`); `what`
/// names it and `example` shows it in errors.
fn whole(meta: &ParseNestedMeta<'_>, key: &str, what: &str, example: &str) -> syn::Result<(u32, Span)> {
    let expr = value(meta, key, ITEM_KEYS)?;
    let whole = format!("ltcip: {what} is a whole number without quotes or suffix, e.g. `{example}`");
    let whole = whole.as_str();
    match &expr {
        Expr::Lit(ExprLit { lit: Lit::Int(lit), .. }) if lit.suffix().is_empty() => {
            let digits = lit.base10_parse::<u32>().map_err(|_| syn::Error::new(lit.span(), whole))?;
            Ok((digits, lit.span()))
        }
        other => Err(syn::Error::new_spanned(other, whole)),
    }
}

/// `csv` alone (the care-plan dialect), or `csv(id = "SERVICE_USER_INFO")` (a named-column file and
/// its data type).
fn csv_id(meta: &ParseNestedMeta<'_>) -> syn::Result<Option<LitStr>> {
    if meta.input.peek(Token![=]) {
        return Err(meta.error(
            "ltcip: write `csv` alone (a care-plan file) or `csv(id = \"SERVICE_USER_INFO\")` (a named-column file)",
        ));
    }
    if !meta.input.peek(token::Paren) {
        return Ok(None);
    }
    let mut id = None;
    let span = meta.path.span();
    meta.parse_nested_meta(|inner| {
        if !inner.path.is_ident("id") {
            return Err(inner.error(
                "ltcip: `csv(...)` takes `id = \"...\"`, the data type on line 1 of the file (`csv(id = \"SERVICE_USER_INFO\")`)",
            ));
        }
        if id.is_some() {
            return Err(inner.error("ltcip: `id` is given twice"));
        }
        let lit = string(&inner, "id", &[("id", "id = \"SERVICE_USER_INFO\"")])?;
        if lit.value().trim().is_empty() || lit.value().trim() != lit.value() {
            return Err(syn::Error::new(
                lit.span(),
                "ltcip: the data type is a word without surrounding spaces, e.g. \"SERVICE_USER_INFO\"",
            ));
        }
        id = Some(lit);
        Ok(())
    })?;
    id.map(Some).ok_or_else(|| {
        syn::Error::new(span, "ltcip: `csv()` names no data type; write `csv(id = \"SERVICE_USER_INFO\")` or `csv`")
    })
}

/// `range = "0～100"`: 範囲 as the spec writes it. `A～B`, `A 〜 B` or `A~B`, either end open (`A～`,
/// `～B`), spaces anywhere, decimal and negative bounds.
fn range(meta: &ParseNestedMeta<'_>) -> syn::Result<(Option<f64>, Option<f64>, LitStr)> {
    let lit = string(meta, "range", ITEM_KEYS)?;
    let (min, max) = read_range(&lit.value()).map_err(|message| syn::Error::new(lit.span(), message))?;
    Ok((min, max, lit))
}

/// The bounds of a 範囲 cell, or why it cannot be read.
pub fn read_range(text: &str) -> Result<(Option<f64>, Option<f64>), String> {
    let unreadable = |why: &str| {
        format!(
            "ltcip: range (範囲) {text:?} {why}; write \"min～max\" (e.g. \"0～100\", \"0.5～\", \"～-1\"), either end \
             open"
        )
    };
    let squeezed: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            // Minus signs as spec tables write them.
            '－' | '−' => '-',
            c => c,
        })
        .collect();
    let mut parts = squeezed.split(['～', '〜', '~']);
    let (Some(low), Some(high), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(unreadable("is not two bounds around one ～"));
    };
    let bound = |part: &str| -> Result<Option<f64>, String> {
        if part.is_empty() {
            return Ok(None);
        }
        let digits = part.strip_prefix('-').unwrap_or(part);
        let (integer, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
        let number = !integer.is_empty()
            && !fraction.is_empty()
            && integer.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit());
        match part.parse::<f64>() {
            Ok(value) if number && value.is_finite() => Ok(Some(value)),
            _ => Err(unreadable(&format!("has {part:?}, which is not a number"))),
        }
    };
    let (min, max) = (bound(low)?, bound(high)?);
    match (min, max) {
        (None, None) => Err(unreadable("gives no bound")),
        (Some(min), Some(max)) if min > max => Err(format!(
            "ltcip: range (範囲) {text:?}: the minimum {min} is above the maximum {max}; no value could satisfy it"
        )),
        _ => Ok((min, max)),
    }
}

/// `required(mode = "final")`, `required(when(facility_type = "1", oral_intake("1", "2")))` or both.
fn required(meta: &ParseNestedMeta<'_>) -> syn::Result<Required> {
    let usage = "`required(mode = \"final\")`, `required(when(other_item = \"1\"))` or both";
    if !meta.input.peek(token::Paren) {
        return Err(meta.error(format!(
            "ltcip: `required` says when the item is required besides 出現回数: {usage} (an item required always is \
             `occurs = \"1..1\"`)"
        )));
    }
    let mut required = Required { span: meta.path.span(), mode: None, when: None };
    nested(meta, |inner| {
        if inner.path.is_ident("mode") {
            if required.mode.is_some() {
                return Err(inner.error("ltcip: `mode` is given twice"));
            }
            let lit = string(&inner, "mode", &[("mode", "mode = \"final\"")])?;
            let Ok(variant) = vocab::lookup(vocab::MODES, &lit.value()) else {
                return Err(syn::Error::new(
                    lit.span(),
                    format!(
                        "ltcip: unknown mode {:?}; expected \"draft\" (仮取込: every mode) or \"final\" (確定取込)",
                        lit.value()
                    ),
                ));
            };
            let value = vocab::MODES.iter().find(|(word, _)| *word == lit.value()).map_or("", |(word, _)| *word);
            required.mode = Some((variant, Word { value, span: lit.span() }));
            Ok(())
        } else if inner.path.is_ident("when") {
            if required.when.is_some() {
                return Err(inner.error("ltcip: `when` is given twice; list every clause in one `when(...)`"));
            }
            let span = inner.path.span();
            if !inner.input.peek(token::Paren) {
                return Err(inner.error("ltcip: `when` lists its clauses in parentheses: `when(other_item = \"1\")`"));
            }
            let mut clauses = Vec::new();
            nested(&inner, |clause| {
                let Some(key) = clause.path.get_ident() else {
                    return Err(
                        clause.error("ltcip: a clause names another item by its field name: `other_item = \"1\"`")
                    );
                };
                let values = if clause.input.peek(Token![=]) {
                    vec![string(&clause, "clause", &[("clause", "other_item = \"1\"")])?]
                } else if clause.input.peek(token::Paren) {
                    values(&clause, "other_item(\"1\", \"2\")")?
                } else {
                    return Err(clause.error(
                        "ltcip: a clause gives the other item's value (`other_item = \"1\"`) or values \
                         (`other_item(\"1\", \"2\")`)",
                    ));
                };
                clauses.push(Clause { key: key.clone(), values });
                Ok(())
            })?;
            required.when = Some((clauses, span));
            Ok(())
        } else {
            Err(inner.error(format!("ltcip: `required` takes `mode` and `when`: {usage}")))
        }
    })?;
    if required.mode.is_none() && required.when.is_none() {
        return Err(syn::Error::new(
            required.span,
            format!("ltcip: `required()` says nothing; write {usage} (an item required always is `occurs = \"1..1\"`)"),
        ));
    }
    Ok(required)
}

/// The `key(...)` list `meta` opens, each entry handed to `logic`; an empty list is no error (the
/// caller says what it lacks).
fn nested(meta: &ParseNestedMeta<'_>, logic: impl FnMut(ParseNestedMeta<'_>) -> syn::Result<()>) -> syn::Result<()> {
    use syn::parse::Parser;
    let content;
    syn::parenthesized!(content in meta.input);
    let tokens: proc_macro2::TokenStream = content.parse()?;
    if tokens.is_empty() {
        return Ok(());
    }
    syn::meta::parser(logic).parse2(tokens)
}

/// A key that takes no value.
fn flag(meta: &ParseNestedMeta<'_>, key: &str) -> syn::Result<Span> {
    if meta.input.peek(Token![=]) || meta.input.peek(token::Paren) {
        return Err(meta.error(format!("ltcip: `{key}` is a flag and takes no value; write `{key}` alone")));
    }
    Ok(meta.path.span())
}

/// `codes("成功", "失敗")` or `also("9999")`: a list of values; `usage` shows how it is written.
fn values(meta: &ParseNestedMeta<'_>, usage: &str) -> syn::Result<Vec<LitStr>> {
    if !meta.input.peek(token::Paren) {
        let key = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
        return Err(meta.error(format!("ltcip: {key} are listed in parentheses: `{usage}`")));
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let exprs = Punctuated::<Expr, Token![,]>::parse_terminated(&content)?;
    exprs
        .into_iter()
        .map(|expr| match expr {
            Expr::Lit(ExprLit { lit: Lit::Str(lit), .. }) => Ok(lit),
            other => Err(syn::Error::new_spanned(
                other,
                "ltcip: a code is a string literal, as the value is on the wire: `codes(\"1\", \"2\")`",
            )),
        })
        .collect()
}

/// `occurs = "1..1"`, `occurs = "0..1"`, or `occurs = "1..n"` (no upper bound): 出現回数 as the spec's
/// 最小 and 最大 columns give it.
fn occurs(meta: &ParseNestedMeta<'_>) -> syn::Result<Occurs> {
    let lit = string(meta, "occurs", ITEM_KEYS)?;
    let text = lit.value();
    let bad = || {
        syn::Error::new(
            lit.span(),
            format!(
                "ltcip: occurs (出現回数) {text:?} is not \"min..max\"; write e.g. \"1..1\", \"0..1\", or \"0..n\" \
                 for no maximum"
            ),
        )
    };
    let (min, max) = text.split_once("..").ok_or_else(bad)?;
    let min = min.trim().parse::<u32>().map_err(|_| bad())?;
    let max = match max.trim() {
        "n" | "N" => None,
        max => Some(max.parse::<u32>().map_err(|_| bad())?),
    };
    Ok(Occurs { min, max, lit: Some(lit) })
}

/// A string-valued key whose value must come from a vocabulary; `what` names the key in errors, and
/// `note` follows the list of words.
fn word<T>(
    meta: &ParseNestedMeta<'_>,
    table: &'static [(&'static str, T)],
    what: &str,
    note: &str,
) -> syn::Result<Word> {
    let key = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
    // Every vocabulary key is an item key, written the same way at struct level.
    let lit = string(meta, &key, ITEM_KEYS)?;
    let value = lit.value();
    if let Some((value, _)) = table.iter().find(|(w, _)| *w == value) {
        return Ok(Word { value, span: lit.span() });
    }
    let words: Vec<String> = table.iter().map(|(w, _)| format!("\"{w}\"")).collect();
    // Spec tables write patterns in either case and with stray spaces; say which word was meant.
    let near = table.iter().find(|(w, _)| w.eq_ignore_ascii_case(value.trim())).map(|(w, _)| *w);
    let hint = near.map_or_else(String::new, |w| format!(" (did you mean \"{w}\"?)"));
    Err(syn::Error::new(
        lit.span(),
        format!("ltcip: unknown {what} {value:?}{hint}; expected one of {}{note}", words.join(", ")),
    ))
}

/// Takes the wire key from `#[serde(rename = "...")]` (or its `deserialize` half).
fn serde_rename(attr: &syn::Attribute, item: &mut Item<'_>) -> syn::Result<()> {
    let Meta::List(list) = &attr.meta else {
        return Ok(());
    };
    let metas = list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)?;
    for meta in metas {
        match &meta {
            Meta::NameValue(nv) if nv.path.is_ident("rename") => {
                let lit = lit_str(&nv.value)?;
                (item.key, item.key_span) = (lit.value(), lit.span());
            }
            Meta::List(inner) if inner.path.is_ident("rename") => {
                let halves = inner.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)?;
                for half in halves {
                    if let Meta::NameValue(nv) = half
                        && nv.path.is_ident("deserialize")
                    {
                        let lit = lit_str(&nv.value)?;
                        (item.key, item.key_span) = (lit.value(), lit.span());
                    }
                }
            }
            Meta::Path(path) if path.is_ident("flatten") => {
                return Err(syn::Error::new_spanned(
                    path,
                    "ltcip: #[serde(flatten)] would hide the nested items' keys from the layout; write its \
                     fields out here, or make it a リスト item",
                ));
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
                "ltcip: the derive cannot see the keys rename_all makes; write #[serde(rename = \"...\")] on each \
                 field whose wire key differs from its name",
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
