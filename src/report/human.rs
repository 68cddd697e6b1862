//! Human output: grouped by file, one block per finding, a summary by rule.

use super::emit::{Emitter, FileView, FindingView, Summary};
use super::pad_end as pad;
use super::words::{counted, severity, severity_counted};
use crate::i18n::ui;
use crate::i18n::Lang;
use crate::standard::Severity;
use crate::text::printable as p;
use std::fmt::Write;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
    /// The terminal's width: messages wrap to it and values are cut to
    /// fit; none (a file, a pipe) keeps a message on one line.
    width: Option<usize>,
    out: String,
}

impl Human {
    pub fn with_detail(lang: Lang, color: bool, detail: Detail) -> Self {
        Human {
            lang,
            color,
            detail,
            skip_failures: false,
            width: None,
            out: String::new(),
        }
    }

    /// Wrap messages to a terminal this wide.
    pub fn width(mut self, width: Option<usize>) -> Self {
        self.width = width.filter(|w| *w >= 40);
        self
    }

    /// `text` after `indent` spaces, wrapped to the width when there is one.
    fn indented(&mut self, indent: usize, text: &str) {
        let pad = " ".repeat(indent);
        match self.width {
            Some(w) => {
                for line in wrap(text, w - indent) {
                    let _ = writeln!(self.out, "{pad}{line}");
                }
            }
            None => {
                let _ = writeln!(self.out, "{pad}{text}");
            }
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
        let line = match self.lang {
            crate::i18n::Lang::Zh => format!("{}（{counts}）", p(f.path)),
            crate::i18n::Lang::En => format!("{}  ({counts})", p(f.path)),
        };
        self.indented(0, &line);
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
        let mut value_below = None;
        if let Some(v) = x.value {
            let v: String = v.chars().take(60).collect::<String>().replace('\n', "⏎");
            let v = p(&v).into_owned();
            // on a terminal a value that does not fit the line goes below it
            let used = head_width(x.rule, &x.cell, x.label) + 4;
            match self.width {
                Some(w) if used + UnicodeWidthStr::width(v.as_str()) > w => {
                    value_below = Some(format!(
                        "「{}」",
                        crate::text::cut_to_width(&v, w.saturating_sub(14))
                    ));
                }
                _ => {
                    let _ = write!(head, "  「{v}」");
                }
            }
        }
        let _ = writeln!(self.out, "{head}");
        if let Some(v) = value_below {
            self.indented(10, &v);
        }
        self.indented(10, &p(&x.message));
        if let Some(fix) = x.fix {
            let line = format!(
                "{}{}{}",
                ui::FIX_3.get(self.lang),
                self.lang.pick("：", ": "),
                p(&fix)
            );
            self.indented(10, &line);
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

/// The width of a finding's first line before its value, as `finding`
/// writes it (the severity padded to 7, the rule to 30).
fn head_width(rule: &str, cell: &str, label: Option<&str>) -> usize {
    let pad = |s: &str, n: usize| UnicodeWidthStr::width(s).max(n);
    2 + 7
        + 1
        + pad(rule, 30)
        + 1
        + UnicodeWidthStr::width(cell)
        + label.map_or(0, |l| 2 + UnicodeWidthStr::width(l))
}

/// `text` in lines of at most `width` columns: a line breaks at a space,
/// or beside a Chinese character (which needs no space), never inside a
/// Latin word or number unless the word is longer than a line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(10);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0usize;
    // where the line may break: (byte offset in `line`, width before it)
    let mut last_break: Option<(usize, usize)> = None;
    let mut prev_wide = false;
    let mut prev = ' ';
    // no line starts with closing punctuation nor ends with opening
    const NO_START: &str = "，。、；：？！）」』”’》〉】…%";
    const NO_END: &str = "（「『“‘《〈【";
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        let wide = cw == 2;
        if (wide || prev_wide)
            && !line.is_empty()
            && !NO_START.contains(c)
            && !NO_END.contains(prev)
        {
            last_break = Some((line.len(), w));
        }
        prev = c;
        if w + cw > width && !line.is_empty() {
            match last_break {
                Some((at, bw)) if at > 0 => {
                    let rest = line.split_off(at);
                    lines.push(line.trim_end().to_string());
                    line = rest.trim_start().to_string();
                    w -= bw;
                    if line.is_empty() {
                        w = 0;
                    }
                }
                _ => {
                    lines.push(std::mem::take(&mut line));
                    w = 0;
                }
            }
            last_break = None;
            if c == ' ' {
                prev_wide = false;
                continue;
            }
        }
        line.push(c);
        w += cw;
        if c == ' ' {
            last_break = Some((line.len(), w));
        }
        prev_wide = wide;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn messages_wrap_to_the_width_at_spaces_and_beside_chinese() {
        let zh = "“咨询方式”中的号码“0777－2812345”使用了“－”，不是连字符（共4行：第4、5、6、7行）";
        let lines = wrap(zh, 30);
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| l.width() <= 30), "{lines:?}");
        assert_eq!(lines.concat(), zh, "nothing lost or added");
        let en = "the promised time limit 25 is longer than the statutory limit 20";
        let lines = wrap(en, 20);
        assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), en);
        // a number is never split
        assert!(lines.iter().any(|l| l.contains("25")));
        // near miss: a short line stays whole
        assert_eq!(wrap("不超过", 30), vec!["不超过".to_string()]);
    }
}
