//! `ltcip-codegen validate`: a file checked against a layout straight from the workbooks gets the
//! verdict of the generated code, violation for violation. The generated crate is the reference:
//! every golden payload of `tests/integration/golden` and care-plan CSV files written as MS932.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use ltcip_codegen::model::{Direction, SectionKind, Spec};
use ltcip_codegen::validate::{self, Finding};
use ltcip_fixtures::values::{sjis, valid_value};
use ltcip_generated::{if_i6_01_04_01, if_i6_01_04_02, upplan};
use ltcip_runtime::csv::{self, Violation};
use ltcip_runtime::serde::de::DeserializeOwned;
use ltcip_runtime::{Layout, Shape, ValidationError, json, serde_json};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn golden_root() -> PathBuf {
    repo().join("tests/integration/golden")
}

/// The repository's specs, read once.
fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let (spec, _, _) = ltcip_codegen::modules(&[repo().join("specs")]).expect("the repository's specs generate");
        spec
    })
}

/// The shape `validate` builds for a layout, as `--layout` names it.
fn shape(query: &str, section: SectionKind) -> &'static Shape<'static> {
    let selection = validate::find(spec(), query, None).unwrap_or_else(|e| panic!("{query}: {e}"));
    assert_eq!(selection.layouts.len(), 1, "{query}");
    validate::shape(selection.interface, selection.layouts[0], section).expect("the section exists")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ltcip-codegen")).args(args).current_dir(repo()).output().expect("the CLI runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

// ---------------------------------------------------------------------------------------------------
// (1) JSON: every golden payload.

/// The generated code's verdict on a document: `json::from_slice` into the generated type.
type Typed = fn(&[u8]) -> Vec<ValidationError>;

fn typed<T: Layout + DeserializeOwned>(bytes: &[u8]) -> Vec<ValidationError> {
    json::from_slice::<T>(bytes).err().map(|e| e.into_iter().collect()).unwrap_or_default()
}

/// The generated code's verdict on a document of headers read as HTTP headers (`validate --section
/// headers`): names matched without regard to case by `headers::from_pairs`. A document with a value
/// that is not a string cannot be HTTP headers: its verdict is the document's.
fn http<T: Layout + DeserializeOwned>(bytes: &[u8]) -> Vec<ValidationError> {
    match ltcip_runtime::headers::pairs_from_slice(bytes) {
        Some(pairs) if pairs.iter().all(|(_, value)| value.is_string()) => {
            let pairs = pairs.iter().map(|(name, value)| (name.as_str(), value.as_str().unwrap_or_default()));
            ltcip_runtime::headers::from_pairs::<T>(pairs).err().map(|e| e.into_iter().collect()).unwrap_or_default()
        }
        _ => typed::<T>(bytes),
    }
}

/// `http` for the headers of each interface.
const HTTP: &[(&str, Typed)] = &[
    ("IF-I6-01-04-01", http::<if_i6_01_04_01::RequestHeaders>),
    ("IF-I6-01-04-02", http::<if_i6_01_04_02::RequestHeaders>),
];

/// Each golden folder (see `tests/integration/tests/golden.rs`): the layout as `--layout` names it,
/// the section, and the generated type.
const GOLDEN: &[(&str, &str, &str, SectionKind, Typed)] = &[
    (
        "IF-I6-01-04-01",
        "request-headers",
        "IF-I6-01-04-01 リクエスト",
        SectionKind::Headers,
        typed::<if_i6_01_04_01::RequestHeaders>,
    ),
    ("IF-I6-01-04-01", "request", "IF-I6-01-04-01 リクエスト", SectionKind::Body, typed::<if_i6_01_04_01::Request>),
    ("IF-I6-01-04-01", "response", "IF-I6-01-04-01 レスポンス", SectionKind::Body, typed::<if_i6_01_04_01::Response>),
    (
        "IF-I6-01-04-02",
        "request-headers",
        "IF-I6-01-04-02 リクエスト",
        SectionKind::Headers,
        typed::<if_i6_01_04_02::RequestHeaders>,
    ),
    ("IF-I6-01-04-02", "request", "IF-I6-01-04-02 リクエスト", SectionKind::Body, typed::<if_i6_01_04_02::Request>),
    ("IF-I6-01-04-02", "response", "IF-I6-01-04-02 レスポンス", SectionKind::Body, typed::<if_i6_01_04_02::Response>),
];

/// The `.json` files of a folder, sorted.
fn payloads(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Every folder of the golden tree is in [`GOLDEN`], so that a new one cannot be left unchecked here.
#[test]
fn the_table_covers_every_golden_folder() {
    let mut on_disk = Vec::new();
    for interface in std::fs::read_dir(golden_root()).expect("golden/").map(|e| e.expect("entry").path()) {
        if interface.is_dir() {
            for layout in std::fs::read_dir(&interface).expect("read").map(|e| e.expect("entry").path()) {
                let name = |p: &Path| p.file_name().expect("name").to_string_lossy().into_owned();
                on_disk.push((name(&interface), name(&layout)));
            }
        }
    }
    on_disk.sort();
    let mut table: Vec<(String, String)> = GOLDEN.iter().map(|g| (g.0.to_owned(), g.1.to_owned())).collect();
    table.sort();
    assert_eq!(on_disk, table);
}

/// The engine itself: every violation equal to the generated code's, all of it (pointer, item, rule
/// with its details, value, messages), in the same order.
#[test]
fn every_golden_payload_gets_the_generated_verdict() {
    let mut checked = 0;
    let mut invalid = 0;
    for &(if_id, folder, query, section, typed) in GOLDEN {
        let shape = shape(query, section);
        for kind in ["valid", "invalid"] {
            for path in payloads(&golden_root().join(if_id).join(folder).join(kind)) {
                let bytes = std::fs::read(&path).expect("read");
                let expected = typed(&bytes);
                assert_eq!(expected.is_empty(), kind == "valid", "{}", path.display());
                let found = validate::check_json(shape, &bytes);
                assert_eq!(found, expected, "{}", path.display());
                checked += 1;
                invalid += usize::from(!found.is_empty());
            }
        }
    }
    // As many as the golden tree holds (169 when this was written); a floor against an emptied tree.
    assert!(checked >= 150 && invalid >= 100, "{checked} payloads, {invalid} invalid");
}

/// (pointer, rule, 項番) of a JSON report's violations.
type Listed = Vec<(String, String, String)>;

/// The `--format json` lines of a run, by file.
fn json_reports(output: &Output) -> BTreeMap<String, (bool, Listed, serde_json::Value)> {
    stdout(output)
        .lines()
        .map(|line| {
            let report: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
            let file = report["file"].as_str().expect("file").to_owned();
            let valid = report["valid"].as_bool().expect("valid");
            let listed = report["violations"]
                .as_array()
                .expect("violations")
                .iter()
                .map(|v| {
                    let text = |key: &str| v[key].as_str().unwrap_or_else(|| panic!("{key} in {v}")).to_owned();
                    (text("pointer"), text("rule"), text("item_no"))
                })
                .collect();
            (file, (valid, listed, report))
        })
        .collect()
}

/// The CLI, on every golden payload: its verdict and its violations (pointer, rule, 項番) are the
/// generated code's (headers read as HTTP headers, whose names have no case); status 0 for a folder of valid payloads, 1 for one of invalid payloads.
#[test]
fn the_cli_gives_the_generated_verdict_on_every_golden_payload() {
    for &(if_id, folder, query, section, typed) in GOLDEN {
        for (kind, status) in [("valid", 0), ("invalid", 1)] {
            let files = payloads(&golden_root().join(if_id).join(folder).join(kind));
            let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            let mut args = vec!["validate", "--layout", query, "--format", "json"];
            if section == SectionKind::Headers {
                args.extend(["--section", "headers"]);
            }
            args.extend(names.iter().map(String::as_str));
            let output = run(&args);
            assert_eq!(output.status.code(), Some(status), "{if_id}/{folder}/{kind}: {}", stderr(&output));
            let reports = json_reports(&output);
            assert_eq!(reports.len(), files.len(), "{if_id}/{folder}/{kind}: one report per file");
            for (path, name) in files.iter().zip(&names) {
                let (valid, listed, report) = &reports[name];
                let bytes = std::fs::read(path).expect("read");
                let expected = match section {
                    SectionKind::Headers => {
                        HTTP.iter().find(|h| h.0 == if_id).expect("headers of the interface").1(&bytes)
                    }
                    SectionKind::Body => typed(&bytes),
                };
                let expected: Listed = expected
                    .iter()
                    .map(|e| (e.pointer().to_owned(), e.rule().code().to_owned(), e.item_no().to_owned()))
                    .collect();
                assert_eq!(*valid, expected.is_empty(), "{name}");
                assert_eq!(listed, &expected, "{name}");
                assert_eq!(report["layout"], query, "{name}");
                let want = if section == SectionKind::Headers { "headers" } else { "body" };
                assert_eq!(report["section"], want, "{name}");
            }
        }
    }
}

/// Human output: the runtime's own line for each violation, then a summary line.
#[test]
fn human_output_is_the_runtimes_display() {
    let path = golden_root().join("IF-I6-01-04-02/response/invalid/several-errors.json");
    let name = path.display().to_string();
    let output = run(&["validate", "--layout", "IF-I6-01-04-02/response", &name]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let expected = typed::<if_i6_01_04_02::Response>(&std::fs::read(&path).expect("read"));
    let mut lines: Vec<String> = expected.iter().map(ToString::to_string).collect();
    lines.push(format!("{name}: {} violations (IF-I6-01-04-02 レスポンス)", expected.len()));
    assert_eq!(stdout(&output).lines().collect::<Vec<_>>(), lines);
}

// ---------------------------------------------------------------------------------------------------
// (2) CSV: UPPLAN files written as MS932.

/// One UPPLAN record as CSV text (CR LF ended), with `changes` (column from 1 → raw field text).
fn line(changes: &[(usize, &str)]) -> String {
    let fields: Vec<String> = upplan::Record::SHAPE
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| match changes.iter().find(|(column, _)| *column == index + 1) {
            Some((_, raw)) => (*raw).to_owned(),
            None if item.free_text => format!("\"{}\"", valid_value(item).replace('"', "\"\"")),
            None => valid_value(item),
        })
        .collect();
    fields.join(",") + "\r\n"
}

/// The column of an UPPLAN item, by 項番.
fn column(no: &str) -> usize {
    upplan::Record::SHAPE.items.iter().position(|i| i.no == no).expect("an UPPLAN item") + 1
}

/// A file with a violation of every kind a record can have.
fn invalid_upplan() -> Vec<u8> {
    let mut bytes = sjis(&line(&[]));
    bytes.extend(sjis(&line(&[(column("10"), "20250231"), (column("2"), "13100X")])));
    bytes.extend(sjis("202407,131001\r\n"));
    bytes.extend(sjis(&line(&[(column("5"), "202505")])));
    bytes.extend(sjis(&line(&[(column("7"), "ab\"c")]).replace("\r\n", "\n")));
    // Bytes that are no MS932 at all, in the 計画作成者氏名 column.
    let broken = sjis(&line(&[(column("7"), "@@")]));
    let at = broken.windows(2).position(|w| w == b"@@").expect("the marker");
    let mut broken = broken;
    broken.splice(at..at + 2, [0x81, 0x7F]);
    bytes.extend(broken);
    bytes
}

/// (line, column, 項番, rule) of violations.
fn located(violations: &[Violation]) -> Vec<(u64, Option<usize>, String, &'static str)> {
    violations.iter().map(|v| (v.line(), v.column(), v.item_no().to_owned(), v.rule().code())).collect()
}

fn generated_violations(bytes: &[u8]) -> Vec<Violation> {
    upplan::reader(bytes).flat_map(|row| row.expect("in memory").violations().to_vec()).collect()
}

/// The engine on CSV: the violations of the generated reader, all of them, in order.
#[test]
fn csv_files_get_the_generated_readers_verdict() {
    let bytes = invalid_upplan();
    let expected = generated_violations(&bytes);
    let rules: Vec<&str> = expected.iter().map(|v| v.rule().code()).collect();
    for rule in ["date", "chars", "columns", "uniform", "line_ending", "quoting", "encoding"] {
        assert!(rules.contains(&rule), "the file exercises {rule}: {rules:?}");
    }
    let (records, found) =
        validate::check_csv(shape("UPPLAN ファイル", SectionKind::Body), &bytes[..]).expect("in memory");
    assert_eq!(records, upplan::reader(&bytes[..]).count() as u64);
    assert_eq!(found, expected);
}

/// The CLI on CSV files: line, column, 項番 and rule of each violation as the generated reader has them;
/// status 1, and 0 for a valid file.
#[test]
fn the_cli_reads_csv_files_as_the_generated_reader() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let invalid = dir.path().join("UPPLAN_invalid.CSV");
    std::fs::write(&invalid, invalid_upplan()).expect("write");
    let name = invalid.display().to_string();
    let output = run(&["validate", "--layout", "UPPLAN", "--format", "json", &name]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_str(stdout(&output).trim()).expect("one JSON object");
    assert_eq!(report["layout"], "UPPLAN ファイル");
    assert_eq!(report["valid"], false);
    let found: Vec<(u64, Option<usize>, String, String)> = report["violations"]
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| {
            let column = v.get("column").map(|c| c.as_u64().expect("a number") as usize);
            let text = |key: &str| v[key].as_str().expect("text").to_owned();
            (v["line"].as_u64().expect("line"), column, text("item_no"), text("rule"))
        })
        .collect();
    let expected: Vec<(u64, Option<usize>, String, String)> = located(&generated_violations(&invalid_upplan()))
        .into_iter()
        .map(|(line, column, no, rule)| (line, column, no, rule.to_owned()))
        .collect();
    assert_eq!(found, expected);

    let human = run(&["validate", "--layout", "UPPLAN ファイル", &name]);
    assert_eq!(human.status.code(), Some(1));
    let text = stdout(&human);
    let date_line =
        generated_violations(&invalid_upplan()).iter().find(|v| v.rule().code() == "date").expect("a date").line();
    let date = format!("line {date_line}, column {} [10 サービス利用日] date: ", column("10"));
    assert!(text.lines().any(|l| l.starts_with(&date)), "{text}");
    assert!(
        text.ends_with(&format!("{name}: {} violations in 6 records (UPPLAN ファイル)\n", expected.len())),
        "{text}"
    );

    let valid = dir.path().join("UPPLAN_valid.CSV");
    std::fs::write(&valid, sjis(&(line(&[]) + &line(&[])))).expect("write");
    let output = run(&["validate", "--layout", "upplan/file", &valid.display().to_string()]);
    assert_eq!(output.status.code(), Some(0), "{}{}", stdout(&output), stderr(&output));
    assert_eq!(stdout(&output), format!("{}: valid in 2 records (UPPLAN ファイル)\n", valid.display()));
}

/// A file with several CSVバージョン (the consumer's made-up DLTPLAN 202604 beside 4.1's 202407) is
/// checked against the version it declares, or the one `--layout` names.
#[test]
fn a_versioned_file_is_checked_against_the_version_it_declares() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("DLTPLAN.CSV");
    std::fs::write(&file, b"202407,131001,H123456789,202504\r\n").expect("write");
    let name = file.display().to_string();
    let specs = ["validate", "--spec", "specs", "--spec", "tests/consumer/specs-next"];
    let declared = run(&[&specs[..], &["--layout", "DLTPLAN", "--format", "json", &name]].concat());
    assert_eq!(declared.status.code(), Some(0), "{}{}", stdout(&declared), stderr(&declared));
    assert!(stdout(&declared).contains("\"layout\":\"DLTPLAN ファイル 202407\""), "{}", stdout(&declared));
    let forced = run(&[&specs[..], &["--layout", "DLTPLAN/202604", "--format", "json", &name]].concat());
    assert_eq!(forced.status.code(), Some(1), "{}", stderr(&forced));
    assert!(stdout(&forced).contains("\"rule\":\"columns\""), "{}", stdout(&forced));
    std::fs::write(&file, b"209901,131001,H123456789,202504\r\n").expect("write");
    let unknown = run(&[&specs[..], &["--layout", "DLTPLAN", &name]].concat());
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("\"209901\" is not supported; this build reads 202407, 202604"),
        "{}",
        stderr(&unknown)
    );
}

// ---------------------------------------------------------------------------------------------------
// (3) Exit status and errors.

#[test]
fn exit_status_says_valid_invalid_or_error() {
    let valid = golden_root().join("IF-I6-01-04-01/request/valid/provider-number.json").display().to_string();
    let invalid =
        golden_root().join("IF-I6-01-04-01/request/invalid/provider-number-too-long.json").display().to_string();
    let layout = ["validate", "--layout", "IF-I6-01-04-01", "--direction", "request"];
    assert_eq!(run(&[&layout[..], &[valid.as_str()]].concat()).status.code(), Some(0));
    assert_eq!(run(&[&layout[..], &[valid.as_str(), invalid.as_str()]].concat()).status.code(), Some(1));

    // A file that cannot be read is an error, and does not stop the others.
    let missing = run(&[&layout[..], &["no-such-file.json", invalid.as_str(), "--format", "json"]].concat());
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("error: no-such-file.json: "), "{}", stderr(&missing));
    assert_eq!(json_reports(&missing).len(), 1, "the readable file is still reported");

    // A spec that cannot be read.
    let empty = tempfile::tempdir().expect("a temp dir");
    let spec = empty.path().display().to_string();
    let bad = run(&[&["validate", "--spec", spec.as_str()][..], &layout[1..], &[valid.as_str()]].concat());
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("no workbook here"), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("error: the spec has errors; nothing validated"), "{}", stderr(&bad));

    // A section the layout does not have.
    let headers = run(&["validate", "--layout", "IF-I6-01-04-02 レスポンス", "--section", "headers", &valid]);
    assert_eq!(headers.status.code(), Some(2));
    assert!(stderr(&headers).contains("has no ヘッダ section"), "{}", stderr(&headers));
}

/// Malformed JSON is a violation (`syntax`, with its line and column), not an error.
#[test]
fn malformed_json_is_a_violation_with_its_position() {
    let path = golden_root().join("IF-I6-01-04-01/request/invalid/malformed-trailing-comma.json");
    let output =
        run(&["validate", "--layout", "IF-I6-01-04-01/request", "--format", "json", &path.display().to_string()]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(stdout(&output).trim()).expect("JSON");
    let violation = &report["violations"][0];
    assert_eq!(violation["rule"], "syntax");
    assert_eq!(violation["pointer"], "");
    assert!(violation["line"].as_u64().is_some() && violation["column"].as_u64().is_some(), "{violation}");
}

// ---------------------------------------------------------------------------------------------------
// (4) Naming the layout.

#[test]
fn every_way_of_naming_a_layout_finds_it() {
    let spec = spec();
    let title = |query: &str, direction: Option<Direction>| {
        let selection = validate::find(spec, query, direction).unwrap_or_else(|e| panic!("{query}: {e}"));
        assert_eq!(selection.layouts.len(), 1, "{query}");
        validate::label(selection.interface, selection.layouts[0])
    };
    for query in
        ["IF-I6-01-04-02 レスポンス", "IF-I6-01-04-02/response", "if-i6-01-04-02/Response", "if_i6_01_04_02 res"]
    {
        assert_eq!(title(query, None), "IF-I6-01-04-02 レスポンス", "{query}");
    }
    assert_eq!(title("IF-I6-01-04-02", Some(Direction::Request)), "IF-I6-01-04-02 リクエスト");
    assert_eq!(title("ＩＦ－Ｉ６－０１－０４－０１　リクエスト", None), "IF-I6-01-04-01 リクエスト");
    for query in ["UPPLAN", "UPPLAN ファイル", "upplan/file", "UPPLAN/202407"] {
        assert_eq!(title(query, None), "UPPLAN ファイル", "{query}");
    }
    assert_eq!(title("UPKIHON_SUB1", Some(Direction::File)), "UPKIHON_SUB1 ファイル");

    let ambiguous = validate::find(spec, "IF-I6-01-04-02", None).expect_err("two layouts");
    assert_eq!(ambiguous.candidates, ["IF-I6-01-04-02 リクエスト", "IF-I6-01-04-02 レスポンス"]);
    let missing = validate::find(spec, "UPPLAN/request", None).expect_err("no request");
    assert_eq!(missing.candidates, ["UPPLAN ファイル"]);
}

#[test]
fn an_unknown_layout_is_an_error_listing_close_matches() {
    let output = run(&["validate", "--layout", "IF-I6-01-04-03 レスポンス", "x.json"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("no layout \"IF-I6-01-04-03 レスポンス\"; did you mean one of these?"), "{err}");
    for close in [
        "IF-I6-01-04-01 リクエスト",
        "IF-I6-01-04-01 レスポンス",
        "IF-I6-01-04-02 リクエスト",
        "IF-I6-01-04-02 レスポンス",
    ] {
        assert!(err.contains(close), "{err}");
    }
    assert!(!err.contains("UPPLAN"), "only close matches: {err}");

    let typo = run(&["validate", "--layout", "UPPLAM", "x.csv"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(stderr(&typo).contains("did you mean one of these?\n  UPPLAN ファイル\n"), "{}", stderr(&typo));

    let ambiguous = run(&["validate", "--layout", "IF-I6-01-04-02", "x.json"]);
    assert_eq!(ambiguous.status.code(), Some(2));
    assert!(stderr(&ambiguous).contains("--direction request|response"), "{}", stderr(&ambiguous));

    let nothing = validate::find(spec(), "ZZZZZZZZ", None).expect_err("unknown");
    assert!(nothing.message.contains("the layouts are"), "{nothing}");
    assert!(nothing.candidates.len() >= 20, "every layout listed: {nothing}");
}

/// `Finding` keeps the runtime's own values, so a caller of the library sees what the CLI prints.
#[test]
fn findings_display_as_the_runtime_does() {
    let bytes = br#"{"care_insure_provider_number": "12345"}"#;
    let found = validate::check_json(shape("IF-I6-01-04-01 リクエスト", SectionKind::Body), bytes);
    let finding = Finding::Json(found[0].clone());
    assert_eq!(finding.to_string(), found[0].to_string());
    assert!(finding.to_string().starts_with("/care_insure_provider_number [01 介護保険者番号] length: "));
    assert_eq!(finding.line(), None);
    let csv = csv::Reader::<_, csv::Untyped>::with_shape(&b"1\r\n"[..], shape("UPPLAN", SectionKind::Body))
        .next()
        .expect("a row")
        .expect("in memory");
    assert_eq!(csv.fields().expect("a row of 1 field of 25 keeps it").collect::<Vec<_>>(), ["1"]);
    let finding = Finding::Csv(csv.violations()[0].clone());
    assert_eq!(
        finding.to_string(),
        "line 1 columns: has 1 field; the layout has 25 items / 項目数が1です（レイアウトは25項目）"
    );
}
