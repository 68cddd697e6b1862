//! The national exchange JSON: what vendor systems send and receive, one
//! object per item (domain.md §8).
//!
//! An item is `AUDIT_ITEM` (the item's fields) with `AUDIT_ITEM_EXTEND`,
//! and the lists `AUDIT_MATERIAL` (materials), `AUDIT_CHARGE` (fees),
//! `AUDIT_ITEM_BYLAW` (the legal basis, one law per entry), `AUDIT_ITEM_WINDOW`
//! (where and when), `AUDIT_QA` (questions and answers); fields may also
//! stand on the item object itself. A file holds one item, an array of
//! them, or either inside `{"data":{"list":[…]}}`, `{"CUSTOM":{…}}`,
//! `{"list"|"items"|"rows"|"records":[…]}`.
//!
//! Field names are matched as header aliases of the standard (`task_name`
//! is `TASK_NAME`, 事项名称); bookkeeping fields (`rowguid`, `ordernum` …)
//! are in the standard's `ignored_headers`. Numbers may be JSON numbers or
//! strings. Where one `task_code` (with one business code) comes in several
//! `task_version`s, the highest is read and the others are listed on the
//! table (`superseded-version`). Every value is located by its path in the
//! file, `[3].AUDIT_MATERIAL[2].material_name`: a location's row is its
//! place in [`Source::locations`].

use super::{Locate, Reader};
use crate::catalogue::cells::number_text;
use crate::catalogue::{
    Event, Field, Item, Part, ReadError, ReadOptions, Source, Superseded, TableInfo,
};
use crate::standard::{Scope, Standard};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

pub const READER: Reader = Reader {
    name: "exchange",
    extensions: &[],
    // a directory walk would pick up every package.json
    named_only: &["json"],
    sniff: Some(sniff),
    read,
    grid: None,
    locate: Locate::Paths,
};

/// A JSON object or array.
fn sniff(head: &[u8]) -> bool {
    let text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    matches!(
        text.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

/// Keys of wrappers around the item list.
const WRAPPERS: [&str; 6] = ["data", "CUSTOM", "list", "items", "rows", "records"];

/// The item objects of a document, with their paths.
fn item_list(doc: &Value) -> Vec<&serde_json::Map<String, Value>> {
    let mut v = doc;
    // unwrap at most a few levels: {"CUSTOM":{"data":{"list":[…]}}}
    for _ in 0..4 {
        match v {
            Value::Object(m) if !is_item(m) => match WRAPPERS.iter().find_map(|k| m.get(*k)) {
                Some(inner) => v = inner,
                None => break,
            },
            _ => break,
        }
    }
    match v {
        Value::Array(a) => a.iter().filter_map(Value::as_object).collect(),
        Value::Object(m) => vec![m],
        _ => Vec::new(),
    }
}

fn is_item(m: &serde_json::Map<String, Value>) -> bool {
    m.contains_key("AUDIT_ITEM")
        || m.keys()
            .any(|k| k.eq_ignore_ascii_case("task_code") || k.eq_ignore_ascii_case("task_name"))
}

/// A scalar as cell text: (text, was a number).
fn scalar(v: &Value) -> Option<(String, bool)> {
    match v {
        Value::String(s) => Some((s.clone(), false)),
        Value::Number(n) => Some((
            n.as_i64()
                .map(|i| i.to_string())
                .or_else(|| n.as_f64().map(number_text))
                .unwrap_or_else(|| n.to_string()),
            true,
        )),
        Value::Bool(b) => Some((if *b { "是" } else { "否" }.into(), false)),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(scalar).map(|(t, _)| t).collect();
            (!parts.is_empty()).then(|| (parts.join(","), false))
        }
        Value::Null | Value::Object(_) => None,
    }
}

/// The reader's state: the location table and what it found.
struct Reading<'a> {
    std: &'a Standard,
    locations: Vec<String>,
    columns: Vec<(u32, usize, String)>,
    unknown: Vec<(u32, String)>,
}

impl Reading<'_> {
    fn locate(&mut self, path: String) -> u32 {
        self.locations.push(path);
        self.locations.len() as u32
    }

    /// The scalar fields of an object, located below `at`.
    fn fields(
        &mut self,
        obj: &serde_json::Map<String, Value>,
        at: &str,
        scope: Scope,
        out: &mut Vec<Field>,
    ) {
        for (k, v) in obj {
            if matches!(v, Value::Object(_)) || (k.starts_with("AUDIT_") && v.is_array()) {
                continue;
            }
            let upper = k.to_ascii_uppercase();
            // a material's own task_code names its item, not another one
            if scope != Scope::Item && upper == "TASK_CODE" {
                continue;
            }
            let Some((text, numeric)) = scalar(v) else {
                continue;
            };
            match super::yaml::element_for(self.std, k, scope) {
                Some(e) => {
                    // a field in both AUDIT_ITEM and AUDIT_ITEM_EXTEND (or
                    // under two names): the filled one counts, the first
                    // when both are
                    let blank = text.trim().is_empty();
                    match out.iter().position(|f| f.element == e) {
                        Some(_) if blank => continue,
                        Some(j) if !out[j].text.trim().is_empty() => continue,
                        Some(j) => {
                            out.remove(j);
                        }
                        None => {}
                    }
                    let row = self.locate(format!("{at}.{k}"));
                    if scope == Scope::Item && !self.columns.iter().any(|c| c.1 == e) {
                        self.columns.push((self.columns.len() as u32, e, k.clone()));
                    }
                    out.push(Field {
                        element: e,
                        text,
                        row,
                        col: None,
                        numeric,
                        cut: None,
                        norm: Default::default(),
                    });
                }
                None if self.std.is_ignored_header(&upper) || self.std.is_ignored_header(k) => {}
                None => {
                    if !self.unknown.iter().any(|(_, u)| u == k) {
                        let row = self.locate(format!("{at}.{k}"));
                        self.unknown.push((row, k.clone()));
                    }
                }
            }
        }
    }

    /// The parts (materials or fees) of a list.
    fn parts(&mut self, list: Option<&Value>, at: &str, key: &str, scope: Scope) -> Vec<Part> {
        let Some(Value::Array(a)) = list else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, m) in a.iter().enumerate() {
            let Value::Object(o) = m else { continue };
            let here = format!("{at}.{key}[{i}]");
            let row = self.locate(here.clone());
            let mut fields = Vec::new();
            self.fields(o, &here, scope, &mut fields);
            out.push(Part { row, fields });
        }
        out
    }

    /// Text made of a list's entries (laws, windows, questions), one
    /// field located at the list.
    fn joined(
        &mut self,
        list: Option<&Value>,
        at: &str,
        key: &str,
        element: Option<usize>,
        entry: impl Fn(&serde_json::Map<String, Value>) -> Option<String>,
        fields: &mut Vec<Field>,
    ) {
        let (Some(Value::Array(a)), Some(e)) = (list, element) else {
            return;
        };
        if fields
            .iter()
            .any(|f| f.element == e && !f.text.trim().is_empty())
        {
            return;
        }
        fields.retain(|f| f.element != e);
        let texts: Vec<String> = a
            .iter()
            .filter_map(Value::as_object)
            .filter_map(&entry)
            .collect();
        if texts.is_empty() {
            return;
        }
        let row = self.locate(format!("{at}.{key}"));
        if !self.columns.iter().any(|c| c.1 == e) {
            self.columns
                .push((self.columns.len() as u32, e, key.to_string()));
        }
        fields.push(Field {
            element: e,
            text: texts.join("；"),
            row,
            col: None,
            numeric: false,
            cut: None,
            norm: Default::default(),
        });
    }

    fn item(
        &mut self,
        obj: &serde_json::Map<String, Value>,
        i: usize,
        source: &Arc<Source>,
    ) -> Item {
        let at = format!("[{i}]");
        let row = self.locate(at.clone());
        let mut fields = Vec::new();
        for part in ["AUDIT_ITEM", "AUDIT_ITEM_EXTEND"] {
            if let Some(Value::Object(o)) = obj.get(part) {
                self.fields(o, &format!("{at}.{part}"), Scope::Item, &mut fields);
            }
        }
        self.fields(obj, &at, Scope::Item, &mut fields);
        let text = |o: &serde_json::Map<String, Value>, k: &str| {
            o.get(k)
                .and_then(scalar)
                .map(|(t, _)| t.trim().to_string())
                .filter(|t| !t.is_empty())
        };
        let ids = &self.std.ids;
        let (basis, address, hours, faq) = (ids.legal_basis, ids.address, ids.hours, ids.faq);
        self.joined(
            obj.get("AUDIT_ITEM_BYLAW"),
            &at,
            "AUDIT_ITEM_BYLAW",
            basis,
            |o| {
                let law = text(o, "law_name")?;
                let law = if law.starts_with('《') {
                    law
                } else {
                    format!("《{law}》")
                };
                // a number the platform already bracketed keeps its own
                // brackets: 〔2019〕, （国务院令第311号）
                let number = text(o, "law_number")
                    .map(|n| {
                        let opens = n.starts_with(['(', '（', '〔', '[', '【']);
                        let closes = n.ends_with([')', '）', '〕', ']', '】']);
                        if opens && closes {
                            n
                        } else {
                            format!("（{n}）")
                        }
                    })
                    .unwrap_or_default();
                let clause = text(o, "clause_number").unwrap_or_default();
                Some(format!("{law}{number}{clause}"))
            },
            &mut fields,
        );
        for (element, key) in [(address, "transact_addr"), (hours, "transact_time")] {
            self.joined(
                obj.get("AUDIT_ITEM_WINDOW"),
                &at,
                "AUDIT_ITEM_WINDOW",
                element,
                |o| text(o, key),
                &mut fields,
            );
        }
        self.joined(
            obj.get("AUDIT_QA"),
            &at,
            "AUDIT_QA",
            faq,
            |o| {
                Some(format!(
                    "问：{}\n答：{}",
                    text(o, "question")?,
                    text(o, "answer").unwrap_or_default()
                ))
            },
            &mut fields,
        );
        let materials = self.parts(
            obj.get("AUDIT_MATERIAL"),
            &at,
            "AUDIT_MATERIAL",
            Scope::Material,
        );
        let fees = self.parts(obj.get("AUDIT_CHARGE"), &at, "AUDIT_CHARGE", Scope::Fee);
        Item {
            source: source.clone(),
            row,
            fields,
            materials,
            fees,
        }
    }
}

/// The key versions are told apart by: task code and business code.
fn version_key(std: &Standard, item: &Item) -> Option<(String, String)> {
    let text = |i: Option<usize>| {
        i.and_then(|i| item.get(i))
            .map(|f| crate::text::compact(&f.text).into_owned())
            .unwrap_or_default()
    };
    let code = text(std.ids.impl_code);
    (!code.is_empty()).then(|| (code, text(std.ids.handling_code)))
}

/// Compare versions: numerically when both are numbers, else as text.
fn newer(a: &str, b: &str) -> bool {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x > y,
        _ => a > b,
    }
}

/// Keep the highest `task_version` of each task: the items kept (in file
/// order) and the superseded ones.
fn latest(items: Vec<(Item, Option<String>)>, std: &Standard) -> (Vec<Item>, Vec<Superseded>) {
    // key -> (index of the kept item, its version)
    let mut best: BTreeMap<(String, String), (usize, String)> = BTreeMap::new();
    for (i, (item, version)) in items.iter().enumerate() {
        let (Some(k), Some(v)) = (version_key(std, item), version) else {
            continue;
        };
        match best.get(&k) {
            Some((_, bv)) if !newer(v, bv) => {}
            _ => {
                best.insert(k, (i, v.clone()));
            }
        }
    }
    let mut kept = Vec::new();
    let mut superseded = Vec::new();
    let rows: Vec<u32> = items.iter().map(|(it, _)| it.row).collect();
    for (item, version) in items {
        let chosen = version_key(std, &item)
            .and_then(|k| best.get(&k).map(|b| (k, b.clone())))
            .filter(|_| version.is_some());
        match chosen {
            Some(((code, _), (bi, bv))) if version.as_deref() != Some(bv.as_str()) => {
                superseded.push(Superseded {
                    row: item.row,
                    kept_row: rows[bi],
                    code,
                    version: version.unwrap_or_default(),
                    kept_version: bv,
                });
            }
            _ => kept.push(item),
        }
    }
    (kept, superseded)
}

fn read(
    path: &Path,
    standard: &Standard,
    _opts: &ReadOptions,
    sink: &mut dyn FnMut(Event),
) -> Result<(), ReadError> {
    let bytes = std::fs::read(path).map_err(|e| ReadError::new(path, crate::i18n::io_error(&e)))?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    let doc: Value = serde_json::from_slice(bytes).map_err(|e| {
        ReadError::new(
            path,
            crate::tr!(
                "不是有效的 JSON（第 {} 行第 {} 列）：{}",
                "not valid JSON (line {}, column {}): {}",
                e.line(),
                e.column(),
                crate::locale::json_error(&e)
            ),
        )
    })?;
    read_value(&doc, path, standard, sink)
}

/// Read an exchange document already parsed; `path` names it.
pub fn read_value(
    doc: &Value,
    path: &Path,
    standard: &Standard,
    sink: &mut dyn FnMut(Event),
) -> Result<(), ReadError> {
    let objects = item_list(doc);
    if objects.is_empty() && !matches!(doc, Value::Array(_)) {
        return Err(ReadError::new(
            path,
            crate::tr!(
                "没有找到交换格式的事项（应为 AUDIT_ITEM 对象、它们的数组，或 {{\"data\":{{\"list\":[…]}}}}）",
                "no exchange items found (expected AUDIT_ITEM objects, an array of them, or {{\"data\":{{\"list\":[…]}}}})"
            ),
        ));
    }
    let mut r = Reading {
        std: standard,
        locations: Vec::new(),
        columns: Vec::new(),
        unknown: Vec::new(),
    };
    // the source carries the location table, so items are built against a
    // placeholder and re-pointed once the table is complete
    let placeholder = Arc::new(Source {
        path: path.display().to_string(),
        sheet: None,
        locations: None,
    });
    let mut items = Vec::new();
    for (i, obj) in objects.iter().enumerate() {
        let item = r.item(obj, i, &placeholder);
        let version = obj
            .get("AUDIT_ITEM")
            .and_then(|a| a.get("task_version"))
            .or_else(|| obj.get("task_version"))
            .and_then(scalar)
            .map(|(t, _)| t);
        items.push((item, version));
    }
    let (kept, superseded) = latest(items, standard);
    let source = Arc::new(Source {
        path: path.display().to_string(),
        sheet: None,
        locations: Some(Arc::new(std::mem::take(&mut r.locations))),
    });
    let mut account = crate::catalogue::RowAccount::new(&source);
    account.superseded = superseded.len() as u32;
    account.rows = account.superseded;
    if !kept.is_empty() || !superseded.is_empty() {
        sink(Event::Table(TableInfo {
            source: source.clone(),
            role: Scope::Item,
            header_rows: Vec::new(),
            columns: r.columns,
            unknown: r.unknown,
            duplicates: Vec::new(),
            by_line: true,
            superseded,
        }));
    }
    for mut item in kept {
        item.source = source.clone();
        account.record(&item);
        sink(Event::Item(item));
    }
    if account.rows > 0 {
        sink(Event::Rows(account));
    }
    Ok(())
}
