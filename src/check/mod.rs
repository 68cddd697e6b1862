//! Rules → findings.
//!
//! A [`Checker`] consumes a catalogue's reader events one at a time (so a
//! province-sized file streams through) and produces [`Finding`]s: data,
//! never text on a terminal. Cross-field rules come from the standard as
//! minijinja expressions; code, catalogue and structure rules are built in
//! here (`builtin.rs`), with their severity and messages still data.

mod basic;
mod builtin;
mod context;

pub use basic::{BasicCatalogue, BasicEntry};

use crate::catalogue::value::{interpret, Value};
use crate::catalogue::{Event, Field, Item, KeyIndex, ReadError, ReadOptions, Source, TableInfo};
use crate::codes::AreaList;
use crate::standard::{Scope, Severity, Standard};
use minijinja::Value as MjValue;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

/// Ids of the rules implemented in Rust; every standard must define them
/// (severity and messages are data).
pub const BUILTIN_RULES: &[&str] = &[
    "hidden-row",
    "missing-column",
    "unknown-column",
    "duplicate-column",
    "missing-required",
    "invalid-value",
    "uncoded-item-type",
    "invalid-credit-code",
    "invalid-org-code",
    "invalid-basic-code",
    "basic-code-type-mismatch",
    "impl-code-mismatch",
    "invalid-handling-code",
    "duplicate-impl-code",
    "invalid-area-code",
    "area-code-nonstandard",
    "body-level-mismatch",
    "invalid-phone",
    "unknown-basic-code",
    "name-mismatch",
    "type-mismatch",
    "legal-basis-mismatch",
    "catch-all-clause",
    "material-missing-name",
    "material-orphan",
    "duplicate-material",
];

/// One departure from the standard, located to a cell.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub source: Arc<Source>,
    /// 1-based row; none for file-level findings.
    pub row: Option<u32>,
    /// 0-based column; none for row- or file-level findings.
    pub col: Option<u32>,
    /// Index of the element the finding is about.
    pub element: Option<usize>,
    /// The offending value as written.
    pub value: Option<String>,
    /// Variables for the rule's message and fix templates.
    pub params: BTreeMap<String, MjValue>,
    /// The implementation code of the item (or material's item) the
    /// finding belongs to, when there is one.
    pub item: Option<Arc<str>>,
}

impl Finding {
    /// Sort key: file, sheet, row, column, rule.
    pub fn sort_key(&self) -> (&str, Option<&str>, u32, u32, &str) {
        (
            &self.source.path,
            self.source.sheet.as_deref(),
            self.row.unwrap_or(0),
            self.col.map(|c| c + 1).unwrap_or(0),
            &self.rule,
        )
    }
}

/// What the checker needs besides the standard.
#[derive(Debug, Default)]
pub struct CheckOptions<'a> {
    pub basic: Option<&'a BasicCatalogue>,
    pub areas: Option<&'a AreaList>,
    pub read: ReadOptions,
}

/// The result of checking one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub items: usize,
    /// Items with at least one error on their own cells or inline materials.
    pub items_with_errors: usize,
    pub findings: Vec<Finding>,
}

impl FileReport {
    pub fn count(&self, sev: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == sev).count()
    }
}

/// Check one catalogue file.
pub fn check_file(
    path: &Path,
    standard: &Standard,
    opts: &CheckOptions<'_>,
) -> Result<FileReport, ReadError> {
    let mut checker = Checker::new(standard, opts);
    crate::catalogue::read(path, standard, &opts.read, &mut |ev| checker.on_event(ev))?;
    let mut findings = checker.finish();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(FileReport {
        path: path.display().to_string(),
        items: checker.items,
        items_with_errors: checker.items_with_errors,
        findings,
    })
}

/// A detached material or fee row remembered until all items are known.
struct Pending {
    source: Arc<Source>,
    row: u32,
    col: Option<u32>,
    /// The key's element (实施编码, 基本编码 or 事项名称).
    element: Option<usize>,
    key: String,
    text: String,
}

pub struct Checker<'a> {
    pub(crate) std: &'a Standard,
    pub(crate) opts: &'a CheckOptions<'a>,
    tables: HashMap<Arc<Source>, TableInfo>,
    pub(crate) impl_codes: HashMap<String, (Arc<Source>, u32, Option<u32>)>,
    item_keys: std::collections::HashSet<String>,
    pending: Vec<Pending>,
    keyer: KeyIndex,
    items: usize,
    items_with_errors: usize,
    /// Error findings so far (kept as a count: scanning findings per item is quadratic).
    errors: usize,
    saw_materials: bool,
    item_tables: Vec<Arc<Source>>,
    missing_reported: std::collections::HashSet<(Arc<Source>, usize)>,
    pub(crate) findings: Vec<Finding>,
    pub(crate) exprs: context::Expressions<'a>,
    pub(crate) catch_all: Arc<(Vec<usize>, Vec<regex::Regex>)>,
    /// The implementation code of the item being checked.
    current_item: Option<Arc<str>>,
    /// Rows each sheet hides.
    hidden_rows: HashMap<Arc<Source>, std::collections::HashSet<u32>>,
}

impl<'a> Checker<'a> {
    pub fn new(std: &'a Standard, opts: &'a CheckOptions<'a>) -> Self {
        Checker {
            std,
            opts,
            tables: HashMap::new(),
            impl_codes: HashMap::new(),
            item_keys: Default::default(),
            pending: Vec::new(),
            keyer: KeyIndex::new(std),
            items: 0,
            items_with_errors: 0,
            errors: 0,
            saw_materials: false,
            item_tables: Vec::new(),
            missing_reported: Default::default(),
            exprs: Default::default(),
            catch_all: builtin::catch_all_patterns(std),
            findings: Vec::new(),
            current_item: None,
            hidden_rows: HashMap::new(),
        }
    }

    /// Record a finding unless the standard turned the rule off.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn emit(
        &mut self,
        rule: &str,
        source: &Arc<Source>,
        row: Option<u32>,
        col: Option<u32>,
        element: Option<usize>,
        value: Option<&str>,
        params: BTreeMap<String, MjValue>,
    ) {
        let severity = self.std.severity(rule);
        self.emit_with(rule, severity, source, row, col, element, value, params);
    }

    /// Record a finding on a field's own cell, with its value.
    /// `hidden-row` for a data row its sheet hides.
    fn note_hidden(&mut self, source: &Arc<Source>, row: u32) {
        if self
            .hidden_rows
            .get(source)
            .is_some_and(|h| h.contains(&row))
        {
            let mut p = BTreeMap::new();
            p.insert("row".into(), MjValue::from(row));
            self.emit("hidden-row", source, Some(row), None, None, None, p);
        }
    }

    pub(crate) fn emit_at(
        &mut self,
        rule: &str,
        source: &Arc<Source>,
        f: &Field,
        params: BTreeMap<String, MjValue>,
    ) {
        self.emit(
            rule,
            source,
            Some(f.row),
            f.col,
            Some(f.element),
            Some(&f.text),
            params,
        );
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn emit_with(
        &mut self,
        rule: &str,
        severity: Severity,
        source: &Arc<Source>,
        row: Option<u32>,
        col: Option<u32>,
        element: Option<usize>,
        value: Option<&str>,
        mut params: BTreeMap<String, MjValue>,
    ) {
        if severity == Severity::Off {
            return;
        }
        if severity == Severity::Error {
            self.errors += 1;
        }
        if let Some(e) = element {
            params
                .entry("label".into())
                .or_insert_with(|| MjValue::from(self.std.elements[e].label.clone()));
        }
        if let Some(v) = value {
            params
                .entry("value".into())
                .or_insert_with(|| MjValue::from(v.to_string()));
        }
        self.findings.push(Finding {
            rule: rule.to_string(),
            severity,
            source: source.clone(),
            row,
            col,
            element,
            value: value.map(str::to_string),
            params,
            item: self.current_item.clone(),
        });
    }

    pub fn on_event(&mut self, ev: Event) {
        match ev {
            Event::Table(t) => self.on_table(t),
            Event::Item(item) => self.on_item(item),
            Event::Detached(d) => {
                self.saw_materials |= d.kind == Scope::Material;
                let (key, field) = match self.keyer.detached_key(&d) {
                    Some((k, f)) => (k, Some(f.clone())),
                    None => (String::new(), None),
                };
                let text = field.as_ref().map(|f| f.text.clone()).unwrap_or_default();
                self.current_item = Some(Arc::from(crate::catalogue::value::clean_code(&text)));
                self.pending.push(Pending {
                    source: d.source.clone(),
                    row: d.part.row,
                    col: field.as_ref().and_then(|f| f.col),
                    element: field.as_ref().map(|f| f.element),
                    key,
                    text,
                });
                self.note_hidden(&d.source, d.part.row);
                match d.kind {
                    Scope::Material => self.check_material(&d.source, &d.part, &mut Vec::new()),
                    _ => self.check_part_values(&d.source, &d.part),
                }
                self.current_item = None;
            }
            Event::HiddenRows { source, rows } => {
                self.hidden_rows.insert(source, rows.into_iter().collect());
            }
            Event::Skipped { .. } => {}
        }
    }

    fn on_table(&mut self, t: TableInfo) {
        let src = t.source.clone();
        let header_row = t.header_rows.last().copied();
        for (col, text) in &t.unknown {
            let mut p = BTreeMap::new();
            p.insert("value".into(), MjValue::from(text.clone()));
            // tables located by line (YAML) give the key's line instead of a column
            let (row, col) = if t.by_line {
                (Some(*col), None)
            } else {
                (header_row, Some(*col))
            };
            self.emit("unknown-column", &src, row, col, None, Some(text), p);
        }
        for (col, e, text) in &t.duplicates {
            self.emit(
                "duplicate-column",
                &src,
                header_row,
                Some(*col),
                Some(*e),
                Some(text),
                BTreeMap::new(),
            );
        }
        if t.columns
            .iter()
            .any(|c| self.std.elements[c.1].scope == Scope::Material)
        {
            self.saw_materials = true;
        }
        if t.role == Scope::Item && !t.header_rows.is_empty() {
            self.item_tables.push(src.clone());
            for (i, el) in self.std.elements.iter().enumerate() {
                // Conditionally required columns are reported when an item needs them.
                if el.scope != Scope::Item || t.has(i) || !el.required {
                    continue;
                }
                self.emit(
                    "missing-column",
                    &src,
                    header_row,
                    None,
                    Some(i),
                    None,
                    BTreeMap::new(),
                );
            }
        }
        self.tables.insert(src, t);
    }

    /// The element's column in the table the source names, if it has one.
    pub(crate) fn column(&self, source: &Arc<Source>, element: usize) -> Option<u32> {
        self.tables.get(source).and_then(|t| t.column_of(element))
    }

    /// Whether the table can hold the element. A YAML item is its own
    /// table: an absent key is a missing value, not a missing column.
    pub(crate) fn has_column(&self, source: &Arc<Source>, element: usize) -> bool {
        self.tables
            .get(source)
            .is_some_and(|t| t.by_line || t.has(element))
    }

    fn on_item(&mut self, item: Item) {
        let errors_before = self.errors;
        self.current_item = self
            .std
            .element_index("impl_code")
            .and_then(|i| item.get(i))
            .map(|f| Arc::from(crate::catalogue::value::clean_code(&f.text)));
        self.check_item(item);
        self.current_item = None;
        if self.errors > errors_before {
            self.items_with_errors += 1;
        }
    }

    fn check_item(&mut self, item: Item) {
        self.items += 1;
        if !self.hidden_rows.is_empty() {
            let mut rows = vec![item.row];
            rows.extend(item.materials.iter().chain(&item.fees).map(|p| p.row));
            rows.sort_unstable();
            rows.dedup();
            for r in rows {
                self.note_hidden(&item.source, r);
            }
        }
        for k in self.keyer.item_keys(&item) {
            self.item_keys.insert(k);
        }
        // Interpret every field once.
        let mut values: HashMap<usize, (Value, &Field)> = HashMap::new();
        let mut invalid = std::collections::HashSet::new();
        for f in &item.fields {
            let el = &self.std.elements[f.element];
            let (v, problems) = interpret(el, self.std, &f.text, f.numeric);
            if !problems.is_empty() {
                invalid.insert(f.element);
            }
            for p in problems {
                self.invalid_value(&item.source, f, &p);
            }
            if let Value::Uncoded(l) = &v {
                let mut p = BTreeMap::new();
                p.insert("value".into(), MjValue::from(l.clone()));
                self.emit(
                    "uncoded-item-type",
                    &item.source,
                    Some(f.row),
                    f.col,
                    Some(f.element),
                    Some(&f.text),
                    p,
                );
            }
            values.insert(f.element, (v, f));
        }
        let ctx = context::build(self.std, &values);
        let ctx_value = MjValue::from(ctx.clone());
        // Required elements.
        for (i, el) in self.std.elements.iter().enumerate() {
            if el.scope != Scope::Item {
                continue;
            }
            let required = el.required
                || el
                    .required_when
                    .as_deref()
                    .is_some_and(|w| self.exprs.holds(self.std, w, &ctx_value).unwrap_or(false));
            if !required {
                continue;
            }
            if !self.has_column(&item.source, i) {
                if !el.required && self.missing_reported.insert((item.source.clone(), i)) {
                    let row = self
                        .tables
                        .get(&item.source)
                        .and_then(|t| t.header_rows.last().copied());
                    let mut p = BTreeMap::new();
                    p.insert(
                        "condition".into(),
                        MjValue::from(el.required_when.clone().unwrap_or_default()),
                    );
                    let sev = downgrade(self.std.severity("missing-column"));
                    self.emit_with(
                        "missing-column",
                        sev,
                        &item.source,
                        row,
                        None,
                        Some(i),
                        None,
                        p,
                    );
                }
                continue;
            }
            // an unreadable value was already reported as invalid
            let present =
                invalid.contains(&i) || values.get(&i).is_some_and(|(v, _)| !v.is_absent());
            if !present {
                let mut p = BTreeMap::new();
                if !el.required {
                    p.insert(
                        "condition".into(),
                        MjValue::from(el.required_when.clone().unwrap_or_default()),
                    );
                }
                let col = self.column(&item.source, i);
                let value = values.get(&i).map(|(_, f)| f.text.clone());
                self.emit(
                    "missing-required",
                    &item.source,
                    Some(item.row),
                    col,
                    Some(i),
                    value.as_deref(),
                    p,
                );
            }
        }
        builtin::item_rules(self, &item, &values);
        context::expression_rules(self, &item, &values, &ctx, &ctx_value);
        // Materials and fees inline.
        let mut seen = Vec::new();
        for m in &item.materials {
            self.check_material(&item.source, m, &mut seen);
        }
        for f in &item.fees {
            self.check_part_values(&item.source, f);
        }
    }

    pub(crate) fn invalid_value(
        &mut self,
        source: &Arc<Source>,
        f: &Field,
        p: &crate::catalogue::value::Problem,
    ) {
        let el = &self.std.elements[f.element];
        let mut params = BTreeMap::new();
        params.insert(
            "reason_zh".into(),
            MjValue::from(p.reason(crate::i18n::Lang::Zh)),
        );
        params.insert(
            "reason_en".into(),
            MjValue::from(p.reason(crate::i18n::Lang::En)),
        );
        if let Some(v) = self.std.vocabulary_of(el) {
            params.insert("allowed".into(), MjValue::from(v.describe()));
        }
        let sev = if el.strict {
            self.std.severity("invalid-value")
        } else {
            downgrade(self.std.severity("invalid-value"))
        };
        self.emit_with(
            "invalid-value",
            sev,
            source,
            Some(f.row),
            f.col,
            Some(f.element),
            Some(&f.text),
            params,
        );
    }

    fn check_part_values(&mut self, source: &Arc<Source>, part: &crate::catalogue::Part) {
        for f in &part.fields {
            let (_, problems) =
                interpret(&self.std.elements[f.element], self.std, &f.text, f.numeric);
            for p in problems {
                self.invalid_value(source, f, &p);
            }
        }
    }

    fn check_material(
        &mut self,
        source: &Arc<Source>,
        part: &crate::catalogue::Part,
        seen: &mut Vec<String>,
    ) {
        self.check_part_values(source, part);
        builtin::material_rules(self, source, part, seen);
    }

    /// Findings that need the whole file: orphaned materials, absent materials.
    pub fn finish(&mut self) -> Vec<Finding> {
        let pending = std::mem::take(&mut self.pending);
        for p in pending {
            if !p.key.is_empty() && self.item_keys.contains(&p.key) {
                continue;
            }
            let mut params = BTreeMap::new();
            params.insert("value".into(), MjValue::from(p.text.clone()));
            let el = p.element.or_else(|| self.std.element_index("impl_code"));
            self.emit(
                "material-orphan",
                &p.source,
                Some(p.row),
                p.col,
                el,
                Some(&p.text),
                params,
            );
        }
        if !self.saw_materials && self.items > 0 {
            if let (Some(src), Some(e)) = (
                self.item_tables.first().cloned(),
                self.std.element_index("material_name"),
            ) {
                let sev = downgrade(self.std.severity("missing-column"));
                let row = self
                    .tables
                    .get(&src)
                    .and_then(|t| t.header_rows.last().copied());
                self.emit_with(
                    "missing-column",
                    sev,
                    &src,
                    row,
                    None,
                    Some(e),
                    None,
                    BTreeMap::new(),
                );
            }
        }
        std::mem::take(&mut self.findings)
    }
}

/// Error → warning, for rules on conditionally required or unconfirmed elements.
fn downgrade(s: Severity) -> Severity {
    match s {
        Severity::Error => Severity::Warning,
        s => s,
    }
}
