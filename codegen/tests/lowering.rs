//! One lowering, every renderer: each rule of `ltcip_codegen::lowering::ItemRules`, set on one item of
//! `specs/` (a 別紙13 JSON layout, a care-plan file, LIFE's SERVICE_USER_INFO), must change what each
//! renderer that can show it produces: the generated attribute (`emit`), the runtime descriptor
//! (`validate`), the JSON Schema (`schema`, JSON layouts) and the comparison (`diff`). A rule added to
//! the lowering and left out of a renderer fails here; a field added to `ItemRules` or `TextRules`
//! without a case here fails to compile (the destructuring below names every field).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ltcip_codegen::lowering::{ItemRules, LayoutRules, TextRules};
use ltcip_codegen::model::{
    CharClass, Clause, Code, Condition, CsvDialect, DataType, DateFormat, Item, Layout, Length, Mode, Occurs, Range,
    Repertoire, Requirement, SectionKind, Spec,
};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn base() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let (spec, diagnostics) = ltcip_codegen::load(&[repo().join("specs")]);
        assert!(!diagnostics.has_errors(), "{diagnostics}");
        spec
    })
}

const JSON: (&str, &str) = ("IF-I6-01-04-02 レスポンス", "care_insurer_number");
const POSITIONAL: (&str, &str) = ("UPPLAN ファイル", "provider_name");
const NAMED: (&str, &str) = ("SERVICE_USER_INFO ファイル", "remarks");

fn layout_mut<'a>(spec: &'a mut Spec, title: &str) -> &'a mut Layout {
    spec.interfaces.iter_mut().flat_map(|i| &mut i.layouts).find(|l| l.title() == title).expect("the layout")
}

fn item_mut<'a>(layout: &'a mut Layout, key: &str) -> &'a mut Item {
    fn find<'a>(items: &'a mut [Item], key: &str) -> Option<&'a mut Item> {
        for item in items {
            if item.key.as_deref() == Some(key) {
                return Some(item);
            }
            if let Some(found) = find(&mut item.children, key) {
                return Some(found);
            }
        }
        None
    }
    let body = layout.sections.iter_mut().find(|s| s.kind == SectionKind::Body).expect("a body");
    find(&mut body.items, key).expect("the item")
}

/// What each renderer makes of the layout `title`.
#[derive(PartialEq, Debug)]
struct Rendered {
    /// The generated code of the layout's module, without doc comments.
    code: String,
    /// The runtime descriptor, as `Debug` prints it.
    descriptor: String,
    /// The JSON Schema (JSON layouts).
    schema: Option<String>,
}

fn render(spec: &Spec, title: &str) -> Rendered {
    let interface = spec.interfaces.iter().find(|i| i.layouts.iter().any(|l| l.title() == title)).expect("interface");
    let layout = interface.layouts.iter().find(|l| l.title() == title).expect("layout");
    let mut diagnostics = ltcip_codegen::diag::Diagnostics::default();
    let modules = ltcip_codegen::emit::modules(spec, &mut diagnostics);
    let module =
        modules.iter().find(|m| m.name == ltcip_codegen::emit::naming::module(&interface.id).unwrap()).unwrap();
    let code = ltcip_codegen::emit::format_items(&module.items).expect("formats");
    let code = code.lines().filter(|l| !l.trim_start().starts_with("///")).collect::<Vec<_>>().join("\n");
    let descriptor = format!("{:?}", ltcip_codegen::validate::shape(interface, layout, SectionKind::Body));
    let schema = ltcip_codegen::schema::layout_schema(interface, layout).map(|s| s.to_string());
    Rendered { code, descriptor, schema }
}

/// Which renderers must show a rule.
#[derive(Clone, Copy)]
struct Shows {
    schema: bool,
}

const ALL: Shows = Shows { schema: true };
/// A rule JSON Schema cannot state, or one of CSV files only.
const NOT_IN_SCHEMA: Shows = Shows { schema: false };

fn check(rule: &str, target: (&str, &str), shows: Shows, mutate: impl FnOnce(&mut Layout, &mut Item)) {
    let (title, key) = target;
    let mut spec = base().clone();
    let layout = layout_mut(&mut spec, title);
    let mut item = item_mut(layout, key).clone();
    mutate(layout, &mut item);
    *item_mut(layout, key) = item;
    let before = render(base(), title);
    let after = render(&spec, title);
    // The lowering itself sees the change.
    let lowered = |spec: &Spec| {
        let mut spec = spec.clone();
        let layout = layout_mut(&mut spec, title);
        let rules = LayoutRules::of(layout);
        (format!("{rules:?}"), format!("{:?}", ItemRules::of(item_mut(layout, key), rules)))
    };
    assert_ne!(lowered(base()), lowered(&spec), "{rule}: the lowering does not see it");
    assert_ne!(before.code, after.code, "{rule}: emit ignores it");
    assert_ne!(before.descriptor, after.descriptor, "{rule}: validate ignores it");
    if shows.schema {
        assert!(before.schema.is_some(), "{rule}: {title} has no schema");
        assert_ne!(before.schema, after.schema, "{rule}: schema ignores it");
    }
    let report = ltcip_codegen::diff::diff(base(), &spec);
    assert!(!report.changes.is_empty(), "{rule}: diff ignores it");
}

#[test]
fn every_rule_reaches_every_renderer_that_can_show_it() {
    // Naming every field: a rule added to the lowering must get a case below.
    let spec = base().clone();
    let layout = spec.interfaces.iter().flat_map(|i| &i.layouts).find(|l| l.title() == JSON.0).unwrap();
    let rules = ItemRules::of(&layout.sections[0].items[0], LayoutRules::of(layout));
    let ItemRules {
        occurs: _,
        data_type: _,
        text,
        secret: _,
        free_text: _,
        quoted: _,
        uniform: _,
        space_is_null: _,
        requirement: _,
    } = rules;
    let TextRules {
        class: _,
        repertoire: _,
        length: _,
        number: _,
        fixed: _,
        codes: _,
        date: _,
        pattern: _,
        range: _,
        also: _,
    } = text.expect("a text item");

    check("occurs", JSON, ALL, |_, item| item.occurs = Occurs::REQUIRED);
    check("data_type/class", JSON, ALL, |_, item| item.data_type = Some(DataType::Text(CharClass::HalfAlphanumeric)));
    check("repertoire", JSON, ALL, |layout, _| layout.repertoire = Repertoire::JisX0213);
    check("length", JSON, ALL, |_, item| item.length = Some(Length { digits: 12, fixed: false }));
    check("number", JSON, ALL, |_, item| {
        item.data_type = Some(DataType::Decimal);
        item.decimals = Some(2);
    });
    check("fixed", JSON, ALL, |_, item| item.rules.fixed = Some("0000012345".to_owned()));
    check("codes", JSON, ALL, |_, item| item.rules.codes = vec![Code::bare("0000012345")]);
    check("date", JSON, ALL, |_, item| item.rules.date = Some(DateFormat::YyyyMmDd));
    check("pattern", JSON, ALL, |_, item| item.rules.pattern = Some("[0-9]{10}".to_owned()));
    check("also", JSON, ALL, |_, item| item.rules.also = vec!["9999999999".to_owned()]);
    check("secret", JSON, ALL, |_, item| item.secret = true);
    check("requirement", JSON, ALL, |_, item| {
        item.requirement = Some(Requirement {
            mark: "overrides.toml".to_owned(),
            mode: Mode::Draft,
            condition: Some(Condition::Clauses(vec![Clause {
                key: "result".to_owned(),
                name: "取得結果".to_owned(),
                values: vec![Code::bare("成功")],
            }])),
        });
    });
    // JSON Schema has no numeric bounds for a string.
    check("range", JSON, NOT_IN_SCHEMA, |_, item| {
        item.rules.range = Some(Range { min: Some("0".to_owned()), max: Some("9".to_owned()) });
    });
    // CSV only.
    check("free_text", POSITIONAL, NOT_IN_SCHEMA, |_, item| item.free_text = !item.free_text);
    check("uniform", POSITIONAL, NOT_IN_SCHEMA, |_, item| item.uniform = true);
    check("quoted", NAMED, NOT_IN_SCHEMA, |_, item| item.quoted = !item.quoted);
    check("space_is_null", NAMED, NOT_IN_SCHEMA, |layout, _| {
        layout.file.as_mut().expect("a file").dialect = CsvDialect::Positional;
    });
}
