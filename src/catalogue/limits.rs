//! What a file may claim before it is read: every limit has a default a
//! real province fits in, and a flag to raise it. A file over a limit is
//! refused with one line naming the file, the part and the limit; memory
//! follows the cells present, never coordinates or a container's claims.
//!
//! - a zip part (a sheet's XML, the shared strings) may inflate to at most
//!   `max_part_bytes`; the zip reader stops every part at its declared size,
//!   so the declared sizes are checked before anything is decompressed;
//! - a sheet may hold at most `max_cells` cells, counted as they stream
//!   (and, for OpenDocument, as its repeat counts would expand them).

use super::ReadError;
use std::io::Read;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_part_bytes: u64,
    pub max_cells: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            // a 100,000-item province list is about 60 MB of sheet XML
            max_part_bytes: 256 << 20,
            max_cells: 20_000_000,
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

/// Refuse a zip container with a part that would inflate past the limit.
pub fn check_zip(path: &Path, limits: &Limits) -> Result<(), ReadError> {
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
                format!(
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
pub fn check_ods(path: &Path, limits: &Limits) -> Result<(), ReadError> {
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
                                format!(
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

/// The error of a sheet with more cells than the limit.
pub fn too_many_cells(path: &Path, sheet: &str, limits: &Limits) -> ReadError {
    ReadError::new(
        path,
        format!(
            "sheet {sheet} has more than {} cells (--max-cells)",
            limits.max_cells
        ),
    )
}
