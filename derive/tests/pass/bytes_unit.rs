//! `unit = "bytes"` at struct level (the CSV layouts) and field level, and `unit = "chars"` overriding
//! it: lengths are counted in MS932 bytes where asked, and codes are measured the same way.
#![deny(warnings)]

use ltcip_runtime::{Kind, Layout, Length, LengthUnit, Validate};

#[derive(Debug, Validate)]
#[ltcip(name = "ケアプラン レコード", unit = "bytes")]
struct Record {
    #[ltcip(no = "01", name = "氏名", data_type = "全半角文字", digits = 4)]
    name: String,
    // 「成功」 is two characters but four MS932 bytes: it fits a four-byte 固定長 item.
    #[ltcip(no = "02", name = "結果", data_type = "全角文字", digits = 4, length = "固定長", codes("成功", "失敗"))]
    result: String,
    #[ltcip(no = "03", name = "カナ", data_type = "全半角文字", digits = 4, unit = "chars")]
    kana: String,
}

#[derive(Debug, Validate)]
struct Mixed {
    #[ltcip(no = "01", name = "氏名", digits = 4, unit = "bytes")]
    name: String,
    #[ltcip(no = "02", name = "カナ", digits = 4)]
    kana: String,
}

fn length(item: &ltcip_runtime::Item<'_>) -> Option<Length> {
    match item.kind {
        Kind::Text(text) => text.length,
        Kind::List(_) => None,
    }
}

fn codes(errors: Result<(), ltcip_runtime::ValidationErrors>) -> Vec<(String, &'static str)> {
    errors.err().map_or_else(Vec::new, |e| e.iter().map(|e| (e.pointer().to_owned(), e.rule().code())).collect())
}

fn main() {
    assert_eq!(Record::SHAPE.name, "ケアプラン レコード");
    assert_eq!(
        Record::SHAPE.items.iter().map(length).collect::<Vec<_>>(),
        [
            Some(Length::variable(4, LengthUnit::Ms932Bytes)),
            Some(Length::fixed(4, LengthUnit::Ms932Bytes)),
            Some(Length::variable(4, LengthUnit::Chars)),
        ]
    );
    assert_eq!(
        Mixed::SHAPE.items.iter().map(length).collect::<Vec<_>>(),
        [Some(Length::variable(4, LengthUnit::Ms932Bytes)), Some(Length::variable(4, LengthUnit::Chars)),]
    );

    let record = Record { name: "介護".into(), result: "成功".into(), kana: "カイゴタ".into() };
    assert_eq!(codes(record.validate()), []);
    let record = Record { name: "介護a".into(), result: "成功".into(), kana: "カイゴタロ".into() };
    assert_eq!(codes(record.validate()), [("/name".to_owned(), "length"), ("/kana".to_owned(), "length")]);

    let mixed = Mixed { name: "ｶｲｺﾞ".into(), kana: "カイゴタ".into() };
    assert_eq!(codes(mixed.validate()), []);
    let mixed = Mixed { name: "カイゴ".into(), kana: "カイゴタ".into() };
    assert_eq!(codes(mixed.validate()), [("/name".to_owned(), "length")]);
}
