//! Step 1 of the pipeline: workbooks in, [`Spec`] and diagnostics out.
//!
//! Each sheet is scanned for layouts by their headings ([`sheet`]), with the words of the
//! [`Vocabulary`] (built in, plus a `vocabulary.toml` beside the workbooks). The layouts are then
//! placed in their interfaces, identified, in this order, by the title block (外部IF_ID, ファイルID),
//! the ID in brackets in the sheet's title cell (`利用者情報　【SERVICE_USER_INFO】`), the first segment
//! of the file-name rule (`UPPLAN_…`), the sheet name (`FORM_0000_2021`, `IF-I6-01-04-02_レスポンス`),
//! or the interface list (API一覧, 外部インタフェース一覧); sources that disagree are reported. Problems
//! never stop the reading: each becomes a [`Diagnostic`](crate::diag::Diagnostic) naming the workbook,
//! sheet and cell, and generation refuses to run while any is an error.
//!
//! A workbook is read as Excel shows it: hidden sheets, hidden rows and rows struck through (見え消し)
//! are not read (each is a note, a hidden layout a warning), and a formula without a stored result is
//! an error at its cell rather than an empty cell. calamine reads the values; what it does not report
//! is read from the file's parts (`view`).

mod grid;
pub mod headings;
mod sheet;
pub mod text;
mod view;
pub mod vocabulary;

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};

use calamine::{Data, Dimensions, Ods, Reader, SheetVisible, Sheets, Xls, XlsError, Xlsb, XlsbError, Xlsx, XlsxError};

use crate::diag::{Diagnostics, Location};
use crate::model::{
    CsvDialect, Direction, FileFacts, Interface, Item, Layout, Repertoire, Section, Source, Spec, WireFormat, notation,
};
use sheet::{CatalogEntry, CodeSheet, IdClaim, IdSource, KeyCell, Located, RawLayout};
use view::View;
pub use vocabulary::Vocabulary;

/// File extensions read as workbooks when a folder is given.
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Sheets whose rows in use times columns in use exceed this are refused rather than scanned.
const MAX_SHEET_CELLS: u64 = 20_000_000;

/// Formulas without a stored result are named one by one up to this many a sheet; one finding
/// counts the rest.
const MAX_UNEVALUATED_NAMED: usize = 20;

/// The result of reading: the spec (as complete as the workbooks allow) and every finding.
#[derive(Debug, Default)]
pub struct Read {
    /// What was read.
    pub spec: Spec,
    /// What is wrong or worth knowing, in reading order.
    pub diagnostics: Diagnostics,
}

/// The workbooks a path names: the file itself, or the workbooks directly inside a folder, by name.
pub fn workbook_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        // Excel leaves `~$name.xlsx` lock files beside open workbooks.
        let hidden = name.starts_with("~$") || name.starts_with('.');
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
        if path.is_file() && !hidden && WORKBOOK_EXTENSIONS.contains(&ext.as_str()) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads the workbooks (files or folders) into one spec, with the built-in vocabulary and the
/// `vocabulary.toml` of each folder given (a source of the spec, like the workbooks).
pub fn read_paths(paths: &[PathBuf]) -> Read {
    let mut diagnostics = Diagnostics::default();
    let (vocabulary, vocabulary_sources) = Vocabulary::load(paths, &mut diagnostics);
    let mut read = read_with(paths, &vocabulary);
    diagnostics.extend(std::mem::take(&mut read.diagnostics));
    read.diagnostics = diagnostics;
    read.spec.sources.extend(vocabulary_sources);
    read
}

/// Reads the workbooks (files or folders) into one spec with the words of `vocabulary`.
pub fn read_with(paths: &[PathBuf], vocabulary: &Vocabulary) -> Read {
    let mut diagnostics = Diagnostics::default();
    let mut sources = Vec::new();
    let mut raw = Vec::new();
    let mut catalog = Vec::new();
    for path in paths {
        let files = match workbook_files(path) {
            Ok(files) => files,
            Err(error) => {
                diagnostics.error(Location::file(path.display().to_string()), format!("cannot list: {error}"));
                continue;
            }
        };
        if files.is_empty() {
            diagnostics.error(Location::file(path.display().to_string()), "no workbook here");
        }
        for file in files {
            if let Some(found) = read_workbook(&file, vocabulary, &mut diagnostics) {
                sources.push(found.source);
                raw.extend(found.layouts);
                catalog.extend(found.catalog);
            }
        }
    }
    let interfaces = assemble(raw, &catalog, vocabulary, &mut diagnostics);
    Read { spec: Spec { sources, interfaces }, diagnostics }
}

/// Where a path that cannot be read was looked for: a relative path is taken from the current folder,
/// which a build script does not choose (cargo runs it in the crate's folder).
fn looked_in(path: &Path) -> String {
    if path.exists() {
        return String::new();
    }
    match std::env::current_dir() {
        Ok(dir) if path.is_relative() => format!(
            " (looked for {}: a relative path is taken from the current folder, {}; in a build script, the \
             crate's folder)",
            dir.join(path).display(),
            dir.display()
        ),
        _ => " (no such file or folder)".to_owned(),
    }
}

/// What one workbook holds.
struct Found {
    source: Source,
    layouts: Vec<RawLayout>,
    catalog: Vec<CatalogEntry>,
}

fn read_workbook(path: &Path, vocabulary: &Vocabulary, diagnostics: &mut Diagnostics) -> Option<Found> {
    let display = path.display().to_string();
    let at = Location::file(&display);
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            diagnostics.error(at, format!("cannot read: {error}{}", looked_in(path)));
            return None;
        }
    };
    if bytes.is_empty() {
        diagnostics.error(at, "the file is empty (0 bytes)");
        return None;
    }
    let source = Source {
        name: path.file_name().map_or_else(|| display.clone(), |n| n.to_string_lossy().into_owned()),
        sha256: sha256_hex(&bytes),
    };
    // calamine reads the sheets on one thread while this one scans each as it arrives: the two take
    // about as long. What a scan finds waits until the whole workbook is read, as a workbook that
    // cannot be read is one finding, whatever its first sheets held.
    let reading = |sender: Sender<LoadedSheet>| {
        let bytes = &bytes;
        // calamine is trusted to return errors, but a workbook comes from outside: should it ever
        // panic on one, that becomes a diagnostic instead of taking the generator down.
        move || catch_unwind(AssertUnwindSafe(|| load_sheets(path, bytes, &sender)))
    };
    let scan_all = |sheets: Receiver<LoadedSheet>| -> Vec<Scanned> {
        sheets.iter().map(|s| scan(&display, s, vocabulary)).collect()
    };
    let (read, scanned) = std::thread::scope(|scope| {
        let (sender, sheets) = mpsc::channel();
        match std::thread::Builder::new().spawn_scoped(scope, reading(sender)) {
            Ok(reader) => {
                let scanned = scan_all(sheets);
                (reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), scanned)
            }
            // No thread to be had: the sheets are read, then scanned, here.
            Err(_) => {
                let (sender, sheets) = mpsc::channel();
                let read = reading(sender)();
                (read, scan_all(sheets))
            }
        }
    });
    match read {
        Ok(Ok(())) => {}
        Ok(Err(message)) => {
            diagnostics.error(at, message);
            return None;
        }
        Err(_) => {
            diagnostics.error(at, "the workbook could not be read (the spreadsheet reader failed on it)");
            return None;
        }
    }
    let mut found = Found { source, layouts: Vec::new(), catalog: Vec::new() };
    let workbook_start = diagnostics.len();
    let mut code_sheets = Vec::new();
    for sheet in scanned {
        diagnostics.extend(sheet.diagnostics);
        found.layouts.extend(sheet.layouts);
        found.catalog.extend(sheet.catalog);
        code_sheets.extend(sheet.code_sheets);
    }
    // A コード値 cell may name a code sheet anywhere in the workbook.
    for layout in &mut found.layouts {
        resolve_code_refs(layout, &code_sheets, diagnostics);
    }
    if found.layouts.is_empty() && found.catalog.is_empty() && diagnostics.len() == workbook_start {
        // Most likely a workbook of another kind, or one whose headings this reader does not know
        // (unless a finding on one of its sheets already says why nothing was read).
        diagnostics.warning(at, "no layout table (a heading row with 項番 and 項目名) and no interface list was found");
    }
    Some(found)
}

/// What one sheet holds, and the findings made on it.
#[derive(Default)]
struct Scanned {
    layouts: Vec<RawLayout>,
    catalog: Vec<CatalogEntry>,
    code_sheets: Vec<CodeSheet>,
    diagnostics: Diagnostics,
}

/// Gives the items whose コード値 names a code sheet (`※ICFコード参照`) the codes of that sheet.
fn resolve_code_refs(layout: &mut RawLayout, code_sheets: &[CodeSheet], diagnostics: &mut Diagnostics) {
    for reference in std::mem::take(&mut layout.code_refs) {
        let wanted = text::code_sheet_key(&reference.sheet);
        let Some(sheet) = code_sheets.iter().find(|s| text::code_sheet_key(&s.name) == wanted) else {
            diagnostics.warning(
                reference.at,
                format!(
                    "コード値 refers to the code sheet {:?}, which this workbook does not have (a sheet of that name with a №/No. column and a column headed {:?}); no code list is checked",
                    reference.sheet, reference.sheet
                ),
            );
            continue;
        };
        if sheet.codes.is_empty() {
            diagnostics.warning(sheet.origin.clone(), "the code sheet has no codes under this heading");
            continue;
        }
        let item =
            layout.sections.iter_mut().flat_map(|s| s.items.iter_mut()).find_map(|i| find_item(i, &reference.item));
        if let Some(item) = item {
            item.rules.codes = sheet.codes.clone();
        }
    }
}

fn find_item<'a>(item: &'a mut Item, origin: &Location) -> Option<&'a mut Item> {
    if item.origin == *origin {
        return Some(item);
    }
    item.children.iter_mut().find_map(|child| find_item(child, origin))
}

fn scan(display: &str, loaded: LoadedSheet, vocabulary: &Vocabulary) -> Scanned {
    let mut scanned = Scanned::default();
    let diagnostics = &mut scanned.diagnostics;
    let sheet_at = Location::sheet(display, loaded.name.trim());
    let (view, view_error) = match loaded.view {
        Ok(view) => (view, None),
        Err(why) => (View::default(), Some(why)),
    };
    let grid = match loaded.cells {
        Ok(cells) => grid::Grid::with_view(cells, loaded.merges, &view),
        Err(message) => {
            diagnostics.error(sheet_at, message);
            return scanned;
        }
    };
    if loaded.hidden {
        hidden_sheet(&grid, &sheet_at, loaded.name.trim(), vocabulary, &mut scanned);
        return scanned;
    }
    if let Some(why) = view_error {
        diagnostics.warning(
            sheet_at.clone(),
            format!(
                "which rows are hidden, which cells are struck through and which formulas have no stored result cannot be read ({why}); the sheet is read as if none were"
            ),
        );
    }
    // A formula without a stored result reads as nothing, while Excel shows its value: each is
    // named (in a row that is read), as reading around it would read something else than the spec.
    let mut unevaluated: Vec<&((u32, u32), String)> =
        view.unevaluated.iter().filter(|((row, _), _)| !grid.is_hidden(*row)).collect();
    unevaluated.sort_by_key(|(pos, _)| *pos);
    for ((row, col), formula) in unevaluated.iter().take(MAX_UNEVALUATED_NAMED) {
        diagnostics.error(
            sheet_at.at(*row, *col),
            format!(
                "the cell holds the formula {formula} with no stored result: open and save the workbook in Excel or LibreOffice"
            ),
        );
    }
    if unevaluated.len() > MAX_UNEVALUATED_NAMED {
        diagnostics.error(
            sheet_at.clone(),
            format!(
                "{} with no stored result: open and save the workbook in Excel or LibreOffice",
                crate::diag::count(
                    unevaluated.len() - MAX_UNEVALUATED_NAMED,
                    "more cell holds a formula",
                    "more cells hold formulas"
                )
            ),
        );
    }
    if grid.area() > MAX_SHEET_CELLS {
        let (rows, cols) = (grid.rows().len(), grid.cols().count());
        // Named by the range in use (`A1:XFD1048576`).
        let (first, end) = (grid.first_cell(), (grid.row_end() - 1, grid.col_end() - 1));
        let range = format!("{}:{}", crate::diag::a1(first.0, first.1), crate::diag::a1(end.0, end.1));
        diagnostics.error(
            Location { cell: Some(range), ..sheet_at },
            format!(
                "the sheet has {rows} rows and {cols} columns in use, {} cells; more than {MAX_SHEET_CELLS} are not read",
                grid.area()
            ),
        );
        return scanned;
    }
    for region in &grid.oversized_merges {
        diagnostics.warning(
            sheet_at.at(region.start.0, region.start.1),
            "a merged region too large to expand; its cells are read as if not merged",
        );
    }
    let before = diagnostics.len();
    let findings = sheet::read(&grid, &sheet_at, loaded.name.trim(), vocabulary, diagnostics);
    if findings.layouts.is_empty() && findings.catalog.is_empty() && diagnostics.len() == before {
        // The sheet's name says it holds a layout, and nothing on it says why none was read.
        if let (Some(id), Some(direction)) = from_sheet_name(&loaded.name, vocabulary) {
            let (row, col) = grid.first_cell();
            diagnostics.warning(
                sheet_at.at(row, col),
                format!(
                    "the sheet name says {id} {direction}, but no layout table (a heading row with 項番, 項目名 and another known column) is on it"
                ),
            );
        }
    }
    scanned.layouts = findings.layouts;
    scanned.catalog = findings.catalog;
    scanned.code_sheets = findings.code_sheets;
    scanned
}

/// A hidden sheet is not read, as Excel does not show it: a note says so, or a warning for each
/// layout table on it (most likely a stale copy, but possibly a layout hidden by mistake). A code
/// list on it (a lookup sheet, often hidden) is still what a visible コード値 cell names.
fn hidden_sheet(grid: &grid::Grid, sheet_at: &Location, name: &str, vocabulary: &Vocabulary, scanned: &mut Scanned) {
    let diagnostics = &mut scanned.diagnostics;
    if grid.area() > MAX_SHEET_CELLS {
        diagnostics.note(sheet_at.clone(), "the sheet is hidden, so it is not read");
        return;
    }
    // What the sheet holds, to say so; its own findings do not matter while it is hidden.
    let findings = sheet::read(grid, sheet_at, name, vocabulary, &mut Diagnostics::default());
    for layout in &findings.layouts {
        let (sheet_id, sheet_direction) = from_sheet_name(name, vocabulary);
        let id = layout.ids.first().map(|c| c.id.value.clone()).or(sheet_id);
        let direction = layout.direction.as_ref().map(|d| d.value).or(sheet_direction);
        let title = match (id, direction) {
            (Some(id), Some(direction)) => format!(" of {id} {direction}"),
            (Some(id), None) => format!(" of {id}"),
            (None, _) => String::new(),
        };
        diagnostics.warning(
            layout.origin.clone(),
            format!(
                "the sheet is hidden, so the layout table{title} on it is not read; unhide the sheet if it is current"
            ),
        );
    }
    if findings.layouts.is_empty() {
        let message = if !findings.catalog.is_empty() {
            "the sheet is hidden, so its interface list is not read"
        } else if !findings.code_sheets.is_empty() {
            "the sheet is hidden; its code list is read all the same, for the コード値 cells that name it"
        } else {
            "the sheet is hidden, so it is not read"
        };
        diagnostics.note(sheet_at.clone(), message);
    }
    scanned.code_sheets = findings.code_sheets;
}

/// The cells of a sheet that hold a value, by absolute (row, column).
type Cells = Vec<((u32, u32), Data)>;

struct LoadedSheet {
    name: String,
    /// Hidden (or very hidden) in the workbook.
    hidden: bool,
    cells: Result<Cells, String>,
    merges: Vec<Dimensions>,
    /// What the sheet shows beyond its values, or why that could not be read.
    view: Result<View, String>,
}

/// A sheet's cells as calamine reads them, and what calamine tells of the rest.
struct SheetCells {
    cells: Cells,
    /// Which styles of the workbook's palette strike their text through (xlsx).
    struck_styles: Vec<bool>,
    /// Formulas without a stored result, where calamine tells them (xls, ods).
    unevaluated: Vec<((u32, u32), String)>,
}

/// What an encrypted workbook is told with, whatever its format.
const ENCRYPTED: &str = "the workbook is encrypted (password-protected); save a copy without a password";

/// Opens a workbook by its extension (or its first bytes) and loads every worksheet with its merges,
/// sending each as it is loaded.
fn load_sheets(path: &Path, bytes: &[u8], sheets: &Sender<LoadedSheet>) -> Result<(), String> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let cursor = Cursor::new(bytes);
    // The diagnostic's location already names the file.
    let open_error = |e: &dyn std::fmt::Display| format!("cannot be opened as a workbook: {e}");
    // An ods's content.xml is read (for what calamine does not report) before calamine opens it,
    // which it cannot do safely when the XML is damaged.
    let looks_like_ods =
        || bytes.get(..128).is_some_and(|head| head.windows(24).any(|w| w == b"opendocument.spreadsheet"));
    let mut ods_views = match ext.as_str() {
        "ods" => Some(view::ods_views(bytes)),
        "xlsx" | "xlsm" | "xlsb" | "xls" => None,
        _ if looks_like_ods() => Some(view::ods_views(bytes)),
        _ => None,
    };
    if let Some(Err(view::OdsError::Damaged(why))) = &ods_views {
        return Err(open_error(&format!("content.xml {why}")));
    }
    let mut workbook: Sheets<Cursor<&[u8]>> = match ext.as_str() {
        // An encrypted xlsx is an OLE compound file holding the encrypted package.
        "xlsx" | "xlsm" | "xlsb" if ole => return Err(ENCRYPTED.into()),
        "xlsx" | "xlsm" => Sheets::Xlsx(Xlsx::new(cursor).map_err(|e| match e {
            XlsxError::Password => ENCRYPTED.to_owned(),
            e => open_error(&e),
        })?),
        "xlsb" => Sheets::Xlsb(Xlsb::new(cursor).map_err(|e| match e {
            XlsbError::Password => ENCRYPTED.to_owned(),
            e => open_error(&e),
        })?),
        "xls" => Sheets::Xls(Xls::new(cursor).map_err(|e| match e {
            XlsError::Password => ENCRYPTED.to_owned(),
            e => open_error(&e),
        })?),
        "ods" => Sheets::Ods(Ods::new(cursor).map_err(|e| match e {
            calamine::OdsError::Password => ENCRYPTED.to_owned(),
            e => open_error(&e),
        })?),
        _ => calamine::open_workbook_auto_from_rs(cursor).map_err(|e| open_error(&e))?,
    };
    let hidden: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    // What calamine does not report (hidden rows, struck-through cells, formulas without a result in
    // xlsx) is read from the file's parts; see `view`.
    let mut parts = match &workbook {
        Sheets::Xlsx(_) => Some(view::XlsxParts::open(bytes)),
        _ => None,
    };
    if !matches!(workbook, Sheets::Ods(_)) {
        ods_views = None;
    }
    for name in workbook.sheet_names() {
        let loaded = sheet_cells(&mut workbook, &name).map_err(|e| format!("the sheet cannot be read: {e}"));
        let merges = match &mut workbook {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            // calamine does not report merged regions for xlsb and ods: their cells read unmerged.
            Sheets::Xlsb(_) | Sheets::Ods(_) => Vec::new(),
        };
        let (cells, view) = match loaded {
            Ok(SheetCells { cells, struck_styles, unevaluated }) => {
                let mut view = match (&mut parts, &mut ods_views) {
                    (Some(Ok(parts)), _) => parts.view(&name, &struck_styles),
                    (_, Some(Ok(views))) => Ok(views.remove(&name).unwrap_or_default()),
                    (Some(Err(why)), _) => Err(why.clone()),
                    (_, Some(Err(view::OdsError::Unreadable(why) | view::OdsError::Damaged(why)))) => Err(why.clone()),
                    (None, None) => Ok(View::default()),
                };
                if let Ok(view) = &mut view {
                    view.unevaluated.extend(unevaluated);
                }
                (Ok(cells), view)
            }
            Err(why) => (Err(why), Ok(View::default())),
        };
        let hidden = hidden.contains(&name);
        if sheets.send(LoadedSheet { name, hidden, cells, merges, view }).is_err() {
            // Nobody is waiting for the sheets any more.
            break;
        }
    }
    Ok(())
}

/// The cells of a sheet that hold a value. xlsx and xlsb sheets are streamed cell by cell, so that a
/// stray cell far from the table (XFD1048576) costs one entry rather than a dense range spanning the
/// sheet; calamine reads xls and ods whole when it opens them.
fn sheet_cells(workbook: &mut Sheets<Cursor<&[u8]>>, name: &str) -> Result<SheetCells, String> {
    let mut cells = Vec::new();
    let mut struck_styles = Vec::new();
    let mut unevaluated = Vec::new();
    match workbook {
        Sheets::Xlsx(xlsx) => {
            let mut reader = match xlsx.worksheet_cells_reader(name) {
                Ok(reader) => reader,
                // A chart sheet or a dialog sheet: no cells, as calamine's own range reading has it.
                Err(XlsxError::NotAWorksheet(_)) => return Ok(SheetCells { cells, struck_styles, unevaluated }),
                Err(e) => return Err(e.to_string()),
            };
            struck_styles = view::struck_styles(reader.styles());
            while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
                if cell.get_value() != &calamine::DataRef::Empty {
                    cells.push((cell.get_position(), Data::from(cell.get_value().clone())));
                }
            }
        }
        Sheets::Xlsb(xlsb) => {
            let mut reader = xlsb.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
            while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
                if cell.get_value() != &calamine::DataRef::Empty {
                    cells.push((cell.get_position(), Data::from(cell.get_value().clone())));
                }
            }
        }
        Sheets::Xls(_) | Sheets::Ods(_) => {
            let range = workbook.worksheet_range(name).map_err(|e| e.to_string())?;
            let (row0, col0) = range.start().unwrap_or((0, 0));
            cells.extend(range.used_cells().map(|(r, c, v)| ((row0 + r as u32, col0 + c as u32), v.clone())));
            // A formula whose cell holds no value has no stored result. The formulas are a
            // nicety: a sheet whose formulas cannot be read is read without them.
            if let Ok(formulas) = workbook.worksheet_formula(name) {
                let (frow0, fcol0) = formulas.start().unwrap_or((0, 0));
                for (r, c, formula) in formulas.used_cells() {
                    let pos = (frow0 + r as u32, fcol0 + c as u32);
                    if !formula.trim().is_empty() && range.get_value(pos).is_none_or(|v| *v == Data::Empty) {
                        unevaluated.push((pos, view::formula_text(formula)));
                    }
                }
            }
        }
    }
    Ok(SheetCells { cells, struck_styles, unevaluated })
}

/// SHA-256 of `bytes` in lower-case hex, as generated code records its sources.
pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::sha256::hex(bytes)
}

/// What a sheet name says of the layout on it: `IF-I6-01-04-02_レスポンス` → the IF ID and the
/// direction; `FORM_0000_2021` (an identifier) → the ID alone.
fn from_sheet_name(sheet: &str, vocabulary: &Vocabulary) -> (Option<String>, Option<Direction>) {
    let sheet = text::trim(sheet);
    if let Some((id, word)) = sheet.rsplit_once(['_', '＿']) {
        let direction = vocabulary.direction(&text::heading_key(word));
        let id = text::interface_id(id);
        if let Some(direction) = direction
            && !id.is_empty()
        {
            return (Some(id), Some(direction));
        }
    }
    let id = text::interface_id(sheet);
    (sheet::is_identifier(&id).then_some(id), None)
}

/// Every source's word on a layout's ID, most trusted first: the layout's own (title block, title
/// cell, file-name rule), then its sheet's name, then the interface list (a row naming the layout's
/// sheet, or its name).
fn id_claims(raw: &RawLayout, sheet_id: Option<String>, catalog: &[CatalogEntry]) -> Vec<IdClaim> {
    let mut claims = raw.ids.clone();
    let sheet = raw.origin.sheet.clone().unwrap_or_default();
    if let Some(id) = sheet_id {
        let at = Location { cell: None, ..raw.origin.clone() };
        claims.push(IdClaim { source: IdSource::SheetName, id: Located { value: id, at } });
    }
    let name = raw.name.as_ref().map(|n| text::heading_key(&n.value));
    for entry in catalog {
        let by_sheet = entry.layout.as_deref().is_some_and(|l| text::trim(l) == text::trim(&sheet));
        let by_name = name.is_some() && entry.name.as_deref().map(text::heading_key) == name;
        if by_sheet || by_name {
            let id = Located { value: entry.id.clone(), at: entry.origin.clone() };
            claims.push(IdClaim { source: IdSource::Catalog, id });
        }
    }
    // Stable: within a source, the order found.
    claims.sort_by_key(|c| c.source);
    claims
}

/// The CSVバージョン of a care-plan file whose title block does not state it: the value the 書式 of its
/// CSVバージョン item fixes (`「202407」を固定でセット`). `Err` with the item when the layout has such an
/// item but nothing states the version.
fn version_from_items(sections: &[Section]) -> Result<Option<String>, &Item> {
    let Some(item) = sections.iter().flat_map(|s| &s.items).find(|i| notation::is_csv_version(&i.name)) else {
        return Ok(None);
    };
    match notation::read(item.notation.as_deref()).fixed.as_deref().and_then(sheet::csv_version) {
        Some(version) => Ok(Some(version)),
        None => Err(item),
    }
}

/// Places layouts in interfaces and checks what only the whole set shows.
fn assemble(
    raw: Vec<RawLayout>,
    catalog: &[CatalogEntry],
    vocabulary: &Vocabulary,
    diagnostics: &mut Diagnostics,
) -> Vec<Interface> {
    let mut interfaces: BTreeMap<String, Interface> = BTreeMap::new();
    // Two versions of a file (CSVバージョン 202407 and a later one) stand side by side.
    let mut seen: HashMap<(String, Direction, Option<String>), Location> = HashMap::new();
    for mut raw in raw {
        let sheet = raw.origin.sheet.clone().unwrap_or_default();
        let (sheet_id, sheet_direction) = from_sheet_name(&sheet, vocabulary);
        let claims = id_claims(&raw, sheet_id, catalog);
        let Some(first) = claims.first() else {
            diagnostics.error(
                raw.origin.clone(),
                "no 外部IF_ID for this layout table: none in a title block above it (外部IF_ID, ファイルID), in brackets in a title cell (名称　【ID】), in a file-name rule (ID_…), in the sheet name (an identifier, or <IF ID>_リクエスト/レスポンス) or in an interface list",
            );
            continue;
        };
        // A sheet copied from another with its title block left unchanged shows up here: one finding
        // per other ID, naming every source that gives it.
        let mut others: Vec<(&str, Vec<IdSource>)> = Vec::new();
        for other in claims[1..].iter().filter(|c| c.id.value != first.id.value && c.source != first.source) {
            match others.iter_mut().find(|(id, _)| *id == other.id.value) {
                Some((_, sources)) if !sources.contains(&other.source) => sources.push(other.source),
                Some(_) => {}
                None => others.push((&other.id.value, vec![other.source])),
            }
        }
        for (other, sources) in others {
            let sources: Vec<&str> = sources.iter().map(|s| s.describe()).collect();
            diagnostics.warning(
                first.id.at.clone(),
                format!(
                    "外部IF_ID {} differs from {other} in {}; {} is followed",
                    first.id.value,
                    sources.join(" and "),
                    first.source.describe()
                ),
            );
        }
        let id = first.id.value.clone();
        let format = match (raw.format.as_ref(), raw.implied_format) {
            (Some(format), _) => format.value,
            (None, Some(implied)) => implied,
            (None, None) if raw.file_keys => WireFormat::Csv,
            (None, None) => {
                let assumed = if raw.has_keys { WireFormat::Json } else { WireFormat::Csv };
                diagnostics.warning(raw.origin.clone(), format!("no 形式 for {id}; {} assumed", assumed.spec_name()));
                assumed
            }
        };
        if let (Some(title), Some(named)) = (&raw.direction, sheet_direction)
            && title.value != named
        {
            diagnostics.warning(
                title.at.clone(),
                format!(
                    "送受信種別 {} differs from {named} in the sheet name; the title block is followed",
                    title.value
                ),
            );
        }
        let direction = match raw.direction.as_ref().map(|l| l.value).or(sheet_direction) {
            Some(direction) => direction,
            // A file's layout is the same whichever side sends it.
            None if raw.file_keys || format == WireFormat::Csv => Direction::File,
            None => {
                diagnostics.error(raw.origin.clone(), format!("no 送受信種別 for layout {id}"));
                continue;
            }
        };
        if format == WireFormat::Csv {
            let file = raw.file.get_or_insert_with(FileFacts::default);
            if raw.has_keys {
                file.dialect = CsvDialect::Named;
            }
            if file.version.is_none() && file.dialect == CsvDialect::Positional && !raw.version_key {
                match version_from_items(&raw.sections) {
                    Ok(version) => file.version = version,
                    Err(item) => diagnostics.error(
                        item.origin.clone(),
                        format!(
                            "the CSVバージョン of {id} is stated nowhere: write it in the title block (a CSVバージョン key with the value beside it, e.g. 202407) or in the 書式 of item {} {} (「202407」を固定でセット)",
                            item.no.trim_start_matches('0'),
                            item.name
                        ),
                    ),
                }
            }
        }
        let version = raw.file.as_ref().and_then(|f| f.version.clone());
        let seen_key = (id.clone(), direction, version.clone());
        if let Some(first) = seen.get(&seen_key) {
            let what = version.map_or_else(String::new, |v| format!(" CSVバージョン {v}"));
            diagnostics
                .error(raw.origin.clone(), format!("a second {id} {direction}{what} layout; the first is at {first}"));
            continue;
        }
        seen.insert(seen_key, raw.origin.clone());
        if format == WireFormat::Json && !raw.has_keys {
            diagnostics.error(raw.origin.clone(), format!("{id} {direction} is JSON but its table has no 項目 column"));
        }
        for section in &raw.sections {
            // A JSON table without a 項目 column is reported once, above, not once per item.
            let keys_due = raw.has_keys && (format == WireFormat::Json || format == WireFormat::Csv);
            check_items(&section.items, keys_due, &raw.key_cells, diagnostics);
        }
        let name = raw
            .name
            .as_ref()
            .map(|l| l.value.clone())
            .or_else(|| catalog.iter().find(|e| e.id == id).and_then(|e| e.name.clone()));
        let interface = interfaces.entry(id.clone()).or_insert_with(|| Interface {
            id: id.clone(),
            name: String::new(),
            layouts: Vec::new(),
        });
        if let Some(name) = name {
            if interface.name.is_empty() {
                interface.name = name;
            } else if interface.name != name {
                diagnostics.warning(
                    raw.name.as_ref().map_or_else(|| raw.origin.clone(), |l| l.at.clone()),
                    format!("{id} is named {name:?} here but {:?} elsewhere; the first is kept", interface.name),
                );
            }
        }
        let mut sections = raw.sections;
        if format == WireFormat::Csv {
            let version = raw.file.as_ref().and_then(|f| f.version.as_deref());
            for item in sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
                notation::apply(item, version);
            }
        }
        interface.layouts.push(Layout {
            interface_id: id,
            direction,
            format,
            sections,
            repertoire: Repertoire::Ms932,
            overrides: Vec::new(),
            origin: raw.origin,
            file: raw.file,
        });
    }
    for interface in interfaces.values_mut() {
        interface.layouts.sort_by_key(|l| (l.direction, l.file.as_ref().and_then(|f| f.version.clone())));
        if interface.name.is_empty() {
            let origin = interface.layouts[0].origin.clone();
            diagnostics.warning(origin, format!("{} has no 外部インタフェース名", interface.id));
        }
    }
    check_catalog(&interfaces, catalog, diagnostics);
    note_differences(&interfaces, diagnostics);
    interfaces.into_values().collect()
}

/// Items of a JSON layout need keys (`keys_due`), and siblings need distinct ones. Findings point at
/// the 項目 cell when the table has one (`key_cells`), else at the row's 項番.
fn check_items(items: &[Item], keys_due: bool, key_cells: &HashMap<Location, KeyCell>, diagnostics: &mut Diagnostics) {
    let mut keys: HashMap<&str, &Item> = HashMap::new();
    for item in items {
        let cell = key_cells.get(&item.origin);
        let at = cell.map_or(&item.origin, |c| &c.at).clone();
        match &item.key {
            None if cell.is_some_and(|c| c.reported) => {}
            None if keys_due => {
                diagnostics.error(at, format!("item {} {} has no 項目 (wire key)", item.no, item.name));
            }
            None => {}
            Some(key) => {
                if let Some(first) = keys.insert(key, item) {
                    diagnostics.error(
                        at,
                        format!(
                            "項目 {key:?} of {} {} is also the key of {} {}",
                            item.no, item.name, first.no, first.name
                        ),
                    );
                }
            }
        }
        check_items(&item.children, keys_due, key_cells, diagnostics);
    }
}

/// Every layout the interface list names should exist, and the other way round.
fn check_catalog(interfaces: &BTreeMap<String, Interface>, catalog: &[CatalogEntry], diagnostics: &mut Diagnostics) {
    if catalog.is_empty() {
        return;
    }
    for entry in catalog {
        let found = interfaces
            .get(&entry.id)
            .is_some_and(|i| entry.direction.is_none_or(|d| i.layouts.iter().any(|l| l.direction == d)));
        if !found {
            let what = entry.layout.clone().unwrap_or_else(|| entry.id.clone());
            diagnostics.warning(
                entry.origin.clone(),
                format!("the interface list names {what}, but no such layout was found"),
            );
        }
    }
    for interface in interfaces.values() {
        if !catalog.iter().any(|e| e.id == interface.id) {
            diagnostics.warning(
                interface.layouts[0].origin.clone(),
                format!("{} is not in the interface list (API一覧)", interface.id),
            );
        }
    }
}

/// The same item (key and name) stated differently in two layouts is worth a note, not an error:
/// each layout keeps what it says (取得結果 is 固定長 in one response and 可変長 in the other).
fn note_differences(interfaces: &BTreeMap<String, Interface>, diagnostics: &mut Diagnostics) {
    let mut first: BTreeMap<(String, String), (&Layout, &Item)> = BTreeMap::new();
    for layout in interfaces.values().flat_map(|i| &i.layouts) {
        for item in layout.sections.iter().flat_map(|s: &Section| &s.items).flat_map(Item::walk) {
            let Some(key) = &item.key else { continue };
            let name = text::nfkc(&item.name);
            match first.get(&(key.clone(), name.clone())) {
                Some((other_layout, other))
                    if (other.data_type, other.length, &other.length_kind)
                        != (item.data_type, item.length, &item.length_kind) =>
                {
                    diagnostics.note(
                        item.origin.clone(),
                        format!(
                            "{} {key} is {} here but {} in {}",
                            item.name,
                            describe(item),
                            describe(other),
                            other_layout.title()
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    first.insert((key.clone(), name), (layout, item));
                }
            }
        }
    }
}

fn describe(item: &Item) -> String {
    let data_type = item.data_type.map_or("-", |d| d.spec_name());
    let digits = item.length.map_or_else(|| "-".to_owned(), |l| l.digits.to_string());
    format!("{data_type} {digits} {}", item.length_kind.as_deref().unwrap_or("-"))
}

#[cfg(test)]
mod tests {
    use super::{Vocabulary, from_sheet_name};
    use crate::model::Direction;

    #[test]
    fn sheet_names_give_id_and_direction() {
        let v = Vocabulary::built_in();
        assert_eq!(
            from_sheet_name("IF-I6-01-04-02_レスポンス ", v),
            (Some("IF-I6-01-04-02".to_owned()), Some(Direction::Response))
        );
        assert_eq!(from_sheet_name("FORM_0801_2021 ", v), (Some("FORM_0801_2021".to_owned()), None));
        assert_eq!(from_sheet_name("API一覧", v), (None, None));
        assert_eq!(from_sheet_name("Sheet1", v), (None, None));
    }
}
