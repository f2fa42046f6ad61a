//! A catalogue of malformed workbooks (issue 5.1). Each test writes one broken input into a fresh
//! temporary folder (with the fixtures' Book writer, or as raw bytes where the writer cannot express
//! the fault), reads it as `ltcip-codegen` does (workbooks, naming tables and overrides, then the
//! emitter when reading found no error), and asserts the diagnostic: workbook, sheet, cell and message.
//! A load that panics fails the test, naming the case.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ltcip_codegen::diag::{Diagnostics, Severity};
use ltcip_codegen::model::{DataType, Direction, Item, Layout, Spec};
use ltcip_fixtures::careplan::{CareplanFile, CareplanRow, render_careplan};
use ltcip_fixtures::{Book, Sheet, Value};

#[path = "support/raw.rs"]
mod raw;

use raw::{ODS_MIME, xml_escape, zip};

// ---------------------------------------------------------------------------------------------
// The harness.

/// What reading one malformed input gave.
struct Outcome {
    /// Every diagnostic as printed, with the temporary folder left out (`x.xlsx [sheet] A1: ...`).
    diagnostics: Vec<String>,
    spec: Spec,
    /// The generated code, module by module, when reading and emitting found no error.
    code: Vec<String>,
}

impl Outcome {
    fn of(&self, severity: Severity) -> Vec<String> {
        let tag = format!(": {severity}: ");
        self.diagnostics.iter().filter(|d| d.contains(&tag)).cloned().collect()
    }

    fn errors(&self) -> Vec<String> {
        self.of(Severity::Error)
    }

    fn warnings(&self) -> Vec<String> {
        self.of(Severity::Warning)
    }

    fn layout(&self, id: &str, direction: Direction) -> &Layout {
        self.spec
            .interfaces
            .iter()
            .find(|i| i.id == id)
            .and_then(|i| i.layouts.iter().find(|l| l.direction == direction))
            .unwrap_or_else(|| panic!("no layout {id} {direction}; {:#?}", self.diagnostics))
    }

    fn items(&self, id: &str, direction: Direction) -> Vec<&Item> {
        self.layout(id, direction).sections.iter().flat_map(|s| &s.items).flat_map(Item::walk).collect()
    }
}

/// A folder holding the files of one case.
struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Self {
        Folder { dir: tempfile::tempdir().expect("a temp dir") }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn bytes(self, name: &str, bytes: &[u8]) -> Self {
        std::fs::write(self.path(name), bytes).expect("write");
        self
    }

    fn book(self, name: &str, book: &Book) -> Self {
        book.save(&self.path(name)).expect("the workbook saves");
        self
    }

    fn text(self, name: &str, text: &str) -> Self {
        self.bytes(name, text.as_bytes())
    }

    /// Reads the folder as the CLI reads `specs/`; a panic anywhere fails the test, naming the case.
    fn read(&self, case: &str) -> Outcome {
        let dir = self.dir.path().to_path_buf();
        let run = catch_unwind(AssertUnwindSafe(|| {
            let (spec, mut diagnostics) = ltcip_codegen::load(std::slice::from_ref(&dir));
            let mut code = Vec::new();
            if !diagnostics.has_errors() {
                let modules = ltcip_codegen::emit::modules(&spec, &mut diagnostics);
                if !diagnostics.has_errors() {
                    for module in modules {
                        code.push(ltcip_codegen::emit::format_items(&module.items).expect("generated code parses"));
                    }
                }
            }
            (spec, diagnostics, code)
        }));
        let (spec, diagnostics, code): (Spec, Diagnostics, Vec<String>) =
            run.unwrap_or_else(|_| panic!("case {case:?}: reading panicked"));
        let prefix = format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR);
        let diagnostics = diagnostics.iter().map(|d| d.to_string().replace(&prefix, "")).collect();
        Outcome { diagnostics, spec, code }
    }
}

/// Reads one workbook named `x.xlsx`.
fn read_book(case: &str, book: &Book) -> Outcome {
    Folder::new().book("x.xlsx", book).read(case)
}

/// Reads one file of raw bytes.
fn read_bytes(case: &str, name: &str, bytes: &[u8]) -> Outcome {
    Folder::new().bytes(name, bytes).read(case)
}

/// Asserts that some diagnostic is at `at` (`file [sheet] cell`, or the file alone for a finding about a
/// whole file) and says `phrase`: for messages whose cause is calamine's own words.
#[track_caller]
fn assert_finding(outcome: &Outcome, case: &str, at: &str, severity: Severity, phrase: &str) {
    let head = format!("{at}: {severity}: ");
    assert!(
        outcome.diagnostics.iter().any(|d| d.starts_with(&head) && d.contains(phrase)),
        "case {case:?}: no `{head}...{phrase}...` among {:#?}",
        outcome.diagnostics
    );
}

// ---------------------------------------------------------------------------------------------
// Workbooks written cell by cell.

/// One item row of a hand-written layout, in columns A to K: 項番, 階層レベル 1, 2 and 3, 項目名, 項目,
/// 最小出現回数, 最大出現回数, データ型, 桁数, 可変長/固定長 (`""` leaves the cell empty).
type ItemRow = [&'static str; 11];

const NO: usize = 0;
const L1: usize = 1;
const L2: usize = 2;
const L3: usize = 3;
const NAME: usize = 4;
const KEY: usize = 5;
const MIN: usize = 6;
const MAX: usize = 7;
const TYPE: usize = 8;
const DIGITS: usize = 9;

/// A JSON layout at `top` (0-based row): the title block (keys in row 1, values below, in columns A,
/// C, E and G), a blank row, the one-row heading (A 項番, B:D 階層レベル, E 項目名, F 項目,
/// G 最小出現回数, H 最大出現回数, I データ型, J 桁数, K 可変長/固定長) and the items. The first item is
/// on row `top + 5` (1-based). Returns the next free row.
fn put_layout(sheet: &mut Sheet, top: u32, id: &str, direction: &str, rows: &[ItemRow]) -> u32 {
    for (col, key, value) in [
        (0, "外部インタフェース名", "テスト用インタフェース"),
        (2, "外部IF_ID", id),
        (4, "送受信種別", direction),
        (6, "形式", "JSON"),
    ] {
        sheet.heading(top, col, key);
        sheet.put(top + 1, col, value);
    }
    put_table(sheet, top + 3, rows)
}

/// The heading at `top` and the items under it; returns the next free row.
fn put_table(sheet: &mut Sheet, top: u32, rows: &[ItemRow]) -> u32 {
    let headings = [
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
    for (col, heading) in (0u16..).zip(headings) {
        if !heading.is_empty() {
            sheet.heading(top, col, heading);
        }
    }
    sheet.merge(top, 1, top, 3);
    for (row, cells) in (top + 1..).zip(rows) {
        for (col, cell) in (0u16..).zip(cells) {
            if !cell.is_empty() {
                sheet.put(row, col, *cell);
            }
        }
    }
    top + 1 + rows.len() as u32
}

const ID: &str = "IF-T-01";
const SHEET: &str = "IF-T-01_レスポンス";

/// A response of IF-T-01 on its own sheet.
fn response(rows: &[ItemRow]) -> Book {
    let mut book = Book::new();
    put_layout(book.sheet(SHEET), 0, ID, "レスポンス", rows);
    book
}

/// Three plain items and a リスト with two members: the base most cases break one cell of. Item rows
/// are 5 (01) to 10 (06).
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

/// The base layout with one cell of one item replaced: `(item index, column index, value)`.
fn base_with(edits: &[(usize, usize, &'static str)]) -> Book {
    let mut rows = base_rows();
    for &(row, col, value) in edits {
        rows[row][col] = value;
    }
    response(&rows)
}

/// The published 別紙13 workbook with cells of one sheet changed. In IF-I6-01-04-02_レスポンス item
/// `n` is on row `8 + n`: B 項番, C-E 階層レベル, F 項目名, G 項目, H フォーマット, I 最小, J 最大,
/// K データ型, L 桁数, M 可変長/固定長, N 備考; the title block's values are C3, G3 and I3.
fn published_with(sheet: &str, edits: &[(&str, Option<Value>)]) -> Book {
    let mut book = ltcip_fixtures::besshi13_published();
    let target = book.sheets.iter_mut().find(|s| s.name == sheet).unwrap_or_else(|| panic!("no sheet {sheet}"));
    for (cell, value) in edits {
        let (row, col) = parse_a1(cell);
        match value {
            Some(value) => target.cells.insert((row, col), value.clone()),
            None => target.cells.remove(&(row, col)),
        };
    }
    book
}

fn parse_a1(cell: &str) -> (u32, u16) {
    let split = cell.find(|c: char| c.is_ascii_digit()).expect("a row number");
    let col = cell[..split].bytes().fold(0u16, |n, b| n * 26 + u16::from(b - b'A' + 1)) - 1;
    (cell[split..].parse::<u32>().expect("a row number") - 1, col)
}

fn text(s: &str) -> Option<Value> {
    Some(Value::Text(s.to_owned()))
}

fn formula(formula: &str, cached: &str) -> Option<Value> {
    Some(Value::Formula { formula: formula.to_owned(), cached: cached.to_owned() })
}

const RESPONSE_02: &str = "IF-I6-01-04-02_レスポンス";

// ---------------------------------------------------------------------------------------------
// Raw containers: a stored (uncompressed) zip (`support/raw.rs`), and what a spreadsheet is made of
// inside one.

/// An OpenDocument spreadsheet of text cells: `sheets` of rows of cells (`""` empty).
fn ods(sheets: &[(&str, Vec<Vec<&str>>)], encrypted: bool) -> Vec<u8> {
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    for (name, rows) in sheets {
        content.push_str(&format!(r#"<table:table table:name="{}">"#, xml_escape(name)));
        for row in rows {
            content.push_str("<table:table-row>");
            for cell in row {
                if cell.is_empty() {
                    content.push_str("<table:table-cell/>");
                } else {
                    content.push_str(&format!(
                        r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                        xml_escape(cell)
                    ));
                }
            }
            content.push_str("</table:table-row>");
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let encryption = if encrypted {
        r#"<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/></manifest:encryption-data>"#
    } else {
        ""
    };
    let manifest = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">{encryption}</manifest:file-entry></manifest:manifest>"#
    );
    zip(&[("mimetype", ODS_MIME), ("META-INF/manifest.xml", manifest.as_bytes()), ("content.xml", content.as_bytes())])
}

/// The rows of [`put_layout`] as text, for containers written by hand.
fn layout_rows(id: &str, direction: &str, rows: &[ItemRow]) -> Vec<Vec<&'static str>> {
    let id: &'static str = Box::leak(id.to_owned().into_boxed_str());
    let direction: &'static str = Box::leak(direction.to_owned().into_boxed_str());
    let mut out = vec![
        vec!["外部インタフェース名", "", "外部IF_ID", "", "送受信種別", "", "形式"],
        vec!["テスト用インタフェース", "", id, "", direction, "", "JSON"],
        vec![],
        vec![
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
        ],
    ];
    out.extend(rows.iter().map(|r| r.to_vec()));
    out
}

/// The bytes of an OLE compound file (CFB) header followed by junk: what an encrypted xlsx (or any
/// legacy Office file) starts with.
fn cfb_junk() -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend((0..2040u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    bytes
}

// ---------------------------------------------------------------------------------------------
// Control: the base layout reads cleanly, so that each case below shows its one fault.

#[test]
fn control_the_base_layout_reads_without_findings() {
    let outcome = read_book("control", &response(&base_rows()));
    assert_eq!(outcome.diagnostics, Vec::<String>::new());
    assert_eq!(outcome.items(ID, Direction::Response).len(), 6);
    assert_eq!(outcome.code.len(), 1);
}

// ---------------------------------------------------------------------------------------------
// Headings and tables.

#[test]
fn missing_item_number_heading() {
    let outcome = read_book("no 項番 heading", &published_with(RESPONSE_02, &[("B7", text("順番"))]));
    assert_eq!(
        outcome.errors(),
        [
            "x.xlsx [IF-I6-01-04-02_レスポンス] G3: error: no layout table follows the title block of IF-I6-01-04-02 レスポンス (a heading row with 項番, 項目名 and another known column)"
        ]
    );
    assert!(
        outcome
            .spec
            .interfaces
            .iter()
            .all(|i| i.layouts.iter().all(|l| l.origin.sheet.as_deref() != Some(RESPONSE_02)))
    );
}

#[test]
fn missing_item_name_heading() {
    let outcome = read_book("no 項目名 heading", &published_with(RESPONSE_02, &[("F7", text("名前"))]));
    assert_eq!(
        outcome.errors(),
        [
            "x.xlsx [IF-I6-01-04-02_レスポンス] G3: error: no layout table follows the title block of IF-I6-01-04-02 レスポンス (a heading row with 項番, 項目名 and another known column)"
        ]
    );
}

#[test]
fn missing_heading_on_a_sheet_without_title_block() {
    // The sheet name says which layout the sheet holds; the table is there, its heading is not read.
    let mut book = Book::new();
    put_table(book.sheet(SHEET), 2, &base_rows());
    book.sheets[0].put(2, 0, "順番");
    let outcome = read_book("untitled, no 項番 heading", &book);
    // The heading row that lacks a 項番 is named, with the word that may be it.
    assert_eq!(
        outcome.warnings(),
        [
            r#"x.xlsx [IF-T-01_レスポンス] A3: warning: this row heads 8 known columns but no 項番 column, so no table is read under it; if one of "順番" is the 項番, add to vocabulary.toml: [[heading]] role = "項番", spellings = ["順番"], reason = "...""#
        ]
    );
}

#[test]
fn empty_sheet() {
    let mut book = ltcip_fixtures::besshi13_published();
    book.sheets.iter_mut().find(|s| s.name == RESPONSE_02).expect("the sheet").cells.clear();
    let outcome = read_book("empty sheet", &book);
    assert_eq!(
        outcome.warnings(),
        [
            "x.xlsx [IF-I6-01-04-02_レスポンス] A1: warning: the sheet name says IF-I6-01-04-02 レスポンス, but no layout table (a heading row with 項番, 項目名 and another known column) is on it",
            "x.xlsx [API一覧] C9: warning: the interface list names IF-I6-01-04-02_レスポンス, but no such layout was found",
        ]
    );
    assert_eq!(outcome.errors(), Vec::<String>::new());
}

#[test]
fn workbook_of_one_empty_sheet() {
    // Nothing on any sheet: the finding is the workbook's.
    let mut book = Book::new();
    book.sheet("Sheet1");
    let outcome = read_book("one empty sheet", &book);
    assert_eq!(
        outcome.diagnostics,
        ["x.xlsx: warning: no layout table (a heading row with 項番 and 項目名) and no interface list was found"]
    );
}

#[test]
fn sheet_with_only_a_title_block() {
    let mut book = Book::new();
    let sheet = book.sheet(SHEET);
    put_layout(sheet, 0, ID, "レスポンス", &[]);
    sheet.cells.retain(|&(row, _), _| row < 2);
    sheet.merges.clear();
    let outcome = read_book("only a title block", &book);
    assert_eq!(
        outcome.diagnostics,
        [
            "x.xlsx [IF-T-01_レスポンス] C2: error: no layout table follows the title block of IF-T-01 レスポンス (a heading row with 項番, 項目名 and another known column)"
        ]
    );
}

#[test]
fn heading_with_no_rows() {
    let outcome = read_book("heading, no rows", &response(&[]));
    assert_eq!(outcome.diagnostics, ["x.xlsx [IF-T-01_レスポンス] A4: warning: a layout table with no items",]);
}

#[test]
fn heading_with_no_rows_on_a_sheet_without_title_block() {
    let mut book = Book::new();
    put_table(book.sheet(SHEET), 0, &[]);
    let outcome = read_book("untitled heading, no rows", &book);
    assert_eq!(outcome.diagnostics, ["x.xlsx [IF-T-01_レスポンス] A1: warning: a layout table with no items",]);
}

#[test]
fn title_block_without_table_followed_by_another_layout() {
    // Before: the second title block silently took the place of the first.
    let mut book = Book::new();
    let sheet = book.sheet("Sheet1");
    put_layout(sheet, 0, "IF-T-02", "リクエスト", &[]);
    sheet.cells.retain(|&(row, _), _| row < 2);
    sheet.merges.clear();
    put_layout(sheet, 4, ID, "レスポンス", &base_rows());
    let outcome = read_book("title block, no table, then a layout", &book);
    assert_eq!(
        outcome.diagnostics,
        [
            "x.xlsx [Sheet1] C2: error: no layout table follows the title block of IF-T-02 リクエスト (a heading row with 項番, 項目名 and another known column)"
        ]
    );
    assert_eq!(outcome.items(ID, Direction::Response).len(), 6);
}

#[test]
fn two_layouts_with_the_same_id_and_direction() {
    let mut book = response(&base_rows());
    let mut copy = book.sheets[0].clone();
    copy.name = "コピー".to_owned();
    book.sheets.push(copy);
    let outcome = read_book("same IF ID and direction twice", &book);
    assert_eq!(
        outcome.errors(),
        [
            "x.xlsx [コピー] A4: error: a second IF-T-01 レスポンス layout; the first is at x.xlsx [IF-T-01_レスポンス] A4"
        ]
    );
}

#[test]
fn two_layouts_with_the_same_id_and_direction_on_one_sheet() {
    let mut book = Book::new();
    let sheet = book.sheet("Sheet1");
    let next = put_layout(sheet, 0, ID, "レスポンス", &base_rows());
    put_layout(sheet, next + 1, ID, "レスポンス", &base_rows());
    let outcome = read_book("same IF ID and direction twice on one sheet", &book);
    assert_eq!(
        outcome.errors(),
        ["x.xlsx [Sheet1] A15: error: a second IF-T-01 レスポンス layout; the first is at x.xlsx [Sheet1] A4"]
    );
}

#[test]
fn json_table_without_a_key_column() {
    // Before: the layout's error and then one `has no 項目` error per item.
    let mut book = response(&base_rows());
    book.sheets[0].cells.remove(&(3, KEY as u16));
    let outcome = read_book("JSON, no 項目 column", &book);
    assert_eq!(
        outcome.errors(),
        ["x.xlsx [IF-T-01_レスポンス] A4: error: IF-T-01 レスポンス is JSON but its table has no 項目 column"]
    );
}

#[test]
fn unknown_direction() {
    let mut book = response(&base_rows());
    book.sheets[0].put(1, 4, "送信");
    let outcome = read_book("送受信種別 送信", &book);
    assert_eq!(
        outcome.errors(),
        [
            r#"x.xlsx [IF-T-01_レスポンス] E2: error: 送受信種別 "送信" is neither リクエスト nor レスポンス (to accept it, add to vocabulary.toml: [[direction]] means = "<one of リクエスト, レスポンス>", spellings = ["送信"], reason = "...")"#
        ]
    );
}

#[test]
fn unknown_wire_format() {
    let mut book = response(&base_rows());
    book.sheets[0].put(1, 6, "XML");
    let outcome = read_book("形式 XML", &book);
    assert_eq!(
        outcome.errors(),
        [
            r#"x.xlsx [IF-T-01_レスポンス] G2: error: 形式 "XML" is neither JSON nor CSV (to accept it, add to vocabulary.toml: [[wire_format]] means = "<one of JSON, CSV>", spellings = ["XML"], reason = "...")"#
        ]
    );
}

#[test]
fn interface_id_that_gives_no_module_name() {
    let mut book = response(&base_rows());
    book.sheets[0].name = "Sheet1".to_owned();
    book.sheets[0].put(1, 2, "－－");
    let outcome = read_book("IF ID of dashes", &book);
    assert_eq!(outcome.errors(), [r#"x.xlsx [Sheet1] A4: error: IF ID "--" gives no module name"#]);
}

#[test]
fn title_key_without_a_value() {
    let mut book = response(&base_rows());
    book.sheets[0].cells.remove(&(1, 2));
    let outcome = read_book("外部IF_ID without a value", &book);
    assert_eq!(outcome.errors(), ["x.xlsx [IF-T-01_レスポンス] C1: error: no value beside or below this title key"]);
}

// ---------------------------------------------------------------------------------------------
// The item tree.

#[test]
fn duplicated_key_among_siblings() {
    let outcome = read_book("duplicated key", &base_with(&[(5, KEY, "insured_number")]));
    assert_eq!(
        outcome.errors(),
        [
            r#"x.xlsx [IF-T-01_レスポンス] F10: error: 項目 "insured_number" of 06 氏名 is also the key of 05 被保険者番号"#
        ]
    );
}

#[test]
fn level_path_that_skips_a_level() {
    // 05 at [4, -, 1]: three levels deep under the リスト at level 1.
    let outcome = read_book("skipped level", &base_with(&[(4, L2, ""), (4, L3, "1")]));
    assert_eq!(
        outcome.errors(),
        [
            "x.xlsx [IF-T-01_レスポンス] A9: error: 階層レベル of 05 被保険者番号 puts it at level 3, but the item above is at level 1: a level is skipped"
        ]
    );
}

#[test]
fn child_under_an_item_that_is_not_a_list() {
    let outcome = read_book("child under non-list", &base_with(&[(2, L1, "2"), (2, L2, "1")]));
    assert_eq!(
        outcome.errors(),
        ["x.xlsx [IF-T-01_レスポンス] A7: error: 03 レコード件数 is nested under 02 取得結果, which is not a リスト"]
    );
}

#[test]
fn list_with_no_items_under_it() {
    let outcome = read_book("empty リスト", &base_with(&[(2, TYPE, "リスト")]));
    assert_eq!(
        outcome.errors(),
        ["x.xlsx [IF-T-01_レスポンス] A7: error: 03 レコード件数 is a リスト with no items under it"]
    );
}

#[test]
fn item_number_that_repeats() {
    // Before: accepted silently, two fields with one 項番 in their #[ltcip] rows.
    let outcome = read_book("repeated 項番", &base_with(&[(2, NO, "02")]));
    assert_eq!(
        outcome.diagnostics,
        ["x.xlsx [IF-T-01_レスポンス] A7: warning: 項番 02 of レコード件数 repeats the 項番 of 取得結果 (A6)"]
    );
}

#[test]
fn item_number_that_is_not_a_number() {
    let outcome = read_book("項番 3a", &base_with(&[(2, NO, "3a")]));
    assert_eq!(outcome.errors(), [r#"x.xlsx [IF-T-01_レスポンス] A7: error: 項番 "3a" is not a number"#]);
}

#[test]
fn level_that_is_not_a_number() {
    let outcome = read_book("階層レベル x", &base_with(&[(4, L2, "x")]));
    assert_eq!(outcome.errors(), [r#"x.xlsx [IF-T-01_レスポンス] C9: error: 階層レベル "x" is not a number"#]);
}

// ---------------------------------------------------------------------------------------------
// 出現回数, データ型, 桁数.

#[test]
fn min_above_max() {
    let outcome = read_book("min > max", &base_with(&[(1, MIN, "2")]));
    assert_eq!(outcome.errors(), ["x.xlsx [IF-T-01_レスポンス] H6: error: 出現回数 最小 2 is above 最大 1"]);
}

#[test]
fn max_of_zero() {
    let outcome = read_book("max 0", &base_with(&[(1, MIN, "0"), (1, MAX, "0")]));
    assert_eq!(outcome.errors(), ["x.xlsx [IF-T-01_レスポンス] H6: error: 出現回数 最大 is 0"]);
}

#[test]
fn length_of_zero() {
    let outcome = read_book("桁数 0", &base_with(&[(0, DIGITS, "0")]));
    assert_eq!(outcome.errors(), ["x.xlsx [IF-T-01_レスポンス] J5: error: 桁数 is 0"]);
}

#[test]
fn negative_length() {
    let outcome = read_book("桁数 -1", &base_with(&[(0, DIGITS, "-1")]));
    assert_eq!(outcome.errors(), [r#"x.xlsx [IF-T-01_レスポンス] J5: error: 桁数 "-1" is not a number"#]);
}

#[test]
fn negative_length_as_a_number_cell() {
    let book = published_with(RESPONSE_02, &[("L9", Some(Value::Number(-6.0)))]);
    let outcome = read_book("桁数 -6 numeric", &book);
    assert_eq!(outcome.errors(), [r#"x.xlsx [IF-I6-01-04-02_レスポンス] L9: error: 桁数 "-6" is not a number"#]);
}

#[test]
fn length_with_a_comma() {
    let outcome = read_book("桁数 10,5", &base_with(&[(0, DIGITS, "10,5")]));
    assert_eq!(outcome.errors(), [r#"x.xlsx [IF-T-01_レスポンス] J5: error: 桁数 "10,5" is not a number"#]);
}

#[test]
fn length_with_a_question_mark() {
    let outcome = read_book("桁数 6桁?", &base_with(&[(0, DIGITS, "6桁?")]));
    assert_eq!(outcome.errors(), [r#"x.xlsx [IF-T-01_レスポンス] J5: error: 桁数 "6桁?" is not a number"#]);
}

#[test]
fn fractional_length_as_a_number_cell() {
    let book = published_with(RESPONSE_02, &[("L9", Some(Value::Number(6.5)))]);
    let outcome = read_book("桁数 6.5", &book);
    assert_eq!(outcome.errors(), [r#"x.xlsx [IF-I6-01-04-02_レスポンス] L9: error: 桁数 "6.5" is not a number"#]);
}

#[test]
fn unknown_data_type() {
    let outcome = read_book("unknown データ型", &base_with(&[(2, TYPE, "数値型")]));
    assert_eq!(
        outcome.errors(),
        [
            r#"x.xlsx [IF-T-01_レスポンス] I7: error: データ型 "数値型" is unknown (to accept it, add to vocabulary.toml: [[data_type]] means = "<one of 半角数字, 半角英数字, 半角文字, 全角文字, 全半角文字, 数値, リスト>", spellings = ["数値型"], reason = "...")"#
        ]
    );
}

#[test]
fn unknown_length_kind() {
    let outcome = read_book("unknown 可変長/固定長", &base_with(&[(0, 10, "半固定")]));
    assert_eq!(
        outcome.errors(),
        [
            r#"x.xlsx [IF-T-01_レスポンス] K5: error: 可変長/固定長 "半固定" is neither 固定長 nor 可変長 (to accept it, add to vocabulary.toml: [[length_kind]] means = "<one of 固定長, 可変長>", spellings = ["半固定"], reason = "...")"#
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// 項目 (wire keys) and the Rust names they become.

#[test]
fn key_that_is_a_rust_keyword_becomes_a_raw_identifier() {
    // Generated, not reported: `type` is a raw identifier; `self` cannot be one and gets a `_`.
    let outcome = read_book("keyword key", &base_with(&[(1, KEY, "type"), (2, KEY, "self")]));
    assert_eq!(outcome.diagnostics, Vec::<String>::new());
    let code = &outcome.code[0];
    assert!(code.contains("    pub r#type: ::ltcip_runtime::CompactString,"), "{code}");
    assert!(code.contains("    #[serde(rename = \"self\")]\n    pub self_: ::ltcip_runtime::CompactString,"), "{code}");
}

#[test]
fn key_with_a_space() {
    let outcome = read_book("key with a space", &base_with(&[(1, KEY, "care-insurer number")]));
    assert_eq!(
        outcome.errors(),
        [
            r#"x.xlsx [IF-T-01_レスポンス] F6: error: 項目 "care-insurer number" is not a wire key (printable ASCII without spaces)"#
        ]
    );
}

#[test]
fn key_in_japanese() {
    let outcome = read_book("key 番号", &base_with(&[(1, KEY, "番号")]));
    assert_eq!(
        outcome.errors(),
        [r#"x.xlsx [IF-T-01_レスポンス] F6: error: 項目 "番号" is not a wire key (printable ASCII without spaces)"#]
    );
}

#[test]
fn key_in_full_width_letters() {
    let outcome = read_book("full-width key", &base_with(&[(1, KEY, "ｒｅｓｕｌｔ")]));
    assert_eq!(
        outcome.errors(),
        [
            r#"x.xlsx [IF-T-01_レスポンス] F6: error: 項目 "ｒｅｓｕｌｔ" is not a wire key (printable ASCII without spaces); in half-width letters it would be "result""#
        ]
    );
}

#[test]
fn key_with_a_full_width_space_inside() {
    let outcome = read_book("key with a full-width space", &base_with(&[(1, KEY, "care\u{3000}result")]));
    assert_eq!(
        outcome.errors(),
        [
            r#"x.xlsx [IF-T-01_レスポンス] F6: error: 項目 "care\u{3000}result" is not a wire key (printable ASCII without spaces)"#
        ]
    );
}

#[test]
fn key_and_name_padded_with_spaces_are_trimmed() {
    let outcome = read_book(
        "padded key and name",
        &base_with(&[(1, KEY, " result\u{3000}"), (1, NAME, "\u{3000}取得結果 "), (1, DIGITS, " ２ ")]),
    );
    assert_eq!(outcome.diagnostics, Vec::<String>::new());
    let items = outcome.items(ID, Direction::Response);
    assert_eq!((items[1].key.as_deref(), items[1].name.as_str()), (Some("result"), "取得結果"));
    assert_eq!(items[1].length.map(|l| l.digits), Some(2));
}

#[test]
fn key_of_punctuation_only() {
    let outcome = read_book("key $$", &base_with(&[(1, KEY, "$$")]));
    assert_eq!(outcome.errors(), [r#"x.xlsx [IF-T-01_レスポンス] A6: error: 項目 "$$" gives no field name"#]);
}

#[test]
fn keys_that_collide_after_snake_case() {
    // Reported, not resolved: neither key can be renamed without changing the contract.
    let outcome = read_book("recordNum vs record_num", &base_with(&[(1, KEY, "recordNum")]));
    assert_eq!(
        outcome.errors(),
        [
            r#"x.xlsx [IF-T-01_レスポンス] A7: error: 項目 "record_num" of 03 and "recordNum" of 02 both become field `record_num`"#
        ]
    );
}

#[test]
fn keyword_keys_that_collide_after_escaping() {
    let outcome = read_book("self vs self_", &base_with(&[(1, KEY, "self"), (2, KEY, "self_")]));
    assert_eq!(
        outcome.errors(),
        [r#"x.xlsx [IF-T-01_レスポンス] A7: error: 項目 "self_" of 03 and "self" of 02 both become field `self_`"#]
    );
}

#[test]
fn list_items_whose_record_types_collide() {
    // `a1b` and `a_1b` are distinct fields, but both lists' records would be `ResponseA1b`: reported
    // at the second list.
    let rows: Vec<ItemRow> = vec![
        ["01", "1", "", "", "一覧A", "a1b", "1", "1", "リスト", "", ""],
        ["02", "1", "1", "", "値", "value", "1", "1", "半角数字", "1", "固定長"],
        ["03", "2", "", "", "一覧B", "a_1b", "1", "1", "リスト", "", ""],
        ["04", "2", "1", "", "値", "value", "1", "1", "半角数字", "1", "固定長"],
    ];
    let outcome = read_book("record types collide", &response(&rows));
    assert_eq!(
        outcome.errors(),
        [
            "x.xlsx [IF-T-01_レスポンス] A7: error: type name `ResponseA1b` of IF-T-01 レスポンス ボディ 03 一覧B is already used by IF-T-01 レスポンス ボディ 01 一覧A"
        ]
    );
}

#[test]
fn list_whose_record_type_collides_with_a_nested_one() {
    // Response + body_x and ResponseBody + x are both `ResponseBodyX`.
    let rows: Vec<ItemRow> = vec![
        ["01", "1", "", "", "ボディ部", "body", "1", "1", "リスト", "", ""],
        ["02", "1", "1", "", "明細", "x", "1", "1", "リスト", "", ""],
        ["03", "1", "1", "1", "値", "value", "1", "1", "半角数字", "1", "固定長"],
        ["04", "2", "", "", "明細X", "body_x", "1", "1", "リスト", "", ""],
        ["05", "2", "1", "", "値", "value", "1", "1", "半角数字", "1", "固定長"],
    ];
    let outcome = read_book("nested record type collides", &response(&rows));
    assert_eq!(
        outcome.errors(),
        [
            "x.xlsx [IF-T-01_レスポンス] A8: error: type name `ResponseBodyX` of IF-T-01 レスポンス ボディ 04 明細X is already used by IF-T-01 レスポンス ボディ 01 ボディ部 02 明細"
        ]
    );
}

#[test]
fn two_interfaces_that_become_one_module() {
    let mut book = response(&base_rows());
    put_layout(book.sheet("IF_T_01_レスポンス"), 0, "IF_T_01", "レスポンス", &base_rows());
    let outcome = read_book("module collision", &book);
    assert_eq!(
        outcome.errors(),
        ["x.xlsx [IF_T_01_レスポンス] A4: error: IF-T-01 and IF_T_01 both become module `if_t_01`"]
    );
}

// ---------------------------------------------------------------------------------------------
// Error values and formulas: a formula's cached value is read; an error value, or a formula without a
// stored result, is one finding, at its cell, and no second finding about the value it leaves missing.

/// The one error reading the published workbook with `edits` on IF-I6-01-04-02_レスポンス gives.
#[track_caller]
fn assert_one_error(case: &str, edits: &[(&str, Option<Value>)], expected: &str) {
    let outcome = read_book(case, &published_with(RESPONSE_02, edits));
    assert_eq!(outcome.errors(), [format!("x.xlsx [IF-I6-01-04-02_レスポンス] {expected}")], "case {case:?}");
}

#[test]
fn error_value_in_length() {
    let edits = [("L14", formula("=VLOOKUP(G14,桁数表!A:B,2,FALSE)", "#N/A"))];
    assert_one_error("#N/A in 桁数", &edits, "L14: error: the cell holds the error value #N/A");
}

#[test]
fn error_value_in_data_type() {
    let edits = [("K10", formula("=1/0", "#DIV/0!"))];
    assert_one_error("#DIV/0! in データ型", &edits, "K10: error: the cell holds the error value #DIV/0!");
}

#[test]
fn error_value_in_key() {
    // Before: a second error, `item 02 介護保険被保険者番号 has no 項目 (wire key)`.
    let edits = [("G10", formula("=#REF!", "#REF!"))];
    assert_one_error("#REF! in 項目", &edits, "G10: error: the cell holds the error value #REF!");
}

#[test]
fn error_value_in_item_name() {
    // Before: a second error, `item 02 has no 項目名`.
    let edits = [("F10", formula("=1+\"a\"", "#VALUE!"))];
    assert_one_error("#VALUE! in 項目名", &edits, "F10: error: the cell holds the error value #VALUE!");
}

#[test]
fn error_value_in_item_number() {
    // Before: a second error, `an item with a 項目 but no 項番`.
    let edits = [("B10", formula("=NA()", "#N/A"))];
    assert_one_error("#N/A in 項番", &edits, "B10: error: the cell holds the error value #N/A");
}

#[test]
fn error_value_in_min() {
    // Before: a second error, `出現回数 最小 is empty`.
    let edits = [("I10", formula("=SQRT(-1)", "#NUM!"))];
    assert_one_error("#NUM! in 最小", &edits, "I10: error: the cell holds the error value #NUM!");
}

#[test]
fn error_value_in_level() {
    // Before: 08 lost its own level, moved up beside 01 and clashed with its key.
    let edits = [("D16", formula("=LEVEL()", "#NAME?"))];
    assert_one_error("#NAME? in 階層レベル", &edits, "D16: error: the cell holds the error value #NAME?");
}

#[test]
fn formulas_read_as_their_cached_values() {
    let book = published_with(
        RESPONSE_02,
        &[
            ("B10", formula("=TEXT(ROW()-8,\"00\")", "02")),
            ("K10", formula("=\"半角\"&\"数字\"", "半角数字")),
            ("L10", formula("=5*2", "10")),
            ("G10", formula("=LOWER(\"CARE_INSURER_NUMBER\")", "care_insurer_number")),
        ],
    );
    let outcome = read_book("formulas with cached values", &book);
    assert_eq!(outcome.errors(), Vec::<String>::new());
    let items = outcome.items("IF-I6-01-04-02", Direction::Response);
    let item = items.iter().find(|i| i.no == "02").expect("item 02");
    assert_eq!(item.key.as_deref(), Some("care_insurer_number"));
    assert_eq!(item.data_type.map(DataType::spec_name), Some("半角数字"));
    assert_eq!(item.length.map(|l| l.digits), Some(10));
}

/// The published workbook written byte by byte (`support/raw.rs`), with cells of
/// IF-I6-01-04-02_レスポンス replaced: for what the fixtures' writer cannot write.
fn published_raw_with(edits: &[(&str, raw::Cell)]) -> Vec<u8> {
    let mut book = raw::Book::from_fixture(&ltcip_fixtures::besshi13_published());
    let sheet = book.sheets.iter_mut().find(|s| s.name == RESPONSE_02).expect("the response sheet");
    for (cell, value) in edits {
        sheet.at(cell, value.clone());
    }
    book.xlsx()
}

/// A formula without a stored result (openpyxl's `<f>5*2</f><v/>`) in `cell`: one error naming it,
/// no second finding about the value it leaves missing, and nothing generated.
#[track_caller]
fn assert_unevaluated(case: &str, cell: &str, formula: &str) {
    let bytes = published_raw_with(&[(cell, raw::Cell::Formula(formula.to_owned()))]);
    let outcome = read_bytes(case, "x.xlsx", &bytes);
    assert_eq!(
        outcome.errors(),
        [format!(
            "x.xlsx [IF-I6-01-04-02_レスポンス] {cell}: error: the cell holds the formula {formula} with no stored result: open and save the workbook in Excel or LibreOffice"
        )],
        "case {case:?}"
    );
    assert!(outcome.code.is_empty(), "case {case:?}: nothing is generated");
}

#[test]
fn formula_without_a_stored_result_in_length() {
    // Before: an empty 桁数, silently: 02 had no length rule.
    assert_unevaluated("=5*2 in 桁数", "L10", "=5*2");
}

#[test]
fn formula_without_a_stored_result_in_item_number() {
    // Not read as an empty 項番 either (`an item with a 項目 but no 項番`).
    assert_unevaluated("formula in 項番", "B10", r#"=TEXT(ROW()-8,"00")"#);
}

#[test]
fn formula_without_a_stored_result_in_key() {
    assert_unevaluated("formula in 項目", "G10", r#"=LOWER("CARE_INSURER_NUMBER")"#);
}

#[test]
fn formula_without_a_stored_result_in_min() {
    // Not `出現回数 最小 is empty` besides.
    assert_unevaluated("formula in 最小", "I10", "=0+1");
}

#[test]
fn boolean_in_min() {
    let edits = [("I10", Some(Value::Bool(true)))];
    assert_one_error("TRUE in 最小", &edits, r#"I10: error: 出現回数 最小 "TRUE" is not a number"#);
}

// ---------------------------------------------------------------------------------------------
// Files that are not (readable) workbooks. A finding about a whole file names the file only: there
// is no sheet to name.

#[test]
fn password_protected_xlsx() {
    let outcome = read_bytes("encrypted xlsx", "locked.xlsx", &cfb_junk());
    assert_eq!(
        outcome.diagnostics,
        ["locked.xlsx: error: the workbook is encrypted (password-protected); save a copy without a password"]
    );
    assert!(outcome.spec.sources.is_empty());
}

#[test]
fn password_protected_ods() {
    // Before: calamine's words, `cannot be opened as a workbook: Workbook is password protected`.
    let bytes = ods(&[(SHEET, layout_rows(ID, "レスポンス", &base_rows()))], true);
    let outcome = read_bytes("encrypted ods", "locked.ods", &bytes);
    assert_eq!(
        outcome.diagnostics,
        ["locked.ods: error: the workbook is encrypted (password-protected); save a copy without a password"]
    );
}

#[test]
fn ole_junk_named_xls() {
    // The cause is calamine's own words: file and key phrase are asserted.
    let outcome = read_bytes("OLE junk as xls", "old.xls", &cfb_junk());
    assert_eq!(outcome.diagnostics.len(), 1, "{:#?}", outcome.diagnostics);
    assert_finding(
        &outcome,
        "OLE junk as xls",
        "old.xls",
        Severity::Error,
        "cannot be opened as a workbook: Cfb error",
    );
}

#[test]
fn truncated_xlsx() {
    let bytes = response(&base_rows()).to_bytes();
    let outcome = read_bytes("truncated xlsx", "cut.xlsx", &bytes[..bytes.len() / 2]);
    assert_eq!(outcome.diagnostics.len(), 1, "{:#?}", outcome.diagnostics);
    assert_finding(
        &outcome,
        "truncated xlsx",
        "cut.xlsx",
        Severity::Error,
        "cannot be opened as a workbook: Zip error",
    );
}

#[test]
fn zip_that_is_not_xlsx() {
    let bytes = zip(&[("readme.txt", b"not a workbook".as_slice())]);
    let outcome = read_bytes("zip, not xlsx", "archive.xlsx", &bytes);
    assert_eq!(outcome.diagnostics.len(), 1, "{:#?}", outcome.diagnostics);
    assert_finding(
        &outcome,
        "zip, not xlsx",
        "archive.xlsx",
        Severity::Error,
        "cannot be opened as a workbook: File not found",
    );
}

#[test]
fn zero_byte_files_of_every_kind() {
    let mut folder = Folder::new();
    for ext in ["xlsx", "xlsm", "xlsb", "xls", "ods"] {
        folder = folder.bytes(&format!("empty.{ext}"), b"");
    }
    // Before: calamine's words for each format (`Zip error: ... Could not find EOCD`, `Cfb error: Invalid
    // OLE (0 bytes is too small...)`).
    let outcome = folder.read("zero-byte files");
    let expected: Vec<String> = ["ods", "xls", "xlsb", "xlsm", "xlsx"]
        .iter()
        .map(|ext| format!("empty.{ext}: error: the file is empty (0 bytes)"))
        .collect();
    assert_eq!(outcome.diagnostics, expected);
}

#[test]
fn ods_with_a_broken_cell_names_sheet_and_cell() {
    let mut rows = base_rows();
    rows[2][TYPE] = "数値型";
    let bytes = ods(&[(SHEET, layout_rows(ID, "レスポンス", &rows))], false);
    let outcome = read_bytes("ods", "x.ods", &bytes);
    assert_eq!(
        outcome.errors(),
        [
            r#"x.ods [IF-T-01_レスポンス] I7: error: データ型 "数値型" is unknown (to accept it, add to vocabulary.toml: [[data_type]] means = "<one of 半角数字, 半角英数字, 半角文字, 全角文字, 全半角文字, 数値, リスト>", spellings = ["数値型"], reason = "...")"#
        ]
    );
    assert_eq!(outcome.items(ID, Direction::Response).len(), 6);
}

#[test]
fn ods_without_content() {
    let manifest = br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"#;
    let bytes = zip(&[("mimetype", ODS_MIME), ("META-INF/manifest.xml", manifest.as_slice())]);
    let outcome = read_bytes("ods without content.xml", "x.ods", &bytes);
    assert_eq!(
        outcome.diagnostics,
        ["x.ods: error: cannot be opened as a workbook: 'content.xml' file not found in archive"]
    );
}

/// An xlsx written by hand: `sheets` are (name, worksheet part); a part of `None` is left out of the
/// archive although the workbook lists the sheet.
fn raw_xlsx(sheets: &[(&str, Option<String>)]) -> Vec<u8> {
    let mut workbook = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
    );
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for (n, (name, part)) in (1..).zip(sheets) {
        workbook.push_str(&format!(r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#, xml_escape(name)));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
        types.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
        if let Some(part) = part {
            parts.push((format!("xl/worksheets/sheet{n}.xml"), part.clone().into_bytes()));
        }
    }
    workbook.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    types.push_str("</Types>");
    let root = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", root.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
    ];
    entries.extend(parts.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())));
    zip(&entries)
}

/// A worksheet part of inline-string cells `(A1 reference, text)`, one `<row>` per cell in order,
/// with `dimension` as its declared used range.
fn sheet_xml(dimension: &str, cells: &[(String, String)]) -> String {
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>"#
    );
    for (reference, text) in cells {
        let row: String = reference.chars().filter(char::is_ascii_digit).collect();
        xml.push_str(&format!(
            r#"<row r="{row}"><c r="{reference}" t="inlineStr"><is><t>{}</t></is></c></row>"#,
            xml_escape(text)
        ));
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// The cells of [`layout_rows`] as (A1 reference, text), row by row.
fn layout_cells(rows: &[ItemRow]) -> Vec<(String, String)> {
    let mut cells = Vec::new();
    for (r, row) in (1u32..).zip(layout_rows(ID, "レスポンス", rows)) {
        for (c, text) in (b'A'..).zip(row) {
            if !text.is_empty() {
                cells.push((format!("{}{r}", char::from(c)), text.to_owned()));
            }
        }
    }
    cells
}

#[test]
fn xlsx_whose_sheet_part_is_broken_xml() {
    let mut part = sheet_xml("A1:K10", &layout_cells(&base_rows()));
    part.truncate(part.len() / 2);
    let bytes = raw_xlsx(&[(SHEET, Some(part)), ("別シート", Some(sheet_xml("A1", &[])))]);
    let outcome = read_bytes("sheet part cut short", "x.xlsx", &bytes);
    assert_eq!(outcome.errors().len(), 1, "{:#?}", outcome.diagnostics);
    assert!(
        outcome.errors()[0].starts_with("x.xlsx [IF-T-01_レスポンス]: error: the sheet cannot be read: "),
        "{:#?}",
        outcome.diagnostics
    );
}

#[test]
fn xlsx_whose_sheet_part_is_missing() {
    let bytes = raw_xlsx(&[(SHEET, None)]);
    let outcome = read_bytes("sheet part missing", "x.xlsx", &bytes);
    assert_eq!(outcome.errors().len(), 1, "{:#?}", outcome.diagnostics);
    assert!(
        outcome.errors()[0].starts_with("x.xlsx [IF-T-01_レスポンス]: error: the sheet cannot be read: "),
        "{:#?}",
        outcome.diagnostics
    );
}

#[test]
fn hand_written_xlsx_reads_like_the_book_writer_s() {
    // The control for the raw containers above and below.
    let bytes = raw_xlsx(&[(SHEET, Some(sheet_xml("A1:K10", &layout_cells(&base_rows()))))]);
    let outcome = read_bytes("raw xlsx", "x.xlsx", &bytes);
    assert_eq!(outcome.diagnostics, Vec::<String>::new());
    assert_eq!(outcome.items(ID, Direction::Response).len(), 6);
}

// ---------------------------------------------------------------------------------------------
// Size: a sheet of 100,000 items, and a stray cell at XFD1048576. Each is read in a child process (this
// test binary running the ignored test `child_reads_a_folder`), so that the peak memory measured is
// that of the reading alone.

const CHILD_DIR: &str = "LTCIP_MALFORMED_CHILD_DIR";

/// What a child process reading a folder reports.
struct Measured {
    diagnostics: Vec<String>,
    /// Wall-clock time of the reading.
    elapsed: Duration,
    /// Processor time of the child (user and system), where /proc tells it: unlike the wall clock,
    /// it does not depend on how busy the machine is.
    cpu: Option<Duration>,
    /// Peak resident memory (VmHWM) in KiB, where /proc tells it.
    peak_kib: Option<u64>,
}

fn read_in_child(case: &str, folder: &Folder) -> Measured {
    let output = std::process::Command::new(std::env::current_exe().expect("the test binary"))
        .args(["child_reads_a_folder", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env(CHILD_DIR, folder.dir.path())
        .output()
        .expect("the child runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "case {case:?}: the child failed\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let prefix = format!("{}{}", folder.dir.path().display(), std::path::MAIN_SEPARATOR);
    let value = |tag: &str| stdout.lines().find_map(|l| l.strip_prefix(tag)).and_then(|v| v.trim().parse::<u64>().ok());
    Measured {
        diagnostics: stdout.lines().filter_map(|l| l.strip_prefix("DIAG ")).map(|d| d.replace(&prefix, "")).collect(),
        elapsed: Duration::from_millis(
            value("ELAPSED_MS ").unwrap_or_else(|| panic!("case {case:?}: no time\n{stdout}")),
        ),
        cpu: value("CPU_MS ").map(Duration::from_millis),
        peak_kib: value("PEAK_KIB "),
    }
}

/// The reading took at most `cpu` of processor time (the wall clock where /proc does not tell) and
/// `peak_kib` of memory at the peak.
#[track_caller]
fn assert_fast_and_small(measured: &Measured, cpu: Duration, peak_kib: u64) {
    let took = measured.cpu.unwrap_or(measured.elapsed);
    assert!(took <= cpu, "took {took:?} (wall clock {:?}), more than {cpu:?}", measured.elapsed);
    if let Some(peak) = measured.peak_kib {
        assert!(peak <= peak_kib, "peak memory {peak} KiB, more than {peak_kib} KiB");
    }
}

#[test]
#[ignore = "run by the size tests, in a child process of their own"]
fn child_reads_a_folder() {
    let Some(dir) = std::env::var_os(CHILD_DIR) else { return };
    // The harness has printed `test child_reads_a_folder ... ` without a line break.
    println!();
    let start = Instant::now();
    let run = catch_unwind(|| ltcip_codegen::load(&[PathBuf::from(dir)]));
    let elapsed = start.elapsed();
    let (_, diagnostics) = run.expect("reading panicked");
    println!("ELAPSED_MS {}", elapsed.as_millis());
    // utime and stime, the 14th and 15th fields of /proc/self/stat, in ticks of 1/100 s.
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit_once(") ").map(|(_, rest)| rest.split(' ').collect()).unwrap_or_default();
    if let (Some(user), Some(system)) = (fields.get(11), fields.get(12))
        && let (Ok(user), Ok(system)) = (user.parse::<u64>(), system.parse::<u64>())
    {
        println!("CPU_MS {}", (user + system) * 10);
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(peak) = status.lines().find_map(|l| l.strip_prefix("VmHWM:")) {
        println!("PEAK_KIB {}", peak.trim().trim_end_matches("kB").trim());
    }
    for d in &diagnostics {
        println!("DIAG {d}");
    }
}

#[test]
fn sheet_of_100_000_items() {
    // No 階層レベル columns (as the care-plan tables): each row is a top-level item. The last row's
    // 桁数 is broken. Before: numbering rows without level columns was quadratic in the row count.
    const ITEMS: u32 = 100_000;
    let mut book = Book::new();
    let sheet = book.sheet(SHEET);
    for (col, key, value) in [
        (0, "外部IF_ID", ID),
        (1, "送受信種別", "レスポンス"),
        (2, "形式", "JSON"),
        (3, "外部インタフェース名", "大きな表"),
    ] {
        sheet.heading(0, col, key).put(1, col, value);
    }
    for (col, heading) in (0u16..).zip(["項番", "項目名", "項目", "データ型", "桁数", "可変長/固定長"])
    {
        sheet.heading(3, col, heading);
    }
    for n in 1..=ITEMS {
        let row = 3 + n;
        sheet.put(row, 0, n).put(row, 1, format!("項目{n}")).put(row, 2, format!("k{n}"));
        sheet.put(row, 3, "半角数字").put(row, 4, if n == ITEMS { "x" } else { "6" }).put(row, 5, "固定長");
    }
    let folder = Folder::new().book("big.xlsx", &book);
    let measured = read_in_child("100,000 items", &folder);
    assert_eq!(
        measured.diagnostics,
        [format!(r#"big.xlsx [IF-T-01_レスポンス] E{}: error: 桁数 "x" is not a number"#, ITEMS + 4)]
    );
    // A debug build reads it in about 8.5 s of CPU (measured before and after the reader's second
    // thread); the quadratic numbering took 80 s. The bound sits between the two, clear of what a
    // shared CI machine adds to the 8.5 s.
    assert_fast_and_small(&measured, Duration::from_secs(30), 1024 * 1024);
    println!("100,000 items: {:?} ({:?} CPU), peak {:?} KiB", measured.elapsed, measured.cpu, measured.peak_kib);
}

#[test]
fn stray_cell_at_xfd1048576() {
    // Before: calamine's range of the sheet is dense, rows times columns from A1 to XFD1048576:
    // 17 billion cells, 550 GB, and the process aborts. The grid is sparse now.
    let mut book = base_with(&[(1, DIGITS, "6桁?")]);
    book.sheets[0].put(1_048_575, 16_383, "迷子のセル");
    let folder = Folder::new().book("x.xlsx", &book);
    let measured = read_in_child("XFD1048576", &folder);
    assert_eq!(measured.diagnostics, [r#"x.xlsx [IF-T-01_レスポンス] J6: error: 桁数 "6桁?" is not a number"#]);
    assert_fast_and_small(&measured, Duration::from_secs(2), 128 * 1024);
    println!("XFD1048576: {:?} ({:?} CPU), peak {:?} KiB", measured.elapsed, measured.cpu, measured.peak_kib);
}

#[test]
fn stray_cell_at_xfd1048576_in_a_hand_written_part_declaring_the_whole_sheet() {
    let mut cells = layout_cells(&base_rows());
    cells.push(("XFD1048576".to_owned(), "迷子のセル".to_owned()));
    let bytes = raw_xlsx(&[(SHEET, Some(sheet_xml("A1:XFD1048576", &cells)))]);
    let folder = Folder::new().bytes("x.xlsx", &bytes);
    let measured = read_in_child("XFD1048576 declared", &folder);
    assert_eq!(measured.diagnostics, Vec::<String>::new());
    assert_fast_and_small(&measured, Duration::from_secs(2), 128 * 1024);
}

/// A worksheet part with merged regions added after its cells.
fn with_merges(part: &str, regions: &[&str]) -> String {
    let merges: String = regions.iter().map(|r| format!(r#"<mergeCell ref="{r}"/>"#)).collect();
    part.replace("</sheetData>", &format!(r#"</sheetData><mergeCells count="{}">{merges}</mergeCells>"#, regions.len()))
}

#[test]
fn merged_region_spanning_the_whole_sheet() {
    // Expanding A1:XFD1048576 cell by cell would take 17 billion entries: it is reported and ignored.
    let mut cells = layout_cells(&base_rows());
    cells.push(("XFD1048576".to_owned(), "迷子のセル".to_owned()));
    let part = with_merges(&sheet_xml("A1:XFD1048576", &cells), &["A1:XFD1048576"]);
    let folder = Folder::new().bytes("x.xlsx", &raw_xlsx(&[(SHEET, Some(part))]));
    let measured = read_in_child("whole-sheet merge", &folder);
    assert_eq!(
        measured.diagnostics,
        [
            "x.xlsx [IF-T-01_レスポンス] A1: warning: a merged region too large to expand; its cells are read as if not merged"
        ]
    );
    assert_fast_and_small(&measured, Duration::from_secs(2), 128 * 1024);
}

#[test]
fn sheet_too_large_to_scan() {
    // 5,000 cells on a diagonal: 5,000 rows by 5,000 columns to scan, over the limit of 20 million.
    let cells: Vec<(String, String)> = (0..5000u32)
        .map(|n| {
            let mut col = String::new();
            let mut c = n + 1;
            while c > 0 {
                col.insert(0, char::from(b'A' + ((c - 1) % 26) as u8));
                c = (c - 1) / 26;
            }
            (format!("{col}{}", n + 1), "x".to_owned())
        })
        .collect();
    let folder = Folder::new().bytes("x.xlsx", &raw_xlsx(&[("Sheet1", Some(sheet_xml("A1:GJH5000", &cells)))]));
    let measured = read_in_child("diagonal", &folder);
    assert_eq!(
        measured.diagnostics,
        [
            "x.xlsx [Sheet1] A1:GJH5000: error: the sheet has 5000 rows and 5000 columns in use, 25000000 cells; more than 20000000 are not read"
        ]
    );
    assert_fast_and_small(&measured, Duration::from_secs(2), 128 * 1024);
}

// ---------------------------------------------------------------------------------------------
// Care-plan CSV sheets: the title block of a file layout, and the naming table its fields need. The
// layout sheet (as the fixtures render the annex): title keys in B3:B9 with values in C3:C9
// (ファイル名称, ファイルID, ファイル名, 形式, 文字コード, CSVバージョン, ファイル作成単位), the heading
// on row 11 (B No., C 日本語名称, D 項目長, E 必須, F 書式、選択肢など, G 備考), items from row 12.

fn careplan_row(no: u32, name: &'static str, length: &'static str, format: &'static str) -> CareplanRow {
    CareplanRow { no, name, length, required: true, needed: false, format, remarks: "" }
}

fn careplan_file(file_name: &'static str) -> CareplanFile {
    CareplanFile {
        id: "UPTEST",
        name: "テスト用ファイル",
        file_name,
        has_needed_column: false,
        single_month: false,
        rows: vec![
            careplan_row(1, "CSVバージョン", "6", "YYYYMM"),
            careplan_row(2, "保険者番号", "6", "要介護者が属する自治体のコード"),
            careplan_row(3, "被保険者番号", "10", ""),
        ],
    }
}

const FILE_NAME: &str = "UPTEST_送信元の事業所番号(10桁)_ファイル連番(YYYYMMDDHHMMSS).CSV";

const NAMES: &str = r#"
[names]
"CSVバージョン" = "csv_version"
"保険者番号" = "insurer_number"
"被保険者番号" = "insured_number"
"#;

/// The care-plan workbook of one file with `edits` on its layout sheet, and a naming table.
fn careplan_folder(file: &CareplanFile, edits: &[(&str, Option<Value>)], names: &str) -> Folder {
    let mut book = render_careplan(std::slice::from_ref(file));
    let sheet = book.sheets.iter_mut().find(|s| s.name == file.id).expect("the layout sheet");
    for (cell, value) in edits {
        let (row, col) = parse_a1(cell);
        match value {
            Some(value) => sheet.cells.insert((row, col), value.clone()),
            None => sheet.cells.remove(&(row, col)),
        };
    }
    Folder::new().book("careplan.xlsx", &book).text("careplan-names.toml", names)
}

#[test]
fn careplan_control_reads_without_errors() {
    let outcome = careplan_folder(&careplan_file(FILE_NAME), &[], NAMES).read("care-plan control");
    assert_eq!(outcome.errors(), Vec::<String>::new());
    let keys: Vec<_> = outcome.items("UPTEST", Direction::File).iter().map(|i| i.key.clone()).collect();
    assert_eq!(keys, [Some("csv_version".into()), Some("insurer_number".into()), Some("insured_number".into())]);
    // The file's module, and the files by name (its file name has a rule).
    assert_eq!(outcome.code.len(), 2);
    assert!(outcome.code[1].contains("pub fn identify("), "{}", outcome.code[1]);
}

#[test]
fn careplan_item_the_naming_table_does_not_name() {
    let names = NAMES.replace("\"被保険者番号\" = \"insured_number\"\n", "");
    let outcome = careplan_folder(&careplan_file(FILE_NAME), &[], &names).read("unnamed care-plan item");
    assert_eq!(
        outcome.errors(),
        [
            r#"careplan.xlsx [UPTEST] B14: error: item 3 被保険者番号 of UPTEST has no Rust name: add "被保険者番号" = "..." under [names] or 3 = "..." under [files.UPTEST]"#
        ]
    );
}

#[test]
fn careplan_naming_table_with_a_bad_identifier() {
    let names = NAMES.replace("\"insured_number\"", "\"Insured-Number\"");
    let outcome = careplan_folder(&careplan_file(FILE_NAME), &[], &names).read("bad identifier in the naming table");
    assert_eq!(
        outcome.errors(),
        [
            r#"careplan-names.toml [names] "被保険者番号": error: "Insured-Number" is not a snake_case Rust identifier (a-z, 0-9 and _, not starting with a digit)"#
        ]
    );
}

#[test]
fn careplan_naming_table_with_a_keyword() {
    let names = NAMES.replace("\"insurer_number\"", "\"type\"");
    let outcome = careplan_folder(&careplan_file(FILE_NAME), &[], &names).read("keyword in the naming table");
    assert_eq!(
        outcome.errors(),
        [r#"careplan-names.toml [names] "保険者番号": error: "type" is a Rust keyword; choose another name"#]
    );
}

#[test]
fn careplan_naming_table_that_is_not_toml() {
    let outcome =
        careplan_folder(&careplan_file(FILE_NAME), &[], "[names\n\"保険者番号\" = ").read("naming table not TOML");
    let errors = outcome.errors();
    assert!(
        errors.first().is_some_and(|e| e.starts_with("careplan-names.toml: error: not a valid naming table: ")),
        "{errors:#?}"
    );
}

#[test]
fn careplan_naming_table_numbering_an_item_twice() {
    // Two identifiers that are the same after the table gives them: the emitter reports the clash.
    let names = NAMES.replace("\"insured_number\"", "\"insurer_number\"");
    let outcome = careplan_folder(&careplan_file(FILE_NAME), &[], &names).read("one identifier twice");
    assert_eq!(
        outcome.errors(),
        [
            r#"careplan.xlsx [UPTEST] B14: error: 項目 "insurer_number" of 3 and "insurer_number" of 2 both become field `insurer_number`"#
        ]
    );
}

#[test]
fn careplan_file_name_rule_that_cannot_be_read() {
    let outcome =
        careplan_folder(&careplan_file("UPTEST_送信元の事業所番号(10桁)"), &[], NAMES).read("unreadable ファイル名");
    assert_eq!(
        outcome.errors(),
        [
            r#"careplan.xlsx [UPTEST] C5: error: ファイル名 "UPTEST_送信元の事業所番号(10桁)" cannot be read: no extension (e.g. .CSV)"#
        ]
    );
}

#[test]
fn careplan_file_name_rule_with_a_bad_field() {
    let rule = "UPTEST_送信元の事業所番号(十桁)_ファイル連番(YYYYMMDDHHMMSS).CSV";
    let outcome = careplan_folder(&careplan_file(rule), &[], NAMES).read("ファイル名 field");
    assert_eq!(
        outcome.errors(),
        [format!(
            r#"careplan.xlsx [UPTEST] C5: error: ファイル名 "{rule}" cannot be read: field "送信元の事業所番号(十桁)": "十" is not a number"#
        )]
    );
}

#[test]
fn careplan_csv_version_that_is_not_six_digits() {
    let edits = [("C8", text("2024年7月"))];
    let outcome = careplan_folder(&careplan_file(FILE_NAME), &edits, NAMES).read("CSVバージョン");
    assert_eq!(
        outcome.errors(),
        [r#"careplan.xlsx [UPTEST] C8: error: CSVバージョン "2024年7月" is not 6 digits (YYYYMM)"#]
    );
}

#[test]
fn careplan_csv_version_as_a_number_cell_with_seven_digits() {
    let edits = [("C8", Some(Value::Number(2_024_070.0)))];
    let outcome = careplan_folder(&careplan_file(FILE_NAME), &edits, NAMES).read("CSVバージョン 7 digits");
    assert_eq!(
        outcome.errors(),
        [r#"careplan.xlsx [UPTEST] C8: error: CSVバージョン "2024070" is not 6 digits (YYYYMM)"#]
    );
}

#[test]
fn careplan_title_block_with_a_file_id_but_no_table() {
    // The heading row and the items removed: the title block is all that is left of the layout.
    let mut file = careplan_file(FILE_NAME);
    file.rows.clear();
    let edits: Vec<(&str, Option<Value>)> = ["B11", "C11", "D11", "E11", "F11", "G11"].map(|c| (c, None)).to_vec();
    let outcome = careplan_folder(&file, &edits, NAMES).read("ファイルID, no table");
    assert_eq!(
        outcome.errors(),
        [
            "careplan.xlsx [UPTEST] C4: error: no layout table follows the title block of UPTEST ファイル (a heading row with 項番, 項目名 and another known column)"
        ]
    );
}

#[test]
fn careplan_length_that_is_not_a_number() {
    let edits = [("D13", text("６桁?"))];
    let outcome = careplan_folder(&careplan_file(FILE_NAME), &edits, NAMES).read("項目長 not a number");
    assert_eq!(outcome.errors(), [r#"careplan.xlsx [UPTEST] D13: error: 桁数 "６桁?" is not a number"#]);
}
