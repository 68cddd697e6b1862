//! Renderers for a regional comparison: JSON (contract version 1) and human.

use crate::diff::{Comparison, Difference};
use crate::i18n::ui;
use crate::i18n::Lang;
use crate::text::DiffOp;
use std::fmt::Write;

#[derive(serde::Serialize)]
struct CoverageEntry<'a> {
    basic_code: &'a str,
    name: &'a str,
    regions: Vec<&'a str>,
}

#[derive(serde::Serialize)]
struct Summary<'a> {
    items_compared: usize,
    identical: usize,
    differences: usize,
    by_element: std::collections::BTreeMap<&'a str, usize>,
}

#[derive(serde::Serialize)]
struct Doc<'a> {
    version: u32,
    regions: Vec<&'a str>,
    baseline: String,
    summary: Summary<'a>,
    region_summaries: &'a [crate::diff::RegionSummary],
    differences: &'a [Difference],
    alignments: &'a [crate::diff::Alignment],
    coverage: Vec<CoverageEntry<'a>>,
}

/// The JSON contract, documented in README.md. Serialised straight from the
/// comparison (no intermediate JSON tree: a province's coverage list is large).
pub fn diff_json(c: &Comparison) -> String {
    let names: Vec<&str> = c.regions.iter().map(|r| r.name.as_str()).collect();
    let coverage = c
        .coverage
        .iter()
        .map(|(code, (name, cov))| CoverageEntry {
            basic_code: code,
            name,
            regions: cov
                .iter()
                .zip(&names)
                .filter(|(on, _)| **on)
                .map(|(_, r)| *r)
                .collect(),
        })
        .collect();
    let doc = Doc {
        version: 1,
        regions: names.clone(),
        baseline: c.baseline.describe(),
        summary: Summary {
            items_compared: c.items_compared(),
            identical: c.identical(),
            differences: c.differences.len(),
            by_element: c.by_element(),
        },
        region_summaries: &c.regions,
        differences: &c.differences,
        alignments: &c.alignments,
        coverage,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

fn inline(runs: &[(DiffOp, String)]) -> String {
    let mut s = String::new();
    for (op, t) in runs {
        match op {
            DiffOp::Equal => {
                let chars: Vec<char> = t.chars().collect();
                if chars.len() > 16 {
                    s.extend(&chars[..6]);
                    s.push('…');
                    s.extend(&chars[chars.len() - 6..]);
                } else {
                    s.push_str(t);
                }
            }
            DiffOp::Delete => {
                let _ = write!(s, "[-{t}-]");
            }
            DiffOp::Insert => {
                let _ = write!(s, "{{+{t}+}}");
            }
        }
    }
    s
}

fn detail(out: &mut String, d: &Difference, lang: Lang) {
    let _ = writeln!(
        out,
        "  {} {}  {} ({})  {}: {}",
        d.basic_code,
        d.name,
        d.label,
        d.element,
        ui::BASELINE_2.get(lang),
        d.baseline.as_deref().unwrap_or(ui::BLANK.get(lang))
    );
    for r in &d.regions {
        if let (Some(m), Some(e)) = (&r.missing, &r.extra) {
            let mut parts = Vec::new();
            if !m.is_empty() {
                parts.push(format!("{} {}", ui::MISSING.get(lang), m.join("、")));
            }
            if !e.is_empty() {
                parts.push(format!("{} {}", ui::EXTRA.get(lang), e.join("、")));
            }
            for ch in r.changed.iter().flatten() {
                parts.push(format!(
                    "{}·{} {} → {}",
                    ch.material, ch.label, ch.baseline, ch.value
                ));
            }
            let _ = writeln!(out, "      {}: {}", r.region, parts.join("; "));
        } else if !r.diff.is_empty() {
            let _ = writeln!(out, "      {}: {}", r.region, inline(&r.diff));
        } else {
            let compression = r
                .compression
                .map(|c| format!("  ({} {:.0}%)", ui::COMPRESSION.get(lang), c * 100.0))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "      {}: {}{compression}",
                r.region,
                r.value.as_deref().unwrap_or(ui::BLANK.get(lang))
            );
        }
    }
}

pub fn diff_human(c: &Comparison, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}, {} {}, {} {}  ({}: {})",
        c.items_compared(),
        ui::ITEMS_COMPARED_2.get(lang),
        c.identical(),
        ui::IDENTICAL_IN_EVERY_REGION.get(lang),
        c.differences.len(),
        ui::DIFFERENCES_2.get(lang),
        ui::BASELINE_2.get(lang),
        c.baseline.describe()
    );
    let by = c.by_element();
    if !by.is_empty() {
        let _ = writeln!(out, "{}:", ui::BY_ELEMENT.get(lang));
        for (id, label) in &c.elements {
            if let Some(n) = by.get(id.as_str()) {
                let _ = writeln!(out, "  {label:<12} {n:>6}  {}", "█".repeat((*n).min(40)));
            }
        }
        let mut items: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
        for d in &c.differences {
            *items
                .entry((d.basic_code.as_str(), d.name.as_str()))
                .or_default() += 1;
        }
        let mut items: Vec<_> = items.into_iter().collect();
        items.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let _ = writeln!(out, "{}:", ui::MOST_DIVERGENT_ITEMS.get(lang));
        for ((code, name), n) in items.iter().take(5) {
            let _ = writeln!(out, "  {code} {name}  {n}");
        }
        let mut regions: Vec<_> = c.regions.iter().collect();
        regions.sort_by(|a, b| b.deviations.cmp(&a.deviations).then(a.name.cmp(&b.name)));
        let _ = writeln!(out, "{}:", ui::MOST_DEVIATING_REGIONS.get(lang));
        for r in regions.iter().take(5) {
            let _ = writeln!(out, "  {}  {}", r.name, r.deviations);
        }
    }
    for a in &c.alignments {
        match &a.basic_code {
            Some(code) => {
                let _ = writeln!(
                    out,
                    "{}: {} {}{} “{}” → {} “{}” ({:.3})",
                    ui::ALIGNED_BY_NAME_SIMILARITY.get(lang),
                    a.region,
                    a.sheet
                        .as_deref()
                        .map(|s| format!("{s}!"))
                        .unwrap_or_default(),
                    a.row,
                    a.name,
                    code,
                    a.matched_name.as_deref().unwrap_or(""),
                    a.score
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "{}: {} {} “{}”",
                    ui::NOT_ALIGNED.get(lang),
                    a.region,
                    a.row,
                    a.name
                );
            }
        }
    }
    if !c.differences.is_empty() {
        out.push('\n');
    }
    for d in &c.differences {
        detail(&mut out, d, lang);
    }
    out
}
