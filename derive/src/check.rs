//! Step 2: reject attribute combinations that no value could satisfy or that the field type cannot
//! carry, each error pointing at the attribute or type at fault.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use proc_macro2::Span;
use syn::{GenericArgument, LitStr, PathArguments, Type};

use crate::parse::{Errors, Item, Layout, Word};
use crate::vocab::DataType;

pub fn layout(layout: &Layout<'_>) -> syn::Result<()> {
    let mut errors = Errors::default();
    let mut keys: HashMap<&str, &Item<'_>> = HashMap::new();
    for item in &layout.fields {
        if item.skip.is_some() {
            errors.add(skipped(item));
            continue;
        }
        match keys.entry(&item.key) {
            Entry::Occupied(first) => errors.push(syn::Error::new(
                item.key_span,
                format!(
                    "ltcip: wire key {:?} is already used by field `{}`; every item needs its own JSON member or \
                     header name",
                    item.key,
                    first.get().ident
                ),
            )),
            Entry::Vacant(slot) => {
                slot.insert(item);
            }
        }
        errors.add(self::item(item, layout.unit));
        errors.add(not_recursive(item, layout.ident));
        if layout.csv.is_some() {
            errors.add(csv_column(item));
        }
    }
    for item in layout.fields.iter().filter(|item| item.skip.is_none()) {
        errors.add(conditions(item, layout));
    }
    errors.finish()
}

/// The clauses of `required(when(...))` name other items of the struct, holding single texts, by
/// values they can hold.
fn conditions(item: &Item<'_>, layout: &Layout<'_>) -> syn::Result<()> {
    let Some(required) = &item.required else { return Ok(()) };
    let Some((clauses, span)) = &required.when else { return Ok(()) };
    let mut errors = Errors::default();
    if clauses.is_empty() {
        errors.push(err(*span, "`when()` lists no clause; write `when(other_item = \"1\")`, or drop `when`"));
    }
    if !is_list(item) && type_shape(item.ty).vec_of.is_some() {
        errors.push(err(
            *span,
            "a condition can only require an item that holds one text; a リスト or repeated item cannot be required \
             by a condition",
        ));
    }
    for (index, clause) in clauses.iter().enumerate() {
        let name = syn::ext::IdentExt::unraw(&clause.key).to_string();
        let other = layout.fields.iter().filter(|other| other.skip.is_none()).find(|other| {
            let ident = syn::ext::IdentExt::unraw(other.ident).to_string();
            ident == name || other.key == name
        });
        let Some(other) = other else {
            errors.push(syn::Error::new(
                clause.key.span(),
                format!("ltcip: `{name}` names no item of this struct; a clause names another field"),
            ));
            continue;
        };
        if std::ptr::eq(other, item) {
            errors.push(syn::Error::new(
                clause.key.span(),
                format!("ltcip: `{name}` is this item itself; a condition is on another item of the record"),
            ));
            continue;
        }
        if clauses[..index].iter().any(|earlier| earlier.key == clause.key) {
            errors.push(syn::Error::new(
                clause.key.span(),
                format!("ltcip: `{name}` has a clause already; list its values in one: `{name}(\"1\", \"2\")`"),
            ));
        }
        if is_list(other) || type_shape(other.ty).vec_of.is_some() {
            errors.push(syn::Error::new(
                clause.key.span(),
                format!(
                    "ltcip: `{name}` is a リスト or repeated item, which holds no single value a clause could test"
                ),
            ));
            continue;
        }
        if clause.values.is_empty() {
            errors.push(syn::Error::new(clause.key.span(), format!("ltcip: `{name}()` lists no value")));
        }
        for value in &clause.values {
            let text = value.value();
            if text.is_empty() {
                errors.push(err(value.span(), "a clause's value cannot be empty: an empty value counts as absent"));
            } else if let Some((codes, _)) = &other.codes
                && !codes.iter().any(|code| code.value() == text)
            {
                let listed: Vec<String> = codes.iter().map(|code| format!("{:?}", code.value())).collect();
                errors.push(err(
                    value.span(),
                    format!(
                        "{text:?} is not a code of `{name}`, so the clause could never hold; its codes are {}",
                        listed.join(", ")
                    ),
                ));
            } else if let Some(fixed) = &other.fixed
                && fixed.value() != text
            {
                errors.push(err(
                    value.span(),
                    format!("{text:?} is not the value of `{name}`, which is fixed to {:?}", fixed.value()),
                ));
            }
        }
    }
    errors.finish()
}

/// A layout's shape is a constant that holds its records' shapes, so a struct listing itself would be
/// a constant defined by itself; rustc reports that only as a query cycle inside the derive.
fn not_recursive(item: &Item<'_>, ident: &syn::Ident) -> syn::Result<()> {
    let Some(Type::Path(element)) = type_shape(item.ty).vec_of.filter(|_| is_list(item)) else {
        return Ok(());
    };
    match element.path.segments.last() {
        Some(last) if last.ident == *ident || last.ident == "Self" => Err(syn::Error::new_spanned(
            element,
            format!(
                "ltcip: the records of a リスト item cannot be `{ident}` itself: a layout's shape is a constant \
                 that holds its records' shapes, so it cannot contain itself"
            ),
        )),
        _ => Ok(()),
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

pub fn type_shape(ty: &Type) -> TypeShape<'_> {
    let (option, inner) = match wrapped(ty, "Option") {
        Some(inner) => (true, inner),
        None => (false, ty),
    };
    let vec_of = wrapped(inner, "Vec");
    TypeShape { option, vec_of, scalar: vec_of.unwrap_or(inner) }
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
    matches!(item.data_type, Some((DataType::List, _)))
}

/// Whether the item is 数値.
pub fn is_number(item: &Item<'_>) -> bool {
    matches!(item.data_type, Some((DataType::Number, _)))
}

fn err(span: Span, message: impl std::fmt::Display) -> syn::Error {
    syn::Error::new(span, format!("ltcip: {message}"))
}

/// A skipped field is no item, so any rule on it would silently do nothing.
fn skipped(item: &Item<'_>) -> syn::Result<()> {
    let mut errors = Errors::default();
    for (key, span) in item.given.iter().filter(|(key, _)| *key != "skip") {
        errors.push(err(
            *span,
            format!("`skip` leaves the field out of the layout, so `{key}` would apply to nothing; drop it"),
        ));
    }
    errors.finish()
}

fn item(item: &Item<'_>, struct_unit: Option<Word>) -> syn::Result<()> {
    let mut errors = Errors::default();
    let missing = |message: &str| match item.attr {
        Some(attr) => syn::Error::new_spanned(attr, format!("ltcip: {message}")),
        None => err(item.ident.span(), message),
    };
    if item.no.is_none() {
        errors.push(missing("missing `no = \"..\"` (項番), e.g. `no = \"08\"`"));
    }
    if item.name.is_none() {
        errors.push(missing("missing `name = \"..\"` (項目名), e.g. `name = \"介護保険者番号\"`"));
    }
    errors.add(occurs_and_type(item));
    if is_list(item) {
        // The text rules would only be checked against each other, repeating the error below.
        errors.add(list(item));
    } else {
        errors.add(text(item, struct_unit));
    }
    errors.finish()
}

/// 出現回数 against itself and against the field type that must hold it.
fn occurs_and_type(item: &Item<'_>) -> syn::Result<()> {
    let mut errors = Errors::default();
    let occurs = &item.occurs;
    let span = occurs.span(item.ident.span());
    let written = occurs.lit.as_ref().map(LitStr::value).unwrap_or_default();
    match occurs.max {
        Some(0) => errors.push(err(span, format!("occurs {written:?}: the maximum (最大) must be at least 1"))),
        Some(max) if max < occurs.min => errors.push(err(
            span,
            format!("occurs {written:?}: the minimum (最小) {} is above the maximum (最大) {max}", occurs.min),
        )),
        _ => {}
    }
    let shape = type_shape(item.ty);
    let list = is_list(item);
    let repeated = !list && occurs.max.is_none_or(|max| max > 1);
    if occurs.min == 0 && !shape.option && shape.vec_of.is_none() {
        errors.push(err(
            span,
            format!("occurs {written:?} lets the item be absent (最小 0), so the field must be an `Option<...>`"),
        ));
    }
    let type_error = |message: String| syn::Error::new_spanned(item.ty, format!("ltcip: {message}"));
    if shape.vec_of.is_none() {
        if list {
            errors.push(type_error(
                "a リスト item holds records: make the field `Vec<Record>` (or `Option<Vec<Record>>`) of a struct \
                 that derives Validate"
                    .to_owned(),
            ));
        } else if repeated {
            errors.push(type_error(format!(
                "occurs {written:?} lets the item repeat (最大 above 1), so the field must be a `Vec<...>` (or \
                 `Option<Vec<...>>`)"
            )));
        }
    } else if !list && !repeated {
        errors.push(type_error(
            "a `Vec` field is either a リスト item (`data_type = \"リスト\"`) or a repeated one (`occurs` with a \
             maximum above 1, e.g. \"0..n\")"
                .to_owned(),
        ));
    }
    // On a リスト item `secret` is already an error of its own.
    if item.secret.is_some() && !list && !is_secret(shape.scalar) {
        errors.push(type_error(
            "a `secret` item's value is a `ltcip_runtime::Secret` (or an `Option` of one), which never prints \
             the credential"
                .to_owned(),
        ));
    }
    errors.finish()
}

/// Whether `ty` names `Secret`, matched by the last path segment as `Option` is.
fn is_secret(ty: &Type) -> bool {
    let Type::Path(path) = ty else { return false };
    path.path.segments.last().is_some_and(|last| last.ident == "Secret" && last.arguments.is_none())
}

/// The keys that only mean something for text.
const TEXT_KEYS: &[&str] = &[
    "digits",
    "length",
    "fixed",
    "codes",
    "date",
    "unit",
    "repertoire",
    "secret",
    "pattern",
    "also",
    "free_text",
    "uniform",
    "decimals",
    "range",
    "required",
    "quoted",
];

/// A CSV record is flat: one text per column.
fn csv_column(item: &Item<'_>) -> syn::Result<()> {
    if is_list(item) || type_shape(item.ty).vec_of.is_some() {
        return Err(syn::Error::new_spanned(
            item.ty,
            "ltcip: a CSV record is flat, one text per column: the field must be `String`, `CompactString`, \
             `Secret` or an `Option` of one",
        ));
    }
    Ok(())
}

fn list(item: &Item<'_>) -> syn::Result<()> {
    let mut errors = Errors::default();
    for (key, span) in item.given.iter().filter(|(key, _)| TEXT_KEYS.contains(key)) {
        errors.push(err(
            *span,
            format!(
                "`{key}` is a text rule, and a リスト item holds records, not text; put it on the items of the record \
                 struct"
            ),
        ));
    }
    errors.finish()
}

fn text(item: &Item<'_>, struct_unit: Option<Word>) -> syn::Result<()> {
    let mut errors = Errors::default();
    errors.add(number(item));
    if let Some(required) = &item.required
        && item.occurs.min > 0
    {
        errors.push(err(
            required.span,
            format!(
                "the item is always required already (出現回数 最小 {}); `required` is for items whose 最小 is 0 \
                 (`occurs = \"0..1\"`)",
                item.occurs.min
            ),
        ));
    }
    match item.digits {
        Some((0, span)) => errors.push(err(span, "digits (桁数) must be at least 1")),
        None => {
            if let Some((_, span)) = item.fixed_length {
                errors.push(err(span, "length (可変長/固定長) says how `digits` (桁数) applies; give `digits` too"));
            }
            if let Some(unit) = item.unit {
                errors.push(err(unit.span, "unit says what one 桁 of `digits` counts; give `digits` too"));
            }
        }
        _ => {}
    }
    if item.fixed.is_some()
        && let Some((_, span)) = &item.codes
    {
        errors.push(err(*span, "an item takes either `fixed` (its one value) or `codes(...)` (its values), not both"));
    }
    // A 数値 item's digits are digits, whatever a struct-level unit says.
    let bytes = !is_number(item) && item.unit.or(struct_unit).is_some_and(|unit| unit.value == "bytes");
    if let Some(fixed) = &item.fixed {
        errors.add(value_fits(item, fixed, "fixed value", bytes));
    }
    if let Some((codes, span)) = &item.codes {
        if codes.is_empty() {
            errors.push(err(*span, "`codes()` lists no code; list the values allowed: `codes(\"成功\", \"失敗\")`"));
        }
        for (index, code) in codes.iter().enumerate() {
            if codes[..index].iter().any(|earlier| earlier.value() == code.value()) {
                errors.push(err(code.span(), format!("code {:?} is listed twice", code.value())));
            }
            errors.add(value_fits(item, code, "code", bytes));
        }
    }
    errors.add(date_fits(item));
    if let Some(pattern) = &item.pattern
        && let Err(error) = regex_lite::Regex::new(&format!("^(?:{})$", pattern.value()))
    {
        errors.push(err(pattern.span(), format!("pattern {:?} is not a regular expression: {error}", pattern.value())));
    }
    if let Some((values, span)) = &item.also {
        if values.is_empty() {
            errors.push(err(*span, "`also()` lists no value; list the values allowed besides: `also(\"9999\")`"));
        }
        for (index, value) in values.iter().enumerate() {
            if value.value().is_empty() {
                errors.push(err(value.span(), "an `also` value cannot be empty: an empty value counts as absent"));
            } else if values[..index].iter().any(|earlier| earlier.value() == value.value()) {
                errors.push(err(value.span(), format!("value {:?} is listed twice", value.value())));
            }
        }
    }
    errors.finish()
}

/// 数値: `digits` is the integer part, `decimals` the fraction; there is no length rule.
fn number(item: &Item<'_>) -> syn::Result<()> {
    let mut errors = Errors::default();
    if !is_number(item) {
        if let Some((_, span)) = item.decimals {
            errors.push(err(span, "decimals (小数点以下の桁数) is for a 数値 item: add `data_type = \"数値\"`"));
        }
        return errors.finish();
    }
    let word = item.data_type.map(|(_, word)| word.span).unwrap_or_else(|| item.ident.span());
    if item.digits.is_none() {
        errors.push(err(word, "a 数値 item needs `digits` (整数桁), the most digits of its integer part"));
    }
    if let Some((true, span)) = item.fixed_length {
        errors.push(err(
            span,
            "a 数値 item has no length rule (its `digits` are 整数桁, the integer part's most); drop `length = \"固定長\"`",
        ));
    }
    if let Some(unit) = item.unit {
        errors.push(err(unit.span, "a 数値 item's `digits` count digits; drop `unit`"));
    }
    errors.finish()
}

/// A fixed value or a code must itself satisfy the item's 桁数 and (for the ASCII classes) データ型: a
/// spec row where it does not contradicts itself. A 数値 item's must be such a number.
fn value_fits(item: &Item<'_>, lit: &LitStr, what: &str, bytes: bool) -> syn::Result<()> {
    let value = lit.value();
    if value.is_empty() {
        return Err(err(lit.span(), format!("a {what} cannot be empty: an empty value counts as absent")));
    }
    if is_number(item) {
        let integer = item.digits.map_or(u32::MAX, |(digits, _)| digits);
        let fraction = item.decimals.map_or(0, |(decimals, _)| decimals);
        if !ltcip_number_admits(integer, fraction, &value) {
            return Err(err(
                lit.span(),
                format!(
                    "{what} {value:?} is not a number of at most {integer} integer and {fraction} fraction digits, \
                     which this 数値 item holds"
                ),
            ));
        }
        return Ok(());
    }
    if let Some((digits, _)) = item.digits {
        let len = if bytes { value.chars().map(ms932_width).sum() } else { value.chars().count() };
        length_fits(item, digits, len, bytes, lit.span(), &format!("{what} {value:?} is"))?;
    }
    // Only the ASCII classes: a code list overrides the class at run time, and for the other classes
    // spec tables are loose enough (a 全角文字 row with code "1") that rejecting them would reject real
    // workbooks.
    if let Some((DataType::Class(class @ ("HalfDigits" | "HalfAlphanumeric")), word)) = item.data_type
        && let Some(c) = value.chars().find(|&c| !ascii_admits(class, c))
    {
        return Err(err(
            lit.span(),
            format!(
                "{what} {value:?} contains {c:?}, which data_type = \"{}\" ({}) does not allow",
                word.value,
                describe(class)
            ),
        ));
    }
    Ok(())
}

/// A date format fixes how long its values are and which characters they hold.
fn date_fits(item: &Item<'_>) -> syn::Result<()> {
    let Some(date) = item.date else { return Ok(()) };
    let pattern = date.value;
    // Patterns are ASCII and each letter stands for one digit, so a value is as long as its pattern.
    if let Some((digits, _)) = item.digits {
        let subject = format!("date = {pattern:?} values are");
        length_fits(item, digits, pattern.len(), false, date.span, &subject)?;
    }
    if let Some((DataType::Class(class), word)) = item.data_type {
        let separators = pattern.chars().filter(|c| !"YMDHSm".contains(*c));
        if let Some(c) = std::iter::once('0').chain(separators).find(|&c| !ascii_admits(class, c)) {
            return Err(err(
                date.span,
                format!(
                    "date = {pattern:?} values contain {c:?}, which data_type = \"{}\" ({}) does not allow",
                    word.value,
                    describe(class)
                ),
            ));
        }
    }
    Ok(())
}

/// An error when a value `len` units long cannot meet the item's 桁数. `subject` ends in "is"/"are".
fn length_fits(item: &Item<'_>, digits: u32, len: usize, bytes: bool, span: Span, subject: &str) -> syn::Result<()> {
    let unit = if bytes { "MS932 bytes" } else { "characters" };
    let digits = digits as usize;
    let fixed = item.fixed_length.is_some_and(|(fixed, _)| fixed);
    if fixed && len != digits {
        return Err(err(
            span,
            format!("{subject} {len} {unit}, but a 固定長 item of digits = {digits} takes exactly {digits}"),
        ));
    }
    if !fixed && len > digits {
        return Err(err(span, format!("{subject} {len} {unit}, but digits = {digits} allows at most {digits}")));
    }
    Ok(())
}

/// Whether `value` is `-?[0-9]{1,integer}(\.[0-9]{1,fraction})?`, as `ltcip_runtime::Decimal` admits
/// it. Mirrors the runtime; a test below holds them together.
fn ltcip_number_admits(integer: u32, fraction: u32, value: &str) -> bool {
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    let (whole, part) = match unsigned.split_once('.') {
        Some((whole, part)) => (whole, Some(part)),
        None => (unsigned, None),
    };
    let digits = |text: &str, most: u32| {
        !text.is_empty() && text.len() <= most as usize && text.bytes().all(|b| b.is_ascii_digit())
    };
    digits(whole, integer) && part.is_none_or(|part| digits(part, fraction))
}

/// Bytes `c` takes in MS932, as the runtime counts them: one for ASCII and half-width katakana, two
/// for everything else (characters MS932 cannot write are counted as two, and rejected anyway).
fn ms932_width(c: char) -> usize {
    if c.is_ascii() || ('\u{FF61}'..='\u{FF9F}').contains(&c) { 1 } else { 2 }
}

/// Whether the `ltcip_runtime::CharClass` variant `class` admits the ASCII character `c` (and, for the
/// ASCII-only classes, any `c`). Mirrors the runtime; a test below holds them together.
fn ascii_admits(class: &str, c: char) -> bool {
    match class {
        "HalfDigits" => c.is_ascii_digit(),
        "HalfAlphanumeric" => c.is_ascii_alphanumeric(),
        "Half" => (' '..='~').contains(&c),
        "Mixed" => (' '..='~').contains(&c) || c == '\n' || c == '\r',
        _ => false,
    }
}

/// What a class admits, in words, for messages.
fn describe(class: &str) -> &'static str {
    match class {
        "HalfDigits" => "ASCII digits",
        "HalfAlphanumeric" => "ASCII letters and digits",
        "Half" => "printable ASCII and half-width katakana",
        "Full" => "characters that are double-byte in MS932",
        _ => "half- and full-width characters",
    }
}

#[cfg(test)]
mod tests {
    use ltcip_runtime::{CharClass, DateFormat, Decimal, Item, Kind, Occurs, Pointer, Text, ValidationErrors};

    use super::{ascii_admits, ltcip_number_admits, ms932_width};
    use crate::vocab::{self, DataType};

    fn rules_broken(text: Text<'_>, value: &str) -> Vec<&'static str> {
        let item = Item::new("01", "項目", "key", Occurs::REQUIRED, Kind::Text(text));
        let mut errors = ValidationErrors::new();
        item.check_text(value, &Pointer::Root, &mut errors);
        errors.iter().map(|e| e.rule().code()).collect()
    }

    #[test]
    fn ascii_classes_agree_with_the_runtime() {
        for (word, variant) in vocab::DATA_TYPES {
            let DataType::Class(variant) = variant else { continue };
            let class = CharClass::from_spec_name(word).expect("a runtime class");
            for c in (1..128u8).map(char::from) {
                let runtime = !rules_broken(Text::new().chars(class), &c.to_string()).contains(&"chars");
                assert_eq!(ascii_admits(variant, c), runtime, "{word} {c:?}");
            }
            if matches!(*variant, "HalfDigits" | "HalfAlphanumeric") {
                let runtime = rules_broken(Text::new().chars(class), "ｱ");
                assert_eq!(runtime, ["chars"], "{word} admits no non-ASCII character");
            }
        }
    }

    #[test]
    fn ms932_widths_agree_with_the_runtime() {
        for c in ('\0'..='\u{FFFF}').filter(|&c| ltcip_runtime::ms932::width(c) != 0) {
            assert_eq!(ms932_width(c), usize::from(ltcip_runtime::ms932::width(c)), "{c:?}");
        }
    }

    #[test]
    fn date_values_are_as_long_as_their_pattern_with_digits_for_letters() {
        for (pattern, _) in vocab::DATE_FORMATS {
            let format = DateFormat::from_pattern(pattern).expect("a runtime format");
            let sample: String = pattern.chars().map(|c| if "YMDHSm".contains(c) { '1' } else { c }).collect();
            assert!(format.is_valid(&sample), "{pattern}: {sample}");
            assert_eq!(sample.len(), pattern.len());
        }
    }

    #[test]
    fn numbers_agree_with_the_runtime() {
        let values = [
            "0", "-0", "1", "12", "123", "1234", "1.5", "1.55", "-1.5", "1.", ".5", "", "-", "1e3", "+1", "１", " 1",
            "1.5.5", "0001", "1,5",
        ];
        for integer in 1..=4 {
            for fraction in 0..=2 {
                for value in values {
                    assert_eq!(
                        ltcip_number_admits(integer, fraction, value),
                        Decimal::new(integer, fraction).admits(value),
                        "{integer}.{fraction} {value:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn ranges_are_read_as_the_spec_writes_them() {
        use crate::parse::read_range;
        assert_eq!(read_range("0～100"), Ok((Some(0.0), Some(100.0))));
        assert_eq!(read_range("0 〜 23"), Ok((Some(0.0), Some(23.0))));
        assert_eq!(read_range(" 0.5~ 1.5 "), Ok((Some(0.5), Some(1.5))));
        assert_eq!(read_range("-10～-1"), Ok((Some(-10.0), Some(-1.0))));
        assert_eq!(read_range("－5　～　5"), Ok((Some(-5.0), Some(5.0))));
        assert_eq!(read_range("0～"), Ok((Some(0.0), None)));
        assert_eq!(read_range("～100"), Ok((None, Some(100.0))));
        for bad in ["", "～", "0-100", "0～1～2", "a～1", "1.～2", ".5～1", "1e3～", "5～1", "0..100"] {
            assert!(read_range(bad).is_err(), "{bad:?}");
        }
    }
}
