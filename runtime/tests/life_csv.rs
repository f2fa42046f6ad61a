//! The named-column CSV dialect (CSV連携仕様書(LIFE) v1.0, 4.2–4.4): line 1 the data type, line 2 the
//! item names, records from line 3; UTF-8 or MS932; `" "` deletes.

use ltcip_runtime::csv::{self, LineEnding, Reader, TextEncoding, Untyped, Writer};
use ltcip_runtime::serde::{Deserialize, Serialize};
use ltcip_runtime::{Layout, Mode, Validate};

/// SERVICE_USER_INFO (外部インターフェース項目一覧（LIFE） 1.00): 文字列 items quoted, 数値 bare.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
#[ltcip(csv(id = "SERVICE_USER_INFO"), name = "利用者情報")]
pub struct ServiceUser {
    #[ltcip(no = "1", name = "事業所番号", data_type = "半角数字", digits = 10, length = "固定長", quoted)]
    pub care_facility_id: String,
    #[ltcip(no = "2", name = "サービス種類コード", data_type = "半角数字", digits = 2, length = "固定長", quoted)]
    pub service_code: String,
    #[ltcip(no = "3", name = "外部システム管理番号", data_type = "半角文字", digits = 150, quoted)]
    pub external_system_management_number: String,
    #[ltcip(no = "4", name = "保険者番号", data_type = "半角数字", digits = 6, length = "固定長", quoted)]
    pub insurer_no: String,
    #[ltcip(no = "5", name = "被保険者番号", data_type = "半角英数字", digits = 10, length = "固定長", quoted)]
    pub insured_no: String,
    #[ltcip(no = "6", name = "利用者姓", data_type = "全半角文字", digits = 30, quoted)]
    pub last_name: String,
    #[ltcip(no = "7", name = "利用者名", data_type = "全半角文字", digits = 30, quoted)]
    pub first_name: String,
    #[ltcip(no = "8", name = "利用者姓半角カナ", occurs = "0..1", data_type = "半角文字", digits = 30, quoted)]
    pub last_name_kana: Option<String>,
    #[ltcip(no = "9", name = "利用者名半角カナ", occurs = "0..1", data_type = "半角文字", digits = 30, quoted)]
    pub first_name_kana: Option<String>,
    #[ltcip(no = "10", name = "利用者性別", data_type = "数値", digits = 1, codes("1", "2"))]
    pub gender: String,
    #[ltcip(no = "11", name = "利用者生年月日", data_type = "半角数字", digits = 8, date = "YYYYMMDD", quoted)]
    pub birthday: String,
    #[ltcip(
        no = "12",
        name = "認定日",
        occurs = "0..1",
        data_type = "半角数字",
        digits = 8,
        date = "YYYYMMDD",
        quoted
    )]
    pub certified_date: Option<String>,
    #[ltcip(
        no = "13",
        name = "利用者介護認定年月日（開始）",
        occurs = "0..1",
        data_type = "半角数字",
        digits = 8,
        date = "YYYYMMDD",
        quoted
    )]
    pub care_period_start: Option<String>,
    #[ltcip(
        no = "14",
        name = "利用者介護認定年月日（終了）",
        occurs = "0..1",
        data_type = "半角数字",
        digits = 8,
        date = "YYYYMMDD",
        quoted
    )]
    pub care_period_end: Option<String>,
    #[ltcip(
        no = "15",
        name = "要介護度",
        data_type = "半角数字",
        digits = 2,
        codes("01", "06", "11", "12", "13", "21", "22", "23", "24", "25"),
        quoted
    )]
    pub care_level: String,
    #[ltcip(
        no = "16",
        name = "障害高齢者の日常生活自立度",
        occurs = "0..1",
        data_type = "半角数字",
        digits = 1,
        codes("1", "2", "3", "4", "5", "6", "7", "8", "9"),
        quoted
    )]
    pub impaired_elderly_independence_degree: Option<String>,
    #[ltcip(
        no = "17",
        name = "認知症高齢者の日常生活自立度",
        occurs = "0..1",
        data_type = "半角数字",
        digits = 1,
        codes("1", "2", "3", "4", "5", "6", "7", "8"),
        quoted
    )]
    pub dementia_elderly_independence_degree: Option<String>,
    #[ltcip(
        no = "18",
        name = "利用開始日（入所日）",
        occurs = "0..1",
        data_type = "半角数字",
        digits = 8,
        date = "YYYYMMDD",
        quoted
    )]
    pub start_date: Option<String>,
    #[ltcip(
        no = "19",
        name = "利用終了日（退所日）",
        occurs = "0..1",
        data_type = "半角数字",
        digits = 8,
        date = "YYYYMMDD",
        quoted
    )]
    pub end_date: Option<String>,
    #[ltcip(
        no = "20",
        name = "死亡日",
        occurs = "0..1",
        data_type = "半角数字",
        digits = 8,
        date = "YYYYMMDD",
        quoted
    )]
    pub death_date: Option<String>,
    #[ltcip(no = "21", name = "備考", occurs = "0..1", data_type = "全半角文字", digits = 200, quoted)]
    pub remarks: Option<String>,
}

/// The help desk's sample: MS932, LF, the last line without a line end, 10 of the 21 columns.
const SAMPLE: &str = "SERVICE_USER_INFO\n\
care_facility_id,service_code,external_system_management_number,insurer_no,insured_no,last_name,first_name,gender,birthday,care_level\n\
\"9999999999\",\"99\",\"1\",\"999999\",\"9999999999\",\"厚労\",\"太郎\",1,\"19550401\",\"23\"";

fn ms932(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable, "{text}");
    bytes.into_owned()
}

/// A typed row and an untyped one read the same: the same record texts, or the same fields as read
/// for a row without a record.
fn same_row<T: csv::Record + std::fmt::Debug>(typed: &csv::Row<T>, untyped: &csv::Row<Vec<String>>) {
    match (typed.record(), untyped.record()) {
        (Ok(record), Ok(untyped)) => {
            let mut texts = Vec::new();
            csv::Record::for_each_column(record, &mut |t| texts.push(t.to_owned()));
            assert_eq!(&texts, untyped, "line {}", typed.line());
        }
        (Err(typed_why), Err(untyped_why)) => assert_eq!(typed_why, untyped_why),
        other => panic!("line {}: {other:?}", typed.line()),
    }
    let fields = |row: Option<csv::RowFields<'_>>| row.map(|fields| fields.map(str::to_owned).collect::<Vec<_>>());
    assert_eq!(fields(typed.fields()), fields(untyped.fields()), "line {}", typed.line());
}

/// (line, column, 項番, rule code) of every violation of every row, and the header's.
type Found = Vec<(u64, Option<usize>, String, &'static str)>;

fn found_in<T>(rows: &[csv::Row<T>]) -> Found {
    rows.iter()
        .flat_map(|row| row.violations())
        .map(|v| (v.line(), v.column(), v.item_no().to_owned(), v.rule().code()))
        .collect()
}

fn read(bytes: &[u8]) -> (Vec<csv::Row<ServiceUser>>, Found) {
    let rows: Vec<_> = Reader::<_, ServiceUser>::new(bytes).map(Result::unwrap).collect();
    let found = found_in(&rows);
    (rows, found)
}

fn v(line: u64, column: Option<usize>, no: &str, code: &'static str) -> (u64, Option<usize>, String, &'static str) {
    (line, column, no.to_owned(), code)
}

#[test]
fn the_help_desk_sample_reads_clean() {
    let bytes = ms932(SAMPLE);
    let mut reader = Reader::<_, ServiceUser>::new(&bytes[..]);
    let rows: Vec<_> = reader.by_ref().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(found_in(&rows), Found::new(), "{:?}", rows[0].violations());
    let record = rows[0].record().unwrap();
    assert_eq!(rows[0].line(), 3);
    assert_eq!(record.last_name, "厚労");
    assert_eq!(record.gender, "1");
    assert_eq!(record.care_level, "23");
    assert_eq!(record.remarks, None);
    assert_eq!(reader.encoding(), Some(TextEncoding::Ms932));
    assert_eq!(reader.line_ending(), Some(LineEnding::Lf));
    assert_eq!(
        reader.columns().unwrap(),
        [
            "care_facility_id",
            "service_code",
            "external_system_management_number",
            "insurer_no",
            "insured_no",
            "last_name",
            "first_name",
            "gender",
            "birthday",
            "care_level"
        ]
    );
    assert!(reader.header_violations().is_empty());
    // Written back with the reader's columns, encoding and line ending: the same bytes, plus the
    // line end the sample's last line lacks.
    let mut writer = Writer::new(Vec::new())
        .columns(reader.columns().unwrap())
        .encoding(reader.encoding().unwrap())
        .line_ending(reader.line_ending().unwrap());
    writer.write(rows[0].record().unwrap()).unwrap();
    let mut expected = bytes.clone();
    expected.push(b'\n');
    assert_eq!(writer.finish().unwrap(), expected);
}

/// A form with the rules LIFE's forms add: 数値 with decimals, 範囲, HH and mm, ○ (required on final
/// import) and ● (required when other items hold some values).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
#[serde(crate = "ltcip_runtime::serde")]
#[ltcip(csv(id = "FORM_TEST"), name = "テスト様式")]
pub struct Form {
    #[ltcip(no = "1", name = "事業所番号", data_type = "半角数字", digits = 10, length = "固定長", quoted)]
    pub care_facility_id: String,
    #[ltcip(no = "2", name = "施設／通所・居宅区分", data_type = "数値", digits = 1, codes("1", "2"))]
    pub facility_type: String,
    #[ltcip(no = "3", name = "経口摂取", occurs = "0..1", data_type = "数値", digits = 1, codes("0", "1", "2"))]
    pub oral_intake: Option<String>,
    #[ltcip(
        no = "4",
        name = "栄養補給法",
        occurs = "0..1",
        data_type = "全半角文字",
        digits = 20,
        quoted,
        required(mode = "final", when(facility_type = "1", oral_intake("1", "2")))
    )]
    pub nutrition: Option<String>,
    #[ltcip(
        no = "5",
        name = "身長",
        occurs = "0..1",
        data_type = "数値",
        digits = 3,
        decimals = 1,
        range = "0 ～ 300"
    )]
    pub height: Option<String>,
    #[ltcip(
        no = "6",
        name = "体重",
        occurs = "0..1",
        data_type = "数値",
        digits = 3,
        decimals = 1,
        required(mode = "final")
    )]
    pub weight: Option<String>,
    #[ltcip(
        no = "7",
        name = "開催時間（時）",
        occurs = "0..1",
        data_type = "半角数字",
        digits = 2,
        range = "0～23",
        date = "HH"
    )]
    pub hour: Option<String>,
    #[ltcip(no = "8", name = "開催時間（分）", occurs = "0..1", data_type = "半角数字", digits = 2, date = "mm")]
    pub minute: Option<String>,
}

const FORM_HEADER: &str =
    "FORM_TEST\r\ncare_facility_id,facility_type,oral_intake,nutrition,height,weight,hour,minute\r\n";

/// The violations of a form file, read typed and untyped (which agree). When line 2 names every
/// item, each record's violations are those its own validation finds in the same mode.
fn read_form(text: &str, mode: Mode) -> Found {
    let bytes = text.as_bytes();
    let mut reader = Reader::<_, Form>::new(bytes).mode(mode);
    let typed: Vec<_> = reader.by_ref().map(Result::unwrap).collect();
    let untyped: Vec<_> = Reader::<_, Untyped>::with_shape(bytes, Form::SHAPE).mode(mode).map(Result::unwrap).collect();
    assert_eq!(found_in(&typed), found_in(&untyped));
    for (typed, untyped) in typed.iter().zip(&untyped) {
        same_row(typed, untyped);
    }
    let every_column = reader.columns().is_some_and(|columns| columns.len() == Form::SHAPE.items.len());
    for row in typed.iter().filter(|_| every_column) {
        let Ok(record) = row.record() else { continue };
        let own: Vec<&str> = match record.validate_with(mode) {
            Ok(()) => Vec::new(),
            Err(errors) => errors.iter().map(|e| e.rule().code()).collect(),
        };
        let read: Vec<&str> =
            row.violations().iter().filter(|v| v.line() == row.line()).map(|v| v.rule().code()).collect();
        assert_eq!(own, read, "line {}", row.line());
    }
    found_in(&typed)
}

#[test]
fn numbers_ranges_hours_and_minutes() {
    let file = format!(
        "{FORM_HEADER}\
         \"1234567890\",2,,,170.5,60,09,30\r\n\
         \"1234567890\",2,,,170.55,60.0,24,60\r\n\
         \"1234567890\",2,,,1700,-1,9,5\r\n\
         \"1234567890\",2,,,301,60,-1,00\r\n\
         \"1234567890\",2,,,abc,60,x,59\r\n"
    );
    assert_eq!(
        read_form(&file, Mode::Final),
        [
            // 170.55: two decimals; 24 and 60: no hour, no minute.
            v(4, Some(5), "5", "number"),
            v(4, Some(7), "7", "date"),
            v(4, Some(7), "7", "range"),
            v(4, Some(8), "8", "date"),
            // 1700: four integer digits, above 300; 9 and 5: one digit.
            v(5, Some(5), "5", "number"),
            v(5, Some(5), "5", "range"),
            v(5, Some(7), "7", "date"),
            v(5, Some(8), "8", "date"),
            // 301: above 300; -1: not 半角数字, below 0, no hour.
            v(6, Some(5), "5", "range"),
            v(6, Some(7), "7", "chars"),
            v(6, Some(7), "7", "date"),
            v(6, Some(7), "7", "range"),
            // Not numbers at all.
            v(7, Some(5), "5", "number"),
            v(7, Some(5), "5", "range"),
            v(7, Some(7), "7", "chars"),
            v(7, Some(7), "7", "date"),
            v(7, Some(7), "7", "range"),
        ]
    );
}

#[test]
fn conditions_and_modes() {
    let file = format!(
        "{FORM_HEADER}\
         \"1234567890\",1,1,,170,60,,\r\n\
         \"1234567890\",1,0,,170,60,,\r\n\
         \"1234567890\",2,2,,170,60,,\r\n\
         \"1234567890\",1,2,\" \",170,60,,\r\n\
         \"1234567890\",1,2,\"経腸\",170,,,\r\n\
         \"1234567890\",1, ,,170,\" \",,\r\n"
    );
    assert_eq!(
        read_form(&file, Mode::Final),
        [
            // 施設 and 経口摂取 1: 栄養補給法 is required.
            v(3, Some(4), "4", "required"),
            // A deletion is Null: still required.
            v(6, Some(4), "4", "required"),
            // 体重 is required on 確定取込.
            v(7, Some(6), "6", "required"),
            // 経口摂取 deleted: the condition does not hold; 体重 deleted: required.
            v(8, Some(6), "6", "required"),
        ]
    );
    assert_eq!(read_form(&file, Mode::Draft), Found::new());
    assert_eq!(read_form(&file, Mode::default()), read_form(&file, Mode::Final));

    // The messages name the condition with the items' Japanese names, and the mode.
    let rows: Vec<_> = Reader::<_, Form>::new(file.as_bytes()).map(Result::unwrap).collect();
    let when = &rows[0].violations()[0];
    assert_eq!(when.message_ja(), "施設／通所・居宅区分＝1 かつ 経口摂取＝1または2の場合は必須です");
    assert_eq!(
        when.message_en(),
        "is required when 施設／通所・居宅区分＝1 かつ 経口摂取＝1または2, but absent or empty"
    );
    let final_only = &rows[4].violations()[0];
    assert_eq!(final_only.message_ja(), "確定取込時は必須です");
    assert_eq!(final_only.rule(), &ltcip_runtime::Rule::RequiredIn { mode: Mode::Final });
}

#[test]
fn items_missing_from_line_2() {
    // No 体重 (○) and no 栄養補給法 (●) column; 施設区分 (◎) is there.
    let file = "FORM_TEST\n\
                care_facility_id,facility_type,oral_intake\n\
                \"1234567890\",1,1\n\
                \"1234567890\",2,1\n";
    assert_eq!(
        read_form(file, Mode::Final),
        [
            // Reported once, at line 2, for the item: no column holds it.
            v(2, None, "6", "header"),
            // A condition depends on the record: reported where it holds, without a column.
            v(3, None, "4", "required"),
        ]
    );
    assert_eq!(read_form(file, Mode::Draft), Found::new());
    // An item required in every mode, missing: in every mode.
    let file = "FORM_TEST\ncare_facility_id\n\"1234567890\"\n";
    assert_eq!(read_form(file, Mode::Draft), [v(2, None, "2", "header")]);
    let reader = Reader::<_, Form>::new(file.as_bytes()).mode(Mode::Draft);
    let mut reader = reader;
    let row = reader.next().unwrap().unwrap();
    let header = &row.violations()[0];
    assert_eq!(header.item_name(), "施設／通所・居宅区分");
    assert_eq!(
        header.message_ja(),
        "ヘッダーが正しくありません: 2行目に必須項目「施設／通所・居宅区分」（facility_type）がありません"
    );
    assert_eq!(header.message_en(), "line 2 does not name the required item \"facility_type\"");
}

#[test]
fn line_1_holds_the_data_type() {
    let body = "care_facility_id,service_code,external_system_management_number,insurer_no,insured_no,last_name,first_name,gender,birthday,care_level\n\
                \"9999999999\",\"99\",\"1\",\"999999\",\"9999999999\",\"厚労\",\"太郎\",1,\"19550401\",\"23\"\n";
    for (first, ok) in [
        ("SERVICE_USER_INFO", true),
        ("\"SERVICE_USER_INFO\"", true),
        ("SERVICE_USER_INFO ", true),
        (" SERVICE_USER_INFO", true),
        ("SERVICE_USER_INFO,,,", true),
        ("SERVICE_USER_INFO,x", false),
        ("FORM_0000_2021", false),
        ("service_user_info", false),
        ("", false),
    ] {
        let (rows, found) = read(&ms932(&format!("{first}\n{body}")));
        let expected = if ok { Found::new() } else { vec![v(1, None, "", "header")] };
        assert_eq!(found, expected, "{first:?}");
        // Reading continues.
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].record().unwrap().last_name, "厚労");
    }
    let (rows, _) = read(&ms932(&format!("FORM_0000_2021\n{body}")));
    let header = &rows[0].violations()[0];
    assert_eq!(
        header.message_en(),
        "line 1 holds the data type \"FORM_0000_2021\"; this layout's is \"SERVICE_USER_INFO\""
    );
    assert_eq!(
        header.message_ja(),
        "ヘッダーが正しくありません: 1行目のデータ種別が「FORM_0000_2021」です（このレイアウトは「SERVICE_USER_INFO」）"
    );
}

#[test]
fn line_2_names_the_columns() {
    // Any order; an unknown name; a name given twice; 利用者生年月日 (◎) missing.
    let file = "SERVICE_USER_INFO\r\n\
                care_level,gender,nickname,care_facility_id,service_code,external_system_management_number,insurer_no,insured_no,last_name,first_name,gender\r\n\
                \"99\",3,\"zzz\",\"999999999X\",\"99\",\"1\",\"999999\",\"9999999999\",\"厚労\",\"太郎\",\"9\"\r\n\
                \"23\",1,\"zzz\",\"9999999999\",\"99\",\"1\",\"999999\",\"9999999999\",\"厚労\",\"太郎\"\r\n\
                \"23\",1,\"zzz\",\"9999999999\",\"99\",\"1\",\"999999\",\"9999999999\",\"厚労\",\"太郎\",\"1\"\r\n";
    let (rows, found) = read(&ms932(file));
    assert_eq!(
        found,
        [
            v(2, None, "11", "header"),
            v(2, Some(3), "", "header"),
            v(2, Some(11), "10", "header"),
            // Values at their file columns; those of the unknown and repeated columns are not read.
            v(3, Some(1), "15", "code"),
            v(3, Some(2), "10", "code"),
            v(3, Some(4), "1", "chars"),
            // Another number of fields than line 2 names: nothing else is checked.
            v(4, None, "", "columns"),
        ]
    );
    assert_eq!(rows[0].record().unwrap().care_level, "99");
    assert_eq!(rows[0].record().unwrap().gender, "3", "the first gender column is the one read");
    assert_eq!(rows[2].record().unwrap().birthday, "", "an item line 2 does not name reads as empty");
    let bytes = ms932(file);
    let mut reader = Reader::<_, ServiceUser>::new(&bytes[..]);
    let _ = reader.next();
    assert_eq!(reader.columns().unwrap().len(), 9, "the unknown and the repeated names are left out");
    assert_eq!(reader.columns().unwrap()[..2], ["care_level", "gender"]);
    assert_eq!(reader.header_violations().len(), 3);
    let columns = &rows[1].violations()[0];
    assert_eq!(columns.message_en(), "has 10 fields; line 2 names 11 columns");
    assert_eq!(columns.message_ja(), "項目数が10です（2行目の項目名は11個）");
    let unknown = &rows[0].violations()[1];
    assert!(unknown.message_en().contains("\"nickname\""), "{}", unknown.message_en());
    assert!(unknown.message_ja().contains("「nickname」"), "{}", unknown.message_ja());
}

#[test]
fn a_file_without_records_reports_its_header() {
    for (file, expected) in [
        ("", vec![v(1, None, "", "header")]),
        ("SERVICE_USER_INFO\n", vec![v(2, None, "", "header")]),
        ("SERVICE_USER_INFO", vec![v(2, None, "", "header")]),
        // A blank line 2 is one violation, not one per item it lacks.
        ("X\n\n", vec![v(1, None, "", "header"), v(2, None, "", "header")]),
        (
            "SERVICE_USER_INFO\ncare_facility_id\n",
            ["2", "3", "4", "5", "6", "7", "10", "11", "15"].iter().map(|no| v(2, None, no, "header")).collect(),
        ),
    ] {
        let mut reader = Reader::<_, ServiceUser>::new(file.as_bytes());
        assert!(reader.next().is_none(), "{file:?}");
        let found: Found = reader
            .header_violations()
            .iter()
            .map(|v| (v.line(), v.column(), v.item_no().to_owned(), v.rule().code()))
            .collect();
        assert_eq!(found, expected, "{file:?}");
    }
}

#[test]
fn one_space_is_null_and_other_spaces_are_data() {
    let file = "SERVICE_USER_INFO\r\n\
                care_facility_id,service_code,external_system_management_number,insurer_no,insured_no,last_name,first_name,gender,birthday,care_level,last_name_kana,first_name_kana,certified_date,care_period_start,remarks\r\n\
                \"9999999999\",\"99\",\"1\",\"999999\",\"9999999999\",\" \",\"太郎\",1,\"19550401\",\"23\",\"　\",\"  \",\" \",\"  \",\" \"\r\n\
                \"9999999999\",\"99\",\"1\",\"999999\",\"9999999999\",\"厚労\",\"太郎\", ,\"19550401\",\"23\", ,,\"\",,\r\n";
    let (rows, found) = read(&ms932(file));
    assert_eq!(
        found,
        [
            // " " is Null: a required item's deletion is a violation, an optional one's is not.
            v(3, Some(6), "6", "required"),
            // A full-width space is a character, outside 半角文字.
            v(3, Some(11), "8", "chars"),
            // Two spaces are data: 半角文字 allows them, a date does not.
            v(3, Some(14), "13", "chars"),
            v(3, Some(14), "13", "date"),
            // A bare space is Null too.
            v(4, Some(8), "10", "required"),
        ]
    );
    // The records keep the deletions, so that the file is written back as it came.
    let record = rows[0].record().unwrap();
    assert_eq!(record.last_name, csv::DELETE);
    assert_eq!(record.certified_date.as_deref(), Some(" "));
    assert_eq!(record.first_name_kana.as_deref(), Some("  "));
    assert_eq!(record.remarks.as_deref(), Some(" "));
    assert_eq!(rows[1].record().unwrap().last_name_kana.as_deref(), Some(" "));
    assert_eq!(rows[1].record().unwrap().certified_date, None);
    // The record's own validation agrees: the derive marks every item of a named layout.
    let codes: Vec<&str> = record.validate().unwrap_err().iter().map(|e| e.rule().code()).collect();
    assert_eq!(codes, ["required", "chars", "chars", "date"]);
    assert!(ServiceUser::SHAPE.items.iter().all(|item| item.space_is_null));
}

#[test]
fn cr_alone_ends_lines() {
    let file = SAMPLE.replace('\n', "\r")
        + "\r\"9999999999\",\"99\",\"2\",\"999999\",\"9999999999\",\"厚労\",\"花子\",2,\"19550231\",\"23\"\r";
    let bytes = ms932(&file);
    let mut reader = Reader::<_, ServiceUser>::new(&bytes[..]);
    let rows: Vec<_> = reader.by_ref().map(Result::unwrap).collect();
    assert_eq!(found_in(&rows), [v(4, Some(9), "11", "date")]);
    assert_eq!(rows.iter().map(csv::Row::line).collect::<Vec<_>>(), [3, 4]);
    assert_eq!(reader.line_ending(), Some(LineEnding::Cr));
    // A record that ends its line otherwise is reported.
    let mixed = ms932(&SAMPLE.replace('\n', "\r\n"));
    let mut mixed = mixed;
    mixed.extend_from_slice(b"\n");
    mixed.extend_from_slice(&ms932(&SAMPLE.lines().nth(2).unwrap().replace("\"1\"", "\"2\"")));
    mixed.extend_from_slice(b"\r\n");
    let (_, found) = read(&mixed);
    assert_eq!(found, [v(3, None, "", "line_ending")]);
}

#[test]
fn utf8_with_and_without_a_byte_order_mark() {
    for (bom, prefix) in [(false, &b""[..]), (true, &b"\xEF\xBB\xBF"[..])] {
        let mut bytes = prefix.to_vec();
        bytes.extend_from_slice(SAMPLE.as_bytes());
        bytes.extend_from_slice(
            "\n\"9999999999\",\"99\",\"2\",\"999999\",\"9999999999\",\"𠮷野\",\"花子\",2,\"19550401\",\"23\"\n"
                .as_bytes(),
        );
        let mut reader = Reader::<_, ServiceUser>::new(&bytes[..]);
        let rows: Vec<_> = reader.by_ref().map(Result::unwrap).collect();
        // No byte-order mark violation in this dialect; 𠮷 is read, and is outside MS932.
        assert_eq!(found_in(&rows), [v(4, Some(6), "6", "repertoire")], "bom {bom}");
        assert_eq!(rows[0].record().unwrap().last_name, "厚労");
        assert_eq!(rows[1].record().unwrap().last_name, "𠮷野");
        assert_eq!(reader.encoding(), Some(TextEncoding::Utf8 { bom }));
    }
    // A file of ASCII alone has no encoding to tell.
    let ascii = "SERVICE_USER_INFO\ncare_facility_id\n\"9999999999\"\n";
    let mut reader = Reader::<_, ServiceUser>::new(ascii.as_bytes());
    while reader.next().is_some() {}
    assert_eq!(reader.encoding(), None);
}

#[test]
fn the_first_non_ascii_field_decides_the_encoding() {
    let header = "SERVICE_USER_INFO\ncare_facility_id,last_name,first_name\n";
    let mut bytes = header.as_bytes().to_vec();
    // Line 3 is UTF-8 (太郎); line 4 holds MS932 (厚労) and UTF-8 (花子).
    bytes.extend_from_slice("\"9999999999\",\"abc\",\"太郎\"\n".as_bytes());
    bytes.extend_from_slice(b"\"9999999999\",\"");
    bytes.extend_from_slice(&ms932("厚労"));
    bytes.extend_from_slice("\",\"花子\"\n".as_bytes());
    let mut reader = Reader::<_, ServiceUser>::new(&bytes[..]);
    let rows: Vec<_> = reader.by_ref().map(Result::unwrap).collect();
    assert_eq!(reader.encoding(), Some(TextEncoding::Utf8 { bom: false }));
    let found: Found = found_in(&rows).into_iter().filter(|f| f.1.is_some()).collect();
    assert_eq!(found, [v(4, Some(2), "6", "encoding")]);
    let bad = rows[1].violations().iter().find(|v| v.rule().code() == "encoding").unwrap();
    assert_eq!(
        bad.message_en(),
        "cannot be read as UTF-8: 0x8C 0xFA at byte 1 of the field is not UTF-8 (the file reads as UTF-8 from line 3)"
    );
    assert_eq!(
        bad.message_ja(),
        "UTF-8として読めません: 項目の1バイト目 0x8C 0xFA はUTF-8ではありません（このファイルは3行目からUTF-8として読んでいます）"
    );
    assert_eq!(rows[1].record().unwrap().first_name, "花子");

    // MS932 first: UTF-8 bytes that are not MS932 are reported as such.
    let mut bytes = header.as_bytes().to_vec();
    bytes.extend_from_slice(b"\"9999999999\",\"");
    bytes.extend_from_slice(&ms932("厚労"));
    bytes.extend_from_slice(b"\",\"x\"\n\"9999999999\",\"abc\",\"\xE3\x81\x82\"\n");
    let mut reader = Reader::<_, ServiceUser>::new(&bytes[..]);
    let rows: Vec<_> = reader.by_ref().map(Result::unwrap).collect();
    assert_eq!(reader.encoding(), Some(TextEncoding::Ms932));
    let bad: Vec<_> = rows.iter().flat_map(|r| r.violations()).filter(|v| v.rule().code() == "encoding").collect();
    assert_eq!(bad.len(), 1);
    assert_eq!((bad[0].line(), bad[0].column()), (4, Some(3)));
    assert!(
        bad[0].message_en().contains("is not MS932 (the file reads as MS932 from line 3)"),
        "{}",
        bad[0].message_en()
    );

    // Bytes valid in neither: the file reads as MS932, and the field is reported.
    let mut bytes = header.as_bytes().to_vec();
    bytes.extend_from_slice(b"\"9999999999\",\"a\x81\x7F\",\"x\"\n");
    let mut reader = Reader::<_, ServiceUser>::new(&bytes[..]);
    let rows: Vec<_> = reader.by_ref().map(Result::unwrap).collect();
    assert_eq!(reader.encoding(), Some(TextEncoding::Ms932));
    let bad: Vec<_> = rows.iter().flat_map(|r| r.violations()).filter(|v| v.rule().code() != "header").collect();
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(
        bad[0].message_en(),
        "cannot be read as MS932: 0x81 0x7F at byte 2 of the field is not MS932 (the file reads as MS932 from line 3)"
    );
    assert_eq!(rows[0].record().unwrap().last_name, "a\u{FFFD}\u{7F}");
}

/// Encodes `text` as a file of `encoding`.
fn encode(text: &str, encoding: TextEncoding) -> Vec<u8> {
    match encoding {
        TextEncoding::Ms932 => ms932(text),
        TextEncoding::Utf8 { bom } => {
            let mut bytes = if bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
            bytes.extend_from_slice(text.as_bytes());
            bytes
        }
    }
}

/// A conforming file (strings quoted, numbers bare, Null empty) read and written back with the
/// reader's columns, encoding and line ending is the same bytes: in every encoding, with every line
/// ending, with every column or a few in another order, with deletions.
#[test]
fn conforming_files_round_trip() {
    let every: Vec<&str> = ServiceUser::SHAPE.items.iter().map(|item| item.key).collect();
    let every_record = [
        "\"9999999999\",\"99\",\"1\",\"999999\",\"9999999999\",\"厚労\",\"太郎\",\"ｺｳﾛｳ\",\"ﾀﾛｳ\",1,\"19550401\",\"20200401\",\"20200401\",\"20230331\",\"23\",\"1\",\"2\",\"20200401\",,,\"備考, \"\"引用\"\"\"",
        "\"9999999999\",\"99\",\"2\",\"999999\",\"H999999999\",\"山田\",\"花子\",,,2,\"19600101\",\" \",,,\"01\",\" \",,,\" \",,\" \"",
    ];
    let subset = ["birthday", "last_name", "gender", "care_facility_id", "remarks", "care_level"];
    let subset_records = [
        "\"19550401\",\"厚労\",1,\"9999999999\",\"複数行の\r\n備考\",\"23\"",
        "\"19600101\",\"山田\",2,\"9999999999\",\" \",\"01\"",
    ];
    for (columns, records) in [(&every[..], &every_record[..]), (&subset[..], &subset_records[..])] {
        for encoding in [TextEncoding::Ms932, TextEncoding::Utf8 { bom: false }, TextEncoding::Utf8 { bom: true }] {
            for ending in [LineEnding::CrLf, LineEnding::Lf, LineEnding::Cr] {
                let end = std::str::from_utf8(ending.bytes()).unwrap();
                let mut text = format!("SERVICE_USER_INFO{end}{}{end}", columns.join(","));
                for record in records {
                    text.push_str(record);
                    text.push_str(end);
                }
                let bytes = encode(&text, encoding);
                let mut reader = Reader::<_, ServiceUser>::with_buffer(&bytes[..], 7);
                let rows: Vec<_> = reader.by_ref().map(Result::unwrap).collect();
                assert_eq!(rows.len(), 2);
                assert_eq!(reader.encoding(), Some(encoding));
                assert_eq!(reader.line_ending(), Some(ending));
                assert_eq!(reader.columns().unwrap(), columns);
                let mut writer = Writer::new(Vec::new())
                    .columns(reader.columns().unwrap())
                    .encoding(reader.encoding().unwrap())
                    .line_ending(reader.line_ending().unwrap());
                for row in &rows {
                    writer.write(row.record().unwrap()).unwrap();
                }
                let written = writer.finish().unwrap();
                assert_eq!(
                    String::from_utf8_lossy(&written),
                    String::from_utf8_lossy(&bytes),
                    "{encoding:?} {ending:?} {columns:?}"
                );
                assert_eq!(written, bytes);
            }
        }
    }
}

fn user() -> ServiceUser {
    ServiceUser {
        care_facility_id: "9999999999".into(),
        service_code: "99".into(),
        external_system_management_number: "1".into(),
        insurer_no: "999999".into(),
        insured_no: "9999999999".into(),
        last_name: "厚労".into(),
        first_name: "太郎".into(),
        last_name_kana: None,
        first_name_kana: Some(" ".into()),
        gender: "1".into(),
        birthday: "19550401".into(),
        certified_date: None,
        care_period_start: None,
        care_period_end: None,
        care_level: "23".into(),
        impaired_elderly_independence_degree: None,
        dementia_elderly_independence_degree: None,
        start_date: None,
        end_date: None,
        death_date: None,
        remarks: Some("a,b".into()),
    }
}

#[test]
fn the_writer_writes_the_header_first() {
    // Every item, in layout order: strings quoted, the number bare, Null empty, a deletion quoted.
    let mut writer = Writer::new(Vec::new()).encoding(TextEncoding::Utf8 { bom: false });
    writer.write(&user()).unwrap();
    let written = String::from_utf8(writer.finish().unwrap()).unwrap();
    let keys: Vec<&str> = ServiceUser::SHAPE.items.iter().map(|item| item.key).collect();
    assert_eq!(
        written,
        format!(
            "SERVICE_USER_INFO\r\n{}\r\n\"9999999999\",\"99\",\"1\",\"999999\",\"9999999999\",\"厚労\",\"太郎\",,\" \",1,\"19550401\",,,,\"23\",,,,,,\"a,b\"\r\n",
            keys.join(",")
        )
    );
    // The columns asked for, in their order; MS932 by default.
    let mut writer = Writer::new(Vec::new()).columns(&["gender", "last_name", "remarks"]).line_ending(LineEnding::Lf);
    writer.write(&user()).unwrap();
    writer.write(&user()).unwrap();
    assert_eq!(
        writer.finish().unwrap(),
        ms932("SERVICE_USER_INFO\ngender,last_name,remarks\n1,\"厚労\",\"a,b\"\n1,\"厚労\",\"a,b\"\n")
    );
    // A file of no records: the header alone, from a writer that knows the layout.
    let writer = Writer::with_shape(Vec::new(), ServiceUser::SHAPE)
        .columns(&["care_facility_id"])
        .encoding(TextEncoding::Utf8 { bom: true });
    assert_eq!(writer.finish().unwrap(), b"\xEF\xBB\xBFSERVICE_USER_INFO\r\ncare_facility_id\r\n");
}

#[test]
fn the_writer_refuses_what_it_cannot_write() {
    for keys in [&["gender", "nickname"][..], &["gender", "gender"]] {
        let mut out = Vec::new();
        let mut writer = Writer::new(&mut out).columns(keys);
        let error = writer.write(&user()).unwrap_err();
        assert!(matches!(error, csv::WriteError::Columns { .. }), "{error}");
        assert!(error.to_string().contains("\""), "{error}");
        drop(writer);
        assert!(out.is_empty(), "nothing written");
    }
    // 𠮷 is no MS932 character: refused at its file column, nothing of the record written.
    let mut record = user();
    record.first_name = "𠮷".into();
    let mut writer = Writer::new(Vec::new()).columns(&["gender", "first_name"]);
    writer.write(&user()).unwrap();
    match writer.write(&record).unwrap_err() {
        csv::WriteError::Unwritable { line, column, item_no, found, .. } => {
            assert_eq!((line, column, item_no.as_str(), found), (4, 2, "7", Some('𠮷')));
        }
        other => panic!("{other}"),
    }
    assert_eq!(writer.finish().unwrap(), ms932("SERVICE_USER_INFO\r\ngender,first_name\r\n1,\"太郎\"\r\n"));
    // UTF-8 writes it.
    let mut writer = Writer::new(Vec::new()).columns(&["first_name"]).encoding(TextEncoding::Utf8 { bom: false });
    writer.write(&record).unwrap();
    assert_eq!(writer.finish().unwrap(), "SERVICE_USER_INFO\r\nfirst_name\r\n\"𠮷\"\r\n".as_bytes());
}

/// A typed reader and an untyped one report the same violations on the same bytes, whatever the
/// buffer, and their records hold the same texts.
#[test]
fn untyped_rows_read_as_typed_rows() {
    let mut bytes = b"\xEF\xBB\xBFSERVICE_USER_INF0\r\n".to_vec();
    bytes.extend_from_slice(
        "gender,last_name,care_facility_id,nickname,birthday,remarks,gender,care_level,last_name_kana\r\n\
         3,\"𠮷\",\"123\",\"x\",\"20250229\",\"ok\",1,\"23\",\"ｶﾅ\"\r\n\
         1,\" \",\"9999999999\",\"x\",\"19550401\",\"a\"b\",1,\"99\",\"　\"\r\n\
         1,\"厚労\"\r\n\
         \r\n\
         2,\"山田\",\"9999999999\",\"x\",\"19550401\",\"複数\r\n行\",1,\"23\", \n\
         2,\"山田\",\"9999999999\",\"x\",\"19550401\",\"open,1,\"23\",\r\n"
            .as_bytes(),
    );
    bytes.extend_from_slice(b"1,\"\x81\x7F\",\"9999999999\",\"x\",\"19550401\",,1,\"23\",\r\n");
    let mut rules = Vec::new();
    for capacity in [1, 7, 64 * 1024] {
        let typed: Vec<_> = Reader::<_, ServiceUser>::with_buffer(&bytes[..], capacity).map(Result::unwrap).collect();
        let untyped: Vec<_> = Reader::<_, Untyped>::with_shape_and_buffer(&bytes[..], ServiceUser::SHAPE, capacity)
            .map(Result::unwrap)
            .collect();
        assert_eq!(typed.len(), untyped.len());
        for (typed, untyped) in typed.iter().zip(&untyped) {
            assert_eq!(typed.line(), untyped.line());
            assert_eq!(typed.violations(), untyped.violations(), "line {}", typed.line());
            same_row(typed, untyped);
        }
        // `next_row` lends the same rows.
        let mut reader = Reader::<_, ServiceUser>::with_buffer(&bytes[..], capacity);
        let mut index = 0;
        while let Some(row) = reader.next_row() {
            let row = row.unwrap();
            assert_eq!(row, &typed[index]);
            index += 1;
        }
        assert_eq!(index, typed.len());
        rules = found_in(&typed);
    }
    assert_eq!(
        rules,
        [
            v(1, None, "", "header"),
            // Missing from line 2: サービス種類コード, 外部システム管理番号, 保険者番号, 被保険者番号, 利用者名.
            v(2, None, "2", "header"),
            v(2, None, "3", "header"),
            v(2, None, "4", "header"),
            v(2, None, "5", "header"),
            v(2, None, "7", "header"),
            v(2, Some(4), "", "header"),
            v(2, Some(7), "10", "header"),
            v(3, Some(1), "10", "code"),
            v(3, Some(2), "6", "repertoire"),
            v(3, Some(3), "1", "length"),
            v(3, Some(5), "11", "date"),
            v(4, Some(2), "6", "required"),
            v(4, Some(6), "21", "quoting"),
            v(4, Some(8), "15", "code"),
            v(4, Some(9), "8", "chars"),
            v(5, None, "", "columns"),
            v(6, None, "", "columns"),
            v(7, None, "", "line_ending"),
            v(9, None, "", "columns"),
            v(9, Some(6), "21", "quoting"),
            v(10, Some(2), "6", "encoding"),
        ]
    );
}

/// A line larger than the record limit decides nothing about the file's encoding, however much of it
/// the reader's buffer holds: the same violations through a buffer that holds it whole and one that
/// does not (found by `parallel.rs`'s property: a part's reader saw less of the line than a reader of
/// the whole file).
#[test]
fn an_oversized_line_decides_no_encoding_whatever_the_buffer() {
    let file: &[u8] = b"SERVICE_USER_INFO\r\ncare_facility_id\r\n\"\xE3\x81\x82\xE3\x81\x82\xE3\x81\x82\xE3\x81\x82\xE3\x81\x82\",\r\n\"\x80\"\r\n";
    let read = |capacity: usize| -> Vec<csv::Violation> {
        Reader::<_, ServiceUser>::with_buffer(file, capacity)
            .max_record_bytes(16)
            .flat_map(|row| row.expect("a byte slice").violations().to_vec())
            .collect()
    };
    let whole = read(1 << 16);
    assert!(whole.iter().any(|v| v.rule().code() == "size"), "{whole:?}");
    for capacity in [1, 3, 8, 17, 64] {
        assert_eq!(read(capacity), whole, "a {capacity}-byte buffer");
    }
}
