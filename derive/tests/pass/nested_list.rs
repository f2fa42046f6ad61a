//! リスト items as `Vec<T>` and `Option<Vec<T>>` of derived structs, nested two deep, checked through
//! typed values and through JSON.
#![deny(warnings)]

use ltcip_runtime::serde::{Deserialize, Serialize};
use ltcip_runtime::{Kind, Layout, Occurs, Validate, json};

#[derive(Debug, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
struct Response {
    #[ltcip(no = "03", name = "取得結果", data_type = "全角文字", digits = 2, codes("成功", "失敗"))]
    result: String,
    #[ltcip(no = "07", name = "ボディ部", data_type = "リスト")]
    body: Vec<Body>,
    #[ltcip(no = "20", name = "備考部", occurs = "0..1", data_type = "リスト")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    notes: Option<Vec<Note>>,
}

#[derive(Debug, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
struct Body {
    #[ltcip(no = "09", name = "介護保険被保険者番号", data_type = "半角数字", digits = 10, length = "固定長")]
    insured_number: String,
    #[ltcip(no = "10", name = "履歴", occurs = "0..1", data_type = "リスト")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    history: Option<Vec<Note>>,
}

#[derive(Debug, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
struct Note {
    #[ltcip(no = "21", name = "備考", data_type = "全半角文字", digits = 3)]
    text: String,
}

fn main() {
    let items = Response::SHAPE.items;
    assert!(matches!(items[1].kind, Kind::List(shape) if shape.items[0].key == "insured_number"));
    assert!(matches!(items[2].kind, Kind::List(shape) if shape.items[0].key == "text"));
    assert_eq!(items[2].occurs, Occurs::OPTIONAL);

    let response = Response {
        result: "成功".into(),
        body: vec![
            Body { insured_number: "0123456789".into(), history: None },
            Body { insured_number: "12".into(), history: Some(vec![Note { text: "長すぎる備考".into() }]) },
        ],
        notes: Some(vec![Note { text: "ok".into() }]),
    };
    let errors = response.validate().unwrap_err();
    let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
    assert_eq!(got, [("/body/1/insured_number", "length"), ("/body/1/history/0/text", "length")]);

    let decoded: Response =
        json::from_str(r#"{"result": "成功", "body": [{"insured_number": "0123456789"}]}"#).expect("valid");
    assert!(decoded.notes.is_none());
    let errors = json::from_str::<Response>(r#"{"result": "成否", "body": [{"insured_number": "x"}], "notes": []}"#)
        .unwrap_err();
    let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
    assert!(got.contains(&("/result", "code")), "{got:?}");
    assert!(got.contains(&("/body/0/insured_number", "chars")), "{got:?}");
}
