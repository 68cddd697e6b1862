//! The parallel part of a check: a chunk of units (items with their
//! materials and fees, detached rows) split into one contiguous run per
//! worker. Each worker interprets its units' cells once and runs the rules
//! that look at one item at a time; what it returns, in unit order, is
//! what the rules that look across items need next (the values, the
//! facts), so nothing is interpreted twice.

use super::{interpret_fields, labels, CheckOptions, FileState};
use crate::catalogue::value::{clean_code, Problem};
use crate::catalogue::{Detached, Field, Item, KeyIndex, Part};
use crate::rules::expressions::expression_failed::RequiredWhen;
use crate::rules::expressions::Vars;
use crate::rules::{self, CodeUsage, Facts, FileCx, Finding, ItemCx, Orphan, PartCx, Rule, Sink};
use crate::standard::{Scope, Standard};
use std::collections::HashSet;
use std::sync::Arc;

/// One unit of a file, in reading order.
pub enum Unit {
    Item(Item),
    Detached(Detached),
}

/// What every worker reads and none changes during a chunk.
pub struct Env<'e> {
    pub std: &'e Standard,
    pub opts: &'e CheckOptions<'e>,
    pub state: &'e FileState,
    pub keyer: &'e KeyIndex,
}

impl Env<'_> {
    fn file<'s>(&'s self, codes: &'s CodeUsage) -> FileCx<'s> {
        super::file_cx(self.std, self.opts, self.state, codes)
    }
}

/// A worker's own copy of the rules that look at one item at a time.
pub struct Worker<'a> {
    rules: Vec<Box<dyn Rule + 'a>>,
    required: RequiredWhen<'a>,
    /// The variables expressions read: an item's are built for these only.
    reads: Vec<bool>,
}

impl<'a> Worker<'a> {
    pub fn new(std: &'a Standard) -> Result<Self, rules::ParamError> {
        let rules = rules::build(std)?
            .into_iter()
            .filter(|r| !r.across_items())
            .collect();
        Ok(Worker {
            rules,
            required: RequiredWhen::new(std),
            reads: rules::expressions::read_by_expressions(std),
        })
    }
}

/// A material or fee row, interpreted.
pub struct PartDone<'u> {
    part: &'u Part,
    kind: Scope,
    values: rules::Values<'u>,
    problems: Vec<(&'u Field, Problem)>,
}

impl<'u> PartDone<'u> {
    fn new(std: &Standard, part: &'u Part, kind: Scope) -> Self {
        let (values, problems) = interpret_fields(std, &part.fields);
        PartDone {
            part,
            kind,
            values,
            problems,
        }
    }

    pub fn cx<'c>(
        &'c self,
        file: &'c FileCx<'c>,
        source: &'c Arc<crate::catalogue::Source>,
        detached: Option<&'c str>,
    ) -> PartCx<'c> {
        PartCx {
            file,
            source,
            part: self.part,
            kind: self.kind,
            values: &self.values,
            problems: &self.problems,
            detached: detached.is_some(),
            item_key: detached.filter(|k| !k.is_empty()),
        }
    }
}

/// An item, interpreted, with what its rules computed once.
pub struct ItemDone<'u> {
    pub item: &'u Item,
    pub code: Option<Arc<str>>,
    values: rules::Values<'u>,
    problems: Vec<(&'u Field, Problem)>,
    invalid: HashSet<usize>,
    required: Vec<bool>,
    vars: Vars,
    facts: Facts,
    pub parts: Vec<PartDone<'u>>,
}

impl ItemDone<'_> {
    pub fn cx<'c>(&'c self, file: &'c FileCx<'c>) -> ItemCx<'c> {
        ItemCx {
            file,
            item: self.item,
            values: &self.values,
            problems: &self.problems,
            invalid: &self.invalid,
            required: &self.required,
            vars: &self.vars,
            facts: &self.facts,
        }
    }
}

/// A detached row, interpreted, with its key to its item.
pub struct DetachedDone<'u> {
    pub unit: &'u Detached,
    pub part: PartDone<'u>,
    /// `i:…`, `b:…`, `n:…`; empty when the row names no item.
    pub key: String,
    pub code: Arc<str>,
    field: Option<&'u Field>,
}

impl DetachedDone<'_> {
    pub fn orphan(&self) -> Orphan {
        Orphan {
            source: self.unit.source.clone(),
            row: self.unit.part.row,
            col: self.field.and_then(|f| f.col),
            element: self.field.map(|f| f.element),
            text: self.field.map(|f| f.text.clone()).unwrap_or_default(),
        }
    }
}

pub enum DoneKind<'u> {
    Item(Box<ItemDone<'u>>),
    Detached(Box<DetachedDone<'u>>),
}

/// A unit after the one-item rules: their findings, and what the rules
/// across items need.
pub struct Done<'u> {
    pub findings: Vec<Finding>,
    pub kind: DoneKind<'u>,
}

/// Check one unit with a worker's rules.
fn check_unit<'u>(
    env: &Env<'_>,
    w: &mut Worker<'_>,
    codes: &mut CodeUsage,
    unit: &'u Unit,
) -> Done<'u> {
    let mut sink = Sink::new(env.std);
    let kind = match unit {
        Unit::Item(item) => DoneKind::Item(Box::new(check_item(env, w, codes, item, &mut sink))),
        Unit::Detached(d) => {
            let (key, field) = match env.keyer.detached_key(d) {
                Some((k, f)) => (k, Some(f)),
                None => (String::new(), None),
            };
            let code: Arc<str> = Arc::from(clean_code(field.map_or("", |f| f.text.as_str())));
            sink.set_item(Some(code.clone()));
            let part = PartDone::new(env.std, &d.part, d.kind);
            let file = env.file(codes);
            let cx = part.cx(&file, &d.source, Some(&key));
            for r in &mut w.rules {
                r.part(&cx, &mut sink);
            }
            DoneKind::Detached(Box::new(DetachedDone {
                unit: d,
                part,
                key,
                code,
                field,
            }))
        }
    };
    Done {
        findings: sink.into_findings(),
        kind,
    }
}

fn check_item<'u>(
    env: &Env<'_>,
    w: &mut Worker<'_>,
    codes: &mut CodeUsage,
    item: &'u Item,
    sink: &mut Sink<'_>,
) -> ItemDone<'u> {
    let std = env.std;
    let code = std
        .ids
        .impl_code
        .and_then(|i| item.get(i))
        .map(|f| Arc::from(clean_code(&f.text)));
    sink.set_item(code.clone());
    let (mut values, mut problems) = interpret_fields(std, &item.fields);
    labels::apply(std, item, &mut values, &mut problems, codes);
    let invalid: HashSet<usize> = problems.iter().map(|(f, _)| f.element).collect();
    let file = env.file(codes);
    let facts = rules::facts(&file, &item.source, &values);
    let vars = rules::expressions::vars_of(std, &values, &invalid, Some(&w.reads), Some(&facts));
    let (required, failures) = w.required.required(&vars);
    let parts = (item.materials.iter().map(|m| (m, Scope::Material)))
        .chain(item.fees.iter().map(|f| (f, Scope::Fee)))
        .map(|(p, kind)| PartDone::new(std, p, kind))
        .collect();
    let done = ItemDone {
        item,
        code,
        values,
        problems,
        invalid,
        required,
        vars,
        facts,
        parts,
    };
    let cx = done.cx(&file);
    w.required.report(&cx, &failures, sink);
    for r in &mut w.rules {
        r.item(&cx, sink);
    }
    for p in &done.parts {
        let cx = p.cx(&file, &item.source, None);
        for r in &mut w.rules {
            r.part(&cx, sink);
        }
    }
    done
}

/// Units a worker checks before handing their results on.
const BATCH: usize = 32;

/// Check a chunk: one contiguous run of units per worker, each on a
/// thread of its own, while this thread hands every unit's result, in
/// unit order, to `merge` (the rules across items) as soon as it is done.
pub fn run<'u>(
    env: &Env<'_>,
    workers: &mut [Worker<'_>],
    codes: &mut CodeUsage,
    units: &'u [Unit],
    merge: &mut dyn FnMut(Done<'u>, &CodeUsage),
) {
    let per = units.len().div_ceil(workers.len()).max(super::CHUNK / 4);
    if units.len() <= per {
        let w = &mut workers[0];
        for u in units {
            let d = check_unit(env, w, codes, u);
            merge(d, codes);
        }
        return;
    }
    let scratches: Vec<CodeUsage> = std::thread::scope(|s| {
        let mut handles = Vec::new();
        let mut results = Vec::new();
        for (run, w) in units.chunks(per).zip(workers.iter_mut()) {
            // unbounded: a run is at most a chunk, and a later run must not
            // wait for this thread to reach it; results go in batches, so
            // the merging thread is woken once a batch, not once a unit
            let (tx, rx) = std::sync::mpsc::channel::<Vec<Done<'u>>>();
            handles.push(s.spawn(move || {
                let mut scratch = CodeUsage::default();
                for batch in run.chunks(BATCH) {
                    let done = batch.iter().map(|u| check_unit(env, w, &mut scratch, u));
                    if tx.send(done.collect()).is_err() {
                        break;
                    }
                }
                scratch
            }));
            results.push(rx);
        }
        for rx in results {
            for d in rx.into_iter().flatten() {
                merge(d, codes);
            }
        }
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    // a file with label columns is checked on one thread, so the workers
    // never learn a code; should one, it is not lost
    for scratch in scratches {
        for (k, meanings) in scratch.map {
            let m = codes.map.entry(k).or_default();
            for (meaning, rows) in meanings {
                m.entry(meaning).or_default().extend(rows);
            }
        }
    }
}
