//! What a spreadsheet shows that its cell values do not say, read from the file's own parts because
//! calamine does not report it: rows hidden, cells struck through (見え消し, how Japanese specs mark
//! a deletion), and formulas without a stored result (what openpyxl and other scripts write).
//!
//! | format | hidden rows | struck-through cells | formulas without a result |
//! |---|---|---|---|
//! | xlsx, xlsm | `<row hidden="1">` (or a height of 0) in the sheet part | the cell's `s` style whose font has `<strike/>` (calamine's style palette) | `<f>` with no `<v>` (or an empty `<v>` not typed `str`) |
//! | ods | `table:visibility="collapse"` or `"filter"` on `table:table-row` | the cell's style (its own, else its row's or column's default) with a `style:text-line-through-style` other than `none`, in `content.xml` or `styles.xml` | calamine's formulas beside its values |
//! | xls | not read | not read | calamine's formulas beside its values |
//! | xlsb | not read | not read | cannot occur: a formula record holds its result |
//!
//! Sheet visibility comes from calamine for every format. Text struck through in part of a cell
//! (rich text) is not read as struck.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Cursor, Read, Seek};

use quick_xml::Reader as XmlReader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

/// Cells with content repeated across more columns than this (an ods `number-columns-repeated`) are
/// marked struck through for the first this-many only: no real row repeats a filled cell further.
const MAX_REPEATED_CELLS: u32 = 1024;

/// Struck-through cells recorded for one ods sheet at most (repeats multiply them); a sheet with more
/// reads the rest as not struck.
const MAX_STRUCK_CELLS: usize = 1 << 20;

/// Formulas are quoted in findings up to this many characters.
const MAX_FORMULA_CHARS: usize = 80;

/// What one sheet shows beyond its cell values.
#[derive(Debug, Default)]
pub struct View {
    /// Hidden rows, as inclusive ranges (0-based), ascending.
    pub hidden_rows: Vec<(u32, u32)>,
    /// Cells with content whose font is struck through, (row, column) 0-based.
    pub struck: Vec<(u32, u32)>,
    /// Cells holding a formula but no stored result, with the formula as findings quote it
    /// (`=5*2`, or `=5*2 (shared from J5)`).
    pub unevaluated: Vec<((u32, u32), String)>,
}

impl View {
    fn hide(&mut self, first: u32, last: u32) {
        match self.hidden_rows.last_mut() {
            Some((_, end)) if end.saturating_add(1) >= first => *end = (*end).max(last),
            _ => self.hidden_rows.push((first, last)),
        }
    }
}

/// A formula as findings quote it: with its `=`, ODF's `of:` namespace dropped, cut short if long.
pub fn formula_text(formula: &str) -> String {
    let formula = formula.trim();
    let formula = formula.strip_prefix("of:").unwrap_or(formula);
    let formula = formula.strip_prefix('=').unwrap_or(formula);
    let mut text = String::from("=");
    let mut chars = formula.chars();
    text.extend(chars.by_ref().take(MAX_FORMULA_CHARS));
    if chars.next().is_some() {
        text.push('…');
    }
    text
}

/// An xlsx or xlsm package, with each worksheet's part by sheet name.
pub struct XlsxParts<R> {
    zip: ZipArchive<R>,
    sheets: HashMap<String, String>,
}

impl<R> std::fmt::Debug for XlsxParts<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XlsxParts").field("sheets", &self.sheets).finish_non_exhaustive()
    }
}

impl<'a> XlsxParts<Cursor<&'a [u8]>> {
    /// Opens the package and finds its worksheets' parts: the workbook part is the target of the
    /// package's officeDocument relationship (`xl/workbook.xml` when that cannot be read), and each
    /// `<sheet r:id>` in it names a relationship of the workbook part.
    pub fn open(bytes: &'a [u8]) -> Result<Self, String> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
        let workbook = read_part(&mut zip, "_rels/.rels")
            .ok()
            .and_then(|rels| {
                relationships(&rels, "").into_iter().find(|r| r.kind.ends_with("/officeDocument")).map(|r| r.target)
            })
            .unwrap_or_else(|| "xl/workbook.xml".to_owned());
        let (folder, file) = workbook.rsplit_once('/').unwrap_or(("", workbook.as_str()));
        let rels_path =
            if folder.is_empty() { format!("_rels/{file}.rels") } else { format!("{folder}/_rels/{file}.rels") };
        let rels = read_part(&mut zip, &rels_path)?;
        let targets: HashMap<String, String> =
            relationships(&rels, folder).into_iter().map(|r| (r.id, r.target)).collect();
        let workbook_xml = read_part(&mut zip, &workbook)?;
        let mut sheets = HashMap::new();
        let mut reader = xml_reader(workbook_xml.as_slice());
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf).map_err(|e| e.to_string())? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                    let name = attribute(&e, "name");
                    // `r:id`, whatever the relationships namespace's prefix.
                    let id = e.attributes().flatten().find_map(|a| {
                        (a.key.local_name().as_ref() == "id" && a.key.prefix().is_some()).then(|| value(&a))
                    });
                    if let (Some(name), Some(target)) = (name, id.and_then(|id| targets.get(&id))) {
                        sheets.insert(name, target.clone());
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok(XlsxParts { zip, sheets })
    }
}

impl<R: Read + Seek> XlsxParts<R> {
    /// Reads what the sheet named `name` shows beyond its values. `struck_styles[s]` says whether
    /// style `s` (a cell's `s` attribute) strikes its text through.
    pub fn view(&mut self, name: &str, struck_styles: &[bool]) -> Result<View, String> {
        let path =
            self.sheets.get(name).ok_or_else(|| format!("the workbook does not name the part of sheet {name:?}"))?;
        let index = part_index(&self.zip, path).ok_or_else(|| format!("the part {path} is missing"))?;
        let file = self.zip.by_index(index).map_err(|e| e.to_string())?;
        sheet_view(xml_reader(BufReader::new(file)), struck_styles)
    }
}

/// One cell of a worksheet part, as read so far.
#[derive(Default)]
struct XlsxCell {
    pos: (u32, u32),
    style: usize,
    /// The `t` attribute says the cached value is a string (`str`): an empty `<v>` is then the
    /// cached result "" rather than no result.
    string_result: bool,
    formula: Option<String>,
    /// A shared formula's group (`si`), and whether this cell is its anchor (has the text).
    shared: Option<usize>,
    /// A `<v>` element with text, or an inline string.
    value: bool,
    /// A `<v>` element, empty or not.
    value_element: bool,
}

/// Reads a worksheet part: its rows' `hidden`/`ht` attributes and its cells' `s` attributes and
/// `<f>`/`<v>`/`<is>` children. Stops at the end of `<sheetData>`.
fn sheet_view<B: BufRead>(mut reader: XmlReader<B>, struck_styles: &[bool]) -> Result<View, String> {
    let mut view = View::default();
    let mut buf = Vec::new();
    let (mut row, mut col) = (0u32, 0u32);
    let mut cell: Option<XlsxCell> = None;
    // Which child of the cell the text belongs to.
    let (mut in_f, mut in_v) = (false, false);
    // Shared formulas' anchors: group → (anchor cell, formula).
    let mut shared: HashMap<usize, ((u32, u32), String)> = HashMap::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                match e.local_name().as_ref() {
                    "row" => {
                        if let Some(r) = attribute(e, "r").and_then(|r| r.parse::<u32>().ok()).filter(|r| *r > 0) {
                            row = r - 1;
                        }
                        col = 0;
                        let hidden = attribute(e, "hidden").is_some_and(|h| h == "1" || h == "true");
                        let zero_height = attribute(e, "ht").and_then(|h| h.parse::<f64>().ok()) == Some(0.0);
                        if hidden || zero_height {
                            view.hide(row, row);
                        }
                        if empty {
                            row = row.saturating_add(1);
                        }
                    }
                    "c" => {
                        let pos = attribute(e, "r").and_then(|r| cell_ref(&r)).unwrap_or((row, col));
                        col = pos.1.saturating_add(1);
                        if !empty {
                            let style = attribute(e, "s").and_then(|s| s.parse().ok()).unwrap_or(0);
                            let string_result = attribute(e, "t").is_some_and(|t| t == "str");
                            cell = Some(XlsxCell { pos, style, string_result, ..XlsxCell::default() });
                        }
                    }
                    "f" if cell.is_some() => {
                        let current = cell.as_mut().expect("checked");
                        current.formula = Some(String::new());
                        if attribute(e, "t").as_deref() == Some("shared") {
                            current.shared = attribute(e, "si").and_then(|s| s.parse().ok());
                        }
                        in_f = !empty;
                    }
                    "v" if cell.is_some() => {
                        cell.as_mut().expect("checked").value_element = true;
                        in_v = !empty;
                    }
                    "is" if cell.is_some() => cell.as_mut().expect("checked").value = true,
                    _ => {}
                }
            }
            Event::Text(ref t) => {
                if let Some(current) = cell.as_mut() {
                    if in_f {
                        current.formula.get_or_insert_with(String::new).push_str(&t.xml10_content());
                    } else if in_v && !t.is_empty() {
                        current.value = true;
                    }
                }
            }
            Event::GeneralRef(ref r) => {
                if let Some(current) = cell.as_mut() {
                    if in_f {
                        let name = r.xml10_content();
                        let resolved = match r.resolve_char_ref() {
                            Ok(Some(c)) => c.to_string(),
                            _ => quick_xml::escape::resolve_predefined_entity(&name).unwrap_or_default().to_owned(),
                        };
                        current.formula.get_or_insert_with(String::new).push_str(&resolved);
                    } else if in_v {
                        current.value = true;
                    }
                }
            }
            Event::End(ref e) => match e.local_name().as_ref() {
                "f" => in_f = false,
                "v" => in_v = false,
                "c" => {
                    if let Some(done) = cell.take() {
                        finish_cell(done, struck_styles, &mut shared, &mut view);
                    }
                    (in_f, in_v) = (false, false);
                }
                "row" => {
                    row = row.saturating_add(1);
                    col = 0;
                }
                "sheetData" => break,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(view)
}

fn finish_cell(
    cell: XlsxCell,
    struck_styles: &[bool],
    shared: &mut HashMap<usize, ((u32, u32), String)>,
    view: &mut View,
) {
    let formula = cell.formula.as_deref().map(str::trim).filter(|f| !f.is_empty());
    if let (Some(group), Some(formula)) = (cell.shared, formula) {
        shared.entry(group).or_insert_with(|| (cell.pos, formula.to_owned()));
    }
    let has_result = cell.value || (cell.string_result && cell.value_element);
    if cell.formula.is_some() && !has_result {
        let text = match (formula, cell.shared.and_then(|g| shared.get(&g))) {
            (Some(formula), _) => formula_text(formula),
            (None, Some((anchor, formula))) => {
                format!("{} (shared from {})", formula_text(formula), crate::diag::a1(anchor.0, anchor.1))
            }
            (None, None) => "=… (a shared formula whose text this sheet does not hold)".to_owned(),
        };
        view.unevaluated.push((cell.pos, text));
    }
    if (cell.value || cell.formula.is_some()) && struck_styles.get(cell.style).copied().unwrap_or(false) {
        view.struck.push(cell.pos);
    }
}

/// Why what an ods shows beyond its values could not be read.
#[derive(Debug)]
pub enum OdsError {
    /// content.xml ends inside an element, or closes one with another's name: calamine 0.38 reads
    /// such a file forever (its loops wait for the end of a table, a cell or a comment and take the
    /// end of the file for nothing), so the workbook is not opened. The message completes
    /// "content.xml …".
    Damaged(String),
    /// Anything else: what the sheets show beyond their values is not read (a warning); their
    /// values are, by calamine.
    Unreadable(String),
}

/// What an ods's `content.xml` shows beyond its values, by sheet name. Reads all of content.xml,
/// checking that every element in it is closed by its own name (see [`OdsError::Damaged`]).
pub fn ods_views(bytes: &[u8]) -> Result<HashMap<String, View>, OdsError> {
    let unreadable = |e: &dyn std::fmt::Display| OdsError::Unreadable(e.to_string());
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    // An encrypted package's content.xml is no XML: calamine says it is encrypted.
    if read_part(&mut zip, "META-INF/manifest.xml").is_ok_and(|m| m.windows(15).any(|w| w == b"encryption-data")) {
        return Err(OdsError::Unreadable("the package is encrypted".to_owned()));
    }
    // Named cell styles (a 見え消し style applied by name) live in styles.xml; direct formatting in
    // content.xml's automatic styles, whose parent may be a named style.
    let mut styles = OdsStyles::default();
    if let Ok(part) = read_part(&mut zip, "styles.xml") {
        styles.read(xml_reader(part.as_slice())).map_err(|(e, _)| unreadable(&e))?;
    }
    let index = part_index(&zip, "content.xml").ok_or_else(|| unreadable(&"content.xml is missing"))?;
    let file = zip.by_index(index).map_err(|e| unreadable(&e))?;
    let mut reader = xml_reader(BufReader::new(file));
    reader.config_mut().check_end_names = true;
    ods_content(reader, styles)
}

/// An XML error while reading content.xml: an element closed by another's name is damage.
fn ods_xml_error(error: &quick_xml::Error) -> OdsError {
    match error {
        quick_xml::Error::IllFormed(_) => OdsError::Damaged(format!("is not well-formed XML ({error})")),
        other => OdsError::Unreadable(other.to_string()),
    }
}

/// Cell styles of an ods, by name: whether each strikes its text through, and its parent.
#[derive(Default)]
struct OdsStyles {
    styles: HashMap<String, (bool, Option<String>)>,
}

impl OdsStyles {
    /// Reads the `style:style` elements of a part, up to its body (content.xml's automatic styles
    /// come before its `office:body`); returns the reader there, and how many elements are open.
    fn read<B: BufRead>(&mut self, mut reader: XmlReader<B>) -> Result<(XmlReader<B>, u32), (quick_xml::Error, u32)> {
        let mut buf = Vec::new();
        let mut current: Option<String> = None;
        let mut depth = 0u32;
        loop {
            let event = reader.read_event_into(&mut buf).map_err(|e| (e, depth))?;
            match &event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => match e.name().as_ref() {
                    "style:style" => {
                        let name = attribute(e, "style:name");
                        if let Some(name) = &name {
                            let parent = attribute(e, "style:parent-style-name");
                            self.styles.insert(name.clone(), (false, parent));
                        }
                        current = if matches!(event, Event::Start(_)) { name } else { None };
                    }
                    "style:text-properties" => {
                        let struck = attribute(e, "style:text-line-through-style").is_some_and(|s| s != "none")
                            || attribute(e, "style:text-line-through-type").is_some_and(|s| s != "none");
                        if let (true, Some(name)) = (struck, &current)
                            && let Some(style) = self.styles.get_mut(name)
                        {
                            style.0 = true;
                        }
                    }
                    "office:body" => break,
                    _ => {}
                },
                Event::End(ref e) if e.name().as_ref() == "style:style" => current = None,
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        Ok((reader, depth))
    }

    /// Whether the style, or the first ancestor that says so, strikes through.
    fn struck(&self, name: &str) -> bool {
        let mut name = name;
        // A cycle of parents in a broken file ends here.
        for _ in 0..16 {
            match self.styles.get(name) {
                Some((true, _)) => return true,
                Some((false, Some(parent))) => name = parent,
                _ => return false,
            }
        }
        false
    }
}

/// One table being read from an ods's content.
#[derive(Default)]
struct OdsTable {
    name: String,
    view: View,
    /// Each column's default cell style, as (first column past the run, style) runs.
    columns: Vec<(u32, Option<String>)>,
    row: u32,
    col: u32,
    /// The current row's repeat count and default cell style.
    row_repeats: u32,
    row_style: Option<String>,
}

impl OdsTable {
    fn column_style(&self, col: u32) -> Option<&str> {
        let run = self.columns.partition_point(|(end, _)| *end <= col);
        self.columns.get(run).and_then(|(_, style)| style.as_deref())
    }
}

fn ods_content<B: BufRead>(reader: XmlReader<B>, mut styles: OdsStyles) -> Result<HashMap<String, View>, OdsError> {
    let (mut reader, mut depth) = styles.read(reader).map_err(|(e, _)| ods_xml_error(&e))?;
    let mut views = HashMap::new();
    let mut buf = Vec::new();
    let mut table: Option<OdsTable> = None;
    // Tables inside a cell (rare) are not sheets: their rows are not counted.
    let mut nested = 0u32;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| ods_xml_error(&e))?;
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof if depth > 0 => {
                return Err(OdsError::Damaged("ends inside an element: the file is cut short".to_owned()));
            }
            _ => {}
        }
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => match e.name().as_ref() {
                "table:table" if table.is_some() => nested += u32::from(!empty),
                "table:table" => {
                    let name = attribute(e, "table:name").unwrap_or_default();
                    if !empty {
                        table = Some(OdsTable { name, ..OdsTable::default() });
                    }
                }
                _ if nested > 0 => {}
                "table:table-column" => {
                    if let Some(t) = table.as_mut() {
                        let repeats = repeats(e, "table:number-columns-repeated");
                        let start = t.columns.last().map_or(0, |(end, _)| *end);
                        let style = attribute(e, "table:default-cell-style-name");
                        t.columns.push((start.saturating_add(repeats), style));
                    }
                }
                "table:table-row" => {
                    if let Some(t) = table.as_mut() {
                        let repeats = repeats(e, "table:number-rows-repeated");
                        let visibility = attribute(e, "table:visibility");
                        if matches!(visibility.as_deref(), Some("collapse" | "filter")) {
                            let last = t.row.saturating_add(repeats - 1);
                            t.view.hide(t.row, last);
                        }
                        t.col = 0;
                        t.row_repeats = repeats;
                        t.row_style = attribute(e, "table:default-cell-style-name");
                        if empty {
                            t.row = t.row.saturating_add(repeats);
                        }
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some(t) = table.as_mut() {
                        let repeats = repeats(e, "table:number-columns-repeated");
                        let filled = !empty || attribute(e, "office:value-type").is_some();
                        if filled {
                            let own = attribute(e, "table:style-name");
                            let style = own.as_deref().or(t.row_style.as_deref()).or_else(|| t.column_style(t.col));
                            if style.is_some_and(|s| styles.struck(s)) {
                                for row in t.row..t.row.saturating_add(t.row_repeats.min(MAX_REPEATED_CELLS)) {
                                    let cols = t.col..t.col.saturating_add(repeats.min(MAX_REPEATED_CELLS));
                                    let room = MAX_STRUCK_CELLS.saturating_sub(t.view.struck.len());
                                    t.view.struck.extend(cols.map(|col| (row, col)).take(room));
                                }
                            }
                        }
                        t.col = t.col.saturating_add(repeats);
                    }
                }
                _ => {}
            },
            Event::End(ref e) => match e.name().as_ref() {
                "table:table" if nested > 0 => nested -= 1,
                "table:table" => {
                    if let Some(done) = table.take() {
                        views.entry(done.name).or_insert(done.view);
                    }
                }
                "table:table-row" if nested == 0 => {
                    if let Some(t) = table.as_mut() {
                        t.row = t.row.saturating_add(t.row_repeats);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(views)
}

/// A repeat count attribute (`table:number-rows-repeated`), 1 when absent or unreadable.
fn repeats(e: &BytesStart<'_>, key: &str) -> u32 {
    attribute(e, key).and_then(|r| r.parse::<u32>().ok()).filter(|r| *r > 0).unwrap_or(1)
}

/// One relationship of a part.
struct Relationship {
    id: String,
    kind: String,
    /// The target's path inside the package.
    target: String,
}

/// The relationships in a `.rels` part, targets resolved against `folder` (the source part's).
fn relationships(xml: &[u8], folder: &str) -> Vec<Relationship> {
    let mut out = Vec::new();
    let mut reader = xml_reader(xml);
    let mut buf = Vec::new();
    while let Ok(event) = reader.read_event_into(&mut buf) {
        match event {
            Event::Start(ref e) | Event::Empty(ref e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) = (attribute(e, "Id"), attribute(e, "Target")) {
                    let kind = attribute(e, "Type").unwrap_or_default();
                    out.push(Relationship { id, kind, target: resolve(folder, &target) });
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// A relationship target as a path in the package: absolute (`/xl/worksheets/sheet1.xml`) or
/// relative to `folder`, with `..` and `.` resolved.
fn resolve(folder: &str, target: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_owned(),
        None if folder.is_empty() => target.to_owned(),
        None => format!("{folder}/{target}"),
    };
    for part in joined.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// The index of a part, its name compared without regard to case (as Excel does) when not found
/// as written.
fn part_index<R: Read + Seek>(zip: &ZipArchive<R>, path: &str) -> Option<usize> {
    zip.index_for_name(path).or_else(|| {
        let names: Vec<&[u8]> = zip.file_names_raw().collect();
        names.iter().position(|name| name.eq_ignore_ascii_case(path.as_bytes()))
    })
}

/// A small part (a relationships list, the workbook part, the styles) read whole.
fn read_part<R: Read + Seek>(zip: &mut ZipArchive<R>, path: &str) -> Result<Vec<u8>, String> {
    /// No real part of these kinds comes near this.
    const MAX_PART_BYTES: u64 = 64 << 20;
    let index = part_index(zip, path).ok_or_else(|| format!("the part {path} is missing"))?;
    let file = zip.by_index(index).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes)
}

fn xml_reader<B: BufRead>(source: B) -> XmlReader<B> {
    let mut reader = XmlReader::from_reader(source);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    config.trim_text(false);
    reader
}

/// An attribute's value, unescaped (`None` when absent or not readable).
fn attribute(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == key || a.key.local_name().as_ref() == key).map(|a| value(&a))
}

fn value(attribute: &quick_xml::events::attributes::Attribute<'_>) -> String {
    attribute
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map_or_else(|_| attribute.value.to_string(), |v| v.into_owned())
}

/// `J5` → (4, 9); `None` for anything else.
fn cell_ref(reference: &str) -> Option<(u32, u32)> {
    let split = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = reference.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let col = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)) - 1;
    let row = digits.parse::<u32>().ok().filter(|r| *r > 0)? - 1;
    Some((row, col))
}

/// Which styles of a palette strike their text through.
pub fn struck_styles(styles: &[calamine::Style]) -> Vec<bool> {
    styles.iter().map(|s| s.font.as_ref().is_some_and(calamine::Font::has_strikethrough)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("J5"), Some((4, 9)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        for bad in ["", "A", "1", "A0", "ABCD1", "Ａ1"] {
            assert_eq!(cell_ref(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn relationship_targets() {
        assert_eq!(resolve("xl", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl", "/xl/worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl/sub", "../worksheets/./sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("", "xl/workbook.xml"), "xl/workbook.xml");
    }

    #[test]
    fn formulas_as_quoted() {
        assert_eq!(formula_text("5*2"), "=5*2");
        assert_eq!(formula_text("of:=[.A1]*2"), "=[.A1]*2");
        assert_eq!(formula_text(&"A".repeat(100)).chars().count(), 1 + MAX_FORMULA_CHARS + 1);
    }

    #[test]
    fn a_worksheet_part() {
        let xml = r#"<worksheet><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1"><f>5*2</f><v/></c><c r="C1" t="str"><f>""</f><v></v></c></row>
            <row r="3" hidden="1"><c r="A3" s="1"><v>1</v></c><c r="B3"><f t="shared" ref="B3:B4" si="0">A3&amp;"x"</f></c></row>
            <row r="4" ht="0" customHeight="1"><c r="B4"><f t="shared" si="0"/></c><c r="C4" s="1"/></row>
            <row><c><f>1+1</f><v>2</v></c></row>
            </sheetData><sheetData><row r="9" hidden="1"/></sheetData></worksheet>"#;
        let view = sheet_view(xml_reader(xml.as_bytes()), &[false, true]).expect("reads");
        assert_eq!(view.hidden_rows, [(2, 3)]);
        assert_eq!(view.struck, [(2, 0)]);
        let unevaluated: Vec<((u32, u32), &str)> = view.unevaluated.iter().map(|(p, f)| (*p, f.as_str())).collect();
        assert_eq!(unevaluated, [((0, 1), "=5*2"), ((2, 1), "=A3&\"x\""), ((3, 1), "=A3&\"x\" (shared from B3)")]);
    }
}
