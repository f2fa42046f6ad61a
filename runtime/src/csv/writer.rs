//! Writing records as the care-plan spec's CSV: MS932, comma-separated, フリーテキスト quoted.

use std::fmt;
use std::io::{self, Write};

use super::Record;
use super::parse::{LineEnding, count_lines};

/// Writes records as MS932 CSV: フリーテキスト items always quoted (an empty one as `""`), a `"` in
/// them doubled, line breaks and commas kept; other items unquoted unless their text holds a comma,
/// a quote or a line break; each record ends with CR LF unless [`Writer::line_ending`] says
/// otherwise; no header, no byte-order mark.
///
/// A record is encoded whole before any byte of it is written, so a value MS932 cannot hold leaves
/// the output as it was.
pub struct Writer<W: Write> {
    out: W,
    ending: LineEnding,
    line: u64,
    buf: Vec<u8>,
}

impl<W: Write> fmt::Debug for Writer<W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Writer").field("ending", &self.ending).field("line", &self.line).finish_non_exhaustive()
    }
}

impl<W: Write> Writer<W> {
    /// A writer to `out` (unbuffered here: wrap a file in a `BufWriter`).
    pub fn new(out: W) -> Self {
        Writer { out, ending: LineEnding::CrLf, line: 1, buf: Vec::with_capacity(1024) }
    }

    /// Ends records with `ending` instead of CR LF.
    pub fn line_ending(mut self, ending: LineEnding) -> Self {
        self.ending = ending;
        self
    }

    /// Writes one record.
    pub fn write<T: Record>(&mut self, record: &T) -> Result<(), WriteError> {
        self.buf.clear();
        let items = T::SHAPE.items;
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
            let quote = item.is_some_and(|item| item.free_text)
                || text.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
            if let Err(found) = encode_field(text, quote, buf) {
                failure = Some((column, found));
            }
            column += 1;
        });
        if let Some((column, found)) = failure {
            let item = items.get(column);
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

    /// Flushes the output and returns it.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Appends `text` as MS932, quoted if asked; the character MS932 cannot hold, if any.
fn encode_field(text: &str, quote: bool, buf: &mut Vec<u8>) -> Result<(), char> {
    if quote {
        buf.push(b'"');
    }
    if text.is_ascii() {
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
    // MS932 trail bytes are never 0x22, so every 0x22 is a quote character.
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
            WriteError::Io(error) => write!(f, "writing failed: {error}"),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io(error) => Some(error),
            WriteError::Unwritable { .. } => None,
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
