//! The message catalogue: every sentence the runtime says, one table per language.
//!
//! A violation or error is first described without language, as a [`Message`]: a stable key
//! (`length.max`, `json.trailing_characters`, `file_name.digits` …) and the values of its
//! placeholders (`digits`, `found`, `unit` …). A [`Messages`] table holds one template per key and
//! renders it. Two tables are built in, [`Messages::english`] and [`Messages::japanese`];
//! `message_en()` and `message_ja()` of every error type render with them, and `message_in(table)`
//! renders with any table. A third language, or a vendor's own wording, is a table, not a code
//! change:
//!
//! ```
//! use ltcip_runtime::messages::Messages;
//!
//! // Some keys overridden; the others keep the built-in wording.
//! let ours = Messages::japanese().with([("required", "必須項目が未入力です")]).expect("known key");
//! // A complete table of its own, from (key, template) pairs, checked like `with`:
//! let all: Vec<(&str, String)> =
//!     Messages::keys().map(|key| (key, Messages::english().template(key).unwrap_or_default())).collect();
//! let copy = Messages::new(all.iter().map(|(k, t)| (*k, t.as_str()))).expect("every key, known placeholders");
//! # let _ = (ours, copy);
//! ```
//!
//! A template is text with placeholders: `{name}` inserts the value of `name`; `{name|one|other}`
//! inserts `one` when the count `name` is 1 and `other` otherwise (English says "1 character", "2
//! characters"); `{{` is a literal `{`. A value may itself be a message (the unit of a length, the
//! JSON type, the detail of a syntax error), rendered with the same table. A template may use any
//! placeholder the built-in templates of its key use ([`Messages::placeholders`]); an unknown key, an
//! unknown placeholder, a malformed template or (for [`Messages::new`]) a key left out is a
//! [`CatalogueError`].

mod en;
mod ja;

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::LazyLock;

/// A message in no language yet: a key of the catalogue and the values of its placeholders.
///
/// Its `Display` is the English rendering.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Message {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// The value of a placeholder.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Arg {
    /// Text inserted as it is (a value, a name, a code).
    Text(String),
    /// A number; `{name|one|other}` chooses its form by it.
    Count(u64),
    /// A message, rendered with the same table.
    Message(Message),
    /// Items, each through the template `<style>.item` (its placeholder `{item}`), joined by the
    /// template `<style>.separator` (see [`ListStyle`]).
    List {
        /// Which two templates render the list.
        style: ListStyle,
        /// The items.
        items: Vec<String>,
    },
}

/// How a list is written: each style is a pair of templates of the table, `<key>.item` and
/// `<key>.separator`. An enum, not a key prefix, so that a list cannot name a style no table has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ListStyle {
    /// Quoted values: `"1", "2"` / `「1」「2」` (`list.quoted`).
    Quoted,
    /// Values as they are: `a, b` / `a、b` (`list.plain`).
    Plain,
    /// The codes of a code list (`list.codes`).
    Codes,
}

impl ListStyle {
    /// The keys of the style's item and separator templates.
    pub fn keys(self) -> (&'static str, &'static str) {
        match self {
            ListStyle::Quoted => ("list.quoted.item", "list.quoted.separator"),
            ListStyle::Plain => ("list.plain.item", "list.plain.separator"),
            ListStyle::Codes => ("list.codes.item", "list.codes.separator"),
        }
    }
}

impl Message {
    /// A message of `key`, with no value yet.
    pub fn new(key: &'static str) -> Message {
        Message { key, args: Vec::new() }
    }

    /// With the text `value` for the placeholder `name`.
    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Message {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    /// With the number `value` for the placeholder `name` (a count chooses plural forms).
    pub fn count(mut self, name: &'static str, value: impl TryInto<u64>) -> Message {
        self.args.push((name, Arg::Count(value.try_into().unwrap_or(u64::MAX))));
        self
    }

    /// With the message `value` for the placeholder `name`.
    pub fn message(mut self, name: &'static str, value: Message) -> Message {
        self.args.push((name, Arg::Message(value)));
        self
    }

    /// With the list `items` for the placeholder `name`, in the list style `style` (see [`Arg::List`]).
    pub fn list(
        mut self,
        name: &'static str,
        style: ListStyle,
        items: impl IntoIterator<Item = impl Into<String>>,
    ) -> Message {
        self.args.push((name, Arg::List { style, items: items.into_iter().map(Into::into).collect() }));
        self
    }

    /// The key.
    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The value of the placeholder `name`, if given.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, arg)| arg)
    }

    /// The placeholders given, in the order given.
    pub fn args(&self) -> impl Iterator<Item = (&'static str, &Arg)> {
        self.args.iter().map(|(name, arg)| (*name, arg))
    }

    /// The message in `table`'s language.
    pub fn render(&self, table: &Messages) -> String {
        let mut out = String::new();
        table.render_into(self, &mut out);
        out
    }

    /// The message in English.
    pub fn en(&self) -> String {
        self.render(Messages::english())
    }

    /// The message in Japanese.
    pub fn ja(&self) -> String {
        self.render(Messages::japanese())
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

/// One piece of a parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Value(String),
    Plural { name: String, one: String, other: String },
}

impl Piece {
    fn name(&self) -> Option<&str> {
        match self {
            Piece::Text(_) => None,
            Piece::Value(name) | Piece::Plural { name, .. } => Some(name),
        }
    }
}

/// Parses a template (see the module docs); `Err` says what is malformed.
fn parse(template: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        rest = &rest[open + 1..];
        if let Some(after) = rest.strip_prefix('{') {
            text.push('{');
            rest = after;
            continue;
        }
        let close = rest.find('}').ok_or_else(|| format!("a placeholder is not closed: {{{rest}"))?;
        let inside = &rest[..close];
        rest = &rest[close + 1..];
        let mut parts = inside.split('|');
        let name = parts.next().unwrap_or_default();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            return Err(format!("{{{inside}}} is no placeholder: a name is lower-case letters, digits and _"));
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut text)));
        }
        let forms: Vec<&str> = parts.collect();
        pieces.push(match forms.as_slice() {
            [] => Piece::Value(name.to_owned()),
            [one, other] => Piece::Plural { name: name.to_owned(), one: (*one).to_owned(), other: (*other).to_owned() },
            _ => return Err(format!("{{{inside}}}: a plural placeholder has two forms, {{name|one|other}}")),
        });
    }
    text.push_str(rest);
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

/// A table of templates, one per key: a language, or a vendor's wording.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Messages {
    templates: HashMap<&'static str, (String, Vec<Piece>)>,
}

/// Every key, in catalogue order, and the placeholders its built-in templates use.
static KEYS: LazyLock<Vec<(&'static str, BTreeSet<String>)>> = LazyLock::new(|| {
    let names = |table: &[(&'static str, &'static str)], key: &str| -> Vec<String> {
        table
            .iter()
            .filter(|(k, _)| *k == key)
            .flat_map(|(_, template)| parse(template).unwrap_or_default())
            .filter_map(|piece| piece.name().map(str::to_owned))
            .collect()
    };
    en::TABLE
        .iter()
        .map(|(key, _)| {
            let mut placeholders: BTreeSet<String> = names(en::TABLE, key).into_iter().collect();
            placeholders.extend(names(ja::TABLE, key));
            (*key, placeholders)
        })
        .collect()
});

static ENGLISH: LazyLock<Messages> = LazyLock::new(|| Messages::built_in(en::TABLE));
static JAPANESE: LazyLock<Messages> = LazyLock::new(|| Messages::built_in(ja::TABLE));

impl Messages {
    /// The English table.
    pub fn english() -> &'static Messages {
        &ENGLISH
    }

    /// The Japanese table.
    pub fn japanese() -> &'static Messages {
        &JAPANESE
    }

    /// Every key of the catalogue.
    pub fn keys() -> impl Iterator<Item = &'static str> {
        KEYS.iter().map(|(key, _)| *key)
    }

    /// The placeholders a template of `key` may use (those its built-in templates use); `None` for
    /// an unknown key.
    pub fn placeholders(key: &str) -> Option<impl Iterator<Item = &'static str>> {
        KEYS.iter().find(|(k, _)| *k == key).map(|(_, names)| names.iter().map(String::as_str))
    }

    /// A built-in table: its templates are tested (`built_in_tables_are_valid`), so a malformed one
    /// would be a bug; it is kept as literal text rather than a panic.
    fn built_in(table: &'static [(&'static str, &'static str)]) -> Messages {
        let templates = table
            .iter()
            .map(|(key, template)| {
                let pieces = parse(template).unwrap_or_else(|_| vec![Piece::Text((*template).to_owned())]);
                (*key, ((*template).to_owned(), pieces))
            })
            .collect();
        Messages { templates }
    }

    /// A complete table of its own (a third language): a template for every key.
    pub fn new<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Messages, CatalogueError> {
        let table = Messages { templates: HashMap::new() }.with(pairs)?;
        let missing: Vec<String> =
            Messages::keys().filter(|key| !table.templates.contains_key(key)).map(str::to_owned).collect();
        if missing.is_empty() { Ok(table) } else { Err(CatalogueError::Missing { keys: missing }) }
    }

    /// This table with some templates replaced (a vendor's wording of a few messages).
    pub fn with<'a>(&self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Messages, CatalogueError> {
        let mut table = self.clone();
        for (key, template) in pairs {
            let Some((key, allowed)) = KEYS.iter().find(|(k, _)| *k == key) else {
                return Err(CatalogueError::UnknownKey { key: key.to_owned() });
            };
            let pieces = parse(template).map_err(|detail| CatalogueError::Malformed { key, detail })?;
            if let Some(name) = pieces.iter().filter_map(Piece::name).find(|name| !allowed.contains(*name)) {
                return Err(CatalogueError::UnknownPlaceholder { key, placeholder: name.to_owned() });
            }
            table.templates.insert(key, (template.to_owned(), pieces));
        }
        Ok(table)
    }

    /// The template of `key`, as written.
    pub fn template(&self, key: &str) -> Option<String> {
        self.templates.get(key).map(|(template, _)| template.clone())
    }

    fn render_into(&self, message: &Message, out: &mut String) {
        // A table made by `new` or `with` has every key; the fallbacks keep a message readable anyway.
        let Some((_, pieces)) = self.templates.get(message.key).or_else(|| ENGLISH.templates.get(message.key)) else {
            out.push_str(message.key);
            return;
        };
        for piece in pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Value(name) => {
                    if let Some(arg) = message.arg(name) {
                        self.render_arg(arg, out);
                    }
                }
                Piece::Plural { name, one, other } => {
                    out.push_str(if message.arg(name) == Some(&Arg::Count(1)) { one } else { other });
                }
            }
        }
    }

    fn render_arg(&self, arg: &Arg, out: &mut String) {
        match arg {
            Arg::Text(text) => out.push_str(text),
            Arg::Count(count) => out.push_str(&count.to_string()),
            Arg::Message(message) => self.render_into(message, out),
            Arg::List { style, items } => {
                let (item_key, separator) = style.keys();
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        self.render_into(&Message::new(separator), out);
                    }
                    self.render_into(&Message::new(item_key).text("item", item.clone()), out);
                }
            }
        }
    }
}

/// Why a table could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CatalogueError {
    /// A key the catalogue does not have.
    UnknownKey {
        /// The key.
        key: String,
    },
    /// A placeholder the key's messages do not carry.
    UnknownPlaceholder {
        /// The key.
        key: &'static str,
        /// The placeholder.
        placeholder: String,
    },
    /// A template that does not parse (a `{` not closed, a placeholder of three forms …).
    Malformed {
        /// The key.
        key: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// Keys a complete table ([`Messages::new`]) leaves out.
    Missing {
        /// The keys.
        keys: Vec<String>,
    },
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogueError::UnknownKey { key } => write!(f, "no message has the key {key:?}"),
            CatalogueError::UnknownPlaceholder { key, placeholder } => {
                let known: Vec<&str> = Messages::placeholders(key).into_iter().flatten().collect();
                write!(f, "the message {key:?} has no placeholder {{{placeholder}}} (it has: {})", known.join(", "))
            }
            CatalogueError::Malformed { key, detail } => write!(f, "the template of {key:?} is malformed: {detail}"),
            CatalogueError::Missing { keys } => write!(f, "no template for {}", keys.join(", ")),
        }
    }
}

impl std::error::Error for CatalogueError {}

/// The detail of a serde_json error, as a message: its text mapped to a key (the catalogue's `json.*`
/// keys are serde_json's own English texts, so the table is the mapping). `with_position`: whether a
/// `detail` keeps serde_json's " at line L column C" (a syntax violation carries them as fields).
pub(crate) fn json_error(error: &serde_json::Error, with_position: bool) -> Message {
    let full = error.to_string();
    let text = match full.rfind(" at line ") {
        Some(cut) if error.line() > 0 => &full[..cut],
        _ => full.as_str(),
    };
    let detail = if with_position { full.as_str() } else { text };
    if error.is_io() {
        return Message::new("json.io").text("detail", detail);
    }
    if let Some((key, _)) = en::TABLE.iter().find(|(key, template)| key.starts_with("json.") && *template == text) {
        return Message::new(key);
    }
    // Errors of typed decoding, as serde words them: the name between backticks is kept.
    let shapes = [
        ("missing field `", "serde.missing_field"),
        ("unknown field `", "serde.unknown_field"),
        ("duplicate field `", "serde.duplicate_field"),
        ("unknown variant `", "serde.unknown_variant"),
        ("invalid type: ", "serde.invalid_type"),
        ("invalid value: ", "serde.invalid_value"),
        ("invalid length ", "serde.invalid_length"),
    ];
    for (prefix, key) in shapes {
        if let Some(rest) = text.strip_prefix(prefix) {
            let name = if prefix.ends_with('`') { rest.split('`').next().unwrap_or_default() } else { "" };
            return Message::new(key).text("name", name).text("detail", detail);
        }
    }
    Message::new("json.other").text("detail", detail)
}

#[cfg(test)]
mod tests {
    use super::{CatalogueError, Message, Messages, en, ja, parse};

    #[test]
    fn built_in_tables_are_valid() {
        for table in [en::TABLE, ja::TABLE] {
            for (key, template) in table {
                assert!(parse(template).is_ok(), "{key}: {template}");
            }
        }
        let en_keys: Vec<&str> = en::TABLE.iter().map(|(k, _)| *k).collect();
        let ja_keys: Vec<&str> = ja::TABLE.iter().map(|(k, _)| *k).collect();
        assert_eq!(en_keys, ja_keys, "the two tables have the same keys in the same order");
        let mut unique = en_keys.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), en_keys.len(), "no key twice");
        assert!(Messages::new(ja::TABLE.iter().copied()).is_ok());
    }

    #[test]
    fn templates_parse_and_render() {
        let table = Messages::english()
            .with([("columns", "{{{found}} {found|field|fields} of {expected}")])
            .expect("known placeholders");
        let one = Message::new("columns").count("found", 1_u32).count("expected", 3_u32);
        assert_eq!(one.render(&table), "{1} field of 3");
        let two = Message::new("columns").count("found", 2_u32).count("expected", 3_u32);
        assert_eq!(two.render(&table), "{2} fields of 3");
        assert!(matches!(
            Messages::english().with([("columns", "{found")]),
            Err(CatalogueError::Malformed { key: "columns", .. })
        ));
        assert!(matches!(
            Messages::english().with([("columns", "{found|a|b|c}")]),
            Err(CatalogueError::Malformed { .. })
        ));
        assert!(matches!(Messages::english().with([("columns", "{Found}")]), Err(CatalogueError::Malformed { .. })));
    }
}
