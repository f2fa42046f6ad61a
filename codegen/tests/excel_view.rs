//! Workbooks read as Excel shows them (issue 18): a formula cell without a stored result is named
//! rather than read as empty; hidden sheets, hidden rows and rows struck through (見え消し) are not read,
//! each with a finding naming it; the interface list reads past empty ID cells (an ods copy, or IDs not
//! merged); a date cell where text is due says what to write. Each workbook is written byte by byte
//! (`support/raw.rs`), as xlsx or ods, read as `ltcip-codegen` reads a folder, and checked for its
//! findings (file, sheet, cell, message) and its model. A reading that panics fails the test.

#[path = "support/raw.rs"]
mod raw;

use std::panic::{AssertUnwindSafe, catch_unwind};

use ltcip_codegen::diag::Severity;
use ltcip_codegen::model::{DataType, Direction, Item, Spec};
use raw::{Book, Cell, Sheet};

// ---------------------------------------------------------------------------------------------
// The harness.

struct Outcome {
    /// Every diagnostic as printed, the temporary folder left out (`x.xlsx [sheet] A1: ...`).
    diagnostics: Vec<String>,
    spec: Spec,
    /// The interfaces as debug text, the temporary folder left out.
    model: String,
}

impl Outcome {
    fn of(&self, severity: Severity) -> Vec<String> {
        let tag = format!(": {severity}: ");
        self.diagnostics.iter().filter(|d| d.contains(&tag)).cloned().collect()
    }

    fn errors(&self) -> Vec<String> {
        self.of(Severity::Error)
    }

    fn ids(&self) -> Vec<&str> {
        self.spec.interfaces.iter().map(|i| i.id.as_str()).collect()
    }

    fn items(&self, id: &str, direction: Direction) -> Vec<&Item> {
        self.spec
            .interfaces
            .iter()
            .find(|i| i.id == id)
            .and_then(|i| i.layouts.iter().find(|l| l.direction == direction))
            .unwrap_or_else(|| panic!("no layout {id} {direction}; {:#?}", self.diagnostics))
            .sections
            .iter()
            .flat_map(|s| &s.items)
            .flat_map(Item::walk)
            .collect()
    }

    fn keys(&self, id: &str, direction: Direction) -> Vec<&str> {
        self.items(id, direction).iter().filter_map(|i| i.key.as_deref()).collect()
    }
}

/// Writes `bytes` as `name` in a fresh folder and reads the folder as the reader does.
fn read(case: &str, name: &str, bytes: &[u8]) -> Outcome {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(dir.path().join(name), bytes).expect("write");
    let folder = dir.path().to_path_buf();
    let read = catch_unwind(AssertUnwindSafe(|| ltcip_codegen::read::read_paths(std::slice::from_ref(&folder))))
        .unwrap_or_else(|_| panic!("case {case:?}: reading panicked"));
    let prefix = format!("{}{}", folder.display(), std::path::MAIN_SEPARATOR);
    let diagnostics = read.diagnostics.iter().map(|d| d.to_string().replace(&prefix, "")).collect();
    let model = format!("{:?}", read.spec.interfaces).replace(&prefix, "");
    Outcome { diagnostics, spec: read.spec, model }
}

fn read_xlsx(case: &str, book: &Book) -> Outcome {
    read(case, "x.xlsx", &book.xlsx())
}

fn read_ods(case: &str, book: &Book) -> Outcome {
    read(case, "x.ods", &book.ods())
}

// ---------------------------------------------------------------------------------------------
// Layouts written cell by cell.

/// One item row in columns A to K: 項番, 階層レベル 1, 2 and 3, 項目名, 項目, 最小出現回数,
/// 最大出現回数, データ型, 桁数, 可変長/固定長 (`""` leaves the cell empty).
type ItemRow = [&'static str; 11];

const HEADINGS: ItemRow = [
    "項番",
    "階層レベル",
    "",
    "",
    "項目名",
    "項目",
    "最小出現回数",
    "最大出現回数",
    "データ型",
    "桁数",
    "可変長/固定長",
];

const ID: &str = "IF-T-01";
const SHEET: &str = "IF-T-01_レスポンス";

/// A JSON layout from the top of `sheet`: the title block (keys in row 1, values in row 2, in
/// columns A, C, E and G), a blank row, the heading in row 4 (階層レベル over B:D) and the items from
/// row 5.
fn layout(sheet: &mut Sheet, id: &str, direction: &str, rows: &[ItemRow]) {
    let name = interface_name(id);
    let mut texts = vec![
        vec!["外部インタフェース名", "", "外部IF_ID", "", "送受信種別", "", "形式"],
        vec![name.as_str(), "", id, "", direction, "", "JSON"],
        vec![],
        HEADINGS.to_vec(),
    ];
    texts.extend(rows.iter().map(|r| r.to_vec()));
    sheet.texts(0, &texts);
    sheet.merges.push("B4:D4".to_owned());
}

/// The 外部インタフェース名 of the layouts written here.
fn interface_name(id: &str) -> String {
    format!("テスト用インタフェース{}", id.rsplit('-').next().unwrap_or_default())
}

/// Three plain items and a リスト with two members (rows 5 to 10).
fn base_rows() -> Vec<ItemRow> {
    vec![
        ["01", "1", "", "", "介護保険者番号", "insurer_number", "1", "1", "半角数字", "6", "固定長"],
        ["02", "2", "", "", "取得結果", "result", "1", "1", "全角文字", "2", "可変長"],
        ["03", "3", "", "", "レコード件数", "record_num", "1", "1", "半角数字", "6", "可変長"],
        ["04", "4", "", "", "ボディ部", "body", "1", "1", "リスト", "", ""],
        ["05", "4", "1", "", "被保険者番号", "insured_number", "1", "1", "半角数字", "10", "固定長"],
        ["06", "4", "2", "", "氏名", "name", "0", "1", "全角文字", "50", "可変長"],
    ]
}

const BASE_KEYS: [&str; 6] = ["insurer_number", "result", "record_num", "body", "insured_number", "name"];

/// The base items with a stale, required `old_status` (03) in row 7, the items below renumbered.
fn rows_with_old_status() -> Vec<ItemRow> {
    vec![
        ["01", "1", "", "", "介護保険者番号", "insurer_number", "1", "1", "半角数字", "6", "固定長"],
        ["02", "2", "", "", "取得結果", "result", "1", "1", "全角文字", "2", "可変長"],
        ["03", "3", "", "", "旧ステータス", "old_status", "1", "1", "半角数字", "1", "固定長"],
        ["04", "4", "", "", "レコード件数", "record_num", "1", "1", "半角数字", "6", "可変長"],
        ["05", "5", "", "", "ボディ部", "body", "1", "1", "リスト", "", ""],
        ["06", "5", "1", "", "被保険者番号", "insured_number", "1", "1", "半角数字", "10", "固定長"],
        ["07", "5", "2", "", "氏名", "name", "0", "1", "全角文字", "50", "可変長"],
    ]
}

/// The row (0-based) of `old_status`.
const OLD_ROW: u32 = 6;

/// A response of IF-T-01 on its own sheet.
fn response(rows: &[ItemRow]) -> Book {
    let mut book = Book::default();
    layout(book.sheet(SHEET), ID, "レスポンス", rows);
    book
}

/// What every formula finding ends with.
const SAVE: &str = "with no stored result: open and save the workbook in Excel or LibreOffice";

// ---------------------------------------------------------------------------------------------
// Control.

#[test]
fn control_the_base_layout_reads_without_findings_in_both_formats() {
    for (format, outcome) in
        [("xlsx", read_xlsx("control", &response(&base_rows()))), ("ods", read_ods("control", &response(&base_rows())))]
    {
        assert_eq!(outcome.diagnostics, Vec::<String>::new(), "{format}");
        assert_eq!(outcome.keys(ID, Direction::Response), BASE_KEYS, "{format}");
    }
    let outcome = read_xlsx("control with old_status", &response(&rows_with_old_status()));
    assert_eq!(outcome.diagnostics, Vec::<String>::new());
    assert!(outcome.keys(ID, Direction::Response).contains(&"old_status"), "shown, it is an item");
}

// ---------------------------------------------------------------------------------------------
// Formulas without a stored result. Before: each read as an empty cell, silently.

#[test]
fn length_formula_without_a_result_is_named() {
    // Before: 01 had no length rule.
    let mut book = response(&base_rows());
    book.sheets[0].at("J5", Cell::Formula("=5*2".into()));
    let outcome = read_xlsx("桁数 =5*2", &book);
    assert_eq!(
        outcome.diagnostics,
        [format!("x.xlsx [IF-T-01_レスポンス] J5: error: the cell holds the formula =5*2 {SAVE}")]
    );
}

#[test]
fn data_type_formula_without_a_result_is_named() {
    // Before: 02 had no character rule.
    let mut book = response(&base_rows());
    book.sheets[0].at("I6", Cell::Formula(r#"="全角"&"文字""#.into()));
    let outcome = read_xlsx("データ型 formula", &book);
    assert_eq!(
        outcome.diagnostics,
        [format!(r#"x.xlsx [IF-T-01_レスポンス] I6: error: the cell holds the formula ="全角"&"文字" {SAVE}"#)]
    );
}

#[test]
fn required_mark_formula_without_a_result_is_named() {
    // Before: the item read as optional (a blank 必須).
    let mut book = Book::default();
    book.sheet(SHEET).texts(
        0,
        &[
            vec!["外部インタフェース名", "外部IF_ID", "送受信種別", "形式"],
            vec!["テスト用インタフェース", ID, "レスポンス", "JSON"],
            vec![],
            vec!["項番", "項目名", "項目", "必須", "データ型", "桁数"],
            vec!["01", "介護保険者番号", "insurer_number", "○", "半角数字", "6"],
            vec!["02", "取得結果", "result", "", "全角文字", "2"],
        ],
    );
    book.sheets[0].at("D6", Cell::Formula(r#"="○""#.into()));
    let outcome = read_xlsx("必須 =\"○\"", &book);
    assert_eq!(
        outcome.errors(),
        [format!(r#"x.xlsx [IF-T-01_レスポンス] D6: error: the cell holds the formula ="○" {SAVE}"#)]
    );
}

#[test]
fn heading_formula_without_a_result_is_named() {
    // Before: only `no layout table follows the title block`, naming no cell of the heading.
    let mut book = response(&base_rows());
    book.sheets[0].at("E4", Cell::Formula(r#"="項目名""#.into()));
    let outcome = read_xlsx("項目名 heading formula", &book);
    assert_eq!(
        outcome.errors(),
        [
            format!(r#"x.xlsx [IF-T-01_レスポンス] E4: error: the cell holds the formula ="項目名" {SAVE}"#),
            "x.xlsx [IF-T-01_レスポンス] C2: error: no layout table follows the title block of IF-T-01 レスポンス (a heading row with 項番, 項目名 and another known column)".to_owned(),
        ]
    );
}

#[test]
fn formula_without_a_result_in_an_ods() {
    let mut book = response(&base_rows());
    book.sheets[0].at("J5", Cell::Formula("=5*2".into()));
    let outcome = read_ods("ods 桁数 =5*2", &book);
    assert_eq!(
        outcome.diagnostics,
        [format!("x.ods [IF-T-01_レスポンス] J5: error: the cell holds the formula =5*2 {SAVE}")]
    );
}

#[test]
fn formulas_with_stored_results_read_as_their_values() {
    // A formula whose stored result is the empty string is an empty cell, as Excel shows it.
    let mut book = response(&base_rows());
    book.sheets[0]
        .at("J5", Cell::Cached("=5*2".into(), "10".into()))
        .at("M1", Cell::Cached(r#"="""#.into(), String::new()));
    for (format, outcome) in [("xlsx", read_xlsx("cached", &book)), ("ods", read_ods("cached", &book))] {
        assert_eq!(outcome.diagnostics, Vec::<String>::new(), "{format}");
        let items = outcome.items(ID, Direction::Response);
        assert_eq!(items[0].length.map(|l| l.digits), Some(10), "{format}");
    }
}

#[test]
fn many_formulas_without_results_are_named_then_counted() {
    let mut book = response(&base_rows());
    for row in 0..25 {
        book.sheets[0].put(row, 12, Cell::Formula(format!("=ROW()*{row}")));
    }
    let outcome = read_xlsx("25 formulas", &book);
    let errors = outcome.errors();
    assert_eq!(errors.len(), 21, "{errors:#?}");
    assert_eq!(errors[0], format!("x.xlsx [IF-T-01_レスポンス] M1: error: the cell holds the formula =ROW()*0 {SAVE}"));
    assert_eq!(
        errors[20],
        "x.xlsx [IF-T-01_レスポンス]: error: 5 more cells hold formulas with no stored result: open and save the workbook in Excel or LibreOffice"
    );
}

// ---------------------------------------------------------------------------------------------
// Hidden rows. Before: read as live content; a hidden stale `old_status` (1..1) made every valid
// payload fail.

#[test]
fn a_hidden_stale_row_is_not_an_item() {
    let mut book = response(&rows_with_old_status());
    book.sheets[0].hide_row(OLD_ROW);
    for (format, outcome) in
        [("xlsx", read_xlsx("hidden old_status", &book)), ("ods", read_ods("hidden old_status", &book))]
    {
        assert_eq!(
            outcome.diagnostics,
            [format!(
                "x.{format} [IF-T-01_レスポンス] A7: note: the row is hidden, so item 03 旧ステータス (old_status) is not read"
            )],
            "{format}"
        );
        assert_eq!(outcome.keys(ID, Direction::Response), BASE_KEYS, "{format}");
    }
}

#[test]
fn a_hidden_row_outside_any_table_is_a_note() {
    let mut book = response(&base_rows());
    book.sheets[0].put(12, 0, Cell::Text("旧版の注記".into())).hide_row(12);
    let outcome = read_xlsx("hidden note row", &book);
    assert_eq!(
        outcome.diagnostics,
        [r#"x.xlsx [IF-T-01_レスポンス] A13: note: the row is hidden, so the row ("旧版の注記"…) is not read"#]
    );
}

// ---------------------------------------------------------------------------------------------
// Rows struck through (見え消し). Before: read as live items.

#[test]
fn a_struck_through_row_is_not_an_item() {
    let mut book = response(&rows_with_old_status());
    book.sheets[0].strike_row(OLD_ROW);
    for (format, outcome) in
        [("xlsx", read_xlsx("struck old_status", &book)), ("ods", read_ods("struck old_status", &book))]
    {
        assert_eq!(
            outcome.diagnostics,
            [format!(
                "x.{format} [IF-T-01_レスポンス] A7: note: the row is struck through (見え消し), so item 03 旧ステータス (old_status) is not read"
            )],
            "{format}"
        );
        assert_eq!(outcome.keys(ID, Direction::Response), BASE_KEYS, "{format}");
    }
}

#[test]
fn a_row_whose_name_alone_is_struck_through_is_deleted() {
    let mut book = response(&rows_with_old_status());
    book.sheets[0].at("E7", Cell::Struck("旧ステータス".into()));
    let outcome = read_xlsx("struck 項目名", &book);
    assert_eq!(outcome.keys(ID, Direction::Response), BASE_KEYS);
}

#[test]
fn nothing_in_a_struck_through_row_is_reported() {
    // The deleted row's faults (a date for a 桁数, an unknown データ型) are no longer the spec's.
    let mut book = response(&rows_with_old_status());
    book.sheets[0].at("I7", Cell::Text("数値型".into())).strike_row(OLD_ROW).at("J7", Cell::Date(45474.0));
    let outcome = read_xlsx("struck row with faults", &book);
    assert_eq!(
        outcome.diagnostics,
        [
            "x.xlsx [IF-T-01_レスポンス] A7: note: the row is struck through (見え消し), so item 03 旧ステータス (old_status) is not read"
        ]
    );
}

#[test]
fn a_struck_through_value_alone_does_not_delete_its_item() {
    // Only the 項目名 (or, without one, the 項番) says the row is deleted.
    let mut book = response(&base_rows());
    book.sheets[0].at("J5", Cell::Struck("6".into()));
    let outcome = read_xlsx("struck 桁数", &book);
    assert_eq!(outcome.diagnostics, Vec::<String>::new());
    assert_eq!(outcome.keys(ID, Direction::Response), BASE_KEYS);
    assert_eq!(outcome.items(ID, Direction::Response)[0].length.map(|l| l.digits), Some(6));
}

// ---------------------------------------------------------------------------------------------
// Hidden sheets. Before: a hidden sheet with another ID became a new interface.

/// IF-T-01's response, and IF-T-02's request on a sheet hidden in `state`, with a fault that would
/// be an error if the sheet were read.
fn with_hidden_layout(state: &'static str) -> Book {
    let mut book = response(&base_rows());
    let mut rows = base_rows();
    rows[1][8] = "数値型";
    let hidden = book.sheet("IF-T-02_リクエスト");
    layout(hidden, "IF-T-02", "リクエスト", &rows);
    hidden.state = Some(state);
    book
}

#[test]
fn a_hidden_sheet_holding_a_layout_is_not_an_interface() {
    for state in ["hidden", "veryHidden"] {
        let outcome = read_xlsx(state, &with_hidden_layout(state));
        assert_eq!(outcome.ids(), [ID], "{state}");
        assert_eq!(
            outcome.diagnostics,
            [
                "x.xlsx [IF-T-02_リクエスト] A4: warning: the sheet is hidden, so the layout table of IF-T-02 リクエスト on it is not read; unhide the sheet if it is current"
            ],
            "{state}"
        );
    }
    let outcome = read_ods("ods", &with_hidden_layout("hidden"));
    assert_eq!(outcome.ids(), [ID]);
    assert_eq!(
        outcome.diagnostics,
        [
            "x.ods [IF-T-02_リクエスト] A4: warning: the sheet is hidden, so the layout table of IF-T-02 リクエスト on it is not read; unhide the sheet if it is current"
        ]
    );
}

#[test]
fn a_hidden_sheet_of_notes_is_a_note() {
    let mut book = response(&base_rows());
    let notes = book.sheet("作業用");
    notes.texts(0, &[vec!["旧版の作業メモ"]]).put(1, 0, Cell::Formula("=1/0".into()));
    notes.state = Some("hidden");
    let outcome = read_xlsx("hidden notes", &book);
    assert_eq!(outcome.diagnostics, ["x.xlsx [作業用]: note: the sheet is hidden, so it is not read"]);
}

/// The findings of the published 別紙13 workbook as it is: one note (取得結果 is 固定長 in one response
/// and 可変長 in the other).
fn published_findings() -> Vec<String> {
    let outcome = read("published", "x.xlsx", &ltcip_fixtures::besshi13_published().to_bytes());
    assert_eq!(outcome.of(Severity::Note).len(), 1, "{:#?}", outcome.diagnostics);
    outcome.diagnostics
}

#[test]
fn a_hidden_interface_list_is_not_read() {
    let bytes = raw::hide_sheet(&ltcip_fixtures::besshi13_published().to_bytes(), "API一覧", "hidden");
    let outcome = read("hidden API一覧", "x.xlsx", &bytes);
    let mut expected =
        vec!["x.xlsx [API一覧]: note: the sheet is hidden, so its interface list is not read".to_owned()];
    expected.extend(published_findings());
    assert_eq!(outcome.diagnostics, expected);
    assert_eq!(outcome.ids(), ["IF-I6-01-04-01", "IF-I6-01-04-02"]);
}

#[test]
fn a_hidden_layout_sheet_of_the_published_workbook() {
    let bytes =
        raw::hide_sheet(&ltcip_fixtures::besshi13_published().to_bytes(), "IF-I6-01-04-02_レスポンス", "hidden");
    let outcome = read("hidden response sheet", "x.xlsx", &bytes);
    // The note comparing the two responses is gone with one of them.
    assert_eq!(
        outcome.diagnostics,
        [
            "x.xlsx [IF-I6-01-04-02_レスポンス] B7: warning: the sheet is hidden, so the layout table of IF-I6-01-04-02 レスポンス on it is not read; unhide the sheet if it is current",
            "x.xlsx [API一覧] C9: warning: the interface list names IF-I6-01-04-02_レスポンス, but no such layout was found",
        ]
    );
}

#[test]
fn a_hidden_code_sheet_still_gives_its_codes() {
    // A lookup sheet is often hidden; the コード値 cells that name it are what Excel shows.
    let shown = read("LIFE fixture", "life.xlsx", &ltcip_fixtures::life::fixture().to_bytes());
    let hidden = read(
        "LIFE fixture, ICFコード hidden",
        "life.xlsx",
        &raw::hide_sheet(&ltcip_fixtures::life::fixture().to_bytes(), "ICFコード", "hidden"),
    );
    let mut expected = shown.diagnostics.clone();
    expected.push(
        "life.xlsx [ICFコード]: note: the sheet is hidden; its code list is read all the same, for the コード値 cells that name it"
            .to_owned(),
    );
    let mut got = hidden.diagnostics.clone();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
    assert_eq!(hidden.model, shown.model);
}

// ---------------------------------------------------------------------------------------------
// The interface list: rows whose ID cell is empty belong to the ID above. Before: the list ended at
// the first empty ID cell, and every interface below it was "not in the interface list".

#[test]
fn an_ods_copy_of_the_published_workbook_reads_its_whole_interface_list() {
    // calamine reads no merged regions in ods: the API一覧's ID cells, merged down over each
    // interface's request and response rows, read as one filled cell and one empty one.
    let copy = Book::from_fixture(&ltcip_fixtures::besshi13_published());
    let outcome = read_ods("ods copy", &copy);
    let listed: Vec<&String> = outcome.diagnostics.iter().filter(|d| d.contains("interface list")).collect();
    assert_eq!(listed, Vec::<&String>::new());
    assert_eq!(outcome.ids(), ["IF-I6-01-04-01", "IF-I6-01-04-02"]);
}

#[test]
fn an_interface_list_whose_id_cells_are_not_merged() {
    let mut book = ltcip_fixtures::besshi13_published();
    let catalog = book.sheets.iter_mut().find(|s| s.name == "API一覧").expect("the API一覧 sheet");
    catalog.merges.clear();
    let outcome = read("unmerged API一覧", "x.xlsx", &book.to_bytes());
    assert_eq!(outcome.diagnostics, published_findings());
    assert_eq!(outcome.ids(), ["IF-I6-01-04-01", "IF-I6-01-04-02"]);
}

#[test]
fn hidden_and_struck_rows_of_the_interface_list_are_no_entries() {
    // IF-T-01 (request and response, the ID cell empty on the response row), then a struck-through
    // IF-T-08 and a hidden IF-T-09, neither of which has a layout, then IF-T-02.
    let mut book = response(&base_rows());
    layout(book.sheet("IF-T-01_リクエスト"), ID, "リクエスト", &base_rows());
    layout(book.sheet("IF-T-02_レスポンス"), "IF-T-02", "レスポンス", &base_rows());
    let (first, second) = (interface_name(ID), interface_name("IF-T-02"));
    let catalog = book.sheet("API一覧");
    catalog.texts(
        0,
        &[
            vec!["項番", "外部インタフェースID", "外部インタフェース名", "送受信種別", "レイアウト"],
            vec!["1", "IF-T-01", first.as_str(), "リクエスト", "IF-T-01_リクエスト"],
            vec!["", "", "", "レスポンス", "IF-T-01_レスポンス"],
            vec!["2", "IF-T-08", "廃止されたインタフェース", "レスポンス", "IF-T-08_レスポンス"],
            vec!["3", "IF-T-09", "準備中のインタフェース", "レスポンス", "IF-T-09_レスポンス"],
            vec!["4", "IF-T-02", second.as_str(), "レスポンス", "IF-T-02_レスポンス"],
        ],
    );
    catalog.strike_row(3).hide_row(4);
    for (format, outcome) in [("xlsx", read_xlsx("catalog", &book)), ("ods", read_ods("catalog", &book))] {
        assert_eq!(
            outcome.diagnostics,
            [
                format!(
                    "x.{format} [API一覧] B4: note: the row is struck through (見え消し), so the interface list's entry IF-T-08 廃止されたインタフェース IF-T-08_レスポンス is not read"
                ),
                format!(
                    "x.{format} [API一覧] B5: note: the row is hidden, so the interface list's entry IF-T-09 準備中のインタフェース IF-T-09_レスポンス is not read"
                ),
            ],
            "{format}"
        );
        assert_eq!(outcome.ids(), [ID, "IF-T-02"], "{format}");
    }
}

// ---------------------------------------------------------------------------------------------
// Dates where text is due. Before: a date cell read as empty (`no value beside or below this title
// key`, at the key), or as an unreadable serial number.

/// A care-plan file's title block (keys down column A, values in C) and a two-item table, with the
/// CSVバージョン value `version`.
fn careplan(version: Cell) -> Book {
    let mut book = Book::default();
    let sheet = book.sheet("DLTPLAN");
    sheet.texts(
        0,
        &[
            vec!["CSVファイルレイアウト（第６表 予定削除）"],
            vec![],
            vec!["ファイル名称", "", "第６表 予定削除"],
            vec!["ファイルID", "", "DLTPLAN"],
            vec!["形式", "", "CSV"],
            vec!["文字コード", "", "Shift_JIS"],
            vec!["CSVバージョン"],
            vec![],
            vec!["No.", "日本語名称", "項目長", "必須", "書式、選択肢など", "備考"],
            vec!["1", "CSVバージョン", "6", "○", "YYYYMM"],
            vec!["2", "保険者番号", "6", "○"],
        ],
    );
    sheet.at("C7", version);
    book
}

#[test]
fn csv_version_held_as_a_date_cell() {
    let control = read_xlsx("CSVバージョン as text", &careplan(Cell::Text("202407".into())));
    assert_eq!(control.errors(), Vec::<String>::new());
    let version = |o: &Outcome| o.spec.interfaces[0].layouts[0].file.as_ref().and_then(|f| f.version.clone());
    assert_eq!(version(&control).as_deref(), Some("202407"));
    for (format, outcome) in [
        ("xlsx", read_xlsx("CSVバージョン as a date", &careplan(Cell::Date(45474.0)))),
        ("ods", read_ods("CSVバージョン as a date", &careplan(Cell::Date(45474.0)))),
    ] {
        assert_eq!(
            outcome.errors(),
            [format!(
                "x.{format} [DLTPLAN] C7: error: CSVバージョン is a date cell (2024-07-01); write it as text, 202407"
            )],
            "{format}"
        );
    }
}

#[test]
fn date_cell_in_an_item_column() {
    // Before: `the cell holds a date/time (45474)`.
    let mut book = response(&base_rows());
    book.sheets[0].at("J5", Cell::Date(45474.0));
    let outcome = read_xlsx("桁数 as a date", &book);
    assert_eq!(
        outcome.diagnostics,
        ["x.xlsx [IF-T-01_レスポンス] J5: error: 桁数 is a date cell (2024-07-01); write it as text"]
    );
    // The rest of the row, and the other items, are read.
    let items = outcome.items(ID, Direction::Response);
    assert_eq!(items[0].data_type.map(DataType::spec_name), Some("半角数字"));
    assert_eq!(items.len(), 6);
}

// ---------------------------------------------------------------------------------------------
// An ods whose content.xml is damaged. Before: calamine read it forever (its loops wait for the end of
// a table, a cell or a comment, and take the end of the file for nothing).

/// Reads `bytes` on a thread of its own; fails the test if the reading takes longer than a minute.
fn read_within_a_minute(case: &str, name: &'static str, bytes: Vec<u8>) -> Outcome {
    let case_name = case.to_owned();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(read(&case_name, name, &bytes));
    });
    receiver
        .recv_timeout(std::time::Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("case {case:?}: the reading did not end within a minute"))
}

#[test]
fn an_ods_cut_short_inside_a_table_is_refused() {
    let bytes = raw::edit_parts(&response(&base_rows()).ods(), |part, xml| match part {
        "content.xml" => xml[..xml.find("</table:table>").expect("a table")].to_owned(),
        _ => xml,
    });
    let outcome = read_within_a_minute("cut short", "x.ods", bytes);
    assert_eq!(
        outcome.diagnostics,
        ["x.ods: error: cannot be opened as a workbook: content.xml ends inside an element: the file is cut short"]
    );
}

#[test]
fn an_ods_whose_table_is_closed_by_another_name_is_refused() {
    let bytes = raw::edit_parts(&response(&base_rows()).ods(), |part, xml| match part {
        "content.xml" => xml.replace("</table:table>", "</table:tablx>"),
        _ => xml,
    });
    let outcome = read_within_a_minute("mismatched end", "x.ods", bytes);
    assert_eq!(outcome.diagnostics.len(), 1, "{:#?}", outcome.diagnostics);
    assert!(
        outcome.diagnostics[0]
            .starts_with("x.ods: error: cannot be opened as a workbook: content.xml is not well-formed XML ("),
        "{:#?}",
        outcome.diagnostics
    );
}
