//! Every date format the derive accepts, each checked against a calendar date and a non-date.
#![deny(warnings)]

use ltcip_runtime::{DateFormat, Kind, Layout, Validate};

#[derive(Debug, Validate)]
struct Dates {
    #[ltcip(no = "01", name = "日付", data_type = "半角文字", digits = 10, length = "固定長", date = "YYYY-MM-DD")]
    hyphen: String,
    #[ltcip(no = "02", name = "日付", data_type = "半角文字", digits = 10, date = "YYYY/MM/DD")]
    slash: String,
    #[ltcip(no = "03", name = "日付", data_type = "半角数字", digits = 8, length = "固定長", date = "YYYYMMDD")]
    compact: String,
    #[ltcip(no = "04", name = "年月", data_type = "半角文字", digits = 7, date = "YYYY-MM")]
    month_hyphen: String,
    #[ltcip(no = "05", name = "年月", data_type = "半角数字", digits = 6, length = "固定長", date = "YYYYMM")]
    month: String,
    #[ltcip(no = "06", name = "日時", data_type = "半角英数字", digits = 14, date = "YYYYMMDDHHMMSS")]
    timestamp: String,
    #[ltcip(no = "07", name = "日時", data_type = "半角文字", digits = 19, date = "YYYY-MM-DDTHH:MM:SS")]
    iso: String,
    #[ltcip(no = "08", name = "時刻", data_type = "半角数字", digits = 4, length = "固定長", date = "HHMM")]
    time: String,
    #[ltcip(no = "09", name = "時刻", data_type = "全半角文字", digits = 5, date = "HH:MM")]
    time_colon: String,
    #[ltcip(no = "10", name = "時刻", date = "HHMMSS")]
    time_seconds: String,
}

fn main() {
    let good = Dates {
        hyphen: "2024-02-29".into(),
        slash: "2024/12/31".into(),
        compact: "20240229".into(),
        month_hyphen: "2024-12".into(),
        month: "202401".into(),
        timestamp: "20241231235959".into(),
        iso: "2024-02-29T23:59:59".into(),
        time: "2359".into(),
        time_colon: "00:00".into(),
        time_seconds: "235959".into(),
    };
    assert!(good.validate().is_ok(), "{:?}", good.validate());

    let bad = Dates {
        hyphen: "2025-02-29".into(),
        slash: "2024/13/01".into(),
        compact: "20250229".into(),
        month_hyphen: "2024-00".into(),
        month: "202413".into(),
        timestamp: "20241231245959".into(),
        iso: "2024-02-29 23:59:59".into(),
        time: "2400".into(),
        time_colon: "12:60".into(),
        time_seconds: "235960".into(),
    };
    let errors = bad.validate().unwrap_err();
    let got: Vec<(&str, &str)> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
    assert_eq!(
        got,
        [
            ("/hyphen", "date"),
            ("/slash", "date"),
            ("/compact", "date"),
            ("/month_hyphen", "date"),
            ("/month", "date"),
            ("/timestamp", "date"),
            ("/iso", "date"),
            ("/time", "date"),
            ("/time_colon", "date"),
            ("/time_seconds", "date"),
        ]
    );

    let formats: Vec<Option<DateFormat>> = Dates::SHAPE
        .items
        .iter()
        .map(|item| match item.kind {
            Kind::Text(text) => text.date,
            Kind::List(_) => None,
        })
        .collect();
    let expected: Vec<Option<DateFormat>> = [
        "YYYY-MM-DD",
        "YYYY/MM/DD",
        "YYYYMMDD",
        "YYYY-MM",
        "YYYYMM",
        "YYYYMMDDHHMMSS",
        "YYYY-MM-DDTHH:MM:SS",
        "HHMM",
        "HH:MM",
        "HHMMSS",
    ]
    .into_iter()
    .map(DateFormat::from_pattern)
    .collect();
    assert_eq!(formats, expected);
    assert!(formats.iter().all(Option::is_some));
}
