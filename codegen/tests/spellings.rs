//! Spellings a real MHLW / 国保中央会 workbook plausibly uses beyond our fixtures' own (issue 14): each
//! test writes a small workbook in the LIFE or care-plan annex style with cells spelled another way,
//! reads it, and asserts the model the fixture's spelling gives, or a diagnostic naming the cell where
//! accepting would be a guess.

#![allow(dead_code)] // the shared support module has helpers this file does not use

mod support;

use ltcip_codegen::diag::Severity;
use ltcip_codegen::model::{DataType, DateFormat, Item, Mode};
use ltcip_fixtures::life::{HEADINGS, LEGEND};
use ltcip_fixtures::{Book, Value};

/// One LIFE row: No, ID, 名, タイプ, 桁, 小数, 必須, 範囲, 書式, コード値, 説明, 備考.
type Row = [&'static str; 12];

/// A LIFE-style workbook: one interface sheet (title cell A1, legend G1, headings on row 3, `rows`
/// below) and a code sheet ICFコード with two codes.
fn book(title: &str, legend: &str, headings: &[&str], rows: &[Row]) -> Book {
    let mut book = Book::new();
    let sheet = book.sheet("SERVICE_USER_INFO");
    sheet.put(0, 0, title);
    if !legend.is_empty() {
        sheet.put(0, 6, legend);
    }
    for (c, h) in (0..).zip(headings) {
        sheet.heading(2, c, *h);
    }
    for (r, row) in (3..).zip(rows) {
        for (c, cell) in (0..).zip(row) {
            if !cell.is_empty() {
                sheet.put(r, c, Value::Text((*cell).to_owned()));
            }
        }
    }
    let codes = book.sheet("ICFコード");
    codes.heading(0, 0, "№").heading(0, 1, "ICFコード").heading(0, 2, "ICF名称");
    codes.put(1, 0, 1u32).put(1, 1, "b110").put(1, 2, "意識機能");
    codes.put(2, 0, 2u32).put(2, 1, "b114").put(2, 2, "見当識機能");
    book
}

/// A workbook read: its items (one LIFE interface) and every diagnostic as printed.
struct Reading {
    items: Vec<Item>,
    ids: Vec<(String, String)>,
    diagnostics: Vec<String>,
}

impl Reading {
    fn item(&self, no: u32) -> &Item {
        let no = no.to_string();
        self.items.iter().find(|i| i.no == no).unwrap_or_else(|| panic!("no item {no}: {:#?}", self.diagnostics))
    }

    fn codes(&self, no: u32) -> Vec<&str> {
        self.item(no).rules.codes.iter().map(|c| c.value.as_str()).collect()
    }

    fn range(&self, no: u32) -> Option<(Option<&str>, Option<&str>)> {
        self.item(no).rules.range.as_ref().map(|r| (r.min.as_deref(), r.max.as_deref()))
    }

    fn at(&self, cell: &str, severity: Severity) -> Vec<&str> {
        let tag = format!("] {cell}: {severity}: ");
        self.diagnostics.iter().filter(|d| d.contains(&tag)).map(String::as_str).collect()
    }
}

fn read(book: &Book) -> Reading {
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
        .flat_map(|s| s.items.iter().cloned())
        .collect();
    Reading { items, ids, diagnostics }
}

fn life(rows: &[Row]) -> Reading {
    read(&book(TITLE, LEGEND, &HEADINGS, rows))
}

/// A row of item `no` with its タイプ, 桁, and one other cell (column index, text) set.
fn row(no: &'static str, data_type: &'static str, digits: &'static str, col: usize, text: &'static str) -> Row {
    let mut row: Row = [no, "", "名", data_type, digits, "", "◎", "", "", "", "", ""];
    row[1] =
        ["", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11", "a12", "a13", "a14", "a15", "a16"]
            [no.parse::<usize>().expect("a number")];
    row[col] = text;
    row
}

const TITLE: &str = "利用者情報　【SERVICE_USER_INFO】";
const CODES: usize = 9;
const RANGE: usize = 7;
const FORMAT: usize = 8;
const REQUIRED: usize = 6;
const DESCRIPTION: usize = 10;

/// Item numbers as a row writes them.
const NOS: [&str; 17] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16"];

#[test]
fn code_values_in_other_separators_and_on_one_line() {
    let cells = [
        "1:男性\n2:女性",
        "1．男性\n2．女性",
        "1 男性\n2 女性",
        "1＝男性\n2＝女性",
        "1：男性、2：女性",
        "1：男性／2：女性",
        "1：男性\n2：女性\n\n",
        "１：男性\n２：女性",
        "1 ： 男性\n2 ： 女性",
        "1.男性\n2.女性",
        "1：男性　2：女性",
    ];
    let rows: Vec<Row> = (1..).zip(cells).map(|(n, c)| row(NOS[n], "文字列", "1", CODES, c)).collect();
    let read = life(&rows);
    assert!(read.diagnostics.is_empty(), "{:#?}", read.diagnostics);
    for (n, cell) in (1..).zip(cells) {
        assert_eq!(read.codes(n), ["1", "2"], "{cell:?}");
        let labels: Vec<Option<&str>> = read.item(n).rules.codes.iter().map(|c| c.label.as_deref()).collect();
        assert_eq!(labels, [Some("男性"), Some("女性")], "{cell:?}");
    }
}

#[test]
fn code_sheet_references_in_other_words() {
    let cells = ["別シート「ICFコード」参照", "ICFコード表参照", "※「ICFコード」シート参照", "※ICFコードを参照"];
    let rows: Vec<Row> = (1..).zip(cells).map(|(n, c)| row(NOS[n], "文字列", "4", CODES, c)).collect();
    let read = life(&rows);
    assert!(read.diagnostics.is_empty(), "{:#?}", read.diagnostics);
    for (n, cell) in (1..).zip(cells) {
        assert_eq!(read.codes(n), ["b110", "b114"], "{cell:?}");
    }
    // A code sheet named with 表, its code column headed without it and with a stray space.
    let mut book = book(TITLE, LEGEND, &HEADINGS, &[row("1", "文字列", "4", CODES, "※ICFコード参照")]);
    let sheet = book.sheets.iter_mut().find(|s| s.name == "ICFコード").expect("the code sheet");
    sheet.name = "ICFコード表".to_owned();
    sheet.put(0, 1, "ICFコード\u{3000}");
    let read = self::read(&book);
    assert!(read.diagnostics.is_empty(), "{:#?}", read.diagnostics);
    assert_eq!(read.codes(1), ["b110", "b114"]);
}

#[test]
fn ranges_in_other_spellings() {
    let cells = ["0～100", "0〜100", "0~100", "0 - 100", "0－100", "0以上100以下", "０～１００", "0∼100", "0　～　100"];
    let mut rows: Vec<Row> = (1..).zip(cells).map(|(n, c)| row(NOS[n], "数値", "3", RANGE, c)).collect();
    rows.push(row("10", "数値", "2", RANGE, "−10～10"));
    rows.push(row("11", "数値", "2", RANGE, "1～"));
    rows.push(row("12", "数値", "2", RANGE, "0以上"));
    let mut decimals = row("13", "数値", "2", RANGE, "0.0～99.9");
    decimals[5] = "1";
    rows.push(decimals);
    rows.push(row("14", "数値", "2", RANGE, "0未満"));
    let read = life(&rows);
    for (n, cell) in (1..).zip(cells) {
        assert_eq!(read.range(n), Some((Some("0"), Some("100"))), "{cell:?}");
    }
    assert_eq!(read.range(10), Some((Some("-10"), Some("10"))));
    assert_eq!(read.range(11), Some((Some("1"), None)));
    assert_eq!(read.range(12), Some((Some("0"), None)));
    assert_eq!((read.range(13), read.item(13).decimals), (Some((Some("0.0"), Some("99.9"))), Some(1)));
    // An exclusive bound is no inclusive range: documentation, said at its cell.
    assert_eq!(read.range(14), None);
    assert_eq!(read.at("H17", Severity::Note).len(), 1, "{:#?}", read.diagnostics);
    assert_eq!(read.diagnostics.len(), 1, "{:#?}", read.diagnostics);
}

#[test]
fn types_and_lengths_in_other_spellings() {
    let rows = [
        row("1", "文字", "10", 0, "1"),
        row("2", "整数", "3", 0, "2"),
        row("3", " 文字列 ", "１０", 0, "3"),
        row("4", "数　値", "10桁", 0, "4"),
        row("5", "文字列", "(10)", 0, "5"),
        row("6", "文字列", "10.0", 0, "6"),
        row("7", "文字列", "（１０）", 0, "7"),
        row("8", "数値", "10,2", 0, "8"),
        row("9", "日付", "8", 0, "9"),
    ];
    let read = life(&rows);
    let shape = |n: u32| (read.item(n).data_type, read.item(n).length.as_ref().map(|l| l.digits));
    let text = Some(DataType::Text(ltcip_codegen::model::CharClass::Mixed));
    assert_eq!(shape(1), (text, Some(10)));
    assert_eq!(shape(2), (Some(DataType::Decimal), Some(3)));
    assert_eq!(shape(3), (text, Some(10)));
    assert_eq!(shape(4), (Some(DataType::Decimal), Some(10)));
    assert_eq!(shape(5), (text, Some(10)));
    assert_eq!(shape(6), (text, Some(10)));
    assert_eq!(shape(7), (text, Some(10)));
    assert!(read.item(1).quoted && !read.item(2).quoted, "文字 is written quoted as 文字列 is, 整数 not");
    // Two numbers in one 桁数 cell read two ways: said at the cell, not guessed.
    let two = read.at("E11", Severity::Error);
    assert_eq!(two.len(), 1, "{:#?}", read.diagnostics);
    assert!(two[0].ends_with("桁数 \"10,2\" is not a number"), "{}", two[0]);
    // 日付 says nothing of how a date is written: an error naming the entry that would accept it.
    let date = read.at("D12", Severity::Error);
    assert_eq!(date.len(), 1, "{:#?}", read.diagnostics);
    assert!(date[0].contains("[[data_type]] means = ") && date[0].contains("spellings = [\"日付\"]"), "{}", date[0]);
    assert_eq!(read.diagnostics.len(), 2, "{:#?}", read.diagnostics);
}

#[test]
fn formats_in_either_case_and_with_notes() {
    let cells = [
        ("YYYYMMDD", DateFormat::YyyyMmDd),
        ("yyyymmdd", DateFormat::YyyyMmDd),
        ("ＹＹＹＹＭＭＤＤ", DateFormat::YyyyMmDd),
        ("YYYYMMDD（西暦）", DateFormat::YyyyMmDd),
        ("yyyymmdd(西暦)", DateFormat::YyyyMmDd),
        ("YYYY/MM/DD", DateFormat::YyyyMmDdSlash),
        ("HHmm", DateFormat::HhMm),
        ("hhmm", DateFormat::HhMm),
        ("HH:mm", DateFormat::HhMmColon),
    ];
    let rows: Vec<Row> = (1..).zip(cells).map(|(n, (c, _))| row(NOS[n], "文字列", "10", FORMAT, c)).collect();
    let read = life(&rows);
    assert!(read.diagnostics.is_empty(), "{:#?}", read.diagnostics);
    for (n, (cell, format)) in (1..).zip(cells) {
        assert_eq!(read.item(n).rules.date, Some(format), "{cell:?}");
    }
}

#[test]
fn required_circles_agree_with_the_legend_whichever_is_typed() {
    let rows = [
        row("1", "文字列", "5", REQUIRED, "○"),
        row("2", "文字列", "5", REQUIRED, "〇"),
        row("3", "文字列", "5", REQUIRED, "◯"),
        row("4", "文字列", "5", REQUIRED, "◎"),
    ];
    let legends = [
        LEGEND,
        "◎：常に必須、〇：確定取込時必須（※）、●：確定取込時かつその他条件に応じて必須（※）",
        "◎:常に必須, ◯:確定取込時必須(※), ●:確定取込時かつその他条件に応じて必須(※)",
        "◎ ： 常に必須　○ ： 確定取込時必須（※）　● ： 確定取込時かつその他条件に応じて必須（※）",
    ];
    for legend in legends {
        let read = self::read(&book(TITLE, legend, &HEADINGS, &rows));
        assert!(read.diagnostics.is_empty(), "{legend}: {:#?}", read.diagnostics);
        for n in 1..=3 {
            let item = read.item(n);
            assert_eq!(item.occurs.min, 0, "{legend}: {}", item.requirement.as_ref().map_or("", |r| &r.mark));
            assert_eq!(item.requirement.as_ref().map(|r| r.mode), Some(Mode::Final), "{legend}");
        }
        assert_eq!((read.item(4).occurs.min, read.item(4).requirement.is_none()), (1, true), "{legend}");
    }
    // A mark neither the legend nor the vocabulary lists is an error at its cell.
    let read = life(&[row("1", "文字列", "5", REQUIRED, "※")]);
    let unknown = read.at("G4", Severity::Error);
    assert!(unknown.len() == 1 && unknown[0].contains("[[required_mark]]"), "{:#?}", read.diagnostics);
}

#[test]
fn headings_in_other_spellings() {
    let variants: [[&str; 12]; 4] = [
        [
            "Ｎｏ．",
            "ファイル\n項目ＩＤ",
            "ファイル\n項目名",
            "タイプ",
            "桁数(文字数)",
            "小数点以下\nの桁数",
            "必須",
            "範囲",
            "書式",
            "コード値",
            "説明",
            "備考",
        ],
        [
            "項番",
            "ファイル項目ID",
            "ファイル項目名",
            "データ型",
            "整数部桁数",
            "小数部の桁数",
            "必須区分",
            "値の範囲",
            "書式",
            "コード",
            "説明",
            "備考",
        ],
        [
            "NO",
            "ファイル項目ID",
            "ファイル項目名",
            "タイプ",
            "整数桁数",
            "小数点以下",
            "必須",
            "範囲",
            "書式",
            "コード値",
            "説明",
            "備考",
        ],
        [
            "No",
            "ファイル項目ID",
            "ファイル項目名",
            "タイプ",
            "最大文字数",
            "小数桁数",
            "必須",
            "範囲",
            "書式",
            "コード値",
            "説明",
            "備考",
        ],
    ];
    let mut decimal = row("1", "数値", "3", RANGE, "0～100");
    decimal[5] = "1";
    for headings in variants {
        let read = read(&book(TITLE, LEGEND, &headings, &[decimal]));
        assert!(read.diagnostics.is_empty(), "{headings:?}: {:#?}", read.diagnostics);
        let item = read.item(1);
        assert_eq!((item.length.as_ref().map(|l| l.digits), item.decimals), (Some(3), Some(1)), "{headings:?}");
        assert!(item.rules.range.is_some(), "{headings:?}");
    }
}

#[test]
fn title_cells_with_other_brackets() {
    let rows = [row("1", "文字列", "5", DESCRIPTION, "説明")];
    for title in [
        "利用者情報[SERVICE_USER_INFO]",
        "利用者情報　［SERVICE_USER_INFO］",
        "利用者情報（SERVICE_USER_INFO）",
        "利用者情報 (SERVICE_USER_INFO)",
        "利用者情報〔SERVICE_USER_INFO〕",
        "利用者情報 【 SERVICE_USER_INFO 】",
    ] {
        // On a sheet whose name says nothing, the title cell alone names the interface.
        let mut book = book(title, LEGEND, &HEADINGS, &rows);
        book.sheets[0].name = "Sheet1".to_owned();
        let read = read(&book);
        assert!(read.diagnostics.is_empty(), "{title}: {:#?}", read.diagnostics);
        assert_eq!(read.ids, [("SERVICE_USER_INFO".to_owned(), "利用者情報".to_owned())], "{title}");
    }
    // A word in parentheses is no ID: the sheet then has none, and says so.
    let mut book = book("利用者情報（LIFE）", LEGEND, &HEADINGS, &rows);
    book.sheets[0].name = "Sheet1".to_owned();
    let read = read(&book);
    assert!(read.at("A3", Severity::Error).iter().any(|d| d.contains("no 外部IF_ID")), "{:#?}", read.diagnostics);
}

fn annex_summary(book: &Book) -> Vec<String> {
    let written = support::read_book(book, "careplan.xlsx");
    // The temporary folder's name differs from reading to reading.
    let folder = written.path.parent().map(|p| p.display().to_string()).unwrap_or_default();
    let mut out: Vec<String> =
        written.read.diagnostics.iter().map(|d| format!("DIAG {}", d.to_string().replace(&folder, ""))).collect();
    for i in &written.read.spec.interfaces {
        for l in &i.layouts {
            let n: usize = l.sections.iter().map(|s| s.items.len()).sum();
            out.push(format!(
                "IF {} {} items={} file={:?}",
                i.id,
                i.name,
                n,
                l.file.as_ref().map(|f| (f.version.clone(), f.name_pattern.as_ref().map(|p| p.prefix.clone())))
            ));
        }
    }
    out
}

fn respell(book: &mut Book, f: impl Fn(&str) -> Option<String>) {
    for sheet in &mut book.sheets {
        for value in sheet.cells.values_mut() {
            if let Value::Text(text) = value
                && let Some(new) = f(text)
            {
                *text = new;
            }
        }
    }
}

#[test]
fn annex_title_keys_printed_with_a_colon_or_brackets() {
    use ltcip_fixtures::careplan::{files, render_careplan};
    let base = render_careplan(&files());
    let reference = annex_summary(&base);
    assert!(reference.iter().any(|l| l.starts_with("IF UPPLAN ")), "{reference:#?}");
    let keys = ["ファイル名称", "ファイルID", "ファイル名", "形式", "文字コード", "CSVバージョン", "ファイル作成単位"];
    let spellings: [fn(&str) -> String; 4] =
        [|k| format!("{k}："), |k| format!("{k}:"), |k| format!("【{k}】"), |k| format!("■{k}")];
    for spell in spellings {
        let mut book = base.clone();
        respell(&mut book, |t| keys.contains(&t).then(|| spell(t)));
        assert_eq!(annex_summary(&book), reference, "{}", spell("ファイル名称"));
    }
    // The file-name rule with full-width underscores reads as with half-width ones.
    let mut book = base.clone();
    respell(&mut book, |t| (t.contains('_') && t.contains("YYYY")).then(|| t.replace('_', "＿")));
    assert_eq!(annex_summary(&book), reference);
}
