//! A catalogue of hostile payload values, judged by the generated validators.
//!
//! Every case is one document for one layout, decoded with the runtime's entry point
//! (`ltcip_runtime::json::from_slice`, which validates too) and held to an exact verdict: `Ok`, or the
//! exact list of (JSON Pointer, rule code) pairs, in order. Besides the verdict, each case checks that
//!
//! - nothing panics (a panic fails the case, named; it does not abort the table);
//! - an accepted document validates again with `Validate::validate` and survives a
//!   serialise/decode round trip unchanged;
//! - where the document parses as an untyped tree, `json::check_value` reaches the typed verdict less
//!   its `structure` violations (the one exception the runtime documents: a tree keeps only the last
//!   of a member given twice).
//!
//! The cases are grouped by theme, one test per group, so that a failure points at the theme and the
//! message names every failing case. Nothing is printed on success.

use std::fmt::{Debug, Write as _};
use std::panic::{AssertUnwindSafe, catch_unwind};

use ltcip_generated::{if_i6_01_04_01, if_i6_01_04_02};
use ltcip_runtime::serde::Serialize;
use ltcip_runtime::serde::de::DeserializeOwned;
use ltcip_runtime::serde_json::{self, Value, json};
use ltcip_runtime::{Layout, ValidationErrors, json};

/// The six generated layouts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum L {
    /// IF-I6-01-04-01 request headers.
    H1,
    /// IF-I6-01-04-01 request body.
    Q1,
    /// IF-I6-01-04-01 response.
    R1,
    /// IF-I6-01-04-02 request headers.
    H2,
    /// IF-I6-01-04-02 request body.
    Q2,
    /// IF-I6-01-04-02 response.
    R2,
}

/// A valid document of each layout, the starting point of most cases.
fn base(layout: L) -> Value {
    match layout {
        L::H1 | L::H2 => json!({
            "Content-Type": "application/json",
            "Authorization": "Bearer tok-hostile-0001",
            "care_insure_provider_number": "131011",
        }),
        L::Q1 => json!({ "care_insure_provider_number": "131011" }),
        L::Q2 => json!({ "care_insure_provider_number": "131011", "care_insurer_number": "0000012345" }),
        L::R1 => json!({
            "care_insure_provider_number": "131011",
            "result": "成功",
            "result_detail": "正常終了",
            "presigned_url": "https://example.com/khs/131011.zip?X-Amz-Signature=abc",
        }),
        L::R2 => json!({
            "care_insure_provider_number": "131011",
            "care_insurer_number": "0000012345",
            "result": "成功",
            "result_detail": "正常終了",
            "file_if_id": "IFI601040",
            "record_num": "2",
            "body": [
                {
                    "care_insure_provider_number": "131011",
                    "care_insurer_number": "0000012345",
                    "care_insurance_status": "1",
                    "care_insurance_end_date": "2025-03-31",
                    "care_insurance_end_cancel_date": "2025-04-01",
                },
                {
                    "care_insure_provider_number": "131016",
                    "care_insurer_number": "1234567890",
                    "care_insurance_status": "2",
                },
            ],
        }),
    }
}

/// The base document with the value at `pointer` replaced (or the member added). `pointer` names a
/// member of an object or an element of an array that already exists.
fn set(layout: L, pointer: &str, value: Value) -> Value {
    let mut doc = base(layout);
    let (parent, last) = pointer.rsplit_once('/').expect("a pointer below the root");
    match doc.pointer_mut(parent).unwrap_or_else(|| panic!("no {parent} in the base document")) {
        Value::Object(members) => {
            members.insert(last.replace("~1", "/").replace("~0", "~"), value);
        }
        Value::Array(elements) => {
            let index: usize = last.parse().expect("an array index");
            elements[index] = value;
        }
        other => panic!("{parent} is {other}, neither object nor array"),
    }
    doc
}

/// The base document without the member at `pointer`.
fn without(layout: L, pointer: &str) -> Vec<u8> {
    let mut doc = base(layout);
    let (parent, last) = pointer.rsplit_once('/').expect("a pointer below the root");
    let members = doc.pointer_mut(parent).and_then(Value::as_object_mut).expect("an object");
    assert!(members.remove(last).is_some(), "no {pointer} in the base document");
    bytes(&doc)
}

fn bytes(doc: &Value) -> Vec<u8> {
    serde_json::to_vec(doc).expect("a JSON tree serialises")
}

const PLACEHOLDER: &str = "@@HOSTILE-PLACEHOLDER@@";

/// The base document with the value at `pointer` written as the raw bytes `raw` (which need not be
/// JSON, nor UTF-8).
fn raw(layout: L, pointer: &str, raw: &[u8]) -> Vec<u8> {
    let text = bytes(&set(layout, pointer, Value::String(PLACEHOLDER.to_owned())));
    let needle = format!("\"{PLACEHOLDER}\"");
    let at = find(&text, needle.as_bytes()).expect("the placeholder is written once");
    let mut out = text[..at].to_vec();
    out.extend_from_slice(raw);
    out.extend_from_slice(&text[at + needle.len()..]);
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `n` levels of arrays around nothing.
fn nested_arrays(n: usize) -> Vec<u8> {
    let mut out = "[".repeat(n).into_bytes();
    out.extend(std::iter::repeat_n(b']', n));
    out
}

/// `n` levels of `{"a": ...}` around `0`.
fn nested_objects(n: usize) -> Vec<u8> {
    let mut out = r#"{"a":"#.repeat(n).into_bytes();
    out.push(b'0');
    out.extend(std::iter::repeat_n(b'}', n));
    out
}

const MB: usize = 1 << 20;

/// One hostile document and the verdict it must get.
struct Case {
    what: String,
    layout: L,
    doc: Vec<u8>,
    /// (pointer, rule code), in order; empty for a valid document. `""` is the document itself.
    expected: Vec<(String, &'static str)>,
}

#[derive(Default)]
struct Cases(Vec<Case>);

impl Cases {
    /// A case with violations anywhere.
    fn doc(&mut self, what: &str, layout: L, doc: impl Into<Vec<u8>>, expected: &[(&str, &'static str)]) {
        let expected = expected.iter().map(|(p, r)| ((*p).to_owned(), *r)).collect();
        self.0.push(Case { what: what.to_owned(), layout, doc: doc.into(), expected });
    }

    /// The base document with one value replaced; every violation expected is at that value.
    fn value(&mut self, what: &str, layout: L, pointer: &str, value: Value, rules: &[&'static str]) {
        let expected: Vec<(&str, &'static str)> = rules.iter().map(|r| (pointer, *r)).collect();
        self.doc(what, layout, bytes(&set(layout, pointer, value)), &expected);
    }

    /// [`Cases::value`] for a string value.
    fn text(&mut self, what: &str, layout: L, pointer: &str, value: &str, rules: &[&'static str]) {
        self.value(what, layout, pointer, Value::String(value.to_owned()), rules);
    }

    /// The base document with one value written as raw bytes; every violation expected is at that
    /// value (or, for a document that does not parse, `("", "syntax")` is passed via [`Cases::doc`]).
    fn raw(&mut self, what: &str, layout: L, pointer: &str, value: &[u8], rules: &[&'static str]) {
        let expected: Vec<(&str, &'static str)> = rules.iter().map(|r| (pointer, *r)).collect();
        self.doc(what, layout, raw(layout, pointer, value), &expected);
    }

    /// Runs every case; fails naming each case whose verdict differs or that panicked.
    fn run(self, floor: usize) {
        assert!(self.0.len() >= floor, "only {} cases; expected at least {floor}", self.0.len());
        let mut failures = Vec::new();
        for case in &self.0 {
            let outcome = catch_unwind(AssertUnwindSafe(|| judge(case.layout, &case.doc)));
            match outcome {
                Err(panic) => failures.push(format!("{}: PANICKED: {}", case.what, panic_text(&*panic))),
                Ok(Err(problem)) => failures.push(format!("{}: {problem}", case.what)),
                Ok(Ok((found, shown))) => {
                    let expected: Vec<(String, String)> =
                        case.expected.iter().map(|(p, r)| (p.clone(), (*r).to_owned())).collect();
                    if found != expected {
                        failures.push(format!(
                            "{} ({:?}):\n    expected {}\n    found    {}\n    {}",
                            case.what,
                            case.layout,
                            listing(&expected),
                            listing(&found),
                            shown.replace('\n', "\n    ")
                        ));
                    }
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} cases failed:\n\n{}",
            failures.len(),
            self.0.len(),
            failures.join("\n\n")
        );
    }
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a non-string panic payload)".to_owned()
    }
}

fn listing(list: &[(String, String)]) -> String {
    if list.is_empty() {
        return "Ok".to_owned();
    }
    list.iter().fold(String::new(), |mut out, (pointer, rule)| {
        let pointer = if pointer.is_empty() { "(document)" } else { pointer };
        let _ = write!(out, "[{pointer} {rule}] ");
        out
    })
}

type Verdict = (Vec<(String, String)>, String);

fn judge(layout: L, doc: &[u8]) -> Result<Verdict, String> {
    match layout {
        L::H1 => judge_as::<if_i6_01_04_01::RequestHeaders>(doc),
        L::Q1 => judge_as::<if_i6_01_04_01::Request>(doc),
        L::R1 => judge_as::<if_i6_01_04_01::Response>(doc),
        L::H2 => judge_as::<if_i6_01_04_02::RequestHeaders>(doc),
        L::Q2 => judge_as::<if_i6_01_04_02::Request>(doc),
        L::R2 => judge_as::<if_i6_01_04_02::Response>(doc),
    }
}

/// The verdict of `json::from_slice::<T>` on `doc`, as (pointer, rule code) pairs with the errors'
/// `Display` for the failure message; `Err` when a side check fails.
fn judge_as<T>(doc: &[u8]) -> Result<Verdict, String>
where
    T: Layout + DeserializeOwned + Serialize + PartialEq + Debug,
{
    let (found, shown, typed) = match json::from_slice::<T>(doc) {
        Ok(value) => {
            if let Err(errors) = value.validate() {
                return Err(format!("from_slice accepted it, validate() rejects it: {errors}"));
            }
            let written = serde_json::to_vec(&value).expect("a generated type serialises");
            match json::from_slice::<T>(&written) {
                Ok(again) if again == value => {}
                Ok(_) => return Err("the serialise/decode round trip changed the value".to_owned()),
                Err(errors) => return Err(format!("its own serialisation is rejected: {errors}")),
            }
            (Vec::new(), "accepted".to_owned(), ValidationErrors::new())
        }
        Err(errors) => {
            if errors.is_empty() {
                return Err("rejected with an empty error list".to_owned());
            }
            for error in &errors {
                if error.message_ja().is_empty() || error.message_en().is_empty() {
                    return Err(format!("{} has an empty message", error.pointer()));
                }
            }
            let found = errors.iter().map(|e| (e.pointer().to_owned(), e.rule().code().to_owned())).collect();
            let shown = errors.to_string();
            (found, shown, errors)
        }
    };
    // The untyped check, wherever it can see the document.
    if let Ok(tree) = serde_json::from_slice::<Value>(doc) {
        let untyped = json::check_value(T::SHAPE, &tree).err().unwrap_or_default();
        let mut expected = ValidationErrors::new();
        for error in typed.into_iter().filter(|e| e.rule().code() != "structure") {
            expected.push(error);
        }
        if untyped != expected {
            return Err(format!("typed and untyped verdicts differ\n    typed: {expected}\n    untyped: {untyped}"));
        }
    }
    Ok((found, shown))
}

/// Every layout accepts its base document: the cases below change one thing each.
#[test]
fn base_documents_are_valid() {
    let mut c = Cases::default();
    for layout in [L::H1, L::Q1, L::R1, L::H2, L::Q2, L::R2] {
        c.doc(&format!("base document of {layout:?}"), layout, bytes(&base(layout)), &[]);
    }
    c.run(6);
}

/// Characters that look like others: which of the pair MS932 carries, and which class admits it.
#[test]
fn look_alike_characters() {
    let mut c = Cases::default();
    // Dashes: U+FF0D is MS932's minus; U+2212 has no MS932 form (0x817C decodes to U+FF0D); U+2010 is
    // MS932's hyphen (0x815D).
    c.text("U+FF0D full-width hyphen-minus in 全半角文字", L::R2, "/result_detail", "処理－エラー", &[]);
    c.text("U+2212 minus sign in 全半角文字", L::R2, "/result_detail", "処理−エラー", &["repertoire"]);
    c.text("U+2010 hyphen in 全半角文字", L::R2, "/result_detail", "処理‐エラー", &[]);
    c.text("U+2212 minus sign in 半角文字", L::R1, "/presigned_url", "https://example.com/a−b", &["repertoire"]);
    c.text(
        "U+FF0D full-width hyphen-minus in 半角文字",
        L::R1,
        "/presigned_url",
        "https://example.com/a－b",
        &["chars"],
    );
    c.text("U+2010 hyphen in 半角数字", L::Q1, "/care_insure_provider_number", "131‐11", &["chars"]);
    c.text("U+2212 minus sign in 半角数字", L::Q1, "/care_insure_provider_number", "131−11", &["repertoire"]);
    // Wave dashes: U+301C is JIS's, U+FF5E is MS932's.
    c.text("U+301C wave dash in 全半角文字", L::R2, "/result_detail", "10〜20件", &["repertoire"]);
    c.text("U+FF5E full-width tilde in 全半角文字", L::R2, "/result_detail", "10～20件", &[]);
    // Full-width digits and letters where half-width ones are due.
    c.text(
        "full-width digits in 半角数字 (6, 固定長)",
        L::Q1,
        "/care_insure_provider_number",
        "１３１０１１",
        &["chars"],
    );
    c.text(
        "full-width digits in 半角数字 (10, 固定長)",
        L::Q2,
        "/care_insurer_number",
        "００００１２３４５６",
        &["chars"],
    );
    c.text(
        "one full-width digit last in a body record",
        L::R2,
        "/body/1/care_insurer_number",
        "123456789０",
        &["chars"],
    );
    c.text("full-width digit in a 1-digit status", L::R2, "/body/0/care_insurance_status", "１", &["chars"]);
    c.text("full-width digit in 半角英数字", L::R2, "/file_if_id", "IFI60104０", &["chars"]);
    c.text("full-width letters in 半角英数字", L::R2, "/file_if_id", "ＩＦＩ601040", &["chars"]);
    c.text("ASCII hyphen in 半角英数字", L::R2, "/file_if_id", "IF-I60104", &["chars"]);
    c.text("full-width digits in 可変長 半角数字", L::R2, "/record_num", "１２", &["chars"]);
    // Half-width katakana in 全角 fields and full-width katakana in 半角 fields.
    c.text("half-width katakana for 成功 (全角文字, code list)", L::R2, "/result", "ｾｲｺｳ", &["code"]);
    c.text("half-width katakana for 成功 (IF-I6-01-04-01, 固定長)", L::R1, "/result", "ｾｲｺｳ", &["code"]);
    c.text("half-width katakana in 全半角文字", L::R2, "/result_detail", "ｴﾗｰ ｼｮｳｻｲ", &[]);
    c.text("half-width katakana in 半角文字", L::R1, "/presigned_url", "https://example.com/ｶﾅ", &[]);
    c.text("full-width katakana in 半角文字", L::R1, "/presigned_url", "https://example.com/カナ", &["chars"]);
    c.text("half-width katakana in 半角数字", L::Q1, "/care_insure_provider_number", "13101ｱ", &["chars"]);
    // The ideographic space.
    c.text("U+3000 inside 全半角文字", L::R2, "/result_detail", "エラー　詳細", &[]);
    c.text("U+3000 in 半角数字 (length kept)", L::Q1, "/care_insure_provider_number", "13101　", &["chars"]);
    c.text("U+3000 after 成功", L::R2, "/result", "成功　", &["code"]);
    c.text("U+3000 in 半角文字", L::R1, "/presigned_url", "https://example.com/a　b", &["chars"]);
    // Other characters MS932 carries only one way round.
    c.text("U+00A5 yen sign in 全半角文字", L::R2, "/result_detail", "¥100", &["repertoire"]);
    c.text("U+FFE5 full-width yen sign in 全半角文字", L::R2, "/result_detail", "￥100", &[]);
    c.text("backslash in 全半角文字", L::R2, "/result_detail", "\\100", &[]);
    c.text("U+2016 double vertical line in 全半角文字", L::R2, "/result_detail", "a‖b", &["repertoire"]);
    c.text("U+2225 parallel to in 全半角文字", L::R2, "/result_detail", "a∥b", &[]);
    c.text("U+00AC not sign in 全半角文字", L::R2, "/result_detail", "¬", &["repertoire"]);
    c.text("U+FFE2 full-width not sign in 全半角文字", L::R2, "/result_detail", "￢", &[]);
    c.text("U+2014 em dash in 全半角文字", L::R2, "/result_detail", "a—b", &["repertoire"]);
    c.text("U+2015 horizontal bar in 全半角文字", L::R2, "/result_detail", "a―b", &[]);
    c.run(30);
}

/// Combining marks and variation selectors: none is in MS932, whatever they combine with.
#[test]
fn combining_marks_and_variation_selectors() {
    let mut c = Cases::default();
    c.text("か + U+3099 combining voiced mark", L::R2, "/result_detail", "か\u{3099}", &["repertoire"]);
    c.text("precomposed が (U+304C)", L::R2, "/result_detail", "が", &[]);
    c.text("spacing voiced mark ゛ (U+309B)", L::R2, "/result_detail", "か゛", &[]);
    c.text("ゔ (U+3094), not in MS932", L::R2, "/result_detail", "ゔ", &["repertoire"]);
    c.text("ヴ (U+30F4), in MS932", L::R2, "/result_detail", "ヴ", &[]);
    c.text("成功 + U+FE0F variation selector", L::R2, "/result", "成功\u{FE0F}", &["code"]);
    c.text("U+FE0F after text in 全半角文字", L::R2, "/result_detail", "注意\u{FE0F}", &["repertoire"]);
    c.text("葛 + U+E0100 ideographic variation selector", L::R2, "/result_detail", "葛\u{E0100}城市", &["repertoire"]);
    c.text(
        "digit + U+0301 combining acute (6 characters)",
        L::Q1,
        "/care_insure_provider_number",
        "13101\u{0301}",
        &["repertoire"],
    );
    c.text(
        "digit + U+20E3 keycap (6 characters)",
        L::Q1,
        "/care_insure_provider_number",
        "13101\u{20E3}",
        &["repertoire"],
    );
    c.text(
        "digit + U+FE0F in 1-digit status",
        L::R2,
        "/body/0/care_insurance_status",
        "1\u{FE0F}",
        &["repertoire", "length"],
    );
    c.run(10);
}

/// Characters outside MS932 beside MS932's own extensions (NEC special, NEC-selected IBM, IBM).
#[test]
fn outside_ms932_and_its_extensions() {
    let mut c = Cases::default();
    c.text("𠮷 (U+20BB7) in 全半角文字", L::R2, "/result_detail", "𠮷野家", &["repertoire"]);
    c.text("emoji in 全半角文字", L::R2, "/result_detail", "完了😀", &["repertoire"]);
    c.text("emoji ZWJ sequence in 全半角文字", L::R2, "/result_detail", "👨\u{200D}👩", &["repertoire"]);
    c.text("①㈱Ⅰ髙﨑 (NEC and IBM extensions)", L::R2, "/result_detail", "①㈱Ⅰ髙﨑", &[]);
    c.text("ⅰ№℡∵ (more NEC/IBM extensions)", L::R2, "/result_detail", "ⅰ№℡∵", &[]);
    c.text("U+E000 user-defined character (外字)", L::R2, "/result_detail", "\u{E000}", &["repertoire"]);
    c.text("emoji in 半角数字, length kept", L::R2, "/body/0/care_insure_provider_number", "13101😀", &["repertoire"]);
    c.text("𠮷 as 成功's stand-in", L::R2, "/result", "𠮷", &["code"]);
    c.text("emoji in 半角文字", L::R1, "/presigned_url", "https://example.com/😀", &["repertoire"]);
    c.text("𠮷 and a tab: both reported", L::R2, "/result_detail", "𠮷\t", &["repertoire", "chars"]);
    c.raw(
        "𠮷 written as a surrogate-pair escape",
        L::Q1,
        "/care_insure_provider_number",
        br#""13101\ud842\udfb7""#,
        &["repertoire"],
    );
    c.text("emoji in the 自治体トークン", L::H2, "/Authorization", "Bearer tok😀", &["repertoire"]);
    c.text(
        "𠮷 in the header 介護保険者番号 (no データ型)",
        L::H1,
        "/care_insure_provider_number",
        "𠮷",
        &["repertoire"],
    );
    c.run(12);
}

/// NUL, BEL, DEL, NEL, line breaks and tabs.
#[test]
fn control_characters() {
    let mut c = Cases::default();
    c.raw("escaped NUL in 全半角文字", L::R2, "/result_detail", br#""\u0000""#, &["chars"]);
    c.raw("escaped NUL in 半角数字", L::Q1, "/care_insure_provider_number", br#""13101\u0000""#, &["chars"]);
    c.raw("escaped BEL in 半角数字", L::Q1, "/care_insure_provider_number", br#""13101\u0007""#, &["chars"]);
    c.text("DEL in 半角文字", L::R1, "/presigned_url", "https://example.com/\u{7F}", &["chars"]);
    c.text("DEL in 全半角文字", L::R2, "/result_detail", "a\u{7F}", &["chars"]);
    c.text("NEL (U+0085) in 全半角文字", L::R2, "/result_detail", "abc\u{85}", &["repertoire"]);
    c.text("NEL (U+0085) in 半角文字", L::R1, "/presigned_url", "https://example.com/\u{85}", &["repertoire"]);
    c.text("tab in 全半角文字", L::R2, "/result_detail", "a\tb", &["chars"]);
    c.text("CR LF in 全半角文字", L::R2, "/result_detail", "一行目\r\n二行目", &[]);
    c.text("LF in 半角文字", L::R1, "/presigned_url", "https://example.com/\n", &["chars"]);
    c.text("LF after a 固定長 code", L::R2, "/result", "成功\n", &["code"]);
    c.text("LF in 半角英数字 (length 10)", L::R2, "/file_if_id", "IFI601040\n", &["chars", "length"]);
    c.text("U+2028 line separator in 全半角文字", L::R2, "/result_detail", "a\u{2028}b", &["repertoire"]);
    c.doc("raw BEL byte inside a JSON string", L::R2, raw(L::R2, "/result_detail", b"\"a\x07b\""), &[("", "syntax")]);
    c.doc(
        "raw NUL byte inside a JSON string",
        L::Q1,
        raw(L::Q1, "/care_insure_provider_number", b"\"13101\x00\""),
        &[("", "syntax")],
    );
    c.doc("raw tab byte inside a JSON string", L::R2, raw(L::R2, "/result_detail", b"\"a\tb\""), &[("", "syntax")]);
    // Items the spec gives no データ型 take any character of the repertoire, control characters included.
    c.raw("escaped NUL in the 自治体トークン (no データ型)", L::H2, "/Authorization", br#""Bearer \u0000""#, &[]);
    c.text("U+3000 in the 自治体トークン", L::H1, "/Authorization", "Bearer\u{3000}tok", &[]);
    c.run(15);
}

/// The byte-order mark, inside values and before the document.
#[test]
fn byte_order_marks() {
    let mut c = Cases::default();
    c.text("U+FEFF before text in 全半角文字", L::R2, "/result_detail", "\u{FEFF}エラー", &["repertoire"]);
    c.text(
        "U+FEFF inside 半角数字 (6 characters)",
        L::Q1,
        "/care_insure_provider_number",
        "131\u{FEFF}11",
        &["repertoire"],
    );
    c.text(
        "U+FEFF before 6 digits (7 characters)",
        L::Q1,
        "/care_insure_provider_number",
        "\u{FEFF}131011",
        &["repertoire", "length"],
    );
    c.text("U+FEFF after 成功", L::R2, "/result", "成功\u{FEFF}", &["code"]);
    c.text("U+FEFF before application/json", L::H2, "/Content-Type", "\u{FEFF}application/json", &["fixed"]);
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(bytes(&base(L::Q1)));
    c.doc("UTF-8 BOM before the document (request)", L::Q1, with_bom, &[("", "syntax")]);
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(bytes(&base(L::R2)));
    c.doc("UTF-8 BOM before the document (response)", L::R2, with_bom, &[("", "syntax")]);
    c.doc(
        "UTF-8 BOM between tokens",
        L::Q1,
        b"{\xEF\xBB\xBF\"care_insure_provider_number\":\"131011\"}".to_vec(),
        &[("", "syntax")],
    );
    c.run(8);
}

/// Values of a megabyte, and values one past 桁数.
#[test]
fn long_values() {
    let mut c = Cases::default();
    c.text(
        "1 MB of digits in 半角数字 (6, 固定長)",
        L::Q1,
        "/care_insure_provider_number",
        &"1".repeat(MB),
        &["length"],
    );
    c.text("1 MB of ASCII in 全半角文字 (150)", L::R2, "/result_detail", &"a".repeat(MB), &["length"]);
    c.text("1 MB of あ in 全半角文字 (150)", L::R2, "/result_detail", &"あ".repeat(MB / 3), &["length"]);
    c.text("1 MB in 半角文字 (200)", L::R1, "/presigned_url", &"h".repeat(MB), &["length"]);
    c.text("1 MB in a code-list item", L::R2, "/result", &"成功".repeat(MB / 6), &["code"]);
    c.text("1 MB of 𠮷 in 全半角文字", L::R2, "/result_detail", &"𠮷".repeat(MB / 4), &["repertoire", "length"]);
    c.text("1 MB in a body record", L::R2, "/body/1/care_insurer_number", &"9".repeat(MB), &["length"]);
    c.text("1 MB in the 自治体トークン (no 桁数)", L::H1, "/Authorization", &"t".repeat(MB), &[]);
    c.text("1 MB in Content-Type", L::H2, "/Content-Type", &"application/json".repeat(MB / 16), &["fixed"]);
    c.value("1 MB in a member no item names", L::R2, "/x-unknown", Value::String("a".repeat(MB)), &[]);
    c.text("150 full-width characters (at 桁数)", L::R2, "/result_detail", &"あ".repeat(150), &[]);
    c.text("151 full-width characters", L::R2, "/result_detail", &"あ".repeat(151), &["length"]);
    c.text("150 characters ending in CR LF", L::R2, "/result_detail", &format!("{}\r\n", "a".repeat(148)), &[]);
    c.text("200 characters of URL (at 桁数)", L::R1, "/presigned_url", &"u".repeat(200), &[]);
    c.text("201 characters of URL", L::R1, "/presigned_url", &"u".repeat(201), &["length"]);
    c.text("7 digits (可変長 7)", L::R2, "/record_num", "1234567", &[]);
    c.text("8 digits (可変長 7)", L::R2, "/record_num", "12345678", &["length"]);
    c.text("5 digits (固定長 6)", L::Q1, "/care_insure_provider_number", "13101", &["length"]);
    c.text("10 characters of 半角英数字 (固定長 9)", L::R2, "/file_if_id", "IFI6010402", &["length"]);
    c.run(15);
}

/// Nesting far past any parser's recursion limit: an error, never a stack overflow.
#[test]
fn deep_nesting() {
    let mut c = Cases::default();
    let deep = nested_arrays(10_000);
    c.doc("10k levels of arrays as the document", L::Q1, deep.clone(), &[("", "syntax")]);
    c.doc(
        "10k levels of arrays as a text item",
        L::Q1,
        raw(L::Q1, "/care_insure_provider_number", &deep),
        &[("", "syntax")],
    );
    c.doc("10k levels of arrays as body", L::R2, raw(L::R2, "/body", &deep), &[("", "syntax")]);
    c.doc("10k levels of arrays as a body record", L::R2, raw(L::R2, "/body/1", &deep), &[("", "syntax")]);
    c.doc(
        "10k levels of objects as the 自治体トークン",
        L::H1,
        raw(L::H1, "/Authorization", &nested_objects(10_000)),
        &[("", "syntax")],
    );
    // serde_json skips a member no item names without recursing, so the typed path alone could read
    // this document; the untyped path (and any report of a violation elsewhere) cannot. The document is
    // rejected as a whole either way.
    c.doc("10k levels of arrays in a member no item names", L::Q1, raw(L::Q1, "/x-unknown", &deep), &[("", "syntax")]);
    // The same member beside a number where a string is due: typed decoding fails, the untyped
    // report cannot read the document, and the verdict is the syntax error alone.
    let mut doc = set(L::Q1, "/care_insure_provider_number", json!(131011));
    doc["x-unknown"] = Value::String(PLACEHOLDER.to_owned());
    let doc = bytes(&doc);
    let at = find(&doc, format!("\"{PLACEHOLDER}\"").as_bytes()).expect("placeholder");
    let doc = [&doc[..at], &deep[..], &doc[at + PLACEHOLDER.len() + 2..]].concat();
    c.doc("10k levels of arrays in a member no item names, beside a number", L::Q1, doc, &[("", "syntax")]);
    c.doc("100k levels of unclosed arrays", L::Q1, "[".repeat(100_000), &[("", "syntax")]);
    c.run(8);
}

/// A member given twice, at the top and inside body records.
#[test]
fn duplicate_members() {
    let mut c = Cases::default();
    c.doc(
        "top-level member twice, both valid",
        L::Q1,
        r#"{"care_insure_provider_number":"131011","care_insure_provider_number":"131012"}"#,
        &[("/care_insure_provider_number", "structure")],
    );
    c.doc(
        "top-level member twice, the first bad (the last is checked)",
        L::Q1,
        r#"{"care_insure_provider_number":"１３１０１１","care_insure_provider_number":"131011"}"#,
        &[("/care_insure_provider_number", "structure")],
    );
    c.doc(
        "top-level member twice, the last bad",
        L::Q1,
        r#"{"care_insure_provider_number":"131011","care_insure_provider_number":"13101x"}"#,
        &[("/care_insure_provider_number", "structure"), ("/care_insure_provider_number", "chars")],
    );
    c.doc(
        "top-level member twice, the first a number",
        L::Q1,
        r#"{"care_insure_provider_number":131011,"care_insure_provider_number":"131011"}"#,
        &[("/care_insure_provider_number", "structure")],
    );
    c.doc(
        "the same member spelt with an escape",
        L::Q1,
        r#"{"care_insure_provider_number":"131011","care\u005finsure_provider_number":"131011"}"#,
        &[("/care_insure_provider_number", "structure")],
    );
    c.doc(
        "an optional member twice",
        L::Q2,
        r#"{"care_insure_provider_number":"131011","care_insurer_number":"0000012345","care_insurer_number":"0000012345"}"#,
        &[("/care_insurer_number", "structure")],
    );
    c.doc(
        "a member twice inside the first body record",
        L::R2,
        r#"{"care_insure_provider_number":"131011","result":"成功","file_if_id":"IFI601040","record_num":"1",
            "body":[{"care_insure_provider_number":"131011","care_insurer_number":"0000012345",
                     "care_insurer_number":"0000012346","care_insurance_status":"1"}]}"#,
        &[("/body/0/care_insurer_number", "structure")],
    );
    c.doc(
        "a member twice inside the second body record, the last bad",
        L::R2,
        r#"{"care_insure_provider_number":"131011","result":"成功","file_if_id":"IFI601040","record_num":"2",
            "body":[{"care_insure_provider_number":"131011","care_insurer_number":"0000012345","care_insurance_status":"1"},
                    {"care_insure_provider_number":"131011","care_insurer_number":"0000012345","care_insurance_status":"1",
                     "care_insurance_end_date":"2025-04-01","care_insurance_end_date":"2025-02-29"}]}"#,
        &[("/body/1/care_insurance_end_date", "structure"), ("/body/1/care_insurance_end_date", "date")],
    );
    c.doc(
        "body given twice",
        L::R2,
        r#"{"care_insure_provider_number":"131011","result":"成功","file_if_id":"IFI601040","record_num":"0",
            "body":[],"body":[]}"#,
        &[("/body", "structure")],
    );
    c.doc(
        "result twice with both codes",
        L::R2,
        r#"{"care_insure_provider_number":"131011","result":"成功","result":"失敗","file_if_id":"IFI601040",
            "record_num":"0","body":[]}"#,
        &[("/result", "structure")],
    );
    c.doc(
        "the 自治体トークン twice",
        L::H2,
        r#"{"Content-Type":"application/json","Authorization":"Bearer a","Authorization":"Bearer b",
            "care_insure_provider_number":"131011"}"#,
        &[("/Authorization", "structure")],
    );
    c.run(10);
}

/// Numbers, booleans, null, arrays and objects where strings (or records) are due.
#[test]
fn wrong_json_types() {
    let mut c = Cases::default();
    let p = "/care_insure_provider_number";
    for number in ["0", "1.0", "-1", "-0", "1e3", "131011", "123456789012345678901234567890", "18446744073709551616"] {
        c.raw(&format!("the number {number} for 半角数字"), L::Q1, p, number.as_bytes(), &["type"]);
    }
    c.raw("true for 半角数字", L::Q1, p, b"true", &["type"]);
    c.raw("false for 全角文字", L::R2, "/result", b"false", &["type"]);
    c.raw("null for a required item", L::Q1, p, b"null", &["required"]);
    c.raw("null for an optional item", L::Q2, "/care_insurer_number", b"null", &[]);
    c.raw("null for an optional item of a record", L::R2, "/body/0/care_insurance_end_date", b"null", &[]);
    c.raw("an empty object for 半角数字", L::Q1, p, b"{}", &["type"]);
    c.raw("an array of the value for 半角数字", L::Q1, p, br#"["131011"]"#, &["type"]);
    c.raw("an empty array for 半角数字", L::Q1, p, b"[]", &["type"]);
    c.raw("a number for an optional item", L::Q2, "/care_insurer_number", b"12345", &["type"]);
    c.raw("a number in a body record", L::R2, "/body/0/care_insurance_status", b"1", &["type"]);
    c.raw("a number for a date", L::R2, "/body/1/care_insurance_end_date", b"20250401", &["type"]);
    c.raw("a number for the 自治体トークン", L::H1, "/Authorization", b"1234567890", &["type"]);
    c.raw("true for Content-Type", L::H2, "/Content-Type", b"true", &["type"]);
    c.raw("null for body (リスト 1..1)", L::R2, "/body", b"null", &["required"]);
    c.raw("an object for body", L::R2, "/body", br#"{"0":{}}"#, &["type"]);
    c.raw("a string for body", L::R2, "/body", br#""[]""#, &["type"]);
    c.raw("no records in body", L::R2, "/body", b"[]", &[]);
    c.raw("a number as a body record", L::R2, "/body/0", b"1", &["type"]);
    c.raw("null as a body record", L::R2, "/body/0", b"null", &["type"]);
    c.raw(
        "a body record written as an array of its values",
        L::R2,
        "/body/1",
        br#"["131016","1234567890","2"]"#,
        &["type"],
    );
    c.doc("body missing", L::R2, without(L::R2, "/body"), &[("/body", "required")]);
    c.doc(
        "an empty body record",
        L::R2,
        raw(L::R2, "/body/1", b"{}"),
        &[
            ("/body/1/care_insure_provider_number", "required"),
            ("/body/1/care_insurer_number", "required"),
            ("/body/1/care_insurance_status", "required"),
        ],
    );
    c.doc(
        "three numbers, reported in layout order",
        L::R2,
        r#"{"body":[{"care_insure_provider_number":"131011","care_insurer_number":12,"care_insurance_status":"1"}],
            "record_num":1,"care_insure_provider_number":131011,"result":"成功","file_if_id":"IFI601040"}"#,
        &[("/care_insure_provider_number", "type"), ("/record_num", "type"), ("/body/0/care_insurer_number", "type")],
    );
    c.doc(
        "a number beside a character violation: both reported",
        L::Q2,
        r#"{"care_insure_provider_number":131011,"care_insurer_number":"１"}"#,
        &[
            ("/care_insure_provider_number", "type"),
            ("/care_insurer_number", "chars"),
            ("/care_insurer_number", "length"),
        ],
    );
    c.doc("the document is null", L::Q1, "null", &[("", "type")]);
    c.doc("the document is an array of the values", L::Q1, r#"["131011"]"#, &[("", "type")]);
    c.doc("the document is a string", L::R2, r#""成功""#, &[("", "type")]);
    c.doc("the document is a number", L::H1, "0", &[("", "type")]);
    c.doc("the document is an empty object", L::Q1, "{}", &[("/care_insure_provider_number", "required")]);
    c.run(35);
}

/// Dates under `●書式 YYYY-MM-DD`: the calendar, and other ways of writing a date.
#[test]
fn dates() {
    let mut c = Cases::default();
    let p = "/body/0/care_insurance_end_date";
    let q = "/body/1/care_insurance_end_cancel_date";
    c.text("2024-02-29 (leap year)", L::R2, p, "2024-02-29", &[]);
    c.text("2025-02-29", L::R2, p, "2025-02-29", &["date"]);
    c.text("1900-02-29 (100-year rule)", L::R2, p, "1900-02-29", &["date"]);
    c.text("2000-02-29 (400-year rule)", L::R2, p, "2000-02-29", &[]);
    c.text("0000-00-00", L::R2, p, "0000-00-00", &["date"]);
    c.text("2025-13-01", L::R2, p, "2025-13-01", &["date"]);
    c.text("2025-04-31", L::R2, p, "2025-04-31", &["date"]);
    c.text("2025-00-10", L::R2, p, "2025-00-10", &["date"]);
    c.text("2025-04-00", L::R2, p, "2025-04-00", &["date"]);
    c.text("9999-12-31", L::R2, q, "9999-12-31", &[]);
    c.text("0001-01-01", L::R2, q, "0001-01-01", &[]);
    c.text("2025/04/01", L::R2, p, "2025/04/01", &["date"]);
    c.text("20250401", L::R2, p, "20250401", &["length", "date"]);
    c.text("2025-4-1", L::R2, p, "2025-4-1", &["length", "date"]);
    c.text("２０２５-０４-０１ (full-width digits)", L::R2, p, "２０２５-０４-０１", &["chars", "date"]);
    c.text("2025-04-01T00:00:00", L::R2, q, "2025-04-01T00:00:00", &["length", "date"]);
    c.text("2025-04-01 with a trailing space", L::R2, q, "2025-04-01 ", &["length", "date"]);
    c.text("2025-04-1 with a leading space", L::R2, q, " 2025-04-1", &["date"]);
    c.text("2025‐04‐01 with U+2010 hyphens", L::R2, p, "2025‐04‐01", &["chars", "date"]);
    c.text("2025−04−01 with U+2212 minus signs", L::R2, p, "2025−04−01", &["repertoire", "date"]);
    c.text("2025－04－01 with U+FF0D", L::R2, p, "2025－04－01", &["chars", "date"]);
    c.text("令和7年4月1日", L::R2, p, "令和7年4月1日", &["chars", "length", "date"]);
    c.text("+2025-04-1 (10 characters, sign)", L::R2, p, "+2025-04-1", &["date"]);
    c.text("an empty optional date", L::R2, q, "", &[]);
    c.run(20);
}

/// Empty strings, whitespace around values, and near misses of fixed values.
#[test]
fn empty_and_whitespace() {
    let mut c = Cases::default();
    c.text("empty 固定長 required item", L::Q1, "/care_insure_provider_number", "", &["required"]);
    c.text("empty 固定長 optional item", L::Q2, "/care_insurer_number", "", &[]);
    c.text("empty 固定長 item of a record", L::R2, "/body/0/care_insurer_number", "", &["required"]);
    c.text("empty 半角英数字 固定長", L::R2, "/file_if_id", "", &["required"]);
    c.text("empty code-list item", L::R2, "/result", "", &["required"]);
    c.text("empty Content-Type", L::H1, "/Content-Type", "", &["required"]);
    c.text("empty 自治体トークン", L::H2, "/Authorization", "", &["required"]);
    c.text("a single space for 固定長 6", L::Q1, "/care_insure_provider_number", " ", &["chars", "length"]);
    c.text("six spaces for 固定長 6", L::Q1, "/care_insure_provider_number", "      ", &["chars"]);
    c.text("trailing space", L::Q1, "/care_insure_provider_number", "131011 ", &["chars", "length"]);
    c.text("leading space", L::Q1, "/care_insure_provider_number", " 131011", &["chars", "length"]);
    c.text("trailing space after 成功", L::R2, "/result", "成功 ", &["code"]);
    c.text("space inside 成功", L::R2, "/result", "成 功", &["code"]);
    c.text("trailing space in 全半角文字", L::R2, "/result_detail", "エラー ", &[]);
    c.text("only a space in 全半角文字", L::R2, "/result_detail", " ", &[]);
    c.text("trailing space in Content-Type", L::H2, "/Content-Type", "application/json ", &["fixed"]);
    c.text("charset parameter in Content-Type", L::H2, "/Content-Type", "application/json; charset=UTF-8", &["fixed"]);
    c.text("upper-case Content-Type", L::H1, "/Content-Type", "Application/JSON", &["fixed"]);
    c.text("full-width solidus in Content-Type", L::H1, "/Content-Type", "application／json", &["fixed"]);
    c.text("成⼒ (U+2F12 Kangxi radical) for 成功", L::R2, "/result", "成⼒", &["code"]);
    // The header 介護保険者番号 has no データ型 or 桁数 in the spec: anything non-empty passes.
    c.text("full-width digits in the header 介護保険者番号", L::H1, "/care_insure_provider_number", "１２３", &[]);
    c.run(20);
}

/// Bytes that are not UTF-8, escapes that are not Unicode, and other documents that are not JSON.
#[test]
fn malformed_documents() {
    let mut c = Cases::default();
    let p = "/care_insure_provider_number";
    let syntax = &[("", "syntax")];
    c.doc("invalid UTF-8 byte in a value", L::Q1, raw(L::Q1, p, b"\"13101\xFF\""), syntax);
    c.doc("overlong UTF-8 encoding of '/'", L::Q1, raw(L::Q1, p, b"\"\xC0\xAF\""), syntax);
    c.doc("truncated UTF-8 sequence", L::Q1, raw(L::Q1, p, b"\"\xE3\x81\""), syntax);
    c.doc("UTF-8-encoded surrogate (CESU)", L::Q1, raw(L::Q1, p, b"\"\xED\xA0\x80\""), syntax);
    c.doc("成功 in Shift_JIS bytes", L::R2, raw(L::R2, "/result", b"\"\x90\xAC\x8C\xF7\""), syntax);
    c.doc("invalid UTF-8 in a member no item names", L::Q1, raw(L::Q1, "/x-unknown", b"\"\xFF\""), syntax);
    c.doc(
        "invalid UTF-8 in a member no item names, beside a number",
        L::Q1,
        b"{\"x-unknown\":\"\xFF\",\"care_insure_provider_number\":131011}".to_vec(),
        syntax,
    );
    c.doc("lone surrogate escape in a member no item names", L::Q1, raw(L::Q1, "/x-unknown", br#""\ud800""#), syntax);
    c.doc(
        "invalid UTF-8 in a member name",
        L::Q1,
        b"{\"\xFF\":\"x\",\"care_insure_provider_number\":\"131011\"}".to_vec(),
        syntax,
    );
    c.doc("lone leading surrogate escape", L::Q1, raw(L::Q1, p, br#""\ud800""#), syntax);
    c.doc("lone trailing surrogate escape", L::Q1, raw(L::Q1, p, br#""\udc00""#), syntax);
    c.doc("leading surrogate then a letter", L::R2, raw(L::R2, "/result_detail", br#""\ud800\u0041""#), syntax);
    c.doc("reversed surrogate pair", L::R2, raw(L::R2, "/result_detail", br#""\udfb7\ud842""#), syntax);
    c.doc("lone surrogate in the 自治体トークン", L::H2, raw(L::H2, "/Authorization", br#""tok\ud800""#), syntax);
    c.doc("invalid escape \\x", L::Q1, raw(L::Q1, p, br#""\x31""#), syntax);
    c.doc("single-quoted string", L::Q1, raw(L::Q1, p, b"'131011'"), syntax);
    c.doc("trailing comma", L::Q1, r#"{"care_insure_provider_number":"131011",}"#, syntax);
    c.doc("comment", L::Q1, r#"{"care_insure_provider_number":"131011"/* c */}"#, syntax);
    c.doc("NaN", L::Q1, raw(L::Q1, p, b"NaN"), syntax);
    c.doc("two documents", L::Q1, r#"{"care_insure_provider_number":"131011"}{}"#, syntax);
    c.doc("empty document", L::Q1, "", syntax);
    c.doc("whitespace only", L::Q1, " \n\t ", syntax);
    c.doc("truncated document", L::R2, &bytes(&base(L::R2))[..40], syntax);
    c.run(20);
}

/// Member names: the layout's keys are exact, and a name no item has is ignored.
#[test]
fn member_names() {
    let mut c = Cases::default();
    c.doc(
        "key in another case",
        L::Q1,
        r#"{"Care_Insure_Provider_Number":"131011"}"#,
        &[("/care_insure_provider_number", "required")],
    );
    c.doc(
        "key with a trailing space",
        L::Q1,
        r#"{"care_insure_provider_number ":"131011"}"#,
        &[("/care_insure_provider_number", "required")],
    );
    c.doc(
        "key in full-width letters",
        L::Q1,
        r#"{"ｃａｒｅ_insure_provider_number":"131011"}"#,
        &[("/care_insure_provider_number", "required")],
    );
    c.doc("key written with escapes", L::Q1, r#"{"care\u005finsure\u005Fprovider_number":"131011"}"#, &[]);
    c.doc(
        "header name in lower case (JSON keys are exact)",
        L::H1,
        r#"{"content-type":"application/json","Authorization":"Bearer a","care_insure_provider_number":"131011"}"#,
        &[("/Content-Type", "required")],
    );
    c.value("unknown member holding an object", L::R2, "/x", json!({"result": 1}), &[]);
    c.value("unknown member in a body record", L::R2, "/body/0/x", json!([null, true]), &[]);
    c.value("unknown member named like a JSON Pointer", L::Q1, "/~1body~00", json!(1), &[]);
    c.run(8);
}
