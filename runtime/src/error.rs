//! Violations: where, which item, which rule, and a message in Japanese and English.

use std::fmt;

use crate::chars::{CharClass, Repertoire};
use crate::date::DateFormat;
use crate::item::{Item, LengthUnit, Mode, Range};
use crate::pointer::Pointer;

/// The JSON type of a value, for [`Rule::Type`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JsonType {
    /// `null`.
    Null,
    /// `true` or `false`.
    Boolean,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl JsonType {
    /// The type of `value`.
    pub fn of(value: &serde_json::Value) -> JsonType {
        match value {
            serde_json::Value::Null => JsonType::Null,
            serde_json::Value::Bool(_) => JsonType::Boolean,
            serde_json::Value::Number(_) => JsonType::Number,
            serde_json::Value::String(_) => JsonType::String,
            serde_json::Value::Array(_) => JsonType::Array,
            serde_json::Value::Object(_) => JsonType::Object,
        }
    }

    /// English name.
    pub const fn name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "a boolean",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        }
    }

    /// Japanese name.
    pub const fn name_ja(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "真偽値",
            JsonType::Number => "数値",
            JsonType::String => "文字列",
            JsonType::Array => "配列",
            JsonType::Object => "オブジェクト",
        }
    }
}

/// The rule a value breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// 出現回数 最小 ≥ 1 and the item is absent, `null` or empty.
    Required,
    /// An array holds a number of elements outside 出現回数.
    Count {
        /// 最小.
        min: u32,
        /// 最大 (`None`: unbounded).
        max: Option<u32>,
        /// Elements found.
        found: usize,
    },
    /// A value of the wrong JSON type (a number where a string is due).
    Type {
        /// What the layout expects.
        expected: JsonType,
        /// What the payload holds.
        found: JsonType,
    },
    /// A character the データ型 does not allow.
    Chars {
        /// The データ型.
        class: CharClass,
        /// The first offending character; U+FFFD for a secret item (the character is withheld).
        found: char,
        /// Its position in the value, counting characters from 1.
        position: usize,
    },
    /// A character the repertoire cannot carry (outside MS932, or a user-defined 外字).
    Repertoire {
        /// The repertoire.
        repertoire: Repertoire,
        /// The first offending character; U+FFFD for a secret item (the character is withheld).
        found: char,
        /// Its position in the value, counting characters from 1.
        position: usize,
    },
    /// 桁数 exceeded (可変長) or not met exactly (固定長).
    Length {
        /// 桁数.
        digits: u32,
        /// 固定長.
        fixed: bool,
        /// The unit counted.
        unit: LengthUnit,
        /// The length found, in `unit`.
        found: usize,
    },
    /// A value other than the one fixed by フォーマット.
    Fixed {
        /// The fixed value.
        expected: String,
    },
    /// A value outside the code list.
    Code {
        /// The codes allowed.
        allowed: Vec<String>,
    },
    /// Not a real date or time in the format.
    Date {
        /// The format.
        format: DateFormat,
    },
    /// The document does not match the layout in a way no item rule names (e.g. a duplicated member).
    Structure {
        /// What the parser said.
        detail: String,
    },
    /// The document is not well-formed.
    Syntax {
        /// Line (from 1).
        line: usize,
        /// Column (from 1).
        column: usize,
        /// What the parser said.
        detail: String,
    },
    /// The whole value does not match the item's pattern (整数, `XXX-XXXX`, 被保険者番号 ...).
    Pattern {
        /// The regular expression.
        pattern: String,
    },
    /// Bytes of a care-plan field that are not MS932: the text cannot be read as the file says.
    Encoding {
        /// What was found.
        detail: String,
    },
    /// A CSV record with another number of fields than the layout has items.
    Columns {
        /// Items of the layout.
        expected: usize,
        /// Fields in the record.
        found: usize,
    },
    /// Broken CSV quoting: a quote left open, a quote inside an unquoted field, text after a closing quote.
    Quoting {
        /// Which.
        detail: &'static str,
    },
    /// A record ends its line differently from the first record of the file.
    LineEnding {
        /// The first record's line ending (`CR LF`, `LF` or `CR`).
        expected: &'static str,
        /// This record's.
        found: &'static str,
    },
    /// A value that must be the same in every record of a file differs from the first record's.
    Uniform {
        /// The line of the first record.
        first_line: u64,
        /// Its value.
        first: String,
    },
    /// Not a decimal number of the item's 数値 digits (see [`crate::Decimal`]).
    Number {
        /// The most integer digits (整数桁).
        integer: u32,
        /// The most fraction digits (小数点以下の桁数).
        fraction: u32,
    },
    /// Not a number within the item's 範囲 (a value that is no number at all included).
    Range {
        /// The range.
        range: Range,
    },
    /// The item is absent or empty, and the spec requires it in the mode the record was checked in
    /// (LIFE's ○: required on 確定取込).
    RequiredIn {
        /// The mode the record was checked in.
        mode: Mode,
    },
    /// The item is absent or empty, and other items of the record hold values that make it required
    /// (LIFE's ●).
    RequiredWhen {
        /// The condition, with the items' Japanese names: `施設／通所・居宅区分＝1 かつ 経口摂取＝1または2`.
        condition: String,
    },
    /// Line 1 or 2 of a named-column CSV file (the data type, the item names) is wrong.
    #[non_exhaustive]
    Header {
        /// What is wrong, in English.
        detail: String,
        /// What is wrong, in Japanese.
        detail_ja: String,
    },
    /// A record of a named-column CSV file has another number of fields than its line 2 has names.
    HeaderColumns {
        /// Names on line 2.
        expected: usize,
        /// Fields in the record.
        found: usize,
    },
    /// Bytes of a named-column CSV field that are not in the encoding the file was found to be in
    /// (UTF-8 or MS932, decided by a byte-order mark or by the first field holding non-ASCII bytes).
    Undecodable {
        /// The file's encoding: `"UTF-8"` or `"MS932"`.
        encoding: &'static str,
        /// The first offending bytes, as `0x82 0xA0`.
        bytes: String,
        /// Where they start in the field, counting bytes from 1.
        position: usize,
        /// The line of the field that decided the encoding; `None` when a byte-order mark did.
        decided_on: Option<u64>,
    },
    /// A CSV file as a whole is in an encoding its layout does not allow: a care-plan file (MS932
    /// only) that starts with a UTF-8 byte-order mark or whose first field holding non-ASCII bytes is
    /// UTF-8 text, or any file that starts with a UTF-16 byte-order mark. Reported once, on the record
    /// where it was found; the rest of the file is read in the encoding found.
    FileEncoding {
        /// What the file looks like: `"UTF-8"`, `"UTF-16LE"` or `"UTF-16BE"`.
        found: &'static str,
        /// What the layout allows: `"MS932"`, or `"UTF-8 or MS932"` (LIFE).
        allowed: &'static str,
        /// The column (from 1) of the field whose bytes told; `None` when a byte-order mark did.
        column: Option<usize>,
    },
    /// A CSV record larger than the reader's limit ([`crate::csv::Reader::max_record_bytes`]): its
    /// fields are not kept or checked, and reading resumes after the next line break.
    RecordTooLarge {
        /// The limit, in bytes (a record may have `limit / 16` fields).
        limit: usize,
        /// The column (from 1) whose opening quote was still open when the limit was reached (a
        /// quote left open makes the rest of the file one record).
        open_quote: Option<usize>,
    },
    /// A JSON value larger than the streaming validator's limit
    /// ([`crate::json::stream::Validator::max_value_bytes`]): it is not held, and not checked beyond
    /// its type.
    ValueTooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// A JSON string or number longer than the streaming validator's limit: reading stops there (the
    /// parser holds a string, and the digits of a long number, whole), as at a syntax error.
    TokenTooLong {
        /// The limit, in bytes.
        limit: usize,
        /// Where the string or number starts in the document, counting bytes from 0.
        offset: u64,
    },
    /// A member the layout does not name, in a document decoded strictly
    /// ([`crate::json::Options::unknown_members`]).
    UnknownMember {
        /// The member's name.
        key: String,
    },
    /// An empty string for an optional item, in a document decoded strictly
    /// ([`crate::json::Options::empty_optional`]): the member should be omitted (or `null`).
    EmptyOptional,
}

impl Rule {
    /// A violation of line 1 or 2 of a named-column CSV file, described in English and Japanese.
    pub fn header(detail: impl Into<String>, detail_ja: impl Into<String>) -> Rule {
        Rule::Header { detail: detail.into(), detail_ja: detail_ja.into() }
    }
}

impl Rule {
    /// A stable short name for the rule, for machine-readable output and tests.
    pub const fn code(&self) -> &'static str {
        match self {
            Rule::Required => "required",
            Rule::Count { .. } => "count",
            Rule::Type { .. } => "type",
            Rule::Chars { .. } => "chars",
            Rule::Repertoire { .. } => "repertoire",
            Rule::Length { .. } => "length",
            Rule::Fixed { .. } => "fixed",
            Rule::Code { .. } => "code",
            Rule::Date { .. } => "date",
            Rule::Structure { .. } => "structure",
            Rule::Syntax { .. } => "syntax",
            Rule::Pattern { .. } => "pattern",
            Rule::Encoding { .. } => "encoding",
            Rule::Columns { .. } => "columns",
            Rule::Quoting { .. } => "quoting",
            Rule::LineEnding { .. } => "line_ending",
            Rule::Uniform { .. } => "uniform",
            Rule::Number { .. } => "number",
            Rule::Range { .. } => "range",
            Rule::RequiredIn { .. } | Rule::RequiredWhen { .. } => "required",
            Rule::Header { .. } => "header",
            Rule::HeaderColumns { .. } => "columns",
            Rule::Undecodable { .. } | Rule::FileEncoding { .. } => "encoding",
            Rule::RecordTooLarge { .. } | Rule::ValueTooLarge { .. } | Rule::TokenTooLong { .. } => "size",
            Rule::UnknownMember { .. } => "structure",
            Rule::EmptyOptional => "empty",
        }
    }

    /// `secret`: the item is a credential, so the offending character is not described.
    fn message_en(&self, secret: bool) -> String {
        match self {
            Rule::Required => "is required (出現回数 minimum 1) but absent or empty".to_owned(),
            Rule::Count { min, max, found } => {
                format!("holds {found} elements; 出現回数 allows {}", occurs_text(*min, *max))
            }
            Rule::Type { expected, found } => {
                format!("must be {}, found {}", expected.name(), found.name())
            }
            Rule::Chars { class, position, .. } if secret => format!(
                "contains a character (not shown: the item is secret) at character {position}, which {class} ({}) \
                 does not allow",
                class.describe()
            ),
            Rule::Chars { class, found, position } => format!(
                "contains {} at character {position}, which {class} ({}) does not allow",
                describe_char(*found),
                class.describe()
            ),
            Rule::Repertoire { repertoire, position, .. } if secret => format!(
                "contains a character (not shown: the item is secret) at character {position}, which cannot be \
                 written in {repertoire}"
            ),
            Rule::Repertoire { repertoire, found, position } => format!(
                "contains {} at character {position}, which {}",
                describe_char(*found),
                if crate::ms932::is_private_use(*found) {
                    format!("is a user-defined character (外字), not allowed in {repertoire}")
                } else {
                    format!("cannot be written in {repertoire}")
                }
            ),
            Rule::Length { digits, fixed: true, unit, found } => {
                format!("must be exactly {digits} {} (固定長), found {found}", unit.describe())
            }
            Rule::Length { digits, fixed: false, unit, found } => {
                format!("must be at most {digits} {} (可変長), found {found}", unit.describe())
            }
            Rule::Fixed { expected } => format!("must be {expected:?} (固定)"),
            Rule::Code { allowed } => format!("must be one of {}", quote_all(allowed)),
            Rule::Date { format } => format!("is not a real date/time in the format {format}"),
            Rule::Structure { detail } => format!("does not match the layout: {detail}"),
            Rule::Syntax { line, column, detail } => {
                format!("is not well-formed at line {line}, column {column}: {detail}")
            }
            Rule::Pattern { pattern } => format!("does not match the pattern {pattern}"),
            Rule::Encoding { detail } => format!("cannot be read as MS932: {detail}"),
            Rule::Columns { expected, found } => {
                format!("has {found} fields; the layout has {expected} items")
            }
            Rule::Quoting { detail } => format!("is not quoted correctly: {detail}"),
            Rule::LineEnding { expected, found } => {
                format!("ends with {found}; the file's first record ends with {expected}")
            }
            Rule::Uniform { first_line, first } => {
                format!("must be the same in every record of a file; line {first_line} has {first:?}")
            }
            Rule::Number { integer, fraction: 0 } => {
                format!("must be a whole number of at most {} (数値 {integer})", plural(*integer, "digit"))
            }
            Rule::Number { integer, fraction } => format!(
                "must be a decimal number with at most {} and {} (数値 {integer}.{fraction})",
                plural(*integer, "integer digit"),
                plural(*fraction, "decimal")
            ),
            Rule::Range { range: Range { min, max, .. } } => {
                let what = match (min, max) {
                    (Some(min), Some(max)) => format!("from {} to {}", bound(*min), bound(*max)),
                    (Some(min), None) => format!("of at least {}", bound(*min)),
                    (None, Some(max)) => format!("of at most {}", bound(*max)),
                    (None, None) => String::new(),
                };
                let space = if what.is_empty() { "" } else { " " };
                format!("must be a number{space}{what} (範囲 {})", range_text(*min, *max))
            }
            Rule::RequiredIn { mode } => {
                format!("is required on {} ({}) but absent or empty", mode.name_ja(), describe_mode(*mode))
            }
            Rule::RequiredWhen { condition } => format!("is required when {condition}, but absent or empty"),
            Rule::Header { detail, .. } => detail.clone(),
            Rule::HeaderColumns { expected, found } => {
                format!("has {found} fields; line 2 names {expected} columns")
            }
            Rule::Undecodable { encoding, bytes, position, decided_on } => {
                let why = match decided_on {
                    Some(line) => format!("the file reads as {encoding} from line {line}"),
                    None => "the file starts with a UTF-8 byte-order mark".to_owned(),
                };
                format!(
                    "cannot be read as {encoding}: {bytes} at byte {position} of the field is not {encoding} ({why})"
                )
            }
            Rule::FileEncoding { found, allowed, column } => {
                let why = match column {
                    Some(column) => format!("column {column} holds {found} text"),
                    None => format!("it starts with a {found} byte-order mark"),
                };
                format!(
                    "the file looks like {found} ({why}), but files of this layout are {allowed}; the rest of the \
                     file is read as {found}, and this is reported once"
                )
            }
            Rule::RecordTooLarge { limit, open_quote } => {
                let quote = match open_quote {
                    Some(column) => format!(
                        " (the quote opened in column {column} is still open: a quote left open makes the rest of \
                         the file one record)"
                    ),
                    None => String::new(),
                };
                format!(
                    "is larger than the reader's limit of {limit} bytes{quote}; its fields are not kept or checked, \
                     and reading resumes after the next line break"
                )
            }
            Rule::ValueTooLarge { limit } => {
                format!("is larger than the limit of {limit} bytes: it is not held, and not checked beyond its type")
            }
            Rule::TokenTooLong { limit, offset } => format!(
                "holds a string or number, starting at byte {offset}, longer than the limit of {limit} bytes; \
                 reading stopped there"
            ),
            Rule::UnknownMember { key } => format!("is a member {key:?} that the layout does not name"),
            Rule::EmptyOptional => {
                "is an empty string; an optional item without a value is omitted (or null), not empty".to_owned()
            }
        }
    }

    fn message_ja(&self, secret: bool) -> String {
        match self {
            Rule::Required => "必須項目が設定されていません".to_owned(),
            Rule::Count { min, max, found } => {
                format!("要素数が{found}件です（出現回数 {}）", occurs_text(*min, *max))
            }
            Rule::Type { expected, found } => {
                format!("{}であるべきところが{}です", expected.name_ja(), found.name_ja())
            }
            Rule::Chars { class, position, .. } if secret => {
                format!(
                    "データ型「{class}」に使えない文字が{position}文字目にあります（秘匿項目のため文字は表示しません）"
                )
            }
            Rule::Chars { class, found, position } => {
                format!("データ型「{class}」に使えない文字{}が{position}文字目にあります", describe_char_ja(*found))
            }
            Rule::Repertoire { repertoire, position, .. } if secret => {
                format!("{repertoire}で表せない文字が{position}文字目にあります（秘匿項目のため文字は表示しません）")
            }
            Rule::Repertoire { repertoire, found, position } => {
                let what = if crate::ms932::is_private_use(*found) { "外字" } else { "表せない文字" };
                format!("{repertoire}で{what}{}が{position}文字目にあります", describe_char_ja(*found))
            }
            Rule::Length { digits, fixed: true, unit, found } => {
                format!("桁数は{digits}{}固定ですが{found}{}です", unit.describe_ja(), unit.describe_ja())
            }
            Rule::Length { digits, fixed: false, unit, found } => {
                format!("桁数は{digits}{}以内ですが{found}{}です", unit.describe_ja(), unit.describe_ja())
            }
            Rule::Fixed { expected } => format!("値は「{expected}」固定です"),
            Rule::Code { allowed } => format!("値は{}のいずれかです", quote_all(allowed)),
            Rule::Date { format } => format!("書式{format}の正しい日付・時刻ではありません"),
            Rule::Structure { detail } => format!("レイアウトに合いません: {detail}"),
            Rule::Syntax { line, column, detail } => {
                format!("{line}行{column}桁目で構文が正しくありません: {detail}")
            }
            Rule::Pattern { pattern } => format!("形式（{pattern}）に合いません"),
            Rule::Encoding { detail } => format!("MS932として読めません: {detail}"),
            Rule::Columns { expected, found } => {
                format!("項目数が{found}です（レイアウトは{expected}項目）")
            }
            Rule::Quoting { detail } => format!("ダブルクォーテーションの使い方が正しくありません: {detail}"),
            Rule::LineEnding { expected, found } => {
                format!("改行コードが{found}です（ファイルの先頭レコードは{expected}）")
            }
            Rule::Uniform { first_line, first } => {
                format!("ファイル内の全レコードで同じ値でなければなりません（{first_line}行目は「{first}」）")
            }
            Rule::Number { integer, fraction: 0 } => format!("{integer}桁以内の整数ではありません（数値 {integer}）"),
            Rule::Number { integer, fraction } => {
                format!(
                    "整数部{integer}桁以内・小数部{fraction}桁以内の数値ではありません（数値 {integer}.{fraction}）"
                )
            }
            Rule::Range { range: Range { min, max, .. } } => {
                let what = match (min, max) {
                    (Some(min), Some(max)) => format!("{}～{}の", bound(*min), bound(*max)),
                    (Some(min), None) => format!("{}以上の", bound(*min)),
                    (None, Some(max)) => format!("{}以下の", bound(*max)),
                    (None, None) => String::new(),
                };
                format!("{what}数値ではありません（範囲 {}）", range_text(*min, *max))
            }
            Rule::RequiredIn { mode } => format!("{}時は必須です", mode.name_ja()),
            Rule::RequiredWhen { condition } => format!("{condition}の場合は必須です"),
            Rule::Header { detail_ja, .. } => format!("ヘッダーが正しくありません: {detail_ja}"),
            Rule::HeaderColumns { expected, found } => {
                format!("項目数が{found}です（2行目の項目名は{expected}個）")
            }
            Rule::Undecodable { encoding, bytes, position, decided_on } => {
                let why = match decided_on {
                    Some(line) => format!("このファイルは{line}行目から{encoding}として読んでいます"),
                    None => "このファイルはUTF-8のBOMで始まっています".to_owned(),
                };
                format!(
                    "{encoding}として読めません: 項目の{position}バイト目 {bytes} は{encoding}ではありません（{why}）"
                )
            }
            Rule::FileEncoding { found, allowed, column } => {
                let why = match column {
                    Some(column) => format!("{column}列目が{found}の文字です"),
                    None => format!("{found}のBOMで始まっています"),
                };
                let allowed = if *allowed == "MS932" { "MS932" } else { "UTF-8かMS932" };
                format!(
                    "ファイルが{found}で書かれているようです（{why}）。このレイアウトのファイルは{allowed}です。\
                     以降は{found}として読み、この指摘は繰り返しません"
                )
            }
            Rule::RecordTooLarge { limit, open_quote } => {
                let quote = match open_quote {
                    Some(column) => format!("（{column}列目で開いたダブルクォーテーションが閉じられていません）"),
                    None => String::new(),
                };
                format!(
                    "レコードが上限の{limit}バイトを超えています{quote}。項目は保持も検査もせず、次の改行の後から読み直します"
                )
            }
            Rule::ValueTooLarge { limit } => {
                format!("値が上限の{limit}バイトを超えています（値は保持せず、型のほかは検査しません）")
            }
            Rule::TokenTooLong { limit, offset } => {
                format!(
                    "{offset}バイト目から始まる文字列または数値が上限の{limit}バイトを超えています（ここで読み取りを止めました）"
                )
            }
            Rule::UnknownMember { key } => format!("レイアウトにないメンバー「{key}」です"),
            Rule::EmptyOptional => {
                "空文字列です（任意項目に値がないときは空文字列でなく、メンバーを省略するかnullにします）".to_owned()
            }
        }
    }
}

/// `1 digit`, `3 digits`.
fn plural(count: u32, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

/// A bound as the spec writes it: `0`, `100`, `0.5`, `-1.5` (no trailing `.0`).
fn bound(value: f64) -> String {
    // `Display` writes an integral f64 without a fraction and never in exponent form.
    format!("{value}")
}

/// `0～100`, `0～`, `～100`.
fn range_text(min: Option<f64>, max: Option<f64>) -> String {
    format!("{}～{}", min.map(bound).unwrap_or_default(), max.map(bound).unwrap_or_default())
}

fn describe_mode(mode: Mode) -> &'static str {
    match mode {
        Mode::Draft => "provisional import",
        Mode::Final => "final import",
    }
}

fn occurs_text(min: u32, max: Option<u32>) -> String {
    match max {
        Some(max) => format!("{min}..{max}"),
        None => format!("{min}..n"),
    }
}

fn quote_all(values: &[String]) -> String {
    values.iter().map(|v| format!("「{v}」")).collect::<Vec<_>>().join("")
}

fn describe_char(c: char) -> String {
    if c.is_control() { format!("control character U+{:04X}", c as u32) } else { format!("'{c}' (U+{:04X})", c as u32) }
}

fn describe_char_ja(c: char) -> String {
    if c.is_control() { format!("制御文字 U+{:04X}", c as u32) } else { format!("「{c}」(U+{:04X})", c as u32) }
}

/// What a secret item's violation holds in place of the offending character (U+FFFD REPLACEMENT
/// CHARACTER): even one character of a credential does not belong in a log.
const WITHHELD: char = '\u{FFFD}';

/// Longest part of a value quoted in a message; longer values are cut, with their full length given.
const QUOTED_VALUE_CHARS: usize = 80;

/// One violation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    pointer: String,
    item_no: String,
    item_name: String,
    rule: Rule,
    value: Option<String>,
    /// The item is a credential: nothing of its value is kept, and messages do not describe it.
    secret: bool,
}

impl ValidationError {
    /// A violation of `rule` by the item described by `item` at `at`. `value` is the offending value,
    /// when quoting it helps. For a secret item the value is dropped and the offending character of a
    /// `chars` or `repertoire` rule is replaced by U+FFFD.
    pub fn new(item: &Item<'_>, at: &Pointer<'_>, rule: Rule, value: Option<&str>) -> Self {
        let secret = item.secret;
        ValidationError {
            pointer: at.to_string(),
            item_no: item.no.to_owned(),
            item_name: item.name.to_owned(),
            rule: if secret { withhold(rule) } else { rule },
            value: if secret { None } else { value.map(quote_value) },
            secret,
        }
    }

    /// A violation that belongs to no item (the document as a whole, or a part no item describes).
    pub fn document(pointer: impl Into<String>, rule: Rule) -> Self {
        ValidationError {
            pointer: pointer.into(),
            item_no: String::new(),
            item_name: String::new(),
            rule,
            value: None,
            secret: false,
        }
    }

    /// RFC 6901 JSON Pointer to the value (`/body/1/care_insurer_number`; `""` for the document).
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// 項番 of the item (`"09"`); empty for a document-level violation.
    pub fn item_no(&self) -> &str {
        &self.item_no
    }

    /// 項目名（日本語） of the item; empty for a document-level violation.
    pub fn item_name(&self) -> &str {
        &self.item_name
    }

    /// The rule broken.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }

    /// The offending value, as quoted in messages (cut to 80 characters); `None` for secrets,
    /// absent values and structural violations.
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// The message in Japanese.
    pub fn message_ja(&self) -> String {
        self.rule.message_ja(self.secret)
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        self.rule.message_en(self.secret)
    }
}

/// The rule with the offending character of a secret value taken out.
fn withhold(rule: Rule) -> Rule {
    match rule {
        Rule::Chars { class, position, .. } => Rule::Chars { class, found: WITHHELD, position },
        Rule::Repertoire { repertoire, position, .. } => Rule::Repertoire { repertoire, found: WITHHELD, position },
        other => other,
    }
}

fn quote_value(value: &str) -> String {
    let total = value.chars().count();
    if total <= QUOTED_VALUE_CHARS {
        return value.to_owned();
    }
    let cut: String = value.chars().take(QUOTED_VALUE_CHARS).collect();
    format!("{cut}… ({total} characters)")
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() { "(document)" } else { &self.pointer };
        write!(f, "{pointer}")?;
        if !self.item_no.is_empty() || !self.item_name.is_empty() {
            write!(f, " [{} {}]", self.item_no, self.item_name)?;
        }
        write!(f, " {}: {}", self.rule.code(), self.message_en())?;
        match (&self.value, &self.rule) {
            // A wrongly typed value is quoted as the JSON it was, not as a string.
            (Some(value), Rule::Type { .. }) => write!(f, ": {value}")?,
            (Some(value), _) => write!(f, ": {value:?}")?,
            (None, _) => {}
        }
        write!(f, " / {}", self.message_ja())
    }
}

impl std::error::Error for ValidationError {}

/// Every violation found in one value, in layout order (see [`crate::Validate::validate`]), and the
/// [`Mode`] the checks that fill it run in.
///
/// Two collections are equal when they hold the same violations, whatever their modes.
#[derive(Clone, Debug, Default)]
pub struct ValidationErrors {
    errors: Vec<ValidationError>,
    mode: Mode,
}

impl PartialEq for ValidationErrors {
    fn eq(&self, other: &ValidationErrors) -> bool {
        self.errors == other.errors
    }
}

impl Eq for ValidationErrors {}

impl ValidationErrors {
    /// No violation yet; checks run in [`Mode::Final`].
    pub const fn new() -> Self {
        ValidationErrors::with_mode(Mode::Final)
    }

    /// No violation yet; checks run in `mode` (which of the spec's 必須 marks apply).
    pub const fn with_mode(mode: Mode) -> Self {
        ValidationErrors { errors: Vec::new(), mode }
    }

    /// The mode the checks run in.
    pub const fn mode(&self) -> Mode {
        self.mode
    }

    /// Records a violation.
    pub fn push(&mut self, error: ValidationError) {
        self.errors.push(error);
    }

    /// The violations, in the order found.
    pub fn iter(&self) -> std::slice::Iter<'_, ValidationError> {
        self.errors.iter()
    }

    /// How many violations.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Ok(())` when empty, else `Err(self)`.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.errors.is_empty() { Ok(()) } else { Err(self) }
    }

    /// Takes the violations out, leaving the collection empty (its mode kept).
    pub(crate) fn drain(&mut self) -> std::vec::Drain<'_, ValidationError> {
        self.errors.drain(..)
    }

    /// Appends the violations of `other`.
    pub fn extend(&mut self, other: ValidationErrors) {
        self.errors.extend(other.errors);
    }
}

impl From<ValidationError> for ValidationErrors {
    fn from(error: ValidationError) -> Self {
        ValidationErrors { errors: vec![error], mode: Mode::Final }
    }
}

impl IntoIterator for ValidationErrors {
    type Item = ValidationError;
    type IntoIter = std::vec::IntoIter<ValidationError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a ValidationError;
    type IntoIter = std::slice::Iter<'a, ValidationError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.errors.len() {
            1 => write!(f, "1 violation")?,
            n => write!(f, "{n} violations")?,
        }
        for error in &self.errors {
            write!(f, "\n  {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}
