//! The care-plan spec's file names: `UPPLAN_202504_1312345678_43_1398765432_11_20250401093000.CSV`,
//! a prefix naming the file, fields of fixed width joined by `_`, and the extension.

use std::fmt;

use crate::date::DateFormat;
use crate::messages::{ListStyle, Message, Messages};

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

    fn check(&self, value: &str) -> Option<FileNameProblem> {
        if self.also.contains(&value) {
            return None;
        }
        let segment = self.name.to_owned();
        let found = value.to_owned();
        if value.len() != self.digits || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Some(FileNameProblem::Digits { segment, digits: self.digits, found });
        }
        match self.date {
            Some(format) if !format.is_valid(value) => Some(FileNameProblem::Date { segment, format, found }),
            _ => None,
        }
    }
}

impl<'a> FileNamePattern<'a> {
    /// A rule.
    pub const fn new(prefix: &'a str, segments: &'a [Segment<'a>], extension: &'a str) -> Self {
        FileNamePattern { prefix, segments, extension }
    }

    /// Reads a file name (without folders); every field is checked, and every problem reported.
    pub fn parse(&self, name: &str) -> Result<FileName, FileNameError> {
        let mut problems = Vec::new();
        let rest = name.strip_prefix(self.prefix).unwrap_or_else(|| {
            problems.push(FileNameProblem::Prefix { expected: self.prefix.to_owned() });
            // Read the fields after whatever the name starts with, so that they are checked too.
            name.find('_').map_or("", |at| &name[at..])
        });
        let rest = rest.strip_suffix(self.extension).unwrap_or_else(|| {
            problems.push(FileNameProblem::Extension { expected: self.extension.to_owned() });
            rest.rfind('.').map_or(rest, |at| &rest[..at])
        });
        let values: Vec<&str> = if rest.is_empty() { Vec::new() } else { rest.split('_').skip(1).collect() };
        if !rest.is_empty() && !rest.starts_with('_') || values.len() != self.segments.len() {
            problems.push(FileNameProblem::Fields {
                rule: self.rule(),
                expected: self.segments.len(),
                found: values.len(),
            });
        } else {
            problems.extend(self.segments.iter().zip(&values).filter_map(|(segment, value)| segment.check(value)));
        }
        if problems.is_empty() {
            Ok(FileName { values: values.into_iter().map(str::to_owned).collect() })
        } else {
            Err(FileNameError { name: name.to_owned(), problems })
        }
    }

    /// Builds a file name from the fields' values, in order; every field is checked.
    pub fn build(&self, values: &[&str]) -> Result<String, FileNameError> {
        let mut name = self.prefix.to_owned();
        for value in values {
            name.push('_');
            name.push_str(value);
        }
        name.push_str(self.extension);
        let problems: Vec<FileNameProblem> = if values.len() == self.segments.len() {
            self.segments.iter().zip(values).filter_map(|(segment, value)| segment.check(value)).collect()
        } else {
            vec![FileNameProblem::Fields { rule: self.rule(), expected: self.segments.len(), found: values.len() }]
        };
        if problems.is_empty() { Ok(name) } else { Err(FileNameError { name, problems }) }
    }

    /// Whether `name` is meant for this rule: it starts with the prefix followed by `_` or the
    /// extension. Both `UPKIHON` and `UPKIHON_SUB1` are meant by `UPKIHON_SUB1_…`: [`identify`] takes
    /// the longest prefix.
    pub fn is_meant_for(&self, name: &str) -> bool {
        name.strip_prefix(self.prefix).is_some_and(|rest| {
            rest.starts_with('_') || rest.to_ascii_uppercase().starts_with(&self.extension.to_ascii_uppercase())
        })
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

/// Picks, among `patterns`, the one a file name is meant for (by its prefix; the longest prefix that
/// fits wins), and reads the name by it: the index of the pattern and the fields, or every problem of
/// the name (a name meant for no pattern is one problem listing the prefixes).
pub fn identify(name: &str, patterns: &[FileNamePattern<'_>]) -> Result<(usize, FileName), FileNameError> {
    let meant = patterns
        .iter()
        .enumerate()
        .filter(|(_, pattern)| pattern.is_meant_for(name))
        .max_by_key(|(_, pattern)| pattern.prefix.len());
    match meant {
        Some((index, pattern)) => pattern.parse(name).map(|fields| (index, fields)),
        None => {
            let mut prefixes: Vec<String> = patterns.iter().map(|p| p.prefix.to_owned()).collect();
            prefixes.sort();
            Err(FileNameError { name: name.to_owned(), problems: vec![FileNameProblem::Unknown { prefixes }] })
        }
    }
}

/// What is wrong with a file name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileNameProblem {
    /// It does not start with the rule's prefix.
    Prefix {
        /// The prefix (`UPPLAN`).
        expected: String,
    },
    /// It does not end with the rule's extension, as the spec writes it.
    Extension {
        /// The extension (`.CSV`).
        expected: String,
    },
    /// It does not have the rule's number of fields.
    Fields {
        /// The rule as the spec writes it.
        rule: String,
        /// The fields the rule has.
        expected: usize,
        /// The fields the name has.
        found: usize,
    },
    /// A field is not of its width in ASCII digits.
    Digits {
        /// The field's name (`送信元の事業所番号`).
        segment: String,
        /// Its width.
        digits: usize,
        /// The value found.
        found: String,
    },
    /// A date or time field is not a real one.
    Date {
        /// The field's name (`対象年月`).
        segment: String,
        /// Its format.
        format: DateFormat,
        /// The value found.
        found: String,
    },
    /// The name starts with no prefix of the files known.
    Unknown {
        /// The prefixes known, sorted.
        prefixes: Vec<String>,
    },
}

impl FileNameProblem {
    /// The message, in no language yet (see [`crate::messages`]).
    pub fn message(&self) -> Message {
        match self {
            FileNameProblem::Prefix { expected } => Message::new("file_name.prefix").text("expected", expected.clone()),
            FileNameProblem::Extension { expected } => {
                Message::new("file_name.extension").text("expected", expected.clone())
            }
            FileNameProblem::Fields { rule, expected, found } => Message::new("file_name.fields")
                .text("rule", rule.clone())
                .count("expected", *expected)
                .count("found", *found),
            FileNameProblem::Digits { segment, digits, found } => Message::new("file_name.digits")
                .text("segment", segment.clone())
                .count("digits", *digits)
                .text("found", found.clone()),
            FileNameProblem::Date { segment, format, found } => Message::new("file_name.date")
                .text("segment", segment.clone())
                .text("found", found.clone())
                .text("format", format.pattern()),
            FileNameProblem::Unknown { prefixes } => {
                Message::new("file_name.unknown").list("prefixes", ListStyle::Plain, prefixes.iter().cloned())
            }
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        self.message().en()
    }

    /// The message in Japanese.
    pub fn message_ja(&self) -> String {
        self.message().ja()
    }
}

/// A file name that breaks its rule, with every problem found in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileNameError {
    /// The name.
    pub name: String,
    /// What is wrong with it, in the order of the name.
    pub problems: Vec<FileNameProblem>,
}

impl FileNameError {
    /// The message in `table`'s language: the problems joined by its `file_name.separator`, in its
    /// `file_name.error` (which may name the file).
    pub fn message_in(&self, table: &Messages) -> String {
        let separator = Message::new("file_name.separator").render(table);
        let problems: Vec<String> = self.problems.iter().map(|problem| problem.message().render(table)).collect();
        Message::new("file_name.error")
            .text("name", self.name.clone())
            .text("problems", problems.join(&separator))
            .render(table)
    }

    /// The messages in English, joined by `; `.
    pub fn message_en(&self) -> String {
        self.message_in(Messages::english())
    }

    /// The file name and the messages in Japanese, joined by `。`.
    pub fn message_ja(&self) -> String {
        self.message_in(Messages::japanese())
    }
}

impl fmt::Display for FileNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "file name {:?}: {} / {}", self.name, self.message_en(), self.message_ja())
    }
}

impl std::error::Error for FileNameError {}

/// Why a file cannot be opened by its name (generated `files::reader`): the name says no file, or
/// the file declares a version this build does not read.
#[derive(Debug)]
pub enum OpenError {
    /// The name is wrong (every problem of it).
    Name(FileNameError),
    /// The version cannot be read or is not supported.
    Version(super::VersionError),
}

impl From<FileNameError> for OpenError {
    fn from(error: FileNameError) -> Self {
        OpenError::Name(error)
    }
}

impl From<super::VersionError> for OpenError {
    fn from(error: super::VersionError) -> Self {
        OpenError::Version(error)
    }
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Name(error) => error.fmt(f),
            OpenError::Version(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for OpenError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OpenError::Name(error) => Some(error),
            OpenError::Version(error) => Some(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FileNamePattern, FileNameProblem, Segment, identify};
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
            assert!(error.message_en().starts_with(reason), "{name}: {}", error.message_en());
            assert_eq!(error.problems.len(), 1, "{name}: {error}");
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

    /// Every bad field of a name is reported, not the first; the Japanese message is Japanese.
    #[test]
    fn every_problem_of_a_name() {
        let error = UPPLAN.parse("UPPLAN_201913_030000010_43_0300000005_1x_20191025250201.csv").unwrap_err();
        let problems: Vec<&str> = error
            .problems
            .iter()
            .map(|p| match p {
                FileNameProblem::Extension { .. } => "extension",
                FileNameProblem::Digits { segment, .. } | FileNameProblem::Date { segment, .. } => segment,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            problems,
            ["extension", "対象年月", "送信元の事業所番号", "送信先のサービス種類コード", "ファイル連番"]
        );
        let ja = error.message_ja();
        for english in ["must", "found", "digits", "real", "start", "end"] {
            assert!(!ja.contains(english), "{english} in {ja}");
        }
        assert!(ja.contains("送信先のサービス種類コード: 半角数字2桁が必要ですが「1x」です"), "{ja}");
        // A wrong prefix does not hide the fields.
        let error = UPPLAN.parse("UPPLAM_201912_0300000100_43_0300000005_1_20191025200201.CSV").unwrap_err();
        assert_eq!(error.problems.len(), 2, "{error}");
    }

    #[test]
    fn identify_picks_the_longest_prefix_that_fits() {
        let number = [Segment::digits("連番", 2)];
        let kihon = FileNamePattern::new("UPKIHON", &number, ".CSV");
        let sub = FileNamePattern::new("UPKIHON_SUB1", &number, ".CSV");
        let patterns = [kihon, sub, UPPLAN];
        assert_eq!(identify("UPKIHON_01.CSV", &patterns).unwrap().0, 0);
        assert_eq!(identify("UPKIHON_SUB1_01.CSV", &patterns).unwrap().0, 1);
        // Meant for UPKIHON_SUB1 (its prefix fits), and wrong by it.
        let error = identify("UPKIHON_SUB1_1.CSV", &patterns).unwrap_err();
        assert!(matches!(&error.problems[..], [FileNameProblem::Digits { .. }]), "{error}");
        let error = identify("UPJSK_01.CSV", &patterns).unwrap_err();
        assert_eq!(
            error.problems,
            [FileNameProblem::Unknown { prefixes: vec!["UPKIHON".into(), "UPKIHON_SUB1".into(), "UPPLAN".into()] }]
        );
        assert!(error.message_ja().contains("UPKIHON、UPKIHON_SUB1、UPPLAN"), "{}", error.message_ja());
    }
}
