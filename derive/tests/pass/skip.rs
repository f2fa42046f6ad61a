//! `skip`: a field that is no item of the layout, of any type, and not checked.
#![deny(warnings)]

use ltcip_runtime::{Layout, Validate};

#[derive(Debug, Validate)]
struct Request {
    #[ltcip(no = "01", name = "介護保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
    number: String,
    #[ltcip(skip)]
    received_at: u64,
    #[ltcip(skip)]
    note: String,
}

fn main() {
    assert_eq!(Request::SHAPE.items.len(), 1);
    assert_eq!(Request::SHAPE.items[0].key, "number");
    let request = Request { number: "123456".into(), received_at: 1, note: "全角でも何でも".into() };
    assert!(request.validate().is_ok());
    let request = Request { number: "12345".into(), ..request };
    let errors = request.validate().unwrap_err();
    assert_eq!(errors.iter().map(|e| e.rule().code()).collect::<Vec<_>>(), ["length"]);
    assert_eq!((request.received_at, request.note.as_str()), (1, "全角でも何でも"));
}
