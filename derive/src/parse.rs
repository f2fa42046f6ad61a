//! Step 1: read the struct and its `#[ltcip(...)]` and `#[serde(...)]` attributes into the model
//! ([`Layout`], one [`Item`] per field), keeping spans so that later errors point at what the user
//! wrote.
//!
//! Reading is about form: known keys, each once; each value in the form its key takes (a string, a
//! whole number, a word of its table in `vocab`, a list in parentheses, a flag alone); `occurs` and
//! `range` read into numbers; the field type read into its [`TypeShape`]; the items a condition's
//! clauses name found. A value that cannot be read is reported, left out of the model and listed in
//! `unread`, and reading goes on with the next key. Whether what was read makes sense is `check`'s.

use proc_macro2::Span;
use quote::quote;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{
    Attribute, Data, DeriveInput, Expr, ExprLit, Fields, GenericArgument, Ident, Lit, LitStr, Meta, PathArguments,
    Token, Type, token,
};

use crate::ctxt::Ctxt;
use crate::vocab::{self, DataType};

/// A struct with its layout attributes.
pub struct Layout<'a> {
    pub ident: &'a Ident,
    /// Lifetimes only: those of text borrowed from the document (`CowStr<'a>`).
    pub generics: &'a syn::Generics,
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
    /// Struct keys written whose value could not be read (an error says why): `check` judges nothing
    /// that depends on them.
    pub unread: Vec<&'static str>,
}

impl Layout<'_> {
    /// Whether every one of `keys` that was written was read.
    pub fn read(&self, keys: &[&str]) -> bool {
        !self.unread.iter().any(|key| keys.contains(key))
    }
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
    /// How the field type wraps its values.
    pub shape: TypeShape<'a>,
    /// The wire key: `#[serde(rename)]`, or the field name.
    pub key: String,
    /// Where the wire key was written: the rename's literal, or the field name.
    pub key_span: Span,
    /// The `#[ltcip]` attribute, for errors about what it lacks; `None` (an error already) leaves the
    /// field unchecked.
    pub attr: Option<&'a Attribute>,
    pub skip: Option<Span>,
    /// Every key written, in order, for errors about keys missing or that do not belong together.
    pub given: Vec<(&'static str, Span)>,
    /// Keys written whose value could not be read (an error says why): `check` judges nothing that
    /// depends on them.
    pub unread: Vec<&'static str>,
    /// Whether the attribute was read to its end: a syntax error stops reading it, and `check` then
    /// judges nothing of the item.
    pub whole: bool,
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
    pub range: Option<Range>,
    /// `required(...)`: 必須 beyond 出現回数.
    pub required: Option<Required>,
    /// `quoted`: written quoted in CSV when not empty.
    pub quoted: Option<Span>,
    /// `custom_type`: the field's type is the user's own (it dereferences to `str` and is made
    /// `From<&str>`), checked through its text.
    pub custom_type: Option<Span>,
    /// `code_type = GenderCode`: the enum of the item's codes (an `ltcip_runtime::Code`), which an
    /// accessor named after the field returns.
    pub code_type: Option<syn::Path>,
    /// The field's visibility, which the `code_type` accessor takes.
    pub vis: &'a syn::Visibility,
}

impl Item<'_> {
    /// Whether `key` was written, read or not.
    pub fn given(&self, key: &str) -> bool {
        self.given.iter().any(|(k, _)| *k == key)
    }

    /// Whether the attribute was read whole and every one of `keys` that was written was read.
    pub fn read(&self, keys: &[&str]) -> bool {
        self.whole && !self.unread.iter().any(|key| keys.contains(key))
    }

    /// Whether the item is a リスト: records of a nested layout.
    pub fn is_list(&self) -> bool {
        matches!(self.data_type, Some((DataType::List, _)))
    }

    /// Whether the item is 数値.
    pub fn is_number(&self) -> bool {
        matches!(self.data_type, Some((DataType::Number, _)))
    }
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
    /// The index in `Layout::fields` of the item `key` names, if one does.
    pub item: Option<usize>,
    pub values: Vec<LitStr>,
}

/// `range = "0～100"`: 範囲, its bounds (either open) and the literal.
pub type Range = (Option<f64>, Option<f64>, LitStr);

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

/// How a field type wraps its values.
pub struct TypeShape<'a> {
    pub option: bool,
    /// The element type, for `Vec<T>` or `Option<Vec<T>>`.
    pub vec_of: Option<&'a Type>,
    /// The type of one value: the field type without `Option` and `Vec`.
    pub scalar: &'a Type,
}

impl<'a> TypeShape<'a> {
    pub fn of(ty: &'a Type) -> Self {
        let (option, inner) = match wrapped(ty, "Option") {
            Some(inner) => (true, inner),
            None => (false, ty),
        };
        let vec_of = wrapped(inner, "Vec");
        TypeShape { option, vec_of, scalar: vec_of.unwrap_or(inner) }
    }
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
    ("custom_type", "custom_type"),
    ("code_type", "code_type = GenderCode"),
    ("skip", "skip"),
];

const UNIT_NOTE: &str = " (\"bytes\" counts MS932 bytes, as the CSV files are written)";

/// Struct keys with how each is written.
const STRUCT_KEYS: &[(&str, &str)] = &[
    ("name", "name = \"IF-I6-01-04-02 リクエスト\""),
    ("unit", "unit = \"bytes\""),
    ("repertoire", "repertoire = \"JIS X 0213\""),
    ("csv", "csv` or `csv(id = \"SERVICE_USER_INFO\")"),
];

const REPERTOIRE_NOTE: &str = " (the characters text may use; \"MS932\" is the default)";

/// The model of `input`, or `None` (reported) when it is no struct with named fields.
pub fn layout<'a>(cx: &Ctxt, input: &'a DeriveInput) -> Option<Layout<'a>> {
    let ident = &input.ident;
    let fields = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => &named.named,
            Fields::Unnamed(unnamed) => {
                cx.error_spanned_by(
                    unnamed,
                    "a layout's fields need names, one per row of the spec table: \
                     `struct Name { field: String, ... }`",
                );
                return None;
            }
            Fields::Unit => {
                cx.error_spanned_by(
                    ident,
                    "a layout needs named fields, one per row of the spec table: \
                     `struct Name { field: String, ... }`",
                );
                return None;
            }
        },
        Data::Enum(data) => {
            let enum_token = data.enum_token;
            cx.error_spanned_by(
                quote!(#enum_token #ident),
                "an enum cannot be a layout; a layout is a struct with one named field per row of the \
                 spec table (a code list is `codes(...)` on a `String` field)",
            );
            return None;
        }
        Data::Union(data) => {
            let union_token = data.union_token;
            cx.error_spanned_by(
                quote!(#union_token #ident),
                "a union cannot be a layout; a layout is a struct with one named field per row of the \
                 spec table",
            );
            return None;
        }
    };
    // A lifetime is the document's, which borrowed text points into; a type or a const parameter
    // would leave an item's type open.
    for param in &input.generics.params {
        if !matches!(param, syn::GenericParam::Lifetime(_)) {
            cx.error_spanned_by(
                param,
                "a layout can be generic over lifetimes only (of text borrowed from the document, `CowStr<'a>`): \
                 the spec table fixes every item's type",
            );
        }
    }
    let mut layout = Layout {
        ident,
        generics: &input.generics,
        name: None,
        unit: None,
        repertoire: None,
        csv: None,
        csv_id: None,
        fields: Vec::new(),
        unread: Vec::new(),
    };
    let mut given = Vec::new();
    for attr in &input.attrs {
        if attr.path().is_ident("ltcip") {
            if let Err(error) = attr.parse_nested_meta(|meta| struct_key(cx, &meta, &mut layout, &mut given)) {
                cx.syn_error(error);
                // What followed the syntax error is unknown.
                layout.unread.extend(STRUCT_KEYS.iter().map(|(key, _)| *key));
            }
        } else if attr.path().is_ident("serde") {
            reject_rename_all(cx, attr);
        }
    }
    layout.fields = fields.iter().map(|field| item(cx, field)).collect();
    find_clause_items(&mut layout.fields);
    // The care-plan spec counts 項目長 in the bytes the file is written in; LIFE counts characters.
    if let (Some(span), None, None) = (layout.csv, &layout.csv_id, layout.unit) {
        layout.unit = Some(Word { value: "bytes", span });
    }
    Some(layout)
}

/// One key of the struct's `#[ltcip(...)]`.
fn struct_key(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    layout: &mut Layout<'_>,
    given: &mut Vec<(&'static str, Span)>,
) -> syn::Result<()> {
    let key = known_key(cx, meta, STRUCT_KEYS, given, &mut layout.unread, |key| {
        if ITEM_KEYS.iter().any(|(k, _)| *k == key) {
            cx.error_spanned_by(&meta.path, format!("`{key}` is an item attribute; put it on a field's #[ltcip(...)]"));
        } else {
            let keys: Vec<String> = STRUCT_KEYS.iter().map(|(k, _)| format!("`{k}`")).collect();
            let (last, rest) = keys.split_last().expect("struct keys");
            cx.error_spanned_by(
                &meta.path,
                format!("unknown struct attribute `{key}`; expected {} or {last}", rest.join(", ")),
            );
        }
    })?;
    let Some(key) = key else { return Ok(()) };
    let errors = cx.count();
    match key {
        "name" => layout.name = string(cx, meta, key, STRUCT_KEYS)?,
        "unit" => layout.unit = word(cx, meta, vocab::UNITS, "unit", UNIT_NOTE)?,
        "csv" => {
            layout.csv = Some(meta.path.span());
            layout.csv_id = csv_id(cx, meta)?;
        }
        _ => layout.repertoire = word(cx, meta, vocab::REPERTOIRES, "repertoire", REPERTOIRE_NOTE)?,
    }
    if cx.count() > errors {
        layout.unread.push(key);
    }
    Ok(())
}

fn item<'a>(cx: &Ctxt, field: &'a syn::Field) -> Item<'a> {
    let ident = field.ident.as_ref().expect("named fields have names");
    let mut item = Item {
        ident,
        ty: &field.ty,
        shape: TypeShape::of(&field.ty),
        key: ident.unraw().to_string(),
        key_span: ident.span(),
        attr: None,
        skip: None,
        given: Vec::new(),
        unread: Vec::new(),
        whole: true,
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
        custom_type: None,
        code_type: None,
        vis: &field.vis,
    };
    for attr in &field.attrs {
        if attr.path().is_ident("serde") {
            serde_rename(cx, attr, &mut item);
            continue;
        }
        if !attr.path().is_ident("ltcip") {
            continue;
        }
        if item.attr.is_some() {
            // Its keys are still read, so that none of them is reported missing.
            cx.error_spanned_by(attr, "one #[ltcip(...)] attribute per field; merge the keys into the first");
        } else {
            item.attr = Some(attr);
        }
        if let Err(error) = attr.parse_nested_meta(|meta| item_key(cx, &meta, &mut item)) {
            cx.syn_error(error);
            item.whole = false;
        }
    }
    if item.attr.is_none() {
        cx.error_spanned_by(
            ident,
            "every field needs #[ltcip(no = \"..\", name = \"..\", ...)] (the row of the spec table it \
             comes from), or #[ltcip(skip)] to leave it out of the layout",
        );
    }
    item
}

/// One key of a field's `#[ltcip(...)]`.
fn item_key(cx: &Ctxt, meta: &ParseNestedMeta<'_>, item: &mut Item<'_>) -> syn::Result<()> {
    let key = known_key(cx, meta, ITEM_KEYS, &mut item.given, &mut item.unread, |key| {
        if key == "rename" {
            cx.error_spanned_by(
                &meta.path,
                "`rename` is serde's, not an ltcip key: write the wire key as #[serde(rename = \"...\")]",
            );
        } else {
            let keys: Vec<&str> = ITEM_KEYS.iter().map(|(k, _)| *k).collect();
            cx.error_spanned_by(
                &meta.path,
                format!("unknown item attribute `{key}`; expected one of {}", keys.join(", ")),
            );
        }
    })?;
    let Some(key) = key else { return Ok(()) };
    let errors = cx.count();
    let path = meta.path.span();
    match key {
        "no" => item.no = string(cx, meta, key, ITEM_KEYS)?,
        "name" => item.name = string(cx, meta, key, ITEM_KEYS)?,
        "occurs" => {
            if let Some(occurs) = occurs(cx, meta)? {
                item.occurs = occurs;
            }
        }
        "data_type" => {
            let word = word(cx, meta, vocab::DATA_TYPES, "data_type (データ型)", "")?;
            item.data_type = word
                .map(|word| (vocab::lookup(vocab::DATA_TYPES, word.value).expect("a word of the vocabulary"), word));
        }
        "digits" => item.digits = whole(cx, meta, "digits", "digits (桁数)", "digits = 6")?,
        "decimals" => item.decimals = whole(cx, meta, "decimals", "decimals (小数点以下の桁数)", "decimals = 1")?,
        "range" => item.range = range(cx, meta)?,
        "required" => item.required = required(cx, meta)?,
        "quoted" => item.quoted = flag(cx, meta, key)?,
        "custom_type" => item.custom_type = flag(cx, meta, key)?,
        "code_type" => item.code_type = code_type(cx, meta)?,
        "length" => {
            let word = word(cx, meta, vocab::LENGTH_KINDS, "length (可変長/固定長)", "")?;
            item.fixed_length = word.map(|word| (word.value == "固定長", word.span));
        }
        "fixed" => item.fixed = string(cx, meta, key, ITEM_KEYS)?,
        "codes" => item.codes = values(cx, meta, "codes(\"成功\", \"失敗\")")?.map(|codes| (codes, path)),
        "date" => item.date = word(cx, meta, vocab::DATE_FORMATS, "date format", "")?,
        "unit" => item.unit = word(cx, meta, vocab::UNITS, "unit", UNIT_NOTE)?,
        "repertoire" => item.repertoire = word(cx, meta, vocab::REPERTOIRES, "repertoire", REPERTOIRE_NOTE)?,
        "secret" => item.secret = flag(cx, meta, key)?,
        "pattern" => item.pattern = string(cx, meta, key, ITEM_KEYS)?,
        "also" => item.also = values(cx, meta, "also(\"9999\")")?.map(|values| (values, path)),
        "free_text" => item.free_text = flag(cx, meta, key)?,
        "uniform" => item.uniform = flag(cx, meta, key)?,
        _ => item.skip = flag(cx, meta, key)?,
    }
    if cx.count() > errors {
        item.unread.push(key);
    }
    Ok(())
}

/// The key `meta` names, if it is one of `keys` and not given before in the same attribute; an
/// unknown key is reported by `unknown`, and its value is passed over.
fn known_key(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    keys: &[(&'static str, &str)],
    given: &mut Vec<(&'static str, Span)>,
    unread: &mut Vec<&'static str>,
    unknown: impl FnOnce(&str),
) -> syn::Result<Option<&'static str>> {
    let written = meta.path.get_ident().map(Ident::to_string).unwrap_or_else(|| {
        let segments: Vec<String> = meta.path.segments.iter().map(|s| s.ident.to_string()).collect();
        segments.join("::")
    });
    let Some(&(key, _)) = keys.iter().find(|(k, _)| *k == written) else {
        unknown(&written);
        skip_value(meta)?;
        return Ok(None);
    };
    if given.iter().any(|(k, _)| *k == key) {
        cx.error_spanned_by(&meta.path, format!("`{key}` is given twice"));
        // Which of the two was meant is unknown.
        unread.push(key);
        skip_value(meta)?;
        return Ok(None);
    }
    given.push((key, meta.path.span()));
    Ok(Some(key))
}

/// Reads past what follows a key (`= value` or `(...)`), so that reading goes on after an error
/// about it.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<Expr>()?;
    } else if meta.input.peek(token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<proc_macro2::TokenStream>()?;
    }
    Ok(())
}

/// How `key` is written, from its table.
fn usage(key: &str, keys: &[(&str, &'static str)]) -> &'static str {
    keys.iter().find(|(k, _)| *k == key).map_or("", |(_, usage)| usage)
}

/// The expression after `key =`, or an error showing how the key is written.
fn value(cx: &Ctxt, meta: &ParseNestedMeta<'_>, key: &str, keys: &[(&str, &'static str)]) -> syn::Result<Option<Expr>> {
    if !meta.input.peek(Token![=]) {
        cx.error_spanned_by(&meta.path, format!("`{key}` takes a value: `{}`", usage(key, keys)));
        skip_value(meta)?;
        return Ok(None);
    }
    Ok(Some(meta.value()?.parse()?))
}

/// A string-valued key.
fn string(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: &str,
    keys: &[(&str, &'static str)],
) -> syn::Result<Option<LitStr>> {
    Ok(value(cx, meta, key, keys)?.and_then(|expr| match expr {
        Expr::Lit(ExprLit { lit: Lit::Str(lit), .. }) => Some(lit),
        other => {
            cx.error_spanned_by(other, format!("`{key}` takes a string literal: `{}`", usage(key, keys)));
            None
        }
    }))
}

/// `digits = 6`: 桁数, a whole number as the spec's column writes it (or `decimals = 1`); `what`
/// names it and `example` shows it in errors.
fn whole(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: &str,
    what: &str,
    example: &str,
) -> syn::Result<Option<(u32, Span)>> {
    let Some(expr) = value(cx, meta, key, ITEM_KEYS)? else { return Ok(None) };
    let number = match &expr {
        Expr::Lit(ExprLit { lit: Lit::Int(lit), .. }) if lit.suffix().is_empty() => {
            lit.base10_parse::<u32>().ok().map(|number| (number, lit.span()))
        }
        _ => None,
    };
    if number.is_none() {
        cx.error_spanned_by(&expr, format!("{what} is a whole number without quotes or suffix, e.g. `{example}`"));
    }
    Ok(number)
}

/// `csv` alone (the care-plan dialect), or `csv(id = "SERVICE_USER_INFO")` (a named-column file and
/// its data type).
fn csv_id(cx: &Ctxt, meta: &ParseNestedMeta<'_>) -> syn::Result<Option<LitStr>> {
    if meta.input.peek(Token![=]) {
        cx.error_spanned_by(
            &meta.path,
            "write `csv` alone (a care-plan file) or `csv(id = \"SERVICE_USER_INFO\")` (a named-column file)",
        );
        skip_value(meta)?;
        return Ok(None);
    }
    if !meta.input.peek(token::Paren) {
        return Ok(None);
    }
    let mut id = None;
    let mut written = false;
    nested(meta, |inner| {
        written = true;
        if !inner.path.is_ident("id") {
            cx.error_spanned_by(
                &inner.path,
                "`csv(...)` takes `id = \"...\"`, the data type on line 1 of the file (`csv(id = \"SERVICE_USER_INFO\")`)",
            );
            return skip_value(&inner);
        }
        if id.is_some() {
            cx.error_spanned_by(&inner.path, "`id` is given twice");
            return skip_value(&inner);
        }
        id = string(cx, &inner, "id", &[("id", "id = \"SERVICE_USER_INFO\"")])?;
        Ok(())
    })?;
    if !written {
        cx.error_spanned_by(&meta.path, "`csv()` names no data type; write `csv(id = \"SERVICE_USER_INFO\")` or `csv`");
    }
    Ok(id)
}

/// `range = "0～100"`: 範囲 as the spec writes it. `A～B`, `A 〜 B` or `A~B`, either end open (`A～`,
/// `～B`), spaces anywhere, decimal and negative bounds.
fn range(cx: &Ctxt, meta: &ParseNestedMeta<'_>) -> syn::Result<Option<Range>> {
    const FORM: &str = "write \"min～max\" (e.g. \"0～100\", \"0.5～\", \"～-1\"), either end open";
    let Some(lit) = string(cx, meta, "range", ITEM_KEYS)? else { return Ok(None) };
    let (text, span) = (lit.value(), lit.span());
    match read_range(&text) {
        Ok((min, max)) => return Ok(Some((min, max, lit))),
        Err(Unreadable::NotTwoBounds) => {
            cx.error(span, format!("range (範囲) {text:?} is not two bounds around one ～; {FORM}"));
        }
        Err(Unreadable::NotANumber(part)) => {
            cx.error(span, format!("range (範囲) {text:?} has {part:?}, which is not a number; {FORM}"));
        }
        Err(Unreadable::NoBound) => cx.error(span, format!("range (範囲) {text:?} gives no bound; {FORM}")),
    }
    Ok(None)
}

/// Why a 範囲 cell cannot be read.
#[derive(Debug, PartialEq)]
pub enum Unreadable {
    NotTwoBounds,
    /// The bound that is not a number, as written.
    NotANumber(String),
    NoBound,
}

/// The bounds of a 範囲 cell, or why it cannot be read. Whether they admit any value is `check`'s.
pub fn read_range(text: &str) -> Result<(Option<f64>, Option<f64>), Unreadable> {
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
        return Err(Unreadable::NotTwoBounds);
    };
    let bound = |part: &str| -> Result<Option<f64>, Unreadable> {
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
            _ => Err(Unreadable::NotANumber(part.to_owned())),
        }
    };
    match (bound(low)?, bound(high)?) {
        (None, None) => Err(Unreadable::NoBound),
        bounds => Ok(bounds),
    }
}

/// `required(mode = "final")`, `required(when(facility_type = "1", oral_intake("1", "2")))` or both;
/// `None` when any of it could not be read.
fn required(cx: &Ctxt, meta: &ParseNestedMeta<'_>) -> syn::Result<Option<Required>> {
    let usage = "`required(mode = \"final\")`, `required(when(other_item = \"1\"))` or both";
    if !meta.input.peek(token::Paren) {
        cx.error_spanned_by(
            &meta.path,
            format!(
                "`required` says when the item is required besides 出現回数: {usage} (an item required always is \
                 `occurs = \"1..1\"`)"
            ),
        );
        skip_value(meta)?;
        return Ok(None);
    }
    let errors = cx.count();
    let mut required = Required { span: meta.path.span(), mode: None, when: None };
    let mut written = false;
    nested(meta, |inner| {
        written = true;
        if inner.path.is_ident("mode") {
            if required.mode.is_some() {
                cx.error_spanned_by(&inner.path, "`mode` is given twice");
                return skip_value(&inner);
            }
            let Some(lit) = string(cx, &inner, "mode", &[("mode", "mode = \"final\"")])? else { return Ok(()) };
            let Some(&(word, variant)) = vocab::MODES.iter().find(|(word, _)| *word == lit.value()) else {
                cx.error(
                    lit.span(),
                    format!(
                        "unknown mode {:?}; expected \"draft\" (仮取込: every mode) or \"final\" (確定取込)",
                        lit.value()
                    ),
                );
                return Ok(());
            };
            required.mode = Some((variant, Word { value: word, span: lit.span() }));
            Ok(())
        } else if inner.path.is_ident("when") {
            if required.when.is_some() {
                cx.error_spanned_by(&inner.path, "`when` is given twice; list every clause in one `when(...)`");
                return skip_value(&inner);
            }
            if !inner.input.peek(token::Paren) {
                cx.error_spanned_by(&inner.path, "`when` lists its clauses in parentheses: `when(other_item = \"1\")`");
                return skip_value(&inner);
            }
            let mut clauses = Vec::new();
            nested(&inner, |clause| {
                let Some(key) = clause.path.get_ident() else {
                    cx.error_spanned_by(
                        &clause.path,
                        "a clause names another item by its field name: `other_item = \"1\"`",
                    );
                    return skip_value(&clause);
                };
                let values = if clause.input.peek(Token![=]) {
                    string(cx, &clause, "clause", &[("clause", "other_item = \"1\"")])?.map(|value| vec![value])
                } else if clause.input.peek(token::Paren) {
                    values(cx, &clause, "other_item(\"1\", \"2\")")?
                } else {
                    cx.error_spanned_by(
                        &clause.path,
                        "a clause gives the other item's value (`other_item = \"1\"`) or values \
                         (`other_item(\"1\", \"2\")`)",
                    );
                    None
                };
                if let Some(values) = values {
                    clauses.push(Clause { key: key.clone(), item: None, values });
                }
                Ok(())
            })?;
            required.when = Some((clauses, inner.path.span()));
            Ok(())
        } else {
            cx.error_spanned_by(&inner.path, format!("`required` takes `mode` and `when`: {usage}"));
            skip_value(&inner)
        }
    })?;
    if !written {
        cx.error(
            required.span,
            format!("`required()` says nothing; write {usage} (an item required always is `occurs = \"1..1\"`)"),
        );
    }
    Ok((cx.count() == errors).then_some(required))
}

/// Finds the item each clause of `required(when(...))` names: by field name or wire key, among the
/// fields not skipped.
fn find_clause_items(fields: &mut [Item<'_>]) {
    let mut found = Vec::new();
    for (index, item) in fields.iter().enumerate() {
        let Some(Required { when: Some((clauses, _)), .. }) = &item.required else { continue };
        for (at, clause) in clauses.iter().enumerate() {
            let name = clause.key.unraw().to_string();
            let other = fields
                .iter()
                .position(|other| other.skip.is_none() && (other.ident.unraw() == name || other.key == name));
            found.push((index, at, other));
        }
    }
    for (index, at, other) in found {
        if let Some(Required { when: Some((clauses, _)), .. }) = &mut fields[index].required {
            clauses[at].item = other;
        }
    }
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

/// `code_type = GenderCode`: the enum of the item's codes, by its path.
fn code_type(cx: &Ctxt, meta: &ParseNestedMeta<'_>) -> syn::Result<Option<syn::Path>> {
    let Some(expr) = value(cx, meta, "code_type", ITEM_KEYS)? else { return Ok(None) };
    match expr {
        Expr::Path(syn::ExprPath { qself: None, path, attrs, .. }) if attrs.is_empty() => Ok(Some(path)),
        other => {
            cx.error_spanned_by(
                other,
                "`code_type` names the enum of the item's codes by its path, without quotes: `code_type = GenderCode`",
            );
            Ok(None)
        }
    }
}

/// A key that takes no value.
fn flag(cx: &Ctxt, meta: &ParseNestedMeta<'_>, key: &str) -> syn::Result<Option<Span>> {
    if meta.input.peek(Token![=]) || meta.input.peek(token::Paren) {
        cx.error_spanned_by(&meta.path, format!("`{key}` is a flag and takes no value; write `{key}` alone"));
        skip_value(meta)?;
        return Ok(None);
    }
    Ok(Some(meta.path.span()))
}

/// `codes("成功", "失敗")` or `also("9999")`: a list of values; `usage` shows how it is written.
fn values(cx: &Ctxt, meta: &ParseNestedMeta<'_>, usage: &str) -> syn::Result<Option<Vec<LitStr>>> {
    if !meta.input.peek(token::Paren) {
        let key = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
        cx.error_spanned_by(&meta.path, format!("{key} are listed in parentheses: `{usage}`"));
        skip_value(meta)?;
        return Ok(None);
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let mut values = Vec::new();
    let mut read = true;
    for expr in Punctuated::<Expr, Token![,]>::parse_terminated(&content)? {
        match expr {
            Expr::Lit(ExprLit { lit: Lit::Str(lit), .. }) => values.push(lit),
            other => {
                cx.error_spanned_by(
                    other,
                    "a code is a string literal, as the value is on the wire: `codes(\"1\", \"2\")`",
                );
                read = false;
            }
        }
    }
    Ok(read.then_some(values))
}

/// `occurs = "1..1"`, `occurs = "0..1"`, or `occurs = "1..n"` (no upper bound): 出現回数 as the spec's
/// 最小 and 最大 columns give it.
fn occurs(cx: &Ctxt, meta: &ParseNestedMeta<'_>) -> syn::Result<Option<Occurs>> {
    let Some(lit) = string(cx, meta, "occurs", ITEM_KEYS)? else { return Ok(None) };
    let text = lit.value();
    let read = |text: &str| {
        let (min, max) = text.split_once("..")?;
        let min = min.trim().parse::<u32>().ok()?;
        let max = match max.trim() {
            "n" | "N" => None,
            max => Some(max.parse::<u32>().ok()?),
        };
        Some((min, max))
    };
    let Some((min, max)) = read(&text) else {
        cx.error(
            lit.span(),
            format!(
                "occurs (出現回数) {text:?} is not \"min..max\"; write e.g. \"1..1\", \"0..1\", or \"0..n\" for no \
                 maximum"
            ),
        );
        return Ok(None);
    };
    Ok(Some(Occurs { min, max, lit: Some(lit) }))
}

/// A string-valued key whose value must come from a vocabulary; `what` names the key in errors, and
/// `note` follows the list of words.
fn word<T>(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    table: &'static [(&'static str, T)],
    what: &str,
    note: &str,
) -> syn::Result<Option<Word>> {
    let key = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
    // Every vocabulary key is an item key, written the same way at struct level.
    let Some(lit) = string(cx, meta, &key, ITEM_KEYS)? else { return Ok(None) };
    let value = lit.value();
    if let Some((value, _)) = table.iter().find(|(w, _)| *w == value) {
        return Ok(Some(Word { value, span: lit.span() }));
    }
    let words: Vec<String> = table.iter().map(|(w, _)| format!("\"{w}\"")).collect();
    // Spec tables write patterns in either case and with stray spaces; say which word was meant.
    let near = table.iter().find(|(w, _)| w.eq_ignore_ascii_case(value.trim())).map(|(w, _)| *w);
    let hint = near.map_or_else(String::new, |w| format!(" (did you mean \"{w}\"?)"));
    cx.error(lit.span(), format!("unknown {what} {value:?}{hint}; expected one of {}{note}", words.join(", ")));
    Ok(None)
}

/// Takes the wire key from `#[serde(rename = "...")]` (or its `deserialize` half).
fn serde_rename(cx: &Ctxt, attr: &Attribute, item: &mut Item<'_>) {
    let Meta::List(list) = &attr.meta else { return };
    let metas = match list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) {
        Ok(metas) => metas,
        Err(error) => return cx.syn_error(error),
    };
    for meta in metas {
        match &meta {
            Meta::NameValue(nv) if nv.path.is_ident("rename") => {
                if let Some(lit) = wire_key(cx, &nv.value) {
                    (item.key, item.key_span) = (lit.value(), lit.span());
                }
            }
            Meta::List(inner) if inner.path.is_ident("rename") => {
                let halves = match inner.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) {
                    Ok(halves) => halves,
                    Err(error) => return cx.syn_error(error),
                };
                for half in halves {
                    if let Meta::NameValue(nv) = half
                        && nv.path.is_ident("deserialize")
                        && let Some(lit) = wire_key(cx, &nv.value)
                    {
                        (item.key, item.key_span) = (lit.value(), lit.span());
                    }
                }
            }
            Meta::Path(path) if path.is_ident("flatten") => {
                cx.error_spanned_by(
                    path,
                    "#[serde(flatten)] would hide the nested items' keys from the layout; write its \
                     fields out here, or make it a リスト item",
                );
            }
            _ => {}
        }
    }
}

/// Wire keys come from each field's own rename; a struct-wide rule would hide them from the derive.
fn reject_rename_all(cx: &Ctxt, attr: &Attribute) {
    let Meta::List(list) = &attr.meta else { return };
    let metas = match list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) {
        Ok(metas) => metas,
        Err(error) => return cx.syn_error(error),
    };
    for meta in metas {
        if meta.path().is_ident("rename_all") {
            cx.error_spanned_by(
                meta.path(),
                "the derive cannot see the keys rename_all makes; write #[serde(rename = \"...\")] on each \
                 field whose wire key differs from its name",
            );
        }
    }
}

/// The wire key a serde rename gives, a string literal.
fn wire_key(cx: &Ctxt, expr: &Expr) -> Option<LitStr> {
    match expr {
        Expr::Lit(ExprLit { lit: Lit::Str(lit), .. }) => Some(lit.clone()),
        other => {
            cx.error_spanned_by(other, "a wire key is a string literal: #[serde(rename = \"...\")]");
            None
        }
    }
}
