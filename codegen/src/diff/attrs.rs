//! The facts of items and layouts that are compared, each with the rule a change to it falls under. A fact
//! the model gains is compared by adding one [`Attribute`] to [`ITEM`] (or a [`LayoutAttribute`] to
//! [`LAYOUT`]).

use super::Context;
use super::rules::{self, Rule};
use crate::lowering::{ItemRules, LayoutRules, TextRules};
use crate::model::{CharClass, CsvDialect, DataType, FileFacts, FileNameRule, Item, Layout, Occurs};

/// The rule a change falls under (which classes it for the sender and the receiver), with the reason
/// in the change's own terms.
#[derive(Debug)]
pub struct Verdict {
    pub rule: &'static Rule,
    pub reason: String,
}

/// A verdict.
pub fn verdict(rule: &'static Rule, reason: impl Into<String>) -> Verdict {
    Verdict { rule, reason: reason.into() }
}

/// One compared fact of an item.
#[derive(Debug)]
pub struct Attribute {
    /// Stable identifier, for the JSON report (`digits`).
    pub id: &'static str,
    /// The spec's word, for the text report (`桁数`).
    pub label: &'static str,
    /// The fact as the spec would write it (`-` for none). Two items differ in the fact when these
    /// differ.
    pub show: fn(&Compared) -> String,
    /// The rule of a change from the first item to the second (called only when they differ).
    pub judge: fn(&Compared, &Compared, &Context) -> Verdict,
    /// Whether a change is a rename: the fact identifies the item.
    pub identifies: fn(&Context) -> bool,
}

const NONE: &str = "-";

/// An item as compared: as the spec writes it, and as it is checked.
#[derive(Debug)]
pub struct Compared<'a> {
    /// The item.
    pub item: &'a Item,
    /// Its rules in its layout.
    pub rules: ItemRules,
}

impl<'a> Compared<'a> {
    /// `item` of a layout whose rules are `layout`.
    pub fn new(item: &'a Item, layout: LayoutRules) -> Self {
        Compared { item, rules: ItemRules::of(item, layout) }
    }

    /// A fact of the item's text rules (`None` for a リスト).
    fn text<T>(&self, fact: impl FnOnce(&TextRules) -> Option<T>) -> Option<T> {
        self.rules.text.as_ref().and_then(fact)
    }

    /// 桁数 and whether it is 固定長: the length rule's, or a 数値's integer digits (可変長).
    fn digits(&self) -> Option<(u32, bool)> {
        self.text(|t| {
            t.length.map(|l| (l.digits, l.fixed)).or_else(|| t.number.and_then(|n| n.integer).map(|i| (i, false)))
        })
    }

    /// A 数値's 小数点以下の桁数, when it has any.
    fn fraction(&self) -> Option<u32> {
        self.text(|t| t.number.map(|n| n.fraction).filter(|f| *f > 0))
    }

    /// The codes allowed (none for a リスト, or where a fixed value names the one allowed).
    fn codes(&self) -> Vec<String> {
        self.text(|t| Some(t.codes.clone())).unwrap_or_default()
    }

    /// Values allowed besides the other rules.
    fn also(&self) -> Vec<String> {
        self.text(|t| Some(t.also.clone())).unwrap_or_default()
    }
}

fn never(_: &Context) -> bool {
    false
}

impl Attribute {
    /// Whether two paired items can be compared on this fact. A key one version lacks is unknown there,
    /// not changed: an item the naming table does not name yet, or a row whose 項目 could not be read
    /// (the reading reports it).
    pub fn comparable(&self, old: &Compared, new: &Compared) -> bool {
        self.id != "key" || old.item.key.is_some() == new.item.key.is_some()
    }
}

/// What `old` → `new` removed and what it added, each as `「a」「b」`.
fn removed_and_added(old: &[String], new: &[String]) -> (String, String) {
    let quote = |values: &[String], other: &[String]| -> String {
        values.iter().filter(|v| !other.contains(v)).map(|v| format!("「{v}」")).collect()
    };
    (quote(old, new), quote(new, old))
}

/// Every compared fact of an item, in the order reported. Rules are compared as the item is checked
/// ([`ItemRules`]), documentation as the spec writes it.
pub const ITEM: &[Attribute] = &[
    Attribute {
        id: "key",
        label: "項目",
        show: |c| c.item.key.clone().unwrap_or_else(|| NONE.to_owned()),
        judge: |_, _, cx| {
            if cx.positional {
                verdict(
                    rules::COLUMN_FIELD_RENAMED,
                    "the field the column is generated as changes: code using it stops compiling",
                )
            } else {
                verdict(
                    rules::ITEM_KEY_RENAMED,
                    "another wire key: each side loses the value under the other's key, and the Rust field is renamed",
                )
            }
        },
        identifies: |cx| !cx.positional,
    },
    Attribute {
        id: "name",
        label: "項目名",
        show: |c| c.item.name.clone(),
        judge: |old, new, cx| {
            if cx.positional && new.item.key.is_none() {
                verdict(
                    rules::COLUMN_RENAMED,
                    "a column is known by its 項目名: another name at the same place is another column (the naming table does not name it yet)",
                )
            } else if cx.positional && (old.item.key.is_none() || old.item.key != new.item.key) {
                verdict(
                    rules::COLUMN_RENAMED,
                    "a column is known by its 項目名: another name at the same place is another column",
                )
            } else if cx.positional {
                verdict(
                    rules::COLUMN_NAME_CHANGED,
                    "another 項目名 at the same place, generated as the same field: data and code stay valid",
                )
            } else {
                verdict(rules::ITEM_NAME_CHANGED, "documentation and messages only; the wire key is unchanged")
            }
        },
        identifies: |cx| cx.positional,
    },
    Attribute {
        id: "no",
        label: "項番",
        show: |c| c.item.no.clone(),
        judge: |_, _, _| verdict(rules::ITEM_NUMBER_CHANGED, "documentation and reported 項番 only"),
        identifies: never,
    },
    Attribute {
        id: "data_type", label: "データ型", show: show_data_type, judge: judge_data_type, identifies: never
    },
    Attribute {
        id: "digits",
        label: "桁数",
        show: |c| c.digits().map_or_else(|| NONE.to_owned(), |(digits, _)| digits.to_string()),
        judge: judge_digits,
        identifies: never,
    },
    Attribute {
        id: "length_kind",
        label: "可変長/固定長",
        show: show_length_kind,
        judge: judge_length_kind,
        identifies: never,
    },
    Attribute {
        id: "occurs",
        label: "出現回数",
        show: |c| c.rules.occurs.to_string(),
        judge: judge_occurs,
        identifies: never,
    },
    Attribute { id: "codes", label: "コード値", show: show_codes, judge: judge_codes, identifies: never },
    Attribute {
        id: "fixed",
        label: "固定値",
        show: |c| c.text(|t| t.fixed.clone()).unwrap_or_else(|| NONE.to_owned()),
        judge: |old, new, _| match (old.text(|t| t.fixed.clone()), new.text(|t| t.fixed.clone())) {
            (Some(_), None) => {
                verdict(rules::ITEM_FIXED_VALUE_REMOVED, "no fixed value any more: other values may now arrive")
            }
            (None, _) => verdict(rules::ITEM_FIXED_VALUE_ADDED, "a fixed value: every other value becomes invalid"),
            (Some(_), Some(_)) => {
                verdict(rules::ITEM_FIXED_VALUE_CHANGED, "another fixed value: each side rejects the other's value")
            }
        },
        identifies: never,
    },
    Attribute {
        id: "date",
        label: "日付書式",
        show: |c| c.text(|t| t.date).map_or(NONE, |d| d.pattern()).to_owned(),
        judge: |old, new, _| match (old.text(|t| t.date), new.text(|t| t.date)) {
            (Some(_), None) => verdict(
                rules::ITEM_DATE_FORMAT_REMOVED,
                "no date format any more: values that are no date in the old format may now arrive",
            ),
            (None, _) => verdict(rules::ITEM_DATE_FORMAT_ADDED, "a date format: values not in it become invalid"),
            (Some(_), Some(_)) => verdict(
                rules::ITEM_DATE_FORMAT_CHANGED,
                "another date format: dates written in either are invalid under the other",
            ),
        },
        identifies: never,
    },
    Attribute {
        id: "pattern",
        label: "パターン",
        show: |c| c.text(|t| t.pattern.clone()).unwrap_or_else(|| NONE.to_owned()),
        judge: |old, new, _| match (old.text(|t| t.pattern.clone()), new.text(|t| t.pattern.clone())) {
            (Some(_), None) => verdict(
                rules::ITEM_PATTERN_REMOVED,
                "no pattern any more: values not matching the old one may now arrive",
            ),
            (None, _) => verdict(
                rules::ITEM_PATTERN_ADDED,
                "a pattern where there was none: values not matching it become invalid",
            ),
            (Some(_), Some(_)) => verdict(
                rules::ITEM_PATTERN_CHANGED,
                "another pattern: values matching only one of them are invalid under the other",
            ),
        },
        identifies: never,
    },
    Attribute {
        id: "also",
        label: "許容値",
        show: |c| show_values(&c.also()),
        judge: |old, new, _| match removed_and_added(&old.also(), &new.also()) {
            (removed, added) if removed.is_empty() => verdict(
                rules::ITEM_EXTRA_VALUE_ADDED,
                format!("{added} allowed besides the rules: a value an old receiver rejects may arrive"),
            ),
            (removed, added) if added.is_empty() => verdict(
                rules::ITEM_EXTRA_VALUE_REMOVED,
                format!("{removed} no longer allowed: messages using it become invalid"),
            ),
            (removed, added) => verdict(
                rules::ITEM_EXTRA_VALUES_CHANGED,
                format!("{removed} no longer allowed, {added} allowed: each side admits a value the other rejects"),
            ),
        },
        identifies: never,
    },
    Attribute {
        id: "free_text",
        label: "フリーテキスト",
        show: |c| flag(c.rules.free_text),
        judge: |old, _, _| {
            if old.rules.free_text {
                verdict(rules::ITEM_FREE_TEXT_REMOVED, "no longer free text: characters it allowed may become invalid")
            } else {
                verdict(
                    rules::ITEM_FREE_TEXT_ADDED,
                    "free text now: any MS932 character may arrive, and writers quote the field",
                )
            }
        },
        identifies: never,
    },
    Attribute {
        id: "uniform",
        label: "全レコード同一",
        show: |c| flag(c.rules.uniform),
        judge: |old, _, _| {
            if old.rules.uniform {
                verdict(
                    rules::ITEM_UNIFORM_REMOVED,
                    "records of a file may now hold different values, which an old receiver rejects",
                )
            } else {
                verdict(
                    rules::ITEM_UNIFORM_ADDED,
                    "every record of a file must now hold the same value: files that vary become invalid",
                )
            }
        },
        identifies: never,
    },
    Attribute {
        id: "decimals",
        label: "小数点以下の桁数",
        show: |c| c.fraction().map_or_else(|| NONE.to_owned(), |d| d.to_string()),
        judge: |old, new, _| {
            if new.fraction().unwrap_or(0) > old.fraction().unwrap_or(0) {
                verdict(
                    rules::ITEM_DECIMALS_INCREASED,
                    "more decimals: numbers valid before stay valid; numbers with more decimals may now arrive",
                )
            } else {
                verdict(rules::ITEM_DECIMALS_DECREASED, "fewer decimals: numbers written with more become invalid")
            }
        },
        identifies: never,
    },
    Attribute { id: "range", label: "範囲", show: show_range, judge: judge_range, identifies: never },
    Attribute {
        id: "required_when",
        label: "必須条件",
        show: show_requirement,
        judge: |old, new, _| match (&old.rules.requirement, &new.rules.requirement) {
            (Some(_), None) => verdict(
                rules::ITEM_REQUIREMENT_REMOVED,
                "no longer required beyond 出現回数: records without it may now arrive",
            ),
            (None, _) => verdict(
                rules::ITEM_REQUIREMENT_ADDED,
                "required in more records or modes than before: records without it may become invalid",
            ),
            (Some(_), Some(_)) => verdict(
                rules::ITEM_REQUIREMENT_CHANGED,
                "required in other records or modes: records valid under one may be invalid under the other",
            ),
        },
        identifies: never,
    },
    Attribute {
        id: "quoted",
        label: "引用符",
        show: |c| flag(c.rules.quoted),
        judge: |_, _, _| {
            verdict(rules::ITEM_QUOTING_CHANGED, "how writers quote the field; readers take it quoted or not")
        },
        identifies: never,
    },
    Attribute {
        id: "description",
        label: "説明",
        show: |c| show_text(c.item.description.as_deref()),
        judge: |_, _, _| {
            verdict(rules::ITEM_DESCRIPTION_CHANGED, "text only; a condition it states is compared on its own")
        },
        identifies: never,
    },
    Attribute {
        id: "needed",
        label: "必要",
        show: |c| flag(c.item.needed),
        judge: |_, _, _| verdict(rules::ITEM_NEEDED_CHANGED, "documentation only: the spec does not define 必要"),
        identifies: never,
    },
    Attribute {
        id: "format",
        label: "フォーマット",
        show: |c| show_text(c.item.format.as_deref()),
        judge: |_, _, _| {
            verdict(
                rules::ITEM_FORMAT_TEXT_CHANGED,
                "text only; a fixed value or date format it states is compared on its own",
            )
        },
        identifies: never,
    },
    Attribute {
        id: "notation",
        label: "書式、選択肢など",
        show: |c| show_text(c.item.notation.as_deref()),
        judge: |_, _, _| verdict(rules::ITEM_NOTATION_CHANGED, "text only; a rule read from it is compared on its own"),
        identifies: never,
    },
    Attribute {
        id: "remarks",
        label: "備考",
        show: |c| show_text(c.item.remarks.as_deref()),
        judge: |_, _, _| {
            verdict(
                rules::ITEM_REMARKS_CHANGED,
                "text only; a code list or date format it states is compared on its own",
            )
        },
        identifies: never,
    },
    Attribute {
        id: "secret",
        label: "秘匿",
        show: |c| if c.rules.secret { "secret" } else { NONE }.to_owned(),
        judge: |_, _, _| {
            verdict(rules::ITEM_SECRET_CHANGED, "the Rust type changes between text and ltcip_runtime::Secret")
        },
        identifies: never,
    },
    Attribute {
        id: "overrides",
        label: "補正",
        show: |c| if c.item.overrides.is_empty() { NONE.to_owned() } else { c.item.overrides.join(" / ") },
        judge: |_, _, _| {
            verdict(rules::ITEM_OVERRIDES_CHANGED, "the correction's effect on the item is compared on its own")
        },
        identifies: never,
    },
];

fn show_range(c: &Compared) -> String {
    c.text(|t| t.range.as_ref().map(|r| r.written.to_string())).unwrap_or_else(|| NONE.to_owned())
}

/// How one end of a range moved: `(narrower, wider)`. `lower` is the low end (a higher bound is
/// narrower); no bound is the widest.
fn bound_moved(old: Option<f64>, new: Option<f64>, lower: bool) -> (bool, bool) {
    match (old, new) {
        (None, None) => (false, false),
        (Some(_), None) => (false, true),
        (None, Some(_)) => (true, false),
        (Some(o), Some(n)) => {
            let (narrower, wider) = (n > o, n < o);
            if lower { (narrower, wider) } else { (wider, narrower) }
        }
    }
}

/// A range keeps what it admitted when each bound stays or widens, and admits nothing new when each
/// bound stays or narrows.
fn judge_range(old: &Compared, new: &Compared, _: &Context) -> Verdict {
    let range = |c: &Compared| c.text(|t| t.range.clone());
    let (Some(o), Some(n)) = (range(old), range(new)) else {
        return if range(new).is_none() {
            verdict(rules::ITEM_RANGE_WIDENED, "no range any more: numbers outside the old one may now arrive")
        } else {
            verdict(rules::ITEM_RANGE_NARROWED, "a range where there was none: numbers outside it become invalid")
        };
    };
    let (low_narrower, low_wider) = bound_moved(o.min, n.min, true);
    let (high_narrower, high_wider) = bound_moved(o.max, n.max, false);
    let (narrower, wider) = (low_narrower || high_narrower, low_wider || high_wider);
    let (o, n) = (o.written, n.written);
    match (narrower, wider) {
        (true, true) => verdict(rules::ITEM_RANGE_CHANGED, format!("{o} → {n}: each admits numbers the other rejects")),
        (true, false) => {
            verdict(rules::ITEM_RANGE_NARROWED, format!("{o} → {n}: numbers outside the new range become invalid"))
        }
        (false, true) => verdict(
            rules::ITEM_RANGE_WIDENED,
            format!("{o} → {n}: wider; numbers outside the old range may now arrive"),
        ),
        (false, false) => verdict(rules::ITEM_RANGE_REWRITTEN, format!("{o} → {n}: the same bounds")),
    }
}

/// 必須 beyond 出現回数, as checked: `確定取込`, `確定取込 when 経口摂取＝1|2`, `when result＝失敗`.
fn show_requirement(c: &Compared) -> String {
    let Some(requirement) = &c.rules.requirement else {
        return NONE.to_owned();
    };
    let clauses: Vec<String> =
        requirement.clauses.iter().map(|c| format!("{}＝{}", c.key, c.values.join("|"))).collect();
    let mode = if requirement.mode == crate::model::Mode::Final { "確定取込" } else { "" };
    match (mode, clauses.is_empty()) {
        (mode, true) => mode.to_owned(),
        ("", false) => format!("when {}", clauses.join(" かつ ")),
        (mode, false) => format!("{mode} when {}", clauses.join(" かつ ")),
    }
}

/// Text quoted with its line breaks escaped, or `-`.
pub fn show_text(text: Option<&str>) -> String {
    text.map_or_else(|| NONE.to_owned(), |t| format!("{t:?}"))
}

fn show_data_type(c: &Compared) -> String {
    c.rules.data_type.map_or(NONE, DataType::spec_name).to_owned()
}

/// 可変長/固定長 as checked, or as written where there is no 桁数 for it to apply to.
fn show_length_kind(c: &Compared) -> String {
    match (c.digits(), &c.item.length_kind) {
        (Some((_, fixed)), _) => if fixed { "固定長" } else { "可変長" }.to_owned(),
        (None, Some(kind)) => kind.clone(),
        (None, None) => NONE.to_owned(),
    }
}

fn show_codes(c: &Compared) -> String {
    show_values(&c.codes())
}

fn show_values(values: &[String]) -> String {
    if values.is_empty() {
        return NONE.to_owned();
    }
    values.iter().map(|c| format!("「{c}」")).collect()
}

fn flag(set: bool) -> String {
    if set { "yes" } else { NONE }.to_owned()
}

/// Whether every value of class `narrow` is a value of class `wide`.
pub fn class_within(narrow: CharClass, wide: CharClass) -> bool {
    use CharClass::*;
    narrow == wide
        || wide == Mixed
        || matches!((narrow, wide), (HalfDigits, HalfAlphanumeric | Half) | (HalfAlphanumeric, Half))
}

fn judge_data_type(old: &Compared, new: &Compared, _: &Context) -> Verdict {
    match (old.rules.data_type, new.rules.data_type) {
        (Some(DataType::List), _) | (_, Some(DataType::List)) => {
            verdict(rules::ITEM_LIST_CHANGED, "to or from リスト: the Rust type changes between a value and records")
        }
        (Some(DataType::Decimal), _) => verdict(
            rules::ITEM_TYPE_CHANGED,
            "from 数値: the value is checked by other rules now, which admit and reject other values",
        ),
        (_, Some(DataType::Decimal)) => verdict(
            rules::ITEM_TYPE_CHANGED,
            "to 数値: values that are not decimal numbers become invalid, and numbers the old rules rejected may arrive",
        ),
        (Some(DataType::Text(_)), None) => verdict(
            rules::ITEM_TYPE_WIDENED,
            "no character rule any more: values valid before stay valid; any characters may now arrive",
        ),
        (None, _) => verdict(
            rules::ITEM_TYPE_NARROWED,
            "a character rule where there was none: values outside it become invalid",
        ),
        (Some(DataType::Text(a)), Some(DataType::Text(b))) if class_within(a, b) => verdict(
            rules::ITEM_TYPE_WIDENED,
            format!(
                "wider: every {} value is a {} value; values an old receiver rejects may arrive",
                a.spec_name(),
                b.spec_name()
            ),
        ),
        (Some(DataType::Text(a)), Some(DataType::Text(b))) if class_within(b, a) => verdict(
            rules::ITEM_TYPE_NARROWED,
            format!("narrower: some {} values are not {}", a.spec_name(), b.spec_name()),
        ),
        (Some(DataType::Text(a)), Some(DataType::Text(b))) => verdict(
            rules::ITEM_TYPE_CHANGED,
            format!("unrelated: some {} values are not {}, and the other way round", a.spec_name(), b.spec_name()),
        ),
    }
}

fn show_digits(digits: u32, fixed: bool) -> String {
    format!("{digits}桁 {}", if fixed { "固定長" } else { "可変長" })
}

/// 桁数 (a 数値's integer digits are a 可変長 桁数). With 可変長/固定長 changed too, each change gets
/// its own part: the kind what it does at the same 桁数, 桁数 what the new number does.
fn judge_digits(old: &Compared, new: &Compared, _: &Context) -> Verdict {
    match (old.digits(), new.digits()) {
        (Some((o, old_fixed)), Some((n, new_fixed))) => {
            let (before, after) = (show_digits(o, old_fixed), show_digits(n, new_fixed));
            if old_fixed && new_fixed {
                verdict(
                    rules::ITEM_FIXED_DIGITS_CHANGED,
                    format!(
                        "{before} → {after}: values of the old length become invalid, and values of the new one were invalid before"
                    ),
                )
            } else if n > o {
                verdict(
                    rules::ITEM_DIGITS_INCREASED,
                    format!("{before} → {after}: values up to {n} long may now arrive, which an old receiver rejects"),
                )
            } else {
                verdict(
                    rules::ITEM_DIGITS_DECREASED,
                    format!("{before} → {after}: values longer than {n} become invalid"),
                )
            }
        }
        (Some(_), None) => {
            verdict(rules::ITEM_DIGITS_REMOVED, "no length rule any more: values of any length may now arrive")
        }
        (None, Some((_, true))) => verdict(
            rules::ITEM_DIGITS_ADDED,
            "a fixed length where there was none: values of any other length become invalid",
        ),
        (None, _) => {
            verdict(rules::ITEM_DIGITS_ADDED, "a maximum length where there was none: longer values become invalid")
        }
    }
}

fn judge_length_kind(old: &Compared, new: &Compared, _: &Context) -> Verdict {
    match (old.digits(), new.digits()) {
        (Some((_, false)), Some((n, true))) => {
            verdict(rules::ITEM_LENGTH_FIXED, format!("可変長 → 固定長: values of any length but {n} become invalid"))
        }
        (Some((o, true)), Some((_, false))) => {
            verdict(rules::ITEM_LENGTH_VARIABLE, format!("固定長 → 可変長: values shorter than {o} may now arrive"))
        }
        _ => verdict(
            rules::ITEM_LENGTH_KIND_TEXT_CHANGED,
            "documentation only: there is no 桁数 for it to apply to on both sides (a 桁数 change is its own)",
        ),
    }
}

/// The Rust type the emitter gives an item's field (see `emit::field`).
pub fn rust_type(rules: &ItemRules) -> &'static str {
    let optional = rules.occurs.min == 0;
    let repeated = rules.occurs.max.is_none_or(|max| max > 1);
    match (rules.is_list(), optional, repeated) {
        (true, true, _) => "Option<Vec<record>>",
        (true, false, _) => "Vec<record>",
        (false, _, true) => "Vec<value>",
        (false, true, false) => "Option<value>",
        (false, false, false) => "value",
    }
}

fn judge_occurs(old: &Compared, new: &Compared, _: &Context) -> Verdict {
    let (o, n): (Occurs, Occurs) = (old.rules.occurs, new.rules.occurs);
    let (old_type, new_type) = (rust_type(&old.rules), rust_type(&new.rules));
    if old_type != new_type {
        let types = format!("the Rust type changes from {old_type} to {new_type}");
        return if o.min == 0 && n.min > 0 {
            verdict(
                rules::ITEM_BECAME_REQUIRED,
                format!("最小 {} → {}: messages without it become invalid, and {types}", o.min, n.min),
            )
        } else if o.min > 0 && n.min == 0 {
            verdict(
                rules::ITEM_BECAME_OPTIONAL,
                format!("最小 {} → {}: messages without it may arrive, and {types}", o.min, n.min),
            )
        } else {
            verdict(rules::ITEM_REPETITION_CHANGED, format!("{o} → {n}: {types}"))
        };
    }
    // 最大 None is no bound.
    let max = |m: Option<u32>| m.map_or(u64::MAX, u64::from);
    let narrower = n.min > o.min || max(n.max) < max(o.max);
    let wider = n.min < o.min || max(n.max) > max(o.max);
    match (narrower, wider) {
        (true, true) => verdict(
            rules::ITEM_OCCURS_CHANGED,
            format!("{o} → {n}: each admits counts the other rejects; the Rust type is unchanged"),
        ),
        (true, false) => verdict(
            rules::ITEM_OCCURS_NARROWED,
            format!("{o} → {n}: messages with the old counts become invalid; the Rust type is unchanged"),
        ),
        _ => verdict(
            rules::ITEM_OCCURS_WIDENED,
            format!("{o} → {n}: counts an old receiver rejects may arrive; the Rust type is unchanged"),
        ),
    }
}

fn judge_codes(old: &Compared, new: &Compared, _: &Context) -> Verdict {
    let (o, n) = (&old.codes(), &new.codes());
    if n.is_empty() {
        return verdict(rules::ITEM_CODE_LIST_REMOVED, "no code list any more: any value may now arrive");
    }
    if o.is_empty() {
        return verdict(rules::ITEM_CODE_LIST_ADDED, "a code list where there was none: other values become invalid");
    }
    match removed_and_added(o, n) {
        (removed, added) if removed.is_empty() && added.is_empty() => {
            verdict(rules::ITEM_CODES_REORDERED, "the same codes in another order")
        }
        (removed, added) if removed.is_empty() => verdict(
            rules::ITEM_CODE_ADDED,
            format!("{added} added: values valid before stay valid; the new code may arrive at an old receiver"),
        ),
        (removed, added) if added.is_empty() => {
            verdict(rules::ITEM_CODE_REMOVED, format!("{removed} removed: messages using it become invalid"))
        }
        (removed, added) => verdict(
            rules::ITEM_CODES_CHANGED,
            format!("{removed} removed, {added} added: each side admits a code the other rejects"),
        ),
    }
}

/// A short description of an item added or removed (`半角数字 · 10桁 · 固定長 · 出現回数 0..1`).
pub fn describe(item: &Item, layout: LayoutRules) -> String {
    let c = Compared::new(item, layout);
    let mut parts: Vec<String> = Vec::new();
    if let Some(data_type) = c.rules.data_type {
        parts.push(data_type.spec_name().to_owned());
    }
    if let Some((digits, _)) = c.digits() {
        parts.push(format!("{digits}桁"));
    }
    let kind = show_length_kind(&c);
    if kind != NONE {
        parts.push(kind);
    }
    parts.push(format!("出現回数 {}", c.rules.occurs));
    if c.rules.is_list() {
        let under = item.walk().count() - 1;
        parts.push(format!("{} under it", crate::diag::count(under, "item", "items")));
    }
    parts.join(" · ")
}

/// One compared fact of a layout.
#[derive(Debug)]
pub struct LayoutAttribute {
    /// Stable identifier, for the JSON report.
    pub id: &'static str,
    /// The spec's word, for the text report.
    pub label: &'static str,
    /// The fact as the spec would write it (`-` for none).
    pub show: fn(&Layout) -> String,
    /// The rule of a change from the first layout to the second (called only when they differ).
    pub judge: fn(&Layout, &Layout) -> Verdict,
}

fn file_fact(layout: &Layout, fact: fn(&FileFacts) -> Option<&String>) -> String {
    layout.file.as_ref().and_then(fact).cloned().unwrap_or_else(|| NONE.to_owned())
}

fn show_name_rule(rule: &FileNameRule) -> String {
    let mut text = rule.prefix.clone();
    for segment in &rule.segments {
        let format = match segment.date {
            Some(date) => date.pattern().to_owned(),
            None => format!("{}桁", segment.digits),
        };
        let also: String = segment.also.iter().map(|v| format!("又は{v}")).collect();
        text.push_str(&format!("_{}({format}{also})", segment.name));
    }
    text.push_str(&rule.extension);
    text
}

/// Every compared fact of a layout, in the order reported.
pub const LAYOUT: &[LayoutAttribute] = &[
    LayoutAttribute {
        id: "format",
        label: "形式",
        show: |layout| layout.format.spec_name().to_owned(),
        judge: |_, _| verdict(rules::LAYOUT_FORMAT_CHANGED, "another wire format"),
    },
    LayoutAttribute {
        id: "repertoire",
        label: "文字集合",
        show: |layout| layout.repertoire.name().to_owned(),
        judge: |_, _| {
            verdict(
                rules::LAYOUT_REPERTOIRE_CHANGED,
                "each repertoire holds characters the other lacks (髙 is MS932 only, 〜 JIS X 0213 only)",
            )
        },
    },
    LayoutAttribute {
        id: "csv_dialect",
        label: "列の識別",
        show: |layout| match LayoutRules::of(layout).csv {
            None => NONE.to_owned(),
            Some(CsvDialect::Positional) => "by position".to_owned(),
            Some(CsvDialect::Named) => "by name (line 2)".to_owned(),
        },
        judge: |_, _| {
            verdict(
                rules::LAYOUT_CSV_DIALECT_CHANGED,
                "columns told apart another way: files written for one layout do not read as the other",
            )
        },
    },
    LayoutAttribute {
        id: "file_name",
        label: "ファイル名",
        show: |layout| file_fact(layout, |f| f.name_rule.as_ref()),
        judge: |_, _| {
            verdict(rules::LAYOUT_FILE_NAME_TEXT_CHANGED, "text only; the rule read from it is compared on its own")
        },
    },
    LayoutAttribute {
        id: "file_name_rule",
        label: "ファイル名規則",
        show: |layout| {
            layout.file.as_ref().and_then(|f| f.name_pattern.as_ref()).map_or_else(|| NONE.to_owned(), show_name_rule)
        },
        judge: |old, new| {
            let rule = |l: &Layout| l.file.as_ref().and_then(|f| f.name_pattern.clone());
            match (rule(old), rule(new)) {
                (Some(_), None) => verdict(
                    rules::LAYOUT_FILE_NAME_RULE_REMOVED,
                    "no file-name rule any more: the FILE_NAME constant disappears, and any name may arrive",
                ),
                (None, _) => verdict(
                    rules::LAYOUT_FILE_NAME_RULE_ADDED,
                    "a file-name rule where there was none: other names become invalid",
                ),
                (Some(_), Some(_)) => verdict(
                    rules::LAYOUT_FILE_NAME_RULE_CHANGED,
                    "another file-name rule: names valid under one are invalid under the other",
                ),
            }
        },
    },
    LayoutAttribute {
        id: "encoding",
        label: "文字コード",
        show: |layout| file_fact(layout, |f| f.encoding.as_ref()),
        judge: |_, _| {
            verdict(
                rules::LAYOUT_ENCODING_CHANGED,
                "another character encoding: files written in one may not read in the other",
            )
        },
    },
    LayoutAttribute {
        id: "format_text",
        label: "形式（表記）",
        show: |layout| file_fact(layout, |f| f.format_text.as_ref()),
        judge: |_, _| {
            verdict(
                rules::LAYOUT_FORMAT_TEXT_CHANGED,
                "the delimiter is stated in it: files written as before may not split",
            )
        },
    },
    LayoutAttribute {
        id: "version",
        label: "CSVバージョン",
        show: |layout| file_fact(layout, |f| f.version.as_ref()),
        judge: |_, _| {
            verdict(
                rules::LAYOUT_VERSION_CHANGED,
                "every record holds the version: files of either version are invalid under the other",
            )
        },
    },
    LayoutAttribute {
        id: "creation_unit",
        label: "ファイル作成単位",
        show: |layout| file_fact(layout, |f| f.creation_unit.as_ref()),
        judge: |_, _| verdict(rules::LAYOUT_CREATION_UNIT_CHANGED, "documentation only"),
    },
    LayoutAttribute {
        id: "overrides",
        label: "補正",
        show: |layout| if layout.overrides.is_empty() { NONE.to_owned() } else { layout.overrides.join(" / ") },
        judge: |_, _| verdict(rules::LAYOUT_OVERRIDES_CHANGED, "the correction's effect is compared on its own"),
    },
];
