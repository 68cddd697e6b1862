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
    /// 0-based rows the sheet hides.
    pub hidden_rows: Vec<u32>,
}

/// Read every sheet of a workbook, or a CSV file as one sheet named after
/// the file.
pub fn read_grids(path: &Path, opts: &super::ReadOptions) -> Result<Vec<Grid>, ReadError> {
    let reader = super::read::for_file(path)?;
    match reader.grid {
        Some(grid) => grid(path, opts),
        None => Err(ReadError::new(
            path,
            format!(
                "a {} catalogue has no cells to mark; --annotate needs one of {}",
                reader.name.to_uppercase(),
                super::read::grid_extension_list()
            ),
        )),
    }
}

/// The cells of a workbook or delimited file, opened by its content.
pub(crate) fn sniffed_grids(
    path: &Path,
    opts: &super::ReadOptions,
) -> Result<Vec<Grid>, ReadError> {
    match super::cells::sniff(path)? {
        super::cells::Kind::Text => read_csv_grid(path, opts).map(|g| vec![g]),
        super::cells::Kind::Zip | super::cells::Kind::Cfb => {
            read_workbook_grids(path, &opts.limits)
        }
        _ => Err(ReadError::new(
            path,
            format!(
                "only {} files can be copied with annotations",
                super::read::grid_extension_list()
            ),
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

fn read_csv_grid(path: &Path, opts: &super::ReadOptions) -> Result<Grid, ReadError> {
    use super::cells::RowSource;
    let mut rows = super::cells::CsvRows::open(path, opts)?;
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

fn read_workbook_grids(
    path: &Path,
    limits: &super::limits::Limits,
) -> Result<Vec<Grid>, ReadError> {
    let err = |e: &dyn std::fmt::Display| {
        ReadError::new(path, format!("not a readable spreadsheet: {e}"))
    };
    match super::cells::sniff(path)? {
        super::cells::Kind::Zip => super::limits::check_zip(path, limits)?,
        super::cells::Kind::Cfb => super::limits::check_xls(path, limits)?,
        _ => {}
    }
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| err(&e))?;
    let sheets: Vec<(String, bool)> = wb
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible != SheetVisible::Visible))
        .collect();
    let mut layouts = xlsx_sheet_layouts(path).unwrap_or_default();
    let mut grids = Vec::new();
    for (name, hidden) in sheets {
        let cells = sheet_cells(path, &mut wb, &name, limits)?;
        let merges = match &mut wb {
            calamine::Sheets::Xlsx(x) => x
                .merge_cells_by_sheet_name(&name)
                .unwrap_or_default()
                .iter()
                .map(|d| (d.start.0, d.start.1 as u16, d.end.0, d.end.1 as u16))
                .collect(),
            _ => Vec::new(),
        };
        let layout = layouts.remove(&name).unwrap_or_default();
        grids.push(Grid {
            widths: layout.widths,
            hidden_rows: layout
                .hidden_rows
                .iter()
                .map(|r| r.saturating_sub(1))
                .collect(),
            name,
            hidden,
            cells,
            merges,
        });
    }
    Ok(grids)
}

/// A sheet's cells as they are present: an xlsx sheet streams (a cell at
/// XFD1048576 costs one cell, not a dense range); other formats come as
/// calamine's ranges, refused past the cell limit.
fn sheet_cells(
    path: &Path,
    wb: &mut calamine::Sheets<std::io::BufReader<std::fs::File>>,
    name: &str,
    limits: &super::limits::Limits,
) -> Result<Vec<(u32, u16, CellValue)>, ReadError> {
    let sheet_err = |e: &dyn std::fmt::Display| ReadError::new(path, format!("sheet {name}: {e}"));
    let mut cells = Vec::new();
    if let calamine::Sheets::Xlsx(x) = wb {
        let mut reader = x.worksheet_cells_reader(name).map_err(|e| sheet_err(&e))?;
        let mut seen = 0u64;
        while let Some(c) = reader.next_cell().map_err(|e| sheet_err(&e))? {
            seen += 1;
            if seen > limits.max_cells {
                return Err(super::limits::too_many_cells(path, name, limits));
            }
            let (r, col) = c.get_position();
            let Ok(col) = u16::try_from(col) else {
                continue;
            };
            if let Some(v) = value_of(&Data::from(c.get_value().clone())) {
                cells.push((r, col, v));
            }
        }
        return Ok(cells);
    }
    let range = wb.worksheet_range(name).map_err(|e| sheet_err(&e))?;
    let (h, w) = range.get_size();
    if (h as u64).saturating_mul(w as u64) > limits.max_cells {
        return Err(super::limits::too_many_cells(path, name, limits));
    }
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (r, c, d) in range.used_cells() {
        if let Some(v) = value_of(d) {
            cells.push((r0 + r as u32, (c0 as usize + c) as u16, v));
        }
    }
    Ok(cells)
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

/// Call `f` with the attributes of every start tag named in `names`
/// (other tags are skipped without decoding their attributes). The XML is
/// streamed: a sheet of a million rows is never held in memory.
fn each_tag<R: std::io::BufRead>(
    xml: R,
    names: &[&str],
    mut f: impl FnMut(&str, HashMap<String, String>),
) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e)) => {
                let name = e.local_name();
                let name: &str = name.as_ref();
                if names.contains(&name) {
                    f(name, attrs(&e));
                }
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
}

/// Column widths of every sheet of an xlsx file (calamine does not read
/// them): workbook.xml names the sheets, its relationships locate their
/// parts, and each part's `<cols>` gives the widths.
/// What calamine does not read of a sheet: column widths and hidden rows.
#[derive(Debug, Clone, Default)]
pub struct SheetLayout {
    /// (first column, last column, width in pixels at the default font)
    pub widths: Vec<(u16, u16, u16)>,
    /// 1-based numbers of the rows the sheet hides.
    pub hidden_rows: Vec<u32>,
}

/// The layout of every sheet of an xlsx file, by sheet name: workbook.xml
/// names the sheets, its relationships locate their parts, and each part's
/// `<cols>` and `<row hidden="1">` give widths and hidden rows. None when
/// the file is not an xlsx package.
pub fn xlsx_sheet_layouts(path: &Path) -> Option<HashMap<String, SheetLayout>> {
    sheet_layouts(path, true)
}

/// The hidden rows of every sheet of an xlsx file that hides any, for
/// `check`: a sheet whose XML never says `hidden="…"` (nearly all) is only
/// decompressed and searched, not parsed.
pub fn xlsx_hidden_rows(path: &Path) -> HashMap<String, Vec<u32>> {
    sheet_layouts(path, false)
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, l)| !l.hidden_rows.is_empty())
        .map(|(n, l)| (n, l.hidden_rows))
        .collect()
}

/// Whether the XML mentions a hidden attribute anywhere.
fn mentions_hidden<R: Read>(mut r: R) -> bool {
    const NEEDLE: &[u8] = b" hidden=\"";
    let finder = memchr::memmem::Finder::new(NEEDLE);
    let mut buf = vec![0u8; 1 << 16];
    let mut kept = 0usize;
    loop {
        let n = match r.read(&mut buf[kept..]) {
            Ok(0) | Err(_) => return false,
            Ok(n) => n,
        };
        let end = kept + n;
        if finder.find(&buf[..end]).is_some() {
            return true;
        }
        // keep a tail so a needle split between reads is still found
        let tail = NEEDLE.len().min(end);
        buf.copy_within(end - tail..end, 0);
        kept = tail;
    }
}

fn sheet_layouts(path: &Path, widths: bool) -> Option<HashMap<String, SheetLayout>> {
    let file = std::fs::File::open(path).ok()?;
    let mut z = zip::ZipArchive::new(std::io::BufReader::new(file)).ok()?;
    let workbook = zip_text(&mut z, "xl/workbook.xml")?;
    let rels = zip_text(&mut z, "xl/_rels/workbook.xml.rels")?;
    let mut targets = HashMap::new();
    each_tag(rels.as_bytes(), &["Relationship"], |name, a| {
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
    each_tag(workbook.as_bytes(), &["sheet"], |name, a| {
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
        if !widths {
            let Ok(entry) = z.by_name(part) else {
                continue;
            };
            if !mentions_hidden(entry) {
                continue;
            }
        }
        let Ok(entry) = z.by_name(part) else {
            continue;
        };
        let mut layout = SheetLayout::default();
        each_tag(
            std::io::BufReader::new(entry),
            &["col", "row"],
            |tag, a| match tag {
                "col" => {
                    let num = |k: &str| a.get(k).and_then(|v| v.parse::<f64>().ok());
                    if let (Some(min), Some(max), Some(w)) = (num("min"), num("max"), num("width"))
                    {
                        if min >= 1.0 && max >= min && w >= 0.0 {
                            let last = (max.min(16_384.0) - 1.0) as u16;
                            // the file's width is pixels ÷ 7 (the default font's digit width)
                            let pixels = (w * 7.0).round().min(f64::from(u16::MAX)) as u16;
                            layout.widths.push(((min - 1.0) as u16, last, pixels));
                        }
                    }
                }
                "row" => {
                    let hidden = a.get("hidden").is_some_and(|v| v == "1" || v == "true");
                    if let (true, Some(r)) = (hidden, a.get("r").and_then(|v| v.parse().ok())) {
                        layout.hidden_rows.push(r);
                    }
                }
                _ => {}
            },
        );
        out.insert(name, layout);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn hidden_attributes_are_found_across_reads() {
        let mut xml = vec![b'x'; (1 << 16) - 5];
        xml.extend_from_slice(b"<row r=\"9\" hidden=\"1\">");
        assert!(super::mentions_hidden(&xml[..]));
        assert!(!super::mentions_hidden(&b"<row r=\"9\">"[..]));
    }

    #[test]
    fn sheet_names_are_made_valid() {
        assert_eq!(super::sheet_name("a/b:c"), "a_b_c");
        assert_eq!(super::sheet_name(&"长".repeat(40)).chars().count(), 31);
        assert_eq!(super::sheet_name(""), "Sheet1");
    }
}
