//! Every word the reader matches, as data: heading spellings per column role, title keys, interface
//! list columns, データ型 names and what each means, 必須 marks and legend phrases, the marks that mean
//! "none" or "no bound", section captions, 送受信種別 and 形式 values.
//!
//! The built-in vocabulary is `vocabulary.toml` beside this file (compiled in). A `vocabulary.toml`
//! in a spec folder (`specs/vocabulary.toml`) adds spellings in the same form, each with a reason,
//! as `overrides.toml` corrects items:
//!
//! ```toml
//! [[heading]]
//! role = "項目名"                 # what the column holds: a role of the built-in table
//! spellings = ["項目論理名"]
//! reason = "The 認定情報 workbook heads its Japanese names so."
//!
//! [[data_type]]
//! means = "全半角文字"             # one of the derive's data types
//! spellings = ["文字型"]
//! reason = "..."
//! ```
//!
//! A spelling that already means something else is an error; one that already means the same is a
//! warning (the built-in table has learnt it: the entry can go). Where the reader meets a word the
//! vocabulary lacks (an unknown データ型, 必須 mark or legend phrase, a heading it ignores), its
//! diagnostic names the entry that would accept it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

use super::headings::{CatalogRole, Need, Role, TitleKey};
use super::text::heading_key;
use crate::diag::{Diagnostics, Location};
use crate::model::{DataType, Direction, SectionKind, Source, WireFormat};

/// The file name looked for in each spec folder.
pub const FILE_NAME: &str = "vocabulary.toml";

/// The built-in vocabulary, as data.
const BUILT_IN: &str = include_str!("vocabulary.toml");

/// What a column heading means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heading {
    /// The column's role.
    pub role: Role,
    /// The 形式 a table headed so has, unless its title block says otherwise (LIFE's ファイル項目ID:
    /// the table describes a CSV file).
    pub implies: Option<WireFormat>,
}

/// What a データ型 value means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeWord {
    /// The type.
    pub data_type: DataType,
    /// Items of the type are written quoted in CSV whenever they hold a value (LIFE 文字列).
    pub quoted: bool,
}

/// The reader's words. Lookups take text in [`heading_key`] form, except [`Vocabulary::is_none`].
#[derive(Clone, Debug)]
pub struct Vocabulary {
    headings: HashMap<String, Heading>,
    title_keys: HashMap<String, TitleKey>,
    catalog: HashMap<String, CatalogRole>,
    data_types: HashMap<String, TypeWord>,
    marks: HashMap<String, Need>,
    legend: HashMap<String, Need>,
    length_kinds: HashMap<String, bool>,
    directions: HashMap<String, Direction>,
    formats: HashMap<String, WireFormat>,
    sections: HashMap<String, SectionKind>,
    section_prefixes: Vec<String>,
    section_suffixes: Vec<String>,
    none: Vec<String>,
    unbounded: Vec<String>,
    /// Where a vendor adds spellings, for messages (`specs/vocabulary.toml`).
    suggest: String,
}

/// The file's form: one array of tables per kind of word.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    heading: Vec<Entry>,
    #[serde(default)]
    title_key: Vec<Entry>,
    #[serde(default)]
    catalog_column: Vec<Entry>,
    #[serde(default)]
    data_type: Vec<Entry>,
    #[serde(default)]
    required_mark: Vec<Entry>,
    #[serde(default)]
    legend: Vec<Entry>,
    #[serde(default)]
    length_kind: Vec<Entry>,
    #[serde(default)]
    direction: Vec<Entry>,
    #[serde(default)]
    wire_format: Vec<Entry>,
    #[serde(default)]
    section: Vec<Entry>,
    #[serde(default)]
    section_affix: Vec<Entry>,
    #[serde(default)]
    none: Vec<Entry>,
    #[serde(default)]
    unbounded: Vec<Entry>,
}

/// One entry: spellings, what they mean, and why.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    /// The meaning: `role` of a heading or catalog column, `key` of a title key, `means` of a value,
    /// `at` (before/after) of a section affix. Which one a table takes is checked per table.
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    means: Option<String>,
    #[serde(default)]
    at: Option<String>,
    spellings: Vec<String>,
    #[serde(default)]
    reason: String,
    /// `[[heading]]` only: the 形式 a table so headed has.
    #[serde(default)]
    implies: Option<String>,
    /// `[[data_type]]` only: values of the type are written quoted in CSV.
    #[serde(default)]
    quoted: bool,
}

/// Where an entry is, for diagnostics about it.
struct At<'a> {
    file: &'a str,
    table: &'static str,
    index: usize,
}

impl At<'_> {
    fn location(&self) -> Location {
        Location {
            file: self.file.to_owned(),
            sheet: None,
            cell: Some(format!("[[{}]] #{}", self.table, self.index + 1)),
        }
    }
}

impl Vocabulary {
    /// The built-in vocabulary alone.
    pub fn built_in() -> &'static Vocabulary {
        static BUILT: OnceLock<Vocabulary> = OnceLock::new();
        BUILT.get_or_init(|| {
            let mut vocabulary = Vocabulary::empty(FILE_NAME.to_owned());
            let mut diagnostics = Diagnostics::default();
            vocabulary.add_text(BUILT_IN, "ltcip-codegen built-in vocabulary", false, &mut diagnostics);
            // The built-in table is data of this crate, checked by its tests: any finding is a bug.
            debug_assert!(diagnostics.is_empty(), "{diagnostics}");
            vocabulary
        })
    }

    fn empty(suggest: String) -> Vocabulary {
        Vocabulary {
            headings: HashMap::new(),
            title_keys: HashMap::new(),
            catalog: HashMap::new(),
            data_types: HashMap::new(),
            marks: HashMap::new(),
            legend: HashMap::new(),
            length_kinds: HashMap::new(),
            directions: HashMap::new(),
            formats: HashMap::new(),
            sections: HashMap::new(),
            section_prefixes: Vec::new(),
            section_suffixes: Vec::new(),
            none: Vec::new(),
            unbounded: Vec::new(),
            suggest,
        }
    }

    /// The built-in vocabulary with the `vocabulary.toml` of each spec folder in `paths` added;
    /// returns those files as sources of the spec (they change what is read).
    pub fn load(paths: &[PathBuf], diagnostics: &mut Diagnostics) -> (Vocabulary, Vec<Source>) {
        let mut vocabulary = Vocabulary::built_in().clone();
        vocabulary.suggest = suggested_file(paths);
        let mut sources = Vec::new();
        for path in files(paths) {
            let display = path.display().to_string();
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    vocabulary.add_text(&text, &display, true, diagnostics);
                    sources.push(Source {
                        name: path.file_name().map_or_else(|| display.clone(), |n| n.to_string_lossy().into_owned()),
                        sha256: crate::read::sha256_hex(text.as_bytes()),
                    });
                }
                Err(error) => diagnostics.error(Location::file(&display), format!("cannot read: {error}")),
            }
        }
        (vocabulary, sources)
    }

    /// Adds the entries of a vocabulary file. `from_user`: entries need a reason, and a spelling
    /// that adds nothing is worth a warning.
    fn add_text(&mut self, text: &str, display: &str, from_user: bool, diagnostics: &mut Diagnostics) {
        let file: File = match toml::from_str(text) {
            Ok(file) => file,
            Err(error) => {
                diagnostics.error(Location::file(display), format!("not a valid vocabulary: {error}"));
                return;
            }
        };
        let mut adder = Adder { vocabulary: self, diagnostics, from_user };
        let tables: [(&'static str, &Vec<Entry>); 13] = [
            ("heading", &file.heading),
            ("title_key", &file.title_key),
            ("catalog_column", &file.catalog_column),
            ("data_type", &file.data_type),
            ("required_mark", &file.required_mark),
            ("legend", &file.legend),
            ("length_kind", &file.length_kind),
            ("direction", &file.direction),
            ("wire_format", &file.wire_format),
            ("section", &file.section),
            ("section_affix", &file.section_affix),
            ("none", &file.none),
            ("unbounded", &file.unbounded),
        ];
        for (table, entries) in tables {
            for (index, entry) in entries.iter().enumerate() {
                adder.entry(&At { file: display, table, index }, entry);
            }
        }
    }

    /// The role a column heading names.
    pub fn heading(&self, key: &str) -> Option<Heading> {
        self.headings.get(key).copied()
    }

    /// The role a column heading names.
    pub fn role(&self, key: &str) -> Option<Role> {
        self.heading(key).map(|h| h.role)
    }

    /// The title key a cell names.
    pub fn title_key(&self, key: &str) -> Option<TitleKey> {
        self.title_keys.get(key).copied().or_else(|| self.title_keys.get(title_key_core(key)?).copied())
    }

    /// A title key and its value written in one cell (`外部IF_ID：IF-I6-01-04-01`, `形式: CSV`): the
    /// cell's text up to its first colon is a title key and something follows it. `None` otherwise,
    /// and for a key with nothing after its colon (`ファイル名称：`, whose value is beside it).
    pub fn inline_title(&self, cell: &str) -> Option<(TitleKey, String)> {
        let (key, value) = cell.split_once([':', '：'])?;
        let key = self.title_key(&super::text::heading_key(key))?;
        let value = super::text::trim(value);
        (!value.is_empty()).then(|| (key, value.to_owned()))
    }

    /// The interface-list column a heading names (the title keys of IDs and names head them too).
    pub fn catalog_role(&self, key: &str) -> Option<CatalogRole> {
        self.catalog.get(key).copied().or_else(|| self.title_key(key).and_then(CatalogRole::of_title_key))
    }

    /// What a データ型 value means.
    pub fn data_type(&self, key: &str) -> Option<TypeWord> {
        self.data_types.get(key).copied()
    }

    /// What a 必須 mark means where the sheet gives no legend for it; `None` for an unknown mark.
    pub fn mark(&self, key: &str) -> Option<Need> {
        self.marks.get(key).copied()
    }

    /// What a phrase of a 必須 legend means (`常に必須`).
    pub fn legend_phrase(&self, key: &str) -> Option<Need> {
        self.legend.get(key).copied()
    }

    /// Whether a 可変長/固定長 value means 固定長; `None` for an unknown value.
    pub fn length_kind(&self, key: &str) -> Option<bool> {
        self.length_kinds.get(key).copied()
    }

    /// The direction a 送受信種別 value (or a sheet name's suffix) names.
    pub fn direction(&self, key: &str) -> Option<Direction> {
        self.directions.get(key).copied()
    }

    /// The format a 形式 value names.
    pub fn wire_format(&self, key: &str) -> Option<WireFormat> {
        self.formats.get(key).copied()
    }

    /// The section a caption names (`リクエストヘッダ`, `ボディ部`).
    pub fn section(&self, key: &str) -> Option<SectionKind> {
        let mut key = key;
        if let Some(rest) = self.section_prefixes.iter().find_map(|p| key.strip_prefix(p.as_str())) {
            key = rest;
        }
        if let Some(rest) = self.section_suffixes.iter().find_map(|s| key.strip_suffix(s.as_str())) {
            key = rest;
        }
        self.sections.get(key).copied()
    }

    /// Whether a cell means "none": empty, or one of the none marks (a lone dash of any width).
    pub fn is_none(&self, text: &str) -> bool {
        let text = super::text::trim(text);
        text.is_empty() || self.none.iter().any(|mark| mark == text)
    }

    /// Whether a 出現回数 最大 means "no bound".
    pub fn is_unbounded(&self, key: &str) -> bool {
        self.unbounded.iter().any(|word| word == key)
    }

    /// The entry that would make the reader accept `spelling` as a value of `table`, for messages:
    /// `add to specs/vocabulary.toml: [[data_type]] means = "<one of …>", spellings = ["文字型"], reason = "…"`.
    pub fn hint(&self, table: &str, meaning_key: &str, meanings: &[&str], spelling: &str) -> String {
        let means = match meanings {
            [one] => format!("\"{one}\""),
            many => format!("\"<one of {}>\"", many.join(", ")),
        };
        format!(
            "to accept it, add to {}: [[{table}]] {meaning_key} = {means}, spellings = [{spelling:?}], reason = \"...\"",
            self.suggest
        )
    }
}

/// Adds entries to a vocabulary, reporting what is wrong with them.
struct Adder<'a> {
    vocabulary: &'a mut Vocabulary,
    diagnostics: &'a mut Diagnostics,
    from_user: bool,
}

impl Adder<'_> {
    fn entry(&mut self, at: &At<'_>, entry: &Entry) {
        if self.from_user && entry.reason.trim().is_empty() {
            self.diagnostics.error(at.location(), "a vocabulary entry needs a reason");
            return;
        }
        if entry.spellings.is_empty() {
            self.diagnostics.error(at.location(), "the entry has no spellings");
            return;
        }
        let wanted = match at.table {
            "heading" | "catalog_column" => "role",
            "title_key" => "key",
            "section_affix" => "at",
            "none" | "unbounded" => "",
            _ => "means",
        };
        let given: Vec<&str> = [
            ("role", entry.role.is_some()),
            ("key", entry.key.is_some()),
            ("means", entry.means.is_some()),
            ("at", entry.at.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, set)| set.then_some(name))
        .collect();
        if given.iter().any(|g| *g != wanted) || (!wanted.is_empty() && given.is_empty()) {
            let expected = if wanted.is_empty() { "no meaning key".to_owned() } else { format!("`{wanted}`") };
            self.diagnostics.error(at.location(), format!("[[{}]] entries take {expected}", at.table));
            return;
        }
        if entry.implies.is_some() && at.table != "heading" {
            self.diagnostics.error(at.location(), "only [[heading]] entries take `implies`");
            return;
        }
        if entry.quoted && at.table != "data_type" {
            self.diagnostics.error(at.location(), "only [[data_type]] entries take `quoted`");
            return;
        }
        let meaning = entry.role.as_deref().or(entry.key.as_deref()).or(entry.means.as_deref()).or(entry.at.as_deref());
        let meaning = meaning.map(str::trim).unwrap_or_default();
        match at.table {
            "heading" => {
                let Some(role) = self.known(at, meaning, Role::ALL.map(|r| (r.spec_name(), r))) else { return };
                let implies = match entry.implies.as_deref() {
                    None => None,
                    Some(format) => match [WireFormat::Json, WireFormat::Csv]
                        .into_iter()
                        .find(|f| heading_key(f.spec_name()) == heading_key(format))
                    {
                        Some(format) => Some(format),
                        None => {
                            self.diagnostics
                                .error(at.location(), format!("implies {format:?} is neither JSON nor CSV"));
                            return;
                        }
                    },
                };
                let value = Heading { role, implies };
                self.add(at, entry, |v| &mut v.headings, value, |h| h.role.spec_name());
            }
            "title_key" => {
                let Some(key) = self.known(at, meaning, TitleKey::ALL.map(|k| (k.spec_name(), k))) else { return };
                self.add(at, entry, |v| &mut v.title_keys, key, |k| k.spec_name());
            }
            "catalog_column" => {
                let Some(role) = self.known(at, meaning, CatalogRole::ALL.map(|r| (r.spec_name(), r))) else { return };
                self.add(at, entry, |v| &mut v.catalog, role, |r| r.spec_name());
            }
            "data_type" => {
                let Some(data_type) = self.known(at, meaning, DataType::ALL.map(|d| (d.spec_name(), d))) else {
                    return;
                };
                let value = TypeWord { data_type, quoted: entry.quoted };
                self.add(at, entry, |v| &mut v.data_types, value, |t| t.data_type.spec_name());
            }
            "required_mark" => {
                let marks = [(Need::Always.mark_name(), Need::Always), (Need::Optional.spec_name(), Need::Optional)];
                let Some(need) = self.known(at, meaning, marks) else { return };
                self.add(at, entry, |v| &mut v.marks, need, |n| n.mark_name());
            }
            "legend" => {
                let Some(need) = self.known(at, meaning, Need::LEGEND.map(|n| (n.spec_name(), n))) else { return };
                self.add(at, entry, |v| &mut v.legend, need, |n| n.spec_name());
            }
            "length_kind" => {
                let Some(fixed) = self.known(at, meaning, [("固定長", true), ("可変長", false)]) else { return };
                self.add(at, entry, |v| &mut v.length_kinds, fixed, |f| if *f { "固定長" } else { "可変長" });
            }
            "direction" => {
                let directions = [Direction::Request, Direction::Response].map(|d| (d.spec_name(), d));
                let Some(direction) = self.known(at, meaning, directions) else { return };
                self.add(at, entry, |v| &mut v.directions, direction, |d| d.spec_name());
            }
            "wire_format" => {
                let formats = [WireFormat::Json, WireFormat::Csv].map(|f| (f.spec_name(), f));
                let Some(format) = self.known(at, meaning, formats) else { return };
                self.add(at, entry, |v| &mut v.formats, format, |f| f.spec_name());
            }
            "section" => {
                let sections = [SectionKind::Headers, SectionKind::Body].map(|s| (s.spec_name(), s));
                let Some(section) = self.known(at, meaning, sections) else { return };
                self.add(at, entry, |v| &mut v.sections, section, |s| s.spec_name());
            }
            "section_affix" => {
                let Some(before) = self.known(at, meaning, [("before", true), ("after", false)]) else { return };
                let vocabulary = &mut *self.vocabulary;
                let list = if before { &mut vocabulary.section_prefixes } else { &mut vocabulary.section_suffixes };
                list.extend(entry.spellings.iter().map(|s| heading_key(s)));
            }
            "none" => self.vocabulary.none.extend(entry.spellings.iter().map(|s| super::text::trim(s).to_owned())),
            _ => self.vocabulary.unbounded.extend(entry.spellings.iter().map(|s| heading_key(s))),
        }
    }

    /// The meaning `meaning` names among `known`, or an error listing them.
    fn known<T: Copy, const N: usize>(&mut self, at: &At<'_>, meaning: &str, known: [(&str, T); N]) -> Option<T> {
        let found = known.iter().find(|(name, _)| heading_key(name) == heading_key(meaning)).map(|(_, v)| *v);
        if found.is_none() {
            let names: Vec<&str> = known.iter().map(|(name, _)| *name).collect();
            self.diagnostics.error(
                at.location(),
                format!("{meaning:?} is not a meaning of [[{}]]; expected one of {}", at.table, names.join(", ")),
            );
        }
        found
    }

    /// Adds each spelling of `entry` to a table, reporting a spelling that means something else already.
    fn add<T: Copy + PartialEq>(
        &mut self,
        at: &At<'_>,
        entry: &Entry,
        table: impl Fn(&mut Vocabulary) -> &mut HashMap<String, T>,
        value: T,
        name: impl Fn(&T) -> &'static str,
    ) {
        for spelling in &entry.spellings {
            let key = heading_key(spelling);
            if key.is_empty() {
                self.diagnostics.error(at.location(), format!("spelling {spelling:?} is empty once normalised"));
                continue;
            }
            match table(self.vocabulary).get(&key) {
                Some(existing) if *existing == value => {
                    if self.from_user {
                        self.diagnostics.warning(
                            at.location(),
                            format!("{spelling:?} already means {}: the entry adds nothing", name(existing)),
                        );
                    }
                }
                Some(existing) => {
                    self.diagnostics.error(
                        at.location(),
                        format!("{spelling:?} already means {}; one spelling has one meaning", name(existing)),
                    );
                }
                None => {
                    table(self.vocabulary).insert(key, value);
                }
            }
        }
    }
}

impl Need {
    /// The name a `[[required_mark]]` entry gives the meaning.
    fn mark_name(self) -> &'static str {
        match self {
            Need::Optional => "任意",
            _ => "必須",
        }
    }
}

/// A title key as printed around its word (compared in heading form): `ファイル名称：`, `【ファイルID】`,
/// `■形式`. `None` when nothing is around it.
fn title_key_core(key: &str) -> Option<&str> {
    let core = key.trim_end_matches(':');
    let core = core.trim_start_matches(['■', '□', '●', '・', '◆']);
    let core = core.strip_prefix('【').and_then(|c| c.strip_suffix('】')).unwrap_or(core);
    let core = core.strip_prefix('[').and_then(|c| c.strip_suffix(']')).unwrap_or(core);
    (core.len() != key.len() && !core.is_empty()).then_some(core)
}

/// The vocabulary files that apply to `paths`: one per folder that has one.
pub fn files(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths.iter().filter(|p| p.is_dir()).map(|p| p.join(FILE_NAME)).filter(|p| p.is_file()).collect()
}

/// Where a vendor would add spellings: the first spec folder's `vocabulary.toml`.
fn suggested_file(paths: &[PathBuf]) -> String {
    let folder = paths.iter().find_map(|p| if p.is_dir() { Some(p.as_path()) } else { p.parent() });
    match folder {
        Some(folder) if !folder.as_os_str().is_empty() => folder.join(FILE_NAME).display().to_string(),
        _ => Path::new(FILE_NAME).display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_vocabulary_reads_without_findings() {
        let mut vocabulary = Vocabulary::empty(FILE_NAME.to_owned());
        let mut diagnostics = Diagnostics::default();
        vocabulary.add_text(BUILT_IN, "built-in", false, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics}");
    }

    #[test]
    fn headings_of_the_spec_family() {
        let v = Vocabulary::built_in();
        let role_of = |s: &str| v.role(&heading_key(s));
        assert_eq!(role_of("項番"), Some(Role::No));
        assert_eq!(role_of("No."), Some(Role::No));
        assert_eq!(role_of("№"), Some(Role::No));
        assert_eq!(role_of("項目名（日本語）"), Some(Role::Name));
        assert_eq!(role_of("日本語名称"), Some(Role::Name));
        assert_eq!(role_of("項目"), Some(Role::Key));
        assert_eq!(role_of("項目名（英語）"), Some(Role::Key));
        assert_eq!(role_of("可変長/\n固定長"), Some(Role::LengthKind));
        assert_eq!(role_of("固定長/可変長"), Some(Role::LengthKind));
        assert_eq!(role_of("最小出現回数"), Some(Role::Min));
        assert_eq!(role_of("項目長"), Some(Role::Length));
        assert_eq!(role_of("整数桁\n(文字数)"), Some(Role::Length));
        assert_eq!(role_of("小数点以下の桁数"), Some(Role::Decimals));
        assert_eq!(role_of("書式、選択肢など"), Some(Role::Notation));
        assert_eq!(role_of("説明"), Some(Role::Description));
        assert_eq!(role_of("介護保険者番号"), None);
        assert_eq!(v.heading(&heading_key("ファイル項目ID")).and_then(|h| h.implies), Some(WireFormat::Csv));
        assert_eq!(v.heading(&heading_key("項目")).and_then(|h| h.implies), None);
    }

    #[test]
    fn title_section_and_value_words() {
        let v = Vocabulary::built_in();
        assert_eq!(v.title_key(&heading_key("外部IF_ID")), Some(TitleKey::InterfaceId));
        assert_eq!(v.title_key(&heading_key("外部インターフェイス名")), Some(TitleKey::InterfaceName));
        assert_eq!(v.catalog_role(&heading_key("外部インタフェースID")), Some(CatalogRole::InterfaceId));
        assert_eq!(v.catalog_role(&heading_key("インターフェースの種類を示す物理名")), Some(CatalogRole::InterfaceId));
        assert_eq!(v.catalog_role(&heading_key("インターフェース名")), Some(CatalogRole::InterfaceName));
        assert_eq!(v.section(&heading_key("　リクエストヘッダ")), Some(SectionKind::Headers));
        assert_eq!(v.section(&heading_key("リクエストボディ")), Some(SectionKind::Body));
        assert_eq!(v.section(&heading_key("ボディ部")), Some(SectionKind::Body));
        assert_eq!(v.wire_format(&heading_key("ＪＳＯＮ")), Some(WireFormat::Json));
        assert_eq!(v.wire_format(&heading_key("CSV（,）")), Some(WireFormat::Csv));
        assert_eq!(v.direction(&heading_key("レスポンス")), Some(Direction::Response));
        assert_eq!(
            v.data_type(&heading_key("文字列")),
            Some(TypeWord { data_type: DataType::Text(crate::model::CharClass::Mixed), quoted: true })
        );
        assert_eq!(v.data_type(&heading_key("数値")).map(|t| t.data_type), Some(DataType::Decimal));
        assert_eq!(v.mark(&heading_key("○")), Some(Need::Always));
        assert_eq!(v.mark(&heading_key("任意")), Some(Need::Optional));
        assert_eq!(v.mark(&heading_key("△")), None);
        assert_eq!(v.legend_phrase(&heading_key("確定取込時必須")), Some(Need::Final));
        assert!(v.is_none(" － "));
        assert!(!v.is_none("--"));
        assert!(v.is_unbounded(&heading_key("N")));
    }

    #[test]
    fn user_entries_need_reasons_and_known_meanings() {
        let mut v = Vocabulary::built_in().clone();
        let mut d = Diagnostics::default();
        v.add_text(
            r#"
[[heading]]
role = "項目名"
spellings = ["項目論理名"]
reason = "the 認定情報 workbook"

[[heading]]
role = "項目名"
spellings = ["物理名"]
reason = "clash"

[[data_type]]
means = "全角カナ"
spellings = ["カナ"]
reason = "no such meaning"

[[data_type]]
means = "全半角文字"
spellings = ["文字型"]

[[heading]]
role = "備考"
spellings = ["備考"]
reason = "already known"
"#,
            "specs/vocabulary.toml",
            true,
            &mut d,
        );
        assert_eq!(v.role(&heading_key("項目論理名")), Some(Role::Name));
        let messages: Vec<String> = d.iter().map(ToString::to_string).collect();
        // Table by table, in the file's order within each.
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages[0].contains("[[heading]] #2") && messages[0].contains("already means 項目"), "{messages:?}");
        assert!(
            messages[1].contains("[[heading]] #3: warning") && messages[1].contains("adds nothing"),
            "{messages:?}"
        );
        assert!(
            messages[2].contains("[[data_type]] #1") && messages[2].contains("expected one of 半角数字"),
            "{messages:?}"
        );
        assert!(messages[3].contains("[[data_type]] #2") && messages[3].contains("needs a reason"), "{messages:?}");
        assert_eq!(v.data_type(&heading_key("文字型")), None);
    }
}
