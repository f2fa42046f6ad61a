//! Finding layouts on a sheet by their headings: title blocks (keys in a row with values below, or
//! down a column with values to the right), a sheet's title cell (`利用者情報　【SERVICE_USER_INFO】`)
//! and its 必須 legend, the interface list, code sheets, section captions, item-table headings of one
//! or two rows, and the item rows under them. Nothing is found by a fixed cell position, and a sheet
//! may hold any number of layouts. Which words mean what is the [`Vocabulary`]'s.

use std::collections::{BTreeMap, HashMap};

use calamine::Data;

use super::grid::Grid;
use super::headings::{CatalogRole, Need, Role, TitleKey};
use super::text::{self, CellText, Unusable};
use super::vocabulary::Vocabulary;
use crate::diag::{Diagnostics, Location};
use crate::model::outline::{self, Row};
use crate::model::{
    Code, Condition, CsvDialect, DataType, Direction, FileFacts, Item, Length, Mode, Occurs, Requirement, Section,
    SectionKind, WireFormat, file_name, notation, rules,
};

/// A value read from the sheet, with the cell it came from.
#[derive(Clone, Debug)]
pub struct Located<T> {
    pub value: T,
    pub at: Location,
}

/// Where a layout's ID was read, in the order the reader trusts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum IdSource {
    /// 外部IF_ID or ファイルID in the title block.
    TitleBlock,
    /// The ID in brackets in the sheet's title cell (`利用者情報　【SERVICE_USER_INFO】`).
    TitleCell,
    /// The first segment of the file-name rule (`UPPLAN_対象年月(YYYYMM)_…`).
    FileNameRule,
    /// The sheet's name (`FORM_0000_2021`, `<IF ID>_リクエスト`).
    SheetName,
    /// The interface list (API一覧, 外部インタフェース一覧).
    Catalog,
}

impl IdSource {
    /// How messages name the source.
    pub fn describe(self) -> &'static str {
        match self {
            IdSource::TitleBlock => "the title block",
            IdSource::TitleCell => "the sheet's title cell",
            IdSource::FileNameRule => "the file-name rule",
            IdSource::SheetName => "the sheet name",
            IdSource::Catalog => "the interface list",
        }
    }
}

/// One source's word on a layout's ID.
#[derive(Clone, Debug)]
pub struct IdClaim {
    pub source: IdSource,
    pub id: Located<String>,
}

/// A layout table as found, before it is placed in an interface.
#[derive(Debug)]
pub struct RawLayout {
    /// What the sheet says the layout's ID is, by source, in the order found.
    pub ids: Vec<IdClaim>,
    pub name: Option<Located<String>>,
    pub direction: Option<Located<Direction>>,
    pub format: Option<Located<WireFormat>>,
    /// The 形式 the table's headings imply (LIFE's ファイル項目ID: a CSV file).
    pub implied_format: Option<WireFormat>,
    /// The title block has keys only a file's has (ファイル名称, ファイル名, CSVバージョン…).
    pub file_keys: bool,
    /// The title block has a CSVバージョン key (whether or not its value could be read).
    pub version_key: bool,
    pub sections: Vec<Section>,
    /// The first heading cell of the layout's item table.
    pub origin: Location,
    /// Whether the table has a 項目 (wire key) column.
    pub has_keys: bool,
    /// Each item's 項目 cell, by the item's origin (its 項番 cell): findings about keys point there.
    pub key_cells: HashMap<Location, KeyCell>,
    /// File-level facts from the title block of a file layout.
    pub file: Option<FileFacts>,
    /// コード値 cells that refer to a code sheet, resolved once the whole workbook is read.
    pub code_refs: Vec<CodeRef>,
}

/// A コード値 cell that names a code sheet (`※ICFコード参照`).
#[derive(Clone, Debug)]
pub struct CodeRef {
    /// The item's origin (its 項番 cell).
    pub item: Location,
    /// The code sheet named.
    pub sheet: String,
    /// The cell.
    pub at: Location,
}

/// The codes of a code sheet (LIFE's ICFコード, 職種コード).
#[derive(Clone, Debug)]
pub struct CodeSheet {
    /// The sheet's name, trimmed.
    pub name: String,
    pub codes: Vec<Code>,
    /// The code column's heading.
    pub origin: Location,
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
    pub code_sheets: Vec<CodeSheet>,
}

/// Reads every layout, catalog row and code list on a sheet. `name` is the sheet's name, trimmed.
pub fn read(
    grid: &Grid,
    sheet: &Location,
    name: &str,
    vocab: &Vocabulary,
    diagnostics: &mut Diagnostics,
) -> SheetFindings {
    let mut scanner = Scanner {
        grid,
        sheet,
        name,
        vocab,
        diagnostics,
        findings: SheetFindings::default(),
        pending: Pending::default(),
        table: None,
        legend: HashMap::new(),
    };
    // Rows with nothing in them read as nothing: only the rows in use are visited, each unless an
    // element above (a two-row heading, a title block, the interface list) took it. A hidden row is
    // not read, as Excel does not show it.
    let mut next = 0;
    for &row in grid.rows() {
        if row >= next {
            next = row + if grid.is_hidden(row) { scanner.hidden_row(row) } else { scanner.row(row) };
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
    /// The 形式 a heading of the table implies.
    implies: Option<WireFormat>,
}

impl Columns {
    fn col(&self, role: Role) -> Option<u32> {
        self.roles.get(&role).copied()
    }

    /// Whether `col` holds an item's text (its name, key, notes...): a title key written there is an
    /// item's, not a title block's.
    fn holds_text(&self, col: u32) -> bool {
        const TEXT: [Role; 8] = [
            Role::Name,
            Role::Key,
            Role::Format,
            Role::Notation,
            Role::Codes,
            Role::Description,
            Role::Remarks,
            Role::Range,
        ];
        TEXT.iter().any(|role| self.col(*role) == Some(col))
    }
}

/// The layout being read: its title so far and the rows of each section.
#[derive(Default)]
struct Pending {
    ids: Vec<IdClaim>,
    name: Option<Located<String>>,
    direction: Option<Located<Direction>>,
    format: Option<Located<WireFormat>>,
    implied_format: Option<WireFormat>,
    file_keys: bool,
    sections: Vec<PendingSection>,
    origin: Option<Location>,
    has_keys: bool,
    key_cells: HashMap<Location, KeyCell>,
    file: Option<FileFacts>,
    code_refs: Vec<CodeRef>,
    /// The title keys read so far: one seen again starts the next layout's title block.
    title_keys: Vec<TitleKey>,
    /// A title cell was read for this layout.
    titled: bool,
    /// Rows read since the last item that are not items (grouping captions): the next item's docs.
    groups: Vec<String>,
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

    fn has_id_from(&self, source: IdSource) -> bool {
        self.ids.iter().any(|c| c.source == source)
    }
}

struct Scanner<'a> {
    grid: &'a Grid,
    sheet: &'a Location,
    name: &'a str,
    vocab: &'a Vocabulary,
    diagnostics: &'a mut Diagnostics,
    findings: SheetFindings,
    pending: Pending,
    table: Option<Columns>,
    /// The 必須 legend of the sheet: each mark (in heading form) with its meaning and cell.
    legend: HashMap<String, (Need, Location)>,
}

impl Scanner<'_> {
    /// Reads what starts at `row`; returns how many rows it took.
    fn row(&mut self, row: u32) -> u32 {
        // First, as it is cheap and most rows are items: a row whose 項番 cell holds a number is an item
        // of the table being read, whatever else it holds (an item named like a title key, ファイル形式 or
        // CSVバージョン, is an item); a heading row has the word 項番 there, not a number.
        if self.is_item_row(row) {
            self.item(row);
            return 1;
        }
        // Each reading below looks at the whole row's headings: normalised once, not once per reading.
        let keys = self.heading_keys(row);
        if let Some(taken) = self.code_sheet(row, &keys) {
            return taken;
        }
        if let Some(columns) = self.heading(row, &keys) {
            let height = columns.height;
            if self.pending.origin.is_none() {
                self.pending.origin = Some(columns.origin.clone());
            }
            self.pending.has_keys |= columns.col(Role::Key).is_some();
            self.pending.implied_format = self.pending.implied_format.or(columns.implies);
            self.table = Some(columns);
            return height;
        }
        if let Some(taken) = self.catalog(row, &keys) {
            return taken;
        }
        self.near_heading(row, &keys);
        if self.sheet_title(row) {
            return 1;
        }
        if let Some(taken) = self.title(row, &keys) {
            return taken;
        }
        if let Some(kind) = self.section_label(&keys) {
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
        self.cell(data, row, col, None).ok().flatten()
    }

    /// A cell's text (`None` when empty), or `Err` for a cell no column takes, reported here (a
    /// formula without a stored result is reported with the sheet's findings, not again). `what`
    /// names the column the cell is read for (`桁数`), when there is one.
    fn cell(&mut self, data: &Data, row: u32, col: u32, what: Option<&str>) -> Result<Option<String>, ()> {
        match text::cell_text(data) {
            CellText::Empty => Ok(None),
            CellText::Text(text) => Ok(Some(text)),
            CellText::Unusable(_) if self.grid.is_unevaluated(row, col) => Err(()),
            CellText::Unusable(why) => {
                let message = match (&why, what) {
                    (Unusable::Error(_), _) | (_, None) => format!("the cell {}", why.describe()),
                    (_, Some(what)) => format!("{what} {}; write it as text", why.describe()),
                };
                self.diagnostics.error(self.sheet.at(row, col), message);
                Err(())
            }
        }
    }

    /// Whether a cell shows anything, text or not (a date, an error value).
    fn shows(&self, row: u32, col: u32) -> bool {
        !matches!(text::cell_text(self.grid.spread(row, col)), CellText::Empty)
    }

    /// What a row holds, for a note saying it is not read: the item it describes (`item 05
    /// 旧ステータス (old_status)`) when its 項番 cell holds a number, else its first text. `None` for a
    /// row that shows no text. The column is where the note points.
    fn row_summary(&self, row: u32) -> Option<(u32, String)> {
        let shown = |col: u32| match text::cell_text(self.grid.down(row, col)) {
            CellText::Text(text) if !self.vocab.is_none(&text) => Some((col, text::one_line(&text))),
            _ => None,
        };
        if let Some(table) = &self.table
            && let Some((col, no)) =
                table.col(Role::No).and_then(shown).and_then(|(c, n)| Some((c, text::parse_number(&n)?)))
        {
            let mut what = format!("item {no:02}");
            if let Some((_, name)) = table.col(Role::Name).and_then(shown) {
                what.push(' ');
                what.push_str(&name);
            }
            if let Some((_, key)) = table.col(Role::Key).and_then(shown) {
                what.push_str(&format!(" ({key})"));
            }
            return Some((col, what));
        }
        let (col, first) = self.grid.cols().find_map(shown)?;
        let first: String = first.chars().take(40).collect();
        Some((col, format!("the row ({first:?}…)")))
    }

    /// A hidden row: not read, as Excel does not show it; a note says what it held.
    fn hidden_row(&mut self, row: u32) -> u32 {
        if let Some((col, what)) = self.row_summary(row) {
            self.diagnostics.note(self.sheet.at(row, col), format!("the row is hidden, so {what} is not read"));
        }
        1
    }

    /// Whether a row of a list (the interface list, a code sheet) is hidden or struck through at
    /// `col`, its key cell; `Some(why)` for a note.
    fn unseen(&self, row: u32, col: u32) -> Option<&'static str> {
        if self.grid.is_hidden(row) {
            Some("is hidden")
        } else if self.grid.is_struck(row, col) {
            Some("is struck through (見え消し)")
        } else {
            None
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

    /// Whether the heading texts `keys` are those of an item-table heading: 項番 and 項目名 columns and
    /// at least one more.
    fn is_heading(&self, keys: &[String]) -> bool {
        let roles: std::collections::BTreeSet<Role> = keys.iter().filter_map(|k| self.vocab.role(k)).collect();
        roles.contains(&Role::No) && roles.contains(&Role::Name) && roles.len() >= 3
    }

    /// An item-table heading at `row` (whose heading texts are `top`).
    fn heading(&mut self, row: u32, top: &[String]) -> Option<Columns> {
        if !self.is_heading(top) {
            return None;
        }
        let cols: Vec<u32> = self.grid.cols().collect();
        let top_headings: Vec<_> = top.iter().map(|k| self.vocab.heading(k)).collect();
        let top_roles: Vec<Option<Role>> = top_headings.iter().map(|h| h.map(|h| h.role)).collect();
        let sub_row = row + 1;
        let sub: Vec<String> =
            if sub_row < self.grid.row_end() { self.heading_keys(sub_row) } else { vec![String::new(); cols.len()] };
        let two_rows = self.is_sub_heading(top, &top_roles, &sub);
        let mut columns = Columns {
            roles: BTreeMap::new(),
            levels: Vec::new(),
            height: if two_rows { 2 } else { 1 },
            origin: self.sheet.at(row, cols[top_roles.iter().position(Option::is_some).unwrap_or(0)]),
            implies: top_headings.iter().flatten().find_map(|h| h.implies),
        };
        let mut in_level = false;
        for (i, &col) in cols.iter().enumerate() {
            let sub_role = if two_rows { self.vocab.role(&sub[i]) } else { None };
            // A heading merged across columns (a wide 備考) names its first column; the others are
            // its overflow. 階層レベル and 出現回数 are the exceptions: their columns are sub-columns.
            let merged_from_left = self.grid.region(row, col).is_some_and(|r| r.start.1 < col);
            let overflow = merged_from_left && !matches!(top_roles[i], Some(Role::Level | Role::Occurs));
            // A group heading over columns of its own (出現回数 over 最小/最大, 桁数 over 整数/小数):
            // each column is what its sub-heading names.
            let grouped = sub_role.is_some() && sub[i] != top[i] && top_roles[i] != Some(Role::Level);
            let spans = self.grid.region(row, col).is_some_and(|r| r.start.1 != r.end.1);
            let role = match top_roles[i] {
                _ if grouped => sub_role,
                _ if overflow => None,
                // 出現回数 in one column of its own holds both bounds (`0..1`, `1..n`).
                Some(Role::Occurs) if !spans => Some(Role::Occurs),
                Some(Role::Occurs) => match sub_role {
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
                    let roles: Vec<&str> = Role::ALL.iter().map(|r| r.spec_name()).collect();
                    let hint = self.vocab.hint("heading", "role", &roles, &top[i]);
                    self.diagnostics.warning(
                        self.sheet.at(row, col),
                        format!(
                            "column heading {:?} is not one this reader knows; the column is ignored ({hint})",
                            top[i]
                        ),
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

    /// A row that would be an item-table heading but for its 項番 or 項目名 column, beside headings this
    /// reader does not know: most likely the missing column is spelt in a way the vocabulary lacks.
    /// Without this finding the table would be skipped in silence.
    fn near_heading(&mut self, row: u32, keys: &[String]) {
        let roles: std::collections::BTreeSet<Role> = keys.iter().filter_map(|k| self.vocab.role(k)).collect();
        let missing: Vec<Role> = [Role::No, Role::Name].into_iter().filter(|r| !roles.contains(r)).collect();
        let unknown: Vec<&String> = keys
            .iter()
            .filter(|k| !k.is_empty() && self.vocab.role(k).is_none() && self.vocab.title_key(k).is_none())
            .collect();
        if roles.len() < 3 || missing.len() != 1 || unknown.is_empty() {
            return;
        }
        let role = missing[0].spec_name();
        let first = unknown[0];
        let col = self.grid.cols().zip(keys).find(|(_, k)| *k == first).map_or(0, |(c, _)| c);
        let unknown: Vec<String> = unknown.iter().map(|k| format!("{k:?}")).collect();
        self.diagnostics.warning(
            self.sheet.at(row, col),
            format!(
                "this row heads {} known columns but no {role} column, so no table is read under it; if one of {} is the {role}, {}",
                roles.len(),
                unknown.join(", "),
                self.vocab.hint("heading", "role", &[role], first).replacen("to accept it, a", "a", 1)
            ),
        );
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
            // A sub-heading naming a column under a group heading: one merged over it, or written in
            // its first column only.
            let grouped =
                |i: usize| top[i].is_empty() || (i > 0 && top[i - 1] == top[i]) || top.get(i + 1) == Some(&top[i]);
            let fits = sub[i] == top[i]
                || matches!(self.vocab.role(&sub[i]), Some(Role::Min | Role::Max))
                || (self.vocab.role(&sub[i]).is_some() && grouped(i))
                // Level sub-columns are numbered: 1, L1, レベル1, 第1階層.
                || (level_col && (sub[i].chars().any(|c| c.is_ascii_digit()) || sub[i].starts_with('l')));
            if !fits {
                return false;
            }
        }
        any
    }

    /// A code sheet's table (LIFE's ICFコード, 職種コード): on a sheet named like a code list, a
    /// heading row with a column headed by the sheet's name (or コード, コード値). Its values, down to
    /// the first empty cell, are the codes a `※ICFコード参照` names; the column to its right, if any,
    /// their labels.
    fn code_sheet(&mut self, row: u32, keys: &[String]) -> Option<u32> {
        let sheet = text::heading_key(self.name);
        let is_code_sheet = ["コード", "コード表", "コード一覧"].iter().any(|s| sheet.ends_with(s));
        if !is_code_sheet || !self.findings.code_sheets.is_empty() || self.table.is_some() {
            return None;
        }
        let cols: Vec<u32> = self.grid.cols().collect();
        let numbered = keys.iter().any(|k| self.vocab.role(k) == Some(Role::No));
        // The code column is headed as the sheet is named (ICFコード), with or without its 表/一覧, or by
        // any heading that names a code (コード, ICFコード on a sheet ICFコード表, コード値).
        let named = text::code_sheet_key(self.name);
        let index = keys.iter().position(|k| {
            *k == sheet || text::code_sheet_key(k) == named || k.ends_with("コード") || k == "コード値"
        })?;
        if !numbered {
            return None;
        }
        let (code_col, label_col) = (cols[index], cols.get(index + 1).copied());
        let mut codes = Vec::new();
        let mut next = self.grid.bottom_edge(row, code_col) + 1;
        while next < self.grid.row_end() {
            if let Some(why) = self.unseen(next, code_col) {
                if let CellText::Text(code) = text::cell_text(self.grid.down(next, code_col)) {
                    let at = self.sheet.at(next, code_col);
                    self.diagnostics.note(at, format!("the row {why}, so code {:?} is not read", text::trim(&code)));
                }
                next += 1;
                continue;
            }
            let Some(code) = self.text(&self.grid.down(next, code_col).clone(), next, code_col) else { break };
            let label = label_col.and_then(|c| self.text(&self.grid.down(next, c).clone(), next, c));
            let code = text::trim(&crate::nfkc::nfkc(&code)).to_owned();
            codes.push(match label {
                Some(label) => Code::labelled(code, text::one_line(&label)),
                None => Code::bare(code),
            });
            next += 1;
        }
        self.findings.code_sheets.push(CodeSheet {
            name: text::trim(self.name).to_owned(),
            codes,
            origin: self.sheet.at(row, code_col),
        });
        Some(next - row)
    }

    /// The interface list (API一覧, 外部インタフェース一覧): an IF ID column heading beside 項番 or
    /// リクエストURL. Rows whose ID cell is empty belong to the ID above (a cell merged down in the
    /// original, or not merged in a copy); the list ends at a row with nothing in its columns.
    fn catalog(&mut self, row: u32, keys: &[String]) -> Option<u32> {
        let mut columns: BTreeMap<CatalogRole, u32> = BTreeMap::new();
        let mut numbered = false;
        for (col, key) in self.grid.cols().zip(keys) {
            if key.is_empty() {
                continue;
            }
            if self.vocab.role(key) == Some(Role::No) {
                numbered = true;
            }
            if let Some(role) = self.vocab.catalog_role(key) {
                columns.entry(role).or_insert(col);
            }
        }
        let listed = numbered || columns.contains_key(&CatalogRole::Url);
        let id_col = *columns.get(&CatalogRole::InterfaceId)?;
        if !listed || columns.len() < 2 {
            return None;
        }
        let mut next = self.grid.bottom_edge(row, id_col) + 1;
        let mut last_id: Option<String> = None;
        while next < self.grid.row_end() {
            // A hidden row, or one whose ID (or, below an ID, name) is struck through, is no entry;
            // nor does it end the list.
            let key_col = match text::cell_text(self.grid.down(next, id_col)) {
                CellText::Empty => columns.get(&CatalogRole::InterfaceName).copied().unwrap_or(id_col),
                _ => id_col,
            };
            if let Some(why) = self.unseen(next, key_col) {
                if let Some((col, what)) = self.catalog_summary(next, &columns) {
                    let at = self.sheet.at(next, col);
                    self.diagnostics
                        .note(at, format!("the row {why}, so the interface list's entry {what} is not read"));
                }
                next += 1;
                continue;
            }
            let mut get = |role| columns.get(&role).and_then(|&c| self.text(&self.grid.down(next, c).clone(), next, c));
            let id = get(CatalogRole::InterfaceId).map(|id| text::interface_id(&id));
            let name = get(CatalogRole::InterfaceName).map(|n| text::one_line(&n));
            let direction = get(CatalogRole::Direction);
            let layout = get(CatalogRole::Layout).map(|l| text::trim(&text::one_line(&l)).to_owned());
            let direction = direction.and_then(|d| self.vocab.direction(&text::heading_key(&d)));
            let id = match id {
                Some(id) => id,
                None if name.is_none() && direction.is_none() && layout.is_none() => break,
                None => match &last_id {
                    Some(id) => id.clone(),
                    None => break,
                },
            };
            last_id = Some(id.clone());
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

    /// What a row of the interface list names (`IF-T-02 テスト用 リクエスト`), and where, for a note.
    fn catalog_summary(&self, row: u32, columns: &BTreeMap<CatalogRole, u32>) -> Option<(u32, String)> {
        let texts: Vec<(u32, String)> = [CatalogRole::InterfaceId, CatalogRole::InterfaceName, CatalogRole::Layout]
            .iter()
            .filter_map(|role| columns.get(role))
            .filter_map(|&col| match text::cell_text(self.grid.down(row, col)) {
                CellText::Text(text) => Some((col, text::one_line(&text))),
                _ => None,
            })
            .collect();
        let col = texts.first()?.0;
        Some((col, texts.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(" ")))
    }

    /// A sheet's title row: a title cell naming the layout with its ID in brackets
    /// (`利用者情報　【SERVICE_USER_INFO】`), a 必須 legend (`◎：常に必須、○：…`), or both.
    fn sheet_title(&mut self, row: u32) -> bool {
        let mut found = false;
        let cols: Vec<u32> = self.grid.cols().collect();
        for col in cols {
            if self.grid.region(row, col).is_some_and(|r| r.start != (row, col)) {
                continue;
            }
            // A cell of the table is an item's text, whatever it says.
            if self.table.as_ref().is_some_and(|t| t.holds_text(col)) {
                continue;
            }
            let CellText::Text(cell) = text::cell_text(self.grid.raw(row, col)) else { continue };
            if let Some((name, id)) = bracketed_id(&cell) {
                if self.pending.origin.is_some() || self.pending.has_items() || self.pending.titled {
                    self.finish_layout();
                }
                let at = self.sheet.at(row, col);
                self.pending.titled = true;
                self.pending
                    .ids
                    .push(IdClaim { source: IdSource::TitleCell, id: Located { value: id, at: at.clone() } });
                if !name.is_empty() && self.pending.name.is_none() {
                    self.pending.name = Some(Located { value: name, at });
                }
                found = true;
            } else if self.legend_cell(&cell, row, col) {
                found = true;
            }
        }
        found
    }

    /// Reads a 必須 legend (`◎：常に必須、○：確定取込時必須（※）、●：…`) into the sheet's marks;
    /// `false` when the cell is no legend.
    fn legend_cell(&mut self, cell: &str, row: u32, col: u32) -> bool {
        let pairs = legend_pairs(cell);
        if pairs.is_empty() {
            return false;
        }
        let at = self.sheet.at(row, col);
        for (mark, phrase) in pairs {
            match self.vocab.legend_phrase(&phrase) {
                Some(need) => {
                    self.legend.insert(text::mark_key(&mark), (need, at.clone()));
                }
                None => {
                    let meanings: Vec<&str> = Need::LEGEND.iter().map(|n| n.spec_name()).collect();
                    let hint = self.vocab.hint("legend", "means", &meanings, &phrase);
                    self.diagnostics.error(
                        at.clone(),
                        format!("the 必須 legend's {mark}：{phrase:?} is not a meaning this reader knows ({hint})"),
                    );
                }
            }
        }
        true
    }

    /// A title block row: keys with their values to the right or below.
    fn title(&mut self, row: u32, texts: &[String]) -> Option<u32> {
        // Each key with its value when the cell holds both (`外部IF_ID：IF-I6-01-04-01`).
        let keys: Vec<(u32, TitleKey, Option<String>)> = self
            .grid
            .cols()
            .zip(texts)
            .filter(|(col, text)| {
                !text.is_empty() && self.grid.region(row, *col).is_none_or(|r| r.start == (row, *col))
            })
            .filter_map(|(col, text)| match self.vocab.title_key(text) {
                Some(key) => Some((col, key, None)),
                None => match text::cell_text(self.grid.raw(row, col)) {
                    CellText::Text(cell) => self.vocab.inline_title(&cell).map(|(key, value)| (col, key, Some(value))),
                    _ => None,
                },
            })
            .collect();
        if keys.is_empty() {
            return None;
        }
        // A cell of the table is never a title key: a lone key in a column holding items' text is an
        // item's caption (a grouping row named ファイル形式), and a key with its value there is a note
        // (`ファイル名：…は…`). Two keys in a row are a title block.
        if let Some(table) = &self.table
            && keys.iter().any(|(col, _, inline)| table.holds_text(*col) && (keys.len() == 1 || inline.is_some()))
        {
            return None;
        }
        // A title block after a table heading, or a key the block being read already has, starts the
        // next layout: the one read so far is complete (or, without a table, reported).
        let sets_id = |k: &TitleKey| matches!(k, TitleKey::InterfaceId | TitleKey::FileId);
        let repeated = keys.iter().any(|(_, k, _)| {
            self.pending.title_keys.contains(k) || (sets_id(k) && self.pending.has_id_from(IdSource::TitleBlock))
        });
        if self.pending.origin.is_some() || self.pending.has_items() || repeated {
            self.finish_layout();
        }
        self.pending.title_keys.extend(keys.iter().map(|(_, k, _)| *k));
        let mut last_row = row;
        for (col, key, inline) in keys {
            self.pending.file_keys |= key.is_file_key();
            if let Some(value) = inline {
                self.title_entry(key, value, self.sheet.at(row, col));
                continue;
            }
            let Some((value_row, value_col)) = self.title_value(row, col) else {
                self.diagnostics.error(self.sheet.at(row, col), "no value beside or below this title key".to_owned());
                continue;
            };
            last_row = last_row.max(self.grid.bottom_edge(value_row, value_col));
            let (r0, c0) = self.grid.region(value_row, value_col).map_or((value_row, value_col), |r| r.start);
            let value = match text::cell_text(self.grid.raw(r0, c0)) {
                CellText::Text(value) => value,
                CellText::Empty => continue,
                // Reported with the sheet's findings.
                CellText::Unusable(_) if self.grid.is_unevaluated(r0, c0) => continue,
                CellText::Unusable(Unusable::Date(date)) => {
                    // Excel turns `2024/07` typed in a cell into a date: say what to write instead.
                    let example = match key {
                        TitleKey::CsvVersion => format!(", {}", date.get(..7).unwrap_or_default().replace('-', "")),
                        _ => String::new(),
                    };
                    self.diagnostics.error(
                        self.sheet.at(r0, c0),
                        format!("{} is a date cell ({date}); write it as text{example}", key.spec_name()),
                    );
                    continue;
                }
                CellText::Unusable(why) => {
                    self.diagnostics.error(self.sheet.at(r0, c0), format!("the cell {}", why.describe()));
                    continue;
                }
            };
            let at = self.sheet.at(value_row, value_col);
            self.title_entry(key, value, at);
        }
        Some(last_row - row + 1)
    }

    /// Records what one title key says.
    fn title_entry(&mut self, key: TitleKey, value: String, at: Location) {
        fn file(pending: &mut Pending) -> &mut FileFacts {
            pending.file.get_or_insert_with(FileFacts::default)
        }
        match key {
            TitleKey::InterfaceId | TitleKey::FileId => {
                let value = text::interface_id(&value);
                self.pending.ids.push(IdClaim { source: IdSource::TitleBlock, id: Located { value, at } });
                if key == TitleKey::FileId {
                    file(&mut self.pending);
                }
            }
            TitleKey::InterfaceName | TitleKey::FileTitle => {
                let value = text::one_line(&value);
                // A title block's name is trusted over a title cell's.
                self.pending.name = Some(Located { value, at });
            }
            TitleKey::Direction => match self.vocab.direction(&text::heading_key(&value)) {
                Some(value) => self.pending.direction = Some(Located { value, at }),
                None => self.diagnostics.error(
                    at,
                    format!(
                        "送受信種別 {value:?} is neither リクエスト nor レスポンス ({})",
                        self.vocab.hint("direction", "means", &["リクエスト", "レスポンス"], &value)
                    ),
                ),
            },
            TitleKey::Format => match self.vocab.wire_format(&text::heading_key(&value)) {
                Some(format) => {
                    self.pending.format = Some(Located { value: format, at });
                    if format == WireFormat::Csv {
                        file(&mut self.pending).format_text = Some(value);
                    }
                }
                None => self.diagnostics.error(
                    at,
                    format!(
                        "形式 {value:?} is neither JSON nor CSV ({})",
                        self.vocab.hint("wire_format", "means", &["JSON", "CSV"], &value)
                    ),
                ),
            },
            TitleKey::FileNameRule => {
                let rule = text::squeeze(&value);
                match file_name::parse(&rule) {
                    Ok(pattern) => {
                        // The file-name rule starts with the file's ID.
                        let id = Located { value: pattern.prefix.clone(), at: at.clone() };
                        self.pending.ids.push(IdClaim { source: IdSource::FileNameRule, id });
                        file(&mut self.pending).name_pattern = Some(pattern);
                    }
                    Err(why) => self.diagnostics.error(at, format!("ファイル名 {rule:?} cannot be read: {why}")),
                }
                file(&mut self.pending).name_rule = Some(rule);
            }
            TitleKey::Encoding => file(&mut self.pending).encoding = Some(text::one_line(&value)),
            TitleKey::CsvVersion => match csv_version(&value) {
                Some(version) => file(&mut self.pending).version = Some(version),
                None => self.diagnostics.error(at, format!("CSVバージョン {value:?} is not 6 digits (YYYYMM)")),
            },
            TitleKey::CreationUnit => file(&mut self.pending).creation_unit = Some(text::multiline(&value)),
        }
    }

    /// The cell holding the value of the title key at (row, col): the first filled cell to its right
    /// (past empty cells: a key printed over two columns may not be merged in the file) unless that
    /// is another key (keys in a row), else the cell below, unless that belongs to a table heading.
    /// A cell holding a date or an error value is filled: what it holds is reported, not skipped.
    fn title_value(&self, row: u32, col: u32) -> Option<(u32, u32)> {
        let is_key = |s: &Self, r: u32, c: u32| {
            s.vocab.title_key(&s.heading_text(r, c)).is_some()
                || matches!(text::cell_text(s.grid.raw(r, c)), CellText::Text(t) if s.vocab.inline_title(&t).is_some())
        };
        let is_value = |s: &Self, r: u32, c: u32| s.shows(r, c) && !is_key(s, r, c);
        let from = self.grid.right_edge(row, col) + 1;
        let right = self.grid.cols().filter(|&c| c >= from).find(|&c| self.shows(row, c));
        let (r, c) = match right {
            Some(c) if is_value(self, row, c) => (row, c),
            _ => {
                let below = self.grid.bottom_edge(row, col) + 1;
                if below >= self.grid.row_end()
                    || !is_value(self, below, col)
                    || self.is_heading(&self.heading_keys(below))
                {
                    return None;
                }
                (below, col)
            }
        };
        Some((r, c))
    }

    /// Reads an item row of the table, or a row in it that is no item (a grouping caption, a note).
    fn item(&mut self, row: u32) {
        let columns = self.table.as_ref().expect("called with a table");
        // A row struck through (見え消し: its 項目名, or its 項番 when it has no name) is deleted: not
        // an item, nor a caption for the next one, and nothing in it is reported.
        let named =
            columns.col(Role::Name).filter(|&c| matches!(text::cell_text(self.grid.down(row, c)), CellText::Text(_)));
        if named.or(columns.col(Role::No)).is_some_and(|col| self.grid.is_struck(row, col)) {
            if let Some((col, what)) = self.row_summary(row) {
                let at = self.sheet.at(row, col);
                self.diagnostics.note(at, format!("the row is struck through (見え消し), so {what} is not read"));
            }
            return;
        }
        let roles: Vec<(Role, u32)> = columns.roles.iter().map(|(r, c)| (*r, *c)).collect();
        let levels = columns.levels.clone();
        let mut cells: BTreeMap<Role, (u32, String)> = BTreeMap::new();
        // Cells holding an error value or a date: each is reported once, where it is read, and the
        // findings that would follow from its emptiness (no 項目名, 最小 empty...) are not made.
        let mut unusable: Vec<Role> = Vec::new();
        let grid = self.grid;
        for (role, col) in roles {
            match self.cell(grid.down(row, col), row, col, Some(role.spec_name())) {
                Ok(Some(text)) => {
                    cells.insert(role, (col, text));
                }
                Ok(None) => {}
                Err(()) => unusable.push(role),
            }
        }
        let mut level_cells: Vec<(u32, Option<String>)> = Vec::new();
        for col in levels {
            let text = self.cell(grid.down(row, col), row, col, Some(Role::Level.spec_name())).unwrap_or_else(|()| {
                unusable.push(Role::Level);
                None
            });
            level_cells.push((col, text));
        }
        let vocab = self.vocab;
        let filled = |role: &Role| cells.get(role).is_some_and(|(_, t)| !vocab.is_none(t));
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
                return;
            }
            // A caption, a grouping row (LIFE: 「実連携項目ではない」) or a note under the table:
            // documentation for the next item, not an item.
            let shown: Vec<String> = [Role::Name, Role::Description, Role::Remarks]
                .iter()
                .filter_map(|role| cells.get(role).filter(|(_, t)| !vocab.is_none(t)))
                .map(|(_, t)| text::multiline(t))
                .collect();
            if !shown.is_empty() {
                self.pending.groups.push(shown.join(": "));
            }
            return;
        };
        // 項番 is a number, or an outline number (`2.1`) giving the item's place when the table has
        // no 階層レベル columns.
        let (no, outline) = match (text::parse_number(&no_text), text::outline_number(&no_text)) {
            (Some(no), _) => (format!("{no:02}"), None),
            (None, Some(path)) => (path.iter().map(u32::to_string).collect::<Vec<_>>().join("."), Some(path)),
            (None, None) => {
                let typed = [Role::Key, Role::DataType, Role::Length, Role::Min];
                if typed.iter().any(filled) {
                    self.diagnostics.error(self.sheet.at(row, no_col), format!("項番 {no_text:?} is not a number"));
                }
                return;
            }
        };
        // Every column but the row's place (項番, 階層レベル) says something of the item.
        let content = Role::ALL.iter().filter(|r| !matches!(r, Role::No | Role::Level | Role::Occurs));
        if !content.into_iter().any(filled) {
            // Numbered but otherwise blank: a template's unused row, not an item.
            return;
        }
        let origin = self.sheet.at(row, no_col);
        let mut item = Item {
            no,
            level: Vec::new(),
            name: String::new(),
            key: None,
            format: None,
            occurs: Occurs::REQUIRED,
            data_type: None,
            data_type_text: None,
            length: None,
            length_kind: None,
            remarks: None,
            notation: None,
            description: None,
            groups: std::mem::take(&mut self.pending.groups),
            decimals: None,
            quoted: false,
            requirement: None,
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
            Some((_, name)) if !vocab.is_none(name) => item.name = text::one_line(name),
            _ if unusable.contains(&Role::Name) => {}
            _ => {
                let col = self.table.as_ref().and_then(|t| t.col(Role::Name)).unwrap_or(no_col);
                self.diagnostics.error(at(col), format!("item {} has no 項目名", item.no));
            }
        }
        let mut reported = unusable.contains(&Role::Key);
        if let Some((col, key)) = cells.get(&Role::Key).filter(|(_, k)| !vocab.is_none(k)) {
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
        let get = |role| cells.get(&role).filter(|(_, t)| !vocab.is_none(t)).cloned();
        item.format = get(Role::Format).map(|(_, f)| text::multiline(&f));
        item.remarks = get(Role::Remarks).map(|(_, r)| text::multiline(&r));
        item.description = get(Role::Description).map(|(_, d)| text::multiline(&d));
        let notation = get(Role::Notation).map(|(_, n)| text::multiline(&n));
        if let Some((col, mark)) = get(Role::Needed) {
            item.needed = self.need(&mark, at(col)) == Some(Need::Always);
        }
        let need = get(Role::Required).and_then(|(col, mark)| self.need(&mark, at(col)).map(|n| (n, mark)));
        item.occurs = self.occurs(&cells, &unusable, need.as_ref().map(|(n, _)| *n), row);
        if let Some((need @ (Need::Final | Need::FinalWhen), mark)) = need {
            item.requirement =
                Some(Requirement { mark: text::trim(&mark).to_owned(), mode: Mode::Final, condition: None });
            if need == Need::FinalWhen {
                let stated = item.description.clone().or_else(|| item.remarks.clone()).unwrap_or_default();
                item.requirement.as_mut().expect("just set").condition = Some(Condition::Prose(stated));
            }
        }
        if let Some((col, word)) = get(Role::DataType) {
            match vocab.data_type(&text::heading_key(&word)) {
                Some(meaning) => {
                    item.data_type = Some(meaning.data_type);
                    item.quoted = meaning.quoted;
                    let written = text::squeeze(&text::nfkc(&word));
                    if written != meaning.data_type.spec_name() {
                        item.data_type_text = Some(written);
                    }
                }
                None => {
                    let word = text::squeeze(&text::nfkc(&word));
                    let known: Vec<&str> = DataType::ALL.iter().map(|d| d.spec_name()).collect();
                    let hint = vocab.hint("data_type", "means", &known, &word);
                    self.diagnostics.error(at(col), format!("データ型 {word:?} is unknown ({hint})"));
                }
            }
        }
        let fixed = match get(Role::LengthKind) {
            Some((col, word)) => {
                let word = text::squeeze(&word);
                item.length_kind = Some(word.clone());
                let fixed = vocab.length_kind(&text::heading_key(&word));
                if fixed.is_none() {
                    self.diagnostics.error(
                        at(col),
                        format!(
                            "可変長/固定長 {word:?} is neither 固定長 nor 可変長 ({})",
                            vocab.hint("length_kind", "means", &["固定長", "可変長"], &word)
                        ),
                    );
                }
                fixed
            }
            None => None,
        };
        if let Some((col, digits)) = get(Role::Length) {
            match text::parse_length(&digits) {
                Some(0) => self.diagnostics.error(at(col), "桁数 is 0"),
                Some(digits) => item.length = Some(Length { digits, fixed: fixed.unwrap_or(false) }),
                // `10,2` reads two ways (10 integer digits and 2 decimals, as LIFE's two columns; or
                // precision 10 with scale 2, as a database's NUMBER(10,2)): not guessed at.
                None => self.diagnostics.error(at(col), format!("桁数 {digits:?} is not a number")),
            }
        }
        if let Some((col, decimals)) = get(Role::Decimals) {
            match text::parse_number(&decimals) {
                Some(0) => {}
                Some(decimals) if item.data_type == Some(DataType::Decimal) => item.decimals = Some(decimals),
                Some(_) => self.diagnostics.warning(
                    at(col),
                    format!("小数点以下の桁数 of {} {} is ignored: the item is not 数値", item.no, item.name),
                ),
                None => self.diagnostics.error(at(col), format!("小数点以下の桁数 {decimals:?} is not a number")),
            }
        }
        item.rules = rules::from_text(item.format.as_deref(), item.remarks.as_deref());
        item.notation = notation;
        notation::apply_stated(&mut item);
        if let Some((col, range)) = get(Role::Range) {
            match rules::range(&range) {
                Some(range) => item.rules.range = Some(range),
                None => self.diagnostics.note(
                    at(col),
                    format!(
                        "範囲 {range:?} of {} {} is not a numeric range (A～B); kept as documentation",
                        item.no, item.name
                    ),
                ),
            }
        }
        if let Some((col, cell)) = get(Role::Codes) {
            if let Some(codes) = rules::code_lines(&cell) {
                item.rules.codes = codes;
            } else if let Some(sheet) = rules::code_reference(&cell) {
                self.pending.code_refs.push(CodeRef { item: origin.clone(), sheet, at: at(col) });
            } else {
                self.diagnostics.note(
                    at(col),
                    format!(
                        "コード値 of {} {} is neither one `code：label` a line nor ※<code sheet>参照; kept as documentation",
                        item.no, item.name
                    ),
                );
            }
        }
        item.secret = item.name.contains("トークン")
            || item.key.as_deref().is_some_and(|k| k.eq_ignore_ascii_case("Authorization"));
        let section = self.section_for_item(row);
        let Some(shown) = self.level_path(&level_cells, outline, row, &item, section) else {
            return;
        };
        let ordinal = shown.last().copied().flatten().unwrap_or(1);
        let section = &mut self.pending.sections[section];
        if shown.len() == 1 {
            section.top_level += 1;
        }
        section.rows.push(Row { item, ordinal, shown });
    }

    /// What a 必須 (or 必要) mark means: the sheet's legend first, then the vocabulary. An unknown mark
    /// is reported, naming the entry that would accept it.
    fn need(&mut self, mark: &str, at: Location) -> Option<Need> {
        let key = text::mark_key(mark);
        if let Some((need, _)) = self.legend.get(&key) {
            return Some(*need);
        }
        if let Some(need) = self.vocab.mark(&key) {
            return Some(need);
        }
        let legend =
            if self.legend.is_empty() { String::new() } else { "; the sheet's legend does not list it".to_owned() };
        let hint = self.vocab.hint("required_mark", "means", &["必須", "任意"], text::trim(mark));
        self.diagnostics.error(at, format!("必須 mark {:?} is unknown{legend} ({hint})", text::trim(mark)));
        None
    }

    fn occurs(
        &mut self,
        cells: &BTreeMap<Role, (u32, String)>,
        unusable: &[Role],
        need: Option<Need>,
        row: u32,
    ) -> Occurs {
        if let Some(occurs_col) = self.table.as_ref().and_then(|t| t.col(Role::Occurs)) {
            let at = self.sheet.at(row, occurs_col);
            let occurs = match cells.get(&Role::Occurs) {
                Some((_, text)) => occurs_range(text, self.vocab),
                None if unusable.contains(&Role::Occurs) => return Occurs::REQUIRED,
                None => Err("出現回数 is empty".to_owned()),
            };
            return match occurs {
                Ok(occurs) => {
                    self.check_occurs(occurs, at);
                    occurs
                }
                Err(why) => {
                    self.diagnostics.error(at, why);
                    Occurs::REQUIRED
                }
            };
        }
        let min = cells.get(&Role::Min);
        let max = cells.get(&Role::Max);
        if min.is_none() && max.is_none() {
            if cells.contains_key(&Role::Required) {
                // Unknown marks were reported; the item is read as optional.
                return Occurs { min: u32::from(need == Some(Need::Always)), max: Some(1) };
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
            Some((_, text)) if self.vocab.is_unbounded(&text::heading_key(text)) => occurs.max = None,
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
        let col = self.table.as_ref().and_then(|t| t.col(Role::Max)).unwrap_or(0);
        self.check_occurs(occurs, self.sheet.at(row, col));
        occurs
    }

    /// Reports bounds no item can have (`at`: the 最大 cell).
    fn check_occurs(&mut self, occurs: Occurs, at: Location) {
        if let Some(max) = occurs.max {
            if max == 0 {
                self.diagnostics.error(at, "出現回数 最大 is 0");
            } else if occurs.min > max {
                self.diagnostics.error(at, format!("出現回数 最小 {} is above 最大 {max}", occurs.min));
            }
        }
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
    /// Without level columns, an outline 項番 (`2.1`) is the path, and any other row is the next at
    /// level 1.
    fn level_path(
        &mut self,
        cells: &[(u32, Option<String>)],
        outline: Option<Vec<u32>>,
        row: u32,
        item: &Item,
        section: usize,
    ) -> Option<Vec<Option<u32>>> {
        if cells.is_empty() {
            if let Some(path) = outline {
                return Some(path.into_iter().map(Some).collect());
            }
            let next = self.pending.sections[section].top_level + 1;
            return Some(vec![Some(next)]);
        }
        let mut shown = Vec::new();
        for (col, text) in cells {
            let value = match text {
                Some(text) if !self.vocab.is_none(text) => match text::parse_number(text) {
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
            let title = pending.ids.iter().find(|c| c.source == IdSource::TitleBlock);
            match (pending.origin, title) {
                (Some(origin), _) => self.diagnostics.warning(origin, "a layout table with no items"),
                // A title block names a layout, but its table was not found: most likely a heading
                // this reader does not know. Without this, the layout would be missing from the output.
                (None, Some(id)) => {
                    let title = match &pending.direction {
                        Some(direction) => format!("{} {}", id.id.value, direction.value),
                        None if pending.file_keys => format!("{} {}", id.id.value, Direction::File),
                        None => id.id.value.clone(),
                    };
                    self.diagnostics.error(
                        id.id.at.clone(),
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
        for mut section in pending.sections {
            if section.rows.is_empty() {
                continue;
            }
            if outline::written_as_depths(&section.rows) {
                outline::depths_to_positions(&mut section.rows);
                self.diagnostics.note(
                    section.origin.clone(),
                    "階層レベル holds each item's depth (1, 2 under a リスト, 3 under that), not its number among its siblings: read as depths",
                );
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
        for section in &mut sections {
            resolve_conditions(&mut section.items, self.diagnostics);
        }
        let mut file = pending.file;
        if pending.has_keys
            && pending.format.as_ref().map(|f| f.value).or(pending.implied_format) == Some(WireFormat::Csv)
        {
            file.get_or_insert_with(FileFacts::default).dialect = CsvDialect::Named;
        }
        self.findings.layouts.push(RawLayout {
            ids: pending.ids,
            name: pending.name,
            direction: pending.direction,
            format: pending.format,
            implied_format: pending.implied_format,
            file_keys: pending.file_keys,
            version_key: pending.title_keys.contains(&TitleKey::CsvVersion),
            sections,
            origin: pending.origin.unwrap_or_else(|| self.sheet.clone()),
            has_keys: pending.has_keys,
            key_cells: pending.key_cells,
            file,
            code_refs: pending.code_refs,
        });
    }

    /// A caption row naming a section (`　リクエストヘッダ`): its only text is a section word.
    fn section_label(&self, keys: &[String]) -> Option<SectionKind> {
        let mut texts = keys.iter().filter(|t| !t.is_empty());
        let first = texts.next()?;
        if texts.any(|t| t != first) {
            return None;
        }
        self.vocab.section(first)
    }
}

/// The conditions of ● items, read from their 説明 in the regular form, with each clause's item found
/// among the section's items by 項目名. A condition that does not follow the form, or names no item
/// of the layout, stays documentation (a note says why for the second).
fn resolve_conditions(items: &mut [Item], diagnostics: &mut Diagnostics) {
    let names: Vec<(String, Option<String>)> =
        items.iter().flat_map(Item::walk).map(|i| (text::heading_key(&i.name), i.key.clone())).collect();
    for item in items {
        resolve_item(item, &names, diagnostics);
    }
}

fn resolve_item(item: &mut Item, names: &[(String, Option<String>)], diagnostics: &mut Diagnostics) {
    for child in &mut item.children {
        resolve_item(child, names, diagnostics);
    }
    let Some(requirement) = &mut item.requirement else { return };
    let Some(Condition::Prose(stated)) = &requirement.condition else { return };
    let Some(written) = rules::condition(stated) else { return };
    let mut clauses = Vec::new();
    for clause in written {
        let key =
            names.iter().find(|(name, _)| *name == text::heading_key(&clause.name)).and_then(|(_, key)| key.clone());
        let Some(key) = key else {
            diagnostics.note(
                item.origin.clone(),
                format!(
                    "the condition of {} {} names 「{}」, which is no item of this layout (with a 項目); kept as documentation",
                    item.no, item.name, clause.name
                ),
            );
            return;
        };
        clauses.push(crate::model::Clause { key, name: clause.name, values: clause.values });
    }
    requirement.condition = Some(Condition::Clauses(clauses));
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

/// `利用者情報　【SERVICE_USER_INFO】` → the name before the brackets and the ID in them, when the ID is
/// an identifier (`[ID]` in half- or full-width brackets too).
fn bracketed_id(cell: &str) -> Option<(String, String)> {
    let normalized = crate::nfkc::nfkc(cell.trim()).into_owned();
    let normalized = normalized.trim_end();
    // NFKC has made ［］ and （） half-width. Parentheses also hold words that are no ID (`（LIFE）`,
    // `（CSV）`): in them an ID is taken only when it has the `_` or `-` of a physical name.
    const BRACKETS: [(char, char, bool); 5] =
        [('【', '】', false), ('[', ']', false), ('〔', '〕', false), ('〖', '〗', false), ('(', ')', true)];
    let (open, close, loose) = BRACKETS.into_iter().find(|(_, close, _)| normalized.ends_with(*close))?;
    let start = normalized.rfind(open)?;
    let id = text::interface_id(&normalized[start + open.len_utf8()..normalized.len() - close.len_utf8()]);
    if !is_identifier(&id) || (loose && !id.contains(['_', '-'])) {
        return None;
    }
    let name = text::trim(&normalized[..start]).to_owned();
    Some((name, id))
}

/// A 出現回数 written in one cell: `1` (exactly once), `0..1`, `1..n`, `0～99`, `1-*`, or a lone `*`
/// (any number, UML's `0..*`). Anything else is an `Err` saying what to write; a lone `n` among them,
/// as it reads both as 0..n and 1..n.
fn occurs_range(cell: &str, vocab: &Vocabulary) -> Result<Occurs, String> {
    let written = text::squeeze(&crate::nfkc::nfkc(cell));
    if let Some(n) = text::parse_number(&written) {
        return Ok(Occurs { min: n, max: Some(n) });
    }
    if written == "*" {
        return Ok(Occurs { min: 0, max: None });
    }
    let what =
        || format!("出現回数 {:?} is not <最小>..<最大> (0..1, 1..n, 0..99, or 1 for exactly once)", text::trim(cell));
    if vocab.is_unbounded(&text::heading_key(&written)) {
        return Err(format!("{}: it has no 最小; write 0..{written} or 1..{written}", what()));
    }
    let (min, max) =
        ["..", "…", "~", "〜", "-"].iter().find_map(|separator| written.split_once(separator)).ok_or_else(what)?;
    let min = text::parse_number(min).ok_or_else(what)?;
    let max = match text::parse_number(max) {
        Some(max) => Some(max),
        None if vocab.is_unbounded(&text::heading_key(max)) => None,
        None => return Err(what()),
    };
    Ok(Occurs { min, max })
}

/// Whether a text is an interface identifier: ASCII letters, digits, `_` and `-`, starting with a
/// letter (`SERVICE_USER_INFO`, `FORM_0000_2021`, `IF-I6-01-04-02`, `UPPLAN`). Excel's default sheet
/// names (`Sheet1`) are not.
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    let starts = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest = text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'));
    let lower = text.to_ascii_lowercase();
    let default_name = lower.strip_prefix("sheet").is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
    starts && rest && !default_name
}

/// The pairs of a 必須 legend: `◎：常に必須、○：確定取込時必須（※）` → `[("◎", "常に必須"), ("○", "確定取込時必須")]`,
/// each phrase in heading form without its （※） notes. Empty when the text is no legend: every part
/// must be a short mark, a colon and a phrase about 必須.
fn legend_pairs(cell: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for part in cell.split(['、', ',', '，', '\n', '\u{3000}']).map(str::trim).filter(|p| !p.is_empty()) {
        let Some((mark, phrase)) = part.split_once(['：', ':']) else { return Vec::new() };
        let mark = mark.trim();
        let phrase: String = phrase.replace("（※）", "").replace("(※)", "").replace('※', "");
        let phrase = text::heading_key(phrase.trim_end_matches(['。', '.']));
        // 〇 (U+3007) is a numeral to Unicode: the mark is judged as compared, with its circles folded.
        let folded = text::mark_key(mark);
        let short = !folded.is_empty() && folded.chars().count() <= 2 && !folded.chars().any(char::is_alphanumeric);
        if !short || !phrase.contains("必須") {
            return Vec::new();
        }
        pairs.push((mark.to_owned(), phrase));
    }
    pairs
}

/// A CSVバージョン as written (`202407`, `２０２４０７`), if it is six digits.
pub fn csv_version(value: &str) -> Option<String> {
    let version = text::squeeze(&text::nfkc(value));
    (version.len() == 6 && version.bytes().all(|b| b.is_ascii_digit())).then_some(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_cells_give_name_and_id() {
        assert_eq!(
            bracketed_id("利用者情報　【SERVICE_USER_INFO】"),
            Some(("利用者情報".to_owned(), "SERVICE_USER_INFO".to_owned()))
        );
        assert_eq!(
            bracketed_id("栄養・摂食嚥下情報 [FORM_0100_2021] "),
            Some(("栄養・摂食嚥下情報".to_owned(), "FORM_0100_2021".to_owned()))
        );
        for cell in [
            "利用者情報（SERVICE_USER_INFO）",
            "利用者情報(SERVICE_USER_INFO)",
            "利用者情報〔SERVICE_USER_INFO〕",
            "利用者情報［SERVICE_USER_INFO］",
        ] {
            assert_eq!(bracketed_id(cell), Some(("利用者情報".to_owned(), "SERVICE_USER_INFO".to_owned())), "{cell}");
        }
        assert_eq!(bracketed_id("利用者情報（LIFE）"), None);
        assert_eq!(bracketed_id("【重要】"), None);
        assert_eq!(bracketed_id("利用者情報"), None);
    }

    #[test]
    fn identifiers() {
        for id in ["SERVICE_USER_INFO", "FORM_0000_2021", "IF-I6-01-04-02", "UPPLAN"] {
            assert!(is_identifier(id), "{id}");
        }
        for id in ["Sheet1", "sheet", "API一覧", "1ABC", "", "外部インタフェース一覧"] {
            assert!(!is_identifier(id), "{id}");
        }
    }

    #[test]
    fn legends() {
        let pairs = legend_pairs("◎：常に必須、○：確定取込時必須（※）、●：確定取込時かつその他条件に応じて必須（※）");
        let marks: Vec<&str> = pairs.iter().map(|(m, _)| m.as_str()).collect();
        assert_eq!(marks, ["◎", "○", "●"]);
        assert_eq!(pairs[1].1, "確定取込時必須");
        assert!(legend_pairs("※確定取込時の必須条件は説明欄を参照").is_empty());
        assert!(legend_pairs("1：男性、2：女性").is_empty());
        assert!(legend_pairs("外部インターフェース一覧へ").is_empty());
        // 〇 (U+3007) is a numeral to Unicode; the legend is still a legend.
        let marks: Vec<String> =
            legend_pairs("◎：常に必須、〇：確定取込時必須（※）").into_iter().map(|(m, _)| m).collect();
        assert_eq!(marks, ["◎", "〇"]);
    }
}
