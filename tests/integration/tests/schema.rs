//! Golden payloads (`golden/`) through the JSON Schemas `ltcip-codegen schema` writes.
//!
//! For every payload, the schema of its layout (read back from the bytes the command writes, and
//! checked by the `jsonschema` crate) must reach the verdict the generated Rust code reaches with
//! `ltcip_runtime::json::from_slice`: valid or invalid. A file that is not JSON never reaches a schema
//! and counts as rejected by it. The payloads where JSON Schema cannot say the rule that decides are
//! listed in [`DISAGREEMENTS`] with the reason; the test fails on any other disagreement, and on a
//! listed one that has gone away.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use ltcip_codegen::schema::{self, SchemaFile};
use ltcip_generated::{if_i6_01_04_01, if_i6_01_04_02};
use ltcip_runtime::serde::de::DeserializeOwned;
use ltcip_runtime::serde_json::{self, Value};
use ltcip_runtime::{Layout, json};

/// The Rust verdict on a payload: whether the generated type accepts it.
type Verdict = fn(&[u8]) -> bool;

fn accepts<T: Layout + DeserializeOwned>(bytes: &[u8]) -> bool {
    json::from_slice::<T>(bytes).is_ok()
}

/// Every golden folder, the schema file of its layout and the generated type its payloads decode into.
const LAYOUTS: &[(&str, &str, &str, Verdict)] = &[
    (
        "IF-I6-01-04-01",
        "request-headers",
        "IF-I6-01-04-01_request_headers.schema.json",
        accepts::<if_i6_01_04_01::RequestHeaders>,
    ),
    ("IF-I6-01-04-01", "request", "IF-I6-01-04-01_request.schema.json", accepts::<if_i6_01_04_01::Request>),
    ("IF-I6-01-04-01", "response", "IF-I6-01-04-01_response.schema.json", accepts::<if_i6_01_04_01::Response>),
    (
        "IF-I6-01-04-02",
        "request-headers",
        "IF-I6-01-04-02_request_headers.schema.json",
        accepts::<if_i6_01_04_02::RequestHeaders>,
    ),
    ("IF-I6-01-04-02", "request", "IF-I6-01-04-02_request.schema.json", accepts::<if_i6_01_04_02::Request>),
    ("IF-I6-01-04-02", "response", "IF-I6-01-04-02_response.schema.json", accepts::<if_i6_01_04_02::Response>),
];

/// A member given twice: the runtime rejects the document (`structure`); a JSON Schema validator sees
/// the parsed document, where `serde_json` (like most parsers) has kept the last value only, and that
/// value keeps every rule.
const DUPLICATE: &str = "a member given twice, its last value valid: JSON Schema sees the parsed value only";

/// Payloads (relative to `golden/`) on which the schema and the generated code disagree, and why. Each
/// is rejected by the Rust code and accepted by the schema.
const DISAGREEMENTS: &[(&str, &str)] = &[
    ("IF-I6-01-04-01/request-headers/invalid/duplicate-content-type.json", DUPLICATE),
    ("IF-I6-01-04-01/request/invalid/duplicate-member-first-bad.json", DUPLICATE),
    ("IF-I6-01-04-01/request/invalid/duplicate-member.json", DUPLICATE),
    ("IF-I6-01-04-02/request-headers/invalid/duplicate-content-type.json", DUPLICATE),
    ("IF-I6-01-04-02/request/invalid/duplicate-insurer-number.json", DUPLICATE),
    ("IF-I6-01-04-02/response/invalid/duplicate-body.json", DUPLICATE),
    ("IF-I6-01-04-02/response/invalid/duplicate-in-record.json", DUPLICATE),
];

fn golden_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("golden")
}

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs")
}

/// The schemas as `ltcip-codegen schema` writes them, read back from their bytes.
fn written_schemas() -> BTreeMap<String, Value> {
    let (spec, diagnostics) = ltcip_codegen::load(&[specs()]);
    assert!(!diagnostics.has_errors(), "specs/ has errors:\n{diagnostics}");
    schema::files(&spec)
        .iter()
        .map(|file: &SchemaFile| {
            let value = serde_json::from_str(&file.text()).expect("a written schema is JSON");
            (file.name.clone(), value)
        })
        .collect()
}

/// The `.json` files of a folder, sorted.
fn payloads(dir: &Path) -> Vec<PathBuf> {
    let read = fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = read
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
}

fn relative(path: &Path) -> String {
    path.strip_prefix(golden_root()).expect("under golden/").to_string_lossy().replace('\\', "/")
}

/// What a validator says of a payload: accepted, or the first errors found.
fn schema_verdict(validator: &jsonschema::Validator, bytes: &[u8]) -> Result<(), String> {
    let instance: Value = serde_json::from_slice(bytes).map_err(|e| format!("not JSON: {e}"))?;
    let errors: Vec<String> =
        validator.iter_errors(&instance).take(5).map(|e| format!("{} {e}", e.instance_path())).collect();
    if errors.is_empty() { Ok(()) } else { Err(errors.join("; ")) }
}

/// Runs every golden through the schemas; returns the disagreements (path → explanation) and how many
/// payloads were seen.
fn disagreements(validate_formats: bool) -> (BTreeMap<String, String>, usize) {
    let schemas = written_schemas();
    let mut found = BTreeMap::new();
    let mut seen = 0;
    for (if_id, layout, file, rust) in LAYOUTS {
        let schema = schemas.get(*file).unwrap_or_else(|| panic!("no schema {file}; written: {:?}", schemas.keys()));
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(validate_formats)
            .build(schema)
            .unwrap_or_else(|e| panic!("{file} does not compile: {e}"));
        for kind in ["valid", "invalid"] {
            for path in payloads(&golden_root().join(if_id).join(layout).join(kind)) {
                seen += 1;
                let bytes = fs::read(&path).expect("read");
                let by_rust = rust(&bytes);
                assert_eq!(
                    by_rust,
                    kind == "valid",
                    "{}: the generated code disagrees with its folder",
                    relative(&path)
                );
                let by_schema = schema_verdict(&validator, &bytes);
                if by_rust != by_schema.is_ok() {
                    let said = match by_schema {
                        Ok(()) => "schema accepts it, Rust rejects it".to_owned(),
                        Err(errors) => format!("schema rejects it ({errors}), Rust accepts it"),
                    };
                    found.insert(relative(&path), said);
                }
            }
        }
    }
    (found, seen)
}

fn check(validate_formats: bool) {
    let (found, seen) = disagreements(validate_formats);
    assert!(seen >= 150, "only {seen} golden payloads found");
    let listed: BTreeMap<String, String> =
        DISAGREEMENTS.iter().map(|(path, why)| ((*path).to_owned(), (*why).to_owned())).collect();
    let unexpected: Vec<String> =
        found.iter().filter(|(path, _)| !listed.contains_key(*path)).map(|(p, said)| format!("{p}: {said}")).collect();
    let gone: Vec<&String> = listed.keys().filter(|path| !found.contains_key(*path)).collect();
    assert!(
        unexpected.is_empty() && gone.is_empty(),
        "schema and Rust verdicts differ on {} payloads not in DISAGREEMENTS:\n  {}\n\
         and agree on {} payloads DISAGREEMENTS lists (remove them):\n  {gone:?}",
        unexpected.len(),
        unexpected.join("\n  "),
        gone.len()
    );
    for (path, said) in &found {
        assert!(said.starts_with("schema accepts it"), "{path}: {said}");
    }
}

#[test]
fn every_golden_payload_gets_the_rust_verdict_from_its_schema() {
    check(false);
}

/// `"format": "date"` is an annotation in draft 2020-12; a validator that asserts formats must give the
/// same verdicts, since the date pattern already admits calendar-valid dates only.
#[test]
fn asserting_formats_changes_no_verdict() {
    check(true);
}

/// Every golden folder has a schema, and every schema a golden folder, so that a new layout cannot go
/// unchecked.
#[test]
fn every_schema_has_goldens_and_every_golden_folder_a_schema() {
    let schemas = written_schemas();
    let mapped: Vec<&str> = LAYOUTS.iter().map(|(_, _, file, _)| *file).collect();
    let written: Vec<&str> = schemas.keys().map(String::as_str).collect();
    let mut sorted = mapped.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, written, "LAYOUTS and the schemas written differ");
    for if_dir in fs::read_dir(golden_root()).expect("golden/").map(|e| e.expect("entry").path()) {
        if !if_dir.is_dir() {
            continue;
        }
        for layout_dir in fs::read_dir(&if_dir).expect("read").map(|e| e.expect("entry").path()) {
            let (if_id, layout) =
                (relative(&if_dir), layout_dir.file_name().expect("name").to_string_lossy().into_owned());
            assert!(
                LAYOUTS.iter().any(|(i, l, _, _)| *i == if_id && *l == layout),
                "golden/{if_id}/{layout} has no schema in LAYOUTS"
            );
        }
    }
}
