//! Reading a CSV file into records, one at a time, with every violation located by line and column.
//!
//! One code path reads every file: it splits, decodes and checks each record against the layout's
//! items (`&[Item]`), whether the layout is a type's [`Layout::SHAPE`](crate::Layout::SHAPE) or a
//! [`Shape`] built at run time ([`Reader::with_shape`]). Only the record handed out differs.

use std::fmt;
use std::io::{self, BufReader, Read};
use std::marker::PhantomData;

use super::Record;
use super::parse::{LineEnding, Malformed, Parser, RawRecord};
use crate::error::{Rule, ValidationError, ValidationErrors};
use crate::item::{Item, Shape};
use crate::pointer::Pointer;

/// Reads records of type `T` from MS932 CSV bytes, as an iterator of [`Row`]s.
///
/// Memory stays constant whatever the file's size: one record is held at a time (a quote left open
/// is the exception: the rest of the file becomes one field, as the CSV says). An `Err` is an I/O
/// error of the input; everything wrong with the file's content is a [`Violation`] of its row.
///
/// Line endings may be CR LF or LF (the spec does not say); every record must end its line as the
/// first one does. A UTF-8 byte-order mark is reported and skipped.
///
/// `T` is a [`Record`] type, or [`Untyped`] for a layout known only at run time
/// ([`Reader::with_shape`]), whose rows hold each record as the text of its columns.
pub struct Reader<R, T> {
    /// The layout's items, one per column.
    items: &'static [Item<'static>],
    parser: Parser<BufReader<R>>,
    raw: RawRecord,
    started: bool,
    bom: bool,
    ending: Option<LineEnding>,
    /// For each item, the first record's value when the item must be the same in every record.
    uniform: Vec<Option<(u64, String)>>,
    _record: PhantomData<fn() -> T>,
}

/// The record type of a [`Reader`] whose layout is known only at run time (built from a workbook, as
/// `ltcip-codegen validate` does): its rows hold each record as `Vec<String>`, the text of every
/// column in order (an unreadable field as decoded with U+FFFD in place of the bad bytes, missing
/// fields empty). The reading and every check are those of a typed reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Untyped {}

impl<R, T> fmt::Debug for Reader<R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reader").field("line", &self.raw.line).field("ending", &self.ending).finish_non_exhaustive()
    }
}

impl<R: Read, T: Record> Reader<R, T> {
    /// A reader of `input` (buffered here: pass the file itself).
    pub fn new(input: R) -> Self {
        Self::with_buffer(input, 64 * 1024)
    }

    /// A reader with a read buffer of `capacity` bytes.
    pub fn with_buffer(input: R, capacity: usize) -> Self {
        Self::of_items(input, capacity, T::SHAPE.items)
    }
}

impl<R: Read> Reader<R, Untyped> {
    /// A reader of `input` against a layout known only at run time, e.g. built from a workbook. It reads
    /// and checks exactly as a reader of a generated record type with this shape does.
    ///
    /// The shape is `'static` because the reader's type has no lifetime; a one-shot tool can leak it
    /// (`Box::leak`), a long-running one builds each layout's shape once.
    pub fn with_shape(input: R, shape: &'static Shape<'static>) -> Self {
        Self::with_shape_and_buffer(input, shape, 64 * 1024)
    }

    /// [`Reader::with_shape`] with a read buffer of `capacity` bytes.
    pub fn with_shape_and_buffer(input: R, shape: &'static Shape<'static>, capacity: usize) -> Self {
        Self::of_items(input, capacity, shape.items)
    }
}

impl<R, T> Reader<R, T> {
    /// How the file's first record ended its line (`None` before it is read, or for a file of one
    /// record without a final line break). Pass it to [`super::Writer::line_ending`] to write the file
    /// back as it came.
    pub fn line_ending(&self) -> Option<LineEnding> {
        self.ending
    }
}

/// What a reader hands out for each record: how it is built from the texts of its columns, and how
/// its content is checked against the items.
trait Records {
    type Record;

    fn build(texts: Vec<String>) -> Self::Record;

    fn validate(record: &Self::Record, items: &[Item<'_>], errors: &mut ValidationErrors);

    fn for_each_column(record: &Self::Record, f: &mut dyn FnMut(&str));
}

/// A generated (or derived) record: its own validation, which calls [`Item::check_text`] on each
/// field as [`Untyped`] does on each text.
impl<T: Record> Records for T {
    type Record = T;

    fn build(texts: Vec<String>) -> T {
        T::from_columns(&mut texts.into_iter())
    }

    fn validate(record: &T, _items: &[Item<'_>], errors: &mut ValidationErrors) {
        record.validate_at(&Pointer::Root, errors);
    }

    fn for_each_column(record: &T, f: &mut dyn FnMut(&str)) {
        record.for_each_column(f);
    }
}

/// The texts themselves: each checked against its item, as a record's `String` (or `Option<String>`,
/// whose empty text is `None`, which counts as absent as an empty text does) field is.
impl Records for Untyped {
    type Record = Vec<String>;

    fn build(texts: Vec<String>) -> Vec<String> {
        texts
    }

    fn validate(record: &Vec<String>, items: &[Item<'_>], errors: &mut ValidationErrors) {
        for (item, text) in items.iter().zip(record) {
            item.check_text(text, &Pointer::Root.key(item.key), errors);
        }
    }

    fn for_each_column(record: &Vec<String>, f: &mut dyn FnMut(&str)) {
        record.iter().for_each(|text| f(text));
    }
}

impl<R: Read, T> Reader<R, T> {
    fn of_items(input: R, capacity: usize, items: &'static [Item<'static>]) -> Self {
        Reader {
            items,
            parser: Parser::new(BufReader::with_capacity(capacity.max(1), input)),
            raw: RawRecord::default(),
            started: false,
            bom: false,
            ending: None,
            uniform: vec![None; items.len()],
            _record: PhantomData,
        }
    }

    /// The next row, read and checked with `K`'s records.
    fn next_row<K: Records>(&mut self) -> Option<io::Result<Row<K::Record>>> {
        if !self.started {
            self.started = true;
            match self.parser.skip_utf8_bom() {
                Ok(bom) => self.bom = bom,
                Err(error) => return Some(Err(error)),
            }
        }
        match self.parser.next(&mut self.raw) {
            Ok(true) => Some(Ok(self.row::<K>())),
            Ok(false) => None,
            Err(error) => Some(Err(error)),
        }
    }

    fn row<K: Records>(&mut self) -> Row<K::Record> {
        let items = self.items;
        let line = self.raw.line;
        let mut violations = Vec::new();
        let mut record_level = |rule: Rule| violations.push(Violation::record(line, rule));
        if std::mem::take(&mut self.bom) {
            record_level(Rule::Encoding { detail: "UTF-8 byte-order mark (EF BB BF) at the start of the file".into() });
        }
        if let Some(found) = self.raw.ending {
            match self.ending {
                None => self.ending = Some(found),
                Some(expected) if expected != found => {
                    record_level(Rule::LineEnding { expected: expected.name(), found: found.name() });
                }
                Some(_) => {}
            }
        }
        let found = if self.raw.blank { 0 } else { self.raw.fields().len() };
        let columns_match = found == items.len();
        if !columns_match {
            record_level(Rule::Columns { expected: items.len(), found });
        }
        // One quoting violation per field: the first explains the rest (a quote left open mid-file
        // runs to the next quote, which then looks like text after a closing quote, and so on). A
        // quote left open to the end of the file is the one that explains most.
        let open = self.raw.malformed.iter().find(|(_, m)| *m == Malformed::Unclosed).map(|(c, _)| *c);
        let mut reported: Vec<usize> = Vec::new();
        for &(column, malformed) in &self.raw.malformed {
            if reported.contains(&column) || (open == Some(column) && malformed != Malformed::Unclosed) {
                continue;
            }
            reported.push(column);
            let rule = Rule::Quoting { detail: malformed.describe() };
            violations.push(Violation::at(line, column, items.get(column - 1), rule, None));
        }
        let mut unreadable = vec![false; items.len()];
        let mut texts = Vec::with_capacity(items.len());
        for (index, bytes) in self.raw.fields().iter().take(items.len()).enumerate() {
            texts.push(match decode(bytes) {
                Ok(text) => text,
                Err(detail) => {
                    let lossy = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes).0.into_owned();
                    let rule = Rule::Encoding { detail };
                    violations.push(Violation::at(line, index + 1, items.get(index), rule, Some(&lossy)));
                    unreadable[index] = true;
                    lossy
                }
            });
        }
        texts.resize(items.len(), String::new());
        let record = K::build(texts);
        // A record with missing or extra fields has every later value in the wrong column: checking
        // them against their items would only bury the one real problem.
        if columns_match {
            self.check_content::<K>(&record, line, &unreadable, &mut violations);
        }
        violations.sort_by_key(|v| v.column.unwrap_or(0));
        Row { line, record, violations }
    }

    fn check_content<K: Records>(
        &mut self,
        record: &K::Record,
        line: u64,
        unreadable: &[bool],
        violations: &mut Vec<Violation>,
    ) {
        let items = self.items;
        let mut errors = ValidationErrors::new();
        K::validate(record, items, &mut errors);
        for error in errors {
            let column = column_of(items, error.pointer());
            if column.is_some_and(|c| unreadable[c - 1]) {
                continue;
            }
            violations.push(Violation { line, column, error });
        }
        let mut index = 0;
        let uniform = &mut self.uniform;
        K::for_each_column(record, &mut |text| {
            if let Some(item) = items.get(index).filter(|item| item.uniform) {
                match &uniform[index] {
                    None => uniform[index] = Some((line, text.to_owned())),
                    Some((first_line, first)) if first != text => {
                        let rule = Rule::Uniform { first_line: *first_line, first: first.clone() };
                        violations.push(Violation::at(line, index + 1, Some(item), rule, Some(text)));
                    }
                    Some(_) => {}
                }
            }
            index += 1;
        });
    }
}

impl<R: Read, T: Record> Iterator for Reader<R, T> {
    type Item = io::Result<Row<T>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_row::<T>()
    }
}

impl<R: Read> Iterator for Reader<R, Untyped> {
    type Item = io::Result<Row<Vec<String>>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_row::<Untyped>()
    }
}

/// The field's text, or what makes it unreadable as MS932.
fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(text) = encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(text.into_owned());
    }
    // Find the first byte sequence the decoder rejects, to name it.
    let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    let at = match result {
        encoding_rs::DecoderResult::Malformed(bad, after) => read.saturating_sub(usize::from(bad) + usize::from(after)),
        _ => read,
    }
    .min(bytes.len().saturating_sub(1));
    let shown: Vec<String> = bytes[at..].iter().take(2).map(|b| format!("0x{b:02X}")).collect();
    Err(format!("{} at byte {} of the field is not MS932", shown.join(" "), at + 1))
}

/// The column (from 1) of the item a pointer names.
fn column_of(items: &[Item<'_>], pointer: &str) -> Option<usize> {
    let key = pointer.strip_prefix('/')?;
    items.iter().position(|item| item.key == key).map(|index| index + 1)
}

impl Malformed {
    fn describe(self) -> &'static str {
        match self {
            Malformed::Unclosed => "a quote is left open to the end of the file",
            Malformed::Stray => "a quote inside a field that does not start with one",
            Malformed::AfterClosing => "text between a closing quote and the next comma",
        }
    }
}

/// One record of a file, with what is wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Row<T> {
    line: u64,
    record: T,
    violations: Vec<Violation>,
}

impl<T> Row<T> {
    /// The line (from 1) the record starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The record. With violations it holds what the file had (an unreadable field as decoded with
    /// U+FFFD in place of the bad bytes; missing fields empty).
    pub fn record(&self) -> &T {
        &self.record
    }

    /// The record, taken out of the row.
    pub fn into_record(self) -> T {
        self.record
    }

    /// Every violation in the record, by column.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Whether the record breaks no rule.
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty()
    }
}

/// A violation in a CSV file: where it is (line, column) and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    line: u64,
    column: Option<usize>,
    error: ValidationError,
}

impl Violation {
    fn at(line: u64, column: usize, item: Option<&Item<'_>>, rule: Rule, value: Option<&str>) -> Self {
        let error = match item {
            Some(item) => ValidationError::new(item, &Pointer::Root.key(item.key), rule, value),
            None => ValidationError::document("", rule),
        };
        Violation { line, column: Some(column), error }
    }

    fn record(line: u64, rule: Rule) -> Self {
        Violation { line, column: None, error: ValidationError::document("", rule) }
    }

    /// The line (from 1) the record starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The column (from 1; the item's No.); `None` for what concerns the whole record.
    pub fn column(&self) -> Option<usize> {
        self.column
    }

    /// 項番 (No.) of the item; empty for a record-level violation.
    pub fn item_no(&self) -> &str {
        self.error.item_no()
    }

    /// 日本語名称 of the item; empty for a record-level violation.
    pub fn item_name(&self) -> &str {
        self.error.item_name()
    }

    /// The rule broken.
    pub fn rule(&self) -> &Rule {
        self.error.rule()
    }

    /// The offending value, as quoted in messages.
    pub fn value(&self) -> Option<&str> {
        self.error.value()
    }

    /// The message in Japanese.
    pub fn message_ja(&self) -> String {
        self.error.message_ja()
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        self.error.message_en()
    }

    /// The violation as the record's own validation reports it (pointer to the field).
    pub fn error(&self) -> &ValidationError {
        &self.error
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(column) = self.column {
            write!(f, ", column {column}")?;
        }
        if !self.item_no().is_empty() {
            write!(f, " [{} {}]", self.item_no(), self.item_name())?;
        }
        write!(f, " {}: {}", self.rule().code(), self.message_en())?;
        if let Some(value) = self.value() {
            write!(f, ": {value:?}")?;
        }
        write!(f, " / {}", self.message_ja())
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::{Reader, Untyped};
    use crate::Secret;
    use crate::validate::Layout;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Validate)]
    #[serde(crate = "crate::serde")]
    #[ltcip(csv, name = "TEST")]
    struct Record {
        #[ltcip(no = "1", name = "CSVバージョン", digits = 6, length = "固定長", fixed = "202407", uniform)]
        version: String,
        #[ltcip(no = "2", name = "保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
        insurer: String,
        #[ltcip(no = "3", name = "対象年月", data_type = "半角数字", digits = 6, date = "YYYYMM", uniform)]
        month: String,
        #[ltcip(no = "4", name = "備考", occurs = "0..1", data_type = "全半角文字", digits = 8, free_text)]
        remarks: Option<String>,
        #[ltcip(no = "5", name = "鍵", occurs = "0..1", data_type = "半角英数字", digits = 4, secret)]
        key: Option<Secret>,
    }

    /// A typed reader and an untyped one over the same shape report the same violations, row by row.
    #[test]
    fn untyped_rows_read_as_typed_rows() {
        let (text, _, _) = encoding_rs::SHIFT_JIS.encode(
            "202407,131001,202504,\"山田, \"\"花子\"\"\r\n様\",ab12\r\n\
             202407,13100X,202513,,a-1\r\n\
             202404,131001,202505,abc\"d,\r\n\
             202407,131001\r\n\
             \r\n\
             202407,1310011,202504,１２３４５,abcd\n\
             202407,131001,202504,\"open,\r\n",
        );
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(&text);
        bytes.extend_from_slice(b"202407,\x81\x7F31001,202504,,\r\n");
        let typed: Vec<_> = Reader::<_, Record>::new(&bytes[..]).map(Result::unwrap).collect();
        let untyped: Vec<_> = Reader::<_, Untyped>::with_shape(&bytes[..], Record::SHAPE).map(Result::unwrap).collect();
        assert_eq!(typed.len(), untyped.len());
        let mut rules = Vec::new();
        for (typed, untyped) in typed.iter().zip(&untyped) {
            assert_eq!(typed.line(), untyped.line());
            assert_eq!(typed.violations(), untyped.violations(), "line {}", typed.line());
            let mut texts = Vec::new();
            crate::csv::Record::for_each_column(typed.record(), &mut |t| texts.push(t.to_owned()));
            assert_eq!(&texts, untyped.record(), "line {}", typed.line());
            rules.extend(typed.violations().iter().map(|v| v.rule().code()));
        }
        for rule in ["encoding", "chars", "date", "quoting", "uniform", "fixed", "columns", "line_ending", "length"] {
            assert!(rules.contains(&rule), "{rule} not exercised: {rules:?}");
        }
        // The secret's value stays out of both.
        assert!(untyped.iter().flat_map(|r| r.violations()).all(|v| v.value() != Some("a-1")));
    }
}
