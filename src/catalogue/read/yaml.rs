//! YAML catalogues, for catalogue repositories kept in git: one item per
//! file (a mapping) or a list of items. Keys are element ids (`name`,
//! `basic_code` …) or Chinese labels; `materials` / `申请材料` and `fees` /
//! `收费项目` hold lists of mappings. Locations are line numbers.

use super::{Locate, Reader};
use crate::catalogue::cells::number_text;
use crate::catalogue::{Event, Field, Item, Part, ReadError, ReadOptions, Source, TableInfo};
use crate::standard::{Scope, Standard};
use serde_json::Value as J;
use std::path::Path;
use std::sync::Arc;

const MATERIAL_KEYS: [&str; 4] = ["materials", "申请材料", "材料", "申请材料清单"];
const FEE_KEYS: [&str; 3] = ["fees", "收费项目", "收费项目清单"];

fn scalar_text(v: &J) -> Option<String> {
    match v {
        J::Null => None,
        J::Bool(b) => Some(if *b { "是" } else { "否" }.into()),
        J::Number(n) => Some(match n.as_f64() {
            Some(f) if n.is_f64() => number_text(f),
            _ => n.to_string(),
        }),
        J::String(s) => Some(s.clone()),
        J::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(scalar_text).collect();
            (!parts.is_empty()).then(|| parts.join("^"))
        }
        J::Object(_) => None,
    }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// Lines (0-based) where list entries at the shallowest indentation start.
fn entry_starts(lines: &[&str], from: usize, to: usize, min_indent: usize) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut level: Option<usize> = None;
    for (i, line) in lines.iter().enumerate().take(to).skip(from) {
        let t = line.trim_start();
        if t.starts_with('#') || t.is_empty() {
            continue;
        }
        let ind = indent(line);
        if ind < min_indent {
            continue;
        }
        if t.starts_with("- ") || t == "-" {
            match level {
                None => {
                    level = Some(ind);
                    starts.push(i);
                }
                Some(l) if l == ind => starts.push(i),
                _ => {}
            }
        }
    }
    starts
}

fn key_line(lines: &[&str], from: usize, to: usize, key: &str) -> Option<usize> {
    (from..to.min(lines.len())).find(|&i| {
        let t = lines[i].trim_start().trim_start_matches("- ").trim_start();
        t.strip_prefix(key)
            .map(|r| {
                r.trim_start_matches(['"', '\''])
                    .trim_start()
                    .starts_with(':')
            })
            .unwrap_or(false)
            || t.strip_prefix(&format!("\"{key}\""))
                .is_some_and(|r| r.trim_start().starts_with(':'))
    })
}

fn element_for(standard: &Standard, key: &str, scope: Scope) -> Option<usize> {
    if let Some(i) = standard.element_index(key) {
        return Some(i);
    }
    let m = standard.match_header(key);
    m.iter()
        .find(|&&e| standard.elements[e].scope == scope)
        .or(m.first())
        .copied()
}

fn fields_of(
    standard: &Standard,
    obj: &serde_json::Map<String, J>,
    scope: Scope,
    lines: &[&str],
    range: (usize, usize),
) -> (Vec<Field>, Vec<(String, u32)>) {
    let mut fields = Vec::new();
    let mut unknown = Vec::new();
    for (k, v) in obj {
        if MATERIAL_KEYS.contains(&k.as_str()) || FEE_KEYS.contains(&k.as_str()) {
            continue;
        }
        let line = key_line(lines, range.0, range.1, k)
            .map(|l| l as u32 + 1)
            .unwrap_or(range.0 as u32 + 1);
        match element_for(standard, k, scope) {
            Some(e) => {
                if let Some(text) = scalar_text(v) {
                    fields.push(Field {
                        element: e,
                        text,
                        row: line,
                        col: None,
                        numeric: matches!(v, J::Number(_)),
                    });
                }
            }
            None if standard.is_ignored_header(k) => {}
            None => unknown.push((k.clone(), line)),
        }
    }
    (fields, unknown)
}

/// An item's materials and fees: lists under the keys that name them, of
/// mappings or (for materials) bare names.
fn parts_of(
    standard: &Standard,
    obj: &serde_json::Map<String, J>,
    lines: &[&str],
    (start, end): (usize, usize),
) -> (Vec<Part>, Vec<Part>) {
    let mut materials = Vec::new();
    let mut fees = Vec::new();
    for (keys, scope, out) in [
        (&MATERIAL_KEYS[..], Scope::Material, &mut materials),
        (&FEE_KEYS[..], Scope::Fee, &mut fees),
    ] {
        for k in keys {
            let Some(J::Array(list)) = obj.get(*k) else {
                continue;
            };
            let kl = key_line(lines, start, end, k).unwrap_or(start);
            let sub = entry_starts(lines, kl + 1, end, indent(lines.get(kl).unwrap_or(&"")) + 1);
            for (j, m) in list.iter().enumerate() {
                let ms = sub.get(j).copied().unwrap_or(kl);
                let me = sub.get(j + 1).copied().unwrap_or(end);
                let part_fields = match m {
                    J::Object(mo) => fields_of(standard, mo, scope, lines, (ms, me)).0,
                    // a bare list of material names
                    other => match (scalar_text(other), standard.ids.material_name) {
                        (Some(t), Some(e)) if scope == Scope::Material => vec![Field {
                            element: e,
                            text: t,
                            row: ms as u32 + 1,
                            col: None,
                            numeric: false,
                        }],
                        _ => Vec::new(),
                    },
                };
                out.push(Part {
                    row: ms as u32 + 1,
                    fields: part_fields,
                });
            }
        }
    }
    (materials, fees)
}

/// One table description for the file: the union of keys used; unknown
/// keys carry their line in place of a column.
#[allow(clippy::type_complexity)]
fn columns_of(
    standard: &Standard,
    items: &[&J],
    unknown_all: Vec<(String, u32)>,
) -> (Vec<(u32, usize, String)>, Vec<(u32, String)>) {
    let mut columns: Vec<(u32, usize, String)> = Vec::new();
    for it in items {
        if let J::Object(o) = it {
            for k in o.keys() {
                if let Some(e) = element_for(standard, k, Scope::Item) {
                    if !columns.iter().any(|c| c.1 == e) {
                        columns.push((columns.len() as u32, e, k.clone()));
                    }
                }
            }
        }
    }
    let mut unknown: Vec<(u32, String)> = Vec::new();
    for (k, line) in unknown_all {
        if !unknown.iter().any(|(_, u)| *u == k) {
            unknown.push((line, k));
        }
    }
    (columns, unknown)
}

/// YAML items: one item per file, a list, or a mapping with `items`.
pub const READER: Reader = Reader {
    name: "yaml",
    extensions: &["yaml", "yml"],
    named_only: &[],
    sniff: None,
    read,
    grid: None,
    locate: Locate::Lines,
};

fn read(
    path: &Path,
    standard: &Standard,
    _opts: &ReadOptions,
    sink: &mut dyn FnMut(Event),
) -> Result<(), ReadError> {
    let bytes = std::fs::read(path).map_err(|e| ReadError::new(path, e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| ReadError::new(path, "YAML must be UTF-8"))?;
    read_str(&text, path, standard, sink)
}

/// Read YAML catalogue text; `path` names it in locations and messages.
pub fn read_str(
    text: &str,
    path: &Path,
    standard: &Standard,
    sink: &mut dyn FnMut(Event),
) -> Result<(), ReadError> {
    let doc: J = crate::yaml::parse(text, path).map_err(|e| ReadError::new(path, e.to_string()))?;
    let lines: Vec<&str> = text.lines().collect();
    let source = Arc::new(Source {
        path: path.display().to_string(),
        sheet: None,
    });
    let (items, list_from): (Vec<&J>, Option<usize>) = match &doc {
        J::Array(a) => (a.iter().collect(), Some(0)),
        J::Object(o) => match o.get("items") {
            Some(J::Array(a)) => (
                a.iter().collect(),
                key_line(&lines, 0, lines.len(), "items"),
            ),
            _ => (vec![&doc], None),
        },
        J::Null => (Vec::new(), None),
        _ => {
            return Err(ReadError::new(
                path,
                "expected a mapping (one item) or a list of items",
            ))
        }
    };
    let starts = match list_from {
        Some(from) => entry_starts(&lines, from, lines.len(), 0),
        None => vec![0],
    };
    let mut unknown_all = Vec::new();
    let mut parsed = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let J::Object(obj) = item else {
            return Err(ReadError::new(
                path,
                format!("item {} is not a mapping", i + 1),
            ));
        };
        let start = starts.get(i).copied().unwrap_or(0);
        let end = starts.get(i + 1).copied().unwrap_or(lines.len());
        let (fields, unknown) = fields_of(standard, obj, Scope::Item, &lines, (start, end));
        unknown_all.extend(unknown);
        let (materials, fees) = parts_of(standard, obj, &lines, (start, end));
        parsed.push(Item {
            source: source.clone(),
            row: start as u32 + 1,
            fields,
            materials,
            fees,
        });
    }
    let (columns, unknown) = columns_of(standard, &items, unknown_all);
    if !parsed.is_empty() {
        sink(Event::Table(TableInfo {
            source: source.clone(),
            role: Scope::Item,
            header_rows: Vec::new(),
            columns,
            unknown,
            duplicates: Vec::new(),
            by_line: true,
        }));
    }
    for item in parsed {
        sink(Event::Item(item));
    }
    Ok(())
}
