//! `ltcip-codegen`: regenerate `generated/` from `specs/`, check it is current, or list what the
//! workbooks hold.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use ltcip_codegen::diag::{Diagnostics, Severity, count};
use ltcip_codegen::emit::{self, TextType};
use ltcip_codegen::model::Spec;
use ltcip_codegen::{Error, output};

#[derive(Parser)]
#[command(name = "ltcip-codegen", version, about = "Generate validated Rust types from LTCIP interface workbooks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the generated crate from the workbooks (run from the repository root).
    Generate(Paths),
    /// Exit with status 1 when the generated crate differs from what the workbooks generate.
    Check(Paths),
    /// Print the interfaces and layouts found, and every diagnostic.
    List(Specs),
    /// Write JSON Schemas (draft 2020-12) of the JSON layouts: one per body, one per set of headers.
    Schema(SchemaArgs),
    /// Write an OpenAPI 3.1 document of the JSON interfaces: the schemas of `schema` as components, one
    /// POST operation per interface. Server and paths are settings (別紙13 gives placeholders).
    Openapi(OpenapiArgs),
    /// Compare two versions of the spec: every interface, layout and item added, removed or changed,
    /// under a rule ID, classed breaking or compatible for the sender and the receiver. Exit status 0
    /// when nothing breaking for the vendor changed, 1 when something did, 2 when a version cannot be
    /// read whole.
    Diff(DiffArgs),
    /// Validate JSON or CSV files against a layout straight from the workbooks, without generating or
    /// compiling anything: the verdicts and messages of the generated code. Exit status 0 when every
    /// file is valid, 1 when one has violations, 2 on errors (the spec, the layout, a file unread).
    Validate(ValidateArgs),
}

#[derive(Args)]
struct Specs {
    /// Workbooks or folders of workbooks (a folder's overrides.toml applies too).
    #[arg(long = "spec", default_value = "specs")]
    specs: Vec<PathBuf>,
}

#[derive(Args)]
struct Paths {
    #[command(flatten)]
    specs: Specs,
    /// The generated crate's folder.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// The Rust type of text fields: `compact` (`ltcip_runtime::CompactString`, no allocation for
    /// text of up to 24 bytes), `string` (`String`) or `borrowed` (`ltcip_runtime::CowStr<'a>`, text
    /// borrowed from the JSON document), as `Builder::text_type` sets it.
    #[arg(long, value_enum, default_value_t = Text::Compact)]
    text_type: Text,
    /// SELECTOR=ATTRIBUTE: an attribute on the structs the selector reaches, as
    /// `Builder::type_attribute` (e.g. `"*=#[derive(Eq, Hash)]"`). Repeatable.
    #[arg(long = "type-attribute", value_name = "SELECTOR=ATTRIBUTE", value_parser = setting)]
    type_attributes: Vec<(String, String)>,
    /// SELECTOR=ATTRIBUTE: an attribute on the fields the selector reaches, as `Builder::field_attribute`.
    /// Repeatable.
    #[arg(long = "field-attribute", value_name = "SELECTOR=ATTRIBUTE", value_parser = setting)]
    field_attributes: Vec<(String, String)>,
    /// SELECTOR=TYPE: the vendor's own type for the items the selector names, as `Builder::extern_type`.
    /// Repeatable.
    #[arg(long = "extern-type", value_name = "SELECTOR=TYPE", value_parser = setting)]
    extern_types: Vec<(String, String)>,
    /// Generate only this layout (as `list` prints it, or an IF ID), as `Builder::layouts`. Repeatable.
    #[arg(long = "layout", value_name = "LAYOUT")]
    layouts: Vec<String>,
}

/// `SELECTOR=VALUE`, split at the first `=` (a layout title has none; an attribute may).
fn setting(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .map(|(selector, value)| (selector.trim().to_owned(), value.trim().to_owned()))
        .ok_or_else(|| format!("{text:?} is not SELECTOR=VALUE"))
}

/// `--text-type`: [`TextType`] by name (the model and emitter know nothing of clap).
#[derive(Clone, Copy, ValueEnum)]
enum Text {
    Compact,
    String,
    Borrowed,
}

impl Paths {
    fn options(&self) -> emit::Options {
        let text = match self.text_type {
            Text::Compact => TextType::Compact,
            Text::String => TextType::String,
            Text::Borrowed => TextType::Borrowed,
        };
        let custom = emit::Customizations {
            type_attributes: self.type_attributes.clone(),
            field_attributes: self.field_attributes.clone(),
            extern_types: self.extern_types.clone(),
            layouts: self.layouts.clone(),
        };
        emit::Options { text, custom }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate(paths) => generate(&paths),
        Command::Check(paths) => check(&paths),
        Command::List(specs) => Ok(list(&specs)),
        Command::Schema(args) => schema(&args),
        Command::Openapi(args) => openapi(args),
        Command::Diff(args) => Ok(diff(&args)),
        Command::Validate(args) => Ok(validate(args)),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn print_diagnostics(diagnostics: &Diagnostics) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

fn crate_files(paths: &Paths) -> Result<(Spec, Vec<output::File>), Error> {
    let (spec, modules, diagnostics) = ltcip_codegen::modules_with(&paths.specs.specs, &paths.options())?;
    print_diagnostics(&diagnostics);
    let files = output::crate_files(&spec, &modules).map_err(Error::Internal)?;
    Ok((spec, files))
}

fn generate(paths: &Paths) -> Result<ExitCode, Error> {
    let (spec, files) = crate_files(paths)?;
    let written = output::write(&paths.out, &files).map_err(|source| Error::Io { path: paths.out.clone(), source })?;
    for path in &written.written {
        println!("wrote     {}", path.display());
    }
    for path in &written.removed {
        println!("removed   {}", path.display());
    }
    for path in &written.unchanged {
        println!("unchanged {}", path.display());
    }
    let layouts: usize = spec.interfaces.iter().map(|i| i.layouts.len()).sum();
    println!(
        "{}, {} from {}: {} written, {} unchanged, {} removed",
        count(spec.interfaces.len(), "interface", "interfaces"),
        count(layouts, "layout", "layouts"),
        count(spec.sources.len(), "source", "sources"),
        count(written.written.len(), "file", "files"),
        written.unchanged.len(),
        written.removed.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn check(paths: &Paths) -> Result<ExitCode, Error> {
    let (_, files) = crate_files(paths)?;
    let stale = output::stale(&paths.out, &files).map_err(|source| Error::Io { path: paths.out.clone(), source })?;
    if stale.is_empty() {
        println!("{} is up to date", paths.out.display());
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &stale {
        println!("stale: {problem}");
    }
    println!("run `ltcip-codegen generate` to update {}", paths.out.display());
    Ok(ExitCode::FAILURE)
}

fn list(specs: &Specs) -> ExitCode {
    let (spec, diagnostics) = ltcip_codegen::load(&specs.specs);
    for source in &spec.sources {
        println!("{} (sha256 {})", source.name, source.sha256);
    }
    for interface in &spec.interfaces {
        println!("\n{} {}", interface.id, interface.name);
        for layout in &interface.layouts {
            let sections: Vec<String> = layout
                .sections
                .iter()
                .map(|s| {
                    let n: usize = s.items.iter().map(|i| i.walk().count()).sum();
                    format!("{} {}", s.kind.spec_name(), count(n, "item", "items"))
                })
                .collect();
            println!(
                "  {} {}: {}  ({})",
                layout.direction,
                layout.format.spec_name(),
                sections.join(", "),
                layout.origin
            );
            if let Some(counts) = requirements(layout) {
                println!("    {counts}");
            }
        }
    }
    if !diagnostics.is_empty() {
        println!("\ndiagnostics:");
        for d in &diagnostics {
            println!("  {d}");
        }
    }
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    if errors > 0 {
        println!("\n{}", count(errors, "error", "errors"));
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// What `list` says of a layout's 必須 beyond 出現回数 (LIFE ○ ●, overrides' `required_when`): how
/// many items are required at 確定取込 only, how many under a condition that is checked, and how many
/// conditions are prose, kept as documentation.
fn requirements(layout: &ltcip_codegen::model::Layout) -> Option<String> {
    use ltcip_codegen::model::Condition;
    let (mut staged, mut checked, mut prose) = (0, 0, 0);
    for item in layout.sections.iter().flat_map(|s| &s.items).flat_map(|i| i.walk()) {
        match item.requirement.as_ref().map(|r| &r.condition) {
            Some(None) => staged += 1,
            Some(Some(Condition::Clauses(_))) => checked += 1,
            Some(Some(Condition::Prose(_))) => prose += 1,
            None => {}
        }
    }
    (staged + checked + prose > 0).then(|| {
        format!(
            "必須: {staged} at 確定取込, {checked} under a condition checked, {prose} under a condition in prose (documentation, not checked)"
        )
    })
}

#[derive(Args)]
struct SchemaArgs {
    #[command(flatten)]
    specs: Specs,
    /// Write one `<IF ID>_<request|response>[_headers].schema.json` per schema into this folder, instead of
    /// printing them all as one JSON object keyed by file name.
    #[arg(long)]
    out: Option<PathBuf>,
}

fn schema(args: &SchemaArgs) -> Result<ExitCode, Error> {
    let (spec, diagnostics) = ltcip_codegen::load(&args.specs.specs);
    if diagnostics.has_errors() {
        return Err(Error::Spec(diagnostics));
    }
    print_diagnostics(&diagnostics);
    let files = ltcip_codegen::schema::files(&spec);
    let Some(dir) = &args.out else {
        print!("{}", ltcip_codegen::schema::bundle(&files));
        return Ok(ExitCode::SUCCESS);
    };
    let mut written = 0;
    for file in &files {
        let path = dir.join(&file.name);
        let changed =
            output::write_if_changed(&path, &file.text()).map_err(|source| Error::Io { path: path.clone(), source })?;
        written += usize::from(changed);
        println!("{} {}", if changed { "wrote    " } else { "unchanged" }, path.display());
    }
    println!("{} schemas: {written} written, {} unchanged", files.len(), files.len() - written);
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
struct OpenapiArgs {
    #[command(flatten)]
    specs: Specs,
    /// Write the document to this file (unchanged when its bytes would not change), instead of
    /// printing it.
    #[arg(long)]
    out: Option<PathBuf>,
    /// The server URL (`servers[0].url`). 別紙13 gives none: the default is a placeholder.
    #[arg(long, default_value = ltcip_codegen::openapi::PLACEHOLDER_SERVER)]
    server: String,
    /// An interface's path, as IF_ID=/path (repeatable); an interface not named gets `/<IF ID>`.
    #[arg(long = "path", value_name = "IF_ID=/PATH", value_parser = ltcip_codegen::openapi::path_setting)]
    paths: Vec<(String, String)>,
    /// `info.version`.
    #[arg(long, default_value = "provisional")]
    api_version: String,
}

/// Exit status 1 when the spec has errors, 2 when a setting is wrong.
fn openapi(args: OpenapiArgs) -> Result<ExitCode, Error> {
    let (spec, diagnostics) = ltcip_codegen::load(&args.specs.specs);
    if diagnostics.has_errors() {
        return Err(Error::Spec(diagnostics));
    }
    print_diagnostics(&diagnostics);
    let mut settings =
        ltcip_codegen::openapi::Settings { server: args.server, version: args.api_version, ..Default::default() };
    for (if_id, path) in args.paths {
        if let Some(first) = settings.paths.insert(if_id.clone(), path) {
            eprintln!("error: --path {if_id} is given twice (the first: {first})");
            return Ok(ExitCode::from(2));
        }
    }
    let text = match ltcip_codegen::openapi::text(&spec, &settings) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: {error}");
            return Ok(ExitCode::from(2));
        }
    };
    let Some(path) = &args.out else {
        print!("{text}");
        return Ok(ExitCode::SUCCESS);
    };
    let changed = output::write_if_changed(path, &text).map_err(|source| Error::Io { path: path.clone(), source })?;
    println!("{} {}", if changed { "wrote    " } else { "unchanged" }, path.display());
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
struct DiffArgs {
    /// The old version: a workbook, or a folder of workbooks (its overrides.toml applies too).
    old: PathBuf,
    /// The new version: a workbook or a folder.
    new: PathBuf,
    /// `text` (grouped by interface and layout), `json` (with a summary count), `github` (GitHub
    /// Actions annotations) or `junit` (a JUnit XML report).
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    /// The ignore file (rule ID + layout + path + reason per accepted change); by default
    /// `diff-ignore.toml` beside the new version, if there is one.
    #[arg(long)]
    ignore: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum DiffFormat {
    Text,
    Json,
    Github,
    Junit,
}

/// Exit status 0 when nothing breaking for the vendor changed, 1 when something did, 2 when a version
/// cannot be read whole or the ignore file is wrong (with every diagnostic on stderr).
fn diff(args: &DiffArgs) -> ExitCode {
    use ltcip_codegen::diff::cli::{Format, Options, run};
    let options = Options {
        old: args.old.clone(),
        new: args.new.clone(),
        ignore: args.ignore.clone(),
        format: match args.format {
            DiffFormat::Text => Format::Text,
            DiffFormat::Json => Format::Json,
            DiffFormat::Github => Format::Github,
            DiffFormat::Junit => Format::Junit,
        },
    };
    ExitCode::from(run(&options, &mut std::io::stdout().lock(), &mut std::io::stderr().lock()))
}

#[derive(Args)]
struct ValidateArgs {
    #[command(flatten)]
    specs: Specs,
    /// The layout: its title as `list` prints it ("IF-I6-01-04-02 レスポンス", "UPPLAN ファイル"), an IF ID
    /// with --direction, an IF ID and direction as `IF-I6-01-04-02/response`, or a file ID alone (`UPPLAN`,
    /// `SERVICE_USER_INFO`). Without it, each file's line 1 (LIFE's CSV files) or its file name (care-plan
    /// files, `UPPLAN_…​.CSV`) names its layout; with it, a file name that says another file or breaks its
    /// rule is a warning.
    #[arg(long)]
    layout: Option<String>,
    /// The stage of import whose 必須 marks apply: `final` (確定取込: ◎, ○, and ● where its condition
    /// holds) or `draft` (仮取込: ◎ only). Layouts without stages read the same in both.
    #[arg(long, value_enum, default_value_t = ValidateMode::Final)]
    mode: ValidateMode,
    /// Which of the interface's layouts, when --layout gives an IF ID alone.
    #[arg(long, value_enum)]
    direction: Option<ValidateDirection>,
    /// The part of a JSON layout the files hold: the body, or the headers as a JSON object of header
    /// name → value (as the generated `RequestHeaders` reads them).
    #[arg(long, value_enum, default_value_t = ValidateSection::Body)]
    section: ValidateSection,
    /// `human` (a line per violation, then a summary per file) or `json` (an object per file, one per line).
    #[arg(long, value_enum, default_value_t = ValidateFormat::Human)]
    format: ValidateFormat,
    /// Violations shown per file at most; the rest are counted, and the summary says how many. 0 shows
    /// every one (a JSON document's are then all held until it is read).
    #[arg(long, default_value_t = 1000)]
    max_violations: u64,
    /// The largest CSV record read, in bytes (with its quotes and line breaks); a larger one is one
    /// `size` violation and reading resumes at the next line, so a file without line breaks cannot
    /// fill memory.
    #[arg(long, default_value_t = ltcip_runtime::csv::DEFAULT_MAX_RECORD_BYTES)]
    max_record_bytes: usize,
    /// Threads that check a file side by side (default: the number of cores): a CSV file's parts, a
    /// JSON response's records (standard input or a pipe is read by one). 1 reads each file from start
    /// to end on one thread. The report is the same either way.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// The files to check (`-` for standard input).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ValidateMode {
    Draft,
    Final,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ValidateDirection {
    Request,
    Response,
    File,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ValidateSection {
    Body,
    Headers,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ValidateFormat {
    #[value(alias = "text")]
    Human,
    Json,
}

fn validate(args: ValidateArgs) -> ExitCode {
    use ltcip_codegen::model::{Direction, SectionKind};
    use ltcip_codegen::validate::{Format, Options, run};
    let options = Options {
        specs: args.specs.specs,
        layout: args.layout,
        max_violations: args.max_violations,
        max_record_bytes: args.max_record_bytes,
        jobs: args.jobs.map_or_else(|| ltcip_runtime::csv::CheckOptions::default().jobs, usize::from),
        mode: match args.mode {
            ValidateMode::Draft => ltcip_runtime::Mode::Draft,
            ValidateMode::Final => ltcip_runtime::Mode::Final,
        },
        direction: args.direction.map(|d| match d {
            ValidateDirection::Request => Direction::Request,
            ValidateDirection::Response => Direction::Response,
            ValidateDirection::File => Direction::File,
        }),
        section: match args.section {
            ValidateSection::Body => SectionKind::Body,
            ValidateSection::Headers => SectionKind::Headers,
        },
        format: match args.format {
            ValidateFormat::Human => Format::Human,
            ValidateFormat::Json => Format::Json,
        },
        files: args.files,
    };
    ExitCode::from(run(&options, &mut std::io::stdout().lock(), &mut std::io::stderr().lock()))
}
