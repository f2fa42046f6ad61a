//! Finding layouts on a sheet by their headings: title blocks (keys in a row with values below, or
//! down a column with values to the right), the interface list, section captions, item-table headings
//! of one or two rows, and the item rows under them. Nothing is found by a fixed cell position, and a
//! sheet may hold any number of layouts.

use std::collections::{BTreeMap, HashMap};

use calamine::Data;

use super::grid::Grid;
use super::headings::{self, CatalogRole, Role, TitleKey};
use super::text::{self, CellText};
use crate::diag::{Diagnostics, Location};
use crate::model::outline::{self, Row};
use crate::model::{
    DataType, Direction, FileFacts, Item, Length, Occurs, Section, SectionKind, WireFormat, file_name, rules,
};

/// A value read from the sheet, with the cell it came from.
#[derive(Clone, Debug)]
pub struct Located<T> {
    pub value: T,
    pub at: Location,
}

/// A layout table as found, before it is placed in an interface.
#[derive(Debug)]
pub struct RawLayout {
    pub id: Option<Located<String>>,
    pub name: Option<Located<String>>,
    pub direction: Option<Located<Direction>>,
    pub format: Option<Located<WireFormat>>,
    pub sections: Vec<Section>,
    /// The first heading cell of the layout's item table.
    pub origin: Location,
    /// Whether the table has a 項目 (wire key) column.
    pub has_keys: bool,
    /// Each item's 項目 cell, by the item's origin (its 項番 cell): findings about keys point there.
    pub key_cells: HashMap<Location, KeyCell>,
    /// File-level facts from the title block of a file layout.
    pub file: Option<FileFacts>,
}

/// Where an item's 項目 is written.
#[derive(Clone, Debug)]
pub struct KeyCell {
    pub at: Location,
    /// The cell holds text that is not a wire key, already reported: the item's missing key is no
    /// second finding.
    pub reported: bool,
}

/// A row of the interface list (API一覧).
#[derive(Clone, Debug)]
pub struct CatalogEntry {
    pub id: String,
    pub name: Option<String>,
    pub direction: Option<Direction>,
    pub layout: Option<String>,
    pub origin: Location,
}

/// Everything found on one sheet.
#[derive(Debug, Default)]
pub struct SheetFindings {
    pub layouts: Vec<RawLayout>,
    pub catalog: Vec<CatalogEntry>,
}

/// Reads every layout and catalog row on a sheet.
pub fn read(grid: &Grid, sheet: &Location, diagnostics: &mut Diagnostics) -> SheetFindings {
    let mut scanner = Scanner {
        grid,
        sheet,
        diagnostics,
        findings: SheetFindings::default(),
        pending: Pending::default(),
        table: None,
    };
    // Rows with nothing in them read as nothing: only the rows in use are visited, each unless an
    // element above (a two-row heading, a title block, the interface list) took it.
    let mut next = 0;
    for &row in grid.rows() {
        if row >= next {
            next = row + scanner.row(row);
        }
    }
    scanner.finish_layout();
    scanner.findings
}

/// The item-table columns found under a heading.
#[derive(Debug)]
struct Columns {
    roles: BTreeMap<Role, u32>,
    levels: Vec<u32>,
    /// Rows the heading takes (1, or 2 with 最小/最大 under 出現回数).
    height: u32,
    origin: Location,
}

impl Columns {
    fn col(&self, role: Role) -> Option<u32> {
        self.roles.get(&role).copied()
    }
}

/// The layout being read: its title so far and the rows of each section.
#[derive(Default)]
struct Pending {
    id: Option<Located<String>>,
    name: Option<Located<String>>,
    direction: Option<Located<Direction>>,
    format: Option<Located<WireFormat>>,
    sections: Vec<PendingSection>,
    origin: Option<Location>,
    has_keys: bool,
    key_cells: HashMap<Location, KeyCell>,
    file: Option<FileFacts>,
    /// The title keys read so far: one seen again starts the next layout's title block.
    title_keys: Vec<TitleKey>,
}

struct PendingSection {
    kind: SectionKind,
    origin: Location,
    rows: Vec<Row>,
    /// How many rows are at level 1 (numbers the rows of a table without 階層レベル columns).
    top_level: u32,
}

impl Pending {
    fn has_items(&self) -> bool {
        self.sections.iter().any(|s| !s.rows.is_empty())
    }
}

struct Scanner<'a> {
    grid: &'a Grid,
    sheet: &'a Location,
    diagnostics: &'a mut Diagnostics,
    findings: SheetFindings,
    pending: Pending,
    table: Option<Columns>,
}

impl Scanner<'_> {
    /// Reads what starts at `row`; returns how many rows it took.
    fn row(&mut self, row: u32) -> u32 {
        // First, as it is cheap and most rows are items: a row whose 項番 cell holds a number is an item
        // of the table being read, whatever else it holds (an item named like a title key, ファイル形式 or
        // 送受信種別, is an item); a heading row has the word 項番 there, not a number.
        if self.is_item_row(row) {
            self.item(row);
            return 1;
        }
        // Each reading below looks at the whole row's headings: normalised once, not once per reading.
        let keys = self.heading_keys(row);
        if let Some(columns) = self.heading(row, &keys) {
            let height = columns.height;
            if self.pending.origin.is_none() {
                self.pending.origin = Some(columns.origin.clone());
            }
            self.pending.has_keys |= columns.col(Role::Key).is_some();
            self.table = Some(columns);
            return height;
        }
        if let Some(taken) = self.catalog(row, &keys) {
            return taken;
        }
        if let Some(taken) = self.title(row, &keys) {
            return taken;
        }
        if let Some(kind) = section_label(&keys) {
            self.pending.sections.push(PendingSection {
                kind,
                origin: self.sheet.at(row, self.first_filled(&keys)),
                rows: Vec::new(),
                top_level: 0,
            });
            return 1;
        }
        if self.table.is_some() {
            self.item(row);
        }
        1
    }

    /// Whether `row` is an item row of the table being read: its 項番 cell holds a number.
    fn is_item_row(&self, row: u32) -> bool {
        let Some(col) = self.table.as_ref().and_then(|t| t.col(Role::No)) else {
            return false;
        };
        matches!(text::cell_text(self.grid.down(row, col)), CellText::Text(t) if text::parse_number(&t).is_some())
    }

    fn text(&mut self, data: &Data, row: u32, col: u32) -> Option<String> {
        self.cell(data, row, col).ok().flatten()
    }

    /// A cell's text (`None` when empty), or `Err` for a cell no column takes, reported here.
    fn cell(&mut self, data: &Data, row: u32, col: u32) -> Result<Option<String>, ()> {
        match text::cell_text(data) {
            CellText::Empty => Ok(None),
            CellText::Text(text) => Ok(Some(text)),
            CellText::Unusable(why) => {
                self.diagnostics.error(self.sheet.at(row, col), format!("the cell {why}"));
                Err(())
            }
        }
    }

    /// A cell's text as a heading reads it (merged regions spread), silently empty if unusable.
    fn heading_text(&self, row: u32, col: u32) -> String {
        text::heading_text(self.grid.spread(row, col))
    }

    /// The heading text of every column scanned in `row`, in the order of [`Grid::cols`].
    fn heading_keys(&self, row: u32) -> Vec<String> {
        self.grid.cols().map(|col| self.heading_text(row, col)).collect()
    }

    fn first_filled(&self, keys: &[String]) -> u32 {
        self.grid.cols().zip(keys).find(|(_, key)| !key.is_empty()).map_or(0, |(col, _)| col)
    }

    /// An item-table heading at `row` (whose heading texts are `top`): 項番 and 項目名 columns and at
    /// least one more.
    fn heading(&mut self, row: u32, top: &[String]) -> Option<Columns> {
        let cols: Vec<u32> = self.grid.cols().collect();
        let top_roles: Vec<Option<Role>> = top.iter().map(|k| headings::role(k)).collect();
        let has = |role| top_roles.contains(&Some(role));
        let distinct: std::collections::BTreeSet<Role> = top_roles.iter().flatten().copied().collect();
        if !has(Role::No) || !has(Role::Name) || distinct.len() < 3 {
            return None;
        }
        let sub_row = row + 1;
        let sub: Vec<String> =
            if sub_row < self.grid.row_end() { self.heading_keys(sub_row) } else { vec![String::new(); cols.len()] };
        let two_rows = self.is_sub_heading(top, &top_roles, &sub);
        let mut columns = Columns {
            roles: BTreeMap::new(),
            levels: Vec::new(),
            height: if two_rows { 2 } else { 1 },
            origin: self.sheet.at(row, cols[top_roles.iter().position(Option::is_some).unwrap_or(0)]),
        };
        let mut in_level = false;
        for (i, &col) in cols.iter().enumerate() {
            let sub_role = if two_rows { headings::role(&sub[i]) } else { None };
            // A heading merged across columns (a wide 備考) names its first column; the others are
            // its overflow. 階層レベル and 出現回数 are the exceptions: their columns are sub-columns.
            let merged_from_left = self.grid.region(row, col).is_some_and(|r| r.start.1 < col);
            let overflow = merged_from_left && !matches!(top_roles[i], Some(Role::Level | Role::Occurs));
            let role = match top_roles[i] {
                _ if overflow => None,
                Some(Role::Occurs) => match sub_role {
                    Some(role @ (Role::Min | Role::Max)) => Some(role),
                    // Reported once, at the heading's first column.
                    _ if merged_from_left => None,
                    _ => {
                        self.diagnostics.error(
                            self.sheet.at(row, col),
                            "出現回数 has no 最小/最大 under it; write them in the row below, or use 最小出現回数/最大出現回数",
                        );
                        None
                    }
                },
                Some(role) => Some(role),
                None if top[i].is_empty() => match sub_role {
                    Some(role @ (Role::Min | Role::Max)) => Some(role),
                    _ if in_level => Some(Role::Level),
                    other => other,
                },
                None => {
                    self.diagnostics.warning(
                        self.sheet.at(row, col),
                        format!("column heading {:?} is not one this reader knows; the column is ignored", top[i]),
                    );
                    None
                }
            };
            in_level = role == Some(Role::Level);
            match role {
                Some(Role::Level) => columns.levels.push(col),
                Some(role) => {
                    if let Some(first) = columns.roles.get(&role) {
                        self.diagnostics.warning(
                            self.sheet.at(row, col),
                            format!(
                                "a second {} column; the one at {} is used",
                                role.spec_name(),
                                crate::diag::a1(row, *first)
                            ),
                        );
                    } else {
                        columns.roles.insert(role, col);
                    }
                }
                None => {}
            }
        }
        for (role, name) in [(Role::Min, "最小"), (Role::Max, "最大")] {
            let other = if role == Role::Min { Role::Max } else { Role::Min };
            if columns.col(role).is_none() && columns.col(other).is_some() {
                self.diagnostics.error(columns.origin.clone(), format!("出現回数 has no {name} column"));
            }
        }
        Some(columns)
    }

    /// Whether the row under a heading is its second row: every filled cell repeats the heading above
    /// (a merge running down), names 最小/最大, or numbers a 階層レベル column.
    fn is_sub_heading(&self, top: &[String], top_roles: &[Option<Role>], sub: &[String]) -> bool {
        let mut any = false;
        let mut in_level = false;
        for i in 0..sub.len() {
            let level_col = top_roles[i] == Some(Role::Level) || (top[i].is_empty() && in_level);
            in_level = level_col;
            if sub[i].is_empty() {
                continue;
            }
            any = true;
            let fits = sub[i] == top[i]
                || matches!(headings::role(&sub[i]), Some(Role::Min | Role::Max))
                // Level sub-columns are numbered: 1, L1, レベル1, 第1階層.
                || (level_col && (sub[i].chars().any(|c| c.is_ascii_digit()) || sub[i].starts_with('l')));
            if !fits {
                return false;
            }
        }
        any
    }

    /// The interface list (API一覧): an IF ID column heading beside 項番 or リクエストURL.
    fn catalog(&mut self, row: u32, keys: &[String]) -> Option<u32> {
        let mut columns: BTreeMap<CatalogRole, u32> = BTreeMap::new();
        let mut numbered = false;
        for (col, key) in self.grid.cols().zip(keys) {
            if key.is_empty() {
                continue;
            }
            if headings::role(key) == Some(Role::No) {
                numbered = true;
            }
            if let Some(role) = headings::catalog_role(key) {
                columns.entry(role).or_insert(col);
            }
        }
        let listed = numbered || columns.contains_key(&CatalogRole::Url);
        let id_col = *columns.get(&CatalogRole::InterfaceId)?;
        if !listed || columns.len() < 2 {
            return None;
        }
        let mut next = self.grid.bottom_edge(row, id_col) + 1;
        while next < self.grid.row_end() {
            let id = match text::cell_text(self.grid.down(next, id_col)) {
                CellText::Text(id) => text::interface_id(&id),
                _ => break,
            };
            let mut get = |role| columns.get(&role).and_then(|&c| self.text(&self.grid.down(next, c).clone(), next, c));
            let name = get(CatalogRole::InterfaceName).map(|n| text::one_line(&n));
            let direction = get(CatalogRole::Direction).and_then(|d| headings::direction(&text::heading_key(&d)));
            let layout = get(CatalogRole::Layout).map(|l| text::trim(&text::one_line(&l)).to_owned());
            self.findings.catalog.push(CatalogEntry {
                id,
                name,
                direction,
                layout,
                origin: self.sheet.at(next, id_col),
            });
            next += 1;
        }
        Some(next - row)
    }

    /// A title block row: keys with their values to the right or below.
    fn title(&mut self, row: u32, texts: &[String]) -> Option<u32> {
        let keys: Vec<(u32, TitleKey)> = self
            .grid
            .cols()
            .zip(texts)
            .filter(|(col, text)| {
                !text.is_empty() && self.grid.region(row, *col).is_none_or(|r| r.start == (row, *col))
            })
            .filter_map(|(col, text)| headings::title_key(text).map(|k| (col, k)))
            .collect();
        if keys.is_empty() {
            return None;
        }
        // A title block after a table heading, or a key the block being read already has, starts the
        // next layout: the one read so far is complete (or, without a table, reported).
        let sets_id = |k: &TitleKey| matches!(k, TitleKey::InterfaceId | TitleKey::FileId);
        let repeated =
            keys.iter().any(|(_, k)| self.pending.title_keys.contains(k) || (sets_id(k) && self.pending.id.is_some()));
        if self.pending.origin.is_some() || self.pending.has_items() || repeated {
            self.finish_layout();
        }
        self.pending.title_keys.extend(keys.iter().map(|(_, k)| *k));
        let mut last_row = row;
        for (col, key) in keys {
            let Some((value_row, value_col, value)) = self.title_value(row, col) else {
                self.diagnostics.error(self.sheet.at(row, col), "no value beside or below this title key".to_owned());
                continue;
            };
            last_row = last_row.max(self.grid.bottom_edge(value_row, value_col));
            let at = self.sheet.at(value_row, value_col);
            match key {
                TitleKey::InterfaceId => {
                    let value = text::interface_id(&value);
                    self.pending.id = Some(Located { value, at });
                }
                TitleKey::InterfaceName => {
                    let value = text::one_line(&value);
                    self.pending.name = Some(Located { value, at });
                }
                TitleKey::Direction => match headings::direction(&text::heading_key(&value)) {
                    Some(value) => self.pending.direction = Some(Located { value, at }),
                    None => {
                        self.diagnostics.error(at, format!("送受信種別 {value:?} is neither リクエスト nor レスポンス"))
                    }
                },
                TitleKey::Format => match headings::wire_format(&text::heading_key(&value)) {
                    Some(format) => {
                        self.pending.format = Some(Located { value: format, at });
                        if format == WireFormat::Csv {
                            self.pending.file.get_or_insert_with(FileFacts::default).format_text = Some(value);
                        }
                    }
                    None => self.diagnostics.error(at, format!("形式 {value:?} is neither JSON nor CSV")),
                },
                TitleKey::FileId => {
                    let value = text::interface_id(&value);
                    self.pending.id = Some(Located { value, at: at.clone() });
                    self.pending.direction = Some(Located { value: Direction::File, at });
                    self.pending.file.get_or_insert_with(FileFacts::default);
                }
                TitleKey::FileTitle => {
                    let value = text::one_line(&value);
                    self.pending.name = Some(Located { value, at });
                }
                TitleKey::FileNameRule => {
                    let rule = text::squeeze(&value);
                    let file = self.pending.file.get_or_insert_with(FileFacts::default);
                    match file_name::parse(&rule) {
                        Ok(pattern) => file.name_pattern = Some(pattern),
                        Err(why) => self.diagnostics.error(at, format!("ファイル名 {rule:?} cannot be read: {why}")),
                    }
                    self.pending.file.get_or_insert_with(FileFacts::default).name_rule = Some(rule);
                }
                TitleKey::Encoding => {
                    self.pending.file.get_or_insert_with(FileFacts::default).encoding = Some(text::one_line(&value));
                }
                TitleKey::CsvVersion => {
                    let version = text::squeeze(&text::nfkc(&value));
                    if version.len() == 6 && version.bytes().all(|b| b.is_ascii_digit()) {
                        self.pending.file.get_or_insert_with(FileFacts::default).version = Some(version);
                    } else {
                        self.diagnostics.error(at, format!("CSVバージョン {value:?} is not 6 digits (YYYYMM)"));
                    }
                }
                TitleKey::CreationUnit => {
                    let unit = text::multiline(&value);
                    self.pending.file.get_or_insert_with(FileFacts::default).creation_unit = Some(unit);
                }
            }
        }
        Some(last_row - row + 1)
    }

    /// The value of the title key at (row, col): the next cell to the right unless it is empty or
    /// another key (keys down a column), else the cell below (keys in a row).
    fn title_value(&mut self, row: u32, col: u32) -> Option<(u32, u32, String)> {
        let is_value = |s: &Self, r: u32, c: u32| {
            let key = s.heading_text(r, c);
            !key.is_empty() && headings::title_key(&key).is_none()
        };
        let right = self.grid.right_edge(row, col) + 1;
        let (r, c) = if right < self.grid.col_end() && is_value(self, row, right) {
            (row, right)
        } else {
            let below = self.grid.bottom_edge(row, col) + 1;
            if below >= self.grid.row_end() || !is_value(self, below, col) {
                return None;
            }
            (below, col)
        };
        let (r0, c0) = self.grid.region(r, c).map_or((r, c), |region| region.start);
        let value = self.text(&self.grid.raw(r0, c0).clone(), r0, c0)?;
        Some((r, c, value))
    }

    fn item(&mut self, row: u32) {
        let columns = self.table.as_ref().expect("called with a table");
        let roles: Vec<(Role, u32)> = columns.roles.iter().map(|(r, c)| (*r, *c)).collect();
        let levels = columns.levels.clone();
        let mut cells: BTreeMap<Role, (u32, String)> = BTreeMap::new();
        // Cells holding an error value or a date: each is reported once, where it is read, and the
        // findings that would follow from its emptiness (no 項目名, 最小 empty...) are not made.
        let mut unusable: Vec<Role> = Vec::new();
        let grid = self.grid;
        for (role, col) in roles {
            match self.cell(grid.down(row, col), row, col) {
                Ok(Some(text)) => {
                    cells.insert(role, (col, text));
                }
                Ok(None) => {}
                Err(()) => unusable.push(role),
            }
        }
        let mut level_cells: Vec<(u32, Option<String>)> = Vec::new();
        for col in levels {
            let text = self.cell(grid.down(row, col), row, col).unwrap_or_else(|()| {
                unusable.push(Role::Level);
                None
            });
            level_cells.push((col, text));
        }
        let filled = |role: &Role| cells.get(role).is_some_and(|(_, t)| !text::is_none_mark(t));
        if cells.is_empty() && level_cells.iter().all(|(_, t)| t.is_none()) {
            return;
        }
        if unusable.iter().any(|r| matches!(r, Role::No | Role::Level)) {
            // Without its number or its place in the tree the row cannot be placed; it is reported.
            return;
        }
        let Some((no_col, no_text)) = cells.get(&Role::No).cloned() else {
            if filled(&Role::Key) {
                self.diagnostics.error(self.sheet.at(row, cells[&Role::Key].0), "an item with a 項目 but no 項番");
            }
            // A caption or a note under the table: documentation, not an item.
            return;
        };
        let Some(no) = text::parse_number(&no_text) else {
            let typed = [Role::Key, Role::DataType, Role::Length, Role::Min];
            if typed.iter().any(filled) {
                self.diagnostics.error(self.sheet.at(row, no_col), format!("項番 {no_text:?} is not a number"));
            }
            return;
        };
        let content = [
            Role::Name,
            Role::Key,
            Role::Format,
            Role::Notation,
            Role::Min,
            Role::Max,
            Role::Required,
            Role::Needed,
            Role::DataType,
            Role::Length,
            Role::LengthKind,
            Role::Remarks,
        ];
        if !content.iter().any(filled) {
            // Numbered but otherwise blank: a template's unused row, not an item.
            return;
        }
        let origin = self.sheet.at(row, no_col);
        let mut item = Item {
            no: format!("{no:02}"),
            level: Vec::new(),
            name: String::new(),
            key: None,
            format: None,
            occurs: Occurs::REQUIRED,
            data_type: None,
            length: None,
            length_kind: None,
            remarks: None,
            notation: None,
            needed: false,
            free_text: false,
            uniform: false,
            rules: Default::default(),
            secret: false,
            overrides: Vec::new(),
            children: Vec::new(),
            origin: origin.clone(),
        };
        let sheet = self.sheet;
        let at = |col: u32| sheet.at(row, col);
        match cells.get(&Role::Name) {
            Some((_, name)) if !text::is_none_mark(name) => item.name = text::one_line(name),
            _ if unusable.contains(&Role::Name) => {}
            _ => {
                let col = self.table.as_ref().and_then(|t| t.col(Role::Name)).unwrap_or(no_col);
                self.diagnostics.error(at(col), format!("item {} has no 項目名", item.no));
            }
        }
        let mut reported = unusable.contains(&Role::Key);
        if let Some((col, key)) = cells.get(&Role::Key).filter(|(_, k)| !text::is_none_mark(k)) {
            // A line break is where the cell (or the PDF it was copied from) wrapped a long key; a
            // space inside a line is part of what was written, and no key has one.
            let key = text::one_line(key);
            if key.chars().all(|c| c.is_ascii_graphic()) {
                item.key = Some(key);
            } else {
                // Full-width letters are a slip worth naming: the key they spell is not guessed at.
                let half = text::nfkc(&key);
                let hint = if half.chars().all(|c| c.is_ascii_graphic()) {
                    format!("; in half-width letters it would be {half:?}")
                } else {
                    String::new()
                };
                self.diagnostics
                    .error(at(*col), format!("項目 {key:?} is not a wire key (printable ASCII without spaces){hint}"));
                reported = true;
            }
        }
        if let Some(key_col) = self.table.as_ref().and_then(|t| t.col(Role::Key)) {
            self.pending.key_cells.insert(origin.clone(), KeyCell { at: at(key_col), reported });
        }
        let get = |role| cells.get(&role).filter(|(_, t)| !text::is_none_mark(t)).cloned();
        item.format = get(Role::Format).map(|(_, f)| text::multiline(&f));
        item.remarks = get(Role::Remarks).map(|(_, r)| text::multiline(&r));
        let notation = get(Role::Notation).map(|(_, n)| text::multiline(&n));
        item.needed = get(Role::Needed).is_some_and(|(_, mark)| headings::is_required_mark(&text::heading_key(&mark)));
        item.occurs = self.occurs(&cells, &unusable, row);
        if let Some((col, word)) = get(Role::DataType) {
            let word = text::squeeze(&text::nfkc(&word));
            match DataType::from_spec_name(&word) {
                Some(data_type) => item.data_type = Some(data_type),
                None => self.diagnostics.error(
                    at(col),
                    format!("データ型 {word:?} is unknown (expected 半角数字, 半角英数字, 半角文字, 全角文字, 全半角文字 or リスト)"),
                ),
            }
        }
        let fixed = match get(Role::LengthKind) {
            Some((col, word)) => {
                let word = text::squeeze(&word);
                item.length_kind = Some(word.clone());
                match word.as_str() {
                    "固定長" | "固定" => Some(true),
                    "可変長" | "可変" => Some(false),
                    _ => {
                        self.diagnostics.error(at(col), format!("可変長/固定長 {word:?} is neither 固定長 nor 可変長"));
                        None
                    }
                }
            }
            None => None,
        };
        if let Some((col, digits)) = get(Role::Length) {
            match text::parse_number(&digits) {
                Some(0) => self.diagnostics.error(at(col), "桁数 is 0"),
                Some(digits) => item.length = Some(Length { digits, fixed: fixed.unwrap_or(false) }),
                None => self.diagnostics.error(at(col), format!("桁数 {digits:?} is not a number")),
            }
        }
        item.rules = rules::from_text(item.format.as_deref(), item.remarks.as_deref());
        if let Some(notation) = &notation {
            // `stated.date` is already the date format the 書式 cell states, if any.
            let stated = rules::from_text(None, Some(notation));
            item.rules.date = item.rules.date.or(stated.date);
            if item.rules.codes.is_empty() {
                item.rules.codes = stated.codes;
            }
        }
        item.notation = notation;
        item.secret = item.name.contains("トークン")
            || item.key.as_deref().is_some_and(|k| k.eq_ignore_ascii_case("Authorization"));
        let section = self.section_for_item(row);
        let Some(shown) = self.level_path(&level_cells, row, &item, section) else {
            return;
        };
        let ordinal = shown.last().copied().flatten().unwrap_or(1);
        let section = &mut self.pending.sections[section];
        if shown.len() == 1 {
            section.top_level += 1;
        }
        section.rows.push(Row { item, ordinal, shown });
    }

    fn occurs(&mut self, cells: &BTreeMap<Role, (u32, String)>, unusable: &[Role], row: u32) -> Occurs {
        let min = cells.get(&Role::Min);
        let max = cells.get(&Role::Max);
        if min.is_none() && max.is_none() {
            if let Some((_, mark)) = cells.get(&Role::Required) {
                let required = headings::is_required_mark(&text::heading_key(mark));
                return Occurs { min: u32::from(required), max: Some(1) };
            }
            let has_columns =
                self.table.as_ref().is_some_and(|t| t.col(Role::Min).is_some() || t.col(Role::Required).is_some());
            if has_columns {
                // Columns exist but the row leaves them empty: 必須 blank means optional.
                return Occurs::OPTIONAL;
            }
            return Occurs::REQUIRED;
        }
        let mut occurs = Occurs::REQUIRED;
        match min {
            Some((col, text)) => match text::parse_number(text) {
                Some(n) => occurs.min = n,
                None => {
                    self.diagnostics.error(self.sheet.at(row, *col), format!("出現回数 最小 {text:?} is not a number"))
                }
            },
            None if unusable.contains(&Role::Min) => {}
            None => self.diagnostics.error(
                self.sheet.at(row, self.table.as_ref().and_then(|t| t.col(Role::Min)).unwrap_or(0)),
                "出現回数 最小 is empty",
            ),
        }
        match max {
            Some((_, text)) if headings::is_unbounded(&text::heading_key(text)) => occurs.max = None,
            Some((col, text)) => match text::parse_number(text) {
                Some(n) => occurs.max = Some(n),
                None => {
                    self.diagnostics.error(self.sheet.at(row, *col), format!("出現回数 最大 {text:?} is not a number"))
                }
            },
            None if unusable.contains(&Role::Max) => {}
            None => self.diagnostics.error(
                self.sheet.at(row, self.table.as_ref().and_then(|t| t.col(Role::Max)).unwrap_or(0)),
                "出現回数 最大 is empty",
            ),
        }
        if let Some(max) = occurs.max {
            let col = self.table.as_ref().and_then(|t| t.col(Role::Max)).unwrap_or(0);
            if max == 0 {
                self.diagnostics.error(self.sheet.at(row, col), "出現回数 最大 is 0");
            } else if occurs.min > max {
                self.diagnostics
                    .error(self.sheet.at(row, col), format!("出現回数 最小 {} is above 最大 {max}", occurs.min));
            }
        }
        occurs
    }

    /// The section an item row belongs to: the last one captioned, or a body section.
    fn section_for_item(&mut self, row: u32) -> usize {
        if self.pending.sections.is_empty() {
            let origin = self.table.as_ref().map_or_else(|| self.sheet.at(row, 0), |t| t.origin.clone());
            self.pending.sections.push(PendingSection {
                kind: SectionKind::Body,
                origin,
                rows: Vec::new(),
                top_level: 0,
            });
        }
        self.pending.sections.len() - 1
    }

    /// The level cells up to the row's own number; `None` (with an error) if they say nothing.
    fn level_path(
        &mut self,
        cells: &[(u32, Option<String>)],
        row: u32,
        item: &Item,
        section: usize,
    ) -> Option<Vec<Option<u32>>> {
        if cells.is_empty() {
            let next = self.pending.sections[section].top_level + 1;
            return Some(vec![Some(next)]);
        }
        let mut shown = Vec::new();
        for (col, text) in cells {
            let value = match text {
                Some(text) if !text::is_none_mark(text) => match text::parse_number(text) {
                    Some(n) => Some(n),
                    None => {
                        self.diagnostics
                            .error(self.sheet.at(row, *col), format!("階層レベル {text:?} is not a number"));
                        return None;
                    }
                },
                _ => None,
            };
            shown.push(value);
        }
        while shown.last() == Some(&None) {
            shown.pop();
        }
        if shown.is_empty() {
            self.diagnostics.error(
                self.sheet.at(row, cells[0].0),
                format!("item {} has no 階層レベル", text::trim(&format!("{} {}", item.no, item.name))),
            );
            return None;
        }
        Some(shown)
    }

    /// Closes the layout being read, building each section's item tree.
    fn finish_layout(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.table = None;
        if !pending.has_items() {
            match (pending.origin, pending.id) {
                (Some(origin), _) => self.diagnostics.warning(origin, "a layout table with no items"),
                // A title block names a layout, but its table was not found: most likely a heading
                // this reader does not know. Without this, the layout would be missing from the output.
                (None, Some(id)) => {
                    let title = match &pending.direction {
                        Some(direction) => format!("{} {}", id.value, direction.value),
                        None => id.value.clone(),
                    };
                    self.diagnostics.error(
                        id.at,
                        format!(
                            "no layout table follows the title block of {title} (a heading row with 項番, 項目名 and another known column)"
                        ),
                    );
                }
                (None, None) => {}
            }
            return;
        }
        let mut sections: Vec<Section> = Vec::new();
        for section in pending.sections {
            if section.rows.is_empty() {
                continue;
            }
            let items = outline::build(section.rows, self.diagnostics);
            repeated_numbers(&items, self.diagnostics);
            match sections.iter_mut().find(|s| s.kind == section.kind) {
                Some(existing) => {
                    self.diagnostics
                        .error(section.origin, format!("a second {} section in one layout", section.kind.spec_name()));
                    existing.items.extend(items);
                }
                None => sections.push(Section { kind: section.kind, items, origin: section.origin }),
            }
        }
        self.findings.layouts.push(RawLayout {
            id: pending.id,
            name: pending.name,
            direction: pending.direction,
            format: pending.format,
            sections,
            origin: pending.origin.unwrap_or_else(|| self.sheet.clone()),
            has_keys: pending.has_keys,
            key_cells: pending.key_cells,
            file: pending.file,
        });
    }
}

/// 項番 numbers the rows of a section, lists' members included: a number given twice is a slip (the
/// generated rows and every violation report would name two items alike).
fn repeated_numbers(items: &[Item], diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Item> = HashMap::new();
    for item in items.iter().flat_map(Item::walk) {
        if let Some(first) = seen.insert(&item.no, item) {
            let cell = first.origin.cell.as_deref().unwrap_or_default();
            diagnostics.warning(
                item.origin.clone(),
                format!("項番 {} of {} repeats the 項番 of {} ({cell})", item.no, item.name, first.name),
            );
            seen.insert(&first.no, first);
        }
    }
}

/// A caption row naming a section (`　リクエストヘッダ`): its only text is a section word.
fn section_label(keys: &[String]) -> Option<SectionKind> {
    let mut texts = keys.iter().filter(|t| !t.is_empty());
    let first = texts.next()?;
    if texts.any(|t| t != first) {
        return None;
    }
    headings::section_label(first)
}
