//! Reports for pipelines: SARIF 2.1.0 (code-scanning tools), GitHub
//! workflow commands (pull-request annotations) and JUnit XML (test
//! dashboards). Same findings, same messages as the other formats.

use super::{render_finding, CheckRun, FileOutcome};
use crate::i18n::Lang;
use crate::standard::{Severity, Standard};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A file path as a URI reference: relative paths stay relative, absolute
/// ones become `file://` URIs; anything outside the unreserved set is
/// percent-encoded (Chinese file names included).
pub fn path_uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    if p.starts_with('/') {
        format!("file://{out}")
    } else {
        out
    }
}

/// A message with its fix, as one line.
fn with_fix(lang: Lang, message: &str, fix: Option<&str>) -> String {
    match (fix, lang) {
        (None, _) => message.to_string(),
        (Some(f), Lang::Zh) => format!("{message}。建议：{f}"),
        (Some(f), Lang::En) => format!("{message}. Fix: {f}"),
    }
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
        Severity::Off => "none",
    }
}

/// SARIF 2.1.0: rule metadata from the standard's rule catalogue; each
/// result located by its file and a region naming row and column, with the
/// cell (`实施清单!M17`) as a logical location.
pub fn render_sarif(run: &CheckRun, std: &Standard, lang: Lang) -> String {
    let index: BTreeMap<&str, usize> = std
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let rules: Vec<Value> = std
        .rules
        .iter()
        .map(|r| {
            let mut rule = json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": {"text": lang.msg(&r.title)},
                "fullDescription": {"text": format!("{} ({})", lang.msg(&r.title), r.id)},
                "defaultConfiguration": {
                    "level": sarif_level(r.severity),
                    "enabled": r.severity != Severity::Off,
                },
                "properties": {"elements": r.elements, "tags": ["santong", std.id.as_str()]},
            });
            if let Some(fix) = &r.fix {
                rule["help"] = json!({"text": lang.msg(fix)});
            }
            rule
        })
        .collect();
    let mut results = Vec::new();
    let mut artifacts: Vec<String> = Vec::new();
    let mut notifications = Vec::new();
    for f in &run.files {
        match f {
            FileOutcome::Failed { path, message } => {
                artifacts.push(path.clone());
                notifications.push(json!({
                    "level": "error",
                    "message": {"text": message},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": path_uri(path)}}}],
                }));
            }
            FileOutcome::Checked(r) => {
                artifacts.push(r.path.clone());
                for finding in &r.findings {
                    let x = render_finding(finding, std, lang);
                    let mut physical = json!({
                        "artifactLocation": {"uri": path_uri(&finding.source.path)},
                    });
                    if let Some(row) = finding.row {
                        let mut region = json!({"startLine": row});
                        if let Some(c) = finding.col {
                            region["startColumn"] = json!(c + 1);
                        }
                        physical["region"] = region;
                    }
                    let mut location = json!({"physicalLocation": physical});
                    if !x.cell.is_empty() {
                        location["logicalLocations"] =
                            json!([{"fullyQualifiedName": x.cell, "kind": "element"}]);
                    }
                    let text = with_fix(lang, &x.message, x.fix.as_deref());
                    let mut result = json!({
                        "ruleId": finding.rule,
                        "level": sarif_level(finding.severity),
                        "message": {"text": text},
                        "locations": [location],
                        "properties": {
                            "sheet": finding.source.sheet,
                            "cell": x.cell,
                            "field": x.field,
                            "label": x.label,
                            "value": finding.value,
                            "fix": x.fix,
                        },
                    });
                    if let Some(i) = index.get(finding.rule.as_str()) {
                        result["ruleIndex"] = json!(i);
                    }
                    results.push(result);
                }
            }
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "santong",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
                "properties": {"standard": {"id": std.id, "version": std.version}},
            }},
            "artifacts": artifacts.iter().map(|a| json!({"location": {"uri": path_uri(a)}})).collect::<Vec<_>>(),
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// Escape the message part of a workflow command.
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub workflow commands, one per finding:
/// `::error file=…,line=…,col=…,title=…::message`.
pub fn render_github(run: &CheckRun, std: &Standard, lang: Lang) -> String {
    let mut out = String::new();
    for f in &run.files {
        match f {
            FileOutcome::Failed { path, message } => {
                let _ = writeln!(
                    out,
                    "::error file={},title={}::{}",
                    gh_property(path),
                    gh_property("santong"),
                    gh_data(message)
                );
            }
            FileOutcome::Checked(r) => {
                for finding in &r.findings {
                    let x = render_finding(finding, std, lang);
                    let level = match finding.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        _ => "notice",
                    };
                    let mut props = format!("file={}", gh_property(&finding.source.path));
                    if let Some(row) = finding.row {
                        let _ = write!(props, ",line={row}");
                        if let Some(c) = finding.col {
                            let _ = write!(props, ",col={}", c + 1);
                        }
                    }
                    let title = if x.cell.is_empty() {
                        finding.rule.clone()
                    } else {
                        format!("{} {}", finding.rule, x.cell)
                    };
                    let _ = write!(props, ",title={}", gh_property(&title));
                    let text = with_fix(lang, &x.message, x.fix.as_deref());
                    let _ = writeln!(out, "::{level} {props}::{}", gh_data(&text));
                }
            }
        }
    }
    out
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // characters XML 1.0 cannot carry
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// JUnit XML: one test suite per file, one test case per rule of the
/// standard; a case fails when the file has findings of that rule at or
/// above `fail_on` (the others are listed in its output).
pub fn render_junit(
    run: &CheckRun,
    std: &Standard,
    lang: Lang,
    fail_on: Option<Severity>,
) -> String {
    let fails = |s: Severity| fail_on.is_some_and(|f| s <= f);
    let mut suites = String::new();
    let (mut total_tests, mut total_failures, mut total_errors) = (0, 0, 0);
    for f in &run.files {
        match f {
            FileOutcome::Failed { path, message } => {
                total_tests += 1;
                total_errors += 1;
                let _ = write!(
                    suites,
                    "  <testsuite name=\"{p}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase name=\"read\" classname=\"{p}\">\n      <error message=\"{m}\"/>\n    </testcase>\n  </testsuite>\n",
                    p = xml(path),
                    m = xml(message)
                );
            }
            FileOutcome::Checked(r) => {
                let mut cases = String::new();
                let mut failures = 0;
                for rule in &std.rules {
                    let hits: Vec<_> = r.findings.iter().filter(|x| x.rule == rule.id).collect();
                    let _ = writeln!(
                        cases,
                        "    <testcase name=\"{}\" classname=\"{}\">",
                        xml(&rule.id),
                        xml(&r.path)
                    );
                    let lines: String = hits
                        .iter()
                        .map(|h| {
                            let x = render_finding(h, std, lang);
                            format!("{} [{}] {}\n", x.cell, h.severity.as_str(), x.message)
                        })
                        .collect();
                    if hits.iter().any(|h| fails(h.severity)) {
                        failures += 1;
                        let _ = writeln!(
                            cases,
                            "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                            xml(&format!("{} × {}", hits.len(), lang.msg(&rule.title))),
                            xml(&rule.id),
                            xml(&lines)
                        );
                    } else if !hits.is_empty() {
                        let _ = writeln!(cases, "      <system-out>{}</system-out>", xml(&lines));
                    }
                    cases.push_str("    </testcase>\n");
                }
                total_tests += std.rules.len();
                total_failures += failures;
                let _ = write!(
                    suites,
                    "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">\n{cases}  </testsuite>\n",
                    xml(&r.path),
                    std.rules.len()
                );
            }
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"santong\" tests=\"{total_tests}\" failures=\"{total_failures}\" errors=\"{total_errors}\">\n{suites}</testsuites>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            path_uri("docs/清单 1.xlsx"),
            "docs/%E6%B8%85%E5%8D%95%201.xlsx"
        );
        assert_eq!(path_uri("/tmp/a.csv"), "file:///tmp/a.csv");
        assert_eq!(path_uri("a\\b.csv"), "a/b.csv");
    }

    #[test]
    fn workflow_commands_escape_their_parts() {
        assert_eq!(gh_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(gh_property("a:b,c"), "a%3Ab%2Cc");
    }

    #[test]
    fn xml_escapes_markup_and_control_characters() {
        assert_eq!(
            xml("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{FFFD}"
        );
    }
}
