//! The overrides table (`overrides.toml` beside the workbooks): corrections where the spec is silent
//! or loose, each with its reason, applied to the model before code is emitted and shown in the
//! generated docs. A vendor never has to fork generated code to live with a spec mistake.
//!
//! ```toml
//! [[item]]
//! layout = "IF-I6-01-04-01 レスポンス"  # 外部IF_ID and 送受信種別
//! path = "presigned_url"               # wire keys from the top of the section, joined by "/"
//! section = "ボディ"                    # or "ヘッダ"; default ボディ
//! data_type = "半角文字"
//! reason = "A presigned URL needs :/?&=%.-_~, which 半角英数字 forbids."
//! ```
//!
//! Settable: `data_type`, `digits`, `length` (固定長/可変長), `min`, `max`, `codes`, `date`, `secret`,
//! `pattern` (a regular expression the whole value matches), `also` (values allowed besides the other
//! rules, e.g. `["9999"]`), `uniform` (the same value in every record of a file), and
//! `required_when = { <key> = "<value>" }` (the item is required when each other item named, in the
//! same record, holds one of the values; `required_mode = "final"` limits that to 確定取込), for
//! conditions a spec states in prose (別紙13: 処理結果詳細 is set when 取得結果 is 失敗). In a care-plan
//! file layout (`layout = "UPPLAN ファイル"`) the path is the item's name from the naming table.
//!
//! A layout, or every layout of a workbook, can be given another character repertoire:
//!
//! ```toml
//! [[layout]]
//! workbook = "api-v1.0.xlsx"      # or: layout = "IF-I6-01-04-02 レスポンス"
//! repertoire = "JIS X 0213"
//! reason = "API 標準仕様書 第1.0版 carries UTF-8 limited to JIS X 0213."
//! ```
//!
//! An entry that matches nothing is an error, so that a stale correction is noticed when the spec
//! changes.

use std::path::Path;

use serde::Deserialize;

use crate::diag::{Diagnostics, Location};
use crate::model::{
    Clause, Code, Condition, DataType, DateFormat, Item, Layout, Length, Mode, Repertoire, Requirement, SectionKind,
    Source, Spec,
};

/// The file name looked for in each spec folder.
pub const FILE_NAME: &str = "overrides.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    #[serde(default)]
    item: Vec<Entry>,
    #[serde(default)]
    layout: Vec<LayoutEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LayoutEntry {
    #[serde(default)]
    layout: Option<String>,
    #[serde(default)]
    workbook: Option<String>,
    repertoire: String,
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    layout: String,
    path: String,
    #[serde(default)]
    section: Option<String>,
    reason: String,
    #[serde(default)]
    data_type: Option<String>,
    #[serde(default)]
    digits: Option<u32>,
    #[serde(default)]
    length: Option<String>,
    #[serde(default)]
    min: Option<u32>,
    #[serde(default)]
    max: Option<u32>,
    #[serde(default)]
    codes: Option<Vec<String>>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    secret: Option<bool>,
    #[serde(default)]
    pattern: Option<String>,
    #[serde(default)]
    also: Option<Vec<String>>,
    #[serde(default)]
    uniform: Option<bool>,
    /// Required when other items of the same record hold some values: `{ result = "失敗" }`.
    #[serde(default)]
    required_when: Option<toml::Table>,
    /// From which mode on `required_when` applies: `"final"` (確定取込) or every mode (the default).
    #[serde(default)]
    required_mode: Option<String>,
}

/// Reads an overrides file and applies it to `spec`; returns the file as a source of the spec.
pub fn apply_file(path: &Path, spec: &mut Spec, diagnostics: &mut Diagnostics) -> Option<Source> {
    let display = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            diagnostics.error(Location::file(&display), format!("cannot read: {error}"));
            return None;
        }
    };
    let table: Table = match toml::from_str(&text) {
        Ok(table) => table,
        Err(error) => {
            diagnostics.error(Location::file(&display), format!("not a valid overrides table: {error}"));
            return None;
        }
    };
    for (index, entry) in table.layout.iter().enumerate() {
        let at = Location { file: display.clone(), sheet: None, cell: Some(format!("[[layout]] #{}", index + 1)) };
        apply_layout(entry, spec, &at, diagnostics);
    }
    for (index, entry) in table.item.iter().enumerate() {
        let at = Location { file: display.clone(), sheet: None, cell: Some(format!("[[item]] #{}", index + 1)) };
        apply(entry, spec, &at, diagnostics);
    }
    Some(Source {
        name: path.file_name().map_or_else(|| display.clone(), |n| n.to_string_lossy().into_owned()),
        sha256: crate::read::sha256_hex(text.as_bytes()),
    })
}

fn apply_layout(entry: &LayoutEntry, spec: &mut Spec, at: &Location, diagnostics: &mut Diagnostics) {
    if entry.reason.trim().is_empty() {
        diagnostics.error(at.clone(), "an override needs a reason");
        return;
    }
    let Some(repertoire) = Repertoire::from_name(&entry.repertoire) else {
        diagnostics.error(at.clone(), format!("repertoire {:?} is neither MS932 nor JIS X 0213", entry.repertoire));
        return;
    };
    let matches = |layout: &Layout| match (&entry.layout, &entry.workbook) {
        (Some(title), None) => layout.title() == title.trim(),
        (None, Some(workbook)) => {
            let file = layout.origin.file.rsplit(['/', '\\']).next().unwrap_or(&layout.origin.file);
            file == workbook.trim()
        }
        _ => false,
    };
    if entry.layout.is_some() == entry.workbook.is_some() {
        diagnostics.error(at.clone(), "a [[layout]] entry names either a `layout` or a `workbook`");
        return;
    }
    let mut found = false;
    for layout in spec.interfaces.iter_mut().flat_map(|i| i.layouts.iter_mut()).filter(|l| matches(l)) {
        found = true;
        let note = format!("repertoire {} → {repertoire}. {}", layout.repertoire, entry.reason.trim());
        layout.repertoire = repertoire;
        layout.overrides.push(note);
    }
    if !found {
        let what = entry.layout.as_deref().or(entry.workbook.as_deref()).unwrap_or_default();
        diagnostics.error(at.clone(), format!("no layout matches {what:?}"));
    }
}

fn apply(entry: &Entry, spec: &mut Spec, at: &Location, diagnostics: &mut Diagnostics) {
    if entry.reason.trim().is_empty() {
        diagnostics.error(at.clone(), "an override needs a reason");
        return;
    }
    let section = match entry.section.as_deref() {
        None | Some("ボディ") | Some("body") => SectionKind::Body,
        Some("ヘッダ") | Some("headers") => SectionKind::Headers,
        Some(other) => {
            diagnostics.error(at.clone(), format!("section {other:?} is neither ボディ nor ヘッダ"));
            return;
        }
    };
    // `* ファイル`: every layout of that 送受信種別 that has the item (保険者番号 in each care-plan file).
    let wanted = entry.layout.trim();
    let every = wanted.strip_prefix("* ");
    let matches = |layout: &Layout| match every {
        Some(direction) => layout.direction.spec_name() == direction.trim(),
        None => layout.title() == wanted,
    };
    let mut applied = 0;
    for layout in spec.interfaces.iter_mut().flat_map(|i| i.layouts.iter_mut()).filter(|l| matches(l)) {
        let title = layout.title();
        let Some(section) = layout.sections.iter_mut().find(|s| s.kind == section) else {
            if every.is_none() {
                diagnostics.error(at.clone(), format!("{title} has no {} section", section.spec_name()));
            }
            continue;
        };
        match find(&mut section.items, &entry.path) {
            Ok((siblings, index)) => {
                let requirement =
                    entry.required_when.as_ref().map(|when| requirement(entry, when, siblings, at, diagnostics));
                let item = &mut siblings[index];
                apply_item(entry, item, at, diagnostics);
                if let Some(Some(requirement)) = requirement {
                    let clauses: Vec<String> = requirement
                        .clauses()
                        .iter()
                        .map(|c| format!("{}＝{}", c.name, crate::model::code_values(&c.values).join("または")))
                        .collect();
                    item.overrides.push(format!(
                        "必須 when {} ({}). {}",
                        clauses.join(" かつ "),
                        if requirement.mode == Mode::Final { "確定取込" } else { "every mode" },
                        entry.reason.trim()
                    ));
                    item.requirement = Some(requirement);
                }
                applied += 1;
            }
            Err(path) if every.is_none() => {
                diagnostics.error(at.clone(), format!("{title} has no item at {path:?}"));
            }
            Err(_) => {}
        }
    }
    if applied == 0 && (every.is_some() || !spec.interfaces.iter().flat_map(|i| &i.layouts).any(matches)) {
        let hint = if every.is_some() { format!(" with an item at {:?}", entry.path) } else { String::new() };
        diagnostics.error(
            at.clone(),
            format!("no layout {:?}{hint} (write \"<外部IF_ID> <送受信種別>\" or \"* <送受信種別>\")", entry.layout),
        );
    }
}

/// The item at a path of keys (`body/care_insurer_number`), as its siblings and its index among
/// them, or the part of the path not found.
fn find<'a>(items: &'a mut [Item], path: &str) -> Result<(&'a mut [Item], usize), String> {
    let keys: Vec<&str> = path.split('/').collect();
    let mut items = items;
    for (depth, key) in keys.iter().enumerate() {
        let Some(index) = items.iter().position(|i| i.key.as_deref() == Some(key)) else {
            return Err(keys[..=depth].join("/"));
        };
        if depth + 1 == keys.len() {
            return Ok((items, index));
        }
        items = &mut items[index].children;
    }
    Err(String::new())
}

/// `required_when = { result = "失敗" }`: the item is required when each sibling named holds one of
/// the values given (an array, or one value). `None` (reported) when a key names no sibling, a value
/// is outside the sibling's code list, or the item is required already.
fn requirement(
    entry: &Entry,
    when: &toml::Table,
    siblings: &[Item],
    at: &Location,
    diagnostics: &mut Diagnostics,
) -> Option<Requirement> {
    let item = siblings.iter().find(|i| i.key.as_deref() == entry.path.rsplit('/').next())?;
    if entry.min.unwrap_or(item.occurs.min) > 0 {
        diagnostics.error(at.clone(), "required_when on an item whose 出現回数 最小 is not 0: it is always required");
        return None;
    }
    if when.is_empty() {
        diagnostics.error(at.clone(), "required_when names no item: write { <key> = \"<value>\" }");
        return None;
    }
    let mode = match entry.required_mode.as_deref() {
        None | Some("draft") | Some("every") => Mode::Draft,
        Some("final") => Mode::Final,
        Some(other) => {
            diagnostics.error(at.clone(), format!("required_mode {other:?} is neither \"final\" nor \"draft\""));
            return None;
        }
    };
    let mut clauses = Vec::new();
    for (key, values) in when {
        let values: Vec<String> = match values {
            toml::Value::String(value) => vec![value.clone()],
            toml::Value::Array(values) => values.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
            _ => Vec::new(),
        };
        let Some(sibling) = siblings.iter().find(|i| i.key.as_deref() == Some(key.as_str())) else {
            diagnostics
                .error(at.clone(), format!("required_when names {key:?}, which is no item beside {:?}", entry.path));
            return None;
        };
        if values.is_empty() {
            diagnostics
                .error(at.clone(), format!("required_when {key:?} lists no value (a string, or an array of strings)"));
            return None;
        }
        let codes = &sibling.rules.codes;
        if let Some(bad) = values.iter().find(|v| !codes.is_empty() && !codes.iter().any(|c| c.value == **v)) {
            diagnostics.error(
                at.clone(),
                format!(
                    "required_when {key:?} = {bad:?}, but {} {} takes only {}",
                    sibling.no,
                    sibling.name,
                    crate::model::code_values(codes).join(", ")
                ),
            );
            return None;
        }
        clauses.push(Clause {
            key: key.clone(),
            name: sibling.name.clone(),
            values: values.into_iter().map(Code::bare).collect(),
        });
    }
    Some(Requirement { mark: FILE_NAME.to_owned(), mode, condition: Some(Condition::Clauses(clauses)) })
}

fn apply_item(entry: &Entry, item: &mut Item, at: &Location, diagnostics: &mut Diagnostics) {
    let mut changes = Vec::new();
    if let Some(word) = &entry.data_type {
        match DataType::from_spec_name(word) {
            Some(data_type) => {
                changes.push(format!("データ型 {} → {word}", item.data_type.map_or("-", |d| d.spec_name())));
                item.data_type = Some(data_type);
            }
            None => diagnostics.error(at.clone(), format!("データ型 {word:?} is unknown")),
        }
    }
    if entry.digits.is_some() || entry.length.is_some() {
        let fixed = match entry.length.as_deref() {
            Some("固定長") => Some(true),
            Some("可変長") => Some(false),
            Some(other) => {
                diagnostics.error(at.clone(), format!("length {other:?} is neither 固定長 nor 可変長"));
                None
            }
            None => None,
        };
        let digits = entry.digits.or(item.length.map(|l| l.digits));
        match digits {
            Some(0) => diagnostics.error(at.clone(), "digits must be at least 1"),
            Some(digits) => {
                let fixed = fixed.or(item.length.map(|l| l.fixed)).unwrap_or(false);
                changes.push(format!(
                    "桁数 {} → {digits} {}",
                    item.length.map_or_else(|| "-".to_owned(), |l| l.digits.to_string()),
                    if fixed { "固定長" } else { "可変長" }
                ));
                item.length = Some(Length { digits, fixed });
                item.length_kind = Some(if fixed { "固定長" } else { "可変長" }.to_owned());
            }
            None => diagnostics.error(at.clone(), "length needs digits"),
        }
    }
    if entry.min.is_some() || entry.max.is_some() {
        let before = item.occurs;
        item.occurs.min = entry.min.unwrap_or(before.min);
        item.occurs.max = entry.max.or(before.max);
        if item.occurs.max.is_some_and(|max| max < item.occurs.min || max == 0) {
            diagnostics.error(at.clone(), format!("出現回数 {} is empty", item.occurs));
        }
        changes.push(format!("出現回数 {before} → {}", item.occurs));
    }
    if let Some(codes) = &entry.codes {
        changes.push(format!("code list → {}", codes.iter().map(|c| format!("「{c}」")).collect::<String>()));
        item.rules.codes = codes.iter().map(Code::bare).collect();
    }
    if let Some(pattern) = &entry.date {
        match DateFormat::from_pattern(pattern) {
            Some(date) => {
                changes.push(format!("書式 → {date}"));
                item.rules.date = Some(date);
            }
            None => diagnostics.error(at.clone(), format!("date format {pattern:?} is unknown")),
        }
    }
    if let Some(secret) = entry.secret {
        changes.push(format!("secret → {secret}"));
        item.secret = secret;
    }
    if let Some(pattern) = &entry.pattern {
        if ltcip_runtime::pattern::is_valid(pattern) {
            changes.push(format!("pattern → {pattern}"));
            item.rules.pattern = Some(pattern.clone());
        } else {
            diagnostics.error(at.clone(), format!("pattern {pattern:?} is not a regular expression"));
        }
    }
    if let Some(also) = &entry.also {
        if also.is_empty() || also.iter().any(String::is_empty) {
            diagnostics.error(at.clone(), "also lists values allowed besides the other rules; none may be empty");
        } else {
            changes.push(format!("also allowed → {}", also.iter().map(|c| format!("「{c}」")).collect::<String>()));
            item.rules.also = also.clone();
        }
    }
    if let Some(uniform) = entry.uniform {
        changes.push(format!("same in every record of a file → {uniform}"));
        item.uniform = uniform;
    }
    if changes.is_empty() {
        if entry.required_when.is_none() {
            diagnostics.warning(at.clone(), "the override changes nothing");
        }
        return;
    }
    item.overrides.push(format!("{}. {}", changes.join(", "), entry.reason.trim()));
}
