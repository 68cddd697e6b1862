//! A workbook as it is, for copying: every sheet (hidden ones too), every
//! value with its type, column widths and merged ranges. `check --annotate`
//! writes such a copy with the findings marked.

use super::ReadError;
use calamine::{Data, Reader, SheetVisible};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Text(String),
    Number(f64),
    Bool(bool),
    /// An Excel serial date-time; `true` when it is a duration.
    DateTime(f64, bool),
    /// An error value such as `#N/A`, kept as its text.
    Error(String),
}

#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub name: String,
    pub hidden: bool,
    /// (0-based row, 0-based column, value)
    pub cells: Vec<(u32, u16, CellValue)>,
    /// (first column, last column, width in pixels at the default font)
    pub widths: Vec<(u16, u16, u16)>,
    /// (first row, first column, last row, last column)
    pub merges: Vec<(u32, u16, u32, u16)>,
}

/// Read every sheet of a workbook, or a CSV file as one sheet named after
/// the file.
pub fn read_grids(path: &Path, encoding: Option<&str>) -> Result<Vec<Grid>, ReadError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ext == "yaml" || ext == "yml" {
        return Err(ReadError::new(
            path,
            "a YAML catalogue has no cells to mark; --annotate needs an xlsx, xls, ods or csv file",
        ));
    }
    match super::cells::sniff(path)? {
        super::cells::Kind::Text => read_csv_grid(path, encoding).map(|g| vec![g]),
        super::cells::Kind::Zip | super::cells::Kind::Cfb => read_workbook_grids(path),
        _ => Err(ReadError::new(
            path,
            "only xlsx, xls, ods and csv files can be copied with annotations",
        )),
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
pub fn sheet_name(text: &str) -> String {
    let s: String = text
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    let s = s.trim_matches('\'').to_string();
    if s.is_empty() {
        "Sheet1".to_string()
    } else {
        s
    }
}

fn read_csv_grid(path: &Path, encoding: Option<&str>) -> Result<Grid, ReadError> {
    use super::cells::RowSource;
    let mut rows = super::cells::CsvRows::open(path, encoding)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut grid = Grid {
        name: sheet_name(&stem),
        ..Grid::default()
    };
    while let Some(row) = rows.next_row().map_err(|m| ReadError::new(path, m))? {
        for (c, text, _) in row.cells {
            if c > 16_383 {
                return Err(ReadError::new(
                    path,
                    "more than 16,384 columns cannot be copied to xlsx",
                ));
            }
            grid.cells
                .push((row.number - 1, c as u16, CellValue::Text(text)));
        }
    }
    Ok(grid)
}

fn value_of(d: &Data) -> Option<CellValue> {
    Some(match d {
        Data::Empty => return None,
        Data::String(s) => CellValue::Text(s.clone()),
        Data::Int(i) => CellValue::Number(*i as f64),
        Data::Float(f) => CellValue::Number(*f),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(dt) => CellValue::DateTime(dt.as_f64(), dt.is_duration()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => CellValue::Text(s.clone()),
        Data::Error(e) => CellValue::Error(e.to_string()),
    })
}

fn read_workbook_grids(path: &Path) -> Result<Vec<Grid>, ReadError> {
    let err = |e: &dyn std::fmt::Display| {
        ReadError::new(path, format!("not a readable spreadsheet: {e}"))
    };
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| err(&e))?;
    let sheets: Vec<(String, bool)> = wb
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    let widths = xlsx_column_widths(path).unwrap_or_default();
    let mut grids = Vec::new();
    for (name, hidden) in sheets {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| ReadError::new(path, format!("sheet {name}: {e}")))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells = Vec::new();
        for (r, c, d) in range.used_cells() {
            if let Some(v) = value_of(d) {
                cells.push((r0 + r as u32, (c0 as usize + c) as u16, v));
            }
        }
        let merges = match &mut wb {
            calamine::Sheets::Xlsx(x) => x
                .merge_cells_by_sheet_name(&name)
                .unwrap_or_default()
                .iter()
                .map(|d| (d.start.0, d.start.1 as u16, d.end.0, d.end.1 as u16))
                .collect(),
            _ => Vec::new(),
        };
        grids.push(Grid {
            widths: widths.get(&name).cloned().unwrap_or_default(),
            name,
            hidden,
            cells,
            merges,
        });
    }
    Ok(grids)
}

/// Attributes of an XML start tag, entities decoded.
fn attrs(e: &quick_xml::events::BytesStart) -> HashMap<String, String> {
    e.attributes()
        .flatten()
        .map(|a| {
            let key = a.key.as_ref().to_string();
            let raw = a.value.to_string();
            let value = raw
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            (key, value)
        })
        .collect()
}

fn zip_text<R: std::io::Read + std::io::Seek>(
    z: &mut zip::ZipArchive<R>,
    name: &str,
) -> Option<String> {
    let mut f = z.by_name(name).ok()?;
    let mut s = String::new();
    f.read_to_string(&mut s).ok()?;
    Some(s)
}

fn each_tag(xml: &str, mut f: impl FnMut(&str, HashMap<String, String>)) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e)) => {
                let name = e.local_name();
                f(name.as_ref(), attrs(&e));
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
}

/// Column widths of every sheet of an xlsx file (calamine does not read
/// them): workbook.xml names the sheets, its relationships locate their
/// parts, and each part's `<cols>` gives the widths.
/// Per sheet name: (first column, last column, width in pixels).
type Widths = HashMap<String, Vec<(u16, u16, u16)>>;

fn xlsx_column_widths(path: &Path) -> Option<Widths> {
    let file = std::fs::File::open(path).ok()?;
    let mut z = zip::ZipArchive::new(std::io::BufReader::new(file)).ok()?;
    let workbook = zip_text(&mut z, "xl/workbook.xml")?;
    let rels = zip_text(&mut z, "xl/_rels/workbook.xml.rels")?;
    let mut targets = HashMap::new();
    each_tag(&rels, |name, a| {
        if name == "Relationship" {
            if let (Some(id), Some(t)) = (a.get("Id"), a.get("Target")) {
                let part = if let Some(abs) = t.strip_prefix('/') {
                    abs.to_string()
                } else {
                    format!("xl/{t}")
                };
                targets.insert(id.clone(), part);
            }
        }
    });
    let mut sheets = Vec::new();
    each_tag(&workbook, |name, a| {
        if name == "sheet" {
            let rid = a
                .iter()
                .find(|(k, _)| k.ends_with(":id"))
                .map(|(_, v)| v.clone());
            if let (Some(n), Some(rid)) = (a.get("name"), rid) {
                sheets.push((n.clone(), rid));
            }
        }
    });
    let mut out = HashMap::new();
    for (name, rid) in sheets {
        let Some(part) = targets.get(&rid) else {
            continue;
        };
        let Some(xml) = zip_text(&mut z, part) else {
            continue;
        };
        let mut widths = Vec::new();
        each_tag(&xml, |tag, a| {
            if tag == "col" {
                let num = |k: &str| a.get(k).and_then(|v| v.parse::<f64>().ok());
                if let (Some(min), Some(max), Some(w)) = (num("min"), num("max"), num("width")) {
                    if min >= 1.0 && max >= min && w >= 0.0 {
                        let last = (max.min(16_384.0) - 1.0) as u16;
                        // the file's width is pixels ÷ 7 (the default font's digit width)
                        let pixels = (w * 7.0).round().min(f64::from(u16::MAX)) as u16;
                        widths.push(((min - 1.0) as u16, last, pixels));
                    }
                }
            }
        });
        out.insert(name, widths);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn sheet_names_are_made_valid() {
        assert_eq!(super::sheet_name("a/b:c"), "a_b_c");
        assert_eq!(super::sheet_name(&"长".repeat(40)).chars().count(), 31);
        assert_eq!(super::sheet_name(""), "Sheet1");
    }
}
