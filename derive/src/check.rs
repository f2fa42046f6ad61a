//! Step 2: judge the model `parse` read. Every key missing, every combination no value could satisfy
//! or the field type cannot carry, every number out of bounds, every list empty or repeating a value,
//! every value that does not fit the item's own rules (a code longer than 固定長 `digits`, a date
//! format 半角数字 cannot hold) is reported into the [`Ctxt`], pointing at the attribute or type at
//! fault. A rule that depends on a value `parse` could not read is not judged: that value's error
//! says what is wrong.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use proc_macro2::Span;
use syn::{LitStr, Type};

use crate::ctxt::Ctxt;
use crate::parse::{Item, Layout};
use crate::vocab::DataType;

pub fn layout(cx: &Ctxt, layout: &Layout<'_>) {
    if let Some(id) = &layout.csv_id
        && (id.value().trim().is_empty() || id.value().trim() != id.value())
    {
        cx.error(id.span(), "the data type is a word without surrounding spaces, e.g. \"SERVICE_USER_INFO\"");
    }
    if let (Some(_), Some(lifetime)) = (layout.csv, layout.generics.lifetimes().next()) {
        cx.error_spanned_by(
            lifetime,
            "a CSV record cannot borrow its text: the reader refills one record from a buffer it reuses; \
             use `String` or `CompactString` fields",
        );
    }
    // A field without #[ltcip] is an error of its own, and has nothing to judge.
    let fields = || layout.fields.iter().filter(|item| item.attr.is_some());
    let mut keys: HashMap<&str, &Item<'_>> = HashMap::new();
    for item in fields() {
        if item.skip.is_some() {
            skipped(cx, item);
            continue;
        }
        match keys.entry(&item.key) {
            Entry::Occupied(first) => cx.error(
                item.key_span,
                format!(
                    "wire key {:?} is already used by field `{}`; every item needs its own JSON member or header \
                     name",
                    item.key,
                    first.get().ident
                ),
            ),
            Entry::Vacant(slot) => {
                slot.insert(item);
            }
        }
        self::item(cx, item, layout);
        not_recursive(cx, item, layout.ident);
        if layout.csv.is_some() {
            csv_column(cx, item);
        }
    }
    for item in fields().filter(|item| item.skip.is_none()) {
        conditions(cx, item, layout);
    }
}

/// The clauses of `required(when(...))` name other items of the struct, holding single texts, by
/// values they can hold.
fn conditions(cx: &Ctxt, item: &Item<'_>, layout: &Layout<'_>) {
    let Some(required) = &item.required else { return };
    let Some((clauses, span)) = &required.when else { return };
    if clauses.is_empty() {
        cx.error(*span, "`when()` lists no clause; write `when(other_item = \"1\")`, or drop `when`");
    }
    if !item.is_list() && item.shape.vec_of.is_some() {
        cx.error(
            *span,
            "a condition can only require an item that holds one text; a リスト or repeated item cannot be required \
             by a condition",
        );
    }
    for (index, clause) in clauses.iter().enumerate() {
        let name = syn::ext::IdentExt::unraw(&clause.key).to_string();
        let Some(other) = clause.item.map(|index| &layout.fields[index]) else {
            cx.error(clause.key.span(), format!("`{name}` names no item of this struct; a clause names another field"));
            continue;
        };
        if std::ptr::eq(other, item) {
            cx.error(
                clause.key.span(),
                format!("`{name}` is this item itself; a condition is on another item of the record"),
            );
            continue;
        }
        if clauses[..index].iter().any(|earlier| earlier.key == clause.key) {
            cx.error(
                clause.key.span(),
                format!("`{name}` has a clause already; list its values in one: `{name}(\"1\", \"2\")`"),
            );
        }
        if other.is_list() || other.shape.vec_of.is_some() {
            cx.error(
                clause.key.span(),
                format!("`{name}` is a リスト or repeated item, which holds no single value a clause could test"),
            );
            continue;
        }
        if clause.values.is_empty() {
            cx.error(clause.key.span(), format!("`{name}()` lists no value"));
        }
        for value in &clause.values {
            let text = value.value();
            if text.is_empty() {
                cx.error(value.span(), "a clause's value cannot be empty: an empty value counts as absent");
            } else if let Some((codes, _)) = &other.codes
                && !codes.iter().any(|code| code.value() == text)
            {
                let listed: Vec<String> = codes.iter().map(|code| format!("{:?}", code.value())).collect();
                cx.error(
                    value.span(),
                    format!(
                        "{text:?} is not a code of `{name}`, so the clause could never hold; its codes are {}",
                        listed.join(", ")
                    ),
                );
            } else if let Some(fixed) = &other.fixed
                && fixed.value() != text
            {
                cx.error(
                    value.span(),
                    format!("{text:?} is not the value of `{name}`, which is fixed to {:?}", fixed.value()),
                );
            }
        }
    }
}

/// A layout's shape is a constant that holds its records' shapes, so a struct listing itself would be
/// a constant defined by itself; rustc reports that only as a query cycle inside the derive.
fn not_recursive(cx: &Ctxt, item: &Item<'_>, ident: &syn::Ident) {
    let Some(Type::Path(element)) = item.shape.vec_of.filter(|_| item.is_list()) else { return };
    if let Some(last) = element.path.segments.last()
        && (last.ident == *ident || last.ident == "Self")
    {
        cx.error_spanned_by(
            element,
            format!(
                "the records of a リスト item cannot be `{ident}` itself: a layout's shape is a constant that holds \
                 its records' shapes, so it cannot contain itself"
            ),
        );
    }
}

/// A skipped field is no item, so any rule on it would silently do nothing.
fn skipped(cx: &Ctxt, item: &Item<'_>) {
    for (key, span) in item.given.iter().filter(|(key, _)| *key != "skip") {
        cx.error(
            *span,
            format!("`skip` leaves the field out of the layout, so `{key}` would apply to nothing; drop it"),
        );
    }
}

fn item(cx: &Ctxt, item: &Item<'_>, layout: &Layout<'_>) {
    let Some(attr) = item.attr else { return };
    // Keys after a syntax error were not read, so none is known to be missing.
    if !item.whole {
        return;
    }
    if !item.given("no") {
        cx.error_spanned_by(attr, "missing `no = \"..\"` (項番), e.g. `no = \"08\"`");
    }
    if !item.given("name") {
        cx.error_spanned_by(attr, "missing `name = \"..\"` (項目名), e.g. `name = \"介護保険者番号\"`");
    }
    if item.read(&["occurs", "data_type"]) {
        occurs_and_type(cx, item);
    }
    // Whether the item holds records or text decides every rule below.
    if !item.read(&["data_type"]) {
        return;
    }
    if item.is_list() {
        // The text rules would only be checked against each other, repeating the error below.
        list(cx, item);
    } else {
        text(cx, item, layout);
    }
}

/// 出現回数 against itself and against the field type that must hold it.
fn occurs_and_type(cx: &Ctxt, item: &Item<'_>) {
    let occurs = &item.occurs;
    let span = occurs.span(item.ident.span());
    let written = occurs.lit.as_ref().map(LitStr::value).unwrap_or_default();
    match occurs.max {
        Some(0) => cx.error(span, format!("occurs {written:?}: the maximum (最大) must be at least 1")),
        Some(max) if max < occurs.min => cx.error(
            span,
            format!("occurs {written:?}: the minimum (最小) {} is above the maximum (最大) {max}", occurs.min),
        ),
        _ => {}
    }
    let shape = &item.shape;
    let list = item.is_list();
    let repeated = !list && occurs.max.is_none_or(|max| max > 1);
    if occurs.min == 0 && !shape.option && shape.vec_of.is_none() {
        cx.error(
            span,
            format!("occurs {written:?} lets the item be absent (最小 0), so the field must be an `Option<...>`"),
        );
    }
    if shape.vec_of.is_none() {
        if list {
            cx.error_spanned_by(
                item.ty,
                "a リスト item holds records: make the field `Vec<Record>` (or `Option<Vec<Record>>`) of a struct \
                 that derives Validate",
            );
        } else if repeated {
            cx.error_spanned_by(
                item.ty,
                format!(
                    "occurs {written:?} lets the item repeat (最大 above 1), so the field must be a `Vec<...>` (or \
                     `Option<Vec<...>>`)"
                ),
            );
        }
    } else if !list && !repeated {
        cx.error_spanned_by(
            item.ty,
            "a `Vec` field is either a リスト item (`data_type = \"リスト\"`) or a repeated one (`occurs` with a \
             maximum above 1, e.g. \"0..n\")",
        );
    }
    // On a リスト item `secret` is already an error of its own.
    if item.secret.is_some() && !list && !is_secret(shape.scalar) {
        cx.error_spanned_by(
            item.ty,
            "a `secret` item's value is a `ltcip_runtime::Secret` (or an `Option` of one), which never prints the \
             credential",
        );
    }
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
    "custom_type",
    "code_type",
];

/// A CSV record is flat: one text per column.
fn csv_column(cx: &Ctxt, item: &Item<'_>) {
    if item.is_list() || item.shape.vec_of.is_some() {
        cx.error_spanned_by(
            item.ty,
            "a CSV record is flat, one text per column: the field must be `String`, `CompactString`, `Secret` or \
             an `Option` of one",
        );
    }
}

fn list(cx: &Ctxt, item: &Item<'_>) {
    for (key, span) in item.given.iter().filter(|(key, _)| TEXT_KEYS.contains(key)) {
        cx.error(
            *span,
            format!(
                "`{key}` is a text rule, and a リスト item holds records, not text; put it on the items of the record \
                 struct"
            ),
        );
    }
}

fn text(cx: &Ctxt, item: &Item<'_>, layout: &Layout<'_>) {
    number(cx, item);
    code_type(cx, item);
    if let Some(required) = &item.required
        && item.occurs.min > 0
        && item.read(&["occurs"])
    {
        cx.error(
            required.span,
            format!(
                "the item is always required already (出現回数 最小 {}); `required` is for items whose 最小 is 0 \
                 (`occurs = \"0..1\"`)",
                item.occurs.min
            ),
        );
    }
    match item.digits {
        Some((0, span)) => cx.error(span, "digits (桁数) must be at least 1"),
        None if !item.given("digits") => {
            if let Some((_, span)) = item.fixed_length {
                cx.error(span, "length (可変長/固定長) says how `digits` (桁数) applies; give `digits` too");
            }
            if let Some(unit) = item.unit {
                cx.error(unit.span, "unit says what one 桁 of `digits` counts; give `digits` too");
            }
        }
        _ => {}
    }
    if item.fixed.is_some()
        && let Some((_, span)) = &item.codes
    {
        cx.error(*span, "an item takes either `fixed` (its one value) or `codes(...)` (its values), not both");
    }
    // Values are measured against `digits`, `decimals`, `length` and the unit; unread, they are not.
    let measured = item.read(&["digits", "decimals", "length", "unit"]) && layout.read(&["unit", "csv"]);
    // A 数値 item's digits are digits, whatever a struct-level unit says.
    let bytes = !item.is_number() && item.unit.or(layout.unit).is_some_and(|unit| unit.value == "bytes");
    if let Some(fixed) = &item.fixed {
        value_fits(cx, item, fixed, "fixed value", bytes, measured);
    }
    if let Some((codes, span)) = &item.codes {
        if codes.is_empty() {
            cx.error(*span, "`codes()` lists no code; list the values allowed: `codes(\"成功\", \"失敗\")`");
        }
        for (index, code) in codes.iter().enumerate() {
            if codes[..index].iter().any(|earlier| earlier.value() == code.value()) {
                cx.error(code.span(), format!("code {:?} is listed twice", code.value()));
            }
            value_fits(cx, item, code, "code", bytes, measured);
        }
    }
    date_fits(cx, item, measured);
    if let Some(pattern) = &item.pattern
        && let Err(error) = regex_lite::Regex::new(&format!("^(?:{})$", pattern.value()))
    {
        cx.error(pattern.span(), format!("pattern {:?} is not a regular expression: {error}", pattern.value()));
    }
    if let Some((values, span)) = &item.also {
        if values.is_empty() {
            cx.error(*span, "`also()` lists no value; list the values allowed besides: `also(\"9999\")`");
        }
        for (index, value) in values.iter().enumerate() {
            if value.value().is_empty() {
                cx.error(value.span(), "an `also` value cannot be empty: an empty value counts as absent");
            } else if values[..index].iter().any(|earlier| earlier.value() == value.value()) {
                cx.error(value.span(), format!("value {:?} is listed twice", value.value()));
            }
        }
    }
    if let Some((Some(min), Some(max), lit)) = &item.range
        && min > max
    {
        cx.error(
            lit.span(),
            format!(
                "range (範囲) {:?}: the minimum {min} is above the maximum {max}; no value could satisfy it",
                lit.value()
            ),
        );
    }
}

/// `code_type` reads the item's text as one of the codes validation checks it against: the item
/// needs `codes(...)`, and a secret is never read out.
fn code_type(cx: &Ctxt, item: &Item<'_>) {
    let Some(path) = &item.code_type else { return };
    if !item.given("codes") {
        cx.error_spanned_by(
            path,
            "`code_type` is the enum of the item's codes; list them with `codes(...)` too, so that validation checks \
             the text against the same codes",
        );
    }
    if item.secret.is_some() {
        cx.error_spanned_by(path, "a `secret` item's value is never read out, so it can have no `code_type`");
    }
}

/// 数値: `digits` is the integer part, `decimals` the fraction; there is no length rule.
fn number(cx: &Ctxt, item: &Item<'_>) {
    if !item.is_number() {
        if let Some((_, span)) = item.decimals {
            cx.error(span, "decimals (小数点以下の桁数) is for a 数値 item: add `data_type = \"数値\"`");
        }
        return;
    }
    let word = item.data_type.map(|(_, word)| word.span).unwrap_or_else(|| item.ident.span());
    if !item.given("digits") {
        cx.error(word, "a 数値 item needs `digits` (整数桁), the most digits of its integer part");
    }
    if let Some((true, span)) = item.fixed_length {
        cx.error(
            span,
            "a 数値 item has no length rule (its `digits` are 整数桁, the integer part's most); drop `length = \"固定長\"`",
        );
    }
    if let Some(unit) = item.unit {
        cx.error(unit.span, "a 数値 item's `digits` count digits; drop `unit`");
    }
}

/// A fixed value or a code must itself satisfy the item's 桁数 and (for the ASCII classes) データ型: a
/// spec row where it does not contradicts itself. A 数値 item's must be such a number. Unless
/// `measured`, only emptiness is judged.
fn value_fits(cx: &Ctxt, item: &Item<'_>, lit: &LitStr, what: &str, bytes: bool, measured: bool) {
    let value = lit.value();
    if value.is_empty() {
        return cx.error(lit.span(), format!("a {what} cannot be empty: an empty value counts as absent"));
    }
    if !measured {
        return;
    }
    if item.is_number() {
        let integer = item.digits.map_or(u32::MAX, |(digits, _)| digits);
        let fraction = item.decimals.map_or(0, |(decimals, _)| decimals);
        if !ltcip_number_admits(integer, fraction, &value) {
            cx.error(
                lit.span(),
                format!(
                    "{what} {value:?} is not a number of at most {integer} integer and {fraction} fraction digits, \
                     which this 数値 item holds"
                ),
            );
        }
        return;
    }
    if let Some((digits, _)) = item.digits {
        let len = if bytes { value.chars().map(ms932_width).sum() } else { value.chars().count() };
        length_fits(cx, item, digits, len, bytes, lit.span(), &format!("{what} {value:?} is"));
    }
    // Only the ASCII classes: a code list overrides the class at run time, and for the other classes
    // spec tables are loose enough (a 全角文字 row with code "1") that rejecting them would reject real
    // workbooks.
    if let Some((DataType::Class(class @ ("HalfDigits" | "HalfAlphanumeric")), word)) = item.data_type
        && let Some(c) = value.chars().find(|&c| !ascii_admits(class, c))
    {
        cx.error(
            lit.span(),
            format!(
                "{what} {value:?} contains {c:?}, which data_type = \"{}\" ({}) does not allow",
                word.value,
                describe(class)
            ),
        );
    }
}

/// A date format fixes how long its values are and which characters they hold.
fn date_fits(cx: &Ctxt, item: &Item<'_>, measured: bool) {
    let Some(date) = item.date else { return };
    let pattern = date.value;
    // Patterns are ASCII and each letter stands for one digit, so a value is as long as its pattern.
    if let Some((digits, _)) = item.digits
        && measured
    {
        let subject = format!("date = {pattern:?} values are");
        length_fits(cx, item, digits, pattern.len(), false, date.span, &subject);
    }
    if let Some((DataType::Class(class), word)) = item.data_type {
        let separators = pattern.chars().filter(|c| !"YMDHSm".contains(*c));
        if let Some(c) = std::iter::once('0').chain(separators).find(|&c| !ascii_admits(class, c)) {
            cx.error(
                date.span,
                format!(
                    "date = {pattern:?} values contain {c:?}, which data_type = \"{}\" ({}) does not allow",
                    word.value,
                    describe(class)
                ),
            );
        }
    }
}

/// Reports a value `len` units long that cannot meet the item's 桁数. `subject` ends in "is"/"are".
fn length_fits(cx: &Ctxt, item: &Item<'_>, digits: u32, len: usize, bytes: bool, span: Span, subject: &str) {
    let unit = if bytes { "MS932 bytes" } else { "characters" };
    let digits = digits as usize;
    let fixed = item.fixed_length.is_some_and(|(fixed, _)| fixed);
    if fixed && len != digits {
        cx.error(
            span,
            format!("{subject} {len} {unit}, but a 固定長 item of digits = {digits} takes exactly {digits}"),
        );
    } else if !fixed && len > digits {
        cx.error(span, format!("{subject} {len} {unit}, but digits = {digits} allows at most {digits}"));
    }
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
        for bad in ["", "～", "0-100", "0～1～2", "a～1", "1.～2", ".5～1", "1e3～", "0..100"] {
            assert!(read_range(bad).is_err(), "{bad:?}");
        }
        // Read as written; that no value satisfies it is check's to say.
        assert_eq!(read_range("5～1"), Ok((Some(5.0), Some(1.0))));
    }
}
