//! The naming table for positional layouts: care-plan CSV items have a Japanese name and a position but
//! no wire key, so their Rust field names come from a checked-in table beside the workbooks (any file
//! whose name ends in `names.toml`, e.g. `specs/careplan-names.toml`):
//!
//! ```toml
//! [names]                      # 日本語名称 → identifier, for every file that has the item
//! "被保険者番号" = "insured_number"
//!
//! [files.UP3KYO]               # No. → identifier, for one file (wins over [names])
//! 11 = "activity_start_time"
//! ```
//!
//! Names are compared after NFKC normalization with whitespace removed, so `１サービス種類コード` and
//! `1サービス種類コード` are the same name. An item the table does not name is an error naming the item
//! and the entry to add.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Diagnostics, Location};
use crate::model::{Item, Source, Spec, WireFormat};

/// What a naming table's file name ends with.
pub const FILE_SUFFIX: &str = "names.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    #[serde(default)]
    names: BTreeMap<String, String>,
    /// `names` keyed by normalized name, filled once after reading.
    #[serde(skip)]
    normalized: std::collections::HashMap<String, String>,
    #[serde(default)]
    files: BTreeMap<String, BTreeMap<String, String>>,
}

/// The naming tables that apply to `paths`: those in each folder given, and beside each workbook given.
pub fn files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut folders: Vec<&Path> =
        paths.iter().map(|p| if p.is_dir() { p.as_path() } else { p.parent().unwrap_or(Path::new(".")) }).collect();
    folders.dedup();
    let mut found = Vec::new();
    for folder in folders {
        let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
        let Ok(entries) = std::fs::read_dir(folder) else { continue };
        let mut tables: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n.to_string_lossy().ends_with(FILE_SUFFIX)))
            .collect();
        tables.sort();
        for table in tables {
            if !found.contains(&table) {
                found.push(table);
            }
        }
    }
    found
}

/// Gives every unnamed item of a positional layout its identifier from the tables at `paths`, then
/// reports the items still unnamed. Returns the tables as sources of the spec.
pub fn apply(paths: &[PathBuf], spec: &mut Spec, diagnostics: &mut Diagnostics) -> Vec<Source> {
    let mut sources = Vec::new();
    let mut read = Vec::new();
    for path in paths {
        let display = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) => {
                diagnostics.error(Location::file(&display), format!("cannot read: {error}"));
                continue;
            }
        };
        match toml::from_str::<Table>(&text) {
            Ok(mut table) => {
                table.normalized = table.names.iter().map(|(k, v)| (normalized(k), v.clone())).collect();
                sources.push(Source {
                    name: path.file_name().map_or_else(|| display.clone(), |n| n.to_string_lossy().into_owned()),
                    sha256: crate::read::sha256_hex(text.as_bytes()),
                });
                read.push((display, table));
            }
            Err(error) => diagnostics.error(Location::file(&display), format!("not a valid naming table: {error}")),
        }
    }
    for (display, table) in &read {
        check_identifiers(display, table, diagnostics);
    }
    for layout in spec.interfaces.iter_mut().flat_map(|i| i.layouts.iter_mut()) {
        if layout.format != WireFormat::Csv {
            continue;
        }
        let file = layout.interface_id.clone();
        for item in layout.sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
            if item.key.is_some() {
                continue;
            }
            item.key = read.iter().find_map(|(_, table)| lookup(table, &file, item));
            if item.key.is_none() {
                let tables = if read.is_empty() {
                    format!("no naming table (*{FILE_SUFFIX}) was found beside the workbook")
                } else {
                    format!(
                        "add \"{}\" = \"...\" under [names] or {} = \"...\" under [files.{file}]",
                        item.name, item.no
                    )
                };
                diagnostics.error(
                    item.origin.clone(),
                    format!("item {} {} of {file} has no Rust name: {tables}", item.no, item.name),
                );
            }
        }
    }
    sources
}

fn lookup(table: &Table, file: &str, item: &Item) -> Option<String> {
    let no = item.no.trim_start_matches('0');
    if let Some(name) = table.files.get(file).and_then(|f| f.iter().find(|(k, _)| k.trim_start_matches('0') == no)) {
        return Some(name.1.clone());
    }
    table.normalized.get(&normalized(&item.name)).cloned()
}

fn normalized(name: &str) -> String {
    crate::nfkc::nfkc(name).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Identifiers are snake_case ASCII and not keywords; `[files]` keys are item numbers.
fn check_identifiers(display: &str, table: &Table, diagnostics: &mut Diagnostics) {
    let at = |entry: String| Location { file: display.to_owned(), sheet: None, cell: Some(entry) };
    // An entry is named (a `{:?}` of Japanese text, which is slow to escape) only when it is wrong.
    for (name, ident) in &table.names {
        if let Err(why) = crate::emit::naming::snake_identifier(ident) {
            diagnostics.error(at(format!("[names] {name:?}")), why);
        }
    }
    for (file, numbers) in &table.files {
        for (no, ident) in numbers {
            if let Err(why) = crate::emit::naming::snake_identifier(ident) {
                diagnostics.error(at(format!("[files.{file}] {no}")), why);
            }
        }
    }
    for (file, numbers) in &table.files {
        for no in numbers.keys() {
            if no.parse::<u32>().is_err() {
                diagnostics.error(at(format!("[files.{file}] {no}")), format!("{no:?} is not an item number (No.)"));
            }
        }
    }
}
