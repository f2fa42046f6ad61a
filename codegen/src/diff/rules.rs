//! The rule IDs: one per kind of change, each with its class for the side that sends the message
//! and for the side that receives it. The IDs are stable (a change of ID is a breaking change of this
//! tool): CI scripts and `diff-ignore.toml` name them. The table in the [module docs](super) lists the
//! same rules, and a test keeps the two in step.

use serde::{Serialize, Serializer};

use super::Class;
use super::Class::{Breaking as B, Compatible as C};
use crate::model::Direction;

/// What a rule is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// An interface (`INTERFACE_…`).
    Interface,
    /// A layout: a request, a response or a file (`LAYOUT_…`).
    Layout,
    /// A section of a layout: its headers or body (`SECTION_…`).
    Section,
    /// An item known by its key: a JSON member, an HTTP header, a named CSV column (`ITEM_…`).
    Item,
    /// A CSV column as a column: its place, its presence, its 項目名 in a positional file (`COLUMN_…`).
    Column,
}

/// One kind of change and how it is classed.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// The stable ID (`ITEM_DIGITS_DECREASED`).
    pub id: &'static str,
    /// What it is about.
    pub family: Family,
    /// The change, in a few words.
    pub change: &'static str,
    /// Its class for the side that sends the message (リクエスト: the vendor; レスポンス: the service;
    /// a file: whichever side writes it).
    pub sender: Class,
    /// Its class for the side that receives it.
    pub receiver: Class,
    /// Why, in general (each change says why in its own terms too).
    pub why: &'static str,
}

impl Rule {
    /// The class for the vendor (介護ソフト) of a layout of this direction: the sender of a request, the
    /// receiver of a response, either side of a file (and of an interface as a whole).
    pub fn vendor(&self, direction: Option<Direction>) -> Class {
        match direction {
            Some(Direction::Request) => self.sender,
            Some(Direction::Response) => self.receiver,
            Some(Direction::File) | None => self.sender.max(self.receiver),
        }
    }

    /// The rule with this ID.
    pub fn find(id: &str) -> Option<&'static Rule> {
        RULES.iter().copied().find(|r| r.id == id)
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id)
    }
}

macro_rules! rules {
    ($($id:ident: $family:ident, $sender:ident / $receiver:ident, $change:literal, $why:literal;)*) => {
        $(
            #[doc = concat!($change, ": ", $why, ".")]
            pub const $id: &Rule = &Rule {
                id: stringify!($id),
                family: Family::$family,
                change: $change,
                sender: $sender,
                receiver: $receiver,
                why: $why,
            };
        )*
        /// Every rule, in the order of the classification table.
        pub const RULES: &[&Rule] = &[$($id),*];
    };
}

// B: breaking, C: compatible; sender / receiver. A sender breaks when what it sends may now be
// rejected (a narrower rule), a receiver when what the old one rejected may now arrive (a wider rule);
// a change of the generated Rust API breaks code on both sides.
rules! {
    INTERFACE_ADDED: Interface, C / C, "interface added", "a new module; nothing existing changes";
    INTERFACE_REMOVED: Interface, B / B, "interface removed", "its module and types disappear";
    INTERFACE_NAME_CHANGED: Interface, C / C, "外部インタフェース名 changed", "the NAME constant and docs only";

    LAYOUT_ADDED: Layout, C / C, "layout added", "new types; nothing existing changes";
    LAYOUT_REMOVED: Layout, B / B, "layout removed", "its types disappear";
    LAYOUT_FORMAT_CHANGED: Layout, B / B, "形式 changed (JSON ↔ CSV)", "another wire format";
    LAYOUT_REPERTOIRE_CHANGED: Layout, B / B, "character repertoire changed (MS932 ↔ JIS X 0213)",
        "each holds characters the other lacks (髙 / 〜)";
    LAYOUT_CSV_DIALECT_CHANGED: Layout, B / B, "columns told apart another way (by position ↔ by name)",
        "files written for one do not read as the other";
    LAYOUT_FILE_NAME_TEXT_CHANGED: Layout, C / C, "ファイル名 text changed", "text only; the rule read from it is compared on its own";
    LAYOUT_FILE_NAME_RULE_ADDED: Layout, B / C, "file-name rule where there was none",
        "names that do not follow it become invalid; a receiver that checked none accepts every name";
    LAYOUT_FILE_NAME_RULE_CHANGED: Layout, B / B, "file-name rule changed",
        "names valid under one are invalid under the other";
    LAYOUT_FILE_NAME_RULE_REMOVED: Layout, B / B, "file-name rule dropped", "the FILE_NAME constant disappears";
    LAYOUT_ENCODING_CHANGED: Layout, B / B, "文字コード changed", "files written in one encoding may not read in the other";
    LAYOUT_FORMAT_TEXT_CHANGED: Layout, B / B, "形式 as written changed (the delimiter)", "files written as before may not split";
    LAYOUT_VERSION_CHANGED: Layout, B / B, "CSVバージョン changed", "every record holds the version: each side rejects the other's";
    LAYOUT_CREATION_UNIT_CHANGED: Layout, C / C, "ファイル作成単位 changed", "documentation only";
    LAYOUT_OVERRIDES_CHANGED: Layout, C / C, "layout 補正 (overrides) changed", "their effect is compared on its own";

    SECTION_ADDED_REQUIRED: Section, B / C, "section added with a required item (e.g. リクエストヘッダ)",
        "messages without the item become invalid; an old receiver ignores what it does not know";
    SECTION_ADDED: Section, C / C, "section added, every item optional", "a new struct; messages valid before stay valid";
    SECTION_REMOVED: Section, B / B, "section removed", "its struct disappears";

    ITEM_ADDED_REQUIRED: Item, B / C, "JSON item added, 最小 ≥ 1",
        "messages without it become invalid, and struct literals that build them stop compiling; an old receiver ignores a member it does not know";
    ITEM_ADDED_OPTIONAL: Item, B / C, "JSON item added, optional",
        "a new field: struct literals that build the message stop compiling; code that reads it compiles, and an old receiver ignores the member";
    ITEM_REMOVED: Item, B / B, "JSON item removed", "its field disappears: code that sets or reads it stops compiling";
    ITEM_KEY_RENAMED: Item, B / B, "key renamed (項目; same 項番 and 項目名)", "another wire key, and the Rust field is renamed";
    ITEM_NAME_CHANGED: Item, C / C, "項目名 changed, same key", "docs and messages only";
    ITEM_NUMBER_CHANGED: Item, C / C, "項番 changed", "docs and the reported 項番 only";
    ITEM_TYPE_WIDENED: Item, C / B,
        "データ型 wider (半角数字 → 半角英数字 → 半角文字 → 全半角文字, 全角文字 → 全半角文字, a class → none)",
        "values valid before stay valid; values an old receiver rejects may arrive";
    ITEM_TYPE_NARROWED: Item, B / C, "データ型 narrower (the reverse, none → a class)",
        "some values valid before become invalid; nothing new arrives";
    ITEM_TYPE_CHANGED: Item, B / B, "データ型 unrelated (半角文字 ↔ 全角文字), to or from 数値",
        "each side admits values the other rejects";
    ITEM_LIST_CHANGED: Item, B / B, "データ型 to or from リスト", "the Rust type changes between a value and records";
    ITEM_DIGITS_INCREASED: Item, C / B, "桁数 raised (可変長 after)", "longer values may now arrive";
    ITEM_DIGITS_DECREASED: Item, B / C, "桁数 lowered (可変長 after)", "values longer than the new 桁数 become invalid";
    ITEM_FIXED_DIGITS_CHANGED: Item, B / B, "桁数 changed, 固定長 before and after", "values of either length are invalid under the other";
    ITEM_DIGITS_ADDED: Item, B / C, "桁数 where there was none (`-` → a number)", "a length rule where there was none";
    ITEM_DIGITS_REMOVED: Item, C / B, "桁数 dropped (a number → `-`)", "values of any length may now arrive";
    ITEM_LENGTH_FIXED: Item, B / C, "可変長 → 固定長", "values of any other length become invalid";
    ITEM_LENGTH_VARIABLE: Item, C / B, "固定長 → 可変長", "shorter values may now arrive";
    ITEM_LENGTH_KIND_TEXT_CHANGED: Item, C / C, "可変長/固定長 changed where there is no 桁数",
        "documentation only: there is no 桁数 for it to apply to";
    ITEM_BECAME_REQUIRED: Item, B / B, "出現回数 最小 0 → ≥ 1 (optional → required)",
        "messages without it become invalid, and the Rust type changes (`Option<T>` → `T`, `Option<Vec<_>>` → `Vec<_>`)";
    ITEM_BECAME_OPTIONAL: Item, B / B, "出現回数 最小 ≥ 1 → 0 (required → optional)",
        "messages without it may arrive, and the Rust type changes (`T` → `Option<T>`)";
    ITEM_REPETITION_CHANGED: Item, B / B, "出現回数 最大 1 ↔ more, not a リスト", "the Rust type changes between `T` and `Vec<T>`";
    ITEM_OCCURS_NARROWED: Item, B / C, "出現回数 narrower, same Rust type (最小 raised, 最大 lowered)",
        "messages with the old counts become invalid";
    ITEM_OCCURS_WIDENED: Item, C / B, "出現回数 wider, same Rust type (最小 lowered, 最大 raised)",
        "counts an old receiver rejects may arrive";
    ITEM_OCCURS_CHANGED: Item, B / B, "出現回数 narrower at one end and wider at the other, same Rust type",
        "each side admits counts the other rejects";
    ITEM_CODE_ADDED: Item, C / B, "code added to a code list", "a code an old receiver rejects may arrive";
    ITEM_CODE_REMOVED: Item, B / C, "code removed from a code list", "messages using it become invalid";
    ITEM_CODES_CHANGED: Item, B / B, "codes added and others removed", "each side admits codes the other rejects";
    ITEM_CODES_REORDERED: Item, C / C, "the same codes in another order", "the same values are valid";
    ITEM_CODE_LIST_ADDED: Item, B / C, "code list where there was none", "other values become invalid";
    ITEM_CODE_LIST_REMOVED: Item, C / B, "code list dropped", "any value may now arrive";
    ITEM_FIXED_VALUE_ADDED: Item, B / C, "fixed value where there was none", "every other value becomes invalid";
    ITEM_FIXED_VALUE_CHANGED: Item, B / B, "fixed value changed", "each side rejects the other's value";
    ITEM_FIXED_VALUE_REMOVED: Item, C / B, "fixed value dropped", "other values may now arrive";
    ITEM_DATE_FORMAT_ADDED: Item, B / C, "date format where there was none", "values not in it become invalid";
    ITEM_DATE_FORMAT_CHANGED: Item, B / B, "date format changed", "dates in either format are invalid under the other";
    ITEM_DATE_FORMAT_REMOVED: Item, C / B, "date format dropped", "values in no date format may now arrive";
    ITEM_PATTERN_ADDED: Item, B / C, "pattern where there was none", "values not matching it become invalid";
    ITEM_PATTERN_CHANGED: Item, B / B, "pattern changed", "values matching only one of them are invalid under the other";
    ITEM_PATTERN_REMOVED: Item, C / B, "pattern dropped", "values not matching the old one may now arrive";
    ITEM_EXTRA_VALUE_ADDED: Item, C / B, "value allowed besides the rules added (許容値)", "a value an old receiver rejects may arrive";
    ITEM_EXTRA_VALUE_REMOVED: Item, B / C, "value allowed besides the rules removed", "messages using it become invalid";
    ITEM_EXTRA_VALUES_CHANGED: Item, B / B, "values allowed besides the rules added and removed",
        "each side admits values the other rejects";
    ITEM_FREE_TEXT_ADDED: Item, C / B, "フリーテキスト now", "any MS932 character may now arrive";
    ITEM_FREE_TEXT_REMOVED: Item, B / C, "no longer フリーテキスト", "characters it allowed may become invalid";
    ITEM_UNIFORM_ADDED: Item, B / C, "the same value in every record of a file now", "files whose records vary become invalid";
    ITEM_UNIFORM_REMOVED: Item, C / B, "records may hold different values now", "files an old receiver rejects may arrive";
    ITEM_DECIMALS_INCREASED: Item, C / B, "小数点以下の桁数 raised", "numbers with more decimals may now arrive";
    ITEM_DECIMALS_DECREASED: Item, B / C, "小数点以下の桁数 lowered", "numbers written with more become invalid";
    ITEM_RANGE_WIDENED: Item, C / B, "範囲 wider or dropped", "numbers outside the old range may now arrive";
    ITEM_RANGE_NARROWED: Item, B / C, "範囲 narrower, or where there was none", "numbers outside the new range become invalid";
    ITEM_RANGE_CHANGED: Item, B / B, "範囲 narrower at one end and wider at the other", "each side admits numbers the other rejects";
    ITEM_RANGE_REWRITTEN: Item, C / C, "範囲 written another way, the same bounds", "the same numbers are valid";
    ITEM_REQUIREMENT_ADDED: Item, B / C, "必須 beyond 出現回数 where there was none (確定取込, a condition)",
        "records without it may become invalid";
    ITEM_REQUIREMENT_CHANGED: Item, B / B, "必須 beyond 出現回数 changed", "records valid under one may be invalid under the other";
    ITEM_REQUIREMENT_REMOVED: Item, C / B, "必須 beyond 出現回数 dropped", "records without it may now arrive";
    ITEM_QUOTING_CHANGED: Item, C / C, "引用符 changed", "how writers quote the field; readers take it quoted or not";
    ITEM_SECRET_CHANGED: Item, B / B, "secret (自治体トークン) set or cleared", "the Rust type changes between text and Secret";
    ITEM_FORMAT_TEXT_CHANGED: Item, C / C, "フォーマット text changed", "text only; a rule read from it is compared on its own";
    ITEM_NOTATION_CHANGED: Item, C / C, "書式、選択肢など text changed", "text only; a rule read from it is compared on its own";
    ITEM_REMARKS_CHANGED: Item, C / C, "備考 text changed", "text only; a rule read from it is compared on its own";
    ITEM_DESCRIPTION_CHANGED: Item, C / C, "説明 text changed", "text only; a condition it states is compared on its own";
    ITEM_NEEDED_CHANGED: Item, C / C, "必要 mark changed", "documentation only: the spec does not define 必要";
    ITEM_OVERRIDES_CHANGED: Item, C / C, "item 補正 (overrides) changed", "its effect on the item is compared on its own";

    COLUMN_ADDED: Column, B / B, "CSV column added",
        "positional: the columns after it shift and the count changes; named: an old reader reports a column it does not know, and struct literals stop compiling";
    COLUMN_REMOVED: Column, B / B, "CSV column removed",
        "positional: the columns after it shift; named: a new reader reports the old column; its field disappears";
    COLUMN_MOVED: Column, B / B, "CSV column moved (relative order changed)", "values land in other columns";
    COLUMN_RENAMED: Column, B / B, "another 項目名 at the same place, another field (or none yet)",
        "another column: data written for the old one means something else";
    COLUMN_NAME_CHANGED: Column, C / C, "another 項目名 at the same place, the naming table giving both the same field",
        "the same field at the same place";
    COLUMN_FIELD_RENAMED: Column, B / B, "field name changed (the naming table's identifier)", "code using the field stops compiling";
}

#[cfg(test)]
mod tests {
    use super::{Family, RULES};
    use crate::diff::Class;

    /// The classification table of the module docs lists every rule once, with the same classes.
    #[test]
    fn the_documented_table_is_the_table_in_code() {
        let docs = include_str!("mod.rs");
        let rows: Vec<&str> = docs.lines().filter(|l| l.starts_with("//! | `")).collect();
        let cell = |class: Class| match class {
            Class::Breaking => "**breaking**",
            Class::Compatible => "compatible",
        };
        for rule in RULES {
            let row: Vec<&&str> = rows.iter().filter(|r| r.starts_with(&format!("//! | `{}` |", rule.id))).collect();
            assert_eq!(row.len(), 1, "{} is in the classification table once", rule.id);
            let cells: Vec<&str> = row[0].split('|').map(str::trim).collect();
            assert_eq!(cells[3], cell(rule.sender), "{}: sender", rule.id);
            assert_eq!(cells[4], cell(rule.receiver), "{}: receiver", rule.id);
        }
        assert_eq!(rows.len(), RULES.len(), "the table has a row for each rule and no other");
    }

    #[test]
    fn ids_are_unique_upper_snake_case_and_start_with_their_family() {
        let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        for rule in RULES {
            assert!(rule.id.chars().all(|c| c.is_ascii_uppercase() || c == '_'), "{}", rule.id);
            let prefix = match rule.family {
                Family::Interface => "INTERFACE_",
                Family::Layout => "LAYOUT_",
                Family::Section => "SECTION_",
                Family::Item => "ITEM_",
                Family::Column => "COLUMN_",
            };
            assert!(rule.id.starts_with(prefix), "{}", rule.id);
        }
    }
}
