//! An OpenAPI 3.1 document of the JSON interfaces, for vendors who do not write Rust: the same rules as
//! the JSON Schemas of [`crate::schema`] (JSON Schema 2020-12 is OpenAPI 3.1's schema dialect), with
//! one operation per interface.
//!
//! # The document
//!
//! | part | what |
//! |---|---|
//! | `info` | a title, the version set by [`Settings::version`], a description of what follows, the workbooks read (`x-ltcip-sources`, with their SHA-256) and the CSV layouts left out (`x-ltcip-csv-layouts`) |
//! | `jsonSchemaDialect` | [`schema::DRAFT`]: the components carry no `$schema` of their own |
//! | `servers` | one, [`Settings::server`] (a placeholder by default: 別紙13 writes the request URL as `https://{ドメイン名等}+{処理名}`) |
//! | `paths` | one path per interface that has a JSON layout, [`Settings::paths`] or `/<IF ID>`, holding one `post` operation |
//! | `components.schemas` | every schema [`schema::files`] writes, named after its file without `.schema.json` (`IF-I6-01-04-02_response`), without `$schema`; their `$defs` are components too (`ms932`, the MS932 repertoire), and their `$ref`s point there |
//! | `components.securitySchemes` | `Authorization`, where a layout has an `Authorization` header |
//!
//! An operation: `operationId` the interface's Rust module name (`if_i6_01_04_02`, an identifier in
//! any language, and the name the generated Rust uses); `summary` its 外部インタフェース名; the IF ID in
//! `x-ltcip-if-id`; the request headers (リクエストヘッダ) as below; the request body as
//! `application/json`, required, `$ref` to its component; the response as the `200` response, its
//! body `application/json`, `$ref` to its component, and response headers as `headers` where a
//! response layout has them.
//!
//! Request headers go where OpenAPI wants them, since it ignores header parameters named
//! `Content-Type`, `Accept` and `Authorization`:
//!
//! - `Content-Type`: the request body's media type (its fixed value, `application/json`);
//! - `Authorization` (自治体トークン): the security scheme `Authorization`, an `apiKey` in the
//!   `Authorization` header, whose value is sent as issued (the spec gives no format: no `Bearer `
//!   prefix is stated, so an HTTP `bearer` scheme would say more than the spec);
//! - `Accept`: the response's media type;
//! - every other header: a header parameter, `required` when 出現回数 最小 is 1 or more, its `schema` a
//!   copy of the header's property in the headers component (same rules as `schema` writes).
//!
//! The full headers schema stays in `components.schemas` (`IF-I6-01-04-02_request_headers`), the
//! header map `ltcip-codegen validate --section headers` checks.
//!
//! What 別紙13 does not state, and the document assumes: the method (POST, as a body is sent) and the
//! status code (200: a failure the interface reports, 取得結果「失敗」, is in the body). No other
//! response is described.
//!
//! # Output
//!
//! [`to_pretty`] writes the document with two-space indentation, OpenAPI's fields in a fixed order,
//! maps (paths, schemas, media types, responses) by name, and every schema as [`schema::to_pretty`]
//! writes it: the same spec and settings always give the same bytes.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value, json};

use crate::emit::naming;
use crate::model::{Direction, Interface, Item, Layout, SectionKind, Spec, WireFormat};
use crate::schema;

/// The OpenAPI version written.
pub const OPENAPI: &str = "3.1.0";

/// The server used when none is set: the reserved `.invalid` domain, so that nothing is ever sent
/// to it by mistake.
pub const PLACEHOLDER_SERVER: &str = "https://example.invalid";

/// The name of the security scheme of the `Authorization` header.
pub const AUTHORIZATION_SCHEME: &str = "Authorization";

/// What the spec does not say and the document needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The server URL (`servers[0].url`); a trailing `/` is dropped. Default [`PLACEHOLDER_SERVER`].
    pub server: String,
    /// Each interface's path, by IF ID (`IF-I6-01-04-02` → `/khs-api/...`); an interface not named
    /// here gets `/<IF ID>`. Naming an IF ID that has no JSON layout is an error.
    pub paths: BTreeMap<String, String>,
    /// `info.version`. Default `provisional`.
    pub version: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { server: PLACEHOLDER_SERVER.to_owned(), paths: BTreeMap::new(), version: "provisional".to_owned() }
    }
}

/// A setting the document cannot be made with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsError {
    /// A path is set for an IF ID that has no JSON layout in the spec.
    UnknownInterface {
        /// The IF ID.
        if_id: String,
        /// The interfaces that have one.
        known: Vec<String>,
    },
    /// A path that does not start with `/`, or holds `{`, `}`, `?`, `#` or white space.
    BadPath {
        /// The IF ID.
        if_id: String,
        /// The path.
        path: String,
    },
    /// Two interfaces on the same path.
    SamePath {
        /// The path.
        path: String,
        /// The IF IDs.
        if_ids: [String; 2],
    },
    /// An empty server URL, or one holding `{`, `}` or white space.
    BadServer(String),
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingsError::UnknownInterface { if_id, known } => write!(
                f,
                "path for {if_id}: the spec has no interface {if_id} with a JSON layout (it has: {})",
                known.join(", ")
            ),
            SettingsError::BadPath { if_id, path } => write!(
                f,
                "path for {if_id}: {path:?} must start with `/` and hold no `{{`, `}}`, `?`, `#` nor white space"
            ),
            SettingsError::SamePath { path, if_ids: [a, b] } => {
                write!(f, "{a} and {b} have the same path {path:?}: each interface needs its own")
            }
            SettingsError::BadServer(url) => {
                write!(f, "server {url:?}: must not be empty nor hold `{{`, `}}` or white space")
            }
        }
    }
}

impl std::error::Error for SettingsError {}

/// Reads a `--path` argument: `IF_ID=/path`.
pub fn path_setting(arg: &str) -> Result<(String, String), String> {
    match arg.split_once('=') {
        Some((if_id, path)) if !if_id.trim().is_empty() => Ok((if_id.trim().to_owned(), path.to_owned())),
        _ => Err(format!("{arg:?}: expected IF_ID=/path, e.g. IF-I6-01-04-02=/khs-api/usage")),
    }
}

/// The component name of a schema file: its name without `.schema.json`.
pub fn component_name(file: &schema::SchemaFile) -> String {
    file.name.strip_suffix(".schema.json").unwrap_or(&file.name).to_owned()
}

/// The document as text (see [`to_pretty`]).
pub fn text(spec: &Spec, settings: &Settings) -> Result<String, SettingsError> {
    Ok(to_pretty(&document(spec, settings)?))
}

/// The OpenAPI 3.1 document of the JSON interfaces of `spec`.
pub fn document(spec: &Spec, settings: &Settings) -> Result<Value, SettingsError> {
    let server = settings.server.trim_end_matches('/');
    if server.is_empty() || server.contains(['{', '}']) || server.contains(char::is_whitespace) {
        return Err(SettingsError::BadServer(settings.server.clone()));
    }
    let interfaces: Vec<&Interface> = spec.interfaces.iter().filter(|i| json_layouts(i).next().is_some()).collect();
    let paths = paths(&interfaces, settings)?;
    let (schemas, names) = components(spec);

    let mut operations = Map::new();
    let mut authorizations = Vec::new();
    for interface in &interfaces {
        let operation = operation(interface, &names, &schemas, &mut authorizations);
        operations.insert(paths[interface.id.as_str()].clone(), json!({ "post": operation }));
    }

    let mut components = Map::new();
    components.insert("schemas".into(), Value::Object(schemas));
    if !authorizations.is_empty() {
        components
            .insert("securitySchemes".into(), json!({ AUTHORIZATION_SCHEME: authorization_scheme(&authorizations) }));
    }
    let csv: Vec<Value> = spec
        .interfaces
        .iter()
        .flat_map(|i| &i.layouts)
        .filter(|l| l.format != WireFormat::Json)
        .map(|l| Value::from(l.title()))
        .collect();
    let sources: Vec<Value> = spec.sources.iter().map(|s| json!({ "name": s.name, "sha256": s.sha256 })).collect();
    let info = json!({
        "title": "LTCIP (介護情報基盤) JSON interfaces",
        "description": description(csv.len()),
        "version": settings.version,
        "x-ltcip-generator": format!("ltcip-codegen {}", env!("CARGO_PKG_VERSION")),
        "x-ltcip-sources": sources,
        "x-ltcip-csv-layouts": csv,
    });
    let server_description = if server == PLACEHOLDER_SERVER {
        "A placeholder: 別紙13 gives the request URL as https://{ドメイン名等}+{処理名}. Set the real one with \
         `ltcip-codegen openapi --server URL`."
    } else {
        "Set with `ltcip-codegen openapi --server URL`."
    };
    Ok(json!({
        "openapi": OPENAPI,
        "info": info,
        "jsonSchemaDialect": schema::DRAFT,
        "servers": [{ "url": server, "description": server_description }],
        "paths": operations,
        "components": components,
    }))
}

fn description(csv_layouts: usize) -> String {
    [
        "The JSON interfaces of the LTCIP (介護情報基盤) interface workbooks, with the rules of the Rust \
         validators that ltcip-schema generates from them.",
        "",
        "- One `post` operation per interface that has a JSON layout: `operationId` is the interface's Rust \
         module name (`if_i6_01_04_02`), `summary` its 外部インタフェース名, `x-ltcip-if-id` its IF ID. 別紙13 \
         states neither the HTTP method nor a status code: POST (a body is sent) and 200 (a failure the \
         interface reports is in the response body) are assumptions.",
        "- The server and the paths are settings (`ltcip-codegen openapi --server URL --path IF_ID=/path`): \
         別紙13 writes the request URL as the placeholder https://{ドメイン名等}+{処理名}. Unless set, the \
         server is https://example.invalid and each path `/<IF ID>`.",
        "- `components.schemas` holds the JSON Schemas (2020-12) that `ltcip-codegen schema` writes, one per \
         body and one per set of request headers, without `$schema` (see `jsonSchemaDialect`); their \
         `$defs` are components too (`ms932`: the MS932 repertoire).",
        "- Request headers: `Content-Type` is the request body's media type, `Authorization` (自治体トークン) \
         the `Authorization` security scheme (an API key sent as issued: the spec gives no format), every \
         other header a header parameter. Header names are matched case-insensitively.",
        "- A missing member, `null` and `\"\"` all count as absent. A member given twice is the one thing the \
         Rust validators reject that a schema cannot see.",
        &format!(
            "- CSV layouts (the care-plan files, LIFE's CSV files) have no JSON form and are left out: \
             `x-ltcip-csv-layouts` lists them ({csv_layouts})."
        ),
    ]
    .join("\n")
}

/// The JSON layouts of an interface.
fn json_layouts(interface: &Interface) -> impl Iterator<Item = &Layout> {
    interface.layouts.iter().filter(|l| l.format == WireFormat::Json)
}

/// Each interface's path, checked.
fn paths<'a>(interfaces: &[&'a Interface], settings: &Settings) -> Result<BTreeMap<&'a str, String>, SettingsError> {
    let known: Vec<String> = interfaces.iter().map(|i| i.id.clone()).collect();
    for (if_id, path) in &settings.paths {
        if !known.contains(if_id) {
            return Err(SettingsError::UnknownInterface { if_id: if_id.clone(), known });
        }
        let bad = |c: char| matches!(c, '{' | '}' | '?' | '#') || c.is_whitespace();
        if !path.starts_with('/') || path.contains(bad) {
            return Err(SettingsError::BadPath { if_id: if_id.clone(), path: path.clone() });
        }
    }
    let mut paths = BTreeMap::new();
    let mut taken: BTreeMap<String, &str> = BTreeMap::new();
    for interface in interfaces {
        let path = settings.paths.get(&interface.id).cloned().unwrap_or_else(|| default_path(&interface.id));
        if let Some(other) = taken.insert(path.clone(), &interface.id) {
            return Err(SettingsError::SamePath { path, if_ids: [other.to_owned(), interface.id.clone()] });
        }
        paths.insert(interface.id.as_str(), path);
    }
    Ok(paths)
}

/// `/<IF ID>`, with characters a path segment would have to escape as `_`.
fn default_path(if_id: &str) -> String {
    let segment: String =
        if_id.chars().map(|c| if c.is_ascii_alphanumeric() || "-._~".contains(c) { c } else { '_' }).collect();
    format!("/{segment}")
}

/// `components.schemas`: every schema file, and their `$defs`; with the component name of each file.
fn components(spec: &Spec) -> (Map<String, Value>, BTreeMap<String, String>) {
    let mut schemas = Map::new();
    let mut names = BTreeMap::new();
    let files = schema::files(spec);
    // Names of the files first, so that a definition never takes one.
    for file in &files {
        names.insert(file.name.clone(), component_name(file));
    }
    for file in &files {
        let name = &names[&file.name];
        let mut schema = file.schema.clone();
        let object = schema.as_object_mut().expect("a schema is an object");
        object.remove("$schema");
        let mut moved = BTreeMap::new();
        if let Some(Value::Object(defs)) = object.remove("$defs") {
            for (def, value) in defs {
                let target = definition_name(&def, name, &value, &schemas, &names);
                schemas.entry(target.clone()).or_insert(value);
                moved.insert(def, target);
            }
        }
        rewrite_refs(&mut schema, &moved);
        schemas.insert(name.clone(), schema);
    }
    (schemas, names)
}

/// The component a definition goes to: its own name (component names keep to `[A-Za-z0-9._-]`)
/// where that is free or holds the same schema (`ms932`, in every schema that uses it), else the
/// schema's name, a `.` and its own.
fn definition_name(
    def: &str,
    owner: &str,
    value: &Value,
    schemas: &Map<String, Value>,
    files: &BTreeMap<String, String>,
) -> String {
    let plain: String =
        def.chars().map(|c| if c.is_ascii_alphanumeric() || "._-".contains(c) { c } else { '_' }).collect();
    let is_file = files.values().any(|n| *n == plain);
    match schemas.get(&plain) {
        Some(existing) if existing == value && !is_file => plain,
        None if !is_file => plain,
        _ => format!("{owner}.{plain}"),
    }
}

/// `#/$defs/<def>…` → `#/components/schemas/<component>…`, everywhere in `value`.
fn rewrite_refs(value: &mut Value, moved: &BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, member) in map.iter_mut() {
                match (key.as_str(), member) {
                    ("$ref", Value::String(target)) => {
                        if let Some(rest) = target.strip_prefix("#/$defs/") {
                            let (def, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
                            let def = def.replace("~1", "/").replace("~0", "~");
                            if let Some(component) = moved.get(&def) {
                                *target = format!("#/components/schemas/{component}{tail}");
                            }
                        }
                    }
                    (_, member) => rewrite_refs(member, moved),
                }
            }
        }
        Value::Array(elements) => elements.iter_mut().for_each(|e| rewrite_refs(e, moved)),
        _ => {}
    }
}

fn schema_ref(component: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{component}") })
}

/// The component holding a section's schema.
fn section_component(layout: &Layout, kind: SectionKind, names: &BTreeMap<String, String>) -> Option<String> {
    names.get(&schema::file_name(layout, kind)).cloned()
}

/// A header item: where it goes.
enum Header<'a> {
    /// `Content-Type`: the body's media type.
    ContentType(Option<&'a str>),
    /// `Accept`: the response's media type.
    Accept(Option<&'a str>),
    /// `Authorization`: the security scheme.
    Authorization,
    /// Anything else: a parameter.
    Other,
}

fn header(item: &Item) -> Header<'_> {
    let key = item.key.as_deref().unwrap_or_default();
    let fixed = item.rules.fixed.as_deref();
    if key.eq_ignore_ascii_case("content-type") {
        Header::ContentType(fixed)
    } else if key.eq_ignore_ascii_case("accept") {
        Header::Accept(fixed)
    } else if key.eq_ignore_ascii_case("authorization") {
        Header::Authorization
    } else {
        Header::Other
    }
}

/// What a layout with an `Authorization` header says of it, for the security scheme.
struct Authorization {
    if_id: String,
    name: String,
    remarks: Option<String>,
}

/// The operation of an interface.
fn operation(
    interface: &Interface,
    names: &BTreeMap<String, String>,
    schemas: &Map<String, Value>,
    authorizations: &mut Vec<Authorization>,
) -> Value {
    let request = json_layouts(interface).find(|l| l.direction == Direction::Request);
    let response = json_layouts(interface).find(|l| l.direction == Direction::Response);
    let mut operation = Map::new();
    let operation_id = naming::module(&interface.id).unwrap_or_else(|_| default_path(&interface.id)[1..].to_owned());
    operation.insert("operationId".into(), operation_id.into());
    operation.insert("summary".into(), interface.name.clone().into());
    operation.insert("x-ltcip-if-id".into(), interface.id.clone().into());

    let mut notes = vec![format!("{} {}.", interface.id, interface.name)];
    let mut request_type = "application/json".to_owned();
    let mut response_type = "application/json".to_owned();
    let mut parameters = Vec::new();
    let mut security = None;
    if let Some(layout) = request
        && let Some(section) = layout.section(SectionKind::Headers)
    {
        let component = section_component(layout, SectionKind::Headers, names);
        let mut said = Vec::new();
        for item in &section.items {
            let Some(key) = item.key.as_deref() else { continue };
            let required = item.occurs.min > 0;
            match header(item) {
                Header::ContentType(fixed) => {
                    if let Some(fixed) = fixed {
                        request_type = fixed.to_owned();
                    }
                    said.push(format!("`{key}` ({}): the request body's media type, `{request_type}`", item.name));
                }
                Header::Accept(fixed) => {
                    if let Some(fixed) = fixed {
                        response_type = fixed.to_owned();
                    }
                    said.push(format!("`{key}` ({}): the response's media type, `{response_type}`", item.name));
                }
                Header::Authorization => {
                    authorizations.push(Authorization {
                        if_id: interface.id.clone(),
                        name: item.name.clone(),
                        remarks: item.remarks.clone(),
                    });
                    let requirement = json!({ AUTHORIZATION_SCHEME: [] });
                    security = Some(if required { json!([requirement]) } else { json!([requirement, {}]) });
                    said.push(format!("`{key}` ({}): the `{AUTHORIZATION_SCHEME}` security scheme", item.name));
                }
                Header::Other => {
                    let mut parameter = json!({ "name": key, "in": "header" });
                    parameter.as_object_mut().expect("an object").extend(header_object(
                        item,
                        key,
                        component.as_deref(),
                        schemas,
                    ));
                    parameters.push(parameter);
                    said.push(format!("`{key}` ({}): a header parameter", item.name));
                }
            }
        }
        let mut note = format!("Request headers (リクエストヘッダ): {}.", said.join("; "));
        if let Some(component) = component {
            note.push_str(&format!(" All of them as one header map: `#/components/schemas/{component}`."));
        }
        notes.push(note);
    }
    notes.push(
        "別紙13 states neither the method nor a status code: POST and 200 are assumptions. The path is a setting \
         (`--path`)."
            .to_owned(),
    );
    operation.insert("description".into(), notes.join("\n\n").into());
    if !parameters.is_empty() {
        operation.insert("parameters".into(), Value::Array(parameters));
    }
    if let Some(layout) = request
        && let Some(component) = section_component(layout, SectionKind::Body, names)
    {
        operation.insert(
            "requestBody".into(),
            json!({
                "description": format!("{} ({})", layout.title(), SectionKind::Body.spec_name()),
                "required": true,
                "content": { request_type: { "schema": schema_ref(&component) } },
            }),
        );
    }
    let mut ok = Map::new();
    match response {
        Some(layout) => {
            ok.insert(
                "description".into(),
                format!("{}: 200 is assumed (別紙13 states no status code)", layout.title()).into(),
            );
            if let Some(section) = layout.section(SectionKind::Headers) {
                let mut headers = Map::new();
                for item in &section.items {
                    let Some(key) = item.key.as_deref() else { continue };
                    // OpenAPI ignores a response header named Content-Type: the media type says it.
                    if let Header::ContentType(fixed) = header(item) {
                        if let Some(fixed) = fixed {
                            response_type = fixed.to_owned();
                        }
                        continue;
                    }
                    let component = section_component(layout, SectionKind::Headers, names);
                    headers
                        .insert(key.to_owned(), Value::Object(header_object(item, key, component.as_deref(), schemas)));
                }
                if !headers.is_empty() {
                    ok.insert("headers".into(), Value::Object(headers));
                }
            }
            if let Some(component) = section_component(layout, SectionKind::Body, names) {
                ok.insert("content".into(), json!({ response_type: { "schema": schema_ref(&component) } }));
            }
        }
        None => {
            ok.insert("description".into(), "The spec has no JSON response layout for this interface.".into());
        }
    }
    operation.insert("responses".into(), json!({ "200": ok }));
    if let Some(security) = security {
        operation.insert("security".into(), security);
    }
    Value::Object(operation)
}

/// A header parameter's fields but `name` and `in` (or a response header): its description,
/// whether it is required, and as its schema a copy of the header's property in the headers
/// component `component`.
fn header_object(item: &Item, key: &str, component: Option<&str>, schemas: &Map<String, Value>) -> Map<String, Value> {
    let mut description = item.name.clone();
    if let Some(remarks) = &item.remarks {
        description.push_str(": ");
        description.push_str(remarks);
    }
    let schema =
        component.and_then(|c| schemas.get(c)?.get("properties")?.get(key).cloned()).unwrap_or_else(|| json!({}));
    let mut object = Map::new();
    object.insert("description".into(), description.into());
    object.insert("required".into(), (item.occurs.min > 0).into());
    object.insert("x-ltcip-item-no".into(), item.no.clone().into());
    object.insert("schema".into(), schema);
    object
}

fn authorization_scheme(authorizations: &[Authorization]) -> Value {
    let mut said: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for a in authorizations {
        let text = match &a.remarks {
            Some(remarks) => format!("{}: {remarks}", a.name),
            None => a.name.clone(),
        };
        said.entry(text).or_default().push(&a.if_id);
    }
    let mut lines: Vec<String> = said.into_iter().map(|(text, ids)| format!("{text} ({})", ids.join(", "))).collect();
    lines.push(
        "The Authorization header's whole value, sent as issued: the spec gives no format (no `Bearer ` prefix is \
         stated). Never quoted by the Rust validators' messages."
            .to_owned(),
    );
    json!({
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": lines.join("\n"),
    })
}

/// The order OpenAPI's fields are written in; others follow by name.
const FIELDS: &[&str] = &[
    "openapi",
    "info",
    "jsonSchemaDialect",
    "servers",
    "paths",
    "components",
    "type",
    "name",
    "in",
    "url",
    "title",
    "operationId",
    "summary",
    "description",
    "required",
    "version",
    "x-ltcip-if-id",
    "x-ltcip-item-no",
    "x-ltcip-generator",
    "x-ltcip-sources",
    "x-ltcip-csv-layouts",
    "sha256",
    "parameters",
    "requestBody",
    "responses",
    "security",
    "headers",
    "content",
    "schema",
    "schemas",
    "securitySchemes",
];

/// What a value holds, for ordering.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// An OpenAPI object: fields by [`FIELDS`].
    Object,
    /// A map (paths, media types, responses, …): by name, each value of kind `.0`.
    Map(&'static Kind),
    /// A JSON Schema: as [`schema::write_pretty`] writes it.
    Schema,
}

/// The kind of the value of member `key` of an object.
fn member_kind(key: &str) -> Kind {
    match key {
        "schema" => Kind::Schema,
        "schemas" => Kind::Map(&Kind::Schema),
        "paths" | "content" | "responses" | "headers" | "securitySchemes" => Kind::Map(&Kind::Object),
        _ => Kind::Object,
    }
}

/// The document as text: two-space indentation, a trailing newline, OpenAPI's fields in a fixed
/// order, maps by name, schemas as [`schema::to_pretty`] writes them, arrays of scalars on one
/// line. The result depends only on the value's content.
pub fn to_pretty(document: &Value) -> String {
    let mut out = String::new();
    write(&mut out, document, 0, Kind::Object);
    out.push('\n');
    out
}

fn write(out: &mut String, value: &Value, indent: usize, kind: Kind) {
    match (value, kind) {
        (_, Kind::Schema) => schema::write_pretty(out, value, indent),
        (Value::Object(map), _) if map.is_empty() => out.push_str("{}"),
        (Value::Object(map), _) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_by_cached_key(|(key, _)| match kind {
                Kind::Object => (FIELDS.iter().position(|f| f == key).unwrap_or(FIELDS.len()), key.to_string()),
                _ => (0, key.to_string()),
            });
            out.push_str("{\n");
            for (i, (key, member)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                }
                pad(out, indent + 2);
                out.push_str(&scalar(&Value::from(key.as_str())));
                out.push_str(": ");
                let child = match kind {
                    Kind::Map(child) => *child,
                    _ => member_kind(key),
                };
                write(out, member, indent + 2, child);
            }
            out.push('\n');
            pad(out, indent);
            out.push('}');
        }
        (Value::Array(elements), _) if elements.iter().all(|e| !e.is_object() && !e.is_array()) => {
            let texts: Vec<String> = elements.iter().map(scalar).collect();
            out.push('[');
            out.push_str(&texts.join(", "));
            out.push(']');
        }
        (Value::Array(elements), _) => {
            out.push_str("[\n");
            for (i, element) in elements.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                }
                pad(out, indent + 2);
                write(out, element, indent + 2, Kind::Object);
            }
            out.push('\n');
            pad(out, indent);
            out.push(']');
        }
        (scalar_value, _) => out.push_str(&scalar(scalar_value)),
    }
}

fn scalar(value: &Value) -> String {
    serde_json::to_string(value).expect("a JSON scalar serialises")
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_settings_read_if_id_equals_path() {
        assert_eq!(path_setting("IF-A=/x/y"), Ok(("IF-A".to_owned(), "/x/y".to_owned())));
        assert_eq!(path_setting("IF-A=/x=y"), Ok(("IF-A".to_owned(), "/x=y".to_owned())));
        assert!(path_setting("/x").is_err());
        assert!(path_setting("=/x").is_err());
    }

    #[test]
    fn refs_to_defs_point_into_the_components() {
        let mut v = json!({"a": {"$ref": "#/$defs/ms932"}, "b": [{"$ref": "#/$defs/ms932/pattern"}], "c": {"$ref": "#/$defs/other"}});
        rewrite_refs(&mut v, &[("ms932".to_owned(), "ms932".to_owned())].into());
        assert_eq!(
            v,
            json!({"a": {"$ref": "#/components/schemas/ms932"}, "b": [{"$ref": "#/components/schemas/ms932/pattern"}], "c": {"$ref": "#/$defs/other"}})
        );
    }

    #[test]
    fn fields_come_in_a_fixed_order_and_maps_by_name() {
        let doc = json!({"paths": {"/b": {}, "/a": {}}, "info": {"version": "1", "title": "t"}, "openapi": "3.1.0"});
        let text = to_pretty(&doc);
        let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s}"));
        assert!(at("\"openapi\"") < at("\"info\"") && at("\"info\"") < at("\"paths\""), "{text}");
        assert!(at("\"title\"") < at("\"version\""));
        assert!(at("\"/a\"") < at("\"/b\""));
    }
}
