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
}

impl<'a> Shape<'a> {
    /// A layout of `items`.
    pub const fn new(name: &'a str, items: &'a [Item<'a>]) -> Self {
        Shape { name, items }
    }
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
}

impl<'a> Item<'a> {
    /// An item; `occurs` is 出現回数 as the spec writes it.
    pub const fn new(no: &'a str, name: &'a str, key: &'a str, occurs: Occurs, kind: Kind<'a>) -> Self {
        Item { no, name, key, occurs, kind, secret: false, free_text: false, uniform: false }
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
