//! Cell contents as text, and the normalisations the spec family needs: full-width digits and
//! letters, stray half- and full-width spaces, line breaks inside headings, `-`/`－`/`―` for "none".

use calamine::Data;

/// A cell's text, or why it has none a reader can use.
#[derive(Debug)]
pub enum CellText {
    /// Nothing in the cell (or only spaces).
    Empty,
    /// The cell's text, trimmed; numbers written as Excel would show a whole number.
    Text(String),
    /// The cell holds something no layout column takes.
    Unusable(Unusable),
}

/// What a cell holds that no layout column takes.
#[derive(Debug, PartialEq)]
pub enum Unusable {
    /// An error value (`#N/A`), as Excel shows it.
    Error(String),
    /// A date or time, as `2024-07-01` (with ` 09:30:00` when it has a time of day).
    Date(String),
    /// A duration or a time of day without a date, as calamine gives it.
    Duration(String),
}

impl Unusable {
    /// What the cell holds, for a finding: `holds the error value #N/A`, `is a date cell (2024-07-01)`.
    pub fn describe(&self) -> String {
        match self {
            Unusable::Error(e) => format!("holds the error value {e}"),
            Unusable::Date(d) => format!("is a date cell ({d})"),
            Unusable::Duration(d) => format!("is a time cell ({d})"),
        }
    }
}

/// Reads a cell as text. Formula cells arrive with their cached values.
pub fn cell_text(data: &Data) -> CellText {
    let text = match data {
        Data::Empty => return CellText::Empty,
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Data::Error(e) => return CellText::Unusable(Unusable::Error(e.to_string())),
        Data::DateTime(d) if d.is_duration() => {
            return CellText::Unusable(Unusable::Duration(d.as_f64().to_string()));
        }
        Data::DateTime(d) => {
            let (year, month, day, hour, minute, second, _) = d.to_ymd_hms_milli();
            let mut shown = format!("{year:04}-{month:02}-{day:02}");
            if (hour, minute, second) != (0, 0, 0) {
                shown.push_str(&format!(" {hour:02}:{minute:02}:{second:02}"));
            }
            return CellText::Unusable(Unusable::Date(shown));
        }
        Data::DateTimeIso(d) => return CellText::Unusable(Unusable::Date(d.replacen('T', " ", 1))),
        Data::DurationIso(d) => return CellText::Unusable(Unusable::Duration(d.clone())),
    };
    let trimmed = trim(&text);
    if trimmed.is_empty() {
        CellText::Empty
    } else if trimmed.len() == text.len() {
        CellText::Text(text)
    } else {
        CellText::Text(trimmed.to_owned())
    }
}

/// Whole numbers as integers (`6.0` → `6`); other numbers as Rust prints them.
fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { f.to_string() }
}

/// Trims half- and full-width spaces, tabs and line breaks at both ends.
pub fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
}

/// A cell as a heading reads it: its text in [`heading_key`] form, empty if it has none.
pub fn heading_text(data: &Data) -> String {
    match data {
        // Trimmed as `cell_text` trims (a byte order mark is not whitespace), without the copy.
        Data::String(s) => heading_key(trim(s)),
        other => match cell_text(other) {
            CellText::Text(text) => heading_key(&text),
            _ => String::new(),
        },
    }
}

/// NFKC: full-width ASCII becomes ASCII, half-width katakana becomes full-width.
pub fn nfkc(text: &str) -> String {
    crate::nfkc::nfkc(text).into_owned()
}

/// The form headings and keywords are compared in: NFKC, no whitespace anywhere (headings wrap),
/// ASCII lower-cased, trailing dots dropped (`No.`), and one spelling of インタフェース.
pub fn heading_key(text: &str) -> String {
    let mut key: String =
        crate::nfkc::nfkc(text).chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_lowercase()).collect();
    // Every variant starts so; most headings hold none.
    if key.contains("インタ") {
        for variant in ["インターフェイス", "インターフェース", "インタフェイス"] {
            key = key.replace(variant, "インタフェース");
        }
    }
    key.truncate(key.trim_end_matches('.').len());
    key
}

/// A 必須 mark as compared: [`heading_key`] form, with the circles a Japanese editor types for ○
/// (`〇` U+3007, the kanji zero an IME offers first; `◯` U+25EF, the large circle) as `○`, so that a
/// legend written with one and cells written with another agree.
pub fn mark_key(text: &str) -> String {
    heading_key(text).chars().map(|c| if matches!(c, '〇' | '◯' | '⚪') { '○' } else { c }).collect()
}

/// The units a 桁数 cell may carry after its number (`10桁`, `30文字`, `8バイト`), compared after NFKC.
const LENGTH_UNITS: [&str; 5] = ["桁", "文字", "バイト", "bytes", "byte"];

/// A 桁数 as the spec writes one: a number as [`parse_number`] reads it, optionally in parentheses
/// (`(10)`, `（10）`) or followed by a unit of [`LENGTH_UNITS`] (`10桁`).
pub fn parse_length(text: &str) -> Option<u32> {
    if let Some(n) = parse_number(text) {
        return Some(n);
    }
    let text = squeeze(&crate::nfkc::nfkc(text));
    let text = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')).unwrap_or(&text);
    let text = LENGTH_UNITS.iter().find_map(|unit| text.strip_suffix(unit)).unwrap_or(text);
    parse_number(text)
}

/// A code sheet's name as references to it are compared: [`heading_key`] form without a trailing
/// 表 or 一覧, so that `※ICFコード表参照` finds the sheet ICFコード and `※ICFコード参照` the sheet ICFコード表.
pub fn code_sheet_key(name: &str) -> String {
    let key = heading_key(name);
    ["表", "一覧"].iter().find_map(|s| key.strip_suffix(s)).map_or_else(|| key.clone(), str::to_owned)
}

/// Removes all whitespace, including line breaks a cell wrapped on (`care_insurance_end_cancel_d\nate`).
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// An interface ID as compared: NFKC, no whitespace, and every dash a Japanese editor may type
/// (`‐`, `－`, `−`, `ー`...) as `-`, so that `IF－I6－01－04－02` names IF-I6-01-04-02.
pub fn interface_id(text: &str) -> String {
    squeeze(&crate::nfkc::nfkc(text))
        .chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}' | '\u{FF0D}' | '\u{FF70}' => '-',
            other => other,
        })
        .collect()
}

/// Whether a cell means "none": empty, or a lone dash of any width.
pub fn is_none_mark(text: &str) -> bool {
    matches!(trim(text), "" | "-" | "－" | "―" | "‐" | "—" | "–" | "ｰ" | "−")
}

/// A whole number as the spec writes one: `6`, `"06"`, `6.0`, `"６"`, `"１０"`.
pub fn parse_number(text: &str) -> Option<u32> {
    // The common case, without normalising: ASCII digits only.
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let text = squeeze(&crate::nfkc::nfkc(text));
    if let Ok(n) = text.parse::<u32>() {
        return Some(n);
    }
    // "6.0": a number cell stored as text after a copy from a number cell.
    let (whole, fraction) = text.split_once('.')?;
    (!whole.is_empty() && fraction.chars().all(|c| c == '0')).then(|| whole.parse().ok()).flatten()
}

/// An outline number in 項番 (`2.1`, `２．２．１`): the item's position, one number a level. `None`
/// for a plain number (see [`parse_number`]) and for anything that is not numbers joined by dots.
pub fn outline_number(text: &str) -> Option<Vec<u32>> {
    let text = squeeze(&crate::nfkc::nfkc(text));
    let path: Vec<u32> = text
        .split('.')
        .map(|part| (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse().ok()).flatten())
        .collect::<Option<_>>()?;
    (path.len() > 1 && path.iter().all(|&n| n > 0)).then_some(path)
}

/// Multi-line text as written, with Windows line breaks made `\n` and the ends trimmed.
pub fn multiline(text: &str) -> String {
    trim(&text.replace("\r\n", "\n").replace('\r', "\n")).to_owned()
}

/// A one-line label: line breaks the cell wrapped on are removed, spaces around them too.
pub fn one_line(text: &str) -> String {
    text.lines().map(trim).collect::<Vec<_>>().join("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_every_spelling() {
        for (text, n) in [("6", 6), ("06", 6), ("6.0", 6), ("６", 6), ("１０", 10), (" 10 ", 10), ("\u{3000}7", 7)] {
            assert_eq!(parse_number(text), Some(n), "{text:?}");
        }
        for text in ["6桁?", "10,5", "-1", "6.5", "", "-"] {
            assert_eq!(parse_number(text), None, "{text:?}");
        }
    }

    #[test]
    fn lengths_with_units_and_parentheses() {
        for (text, n) in
            [("10", 10), ("１０", 10), ("10桁", 10), ("(10)", 10), ("（１０）", 10), ("30 文字", 30), ("8バイト", 8)]
        {
            assert_eq!(parse_length(text), Some(n), "{text:?}");
        }
        for text in ["10,2", "桁", "()", "10桁以内?"] {
            assert_eq!(parse_length(text), None, "{text:?}");
        }
    }

    #[test]
    fn marks_fold_their_circles() {
        for mark in ["○", "〇", "◯", " ○ "] {
            assert_eq!(mark_key(mark), "○", "{mark:?}");
        }
        assert_eq!(mark_key("◎"), "◎");
    }

    #[test]
    fn code_sheet_names() {
        assert_eq!(code_sheet_key("ICFコード表"), code_sheet_key("ICFコード"));
        assert_eq!(code_sheet_key("職種コード一覧"), "職種コード");
    }

    #[test]
    fn headings_compare_after_normalising() {
        assert_eq!(heading_key("項目名（日本語）"), "項目名(日本語)");
        assert_eq!(heading_key("可変長/\n固定長"), "可変長/固定長");
        assert_eq!(heading_key(" No. "), "no");
        assert_eq!(heading_key("№"), "no");
        assert_eq!(heading_key("外部インターフェイス名"), "外部インタフェース名");
        assert_eq!(heading_key("ＪＳＯＮ"), "json");
    }

    #[test]
    fn interface_ids_with_any_dash() {
        for text in [
            "IF-I6-01-04-02",
            " IF－I6－01－04－02\u{3000}",
            "IF‐I6‐01‐04‐02",
            "ＩＦ−Ｉ６−０１−０４−０２",
            "IF-I6-01-\n04-02",
        ] {
            assert_eq!(interface_id(text), "IF-I6-01-04-02", "{text:?}");
        }
    }

    #[test]
    fn none_marks() {
        for text in ["-", "－", "―", " - ", "", "\u{3000}"] {
            assert!(is_none_mark(text), "{text:?}");
        }
        assert!(!is_none_mark("--"));
        assert!(!is_none_mark("0"));
    }

    #[test]
    fn cells_as_text() {
        assert!(matches!(cell_text(&Data::Float(6.0)), CellText::Text(t) if t == "6"));
        assert!(matches!(cell_text(&Data::String(" 全角文字\u{3000}".into())), CellText::Text(t) if t == "全角文字"));
        assert!(matches!(cell_text(&Data::String("\u{3000} ".into())), CellText::Empty));
        assert!(
            matches!(cell_text(&Data::Error(calamine::CellErrorType::NA)), CellText::Unusable(m) if m.describe() == "holds the error value #N/A")
        );
    }

    #[test]
    fn dates_as_a_calendar_shows_them() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let date =
            |serial: f64| cell_text(&Data::DateTime(ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, false)));
        assert!(matches!(date(45474.0), CellText::Unusable(Unusable::Date(d)) if d == "2024-07-01"));
        assert!(matches!(date(45474.5), CellText::Unusable(Unusable::Date(d)) if d == "2024-07-01 12:00:00"));
        assert!(
            matches!(cell_text(&Data::DateTimeIso("2024-07-01".into())), CellText::Unusable(Unusable::Date(d)) if d == "2024-07-01")
        );
    }
}
