//! Service guides (办事指南): the view model every guide format renders.
//!
//! A guide has the sections of domain reference §4 in the standard order.
//! Each section is a list of blocks (label/value rows, paragraphs, tables,
//! process steps, questions and answers), so HTML, Markdown and Word show
//! the same content in the same order. An element the catalogue lacks is a
//! row whose value is none: formats mark it as not provided, never drop it.

use crate::catalogue::value::{interpret, Value};
use crate::catalogue::{Catalogue, Field, Item, Part};
use crate::standard::{Element, ElementType, Scope, Standard};
use crate::text::compact;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One label and its display value; `value: None` means the catalogue does
/// not provide it. `lines` is the value split at line breaks.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    pub label: String,
    pub value: Option<String>,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Qa {
    pub q: String,
    pub a: String,
}

/// A block of a section. `kind` is one of `fields`, `text`, `table`,
/// `steps`, `qa`; every field is always present so templates can rely on it.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Block {
    pub kind: &'static str,
    pub label: String,
    /// The element this block shows is not in the catalogue.
    pub missing: bool,
    /// `fields`: label/value rows.
    pub rows: Vec<Row>,
    /// `text`: paragraphs.
    pub paragraphs: Vec<String>,
    /// `table`: column heads and cells (`None` = blank cell).
    pub head: Vec<String>,
    pub cells: Vec<Vec<Option<String>>>,
    /// `table`: per table row, further label/value rows shown beneath it.
    pub details: Vec<Vec<Row>>,
    /// `table`: columns no row fills (the catalogue lacks them).
    pub absent: Vec<String>,
    /// `steps`: the process, one step each.
    pub steps: Vec<String>,
    /// `qa`: questions and answers.
    pub pairs: Vec<Qa>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    pub blocks: Vec<Block>,
}

/// A guide for one item.
#[derive(Debug, Clone, Serialize)]
pub struct GuideItem {
    /// File stem, name, codes, body, type, audience, region (templates see
    /// them as `item.name` …).
    #[serde(flatten)]
    pub summary: Summary,
    /// Where the item was read: `file:row`.
    pub source: String,
    /// The file the item was read from (its name), for the page's footer.
    pub source_file: String,
    /// The page's footer: how it was made, and from which file.
    pub footer: String,
    /// The list's error-level findings on the item, as sentences: the page
    /// carries a visible 待核实 note when there are any.
    pub unverified: Vec<String>,
    pub sections: Vec<Section>,
    /// Every item element id → its display value (none when not provided).
    pub values: BTreeMap<String, Option<String>>,
    /// Labels of the item elements the catalogue does not provide.
    pub missing: Vec<String>,
}

/// The sections of a guide, in the standard order (domain reference §4).
pub const SECTIONS: [(&str, &str); 19] = [
    ("identity", "事项名称和编码"),
    ("type", "事项类型"),
    ("legal_basis", "设定依据"),
    ("body", "实施主体"),
    ("level", "行使层级"),
    ("audience", "服务对象"),
    ("conditions", "受理条件"),
    ("penalty", "处罚的行为、种类、幅度"),
    ("materials", "申请材料"),
    ("process", "办理流程"),
    ("time_limits", "办理时限"),
    ("fees", "收费标准"),
    ("visits", "到办事现场次数"),
    ("online", "网上办理深度"),
    ("place", "办理地点和时间"),
    ("contact", "咨询和监督投诉方式"),
    ("result", "审批结果"),
    ("faq", "常见问题"),
    ("scope", "通办范围"),
];

/// The item elements each section shows, by id (elements a standard lacks
/// are skipped; the time limits and fees are phrased specially).
const SECTION_ELEMENTS: [(&str, &[&str]); 19] = [
    (
        "identity",
        &["name", "basic_code", "impl_code", "handling_code"],
    ),
    ("type", &["item_type", "power_source"]),
    ("legal_basis", &["legal_basis"]),
    ("body", &["body_name", "body_kind", "body_code"]),
    ("level", &["level"]),
    ("audience", &["audience"]),
    ("conditions", &["conditions"]),
    (
        "penalty",
        &["penalty_conduct", "penalty_kind", "penalty_range"],
    ),
    ("materials", &[]),
    ("process", &["channels", "process"]),
    (
        "time_limits",
        &[
            "case_kind",
            "statutory_days",
            "statutory_unit",
            "promised_days",
            "promised_unit",
        ],
    ),
    ("fees", &["fee", "fee_rate", "fee_basis"]),
    ("visits", &["visits", "visit_reason"]),
    ("online", &["online_depth", "online_payment", "online_url"]),
    ("place", &["address", "hours", "transport"]),
    ("contact", &["consult_phone", "complaint_phone"]),
    ("result", &["result_name", "result_kind", "result_sample"]),
    ("faq", &["faq"]),
    ("scope", &["scope"]),
];

/// An item chosen for a guide, with its file stem (unique in the run).
#[derive(Debug, Clone)]
pub struct Selected<'a> {
    pub item: &'a Item,
    pub file: String,
}

/// What the index lists of an item: cheap to compute for every item.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// File stem: from the handling or implementation code, never the name.
    pub file: String,
    pub name: String,
    pub impl_code: String,
    /// The local implementation code (地方实施编码), shown where the
    /// national one is absent.
    pub local_code: String,
    pub basic_code: String,
    pub body: String,
    pub item_type: String,
    pub audience: Vec<String>,
    pub region: String,
}

/// The footer of a page made from these files.
pub fn footer(std: &Standard, sources: &[String]) -> String {
    format!(
        "本指南由 santong {} 依据{}（{}）自 {} 生成；标注“本清单未提供”的要素请向实施主体核实。",
        env!("CARGO_PKG_VERSION"),
        std.name,
        std.version,
        sources.join("、")
    )
}

/// Builds guides for one standard.
pub struct Guides<'a> {
    std: &'a Standard,
    idx: HashMap<&'a str, usize>,
}

/// Every item (or the items `only` names by implementation, handling or
/// basic code), in catalogue order, each with a unique file stem.
pub fn select<'a>(
    std: &Standard,
    catalogues: &'a [Catalogue],
    only: &[String],
) -> Result<Vec<Selected<'a>>, String> {
    let g = Guides::new(std);
    let wanted: Vec<String> = only
        .iter()
        .map(|c| crate::catalogue::value::clean_code(c))
        .collect();
    let mut matched: HashSet<usize> = HashSet::new();
    let mut out = Vec::new();
    let mut stems = crate::output::Stems::default();
    for cat in catalogues {
        for item in &cat.items {
            if !wanted.is_empty() {
                let keys = g.codes_of(item);
                let hits: Vec<usize> = wanted
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| keys.iter().any(|k| k == *w))
                    .map(|(i, _)| i)
                    .collect();
                if hits.is_empty() {
                    continue;
                }
                matched.extend(hits);
            }
            let file = stems.unique(&g.stem(item));
            out.push(Selected { item, file });
        }
    }
    let unmatched: Vec<&str> = only
        .iter()
        .enumerate()
        .filter(|(i, _)| !matched.contains(i))
        .map(|(_, c)| c.as_str())
        .collect();
    if !unmatched.is_empty() {
        return Err(crate::tr!(
            "清单中没有编码为 {} 的事项（请给出实施编码、业务办理项编码或基本编码）",
            "no item with the code {} in the catalogue (give an implementation, handling or basic code)",
            unmatched.join(", ")
        ));
    }
    if out.is_empty() {
        return Err(crate::tr!("清单中没有事项", "the catalogue has no items"));
    }
    Ok(out)
}

/// The guides of the selected items (all in memory: for a few items, such
/// as forms; the site writer builds them one at a time).
/// With the list's error-level findings on each item (its 待核实 note).
pub fn build(
    std: &Standard,
    catalogues: &[Catalogue],
    only: &[String],
    verification: &super::verify::Verification,
) -> Result<Vec<GuideItem>, String> {
    let g = Guides::new(std);
    Ok(select(std, catalogues, only)?
        .iter()
        .map(|s| {
            let mut it = g.guide(s);
            it.unverified = verification.of_item(s.item);
            it
        })
        .collect())
}

impl<'a> Guides<'a> {
    pub fn new(std: &'a Standard) -> Self {
        let idx = std
            .elements
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        Guides { std, idx }
    }

    /// An element's field; for a code with a label column (事项类型名称)
    /// the label's when it is filled: it decides what the item is, as in
    /// `check` (a provincial code, or no code column at all).
    fn field<'i>(&self, fields: &'i [Field], id: &str) -> Option<&'i Field> {
        let i = *self.idx.get(id)?;
        let filled = |e: usize| {
            fields
                .iter()
                .find(move |f| f.element == e && !compact(&f.text).is_empty())
        };
        self.std
            .label_column_of(i)
            .and_then(filled)
            .filter(|f| {
                let el = &self.std.elements[i];
                matches!(interpret(el, self.std, &f.text, false).0, Value::Code(_))
            })
            .or_else(|| filled(i))
    }

    fn value(&self, fields: &[Field], id: &str) -> Option<Value> {
        let f = self.field(fields, id)?;
        // read as the element asked for (a label column's text too)
        let el = &self.std.elements[*self.idx.get(id)?];
        Some(interpret(el, self.std, &f.text, f.numeric).0)
    }

    fn code(&self, fields: &[Field], id: &str) -> Option<String> {
        match self.value(fields, id)? {
            Value::Code(c) => Some(c),
            _ => None,
        }
    }

    fn codes_of(&self, item: &Item) -> Vec<String> {
        ["impl_code", "handling_code", "basic_code"]
            .iter()
            .filter_map(|id| match self.value(&item.fields, id)? {
                Value::Text(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    /// The display text of a field: vocabulary labels for codes, the cell
    /// as written otherwise (trimmed; Chinese punctuation kept).
    fn display(&self, el: &Element, f: &Field) -> Option<String> {
        let raw = f.text.trim();
        if compact(raw).is_empty() {
            return None;
        }
        let (v, problems) = interpret(el, self.std, raw, f.numeric);
        let label = |c: &str| {
            self.std
                .vocabulary_of(el)
                .and_then(|v| v.label_of(c))
                .unwrap_or(c)
                .to_string()
        };
        // one bare code of a cumulative table (网上办理深度 `4`) may be a
        // system's own grading: shown as written, never as a national label
        let bare = self
            .std
            .vocabulary_of(el)
            .is_some_and(|v| v.bare_degree(raw));
        Some(match v {
            _ if !problems.is_empty() || bare => raw.to_string(),
            Value::Code(c) => label(&c),
            Value::Codes(cs) if !cs.is_empty() => {
                cs.iter().map(|c| label(c)).collect::<Vec<_>>().join("、")
            }
            Value::Uncoded(l) => l,
            Value::Int(n) if el.kind == ElementType::Integer => n.to_string(),
            Value::Text(t) if is_code_type(el.kind) => t,
            _ => raw.to_string(),
        })
    }

    fn row(&self, fields: &[Field], id: &str) -> Option<Row> {
        let i = *self.idx.get(id)?;
        let el = &self.std.elements[i];
        let value = self.field(fields, id).and_then(|f| self.display(el, f));
        Some(make_row(id, &el.label, value))
    }

    fn rows(&self, fields: &[Field], ids: &[&str]) -> Vec<Row> {
        ids.iter().filter_map(|id| self.row(fields, id)).collect()
    }

    /// File stem: the handling code, else the implementation code (letters
    /// and digits only), else the row; never the item's name.
    fn stem(&self, item: &Item) -> String {
        let code = |id: &str| match self.value(&item.fields, id) {
            Some(Value::Text(t)) => crate::output::safe_stem(&t),
            _ => None,
        };
        code("handling_code")
            .or_else(|| code("impl_code"))
            .or_else(|| code("local_impl_code"))
            .unwrap_or_else(|| format!("row-{}", item.row))
    }

    fn text(&self, f: &[Field], id: &str) -> String {
        self.row(f, id).and_then(|r| r.value).unwrap_or_default()
    }

    /// What the index needs of an item.
    pub fn summary(&self, s: &Selected) -> Summary {
        let f = &s.item.fields;
        let audience = self
            .row(f, "audience")
            .and_then(|r| r.value)
            .map(|v| v.split('、').map(str::to_string).collect())
            .unwrap_or_default();
        Summary {
            file: s.file.clone(),
            name: self.text(f, "name"),
            impl_code: self.text(f, "impl_code"),
            local_code: self.text(f, "local_impl_code"),
            basic_code: self.text(f, "basic_code"),
            body: self.text(f, "body_name"),
            item_type: self.text(f, "item_type"),
            audience,
            region: self.text(f, "region"),
        }
    }

    /// The whole guide of one item.
    pub fn guide(&self, sel: &Selected) -> GuideItem {
        let item = sel.item;
        let f = &item.fields;
        let summary = self.summary(sel);
        let mut sections = Vec::with_capacity(SECTIONS.len());
        let mut used: HashSet<&str> = HashSet::new();
        for ((id, title), (_, elements)) in SECTIONS.iter().zip(SECTION_ELEMENTS.iter()) {
            used.extend(elements.iter().copied());
            let blocks = match *id {
                "legal_basis" => vec![self.legal_basis(f)],
                "conditions" => vec![self.paragraphs(f, "conditions")],
                "penalty" => {
                    let is_penalty = self.code(f, "item_type").as_deref() == Some("02");
                    let rows = self.rows(f, elements);
                    if !is_penalty && rows.iter().all(|r| r.value.is_none()) {
                        continue;
                    }
                    vec![fields_block(rows)]
                }
                "materials" => vec![self.parts_table(&item.materials, Scope::Material, "申请材料")],
                "process" => vec![
                    fields_block(self.rows(f, &["channels"])),
                    self.steps(f, "process"),
                ],
                "time_limits" => vec![fields_block(self.time_limits(f))],
                "fees" => self.fees(f, &item.fees),
                "visits" => {
                    let mut rows = self.rows(f, &["visits"]);
                    for r in &mut rows {
                        if let Some(v) = &r.value {
                            if v.parse::<i64>().is_ok() {
                                *r = make_row(&r.id, &r.label, Some(format!("{v}次")));
                            }
                        }
                    }
                    let visits = self.value(f, "visits").and_then(|v| v.as_int());
                    if visits != Some(0) {
                        rows.extend(self.rows(f, &["visit_reason"]));
                    }
                    vec![fields_block(rows)]
                }
                "faq" => vec![self.faq(f)],
                _ => vec![fields_block(self.rows(f, elements))],
            };
            sections.push(Section { id, title, blocks });
        }
        // Anything else the catalogue gives (a province's own elements, the
        // region, local codes) is shown, not dropped.
        let other: Vec<Row> = self
            .std
            .elements
            .iter()
            .filter(|e| e.scope == Scope::Item && !used.contains(e.id.as_str()))
            .filter_map(|e| self.row(f, &e.id))
            .filter(|r| r.value.is_some())
            .collect();
        if !other.is_empty() {
            sections.push(Section {
                id: "other",
                title: "其他信息",
                blocks: vec![fields_block(other)],
            });
        }
        let mut values = BTreeMap::new();
        let mut missing = Vec::new();
        for e in self.std.elements.iter().filter(|e| e.scope == Scope::Item) {
            let v = self.row(f, &e.id).and_then(|r| r.value);
            if v.is_none() {
                missing.push(e.label.clone());
            }
            values.insert(e.id.clone(), v);
        }
        let source_file = std::path::Path::new(&item.source.path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| item.source.path.clone());
        GuideItem {
            summary,
            source: format!("{}:{}", item.source.path, item.row),
            footer: footer(self.std, std::slice::from_ref(&source_file)),
            source_file,
            unverified: Vec::new(),
            sections,
            values,
            missing,
        }
    }

    fn paragraphs(&self, f: &[Field], id: &str) -> Block {
        let row = self.row(f, id);
        let label = row.as_ref().map(|r| r.label.clone()).unwrap_or_default();
        let paragraphs = row.map(|r| r.lines).unwrap_or_default();
        Block {
            kind: "text",
            label,
            missing: paragraphs.is_empty(),
            paragraphs,
            ..Block::default()
        }
    }

    fn steps(&self, f: &[Field], id: &str) -> Block {
        let row = self.row(f, id);
        let label = row.as_ref().map(|r| r.label.clone()).unwrap_or_default();
        let steps = row
            .and_then(|r| r.value)
            .map(|v| split_steps(&v))
            .unwrap_or_default();
        Block {
            kind: "steps",
            label,
            missing: steps.is_empty(),
            steps,
            ..Block::default()
        }
    }

    fn faq(&self, f: &[Field]) -> Block {
        let row = self.row(f, "faq");
        let label = row
            .as_ref()
            .map(|r| r.label.clone())
            .unwrap_or("常见问题".into());
        let value = row.and_then(|r| r.value);
        let pairs = value.as_deref().map(split_qa).unwrap_or_default();
        let paragraphs = match (&value, pairs.is_empty()) {
            (Some(v), true) => lines_of(v),
            _ => Vec::new(),
        };
        Block {
            kind: "qa",
            label,
            missing: value.is_none(),
            pairs,
            paragraphs,
            ..Block::default()
        }
    }

    fn legal_basis(&self, f: &[Field]) -> Block {
        let row = self.row(f, "legal_basis");
        let label = row.as_ref().map(|r| r.label.clone()).unwrap_or_default();
        let value = row.and_then(|r| r.value);
        let cells: Vec<Vec<Option<String>>> = value
            .as_deref()
            .map(crate::text::citations::parse)
            .unwrap_or_default()
            .into_iter()
            .map(|c| {
                let articles = (!c.articles.is_empty()).then(|| c.articles.join("、"));
                vec![c.title, c.number, articles, c.text]
            })
            .collect();
        Block {
            kind: "table",
            label,
            missing: value.is_none(),
            head: ["法律法规名称", "文号", "条款", "条款内容"]
                .map(String::from)
                .to_vec(),
            details: vec![Vec::new(); cells.len()],
            cells,
            ..Block::default()
        }
    }

    /// Materials or fees: the first columns as a table, the rest of the
    /// part's elements as rows beneath each entry.
    fn parts_table(&self, parts: &[Part], scope: Scope, label: &str) -> Block {
        let main_ids: &[&str] = match scope {
            Scope::Material => &[
                "material_name",
                "material_necessity",
                "material_type",
                "material_form",
                "copies",
                "paper_spec",
                "material_source",
            ],
            _ => &["fee_name", "fee_rate", "fee_basis", "fee_reducible"],
        };
        let els: Vec<(usize, &Element)> = self
            .std
            .elements
            .iter()
            .enumerate()
            .filter(|(_, e)| e.scope == scope)
            .collect();
        let main: Vec<(usize, &Element)> = main_ids
            .iter()
            .filter_map(|id| els.iter().find(|(_, e)| e.id == *id).copied())
            .collect();
        let rest: Vec<(usize, &Element)> = els
            .iter()
            .filter(|(_, e)| !main_ids.contains(&e.id.as_str()))
            .copied()
            .collect();
        let show = |p: &Part, i: usize, e: &Element| {
            p.fields
                .iter()
                .find(|f| f.element == i)
                .and_then(|f| self.display(e, f))
        };
        let mut head = vec!["序号".to_string()];
        head.extend(main.iter().map(|(_, e)| e.label.clone()));
        let mut cells = Vec::new();
        let mut details = Vec::new();
        let mut filled: HashSet<usize> = HashSet::new();
        for (n, p) in parts.iter().enumerate() {
            let mut row = vec![Some((n + 1).to_string())];
            for (i, e) in &main {
                let v = show(p, *i, e);
                if v.is_some() {
                    filled.insert(*i);
                }
                row.push(v);
            }
            cells.push(row);
            details.push(
                rest.iter()
                    .filter_map(|(i, e)| {
                        let v = show(p, *i, e)?;
                        filled.insert(*i);
                        Some(make_row(&e.id, &e.label, Some(v)))
                    })
                    .collect(),
            );
        }
        let absent = if parts.is_empty() {
            Vec::new()
        } else {
            els.iter()
                .filter(|(i, _)| !filled.contains(i))
                .map(|(_, e)| e.label.clone())
                .collect()
        };
        Block {
            kind: "table",
            label: label.to_string(),
            missing: parts.is_empty(),
            head,
            cells,
            details,
            absent,
            ..Block::default()
        }
    }

    /// 即办 items say 即办; 承诺件 say 自受理之日起N个工作日内办结 and give
    /// the statutory limit.
    fn time_limits(&self, f: &[Field]) -> Vec<Row> {
        let case = self.code(f, "case_kind");
        let mut rows = self.rows(f, &["case_kind"]);
        for (id, promised) in [("statutory_days", false), ("promised_days", true)] {
            let Some(mut row) = self.row(f, id) else {
                continue;
            };
            let unit_id = if promised {
                "promised_unit"
            } else {
                "statutory_unit"
            };
            let phrase = match self.value(f, id) {
                Some(Value::Duration { amount, unit }) => {
                    let unit = unit.or_else(|| self.code(f, unit_id));
                    Some(
                        if amount == 0 || (promised && case.as_deref() == Some("1")) {
                            "即办".to_string()
                        } else if promised {
                            format!("自受理之日起{}内办结", span(amount, unit.as_deref()))
                        } else {
                            span(amount, unit.as_deref())
                        },
                    )
                }
                Some(_) => row.value.clone(),
                None if promised && case.as_deref() == Some("1") => Some("即办".to_string()),
                None => None,
            };
            row = make_row(id, &row.label, phrase);
            rows.push(row);
        }
        rows
    }

    fn fees(&self, f: &[Field], fees: &[Part]) -> Vec<Block> {
        let charged = self.code(f, "fee");
        let mut rows = self.rows(f, &["fee"]);
        if charged.as_deref() == Some("0") {
            for r in &mut rows {
                *r = make_row(&r.id, &r.label, Some("不收费".to_string()));
            }
        } else {
            rows.extend(self.rows(f, &["fee_rate", "fee_basis"]));
        }
        let mut blocks = vec![fields_block(rows)];
        if !fees.is_empty() {
            blocks.push(self.parts_table(fees, Scope::Fee, "收费项目"));
        }
        blocks
    }
}

fn is_code_type(k: ElementType) -> bool {
    matches!(
        k,
        ElementType::BasicCode
            | ElementType::ImplCode
            | ElementType::HandlingCode
            | ElementType::CreditCode
            | ElementType::MaterialCode
            | ElementType::AreaCode
    )
}

fn make_row(id: &str, label: &str, value: Option<String>) -> Row {
    let lines = value.as_deref().map(lines_of).unwrap_or_default();
    Row {
        id: id.to_string(),
        label: label.to_string(),
        value,
        lines,
    }
}

fn fields_block(rows: Vec<Row>) -> Block {
    Block {
        kind: "fields",
        missing: rows.iter().all(|r| r.value.is_none()),
        rows,
        ..Block::default()
    }
}

fn lines_of(v: &str) -> Vec<String> {
    v.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// `20` working days → `20个工作日`; hours, months and years as such.
fn span(amount: i64, unit: Option<&str>) -> String {
    match unit.unwrap_or("1") {
        "2" => format!("{amount}个自然日"),
        "h" => format!("{amount}小时"),
        "m" => format!("{amount}个月"),
        "y" => format!("{amount}年"),
        _ => format!("{amount}个工作日"),
    }
}

/// A process as steps: arrows (→) first, then lines, then enumerators
/// (`1.` `（1）` `第一步`), then semicolons.
pub fn split_steps(text: &str) -> Vec<String> {
    let clean = |v: Vec<&str>| -> Vec<String> {
        v.into_iter()
            .map(|s| strip_enumerator(s.trim()).trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    for arrow in ["→", "->", "—>", "－＞", "⇒"] {
        if text.contains(arrow) {
            return clean(text.split(arrow).collect());
        }
    }
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() > 1 {
        return clean(lines);
    }
    use std::sync::OnceLock;
    static ENUM: OnceLock<regex::Regex> = OnceLock::new();
    let re = ENUM.get_or_init(|| {
        regex::Regex::new(r"(?:^|[。；;\s])(?:\d{1,2}[.、．]|[（(]\d{1,2}[)）]|第[一二三四五六七八九十]+步[：:，,]?)")
            .expect("valid regex")
    });
    let starts: Vec<usize> = re.find_iter(text).map(|m| m.start()).collect();
    if starts.len() > 1 {
        let mut parts = Vec::new();
        let mut prev = 0;
        for s in starts.into_iter().chain(std::iter::once(text.len())) {
            if s > prev {
                parts.push(&text[prev..s]);
            }
            prev = s;
        }
        return clean(parts);
    }
    let semis: Vec<&str> = text.split(['；', ';']).collect();
    if semis.len() > 1 {
        return clean(semis);
    }
    // 申请、受理、审查、决定、送达: short stage names in a row
    let stages: Vec<&str> = text.trim_end_matches(['。', '.']).split('、').collect();
    if stages.len() >= 3 && stages.iter().all(|s| s.trim().chars().count() <= 8) {
        return clean(stages);
    }
    clean(vec![text])
}

fn strip_enumerator(s: &str) -> &str {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"^[。；;]?\s*(?:\d{1,2}[.、．]|[（(]\d{1,2}[)）]|第[一二三四五六七八九十]+步[：:，,]?)\s*")
            .expect("valid regex")
    });
    match re.find(s) {
        Some(m) => &s[m.end()..],
        None => s,
    }
}

/// FAQ text as question/answer pairs (问：…答：… or Q:…A:…); empty when the
/// text has no such markers.
pub fn split_qa(text: &str) -> Vec<Qa> {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(?:\d{1,2}[.、．]\s*)?(问|答|Q|A)\s*[:：]").expect("valid regex")
    });
    let marks: Vec<(usize, usize, bool)> = re
        .captures_iter(text)
        .map(|c| {
            let m = c.get(0).expect("whole match");
            let q = matches!(&c[1], "问" | "Q");
            (m.start(), m.end(), q)
        })
        .collect();
    let mut pairs = Vec::new();
    for (k, &(_, end, is_q)) in marks.iter().enumerate() {
        if !is_q {
            continue;
        }
        let next = marks.get(k + 1);
        let q_end = next.map(|m| m.0).unwrap_or(text.len());
        let q = text[end..q_end].trim().to_string();
        let a = match next {
            Some(&(_, a_start, false)) => {
                let a_end = marks.get(k + 2).map(|m| m.0).unwrap_or(text.len());
                text[a_start..a_end].trim().to_string()
            }
            _ => String::new(),
        };
        pairs.push(Qa { q, a });
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_from_arrows_lines_and_enumerators() {
        assert_eq!(
            split_steps("申请→受理→审查→决定"),
            ["申请", "受理", "审查", "决定"]
        );
        assert_eq!(
            split_steps("1.申请\n2.受理\n3.办结"),
            ["申请", "受理", "办结"]
        );
        assert_eq!(
            split_steps("1.申请人提交材料；2.窗口受理；3.审查决定。"),
            ["申请人提交材料", "窗口受理", "审查决定。"]
        );
        assert_eq!(
            split_steps("网上申请、受理、审查、决定。"),
            ["网上申请", "受理", "审查", "决定"]
        );
        let long = "申请人通过窗口或网上提交材料、工作人员对材料进行审查后作出决定";
        assert_eq!(split_steps(long), [long]);
    }

    #[test]
    fn faq_pairs() {
        let p = split_qa("1.问：需要本人到场吗？答：不需要。2.问：可以邮寄吗？答：可以。");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].q, "需要本人到场吗？");
        assert_eq!(p[0].a, "不需要。");
        assert_eq!(p[1].a, "可以。");
        assert!(split_qa("暂无常见问题").is_empty());
    }

    #[test]
    fn spans() {
        assert_eq!(span(20, Some("1")), "20个工作日");
        assert_eq!(span(3, Some("m")), "3个月");
        assert_eq!(span(5, None), "5个工作日");
    }
}
