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

use super::parse::{LineEnding, Malformed, Parser, RawRecord, split_simple};
use super::{Columns, DELETE, Record, TextEncoding, field_text};
use crate::check::same;
use crate::error::{Rule, ValidationError, ValidationErrors};
use crate::item::{Item, Mode, Shape, has_conditions};
use crate::pointer::Pointer;

/// Reads records of type `T` from CSV bytes, as an iterator of [`Row`]s, or one lent row at a time
/// with [`Reader::next_row`] (no allocation per record: the way to check a large file).
///
/// Memory stays constant whatever the file's size: one record is held at a time (a quote left open
/// is the exception: the rest of the file becomes one field, as the CSV says). An `Err` is an I/O
/// error of the input; everything wrong with the file's content is a [`Violation`] of its row.
///
/// Two dialects, chosen by the layout:
///
/// - **Care-plan** (positional; the default): MS932, no header, the fields of each record are the
///   layout's items in order. Line endings may be CR LF, LF or CR (the spec does not say); every
///   record must end its line as the first one does. A UTF-8 byte-order mark is reported and skipped.
/// - **Named columns** (LIFE, CSV連携仕様書 4.2–4.4; a layout with [`Shape::named`], e.g. derived with
///   `#[ltcip(csv(id = "SERVICE_USER_INFO"))]`): line 1 holds the data type, line 2 the item names
///   (the items' keys) in any order and any subset, records start on line 3. Fields are matched to
///   items by line 2; violations carry the file's own column. An item missing from line 2 reads as
///   empty; a required one is reported once, at line 2. One half-width space ([`DELETE`]) is Null for
///   every check. The encoding is UTF-8 (with or without a byte-order mark) or MS932, found per file
///   ([`Reader::encoding`]). The violations of lines 1 and 2 come with the first row (and from
///   [`Reader::header_violations`], the one place they are for a file with no record).
///
/// `T` is a [`Record`] type, or [`Untyped`] for a layout known only at run time
/// ([`Reader::with_shape`]), whose rows hold each record as the text of its columns.
pub struct Reader<R, T> {
    /// The layout's items, one per column (in the care-plan dialect).
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
    _record: PhantomData<fn() -> T>,
}

/// What lines 1 and 2 of a named-column file said, and the encoding found.
#[derive(Debug)]
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
    /// Violations of lines 1 and 2.
    violations: Vec<Violation>,
    /// They were handed out with the first row.
    handed: bool,
    decoding: Decoding,
}

/// The encoding of a named-column file, once found.
#[derive(Clone, Copy, Debug, Default)]
struct Decoding {
    encoding: Option<TextEncoding>,
    /// The line whose field decided it; `None` for a byte-order mark (or not yet decided).
    decided_on: Option<u64>,
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
/// column in order (an unreadable field as decoded with U+FFFD in place of the bad bytes, missing
/// fields empty). The reading and every check are those of a typed reader.
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

    /// The file's encoding: always MS932 in the care-plan dialect; in a named-column file, `None` until
    /// a byte-order mark or a field holding non-ASCII bytes has decided it (a file of ASCII alone
    /// never does). Pass it to [`super::Writer::encoding`] to write the file back as it came.
    pub fn encoding(&self) -> Option<TextEncoding> {
        match &self.named {
            Some(named) => named.decoding.encoding,
            None => Some(TextEncoding::Ms932),
        }
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

impl<R: Read, T> Reader<R, T> {
    fn of_shape(input: R, capacity: usize, shape: &'static Shape<'static>) -> Self {
        let items = shape.items;
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
                    violations: Vec::new(),
                    handed: false,
                    decoding: Decoding::default(),
                })
            }),
            _record: PhantomData,
        }
    }

    /// Reads the next record and checks it: its line and its violations into `violations`, its
    /// texts into `self.fields`. `Ok(None)` at the end of the input.
    fn read_checked(&mut self, violations: &mut Vec<Violation>) -> io::Result<Option<u64>> {
        if !self.started {
            self.started = true;
            self.bom = self.parser.skip_utf8_bom()?;
            if self.named.is_some() {
                self.read_header()?;
            }
        }
        violations.clear();
        if self.named.is_some() {
            return self.read_named(violations);
        }
        let plain = match self.parser.peek_line()? {
            Some(line) => self.fields.decode_line(line).then_some(line.len()),
            None => None,
        };
        let Some(found) = self.take_record(plain)? else {
            return Ok(None);
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
    fn read_named(&mut self, violations: &mut Vec<Violation>) -> io::Result<Option<u64>> {
        let named = self.named.as_deref_mut().expect("the named dialect");
        if !named.handed {
            named.handed = true;
            violations.extend(named.violations.iter().cloned());
        }
        let line_no = self.parser.line();
        let plain = match self.parser.peek_line()? {
            Some(line) => self.fields.decode_line_named(line, &mut named.decoding, line_no).then_some(line.len()),
            None => None,
        };
        let Some(found) = self.take_record(plain)? else {
            return Ok(None);
        };
        let line = self.raw.line;
        let columns_match = self.check_form(found, violations);
        let named = self.named.as_deref_mut().expect("the named dialect");
        if plain.is_none() {
            self.fields.decode_named(&self.raw, &mut named.decoding, &named.columns, self.items, violations);
        }
        self.fields.map_layout(&named.positions);
        if columns_match {
            self.check_content(line, violations);
        }
        violations.sort_by_key(|v| (v.line, v.column.unwrap_or(0)));
        Ok(Some(line))
    }

    /// Reads lines 1 and 2 of a named-column file: the data type and the item names.
    fn read_header(&mut self) -> io::Result<()> {
        let mut named = self.named.take().expect("the named dialect");
        if std::mem::take(&mut self.bom) {
            named.decoding = Decoding { encoding: Some(TextEncoding::Utf8 { bom: true }), decided_on: None };
        }
        let result = self.read_header_lines(&mut named);
        named.names_read = true;
        self.named = Some(named);
        result
    }

    fn read_header_lines(&mut self, named: &mut Named) -> io::Result<()> {
        let id = named.id;
        let out = &mut named.violations;
        if !self.parser.next(&mut self.raw)? {
            out.push(Violation::record(
                1,
                Rule::header(
                    format!("the file is empty; line 1 must hold the data type {id}"),
                    format!("ファイルが空です（1行目にデータ種別 {id} が必要です）"),
                ),
            ));
            return Ok(());
        }
        let line = self.raw.line;
        self.check_ending(out);
        header_quoting(&self.raw, out);
        self.fields.decode_named(&self.raw, &mut named.decoding, &[], self.items, out);
        let count = if self.raw.blank { 0 } else { self.fields.spans.len() };
        let found = self.fields.text(0).trim();
        if found != id {
            out.push(Violation::record(
                line,
                Rule::header(
                    format!("line 1 holds the data type {found:?}; this layout's is {id:?}"),
                    format!("1行目のデータ種別が「{found}」です（このレイアウトは「{id}」）"),
                ),
            ));
        } else if (1..count).any(|index| !self.fields.text(index).is_empty()) {
            out.push(Violation::record(
                line,
                Rule::header(
                    format!("line 1 must hold the data type alone; it has {count} fields"),
                    format!("1行目にはデータ種別だけを書きます（{count}項目あります）"),
                ),
            ));
        }
        if !self.parser.next(&mut self.raw)? {
            out.push(Violation::record(
                line + 1,
                Rule::header("line 2 (the item names) is missing", "2行目（項目名）がありません"),
            ));
            return Ok(());
        }
        let line = self.raw.line;
        self.check_ending(out);
        header_quoting(&self.raw, out);
        self.fields.decode_named(&self.raw, &mut named.decoding, &[], self.items, out);
        let count = if self.raw.blank { 0 } else { self.fields.spans.len() };
        if count == 0 {
            out.push(Violation::record(line, Rule::header("line 2 names no item", "2行目に項目名がありません")));
        }
        for index in 0..count {
            let name = self.fields.text(index);
            let column = index + 1;
            match self.items.iter().position(|item| item.key == name) {
                None => {
                    named.columns.push(None);
                    let rule = Rule::header(
                        format!(
                            "column {column} of line 2, {name:?}, names no item of the layout; its values are ignored"
                        ),
                        format!("2行目の{column}列目「{name}」はレイアウトにない項目名です（この列の値は読みません）"),
                    );
                    out.push(Violation::at(line, column, None, rule, None));
                }
                Some(item) if named.positions[item].is_some() => {
                    named.columns.push(None);
                    let first = named.positions[item].map_or(0, |first| first + 1);
                    let rule = Rule::header(
                        format!(
                            "column {column} of line 2 names {name:?} again (first in column {first}); its values are ignored"
                        ),
                        format!(
                            "2行目の{column}列目「{name}」は重複しています（最初は{first}列目、この列の値は読みません）"
                        ),
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
                let rule = Rule::header(
                    format!("line 2 does not name the required item {:?}", item.key),
                    format!("2行目に必須項目「{}」（{}）がありません", item.name, item.key),
                );
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

    /// Checks what concerns the record as a whole: byte-order mark, line ending, column count,
    /// quoting. Whether the columns match the layout (or line 2).
    fn check_form(&mut self, found: usize, violations: &mut Vec<Violation>) -> bool {
        let line = self.raw.line;
        if std::mem::take(&mut self.bom) {
            let rule = Rule::Encoding { detail: "UTF-8 byte-order mark (EF BB BF) at the start of the file".into() };
            violations.push(Violation::record(line, rule));
        }
        self.check_ending(violations);
        let found = if self.raw.blank { 0 } else { found };
        let columns_match = match &self.named {
            None => {
                let expected = self.items.len();
                let columns_match = found == expected;
                if !columns_match {
                    violations.push(Violation::record(line, Rule::Columns { expected, found }));
                }
                columns_match
            }
            Some(named) => {
                let expected = named.columns.len();
                let columns_match = found == expected;
                if !columns_match {
                    violations.push(Violation::record(line, Rule::HeaderColumns { expected, found }));
                }
                columns_match
            }
        };
        if self.raw.malformed.is_empty() {
            return columns_match;
        }
        for (column, rule) in quoting(&self.raw) {
            violations.push(Violation::at(line, column, self.item_at(column), rule, None));
        }
        columns_match
    }

    /// Checks each text against its item (an unreadable one excepted: its encoding violation says
    /// it all), the items whose value must be the same in every record, and the conditions some
    /// items' requirements put on others.
    fn check_content(&mut self, line: u64, violations: &mut Vec<Violation>) {
        // One collection for the record, emptied into `violations` after each field that breaks a rule.
        let mut errors = ValidationErrors::with_mode(self.mode);
        match &self.named {
            None if self.plain => self.check_positional::<true>(line, &mut errors, violations),
            None => self.check_positional::<false>(line, &mut errors, violations),
            Some(named) => {
                let fields = &self.fields;
                let ms932 = named.decoding.ms932();
                for (index, &(start, end)) in fields.spans.iter().enumerate() {
                    let Some(Some(item)) = named.columns.get(index).copied() else { continue };
                    if !fields.unreadable.is_empty() && fields.unreadable.contains(&index) {
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
    /// encoding violation says it all); `PLAIN`: no item has a rule of [`Item::has_extra_rules`].
    #[inline(always)]
    fn check_positional<const PLAIN: bool>(
        &self,
        line: u64,
        errors: &mut ValidationErrors,
        violations: &mut Vec<Violation>,
    ) {
        let fields = &self.fields;
        for (index, (item, &(start, end))) in self.items.iter().zip(&fields.spans).enumerate() {
            // Skipped, too, because `check_decoded` judges only text decoded from MS932, and an
            // unreadable field's text is a lossy decoding.
            if !fields.unreadable.is_empty() && fields.unreadable.contains(&index) {
                continue;
            }
            let (text, at) = (&fields.text[start..end], Pointer::Root.key(item.key));
            if PLAIN {
                item.check_decoded_plain(text, &at, errors);
            } else {
                item.check_decoded(text, &at, errors);
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
            Ok(Some(line)) => {
                let record = K::build(self.record_texts());
                Some(Ok(Row { line, record, violations }))
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
        reported.push((column, Rule::Quoting { detail: malformed.describe() }));
    }
    reported
}

/// The quoting violations of a header line (no item is in any column yet).
fn header_quoting(raw: &RawRecord, violations: &mut Vec<Violation>) {
    for (column, rule) in quoting(raw) {
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
        let mut texts = self.fields.texts(self.named.is_some(), self.items.len());
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

/// A record's fields as text: decoded into one buffer, reused from record to record.
#[derive(Debug, Default)]
struct Fields {
    text: String,
    /// Where each field is in `text`.
    spans: Vec<(usize, usize)>,
    /// In a named-column file, where each item's field is in `text` (`(0, 0)` for an item line 2
    /// does not name).
    layout: Vec<(usize, usize)>,
    /// Fields (by index) that are not MS932 (or not in a named-column file's encoding): their text is
    /// the lossy decoding.
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

    /// Decodes and splits a record of a named-column file that is its `line`, quoted simply;
    /// `false` (and nothing held) when the tokenizer must read it: the line is not in the file's
    /// encoding, not quoted simply, or holds the first non-ASCII bytes of a file whose line is not
    /// UTF-8 (each field then decides in turn). A line that is UTF-8 decides UTF-8: its first field
    /// holding non-ASCII bytes is UTF-8. `line_no`: the line's number.
    fn decode_line_named(&mut self, line: &[u8], decoding: &mut Decoding, line_no: u64) -> bool {
        self.clear();
        let decoded = match decoding.encoding {
            Some(TextEncoding::Ms932) => decode_into(line, &mut self.text),
            Some(TextEncoding::Utf8 { .. }) | None => match std::str::from_utf8(line) {
                Ok(text) => {
                    if decoding.encoding.is_none() && !text.is_ascii() {
                        *decoding =
                            Decoding { encoding: Some(TextEncoding::Utf8 { bom: false }), decided_on: Some(line_no) };
                    }
                    self.text.push_str(text);
                    true
                }
                Err(_) => false,
            },
        };
        if decoded && split_simple(self.text.as_bytes(), &mut self.spans) {
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
                TextEncoding::Utf8 { .. } => match std::str::from_utf8(bytes) {
                    Ok(text) => {
                        self.text.push_str(text);
                        None
                    }
                    Err(error) => {
                        let at = error.valid_up_to();
                        self.text.push_str(&String::from_utf8_lossy(bytes));
                        Some((at, show_bytes(&bytes[at..])))
                    }
                },
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
                self.unreadable.push(index);
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
    let (at, shown) = ms932_error(bytes);
    format!("{shown} at byte {} of the field is not MS932", at + 1)
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
