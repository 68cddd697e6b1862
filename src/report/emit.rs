//! One walk over a check run, many emitters: the walk renders each finding
//! once into a typed [`FindingView`] and hands it to the format's
//! [`Emitter`], which writes it as it comes or keeps it for the end. The
//! totals every format shows (per file, per rule, in all) are counted here,
//! once, so no emitter counts for itself.

use super::{CheckRun, FileOutcome};
use crate::catalogue::column_letter;
use crate::i18n::Lang;
use crate::rules::Finding;
use crate::standard::{Severity, Standard};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A file's totals.
#[derive(Debug, Clone, Serialize)]
pub struct FileView<'a> {
    pub path: &'a str,
    pub items: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Why the file could not be read; none when it was checked.
    pub failure: Option<&'a str>,
    /// How the file's rows were read, all tables together: every data row
    /// is an item's, a material's or fee's, or skipped with its reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<crate::catalogue::RowAccount>,
}

impl<'a> FileView<'a> {
    pub fn of(f: &'a FileOutcome) -> Self {
        match f {
            FileOutcome::Failed { path, message } => FileView {
                path,
                items: 0,
                errors: 0,
                warnings: 0,
                infos: 0,
                failure: Some(message),
                rows: None,
            },
            FileOutcome::Checked(r) => FileView {
                path: &r.path,
                items: r.items,
                errors: r.count(Severity::Error),
                warnings: r.count(Severity::Warning),
                infos: r.count(Severity::Info),
                failure: None,
                rows: (!r.rows.is_empty()).then(|| r.row_totals()),
            },
        }
    }
}

/// A finding with its message rendered, as every format shows it. Its
/// serde form is the JSON contract's diagnostic (version 1).
#[derive(Debug, Clone, Serialize)]
pub struct FindingView<'a> {
    #[serde(skip)]
    pub finding: &'a Finding,
    pub rule: &'a str,
    pub severity: &'static str,
    pub path: &'a str,
    pub sheet: Option<&'a str>,
    pub row: Option<u32>,
    /// Where in a file located by path: `[3].AUDIT_MATERIAL[2].material_name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<&'a str>,
    /// The column letter.
    pub column: Option<String>,
    pub field: Option<&'a str>,
    pub label: Option<&'a str>,
    pub value: Option<&'a str>,
    pub item: Option<&'a str>,
    pub message: String,
    pub fix: Option<String>,
    /// How many rows the finding stands for (one cause on many rows is
    /// one finding, unless `--every-row`).
    pub count: usize,
    /// Every row, when it stands for more than one (in a file located by
    /// path, `locations` instead).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<&'a str>,
    /// `实施清单!M17`, `M17` for CSV, `L12` (line) for YAML.
    #[serde(skip)]
    pub cell: String,
}

impl<'a> FindingView<'a> {
    pub fn new(f: &'a Finding, std: &'a Standard, lang: Lang) -> Self {
        let ctx = minijinja::Value::from(f.params.clone());
        let mut message = std
            .render(&f.rule, "message", lang, &ctx)
            .unwrap_or_else(|| f.rule.clone());
        let rows: Vec<u32> = if f.count() > 1 {
            f.rows().collect()
        } else {
            Vec::new()
        };
        let location = f.row.and_then(|r| f.source.location(r));
        if !rows.is_empty() && f.source.locations.is_some() {
            let paths: Vec<&str> = rows.iter().filter_map(|r| f.source.location(*r)).collect();
            message.push_str(&crate::i18n::messages::paths_note(lang, &paths));
        } else if !rows.is_empty() {
            let by_line = crate::catalogue::read::locates_by_line(Path::new(&f.source.path));
            message.push_str(&crate::i18n::messages::rows_note(lang, &rows, by_line));
        }
        let fix = std
            .render(&f.rule, "fix", lang, &ctx)
            .filter(|s| !s.trim().is_empty());
        let column = f.col.map(column_letter);
        let el = f.element.map(|e| &std.elements[e]);
        FindingView {
            finding: f,
            rule: &f.rule,
            severity: f.severity.as_str(),
            path: &f.source.path,
            sheet: f.source.sheet.as_deref(),
            // a path-located file has no rows to speak of
            row: f.row.filter(|_| location.is_none()),
            location,
            cell: location
                .map(str::to_string)
                .unwrap_or_else(|| cell_name(f, column.as_deref(), lang)),
            column,
            field: el.map(|e| e.id.as_str()),
            label: el.map(|e| e.label.as_str()),
            value: f.value.as_deref(),
            item: f.item.as_deref(),
            message,
            fix,
            count: f.count(),
            locations: if location.is_some() {
                rows.iter().filter_map(|r| f.source.location(*r)).collect()
            } else {
                Vec::new()
            },
            rows: if location.is_some() { Vec::new() } else { rows },
        }
    }

    /// The 1-based column, 0 for none.
    pub fn col(&self) -> u32 {
        self.finding.col.map(|c| c + 1).unwrap_or(0)
    }
}

/// Where a finding is, as a reader names it.
fn cell_name(f: &Finding, column: Option<&str>, lang: Lang) -> String {
    let mut cell = String::new();
    if let Some(s) = &f.source.sheet {
        cell.push_str(s);
        cell.push('!');
    }
    match (column, f.row) {
        (Some(c), Some(r)) => cell.push_str(&format!("{c}{r}")),
        (None, Some(r)) => {
            let by_line = crate::catalogue::read::locates_by_line(Path::new(&f.source.path));
            cell.push_str(&crate::i18n::messages::row_ref(lang, r, by_line));
        }
        _ => {}
    }
    cell
}

/// Findings of one rule, by severity.
#[derive(Debug, Clone, Serialize)]
pub struct RuleTotal<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub count: usize,
}

/// What the walk counted, for the emitters' ends.
pub struct Summary<'a> {
    pub std: &'a Standard,
    pub lang: Lang,
    pub files: Vec<FileView<'a>>,
    /// Per rule, most findings first, then by id.
    pub rules: Vec<RuleTotal<'a>>,
    /// Per (rule, severity), by rule id.
    pub by_rule_severity: BTreeMap<(&'a str, Severity), usize>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub items: usize,
}

/// A `check` output format. The walk calls `file`, then `finding` for each
/// of the file's findings, then `end_file`, for every file in order; then
/// `finish` with the totals.
pub trait Emitter<'a> {
    fn file(&mut self, _file: &FileView<'a>) {}
    fn finding(&mut self, f: FindingView<'a>);
    fn end_file(&mut self, _file: &FileView<'a>) {}
    fn finish(self: Box<Self>, summary: &Summary<'a>) -> Result<String, String>;
}

/// Walk the run once through an emitter.
pub fn walk<'a>(
    run: &'a CheckRun,
    std: &'a Standard,
    lang: Lang,
    mut emitter: Box<dyn Emitter<'a> + 'a>,
) -> Result<String, String> {
    let mut files = Vec::new();
    let mut per_rule: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let mut by_rule_severity = BTreeMap::new();
    for f in &run.files {
        let view = FileView::of(f);
        emitter.file(&view);
        if let FileOutcome::Checked(r) = f {
            for finding in &r.findings {
                count(&mut per_rule, finding);
                *by_rule_severity
                    .entry((finding.rule.as_str(), finding.severity))
                    .or_default() += 1;
                emitter.finding(FindingView::new(finding, std, lang));
            }
        }
        emitter.end_file(&view);
        files.push(view);
    }
    let summary = Summary {
        std,
        lang,
        errors: files.iter().map(|f| f.errors).sum(),
        warnings: files.iter().map(|f| f.warnings).sum(),
        infos: files.iter().map(|f| f.infos).sum(),
        items: files.iter().map(|f| f.items).sum(),
        files,
        rules: rule_totals(std, lang, per_rule),
        by_rule_severity,
    };
    emitter.finish(&summary)
}

/// Count a finding into per-rule [errors, warnings, infos].
fn count<'a>(per_rule: &mut BTreeMap<&'a str, [usize; 3]>, f: &'a Finding) {
    let k = match f.severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        _ => 2,
    };
    per_rule.entry(f.rule.as_str()).or_default()[k] += 1;
}

/// Per-rule totals of some findings, most first, then by id.
pub(crate) fn totals_by_rule<'a>(
    std: &'a Standard,
    lang: Lang,
    findings: &'a [Finding],
) -> Vec<RuleTotal<'a>> {
    let mut per_rule = BTreeMap::new();
    for f in findings {
        count(&mut per_rule, f);
    }
    rule_totals(std, lang, per_rule)
}

/// Per-rule totals, most findings first, then by id.
fn rule_totals<'a>(
    std: &'a Standard,
    lang: Lang,
    per_rule: BTreeMap<&'a str, [usize; 3]>,
) -> Vec<RuleTotal<'a>> {
    let mut rules: Vec<RuleTotal> = per_rule
        .into_iter()
        .map(|(id, n)| RuleTotal {
            id,
            title: std.rule(id).map(|r| lang.msg(&r.title)).unwrap_or_default(),
            errors: n[0],
            warnings: n[1],
            infos: n[2],
            count: n[0] + n[1] + n[2],
        })
        .collect();
    rules.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(b.id)));
    rules
}

/// A JSON document as every JSON output writes it: keys sorted, pretty,
/// with a final newline.
pub(crate) fn json_text(v: &impl Serialize) -> Result<String, String> {
    let v = serde_json::to_value(v).map_err(|e| e.to_string())?;
    let mut s = serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?;
    s.push('\n');
    Ok(s)
}
