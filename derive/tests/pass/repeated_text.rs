//! A repeated text item (出現回数 最大 above 1) on `Vec<String>`: each element is checked, and the count
//! against 出現回数.
#![deny(warnings)]

use ltcip_runtime::{Layout, Occurs, Validate};

#[derive(Debug, Validate)]
struct Contact {
    #[ltcip(no = "01", name = "電話番号", occurs = "0..n", data_type = "半角数字", digits = 11)]
    phones: Vec<String>,
    #[ltcip(no = "02", name = "連絡先区分", occurs = "1..2", codes("自宅", "携帯"))]
    kinds: Vec<String>,
    #[ltcip(no = "03", name = "メール", occurs = "0..3")]
    mails: Option<Vec<String>>,
}

fn rules(contact: &Contact) -> Vec<(String, &'static str)> {
    match contact.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.iter().map(|e| (e.pointer().to_owned(), e.rule().code())).collect(),
    }
}

fn main() {
    assert_eq!(Contact::SHAPE.items[0].occurs, Occurs::new(0, None));
    assert_eq!(Contact::SHAPE.items[1].occurs, Occurs::new(1, Some(2)));
    assert!(Contact::SHAPE.items.iter().all(|item| item.is_array()));

    let contact = Contact { phones: Vec::new(), kinds: vec!["自宅".into()], mails: None };
    assert_eq!(rules(&contact), []);

    let contact = Contact {
        phones: vec!["0312345678".into(), "03-1234".into()],
        kinds: vec!["自宅".into(), "携帯".into(), "職場".into()],
        mails: Some(vec!["a".into(), "b".into(), "c".into(), "d".into()]),
    };
    assert_eq!(
        rules(&contact),
        [
            ("/phones/1".to_owned(), "chars"),
            ("/kinds".to_owned(), "count"),
            ("/kinds/2".to_owned(), "code"),
            ("/mails".to_owned(), "count"),
        ]
    );
}
