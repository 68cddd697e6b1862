//! Human output: grouped by file, one block per finding, a summary by rule.

use super::emit::{Emitter, FileView, FindingView, Summary};
use super::pad_end as pad;
use super::words::{counted, severity, severity_counted};
use crate::i18n::ui;
use crate::i18n::Lang;
use crate::standard::Severity;
use crate::text::printable as p;
use std::fmt::Write;

/// How much of the human report to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// Files, findings, the summary by rule and the totals.
    #[default]
    Full,
    /// Findings only, under the files that have them (`--quiet`).
    Findings,
    /// The summary by rule and the totals (`--format summary`).
    Summary,
}

/// Renders for a terminal or a file; `color` adds ANSI colours to severities.
pub struct Human {
    lang: Lang,
    color: bool,
    detail: Detail,
    /// Unreadable files were said on stderr beside this report.
    skip_failures: bool,
    out: String,
}

impl Human {
    pub fn with_detail(lang: Lang, color: bool, detail: Detail) -> Self {
        Human {
            lang,
            color,
            detail,
            skip_failures: false,
            out: String::new(),
        }
    }

    /// Leave out the files that could not be read: stderr said them.
    pub fn failures_on_stderr(mut self, yes: bool) -> Self {
        self.skip_failures = yes;
        self
    }

    /// Severity word, coloured for a terminal when asked.
    fn sev_cell(&self, s: Severity) -> String {
        let word = pad(severity(s, self.lang), 7);
        if !self.color {
            return word;
        }
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "33",
            _ => "36",
        };
        format!("\x1b[{code}m{word}\x1b[0m")
    }

    /// `N 个事项; N 错误, N 警告, N 提示` (`sep` after the items).
    fn counts(&self, sep: &str, items: usize, e: usize, w: usize, i: usize) -> String {
        let lang = self.lang;
        // Chinese punctuation is full width, with no space after it
        let (sep, sep2) = match lang {
            Lang::Zh => (if sep == ";" { "；" } else { "：" }, "、"),
            Lang::En => (if sep == ";" { "; " } else { ": " }, ", "),
        };
        format!(
            "{}{sep}{}{sep2}{}{sep2}{}",
            counted(items, ui::ITEMS_2.get(lang), "item", lang),
            severity_counted(Severity::Error, e, lang),
            severity_counted(Severity::Warning, w, lang),
            severity_counted(Severity::Info, i, lang)
        )
    }
}

impl<'a> Emitter<'a> for Human {
    fn file(&mut self, f: &FileView<'a>) {
        if let Some(message) = f.failure {
            if self.skip_failures {
                return;
            }
            // Chinese punctuation is full width, with no space after it
            let colon = self.lang.pick("：", ": ");
            let _ = writeln!(
                self.out,
                "{}{colon}{}{colon}{}\n",
                p(f.path),
                ui::CANNOT_READ.get(self.lang),
                p(message)
            );
            return;
        }
        let findings = f.errors + f.warnings + f.infos;
        if self.detail == Detail::Summary || (self.detail == Detail::Findings && findings == 0) {
            return;
        }
        let counts = self.counts(";", f.items, f.errors, f.warnings, f.infos);
        let _ = match self.lang {
            crate::i18n::Lang::Zh => writeln!(self.out, "{}（{counts}）", p(f.path)),
            crate::i18n::Lang::En => writeln!(self.out, "{}  ({counts})", p(f.path)),
        };
        if f.errors + f.warnings + f.infos == 0 {
            let _ = writeln!(self.out, "  {}", ui::NO_FINDINGS.get(self.lang));
        }
    }

    fn finding(&mut self, x: FindingView<'a>) {
        if self.detail == Detail::Summary {
            return;
        }
        let mut head = format!(
            "  {} {} {}",
            self.sev_cell(x.finding.severity),
            pad(x.rule, 30),
            p(&x.cell)
        );
        if let Some(l) = x.label {
            let _ = write!(head, "  {l}");
        }
        if let Some(v) = x.value {
            let v: String = v.chars().take(60).collect::<String>().replace('\n', "⏎");
            let _ = write!(head, "  「{}」", p(&v));
        }
        let _ = writeln!(self.out, "{head}");
        let _ = writeln!(self.out, "          {}", p(&x.message));
        if let Some(fix) = x.fix {
            let _ = writeln!(
                self.out,
                "          {}{}{}",
                ui::FIX_3.get(self.lang),
                self.lang.pick("：", ": "),
                p(&fix)
            );
        }
    }

    fn end_file(&mut self, f: &FileView<'a>) {
        let findings = f.errors + f.warnings + f.infos;
        if self.detail == Detail::Summary || (self.detail == Detail::Findings && findings == 0) {
            return;
        }
        if f.failure.is_none() {
            self.out.push('\n');
        }
    }

    fn finish(mut self: Box<Self>, s: &Summary<'a>) -> Result<String, String> {
        if self.detail == Detail::Findings {
            return Ok(self.out);
        }
        if !s.by_rule_severity.is_empty() {
            let colon = self.lang.pick("：", ":");
            let _ = writeln!(self.out, "{}{colon}", ui::SUMMARY_BY_RULE.get(self.lang));
            for ((rule, sev), n) in &s.by_rule_severity {
                let cell = self.sev_cell(*sev);
                let _ = writeln!(self.out, "  {cell} {} {n}", pad(rule, 30));
            }
        }
        let failed = s.files.iter().filter(|f| f.failure.is_some()).count();
        if failed == s.files.len() {
            // nothing was read: a zero summary would read like a pass
            let _ = writeln!(self.out, "{}", nothing_read(failed, self.lang));
            return Ok(self.out);
        }
        let counts = self.counts(":", s.items, s.errors, s.warnings, s.infos);
        let _ = writeln!(self.out, "{counts}");
        Ok(self.out)
    }
}

/// The last line of a run in which no file could be read.
pub(crate) fn nothing_read(failed: usize, lang: Lang) -> String {
    match (lang, failed) {
        (Lang::Zh, 0) => "没有检查任何文件".to_string(),
        (Lang::Zh, 1) => "没有检查任何文件：唯一的文件无法读取".to_string(),
        (Lang::Zh, n) => format!("没有检查任何文件：{n} 个文件都无法读取"),
        (Lang::En, 0) => "no file was checked".to_string(),
        (Lang::En, 1) => "no file was checked: the one file given could not be read".to_string(),
        (Lang::En, n) => format!("no file was checked: none of the {n} files could be read"),
    }
}
