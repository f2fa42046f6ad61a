//! Reading a CSV file into records, one at a time, with every violation located by line and column.
//!
//! One code path reads every file: it splits, decodes and checks each record's texts against the
//! layout's items (`&[Item]`), whether the layout is a type's [`Layout::SHAPE`](crate::Layout::SHAPE)
//! or a [`Shape`] built at run time ([`Reader::with_shape`]); only then is the record handed out built
//! (or, for [`Reader::next_row`], refilled) from those texts.
//!
//! A record that is its line, quoted simply, is decoded whole and split as text
//! ([`Parser::peek_line`]); any other goes through the tokenizer, which reports what is wrong. Both
//! read the same fields.

use std::fmt;
use std::io::{self, BufReader, Read};
use std::marker::PhantomData;

use super::parse::{LineEnding, Malformed, Parser, RawRecord, split_simple};
use super::{Columns, Record, field_text};
use crate::check::same;
use crate::error::{Rule, ValidationError, ValidationErrors};
use crate::item::{Item, Shape};
use crate::pointer::Pointer;

/// Reads records of type `T` from MS932 CSV bytes, as an iterator of [`Row`]s, or one lent row at a
/// time with [`Reader::next_row`] (no allocation per record: the way to check a large file).
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
    /// The current record's texts.
    fields: Fields,
    /// The items whose value must be the same in every record (by index), with the first record's
    /// line and value.
    uniform: Vec<(usize, Option<(u64, String)>)>,
    /// The row [`Reader::next_row`] lends, kept to be refilled.
    row: Option<Row<T>>,
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

/// What a reader hands out for each record, built from the texts of its columns (every check runs on
/// those texts, against the layout's items, before a record is built).
trait Records {
    type Record;

    fn build(texts: Columns<'_>) -> Self::Record;
}

impl<T: Record> Records for T {
    type Record = T;

    fn build(mut texts: Columns<'_>) -> T {
        T::from_columns(&mut texts)
    }
}

/// The texts themselves (an empty text stands for an absent value, as an empty field does).
impl Records for Untyped {
    type Record = Vec<String>;

    fn build(texts: Columns<'_>) -> Vec<String> {
        texts.map(str::to_owned).collect()
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
            fields: Fields::default(),
            row: None,
            uniform: items
                .iter()
                .enumerate()
                .filter(|(_, item)| item.uniform)
                .map(|(index, _)| (index, None))
                .collect(),
            _record: PhantomData,
        }
    }

    /// Reads the next record and checks it: its line and its violations into `violations`, its
    /// texts into `self.fields`. `Ok(None)` at the end of the input.
    fn read_checked(&mut self, violations: &mut Vec<Violation>) -> io::Result<Option<u64>> {
        if !self.started {
            self.started = true;
            self.bom = self.parser.skip_utf8_bom()?;
        }
        violations.clear();
        let plain = match self.parser.peek_line()? {
            Some(line) => self.fields.decode_line(line).then_some(line.len()),
            None => None,
        };
        let found = match plain {
            Some(len) => {
                self.parser.take_line(&mut self.raw, len)?;
                self.fields.spans.len()
            }
            None => {
                if !self.parser.next(&mut self.raw)? {
                    return Ok(None);
                }
                self.raw.fields().len()
            }
        };
        let line = self.raw.line;
        let columns_match = self.check_form(found, violations);
        // After the quoting: in a column with both, the quoting explains the encoding.
        if plain.is_none() {
            self.fields.decode(&self.raw, self.items, violations);
        }
        // A record with missing or extra fields has every later value in the wrong column: checking
        // them against their items would only bury the one real problem.
        if columns_match {
            self.check_content(line, violations);
        }
        violations.sort_by_key(|v| v.column.unwrap_or(0));
        Ok(Some(line))
    }

    /// Checks what concerns the record as a whole: byte-order mark, line ending, column count,
    /// quoting. Whether the columns match the layout.
    fn check_form(&mut self, found: usize, violations: &mut Vec<Violation>) -> bool {
        let items = self.items;
        let line = self.raw.line;
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
        let found = if self.raw.blank { 0 } else { found };
        let columns_match = found == items.len();
        if !columns_match {
            record_level(Rule::Columns { expected: items.len(), found });
        }
        if self.raw.malformed.is_empty() {
            return columns_match;
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
        columns_match
    }

    /// Checks each text against its item (an unreadable one excepted: its encoding violation says
    /// it all), and the items whose value must be the same in every record.
    fn check_content(&mut self, line: u64, violations: &mut Vec<Violation>) {
        let fields = &self.fields;
        for (index, (item, &(start, end))) in self.items.iter().zip(&fields.spans).enumerate() {
            // Skipped, too, because `check_decoded` judges only text decoded from MS932, and an
            // unreadable field's text is a lossy decoding.
            if !fields.unreadable.is_empty() && fields.unreadable.contains(&index) {
                continue;
            }
            let mut errors = ValidationErrors::new();
            item.check_decoded(&fields.text[start..end], &Pointer::Root.key(item.key), &mut errors);
            if !errors.is_empty() {
                violations.extend(errors.into_iter().map(|error| Violation { line, column: Some(index + 1), error }));
            }
        }
        for (index, first) in &mut self.uniform {
            let text = self.fields.text(*index);
            match first {
                None => *first = Some((line, text.to_owned())),
                Some((first_line, first)) if !same(first, text) => {
                    let rule = Rule::Uniform { first_line: *first_line, first: first.clone() };
                    violations.push(Violation::at(line, *index + 1, self.items.get(*index), rule, Some(text)));
                }
                Some(_) => {}
            }
        }
    }

    /// The next row, read and checked, its record built as `K` builds them.
    fn next_built<K: Records>(&mut self) -> Option<io::Result<Row<K::Record>>> {
        let mut violations = Vec::new();
        match self.read_checked(&mut violations) {
            Ok(Some(line)) => {
                let record = K::build(self.fields.texts(self.items.len()));
                Some(Ok(Row { line, record, violations }))
            }
            Ok(None) => None,
            Err(error) => Some(Err(error)),
        }
    }
}

impl<R: Read, T: Record> Reader<R, T> {
    /// The next row, like [`Iterator::next`], but lent: the reader keeps one row and overwrites it
    /// on the next call, reusing its record's strings and every buffer, so that reading a file of
    /// millions of records allocates next to nothing. Clone the row (or the record) to keep it.
    ///
    /// ```
    /// # use ltcip_runtime::{Validate, csv, serde::{Deserialize, Serialize}};
    /// # #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
    /// # #[serde(crate = "ltcip_runtime::serde")]
    /// # #[ltcip(csv, name = "DLTPLAN")]
    /// # pub struct Record {
    /// #     #[ltcip(no = "1", name = "保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
    /// #     pub insurer_number: String,
    /// # }
    /// let mut reader = csv::Reader::<_, Record>::new(&b"131001\r\n13100X\r\n"[..]);
    /// let mut invalid = Vec::new();
    /// while let Some(row) = reader.next_row() {
    ///     let row = row?;
    ///     if !row.is_valid() {
    ///         invalid.push((row.line(), row.record().insurer_number.clone()));
    ///     }
    /// }
    /// assert_eq!(invalid, [(2, "13100X".to_owned())]);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn next_row(&mut self) -> Option<io::Result<&Row<T>>> {
        let mut violations = self.row.as_mut().map(|row| std::mem::take(&mut row.violations)).unwrap_or_default();
        let line = match self.read_checked(&mut violations) {
            Ok(Some(line)) => line,
            Ok(None) => return None,
            Err(error) => return Some(Err(error)),
        };
        let mut texts = self.fields.texts(self.items.len());
        // The record is refilled where it is: a record of many columns is not moved in and out.
        match &mut self.row {
            Some(row) => {
                row.record.assign_columns(&mut texts);
                row.line = line;
                row.violations = violations;
            }
            None => self.row = Some(Row { line, record: <T as Records>::build(texts), violations }),
        }
        self.row.as_ref().map(Ok)
    }
}

impl<R: Read, T: Record> Iterator for Reader<R, T> {
    type Item = io::Result<Row<T>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_built::<T>()
    }
}

impl<R: Read> Iterator for Reader<R, Untyped> {
    type Item = io::Result<Row<Vec<String>>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_built::<Untyped>()
    }
}

/// A record's fields as text: decoded from MS932 into one buffer, reused from record to record.
#[derive(Debug, Default)]
struct Fields {
    text: String,
    /// Where each field is in `text`.
    spans: Vec<(usize, usize)>,
    /// Fields (by index) that are not MS932: their text is the lossy decoding.
    unreadable: Vec<usize>,
}

impl Fields {
    /// Decodes and splits a record that is its `line`, quoted simply; `false` (and nothing held) when
    /// the line is not MS932 or not quoted simply: the tokenizer then reads it, and reports why.
    fn decode_line(&mut self, line: &[u8]) -> bool {
        self.clear();
        // An MS932 trail byte is never a comma or a quote: the text splits as the bytes would.
        if decode_into(line, &mut self.text) && split_simple(self.text.as_bytes(), &mut self.spans) {
            return true;
        }
        self.clear();
        false
    }

    /// Decodes the fields of `raw`, one per item at most, reporting what is not MS932.
    fn decode(&mut self, raw: &RawRecord, items: &[Item<'_>], violations: &mut Vec<Violation>) {
        self.clear();
        for (index, bytes) in raw.fields().take(items.len()).enumerate() {
            let start = self.text.len();
            if !decode_into(bytes, &mut self.text) {
                self.text.truncate(start);
                let detail = undecodable(bytes);
                let (lossy, _) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
                self.text.push_str(&lossy);
                let rule = Rule::Encoding { detail };
                violations.push(Violation::at(raw.line, index + 1, items.get(index), rule, Some(&lossy)));
                self.unreadable.push(index);
            }
            self.spans.push((start, self.text.len()));
        }
    }

    fn clear(&mut self) {
        self.text.clear();
        self.spans.clear();
        self.unreadable.clear();
    }

    /// The text of field `index`; empty for a field the record lacks.
    #[inline]
    fn text(&self, index: usize) -> &str {
        field_text(&self.text, &self.spans, index)
    }

    /// The texts of the first `count` fields (empty ones for those the record lacks).
    fn texts(&self, count: usize) -> Columns<'_> {
        Columns::new(&self.text, &self.spans, count)
    }
}

/// Appends the MS932 `bytes` to `text`, decoded; `false` (with `text` holding part of them) when they
/// are not MS932.
fn decode_into(bytes: &[u8], text: &mut String) -> bool {
    // No ASCII pass first: encoding_rs copies ASCII runs at memcpy speed itself, and nearly every
    // care-plan record holds a name, so the pass only delayed the decode (2 % of reading UPPLAN).
    let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
    // An MS932 byte becomes at most three bytes of UTF-8 (a half-width katakana does): a bound
    // cheaper to work out than the decoder's own, which it only falls back on if ever needed.
    text.reserve(bytes.len() * 3);
    let mut rest = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, text, true);
        match result {
            encoding_rs::DecoderResult::InputEmpty => return true,
            encoding_rs::DecoderResult::Malformed(..) => return false,
            encoding_rs::DecoderResult::OutputFull => {
                rest = &rest[read..];
                text.reserve(decoder.max_utf8_buffer_length_without_replacement(rest.len()).unwrap_or(rest.len() * 3));
            }
        }
    }
}

/// What makes `bytes` unreadable as MS932: the first byte sequence the decoder rejects.
fn undecodable(bytes: &[u8]) -> String {
    let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    let at = match result {
        encoding_rs::DecoderResult::Malformed(bad, after) => read.saturating_sub(usize::from(bad) + usize::from(after)),
        _ => read,
    }
    .min(bytes.len().saturating_sub(1));
    let shown: Vec<String> = bytes[at..].iter().take(2).map(|b| format!("0x{b:02X}")).collect();
    format!("{} at byte {} of the field is not MS932", shown.join(" "), at + 1)
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

    /// In a column whose quoting and encoding are both broken, the quoting is reported first: it
    /// explains the rest.
    #[test]
    fn quoting_comes_before_encoding_in_a_column() {
        let bytes = b"202407,13\x81\x7F\"1,202504,,\r\n";
        let rows: Vec<_> = Reader::<_, Record>::new(&bytes[..]).map(Result::unwrap).collect();
        let rules: Vec<_> = rows[0].violations().iter().map(|v| (v.column(), v.rule().code())).collect();
        assert_eq!(rules, [(Some(2), "quoting"), (Some(2), "encoding")]);
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
