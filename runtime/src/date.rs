//! Date and time formats the spec writes after `●書式` or in a 書式 column, checked against the
//! calendar (2025-02-29 is not a date).

use std::fmt;

/// A date or time format of the spec family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateFormat {
    /// `YYYY-MM-DD` (別紙13).
    YyyyMmDdHyphen,
    /// `YYYY/MM/DD`.
    YyyyMmDdSlash,
    /// `YYYYMMDD` (care-plan, オンライン資格確認).
    YyyyMmDd,
    /// `YYYY-MM`.
    YyyyMmHyphen,
    /// `YYYYMM` (care-plan 対象年月, CSVバージョン).
    YyyyMm,
    /// `YYYYMMDDHHMMSS` (file-name timestamps).
    YyyyMmDdHhMmSs,
    /// `YYYY-MM-DDTHH:MM:SS`.
    IsoDateTime,
    /// `HHMM` (care-plan 開始時刻).
    HhMm,
    /// `HH:MM`.
    HhMmColon,
    /// `HHMMSS`.
    HhMmSs,
}

/// One field of a format.
#[derive(Clone, Copy)]
enum Part {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Lit(u8),
}

impl DateFormat {
    /// Every format, for vocabularies and tests.
    pub const ALL: [DateFormat; 10] = [
        DateFormat::YyyyMmDdHyphen,
        DateFormat::YyyyMmDdSlash,
        DateFormat::YyyyMmDd,
        DateFormat::YyyyMmHyphen,
        DateFormat::YyyyMm,
        DateFormat::YyyyMmDdHhMmSs,
        DateFormat::IsoDateTime,
        DateFormat::HhMm,
        DateFormat::HhMmColon,
        DateFormat::HhMmSs,
    ];

    /// The pattern as the spec writes it.
    pub const fn pattern(self) -> &'static str {
        match self {
            DateFormat::YyyyMmDdHyphen => "YYYY-MM-DD",
            DateFormat::YyyyMmDdSlash => "YYYY/MM/DD",
            DateFormat::YyyyMmDd => "YYYYMMDD",
            DateFormat::YyyyMmHyphen => "YYYY-MM",
            DateFormat::YyyyMm => "YYYYMM",
            DateFormat::YyyyMmDdHhMmSs => "YYYYMMDDHHMMSS",
            DateFormat::IsoDateTime => "YYYY-MM-DDTHH:MM:SS",
            DateFormat::HhMm => "HHMM",
            DateFormat::HhMmColon => "HH:MM",
            DateFormat::HhMmSs => "HHMMSS",
        }
    }

    /// The format a pattern names. Letters are matched without regard to case (`HHmm`, `yyyymmdd`),
    /// since spec tables write minutes either way.
    pub fn from_pattern(pattern: &str) -> Option<DateFormat> {
        let upper = pattern.trim().to_ascii_uppercase();
        DateFormat::ALL.into_iter().find(|f| f.pattern() == upper)
    }

    #[inline(always)]
    fn parts(self) -> &'static [Part] {
        use Part::*;
        match self {
            DateFormat::YyyyMmDdHyphen => &[Year, Lit(b'-'), Month, Lit(b'-'), Day],
            DateFormat::YyyyMmDdSlash => &[Year, Lit(b'/'), Month, Lit(b'/'), Day],
            DateFormat::YyyyMmDd => &[Year, Month, Day],
            DateFormat::YyyyMmHyphen => &[Year, Lit(b'-'), Month],
            DateFormat::YyyyMm => &[Year, Month],
            DateFormat::YyyyMmDdHhMmSs => &[Year, Month, Day, Hour, Minute, Second],
            DateFormat::IsoDateTime => {
                &[Year, Lit(b'-'), Month, Lit(b'-'), Day, Lit(b'T'), Hour, Lit(b':'), Minute, Lit(b':'), Second]
            }
            DateFormat::HhMm => &[Hour, Minute],
            DateFormat::HhMmColon => &[Hour, Lit(b':'), Minute],
            DateFormat::HhMmSs => &[Hour, Minute, Second],
        }
    }

    /// Whether `value` is written in this format and names a real date and time.
    pub fn is_valid(self, value: &str) -> bool {
        // One copy of the check per format, each with its parts as constants, which the compiler
        // unrolls: a value checked in every record of a file costs a few comparisons.
        match self {
            f @ DateFormat::YyyyMmDdHyphen => f.check(value),
            f @ DateFormat::YyyyMmDdSlash => f.check(value),
            f @ DateFormat::YyyyMmDd => f.check(value),
            f @ DateFormat::YyyyMmHyphen => f.check(value),
            f @ DateFormat::YyyyMm => f.check(value),
            f @ DateFormat::YyyyMmDdHhMmSs => f.check(value),
            f @ DateFormat::IsoDateTime => f.check(value),
            f @ DateFormat::HhMm => f.check(value),
            f @ DateFormat::HhMmColon => f.check(value),
            f @ DateFormat::HhMmSs => f.check(value),
        }
    }

    #[inline(always)]
    fn check(self, value: &str) -> bool {
        // Every letter of the pattern stands for one ASCII character of the value: a value of
        // another length is not in the format, and one of the right length needs no bounds checks.
        if value.len() != self.pattern().len() {
            return false;
        }
        let mut rest = value.as_bytes();
        let (mut year, mut month, mut day) = (None, None, None);
        for part in self.parts() {
            let width = match part {
                Part::Year => 4,
                Part::Lit(_) => 1,
                _ => 2,
            };
            let (field, tail) = rest.split_at(width);
            rest = tail;
            if let Part::Lit(lit) = part {
                if field[0] != *lit {
                    return false;
                }
                continue;
            }
            let Some(n) = digits(field) else {
                return false;
            };
            let in_range = match part {
                Part::Year => {
                    year = Some(n);
                    n >= 1
                }
                Part::Month => {
                    month = Some(n);
                    (1..=12).contains(&n)
                }
                Part::Day => {
                    day = Some(n);
                    n >= 1
                }
                Part::Hour => n <= 23,
                Part::Minute | Part::Second => n <= 59,
                Part::Lit(_) => true,
            };
            if !in_range {
                return false;
            }
        }
        if !rest.is_empty() {
            return false;
        }
        match (year, month, day) {
            (Some(y), Some(m), Some(d)) => d <= days_in_month(y, m),
            _ => true,
        }
    }
}

impl fmt::Display for DateFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.pattern())
    }
}

fn digits(field: &[u8]) -> Option<u32> {
    field.iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::DateFormat;

    #[test]
    fn calendar_valid_dates() {
        let f = DateFormat::YyyyMmDdHyphen;
        assert!(f.is_valid("2025-01-31"));
        assert!(f.is_valid("2024-02-29"), "leap year");
        assert!(f.is_valid("2000-02-29"), "400-year rule");
        assert!(!f.is_valid("2025-02-29"));
        assert!(!f.is_valid("1900-02-29"), "100-year rule");
        assert!(!f.is_valid("2025-04-31"));
        assert!(!f.is_valid("0000-00-00"));
        assert!(!f.is_valid("2025-13-01"));
        assert!(!f.is_valid("2025/01/31"));
        assert!(!f.is_valid("20250131"));
        assert!(!f.is_valid("2025-1-31"));
        assert!(!f.is_valid("2025-01-31 "));
        assert!(!f.is_valid("２０２５-01-31"));
    }

    #[test]
    fn compact_and_time_formats() {
        assert!(DateFormat::YyyyMmDd.is_valid("20240229"));
        assert!(!DateFormat::YyyyMmDd.is_valid("20230229"));
        assert!(DateFormat::YyyyMm.is_valid("202407"));
        assert!(!DateFormat::YyyyMm.is_valid("202400"));
        assert!(DateFormat::YyyyMmDdHhMmSs.is_valid("20191025200201"));
        assert!(!DateFormat::YyyyMmDdHhMmSs.is_valid("20191025240201"));
        assert!(DateFormat::HhMm.is_valid("2359"));
        assert!(!DateFormat::HhMm.is_valid("2360"));
        assert!(DateFormat::IsoDateTime.is_valid("2026-05-27T09:30:00"));
    }

    #[test]
    fn patterns_round_trip_and_ignore_case() {
        for f in DateFormat::ALL {
            assert_eq!(DateFormat::from_pattern(f.pattern()), Some(f));
        }
        assert_eq!(DateFormat::from_pattern("HHmm"), Some(DateFormat::HhMm));
        assert_eq!(DateFormat::from_pattern("YYYY年MM月"), None);
    }
}
