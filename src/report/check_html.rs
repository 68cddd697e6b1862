//! `check --format html`: one self-contained page (inline CSS, JS and SVG;
//! no network) with totals per file and per rule, a bar chart of findings
//! by rule, and a table of findings that can be filtered by file, rule,
//! severity and element and sorted by any column. All catalogue text is
//! escaped by the template engine.

use super::emit::{Emitter, FindingView, RuleTotal, Summary};
use super::templates;
use super::words::{severity, severity_heading};
use crate::i18n::ui;
use crate::i18n::Lang;
use crate::standard::Severity;
use serde::Serialize;
use serde_json::{json, Value};

fn texts(lang: Lang) -> Value {
    json!({
        "title": ui::IMPLEMENTATION_LIST_CHECK_REPORT.get(lang).to_string(),
        "standard": ui::STANDARD.get(lang).to_string(),
        "files": ui::FILES.get(lang).to_string(),
        "file": ui::FILE.get(lang).to_string(),
        "items": ui::ITEMS.get(lang).to_string(),
        "errors": severity_heading(Severity::Error, lang),
        "warnings": severity_heading(Severity::Warning, lang),
        "infos": severity_heading(Severity::Info, lang),
        "failure": ui::COULD_NOT_READ.get(lang).to_string(),
        "by_rule": ui::FINDINGS_BY_RULE.get(lang).to_string(),
        "rule": ui::RULE.get(lang).to_string(),
        "count": ui::COUNT_2.get(lang).to_string(),
        "findings": ui::FINDINGS.get(lang).to_string(),
        "severity": ui::SEVERITY.get(lang).to_string(),
        "cell": ui::CELL_2.get(lang).to_string(),
        "element": ui::ELEMENT.get(lang).to_string(),
        "value": ui::VALUE.get(lang).to_string(),
        "message": ui::MESSAGE.get(lang).to_string(),
        "fix": ui::FIX_2.get(lang).to_string(),
        "all": ui::ALL.get(lang).to_string(),
        "search": ui::SEARCH_VALUES_AND_MESSAGES.get(lang).to_string(),
        "shown": ui::SHOWN.get(lang).to_string(),
        "none": ui::NO_FINDINGS_2.get(lang).to_string(),
        "sev_error": severity(Severity::Error, lang),
        "sev_warning": severity(Severity::Warning, lang),
        "sev_info": severity(Severity::Info, lang),
        "colon": lang.pick("：", ": "),
    })
}

/// A table row: the shared finding view plus where the page sorts it.
#[derive(Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    view: FindingView<'a>,
    cell: String,
    col: u32,
}

/// One bar of the chart.
#[derive(Serialize)]
struct Bar<'a> {
    id: &'a str,
    /// The rule's title in the run's language, shortened to fit the chart.
    label: String,
    count: usize,
    y: usize,
    width: f64,
}

#[derive(Default)]
pub struct Html<'a> {
    rows: Vec<Row<'a>>,
}

/// The bar chart: one bar per rule, widths scaled to the largest count.
const BAR_MAX: f64 = 360.0;

fn bars<'a>(rules: &[RuleTotal<'a>]) -> Vec<Bar<'a>> {
    let top = rules.first().map_or(1, |r| r.count).max(1) as f64;
    rules
        .iter()
        .enumerate()
        .map(|(i, r)| Bar {
            id: r.id,
            // at most 40 columns, about 250 px at 12 px, with an ellipsis
            label: crate::text::cut_to_width(if r.title.is_empty() { r.id } else { r.title }, 41),
            count: r.count,
            y: i * 22,
            width: ((r.count as f64 / top) * BAR_MAX).max(1.0).round(),
        })
        .collect()
}

impl<'a> Emitter<'a> for Html<'a> {
    fn finding(&mut self, mut view: FindingView<'a>) {
        let (cell, col) = (std::mem::take(&mut view.cell), view.col());
        self.rows.push(Row { view, cell, col });
    }

    fn finish(self: Box<Self>, s: &Summary<'a>) -> Result<String, String> {
        let mut elements: Vec<(&str, &str)> = self
            .rows
            .iter()
            .filter_map(|r| Some((r.view.field?, r.view.label.unwrap_or(""))))
            .collect();
        elements.sort();
        elements.dedup();
        let lang = s.lang;
        let ctx = json!({
            "lang": ui::EN.get(lang),
            "t": texts(lang),
            "standard": {"name": s.std.name, "version": s.std.version},
            "files": s.files,
            "totals": {"errors": s.errors, "warnings": s.warnings, "infos": s.infos, "findings": self.rows.len()},
            "rules": s.rules,
            "chart": {"bars": bars(&s.rules), "height": s.rules.len() * 22 + 4, "label_width": 260, "width": 260.0 + BAR_MAX + 60.0},
            "elements": elements.iter().map(|(id, label)| json!({"id": id, "label": label})).collect::<Vec<_>>(),
            "findings": self.rows,
        });
        templates::render(
            "check.html.j2",
            minijinja::Value::from(minijinja::value::Serde(&ctx)),
        )
    }
}
