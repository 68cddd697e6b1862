//! The comparison as one self-contained HTML page: summary counts,
//! differences per element and per region, a coverage heat map (items ×
//! regions) and a drill-down per item with every region's value side by
//! side. No network: CSS and JS are inline. All catalogue text is escaped by
//! the template engine.

use super::templates;
use crate::diff::Comparison;
use crate::i18n::Lang;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The heat map shows at most this many items (the drill-down lists every
/// differing item).
const HEAT_LIMIT: usize = 3000;

fn texts(lang: Lang) -> Value {
    let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    json!({
        "title": t("政务服务事项地区差异对比", "Regional comparison of service items"),
        "baseline": t("基准", "Baseline"),
        "regions": t("地区", "Regions"),
        "region": t("地区", "Region"),
        "items": t("事项数", "Items"),
        "items_compared": t("比较事项", "Items compared"),
        "identical": t("各地完全一致", "Identical everywhere"),
        "differences": t("差异", "Differences"),
        "deviations": t("偏离处数", "Deviations"),
        "by_element": t("按要素统计差异", "Differences by element"),
        "by_region": t("按地区统计偏离", "Deviations by region"),
        "element": t("要素", "Element"),
        "count": t("差异数", "Count"),
        "coverage": t("事项覆盖热力图", "Coverage heat map"),
        "same": t("与基准一致", "same as baseline"),
        "deviates": t("有差异", "deviates"),
        "absent": t("未实施", "not implemented"),
        "truncated": t("热力图只显示前", "The heat map shows the first"),
        "details": t("逐项明细", "Item details"),
        "search": t("按编码或名称搜索", "Search code or name"),
        "all_elements": t("全部要素", "All elements"),
        "missing": t("缺少", "missing"),
        "extra": t("多出", "extra"),
        "blank": t("（空）", "(blank)"),
        "not_compared": t("该地区清单无此要素，未比较", "the region's list lacks this element: not compared"),
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
        per_item.entry(d.basic_code.as_str()).or_default().push(d);
    }
    let heat: Vec<Value> = c
        .coverage
        .iter()
        .take(HEAT_LIMIT)
        .map(|(code, (name, cov))| {
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
    let items: Vec<Value> = per_item
        .iter()
        .map(|(code, ds)| {
            let cov = c.coverage.get(*code).map(|(_, v)| v.clone()).unwrap_or_default();
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
                    json!({"element": d.element, "label": d.label, "baseline": d.baseline, "source": d.baseline_source, "cells": cells})
                })
                .collect();
            let mut els: Vec<&str> = ds.iter().map(|d| d.element.as_str()).collect();
            els.dedup();
            json!({"code": code, "name": ds[0].name, "elements": els, "diffs": diffs})
        })
        .collect();
    let ctx = json!({
        "lang": lang.pick("zh-CN", "en"),
        "t": texts(lang),
        "baseline": c.baseline.describe(),
        "regions": regions,
        "region_summaries": c.regions,
        "summary": {
            "items_compared": c.items_compared(),
            "identical": c.identical(),
            "differences": c.differences.len(),
        },
        "elements": elements,
        "bar_width": bar_width,
        "heat": heat,
        "heat_truncated": c.coverage.len() > HEAT_LIMIT,
        "items": items,
    });
    templates::render(
        "diff.html.j2",
        minijinja::Value::from(minijinja::value::Serde(&ctx)),
    )
}
