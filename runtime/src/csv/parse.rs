//! Splitting MS932 CSV bytes into records, strictly.
//!
//! General CSV readers accept what the care-plan dialect forbids and a vendor needs reported: a quote
//! left open swallows the rest of the file, `"a"b` becomes `ab`, a quote inside an unquoted field
//! passes, and blank lines shift the line numbers of every later record. This tokenizer reports each of
//! those at its line and column, counts physical lines (a line break inside a quoted field included),
//! and streams: it holds one record at a time, whatever the file's size.
//!
//! MS932 is safe to split as bytes: the trail byte of a double-byte character is 0x40 or above, so it
//! is never a comma, a quote, CR or LF.

use std::io::{self, BufRead};

/// A malformation of the CSV itself, found while splitting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Malformed {
    /// A quoted field reaches the end of the file without its closing quote.
    Unclosed,
    /// A `"` inside a field that does not start with one.
    Stray,
    /// Text between a closing quote and the next comma or line end.
    AfterClosing,
}

/// One record as bytes, with where it is and what was wrong with its quoting.
#[derive(Debug, Default)]
pub(crate) struct RawRecord {
    /// Physical line (from 1) the record starts on.
    pub line: u64,
    fields: Vec<Vec<u8>>,
    len: usize,
    /// Malformations with the (1-based) column they are in.
    pub malformed: Vec<(usize, Malformed)>,
    /// The line held nothing at all.
    pub blank: bool,
    /// How the record's line ended (`None` at the end of the file).
    pub ending: Option<LineEnding>,
}

/// How a line ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineEnding {
    /// CR LF, as Windows writes (and as [`super::Writer`] writes by default).
    CrLf,
    /// LF alone.
    Lf,
    /// CR alone.
    Cr,
}

impl LineEnding {
    /// The bytes.
    pub const fn bytes(self) -> &'static [u8] {
        match self {
            LineEnding::CrLf => b"\r\n",
            LineEnding::Lf => b"\n",
            LineEnding::Cr => b"\r",
        }
    }

    /// `CR LF`, `LF` or `CR`.
    pub const fn name(self) -> &'static str {
        match self {
            LineEnding::CrLf => "CR LF",
            LineEnding::Lf => "LF",
            LineEnding::Cr => "CR",
        }
    }
}

impl RawRecord {
    fn clear(&mut self, line: u64) {
        self.line = line;
        self.len = 0;
        self.malformed.clear();
        self.blank = false;
        self.ending = None;
    }

    fn field(&mut self) -> &mut Vec<u8> {
        if self.len == self.fields.len() {
            self.fields.push(Vec::new());
        }
        &mut self.fields[self.len]
    }

    fn start_field(&mut self) {
        self.field().clear();
    }

    fn end_field(&mut self) {
        self.len += 1;
    }

    /// The fields' bytes, in column order.
    pub fn fields(&self) -> &[Vec<u8>] {
        &self.fields[..self.len]
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field.
    Start,
    /// Inside an unquoted field.
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// Just after a `"` inside a quoted field: a closing quote, or the first half of `""`.
    QuoteInQuoted,
}

/// Reads records from a byte stream.
#[derive(Debug)]
pub(crate) struct Parser<R> {
    input: R,
    /// The physical line the next byte is on.
    line: u64,
    /// Quoted text read so far ends with CR: a LF next is the same line break.
    quoted_cr: bool,
}

impl<R: BufRead> Parser<R> {
    pub fn new(input: R) -> Self {
        Parser { input, line: 1, quoted_cr: false }
    }

    /// Skips a UTF-8 byte-order mark at the start of the input; `Ok(true)` when there was one.
    pub fn skip_utf8_bom(&mut self) -> io::Result<bool> {
        const BOM: &[u8] = b"\xEF\xBB\xBF";
        let found = self.input.fill_buf()?.starts_with(BOM);
        if found {
            self.input.consume(BOM.len());
        }
        Ok(found)
    }

    /// Reads the next record into `record`; `Ok(false)` at the end of the input.
    pub fn next(&mut self, record: &mut RawRecord) -> io::Result<bool> {
        record.clear(self.line);
        let mut state = State::Start;
        // A field in progress belongs to the record even before its first byte.
        record.start_field();
        loop {
            let buf = self.input.fill_buf()?;
            if buf.is_empty() {
                return Ok(self.end_of_input(record, state));
            }
            let mut i = 0;
            let mut line_end = None;
            while i < buf.len() && line_end.is_none() {
                match state {
                    State::Start => match buf[i] {
                        b'"' => {
                            state = State::Quoted;
                            i += 1;
                        }
                        b',' => {
                            record.end_field();
                            record.start_field();
                            i += 1;
                        }
                        b'\r' | b'\n' => line_end = Some(i),
                        _ => state = State::Unquoted,
                    },
                    State::Unquoted => {
                        let run = unquoted_run(&buf[i..]);
                        if run.stray && !stray_reported(record) {
                            record.malformed.push((record.len + 1, Malformed::Stray));
                        }
                        let run = i + run.len;
                        let text = &buf[i..run];
                        record.field().extend_from_slice(text);
                        i = run;
                        if i < buf.len() {
                            state = State::Start;
                            if buf[i] == b',' {
                                record.end_field();
                                record.start_field();
                                i += 1;
                            } else {
                                line_end = Some(i);
                            }
                        }
                    }
                    State::Quoted => {
                        let run = memchr::memchr(b'"', &buf[i..]).map_or(buf.len(), |n| i + n);
                        let text = &buf[i..run];
                        // A run may end between the CR and LF of one break (at the end of the buffer).
                        let text = if self.quoted_cr && text.first() == Some(&b'\n') { &text[1..] } else { text };
                        if !text.is_empty() || run > i {
                            self.quoted_cr = text.last() == Some(&b'\r');
                        }
                        self.line += count_lines(text);
                        let text = &buf[i..run];
                        record.field().extend_from_slice(text);
                        i = run;
                        if i < buf.len() {
                            self.quoted_cr = false;
                            state = State::QuoteInQuoted;
                            i += 1;
                        }
                    }
                    State::QuoteInQuoted => match buf[i] {
                        b'"' => {
                            record.field().push(b'"');
                            state = State::Quoted;
                            i += 1;
                        }
                        b',' => {
                            record.end_field();
                            record.start_field();
                            state = State::Start;
                            i += 1;
                        }
                        b'\r' | b'\n' => line_end = Some(i),
                        _ => {
                            record.malformed.push((record.len + 1, Malformed::AfterClosing));
                            state = State::Unquoted;
                        }
                    },
                }
            }
            let Some(end) = line_end else {
                let consumed = buf.len();
                self.input.consume(consumed);
                continue;
            };
            // The record ends at a line break outside quotes.
            record.end_field();
            record.blank = record.len == 1 && record.fields[0].is_empty() && state == State::Start;
            let cr = buf[end] == b'\r';
            self.line += 1;
            self.input.consume(end + 1);
            record.ending = Some(if !cr {
                LineEnding::Lf
            } else if self.input.fill_buf()?.first() == Some(&b'\n') {
                // Read after the record's bytes were consumed, so a CR LF split across reads is one ending.
                self.input.consume(1);
                LineEnding::CrLf
            } else {
                LineEnding::Cr
            });
            return Ok(true);
        }
    }

    fn end_of_input(&mut self, record: &mut RawRecord, state: State) -> bool {
        let nothing = state == State::Start && record.len == 0 && record.fields[0].is_empty();
        if nothing {
            // The file ended right after a line break (or is empty): no record.
            return false;
        }
        if state == State::Quoted {
            record.malformed.push((record.len + 1, Malformed::Unclosed));
        }
        record.end_field();
        true
    }
}

/// The bytes that end or break an unquoted field: `,`, CR, LF ([`END`]) and `"` ([`QUOTE`]).
static UNQUOTED: [u8; 256] = {
    let mut table = [0; 256];
    table[b',' as usize] = END;
    table[b'\r' as usize] = END;
    table[b'\n' as usize] = END;
    table[b'"' as usize] = QUOTE;
    table
};
const END: u8 = 1;
const QUOTE: u8 = 2;

/// The unquoted text at the start of `bytes`: how long it runs (up to a comma, a line break or the
/// end) and whether it holds a quote.
struct Run {
    len: usize,
    stray: bool,
}

/// Most fields are a few bytes long: a table lookup per byte finds their end sooner than a
/// vectorised search sets up. Longer runs (フリーテキスト written unquoted) go to `memchr`.
#[inline]
fn unquoted_run(bytes: &[u8]) -> Run {
    const SHORT: usize = 16;
    for (i, &b) in bytes.iter().take(SHORT).enumerate() {
        match UNQUOTED[usize::from(b)] {
            0 => {}
            END => return Run { len: i, stray: false },
            _ => {
                let len = memchr::memchr3(b',', b'\r', b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                return Run { len, stray: true };
            }
        }
    }
    if bytes.len() <= SHORT {
        return Run { len: bytes.len(), stray: false };
    }
    let len = memchr::memchr3(b',', b'\r', b'\n', &bytes[SHORT..]).map_or(bytes.len(), |n| SHORT + n);
    Run { len, stray: memchr::memchr(b'"', &bytes[SHORT..len]).is_some() }
}

/// One stray quote per record is enough to say the quoting is broken.
fn stray_reported(record: &RawRecord) -> bool {
    record.malformed.iter().any(|(_, m)| *m == Malformed::Stray)
}

/// Line breaks in a run of bytes: CR LF, LF or a lone CR each end one line.
pub(crate) fn count_lines(text: &[u8]) -> u64 {
    let mut lines = 0;
    let mut i = 0;
    while let Some(n) = memchr::memchr2(b'\r', b'\n', &text[i..]) {
        let at = i + n;
        lines += 1;
        i = at + 1;
        if text[at] == b'\r' && text.get(i) == Some(&b'\n') {
            i += 1;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{Malformed, Parser, RawRecord};

    /// Line, fields, malformations and blankness of a record.
    type Parsed = (u64, Vec<String>, Vec<(usize, Malformed)>, bool);

    fn parse(input: &[u8]) -> Vec<Parsed> {
        // A tiny buffer puts every boundary case (a CRLF split across reads, a quote at the end of a
        // buffer) to the test.
        let mut parser = Parser::new(std::io::BufReader::with_capacity(3, input));
        let mut record = RawRecord::default();
        let mut out = Vec::new();
        while parser.next(&mut record).expect("in-memory input") {
            let fields = record.fields().iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect();
            out.push((record.line, fields, record.malformed.clone(), record.blank));
        }
        out
    }

    fn fields(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn records_fields_and_line_numbers() {
        let got = parse(b"a,b\r\n\"c\"\"d\",\"e\r\nf\",\r\ng,h\n\nx");
        assert_eq!(
            got,
            [
                (1, fields(&["a", "b"]), vec![], false),
                (2, fields(&["c\"d", "e\r\nf", ""]), vec![], false),
                (4, fields(&["g", "h"]), vec![], false),
                (5, fields(&[""]), vec![], true),
                (6, fields(&["x"]), vec![], false),
            ]
        );
    }

    #[test]
    fn line_endings_are_crlf_lf_or_cr() {
        let got = parse(b"a\rb\nc\r\nd");
        let lines: Vec<u64> = got.iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 2, 3, 4]);
        let mut parser = Parser::new(std::io::BufReader::with_capacity(2, &b"a\rb\nc\r\nd"[..]));
        let mut record = RawRecord::default();
        let mut endings = Vec::new();
        while parser.next(&mut record).expect("in-memory input") {
            endings.push(record.ending);
        }
        use super::LineEnding::{Cr, CrLf, Lf};
        assert_eq!(endings, [Some(Cr), Some(Lf), Some(CrLf), None]);
    }

    #[test]
    fn malformed_quoting_is_reported_with_its_column() {
        let got = parse(b"a,x\"y,\"b\"c\r\n1,\"open\r\n2,3\r\n");
        assert_eq!(got[0].1, fields(&["a", "x\"y", "bc"]));
        assert_eq!(got[0].2, [(2, Malformed::Stray), (3, Malformed::AfterClosing)]);
        assert_eq!(got[1].0, 2);
        assert_eq!(got[1].1, fields(&["1", "open\r\n2,3\r\n"]));
        assert_eq!(got[1].2, [(2, Malformed::Unclosed)]);
    }

    #[test]
    fn empty_input_and_trailing_line_break_give_no_record() {
        assert!(parse(b"").is_empty());
        assert_eq!(parse(b"a\r\n").len(), 1);
        assert_eq!(parse(b"\"\"").len(), 1, "one empty quoted field is a record");
    }

    #[test]
    fn ms932_trail_bytes_are_not_delimiters() {
        // 「ソ」 is 0x83 0x5C in MS932: its trail byte is '\', not a delimiter.
        let got = parse(b"\x83\x5C,b\r\n");
        assert_eq!(got[0].1.len(), 2);
    }
}
