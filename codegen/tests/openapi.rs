//! `ltcip_codegen::openapi` and `ltcip-codegen openapi`: the OpenAPI 3.1 document of the JSON
//! interfaces, checked by a real OpenAPI validator (openapi-spec-validator, from PyPI), against the
//! schemas of `schema`, and against the golden payloads.
//!
//! The validator runs as `python3 -m openapi_spec_validator` (`LTCIP_PYTHON` names another
//! interpreter). CI installs it (`python3 -m pip install openapi-spec-validator==0.9.0` in `.ci/run`);
//! on a machine without it, the test that runs it says so and passes, while
//! `ci_has_the_openapi_validator` fails when `CI=true`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ltcip_codegen::model::{Direction, SectionKind, Spec, WireFormat};
use ltcip_codegen::openapi::{self, Settings, SettingsError};
use ltcip_codegen::schema;
use serde_json::{Value, json};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn spec() -> Spec {
    let (spec, diagnostics) = ltcip_codegen::load(&[repo().join("specs")]);
    assert!(!diagnostics.has_errors(), "specs/ has errors:\n{diagnostics}");
    spec
}

fn document(spec: &Spec) -> Value {
    openapi::document(spec, &Settings::default()).expect("the default settings are valid")
}

/// The IF IDs of the interfaces with a JSON layout, in spec order.
fn json_interfaces(spec: &Spec) -> Vec<String> {
    spec.interfaces
        .iter()
        .filter(|i| i.layouts.iter().any(|l| l.format == WireFormat::Json))
        .map(|i| i.id.clone())
        .collect()
}

/// The operation of an IF ID, wherever its path is.
fn operation<'a>(doc: &'a Value, if_id: &str) -> (&'a str, &'a Value) {
    doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .find(|(_, item)| item["post"]["x-ltcip-if-id"] == if_id)
        .map(|(path, item)| (path.as_str(), &item["post"]))
        .unwrap_or_else(|| panic!("no operation for {if_id}"))
}

/// The value a local `$ref` (`#/a/b`) points to.
fn resolve<'a>(doc: &'a Value, reference: &str) -> Option<&'a Value> {
    doc.pointer(reference.strip_prefix('#')?)
}

/// Every `$ref` in `value`.
fn refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                match (key.as_str(), member) {
                    ("$ref", Value::String(target)) => out.push(target.clone()),
                    _ => refs(member, out),
                }
            }
        }
        Value::Array(elements) => elements.iter().for_each(|e| refs(e, out)),
        _ => {}
    }
}

// ---- The validator -----------------------------------------------------------------------------

fn python() -> String {
    std::env::var("LTCIP_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// `openapi-spec-validator`'s version, or `None` when it cannot be run here.
fn validator_version() -> Option<String> {
    let output = Command::new(python())
        .args([
            "-c",
            "import importlib.metadata as m, openapi_spec_validator; print(m.version('openapi-spec-validator'))",
        ])
        .output()
        .ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// Runs openapi-spec-validator (OpenAPI 3.1 rules) on documents, in one run: whether it accepts them
/// all (it stops at the first it rejects), and its words.
fn spec_validator(texts: &[&str]) -> (bool, String) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut command = Command::new(python());
    command.args(["-m", "openapi_spec_validator", "--schema", "3.1", "--validation-errors", "all"]);
    for (i, text) in texts.iter().enumerate() {
        let path = dir.path().join(format!("openapi-{i}.json"));
        std::fs::write(&path, text).expect("write");
        command.arg(path);
    }
    let output = command.output().expect("the validator runs");
    let words = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), words)
}

const INSTALL: &str = "python3 -m pip install openapi-spec-validator==0.9.0";

/// In CI the validator must be there: a missing install step must not turn the validation into a skip.
#[test]
fn ci_has_the_openapi_validator() {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        assert!(
            validator_version().is_some(),
            "CI=true but openapi-spec-validator cannot be imported by `{}`: `.ci/run` must run `{INSTALL}`",
            python()
        );
    }
}

/// A document made with a spec that has response headers too, and one with settings: an OpenAPI 3.1
/// validator accepts each; and it rejects broken ones, so that a pass means something.
#[test]
fn openapi_spec_validator_accepts_the_documents() {
    let Some(version) = validator_version() else {
        eprintln!(
            "SKIPPED: openapi-spec-validator is not installed for `{}` (install it with `{INSTALL}`); \
             CI fails in ci_has_the_openapi_validator instead",
            python()
        );
        return;
    };
    eprintln!("openapi-spec-validator {version}");
    let spec = spec();
    let mut settings = Settings { server: "https://api.example.invalid/base/".into(), ..Settings::default() };
    settings.paths.insert("IF-I6-01-04-02".into(), "/khs-api/usage".into());
    let documents = [
        ("specs/", openapi::text(&spec, &Settings::default()).expect("document")),
        ("specs/ with settings", openapi::text(&spec, &settings).expect("document")),
        (
            "specs/ with response headers",
            openapi::text(&with_response_headers(&spec), &Settings::default()).expect("document"),
        ),
    ];
    let texts: Vec<&str> = documents.iter().map(|(_, text)| text.as_str()).collect();
    let (ok, words) = spec_validator(&texts);
    for (i, (what, _)) in documents.iter().enumerate() {
        assert!(
            ok && words.contains(&format!("openapi-{i}.json: OK")),
            "openapi-spec-validator rejects {what}:\n{words}"
        );
    }

    // The same validator on broken copies: a duplicated operationId, a pattern that is not a regular
    // expression, a header parameter whose `required` is not a boolean, a path template without its
    // parameter.
    let doc: Value = serde_json::from_str(&documents[0].1).expect("JSON");
    let (first, _) = operation(&doc, "IF-I6-01-04-01");
    let (second, _) = operation(&doc, "IF-I6-01-04-02");
    let post = |path: &str| format!("/paths/{}/post", path.replace('~', "~0").replace('/', "~1"));
    type Break<'a> = Box<dyn Fn(&mut Value) + 'a>;
    let breaks: [(&str, Break); 4] = [
        (
            "a duplicated operationId",
            Box::new(|d: &mut Value| {
                let id = d.pointer(&format!("{}/operationId", post(first))).cloned().expect("operationId");
                *d.pointer_mut(&format!("{}/operationId", post(second))).expect("operationId") = id;
            }),
        ),
        (
            "a broken pattern",
            Box::new(|d: &mut Value| {
                *d.pointer_mut("/components/schemas/ms932/pattern").expect("ms932") = json!("^[a-");
            }),
        ),
        (
            "required: \"yes\"",
            Box::new(|d: &mut Value| {
                *d.pointer_mut(&format!("{}/parameters/0/required", post(first))).expect("a parameter") = json!("yes");
            }),
        ),
        (
            "an unresolved path template",
            Box::new(|d: &mut Value| {
                let paths = d["paths"].as_object_mut().expect("paths");
                let item = paths.remove(first).expect("path");
                paths.insert("/{ドメイン名等}".into(), item);
            }),
        ),
    ];
    for (what, break_it) in breaks {
        let mut broken = doc.clone();
        break_it(&mut broken);
        let (ok, words) = spec_validator(&[&openapi::to_pretty(&broken)]);
        assert!(!ok, "openapi-spec-validator accepts a document with {what}:\n{words}");
    }
}

/// `specs/` with the request headers of each request layout copied to its response layout, for
/// response headers (no workbook has them yet).
fn with_response_headers(spec: &Spec) -> Spec {
    let mut spec = spec.clone();
    for interface in &mut spec.interfaces {
        let headers = interface
            .layouts
            .iter()
            .find(|l| l.direction == Direction::Request && l.format == WireFormat::Json)
            .and_then(|l| l.section(SectionKind::Headers).cloned());
        if let (Some(headers), Some(response)) =
            (headers, interface.layouts.iter_mut().find(|l| l.direction == Direction::Response))
        {
            response.sections.insert(0, headers);
        }
    }
    spec
}

// ---- What the document holds -------------------------------------------------------------------

#[test]
fn every_json_layout_is_in_the_document_and_csv_layouts_are_not() {
    let spec = spec();
    let doc = document(&spec);
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["jsonSchemaDialect"], schema::DRAFT);
    let ids = json_interfaces(&spec);
    assert_eq!(ids, ["IF-I6-01-04-01", "IF-I6-01-04-02"]);
    assert_eq!(doc["paths"].as_object().expect("paths").len(), ids.len(), "one path per JSON interface");
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let mut csv = Vec::new();
    for interface in &spec.interfaces {
        for layout in &interface.layouts {
            if layout.format != WireFormat::Json {
                csv.push(Value::from(layout.title()));
                assert!(
                    doc["paths"]
                        .as_object()
                        .expect("paths")
                        .values()
                        .all(|p| p["post"]["x-ltcip-if-id"] != layout.interface_id),
                    "{} is a CSV layout",
                    layout.title()
                );
                continue;
            }
            let (_, op) = operation(&doc, &interface.id);
            for section in &layout.sections {
                let component = schema::file_name(layout, section.kind).trim_end_matches(".schema.json").to_owned();
                assert!(schemas.contains_key(&component), "{component} is a component");
                let reference = json!({ "$ref": format!("#/components/schemas/{component}") });
                match (layout.direction, section.kind) {
                    (Direction::Request, SectionKind::Body) => {
                        assert_eq!(op["requestBody"]["content"]["application/json"]["schema"], reference);
                        assert_eq!(op["requestBody"]["required"], true);
                    }
                    (Direction::Response, SectionKind::Body) => {
                        assert_eq!(op["responses"]["200"]["content"]["application/json"]["schema"], reference);
                    }
                    (Direction::Request, SectionKind::Headers) => {
                        let description = op["description"].as_str().expect("description");
                        assert!(description.contains(&format!("#/components/schemas/{component}")), "{description}");
                    }
                    other => panic!("{} has a section {other:?} the spec does not have", layout.title()),
                }
            }
        }
    }
    assert!(!csv.is_empty());
    assert_eq!(doc["info"]["x-ltcip-csv-layouts"], Value::Array(csv), "the CSV layouts left out are listed");
    let description = doc["info"]["description"].as_str().expect("description");
    assert!(description.contains("CSV layouts") && description.contains("left out"), "{description}");
}

/// `components.schemas` is `schema::files` without `$schema`, with `$defs` moved to the components:
/// nothing added, nothing lost.
#[test]
fn the_schemas_are_those_of_the_schema_command() {
    let spec = spec();
    let doc = document(&spec);
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    let mut expected = BTreeSet::new();
    for file in schema::files(&spec) {
        let name = file.name.strip_suffix(".schema.json").expect("a schema file name").to_owned();
        let mut want = file.schema.clone();
        let object = want.as_object_mut().expect("an object");
        assert_eq!(object.remove("$schema"), Some(Value::from(schema::DRAFT)));
        if let Some(Value::Object(defs)) = object.remove("$defs") {
            for (def, value) in defs {
                assert_eq!(schemas.get(&def), Some(&value), "{}: $defs/{def} is the component {def}", file.name);
                expected.insert(def);
            }
        }
        let text = serde_json::to_string(&want).expect("JSON").replace("\"#/$defs/", "\"#/components/schemas/");
        let want: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(schemas.get(&name), Some(&want), "{name}");
        assert!(!serde_json::to_string(&schemas[&name]).expect("JSON").contains("#/$defs/"), "{name}");
        expected.insert(name);
    }
    assert!(expected.contains(schema::MS932_DEF), "specs/ uses the MS932 repertoire");
    let names: BTreeSet<String> = schemas.keys().cloned().collect();
    assert_eq!(names, expected);
    for name in &names {
        let ok = name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
        assert!(ok, "{name}: OpenAPI component names keep to [A-Za-z0-9._-]");
    }
}

#[test]
fn one_post_operation_per_interface_with_its_headers() {
    let spec = spec();
    let doc = document(&spec);
    let schemas = &doc["components"]["schemas"];
    for interface in spec.interfaces.iter().filter(|i| json_interfaces(&spec).contains(&i.id)) {
        let (path, op) = operation(&doc, &interface.id);
        assert_eq!(path, format!("/{}", interface.id), "the default path");
        assert_eq!(doc["paths"][path].as_object().expect("path item").len(), 1, "POST only");
        assert_eq!(op["operationId"], interface.id.to_lowercase().replace('-', "_"));
        assert_eq!(op["summary"], interface.name.as_str());
        let headers = &schemas[format!("{}_request_headers", interface.id)];
        let parameters = op["parameters"].as_array().expect("parameters");
        // Content-Type and Authorization are not parameters (OpenAPI ignores those): the media type and
        // the security scheme say them.
        let names: Vec<&str> = parameters.iter().map(|p| p["name"].as_str().expect("name")).collect();
        assert_eq!(names, ["care_insure_provider_number"]);
        for parameter in parameters {
            let name = parameter["name"].as_str().expect("name");
            assert_eq!(parameter["in"], "header");
            assert_eq!(parameter["required"], true);
            assert_eq!(parameter["schema"], headers["properties"][name], "{name}: the headers schema's property");
            assert_eq!(parameter["x-ltcip-item-no"], "03");
        }
        assert_eq!(headers["properties"]["Content-Type"]["const"], "application/json");
        let content = op["requestBody"]["content"].as_object().expect("content");
        assert_eq!(content.keys().collect::<Vec<_>>(), ["application/json"]);
        assert_eq!(op["security"], json!([{ "Authorization": [] }]));
        assert_eq!(op["responses"].as_object().expect("responses").keys().collect::<Vec<_>>(), ["200"]);
    }
    let scheme = &doc["components"]["securitySchemes"]["Authorization"];
    assert_eq!(
        (&scheme["type"], &scheme["in"], &scheme["name"]),
        (&json!("apiKey"), &json!("header"), &json!("Authorization"))
    );
    let description = scheme["description"].as_str().expect("description");
    assert!(description.contains("自治体トークン: 払い出された自治体トークン"), "{description}");
    assert_eq!(doc["servers"][0]["url"], openapi::PLACEHOLDER_SERVER);
}

/// What OpenAPI validators may leave unchecked: every `$ref` resolves, every security requirement
/// names a scheme, operationIds are unique.
#[test]
fn references_resolve_and_names_are_unique() {
    for spec in [spec(), with_response_headers(&spec())] {
        let doc = document(&spec);
        let mut all = Vec::new();
        refs(&doc, &mut all);
        assert!(all.len() > 10, "{all:?}");
        for reference in &all {
            assert!(reference.starts_with("#/components/schemas/"), "{reference}");
            assert!(resolve(&doc, reference).is_some(), "{reference} resolves");
        }
        let mut ids = BTreeSet::new();
        for item in doc["paths"].as_object().expect("paths").values() {
            let op = &item["post"];
            assert!(ids.insert(op["operationId"].as_str().expect("operationId").to_owned()));
            for requirement in op["security"].as_array().into_iter().flatten() {
                for scheme in requirement.as_object().expect("a requirement").keys() {
                    assert!(doc["components"]["securitySchemes"].get(scheme).is_some(), "{scheme}");
                }
            }
        }
    }
}

#[test]
fn response_headers_are_headers_of_the_200_response() {
    let spec = with_response_headers(&spec());
    let doc = document(&spec);
    let (_, op) = operation(&doc, "IF-I6-01-04-02");
    let headers = op["responses"]["200"]["headers"].as_object().expect("headers");
    // Content-Type is the media type; OpenAPI ignores a response header of that name.
    assert_eq!(
        headers.keys().collect::<BTreeSet<_>>(),
        BTreeSet::from([&"Authorization".to_owned(), &"care_insure_provider_number".to_owned()])
    );
    let component = &doc["components"]["schemas"]["IF-I6-01-04-02_response_headers"];
    assert_eq!(headers["Authorization"]["schema"], component["properties"]["Authorization"]);
    assert_eq!(headers["Authorization"]["required"], true);
    assert!(headers["Authorization"].get("name").is_none() && headers["Authorization"].get("in").is_none());
}

#[test]
fn a_csv_interface_gets_no_operation() {
    let mut spec = spec();
    let interface = spec.interfaces.iter_mut().find(|i| i.id == "IF-I6-01-04-01").expect("interface");
    for layout in &mut interface.layouts {
        layout.format = WireFormat::Csv;
    }
    let doc = document(&spec);
    let paths: Vec<&String> = doc["paths"].as_object().expect("paths").keys().collect();
    assert_eq!(paths, ["/IF-I6-01-04-02"]);
    let csv = doc["info"]["x-ltcip-csv-layouts"].as_array().expect("listed");
    assert!(csv.contains(&json!("IF-I6-01-04-01 リクエスト")) && csv.contains(&json!("IF-I6-01-04-01 レスポンス")));
    assert!(doc["components"]["schemas"].get("IF-I6-01-04-01_request").is_none());
}

// ---- Golden payloads, against the schemas taken from the document -------------------------------

const BASE: &str = "https://example.invalid/openapi.json";

/// A validator for the schema at `pointer` in the document, its `$ref`s resolved in the document.
fn validator_at(registry: &jsonschema::Registry<'_>, pointer: &str) -> jsonschema::Validator {
    let schema = json!({ "$ref": format!("{BASE}#{pointer}") });
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .with_registry(registry)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{pointer} does not compile: {e}"))
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn payloads(dir: &Path) -> Vec<(PathBuf, Value)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> =
        entries.map(|e| e.expect("entry").path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let value = serde_json::from_slice(&std::fs::read(&path).expect("read")).ok()?;
            Some((path, value))
        })
        .collect()
}

/// Every golden payload of `tests/integration/golden`: the valid ones pass the response, request and
/// header schemas the document gives (the response schema of the 200 response, the request body's,
/// each header parameter's), and the invalid ones that are JSON fail them, but for a member given
/// twice, which no schema can see.
#[test]
fn golden_payloads_get_the_verdict_of_the_schemas_in_the_document() {
    let doc = document(&spec());
    let registry = jsonschema::Registry::new()
        .draft(jsonschema::Draft::Draft202012)
        .add(BASE, doc.clone())
        .expect("the document as a resource")
        .prepare()
        .expect("the registry");
    let golden = repo().join("tests/integration/golden");
    let mut checked = 0;
    for if_id in json_interfaces(&spec()) {
        let (path, op) = operation(&doc, &if_id);
        let post = format!("/paths/{}/post", escape(path));
        let response = validator_at(&registry, &format!("{post}/responses/200/content/application~1json/schema"));
        let request = validator_at(&registry, &format!("{post}/requestBody/content/application~1json/schema"));
        let headers = validator_at(&registry, &format!("/components/schemas/{if_id}_request_headers"));
        let parameters: Vec<(String, jsonschema::Validator)> = op["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .enumerate()
            .map(|(i, p)| {
                (
                    p["name"].as_str().expect("name").to_owned(),
                    validator_at(&registry, &format!("{post}/parameters/{i}/schema")),
                )
            })
            .collect();
        let dir = golden.join(&if_id);
        let valid_response = payloads(&dir.join("response/valid"));
        assert!(valid_response.len() >= 5, "{if_id}: golden response payloads");
        for (file, value) in &valid_response {
            let errors: Vec<String> = response.iter_errors(value).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", file.display());
            checked += 1;
        }
        for (file, value) in payloads(&dir.join("request/valid")) {
            assert!(request.is_valid(&value), "{}", file.display());
            checked += 1;
        }
        for (file, value) in payloads(&dir.join("request-headers/valid")) {
            assert!(headers.is_valid(&value), "{}", file.display());
            for (name, parameter) in &parameters {
                assert!(parameter.is_valid(&value[name]), "{} {name}", file.display());
            }
            checked += 1;
        }
        for (kind, validator) in [("response", &response), ("request", &request), ("request-headers", &headers)] {
            for (file, value) in payloads(&dir.join(kind).join("invalid")) {
                let name = file.file_name().expect("name").to_string_lossy().into_owned();
                if name.starts_with("duplicate-") {
                    continue;
                }
                assert!(!validator.is_valid(&value), "{kind}: {} passes the schema", file.display());
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "{checked} payloads checked");
}

// ---- Settings and the bytes ---------------------------------------------------------------------

#[test]
fn server_and_paths_are_settings() {
    let spec = spec();
    let mut settings =
        Settings { server: "https://khs.example.invalid/".into(), version: "1.0".into(), ..Settings::default() };
    settings.paths.insert("IF-I6-01-04-02".into(), "/khs-api/usage".into());
    let doc = openapi::document(&spec, &settings).expect("valid settings");
    assert_eq!(
        doc["servers"],
        json!([{ "url": "https://khs.example.invalid", "description": "Set with `ltcip-codegen openapi --server URL`." }])
    );
    assert_eq!(doc["info"]["version"], "1.0");
    assert_eq!(operation(&doc, "IF-I6-01-04-02").0, "/khs-api/usage");
    assert_eq!(operation(&doc, "IF-I6-01-04-01").0, "/IF-I6-01-04-01", "not set: the default");
    let placeholder = document(&spec);
    assert!(placeholder["servers"][0]["description"].as_str().is_some_and(|d| d.contains("placeholder")));

    let with = |if_id: &str, path: &str| {
        let mut settings = Settings::default();
        settings.paths.insert(if_id.into(), path.into());
        openapi::document(&spec, &settings).err()
    };
    let unknown = with("IF-NO-SUCH", "/x").expect("an error");
    assert!(matches!(&unknown, SettingsError::UnknownInterface { if_id, .. } if if_id == "IF-NO-SUCH"));
    assert!(unknown.to_string().contains("IF-I6-01-04-01, IF-I6-01-04-02"), "{unknown}");
    assert!(with("UPPLAN", "/x").is_some(), "a CSV layout has no operation");
    for bad in ["khs-api", "/{id}", "/a?b=1", "/a#b", "/a b", ""] {
        assert!(matches!(with("IF-I6-01-04-02", bad), Some(SettingsError::BadPath { .. })), "{bad:?}");
    }
    let same = with("IF-I6-01-04-02", "/IF-I6-01-04-01").expect("an error");
    assert!(matches!(same, SettingsError::SamePath { .. }), "{same}");
    for bad in ["", "/", "https://{ドメイン名等}", "https://a b"] {
        let settings = Settings { server: bad.into(), ..Settings::default() };
        assert!(matches!(openapi::document(&spec, &settings), Err(SettingsError::BadServer(_))), "{bad:?}");
    }
}

#[test]
fn the_same_spec_gives_the_same_bytes() {
    let first = openapi::text(&spec(), &Settings::default()).expect("document");
    let second = openapi::text(&spec(), &Settings::default()).expect("document");
    assert_eq!(first, second);
    assert!(first.ends_with("}\n") && !first.ends_with("\n\n") && !first.contains('\r'));
    // The bytes depend on the content only, not on the order a map happens to keep.
    let reparsed: Value = serde_json::from_str(&first).expect("JSON");
    assert_eq!(openapi::to_pretty(&reparsed), first);
    let at = |needle: &str| first.find(needle).unwrap_or_else(|| panic!("{needle} not in the text"));
    assert!(
        at("\"openapi\"") < at("\"info\"")
            && at("\"info\"") < at("\"paths\"")
            && at("\"paths\"") < at("\"components\"")
    );
    assert!(at("\"operationId\"") < at("\"requestBody\"") && at("\"requestBody\"") < at("\"responses\""));
    // Each component is written as `schema` writes the file, indented.
    let doc = document(&spec());
    let component = &doc["components"]["schemas"]["IF-I6-01-04-02_response"];
    let alone = schema::to_pretty(component);
    let indented: Vec<String> = alone
        .trim_end()
        .lines()
        .enumerate()
        .map(|(i, l)| if i == 0 { l.to_owned() } else { format!("      {l}") })
        .collect();
    assert!(
        first.contains(&format!("\"IF-I6-01-04-02_response\": {}", indented.join("\n"))),
        "the component is laid out as schema::to_pretty lays it"
    );
}

// ---- The command --------------------------------------------------------------------------------

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ltcip-codegen")).args(args).current_dir(dir).output().expect("the CLI runs")
}

#[test]
fn the_command_writes_the_document_and_rewrites_it_only_when_it_changes() {
    let out = tempfile::tempdir().expect("a temp dir");
    let file = out.path().join("api").join("openapi.json");
    let file_arg = file.to_str().expect("UTF-8 path");
    let first = run(&repo(), &["openapi", "--out", file_arg]);
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(first.status.success(), "{stdout}{}", String::from_utf8_lossy(&first.stderr));
    assert!(stdout.starts_with("wrote"), "{stdout}");
    let written = std::fs::read_to_string(&file).expect("written");
    assert_eq!(written, openapi::text(&spec(), &Settings::default()).expect("document"));
    let again = run(&repo(), &["openapi", "--out", file_arg]);
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("unchanged"));

    let set = run(
        &repo(),
        &[
            "openapi",
            "--server",
            "https://khs.example.invalid",
            "--path",
            "IF-I6-01-04-02=/khs-api/usage",
            "--api-version",
            "0.9",
        ],
    );
    assert!(set.status.success(), "{}", String::from_utf8_lossy(&set.stderr));
    let mut settings =
        Settings { server: "https://khs.example.invalid".into(), version: "0.9".into(), ..Settings::default() };
    settings.paths.insert("IF-I6-01-04-02".into(), "/khs-api/usage".into());
    assert_eq!(String::from_utf8(set.stdout).expect("UTF-8"), openapi::text(&spec(), &settings).expect("document"));
}

#[test]
fn wrong_settings_exit_with_status_2_and_say_why() {
    let cases: [(&[&str], &str); 4] = [
        (&["--path", "IF-NO-SUCH=/x"], "no interface IF-NO-SUCH"),
        (&["--path", "IF-I6-01-04-02=khs"], "must start with `/`"),
        (&["--path", "IF-I6-01-04-02=/a", "--path", "IF-I6-01-04-02=/b"], "given twice"),
        (&["--path", "/khs"], "expected IF_ID=/path"),
    ];
    for (args, said) in cases {
        let output = run(&repo(), &[&["openapi"], args].concat());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(said), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?}: nothing printed");
    }
}

#[test]
fn a_spec_with_errors_exits_with_status_1_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::copy(repo().join("specs/besshi13.xlsx"), dir.path().join("besshi13.xlsx")).expect("copy");
    let stale =
        "[[item]]\nlayout = \"IF-I6-01-04-01 レスポンス\"\npath = \"no_such_member\"\ndigits = 3\nreason = \"stale\"\n";
    std::fs::write(dir.path().join("overrides.toml"), stale).expect("write");
    let out = dir.path().join("openapi.json");
    let output = run(dir.path(), &["openapi", "--spec", ".", "--out", out.to_str().expect("UTF-8")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no_such_member"));
    assert!(!out.exists());
}
