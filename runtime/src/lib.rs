//! Run-time support for Rust code generated from the interface workbooks of Japan's long-term-care
//! information platform (介護情報基盤, LTCIP).
//!
//! Generated code depends on this crate alone: it re-exports [`serde`], [`serde_json`] and the
//! [`Validate`](derive@Validate) and [`Code`](derive@Code) derives.
//!
//! # Validating
//!
//! Every generated type implements [`Validate`]; [`Validate::validate`] returns every violation at once,
//! each with an RFC 6901 pointer to the value, the item's 項番 and Japanese name, the [`Rule`] broken and
//! a message in Japanese and English. [`Validate::validate_with`] checks in a [`Mode`] (LIFE's 仮取込 or
//! 確定取込, which require different items). [`json::from_slice`] decodes and validates in one step, and also
//! reports what stops typed decoding (a missing member, a number where a string is due) item by item.
//!
//! # Messages
//!
//! Every message (of a violation, a file-name problem, a writer or code-list error) is a key and its
//! values, rendered by a table of templates: [`messages::Messages::english`] and
//! [`messages::Messages::japanese`] are built in, and `message_en()` / `message_ja()` render with
//! them; `message_in(&table)` renders with a vendor's own table, which rewords some keys of a built-in
//! one or is a third language. See [`messages`].
//!
//! # Code lists
//!
//! An item with a code list keeps its text (a wrong code still decodes, is reported, and can be fixed
//! and written back), and reads as an enum of its codes through an accessor:
//! `record.gender_code()` is `Some(GenderCode::男性)` for `"1"`, `None` when absent or not a code. The
//! enums derive [`Code`](derive@Code): `FromStr`, `TryFrom<&str>`, `as_str()`, `label()`, `Display`
//! and `ALL`; see [`code`].
//!
//! # Writing a layout by hand
//!
//! The derive reads one `#[ltcip(...)]` attribute per field, written like the row of the spec table it
//! comes from. The wire key is the field name, or its `#[serde(rename = "...")]`.
//!
//! ```
//! use ltcip_runtime::{Validate, serde::{Deserialize, Serialize}};
//!
//! #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate)]
//! #[serde(crate = "ltcip_runtime::serde")]
//! pub struct Request {
//!     #[ltcip(no = "01", name = "介護保険者番号", data_type = "半角数字", digits = 6, length = "固定長")]
//!     pub care_insure_provider_number: String,
//!     #[ltcip(no = "02", name = "介護保険被保険者番号", occurs = "0..1",
//!             data_type = "半角数字", digits = 10, length = "固定長")]
//!     #[serde(default, skip_serializing_if = "Option::is_none")]
//!     pub care_insurer_number: Option<String>,
//! }
//!
//! let request = Request { care_insure_provider_number: "１２３４５６".into(), care_insurer_number: None };
//! let errors = request.validate().unwrap_err();
//! let error = errors.iter().next().unwrap();
//! assert_eq!(error.pointer(), "/care_insure_provider_number");
//! assert_eq!(error.rule().code(), "chars");
//! ```
//!
//! Field attributes (`#[ltcip(...)]`):
//!
//! | attribute | spec column | meaning |
//! |---|---|---|
//! | `no = "08"` | 項番 | required |
//! | `name = "証記載介護保険者番号"` | 項目名（日本語） | required |
//! | `occurs = "0..1"` | 出現回数 最小/最大 | default `"1..1"`; `"1..n"` has no maximum. A minimum of 0 needs an `Option<_>` (or `Vec<_>`) field; a maximum above 1 on a text item makes it repeated: a `Vec<String>` whose element count is checked |
//! | `data_type = "半角数字"` | データ型 | `半角数字`, `半角英数字`, `半角文字`, `全角文字`, `全半角文字`, `数値` (a decimal number, see [`Decimal`]), or `リスト`: a `Vec<_>` (or `Option<Vec<_>>`) of a struct that derives `Validate`, the only place a derived struct may be a field |
//! | `digits = 6` | 桁数 | counted in characters, or MS932 bytes with `unit = "bytes"`; for `数値`, the most integer digits (整数桁), and no length rule |
//! | `decimals = 1` | 小数点以下の桁数 | `数値` only: the most fraction digits (default 0: no decimal point) |
//! | `length = "固定長"` | 可変長/固定長 | `固定長` (exactly `digits`) or `可変長` (at most; the default); needs `digits`; no `固定長` for `数値` |
//! | `range = "0～100"` | 範囲 | the value must be a number within these inclusive bounds (see [`Range`]); written as the spec does: `A～B`, `A 〜 B`, `A~B`, an end left open (`0～`, `～100`), spaces anywhere, decimal and negative bounds |
//! | `fixed = "application/json"` | フォーマット `"…"固定` | the only value allowed |
//! | `codes("成功", "失敗")` | 備考 | the values allowed |
//! | `date = "YYYY-MM-DD"` | 備考 `●書式`, 書式 | a calendar-valid date or time in that format (see [`DateFormat`]; `HH` is an hour, `mm` minutes) |
//! | `required(mode = "final")` | 必須 (○) | required besides 出現回数 (which must allow 0), in that [`Mode`] and stricter ones: `"draft"` (every mode, the default) or `"final"` (確定取込 only) |
//! | `required(when(facility_type = "1", oral_intake("1", "2")))` | 必須 (●) | required when every clause holds: the other item (by field name) holds one of the values (of its `codes`, if it has them); combines with `mode` (`required(mode = "final", when(...))`). Checked on the record as a whole ([`check_conditions`]) |
//! | `quoted` | | always written quoted in CSV when not empty (LIFE's 文字列 items) |
//! | `unit = "bytes"` / `unit = "chars"` | | what one 桁 counts (default characters); needs `digits` |
//! | `repertoire = "JIS X 0213"` | | the characters text may use: `MS932` (the default) or `JIS X 0213` (see [`Repertoire`]) |
//! | `secret` | | a credential, never quoted in errors; the field must be a [`Secret`] (or an `Option` of one) |
//! | `code_type = GenderCode` | 備考 (the code list) | the enum of the item's codes (a [`Code`], `#[derive(Code)]`): its codes must be exactly those of `codes(...)` and `also(...)`, which the item needs (a compile error says otherwise). The struct gets an accessor named after the field, `fn gender_code(&self) -> Option<GenderCode>` (absent, empty or not a code: `None`), or for a repeated item `fn gender_codes(&self) -> impl Iterator<Item = Option<GenderCode>>`; the field keeps the text. Not on a リスト or `secret` item |
//! | `skip` | | not an item: the field is neither checked nor described (it should be `#[serde(skip)]` too) |
//!
//! A struct may carry `#[ltcip(name = "...")]` (a title for messages and schemas),
//! `#[ltcip(unit = "bytes")]` and `#[ltcip(repertoire = "...")]` (defaults for its fields), and
//! `#[ltcip(csv)]` (a care-plan CSV record, its fields the columns in order; implies `unit = "bytes"`)
//! or `#[ltcip(csv(id = "SERVICE_USER_INFO"))]` (a named-column LIFE CSV record whose line 1 holds
//! that data type; characters are counted, and every item is [`space_is_null`](Item::space_is_null)):
//! see [`csv`]. Text
//! fields are `String`, [`CompactString`] (what generated code uses), [`CowStr`] (text borrowed from
//! the document, in a struct generic over its lifetime) or [`Secret`], alone or in an `Option` or `Vec`. A malformed attribute, or one no value could satisfy (a code longer than a 固定長
//! `digits`, `min` above `max`), is a compile error pointing at it.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

// The derive expands to `::ltcip_runtime::...` paths; this lets them resolve inside this crate too.
extern crate self as ltcip_runtime;

mod chars;
mod check;
pub mod code;
mod cow_str;
pub mod csv;
mod date;
mod error;
mod field;
pub mod headers;
mod item;
mod jisx0213;
pub mod json;
pub mod messages;
pub mod ms932;
pub mod pattern;
mod pointer;
mod secret;
pub mod text_serde;
mod validate;

pub use chars::{CharClass, Repertoire};
pub use check::check_conditions;
pub use code::{Code, UnknownCode};
pub use cow_str::CowStr;
pub use date::DateFormat;
pub use error::{JsonType, Rule, ValidationError, ValidationErrors};
pub use field::Field;
pub use item::{Clause, Decimal, Item, Kind, Length, LengthUnit, Mode, Occurs, Range, Requirement, Shape, Text};
pub use ltcip_derive::{Code, Validate};
pub use pointer::Pointer;
pub use secret::Secret;
pub use validate::{Layout, Validate};

pub use compact_str;
/// The text type of generated code: up to 24 bytes inline, dereferences to `str`.
pub use compact_str::CompactString;
pub use serde;
pub use serde_json;
