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
//!     C1,
//!     /// `2`: 女性
//!     #[ltcip(code = "2", label = "女性")]
//!     C2,
//! }
//!
//! assert_eq!("2".parse::<GenderCode>(), Ok(GenderCode::C2));
//! assert_eq!(GenderCode::try_from("1"), Ok(GenderCode::C1));
//! assert_eq!(GenderCode::C1.as_str(), "1");
//! assert_eq!(GenderCode::C1.label(), Some("男性"));
//! assert_eq!(GenderCode::C2.to_string(), "2");
//! assert_eq!(GenderCode::ALL, [GenderCode::C1, GenderCode::C2]);
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
//! none of them needs the trait in scope.

use std::fmt;
use std::hash::Hash;
use std::str::FromStr;

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

    /// The message in Japanese: `「3」は利用者性別のコードではありません（「1」「2」のいずれか）`.
    pub fn message_ja(&self) -> String {
        let codes: String = self.codes.iter().map(|code| format!("「{code}」")).collect();
        format!("「{}」は{}のコードではありません（{codes}のいずれか）", self.code, self.list)
    }
}

impl fmt::Display for UnknownCode {
    /// `unknown code "3" of 利用者性別; expected one of "1", "2"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown code {:?} of {}; expected one of ", self.code, self.list)?;
        for (index, code) in self.codes.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{code:?}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownCode {}

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
