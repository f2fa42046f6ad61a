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
    /// `HH`: an hour, 00–23 (LIFE 書式, e.g. 開催時間（時）).
    Hh,
    /// `mm`: minutes, 00–59 (LIFE 書式, e.g. 開催時間（分）). Written in lower case: `MM` alone is
    /// no format (it would be a month).
    Mi,
}

impl DateFormat {
    /// Every format, for vocabularies and tests.
    pub const ALL: [DateFormat; 12] = [
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
        DateFormat::Hh,
        DateFormat::Mi,
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
            DateFormat::Hh => "HH",
            DateFormat::Mi => "mm",
        }
    }

    /// The format a pattern names. Letters are matched without regard to case (`HHmm`, `yyyymmdd`),
    /// since spec tables write minutes either way, with one exception: `mm` alone is minutes
    /// ([`DateFormat::Mi`]), while `MM` alone names nothing (a month without its year).
    pub fn from_pattern(pattern: &str) -> Option<DateFormat> {
        let pattern = pattern.trim();
        if pattern == "mm" {
            return Some(DateFormat::Mi);
        }
        let upper = pattern.to_ascii_uppercase();
        // Every pattern but `mm` is written in upper case, so `MM` matches none.
        DateFormat::ALL.into_iter().find(|f| f.pattern() == upper)
    }

    /// Where each part of the format is in a value of it, as its pattern says.
    #[inline(always)]
    const fn layout(self) -> Layout {
        LAYOUTS[self as usize]
    }

    /// Whether `value` is a real date or time in this format.
    pub fn is_valid(self, value: &str) -> bool {
        // One copy of the check per format, its layout a constant: the compiler folds each into a
        // few loads and comparisons, for a value checked in every record of a file.
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
            f @ DateFormat::Hh => f.check(value),
            f @ DateFormat::Mi => f.check(value),
        }
    }

    #[inline(always)]
    fn check(self, value: &str) -> bool {
        let layout = self.layout();
        let bytes = value.as_bytes();
        // Every letter of the pattern stands for one ASCII character of the value: a value of
        // another length is not in the format, and one of the right length needs no bounds checks.
        let Some(bytes) = bytes.get(..layout.len).filter(|_| bytes.len() == layout.len) else {
            return false;
        };
        if !layout.literals[..layout.literal_count].iter().all(|&(at, literal)| bytes[at] == literal) {
            return false;
        }
        let part = |at: Option<usize>| at.map(|at| two_digits(bytes, at));
        let year = match layout.year {
            Some(at) => match (two_digits(bytes, at), two_digits(bytes, at + 2)) {
                (Some(high), Some(low)) if high * 100 + low >= 1 => Some(high * 100 + low),
                _ => return false,
            },
            None => None,
        };
        let in_range = |value: Option<Option<u32>>, low: u32, high: u32| match value {
            None => true,
            Some(Some(n)) => (low..=high).contains(&n),
            Some(None) => false,
        };
        let (month, day) = (part(layout.month), part(layout.day));
        if !(in_range(month, 1, 12)
            && in_range(day, 1, 31)
            && in_range(part(layout.hour), 0, 23)
            && in_range(part(layout.minute), 0, 59)
            && in_range(part(layout.second), 0, 59))
        {
            return false;
        }
        match (year, month.flatten(), day.flatten()) {
            (Some(y), Some(m), Some(d)) => d <= days_in_month(y, m),
            _ => true,
        }
    }
}

/// The most literal characters a pattern has (`YYYY-MM-DDTHH:MM:SS`).
const MAX_LITERALS: usize = 5;

/// Every format's layout, read from its pattern at compile time and indexed by the format: a check
/// of a known format then folds into a few loads and comparisons.
const LAYOUTS: [Layout; DateFormat::ALL.len()] = {
    let mut layouts = [Layout::EMPTY; DateFormat::ALL.len()];
    let mut i = 0;
    while i < layouts.len() {
        let format = DateFormat::ALL[i];
        assert!(format as usize == i, "ALL lists the formats in declaration order");
        layouts[i] = Layout::of(format.pattern());
        i += 1;
    }
    layouts
};

/// Offsets of a format's parts in a value of it.
#[derive(Clone, Copy)]
struct Layout {
    len: usize,
    /// The literal characters at their offsets; the first `literal_count` are used.
    literals: [(usize, u8); MAX_LITERALS],
    literal_count: usize,
    year: Option<usize>,
    month: Option<usize>,
    day: Option<usize>,
    hour: Option<usize>,
    minute: Option<usize>,
    second: Option<usize>,
}

impl Layout {
    const EMPTY: Layout = Layout {
        len: 0,
        literals: [(0, 0); MAX_LITERALS],
        literal_count: 0,
        year: None,
        month: None,
        day: None,
        hour: None,
        minute: None,
        second: None,
    };

    /// Reads a pattern: `YYYY` is the year, `MM` the month before an `HH` and the minute after it,
    /// `mm` the minute, `DD`, `HH` and `SS` the day, hour and second; any other character stands for
    /// itself.
    const fn of(pattern: &str) -> Layout {
        let pattern = pattern.as_bytes();
        let mut layout = Layout { len: pattern.len(), ..Layout::EMPTY };
        let mut at = 0;
        while at < pattern.len() {
            let (part, width) = match pattern[at] {
                b'Y' => (&mut layout.year, 4),
                b'M' if layout.hour.is_none() => (&mut layout.month, 2),
                b'M' | b'm' => (&mut layout.minute, 2),
                b'D' => (&mut layout.day, 2),
                b'H' => (&mut layout.hour, 2),
                b'S' => (&mut layout.second, 2),
                literal => {
                    layout.literals[layout.literal_count] = (at, literal);
                    layout.literal_count += 1;
                    at += 1;
                    continue;
                }
            };
            *part = Some(at);
            at += width;
        }
        layout
    }
}

/// The two ASCII digits at `at`, as a number.
#[inline(always)]
fn two_digits(bytes: &[u8], at: usize) -> Option<u32> {
    let (tens, ones) = (bytes[at].wrapping_sub(b'0'), bytes[at + 1].wrapping_sub(b'0'));
    (tens < 10 && ones < 10).then(|| u32::from(tens) * 10 + u32::from(ones))
}

impl fmt::Display for DateFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.pattern())
    }
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

    /// Every year of interest × month 00–13 × day 00–32, and every HHMM/HHMMSS-like value: the
    /// verdict is that of the calendar, read plainly.
    #[test]
    fn every_value_is_judged_by_the_calendar() {
        let leap = |y: u32| y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
        let days = |y: u32, m: u32| match m {
            2 if leap(y) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        for y in [0, 1, 1900, 2000, 2023, 2024, 2100, 9999] {
            for m in 0..=13 {
                let month_ok = y >= 1 && (1..=12).contains(&m);
                assert_eq!(DateFormat::YyyyMm.is_valid(&format!("{y:04}{m:02}")), month_ok);
                assert_eq!(DateFormat::YyyyMmHyphen.is_valid(&format!("{y:04}-{m:02}")), month_ok);
                for d in 0..=32 {
                    let ok = month_ok && d >= 1 && d <= days(y, m);
                    assert_eq!(DateFormat::YyyyMmDd.is_valid(&format!("{y:04}{m:02}{d:02}")), ok, "{y} {m} {d}");
                    assert_eq!(DateFormat::YyyyMmDdHyphen.is_valid(&format!("{y:04}-{m:02}-{d:02}")), ok);
                    assert_eq!(DateFormat::YyyyMmDdSlash.is_valid(&format!("{y:04}/{m:02}/{d:02}")), ok);
                    assert!(!DateFormat::YyyyMmDdSlash.is_valid(&format!("{y:04}-{m:02}/{d:02}")));
                    let time = format!("{y:04}{m:02}{d:02}235959");
                    assert_eq!(DateFormat::YyyyMmDdHhMmSs.is_valid(&time), ok);
                    assert_eq!(DateFormat::IsoDateTime.is_valid(&format!("{y:04}-{m:02}-{d:02}T00:00:00")), ok);
                    assert!(!DateFormat::IsoDateTime.is_valid(&format!("{y:04}-{m:02}-{d:02} 00:00:00")));
                }
            }
        }
        for h in 0..=99 {
            for mi in 0..=99 {
                let ok = h <= 23 && mi <= 59;
                assert_eq!(DateFormat::HhMm.is_valid(&format!("{h:02}{mi:02}")), ok, "{h} {mi}");
                assert_eq!(DateFormat::HhMmColon.is_valid(&format!("{h:02}:{mi:02}")), ok);
                assert_eq!(DateFormat::HhMmSs.is_valid(&format!("{h:02}{mi:02}{mi:02}")), ok);
                assert_eq!(DateFormat::YyyyMmDdHhMmSs.is_valid(&format!("20240229{h:02}{mi:02}00")), ok);
            }
        }
        for bad in ["", "2", "0930 ", " 0930", "09３0", "0a30", "09:3", "\u{0}930"] {
            assert!(!DateFormat::HhMm.is_valid(bad), "{bad:?}");
        }
    }

    #[test]
    fn patterns_round_trip_and_ignore_case() {
        for f in DateFormat::ALL {
            assert_eq!(DateFormat::from_pattern(f.pattern()), Some(f));
        }
        assert_eq!(DateFormat::from_pattern("HHmm"), Some(DateFormat::HhMm));
        assert_eq!(DateFormat::from_pattern("HHMM"), Some(DateFormat::HhMm));
        assert_eq!(DateFormat::from_pattern("YYYY年MM月"), None);
        assert_eq!(DateFormat::from_pattern("mm"), Some(DateFormat::Mi));
        assert_eq!(DateFormat::from_pattern(" mm "), Some(DateFormat::Mi));
        assert_eq!(DateFormat::from_pattern("MM"), None);
        assert_eq!(DateFormat::from_pattern("Mm"), None);
        assert_eq!(DateFormat::from_pattern("HH"), Some(DateFormat::Hh));
        assert_eq!(DateFormat::from_pattern("hh"), Some(DateFormat::Hh));
    }

    #[test]
    fn hours_and_minutes_alone() {
        for n in 0..=99 {
            assert_eq!(DateFormat::Hh.is_valid(&format!("{n:02}")), n <= 23, "{n}");
            assert_eq!(DateFormat::Mi.is_valid(&format!("{n:02}")), n <= 59, "{n}");
        }
        for bad in ["", "0", "000", "1a", " 1", "１２", "-1"] {
            assert!(!DateFormat::Hh.is_valid(bad), "{bad:?}");
            assert!(!DateFormat::Mi.is_valid(bad), "{bad:?}");
        }
    }
}
