//! The generated code for the workbooks in `specs/`, as insta snapshots: a change in the emitter or
//! the workbook shows up as a reviewable diff. Also: output is byte-identical run to run and does not
//! depend on where the workbook sits.

use std::path::{Path, PathBuf};

use ltcip_codegen::output;

fn specs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

fn crate_files(specs: &Path) -> Vec<output::File> {
    let (spec, modules, _) = ltcip_codegen::modules(&[specs.to_path_buf()]).expect("specs/ generates");
    output::crate_files(&spec, &modules).expect("output formats")
}

#[test]
fn generated_code_snapshots() {
    for (path, text) in crate_files(&specs()) {
        let name = path.file_stem().expect("a file name").to_string_lossy().into_owned();
        insta::assert_snapshot!(name, text);
    }
}

#[test]
fn build_rs_file_snapshot() {
    let (spec, modules, _) = ltcip_codegen::modules(&[specs()]).expect("specs/ generates");
    let text = output::single_file(&spec, &modules).expect("output formats");
    insta::assert_snapshot!("ltcip_generated", text);
}

#[test]
fn output_is_deterministic_and_independent_of_location() {
    let first = crate_files(&specs());
    let second = crate_files(&specs());
    assert_eq!(first, second, "two runs on the same workbook differ");

    // The same bytes under another folder and file path: nothing in the output may mention it.
    let elsewhere = tempfile::tempdir().expect("a temp dir");
    let copy = elsewhere.path().join("nested").join("specs");
    std::fs::create_dir_all(&copy).expect("create");
    for entry in std::fs::read_dir(specs()).expect("specs/") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, copy.join(path.file_name().expect("a name"))).expect("copy");
    }
    assert_eq!(first, crate_files(&copy), "output depends on where the workbook is");
    for (_, text) in &first {
        assert!(!text.contains(env!("CARGO_MANIFEST_DIR")), "output mentions a build path");
    }
}

#[test]
fn generated_crate_is_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated");
    let stale = output::stale(&root, &crate_files(&specs())).expect("generated/ is readable");
    assert!(stale.is_empty(), "generated/ is stale; run `cargo run -p ltcip-codegen -- generate`:\n{stale:#?}");
}

#[test]
fn text_type_string_changes_only_the_type_of_text_fields() {
    let out = tempfile::tempdir().expect("a temp dir");
    let generate = |text_type, file_name: &str| {
        let generated = ltcip_codegen::Builder::new()
            .spec(specs())
            .out_dir(out.path())
            .file_name(file_name)
            .cargo_output(false)
            .text_type(text_type)
            .generate()
            .expect("specs/ generates");
        std::fs::read_to_string(generated.path).expect("written")
    };
    let compact = generate(ltcip_codegen::emit::TextType::Compact, "compact.rs");
    let strings = generate(ltcip_codegen::emit::TextType::String, "strings.rs");
    assert!(compact.contains("pub care_insurer_number: Option<::ltcip_runtime::CompactString>,"));
    assert!(!strings.contains("CompactString"));
    // A credential stays a `Secret` whatever the text type.
    assert!(strings.contains("pub authorization: ::ltcip_runtime::Secret,"));
    assert_eq!(strings, compact.replace("::ltcip_runtime::CompactString", "String"));
}
