//! The naming contract: how IF IDs, layouts and wire keys become Rust names.
//!
//! - module: the IF ID in snake case (`IF-I6-01-04-02` → `if_i6_01_04_02`);
//! - types: `Request`, `RequestHeaders`, `Response`, `ResponseHeaders`; a リスト item's records are
//!   the parent type's name followed by the item key in UpperCamelCase (`Response` + `body` →
//!   `ResponseBody`);
//! - fields: the key in snake case (`Content-Type` → `content_type`), keywords as raw identifiers
//!   (`type` → `r#type`), and `self`/`super`/`crate`/`Self` with a trailing underscore;
//! - code lists: the enum of an item's codes is the key in UpperCamelCase followed by `Code`
//!   (`gender` → `GenderCode`); each code is a variant named after the code itself, with `C` in front
//!   where it does not start with a letter (`"1"` → `C1`, `"01"` → `C01`, `"Y"` → `Y`, `"成功"` → `成功`).

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

use crate::model::{Direction, SectionKind};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait",
    "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers.
const UNRAWABLE: &[&str] = &["self", "super", "crate", "Self"];

/// The module for an interface: `IF-I6-01-04-02` → `if_i6_01_04_02`.
pub fn module(interface_id: &str) -> Result<String, String> {
    let mut name = String::new();
    for c in interface_id.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('_') && !name.is_empty() {
            name.push('_');
        }
    }
    let name = name.trim_end_matches('_').to_owned();
    match name.chars().next() {
        None => Err(format!("IF ID {interface_id:?} gives no module name")),
        Some(c) if c.is_ascii_digit() => Ok(format!("if_{name}")),
        Some(_) if KEYWORDS.contains(&name.as_str()) || UNRAWABLE.contains(&name.as_str()) => Ok(format!("{name}_")),
        Some(_) => Ok(name),
    }
}

/// The type for a section of a layout.
pub fn section_type(direction: Direction, section: SectionKind) -> String {
    let base = match direction {
        Direction::Request => "Request",
        Direction::Response => "Response",
        // A file's rows are records of one layout, whichever side sends them.
        Direction::File => "Record",
    };
    match section {
        SectionKind::Headers => format!("{base}Headers"),
        SectionKind::Body => base.to_owned(),
    }
}

/// The type for the records of a リスト item under `parent`.
pub fn record_type(parent: &str, key: &str) -> Result<String, String> {
    let tail = key.to_upper_camel_case();
    let name = format!("{parent}{tail}");
    if tail.is_empty() || !is_identifier(&name) {
        return Err(format!("項目 {key:?} gives no type name"));
    }
    Ok(name)
}

/// The field for a wire key.
pub fn field(key: &str) -> Result<Ident, String> {
    let snake = key.to_snake_case();
    let snake = match snake.chars().next() {
        Some(c) if c.is_ascii_digit() => format!("_{snake}"),
        _ => snake,
    };
    if snake.is_empty() || snake == "_" || !is_identifier(&snake) {
        return Err(format!("項目 {key:?} gives no field name"));
    }
    if UNRAWABLE.contains(&snake.as_str()) {
        return Ok(Ident::new(&format!("{snake}_"), Span::call_site()));
    }
    if KEYWORDS.contains(&snake.as_str()) {
        return Ok(Ident::new_raw(&snake, Span::call_site()));
    }
    Ok(Ident::new(&snake, Span::call_site()))
}

/// An identifier written in a naming table: already snake_case, and usable as it is.
pub fn snake_identifier(name: &str) -> Result<(), String> {
    let snake = name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !snake || !is_identifier(name) || name == "_" {
        return Err(format!(
            "{name:?} is not a snake_case Rust identifier (a-z, 0-9 and _, not starting with a digit)"
        ));
    }
    if KEYWORDS.contains(&name) || UNRAWABLE.contains(&name) {
        return Err(format!("{name:?} is a Rust keyword; choose another name"));
    }
    Ok(())
}

/// The enum of the codes of the item with key `key`: `gender` → `GenderCode`; under `parent` (the
/// name given when the plain one is taken by another list), `ResponseBody` + `care_level` →
/// `ResponseBodyCareLevelCode`.
pub fn code_type(parent: Option<&str>, key: &str) -> Result<String, String> {
    let tail = key.to_upper_camel_case();
    let name = format!("{}{tail}Code", parent.unwrap_or_default());
    if tail.is_empty() || !is_identifier(&name) {
        return Err(format!("項目 {key:?} gives no name for the enum of its codes"));
    }
    Ok(name)
}

/// The variant of a code: the code itself, as the spec writes it and the wire carries it, where it
/// is an identifier (`Y`, `b110`, `成功`); `C` in front where it does not start with a letter
/// (`1` → `C1`, `01` → `C01`: an identifier cannot start with a digit, and the letter keeps `01`
/// apart from `1`). A character an identifier cannot hold, or that NFKC changes (full-width digits,
/// Ⅱ, which rustc's `uncommon_codepoints` lint warns of), becomes `_`; a keyword gets `_` after it.
/// Two codes can thus meet in one name (`1-2` and `1.2`); the caller reports it.
pub fn code_variant(code: &str) -> String {
    let mut name: String = code
        .chars()
        .map(|c| {
            let mut buffer = [0; 4];
            let text: &str = c.encode_utf8(&mut buffer);
            let plain = c.is_ascii_alphanumeric()
                || c == '_'
                || (!c.is_ascii() && crate::nfkc::nfkc(text) == text && continues(c));
            if plain { c } else { '_' }
        })
        .collect();
    if !name.chars().next().is_some_and(starts) {
        name.insert(0, 'C');
    }
    if syn::parse_str::<syn::Ident>(&name).is_err() {
        // A keyword (`type`, `Self`); every character is one an identifier holds.
        name.push('_');
    }
    name
}

/// Whether rustc's `non_camel_case_types` lint accepts `name` as a type or variant name: no lower-case
/// first letter (after leading underscores), no `__`, no `_` next to a letter that has case.
pub fn is_camel_case(name: &str) -> bool {
    let trimmed = name.trim_matches('_');
    let cased = |c: char| c.is_lowercase() || c.is_uppercase();
    let chars: Vec<char> = trimmed.chars().collect();
    !trimmed.chars().next().is_some_and(char::is_lowercase)
        && !trimmed.contains("__")
        && !chars.windows(2).any(|pair| (cased(pair[0]) && pair[1] == '_') || (pair[0] == '_' && cased(pair[1])))
}

/// Whether an identifier can start with `c` (a letter: ASCII or any other script's).
fn starts(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && syn::parse_str::<syn::Ident>(c.encode_utf8(&mut [0; 4])).is_ok())
}

/// Whether an identifier can hold `c` after its first character.
fn continues(c: char) -> bool {
    syn::parse_str::<syn::Ident>(&format!("a{c}")).is_ok()
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_from_if_ids() {
        assert_eq!(module("IF-I6-01-04-02").unwrap(), "if_i6_01_04_02");
        assert_eq!(module("UPPLAN").unwrap(), "upplan");
        assert_eq!(module("01-02").unwrap(), "if_01_02");
        assert!(module("--").is_err());
    }

    #[test]
    fn fields_from_keys() {
        assert_eq!(field("Content-Type").unwrap().to_string(), "content_type");
        assert_eq!(field("care_insurance_end_cancel_date").unwrap().to_string(), "care_insurance_end_cancel_date");
        assert_eq!(field("Authorization").unwrap().to_string(), "authorization");
        assert_eq!(field("type").unwrap().to_string(), "r#type");
        assert_eq!(field("self").unwrap().to_string(), "self_");
        assert_eq!(field("recordNum").unwrap().to_string(), "record_num");
        assert_eq!(field("1st").unwrap().to_string(), "_1st");
        assert!(field("-").is_err());
    }

    #[test]
    fn types_from_layouts_and_keys() {
        assert_eq!(section_type(Direction::Request, SectionKind::Headers), "RequestHeaders");
        assert_eq!(section_type(Direction::Response, SectionKind::Body), "Response");
        assert_eq!(record_type("Response", "body").unwrap(), "ResponseBody");
        assert_eq!(record_type("ResponseBody", "care_items").unwrap(), "ResponseBodyCareItems");
    }

    #[test]
    fn code_lists_and_codes() {
        assert_eq!(code_type(None, "gender").unwrap(), "GenderCode");
        assert_eq!(code_type(None, "over_30_days").unwrap(), "Over30DaysCode");
        assert_eq!(code_type(Some("ResponseBody"), "care_level").unwrap(), "ResponseBodyCareLevelCode");
        assert!(code_type(None, "-").is_err());
        let variants = [
            ("1", "C1"),
            ("01", "C01"),
            ("Y", "Y"),
            ("b110", "b110"),
            ("成功", "成功"),
            ("要支援１", "要支援_"),
            ("Ⅱa", "C_a"),
            ("1-2", "C1_2"),
            ("_x", "C_x"),
            ("type", "type_"),
            ("Self", "Self_"),
            ("自立", "自立"),
        ];
        for (code, variant) in variants {
            assert_eq!(code_variant(code), variant, "{code:?}");
            assert!(syn::parse_str::<syn::Ident>(variant).is_ok(), "{variant}");
        }
        assert!(is_camel_case("C01") && is_camel_case("成功") && is_camel_case("C1_2") && is_camel_case("Y"));
        assert!(!is_camel_case("b110") && !is_camel_case("C_a") && !is_camel_case("A__B"));
    }
}
