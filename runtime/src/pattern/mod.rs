//! Regular expressions of the `pattern` rule, compiled once per thread and pattern.
//!
//! Items hold their pattern as text (it is constant data in generated code, and read from a workbook
//! when validating without generated code), so compiled expressions are kept in a per-thread cache:
//! no lock on the path every value takes. The small patterns layouts state are matched by `simple`
//! without the general engine; whatever it does not decide goes to regex-lite.

mod simple;

use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    static COMPILED: RefCell<HashMap<Box<str>, Option<regex_lite::Regex>>> = RefCell::new(HashMap::new());
}

/// The expression a pattern stands for: the whole value must match.
fn anchored(pattern: &str) -> String {
    format!("^(?:{pattern})$")
}

/// Whether `pattern` is a valid regular expression for the `pattern` rule.
pub fn is_valid(pattern: &str) -> bool {
    regex_lite::Regex::new(&anchored(pattern)).is_ok()
}

/// Whether the whole of `value` matches `pattern`. An invalid pattern matches nothing (the derive and
/// the workbook reader reject invalid patterns before any value meets one).
pub(crate) fn is_match(pattern: &str, value: &str) -> bool {
    simple::is_match(pattern, value).unwrap_or_else(|| engine_match(pattern, value))
}

/// [`is_match`] by the general engine alone.
fn engine_match(pattern: &str, value: &str) -> bool {
    COMPILED.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(compiled) = cache.get(pattern) {
            return compiled.as_ref().is_some_and(|re| re.is_match(value));
        }
        let compiled = regex_lite::Regex::new(&anchored(pattern)).ok();
        let matched = compiled.as_ref().is_some_and(|re| re.is_match(value));
        cache.insert(pattern.into(), compiled);
        matched
    })
}

#[cfg(test)]
mod tests {
    use super::{is_match, is_valid};

    #[test]
    fn whole_values_only() {
        let insured = "[0-9]{10}|H[0-9]{9}";
        assert!(is_match(insured, "0123456789"));
        assert!(is_match(insured, "H123456789"));
        assert!(!is_match(insured, "H1234567890"));
        assert!(!is_match(insured, "x0123456789"));
        assert!(!is_match("[0-9]+", "12a"), "anchored at both ends");
        // Two bytes, each high: no position of an ASCII class admits a byte of a non-ASCII character.
        assert!(!is_match("[A-Z0-9]{2}", "ư"));
        assert!(!is_match("[0-9]{3}", "１"));
    }

    #[test]
    fn invalid_patterns_match_nothing() {
        assert!(!is_valid("[0-9"));
        assert!(!is_match("[0-9", "1"));
        assert!(is_valid("[0-9]{3}-[0-9]{4}"));
    }
}
