//! Workbooks written byte by byte, for what the fixtures' writer cannot express: formulas without a
//! stored result (what openpyxl writes), hidden sheets and rows, cells struck through, date cells;
//! as xlsx or as ods. And the containers themselves: a zip of stored entries, and an edit of the
//! parts of an xlsx another writer made.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// A text cell.
    Text(String),
    /// A text cell whose font is struck through (見え消し).
    Struck(String),
    /// A numeric cell.
    Number(f64),
    /// A date cell: a serial day number formatted as a date (45474 is 2024-07-01).
    Date(f64),
    /// A formula with no stored result, as openpyxl writes one (`=5*2`).
    Formula(String),
    /// A formula with its cached text result (`""` included), as Excel writes one.
    Cached(String, String),
}

/// One row: hidden or not, and its cells by column (0-based).
#[derive(Clone, Debug, Default)]
pub struct Row {
    pub hidden: bool,
    pub cells: BTreeMap<u32, Cell>,
}

/// One sheet: its rows by row (0-based), its merged regions (`B4:D4`) and whether it is hidden
/// (`hidden` or `veryHidden`).
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub name: String,
    pub state: Option<&'static str>,
    pub rows: BTreeMap<u32, Row>,
    pub merges: Vec<String>,
}

impl Sheet {
    pub fn new(name: &str) -> Self {
        Sheet { name: name.to_owned(), ..Sheet::default() }
    }

    /// Puts a cell at (row, column), 0-based.
    pub fn put(&mut self, row: u32, col: u32, cell: Cell) -> &mut Self {
        self.rows.entry(row).or_default().cells.insert(col, cell);
        self
    }

    /// Puts rows of text from `top` down (`""` leaves a cell empty), each from column A.
    pub fn texts(&mut self, top: u32, rows: &[Vec<&str>]) -> &mut Self {
        for (row, texts) in (top..).zip(rows) {
            for (col, text) in (0u32..).zip(texts) {
                if !text.is_empty() {
                    self.put(row, col, Cell::Text((*text).to_owned()));
                }
            }
        }
        self
    }

    /// Hides a row.
    pub fn hide_row(&mut self, row: u32) -> &mut Self {
        self.rows.entry(row).or_default().hidden = true;
        self
    }

    /// Strikes through every text cell of a row.
    pub fn strike_row(&mut self, row: u32) -> &mut Self {
        for cell in self.rows.entry(row).or_default().cells.values_mut() {
            if let Cell::Text(text) = cell {
                *cell = Cell::Struck(std::mem::take(text));
            }
        }
        self
    }

    /// The cell at an A1 reference.
    pub fn at(&mut self, reference: &str, cell: Cell) -> &mut Self {
        let (row, col) = parse_a1(reference);
        self.put(row, col, cell)
    }
}

/// A workbook of sheets.
#[derive(Clone, Debug, Default)]
pub struct Book {
    pub sheets: Vec<Sheet>,
}

impl Book {
    /// A copy of a workbook of the fixtures' writer: its cells (a formula with its cached result)
    /// and merged regions.
    pub fn from_fixture(book: &ltcip_fixtures::Book) -> Self {
        let mut out = Book::default();
        for fixture in &book.sheets {
            let sheet = out.sheet(&fixture.name);
            for (&(row, col), value) in &fixture.cells {
                let cell = match value {
                    ltcip_fixtures::Value::Text(t) => Cell::Text(t.clone()),
                    ltcip_fixtures::Value::Number(n) => Cell::Number(*n),
                    ltcip_fixtures::Value::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_owned()),
                    ltcip_fixtures::Value::Formula { formula, cached } => Cell::Cached(formula.clone(), cached.clone()),
                };
                sheet.put(row, u32::from(col), cell);
            }
            for &(r1, c1, r2, c2) in &fixture.merges {
                sheet.merges.push(format!("{}:{}", a1(r1, u32::from(c1)), a1(r2, u32::from(c2))));
            }
        }
        out
    }

    pub fn sheet(&mut self, name: &str) -> &mut Sheet {
        self.sheets.push(Sheet::new(name));
        self.sheets.last_mut().expect("just pushed")
    }

    /// The workbook as xlsx bytes: inline strings, style 1 struck through, style 2 a date.
    pub fn xlsx(&self) -> Vec<u8> {
        let mut workbook = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
        );
        let mut rels = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        );
        let mut types = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
        );
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        for (n, sheet) in (1..).zip(&self.sheets) {
            let state = sheet.state.map(|s| format!(r#" state="{s}""#)).unwrap_or_default();
            workbook.push_str(&format!(
                r#"<sheet name="{}" sheetId="{n}"{state} r:id="rId{n}"/>"#,
                xml_escape(&sheet.name)
            ));
            rels.push_str(&format!(
                r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
            ));
            types.push_str(&format!(
                r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            ));
            parts.push((format!("xl/worksheets/sheet{n}.xml"), worksheet(sheet).into_bytes()));
        }
        let styles_id = self.sheets.len() + 1;
        rels.push_str(&format!(
            r#"<Relationship Id="rId{styles_id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        ));
        workbook.push_str("</sheets></workbook>");
        rels.push_str("</Relationships>");
        types.push_str("</Types>");
        let root = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
        let mut entries: Vec<(&str, &[u8])> = vec![
            ("[Content_Types].xml", types.as_bytes()),
            ("_rels/.rels", root.as_bytes()),
            ("xl/workbook.xml", workbook.as_bytes()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
            ("xl/styles.xml", STYLES.as_bytes()),
        ];
        entries.extend(parts.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())));
        zip(&entries)
    }

    /// The workbook as an OpenDocument spreadsheet: struck cells in a style with a line through,
    /// hidden rows collapsed, hidden sheets in a table style not displayed. Merges are left out
    /// (calamine does not read them in ods).
    pub fn ods(&self) -> Vec<u8> {
        let mut content = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2"><office:automatic-styles><style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style><style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style><style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default"><style:text-properties style:text-line-through-style="solid" style:text-line-through-type="single"/></style:style></office:automatic-styles><office:body><office:spreadsheet>"#,
        );
        for sheet in &self.sheets {
            let style = if sheet.state.is_some() { "ta2" } else { "ta1" };
            content.push_str(&format!(
                r#"<table:table table:name="{}" table:style-name="{style}">"#,
                xml_escape(&sheet.name)
            ));
            let mut next_row = 0;
            for (&r, row) in &sheet.rows {
                if r > next_row {
                    content.push_str(&format!(
                        r#"<table:table-row table:number-rows-repeated="{}"><table:table-cell/></table:table-row>"#,
                        r - next_row
                    ));
                }
                next_row = r + 1;
                let visibility = if row.hidden { r#" table:visibility="collapse""# } else { "" };
                content.push_str(&format!("<table:table-row{visibility}>"));
                let mut next_col = 0;
                for (&c, cell) in &row.cells {
                    if c > next_col {
                        content.push_str(&format!(
                            r#"<table:table-cell table:number-columns-repeated="{}"/>"#,
                            c - next_col
                        ));
                    }
                    next_col = c + 1;
                    content.push_str(&ods_cell(cell));
                }
                if row.cells.is_empty() {
                    content.push_str("<table:table-cell/>");
                }
                content.push_str("</table:table-row>");
            }
            content.push_str("</table:table>");
        }
        content.push_str("</office:spreadsheet></office:body></office:document-content>");
        let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
        zip(&[
            ("mimetype", ODS_MIME),
            ("META-INF/manifest.xml", manifest.as_bytes()),
            ("content.xml", content.as_bytes()),
        ])
    }
}

/// Fonts 0 (plain) and 1 (struck through); cell styles 0 (plain), 1 (struck through), 2 (a date).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><strike/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

fn worksheet(sheet: &Sheet) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (&r, row) in &sheet.rows {
        let hidden = if row.hidden { r#" hidden="1""# } else { "" };
        xml.push_str(&format!(r#"<row r="{}"{hidden}>"#, r + 1));
        for (&c, cell) in &row.cells {
            let at = a1(r, c);
            xml.push_str(&match cell {
                Cell::Text(t) => format!(r#"<c r="{at}" t="inlineStr"><is><t>{}</t></is></c>"#, xml_escape(t)),
                Cell::Struck(t) => format!(r#"<c r="{at}" s="1" t="inlineStr"><is><t>{}</t></is></c>"#, xml_escape(t)),
                Cell::Number(n) => format!(r#"<c r="{at}"><v>{n}</v></c>"#),
                Cell::Date(serial) => format!(r#"<c r="{at}" s="2"><v>{serial}</v></c>"#),
                // openpyxl's form: the formula, and an empty value element.
                Cell::Formula(f) => {
                    format!(r#"<c r="{at}"><f>{}</f><v/></c>"#, xml_escape(f.strip_prefix('=').unwrap_or(f)))
                }
                Cell::Cached(f, v) => format!(
                    r#"<c r="{at}" t="str"><f>{}</f><v>{}</v></c>"#,
                    xml_escape(f.strip_prefix('=').unwrap_or(f)),
                    xml_escape(v)
                ),
            });
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData>");
    if !sheet.merges.is_empty() {
        xml.push_str(&format!(r#"<mergeCells count="{}">"#, sheet.merges.len()));
        for merge in &sheet.merges {
            xml.push_str(&format!(r#"<mergeCell ref="{merge}"/>"#));
        }
        xml.push_str("</mergeCells>");
    }
    xml.push_str("</worksheet>");
    xml
}

fn ods_cell(cell: &Cell) -> String {
    let text = |t: &str| format!("<text:p>{}</text:p>", xml_escape(t));
    match cell {
        Cell::Text(t) => format!(r#"<table:table-cell office:value-type="string">{}</table:table-cell>"#, text(t)),
        Cell::Struck(t) => format!(
            r#"<table:table-cell table:style-name="ce1" office:value-type="string">{}</table:table-cell>"#,
            text(t)
        ),
        Cell::Number(n) => format!(r#"<table:table-cell office:value-type="float" office:value="{n}"/>"#),
        Cell::Date(serial) => {
            // Days from 1899-12-30, as a calendar date.
            let (y, m, d) = civil_from_days(*serial as i64 - 25569);
            format!(r#"<table:table-cell office:value-type="date" office:date-value="{y:04}-{m:02}-{d:02}"/>"#)
        }
        Cell::Formula(f) => format!(
            r#"<table:table-cell table:formula="of:={}"/>"#,
            xml_escape(f.strip_prefix('=').unwrap_or(f)).replace('"', "&quot;")
        ),
        Cell::Cached(f, v) => format!(
            r#"<table:table-cell table:formula="of:={}" office:value-type="string" office:string-value="{}">{}</table:table-cell>"#,
            xml_escape(f.strip_prefix('=').unwrap_or(f)).replace('"', "&quot;"),
            xml_escape(v).replace('"', "&quot;"),
            text(v)
        ),
    }
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A1 notation for a 0-based row and column.
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).expect("ASCII"), row + 1)
}

/// `J5` → (4, 9).
pub fn parse_a1(cell: &str) -> (u32, u32) {
    let split = cell.find(|c: char| c.is_ascii_digit()).expect("a row number");
    let col = cell[..split].bytes().fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1)) - 1;
    (cell[split..].parse::<u32>().expect("a row number") - 1, col)
}

/// Rewrites the XML parts of an xlsx (or any zip) another writer made: `edit(part name, text)`
/// returns the new text. The result is a zip of stored entries.
pub fn edit_parts(bytes: &[u8], mut edit: impl FnMut(&str, String) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("an entry");
        let name = file.name().expect("a UTF-8 name").into_owned();
        let mut data = Vec::new();
        file.read_to_end(&mut data).expect("the entry reads");
        if name.ends_with(".xml") || name.ends_with(".rels") {
            data = edit(&name, String::from_utf8(data).expect("UTF-8 XML")).into_bytes();
        }
        entries.push((name, data));
    }
    let borrowed: Vec<(&str, &[u8])> = entries.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
    zip(&borrowed)
}

/// Marks a sheet of an xlsx hidden (`hidden`, or `veryHidden`) in its workbook part.
pub fn hide_sheet(bytes: &[u8], sheet: &str, state: &str) -> Vec<u8> {
    let tag = format!(r#"<sheet name="{}""#, xml_escape(sheet));
    edit_parts(bytes, |name, xml| {
        if name == "xl/workbook.xml" {
            assert!(xml.contains(&tag), "no sheet {sheet} in {xml}");
            xml.replace(&tag, &format!(r#"{tag} state="{state}""#))
        } else {
            xml
        }
    })
}

pub const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

pub fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A zip archive of stored entries, in order.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let (crc, size, name_len) = (crc32(data), data.len() as u32, name.len() as u16);
        let common = |v: &mut Vec<u8>| {
            v.extend(20u16.to_le_bytes()); // version needed
            v.extend(0u16.to_le_bytes()); // flags
            v.extend(0u16.to_le_bytes()); // stored
            v.extend(0u32.to_le_bytes()); // time, date
            v.extend(crc.to_le_bytes());
            v.extend(size.to_le_bytes());
            v.extend(size.to_le_bytes());
            v.extend(name_len.to_le_bytes());
            v.extend(0u16.to_le_bytes()); // extra
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend(name.as_bytes());
        out.extend(*data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes()); // version made by
        common(&mut central);
        central.extend([0u8; 6]); // comment length, disk, internal attributes
        central.extend(0u32.to_le_bytes()); // external attributes
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let (start, size, count) = (out.len() as u32, central.len() as u32, entries.len() as u16);
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend(size.to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}
