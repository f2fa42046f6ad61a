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
//! The pipeline must not panic, and:
//!
//! - every diagnostic displays;
//! - a spec without errors emits modules, and the emitted code parses (`output::single_file`, whose
//!   `Err` is "a bug in ltcip-codegen"); its JSON Schemas serialise.
//!
//! # Panic policy
//!
//! Decided here, in [`caught_dependency_panic`], and nowhere else (no environment switch): the fuzz
//! run and the seed replay in CI (`fuzz/tests/seeds.rs`) apply the same.
//!
//! - A panic that escapes the pipeline (`load`, `emit`, `output`, `schema`) is a crash, whatever
//!   code it came from.
//! - A panic inside calamine, which the reader catches by design (codegen's `read::workbook` wraps
//!   calamine in `catch_unwind`, and `codegen/tests/fuzz_regressions.rs` holds it to that), is the
//!   behaviour the project promises: the workbook is one error diagnostic naming the file ("the
//!   spreadsheet reader failed on it"). It is not a crash of ours, and a fuzz run that stopped at
//!   each would never get past calamine's integer overflows (fuzz builds have overflow checks on).
//!   It is a crash if that diagnostic is missing or is not an error; otherwise it is counted
//!   ([`CALAMINE_PANICS`]) and its location printed once per run, prefixed
//!   `ltcip-fuzz: calamine panic caught:`, which `scripts/fuzz.sh` collects for an upstream report.

use std::io::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, Once};

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
    IN_PIPELINE.fetch_add(1, Ordering::SeqCst);
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| pipeline(&path)));
    IN_PIPELINE.fetch_sub(1, Ordering::SeqCst);
    let message = take_last_panic();
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
    let mut caught = false;
    for diagnostic in &diagnostics {
        let shown = diagnostic.to_string();
        if shown.contains(READER_PANIC) {
            caught = true;
            assert!(diagnostics.has_errors(), "a caught calamine panic is not an error: {shown}");
        }
    }
    let message = take_last_panic();
    if caught || message.is_some() {
        caught_dependency_panic(path, caught, message);
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

/// The panic policy for a panic inside the pipeline that did not escape it (see the module docs):
/// the reader must have caught it and reported it as an error naming the workbook; then it is
/// counted, and its location printed the first time it is seen.
fn caught_dependency_panic(path: &Path, reported: bool, message: Option<String>) {
    let message = message.unwrap_or_default();
    assert!(
        reported,
        "a panic inside the pipeline was caught, but no diagnostic says the spreadsheet reader failed on {}:\n  {message}",
        path.display()
    );
    CALAMINE_PANICS.fetch_add(1, Ordering::Relaxed);
    let location = message.lines().next().unwrap_or_default().to_owned();
    static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if !seen.contains(&location) {
        eprintln!("ltcip-fuzz: calamine panic caught: {location}");
        seen.push(location);
    }
}

/// A folder of this thread's own for the input file (tests replay seeds on several threads at once),
/// holding a copy of the naming table; made again if it was removed.
fn scratch() -> PathBuf {
    thread_local! {
        static DIR: PathBuf = {
            let shm = PathBuf::from("/dev/shm");
            let base = if shm.is_dir() { shm } else { std::env::temp_dir() };
            static THREADS: AtomicU64 = AtomicU64::new(0);
            let thread = THREADS.fetch_add(1, Ordering::Relaxed);
            base.join(format!("ltcip-fuzz-{}", std::process::id())).join(thread.to_string())
        };
    }
    let dir = DIR.with(Clone::clone);
    let table = "careplan-names.toml";
    if !dir.join(table).is_file() {
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let specs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs");
        std::fs::copy(specs.join(table), dir.join(table)).expect("the naming table in specs/");
    }
    dir
}

/// Removes this thread's scratch folder, and this process's when no other thread has one
/// (`scripts/fuzz.sh` removes those of fuzz runs that ended).
pub fn remove_scratch() {
    let dir = scratch();
    let _ = std::fs::remove_dir_all(&dir);
    if let Some(process) = dir.parent() {
        let _ = std::fs::remove_dir(process);
    }
}

/// Pipelines running in this process. calamine runs on a thread of the reader's own, so the hook
/// cannot tell by thread whether a panic is inside a pipeline.
static IN_PIPELINE: AtomicU64 = AtomicU64::new(0);

/// The message of the last panic inside a pipeline.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn take_last_panic() -> Option<String> {
    LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take()
}

/// libfuzzer-sys's panic hook aborts at once, even for a panic that is caught: the reader catches
/// one from calamine by design. While a pipeline runs, this hook records the message instead (a
/// panic that escapes the pipeline is printed and re-raised by [`check_bytes`], and libfuzzer-sys
/// aborts on it then); otherwise (a check of another target failing) the hook that was there before
/// runs: libFuzzer's, which aborts, or the test harness's, which prints. (A test binary replaying
/// workbooks should run nothing else: a failure elsewhere during a pipeline would not be printed.)
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if IN_PIPELINE.load(Ordering::SeqCst) == 0 {
                return previous(info);
            }
            let location = info.location().map(|l| format!(" at {l}")).unwrap_or_default();
            let payload = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let message = format!("{payload}{location}\n{}", std::backtrace::Backtrace::force_capture());
            *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(message);
        }));
    });
}
