//! The JSON contract (version 1), documented in README.md. Keys are stable;
//! new keys may be added, none removed or renamed within a version.

use super::{render_finding, CheckRun, FileOutcome};
use crate::i18n::Lang;
use crate::standard::Standard;
use serde_json::json;

pub fn render_json(run: &CheckRun, std: &Standard, lang: Lang) -> String {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for f in &run.files {
        files.push(super::file_json(f));
        match f {
            FileOutcome::Failed { .. } => {}
            FileOutcome::Checked(r) => {
                for finding in &r.findings {
                    let x = render_finding(finding, std, lang);
                    diagnostics.push(json!({
                        "rule": finding.rule,
                        "severity": finding.severity.as_str(),
                        "path": finding.source.path,
                        "sheet": finding.source.sheet,
                        "row": finding.row,
                        "column": x.column,
                        "field": x.field,
                        "label": x.label,
                        "value": finding.value,
                        "item": finding.item.as_deref(),
                        "message": x.message,
                        "fix": x.fix,
                    }));
                }
            }
        }
    }
    let doc = json!({
        "version": 1,
        "standard": {"id": std.id, "version": std.version},
        "files": files,
        "diagnostics": diagnostics,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
