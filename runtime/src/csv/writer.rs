//! Writing records as CSV: the care-plan dialect (MS932, no header, フリーテキスト quoted) and the
//! named-column dialect of LIFE (data type and item names first, strings quoted, UTF-8 or MS932).

use std::fmt;
use std::io::{self, Write};

use super::parse::{LineEnding, count_lines};
use super::reader::{Kept, Unreadable};
use super::{Record, Row, TextEncoding, Violation};
use crate::check::same;
use crate::error::{Rule, ValidationError, ValidationErrors};
use crate::item::{Item, Mode, Shape};
use crate::messages::{Message, Messages};
use crate::pointer::Pointer;

/// Writes records as CSV: フリーテキスト items always quoted (an empty one as `""`), [`quoted`] items
/// quoted when not empty, a `"` in a quoted field doubled, line breaks and commas kept; other items
/// unquoted unless their text holds a comma, a quote or a line break; an empty (Null) field empty;
/// each line ending with CR LF unless [`Writer::line_ending`] says otherwise; MS932 unless
/// [`Writer::encoding`] says otherwise.
///
/// For a care-plan layout: no header, no byte-order mark. For a named-column layout
/// ([`Shape::named`]): line 1 the data type, line 2 the item keys (every item in layout order, or the
/// columns [`Writer::columns`] or [`Writer::names`] gives, in its order), written before the first
/// record, or by [`Writer::finish`] for a file of no records when the writer knows the layout
/// ([`Writer::with_shape`]). A file read by a [`super::Reader`] is written back byte for byte when
/// given the reader's [`columns`](super::Reader::columns), [`encoding`](super::Reader::encoding)
/// and [`line_ending`](super::Reader::line_ending), if it was conforming (strings quoted, numbers
/// bare, Null empty).
///
/// [`Writer::write`] writes a record; [`Writer::write_row`] writes a row as a [`super::Reader`] read it:
/// through its record when it has one, and as its fields were read when it has none (its number of
/// fields is not the layout's), never shifted. A writer made [`Writer::checked`] refuses any record
/// or row that breaks a rule, naming its line and every violation.
///
/// A record is encoded whole before any byte of it is written, so a record refused (a value MS932
/// cannot hold, a violation in a checked writer) leaves the output as it was.
///
/// [`quoted`]: crate::Item::quoted
pub struct Writer<W: Write> {
    out: W,
    ending: LineEnding,
    line: u64,
    buf: Vec<u8>,
    encoding: TextEncoding,
    /// The layout the header is written for, when known before the first record.
    shape: Option<&'static Shape<'static>>,
    /// The columns of a named-column file, by key, as [`Writer::columns`] or [`Writer::names`] gave
    /// them; `true` with the latter (a name that is no item's, or one given again, is written as
    /// it is, its column no item's).
    columns: Option<(Vec<String>, bool)>,
    /// The byte-order mark and the header are written (or there are none to write).
    started: bool,
    /// For a named-column file, the item each column holds, in file order (`None`: no item's).
    order: Vec<Option<usize>>,
    /// A record's texts, in layout order, and where each is.
    texts: String,
    spans: Vec<(usize, usize)>,
    /// Records are checked before they are written, in this mode.
    checked: Option<Mode>,
    /// In a checked writer, the items whose value must be the same in every record, with the value of
    /// the first record written.
    uniform: Vec<(usize, Option<(u64, String)>)>,
}

impl<W: Write> fmt::Debug for Writer<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Writer")
            .field("ending", &self.ending)
            .field("encoding", &self.encoding)
            .field("line", &self.line)
            .field("checked", &self.checked)
            .finish_non_exhaustive()
    }
}

/// Where a field's text comes from, when a row is written.
struct Extras<'a> {
    /// The row's fields as read, for columns no item holds.
    kept: Option<&'a Kept>,
    /// Fields not in the encoding they were read in: their bytes, written when their text is unchanged.
    unreadable: &'a [Unreadable],
}

impl<W: Write> Writer<W> {
    /// A writer to `out` (unbuffered here: wrap a file in a `BufWriter`). It learns the layout from the
    /// first record written.
    pub fn new(out: W) -> Self {
        Writer {
            out,
            ending: LineEnding::CrLf,
            line: 1,
            buf: Vec::with_capacity(1024),
            encoding: TextEncoding::Ms932,
            shape: None,
            columns: None,
            started: false,
            order: Vec::new(),
            texts: String::new(),
            spans: Vec::new(),
            checked: None,
            uniform: Vec::new(),
        }
    }

    /// A writer of records laid out by `shape` (a record type's [`Layout::SHAPE`](crate::Layout::SHAPE)):
    /// a named-column file gets its header even when no record is written.
    pub fn with_shape(out: W, shape: &'static Shape<'static>) -> Self {
        let mut writer = Writer::new(out);
        writer.shape = Some(shape);
        writer
    }

    /// Ends lines with `ending` instead of CR LF.
    pub fn line_ending(mut self, ending: LineEnding) -> Self {
        self.ending = ending;
        self
    }

    /// Writes text in `encoding` instead of MS932 (UTF-8 writes every character; with `bom: true` the
    /// file starts with a byte-order mark). The care-plan files are MS932: their readers report
    /// anything else.
    pub fn encoding(mut self, encoding: TextEncoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// The columns of a named-column file, by item key, in file order: line 2 and every record hold
    /// these and no other (e.g. a [`super::Reader::columns`], to write a file back as it came). A key
    /// that names no item, or one given twice, is an error of the first write (or of
    /// [`Writer::finish`]), as is this call for a care-plan layout.
    pub fn columns(mut self, keys: &[&str]) -> Self {
        self.columns = Some((keys.iter().map(|key| (*key).to_owned()).collect(), false));
        self
    }

    /// Line 2 of a named-column file exactly as given, names that are no item's key or that repeat one
    /// included (e.g. a [`super::Reader::header_names`], to write back a file whose line 2 has such
    /// names without losing their columns). A column whose name is the first to give an item's key
    /// holds that item; any other holds no item: it is empty in a record written with
    /// [`Writer::write`], and holds the row's field of the same column, as read, in a row written with
    /// [`Writer::write_row`]. For a care-plan layout, an error of the first write.
    pub fn names<S: AsRef<str>>(mut self, names: &[S]) -> Self {
        self.columns = Some((names.iter().map(|name| name.as_ref().to_owned()).collect(), true));
        self
    }

    /// Checks every record before writing it, in `mode`, and refuses one that breaks any rule
    /// ([`WriteError::Invalid`], naming its line and every violation; nothing of it is written): the
    /// record's own rules ([`crate::Validate::validate_with`]), and a value that must be the same in
    /// every record of a file (CSVバージョン, 対象年月) differing from the first record written. A
    /// row ([`Writer::write_row`]) is refused when its reader found any violation in it.
    pub fn checked(mut self, mode: Mode) -> Self {
        self.checked = Some(mode);
        self
    }

    /// Writes the byte-order mark and the header, if any and not yet written, for `shape`.
    fn start(&mut self, shape: &'static Shape<'static>) -> Result<(), WriteError> {
        if self.started {
            return Ok(());
        }
        let shape = self.shape.unwrap_or(shape);
        self.order = match (shape.named, &self.columns) {
            (None, None) => Vec::new(),
            (None, Some(_)) => {
                return Err(WriteError::Columns {
                    detail: Message::new("write.columns.care_plan").text("layout", shape.name),
                });
            }
            (Some(_), None) => (0..shape.items.len()).map(Some).collect(),
            (Some(_), Some((keys, false))) => column_order(shape, keys)?,
            (Some(_), Some((names, true))) => {
                let mut order: Vec<Option<usize>> = Vec::with_capacity(names.len());
                for name in names {
                    let item = shape.items.iter().position(|item| item.key == name);
                    order.push(item.filter(|item| !order.contains(&Some(*item))));
                }
                order
            }
        };
        self.uniform = if self.checked.is_some() {
            shape.items.iter().enumerate().filter(|(_, item)| item.uniform).map(|(index, _)| (index, None)).collect()
        } else {
            Vec::new()
        };
        self.buf.clear();
        if self.encoding == (TextEncoding::Utf8 { bom: true }) {
            self.buf.extend_from_slice(b"\xEF\xBB\xBF");
        }
        if let Some(id) = shape.named {
            let encoding = self.encoding;
            let unwritable = |line: u64, column: usize, found: char| WriteError::Unwritable {
                line,
                column,
                item_no: String::new(),
                item_name: String::new(),
                found: Some(found),
            };
            encode_field(id, needs_quotes(id), &mut self.buf, encoding).map_err(|found| unwritable(1, 1, found))?;
            self.buf.extend_from_slice(self.ending.bytes());
            for (column, item) in self.order.iter().enumerate() {
                if column > 0 {
                    self.buf.push(b',');
                }
                let key = match (item, &self.columns) {
                    (Some(item), _) => shape.items[*item].key,
                    (None, Some((names, _))) => &names[column],
                    (None, None) => "",
                };
                encode_field(key, needs_quotes(key), &mut self.buf, encoding)
                    .map_err(|found| unwritable(2, column + 1, found))?;
            }
            self.buf.extend_from_slice(self.ending.bytes());
            self.line += 2;
        }
        self.out.write_all(&self.buf).map_err(WriteError::Io)?;
        self.started = true;
        Ok(())
    }

    /// Writes one record.
    pub fn write<T: Record>(&mut self, record: &T) -> Result<(), WriteError> {
        self.start(T::SHAPE)?;
        if let Some(mode) = self.checked {
            let mut errors = ValidationErrors::with_mode(mode);
            record.validate_at(&Pointer::Root, &mut errors);
            self.collect(record);
            let violations = self.violations(T::SHAPE, errors);
            if !violations.is_empty() {
                return Err(WriteError::Invalid { line: self.line, read_line: None, violations });
            }
        } else {
            self.collect(record);
        }
        self.encode_record(T::SHAPE, &Extras { kept: None, unreadable: &[] })?;
        self.end_record()
    }

    /// Writes a row as a [`super::Reader`] read it: a row with a record through its record (as
    /// [`Writer::write`] writes it), a field that was not in the encoding it was read in as its bytes
    /// when its text is unchanged and this writer writes that encoding, and a column no item holds
    /// (see [`Writer::names`]) as the row's field; a row without a record (its number of fields is not
    /// the layout's) as its fields were read, one by one, each quoted when it was quoted or holds a
    /// comma, a quote or a line break: never shifted, never dropped. A row of a record larger than the
    /// reader's limit kept nothing: [`WriteError::NotKept`]. A checked writer refuses a row its reader
    /// found any violation in ([`WriteError::Invalid`]).
    ///
    /// A row's texts are encoded in this writer's encoding; a field not in the encoding it was read in
    /// cannot be, unless it is that encoding ([`WriteError::Unwritable`], naming U+FFFD).
    pub fn write_row<T: Record>(&mut self, row: &Row<T>) -> Result<(), WriteError> {
        self.start(T::SHAPE)?;
        if self.checked.is_some() && !row.is_valid() {
            let violations = row.violations().to_vec();
            return Err(WriteError::Invalid { line: self.line, read_line: Some(row.line()), violations });
        }
        let extras = Extras { kept: row.kept(), unreadable: row.unreadable() };
        match (row.record_opt(), row.kept()) {
            (Some(record), _) => {
                self.collect(record);
                if self.checked.is_some() {
                    let violations = self.violations(T::SHAPE, ValidationErrors::new());
                    if !violations.is_empty() {
                        let read_line = Some(row.line());
                        return Err(WriteError::Invalid { line: self.line, read_line, violations });
                    }
                }
                self.encode_record(T::SHAPE, &extras)?;
            }
            (None, Some(kept)) => self.encode_fields(T::SHAPE, kept, row.unreadable())?,
            (None, None) => return Err(WriteError::NotKept { line: row.line() }),
        }
        self.end_record()
    }

    /// Takes the record's texts, in layout order.
    fn collect<T: Record>(&mut self, record: &T) {
        self.texts.clear();
        self.spans.clear();
        let (texts, spans) = (&mut self.texts, &mut self.spans);
        record.for_each_column(&mut |text| {
            let start = texts.len();
            texts.push_str(text);
            spans.push((start, texts.len()));
        });
    }

    /// The violations of a record about to be written, in a checked writer: `errors` (its own rules),
    /// and the uniform items that differ from the first record written (whose values this takes when
    /// there are no violations).
    fn violations(&mut self, shape: &Shape<'_>, errors: ValidationErrors) -> Vec<Violation> {
        let line = self.line;
        let mut violations: Vec<Violation> = errors
            .into_iter()
            .map(|error| {
                let item =
                    shape.items.iter().position(|item| Pointer::Root.key(item.key).to_string() == error.pointer());
                Violation::from_error(line, item.and_then(|item| self.column_of(shape, item)), error)
            })
            .collect();
        for (index, first) in &self.uniform {
            let text = super::field_text(&self.texts, &self.spans, *index);
            if let Some((first_line, first)) = first
                && !same(first, text)
            {
                let item = &shape.items[*index];
                let rule = Rule::Uniform { first_line: *first_line, first: first.clone() };
                let error = ValidationError::new(item, &Pointer::Root.key(item.key), rule, Some(text));
                violations.push(Violation::from_error(line, self.column_of(shape, *index), error));
            }
        }
        if violations.is_empty() {
            for (index, first) in &mut self.uniform {
                if first.is_none() {
                    *first = Some((line, super::field_text(&self.texts, &self.spans, *index).to_owned()));
                }
            }
        }
        violations.sort_by_key(|v| v.column().unwrap_or(0));
        violations
    }

    /// The (1-based) column of the output that holds item `index`.
    fn column_of(&self, shape: &Shape<'_>, index: usize) -> Option<usize> {
        if shape.named.is_some() {
            self.order.iter().position(|item| *item == Some(index)).map(|at| at + 1)
        } else {
            Some(index + 1)
        }
    }

    /// Encodes the texts [`Writer::collect`] took into the buffer, column by column.
    fn encode_record(&mut self, shape: &Shape<'_>, extras: &Extras<'_>) -> Result<(), WriteError> {
        self.buf.clear();
        let items = shape.items;
        let encoding = self.encoding;
        let named = shape.named.is_some();
        let count = if named { self.order.len() } else { self.spans.len() };
        for column in 0..count {
            if column > 0 {
                self.buf.push(b',');
            }
            let index = if named { self.order[column] } else { Some(column) };
            let item = index.and_then(|index| items.get(index));
            let (text, quoted) = match index {
                Some(index) => {
                    let text = super::field_text(&self.texts, &self.spans, index);
                    (text, quote(item, text))
                }
                None => {
                    let (text, quoted) = extras.kept.and_then(|kept| kept.field(column)).unwrap_or(("", false));
                    (text, quoted || needs_quotes(text))
                }
            };
            let unreadable = if extras.unreadable.is_empty() {
                None
            } else {
                extras.unreadable.iter().find(|field| match index {
                    Some(index) => field.item == Some(index),
                    None => field.column == column,
                })
            };
            let result = match unreadable {
                Some(field) if field.text == text => encode_unreadable(field, quoted, &mut self.buf, encoding),
                _ => encode_field(text, quoted, &mut self.buf, encoding),
            };
            if let Err(found) = result {
                return Err(self.unwritable(column, item, found));
            }
        }
        one_empty_field(count, &mut self.buf);
        Ok(())
    }

    /// Encodes a row's fields as read into the buffer.
    fn encode_fields(&mut self, shape: &Shape<'_>, kept: &Kept, unreadable: &[Unreadable]) -> Result<(), WriteError> {
        self.buf.clear();
        let encoding = self.encoding;
        let mut column = 0;
        while let Some((text, quoted)) = kept.field(column) {
            if column > 0 {
                self.buf.push(b',');
            }
            let quoted = quoted || needs_quotes(text);
            let result = match unreadable.iter().find(|field| field.column == column) {
                Some(field) => encode_unreadable(field, quoted, &mut self.buf, encoding),
                None => encode_field(text, quoted, &mut self.buf, encoding),
            };
            if let Err(found) = result {
                let item = if shape.named.is_some() { None } else { shape.items.get(column) };
                return Err(self.unwritable(column, item, found));
            }
            column += 1;
        }
        one_empty_field(column, &mut self.buf);
        Ok(())
    }

    fn unwritable(&self, column: usize, item: Option<&Item<'_>>, found: char) -> WriteError {
        let secret = item.is_some_and(|item| item.secret);
        WriteError::Unwritable {
            line: self.line,
            column: column + 1,
            item_no: item.map_or_else(String::new, |item| item.no.to_owned()),
            item_name: item.map_or_else(String::new, |item| item.name.to_owned()),
            found: if secret { None } else { Some(found) },
        }
    }

    /// Ends the record in the buffer and writes it.
    fn end_record(&mut self) -> Result<(), WriteError> {
        let breaks = count_lines(&self.buf);
        self.buf.extend_from_slice(self.ending.bytes());
        self.out.write_all(&self.buf).map_err(WriteError::Io)?;
        self.line += 1 + breaks;
        Ok(())
    }

    /// Writes the header of a named-column file that has no record yet (when the writer knows the
    /// layout: [`Writer::with_shape`]), flushes the output and returns it.
    pub fn finish(mut self) -> io::Result<W> {
        if let Some(shape) = self.shape {
            self.start(shape)?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A line of one empty field is written `""`: an empty line reads as a record of no fields.
fn one_empty_field(fields: usize, buf: &mut Vec<u8>) {
    if fields == 1 && buf.is_empty() {
        buf.extend_from_slice(b"\"\"");
    }
}

/// Appends the bytes of a field that was not in the encoding it was read in, quoted if asked, when
/// this writer writes that encoding; U+FFFD (what its text holds for them) otherwise.
fn encode_unreadable(field: &Unreadable, quote: bool, buf: &mut Vec<u8>, encoding: TextEncoding) -> Result<(), char> {
    if field.encoding.name() != encoding.name() {
        return Err('\u{FFFD}');
    }
    let quote = quote || field.bytes.iter().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
    if quote {
        buf.push(b'"');
    }
    extend_quoted(buf, &field.bytes, quote);
    if quote {
        buf.push(b'"');
    }
    Ok(())
}

/// The items `keys` name, in order; an error for a key that names no item or is given twice.
fn column_order(shape: &Shape<'_>, keys: &[String]) -> Result<Vec<Option<usize>>, WriteError> {
    let mut order = Vec::with_capacity(keys.len());
    for key in keys {
        let Some(index) = shape.items.iter().position(|item| item.key == key) else {
            return Err(WriteError::Columns {
                detail: Message::new("write.columns.unknown").text("key", key.to_string()).text("layout", shape.name),
            });
        };
        if order.contains(&Some(index)) {
            return Err(WriteError::Columns {
                detail: Message::new("write.columns.twice").text("key", key.to_string()),
            });
        }
        order.push(Some(index));
    }
    Ok(order)
}

/// Whether a field of `item` holding `text` is written quoted.
#[inline]
fn quote(item: Option<&Item<'_>>, text: &str) -> bool {
    item.is_some_and(|item| item.free_text || (item.quoted && !text.is_empty())) || needs_quotes(text)
}

/// Whether `text` cannot be written without quotes.
#[inline]
fn needs_quotes(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
}

/// Appends `text` in `encoding`, quoted if asked; the character MS932 cannot hold, if any.
fn encode_field(text: &str, quote: bool, buf: &mut Vec<u8>, encoding: TextEncoding) -> Result<(), char> {
    if quote {
        buf.push(b'"');
    }
    if text.is_ascii() || matches!(encoding, TextEncoding::Utf8 { .. }) {
        extend_quoted(buf, text.as_bytes(), quote);
    } else {
        // Characters the encoder would map to something that reads back differently (¥ → '\',
        // − → －) or not at all are refused: a written file must read back as the record it came from.
        // A user-defined character (外字) and U+0080 are written as the bytes they were read from: the
        // checks report them, but a file read is written back as it came.
        if let Some(c) = text.chars().find(|&c| crate::ms932::width(c) == 0 && read_back(c).is_none()) {
            return Err(c);
        }
        if text.chars().any(|c| read_back(c).is_some()) {
            let mut bytes = Vec::with_capacity(text.len());
            let mut run = 0;
            for (at, c) in text.char_indices() {
                if let Some((pair, len)) = read_back(c) {
                    // Every character of the run is in the decoder's table, so the encoder maps each.
                    bytes.extend_from_slice(&encoding_rs::SHIFT_JIS.encode(&text[run..at]).0);
                    bytes.extend_from_slice(&pair[..len]);
                    run = at + c.len_utf8();
                }
            }
            bytes.extend_from_slice(&encoding_rs::SHIFT_JIS.encode(&text[run..]).0);
            extend_quoted(buf, &bytes, quote);
        } else {
            // Every character is in the decoder's table, so the encoder maps each of them.
            let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
            extend_quoted(buf, &bytes, quote);
        }
    }
    if quote {
        buf.push(b'"');
    }
    Ok(())
}

/// The MS932 bytes that decode to `c` when the encoder has none for it: a user-defined character
/// (外字, 0xF040–0xF9FC, which the decoder puts at U+E000–U+E757) or U+0080 (the byte 0x80).
fn read_back(c: char) -> Option<([u8; 2], usize)> {
    match c as u32 {
        0x80 => Some(([0x80, 0], 1)),
        cp @ 0xE000..=0xE757 => {
            // WHATWG Shift_JIS: pointers 8836–10715 decode to U+E000–U+E757.
            let pointer = cp - 0xE000 + 8836;
            let (lead, trail) = (pointer / 188, pointer % 188);
            let lead = lead + if lead < 0x1F { 0x81 } else { 0xC1 };
            let trail = trail + if trail < 0x3F { 0x40 } else { 0x41 };
            Some(([u8::try_from(lead).ok()?, u8::try_from(trail).ok()?], 2))
        }
        _ => None,
    }
}

fn extend_quoted(buf: &mut Vec<u8>, bytes: &[u8], quote: bool) {
    if !quote {
        buf.extend_from_slice(bytes);
        return;
    }
    // MS932 trail bytes and UTF-8 bytes of non-ASCII characters are never 0x22, so every 0x22 is a
    // quote character.
    for part in bytes.split_inclusive(|&b| b == b'"') {
        buf.extend_from_slice(part);
        if part.last() == Some(&b'"') {
            buf.push(b'"');
        }
    }
}

/// Why a record could not be written.
#[derive(Debug)]
#[non_exhaustive]
pub enum WriteError {
    /// A character MS932 cannot hold (or would not read back as written); nothing of the record was
    /// written.
    Unwritable {
        /// The record's line in the output (from 1).
        line: u64,
        /// The column (from 1).
        column: usize,
        /// 項番 of the item.
        item_no: String,
        /// 日本語名称 of the item.
        item_name: String,
        /// The character; `None` for a secret item.
        found: Option<char>,
    },
    /// [`Writer::columns`] cannot be written: a key that names no item of the layout or is given
    /// twice, or a care-plan layout (whose columns are its items in order). Nothing was written.
    Columns {
        /// What is wrong (`write.columns.unknown` …).
        detail: Message,
    },
    /// A [`Writer::checked`] writer refused a record or row that breaks rules; nothing of it was
    /// written.
    Invalid {
        /// The line (from 1) the record would have started on in the output.
        line: u64,
        /// For a row ([`Writer::write_row`]), the line (from 1) it was read from.
        read_line: Option<u64>,
        /// Every violation: for a record, found as it was about to be written (at `line`); for a row,
        /// as its reader found them (at `read_line`).
        violations: Vec<Violation>,
    },
    /// A row of a record larger than its reader's limit: nothing of it was kept, so nothing can be
    /// written (see [`super::Reader::max_record_bytes`]).
    NotKept {
        /// The line (from 1) it was read from.
        line: u64,
    },
    /// Writing failed.
    Io(io::Error),
}

impl WriteError {
    /// The error, in no language yet (see [`crate::messages`]); for [`WriteError::Invalid`], without
    /// its violations.
    pub fn message(&self) -> Message {
        match self {
            WriteError::Unwritable { line, column, item_no, item_name, found } => {
                let message = match found {
                    Some(c) => Message::new("write.unwritable").message("character", crate::error::describe_char(*c)),
                    None => Message::new("write.unwritable_secret"),
                };
                message
                    .count("line", *line)
                    .count("column", *column)
                    .text("item_no", item_no.clone())
                    .text("item_name", item_name.clone())
            }
            WriteError::Columns { detail } => Message::new("write.columns").message("detail", detail.clone()),
            WriteError::Invalid { line, read_line, violations } => {
                let message = match read_line {
                    Some(read) => Message::new("write.invalid_read").count("read_line", *read),
                    None => Message::new("write.invalid"),
                };
                message.count("line", *line).count("count", violations.len())
            }
            WriteError::NotKept { line } => Message::new("write.not_kept").count("line", *line),
            WriteError::Io(error) => Message::new("write.io").text("error", error.to_string()),
        }
    }

    /// The error in `table`'s language.
    pub fn message_in(&self, table: &Messages) -> String {
        self.message().render(table)
    }

    /// The error in English.
    pub fn message_en(&self) -> String {
        self.message_in(Messages::english())
    }

    /// The error in Japanese.
    pub fn message_ja(&self) -> String {
        self.message_in(Messages::japanese())
    }
}

/// English, then Japanese (an I/O error as the system words it), then a refused record's violations
/// one a line.
impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Io(_) => f.write_str(&self.message_en())?,
            _ => write!(f, "{} / {}", self.message_en(), self.message_ja())?,
        }
        if let WriteError::Invalid { violations, .. } = self {
            for violation in violations {
                write!(f, "\n  {violation}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io(error) => Some(error),
            WriteError::Unwritable { .. }
            | WriteError::Columns { .. }
            | WriteError::Invalid { .. }
            | WriteError::NotKept { .. } => None,
        }
    }
}

impl From<WriteError> for io::Error {
    fn from(error: WriteError) -> Self {
        match error {
            WriteError::Io(error) => error,
            other => io::Error::new(io::ErrorKind::InvalidData, other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::read_back;

    /// Every user-defined character, and U+0080, is written as the bytes it decodes from.
    #[test]
    fn characters_the_encoder_lacks_are_written_as_read() {
        let mut count = 0;
        for lead in 0xF0..=0xF9_u8 {
            for trail in (0x40..=0x7E_u8).chain(0x80..=0xFC) {
                let pair = [lead, trail];
                let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&pair);
                assert!(!bad);
                let c = text.chars().next().expect("a character");
                let (pair, len) = read_back(c).expect("written back");
                assert_eq!(&pair[..len], &[lead, trail], "{c:?}");
                count += 1;
            }
        }
        assert_eq!(count, 1880);
        let byte = [0x80];
        let (text, _, _) = encoding_rs::SHIFT_JIS.decode(&byte);
        assert_eq!(read_back(text.chars().next().expect("one")), Some(([0x80, 0], 1)));
        assert_eq!(read_back('\u{E758}'), None);
        assert_eq!(read_back('あ'), None);
    }
}
