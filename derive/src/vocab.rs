//! The spec's words that attributes use, mapped to the runtime's names for them. The runtime owns the
//! meaning; the `tests/pass` cases use every word listed here, so a variant the runtime lacks fails to
//! compile there.

/// What a データ型 word makes of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataType {
    /// Text of a character class: the `ltcip_runtime::CharClass` variant.
    Class(&'static str),
    /// リスト: records of a nested layout.
    List,
    /// 数値: a decimal number (`ltcip_runtime::Decimal`), its `digits` the integer part.
    Number,
}

/// データ型 values: the spec's word and what it makes of an item.
pub const DATA_TYPES: &[(&str, DataType)] = &[
    ("半角数字", DataType::Class("HalfDigits")),
    ("半角英数字", DataType::Class("HalfAlphanumeric")),
    ("半角文字", DataType::Class("Half")),
    ("全角文字", DataType::Class("Full")),
    ("全半角文字", DataType::Class("Mixed")),
    ("リスト", DataType::List),
    ("数値", DataType::Number),
];

/// Date formats: the pattern and the `ltcip_runtime::DateFormat` variant.
pub const DATE_FORMATS: &[(&str, &str)] = &[
    ("YYYY-MM-DD", "YyyyMmDdHyphen"),
    ("YYYY/MM/DD", "YyyyMmDdSlash"),
    ("YYYYMMDD", "YyyyMmDd"),
    ("YYYY-MM", "YyyyMmHyphen"),
    ("YYYYMM", "YyyyMm"),
    ("YYYYMMDDHHMMSS", "YyyyMmDdHhMmSs"),
    ("YYYY-MM-DDTHH:MM:SS", "IsoDateTime"),
    ("HHMM", "HhMm"),
    ("HH:MM", "HhMmColon"),
    ("HHMMSS", "HhMmSs"),
    ("HH", "Hh"),
    ("mm", "Mi"),
];

/// Import modes of `required(mode = "...")`: the word and the `ltcip_runtime::Mode` variant.
pub const MODES: &[(&str, &str)] = &[("draft", "Draft"), ("final", "Final")];

/// 可変長/固定長 values: the word and whether it means 固定長.
pub const LENGTH_KINDS: &[(&str, bool)] = &[("固定長", true), ("可変長", false)];

/// Length units: the word and the `ltcip_runtime::LengthUnit` variant.
pub const UNITS: &[(&str, &str)] = &[("chars", "Chars"), ("bytes", "Ms932Bytes")];

/// Character repertoires: the name and the `ltcip_runtime::Repertoire` variant.
pub const REPERTOIRES: &[(&str, &str)] = &[("MS932", "Ms932"), ("JIS X 0213", "JisX0213")];

/// Looks `word` up in a vocabulary, or lists the words it could have been.
pub fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Result<T, String> {
    table.iter().find(|(w, _)| *w == word).map(|(_, v)| *v).ok_or_else(|| {
        let words: Vec<String> = table.iter().map(|(w, _)| format!("\"{w}\"")).collect();
        format!("expected one of {}", words.join(", "))
    })
}
