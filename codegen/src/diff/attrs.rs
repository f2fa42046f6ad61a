//! The facts of items and layouts that are compared, each with how a change to it is classed. A fact
//! the model gains is compared by adding one [`Attribute`] to [`ITEM`] (or a [`LayoutAttribute`] to
//! [`LAYOUT`]).

use super::{Class, Context};
use crate::model::{CharClass, DataType, FileFacts, FileNameRule, Item, Layout, Length, Occurs, code_values};

/// A class with the reason for it.
#[derive(Debug)]
pub struct Verdict {
    pub class: Class,
    pub reason: String,
}

fn compatible(reason: impl Into<String>) -> Verdict {
    Verdict { class: Class::Compatible, reason: reason.into() }
}

fn breaking(reason: impl Into<String>) -> Verdict {
    Verdict { class: Class::Breaking, reason: reason.into() }
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
    pub show: fn(&Item) -> String,
    /// The class of a change from the first item to the second (called only when they differ).
    pub judge: fn(&Item, &Item, &Context) -> Verdict,
    /// Whether a change is a rename: the fact identifies the item.
    pub identifies: fn(&Context) -> bool,
}

const NONE: &str = "-";

fn never(_: &Context) -> bool {
    false
}

/// Every compared fact of an item, in the order reported.
pub const ITEM: &[Attribute] = &[
    Attribute {
        id: "key",
        label: "項目",
        show: |item| item.key.clone().unwrap_or_else(|| NONE.to_owned()),
        judge: |_, _, cx| {
            breaking(if cx.positional {
                "the field the column is generated as changes"
            } else {
                "another wire key: documents with the old key lose the value, and the Rust field is renamed"
            })
        },
        identifies: |cx| !cx.positional,
    },
    Attribute {
        id: "name",
        label: "項目名",
        show: |item| item.name.clone(),
        judge: |old, new, cx| {
            if cx.positional && (old.key.is_none() || old.key != new.key) {
                breaking("a column is known by its 項目名: another name at the same place is another column")
            } else if cx.positional {
                compatible("another 項目名 at the same place, generated as the same field: data and code stay valid")
            } else {
                compatible("documentation and messages only; the wire key is unchanged")
            }
        },
        identifies: |cx| cx.positional,
    },
    Attribute {
        id: "no",
        label: "項番",
        show: |item| item.no.clone(),
        judge: |_, _, _| compatible("documentation and reported 項番 only"),
        identifies: never,
    },
    Attribute {
        id: "data_type", label: "データ型", show: show_data_type, judge: judge_data_type, identifies: never
    },
    Attribute {
        id: "digits",
        label: "桁数",
        show: |item| item.length.map_or_else(|| NONE.to_owned(), |l| l.digits.to_string()),
        judge: judge_length,
        identifies: never,
    },
    Attribute {
        id: "length_kind",
        label: "可変長/固定長",
        show: show_length_kind,
        judge: judge_length,
        identifies: never,
    },
    Attribute {
        id: "occurs",
        label: "出現回数",
        show: |item| item.occurs.to_string(),
        judge: judge_occurs,
        identifies: never,
    },
    Attribute { id: "codes", label: "コード値", show: show_codes, judge: judge_codes, identifies: never },
    Attribute {
        id: "fixed",
        label: "固定値",
        show: |item| item.rules.fixed.clone().unwrap_or_else(|| NONE.to_owned()),
        judge: |old, new, _| match (&old.rules.fixed, &new.rules.fixed) {
            (Some(_), None) => compatible("no fixed value any more: the old value stays valid"),
            (None, _) => breaking("a fixed value: every other value becomes invalid"),
            (Some(_), Some(_)) => breaking("another fixed value: the old one becomes invalid"),
        },
        identifies: never,
    },
    Attribute {
        id: "date",
        label: "日付書式",
        show: |item| item.rules.date.map_or(NONE, |d| d.pattern()).to_owned(),
        judge: |old, new, _| match (old.rules.date, new.rules.date) {
            (Some(_), None) => compatible("no date format any more: dates written before stay valid"),
            (None, _) => breaking("a date format: values not in it become invalid"),
            (Some(_), Some(_)) => breaking("another date format: dates written in the old one become invalid"),
        },
        identifies: never,
    },
    Attribute {
        id: "pattern",
        label: "パターン",
        show: |item| item.rules.pattern.clone().unwrap_or_else(|| NONE.to_owned()),
        judge: |old, new, _| match (&old.rules.pattern, &new.rules.pattern) {
            (Some(_), None) => compatible("no pattern any more: values valid before stay valid"),
            (None, _) => breaking("a pattern where there was none: values not matching it become invalid"),
            (Some(_), Some(_)) => breaking("another pattern: values matching only the old one become invalid"),
        },
        identifies: never,
    },
    Attribute {
        id: "also",
        label: "許容値",
        show: |item| show_values(&item.rules.also),
        judge: |old, new, _| {
            let removed: Vec<String> =
                old.rules.also.iter().filter(|v| !new.rules.also.contains(v)).map(|v| format!("「{v}」")).collect();
            if removed.is_empty() {
                compatible("values allowed besides the rules added: values valid before stay valid")
            } else {
                breaking(format!("{} no longer allowed: documents using it become invalid", removed.concat()))
            }
        },
        identifies: never,
    },
    Attribute {
        id: "free_text",
        label: "フリーテキスト",
        show: |item| flag(item.free_text),
        judge: |old, _, _| {
            if old.free_text {
                breaking("no longer free text: characters it allowed may become invalid")
            } else {
                compatible("free text now: any MS932 character is allowed, and writers quote the field")
            }
        },
        identifies: never,
    },
    Attribute {
        id: "uniform",
        label: "全レコード同一",
        show: |item| flag(item.uniform),
        judge: |old, _, _| {
            if old.uniform {
                compatible("records of a file may now hold different values")
            } else {
                breaking("every record of a file must now hold the same value: files that vary become invalid")
            }
        },
        identifies: never,
    },
    Attribute {
        id: "decimals",
        label: "小数点以下の桁数",
        show: show_decimals,
        judge: judge_decimals,
        identifies: never,
    },
    Attribute { id: "range", label: "範囲", show: show_range, judge: judge_range, identifies: never },
    Attribute {
        id: "required_when",
        label: "必須条件",
        show: show_requirement,
        judge: judge_requirement,
        identifies: never,
    },
    Attribute {
        id: "quoted",
        label: "引用符",
        show: |item| flag(item.quoted),
        judge: |_, _, _| compatible("how writers quote the field; readers take it quoted or not"),
        identifies: never,
    },
    Attribute {
        id: "description",
        label: "説明",
        show: |item| show_text(item.description.as_deref()),
        judge: |_, _, _| compatible("text only; a condition it states is compared on its own"),
        identifies: never,
    },
    Attribute {
        id: "needed",
        label: "必要",
        show: |item| flag(item.needed),
        judge: |_, _, _| compatible("documentation only: the spec does not define 必要"),
        identifies: never,
    },
    Attribute {
        id: "format",
        label: "フォーマット",
        show: |item| show_text(item.format.as_deref()),
        judge: |_, _, _| compatible("text only; a fixed value or date format it states is compared on its own"),
        identifies: never,
    },
    Attribute {
        id: "notation",
        label: "書式、選択肢など",
        show: |item| show_text(item.notation.as_deref()),
        judge: |_, _, _| compatible("text only; a rule read from it is compared on its own"),
        identifies: never,
    },
    Attribute {
        id: "remarks",
        label: "備考",
        show: |item| show_text(item.remarks.as_deref()),
        judge: |_, _, _| compatible("text only; a code list or date format it states is compared on its own"),
        identifies: never,
    },
    Attribute {
        id: "secret",
        label: "秘匿",
        show: |item| if item.secret { "secret" } else { NONE }.to_owned(),
        judge: |_, _, _| breaking("the Rust type changes between String and ltcip_runtime::Secret"),
        identifies: never,
    },
    Attribute {
        id: "overrides",
        label: "補正",
        show: |item| if item.overrides.is_empty() { NONE.to_owned() } else { item.overrides.join(" / ") },
        judge: |_, _, _| compatible("the correction's effect on the item is compared on its own"),
        identifies: never,
    },
];

fn show_decimals(item: &Item) -> String {
    item.decimals.map_or_else(|| NONE.to_owned(), |d| d.to_string())
}

fn judge_decimals(old: &Item, new: &Item, _: &Context) -> Verdict {
    if new.decimals.unwrap_or(0) >= old.decimals.unwrap_or(0) {
        compatible("as many decimals or more: numbers valid before stay valid")
    } else {
        breaking("fewer decimals: numbers written with more become invalid")
    }
}

fn show_range(item: &Item) -> String {
    item.rules.range.as_ref().map_or_else(|| NONE.to_owned(), ToString::to_string)
}

/// A range keeps what it admitted when each bound stays or widens.
fn judge_range(old: &Item, new: &Item, _: &Context) -> Verdict {
    let (Some(o), Some(n)) = (&old.rules.range, &new.rules.range) else {
        return if new.rules.range.is_none() {
            compatible("no range any more: numbers valid before stay valid")
        } else {
            breaking("a range where there was none: numbers outside it become invalid")
        };
    };
    let number = |b: &Option<String>| b.as_deref().and_then(|b| b.parse::<f64>().ok());
    let low_kept = match (number(&o.min), number(&n.min)) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(o), Some(n)) => n <= o,
    };
    let high_kept = match (number(&o.max), number(&n.max)) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(o), Some(n)) => n >= o,
    };
    if low_kept && high_kept {
        compatible(format!("{o} → {n}: wider, numbers valid before stay valid"))
    } else {
        breaking(format!("{o} → {n}: numbers outside the new range become invalid"))
    }
}

/// 必須 beyond 出現回数, as checked: `確定取込`, `確定取込 when 経口摂取＝1|2`, `when result＝失敗`.
fn show_requirement(item: &Item) -> String {
    let Some(requirement) = item.requirement.as_ref().filter(|r| r.is_checked()) else {
        return NONE.to_owned();
    };
    let clauses: Vec<String> =
        requirement.clauses().iter().map(|c| format!("{}＝{}", c.key, code_values(&c.values).join("|"))).collect();
    let mode = if requirement.mode == crate::model::Mode::Final { "確定取込" } else { "" };
    match (mode, clauses.is_empty()) {
        (mode, true) => mode.to_owned(),
        ("", false) => format!("when {}", clauses.join(" かつ ")),
        (mode, false) => format!("{mode} when {}", clauses.join(" かつ ")),
    }
}

fn judge_requirement(_: &Item, new: &Item, _: &Context) -> Verdict {
    if new.requirement.as_ref().is_some_and(|r| r.is_checked()) {
        breaking("required in more records or modes than before: records without it may become invalid")
    } else {
        compatible("no longer required beyond 出現回数: records valid before stay valid")
    }
}

/// Text quoted with its line breaks escaped, or `-`.
pub fn show_text(text: Option<&str>) -> String {
    text.map_or_else(|| NONE.to_owned(), |t| format!("{t:?}"))
}

fn show_data_type(item: &Item) -> String {
    item.data_type.map_or(NONE, DataType::spec_name).to_owned()
}

fn show_length_kind(item: &Item) -> String {
    match (item.length, &item.length_kind) {
        (Some(length), _) => if length.fixed { "固定長" } else { "可変長" }.to_owned(),
        (None, Some(kind)) => kind.clone(),
        (None, None) => NONE.to_owned(),
    }
}

fn show_codes(item: &Item) -> String {
    show_values(&code_values(&item.rules.codes))
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

fn judge_data_type(old: &Item, new: &Item, _: &Context) -> Verdict {
    match (old.data_type, new.data_type) {
        (Some(DataType::List), _) | (_, Some(DataType::List)) => {
            breaking("to or from リスト: the Rust type changes between a value and records")
        }
        (Some(DataType::Decimal), Some(DataType::Decimal)) => compatible("the same type"),
        (Some(DataType::Decimal), _) => {
            breaking("from 数値: values other than decimal numbers are checked by other rules now")
        }
        (_, Some(DataType::Decimal)) => breaking("to 数値: values that are not decimal numbers become invalid"),
        (Some(DataType::Text(_)), None) => compatible("no character rule any more: values valid before stay valid"),
        (None, _) => breaking("a character rule where there was none: values outside it become invalid"),
        (Some(DataType::Text(a)), Some(DataType::Text(b))) if class_within(a, b) => {
            compatible(format!("wider: every {} value is a {} value", a.spec_name(), b.spec_name()))
        }
        (Some(DataType::Text(a)), Some(DataType::Text(b))) => {
            breaking(format!("narrower or unrelated: some {} values are not {}", a.spec_name(), b.spec_name()))
        }
    }
}

/// 桁数 and 可変長/固定長 together: compatible when every length allowed before is allowed still.
fn judge_length(old: &Item, new: &Item, _: &Context) -> Verdict {
    let (old_length, new_length) = match (old.length, new.length) {
        (None, None) => return compatible("documentation only: there is no 桁数 for it to apply to"),
        (Some(_), None) => return compatible("no length rule any more: values valid before stay valid"),
        (None, Some(n)) if n.fixed => {
            return breaking("a fixed length where there was none: values of any other length become invalid");
        }
        (None, Some(_)) => return breaking("a maximum length where there was none: longer values become invalid"),
        (Some(o), Some(n)) => (o, n),
    };
    let show = |l: Length| format!("{}桁 {}", l.digits, if l.fixed { "固定長" } else { "可変長" });
    let (o, n) = (show(old_length), show(new_length));
    match (old_length.fixed, new_length.fixed) {
        (true, true) if old_length.digits == new_length.digits => compatible("the same length"),
        (true, true) => breaking(format!("{o} → {n}: values of the old length become invalid")),
        (false, true) => breaking(format!("{o} → {n}: values of any other length become invalid")),
        (_, false) if new_length.digits >= old_length.digits => {
            compatible(format!("{o} → {n}: every length allowed before is allowed still"))
        }
        (_, false) => breaking(format!("{o} → {n}: values longer than {} become invalid", new_length.digits)),
    }
}

/// The Rust type the emitter gives an item's field (see `emit::field`).
pub fn rust_type(item: &Item) -> &'static str {
    let optional = item.occurs.min == 0;
    let repeated = item.occurs.max.is_none_or(|max| max > 1);
    match (item.is_list(), optional, repeated) {
        (true, true, _) => "Option<Vec<record>>",
        (true, false, _) => "Vec<record>",
        (false, _, true) => "Vec<value>",
        (false, true, false) => "Option<value>",
        (false, false, false) => "value",
    }
}

fn judge_occurs(old: &Item, new: &Item, _: &Context) -> Verdict {
    let (o, n): (Occurs, Occurs) = (old.occurs, new.occurs);
    if n.min > o.min {
        return breaking(format!("最小 {} → {}: documents with fewer become invalid", o.min, n.min));
    }
    let max_lowered = match (o.max, n.max) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(o), Some(n)) => n < o,
    };
    if max_lowered {
        return breaking(format!("最大 lowered ({o} → {n}): documents with more become invalid"));
    }
    let (old_type, new_type) = (rust_type(old), rust_type(new));
    if old_type != new_type {
        return breaking(format!("the Rust type changes from {old_type} to {new_type}"));
    }
    compatible("wider: every count allowed before is allowed still, and the Rust type is unchanged")
}

fn judge_codes(old: &Item, new: &Item, _: &Context) -> Verdict {
    let (o, n) = (&code_values(&old.rules.codes), &code_values(&new.rules.codes));
    if n.is_empty() {
        return compatible("no code list any more: values valid before stay valid");
    }
    if o.is_empty() {
        return breaking("a code list where there was none: other values become invalid");
    }
    let removed: Vec<String> = o.iter().filter(|c| !n.contains(c)).map(|c| format!("「{c}」")).collect();
    if removed.is_empty() {
        let added: Vec<String> = n.iter().filter(|c| !o.contains(c)).map(|c| format!("「{c}」")).collect();
        if added.is_empty() {
            compatible("the same codes in another order")
        } else {
            compatible(format!("{} added: values valid before stay valid", added.concat()))
        }
    } else {
        breaking(format!("{} removed: documents using it become invalid", removed.concat()))
    }
}

/// A short description of an item added or removed (`半角数字 · 10桁 · 固定長 · 出現回数 0..1`).
pub fn describe(item: &Item) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(data_type) = item.data_type {
        parts.push(data_type.spec_name().to_owned());
    }
    if let Some(length) = item.length {
        parts.push(format!("{}桁", length.digits));
    }
    let kind = show_length_kind(item);
    if kind != NONE {
        parts.push(kind);
    }
    parts.push(format!("出現回数 {}", item.occurs));
    if item.is_list() {
        let under = item.walk().count() - 1;
        parts.push(format!("{under} items under it"));
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
    /// The class of a change from the first layout to the second (called only when they differ).
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
        judge: |_, _| breaking("another wire format"),
    },
    LayoutAttribute {
        id: "repertoire",
        label: "文字集合",
        show: |layout| layout.repertoire.name().to_owned(),
        judge: |_, _| {
            breaking("each repertoire holds characters the other lacks (髙 is MS932 only, 〜 JIS X 0213 only)")
        },
    },
    LayoutAttribute {
        id: "file_name",
        label: "ファイル名",
        show: |layout| file_fact(layout, |f| f.name_rule.as_ref()),
        judge: |_, _| compatible("text only; the rule read from it is compared on its own"),
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
                (Some(_), None) => compatible("no file-name rule any more: names valid before stay valid"),
                (None, _) => breaking("a file-name rule where there was none: other names become invalid"),
                (Some(_), Some(_)) => breaking("another file-name rule: files named by the old one become invalid"),
            }
        },
    },
    LayoutAttribute {
        id: "encoding",
        label: "文字コード",
        show: |layout| file_fact(layout, |f| f.encoding.as_ref()),
        judge: |_, _| breaking("another character encoding: files written in the old one may not read"),
    },
    LayoutAttribute {
        id: "format_text",
        label: "形式（表記）",
        show: |layout| file_fact(layout, |f| f.format_text.as_ref()),
        judge: |_, _| breaking("the delimiter is stated in it: files written as before may not split"),
    },
    LayoutAttribute {
        id: "version",
        label: "CSVバージョン",
        show: |layout| file_fact(layout, |f| f.version.as_ref()),
        judge: |_, _| breaking("every record holds the version: files of the old version become invalid"),
    },
    LayoutAttribute {
        id: "creation_unit",
        label: "ファイル作成単位",
        show: |layout| file_fact(layout, |f| f.creation_unit.as_ref()),
        judge: |_, _| compatible("documentation only"),
    },
    LayoutAttribute {
        id: "overrides",
        label: "補正",
        show: |layout| if layout.overrides.is_empty() { NONE.to_owned() } else { layout.overrides.join(" / ") },
        judge: |_, _| compatible("the correction's effect is compared on its own"),
    },
];
