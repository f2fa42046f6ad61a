//! Layouts and spellings a real workbook of the families plausibly uses beyond our fixtures (issue 14,
//! second pass): title keys and values in one cell, headings over two rows or starting lower, empty and
//! hidden columns, 別紙13-style 出現回数 / 桁数 / 階層レベル / データ型 variations, and index sheets in
//! other words. Each test writes a small workbook, reads it, and asserts the model the published
//! spelling gives, or a diagnostic naming the cell where accepting would be a guess.

#![allow(dead_code)] // the shared support module has helpers this file does not use

mod support;

use ltcip_codegen::model::{CharClass, DataType, Item};
use ltcip_fixtures::{Book, Sheet, Value};
use ltcip_runtime::DateFormat;

/// Writes rows of text from `top`, skipping empty cells; headings styled as headings.
fn put_rows(sheet: &mut Sheet, top: u32, rows: &[&[&str]], heading: bool) {
    for (r, row) in (top..).zip(rows) {
        for (c, cell) in (0..).zip(row.iter()) {
            if cell.is_empty() {
                continue;
            }
            if heading {
                sheet.heading(r, c, *cell);
            } else {
                sheet.put(r, c, Value::Text((*cell).to_owned()));
            }
        }
    }
}

/// A workbook read: its items (outline flattened), interfaces and every diagnostic as printed.
struct Reading {
    items: Vec<Item>,
    ids: Vec<(String, String)>,
    diagnostics: Vec<String>,
}

impl Reading {
    fn item(&self, no: u32) -> &Item {
        let no = no.to_string();
        self.items
            .iter()
            .find(|i| i.no.trim_start_matches('0') == no)
            .unwrap_or_else(|| panic!("no item {no}: {:#?}", self.diagnostics))
    }

    fn occurs(&self, no: u32) -> (u32, Option<u32>) {
        let o = self.item(no).occurs;
        (o.min, o.max)
    }

    fn clean(&self) -> &Self {
        assert!(self.diagnostics.is_empty(), "{:#?}", self.diagnostics);
        self
    }

    /// Each item's number and outline position.
    fn outline(&self) -> Vec<(&str, Vec<u32>)> {
        self.items.iter().map(|i| (i.no.as_str(), i.level.clone())).collect()
    }

    fn errors_at(&self, cell: &str) -> Vec<&str> {
        let tag = format!("] {cell}: error: ");
        self.diagnostics.iter().filter(|d| d.contains(&tag)).map(String::as_str).collect()
    }
}

fn read_sheet(book: &Book) -> Reading {
    let written = support::read_book(book, "probe.xlsx");
    let diagnostics = written.read.diagnostics.iter().map(ToString::to_string).collect();
    let ids = written.read.spec.interfaces.iter().map(|i| (i.id.clone(), i.name.clone())).collect();
    let items = written
        .read
        .spec
        .interfaces
        .iter()
        .flat_map(|i| &i.layouts)
        .flat_map(|l| &l.sections)
        .flat_map(|s| s.items.iter().flat_map(Item::walk).cloned())
        .collect();
    Reading { items, ids, diagnostics }
}

/// 別紙13 headings: 項番, 階層レベル ×2, 項目名, 項目, フォーマット, 出現回数 (最小, 最大), データ型, 桁数,
/// 可変長/固定長, 備考.
const HEAD: [&str; 12] = [
    "項番",
    "階層レベル",
    "",
    "項目名（日本語）",
    "項目",
    "フォーマット",
    "出現回数",
    "",
    "データ型",
    "桁数",
    "可変長/固定長",
    "備考",
];
const SUB: [&str; 12] = ["", "", "", "", "", "", "最小", "最大", "", "", "", ""];

/// A 別紙13-style response sheet: title block rows 0–1, headings on rows 3–4, `rows` from row 5.
fn besshi(rows: &[[&str; 12]]) -> Book {
    let mut book = Book::new();
    let sheet = book.sheet("IF-I6-01-04-01_レスポンス");
    put_rows(sheet, 0, &[&["外部インターフェイス名", "外部IF_ID", "送受信種別", "形式"]], true);
    put_rows(sheet, 1, &[&["参照", "IF-I6-01-04-01", "レスポンス", "JSON"]], false);
    put_rows(sheet, 3, &[&HEAD, &SUB], true);
    sheet.merge(3, 1, 3, 2).merge(3, 6, 3, 7);
    for c in [0u16, 3, 4, 5, 8, 9, 10, 11] {
        sheet.merge(3, c, 4, c);
    }
    let rows: Vec<&[&str]> = rows.iter().map(|r| &r[..]).collect();
    put_rows(sheet, 5, &rows, false);
    book
}

/// The three items every 別紙13 probe starts from: a top-level code, a list, and a date in the list.
fn items() -> [[&'static str; 12]; 3] {
    [
        ["01", "1", "", "結果", "result", "-", "1", "1", "半角数字", "1", "固定長", ""],
        ["02", "2", "", "一覧", "list", "-", "0", "n", "リスト", "-", "-", ""],
        ["03", "2", "1", "日付", "date", "-", "1", "1", "半角文字", "10", "固定長", ""],
    ]
}

#[test]
fn the_baseline_reads_without_findings() {
    let read = read_sheet(&besshi(&items()));
    read.clean();
    assert_eq!(read.occurs(2), (0, None));
    assert_eq!(read.item(3).level, [2, 1]);
}

/// The 別紙13 sheet with 出現回数 in one column (no 最小/最大 under it), item 02's cell set to `occurs`.
fn occurs_in_one_column(occurs: &str) -> Book {
    let rows: Vec<[&str; 12]> = items()
        .into_iter()
        .map(|mut r| {
            r[6] = if r[0] == "02" { occurs } else { "1" };
            r[7] = "";
            r
        })
        .collect();
    let mut book = besshi(&rows);
    let sheet = &mut book.sheets[0];
    sheet.cells.remove(&(4, 6));
    sheet.cells.remove(&(4, 7));
    sheet.merges.retain(|m| *m != (3, 6, 3, 7));
    sheet.merge(3, 6, 4, 6);
    book
}

#[test]
fn occurs_in_one_column_reads_both_bounds() {
    for (cell, bounds) in [
        ("0..1", (0, Some(1))),
        ("0～1", (0, Some(1))),
        ("1..n", (1, None)),
        ("0..N", (0, None)),
        ("1..*", (1, None)),
        ("0〜99", (0, Some(99))),
        ("1", (1, Some(1))),
        ("*", (0, None)),
    ] {
        let read = read_sheet(&occurs_in_one_column(cell));
        assert!(read.diagnostics.is_empty(), "{cell}: {:#?}", read.diagnostics);
        assert_eq!(read.occurs(2), bounds, "{cell}");
        assert_eq!(read.occurs(1), (1, Some(1)), "{cell}");
    }
}

#[test]
fn a_lone_unbounded_mark_in_one_occurs_column_is_an_error_saying_what_to_write() {
    let read = read_sheet(&occurs_in_one_column("n"));
    let errors = read.errors_at("G7");
    assert_eq!(errors.len(), 1, "{:#?}", read.diagnostics);
    assert!(errors[0].contains("write 0..n or 1..n"), "{}", errors[0]);
    let read = read_sheet(&occurs_in_one_column("1..x"));
    assert_eq!(read.errors_at("G7").len(), 1, "{:#?}", read.diagnostics);
}

#[test]
fn unbounded_maximum_spellings() {
    for mark in ["N", "*", "∞", "複数", "ｎ"] {
        let mut rows = items();
        rows[1][7] = mark;
        let read = read_sheet(&besshi(&rows));
        assert!(read.diagnostics.is_empty(), "{mark}: {:#?}", read.diagnostics);
        assert_eq!(read.occurs(2), (0, None), "{mark}");
    }
}

#[test]
fn none_marks_in_a_lists_length() {
    for mark in ["", "－", "―"] {
        let mut rows = items();
        rows[1][9] = mark;
        rows[1][10] = mark;
        let read = read_sheet(&besshi(&rows));
        assert!(read.diagnostics.is_empty(), "{mark:?}: {:#?}", read.diagnostics);
        assert_eq!(read.item(2).length, None);
    }
}

#[test]
fn date_formats_in_other_cases() {
    for (format, date) in [
        ("yyyy-MM-dd", Some(DateFormat::YyyyMmDdHyphen)),
        ("YYYY-MM-DD", Some(DateFormat::YyyyMmDdHyphen)),
        ("yyyyMMddHHmmss", Some(DateFormat::YyyyMmDdHhMmSs)),
        // A time of day alone is no date: kept as documentation.
        ("HH:MM:SS", None),
    ] {
        let mut rows = items();
        rows[2][5] = format;
        let read = read_sheet(&besshi(&rows));
        read.clean();
        assert_eq!(read.item(3).rules.date, date, "{format}");
        assert_eq!(read.item(3).format.as_deref(), Some(format));
    }
}

#[test]
fn data_type_spellings_of_other_tables() {
    use CharClass::*;
    for (written, means) in [
        ("数字", DataType::Text(HalfDigits)),
        ("英数字", DataType::Text(HalfAlphanumeric)),
        ("半角英数", DataType::Text(HalfAlphanumeric)),
        ("全角", DataType::Text(Full)),
        ("文字列(全角)", DataType::Text(Full)),
        ("全角文字列", DataType::Text(Full)),
        ("半角", DataType::Text(Half)),
        ("string", DataType::Text(Mixed)),
        ("number", DataType::Decimal),
        ("数値", DataType::Decimal),
        ("整数", DataType::Decimal),
    ] {
        let mut rows = items();
        rows[2][8] = written;
        let read = read_sheet(&besshi(&rows));
        assert!(read.diagnostics.is_empty(), "{written}: {:#?}", read.diagnostics);
        assert_eq!(read.item(3).data_type, Some(means), "{written}");
    }
}

#[test]
fn a_data_type_with_no_meaning_here_is_an_error_naming_the_entry_that_would_accept_it() {
    // boolean and object have no 別紙13 meaning; 日付 and 半角英数字記号 could mean more than one.
    for written in ["boolean", "object", "日付", "半角英数字記号"] {
        let mut rows = items();
        rows[2][8] = written;
        let read = read_sheet(&besshi(&rows));
        let errors = read.errors_at("I8");
        assert_eq!(errors.len(), 1, "{written}: {:#?}", read.diagnostics);
        assert!(errors[0].contains(&format!("spellings = [\"{written}\"]")), "{}", errors[0]);
        assert!(errors[0].contains("[[data_type]]"), "{}", errors[0]);
        assert_eq!(read.item(3).data_type, None);
    }
}

/// The 別紙13 sheet with one 階層レベル column (merged down, the second column unused).
fn one_level_column(rows: &[[&str; 12]]) -> Book {
    let mut book = besshi(rows);
    let sheet = &mut book.sheets[0];
    sheet.merges.retain(|m| *m != (3, 1, 3, 2));
    sheet.merge(3, 1, 4, 1);
    book
}

#[test]
fn one_level_column_of_depths_is_read_as_depths() {
    let rows = [
        ["01", "1", "", "結果", "result", "-", "1", "1", "半角数字", "1", "固定長", ""],
        ["02", "1", "", "一覧", "list", "-", "0", "n", "リスト", "-", "-", ""],
        ["03", "2", "", "日付", "date", "-", "1", "1", "半角文字", "10", "固定長", ""],
        ["04", "2", "", "子", "kid", "-", "0", "n", "リスト", "-", "-", ""],
        ["05", "3", "", "孫", "grandkid", "-", "1", "1", "半角文字", "10", "固定長", ""],
        ["06", "1", "", "最後", "last", "-", "1", "1", "半角文字", "10", "固定長", ""],
    ];
    let read = read_sheet(&one_level_column(&rows));
    assert_eq!(
        read.outline(),
        [
            ("01", vec![1]),
            ("02", vec![2]),
            ("03", vec![2, 1]),
            ("04", vec![2, 2]),
            ("05", vec![2, 2, 1]),
            ("06", vec![3]),
        ]
    );
    // One note says how the column was read; nothing else.
    assert_eq!(read.diagnostics.len(), 1, "{:#?}", read.diagnostics);
    assert!(read.diagnostics[0].contains(": note: 階層レベル holds each item's depth"), "{}", read.diagnostics[0]);
}

#[test]
fn one_level_column_of_positions_stays_positions() {
    // Counting up: positions at level 1, as 別紙13 numbers a flat table.
    let flat = [
        ["01", "1", "", "結果", "result", "-", "1", "1", "半角数字", "1", "固定長", ""],
        ["02", "2", "", "名前", "name", "-", "1", "1", "全角文字", "10", "可変長", ""],
        ["03", "3", "", "日付", "date", "-", "1", "1", "半角文字", "10", "固定長", ""],
    ];
    let read = read_sheet(&one_level_column(&flat));
    read.clean();
    assert_eq!(read.outline(), [("01", vec![1]), ("02", vec![2]), ("03", vec![3])]);
    // A number that does not count up, after an item that is not a リスト: a slip in positions, not a
    // depth (nothing can be under a 半角数字 item), so warned as before.
    let slip = [
        ["01", "1", "", "結果", "result", "-", "1", "1", "半角数字", "1", "固定長", ""],
        ["02", "2", "", "名前", "name", "-", "1", "1", "全角文字", "10", "可変長", ""],
        ["03", "2", "", "日付", "date", "-", "1", "1", "半角文字", "10", "固定長", ""],
    ];
    let read = read_sheet(&one_level_column(&slip));
    assert_eq!(read.outline(), [("01", vec![1]), ("02", vec![2]), ("03", vec![2])]);
    assert!(
        read.diagnostics.iter().any(|d| d.contains("warning: 階層レベル 2 of 03 日付 does not follow 2")),
        "{:#?}",
        read.diagnostics
    );
}

/// The 別紙13 sheet without 階層レベル columns: 項番's heading merged over where they were.
fn no_level_columns(rows: &[[&str; 12]]) -> Book {
    let mut book = besshi(rows);
    let sheet = &mut book.sheets[0];
    sheet.cells.remove(&(3, 1));
    sheet.merges.retain(|m| *m != (3, 1, 3, 2) && *m != (3, 0, 4, 0));
    sheet.merge(3, 0, 4, 2);
    book
}

#[test]
fn outline_numbers_in_the_item_number_place_items_without_level_columns() {
    let rows = [
        ["1", "", "", "結果", "result", "-", "1", "1", "半角数字", "1", "固定長", ""],
        ["2", "", "", "一覧", "list", "-", "0", "n", "リスト", "-", "-", ""],
        ["2.1", "", "", "日付", "date", "-", "1", "1", "半角文字", "10", "固定長", ""],
        ["２．２", "", "", "子", "kid", "-", "0", "n", "リスト", "-", "-", ""],
        ["2.2.1", "", "", "孫", "grandkid", "-", "1", "1", "半角文字", "10", "固定長", ""],
        ["3", "", "", "最後", "last", "-", "1", "1", "半角文字", "10", "固定長", ""],
    ];
    let read = read_sheet(&no_level_columns(&rows));
    read.clean();
    assert_eq!(
        read.outline(),
        [
            ("01", vec![1]),
            ("02", vec![2]),
            ("2.1", vec![2, 1]),
            ("2.2", vec![2, 2]),
            ("2.2.1", vec![2, 2, 1]),
            ("03", vec![3]),
        ]
    );
    // An outline number under an item that is not a リスト is reported as any misplaced row is.
    let mut rows = rows;
    rows[1][8] = "半角文字";
    rows[1][9] = "1";
    let read = read_sheet(&no_level_columns(&rows));
    assert!(read.errors_at("A8").iter().any(|e| e.contains("which is not a リスト")), "{:#?}", read.diagnostics);
}

#[test]
fn title_keys_with_their_values_in_one_cell_and_a_heading_further_down() {
    let mut book = besshi(&items());
    let sheet = &mut book.sheets[0];
    sheet.cells.clear();
    sheet.name = "Sheet1".into();
    put_rows(
        sheet,
        0,
        &[
            &["外部インターフェイス名：参照"],
            &["外部IF_ID：IF-I6-01-04-01"],
            &["送受信種別: レスポンス"],
            &["形式: JSON"],
        ],
        false,
    );
    put_rows(sheet, 5, &[&HEAD, &SUB], true);
    let rows = items();
    let rows: Vec<&[&str]> = rows.iter().map(|r| &r[..]).collect();
    put_rows(sheet, 7, &rows, false);
    sheet.merges = vec![(5, 1, 5, 2), (5, 6, 5, 7)];
    for c in [0u16, 3, 4, 5, 8, 9, 10, 11] {
        sheet.merge(5, c, 6, c);
    }
    let read = read_sheet(&book);
    read.clean();
    assert_eq!(read.ids, [("IF-I6-01-04-01".to_owned(), "参照".to_owned())]);
    assert_eq!(read.outline(), [("01", vec![1]), ("02", vec![2]), ("03", vec![2, 1])]);
}

#[test]
fn a_key_with_its_value_in_a_text_column_of_the_table_is_a_note_not_a_title() {
    let mut rows = items();
    rows[2][11] = "形式：YYYY-MM-DD";
    let read = read_sheet(&besshi(&rows));
    read.clean();
    assert_eq!(read.items.len(), 3);
    assert_eq!(read.item(3).remarks.as_deref(), Some("形式：YYYY-MM-DD"));
}

/// A LIFE-style sheet: the title cell with its ID in brackets, headings from row 3.
fn life_sheet(book: &mut Book) -> &mut Sheet {
    let sheet = book.sheet("SERVICE_USER_INFO");
    sheet.put(0, 0, "利用者情報　【SERVICE_USER_INFO】");
    sheet
}

#[test]
fn a_length_heading_over_integer_and_decimal_columns() {
    let mut book = Book::new();
    let sheet = life_sheet(&mut book);
    put_rows(
        sheet,
        2,
        &[
            &["No.", "ファイル項目ID", "ファイル項目名", "タイプ", "桁数", "", "必須", "備考"],
            &["", "", "", "", "整数", "小数", "", ""],
        ],
        true,
    );
    sheet.merge(2, 4, 2, 5);
    for c in [0u16, 1, 2, 3, 6, 7] {
        sheet.merge(2, c, 3, c);
    }
    put_rows(
        sheet,
        4,
        &[&["1", "height", "身長", "数値", "3", "1", "○", ""], &["2", "name", "名", "文字列", "10", "", "○", ""]],
        false,
    );
    let read = read_sheet(&book);
    read.clean();
    assert_eq!(read.ids, [("SERVICE_USER_INFO".to_owned(), "利用者情報".to_owned())]);
    let height = read.item(1);
    assert_eq!(
        (height.data_type, height.length.map(|l| l.digits), height.decimals),
        (Some(DataType::Decimal), Some(3), Some(1))
    );
    let name = read.item(2);
    assert_eq!(
        (name.data_type, name.length.map(|l| l.digits), name.decimals),
        (Some(DataType::Text(CharClass::Mixed)), Some(10), None)
    );
}

#[test]
fn empty_columns_between_headings() {
    let mut book = Book::new();
    let sheet = life_sheet(&mut book);
    put_rows(
        sheet,
        2,
        &[&["No.", "", "ファイル項目ID", "ファイル項目名", "", "タイプ", "整数桁", "必須", "備考"]],
        true,
    );
    put_rows(
        sheet,
        3,
        &[
            &["1", "", "height", "身長", "", "数値", "3", "○", ""],
            &["2", "", "name", "名", "", "文字列", "10", "○", ""],
        ],
        false,
    );
    let read = read_sheet(&book);
    read.clean();
    assert_eq!(read.items.iter().map(|i| i.key.as_deref()).collect::<Vec<_>>(), [Some("height"), Some("name")]);
    assert_eq!(read.item(2).length.map(|l| l.digits), Some(10));
}

/// 別紙13's sheet, with neither a name in its title block nor a sheet name that says anything, after an
/// interface list headed `headings` that names it 参照.
fn listed(headings: [&str; 4]) -> Book {
    let mut book = besshi(&items());
    book.sheets[0].name = "Sheet1".into();
    book.sheets[0].cells.remove(&(0, 0));
    book.sheets[0].cells.remove(&(1, 0));
    let mut list = Sheet { name: "API一覧".into(), ..Sheet::default() };
    put_rows(&mut list, 0, &[&headings], true);
    put_rows(&mut list, 1, &[&["1", "IF-I6-01-04-01", "参照", "レスポンス"]], false);
    book.sheets.insert(0, list);
    book
}

#[test]
fn interface_lists_headed_in_other_words() {
    for headings in [
        ["No", "IF ID", "API名", "送受信種別"],
        ["No", "インターフェースID", "インターフェース名", "送受信種別"],
        ["№", "ＩＦ－ＩＤ", "API名称", "種別"],
    ] {
        let read = read_sheet(&listed(headings));
        assert!(read.diagnostics.is_empty(), "{headings:?}: {:#?}", read.diagnostics);
        assert_eq!(read.ids, [("IF-I6-01-04-01".to_owned(), "参照".to_owned())]);
    }
    // The control: a list whose headings say nothing known is not read as one, so the name is not found.
    let read = read_sheet(&listed(["No", "コード", "呼び名", "種別"]));
    assert_eq!(read.ids.len(), 1);
    assert_ne!(read.ids[0].1, "参照");
}

#[test]
fn history_and_empty_sheets_are_passed_over() {
    let mut book = besshi(&items());
    let mut history = Sheet { name: "改訂履歴".into(), ..Sheet::default() };
    put_rows(
        &mut history,
        0,
        &[&["版数", "改訂日", "改訂内容", "改訂者"], &["1.0", "2024/01/01", "初版", "厚労"]],
        true,
    );
    book.sheets.push(history);
    book.sheets.push(Sheet { name: "空".into(), ..Sheet::default() });
    let mut changes = Sheet { name: "変更履歴".into(), ..Sheet::default() };
    put_rows(
        &mut changes,
        0,
        &[&["項番", "変更日", "変更箇所", "変更内容"], &["1", "2024/01/01", "全体", "初版"]],
        true,
    );
    book.sheets.push(changes);
    let read = read_sheet(&book);
    read.clean();
    assert_eq!(read.ids.len(), 1);
    assert_eq!(read.items.len(), 3);
}
