//! Targets `workbook` and `workbook_parts`: workbooks through the codegen pipeline.
//!
//! `ltcip-codegen` reads workbooks from paths only (`read::read_paths`, `load`, `modules`; the
//! bytes-level `load_sheets` is private), so each input is written to a file in a folder of this
//! process's own and read from there, as `ltcip-codegen generate` would read it.
//!
//! The folder also holds a copy of `specs/careplan-names.toml`, as `specs/` does, so that the
//! care-plan layouts get their Rust names and reach the emitter. (Not `overrides.toml`: an override
//! of a layout the input lacks is an error, which would stop every input short of the emitter.)
//!
//! - `workbook`: the first byte picks the file's extension (`xlsx`, `xlsm`, `xlsb`, `xls`, `ods`, or
//!   none, which makes the reader sniff the format); the rest is the file.
//! - `workbook_parts`: the input is the parts of an xlsx package, which the target zips *uncompressed*
//!   before reading, so that mutations reach the XML (sheets, shared strings, merges) instead of
//!   breaking deflate streams and CRCs. Parts are separated by a NUL byte; each is its name, a line
//!   break, and its content (`xl/worksheets/sheet1.xml\n<?xml ...`).
//!
//! The pipeline must not panic (a panic inside calamine is caught by the reader by design and becomes
//! a diagnostic: that is counted, not reported, unless `LTCIP_FUZZ_STRICT=1`), and:
//!
//! - every diagnostic displays;
//! - a spec without errors emits modules, and the emitted code parses (`output::single_file`, whose
//!   `Err` is "a bug in ltcip-codegen"); its JSON Schemas serialise.

use std::io::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, Once, OnceLock};

use ltcip_codegen::{emit, output, schema};

/// The extensions the first byte of a `workbook` input picks from.
pub const EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xlsb", "xls", "ods", ""];

/// What the reader turns a panic in the spreadsheet reader into.
const READER_PANIC: &str = "the spreadsheet reader failed on it";

/// Inputs on which calamine panicked (and the reader caught it), in this process.
pub static CALAMINE_PANICS: AtomicU64 = AtomicU64::new(0);

/// Target `workbook`.
pub fn check_file(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else { return };
    let ext = EXTENSIONS[usize::from(selector) % EXTENSIONS.len()];
    check_bytes(ext, bytes);
}

/// Target `workbook_parts`.
pub fn check_parts(data: &[u8]) {
    let Some(zipped) = zip_parts(data) else { return };
    check_bytes("xlsx", &zipped);
}

/// Splits a `workbook_parts` input into (name, content) pairs.
pub fn parts(data: &[u8]) -> Vec<(String, &[u8])> {
    data.split(|&b| b == 0)
        .filter_map(|part| {
            let newline = part.iter().position(|&b| b == b'\n')?;
            let name = std::str::from_utf8(&part[..newline]).ok()?.trim();
            (!name.is_empty()).then(|| (name.to_owned(), &part[newline + 1..]))
        })
        .collect()
}

/// The xlsx package of a `workbook_parts` input, every part stored uncompressed; `None` when the
/// parts cannot make a zip (a name given twice).
pub fn zip_parts(data: &[u8]) -> Option<Vec<u8>> {
    let parts = parts(data);
    if parts.is_empty() {
        return None;
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in parts {
        zip.start_file(name, options).ok()?;
        zip.write_all(content).ok()?;
    }
    zip.finish().ok().map(std::io::Cursor::into_inner)
}

/// Writes `bytes` as `fuzz.<ext>` and runs the pipeline on it.
pub fn check_bytes(ext: &str, bytes: &[u8]) {
    install_hook();
    let dir = scratch();
    let name = |ext: &str| if ext.is_empty() { "fuzz".to_owned() } else { format!("fuzz.{ext}") };
    for other in EXTENSIONS.iter().filter(|&&other| other != ext) {
        let _ = std::fs::remove_file(dir.join(name(other)));
    }
    let file = dir.join(name(ext));
    std::fs::write(&file, bytes).expect("the scratch folder is writable");
    // The folder, so that the naming table and the overrides beside the workbook apply (the CSV
    // layouts have no Rust names without the first); a file without an extension is not a workbook
    // in a folder, so it is named itself.
    let path = if ext.is_empty() { file } else { dir.clone() };
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| pipeline(&path)));
    let message = LAST_PANIC.lock().map(|mut m| m.take()).unwrap_or_default();
    if let Err(payload) = outcome {
        eprintln!("ltcip-codegen panicked on {}: {}", path.display(), message.unwrap_or_default());
        panic::resume_unwind(payload);
    }
}

fn pipeline(path: &Path) {
    let debug = std::env::var_os("LTCIP_FUZZ_DEBUG").is_some();
    let started = std::time::Instant::now();
    let lap = |stage: &str| {
        if debug {
            eprintln!("{stage}: {:?}", started.elapsed());
        }
    };
    let paths = [path.to_path_buf()];
    let (spec, mut diagnostics) = ltcip_codegen::load(&paths);
    lap("load");
    if debug {
        let layouts: usize = spec.interfaces.iter().map(|i| i.layouts.len()).sum();
        eprintln!("{} interfaces, {layouts} layouts, {} diagnostics", spec.interfaces.len(), diagnostics.len());
        for diagnostic in &diagnostics {
            eprintln!("  {diagnostic}");
        }
    }
    for diagnostic in &diagnostics {
        let shown = diagnostic.to_string();
        if shown.contains(READER_PANIC) {
            CALAMINE_PANICS.fetch_add(1, Ordering::Relaxed);
            if std::env::var_os("LTCIP_FUZZ_STRICT").is_some() {
                let caught = LAST_PANIC.lock().map(|mut m| m.take()).unwrap_or_default().unwrap_or_default();
                panic!("calamine panicked: {shown}\n  {caught}");
            }
        }
    }
    if diagnostics.has_errors() {
        return;
    }
    let modules = emit::modules(&spec, &mut diagnostics);
    lap("emit");
    for diagnostic in &diagnostics {
        let _ = diagnostic.to_string();
    }
    if diagnostics.has_errors() {
        return;
    }
    if let Err(error) = output::single_file(&spec, &modules) {
        panic!("the emitted code does not parse (internal error): {error}");
    }
    lap("single_file");
    for file in schema::files(&spec) {
        let _ = file.text();
    }
    lap("schema");
}

/// A folder of this process's own for the input file.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = PathBuf::from("/dev/shm");
        let base = if shm.is_dir() { shm } else { std::env::temp_dir() };
        let dir = base.join(format!("ltcip-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let specs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs");
        let table = "careplan-names.toml";
        std::fs::copy(specs.join(table), dir.join(table)).expect("the naming table in specs/");
        dir
    })
}

static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// libfuzzer-sys's panic hook aborts at once, even for a panic that is caught: the reader catches
/// one from calamine by design. This hook records the message instead; a panic that escapes the
/// pipeline is printed and re-raised by [`check_bytes`], and libfuzzer-sys aborts on it then.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        panic::set_hook(Box::new(|info| {
            let location = info.location().map(|l| format!(" at {l}")).unwrap_or_default();
            let payload = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let message = format!("{payload}{location}\n{}", std::backtrace::Backtrace::force_capture());
            if let Ok(mut last) = LAST_PANIC.lock() {
                *last = Some(message);
            }
        }));
    });
}
