//! The naming contract: how IF IDs, layouts and wire keys become Rust names.
//!
//! - module: the IF ID in snake case (`IF-I6-01-04-02` → `if_i6_01_04_02`);
//! - types: `Request`, `RequestHeaders`, `Response`, `ResponseHeaders`; a リスト item's records are
//!   the parent type's name followed by the item key in UpperCamelCase (`Response` + `body` →
//!   `ResponseBody`);
//! - fields: the key in snake case (`Content-Type` → `content_type`), keywords as raw identifiers
//!   (`type` → `r#type`), and `self`/`super`/`crate`/`Self` with a trailing underscore;
//! - code lists: the enum of an item's codes is the key in UpperCamelCase followed by `Code`
//!   (`gender` → `GenderCode`); its variants are named by [`code_variants`]: the codes where they are
//!   names as they stand (`成功`, `Y`), else the labels where each makes a name (`男性`, `要介護1`), else
//!   the codes with `C` in front (`C1`, `C01`).

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

/// The most characters a label-based variant has: a label longer than this is prose (a sentence in
/// a cell), which makes a poor name to type in a `match`.
const MAX_LABEL_NAME: usize = 20;

/// The variants of one code list (each code with its label, in the spec's order). One rule for the
/// whole list, so that a list reads one way:
///
/// 1. every code is a name as it stands (`成功`/`失敗`, `Y`/`N`, ICF's `b110`): the codes, which are what
///    the wire carries and cannot drift from it;
/// 2. else, every code has a label, each label makes a name ([`label_variant`]) and no two names are
///    equal: the labels (`男性`/`女性`, `該当`/`非該当`, `要介護1`): `GenderCode::男性` says what `C1`
///    does not, and a vendor types it with the same IME as the spec's words;
/// 3. else the codes, with `C` in front of those that do not start with a letter ([`code_variant`]:
///    `C1`, `C01`).
///
/// Labels are read through NFKC, so the differences of width and form the specs themselves show
/// between families (LIFE's `要支援１` and `Ⅱa`, the care-plan annex's `要支援1` and `IIa`) give the
/// same names; a label reworded otherwise renames its variant, which is a spec change a vendor's
/// `match` should notice. Two codes whose rule-3 names meet (`1-2`, `1.2`) are the caller's to report.
pub fn code_variants(codes: &[(String, Option<String>)]) -> Vec<String> {
    let by_code = || codes.iter().map(|(code, _)| code_variant(code)).collect::<Vec<_>>();
    if codes.iter().all(|(code, _)| code_variant(code) == *code) {
        return by_code();
    }
    let by_label: Option<Vec<String>> =
        codes.iter().map(|(_, label)| label.as_deref().and_then(label_variant)).collect();
    match by_label {
        Some(names) if names.iter().enumerate().all(|(index, name)| !names[..index].contains(name)) => names,
        _ => by_code(),
    }
}

/// The name a label makes, or `None`: the label in NFKC, its runs of ASCII letters and digits, kana
/// and kanji kept and every other run of characters (spaces, brackets, `・`, `&`, `、`) one `_`
/// between them (`要支援（経過的要介護）` → `要支援_経過的要介護`, `初回&紹介` → `初回_紹介`). No name
/// when it starts with a digit, when it has the form of a code's name (`C` and a digit: label `C1` of
/// code `8` would read as code `1`), when it is a keyword, or when it is longer than
/// [`MAX_LABEL_NAME`] characters.
pub fn label_variant(label: &str) -> Option<String> {
    let mut name = String::new();
    let mut gap = false;
    for c in crate::nfkc::nfkc(label).chars() {
        if !word_character(c) {
            gap = true;
            continue;
        }
        if gap && !name.is_empty() {
            name.push('_');
        }
        gap = false;
        name.push(c);
    }
    let mut chars = name.chars();
    let first = chars.next()?;
    let code_like = first == 'C' && chars.next().is_some_and(|c| c.is_ascii_digit());
    if first.is_ascii_digit() || code_like || name.chars().count() > MAX_LABEL_NAME {
        return None;
    }
    syn::parse_str::<syn::Ident>(&name).is_ok().then_some(name)
}

/// Whether a label-based name keeps `c`: ASCII letters and digits, hiragana, katakana (with `ー`), and
/// kanji (with `々`); the characters every Japanese IME types and every identifier holds.
fn word_character(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c,
            '\u{3041}'..='\u{3096}' // hiragana
            | '\u{30A1}'..='\u{30FA}' | 'ー' // katakana
            | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '々' // kanji
        )
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
        let list = |pairs: &[(&str, Option<&str>)]| -> Vec<(String, Option<String>)> {
            pairs.iter().map(|(code, label)| (code.to_string(), label.map(str::to_owned))).collect()
        };
        // Labels where they make names; NFKC makes the width and form of the spec's writing moot.
        assert_eq!(code_variants(&list(&[("1", Some("男性")), ("2", Some("女性"))])), ["男性", "女性"]);
        assert_eq!(code_variants(&list(&[("1", Some("該当")), ("0", Some("非該当"))])), ["該当", "非該当"]);
        assert_eq!(
            code_variants(&list(&[("11", Some("要支援（経過的要介護）")), ("12", Some("要支援１"))])),
            ["要支援_経過的要介護", "要支援1"]
        );
        assert_eq!(code_variants(&list(&[("3", Some("Ⅱa")), ("7", Some("Ⅳ"))])), ["IIa", "IV"]);
        assert_eq!(code_variants(&list(&[("54", Some("初回&紹介&継続"))])), ["初回_紹介_継続"]);
        assert_eq!(code_variants(&list(&[("05", Some("自宅・一戸建て"))])), ["自宅_一戸建て"]);
        // Codes that are names win over labels.
        assert_eq!(code_variants(&list(&[("成功", None), ("失敗", None)])), ["成功", "失敗"]);
        assert_eq!(code_variants(&list(&[("Y", Some("対象")), ("N", Some("対象外"))])), ["Y", "N"]);
        // Any label missing, unusable or repeated: every variant by its code.
        assert_eq!(code_variants(&list(&[("1", Some("男性")), ("0000", None)])), ["C1", "C0000"]);
        assert_eq!(code_variants(&list(&[("8", Some("C1")), ("9", Some("C2"))])), ["C8", "C9"]);
        assert_eq!(code_variants(&list(&[("1", Some("要支援1")), ("2", Some("要支援１"))])), ["C1", "C2"]);
        assert_eq!(code_variants(&list(&[("1", Some("1日")), ("2", Some("2日"))])), ["C1", "C2"]);
        assert_eq!(code_variants(&list(&[("1", Some("type")), ("2", Some("fn"))])), ["C1", "C2"]);
        assert_eq!(code_variants(&list(&[("1", Some("（）")), ("2", Some("x"))])), ["C1", "C2"]);
        let long = "介護予防サービス計画の作成を委託している場合";
        assert_eq!(code_variants(&list(&[("1", Some(long)), ("2", Some("x"))])), ["C1", "C2"]);
        assert_eq!(label_variant("事業対象者の該当あり").as_deref(), Some("事業対象者の該当あり"));
        assert_eq!(label_variant(" 有 ").as_deref(), Some("有"));
        assert!(is_camel_case("C01") && is_camel_case("成功") && is_camel_case("C1_2") && is_camel_case("Y"));
        assert!(!is_camel_case("b110") && !is_camel_case("C_a") && !is_camel_case("A__B"));
    }
}
