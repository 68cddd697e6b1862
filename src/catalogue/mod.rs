//! Reading catalogues: xlsx, xls, csv and YAML → items with cell locations.
//!
//! Readers know spreadsheets, not rules. They find the header row (below
//! any title rows, over one or two rows), match headers to the standard's
//! elements, group rows into items (materials arriving as extra rows with
//! merged or repeated item cells, or on their own sheet keyed by 实施编码),
//! and hand each record to a sink as soon as it is complete, so a
//! province-sized workbook is never held in memory whole. Every value keeps
//! its sheet, row and column. Interpreting values (labels, codes, numbers
//! written as text) is [`value`]'s job; judging them is `check`'s.

mod basic;
mod cells;
pub mod grid;
pub mod limits;
pub mod read;
pub mod suggest;
mod table;
pub mod value;

use crate::standard::{Scope, Standard};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use basic::{BasicCatalogue, BasicDefect, BasicEntry};
pub use cells::{read_up_to, workbook_magic};
pub use table::{column_index, column_letter, SAMPLED_COLUMNS};

/// Where a table came from: file and sheet (none for CSV and YAML).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Source {
    pub path: String,
    pub sheet: Option<String>,
    /// For files located by path (the exchange JSON): every location, so
    /// that row `r` is `locations[r - 1]`, e.g. `[3].AUDIT_MATERIAL[2].material_name`.
    pub locations: Option<Arc<Vec<String>>>,
}

impl Source {
    /// A file's or sheet's source, located by rows.
    pub fn new(path: impl Into<String>, sheet: Option<String>) -> Source {
        Source {
            path: path.into(),
            sheet,
            locations: None,
        }
    }

    /// The path a row stands for, in a file located by path.
    pub fn location(&self, row: u32) -> Option<&str> {
        let l = self.locations.as_ref()?;
        l.get((row as usize).checked_sub(1)?).map(String::as_str)
    }
}

/// An item left out because a later `task_version` of its task was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Superseded {
    /// The row (location) of the item left out, and of the one kept.
    pub row: u32,
    pub kept_row: u32,
    pub code: String,
    pub version: String,
    pub kept_version: String,
}

/// One cell's value as read, bound to an element of the standard.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Index into `Standard::elements`.
    pub element: usize,
    /// The cell's text (numbers formatted without a spurious `.0`).
    pub text: String,
    /// 1-based row as the spreadsheet shows it (CSV: record number; YAML: line).
    pub row: u32,
    /// 0-based column; none for YAML.
    pub col: Option<u32>,
    /// The cell held a number rather than text (leading zeros may be lost).
    pub numeric: bool,
    /// The cell's length in bytes, when it was cut to `--max-cell-bytes`.
    pub cut: Option<u64>,
    /// The text as [`crate::text::compact`] makes it, worked out the first
    /// time a rule asks and shared by all of them (none: the same as
    /// `text`). Set it only through [`Field::compact`].
    pub norm: std::sync::OnceLock<Option<Box<str>>>,
}

impl Field {
    /// The text in NFKC without whitespace ([`crate::text::compact`]),
    /// computed once per cell.
    pub fn compact(&self) -> &str {
        self.norm
            .get_or_init(|| match crate::text::compact(&self.text) {
                std::borrow::Cow::Borrowed(_) => None,
                std::borrow::Cow::Owned(s) => Some(s.into_boxed_str()),
            })
            .as_deref()
            .unwrap_or(&self.text)
    }
}

/// A group of fields read from one row: a material or a fee.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Part {
    pub row: u32,
    pub fields: Vec<Field>,
}

impl Part {
    pub fn get(&self, element: usize) -> Option<&Field> {
        self.fields.iter().find(|f| f.element == element)
    }
}

/// An item of an implementation list (or of a basic catalogue).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub source: Arc<Source>,
    /// First row of the item.
    pub row: u32,
    pub fields: Vec<Field>,
    pub materials: Vec<Part>,
    pub fees: Vec<Part>,
}

impl Item {
    pub fn get(&self, element: usize) -> Option<&Field> {
        self.fields.iter().find(|f| f.element == element)
    }
}

/// A material or fee on a sheet of its own, with the key columns that tie
/// it to an item.
#[derive(Debug, Clone, PartialEq)]
pub struct Detached {
    pub source: Arc<Source>,
    pub kind: Scope,
    /// Key fields (实施编码, 事项名称, 基本编码 …) found on the row.
    pub keys: Vec<Field>,
    pub part: Part,
}

/// How a table's columns were understood.
#[derive(Debug, Clone, PartialEq)]
pub struct TableInfo {
    pub source: Arc<Source>,
    pub role: Scope,
    /// 1-based rows of the header (one or two).
    pub header_rows: Vec<u32>,
    /// (0-based column, element index, header text)
    pub columns: Vec<(u32, usize, String)>,
    /// (0-based column, header text) not matching any element
    pub unknown: Vec<(u32, String)>,
    /// (0-based column, element index, header text) repeated elements
    pub duplicates: Vec<(u32, usize, String)>,
    /// Located by line (YAML) or path (JSON): `columns` only records which
    /// elements occur.
    pub by_line: bool,
    /// Items left out for a later version (the exchange JSON).
    pub superseded: Vec<Superseded>,
}

impl TableInfo {
    pub fn has(&self, element: usize) -> bool {
        self.columns.iter().any(|c| c.1 == element)
    }
    pub fn column_of(&self, element: usize) -> Option<u32> {
        if self.by_line {
            return None;
        }
        self.columns.iter().find(|c| c.1 == element).map(|c| c.0)
    }
}

/// How a table's data rows were read. Every row below the header, through
/// the last one with a value, is exactly one of: the first row of an item,
/// a material or fee row (under an item, or on a sheet of their own), or
/// a row skipped for a reason; so `items + parts + skipped() == rows`.
/// Tables located by line or path (YAML, the exchange JSON) count records.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct RowAccount {
    #[serde(skip)]
    pub source: Option<Arc<Source>>,
    /// Data rows (records) of the table.
    pub rows: u32,
    /// Rows that start an item.
    pub items: u32,
    /// Material and fee rows.
    pub parts: u32,
    /// Rows with no cell at all.
    pub blank: u32,
    /// The header repeated (a sheet pasted together from several).
    pub repeated_header: u32,
    /// Notes (注：…, 填表人：…), 必填/选填 marker rows and rows numbering
    /// the columns.
    pub notes: u32,
    /// Section headings (一、行政许可（15项）): one cell in a wide table.
    pub headings: u32,
    /// Rows whose only cells are in columns that are not read.
    pub unread: u32,
    /// Records left out for a later version of the same task.
    pub superseded: u32,
    /// Rows read as material rows of the item above only because their
    /// item cells repeat its own, with no name or code to tell: (row, the
    /// item's first row).
    #[serde(rename = "folded")]
    pub guessed: Vec<(u32, u32)>,
    /// Cells of a second column of one element (服务对象 and 行政相对人性质)
    /// filled on a row where the first is filled too, with another value:
    /// (0-based column, row). Elsewhere the filled one is read.
    #[serde(skip)]
    pub conflicts: Vec<(u32, u32)>,
    /// Values of the columns that match no element (the first few
    /// distinct ones of each), to say what such a column probably is.
    #[serde(skip)]
    pub samples: Vec<(u32, Vec<String>)>,
}

impl RowAccount {
    pub fn new(source: &Arc<Source>) -> Self {
        RowAccount {
            source: Some(source.clone()),
            ..RowAccount::default()
        }
    }

    /// Count a record of a table located by line or path (YAML, the
    /// exchange JSON): the item and each of its materials and fees.
    pub fn record(&mut self, item: &Item) {
        let parts = (item.materials.len() + item.fees.len()) as u32;
        self.items += 1;
        self.parts += parts;
        self.rows += 1 + parts;
    }

    /// Rows skipped, for every reason.
    pub fn skipped(&self) -> u32 {
        self.blank
            + self.repeated_header
            + self.notes
            + self.headings
            + self.unread
            + self.superseded
    }

    /// Add another table's counts (a file's totals).
    pub fn add(&mut self, o: &RowAccount) {
        self.rows += o.rows;
        self.items += o.items;
        self.parts += o.parts;
        self.blank += o.blank;
        self.repeated_header += o.repeated_header;
        self.notes += o.notes;
        self.headings += o.headings;
        self.unread += o.unread;
        self.superseded += o.superseded;
        self.guessed.extend_from_slice(&o.guessed);
    }
}

/// What a reader hands to its sink.
#[derive(Debug, Clone)]
pub enum Event {
    Table(TableInfo),
    Item(Item),
    Detached(Detached),
    /// A sheet that holds no recognisable table (e.g. 填表说明).
    Skipped {
        source: Arc<Source>,
        reason: String,
    },
    /// Rows (1-based) a sheet hides; sent before the sheet's table.
    HiddenRows {
        source: Arc<Source>,
        rows: Vec<u32>,
    },
    /// How the table's rows were read; sent after its last record.
    Rows(RowAccount),
}

/// A file that could not be read at all.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ReadError {
    pub path: String,
    pub message: String,
}

impl ReadError {
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        ReadError {
            path: path.display().to_string(),
            message: message.into(),
        }
    }
}

/// Reader options.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force a CSV encoding (an encoding_rs label such as `gbk`, `utf-8`).
    pub encoding: Option<String>,
    /// What a file may claim (zip parts, cells per sheet, cell length).
    pub limits: limits::Limits,
}

/// The files a run reads, and the ones a directory walk passed over
/// because they are an editor's scratch files, not lists (to say so).
#[derive(Debug, Default)]
pub struct Inputs {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<PathBuf>,
}

/// A file that an editor or the system leaves beside real lists: the lock
/// file Excel and WPS keep while a workbook is open (`~$清单.xlsx`),
/// LibreOffice's (`.~lock.清单.xlsx#`), temporary saves (`~清单.tmp`,
/// `*.tmp`, `~WRL0001.tmp`), and the folder files of macOS and Windows
/// (`.DS_Store`, `Thumbs.db`, `desktop.ini`).
pub fn is_scratch_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    name.starts_with("~$")
        || (name.starts_with(".~lock.") && name.ends_with('#'))
        || lower.ends_with(".tmp")
        || matches!(lower.as_str(), ".ds_store" | "thumbs.db" | "desktop.ini")
}

/// Expand directories among `paths` into the catalogue files below them
/// (sorted, hidden directories such as `.git` skipped); files stay as
/// given. Scratch files ([`is_scratch_file`]) found in a directory are
/// skipped and listed.
pub fn expand_inputs(paths: &[PathBuf]) -> Inputs {
    let hidden_dir = |p: &Path, dir: bool| {
        dir && p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'))
    };
    let mut out = Inputs::default();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk_files(p, &hidden_dir, &mut found);
            for f in found {
                if is_scratch_file(&f) {
                    out.skipped.push(f);
                } else if read::is_walked(&f) && !is_hidden(&f) {
                    out.files.push(f);
                }
            }
        } else {
            out.files.push(p.clone());
        }
    }
    out
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Every file below `dir`, depth first in name order, leaving out the
/// entries `skip(path, is_dir)` names. Symbolic links to directories are
/// not followed, so a link cycle cannot make the walk endless.
pub fn walk_files(dir: &Path, skip: &dyn Fn(&Path, bool) -> bool, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<(PathBuf, bool)> = rd
        .flatten()
        .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir())))
        .collect();
    entries.sort();
    for (p, is_dir) in entries {
        if skip(&p, is_dir) {
            continue;
        }
        if is_dir {
            walk_files(&p, skip, out);
        } else {
            out.push(p);
        }
    }
}

/// Read a catalogue file, streaming its records to `sink`.
pub fn read(
    path: &Path,
    standard: &Standard,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Event),
) -> Result<(), ReadError> {
    if !path.is_file() {
        return Err(ReadError::new(
            path,
            if path.exists() {
                crate::tr!("不是普通文件", "not a regular file")
            } else {
                crate::tr!("文件不存在", "no such file")
            },
        ));
    }
    crate::output::note_read(path);
    let mut tables = 0usize;
    let mut skipped = Vec::new();
    let mut counting = |mut ev: Event| {
        cut_cells(&mut ev, &opts.limits);
        match &ev {
            Event::Table(_) => tables += 1,
            Event::Skipped { source, reason } => skipped.push(format!(
                "{}: {reason}",
                source.sheet.as_deref().unwrap_or("")
            )),
            _ => {}
        }
        sink(ev)
    };
    (read::for_file(path)?.read)(path, standard, opts, &mut counting)?;
    if tables == 0 {
        let detail = skipped
            .iter()
            .map(|s| s.trim_start_matches(": ").to_string())
            .collect::<Vec<_>>()
            .join("; ");
        return Err(ReadError::new(
            path,
            crate::tr!(
                "前几行中没有带标准表头（如 事项名称、基本编码、实施编码）的表{}",
                "no table with the standard's headers (such as 事项名称, 基本编码, 实施编码) in the first rows{}",
                if detail.is_empty() { String::new() } else { format!(" ({detail})") }
            ),
        ));
    }
    Ok(())
}

/// Cut every value over the cell limit that its reader did not cut as it
/// read (YAML and JSON values are parsed whole first).
fn cut_cells(ev: &mut Event, limits: &limits::Limits) {
    let fields: Vec<&mut Vec<Field>> = match ev {
        Event::Item(i) => std::iter::once(&mut i.fields)
            .chain(i.materials.iter_mut().map(|p| &mut p.fields))
            .chain(i.fees.iter_mut().map(|p| &mut p.fields))
            .collect(),
        Event::Detached(d) => vec![&mut d.keys, &mut d.part.fields],
        _ => return,
    };
    for f in fields.into_iter().flatten() {
        if f.cut.is_none() {
            f.cut = limits.cut(&mut f.text);
            f.norm = Default::default();
        }
    }
}

/// A catalogue held in memory, with detached materials and fees attached
/// to their items. For checks on province-sized inputs use [`read`].
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub path: PathBuf,
    pub tables: Vec<TableInfo>,
    pub items: Vec<Item>,
    /// Materials and fees whose key matched no item.
    pub orphans: Vec<Detached>,
}

impl Catalogue {
    pub fn load(
        path: &Path,
        standard: &Standard,
        opts: &ReadOptions,
    ) -> Result<Catalogue, ReadError> {
        Self::collect(path, standard, |sink| read(path, standard, opts, sink))
    }

    /// A catalogue from YAML text (used for the embedded sample catalogue).
    pub fn from_yaml_str(
        text: &str,
        name: &Path,
        standard: &Standard,
    ) -> Result<Catalogue, ReadError> {
        Self::collect(name, standard, |sink| {
            read::yaml::read_str(text, name, standard, sink)
        })
    }

    fn collect(
        path: &Path,
        standard: &Standard,
        reader: impl FnOnce(&mut dyn FnMut(Event)) -> Result<(), ReadError>,
    ) -> Result<Catalogue, ReadError> {
        let mut cat = Catalogue {
            path: path.to_path_buf(),
            ..Default::default()
        };
        let mut detached = Vec::new();
        reader(&mut |ev| match ev {
            Event::Table(t) => cat.tables.push(t),
            Event::Item(i) => cat.items.push(i),
            Event::Detached(d) => detached.push(d),
            Event::Skipped { .. } | Event::HiddenRows { .. } | Event::Rows(_) => {}
        })?;
        let keyer = KeyIndex::new(standard);
        let mut by_key: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (i, item) in cat.items.iter().enumerate() {
            for k in keyer.item_keys(item) {
                by_key.entry(k).or_insert(i);
            }
        }
        for d in detached {
            match keyer.detached_keys(&d).iter().find_map(|k| by_key.get(k)) {
                Some(&i) => {
                    let item = &mut cat.items[i];
                    match d.kind {
                        Scope::Fee => item.fees.push(d.part),
                        _ => item.materials.push(d.part),
                    }
                }
                None => cat.orphans.push(d),
            }
        }
        Ok(cat)
    }
}

/// Keys tying detached rows to items: the implementation code, else the
/// business-handling code, else the item name; each normalised.
pub struct KeyIndex {
    elements: Vec<(usize, &'static str)>,
}

impl KeyIndex {
    pub fn new(standard: &Standard) -> Self {
        let elements = [
            ("impl_code", "i"),
            ("handling_code", "h"),
            ("local_impl_code", "l"),
            ("basic_code", "b"),
            ("name", "n"),
        ]
        .iter()
        .filter_map(|(id, tag)| standard.element_index(id).map(|i| (i, *tag)))
        .collect();
        KeyIndex { elements }
    }

    fn keys_of<'a>(&self, fields: impl Fn(usize) -> Option<&'a Field>) -> Vec<String> {
        self.elements
            .iter()
            .filter_map(|(e, tag)| {
                let f = fields(*e)?;
                let k = value::clean_code(&f.text);
                (!k.is_empty()).then(|| format!("{tag}:{k}"))
            })
            .collect()
    }

    pub fn item_keys(&self, item: &Item) -> Vec<String> {
        self.keys_of(|e| item.get(e))
    }

    /// The most specific key of a detached row, with the field it came from.
    pub fn detached_key<'a>(&self, d: &'a Detached) -> Option<(String, &'a Field)> {
        self.elements.iter().find_map(|(e, tag)| {
            let f = d.keys.iter().find(|f| f.element == *e)?;
            let k = value::clean_code(&f.text);
            (!k.is_empty()).then(|| (format!("{tag}:{k}"), f))
        })
    }

    /// Keys of a detached row, most specific first.
    pub fn detached_keys(&self, d: &Detached) -> Vec<String> {
        self.keys_of(|e| d.keys.iter().find(|f| f.element == e))
    }
}
