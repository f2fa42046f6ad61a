//! The facts of items and layouts that are compared, each with how a change to it is classed. A fact
//! the model gains is compared by adding one [`Attribute`] to [`ITEM`] (or a [`LayoutAttribute`] to
//! [`LAYOUT`]).

use super::{Class, Context};
use crate::lowering::{ItemRules, LayoutRules, TextRules};
use crate::model::{CharClass, CsvDialect, DataType, FileFacts, FileNameRule, Item, Layout, Occurs};

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
    pub show: fn(&Compared) -> String,
    /// The class of a change from the first item to the second (called only when they differ).
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

/// Every compared fact of an item, in the order reported. Rules are compared as the item is checked
/// ([`ItemRules`]), documentation as the spec writes it.
pub const ITEM: &[Attribute] = &[
    Attribute {
        id: "key",
        label: "項目",
        show: |c| c.item.key.clone().unwrap_or_else(|| NONE.to_owned()),
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
        show: |c| c.item.name.clone(),
        judge: |old, new, cx| {
            if cx.positional && (old.item.key.is_none() || old.item.key != new.item.key) {
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
        show: |c| c.item.no.clone(),
        judge: |_, _, _| compatible("documentation and reported 項番 only"),
        identifies: never,
    },
    Attribute {
        id: "data_type", label: "データ型", show: show_data_type, judge: judge_data_type, identifies: never
    },
    Attribute {
        id: "digits",
        label: "桁数",
        show: |c| c.digits().map_or_else(|| NONE.to_owned(), |(digits, _)| digits.to_string()),
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
            (Some(_), None) => compatible("no fixed value any more: the old value stays valid"),
            (None, _) => breaking("a fixed value: every other value becomes invalid"),
            (Some(_), Some(_)) => breaking("another fixed value: the old one becomes invalid"),
        },
        identifies: never,
    },
    Attribute {
        id: "date",
        label: "日付書式",
        show: |c| c.text(|t| t.date).map_or(NONE, |d| d.pattern()).to_owned(),
        judge: |old, new, _| match (old.text(|t| t.date), new.text(|t| t.date)) {
            (Some(_), None) => compatible("no date format any more: dates written before stay valid"),
            (None, _) => breaking("a date format: values not in it become invalid"),
            (Some(_), Some(_)) => breaking("another date format: dates written in the old one become invalid"),
        },
        identifies: never,
    },
    Attribute {
        id: "pattern",
        label: "パターン",
        show: |c| c.text(|t| t.pattern.clone()).unwrap_or_else(|| NONE.to_owned()),
        judge: |old, new, _| match (old.text(|t| t.pattern.clone()), new.text(|t| t.pattern.clone())) {
            (Some(_), None) => compatible("no pattern any more: values valid before stay valid"),
            (None, _) => breaking("a pattern where there was none: values not matching it become invalid"),
            (Some(_), Some(_)) => breaking("another pattern: values matching only the old one become invalid"),
        },
        identifies: never,
    },
    Attribute {
        id: "also",
        label: "許容値",
        show: |c| show_values(&c.also()),
        judge: |old, new, _| {
            let (old, new) = (old.also(), new.also());
            let removed: Vec<String> = old.iter().filter(|v| !new.contains(v)).map(|v| format!("「{v}」")).collect();
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
        show: |c| flag(c.rules.free_text),
        judge: |old, _, _| {
            if old.rules.free_text {
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
        show: |c| flag(c.rules.uniform),
        judge: |old, _, _| {
            if old.rules.uniform {
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
        show: |c| c.fraction().map_or_else(|| NONE.to_owned(), |d| d.to_string()),
        judge: |old, new, _| {
            if new.fraction().unwrap_or(0) >= old.fraction().unwrap_or(0) {
                compatible("as many decimals or more: numbers valid before stay valid")
            } else {
                breaking("fewer decimals: numbers written with more become invalid")
            }
        },
        identifies: never,
    },
    Attribute { id: "range", label: "範囲", show: show_range, judge: judge_range, identifies: never },
    Attribute {
        id: "required_when",
        label: "必須条件",
        show: show_requirement,
        judge: |_, new, _| {
            if new.rules.requirement.is_some() {
                breaking("required in more records or modes than before: records without it may become invalid")
            } else {
                compatible("no longer required beyond 出現回数: records valid before stay valid")
            }
        },
        identifies: never,
    },
    Attribute {
        id: "quoted",
        label: "引用符",
        show: |c| flag(c.rules.quoted),
        judge: |_, _, _| compatible("how writers quote the field; readers take it quoted or not"),
        identifies: never,
    },
    Attribute {
        id: "description",
        label: "説明",
        show: |c| show_text(c.item.description.as_deref()),
        judge: |_, _, _| compatible("text only; a condition it states is compared on its own"),
        identifies: never,
    },
    Attribute {
        id: "needed",
        label: "必要",
        show: |c| flag(c.item.needed),
        judge: |_, _, _| compatible("documentation only: the spec does not define 必要"),
        identifies: never,
    },
    Attribute {
        id: "format",
        label: "フォーマット",
        show: |c| show_text(c.item.format.as_deref()),
        judge: |_, _, _| compatible("text only; a fixed value or date format it states is compared on its own"),
        identifies: never,
    },
    Attribute {
        id: "notation",
        label: "書式、選択肢など",
        show: |c| show_text(c.item.notation.as_deref()),
        judge: |_, _, _| compatible("text only; a rule read from it is compared on its own"),
        identifies: never,
    },
    Attribute {
        id: "remarks",
        label: "備考",
        show: |c| show_text(c.item.remarks.as_deref()),
        judge: |_, _, _| compatible("text only; a code list or date format it states is compared on its own"),
        identifies: never,
    },
    Attribute {
        id: "secret",
        label: "秘匿",
        show: |c| if c.rules.secret { "secret" } else { NONE }.to_owned(),
        judge: |_, _, _| breaking("the Rust type changes between String and ltcip_runtime::Secret"),
        identifies: never,
    },
    Attribute {
        id: "overrides",
        label: "補正",
        show: |c| if c.item.overrides.is_empty() { NONE.to_owned() } else { c.item.overrides.join(" / ") },
        judge: |_, _, _| compatible("the correction's effect on the item is compared on its own"),
        identifies: never,
    },
];

fn show_range(c: &Compared) -> String {
    c.text(|t| t.range.as_ref().map(|r| r.written.to_string())).unwrap_or_else(|| NONE.to_owned())
}

/// A range keeps what it admitted when each bound stays or widens.
fn judge_range(old: &Compared, new: &Compared, _: &Context) -> Verdict {
    let range = |c: &Compared| c.text(|t| t.range.clone());
    let (Some(o), Some(n)) = (range(old), range(new)) else {
        return if range(new).is_none() {
            compatible("no range any more: numbers valid before stay valid")
        } else {
            breaking("a range where there was none: numbers outside it become invalid")
        };
    };
    let low_kept = match (o.min, n.min) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(o), Some(n)) => n <= o,
    };
    let high_kept = match (o.max, n.max) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(o), Some(n)) => n >= o,
    };
    let (o, n) = (o.written, n.written);
    if low_kept && high_kept {
        compatible(format!("{o} → {n}: wider, numbers valid before stay valid"))
    } else {
        breaking(format!("{o} → {n}: numbers outside the new range become invalid"))
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

/// 桁数 and 可変長/固定長 together (a 数値's integer digits are a 可変長 桁数): compatible when every
/// length allowed before is allowed still.
fn judge_length(old: &Compared, new: &Compared, _: &Context) -> Verdict {
    let ((old_digits, old_fixed), (new_digits, new_fixed)) = match (old.digits(), new.digits()) {
        (None, None) => return compatible("documentation only: there is no 桁数 for it to apply to"),
        (Some(_), None) => return compatible("no length rule any more: values valid before stay valid"),
        (None, Some((_, true))) => {
            return breaking("a fixed length where there was none: values of any other length become invalid");
        }
        (None, Some(_)) => return breaking("a maximum length where there was none: longer values become invalid"),
        (Some(o), Some(n)) => (o, n),
    };
    let show = |digits: u32, fixed: bool| format!("{digits}桁 {}", if fixed { "固定長" } else { "可変長" });
    let (o, n) = (show(old_digits, old_fixed), show(new_digits, new_fixed));
    match (old_fixed, new_fixed) {
        (true, true) if old_digits == new_digits => compatible("the same length"),
        (true, true) => breaking(format!("{o} → {n}: values of the old length become invalid")),
        (false, true) => breaking(format!("{o} → {n}: values of any other length become invalid")),
        (_, false) if new_digits >= old_digits => {
            compatible(format!("{o} → {n}: every length allowed before is allowed still"))
        }
        (_, false) => breaking(format!("{o} → {n}: values longer than {new_digits} become invalid")),
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
    let (old_type, new_type) = (rust_type(&old.rules), rust_type(&new.rules));
    if old_type != new_type {
        return breaking(format!("the Rust type changes from {old_type} to {new_type}"));
    }
    compatible("wider: every count allowed before is allowed still, and the Rust type is unchanged")
}

fn judge_codes(old: &Compared, new: &Compared, _: &Context) -> Verdict {
    let (o, n) = (&old.codes(), &new.codes());
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
        id: "csv_dialect",
        label: "列の識別",
        show: |layout| match LayoutRules::of(layout).csv {
            None => NONE.to_owned(),
            Some(CsvDialect::Positional) => "by position".to_owned(),
            Some(CsvDialect::Named) => "by name (line 2)".to_owned(),
        },
        judge: |_, _| breaking("columns told apart another way: files written for the old layout do not read"),
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
