//! Care-plan CSV files (ケアプランデータ連携標準仕様): MS932 text, comma-separated, one record per line,
//! フリーテキスト quoted with `""` for a quote and line breaks kept.
//!
//! A struct derived with `#[ltcip(csv)]` is a [`Record`]: its fields are the file's columns in order.
//! [`Reader`] streams records out of a file of any size, one at a time, each with every violation found
//! in it (line, column, 項番, Japanese name, rule); [`Writer`] writes records back, byte for byte as a
//! conforming file has them; [`FileNamePattern`] parses and builds the spec's file names. A layout known
//! only at run time (built from a workbook) is read by a `Reader<R, Untyped>` ([`Reader::with_shape`]),
//! through the same code and checks, its records being the texts of their columns.
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

mod column;
mod file_name;
mod parse;
mod reader;
mod version;
mod writer;

pub use column::Column;
pub use file_name::{FileName, FileNameError, FileNamePattern, Segment};
pub use parse::LineEnding;
pub use reader::{Reader, Row, Untyped, Violation};
pub use version::{Peeked, VersionError, declared_version, read_version};
pub use writer::{WriteError, Writer};

use crate::validate::Layout;

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
