//! `ltcip-codegen diff`: pairs of 別紙13 workbooks, one mutated, compared through the library and the
//! CLI; every kind of change classed for the sender and the receiver, in each direction, on hand-built
//! models; positional (CSV) matching; versions with errors; the ignore file; the GitHub and JUnit
//! outputs against the fixtures in `diff-fixtures/` (`LTCIP_BLESS=1` rewrites them).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use ltcip_codegen::diag::{Diagnostics, Location};
use ltcip_codegen::diff::{Change, Class, Kind, Report, Rule, Target, diff, ignore, rules, stopping};
use ltcip_codegen::model::{
    Code, DataType, DateFormat, Direction, FileFacts, Interface, Item, Layout, Length, Mode, Occurs, Range,
    Requirement, Section, SectionKind, Spec, WireFormat,
};
use ltcip_fixtures::besshi13::{self, InterfaceDef, Row};
use ltcip_fixtures::{Style, render};

use Class::{Breaking as B, Compatible as C};

// ---------------------------------------------------------------------------------------------------
// Workbooks

/// Renders `interfaces` in the published style to `dir/<name>/besshi13.xlsx`, returning the folder.
fn save(interfaces: &[InterfaceDef], dir: &Path, name: &str) -> PathBuf {
    let folder = dir.join(name);
    std::fs::create_dir_all(&folder).expect("create");
    render(interfaces, &Style::published()).save(&folder.join("besshi13.xlsx")).expect("save");
    folder
}

fn load(path: &Path) -> Spec {
    let (spec, diagnostics) = ltcip_codegen::load(&[path.to_path_buf()]);
    let errors: Vec<String> = diagnostics.errors().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    spec
}

/// The report between the transcription and a mutated copy of it.
fn compare(mutate: impl FnOnce(&mut Vec<InterfaceDef>)) -> Report {
    let old = besshi13::interfaces();
    let mut new = old.clone();
    mutate(&mut new);
    let dir = tempfile::tempdir().expect("a temp dir");
    let old = load(&save(&old, dir.path(), "old"));
    let new = load(&save(&new, dir.path(), "new"));
    diff(&old, &new)
}

fn layout<'a>(defs: &'a mut [InterfaceDef], id: &str, direction: &str) -> &'a mut besshi13::LayoutDef {
    let interface = defs.iter_mut().find(|i| i.id == id).expect("the interface");
    interface.layouts.iter_mut().find(|l| l.direction == direction).expect("the layout")
}

/// The body row of a layout with a key (the first, or the one under `parent` with `[parent, n]` level).
fn row<'a>(defs: &'a mut [InterfaceDef], id: &str, direction: &str, key: &str, nested: bool) -> &'a mut Row {
    let layout = layout(defs, id, direction);
    layout.body.iter_mut().find(|r| r.key == key && (r.level.len() > 1) == nested).expect("the row")
}

const Q: &str = "IF-I6-01-04-01";
const J: &str = "IF-I6-01-04-02";
const REQ: &str = "リクエスト";
const RES: &str = "レスポンス";

fn leak(level: Vec<u32>) -> &'static [u32] {
    Box::leak(level.into_boxed_slice())
}

/// Inserts a body row at `index`, renumbering 項番 and the top-level 階層レベル of the rows after it.
fn insert(rows: &mut Vec<Row>, index: usize, mut new: Row) {
    new.no = index as u32 + 1;
    let top_level = new.level.len() == 1;
    for row in &mut rows[index..] {
        row.no += 1;
        if top_level {
            let mut level = row.level.to_vec();
            level[0] += 1;
            row.level = leak(level);
        }
    }
    rows.insert(index, new);
}

fn optional_row(key: &'static str, name: &'static str, level: Vec<u32>, min: u32) -> Row {
    Row {
        no: 0,
        level: leak(level),
        name,
        key,
        format: "-",
        min,
        max: 1,
        data_type: "全半角文字",
        digits: "20",
        length_kind: "可変長",
        remarks: "",
    }
}

/// The item changes of one key (its path, old or new, ends with it) in one layout.
fn changes<'a>(report: &'a Report, id: &str, direction: Direction, key: &str) -> Vec<&'a Change> {
    let ends = |item: &Option<ltcip_codegen::diff::ItemRef>| {
        item.as_ref().is_some_and(|i| i.path == key || i.path.ends_with(&format!("/{key}")))
    };
    report
        .changes
        .iter()
        .filter(|c| c.interface == id && c.direction == Some(direction) && (ends(&c.old_item) || ends(&c.new_item)))
        .collect()
}

/// The one change of an item's attribute.
fn attribute<'a>(report: &'a Report, id: &str, direction: Direction, key: &str, attribute: &str) -> &'a Change {
    let found: Vec<&Change> =
        changes(report, id, direction, key).into_iter().filter(|c| c.attribute == Some(attribute)).collect();
    assert_eq!(found.len(), 1, "{attribute} of {key}: {found:#?}\n{report}");
    found[0]
}

fn assert_change(change: &Change, class: Class, kind: Kind, old: &str, new: &str) {
    assert_eq!((change.class, change.kind), (class, kind), "{change:#?}");
    assert_eq!(change.old.as_deref(), Some(old), "{change:#?}");
    assert_eq!(change.new.as_deref(), Some(new), "{change:#?}");
}

/// The rule, both sides' classes and the class for the vendor of a change.
fn assert_rule(change: &Change, rule: &str, sender: Class, receiver: Class, vendor: Class) {
    assert_eq!(change.rule.id, rule, "{change:#?}");
    assert_eq!((change.sender, change.receiver), (sender, receiver), "{rule}: sender, receiver: {change:#?}");
    assert_eq!(change.class, vendor, "{rule}: the class for the vendor: {change:#?}");
}

/// The reports old → new and new → old.
fn compare_both_ways(mutate: impl FnOnce(&mut Vec<InterfaceDef>)) -> (Report, Report) {
    let old = besshi13::interfaces();
    let mut new = old.clone();
    mutate(&mut new);
    let dir = tempfile::tempdir().expect("a temp dir");
    let old = load(&save(&old, dir.path(), "old"));
    let new = load(&save(&new, dir.path(), "new"));
    (diff(&old, &new), diff(&new, &old))
}

// ---------------------------------------------------------------------------------------------------
// Library, on workbooks

#[test]
fn identical_workbooks_give_an_empty_report() {
    let report = compare(|_| {});
    assert!(report.is_empty(), "{report}");
    assert!(!report.is_breaking());
    assert_eq!(report.summary.total, 0);
    assert!(report.to_string().contains("no changes"), "{report}");
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).expect("JSON");
    assert_eq!(json["summary"]["total"], 0);
    assert_eq!(json["changes"].as_array().map(Vec::len), Some(0));
    assert_eq!(json["silenced"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_renamed_key_is_reported_as_renamed_and_breaks_both_sides() {
    let report = compare(|defs| row(defs, J, RES, "care_insurer_number", true).key = "insured_number");
    let renamed = attribute(&report, J, Direction::Response, "insured_number", "key");
    assert_change(renamed, Class::Breaking, Kind::Renamed, "care_insurer_number", "insured_number");
    assert_rule(renamed, "ITEM_KEY_RENAMED", B, B, B);
    assert_eq!(renamed.old_item.as_ref().map(|i| i.path.as_str()), Some("body/care_insurer_number"));
    assert_eq!(renamed.new_item.as_ref().map(|i| i.path.as_str()), Some("body/insured_number"));
    assert_eq!(renamed.new_item.as_ref().map(|i| i.no.as_str()), Some("09"));
    // The cell it comes from: the new workbook's row of the item.
    let origin = renamed.origin.as_ref().expect("an origin");
    assert!(origin.file.ends_with("besshi13.xlsx"), "{origin}");
    assert_eq!(origin.sheet.as_deref(), Some("IF-I6-01-04-02_レスポンス"));
    assert_eq!(Some(origin), renamed.new_item.as_ref().map(|i| &i.origin));
    assert_eq!(report.summary.total, 1, "{report}");
    let text = report.to_string();
    assert!(
        text.contains("BREAKING    ボディ 09 介護保険被保険者番号 [body/care_insurer_number → body/insured_number]: renamed: 項目 care_insurer_number → insured_number"),
        "{text}"
    );
    let facts = format!("ITEM_KEY_RENAMED · breaks sender and receiver · {origin}");
    assert!(text.contains(&facts), "{facts}\n{text}");
}

/// 桁数 and 可変長/固定長, in a response (the vendor receives) and in a request (the vendor sends), and
/// reversed. Changed from the classification before directions: a raised 可変長 桁数 in a response and
/// 固定長 → 可変長 are breaking for the vendor (longer or shorter values may arrive at its old
/// validator); a lowered 桁数 and 可変長 → 固定長 in a response break the service only.
#[test]
fn lengths_break_the_receiver_when_raised_and_the_sender_when_lowered() {
    let (forward, backward) = compare_both_ways(|defs| {
        row(defs, J, RES, "result_detail", false).digits = "300";
        row(defs, J, RES, "record_num", false).digits = "5";
        row(defs, J, RES, "file_if_id", false).digits = "10";
        row(defs, J, RES, "result", false).length_kind = "固定長";
        row(defs, Q, RES, "result", false).length_kind = "可変長";
        let request = row(defs, J, REQ, "care_insurer_number", false);
        request.digits = "12";
        request.length_kind = "可変長";
    });
    let (r, q) = (Direction::Response, Direction::Request);
    let raised = attribute(&forward, J, r, "result_detail", "digits");
    assert_change(raised, B, Kind::Changed, "150", "300");
    assert_rule(raised, "ITEM_DIGITS_INCREASED", C, B, B);
    let lowered = attribute(&forward, J, r, "record_num", "digits");
    assert_change(lowered, C, Kind::Changed, "7", "5");
    assert_rule(lowered, "ITEM_DIGITS_DECREASED", B, C, C);
    assert_rule(attribute(&forward, J, r, "file_if_id", "digits"), "ITEM_FIXED_DIGITS_CHANGED", B, B, B);
    assert_rule(attribute(&forward, J, r, "result", "length_kind"), "ITEM_LENGTH_FIXED", B, C, C);
    assert_rule(attribute(&forward, Q, r, "result", "length_kind"), "ITEM_LENGTH_VARIABLE", C, B, B);
    // In a request the vendor is the sender: 10桁 固定長 → 12桁 可変長 admits all it sent.
    assert_rule(attribute(&forward, J, q, "care_insurer_number", "digits"), "ITEM_DIGITS_INCREASED", C, B, C);
    assert_rule(attribute(&forward, J, q, "care_insurer_number", "length_kind"), "ITEM_LENGTH_VARIABLE", C, B, C);
    assert_eq!((forward.summary.breaking, forward.summary.compatible, forward.summary.total), (3, 4, 7), "{forward}");
    assert_eq!((forward.summary.breaking_sender, forward.summary.breaking_receiver), (3, 5), "{forward}");

    // Reversed, every rule turns round.
    assert_rule(attribute(&backward, J, r, "result_detail", "digits"), "ITEM_DIGITS_DECREASED", B, C, C);
    assert_rule(attribute(&backward, J, r, "record_num", "digits"), "ITEM_DIGITS_INCREASED", C, B, B);
    assert_rule(attribute(&backward, J, r, "file_if_id", "digits"), "ITEM_FIXED_DIGITS_CHANGED", B, B, B);
    assert_rule(attribute(&backward, J, r, "result", "length_kind"), "ITEM_LENGTH_VARIABLE", C, B, B);
    assert_rule(attribute(&backward, Q, r, "result", "length_kind"), "ITEM_LENGTH_FIXED", B, C, C);
    assert_rule(attribute(&backward, J, q, "care_insurer_number", "digits"), "ITEM_DIGITS_DECREASED", B, C, B);
    assert_rule(attribute(&backward, J, q, "care_insurer_number", "length_kind"), "ITEM_LENGTH_FIXED", B, C, B);
}

/// Items added and removed. Changed from the classification before directions: a required item added
/// to a response's records is compatible for the vendor (its old receiver ignores the member; the
/// service must now send it).
#[test]
fn items_added_and_removed() {
    let report = compare(|defs| {
        // An optional item in a request: struct literals that build it stop compiling.
        let request = layout(defs, J, REQ);
        let next = request.body.len();
        insert(&mut request.body, next, optional_row("note", "備考欄", vec![3], 0));
        // A required item in the other request.
        let request = layout(defs, Q, REQ);
        let next = request.body.len();
        insert(&mut request.body, next, optional_row("office_number", "事業所番号", vec![2], 1));
        // An optional item in a response, in the middle: everything after it is renumbered.
        let response = layout(defs, J, RES);
        insert(&mut response.body, 2, optional_row("insured_name", "被保険者氏名", vec![3], 0));
        // A required item in the response's records.
        let next = response.body.len();
        insert(&mut response.body, next, optional_row("office_number", "事業所番号", vec![8, 6], 1));
        // An item removed.
        layout(defs, Q, RES).body.retain(|r| r.key != "presigned_url");
    });
    let one = |id: &str, direction: Direction, key: &str| {
        let found = changes(&report, id, direction, key);
        assert_eq!(found.len(), 1, "{key}: {report}");
        found[0]
    };
    let added = one(J, Direction::Request, "note");
    assert_eq!(added.kind, Kind::Added);
    assert_rule(added, "ITEM_ADDED_OPTIONAL", B, C, B);
    assert_eq!(added.new.as_deref(), Some("全半角文字 · 20桁 · 可変長 · 出現回数 0..1"));
    assert_rule(one(Q, Direction::Request, "office_number"), "ITEM_ADDED_REQUIRED", B, C, B);

    let added = one(J, Direction::Response, "insured_name");
    assert_eq!(added.kind, Kind::Added);
    assert_rule(added, "ITEM_ADDED_OPTIONAL", B, C, C);
    assert_eq!(added.new_item.as_ref().map(|i| i.no.as_str()), Some("03"));

    let added = one(J, Direction::Response, "office_number");
    assert_rule(added, "ITEM_ADDED_REQUIRED", B, C, C);
    assert_eq!(added.new_item.as_ref().map(|i| i.path.as_str()), Some("body/office_number"));

    let removed = one(Q, Direction::Response, "presigned_url");
    assert_eq!(removed.kind, Kind::Removed);
    assert_rule(removed, "ITEM_REMOVED", B, B, B);
    assert_eq!(removed.old.as_deref(), Some("半角英数字 · 200桁 · 可変長 · 出現回数 0..1"));
    // A removed item is shown at its cell in the old workbook.
    assert_eq!(removed.origin.as_ref(), removed.old_item.as_ref().map(|i| &i.origin));
    assert!(removed.origin.as_ref().is_some_and(|o| o.file.contains("old")), "{removed:#?}");

    // The items after the insertion are matched by key: renumbered, not removed and added.
    let renumbered = attribute(&report, J, Direction::Response, "result", "no");
    assert_change(renumbered, Class::Compatible, Kind::Changed, "03", "04");
    assert_rule(renumbered, "ITEM_NUMBER_CHANGED", C, C, C);
    let nested = attribute(&report, J, Direction::Response, "care_insurance_end_date", "no");
    assert_change(nested, Class::Compatible, Kind::Changed, "11", "12");
    let added_or_removed = report.changes.iter().filter(|c| matches!(c.kind, Kind::Added | Kind::Removed)).count();
    assert_eq!(added_or_removed, 5, "{report}");

    let text = report.to_string();
    for line in [
        "BREAKING    ボディ 03 備考欄 [note]: added (全半角文字 · 20桁 · 可変長 · 出現回数 0..1)",
        "compatible  ボディ 03 被保険者氏名 [insured_name]: added",
        "BREAKING    ボディ 04 署名付きURL [presigned_url]: removed",
        "compatible  項番 renumbered: ボディ 03–12 → 04–13 (10 items, 取得結果 … 介護被保険者証利用停止解除日)",
        "ITEM_ADDED_OPTIONAL · breaks the sender (the service) · ",
        "ITEM_ADDED_OPTIONAL · breaks the sender (the vendor) · ",
        "ITEM_NUMBER_CHANGED · breaks neither side\n",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}

/// 出現回数. Changed from the classification before directions: a リスト's 最大 raised in a response is
/// breaking for the vendor (more records than its old validator accepts may arrive).
#[test]
fn occurrence_changes() {
    let (forward, backward) = compare_both_ways(|defs| {
        row(defs, J, REQ, "care_insurer_number", false).min = 1;
        row(defs, J, RES, "file_if_id", false).min = 0;
        row(defs, J, RES, "body", false).max = 99;
    });
    let (q, r) = (Direction::Request, Direction::Response);
    let request = attribute(&forward, J, q, "care_insurer_number", "occurs");
    assert_change(request, B, Kind::Changed, "0..1", "1..1");
    assert_rule(request, "ITEM_BECAME_REQUIRED", B, B, B);
    assert!(request.reason.contains("最小 0 → 1"), "{}", request.reason);
    let optional = attribute(&forward, J, r, "file_if_id", "occurs");
    assert_change(optional, B, Kind::Changed, "1..1", "0..1");
    assert_rule(optional, "ITEM_BECAME_OPTIONAL", B, B, B);
    assert!(optional.reason.contains("Option<value>"), "{}", optional.reason);
    let list = attribute(&forward, J, r, "body", "occurs");
    assert_change(list, B, Kind::Changed, "1..1", "1..99");
    assert_rule(list, "ITEM_OCCURS_WIDENED", C, B, B);

    assert_rule(attribute(&backward, J, q, "care_insurer_number", "occurs"), "ITEM_BECAME_OPTIONAL", B, B, B);
    assert_rule(attribute(&backward, J, r, "file_if_id", "occurs"), "ITEM_BECAME_REQUIRED", B, B, B);
    assert_rule(attribute(&backward, J, r, "body", "occurs"), "ITEM_OCCURS_NARROWED", B, C, C);
}

/// Code lists read from 備考. Changed from the classification before directions: a code added to a
/// response is breaking for the vendor (it may arrive at its old validator), a code list where there
/// was none is not (the service sends less).
#[test]
fn code_lists_read_from_remarks() {
    let (forward, backward) = compare_both_ways(|defs| {
        row(defs, Q, RES, "result", false).remarks = "「成功」もしくは「失敗」もしくは「保留」を設定する。";
        row(defs, J, RES, "result", false).remarks = "「成功」もしくは「エラー」を設定する。";
        row(defs, J, RES, "care_insurance_status", true).remarks = "「1」又は「2」を設定する。";
    });
    let r = Direction::Response;
    let added = attribute(&forward, Q, r, "result", "codes");
    assert_change(added, B, Kind::Changed, "「成功」「失敗」", "「成功」「失敗」「保留」");
    assert_rule(added, "ITEM_CODE_ADDED", C, B, B);
    let replaced = attribute(&forward, J, r, "result", "codes");
    assert_change(replaced, B, Kind::Changed, "「成功」「失敗」", "「成功」「エラー」");
    assert_rule(replaced, "ITEM_CODES_CHANGED", B, B, B);
    assert!(replaced.reason.contains("「失敗」 removed, 「エラー」 added"), "{}", replaced.reason);
    let new_list = attribute(&forward, J, r, "care_insurance_status", "codes");
    assert_change(new_list, C, Kind::Changed, "-", "「1」「2」");
    assert_rule(new_list, "ITEM_CODE_LIST_ADDED", B, C, C);
    // The remarks themselves are text: compatible for both.
    let remarks = attribute(&forward, Q, r, "result", "remarks");
    assert_rule(remarks, "ITEM_REMARKS_CHANGED", C, C, C);
    assert_eq!(remarks.old.as_deref(), Some("\"「成功」もしくは「失敗」を設定する。\""));
    assert_eq!(forward.breaking().count(), 2, "{forward}");

    assert_rule(attribute(&backward, Q, r, "result", "codes"), "ITEM_CODE_REMOVED", B, C, C);
    assert_rule(attribute(&backward, J, r, "result", "codes"), "ITEM_CODES_CHANGED", B, B, B);
    assert_rule(attribute(&backward, J, r, "care_insurance_status", "codes"), "ITEM_CODE_LIST_REMOVED", C, B, B);
}

/// データ型. Changed from the classification before directions: in a response, wider is breaking for
/// the vendor and narrower is not.
#[test]
fn data_type_changes() {
    let (forward, backward) = compare_both_ways(|defs| {
        row(defs, Q, RES, "presigned_url", false).data_type = "半角文字";
        row(defs, J, RES, "care_insurance_end_date", true).data_type = "半角数字";
        row(defs, J, RES, "care_insurance_status", true).data_type = "全角文字";
        row(defs, J, REQ, "care_insurer_number", false).data_type = "半角英数字";
    });
    let (q, r) = (Direction::Request, Direction::Response);
    let wider = attribute(&forward, Q, r, "presigned_url", "data_type");
    assert_change(wider, B, Kind::Changed, "半角英数字", "半角文字");
    assert_rule(wider, "ITEM_TYPE_WIDENED", C, B, B);
    let narrower = attribute(&forward, J, r, "care_insurance_end_date", "data_type");
    assert_change(narrower, C, Kind::Changed, "半角文字", "半角数字");
    assert_rule(narrower, "ITEM_TYPE_NARROWED", B, C, C);
    let unrelated = attribute(&forward, J, r, "care_insurance_status", "data_type");
    assert_change(unrelated, B, Kind::Changed, "半角数字", "全角文字");
    assert_rule(unrelated, "ITEM_TYPE_CHANGED", B, B, B);
    assert_rule(attribute(&forward, J, q, "care_insurer_number", "data_type"), "ITEM_TYPE_WIDENED", C, B, C);

    assert_rule(attribute(&backward, Q, r, "presigned_url", "data_type"), "ITEM_TYPE_NARROWED", B, C, C);
    assert_rule(attribute(&backward, J, r, "care_insurance_end_date", "data_type"), "ITEM_TYPE_WIDENED", C, B, B);
    assert_rule(attribute(&backward, J, q, "care_insurer_number", "data_type"), "ITEM_TYPE_NARROWED", B, C, B);
}

#[test]
fn interfaces_removed_break_added_do_not_and_a_new_name_is_documentation() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let both = load(&save(&besshi13::interfaces(), dir.path(), "both"));
    let mut defs = besshi13::interfaces();
    defs.retain(|i| i.id != Q);
    let one = load(&save(&defs, dir.path(), "one"));

    let removed = diff(&both, &one);
    assert_eq!(removed.summary.total, 1, "{removed}");
    let change = &removed.changes[0];
    assert_eq!((change.kind, change.target), (Kind::Removed, Target::Interface));
    assert_rule(change, "INTERFACE_REMOVED", B, B, B);
    assert_eq!(change.interface, Q);
    assert!(change.origin.as_ref().is_some_and(|o| o.sheet.as_deref() == Some("IF-I6-01-04-01_リクエスト")));
    assert!(removed.to_string().contains("BREAKING    interface removed (リクエスト, レスポンス)"), "{removed}");

    let added = diff(&one, &both);
    assert_eq!(added.summary.total, 1, "{added}");
    let change = &added.changes[0];
    assert_eq!((change.kind, change.target), (Kind::Added, Target::Interface));
    assert_rule(change, "INTERFACE_ADDED", C, C, C);
    assert!(!added.is_breaking());

    let renamed = compare(|defs| defs.iter_mut().find(|i| i.id == J).expect("J").name = "新しい名前");
    assert_eq!(renamed.summary.total, 1, "{renamed}");
    assert_rule(&renamed.changes[0], "INTERFACE_NAME_CHANGED", C, C, C);
}

#[test]
fn a_layout_removed_breaks_both_sides_and_added_neither() {
    let (forward, backward) = compare_both_ways(|defs| {
        defs.iter_mut().find(|i| i.id == Q).expect("Q").layouts.retain(|l| l.direction != REQ)
    });
    assert_eq!(forward.summary.total, 1, "{forward}");
    let change = &forward.changes[0];
    assert_eq!(
        (change.kind, change.target, change.direction),
        (Kind::Removed, Target::Layout, Some(Direction::Request))
    );
    assert_rule(change, "LAYOUT_REMOVED", B, B, B);
    assert_eq!(backward.summary.total, 1, "{backward}");
    assert_rule(&backward.changes[0], "LAYOUT_ADDED", C, C, C);
}

/// リクエストヘッダ removed breaks both sides (its struct disappears); added with required items, it
/// breaks the sender (the vendor) only.
#[test]
fn a_section_removed_and_added() {
    let (forward, backward) = compare_both_ways(|defs| layout(defs, J, REQ).headers.clear());
    assert_eq!(forward.summary.total, 1, "{forward}");
    let change = &forward.changes[0];
    assert_eq!(
        (change.kind, change.target, change.section),
        (Kind::Removed, Target::Section, Some(SectionKind::Headers))
    );
    assert_rule(change, "SECTION_REMOVED", B, B, B);
    assert_eq!(backward.summary.total, 1, "{backward}");
    let added = &backward.changes[0];
    assert_rule(added, "SECTION_ADDED_REQUIRED", B, C, B);
    assert!(added.reason.contains("01 コンテンツタイプ"), "{}", added.reason);
    assert_eq!(added.origin.as_ref().and_then(|o| o.sheet.as_deref()), Some("IF-I6-01-04-02_リクエスト"));
}

// ---------------------------------------------------------------------------------------------------
// Every kind of item change, in each direction, on hand-built models

/// A spec with one layout of `direction` holding `item`: JSON for a request or a response, a
/// positional CSV file for a file.
fn one_item_spec(direction: Direction, item: Item) -> Spec {
    let (_, layout) = template();
    let origin = Location::sheet("model.xlsx", "MODEL");
    let section = Section { kind: SectionKind::Body, items: vec![item], origin: origin.clone() };
    let format = if direction == Direction::File { WireFormat::Csv } else { WireFormat::Json };
    let layout = Layout {
        interface_id: "IF-MODEL".to_owned(),
        direction,
        format,
        sections: vec![section],
        origin,
        file: (format == WireFormat::Csv).then(FileFacts::default),
        ..layout.clone()
    };
    let interface = Interface { id: "IF-MODEL".to_owned(), name: "モデル".to_owned(), layouts: vec![layout] };
    Spec { sources: Vec::new(), interfaces: vec![interface] }
}

/// Where a case applies.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// JSON requests and responses, and CSV files.
    All,
    /// JSON only (a 項目名 or key change means something else in a positional file).
    Json,
    /// CSV files only.
    Csv,
}

/// One kind of change: the item before and after (each the template, 半角数字 6桁 固定長 1..1, as
/// mutated), the fact that changes, its rule and its classes for the sender and the receiver.
struct Case {
    old: fn(&mut Item),
    new: fn(&mut Item),
    attribute: &'static str,
    rule: &'static str,
    sender: Class,
    receiver: Class,
    scope: Scope,
}

const fn case(
    old: fn(&mut Item),
    new: fn(&mut Item),
    attribute: &'static str,
    rule: &'static str,
    sender: Class,
    receiver: Class,
) -> Case {
    Case { old, new, attribute, rule, sender, receiver, scope: Scope::All }
}

fn same(_: &mut Item) {}
fn variable(item: &mut Item, digits: u32) {
    item.length = Some(Length { digits, fixed: false });
    item.length_kind = Some("可変長".to_owned());
}
fn codes(item: &mut Item, values: &[&str]) {
    item.rules.codes = values.iter().map(|v| Code::bare(*v)).collect();
}
fn range(item: &mut Item, min: &str, max: &str) {
    item.rules.range = Some(Range { min: Some(min.to_owned()), max: Some(max.to_owned()) });
}
fn decimal(item: &mut Item, decimals: u32) {
    item.data_type = Some(DataType::Decimal);
    item.decimals = Some(decimals);
}
fn required(item: &mut Item, mode: Mode) {
    item.requirement = Some(Requirement { mark: "○".to_owned(), mode, condition: None });
}
fn occurs(item: &mut Item, min: u32, max: u32) {
    item.occurs = Occurs { min, max: Some(max) };
}

fn cases() -> Vec<Case> {
    use ltcip_codegen::model::CharClass::{Full, Half};
    let only = |scope: Scope, case: Case| Case { scope, ..case };
    vec![
        // データ型
        case(same, |i| i.data_type = Some(DataType::Text(Half)), "data_type", "ITEM_TYPE_WIDENED", C, B),
        case(|i| i.data_type = Some(DataType::Text(Half)), same, "data_type", "ITEM_TYPE_NARROWED", B, C),
        case(|i| i.data_type = None, same, "data_type", "ITEM_TYPE_NARROWED", B, C),
        case(same, |i| i.data_type = Some(DataType::Text(Full)), "data_type", "ITEM_TYPE_CHANGED", B, B),
        case(same, |i| i.data_type = Some(DataType::Decimal), "data_type", "ITEM_TYPE_CHANGED", B, B),
        case(same, |i| i.data_type = Some(DataType::List), "data_type", "ITEM_LIST_CHANGED", B, B),
        // 桁数 and 可変長/固定長
        case(|i| variable(i, 6), |i| variable(i, 8), "digits", "ITEM_DIGITS_INCREASED", C, B),
        case(|i| variable(i, 8), |i| variable(i, 6), "digits", "ITEM_DIGITS_DECREASED", B, C),
        case(same, |i| i.length = Some(Length { digits: 7, fixed: true }), "digits", "ITEM_FIXED_DIGITS_CHANGED", B, B),
        case(same, |i| i.length = None, "digits", "ITEM_DIGITS_REMOVED", C, B),
        case(|i| i.length = None, same, "digits", "ITEM_DIGITS_ADDED", B, C),
        case(same, |i| variable(i, 6), "length_kind", "ITEM_LENGTH_VARIABLE", C, B),
        case(|i| variable(i, 6), same, "length_kind", "ITEM_LENGTH_FIXED", B, C),
        case(
            |i| i.length = None,
            |i| {
                i.length = None;
                i.length_kind = Some("可変長".to_owned());
            },
            "length_kind",
            "ITEM_LENGTH_KIND_TEXT_CHANGED",
            C,
            C,
        ),
        // 出現回数
        case(same, |i| occurs(i, 0, 1), "occurs", "ITEM_BECAME_OPTIONAL", B, B),
        case(|i| occurs(i, 0, 1), same, "occurs", "ITEM_BECAME_REQUIRED", B, B),
        case(same, |i| occurs(i, 1, 3), "occurs", "ITEM_REPETITION_CHANGED", B, B),
        case(|i| occurs(i, 1, 3), |i| occurs(i, 1, 5), "occurs", "ITEM_OCCURS_WIDENED", C, B),
        case(|i| occurs(i, 1, 5), |i| occurs(i, 2, 5), "occurs", "ITEM_OCCURS_NARROWED", B, C),
        case(|i| occurs(i, 2, 3), |i| occurs(i, 1, 2), "occurs", "ITEM_OCCURS_CHANGED", B, B),
        // コード値
        case(|i| codes(i, &["1", "2"]), |i| codes(i, &["1", "2", "3"]), "codes", "ITEM_CODE_ADDED", C, B),
        case(|i| codes(i, &["1", "2", "3"]), |i| codes(i, &["1", "2"]), "codes", "ITEM_CODE_REMOVED", B, C),
        case(|i| codes(i, &["1", "2"]), |i| codes(i, &["1", "3"]), "codes", "ITEM_CODES_CHANGED", B, B),
        case(|i| codes(i, &["1", "2"]), |i| codes(i, &["2", "1"]), "codes", "ITEM_CODES_REORDERED", C, C),
        case(same, |i| codes(i, &["1", "2"]), "codes", "ITEM_CODE_LIST_ADDED", B, C),
        case(|i| codes(i, &["1", "2"]), same, "codes", "ITEM_CODE_LIST_REMOVED", C, B),
        // 固定値, 日付書式, パターン, 許容値
        case(same, |i| i.rules.fixed = Some("1".into()), "fixed", "ITEM_FIXED_VALUE_ADDED", B, C),
        case(|i| i.rules.fixed = Some("1".into()), same, "fixed", "ITEM_FIXED_VALUE_REMOVED", C, B),
        case(
            |i| i.rules.fixed = Some("1".into()),
            |i| i.rules.fixed = Some("2".into()),
            "fixed",
            "ITEM_FIXED_VALUE_CHANGED",
            B,
            B,
        ),
        case(same, |i| i.rules.date = Some(DateFormat::YyyyMm), "date", "ITEM_DATE_FORMAT_ADDED", B, C),
        case(|i| i.rules.date = Some(DateFormat::YyyyMm), same, "date", "ITEM_DATE_FORMAT_REMOVED", C, B),
        case(
            |i| i.rules.date = Some(DateFormat::YyyyMm),
            |i| i.rules.date = Some(DateFormat::HhMmSs),
            "date",
            "ITEM_DATE_FORMAT_CHANGED",
            B,
            B,
        ),
        case(same, |i| i.rules.pattern = Some("[0-9]+".into()), "pattern", "ITEM_PATTERN_ADDED", B, C),
        case(|i| i.rules.pattern = Some("[0-9]+".into()), same, "pattern", "ITEM_PATTERN_REMOVED", C, B),
        case(
            |i| i.rules.pattern = Some("[0-9]+".into()),
            |i| i.rules.pattern = Some("[1-9]+".into()),
            "pattern",
            "ITEM_PATTERN_CHANGED",
            B,
            B,
        ),
        case(same, |i| i.rules.also = vec!["999999".into()], "also", "ITEM_EXTRA_VALUE_ADDED", C, B),
        case(|i| i.rules.also = vec!["999999".into()], same, "also", "ITEM_EXTRA_VALUE_REMOVED", B, C),
        case(
            |i| i.rules.also = vec!["999999".into()],
            |i| i.rules.also = vec!["000000".into()],
            "also",
            "ITEM_EXTRA_VALUES_CHANGED",
            B,
            B,
        ),
        // Flags
        case(same, |i| i.free_text = true, "free_text", "ITEM_FREE_TEXT_ADDED", C, B),
        case(|i| i.free_text = true, same, "free_text", "ITEM_FREE_TEXT_REMOVED", B, C),
        case(same, |i| i.uniform = true, "uniform", "ITEM_UNIFORM_ADDED", B, C),
        case(|i| i.uniform = true, same, "uniform", "ITEM_UNIFORM_REMOVED", C, B),
        case(same, |i| i.secret = true, "secret", "ITEM_SECRET_CHANGED", B, B),
        only(Scope::Csv, case(same, |i| i.quoted = true, "quoted", "ITEM_QUOTING_CHANGED", C, C)),
        // 数値: 小数点以下の桁数, 範囲
        case(|i| decimal(i, 1), |i| decimal(i, 2), "decimals", "ITEM_DECIMALS_INCREASED", C, B),
        case(|i| decimal(i, 2), |i| decimal(i, 1), "decimals", "ITEM_DECIMALS_DECREASED", B, C),
        case(|i| range(i, "0", "100"), |i| range(i, "0", "90"), "range", "ITEM_RANGE_NARROWED", B, C),
        case(same, |i| range(i, "0", "100"), "range", "ITEM_RANGE_NARROWED", B, C),
        case(|i| range(i, "0", "90"), |i| range(i, "0", "100"), "range", "ITEM_RANGE_WIDENED", C, B),
        case(|i| range(i, "0", "100"), same, "range", "ITEM_RANGE_WIDENED", C, B),
        case(|i| range(i, "0", "100"), |i| range(i, "10", "200"), "range", "ITEM_RANGE_CHANGED", B, B),
        case(|i| range(i, "0", "100"), |i| range(i, "0", "100.0"), "range", "ITEM_RANGE_REWRITTEN", C, C),
        // 必須 beyond 出現回数
        case(same, |i| required(i, Mode::Final), "required_when", "ITEM_REQUIREMENT_ADDED", B, C),
        case(|i| required(i, Mode::Final), same, "required_when", "ITEM_REQUIREMENT_REMOVED", C, B),
        case(
            |i| required(i, Mode::Final),
            |i| required(i, Mode::Draft),
            "required_when",
            "ITEM_REQUIREMENT_CHANGED",
            B,
            B,
        ),
        // Names and text
        case(same, |i| i.no = "09".into(), "no", "ITEM_NUMBER_CHANGED", C, C),
        only(Scope::Json, case(same, |i| i.name = "別名".into(), "name", "ITEM_NAME_CHANGED", C, C)),
        only(Scope::Json, case(same, |i| i.key = Some("other_key".into()), "key", "ITEM_KEY_RENAMED", B, B)),
        only(Scope::Csv, case(same, |i| i.name = "別名".into(), "name", "COLUMN_NAME_CHANGED", C, C)),
        only(
            Scope::Csv,
            case(
                |i| i.key = None,
                |i| {
                    i.key = None;
                    i.name = "別名".into();
                },
                "name",
                "COLUMN_RENAMED",
                B,
                B,
            ),
        ),
        only(Scope::Csv, case(same, |i| i.key = Some("other_field".into()), "key", "COLUMN_FIELD_RENAMED", B, B)),
        case(same, |i| i.remarks = Some("別の備考".into()), "remarks", "ITEM_REMARKS_CHANGED", C, C),
        case(same, |i| i.format = Some("別の書式".into()), "format", "ITEM_FORMAT_TEXT_CHANGED", C, C),
        case(same, |i| i.notation = Some("1:はい".into()), "notation", "ITEM_NOTATION_CHANGED", C, C),
        case(same, |i| i.description = Some("説明".into()), "description", "ITEM_DESCRIPTION_CHANGED", C, C),
        case(same, |i| i.needed = true, "needed", "ITEM_NEEDED_CHANGED", C, C),
        case(same, |i| i.overrides = vec!["補正".into()], "overrides", "ITEM_OVERRIDES_CHANGED", C, C),
    ]
}

/// Each case in a request (the vendor sends: its class is the sender's), a response (the vendor
/// receives: the receiver's) and a file (either side: the worse).
#[test]
fn every_item_change_is_classed_for_sender_receiver_and_vendor_in_each_direction() {
    let (item, _) = template();
    let mut seen = std::collections::BTreeSet::new();
    for case in cases() {
        let (mut old, mut new) = (item.clone(), item.clone());
        (case.old)(&mut old);
        (case.new)(&mut new);
        let directions: &[Direction] = match case.scope {
            Scope::All => &[Direction::Request, Direction::Response, Direction::File],
            Scope::Json => &[Direction::Request, Direction::Response],
            Scope::Csv => &[Direction::File],
        };
        for &direction in directions {
            let report = diff(&one_item_spec(direction, old.clone()), &one_item_spec(direction, new.clone()));
            let found: Vec<&Change> = report.changes.iter().filter(|c| c.attribute == Some(case.attribute)).collect();
            assert_eq!(found.len(), 1, "{} {direction:?}: one change of {}\n{report}", case.rule, case.attribute);
            let vendor = match direction {
                Direction::Request => case.sender,
                Direction::Response => case.receiver,
                Direction::File => case.sender.max(case.receiver),
            };
            assert_rule(found[0], case.rule, case.sender, case.receiver, vendor);
            assert_eq!(found[0].origin, Some(new.origin.clone()), "{}", case.rule);
            seen.insert(case.rule);
        }
    }
    // Every ITEM_ rule but those only a workbook pair shows (added, removed) has a case.
    let missing: Vec<&str> = rules::RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| id.starts_with("ITEM_") && !seen.contains(id))
        .filter(|id| !["ITEM_ADDED_REQUIRED", "ITEM_ADDED_OPTIONAL", "ITEM_REMOVED"].contains(id))
        .collect();
    assert!(missing.is_empty(), "no case for {missing:?}");
}

/// A key one version lacks (a care-plan item the naming table does not name yet) is not compared: the
/// field name is unknown, not changed.
#[test]
fn a_missing_key_is_not_compared() {
    let (item, _) = template();
    let unnamed = Item { key: None, ..item.clone() };
    for direction in [Direction::Request, Direction::File] {
        let report = diff(&one_item_spec(direction, item.clone()), &one_item_spec(direction, unnamed.clone()));
        assert!(report.is_empty(), "{report}");
    }
}

#[test]
fn the_vendor_is_the_sender_of_a_request_the_receiver_of_a_response_and_either_of_a_file() {
    let rule = Rule::find("ITEM_DIGITS_INCREASED").expect("a rule");
    assert_eq!((rule.sender, rule.receiver), (C, B));
    assert_eq!(rule.vendor(Some(Direction::Request)), C);
    assert_eq!(rule.vendor(Some(Direction::Response)), B);
    assert_eq!(rule.vendor(Some(Direction::File)), B);
    assert_eq!(rule.vendor(None), B);
    let rule = rules::ITEM_DIGITS_DECREASED;
    assert_eq!(rule.vendor(Some(Direction::Request)), B);
    assert_eq!(rule.vendor(Some(Direction::Response)), C);
    assert!(Rule::find("NO_SUCH_RULE").is_none());
}

/// Facts of a file layout: the CSVバージョン and 文字コード break both sides, ファイル作成単位 is
/// documentation; the file-name rule appears and disappears.
#[test]
fn layout_facts() {
    let base = csv_spec(&COLUMNS);
    let with = |edit: fn(&mut Layout)| {
        let mut spec = base.clone();
        edit(&mut spec.interfaces[0].layouts[0]);
        spec
    };
    type Edit = fn(&mut Layout);
    let cases: [(Edit, &str, Class, Class); 4] = [
        (
            |l| l.file.get_or_insert_with(FileFacts::default).version = Some("202604".into()),
            "LAYOUT_VERSION_CHANGED",
            B,
            B,
        ),
        (
            |l| l.file.get_or_insert_with(FileFacts::default).encoding = Some("UTF-8".into()),
            "LAYOUT_ENCODING_CHANGED",
            B,
            B,
        ),
        (
            |l| l.file.get_or_insert_with(FileFacts::default).creation_unit = Some("月単位".into()),
            "LAYOUT_CREATION_UNIT_CHANGED",
            C,
            C,
        ),
        (|l| l.repertoire = ltcip_codegen::model::Repertoire::JisX0213, "LAYOUT_REPERTOIRE_CHANGED", B, B),
    ];
    for (edit, rule, sender, receiver) in cases {
        let report = diff(&base, &with(edit));
        let layout_changes: Vec<&Change> = report.changes.iter().filter(|c| c.target == Target::Layout).collect();
        assert_eq!(layout_changes.len(), 1, "{rule}: {report}");
        assert_rule(layout_changes[0], rule, sender, receiver, sender.max(receiver));
        assert_eq!(layout_changes[0].origin.as_ref().and_then(|o| o.sheet.as_deref()), Some("UPTEST"));
    }
}

/// A section whose items are all optional adds a struct and breaks nobody.
#[test]
fn a_section_of_optional_items_added() {
    let (item, _) = template();
    let old = one_item_spec(Direction::Response, item.clone());
    let mut new = old.clone();
    let header = Item { key: Some("X-Trace".into()), occurs: Occurs::OPTIONAL, ..item.clone() };
    let origin = Location::sheet("model.xlsx", "MODEL").at(2, 0);
    new.interfaces[0].layouts[0]
        .sections
        .insert(0, Section { kind: SectionKind::Headers, items: vec![header], origin });
    let report = diff(&old, &new);
    assert_eq!(report.summary.total, 1, "{report}");
    assert_rule(&report.changes[0], "SECTION_ADDED", C, C, C);
    assert_eq!(report.changes[0].origin.as_ref().and_then(|o| o.cell.as_deref()), Some("A3"));
}

// ---------------------------------------------------------------------------------------------------
// CLI

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ltcip-codegen")).arg("diff").args(args).output().expect("the CLI runs")
}

/// Runs `diff` in `dir`, with paths relative to it (so that outputs name `new/besshi13.xlsx`).
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ltcip-codegen"))
        .current_dir(dir)
        .arg("diff")
        .args(args)
        .output()
        .expect("the CLI runs")
}

fn out(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn err(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Changed from the classification before directions: in a response a raised 桁数 is breaking for the
/// vendor and a lowered one is not (the exit status stays 1 both ways, for the other change).
#[test]
fn cli_exit_status_and_json() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let old = save(&besshi13::interfaces(), dir.path(), "old");
    let same = save(&besshi13::interfaces(), dir.path(), "same");
    let mut defs = besshi13::interfaces();
    row(&mut defs, J, RES, "record_num", false).digits = "5";
    row(&mut defs, J, RES, "result_detail", false).digits = "300";
    let changed = save(&defs, dir.path(), "changed");

    let identical = run(&[old.as_os_str(), same.as_os_str()]);
    assert_eq!(identical.status.code(), Some(0), "{}", out(&identical));
    assert!(out(&identical).contains("no changes"), "{}", out(&identical));

    let breaking = run(&[old.as_os_str(), changed.as_os_str()]);
    assert_eq!(breaking.status.code(), Some(1), "{}", out(&breaking));
    let text = out(&breaking);
    assert!(
        text.contains("1 breaking, 1 compatible for the vendor; breaking the sender: 1, the receiver: 1"),
        "{text}"
    );
    assert!(text.contains("compatible  ボディ 06 レコード件数 [record_num]: 桁数 7 → 5"), "{text}");
    assert!(text.contains("BREAKING    ボディ 04 処理結果詳細(要求) [result_detail]: 桁数 150 → 300"), "{text}");
    assert!(text.contains("ITEM_DIGITS_DECREASED · breaks the sender (the service) · "), "{text}");
    assert!(text.contains("ITEM_DIGITS_INCREASED · breaks the receiver (the vendor) · "), "{text}");
    assert!(text.contains("changed/besshi13.xlsx [IF-I6-01-04-02_レスポンス] "), "{text}");

    // Reversed, the raise becomes a lowering.
    let reversed = run(&[changed.as_os_str(), old.as_os_str()]);
    assert_eq!(reversed.status.code(), Some(1));
    assert!(out(&reversed).contains("compatible  ボディ 04 処理結果詳細(要求) [result_detail]: 桁数 300 → 150"));
    assert!(out(&reversed).contains("BREAKING    ボディ 06 レコード件数 [record_num]: 桁数 5 → 7"));

    let args = [old.as_os_str(), changed.as_os_str(), "--format".as_ref(), "json".as_ref()];
    let json = run(&args);
    assert_eq!(json.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_str(&out(&json)).expect("the output is JSON");
    assert_eq!(value["summary"]["breaking"], 1);
    assert_eq!(value["summary"]["compatible"], 1);
    assert_eq!(value["summary"]["total"], 2);
    assert_eq!(value["summary"]["breaking_sender"], 1);
    assert_eq!(value["summary"]["breaking_receiver"], 1);
    assert_eq!(value["summary"]["silenced"], 0);
    assert_eq!(value["errors"]["new"], 0);
    let first = &value["changes"][0];
    assert_eq!(first["rule"], "ITEM_DIGITS_INCREASED");
    assert_eq!(first["class"], "breaking");
    assert_eq!(first["sender"], "compatible");
    assert_eq!(first["receiver"], "breaking");
    assert_eq!(first["kind"], "changed");
    assert_eq!(first["target"], "item");
    assert_eq!(first["interface"], J);
    assert_eq!(first["direction"], "response");
    assert_eq!(first["section"], "body");
    assert_eq!(first["attribute"], "digits");
    assert_eq!(first["label"], "桁数");
    assert_eq!(first["old"], "150");
    assert_eq!(first["new"], "300");
    assert_eq!(first["new_item"]["key"], "result_detail");
    assert_eq!(first["new_item"]["no"], "04");
    assert_eq!(first["origin"]["sheet"], "IF-I6-01-04-02_レスポンス");
    assert!(first["origin"]["file"].as_str().is_some_and(|f| f.ends_with("besshi13.xlsx")), "{first}");
    assert!(first["origin"]["cell"].as_str().is_some_and(|c| !c.is_empty()), "{first}");
    assert_eq!(first["origin"], first["new_item"]["origin"]);
    assert_eq!(value["changes"][1]["rule"], "ITEM_DIGITS_DECREASED");
    assert_eq!(value["changes"][1]["class"], "compatible");
    // Stable: the same inputs give the same bytes.
    assert_eq!(run(&args).stdout, json.stdout);

    let same_json = run(&[old.as_os_str(), same.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    assert_eq!(same_json.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_str(&out(&same_json)).expect("JSON");
    assert_eq!(value["summary"]["total"], 0);
}

/// A folder's overrides apply. Changed from the classification before directions: 半角英数字 → 半角文字
/// in a response is breaking for the vendor (values its old validator rejects may arrive); a lower 桁数
/// is compatible for it.
#[test]
fn cli_a_folders_overrides_apply() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let old = save(&besshi13::interfaces(), dir.path(), "old");
    let new = save(&besshi13::interfaces(), dir.path(), "new");
    let entry = |setting: &str| {
        format!(
            "[[item]]\nlayout = \"IF-I6-01-04-01 レスポンス\"\npath = \"presigned_url\"\n{setting}\nreason = \"A URL.\"\n"
        )
    };
    std::fs::write(new.join("overrides.toml"), entry("digits = 100")).expect("write");
    let output = run(&[old.as_os_str(), new.as_os_str()]);
    let text = out(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("0 breaking, 2 compatible"), "{text}");
    assert!(text.contains("compatible  ボディ 04 署名付きURL [presigned_url]: 桁数 200 → 100"), "{text}");
    assert!(text.contains("compatible  ボディ 04 署名付きURL [presigned_url]: 補正 - → "), "{text}");
    assert!(text.contains("ITEM_OVERRIDES_CHANGED · breaks neither side"), "{text}");
    assert!(text.contains("new: besshi13.xlsx, overrides.toml"), "{text}");

    std::fs::write(new.join("overrides.toml"), entry("data_type = \"半角文字\"")).expect("write");
    let output = run(&[old.as_os_str(), new.as_os_str()]);
    let text = out(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("BREAKING    ボディ 04 署名付きURL [presigned_url]: データ型 半角英数字 → 半角文字"),
        "{text}"
    );

    let repertoire =
        "[[layout]]\nlayout = \"IF-I6-01-04-02 レスポンス\"\nrepertoire = \"JIS X 0213\"\nreason = \"v1.0\"\n";
    std::fs::write(new.join("overrides.toml"), repertoire).expect("write");
    let output = run(&[old.as_os_str(), new.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    assert_eq!(output.status.code(), Some(1), "{}", out(&output));
    let value: serde_json::Value = serde_json::from_str(&out(&output)).expect("JSON");
    let rules: Vec<&str> =
        value["changes"].as_array().expect("changes").iter().filter_map(|c| c["rule"].as_str()).collect();
    assert_eq!(rules, ["LAYOUT_REPERTOIRE_CHANGED", "LAYOUT_OVERRIDES_CHANGED"], "{value}");
    assert_eq!(value["changes"][0]["target"], "layout");
    assert_eq!(value["changes"][0]["origin"]["sheet"], "IF-I6-01-04-02_レスポンス");
}

/// A version that cannot be read whole stops the comparison; errors that leave it whole do not (a
/// stale override: before, every error stopped it).
#[test]
fn cli_errors_that_stop_the_comparison_and_errors_that_do_not() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let good = save(&besshi13::interfaces(), dir.path(), "good");
    let missing = dir.path().join("missing.xlsx");
    let output = run(&[good.as_os_str(), missing.as_os_str()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(err(&output).contains("missing.xlsx"), "{output:?}");
    assert!(err(&output).contains("the new version was not read whole"), "{output:?}");
    assert!(output.stdout.is_empty());

    let garbage = dir.path().join("garbage.xlsx");
    std::fs::write(&garbage, b"not a workbook").expect("write");
    let output = run(&[garbage.as_os_str(), good.as_os_str()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = err(&output);
    assert!(stderr.contains("garbage.xlsx") && stderr.contains("error"), "{stderr}");
    assert!(stderr.contains("the old version was not read whole"), "{stderr}");
    assert!(output.stdout.is_empty());
    // In the GitHub format, as annotations.
    let output = run(&[garbage.as_os_str(), good.as_os_str(), "--format".as_ref(), "github".as_ref()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(out(&output).starts_with("::error file="), "{}", out(&output));
    assert!(out(&output).contains("garbage.xlsx,title=ltcip-codegen diff::"), "{}", out(&output));

    let stale = dir.path().join("stale");
    std::fs::create_dir(&stale).expect("create");
    render(&besshi13::interfaces(), &Style::published()).save(&stale.join("besshi13.xlsx")).expect("save");
    std::fs::write(
        stale.join("overrides.toml"),
        "[[item]]\nlayout = \"IF-X リクエスト\"\npath = \"x\"\nmin = 1\nreason = \"r\"\n",
    )
    .expect("write");
    let output = run(&[good.as_os_str(), stale.as_os_str()]);
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    assert!(err(&output).contains("overrides.toml [[item]] #1: error: no layout"), "{}", err(&output));
    assert!(
        out(&output).contains("the new version has 1 error (on standard error): compared as read"),
        "{}",
        out(&output)
    );
    assert!(out(&output).contains("no changes"), "{}", out(&output));
    let output = run(&[good.as_os_str(), stale.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    let value: serde_json::Value = serde_json::from_str(&out(&output)).expect("JSON");
    assert_eq!((value["errors"]["old"].as_u64(), value["errors"]["new"].as_u64()), (Some(0), Some(1)));
}

#[test]
fn which_errors_stop_a_comparison() {
    let spec = csv_spec(&COLUMNS);
    let book = |sheet: &str| Location::sheet("careplan.xlsx", sheet);
    let cases = [
        (Location::file("careplan.xlsx"), true),
        (Location::file("specs/vocabulary.toml"), true),
        (book("UPOTHER"), true),
        (book("UPTEST"), true),
        (Location { cell: Some("A1:XFD1048576".into()), ..book("UPTEST") }, true),
        (book("UPOTHER").at(3, 3), true),
        (book("UPTEST").at(8, 1), false),
        (Location { file: "overrides.toml".into(), sheet: None, cell: Some("[[item]] #1".into()) }, false),
    ];
    for (at, stops) in cases {
        let mut diagnostics = Diagnostics::default();
        diagnostics.error(at.clone(), "something");
        diagnostics.warning(Location::file("careplan.xlsx"), "a warning never stops it");
        assert_eq!(stopping(&spec, &diagnostics).len(), usize::from(stops), "{at}");
    }
}

/// The care-plan workbook with a column the naming table does not name: compared anyway, the item
/// shown by 項番 and 項目名 at its cell, the error on stderr.
#[test]
fn cli_compares_a_care_plan_workbook_with_an_unnamed_item() {
    use ltcip_fixtures::careplan;
    let old = careplan::files();
    let mut new = old.clone();
    let plan = new.iter_mut().find(|f| f.id == "UPPLAN").expect("UPPLAN");
    let mut added = plan.rows[3].clone();
    added.name = "新設テスト項目";
    plan.rows.insert(3, added);
    for (i, row) in plan.rows.iter_mut().enumerate() {
        row.no = i as u32 + 1;
    }
    let dir = tempfile::tempdir().expect("a temp dir");
    let names = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/careplan-names.toml");
    for (sub, files) in [("old", &old), ("new", &new)] {
        let folder = dir.path().join(sub);
        std::fs::create_dir_all(&folder).expect("create");
        std::fs::copy(&names, folder.join("careplan-names.toml")).expect("copy the naming table");
        careplan::render_careplan(files).save(&folder.join("careplan.xlsx")).expect("save");
    }
    let output = run_in(dir.path(), &["old", "new"]);
    assert_eq!(output.status.code(), Some(1), "{}", err(&output));
    assert!(err(&output).contains("has no Rust name"), "{}", err(&output));
    let text = out(&output);
    assert!(text.contains("the new version has 1 error (on standard error): compared as read"), "{text}");
    assert!(text.contains("BREAKING    ボディ 4 新設テスト項目: added"), "{text}");
    assert!(text.contains("COLUMN_ADDED · breaks sender and receiver · new/careplan.xlsx [UPPLAN] "), "{text}");

    let output = run_in(dir.path(), &["old", "new", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&out(&output)).expect("JSON");
    let changes = value["changes"].as_array().expect("changes");
    let added: Vec<&serde_json::Value> = changes.iter().filter(|c| c["kind"] == "added").collect();
    assert_eq!(added.len(), 1, "{value}");
    assert_eq!(added[0]["rule"], "COLUMN_ADDED");
    assert_eq!(added[0]["interface"], "UPPLAN");
    assert_eq!(added[0]["new_item"]["no"], "4");
    assert_eq!(added[0]["new_item"]["name"], "新設テスト項目");
    assert_eq!(added[0]["new_item"]["key"], serde_json::Value::Null);
    assert_eq!(added[0]["new_item"]["path"], "新設テスト項目");
    assert_eq!(added[0]["origin"]["file"], "new/careplan.xlsx");
    assert_eq!(added[0]["origin"]["sheet"], "UPPLAN");
    // The columns after it shifted: renumbered, not renamed, moved or re-keyed.
    assert!(changes.iter().all(|c| c["kind"] == "added" || c["rule"] == "ITEM_NUMBER_CHANGED"), "{}", out(&output));
    assert_eq!(value["errors"]["new"], 1);
}

// ---------------------------------------------------------------------------------------------------
// The ignore file

fn ignore_file(text: &str) -> ignore::IgnoreFile {
    ignore::parse(text, Path::new("diff-ignore.toml")).unwrap_or_else(|d| panic!("{d}"))
}

fn ignore_errors(text: &str) -> String {
    ignore::parse(text, Path::new("diff-ignore.toml")).expect_err("an error").to_string()
}

#[test]
fn an_ignore_entry_silences_its_change_which_is_counted_and_listed() {
    let report = compare(|defs| {
        row(defs, J, RES, "result_detail", false).digits = "300";
        row(defs, J, RES, "record_num", false).digits = "5";
    });
    assert!(report.is_breaking());
    let file = ignore_file(
        "[[ignore]]\nrule = \"ITEM_DIGITS_INCREASED\"\nlayout = \"IF-I6-01-04-02 レスポンス\"\n\
         path = \"result_detail\"\nreason = \"Our validator took 300 all along.\"\n",
    );
    let mut silenced = report.clone();
    let unused = ignore::apply(&mut silenced, &file);
    assert!(unused.is_empty(), "{unused:?}");
    assert!(!silenced.is_breaking(), "{silenced}");
    assert_eq!((silenced.summary.total, silenced.summary.silenced), (1, 1));
    assert_eq!(silenced.silenced[0].change.rule.id, "ITEM_DIGITS_INCREASED");
    assert_eq!(silenced.silenced[0].reason, "Our validator took 300 all along.");
    assert_eq!(silenced.silenced[0].entry.to_string(), "diff-ignore.toml [[ignore]] #1");
    let text = silenced.to_string();
    assert!(text.contains("\nsilenced (1):\n  IF-I6-01-04-02 レスポンス BREAKING    ボディ 04 処理結果詳細(要求) [result_detail]: 桁数 150 → 300"), "{text}");
    assert!(text.contains("silenced by diff-ignore.toml [[ignore]] #1: Our validator took 300 all along."), "{text}");
    let json: serde_json::Value = serde_json::from_str(&silenced.to_json()).expect("JSON");
    assert_eq!(json["silenced"][0]["change"]["rule"], "ITEM_DIGITS_INCREASED");
    assert_eq!(json["silenced"][0]["entry"]["cell"], "[[ignore]] #1");
    assert_eq!(json["summary"]["silenced"], 1);
}

#[test]
fn ignore_entries_match_by_rule_layout_section_and_path() {
    let report = compare(|defs| {
        row(defs, J, RES, "result_detail", false).digits = "300";
        row(defs, J, RES, "care_insurer_number", true).digits = "12";
        row(defs, Q, RES, "result_detail", false).digits = "300";
    });
    assert_eq!(report.summary.total, 3, "{report}");
    let silenced = |text: &str| {
        let mut report = report.clone();
        let unused = ignore::apply(&mut report, &ignore_file(text));
        (report.silenced.len(), unused.len())
    };
    let entry = |fields: &str| format!("[[ignore]]\n{fields}\nreason = \"accepted\"\n");
    // The rule must match.
    assert_eq!(silenced(&entry("rule = \"ITEM_DIGITS_DECREASED\"\nlayout = \"IF-I6-01-04-02 レスポンス\"")), (0, 1));
    // Without a path: every change of the rule in the layout; an IF ID alone: in the interface.
    assert_eq!(silenced(&entry("rule = \"ITEM_DIGITS_INCREASED\"\nlayout = \"IF-I6-01-04-02 レスポンス\"")), (1, 0));
    assert_eq!(silenced(&entry("rule = \"ITEM_FIXED_DIGITS_CHANGED\"\nlayout = \"IF-I6-01-04-02\"")), (1, 0));
    assert_eq!(silenced(&entry("rule = \"ITEM_DIGITS_INCREASED\"\nlayout = \"IF-I6-01-04-02 リクエスト\"")), (0, 1));
    // A path names the item by its keys from the top of the section; "*" is every item.
    let nested = "rule = \"ITEM_FIXED_DIGITS_CHANGED\"\nlayout = \"IF-I6-01-04-02 レスポンス\"\n";
    assert_eq!(silenced(&entry(&format!("{nested}path = \"body/care_insurer_number\""))), (1, 0));
    assert_eq!(silenced(&entry(&format!("{nested}path = \"care_insurer_number\""))), (0, 1));
    assert_eq!(silenced(&entry(&format!("{nested}path = \"*\""))), (1, 0));
    assert_eq!(silenced(&entry(&format!("{nested}section = \"ヘッダ\""))), (0, 1));
    assert_eq!(silenced(&entry(&format!("{nested}section = \"ボディ\""))), (1, 0));
    // Two entries, one of them stale.
    let two = format!(
        "{}{}",
        entry("rule = \"ITEM_DIGITS_INCREASED\"\nlayout = \"IF-I6-01-04-01 レスポンス\"\npath = \"result_detail\""),
        entry("rule = \"ITEM_REMOVED\"\nlayout = \"IF-I6-01-04-01 レスポンス\"\npath = \"presigned_url\"")
    );
    let mut silenced_report = report.clone();
    let unused = ignore::apply(&mut silenced_report, &ignore_file(&two));
    assert_eq!(silenced_report.silenced.len(), 1);
    assert_eq!(unused.len(), 1);
    let warning = unused[0].to_string();
    assert!(
        warning.starts_with("diff-ignore.toml [[ignore]] #2: warning: matches no change (ITEM_REMOVED at IF-I6-01-04-01 レスポンス presigned_url)"),
        "{warning}"
    );
}

#[test]
fn a_wrong_ignore_entry_is_an_error() {
    let errors =
        ignore_errors("[[ignore]]\nrule = \"ITEM_DIGITS_INCREASED\"\nlayout = \"IF-X リクエスト\"\nreason = \" \"\n");
    assert!(errors.contains("[[ignore]] #1: error: an entry needs a reason"), "{errors}");
    let errors = ignore_errors("[[ignore]]\nrule = \"DIGITS_UP\"\nlayout = \"IF-X リクエスト\"\nreason = \"r\"\n");
    assert!(errors.contains("\"DIGITS_UP\" is no rule ID"), "{errors}");
    let errors = ignore_errors("[[ignore]]\nrule = \"ITEM_DIGITS_INCREASED\"\nlayout = \"IF-X リクエスト\"\n");
    assert!(errors.contains("not a valid ignore file") && errors.contains("reason"), "{errors}");
    let errors =
        ignore_errors("[[ignore]]\nrule = \"ITEM_DIGITS_INCREASED\"\nlayout = \"IF-X\"\nreason = \"r\"\nwhy = \"x\"\n");
    assert!(errors.contains("not a valid ignore file") && errors.contains("why"), "{errors}");
    let errors = ignore_errors(
        "[[ignore]]\nrule = \"ITEM_DIGITS_INCREASED\"\nlayout = \"IF-X\"\nsection = \"本文\"\nreason = \"r\"\n",
    );
    assert!(errors.contains("section \"本文\" is neither ボディ nor ヘッダ"), "{errors}");
}

#[test]
fn cli_finds_the_ignore_file_beside_the_new_version_or_takes_one() {
    let dir = tempfile::tempdir().expect("a temp dir");
    save(&besshi13::interfaces(), dir.path(), "old");
    let mut defs = besshi13::interfaces();
    row(&mut defs, J, RES, "result_detail", false).digits = "300";
    let new = save(&defs, dir.path(), "new");
    assert_eq!(run_in(dir.path(), &["old", "new"]).status.code(), Some(1));

    let accept = "[[ignore]]\nrule = \"ITEM_DIGITS_INCREASED\"\nlayout = \"IF-I6-01-04-02 レスポンス\"\n\
                  path = \"result_detail\"\nreason = \"accepted\"\n";
    std::fs::write(new.join("diff-ignore.toml"), accept).expect("write");
    let output = run_in(dir.path(), &["old", "new"]);
    assert_eq!(output.status.code(), Some(0), "{}", out(&output));
    assert!(out(&output).contains("no changes\n\nsilenced (1):"), "{}", out(&output));
    assert!(out(&output).contains("silenced by new/diff-ignore.toml [[ignore]] #1: accepted"), "{}", out(&output));
    // Beside a workbook given as a file, too.
    let output = run_in(dir.path(), &["old", "new/besshi13.xlsx"]);
    assert_eq!(output.status.code(), Some(0), "{}", out(&output));

    // --ignore wins; a wrong file stops everything.
    std::fs::write(dir.path().join("other.toml"), "[[ignore]]\nrule = \"NOPE\"\nlayout = \"x\"\nreason = \"r\"\n")
        .expect("write");
    let output = run_in(dir.path(), &["old", "new", "--ignore", "other.toml"]);
    assert_eq!(output.status.code(), Some(2), "{}", err(&output));
    assert!(err(&output).contains("other.toml [[ignore]] #1: error: \"NOPE\" is no rule ID"), "{}", err(&output));
    assert!(err(&output).contains("error: the ignore file other.toml is wrong; nothing compared"), "{}", err(&output));
    assert!(output.stdout.is_empty());
    let output = run_in(dir.path(), &["old", "new", "--ignore", "absent.toml"]);
    assert_eq!(output.status.code(), Some(2), "{}", err(&output));
    assert!(err(&output).contains("absent.toml: error: cannot read"), "{}", err(&output));

    // A stale entry is a warning.
    let stale = format!(
        "{accept}[[ignore]]\nrule = \"LAYOUT_REMOVED\"\nlayout = \"IF-I6-01-04-01 リクエスト\"\nreason = \"r\"\n"
    );
    std::fs::write(new.join("diff-ignore.toml"), stale).expect("write");
    let output = run_in(dir.path(), &["old", "new"]);
    assert_eq!(output.status.code(), Some(0), "{}", err(&output));
    assert!(
        err(&output).contains("new/diff-ignore.toml [[ignore]] #2: warning: matches no change (LAYOUT_REMOVED at IF-I6-01-04-01 リクエスト)"),
        "{}",
        err(&output)
    );
}

/// `specs/diff-ignore.toml`, as shipped, reads and silences nothing in a comparison of `specs/` with
/// itself.
#[test]
fn the_shipped_ignore_file_reads() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/diff-ignore.toml");
    let file = ignore::read(&path).unwrap_or_else(|d| panic!("{d}"));
    assert!(file.entries.is_empty(), "{:?}", file.entries);
}

// ---------------------------------------------------------------------------------------------------
// Outputs for CI, against fixtures

/// Compares `actual` with the fixture `name` in `diff-fixtures/`; `LTCIP_BLESS=1` writes it instead.
fn assert_fixture(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff-fixtures").join(name);
    if std::env::var_os("LTCIP_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("create");
        std::fs::write(&path, actual).expect("write the fixture");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        expected == actual,
        "{name} differs from the fixture (LTCIP_BLESS=1 rewrites it):\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

/// The scenario of the fixtures: a 桁数 raised in a response (breaking for the vendor: an error), one
/// lowered (breaking the service only: a warning), a code added to a response and its 備考 changed
/// (text with `<`, `&` and `%`), a fixed length changed and silenced, and a stale ignore entry.
fn ci_scenario() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    save(&besshi13::interfaces(), dir.path(), "old");
    let mut defs = besshi13::interfaces();
    row(&mut defs, J, RES, "result_detail", false).digits = "300";
    row(&mut defs, J, RES, "record_num", false).digits = "5";
    row(&mut defs, J, RES, "file_if_id", false).digits = "10";
    row(&mut defs, Q, RES, "result", false).remarks =
        "「成功」もしくは「失敗」もしくは「保留」を設定する。<保留> & 100%";
    let new = save(&defs, dir.path(), "new");
    std::fs::write(
        new.join("diff-ignore.toml"),
        "[[ignore]]\nrule = \"ITEM_FIXED_DIGITS_CHANGED\"\nlayout = \"IF-I6-01-04-02 レスポンス\"\npath = \"file_if_id\"\n\
         reason = \"The service sends 10-character IDs since 2026-04 (its notice of 2026-03-02).\"\n\n\
         [[ignore]]\nrule = \"ITEM_REMOVED\"\nlayout = \"IF-I6-01-04-01 レスポンス\"\npath = \"presigned_url\"\n\
         reason = \"Kept for a removal that did not come.\"\n",
    )
    .expect("write");
    dir
}

#[test]
fn the_text_report_matches_its_fixture() {
    let dir = ci_scenario();
    let output = run_in(dir.path(), &["old", "new"]);
    assert_eq!(output.status.code(), Some(1), "{}", err(&output));
    assert_fixture("ci.txt", &out(&output));
}

#[test]
fn the_github_annotations_match_their_fixture() {
    let dir = ci_scenario();
    let output = run_in(dir.path(), &["old", "new", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1), "{}", err(&output));
    let text = out(&output);
    assert_fixture("ci.github.txt", &text);
    // Every line a workflow command; one error per change breaking for the vendor, one warning per
    // change breaking the service only, one for the stale entry; none for the rest.
    assert!(
        text.lines().all(|l| l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice "))
    );
    assert_eq!(text.lines().filter(|l| l.starts_with("::error ")).count(), 2, "{text}");
    assert_eq!(text.lines().filter(|l| l.starts_with("::warning ")).count(), 2, "{text}");
    assert!(
        text.contains("::warning file=new/diff-ignore.toml,title=ltcip-codegen diff::[[ignore]] #2: matches no change"),
        "{text}"
    );
    assert!(!text.contains("ITEM_REMARKS_CHANGED"), "{text}");
}

#[test]
fn the_junit_report_matches_its_fixture_and_is_well_formed() {
    let dir = ci_scenario();
    let output = run_in(dir.path(), &["old", "new", "--format", "junit"]);
    assert_eq!(output.status.code(), Some(1), "{}", err(&output));
    let xml = out(&output);
    assert_fixture("ci.junit.xml", &xml);
    assert_well_formed(&xml);
    let count = |needle: &str| xml.matches(needle).count();
    assert_eq!(count("<testcase "), 5, "{xml}");
    assert_eq!(count("<failure "), 2, "{xml}");
    assert_eq!(count("<skipped "), 1, "{xml}");
    assert!(
        xml.contains("<testsuites name=\"ltcip-codegen diff\" tests=\"5\" failures=\"2\" errors=\"0\" skipped=\"1\">"),
        "{xml}"
    );
    assert!(xml.contains("&lt;保留&gt; &amp; 100%"), "{xml}");
    assert!(!xml.contains("<保留>"), "{xml}");
}

/// Tags balance, attributes are quoted, and `&` starts only the five entities or a character
/// reference: enough to catch an escape left out.
fn assert_well_formed(xml: &str) {
    let body = xml.strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").expect("an XML declaration");
    let mut open: Vec<String> = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        assert!(!text.contains('>'), "a bare > in {text:?}");
        check_entities(text);
        let end = rest[start..].find('>').expect("a closed tag") + start;
        let tag = &rest[start + 1..end];
        assert_eq!(tag.matches('"').count() % 2, 0, "quotes balance in <{tag}>");
        check_entities(tag);
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop().as_deref(), Some(name), "</{name}> closes what it opened");
        } else if !tag.ends_with('/') {
            open.push(tag.split_whitespace().next().expect("a tag name").to_owned());
        }
        rest = &rest[end + 1..];
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    assert!(rest.trim().is_empty(), "text after the root: {rest:?}");
}

fn check_entities(text: &str) {
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..text[i..].find(';').map_or(text.len(), |e| i + e + 1)];
        let known = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains(&entity)
            || (entity.starts_with("&#") && entity[2..entity.len() - 1].chars().all(|c| c.is_ascii_digit()));
        assert!(known, "{entity:?} is no entity");
    }
}

// ---------------------------------------------------------------------------------------------------
// Positional (CSV) layouts, on hand-built models

/// An item and a layout to copy facts from: the first layout of 別紙13 as read, and its first body item
/// (半角数字 6桁 固定長, required).
fn template() -> &'static (Item, Layout) {
    static TEMPLATE: OnceLock<(Item, Layout)> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temp dir");
        let spec = load(&save(&besshi13::interfaces(), dir.path(), "template"));
        let layout = spec.interfaces[0].layouts[0].clone();
        let item = layout.section(SectionKind::Body).expect("a body").items[0].clone();
        (item, layout)
    })
}

fn column(template: &Item, position: u32, name: &str) -> Item {
    Item {
        no: format!("{position:02}"),
        level: vec![position],
        name: name.to_owned(),
        key: None,
        children: Vec::new(),
        overrides: Vec::new(),
        origin: Location::sheet("careplan.xlsx", "UPTEST").at(position + 5, 1),
        ..template.clone()
    }
}

/// A spec with one CSV file layout whose columns have these names.
fn csv_spec(names: &[&str]) -> Spec {
    let (item, layout) = template();
    let origin = Location::sheet("careplan.xlsx", "UPTEST");
    let items = names.iter().enumerate().map(|(i, name)| column(item, i as u32 + 1, name)).collect();
    let section = Section { kind: SectionKind::Body, items, origin: origin.clone() };
    let layout = Layout {
        interface_id: "UPTEST".to_owned(),
        direction: Direction::File,
        format: WireFormat::Csv,
        sections: vec![section],
        origin,
        ..layout.clone()
    };
    let interface = Interface { id: "UPTEST".to_owned(), name: "テスト".to_owned(), layouts: vec![layout] };
    Spec { sources: Vec::new(), interfaces: vec![interface] }
}

fn of_kind(report: &Report, kind: Kind) -> Vec<&Change> {
    report.changes.iter().filter(|c| c.kind == kind).collect()
}

const COLUMNS: [&str; 5] = ["CSVバージョン", "保険者番号", "被保険者番号", "対象年月", "作成日"];

#[test]
fn csv_identical_columns_give_nothing() {
    let report = diff(&csv_spec(&COLUMNS), &csv_spec(&COLUMNS));
    assert!(report.is_empty(), "{report}");
}

#[test]
fn csv_a_reordered_column_is_moved_not_removed_and_added() {
    let old = csv_spec(&COLUMNS);
    let new = csv_spec(&["CSVバージョン", "被保険者番号", "対象年月", "作成日", "保険者番号"]);
    let report = diff(&old, &new);
    let moved = of_kind(&report, Kind::Moved);
    assert_eq!(moved.len(), 1, "{report}");
    assert_change(moved[0], Class::Breaking, Kind::Moved, "2", "5");
    assert_rule(moved[0], "COLUMN_MOVED", B, B, B);
    assert_eq!(moved[0].new_item.as_ref().map(|i| i.name.as_str()), Some("保険者番号"));
    assert!(of_kind(&report, Kind::Added).is_empty() && of_kind(&report, Kind::Removed).is_empty(), "{report}");
    // The columns that shifted are renumbered, not moved.
    assert!(report.changes.iter().all(|c| c.kind == Kind::Moved || c.attribute == Some("no")), "{report}");
    assert!(report.is_breaking());
    let text = report.to_string();
    assert!(text.contains("  ファイル\n"), "{text}");
    assert!(text.contains("BREAKING    ボディ 02→05 保険者番号: moved: 位置 2 → 5"), "{text}");
    assert!(text.contains("COLUMN_MOVED · breaks sender and receiver · careplan.xlsx [UPTEST] B11"), "{text}");
    assert!(
        text.contains("項番 renumbered: ボディ 03–05 → 02–04 (3 items, 被保険者番号 … 作成日), 02 → 05 保険者番号"),
        "{text}"
    );

    // Two neighbours swapped: one of them moved.
    let swapped = csv_spec(&["CSVバージョン", "被保険者番号", "保険者番号", "対象年月", "作成日"]);
    let report = diff(&old, &swapped);
    assert_eq!(of_kind(&report, Kind::Moved).len(), 1, "{report}");
    assert!(of_kind(&report, Kind::Added).is_empty() && of_kind(&report, Kind::Removed).is_empty(), "{report}");
}

#[test]
fn csv_added_and_removed_columns_break_and_shift_without_moving() {
    let old = csv_spec(&COLUMNS);
    let new = csv_spec(&["CSVバージョン", "保険者番号", "事業所番号", "被保険者番号", "対象年月", "作成日"]);
    let report = diff(&old, &new);
    let added = of_kind(&report, Kind::Added);
    assert_eq!(added.len(), 1, "{report}");
    assert_rule(added[0], "COLUMN_ADDED", B, B, B);
    assert_eq!(added[0].new_item.as_ref().map(|i| (i.name.as_str(), i.position)), Some(("事業所番号", 3)));
    assert!(of_kind(&report, Kind::Moved).is_empty(), "{report}");
    assert!(of_kind(&report, Kind::Removed).is_empty(), "{report}");

    let report = diff(&new, &old);
    let removed = of_kind(&report, Kind::Removed);
    assert_eq!(removed.len(), 1, "{report}");
    assert_rule(removed[0], "COLUMN_REMOVED", B, B, B);
    assert_eq!(removed[0].old_item.as_ref().map(|i| (i.name.as_str(), i.position)), Some(("事業所番号", 3)));
    assert!(of_kind(&report, Kind::Moved).is_empty() && of_kind(&report, Kind::Added).is_empty(), "{report}");

    // Appended at the end: still breaking (the column count changes).
    let appended = csv_spec(&["CSVバージョン", "保険者番号", "被保険者番号", "対象年月", "作成日", "備考"]);
    let report = diff(&old, &appended);
    assert_eq!(report.summary.total, 1, "{report}");
    assert_eq!((report.changes[0].class, report.changes[0].kind), (Class::Breaking, Kind::Added));
}

#[test]
fn csv_another_name_at_the_same_place_is_renamed() {
    let old = csv_spec(&COLUMNS);
    let new = csv_spec(&["CSVバージョン", "保険者番号", "被保険者番号", "提供年月", "作成日"]);
    let report = diff(&old, &new);
    assert_eq!(report.summary.total, 1, "{report}");
    let renamed = &report.changes[0];
    assert_change(renamed, Class::Breaking, Kind::Renamed, "対象年月", "提供年月");
    assert_rule(renamed, "COLUMN_RENAMED", B, B, B);
    assert_eq!(renamed.attribute, Some("name"));
    // Generated as the same field (the naming table maps both names to it): compatible.
    let mut keyed_old = old.clone();
    let mut keyed_new = new.clone();
    for spec in [&mut keyed_old, &mut keyed_new] {
        for (i, item) in spec.interfaces[0].layouts[0].sections[0].items.iter_mut().enumerate() {
            item.key = Some(format!("field_{i}"));
        }
    }
    let report = diff(&keyed_old, &keyed_new);
    assert_eq!(report.summary.total, 1, "{report}");
    assert_change(&report.changes[0], Class::Compatible, Kind::Renamed, "対象年月", "提供年月");
    assert_rule(&report.changes[0], "COLUMN_NAME_CHANGED", C, C, C);
    // Another field name: breaking, twice over.
    keyed_new.interfaces[0].layouts[0].sections[0].items[3].key = Some("service_month".to_owned());
    let report = diff(&keyed_old, &keyed_new);
    assert_eq!(report.summary.breaking, 2, "{report}");
    assert_change(&report.changes[0], Class::Breaking, Kind::Changed, "field_3", "service_month");
    assert_rule(&report.changes[0], "COLUMN_FIELD_RENAMED", B, B, B);
    assert_eq!((report.changes[1].attribute, report.changes[1].kind), (Some("name"), Kind::Renamed));
    // Another place and another name: removed and added.
    let new = csv_spec(&["CSVバージョン", "保険者番号", "被保険者番号", "作成日", "提供年月", "備考"]);
    let report = diff(&old, &new);
    assert_eq!(of_kind(&report, Kind::Removed).len(), 1, "{report}");
    assert_eq!(of_kind(&report, Kind::Added).len(), 2, "{report}");
}

#[test]
fn csv_column_facts_are_compared_like_json_items() {
    let old = csv_spec(&COLUMNS);
    let mut new = csv_spec(&COLUMNS);
    let items = &mut new.interfaces[0].layouts[0].sections[0].items;
    items[2].length = items[2].length.map(|l| ltcip_codegen::model::Length { digits: l.digits - 1, ..l });
    items[4].remarks = Some("作成日を設定する。".to_owned());
    let report = diff(&old, &new);
    assert_eq!(report.summary.total, 2, "{report}");
    assert_change(&report.changes[0], Class::Breaking, Kind::Changed, "6", "5");
    // A file is written by either side: the vendor's class is the worse of the two.
    assert_rule(&report.changes[0], "ITEM_FIXED_DIGITS_CHANGED", B, B, B);
    assert_eq!(report.changes[0].new_item.as_ref().map(|i| i.name.as_str()), Some("被保険者番号"));
    assert_eq!(report.changes[1].class, Class::Compatible);
    assert_eq!(report.changes[1].attribute, Some("remarks"));
}

#[test]
fn csv_the_care_plan_workbook_with_a_column_moved_and_one_removed() {
    use ltcip_fixtures::careplan;
    let old = careplan::files();
    let mut new = old.clone();
    let renumber = |file: &mut careplan::CareplanFile| {
        for (i, row) in file.rows.iter_mut().enumerate() {
            row.no = i as u32 + 1;
        }
    };
    let plan = new.iter_mut().find(|f| f.id == "UPPLAN").expect("UPPLAN");
    let moved = plan.rows.remove(3);
    let moved_name = moved.name;
    plan.rows.insert(6, moved);
    renumber(plan);
    let basic = new.iter_mut().find(|f| f.id == "UPKIHON").expect("UPKIHON");
    let removed_name = basic.rows.remove(5).name;
    renumber(basic);

    let dir = tempfile::tempdir().expect("a temp dir");
    let names = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/careplan-names.toml");
    let mut specs = Vec::new();
    for (sub, files) in [("old", &old), ("new", &new)] {
        let folder = dir.path().join(sub);
        std::fs::create_dir_all(&folder).expect("create");
        std::fs::copy(&names, folder.join("careplan-names.toml")).expect("copy the naming table");
        careplan::render_careplan(files).save(&folder.join("careplan.xlsx")).expect("save");
        specs.push(load(&folder));
    }
    let report = diff(&specs[0], &specs[1]);
    let breaking: Vec<&Change> = report.breaking().collect();
    assert_eq!(breaking.len(), 2, "{report}");
    assert_eq!((breaking[0].interface.as_str(), breaking[0].kind), ("UPKIHON", Kind::Removed), "{report}");
    assert_eq!(breaking[0].old_item.as_ref().map(|i| (i.name.as_str(), i.position)), Some((removed_name, 6)));
    assert_eq!((breaking[1].interface.as_str(), breaking[1].kind), ("UPPLAN", Kind::Moved), "{report}");
    assert_eq!(breaking[1].new_item.as_ref().map(|i| i.name.as_str()), Some(moved_name));
    assert_eq!((breaking[1].old.as_deref(), breaking[1].new.as_deref()), (Some("4"), Some("7")));
    assert!(report.changes.iter().all(|c| c.class == Class::Breaking || c.attribute == Some("no")), "{report}");
    assert!(diff(&specs[0], &specs[0]).is_empty());
}
