//! SARIF 2.1.0 for code-scanning tools, through serde-sarif's typed model:
//! rule metadata from the standard's rule catalogue; each result located by
//! its file and a region naming row and column, with the cell
//! (`实施清单!M17`) as a logical location.

use super::emit::{json_text, Emitter, FileView, FindingView, Summary};
use crate::i18n::messages::with_fix;
use crate::i18n::Lang;
use crate::standard::{Severity, Standard};
use serde_json::{json, Value};
use serde_sarif::sarif as s;
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

fn level_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
        Severity::Off => "none",
    }
}

fn level(sev: Severity) -> s::ResultLevel {
    match sev {
        Severity::Error => s::ResultLevel::Error,
        Severity::Warning => s::ResultLevel::Warning,
        Severity::Info => s::ResultLevel::Note,
        Severity::Off => s::ResultLevel::None,
    }
}

fn text(t: impl Into<String>) -> s::MultiformatMessageString {
    s::MultiformatMessageString::builder()
        .text(t.into())
        .build()
}

fn message(t: impl Into<String>) -> s::Message {
    s::Message::builder().text(t.into()).build()
}

fn artifact(path: &str) -> s::ArtifactLocation {
    s::ArtifactLocation::builder().uri(path_uri(path)).build()
}

fn bag(pairs: Vec<(&str, Value)>, tags: Option<Vec<String>>) -> s::PropertyBag {
    let map: BTreeMap<String, Value> = pairs.into_iter().map(|(k, v)| (k.into(), v)).collect();
    match tags {
        Some(t) => s::PropertyBag::builder()
            .tags(t)
            .additional_properties(map)
            .build(),
        None => s::PropertyBag::builder().additional_properties(map).build(),
    }
}

/// The standard's rules as SARIF reporting descriptors.
fn rules(std: &Standard, lang: Lang) -> Vec<s::ReportingDescriptor> {
    std.rules
        .iter()
        .map(|r| {
            let config = s::ReportingConfiguration::builder()
                .level(json!(level_word(r.severity)))
                .enabled(r.severity != Severity::Off)
                .build();
            let props = bag(
                vec![("elements", json!(r.elements))],
                Some(vec!["santong".into(), std.id.clone()]),
            );
            let d = s::ReportingDescriptor::builder()
                .id(r.id.clone())
                .name(r.id.clone())
                .short_description(text(lang.msg(&r.title)))
                .full_description(text(format!("{} ({})", lang.msg(&r.title), r.id)))
                .default_configuration(config)
                .properties(props);
            match &r.fix {
                Some(fix) => d.help(text(lang.msg(fix))).build(),
                None => d.build(),
            }
        })
        .collect()
}

pub struct Sarif<'a> {
    lang: Lang,
    index: BTreeMap<&'a str, i64>,
    results: Vec<s::Result>,
    artifacts: Vec<s::Artifact>,
    notifications: Vec<s::Notification>,
}

impl<'a> Sarif<'a> {
    pub fn new(std: &'a Standard, lang: Lang) -> Self {
        Sarif {
            lang,
            index: std
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.as_str(), i as i64))
                .collect(),
            results: Vec::new(),
            artifacts: Vec::new(),
            notifications: Vec::new(),
        }
    }
}

impl<'a> Emitter<'a> for Sarif<'a> {
    fn file(&mut self, f: &FileView<'a>) {
        self.artifacts
            .push(s::Artifact::builder().location(artifact(f.path)).build());
        if let Some(m) = f.failure {
            let loc = s::Location::builder()
                .physical_location(
                    s::PhysicalLocation::builder()
                        .artifact_location(artifact(f.path))
                        .build(),
                )
                .build();
            self.notifications.push(
                s::Notification::builder()
                    .level(json!("error"))
                    .message(message(m))
                    .locations(vec![loc])
                    .build(),
            );
        }
    }

    fn finding(&mut self, x: FindingView<'a>) {
        let f = x.finding;
        let region = x.row.map(|row| match f.col {
            Some(c) => s::Region::builder()
                .start_line(row as i64)
                .start_column(c as i64 + 1)
                .build(),
            None => s::Region::builder().start_line(row as i64).build(),
        });
        let physical = s::PhysicalLocation::builder().artifact_location(artifact(x.path));
        let physical = match region {
            Some(r) => physical.region(r).build(),
            None => physical.build(),
        };
        let location = s::Location::builder().physical_location(physical);
        let location = if x.cell.is_empty() {
            location.build()
        } else {
            let logical = s::LogicalLocation::builder()
                .fully_qualified_name(x.cell.clone())
                .kind("element".to_string())
                .build();
            location.logical_locations(vec![logical]).build()
        };
        let props = bag(
            vec![
                ("sheet", json!(x.sheet)),
                ("cell", json!(x.cell)),
                ("field", json!(x.field)),
                ("label", json!(x.label)),
                ("value", json!(x.value)),
                ("fix", json!(x.fix)),
            ],
            None,
        );
        let result = s::Result::builder()
            .rule_id(x.rule.to_string())
            .level(level(f.severity))
            .message(message(with_fix(self.lang, &x.message, x.fix.as_deref())))
            .locations(vec![location])
            .properties(props);
        self.results.push(match self.index.get(x.rule) {
            Some(i) => result.rule_index(*i).build(),
            None => result.build(),
        });
    }

    fn finish(self: Box<Self>, sum: &Summary<'a>) -> Result<String, String> {
        let std = sum.std;
        let version = env!("CARGO_PKG_VERSION").to_string();
        let driver = s::ToolComponent::builder()
            .name("santong".to_string())
            .version(version.clone())
            .semantic_version(version)
            .rules(rules(std, self.lang))
            .properties(bag(
                vec![("standard", json!({"id": std.id, "version": std.version}))],
                None,
            ))
            .build();
        let invocation = s::Invocation::builder()
            .execution_successful(self.notifications.is_empty())
            .tool_execution_notifications(self.notifications)
            .build();
        let run = s::Run::builder()
            .tool(s::Tool::builder().driver(driver).build())
            .artifacts(self.artifacts)
            .invocations(vec![invocation])
            .results(self.results)
            .build();
        let doc = s::Sarif::builder()
            .schema("https://json.schemastore.org/sarif-2.1.0.json".to_string())
            .version(json!("2.1.0"))
            .runs(vec![run])
            .build();
        json_text(&doc)
    }
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
}
