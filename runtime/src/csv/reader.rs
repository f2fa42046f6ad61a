//! Reading a CSV file into records, one at a time, with every violation located by line and column.

use std::fmt;
use std::io::{self, BufReader, Read};
use std::marker::PhantomData;

use super::Record;
use super::parse::{LineEnding, Malformed, Parser, RawRecord};
use crate::error::{Rule, ValidationError, ValidationErrors};
use crate::item::Item;
use crate::pointer::Pointer;

/// Reads records of type `T` from MS932 CSV bytes, as an iterator of [`Row`]s.
///
/// Memory stays constant whatever the file's size: one record is held at a time (a quote left open
/// is the exception: the rest of the file becomes one field, as the CSV says). An `Err` is an I/O
/// error of the input; everything wrong with the file's content is a [`Violation`] of its row.
///
/// Line endings may be CR LF or LF (the spec does not say); every record must end its line as the
/// first one does. A UTF-8 byte-order mark is reported and skipped.
pub struct Reader<R, T> {
    parser: Parser<BufReader<R>>,
    raw: RawRecord,
    started: bool,
    bom: bool,
    ending: Option<LineEnding>,
    /// For each item, the first record's value when the item must be the same in every record.
    uniform: Vec<Option<(u64, String)>>,
    _record: PhantomData<fn() -> T>,
}

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
        Reader {
            parser: Parser::new(BufReader::with_capacity(capacity.max(1), input)),
            raw: RawRecord::default(),
            started: false,
            bom: false,
            ending: None,
            uniform: vec![None; T::SHAPE.items.len()],
            _record: PhantomData,
        }
    }

    /// How the file's first record ended its line (`None` before it is read, or for a file of one
    /// record without a final line break). Pass it to [`super::Writer::line_ending`] to write the file
    /// back as it came.
    pub fn line_ending(&self) -> Option<LineEnding> {
        self.ending
    }

    fn row(&mut self) -> Row<T> {
        let items = T::SHAPE.items;
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
        let record = T::from_columns(&mut texts.into_iter());
        // A record with missing or extra fields has every later value in the wrong column: checking
        // them against their items would only bury the one real problem.
        if columns_match {
            self.check_content(&record, line, &unreadable, &mut violations);
        }
        violations.sort_by_key(|v| v.column.unwrap_or(0));
        Row { line, record, violations }
    }

    fn check_content(&mut self, record: &T, line: u64, unreadable: &[bool], violations: &mut Vec<Violation>) {
        let items = T::SHAPE.items;
        let mut errors = ValidationErrors::new();
        record.validate_at(&Pointer::Root, &mut errors);
        for error in errors {
            let column = column_of(items, error.pointer());
            if column.is_some_and(|c| unreadable[c - 1]) {
                continue;
            }
            violations.push(Violation { line, column, error });
        }
        let mut index = 0;
        let uniform = &mut self.uniform;
        record.for_each_column(&mut |text| {
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
        if !self.started {
            self.started = true;
            match self.parser.skip_utf8_bom() {
                Ok(bom) => self.bom = bom,
                Err(error) => return Some(Err(error)),
            }
        }
        match self.parser.next(&mut self.raw) {
            Ok(true) => Some(Ok(self.row())),
            Ok(false) => None,
            Err(error) => Some(Err(error)),
        }
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
