//! CSV files of two dialects: the care-plan files (ケアプランデータ連携標準仕様: MS932 text,
//! comma-separated, one record per line, no header, フリーテキスト quoted with `""` for a quote and
//! line breaks kept), and the named-column files of LIFE (CSV連携仕様書(LIFE) 4.2–4.4: line 1 the
//! data type, line 2 the item names, records from line 3, UTF-8 or MS932; see below).
//!
//! A struct derived with `#[ltcip(csv)]` is a [`Record`]: its fields are the file's columns in order.
//! [`Reader`] streams records out of a file of any size, one at a time, each with every violation found
//! in it (line, column, 項番, Japanese name, rule); [`Writer`] writes records back, byte for byte as a
//! conforming file has them; [`FileNamePattern`] parses and builds the spec's file names. A layout known
//! only at run time (built from a workbook) is read by a `Reader<R, Untyped>` ([`Reader::with_shape`]),
//! through the same code and checks, its records being the texts of their columns. [`check`] checks a
//! large file on every core, with the violations a reader gives, in the same order.
//!
//! A row whose number of fields is not the layout's has no record ([`Row::record`] is an error naming
//! the line): built, every value after the first missing or extra field would sit in another item's
//! column. It keeps its fields as read ([`Row::fields`]), and [`Writer::write_row`] writes any row
//! back as it was read, through its record or as its fields, never shifted; [`Writer::checked`]
//! refuses what breaks a rule. A record larger than [`Reader::max_record_bytes`] (1 MiB) is one
//! `size` violation, and reading resumes after the next line break, so that no input fills memory.
//!
//! ```
//! # use ltcip_runtime::{Validate, csv, serde::{Deserialize, Serialize}};
//! # #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
//! # #[serde(crate = "ltcip_runtime::serde")]
//! # #[ltcip(csv, name = "DLTPLAN")]
//! # pub struct Record {
//! #     #[ltcip(no = "1", name = "CSVバージョン", digits = 6, length = "固定長", fixed = "202407")]
//! #     pub csv_version: String,
//! #     #[ltcip(no = "2", name = "保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
//! #     pub insurer_number: String,
//! #     #[ltcip(no = "3", name = "削除対象年月", data_type = "半角数字", digits = 6, date = "YYYYMM")]
//! #     pub target_month: String,
//! # }
//! let file = b"202407,131001,202504\r\n202407,202505\r\n";
//! let mut writer = csv::Writer::new(Vec::new());
//! for row in csv::Reader::<_, Record>::new(&file[..]) {
//!     let row = row?;
//!     match row.record() {
//!         Ok(record) => writer.write(record)?,
//!         Err(missing) => {
//!             assert_eq!(missing.to_string().split(" / ").next(),
//!                 Some("line 2 has no record: it has 2 fields where the layout has 3 items (its fields are kept as read)"));
//!             assert_eq!(row.fields().unwrap().collect::<Vec<_>>(), ["202407", "202505"]);
//!             writer.write_row(&row)?; // as read
//!         }
//!     }
//! }
//! assert_eq!(writer.finish()?, file);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ```
//! use ltcip_runtime::{Validate, csv, serde::{Deserialize, Serialize}};
//!
//! #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
//! #[serde(crate = "ltcip_runtime::serde")]
//! #[ltcip(csv, name = "DLTPLAN")]
//! pub struct Record {
//!     #[ltcip(no = "1", name = "CSVバージョン", digits = 6, length = "固定長", fixed = "202407", uniform)]
//!     pub csv_version: String,
//!     #[ltcip(no = "2", name = "保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
//!     pub insurer_number: String,
//!     #[ltcip(no = "3", name = "削除対象年月", data_type = "半角数字", digits = 6, date = "YYYYMM")]
//!     pub target_month: String,
//! }
//!
//! let file = b"202407,131001,202504\r\n202407,13100X,202513\r\n";
//! let mut lines = Vec::new();
//! for row in csv::Reader::<_, Record>::new(&file[..]) {
//!     let row = row?;
//!     for v in row.violations() {
//!         lines.push((v.line(), v.column(), v.item_no().to_owned(), v.rule().code()));
//!     }
//! }
//! assert_eq!(lines, [(2, Some(2), "2".to_owned(), "chars"), (2, Some(3), "3".to_owned(), "date")]);
//!
//! let mut out = Vec::new();
//! let mut writer = csv::Writer::new(&mut out);
//! writer.write(&Record { csv_version: "202407".into(), insurer_number: "131001".into(), target_month: "202504".into() })?;
//! writer.finish()?;
//! assert_eq!(out, b"202407,131001,202504\r\n");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Named-column files (LIFE)
//!
//! A struct derived with `#[ltcip(csv(id = "SERVICE_USER_INFO"))]` (or any [`Shape::named`](crate::Shape#structfield.named)
//! layout) is read and written in the dialect of CSV連携仕様書(LIFE) v1.0 4.2–4.4:
//!
//! - line 1 holds the data type, which must be the layout's (compared after trimming; it may be
//!   quoted); otherwise a `header` violation at line 1, and reading goes on;
//! - line 2 names the columns by the items' keys, in any order and any subset. A name that is no
//!   item's, or is given again, is a `header` violation at line 2 (that column's values are not
//!   read); an item required in the reader's [`Mode`](crate::Mode) (出現回数 最小 ≥ 1, or a
//!   [`Requirement`](crate::Requirement) without clauses) that line 2 lacks is one `header`
//!   violation at line 2 for the item, not one per record;
//! - records start on line 3, each with as many fields as line 2 has names (else `columns`, and
//!   nothing else of the record is checked); violations carry the file's line and column;
//! - an empty field is Null, and so is one half-width space ([`DELETE`], which deletes on import);
//!   conditions (LIFE's ●) are checked on every record;
//! - the encoding is UTF-8 when the file starts with a byte-order mark, or else when the first field
//!   holding non-ASCII bytes is UTF-8, and MS932 otherwise ([`Reader::encoding`]); a later field not
//!   in that encoding is an `encoding` violation naming its bytes;
//! - lines end with CR LF, LF or CR, as the file's first line does.
//!
//! ```
//! use ltcip_runtime::{Validate, csv, serde::{Deserialize, Serialize}};
//!
//! #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
//! #[serde(crate = "ltcip_runtime::serde")]
//! #[ltcip(csv(id = "SERVICE_USER_INFO"))]
//! pub struct ServiceUser {
//!     #[ltcip(no = "1", name = "事業所番号", data_type = "半角数字", digits = 10, length = "固定長", quoted)]
//!     pub care_facility_id: String,
//!     #[ltcip(no = "6", name = "利用者姓", data_type = "全半角文字", digits = 30, quoted)]
//!     pub last_name: String,
//!     #[ltcip(no = "8", name = "利用者姓半角カナ", occurs = "0..1", data_type = "半角文字", digits = 30, quoted)]
//!     pub last_name_kana: Option<String>,
//!     #[ltcip(no = "10", name = "利用者性別", data_type = "数値", digits = 1, codes("1", "2"))]
//!     pub gender: String,
//! }
//!
//! let file = "SERVICE_USER_INFO\ngender,care_facility_id,last_name\n1,\"9999999999\",\"厚労\"\n3,\"999\",\" \"\n";
//! let mut reader = csv::Reader::<_, ServiceUser>::new(file.as_bytes());
//! let mut found = Vec::new();
//! let mut records = Vec::new();
//! for row in reader.by_ref() {
//!     let row = row?;
//!     for v in row.violations() {
//!         found.push((v.line(), v.column(), v.item_no().to_owned(), v.rule().code()));
//!     }
//!     records.push(row.into_record()?); // Err (naming the line) for a row whose fields do not fit the layout
//! }
//! assert_eq!(
//!     found,
//!     [
//!         (4, Some(1), "10".to_owned(), "code"),
//!         (4, Some(2), "1".to_owned(), "length"),
//!         (4, Some(3), "6".to_owned(), "required"), // " " deletes: Null
//!     ]
//! );
//! assert_eq!(reader.columns(), Some(&["gender", "care_facility_id", "last_name"][..]));
//! assert_eq!(reader.encoding(), Some(csv::TextEncoding::Utf8 { bom: false }));
//!
//! // Written back with the same columns, encoding and line ending: the same bytes.
//! let mut writer = csv::Writer::new(Vec::new())
//!     .columns(reader.columns().unwrap())
//!     .encoding(reader.encoding().unwrap())
//!     .line_ending(reader.line_ending().unwrap());
//! for record in &records {
//!     writer.write(record)?;
//! }
//! assert_eq!(writer.finish()?, file.as_bytes());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod column;
mod file_name;
mod parallel;
mod parse;
mod reader;
mod source;
mod version;
mod writer;

pub use column::Column;
pub use file_name::{FileName, FileNameError, FileNamePattern, FileNameProblem, OpenError, Segment, identify};
pub use parallel::{CheckOptions, Checked, check};
pub use parse::LineEnding;
pub use reader::{NoRecord, NoRecordReason, Reader, Row, RowFields, Untyped, Violation};
pub use version::{Peeked, VersionError, declared_version, read_version};
pub use writer::{WriteError, Writer};

use crate::validate::Layout;

/// The largest record a [`Reader`] holds unless told otherwise ([`Reader::max_record_bytes`]):
/// 1 MiB (and 65,536 fields). A care-plan record is a few hundred bytes; a larger one is one `size`
/// violation ([`crate::Rule::RecordTooLarge`]), and reading resumes after the next line break.
pub const DEFAULT_MAX_RECORD_BYTES: usize = 1 << 20;

/// The deletion mark of a named-column (LIFE) file: a field of exactly one half-width space is Null
/// for every check, and on import deletes the value held (an empty field leaves it unchanged). A
/// record read keeps it as it was (`Some(" ")`), so that the file is written back as it came.
pub const DELETE: &str = " ";

/// The encoding of a CSV file's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextEncoding {
    /// MS932 (Windows-31J): the care-plan files, and LIFE files without a byte-order mark whose first
    /// non-ASCII field is not UTF-8.
    Ms932,
    /// UTF-8, with or without a byte-order mark (`EF BB BF`) at the start of the file.
    Utf8 {
        /// The file starts with a byte-order mark.
        bom: bool,
    },
}

impl TextEncoding {
    /// `MS932` or `UTF-8`.
    pub const fn name(self) -> &'static str {
        match self {
            TextEncoding::Ms932 => "MS932",
            TextEncoding::Utf8 { .. } => "UTF-8",
        }
    }
}

/// The texts of a record's columns, in order, as a [`Reader`] hands them to
/// [`Record::assign_columns`]: one per item of the layout (an empty text for a field the record lacks).
#[derive(Clone, Debug)]
pub struct Columns<'a> {
    text: &'a str,
    /// Where each field the record has is in `text`.
    spans: &'a [(usize, usize)],
    index: usize,
    count: usize,
}

impl<'a> Columns<'a> {
    pub(crate) fn new(text: &'a str, spans: &'a [(usize, usize)], count: usize) -> Self {
        Columns { text, spans, index: 0, count }
    }
}

impl<'a> Iterator for Columns<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        if self.index == self.count {
            return None;
        }
        let text = field_text(self.text, self.spans, self.index);
        self.index += 1;
        Some(text)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.count - self.index;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Columns<'_> {}

/// The text of field `index`, given where each field is in `text`; empty for a field the record lacks.
#[inline]
pub(crate) fn field_text<'a>(text: &'a str, spans: &[(usize, usize)], index: usize) -> &'a str {
    spans.get(index).map_or("", |&(start, end)| &text[start..end])
}

/// A record of a CSV layout: a struct whose fields are the columns, in order. `#[derive(Validate)]`
/// with `#[ltcip(csv)]` implements it.
pub trait Record: Layout + Sized {
    /// Builds a record from the text of its columns, in order; the iterator yields exactly one text
    /// per item of [`Layout::SHAPE`].
    fn from_columns(columns: &mut dyn Iterator<Item = &str>) -> Self;

    /// Overwrites the record with the text of its columns, in order, reusing what it holds (a
    /// `String` keeps its allocation); the iterator yields exactly one text per item of
    /// [`Layout::SHAPE`]. [`Reader::next_row`] refills its row this way.
    fn assign_columns(&mut self, columns: &mut Columns<'_>) {
        *self = Self::from_columns(columns);
    }

    /// Calls `f` with the text of each column, in order (empty for an absent optional item).
    fn for_each_column(&self, f: &mut dyn FnMut(&str));
}
