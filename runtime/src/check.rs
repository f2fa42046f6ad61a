//! The checks every item runs, whether its value sits in a generated struct or in an untyped JSON tree:
//! the single place where the spec's rules are decided.

use crate::chars::{CharClass, Repertoire, Scan, scan, scan_decoded};
use crate::error::{Rule, ValidationError, ValidationErrors};
use crate::item::{Item, Kind, LengthUnit};
use crate::pointer::Pointer;

impl Item<'_> {
    /// Records a violation of `rule` by this item's value at `at`.
    pub fn report(&self, at: &Pointer<'_>, rule: Rule, value: Option<&str>, errors: &mut ValidationErrors) {
        errors.push(ValidationError::new(self, at, rule, value));
    }

    /// The item is absent (missing member, `null`, or an empty field).
    #[inline]
    pub fn check_absent(&self, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        if self.occurs.min > 0 {
            self.violation(at, None, errors, || Rule::Required);
        }
    }

    /// Records the violation `rule()` describes. Kept out of line and marked cold, so that the checks
    /// every valid value goes through stay small: a file or a response checks millions of values.
    #[cold]
    #[inline(never)]
    fn violation(
        &self,
        at: &Pointer<'_>,
        value: Option<&str>,
        errors: &mut ValidationErrors,
        rule: impl FnOnce() -> Rule,
    ) {
        self.report(at, rule(), value, errors);
    }

    /// The item is an array of `count` elements.
    pub fn check_count(&self, count: usize, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        let bounds = self.elements();
        if !bounds.admits(count) {
            let rule = Rule::Count { min: bounds.min, max: bounds.max, found: count };
            self.report(at, rule, None, errors);
        }
    }

    /// The item's value is the text `value`. An empty text counts as absent, as an empty CSV field
    /// does (the care-plan spec's 「Null（空）」).
    pub fn check_text(&self, value: &str, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        self.check_text_inline(value, at, errors);
    }

    /// [`Item::check_text`], inlined where it is called. Where the item is a constant (a derived
    /// `validate()` reaches each field's item through [`crate::Field`]), the compiler then keeps only
    /// the rules that item has: no test of a code list for a date, no class dispatch for 半角数字.
    /// Validating a decoded response of a million records took 48 ms before this, 34–40 ms after.
    #[inline(always)]
    pub(crate) fn check_text_inline(&self, value: &str, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        self.check_text_by(value, at, errors, scan);
    }

    /// [`Item::check_text`] of a value decoded from MS932 (a CSV field): the same verdict, with the
    /// characters scanned knowing where they came from ([`scan_decoded`]). Not for any other text:
    /// a lossy decoding's U+FFFD, for one, would pass as MS932.
    pub(crate) fn check_decoded(&self, value: &str, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        self.check_text_by(value, at, errors, scan_decoded);
    }

    #[inline(always)]
    fn check_text_by(
        &self,
        value: &str,
        at: &Pointer<'_>,
        errors: &mut ValidationErrors,
        scan_text: impl FnOnce(&str, Option<CharClass>, Repertoire) -> Scan,
    ) {
        if value.is_empty() {
            self.check_absent(at, errors);
            return;
        }
        let Kind::Text(text) = &self.kind else {
            return;
        };
        if text.also.iter().any(|also| same(also, value)) {
            return;
        }
        // A fixed value or a code list names every value allowed: the class and length rules they
        // were written under add nothing, and repeating them would only bury the real message.
        if let Some(expected) = text.fixed {
            if !same(value, expected) {
                self.violation(at, Some(value), errors, || Rule::Fixed { expected: expected.to_owned() });
            }
            return;
        }
        if !text.codes.is_empty() {
            if !text.codes.iter().any(|code| same(code, value)) {
                let allowed = || Rule::Code { allowed: text.codes.iter().map(|c| (*c).to_owned()).collect() };
                self.violation(at, Some(value), errors, allowed);
            }
            return;
        }
        let scan = scan_text(value, text.chars, text.repertoire);
        if let Some((found, position)) = scan.outside {
            let rule = || Rule::Repertoire { repertoire: text.repertoire, found, position };
            self.violation(at, Some(value), errors, rule);
        }
        if let (Some(class), Some((found, position))) = (text.chars, scan.misfit) {
            self.violation(at, Some(value), errors, || Rule::Chars { class, found, position });
        }
        if let Some(length) = text.length {
            let found = match length.unit {
                LengthUnit::Chars => scan.chars,
                LengthUnit::Ms932Bytes => scan.ms932_bytes,
            };
            if !length.admits(found) {
                let rule = || Rule::Length { digits: length.digits, fixed: length.fixed, unit: length.unit, found };
                self.violation(at, Some(value), errors, rule);
            }
        }
        if let Some(format) = text.date
            && !format.is_valid(value)
        {
            self.violation(at, Some(value), errors, || Rule::Date { format });
        }
        if let Some(pattern) = text.pattern
            && !crate::pattern::is_match(pattern, value)
        {
            self.violation(at, Some(value), errors, || Rule::Pattern { pattern: pattern.to_owned() });
        }
    }
}

/// `a == b`, byte by byte in place. The texts rules compare (codes, fixed values, a file's uniform
/// values) are one to six bytes long, and `==` made each comparison a call to `memcmp`: 4 % of the
/// time of reading a care-plan file. Longer texts compare correctly, if no faster.
#[inline(always)]
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use crate::chars::CharClass;
    use crate::date::DateFormat;
    use crate::error::ValidationErrors;
    use crate::item::{Item, Kind, Length, LengthUnit, Occurs, Text};
    use crate::pointer::Pointer;

    fn codes_of(item: &Item<'_>, value: &str) -> Vec<&'static str> {
        let mut errors = ValidationErrors::new();
        item.check_text(value, &Pointer::Root.key(item.key), &mut errors);
        errors.iter().map(|e| e.rule().code()).collect()
    }

    const NUMBER: Item<'static> = Item::new(
        "01",
        "介護保険者番号",
        "care_insure_provider_number",
        Occurs::REQUIRED,
        Kind::Text(Text::new().chars(CharClass::HalfDigits).length(Length::fixed(6, LengthUnit::Chars))),
    );

    #[test]
    fn every_broken_rule_is_reported() {
        assert_eq!(codes_of(&NUMBER, "123456"), Vec::<&str>::new());
        assert_eq!(codes_of(&NUMBER, "１２３４５６"), ["chars"]);
        assert_eq!(codes_of(&NUMBER, "１"), ["chars", "length"]);
        assert_eq!(codes_of(&NUMBER, "1234𠮷"), ["repertoire", "length"]);
        assert_eq!(codes_of(&NUMBER, ""), ["required"]);
    }

    #[test]
    fn same_is_equality() {
        use super::same;
        for (a, b) in [("", ""), ("1", "1"), ("202407", "202407"), ("成功", "成功")] {
            assert!(same(a, b), "{a:?} {b:?}");
        }
        for (a, b) in [("1", "12"), ("12", "1"), ("", "0"), ("202407", "202408"), ("成功", "失敗")] {
            assert!(!same(a, b), "{a:?} {b:?}");
        }
    }

    #[test]
    fn codes_and_fixed_values_stand_alone() {
        const RESULT: Item<'static> = Item::new(
            "03",
            "取得結果",
            "result",
            Occurs::REQUIRED,
            Kind::Text(
                Text::new()
                    .chars(CharClass::Full)
                    .length(Length::variable(2, LengthUnit::Chars))
                    .codes(&["成功", "失敗"]),
            ),
        );
        assert!(codes_of(&RESULT, "成功").is_empty());
        assert_eq!(codes_of(&RESULT, "OK"), ["code"]);
        const CONTENT_TYPE: Item<'static> = Item::new(
            "01",
            "コンテンツタイプ",
            "Content-Type",
            Occurs::REQUIRED,
            Kind::Text(Text::new().fixed("application/json")),
        );
        assert!(codes_of(&CONTENT_TYPE, "application/json").is_empty());
        assert_eq!(codes_of(&CONTENT_TYPE, "text/plain"), ["fixed"]);
    }

    #[test]
    fn dates_are_checked_on_the_calendar() {
        const END: Item<'static> = Item::new(
            "11",
            "介護被保険者証利用停止日",
            "care_insurance_end_date",
            Occurs::OPTIONAL,
            Kind::Text(
                Text::new()
                    .chars(CharClass::Half)
                    .length(Length::fixed(10, LengthUnit::Chars))
                    .date(DateFormat::YyyyMmDdHyphen),
            ),
        );
        assert!(codes_of(&END, "2024-02-29").is_empty());
        assert_eq!(codes_of(&END, "2025-02-29"), ["date"]);
        assert_eq!(codes_of(&END, "2025/02/28"), ["date"]);
        assert!(codes_of(&END, "").is_empty(), "optional: empty is absent");
    }

    #[test]
    fn bytes_are_counted_in_ms932() {
        const NAME: Item<'static> = Item::new(
            "05",
            "氏名",
            "name",
            Occurs::OPTIONAL,
            Kind::Text(Text::new().length(Length::variable(4, LengthUnit::Ms932Bytes))),
        );
        assert!(codes_of(&NAME, "介護").is_empty());
        assert_eq!(codes_of(&NAME, "介護a"), ["length"]);
        assert!(codes_of(&NAME, "ｶｲｺﾞ").is_empty(), "half-width katakana is one byte");
    }

    #[test]
    fn errors_name_item_and_pointer() {
        let mut errors = ValidationErrors::new();
        let body = Pointer::Root.key("body");
        let first = body.index(0);
        NUMBER.check_text("1", &first.key(NUMBER.key), &mut errors);
        let error = errors.iter().next().unwrap();
        assert_eq!(error.pointer(), "/body/0/care_insure_provider_number");
        assert_eq!(error.item_no(), "01");
        assert_eq!(error.item_name(), "介護保険者番号");
        assert_eq!(error.value(), Some("1"));
        assert!(error.message_ja().contains("6文字固定"), "{}", error.message_ja());
        assert!(error.message_en().contains("exactly 6 characters"), "{}", error.message_en());
    }
}
