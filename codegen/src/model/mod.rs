//! The spec as data: interfaces, their layouts, and each layout's tree of items with the rules the
//! spec states or implies. Nothing here knows how a workbook is laid out or how Rust is written; the
//! reader fills it and the emitter reads it.

pub mod file_name;
pub mod notation;
pub mod outline;
pub mod rules;
pub mod selector;

use std::fmt;

pub use file_name::{FileNameRule, NameSegment};
pub use ltcip_runtime::{CharClass, DateFormat, Mode, Repertoire};

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
    /// How the file's columns are told apart.
    pub dialect: CsvDialect,
}

/// How a CSV file's columns are told apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum CsvDialect {
    /// By position, no header line (the care-plan files): the table's items have no wire keys.
    #[default]
    Positional,
    /// By name: line 1 the data type (the layout's ID), line 2 the items' keys, in any order and any
    /// subset (LIFE's CSV連携仕様書). A CSV table that gives its items physical names is read so.
    Named,
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
    /// 数値: a decimal number, 桁数 integer digits and [`Item::decimals`] decimals (LIFE).
    Decimal,
    /// リスト: an array of records made of the item's children.
    List,
}

impl DataType {
    /// Every data type, in the order the derive's vocabulary lists them.
    pub const ALL: [DataType; 7] = [
        DataType::Text(CharClass::HalfDigits),
        DataType::Text(CharClass::HalfAlphanumeric),
        DataType::Text(CharClass::Half),
        DataType::Text(CharClass::Full),
        DataType::Text(CharClass::Mixed),
        DataType::Decimal,
        DataType::List,
    ];

    /// The spec's word, as the derive's `data_type` attribute takes it.
    pub fn spec_name(self) -> &'static str {
        match self {
            DataType::Text(class) => class.spec_name(),
            DataType::Decimal => "数値",
            DataType::List => "リスト",
        }
    }

    /// The type a canonical name (as [`DataType::spec_name`] writes it) names. Workbooks spell
    /// types in other ways too: the reader's vocabulary maps those to these names.
    pub fn from_spec_name(name: &str) -> Option<DataType> {
        DataType::ALL.into_iter().find(|d| d.spec_name() == name)
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
    /// データ型 as written, where the workbook spells it otherwise (LIFE's タイプ 文字列 is
    /// 全半角文字): documentation.
    pub data_type_text: Option<String>,
    /// 桁数 and 可変長/固定長; `None` where the spec writes `-`.
    pub length: Option<Length>,
    /// 可変長/固定長 as written, even where 桁数 is `-` (kept for documentation and diffs).
    pub length_kind: Option<String>,
    /// 備考, as written (line breaks kept).
    pub remarks: Option<String>,
    /// 書式、選択肢など (care-plan), 書式 (LIFE), as written.
    pub notation: Option<String>,
    /// 説明 (LIFE), as written: documentation beside 備考.
    pub description: Option<String>,
    /// The rows above the item that are not items (LIFE's grouping rows, 「実連携項目ではない」), as
    /// written: documentation.
    pub groups: Vec<String>,
    /// 小数点以下の桁数 of a 数値 item (`None`: no decimals).
    pub decimals: Option<u32>,
    /// Written quoted in CSV whenever it holds a value (LIFE 文字列).
    pub quoted: bool,
    /// 必須 beyond 出現回数: at a stage of import, or when a condition holds (LIFE ○ ●, overrides).
    pub requirement: Option<Requirement>,
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
    /// The values allowed (「成功」もしくは「失敗」, `1：男性`), with their labels where the spec gives them.
    pub codes: Vec<Code>,
    /// 範囲: an inclusive numeric range (`0～100`).
    pub range: Option<Range>,
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

/// One value of a code list, with the label the spec gives it (`1：男性` → `1`, `男性`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Code {
    /// The value on the wire.
    pub value: String,
    /// What it means, as written; `None` where the spec lists bare values (「成功」もしくは「失敗」).
    pub label: Option<String>,
}

impl Code {
    /// A code without a label.
    pub fn bare(value: impl Into<String>) -> Code {
        Code { value: value.into(), label: None }
    }

    /// A code with its label.
    pub fn labelled(value: impl Into<String>, label: impl Into<String>) -> Code {
        Code { value: value.into(), label: Some(label.into()) }
    }
}

/// A code is its value, as far as comparisons with text go (`codes == ["1", "2"]`).
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.value == *other
    }
}

/// The values of a code list, as written on the wire.
pub fn code_values(codes: &[Code]) -> Vec<String> {
    codes.iter().map(|c| c.value.clone()).collect()
}

/// 範囲: inclusive bounds, each a decimal number as the spec writes it (`0`, `23`, `0.5`); `None`
/// for an open end.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Range {
    /// The lowest value allowed.
    pub min: Option<String>,
    /// The highest value allowed.
    pub max: Option<String>,
}

impl fmt::Display for Range {
    /// `0～100`, `0～`, `～23`: the spec's own notation (and the derive's `range` attribute).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}～{}", self.min.as_deref().unwrap_or_default(), self.max.as_deref().unwrap_or_default())
    }
}

/// 必須 beyond 出現回数: the stage of import from which an item is required, and the condition, if
/// any, under which it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    /// The 必須 mark as written (`○`, `●`), or `overrides.toml` for a requirement set there.
    pub mark: String,
    /// The mode from which on the item is required: [`Mode::Final`] for LIFE's ○ and ●,
    /// [`Mode::Draft`] (every mode) for a condition set in the overrides table.
    pub mode: Mode,
    /// The condition; `None` when the item is required whatever the record holds.
    pub condition: Option<Condition>,
}

impl Requirement {
    /// Whether the requirement is a rule that validation checks (a condition in prose is only
    /// documentation).
    pub fn is_checked(&self) -> bool {
        !matches!(self.condition, Some(Condition::Prose(_)))
    }

    /// The clauses of a checked condition (none for an unconditional requirement).
    pub fn clauses(&self) -> &[Clause] {
        match &self.condition {
            Some(Condition::Clauses(clauses)) => clauses,
            _ => &[],
        }
    }
}

/// When a conditionally required item is required.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition {
    /// Every clause must hold (`…＝1：施設 かつ …＝（1：一部若しくは2：完全）の場合に必須`).
    Clauses(Vec<Clause>),
    /// A condition written in prose, kept as documentation: nothing is checked.
    Prose(String),
}

/// One clause of a condition: the item with key `key` holds one of `values`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// The key of the item tested (an item of the same record).
    pub key: String,
    /// Its 項目名, as the condition names it.
    pub name: String,
    /// The codes any of which makes the clause hold.
    pub values: Vec<Code>,
}
