//! A layout generic over the document's lifetime: `CowStr<'a>` text, alone, optional and repeated,
//! records of a リスト that borrow too, a code accessor; decoded by `json::from_slice` without
//! copying text that has no escapes, and validated as any layout.
#![deny(warnings)]

use ltcip_runtime::serde::{Deserialize, Serialize};
use ltcip_runtime::{Code, CowStr, Layout, Validate, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
enum ResultCode {
    #[ltcip(code = "成功")]
    成功,
    #[ltcip(code = "失敗")]
    失敗,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
struct Response<'a> {
    #[ltcip(no = "01", name = "取得結果", data_type = "全角文字", digits = 2, length = "固定長", codes("成功", "失敗"), code_type = ResultCode)]
    #[serde(borrow)]
    result: CowStr<'a>,
    #[ltcip(no = "02", name = "メッセージ", occurs = "0..1", data_type = "全半角文字", digits = 20)]
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    message: Option<CowStr<'a>>,
    #[ltcip(no = "03", name = "ボディ部", data_type = "リスト", occurs = "0..n")]
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    body: Vec<Body<'a>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
struct Body<'a> {
    #[ltcip(no = "04", name = "被保険者番号", data_type = "半角数字", digits = 10, length = "固定長")]
    #[serde(borrow)]
    insured_number: CowStr<'a>,
    #[ltcip(no = "05", name = "備考", occurs = "0..3", data_type = "全半角文字", digits = 5)]
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    remarks: Vec<CowStr<'a>>,
}

fn main() {
    assert_eq!(Response::SHAPE.items.len(), 3);

    let document = r#"{"result":"成功","message":"\u300c済\u300d","body":[{"insured_number":"0000000001","remarks":["a","b"]}]}"#;
    let response: Response<'_> = json::from_slice(document.as_bytes()).unwrap();
    assert_eq!(response.result_code(), Some(ResultCode::成功));
    assert!(response.result.is_borrowed());
    let message = response.message.as_ref().unwrap();
    assert!(!message.is_borrowed(), "unescaped into its own String");
    assert_eq!(message.as_str(), "「済」");
    let body = &response.body[0];
    assert!(body.insured_number.is_borrowed() && body.remarks.iter().all(CowStr::is_borrowed));
    let written = ltcip_runtime::serde_json::to_string(&response).unwrap();
    assert_eq!(json::from_slice::<Response<'_>>(written.as_bytes()).unwrap(), response);

    let bad = r#"{"result":"済み","body":[{"insured_number":"１","remarks":["a","b","c","d"]}]}"#;
    let errors = json::from_slice::<Response<'_>>(bad.as_bytes()).unwrap_err();
    let found: Vec<(&str, &str)> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
    assert_eq!(
        found,
        [
            ("/result", "code"),
            ("/body/0/insured_number", "chars"),
            ("/body/0/insured_number", "length"),
            ("/body/0/remarks", "count"),
        ]
    );
}
