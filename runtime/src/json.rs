//! Decoding JSON payloads into generated types with a full report.
//!
//! `serde_json` stops at the first member it cannot place (a missing required member, a number where a
//! string is due). A vendor needs every violation at once, so when typed decoding fails the document is
//! read again as an untyped tree and checked item by item against the layout, by the same checks that
//! [`crate::Validate`] runs on a decoded value. The fast path (a well-formed document) pays nothing for
//! this.

mod duplicates;
mod objects_only;
pub mod stream;

use serde::Deserialize;
use serde_json::Value;

use crate::error::{JsonType, Rule, ValidationError, ValidationErrors};
use crate::item::{Item, Kind, Mode, Shape};
use crate::messages::Message;
use crate::pointer::Pointer;
use crate::validate::Layout;
use objects_only::ObjectsOnly;

/// Decodes and validates a JSON document. Every violation is reported: the layout's rules, missing
/// members, values of the wrong JSON type and malformed JSON alike.
///
/// Members the layout does not name are ignored (so that a newer spec adding members does not break an
/// older reader; [`from_slice_with_options`] with [`Options::strict`] reports them, for the payloads a
/// vendor sends); a member given twice is a violation (`structure`, at the member), and its last value
/// is the one checked. A layout, or a record of a リスト, must be a JSON object: an array of the values
/// is a `type` violation, though serde alone would accept it.
///
/// A type whose text fields are [`CowStr`](crate::CowStr) (generated with `TextType::Borrowed`)
/// borrows them from `bytes` wherever the JSON string has no escapes.
pub fn from_slice<'de, T: Layout + Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, ValidationErrors> {
    from_slice_with(bytes, Mode::Final)
}

/// [`from_slice`], checking in `mode` (which of the spec's 必須 marks apply, see [`Mode`]).
pub fn from_slice_with<'de, T: Layout + Deserialize<'de>>(bytes: &'de [u8], mode: Mode) -> Result<T, ValidationErrors> {
    match decode::<T>(bytes) {
        Ok(value) => {
            value.validate_with(mode)?;
            Ok(value)
        }
        Err(error) if error.is_data() => Err(explain::<T>(bytes, mode)),
        Err(error) => Err(syntax(&error).into()),
    }
}

/// How strictly a document is read: the lenient default ([`Options::default`], what [`from_slice`]
/// and [`check_slice`] do), or stricter, for the payloads a vendor sends ([`Options::strict`]).
///
/// A response from the service may carry members a newer spec added, so an older reader ignores
/// them. A request a vendor builds should carry exactly what the layout names: checked strictly
/// before it is sent, a member the layout does not name (a typo, a field of another version) is a
/// `structure` violation at its pointer ([`Rule::UnknownMember`]), and an empty string for an
/// optional item, which the service reads as absent, is an `empty` violation
/// ([`Rule::EmptyOptional`]) when the vendor wants optional items omitted rather than empty.
///
/// ```
/// use ltcip_runtime::json::{self, Options, Policy};
/// # use ltcip_runtime::{Validate, serde::{Deserialize, Serialize}};
/// # #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
/// # #[serde(crate = "ltcip_runtime::serde")]
/// # pub struct Request {
/// #     #[ltcip(no = "01", name = "介護保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
/// #     pub care_insure_provider_number: String,
/// #     #[ltcip(no = "02", name = "介護保険被保険者番号", occurs = "0..1", data_type = "半角数字", digits = 10)]
/// #     #[serde(default, skip_serializing_if = "Option::is_none")]
/// #     pub care_insurer_number: Option<String>,
/// # }
/// let body = br#"{"care_insure_provider_number": "131001", "care_insurer_number": "", "car_insurer": "1"}"#;
/// assert!(json::from_slice::<Request>(body).is_ok(), "lenient: both are fine");
/// let options = Options { unknown_members: Policy::Deny, empty_optional: Policy::Deny, ..Options::default() };
/// let errors = json::from_slice_with_options::<Request>(body, options).unwrap_err();
/// let found: Vec<(&str, &str)> = errors.iter().map(|e| (e.pointer(), e.rule().code())).collect();
/// assert_eq!(found, [("/care_insurer_number", "empty"), ("/car_insurer", "structure")]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Options {
    /// Which of the spec's 必須 marks apply (see [`Mode`]).
    pub mode: Mode,
    /// A member the layout does not name: ignored ([`Policy::Allow`], the default), or a `structure`
    /// violation at its pointer ([`Policy::Deny`]), after the violations of its object's items, in
    /// the order of the members' names.
    pub unknown_members: Policy,
    /// An empty string for an item that is not required (in `mode`): absent ([`Policy::Allow`], the
    /// default, as the spec's 「Null（空）」), or an `empty` violation ([`Policy::Deny`]). Elements of
    /// a repeated item are not concerned. An item required by a condition that holds is `required`
    /// as well.
    pub empty_optional: Policy,
}

/// Whether something is allowed ([`Options`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Policy {
    /// Allowed (the default).
    #[default]
    Allow,
    /// A violation.
    Deny,
}

impl Options {
    /// The strict reading, for the payloads a vendor sends: members the layout does not name and
    /// empty strings for optional items are violations; [`Mode::Final`].
    pub const fn strict() -> Self {
        Options { mode: Mode::Final, unknown_members: Policy::Deny, empty_optional: Policy::Deny }
    }

    /// The lenient default in `mode`.
    pub const fn in_mode(mode: Mode) -> Self {
        Options { mode, unknown_members: Policy::Allow, empty_optional: Policy::Allow }
    }

    /// Whether nothing beyond the lenient default is asked.
    const fn is_lenient(self) -> bool {
        matches!((self.unknown_members, self.empty_optional), (Policy::Allow, Policy::Allow))
    }
}

/// [`from_slice`] reading as `options` say (see [`Options`]); with [`Options::default`] it is
/// [`from_slice`], and under any options it gives the violations [`check_slice_with_options`] gives.
///
/// A strict reading checks the document item by item as an untyped tree first (what
/// [`check_slice`] does), and decodes it only when it breaks no rule: meant for the payloads a
/// vendor sends, small, rather than for large responses.
pub fn from_slice_with_options<'de, T: Layout + Deserialize<'de>>(
    bytes: &'de [u8],
    options: Options,
) -> Result<T, ValidationErrors> {
    if options.is_lenient() {
        return from_slice_with(bytes, options.mode);
    }
    check_untyped(T::SHAPE, bytes, options).into_result()?;
    match decode::<T>(bytes) {
        Ok(value) => {
            value.validate_with(options.mode)?;
            Ok(value)
        }
        // The tree breaks no rule, so typed decoding failed on something it does not model.
        Err(error) if error.is_data() => Err(structure::<T>(bytes).into()),
        Err(error) => Err(syntax(&error).into()),
    }
}

/// [`check_slice`] reading as `options` say (see [`Options`]); it agrees with
/// [`from_slice_with_options`] under the same options.
pub fn check_slice_with_options(shape: &Shape<'_>, bytes: &[u8], options: Options) -> Result<(), ValidationErrors> {
    check_untyped(shape, bytes, options).into_result()
}

/// [`from_slice`] for a `&str`.
pub fn from_str<'de, T: Layout + Deserialize<'de>>(text: &'de str) -> Result<T, ValidationErrors> {
    from_slice(text.as_bytes())
}

/// Checks an untyped JSON document against a layout, reporting every violation.
///
/// It gives the verdict [`from_slice`] gives on the same document, with one exception: a
/// [`Value`] keeps only the last of a member given twice, so the duplicate itself cannot be seen here.
pub fn check_value(shape: &Shape<'_>, value: &Value) -> Result<(), ValidationErrors> {
    check_value_with(shape, value, Mode::Final)
}

/// [`check_value`], checking in `mode` (which of the spec's 必須 marks apply, see [`Mode`]).
pub fn check_value_with(shape: &Shape<'_>, value: &Value, mode: Mode) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::with_mode(mode);
    check_object(shape, value, &Pointer::Root, &[], Options::in_mode(mode), &mut errors);
    errors.into_result()
}

/// Checks a JSON document, as bytes, against a layout known only at run time (`ltcip-codegen validate`
/// builds the [`Shape`] from a workbook), reporting every violation.
///
/// It gives the violations [`from_slice`] gives for a type whose [`Layout::SHAPE`] is `shape`, a
/// member given twice and malformed JSON included: it is what [`from_slice`] runs on a document typed
/// decoding rejected, and a document typed decoding accepts passes the same item checks. The one
/// difference: typed decoding can reject a document that breaks no item rule, which [`from_slice`]
/// reports as `structure` in serde's words. No generated layout can hold such a document (a `null`
/// inside a repeated text item with 最小 0 would be one: a `Vec<String>` cannot hold it, while the
/// untyped check counts it as absent).
pub fn check_slice(shape: &Shape<'_>, bytes: &[u8]) -> Result<(), ValidationErrors> {
    check_slice_with(shape, bytes, Mode::Final)
}

/// [`check_slice`], checking in `mode` (which of the spec's 必須 marks apply, see [`Mode`]); it agrees
/// with [`from_slice_with`] in the same mode.
pub fn check_slice_with(shape: &Shape<'_>, bytes: &[u8], mode: Mode) -> Result<(), ValidationErrors> {
    check_untyped(shape, bytes, Options::in_mode(mode)).into_result()
}

/// Parses a document as an untyped tree and checks it item by item: the whole of [`check_slice`], and
/// what [`from_slice`] does with a document typed decoding rejected, so that the two agree.
fn check_untyped(shape: &Shape<'_>, bytes: &[u8], options: Options) -> ValidationErrors {
    let parsed = match text(bytes) {
        Some(text) => serde_json::from_str::<Value>(text),
        None => serde_json::from_slice(bytes),
    };
    let value = match parsed {
        Ok(value) => value,
        Err(error) => return syntax(&error).into(),
    };
    // The tree has parsed, so this second pass cannot fail; if it did, no duplicate is reported
    // rather than a made-up error.
    let duplicates = duplicates::find(bytes).unwrap_or_default();
    let mut errors = ValidationErrors::with_mode(options.mode);
    check_object(shape, &value, &Pointer::Root, &duplicates, options, &mut errors);
    errors
}

/// Typed decoding, with layouts read from JSON objects only (see [`objects_only`]).
fn decode<'de, T: Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, serde_json::Error> {
    match text(bytes) {
        Some(text) => decode_from(serde_json::Deserializer::from_str(text)),
        None => decode_from(serde_json::Deserializer::from_slice(bytes)),
    }
}

fn decode_from<'de, R: serde_json::de::Read<'de>, T: Deserialize<'de>>(
    mut deserializer: serde_json::Deserializer<R>,
) -> Result<T, serde_json::Error> {
    let value = T::deserialize(ObjectsOnly(&mut deserializer))?;
    deserializer.end()?;
    Ok(value)
}

/// The document as text, if it is UTF-8 throughout.
///
/// Reading bytes, serde_json checks UTF-8 string by string; checking the whole document once and
/// reading it as text is about a fifth faster on a large response (a 139 MB response: 12 ms for the
/// check, 236 ms for the decode as text against 322 ms from the bytes). The verdict is serde_json's either way: a document that is not UTF-8 is
/// read as bytes, for serde_json's own error at the first bad byte.
fn text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

/// Finds every violation in a document that typed decoding rejected.
fn explain<'de, T: Layout + Deserialize<'de>>(bytes: &'de [u8], mode: Mode) -> ValidationErrors {
    let mut errors = check_untyped(T::SHAPE, bytes, Options::in_mode(mode));
    if errors.is_empty() {
        // The tree breaks no item rule, so typed decoding failed on something it does not model.
        // Let serde say where.
        errors.push(structure::<T>(bytes));
    }
    errors
}

fn structure<'de, T: Deserialize<'de>>(bytes: &'de [u8]) -> ValidationError {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let result: Result<T, _> = serde_path_to_error::deserialize(ObjectsOnly(&mut deserializer));
    let (pointer, detail) = match result {
        Err(error) => (path_to_pointer(error.path()), crate::messages::json_error(error.inner(), true)),
        Ok(_) => (String::new(), Message::new("structure.mismatch")),
    };
    ValidationError::document(pointer, Rule::Structure { detail })
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    let mut pointer = String::new();
    for segment in path.iter() {
        pointer.push('/');
        match segment {
            serde_path_to_error::Segment::Seq { index } => pointer.push_str(&index.to_string()),
            serde_path_to_error::Segment::Map { key } | serde_path_to_error::Segment::Enum { variant: key } => {
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            serde_path_to_error::Segment::Unknown => pointer.push('?'),
        }
    }
    pointer
}

fn syntax(error: &serde_json::Error) -> ValidationError {
    let detail = crate::messages::json_error(error, false);
    let rule = Rule::Syntax { line: error.line(), column: error.column(), detail };
    ValidationError::document(String::new(), rule)
}

/// `duplicates`: pointers of the members given twice (see [`duplicates::find`]); each is reported
/// where its item is checked, so that violations stay in layout order.
fn check_object(
    shape: &Shape<'_>,
    value: &Value,
    at: &Pointer<'_>,
    duplicates: &[String],
    options: Options,
    errors: &mut ValidationErrors,
) {
    let Value::Object(members) = value else {
        let rule = Rule::Type { expected: JsonType::Object, found: JsonType::of(value) };
        errors.push(ValidationError::document(at.to_string(), rule));
        return;
    };
    for item in shape.items {
        let at = at.key(item.key);
        if !duplicates.is_empty() && duplicates.contains(&at.to_string()) {
            let detail = Message::new("structure.duplicate_member").text("key", item.key);
            item.report(&at, Rule::Structure { detail }, None, errors);
        }
        match members.get(item.key) {
            None | Some(Value::Null) => item.check_absent(&at, errors),
            Some(value) => check_member(item, value, &at, duplicates, options, errors),
        }
    }
    if shape.has_conditions() {
        // As a derived `validate_at` does, after the items: each item's text, or what a value of
        // another type writes (a number 1 holds a clause on "1"; the type violation is reported
        // already, and the item is not absent).
        let texts: Vec<Option<std::borrow::Cow<'_, str>>> =
            shape.items.iter().map(|item| member_text(item, members.get(item.key))).collect();
        let texts: Vec<Option<&str>> = texts.iter().map(|text| text.as_deref()).collect();
        crate::check::check_conditions(shape.items, &texts, at, errors);
    }
    if options.unknown_members == Policy::Deny {
        // In the order of the names, whatever order the parsed object keeps them in.
        let mut unknown: Vec<&String> =
            members.keys().filter(|key| !shape.items.iter().any(|item| item.key == key.as_str())).collect();
        unknown.sort();
        for key in unknown {
            let rule = Rule::UnknownMember { key: key.clone() };
            errors.push(ValidationError::document(at.key(key).to_string(), rule));
        }
    }
}

/// The text a member holds for the conditions of [`crate::check_conditions`]: a string's, the JSON
/// of any other value but `null`; `None` for an absent member, `null`, a リスト or a repeated item.
pub(crate) fn member_text<'v>(item: &Item<'_>, value: Option<&'v Value>) -> Option<std::borrow::Cow<'v, str>> {
    if matches!(item.kind, Kind::List(_)) || item.is_array() {
        return None;
    }
    match value? {
        Value::Null => None,
        Value::String(text) => Some(std::borrow::Cow::Borrowed(text)),
        other => Some(std::borrow::Cow::Owned(other.to_string())),
    }
}

fn check_member(
    item: &Item<'_>,
    value: &Value,
    at: &Pointer<'_>,
    duplicates: &[String],
    options: Options,
    errors: &mut ValidationErrors,
) {
    if !item.is_array() {
        check_one(item, value, at, duplicates, options, errors);
        if options.empty_optional == Policy::Deny
            && matches!(value, Value::String(text) if text.is_empty())
            && !item.always_required(errors.mode())
        {
            item.report(at, Rule::EmptyOptional, None, errors);
        }
        return;
    }
    let Value::Array(elements) = value else {
        let rule = Rule::Type { expected: JsonType::Array, found: JsonType::of(value) };
        item.report(at, rule, None, errors);
        return;
    };
    item.check_count(elements.len(), at, errors);
    for (index, element) in elements.iter().enumerate() {
        check_one(item, element, &at.index(index), duplicates, options, errors);
    }
}

fn check_one(
    item: &Item<'_>,
    value: &Value,
    at: &Pointer<'_>,
    duplicates: &[String],
    options: Options,
    errors: &mut ValidationErrors,
) {
    match (&item.kind, value) {
        (Kind::Text(_), Value::String(text)) => item.check_text(text, at, errors),
        (Kind::Text(_), Value::Null) => item.check_absent(at, errors),
        (Kind::Text(_), other) => {
            let rule = Rule::Type { expected: JsonType::String, found: JsonType::of(other) };
            let shown = other.to_string();
            item.report(at, rule, Some(&shown), errors);
        }
        (Kind::List(shape), record @ Value::Object(_)) => check_object(shape, record, at, duplicates, options, errors),
        (Kind::List(_), other) => {
            // A record that is not an object belongs to the リスト item: name it rather than no item.
            let rule = Rule::Type { expected: JsonType::Object, found: JsonType::of(other) };
            item.report(at, rule, Some(&other.to_string()), errors);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::{check_slice, decode_from, from_slice};
    use crate::validate::Layout;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Validate)]
    #[serde(crate = "crate::serde")]
    struct Response {
        #[ltcip(no = "01", name = "取得結果", data_type = "全角文字", digits = 2, codes("成功", "失敗"))]
        result: String,
        #[ltcip(no = "02", name = "件数", occurs = "0..1", data_type = "半角数字", digits = 3)]
        #[serde(skip_serializing_if = "Option::is_none")]
        count: Option<String>,
        #[ltcip(no = "03", name = "ボディ部", data_type = "リスト")]
        body: Vec<ResponseBody>,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::Validate)]
    #[serde(crate = "crate::serde")]
    struct ResponseBody {
        #[ltcip(no = "04", name = "番号", data_type = "半角数字", digits = 6, length = "固定長")]
        number: String,
    }

    /// `check_slice` on the layout's shape says what `from_slice` says on the type, to the byte.
    #[test]
    fn check_slice_agrees_with_from_slice() {
        let texts = [
            r#"{"result": "成功", "body": [{"number": "123456"}]}"#,
            r#"{"result": "OK", "count": "1234", "body": [{"number": "12"}, {"number": 123456}]}"#,
            r#"{"result": "成功", "result": "失敗", "body": [{"number": "123456", "number": "1"}]}"#,
            r#"{"count": null, "body": null}"#,
            r#"{"result": "成功", "body": [["123456"]]}"#,
            r#"["成功", "", []]"#,
            r#"{"result": "成功", "body": []} trailing"#,
            r#"{"result": "成功", "body": [{"number": "123456"},]}"#,
            r#"{"result": "成功", "unknown": {"a": 1, "a": 2}, "body": []}"#,
            "\u{FEFF}{\"result\": \"成功\", \"body\": []}",
            "",
            "null",
        ];
        let bytes: [&[u8]; 2] = [b"{\"result\": \"\xFF\", \"body\": []}", b"{\"result\": \"\xE6\x88\", \"body\": []}"];
        for document in texts.iter().map(|t| t.as_bytes()).chain(bytes) {
            let typed = from_slice::<Response>(document).err();
            let untyped = check_slice(Response::SHAPE, document).err();
            assert_eq!(typed, untyped, "{}", String::from_utf8_lossy(document));
        }
        // Every cut of a document is malformed somewhere: the syntax errors agree too.
        let whole =
            r#"{"result": "成功", "count": "12", "body": [{"number": "123456"}, {"number": "654321"}]}"#.as_bytes();
        for cut in 0..whole.len() {
            let document = &whole[..cut];
            assert_eq!(
                from_slice::<Response>(document).err(),
                check_slice(Response::SHAPE, document).err(),
                "{}",
                String::from_utf8_lossy(document)
            );
        }
    }

    /// A UTF-8 document read as text gives what its bytes give: the same value, or the same error
    /// at the same place, for every cut and every one-character change of a document.
    #[test]
    fn text_and_bytes_read_alike() {
        let whole = r#"{"result": "成功", "count": "1\u0032", "body": [{"number": "１２３"}, {"number": "\ud83d\ude00"}], "x": [-1.5e3, true, null, {"y": "\"\\/\t"}]}"#;
        let mut documents: Vec<String> = Vec::new();
        for (at, _) in whole.char_indices() {
            documents.push(whole[..at].to_owned());
            for c in ['"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\u{1}', 'a', '0', 'é', '\u{FEFF}'] {
                documents.push(format!("{}{c}{}", &whole[..at], &whole[at..]));
            }
        }
        documents.push(whole.to_owned());
        let mut decoded = 0;
        for document in &documents {
            let as_text = decode_from::<_, Response>(serde_json::Deserializer::from_str(document));
            let as_bytes = decode_from::<_, Response>(serde_json::Deserializer::from_slice(document.as_bytes()));
            decoded += usize::from(as_text.is_ok());
            let (as_text, as_bytes) = (as_text.map_err(|e| e.to_string()), as_bytes.map_err(|e| e.to_string()));
            assert_eq!(as_text, as_bytes, "{document}");
            let as_text = serde_json::from_str::<serde_json::Value>(document).map_err(|e| e.to_string());
            let as_bytes = serde_json::from_slice::<serde_json::Value>(document.as_bytes()).map_err(|e| e.to_string());
            assert_eq!(as_text, as_bytes, "{document}");
        }
        // Some changes leave a document that decodes (a space between tokens, a letter inside a string).
        assert!(decoded > 10, "{decoded}");
    }
}
