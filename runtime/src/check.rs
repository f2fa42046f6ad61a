//! The checks every item runs, whether its value sits in a generated struct or in an untyped JSON tree:
//! the single place where the spec's rules are decided.

use crate::chars::{scan, scan_decoded};
use crate::error::{Rule, ValidationError, ValidationErrors};
use crate::item::{Item, Kind, LengthUnit, Mode};
use crate::pointer::Pointer;

impl Item<'_> {
    /// Records a violation of `rule` by this item's value at `at`.
    pub fn report(&self, at: &Pointer<'_>, rule: Rule, value: Option<&str>, errors: &mut ValidationErrors) {
        errors.push(ValidationError::new(self, at, rule, value));
    }

    /// The item is absent (missing member, `null`, or an empty field; `" "` for a
    /// [`space_is_null`](Item::space_is_null) item): a violation when 出現回数 最小 is 1 or more
    /// ([`Rule::Required`]), or when the item's [`Requirement`](crate::Requirement) has no clause
    /// and applies in the mode of `errors` ([`Rule::RequiredIn`]). A requirement with clauses is
    /// checked on the whole record ([`check_conditions`]).
    #[inline]
    pub fn check_absent(&self, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        self.check_absent_by::<true>(at, errors);
    }

    /// [`Item::check_absent`]; without `EXTRA`, for an item known to have no
    /// [`required`](Item::required).
    #[inline(always)]
    fn check_absent_by<const EXTRA: bool>(&self, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        if self.occurs.min > 0 {
            self.violation(at, None, errors, || Rule::Required);
        } else if EXTRA
            && let Some(requirement) = self.required
            && requirement.when.is_empty()
            && requirement.mode.reached_by(errors.mode())
        {
            let mode = errors.mode();
            self.violation(at, None, errors, || Rule::RequiredIn { mode });
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
        self.check_text_by::<true, false>(value, at, errors);
    }

    /// [`Item::check_text`] of a value decoded from MS932 (a CSV field): the same verdict, with the
    /// characters scanned knowing where they came from ([`scan_decoded`]). Not for any other text:
    /// a lossy decoding's U+FFFD, for one, would pass as MS932.
    pub(crate) fn check_decoded(&self, value: &str, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        self.check_text_by::<true, true>(value, at, errors);
    }

    /// [`Item::check_decoded`] for an item that has none of the rules the LIFE files brought
    /// ([`Item::has_extra_rules`]): the care-plan reader's check, which then pays nothing for them.
    pub(crate) fn check_decoded_plain(&self, value: &str, at: &Pointer<'_>, errors: &mut ValidationErrors) {
        debug_assert!(!self.has_extra_rules());
        self.check_text_by::<false, true>(value, at, errors);
    }

    /// Whether the item has a rule that [`Item::check_decoded_plain`] leaves out: a
    /// [`Requirement`](crate::Requirement), [`space_is_null`](Item::space_is_null), a 数値 or a 範囲.
    pub(crate) fn has_extra_rules(&self) -> bool {
        self.required.is_some()
            || self.space_is_null
            || matches!(self.kind, Kind::Text(text) if text.number.is_some() || text.range.is_some())
    }

    /// The checks of a text; `EXTRA: false` leaves out the rules of [`Item::has_extra_rules`], for an
    /// item known to have none; `DECODED`: the text was decoded from MS932 ([`scan_decoded`]).
    ///
    /// The scan is chosen by a constant, so that each check calls it directly (and inlines it: see
    /// [`scan_decoded`]).
    #[inline(always)]
    fn check_text_by<const EXTRA: bool, const DECODED: bool>(
        &self,
        value: &str,
        at: &Pointer<'_>,
        errors: &mut ValidationErrors,
    ) {
        if value.is_empty() || (EXTRA && self.is_null(value)) {
            self.check_absent_by::<EXTRA>(at, errors);
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
        let scan = if DECODED {
            scan_decoded(value, text.chars, text.repertoire)
        } else {
            scan(value, text.chars, text.repertoire)
        };
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
        if !EXTRA {
            return;
        }
        if let Some(number) = text.number
            && !number.admits(value)
        {
            let rule = || Rule::Number { integer: number.integer, fraction: number.fraction };
            self.violation(at, Some(value), errors, rule);
        }
        if let Some(range) = text.range
            && !range.admits_text(value)
        {
            self.violation(at, Some(value), errors, || Rule::Range { range });
        }
    }
}

/// Checks the conditional requirements of a record's items (LIFE's ●, [`crate::Requirement`] with
/// clauses): for every item whose requirement applies in the mode of `errors`, whose own text is
/// absent (`None`, empty, or `" "` for a [`space_is_null`](Item::space_is_null) item) and whose
/// every clause holds, a [`Rule::RequiredWhen`] at `at.key(item.key)`.
///
/// `texts` holds each item's text, indexed like `items` (`None` for an absent item, a リスト or a
/// repeated one). A clause holds when the item `clause.key` names (found among `items` by key) has a
/// present text equal to one of `clause.values`; a clause naming no item of `items` never holds.
///
/// `#[derive(Validate)]` calls it after the field checks of a record that has such items; the CSV
/// readers and the untyped JSON checks call it on each record.
pub fn check_conditions(items: &[Item<'_>], texts: &[Option<&str>], at: &Pointer<'_>, errors: &mut ValidationErrors) {
    let mode = errors.mode();
    conditions(items, texts, mode, |index, rule| {
        let item = &items[index];
        item.report(&at.key(item.key), rule, None, errors);
    });
}

/// [`check_conditions`], handing each violation to `report` with the index of its item.
pub(crate) fn conditions(items: &[Item<'_>], texts: &[Option<&str>], mode: Mode, mut report: impl FnMut(usize, Rule)) {
    let text_of = |index: usize| texts.get(index).copied().flatten().filter(|text| !items[index].is_null(text));
    for (index, item) in items.iter().enumerate() {
        let Some(requirement) = item.required else { continue };
        if requirement.when.is_empty() || !requirement.mode.reached_by(mode) || text_of(index).is_some() {
            continue;
        }
        let holds = requirement.when.iter().all(|clause| {
            items
                .iter()
                .position(|other| other.key == clause.key)
                .and_then(text_of)
                .is_some_and(|text| clause.values.iter().any(|value| same(value, text)))
        });
        if holds {
            report(index, Rule::RequiredWhen { condition: describe_condition(items, requirement.when) });
        }
    }
}

/// A condition with the items' Japanese names: `施設／通所・居宅区分＝1 かつ 経口摂取＝1または2`.
fn describe_condition(items: &[Item<'_>], when: &[crate::item::Clause<'_>]) -> String {
    let clauses: Vec<String> = when
        .iter()
        .map(|clause| {
            let name = items.iter().find(|item| item.key == clause.key).map_or(clause.key, |item| item.name);
            format!("{name}＝{}", clause.values.join("または"))
        })
        .collect();
    clauses.join(" かつ ")
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

    fn messages(item: &Item<'_>, value: &str) -> Vec<(String, String)> {
        let mut errors = ValidationErrors::new();
        item.check_text(value, &Pointer::Root.key(item.key), &mut errors);
        errors.iter().map(|e| (e.message_en(), e.message_ja())).collect()
    }

    #[test]
    fn decimal_numbers() {
        use crate::item::Decimal;
        let height = Decimal::new(3, 1);
        for ok in ["0", "1", "170", "170.5", "-1", "-170.5", "000", "0.0"] {
            assert!(height.admits(ok), "{ok:?}");
        }
        for bad in
            ["", "-", "1000", "170.55", "1.", ".5", "+1", "1e2", "１", " 1", "1 ", "1,5", "--1", "1.5.5", "NaN", "inf"]
        {
            assert!(!height.admits(bad), "{bad:?}");
        }
        let whole = Decimal::new(2, 0);
        assert!(whole.admits("99"));
        assert!(!whole.admits("9.0"), "no decimal point when fraction is 0");

        const HEIGHT: Item<'static> =
            Item::new("5", "身長", "height", Occurs::OPTIONAL, Kind::Text(Text::new().decimal(3, 1)));
        assert_eq!(codes_of(&HEIGHT, "170.5"), Vec::<&str>::new());
        assert_eq!(codes_of(&HEIGHT, ""), Vec::<&str>::new());
        assert_eq!(
            messages(&HEIGHT, "170.55"),
            [(
                "must be a decimal number with at most 3 integer digits and 1 decimal (数値 3.1)".to_owned(),
                "整数部3桁以内・小数部1桁以内の数値ではありません（数値 3.1）".to_owned()
            )]
        );
        const COUNT: Item<'static> =
            Item::new("6", "回数", "count", Occurs::OPTIONAL, Kind::Text(Text::new().decimal(1, 0)));
        assert_eq!(
            messages(&COUNT, "1.5"),
            [(
                "must be a whole number of at most 1 digit (数値 1)".to_owned(),
                "1桁以内の整数ではありません（数値 1）".to_owned()
            )]
        );
    }

    #[test]
    fn ranges() {
        use crate::item::Range;
        let hours = Range::new(Some(0.0), Some(23.0));
        assert!(hours.admits(0.0) && hours.admits(23.0) && hours.admits(12.5));
        assert!(!hours.admits(-0.5) && !hours.admits(23.01));
        assert!(hours.admits_text("00") && hours.admits_text("23.0") && hours.admits_text("-0"));
        assert!(
            !hours.admits_text("24") && !hours.admits_text("x") && !hours.admits_text("") && !hours.admits_text("1e1")
        );
        assert!(Range::new(None, Some(-1.5)).admits_text("-100000000000000000000000000000"));
        assert!(Range::new(Some(0.5), None).admits_text("123456789012345678901234567890.5"));

        const RATE: Item<'static> = Item::new(
            "7",
            "割合",
            "rate",
            Occurs::OPTIONAL,
            Kind::Text(Text::new().range(Range::new(Some(0.0), Some(100.0)))),
        );
        assert_eq!(codes_of(&RATE, "100"), Vec::<&str>::new());
        assert_eq!(codes_of(&RATE, "100.5"), ["range"]);
        assert_eq!(
            messages(&RATE, "abc"),
            [(
                "must be a number from 0 to 100 (範囲 0～100)".to_owned(),
                "0～100の数値ではありません（範囲 0～100）".to_owned()
            )]
        );
        let open = |min, max| crate::Rule::Range { range: crate::Range::new(min, max) };
        let en = |rule: crate::Rule| crate::ValidationError::new(&RATE, &Pointer::Root, rule, None).message_en();
        assert_eq!(en(open(Some(0.5), None)), "must be a number of at least 0.5 (範囲 0.5～)");
        assert_eq!(en(open(None, Some(-1.0))), "must be a number of at most -1 (範囲 ～-1)");
        assert_eq!(open(Some(0.5), None), open(Some(0.5), None));
        assert_ne!(open(Some(0.5), None), open(Some(0.5), Some(1.0)));
        assert_eq!(open(Some(f64::NAN), None), open(Some(f64::NAN), None), "every rule equals itself");
    }

    #[test]
    fn requirements_by_mode() {
        use crate::item::{Mode, Requirement};
        const WEIGHT: Item<'static> = Item::new("6", "体重", "weight", Occurs::OPTIONAL, Kind::Text(Text::new()))
            .required(Requirement::new(Mode::Final, &[]));
        const NAME: Item<'static> = Item::new("7", "氏名", "name", Occurs::OPTIONAL, Kind::Text(Text::new()))
            .required(Requirement::new(Mode::Draft, &[]));
        let absent = |item: &Item<'_>, mode: Mode| {
            let mut errors = ValidationErrors::with_mode(mode);
            item.check_absent(&Pointer::Root.key(item.key), &mut errors);
            errors.iter().map(|e| (e.rule().clone(), e.message_ja())).collect::<Vec<_>>()
        };
        assert_eq!(absent(&WEIGHT, Mode::Draft), []);
        assert_eq!(
            absent(&WEIGHT, Mode::Final),
            [(crate::Rule::RequiredIn { mode: Mode::Final }, "確定取込時は必須です".to_owned())]
        );
        assert_eq!(
            absent(&NAME, Mode::Draft),
            [(crate::Rule::RequiredIn { mode: Mode::Draft }, "仮取込時は必須です".to_owned())]
        );
        assert_eq!(absent(&NAME, Mode::Final).len(), 1);
        assert_eq!(absent(&WEIGHT, Mode::Final)[0].0.code(), "required");
        assert!(Mode::Draft < Mode::Final && Mode::default() == Mode::Final);
        assert!(WEIGHT.always_required(Mode::Final) && !WEIGHT.always_required(Mode::Draft));
        assert!(ValidationErrors::new().mode() == Mode::Final);
        assert_eq!(ValidationErrors::with_mode(Mode::Draft), ValidationErrors::new(), "equal when holding the same");
    }

    #[test]
    fn one_space_is_null_where_the_item_says() {
        const DATE: Item<'static> =
            Item::new("1", "日付", "date", Occurs::OPTIONAL, Kind::Text(Text::new().date(DateFormat::YyyyMmDd)));
        const LIFE_DATE: Item<'static> = DATE.space_is_null();
        const NAME: Item<'static> =
            Item::new("2", "氏名", "name", Occurs::REQUIRED, Kind::Text(Text::new())).space_is_null();
        assert_eq!(codes_of(&DATE, " "), ["date"]);
        assert_eq!(codes_of(&LIFE_DATE, " "), Vec::<&str>::new());
        assert_eq!(codes_of(&LIFE_DATE, "  "), ["date"]);
        assert_eq!(codes_of(&LIFE_DATE, "\u{3000}"), ["date"]);
        assert_eq!(codes_of(&NAME, " "), ["required"]);
        assert_eq!(codes_of(&NAME, "\u{3000}"), Vec::<&str>::new());
        assert!(LIFE_DATE.is_null("") && LIFE_DATE.is_null(" ") && !DATE.is_null(" ") && !LIFE_DATE.is_null("\t"));
    }

    #[test]
    fn conditions_hold_on_other_items() {
        use crate::item::{Clause, Mode, Requirement};
        const FACILITY: Item<'static> =
            Item::new("1", "施設／通所・居宅区分", "facility_type", Occurs::REQUIRED, Kind::Text(Text::new()));
        const ORAL: Item<'static> =
            Item::new("2", "経口摂取", "oral_intake", Occurs::OPTIONAL, Kind::Text(Text::new())).space_is_null();
        const NUTRITION: Item<'static> =
            Item::new("3", "栄養補給法", "nutrition", Occurs::OPTIONAL, Kind::Text(Text::new()))
                .space_is_null()
                .required(Requirement::new(
                    Mode::Final,
                    &[Clause::new("facility_type", &["1"]), Clause::new("oral_intake", &["1", "2"])],
                ));
        const NOWHERE: Item<'static> = Item::new("4", "不明", "nowhere", Occurs::OPTIONAL, Kind::Text(Text::new()))
            .required(Requirement::new(Mode::Draft, &[Clause::new("missing", &["1"])]));
        let items = [FACILITY, ORAL, NUTRITION, NOWHERE];
        let check = |texts: [Option<&str>; 4], mode: Mode| {
            let mut errors = ValidationErrors::with_mode(mode);
            super::check_conditions(&items, &texts, &Pointer::Root.key("body").index(0), &mut errors);
            errors.iter().map(|e| (e.pointer().to_owned(), e.item_no().to_owned(), e.message_ja())).collect::<Vec<_>>()
        };
        let required = || {
            vec![(
                "/body/0/nutrition".to_owned(),
                "3".to_owned(),
                "施設／通所・居宅区分＝1 かつ 経口摂取＝1または2の場合は必須です".to_owned(),
            )]
        };
        assert_eq!(check([Some("1"), Some("2"), None, None], Mode::Final), required());
        assert_eq!(check([Some("1"), Some("1"), Some(""), None], Mode::Final), required());
        assert_eq!(check([Some("1"), Some("1"), Some(" "), None], Mode::Final), required());
        assert_eq!(check([Some("1"), Some("1"), Some("経腸"), None], Mode::Final), []);
        assert_eq!(check([Some("1"), Some("1"), None, None], Mode::Draft), [], "a requirement of final import");
        assert_eq!(check([Some("2"), Some("1"), None, None], Mode::Final), []);
        assert_eq!(check([Some("1"), Some("0"), None, None], Mode::Final), []);
        assert_eq!(check([Some("1"), Some(" "), None, None], Mode::Final), [], "a deleted value holds no clause");
        assert_eq!(check([Some("1"), None, None, None], Mode::Final), []);
        assert_eq!(check([None, None, None, None], Mode::Final), [], "a clause on no item never holds");
        let mut errors = ValidationErrors::new();
        super::check_conditions(&items, &[Some("1"), Some("2")], &Pointer::Root, &mut errors);
        assert_eq!(errors.len(), 1, "texts shorter than items: the rest are absent");
        assert_eq!(
            errors.iter().next().unwrap().message_en(),
            "is required when 施設／通所・居宅区分＝1 かつ 経口摂取＝1または2, but absent or empty"
        );
    }
}
