//! Where rules put their findings: one place that applies the standard's
//! severity (and `off`), fills the variables every message may use, counts
//! errors and tags each finding with its item, as cargo-deny's sink does.

use super::RuleId;
use crate::catalogue::{Field, Source};
use crate::i18n::{Lang, Reason};
use crate::standard::{Severity, Standard};
use minijinja::Value as MjValue;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Variables for a rule's message and fix templates.
pub type Params = BTreeMap<String, MjValue>;

/// Params from string pairs.
pub fn params(pairs: &[(&str, String)]) -> Params {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), MjValue::from(v.clone())))
        .collect()
}

/// Reasons from the message catalogue, in both languages, as `reason_zh`
/// and `reason_en` (several are joined).
pub fn reasons(list: &[Reason<'_>]) -> Params {
    params(&[
        ("reason_zh", Reason::join(list, Lang::Zh)),
        ("reason_en", Reason::join(list, Lang::En)),
    ])
}

/// The most bytes of a value a finding shows (then `…`).
pub const SHOWN_VALUE: usize = 4096;

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
    pub params: Params,
    /// The implementation code of the item (or material's item) the
    /// finding belongs to, when there is one.
    pub item: Option<Arc<str>>,
    /// What makes two findings of the rule on one column the same cause,
    /// when it is not their whole message (e.g. "padded to 12 digits",
    /// whatever the code): findings of one cause are reported once.
    pub cause: Option<String>,
    /// The other rows with the same cause, when findings are grouped.
    pub more_rows: Vec<u32>,
}

impl Finding {
    /// Every row the finding stands for, first one first.
    pub fn rows(&self) -> impl Iterator<Item = u32> + '_ {
        self.row.into_iter().chain(self.more_rows.iter().copied())
    }

    /// How many rows (or cells) the finding stands for.
    pub fn count(&self) -> usize {
        1 + self.more_rows.len()
    }

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

/// Where a finding points.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    pub source: &'a Arc<Source>,
    pub row: Option<u32>,
    pub col: Option<u32>,
    pub element: Option<usize>,
    pub value: Option<&'a str>,
}

impl<'a> At<'a> {
    /// A field's own cell, with its value.
    pub fn field(source: &'a Arc<Source>, f: &'a Field) -> Self {
        At {
            source,
            row: Some(f.row),
            col: f.col,
            element: Some(f.element),
            value: Some(&f.text),
        }
    }

    /// A cell (or a row when `col` is none) about an element.
    pub fn cell(
        source: &'a Arc<Source>,
        row: Option<u32>,
        col: Option<u32>,
        element: Option<usize>,
    ) -> Self {
        At {
            source,
            row,
            col,
            element,
            value: None,
        }
    }

    pub fn with_value(mut self, value: Option<&'a str>) -> Self {
        self.value = value;
        self
    }
}

/// Collects one file's findings.
pub struct Sink<'a> {
    std: &'a Standard,
    findings: Vec<Finding>,
    item: Option<Arc<str>>,
    /// The item's number in the file (0 for the first), when findings
    /// belong to an item, and the items with an error: a bit each.
    ordinal: Option<usize>,
    error_items: Vec<u64>,
}

impl<'a> Sink<'a> {
    pub fn new(std: &'a Standard) -> Self {
        Sink {
            std,
            findings: Vec::new(),
            item: None,
            ordinal: None,
            error_items: Vec::new(),
        }
    }

    /// Record a built-in rule's finding at the standard's severity.
    pub fn emit(&mut self, rule: RuleId, at: At<'_>, params: Params) {
        self.record(rule.as_str(), self.std.severity_of(rule), at, params);
    }

    /// A rule's severity one level down (error → warning).
    /// The rule's severity, or one level below it when `downgrade`.
    fn severity(&self, rule: RuleId, downgrade: bool) -> Severity {
        if downgrade {
            self.downgraded(rule)
        } else {
            self.std.severity_of(rule)
        }
    }

    fn downgraded(&self, rule: RuleId) -> Severity {
        match self.std.severity_of(rule) {
            Severity::Error => Severity::Warning,
            s => s,
        }
    }

    /// Record a built-in rule's finding one level below its severity
    /// (error → warning), for conditionally required or unconfirmed elements.
    pub fn emit_downgraded(&mut self, rule: RuleId, at: At<'_>, params: Params) {
        self.record(rule.as_str(), self.downgraded(rule), at, params);
    }

    /// Record a built-in rule's finding as a note (info), unless the rule
    /// is off: where the standard explains the departure.
    pub fn emit_note(&mut self, rule: RuleId, at: At<'_>, params: Params) {
        let severity = match self.std.severity_of(rule) {
            Severity::Off => Severity::Off,
            _ => Severity::Info,
        };
        self.record(rule.as_str(), severity, at, params);
    }

    /// Record a finding of any rule (expression rules are named by id).
    pub fn push(&mut self, rule: &str, severity: Severity, at: At<'_>, params: Params) {
        self.record(rule, severity, at, params);
    }

    /// Record a finding; the finding recorded, none when the rule is off.
    fn record(
        &mut self,
        rule: &str,
        severity: Severity,
        at: At<'_>,
        mut params: Params,
    ) -> Option<&mut Finding> {
        if severity == Severity::Off {
            return None;
        }
        if severity == Severity::Error {
            self.count_error();
        }
        if let Some(e) = at.element {
            params
                .entry("label".into())
                .or_insert_with(|| MjValue::from(self.std.elements[e].label.clone()));
        }
        // a report shows the start of a long value, not all of it: ten
        // thousand findings on 128 KiB cells would make a 1 GB report
        let value = at
            .value
            .map(|v| crate::text::clip(v, SHOWN_VALUE).into_owned());
        if let Some(v) = &value {
            params
                .entry("value".into())
                .or_insert_with(|| MjValue::from(v.clone()));
        }
        self.findings.push(Finding {
            rule: rule.to_string(),
            severity,
            source: at.source.clone(),
            row: at.row,
            col: at.col,
            element: at.element,
            value,
            params,
            item: self.item.clone(),
            cause: None,
            more_rows: Vec::new(),
        });
        self.findings.last_mut()
    }

    /// Record a built-in rule's finding that stands for several rows.
    pub fn emit_rows(&mut self, rule: RuleId, at: At<'_>, params: Params, more_rows: Vec<u32>) {
        self.emit_rows_as(rule, at, params, more_rows, false);
    }

    /// As [`Self::emit_rows`], one level below the rule's severity when
    /// `downgrade`.
    pub fn emit_rows_as(
        &mut self,
        rule: RuleId,
        at: At<'_>,
        params: Params,
        more_rows: Vec<u32>,
        downgrade: bool,
    ) {
        let severity = self.severity(rule, downgrade);
        if let Some(f) = self.record(rule.as_str(), severity, at, params) {
            f.more_rows = more_rows;
        }
    }

    /// Record a built-in rule's finding whose cause does not depend on the
    /// value, so that it is reported once however many rows share it.
    pub fn emit_cause(&mut self, rule: RuleId, at: At<'_>, params: Params, cause: String) {
        self.emit_cause_as(rule, at, params, cause, false);
    }

    /// As [`Self::emit_cause`], one level below the rule's severity when
    /// `downgrade`.
    pub fn emit_cause_as(
        &mut self,
        rule: RuleId,
        at: At<'_>,
        params: Params,
        cause: String,
        downgrade: bool,
    ) {
        let severity = self.severity(rule, downgrade);
        if let Some(f) = self.record(rule.as_str(), severity, at, params) {
            f.cause = Some(cause);
        }
    }

    /// The implementation code findings are tagged with from now on.
    /// Take a finding another sink made (a worker's), counting it.
    pub fn adopt(&mut self, f: Finding) {
        if f.severity == Severity::Error {
            self.count_error();
        }
        self.findings.push(f);
    }

    fn count_error(&mut self) {
        if let Some(n) = self.ordinal {
            if self.error_items.len() <= n / 64 {
                self.error_items.resize(n / 64 + 1, 0);
            }
            self.error_items[n / 64] |= 1 << (n % 64);
        }
    }

    pub fn set_item(&mut self, item: Option<Arc<str>>) {
        self.item = item;
    }

    /// The item findings belong to from now on: its implementation code
    /// and its number in the file (none: not an item's).
    pub fn set_item_at(&mut self, item: Option<Arc<str>>, ordinal: Option<usize>) {
        self.item = item;
        self.ordinal = ordinal;
    }

    /// The code of the item findings belong to now.
    pub fn item(&self) -> Option<&Arc<str>> {
        self.item.as_ref()
    }

    /// The number of the item findings belong to now.
    pub fn ordinal(&self) -> Option<usize> {
        self.ordinal
    }

    /// How many items have at least one error finding (whenever found).
    pub fn items_with_errors(&self) -> usize {
        self.error_items
            .iter()
            .map(|w| w.count_ones() as usize)
            .sum()
    }

    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    /// The findings so far, leaving the sink empty (its counts stay).
    pub fn take_findings(&mut self) -> Vec<Finding> {
        std::mem::take(&mut self.findings)
    }
}
