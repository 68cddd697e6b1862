//! Renderers for the scorecard: a ranked table and JSON (contract version 1).

use crate::i18n::ui;
use crate::i18n::Lang;
use crate::score::{Index, RegionScore};
use serde_json::json;
use unicode_width::UnicodeWidthStr;

/// (JSON key, Chinese heading, English heading)
pub const COLUMNS: [(&str, &str, &str); 7] = [
    ("coverage", "服务事项覆盖度", "coverage"),
    ("accuracy", "办事指南准确度", "guide accuracy"),
    ("zero_visit", "零跑动占比", "zero visits"),
    ("online_accept", "网上受理及以上", "online ≥ acceptance"),
    ("channels", "服务方式完备度", "channels"),
    ("compression", "时限压缩率", "time compression"),
    ("standardisation", "标准化程度", "standardisation"),
];

/// What a reader of the scorecard must know from the comparison behind
/// it: regions that align with nothing (their standardisation is "—"),
/// items listed under two codes. In the run's language.
pub fn score_notes(c: &crate::diff::Comparison, lang: Lang) -> Vec<String> {
    use crate::diff::ComparisonNote as N;
    c.notes
        .iter()
        .filter(|n| matches!(n, N::AlignsWithNothing { .. } | N::CodeConflicts { .. }))
        .map(|n| super::diff::comparison_note(n, lang))
        .collect()
}

pub fn score_json(scores: &[RegionScore], baseline: &str, notes: &[String]) -> String {
    let mut s = serde_json::to_string_pretty(&json!({
        "version": 2,
        "baseline": baseline,
        "notes": notes,
        "regions": scores,
    }))
    .unwrap_or_default();
    s.push('\n');
    s
}

/// A share as a percentage; "—" for none (an empty set).
pub fn percent(v: Option<f64>) -> String {
    v.map(|x| format!("{:.1}%", x * 100.0))
        .unwrap_or_else(|| "—".into())
}

/// An index as a reader checks it: the share and what it is made of
/// (`83.3% (5/6)`); an index over nothing is "—" alone.
pub fn index_cell(i: &Index) -> String {
    match i.value {
        Some(v) => format!("{} ({}/{})", percent(Some(v)), i.numerator, i.denominator),
        None => "—".into(),
    }
}

pub fn score_human(scores: &[RegionScore], notes: &[String], lang: Lang) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut head = vec![
        ui::RANK_2.get(lang).to_string(),
        ui::REGION_2.get(lang).to_string(),
        ui::ITEMS_3.get(lang).to_string(),
    ];
    head.extend(
        COLUMNS
            .iter()
            .map(|(_, zh, en)| lang.pick(zh, en).to_string()),
    );
    head.push(ui::OVERALL_2.get(lang).to_string());
    rows.push(head);
    for s in scores {
        let mut r = vec![s.rank.to_string(), s.region.clone(), s.items.to_string()];
        for (_, index) in s.indices() {
            r.push(index_cell(index));
        }
        r.push(percent(s.overall));
        rows.push(r);
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in rows {
        let line: Vec<String> = r
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                if i == 1 {
                    super::pad_end(c, *w)
                } else {
                    super::pad_start(c, *w)
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    for n in notes {
        out.push_str(&format!(
            "{}{}{n}\n",
            ui::NOTES.get(lang),
            lang.pick("：", ": ")
        ));
    }
    // region names come from lists and file names
    crate::text::printable(&out).into_owned()
}
