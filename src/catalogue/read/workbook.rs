//! Workbooks: xlsx (streamed), xlsm, xlsb, xls and ods. The content, not
//! the extension, decides how a file is opened: systems export xlsx named
//! .xls and tab-separated text named .xls.

use super::{Locate, Reader};
use crate::catalogue::{cells, grid, Event, ReadError, ReadOptions};
use crate::standard::Standard;
use std::path::Path;

pub const READER: Reader = Reader {
    name: "workbook",
    extensions: &["xlsx", "xlsm", "xls", "xlsb", "ods"],
    named_only: &[],
    sniff: Some(sniff),
    read,
    grid: Some(grid::sniffed_grids),
    locate: Locate::Cells,
};

/// A zip (xlsx, ods) or compound-file (xls) container.
fn sniff(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

fn read(
    path: &Path,
    standard: &Standard,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Event),
) -> Result<(), ReadError> {
    cells::read_workbook(path, standard, opts, sink)
}
