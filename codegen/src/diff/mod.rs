//! Comparing two versions of the spec (`ltcip-codegen diff OLD NEW`): every interface, layout, section
//! and item added, removed or changed, each under a stable rule ID ([`rules`]) that classes it
//! **breaking** or **compatible** for the side that sends the message and for the side that receives
//! it.
//!
//! # Who a change breaks
//!
//! As oasdiff does for OpenAPI, a change is judged for each side of a message:
//!
//! - the **sender** breaks when what it sends may now be rejected: a narrower rule (a shorter 桁数, a
//!   code removed, an item now required);
//! - the **receiver** breaks when a value the old receiver rejected may now arrive: a wider rule (a
//!   longer 桁数, a code added, an item now optional);
//! - a change of the generated Rust API (a field removed or renamed, a type changed) breaks code on both
//!   sides; a field added breaks the struct literals of the side that builds the message, the sender
//!   (the receiver reads fields, and an old receiver ignores a JSON member it does not know).
//!
//! *Data* means messages and files; *code* means the generated types as vendors use them: a message is
//! built with struct literals (the types are not `#[non_exhaustive]`) and read field by field.
//!
//! A リクエスト is sent by the vendor (介護ソフト) and received by the service (介護保険資格確認等WEBサービス);
//! a レスポンス is sent by the service and received by the vendor; a file (care-plan, LIFE) is written by
//! either side. A change's [`Change::class`] is its class **for the vendor**: the sender's for a
//! request, the receiver's for a response, the worse of the two for a file and for an interface as a
//! whole ([`Rule::vendor`]). [`Report::is_breaking`] and the CLI's exit status follow it; the classes of
//! both sides are in every output.
//!
//! # Matching
//!
//! Interfaces match by IF ID, layouts by IF ID and 送受信種別, sections by kind (ヘッダ, ボディ), and
//! items among the children of the same parent:
//!
//! - JSON (and HTTP headers, and CSV files with named columns) by wire key (項目). An item whose key
//!   differs but whose 項番 and 項目名 are the same (or whose 項目名 is the only one of its kind on both
//!   sides) was **renamed**.
//! - Positional layouts (care-plan CSV), whose items' keys are Rust field names from a naming table
//!   rather than wire keys, by 項目名 and place: the k-th column of a name is the k-th column of that
//!   name in the new version. Of the columns so paired, the longest run that kept its relative order
//!   stays put, and the others **moved**; a column added or removed shifts those after it but does not
//!   move them. Between two columns that stayed, equally many columns left over on both sides are paired
//!   in order as **renamed** (another 項目名 at the same place); otherwise they were removed and added.
//!
//! 階層レベル and where a row sits in a workbook are not compared: items match within their parent, and
//! the order of JSON members is free. Each change names the workbook cell it comes from (the new
//! version's; the old one's for what was removed).
//!
//! # Versions with errors
//!
//! A version is compared as read whenever the reading produced it: an item the naming table does not
//! name yet (it is shown by 項番 and 項目名, and its field name is not compared), a cell that cannot be
//! read, a stale or invalid override. Its diagnostics go to standard error and the report counts its
//! errors ([`Report::errors`]); a change next to an error may come from it (a row that cannot be read
//! shows as an item removed). The comparison stops ([`stopping`]) only where a part of a version was not
//! read at all, so that it would show as removed:
//!
//! - an error at a whole file: a path with no workbook, a workbook that cannot be opened, is empty or is
//!   not a workbook, a naming table, overrides table or vocabulary that cannot be read or parsed;
//! - an error at a whole sheet or a range of it: a sheet that cannot be read, or is too large to;
//! - an error on a sheet from which no layout was read (a table whose IF ID or 送受信種別 is found
//!   nowhere, a second layout of the same ID, a title block with no table).
//!
//! # Outputs and accepted changes
//!
//! [`cli::run`] writes the report as text (grouped by interface and layout, each change with its rule
//! ID, who it breaks and its cell), as JSON (the [`Report`]), as GitHub Actions workflow commands or as
//! JUnit XML ([`format`]). An ignore file ([`ignore`], `diff-ignore.toml` beside the new version or
//! `--ignore FILE`) silences accepted changes by rule ID, layout and item path, each with its reason;
//! silenced changes are counted and listed apart, and an entry that matches nothing is a warning.
//!
//! # Classification
//!
//! Each rule's class for the sender and the receiver; [`rules::RULES`] is this table as data (a test
//! keeps the two in step). A fact the model gains is compared by adding one [`attrs::Attribute`] to
//! [`attrs::ITEM`], and its kinds of change to [`rules`].
//!
//! | rule | change | sender | receiver | why |
//! |---|---|---|---|---|
//! | `INTERFACE_ADDED` | interface added | compatible | compatible | a new module; nothing existing changes |
//! | `INTERFACE_REMOVED` | interface removed | **breaking** | **breaking** | its module and types disappear |
//! | `INTERFACE_NAME_CHANGED` | 外部インタフェース名 changed | compatible | compatible | the NAME constant and docs only |
//! | `LAYOUT_ADDED` | layout added | compatible | compatible | new types; nothing existing changes |
//! | `LAYOUT_REMOVED` | layout removed | **breaking** | **breaking** | its types disappear |
//! | `LAYOUT_FORMAT_CHANGED` | 形式 changed (JSON ↔ CSV) | **breaking** | **breaking** | another wire format |
//! | `LAYOUT_REPERTOIRE_CHANGED` | character repertoire changed (MS932 ↔ JIS X 0213) | **breaking** | **breaking** | each holds characters the other lacks (髙 / 〜) |
//! | `LAYOUT_CSV_DIALECT_CHANGED` | columns told apart another way (by position ↔ by name) | **breaking** | **breaking** | files written for one do not read as the other |
//! | `LAYOUT_FILE_NAME_TEXT_CHANGED` | ファイル名 text changed | compatible | compatible | text only; the rule read from it is compared on its own |
//! | `LAYOUT_FILE_NAME_RULE_ADDED` | file-name rule where there was none | **breaking** | compatible | names that do not follow it become invalid; a receiver that checked none accepts every name |
//! | `LAYOUT_FILE_NAME_RULE_CHANGED` | file-name rule changed | **breaking** | **breaking** | names valid under one are invalid under the other |
//! | `LAYOUT_FILE_NAME_RULE_REMOVED` | file-name rule dropped | **breaking** | **breaking** | the FILE_NAME constant disappears |
//! | `LAYOUT_ENCODING_CHANGED` | 文字コード changed | **breaking** | **breaking** | files written in one encoding may not read in the other |
//! | `LAYOUT_FORMAT_TEXT_CHANGED` | 形式 as written changed (the delimiter) | **breaking** | **breaking** | files written as before may not split |
//! | `LAYOUT_VERSION_CHANGED` | CSVバージョン changed | **breaking** | **breaking** | every record holds the version: each side rejects the other's |
//! | `LAYOUT_CREATION_UNIT_CHANGED` | ファイル作成単位 changed | compatible | compatible | documentation only |
//! | `LAYOUT_OVERRIDES_CHANGED` | layout 補正 (overrides) changed | compatible | compatible | their effect is compared on its own |
//! | `SECTION_ADDED_REQUIRED` | section added with a required item (e.g. リクエストヘッダ) | **breaking** | compatible | messages without the item become invalid; an old receiver ignores what it does not know |
//! | `SECTION_ADDED` | section added, every item optional | compatible | compatible | a new struct; messages valid before stay valid |
//! | `SECTION_REMOVED` | section removed | **breaking** | **breaking** | its struct disappears |
//! | `ITEM_ADDED_REQUIRED` | JSON item added, 最小 ≥ 1 | **breaking** | compatible | messages without it become invalid, and struct literals that build them stop compiling; an old receiver ignores a member it does not know |
//! | `ITEM_ADDED_OPTIONAL` | JSON item added, optional | **breaking** | compatible | a new field: struct literals that build the message stop compiling; code that reads it compiles, and an old receiver ignores the member |
//! | `ITEM_REMOVED` | JSON item removed | **breaking** | **breaking** | its field disappears: code that sets or reads it stops compiling |
//! | `ITEM_KEY_RENAMED` | key renamed (項目; same 項番 and 項目名) | **breaking** | **breaking** | another wire key, and the Rust field is renamed |
//! | `ITEM_NAME_CHANGED` | 項目名 changed, same key | compatible | compatible | docs and messages only |
//! | `ITEM_NUMBER_CHANGED` | 項番 changed | compatible | compatible | docs and the reported 項番 only |
//! | `ITEM_TYPE_WIDENED` | データ型 wider (半角数字 → 半角英数字 → 半角文字 → 全半角文字, 全角文字 → 全半角文字, a class → none) | compatible | **breaking** | values valid before stay valid; values an old receiver rejects may arrive |
//! | `ITEM_TYPE_NARROWED` | データ型 narrower (the reverse, none → a class) | **breaking** | compatible | some values valid before become invalid; nothing new arrives |
//! | `ITEM_TYPE_CHANGED` | データ型 unrelated (半角文字 ↔ 全角文字), to or from 数値 | **breaking** | **breaking** | each side admits values the other rejects |
//! | `ITEM_LIST_CHANGED` | データ型 to or from リスト | **breaking** | **breaking** | the Rust type changes between a value and records |
//! | `ITEM_DIGITS_INCREASED` | 桁数 raised (可変長 after) | compatible | **breaking** | longer values may now arrive |
//! | `ITEM_DIGITS_DECREASED` | 桁数 lowered (可変長 after) | **breaking** | compatible | values longer than the new 桁数 become invalid |
//! | `ITEM_FIXED_DIGITS_CHANGED` | 桁数 changed, 固定長 before and after | **breaking** | **breaking** | values of either length are invalid under the other |
//! | `ITEM_DIGITS_ADDED` | 桁数 where there was none (`-` → a number) | **breaking** | compatible | a length rule where there was none |
//! | `ITEM_DIGITS_REMOVED` | 桁数 dropped (a number → `-`) | compatible | **breaking** | values of any length may now arrive |
//! | `ITEM_LENGTH_FIXED` | 可変長 → 固定長 | **breaking** | compatible | values of any other length become invalid |
//! | `ITEM_LENGTH_VARIABLE` | 固定長 → 可変長 | compatible | **breaking** | shorter values may now arrive |
//! | `ITEM_LENGTH_KIND_TEXT_CHANGED` | 可変長/固定長 changed where there is no 桁数 | compatible | compatible | documentation only: there is no 桁数 for it to apply to |
//! | `ITEM_BECAME_REQUIRED` | 出現回数 最小 0 → ≥ 1 (optional → required) | **breaking** | **breaking** | messages without it become invalid, and the Rust type changes (`Option<T>` → `T`, `Option<Vec<_>>` → `Vec<_>`) |
//! | `ITEM_BECAME_OPTIONAL` | 出現回数 最小 ≥ 1 → 0 (required → optional) | **breaking** | **breaking** | messages without it may arrive, and the Rust type changes (`T` → `Option<T>`) |
//! | `ITEM_REPETITION_CHANGED` | 出現回数 最大 1 ↔ more, not a リスト | **breaking** | **breaking** | the Rust type changes between `T` and `Vec<T>` |
//! | `ITEM_OCCURS_NARROWED` | 出現回数 narrower, same Rust type (最小 raised, 最大 lowered) | **breaking** | compatible | messages with the old counts become invalid |
//! | `ITEM_OCCURS_WIDENED` | 出現回数 wider, same Rust type (最小 lowered, 最大 raised) | compatible | **breaking** | counts an old receiver rejects may arrive |
//! | `ITEM_OCCURS_CHANGED` | 出現回数 narrower at one end and wider at the other, same Rust type | **breaking** | **breaking** | each side admits counts the other rejects |
//! | `ITEM_CODE_ADDED` | code added to a code list | compatible | **breaking** | a code an old receiver rejects may arrive |
//! | `ITEM_CODE_REMOVED` | code removed from a code list | **breaking** | compatible | messages using it become invalid |
//! | `ITEM_CODES_CHANGED` | codes added and others removed | **breaking** | **breaking** | each side admits codes the other rejects |
//! | `ITEM_CODES_REORDERED` | the same codes in another order | compatible | compatible | the same values are valid |
//! | `ITEM_CODE_LIST_ADDED` | code list where there was none | **breaking** | compatible | other values become invalid |
//! | `ITEM_CODE_LIST_REMOVED` | code list dropped | compatible | **breaking** | any value may now arrive |
//! | `ITEM_FIXED_VALUE_ADDED` | fixed value where there was none | **breaking** | compatible | every other value becomes invalid |
//! | `ITEM_FIXED_VALUE_CHANGED` | fixed value changed | **breaking** | **breaking** | each side rejects the other's value |
//! | `ITEM_FIXED_VALUE_REMOVED` | fixed value dropped | compatible | **breaking** | other values may now arrive |
//! | `ITEM_DATE_FORMAT_ADDED` | date format where there was none | **breaking** | compatible | values not in it become invalid |
//! | `ITEM_DATE_FORMAT_CHANGED` | date format changed | **breaking** | **breaking** | dates in either format are invalid under the other |
//! | `ITEM_DATE_FORMAT_REMOVED` | date format dropped | compatible | **breaking** | values in no date format may now arrive |
//! | `ITEM_PATTERN_ADDED` | pattern where there was none | **breaking** | compatible | values not matching it become invalid |
//! | `ITEM_PATTERN_CHANGED` | pattern changed | **breaking** | **breaking** | values matching only one of them are invalid under the other |
//! | `ITEM_PATTERN_REMOVED` | pattern dropped | compatible | **breaking** | values not matching the old one may now arrive |
//! | `ITEM_EXTRA_VALUE_ADDED` | value allowed besides the rules added (許容値) | compatible | **breaking** | a value an old receiver rejects may arrive |
//! | `ITEM_EXTRA_VALUE_REMOVED` | value allowed besides the rules removed | **breaking** | compatible | messages using it become invalid |
//! | `ITEM_EXTRA_VALUES_CHANGED` | values allowed besides the rules added and removed | **breaking** | **breaking** | each side admits values the other rejects |
//! | `ITEM_FREE_TEXT_ADDED` | フリーテキスト now | compatible | **breaking** | any MS932 character may now arrive |
//! | `ITEM_FREE_TEXT_REMOVED` | no longer フリーテキスト | **breaking** | compatible | characters it allowed may become invalid |
//! | `ITEM_UNIFORM_ADDED` | the same value in every record of a file now | **breaking** | compatible | files whose records vary become invalid |
//! | `ITEM_UNIFORM_REMOVED` | records may hold different values now | compatible | **breaking** | files an old receiver rejects may arrive |
//! | `ITEM_DECIMALS_INCREASED` | 小数点以下の桁数 raised | compatible | **breaking** | numbers with more decimals may now arrive |
//! | `ITEM_DECIMALS_DECREASED` | 小数点以下の桁数 lowered | **breaking** | compatible | numbers written with more become invalid |
//! | `ITEM_RANGE_WIDENED` | 範囲 wider or dropped | compatible | **breaking** | numbers outside the old range may now arrive |
//! | `ITEM_RANGE_NARROWED` | 範囲 narrower, or where there was none | **breaking** | compatible | numbers outside the new range become invalid |
//! | `ITEM_RANGE_CHANGED` | 範囲 narrower at one end and wider at the other | **breaking** | **breaking** | each side admits numbers the other rejects |
//! | `ITEM_RANGE_REWRITTEN` | 範囲 written another way, the same bounds | compatible | compatible | the same numbers are valid |
//! | `ITEM_REQUIREMENT_ADDED` | 必須 beyond 出現回数 where there was none (確定取込, a condition) | **breaking** | compatible | records without it may become invalid |
//! | `ITEM_REQUIREMENT_CHANGED` | 必須 beyond 出現回数 changed | **breaking** | **breaking** | records valid under one may be invalid under the other |
//! | `ITEM_REQUIREMENT_REMOVED` | 必須 beyond 出現回数 dropped | compatible | **breaking** | records without it may now arrive |
//! | `ITEM_QUOTING_CHANGED` | 引用符 changed | compatible | compatible | how writers quote the field; readers take it quoted or not |
//! | `ITEM_SECRET_CHANGED` | secret (自治体トークン) set or cleared | **breaking** | **breaking** | the Rust type changes between text and Secret |
//! | `ITEM_FORMAT_TEXT_CHANGED` | フォーマット text changed | compatible | compatible | text only; a rule read from it is compared on its own |
//! | `ITEM_NOTATION_CHANGED` | 書式、選択肢など text changed | compatible | compatible | text only; a rule read from it is compared on its own |
//! | `ITEM_REMARKS_CHANGED` | 備考 text changed | compatible | compatible | text only; a rule read from it is compared on its own |
//! | `ITEM_DESCRIPTION_CHANGED` | 説明 text changed | compatible | compatible | text only; a condition it states is compared on its own |
//! | `ITEM_NEEDED_CHANGED` | 必要 mark changed | compatible | compatible | documentation only: the spec does not define 必要 |
//! | `ITEM_OVERRIDES_CHANGED` | item 補正 (overrides) changed | compatible | compatible | its effect on the item is compared on its own |
//! | `COLUMN_ADDED` | CSV column added | **breaking** | **breaking** | positional: the columns after it shift and the count changes; named: an old reader reports a column it does not know, and struct literals stop compiling |
//! | `COLUMN_REMOVED` | CSV column removed | **breaking** | **breaking** | positional: the columns after it shift; named: a new reader reports the old column; its field disappears |
//! | `COLUMN_MOVED` | CSV column moved (relative order changed) | **breaking** | **breaking** | values land in other columns |
//! | `COLUMN_RENAMED` | another 項目名 at the same place, another field (or none yet) | **breaking** | **breaking** | another column: data written for the old one means something else |
//! | `COLUMN_NAME_CHANGED` | another 項目名 at the same place, the naming table giving both the same field | compatible | compatible | the same field at the same place |
//! | `COLUMN_FIELD_RENAMED` | field name changed (the naming table's identifier) | **breaking** | **breaking** | code using the field stops compiling |

pub mod attrs;
pub mod cli;
pub mod format;
pub mod ignore;
pub mod matching;
pub mod rules;
mod text;

use std::collections::BTreeSet;

use serde::{Serialize, Serializer};

use crate::diag::{Diagnostic, Diagnostics, Location, Severity};
use crate::lowering::LayoutRules;
use crate::model::{CsvDialect, Direction, Interface, Item, Layout, Section, SectionKind, Spec, WireFormat};
use attrs::Verdict;
use matching::Pair;
pub use rules::Rule;

/// Whether a change breaks one side's code or data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// Code and data valid under the old spec stay valid under the new one.
    Compatible,
    /// Some code or data valid under the old spec becomes invalid or stops compiling.
    Breaking,
}

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, with a fact changed.
    Changed,
    /// In both, under another key (JSON) or 項目名 (CSV).
    Renamed,
    /// In both, at another place relative to the other columns (CSV).
    Moved,
}

/// What changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    Interface,
    Layout,
    Section,
    Item,
}

/// An item as one version has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemRef {
    /// 項番.
    pub no: String,
    /// 項目名（日本語）.
    pub name: String,
    /// 項目 (wire key), or a positional item's field name; none where the version has none (a care-plan
    /// item the naming table does not name yet).
    pub key: Option<String>,
    /// Keys (or, without keys, 項目名) from the top of the section, joined by `/`: the `path` of
    /// `overrides.toml` and `diff-ignore.toml`.
    pub path: String,
    /// 1-based place among its siblings (for a CSV layout's top-level item, its column).
    pub position: usize,
    /// The row's cell in the workbook.
    #[serde(serialize_with = "location")]
    pub origin: Location,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The kind of change, by its stable ID: it decides the classes below.
    pub rule: &'static Rule,
    /// The class for the vendor: the sender's for a request, the receiver's for a response, the
    /// worse of the two for a file or an interface.
    pub class: Class,
    /// The class for the side that sends the message.
    pub sender: Class,
    /// The class for the side that receives it.
    pub receiver: Class,
    pub kind: Kind,
    pub target: Target,
    /// 外部IF_ID.
    pub interface: String,
    /// 外部インタフェース名 (the new one, or the old one when the interface was removed).
    pub interface_name: String,
    /// 送受信種別 of the layout, for changes within a layout.
    #[serde(serialize_with = "direction_id")]
    pub direction: Option<Direction>,
    /// The section, for changes within one.
    #[serde(serialize_with = "section_id")]
    pub section: Option<SectionKind>,
    /// The item in the old version (none when added, or when not an item).
    pub old_item: Option<ItemRef>,
    /// The item in the new version (none when removed, or when not an item).
    pub new_item: Option<ItemRef>,
    /// The fact that changed (`digits`, `occurs`, `position`, ...), for changed, renamed and moved.
    pub attribute: Option<&'static str>,
    /// Its word in the spec (`桁数`).
    pub label: Option<&'static str>,
    /// The old value as the spec writes it (for added and removed: a description of the thing).
    pub old: Option<String>,
    /// The new value.
    pub new: Option<String>,
    /// Why the change is classed as it is.
    pub reason: String,
    /// Where it is: the cell of the item (or the start of the layout or section) in the new version's
    /// workbook, in the old one's for what was removed.
    #[serde(serialize_with = "optional_location")]
    pub origin: Option<Location>,
}

impl Change {
    /// `IF-I6-01-04-02 レスポンス` (the layout's title, as `list` and `overrides.toml` write it), or the
    /// IF ID for a change of a whole interface.
    pub fn layout_title(&self) -> String {
        match self.direction {
            Some(direction) => format!("{} {direction}", self.interface),
            None => self.interface.clone(),
        }
    }

    /// The item's path (the new version's, or the old one's when removed).
    pub fn path(&self) -> Option<&str> {
        self.new_item.as_ref().or(self.old_item.as_ref()).map(|i| i.path.as_str())
    }

    /// Who the change breaks, in words: `the receiver (the vendor)`, `sender and receiver`, `neither
    /// side`.
    pub fn breaks(&self) -> String {
        let (sender, receiver) = match self.direction {
            Some(Direction::Request) => (" (the vendor)", " (the service)"),
            Some(Direction::Response) => (" (the service)", " (the vendor)"),
            _ => ("", ""),
        };
        match (self.sender, self.receiver) {
            (Class::Breaking, Class::Breaking) => "sender and receiver".to_owned(),
            (Class::Breaking, Class::Compatible) => format!("the sender{sender}"),
            (Class::Compatible, Class::Breaking) => format!("the receiver{receiver}"),
            (Class::Compatible, Class::Compatible) => "neither side".to_owned(),
        }
    }
}

fn direction_id<S: Serializer>(direction: &Option<Direction>, s: S) -> Result<S::Ok, S::Error> {
    direction
        .map(|d| match d {
            Direction::Request => "request",
            Direction::Response => "response",
            Direction::File => "file",
        })
        .serialize(s)
}

fn section_id<S: Serializer>(section: &Option<SectionKind>, s: S) -> Result<S::Ok, S::Error> {
    section
        .map(|k| match k {
            SectionKind::Headers => "headers",
            SectionKind::Body => "body",
        })
        .serialize(s)
}

/// A location as `{"file", "sheet", "cell"}`.
#[derive(Serialize)]
struct LocationJson<'a> {
    file: &'a str,
    sheet: Option<&'a str>,
    cell: Option<&'a str>,
}

impl<'a> From<&'a Location> for LocationJson<'a> {
    fn from(l: &'a Location) -> Self {
        LocationJson { file: &l.file, sheet: l.sheet.as_deref(), cell: l.cell.as_deref() }
    }
}

fn location<S: Serializer>(location: &Location, s: S) -> Result<S::Ok, S::Error> {
    LocationJson::from(location).serialize(s)
}

fn optional_location<S: Serializer>(location: &Option<Location>, s: S) -> Result<S::Ok, S::Error> {
    location.as_ref().map(LocationJson::from).serialize(s)
}

/// How many changes of each class (silenced ones apart).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Breaking for the vendor.
    pub breaking: usize,
    /// Compatible for the vendor.
    pub compatible: usize,
    /// `breaking` + `compatible`.
    pub total: usize,
    /// Breaking for the side that sends.
    pub breaking_sender: usize,
    /// Breaking for the side that receives.
    pub breaking_receiver: usize,
    /// Silenced by the ignore file (counted in none of the above).
    pub silenced: usize,
}

/// A workbook (or overrides table) a version was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    pub name: String,
    pub sha256: String,
}

/// How many errors each version had that did not stop the comparison.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Errors {
    pub old: usize,
    pub new: usize,
}

/// A change an ignore-file entry silenced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Silenced {
    pub change: Change,
    /// The entry's reason.
    pub reason: String,
    /// The entry (`diff-ignore.toml [[ignore]] #2`).
    #[serde(serialize_with = "location")]
    pub entry: Location,
}

/// Everything that changed between two versions of the spec, in a stable order: interfaces by IF ID,
/// layouts リクエスト, レスポンス, ファイル, sections ヘッダ then ボディ, items in the new version's order
/// (each removed item after the item that preceded it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The old version's sources.
    pub old: Vec<SourceRef>,
    /// The new version's sources.
    pub new: Vec<SourceRef>,
    /// Errors of each version that did not stop the comparison (set by whoever read the versions).
    pub errors: Errors,
    pub summary: Summary,
    pub changes: Vec<Change>,
    /// Changes the ignore file silenced, with its reasons.
    pub silenced: Vec<Silenced>,
}

impl Report {
    /// Whether any change (not silenced) is breaking for the vendor.
    pub fn is_breaking(&self) -> bool {
        self.summary.breaking > 0
    }

    /// Whether nothing changed (silenced changes aside).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The changes breaking for the vendor.
    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.class == Class::Breaking)
    }

    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report serialises")
    }

    /// Counts the changes again (after some were silenced).
    pub fn recount(&mut self) {
        let count = |f: &dyn Fn(&Change) -> bool| self.changes.iter().filter(|c| f(c)).count();
        let breaking = count(&|c| c.class == Class::Breaking);
        self.summary = Summary {
            breaking,
            compatible: self.changes.len() - breaking,
            total: self.changes.len(),
            breaking_sender: count(&|c| c.sender == Class::Breaking),
            breaking_receiver: count(&|c| c.receiver == Class::Breaking),
            silenced: self.silenced.len(),
        };
    }
}

/// Compares two versions of the spec.
pub fn diff(old: &Spec, new: &Spec) -> Report {
    let mut differ = Differ { changes: Vec::new() };
    let ids: BTreeSet<&str> = old.interfaces.iter().chain(&new.interfaces).map(|i| i.id.as_str()).collect();
    for id in ids {
        let find = |spec: &Spec| spec.interfaces.iter().position(|i| i.id == id);
        differ.interface(find(old).map(|k| &old.interfaces[k]), find(new).map(|k| &new.interfaces[k]));
    }
    let sources = |spec: &Spec| {
        spec.sources.iter().map(|s| SourceRef { name: s.name.clone(), sha256: s.sha256.clone() }).collect()
    };
    let mut report = Report {
        old: sources(old),
        new: sources(new),
        errors: Errors::default(),
        summary: Summary::default(),
        changes: differ.changes,
        silenced: Vec::new(),
    };
    report.recount();
    report
}

/// The errors among `diagnostics` that stop a comparison of `spec` (the version they were found
/// reading): those that say a part of it was not read at all, so that it would show as removed (see
/// the [module docs](self#versions-with-errors)).
pub fn stopping<'a>(spec: &Spec, diagnostics: &'a Diagnostics) -> Vec<&'a Diagnostic> {
    let read_from = |file: &str, sheet: &str| {
        spec.interfaces
            .iter()
            .flat_map(|i| &i.layouts)
            .any(|l| l.origin.file == file && l.origin.sheet.as_deref() == Some(sheet))
    };
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(|d| {
            let at = &d.location;
            match (&at.sheet, &at.cell) {
                (None, None) => true,
                (Some(_), None) => true,
                (Some(_), Some(cell)) if cell.contains(':') => true,
                (Some(sheet), Some(_)) => !read_from(&at.file, sheet),
                // An entry of a table (overrides, naming table, vocabulary): the rest was read.
                (None, Some(_)) => false,
            }
        })
        .collect()
}

/// Where in the spec a comparison is.
#[derive(Clone, Debug)]
pub struct Context {
    pub interface: String,
    pub interface_name: String,
    pub direction: Direction,
    pub section: SectionKind,
    /// Whether the layout is positional (CSV): columns are known by 項目名 and place.
    pub positional: bool,
    /// Whether the layout is a CSV file (positional or with named columns).
    pub csv: bool,
    /// What the old version's items' rules depend on.
    pub old_rules: LayoutRules,
    /// What the new version's items' rules depend on.
    pub new_rules: LayoutRules,
}

struct Differ {
    changes: Vec<Change>,
}

impl Differ {
    /// Records `change` under the verdict's rule, classed by it.
    fn push(&mut self, Verdict { rule, reason }: Verdict, change: Change) {
        self.changes.push(Change {
            rule,
            class: rule.vendor(change.direction),
            sender: rule.sender,
            receiver: rule.receiver,
            reason,
            ..change
        });
    }

    fn interface(&mut self, old: Option<&Interface>, new: Option<&Interface>) {
        let Some(some) = new.or(old) else { return };
        let blank = Change {
            rule: rules::INTERFACE_NAME_CHANGED,
            class: Class::Compatible,
            sender: Class::Compatible,
            receiver: Class::Compatible,
            kind: Kind::Changed,
            target: Target::Interface,
            interface: some.id.clone(),
            interface_name: some.name.clone(),
            direction: None,
            section: None,
            old_item: None,
            new_item: None,
            attribute: None,
            label: None,
            old: None,
            new: None,
            reason: String::new(),
            origin: some.layouts.first().map(|l| l.origin.clone()),
        };
        let (old, new) = match (old, new) {
            (Some(old), Some(new)) => (old, new),
            (None, Some(new)) => {
                let layouts: Vec<String> = new.layouts.iter().map(|l| l.direction.to_string()).collect();
                let verdict = attrs::verdict(rules::INTERFACE_ADDED, "a new module: nothing existing changes");
                return self.push(verdict, Change { kind: Kind::Added, new: Some(layouts.join(", ")), ..blank });
            }
            (Some(old), None) => {
                let layouts: Vec<String> = old.layouts.iter().map(|l| l.direction.to_string()).collect();
                let verdict = attrs::verdict(rules::INTERFACE_REMOVED, "its module and types disappear");
                return self.push(verdict, Change { kind: Kind::Removed, old: Some(layouts.join(", ")), ..blank });
            }
            (None, None) => return,
        };
        if old.name != new.name {
            self.push(
                attrs::verdict(rules::INTERFACE_NAME_CHANGED, "the NAME constant and docs only"),
                Change {
                    attribute: Some("name"),
                    label: Some("外部インタフェース名"),
                    old: Some(old.name.clone()),
                    new: Some(new.name.clone()),
                    ..blank.clone()
                },
            );
        }
        let directions: BTreeSet<Direction> = old.layouts.iter().chain(&new.layouts).map(|l| l.direction).collect();
        for direction in directions {
            self.layout(&blank, direction, layout_of(old, direction), layout_of(new, direction));
        }
    }

    fn layout(&mut self, parent: &Change, direction: Direction, old: Option<&Layout>, new: Option<&Layout>) {
        let Some(some) = new.or(old) else { return };
        let blank = Change {
            target: Target::Layout,
            direction: Some(direction),
            origin: Some(some.origin.clone()),
            ..parent.clone()
        };
        let (old, new) = match (old, new) {
            (Some(old), Some(new)) => (old, new),
            (None, Some(new)) => {
                let verdict = attrs::verdict(rules::LAYOUT_ADDED, "new types: nothing existing changes");
                return self.push(verdict, Change { kind: Kind::Added, new: Some(describe_layout(new)), ..blank });
            }
            (Some(old), None) => {
                let verdict = attrs::verdict(rules::LAYOUT_REMOVED, "its types disappear");
                return self.push(verdict, Change { kind: Kind::Removed, old: Some(describe_layout(old)), ..blank });
            }
            (None, None) => return,
        };
        for attribute in attrs::LAYOUT {
            let (before, after) = ((attribute.show)(old), (attribute.show)(new));
            if before == after {
                continue;
            }
            let verdict = (attribute.judge)(old, new);
            self.push(
                verdict,
                Change {
                    attribute: Some(attribute.id),
                    label: Some(attribute.label),
                    old: Some(before),
                    new: Some(after),
                    ..blank.clone()
                },
            );
        }
        let (old_rules, new_rules) = (LayoutRules::of(old), LayoutRules::of(new));
        // A named-column file (LIFE) is matched by its keys, as JSON is.
        let positional = [old_rules, new_rules].iter().any(|r| r.csv == Some(CsvDialect::Positional));
        let csv = [old_rules, new_rules].iter().any(|r| r.format == WireFormat::Csv);
        for kind in [SectionKind::Headers, SectionKind::Body] {
            let cx = Context {
                interface: blank.interface.clone(),
                interface_name: blank.interface_name.clone(),
                direction,
                section: kind,
                positional,
                csv,
                old_rules,
                new_rules,
            };
            self.section(&blank, &cx, old.section(kind), new.section(kind));
        }
    }

    fn section(&mut self, parent: &Change, cx: &Context, old: Option<&Section>, new: Option<&Section>) {
        let count = |s: &Section| {
            let n: usize = s.items.iter().map(|i| i.walk().count()).sum();
            crate::diag::count(n, "item", "items")
        };
        let blank = |s: &Section| Change {
            target: Target::Section,
            section: Some(cx.section),
            origin: Some(s.origin.clone()),
            ..parent.clone()
        };
        match (old, new) {
            (Some(old), Some(new)) => self.items(cx, &old.items, &new.items, "", ""),
            (None, Some(new)) => {
                let required: Vec<&Item> = new.items.iter().filter(|i| i.occurs.min > 0).collect();
                let verdict = match required.first() {
                    Some(item) => attrs::verdict(
                        rules::SECTION_ADDED_REQUIRED,
                        format!(
                            "it has required items ({} {}): messages without them become invalid",
                            item.no, item.name
                        ),
                    ),
                    None => attrs::verdict(rules::SECTION_ADDED, "a new struct whose items are all optional"),
                };
                self.push(verdict, Change { kind: Kind::Added, new: Some(count(new)), ..blank(new) });
            }
            (Some(old), None) => self.push(
                attrs::verdict(rules::SECTION_REMOVED, "its struct disappears"),
                Change { kind: Kind::Removed, old: Some(count(old)), ..blank(old) },
            ),
            (None, None) => {}
        }
    }

    fn items(&mut self, cx: &Context, old: &[Item], new: &[Item], old_path: &str, new_path: &str) {
        let pairs = if cx.positional { matching::by_position(old, new) } else { matching::by_key(old, new) };
        let blank = Change {
            rule: rules::ITEM_NUMBER_CHANGED,
            class: Class::Compatible,
            sender: Class::Compatible,
            receiver: Class::Compatible,
            kind: Kind::Changed,
            target: Target::Item,
            interface: cx.interface.clone(),
            interface_name: cx.interface_name.clone(),
            direction: Some(cx.direction),
            section: Some(cx.section),
            old_item: None,
            new_item: None,
            attribute: None,
            label: None,
            old: None,
            new: None,
            reason: String::new(),
            origin: None,
        };
        for pair in pairs {
            match pair {
                Pair::Added(j) => {
                    let item = &new[j];
                    self.push(
                        added(cx, item),
                        Change {
                            kind: Kind::Added,
                            new_item: Some(item_ref(new, j, new_path)),
                            new: Some(attrs::describe(item, cx.new_rules)),
                            origin: Some(item.origin.clone()),
                            ..blank.clone()
                        },
                    );
                }
                Pair::Removed(i) => {
                    let item = &old[i];
                    self.push(
                        removed(cx),
                        Change {
                            kind: Kind::Removed,
                            old_item: Some(item_ref(old, i, old_path)),
                            old: Some(attrs::describe(item, cx.old_rules)),
                            origin: Some(item.origin.clone()),
                            ..blank.clone()
                        },
                    );
                }
                Pair::Both { old: i, new: j, moved } => {
                    let (o, n) = (&old[i], &new[j]);
                    let (compared_old, compared_new) =
                        (attrs::Compared::new(o, cx.old_rules), attrs::Compared::new(n, cx.new_rules));
                    let (old_ref, new_ref) = (item_ref(old, i, old_path), item_ref(new, j, new_path));
                    let blank = Change {
                        old_item: Some(old_ref.clone()),
                        new_item: Some(new_ref.clone()),
                        origin: Some(n.origin.clone()),
                        ..blank.clone()
                    };
                    if moved {
                        self.push(
                            attrs::verdict(
                                rules::COLUMN_MOVED,
                                "the column order changed: values land in other columns",
                            ),
                            Change {
                                kind: Kind::Moved,
                                attribute: Some("position"),
                                label: Some("位置"),
                                old: Some(old_ref.position.to_string()),
                                new: Some(new_ref.position.to_string()),
                                ..blank.clone()
                            },
                        );
                    }
                    for attribute in attrs::ITEM {
                        let (before, after) = ((attribute.show)(&compared_old), (attribute.show)(&compared_new));
                        if before == after || !attribute.comparable(&compared_old, &compared_new) {
                            continue;
                        }
                        let verdict = (attribute.judge)(&compared_old, &compared_new, cx);
                        let kind = if (attribute.identifies)(cx) { Kind::Renamed } else { Kind::Changed };
                        self.push(
                            verdict,
                            Change {
                                kind,
                                attribute: Some(attribute.id),
                                label: Some(attribute.label),
                                old: Some(before),
                                new: Some(after),
                                ..blank.clone()
                            },
                        );
                    }
                    self.items(cx, &o.children, &n.children, &old_ref.path, &new_ref.path);
                }
            }
        }
    }
}

/// The rule of an item only the new version has.
fn added(cx: &Context, item: &Item) -> Verdict {
    if cx.positional {
        attrs::verdict(rules::COLUMN_ADDED, "a column added: the columns after it shift, and the column count changes")
    } else if cx.csv {
        attrs::verdict(
            rules::COLUMN_ADDED,
            "a column added: an old reader reports a column it does not know on line 2, and struct literals stop compiling",
        )
    } else if item.occurs.min > 0 {
        attrs::verdict(
            rules::ITEM_ADDED_REQUIRED,
            "required: messages without it become invalid; an old receiver ignores the member",
        )
    } else {
        attrs::verdict(
            rules::ITEM_ADDED_OPTIONAL,
            "optional: a new field, so struct literals that build the message stop compiling; an old receiver ignores the member",
        )
    }
}

/// The rule of an item only the old version has.
fn removed(cx: &Context) -> Verdict {
    if cx.positional {
        attrs::verdict(rules::COLUMN_REMOVED, "a column removed: the columns after it shift")
    } else if cx.csv {
        attrs::verdict(
            rules::COLUMN_REMOVED,
            "a column removed: a new reader reports the old column on line 2, and its field disappears",
        )
    } else {
        attrs::verdict(rules::ITEM_REMOVED, "its field disappears: code that sets or reads it stops compiling")
    }
}

fn item_ref(siblings: &[Item], index: usize, parent_path: &str) -> ItemRef {
    let item = &siblings[index];
    let segment = item.key.as_deref().unwrap_or(&item.name);
    let path = if parent_path.is_empty() { segment.to_owned() } else { format!("{parent_path}/{segment}") };
    ItemRef {
        no: item.no.clone(),
        name: item.name.clone(),
        key: item.key.clone(),
        path,
        position: index + 1,
        origin: item.origin.clone(),
    }
}

fn layout_of(interface: &Interface, direction: Direction) -> Option<&Layout> {
    interface.layouts.iter().find(|l| l.direction == direction)
}

fn describe_layout(layout: &Layout) -> String {
    let sections: Vec<String> = layout
        .sections
        .iter()
        .map(|s| {
            let n = s.items.iter().map(|i| i.walk().count()).sum::<usize>();
            format!("{} {}", s.kind.spec_name(), crate::diag::count(n, "item", "items"))
        })
        .collect();
    format!("{} · {}", layout.format.spec_name(), sections.join(", "))
}
