//! The scorecard as a self-contained HTML page with an inline SVG bar chart.

use super::score::{column_value, COLUMNS};
use super::templates;
use crate::i18n::Lang;
use crate::score::RegionScore;
use serde_json::json;

fn definition(key: &str, lang: Lang) -> &'static str {
    match key {
        "coverage" => lang.pick(
            "实施的基本目录事项数 ÷ 基本目录事项数",
            "basic-catalogue items implemented ÷ items in the catalogue",
        ),
        "accuracy" => lang.pick(
            "无错误的事项数 ÷ 事项数",
            "items with no error finding ÷ items",
        ),
        "zero_visit" => lang.pick(
            "到办事现场次数为0的事项 ÷ 填写了次数的事项",
            "items needing zero visits ÷ items stating visits",
        ),
        "online_accept" => lang.pick(
            "网上办理深度达到互联网受理及以上的事项 ÷ 填写了深度的事项",
            "items online at acceptance or beyond ÷ items stating depth",
        ),
        "channels" => lang.pick(
            "每个事项提供的办理形式（窗口、网上、快递）占比的平均值",
            "mean share of the three channels (window, online, express) offered",
        ),
        "compression" => lang.pick(
            "（法定时限 − 承诺时限）÷ 法定时限 的平均值",
            "mean of (statutory − promised) ÷ statutory",
        ),
        "standardisation" => lang.pick(
            "与基准在所有比较要素上一致的事项 ÷ 已对齐事项",
            "items identical to the baseline in every compared element ÷ aligned items",
        ),
        _ => "",
    }
}

fn pct(v: Option<f64>) -> String {
    v.map(|x| format!("{:.1}%", x * 100.0))
        .unwrap_or_else(|| "—".into())
}

pub fn score_html(scores: &[RegionScore], baseline: &str, lang: Lang) -> Result<String, String> {
    let label_width = 160usize;
    let bar_max = 360usize;
    let bars: Vec<_> = scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "region": s.region,
                "y": i * 26,
                "width": ((s.overall * bar_max as f64).round() as usize).max(1),
                "value": s.overall,
                "percent": pct(Some(s.overall)),
            })
        })
        .collect();
    let rows: Vec<_> = scores
        .iter()
        .map(|s| {
            let values: Vec<String> = COLUMNS.iter().map(|(k, _, _)| pct(column_value(s, k))).collect();
            json!({"rank": s.rank, "region": s.region, "items": s.items, "values": values, "overall": pct(Some(s.overall))})
        })
        .collect();
    let columns: Vec<_> = COLUMNS
        .iter()
        .map(|(k, zh, en)| json!({"key": k, "label": lang.pick(zh, en), "definition": definition(k, lang)}))
        .collect();
    let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    let ctx = json!({
        "lang": lang.pick("zh-CN", "en"),
        "t": {
            "title": t("地区标准化评分", "Regional standardisation scorecard"),
            "baseline": t("基准", "Baseline"),
            "rank": t("排名", "Rank"),
            "region": t("地区", "Region"),
            "items": t("事项数", "Items"),
            "overall": t("综合", "Overall"),
        },
        "baseline": baseline,
        "chart": {"width": label_width + bar_max + 70, "height": scores.len() * 26 + 4, "label_width": label_width, "bars": bars},
        "rows": rows,
        "columns": columns,
    });
    templates::render(
        "score.html.j2",
        minijinja::Value::from(minijinja::value::Serde(&ctx)),
    )
}
