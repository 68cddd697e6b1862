//! The readers registry: one row per catalogue format, saying which file
//! names it reads, how to recognise its content, how to read it as records,
//! how to copy it as cells for `--annotate`, and how its values are
//! located. Directory walks, the starter globs of `santong init`, help
//! text and "unsupported file" messages are all derived from these rows.
//!
//! Adding a reader: its file here with a `READER` constant, one line in
//! [`READERS`].

mod csv;
pub(crate) mod exchange;
mod workbook;
pub(crate) mod yaml;

use super::grid::Grid;
use super::{Event, ReadError, ReadOptions};
use crate::standard::Standard;
use std::path::Path;

/// How a reader's findings are located.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locate {
    /// By sheet, row and column.
    Cells,
    /// By line (the row number is a line; there are no columns).
    Lines,
    /// By path in the document (`[3].AUDIT_ITEM.task_name`): the row
    /// indexes the source's location table.
    Paths,
}

type ReadFn = fn(&Path, &Standard, &ReadOptions, &mut dyn FnMut(Event)) -> Result<(), ReadError>;
type GridFn = fn(&Path, &ReadOptions) -> Result<Vec<Grid>, ReadError>;

/// One catalogue format.
pub struct Reader {
    pub name: &'static str,
    /// Extensions read, and picked up when a directory is walked.
    pub extensions: &'static [&'static str],
    /// Extensions read when a file is named, but never picked up by a
    /// directory walk (too many unrelated files carry them).
    pub named_only: &'static [&'static str],
    /// Recognises the format from the first bytes of a file whose
    /// extension no reader claims.
    pub sniff: Option<fn(&[u8]) -> bool>,
    pub read: ReadFn,
    /// The file as cells for the annotated copy; none when it has no cells.
    pub grid: Option<GridFn>,
    pub locate: Locate,
}

/// Every reader, in the order help text lists them.
pub const READERS: &[Reader] = &[
    workbook::READER,
    csv::READER,
    yaml::READER,
    exchange::READER,
];

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The reader a file name asks for.
pub fn by_name(path: &Path) -> Option<&'static Reader> {
    let ext = extension(path);
    READERS
        .iter()
        .find(|r| r.extensions.contains(&ext.as_str()) || r.named_only.contains(&ext.as_str()))
}

/// The reader for a file: by its name, else by its first bytes.
pub fn for_file(path: &Path) -> Result<&'static Reader, ReadError> {
    if let Some(r) = by_name(path) {
        return Ok(r);
    }
    let mut head = [0u8; 8];
    let n = std::fs::File::open(path)
        .and_then(|mut f| super::cells::read_up_to(&mut f, &mut head))
        .unwrap_or(0);
    READERS
        .iter()
        .find(|r| r.sniff.is_some_and(|s| s(&head[..n])))
        .ok_or_else(|| {
            ReadError::new(
                path,
                crate::tr!(
                    "不支持的文件类型 `.{}`（应为 {}）",
                    "unsupported file type `.{}` (expected {})",
                    extension(path),
                    readable_extension_list()
                ),
            )
        })
}

/// Whether a directory walk picks the file up.
pub fn is_walked(path: &Path) -> bool {
    let ext = extension(path);
    READERS.iter().any(|r| r.extensions.contains(&ext.as_str()))
}

/// Whether findings in the file are located by line.
pub fn locates_by_line(path: &Path) -> bool {
    by_name(path).is_some_and(|r| r.locate == Locate::Lines)
}

/// The extensions a directory walk reads, of the readers `keep` accepts.
pub fn walked_extensions(keep: impl Fn(&Reader) -> bool) -> Vec<&'static str> {
    READERS
        .iter()
        .filter(|r| keep(r))
        .flat_map(|r| r.extensions.iter().copied())
        .collect()
}

fn dotted(exts: &[&str]) -> String {
    exts.iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(crate::tr!("、", ", ").as_str())
}

/// `.xlsx, .xlsm, …, .yml`: what a directory walk reads.
pub fn extension_list() -> String {
    dotted(&walked_extensions(|_| true))
}

/// Every extension a named file may have: `.xlsx, …, .yml, .txt, .json`.
pub fn readable_extension_list() -> String {
    let mut exts = walked_extensions(|_| true);
    exts.extend(READERS.iter().flat_map(|r| r.named_only.iter().copied()));
    dotted(&exts)
}

/// The extensions of the readers that can be copied with annotations.
pub fn grid_extension_list() -> String {
    dotted(&walked_extensions(|r| r.grid.is_some()))
}

/// One glob for every walked extension below `dir`: `dir/**/*.{xlsx,…}`.
pub fn starter_glob(dir: &str) -> String {
    format!("{dir}/**/*.{{{}}}", walked_extensions(|_| true).join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_extension_has_one_reader() {
        let mut seen = std::collections::HashSet::new();
        for r in READERS {
            for e in r.extensions.iter().chain(r.named_only) {
                assert!(seen.insert(*e), "{e} claimed twice");
            }
        }
        assert_eq!(
            by_name(Path::new("a.XLSX")).map(|r| r.name),
            Some("workbook")
        );
        assert_eq!(by_name(Path::new("a.txt")).map(|r| r.name), Some("csv"));
        assert!(!is_walked(Path::new("readme.txt")));
        assert!(is_walked(Path::new("清单.xls")));
        assert!(locates_by_line(Path::new("items/a.yml")));
        assert!(!locates_by_line(Path::new("a.csv")));
    }

    #[test]
    fn the_starter_glob_matches_what_a_walk_reads() {
        let g = globset::Glob::new(&starter_glob("catalogues"))
            .unwrap()
            .compile_matcher();
        assert!(g.is_match("catalogues/gx/清单.xlsx"));
        assert!(g.is_match("catalogues/a.yml"));
        assert!(!g.is_match("catalogues/readme.txt"));
    }
}
