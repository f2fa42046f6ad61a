//! Turns the interface workbooks of Japan's long-term-care information platform (介護情報基盤, LTCIP)
//! into typed, validated Rust.
//!
//! The pipeline has three steps, each its own module: [`read`] (workbooks → [`model::Spec`], with
//! [`diag::Diagnostics`] naming file, sheet and cell, through the words of [`read::Vocabulary`]),
//! [`model`] (interfaces, layouts, item trees and the rules their text states; it knows nothing of
//! Excel or Rust), and [`emit`] (spec → Rust modules whose `#[ltcip(...)]` attributes read like the spec
//! table). [`overrides`] corrects the model where the spec is silent or loose, and [`output`] writes
//! the result. What rules an item of the model has is decided once, in [`lowering`]: [`emit`],
//! [`validate`] (files checked straight from the workbooks), [`schema`] (JSON Schema) and [`diff`]
//! all read it.
//!
//! # In a build script
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     ltcip_codegen::Builder::new().spec("specs").generate()?;
//!     Ok(())
//! }
//! ```
//!
//! and in the crate, which depends on `ltcip-runtime` only:
//!
//! ```ignore
//! include!(concat!(env!("OUT_DIR"), "/ltcip_generated.rs"));
//! ```

pub mod diag;
pub mod diff;
pub mod emit;
pub mod lowering;
pub mod model;
pub mod names;
mod nfkc;
pub mod openapi;
pub mod output;
pub mod overrides;
pub mod read;
pub mod schema;
mod sha256;
pub mod validate;

use std::path::{Path, PathBuf};

use diag::Diagnostics;
use model::Spec;

/// What can stop generation.
///
/// `Debug` prints what `Display` prints: a build script's `main` that returns the error with `?`
/// (`fn main() -> Result<(), Box<dyn std::error::Error>>`) shows every diagnostic on its own line, not
/// one line of nested structs.
pub enum Error {
    /// The workbooks have errors; every diagnostic is listed.
    Spec(Diagnostics),
    /// Reading or writing a file failed.
    Io {
        /// The file.
        path: PathBuf,
        /// What failed.
        source: std::io::Error,
    },
    /// What the build script or the command line asked does not fit the spec: a selector that
    /// reaches nothing, an attribute or a type that does not parse (one line each).
    Options(Vec<String>),
    /// No output folder: `OUT_DIR` is unset (not in a build script) and none was given.
    NoOutDir,
    /// The emitter produced code that does not parse (a bug in ltcip-codegen).
    Internal(String),
}

// Written out rather than derived with thiserror, which a build script would compile for these five
// messages.
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Spec(diagnostics) => write!(f, "the spec has errors:\n{diagnostics}"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Options(lines) => write!(f, "the generation options are wrong:\n{}", lines.join("\n")),
            Error::NoOutDir => {
                f.write_str("no output folder: OUT_DIR is not set; call Builder::out_dir outside a build script")
            }
            Error::Internal(message) => write!(f, "internal error: {message}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

/// Reads workbooks (files or folders) and applies the `overrides.toml` found in each folder.
pub fn load(paths: &[PathBuf]) -> (Spec, Diagnostics) {
    let read::Read { mut spec, mut diagnostics } = read::read_paths(paths);
    let tables = names::files(paths);
    let named = names::apply(&tables, &mut spec, &mut diagnostics);
    spec.sources.extend(named);
    for path in overrides_files(paths) {
        if let Some(source) = overrides::apply_file(&path, &mut spec, &mut diagnostics) {
            spec.sources.push(source);
        }
    }
    (spec, diagnostics)
}

/// The overrides tables that apply to `paths`: one per folder that has one.
pub fn overrides_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths.iter().filter(|p| p.is_dir()).map(|p| p.join(overrides::FILE_NAME)).filter(|p| p.is_file()).collect()
}

/// Reads, checks and emits with the default [`emit::Options`]: the modules for `paths`, or every
/// diagnostic if any is an error.
pub fn modules(paths: &[PathBuf]) -> Result<(Spec, Vec<emit::Module>, Diagnostics), Error> {
    modules_with(paths, &emit::Options::default())
}

/// Reads, checks and emits: the modules for `paths`, or every diagnostic if any is an error.
pub fn modules_with(
    paths: &[PathBuf],
    options: &emit::Options,
) -> Result<(Spec, Vec<emit::Module>, Diagnostics), Error> {
    let (spec, mut diagnostics) = load(paths);
    if diagnostics.has_errors() {
        return Err(Error::Spec(diagnostics));
    }
    let modules = emit::modules_with(&spec, options, &mut diagnostics).map_err(Error::Options)?;
    if diagnostics.has_errors() {
        return Err(Error::Spec(diagnostics));
    }
    Ok((spec, modules, diagnostics))
}

/// Generates code from a build script, in the manner of `prost_build::Config`.
///
/// ```no_run
/// ltcip_codegen::Builder::new()
///     .spec("specs/besshi13.xlsx")
///     .spec("vendor-specs")
///     .generate()
///     .expect("LTCIP workbooks");
/// ```
#[derive(Debug, Clone)]
pub struct Builder {
    specs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    file_name: String,
    cargo_output: bool,
    options: emit::Options,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

/// What a build-script run did.
#[derive(Debug)]
pub struct Generated {
    /// The file written (or left unchanged).
    pub path: PathBuf,
    /// Whether its bytes changed.
    pub changed: bool,
    /// Warnings and notes (errors stop generation).
    pub diagnostics: Diagnostics,
}

impl Builder {
    /// A builder writing `$OUT_DIR/ltcip_generated.rs`.
    pub fn new() -> Self {
        Builder {
            specs: Vec::new(),
            out_dir: None,
            file_name: "ltcip_generated.rs".to_owned(),
            cargo_output: true,
            options: emit::Options::default(),
        }
    }

    /// Adds a workbook, or a folder of workbooks (with its `overrides.toml`). Repeatable.
    pub fn spec(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.specs.push(path.as_ref().to_path_buf());
        self
    }

    /// Writes into `dir` instead of `$OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Names the output file (default `ltcip_generated.rs`).
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = name.into();
        self
    }

    /// Whether to print `cargo:rerun-if-changed` and `cargo:warning` lines (default: yes).
    pub fn cargo_output(&mut self, enabled: bool) -> &mut Self {
        self.cargo_output = enabled;
        self
    }

    /// The Rust type of text fields (default [`emit::TextType::Compact`]). `String` costs one
    /// allocation per value; choose it where the code that uses the records wants `String`s.
    /// `Borrowed` makes the JSON bodies' structs borrow their text from the document
    /// (`Response<'a>`, decoded by `json::from_slice` without copying text), for the fastest decode
    /// of large responses.
    pub fn text_type(&mut self, text: emit::TextType) -> &mut Self {
        self.options.text = text;
        self
    }

    /// Puts an attribute (any outer attribute text, e.g. `#[derive(Eq, Hash)]` or
    /// `#[serde(deny_unknown_fields)]`) on the structs `selector` reaches: `"*"` every struct, a layout
    /// as `ltcip-codegen list` prints it (`"IF-I6-01-04-02 レスポンス"`, `"UPPLAN ファイル"`) or an IF ID
    /// every struct of it, `"LAYOUT/path"` the records of the リスト item at that path of keys (and those
    /// nested in them). Cumulative; see [`model::selector`] for the selectors.
    pub fn type_attribute(&mut self, selector: impl Into<String>, attribute: impl Into<String>) -> &mut Self {
        self.options.custom.type_attributes.push((selector.into(), attribute.into()));
        self
    }

    /// Puts an attribute on the fields `selector` reaches: `"*"` or a layout every field of it,
    /// `"LAYOUT/path"` (`"IF-I6-01-04-02 レスポンス/body/care_insurer_number"`) or `"*/path"` the item at
    /// that path. Cumulative.
    pub fn field_attribute(&mut self, selector: impl Into<String>, attribute: impl Into<String>) -> &mut Self {
        self.options.custom.field_attributes.push((selector.into(), attribute.into()));
        self
    }

    /// Uses the vendor's own type (a path, e.g. `"crate::InsuredNumber"`) for the text items
    /// `selector` names (`"LAYOUT/path"` or `"*/path"`). The type must dereference to `str` (`Deref<Target
    /// = str>`), convert from `&str` (`From<&str>`), and implement `Debug`, `Clone`, `Default` and
    /// `PartialEq` as the generated structs do. The item's checks run on the text it dereferences to, and
    /// it is read and written as that text, in JSON and in CSV.
    pub fn extern_type(&mut self, selector: impl Into<String>, rust_type: impl Into<String>) -> &mut Self {
        self.options.custom.extern_types.push((selector.into(), rust_type.into()));
        self
    }

    /// Generates only these layouts (each as `list` prints it, or an IF ID for all of its layouts):
    /// an interface none of whose layouts is named gets no module. Cumulative.
    pub fn layouts<S: Into<String>>(&mut self, layouts: impl IntoIterator<Item = S>) -> &mut Self {
        self.options.custom.layouts.extend(layouts.into_iter().map(Into::into));
        self
    }

    /// Reads the workbooks and writes the generated file.
    pub fn generate(&mut self) -> Result<Generated, Error> {
        if self.cargo_output {
            for path in self.watched() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        let (spec, modules, diagnostics) = match modules_with(&self.specs, &self.options) {
            Ok(done) => done,
            Err(Error::Spec(diagnostics)) => {
                if self.cargo_output {
                    for d in diagnostics.errors() {
                        println!("cargo:warning={d}");
                    }
                }
                return Err(Error::Spec(diagnostics));
            }
            Err(other) => return Err(other),
        };
        if self.cargo_output {
            for d in &diagnostics {
                if d.severity == diag::Severity::Warning {
                    println!("cargo:warning={d}");
                }
            }
        }
        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or(Error::NoOutDir)?,
        };
        let text = output::single_file(&spec, &modules).map_err(Error::Internal)?;
        let path = dir.join(&self.file_name);
        let changed =
            output::write_if_changed(&path, &text).map_err(|source| Error::Io { path: path.clone(), source })?;
        Ok(Generated { path, changed, diagnostics })
    }

    /// Everything whose change must re-run the build script: each path given, each workbook in a
    /// folder, and each overrides table.
    fn watched(&self) -> Vec<PathBuf> {
        let mut watched = Vec::new();
        for path in &self.specs {
            watched.push(path.clone());
            if path.is_dir() {
                watched.extend(read::workbook_files(path).unwrap_or_default());
            }
        }
        // A path that does not exist would make cargo re-run the script on every build.
        watched.extend(overrides_files(&self.specs));
        watched
    }
}
