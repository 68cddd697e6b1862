//! Renderers: findings → text for a reader. One file per format; renderers
//! know formats, not rules.

mod annotate;
mod check_html;
mod diff;
mod diff_html;
pub mod emit;
mod explain;
mod github;
mod human;
pub use human::wrap;
mod json;
mod junit;
mod sarif;
mod score;
mod score_html;
pub mod templates;
pub mod words;
mod xlsx;

pub use annotate::annotated_workbook;
pub use diff::{diff_human, diff_json};
pub use diff_html::diff_html;
pub use emit::{Emitter, FileView, FindingView};
pub use explain::explain;
pub use sarif::path_uri;
pub use score::{index_cell, percent, score_human, score_json, score_notes, COLUMNS};
pub use score_html::score_html;
pub use words::{counted, severity as severity_word, severity_count, severity_heading};
pub use xlsx::{diff_xlsx, score_xlsx};

use crate::check::FileReport;
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
    /// Only the summary by rule and the totals
    Summary,
}

/// What some formats need beyond the findings.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Colour the human output (a terminal that wants it).
    pub color: bool,
    /// `--quiet`: the human report without its summary.
    pub quiet: bool,
    /// The severity that fails the run (JUnit marks those cases failed).
    pub fail_on: Option<crate::standard::Severity>,
    /// The files that could not be read were said on stderr beside the
    /// report (a terminal): the human report does not say them again.
    pub failures_on_stderr: bool,
    /// The terminal's width in columns, when the human report goes to one.
    pub width: Option<usize>,
}

/// Render a check run in a format.
pub fn render(
    format: Format,
    run: &CheckRun,
    std: &Standard,
    lang: Lang,
    opts: &RenderOptions,
) -> Result<String, String> {
    let emitter: Box<dyn Emitter<'_> + '_> = match format {
        Format::Human => Box::new(
            human::Human::with_detail(
                lang,
                opts.color,
                if opts.quiet {
                    human::Detail::Findings
                } else {
                    human::Detail::Full
                },
            )
            .failures_on_stderr(opts.failures_on_stderr)
            .width(opts.width),
        ),
        Format::Summary => Box::new(
            human::Human::with_detail(lang, opts.color, human::Detail::Summary)
                .failures_on_stderr(opts.failures_on_stderr),
        ),
        Format::Json => Box::<json::Json>::default(),
        Format::Html => Box::<check_html::Html>::default(),
        Format::Sarif => Box::new(sarif::Sarif::new(std, lang)),
        Format::Github => Box::new(github::Github::new(lang)),
        Format::Junit => Box::new(junit::Junit::new(std, lang, opts.fail_on)),
    };
    emit::walk(run, std, lang, emitter)
}

/// Pad text on the right to a display width (CJK characters take two columns).
pub fn pad_end(s: &str, width: usize) -> String {
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
