//! Every データ型 word, each checked at run time against a value it admits and one it does not.
#![deny(warnings)]

use ltcip_runtime::{CharClass, Kind, Layout, Validate};

#[derive(Debug, Validate)]
struct Row {
    #[ltcip(no = "01", name = "半角数字", data_type = "半角数字")]
    digits: String,
    #[ltcip(no = "02", name = "半角英数字", data_type = "半角英数字")]
    alphanumeric: String,
    #[ltcip(no = "03", name = "半角文字", data_type = "半角文字")]
    half: String,
    #[ltcip(no = "04", name = "全角文字", data_type = "全角文字")]
    full: String,
    #[ltcip(no = "05", name = "全半角文字", data_type = "全半角文字")]
    mixed: String,
    #[ltcip(no = "06", name = "リスト", data_type = "リスト")]
    list: Vec<Record>,
}

#[derive(Debug, Validate)]
struct Record {
    #[ltcip(no = "07", name = "番号", data_type = "半角数字")]
    digits: String,
}

fn rules(row: &Row) -> Vec<(String, &'static str)> {
    match row.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.iter().map(|e| (e.pointer().to_owned(), e.rule().code())).collect(),
    }
}

fn main() {
    let good = || Row {
        digits: "0123".into(),
        alphanumeric: "A1b2".into(),
        half: "ｶｲｺﾞ 1-2".into(),
        full: "介護　保険".into(),
        mixed: "介護ﾎｹﾝ 1\n2".into(),
        list: Vec::new(),
    };
    assert_eq!(rules(&good()), []);

    let bad = Row {
        digits: "12a".into(),
        alphanumeric: "A-1".into(),
        half: "カイゴ".into(),
        full: "ABC".into(),
        mixed: "a\tb".into(),
        list: vec![Record { digits: "1".into() }, Record { digits: "１".into() }],
    };
    assert_eq!(
        rules(&bad),
        [
            ("/digits".to_owned(), "chars"),
            ("/alphanumeric".to_owned(), "chars"),
            ("/half".to_owned(), "chars"),
            ("/full".to_owned(), "chars"),
            ("/mixed".to_owned(), "chars"),
            ("/list/1/digits".to_owned(), "chars"),
        ]
    );

    let classes: Vec<Option<CharClass>> = Row::SHAPE
        .items
        .iter()
        .map(|item| match item.kind {
            Kind::Text(text) => text.chars,
            Kind::List(_) => None,
        })
        .collect();
    assert_eq!(
        classes,
        [
            Some(CharClass::HalfDigits),
            Some(CharClass::HalfAlphanumeric),
            Some(CharClass::Half),
            Some(CharClass::Full),
            Some(CharClass::Mixed),
            None,
        ]
    );
    assert!(matches!(Row::SHAPE.items[5].kind, Kind::List(shape) if shape.name == "Record"));
}
