//! One lowering: what each item of the model is checked against, decided here once.
//!
//! The model says what the spec says (a データ型, a 桁数 and 可変長/固定長, a fixed value, codes, 備考 …);
//! [`ItemRules`] says which rules follow from that for an item of a given layout: the character class,
//! what one 桁 counts, a number rule in place of a length rule for 数値, a fixed value winning over a
//! code list, which items are written quoted, which requirement is checked. Every renderer reads it:
//! [`crate::emit`] prints it as the `#[ltcip(...)]` attribute, [`crate::validate`] turns it into the
//! runtime's descriptor, [`crate::schema`] into JSON Schema keywords, and [`crate::diff`] compares it.
//!
//! A new rule is a field here, set in [`ItemRules::of`], plus one change in each renderer that must
//! show it; `codegen/tests/lowering.rs` fails while a renderer ignores a field.

use crate::model::{
    CharClass, CsvDialect, DataType, DateFormat, Item, Layout, Length, Mode, Occurs, Range, Repertoire, WireFormat,
    code_values,
};
use ltcip_runtime::LengthUnit;

/// What the rules of a layout's items depend on besides the items themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayoutRules {
    /// 形式.
    pub format: WireFormat,
    /// How a CSV file's columns are told apart; `None` for JSON.
    pub csv: Option<CsvDialect>,
    /// The characters text values must be writable in.
    pub repertoire: Repertoire,
    /// What one 桁 counts: MS932 bytes in a positional CSV file (the care-plan files are MS932, and the
    /// annex does not say), characters everywhere else (別紙13's 取得結果 is 全角文字 2 for 「成功」;
    /// LIFE heads its column 整数桁（文字数）).
    pub unit: LengthUnit,
}

impl LayoutRules {
    /// The rules of `layout`.
    pub fn of(layout: &Layout) -> LayoutRules {
        let csv = match layout.format {
            WireFormat::Json => None,
            WireFormat::Csv => Some(layout.file.as_ref().map_or(CsvDialect::Positional, |f| f.dialect)),
        };
        let unit = match csv {
            Some(CsvDialect::Positional) => LengthUnit::Ms932Bytes,
            _ => LengthUnit::Chars,
        };
        LayoutRules { format: layout.format, csv, repertoire: layout.repertoire, unit }
    }
}

/// What one item is checked against.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemRules {
    /// 出現回数.
    pub occurs: Occurs,
    /// データ型 as the derive's `data_type` names it (`None`: the spec gives none).
    pub data_type: Option<DataType>,
    /// The rules of a text value; `None` for a リスト, whose records have rules of their own.
    pub text: Option<TextRules>,
    /// A credential: never quoted in messages, held as `Secret`.
    pub secret: bool,
    /// フリーテキスト: always written quoted in CSV, an empty one as `""`.
    pub free_text: bool,
    /// Written quoted in CSV when it holds a value (LIFE 文字列).
    pub quoted: bool,
    /// The same value in every record of a file.
    pub uniform: bool,
    /// A value of one half-width space is Null (a named-column CSV file's deletion mark).
    pub space_is_null: bool,
    /// Required beyond 出現回数, as checked (a condition in prose is documentation, not here).
    pub requirement: Option<RequirementRule>,
}

/// The rules of a text value.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRules {
    /// The character class (`None` for 数値 and for an item without データ型).
    pub class: Option<CharClass>,
    /// The repertoire every value must be writable in.
    pub repertoire: Repertoire,
    /// 桁数 with 可変長/固定長 and its unit; `None` for 数値 (its number rule counts the digits).
    pub length: Option<LengthRule>,
    /// 数値: a decimal number.
    pub number: Option<NumberRule>,
    /// The only value allowed.
    pub fixed: Option<String>,
    /// The values allowed; empty when any value is, or when a fixed value names the one allowed.
    pub codes: Vec<String>,
    /// A date or time format.
    pub date: Option<DateFormat>,
    /// A regular expression the whole value matches.
    pub pattern: Option<String>,
    /// 範囲.
    pub range: Option<RangeRule>,
    /// Values allowed besides the other rules.
    pub also: Vec<String>,
}

/// 桁数.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LengthRule {
    /// 桁数.
    pub digits: u32,
    /// 固定長 (exactly) rather than 可変長 (at most).
    pub fixed: bool,
    /// What one 桁 counts.
    pub unit: LengthUnit,
}

/// 数値: at most `integer` integer digits (`None`: any number) and `fraction` decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberRule {
    /// 桁数 of a 数値 item.
    pub integer: Option<u32>,
    /// 小数点以下の桁数 (0: a whole number).
    pub fraction: u32,
}

/// 範囲: as the spec writes it, and its bounds as numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeRule {
    /// The bounds as written (`0～100`).
    pub written: Range,
    /// The lowest value allowed.
    pub min: Option<f64>,
    /// The highest value allowed.
    pub max: Option<f64>,
}

/// A requirement beyond 出現回数: from which mode on, and under which clauses (none: always).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequirementRule {
    /// The most lenient mode it applies in ([`Mode::Draft`]: every mode).
    pub mode: Mode,
    /// Every clause must hold.
    pub clauses: Vec<ClauseRule>,
}

/// The item with key `key` (named `name`) holds one of `values`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClauseRule {
    /// The wire key of the item tested.
    pub key: String,
    /// Its 項目名, for messages and docs.
    pub name: String,
    /// The values that make the clause hold.
    pub values: Vec<String>,
}

impl ItemRules {
    /// The rules of `item` in a layout whose rules are `layout`.
    pub fn of(item: &Item, layout: LayoutRules) -> ItemRules {
        let csv = layout.csv.is_some();
        let text = (!item.is_list()).then(|| text(item, layout));
        let requirement = item.requirement.as_ref().filter(|r| r.is_checked()).map(|r| RequirementRule {
            mode: r.mode,
            clauses: r
                .clauses()
                .iter()
                .map(|c| ClauseRule { key: c.key.clone(), name: c.name.clone(), values: code_values(&c.values) })
                .collect(),
        });
        ItemRules {
            occurs: item.occurs,
            data_type: item.data_type,
            text,
            secret: item.secret,
            free_text: item.free_text,
            // フリーテキスト is quoted already, and JSON has no quoting to speak of.
            quoted: item.quoted && !item.free_text && csv,
            uniform: item.uniform,
            space_is_null: layout.csv == Some(CsvDialect::Named),
            requirement,
        }
    }

    /// Whether the item is a リスト (its value is records).
    pub fn is_list(&self) -> bool {
        self.text.is_none()
    }
}

fn text(item: &Item, layout: LayoutRules) -> TextRules {
    let decimal = item.data_type == Some(DataType::Decimal);
    let rules = &item.rules;
    let length = |length: Length| LengthRule { digits: length.digits, fixed: length.fixed, unit: layout.unit };
    TextRules {
        class: item.char_class(),
        repertoire: layout.repertoire,
        length: item.length.filter(|_| !decimal).map(length),
        number: decimal
            .then(|| NumberRule { integer: item.length.map(|l| l.digits), fraction: item.decimals.unwrap_or(0) }),
        fixed: rules.fixed.clone(),
        // A fixed value names the one value allowed: a code list beside it adds nothing.
        codes: if rules.fixed.is_some() { Vec::new() } else { code_values(&rules.codes) },
        date: rules.date,
        pattern: rules.pattern.clone(),
        range: rules.range.as_ref().map(|range| {
            let bound = |b: &Option<String>| b.as_deref().and_then(|b| b.parse::<f64>().ok());
            RangeRule { written: range.clone(), min: bound(&range.min), max: bound(&range.max) }
        }),
        also: rules.also.clone(),
    }
}
