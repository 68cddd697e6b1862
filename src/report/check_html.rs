//! `check --format html`: one self-contained page (inline CSS, JS and SVG;
//! no network) with totals per file and per rule, a bar chart of findings
//! by rule, and a table of findings that can be filtered by file, rule,
//! severity and element and sorted by any column. All catalogue text is
//! escaped by the template engine.

use super::{render_finding, templates, CheckRun, FileOutcome};
use crate::i18n::Lang;
use crate::standard::Standard;
use serde_json::{json, Value};

fn texts(lang: Lang) -> Value {
    let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    json!({
        "title": t("实施清单检查报告", "Implementation-list check report"),
        "standard": t("标准", "Standard"),
        "files": t("文件", "Files"),
        "file": t("文件", "File"),
        "items": t("事项数", "Items"),
        "errors": t("错误", "Errors"),
        "warnings": t("警告", "Warnings"),
        "infos": t("提示", "Notes"),
        "failure": t("无法读取", "Could not read"),
        "by_rule": t("按规则统计", "Findings by rule"),
        "rule": t("规则", "Rule"),
        "count": t("数量", "Count"),
        "findings": t("问题明细", "Findings"),
        "severity": t("级别", "Severity"),
        "cell": t("位置", "Cell"),
        "element": t("要素", "Element"),
        "value": t("值", "Value"),
        "message": t("问题", "Message"),
        "fix": t("修改建议", "Fix"),
        "all": t("全部", "All"),
        "search": t("搜索值或问题", "Search values and messages"),
        "shown": t("显示", "Shown"),
        "none": t("没有发现问题。", "No findings."),
        "sev_error": t("错误", "error"),
        "sev_warning": t("警告", "warning"),
        "sev_info": t("提示", "info"),
    })
}

pub fn render_check_html(run: &CheckRun, std: &Standard, lang: Lang) -> Result<String, String> {
    let mut files = Vec::new();
    let mut findings = Vec::new();
    for f in &run.files {
        files.push(super::file_json(f));
        match f {
            FileOutcome::Failed { .. } => {}
            FileOutcome::Checked(r) => {
                for finding in &r.findings {
                    let x = render_finding(finding, std, lang);
                    findings.push(json!({
                        "file": r.path,
                        "rule": finding.rule,
                        "severity": finding.severity.as_str(),
                        "cell": x.cell,
                        "row": finding.row.unwrap_or(0),
                        "col": finding.col.map(|c| c + 1).unwrap_or(0),
                        "element": x.field.unwrap_or(""),
                        "label": x.label.unwrap_or(""),
                        "value": finding.value,
                        "message": x.message,
                        "fix": x.fix,
                    }));
                }
            }
        }
    }
    let per_rule = super::counts_by_rule(run.files.iter().flat_map(|f| match f {
        FileOutcome::Checked(r) => r.findings.as_slice(),
        FileOutcome::Failed { .. } => &[],
    }));
    let mut totals = [0usize; 3];
    for n in per_rule.values() {
        for k in 0..3 {
            totals[k] += n[k];
        }
    }
    let mut rules: Vec<Value> = per_rule
        .iter()
        .map(|(id, n)| {
            let title = std
                .rule(id)
                .map(|r| lang.msg(&r.title).to_string())
                .unwrap_or_default();
            json!({"id": id, "title": title, "errors": n[0], "warnings": n[1], "infos": n[2], "count": n[0] + n[1] + n[2]})
        })
        .collect();
    rules.sort_by(|a, b| {
        b["count"]
            .as_u64()
            .cmp(&a["count"].as_u64())
            .then(a["id"].as_str().cmp(&b["id"].as_str()))
    });
    // the bar chart: one bar per rule, widths scaled to the largest count
    let bar_max = 360.0;
    let top = rules
        .first()
        .and_then(|r| r["count"].as_u64())
        .unwrap_or(1)
        .max(1) as f64;
    let bars: Vec<Value> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let n = r["count"].as_u64().unwrap_or(0) as f64;
            json!({"id": r["id"], "count": r["count"], "y": i * 22, "width": ((n / top) * bar_max).max(1.0).round()})
        })
        .collect();
    let mut elements: Vec<(String, String)> = findings
        .iter()
        .filter(|f| !f["element"].as_str().unwrap_or("").is_empty())
        .map(|f| {
            (
                f["element"].as_str().unwrap_or("").to_string(),
                f["label"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    elements.sort();
    elements.dedup();
    let ctx = json!({
        "lang": lang.pick("zh-CN", "en"),
        "t": texts(lang),
        "standard": {"name": std.name, "version": std.version},
        "files": files,
        "totals": {"errors": totals[0], "warnings": totals[1], "infos": totals[2], "findings": findings.len()},
        "rules": rules,
        "chart": {"bars": bars, "height": rules.len() * 22 + 4, "label_width": 230, "width": 230.0 + bar_max + 60.0},
        "elements": elements.iter().map(|(id, label)| json!({"id": id, "label": label})).collect::<Vec<_>>(),
        "findings": findings,
    });
    templates::render(
        "check.html.j2",
        minijinja::Value::from(minijinja::value::Serde(&ctx)),
    )
}
