use ltcip_runtime::serde::{Deserialize, Serialize};
use ltcip_runtime::{Layout, Validate};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
pub struct Response {
    #[ltcip(no = "01", name = "介護保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
    pub care_insure_provider_number: String,
    #[ltcip(no = "07", name = "ボディ部", data_type = "リスト")]
    pub body: Vec<ResponseBody>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
pub struct ResponseBody {
    #[ltcip(no = "09", name = "介護保険被保険者番号", data_type = "半角数字", digits = 10, length = "固定長")]
    pub care_insurer_number: String,
    #[ltcip(
        no = "11",
        name = "介護被保険者証利用停止日",
        occurs = "0..1",
        data_type = "半角文字",
        digits = 10,
        length = "固定長",
        date = "YYYY-MM-DD"
    )]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care_insurance_end_date: Option<String>,
}

#[test]
fn smoke() {
    assert_eq!(Response::SHAPE.items.len(), 2);
    let r = Response {
        care_insure_provider_number: "12345６".into(),
        body: vec![ResponseBody {
            care_insurer_number: "1".into(),
            care_insurance_end_date: Some("2025-02-29".into()),
        }],
    };
    let errs = r.validate().unwrap_err();
    let got: Vec<_> = errs.iter().map(|e| (e.pointer().to_owned(), e.rule().code())).collect();
    assert_eq!(
        got,
        [
            ("/care_insure_provider_number".to_owned(), "chars"),
            ("/body/0/care_insurer_number".to_owned(), "length"),
            ("/body/0/care_insurance_end_date".to_owned(), "date"),
        ]
    );
    let e = ltcip_runtime::json::from_str::<Response>(
        r#"{"care_insure_provider_number": 123456, "body": [{"care_insurer_number": null}]}"#,
    )
    .unwrap_err();
    let got: Vec<_> = e.iter().map(|e| (e.pointer().to_owned(), e.rule().code())).collect();
    assert_eq!(
        got,
        [("/care_insure_provider_number".to_owned(), "type"), ("/body/0/care_insurer_number".to_owned(), "required")]
    );
    println!("{e}");
}
