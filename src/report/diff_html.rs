//! The comparison as one self-contained HTML page: summary counts,
//! differences per element and per region, a coverage heat map (items ×
//! regions) and a drill-down per item with every region's value side by
//! side. No network: CSS and JS are inline. All catalogue text is escaped by
//! the template engine.

use super::templates;
use crate::diff::Comparison;
use crate::i18n::ui;
use crate::i18n::Lang;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The heat map shows at most this many items (the drill-down lists every
/// differing item).
const HEAT_LIMIT: usize = 3000;

fn texts(lang: Lang) -> Value {
    json!({
        "title": ui::REGIONAL_COMPARISON_OF_SERVICE_ITEMS.get(lang).to_string(),
        "baseline": ui::BASELINE.get(lang).to_string(),
        "regions": ui::REGIONS.get(lang).to_string(),
        "region": ui::REGION.get(lang).to_string(),
        "items": ui::ITEMS.get(lang).to_string(),
        "items_compared": ui::ITEMS_COMPARED.get(lang).to_string(),
        "identical": ui::IDENTICAL_EVERYWHERE.get(lang).to_string(),
        "unaligned": ui::ONE_REGION_ONLY.get(lang).to_string(),
        "differences": ui::DIFFERENCES.get(lang).to_string(),
        "deviations": ui::DEVIATIONS.get(lang).to_string(),
        "by_element": ui::DIFFERENCES_BY_ELEMENT.get(lang).to_string(),
        "by_region": ui::DEVIATIONS_BY_REGION.get(lang).to_string(),
        "element": ui::ELEMENT.get(lang).to_string(),
        "count": ui::COUNT.get(lang).to_string(),
        "coverage": ui::COVERAGE_HEAT_MAP.get(lang).to_string(),
        "same": ui::SAME_AS_BASELINE.get(lang).to_string(),
        "deviates": ui::DEVIATES.get(lang).to_string(),
        "absent": ui::NOT_IMPLEMENTED.get(lang).to_string(),
        "truncated": ui::THE_HEAT_MAP_SHOWS_THE.get(lang).to_string(),
        "details": ui::ITEM_DETAILS.get(lang).to_string(),
        "search": ui::SEARCH_CODE_OR_NAME.get(lang).to_string(),
        "all_elements": ui::ALL_ELEMENTS.get(lang).to_string(),
        "missing": ui::MISSING.get(lang).to_string(),
        "extra": ui::EXTRA.get(lang).to_string(),
        "blank": ui::BLANK.get(lang).to_string(),
        "not_compared": ui::THE_REGION_S_LIST_LACKS.get(lang).to_string(),
        "not_applicable": ui::NOT_APPLICABLE.get(lang).to_string(),
        "colon": lang.pick("：", ": "),
        "no_majority": ui::NO_MAJORITY.get(lang).to_string(),
        "notes": ui::NOTES_2.get(lang).to_string(),
        "local_commitments": ui::LOCAL_COMMITMENTS.get(lang).to_string(),
        "compression": ui::COMPRESSION.get(lang).to_string(),
        "item": ui::ITEM.get(lang).to_string(),
        "element": ui::ELEMENT.get(lang).to_string(),
    })
}

pub fn diff_html(c: &Comparison, lang: Lang) -> Result<String, String> {
    let regions: Vec<String> = c.regions.iter().map(|r| r.name.clone()).collect();
    let by_element = c.by_element();
    let max = by_element.values().copied().max().unwrap_or(0).max(1);
    let bar_width = 240usize;
    let elements: Vec<Value> = c
        .elements
        .iter()
        .filter_map(|(id, label)| {
            by_element.get(id.as_str()).map(|n| {
                json!({"id": id, "label": label, "count": n, "bar": (*n * bar_width / max).max(1)})
            })
        })
        .collect();
    // differences grouped per item
    let mut per_item: BTreeMap<&str, Vec<&crate::diff::Difference>> = BTreeMap::new();
    for d in &c.differences {
        per_item.entry(d.item.key.as_str()).or_default().push(d);
    }
    let heat: Vec<Value> = c
        .coverage
        .iter()
        .take(HEAT_LIMIT)
        .map(|cov_entry| {
            let (code, name, cov) = (
                &cov_entry.item.key,
                &cov_entry.item.name,
                &cov_entry.regions,
            );
            let diffs = per_item.get(code.as_str());
            let cells: Vec<Value> = regions
                .iter()
                .zip(cov)
                .map(|(r, on)| {
                    let devs: Vec<&str> = diffs
                        .map(|ds| {
                            ds.iter()
                                .filter(|d| d.regions.iter().any(|x| &x.region == r))
                                .map(|d| d.label.as_str())
                                .collect()
                        })
                        .unwrap_or_default();
                    let state = if !on {
                        "absent"
                    } else if devs.is_empty() {
                        "same"
                    } else {
                        "dev"
                    };
                    json!({"state": state, "title": format!("{r}: {}", devs.join("、"))})
                })
                .collect();
            json!({"code": code, "name": name, "cells": cells})
        })
        .collect();
    let by_key: std::collections::HashMap<&str, &Vec<bool>> = c
        .coverage
        .iter()
        .map(|cv| (cv.item.key.as_str(), &cv.regions))
        .collect();
    let items: Vec<Value> = per_item
        .iter()
        .map(|(code, ds)| {
            let cov = by_key.get(*code).map(|v| (*v).clone()).unwrap_or_default();
            let diffs: Vec<Value> = ds
                .iter()
                .map(|d| {
                    let cells: Vec<Value> = regions
                        .iter()
                        .zip(&cov)
                        .map(|(r, on)| match d.regions.iter().find(|x| &x.region == r) {
                            Some(dev) => json!({
                                "state": "dev",
                                "value": dev.value,
                                "runs": dev.diff,
                                "missing": dev.missing,
                                "extra": dev.extra,
                                "changed": dev.changed.clone().unwrap_or_default(),
                            }),
                            None if *on && d.compared.contains(r) => json!({"state": "same"}),
                            None if *on => json!({"state": "na"}),
                            None => json!({"state": "absent"}),
                        })
                        .collect();
                    json!({"element": d.element, "label": d.label, "baseline": d.baseline, "source": if lang == Lang::Zh { format!("（{}）", crate::diff::source_words(&d.baseline_source, lang)) } else { format!("({})", crate::diff::source_words(&d.baseline_source, lang)) }, "split": d.split(), "level": d.level, "cells": cells})
                })
                .collect();
            let mut els: Vec<&str> = ds.iter().map(|d| d.element.as_str()).collect();
            els.dedup();
            json!({"code": code, "name": ds[0].item.name, "elements": els, "diffs": diffs})
        })
        .collect();
    let ctx = json!({
        "lang": ui::EN.get(lang),
        "t": texts(lang),
        "baseline": c.baseline.words(lang),
        "regions": regions,
        "region_summaries": c.regions,
        "summary": {
            "items_compared": c.items_compared(),
            "identical": c.identical(),
            "unaligned": c.unaligned(),
            "differences": c.differences.len(),
        },
        "elements": elements,
        "bar_width": bar_width,
        "heat": heat,
        "heat_truncated": c.coverage.len() > HEAT_LIMIT,
        "items": items,
        "notes": c.notes.iter().map(|n| super::diff::comparison_note(n, lang)).collect::<Vec<_>>(),
        "variations": c.variations.iter().take(HEAT_LIMIT).collect::<Vec<_>>(),
        "variations_truncated": c.variations.len() > HEAT_LIMIT,
    });
    templates::render(
        "diff.html.j2",
        minijinja::Value::from(minijinja::value::Serde(&ctx)),
    )
}
