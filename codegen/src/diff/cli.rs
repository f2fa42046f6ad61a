//! `ltcip-codegen diff OLD NEW`: reads both versions, compares them, silences what the ignore file
//! accepts, and writes the report as text, JSON, GitHub workflow commands or JUnit XML.
//!
//! Exit status: [`COMPATIBLE`] (0) when no change left is breaking for the vendor, [`BREAKING`] (1)
//! when one is, [`ERROR`] (2) when a version could not be read whole (see [`super::stopping`]) or the
//! ignore file is wrong. Diagnostics go to standard error; a version with errors that do not stop the
//! comparison is compared as read.

use std::io::Write;
use std::path::PathBuf;

use super::{Errors, diff, format, ignore, stopping};
use crate::diag::Severity;

/// How to write the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Grouped by interface and layout, two lines a change.
    Text,
    /// The [`super::Report`] as JSON.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,title=…::…`).
    Github,
    /// A JUnit XML report: a test case per change, failing when breaking for the vendor.
    Junit,
}

/// What to compare and how to report it.
#[derive(Clone, Debug)]
pub struct Options {
    /// The old version: a workbook or a folder.
    pub old: PathBuf,
    /// The new version.
    pub new: PathBuf,
    /// The ignore file; `None`: `diff-ignore.toml` beside the new version, if there is one.
    pub ignore: Option<PathBuf>,
    /// How to write the report.
    pub format: Format,
}

/// Exit status: nothing breaking for the vendor changed.
pub const COMPATIBLE: u8 = 0;
/// Exit status: something breaking for the vendor changed.
pub const BREAKING: u8 = 1;
/// Exit status: a version could not be read whole, or the ignore file is wrong; nothing compared.
pub const ERROR: u8 = 2;

/// Runs `diff`: the report to `out`, diagnostics to `err`; returns the exit status. Write errors on
/// `out` are not failures (a reader that stops early, `| head`, still gets the status).
pub fn run(options: &Options, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let mut read = Vec::new();
    let mut stopped = Vec::new();
    for (version, path) in [("old", &options.old), ("new", &options.new)] {
        let (spec, diagnostics) = crate::load(std::slice::from_ref(path));
        for d in diagnostics.iter().filter(|d| d.severity >= Severity::Warning) {
            let _ = writeln!(err, "{d}");
        }
        let stopping = stopping(&spec, &diagnostics);
        if !stopping.is_empty() {
            stopped.push((version, stopping.into_iter().cloned().collect::<Vec<_>>()));
        }
        read.push((spec, diagnostics.errors().count()));
    }
    if !stopped.is_empty() {
        for (version, errors) in &stopped {
            let s = if errors.len() == 1 { "" } else { "s" };
            let _ = writeln!(
                err,
                "error: the {version} version was not read whole ({} error{s} above: {}); nothing compared",
                errors.len(),
                errors[0].location
            );
            if options.format == Format::Github {
                for e in errors {
                    let _ = out.write_all(format::github_diagnostic(e).as_bytes());
                }
            }
        }
        return ERROR;
    }
    let [(old, old_errors), (new, new_errors)] = <[_; 2]>::try_from(read).expect("two versions");
    let mut report = diff(&old, &new);
    report.errors = Errors { old: old_errors, new: new_errors };
    let mut warnings = Vec::new();
    if let Some(path) = options.ignore.clone().or_else(|| ignore::beside(&options.new)) {
        match ignore::read(&path) {
            Ok(file) => warnings = ignore::apply(&mut report, &file),
            Err(diagnostics) => {
                for d in &diagnostics {
                    let _ = writeln!(err, "{d}");
                }
                let _ = writeln!(err, "error: the ignore file {} is wrong; nothing compared", path.display());
                return ERROR;
            }
        }
    }
    for warning in &warnings {
        let _ = writeln!(err, "{warning}");
    }
    let text = match options.format {
        Format::Text => report.to_string(),
        Format::Json => report.to_json() + "\n",
        Format::Github => format::github(&report, &warnings),
        Format::Junit => format::junit(&report),
    };
    let _ = out.write_all(text.as_bytes());
    if report.is_breaking() { BREAKING } else { COMPATIBLE }
}
