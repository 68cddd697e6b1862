//! Renderers: findings → text for a reader. One file per format; renderers
//! know formats, not rules.

mod annotate;
mod check_html;
mod diff;
mod diff_html;
mod explain;
mod human;
mod json;
mod machine;
mod score;
mod score_html;
pub mod templates;
mod xlsx;

pub use annotate::annotated_workbook;
pub use check_html::render_check_html;
pub use diff::{diff_human, diff_json};
pub use diff_html::diff_html;
pub use explain::explain;
pub use human::render_human;
pub use json::render_json;
pub use machine::{path_uri, render_github, render_junit, render_sarif};
pub use score::{column_value, score_human, score_json, COLUMNS};
pub use score_html::score_html;
pub use xlsx::{diff_xlsx, score_xlsx};

use crate::catalogue::column_letter;
use crate::check::{FileReport, Finding};
use crate::i18n::Lang;
use crate::standard::Standard;

/// The formats of a `check` report. Adding one: its emitter file here, a
/// variant, and its arm in [`render`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Grouped by file, for a terminal
    Human,
    /// The JSON contract (version 1)
    Json,
    /// One self-contained page with totals, a chart and filterable findings
    Html,
    /// SARIF 2.1.0, for code-scanning tools
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
    /// JUnit XML, a case per file and rule
    Junit,
}

/// What some formats need beyond the findings.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Colour the human output (a terminal that wants it).
    pub color: bool,
    /// The severity that fails the run (JUnit marks those cases failed).
    pub fail_on: Option<crate::standard::Severity>,
}

/// Render a check run in a format.
pub fn render(
    format: Format,
    run: &CheckRun,
    std: &Standard,
    lang: Lang,
    opts: &RenderOptions,
) -> Result<String, String> {
    Ok(match format {
        Format::Human => render_human(run, std, lang, opts.color),
        Format::Json => render_json(run, std, lang),
        Format::Html => render_check_html(run, std, lang)?,
        Format::Sarif => render_sarif(run, std, lang),
        Format::Github => render_github(run, std, lang),
        Format::Junit => render_junit(run, std, lang, opts.fail_on),
    })
}

/// Pad text on the right to a display width (CJK characters take two columns).
pub(crate) fn pad_end(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}

/// Pad text on the left to a display width, for right-aligned columns.
pub(crate) fn pad_start(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    format!("{}{s}", " ".repeat(width.saturating_sub(s.width())))
}

/// The outcome of a `check` run over several files.
#[derive(Debug, Default)]
pub struct CheckRun {
    pub files: Vec<FileOutcome>,
}

#[derive(Debug)]
pub enum FileOutcome {
    Checked(FileReport),
    Failed { path: String, message: String },
}

/// Findings per rule as [errors, warnings, infos], for the summaries by rule.
pub(crate) fn counts_by_rule<'a>(
    findings: impl IntoIterator<Item = &'a Finding>,
) -> std::collections::BTreeMap<&'a str, [usize; 3]> {
    use crate::standard::Severity;
    let mut out: std::collections::BTreeMap<&str, [usize; 3]> = Default::default();
    for f in findings {
        let k = match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            _ => 2,
        };
        out.entry(f.rule.as_str()).or_default()[k] += 1;
    }
    out
}

/// A file's totals as the JSON and HTML reports show them.
pub(crate) fn file_json(f: &FileOutcome) -> serde_json::Value {
    use crate::standard::Severity;
    match f {
        FileOutcome::Failed { path, message } => serde_json::json!({
            "path": path, "items": 0, "errors": 0, "warnings": 0, "infos": 0, "failure": message,
        }),
        FileOutcome::Checked(r) => serde_json::json!({
            "path": r.path,
            "items": r.items,
            "errors": r.count(Severity::Error),
            "warnings": r.count(Severity::Warning),
            "infos": r.count(Severity::Info),
            "failure": serde_json::Value::Null,
        }),
    }
}

/// A finding with its message rendered, as every renderer needs it.
pub struct Rendered<'a> {
    pub finding: &'a Finding,
    pub message: String,
    pub fix: Option<String>,
    /// `实施清单!M17`, `M17` for CSV, `L12` (line) for YAML.
    pub cell: String,
    pub column: Option<String>,
    pub field: Option<&'a str>,
    pub label: Option<&'a str>,
}

pub fn render_finding<'a>(f: &'a Finding, std: &'a Standard, lang: Lang) -> Rendered<'a> {
    let ctx = minijinja::Value::from(f.params.clone());
    let message = std
        .render(&f.rule, "message", lang, &ctx)
        .unwrap_or_else(|| f.rule.clone());
    let fix = std
        .render(&f.rule, "fix", lang, &ctx)
        .filter(|s| !s.trim().is_empty());
    let column = f.col.map(column_letter);
    let mut cell = String::new();
    if let Some(s) = &f.source.sheet {
        cell.push_str(s);
        cell.push('!');
    }
    let yaml = f.source.path.ends_with(".yaml") || f.source.path.ends_with(".yml");
    match (&column, f.row) {
        (Some(c), Some(r)) => cell.push_str(&format!("{c}{r}")),
        (None, Some(r)) => match lang {
            Lang::Zh => cell.push_str(&format!("第{r}行")),
            Lang::En if yaml => cell.push_str(&format!("line {r}")),
            Lang::En => cell.push_str(&format!("row {r}")),
        },
        _ => {}
    }
    let el = f.element.map(|e| &std.elements[e]);
    Rendered {
        finding: f,
        message,
        fix,
        cell,
        column,
        field: el.map(|e| e.id.as_str()),
        label: el.map(|e| e.label.as_str()),
    }
}

/// Exit status of a run: 2 if any file failed, else 1 if any finding is at
/// or above `fail_on` (none: never), else 0.
pub fn exit_code(run: &CheckRun, fail_on: Option<crate::standard::Severity>) -> i32 {
    let mut code = 0;
    for f in &run.files {
        match f {
            FileOutcome::Failed { .. } => return 2,
            FileOutcome::Checked(r)
                if fail_on.is_some_and(|s| r.findings.iter().any(|x| x.severity <= s)) =>
            {
                code = 1
            }
            _ => {}
        }
    }
    code
}
