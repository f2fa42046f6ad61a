//! Violations: where, which item, which rule, and a message in Japanese and English.

use std::fmt;

use crate::chars::{CharClass, Repertoire};
use crate::date::DateFormat;
use crate::item::{Item, LengthUnit, Mode, Range};
use crate::messages::{ListStyle, Message, Messages};
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
        /// What is wrong (`structure.duplicate_member`, or what typed decoding said).
        detail: Message,
    },
    /// The document is not well-formed.
    Syntax {
        /// Line (from 1).
        line: usize,
        /// Column (from 1).
        column: usize,
        /// What the parser said, as a message (`json.trailing_characters` …).
        detail: Message,
    },
    /// The whole value does not match the item's pattern (整数, `XXX-XXXX`, 被保険者番号 ...).
    Pattern {
        /// The regular expression.
        pattern: String,
    },
    /// Bytes of a care-plan field that are not MS932: the text cannot be read as the file says.
    Encoding {
        /// What was found (`encoding.bytes`).
        detail: Message,
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
        /// Which (`quoting.unclosed`, `quoting.stray`, `quoting.after_closing`).
        detail: Message,
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
        /// What is wrong (`header.data_type` …).
        detail: Message,
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
    /// A violation of line 1 or 2 of a named-column CSV file, `detail` saying what is wrong.
    pub fn header(detail: Message) -> Rule {
        Rule::Header { detail }
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

    /// The message of the rule, in no language yet. `secret`: the item is a credential, so the
    /// offending character is not described.
    fn message(&self, secret: bool) -> Message {
        match self {
            Rule::Required => Message::new("required"),
            Rule::Count { min, max, found } => {
                Message::new("count").count("found", *found).text("occurs", occurs_text(*min, *max))
            }
            Rule::Type { expected, found } => {
                Message::new("type").message("expected", json_type(*expected)).message("found", json_type(*found))
            }
            Rule::Chars { class, found, position } => {
                let key = if secret { "chars.secret" } else { "chars" };
                Message::new(key)
                    .text("class", class.spec_name())
                    .message("description", char_class(*class))
                    .message("character", describe_char(*found))
                    .count("position", *position)
            }
            Rule::Repertoire { repertoire, found, position } => {
                let key = if secret {
                    "repertoire.secret"
                } else if crate::ms932::is_private_use(*found) {
                    "repertoire.private_use"
                } else {
                    "repertoire"
                };
                Message::new(key)
                    .text("repertoire", repertoire.name())
                    .message("character", describe_char(*found))
                    .count("position", *position)
            }
            Rule::Length { digits, fixed, unit, found } => {
                Message::new(if *fixed { "length.fixed" } else { "length.max" })
                    .count("digits", *digits)
                    .message("unit", unit_message(*unit, u64::from(*digits)))
                    .count("found", *found)
                    .message("found_unit", unit_message(*unit, u64::try_from(*found).unwrap_or(u64::MAX)))
            }
            Rule::Fixed { expected } => Message::new("fixed").text("expected", expected.clone()),
            Rule::Code { allowed } => Message::new("code").list("codes", ListStyle::Codes, allowed.iter().cloned()),
            Rule::Date { format } => Message::new("date").text("format", format.pattern()),
            Rule::Structure { detail } => Message::new("structure").message("detail", detail.clone()),
            Rule::Syntax { line, column, detail } => {
                Message::new("syntax").count("line", *line).count("column", *column).message("detail", detail.clone())
            }
            Rule::Pattern { pattern } => Message::new("pattern").text("pattern", pattern.clone()),
            Rule::Encoding { detail } => Message::new("encoding").message("detail", detail.clone()),
            Rule::Columns { expected, found } => {
                Message::new("columns").count("found", *found).count("expected", *expected)
            }
            Rule::Quoting { detail } => Message::new("quoting").message("detail", detail.clone()),
            Rule::LineEnding { expected, found } => {
                Message::new("line_ending").text("found", *found).text("expected", *expected)
            }
            Rule::Uniform { first_line, first } => {
                Message::new("uniform").count("line", *first_line).text("first", first.clone())
            }
            Rule::Number { integer, fraction: 0 } => Message::new("number.whole").count("integer", *integer),
            Rule::Number { integer, fraction } => {
                Message::new("number.decimal").count("integer", *integer).count("fraction", *fraction)
            }
            Rule::Range { range: Range { min, max, .. } } => {
                let key = match (min, max) {
                    (Some(_), Some(_)) => "range.between",
                    (Some(_), None) => "range.at_least",
                    (None, Some(_)) => "range.at_most",
                    (None, None) => "range.any",
                };
                Message::new(key)
                    .text("min", min.map(bound).unwrap_or_default())
                    .text("max", max.map(bound).unwrap_or_default())
                    .text("range", range_text(*min, *max))
            }
            Rule::RequiredIn { mode } => Message::new("required_in")
                .text("spec_mode", mode.name_ja())
                .message("mode", Message::new(mode_key(*mode))),
            Rule::RequiredWhen { condition } => Message::new("required_when").text("condition", condition.clone()),
            Rule::Header { detail } => Message::new("header").message("detail", detail.clone()),
            Rule::HeaderColumns { expected, found } => {
                Message::new("header_columns").count("found", *found).count("expected", *expected)
            }
            Rule::Undecodable { encoding, bytes, position, decided_on } => {
                let message = match decided_on {
                    Some(line) => Message::new("undecodable.line").count("line", *line),
                    None => Message::new("undecodable.bom"),
                };
                message.text("encoding", *encoding).text("bytes", bytes.clone()).count("position", *position)
            }
            Rule::FileEncoding { found, allowed, column } => {
                let message = match column {
                    Some(column) => Message::new("file_encoding.column").count("column", *column),
                    None => Message::new("file_encoding.bom"),
                };
                let allowed = match *allowed {
                    "MS932" => Message::new("encodings.ms932"),
                    "UTF-8 or MS932" => Message::new("encodings.utf8_or_ms932"),
                    other => Message::new("list.plain.item").text("item", other),
                };
                message.text("found", *found).message("allowed", allowed)
            }
            Rule::RecordTooLarge { limit, open_quote } => {
                let message = match open_quote {
                    Some(column) => Message::new("record_too_large.open_quote").count("column", *column),
                    None => Message::new("record_too_large"),
                };
                message.count("limit", *limit)
            }
            Rule::ValueTooLarge { limit } => Message::new("value_too_large").count("limit", *limit),
            Rule::TokenTooLong { limit, offset } => {
                Message::new("token_too_long").count("limit", *limit).count("offset", *offset)
            }
            Rule::UnknownMember { key } => Message::new("unknown_member").text("key", key.clone()),
            Rule::EmptyOptional => Message::new("empty_optional"),
        }
    }
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

fn mode_key(mode: Mode) -> &'static str {
    match mode {
        Mode::Draft => "mode.draft",
        Mode::Final => "mode.final",
    }
}

fn json_type(value: JsonType) -> Message {
    Message::new(match value {
        JsonType::Null => "json_type.null",
        JsonType::Boolean => "json_type.boolean",
        JsonType::Number => "json_type.number",
        JsonType::String => "json_type.string",
        JsonType::Array => "json_type.array",
        JsonType::Object => "json_type.object",
    })
}

fn char_class(class: CharClass) -> Message {
    Message::new(match class {
        CharClass::HalfDigits => "char_class.half_digits",
        CharClass::HalfAlphanumeric => "char_class.half_alphanumeric",
        CharClass::Half => "char_class.half",
        CharClass::Full => "char_class.full",
        CharClass::Mixed => "char_class.mixed",
    })
}

/// The unit of a length, for `count` of them.
fn unit_message(unit: LengthUnit, count: u64) -> Message {
    let key = match unit {
        LengthUnit::Chars => "unit.chars",
        LengthUnit::Ms932Bytes => "unit.ms932_bytes",
    };
    Message::new(key).count("count", count)
}

fn occurs_text(min: u32, max: Option<u32>) -> String {
    match max {
        Some(max) => format!("{min}..{max}"),
        None => format!("{min}..n"),
    }
}

/// A character as messages name it: `'a' (U+0061)`, `control character U+0009`.
pub(crate) fn describe_char(c: char) -> Message {
    let code = format!("{:04X}", c as u32);
    if c.is_control() {
        Message::new("char.control").text("code", code)
    } else {
        Message::new("char.visible").text("char", c.to_string()).text("code", code)
    }
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

    /// The message, in no language yet: render it with a table of [`crate::messages`].
    pub fn message(&self) -> Message {
        self.rule.message(self.secret)
    }

    /// The message in `table`'s language (a vendor's table, or a third language).
    pub fn message_in(&self, table: &Messages) -> String {
        self.message().render(table)
    }

    /// The message in Japanese.
    pub fn message_ja(&self) -> String {
        self.message_in(Messages::japanese())
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        self.message_in(Messages::english())
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
