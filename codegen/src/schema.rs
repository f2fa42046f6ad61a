//! JSON Schema (draft 2020-12) for every JSON layout: the rules of the generated Rust validators, in a
//! form other languages and tools can read.
//!
//! One schema per section of a JSON layout: the body (`<IF ID>_request.schema.json`,
//! `<IF ID>_response.schema.json`) and, where the layout has HTTP headers, a schema of the headers as
//! the JSON object that `RequestHeaders` (de)serialises from, header name → value
//! (`<IF ID>_request_headers.schema.json`). HTTP matches header names case-insensitively; the headers
//! schema spells them as the spec does, so a header map must be keyed that way before it is checked
//! (which is what `ltcip_runtime::headers::from_pairs` does for the generated types). CSV layouts have no
//! JSON form and get no schema.
//!
//! # What the schemas say
//!
//! Each item is a property titled with its 項目名（日本語）, described by its 備考 (verbatim), its 項番 in
//! `x-ltcip-item-no` and its データ型 in `x-ltcip-data-type`; an override applied from `overrides.toml` is in
//! its `$comment`. The rules are those of `ltcip_runtime`'s checks, applied to the same model (overrides
//! included):
//!
//! | rule | schema |
//! |---|---|
//! | 出現回数 最小 ≥ 1 | listed in `required`, and `null` or `""` is rejected: the runtime counts both as absent |
//! | 出現回数 最小 0 | `anyOf`: absent (`null` or `""`), or a value that keeps every rule |
//! | データ型 | a `pattern` per class: 半角数字 `^[0-9]*$`, 半角英数字 `^[0-9A-Za-z]*$`, 半角文字 printable ASCII and half-width katakana, 全角文字 no ASCII nor half-width katakana, 全半角文字 no control character but CR and LF |
//! | repertoire (MS932) | `$ref` to `#/$defs/ms932`, a `pattern` listing every character MS932 writes (the runtime's table), for items whose class alone admits characters outside it (全角文字, 全半角文字, none) |
//! | 桁数, 固定長/可変長 | `minLength` = `maxLength` = 桁数 for 固定長, `maxLength` for 可変長; JSON Schema counts code points, as the runtime counts characters |
//! | code list (「A」もしくは「B」) | `enum`; the class and length rules then add nothing, as in the runtime |
//! | fixed value (`"…"固定`) | `const` |
//! | a pattern the model states (`XXX-XXXX`) | `pattern` `^(?:…)$` (in `allOf` when the item has another pattern); written in the runtime's regular-expression syntax, which for such patterns is also ECMA-262's |
//! | values allowed besides the rules (`9999`) | in the `enum` of the `anyOf` that admits absent values |
//! | date format (`●書式`) | a `pattern` that admits calendar-valid values only (leap years included), and `"format": "date"` for `YYYY-MM-DD` as an annotation |
//! | リスト | an array of record objects, present as 出現回数 says; the number of records is not bounded, as in the runtime |
//! | a text item with 最大 above 1 | an array of strings, `minItems`/`maxItems` from 出現回数 |
//! | members the layout does not name | allowed (`additionalProperties: true`): the runtime ignores them |
//!
//! # What they cannot say
//!
//! - A member given twice: the runtime rejects it (`structure`); a JSON Schema validator sees the parsed
//!   document, where a parser has kept one of the values (`serde_json` the last).
//! - The JIS X 0213 repertoire (a per-layout setting): its combining sequences depend on the character
//!   before, and the runtime's table is not public. For such layouts the class patterns apply and the
//!   repertoire is left out, which the schema's `$comment` says.
//! - Documents that are not JSON (malformed, a byte-order mark, invalid UTF-8) never reach a schema.
//!
//! Patterns are ECMA-262 regular expressions, as JSON Schema requires, anchored with `^` and `$`, and
//! use only `\uXXXX` escapes of the Basic Multilingual Plane, so they read alike with or without the
//! `u` flag. A validator that runs them with another engine where `$` also matches before a final line
//! feed (Python's `re`, Java, .NET) accepts one trailing LF that a class forbids (`"…\n"` for a
//! 半角文字 item); validators that follow the specification (ECMA-262, the Rust `jsonschema` crate)
//! do not.
//!
//! `"format": "date"` is an annotation only (draft 2020-12 does not require validators to assert
//! formats); the date `pattern` is what rejects `2025-02-29`.
//!
//! # Output
//!
//! [`to_pretty`] writes a schema with keywords in a fixed order, properties in the spec's order
//! (by 項番) and two-space indentation, whatever order a [`Value`]'s map keeps; the same spec always
//! gives the same bytes.

use std::fmt::Write as _;
use std::sync::OnceLock;

use serde_json::{Map, Value, json};

use crate::lowering::{ItemRules, LayoutRules, NumberRule, TextRules};
use crate::model::{CharClass, DateFormat, Direction, Interface, Item, Layout, Mode, Repertoire, Section};
use crate::model::{SectionKind, Spec, WireFormat};

/// The dialect every schema declares.
pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The `$defs` entry holding the MS932 repertoire.
pub const MS932_DEF: &str = "ms932";

/// A schema and the file it is written to.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaFile {
    /// `<IF ID>_<request|response>[_headers].schema.json`.
    pub name: String,
    /// The schema.
    pub schema: Value,
}

impl SchemaFile {
    /// The file's bytes (see [`to_pretty`]).
    pub fn text(&self) -> String {
        to_pretty(&self.schema)
    }
}

/// Every schema of `spec`: one per section of each JSON layout, sorted by file name. CSV layouts are
/// skipped.
pub fn files(spec: &Spec) -> Vec<SchemaFile> {
    let mut files: Vec<SchemaFile> = spec
        .interfaces
        .iter()
        .flat_map(|interface| interface.layouts.iter().map(move |layout| (interface, layout)))
        .flat_map(|(interface, layout)| {
            layout.sections.iter().filter_map(move |section| {
                let schema = section_schema(interface, layout, section)?;
                Some(SchemaFile { name: file_name(layout, section.kind), schema })
            })
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files
}

/// The schema of a layout's body, or `None` for a CSV layout or one without a body.
pub fn layout_schema(interface: &Interface, layout: &Layout) -> Option<Value> {
    section_schema(interface, layout, layout.section(SectionKind::Body)?)
}

/// The schema of a layout's HTTP headers as a JSON object keyed by header name, or `None` for a CSV
/// layout or one without headers.
pub fn headers_schema(interface: &Interface, layout: &Layout) -> Option<Value> {
    section_schema(interface, layout, layout.section(SectionKind::Headers)?)
}

/// `IF-I6-01-04-02_response.schema.json`; headers get `_headers` after the direction. Characters of the
/// IF ID other than ASCII letters, digits, `-` and `.` become `_`.
pub fn file_name(layout: &Layout, kind: SectionKind) -> String {
    let id: String = layout
        .interface_id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '_' })
        .collect();
    let direction = direction_word(layout.direction);
    let section = match kind {
        SectionKind::Body => "",
        SectionKind::Headers => "_headers",
    };
    format!("{id}_{direction}{section}.schema.json")
}

fn direction_word(direction: Direction) -> &'static str {
    match direction {
        Direction::Request => "request",
        Direction::Response => "response",
        Direction::File => "file",
    }
}

/// The schema of one section of a JSON layout (`None` for CSV).
pub fn section_schema(interface: &Interface, layout: &Layout, section: &Section) -> Option<Value> {
    if layout.format != WireFormat::Json {
        return None;
    }
    let mut context = Context { layout: LayoutRules::of(layout), uses_ms932: false };
    let object = context.object(&section.items);
    let mut schema = Map::new();
    schema.insert("$schema".into(), DRAFT.into());
    schema.insert("$comment".into(), root_comment(layout, section.kind).into());
    schema.insert(
        "title".into(),
        format!("{} {} {} {}", layout.interface_id, interface.name, layout.direction, section.kind.spec_name()).into(),
    );
    schema.insert("x-ltcip-if-id".into(), layout.interface_id.clone().into());
    schema.insert("x-ltcip-direction".into(), direction_word(layout.direction).into());
    schema.insert("x-ltcip-section".into(), section_word(section.kind).into());
    schema.extend(object);
    if context.uses_ms932 {
        let definition = json!({
            "$comment": "The MS932 (Windows-31J) repertoire without user-defined characters (外字), as \
                ltcip_runtime::ms932 builds it from the WHATWG Shift_JIS decoder: ASCII, half-width katakana \
                and every character a double-byte sequence decodes to. Characters MS932 writes only one way \
                round are outside (U+00A5, U+203E, U+2212, U+301C).",
            "pattern": ms932_pattern(),
        });
        schema.insert("$defs".into(), json!({ MS932_DEF: definition }));
    }
    Some(Value::Object(schema))
}

fn section_word(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Body => "body",
        SectionKind::Headers => "headers",
    }
}

fn root_comment(layout: &Layout, kind: SectionKind) -> String {
    let mut lines = vec![format!(
        "Generated by ltcip-codegen {} from {} ({}): the rules of the generated Rust validators \
         (ltcip_runtime::json::from_slice).",
        env!("CARGO_PKG_VERSION"),
        layout.title(),
        kind.spec_name()
    )];
    if kind == SectionKind::Headers {
        lines.push(
            "HTTP headers as a JSON object of header name → value, names spelled as the spec spells them \
             (HTTP matches them case-insensitively: normalise the names before checking a header map)."
                .to_owned(),
        );
    }
    lines.push(
        "A missing member, null and \"\" all count as absent. Members the layout does not name are allowed, \
         as the runtime ignores them. Lengths count code points, as the runtime counts characters. Patterns \
         are ECMA-262 regular expressions, as JSON Schema requires: `$` matches at the very end only."
            .to_owned(),
    );
    lines.push(
        "Not expressible here: a member given twice (the runtime rejects it; a schema sees one value).".to_owned(),
    );
    match layout.repertoire {
        Repertoire::Ms932 => {}
        other => lines.push(format!(
            "Not expressible here: the {other} repertoire (the runtime checks every text value against it); \
             only the character classes are checked."
        )),
    }
    for note in &layout.overrides {
        lines.push(format!("Override (overrides.toml): {note}"));
    }
    lines.join("\n")
}

/// What building a schema needs to know beyond the items.
struct Context {
    /// What the layout's items' rules depend on.
    layout: LayoutRules,
    /// Whether an item refers to `#/$defs/ms932`.
    uses_ms932: bool,
}

impl Context {
    /// An object whose members are `items`.
    fn object(&mut self, items: &[Item]) -> Map<String, Value> {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut conditions = Vec::new();
        for item in items {
            let Some(key) = &item.key else { continue };
            let rules = ItemRules::of(item, self.layout);
            properties.insert(key.clone(), self.item(item, &rules));
            if rules.occurs.min > 0 {
                required.push(Value::from(key.clone()));
            }
            conditions.extend(condition(key, &rules, items));
        }
        let mut object = Map::new();
        object.insert("type".into(), "object".into());
        object.insert("properties".into(), Value::Object(properties));
        if !required.is_empty() {
            object.insert("required".into(), Value::Array(required));
        }
        if !conditions.is_empty() {
            object.insert("allOf".into(), Value::Array(conditions));
        }
        object.insert("additionalProperties".into(), true.into());
        object
    }

    /// The schema of one item's member.
    fn item(&mut self, item: &Item, rules: &ItemRules) -> Value {
        let mut schema = annotations(item, rules);
        let occurs = rules.occurs;
        let optional = occurs.min == 0;
        match &rules.text {
            None => {
                let mut records = Map::new();
                records.insert("title".into(), format!("{} {} の要素", item.no, item.name).into());
                records.extend(self.object(&item.children));
                schema.insert("type".into(), array_type(optional));
                schema.insert("items".into(), Value::Object(records));
            }
            Some(text) if occurs.max.is_none_or(|max| max > 1) => {
                // A repeated text item: its elements are bounded by 出現回数. An element cannot be null (the
                // generated `Vec<String>` cannot hold one), and "" is absent, allowed only when 最小 is 0.
                schema.insert("type".into(), array_type(optional));
                if occurs.min > 0 {
                    schema.insert("minItems".into(), occurs.min.into());
                }
                if let Some(max) = occurs.max {
                    schema.insert("maxItems".into(), max.into());
                }
                schema.insert("items".into(), Value::Object(self.text(text, optional, false)));
            }
            Some(text) => schema.extend(self.text(text, optional, optional)),
        }
        Value::Object(schema)
    }

    /// A text value: the item's rules, and, when `empty` or `null` is allowed (as absent) or the item
    /// allows values besides its rules, an `anyOf` of those values and the rules.
    fn text(&mut self, text: &TextRules, empty: bool, null: bool) -> Map<String, Value> {
        let mut rules = Map::new();
        rules.insert("type".into(), "string".into());
        if let Some(fixed) = &text.fixed {
            rules.insert("const".into(), fixed.clone().into());
        } else if !text.codes.is_empty() {
            rules.insert("enum".into(), text.codes.clone().into());
        } else {
            self.text_rules(text, &mut rules);
        }
        let mut absent = Vec::new();
        if null {
            absent.push(Value::Null);
        }
        if empty {
            absent.push(Value::from(""));
        }
        // Values allowed besides the rules (`9999`), which the runtime accepts before any other check.
        absent.extend(text.also.iter().filter(|v| !v.is_empty()).map(|v| Value::from(v.as_str())));
        if absent.is_empty() {
            return rules;
        }
        let mut either = Map::new();
        either.insert("anyOf".into(), json!([{ "enum": absent }, rules]));
        either
    }

    /// Class, repertoire, length, number, date and pattern rules (no fixed value nor code list). A
    /// required item must not be empty, so a minimum length of at least 1 is kept. The first pattern is
    /// `pattern`, any other is in `allOf`.
    fn text_rules(&mut self, text: &TextRules, rules: &mut Map<String, Value>) {
        let class = text.class;
        let (min, max) = match text.length {
            Some(length) if length.fixed => (length.digits.max(1), Some(length.digits)),
            Some(length) => (1, Some(length.digits)),
            None => (1, None),
        };
        rules.insert("minLength".into(), min.into());
        if let Some(max) = max {
            rules.insert("maxLength".into(), max.into());
        }
        let mut patterns = Vec::new();
        let date = text.date.and_then(|format| Some((format, date_pattern(format)?)));
        match date {
            // The date pattern admits only digits and the format's separators: where the class admits
            // them all, it says everything the class pattern would, and the repertoire is moot.
            Some((format, pattern)) if date_within_class(format, class) => patterns.push(pattern),
            Some((_, pattern)) => {
                self.class_rules(class, &mut patterns, rules);
                patterns.push(pattern);
            }
            None => self.class_rules(class, &mut patterns, rules),
        }
        if let Some(number) = text.number {
            patterns.push(number_pattern(number));
        }
        if let Some(pattern) = &text.pattern {
            patterns.push(format!("^(?:{pattern})$"));
        }
        let mut patterns = patterns.into_iter();
        if let Some(first) = patterns.next() {
            rules.insert("pattern".into(), first.into());
        }
        let more: Vec<Value> = patterns.map(|pattern| json!({ "pattern": pattern })).collect();
        if !more.is_empty() {
            rules.insert("allOf".into(), more.into());
        }
        if text.date == Some(DateFormat::YyyyMmDdHyphen) {
            rules.insert("format".into(), "date".into());
        }
    }

    /// The class pattern, and the repertoire where the class does not keep within it.
    fn class_rules(&mut self, class: Option<CharClass>, patterns: &mut Vec<String>, rules: &mut Map<String, Value>) {
        if let Some(pattern) = class.and_then(class_pattern) {
            patterns.push(pattern.to_owned());
        }
        // The half-width classes lie inside every repertoire; the others rely on it.
        let half = matches!(class, Some(CharClass::HalfDigits | CharClass::HalfAlphanumeric | CharClass::Half));
        if !half && self.layout.repertoire == Repertoire::Ms932 {
            rules.insert("$ref".into(), format!("#/$defs/{MS932_DEF}").into());
            self.uses_ms932 = true;
        }
    }
}

/// 数値: `-?[0-9]{1,integer}(\.[0-9]{1,fraction})?`, as the runtime's number rule reads it.
fn number_pattern(number: NumberRule) -> String {
    let integer = number.integer.map_or_else(|| "+".to_owned(), |n| format!("{{1,{n}}}"));
    match number.fraction {
        0 => format!("^-?[0-9]{integer}$"),
        fraction => format!("^-?[0-9]{integer}(?:\\.[0-9]{{1,{fraction}}})?$"),
    }
}

/// 必須 beyond 出現回数, as the runtime checks it in [`Mode::Final`] (the validators' default): the
/// member is required, and neither `null` nor `""`, when each member its clauses name holds one of
/// their values (`if`/`then`); unconditionally when it has no clause.
fn condition(key: &str, rules: &ItemRules, siblings: &[Item]) -> Option<Value> {
    let requirement = rules.requirement.as_ref()?;
    if !requirement.mode.reached_by(Mode::Final) {
        return None;
    }
    let present = json!({ "required": [key], "properties": { key: { "type": "string", "minLength": 1 } } });
    if requirement.clauses.is_empty() {
        return Some(present);
    }
    let mut properties = Map::new();
    let mut keys = Vec::new();
    for clause in &requirement.clauses {
        // A clause naming no member of this object never holds; the reader and overrides refuse one.
        siblings.iter().find(|s| s.key.as_deref() == Some(clause.key.as_str()))?;
        properties.insert(clause.key.clone(), json!({ "enum": clause.values }));
        keys.push(Value::from(clause.key.clone()));
    }
    Some(json!({
        "if": { "required": keys, "properties": properties },
        "then": present,
    }))
}

fn array_type(optional: bool) -> Value {
    if optional { json!(["array", "null"]) } else { json!("array") }
}

/// `title`, `description`, `x-ltcip-item-no`, `x-ltcip-data-type`, the overrides as `$comment`, and
/// `x-ltcip-secret`.
fn annotations(item: &Item, rules: &ItemRules) -> Map<String, Value> {
    let mut schema = Map::new();
    schema.insert("title".into(), item.name.clone().into());
    if let Some(remarks) = &item.remarks {
        schema.insert("description".into(), remarks.clone().into());
    }
    schema.insert("x-ltcip-item-no".into(), item.no.clone().into());
    if let Some(data_type) = rules.data_type {
        schema.insert("x-ltcip-data-type".into(), data_type.spec_name().into());
    }
    if !item.overrides.is_empty() {
        let notes: Vec<String> =
            item.overrides.iter().map(|note| format!("Override (overrides.toml): {note}")).collect();
        schema.insert("$comment".into(), notes.join("\n").into());
    }
    if rules.secret {
        schema.insert("x-ltcip-secret".into(), true.into());
    }
    schema
}

/// The `pattern` of a データ型 (every character of the value in the class). 全角文字 and 全半角文字 say
/// what they exclude; the repertoire (`#/$defs/ms932`) says what exists.
pub fn class_pattern(class: CharClass) -> Option<&'static str> {
    Some(match class {
        CharClass::HalfDigits => "^[0-9]*$",
        CharClass::HalfAlphanumeric => "^[0-9A-Za-z]*$",
        CharClass::Half => "^[\\u0020-\\u007E\\uFF61-\\uFF9F]*$",
        CharClass::Full => "^[^\\u0000-\\u007F\\uFF61-\\uFF9F]*$",
        CharClass::Mixed => "^[^\\u0000-\\u0009\\u000B\\u000C\\u000E-\\u001F\\u007F]*$",
    })
}

/// Whether every character a date format writes (ASCII digits and its separators) is in the class.
fn date_within_class(format: DateFormat, class: Option<CharClass>) -> bool {
    let admits = |c: char| match class {
        None | Some(CharClass::Half | CharClass::Mixed) => true,
        Some(CharClass::HalfDigits) => c.is_ascii_digit(),
        Some(CharClass::HalfAlphanumeric) => c.is_ascii_alphanumeric(),
        Some(CharClass::Full) => false,
    };
    admits('0') && format.pattern().chars().filter(|c| !matches!(c, 'Y' | 'M' | 'D' | 'H' | 'S')).all(admits)
}

/// A `pattern` admitting exactly the values `format` admits, calendar included (`2024-02-29` but not
/// `2025-02-29`, years 0001–9999), or `None` for a format this version does not know.
pub fn date_pattern(format: DateFormat) -> Option<String> {
    const YEAR: &str = "(?:[0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)";
    // Divisible by 4 and not by 100, or by 400 (0000 is not a year).
    const LEAP_YEAR: &str = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)";
    const MONTH: &str = "(?:0[1-9]|1[0-2])";
    const HOUR: &str = "(?:[01][0-9]|2[0-3])";
    const MINUTE: &str = "[0-5][0-9]";
    let date = |sep: &str| {
        format!(
            "(?:{YEAR}{sep}(?:(?:0[13578]|1[02]){sep}(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11){sep}(?:0[1-9]|[12][0-9]|30)|02{sep}(?:0[1-9]|1[0-9]|2[0-8]))|{LEAP_YEAR}{sep}02{sep}29)"
        )
    };
    let body = match format {
        DateFormat::YyyyMmDdHyphen => date("-"),
        DateFormat::YyyyMmDdSlash => date("/"),
        DateFormat::YyyyMmDd => date(""),
        DateFormat::YyyyMmHyphen => format!("{YEAR}-{MONTH}"),
        DateFormat::YyyyMm => format!("{YEAR}{MONTH}"),
        DateFormat::YyyyMmDdHhMmSs => format!("{}{HOUR}{MINUTE}{MINUTE}", date("")),
        DateFormat::IsoDateTime => format!("{}T{HOUR}:{MINUTE}:{MINUTE}", date("-")),
        DateFormat::HhMm => format!("{HOUR}{MINUTE}"),
        DateFormat::HhMmColon => format!("{HOUR}:{MINUTE}"),
        DateFormat::HhMmSs => format!("{HOUR}{MINUTE}{MINUTE}"),
        DateFormat::Hh => HOUR.to_owned(),
        DateFormat::Mi => MINUTE.to_owned(),
        _ => return None,
    };
    Some(format!("^{body}$"))
}

/// The MS932 repertoire as a `pattern`: a class of `\uXXXX` ranges (all in the Basic Multilingual Plane,
/// so that ECMA-262 reads it alike with or without its `u` flag), built from the runtime's table.
pub fn ms932_pattern() -> &'static str {
    static PATTERN: OnceLock<String> = OnceLock::new();
    PATTERN.get_or_init(|| {
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for c in (0..=0xFFFF_u32).filter_map(char::from_u32) {
            if ltcip_runtime::ms932::width(c) == 0 {
                continue;
            }
            let cp = u32::from(c);
            match ranges.last_mut() {
                Some((_, end)) if *end + 1 == cp => *end = cp,
                _ => ranges.push((cp, cp)),
            }
        }
        let mut pattern = String::from("^[");
        for (start, end) in ranges {
            let _ = match end - start {
                0 => write!(pattern, "\\u{start:04X}"),
                1 => write!(pattern, "\\u{start:04X}\\u{end:04X}"),
                _ => write!(pattern, "\\u{start:04X}-\\u{end:04X}"),
            };
        }
        pattern.push_str("]*$");
        pattern
    })
}

/// The order keywords are written in; others follow, by name.
const KEYWORDS: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "title",
    "description",
    "x-ltcip-if-id",
    "x-ltcip-direction",
    "x-ltcip-section",
    "x-ltcip-item-no",
    "x-ltcip-data-type",
    "x-ltcip-secret",
    "type",
    "const",
    "enum",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "$ref",
    "allOf",
    "if",
    "then",
    "anyOf",
    "minItems",
    "maxItems",
    "items",
    "properties",
    "required",
    "additionalProperties",
    "$defs",
];

/// How the members of an object are ordered.
#[derive(Clone, Copy, PartialEq)]
enum Order {
    /// A schema: by [`KEYWORDS`].
    Keywords,
    /// `properties`: by the 項番 of each property (the spec's order), then by name.
    Properties,
    /// Names only (`$defs`, the bundle of files).
    Names,
}

/// A schema as text: two-space indentation, a trailing newline, keywords in a fixed order, properties in
/// the spec's order, arrays of scalars on one line. The result depends only on the value's content.
pub fn to_pretty(schema: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, schema, 0, Order::Keywords);
    out.push('\n');
    out
}

/// Writes `schema` as [`to_pretty`] does (same keyword and property order, same layout), but at
/// `indent` spaces and without the trailing newline: for a schema inside a larger document (the
/// OpenAPI document of [`crate::openapi`]).
pub fn write_pretty(out: &mut String, schema: &Value, indent: usize) {
    write_value(out, schema, indent, Order::Keywords);
}

/// All schemas as one JSON object keyed by file name, as `ltcip-codegen schema` prints them.
pub fn bundle(files: &[SchemaFile]) -> String {
    let map: Map<String, Value> = files.iter().map(|f| (f.name.clone(), f.schema.clone())).collect();
    let mut out = String::new();
    write_object(&mut out, &map, 0, Order::Names, Order::Keywords);
    out.push('\n');
    out
}

fn write_value(out: &mut String, value: &Value, indent: usize, order: Order) {
    match value {
        Value::Object(map) => write_object(out, map, indent, order, Order::Keywords),
        Value::Array(elements) if elements.iter().all(|e| !e.is_object() && !e.is_array()) => {
            out.push('[');
            for (i, element) in elements.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&scalar(element));
            }
            out.push(']');
        }
        Value::Array(elements) => {
            out.push_str("[\n");
            for (i, element) in elements.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                }
                pad(out, indent + 2);
                write_value(out, element, indent + 2, Order::Keywords);
            }
            out.push('\n');
            pad(out, indent);
            out.push(']');
        }
        scalar_value => out.push_str(&scalar(scalar_value)),
    }
}

/// An object whose own members are ordered by `order`; `children` orders its member values when they
/// are objects (schemas, unless a keyword says otherwise).
fn write_object(out: &mut String, map: &Map<String, Value>, indent: usize, order: Order, children: Order) {
    if map.is_empty() {
        out.push_str("{}");
        return;
    }
    let mut members: Vec<(&String, &Value)> = map.iter().collect();
    members.sort_by_cached_key(|(key, value)| sort_key(order, key, value));
    out.push_str("{\n");
    for (i, (key, value)) in members.into_iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        pad(out, indent + 2);
        out.push_str(&scalar(&Value::from(key.as_str())));
        out.push_str(": ");
        let child = match (order, key.as_str()) {
            (Order::Keywords, "properties") => Order::Properties,
            (Order::Keywords, "$defs") => Order::Names,
            _ => children,
        };
        write_value(out, value, indent + 2, child);
    }
    out.push('\n');
    pad(out, indent);
    out.push('}');
}

fn sort_key(order: Order, key: &str, value: &Value) -> (usize, usize, String, String) {
    match order {
        Order::Keywords => {
            let rank = KEYWORDS.iter().position(|k| *k == key).unwrap_or(KEYWORDS.len());
            (rank, 0, String::new(), key.to_owned())
        }
        Order::Properties => match value.get("x-ltcip-item-no").and_then(Value::as_str) {
            // Zero-padded numbers of any width: shorter first, then by text.
            Some(no) => (0, no.len(), no.to_owned(), key.to_owned()),
            None => (1, 0, String::new(), key.to_owned()),
        },
        Order::Names => (0, 0, String::new(), key.to_owned()),
    }
}

fn scalar(value: &Value) -> String {
    serde_json::to_string(value).expect("a JSON scalar serialises")
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_come_in_a_fixed_order_whatever_the_map_keeps() {
        let a = json!({"type": "object", "title": "t", "properties": {"b": {"x-ltcip-item-no": "02"}, "a": {"x-ltcip-item-no": "10"}}});
        let text = to_pretty(&a);
        assert!(text.find("\"title\"") < text.find("\"type\""), "{text}");
        assert!(text.find("\"b\"") < text.find("\"a\""), "properties follow 項番: {text}");
        assert!(text.ends_with("}\n"));
    }

    #[test]
    fn class_patterns_name_the_classes() {
        assert_eq!(class_pattern(CharClass::HalfDigits), Some("^[0-9]*$"));
        assert!(date_within_class(DateFormat::YyyyMmDdHyphen, Some(CharClass::Half)));
        assert!(!date_within_class(DateFormat::YyyyMmDdHyphen, Some(CharClass::HalfDigits)));
        assert!(date_within_class(DateFormat::YyyyMmDd, Some(CharClass::HalfDigits)));
        assert!(!date_within_class(DateFormat::YyyyMmDd, Some(CharClass::Full)));
    }

    #[test]
    fn the_ms932_pattern_is_a_bmp_class() {
        let pattern = ms932_pattern();
        assert!(pattern.starts_with("^[\\u0000-\\u007F"), "{}", &pattern[..40]);
        assert!(pattern.is_ascii());
    }
}
