//! From rows to records: header detection, column matching, and grouping
//! rows into items with their materials.

use super::cells::{RawRow, RowSource};
use super::{Detached, Event, Field, Item, Part, RowAccount, Source, TableInfo};
use crate::standard::{Scope, Standard};
use std::collections::HashMap;
use std::sync::Arc;

/// Columns matching no element whose values are sampled to say what they
/// probably are (`unknown-column`); any further ones are only named.
pub const SAMPLED_COLUMNS: usize = 256;

/// Rows searched for the header: titles, notes and blank rows come first.
const HEADER_SCAN: usize = 30;
/// A header row must name at least this many elements.
const MIN_HEADER_MATCHES: usize = 2;

/// `0` → `A`, `26` → `AA`.
pub fn column_letter(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        s.push(b'A' + r);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// `A` → `0`, `AA` → `26`; none for anything but ASCII letters.
pub fn column_index(letters: &str) -> Option<u32> {
    if letters.is_empty() || letters.len() > 4 {
        return None;
    }
    let mut n: u32 = 0;
    for b in letters.bytes() {
        if !b.is_ascii_alphabetic() {
            return None;
        }
        n = n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1;
    }
    Some(n - 1)
}

/// Item-scope elements that also appear on material and fee sheets as keys.
const KEY_ELEMENTS: [&str; 8] = [
    "impl_code",
    "name",
    "basic_code",
    "handling_code",
    "local_impl_code",
    "local_basic_code",
    "region",
    "area_code",
];

#[derive(Clone)]
struct Header {
    rows: Vec<u32>,
    /// index into the scanned buffer of the first data row
    data_start: usize,
    columns: Vec<(u32, usize, String)>,
    unknown: Vec<(u32, String)>,
    duplicates: Vec<(u32, usize, String)>,
}

fn cell_map(row: &RawRow) -> HashMap<u32, &str> {
    row.cells.iter().map(|(c, t, _)| (*c, t.as_str())).collect()
}

/// Match header cells to elements; `cells` are (column, header text).
fn match_columns(standard: &Standard, cells: &[(u32, String)]) -> Header {
    let mut columns: Vec<(u32, usize, String)> = Vec::new();
    let mut unknown = Vec::new();
    let mut duplicates = Vec::new();
    let mut used: HashMap<usize, u32> = HashMap::new();
    for (col, text) in cells {
        let candidates = standard.match_header(text);
        // A label shared by several elements (e.g. 收费标准 on item and fee
        // sheets) goes to the first one not yet taken.
        let pick = candidates
            .iter()
            .find(|e| !used.contains_key(e))
            .or(candidates.first());
        // a bare 单位 column right of a time limit holds that limit's unit
        // (法定办结期限 | 单位: 20 | 工作日)
        let pick = pick.copied().or_else(|| {
            let prev = columns.last().filter(|(c, _, _)| *c + 1 == *col)?;
            unit_of(standard, prev.1, text)
        });
        match pick {
            Some(e) if used.contains_key(&e) => duplicates.push((*col, e, text.clone())),
            Some(e) => {
                used.insert(e, *col);
                columns.push((*col, e, text.clone()));
            }
            None if standard.is_ignored_header(text) => {}
            None => unknown.push((*col, text.clone())),
        }
    }
    Header {
        rows: Vec::new(),
        data_start: 0,
        columns,
        unknown,
        duplicates,
    }
}

/// The unit element of a time-limit element, for a header that names
/// only a unit (单位, 时限单位, 期限单位 …) in the column right of it.
fn unit_of(standard: &Standard, duration: usize, header: &str) -> Option<usize> {
    const UNIT_WORDS: [&str; 7] = [
        "单位",
        "时限单位",
        "期限单位",
        "办结时限单位",
        "办结期限单位",
        "时间单位",
        "计时单位",
    ];
    let key = crate::text::header_keys(header).into_iter().next()?;
    if !UNIT_WORDS.contains(&key.as_str()) {
        return None;
    }
    let unit = standard.elements[duration].unit_element.as_deref()?;
    standard.element_index(unit)
}

fn score(h: &Header) -> usize {
    h.columns.len()
}

/// Find the header among the first rows: one row, or two rows where the
/// upper one groups (申请材料 over 材料名称, 材料类型 …) or holds vertically
/// merged labels.
fn find_header(standard: &Standard, rows: &[RawRow]) -> Option<Header> {
    let singles: Vec<Header> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let cells: Vec<(u32, String)> =
                r.cells.iter().map(|(c, t, _)| (*c, t.clone())).collect();
            let mut h = match_columns(standard, &cells);
            h.rows = vec![r.number];
            h.data_start = i + 1;
            h
        })
        .collect();
    let mut best: Option<Header> = None;
    let better = |h: &Header, best: &Option<Header>| {
        score(h) >= MIN_HEADER_MATCHES && best.as_ref().is_none_or(|b| score(h) > score(b))
    };
    for i in 0..rows.len() {
        if better(&singles[i], &best) {
            best = Some(singles[i].clone());
        }
        if i + 1 >= rows.len() || rows[i + 1].number != rows[i].number + 1 {
            continue;
        }
        let upper = cell_map(&rows[i]);
        let lower = cell_map(&rows[i + 1]);
        let mut cols: Vec<u32> = upper.keys().chain(lower.keys()).copied().collect();
        cols.sort_unstable();
        cols.dedup();
        let mut combined = Vec::new();
        let mut group = String::new();
        for c in cols {
            if let Some(u) = upper.get(&c) {
                group = (*u).to_string();
            }
            match (lower.get(&c), upper.get(&c)) {
                (Some(l), _) if !standard.match_header(l).is_empty() => {
                    combined.push((c, (*l).to_string()))
                }
                (Some(l), Some(u)) if standard.match_header(u).is_empty() => {
                    combined.push((c, format!("{u}{l}")))
                }
                (Some(_), Some(u)) => combined.push((c, (*u).to_string())),
                (Some(l), None) => combined.push((c, format!("{group}{l}"))),
                (None, Some(u)) => combined.push((c, (*u).to_string())),
                (None, None) => {}
            }
        }
        let mut h2 = match_columns(standard, &combined);
        h2.rows = vec![rows[i].number, rows[i + 1].number];
        h2.data_start = i + 2;
        // Two rows only when they name more elements than either row alone
        // (a title above a header is not a two-row header).
        if score(&h2) > score(&singles[i]).max(score(&singles[i + 1])) && better(&h2, &best) {
            best = Some(h2);
        }
    }
    best
}

fn role(standard: &Standard, columns: &[(u32, usize, String)]) -> Scope {
    let mut item_only = false;
    let mut material = false;
    let mut fee = false;
    for (_, e, _) in columns {
        let el = &standard.elements[*e];
        match el.scope {
            Scope::Item if !KEY_ELEMENTS.contains(&el.id.as_str()) => item_only = true,
            Scope::Material => material = true,
            Scope::Fee => fee = true,
            _ => {}
        }
    }
    if item_only {
        Scope::Item
    } else if material {
        Scope::Material
    } else if fee {
        Scope::Fee
    } else {
        Scope::Item
    }
}

/// Read one table. Returns whether a table was found.
pub fn read_table(
    source: Arc<Source>,
    mut rows: impl RowSource,
    standard: &Standard,
    sink: &mut dyn FnMut(Event),
) -> Result<bool, String> {
    let mut buffer = Vec::new();
    while buffer.len() < HEADER_SCAN {
        match rows.next_row()? {
            Some(r) => buffer.push(r),
            None => break,
        }
    }
    let Some(header) = find_header(standard, &buffer) else {
        sink(Event::Skipped {
            source,
            reason: if buffer.is_empty() {
                crate::tr!("空工作表", "empty sheet")
            } else {
                crate::tr!(
                    "没有列出标准要素的表头行",
                    "no header row naming elements of the standard"
                )
            },
        });
        return Ok(false);
    };
    let role = role(standard, &header.columns);
    // A table must identify its records: items by name or code, materials by
    // name. Anything else (a code-list sheet headed 事项类型 | 办件类型 …) is
    // not a catalogue table.
    let has = |ids: &[&str]| {
        header
            .columns
            .iter()
            .any(|(_, e, _)| ids.contains(&standard.elements[*e].id.as_str()))
    };
    let identified = match role {
        Scope::Item => has(&[
            "name",
            "basic_code",
            "impl_code",
            "local_impl_code",
            "local_basic_code",
        ]),
        Scope::Material => has(&["material_name"]),
        Scope::Fee => has(&["fee_name", "fee_rate"]),
    };
    if !identified {
        sink(Event::Skipped {
            source,
            reason: crate::tr!(
                "没有标识记录的列（事项名称、基本编码、实施编码或材料名称）",
                "no column naming the records (事项名称, 基本编码, 实施编码 or 材料名称)"
            ),
        });
        return Ok(false);
    }
    let info = TableInfo {
        source: source.clone(),
        role,
        header_rows: header.rows.clone(),
        columns: header.columns.clone(),
        unknown: header.unknown.clone(),
        duplicates: header.duplicates.clone(),
        by_line: false,
        superseded: Vec::new(),
    };
    sink(Event::Table(info));
    let col_element: HashMap<u32, usize> =
        header.columns.iter().map(|(c, e, _)| (*c, *e)).collect();
    let dup_element: HashMap<u32, usize> =
        header.duplicates.iter().map(|(c, e, _)| (*c, *e)).collect();
    // the first columns matching no element have their values sampled
    // (a sheet may have a million such columns: sampling stays bounded)
    let sampled = &header.unknown[..header.unknown.len().min(SAMPLED_COLUMNS)];
    let unknown_cols: HashMap<u32, usize> = sampled
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (*c, i))
        .collect();
    let mut account = RowAccount::new(&source);
    account.samples = sampled.iter().map(|(c, _)| (*c, Vec::new())).collect();
    let mut asm = Assembler {
        standard,
        source,
        role,
        col_element,
        dup_element,
        unknown_cols,
        header_text: header
            .columns
            .iter()
            .map(|(c, _, t)| (*c, crate::text::compact(t).into_owned()))
            .collect(),
        has_parts: header
            .columns
            .iter()
            .any(|(_, e, _)| standard.elements[*e].scope != Scope::Item),
        current: None,
        last_row: header.rows.last().copied().unwrap_or(0),
        account,
        identifying: header
            .columns
            .iter()
            .filter(|(_, e, _)| IDENTIFYING.contains(&standard.elements[*e].id.as_str()))
            .map(|(_, e, _)| *e)
            .collect(),
    };
    let rest = buffer.split_off(header.data_start.min(buffer.len()));
    for row in rest {
        asm.push(row, sink);
    }
    while let Some(row) = rows.next_row()? {
        asm.push(row, sink);
    }
    asm.flush(sink);
    sink(Event::Rows(asm.account));
    Ok(true)
}

/// Elements that tell one item from another: a row whose value in one of
/// these differs from the item above starts an item of its own.
const IDENTIFYING: [&str; 6] = [
    "name",
    "basic_code",
    "impl_code",
    "handling_code",
    "local_impl_code",
    "local_basic_code",
];

/// How a row of an items table relates to the item above it.
#[derive(PartialEq)]
enum Fold {
    /// It starts an item.
    New,
    /// A material or fee row of the item above: no item cells, or item
    /// cells that repeat the item's name or code.
    Continue,
    /// Read as a material row of the item above because its item cells
    /// repeat the item's, though none of them names it (a guess: said so).
    Guess,
}

struct Assembler<'a> {
    standard: &'a Standard,
    source: Arc<Source>,
    role: Scope,
    col_element: HashMap<u32, usize>,
    /// Second columns of an element: read where the first is blank.
    dup_element: HashMap<u32, usize>,
    /// Columns matching no element whose values are sampled, with their
    /// slot in `account.samples`.
    unknown_cols: HashMap<u32, usize>,
    /// Header text per column, to recognise a header repeated mid-sheet.
    header_text: HashMap<u32, String>,
    /// The items sheet also carries material or fee columns.
    has_parts: bool,
    current: Option<Item>,
    /// The last row seen, to count the blank rows between.
    last_row: u32,
    account: RowAccount,
    /// The table's columns that identify an item ([`IDENTIFYING`]).
    identifying: Vec<usize>,
}

impl Assembler<'_> {
    /// Half or more of the row's cells repeat their column's header.
    fn is_repeated_header(&self, row: &RawRow) -> bool {
        let same = row
            .cells
            .iter()
            .filter(|(c, t, _)| {
                // a header is short: do not normalise long data cells
                self.header_text
                    .get(c)
                    .is_some_and(|h| t.len() <= h.len() * 3 + 16 && crate::text::compact_eq(t, h))
            })
            .count();
        same >= 2 && same * 2 >= row.cells.len()
    }

    fn push(&mut self, row: RawRow, sink: &mut dyn FnMut(Event)) {
        self.account.blank += row.number.saturating_sub(self.last_row + 1);
        self.account.rows += row.number.saturating_sub(self.last_row).max(1);
        self.last_row = self.last_row.max(row.number);
        if self.is_repeated_header(&row) {
            self.account.repeated_header += 1;
            return;
        }
        if is_furniture(&row) {
            self.account.notes += 1;
            return;
        }
        let number = row.number;
        let (item_fields, material, fee) = self.fields_of(row);
        if item_fields.is_empty() && material.fields.is_empty() && fee.fields.is_empty() {
            self.account.unread += 1;
            return;
        }
        // A lone item cell in a wide table is a section heading such as
        // "一、行政许可（15项）", not an item.
        if item_fields.len() == 1
            && material.fields.is_empty()
            && fee.fields.is_empty()
            && self.col_element.len() >= 6
        {
            self.account.headings += 1;
            return;
        }
        if self.role != Scope::Item {
            let part = if self.role == Scope::Fee {
                fee
            } else {
                material
            };
            let mut part = part;
            // a fee sheet's 收费标准 columns are matched as item elements
            let (keys, extra): (Vec<Field>, Vec<Field>) = item_fields.into_iter().partition(|f| {
                KEY_ELEMENTS.contains(&self.standard.elements[f.element].id.as_str())
            });
            part.fields.extend(extra);
            self.account.parts += 1;
            sink(Event::Detached(Detached {
                source: self.source.clone(),
                kind: self.role,
                keys,
                part,
            }));
            return;
        }
        let fold = self.fold(&item_fields, &material.fields, &fee.fields);
        if fold == Fold::New {
            self.flush(sink);
            self.account.items += 1;
            // (material rows before any item become an item without item
            // fields, so they are reported rather than lost)
            self.current = Some(Item {
                source: self.source.clone(),
                row: number,
                fields: item_fields,
                materials: Vec::new(),
                fees: Vec::new(),
            });
        } else {
            self.account.parts += 1;
            if fold == Fold::Guess {
                let first = self.current.as_ref().map_or(0, |c| c.row);
                self.account.guessed.push((number, first));
            }
        }
        if let Some(cur) = &mut self.current {
            if !material.fields.is_empty() {
                cur.materials.push(material);
            }
            if !fee.fields.is_empty() {
                cur.fees.push(fee);
            }
        }
    }

    /// A row's cells as fields of the item, its material and its fee; an
    /// element written in two columns takes the filled one.
    fn fields_of(&mut self, row: RawRow) -> (Vec<Field>, Part, Part) {
        let mut item_fields = Vec::new();
        let mut material = Part {
            row: row.number,
            fields: Vec::new(),
        };
        let mut fee = Part {
            row: row.number,
            fields: Vec::new(),
        };
        let mut seconds = Vec::new();
        for (col, text, numeric) in row.cells {
            let (e, second) = match (self.col_element.get(&col), self.dup_element.get(&col)) {
                (Some(&e), _) => (e, false),
                (None, Some(&e)) => (e, true),
                (None, None) => {
                    self.sample(col, &text);
                    continue;
                }
            };
            let field = Field {
                element: e,
                text,
                row: row.number,
                col: Some(col),
                numeric,
                cut: row.cut.iter().find(|c| c.0 == col).map(|c| c.1),
                norm: Default::default(),
            };
            if second {
                seconds.push(field);
                continue;
            }
            match self.standard.elements[e].scope {
                Scope::Item => item_fields.push(field),
                Scope::Material => material.fields.push(field),
                Scope::Fee => fee.fields.push(field),
            }
        }
        // an element written in two columns (服务对象 for public services,
        // 行政相对人性质 for powers): the filled one counts
        for f in seconds {
            let to = match self.standard.elements[f.element].scope {
                Scope::Item => &mut item_fields,
                Scope::Material => &mut material.fields,
                Scope::Fee => &mut fee.fields,
            };
            match to.iter().find(|x| x.element == f.element) {
                None => to.push(f),
                Some(x) if x.compact() != f.compact() => {
                    self.account.conflicts.push((f.col.unwrap_or(0), f.row));
                }
                Some(_) => {}
            }
        }
        (item_fields, material, fee)
    }

    /// Keep a few distinct values of a column that matches no element.
    fn sample(&mut self, col: u32, text: &str) {
        const KEPT: usize = 40;
        let Some(&slot) = self.unknown_cols.get(&col) else {
            return;
        };
        if text.len() > 200 {
            return;
        }
        let values = &mut self.account.samples[slot].1;
        if values.len() < KEPT && !values.iter().any(|v| v == text) {
            values.push(text.to_string());
        }
    }

    /// Whether a row with these cells continues the item above.
    fn fold(&self, item_fields: &[Field], material: &[Field], fee: &[Field]) -> Fold {
        let Some(cur) = &self.current else {
            return Fold::New;
        };
        // a row without material or fee cells is an item (a repeated one
        // is a duplicate, reported as such), never folded away
        if !self.has_parts || (material.is_empty() && fee.is_empty()) {
            return Fold::New;
        }
        if item_fields.is_empty() {
            return Fold::Continue;
        }
        let eq = |x: &Field, y: &Field| x.text == y.text || x.compact() == y.compact();
        let same = |a: &[Field], b: &[Field]| {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|(x, y)| x.element == y.element && eq(x, y))
        };
        // a whole row repeated (item and material cells alike) is a
        // duplicated item, not a second material
        let repeated_row = cur
            .materials
            .last()
            .is_some_and(|m| same(&m.fields, material))
            && fee.is_empty();
        let repeats = item_fields
            .iter()
            .all(|f| cur.get(f.element).is_some_and(|c| eq(c, f)));
        if repeated_row || !repeats {
            return Fold::New;
        }
        let named = item_fields
            .iter()
            .any(|f| self.identifying.contains(&f.element));
        if named {
            Fold::Continue
        } else {
            Fold::Guess
        }
    }

    fn flush(&mut self, sink: &mut dyn FnMut(Event)) {
        if let Some(item) = self.current.take() {
            sink(Event::Item(item));
        }
    }
}

/// Rows that are part of the sheet's layout, not data: a footer note
/// ("注：…", "填表人：…") or a row numbering the columns (1, 2, 3 …).
fn is_furniture(row: &RawRow) -> bool {
    if row.cells.len() == 1 {
        let t = crate::text::compact(&row.cells[0].1);
        const NOTES: [&str; 10] = [
            "注",
            "备注",
            "说明",
            "填表人",
            "填报人",
            "制表",
            "审核人",
            "联系人",
            "填报单位",
            "填表说明",
        ];
        if NOTES.iter().any(|n| t.starts_with(n)) {
            return true;
        }
    }
    // a row of 必填/选填 markers under the header
    const MARKERS: [&str; 8] = [
        "必填",
        "选填",
        "非必填",
        "可选填",
        "必填项",
        "选填项",
        "条件必填",
        "可选",
    ];
    let markers = row
        .cells
        .iter()
        // markers are short: do not normalise long data cells
        .filter(|(_, t, _)| {
            // a marker starts with one of these (or with a character NFKC
            // changes, such as a full-width bracket)
            let may = |c: char| "必选非可条*()".contains(c);
            t.len() <= 24
                && crate::text::first_kept(t).is_none_or(may)
                && MARKERS.contains(&crate::text::compact(t).trim_matches(['*', '(', ')']).trim())
        })
        .count();
    if markers >= 2 && markers * 2 >= row.cells.len() {
        return true;
    }
    row.cells.len() >= 4
        && row
            .cells
            .iter()
            .enumerate()
            .all(|(i, (_, t, _))| crate::text::compact(t) == (i + 1).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(12), "M");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
