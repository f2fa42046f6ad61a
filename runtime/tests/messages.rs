//! The message catalogue (issue 15 §3c): Japanese messages wholly Japanese, file-name and writer errors
//! included; English without "1 characters"; a vendor's own table (a third language, or a few keys
//! reworded) changing what is said without a code change.
//!
//! The criterion for "wholly Japanese": a Japanese template, its placeholders taken out, holds ASCII
//! letters only inside what is code and stays as it is in Japanese text: code points and bytes in hex
//! (`U+001F`, `0x90`) and the names `MS932`, `UTF-8`, `BOM`, `JSON`, `null`, `true`, `false`; a
//! rendered message holds ASCII letters only there and in the values it quotes (item keys, file
//! names, codes).

use ltcip_runtime::csv::{FileNamePattern, Reader, Segment, WriteError, Writer};
use ltcip_runtime::messages::{CatalogueError, Message, Messages};
use ltcip_runtime::serde::{Deserialize, Serialize};
use ltcip_runtime::{DateFormat, Item, Kind, LengthUnit, Occurs, Pointer, Rule, Text, Validate, ValidationError};

/// Code names a Japanese message may carry (CSVバージョン is the spec's own name of item 1).
const CODE_WORDS: &[&str] = &["CSVバージョン", "MS932", "UTF-8", "BOM", "JSON", "null", "true", "false"];

/// `text` with the `values`, the code names and hex numbers (`U+001F`, `0x90`) taken out.
fn without<'a>(text: &str, values: impl IntoIterator<Item = &'a str>) -> String {
    let mut rest = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if (c == 'U' && chars.peek() == Some(&'+')) || (c == '0' && chars.peek() == Some(&'x')) {
            chars.next();
            while chars.next_if(char::is_ascii_hexdigit).is_some() {}
            rest.push(' ');
        } else {
            rest.push(c);
        }
    }
    let mut values: Vec<&str> = values.into_iter().collect();
    // Longest first, so that a value holding another is taken out whole.
    values.sort_by_key(|value| std::cmp::Reverse(value.len()));
    for word in values.into_iter().chain(CODE_WORDS.iter().copied()) {
        if !word.is_empty() {
            rest = rest.replace(word, " ");
        }
    }
    rest
}

fn letters(text: &str) -> String {
    text.chars().filter(char::is_ascii_alphabetic).collect()
}

/// A template with its placeholders taken out (`{{` is a literal brace).
fn strip_placeholders(template: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        rest = &rest[open + 1..];
        if let Some(after) = rest.strip_prefix('{') {
            rest = after;
            continue;
        }
        rest = rest.find('}').map_or("", |close| &rest[close + 1..]);
    }
    out.push_str(rest);
    out
}

#[test]
fn every_japanese_template_is_japanese() {
    let mut english = Vec::new();
    for key in Messages::keys() {
        let template = Messages::japanese().template(key).expect("every key");
        let left = letters(&without(&strip_placeholders(&template), []));
        if !left.is_empty() {
            english.push(format!("{key}: {template}"));
        }
    }
    assert!(english.is_empty(), "ASCII letters in Japanese templates:\n{}", english.join("\n"));
    assert!(Messages::keys().count() > 100);
}

const ITEM: Item<'static> =
    Item::new("09", "介護保険被保険者番号", "care_insurer_number", Occurs::REQUIRED, Kind::Text(Text::new()));

fn en(rule: Rule) -> String {
    ValidationError::new(&ITEM, &Pointer::Root.key(ITEM.key), rule, None).message_en()
}

/// Every count of one is singular, every other count plural: over the rules, and over every key of
/// the catalogue rendered with each placeholder 1.
#[test]
fn english_counts_one_in_the_singular() {
    let length = |digits, found| Rule::Length { digits, fixed: false, unit: LengthUnit::Chars, found };
    assert_eq!(en(length(1, 2)), "must be at most 1 character (可変長), found 2");
    assert_eq!(en(length(2, 3)), "must be at most 2 characters (可変長), found 3");
    let bytes = Rule::Length { digits: 1, fixed: true, unit: LengthUnit::Ms932Bytes, found: 2 };
    assert_eq!(en(bytes), "must be exactly 1 MS932 byte (固定長), found 2");
    assert_eq!(en(Rule::Columns { expected: 1, found: 1 }), "has 1 field; the layout has 1 item");
    assert_eq!(en(Rule::Columns { expected: 2, found: 3 }), "has 3 fields; the layout has 2 items");
    assert_eq!(en(Rule::HeaderColumns { expected: 1, found: 2 }), "has 2 fields; line 2 names 1 column");
    assert_eq!(en(Rule::Count { min: 2, max: None, found: 1 }), "holds 1 element; 出現回数 allows 2..n");
    assert_eq!(en(Rule::Count { min: 0, max: Some(1), found: 2 }), "holds 2 elements; 出現回数 allows 0..1");
    let writer = Message::new("write.invalid").count("line", 2_u32).count("count", 1_u32);
    assert_eq!(writer.en(), "line 2 is not written: 1 violation");
    let writer = Message::new("write.invalid").count("line", 2_u32).count("count", 2_u32);
    assert_eq!(writer.en(), "line 2 is not written: 2 violations");

    // Every key, each placeholder 1: no "1 <noun>s".
    let nouns =
        ["character", "field", "item", "column", "element", "digit", "decimal", "byte", "violation", "error", "record"];
    for key in Messages::keys() {
        let mut message = Message::new(key);
        for name in Messages::placeholders(key).expect("a key") {
            message = message.count(name, 1_u32);
        }
        let text = message.en();
        for noun in nouns {
            assert!(!text.contains(&format!("1 {noun}s")), "{key}: {text}");
        }
    }
}

/// The issue's examples, through the paths that produce them, in Japanese.
#[test]
fn the_cited_messages_are_japanese() {
    // A member given twice.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
    #[serde(crate = "ltcip_runtime::serde")]
    struct Request {
        #[ltcip(no = "01", name = "介護保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
        care_insure_provider_number: String,
    }
    let twice = ltcip_runtime::json::from_str::<Request>(
        r#"{"care_insure_provider_number": "131016", "care_insure_provider_number": "131016"}"#,
    )
    .expect_err("a member given twice");
    let error = twice.iter().next().expect("one");
    assert_eq!(
        error.message_ja(),
        "レイアウトに合いません: メンバー「care_insure_provider_number」が2回以上あります（最後のものを検査します）"
    );
    assert_eq!(letters(&without(&error.message_ja(), ["care_insure_provider_number"])), "");

    // Trailing characters, and the other syntax errors serde_json gives.
    let syntax = |text: &str| {
        let errors = ltcip_runtime::json::from_str::<Request>(text).expect_err("malformed");
        let error = errors.iter().next().expect("one").clone();
        assert_eq!(error.rule().code(), "syntax", "{text}");
        (error.message_ja(), error.message_en())
    };
    let (ja, en) = syntax(r#"{"care_insure_provider_number": "131016"} x"#);
    assert_eq!(ja, "1行43桁目で構文が正しくありません: 文書の終わりの後に余分な文字があります");
    assert_eq!(en, "is not well-formed at line 1, column 43: trailing characters");
    for text in [
        "",
        "{",
        r#"{"a""#,
        r#"{"a":"#,
        r#"{"a": "b"#,
        r#"{"a": [1"#,
        r#"{"a" 1}"#,
        r#"{"a": 1 "b": 2}"#,
        r#"{"a": [1 2]}"#,
        r#"{"a": tru}"#,
        r#"{"a": @}"#,
        r#"{"a": "\q"}"#,
        r#"{"a": 1.}"#,
        r#"{"a": 1e999}"#,
        r#"{"a": "\ud800"}"#,
        "{\"a\": \"\u{1}\"}",
        r#"{1: 2}"#,
        r#"{"a": 1,}"#,
        r#"{"a": "\u12"}"#,
        &"[".repeat(200),
    ] {
        let (ja, en) = syntax(text);
        assert_eq!(letters(&without(&ja, [])), "", "{text}: {ja} / {en}");
        assert!(!ja.contains("JSONとして正しくありません"), "{text}: unmapped: {en}");
    }

    // Bytes that are not MS932.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
    #[serde(crate = "ltcip_runtime::serde")]
    #[ltcip(csv, name = "NAMES")]
    struct Names {
        #[ltcip(no = "1", name = "番号", data_type = "半角数字", digits = 6)]
        number: String,
        #[ltcip(no = "2", name = "氏名", data_type = "全半角文字", digits = 20, free_text)]
        name: String,
    }
    let input = b"123456,\"\x82\xA0\x90\"\r\n";
    let row = Reader::<_, Names>::new(&input[..]).next().expect("a row").expect("in memory");
    let encoding = row.violations().iter().find(|v| v.rule().code() == "encoding").expect("an encoding violation");
    assert_eq!(encoding.message_ja(), "MS932として読めません: 項目の3バイト目の0x90はMS932の文字ではありません");
    assert_eq!(encoding.message_en(), "cannot be read as MS932: 0x90 at byte 3 of the field is not MS932");

    // A file name.
    const PATTERN: FileNamePattern<'static> = FileNamePattern::new(
        "UPPLAN",
        &[Segment::date("対象年月", DateFormat::YyyyMm), Segment::digits("送信元の事業所番号", 10)],
        ".CSV",
    );
    let error = PATTERN.parse("UPPLAN_202513_12345.csv").expect_err("bad");
    assert_eq!(
        error.message_ja(),
        "ファイル名「UPPLAN_202513_12345.csv」: .CSV（仕様どおりの大文字）で終わる必要があります。\
         対象年月: 「202513」はYYYYMMとして存在しない日付・時刻です。送信元の事業所番号: 半角数字10桁が必要ですが「12345」です"
    );
    assert!(error.to_string().contains(" / ファイル名「UPPLAN_202513_12345.csv」"), "{error}");
    let unknown = ltcip_runtime::csv::identify("X.CSV", &[PATTERN]).expect_err("no such file");
    assert_eq!(letters(&without(&unknown.message_ja(), ["X.CSV", "UPPLAN"])), "", "{}", unknown.message_ja());

    // The writer.
    let mut writer = Writer::new(Vec::new());
    let record = Names { number: "123456".into(), name: "山田 ①😀".into() };
    let error = writer.write(&record).expect_err("😀 is not MS932");
    assert_eq!(error.message_ja(), "1行2列目［2 氏名］: 「😀」(U+1F600)はMS932で書けません");
    assert_eq!(error.message_en(), "line 1, column 2 [2 氏名]: '😀' (U+1F600) cannot be written in MS932");
    assert!(error.to_string().ends_with(" / 1行2列目［2 氏名］: 「😀」(U+1F600)はMS932で書けません"), "{error}");
    let mut writer = Writer::new(Vec::new()).columns(&["number", "nickname"]);
    let error = writer.write(&record).expect_err("a care-plan layout has no named columns");
    assert!(matches!(error, WriteError::Columns { .. }));
    assert_eq!(error.message_ja(), "列を書き出せません: NAMESはケアプランのレイアウトで、列は項目の順に決まっています");

    // A code.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ltcip_runtime::Code)]
    #[ltcip(name = "性別")]
    enum Sex {
        #[ltcip(code = "1")]
        Male,
        #[ltcip(code = "2")]
        Female,
    }
    let unknown = "3".parse::<Sex>().expect_err("no such code");
    assert_eq!(unknown.message_ja(), "「3」は性別のコードではありません（「1」「2」のいずれか）");
    assert_eq!(unknown.message_en(), "unknown code \"3\" of 性別; expected one of \"1\", \"2\"");
    let _ = (Sex::Male, Sex::Female);
}

/// A vendor's wording, and a third language, are tables.
#[test]
fn a_vendors_table_changes_what_is_said() {
    let error = ValidationError::new(
        &ITEM,
        &Pointer::Root.key(ITEM.key),
        Rule::Length { digits: 10, fixed: true, unit: LengthUnit::Chars, found: 9 },
        None,
    );
    let ours = Messages::japanese()
        .with([("length.fixed", "{digits}{unit}で入力してください（いまは{found}{found_unit}）")])
        .expect("known placeholders");
    assert_eq!(error.message_in(&ours), "10文字で入力してください（いまは9文字）");
    // Other keys keep the built-in wording, and the built-in table is unchanged.
    assert_eq!(error.message_ja(), "桁数は10文字固定ですが9文字です");
    let required = ValidationError::new(&ITEM, &Pointer::Root, Rule::Required, None);
    assert_eq!(required.message_in(&ours), required.message_ja());

    // A third language: every key, from pairs (here English in capitals, plurals kept).
    let shout: Vec<(&str, String)> = Messages::keys()
        .map(|key| {
            let template = Messages::english().template(key).expect("every key");
            (key, capitals_outside_placeholders(&template))
        })
        .collect();
    let third = Messages::new(shout.iter().map(|(key, template)| (*key, template.as_str()))).expect("complete");
    assert_eq!(error.message_in(&third), "MUST BE EXACTLY 10 CHARACTERS (固定長), FOUND 9");
    let one = ValidationError::new(&ITEM, &Pointer::Root, Rule::Columns { expected: 1, found: 1 }, None);
    assert_eq!(one.message_in(&third), "HAS 1 FIELD; THE LAYOUT HAS 1 ITEM");

    // What cannot be a table.
    assert_eq!(
        Messages::english().with([("no.such.key", "x")]),
        Err(CatalogueError::UnknownKey { key: "no.such.key".to_owned() })
    );
    let unknown = Messages::english().with([("length.max", "at most {maximum}")]).expect_err("no {maximum}");
    assert_eq!(unknown, CatalogueError::UnknownPlaceholder { key: "length.max", placeholder: "maximum".to_owned() });
    assert!(unknown.to_string().contains("digits"), "{unknown}");
    assert!(matches!(Messages::english().with([("length.max", "{digits")]), Err(CatalogueError::Malformed { .. })));
    match Messages::new([("required", "必須")]) {
        Err(CatalogueError::Missing { keys }) => assert!(keys.iter().any(|k| k == "length.max")),
        other => panic!("{other:?}"),
    }
}

/// Upper case, but not inside `{…}` (placeholder names stay; plural forms are upper-cased too).
fn capitals_outside_placeholders(template: &str) -> String {
    let mut out = String::new();
    let mut name = false;
    for c in template.chars() {
        match c {
            '{' => name = true,
            '|' | '}' => name = false,
            _ => {}
        }
        out.push(if name { c } else { c.to_ascii_uppercase() });
    }
    out
}
