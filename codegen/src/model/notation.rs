//! The 書式 cell, read here and nowhere else, for every layout kind.
//!
//! Where a layout has a データ型 column (別紙13, LIFE), 書式 adds what its prose states: a date format
//! (`●書式 YYYY-MM-DD`, `HH/mm`) and a 「」 code list where the row's other cells give none
//! ([`apply_stated`]). The care-plan annex has no データ型: its 書式、選択肢など column is the item's
//! only attribute ([`apply`]): `YYYYMMDD`, `HHMM`, `XXX-XXXX`, `整数`, `99.99形式`, code lists
//! (`1:男性 2:女性`, `月曜日:1`), `フリーテキスト`, `9999999999を固定でセット`. A 書式 that says none of these
//! leaves the item 半角文字 (printable ASCII): the spec gives no other attribute, and every non-free-text
//! item it lists is a code, a number or a date.

use super::{CharClass, Code, DataType, DateFormat, Item, Rules, rules};

/// What a 書式 cell says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notation {
    /// The character class the values are written in.
    pub class: CharClass,
    /// A date or time format.
    pub date: Option<DateFormat>,
    /// The codes of a code list, with their labels.
    pub codes: Vec<Code>,
    /// A regular expression for the whole value.
    pub pattern: Option<String>,
    /// The only value allowed.
    pub fixed: Option<String>,
    /// フリーテキスト.
    pub free_text: bool,
    /// What the cell states as prose, as a データ型 column's layout reads it: a date format and 「」
    /// codes (the rules [`rules::from_text`] reads from 備考).
    pub stated: Rules,
}

/// `整数`: a whole number, optionally negative.
pub const INTEGER: &str = "-?[0-9]+";
/// `99.99 形式`: up to two digits, a point, two digits.
pub const DECIMAL_99_99: &str = r"[0-9]{1,2}\.[0-9]{2}";
/// `XXX-XXXX`: a Japanese postcode.
pub const POSTCODE: &str = "[0-9]{3}-[0-9]{4}";

/// Reads a 書式 cell (`None`: empty).
pub fn read(text: Option<&str>) -> Notation {
    let mut notation = Notation {
        class: CharClass::Half,
        date: None,
        codes: Vec::new(),
        pattern: None,
        fixed: None,
        free_text: false,
        stated: Rules::default(),
    };
    let Some(text) = text else { return notation };
    notation.stated = rules::from_text(None, Some(text));
    let text = crate::nfkc::nfkc(text);
    if text.contains("フリーテキスト") {
        notation.class = CharClass::Mixed;
        notation.free_text = true;
    } else if let Some(date) = leading_date(&text) {
        notation.class = CharClass::HalfDigits;
        notation.date = Some(date);
    } else if let Some(codes) = code_list(&text) {
        notation.class = CharClass::HalfAlphanumeric;
        notation.codes = codes;
    } else if text.contains("整数") {
        notation.pattern = Some(INTEGER.to_owned());
    } else if text.contains("99.99") {
        notation.pattern = Some(DECIMAL_99_99.to_owned());
    } else if text.contains("XXX-XXXX") {
        notation.pattern = Some(POSTCODE.to_owned());
    } else if let Some(value) = fixed_value(&text) {
        notation.fixed = Some(value);
    }
    notation
}

/// Any layout, as its row is read: the date format and 「」 codes the item's 書式 states, where its
/// other cells state none.
pub fn apply_stated(item: &mut Item) {
    let Some(text) = item.notation.as_deref() else { return };
    let stated = read(Some(text)).stated;
    // A format at the start of the cell with a note after it (`YYYYMMDD（西暦）`) is the item's format
    // too; a format elsewhere in prose (`時間表示有りのサービス：HHMM`) is not.
    item.rules.date = item.rules.date.or(stated.date).or_else(|| head_date(&crate::nfkc::nfkc(text)));
    if item.rules.codes.is_empty() {
        item.rules.codes = stated.codes;
    }
}

/// Completes an item of a file layout from its 書式: the rules a データ型 column would give, and
/// CSVバージョン fixed to the file's version and the same in every record. 項番 is kept as printed
/// (`1`, not `01`).
pub fn apply(item: &mut Item, version: Option<&str>) {
    let trimmed = item.no.trim_start_matches('0');
    item.no = if trimmed.is_empty() { "0".to_owned() } else { trimmed.to_owned() };
    if item.data_type.is_none() {
        let notation = read(item.notation.as_deref());
        item.data_type = Some(DataType::Text(notation.class));
        item.free_text = notation.free_text;
        item.rules.date = notation.date.or(item.rules.date);
        // The annex's code lists are `code:label` pairs; values quoted in 「」 in its prose are names of
        // services and additions, not codes.
        item.rules.codes = notation.codes;
        item.rules.pattern = item.rules.pattern.take().or(notation.pattern);
        item.rules.fixed = item.rules.fixed.take().or(notation.fixed);
    }
    if is_csv_version(&item.name) {
        item.uniform = true;
        if let Some(version) = version {
            item.rules.fixed = Some(version.to_owned());
        }
    }
}

/// A date format the cell states: at its start (`YYYYMMDD`, a note after it), or as the value of a
/// case (`時間表示有りのサービス：HHMM`).
fn leading_date(text: &str) -> Option<DateFormat> {
    head_date(text).or_else(|| {
        text.split(|c: char| c.is_whitespace() || matches!(c, ':' | '、' | '。' | '(' | ')'))
            .filter(|t| t.len() >= 4 && t.chars().all(|c| c.is_ascii_uppercase()))
            .find_map(DateFormat::from_pattern)
    })
}

/// A date format the cell starts with (`YYYYMMDD`, `yyyymmdd（西暦）`, `HH:mm まで`): the letters and
/// separators at its start, in either case (the runtime's patterns are matched so).
fn head_date(text: &str) -> Option<DateFormat> {
    let head: String =
        text.trim().chars().take_while(|c| c.is_ascii_alphabetic() || matches!(c, '-' | '/' | ':')).collect();
    DateFormat::from_pattern(&head)
}

/// Whether an item's name is CSVバージョン (the first item of every care-plan file).
pub fn is_csv_version(name: &str) -> bool {
    let name: String = crate::nfkc::nfkc(name).chars().filter(|c| !c.is_whitespace()).collect();
    name.eq_ignore_ascii_case("CSVバージョン")
}

/// `9999999999を固定でセット`, `「202407」を固定でセット` → the value.
fn fixed_value(text: &str) -> Option<String> {
    let (value, rest) = text.trim().split_once('を')?;
    let value = value.trim();
    let value = value
        .strip_prefix(['「', '"', '“', '\''])
        .and_then(|v| v.strip_suffix(['」', '"', '”', '\'']))
        .unwrap_or(value)
        .trim();
    (rest.starts_with("固定") && !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| value.to_owned())
}

/// `1:男性 2:女性`, `06:事業対象者、12:要支援1`, `月曜日:1、火曜日:2` → the codes (the ASCII side of
/// each pair) with their labels (the other side). Two pairs at least, and pairs most of what the cell
/// says.
pub fn code_list(text: &str) -> Option<Vec<Code>> {
    let tokens: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | '。')).filter(|t| !t.is_empty()).collect();
    let mut codes: Vec<Code> = Vec::new();
    for token in &tokens {
        let Some((left, right)) = token.split_once(':') else { continue };
        let is_code = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_alphanumeric());
        let (code, label) = if is_code(left) && !right.is_empty() {
            (left, right)
        } else if is_code(right) && !left.is_empty() {
            (right, left)
        } else {
            continue;
        };
        if !codes.iter().any(|c| c.value == code) {
            codes.push(Code::labelled(code, label));
        }
    }
    (codes.len() >= 2 && codes.len() * 2 >= tokens.len()).then_some(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(codes: Vec<Code>) -> Vec<String> {
        crate::model::code_values(&codes)
    }

    #[test]
    fn labels_are_kept() {
        assert_eq!(read(Some("1:男性 2:女性")).codes[1], Code::labelled("2", "女性"));
        assert_eq!(read(Some("月曜日:1、火曜日:2")).codes[0], Code::labelled("1", "月曜日"));
    }

    #[test]
    fn notations_of_the_4_1_annex() {
        let free = read(Some("フリーテキスト"));
        assert!(free.free_text);
        assert_eq!(free.class, CharClass::Mixed);
        assert_eq!(read(Some("YYYYMMDD")).date, Some(DateFormat::YyyyMmDd));
        assert_eq!(read(Some("ＨＨＭＭ\n時間のないサービスは9999")).date, Some(DateFormat::HhMm));
        let timed = read(Some("時間表示有りのサービス：HHMM\n時間表示の無いサービス：9999"));
        assert_eq!((timed.date, timed.codes.len()), (Some(DateFormat::HhMm), 0));
        assert_eq!(values(read(Some("1:男性 2:女性")).codes), ["1", "2"]);
        assert_eq!(values(read(Some("1：該当、0：非該当")).codes), ["1", "0"]);
        assert_eq!(values(read(Some("月曜日:1、火曜日:2、水曜日:3")).codes), ["1", "2", "3"]);
        assert_eq!(values(read(Some("01:自立、11:J1、12:J2")).codes), ["01", "11", "12"]);
        assert_eq!(values(read(Some("Y:対象 N:対象外")).codes), ["Y", "N"]);
        assert_eq!(read(Some("整数")).pattern.as_deref(), Some(INTEGER));
        assert_eq!(read(Some("99.99 形式で入力")).pattern.as_deref(), Some(DECIMAL_99_99));
        assert_eq!(read(Some("XXX-XXXX")).pattern.as_deref(), Some(POSTCODE));
        assert_eq!(read(Some("9999999999を固定でセット")).fixed.as_deref(), Some("9999999999"));
        assert_eq!(read(Some("「202407」を固定でセット")).fixed.as_deref(), Some("202407"));
        let plain = read(Some("要介護者が属する自治体のコード"));
        assert_eq!((plain.class, plain.codes.len(), plain.pattern), (CharClass::Half, 0, None));
        assert!(read(Some("生保単独の場合は「H」＋9桁（例：H123456789）")).codes.is_empty());
        assert_eq!(read(None).class, CharClass::Half);
        assert_eq!(read(Some("yyyymmdd（西暦）")).date, Some(DateFormat::YyyyMmDd));
        assert_eq!(read(Some("HHmm")).date, Some(DateFormat::HhMm));
    }
}
