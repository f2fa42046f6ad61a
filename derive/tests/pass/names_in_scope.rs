//! User types whose names the expansion could capture: the derive declares helper items next to the
//! user's field types, so those must keep meaning the user's types.
#![deny(warnings)]

use ltcip_runtime::{Kind, Layout as _, Validate};

#[derive(Debug, Validate)]
struct Record {
    #[ltcip(no = "01", name = "番号", data_type = "半角数字")]
    items: String,
}

#[derive(Debug, Validate)]
struct ItemField {
    #[ltcip(no = "02", name = "区分", codes("A"))]
    at: String,
}

#[derive(Debug, Validate)]
struct Layout {
    #[ltcip(no = "03", name = "レコード", data_type = "リスト")]
    errors: Vec<Record>,
    #[ltcip(no = "04", name = "別レコード", occurs = "0..1", data_type = "リスト")]
    check: Option<Vec<ItemField>>,
    #[ltcip(no = "05", name = "文字列", occurs = "0..1")]
    field: Option<String>,
}

fn main() {
    let layout = Layout {
        errors: vec![Record { items: "x".into() }],
        check: Some(vec![ItemField { at: "B".into() }]),
        field: Some("A".into()),
    };
    let errors = layout.validate().unwrap_err();
    let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
    assert_eq!(got, [("/errors/0/items", "chars"), ("/check/0/at", "code")]);
    assert!(matches!(Layout::SHAPE.items[0].kind, Kind::List(shape) if shape.name == "Record"));
    assert!(matches!(Layout::SHAPE.items[1].kind, Kind::List(shape) if shape.name == "ItemField"));
}
