//! JUnit XML for test dashboards: one test suite per file, one test case
//! per rule of the standard; a case fails when the file has findings of
//! that rule at or above `fail_on` (the others are listed in its output).
//! Text and attributes are escaped by quick-xml.

use super::emit::{Emitter, FileView, FindingView, Summary};
use crate::i18n::Lang;
use crate::standard::{Severity, Standard};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// XML-escaped text; characters XML 1.0 cannot carry become U+FFFD.
fn xml(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| {
            if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    quick_xml::escape::escape(clean.as_str()).into_owned()
}

pub struct Junit<'a> {
    std: &'a Standard,
    lang: Lang,
    fail_on: Option<Severity>,
    /// The current file's findings, by rule: (severity, line for the report).
    hits: BTreeMap<&'a str, Vec<(Severity, String)>>,
    suites: String,
    tests: usize,
    failures: usize,
    errors: usize,
}

impl<'a> Junit<'a> {
    pub fn new(std: &'a Standard, lang: Lang, fail_on: Option<Severity>) -> Self {
        Junit {
            std,
            lang,
            fail_on,
            hits: BTreeMap::new(),
            suites: String::new(),
            tests: 0,
            failures: 0,
            errors: 0,
        }
    }

    fn fails(&self, s: Severity) -> bool {
        self.fail_on.is_some_and(|f| s <= f)
    }

    /// The cases of one checked file, and how many failed.
    fn cases(&self, path: &str) -> (String, usize) {
        let mut cases = String::new();
        let mut failures = 0;
        for rule in &self.std.rules {
            let hits = self
                .hits
                .get(rule.id.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let _ = writeln!(
                cases,
                "    <testcase name=\"{}\" classname=\"{}\">",
                xml(&rule.id),
                xml(path)
            );
            let lines: String = hits.iter().map(|(_, l)| l.as_str()).collect();
            if hits.iter().any(|(s, _)| self.fails(*s)) {
                failures += 1;
                let _ = writeln!(
                    cases,
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                    xml(&format!("{} × {}", hits.len(), self.lang.msg(&rule.title))),
                    xml(&rule.id),
                    xml(&lines)
                );
            } else if !hits.is_empty() {
                let _ = writeln!(cases, "      <system-out>{}</system-out>", xml(&lines));
            }
            cases.push_str("    </testcase>\n");
        }
        (cases, failures)
    }
}

impl<'a> Emitter<'a> for Junit<'a> {
    fn finding(&mut self, x: FindingView<'a>) {
        // the severity in the report's language: [错误] / [error]
        let line = format!(
            "{} [{}] {}\n",
            x.cell,
            super::words::severity(x.finding.severity, self.lang),
            x.message
        );
        self.hits
            .entry(x.rule)
            .or_default()
            .push((x.finding.severity, line));
    }

    fn end_file(&mut self, f: &FileView<'a>) {
        if let Some(message) = f.failure {
            self.tests += 1;
            self.errors += 1;
            let _ = write!(
                self.suites,
                "  <testsuite name=\"{p}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase name=\"read\" classname=\"{p}\">\n      <error message=\"{m}\"/>\n    </testcase>\n  </testsuite>\n",
                p = xml(f.path),
                m = xml(message)
            );
            return;
        }
        let (cases, failures) = self.cases(f.path);
        self.hits.clear();
        let n = self.std.rules.len();
        self.tests += n;
        self.failures += failures;
        let _ = write!(
            self.suites,
            "  <testsuite name=\"{}\" tests=\"{n}\" failures=\"{failures}\" errors=\"0\">\n{cases}  </testsuite>\n",
            xml(f.path)
        );
    }

    fn finish(self: Box<Self>, _: &Summary<'a>) -> Result<String, String> {
        Ok(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"santong\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n{}</testsuites>\n",
            self.tests, self.failures, self.errors, self.suites
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_control_characters() {
        assert_eq!(
            xml("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{FFFD}"
        );
    }
}
