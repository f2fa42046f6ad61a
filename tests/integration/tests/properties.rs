//! Property tests per JSON layout.
//!
//! # The oracle
//!
//! The strategies are drawn from the codegen model: `ltcip_codegen::load` on `specs/` (overrides
//! applied), which is the very model the generated validators are emitted from. These properties
//! therefore check that the emitter, the derive and the runtime carry out the model faithfully (every
//! rule of an item is checked, each at the right pointer, and nothing else is), not that the model
//! reads the workbook right: a 桁数 or code list the reader got wrong would be wrong on both sides and
//! pass here. What the model should say is checked against the spec elsewhere, by hand: the reader's
//! tests (`codegen/tests/reader.rs`, `annex.rs`, `life.rs`), the golden payloads (`golden.rs`) and,
//! for the care-plan files, `careplan_rules.rs`. `the_spec_layouts_are_the_generated_layouts` below
//! checks only that the model and the generated `SHAPE`s agree.
//!
//! # Failing seeds
//!
//! The runner persists the seed of a failing case in `properties.proptest-regressions` beside this
//! file (proptest's `FileFailurePersistence`, available with the `std` feature this workspace enables),
//! and replays every seed in it before new cases. Check the file in when a failure adds to it.
//! `failing_seeds_are_persisted` proves the mechanism works where the tests run.
//!
//! # The properties
//!
//! For each of the six layouts:
//!
//! - **valid values round-trip**: any document built from the rules of its items (データ型, 桁数,
//!   可変長/固定長, 出現回数, fixed values, code lists, date formats) decodes, validates, serialises back to
//!   the same JSON (absent and `null` optional members alike are left out), decodes again to an equal
//!   value, and passes the untyped check;
//! - **one broken rule is reported exactly**: the same document with one item value replaced by a
//!   value breaking exactly one rule (too long or too short, a character of the wrong class, one
//!   outside MS932, an unknown code, a value other than the fixed one, a date not on the calendar, a
//!   required item left out, a value of the wrong JSON type, a record that is not an object) is
//!   rejected with exactly one violation, at that value's pointer and with that rule, by the typed and
//!   the untyped paths alike.
//!
//! The header layouts are also read through `headers::from_pairs` with header names in random case.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Debug;
use std::sync::{Mutex, OnceLock};

use ltcip_codegen::model::{self, CharClass, DataType, DateFormat, Direction, Repertoire, SectionKind};
use ltcip_generated::{if_i6_01_04_01, if_i6_01_04_02};
use ltcip_runtime::serde::Serialize;
use ltcip_runtime::serde::de::DeserializeOwned;
use ltcip_runtime::serde_json::{self, Map, Value};
use ltcip_runtime::{Layout, ValidationErrors, headers, json};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};

/// Cases per property: enough to reach every item and rule many times, few enough to stay fast.
const CASES: u32 = 256;

// ---------------------------------------------------------------------------------------------------
// The layouts, as the spec states them.

/// One item of a layout, reduced to what decides validity.
#[derive(Clone, Debug)]
struct Field {
    key: String,
    required: bool,
    node: Node,
}

#[derive(Clone, Debug)]
enum Node {
    Text(TextRules),
    /// A リスト: records made of these fields.
    List(Vec<Field>),
}

#[derive(Clone, Debug)]
struct TextRules {
    class: Option<CharClass>,
    /// 桁数 and 固定長.
    length: Option<(usize, bool)>,
    fixed: Option<String>,
    codes: Vec<String>,
    date: Option<DateFormat>,
}

type Key = (&'static str, Direction, SectionKind);

/// The spec as read by the code generator, from the workbooks and tables in `specs/`.
fn spec() -> &'static model::Spec {
    static SPEC: OnceLock<model::Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let specs = concat!(env!("CARGO_MANIFEST_DIR"), "/../../specs");
        let (spec, diagnostics) = ltcip_codegen::load(&[specs.into()]);
        assert!(!diagnostics.has_errors(), "specs/ has errors: {diagnostics:?}");
        spec
    })
}

/// One layout section of the spec, by (外部IF_ID, 送受信種別, section), reduced to [`Field`]s. Only
/// the layouts tested here are converted, so that other workbooks in `specs/` (the care-plan CSV
/// layouts) need not fit these strategies.
fn layout_fields(key: Key) -> &'static [Field] {
    static LAYOUTS: OnceLock<Mutex<HashMap<Key, &'static [Field]>>> = OnceLock::new();
    let mut layouts = LAYOUTS.get_or_init(Mutex::default).lock().unwrap_or_else(|e| e.into_inner());
    layouts.entry(key).or_insert_with(|| {
        let (id, direction, kind) = key;
        let layout = spec()
            .interfaces
            .iter()
            .filter(|i| i.id == id)
            .flat_map(|i| &i.layouts)
            .find(|l| l.direction == direction)
            .unwrap_or_else(|| panic!("specs/ has no layout {id} {direction}"));
        assert_eq!(
            layout.repertoire,
            Repertoire::Ms932,
            "{}: the strategies draw characters from MS932; extend them for {}",
            layout.title(),
            layout.repertoire
        );
        let section = layout.section(kind).unwrap_or_else(|| panic!("{}: no {kind:?} section", layout.title()));
        section.items.iter().map(field).collect::<Vec<_>>().leak()
    })
}

fn field(item: &model::Item) -> Field {
    let key = item.key.clone().unwrap_or_else(|| panic!("item {} {} has no key", item.no, item.name));
    let node = match item.data_type {
        Some(DataType::List) => Node::List(item.children.iter().map(field).collect()),
        _ => {
            assert_eq!(item.occurs.max, Some(1), "{key}: repeated text items are not drawn yet");
            Node::Text(TextRules {
                class: item.char_class(),
                length: item.length.map(|l| (l.digits as usize, l.fixed)),
                fixed: item.rules.fixed.clone(),
                codes: ltcip_codegen::model::code_values(&item.rules.codes),
                date: item.rules.date,
            })
        }
    };
    Field { key, required: item.occurs.min > 0, node }
}

/// The six generated layouts and where the spec states each.
#[derive(Clone, Copy, Debug)]
enum L {
    H1,
    Q1,
    R1,
    H2,
    Q2,
    R2,
}

const ALL: [L; 6] = [L::H1, L::Q1, L::R1, L::H2, L::Q2, L::R2];

impl L {
    fn key(self) -> Key {
        const ONE: &str = "IF-I6-01-04-01";
        const TWO: &str = "IF-I6-01-04-02";
        match self {
            L::H1 => (ONE, Direction::Request, SectionKind::Headers),
            L::Q1 => (ONE, Direction::Request, SectionKind::Body),
            L::R1 => (ONE, Direction::Response, SectionKind::Body),
            L::H2 => (TWO, Direction::Request, SectionKind::Headers),
            L::Q2 => (TWO, Direction::Request, SectionKind::Body),
            L::R2 => (TWO, Direction::Response, SectionKind::Body),
        }
    }

    fn fields(self) -> &'static [Field] {
        layout_fields(self.key())
    }

    fn shape(self) -> &'static ltcip_runtime::Shape<'static> {
        match self {
            L::H1 => <if_i6_01_04_01::RequestHeaders as Layout>::SHAPE,
            L::Q1 => <if_i6_01_04_01::Request as Layout>::SHAPE,
            L::R1 => <if_i6_01_04_01::Response as Layout>::SHAPE,
            L::H2 => <if_i6_01_04_02::RequestHeaders as Layout>::SHAPE,
            L::Q2 => <if_i6_01_04_02::Request as Layout>::SHAPE,
            L::R2 => <if_i6_01_04_02::Response as Layout>::SHAPE,
        }
    }
}

/// The strategies are only as good as the mapping from spec layouts to generated types: the items
/// must be the same, in the same order, equally required, lists where lists are.
#[test]
fn the_spec_layouts_are_the_generated_layouts() {
    fn compare(at: &str, fields: &[Field], shape: &ltcip_runtime::Shape<'_>) {
        let keys: Vec<&str> = fields.iter().map(|f| f.key.as_str()).collect();
        let generated: Vec<&str> = shape.items.iter().map(|i| i.key).collect();
        assert_eq!(keys, generated, "{at}: items differ");
        for (field, item) in fields.iter().zip(shape.items) {
            assert_eq!(field.required, item.occurs.min > 0, "{at}/{}: 出現回数 differs", field.key);
            match (&field.node, &item.kind) {
                (Node::Text(_), ltcip_runtime::Kind::Text(_)) => {}
                (Node::List(children), ltcip_runtime::Kind::List(inner)) => {
                    compare(&format!("{at}/{}", field.key), children, inner);
                }
                _ => panic!("{at}/{}: リスト in one, text in the other", field.key),
            }
        }
    }
    for layout in ALL {
        compare(&format!("{layout:?}"), layout.fields(), layout.shape());
    }
}

// ---------------------------------------------------------------------------------------------------
// Characters.

/// Characters MS932 writes in two bytes: kana, full-width ASCII, symbols, kanji, and MS932's own NEC
/// and IBM extensions.
fn full_width() -> Vec<char> {
    let mut chars: Vec<char> = ('\u{3041}'..='\u{3093}').chain('\u{30A1}'..='\u{30F6}').collect();
    chars.extend(('\u{FF10}'..='\u{FF19}').chain('\u{FF21}'..='\u{FF3A}').chain('\u{FF41}'..='\u{FF5A}'));
    chars.extend("\u{3000}、。・ー－～！？＃＄％＆（）＋＝＠［］｛｝￥￢‐―∥①②⑳ⅠⅡⅰ㈱㈲№℡∵髙﨑".chars());
    chars.extend("介護保険者番号被証利用情報取得要求成功失敗処理結果詳細署名付記載市区町村東京都大阪府北海道".chars());
    chars
}

fn half_width() -> Vec<char> {
    (' '..='~').chain('\u{FF61}'..='\u{FF9F}').collect()
}

/// The characters a class admits (and, for no class, what the repertoire carries).
fn alphabet(class: Option<CharClass>) -> Vec<char> {
    match class {
        Some(CharClass::HalfDigits) => ('0'..='9').collect(),
        Some(CharClass::HalfAlphanumeric) => ('0'..='9').chain('A'..='Z').chain('a'..='z').collect(),
        Some(CharClass::Half) => half_width(),
        Some(CharClass::Full) => full_width(),
        Some(CharClass::Mixed) => {
            let mut chars = half_width();
            chars.extend(full_width());
            chars.extend(['\r', '\n']);
            chars
        }
        // No データ型: any character of the repertoire, control characters included.
        None => {
            let mut chars = alphabet(Some(CharClass::Mixed));
            chars.extend(['\t', '\u{0}', '\u{7F}']);
            chars
        }
    }
}

/// Characters of MS932 that a class does not admit.
fn misfits(class: CharClass) -> &'static [char] {
    match class {
        CharClass::HalfDigits => &['a', 'Z', ' ', '-', '+', '.', '１', 'ｱ', 'あ', '\u{3000}', '\t', '\u{0}'],
        CharClass::HalfAlphanumeric => &['-', '_', ' ', '.', '/', '~', 'Ａ', '０', 'ｱ', 'あ', '\u{0}', '\n'],
        CharClass::Half => &['あ', '漢', 'Ａ', '－', '～', '①', '\u{3000}', '\t', '\n', '\r', '\u{7F}', '\u{0}'],
        CharClass::Full => &['A', '1', ' ', 'ｱ', '~', '\t', '\n', '\u{0}'],
        CharClass::Mixed => &['\t', '\u{0}', '\u{7}', '\u{1B}', '\u{7F}', '\u{B}', '\u{C}'],
    }
}

/// Characters MS932 cannot carry: beyond the BMP, look-alikes it carries the other way round,
/// combining marks, selectors, C1 controls, a user-defined (外字) code point.
const OUTSIDE_MS932: &[char] = &[
    '𠮷',
    '😀',
    '−',
    '〜',
    '¥',
    '‾',
    '‖',
    '—',
    'ゔ',
    '\u{3099}',
    '\u{FE0F}',
    '\u{E0100}',
    '\u{FEFF}',
    '\u{E000}',
    '\u{80}',
    '\u{85}',
    '\u{A0}',
    '\u{2028}',
];

// ---------------------------------------------------------------------------------------------------
// Valid documents.

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn write_date(format: DateFormat, year: u32, month: u32, day: u32) -> String {
    match format {
        DateFormat::YyyyMmDdHyphen => format!("{year:04}-{month:02}-{day:02}"),
        DateFormat::YyyyMmDdSlash => format!("{year:04}/{month:02}/{day:02}"),
        DateFormat::YyyyMmDd => format!("{year:04}{month:02}{day:02}"),
        other => panic!("date format {other} is not drawn yet"),
    }
}

fn valid_date(format: DateFormat) -> BoxedStrategy<String> {
    (1u32..=9999, 1u32..=12)
        .prop_flat_map(|(year, month)| (Just(year), Just(month), 1..=days_in_month(year, month)))
        .prop_map(move |(year, month, day)| write_date(format, year, month, day))
        .boxed()
}

/// Lengths a valid value may have.
fn valid_lengths(rules: &TextRules) -> std::ops::RangeInclusive<usize> {
    match rules.length {
        Some((digits, true)) => digits..=digits,
        Some((digits, false)) => 1..=digits,
        None => 1..=40,
    }
}

fn valid_text(rules: &TextRules) -> BoxedStrategy<String> {
    if let Some(fixed) = &rules.fixed {
        return Just(fixed.clone()).boxed();
    }
    if !rules.codes.is_empty() {
        return select(rules.codes.clone()).boxed();
    }
    if let Some(format) = rules.date {
        return valid_date(format);
    }
    let alphabet = alphabet(rules.class);
    prop::collection::vec(select(alphabet), valid_lengths(rules)).prop_map(|chars| chars.into_iter().collect()).boxed()
}

fn valid_value(field: &Field) -> BoxedStrategy<Value> {
    match &field.node {
        Node::Text(rules) => valid_text(rules).prop_map(Value::String).boxed(),
        Node::List(children) => prop::collection::vec(valid_object(children), 0..4).prop_map(Value::Array).boxed(),
    }
}

/// How an absent optional member is written.
#[derive(Clone, Copy, Debug)]
enum Absent {
    Omitted,
    Null,
}

fn valid_object(fields: &[Field]) -> BoxedStrategy<Value> {
    let members: Vec<BoxedStrategy<(String, Option<Value>)>> = fields
        .iter()
        .map(|field| {
            let key = field.key.clone();
            if field.required {
                valid_value(field).prop_map(move |v| (key.clone(), Some(v))).boxed()
            } else {
                let absent = prop_oneof![Just(Absent::Omitted), Just(Absent::Null)];
                prop::option::weighted(0.7, valid_value(field))
                    .prop_flat_map(move |v| (Just(v), absent.clone()))
                    .prop_map(move |(v, absent)| match (v, absent) {
                        (Some(v), _) => (key.clone(), Some(v)),
                        (None, Absent::Null) => (key.clone(), Some(Value::Null)),
                        (None, Absent::Omitted) => (key.clone(), None),
                    })
                    .boxed()
            }
        })
        .collect();
    members
        .prop_map(|members| {
            let mut object = Map::new();
            for (key, value) in members {
                if let Some(value) = value {
                    object.insert(key, value);
                }
            }
            Value::Object(object)
        })
        .boxed()
}

/// The document without its `null` members: what a decoded value serialises to.
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(members) => Value::Object(
            members.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), without_nulls(v))).collect(),
        ),
        Value::Array(elements) => Value::Array(elements.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

/// Where failing seeds are kept: `<this file's stem>.<extension>`, beside it.
const REGRESSIONS: &str = "proptest-regressions";

fn runner() -> TestRunner {
    TestRunner::new(config(REGRESSIONS))
}

/// The runner's configuration: `CASES` cases, failing seeds persisted beside this file with
/// `extension`. `source_file` must be set for that: proptest's macros set it, a hand-made runner must.
fn config(extension: &'static str) -> Config {
    Config {
        cases: CASES,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(extension))),
        source_file: Some(file!()),
        ..Config::default()
    }
}

/// A property that fails, run by a runner configured as the others (with a file of its own, removed
/// after), writes its seed to that file; a run of no new cases then fails on the seed it replays, and
/// passes once the file is gone.
#[test]
fn failing_seeds_are_persisted() {
    let extension = "proptest-regressions-selftest";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/properties").with_extension(extension);
    let _ = std::fs::remove_file(&path);
    let property = |n: u32| if n >= 1000 { Err(fail(format!("{n} is too large"))) } else { Ok(()) };
    let values = 0u32..1_000_000;
    let first = TestRunner::new(config(extension)).run(&values, property);
    let kept = std::fs::read_to_string(&path);
    let replayed = TestRunner::new(Config { cases: 0, ..config(extension) }).run(&values, property);
    let _ = std::fs::remove_file(&path);
    let without = TestRunner::new(Config { cases: 0, ..config(extension) }).run(&values, property);
    assert!(first.is_err(), "the property fails");
    let kept = kept.unwrap_or_else(|e| panic!("no regression file at {}: {e}", path.display()));
    assert_eq!(kept.lines().filter(|l| l.starts_with("cc ")).count(), 1, "one seed kept:\n{kept}");
    assert!(kept.contains("shrinks to 1000"), "the shrunk value is noted:\n{kept}");
    assert!(replayed.is_err(), "the kept seed is replayed: {replayed:?}");
    assert!(without.is_ok(), "without the file, no case runs: {without:?}");
}

fn round_trip<T>(layout: L)
where
    T: Layout + DeserializeOwned + Serialize + PartialEq + Debug,
{
    let strategy = valid_object(layout.fields());
    let result = runner().run(&strategy, |doc| {
        let bytes = serde_json::to_vec(&doc).expect("serialises");
        let value = json::from_slice::<T>(&bytes).map_err(|e| fail(format!("valid document rejected: {e}")))?;
        value.validate().map_err(|e| fail(format!("decoded, but validate() rejects it: {e}")))?;
        let written = serde_json::to_value(&value).expect("a generated type serialises");
        prop_assert_eq!(&written, &without_nulls(&doc), "serialisation differs from the document");
        let again = json::from_slice::<T>(&serde_json::to_vec(&written).expect("serialises"))
            .map_err(|e| fail(format!("its own serialisation is rejected: {e}")))?;
        prop_assert_eq!(&again, &value, "round trip changed the value");
        json::check_value(T::SHAPE, &doc).map_err(|e| fail(format!("untyped check rejects it: {e}")))?;
        Ok(())
    });
    if let Err(error) = result {
        panic!("{layout:?}: {error}");
    }
}

fn fail(message: String) -> TestCaseError {
    TestCaseError::fail(message)
}

#[test]
fn valid_documents_round_trip_if_i6_01_04_01_request_headers() {
    round_trip::<if_i6_01_04_01::RequestHeaders>(L::H1);
}

#[test]
fn valid_documents_round_trip_if_i6_01_04_01_request() {
    round_trip::<if_i6_01_04_01::Request>(L::Q1);
}

#[test]
fn valid_documents_round_trip_if_i6_01_04_01_response() {
    round_trip::<if_i6_01_04_01::Response>(L::R1);
}

#[test]
fn valid_documents_round_trip_if_i6_01_04_02_request_headers() {
    round_trip::<if_i6_01_04_02::RequestHeaders>(L::H2);
}

#[test]
fn valid_documents_round_trip_if_i6_01_04_02_request() {
    round_trip::<if_i6_01_04_02::Request>(L::Q2);
}

#[test]
fn valid_documents_round_trip_if_i6_01_04_02_response() {
    round_trip::<if_i6_01_04_02::Response>(L::R2);
}

// ---------------------------------------------------------------------------------------------------
// One broken rule.

/// A place in a document where a value can be broken: an item of an object, or a record of a list.
#[derive(Clone, Debug)]
enum Site<'f> {
    Item { path: Vec<String>, field: &'f Field },
    Record { path: Vec<String> },
}

/// Every site of `doc`: each item of each object (present or not), each record of each list.
fn sites<'f>(fields: &'f [Field], doc: &Value, path: &[String], out: &mut Vec<Site<'f>>) {
    for field in fields {
        let mut here = path.to_vec();
        here.push(field.key.clone());
        out.push(Site::Item { path: here.clone(), field });
        if let (Node::List(children), Some(Value::Array(records))) = (&field.node, doc.get(&field.key)) {
            for (index, record) in records.iter().enumerate() {
                let mut at = here.clone();
                at.push(index.to_string());
                out.push(Site::Record { path: at.clone() });
                sites(children, record, &at, out);
            }
        }
    }
}

fn pointer(path: &[String]) -> String {
    path.iter().map(|t| format!("/{}", t.replace('~', "~0").replace('/', "~1"))).collect()
}

/// What a mutation does to the value at a site: `None` removes the member.
struct Mutation {
    value: Option<Value>,
    rule: &'static str,
    what: String,
}

/// The ways to break exactly one rule of a site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Breakage {
    Missing,
    WrongType,
    NotFixed,
    UnknownCode,
    BadDate,
    TooLong,
    TooShort,
    WrongClass,
    OutsideRepertoire,
}

fn breakages(site: &Site<'_>) -> Vec<Breakage> {
    let field = match site {
        Site::Record { .. } => return vec![Breakage::WrongType],
        Site::Item { field, .. } => field,
    };
    let mut out = vec![Breakage::WrongType];
    if field.required {
        out.push(Breakage::Missing);
    }
    let Node::Text(rules) = &field.node else {
        return out;
    };
    if rules.fixed.is_some() {
        out.push(Breakage::NotFixed);
    } else if !rules.codes.is_empty() {
        out.push(Breakage::UnknownCode);
    } else if rules.date.is_some() {
        // Any other change to a date breaks its format too: only the calendar is broken alone.
        out.push(Breakage::BadDate);
    } else {
        out.push(Breakage::OutsideRepertoire);
        if let Some((digits, fixed)) = rules.length {
            out.push(Breakage::TooLong);
            if fixed && digits > 1 {
                out.push(Breakage::TooShort);
            }
        }
        if rules.class.is_some() {
            out.push(Breakage::WrongClass);
        }
    }
    out
}

/// A small deterministic source of choices for a mutation, from one drawn seed.
struct Pick(u64);

impl Pick {
    fn below(&mut self, n: usize) -> usize {
        assert!(n > 0);
        // SplitMix64.
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z % n as u64) as usize
    }

    fn of<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    fn text(&mut self, alphabet: &[char], len: usize) -> String {
        (0..len).map(|_| self.of(alphabet)).collect()
    }
}

fn mutate(site: &Site<'_>, breakage: Breakage, current: Option<&Value>, pick: &mut Pick) -> Mutation {
    let wrong_types = [
        Value::from(0),
        Value::from(131011),
        Value::from(-1.5),
        Value::Bool(true),
        Value::Bool(false),
        Value::Object(Map::new()),
    ];
    let field = match site {
        Site::Record { .. } => {
            // Anything but an object (an empty object is a record missing its items).
            let mut choices: Vec<Value> = wrong_types.iter().filter(|v| !v.is_object()).cloned().collect();
            choices.extend([Value::Null, Value::from("record"), Value::Array(Vec::new())]);
            let value = pick.of(&choices);
            return Mutation { what: format!("a record written as {value}"), value: Some(value), rule: "type" };
        }
        Site::Item { field, .. } => *field,
    };
    let rules = match &field.node {
        Node::Text(rules) => Some(rules),
        Node::List(_) => None,
    };
    match breakage {
        Breakage::Missing => match pick.below(if rules.is_some() { 3 } else { 2 }) {
            0 => Mutation { value: None, rule: "required", what: "left out".into() },
            1 => Mutation { value: Some(Value::Null), rule: "required", what: "null".into() },
            _ => Mutation { value: Some(Value::from("")), rule: "required", what: "empty".into() },
        },
        Breakage::WrongType => {
            let mut choices = wrong_types.to_vec();
            match rules {
                Some(_) => choices.extend([Value::Array(vec![Value::from("x")]), Value::Array(Vec::new())]),
                None => choices.push(Value::from("[]")),
            }
            let value = pick.of(&choices);
            Mutation { what: format!("the JSON value {value}"), value: Some(value), rule: "type" }
        }
        Breakage::NotFixed => {
            let fixed = rules.and_then(|r| r.fixed.clone()).expect("a fixed value");
            let choices = [
                format!("{fixed} "),
                format!(" {fixed}"),
                fixed.to_uppercase(),
                format!("{fixed}; charset=UTF-8"),
                "text/plain".to_owned(),
                fixed.chars().rev().collect(),
                format!("{fixed}\u{FEFF}"),
            ];
            let value = pick.of(&choices);
            assert_ne!(value, fixed);
            Mutation {
                what: format!("{value:?} for the fixed {fixed:?}"),
                value: Some(Value::from(value)),
                rule: "fixed",
            }
        }
        Breakage::UnknownCode => {
            let codes = &rules.expect("text").codes;
            let first = pick.of(codes);
            let choices = [
                format!("{first}{first}"),
                first.chars().take(1).collect(),
                format!("{first} "),
                format!("\u{3000}{first}"),
                "OK".to_owned(),
                "𠮷".to_owned(),
                format!("{first}\u{FE0F}"),
                "ｾｲｺｳ".to_owned(),
            ];
            let value = pick.of(&choices);
            assert!(!codes.contains(&value) && !value.is_empty());
            Mutation { what: format!("the unknown code {value:?}"), value: Some(Value::from(value)), rule: "code" }
        }
        Breakage::BadDate => {
            let format = rules.and_then(|r| r.date).expect("a date");
            let year = 1 + pick.below(9999) as u32;
            let month = 1 + pick.below(12) as u32;
            let (year, month, day) = match pick.below(5) {
                0 => (year, 0, 1 + pick.below(28) as u32),
                1 => (year, 13 + pick.below(87) as u32, 1 + pick.below(28) as u32),
                2 => (year, month, 0),
                3 => (
                    year,
                    month,
                    days_in_month(year, month) + 1 + pick.below((99 - days_in_month(year, month)) as usize) as u32,
                ),
                _ => (0, month, 1 + pick.below(28) as u32),
            };
            let value = write_date(format, year, month, day);
            Mutation { what: format!("the non-date {value:?}"), value: Some(Value::from(value)), rule: "date" }
        }
        Breakage::TooLong | Breakage::TooShort => {
            let rules = rules.expect("text");
            let (digits, _) = rules.length.expect("a length");
            let len =
                if breakage == Breakage::TooLong { digits + 1 + pick.below(3) } else { 1 + pick.below(digits - 1) };
            let value = pick.text(&alphabet(rules.class), len);
            Mutation {
                what: format!("{len} characters for 桁数 {digits}: {value:?}"),
                value: Some(Value::from(value)),
                rule: "length",
            }
        }
        Breakage::WrongClass | Breakage::OutsideRepertoire => {
            let rules = rules.expect("text");
            // A valid value (the one in the document, or a new one) with one character replaced.
            let mut chars: Vec<char> = match current.and_then(Value::as_str) {
                Some(text) if !text.is_empty() => text.chars().collect(),
                _ => {
                    let lengths = valid_lengths(rules);
                    let len = lengths.start() + pick.below(lengths.end() - lengths.start() + 1);
                    pick.text(&alphabet(rules.class), len).chars().collect()
                }
            };
            let (replacement, rule) = if breakage == Breakage::WrongClass {
                (pick.of(misfits(rules.class.expect("a class"))), "chars")
            } else {
                (pick.of(OUTSIDE_MS932), "repertoire")
            };
            let at = pick.below(chars.len());
            chars[at] = replacement;
            let value: String = chars.into_iter().collect();
            Mutation {
                what: format!("U+{:04X} at character {}: {value:?}", replacement as u32, at + 1),
                value: Some(Value::from(value)),
                rule,
            }
        }
    }
}

/// Sets (or removes) the value at `path`, whose parent exists.
fn apply(doc: &mut Value, path: &[String], value: Option<Value>) {
    let (last, parent) = path.split_last().expect("a path below the root");
    let mut at = doc;
    for token in parent {
        at = match at {
            Value::Object(members) => members.get_mut(token).expect("the parent exists"),
            Value::Array(elements) => &mut elements[token.parse::<usize>().expect("an index")],
            other => panic!("{other} has no member {token}"),
        };
    }
    match (at, value) {
        (Value::Object(members), Some(value)) => {
            members.insert(last.clone(), value);
        }
        (Value::Object(members), None) => {
            members.remove(last);
        }
        (Value::Array(elements), Some(value)) => elements[last.parse::<usize>().expect("an index")] = value,
        (other, _) => panic!("cannot set {last} in {other}"),
    }
}

fn value_at<'v>(doc: &'v Value, path: &[String]) -> Option<&'v Value> {
    doc.pointer(&pointer(path))
}

fn verdict(errors: &ValidationErrors) -> Vec<(String, String)> {
    errors.iter().map(|e| (e.pointer().to_owned(), e.rule().code().to_owned())).collect()
}

fn one_broken_rule<T>(layout: L)
where
    T: Layout + DeserializeOwned + Debug,
{
    let fields = layout.fields();
    let strategy = (valid_object(fields), any::<Index>(), any::<Index>(), any::<u64>());
    let tried = RefCell::new(BTreeSet::new());
    let result = runner().run(&strategy, |(doc, site_index, breakage_index, seed)| {
        let mut all = Vec::new();
        sites(fields, &doc, &[], &mut all);
        let site = site_index.get(&all);
        let choices = breakages(site);
        let breakage = *breakage_index.get(&choices);
        tried.borrow_mut().insert(breakage);
        let path = match site {
            Site::Item { path, .. } | Site::Record { path } => path.clone(),
        };
        let mutation = mutate(site, breakage, value_at(&doc, &path), &mut Pick(seed));
        let mut broken = doc.clone();
        apply(&mut broken, &path, mutation.value.clone());
        let expected = vec![(pointer(&path), mutation.rule.to_owned())];
        let context = format!("{breakage:?} at {}: {}", pointer(&path), mutation.what);

        let bytes = serde_json::to_vec(&broken).expect("serialises");
        let errors = match json::from_slice::<T>(&bytes) {
            Ok(value) => return Err(fail(format!("{context}: accepted as {value:?}"))),
            Err(errors) => errors,
        };
        prop_assert_eq!(verdict(&errors), expected.clone(), "{}: from_slice: {}", context, errors);
        let untyped = json::check_value(T::SHAPE, &broken).err().unwrap_or_default();
        prop_assert_eq!(verdict(&untyped), expected, "{}: check_value: {}", context, untyped);
        Ok(())
    });
    if let Err(error) = result {
        panic!("{layout:?}: {error}");
    }
    // Every way the layout's rules can be broken was tried (the odds of missing one in CASES draws
    // are far below one in a million).
    let mut possible = BTreeSet::new();
    possible_breakages(fields, &mut possible);
    assert_eq!(*tried.borrow(), possible, "{layout:?}: not every breakage was tried");
}

fn possible_breakages(fields: &[Field], out: &mut BTreeSet<Breakage>) {
    for field in fields {
        out.extend(breakages(&Site::Item { path: Vec::new(), field }));
        if let Node::List(children) = &field.node {
            out.extend(breakages(&Site::Record { path: Vec::new() }));
            possible_breakages(children, out);
        }
    }
}

#[test]
fn one_broken_rule_is_reported_exactly_if_i6_01_04_01_request_headers() {
    one_broken_rule::<if_i6_01_04_01::RequestHeaders>(L::H1);
}

#[test]
fn one_broken_rule_is_reported_exactly_if_i6_01_04_01_request() {
    one_broken_rule::<if_i6_01_04_01::Request>(L::Q1);
}

#[test]
fn one_broken_rule_is_reported_exactly_if_i6_01_04_01_response() {
    one_broken_rule::<if_i6_01_04_01::Response>(L::R1);
}

#[test]
fn one_broken_rule_is_reported_exactly_if_i6_01_04_02_request_headers() {
    one_broken_rule::<if_i6_01_04_02::RequestHeaders>(L::H2);
}

#[test]
fn one_broken_rule_is_reported_exactly_if_i6_01_04_02_request() {
    one_broken_rule::<if_i6_01_04_02::Request>(L::Q2);
}

#[test]
fn one_broken_rule_is_reported_exactly_if_i6_01_04_02_response() {
    one_broken_rule::<if_i6_01_04_02::Response>(L::R2);
}

// ---------------------------------------------------------------------------------------------------
// Headers from HTTP pairs.

fn header_pairs<T>(layout: L)
where
    T: Layout + DeserializeOwned + Serialize + PartialEq + Debug,
{
    let strategy = (valid_object(layout.fields()), any::<u64>());
    let result = runner().run(&strategy, |(doc, seed)| {
        let mut pick = Pick(seed);
        let Value::Object(members) = &doc else { unreachable!("an object") };
        // Names in random case, as HTTP/1.1 peers and HTTP/2 (lower case) send them.
        let pairs: Vec<(String, String)> = members
            .iter()
            .filter_map(|(name, value)| value.as_str().map(|v| (name, v)))
            .map(|(name, value)| {
                let name: String = name
                    .chars()
                    .map(|c| match pick.below(3) {
                        0 => c.to_ascii_lowercase(),
                        1 => c.to_ascii_uppercase(),
                        _ => c,
                    })
                    .collect();
                (name, value.to_owned())
            })
            .collect();
        let read = headers::from_pairs::<T>(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str()))).map_err(|e| {
            fail(format!("valid headers rejected: {e}\n  {:?}", pairs.iter().map(|p| &p.0).collect::<Vec<_>>()))
        })?;
        let from_json = json::from_slice::<T>(&serde_json::to_vec(&doc).expect("serialises"))
            .map_err(|e| fail(format!("valid headers rejected as JSON: {e}")))?;
        prop_assert_eq!(&read, &from_json);
        // Written back in the spec's spelling and order, the headers present and nothing else.
        let written = headers::to_pairs(&read);
        let expected: Vec<(&str, String)> = layout
            .fields()
            .iter()
            .filter_map(|f| members.get(&f.key).and_then(Value::as_str).map(|v| (f.key.as_str(), v.to_owned())))
            .collect();
        prop_assert_eq!(written.iter().map(|(n, v)| (*n, v.clone())).collect::<Vec<_>>(), expected);
        Ok(())
    });
    if let Err(error) = result {
        panic!("{layout:?}: {error}");
    }
}

#[test]
fn headers_read_from_pairs_in_any_case_if_i6_01_04_01() {
    header_pairs::<if_i6_01_04_01::RequestHeaders>(L::H1);
}

#[test]
fn headers_read_from_pairs_in_any_case_if_i6_01_04_02() {
    header_pairs::<if_i6_01_04_02::RequestHeaders>(L::H2);
}
