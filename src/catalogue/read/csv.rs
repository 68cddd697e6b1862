//! Delimited text: CSV and tab-separated, in UTF-8 (with or without BOM),
//! UTF-16 or GBK/GB18030 (detected, or `--encoding`). `.txt` exports are
//! read when named but not picked up from directories.

use super::{Locate, Reader};
use crate::catalogue::{cells, grid, Event, ReadError, ReadOptions};
use crate::standard::Standard;
use std::path::Path;

pub const READER: Reader = Reader {
    name: "csv",
    extensions: &["csv", "tsv"],
    named_only: &["txt"],
    sniff: None,
    read,
    grid: Some(grid::sniffed_grids),
    locate: Locate::Cells,
};

fn read(
    path: &Path,
    standard: &Standard,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Event),
) -> Result<(), ReadError> {
    cells::read_csv(path, opts, standard, sink)
}
