//! Every attribute LIFE's layouts add: `csv(id = "...")`, `数値` with `decimals`, `range`, the `HH` and
//! `mm` date formats, `required(...)` with a mode, a condition or both, and `quoted`.
#![deny(warnings)]

use ltcip_runtime::csv::{self, Record as _};
use ltcip_runtime::{
    Clause, DateFormat, Decimal, Kind, Layout, Mode, Range, Requirement, Secret, Validate, compact_str::CompactString,
};

#[derive(Debug, Clone, PartialEq, Validate)]
#[ltcip(csv(id = "FORM_TEST"), name = "様式")]
struct Form {
    #[ltcip(no = "1", name = "事業所番号", data_type = "半角数字", digits = 10, length = "固定長", quoted)]
    care_facility_id: CompactString,
    #[ltcip(no = "2", name = "施設／通所・居宅区分", data_type = "数値", digits = 1, codes("1", "2"))]
    facility_type: String,
    #[ltcip(no = "3", name = "経口摂取", occurs = "0..1", data_type = "数値", digits = 1, codes("0", "1", "2"))]
    oral_intake: Option<CompactString>,
    #[ltcip(
        no = "4",
        name = "栄養補給法",
        occurs = "0..1",
        data_type = "全半角文字",
        digits = 20,
        quoted,
        required(mode = "final", when(facility_type = "1", oral_intake("1", "2")))
    )]
    nutrition: Option<String>,
    #[ltcip(no = "5", name = "身長", occurs = "0..1", data_type = "数値", digits = 3, decimals = 1, range = "0～300")]
    height: Option<String>,
    #[ltcip(no = "6", name = "体重", occurs = "0..1", data_type = "数値", digits = 3, decimals = 1, length = "可変長", required(mode = "final"))]
    weight: Option<String>,
    #[ltcip(no = "7", name = "開催時間（時）", occurs = "0..1", data_type = "半角数字", digits = 2, range = " 0 〜 23 ", date = "HH")]
    hour: Option<String>,
    #[ltcip(no = "8", name = "開催時間（分）", occurs = "0..1", data_type = "半角数字", digits = 2, date = "mm", range = "～59")]
    minute: Option<String>,
    #[ltcip(no = "9", name = "差分", occurs = "0..1", data_type = "数値", digits = 2, decimals = 2, range = "-1.5~0.25")]
    delta: Option<String>,
    #[ltcip(no = "10", name = "暗証番号", occurs = "0..1", secret, required(when(facility_type = "2")))]
    pin: Option<Secret>,
    #[ltcip(no = "11", name = "氏名", occurs = "0..1", required(mode = "draft"))]
    name: Option<String>,
    #[ltcip(no = "12", name = "種別", occurs = "0..1", codes("A", "B"))]
    r#type: Option<String>,
    #[ltcip(no = "13", name = "種別の詳細", occurs = "0..1", required(when(r#type = "B")))]
    type_detail: Option<String>,
}

fn texts(form: &Form) -> Vec<String> {
    let mut texts = Vec::new();
    form.for_each_column(&mut |text| texts.push(text.to_owned()));
    texts
}

fn main() {
    let shape = Form::SHAPE;
    assert_eq!(shape.named, Some("FORM_TEST"));
    assert!(shape.items.iter().all(|item| item.space_is_null));
    assert!(shape.items[0].quoted && !shape.items[1].quoted);
    let text = |index: usize| match shape.items[index].kind {
        Kind::Text(text) => text,
        Kind::List(_) => unreachable!(),
    };
    assert_eq!(text(4).number, Some(Decimal::new(3, 1)));
    assert_eq!(text(4).length, None, "a 数値 item has no length rule");
    assert_eq!(text(4).chars, None);
    assert_eq!(text(1).number, Some(Decimal::new(1, 0)));
    assert_eq!(text(4).range, Some(Range::new(Some(0.0), Some(300.0))));
    assert_eq!(text(6).range, Some(Range::new(Some(0.0), Some(23.0))));
    assert_eq!(text(7).range, Some(Range::new(None, Some(59.0))));
    assert_eq!(text(8).range, Some(Range::new(Some(-1.5), Some(0.25))));
    assert_eq!(text(6).date, Some(DateFormat::Hh));
    assert_eq!(text(7).date, Some(DateFormat::Mi));
    assert_eq!(
        shape.items[3].required,
        Some(Requirement::new(Mode::Final, &[Clause::new("facility_type", &["1"]), Clause::new("oral_intake", &["1", "2"])]))
    );
    assert_eq!(shape.items[5].required, Some(Requirement::new(Mode::Final, &[])));
    assert_eq!(shape.items[9].required, Some(Requirement::new(Mode::Draft, &[Clause::new("facility_type", &["2"])])));
    assert_eq!(shape.items[10].required, Some(Requirement::new(Mode::Draft, &[])));
    // A named layout counts characters.
    assert!(shape.items.iter().all(|item| match item.kind {
        Kind::Text(text) => text.length.is_none_or(|length| length.unit == ltcip_runtime::LengthUnit::Chars),
        Kind::List(_) => true,
    }));

    let good = Form {
        care_facility_id: "1234567890".into(),
        facility_type: "1".into(),
        oral_intake: Some("1".into()),
        nutrition: Some("経腸栄養".into()),
        height: Some("170.5".into()),
        weight: Some("60".into()),
        hour: Some("09".into()),
        minute: Some("30".into()),
        delta: Some("-1.25".into()),
        pin: None,
        name: Some("厚労 太郎".into()),
        r#type: Some("A".into()),
        type_detail: None,
    };
    assert_eq!(good.validate(), Ok(()));

    let bad = Form {
        nutrition: Some(" ".into()),
        height: Some("300.5".into()),
        weight: None,
        hour: Some("24".into()),
        minute: Some("60".into()),
        delta: Some("0.255".into()),
        facility_type: "2".into(),
        oral_intake: Some("2".into()),
        name: None,
        r#type: Some("B".into()),
        ..good.clone()
    };
    let found = |mode: Mode| -> Vec<(String, &'static str)> {
        bad.validate_with(mode).unwrap_err().iter().map(|e| (e.pointer().to_owned(), e.rule().code())).collect()
    };
    let p = |pointer: &str, code: &'static str| (pointer.to_owned(), code);
    assert_eq!(
        found(Mode::Final),
        [
            p("/height", "range"),
            p("/weight", "required"),
            p("/hour", "date"),
            p("/hour", "range"),
            p("/minute", "date"),
            p("/minute", "range"),
            p("/delta", "number"),
            p("/delta", "range"),
            p("/name", "required"),
            p("/pin", "required"),
            p("/type_detail", "required"),
        ]
    );
    assert_eq!(found(Mode::Draft).len(), 10, "体重 is required on final import only");
    assert_eq!(shape.items[12].required, Some(Requirement::new(Mode::Draft, &[Clause::new("type", &["B"])])));

    // The record is a named-column CSV record: its columns are its items, in layout order.
    let file = "FORM_TEST\r\nfacility_type,care_facility_id,name\r\n1,\"1234567890\",\"厚労\"\r\n";
    let rows: Vec<_> = csv::Reader::<_, Form>::new(file.as_bytes()).map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(texts(rows[0].record().unwrap())[..3], ["1234567890", "1", ""]);
    let found: Vec<_> = rows[0].violations().iter().map(|v| (v.line(), v.column(), v.rule().code())).collect();
    assert_eq!(found, [(2, None, "header")], "体重 has no column");
}
