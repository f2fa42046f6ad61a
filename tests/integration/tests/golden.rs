//! Golden payloads (`golden/`, format in `golden/README.md`) through the generated types.
//!
//! Every valid golden must decode, survive a serialise/decode round trip unchanged, and pass the
//! untyped check. Every invalid golden must be rejected with exactly the (pointer, rule) list of its
//! `.expect` file, and the untyped check must reach the same verdict wherever it can see the document.

use std::collections::{BTreeSet, HashSet};
use std::fmt::{self, Debug, Write as _};
use std::fs;
use std::path::{Path, PathBuf};

use ltcip_generated::{if_i6_01_04_01, if_i6_01_04_02};
use ltcip_runtime::serde::Serialize;
use ltcip_runtime::serde::de::DeserializeOwned;
use ltcip_runtime::{Layout, ValidationErrors, json, serde_json};

/// Runs the goldens of one folder as one type; returns what went wrong, one entry per problem.
type Runner = fn(&Path) -> Report;

/// Every folder of the tree and the type its payloads decode into. A folder missing from this table,
/// or an entry with no folder, fails [`the_tree_matches_the_layouts`].
const LAYOUTS: &[(&str, &str, Runner)] = &[
    ("IF-I6-01-04-01", "request-headers", run::<if_i6_01_04_01::RequestHeaders>),
    ("IF-I6-01-04-01", "request", run::<if_i6_01_04_01::Request>),
    ("IF-I6-01-04-01", "response", run::<if_i6_01_04_01::Response>),
    ("IF-I6-01-04-02", "request-headers", run::<if_i6_01_04_02::RequestHeaders>),
    ("IF-I6-01-04-02", "request", run::<if_i6_01_04_02::Request>),
    ("IF-I6-01-04-02", "response", run::<if_i6_01_04_02::Response>),
];

/// The rule codes an `.expect` file may name (`Rule::code`), so that a typo fails as a typo.
const RULE_CODES: &[&str] =
    &["required", "count", "type", "chars", "repertoire", "length", "fixed", "code", "date", "structure", "syntax"];

fn golden_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("golden")
}

#[derive(Default)]
struct Report {
    valid: usize,
    invalid: usize,
    failures: Vec<String>,
}

impl Report {
    fn fail(&mut self, case: &Path, what: impl fmt::Display) {
        let case = case.strip_prefix(golden_root()).unwrap_or(case);
        self.failures.push(format!("{}: {what}", case.display()));
    }
}

fn check_layout(if_id: &str, layout: &str) {
    let (_, _, runner) = LAYOUTS
        .iter()
        .find(|(i, l, _)| *i == if_id && *l == layout)
        .unwrap_or_else(|| panic!("{if_id}/{layout} is not in LAYOUTS"));
    let report = runner(&golden_root().join(if_id).join(layout));
    assert!(
        report.failures.is_empty(),
        "{if_id}/{layout}: {} of {} cases failed:\n\n{}",
        report.failures.len(),
        report.valid + report.invalid,
        report.failures.join("\n\n")
    );
    // Floors, so that a case deleted by mistake (or a folder emptied) cannot pass unnoticed.
    assert!(report.valid >= 3, "{if_id}/{layout}: only {} valid cases", report.valid);
    assert!(report.invalid >= 10, "{if_id}/{layout}: only {} invalid cases", report.invalid);
}

#[test]
fn if_i6_01_04_01_request_headers() {
    check_layout("IF-I6-01-04-01", "request-headers");
}

#[test]
fn if_i6_01_04_01_request() {
    check_layout("IF-I6-01-04-01", "request");
}

#[test]
fn if_i6_01_04_01_response() {
    check_layout("IF-I6-01-04-01", "response");
}

#[test]
fn if_i6_01_04_02_request_headers() {
    check_layout("IF-I6-01-04-02", "request-headers");
}

#[test]
fn if_i6_01_04_02_request() {
    check_layout("IF-I6-01-04-02", "request");
}

#[test]
fn if_i6_01_04_02_response() {
    check_layout("IF-I6-01-04-02", "response");
}

/// The folders on disk are exactly the table's, each with `valid/` and `invalid/` and nothing else.
#[test]
fn the_tree_matches_the_layouts() {
    let root = golden_root();
    let mut on_disk = BTreeSet::new();
    for if_dir in entries(&root) {
        let name = file_name(&if_dir);
        if if_dir.is_file() {
            assert_eq!(name, "README.md", "unexpected file {}", if_dir.display());
            continue;
        }
        for layout_dir in entries(&if_dir) {
            assert!(layout_dir.is_dir(), "unexpected file {}", layout_dir.display());
            let kinds: Vec<String> = entries(&layout_dir).iter().map(|p| file_name(p)).collect();
            assert_eq!(kinds, ["invalid", "valid"], "{} must hold exactly valid/ and invalid/", layout_dir.display());
            on_disk.insert((name.clone(), file_name(&layout_dir)));
        }
    }
    let expected: BTreeSet<(String, String)> =
        LAYOUTS.iter().map(|(i, l, _)| ((*i).to_owned(), (*l).to_owned())).collect();
    assert_eq!(on_disk, expected, "golden/ folders and LAYOUTS differ");
}

/// The sorted entries of a folder; a missing or empty folder fails loudly.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let read = fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = read.map(|entry| entry.expect("directory entry").path()).collect();
    paths.sort();
    assert!(!paths.is_empty(), "{} has no files", dir.display());
    paths
}

fn file_name(path: &Path) -> String {
    path.file_name().and_then(|n| n.to_str()).expect("UTF-8 file name").to_owned()
}

fn run<T>(dir: &Path) -> Report
where
    T: Layout + DeserializeOwned + Serialize + PartialEq + Debug,
{
    let mut report = Report::default();
    for path in entries(&dir.join("valid")) {
        if path.extension().is_some_and(|e| e == "json") {
            report.valid += 1;
            run_valid::<T>(&path, &mut report);
        } else {
            report.fail(&path, "a valid/ folder holds .json files only");
        }
    }
    let invalid = entries(&dir.join("invalid"));
    let names: HashSet<&Path> = invalid.iter().map(PathBuf::as_path).collect();
    for path in &invalid {
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => {
                report.invalid += 1;
                let expect = path.with_extension("expect");
                if names.contains(expect.as_path()) {
                    run_invalid::<T>(path, &expect, &mut report);
                } else {
                    report.fail(path, "has no .expect file");
                }
            }
            Some("expect") => {
                if !names.contains(path.with_extension("json").as_path()) {
                    report.fail(path, "has no .json file");
                }
            }
            _ => report.fail(path, "an invalid/ folder holds .json and .expect files only"),
        }
    }
    report
}

fn run_valid<T>(path: &Path, report: &mut Report)
where
    T: Layout + DeserializeOwned + Serialize + PartialEq + Debug,
{
    let bytes = read(path);
    let value = match json::from_slice::<T>(&bytes) {
        Ok(value) => value,
        Err(errors) => return report.fail(path, format!("valid golden rejected: {errors}")),
    };
    let written = serde_json::to_vec(&value).expect("a generated type serialises");
    match json::from_slice::<T>(&written) {
        Ok(again) if again == value => {}
        Ok(again) => report.fail(path, format!("round trip changed the value:\n  {value:?}\n  {again:?}")),
        Err(errors) => report.fail(
            path,
            format!("its own serialisation is rejected: {errors}\n  {}", String::from_utf8_lossy(&written)),
        ),
    }
    let tree: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(tree) => tree,
        Err(error) => return report.fail(path, format!("valid golden is not JSON: {error}")),
    };
    if let Err(errors) = json::check_value(T::SHAPE, &tree) {
        report.fail(path, format!("typed decoding accepts it, check_value rejects it: {errors}"));
    }
}

fn run_invalid<T>(path: &Path, expect_path: &Path, report: &mut Report)
where
    T: Layout + DeserializeOwned + Debug,
{
    let bytes = read(path);
    let expected = match parse_expect(&String::from_utf8_lossy(&read(expect_path))) {
        Ok(expected) => expected,
        Err(problem) => return report.fail(expect_path, problem),
    };
    let errors = match json::from_slice::<T>(&bytes) {
        Ok(value) => return report.fail(path, format!("invalid golden accepted as {value:?}")),
        Err(errors) => errors,
    };
    let found = verdict(&errors);
    if found != expected {
        return report.fail(
            path,
            format!("violations differ\n  expected:\n{}  found:\n{}  {errors}", listing(&expected), listing(&found)),
        );
    }
    for error in &errors {
        if error.message_ja().is_empty() || error.message_en().is_empty() {
            report.fail(path, format!("{} has an empty message", error.pointer()));
        }
    }
    // The untyped path, where it can see what typed decoding saw: a well-formed document. A member
    // given twice is the exception the runtime documents: the tree keeps only the last, so the
    // untyped verdict is the typed one without its `structure` violations (which the `.expect` file
    // has already pinned above).
    let Ok(tree) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return;
    };
    let untyped = json::check_value(T::SHAPE, &tree).err().unwrap_or_default();
    let mut typed = ValidationErrors::new();
    for error in errors.into_iter().filter(|e| e.rule().code() != "structure") {
        typed.push(error);
    }
    if untyped != typed {
        report.fail(path, format!("typed and untyped verdicts differ\n  typed: {typed}\n  untyped: {untyped}"));
    }
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The (pointer, rule code) list, with `(document)` for the empty pointer, as `.expect` writes it.
fn verdict(errors: &ValidationErrors) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|e| {
            let pointer = if e.pointer().is_empty() { "(document)" } else { e.pointer() };
            (pointer.to_owned(), e.rule().code().to_owned())
        })
        .collect()
}

fn listing(list: &[(String, String)]) -> String {
    list.iter().fold(String::new(), |mut out, (pointer, rule)| {
        let _ = writeln!(out, "    {pointer}\t{rule}");
        out
    })
}

/// Reads an `.expect` file: `<pointer>\t<rule code>` per line; `#` starts a comment line.
fn parse_expect(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut list = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let number = number + 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((pointer, rule)) = line.split_once('\t') else {
            return Err(format!("line {number}: expected `<pointer>\\t<rule code>`, found {line:?}"));
        };
        if pointer != "(document)" && !pointer.starts_with('/') {
            return Err(format!("line {number}: {pointer:?} is neither `(document)` nor a JSON Pointer"));
        }
        if !RULE_CODES.contains(&rule) {
            return Err(format!("line {number}: {rule:?} is not a rule code ({})", RULE_CODES.join(", ")));
        }
        list.push((pointer.to_owned(), rule.to_owned()));
    }
    if list.is_empty() {
        return Err("lists no violation: an invalid golden must name at least one".to_owned());
    }
    Ok(list)
}
