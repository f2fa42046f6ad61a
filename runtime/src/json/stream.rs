//! Validating a JSON document straight from a reader, one record at a time.
//!
//! A response may carry millions of `body` records; [`super::from_slice`] needs the whole document in
//! memory and decodes every record into a typed value. [`validate_reader`] reads the document from any
//! [`Read`] and keeps, at any moment, one record of each リスト item being read and the violations
//! found so far: memory stays flat whatever the document's size (a 1 GB response validates in a few
//! MiB, see `scripts/stream-rss.sh`).
//!
//! The layout is followed through its [`Shape`]: the members of the top-level object are the layout's
//! items; a member whose item is a リスト ([`Kind::List`]) is read element by element, each element
//! checked against the record's shape as it arrives (pointers `/body/<i>/...`) and then dropped. Text
//! values go through the same checks as [`crate::Validate`] and [`super::check_value`], so the verdict
//! is the one [`super::from_slice`] gives on the same bytes:
//!
//! - violations come in layout order (items in the order of the spec table, records in array order),
//!   whatever order the document writes its members in;
//! - a member given twice is a `structure` violation at the member, and its last value is the one
//!   checked (the records of an earlier copy of a リスト are forgotten);
//! - members the layout does not name are parsed (so that malformed JSON cannot hide in them) and
//!   otherwise ignored;
//! - a document that is not JSON is one `syntax` violation and nothing else, as with `from_slice`: the
//!   violations found before the parser stopped are dropped. (Its position is serde_json's: reading
//!   from a reader, it places one error, a number out of range such as `1e999`, a column later than
//!   reading from a slice.)
//!
//! Two differences are deliberate, so that no document can fill memory:
//!
//! - the violations found in records are capped ([`DEFAULT_LIMIT`], or [`Validator::limit`]). The
//!   first violations in document order are kept; [`Report::omitted`] counts the rest. Violations of
//!   the top-level items are always kept;
//! - no value is held larger than [`DEFAULT_MAX_VALUE_BYTES`] (16 MiB, or
//!   [`Validator::max_value_bytes`]), far above any real value (the longest item is a few hundred
//!   characters) and above the 1 MiB strings of the hostile tests. The parser holds a string whole
//!   (and the digits of a long number), so a longer one stops reading there: one `size` violation
//!   ([`Rule::TokenTooLong`], with where it starts), and nothing else, as at a syntax error. A value held whole to be
//!   reported or checked (an array or object where a text item is due, a record that is not an
//!   object) larger than the limit is not held: its `type` violation quotes no value, and a repeated
//!   item's elements are not checked but one `size` violation is reported at the item
//!   ([`Rule::ValueTooLarge`]).
//!
//! Records are read one at a time and dropped, and nesting is bounded by the parser (128 levels, then
//! a `syntax` violation), so a document of any length (a body of a million `{}`, a gigabyte response)
//! or depth validates in a few MiB.
//!
//! [`Validator::validate_parallel`] gives the same report with the records checked on several threads:
//! the document is cut into its records and the rest as it is read, and read again by one reader
//! whenever only one can decide.
//!
//! ```
//! use ltcip_runtime::{Layout, Validate, json::stream, serde::{Deserialize, Serialize}};
//!
//! #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
//! #[serde(crate = "ltcip_runtime::serde")]
//! pub struct Response {
//!     #[ltcip(no = "01", name = "取得結果", codes("成功", "失敗"))]
//!     pub result: String,
//!     #[ltcip(no = "02", name = "ボディ部", data_type = "リスト")]
//!     pub body: Vec<Record>,
//! }
//!
//! #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
//! #[serde(crate = "ltcip_runtime::serde")]
//! pub struct Record {
//!     #[ltcip(no = "03", name = "介護保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
//!     pub number: String,
//! }
//!
//! let document = r#"{"result": "成功", "body": [{"number": "131011"}, {"number": "1310"}]}"#;
//! let report = stream::validate_reader::<Response>(document.as_bytes())?;
//! assert_eq!(report.records(), 2);
//! let pointers: Vec<&str> = report.errors().iter().map(|e| e.pointer()).collect();
//! assert_eq!(pointers, ["/body/1/number"]);
//! # Ok::<(), std::io::Error>(())
//! ```

use std::fmt;
use std::io::{self, BufReader, Read};

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::error::{JsonType, Rule, ValidationError, ValidationErrors};
use crate::item::{Item, Kind, Mode, Shape};
use crate::pointer::Pointer;
use crate::validate::Layout;

mod cut;
mod parallel;

/// How many violations found in records a [`Validator`] keeps unless told otherwise.
pub const DEFAULT_LIMIT: usize = 1000;

/// The largest value (a string, or a value held whole) a [`Validator`] holds unless told otherwise:
/// 16 MiB.
pub const DEFAULT_MAX_VALUE_BYTES: usize = 16 << 20;

/// Validates the JSON document `reader` yields against the layout of `T`, one record at a time.
///
/// `T` is only asked for its [`Layout::SHAPE`]: no value of it is built. `Err` is an I/O error of
/// `reader`; everything wrong with the document is in the [`Report`]. The reader is buffered here.
pub fn validate_reader<T: Layout>(reader: impl Read) -> io::Result<Report> {
    Validator::new(T::SHAPE).validate(reader)
}

/// A streaming validator for one layout, with the number of record violations it keeps.
#[derive(Clone, Copy, Debug)]
pub struct Validator<'s> {
    shape: &'s Shape<'s>,
    limit: usize,
    mode: Mode,
    max_value: usize,
}

impl<'s> Validator<'s> {
    /// A validator of documents laid out by `shape` (a generated type's [`Layout::SHAPE`], or a shape
    /// built at run time), keeping [`DEFAULT_LIMIT`] record violations.
    pub const fn new(shape: &'s Shape<'s>) -> Self {
        Validator { shape, limit: DEFAULT_LIMIT, mode: Mode::Final, max_value: DEFAULT_MAX_VALUE_BYTES }
    }

    /// Checks in `mode` (which of the spec's 必須 marks apply, see [`Mode`]) rather than
    /// [`Mode::Final`].
    pub const fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Keeps at most `limit` violations found in records; the rest are only counted
    /// ([`Report::omitted`]).
    pub const fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }

    /// Holds no value larger than `limit` bytes (a string, counted in UTF-8 bytes as written in the
    /// document, escapes included; a value held whole, counting its strings and 16 bytes for each
    /// value in it): see the module's documentation.
    pub const fn max_value_bytes(mut self, limit: usize) -> Self {
        self.max_value = limit;
        self
    }

    /// Reads and validates one JSON document from `reader` (buffered here), up to its end: anything
    /// after the document but whitespace is a `syntax` violation.
    pub fn validate<R: Read>(&self, reader: R) -> io::Result<Report> {
        let mut strings = Strings::new(reader, self.max_value);
        let mut deserializer = serde_json::Deserializer::from_reader(BufReader::with_capacity(64 * 1024, &mut strings));
        let mut budget = self.budget();
        let parsed = self.read_document(&mut deserializer, &mut budget);
        let records = budget.records;
        match parsed {
            Ok(outcome) => Ok(outcome.report(records)),
            Err(error) if error.is_io() => match strings.too_long {
                Some(offset) => {
                    let rule = Rule::TokenTooLong { limit: self.max_value, offset };
                    Ok(Report { errors: ValidationError::document("", rule).into(), omitted: 0, records })
                }
                None => Err(error.into()),
            },
            Err(error) => Ok(Report { errors: syntax(&error).into(), omitted: 0, records }),
        }
    }

    /// Validates the JSON document `open` gives with the records of its top-level リスト items
    /// checked on `jobs` threads side by side; the report is the one [`Validator::validate`] gives.
    ///
    /// The calling thread reads the document once and cuts it, by a scan that follows strings and
    /// nesting: the elements of each top-level リスト member go to the workers in batches of about
    /// 256 KiB, each checked as [`Validator::validate`] checks a record; the rest of the document is
    /// read last, with the workers' findings in place of those arrays. Findings are merged in document
    /// order and the [`Validator::limit`] applies to them in that order. At most `4 × jobs` batches are
    /// handed out and not yet merged, and a batch's findings hold at most the limit's number of
    /// violations.
    ///
    /// What only one reader can decide is left to one: when the document is not JSON (its `syntax`
    /// violation is placed by the parser), gives a リスト member twice (whatever its values), writes
    /// a member name of the top-level object with an escape, nests deeper than 100 levels, or holds a
    /// record (or, records aside, is) larger than [`Validator::max_value_bytes`], or when reading it
    /// fails, `open` is called again and the document read by [`Validator::validate`]; so is it when
    /// `jobs` is 1, when the layout has no リスト item, or when the records of one hold a リスト. `open`
    /// must therefore give the same bytes each time (a file, a slice: `|| Ok(bytes)`), which standard
    /// input or a pipe cannot.
    ///
    /// ```
    /// # use ltcip_runtime::{Layout, Validate, json::stream, serde::{Deserialize, Serialize}};
    /// # #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
    /// # #[serde(crate = "ltcip_runtime::serde")]
    /// # pub struct Response {
    /// #     #[ltcip(no = "02", name = "ボディ部", data_type = "リスト")]
    /// #     pub body: Vec<Record>,
    /// # }
    /// # #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
    /// # #[serde(crate = "ltcip_runtime::serde")]
    /// # pub struct Record {
    /// #     #[ltcip(no = "03", name = "介護保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
    /// #     pub number: String,
    /// # }
    /// let document = br#"{"body": [{"number": "131011"}, {"number": "1310"}]}"#;
    /// let validator = stream::Validator::new(Response::SHAPE);
    /// let report = validator.validate_parallel(2, || Ok(&document[..]))?;
    /// assert_eq!(report, validator.validate(&document[..])?);
    /// assert_eq!(report.errors().iter().map(|e| e.pointer()).collect::<Vec<_>>(), ["/body/1/number"]);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn validate_parallel<R: Read>(
        &self,
        jobs: usize,
        mut open: impl FnMut() -> io::Result<R>,
    ) -> io::Result<Report> {
        if jobs > 1
            && parallel::splits(self.shape)
            && let Some(report) = parallel::validate(self, jobs, open()?)?
        {
            return Ok(report);
        }
        self.validate(open()?)
    }

    /// A budget for one document (or, on a worker, one batch of records).
    fn budget(&self) -> Budget {
        Budget {
            limit: self.limit,
            kept: 0,
            records: 0,
            mode: self.mode,
            max_value: self.max_value,
            checked: Vec::new(),
        }
    }

    /// Reads the document `deserializer` holds, to its end.
    fn read_document<'de, D>(
        &self,
        deserializer: &mut serde_json::Deserializer<D>,
        budget: &mut Budget,
    ) -> serde_json::Result<Outcome>
    where
        D: serde_json::de::Read<'de>,
    {
        let mut slots = Vec::new();
        let root = Object { shape: self.shape, at: &Pointer::Root, budget, slots: &mut slots, record: None };
        let outcome = root.deserialize(&mut *deserializer)?;
        deserializer.end()?;
        Ok(outcome)
    }
}

/// What the workers found in the records of one リスト item: how many, and their violations (at
/// most the limit kept, the rest counted).
type Checked = (usize, Found);

impl Validator<'_> {
    /// Checks records of the top-level リスト item `list`, one JSON value each, the first being record
    /// `first`: what [`List`] finds reading them in the document, with a budget of its own. `None`
    /// when one is not a JSON value.
    fn check_records<'b>(&self, list: usize, first: usize, records: impl Iterator<Item = &'b [u8]>) -> Option<Checked> {
        let item = self.shape.items.get(list)?;
        let Kind::List(shape) = item.kind else { return None };
        let at = Pointer::Root.key(item.key);
        let mut budget = self.budget();
        let (mut slots, mut found, mut count) = (Vec::new(), Found::default(), 0);
        for bytes in records {
            let here = at.index(first + count);
            let record = Object { shape, at: &here, budget: &mut budget, slots: &mut slots, record: Some(item) };
            let mut deserializer = serde_json::Deserializer::from_slice(bytes);
            match record.deserialize(&mut deserializer).and_then(|outcome| deserializer.end().map(|()| outcome)) {
                Ok(Outcome::Object(record)) => found.append(record),
                // A record always reports itself (see `Object::not_object`).
                Ok(Outcome::Other(_)) => {}
                Err(_) => return None,
            }
            count += 1;
        }
        Some((count, found))
    }

    /// Reads `skeleton`, a document whose top-level リスト members are empty arrays, with their
    /// records as the workers found them (in `budget.checked`, merged under the cap by `budget`).
    /// `None` when it is not JSON.
    fn read_skeleton(&self, skeleton: &[u8], mut budget: Budget) -> Option<Report> {
        let mut deserializer = serde_json::Deserializer::from_slice(skeleton);
        let outcome = self.read_document(&mut deserializer, &mut budget).ok()?;
        Some(outcome.report(budget.records))
    }
}

impl Outcome {
    /// The report on a document read whole.
    fn report(self, records: u64) -> Report {
        match self {
            Outcome::Object(found) => Report { errors: found.errors, omitted: found.omitted, records },
            Outcome::Other(found) => {
                let rule = Rule::Type { expected: JsonType::Object, found };
                Report { errors: ValidationError::document("", rule).into(), omitted: 0, records }
            }
        }
    }
}

/// What [`Validator::validate`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    errors: ValidationErrors,
    omitted: u64,
    records: u64,
}

impl Report {
    /// The violations kept, in layout order.
    pub fn errors(&self) -> &ValidationErrors {
        &self.errors
    }

    /// The violations kept, taken out of the report.
    pub fn into_errors(self) -> ValidationErrors {
        self.errors
    }

    /// Violations found in records beyond the limit, counted but not kept.
    pub fn omitted(&self) -> u64 {
        self.omitted
    }

    /// Violations found in all: kept and omitted.
    pub fn total(&self) -> u64 {
        self.errors.len() as u64 + self.omitted
    }

    /// Records (elements of リスト items, at any depth) read, valid or not.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Whether the document breaks no rule.
    pub fn is_valid(&self) -> bool {
        self.total() == 0
    }

    /// `Ok(())` for a valid document, else the violations kept.
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        self.errors.into_result()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let records = crate::messages::Message::new("report.records").count("count", self.records).en();
        if self.is_valid() {
            return write!(f, "valid ({records})");
        }
        write!(f, "{} ({records})", self.errors)?;
        if self.omitted > 0 {
            write!(f, "\n  … and {} more violations not kept", self.omitted)?;
        }
        Ok(())
    }
}

/// The cap on violations kept from records, shared by every list of a document.
struct Budget {
    limit: usize,
    kept: usize,
    records: u64,
    /// The mode every check runs in.
    mode: Mode,
    /// The most a value held whole may take.
    max_value: usize,
    /// For each top-level item, the records of its リスト already checked on workers (their number and
    /// what they broke): its member in the document read here is then an empty array.
    checked: Vec<Option<Checked>>,
}

/// Violations of one object or list: those kept (each counted once against the [`Budget`] when
/// found in a record) and the number dropped.
#[derive(Default)]
struct Found {
    errors: ValidationErrors,
    omitted: u64,
}

impl Found {
    fn append(&mut self, other: Found) {
        self.errors.extend(other.errors);
        self.omitted += other.omitted;
    }
}

/// What a member of an object held, kept until the object ends so that violations come out in layout
/// order.
#[derive(Default)]
enum Member {
    #[default]
    Absent,
    Null,
    /// A string, for a text item: in [`Slot::text`].
    Str,
    /// Anything else for a text item (a number, an array of a repeated item...).
    Other(Value),
    /// An array or object for a text item, too large to hold: its type.
    TooLarge(JsonType),
    /// Not an array, for a リスト item.
    NotArray(JsonType),
    /// The records of a リスト item, already checked.
    Array {
        count: usize,
        found: Found,
    },
}

/// One item's member in the object being read. Slots are reused from record to record, so that a
/// string value is copied into a buffer that already has room for it.
#[derive(Default)]
struct Slot {
    seen: bool,
    duplicate: bool,
    member: Member,
    text: String,
}

/// An object laid out by `shape` at `at`: the document itself, or a record of a リスト (`record`
/// names the リスト item).
struct Object<'a, 'p, 's> {
    shape: &'s Shape<'s>,
    at: &'p Pointer<'p>,
    budget: &'a mut Budget,
    slots: &'a mut Vec<Slot>,
    record: Option<&'s Item<'s>>,
}

enum Outcome {
    Object(Found),
    /// The value was not an object: its type (the value itself is reported by the caller).
    Other(JsonType),
}

impl<'de> DeserializeSeed<'de> for Object<'_, '_, '_> {
    type Value = Outcome;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Outcome, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Object<'_, '_, '_> {
    /// A value that is not an object. A record's is reported here, with the value as JSON (which a
    /// record is small enough to hold); the document's is only named by type, its content discarded.
    fn not_object<E>(self, value: Value) -> Result<Outcome, E> {
        let found = JsonType::of(&value);
        let Some(item) = self.record else {
            return Ok(Outcome::Other(found));
        };
        let mut out = Found::default();
        let rule = Rule::Type { expected: JsonType::Object, found };
        let error = ValidationError::new(item, self.at, rule, Some(&value.to_string()));
        admit(self.budget, true, error, &mut out);
        Ok(Outcome::Object(out))
    }
}

impl<'de> Visitor<'de> for Object<'_, '_, '_> {
    type Value = Outcome;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Outcome, E> {
        self.not_object(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Outcome, E> {
        self.not_object(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Outcome, E> {
        self.not_object(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Outcome, E> {
        self.not_object(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Outcome, E> {
        self.not_object(Value::String(v.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Outcome, E> {
        self.not_object(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Outcome, A::Error> {
        if let Some(item) = self.record {
            return match Held::seq(seq, self.budget.max_value)? {
                Some(value) => self.not_object(value),
                None => {
                    // Too large to quote: named by type alone.
                    let mut out = Found::default();
                    let rule = Rule::Type { expected: JsonType::Object, found: JsonType::Array };
                    let error = ValidationError::new(item, self.at, rule, None);
                    admit(self.budget, true, error, &mut out);
                    Ok(Outcome::Object(out))
                }
            };
        }
        // The document is an array: read it to its end (it must still be JSON), holding nothing.
        while seq.next_element_seed(Discard)?.is_some() {}
        Ok(Outcome::Other(JsonType::Array))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Outcome, A::Error> {
        let Object { shape, at, budget, slots, record } = self;
        let items = shape.items;
        if slots.len() != items.len() {
            slots.clear();
            slots.resize_with(items.len(), Slot::default);
        }
        for slot in slots.iter_mut() {
            slot.seen = false;
            slot.duplicate = false;
            slot.member = Member::Absent;
        }
        while let Some(index) = map.next_key_seed(KeyIndex(items))? {
            let Some(index) = index else {
                map.next_value_seed(Discard)?;
                continue;
            };
            let item = &items[index];
            let slot = &mut slots[index];
            if slot.seen {
                slot.duplicate = true;
                // The last copy is the one checked: forget what the earlier one's records had.
                if let Member::Array { found, .. } = std::mem::take(&mut slot.member) {
                    budget.kept -= found.errors.len();
                }
            }
            slot.seen = true;
            slot.member = match item.kind {
                Kind::Text(_) => map.next_value_seed(Text { text: &mut slot.text, max_value: budget.max_value })?,
                Kind::List(records) => {
                    let at = at.key(item.key);
                    let checked =
                        if record.is_none() { budget.checked.get_mut(index).and_then(Option::take) } else { None };
                    map.next_value_seed(List { item, records, at: &at, budget: &mut *budget, checked })?
                }
            };
        }
        // Every member is in: check item by item, in the layout's order.
        let bounded = record.is_some();
        let mut out = Found::default();
        // The texts the conditions of some items look at, taken before the members are.
        let texts: Option<Vec<Option<String>>> = shape.has_conditions().then(|| {
            items
                .iter()
                .zip(slots.iter())
                .map(|(item, slot)| match &slot.member {
                    _ if item.is_array() => None,
                    Member::Str => Some(slot.text.clone()),
                    Member::Other(value) => Some(value.to_string()),
                    _ => None,
                })
                .collect()
        });
        for (item, slot) in items.iter().zip(slots.iter_mut()) {
            let at = at.key(item.key);
            let mut errors = ValidationErrors::with_mode(budget.mode);
            if slot.duplicate {
                let detail = crate::messages::Message::new("structure.duplicate_member").text("key", item.key);
                item.report(&at, Rule::Structure { detail }, None, &mut errors);
            }
            let mut records = None;
            match std::mem::take(&mut slot.member) {
                Member::Absent | Member::Null => item.check_absent(&at, &mut errors),
                Member::Str if item.is_array() => {
                    let rule = Rule::Type { expected: JsonType::Array, found: JsonType::String };
                    item.report(&at, rule, None, &mut errors);
                }
                Member::Str => item.check_text(&slot.text, &at, &mut errors),
                Member::Other(value) => check_text_member(item, &value, &at, &mut errors),
                Member::TooLarge(found) if item.is_array() && found == JsonType::Array => {
                    let rule = Rule::ValueTooLarge { limit: budget.max_value };
                    item.report(&at, rule, None, &mut errors);
                }
                Member::TooLarge(found) => {
                    let expected = if item.is_array() { JsonType::Array } else { JsonType::String };
                    item.report(&at, Rule::Type { expected, found }, None, &mut errors);
                }
                Member::NotArray(found) => {
                    let rule = Rule::Type { expected: JsonType::Array, found };
                    item.report(&at, rule, None, &mut errors);
                }
                Member::Array { count, found } => {
                    item.check_count(count, &at, &mut errors);
                    records = Some(found);
                }
            }
            for error in errors {
                admit(budget, bounded, error, &mut out);
            }
            if let Some(found) = records {
                out.append(found);
            }
        }
        if let Some(texts) = texts {
            let texts: Vec<Option<&str>> = texts.iter().map(Option::as_deref).collect();
            let mut errors = ValidationErrors::with_mode(budget.mode);
            crate::check::check_conditions(items, &texts, at, &mut errors);
            for error in errors {
                admit(budget, bounded, error, &mut out);
            }
        }
        Ok(Outcome::Object(out))
    }
}

/// Keeps `error` if the budget allows (always, outside records), else counts it.
fn admit(budget: &mut Budget, bounded: bool, error: ValidationError, out: &mut Found) {
    if !bounded {
        out.errors.push(error);
    } else if budget.kept < budget.limit {
        budget.kept += 1;
        out.errors.push(error);
    } else {
        out.omitted += 1;
    }
}

/// The member of a リスト item at `at`: its records are read, checked and dropped one at a time.
struct List<'a, 'p, 's> {
    item: &'s Item<'s>,
    records: &'s Shape<'s>,
    at: &'p Pointer<'p>,
    budget: &'a mut Budget,
    /// Its records, checked on workers (the array read here is then empty).
    checked: Option<Checked>,
}

impl<'de> DeserializeSeed<'de> for List<'_, '_, '_> {
    type Value = Member;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Member, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for List<'_, '_, '_> {
    type Value = Member;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Member, E> {
        Ok(Member::NotArray(JsonType::Boolean))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Member, E> {
        Ok(Member::NotArray(JsonType::Number))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Member, E> {
        Ok(Member::NotArray(JsonType::Number))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Member, E> {
        Ok(Member::NotArray(JsonType::Number))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Member, E> {
        Ok(Member::NotArray(JsonType::String))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Member, E> {
        Ok(Member::Null)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Member, A::Error> {
        Discard.visit_map(map)?;
        Ok(Member::NotArray(JsonType::Object))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Member, A::Error> {
        let List { item, records, at, budget, checked } = self;
        let (mut count, mut found) = checked.unwrap_or_default();
        let mut slots = Vec::new();
        loop {
            let here = at.index(count);
            let record =
                Object { shape: records, at: &here, budget: &mut *budget, slots: &mut slots, record: Some(item) };
            match seq.next_element_seed(record)? {
                None => break,
                Some(Outcome::Object(record)) => found.append(record),
                // A record always reports itself (see `Object::not_object`).
                Some(Outcome::Other(_)) => {}
            }
            count += 1;
            budget.records += 1;
        }
        Ok(Member::Array { count, found })
    }
}

/// A text item's member: a string is copied into the slot's buffer, anything else kept as a value
/// (unless larger than `max_value`).
struct Text<'a> {
    text: &'a mut String,
    max_value: usize,
}

impl<'de> DeserializeSeed<'de> for Text<'_> {
    type Value = Member;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Member, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Text<'_> {
    type Value = Member;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Member, E> {
        self.text.clear();
        self.text.push_str(v);
        Ok(Member::Str)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Member, E> {
        *self.text = v;
        Ok(Member::Str)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Member, E> {
        Ok(Member::Null)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Member, E> {
        Ok(Member::Other(Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Member, E> {
        Ok(Member::Other(Value::Number(v.into())))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Member, E> {
        Ok(Member::Other(Value::Number(v.into())))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Member, E> {
        Ok(Member::Other(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Member, A::Error> {
        Ok(Held::seq(seq, self.max_value)?.map_or(Member::TooLarge(JsonType::Array), Member::Other))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Member, A::Error> {
        Ok(Held::map(map, self.max_value)?.map_or(Member::TooLarge(JsonType::Object), Member::Other))
    }
}

/// A value held whole, as long as it takes no more than a budget (its strings, and 16 bytes for each
/// value); past it, the rest is parsed (as [`Discard`] does) and dropped.
struct Held<'b> {
    left: &'b mut usize,
}

/// What one value costs besides its strings.
const VALUE_COST: usize = 16;

impl Held<'_> {
    /// The array `seq` reads, or `None` when it takes more than `max_value`.
    fn seq<'de, A: SeqAccess<'de>>(seq: A, max_value: usize) -> Result<Option<Value>, A::Error> {
        let mut left = max_value;
        Held { left: &mut left }.visit_seq(seq)
    }

    /// The object `map` reads, or `None` when it takes more than `max_value`.
    fn map<'de, A: MapAccess<'de>>(map: A, max_value: usize) -> Result<Option<Value>, A::Error> {
        let mut left = max_value;
        Held { left: &mut left }.visit_map(map)
    }

    /// Takes `cost` from the budget: `false` when it does not have it (and is then spent).
    fn charge(&mut self, cost: usize) -> bool {
        match self.left.checked_sub(cost) {
            Some(left) => {
                *self.left = left;
                true
            }
            None => {
                *self.left = 0;
                false
            }
        }
    }

    fn scalar<E>(mut self, cost: usize, value: Value) -> Result<Option<Value>, E> {
        Ok(self.charge(VALUE_COST + cost).then_some(value))
    }
}

impl<'de> DeserializeSeed<'de> for Held<'_> {
    type Value = Option<Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<Value>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Held<'_> {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<Value>, E> {
        self.scalar(0, Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<Value>, E> {
        self.scalar(0, Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<Value>, E> {
        self.scalar(0, Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<Value>, E> {
        self.scalar(0, serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<Value>, E> {
        if self.left.saturating_sub(VALUE_COST) < v.len() {
            *self.left = 0;
            return Ok(None);
        }
        self.scalar(v.len(), Value::String(v.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<Value>, E> {
        self.scalar(0, Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Option<Value>, A::Error> {
        let mut elements = Some(Vec::new());
        if !self.charge(VALUE_COST) {
            elements = None;
        }
        loop {
            match &mut elements {
                Some(held) => match seq.next_element_seed(Held { left: &mut *self.left })? {
                    None => break,
                    Some(Some(value)) => held.push(value),
                    // Past the budget: the rest is parsed and dropped.
                    Some(None) => elements = None,
                },
                None => {
                    if seq.next_element_seed(Discard)?.is_none() {
                        break;
                    }
                }
            }
        }
        Ok(elements.map(Value::Array))
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Option<Value>, A::Error> {
        let mut members = Some(serde_json::Map::new());
        if !self.charge(VALUE_COST) {
            members = None;
        }
        loop {
            match &mut members {
                Some(held) => {
                    let Some(key) = map.next_key::<String>()? else { break };
                    let kept = self.charge(VALUE_COST + key.len());
                    match map.next_value_seed(Held { left: &mut *self.left })? {
                        Some(value) if kept => {
                            held.insert(key, value);
                        }
                        _ => members = None,
                    }
                }
                None => {
                    if map.next_key_seed(Discard)?.is_none() {
                        break;
                    }
                    map.next_value_seed(Discard)?;
                }
            }
        }
        Ok(members.map(Value::Object))
    }
}

/// The input of a [`Validator`], watched for a string or number longer than the limit: the parser
/// holds every string whole (a member no item names included), and the digits of a long number, so
/// one of 500 MB would be held. Reading fails there instead ([`Rule::TokenTooLong`]).
///
/// It follows the document as JSON writes it: a `"` outside a string opens one; inside, `\` escapes
/// the next byte and `"` closes it; outside, anything but whitespace and `,:[]{}` belongs to a number
/// (or `true`, `false`, `null`). That is exact for any well-formed document; in a malformed one the
/// parser stops first, or finds the length of something that is not a string. Lengths are checked
/// as each string or number ends, and at the end of each read (so at most one read past the limit
/// is held).
struct Strings<R> {
    inner: R,
    limit: usize,
    /// Bytes read before the current buffer.
    offset: u64,
    state: Lex,
    /// Where the string or number being read starts, and its length so far.
    start: u64,
    len: usize,
    /// Where the string or number that went past the limit starts.
    too_long: Option<u64>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lex {
    /// Between values: whitespace and `,:[]{}`.
    Between,
    /// In a number (or a literal).
    Number,
    /// In a string.
    String,
    /// In a string, just after `\`.
    Escaped,
}

impl<R> Strings<R> {
    fn new(inner: R, limit: usize) -> Self {
        Strings { inner, limit, offset: 0, state: Lex::Between, start: 0, len: 0, too_long: None }
    }

    /// Follows the strings and numbers through `bytes`; `false` when one goes past the limit.
    ///
    /// Inside a string, eight bytes are looked at a time; between values, runs of separators and of a
    /// number's bytes are skipped in tight loops. Most of a document is strings.
    fn scan(&mut self, bytes: &[u8]) -> bool {
        let (mut state, mut len, mut start) = (self.state, self.len, self.start);
        let (limit, base, n) = (self.limit, self.offset, bytes.len());
        let mut too_long = None;
        let mut i = 0;
        while i < n {
            match state {
                Lex::String => {
                    let from = i;
                    i = string_end(bytes, i);
                    len += i - from;
                    if i == n {
                        break;
                    }
                    if bytes[i] == b'"' {
                        if len > limit {
                            too_long = too_long.or(Some(start));
                        }
                        state = Lex::Between;
                    } else {
                        state = Lex::Escaped;
                    }
                    i += 1;
                }
                Lex::Escaped => {
                    state = Lex::String;
                    len += 2;
                    i += 1;
                }
                Lex::Between => {
                    while i < n && LEX[usize::from(bytes[i])] == SEPARATOR {
                        i += 1;
                    }
                    if i == n {
                        break;
                    }
                    start = base + i as u64;
                    len = 0;
                    if bytes[i] == b'"' {
                        state = Lex::String;
                        i += 1;
                    } else {
                        state = Lex::Number;
                    }
                }
                Lex::Number => {
                    let from = i;
                    while i < n && LEX[usize::from(bytes[i])] == TOKEN {
                        i += 1;
                    }
                    len += i - from;
                    if i == n {
                        break;
                    }
                    if len > limit {
                        too_long = too_long.or(Some(start));
                    }
                    state = Lex::Between;
                }
            }
        }
        if state != Lex::Between && len > limit {
            too_long = too_long.or(Some(start));
        }
        (self.state, self.len, self.start) = (state, len, start);
        self.offset += n as u64;
        self.too_long = too_long;
        too_long.is_none()
    }
}

/// What a byte is between values: part of a number or literal ([`TOKEN`]), whitespace or one of
/// `,:[]{}` ([`SEPARATOR`]), or `"` ([`QUOTE`]).
static LEX: [u8; 256] = {
    let mut table = [TOKEN; 256];
    let separators = b" \n\r\t,:[]{}";
    let mut k = 0;
    while k < separators.len() {
        table[separators[k] as usize] = SEPARATOR;
        k += 1;
    }
    table[b'"' as usize] = QUOTE;
    table
};
const TOKEN: u8 = 0;
const SEPARATOR: u8 = 1;
const QUOTE: u8 = 2;

/// Where the string that `bytes[i..]` continues reaches a quote or a backslash (`bytes.len()` if it
/// does not), eight bytes at a time.
#[inline]
fn string_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(word) = bytes.get(i..i + 8) {
        let found = quote_or_backslash(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && !matches!(bytes[i], b'"' | b'\\') {
        i += 1;
    }
    i
}

/// The high bit of each of the eight bytes of `word` that is `"` or `\`. Exact for every byte: each
/// test stays within its byte.
#[inline]
fn quote_or_backslash(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW_BITS: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let zero = |x: u64| !(((x & LOW_BITS).wrapping_add(LOW_BITS)) | x) & !LOW_BITS;
    zero(word ^ (ONES * u64::from(b'"'))) | zero(word ^ (ONES * u64::from(b'\\')))
}

impl<R: Read> Read for Strings<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.too_long.is_some() {
            return Err(io::Error::other("a string or number longer than the limit"));
        }
        let read = self.inner.read(buf)?;
        if self.scan(&buf[..read]) {
            Ok(read)
        } else {
            Err(io::Error::other("a string or number longer than the limit"))
        }
    }
}

/// A member key, as the index of the item it names (`None`: an item the layout does not name).
struct KeyIndex<'s>(&'s [Item<'s>]);

impl<'de> DeserializeSeed<'de> for KeyIndex<'_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIndex<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|item| item.key == v))
    }
}

/// Any JSON value, parsed in full (UTF-8, escapes and nesting depth checked, as
/// [`super::from_slice`] does for members it does not know) and dropped.
struct Discard;

impl<'de> DeserializeSeed<'de> for Discard {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Discard {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Discard)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(Discard)?.is_some() {
            map.next_value_seed(Discard)?;
        }
        Ok(())
    }
}

/// A text item's member that is not a plain string: checked as [`super::check_value`] checks it.
fn check_text_member(item: &Item<'_>, value: &Value, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    if !item.is_array() {
        check_text_value(item, value, at, errors);
        return;
    }
    let Value::Array(elements) = value else {
        let rule = Rule::Type { expected: JsonType::Array, found: JsonType::of(value) };
        item.report(at, rule, None, errors);
        return;
    };
    item.check_count(elements.len(), at, errors);
    for (index, element) in elements.iter().enumerate() {
        check_text_value(item, element, &at.index(index), errors);
    }
}

fn check_text_value(item: &Item<'_>, value: &Value, at: &Pointer<'_>, errors: &mut ValidationErrors) {
    match value {
        Value::String(text) => item.check_text(text, at, errors),
        Value::Null => item.check_absent(at, errors),
        other => {
            let rule = Rule::Type { expected: JsonType::String, found: JsonType::of(other) };
            item.report(at, rule, Some(&other.to_string()), errors);
        }
    }
}

/// A `syntax` violation, worded as [`super::from_slice`] words it.
fn syntax(error: &serde_json::Error) -> ValidationError {
    let detail = crate::messages::json_error(error, false);
    let rule = Rule::Syntax { line: error.line(), column: error.column(), detail };
    ValidationError::document(String::new(), rule)
}

#[cfg(test)]
mod tests {
    use super::Validator;
    use crate::chars::CharClass;
    use crate::item::{Item, Kind, Length, LengthUnit, Occurs, Shape, Text};

    const NUMBER: Item<'static> = Item::new(
        "02",
        "番号",
        "number",
        Occurs::REQUIRED,
        Kind::Text(Text::new().chars(CharClass::HalfDigits).length(Length::fixed(2, LengthUnit::Chars))),
    );
    const RECORD: Shape<'static> = Shape::new("record", &[NUMBER]);
    const DOCUMENT: Shape<'static> = Shape::new(
        "document",
        &[
            Item::new("01", "結果", "result", Occurs::REQUIRED, Kind::Text(Text::new().codes(&["OK"]))),
            Item::new("03", "ボディ", "body", Occurs::REQUIRED, Kind::List(&RECORD)),
        ],
    );

    fn pointers(limit: usize, document: &str) -> (Vec<String>, u64, u64) {
        let report = Validator::new(&DOCUMENT).limit(limit).validate(document.as_bytes()).expect("in memory");
        let pointers = report.errors().iter().map(|e| format!("{} {}", e.pointer(), e.rule().code())).collect();
        (pointers, report.omitted(), report.records())
    }

    #[test]
    fn records_are_checked_in_layout_order() {
        let doc = r#"{"body": [{"number": "1"}, {"number": "12"}, 5, {"x": [1, {"y": null}]}], "result": "NG"}"#;
        let (found, omitted, records) = pointers(10, doc);
        assert_eq!(found, ["/result code", "/body/0/number length", "/body/2 type", "/body/3/number required"]);
        assert_eq!((omitted, records), (0, 4));
    }

    #[test]
    fn record_violations_are_capped_and_counted() {
        let doc = r#"{"result": "NG", "body": [{}, {}, {}, {}]}"#;
        let (found, omitted, _) = pointers(2, doc);
        assert_eq!(found, ["/result code", "/body/0/number required", "/body/1/number required"]);
        assert_eq!(omitted, 2);
    }

    #[test]
    fn the_last_copy_of_a_list_is_checked() {
        let doc = r#"{"result": "OK", "body": [{}, {}], "body": [{"number": "12"}]}"#;
        let (found, omitted, _) = pointers(1, doc);
        assert_eq!(found, ["/body structure"]);
        assert_eq!(omitted, 0);
    }

    #[test]
    fn malformed_json_is_one_syntax_violation() {
        let (found, _, _) = pointers(10, r#"{"result": "NG", "body": [{"number": "1"}, {"#);
        assert_eq!(found, [" syntax"]);
        let (found, _, _) = pointers(10, r#"{"result": "OK", "body": []} x"#);
        assert_eq!(found, [" syntax"]);
        let (found, _, _) = pointers(10, r#"[{"result": "OK", "body": []}]"#);
        assert_eq!(found, [" type"]);
    }
}
