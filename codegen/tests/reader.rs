//! The workbook reader against workbooks the tests write themselves: 別紙13 laid out in the published
//! style and in every way a workbook of the spec family varies, each of which must read to the same
//! model; and broken workbooks, each of which must give one exact diagnostic naming workbook, sheet
//! and cell, without a panic.

mod support;

use ltcip_codegen::model::{DataType, DateFormat, Direction, Interface, Item, Layout, Occurs, SectionKind, WireFormat};
use ltcip_fixtures::{Book, Column, Numbers, Occurs as OccursHeading, Sheets, Style, Title, Value, besshi13, render};
use support::{assert_reads_like_published, canonical, errors, read_book, read_file, read_style};

fn published() -> Style {
    Style::published()
}

// ---------------------------------------------------------------------------------------------
// The canonical read: facts of 別紙13 the rest of the pipeline relies on.

fn layout(interfaces: &[Interface], id: &str, direction: Direction) -> Layout {
    interfaces
        .iter()
        .find(|i| i.id == id)
        .and_then(|i| i.layouts.iter().find(|l| l.direction == direction))
        .unwrap_or_else(|| panic!("no {id} {direction}"))
        .clone()
}

fn body(layout: &Layout) -> Vec<Item> {
    layout.section(SectionKind::Body).expect("a body section").items.clone()
}

fn find<'a>(items: &'a [Item], key: &str) -> &'a Item {
    items.iter().find(|i| i.key.as_deref() == Some(key)).unwrap_or_else(|| panic!("no item {key}"))
}

#[test]
fn canonical_read_has_both_interfaces_with_names_and_json_layouts() {
    let interfaces = canonical();
    let ids: Vec<&str> = interfaces.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["IF-I6-01-04-01", "IF-I6-01-04-02"]);
    assert_eq!(interfaces[0].name, "介護被保険者証利用情報（KHS）の取得要求（ファイル連携）");
    assert_eq!(interfaces[1].name, "介護被保険者証利用情報（KHS）の取得要求（JSON形式連携）");
    for interface in interfaces {
        let directions: Vec<Direction> = interface.layouts.iter().map(|l| l.direction).collect();
        assert_eq!(directions, [Direction::Request, Direction::Response], "{}", interface.id);
        assert!(interface.layouts.iter().all(|l| l.format == WireFormat::Json && l.interface_id == interface.id));
    }
}

#[test]
fn canonical_response_of_02_nests_five_items_under_body() {
    let response = layout(canonical(), "IF-I6-01-04-02", Direction::Response);
    assert!(response.section(SectionKind::Headers).is_none(), "a response has no header section");
    let items = body(&response);
    let keys: Vec<&str> = items.iter().filter_map(|i| i.key.as_deref()).collect();
    assert_eq!(
        keys,
        [
            "care_insure_provider_number",
            "care_insurer_number",
            "result",
            "result_detail",
            "file_if_id",
            "record_num",
            "body"
        ]
    );
    let nos: Vec<&str> = items.iter().map(|i| i.no.as_str()).collect();
    assert_eq!(nos, ["01", "02", "03", "04", "05", "06", "07"]);
    let list = find(&items, "body");
    assert_eq!(list.data_type, Some(DataType::List));
    assert_eq!(list.occurs, Occurs::REQUIRED);
    assert_eq!(list.level, [7]);
    let levels: Vec<Vec<u32>> = list.children.iter().map(|c| c.level.clone()).collect();
    assert_eq!(levels, [vec![7, 1], vec![7, 2], vec![7, 3], vec![7, 4], vec![7, 5]]);
    let child_nos: Vec<&str> = list.children.iter().map(|c| c.no.as_str()).collect();
    assert_eq!(child_nos, ["08", "09", "10", "11", "12"]);
    assert!(list.children.iter().all(|c| c.children.is_empty()));
    // The same key at two levels is kept apart.
    let inner = find(&list.children, "care_insure_provider_number");
    assert_eq!(inner.name, "証記載介護保険者番号");
    assert_eq!(find(&items, "care_insure_provider_number").name, "介護保険者番号");
}

#[test]
fn canonical_requests_have_http_headers_apart_from_the_body() {
    for id in ["IF-I6-01-04-01", "IF-I6-01-04-02"] {
        let request = layout(canonical(), id, Direction::Request);
        let kinds: Vec<SectionKind> = request.sections.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [SectionKind::Headers, SectionKind::Body], "{id}");
        let headers = &request.section(SectionKind::Headers).expect("headers").items;
        let keys: Vec<&str> = headers.iter().filter_map(|i| i.key.as_deref()).collect();
        assert_eq!(keys, ["Content-Type", "Authorization", "care_insure_provider_number"], "{id}");
        assert!(headers.iter().all(|h| h.data_type.is_none() && h.length.is_none()), "{id}: headers are typed -");
        assert_eq!(headers.iter().map(|h| h.length_kind.as_deref()).collect::<Vec<_>>(), [Some("固定長"); 3]);
        let content_type = find(headers, "Content-Type");
        assert_eq!(content_type.format.as_deref(), Some("\"application/json\"固定"));
        assert_eq!(content_type.rules.fixed.as_deref(), Some("application/json"));
        assert!(find(headers, "Authorization").secret, "the token is a secret");
        assert!(!find(headers, "Content-Type").secret);
        let body = body(&request);
        assert_eq!(body[0].key.as_deref(), Some("care_insure_provider_number"));
        assert_eq!(body[0].data_type.map(DataType::spec_name), Some("半角数字"));
        assert_eq!(body[0].length.map(|l| (l.digits, l.fixed)), Some((6, true)));
    }
    let request = layout(canonical(), "IF-I6-01-04-02", Direction::Request);
    let insurer = find(&body(&request), "care_insurer_number").clone();
    assert_eq!(insurer.occurs, Occurs::OPTIONAL);
    assert_eq!(insurer.length.map(|l| (l.digits, l.fixed)), Some((10, true)));
}

#[test]
fn canonical_keeps_the_spec_inconsistency_of_result() {
    let result = |id| {
        let items = body(&layout(canonical(), id, Direction::Response));
        find(&items, "result").clone()
    };
    let (first, second) = (result("IF-I6-01-04-01"), result("IF-I6-01-04-02"));
    assert_eq!(first.length_kind.as_deref(), Some("固定長"));
    assert_eq!(first.length.map(|l| (l.digits, l.fixed)), Some((2, true)));
    assert_eq!(second.length_kind.as_deref(), Some("可変長"));
    assert_eq!(second.length.map(|l| (l.digits, l.fixed)), Some((2, false)));
    for item in [&first, &second] {
        assert_eq!(item.data_type.map(DataType::spec_name), Some("全角文字"));
        assert_eq!(item.rules.codes, ["成功", "失敗"], "「成功」もしくは「失敗」 is a code list");
    }
}

#[test]
fn canonical_keeps_remarks_verbatim_with_line_breaks_and_reads_dates() {
    let items = body(&layout(canonical(), "IF-I6-01-04-02", Direction::Response));
    let list = find(&items, "body");
    let holder = find(&list.children, "care_insure_provider_number");
    assert_eq!(
        holder.remarks.as_deref(),
        Some(
            "被保険者証記載の保険者番号を設定する。\n政令市の場合は行政区の保険者番号を設定する。\n広域連合の場合は構成市町村の保険者番号を設定する。"
        )
    );
    for key in ["care_insurance_end_date", "care_insurance_end_cancel_date"] {
        let date = find(&list.children, key);
        assert_eq!(date.rules.date, Some(DateFormat::YyyyMmDdHyphen), "{key}: ●書式 YYYY-MM-DD");
        assert!(date.remarks.as_deref().is_some_and(|r| r.ends_with("\n\n●書式\nYYYY-MM-DD")), "{key}");
        assert_eq!(date.occurs, Occurs::OPTIONAL);
        assert!(date.rules.codes.is_empty() && date.rules.fixed.is_none());
    }
    // 「-」 inside a remark is not a one-value code list, and a remark without 書式 is no date.
    let file_if_id = find(&items, "file_if_id");
    assert!(file_if_id.rules.codes.is_empty());
    assert_eq!(file_if_id.rules.date, None);
    assert_eq!(file_if_id.length.map(|l| (l.digits, l.fixed)), Some((9, true)));
    // An empty 備考 is none, not an empty string; so is a `-` フォーマット.
    let insurer = find(&items, "care_insurer_number");
    assert_eq!(insurer.remarks, None);
    assert_eq!(insurer.format, None);
    // The copy-paste slip stays as printed.
    let response01 = body(&layout(canonical(), "IF-I6-01-04-01", Direction::Response));
    assert_eq!(
        find(&response01, "result_detail").remarks.as_deref(),
        Some("登録要求のリクエストでエラーが発生した場合設定する。")
    );
    assert_eq!(find(&response01, "result_detail").name, "処理結果詳細（要求）");
    assert_eq!(find(&items, "result_detail").name, "処理結果詳細(要求)");
}

#[test]
fn the_checked_in_workbook_reads_like_the_published_rendering() {
    let specs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/besshi13.xlsx");
    let read = read_file(&specs);
    assert_eq!(errors(&read), Vec::<String>::new());
    assert_eq!(support::without_origins(read.spec.interfaces), canonical());
}

#[test]
fn origins_name_the_cells_of_the_published_layout() {
    // Origins are stripped from comparisons, so check once that they point where the table is.
    let written = read_style(&published());
    let response = layout(&written.read.spec.interfaces, "IF-I6-01-04-02", Direction::Response);
    let at = |l: &ltcip_codegen::diag::Location| l.to_string().rsplit(' ').next().map(str::to_owned);
    assert_eq!(at(&response.origin).as_deref(), Some("B7"));
    let items = body(&response);
    assert_eq!(at(&items[0].origin).as_deref(), Some("B9"));
    assert_eq!(at(&find(&items, "body").children[4].origin).as_deref(), Some("B20"));
    assert_eq!(response.origin.sheet.as_deref(), Some("IF-I6-01-04-02_レスポンス"));
}

// ---------------------------------------------------------------------------------------------
// One variation at a time: each style differs from the published one in one respect.

#[test]
fn title_block_and_table_placed_lower_and_further_right() {
    assert_reads_like_published(&Style { origin: (7, 5), ..published() });
}

#[test]
fn title_block_at_the_sheet_corner() {
    assert_reads_like_published(&Style { origin: (0, 0), ..published() });
}

#[test]
fn table_several_rows_below_the_title_block() {
    assert_reads_like_published(&Style { gap: 4, ..published() });
}

#[test]
fn table_right_under_the_title_block() {
    assert_reads_like_published(&Style { gap: 0, ..published() });
}

#[test]
fn caption_line_above_each_title_block() {
    assert_reads_like_published(&Style { preamble: true, ..published() });
}

#[test]
fn title_keys_down_a_column() {
    assert_reads_like_published(&Style { title: Title::Column, ..published() });
}

#[test]
fn title_keys_in_pairs_with_their_values_to_the_right() {
    assert_reads_like_published(&Style { title: Title::Pairs, ..published() });
}

#[test]
fn no_title_block_the_sheet_name_says_which_layout() {
    assert_reads_like_published(&Style { title: Title::None, ..published() });
}

#[test]
fn sheet_names_with_a_trailing_space() {
    assert_reads_like_published(&Style { title: Title::None, sheet_name_suffix: " ", ..published() });
}

#[test]
fn columns_in_reverse_order() {
    let mut columns = published().columns;
    columns.reverse();
    assert_reads_like_published(&Style { columns, ..published() });
}

#[test]
fn columns_shuffled() {
    use Column::*;
    let columns = vec![Remarks, Key, LengthKind, No, DataType, Occurs, Name, Length, Level, Format];
    assert_reads_like_published(&Style { columns, ..published() });
}

#[test]
fn item_number_headed_no_or_number_sign() {
    for heading in ["No.", "№", "No", "ＮＯ．"] {
        assert_reads_like_published(&Style { no_heading: heading, ..published() });
    }
}

#[test]
fn numbered_template_rows_left_empty_under_each_table() {
    assert_reads_like_published(&Style { template_rows: 3, ..published() });
}

#[test]
fn name_heading_without_its_japanese_suffix() {
    assert_reads_like_published(&Style { name_heading: "項目名", ..published() });
}

#[test]
fn length_kind_heading_written_the_other_way_round() {
    assert_reads_like_published(&Style { length_kind_heading: "固定長/可変長", ..published() });
}

#[test]
fn length_kind_heading_on_one_line() {
    assert_reads_like_published(&Style { length_kind_heading: "可変長/固定長", ..published() });
}

#[test]
fn occurs_as_separate_min_and_max_headings() {
    assert_reads_like_published(&Style { occurs: OccursHeading::Separate, ..published() });
}

#[test]
fn request_and_response_on_one_sheet_per_interface() {
    assert_reads_like_published(&Style { sheets: Sheets::PerInterface, ..published() });
}

#[test]
fn every_layout_on_one_sheet() {
    assert_reads_like_published(&Style { sheets: Sheets::One, ..published() });
}

#[test]
fn generic_sheet_names_with_title_blocks() {
    assert_reads_like_published(&Style { sheet_names: false, ..published() });
}

#[test]
fn no_interface_list() {
    assert_reads_like_published(&Style { catalog: false, ..published() });
}

#[test]
fn one_item_heading_for_both_request_sections() {
    assert_reads_like_published(&Style { heading_per_section: false, ..published() });
}

#[test]
fn parent_levels_repeated_instead_of_merged() {
    assert_reads_like_published(&Style { merge_parent_level: false, ..published() });
}

#[test]
fn two_level_columns() {
    assert_reads_like_published(&Style { level_columns: 2, ..published() });
}

#[test]
fn five_level_columns() {
    assert_reads_like_published(&Style { level_columns: 5, ..published() });
}

#[test]
fn parent_levels_left_blank_in_child_rows() {
    assert_reads_like_published(&Style { merge_parent_level: false, blank_parent_level: true, ..published() });
}

#[test]
fn level_columns_numbered_in_a_second_heading_row() {
    assert_reads_like_published(&Style { level_subheadings: Some("{}"), ..published() });
}

#[test]
fn level_columns_numbered_in_words() {
    for pattern in ["第{}階層", "L{}", "レベル{}", "Lv.{}", "{}階層"] {
        assert_reads_like_published(&Style { level_subheadings: Some(pattern), ..published() });
    }
}

#[test]
fn level_columns_numbered_above_one_row_occurs_headings() {
    assert_reads_like_published(&Style {
        level_subheadings: Some("{}"),
        occurs: OccursHeading::Separate,
        merge_parent_level: false,
        ..published()
    });
}

#[test]
fn numbers_as_numeric_cells() {
    assert_reads_like_published(&Style { numbers: Numbers::Numeric, ..published() });
}

#[test]
fn numbers_as_text() {
    assert_reads_like_published(&Style { numbers: Numbers::Text, ..published() });
}

#[test]
fn numbers_as_zero_padded_text() {
    assert_reads_like_published(&Style { numbers: Numbers::Padded, ..published() });
}

#[test]
fn numbers_as_text_with_a_decimal_part() {
    assert_reads_like_published(&Style { numbers: Numbers::Decimal, ..published() });
}

#[test]
fn numbers_in_full_width_digits() {
    assert_reads_like_published(&Style { numbers: Numbers::FullWidth, ..published() });
}

#[test]
fn numbers_spelled_differently_cell_by_cell() {
    assert_reads_like_published(&Style { numbers: Numbers::Mixed, ..published() });
}

#[test]
fn values_and_headings_padded_with_half_and_full_width_spaces() {
    assert_reads_like_published(&Style { padding: true, ..published() });
}

#[test]
fn padded_numbers_written_as_text() {
    assert_reads_like_published(&Style { padding: true, numbers: Numbers::Mixed, ..published() });
}

#[test]
fn none_as_a_full_width_hyphen() {
    assert_reads_like_published(&Style { none_mark: "－", ..published() });
}

#[test]
fn none_as_a_horizontal_bar() {
    assert_reads_like_published(&Style { none_mark: "―", ..published() });
}

#[test]
fn none_as_an_empty_cell() {
    assert_reads_like_published(&Style { none_mark: "", ..published() });
}

#[test]
fn json_written_in_full_width_letters() {
    assert_reads_like_published(&Style { json_word: "ＪＳＯＮ", ..published() });
}

#[test]
fn json_written_in_lower_case() {
    assert_reads_like_published(&Style { json_word: "json", ..published() });
}

#[test]
fn remarks_with_windows_line_breaks() {
    assert_reads_like_published(&Style { line_break: "\r\n", ..published() });
}

#[test]
fn remarks_merged_across_two_columns() {
    assert_reads_like_published(&Style { remarks_span: 2, ..published() });
}

#[test]
fn remarks_merged_across_columns_in_the_middle_of_the_table() {
    use Column::*;
    let columns = vec![No, Level, Name, Remarks, Key, Format, Occurs, DataType, Length, LengthKind];
    assert_reads_like_published(&Style { remarks_span: 3, columns, ..published() });
}

#[test]
fn neighbouring_none_cells_merged_into_one() {
    assert_reads_like_published(&Style { merge_none_runs: true, ..published() });
    assert_reads_like_published(&Style { merge_none_runs: true, none_mark: "―", ..published() });
}

#[test]
fn keys_and_types_wrapped_inside_their_cells() {
    assert_reads_like_published(&Style { wrap_keys: true, ..published() });
}

/// Everything at once, in the combinations that still say which layout is which (a sheet per
/// interface needs title blocks, since its name has no 送受信種別).
#[test]
fn everything_messy_at_once() {
    use Column::*;
    let messy = |title, sheets, sheet_names| Style {
        title,
        origin: (3, 2),
        gap: 2,
        columns: vec![Level, No, Key, Name, Remarks, Length, LengthKind, DataType, Format, Occurs],
        name_heading: "項目名",
        length_kind_heading: "固定長/\n可変長",
        occurs: OccursHeading::Separate,
        level_columns: 4,
        merge_parent_level: false,
        numbers: Numbers::Mixed,
        padding: true,
        none_mark: "―",
        json_word: "ＪＳＯＮ",
        sheets,
        sheet_names,
        catalog: true,
        heading_per_section: false,
        wrap_keys: true,
        line_break: "\r\n",
        remarks_span: 2,
        preamble: true,
        level_subheadings: Some("第{}階層"),
        blank_parent_level: true,
        sheet_name_suffix: " ",
        no_heading: "№",
        template_rows: 2,
        merge_none_runs: true,
    };
    assert_reads_like_published(&messy(Title::Column, Sheets::PerInterface, false));
    assert_reads_like_published(&messy(Title::Row, Sheets::One, false));
    assert_reads_like_published(&messy(Title::None, Sheets::PerLayout, true));
    assert_reads_like_published(&messy(Title::Pairs, Sheets::PerInterface, true));
    // And the other heading spellings, with the parent level merged.
    assert_reads_like_published(&Style {
        occurs: OccursHeading::Merged,
        merge_parent_level: true,
        none_mark: "",
        name_heading: "項目名（日本語）",
        numbers: Numbers::FullWidth,
        blank_parent_level: false,
        ..messy(Title::Column, Sheets::One, false)
    });
}

// ---------------------------------------------------------------------------------------------
// Broken workbooks: each gives its diagnostic, exactly, and nothing panics.

const RESPONSE_02: &str = "IF-I6-01-04-02_レスポンス";

/// Cells (A1) and what to put in them (`None` empties the cell).
type Edits<'a> = Vec<(&'a str, Option<Value>)>;

/// The published workbook with cells of one sheet changed. In the published layout of
/// IF-I6-01-04-02_レスポンス item `n` is on row `8 + n`; the columns are B 項番, C-E 階層レベル,
/// F 項目名, G 項目, H フォーマット, I 最小, J 最大, K データ型, L 桁数, M 可変長/固定長, N 備考.
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

/// Reads the book and returns its errors, with the temporary path shown as `x.xlsx`.
fn errors_of(book: &Book) -> Vec<String> {
    let written = read_book(book, "x.xlsx");
    let path = written.path.display().to_string();
    // A hint names the vocabulary file beside the workbook: `vocabulary.toml` once the folder is left out.
    let folder = format!("{}/", written.path.parent().expect("a folder").display());
    errors(&written.read).into_iter().map(|e| e.replacen(&path, "x.xlsx", 1).replace(&folder, "")).collect()
}

/// What a diagnostic says to accept a spelling: the vocabulary entry to add.
fn hint(table: &str, key: &str, means: &str, spelling: &str) -> String {
    format!(
        "(to accept it, add to vocabulary.toml: [[{table}]] {key} = \"{means}\", spellings = [\"{spelling}\"], reason = \"...\")"
    )
}

#[test]
fn length_that_is_not_a_number() {
    let book = published_with(RESPONSE_02, &[("L14", text("6桁?"))]);
    assert_eq!(errors_of(&book), [r#"x.xlsx [IF-I6-01-04-02_レスポンス] L14: error: 桁数 "6桁?" is not a number"#]);
}

#[test]
fn the_diagnostic_names_the_path_as_given() {
    let written = read_book(&published_with(RESPONSE_02, &[("L14", text("6桁?"))]), "x.xlsx");
    let expected =
        format!(r#"{} [IF-I6-01-04-02_レスポンス] L14: error: 桁数 "6桁?" is not a number"#, written.path.display());
    assert_eq!(errors(&written.read), [expected]);
}

#[test]
fn unknown_data_type() {
    let book = published_with(RESPONSE_02, &[("K10", text("半角数値"))]);
    assert_eq!(
        errors_of(&book),
        [format!(
            r#"x.xlsx [IF-I6-01-04-02_レスポンス] K10: error: データ型 "半角数値" is unknown {}"#,
            hint(
                "data_type",
                "means",
                "<one of 半角数字, 半角英数字, 半角文字, 全角文字, 全半角文字, 数値, リスト>",
                "半角数値"
            )
        )]
    );
}

#[test]
fn item_number_that_is_not_a_number() {
    let book = published_with(RESPONSE_02, &[("B11", text("3a"))]);
    assert_eq!(errors_of(&book), [r#"x.xlsx [IF-I6-01-04-02_レスポンス] B11: error: 項番 "3a" is not a number"#]);
}

#[test]
fn level_that_skips_a_level() {
    // 08 moves from [7, 1] to [7, -, 1]: three levels deep under an item at level 1.
    let book = published_with(RESPONSE_02, &[("D16", None), ("E16", Some(Value::Number(1.0)))]);
    assert_eq!(
        errors_of(&book),
        [
            "x.xlsx [IF-I6-01-04-02_レスポンス] B16: error: 階層レベル of 08 証記載介護保険者番号 puts it at level 3, but the item above is at level 1: a level is skipped"
        ]
    );
}

#[test]
fn a_skipped_level_is_reported_once() {
    // 06 レコード件数 at [-, -, 1] under 05 (level 1): one error for the row, and no second finding
    // about where it was placed, nor about the numbering of the rows after it.
    let book = published_with(RESPONSE_02, &[("C14", None), ("E14", Some(Value::Number(1.0)))]);
    let written = read_book(&book, "x.xlsx");
    let path = written.path.display().to_string();
    let all: Vec<String> = written
        .read
        .diagnostics
        .iter()
        .filter(|d| d.severity != ltcip_codegen::diag::Severity::Note)
        .map(|d| d.to_string().replacen(&path, "x.xlsx", 1))
        .collect();
    assert_eq!(
        all,
        [
            "x.xlsx [IF-I6-01-04-02_レスポンス] B14: error: 階層レベル of 06 レコード件数 puts it at level 3, but the item above is at level 1: a level is skipped"
        ]
    );
}

#[test]
fn a_section_that_starts_below_level_1() {
    let book = published_with(RESPONSE_02, &[("C9", None), ("D9", Some(Value::Number(1.0)))]);
    assert_eq!(
        errors_of(&book),
        [
            "x.xlsx [IF-I6-01-04-02_レスポンス] B9: error: 階層レベル of 01 介護保険者番号 puts it at level 2, but it is the first item of its section, which starts at level 1: a level is skipped"
        ]
    );
}

#[test]
fn child_under_an_item_that_is_not_a_list() {
    // 06 レコード件数 written as [5, 1]: under 05 ファイル種別, a 半角英数字 item.
    let book = published_with(RESPONSE_02, &[("C14", Some(Value::Number(5.0))), ("D14", Some(Value::Number(1.0)))]);
    assert_eq!(
        errors_of(&book),
        [
            "x.xlsx [IF-I6-01-04-02_レスポンス] B14: error: 06 レコード件数 is nested under 05 ファイル種別, which is not a リスト"
        ]
    );
}

#[test]
fn missing_item_name() {
    let book = published_with(RESPONSE_02, &[("F10", None)]);
    assert_eq!(errors_of(&book), ["x.xlsx [IF-I6-01-04-02_レスポンス] F10: error: item 02 has no 項目名"]);
}

#[test]
fn item_name_written_as_none() {
    let book = published_with(RESPONSE_02, &[("F10", text("－"))]);
    assert_eq!(errors_of(&book), ["x.xlsx [IF-I6-01-04-02_レスポンス] F10: error: item 02 has no 項目名"]);
}

#[test]
fn formula_cached_as_an_error_value() {
    let book = published_with(
        RESPONSE_02,
        &[("L14", Some(Value::Formula { formula: "=VLOOKUP(G14,桁数表!A:B,2,FALSE)".into(), cached: "#N/A".into() }))],
    );
    // rust_xlsxwriter writes an error result as an error-typed cell (t="e"), which calamine reads as
    // Data::Error: check that this is what the reader met, not a string that looks like one.
    let written = read_book(&book, "x.xlsx");
    let mut sheets: calamine::Xlsx<_> = calamine::open_workbook(&written.path).expect("opens");
    let range = calamine::Reader::worksheet_range(&mut sheets, RESPONSE_02).expect("the sheet");
    assert_eq!(range.get_value((13, 11)), Some(&calamine::Data::Error(calamine::CellErrorType::NA)));
    assert_eq!(
        errors_of(&book),
        ["x.xlsx [IF-I6-01-04-02_レスポンス] L14: error: the cell holds the error value #N/A"]
    );
}

#[test]
fn formula_with_a_numeric_cached_value_reads_as_its_value() {
    let book =
        published_with(RESPONSE_02, &[("B14", Some(Value::Formula { formula: "=B13+1".into(), cached: "6".into() }))]);
    let written = read_book(&book, "x.xlsx");
    assert_eq!(errors(&written.read), Vec::<String>::new());
    assert_eq!(support::without_origins(written.read.spec.interfaces), canonical());
}

#[test]
fn occurs_min_above_max() {
    let book = published_with(RESPONSE_02, &[("I10", Some(Value::Number(2.0)))]);
    assert_eq!(errors_of(&book), ["x.xlsx [IF-I6-01-04-02_レスポンス] J10: error: 出現回数 最小 2 is above 最大 1"]);
}

#[test]
fn two_siblings_with_the_same_key() {
    let book = published_with(RESPONSE_02, &[("G10", text("care_insure_provider_number"))]);
    assert_eq!(
        errors_of(&book),
        [
            r#"x.xlsx [IF-I6-01-04-02_レスポンス] G10: error: 項目 "care_insure_provider_number" of 02 介護保険被保険者番号 is also the key of 01 介護保険者番号"#
        ]
    );
}

#[test]
fn interface_ids_written_with_other_dashes() {
    // The title block's ID (G3, merged G3:H3) with full-width and Unicode hyphens still names the
    // interface of the sheet name and the interface list.
    for id in ["IF－I6－01－04－02", "IF‐I6‐01‐04‐02", " IF-I6-01-04-02\u{3000}"] {
        let written = read_book(&published_with(RESPONSE_02, &[("G3", text(id))]), "x.xlsx");
        assert_eq!(support::findings(&written.read), support::findings(&read_style(&published()).read), "{id}");
        assert_eq!(support::without_origins(written.read.spec.interfaces), canonical(), "{id}");
    }
}

#[test]
fn a_title_id_that_differs_from_the_sheet_name_and_the_list_is_a_warning() {
    let written = read_book(&published_with(RESPONSE_02, &[("G3", text("IF-I6-01-04-03"))]), "x.xlsx");
    let path = written.path.display().to_string();
    let warnings: Vec<String> = support::lines(&written.read, ltcip_codegen::diag::Severity::Warning)
        .into_iter()
        .map(|w| w.replacen(&path, "x.xlsx", 1))
        .collect();
    assert_eq!(
        warnings,
        [
            "x.xlsx [IF-I6-01-04-02_レスポンス] G3: warning: 外部IF_ID IF-I6-01-04-03 differs from IF-I6-01-04-02 in the sheet name and the interface list; the title block is followed",
            "x.xlsx [API一覧] C9: warning: the interface list names IF-I6-01-04-02_レスポンス, but no such layout was found",
            "x.xlsx [IF-I6-01-04-02_レスポンス] B7: warning: IF-I6-01-04-03 is not in the interface list (API一覧)",
        ]
    );
}

#[test]
fn a_sheet_copied_without_updating_its_title_block() {
    // The response sheet of -02 still says リクエスト in its title block: a second -02 request.
    let written = read_book(&published_with(RESPONSE_02, &[("I3", text("リクエスト"))]), "x.xlsx");
    let path = written.path.display().to_string();
    let shown =
        |lines: Vec<String>| -> Vec<String> { lines.into_iter().map(|l| l.replacen(&path, "x.xlsx", 1)).collect() };
    assert_eq!(
        shown(errors(&written.read)),
        [format!(
            "x.xlsx [IF-I6-01-04-02_レスポンス] B7: error: a second IF-I6-01-04-02 リクエスト layout; the first is at {path} [IF-I6-01-04-02_リクエスト] B8"
        )]
    );
    assert_eq!(
        shown(support::lines(&written.read, ltcip_codegen::diag::Severity::Warning))[0],
        "x.xlsx [IF-I6-01-04-02_レスポンス] I3: warning: 送受信種別 リクエスト differs from レスポンス in the sheet name; the title block is followed"
    );
}

#[test]
fn sibling_without_a_key_in_a_json_layout() {
    let book = published_with(RESPONSE_02, &[("G10", text("-"))]);
    assert_eq!(
        errors_of(&book),
        ["x.xlsx [IF-I6-01-04-02_レスポンス] G10: error: item 02 介護保険被保険者番号 has no 項目 (wire key)"]
    );
}

#[test]
fn items_named_like_title_keys_stay_items() {
    // ファイル形式 and 送受信区分 are plausible item names, and also title-block words: inside a
    // table, a row with a 項番 is an item.
    for name in ["ファイル形式", "送受信種別", "形式", "外部IF_ID"] {
        let book = published_with(RESPONSE_02, &[("F13", text(name))]);
        let written = read_book(&book, "x.xlsx");
        assert_eq!(errors(&written.read), Vec::<String>::new(), "{name}");
        let items = body(&layout(&written.read.spec.interfaces, "IF-I6-01-04-02", Direction::Response));
        assert_eq!(items.len(), 7, "{name}");
        assert_eq!(find(&items, "file_if_id").name, name);
        assert_eq!(find(&items, "body").children.len(), 5, "{name}");
    }
}

#[test]
fn the_same_key_at_another_level_or_in_another_section_is_no_error() {
    // care_insure_provider_number is a header and a body member of each request, and a top-level
    // and a record member of the -02 response: the spec's own, legal reuse. Only siblings clash.
    let written = read_style(&published());
    assert!(written.read.diagnostics.iter().all(|d| !d.message.contains("is also the key")));
    let request = layout(&written.read.spec.interfaces, "IF-I6-01-04-01", Direction::Request);
    for section in &request.sections {
        assert!(section.items.iter().any(|i| i.key.as_deref() == Some("care_insure_provider_number")));
    }
    let items = body(&layout(&written.read.spec.interfaces, "IF-I6-01-04-02", Direction::Response));
    let records = &find(&items, "body").children;
    assert_eq!(find(records, "care_insure_provider_number").level, [7, 1]);
    assert_eq!(find(&items, "care_insure_provider_number").level, [1]);
}

#[test]
fn layout_with_no_title_block_on_a_generic_sheet() {
    let style = Style { title: Title::None, sheet_names: false, catalog: false, ..published() };
    assert_eq!(
        errors_of(&render(&besshi13::interfaces(), &style)),
        // A request's table starts under its リクエストヘッダ caption, a row lower than a response's.
        [(1, 5), (2, 4), (3, 5), (4, 4)]
            .map(|(n, row)| format!(
                "x.xlsx [Sheet{n}] B{row}: error: no 外部IF_ID for this layout table: none in a title block above it (外部IF_ID, ファイルID), in brackets in a title cell (名称\u{3000}【ID】), in a file-name rule (ID_…), in the sheet name (an identifier, or <IF ID>_リクエスト/レスポンス) or in an interface list"
            ))
    );
}

#[test]
fn garbage_bytes_named_xlsx() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("garbage.xlsx");
    std::fs::write(&path, b"this is not a zip archive\x00\x01\x02 but a text file someone renamed").expect("write");
    let read = read_file(&path);
    // The cause is calamine's own words (for the version in Cargo.lock).
    assert_eq!(
        errors(&read),
        [format!(
            "{}: error: cannot be opened as a workbook: Zip error: invalid Zip archive: Could not find EOCD",
            path.display()
        )]
    );
    assert!(read.spec.interfaces.is_empty() && read.spec.sources.is_empty());
}

#[test]
fn a_broken_workbook_does_not_stop_the_others_in_its_folder() {
    let dir = tempfile::tempdir().expect("a temp dir");
    ltcip_fixtures::besshi13_published().save(&dir.path().join("a.xlsx")).expect("saves");
    std::fs::write(dir.path().join("b.xlsx"), b"PK\x03\x04 truncated").expect("write");
    let read = read_file(dir.path());
    let errors = errors(&read);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with(&format!("{}: error: cannot be opened", dir.path().join("b.xlsx").display())));
    assert_eq!(support::without_origins(read.spec.interfaces), canonical());
}

#[test]
fn a_workbook_with_no_layout_at_all() {
    let mut book = Book::new();
    book.sheet("Sheet1").put(0, 0, "議事録").put(1, 0, "項番").put(1, 1, "内容");
    let written = read_book(&book, "x.xlsx");
    assert_eq!(errors(&written.read), Vec::<String>::new());
    assert_eq!(
        support::lines(&written.read, ltcip_codegen::diag::Severity::Warning),
        [format!(
            "{}: warning: no layout table (a heading row with 項番 and 項目名) and no interface list was found",
            written.path.display()
        )]
    );
}

#[test]
fn password_protected_workbook() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("locked.xlsx");
    // An encrypted xlsx is an OLE compound file, whatever its extension says.
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(1024, 0);
    std::fs::write(&path, bytes).expect("write");
    assert_eq!(
        errors(&read_file(&path)),
        [format!(
            "{}: error: the workbook is encrypted (password-protected); save a copy without a password",
            path.display()
        )]
    );
}

#[test]
fn path_that_does_not_exist() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("missing.xlsx");
    let cause = std::fs::read(&path).expect_err("no such file");
    let read = read_file(&path);
    assert_eq!(errors(&read), [format!("{}: error: cannot read: {cause} (no such file or folder)", path.display())]);
    assert!(read.spec.interfaces.is_empty());
}

#[test]
fn folder_without_workbooks() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(dir.path().join("notes.txt"), "not a workbook").expect("write");
    std::fs::write(dir.path().join("~$besshi13.xlsx"), "an Excel lock file").expect("write");
    assert_eq!(errors(&read_file(dir.path())), [format!("{}: error: no workbook here", dir.path().display())]);
}

// ---------------------------------------------------------------------------------------------
// Hostile cells anywhere: nothing panics, and every finding names a sheet and a cell.

#[test]
fn hostile_values_in_every_cell_never_panic() {
    let hostile = [
        None,
        text("－"),
        text("6桁?"),
        text("\u{3000}"),
        text("99999999999999999999"),
        Some(Value::Number(-1.0)),
        Some(Value::Number(1e300)),
        Some(Value::Number(2.5)),
        Some(Value::Bool(true)),
        Some(Value::Formula { formula: "=1/0".into(), cached: "#DIV/0!".into() }),
        text("リスト"),
        text("外部IF_ID"),
        text("項番"),
        text("　リクエストヘッダ"),
    ];
    let base = ltcip_fixtures::besshi13_published();
    let sheet = base.sheets.iter().position(|s| s.name == RESPONSE_02).expect("the sheet");
    let cells: Vec<(u32, u16)> = base.sheets[sheet].cells.keys().copied().collect();
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut tried = 0;
    for (n, &cell) in cells.iter().enumerate() {
        // Every cell gets every value over the run, a few at a time, so that the run stays short.
        for (k, value) in hostile.iter().enumerate().filter(|(k, _)| (k + n) % 3 == 0) {
            let mut book = base.clone();
            match value {
                Some(value) => book.sheets[sheet].cells.insert(cell, value.clone()),
                None => book.sheets[sheet].cells.remove(&cell),
            };
            let path = dir.path().join(format!("m{n}_{k}.xlsx"));
            book.save(&path).expect("saves");
            let read = std::panic::catch_unwind(|| read_file(&path))
                .unwrap_or_else(|_| panic!("reading panicked with {value:?} in {cell:?}"));
            for d in read.diagnostics.iter() {
                assert!(
                    d.location.sheet.is_some() && d.location.cell.is_some(),
                    "{d} names no cell ({value:?} in {cell:?})"
                );
            }
            std::fs::remove_file(&path).ok();
            tried += 1;
        }
    }
    assert!(tried > 300, "only {tried} workbooks tried");
}

#[test]
fn more_broken_cells_each_give_one_exact_error() {
    let number = |n: f64| Some(Value::Number(n));
    let length_kind = format!(
        r#"M10: error: 可変長/固定長 "半固定" is neither 固定長 nor 可変長 {}"#,
        hint("length_kind", "means", "<one of 固定長, 可変長>", "半固定")
    );
    let format = format!(
        r#"C5: error: 形式 "XML" is neither JSON nor CSV {}"#,
        hint("wire_format", "means", "<one of JSON, CSV>", "XML")
    );
    let direction = format!(
        r#"I3: error: 送受信種別 "送信" is neither リクエスト nor レスポンス {}"#,
        hint("direction", "means", "<one of リクエスト, レスポンス>", "送信")
    );
    let cases: Vec<(Edits, &str)> = vec![
        (vec![("D16", text("1a"))], r#"D16: error: 階層レベル "1a" is not a number"#),
        (vec![("M10", text("半固定"))], &length_kind),
        (vec![("L10", number(0.0))], "L10: error: 桁数 is 0"),
        (vec![("L10", Some(Value::Bool(true)))], r#"L10: error: 桁数 "TRUE" is not a number"#),
        (vec![("I11", number(0.0)), ("J11", number(0.0))], "J11: error: 出現回数 最大 is 0"),
        (vec![("I11", None)], "I11: error: 出現回数 最小 is empty"),
        (vec![("J11", text("６個"))], r#"J11: error: 出現回数 最大 "６個" is not a number"#),
        (vec![("C5", text("XML"))], &format),
        (vec![("I3", text("送信"))], &direction),
        (vec![("K14", text("リスト"))], "B14: error: 06 レコード件数 is a リスト with no items under it"),
        (
            vec![("G10", text("被保険者番号"))],
            r#"G10: error: 項目 "被保険者番号" is not a wire key (printable ASCII without spaces)"#,
        ),
        (
            vec![("G10", text("care insurer_number"))],
            r#"G10: error: 項目 "care insurer_number" is not a wire key (printable ASCII without spaces)"#,
        ),
        (vec![("B10", None)], "G10: error: an item with a 項目 but no 項番"),
        (vec![("B10", text("-"))], r#"B10: error: 項番 "-" is not a number"#),
        (vec![("G3", None)], "G2: error: no value beside or below this title key"),
        (
            vec![("I8", None), ("J8", None)],
            "I7: error: 出現回数 has no 最小/最大 under it; write them in the row below, or use 最小出現回数/最大出現回数",
        ),
    ];
    for (edits, expected) in cases {
        let book = published_with(RESPONSE_02, &edits);
        assert_eq!(errors_of(&book), [format!("x.xlsx [IF-I6-01-04-02_レスポンス] {expected}")], "{edits:?}");
    }
}

#[test]
fn child_naming_another_parent() {
    // Parent levels repeated rather than merged, so that a child row can name the wrong parent.
    let mut book = render(&besshi13::interfaces(), &Style { merge_parent_level: false, ..published() });
    let sheet = book.sheets.iter_mut().find(|s| s.name == RESPONSE_02).expect("the sheet");
    sheet.put(15, 2, 6u32);
    assert_eq!(
        errors_of(&book),
        [
            "x.xlsx [IF-I6-01-04-02_レスポンス] B16: error: 階層レベル of 08 証記載介護保険者番号 names parent 6 at level 1, but the item above at that level is 7 (ボディ部)"
        ]
    );
}

#[test]
fn unknown_column_heading_is_a_warning_and_the_column_is_ignored() {
    let written =
        read_book(&published_with(RESPONSE_02, &[("O7", text("サンプル値")), ("O9", text("123456"))]), "x.xlsx");
    assert_eq!(errors(&written.read), Vec::<String>::new());
    let warnings = support::lines(&written.read, ltcip_codegen::diag::Severity::Warning);
    let roles = "<one of 項番, 階層レベル, 項目名, 項目, フォーマット, 書式, 出現回数, 最小, 最大, 必須, 必要, データ型, 桁数, 小数点以下の桁数, 可変長/固定長, 範囲, コード値, 説明, 備考>";
    let folder = format!("{}/", written.path.parent().expect("a folder").display());
    assert_eq!(
        warnings,
        [format!(
            "{} [IF-I6-01-04-02_レスポンス] O7: warning: column heading \"サンプル値\" is not one this reader knows; the column is ignored {}",
            written.path.display(),
            hint("heading", "role", roles, "サンプル値")
                .replace("vocabulary.toml", &format!("{folder}vocabulary.toml"))
        )]
    );
    assert_eq!(support::without_origins(written.read.spec.interfaces), canonical());
}

#[test]
fn a_negative_control_a_changed_remark_is_seen() {
    // The comparison the variation tests rely on does see a one-character change.
    let written = read_book(
        &published_with(RESPONSE_02, &[("N14", text("ボディに記載されているレコード数を設定する"))]),
        "x.xlsx",
    );
    assert_eq!(errors(&written.read), Vec::<String>::new());
    assert_ne!(support::without_origins(written.read.spec.interfaces), canonical());
}
