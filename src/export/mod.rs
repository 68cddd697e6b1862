//! `santong export`: the normalised catalogue of every region as tables
//! other tools query — SQLite, Parquet, CSV, JSON Lines.
//!
//! One row per item, material and fee, with the region, the source file
//! and sheet, the row, and every element of the standard by id: a code
//! element as its national code and, beside it, its label (`case_kind`,
//! `case_kind_label`); a time limit as its number of days; any other
//! element as its normalised text (NFKC, trimmed). A cell the standard
//! cannot interpret keeps its text, so nothing in a list is lost. With
//! findings, a fourth table holds what `check` found, by file and row.

mod parquet;
mod sqlite;

use crate::catalogue::value::{interpret, Value};
use crate::catalogue::{Catalogue, Field, Item};
use crate::check::Finding;
use crate::i18n::Lang;
use crate::standard::{ElementType, Scope, Standard};
use std::path::Path;

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One SQLite database file with a table each
    Sqlite,
    /// A directory with one Parquet file per table
    Parquet,
    /// A directory with one CSV file per table (UTF-8 with a byte-order mark, for Excel)
    Csv,
    /// A directory with one JSON Lines file per table
    Jsonl,
}

/// A column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Text,
}

/// A cell: none when the list left it empty.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Int(i64),
    Text(String),
}

/// One table: its name, its columns and their types, its rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: &'static str,
    pub columns: Vec<(String, Kind)>,
    pub rows: Vec<Vec<Cell>>,
}

/// One region's list, read, with its findings when they were asked for.
pub struct Region<'a> {
    pub name: String,
    pub catalogue: &'a Catalogue,
    pub findings: Option<&'a [Finding]>,
}

/// The region a list is of: the name its 所属地区 column gives most often,
/// else its file name without the extension.
pub fn region_name(std: &Standard, c: &Catalogue) -> String {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    if let Some(i) = std.ids.region {
        for item in &c.items {
            if let Some(f) = item.get(i) {
                let t = crate::text::nfkc(&f.text).into_owned();
                if !t.is_empty() {
                    *counts.entry(t).or_default() += 1;
                }
            }
        }
    }
    crate::diff::region_name(counts, &c.path)
}

/// The element columns of a scope: each element's id, and for a code
/// element its label beside it.
fn element_columns(std: &Standard, scope: Scope) -> Vec<(usize, bool)> {
    std.elements
        .iter()
        .enumerate()
        .filter(|(_, e)| e.scope == scope)
        .map(|(i, e)| {
            (
                i,
                e.kind == ElementType::Code && std.vocabulary_of(e).is_some(),
            )
        })
        .collect()
}

fn header(std: &Standard, first: &[&str], elements: &[(usize, bool)]) -> Vec<(String, Kind)> {
    let mut cols: Vec<(String, Kind)> = first
        .iter()
        .map(|c| {
            let kind = if *c == "row" { Kind::Int } else { Kind::Text };
            (c.to_string(), kind)
        })
        .collect();
    for (i, coded) in elements {
        // an element named like a fixed column (`region`, 所属地区) keeps
        // its cell as `region_value`
        let id = &std.elements[*i].id;
        let name = if first.contains(&id.as_str()) {
            format!("{id}_value")
        } else {
            id.clone()
        };
        if *coded {
            cols.push((format!("{name}_label"), Kind::Text));
        }
        cols.insert(cols.len() - usize::from(*coded), (name, Kind::Text));
    }
    cols
}

/// An item's field for element `i`, and the label its label column
/// (事项类型名称) gives it: the code as written stays the value, and the
/// label column — which decides what the item is, as in `check` and
/// `guide` — is its label, or its value too when no code is written.
fn item_field<'i>(std: &Standard, item: &'i Item, i: usize) -> (Option<&'i Field>, Option<String>) {
    let label = std
        .label_column_of(i)
        .and_then(|l| item.get(l))
        .filter(|f| {
            matches!(
                interpret(&std.elements[i], std, &f.text, false).0,
                Value::Code(_)
            )
        });
    let code = item.get(i).filter(|f| !f.text.trim().is_empty());
    let written = label.map(|f| crate::text::nfkc(&f.text).into_owned());
    (code.or(label), written)
}

/// An element's cells: its value (and label) from the field, read as
/// element `i`.
fn element_cells(
    std: &Standard,
    i: usize,
    field: Option<&Field>,
    coded: bool,
    out: &mut Vec<Cell>,
) {
    let text = |s: &str| {
        if s.is_empty() {
            Cell::Null
        } else {
            Cell::Text(s.to_string())
        }
    };
    let Some(f) = field else {
        out.push(Cell::Null);
        if coded {
            out.push(Cell::Null);
        }
        return;
    };
    let el = &std.elements[i];
    let (value, _) = interpret(el, std, &f.text, f.numeric);
    let raw = crate::text::nfkc(&f.text).into_owned();
    let label_of = |code: &str| {
        std.vocabulary_of(el)
            .and_then(|v| v.label_of(code))
            .map(str::to_string)
    };
    let bare = std
        .vocabulary_of(el)
        .is_some_and(|v| v.bare_degree(&f.text));
    let (v, label) = match value {
        // a system's grading as likely as a national code: no national label
        _ if bare => (text(&raw), Cell::Null),
        Value::Code(c) => {
            let l = label_of(&c);
            (text(&c), l.map(Cell::Text).unwrap_or(Cell::Null))
        }
        Value::Codes(cs) if !cs.is_empty() => {
            let labels: Vec<String> = cs.iter().filter_map(|c| label_of(c)).collect();
            (Cell::Text(cs.join("^")), text(&labels.join("、")))
        }
        Value::Uncoded(l) => (Cell::Null, Cell::Text(l)),
        Value::Int(n) => (Cell::Text(n.to_string()), Cell::Null),
        Value::Duration { amount, .. } => (Cell::Text(amount.to_string()), Cell::Null),
        Value::Text(t) => (text(&t), Cell::Null),
        // not understood (or a word for none): the text as written
        Value::Absent | Value::Codes(_) => (text(&raw), Cell::Null),
    };
    out.push(v);
    if coded {
        out.push(label);
    }
}

fn place(region: &str, c: &Catalogue, item: &Item, row: u32) -> Vec<Cell> {
    vec![
        Cell::Text(region.to_string()),
        Cell::Text(c.path.display().to_string()),
        item.source
            .sheet
            .clone()
            .map(Cell::Text)
            .unwrap_or(Cell::Null),
        Cell::Int(i64::from(row)),
    ]
}

/// The tables of every region: items, materials, fees and, when any region
/// has them, findings.
pub fn tables(std: &Standard, regions: &[Region<'_>], lang: Lang) -> Vec<Table> {
    let item_cols = element_columns(std, Scope::Item);
    let mut items = Table {
        name: "items",
        columns: header(std, &["region", "source", "sheet", "row"], &item_cols),
        rows: Vec::new(),
    };
    let parts_head = [
        "region",
        "source",
        "sheet",
        "row",
        "item_impl_code",
        "item_basic_code",
        "item_name",
    ];
    let mat_cols = element_columns(std, Scope::Material);
    let fee_cols = element_columns(std, Scope::Fee);
    let mut materials = Table {
        name: "materials",
        columns: header(std, &parts_head, &mat_cols),
        rows: Vec::new(),
    };
    let mut fees = Table {
        name: "fees",
        columns: header(std, &parts_head, &fee_cols),
        rows: Vec::new(),
    };
    let key = |item: &Item, id: Option<usize>| {
        id.and_then(|i| item.get(i))
            .map(|f| crate::catalogue::value::clean_code(&f.text))
            .filter(|s| !s.is_empty())
            .map(Cell::Text)
            .unwrap_or(Cell::Null)
    };
    for r in regions {
        let c = r.catalogue;
        for item in &c.items {
            let mut row = place(&r.name, c, item, item.row);
            for (i, coded) in &item_cols {
                let (field, label) = item_field(std, item, *i);
                element_cells(std, *i, field, *coded, &mut row);
                if let (true, Some(l)) = (*coded, label) {
                    if let Some(last) = row.last_mut() {
                        *last = Cell::Text(l);
                    }
                }
            }
            items.rows.push(row);
            let keys = [
                key(item, std.ids.impl_code),
                key(item, std.ids.basic_code),
                std.ids
                    .name
                    .and_then(|i| item.get(i))
                    .map(|f| Cell::Text(crate::text::nfkc(&f.text).into_owned()))
                    .unwrap_or(Cell::Null),
            ];
            for (parts, cols, table) in [
                (&item.materials, &mat_cols, &mut materials),
                (&item.fees, &fee_cols, &mut fees),
            ] {
                for p in parts {
                    let mut row = place(&r.name, c, item, p.row);
                    row.extend(keys.iter().cloned());
                    for (i, coded) in cols {
                        element_cells(std, *i, p.get(*i), *coded, &mut row);
                    }
                    table.rows.push(row);
                }
            }
        }
    }
    let mut out = vec![items, materials, fees];
    if regions.iter().any(|r| r.findings.is_some()) {
        out.push(findings(std, regions, lang));
    }
    out
}

fn findings(std: &Standard, regions: &[Region<'_>], lang: Lang) -> Table {
    let columns = [
        "region", "source", "sheet", "row", "column", "element", "rule", "severity", "item",
        "value", "message", "rows",
    ]
    .iter()
    .map(|c| {
        let kind = if *c == "row" { Kind::Int } else { Kind::Text };
        (c.to_string(), kind)
    })
    .collect();
    let mut rows = Vec::new();
    let opt = |s: Option<&str>| s.map(|s| Cell::Text(s.to_string())).unwrap_or(Cell::Null);
    for r in regions {
        for f in r.findings.unwrap_or_default() {
            let v = crate::report::emit::FindingView::new(f, std, lang);
            let more: Vec<String> = f.rows().map(|n| n.to_string()).collect();
            rows.push(vec![
                Cell::Text(r.name.clone()),
                Cell::Text(r.catalogue.path.display().to_string()),
                opt(v.sheet),
                f.row.map(|n| Cell::Int(i64::from(n))).unwrap_or(Cell::Null),
                opt(v.column.as_deref()),
                opt(v.field),
                Cell::Text(f.rule.clone()),
                Cell::Text(v.severity.to_string()),
                opt(v.item),
                opt(v.value),
                Cell::Text(v.message.to_string()),
                Cell::Text(more.join(",")),
            ]);
        }
    }
    Table {
        name: "findings",
        columns,
        rows,
    }
}

/// Write the tables in a format: SQLite to the file `out`; the others to
/// the directory `out`, one file per table (`items.parquet`, …). Every
/// file is written atomically; a directory is created when missing.
pub fn write(tables: &[Table], format: ExportFormat, out: &Path) -> Result<Vec<String>, String> {
    match format {
        ExportFormat::Sqlite => {
            let bytes = sqlite::database(tables)?;
            crate::output::write_atomic(out, &bytes)?;
            Ok(vec![out.display().to_string()])
        }
        _ => {
            let dir = crate::output::OutDir::create(out)?.force(true);
            let mut written = Vec::new();
            for t in tables {
                let (ext, bytes) = match format {
                    ExportFormat::Parquet => ("parquet", parquet::file(t)?),
                    ExportFormat::Csv => ("csv", csv_bytes(t)?),
                    _ => ("jsonl", jsonl_bytes(t)),
                };
                let p = dir.write(&format!("{}.{ext}", t.name), &bytes)?;
                written.push(p.display().to_string());
            }
            Ok(written)
        }
    }
}

fn csv_bytes(t: &Table) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let e = |e: csv::Error| e.to_string();
    w.write_record(t.columns.iter().map(|(c, _)| c.as_str()))
        .map_err(e)?;
    for row in &t.rows {
        w.write_record(row.iter().map(|c| match c {
            Cell::Null => String::new(),
            Cell::Int(n) => n.to_string(),
            Cell::Text(s) => s.clone(),
        }))
        .map_err(e)?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

fn jsonl_bytes(t: &Table) -> Vec<u8> {
    let mut out = Vec::new();
    for row in &t.rows {
        let mut obj = serde_json::Map::new();
        for ((name, _), c) in t.columns.iter().zip(row) {
            let v = match c {
                Cell::Null => serde_json::Value::Null,
                Cell::Int(n) => serde_json::Value::from(*n),
                Cell::Text(s) => serde_json::Value::from(s.as_str()),
            };
            obj.insert(name.clone(), v);
        }
        out.extend_from_slice(serde_json::Value::Object(obj).to_string().as_bytes());
        out.push(b'\n');
    }
    out
}
