//! Care-plan workbooks as the annex may print them: without a ファイルID row (the ID is then the first
//! segment of the ファイル名 rule), with the title block running straight into the item table, with
//! title values printed two or three columns right of their keys, and with CSVバージョン stated only in
//! the 書式 of item 1. Each is put beside the other specs in place of `specs/careplan-4.1.xlsx` and must
//! generate what the checked-in workbook generates (docs' cell references aside), with `diff` finding
//! no change.

use std::path::{Path, PathBuf};

use ltcip_codegen::diag::Severity;
use ltcip_codegen::model::Spec;
use ltcip_codegen::{diff, emit, output};
use ltcip_fixtures::careplan::{CareplanStyle, files, render_careplan_styled};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A copy of `specs/` with the care-plan workbook rendered in `style`.
fn specs_with(style: &CareplanStyle) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for entry in std::fs::read_dir(repo().join("specs")).expect("specs/") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().expect("a name").to_owned();
        if name != "careplan-4.1.xlsx" && path.is_file() {
            std::fs::copy(&path, dir.path().join(name)).expect("copied");
        }
    }
    render_careplan_styled(&files(), style).save(&dir.path().join("careplan-4.1.xlsx")).expect("saved");
    dir
}

/// The generated crate's files, each without its header (which names the workbooks' hashes) and with
/// every workbook cell reference (`[UPPLAN] B12`) blanked: where a row sits is all a layout may change.
fn code(paths: &[PathBuf]) -> (Spec, Vec<(String, String)>) {
    let (spec, modules, diagnostics) = ltcip_codegen::modules(paths).unwrap_or_else(|e| panic!("{e}"));
    assert!(!diagnostics.has_errors());
    let files = output::crate_files(&spec, &modules).expect("formatted");
    let cell = regex_free_cell_blanker;
    let texts = files
        .into_iter()
        .map(|(path, text)| {
            let text: String = text
                .lines()
                .filter(|line| !line.starts_with("//") || line.starts_with("//!"))
                .filter(|line| !line.contains("(sha256 ") && !line.contains("(SHA-256 "))
                .map(cell)
                .collect::<Vec<_>>()
                .join("\n");
            (path.display().to_string(), text)
        })
        .collect();
    (spec, texts)
}

/// `… [UPPLAN] B12` → `… [UPPLAN] _`.
fn regex_free_cell_blanker(line: &str) -> String {
    let Some(at) = line.find("] ") else { return line.to_owned() };
    let (head, tail) = line.split_at(at + 2);
    let cell_len = tail.chars().take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit()).count();
    let is_cell = cell_len >= 2 && tail[..cell_len].chars().any(|c| c.is_ascii_digit());
    if is_cell { format!("{head}_{}", regex_free_cell_blanker(&tail[cell_len..])) } else { line.to_owned() }
}

fn published() -> &'static (Spec, Vec<(String, String)>) {
    static PUBLISHED: std::sync::OnceLock<(Spec, Vec<(String, String)>)> = std::sync::OnceLock::new();
    PUBLISHED.get_or_init(|| code(&[repo().join("specs")]))
}

fn assert_generates_the_same(style: CareplanStyle) {
    let dir = specs_with(&style);
    let (spec, texts) = code(&[dir.path().to_path_buf()]);
    let (published_spec, published_texts) = published();
    assert_eq!(texts.len(), published_texts.len(), "{style:?}");
    for ((path, text), (_, expected)) in texts.iter().zip(published_texts) {
        assert!(text == expected, "{style:?}: {path} differs:\n{}", first_difference(text, expected));
    }
    let report = diff::diff(published_spec, &spec);
    assert!(report.is_empty(), "{style:?}: diff finds changes:\n{report}");
}

fn first_difference(a: &str, b: &str) -> String {
    a.lines()
        .zip(b.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y)
        .map_or_else(|| "(lengths differ)".to_owned(), |(n, (x, y))| format!("line {}:\n  {x}\n  {y}", n + 1))
}

#[test]
fn without_a_file_id_row_the_file_name_rule_gives_the_id() {
    assert_generates_the_same(CareplanStyle { file_id_row: false, ..CareplanStyle::default() });
}

#[test]
fn a_title_block_running_straight_into_its_table() {
    assert_generates_the_same(CareplanStyle { gap_before_table: false, ..CareplanStyle::default() });
    assert_generates_the_same(CareplanStyle {
        gap_before_table: false,
        file_id_row: false,
        ..CareplanStyle::default()
    });
}

#[test]
fn title_values_printed_columns_right_of_their_keys() {
    for offset in [2, 3] {
        assert_generates_the_same(CareplanStyle { value_offset: offset, ..CareplanStyle::default() });
    }
    assert_generates_the_same(CareplanStyle {
        value_offset: 2,
        file_id_row: false,
        gap_before_table: false,
        version_in_title: true,
    });
}

/// No CSVバージョン row: item 1's 書式 「202407」を固定でセット gives the version, and the item is fixed to it.
#[test]
fn the_csv_version_from_the_notation_of_item_1() {
    let dir = specs_with(&CareplanStyle { version_in_title: false, ..CareplanStyle::default() });
    let (spec, diagnostics) = ltcip_codegen::load(&[dir.path().to_path_buf()]);
    assert!(!diagnostics.has_errors(), "{diagnostics}");
    let files: Vec<_> = spec.interfaces.iter().flat_map(|i| &i.layouts).filter(|l| l.file.is_some()).collect();
    assert!(files.len() >= 17);
    for layout in files.iter().filter(|l| l.interface_id.starts_with("UP") || l.interface_id.starts_with("DLT")) {
        assert_eq!(layout.version(), Some("202407"), "{}", layout.title());
        let first = &layout.sections[0].items[0];
        assert_eq!((first.name.as_str(), first.rules.fixed.as_deref()), ("CSVバージョン", Some("202407")));
    }
    let modules = emit::modules(&spec, &mut ltcip_codegen::diag::Diagnostics::default());
    let upplan = modules.iter().find(|m| m.name == "upplan").expect("upplan");
    let text = emit::format_items(&upplan.items).expect("formatted");
    assert!(text.contains(r#"pub const CSV_VERSION: &str = "202407";"#), "{text}");
}

/// Neither a CSVバージョン row nor a 書式 that fixes it: an error at item 1 that says where to put it.
#[test]
fn a_csv_version_stated_nowhere_says_where_to_put_it() {
    let mut book =
        render_careplan_styled(&files(), &CareplanStyle { version_in_title: false, ..CareplanStyle::default() });
    let sheet = book.sheets.iter_mut().find(|s| s.name == "UPPLAN").expect("UPPLAN");
    let (&at, _) = sheet
        .cells
        .iter()
        .find(|(_, v)| matches!(v, ltcip_fixtures::Value::Text(t) if t.contains("を固定でセット") && t.contains("202407")))
        .expect("the 書式 of item 1");
    sheet.put(at.0, at.1, "YYYYMM");
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("careplan.xlsx");
    book.save(&path).expect("saved");
    let read = ltcip_codegen::read::read_paths(&[path]);
    let errors: Vec<String> =
        read.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.message.clone()).collect();
    assert_eq!(
        errors,
        [
            "the CSVバージョン of UPPLAN is stated nowhere: write it in the title block (a CSVバージョン key with the value beside it, e.g. 202407) or in the 書式 of item 1 CSVバージョン (「202407」を固定でセット)"
        ]
    );
}
