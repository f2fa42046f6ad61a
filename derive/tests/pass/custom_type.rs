//! `custom_type`: a field of the user's own type, which dereferences to `str` and is made `From<&str>`:
//! alone, optional, repeated, in a CSV record and named by a condition; every check runs on its text.
#![deny(warnings)]

use std::ops::Deref;

use ltcip_runtime::csv::{self, Record as _};
use ltcip_runtime::{Layout, Validate};

/// A vendor's own type for 被保険者番号.
#[derive(Debug, Clone, Default, PartialEq)]
struct InsuredNumber(String);

impl Deref for InsuredNumber {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for InsuredNumber {
    fn from(text: &str) -> Self {
        InsuredNumber(text.to_owned())
    }
}

#[derive(Debug, Clone, PartialEq, Validate)]
#[ltcip(csv, name = "TEST")]
struct Row {
    #[ltcip(no = "1", name = "被保険者番号", data_type = "半角英数字", digits = 10, length = "固定長", custom_type)]
    insured: InsuredNumber,
    #[ltcip(no = "2", name = "区分", occurs = "0..1", codes("1", "2"), custom_type)]
    kind: Option<InsuredNumber>,
    #[ltcip(no = "3", name = "詳細", occurs = "0..1", required(when(kind = "2")))]
    detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Validate)]
struct Message {
    #[ltcip(no = "1", name = "番号", occurs = "0..n", data_type = "半角数字", digits = 2, custom_type)]
    numbers: Vec<InsuredNumber>,
    #[ltcip(no = "2", name = "予備", occurs = "0..3", data_type = "半角数字", custom_type)]
    spare: Option<Vec<InsuredNumber>>,
}

fn main() {
    let good = Row { insured: "1234567890".into(), kind: Some("1".into()), detail: None };
    assert_eq!(good.validate(), Ok(()));
    let bad = Row { insured: "12345".into(), kind: Some("2".into()), detail: None };
    let found: Vec<(String, &str)> =
        bad.validate().unwrap_err().iter().map(|e| (e.pointer().to_owned(), e.rule().code())).collect();
    assert_eq!(found, [("/insured".to_owned(), "length"), ("/detail".to_owned(), "required")]);

    // A CSV record of the type: read and written through its text.
    let rows: Vec<_> = csv::Reader::<_, Row>::new(&b"1234567890,,\r\n12345,2,\r\n"[..]).map(Result::unwrap).collect();
    assert_eq!(rows[0].violations(), []);
    assert_eq!(rows[0].record().unwrap().insured, InsuredNumber("1234567890".to_owned()));
    assert_eq!(rows[0].record().unwrap().kind, None);
    let codes: Vec<_> = rows[1].violations().iter().map(|v| (v.column(), v.rule().code())).collect();
    assert_eq!(codes, [(Some(1), "length"), (Some(3), "required")]);
    let mut texts = Vec::new();
    rows[1].record().unwrap().for_each_column(&mut |text| texts.push(text.to_owned()));
    assert_eq!(texts, ["12345", "2", ""]);

    let message = Message { numbers: vec!["12".into(), "1a".into()], spare: Some(vec!["1".into(); 4]) };
    let found: Vec<(String, &str)> =
        message.validate().unwrap_err().iter().map(|e| (e.pointer().to_owned(), e.rule().code())).collect();
    assert_eq!(found, [("/numbers/1".to_owned(), "chars"), ("/spare".to_owned(), "count")]);
    assert_eq!(Message::SHAPE.items.len(), 2);
}
