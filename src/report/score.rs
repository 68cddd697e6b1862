//! Renderers for the scorecard: a ranked table and JSON (contract version 1).

use crate::i18n::ui;
use crate::i18n::Lang;
use crate::score::RegionScore;
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

pub fn score_json(scores: &[RegionScore], baseline: &str) -> String {
    let mut s = serde_json::to_string_pretty(&json!({
        "version": 1,
        "baseline": baseline,
        "regions": scores,
    }))
    .unwrap_or_default();
    s.push('\n');
    s
}

fn value(s: &RegionScore, key: &str) -> Option<f64> {
    match key {
        "coverage" => s.coverage,
        "accuracy" => s.accuracy,
        "zero_visit" => s.zero_visit,
        "online_accept" => s.online_accept,
        "channels" => s.channels,
        "compression" => s.compression,
        "standardisation" => s.standardisation,
        _ => None,
    }
}

/// Value of a column for renderers (HTML, xlsx).
pub fn column_value(s: &RegionScore, key: &str) -> Option<f64> {
    value(s, key)
}

pub fn score_human(scores: &[RegionScore], lang: Lang) -> String {
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
        for (key, _, _) in COLUMNS {
            r.push(
                value(s, key)
                    .map(|v| format!("{:.1}%", v * 100.0))
                    .unwrap_or_else(|| "—".into()),
            );
        }
        r.push(format!("{:.1}%", s.overall * 100.0));
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
    // region names come from lists and file names
    crate::text::printable(&out).into_owned()
}
