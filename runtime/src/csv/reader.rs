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
//!
//! A named-column layout ([`Shape::named`]) reads lines 1 and 2 first (the data type and the item
//! names), and then maps each record's fields to items through line 2; everything else is the same
//! path.

use std::fmt;
use std::io::{self, BufReader, Read};
use std::marker::PhantomData;

use super::parse::{FIELD_COST, LineEnding, Malformed, Parser, RawRecord, split_simple};
use super::source::Source;
use super::{Columns, DEFAULT_MAX_RECORD_BYTES, DELETE, Record, TextEncoding, field_text};
use crate::check::same;
use crate::error::{Rule, ValidationError, ValidationErrors};
use crate::item::{Item, Mode, Shape, has_conditions};
use crate::messages::{Message, Messages};
use crate::pointer::Pointer;

/// Reads records of type `T` from CSV bytes, as an iterator of [`Row`]s, or one lent row at a time
/// with [`Reader::next_row`] (no allocation per record: the way to check a large file).
///
/// Memory stays bounded whatever the input: one record is held at a time, and a record larger than
/// [`Reader::max_record_bytes`] (1 MiB unless told) is one row of no
/// fields with one `size` violation ([`Rule::RecordTooLarge`]), after which reading resumes past the
/// next line break, quoted or not (a quote left open would otherwise make the rest of the file one
/// record). An `Err` is an I/O error of the input; everything wrong with the file's content is a
/// [`Violation`] of its row.
///
/// A row whose number of fields is not the layout's (or, in a named-column file, line 2's) has no
/// record: every value after the first missing or extra field would be in another item's column.
/// It keeps its fields as read ([`Row::fields`]), and [`super::Writer::write_row`] writes them back
/// as they were, never shifted.
///
/// Two dialects, chosen by the layout:
///
/// - **Care-plan** (positional; the default): MS932, no header, the fields of each record are the
///   layout's items in order. Line endings may be CR LF, LF or CR (the spec does not say); every
///   record must end its line as the first one does. A file that is not MS932 is one `encoding`
///   violation ([`Rule::FileEncoding`]) naming what it looks like: UTF-8, when it starts with a UTF-8
///   byte-order mark or when its first field holding non-ASCII bytes is UTF-8 text with a character
///   of three bytes or more (a field of two-byte sequences only, which half-width katakana in MS932
///   can be, does not decide); UTF-16LE or UTF-16BE, when it starts with that byte-order mark. The
///   rest of the file is then read in that encoding, every other rule checked on its text, and the
///   finding is not repeated (a later field that is not even in that encoding is `encoding` at its
///   column).
/// - **Named columns** (LIFE, CSV連携仕様書 4.2–4.4; a layout with [`Shape::named`], e.g. derived with
///   `#[ltcip(csv(id = "SERVICE_USER_INFO"))]`): line 1 holds the data type, line 2 the item names
///   (the items' keys) in any order and any subset, records start on line 3. Fields are matched to
///   items by line 2; violations carry the file's own column. An item missing from line 2 reads as
///   empty; a required one is reported once, at line 2. One half-width space ([`DELETE`]) is Null for
///   every check. The encoding is UTF-8 (with or without a byte-order mark) or MS932, found per file
///   ([`Reader::encoding`]); a file that starts with a UTF-16 byte-order mark is one `encoding`
///   violation at line 1 ([`Rule::FileEncoding`]), and is read as its text. The violations of lines
///   1 and 2 come with the first row (and from [`Reader::header_violations`], the one place they are
///   for a file with no record).
///
/// `T` is a [`Record`] type, or [`Untyped`] for a layout known only at run time
/// ([`Reader::with_shape`]), whose rows hold each record as the text of its columns.
pub struct Reader<R, T> {
    /// The layout's items, one per column (in the care-plan dialect).
    items: &'static [Item<'static>],
    parser: Parser<BufReader<Source<R>>>,
    raw: RawRecord,
    started: bool,
    ending: Option<LineEnding>,
    /// The current record's texts.
    fields: Fields,
    /// The encoding texts are decoded from, once found (either dialect).
    decoding: Decoding,
    /// A finding about the whole file's encoding made before the first record (a byte-order mark),
    /// handed out with the first row of a care-plan file.
    file_encoding: Option<Violation>,
    /// The items whose value must be the same in every record (by index), with the first record's
    /// line and value.
    uniform: Vec<(usize, Option<(u64, String)>)>,
    /// The mode the checks run in.
    mode: Mode,
    /// Some item is required under conditions on others: checked on each record.
    conditions: bool,
    /// No item has a rule of [`Item::has_extra_rules`] (a care-plan layout): each field is checked
    /// by [`Item::check_decoded_plain`].
    plain: bool,
    /// The named-column dialect's state; `None` for the care-plan dialect.
    named: Option<Box<Named>>,
    /// The row [`Reader::next_row`] lends, kept to be refilled.
    row: Option<Row<T>>,
    /// The lent row's record while the row has none (its fields did not fit the layout), kept to be
    /// refilled by the next whole row.
    spare: Option<T>,
    _record: PhantomData<fn() -> T>,
}

/// What lines 1 and 2 of a named-column file said, and the encoding found.
#[derive(Clone, Debug, PartialEq)]
struct Named {
    /// The data type line 1 must hold.
    id: &'static str,
    /// For each field of line 2 (file column, from 0), the item it names; `None` for a name that is
    /// unknown or given before.
    columns: Vec<Option<usize>>,
    /// For each item, the file column (from 0) that holds it; `None` when line 2 does not name it.
    positions: Vec<Option<usize>>,
    /// The keys of the items line 2 names, in file order.
    keys: Vec<&'static str>,
    /// Line 2 has been read.
    names_read: bool,
    /// Line 2 as read: every name, unknown and repeated ones included.
    names: Vec<String>,
    /// Some column of line 2 names no item (or one named before): its values live only in the rows'
    /// fields as read, which every row therefore keeps.
    unclaimed: bool,
    /// Violations of lines 1 and 2.
    violations: Vec<Violation>,
    /// They were handed out with the first row.
    handed: bool,
}

/// The encoding a file's texts are decoded from, once found: in a named-column file, the file's
/// (UTF-8 or MS932); in a care-plan file, MS932 unless the file was found to be in another.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Decoding {
    encoding: Option<TextEncoding>,
    /// The line whose field decided it; `None` for a byte-order mark (or not yet decided).
    decided_on: Option<u64>,
    /// A care-plan file was reported not to be MS932 already (it starts with a byte-order mark): the
    /// field that decides is not reported again.
    reported: bool,
}

/// The buffer of a reader of a part of a file already in memory: records are copied through it.
const RESUMED_BUFFER: usize = 64 * 1024;

/// Whether a field's non-ASCII `bytes` tell a care-plan file's encoding: `Some(true)` for UTF-8
/// text with a character of three bytes or more (Japanese text in UTF-8), `Some(false)` for bytes
/// that are not UTF-8, `None` for UTF-8 of two-byte sequences alone, which MS932 text can be (a
/// half-width katakana from ｡ to ﾟ followed by one from ｡ to ｿ: ﾏｷ is the UTF-8 of U+03F7).
fn tells_utf8(bytes: &[u8]) -> Option<bool> {
    match std::str::from_utf8(bytes) {
        Ok(_) if bytes.iter().any(|&b| b >= 0xE0) => Some(true),
        Ok(_) => None,
        Err(_) => Some(false),
    }
}

/// How a row read stands: whole, or without a record (and why).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Whole,
    Broken(NoRecordReason),
}

impl Decoding {
    /// Whether texts are checked as decoded from MS932 (ASCII-only files included: their text is
    /// the same either way).
    fn ms932(self) -> bool {
        !matches!(self.encoding, Some(TextEncoding::Utf8 { .. }))
    }
}

/// The record type of a [`Reader`] whose layout is known only at run time (built from a workbook, as
/// `ltcip-codegen validate` does): its rows hold each record as `Vec<String>`, the text of every
/// column in order (an unreadable field as decoded with U+FFFD in place of the bad bytes; in a
/// named-column file, an item line 2 does not name empty). The reading and every check are those of
/// a typed reader, a row whose number of fields is wrong included: it has no record, and keeps its
/// fields as read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Untyped {}

impl<R, T> fmt::Debug for Reader<R, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reader")
            .field("line", &self.raw.line)
            .field("ending", &self.ending)
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

impl<R: Read, T: Record> Reader<R, T> {
    /// A reader of `input` (buffered here: pass the file itself).
    pub fn new(input: R) -> Self {
        Self::with_buffer(input, 64 * 1024)
    }

    /// A reader with a read buffer of `capacity` bytes.
    pub fn with_buffer(input: R, capacity: usize) -> Self {
        Self::of_shape(input, capacity, T::SHAPE)
    }
}

impl<R: Read> Reader<R, Untyped> {
    /// A reader of `input` against a layout known only at run time, e.g. built from a workbook. It reads
    /// and checks exactly as a reader of a generated record type with this shape does (a named-column
    /// shape included: its rows hold the texts in layout order).
    ///
    /// The shape is `'static` because the reader's type has no lifetime; a one-shot tool can leak it
    /// (`Box::leak`), a long-running one builds each layout's shape once.
    pub fn with_shape(input: R, shape: &'static Shape<'static>) -> Self {
        Self::with_shape_and_buffer(input, shape, 64 * 1024)
    }

    /// [`Reader::with_shape`] with a read buffer of `capacity` bytes.
    pub fn with_shape_and_buffer(input: R, shape: &'static Shape<'static>, capacity: usize) -> Self {
        Self::of_shape(input, capacity, shape)
    }
}

impl<R, T> Reader<R, T> {
    /// How the file's first record ended its line (`None` before it is read, or for a file of one
    /// record without a final line break); in a named-column file, how line 1 ended. Pass it to
    /// [`super::Writer::line_ending`] to write the file back as it came.
    pub fn line_ending(&self) -> Option<LineEnding> {
        self.ending
    }

    /// Checks in `mode` (which of the spec's 必須 marks apply, see [`Mode`]) rather than
    /// [`Mode::Final`]: the records' items, and which items line 2 of a named-column file must name.
    /// Set it before the first row is read.
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// The file's encoding: always MS932 in the care-plan dialect (the encoding its files must be in,
    /// whatever this file was found to be: see [`Rule::FileEncoding`]); in a named-column file, `None`
    /// until a byte-order mark or a field holding non-ASCII bytes has decided it (a file of ASCII alone
    /// never does), and UTF-8 with a byte-order mark for a file found to be UTF-16 (which LIFE does not
    /// allow). Pass it to [`super::Writer::encoding`] to write the file back as it came.
    pub fn encoding(&self) -> Option<TextEncoding> {
        match &self.named {
            Some(_) => self.decoding.encoding,
            None => Some(TextEncoding::Ms932),
        }
    }

    /// Makes a record larger than `limit` one row of no fields with one `size` violation
    /// ([`Rule::RecordTooLarge`]): a record of more than `limit` bytes (its line break aside), or of
    /// more than `limit / 16` fields (each field's place takes 16 bytes of memory). Reading resumes
    /// after the first line break, quoted or not, past the byte (or the comma) where the record became
    /// too large, however the input is buffered. The default, [`DEFAULT_MAX_RECORD_BYTES`] (1 MiB), is
    /// far above any real record (a care-plan record is a few hundred bytes); memory stays within a few
    /// times the limit whatever the input. Set it before the first row is read.
    pub fn max_record_bytes(mut self, limit: usize) -> Self {
        self.parser.set_limit(limit);
        self
    }

    /// Line 2 of a named-column file as read, once read: every name, in file order, those that name
    /// no item or name one again included (unlike [`Reader::columns`]); `None` before, and in the
    /// care-plan dialect. Pass them to [`super::Writer::names`] to write the file back with the same
    /// line 2 and, through [`super::Writer::write_row`], every value of every column.
    pub fn header_names(&self) -> Option<&[String]> {
        self.named.as_ref().filter(|named| named.names_read).map(|named| &named.names[..])
    }

    /// The keys of the items line 2 of a named-column file names, in file order (a name unknown or
    /// given again left out), once line 2 is read; `None` before, and in the care-plan dialect. Pass
    /// them to [`super::Writer::columns`] to write the file back with the same columns.
    pub fn columns(&self) -> Option<&[&'static str]> {
        self.named.as_ref().filter(|named| named.names_read).map(|named| &named.keys[..])
    }

    /// The violations of lines 1 and 2 of a named-column file (its data type and item names), once
    /// read (by the first call for a row). The first row carries them too; for a file with no record
    /// after its header, this is where they are. Empty in the care-plan dialect.
    pub fn header_violations(&self) -> &[Violation] {
        self.named.as_ref().map_or(&[], |named| &named.violations[..])
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

/// What a reader carries from one record to the next: the file's line ending and encoding, the
/// first values of the items that must be the same in every record, what lines 1 and 2 of a
/// named-column file said, and a finding about the file's encoding not yet handed out. A file read
/// in parts ([`super::parallel`]) reads each part with the state the part before left.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Carry {
    ending: Option<LineEnding>,
    decoding: Decoding,
    uniform: Vec<(usize, Option<(u64, String)>)>,
    file_encoding: Option<Violation>,
    named: Option<Box<Named>>,
}

impl Carry {
    /// The violations of lines 1 and 2 of a named-column file ([`Reader::header_violations`]).
    pub(super) fn header_violations(&self) -> &[Violation] {
        self.named.as_ref().map_or(&[], |named| &named.violations)
    }
}

impl<R: Read, T> Reader<R, T> {
    fn of_shape(input: R, capacity: usize, shape: &'static Shape<'static>) -> Self {
        Self::of_parser(Parser::new(BufReader::with_capacity(capacity.max(1), Source::new(input))), shape)
    }

    /// A reader of `input`, a part of a file that starts at a record boundary on physical line
    /// `line`, with the state the part before it left ([`Reader::carry`]).
    pub(super) fn resume(
        input: R,
        shape: &'static Shape<'static>,
        line: u64,
        carry: Carry,
        mode: Mode,
        limit: usize,
    ) -> Self {
        let parser = Parser::at_line(BufReader::with_capacity(RESUMED_BUFFER, Source::plain(input)), line);
        let mut reader = Self::of_parser(parser, shape).mode(mode).max_record_bytes(limit);
        reader.started = true;
        let Carry { ending, decoding, uniform, file_encoding, named } = carry;
        reader.ending = ending;
        reader.decoding = decoding;
        reader.uniform = uniform;
        reader.file_encoding = file_encoding;
        reader.named = named;
        reader
    }

    /// The state the next record is read with (see [`Carry`]).
    pub(super) fn carry(&self) -> Carry {
        Carry {
            ending: self.ending,
            decoding: self.decoding,
            uniform: self.uniform.clone(),
            file_encoding: self.file_encoding.clone(),
            named: self.named.clone(),
        }
    }

    /// The physical line (from 1) the next record starts on.
    pub(super) fn next_line(&self) -> u64 {
        self.parser.line()
    }

    /// Reads and checks the next record without building it: whether it ended with a line break, and
    /// its violations into `violations`. `Ok(None)` at the end of the input.
    pub(super) fn check_next(&mut self, violations: &mut Vec<Violation>) -> io::Result<Option<bool>> {
        Ok(self.read_checked(violations)?.map(|_| self.raw.ending.is_some()))
    }

    fn of_parser(mut parser: Parser<BufReader<Source<R>>>, shape: &'static Shape<'static>) -> Self {
        let items = shape.items;
        parser.set_limit(DEFAULT_MAX_RECORD_BYTES);
        Reader {
            items,
            parser,
            raw: RawRecord::default(),
            started: false,
            ending: None,
            fields: Fields::default(),
            decoding: Decoding::default(),
            file_encoding: None,
            row: None,
            spare: None,
            uniform: items
                .iter()
                .enumerate()
                .filter(|(_, item)| item.uniform)
                .map(|(index, _)| (index, None))
                .collect(),
            mode: Mode::Final,
            conditions: has_conditions(items),
            plain: !items.iter().any(Item::has_extra_rules),
            named: shape.named.map(|id| {
                Box::new(Named {
                    id,
                    columns: Vec::new(),
                    positions: vec![None; items.len()],
                    keys: Vec::new(),
                    names_read: false,
                    names: Vec::new(),
                    unclaimed: false,
                    violations: Vec::new(),
                    handed: false,
                })
            }),
            _record: PhantomData,
        }
    }

    /// Looks at the start of the input: a UTF-8 byte-order mark (skipped), or a UTF-16 one (the
    /// input is then read as its text, see [`Source`]). Either decides the encoding; a finding about
    /// it (UTF-16 anywhere, UTF-8 in a care-plan file) is returned, for line 1.
    fn start(&mut self) -> io::Result<Option<Violation>> {
        let bom = self.parser.skip_utf8_bom()?;
        let allowed = if self.named.is_some() { "UTF-8 or MS932" } else { "MS932" };
        let found = match self.parser.input().get_ref().utf16() {
            Some(utf16) => Some(utf16.name()),
            None if bom && self.named.is_none() => Some("UTF-8"),
            None => None,
        };
        let utf8 = Decoding { encoding: Some(TextEncoding::Utf8 { bom: true }), decided_on: None, reported: true };
        if found.is_some_and(|found| found != "UTF-8") || (bom && self.named.is_some()) {
            // UTF-16 is read as its text, in UTF-8: written back, it stays Unicode with a mark.
            self.decoding = utf8;
        } else if bom {
            // A care-plan file with a UTF-8 mark: reported; its first field holding non-ASCII bytes
            // still decides how it is read (MS932 text after a stray mark reads as MS932).
            self.decoding.reported = true;
        }
        Ok(found.map(|found| Violation::record(1, Rule::FileEncoding { found, allowed, column: None })))
    }

    /// Reads the next record and checks it: its line, its violations into `violations` and whether
    /// it is whole, its texts into `self.fields`. `Ok(None)` at the end of the input.
    fn read_checked(&mut self, violations: &mut Vec<Violation>) -> io::Result<Option<(u64, Status)>> {
        if !self.started {
            self.started = true;
            let finding = self.start()?;
            if self.named.is_some() {
                self.read_header(finding)?;
            } else {
                self.file_encoding = finding;
            }
        }
        violations.clear();
        if self.named.is_some() {
            return self.read_named(violations);
        }
        let limit = self.parser.limit();
        let decoding = self.decoding;
        let plain = match self.parser.peek_line()? {
            Some(line) => (self.fields.decode_line(line, decoding) && fits(line.len(), self.fields.spans.len(), limit))
                .then_some(line.len()),
            None => None,
        };
        let Some(found) = self.take_record(plain)? else {
            return Ok(None);
        };
        let line = self.raw.line;
        let status = self.check_form(found, violations);
        // After the quoting: in a column with both, the quoting explains the encoding.
        if plain.is_none() {
            self.fields.decode(&self.raw, self.items, &mut self.decoding, violations);
        }
        // A record with missing or extra fields has every later value in the wrong column: checking
        // them against their items would only bury the one real problem.
        if status == Status::Whole {
            self.check_content(line, violations);
        }
        violations.sort_by_key(|v| v.column.unwrap_or(0));
        Ok(Some((line, status)))
    }

    /// Takes the record [`Parser::peek_line`] found and the line split plain (`Some(len)`), or reads
    /// it through the tokenizer: how many fields it has; `None` at the end of the input.
    #[inline]
    fn take_record(&mut self, plain: Option<usize>) -> io::Result<Option<usize>> {
        match plain {
            Some(len) => {
                self.parser.take_line(&mut self.raw, len)?;
                Ok(Some(self.fields.spans.len()))
            }
            None if self.parser.next(&mut self.raw)? => Ok(Some(self.raw.fields().len())),
            None => Ok(None),
        }
    }

    /// [`Reader::read_checked`] in the named-column dialect, lines 1 and 2 read: fields are mapped to
    /// items through line 2, and decoded in the file's encoding.
    fn read_named(&mut self, violations: &mut Vec<Violation>) -> io::Result<Option<(u64, Status)>> {
        let named = self.named.as_deref_mut().expect("the named dialect");
        if !named.handed {
            named.handed = true;
            violations.extend(named.violations.iter().cloned());
        }
        let line_no = self.parser.line();
        let limit = self.parser.limit();
        // What the line says of the file's encoding counts only if the line is read plain: a line
        // larger than the limit decides nothing (its fields are dropped), however much of it the
        // buffer happens to hold.
        let mut decoding = self.decoding;
        let plain = match self.parser.peek_line()? {
            Some(line) => (self.fields.decode_line_named(line, &mut decoding, line_no)
                && fits(line.len(), self.fields.spans.len(), limit))
            .then_some(line.len()),
            None => None,
        };
        if plain.is_some() {
            self.decoding = decoding;
        }
        let Some(found) = self.take_record(plain)? else {
            return Ok(None);
        };
        let line = self.raw.line;
        let status = self.check_form(found, violations);
        let named = self.named.as_deref_mut().expect("the named dialect");
        if plain.is_none() {
            self.fields.decode_named(&self.raw, &mut self.decoding, &named.columns, self.items, violations);
        }
        self.fields.map_layout(&named.positions);
        if status == Status::Whole {
            self.check_content(line, violations);
        }
        violations.sort_by_key(|v| (v.line, v.column.unwrap_or(0)));
        Ok(Some((line, status)))
    }

    /// Reads lines 1 and 2 of a named-column file: the data type and the item names. `finding`: what
    /// the start of the file said about its encoding, reported first.
    fn read_header(&mut self, finding: Option<Violation>) -> io::Result<()> {
        let mut named = self.named.take().expect("the named dialect");
        named.violations.extend(finding);
        let result = self.read_header_lines(&mut named);
        named.names_read = true;
        named.unclaimed = named.columns.iter().any(Option::is_none);
        self.named = Some(named);
        result
    }

    fn read_header_lines(&mut self, named: &mut Named) -> io::Result<()> {
        let id = named.id;
        let out = &mut named.violations;
        if !self.parser.next(&mut self.raw)? {
            out.push(Violation::record(1, Rule::header(Message::new("header.empty").text("id", id))));
            return Ok(());
        }
        let line = self.raw.line;
        self.check_ending(out);
        let limit = self.parser.limit();
        if let Some(oversized) = self.raw.oversized {
            out.push(Violation::record(line, Rule::RecordTooLarge { limit, open_quote: oversized.open_quote }));
        } else {
            header_quoting(&self.raw, self.items.len().max(1), out);
            self.fields.decode_named(&self.raw, &mut self.decoding, &[], self.items, out);
            let count = if self.raw.blank { 0 } else { self.fields.spans.len() };
            let found = self.fields.text(0).trim();
            if found != id {
                out.push(Violation::record(
                    line,
                    Rule::header(Message::new("header.data_type").text("found", found).text("id", id)),
                ));
            } else if (1..count).any(|index| !self.fields.text(index).is_empty()) {
                out.push(Violation::record(
                    line,
                    Rule::header(Message::new("header.data_type_alone").count("count", count)),
                ));
            }
        }
        if !self.parser.next(&mut self.raw)? {
            out.push(Violation::record(line + 1, Rule::header(Message::new("header.names_missing"))));
            return Ok(());
        }
        let line = self.raw.line;
        self.check_ending(out);
        if let Some(oversized) = self.raw.oversized {
            out.push(Violation::record(line, Rule::RecordTooLarge { limit, open_quote: oversized.open_quote }));
            return Ok(());
        }
        header_quoting(&self.raw, self.items.len().max(1), out);
        self.fields.decode_named(&self.raw, &mut self.decoding, &[], self.items, out);
        let count = if self.raw.blank { 0 } else { self.fields.spans.len() };
        if count == 0 {
            out.push(Violation::record(line, Rule::header(Message::new("header.no_names"))));
        }
        for index in 0..count {
            let name = self.fields.text(index);
            named.names.push(name.to_owned());
            let column = index + 1;
            match self.items.iter().position(|item| item.key == name) {
                None => {
                    named.columns.push(None);
                    let rule =
                        Rule::header(Message::new("header.unknown_name").count("column", column).text("name", name));
                    out.push(Violation::at(line, column, None, rule, None));
                }
                Some(item) if named.positions[item].is_some() => {
                    named.columns.push(None);
                    let first = named.positions[item].map_or(0, |first| first + 1);
                    let rule = Rule::header(
                        Message::new("header.repeated_name")
                            .count("column", column)
                            .text("name", name)
                            .count("first", first),
                    );
                    out.push(Violation::at(line, column, Some(&self.items[item]), rule, None));
                }
                Some(item) => {
                    named.columns.push(Some(item));
                    named.positions[item] = Some(index);
                    named.keys.push(self.items[item].key);
                }
            }
        }
        // A line 2 that names nothing says it all.
        for (item, position) in self.items.iter().zip(&named.positions).filter(|_| count > 0) {
            if position.is_none() && item.always_required(self.mode) {
                let rule =
                    Rule::header(Message::new("header.required_missing").text("key", item.key).text("name", item.name));
                out.push(Violation::item(line, None, item, rule, None));
            }
        }
        Ok(())
    }

    /// The first line's ending becomes the file's; another one is a violation of the line.
    #[inline]
    fn check_ending(&mut self, violations: &mut Vec<Violation>) {
        if let Some(found) = self.raw.ending {
            match self.ending {
                None => self.ending = Some(found),
                Some(expected) if expected != found => {
                    let rule = Rule::LineEnding { expected: expected.name(), found: found.name() };
                    violations.push(Violation::record(self.raw.line, rule));
                }
                Some(_) => {}
            }
        }
    }

    /// The item a (1-based) column of the file holds.
    fn item_at(&self, column: usize) -> Option<&'static Item<'static>> {
        let items = self.items;
        match &self.named {
            Some(named) => named.columns.get(column - 1).copied().flatten().map(|index| &items[index]),
            None => items.get(column - 1),
        }
    }

    /// The (1-based) column of the file that holds item `index`.
    fn column_of(&self, index: usize) -> Option<usize> {
        match &self.named {
            Some(named) => named.positions[index].map(|position| position + 1),
            None => Some(index + 1),
        }
    }

    /// Checks what concerns the record as a whole: the file's encoding found at its start, line
    /// ending, size, column count, quoting. Whether the record is whole: its columns match the
    /// layout (or line 2).
    #[inline]
    fn check_form(&mut self, found: usize, violations: &mut Vec<Violation>) -> Status {
        let line = self.raw.line;
        if let Some(finding) = self.file_encoding.take() {
            violations.push(finding);
        }
        self.check_ending(violations);
        if let Some(oversized) = self.raw.oversized {
            let limit = self.parser.limit();
            violations.push(Violation::record(line, Rule::RecordTooLarge { limit, open_quote: oversized.open_quote }));
            return Status::Broken(NoRecordReason::TooLarge { limit });
        }
        let found = if self.raw.blank { 0 } else { found };
        let (status, expected) = match &self.named {
            None => {
                let expected = self.items.len();
                if found == expected {
                    (Status::Whole, expected)
                } else {
                    violations.push(Violation::record(line, Rule::Columns { expected, found }));
                    (Status::Broken(NoRecordReason::Columns { expected, found }), expected)
                }
            }
            Some(named) => {
                let expected = named.columns.len();
                if found == expected {
                    (Status::Whole, expected)
                } else {
                    violations.push(Violation::record(line, Rule::HeaderColumns { expected, found }));
                    (Status::Broken(NoRecordReason::HeaderColumns { expected, found }), expected)
                }
            }
        };
        if self.raw.malformed.is_empty() {
            return status;
        }
        // One per column the layout has at most: a record of a million broken fields is not a million
        // violations.
        for (column, rule) in quoting(&self.raw).into_iter().take(expected.max(1)) {
            violations.push(Violation::at(line, column, self.item_at(column), rule, None));
        }
        status
    }

    /// Checks each text against its item (an unreadable one excepted: its encoding violation says
    /// it all), the items whose value must be the same in every record, and the conditions some
    /// items' requirements put on others.
    fn check_content(&mut self, line: u64, violations: &mut Vec<Violation>) {
        // One collection for the record, emptied into `violations` after each field that breaks a rule.
        let mut errors = ValidationErrors::with_mode(self.mode);
        let ms932 = self.decoding.ms932();
        match &self.named {
            None if !ms932 => self.check_positional::<false, false>(line, &mut errors, violations),
            None if self.plain => self.check_positional::<true, true>(line, &mut errors, violations),
            None => self.check_positional::<false, true>(line, &mut errors, violations),
            Some(named) => {
                let fields = &self.fields;
                for (index, &(start, end)) in fields.spans.iter().enumerate() {
                    let Some(Some(item)) = named.columns.get(index).copied() else { continue };
                    if fields.is_unreadable(index) {
                        continue;
                    }
                    let item = &self.items[item];
                    let text = &fields.text[start..end];
                    let at = Pointer::Root.key(item.key);
                    if text == DELETE {
                        // Null in this dialect, whatever the item says.
                        item.check_absent(&at, &mut errors);
                    } else if ms932 {
                        item.check_decoded(text, &at, &mut errors);
                    } else {
                        item.check_text(text, &at, &mut errors);
                    }
                    if !errors.is_empty() {
                        violations.extend(errors.drain().map(|error| Violation {
                            line,
                            column: Some(index + 1),
                            error,
                        }));
                    }
                }
            }
        }
        for (index, first) in &mut self.uniform {
            let named = self.named.as_deref();
            let text = self.fields.item_text(named.is_some(), *index);
            match first {
                None => *first = Some((line, text.to_owned())),
                Some((first_line, first)) if !same(first, text) => {
                    let rule = Rule::Uniform { first_line: *first_line, first: first.clone() };
                    let column = match named {
                        Some(named) => named.positions[*index].map(|position| position + 1),
                        None => Some(*index + 1),
                    };
                    violations.push(Violation::item(line, column, &self.items[*index], rule, Some(text)));
                }
                Some(_) => {}
            }
        }
        if self.conditions {
            self.check_conditions(line, violations);
        }
    }

    /// Checks each text of a care-plan record against its item (an unreadable one excepted: its
    /// encoding violation says it all); `PLAIN`: no item has a rule of [`Item::has_extra_rules`];
    /// `DECODED`: the texts were decoded from MS932 (not from a file found to be in another encoding).
    #[inline(always)]
    fn check_positional<const PLAIN: bool, const DECODED: bool>(
        &self,
        line: u64,
        errors: &mut ValidationErrors,
        violations: &mut Vec<Violation>,
    ) {
        let fields = &self.fields;
        for (index, (item, &(start, end))) in self.items.iter().zip(&fields.spans).enumerate() {
            // Skipped, too, because `check_decoded` judges only text decoded from MS932, and an
            // unreadable field's text is a lossy decoding.
            if fields.is_unreadable(index) {
                continue;
            }
            let (text, at) = (&fields.text[start..end], Pointer::Root.key(item.key));
            match (PLAIN, DECODED) {
                (true, true) => item.check_decoded_plain(text, &at, errors),
                (false, true) => item.check_decoded(text, &at, errors),
                (_, false) => item.check_text(text, &at, errors),
            }
            if !errors.is_empty() {
                violations.extend(errors.drain().map(|error| Violation { line, column: Some(index + 1), error }));
            }
        }
    }

    /// The conditional requirements of the record's items ([`crate::check_conditions`]).
    fn check_conditions(&self, line: u64, violations: &mut Vec<Violation>) {
        let named = self.named.is_some();
        let texts: Vec<Option<&str>> = (0..self.items.len())
            .map(|index| {
                let absent = named && self.column_of(index).is_none();
                let text = self.fields.item_text(named, index);
                let null = absent || text.is_empty() || (named && text == DELETE);
                (!null).then_some(text)
            })
            .collect();
        crate::check::conditions(self.items, &texts, self.mode, |index, rule| {
            let column = self.column_of(index);
            violations.push(Violation::item(line, column, &self.items[index], rule, None));
        });
    }

    /// The texts of the current record's items, in layout order.
    fn record_texts(&self) -> Columns<'_> {
        self.fields.texts(self.named.is_some(), self.items.len())
    }

    /// The next row, read and checked, its record built as `K` builds them.
    fn next_built<K: Records>(&mut self) -> Option<io::Result<Row<K::Record>>> {
        let mut violations = Vec::new();
        match self.read_checked(&mut violations) {
            Ok(Some((line, status))) => {
                let mut row = Row::empty();
                row.line = line;
                row.violations = violations;
                match status {
                    Status::Whole => row.record = Some(K::build(self.record_texts())),
                    Status::Broken(reason) => row.missing = Some(reason),
                }
                let named = self.named.as_deref();
                fill_extras(
                    &self.fields,
                    named,
                    self.items.len(),
                    status,
                    self.raw.blank,
                    &mut row.kept,
                    &mut row.unreadable,
                );
                Some(Ok(row))
            }
            Ok(None) => None,
            Err(error) => Some(Err(error)),
        }
    }
}

/// The quoting violations of a record: one per field, the first explaining the rest (a quote left
/// open mid-file runs to the next quote, which then looks like text after a closing quote, and so
/// on). A quote left open to the end of the file is the one that explains most.
fn quoting(raw: &RawRecord) -> Vec<(usize, Rule)> {
    let open = raw.malformed.iter().find(|(_, m)| *m == Malformed::Unclosed).map(|(c, _)| *c);
    let mut reported: Vec<(usize, Rule)> = Vec::new();
    for &(column, malformed) in &raw.malformed {
        if reported.iter().any(|(c, _)| *c == column) || (open == Some(column) && malformed != Malformed::Unclosed) {
            continue;
        }
        reported.push((column, Rule::Quoting { detail: Message::new(malformed.key()) }));
    }
    reported
}

/// The quoting violations of a header line (no item is in any column yet), as many as `cap` at most.
fn header_quoting(raw: &RawRecord, cap: usize, violations: &mut Vec<Violation>) {
    for (column, rule) in quoting(raw).into_iter().take(cap) {
        violations.push(Violation::at(raw.line, column, None, rule, None));
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
    ///         invalid.push((row.line(), row.record()?.insurer_number.clone()));
    ///     }
    /// }
    /// assert_eq!(invalid, [(2, "13100X".to_owned())]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_row(&mut self) -> Option<io::Result<&Row<T>>> {
        let mut violations = self.row.as_mut().map(|row| std::mem::take(&mut row.violations)).unwrap_or_default();
        let (line, status) = match self.read_checked(&mut violations) {
            Ok(Some(read)) => read,
            Ok(None) => return None,
            Err(error) => return Some(Err(error)),
        };
        let row = self.row.get_or_insert_with(Row::empty);
        match status {
            Status::Whole => {
                if row.record.is_none() {
                    row.record = self.spare.take();
                }
                let mut texts = self.fields.texts(self.named.is_some(), self.items.len());
                // The record is refilled where it is: a record of many columns is not moved in and out.
                match &mut row.record {
                    Some(record) => record.assign_columns(&mut texts),
                    None => row.record = Some(<T as Records>::build(texts)),
                }
                row.missing = None;
            }
            Status::Broken(reason) => {
                // Kept for the next whole row to refill.
                if let Some(record) = row.record.take() {
                    self.spare = Some(record);
                }
                row.missing = Some(reason);
            }
        }
        row.line = line;
        row.violations = violations;
        let named = self.named.as_deref();
        fill_extras(&self.fields, named, self.items.len(), status, self.raw.blank, &mut row.kept, &mut row.unreadable);
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

/// A record's fields as text: decoded into one buffer, reused from record to record.
#[derive(Debug, Default)]
struct Fields {
    text: String,
    /// Where each field is in `text`.
    spans: Vec<(usize, usize)>,
    /// In a named-column file, where each item's field is in `text` (`(0, 0)` for an item line 2
    /// does not name).
    layout: Vec<(usize, usize)>,
    /// The record was split as its whole line (`text` holds the line, quotes included): a field was
    /// quoted when a quote is just before it. Otherwise `quoted` says, field by field.
    whole_line: bool,
    /// Whether each field was quoted in the file, when read by the tokenizer.
    quoted: Vec<bool>,
    /// Fields that are not in the encoding the file is read in (MS932, or what the file was found
    /// to be): their text is the lossy decoding. Their bytes are in `bad`.
    unreadable: Vec<Unread>,
    bad: Vec<u8>,
}

/// A field whose bytes are not in the encoding it was read in.
#[derive(Clone, Copy, Debug)]
struct Unread {
    /// The field's index in the record.
    index: usize,
    /// Where its bytes are in [`Fields::bad`].
    start: usize,
    end: usize,
    encoding: TextEncoding,
}

/// Whether a record split whole fits the limit, as the tokenizer judges it (see
/// [`Parser::set_limit`]): `len` bytes, `fields` fields.
#[inline]
fn fits(len: usize, fields: usize, limit: usize) -> bool {
    len <= limit && fields <= limit / FIELD_COST
}

impl Fields {
    /// Decodes and splits a record that is its `line`, quoted simply; `false` (and nothing held) when
    /// the line is not in the encoding or not quoted simply, or holds the first non-ASCII bytes of a
    /// file whose encoding is not decided (each field then tells in turn): the tokenizer then reads
    /// it, and reports why.
    #[inline]
    fn decode_line(&mut self, line: &[u8], decoding: Decoding) -> bool {
        self.clear();
        self.whole_line = true;
        // An MS932 trail byte is never a comma or a quote: the text splits as the bytes would.
        let decoded = match decoding.encoding {
            Some(TextEncoding::Ms932) => decode_into(line, &mut self.text),
            Some(TextEncoding::Utf8 { .. }) => match std::str::from_utf8(line) {
                Ok(text) => {
                    self.text.push_str(text);
                    true
                }
                Err(_) => false,
            },
            // ASCII is the same text in any encoding this reader reads.
            None => match std::str::from_utf8(line) {
                Ok(text) if text.is_ascii() => {
                    self.text.push_str(text);
                    true
                }
                _ => false,
            },
        };
        if decoded && split_simple(self.text.as_bytes(), &mut self.spans) {
            return true;
        }
        self.clear();
        false
    }

    /// Decodes every field of `raw`, a care-plan record, reporting what is not MS932, or not in the
    /// encoding the file was found to be in; the file's first field holding non-ASCII bytes that
    /// are UTF-8 text finds it UTF-8 (see [`tells_utf8`]), once.
    fn decode(
        &mut self,
        raw: &RawRecord,
        items: &[Item<'_>],
        decoding: &mut Decoding,
        violations: &mut Vec<Violation>,
    ) {
        self.clear();
        for (index, bytes) in raw.fields().enumerate() {
            let start = self.text.len();
            self.quoted.push(raw.quoted(index));
            if bytes.is_ascii() {
                self.text.push_str(std::str::from_utf8(bytes).unwrap_or_default());
                self.spans.push((start, self.text.len()));
                continue;
            }
            if decoding.encoding.is_none() {
                match tells_utf8(bytes) {
                    Some(true) => {
                        if !decoding.reported {
                            let rule = Rule::FileEncoding { found: "UTF-8", allowed: "MS932", column: Some(index + 1) };
                            violations.push(Violation::record(raw.line, rule));
                        }
                        *decoding = Decoding {
                            encoding: Some(TextEncoding::Utf8 { bom: false }),
                            decided_on: Some(raw.line),
                            reported: true,
                        };
                    }
                    Some(false) => {
                        decoding.encoding = Some(TextEncoding::Ms932);
                        decoding.decided_on = Some(raw.line);
                    }
                    None => {}
                }
            }
            match decoding.encoding {
                Some(TextEncoding::Utf8 { .. }) => {
                    if let Err((at, shown)) = decode_utf8(bytes, &mut self.text) {
                        let rule = Rule::Undecodable {
                            encoding: "UTF-8",
                            bytes: shown,
                            position: at + 1,
                            decided_on: decoding.decided_on,
                        };
                        let text = &self.text[start..];
                        violations.push(Violation::at(raw.line, index + 1, items.get(index), rule, Some(text)));
                        self.unread(index, bytes, TextEncoding::Utf8 { bom: false });
                    }
                }
                _ => {
                    if !decode_into(bytes, &mut self.text) {
                        self.text.truncate(start);
                        let detail = undecodable(bytes);
                        let (lossy, _) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
                        self.text.push_str(&lossy);
                        let rule = Rule::Encoding { detail };
                        violations.push(Violation::at(raw.line, index + 1, items.get(index), rule, Some(&lossy)));
                        self.unread(index, bytes, TextEncoding::Ms932);
                    }
                }
            }
            self.spans.push((start, self.text.len()));
        }
    }

    /// Keeps the bytes of field `index`, not in `encoding`.
    fn unread(&mut self, index: usize, bytes: &[u8], encoding: TextEncoding) {
        let start = self.bad.len();
        self.bad.extend_from_slice(bytes);
        self.unreadable.push(Unread { index, start, end: self.bad.len(), encoding });
    }

    /// Whether field `index` is not in the encoding it was read in.
    #[inline]
    fn is_unreadable(&self, index: usize) -> bool {
        !self.unreadable.is_empty() && self.unreadable.iter().any(|unread| unread.index == index)
    }

    /// Whether field `index` was quoted in the file.
    fn quoted_at(&self, index: usize) -> bool {
        if self.whole_line {
            self.spans.get(index).is_some_and(|&(start, _)| start > 0 && self.text.as_bytes()[start - 1] == b'"')
        } else {
            self.quoted.get(index).copied().unwrap_or(false)
        }
    }

    /// Decodes and splits a record of a named-column file that is its `line`, quoted simply;
    /// `false` (and nothing held) when the tokenizer must read it: the line is not in the file's
    /// encoding, not quoted simply, or holds the first non-ASCII bytes of a file whose line is not
    /// UTF-8 (each field then decides in turn). A line that is UTF-8 decides UTF-8: its first field
    /// holding non-ASCII bytes is UTF-8. `line_no`: the line's number.
    fn decode_line_named(&mut self, line: &[u8], decoding: &mut Decoding, line_no: u64) -> bool {
        self.clear();
        self.whole_line = true;
        let mut decides = false;
        let decoded = match decoding.encoding {
            Some(TextEncoding::Ms932) => decode_into(line, &mut self.text),
            Some(TextEncoding::Utf8 { .. }) | None => match std::str::from_utf8(line) {
                Ok(text) => {
                    decides = decoding.encoding.is_none() && !text.is_ascii();
                    self.text.push_str(text);
                    true
                }
                Err(_) => false,
            },
        };
        if decoded && split_simple(self.text.as_bytes(), &mut self.spans) {
            // Only a line that is its record decides: a record that goes on past its first line (a
            // quoted line break) is decided field by field, whole, by the tokenizer, as it is when the
            // buffer does not hold the line.
            if decides {
                decoding.encoding = Some(TextEncoding::Utf8 { bom: false });
                decoding.decided_on = Some(line_no);
            }
            return true;
        }
        self.clear();
        false
    }

    /// Decodes every field of `raw`, a line of a named-column file, in the file's encoding (deciding
    /// it at the first field holding non-ASCII bytes), reporting what is not in it. `columns` gives
    /// the item of each field, for the violations.
    fn decode_named(
        &mut self,
        raw: &RawRecord,
        decoding: &mut Decoding,
        columns: &[Option<usize>],
        items: &'static [Item<'static>],
        violations: &mut Vec<Violation>,
    ) {
        self.clear();
        for (index, bytes) in raw.fields().enumerate() {
            let start = self.text.len();
            self.quoted.push(raw.quoted(index));
            if bytes.is_ascii() {
                // ASCII is the same text in either encoding.
                self.text.push_str(std::str::from_utf8(bytes).unwrap_or_default());
                self.spans.push((start, self.text.len()));
                continue;
            }
            let encoding = *decoding.encoding.get_or_insert_with(|| {
                decoding.decided_on = Some(raw.line);
                if std::str::from_utf8(bytes).is_ok() { TextEncoding::Utf8 { bom: false } } else { TextEncoding::Ms932 }
            });
            let error = match encoding {
                TextEncoding::Ms932 => {
                    if decode_into(bytes, &mut self.text) {
                        None
                    } else {
                        self.text.truncate(start);
                        let (at, shown) = ms932_error(bytes);
                        let (lossy, _) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
                        self.text.push_str(&lossy);
                        Some((at, shown))
                    }
                }
                TextEncoding::Utf8 { .. } => decode_utf8(bytes, &mut self.text).err(),
            };
            if let Some((at, shown)) = error {
                let rule = Rule::Undecodable {
                    encoding: encoding.name(),
                    bytes: shown,
                    position: at + 1,
                    decided_on: decoding.decided_on,
                };
                let item = columns.get(index).copied().flatten().map(|item| &items[item]);
                let text = &self.text[start..];
                violations.push(Violation::at(raw.line, index + 1, item, rule, Some(text)));
                self.unread(index, bytes, encoding);
            }
            self.spans.push((start, self.text.len()));
        }
    }

    /// Lays the fields out by item: `positions` gives the field of each item.
    fn map_layout(&mut self, positions: &[Option<usize>]) {
        self.layout.clear();
        let spans = &self.spans;
        self.layout
            .extend(positions.iter().map(|position| position.and_then(|at| spans.get(at).copied()).unwrap_or((0, 0))));
    }

    #[inline]
    fn clear(&mut self) {
        self.text.clear();
        self.spans.clear();
        self.whole_line = false;
        self.quoted.clear();
        if !self.unreadable.is_empty() {
            self.unreadable.clear();
            self.bad.clear();
        }
    }

    /// The text of field `index`; empty for a field the record lacks.
    #[inline]
    fn text(&self, index: usize) -> &str {
        field_text(&self.text, &self.spans, index)
    }

    /// The text of item `index`: field `index`, or in a named-column file (`named`) the field line 2
    /// gives it (empty when none).
    #[inline]
    fn item_text(&self, named: bool, index: usize) -> &str {
        field_text(&self.text, if named { &self.layout } else { &self.spans }, index)
    }

    /// The texts of the first `count` items (empty ones for those the record lacks).
    fn texts(&self, named: bool, count: usize) -> Columns<'_> {
        Columns::new(&self.text, if named { &self.layout } else { &self.spans }, count)
    }
}

/// Appends the UTF-8 `bytes` to `text`; when they are not UTF-8, their lossy decoding, and where
/// the first bad sequence starts (from 0) with its bytes as [`show_bytes`] writes them.
fn decode_utf8(bytes: &[u8], text: &mut String) -> Result<(), (usize, String)> {
    match std::str::from_utf8(bytes) {
        Ok(valid) => {
            text.push_str(valid);
            Ok(())
        }
        Err(error) => {
            let at = error.valid_up_to();
            text.push_str(&String::from_utf8_lossy(bytes));
            Err((at, show_bytes(&bytes[at..])))
        }
    }
}

/// What a row keeps besides its record: its fields as read, when it has no record or holds values
/// no item claims, and the bytes of fields not in the encoding they were read in. Nothing, for a
/// whole row of a file whose columns are all items' (what a valid file is made of).
#[inline(always)]
fn fill_extras(
    fields: &Fields,
    named: Option<&Named>,
    items: usize,
    status: Status,
    blank: bool,
    kept: &mut Kept,
    unreadable: &mut Vec<Unreadable>,
) {
    let keep = match status {
        Status::Whole => named.is_some_and(|named| named.unclaimed),
        Status::Broken(NoRecordReason::TooLarge { .. }) => false,
        Status::Broken(_) => true,
    };
    // `kept` holds nothing when not present.
    if keep || kept.present || !fields.unreadable.is_empty() || !unreadable.is_empty() {
        fill_extras_slow(fields, named, items, keep, blank, kept, unreadable);
    }
}

#[cold]
#[inline(never)]
fn fill_extras_slow(
    fields: &Fields,
    named: Option<&Named>,
    items: usize,
    keep: bool,
    blank: bool,
    kept: &mut Kept,
    unreadable: &mut Vec<Unreadable>,
) {
    kept.clear();
    if keep {
        kept.present = true;
        // A blank line is a record of no fields.
        for (index, &(start, end)) in fields.spans.iter().enumerate().filter(|_| !blank) {
            let at = kept.text.len();
            kept.text.push_str(&fields.text[start..end]);
            kept.spans.push((at, kept.text.len()));
            kept.quoted.push(fields.quoted_at(index));
        }
    }
    unreadable.clear();
    for unread in &fields.unreadable {
        let item = match named {
            Some(named) => named.columns.get(unread.index).copied().flatten(),
            None => (unread.index < items).then_some(unread.index),
        };
        unreadable.push(Unreadable {
            column: unread.index,
            item,
            bytes: fields.bad[unread.start..unread.end].to_vec(),
            text: fields.text(unread.index).to_owned(),
            encoding: unread.encoding,
        });
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
fn undecodable(bytes: &[u8]) -> Message {
    let (at, shown) = ms932_error(bytes);
    Message::new("encoding.bytes").text("bytes", shown).count("position", at + 1)
}

/// Where (from 0) the first byte sequence of `bytes` that MS932 rejects starts, and its bytes as
/// [`show_bytes`] writes them.
fn ms932_error(bytes: &[u8]) -> (usize, String) {
    let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    let at = match result {
        encoding_rs::DecoderResult::Malformed(bad, after) => read.saturating_sub(usize::from(bad) + usize::from(after)),
        _ => read,
    }
    .min(bytes.len().saturating_sub(1));
    (at, show_bytes(&bytes[at..]))
}

/// The first two of `bytes`, as `0x82 0xA0`.
fn show_bytes(bytes: &[u8]) -> String {
    let shown: Vec<String> = bytes.iter().take(2).map(|b| format!("0x{b:02X}")).collect();
    shown.join(" ")
}

impl Malformed {
    /// Its key in [`crate::messages`].
    fn key(self) -> &'static str {
        match self {
            Malformed::Unclosed => "quoting.unclosed",
            Malformed::Stray => "quoting.stray",
            Malformed::AfterClosing => "quoting.after_closing",
        }
    }
}

/// One record of a file, with what is wrong with it.
///
/// A row whose fields fit the layout (as many as it has items, or as line 2 names) holds its record.
/// One whose fields do not has none ([`Row::record`] says why, naming the line): built, it would hold
/// every value after the first missing or extra field in another item's column. It keeps its fields
/// as read instead ([`Row::fields`]), which [`super::Writer::write_row`] writes back as they were.
#[derive(Clone, Debug, PartialEq)]
pub struct Row<T> {
    line: u64,
    record: Option<T>,
    /// Why there is no record.
    missing: Option<NoRecordReason>,
    kept: Kept,
    unreadable: Vec<Unreadable>,
    violations: Vec<Violation>,
}

/// The fields of a row as read: their texts, and whether each was quoted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Kept {
    /// The row keeps its fields (which may be none: a blank line).
    pub present: bool,
    pub text: String,
    pub spans: Vec<(usize, usize)>,
    pub quoted: Vec<bool>,
}

impl Kept {
    fn clear(&mut self) {
        self.present = false;
        self.text.clear();
        self.spans.clear();
        self.quoted.clear();
    }

    /// The text of field `index`, and whether it was quoted; `None` past the last field.
    pub fn field(&self, index: usize) -> Option<(&str, bool)> {
        let &(start, end) = self.spans.get(index)?;
        Some((&self.text[start..end], self.quoted.get(index).copied().unwrap_or(false)))
    }
}

/// A field whose bytes are not in the encoding it was read in, as read: written back as these bytes
/// when its text is unchanged and the writer writes that encoding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Unreadable {
    /// The field's column in the file (from 0).
    pub column: usize,
    /// The item it holds (its index in the layout), if any.
    pub item: Option<usize>,
    /// Its bytes, as read.
    pub bytes: Vec<u8>,
    /// Its text as decoded (U+FFFD for the bad bytes).
    pub text: String,
    /// The encoding it was read in.
    pub encoding: TextEncoding,
}

impl<T> Row<T> {
    fn empty() -> Self {
        Row {
            line: 0,
            record: None,
            missing: None,
            kept: Kept::default(),
            unreadable: Vec::new(),
            violations: Vec::new(),
        }
    }

    /// The line (from 1) the record starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The record. With violations it holds what the file had (an unreadable field as decoded with
    /// U+FFFD in place of the bad bytes; an empty field of an optional item as `None`).
    ///
    /// `Err` for a row whose fields do not fit the layout (another number of fields than the layout
    /// has items, or than line 2 names; a record larger than the reader's limit): its fields are in
    /// [`Row::fields`], as read. The error names the line and why, so that `row.record()?` stops a
    /// vendor's import with a message rather than with values in the wrong columns.
    pub fn record(&self) -> Result<&T, NoRecord> {
        self.record.as_ref().ok_or_else(|| self.no_record())
    }

    /// The record, taken out of the row; `Err` as for [`Row::record`].
    pub fn into_record(self) -> Result<T, NoRecord> {
        let no_record = self.no_record();
        self.record.ok_or(no_record)
    }

    fn no_record(&self) -> NoRecord {
        NoRecord { line: self.line, reason: self.missing.unwrap_or(NoRecordReason::TooLarge { limit: 0 }) }
    }

    /// The fields as read, in file order (quotes removed, `""` undoubled, an unreadable field as
    /// decoded with U+FFFD in place of the bad bytes), for a row that keeps them: one without a record
    /// because its number of fields is wrong, and every row of a named-column file whose line 2 has
    /// names no item claims (their values are nowhere else). `None` for any other row (its record
    /// holds its values) and for a record larger than the reader's limit (nothing of it was kept).
    pub fn fields(&self) -> Option<RowFields<'_>> {
        self.kept.present.then_some(RowFields { kept: &self.kept, index: 0 })
    }

    /// Every violation in the record, by column.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Whether the record breaks no rule.
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty()
    }

    /// The record, if any.
    pub(crate) fn record_opt(&self) -> Option<&T> {
        self.record.as_ref()
    }

    /// The fields as read, when kept.
    pub(crate) fn kept(&self) -> Option<&Kept> {
        self.kept.present.then_some(&self.kept)
    }

    /// The fields not in the encoding they were read in.
    pub(crate) fn unreadable(&self) -> &[Unreadable] {
        &self.unreadable
    }
}

/// The fields of a [`Row`] as read ([`Row::fields`]).
#[derive(Clone, Debug)]
pub struct RowFields<'a> {
    kept: &'a Kept,
    index: usize,
}

impl<'a> Iterator for RowFields<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let (text, _) = self.kept.field(self.index)?;
        self.index += 1;
        Some(text)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.kept.spans.len() - self.index;
        (left, Some(left))
    }
}

impl ExactSizeIterator for RowFields<'_> {}

/// Why a [`Row`] has no record ([`Row::record`], [`Row::into_record`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoRecord {
    line: u64,
    reason: NoRecordReason,
}

impl NoRecord {
    /// The line (from 1) the row starts on.
    pub fn line(&self) -> u64 {
        self.line
    }

    /// Why the row has no record.
    pub fn reason(&self) -> NoRecordReason {
        self.reason
    }
}

/// Why a row has no record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NoRecordReason {
    /// A care-plan record with another number of fields than the layout has items.
    Columns {
        /// Items of the layout.
        expected: usize,
        /// Fields in the record.
        found: usize,
    },
    /// A record of a named-column file with another number of fields than line 2 names.
    HeaderColumns {
        /// Names on line 2.
        expected: usize,
        /// Fields in the record.
        found: usize,
    },
    /// A record larger than the reader's limit ([`Reader::max_record_bytes`]): nothing of it was kept.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
}

impl NoRecord {
    /// Why the line has no record, in no language yet.
    pub fn message(&self) -> Message {
        let message = match self.reason {
            NoRecordReason::Columns { expected, found } => {
                Message::new("no_record.columns").count("found", found).count("expected", expected)
            }
            NoRecordReason::HeaderColumns { expected, found } => {
                Message::new("no_record.header_columns").count("found", found).count("expected", expected)
            }
            NoRecordReason::TooLarge { limit } => Message::new("no_record.too_large").count("limit", limit),
        };
        message.count("line", self.line)
    }

    /// In English.
    pub fn message_en(&self) -> String {
        self.message().en()
    }

    /// In Japanese.
    pub fn message_ja(&self) -> String {
        self.message().ja()
    }
}

impl fmt::Display for NoRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message_en(), self.message_ja())
    }
}

impl std::error::Error for NoRecord {}

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

    /// A violation `error` found in a record at `line`, in `column`.
    pub(crate) fn from_error(line: u64, column: Option<usize>, error: ValidationError) -> Self {
        Violation { line, column, error }
    }

    fn record(line: u64, rule: Rule) -> Self {
        Violation { line, column: None, error: ValidationError::document("", rule) }
    }

    /// A violation of `item`, in `column` (`None`: the record has no field for the item).
    fn item(line: u64, column: Option<usize>, item: &Item<'_>, rule: Rule, value: Option<&str>) -> Self {
        let error = ValidationError::new(item, &Pointer::Root.key(item.key), rule, value);
        Violation { line, column, error }
    }

    /// The line (from 1) the record starts on (for a header violation, the header's line).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The column (from 1): in the care-plan dialect the item's No., in a named-column file the
    /// field's position in its line; `None` for what concerns the whole record (or line), and for an
    /// item the file has no column for.
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

    /// The message, in no language yet (see [`crate::messages`]).
    pub fn message(&self) -> Message {
        self.error.message()
    }

    /// The message in `table`'s language.
    pub fn message_in(&self, table: &Messages) -> String {
        self.error.message_in(table)
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
            match (typed.record(), untyped.record()) {
                (Ok(record), Ok(untyped)) => {
                    let mut texts = Vec::new();
                    crate::csv::Record::for_each_column(record, &mut |t| texts.push(t.to_owned()));
                    assert_eq!(&texts, untyped, "line {}", typed.line());
                }
                (Err(typed_why), Err(untyped_why)) => {
                    assert_eq!(typed_why, untyped_why);
                    let typed_fields: Option<Vec<&str>> = typed.fields().map(Iterator::collect);
                    let untyped_fields: Option<Vec<&str>> = untyped.fields().map(Iterator::collect);
                    assert_eq!(typed_fields, untyped_fields, "line {}", typed.line());
                }
                other => panic!("line {}: {other:?}", typed.line()),
            }
            rules.extend(typed.violations().iter().map(|v| v.rule().code()));
        }
        for rule in ["encoding", "chars", "date", "quoting", "uniform", "fixed", "columns", "line_ending", "length"] {
            assert!(rules.contains(&rule), "{rule} not exercised: {rules:?}");
        }
        // The secret's value stays out of both.
        assert!(untyped.iter().flat_map(|r| r.violations()).all(|v| v.value() != Some("a-1")));
    }
}
