//! Validating a file against a layout straight from the workbooks, without generating or compiling
//! anything: `ltcip-codegen validate --layout "IF-I6-01-04-02 レスポンス" response.json`.
//!
//! # One engine
//!
//! [`shape`] turns a layout of the model into the runtime's own descriptors ([`ltcip_runtime::Shape`],
//! [`ltcip_runtime::Item`]): each item's [`ItemRules`] (the one lowering [`crate::emit`] prints as the
//! `#[ltcip(...)]` attribute the derive reads) in the runtime's terms, so that these are the values
//! `#[derive(Validate)]` builds for the same layout.
//! The checks are then the runtime's, unchanged: JSON goes through [`ltcip_runtime::json::check_slice`],
//! which reports what [`ltcip_runtime::json::from_slice`] reports for the generated type (malformed JSON
//! and members given twice included); CSV through a `csv::Reader<R, csv::Untyped>`, which is the
//! generated `reader` with the layout given at run time, on the same code path. A verdict here is the
//! verdict of the generated code.
//!
//! # Memory
//!
//! The runtime's descriptors borrow their strings (`Item<'a>`), and a CSV reader's type has no
//! lifetime, so it needs a `'static` shape. [`shape`] therefore leaks what it builds (`String::leak`,
//! `Box::leak`): a few kilobytes per layout, built once per layout in a one-shot command. A
//! long-running process should build each layout's shape once and keep it.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use ltcip_runtime::csv::{self, Untyped};
use ltcip_runtime::{Clause, Kind, Length, Mode, Occurs, Range, Requirement, Rule, Shape, Text, ValidationError, json};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::emit::naming;
use crate::lowering::{ItemRules, LayoutRules, TextRules};
use crate::model::{self, CsvDialect, Direction, Interface, Layout, SectionKind, Spec, WireFormat};

/// The runtime description of one section of a layout (leaked: see the module docs).
///
/// `interface` names a file layout's shape as the generated record type is named; `None` if the
/// section does not exist.
pub fn shape(interface: &Interface, layout: &Layout, section: SectionKind) -> Option<&'static Shape<'static>> {
    let items = &layout.section(section)?.items;
    let title = match layout.direction {
        Direction::File => format!("{} {}", interface.id, interface.name),
        _ => format!("{} {}", layout.title(), section.spec_name()),
    };
    Some(build(title, layout, items))
}

/// A shape of `items`, named `title`, with one nested shape per リスト.
fn build(title: String, layout: &Layout, items: &[model::Item]) -> &'static Shape<'static> {
    let rules = LayoutRules::of(layout);
    let items: Vec<ltcip_runtime::Item<'static>> = items
        .iter()
        // An item without a wire key is no field of the generated type (the reader has reported it).
        .filter_map(|item| item.key.as_deref().map(|key| descriptor(item, key, &title, layout, rules)))
        .collect();
    let shape = Shape::new(title.leak(), Box::leak(items.into_boxed_slice()));
    // `csv(id = "…")`: line 1 of the file is the ID, line 2 the items' keys.
    let shape = match rules.csv {
        Some(CsvDialect::Named) => shape.named(leak(&layout.interface_id)),
        _ => shape,
    };
    Box::leak(Box::new(shape))
}

/// `Item::new(no, name, key, occurs, kind)` and its flags: the item's [`ItemRules`] in the runtime's
/// terms, as the derive builds them from the attribute [`crate::emit`] prints from the same rules.
fn descriptor(
    item: &model::Item,
    key: &str,
    parent: &str,
    layout: &Layout,
    layout_rules: LayoutRules,
) -> ltcip_runtime::Item<'static> {
    let rules = ItemRules::of(item, layout_rules);
    let occurs = Occurs::new(rules.occurs.min, rules.occurs.max);
    let kind = match &rules.text {
        None => Kind::List(build(format!("{parent} {} {}", item.no, item.name), layout, &item.children)),
        Some(text_rules) => Kind::Text(text(text_rules)),
    };
    let mut described = ltcip_runtime::Item::new(leak(&item.no), leak(&item.name), leak(key), occurs, kind);
    if rules.text.is_none() {
        return described;
    }
    if rules.secret {
        described = described.secret();
    }
    if rules.free_text {
        described = described.free_text();
    }
    if rules.uniform {
        described = described.uniform();
    }
    if rules.quoted {
        described = described.quoted();
    }
    if rules.space_is_null {
        described = described.space_is_null();
    }
    if let Some(requirement) = &rules.requirement {
        let clauses: Vec<Clause<'static>> =
            requirement.clauses.iter().map(|clause| Clause::new(leak(&clause.key), leak_all(&clause.values))).collect();
        described = described.required(Requirement::new(requirement.mode, clauses.leak()));
    }
    described
}

/// The rules of a text item (`Text::new().chars(..).length(..)...`).
fn text(rules: &TextRules) -> Text<'static> {
    let mut text = Text::new().repertoire(rules.repertoire);
    if let Some(class) = rules.class {
        text = text.chars(class);
    }
    if let Some(length) = rules.length {
        let length = if length.fixed {
            Length::fixed(length.digits, length.unit)
        } else {
            Length::variable(length.digits, length.unit)
        };
        text = text.length(length);
    }
    if let Some(number) = rules.number {
        text = text.decimal(number.integer.unwrap_or(u32::MAX), number.fraction);
    }
    if let Some(range) = &rules.range {
        text = text.range(Range::new(range.min, range.max));
    }
    if let Some(fixed) = &rules.fixed {
        text = text.fixed(leak(fixed));
    }
    if !rules.codes.is_empty() {
        text = text.codes(leak_all(&rules.codes));
    }
    if let Some(date) = rules.date {
        text = text.date(date);
    }
    if let Some(pattern) = &rules.pattern {
        text = text.pattern(leak(pattern));
    }
    if !rules.also.is_empty() {
        text = text.also(leak_all(&rules.also));
    }
    text
}

fn leak(text: &str) -> &'static str {
    text.to_owned().leak()
}

fn leak_all(values: &[String]) -> &'static [&'static str] {
    values.iter().map(|v| leak(v)).collect::<Vec<_>>().leak()
}

// ---------------------------------------------------------------------------------------------------
// Finding the layout a user names.

/// The layouts a `--layout` names: one, or the versions of a file (the file's CSVバージョン picks).
#[derive(Clone, Debug)]
pub struct Selection<'s> {
    /// The interface.
    pub interface: &'s Interface,
    /// Its layouts named: one, or every CSVバージョン of a file layout.
    pub layouts: Vec<&'s Layout>,
}

/// Why a `--layout` names no layout, with the layouts it may have meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LayoutError {
    /// What is wrong.
    pub message: String,
    /// Layouts close to what was asked, as `--layout` accepts them.
    pub candidates: Vec<String>,
}

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if !self.candidates.is_empty() {
            write!(f, "\n  {}", self.candidates.join("\n  "))?;
        }
        Ok(())
    }
}

impl std::error::Error for LayoutError {}

/// How `--layout` writes a layout: its title as `ltcip-codegen list` prints it (`IF-I6-01-04-02
/// レスポンス`, `UPPLAN ファイル`), followed by the CSVバージョン where a file has several.
pub fn label(interface: &Interface, layout: &Layout) -> String {
    let versions = interface.layouts.iter().filter(|l| l.direction == Direction::File).count();
    match layout.version() {
        Some(version) if layout.direction == Direction::File && versions > 1 => format!("{} {version}", layout.title()),
        _ => layout.title(),
    }
}

/// The direction a word names: `request`, `response`, `file` or the spec's リクエスト, レスポンス,
/// ファイル (ASCII words in any case).
pub fn direction_word(word: &str) -> Option<Direction> {
    match word.to_ascii_lowercase().as_str() {
        "request" | "req" | "リクエスト" => Some(Direction::Request),
        "response" | "res" | "レスポンス" => Some(Direction::Response),
        "file" | "ファイル" => Some(Direction::File),
        _ => None,
    }
}

/// The layouts `query` names. `query` is a title (`IF-I6-01-04-02 レスポンス`, `UPPLAN ファイル`), an IF
/// ID with the direction after a slash (`IF-I6-01-04-02/response`), or an IF ID alone, with
/// `direction` or where the interface has one layout (a file ID: `UPPLAN`). IDs match without regard to
/// ASCII case, and as the generated module's name (`if_i6_01_04_02`); a CSVバージョン may follow
/// (`UPPLAN/202407`).
pub fn find<'s>(spec: &'s Spec, query: &str, direction: Option<Direction>) -> Result<Selection<'s>, LayoutError> {
    let normalized: String = query.nfkc().collect();
    let mut tokens = normalized.split(|c: char| c == '/' || c.is_whitespace()).filter(|t| !t.is_empty());
    let Some(id) = tokens.next() else {
        return Err(LayoutError { message: "--layout is empty".to_owned(), candidates: all_labels(spec) });
    };
    let Some(interface) = spec.interfaces.iter().find(|i| names(i, id)) else {
        return Err(unknown(spec, query, id));
    };
    let mut wanted = direction;
    let mut version = None;
    for token in tokens {
        if let Some(named) = direction_word(token) {
            if wanted.is_some_and(|d| d != named) {
                return Err(LayoutError {
                    message: format!(
                        "--layout {query:?} says {named} but --direction says {}",
                        wanted.map_or("", Direction::spec_name)
                    ),
                    candidates: Vec::new(),
                });
            }
            wanted = Some(named);
        } else if token.bytes().all(|b| b.is_ascii_digit()) {
            version = Some(token);
        } else {
            return Err(LayoutError {
                message: format!(
                    "--layout {query:?}: {token:?} is not a direction (request, response, file) or a CSVバージョン; \
                     the layouts of {} are:",
                    interface.id
                ),
                candidates: labels(interface),
            });
        }
    }
    let layouts: Vec<&Layout> = interface
        .layouts
        .iter()
        .filter(|l| wanted.is_none_or(|d| l.direction == d))
        .filter(|l| version.is_none_or(|v| l.version() == Some(v)))
        .collect();
    let files = layouts.iter().all(|l| l.direction == Direction::File);
    match layouts.len() {
        0 => Err(LayoutError {
            message: format!("{} has no layout {query:?}; its layouts are:", interface.id),
            candidates: labels(interface),
        }),
        1 => Ok(Selection { interface, layouts }),
        _ if files => Ok(Selection { interface, layouts }),
        _ => Err(LayoutError {
            message: format!(
                "{} has {} layouts: say which with --direction request|response, or as one of",
                interface.id,
                layouts.len()
            ),
            candidates: layouts.iter().map(|l| label(interface, l)).collect(),
        }),
    }
}

/// Whether `id` names `interface`: its IF ID or its module name.
fn names(interface: &Interface, id: &str) -> bool {
    let own: String = interface.id.nfkc().collect();
    own.eq_ignore_ascii_case(id) || naming::module(&interface.id).is_ok_and(|m| m.eq_ignore_ascii_case(id))
}

fn labels(interface: &Interface) -> Vec<String> {
    interface.layouts.iter().map(|l| label(interface, l)).collect()
}

fn all_labels(spec: &Spec) -> Vec<String> {
    spec.interfaces.iter().flat_map(labels).collect()
}

/// No interface has the ID: the layouts of those whose ID is close, or of every one.
fn unknown(spec: &Spec, query: &str, id: &str) -> LayoutError {
    let asked = id.to_ascii_uppercase();
    let mut close: Vec<(usize, &Interface)> = spec
        .interfaces
        .iter()
        .filter_map(|interface| {
            let own = interface.id.to_ascii_uppercase();
            let distance = edit_distance(&asked, &own);
            let contained = asked.len() >= 3 && (own.contains(&asked) || asked.contains(&own));
            let near = distance <= (asked.chars().count() / 3).max(2);
            (near || contained).then_some((distance, interface))
        })
        .collect();
    close.sort_by_key(|(distance, interface)| (*distance, interface.id.clone()));
    if close.is_empty() {
        return LayoutError { message: format!("no layout {query:?}; the layouts are:"), candidates: all_labels(spec) };
    }
    LayoutError {
        message: format!("no layout {query:?}; did you mean one of these?"),
        candidates: close.into_iter().flat_map(|(_, interface)| labels(interface)).collect(),
    }
}

/// Levenshtein distance, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb)).min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

// ---------------------------------------------------------------------------------------------------
// Checking files.

/// Every violation of a JSON document (bytes) against a shape, as `json::from_slice` reports them for
/// the generated type; empty when the document is valid.
pub fn check_json(shape: &Shape<'_>, bytes: &[u8]) -> Vec<ValidationError> {
    check_json_in(shape, bytes, Mode::default())
}

/// [`check_json`] in a [`Mode`].
pub fn check_json_in(shape: &Shape<'_>, bytes: &[u8], mode: Mode) -> Vec<ValidationError> {
    json::check_slice_with(shape, bytes, mode).err().map(|errors| errors.into_iter().collect()).unwrap_or_default()
}

/// Every violation of a CSV file against a shape, as the generated `reader` reports them, with the
/// number of records read.
pub fn check_csv(shape: &'static Shape<'static>, input: impl Read) -> io::Result<(u64, Vec<csv::Violation>)> {
    check_csv_in(shape, input, Mode::default())
}

/// [`check_csv`] in a [`Mode`] (the 必須 marks of a stage of import).
pub fn check_csv_in(
    shape: &'static Shape<'static>,
    input: impl Read,
    mode: Mode,
) -> io::Result<(u64, Vec<csv::Violation>)> {
    let mut records = 0;
    let mut violations = Vec::new();
    let mut reader = csv::Reader::<_, Untyped>::with_shape(input, shape).mode(mode);
    for row in reader.by_ref() {
        let row = row?;
        records += 1;
        violations.extend_from_slice(row.violations());
    }
    // A file of no record: lines 1 and 2 of a named-column file are checked all the same.
    if records == 0 {
        violations.extend_from_slice(reader.header_violations());
    }
    Ok((records, violations))
}

/// One violation found in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// In a JSON document.
    Json(ValidationError),
    /// In a CSV file (with its line and column).
    Csv(csv::Violation),
}

impl Finding {
    /// The violation as the runtime reports it.
    pub fn error(&self) -> &ValidationError {
        match self {
            Finding::Json(error) => error,
            Finding::Csv(violation) => violation.error(),
        }
    }

    /// The line (from 1): of the record in a CSV file, of a syntax error in JSON.
    pub fn line(&self) -> Option<u64> {
        match self {
            Finding::Csv(violation) => Some(violation.line()),
            Finding::Json(error) => match error.rule() {
                Rule::Syntax { line, .. } => u64::try_from(*line).ok(),
                _ => None,
            },
        }
    }

    /// The column (from 1): the item's in a CSV record, of a syntax error in JSON.
    pub fn column(&self) -> Option<usize> {
        match self {
            Finding::Csv(violation) => violation.column(),
            Finding::Json(error) => match error.rule() {
                Rule::Syntax { column, .. } => Some(*column),
                _ => None,
            },
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::Json(error) => error.fmt(f),
            Finding::Csv(violation) => violation.fmt(f),
        }
    }
}

/// Writes one file's findings as they are found: a line each (`human`), or one JSON object for the file
/// (`json`, its `violations` written one by one). It shows at most `max` and counts the rest, so that
/// a file with millions of violations is checked in the memory of one.
struct Sink<'o> {
    out: &'o mut dyn Write,
    format: Format,
    /// The layout, as `--layout` writes it ([`label`]), with ` ヘッダ` for a headers check.
    target: String,
    file: String,
    /// Findings shown at most (`None`: every one).
    max: Option<u64>,
    shown: u64,
    omitted: u64,
}

impl<'o> Sink<'o> {
    fn new(
        out: &'o mut dyn Write,
        options: &Options,
        layout: String,
        section: Option<SectionKind>,
        file: String,
    ) -> Self {
        let target = match section {
            Some(SectionKind::Headers) => format!("{layout} {}", SectionKind::Headers.spec_name()),
            _ => layout.clone(),
        };
        let mut sink = Sink {
            out,
            format: options.format,
            target,
            file,
            max: (options.max_violations > 0).then_some(options.max_violations),
            shown: 0,
            omitted: 0,
        };
        if sink.format == Format::Json {
            let section = section.map(|s| match s {
                SectionKind::Body => "body",
                SectionKind::Headers => "headers",
            });
            let head = JsonHead { layout: &layout, section, file: &sink.file };
            let head = serde_json::to_string(&head).expect("a report serialises");
            // `{"layout":…,"file":…` and the violations' array, closed by `finish`.
            sink.write(&format!("{},\"violations\":[", head.trim_end_matches('}')));
        }
        sink
    }

    fn write(&mut self, text: &str) {
        // A reader that stops early (`| head`) is no failure: the status still says what was found.
        let _ = self.out.write_all(text.as_bytes());
    }

    /// One finding: written, or counted once `max` are shown.
    fn finding(&mut self, finding: &Finding) {
        if self.max.is_some_and(|max| self.shown >= max) {
            self.omitted += 1;
            return;
        }
        let text = match self.format {
            Format::Human => format!("{finding}\n"),
            Format::Json => {
                let error = finding.error();
                let violation = JsonViolation {
                    line: finding.line(),
                    column: finding.column(),
                    pointer: error.pointer(),
                    item_no: error.item_no(),
                    item_name: error.item_name(),
                    rule: error.rule().code(),
                    value: error.value(),
                    message_en: error.message_en(),
                    message_ja: error.message_ja(),
                };
                let comma = if self.shown > 0 { "," } else { "" };
                format!("{comma}{}", serde_json::to_string(&violation).expect("a violation serialises"))
            }
        };
        self.shown += 1;
        self.write(&text);
    }

    /// Findings counted but not written, besides those the sink counted itself (a streaming
    /// validator's own cap).
    fn also_omitted(&mut self, count: u64) {
        self.omitted += count;
    }

    /// Closes the file's report: the summary line, or the end of the JSON object. Whether the file is
    /// valid.
    fn finish(mut self, records: Option<u64>) -> bool {
        let total = self.shown + self.omitted;
        let valid = total == 0;
        match self.format {
            Format::Human => {
                let count = match total {
                    0 => "valid".to_owned(),
                    n => crate::diag::count(n, "violation", "violations"),
                };
                let records = match records {
                    Some(n) => format!(" in {}", crate::diag::count(n, "record", "records")),
                    None => String::new(),
                };
                let omitted = match self.omitted {
                    0 => String::new(),
                    n => format!("; {n} not shown (--max-violations {})", self.shown),
                };
                let line = format!("{}: {count}{records} ({}){omitted}\n", self.file, self.target);
                self.write(&line);
            }
            Format::Json => {
                let mut tail = format!("],\"valid\":{valid}");
                if let Some(records) = records {
                    tail.push_str(&format!(",\"records\":{records}"));
                }
                if self.omitted > 0 {
                    tail.push_str(&format!(",\"omitted\":{}", self.omitted));
                }
                tail.push_str("}\n");
                self.write(&tail);
            }
        }
        valid
    }

    /// Closes a report the reading of whose file failed midway: the JSON object says so, so that the
    /// output stays one object a line (the error itself goes to standard error).
    fn fail(mut self, message: &str) {
        if self.format == Format::Json {
            let message = serde_json::to_string(message).expect("a string serialises");
            self.write(&format!("],\"error\":{message}}}\n"));
        }
    }
}

#[derive(Serialize)]
struct JsonHead<'a> {
    layout: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'static str>,
    file: &'a str,
}

#[derive(Serialize)]
struct JsonViolation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    pointer: &'a str,
    item_no: &'a str,
    item_name: &'a str,
    rule: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
    message_en: String,
    message_ja: String,
}

// ---------------------------------------------------------------------------------------------------
// The command.

/// How reports are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// One line per violation and a summary line per file.
    #[default]
    Human,
    /// One JSON object per file, one per line.
    Json,
}

/// What `ltcip-codegen validate` is asked.
#[derive(Clone, Debug)]
pub struct Options {
    /// Workbooks or folders of workbooks.
    pub specs: Vec<PathBuf>,
    /// The layout, as [`find`] reads it; `None`: the layout each file's line 1 names (a CSV file with
    /// named columns, LIFE's, starts with its data type), or else its file name (a care-plan file).
    pub layout: Option<String>,
    /// The stage of import whose 必須 marks apply (LIFE: 仮取込 / 確定取込).
    pub mode: Mode,
    /// Violations shown per file at most (the rest are counted); 0 shows every one.
    pub max_violations: u64,
    /// The largest CSV record read, in bytes; a larger one is one `size` violation (the runtime's
    /// [`csv::DEFAULT_MAX_RECORD_BYTES`] unless told).
    pub max_record_bytes: usize,
    /// Threads that check a file's parts side by side (a CSV file's parts with `csv::check`, a JSON
    /// file's records with `Validator::validate_parallel`); 1: one reader per file.
    pub jobs: usize,
    /// `--direction`.
    pub direction: Option<Direction>,
    /// The section of a JSON layout to check the files against.
    pub section: SectionKind,
    /// How to write reports.
    pub format: Format,
    /// The files (`-` for standard input).
    pub files: Vec<PathBuf>,
}

/// A headers document larger than this is no set of HTTP headers (servers refuse far less).
const MAX_HEADERS_BYTES: u64 = 1024 * 1024;

/// Exit status: every file valid.
pub const VALID: u8 = 0;
/// Exit status: a file has violations.
pub const INVALID: u8 = 1;
/// Exit status: the spec has errors, the layout is unknown, or a file cannot be read.
pub const ERROR: u8 = 2;

/// Runs the command: reports on `out`, errors on `err`; returns the exit status ([`VALID`],
/// [`INVALID`] or [`ERROR`]). A file that cannot be read does not stop the others.
pub fn run(options: &Options, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match run_inner(options, out, err) {
        Ok(status) => status,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            ERROR
        }
    }
}

fn run_inner(options: &Options, out: &mut dyn Write, err: &mut dyn Write) -> Result<u8, String> {
    // The same gate as generation: a spec the generator would refuse has no generated verdict either.
    let spec = match crate::modules(&options.specs) {
        Ok((spec, _, _)) => spec,
        Err(crate::Error::Spec(diagnostics)) => {
            for d in diagnostics.errors() {
                let _ = writeln!(err, "{d}");
            }
            return Err("the spec has errors; nothing validated".to_owned());
        }
        Err(other) => return Err(other.to_string()),
    };
    // Each layout's shapes are built once (and leaked: see the module docs), whatever the files.
    let mut resolved: HashMap<String, Resolved<'_>> = HashMap::new();
    if let Some(query) = &options.layout {
        resolved.insert(query.clone(), resolve(&spec, query, options)?);
    }
    let names = file_names(&spec);
    let mut status = VALID;
    for file in &options.files {
        match check_named(&spec, options, file, &mut resolved, &names, out, err) {
            Ok(valid) => {
                if !valid {
                    status = status.max(INVALID);
                }
            }
            Err(message) => {
                let _ = writeln!(err, "error: {}: {message}", file.display());
                status = ERROR;
            }
        }
    }
    Ok(status)
}

/// The layouts a `--layout` names, with the shape of each.
struct Resolved<'s> {
    interface: &'s Interface,
    shapes: Vec<(&'s Layout, &'static Shape<'static>)>,
}

fn resolve<'s>(spec: &'s Spec, query: &str, options: &Options) -> Result<Resolved<'s>, String> {
    let selection = find(spec, query, options.direction).map_err(|e| e.to_string())?;
    let interface = selection.interface;
    let mut shapes = Vec::new();
    for layout in &selection.layouts {
        if layout.format == WireFormat::Csv && options.section != SectionKind::Body {
            return Err(format!("{} is a CSV file: it has no ヘッダ section", label(interface, layout)));
        }
        let Some(shape) = shape(interface, layout, options.section) else {
            let has: Vec<&str> = layout.sections.iter().map(|s| s.kind.spec_name()).collect();
            return Err(format!(
                "{} has no {} section (it has {})",
                label(interface, layout),
                options.section.spec_name(),
                has.join(", ")
            ));
        };
        shapes.push((*layout, shape));
    }
    Ok(Resolved { interface, shapes })
}

/// The file-name rules of the spec's file layouts (the care-plan files), with their IF IDs, as the
/// generated `files` module holds them (leaked, as the shapes are: built once per run).
struct FileNames {
    ids: Vec<String>,
    patterns: Vec<csv::FileNamePattern<'static>>,
}

fn file_names(spec: &Spec) -> FileNames {
    let leak = |text: &str| -> &'static str { text.to_owned().leak() };
    let mut names = FileNames { ids: Vec::new(), patterns: Vec::new() };
    for interface in &spec.interfaces {
        let rule = interface.layouts.iter().find_map(|l| l.file.as_ref().and_then(|f| f.name_pattern.as_ref()));
        let Some(rule) = rule else { continue };
        let segments: Vec<csv::Segment<'static>> = rule
            .segments
            .iter()
            .map(|segment| {
                let base = match segment.date {
                    Some(date) => csv::Segment::date(leak(&segment.name), date),
                    None => csv::Segment::digits(leak(&segment.name), segment.digits),
                };
                let also: Vec<&'static str> = segment.also.iter().map(|a| leak(a)).collect();
                base.also(also.leak())
            })
            .collect();
        names.ids.push(interface.id.clone());
        names.patterns.push(csv::FileNamePattern::new(leak(&rule.prefix), segments.leak(), leak(&rule.extension)));
    }
    names
}

impl FileNames {
    /// The IF ID a file name is meant for (by its prefix; the longest that fits), and what is wrong
    /// with the name by that file's rule.
    fn meant(&self, name: &str) -> Option<(&str, Option<csv::FileNameError>)> {
        let (index, pattern) = self
            .patterns
            .iter()
            .enumerate()
            .filter(|(_, p)| p.is_meant_for(name))
            .max_by_key(|(_, p)| p.prefix.len())?;
        Some((&self.ids[index], pattern.parse(name).err()))
    }
}

/// Checks one file against the layout `--layout` names, or, without it, the one its line 1 names
/// (LIFE) or its file name says (care-plan files). A file name that says another file than
/// `--layout`, or breaks its file's rule, is a warning on `err`.
fn check_named<'s>(
    spec: &'s Spec,
    options: &Options,
    path: &Path,
    resolved: &mut HashMap<String, Resolved<'s>>,
    names: &FileNames,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<bool, String> {
    let mut input = open(path)?;
    let file_name = path.file_name().and_then(|n| n.to_str()).filter(|_| path != Path::new("-"));
    let meant = file_name.and_then(|name| names.meant(name));
    let query = match &options.layout {
        Some(query) => query.clone(),
        None => {
            let (first, rest) = first_line(input).map_err(|e| e.to_string())?;
            input = rest;
            let named = |layout: &Layout| layout.file.as_ref().is_some_and(|f| f.dialect == model::CsvDialect::Named);
            match spec.interfaces.iter().find(|i| i.id == first && i.layouts.iter().any(named)) {
                Some(interface) => interface.id.clone(),
                None => match &meant {
                    Some((id, _)) => (*id).to_owned(),
                    None => {
                        let mut prefixes = names.ids.clone();
                        prefixes.sort();
                        let by_name = if prefixes.is_empty() {
                            String::new()
                        } else {
                            format!(
                                ", and the file name names no care-plan file (they start with {})",
                                prefixes.join(", ")
                            )
                        };
                        return Err(format!(
                            "no --layout; line 1 ({first:?}) names no layout of a CSV file with named columns\
                             {by_name}; say which with --layout"
                        ));
                    }
                },
            }
        }
    };
    if !resolved.contains_key(&query) {
        let found = resolve(spec, &query, options)?;
        resolved.insert(query.clone(), found);
    }
    let found = &resolved[&query];
    if let Some((id, problems)) = &meant {
        if *id != found.interface.id {
            let _ = writeln!(
                err,
                "warning: {}: the file name says {id}, not {}; checked against {} as --layout asks",
                path.display(),
                found.interface.id,
                found.interface.id
            );
        } else if let Some(problems) = problems {
            let _ = writeln!(err, "warning: {}: {problems}", path.display());
        }
    }
    check_file(found.interface, &found.shapes, options, path, input, out)
}

/// A file or standard input (`-`).
fn open(path: &Path) -> Result<Box<dyn Read>, String> {
    if path == Path::new("-") {
        Ok(Box::new(io::stdin().lock()))
    } else {
        Ok(Box::new(std::fs::File::open(path).map_err(|e| e.to_string())?))
    }
}

/// The first line of `input` (trimmed, without a byte-order mark; at most 4 KiB read), and the whole
/// input again, that line included.
fn first_line(mut input: Box<dyn Read>) -> io::Result<(String, Box<dyn Read>)> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while head.len() < 4096 {
        if input.read(&mut byte)? == 0 || matches!(byte[0], b'\r' | b'\n') {
            if byte[0] == b'\r' || byte[0] == b'\n' {
                head.push(byte[0]);
            }
            break;
        }
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head);
    let line = text.trim_start_matches('\u{FEFF}').trim().trim_matches('"').trim().to_owned();
    Ok((line, Box::new(io::Cursor::new(head).chain(input))))
}

/// Checks one file against the layout (for a file with several CSVバージョン, the one it declares),
/// writing each finding to `out` as it is found; whether the file is valid. The file is read as a
/// stream whatever its format: a CSV file a record at a time, a JSON document by the runtime's
/// streaming validator, which keeps one record of a リスト at a time.
fn check_file(
    interface: &Interface,
    shapes: &[(&Layout, &'static Shape<'static>)],
    options: &Options,
    path: &Path,
    input: Box<dyn Read>,
    out: &mut dyn Write,
) -> Result<bool, String> {
    let (layout, shape, input): (_, _, Box<dyn Read>) = if shapes.len() == 1 {
        (shapes[0].0, shapes[0].1, input)
    } else {
        let (version, input) = csv::read_version(input).map_err(|e| e.to_string())?;
        let found = shapes.iter().find(|(layout, _)| layout.version() == Some(version.as_str()));
        let Some(found) = found else {
            let supported: Vec<&str> = shapes.iter().filter_map(|(layout, _)| layout.version()).collect();
            return Err(csv::VersionError::unsupported(&version, &supported).to_string());
        };
        (found.0, found.1, Box::new(input))
    };
    let file = path.display().to_string();
    match layout.format {
        // Headers are matched by name without regard to case, as HTTP and `headers::from_pairs` do.
        WireFormat::Json if options.section == SectionKind::Headers => {
            let mut bytes = Vec::new();
            input.take(MAX_HEADERS_BYTES + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
            if bytes.len() as u64 > MAX_HEADERS_BYTES {
                return Err(format!("more than {MAX_HEADERS_BYTES} bytes: not a set of HTTP headers"));
            }
            let errors = match ltcip_runtime::headers::pairs_from_slice(&bytes) {
                Some(headers) => {
                    let pairs = headers.iter().map(|(name, value)| (name.as_str(), value.clone()));
                    ltcip_runtime::headers::check_pairs(shape, pairs, options.mode)
                        .err()
                        .into_iter()
                        .flatten()
                        .collect()
                }
                // Not an object (or not JSON): what the runtime says of such a document.
                _ => check_json_in(shape, &bytes, options.mode),
            };
            let mut sink = Sink::new(out, options, label(interface, layout), Some(options.section), file);
            for error in errors {
                sink.finding(&Finding::Json(error));
            }
            Ok(sink.finish(None))
        }
        WireFormat::Json => {
            let mut validator = json::stream::Validator::new(shape).mode(options.mode);
            if options.max_violations > 0 {
                validator = validator.limit(usize::try_from(options.max_violations).unwrap_or(usize::MAX));
            }
            // Read whole before anything is written, so that a failed read leaves no half report.
            // A regular file can be read again, which the parallel check may need (standard input, a
            // pipe or a process substitution cannot).
            let regular = path != Path::new("-") && std::fs::metadata(path).is_ok_and(|m| m.is_file());
            let report = if options.jobs > 1 && regular {
                drop(input);
                validator.validate_parallel(options.jobs, || std::fs::File::open(path))
            } else {
                validator.validate(input)
            }
            .map_err(|e| e.to_string())?;
            let mut sink = Sink::new(out, options, label(interface, layout), Some(options.section), file);
            for error in report.errors() {
                sink.finding(&Finding::Json(error.clone()));
            }
            sink.also_omitted(report.omitted());
            Ok(sink.finish(None))
        }
        WireFormat::Csv => {
            // Any bytes read to find the CSVバージョン come first in `input`.
            let mut sink = Sink::new(out, options, label(interface, layout), None, file);
            let check = csv::CheckOptions {
                jobs: options.jobs,
                mode: options.mode,
                max_record_bytes: options.max_record_bytes,
                max_violations: options.max_violations,
                ..csv::CheckOptions::default()
            };
            // Each violation is written as it comes, in file order; the parts of a large file are
            // checked side by side.
            match csv::check(input, shape, check, |violation| sink.finding(&Finding::Csv(violation.clone()))) {
                Ok(checked) => {
                    sink.also_omitted(checked.omitted);
                    Ok(sink.finish(Some(checked.records)))
                }
                Err(error) => {
                    sink.fail(&error.to_string());
                    Err(error.to_string())
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{direction_word, edit_distance};
    use crate::model::Direction;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("UPPLAM", "UPPLAN"), 1);
        assert_eq!(edit_distance("IF-I6-01-04-03", "IF-I6-01-04-02"), 1);
        assert_eq!(edit_distance("", "ABC"), 3);
        assert_eq!(edit_distance("KITTEN", "SITTING"), 3);
    }

    #[test]
    fn direction_words() {
        assert_eq!(direction_word("Response"), Some(Direction::Response));
        assert_eq!(direction_word("リクエスト"), Some(Direction::Request));
        assert_eq!(direction_word("ファイル"), Some(Direction::File));
        assert_eq!(direction_word("body"), None);
    }
}
