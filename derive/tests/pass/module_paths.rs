//! A layout in a module, written with `::ltcip_runtime` paths only: nothing of the runtime is imported,
//! so the expansion cannot lean on names the user happened to bring into scope.
#![deny(warnings)]

mod api {
    #[derive(Debug, ::ltcip_runtime::serde::Deserialize, ::ltcip_runtime::Validate)]
    #[serde(crate = "::ltcip_runtime::serde")]
    #[ltcip(name = "API リクエスト")]
    pub struct Request {
        #[ltcip(no = "01", name = "介護保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
        pub number: String,
        #[ltcip(no = "02", name = "明細", occurs = "0..1", data_type = "リスト")]
        #[serde(default)]
        pub lines: Option<Vec<records::Line>>,
    }

    pub mod records {
        #[derive(Debug, ::ltcip_runtime::serde::Deserialize, ::ltcip_runtime::Validate)]
        #[serde(crate = "::ltcip_runtime::serde")]
        pub struct Line {
            #[ltcip(no = "03", name = "区分", codes("A", "B"))]
            pub kind: String,
        }
    }
}

// Names the expansion might use, shadowed here so that an unqualified path in it would break.
#[allow(dead_code)]
mod shadows {
    pub struct Option;
    pub struct Vec;
    pub trait Field {}
    pub trait Layout {}
    pub trait Record {}
    pub trait ItemField {}
}
#[allow(unused_imports)]
use shadows::*;

fn main() {
    let request =
        api::Request { number: "123456".into(), lines: Some(std::vec![api::records::Line { kind: "C".into() }]) };
    let errors = ::ltcip_runtime::Validate::validate(&request).unwrap_err();
    let got: std::vec::Vec<(&str, &str)> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
    assert_eq!(got, [("/lines/0/kind", "code")]);
    assert_eq!(<api::Request as ::ltcip_runtime::Layout>::SHAPE.name, "API リクエスト");
    let decoded: api::Request = ::ltcip_runtime::json::from_str(r#"{"number": "123456"}"#).expect("valid");
    assert!(decoded.lines.is_none());
}
