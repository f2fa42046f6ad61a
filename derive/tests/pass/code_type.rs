//! `#[derive(Code)]` and `code_type`: an enum of a code list, read from a record's text through an
//! accessor per item: plain, optional, repeated (alone and in an `Option`), of the user's own type,
//! through an alias, with `also` values, and on a raw field name. The record keeps its text, so a
//! wrong code is still held, reported, and read as `None`.
#![deny(warnings)]

use std::ops::Deref;

use ltcip_runtime::{Code, CompactString, UnknownCode, Validate};

/// 利用者性別
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
#[ltcip(name = "利用者性別")]
pub enum GenderCode {
    /// 男性
    #[ltcip(code = "1", label = "男性")]
    C1,
    /// 女性
    #[ltcip(code = "2", label = "女性")]
    C2,
}

/// The same list for another item.
pub type SexCode = GenderCode;

/// 取得結果: codes without labels, Japanese variant names; no `name`, so errors name the enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
enum ResultCode {
    #[ltcip(code = "成功")]
    成功,
    #[ltcip(code = "失敗")]
    失敗,
}

/// Codes and the value `also` allows (a placeholder).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
#[allow(non_camel_case_types)]
enum IcfCode {
    #[ltcip(code = "b110", label = "意識機能")]
    b110,
    #[ltcip(code = "d450", label = "歩行")]
    d450,
    #[ltcip(code = "0000")]
    C0000,
}

/// A vendor's own text type.
#[derive(Debug, Clone, Default, PartialEq)]
struct Own(String);

impl Deref for Own {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Own {
    fn from(text: &str) -> Self {
        Own(text.to_owned())
    }
}

#[derive(Debug, Clone, PartialEq, Validate)]
pub struct Record {
    #[ltcip(no = "1", name = "利用者性別", data_type = "半角数字", digits = 1, codes("1", "2"), code_type = GenderCode)]
    pub gender: CompactString,
    #[ltcip(no = "2", name = "性別", occurs = "0..1", codes("2", "1"), code_type = SexCode)]
    pub sex: Option<String>,
    #[ltcip(no = "3", name = "取得結果", occurs = "0..n", codes("成功", "失敗"), code_type = ResultCode)]
    results: Vec<String>,
    #[ltcip(no = "4", name = "生活機能", occurs = "0..3", codes("b110", "d450"), also("0000"), code_type = IcfCode)]
    functions: Option<Vec<CompactString>>,
    #[ltcip(no = "5", name = "区分", occurs = "0..1", codes("1", "2"), custom_type, code_type = self::GenderCode)]
    own: Option<Own>,
    #[ltcip(no = "6", name = "種類", codes("1", "2"), code_type = crate::GenderCode)]
    r#type: String,
}

fn main() {
    // The enum.
    assert_eq!(GenderCode::ALL, [GenderCode::C1, GenderCode::C2]);
    assert_eq!(<GenderCode as Code>::CODES, ["1", "2"]);
    assert_eq!(<GenderCode as Code>::LABELS, [Some("男性"), Some("女性")]);
    assert_eq!(<GenderCode as Code>::NAME, "利用者性別");
    assert_eq!(GenderCode::C2.as_str(), "2");
    assert_eq!(GenderCode::C2.label(), Some("女性"));
    assert_eq!(GenderCode::C1.to_string(), "1");
    assert_eq!("1".parse::<GenderCode>(), Ok(GenderCode::C1));
    assert_eq!(GenderCode::try_from("2"), Ok(GenderCode::C2));
    let unknown: UnknownCode = "3".parse::<GenderCode>().unwrap_err();
    assert_eq!((unknown.code(), unknown.list(), unknown.codes()), ("3", "利用者性別", &["1", "2"][..]));
    assert_eq!(ResultCode::成功.label(), None);
    assert_eq!(ResultCode::try_from("失敗"), Ok(ResultCode::失敗));
    assert_eq!(ResultCode::try_from("成").unwrap_err().list(), "ResultCode");
    assert_eq!(IcfCode::ALL.map(IcfCode::as_str), ["b110", "d450", "0000"]);
    const LABEL: Option<&str> = IcfCode::d450.label();
    assert_eq!(LABEL, Some("歩行"));

    // The accessors.
    let mut record = Record {
        gender: "2".into(),
        sex: None,
        results: vec!["成功".into(), "不明".into()],
        functions: Some(vec!["d450".into(), "0000".into(), "x".into()]),
        own: Some("1".into()),
        r#type: "1".into(),
    };
    assert_eq!(record.gender_code(), Some(GenderCode::C2));
    assert_eq!(record.sex_code(), None);
    assert_eq!(record.results_codes().collect::<Vec<_>>(), [Some(ResultCode::成功), None]);
    assert_eq!(record.functions_codes().collect::<Vec<_>>(), [Some(IcfCode::d450), Some(IcfCode::C0000), None]);
    assert_eq!(record.own_code(), Some(GenderCode::C1));
    assert_eq!(record.type_code(), Some(GenderCode::C1));

    // A wrong code is kept, reported, and read as `None`; fixed through the enum, it is gone.
    record.gender = "9".into();
    record.sex = Some(String::new());
    assert_eq!(record.gender_code(), None);
    assert_eq!(record.sex_code(), None, "an empty text is absent");
    let found: Vec<(String, &str)> =
        record.validate().unwrap_err().iter().map(|e| (e.pointer().to_owned(), e.rule().code())).collect();
    assert_eq!(
        found,
        [("/gender".to_owned(), "code"), ("/results/1".to_owned(), "code"), ("/functions/2".to_owned(), "code")]
    );
    record.gender = GenderCode::C1.as_str().into();
    record.results.truncate(1);
    record.functions = None;
    assert_eq!(record.validate(), Ok(()));
    assert_eq!(record.gender_code(), Some(GenderCode::C1));
}
