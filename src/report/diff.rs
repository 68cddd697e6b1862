//! Renderers for a regional comparison: JSON (contract version 2) and human.

use crate::diff::ComparisonNote;
use crate::diff::{Comparison, Difference, Method, Variation};
use crate::i18n::ui;
use crate::i18n::{en_count, Lang};
use crate::text::DiffOp;
use std::fmt::Write;

#[derive(serde::Serialize)]
struct CoverageEntry<'a> {
    #[serde(flatten)]
    item: &'a crate::diff::ItemRef,
    regions: Vec<&'a str>,
}

#[derive(serde::Serialize)]
struct Summary<'a> {
    /// items at least two regions list
    items_compared: usize,
    /// of those, items with no difference
    identical: usize,
    /// items only one region lists (compared with nothing)
    unaligned: usize,
    differences: usize,
    /// differences without a majority
    no_majority: usize,
    variations: usize,
    by_element: std::collections::BTreeMap<&'a str, usize>,
}

#[derive(serde::Serialize)]
struct Note {
    #[serde(flatten)]
    note: crate::diff::ComparisonNote,
    message: String,
}

#[derive(serde::Serialize)]
struct Doc<'a> {
    version: u32,
    regions: Vec<&'a str>,
    baseline: String,
    handling: &'static str,
    summary: Summary<'a>,
    notes: Vec<Note>,
    region_summaries: &'a [crate::diff::RegionSummary],
    differences: &'a [Difference],
    variations: &'a [Variation],
    alignments: &'a [crate::diff::Alignment],
    coverage: Vec<CoverageEntry<'a>>,
}

/// The JSON contract, documented in README.md. Serialised straight from the
/// comparison (no intermediate JSON tree: a province's coverage list is large).
pub fn diff_json(c: &Comparison, lang: Lang) -> String {
    let names: Vec<&str> = c.regions.iter().map(|r| r.name.as_str()).collect();
    let coverage = c
        .coverage
        .iter()
        .map(|cov| CoverageEntry {
            item: &cov.item,
            regions: cov
                .regions
                .iter()
                .zip(&names)
                .filter(|(on, _)| **on)
                .map(|(_, r)| *r)
                .collect(),
        })
        .collect();
    let doc = Doc {
        version: 2,
        regions: names.clone(),
        baseline: c.baseline.describe(),
        handling: c.handling.as_str(),
        summary: Summary {
            items_compared: c.items_compared(),
            identical: c.identical(),
            unaligned: c.unaligned(),
            differences: c.differences.len(),
            no_majority: c.differences.iter().filter(|d| d.split()).count(),
            variations: c.variations.len(),
            by_element: c.by_element(),
        },
        notes: c
            .notes
            .iter()
            .map(|n| Note {
                note: n.clone(),
                message: comparison_note(n, lang),
            })
            .collect(),
        region_summaries: &c.regions,
        differences: &c.differences,
        variations: &c.variations,
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

/// The colon after a label: full width in Chinese, with no space after it.
fn colon(lang: Lang) -> &'static str {
    lang.pick("：", ": ")
}

/// The colon ending a heading.
fn heading_colon(lang: Lang) -> &'static str {
    lang.pick("：", ":")
}

/// An aside after a word: `（x）` in Chinese, ` (x)` in English.
fn aside(x: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{x}）"),
        Lang::En => format!(" ({x})"),
    }
}

/// `[县级] ` when the comparison is within one of several levels.
fn level_tag(level: &Option<String>) -> String {
    level
        .as_ref()
        .map(|l| format!("[{l}] "))
        .unwrap_or_default()
}

fn detail(out: &mut String, d: &Difference, lang: Lang) {
    let base = if d.split() {
        ui::NO_MAJORITY.get(lang).to_string()
    } else {
        format!(
            "{}{}{}",
            ui::BASELINE_2.get(lang),
            colon(lang),
            d.baseline.as_deref().unwrap_or(ui::BLANK.get(lang))
        )
    };
    let _ = writeln!(
        out,
        "  {}{} {}  {}{}  {base}",
        level_tag(&d.level),
        d.item.key,
        d.item.name,
        d.label,
        aside(&d.element, lang),
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
                match &ch.baseline {
                    Some(b) => {
                        parts.push(format!("{}·{} {b} → {}", ch.material, ch.label, ch.value))
                    }
                    None => parts.push(format!("{}·{} {}", ch.material, ch.label, ch.value)),
                }
            }
            let _ = writeln!(
                out,
                "      {}{}{}",
                r.region,
                colon(lang),
                parts.join(lang.pick("；", "; "))
            );
        } else if !r.diff.is_empty() {
            let _ = writeln!(out, "      {}{}{}", r.region, colon(lang), inline(&r.diff));
        } else {
            let _ = writeln!(
                out,
                "      {}{}{}",
                r.region,
                colon(lang),
                r.value.as_deref().unwrap_or(ui::BLANK.get(lang))
            );
        }
    }
}

fn variation(out: &mut String, v: &Variation, lang: Lang) {
    let values: Vec<String> = v
        .regions
        .iter()
        .map(|c| {
            let compression = c
                .compression
                .map(|x| {
                    let pct = format!("{} {:.0}%", ui::COMPRESSION.get(lang), x * 100.0);
                    aside(&pct, lang)
                })
                .unwrap_or_default();
            format!(
                "{} {}{compression}",
                c.region,
                c.value.as_deref().unwrap_or(ui::BLANK.get(lang))
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "  {}{} {}  {}{}{}",
        level_tag(&v.level),
        v.item.key,
        v.item.name,
        v.label,
        colon(lang),
        values.join(lang.pick("；", "; "))
    );
}

/// Lines of one kind of alignment listed before "and N more".
const ALIGNMENTS_SHOWN: usize = 20;

/// Where the differences are: by element (bars), the items and the
/// regions with the most.
fn overview(out: &mut String, c: &Comparison, lang: Lang) {
    let by = c.by_element();
    if !by.is_empty() {
        let _ = writeln!(out, "{}{}", ui::BY_ELEMENT.get(lang), heading_colon(lang));
        for (id, label) in &c.elements {
            if let Some(n) = by.get(id.as_str()) {
                let bar = "█".repeat((*n).min(40));
                let _ = writeln!(out, "  {} {n:>6}  {bar}", super::pad_end(label, 12));
            }
        }
        let mut items: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
        for d in &c.differences {
            *items
                .entry((d.item.key.as_str(), d.item.name.as_str()))
                .or_default() += 1;
        }
        let mut items: Vec<_> = items.into_iter().collect();
        items.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let _ = writeln!(
            out,
            "{}{}",
            ui::MOST_DIVERGENT_ITEMS.get(lang),
            heading_colon(lang)
        );
        for ((code, name), n) in items.iter().take(5) {
            let _ = writeln!(out, "  {code} {name}  {n}");
        }
        let mut regions: Vec<_> = c.regions.iter().collect();
        regions.sort_by(|a, b| b.deviations.cmp(&a.deviations).then(a.name.cmp(&b.name)));
        let _ = writeln!(
            out,
            "{}{}",
            ui::MOST_DEVIATING_REGIONS.get(lang),
            heading_colon(lang)
        );
        for r in regions.iter().take(5) {
            let split = if r.split > 0 {
                let n = format!("{} {}", r.split, ui::WITHOUT_MAJORITY.get(lang));
                format!("{}{}", lang.pick("", " "), aside(&n, lang))
            } else {
                String::new()
            };
            let _ = writeln!(out, "  {}  {}{split}", r.name, r.deviations);
        }
    }
}

pub fn diff_human(c: &Comparison, lang: Lang) -> String {
    let mut out = String::new();
    let baseline = format!(
        "{}{}{}",
        ui::BASELINE_2.get(lang),
        colon(lang),
        c.baseline.words(lang)
    );
    let _ = match lang {
        Lang::Zh => writeln!(
            out,
            "比较事项 {} 个（两地及以上都有），各地完全一致 {} 个，差异 {} 处，地方承诺不同 {} 处；仅一地有的事项 {} 个（{baseline}）",
            c.items_compared(),
            c.identical(),
            c.differences.len(),
            c.variations.len(),
            c.unaligned(),
        ),
        Lang::En => writeln!(
            out,
            "{} {} (listed by two regions or more), {} {}, {} {}, {} {}; {} {}  ({baseline})",
            c.items_compared(),
            ui::ITEMS_COMPARED_2.get(lang),
            c.identical(),
            ui::IDENTICAL_IN_EVERY_REGION.get(lang),
            c.differences.len(),
            ui::DIFFERENCES_2.get(lang),
            c.variations.len(),
            ui::LOCAL_COMMITMENTS_2.get(lang),
            c.unaligned(),
            ui::ONE_REGION_ONLY.get(lang),
        ),
    };
    for n in &c.notes {
        let _ = writeln!(
            out,
            "{}{}{}",
            ui::NOTES.get(lang),
            colon(lang),
            comparison_note(n, lang)
        );
    }
    overview(&mut out, c, lang);
    for (method, title) in [
        (Method::Similar, ui::ALIGNED_BY_NEAR_NAME),
        (Method::None, ui::NOT_ALIGNED),
    ] {
        let list: Vec<_> = c.alignments.iter().filter(|a| a.method == method).collect();
        for a in list.iter().take(ALIGNMENTS_SHOWN) {
            let at = format!(
                "{} {}{}",
                a.region,
                a.sheet
                    .as_deref()
                    .map(|s| format!("{s}!"))
                    .unwrap_or_default(),
                a.row
            );
            match &a.key {
                Some(key) => {
                    let _ = writeln!(
                        out,
                        "{}{}{at} “{}” → {key} “{}”{}",
                        title.get(lang),
                        colon(lang),
                        a.name,
                        a.matched_name.as_deref().unwrap_or(""),
                        aside(&format!("{:.3}", a.score), lang)
                    );
                }
                None => {
                    let _ = writeln!(out, "{}{}{at} “{}”", title.get(lang), colon(lang), a.name);
                }
            }
        }
        if list.len() > ALIGNMENTS_SHOWN {
            let _ = writeln!(
                out,
                "{}{}{} {}{}",
                title.get(lang),
                colon(lang),
                ui::AND_MORE.get(lang),
                list.len() - ALIGNMENTS_SHOWN,
                aside("--format json", lang)
            );
        }
    }
    if !c.differences.is_empty() {
        out.push('\n');
    }
    for d in &c.differences {
        detail(&mut out, d, lang);
    }
    if !c.variations.is_empty() {
        let _ = writeln!(
            out,
            "\n{}{}",
            ui::LOCAL_COMMITMENTS.get(lang),
            heading_colon(lang)
        );
        for v in &c.variations {
            variation(&mut out, v, lang);
        }
    }
    // list text cannot steer a terminal
    crate::text::printable(&out).into_owned()
}

/// What a reader of a regional comparison must know, in either language.
pub fn comparison_note(note: &ComparisonNote, lang: Lang) -> String {
    use ComparisonNote as N;
    match (note, lang) {
        (N::NoMajority { differences, regions }, Lang::Zh) if *regions == 2 => format!(
            "只有两个地区，无多数可言：{differences} 处差异列出双方取值，不认定哪一方偏离"
        ),
        (N::NoMajority { differences, regions }, Lang::En) if *regions == 2 => format!(
            "two regions have no majority: {} {} both values and {} neither",
            en_count(*differences, "difference", "differences"),
            if *differences == 1 { "shows" } else { "show" },
            if *differences == 1 { "blames" } else { "blame" }
        ),
        (N::NoMajority { differences, .. }, Lang::Zh) => {
            format!("{differences} 处差异没有过半数的取值，列出各地取值，不认定哪一方偏离")
        }
        (N::NoMajority { differences, .. }, Lang::En) => format!(
            "{} {} no value held by a majority: every region's value is shown, none is blamed",
            en_count(*differences, "difference", "differences"),
            if *differences == 1 { "has" } else { "have" }
        ),
        (N::Levels { levels, separated }, _) => {
            let list = levels
                .iter()
                .map(|(r, l)| format!("{r} {l}"))
                .collect::<Vec<_>>()
                .join(lang.pick("，", ", "));
            match (separated, lang) {
                (true, Lang::Zh) => format!("清单行使层级不同（{list}）：只比较同一层级行使的事项，不同层级可依法不同；--all-levels 比较全部"),
                (true, Lang::En) => format!("the lists are of different exercise levels ({list}): only items exercised at the same level are compared, as levels may legitimately differ; --all-levels compares everything"),
                (false, Lang::Zh) => format!("清单行使层级不同（{list}）：按 --all-levels 比较全部事项，不同层级可依法不同"),
                (false, Lang::En) => format!("the lists are of different exercise levels ({list}): all items compared (--all-levels), though levels may legitimately differ"),
            }
        }
        (N::Handling { mode, items, rolled_up }, Lang::Zh) => match *mode {
            "roll-up" => format!("{items} 个业务办理项归并到所属事项比较（{rolled_up} 个并入已有事项）"),
            _ => format!("{items} 个业务办理项与同一办理情形的业务办理项比较（--handling roll-up 归并到所属事项）"),
        },
        (N::Handling { mode, items, rolled_up }, Lang::En) => match *mode {
            "roll-up" => format!(
                "{} rolled up to their items ({rolled_up} folded into an item already listed)",
                en_count(*items, "handling item", "handling items")
            ),
            _ => format!(
                "{} compared with handling items of the same case (--handling roll-up folds them into their items)",
                en_count(*items, "handling item", "handling items")
            ),
        },
        (N::CodeConflicts { items }, Lang::Zh) => format!(
            "{items} 个事项名称相同、在各地基本编码不同（同一事项应同一编码），按名称对齐并列为“编码冲突”差异"
        ),
        (N::CodeConflicts { items }, Lang::En) => format!(
            "{} the same name under different basic codes in different regions (one item should have one code): aligned by name and listed as code-conflict differences",
            en_count(*items, "item has", "items have")
        ),
        (N::AlignsWithNothing { regions }, Lang::Zh) => format!(
            "{} 的事项与其他地区无一对齐，未参与比较（清单可能属于其他目录、层级或命名方式）",
            regions.join("、")
        ),
        (N::AlignsWithNothing { regions }, Lang::En) => format!(
            "no item of {} aligns with another region's, so none of them was compared (the list may follow another catalogue, level or naming)",
            regions.join(", ")
        ),
        (N::ByName { name, similar, local_code, unaligned, repeated }, Lang::Zh) => format!(
            "无基本编码的事项：{name} 个按名称对齐，{similar} 个按相近名称对齐，{local_code} 个按地方基本编码对齐，{unaligned} 个未对齐{}",
            if *repeated > 0 { format!("，{repeated} 个在同一清单中重复列出（只比较第一个）") } else { String::new() }
        ),
        (N::ByName { name, similar, local_code, unaligned, repeated }, Lang::En) => format!(
            "items without a basic code: {name} aligned by name, {similar} by a near name, {local_code} by local basic code, {unaligned} not aligned{}",
            if *repeated > 0 { format!(", {repeated} listed again in their own list (only the first is compared)") } else { String::new() }
        ),
    }
}
