//! Code lists as enums: [`Code`], made by `#[derive(Code)]`, and [`UnknownCode`], the error of
//! reading a text that is none of a list's codes.
//!
//! A record keeps every item as the text it holds, so that a record with a wrong code still decodes,
//! is reported by `validate()`, and can be fixed and written back. The enum is how code reads that
//! text: a generated record has an accessor per coded item (`record.gender_code()`, from the
//! `code_type` item attribute) that returns the enum, or `None` when the item is absent or holds no
//! code of the list.
//!
//! ```
//! use ltcip_runtime::Code;
//!
//! /// 利用者性別
//! #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Code)]
//! #[ltcip(name = "利用者性別")]
//! pub enum GenderCode {
//!     /// `1`: 男性
//!     #[ltcip(code = "1", label = "男性")]
//!     男性,
//!     /// `2`: 女性
//!     #[ltcip(code = "2", label = "女性")]
//!     女性,
//! }
//!
//! assert_eq!("2".parse::<GenderCode>(), Ok(GenderCode::女性));
//! assert_eq!(GenderCode::try_from("1"), Ok(GenderCode::男性));
//! assert_eq!(GenderCode::男性.as_str(), "1");
//! assert_eq!(GenderCode::男性.label(), Some("男性"));
//! assert_eq!(GenderCode::女性.to_string(), "2");
//! assert_eq!(GenderCode::ALL, [GenderCode::男性, GenderCode::女性]);
//! assert_eq!(GenderCode::from_code("3"), None);
//! let error = "3".parse::<GenderCode>().unwrap_err();
//! assert_eq!(error.code(), "3");
//! assert_eq!(error.to_string(), r#"unknown code "3" of 利用者性別; expected one of "1", "2""#);
//! ```
//!
//! The derive takes an enum of unit variants, each with `#[ltcip(code = "...")]` (the value on the
//! wire, once per enum, not empty) and optionally `label = "..."` (what the spec says it means; left
//! out where the spec lists bare values, as 「成功」もしくは「失敗」). `#[ltcip(name = "...")]` on the
//! enum names the list in errors (default: the enum's name). It implements [`Code`], `FromStr` and
//! `TryFrom<&str>` (both failing with [`UnknownCode`]) and `Display` (the code), and gives the enum
//! `ALL` (every variant, in the order written), `as_str()` and `label()` as inherent items, so that
//! none of them needs the trait in scope. The variants' names are the writer's choice; generated
//! code names them by the labels, the codes, or `C` and the code (`ltcip_codegen::emit::naming::code_variants`).
//!
//! [`CodedItem`] and [`CodeTable`] put the coded items of a module, whatever their enums, in one
//! table: each generated module's `CODED_ITEMS`.

use std::fmt;
use std::hash::Hash;
use std::str::FromStr;

use crate::messages::{ListStyle, Message, Messages};

/// A code list: an enum whose variants are the codes of one or more items, each with the text it is
/// on the wire and the label the spec gives it. Made by `#[derive(Code)]`.
#[diagnostic::on_unimplemented(
    message = "ltcip: `{Self}` is not a code list",
    label = "not an enum that derives `ltcip_runtime::Code`",
    note = "`code_type` names an enum of the item's codes: `#[derive(ltcip_runtime::Code)]` with \
            `#[ltcip(code = \"...\")]` on each variant"
)]
pub trait Code: Copy + Eq + Hash + fmt::Debug + fmt::Display + FromStr<Err = UnknownCode> + 'static {
    /// What the list is called in errors: the 項目名 of the item it was made for, or the enum's name.
    const NAME: &'static str;
    /// Every code, in the order the spec lists them.
    const ALL: &'static [Self];
    /// The text of each code of [`Code::ALL`], as it is on the wire.
    const CODES: &'static [&'static str];
    /// The label of each code of [`Code::ALL`]; `None` where the spec gives the code alone.
    const LABELS: &'static [Option<&'static str>];

    /// The code as it is on the wire.
    fn as_str(self) -> &'static str;

    /// What the code means, as the spec writes it; `None` where the spec gives the code alone.
    fn label(self) -> Option<&'static str>;

    /// The code `text` is, or `None` (the empty text, which counts as absent, included). Exact: no
    /// trimming, no width folding (`"１"` is not `"1"`), as validation compares.
    fn from_code(text: &str) -> Option<Self> {
        Self::CODES.iter().position(|code| *code == text).map(|index| Self::ALL[index])
    }

    /// The code `text` is, or an [`UnknownCode`] naming it: what `FromStr` and `TryFrom<&str>` do.
    fn parse_code(text: &str) -> Result<Self, UnknownCode> {
        Self::from_code(text).ok_or_else(|| UnknownCode::new::<Self>(text))
    }
}

/// A text that is none of a code list's codes: what `FromStr` and `TryFrom<&str>` of a [`Code`]
/// enum return for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode {
    code: String,
    list: &'static str,
    codes: &'static [&'static str],
}

impl UnknownCode {
    /// The error for `code`, which is none of `C`'s codes.
    pub fn new<C: Code>(code: &str) -> Self {
        UnknownCode { code: code.to_owned(), list: C::NAME, codes: C::CODES }
    }

    /// The text that is no code.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The name of the list ([`Code::NAME`]).
    pub fn list(&self) -> &'static str {
        self.list
    }

    /// The codes the list has.
    pub fn codes(&self) -> &'static [&'static str] {
        self.codes
    }

    /// The message, in no language yet (see [`crate::messages`]).
    pub fn message(&self) -> Message {
        Message::new("unknown_code").text("code", self.code.clone()).text("list", self.list).list(
            "codes",
            ListStyle::Quoted,
            self.codes.iter().copied(),
        )
    }

    /// The message in `table`'s language.
    pub fn message_in(&self, table: &Messages) -> String {
        self.message().render(table)
    }

    /// The message in English: `unknown code "3" of 利用者性別; expected one of "1", "2"`.
    pub fn message_en(&self) -> String {
        self.message_in(Messages::english())
    }

    /// The message in Japanese: `「3」は利用者性別のコードではありません（「1」「2」のいずれか）`.
    pub fn message_ja(&self) -> String {
        self.message_in(Messages::japanese())
    }
}

impl fmt::Display for UnknownCode {
    /// The English message ([`UnknownCode::message_en`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for UnknownCode {}

/// A code as [`CodeTable`] gives it: its text on the wire and its label.
pub type CodeAndLabel = (&'static str, Option<&'static str>);

/// A variant as [`CodeTable::all`] gives it: its name in Rust, its code and its label.
pub type VariantEntry = (String, &'static str, Option<&'static str>);

/// What [`CodedItem::read`] returns: the code the accessor reads, and what `validate()` says.
pub type ReadOutcome = (Option<&'static str>, Result<(), crate::ValidationErrors>);

/// A code list seen through plain functions, so that lists of different enums sit in one table
/// ([`CodedItem::list`]): made by [`CodeTable::of`].
#[derive(Debug, Clone, Copy)]
pub struct CodeTable {
    /// [`Code::NAME`].
    pub name: &'static str,
    /// [`Code::CODES`].
    pub codes: &'static [&'static str],
    /// [`Code::LABELS`].
    pub labels: &'static [Option<&'static str>],
    /// Each variant of [`Code::ALL`]: its name in Rust (its `Debug`), its code ([`Code::as_str`]) and
    /// its label ([`Code::label`]).
    pub all: fn() -> Vec<VariantEntry>,
    /// `text.parse()` (the enum's `FromStr`), giving the variant's code and label.
    pub parse: fn(&str) -> Result<CodeAndLabel, UnknownCode>,
    /// `TryFrom<&str>`, likewise.
    pub try_from: fn(&str) -> Result<CodeAndLabel, UnknownCode>,
}

impl CodeTable {
    /// The table of `C`.
    pub const fn of<C>() -> Self
    where
        C: Code + for<'a> TryFrom<&'a str, Error = UnknownCode>,
    {
        CodeTable {
            name: C::NAME,
            codes: C::CODES,
            labels: C::LABELS,
            all: all_of::<C>,
            parse: parse_with::<C>,
            try_from: try_from_with::<C>,
        }
    }
}

fn all_of<C: Code>() -> Vec<VariantEntry> {
    C::ALL.iter().map(|code| (format!("{code:?}"), code.as_str(), code.label())).collect()
}

fn parse_with<C: Code>(text: &str) -> Result<CodeAndLabel, UnknownCode> {
    text.parse::<C>().map(|code| (code.as_str(), code.label()))
}

fn try_from_with<C>(text: &str) -> Result<CodeAndLabel, UnknownCode>
where
    C: Code + for<'a> TryFrom<&'a str, Error = UnknownCode>,
{
    C::try_from(text).map(|code| (code.as_str(), code.label()))
}

/// One item of a generated module read as a code list: what each module's `CODED_ITEMS` lists, so
/// that a test or a tool reaches every code list of a spec without naming its enums.
#[derive(Debug, Clone, Copy)]
pub struct CodedItem {
    /// The struct holding the item (`Record`, `ResponseBody`).
    pub record: &'static str,
    /// Its field (`gender`).
    pub field: &'static str,
    /// 項番.
    pub item_no: &'static str,
    /// 項目名.
    pub item_name: &'static str,
    /// The enum the accessor returns, as the module names it (an alias where items share a list).
    pub code_type: &'static str,
    /// The enum.
    pub list: CodeTable,
    /// Puts `text` in the item of a default record (alone in an `Option` or `Vec` where the field is
    /// one) and returns the code its accessor reads (`None`: absent or no code) and what
    /// `validate()` says of the record.
    pub read: fn(&str) -> ReadOutcome,
}

/// Whether `a` and `b` hold the same codes, in any order (each list holds a code once). The
/// `Validate` derive checks at compile time with it that an item's `code_type` has exactly the
/// codes its `codes(...)` and `also(...)` allow.
pub const fn same_codes(a: &[&str], b: &[&str]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if !contains(b, a[i]) || !contains(a, b[i]) {
            return false;
        }
        i += 1;
    }
    true
}

const fn contains(list: &[&str], code: &str) -> bool {
    let mut i = 0;
    while i < list.len() {
        if same_text(list[i], code) {
            return true;
        }
        i += 1;
    }
    false
}

const fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::same_codes;

    #[test]
    fn codes_compare_as_sets_of_exact_texts() {
        assert!(same_codes(&["1", "2"], &["2", "1"]));
        assert!(same_codes(&[], &[]));
        assert!(!same_codes(&["1", "2"], &["1"]));
        assert!(!same_codes(&["1", "2"], &["1", "3"]));
        assert!(!same_codes(&["1"], &["１"]));
        assert!(!same_codes(&["01"], &["1"]));
        assert!(same_codes(&["成功", "失敗"], &["失敗", "成功"]));
    }
}
