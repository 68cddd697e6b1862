//! The scorecard as a self-contained HTML page with an inline SVG bar chart.

use super::score::{percent as pct, COLUMNS};
use super::templates;
use crate::i18n::ui;
use crate::i18n::Lang;
use crate::score::RegionScore;
use serde_json::json;

fn definition(key: &str, lang: Lang) -> &'static str {
    match key {
        "coverage" => ui::BASIC_CATALOGUE_ITEMS_IMPLEMENTED_ITEMS.get(lang),
        "accuracy" => ui::ITEMS_WITH_NO_ERROR_FINDING.get(lang),
        "zero_visit" => ui::ITEMS_NEEDING_ZERO_VISITS_ITEMS.get(lang),
        "online_accept" => ui::ITEMS_ONLINE_AT_ACCEPTANCE_OR.get(lang),
        "channels" => ui::MEAN_SHARE_OF_THE_THREE.get(lang),
        "compression" => ui::MEAN_OF_STATUTORY_PROMISED_STATUTORY.get(lang),
        "standardisation" => ui::ITEMS_IDENTICAL_TO_THE_BASELINE.get(lang),
        _ => "",
    }
}

pub fn score_html(
    scores: &[RegionScore],
    baseline: &str,
    notes: &[String],
    lang: Lang,
) -> Result<String, String> {
    let label_width = 160usize;
    let bar_max = 360usize;
    let bars: Vec<_> = scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "region": s.region,
                "y": i * 26,
                "width": ((s.overall.unwrap_or(0.0) * bar_max as f64).round() as usize).max(1),
                "value": s.overall,
                "percent": pct(s.overall),
            })
        })
        .collect();
    let rows: Vec<_> = scores
        .iter()
        .map(|s| {
            let values: Vec<_> = s
                .indices()
                .iter()
                .map(|(_, i)| json!({"percent": pct(i.value), "numerator": i.numerator, "denominator": i.denominator, "known": i.value.is_some()}))
                .collect();
            json!({"rank": s.rank, "region": s.region, "items": s.items, "values": values, "overall": pct(s.overall)})
        })
        .collect();
    let columns: Vec<_> = COLUMNS
        .iter()
        .map(|(k, zh, en)| json!({"key": k, "label": lang.pick(zh, en), "definition": definition(k, lang)}))
        .collect();
    let ctx = json!({
        "lang": ui::EN.get(lang),
        "t": {
            "title": ui::REGIONAL_STANDARDISATION_SCORECARD.get(lang).to_string(),
            "baseline": ui::BASELINE.get(lang).to_string(),
            "rank": ui::RANK.get(lang).to_string(),
            "region": ui::REGION.get(lang).to_string(),
            "items": ui::ITEMS.get(lang).to_string(),
            "overall": ui::OVERALL.get(lang).to_string(),
            "colon": lang.pick("：", ": "),
        },
        "baseline": baseline,
        "notes": notes,
        "chart": {"width": label_width + bar_max + 70, "height": scores.len() * 26 + 4, "label_width": label_width, "bars": bars},
        "rows": rows,
        "columns": columns,
    });
    templates::render(
        "score.html.j2",
        minijinja::Value::from(minijinja::value::Serde(&ctx)),
    )
}
