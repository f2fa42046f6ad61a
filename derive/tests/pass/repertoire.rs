//! `repertoire` at struct and field level: the characters a text item may use. MS932 is the default;
//! JIS X 0213 carries 〜 (U+301C) but not the IBM extension 髙, and MS932 the other way round.
#![deny(warnings)]

use ltcip_runtime::{Kind, Layout, Repertoire, Validate};

#[derive(Debug, Validate)]
#[ltcip(repertoire = "JIS X 0213")]
struct Final {
    #[ltcip(no = "01", name = "詳細", data_type = "全半角文字", digits = 10)]
    detail: String,
    #[ltcip(no = "02", name = "旧詳細", data_type = "全半角文字", digits = 10, repertoire = "MS932")]
    legacy: String,
}

#[derive(Debug, Validate)]
struct Provisional {
    #[ltcip(no = "01", name = "詳細", data_type = "全半角文字", digits = 10)]
    detail: String,
}

fn repertoire(item: &ltcip_runtime::Item<'_>) -> Repertoire {
    match item.kind {
        Kind::Text(text) => text.repertoire,
        Kind::List(_) => unreachable!("a text item"),
    }
}

fn rules(result: Result<(), ltcip_runtime::ValidationErrors>) -> Vec<(String, &'static str)> {
    result.err().map_or_else(Vec::new, |e| e.iter().map(|e| (e.pointer().to_owned(), e.rule().code())).collect())
}

fn main() {
    assert_eq!(repertoire(&Final::SHAPE.items[0]), Repertoire::JisX0213);
    assert_eq!(repertoire(&Final::SHAPE.items[1]), Repertoire::Ms932);
    assert_eq!(repertoire(&Provisional::SHAPE.items[0]), Repertoire::Ms932);

    let value = Final { detail: "〜".into(), legacy: "髙".into() };
    assert_eq!(rules(value.validate()), []);
    let value = Final { detail: "髙".into(), legacy: "〜".into() };
    assert_eq!(rules(value.validate()), [("/detail".into(), "repertoire"), ("/legacy".into(), "repertoire")]);
    let value = Provisional { detail: "〜".into() };
    assert_eq!(rules(value.validate()), [("/detail".into(), "repertoire")]);
}
