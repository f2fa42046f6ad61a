//! Writing records as CSV: the care-plan dialect (MS932, no header, フリーテキスト quoted) and the
//! named-column dialect of LIFE (data type and item names first, strings quoted, UTF-8 or MS932).

use std::fmt;
use std::io::{self, Write};

use super::parse::{LineEnding, count_lines};
use super::{Record, TextEncoding};
use crate::item::{Item, Shape};

/// Writes records as CSV: フリーテキスト items always quoted (an empty one as `""`), [`quoted`] items
/// quoted when not empty, a `"` in a quoted field doubled, line breaks and commas kept; other items
/// unquoted unless their text holds a comma, a quote or a line break; an empty (Null) field empty;
/// each line ending with CR LF unless [`Writer::line_ending`] says otherwise; MS932 unless
/// [`Writer::encoding`] says otherwise.
///
/// For a care-plan layout: no header, no byte-order mark. For a named-column layout
/// ([`Shape::named`]): line 1 the data type, line 2 the item keys (every item in layout order, or the
/// columns [`Writer::columns`] gives, in its order), written before the first record, or by
/// [`Writer::finish`] for a file of no records when the writer knows the layout
/// ([`Writer::with_shape`]). A file read by a [`super::Reader`] is written back byte for byte when
/// given the reader's [`columns`](super::Reader::columns), [`encoding`](super::Reader::encoding)
/// and [`line_ending`](super::Reader::line_ending), if it was conforming (strings quoted, numbers
/// bare, Null empty).
///
/// A record is encoded whole before any byte of it is written, so a value MS932 cannot hold leaves
/// the output as it was.
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
    /// The columns of a named-column file, by key, as [`Writer::columns`] gave them.
    columns: Option<Vec<String>>,
    /// The byte-order mark and the header are written (or there are none to write).
    started: bool,
    /// For a named-column file, the item each column holds, in file order.
    order: Vec<usize>,
    /// A record's texts, in layout order, and where each is.
    texts: String,
    spans: Vec<(usize, usize)>,
}

impl<W: Write> fmt::Debug for Writer<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Writer")
            .field("ending", &self.ending)
            .field("encoding", &self.encoding)
            .field("line", &self.line)
            .finish_non_exhaustive()
    }
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
        self.columns = Some(keys.iter().map(|key| (*key).to_owned()).collect());
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
                    detail: format!("{} is a care-plan layout, whose columns are its items in order", shape.name),
                });
            }
            (Some(_), None) => (0..shape.items.len()).collect(),
            (Some(_), Some(keys)) => column_order(shape, keys)?,
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
            for (column, &item) in self.order.iter().enumerate() {
                if column > 0 {
                    self.buf.push(b',');
                }
                let key = shape.items[item].key;
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
        self.buf.clear();
        let items = T::SHAPE.items;
        let encoding = self.encoding;
        let failure = if T::SHAPE.named.is_some() {
            self.texts.clear();
            self.spans.clear();
            let (texts, spans) = (&mut self.texts, &mut self.spans);
            record.for_each_column(&mut |text| {
                let start = texts.len();
                texts.push_str(text);
                spans.push((start, texts.len()));
            });
            let mut failure = None;
            for (column, &item) in self.order.iter().enumerate() {
                if column > 0 {
                    self.buf.push(b',');
                }
                let text = super::field_text(&self.texts, &self.spans, item);
                let item_ref = items.get(item);
                if let Err(found) = encode_field(text, quote(item_ref, text), &mut self.buf, encoding) {
                    failure = Some((column, item_ref, found));
                    break;
                }
            }
            failure
        } else {
            let mut column = 0;
            let mut failure = None;
            let buf = &mut self.buf;
            record.for_each_column(&mut |text| {
                if failure.is_some() {
                    return;
                }
                if column > 0 {
                    buf.push(b',');
                }
                let item = items.get(column);
                if let Err(found) = encode_field(text, quote(item, text), buf, encoding) {
                    failure = Some((column, item, found));
                }
                column += 1;
            });
            failure
        };
        if let Some((column, item, found)) = failure {
            let secret = item.is_some_and(|item| item.secret);
            return Err(WriteError::Unwritable {
                line: self.line,
                column: column + 1,
                item_no: item.map_or_else(String::new, |item| item.no.to_owned()),
                item_name: item.map_or_else(String::new, |item| item.name.to_owned()),
                found: if secret { None } else { Some(found) },
            });
        }
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

/// The items `keys` name, in order; an error for a key that names no item or is given twice.
fn column_order(shape: &Shape<'_>, keys: &[String]) -> Result<Vec<usize>, WriteError> {
    let mut order = Vec::with_capacity(keys.len());
    for key in keys {
        let Some(index) = shape.items.iter().position(|item| item.key == key) else {
            return Err(WriteError::Columns { detail: format!("{key:?} names no item of {}", shape.name) });
        };
        if order.contains(&index) {
            return Err(WriteError::Columns { detail: format!("{key:?} is given twice") });
        }
        order.push(index);
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
        if let Some(c) = text.chars().find(|&c| crate::ms932::width(c) == 0) {
            return Err(c);
        }
        // Every character is in the decoder's table, so the encoder maps each of them.
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        extend_quoted(buf, &bytes, quote);
    }
    if quote {
        buf.push(b'"');
    }
    Ok(())
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
        /// What is wrong.
        detail: String,
    },
    /// Writing failed.
    Io(io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Unwritable { line, column, item_no, item_name, found } => {
                write!(f, "line {line}, column {column} [{item_no} {item_name}]: ")?;
                match found {
                    Some(c) => write!(f, "'{c}' (U+{:04X}) cannot be written in MS932", *c as u32),
                    None => f.write_str("a character (not shown: the item is secret) cannot be written in MS932"),
                }
            }
            WriteError::Columns { detail } => write!(f, "the columns cannot be written: {detail}"),
            WriteError::Io(error) => write!(f, "writing failed: {error}"),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io(error) => Some(error),
            WriteError::Unwritable { .. } | WriteError::Columns { .. } => None,
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
