//! The description of a layout that validation runs on: one [`Item`] per row of the spec table.
//!
//! Generated code (through `#[derive(Validate)]`) holds these as constants; `ltcip-codegen` builds the
//! same description at run time to validate a file straight from a workbook. Both then run the same
//! checks, in [`crate::check`], so the two cannot disagree on a verdict.
//!
//! Fields are public to read; values are made with the `const fn` constructors so that new rules can
//! be added without breaking code that builds them.

use crate::chars::{CharClass, Repertoire};
use crate::date::DateFormat;

/// A layout: a named list of items (the members of one JSON object, or the columns of one CSV record).
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Shape<'a> {
    /// The name of the type or layout, for messages and schemas.
    pub name: &'a str,
    /// The items, in the order of the spec table.
    pub items: &'a [Item<'a>],
    /// For a named-column CSV file (CSV連携仕様書(LIFE) 4.2–4.4): the data type its line 1 holds
    /// (`"SERVICE_USER_INFO"`). Line 2 then names the columns, by the items' keys, in any order;
    /// records start on line 3. `None`: the care-plan dialect, whose columns are the items in order.
    pub named: Option<&'a str>,
}

impl<'a> Shape<'a> {
    /// A layout of `items`.
    pub const fn new(name: &'a str, items: &'a [Item<'a>]) -> Self {
        Shape { name, items, named: None }
    }

    /// Makes the layout a named-column CSV file whose line 1 holds the data type `id` (see
    /// [`Shape::named`](Shape#structfield.named)). Its items should be [`Item::space_is_null`]
    /// (the derive marks them), as the dialect's readers treat them anyway.
    pub const fn named(mut self, id: &'a str) -> Self {
        self.named = Some(id);
        self
    }

    /// Whether some item is required under a condition on other items (see [`Requirement::when`]).
    pub(crate) fn has_conditions(&self) -> bool {
        has_conditions(self.items)
    }
}

/// Whether some item of `items` is required under a condition on other items.
pub(crate) fn has_conditions(items: &[Item<'_>]) -> bool {
    items.iter().any(|item| item.required.is_some_and(|r| !r.when.is_empty()))
}

/// One item (row) of a layout.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Item<'a> {
    /// 項番, as the spec writes it (`"08"`).
    pub no: &'a str,
    /// 項目名（日本語）.
    pub name: &'a str,
    /// 項目: the wire key (JSON member name or HTTP header name).
    pub key: &'a str,
    /// 出現回数.
    pub occurs: Occurs,
    /// What the value is: text with rules, or a list of records.
    pub kind: Kind<'a>,
    /// A credential (e.g. 自治体トークン): its value is never copied into an error.
    pub secret: bool,
    /// フリーテキスト: written quoted in CSV, whatever it holds.
    pub free_text: bool,
    /// Every record of a file must hold the same value (CSVバージョン, one 対象年月 per file).
    pub uniform: bool,
    /// 必須 beyond 出現回数: required in some import modes, or when other items hold some values
    /// (LIFE's ○ and ●). `None`: 出現回数 alone says whether the item is required.
    pub required: Option<Requirement<'a>>,
    /// Written quoted in CSV whenever it is not empty (LIFE writes 文字列 items quoted, 数値 bare).
    pub quoted: bool,
    /// A value of exactly one half-width space (`" "`) is Null for every check: in a LIFE file it
    /// deletes the value held ([`crate::csv::DELETE`]). A full-width space, or two spaces, are data.
    pub space_is_null: bool,
}

impl<'a> Item<'a> {
    /// An item; `occurs` is 出現回数 as the spec writes it.
    pub const fn new(no: &'a str, name: &'a str, key: &'a str, occurs: Occurs, kind: Kind<'a>) -> Self {
        Item {
            no,
            name,
            key,
            occurs,
            kind,
            secret: false,
            free_text: false,
            uniform: false,
            required: None,
            quoted: false,
            space_is_null: false,
        }
    }

    /// Marks the item as a credential.
    pub const fn secret(mut self) -> Self {
        self.secret = true;
        self
    }

    /// Marks the item as フリーテキスト (always quoted in CSV).
    pub const fn free_text(mut self) -> Self {
        self.free_text = true;
        self
    }

    /// Requires the same value in every record of a file.
    pub const fn uniform(mut self) -> Self {
        self.uniform = true;
        self
    }

    /// Requires the item besides 出現回数: in `requirement.mode` and stricter modes, when every clause
    /// of `requirement.when` holds.
    pub const fn required(mut self, requirement: Requirement<'a>) -> Self {
        self.required = Some(requirement);
        self
    }

    /// Marks the item as written quoted in CSV whenever it is not empty.
    pub const fn quoted(mut self) -> Self {
        self.quoted = true;
        self
    }

    /// Makes a value of one half-width space Null (a deletion, in a LIFE file).
    pub const fn space_is_null(mut self) -> Self {
        self.space_is_null = true;
        self
    }

    /// Whether `value` counts as absent: empty, or the deletion mark `" "` of a
    /// [`space_is_null`](Item::space_is_null) item.
    #[inline(always)]
    pub const fn is_null(&self, value: &str) -> bool {
        value.is_empty() || (value.len() == 1 && self.space_is_null && value.as_bytes()[0] == b' ')
    }

    /// Whether the item must be present in every record checked in `mode`, whatever the other items
    /// hold: 出現回数 最小 ≥ 1, or a [`Requirement`] without clauses whose mode `mode` reaches.
    pub const fn always_required(&self, mode: Mode) -> bool {
        if self.occurs.min > 0 {
            return true;
        }
        match self.required {
            Some(requirement) => requirement.when.is_empty() && requirement.mode.reached_by(mode),
            None => false,
        }
    }

    /// How many elements an array value may hold. A リスト item's 出現回数 says whether the list member
    /// must be present; the spec does not bound its records. A repeated text item (最大 > 1) is
    /// bounded by its 出現回数.
    pub const fn elements(&self) -> Occurs {
        match self.kind {
            Kind::List(_) => Occurs::new(0, None),
            Kind::Text(_) => self.occurs,
        }
    }

    /// Whether the value is an array on the wire.
    pub const fn is_array(&self) -> bool {
        match self.kind {
            Kind::List(_) => true,
            Kind::Text(_) => match self.occurs.max {
                Some(max) => max > 1,
                None => true,
            },
        }
    }
}

/// How strictly records are checked: which of the spec's 必須 marks apply (LIFE's import modes).
///
/// Modes are ordered, `Draft < Final`: a requirement of one mode applies in it and in every stricter
/// mode. Checks run in [`Mode::Final`] unless told otherwise ([`crate::ValidationErrors::with_mode`],
/// [`crate::Validate::validate_with`], [`crate::csv::Reader::mode`], [`crate::json::from_slice_with`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    /// 仮取込 (provisional import): only 常に必須 (◎) items are required.
    Draft,
    /// 確定取込 (final import): ◎ and ○ items are required, and ● items where their condition holds.
    #[default]
    Final,
}

impl Mode {
    /// Every mode, from the most lenient.
    pub const ALL: [Mode; 2] = [Mode::Draft, Mode::Final];

    /// Whether a requirement of this mode applies to records checked in `checked`.
    pub const fn reached_by(self, checked: Mode) -> bool {
        checked as u8 >= self as u8
    }

    /// The spec's word for the mode: 仮取込 or 確定取込.
    pub const fn name_ja(self) -> &'static str {
        match self {
            Mode::Draft => "仮取込",
            Mode::Final => "確定取込",
        }
    }

    /// English name: `draft` or `final`.
    pub const fn name(self) -> &'static str {
        match self {
            Mode::Draft => "draft",
            Mode::Final => "final",
        }
    }
}

/// A condition on another item of the same record: the item whose key is `key` holds one of `values`
/// (a present, non-Null text equal to one of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Clause<'a> {
    /// The key of the item the condition is on.
    pub key: &'a str,
    /// The values that satisfy the condition.
    pub values: &'a [&'a str],
}

impl<'a> Clause<'a> {
    /// The item `key` holds one of `values`.
    pub const fn new(key: &'a str, values: &'a [&'a str]) -> Self {
        Clause { key, values }
    }
}

/// When an item is required besides 出現回数 (LIFE's 必須 column: ○ required on final import, ●
/// required when other items hold some values).
///
/// The item is required in `mode` and stricter modes, when every clause of `when` holds; with no
/// clause, always in those modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Requirement<'a> {
    /// The most lenient mode the requirement applies in ([`Mode::Draft`]: every mode).
    pub mode: Mode,
    /// The conditions, all of which must hold; empty: no condition.
    pub when: &'a [Clause<'a>],
}

impl<'a> Requirement<'a> {
    /// Required in `mode` and stricter modes, when every clause of `when` holds.
    pub const fn new(mode: Mode, when: &'a [Clause<'a>]) -> Self {
        Requirement { mode, when }
    }
}

/// 出現回数: how many times an item occurs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Occurs {
    /// 最小.
    pub min: u32,
    /// 最大; `None` when the spec sets no bound.
    pub max: Option<u32>,
}

impl Occurs {
    /// `min..=max`, or `min..` when `max` is `None`.
    pub const fn new(min: u32, max: Option<u32>) -> Self {
        Occurs { min, max }
    }

    /// Exactly once (1..1).
    pub const REQUIRED: Occurs = Occurs::new(1, Some(1));
    /// At most once (0..1).
    pub const OPTIONAL: Occurs = Occurs::new(0, Some(1));

    /// Whether `count` occurrences are allowed.
    pub const fn admits(self, count: usize) -> bool {
        let above_min = count >= self.min as usize;
        match self.max {
            Some(max) => above_min && count <= max as usize,
            None => above_min,
        }
    }
}

/// What an item's value is.
#[derive(Clone, Copy, Debug)]
pub enum Kind<'a> {
    /// A string, with the rules of its row.
    Text(Text<'a>),
    /// リスト: an array of records laid out by a nested shape.
    List(&'a Shape<'a>),
}

/// The rules of a text item: データ型, 桁数, 可変長/固定長, and what the text of the row adds (a fixed value,
/// a code list, a date format).
#[derive(Clone, Copy, Debug, Default)]
#[non_exhaustive]
pub struct Text<'a> {
    /// データ型 as a character class; `None` when the spec gives none (`-`).
    pub chars: Option<CharClass>,
    /// The characters any value must be writable in.
    pub repertoire: Repertoire,
    /// 桁数 with 可変長/固定長.
    pub length: Option<Length>,
    /// The only value allowed (`"application/json"固定`).
    pub fixed: Option<&'a str>,
    /// The values allowed (「成功」もしくは「失敗」); empty when any value of the class is allowed.
    pub codes: &'a [&'a str],
    /// The date or time format the value must follow.
    pub date: Option<DateFormat>,
    /// A regular expression the whole value must match (`^` and `$` are implied).
    pub pattern: Option<&'a str>,
    /// Values allowed besides what the other rules allow (`9999` for a service with no time).
    pub also: &'a [&'a str],
    /// 数値: a decimal number with at most so many integer and fraction digits.
    pub number: Option<Decimal>,
    /// 範囲: the inclusive range a numeric value must lie in.
    pub range: Option<Range>,
}

impl<'a> Text<'a> {
    /// Text with no rule at all.
    pub const fn new() -> Self {
        Text {
            chars: None,
            repertoire: Repertoire::Ms932,
            length: None,
            fixed: None,
            codes: &[],
            date: None,
            pattern: None,
            also: &[],
            number: None,
            range: None,
        }
    }

    /// Restricts the characters to a データ型.
    pub const fn chars(mut self, class: CharClass) -> Self {
        self.chars = Some(class);
        self
    }

    /// Sets the repertoire values must be writable in.
    pub const fn repertoire(mut self, repertoire: Repertoire) -> Self {
        self.repertoire = repertoire;
        self
    }

    /// Sets 桁数.
    pub const fn length(mut self, length: Length) -> Self {
        self.length = Some(length);
        self
    }

    /// Allows one value only.
    pub const fn fixed(mut self, value: &'a str) -> Self {
        self.fixed = Some(value);
        self
    }

    /// Allows the listed values only.
    pub const fn codes(mut self, codes: &'a [&'a str]) -> Self {
        self.codes = codes;
        self
    }

    /// Requires a date or time in `format`.
    pub const fn date(mut self, format: DateFormat) -> Self {
        self.date = Some(format);
        self
    }

    /// Requires the whole value to match a regular expression.
    pub const fn pattern(mut self, pattern: &'a str) -> Self {
        self.pattern = Some(pattern);
        self
    }

    /// Allows these values besides what the other rules allow.
    pub const fn also(mut self, values: &'a [&'a str]) -> Self {
        self.also = values;
        self
    }

    /// 数値: requires a decimal number of at most `integer` integer digits and `fraction` fraction
    /// digits (see [`Decimal`]).
    pub const fn decimal(mut self, integer: u32, fraction: u32) -> Self {
        self.number = Some(Decimal::new(integer, fraction));
        self
    }

    /// 範囲: requires a number within `range`.
    pub const fn range(mut self, range: Range) -> Self {
        self.range = Some(range);
        self
    }
}

/// 数値 with 整数桁 and 小数点以下の桁数: a value is `-?[0-9]{1,integer}(\.[0-9]{1,fraction})?` (no
/// decimal point at all when `fraction` is 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Decimal {
    /// The most integer digits (整数桁).
    pub integer: u32,
    /// The most fraction digits (小数点以下の桁数).
    pub fraction: u32,
}

impl Decimal {
    /// At most `integer` integer digits and `fraction` fraction digits.
    pub const fn new(integer: u32, fraction: u32) -> Self {
        Decimal { integer, fraction }
    }

    /// Whether `value` is such a number.
    pub fn admits(self, value: &str) -> bool {
        match split_number(value) {
            Some((integer, fraction)) => {
                integer <= self.integer as usize && fraction.is_none_or(|f| f <= self.fraction as usize)
            }
            None => false,
        }
    }
}

/// The digit counts of a number written `-?[0-9]+(\.[0-9]+)?`: integer digits, and fraction digits
/// when there is a decimal point.
#[inline]
fn split_number(value: &str) -> Option<(usize, Option<usize>)> {
    let bytes = value.as_bytes();
    let unsigned = match bytes.first() {
        Some(b'-') => &bytes[1..],
        _ => bytes,
    };
    let integer = unsigned.iter().take_while(|b| b.is_ascii_digit()).count();
    if integer == 0 {
        return None;
    }
    match &unsigned[integer..] {
        [] => Some((integer, None)),
        [b'.', fraction @ ..] if !fraction.is_empty() && fraction.iter().all(u8::is_ascii_digit) => {
            Some((integer, Some(fraction.len())))
        }
        _ => None,
    }
}

/// The number `value` writes as `-?[0-9]+(\.[0-9]+)?`, if it is one.
pub(crate) fn parse_number(value: &str) -> Option<f64> {
    split_number(value)?;
    value.parse().ok()
}

/// 範囲: an inclusive range of numbers, either end open. Ranges compare by their bounds' bits, so
/// that every range equals itself (`Eq`) and a rule holding one can be compared.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Range {
    /// The least value allowed; `None`: no lower bound.
    pub min: Option<f64>,
    /// The greatest value allowed; `None`: no upper bound.
    pub max: Option<f64>,
}

impl PartialEq for Range {
    fn eq(&self, other: &Range) -> bool {
        let bits = |bound: Option<f64>| bound.map(f64::to_bits);
        (bits(self.min), bits(self.max)) == (bits(other.min), bits(other.max))
    }
}

impl Eq for Range {}

impl std::hash::Hash for Range {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.min.map(f64::to_bits), self.max.map(f64::to_bits)).hash(state);
    }
}

impl Range {
    /// `min..=max`, either end open when `None`.
    pub const fn new(min: Option<f64>, max: Option<f64>) -> Self {
        Range { min, max }
    }

    /// Whether `value` lies within the range.
    pub fn admits(self, value: f64) -> bool {
        self.min.is_none_or(|min| value >= min) && self.max.is_none_or(|max| value <= max)
    }

    /// Whether `value` writes a number (`-?[0-9]+(\.[0-9]+)?`, any number of digits) within the range.
    pub fn admits_text(self, value: &str) -> bool {
        parse_number(value).is_some_and(|number| self.admits(number))
    }
}

/// 桁数 with 可変長/固定長 and the unit it is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Length {
    /// 桁数.
    pub digits: u32,
    /// 固定長 (exactly `digits`) rather than 可変長 (at most `digits`).
    pub fixed: bool,
    /// What one 桁 is.
    pub unit: LengthUnit,
}

impl Length {
    /// 固定長: exactly `digits`.
    pub const fn fixed(digits: u32, unit: LengthUnit) -> Self {
        Length { digits, fixed: true, unit }
    }

    /// 可変長: at most `digits`.
    pub const fn variable(digits: u32, unit: LengthUnit) -> Self {
        Length { digits, fixed: false, unit }
    }

    /// Whether a value `count` units long satisfies the length.
    pub const fn admits(self, count: usize) -> bool {
        if self.fixed { count == self.digits as usize } else { count <= self.digits as usize }
    }
}

/// What one 桁 counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LengthUnit {
    /// Unicode characters (scalar values): the JSON layouts (取得結果 is 全角文字 2 for 「成功」).
    #[default]
    Chars,
    /// Bytes in MS932: the care-plan CSV files.
    Ms932Bytes,
}

impl LengthUnit {
    /// English name of the unit, plural.
    pub const fn describe(self) -> &'static str {
        match self {
            LengthUnit::Chars => "characters",
            LengthUnit::Ms932Bytes => "MS932 bytes",
        }
    }

    /// Japanese name of the unit.
    pub const fn describe_ja(self) -> &'static str {
        match self {
            LengthUnit::Chars => "文字",
            LengthUnit::Ms932Bytes => "バイト（MS932）",
        }
    }
}
