//! `ltcip-codegen diff`: pairs of 別紙13 workbooks, one mutated, compared through the library and the
//! CLI; and positional (CSV) matching on hand-built models.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use ltcip_codegen::diag::Location;
use ltcip_codegen::diff::{Change, Class, Kind, Report, Target, diff};
use ltcip_codegen::model::{Direction, Interface, Item, Layout, Section, SectionKind, Spec, WireFormat};
use ltcip_fixtures::besshi13::{self, InterfaceDef, Row};
use ltcip_fixtures::{Style, render};

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

// ---------------------------------------------------------------------------------------------------
// Library

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
}

#[test]
fn a_renamed_key_is_reported_as_renamed_and_breaking() {
    let report = compare(|defs| row(defs, J, RES, "care_insurer_number", true).key = "insured_number");
    let renamed = attribute(&report, J, Direction::Response, "insured_number", "key");
    assert_change(renamed, Class::Breaking, Kind::Renamed, "care_insurer_number", "insured_number");
    assert_eq!(renamed.old_item.as_ref().map(|i| i.path.as_str()), Some("body/care_insurer_number"));
    assert_eq!(renamed.new_item.as_ref().map(|i| i.path.as_str()), Some("body/insured_number"));
    assert_eq!(renamed.new_item.as_ref().map(|i| i.no.as_str()), Some("09"));
    assert_eq!(report.summary.total, 1, "{report}");
    let text = report.to_string();
    assert!(
        text.contains("BREAKING    ボディ 09 介護保険被保険者番号 [body/care_insurer_number → body/insured_number]: renamed: 項目 care_insurer_number → insured_number"),
        "{text}"
    );
}

#[test]
fn lengths_lowered_or_fixed_break_and_raised_variable_lengths_do_not() {
    let report = compare(|defs| {
        row(defs, J, RES, "result_detail", false).digits = "300";
        row(defs, J, RES, "record_num", false).digits = "5";
        row(defs, J, RES, "file_if_id", false).digits = "10";
        row(defs, J, RES, "result", false).length_kind = "固定長";
        row(defs, Q, RES, "result", false).length_kind = "可変長";
    });
    let r = Direction::Response;
    assert_change(attribute(&report, J, r, "result_detail", "digits"), Class::Compatible, Kind::Changed, "150", "300");
    assert_change(attribute(&report, J, r, "record_num", "digits"), Class::Breaking, Kind::Changed, "7", "5");
    assert_change(attribute(&report, J, r, "file_if_id", "digits"), Class::Breaking, Kind::Changed, "9", "10");
    let kind = attribute(&report, J, r, "result", "length_kind");
    assert_change(kind, Class::Breaking, Kind::Changed, "可変長", "固定長");
    let kind = attribute(&report, Q, r, "result", "length_kind");
    assert_change(kind, Class::Compatible, Kind::Changed, "固定長", "可変長");
    assert_eq!(report.summary, ltcip_codegen::diff::Summary { breaking: 3, compatible: 2, total: 5 });
    assert!(report.is_breaking());
}

#[test]
fn items_added_and_removed() {
    let report = compare(|defs| {
        // An optional item in a request: struct literals that build it stop compiling.
        let request = layout(defs, J, REQ);
        let next = request.body.len();
        insert(&mut request.body, next, optional_row("note", "備考欄", vec![3], 0));
        // An optional item in a response, in the middle: everything after it is renumbered.
        let response = layout(defs, J, RES);
        insert(&mut response.body, 2, optional_row("insured_name", "被保険者氏名", vec![3], 0));
        // A required item in the response's records.
        let next = response.body.len();
        insert(&mut response.body, next, optional_row("office_number", "事業所番号", vec![8, 6], 1));
        // An item removed.
        layout(defs, Q, RES).body.retain(|r| r.key != "presigned_url");
    });
    let added = changes(&report, J, Direction::Request, "note");
    assert_eq!(added.len(), 1, "{report}");
    assert_eq!((added[0].class, added[0].kind), (Class::Breaking, Kind::Added));
    assert_eq!(added[0].new.as_deref(), Some("全半角文字 · 20桁 · 可変長 · 出現回数 0..1"));

    let added = changes(&report, J, Direction::Response, "insured_name");
    assert_eq!(added.len(), 1, "{report}");
    assert_eq!((added[0].class, added[0].kind), (Class::Compatible, Kind::Added));
    assert_eq!(added[0].new_item.as_ref().map(|i| i.no.as_str()), Some("03"));

    let added = changes(&report, J, Direction::Response, "office_number");
    assert_eq!(added.len(), 1, "{report}");
    assert_eq!((added[0].class, added[0].kind), (Class::Breaking, Kind::Added));
    assert_eq!(added[0].new_item.as_ref().map(|i| i.path.as_str()), Some("body/office_number"));

    let removed = changes(&report, Q, Direction::Response, "presigned_url");
    assert_eq!(removed.len(), 1, "{report}");
    assert_eq!((removed[0].class, removed[0].kind), (Class::Breaking, Kind::Removed));
    assert_eq!(removed[0].old.as_deref(), Some("半角英数字 · 200桁 · 可変長 · 出現回数 0..1"));

    // The items after the insertion are matched by key: renumbered, not removed and added.
    let renumbered = attribute(&report, J, Direction::Response, "result", "no");
    assert_change(renumbered, Class::Compatible, Kind::Changed, "03", "04");
    let nested = attribute(&report, J, Direction::Response, "care_insurance_end_date", "no");
    assert_change(nested, Class::Compatible, Kind::Changed, "11", "12");
    let added_or_removed = report.changes.iter().filter(|c| matches!(c.kind, Kind::Added | Kind::Removed)).count();
    assert_eq!(added_or_removed, 4, "{report}");

    let text = report.to_string();
    for line in [
        "BREAKING    ボディ 03 備考欄 [note]: added (全半角文字 · 20桁 · 可変長 · 出現回数 0..1)",
        "compatible  ボディ 03 被保険者氏名 [insured_name]: added",
        "BREAKING    ボディ 04 署名付きURL [presigned_url]: removed",
        "compatible  項番 renumbered: ボディ 03–12 → 04–13 (10 items, 取得結果 … 介護被保険者証利用停止解除日)",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}

#[test]
fn occurrence_changes() {
    let report = compare(|defs| {
        let request = row(defs, J, REQ, "care_insurer_number", false);
        request.min = 1;
        row(defs, J, RES, "file_if_id", false).min = 0;
        row(defs, J, RES, "body", false).max = 99;
    });
    let request = attribute(&report, J, Direction::Request, "care_insurer_number", "occurs");
    assert_change(request, Class::Breaking, Kind::Changed, "0..1", "1..1");
    assert!(request.reason.contains("最小 0 → 1"), "{}", request.reason);
    let optional = attribute(&report, J, Direction::Response, "file_if_id", "occurs");
    assert_change(optional, Class::Breaking, Kind::Changed, "1..1", "0..1");
    assert!(optional.reason.contains("Option<value>"), "{}", optional.reason);
    let list = attribute(&report, J, Direction::Response, "body", "occurs");
    assert_change(list, Class::Compatible, Kind::Changed, "1..1", "1..99");
}

#[test]
fn code_lists_read_from_remarks() {
    let report = compare(|defs| {
        row(defs, Q, RES, "result", false).remarks = "「成功」もしくは「失敗」もしくは「保留」を設定する。";
        row(defs, J, RES, "result", false).remarks = "「成功」もしくは「エラー」を設定する。";
        row(defs, J, RES, "care_insurance_status", true).remarks = "「1」又は「2」を設定する。";
    });
    let r = Direction::Response;
    let added = attribute(&report, Q, r, "result", "codes");
    assert_change(added, Class::Compatible, Kind::Changed, "「成功」「失敗」", "「成功」「失敗」「保留」");
    let removed = attribute(&report, J, r, "result", "codes");
    assert_change(removed, Class::Breaking, Kind::Changed, "「成功」「失敗」", "「成功」「エラー」");
    assert!(removed.reason.contains("「失敗」 removed"), "{}", removed.reason);
    let new_list = attribute(&report, J, r, "care_insurance_status", "codes");
    assert_change(new_list, Class::Breaking, Kind::Changed, "-", "「1」「2」");
    // The remarks themselves are text: compatible.
    let remarks = attribute(&report, Q, r, "result", "remarks");
    assert_eq!(remarks.class, Class::Compatible);
    assert_eq!(remarks.old.as_deref(), Some("\"「成功」もしくは「失敗」を設定する。\""));
    assert_eq!(report.breaking().count(), 2, "{report}");
}

#[test]
fn data_type_changes() {
    let report = compare(|defs| {
        row(defs, Q, RES, "presigned_url", false).data_type = "半角文字";
        row(defs, J, RES, "care_insurance_end_date", true).data_type = "半角数字";
        row(defs, J, RES, "care_insurance_status", true).data_type = "全角文字";
        row(defs, J, RES, "result_detail", false).data_type = "全角文字";
    });
    let r = Direction::Response;
    let wider = attribute(&report, Q, r, "presigned_url", "data_type");
    assert_change(wider, Class::Compatible, Kind::Changed, "半角英数字", "半角文字");
    let narrower = attribute(&report, J, r, "care_insurance_end_date", "data_type");
    assert_change(narrower, Class::Breaking, Kind::Changed, "半角文字", "半角数字");
    let unrelated = attribute(&report, J, r, "care_insurance_status", "data_type");
    assert_change(unrelated, Class::Breaking, Kind::Changed, "半角数字", "全角文字");
    let narrower = attribute(&report, J, r, "result_detail", "data_type");
    assert_change(narrower, Class::Breaking, Kind::Changed, "全半角文字", "全角文字");
}

#[test]
fn interfaces_removed_break_and_added_do_not() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let both = load(&save(&besshi13::interfaces(), dir.path(), "both"));
    let mut defs = besshi13::interfaces();
    defs.retain(|i| i.id != Q);
    let one = load(&save(&defs, dir.path(), "one"));

    let removed = diff(&both, &one);
    assert_eq!(removed.summary.total, 1, "{removed}");
    let change = &removed.changes[0];
    assert_eq!((change.class, change.kind, change.target), (Class::Breaking, Kind::Removed, Target::Interface));
    assert_eq!(change.interface, Q);
    assert!(removed.to_string().contains("BREAKING    interface removed (リクエスト, レスポンス)"), "{removed}");

    let added = diff(&one, &both);
    assert_eq!(added.summary.total, 1, "{added}");
    let change = &added.changes[0];
    assert_eq!((change.class, change.kind, change.target), (Class::Compatible, Kind::Added, Target::Interface));
    assert!(!added.is_breaking());
}

#[test]
fn a_layout_removed_breaks() {
    let report =
        compare(|defs| defs.iter_mut().find(|i| i.id == Q).expect("interface").layouts.retain(|l| l.direction != REQ));
    assert_eq!(report.summary.total, 1, "{report}");
    let change = &report.changes[0];
    assert_eq!((change.class, change.kind, change.target), (Class::Breaking, Kind::Removed, Target::Layout));
    assert_eq!(change.direction, Some(Direction::Request));
}

// ---------------------------------------------------------------------------------------------------
// CLI

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ltcip-codegen")).arg("diff").args(args).output().expect("the CLI runs")
}

fn out(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

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
    assert!(text.contains("1 breaking, 1 compatible"), "{text}");
    assert!(text.contains("BREAKING    ボディ 06 レコード件数 [record_num]: 桁数 7 → 5"), "{text}");
    assert!(text.contains("compatible  ボディ 04 処理結果詳細(要求) [result_detail]: 桁数 150 → 300"), "{text}");

    // Reversed, the raise becomes a lowering.
    let reversed = run(&[changed.as_os_str(), old.as_os_str()]);
    assert_eq!(reversed.status.code(), Some(1));
    assert!(out(&reversed).contains("BREAKING    ボディ 04 処理結果詳細(要求) [result_detail]: 桁数 300 → 150"));

    let args = [old.as_os_str(), changed.as_os_str(), "--format".as_ref(), "json".as_ref()];
    let json = run(&args);
    assert_eq!(json.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_str(&out(&json)).expect("the output is JSON");
    assert_eq!(value["summary"]["breaking"], 1);
    assert_eq!(value["summary"]["compatible"], 1);
    assert_eq!(value["summary"]["total"], 2);
    let first = &value["changes"][0];
    assert_eq!(first["class"], "compatible");
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
    assert_eq!(value["changes"][1]["class"], "breaking");
    // Stable: the same inputs give the same bytes.
    assert_eq!(run(&args).stdout, json.stdout);

    let same_json = run(&[old.as_os_str(), same.as_os_str(), "--format".as_ref(), "json".as_ref()]);
    assert_eq!(same_json.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_str(&out(&same_json)).expect("JSON");
    assert_eq!(value["summary"]["total"], 0);
}

#[test]
fn cli_compatible_changes_exit_zero_with_a_folders_overrides_applied() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let old = save(&besshi13::interfaces(), dir.path(), "old");
    let new = save(&besshi13::interfaces(), dir.path(), "new");
    let overrides = "[[item]]\nlayout = \"IF-I6-01-04-01 レスポンス\"\npath = \"presigned_url\"\n\
                     data_type = \"半角文字\"\nreason = \"A URL needs ':' and '/'.\"\n";
    std::fs::write(new.join("overrides.toml"), overrides).expect("write");
    let output = run(&[old.as_os_str(), new.as_os_str()]);
    let text = out(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("0 breaking, 2 compatible"), "{text}");
    assert!(
        text.contains("compatible  ボディ 04 署名付きURL [presigned_url]: データ型 半角英数字 → 半角文字"),
        "{text}"
    );
    assert!(text.contains("compatible  ボディ 04 署名付きURL [presigned_url]: 補正 - → "), "{text}");
    assert!(text.contains("new: besshi13.xlsx, overrides.toml"), "{text}");
}

#[test]
fn cli_errors_exit_two_with_diagnostics() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let good = save(&besshi13::interfaces(), dir.path(), "good");
    let missing = dir.path().join("missing.xlsx");
    let output = run(&[good.as_os_str(), missing.as_os_str()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing.xlsx"), "{output:?}");

    let garbage = dir.path().join("garbage.xlsx");
    std::fs::write(&garbage, b"not a workbook").expect("write");
    let output = run(&[garbage.as_os_str(), good.as_os_str()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("garbage.xlsx") && stderr.contains("error"), "{stderr}");
    assert!(output.stdout.is_empty());

    let stale = dir.path().join("stale");
    std::fs::create_dir(&stale).expect("create");
    render(&besshi13::interfaces(), &Style::published()).save(&stale.join("besshi13.xlsx")).expect("save");
    std::fs::write(
        stale.join("overrides.toml"),
        "[[item]]\nlayout = \"IF-X リクエスト\"\npath = \"x\"\nmin = 1\nreason = \"r\"\n",
    )
    .expect("write");
    let output = run(&[good.as_os_str(), stale.as_os_str()]);
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
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
    assert_eq!(moved[0].new_item.as_ref().map(|i| i.name.as_str()), Some("保険者番号"));
    assert!(of_kind(&report, Kind::Added).is_empty() && of_kind(&report, Kind::Removed).is_empty(), "{report}");
    // The columns that shifted are renumbered, not moved.
    assert!(report.changes.iter().all(|c| c.kind == Kind::Moved || c.attribute == Some("no")), "{report}");
    assert!(report.is_breaking());
    let text = report.to_string();
    assert!(text.contains("  ファイル\n"), "{text}");
    assert!(text.contains("BREAKING    ボディ 02→05 保険者番号: moved: 位置 2 → 5"), "{text}");
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
    assert_eq!(added[0].class, Class::Breaking);
    assert_eq!(added[0].new_item.as_ref().map(|i| (i.name.as_str(), i.position)), Some(("事業所番号", 3)));
    assert!(of_kind(&report, Kind::Moved).is_empty(), "{report}");
    assert!(of_kind(&report, Kind::Removed).is_empty(), "{report}");

    let report = diff(&new, &old);
    let removed = of_kind(&report, Kind::Removed);
    assert_eq!(removed.len(), 1, "{report}");
    assert_eq!(removed[0].class, Class::Breaking);
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
    // Another field name: breaking, twice over.
    keyed_new.interfaces[0].layouts[0].sections[0].items[3].key = Some("service_month".to_owned());
    let report = diff(&keyed_old, &keyed_new);
    assert_eq!(report.summary.breaking, 2, "{report}");
    assert_change(&report.changes[0], Class::Breaking, Kind::Changed, "field_3", "service_month");
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
