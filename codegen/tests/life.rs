//! The LIFE family (MHLW 外部インターフェース項目一覧 style), read through the built-in vocabulary: the
//! made-up fixture of `ltcip-fixtures::life` (four interfaces, an index sheet, 更新履歴, code sheets,
//! grouping rows, 数値 with decimals, 範囲, both kinds of code list, all three 必須 marks and their
//! legend) is read back and compared, item by item, with the data it was rendered from.

#![allow(dead_code)]

mod support;

use ltcip_codegen::diag::Severity;
use ltcip_codegen::model::{
    CharClass, Condition, CsvDialect, DataType, DateFormat, Direction, Interface, Item, Mode, WireFormat,
};
use ltcip_fixtures::life::{self, Codes, LifeInterface, LifeItem, LifeStyle, Required, RowKind};
use support::{lines, read_book};

fn read(book: &ltcip_fixtures::Book) -> support::Written {
    read_book(book, "life.xlsx")
}

fn interface<'a>(interfaces: &'a [Interface], id: &str) -> &'a Interface {
    interfaces.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("{id} was not read"))
}

fn items(interface: &Interface) -> &[Item] {
    &interface.layouts[0].sections[0].items
}

/// The data type a タイプ means.
fn data_type(written: &str) -> DataType {
    match written {
        life::TEXT => DataType::Text(CharClass::Mixed),
        life::NUMERIC => DataType::Decimal,
        life::DIGITS => DataType::Text(CharClass::HalfDigits),
        other => panic!("no タイプ {other:?} in the fixture"),
    }
}

/// The codes an item should have: its list, or the rows of the code sheet it names.
fn codes(item: &LifeItem) -> Vec<(String, Option<String>)> {
    let pairs: &[(&str, &str)] = match item.codes {
        Codes::None => &[],
        Codes::List(codes) => codes,
        Codes::Sheet(name) => life::CODE_SHEETS.iter().find(|s| s.name == name).expect("a code sheet").rows,
    };
    pairs.iter().map(|(code, label)| ((*code).to_owned(), Some((*label).to_owned()))).collect()
}

/// Checks one interface as read against what was rendered.
fn compare(read: &Interface, rendered: &LifeInterface) {
    assert_eq!(read.name, rendered.name, "{}", rendered.id);
    assert_eq!(read.layouts.len(), 1, "{}", rendered.id);
    let layout = &read.layouts[0];
    assert_eq!((layout.direction, layout.format), (Direction::File, WireFormat::Csv), "{}", rendered.id);
    assert_eq!(layout.file.as_ref().map(|f| f.dialect), Some(CsvDialect::Named), "{}", rendered.id);
    let got = items(read);
    let expected: Vec<&LifeItem> = rendered.items.iter().filter(|i| i.kind == RowKind::Item).collect();
    assert_eq!(got.len(), expected.len(), "{}: items (grouping rows are not items)", rendered.id);
    // The captions above each item, as its docs keep them.
    let mut captions: Vec<Vec<&str>> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    for row in &rendered.items {
        if row.is_caption() {
            pending.push(row.name);
        } else {
            captions.push(std::mem::take(&mut pending));
        }
    }
    for ((item, want), captions) in got.iter().zip(&expected).zip(&captions) {
        let at = format!("{} {} {}", rendered.id, want.no.unwrap_or_default(), want.name);
        assert_eq!(item.no, want.no.expect("an item has a No.").to_string(), "{at}");
        assert_eq!(item.key.as_deref(), Some(want.key), "{at}");
        assert_eq!(item.name, want.name, "{at}");
        assert_eq!(item.data_type, Some(data_type(want.data_type)), "{at}");
        assert_eq!(item.quoted, want.data_type == life::TEXT, "{at}: 文字列 is written quoted");
        assert_eq!(item.length.map(|l| l.digits), want.digits, "{at}");
        assert_eq!(item.decimals, want.decimals.filter(|d| *d > 0), "{at}");
        let range = item.rules.range.as_ref().map(ToString::to_string);
        let want_range = (!want.range.trim().is_empty()).then(|| want.range.replace(' ', ""));
        assert_eq!(range, want_range, "{at}");
        let date = match want.format.trim() {
            "YYYYMMDD" => Some(DateFormat::YyyyMmDd),
            "HHmm" => Some(DateFormat::HhMm),
            "HH" => Some(DateFormat::Hh),
            "mm" => Some(DateFormat::Mi),
            _ => None,
        };
        assert_eq!(item.rules.date, date, "{at}");
        let got_codes: Vec<(String, Option<String>)> =
            item.rules.codes.iter().map(|c| (c.value.clone(), c.label.clone())).collect();
        assert_eq!(got_codes, codes(want), "{at}");
        assert_eq!(item.description.as_deref(), (!want.description.is_empty()).then_some(want.description), "{at}");
        assert_eq!(item.remarks.as_deref(), (!want.remarks.is_empty()).then_some(want.remarks), "{at}");
        // 必須, as the sheet's legend defines the marks.
        assert_eq!(item.occurs.min, u32::from(want.required == Required::Always), "{at}");
        match want.required {
            Required::Optional | Required::Always => assert_eq!(item.requirement, None, "{at}"),
            Required::OnConfirm => {
                let requirement = item.requirement.as_ref().expect("○ is required at 確定取込");
                assert_eq!(
                    (requirement.mode, &requirement.condition, requirement.mark.as_str()),
                    (Mode::Final, &None, "○"),
                    "{at}"
                );
            }
            Required::Conditional => {
                let requirement = item.requirement.as_ref().expect("● is required under a condition");
                assert_eq!((requirement.mode, requirement.mark.as_str()), (Mode::Final, "●"), "{at}");
                match &requirement.condition {
                    Some(Condition::Clauses(clauses)) => {
                        assert!(!want.condition.is_empty(), "{at}: a condition in prose was read as rules");
                        assert_eq!(clauses.len(), want.condition.len(), "{at}");
                        for (clause, wanted) in clauses.iter().zip(want.condition) {
                            assert_eq!(clause.name, wanted.item, "{at}");
                            let named = got.iter().find(|i| i.name == wanted.item).expect("the clause's item");
                            assert_eq!(Some(&clause.key), named.key.as_ref(), "{at}");
                            let values: Vec<&str> = clause.values.iter().map(|v| v.value.as_str()).collect();
                            let wanted: Vec<&str> = wanted.codes.iter().map(|(code, _)| *code).collect();
                            assert_eq!(values, wanted, "{at}");
                        }
                    }
                    Some(Condition::Prose(text)) => {
                        assert!(want.condition.is_empty(), "{at}: a regular condition was left as prose");
                        assert_eq!(text, want.description, "{at}");
                    }
                    None => panic!("{at}: ● without its condition"),
                }
            }
        }
        let groups: Vec<&str> = item.groups.iter().map(|g| g.split(": ").next().unwrap_or_default()).collect();
        assert_eq!(&groups, captions, "{at}: the grouping rows above it are its docs");
    }
}

#[test]
fn the_fixture_reads_as_rendered_without_a_finding() {
    let written = read(&life::fixture());
    let findings: Vec<String> = written.read.diagnostics.iter().map(ToString::to_string).collect();
    assert!(findings.is_empty(), "{findings:#?}");
    let rendered = life::fixture_interfaces();
    assert_eq!(written.read.spec.interfaces.len(), rendered.len());
    for interface in &rendered {
        compare(super_interface(&written, interface.id), interface);
    }
}

fn super_interface<'a>(written: &'a support::Written, id: &str) -> &'a Interface {
    interface(&written.read.spec.interfaces, id)
}

#[test]
fn grouping_rows_keep_their_text_as_docs() {
    let written = read(&life::fixture());
    let form = super_interface(&written, "FORM_0100_2021");
    let height = items(form).iter().find(|i| i.key.as_deref() == Some("height")).expect("身長");
    assert_eq!(height.groups, [format!("身体計測: {}", life::GROUPING)]);
    let remarks = items(form).iter().find(|i| i.key.as_deref() == Some("remarks")).expect("特記事項");
    assert!(remarks.groups[0].contains("別ファイル（FORM_0001_2021）"), "{:?}", remarks.groups);
}

/// The ID comes from the title cell; without it, from the sheet name (trailing space trimmed); the
/// index gives the name where no title cell does.
#[test]
fn identity_from_the_title_cell_the_sheet_name_or_the_index() {
    for style in [
        LifeStyle::published(),
        LifeStyle { title_cell: false, ..LifeStyle::published() },
        LifeStyle { index: false, ..LifeStyle::published() },
    ] {
        let written = read(&life::render_life(&life::fixture_interfaces(), &style));
        let errors = lines(&written.read, Severity::Error);
        assert!(errors.is_empty(), "{style:?}: {errors:#?}");
        let ids: Vec<&str> = written.read.spec.interfaces.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["FORM_0001_2021", "FORM_0100_2021", "FORM_0200_2021", "SERVICE_USER_INFO"], "{style:?}");
        for rendered in life::fixture_interfaces() {
            let read = super_interface(&written, rendered.id);
            let named = style.title_cell || style.index;
            assert_eq!(read.name.is_empty(), !named, "{style:?} {}", rendered.id);
        }
    }
}

/// Without the legend, ◎ ○ ● are the vocabulary's marks: each means 必須 (最小 1), as a care-plan ○ does.
#[test]
fn without_a_legend_every_mark_means_required() {
    let written =
        read(&life::render_life(&life::fixture_interfaces(), &LifeStyle { legend: false, ..LifeStyle::published() }));
    assert!(lines(&written.read, Severity::Error).is_empty());
    let form = super_interface(&written, "FORM_0100_2021");
    let height = items(form).iter().find(|i| i.key.as_deref() == Some("height")).expect("身長");
    assert_eq!((height.occurs.min, &height.requirement), (1, &None));
}

/// A legend phrase the vocabulary lacks is an error at the legend's cell, naming the entry to add.
#[test]
fn an_unknown_legend_phrase_names_the_vocabulary_entry() {
    let mut book = life::fixture();
    for sheet in &mut book.sheets {
        if let Some(ltcip_fixtures::Value::Text(text)) = sheet.cells.get_mut(&(0, 6)) {
            *text = text.replace("常に必須", "いつでも必須");
        }
    }
    let written = read(&book);
    let errors = lines(&written.read, Severity::Error);
    assert!(!errors.is_empty());
    for error in &errors {
        assert!(error.contains("G1: error: the 必須 legend's ◎：\"いつでも必須\" is not a meaning"), "{error}");
        assert!(
            error.contains("[[legend]] means = \"<one of 常に必須, 確定取込時必須, 確定取込時条件付き必須>\""),
            "{error}"
        );
    }
}

/// A code sheet the workbook lacks leaves the item without codes, with a warning at the reference.
#[test]
fn a_missing_code_sheet_is_a_warning_at_the_reference() {
    let written = read(&life::render_life(
        &life::fixture_interfaces(),
        &LifeStyle { code_sheets: false, ..LifeStyle::published() },
    ));
    let warnings = lines(&written.read, Severity::Warning);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("[FORM_0100_2021] J21: warning: コード値 refers to the code sheet \"職種コード\"")),
        "{warnings:#?}"
    );
    let form = super_interface(&written, "FORM_0100_2021");
    let job = items(form).iter().find(|i| i.key.as_deref() == Some("participant_job_code")).expect("参加者職種");
    assert!(job.rules.codes.is_empty());
}

/// The LIFE facts are compared by `diff`, each classed for the side that writes the file and the side
/// that reads it: 範囲 narrowed and decimals fewer break the writer, 範囲 widened and decimals more the
/// reader (a LIFE file is written by either side, so each is breaking for the vendor), a ● condition
/// changed breaks both.
#[test]
fn diff_compares_ranges_decimals_and_conditions() {
    let old = life::fixture_interfaces();
    let mut new = old.clone();
    let form = new.iter_mut().find(|i| i.id == "FORM_0100_2021").expect("FORM_0100_2021");
    for item in &mut form.items {
        match item.key {
            "meal_intake_rate" => item.range = "0～90",
            "meeting_hour" => item.range = "0～24",
            "height" => item.decimals = Some(0),
            "weight" => item.decimals = Some(2),
            "dysphagia_diet_code" => {
                item.description = "嚥下調整食の必要性＝1：なしの場合に必須";
                item.condition = &[];
            }
            _ => {}
        }
    }
    let render = |interfaces: &[LifeInterface]| life::render_life(interfaces, &LifeStyle::published());
    let (old, new) = (read(&render(&old)), read(&render(&new)));
    let report = ltcip_codegen::diff::diff(&old.read.spec, &new.read.spec);
    let changes: Vec<(String, &str, &str, String)> = report
        .changes
        .iter()
        .map(|c| {
            let item = c.new_item.as_ref().map(|i| i.name.clone()).unwrap_or_default();
            (item, c.attribute.unwrap_or_default(), c.rule.id, format!("{:?}/{:?}", c.sender, c.receiver))
        })
        .filter(|(_, attribute, _, _)| *attribute != "description")
        .collect();
    let expect = |item: &str, attribute: &'static str, rule: &'static str, classes: &str| {
        (item.to_owned(), attribute, rule, classes.to_owned())
    };
    assert_eq!(
        changes,
        [
            expect("身長", "decimals", "ITEM_DECIMALS_DECREASED", "Breaking/Compatible"),
            expect("体重", "decimals", "ITEM_DECIMALS_INCREASED", "Compatible/Breaking"),
            expect("食事摂取量", "range", "ITEM_RANGE_NARROWED", "Breaking/Compatible"),
            expect("嚥下調整食コード", "required_when", "ITEM_REQUIREMENT_CHANGED", "Breaking/Breaking"),
            expect("開催時間（時）", "range", "ITEM_RANGE_WIDENED", "Compatible/Breaking"),
        ],
        "{report}"
    );
    assert!(
        report
            .changes
            .iter()
            .all(|c| c.class == ltcip_codegen::diff::Class::Breaking || c.attribute == Some("description"))
    );
}
