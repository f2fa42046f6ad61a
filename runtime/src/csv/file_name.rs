//! The care-plan spec's file names: `UPPLAN_202504_1312345678_43_1398765432_11_20250401093000.CSV`,
//! a prefix naming the file, fields of fixed width joined by `_`, and the extension.

use std::fmt;

use crate::date::DateFormat;

/// A file-name rule, as data (generated code holds one per file as `FILE_NAME`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileNamePattern<'a> {
    /// What the name starts with (`UPPLAN`; `UPKIHON_SUB1`).
    pub prefix: &'a str,
    /// The fields after the prefix, each preceded by `_`.
    pub segments: &'a [Segment<'a>],
    /// What the name ends with (`.CSV`).
    pub extension: &'a str,
}

/// One field of a file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    /// The spec's name for it (`送信元の事業所番号`).
    pub name: &'a str,
    /// Its width in ASCII digits.
    pub digits: usize,
    /// The date or time format it must follow, if any.
    pub date: Option<DateFormat>,
    /// Values allowed besides (`000000`: 利用者補足情報 tied to 第1表/第2表).
    pub also: &'a [&'a str],
}

impl<'a> Segment<'a> {
    /// A field of `digits` ASCII digits.
    pub const fn digits(name: &'a str, digits: usize) -> Self {
        Segment { name, digits, date: None, also: &[] }
    }

    /// A date or time field.
    pub const fn date(name: &'a str, format: DateFormat) -> Self {
        Segment { name, digits: format.pattern().len(), date: Some(format), also: &[] }
    }

    /// Allows these values besides.
    pub const fn also(mut self, values: &'a [&'a str]) -> Self {
        self.also = values;
        self
    }

    fn check(&self, value: &str) -> Result<(), String> {
        if self.also.contains(&value) {
            return Ok(());
        }
        if value.len() != self.digits || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("must be {} ASCII digits, found {value:?}", self.digits));
        }
        match self.date {
            Some(format) if !format.is_valid(value) => Err(format!("{value:?} is not a real {}", format.pattern())),
            _ => Ok(()),
        }
    }
}

impl<'a> FileNamePattern<'a> {
    /// A rule.
    pub const fn new(prefix: &'a str, segments: &'a [Segment<'a>], extension: &'a str) -> Self {
        FileNamePattern { prefix, segments, extension }
    }

    /// Reads a file name (without folders); every field is checked.
    pub fn parse(&self, name: &str) -> Result<FileName, FileNameError> {
        let fail = |reason: String| Err(FileNameError { name: name.to_owned(), reason });
        let Some(rest) = name.strip_prefix(self.prefix) else {
            return fail(format!("must start with {}", self.prefix));
        };
        let Some(rest) = rest.strip_suffix(self.extension) else {
            return fail(format!("must end with {} (upper case, as the spec writes it)", self.extension));
        };
        let values: Vec<&str> = if rest.is_empty() { Vec::new() } else { rest.split('_').skip(1).collect() };
        if !rest.is_empty() && !rest.starts_with('_') || values.len() != self.segments.len() {
            return fail(format!("must be {}", self.rule()));
        }
        for (segment, value) in self.segments.iter().zip(&values) {
            if let Err(reason) = segment.check(value) {
                return fail(format!("{}: {reason}", segment.name));
            }
        }
        Ok(FileName { values: values.into_iter().map(str::to_owned).collect() })
    }

    /// Builds a file name from the fields' values, in order; every field is checked.
    pub fn build(&self, values: &[&str]) -> Result<String, FileNameError> {
        let mut name = self.prefix.to_owned();
        for value in values {
            name.push('_');
            name.push_str(value);
        }
        name.push_str(self.extension);
        if values.len() != self.segments.len() {
            let reason =
                format!("{} fields given; the rule has {}: {}", values.len(), self.segments.len(), self.rule());
            return Err(FileNameError { name, reason });
        }
        for (segment, value) in self.segments.iter().zip(values) {
            if let Err(reason) = segment.check(value) {
                return Err(FileNameError { name, reason: format!("{}: {reason}", segment.name) });
            }
        }
        Ok(name)
    }

    /// The rule as the spec writes it: `UPPLAN_対象年月(YYYYMM)_…​.CSV`.
    pub fn rule(&self) -> String {
        let mut rule = self.prefix.to_owned();
        for segment in self.segments {
            match segment.date {
                Some(format) => rule.push_str(&format!("_{}({})", segment.name, format.pattern())),
                None => rule.push_str(&format!("_{}({}桁)", segment.name, segment.digits)),
            }
        }
        rule.push_str(self.extension);
        rule
    }
}

impl fmt::Display for FileNamePattern<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rule())
    }
}

/// The fields of a parsed file name, in the rule's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileName {
    values: Vec<String>,
}

impl FileName {
    /// The fields' values.
    pub fn values(&self) -> &[String] {
        &self.values
    }

    /// The value of the field at `index`.
    pub fn get(&self, index: usize) -> Option<&str> {
        self.values.get(index).map(String::as_str)
    }
}

/// A file name that breaks its rule, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileNameError {
    /// The name.
    pub name: String,
    /// Why it breaks the rule.
    pub reason: String,
}

impl fmt::Display for FileNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "file name {:?}: {}", self.name, self.reason)
    }
}

impl std::error::Error for FileNameError {}

#[cfg(test)]
mod tests {
    use super::{FileNamePattern, Segment};
    use crate::date::DateFormat;

    const OFFICES: [Segment<'static>; 5] = [
        Segment::digits("送信元の事業所番号", 10),
        Segment::digits("送信元のサービス種類コード", 2),
        Segment::digits("送信先の事業所番号", 10),
        Segment::digits("送信先のサービス種類コード", 2),
        Segment::date("ファイル連番", DateFormat::YyyyMmDdHhMmSs),
    ];

    const UPPLAN: FileNamePattern<'static> = FileNamePattern::new(
        "UPPLAN",
        &[Segment::date("対象年月", DateFormat::YyyyMm), OFFICES[0], OFFICES[1], OFFICES[2], OFFICES[3], OFFICES[4]],
        ".CSV",
    );

    #[test]
    fn parses_and_builds_the_spec_example() {
        let example = "UPPLAN_201912_0300000100_43_0300000005_11_20191025200201.CSV";
        let name = UPPLAN.parse(example).expect("the spec's own example");
        assert_eq!(name.get(0), Some("201912"));
        assert_eq!(name.get(3), Some("0300000005"));
        let values: Vec<&str> = name.values().iter().map(String::as_str).collect();
        assert_eq!(UPPLAN.build(&values).as_deref(), Ok(example));
    }

    #[test]
    fn malformed_names_get_a_reason() {
        let cases = [
            ("UPJSK_201912_0300000100_43_0300000005_11_20191025200201.CSV", "must start with UPPLAN"),
            ("UPPLAN_201912_0300000100_43_0300000005_11_20191025200201.csv", "must end with .CSV"),
            (
                "UPPLAN_201913_0300000100_43_0300000005_11_20191025200201.CSV",
                "対象年月: \"201913\" is not a real YYYYMM",
            ),
            (
                "UPPLAN_201912_300000100_43_0300000005_11_20191025200201.CSV",
                "送信元の事業所番号: must be 10 ASCII digits",
            ),
            ("UPPLAN_201912_0300000100_0300000005_20191025200201.CSV", "must be UPPLAN_対象年月(YYYYMM)_送信元"),
            ("UPPLAN_201912_0300000100_43_0300000005_11_201910252002011.CSV", "ファイル連番: must be 14 ASCII digits"),
            ("UPPLAN201912_0300000100_43_0300000005_11_20191025200201.CSV", "must be UPPLAN_"),
        ];
        for (name, reason) in cases {
            let error = UPPLAN.parse(name).expect_err(name);
            assert!(error.reason.starts_with(reason), "{name}: {}", error.reason);
        }
        assert!(UPPLAN.build(&["201912"]).is_err());
        assert!(UPPLAN.build(&["201912", "0300000100", "4", "0300000005", "11", "20191025200201"]).is_err());
    }

    #[test]
    fn placeholder_values() {
        let month = Segment::date("提供年月", DateFormat::YyyyMm).also(&["000000"]);
        let pattern = FileNamePattern::new("UPHOSOKU", std::slice::from_ref(&month), ".CSV");
        assert!(pattern.parse("UPHOSOKU_000000.CSV").is_ok());
        assert!(pattern.parse("UPHOSOKU_000001.CSV").is_err());
        assert_eq!(pattern.rule(), "UPHOSOKU_提供年月(YYYYMM).CSV");
    }
}
