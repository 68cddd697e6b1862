//! YAML catalogues, for catalogue repositories kept in git: one item per
//! file (a mapping) or a list of items. Keys are element ids (`name`,
//! `basic_code` …) or Chinese labels; `materials` / `申请材料` and `fees` /
//! `收费项目` hold lists of mappings. Locations are line numbers, from the
//! YAML parser's spans.

use super::{Locate, Reader};
use crate::catalogue::cells::number_text;
use crate::catalogue::{Event, Field, Item, Part, ReadError, ReadOptions, Source, TableInfo};
use crate::standard::{Scope, Standard};
use crate::yaml::{Key, Node, NodeValue};
use std::path::Path;
use std::sync::Arc;

const MATERIAL_KEYS: [&str; 4] = ["materials", "申请材料", "材料", "申请材料清单"];
const FEE_KEYS: [&str; 3] = ["fees", "收费项目", "收费项目清单"];

fn scalar_text(v: &Node) -> Option<String> {
    match &v.value {
        NodeValue::Null | NodeValue::Map(_) => None,
        NodeValue::Bool(b) => Some(if *b { "是" } else { "否" }.into()),
        NodeValue::Int(i) => Some(i.to_string()),
        NodeValue::BigInt(s) | NodeValue::Str(s) => Some(s.clone()),
        NodeValue::Float(f) => Some(number_text(*f)),
        NodeValue::Seq(a) => {
            let parts: Vec<String> = a.iter().filter_map(scalar_text).collect();
            (!parts.is_empty()).then(|| parts.join("^"))
        }
    }
}

/// A mapping's entries as YAML readers expect them: the last of a repeated
/// key wins, and keys come in a stable (sorted) order.
fn entries(map: &[(Key, Node)]) -> Vec<&(Key, Node)> {
    let mut out: Vec<&(Key, Node)> = Vec::new();
    for e in map.iter().rev() {
        if !out.iter().any(|o| o.0.text == e.0.text) {
            out.push(e);
        }
    }
    out.sort_by(|a, b| a.0.text.cmp(&b.0.text));
    out
}

/// The element a key names: its id, else a header alias (preferring one
/// of `scope`). The exchange JSON reader matches its field names the same way.
pub(crate) fn element_for(standard: &Standard, key: &str, scope: Scope) -> Option<usize> {
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
    map: &[(Key, Node)],
    scope: Scope,
) -> (Vec<Field>, Vec<(String, u32)>) {
    let mut fields = Vec::new();
    let mut unknown = Vec::new();
    for (k, v) in entries(map) {
        let key = k.text.as_str();
        if MATERIAL_KEYS.contains(&key) || FEE_KEYS.contains(&key) {
            continue;
        }
        match element_for(standard, key, scope) {
            Some(e) => {
                if let Some(text) = scalar_text(v) {
                    fields.push(Field {
                        element: e,
                        text,
                        row: k.line,
                        col: None,
                        numeric: matches!(
                            v.value,
                            NodeValue::Int(_) | NodeValue::BigInt(_) | NodeValue::Float(_)
                        ),
                        cut: None,
                        norm: Default::default(),
                    });
                }
            }
            None if standard.is_ignored_header(key) => {}
            None => unknown.push((k.text.clone(), k.line)),
        }
    }
    (fields, unknown)
}

/// An item's materials and fees: lists under the keys that name them, of
/// mappings or (for materials) bare names.
fn parts_of(standard: &Standard, item: &Node) -> (Vec<Part>, Vec<Part>) {
    let mut materials = Vec::new();
    let mut fees = Vec::new();
    for (keys, scope, out) in [
        (&MATERIAL_KEYS[..], Scope::Material, &mut materials),
        (&FEE_KEYS[..], Scope::Fee, &mut fees),
    ] {
        for k in keys {
            let Some(NodeValue::Seq(list)) = item.get(k).map(|n| &n.value) else {
                continue;
            };
            for m in list {
                let part_fields = match &m.value {
                    NodeValue::Map(mo) => fields_of(standard, mo, scope).0,
                    // a bare list of material names
                    _ => match (scalar_text(m), standard.ids.material_name) {
                        (Some(t), Some(e)) if scope == Scope::Material => vec![Field {
                            element: e,
                            text: t,
                            row: m.line,
                            col: None,
                            numeric: false,
                            cut: None,
                            norm: Default::default(),
                        }],
                        _ => Vec::new(),
                    },
                };
                out.push(Part {
                    row: m.line,
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
    items: &[&Node],
    unknown_all: Vec<(String, u32)>,
) -> (Vec<(u32, usize, String)>, Vec<(u32, String)>) {
    let mut columns: Vec<(u32, usize, String)> = Vec::new();
    for it in items {
        if let NodeValue::Map(m) = &it.value {
            for (k, _) in entries(m) {
                if let Some(e) = element_for(standard, &k.text, Scope::Item) {
                    if !columns.iter().any(|c| c.1 == e) {
                        columns.push((columns.len() as u32, e, k.text.clone()));
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
    let bytes = std::fs::read(path).map_err(|e| ReadError::new(path, crate::i18n::io_error(&e)))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        ReadError::new(
            path,
            crate::tr!("YAML 必须是 UTF-8 编码", "YAML must be UTF-8"),
        )
    })?;
    read_str(&text, path, standard, sink)
}

/// Read YAML catalogue text; `path` names it in locations and messages.
pub fn read_str(
    text: &str,
    path: &Path,
    standard: &Standard,
    sink: &mut dyn FnMut(Event),
) -> Result<(), ReadError> {
    let doc = crate::yaml::parse_tree(text, path).map_err(|e| {
        ReadError::new(
            path,
            crate::tr!(
                "不是有效的 YAML（第 {} 行第 {} 列）：{}",
                "not valid YAML (line {}, column {}): {}",
                e.line,
                e.column,
                e.message
            ),
        )
    })?;
    let source = Arc::new(Source::new(path.display().to_string(), None));
    // A single item is the file: it starts at line 1.
    let (items, single): (Vec<&Node>, bool) = match &doc.value {
        NodeValue::Seq(a) => (a.iter().collect(), false),
        NodeValue::Map(_) => match doc.get("items").map(|n| &n.value) {
            Some(NodeValue::Seq(a)) => (a.iter().collect(), false),
            _ => (vec![&doc], true),
        },
        NodeValue::Null => (Vec::new(), false),
        _ => {
            return Err(ReadError::new(
                path,
                crate::tr!(
                    "应为一个映射（一个事项）或事项的列表",
                    "expected a mapping (one item) or a list of items"
                ),
            ))
        }
    };
    let mut unknown_all = Vec::new();
    let mut parsed = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let NodeValue::Map(map) = &item.value else {
            return Err(ReadError::new(
                path,
                crate::tr!(
                    "第 {} 个事项不是映射（`键: 值`）",
                    "item {} is not a mapping",
                    i + 1
                ),
            ));
        };
        let (fields, unknown) = fields_of(standard, map, Scope::Item);
        unknown_all.extend(unknown);
        let (materials, fees) = parts_of(standard, item);
        parsed.push(Item {
            source: source.clone(),
            row: if single { 1 } else { item.line },
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
            superseded: Vec::new(),
        }));
    }
    let mut account = crate::catalogue::RowAccount::new(&source);
    for item in parsed {
        account.record(&item);
        sink(Event::Item(item));
    }
    if account.rows > 0 {
        sink(Event::Rows(account));
    }
    Ok(())
}
