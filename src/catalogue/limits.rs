//! What a file may claim before it is read: every limit has a default a
//! real province fits in, and a flag to raise it. A file over a limit is
//! refused with one line naming the file, the part and the limit; memory
//! follows the cells present, never coordinates or a container's claims.
//!
//! - a zip part (a sheet's XML, the shared strings) may inflate to at most
//!   `max_part_bytes`; the zip reader stops every part at its declared size,
//!   so the declared sizes are checked before anything is decompressed;
//! - a sheet may hold at most `max_cells` cells, counted as they stream
//!   (and, for OpenDocument, as its repeat counts would expand them);
//! - a cell may hold at most `max_cell_bytes` bytes of text: a longer one is
//!   cut (at a character boundary) as it is read, and is an `oversized-cell`
//!   finding on that cell; the run goes on.

use super::ReadError;
use std::io::Read;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_part_bytes: u64,
    pub max_cells: u64,
    pub max_cell_bytes: u64,
}

/// Limits as a layer of settings sets them (flags, `limits:` in
/// santong.yaml); unset ones fall through to the next layer.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// The most bytes a zip part (a sheet's XML, the shared strings) may inflate to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_part_bytes: Option<u64>,
    /// The most cells a sheet may hold (a legacy or OpenDocument sheet as laid out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_cells: Option<u64>,
    /// The most bytes of text a cell may hold; a longer cell is cut and reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_cell_bytes: Option<u64>,
}

impl Limits {
    /// Each limit from the first layer that sets it, else the default.
    pub fn layered(layers: &[&LimitsConfig]) -> Limits {
        let d = Limits::default();
        let pick = |f: fn(&LimitsConfig) -> Option<u64>, default: u64| {
            layers.iter().find_map(|l| f(l)).unwrap_or(default)
        };
        Limits {
            max_part_bytes: pick(|l| l.max_part_bytes, d.max_part_bytes),
            max_cells: pick(|l| l.max_cells, d.max_cells),
            max_cell_bytes: pick(|l| l.max_cell_bytes, d.max_cell_bytes),
        }
    }

    /// Where a cell's text over the cell limit is cut: the last character
    /// boundary within the limit; none when the text fits.
    fn cut_at(&self, text: &str) -> Option<usize> {
        let max = usize::try_from(self.max_cell_bytes).unwrap_or(usize::MAX);
        crate::text::cut_point(text, max)
    }

    /// Cut a cell's text to the cell limit; the length it had, when cut.
    pub fn cut(&self, text: &mut String) -> Option<u64> {
        let end = self.cut_at(text)?;
        let len = text.len() as u64;
        text.truncate(end);
        text.shrink_to_fit();
        Some(len)
    }

    /// A cell's text as it is read: a copy of at most the cell limit, and
    /// the length it had when cut.
    pub fn cut_copy(&self, text: &str) -> (String, Option<u64>) {
        match self.cut_at(text) {
            None => (text.to_string(), None),
            Some(end) => (text[..end].to_string(), Some(text.len() as u64)),
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            // a 100,000-item province list is about 60 MB of sheet XML
            max_part_bytes: 256 << 20,
            // a legacy sheet is laid out densely: 65,536 × 256 would pass 16 million
            max_cells: 10_000_000,
            // Excel holds at most 32,767 characters in a cell: 96 KiB of
            // Chinese text; anything longer is a document pasted into a cell
            max_cell_bytes: 128 << 10,
        }
    }
}

fn mib(n: u64) -> String {
    if n >= 1 << 30 {
        format!("{:.1} GiB", n as f64 / (1u64 << 30) as f64)
    } else {
        format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64)
    }
}

/// Refuse a zip container (xlsx or ods) that claims too much: a part that
/// would inflate past the limit, or OpenDocument repeat counts past the
/// cell limit (a container without `content.xml` has none).
pub fn check_zip(path: &Path, limits: &Limits) -> Result<(), ReadError> {
    check_parts(path, limits)?;
    check_ods(path, limits)
}

fn check_parts(path: &Path, limits: &Limits) -> Result<(), ReadError> {
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(());
    };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        // not a zip the reader can open either: it says why
        return Ok(());
    };
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            continue;
        };
        if entry.size() > limits.max_part_bytes {
            return Err(ReadError::new(
                path,
                crate::tr!(
                    "部件 {} 解压后为 {}，超过上限 {}（--max-part-bytes）",
                    "part {} inflates to {}, over the limit of {} (--max-part-bytes)",
                    entry.name().unwrap_or_default(),
                    mib(entry.size()),
                    mib(limits.max_part_bytes)
                ),
            ));
        }
    }
    Ok(())
}

/// Refuse an OpenDocument spreadsheet whose repeat counts expand a sheet
/// past the cell limit (`number-columns-repeated` × `number-rows-repeated`
/// on cells that hold something).
fn check_ods(path: &Path, limits: &Limits) -> Result<(), ReadError> {
    use quick_xml::events::Event as X;
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(());
    };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return Ok(());
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(
        content.take(limits.max_part_bytes),
    ));
    let mut buf = Vec::new();
    let repeat = |e: &quick_xml::events::BytesStart, key: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| {
                let k: &str = a.key.as_ref();
                k == key
            })
            .and_then(|a| a.value.trim().parse().ok())
            .unwrap_or(1)
    };
    let (mut rows_repeat, mut cells) = (1u64, 0u64);
    loop {
        let ev = match xml.read_event_into(&mut buf) {
            Ok(X::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        match ev {
            X::Start(e) | X::Empty(e) => match e.name().as_ref() {
                "table:table" => cells = 0,
                "table:table-row" => rows_repeat = repeat(&e, "table:number-rows-repeated"),
                "table:table-cell" | "table:covered-table-cell" => {
                    let holds = e.attributes().flatten().any(|a| {
                        let k: &str = a.key.as_ref();
                        k == "office:value-type"
                    });
                    if holds {
                        let n =
                            repeat(&e, "table:number-columns-repeated").saturating_mul(rows_repeat);
                        cells = cells.saturating_add(n);
                        if cells > limits.max_cells {
                            return Err(ReadError::new(
                                path,
                                crate::tr!(
                                    "工作表的重复计数使其超过 {} 个单元格（--max-cells）",
                                    "a sheet's repeat counts expand it past {} cells (--max-cells)",
                                    limits.max_cells
                                ),
                            ));
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// Refuse a legacy .xls whose cells span more than the cell limit: the
/// reader lays each sheet out densely from its first to its last row and
/// column, so two cells at A1 and IV65536 would cost 16 million. The
/// workbook stream's cell records are scanned (row and column only)
/// before anything is allocated.
pub fn check_xls(path: &Path, limits: &Limits) -> Result<(), ReadError> {
    // a compound file the cfb crate cannot open (a sector chain that loops,
    // a directory that points outside the file) is refused here: calamine's
    // own reader would follow a looping chain until memory runs out
    let broken = |e: &dyn std::fmt::Display| {
        ReadError::new(path, format!("not a readable spreadsheet: {e}"))
    };
    let mut comp = cfb::open(path).map_err(|e| broken(&e))?;
    let name = ["/Workbook", "/Book", "/WORKBOOK", "/BOOK"]
        .into_iter()
        .find(|n| comp.is_stream(n));
    let Some(name) = name else {
        return Err(broken(&"the compound file holds no workbook stream"));
    };
    let stream = comp.open_stream(name).map_err(|e| broken(&e))?;
    let mut r = std::io::BufReader::new(stream.take(limits.max_part_bytes));
    // (min row, max row, min col, max col) of the current sheet
    let mut span: Option<(u32, u32, u32, u32)> = None;
    let mut header = [0u8; 4];
    let mut data = Vec::new();
    let too_big = |s: (u32, u32, u32, u32)| {
        u64::from(s.1 - s.0 + 1).saturating_mul(u64::from(s.3 - s.2 + 1)) > limits.max_cells
    };
    while r.read_exact(&mut header).is_ok() {
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let len = u16::from_le_bytes([header[2], header[3]]) as usize;
        data.resize(len, 0);
        if r.read_exact(&mut data).is_err() {
            break;
        }
        match kind {
            // BOF opens a substream (a sheet), EOF closes it
            0x0809 | 0x000A => span = None,
            // FORMULA, LABELSST, NUMBER, RK, LABEL, BOOLERR, RSTRING, MULRK
            0x0006 | 0x00FD | 0x0203 | 0x027E | 0x0204 | 0x0205 | 0x00D6 | 0x00BD if len >= 4 => {
                let row = u32::from(u16::from_le_bytes([data[0], data[1]]));
                let col = u32::from(u16::from_le_bytes([data[2], data[3]]));
                let last_col = if kind == 0x00BD && len >= 6 {
                    u32::from(u16::from_le_bytes([data[len - 2], data[len - 1]]))
                } else {
                    col
                };
                let s = match span {
                    None => (row, row, col, last_col.max(col)),
                    Some((r0, r1, c0, c1)) => {
                        (r0.min(row), r1.max(row), c0.min(col), c1.max(last_col))
                    }
                };
                if too_big(s) {
                    return Err(ReadError::new(
                        path,
                        crate::tr!(
                            "工作表的单元格范围超过 {} 个单元格（--max-cells）",
                            "a sheet's cells span more than {} cells (--max-cells)",
                            limits.max_cells
                        ),
                    ));
                }
                span = Some(s);
            }
            _ => {}
        }
    }
    Ok(())
}

/// The error of a sheet with more cells than the limit.
pub fn too_many_cells(path: &Path, sheet: &str, limits: &Limits) -> ReadError {
    ReadError::new(
        path,
        crate::tr!(
            "工作表 {} 超过 {} 个单元格（--max-cells）",
            "sheet {} has more than {} cells (--max-cells)",
            sheet,
            limits.max_cells
        ),
    )
}
