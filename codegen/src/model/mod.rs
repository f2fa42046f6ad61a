//! The spec as data: interfaces, their layouts, and each layout's tree of items with the rules the
//! spec states or implies. Nothing here knows how a workbook is laid out or how Rust is written; the
//! reader fills it and the emitter reads it.

pub mod file_name;
pub mod notation;
pub mod outline;
pub mod rules;

use std::fmt;

pub use file_name::{FileNameRule, NameSegment};
pub use ltcip_runtime::{CharClass, DateFormat, Repertoire};

use crate::diag::Location;

/// Everything read from a set of workbooks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spec {
    /// The workbooks, in the order read.
    pub sources: Vec<Source>,
    /// Interfaces, ordered by IF ID.
    pub interfaces: Vec<Interface>,
}

/// A workbook the spec was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// File name (without folders, so that generated code does not depend on where it was built).
    pub name: String,
    /// SHA-256 of the file's bytes, in lower-case hex.
    pub sha256: String,
}

/// One external interface (外部インタフェース), e.g. IF-I6-01-04-02.
#[derive(Clone, Debug, PartialEq)]
pub struct Interface {
    /// 外部IF_ID as written (`IF-I6-01-04-02`).
    pub id: String,
    /// 外部インタフェース名.
    pub name: String,
    /// The request and response layouts (or file layouts), in reading order.
    pub layouts: Vec<Layout>,
}

/// Whether a layout is what the client sends or what it receives, or a file exchanged whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    /// リクエスト.
    Request,
    /// レスポンス.
    Response,
    /// A file (ケアプランデータ連携's CSV files): the same layout whichever side sends it.
    File,
}

impl Direction {
    /// The spec's word.
    pub fn spec_name(self) -> &'static str {
        match self {
            Direction::Request => "リクエスト",
            Direction::Response => "レスポンス",
            Direction::File => "ファイル",
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.spec_name())
    }
}

/// 形式: how a layout travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WireFormat {
    /// JSON over HTTP (別紙13).
    Json,
    /// CSV files (ケアプランデータ連携).
    Csv,
}

impl WireFormat {
    /// The spec's word.
    pub fn spec_name(self) -> &'static str {
        match self {
            WireFormat::Json => "JSON",
            WireFormat::Csv => "CSV",
        }
    }
}

/// One layout table: a request or a response of one interface.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// 外部IF_ID of the interface the layout belongs to.
    pub interface_id: String,
    /// 送受信種別.
    pub direction: Direction,
    /// 形式.
    pub format: WireFormat,
    /// The parts of the message, in reading order (a request has ヘッダ and ボディ).
    pub sections: Vec<Section>,
    /// The characters text values must be writable in.
    pub repertoire: Repertoire,
    /// Corrections applied from the overrides table, with their reasons.
    pub overrides: Vec<String>,
    /// Where the layout's table starts.
    pub origin: Location,
    /// What the title block says of a file layout (care-plan CSV); `None` for messages.
    pub file: Option<FileFacts>,
}

/// File-level facts of a file layout, as its title block gives them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileFacts {
    /// ファイル名: the file-name rule as written.
    pub name_rule: Option<String>,
    /// The rule, read (`None` when it is not written or cannot be read; the reader says why).
    pub name_pattern: Option<FileNameRule>,
    /// 文字コード (`Shift-JIS（MS932）`).
    pub encoding: Option<String>,
    /// 形式 as written (`CSV（,）`): the delimiter is in it.
    pub format_text: Option<String>,
    /// CSVバージョン: the value No.1 of every record holds.
    pub version: Option<String>,
    /// ファイル作成単位.
    pub creation_unit: Option<String>,
}

impl Layout {
    /// The section of a kind, if the layout has it.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }

    /// `IF-I6-01-04-02 レスポンス`, for messages.
    pub fn title(&self) -> String {
        format!("{} {}", self.interface_id, self.direction)
    }

    /// CSVバージョン of a file layout.
    pub fn version(&self) -> Option<&str> {
        self.file.as_ref().and_then(|f| f.version.as_deref())
    }
}

/// What part of a message a section describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectionKind {
    /// HTTP headers (リクエストヘッダ): name/value pairs, not JSON members.
    Headers,
    /// The body (リクエストボディ, or the whole layout when the table has no sections).
    Body,
}

impl SectionKind {
    /// The spec's word.
    pub fn spec_name(self) -> &'static str {
        match self {
            SectionKind::Headers => "ヘッダ",
            SectionKind::Body => "ボディ",
        }
    }
}

/// Items of one part of a message.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Which part.
    pub kind: SectionKind,
    /// Top-level items, each with its children.
    pub items: Vec<Item>,
    /// Where the section starts (its label, or the table heading).
    pub origin: Location,
}

/// データ型.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DataType {
    /// A character class (半角数字, 全角文字, ...).
    Text(CharClass),
    /// リスト: an array of records made of the item's children.
    List,
}

impl DataType {
    /// The spec's word.
    pub fn spec_name(self) -> &'static str {
        match self {
            DataType::Text(class) => class.spec_name(),
            DataType::List => "リスト",
        }
    }

    /// The type a データ型 cell names.
    pub fn from_spec_name(name: &str) -> Option<DataType> {
        if name == "リスト" {
            return Some(DataType::List);
        }
        CharClass::from_spec_name(name).map(DataType::Text)
    }
}

/// 出現回数.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Occurs {
    /// 最小.
    pub min: u32,
    /// 最大; `None` for no bound.
    pub max: Option<u32>,
}

impl Occurs {
    /// Exactly once.
    pub const REQUIRED: Occurs = Occurs { min: 1, max: Some(1) };
    /// At most once.
    pub const OPTIONAL: Occurs = Occurs { min: 0, max: Some(1) };
}

impl fmt::Display for Occurs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.max {
            Some(max) => write!(f, "{}..{}", self.min, max),
            None => write!(f, "{}..n", self.min),
        }
    }
}

/// 桁数 with 可変長/固定長.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Length {
    /// 桁数.
    pub digits: u32,
    /// 固定長 (`true`) or 可変長 (`false`).
    pub fixed: bool,
}

/// One row of a layout table.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// 項番, zero-padded to two digits as the spec prints it (`"08"`).
    pub no: String,
    /// 階層レベル: the outline position, parents first (`[7, 1]`).
    pub level: Vec<u32>,
    /// 項目名（日本語）, as written.
    pub name: String,
    /// 項目: the wire key (a JSON member or HTTP header name). CSV layouts have none.
    pub key: Option<String>,
    /// フォーマット, as written.
    pub format: Option<String>,
    /// 出現回数.
    pub occurs: Occurs,
    /// データ型; `None` where the spec writes `-`.
    pub data_type: Option<DataType>,
    /// 桁数 and 可変長/固定長; `None` where the spec writes `-`.
    pub length: Option<Length>,
    /// 可変長/固定長 as written, even where 桁数 is `-` (kept for documentation and diffs).
    pub length_kind: Option<String>,
    /// 備考, as written (line breaks kept).
    pub remarks: Option<String>,
    /// 書式、選択肢など (care-plan), as written.
    pub notation: Option<String>,
    /// 必要 marked (care-plan 第3表 and 介護予防 files; the spec does not define it: documentation only).
    pub needed: bool,
    /// フリーテキスト: quoted in CSV, any characters MS932 has.
    pub free_text: bool,
    /// Every record of a file holds the same value (CSVバージョン, one 対象年月 per file).
    pub uniform: bool,
    /// Rules the text of the row adds.
    pub rules: Rules,
    /// A credential (自治体トークン): generated as a type that never prints it.
    pub secret: bool,
    /// Corrections applied from the overrides table, with their reasons.
    pub overrides: Vec<String>,
    /// Items nested under this one (the fields of a リスト's records).
    pub children: Vec<Item>,
    /// Where the row is.
    pub origin: Location,
}

/// Rules read from the text of a row rather than from its typed columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rules {
    /// The only value allowed (`"application/json"固定`).
    pub fixed: Option<String>,
    /// The values allowed (「成功」もしくは「失敗」).
    pub codes: Vec<String>,
    /// The date format (`●書式 YYYY-MM-DD`).
    pub date: Option<DateFormat>,
    /// A regular expression the whole value matches (`XXX-XXXX`, `整数`, `99.99形式`).
    pub pattern: Option<String>,
    /// Values allowed besides the other rules (`9999`: a service with no time).
    pub also: Vec<String>,
}

impl Item {
    /// Whether the item is a リスト.
    pub fn is_list(&self) -> bool {
        self.data_type == Some(DataType::List)
    }

    /// The item's character class, if it has one.
    pub fn char_class(&self) -> Option<CharClass> {
        match self.data_type {
            Some(DataType::Text(class)) => Some(class),
            _ => None,
        }
    }

    /// The item and every item below it, depth first.
    pub fn walk(&self) -> Box<dyn Iterator<Item = &Item> + '_> {
        Box::new(std::iter::once(self).chain(self.children.iter().flat_map(Item::walk)))
    }
}
