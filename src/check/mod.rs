//! The checking engine: a catalogue's reader events → findings.
//!
//! A [`Checker`] consumes a catalogue's events one at a time (so a
//! province-sized file streams through), interprets every value once, and
//! hands each table, item, material row and, at the end, the whole file to
//! the rules of `crate::rules` (built-in rules, one file each, and the
//! standard's expression rules). It decides nothing itself: which cell is
//! wrong and how badly is the rules' and the standard's business.

use crate::catalogue::value::{interpret_field, Problem};
use crate::catalogue::{Event, Field, KeyIndex, ReadError, ReadOptions, Source, TableInfo};
use crate::codes::AreaList;
use crate::rules::keylog::{self, KeyLog, Record};
use crate::rules::{self, FileCx, FinishCx, Orphan, Rule, RuleId, Sink};
use crate::standard::{Scope, Severity, Standard};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

mod engine;
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

/// Told of each table as it is found (`--verbose`).
#[derive(Clone, Copy)]
pub struct OnTable<'a>(pub &'a (dyn Fn(&TableInfo) + Sync));

impl std::fmt::Debug for OnTable<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OnTable")
    }
}

/// Told how many units (items, detached rows) were checked, as they are.
#[derive(Clone, Copy)]
pub struct OnProgress<'a>(pub &'a (dyn Fn(u64) + Sync));

impl std::fmt::Debug for OnProgress<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OnProgress")
    }
}

/// What the checker needs besides the standard.
#[derive(Debug, Default, Clone)]
pub struct CheckOptions<'a> {
    pub ignore: Option<Ignore<'a>>,
    pub basic: Option<&'a BasicCatalogue>,
    pub areas: Option<&'a AreaList>,
    pub read: ReadOptions,
    /// One finding per row, instead of one per cause and column.
    pub every_row: bool,
    /// Worker threads for one file (0: one). What is found does not
    /// depend on it.
    pub threads: usize,
    /// Told of each table as it is found.
    pub on_table: Option<OnTable<'a>>,
    /// Told of the units checked, chunk by chunk.
    pub on_progress: Option<OnProgress<'a>>,
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
    /// How each table's rows were read, in reading order.
    pub rows: Vec<crate::catalogue::RowAccount>,
}

impl FileReport {
    pub fn count(&self, sev: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == sev).count()
    }

    /// The file's rows, all tables together.
    pub fn row_totals(&self) -> crate::catalogue::RowAccount {
        let mut t = crate::catalogue::RowAccount::default();
        for a in &self.rows {
            t.add(a);
        }
        t
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
        rows: Vec::new(),
    })
}

/// Check one catalogue file.
pub fn check_file(
    path: &Path,
    standard: &Standard,
    opts: &CheckOptions<'_>,
) -> Result<FileReport, ReadError> {
    check_file_with(path, standard, opts, &mut |_| {})
}

/// Check one catalogue file, showing `also` every event of its read before
/// the checker takes it: one read feeds another consumer too (the region
/// `score` compares).
pub fn check_file_with(
    path: &Path,
    standard: &Standard,
    opts: &CheckOptions<'_>,
    also: &mut dyn FnMut(&Event),
) -> Result<FileReport, ReadError> {
    let mut checker =
        Checker::new(standard, opts).map_err(|e| ReadError::new(path, e.to_string()))?;
    if opts.threads > 1 {
        // the file is read on a thread of its own, a bounded queue ahead
        // of the checking; events go in batches, so neither thread is
        // woken once an event
        const EVENTS: usize = 64;
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Event>>(4 * CHUNK / EVENTS);
        std::thread::scope(|s| {
            let reader = s.spawn(move || {
                let mut batch = Vec::with_capacity(EVENTS);
                let read = crate::catalogue::read(path, standard, &opts.read, &mut |ev| {
                    batch.push(ev);
                    if batch.len() == EVENTS {
                        // the checker only stops listening when it panicked
                        let _ = tx.send(std::mem::replace(&mut batch, Vec::with_capacity(EVENTS)));
                    }
                });
                let _ = tx.send(batch);
                read
            });
            for ev in rx.into_iter().flatten() {
                also(&ev);
                checker.on_event(ev);
            }
            reader
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e))
        })?;
    } else {
        crate::catalogue::read(path, standard, &opts.read, &mut |ev| {
            also(&ev);
            checker.on_event(ev)
        })?;
    }
    Ok(checker.finish(path.display().to_string()))
}

/// Check several files, as many at once as there are threads (each file
/// then gets the threads left over); results in the order given.
pub fn check_files(
    paths: &[std::path::PathBuf],
    standard: &Standard,
    opts: &CheckOptions<'_>,
) -> Vec<Result<FileReport, ReadError>> {
    for_each_file(paths, opts, |_, p, per_file| {
        check_file(p, standard, per_file)
    })
}

/// `work` on every file (its index, its path), as many at once as there
/// are threads, each with the options it runs under (the threads left
/// over); results in the order given.
pub fn for_each_file<R: Send>(
    paths: &[std::path::PathBuf],
    opts: &CheckOptions<'_>,
    work: impl Fn(usize, &Path, &CheckOptions<'_>) -> R + Sync,
) -> Vec<R> {
    let threads = opts.threads.max(1);
    let at_once = threads.min(paths.len()).max(1);
    let per_file = CheckOptions {
        threads: (threads / at_once).max(1),
        ..opts.clone()
    };
    if at_once == 1 {
        return paths
            .iter()
            .enumerate()
            .map(|(i, p)| work(i, p, &per_file))
            .collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::with_capacity(paths.len()));
    std::thread::scope(|s| {
        for _ in 0..at_once {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(p) = paths.get(i) else { break };
                let r = work(i, p, &per_file);
                results
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((i, r));
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// The tables and hidden rows seen so far, which rules may consult.
#[derive(Default)]
struct FileState {
    tables: rules::Tables,
    hidden: HashMap<Arc<Source>, HashSet<u32>>,
    /// How the tables read so far were read.
    rows: Vec<crate::catalogue::RowAccount>,
}

fn file_cx<'s>(
    std: &'s Standard,
    opts: &'s CheckOptions<'s>,
    state: &'s FileState,
    codes: &'s rules::CodeUsage,
) -> FileCx<'s> {
    FileCx {
        std,
        codes,
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
    let mut values = HashMap::with_capacity_and_hasher(fields.len(), Default::default());
    let mut problems = Vec::new();
    for f in fields {
        let (v, ps) = interpret_field(&std.elements[f.element], std, f);
        problems.extend(ps.into_iter().map(|p| (f, p)));
        values.insert(f.element, (v, f));
    }
    (values, problems)
}

/// The number of threads a check uses: `SANTONG_THREADS`, else every core.
pub fn threads() -> usize {
    std::env::var("SANTONG_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Units checked together: large enough that starting the workers is
/// noise, small enough that the memory held is a window, not the file.
const CHUNK: usize = 512;

pub struct Checker<'a> {
    std: &'a Standard,
    opts: &'a CheckOptions<'a>,
    state: FileState,
    /// Codes the file's label columns give another meaning (learnt item by
    /// item, so a file with label columns is checked one unit at a time).
    codes: rules::CodeUsage,
    learns_labels: bool,
    /// One set of rules per worker for the rules that look at one item.
    workers: Vec<engine::Worker<'a>>,
    batch: Vec<engine::Unit>,
    keyer: KeyIndex,
    across: Across<'a>,
    saw_materials: bool,
    item_tables: Vec<Arc<Source>>,
}

/// What sees the units one by one in file order: every rule's `table` and
/// `finish`, the `item`/`part` of the rules that look across items, and
/// the counts.
struct Across<'a> {
    rules: Vec<Box<dyn Rule + 'a>>,
    sink: Sink<'a>,
    /// The findings so far, grouped by cause as they come.
    grouped: group::Grouper<'a>,
    /// The items' keys and the detached rows' keys, joined once the file
    /// is read: a row whose key no item has is an orphan.
    keys: KeyLog,
    /// Detached rows without a key, orphans whatever comes.
    keyless: Vec<(u64, Orphan)>,
    /// Units seen, numbering the records of `keys`.
    units: u64,
    /// `expression-failed` reports kept (the first per expression).
    failed_exprs: HashSet<String>,
    items: usize,
}

impl<'a> Checker<'a> {
    pub fn new(std: &'a Standard, opts: &'a CheckOptions<'a>) -> Result<Self, rules::ParamError> {
        let threads = opts.threads.max(1);
        let workers = (0..threads)
            .map(|_| engine::Worker::new(std))
            .collect::<Result<_, _>>()?;
        let rules = rules::build(std)?;
        let late: Vec<&str> = rules::RuleId::all()
            .iter()
            .zip(&rules)
            .filter(|(_, r)| r.across_items())
            .map(|(id, _)| id.as_str())
            .collect();
        let ignores = opts.ignore.as_ref().map(|Ignore(i)| *i);
        Ok(Checker {
            std,
            opts,
            state: FileState::default(),
            codes: Default::default(),
            learns_labels: false,
            workers,
            batch: Vec::with_capacity(CHUNK),
            keyer: KeyIndex::new(std),
            across: Across {
                grouped: group::Grouper::new(!opts.every_row, ignores, &late),
                rules,
                sink: Sink::new(std),
                keys: KeyLog::default(),
                keyless: Vec::new(),
                units: 0,
                failed_exprs: HashSet::new(),
                items: 0,
            },
            saw_materials: false,
            item_tables: Vec::new(),
        })
    }

    pub fn on_event(&mut self, ev: Event) {
        match ev {
            Event::Item(item) => self.queue(engine::Unit::Item(item)),
            Event::Detached(d) => {
                self.saw_materials |= d.kind == Scope::Material;
                self.queue(engine::Unit::Detached(d));
            }
            Event::Table(t) => {
                self.flush();
                self.on_table(t);
            }
            Event::HiddenRows { source, rows } => {
                self.flush();
                self.state.hidden.insert(source, rows.into_iter().collect());
            }
            Event::Rows(account) => {
                self.flush();
                let cx = file_cx(self.std, self.opts, &self.state, &self.codes);
                for r in &mut self.across.rules {
                    r.rows(&cx, &account, &mut self.across.sink);
                }
                let last = self.across.sink.take_findings();
                self.across.grouped.push_unit(last);
                self.state.rows.push(account);
            }
            Event::Skipped { .. } => {}
        }
    }

    fn queue(&mut self, unit: engine::Unit) {
        self.batch.push(unit);
        if self.learns_labels || self.batch.len() >= CHUNK * self.workers.len() {
            self.flush();
        }
    }

    fn on_table(&mut self, t: TableInfo) {
        if let Some(OnTable(f)) = self.opts.on_table {
            f(&t);
        }
        if t.columns
            .iter()
            .any(|c| self.std.elements[c.1].scope == Scope::Material)
        {
            self.saw_materials = true;
        }
        // a label column (事项类型名称) teaches the file's own codes item
        // by item, and a YAML or exchange item may carry a label as a key:
        // such a file is checked in order, one unit at a time
        self.learns_labels |= t.by_line
            || t.source.locations.is_some()
            || t.columns
                .iter()
                .any(|c| self.std.elements[c.1].label_of.is_some());
        if t.role == Scope::Item && !t.header_rows.is_empty() {
            self.item_tables.push(t.source.clone());
        }
        let cx = file_cx(self.std, self.opts, &self.state, &self.codes);
        for r in &mut self.across.rules {
            r.table(&cx, &t, &mut self.across.sink);
        }
        self.state.tables.insert(t.source.clone(), t);
    }

    /// Check the queued units: the one-item rules on the workers, in
    /// parallel, then the rules that look across items, unit by unit in
    /// file order. Neither the thread count nor the chunking can change
    /// what is found.
    fn flush(&mut self) {
        if self.batch.is_empty() {
            return;
        }
        let units = std::mem::take(&mut self.batch);
        let env = engine::Env {
            std: self.std,
            opts: self.opts,
            state: &self.state,
            keyer: &self.keyer,
        };
        let across = &mut self.across;
        let keyer = &self.keyer;
        engine::run(
            &env,
            &mut self.workers,
            &mut self.codes,
            &units,
            &mut |d, codes| {
                let file = file_cx(env.std, env.opts, env.state, codes);
                across.merge(&file, keyer, d);
            },
        );
        if let Some(OnProgress(f)) = self.opts.on_progress {
            f(units.len() as u64);
        }
        self.batch = units;
        self.batch.clear();
    }

    /// Findings that need the whole file (orphaned materials, absent
    /// materials, duplicates), with the file's counts: its report.
    pub fn finish(mut self, path: String) -> FileReport {
        self.flush();
        let across = &mut self.across;
        let orphans = across.orphans();
        let file = file_cx(self.std, self.opts, &self.state, &self.codes);
        let cx = FinishCx {
            file: &file,
            orphans: &orphans,
            items: across.items,
            saw_materials: self.saw_materials,
            item_tables: &self.item_tables,
        };
        for r in &mut across.rules {
            r.finish(&cx, &mut across.sink);
        }
        let (items, with_errors) = (across.items, across.sink.items_with_errors());
        let last = across.sink.take_findings();
        let mut grouped = self.across.grouped;
        grouped.push_unit(last);
        let (findings, ignored) = grouped.finish();
        FileReport {
            path,
            items,
            items_with_errors: with_errors,
            findings,
            ignored,
            rows: self.state.rows,
        }
    }
}

/// What `Across::keys` records: an item's key, or a detached row's with
/// its key element (+1, 0 for none).
const ITEM_KEY: u64 = 0;

impl Across<'_> {
    /// One unit's worker results, then the rules across items.
    fn merge(&mut self, file: &FileCx<'_>, keyer: &KeyIndex, d: engine::Done<'_>) {
        // the workers' findings count as this unit's item's
        match &d.kind {
            engine::DoneKind::Item(it) => self.sink.set_item_at(it.code.clone(), Some(self.items)),
            engine::DoneKind::Detached(_) => self.sink.set_item_at(None, None),
        }
        for f in d.findings {
            // each worker reports a failing expression at its first item:
            // the file's first is the first to arrive here
            if f.rule == RuleId::ExpressionFailed.as_str()
                && f.cause
                    .as_ref()
                    .is_some_and(|k| !self.failed_exprs.insert(k.clone()))
            {
                continue;
            }
            self.sink.adopt(f);
        }
        self.units += 1;
        match d.kind {
            engine::DoneKind::Item(it) => {
                self.items += 1;
                for k in keyer.item_keys(it.item) {
                    self.keys.push(Record {
                        hash: rules::key_hash(&[&k]),
                        seq: self.units,
                        src: 0,
                        row: 0,
                        col: None,
                        extra: ITEM_KEY,
                        texts: Vec::new(),
                    });
                }
                let cx = it.cx(file);
                for r in self.rules.iter_mut().filter(|r| r.across_items()) {
                    r.item(&cx, &mut self.sink);
                }
                for p in &it.parts {
                    let cx = p.cx(file, &it.item.source, None);
                    for r in self.rules.iter_mut().filter(|r| r.across_items()) {
                        r.part(&cx, &mut self.sink);
                    }
                }
            }
            engine::DoneKind::Detached(det) => {
                self.sink.set_item(Some(det.code.clone()));
                let cx = det.part.cx(file, &det.unit.source, Some(&det.key));
                for r in self.rules.iter_mut().filter(|r| r.across_items()) {
                    r.part(&cx, &mut self.sink);
                }
                // whether its item comes before it, after it or never is
                // known at the end of the file
                let o = det.orphan();
                if det.key.is_empty() {
                    self.keyless.push((self.units, o));
                } else {
                    let src = self.keys.source(&o.source);
                    self.keys.push(Record {
                        hash: rules::key_hash(&[&det.key]),
                        seq: self.units,
                        src,
                        row: o.row,
                        col: o.col,
                        extra: o.element.map_or(0, |e| e as u64 + 1) + 1,
                        texts: vec![o.text.into()],
                    });
                }
            }
        }
        self.sink.set_item_at(None, None);
        self.grouped.push_unit(self.sink.take_findings());
    }

    /// The detached rows whose key no item has, in file order.
    fn orphans(&mut self) -> Vec<Orphan> {
        let keys = std::mem::take(&mut self.keys);
        let sources = keys.sources().to_vec();
        let mut orphans = std::mem::take(&mut self.keyless);
        for group in keylog::groups(keys.into_sorted()) {
            if group.iter().any(|r| r.extra == ITEM_KEY) {
                continue;
            }
            for mut r in group {
                let Some(source) = sources.get(r.src as usize) else {
                    continue;
                };
                let o = Orphan {
                    source: source.clone(),
                    row: r.row,
                    col: r.col,
                    element: (r.extra - 1).checked_sub(1).map(|e| e as usize),
                    text: r.texts.pop().map(String::from).unwrap_or_default(),
                };
                orphans.push((r.seq, o));
            }
        }
        orphans.sort_by_key(|(seq, _)| *seq);
        orphans.into_iter().map(|(_, o)| o).collect()
    }
}
