//! The checking engine: a catalogue's reader events → findings.
//!
//! A [`Checker`] consumes a catalogue's events one at a time (so a
//! province-sized file streams through), interprets every value once, and
//! hands each table, item, material row and, at the end, the whole file to
//! the rules of `crate::rules` (built-in rules, one file each, and the
//! standard's expression rules). It decides nothing itself: which cell is
//! wrong and how badly is the rules' and the standard's business.

use crate::catalogue::value::{clean_code, interpret, Problem};
use crate::catalogue::{Event, Field, Item, KeyIndex, ReadError, ReadOptions, Source, TableInfo};
use crate::codes::AreaList;
use crate::rules::expressions::expression_failed::RequiredWhen;
use crate::rules::{self, FileCx, FinishCx, ItemCx, Orphan, PartCx, Rule, Sink};
use crate::standard::{Scope, Severity, Standard};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

mod group;
mod labels;

pub use crate::catalogue::{BasicCatalogue, BasicEntry};
pub use crate::rules::Finding;

/// Findings the user chose to ignore (santong.yaml's `ignore`), dropped
/// before findings of one cause are merged.
#[derive(Clone, Copy)]
pub struct Ignore<'a>(pub &'a (dyn Fn(&Finding) -> bool + Sync));

impl std::fmt::Debug for Ignore<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Ignore")
    }
}

/// What the checker needs besides the standard.
#[derive(Debug, Default)]
pub struct CheckOptions<'a> {
    pub ignore: Option<Ignore<'a>>,
    pub basic: Option<&'a BasicCatalogue>,
    pub areas: Option<&'a AreaList>,
    pub read: ReadOptions,
    /// One finding per row, instead of one per cause and column.
    pub every_row: bool,
}

/// The result of checking one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub items: usize,
    /// Items with at least one error on their own cells or inline materials.
    pub items_with_errors: usize,
    pub findings: Vec<Finding>,
    /// Findings dropped by `ignore`.
    pub ignored: usize,
}

impl FileReport {
    pub fn count(&self, sev: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == sev).count()
    }
}

/// The basic catalogue's own defects, found as it loaded, as the report
/// of its file; none when it has none.
pub fn basic_report(
    path: &Path,
    basic: &BasicCatalogue,
    standard: &Standard,
) -> Option<FileReport> {
    if basic.defects.is_empty() {
        return None;
    }
    let findings = group::group(rules::check_basic_catalogue(standard, basic));
    Some(FileReport {
        path: path.display().to_string(),
        items: basic.entries.len(),
        items_with_errors: 0,
        findings,
        ignored: 0,
    })
}

/// Check one catalogue file.
pub fn check_file(
    path: &Path,
    standard: &Standard,
    opts: &CheckOptions<'_>,
) -> Result<FileReport, ReadError> {
    let mut checker =
        Checker::new(standard, opts).map_err(|e| ReadError::new(path, e.to_string()))?;
    crate::catalogue::read(path, standard, &opts.read, &mut |ev| checker.on_event(ev))?;
    let (items, items_with_errors) = (checker.items, checker.items_with_errors);
    let mut findings = group::subsume(checker.finish());
    let before = findings.len();
    if let Some(Ignore(ignores)) = opts.ignore {
        findings.retain(|f| !ignores(f));
    }
    let ignored = before - findings.len();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    if !opts.every_row {
        findings = group::group(findings);
    }
    Ok(FileReport {
        path: path.display().to_string(),
        items,
        items_with_errors,
        findings,
        ignored,
    })
}

/// A detached material or fee row remembered until all items are known.
struct Pending {
    orphan: Orphan,
    key: String,
}

/// The tables and hidden rows seen so far, which rules may consult.
#[derive(Default)]
struct FileState {
    codes: rules::CodeUsage,
    tables: HashMap<Arc<Source>, TableInfo>,
    hidden: HashMap<Arc<Source>, HashSet<u32>>,
}

pub struct Checker<'a> {
    std: &'a Standard,
    opts: &'a CheckOptions<'a>,
    state: FileState,
    rules: Vec<Box<dyn Rule + 'a>>,
    required: RequiredWhen<'a>,
    sink: Sink<'a>,
    item_keys: HashSet<String>,
    pending: Vec<Pending>,
    keyer: KeyIndex,
    items: usize,
    items_with_errors: usize,
    saw_materials: bool,
    item_tables: Vec<Arc<Source>>,
}

fn file_cx<'s>(std: &'s Standard, opts: &'s CheckOptions<'s>, state: &'s FileState) -> FileCx<'s> {
    FileCx {
        std,
        codes: &state.codes,
        basic: opts.basic,
        areas: opts.areas,
        tables: &state.tables,
        hidden: &state.hidden,
    }
}

/// Interpret a row's fields, collecting what could not be read.
fn interpret_fields<'f>(
    std: &Standard,
    fields: &'f [Field],
) -> (rules::Values<'f>, Vec<(&'f Field, Problem)>) {
    let mut values = HashMap::new();
    let mut problems = Vec::new();
    for f in fields {
        let (v, ps) = interpret(&std.elements[f.element], std, &f.text, f.numeric);
        problems.extend(ps.into_iter().map(|p| (f, p)));
        values.insert(f.element, (v, f));
    }
    (values, problems)
}

impl<'a> Checker<'a> {
    pub fn new(std: &'a Standard, opts: &'a CheckOptions<'a>) -> Result<Self, rules::ParamError> {
        Ok(Checker {
            std,
            opts,
            state: FileState::default(),
            rules: rules::build(std)?,
            required: RequiredWhen::new(std),
            sink: Sink::new(std),
            item_keys: Default::default(),
            pending: Vec::new(),
            keyer: KeyIndex::new(std),
            items: 0,
            items_with_errors: 0,
            saw_materials: false,
            item_tables: Vec::new(),
        })
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
                self.sink.set_item(Some(Arc::from(clean_code(&text))));
                self.on_part(&d.source, &d.part, d.kind, Some(&key));
                self.sink.set_item(None);
                self.pending.push(Pending {
                    orphan: Orphan {
                        source: d.source.clone(),
                        row: d.part.row,
                        col: field.as_ref().and_then(|f| f.col),
                        element: field.as_ref().map(|f| f.element),
                        text,
                    },
                    key,
                });
            }
            Event::HiddenRows { source, rows } => {
                self.state.hidden.insert(source, rows.into_iter().collect());
            }
            Event::Skipped { .. } => {}
        }
    }

    fn on_table(&mut self, t: TableInfo) {
        if t.columns
            .iter()
            .any(|c| self.std.elements[c.1].scope == Scope::Material)
        {
            self.saw_materials = true;
        }
        if t.role == Scope::Item && !t.header_rows.is_empty() {
            self.item_tables.push(t.source.clone());
        }
        let cx = file_cx(self.std, self.opts, &self.state);
        for r in &mut self.rules {
            r.table(&cx, &t, &mut self.sink);
        }
        self.state.tables.insert(t.source.clone(), t);
    }

    fn on_part(
        &mut self,
        source: &Arc<Source>,
        part: &crate::catalogue::Part,
        kind: Scope,
        // a detached row's key to its item (empty when it has none)
        detached: Option<&str>,
    ) {
        let (values, problems) = interpret_fields(self.std, &part.fields);
        let file = file_cx(self.std, self.opts, &self.state);
        let cx = PartCx {
            file: &file,
            source,
            part,
            kind,
            values: &values,
            problems: &problems,
            detached: detached.is_some(),
            item_key: detached.filter(|k| !k.is_empty()),
        };
        for r in &mut self.rules {
            r.part(&cx, &mut self.sink);
        }
    }

    fn on_item(&mut self, item: Item) {
        let errors_before = self.sink.errors();
        let code = self
            .std
            .ids
            .impl_code
            .and_then(|i| item.get(i))
            .map(|f| Arc::from(clean_code(&f.text)));
        self.sink.set_item(code);
        self.items += 1;
        for k in self.keyer.item_keys(&item) {
            self.item_keys.insert(k);
        }
        self.check_item(&item);
        for m in &item.materials {
            self.on_part(&item.source, m, Scope::Material, None);
        }
        for f in &item.fees {
            self.on_part(&item.source, f, Scope::Fee, None);
        }
        self.sink.set_item(None);
        if self.sink.errors() > errors_before {
            self.items_with_errors += 1;
        }
    }

    fn check_item(&mut self, item: &Item) {
        let (mut values, mut problems) = interpret_fields(self.std, &item.fields);
        labels::apply(
            self.std,
            item,
            &mut values,
            &mut problems,
            &mut self.state.codes,
        );
        let invalid: HashSet<usize> = problems.iter().map(|(f, _)| f.element).collect();
        let vars = rules::expressions::vars(self.std, &values, &invalid);
        let (required, failures) = self.required.required(&vars);
        let file = file_cx(self.std, self.opts, &self.state);
        let facts = rules::facts(&file, &item.source, &values);
        let cx = ItemCx {
            file: &file,
            item,
            values: &values,
            problems: &problems,
            invalid: &invalid,
            required: &required,
            vars: &vars,
            facts: &facts,
        };
        self.required.report(&cx, &failures, &mut self.sink);
        for r in &mut self.rules {
            r.item(&cx, &mut self.sink);
        }
    }

    /// Findings that need the whole file: orphaned materials, absent materials.
    pub fn finish(mut self) -> Vec<Finding> {
        let orphans: Vec<Orphan> = std::mem::take(&mut self.pending)
            .into_iter()
            .filter(|p| p.key.is_empty() || !self.item_keys.contains(&p.key))
            .map(|p| p.orphan)
            .collect();
        let file = file_cx(self.std, self.opts, &self.state);
        let cx = FinishCx {
            file: &file,
            orphans: &orphans,
            items: self.items,
            saw_materials: self.saw_materials,
            item_tables: &self.item_tables,
        };
        for r in &mut self.rules {
            r.finish(&cx, &mut self.sink);
        }
        self.sink.into_findings()
    }
}
