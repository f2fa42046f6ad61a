//! Diagnostics: every problem found in a workbook, named by file, sheet and cell.

use std::fmt;

/// Where something was read: a workbook, a sheet in it and, when it comes from one, a cell (`L14`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// The workbook (or table file) as the user named it.
    pub file: String,
    /// The sheet, when the file has sheets.
    pub sheet: Option<String>,
    /// The cell in A1 notation.
    pub cell: Option<String>,
}

impl Location {
    /// A whole file.
    pub fn file(file: impl Into<String>) -> Self {
        Location { file: file.into(), sheet: None, cell: None }
    }

    /// A whole sheet.
    pub fn sheet(file: impl Into<String>, sheet: impl Into<String>) -> Self {
        Location { file: file.into(), sheet: Some(sheet.into()), cell: None }
    }

    /// The same sheet, at a cell (0-based row and column).
    pub fn at(&self, row: u32, col: u32) -> Self {
        Location { file: self.file.clone(), sheet: self.sheet.clone(), cell: Some(a1(row, col)) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, " [{sheet}]")?;
        }
        if let Some(cell) = &self.cell {
            write!(f, " {cell}")?;
        }
        Ok(())
    }
}

/// A1 notation for a 0-based row and column (`(13, 11)` → `L14`).
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).expect("ASCII letters"), row + 1)
}

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing; nothing is wrong (e.g. one item differs between two layouts).
    Note,
    /// Probably a mistake in the workbook, but code can still be generated.
    Warning,
    /// Code cannot be generated until it is fixed.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Where.
    pub location: Location,
    /// How bad.
    pub severity: Severity,
    /// What, in English with the spec's own words.
    pub message: String,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic { location, severity: Severity::Error, message: message.into() }
    }

    /// A warning at `location`.
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic { location, severity: Severity::Warning, message: message.into() }
    }

    /// A note at `location`.
    pub fn note(location: Location, message: impl Into<String>) -> Self {
        Diagnostic { location, severity: Severity::Note, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.location, self.severity, self.message)
    }
}

/// The findings of one run, in the order found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Records a finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Records an error.
    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.push(Diagnostic::error(location, message));
    }

    /// Records a warning.
    pub fn warning(&mut self, location: Location, message: impl Into<String>) {
        self.push(Diagnostic::warning(location, message));
    }

    /// Records a note.
    pub fn note(&mut self, location: Location, message: impl Into<String>) {
        self.push(Diagnostic::note(location, message));
    }

    /// Every finding.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Error)
    }

    /// Appends another run's findings.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// How many findings.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// `n` and the noun in its English number: "1 item", "2 items". Every count this crate prints goes
/// through it, so that no message says "1 errors".
pub fn count(n: impl TryInto<u64>, one: &str, other: &str) -> String {
    match n.try_into().unwrap_or(u64::MAX) {
        1 => format!("1 {one}"),
        n => format!("{n} {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::{Location, a1};

    #[test]
    fn a1_notation() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(13, 11), "L14");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(9, 701), "ZZ10");
        assert_eq!(a1(0, 702), "AAA1");
    }

    #[test]
    fn displays_file_sheet_cell() {
        let loc = Location::sheet("specs/x.xlsx", "IF-I6-01-04-02_レスポンス").at(13, 11);
        assert_eq!(loc.to_string(), "specs/x.xlsx [IF-I6-01-04-02_レスポンス] L14");
    }

    #[test]
    fn counts_say_one_thing_in_the_singular() {
        assert_eq!(super::count(1usize, "error", "errors"), "1 error");
        assert_eq!(super::count(0usize, "error", "errors"), "0 errors");
        assert_eq!(super::count(2u64, "item", "items"), "2 items");
    }
}
