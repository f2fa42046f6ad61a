//! Shared by the reader tests: render the 別紙13 transcription (or any book) to a temporary workbook,
//! read it back, and compare models with what legitimately differs between layouts (where each thing
//! sits on the sheet) taken out.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ltcip_codegen::diag::{Location, Severity};
use ltcip_codegen::model::{Interface, Item};
use ltcip_codegen::read::{Read, read_paths};
use ltcip_fixtures::{Book, Style, besshi13, render};

/// A workbook written to a temporary folder, kept alive as long as its reading is looked at.
pub struct Written {
    /// Removed when the reading is dropped.
    pub _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub read: Read,
}

/// Saves `book` as `name` in a fresh temporary folder and reads it.
pub fn read_book(book: &Book, name: &str) -> Written {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join(name);
    book.save(&path).expect("the workbook saves");
    let read = read_paths(std::slice::from_ref(&path));
    Written { _dir: dir, path, read }
}

/// Renders 別紙13 in `style` and reads it.
pub fn read_style(style: &Style) -> Written {
    read_book(&render(&besshi13::interfaces(), style), "besshi13.xlsx")
}

/// Reads a file that is already on disk.
pub fn read_file(path: &Path) -> Read {
    read_paths(&[path.to_path_buf()])
}

/// Every diagnostic of a severity, as printed.
pub fn lines(read: &Read, severity: Severity) -> Vec<String> {
    read.diagnostics.iter().filter(|d| d.severity == severity).map(ToString::to_string).collect()
}

/// The errors, as printed.
pub fn errors(read: &Read) -> Vec<String> {
    lines(read, Severity::Error)
}

fn nowhere() -> Location {
    Location::file("")
}

fn strip_item(item: &mut Item) {
    item.origin = nowhere();
    item.children.iter_mut().for_each(strip_item);
}

/// The interfaces with every `origin` cleared: the one thing a different layout of the same spec may
/// legitimately change.
pub fn without_origins(mut interfaces: Vec<Interface>) -> Vec<Interface> {
    for layout in interfaces.iter_mut().flat_map(|i| &mut i.layouts) {
        layout.origin = nowhere();
        for section in &mut layout.sections {
            section.origin = nowhere();
            section.items.iter_mut().for_each(strip_item);
        }
    }
    interfaces
}

/// Severity and message of every diagnostic, without its location.
pub fn findings(read: &Read) -> Vec<String> {
    read.diagnostics.iter().map(|d| format!("{}: {}", d.severity, d.message)).collect()
}

fn published_findings() -> &'static [String] {
    static FINDINGS: OnceLock<Vec<String>> = OnceLock::new();
    FINDINGS.get_or_init(|| findings(&read_style(&Style::published()).read))
}

/// The model read from the published style, origins cleared (read once per test binary).
pub fn canonical() -> &'static [Interface] {
    static CANONICAL: OnceLock<Vec<Interface>> = OnceLock::new();
    CANONICAL.get_or_init(|| {
        let written = read_style(&Style::published());
        assert_eq!(errors(&written.read), Vec::<String>::new(), "the published style reads with errors");
        without_origins(written.read.spec.interfaces)
    })
}

/// Reads `style` and checks that it has no error and gives the published model.
pub fn assert_reads_like_published(style: &Style) {
    let written = read_style(style);
    assert_eq!(errors(&written.read), Vec::<String>::new(), "errors reading {style:#?}");
    // Warnings and notes too: a variation the reader copes with must not leave noise behind.
    assert_eq!(findings(&written.read), published_findings(), "findings reading {style:#?}");
    let interfaces = without_origins(written.read.spec.interfaces);
    if interfaces != canonical() {
        // The first differing item makes the failure readable; the full models follow.
        let items = |interfaces: &[Interface]| -> Vec<String> {
            interfaces
                .iter()
                .flat_map(|i| &i.layouts)
                .flat_map(|l| l.sections.iter().flat_map(|s| s.items.iter().flat_map(Item::walk)))
                .map(|item| format!("{item:?}"))
                .collect()
        };
        let (got, want) = (items(&interfaces), items(canonical()));
        let first = got.iter().zip(&want).find(|(g, w)| g != w);
        panic!(
            "{style:#?} reads differently from the published style\nfirst differing item:\n  got  {:?}\n  want {:?}\n\
             got {} items, want {}\nfull model: {interfaces:#?}",
            first.map(|f| f.0),
            first.map(|f| f.1),
            got.len(),
            want.len()
        );
    }
}
