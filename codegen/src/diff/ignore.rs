//! The ignore file (`diff-ignore.toml` beside the new version, or `diff --ignore FILE`): changes
//! accepted, each by rule ID and place, with the reason. A silenced change counts in no class and does
//! not set the exit status; it is listed under its own heading, with the reason, in every output.
//!
//! ```toml
//! [[ignore]]
//! rule = "ITEM_DIGITS_INCREASED"          # a rule ID (see the classification table)
//! layout = "IF-I6-01-04-02 レスポンス"     # the layout's title, as overrides.toml writes it; an IF ID
//!                                          # alone: every change of that interface
//! path = "body/result_detail"             # the item: keys from the top of the section (a care-plan
//!                                          # item: its field name, or 項目名 where it has none yet);
//!                                          # "*": every item; left out: every change of the rule there
//! section = "ボディ"                        # optional: ボディ or ヘッダ
//! reason = "Our receiver took 300 characters all along."
//! ```
//!
//! An entry without a reason, with an unknown rule ID or another key is an error (nothing is compared);
//! an entry that matches no change is a warning, so that an acceptance is dropped once the change it
//! accepted is gone.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::rules::Rule;
use super::{Change, Report, Silenced};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::SectionKind;

/// The file name looked for beside the new version.
pub const FILE_NAME: &str = "diff-ignore.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    #[serde(default)]
    ignore: Vec<RawEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    rule: String,
    layout: String,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    section: Option<String>,
    reason: String,
}

/// One accepted change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The rule.
    pub rule: &'static Rule,
    /// A layout title (`IF-I6-01-04-02 レスポンス`), or an IF ID alone.
    pub layout: String,
    /// The item path; `*` for every item; `None` for every change of the rule in the layout.
    pub path: Option<String>,
    /// The section, when given.
    pub section: Option<SectionKind>,
    /// Why the change is accepted.
    pub reason: String,
    /// The entry in its file (`diff-ignore.toml [[ignore]] #2`).
    pub at: Location,
}

impl Entry {
    /// Whether the entry silences `change`.
    pub fn matches(&self, change: &Change) -> bool {
        let item_paths = || change.old_item.iter().chain(&change.new_item).map(|i| i.path.as_str());
        self.rule.id == change.rule.id
            && (self.layout == change.layout_title() || self.layout == change.interface)
            && self.section.is_none_or(|s| change.section == Some(s))
            && match self.path.as_deref() {
                None => true,
                Some("*") => change.path().is_some(),
                Some(path) => item_paths().any(|p| p == path),
            }
    }

    /// What the entry names: `ITEM_DIGITS_INCREASED at IF-I6-01-04-02 レスポンス body/result_detail`.
    fn describe(&self) -> String {
        let path = self.path.as_deref().map(|p| format!(" {p}")).unwrap_or_default();
        format!("{} at {}{path}", self.rule.id, self.layout)
    }
}

/// An ignore file, read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IgnoreFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its entries, in order.
    pub entries: Vec<Entry>,
}

/// Reads an ignore file; every error in it is a diagnostic.
pub fn read(path: &Path) -> Result<IgnoreFile, Diagnostics> {
    let display = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path),
        Err(error) => {
            let mut diagnostics = Diagnostics::default();
            diagnostics.error(Location::file(display), format!("cannot read: {error}"));
            Err(diagnostics)
        }
    }
}

/// Reads the text of an ignore file found at `path`.
pub fn parse(text: &str, path: &Path) -> Result<IgnoreFile, Diagnostics> {
    let display = path.display().to_string();
    let mut diagnostics = Diagnostics::default();
    let table: Table = match toml::from_str(text) {
        Ok(table) => table,
        Err(error) => {
            diagnostics.error(Location::file(&display), format!("not a valid ignore file: {error}"));
            return Err(diagnostics);
        }
    };
    let mut entries = Vec::new();
    for (index, raw) in table.ignore.into_iter().enumerate() {
        let at = Location { file: display.clone(), sheet: None, cell: Some(format!("[[ignore]] #{}", index + 1)) };
        let rule = Rule::find(raw.rule.trim());
        if rule.is_none() {
            diagnostics.error(
                at.clone(),
                format!("{:?} is no rule ID (the IDs are in the classification table of `diff`)", raw.rule),
            );
        }
        if raw.reason.trim().is_empty() {
            diagnostics.error(at.clone(), "an entry needs a reason");
        }
        if raw.layout.trim().is_empty() {
            diagnostics.error(at.clone(), "an entry needs a layout (\"<外部IF_ID> <送受信種別>\", or an IF ID alone)");
        }
        let section = match raw.section.as_deref().map(str::trim) {
            None => None,
            Some("ボディ") | Some("body") => Some(SectionKind::Body),
            Some("ヘッダ") | Some("headers") => Some(SectionKind::Headers),
            Some(other) => {
                diagnostics.error(at.clone(), format!("section {other:?} is neither ボディ nor ヘッダ"));
                None
            }
        };
        if let Some(rule) = rule {
            entries.push(Entry {
                rule,
                layout: raw.layout.trim().to_owned(),
                path: raw.path.map(|p| p.trim().to_owned()),
                section,
                reason: raw.reason.trim().to_owned(),
                at,
            });
        }
    }
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(IgnoreFile { path: path.to_path_buf(), entries })
}

/// The ignore file that applies to a new version at `new` when none is given: `diff-ignore.toml` in
/// the folder, or beside the workbook.
pub fn beside(new: &Path) -> Option<PathBuf> {
    let folder = if new.is_dir() { new } else { new.parent().unwrap_or(Path::new("")) };
    let path = folder.join(FILE_NAME);
    path.is_file().then_some(path)
}

/// Moves the changes the file's entries match from `report.changes` to `report.silenced` (each by the
/// first entry that matches it) and counts again. Returns a warning for each entry that matched
/// nothing.
pub fn apply(report: &mut Report, file: &IgnoreFile) -> Vec<Diagnostic> {
    let mut used = vec![false; file.entries.len()];
    let mut kept = Vec::new();
    for change in std::mem::take(&mut report.changes) {
        match file.entries.iter().position(|e| e.matches(&change)) {
            Some(k) => {
                used[k] = true;
                let entry = &file.entries[k];
                report.silenced.push(Silenced { change, reason: entry.reason.clone(), entry: entry.at.clone() });
            }
            None => kept.push(change),
        }
    }
    report.changes = kept;
    report.recount();
    file.entries
        .iter()
        .zip(used)
        .filter(|(_, used)| !used)
        .map(|(entry, _)| {
            Diagnostic::warning(
                entry.at.clone(),
                format!(
                    "matches no change ({}): the change it accepted is gone, or the entry is wrong; remove or correct it",
                    entry.describe()
                ),
            )
        })
        .collect()
}
