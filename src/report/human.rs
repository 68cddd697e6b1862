//! Human output: grouped by file, one block per finding, a summary by rule.

use super::pad_end as pad;
use super::{render_finding, CheckRun, FileOutcome};
use crate::i18n::{Lang, T};
use crate::standard::{Severity, Standard};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Severity word, coloured for a terminal when asked.
fn sev_cell(s: Severity, lang: Lang, color: bool) -> String {
    let word = pad(sev(s, lang), 7);
    if !color {
        return word;
    }
    let code = match s {
        Severity::Error => "1;31",
        Severity::Warning => "33",
        _ => "36",
    };
    format!("\x1b[{code}m{word}\x1b[0m")
}

const ITEMS: T = T("个事项", "items");
const ERRORS: T = T("错误", "errors");
const WARNINGS: T = T("警告", "warnings");
const INFOS: T = T("提示", "notes");
const FIX: T = T("修改建议", "fix");
const SUMMARY: T = T("按规则汇总", "Summary by rule");
const CANNOT_READ: T = T("无法读取", "cannot read");
const CLEAN: T = T("未发现问题", "no findings");

fn sev(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
        (Severity::Info, Lang::Zh) => "提示",
        (Severity::Error, _) => "error",
        (Severity::Warning, _) => "warning",
        (Severity::Info, _) => "info",
        (Severity::Off, _) => "off",
    }
}

/// Render for a terminal or a file; `color` adds ANSI colours to severities.
pub fn render_human(run: &CheckRun, std: &Standard, lang: Lang, color: bool) -> String {
    let mut out = String::new();
    let mut by_rule: BTreeMap<(&str, Severity), usize> = BTreeMap::new();
    let (mut te, mut tw, mut ti, mut titems) = (0, 0, 0, 0);
    for f in &run.files {
        match f {
            FileOutcome::Failed { path, message } => {
                let _ = writeln!(out, "{path}: {}: {message}\n", CANNOT_READ.get(lang));
            }
            FileOutcome::Checked(r) => {
                let (e, w, i) = (
                    r.count(Severity::Error),
                    r.count(Severity::Warning),
                    r.count(Severity::Info),
                );
                te += e;
                tw += w;
                ti += i;
                titems += r.items;
                let _ = writeln!(
                    out,
                    "{}  ({} {}; {} {}, {} {}, {} {})",
                    r.path,
                    r.items,
                    ITEMS.get(lang),
                    e,
                    ERRORS.get(lang),
                    w,
                    WARNINGS.get(lang),
                    i,
                    INFOS.get(lang)
                );
                if r.findings.is_empty() {
                    let _ = writeln!(out, "  {}", CLEAN.get(lang));
                }
                for finding in &r.findings {
                    *by_rule
                        .entry((finding.rule.as_str(), finding.severity))
                        .or_default() += 1;
                    let x = render_finding(finding, std, lang);
                    let mut head = format!(
                        "  {} {} {}",
                        sev_cell(finding.severity, lang, color),
                        pad(&finding.rule, 30),
                        x.cell
                    );
                    if let Some(l) = x.label {
                        let _ = write!(head, "  {l}");
                    }
                    if let Some(v) = &finding.value {
                        let v: String = v.chars().take(60).collect::<String>().replace('\n', "⏎");
                        let _ = write!(head, "  「{v}」");
                    }
                    let _ = writeln!(out, "{head}");
                    let _ = writeln!(out, "          {}", x.message);
                    if let Some(fix) = x.fix {
                        let _ = writeln!(out, "          {}: {fix}", FIX.get(lang));
                    }
                }
                out.push('\n');
            }
        }
    }
    if !by_rule.is_empty() {
        let _ = writeln!(out, "{}:", SUMMARY.get(lang));
        for ((rule, s), n) in &by_rule {
            let _ = writeln!(out, "  {} {} {n}", sev_cell(*s, lang, color), pad(rule, 30));
        }
    }
    let _ = writeln!(
        out,
        "{} {}: {} {}, {} {}, {} {}",
        titems,
        ITEMS.get(lang),
        te,
        ERRORS.get(lang),
        tw,
        WARNINGS.get(lang),
        ti,
        INFOS.get(lang)
    );
    out
}
