//! Comparing two versions of the spec (`ltcip-codegen diff OLD NEW`): every interface, layout, section
//! and item added, removed or changed, each classed **breaking** or **compatible**.
//!
//! A change is *breaking* when a vendor's code or data that was valid under the old spec becomes
//! invalid, or stops compiling, under the new one (once the types are regenerated); otherwise it is
//! *compatible*. *Data* means documents of either direction: a request the vendor sends, and a
//! response the vendor has kept or uses as a test fixture. *Code* means the generated types as vendors
//! use them: they build a リクエスト with struct literals (the types have no `Default` and are not
//! `#[non_exhaustive]`), and read a レスポンス field by field.
//!
//! Compatible is about old → new only: it does not mean that code built from the old spec accepts all
//! that the new one allows (after 桁数 is raised, the service may send values an old build rejects).
//! Regenerate to follow the spec.
//!
//! # Matching
//!
//! Interfaces match by IF ID, layouts by IF ID and 送受信種別, sections by kind (ヘッダ, ボディ), and
//! items among the children of the same parent:
//!
//! - JSON (and HTTP headers) by wire key (項目). An item whose key differs but whose 項番 and 項目名 are
//!   the same (or whose 項目名 is the only one of its kind on both sides) was **renamed**.
//! - Positional layouts (CSV), whose items' keys are Rust field names from a naming table rather than
//!   wire keys, by 項目名 and place: the k-th column of a name is the k-th column of that
//!   name in the new version. Of the columns so paired, the longest run that kept its relative order
//!   stays put, and the others **moved**; a column added or removed shifts those after it but does not
//!   move them. Between two columns that stayed, equally many columns left over on both sides are paired
//!   in order as **renamed** (another 項目名 at the same place); otherwise they were removed and added.
//!
//! 階層レベル and where a row sits in a workbook are not compared: items match within their parent, and
//! the order of JSON members is free.
//!
//! # Classification
//!
//! | change | class | why |
//! |---|---|---|
//! | interface added | compatible | a new module; nothing existing changes |
//! | interface removed | **breaking** | its module and types disappear |
//! | 外部インタフェース名 changed | compatible | the `NAME` constant and docs only |
//! | layout added | compatible | new types; nothing existing changes |
//! | layout removed | **breaking** | its types disappear |
//! | 形式 changed (JSON ↔ CSV) | **breaking** | another wire format |
//! | character repertoire changed (MS932 ↔ JIS X 0213) | **breaking** | each holds characters the other lacks (髙 / 〜) |
//! | layout 補正 (overrides) changed | compatible | their effect is compared on its own |
//! | section added (e.g. リクエストヘッダ) | **breaking** if it has a required item, else compatible | documents without the required item become invalid; the struct is new |
//! | section removed | **breaking** | its struct disappears |
//! | JSON item added, 最小 ≥ 1 | **breaking** | documents without it become invalid |
//! | JSON item added, optional, in a リクエスト | **breaking** | a new field: struct literals that build the request stop compiling |
//! | JSON item added, optional, in a レスポンス | compatible | documents valid before stay valid; code reading fields compiles |
//! | JSON item removed | **breaking** | its field disappears: code that sets or reads it stops compiling |
//! | CSV column added or removed | **breaking** | the columns after it shift (and the column count changes) |
//! | CSV column moved (relative order changed) | **breaking** | values land in other columns |
//! | key renamed (項目, same 項番 and 項目名) | **breaking** | the wire key and the Rust field change |
//! | CSV column renamed (another 項目名 at the same place) | **breaking** | another column: data written for the old one means something else |
//! | CSV column renamed, the naming table (`*names.toml`) giving both names the same field | compatible | the same field at the same place: data and code stay valid |
//! | CSV field name changed (the naming table's identifier) | **breaking** | code using the field stops compiling |
//! | 項目名 changed, same key (JSON) | compatible | docs and messages only |
//! | 項番 changed | compatible | docs and the reported 項番 only |
//! | データ型 wider: 半角数字 → 半角英数字 → 半角文字 → 全半角文字, 全角文字 → 全半角文字, any class → `-` | compatible | every value valid before stays valid |
//! | データ型 narrower or unrelated (半角文字 ↔ 全角文字), `-` → a class | **breaking** | some values valid before become invalid |
//! | データ型 to or from リスト | **breaking** | the Rust type changes between a value and records |
//! | 桁数 raised, 可変長 | compatible | longer maximum: values valid before stay valid |
//! | 桁数 lowered | **breaking** | longer values become invalid |
//! | 桁数 changed, 固定長 | **breaking** | values of the old length become invalid |
//! | 可変長 → 固定長 | **breaking** | values of any other length become invalid |
//! | 固定長 → 可変長, 桁数 not lowered | compatible | the old length is still allowed |
//! | 桁数 `-` → a number | **breaking** | a length rule where there was none |
//! | 桁数 a number → `-` | compatible | no length rule any more |
//! | 出現回数 最小 raised (0 → 1) | **breaking** | documents without it become invalid |
//! | 出現回数 最小 lowered to 0 (1 → 0) | **breaking** | the Rust type `T` becomes `Option<T>` (`Vec` to `Option<Vec>` for a リスト; a repeated value stays `Vec<T>`: compatible) |
//! | 出現回数 最小 lowered, staying ≥ 1 (2 → 1) | compatible | more documents are valid; the Rust type is unchanged |
//! | 出現回数 最大 lowered | **breaking** | documents with more become invalid |
//! | 出現回数 最大 raised from 1 (not a リスト) | **breaking** | the Rust type `T` becomes `Vec<T>` |
//! | 出現回数 最大 raised otherwise (a リスト's, or 2 → n) | compatible | more documents are valid; the Rust type is unchanged |
//! | code added to a code list | compatible | values valid before stay valid |
//! | code removed from a code list | **breaking** | documents using it become invalid |
//! | code list where there was none | **breaking** | other values become invalid |
//! | code list dropped | compatible | any value is valid |
//! | fixed value added or changed | **breaking** | other values become invalid |
//! | fixed value dropped | compatible | the old value stays valid |
//! | date format added or changed | **breaking** | values not in the new format become invalid |
//! | date format dropped | compatible | dates written before stay valid |
//! | secret (自治体トークン) set or cleared | **breaking** | the Rust type changes between `String` and `Secret` |
//! | フォーマット or 備考 text changed | compatible | text only; the fixed value, date format and code list read from it are compared on their own |
//! | item 補正 (overrides) changed | compatible | their effect on the item is compared on its own |
//!
//! A fact the model gains is compared by adding one [`attrs::Attribute`] to [`attrs::ITEM`]: how it is
//! shown and how a change to it is classed.

pub mod attrs;
pub mod matching;
mod text;

use std::collections::BTreeSet;

use serde::{Serialize, Serializer};

use crate::lowering::LayoutRules;
use crate::model::{CsvDialect, Direction, Interface, Item, Layout, Section, SectionKind, Spec};
use attrs::Verdict;
use matching::Pair;

/// Whether a change breaks vendors' code or data.
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
    /// 項目 (wire key); none in CSV layouts.
    pub key: Option<String>,
    /// Keys (or, without keys, 項目名) from the top of the section, joined by `/`.
    pub path: String,
    /// 1-based place among its siblings (for a CSV layout's top-level item, its column).
    pub position: usize,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub class: Class,
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

/// How many changes of each class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub breaking: usize,
    pub compatible: usize,
    pub total: usize,
}

/// A workbook (or overrides table) a version was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    pub name: String,
    pub sha256: String,
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
    pub summary: Summary,
    pub changes: Vec<Change>,
}

impl Report {
    /// Whether any change is breaking.
    pub fn is_breaking(&self) -> bool {
        self.summary.breaking > 0
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The breaking changes.
    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.class == Class::Breaking)
    }

    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report serialises")
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
    let breaking = differ.changes.iter().filter(|c| c.class == Class::Breaking).count();
    let total = differ.changes.len();
    Report {
        old: sources(old),
        new: sources(new),
        summary: Summary { breaking, compatible: total - breaking, total },
        changes: differ.changes,
    }
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
    /// What the old version's items' rules depend on.
    pub old_rules: LayoutRules,
    /// What the new version's items' rules depend on.
    pub new_rules: LayoutRules,
}

struct Differ {
    changes: Vec<Change>,
}

impl Differ {
    fn push(&mut self, change: Change) {
        self.changes.push(change);
    }

    fn interface(&mut self, old: Option<&Interface>, new: Option<&Interface>) {
        let Some(some) = new.or(old) else { return };
        let blank = Change {
            class: Class::Compatible,
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
        };
        let (old, new) = match (old, new) {
            (Some(old), Some(new)) => (old, new),
            (None, Some(new)) => {
                let layouts: Vec<String> = new.layouts.iter().map(|l| l.direction.to_string()).collect();
                return self.push(Change {
                    kind: Kind::Added,
                    new: Some(layouts.join(", ")),
                    reason: "a new module: nothing existing changes".to_owned(),
                    ..blank
                });
            }
            (Some(old), None) => {
                let layouts: Vec<String> = old.layouts.iter().map(|l| l.direction.to_string()).collect();
                return self.push(Change {
                    class: Class::Breaking,
                    kind: Kind::Removed,
                    old: Some(layouts.join(", ")),
                    reason: "its module and types disappear".to_owned(),
                    ..blank
                });
            }
            (None, None) => return,
        };
        if old.name != new.name {
            self.push(Change {
                attribute: Some("name"),
                label: Some("外部インタフェース名"),
                old: Some(old.name.clone()),
                new: Some(new.name.clone()),
                reason: "the NAME constant and docs only".to_owned(),
                ..blank.clone()
            });
        }
        let directions: BTreeSet<Direction> = old.layouts.iter().chain(&new.layouts).map(|l| l.direction).collect();
        for direction in directions {
            self.layout(&blank, direction, layout_of(old, direction), layout_of(new, direction));
        }
    }

    fn layout(&mut self, parent: &Change, direction: Direction, old: Option<&Layout>, new: Option<&Layout>) {
        let blank = Change { target: Target::Layout, direction: Some(direction), ..parent.clone() };
        let (old, new) = match (old, new) {
            (Some(old), Some(new)) => (old, new),
            (None, Some(new)) => {
                return self.push(Change {
                    kind: Kind::Added,
                    new: Some(describe_layout(new)),
                    reason: "new types: nothing existing changes".to_owned(),
                    ..blank
                });
            }
            (Some(old), None) => {
                return self.push(Change {
                    class: Class::Breaking,
                    kind: Kind::Removed,
                    old: Some(describe_layout(old)),
                    reason: "its types disappear".to_owned(),
                    ..blank
                });
            }
            (None, None) => return,
        };
        for attribute in attrs::LAYOUT {
            let (before, after) = ((attribute.show)(old), (attribute.show)(new));
            if before == after {
                continue;
            }
            let Verdict { class, reason } = (attribute.judge)(old, new);
            self.push(Change {
                class,
                attribute: Some(attribute.id),
                label: Some(attribute.label),
                old: Some(before),
                new: Some(after),
                reason,
                ..blank.clone()
            });
        }
        let (old_rules, new_rules) = (LayoutRules::of(old), LayoutRules::of(new));
        // A named-column file (LIFE) is matched by its keys, as JSON is.
        let positional = [old_rules, new_rules].iter().any(|r| r.csv == Some(CsvDialect::Positional));
        for kind in [SectionKind::Headers, SectionKind::Body] {
            let cx = Context {
                interface: blank.interface.clone(),
                interface_name: blank.interface_name.clone(),
                direction,
                section: kind,
                positional,
                old_rules,
                new_rules,
            };
            self.section(&blank, &cx, old.section(kind), new.section(kind));
        }
    }

    fn section(&mut self, parent: &Change, cx: &Context, old: Option<&Section>, new: Option<&Section>) {
        let blank = Change { target: Target::Section, section: Some(cx.section), ..parent.clone() };
        let count = |s: &Section| {
            let n: usize = s.items.iter().map(|i| i.walk().count()).sum();
            format!("{n} items")
        };
        match (old, new) {
            (Some(old), Some(new)) => self.items(cx, &old.items, &new.items, "", ""),
            (None, Some(new)) => {
                let required: Vec<&Item> = new.items.iter().filter(|i| i.occurs.min > 0).collect();
                let (class, reason) = match required.first() {
                    Some(item) => (
                        Class::Breaking,
                        format!(
                            "it has required items ({} {}): documents without them become invalid",
                            item.no, item.name
                        ),
                    ),
                    None => (Class::Compatible, "a new struct whose items are all optional".to_owned()),
                };
                self.push(Change { class, kind: Kind::Added, new: Some(count(new)), reason, ..blank });
            }
            (Some(old), None) => self.push(Change {
                class: Class::Breaking,
                kind: Kind::Removed,
                old: Some(count(old)),
                reason: "its struct disappears".to_owned(),
                ..blank
            }),
            (None, None) => {}
        }
    }

    fn items(&mut self, cx: &Context, old: &[Item], new: &[Item], old_path: &str, new_path: &str) {
        let pairs = if cx.positional { matching::by_position(old, new) } else { matching::by_key(old, new) };
        let blank = Change {
            class: Class::Compatible,
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
        };
        for pair in pairs {
            match pair {
                Pair::Added(j) => {
                    let item = &new[j];
                    let Verdict { class, reason } = added(cx, item);
                    self.push(Change {
                        class,
                        kind: Kind::Added,
                        new_item: Some(item_ref(new, j, new_path)),
                        new: Some(attrs::describe(item, cx.new_rules)),
                        reason,
                        ..blank.clone()
                    });
                }
                Pair::Removed(i) => {
                    let item = &old[i];
                    let reason = if cx.positional {
                        "a column removed: the columns after it shift"
                    } else {
                        "its field disappears: code that sets or reads it stops compiling"
                    };
                    self.push(Change {
                        class: Class::Breaking,
                        kind: Kind::Removed,
                        old_item: Some(item_ref(old, i, old_path)),
                        old: Some(attrs::describe(item, cx.old_rules)),
                        reason: reason.to_owned(),
                        ..blank.clone()
                    });
                }
                Pair::Both { old: i, new: j, moved } => {
                    let (o, n) = (&old[i], &new[j]);
                    let (compared_old, compared_new) =
                        (attrs::Compared::new(o, cx.old_rules), attrs::Compared::new(n, cx.new_rules));
                    let (old_ref, new_ref) = (item_ref(old, i, old_path), item_ref(new, j, new_path));
                    let blank =
                        Change { old_item: Some(old_ref.clone()), new_item: Some(new_ref.clone()), ..blank.clone() };
                    if moved {
                        self.push(Change {
                            class: Class::Breaking,
                            kind: Kind::Moved,
                            attribute: Some("position"),
                            label: Some("位置"),
                            old: Some(old_ref.position.to_string()),
                            new: Some(new_ref.position.to_string()),
                            reason: "the column order changed: values land in other columns".to_owned(),
                            ..blank.clone()
                        });
                    }
                    for attribute in attrs::ITEM {
                        let (before, after) = ((attribute.show)(&compared_old), (attribute.show)(&compared_new));
                        if before == after {
                            continue;
                        }
                        let Verdict { class, reason } = (attribute.judge)(&compared_old, &compared_new, cx);
                        let kind = if (attribute.identifies)(cx) { Kind::Renamed } else { Kind::Changed };
                        self.push(Change {
                            class,
                            kind,
                            attribute: Some(attribute.id),
                            label: Some(attribute.label),
                            old: Some(before),
                            new: Some(after),
                            reason,
                            ..blank.clone()
                        });
                    }
                    self.items(cx, &o.children, &n.children, &old_ref.path, &new_ref.path);
                }
            }
        }
    }
}

/// The class of an item only the new version has.
fn added(cx: &Context, item: &Item) -> Verdict {
    let (class, reason) = if cx.positional {
        (Class::Breaking, "a column added: the columns after it shift, and the column count changes")
    } else if item.occurs.min > 0 {
        (Class::Breaking, "required: documents without it become invalid")
    } else if cx.direction != Direction::Response {
        (Class::Breaking, "a new field of a message the vendor builds: struct literals stop compiling")
    } else {
        (Class::Compatible, "optional, in a response the vendor reads: documents valid before stay valid")
    };
    Verdict { class, reason: reason.to_owned() }
}

fn item_ref(siblings: &[Item], index: usize, parent_path: &str) -> ItemRef {
    let item = &siblings[index];
    let segment = item.key.as_deref().unwrap_or(&item.name);
    let path = if parent_path.is_empty() { segment.to_owned() } else { format!("{parent_path}/{segment}") };
    ItemRef { no: item.no.clone(), name: item.name.clone(), key: item.key.clone(), path, position: index + 1 }
}

fn layout_of(interface: &Interface, direction: Direction) -> Option<&Layout> {
    interface.layouts.iter().find(|l| l.direction == direction)
}

fn describe_layout(layout: &Layout) -> String {
    let sections: Vec<String> = layout
        .sections
        .iter()
        .map(|s| format!("{} {} items", s.kind.spec_name(), s.items.iter().map(|i| i.walk().count()).sum::<usize>()))
        .collect();
    format!("{} · {}", layout.format.spec_name(), sections.join(", "))
}
