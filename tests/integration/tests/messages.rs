//! Every message the runtime gives, pinned word for word: the Japanese and English message of every
//! rule (every `Rule` variant, and each form a variant's message takes), and how a violation displays
//! (JSON and CSV). A vendor shows these to users and may match on them, so a change of wording must be
//! a visible change of this file. Rule codes are pinned here too (`Rule::code()`).
//!
//! The rules are built directly (`ValidationError::new` on a hand-made `Item`), so each message is
//! pinned once whatever path produces it; `display` below checks that the paths produce them.

use ltcip_runtime::messages::Message;
use ltcip_runtime::{
    CharClass, DateFormat, Item, JsonType, Kind, LengthUnit, Mode, Occurs, Pointer, Range, Repertoire, Rule, Text,
    ValidationError,
};

const ITEM: Item<'static> =
    Item::new("09", "介護保険被保険者番号", "care_insurer_number", Occurs::REQUIRED, Kind::Text(Text::new()));
const SECRET: Item<'static> =
    Item::new("01", "自治体トークン", "municipality_token", Occurs::REQUIRED, Kind::Text(Text::new())).secret();

/// (code, Japanese, English) of `rule` on an ordinary item.
fn messages(rule: Rule) -> (&'static str, String, String) {
    messages_of(&ITEM, rule)
}

fn messages_of(item: &Item<'_>, rule: Rule) -> (&'static str, String, String) {
    let root = Pointer::Root;
    let error = ValidationError::new(item, &root.key(item.key), rule, Some("x"));
    (error.rule().code(), error.message_ja(), error.message_en())
}

fn pin(rule: Rule, code: &str, ja: &str, en: &str) {
    let shown = format!("{rule:?}");
    assert_eq!(messages(rule), (code_static(code), ja.to_owned(), en.to_owned()), "{shown}");
}

/// The rule codes, as `&'static str` for comparison.
fn code_static(code: &str) -> &'static str {
    const CODES: &[&str] = &[
        "required",
        "count",
        "type",
        "chars",
        "repertoire",
        "length",
        "fixed",
        "code",
        "date",
        "pattern",
        "number",
        "range",
        "structure",
        "syntax",
        "encoding",
        "columns",
        "quoting",
        "line_ending",
        "uniform",
        "header",
        "size",
        "empty",
    ];
    CODES.iter().copied().find(|c| *c == code).unwrap_or_else(|| panic!("{code} is not a rule code of the README"))
}

#[test]
fn required() {
    pin(
        Rule::Required,
        "required",
        "必須項目が設定されていません",
        "is required (出現回数 minimum 1) but absent or empty",
    );
    pin(
        Rule::RequiredIn { mode: Mode::Final },
        "required",
        "確定取込時は必須です",
        "is required on 確定取込 (final import) but absent or empty",
    );
    pin(
        Rule::RequiredIn { mode: Mode::Draft },
        "required",
        "仮取込時は必須です",
        "is required on 仮取込 (provisional import) but absent or empty",
    );
    pin(
        Rule::RequiredWhen {
            condition: "施設／通所・居宅区分＝1 かつ 経口摂取＝1または2".to_owned()
        },
        "required",
        "施設／通所・居宅区分＝1 かつ 経口摂取＝1または2の場合は必須です",
        "is required when 施設／通所・居宅区分＝1 かつ 経口摂取＝1または2, but absent or empty",
    );
}

#[test]
fn count() {
    pin(
        Rule::Count { min: 1, max: Some(1), found: 2 },
        "count",
        "要素数が2件です（出現回数 1..1）",
        "holds 2 elements; 出現回数 allows 1..1",
    );
    pin(
        Rule::Count { min: 1, max: None, found: 0 },
        "count",
        "要素数が0件です（出現回数 1..n）",
        "holds 0 elements; 出現回数 allows 1..n",
    );
}

#[test]
fn type_() {
    pin(
        Rule::Type { expected: JsonType::String, found: JsonType::Number },
        "type",
        "文字列であるべきところが数値です",
        "must be a string, found a number",
    );
    pin(
        Rule::Type { expected: JsonType::Array, found: JsonType::Object },
        "type",
        "配列であるべきところがオブジェクトです",
        "must be an array, found an object",
    );
    pin(
        Rule::Type { expected: JsonType::Object, found: JsonType::Boolean },
        "type",
        "オブジェクトであるべきところが真偽値です",
        "must be an object, found a boolean",
    );
    pin(
        Rule::Type { expected: JsonType::String, found: JsonType::Null },
        "type",
        "文字列であるべきところがnullです",
        "must be a string, found null",
    );
}

#[test]
fn chars() {
    pin(
        Rule::Chars { class: CharClass::HalfDigits, found: '１', position: 1 },
        "chars",
        "データ型「半角数字」に使えない文字「１」(U+FF11)が1文字目にあります",
        "contains '１' (U+FF11) at character 1, which 半角数字 (ASCII digits) does not allow",
    );
    pin(
        Rule::Chars { class: CharClass::HalfAlphanumeric, found: '-', position: 5 },
        "chars",
        "データ型「半角英数字」に使えない文字「-」(U+002D)が5文字目にあります",
        "contains '-' (U+002D) at character 5, which 半角英数字 (ASCII letters and digits) does not allow",
    );
    pin(
        Rule::Chars { class: CharClass::Half, found: '\t', position: 3 },
        "chars",
        "データ型「半角文字」に使えない文字制御文字 U+0009が3文字目にあります",
        "contains control character U+0009 at character 3, which 半角文字 (printable ASCII and half-width katakana) does not allow",
    );
    pin(
        Rule::Chars { class: CharClass::Full, found: 'ﾔ', position: 1 },
        "chars",
        "データ型「全角文字」に使えない文字「ﾔ」(U+FF94)が1文字目にあります",
        "contains 'ﾔ' (U+FF94) at character 1, which 全角文字 (characters that are double-byte in MS932) does not allow",
    );
    pin(
        Rule::Chars { class: CharClass::Mixed, found: '\u{7}', position: 2 },
        "chars",
        "データ型「全半角文字」に使えない文字制御文字 U+0007が2文字目にあります",
        "contains control character U+0007 at character 2, which 全半角文字 (half- and full-width characters) does not allow",
    );
    // A secret item's character is not shown.
    assert_eq!(
        messages_of(&SECRET, Rule::Chars { class: CharClass::HalfAlphanumeric, found: 'é', position: 4 }),
        (
            "chars",
            "データ型「半角英数字」に使えない文字が4文字目にあります（秘匿項目のため文字は表示しません）".to_owned(),
            "contains a character (not shown: the item is secret) at character 4, which 半角英数字 (ASCII letters and digits) does not allow"
                .to_owned()
        )
    );
}

#[test]
fn repertoire() {
    pin(
        Rule::Repertoire { repertoire: Repertoire::Ms932, found: '𠮷', position: 4 },
        "repertoire",
        "MS932で表せない文字「𠮷」(U+20BB7)が4文字目にあります",
        "contains '𠮷' (U+20BB7) at character 4, which cannot be written in MS932",
    );
    pin(
        Rule::Repertoire { repertoire: Repertoire::Ms932, found: '\u{E000}', position: 1 },
        "repertoire",
        "MS932で外字「\u{E000}」(U+E000)が1文字目にあります",
        "contains '\u{E000}' (U+E000) at character 1, which is a user-defined character (外字), not allowed in MS932",
    );
    pin(
        Rule::Repertoire { repertoire: Repertoire::JisX0213, found: '髙', position: 2 },
        "repertoire",
        "JIS X 0213で表せない文字「髙」(U+9AD9)が2文字目にあります",
        "contains '髙' (U+9AD9) at character 2, which cannot be written in JIS X 0213",
    );
    assert_eq!(
        messages_of(&SECRET, Rule::Repertoire { repertoire: Repertoire::Ms932, found: '𠮷', position: 1 }),
        (
            "repertoire",
            "MS932で表せない文字が1文字目にあります（秘匿項目のため文字は表示しません）".to_owned(),
            "contains a character (not shown: the item is secret) at character 1, which cannot be written in MS932"
                .to_owned()
        )
    );
}

#[test]
fn length() {
    pin(
        Rule::Length { digits: 10, fixed: true, unit: LengthUnit::Chars, found: 9 },
        "length",
        "桁数は10文字固定ですが9文字です",
        "must be exactly 10 characters (固定長), found 9",
    );
    pin(
        Rule::Length { digits: 6, fixed: false, unit: LengthUnit::Ms932Bytes, found: 8 },
        "length",
        "桁数は6バイト（MS932）以内ですが8バイト（MS932）です",
        "must be at most 6 MS932 bytes (可変長), found 8",
    );
    pin(
        Rule::Length { digits: 10, fixed: true, unit: LengthUnit::Ms932Bytes, found: 9 },
        "length",
        "桁数は10バイト（MS932）固定ですが9バイト（MS932）です",
        "must be exactly 10 MS932 bytes (固定長), found 9",
    );
    pin(
        Rule::Length { digits: 200, fixed: false, unit: LengthUnit::Chars, found: 201 },
        "length",
        "桁数は200文字以内ですが201文字です",
        "must be at most 200 characters (可変長), found 201",
    );
}

#[test]
fn fixed_code_date_pattern() {
    pin(Rule::Fixed { expected: "202407".to_owned() }, "fixed", "値は「202407」固定です", "must be \"202407\" (固定)");
    pin(
        Rule::Code { allowed: vec!["成功".to_owned(), "失敗".to_owned()] },
        "code",
        "値は「成功」「失敗」のいずれかです",
        "must be one of 「成功」「失敗」",
    );
    pin(
        Rule::Date { format: DateFormat::YyyyMmDd },
        "date",
        "書式YYYYMMDDの正しい日付・時刻ではありません",
        "is not a real date/time in the format YYYYMMDD",
    );
    pin(
        Rule::Date { format: DateFormat::YyyyMmDdHyphen },
        "date",
        "書式YYYY-MM-DDの正しい日付・時刻ではありません",
        "is not a real date/time in the format YYYY-MM-DD",
    );
    pin(
        Rule::Date { format: DateFormat::HhMm },
        "date",
        "書式HHMMの正しい日付・時刻ではありません",
        "is not a real date/time in the format HHMM",
    );
    pin(
        Rule::Pattern { pattern: "[0-9]{10}|H[0-9]{9}".to_owned() },
        "pattern",
        "形式（[0-9]{10}|H[0-9]{9}）に合いません",
        "does not match the pattern [0-9]{10}|H[0-9]{9}",
    );
}

#[test]
fn number_and_range() {
    pin(
        Rule::Number { integer: 1, fraction: 0 },
        "number",
        "1桁以内の整数ではありません（数値 1）",
        "must be a whole number of at most 1 digit (数値 1)",
    );
    pin(
        Rule::Number { integer: 3, fraction: 0 },
        "number",
        "3桁以内の整数ではありません（数値 3）",
        "must be a whole number of at most 3 digits (数値 3)",
    );
    pin(
        Rule::Number { integer: 3, fraction: 1 },
        "number",
        "整数部3桁以内・小数部1桁以内の数値ではありません（数値 3.1）",
        "must be a decimal number with at most 3 integer digits and 1 decimal (数値 3.1)",
    );
    pin(
        Rule::Number { integer: 1, fraction: 2 },
        "number",
        "整数部1桁以内・小数部2桁以内の数値ではありません（数値 1.2）",
        "must be a decimal number with at most 1 integer digit and 2 decimals (数値 1.2)",
    );
    pin(
        Rule::Range { range: Range::new(Some(0.0), Some(100.0)) },
        "range",
        "0～100の数値ではありません（範囲 0～100）",
        "must be a number from 0 to 100 (範囲 0～100)",
    );
    pin(
        Rule::Range { range: Range::new(Some(1.0), None) },
        "range",
        "1以上の数値ではありません（範囲 1～）",
        "must be a number of at least 1 (範囲 1～)",
    );
    pin(
        Rule::Range { range: Range::new(None, Some(-1.5)) },
        "range",
        "-1.5以下の数値ではありません（範囲 ～-1.5）",
        "must be a number of at most -1.5 (範囲 ～-1.5)",
    );
    pin(
        Rule::Range { range: Range::new(None, None) },
        "range",
        "数値ではありません（範囲 ～）",
        "must be a number (範囲 ～)",
    );
}

#[test]
fn structure_and_syntax() {
    pin(
        Rule::Structure { detail: Message::new("structure.duplicate_member").text("key", "body") },
        "structure",
        "レイアウトに合いません: メンバー「body」が2回以上あります（最後のものを検査します）",
        "does not match the layout: the member \"body\" is given more than once; the last one is checked",
    );
    pin(
        Rule::Syntax { line: 3, column: 14, detail: Message::new("json.expected_object_comma_or_end") },
        "syntax",
        "3行14桁目で構文が正しくありません: 「,」か「}」が必要です",
        "is not well-formed at line 3, column 14: expected `,` or `}`",
    );
}

#[test]
fn csv_rules() {
    pin(
        Rule::Encoding { detail: Message::new("encoding.bytes").text("bytes", "0x85 0x40").count("position", 3_u32) },
        "encoding",
        "MS932として読めません: 項目の3バイト目の0x85 0x40はMS932の文字ではありません",
        "cannot be read as MS932: 0x85 0x40 at byte 3 of the field is not MS932",
    );
    pin(
        Rule::Undecodable { encoding: "UTF-8", bytes: "0x82 0xA0".to_owned(), position: 3, decided_on: Some(4) },
        "encoding",
        "UTF-8として読めません: 項目の3バイト目 0x82 0xA0 はUTF-8ではありません（このファイルは4行目からUTF-8として読んでいます）",
        "cannot be read as UTF-8: 0x82 0xA0 at byte 3 of the field is not UTF-8 (the file reads as UTF-8 from line 4)",
    );
    pin(
        Rule::Undecodable { encoding: "UTF-8", bytes: "0xFF".to_owned(), position: 1, decided_on: None },
        "encoding",
        "UTF-8として読めません: 項目の1バイト目 0xFF はUTF-8ではありません（このファイルはUTF-8のBOMで始まっています）",
        "cannot be read as UTF-8: 0xFF at byte 1 of the field is not UTF-8 (the file starts with a UTF-8 byte-order mark)",
    );
    pin(
        Rule::Columns { expected: 25, found: 24 },
        "columns",
        "項目数が24です（レイアウトは25項目）",
        "has 24 fields; the layout has 25 items",
    );
    pin(
        Rule::HeaderColumns { expected: 11, found: 10 },
        "columns",
        "項目数が10です（2行目の項目名は11個）",
        "has 10 fields; line 2 names 11 columns",
    );
    pin(
        Rule::Quoting { detail: Message::new("quoting.unclosed") },
        "quoting",
        "ダブルクォーテーションの使い方が正しくありません: 開いたダブルクォーテーションがファイルの終わりまで閉じられていません",
        "is not quoted correctly: a quote is left open to the end of the file",
    );
    pin(
        Rule::LineEnding { expected: "CR LF", found: "LF" },
        "line_ending",
        "改行コードがLFです（ファイルの先頭レコードはCR LF）",
        "ends with LF; the file's first record ends with CR LF",
    );
    pin(
        Rule::Uniform { first_line: 1, first: "202504".to_owned() },
        "uniform",
        "ファイル内の全レコードで同じ値でなければなりません（1行目は「202504」）",
        "must be the same in every record of a file; line 1 has \"202504\"",
    );
    pin(
        Rule::header(Message::new("header.data_type").text("found", "X").text("id", "Y")),
        "header",
        "ヘッダーが正しくありません: 1行目のデータ種別が「X」です（このレイアウトは「Y」）",
        "line 1 holds the data type \"X\"; this layout's is \"Y\"",
    );
}

#[test]
fn file_encoding_and_limits() {
    pin(
        Rule::FileEncoding { found: "UTF-8", allowed: "MS932", column: Some(7) },
        "encoding",
        "ファイルがUTF-8で書かれているようです（7列目がUTF-8の文字です）。このレイアウトのファイルはMS932です。以降はUTF-8として読み、この指摘は繰り返しません",
        "the file looks like UTF-8 (column 7 holds UTF-8 text), but files of this layout are MS932; the rest of the file is read as UTF-8, and this is reported once",
    );
    pin(
        Rule::FileEncoding { found: "UTF-16LE", allowed: "UTF-8 or MS932", column: None },
        "encoding",
        "ファイルがUTF-16LEで書かれているようです（UTF-16LEのBOMで始まっています）。このレイアウトのファイルはUTF-8かMS932です。以降はUTF-16LEとして読み、この指摘は繰り返しません",
        "the file looks like UTF-16LE (it starts with a UTF-16LE byte-order mark), but files of this layout are UTF-8 or MS932; the rest of the file is read as UTF-16LE, and this is reported once",
    );
    pin(
        Rule::RecordTooLarge { limit: 1048576, open_quote: None },
        "size",
        "レコードが上限の1048576バイトを超えています。項目は保持も検査もせず、次の改行の後から読み直します",
        "is larger than the reader's limit of 1048576 bytes; its fields are not kept or checked, and reading resumes after the next line break",
    );
    pin(
        Rule::RecordTooLarge { limit: 1048576, open_quote: Some(7) },
        "size",
        "レコードが上限の1048576バイトを超えています（7列目で開いたダブルクォーテーションが閉じられていません）。項目は保持も検査もせず、次の改行の後から読み直します",
        "is larger than the reader's limit of 1048576 bytes (the quote opened in column 7 is still open: a quote left open makes the rest of the file one record); its fields are not kept or checked, and reading resumes after the next line break",
    );
    pin(
        Rule::ValueTooLarge { limit: 65536 },
        "size",
        "値が上限の65536バイトを超えています（値は保持せず、型のほかは検査しません）",
        "is larger than the limit of 65536 bytes: it is not held, and not checked beyond its type",
    );
    pin(
        Rule::TokenTooLong { limit: 65536, offset: 12 },
        "size",
        "12バイト目から始まる文字列または数値が上限の65536バイトを超えています（ここで読み取りを止めました）",
        "holds a string or number, starting at byte 12, longer than the limit of 65536 bytes; reading stopped there",
    );
    pin(
        Rule::UnknownMember { key: "nickname".to_owned() },
        "structure",
        "レイアウトにないメンバー「nickname」です",
        "is a member \"nickname\" that the layout does not name",
    );
    pin(
        Rule::EmptyOptional,
        "empty",
        "空文字列です（任意項目に値がないときは空文字列でなく、メンバーを省略するかnullにします）",
        "is an empty string; an optional item without a value is omitted (or null), not empty",
    );
}

/// What the reader and the decoder put into the details these messages carry, through the real
/// paths: a quote left open, a quote in an unquoted field, text after a closing quote; a line 1 and
/// a line 2 of a LIFE file; a member given twice.
#[test]
fn details_from_the_readers() {
    use ltcip_generated::{dltplan, service_user_info};
    // The `quoting` violations of a file, as (English, Japanese).
    let quoting = |text: &str| -> Vec<(String, String)> {
        dltplan::reader(text.as_bytes())
            .flat_map(|row| row.expect("in memory").violations().to_vec())
            .filter(|v| v.rule().code() == "quoting")
            .map(|v| (v.message_en(), v.message_ja()))
            .collect()
    };
    let pair = |en: &str, ja: &str| vec![(en.to_owned(), ja.to_owned())];
    assert_eq!(
        quoting("202407,131016,H123456789,\"202504\r\n"),
        pair(
            "is not quoted correctly: a quote is left open to the end of the file",
            "ダブルクォーテーションの使い方が正しくありません: 開いたダブルクォーテーションがファイルの終わりまで閉じられていません"
        )
    );
    assert_eq!(
        quoting("202407,131016,H1234\"6789,202504\r\n"),
        pair(
            "is not quoted correctly: a quote inside a field that does not start with one",
            "ダブルクォーテーションの使い方が正しくありません: ダブルクォーテーションで始まらない項目の中にダブルクォーテーションがあります"
        )
    );
    assert_eq!(
        quoting("202407,131016,\"H123456789\"x,202504\r\n"),
        pair(
            "is not quoted correctly: text between a closing quote and the next comma",
            "ダブルクォーテーションの使い方が正しくありません: 閉じたダブルクォーテーションと次のカンマの間に文字があります"
        )
    );

    let life = |text: &str| -> Vec<String> {
        let mut reader = service_user_info::reader(text.as_bytes());
        for row in reader.by_ref() {
            row.expect("in memory");
        }
        // The first four: the data type, an unknown name, a repeated name, the first required item lacking.
        reader.header_violations().iter().take(4).map(|v| format!("{} / {}", v.message_en(), v.message_ja())).collect()
    };
    assert_eq!(
        life("USER_INFO\r\ncare_facility_id,nickname,care_facility_id\r\n"),
        [
            "line 1 holds the data type \"USER_INFO\"; this layout's is \"SERVICE_USER_INFO\" / ヘッダーが正しくありません: 1行目のデータ種別が「USER_INFO」です（このレイアウトは「SERVICE_USER_INFO」）",
            "column 2 of line 2, \"nickname\", names no item of the layout; its values are ignored / ヘッダーが正しくありません: 2行目の2列目「nickname」はレイアウトにない項目名です（この列の値は読みません）",
            "column 3 of line 2 names \"care_facility_id\" again (first in column 1); its values are ignored / ヘッダーが正しくありません: 2行目の3列目「care_facility_id」は重複しています（最初は1列目、この列の値は読みません）",
            "line 2 does not name the required item \"service_code\" / ヘッダーが正しくありません: 2行目に必須項目「サービス種類コード」（service_code）がありません",
        ][..]
    );

    let twice = ltcip_runtime::json::from_str::<ltcip_generated::if_i6_01_04_02::Request>(
        r#"{"care_insure_provider_number": "131016", "care_insure_provider_number": "131016"}"#,
    )
    .expect_err("a member given twice");
    let error = twice.iter().next().expect("one");
    assert_eq!(
        (error.rule().code(), error.message_en(), error.message_ja()),
        (
            "structure",
            "does not match the layout: the member \"care_insure_provider_number\" is given more than once; the last one is checked"
                .to_owned(),
            "レイアウトに合いません: メンバー「care_insure_provider_number」が2回以上あります（最後のものを検査します）".to_owned()
        )
    );
}

/// How a violation displays: a JSON one (pointer, [項番 名称], code, English, the value, Japanese)
/// and a CSV one (line, column, [項番 名称], code, English, the value, Japanese).
#[test]
fn display() {
    let root = Pointer::Root;
    let body = root.key("body");
    let first = body.index(1);
    let at = first.key("care_insurer_number");
    let error = ValidationError::new(
        &ITEM,
        &at,
        Rule::Length { digits: 10, fixed: true, unit: LengthUnit::Chars, found: 9 },
        Some("123456789"),
    );
    assert_eq!(
        error.to_string(),
        "/body/1/care_insurer_number [09 介護保険被保険者番号] length: must be exactly 10 characters (固定長), found 9: \"123456789\" / 桁数は10文字固定ですが9文字です"
    );
    let eof = Message::new("json.eof_value");
    let document = ValidationError::document("", Rule::Syntax { line: 1, column: 2, detail: eof });
    assert_eq!(
        document.to_string(),
        "(document) syntax: is not well-formed at line 1, column 2: EOF while parsing a value / 1行2桁目で構文が正しくありません: 値があるべきところで文書が終わっています"
    );
    let typed = ValidationError::new(
        &ITEM,
        &at,
        Rule::Type { expected: JsonType::String, found: JsonType::Number },
        Some("12"),
    );
    assert_eq!(
        typed.to_string(),
        "/body/1/care_insurer_number [09 介護保険被保険者番号] type: must be a string, found a number: 12 / 文字列であるべきところが数値です"
    );
    let secret = ValidationError::new(&SECRET, &root.key("municipality_token"), Rule::Required, Some("tok"));
    assert_eq!(
        secret.to_string(),
        "/municipality_token [01 自治体トークン] required: is required (出現回数 minimum 1) but absent or empty / 必須項目が設定されていません"
    );

    let file = "202407,131016,H123456789,202513\r\n";
    let row = ltcip_generated::dltplan::reader(file.as_bytes()).next().expect("a row").expect("in memory");
    assert_eq!(
        row.violations()[0].to_string(),
        "line 1, column 4 [4 削除対象年月] date: is not a real date/time in the format YYYYMM: \"202513\" / 書式YYYYMMの正しい日付・時刻ではありません"
    );
    let columns =
        ltcip_generated::dltplan::reader(&b"202407,131016\r\n"[..]).next().expect("a row").expect("in memory");
    assert_eq!(
        columns.violations()[0].to_string(),
        "line 1 columns: has 2 fields; the layout has 4 items / 項目数が2です（レイアウトは4項目）"
    );

    let errors = ltcip_runtime::json::from_str::<ltcip_generated::if_i6_01_04_02::Request>("{}").expect_err("required");
    assert_eq!(
        errors.to_string(),
        "1 violation\n  /care_insure_provider_number [01 介護保険者番号] required: is required (出現回数 minimum 1) but absent or empty / 必須項目が設定されていません"
    );
}
