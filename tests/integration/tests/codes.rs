//! Code lists as enums, on every code list of `specs/`: the oracle is the code generator's model of
//! the workbooks (`ltcip_codegen::load`), each item's codes as validation checks them and its labels as
//! the spec writes them; the generated side is each module's `CODED_ITEMS`. An item with codes that
//! has no entry, an entry of no such item, a code or label that differs, a variant named otherwise
//! than the naming rule says, or an enum that does not read its codes back fails.
//!
//! Then, through real files and payloads: a record holding a wrong code still decodes, its accessor
//! reads `None`, validation reports it, and it is written back as read.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use ltcip_codegen::emit::naming;
use ltcip_codegen::lowering::{ItemRules, LayoutRules};
use ltcip_codegen::model::{self, Direction};
use ltcip_generated as generated;
use ltcip_runtime::code::CodedItem;
use ltcip_runtime::{Code, UnknownCode, Validate};

/// The `CODED_ITEMS` of the module of that name. A module of the spec missing here fails the test
/// (`None`): a new interface must be added, not skipped.
fn coded_items(module: &str) -> Option<&'static [CodedItem]> {
    Some(match module {
        "if_i6_01_04_01" => generated::if_i6_01_04_01::CODED_ITEMS,
        "if_i6_01_04_02" => generated::if_i6_01_04_02::CODED_ITEMS,
        "service_user_info" => generated::service_user_info::CODED_ITEMS,
        "dlt1kyo" => generated::dlt1kyo::CODED_ITEMS,
        "dltjsk" => generated::dltjsk::CODED_ITEMS,
        "dltkihon" => generated::dltkihon::CODED_ITEMS,
        "dltplan" => generated::dltplan::CODED_ITEMS,
        "dltyobo" => generated::dltyobo::CODED_ITEMS,
        "up1kyo" => generated::up1kyo::CODED_ITEMS,
        "up2kyo" => generated::up2kyo::CODED_ITEMS,
        "up3kyo" => generated::up3kyo::CODED_ITEMS,
        "uphosoku" => generated::uphosoku::CODED_ITEMS,
        "upjsk" => generated::upjsk::CODED_ITEMS,
        "upkihon" => generated::upkihon::CODED_ITEMS,
        "upkihon_sub1" => generated::upkihon_sub1::CODED_ITEMS,
        "upkihon_sub2" => generated::upkihon_sub2::CODED_ITEMS,
        "upplan" => generated::upplan::CODED_ITEMS,
        "upsikyu" => generated::upsikyu::CODED_ITEMS,
        "upyobo" => generated::upyobo::CODED_ITEMS,
        "upyobo_sub" => generated::upyobo_sub::CODED_ITEMS,
        _ => return None,
    })
}

/// One item of the spec with a code list, as the model has it.
#[derive(Debug)]
struct Expected {
    /// The struct that holds it (`Record`, `ResponseBody`).
    record: String,
    no: String,
    name: String,
    /// The values validation accepts (the codes, then what `also` adds), each with the spec's label.
    codes: Vec<(String, Option<String>)>,
}

fn spec() -> &'static model::Spec {
    static SPEC: OnceLock<model::Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let specs = concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs");
        let (spec, diagnostics) = ltcip_codegen::load(&[specs.into()]);
        assert!(!diagnostics.has_errors(), "specs/ has errors: {diagnostics:?}");
        spec
    })
}

/// Every item of the spec with a code list, by module, in layout order.
fn expected() -> BTreeMap<String, Vec<Expected>> {
    let mut modules = BTreeMap::new();
    for interface in &spec().interfaces {
        let module = naming::module(&interface.id).expect("a module name");
        let files = interface.layouts.iter().filter(|l| l.direction == Direction::File).count();
        assert!(files <= 1, "{}: versioned modules are not covered by this test yet", interface.id);
        let items: &mut Vec<Expected> = modules.entry(module).or_default();
        for layout in &interface.layouts {
            for section in &layout.sections {
                let record = naming::section_type(layout.direction, section.kind);
                collect(layout, &record, &section.items, items);
            }
        }
    }
    modules
}

fn collect(layout: &model::Layout, record: &str, items: &[model::Item], out: &mut Vec<Expected>) {
    for item in items {
        if item.is_list() {
            let records = naming::record_type(record, item.key.as_deref().expect("a key")).expect("a type name");
            collect(layout, &records, &item.children, out);
            continue;
        }
        let rules = ItemRules::of(item, LayoutRules::of(layout));
        let Some(text) = rules.text.as_ref().filter(|text| !text.codes.is_empty()) else { continue };
        if item.secret {
            continue;
        }
        let label = |value: &str| item.rules.codes.iter().find(|c| c.value == value).and_then(|c| c.label.clone());
        let codes = text
            .codes
            .iter()
            .chain(text.also.iter().filter(|value| !text.codes.contains(value)))
            .map(|value| (value.clone(), label(value)))
            .collect();
        out.push(Expected { record: record.to_owned(), no: item.no.clone(), name: item.name.clone(), codes });
    }
}

/// A text of the kind of `code` (the same length, its last character changed within its class) that
/// is none of `codes`, so that only the code rule can break on it.
fn unknown(codes: &[&str]) -> String {
    let first = codes[0];
    let last = first.chars().last().expect("codes are not empty");
    let pool: Vec<char> = if last.is_ascii_digit() {
        ('0'..='9').collect()
    } else if last.is_ascii_uppercase() {
        ('A'..='Z').collect()
    } else if last.is_ascii_lowercase() {
        ('a'..='z').collect()
    } else {
        "不明他".chars().collect()
    };
    let stem: String = first.chars().take(first.chars().count() - 1).collect();
    pool.iter()
        .map(|c| format!("{stem}{c}"))
        .find(|candidate| !codes.contains(&candidate.as_str()))
        .unwrap_or_else(|| panic!("no unknown code of the kind of {first:?}"))
}

#[test]
fn every_code_list_of_the_specs_is_an_enum_that_reads_its_codes_back() {
    let mut lists = 0;
    let mut codes_checked = 0;
    for (module, expected) in expected() {
        let actual = coded_items(&module).unwrap_or_else(|| panic!("module {module} is not listed in coded_items"));
        let found: Vec<(&str, &str, &str)> = actual.iter().map(|a| (a.record, a.item_no, a.item_name)).collect();
        let wanted: Vec<(&str, &str, &str)> =
            expected.iter().map(|e| (e.record.as_str(), e.no.as_str(), e.name.as_str())).collect();
        assert_eq!(found, wanted, "{module}: the coded items generated are not the items with codes in the spec");
        for (item, spec) in actual.iter().zip(&expected) {
            let at = format!("{module}::{}::{} ({} {})", item.record, item.field, item.item_no, item.item_name);
            let list = &item.list;
            let codes: Vec<&str> = spec.codes.iter().map(|(code, _)| code.as_str()).collect();
            let labels: Vec<Option<&str>> = spec.codes.iter().map(|(_, label)| label.as_deref()).collect();
            assert_eq!(list.codes, codes, "{at}: codes");
            assert_eq!(list.labels, labels, "{at}: labels");
            // ALL is complete, in the spec's order, each variant named by the one naming rule.
            let all = (list.all)();
            let names: Vec<&str> = all.iter().map(|(name, _, _)| name.as_str()).collect();
            assert_eq!(names, naming::code_variants(&spec.codes), "{at}: variant names");
            let read: Vec<(&str, Option<&str>)> = all.iter().map(|(_, code, label)| (*code, *label)).collect();
            let written: Vec<(&str, Option<&str>)> = codes.iter().copied().zip(labels.iter().copied()).collect();
            assert_eq!(read, written, "{at}: ALL, as_str() and label()");
            for (code, label) in &written {
                assert_eq!((list.parse)(code), Ok((*code, *label)), "{at}: {code:?}.parse()");
                assert_eq!((list.try_from)(code), Ok((*code, *label)), "{at}: try_from({code:?})");
                let (accessor, report) = (item.read)(code);
                assert_eq!(accessor, Some(*code), "{at}: the accessor on {code:?}");
                let errors = report.err().unwrap_or_default();
                assert!(
                    !errors.iter().any(|e| e.item_no() == item.item_no && e.item_name() == item.item_name),
                    "{at}: {code:?} is reported: {errors:?}"
                );
                codes_checked += 1;
            }
            // A text that is no code: an error naming it from the enum, `None` from the accessor,
            // and the item reported by validate() under the code rule, the record holding the text.
            let wrong = unknown(&codes);
            let error: UnknownCode = (list.parse)(&wrong).expect_err("not a code");
            assert_eq!((error.code(), error.list(), error.codes()), (wrong.as_str(), list.name, list.codes), "{at}");
            assert_eq!((list.try_from)(&wrong), Err(error), "{at}");
            let empty = (list.parse)("").expect_err("the empty text is no code");
            assert_eq!(empty.code(), "", "{at}");
            let (accessor, report) = (item.read)(&wrong);
            assert_eq!(accessor, None, "{at}: the accessor on {wrong:?}");
            let errors = report.expect_err("a wrong code is reported");
            let rules: Vec<&str> = errors
                .iter()
                .filter(|e| e.item_no() == item.item_no && e.item_name() == item.item_name)
                .map(|e| e.rule().code())
                .collect();
            assert_eq!(rules, ["code"], "{at}: what validate() says of {wrong:?}");
            let (absent, _) = (item.read)("");
            assert_eq!(absent, None, "{at}: the accessor on the empty text");
            lists += 1;
        }
    }
    // A reader that lost code lists would pass above: the specs of today hold 57 coded items of 203
    // codes in all (a new spec may add, not remove, without this failing).
    assert!(lists >= 57 && codes_checked >= 203, "only {lists} coded items and {codes_checked} codes");
}

#[test]
fn shared_lists_are_one_enum_and_codes_that_are_names_name_their_variants() {
    use generated::{if_i6_01_04_02, service_user_info, upjsk, upkihon};
    // 取得結果 (別紙13): the codes are words; no labels.
    assert_eq!("成功".parse(), Ok(if_i6_01_04_02::ResultCode::成功));
    assert_eq!(if_i6_01_04_02::ResultCode::失敗.label(), None);
    // LIFE: labels.
    assert_eq!(service_user_info::GenderCode::try_from("2"), Ok(service_user_info::GenderCode::女性));
    assert_eq!(service_user_info::CareLevelCode::要介護1.as_str(), "21");
    assert_eq!(service_user_info::CareLevelCode::要介護1.label(), Some("要介護１"));
    // Care plan, `1：該当、0：非該当`.
    assert_eq!(upjsk::Over30DaysCode::ALL, [upjsk::Over30DaysCode::該当, upjsk::Over30DaysCode::非該当]);
    // One list for eight items of 利用者基本情報: one enum, aliases by item.
    let same: [fn() -> &'static [&'static str]; 2] =
        [|| upkihon::DisabilityMentalCode::CODES, || upkihon::IncomePublicAssistanceCode::CODES];
    for codes in same {
        assert_eq!(codes(), upkihon::DisabilityPhysicalCode::CODES);
    }
    let record = upkihon::Record { income_public_assistance: Some("1".into()), ..Default::default() };
    assert_eq!(record.income_public_assistance_code(), Some(upkihon::DisabilityPhysicalCode::該当));
    let distinct: BTreeMap<&str, usize> = upkihon::CODED_ITEMS.iter().fold(BTreeMap::new(), |mut map, item| {
        *map.entry(item.list.name).or_default() += 1;
        map
    });
    assert_eq!(distinct.get("障害等認定(身障)"), Some(&8), "{distinct:?}");
}

#[test]
fn a_wrong_code_in_a_life_file_is_read_reported_and_written_back() {
    use generated::service_user_info;
    let record = service_user_info::Record { gender: "3".into(), care_level: "21".into(), ..Default::default() };
    let mut file = service_user_info::writer(Vec::new());
    file.write(&record).expect("written");
    let bytes = file.finish().expect("finished");
    let mut reader = service_user_info::reader(bytes.as_slice());
    let row = reader.next().expect("a row").expect("no I/O error");
    let codes: Vec<(&str, &str)> = row.violations().iter().map(|v| (v.item_no(), v.rule().code())).collect();
    assert!(codes.contains(&("10", "code")), "{codes:?}");
    let read = row.into_record().expect("a record");
    assert_eq!(read.gender, "3");
    assert_eq!(read.gender_code(), None);
    assert_eq!(read.care_level_code(), Some(service_user_info::CareLevelCode::要介護1));
    // Fixed through the enum and written back.
    let mut fixed = read.clone();
    fixed.gender = service_user_info::GenderCode::女性.as_str().into();
    assert_eq!(fixed.gender_code(), Some(service_user_info::GenderCode::女性));
    let mut again = service_user_info::writer(Vec::new());
    again.write(&read).expect("written");
    assert_eq!(again.finish().expect("finished"), bytes, "the wrong code is written back as read");
}

#[test]
fn a_wrong_code_in_a_care_plan_file_is_read_reported_and_written_back() {
    use generated::upjsk;
    let record = upjsk::Record { over_30_days: "2".into(), ..Default::default() };
    let mut file = upjsk::writer(Vec::new());
    file.write(&record).expect("written");
    let bytes = file.finish().expect("finished");
    let row = upjsk::reader(bytes.as_slice()).next().expect("a row").expect("no I/O error");
    let over = row.violations().iter().find(|v| v.item_name() == "３０日超区分").expect("reported");
    assert_eq!(over.rule().code(), "code");
    let read = row.into_record().expect("a record");
    assert_eq!((read.over_30_days.as_str(), read.over_30_days_code()), ("2", None));
    let mut again = upjsk::writer(Vec::new());
    again.write(&read).expect("written");
    assert_eq!(again.finish().expect("finished"), bytes);
}

#[test]
fn a_wrong_code_in_a_response_decodes_and_is_reported() {
    use generated::if_i6_01_04_02::{Response, ResultCode};
    let golden = concat!(env!("CARGO_MANIFEST_DIR"), "/golden/IF-I6-01-04-02/response/valid/failure-minimal.json");
    let body = std::fs::read_to_string(golden).expect("the golden payload").replace("失敗", "不明");
    let body = body.as_str();
    let response: Response = ltcip_runtime::serde_json::from_str(body).expect("typed decoding keeps the text");
    assert_eq!((response.result.as_str(), response.result_code()), ("不明", None));
    let errors = response.validate().expect_err("reported");
    let result = errors.iter().find(|e| e.item_name() == "取得結果").expect("取得結果 reported");
    assert_eq!(result.rule().code(), "code");
    let errors = ltcip_runtime::json::from_str::<Response>(body).expect_err("reported in the full decode too");
    assert!(errors.iter().any(|e| e.item_name() == "取得結果" && e.rule().code() == "code"));
    let ok = Response { result: ResultCode::成功.as_str().into(), ..Default::default() };
    assert_eq!(ok.result_code(), Some(ResultCode::成功));
}
