//! Regional comparison: align the same basic items across regions, compare
//! their uniform elements against a baseline, and report who deviates how.
//!
//! Values are compared normalised (see [`region::normalise`]): spelling,
//! width, label-versus-code and order are never differences. Which elements
//! are compared is data: the standard's `uniform: true`. This module knows
//! the comparison, not how it is rendered.

mod align;
pub mod region;

pub use region::{Region, RegionItem};

use crate::check::BasicCatalogue;
use crate::standard::{ElementType, Standard};
use crate::text::{diff_runs, DiffOp};
use region::{normalise, Norm, MATERIAL_ATTRS};
use std::collections::{BTreeMap, BTreeSet};

/// The element id under which the materials set is reported.
pub const MATERIALS: &str = "materials";
pub const MATERIALS_LABEL: &str = "申请材料";

/// What regions are compared against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Baseline {
    /// The basic catalogue where it defines the element, else the majority.
    Basic,
    /// The value most regions use.
    Majority,
    /// A named region (majority where it lacks the item).
    Region(String),
}

impl Baseline {
    pub fn describe(&self) -> String {
        match self {
            Baseline::Basic => "basic".into(),
            Baseline::Majority => "majority".into(),
            Baseline::Region(r) => r.clone(),
        }
    }
}

/// A material whose attributes differ from the baseline's.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MaterialChange {
    pub material: String,
    pub attribute: String,
    pub label: String,
    pub baseline: String,
    pub value: String,
}

/// One region's departure from the baseline.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Deviation {
    pub region: String,
    /// The region's value (display form); none when blank.
    pub value: Option<String>,
    /// Character runs from baseline to value, for free text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub diff: Vec<(DiffOp, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<Vec<MaterialChange>>,
}

/// One differing (basic code, element).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Difference {
    pub basic_code: String,
    pub name: String,
    pub element: String,
    pub label: String,
    pub baseline: Option<String>,
    /// `basic`, `majority` or a region name.
    pub baseline_source: String,
    /// Regions whose lists carry the element for this item (the others
    /// implement the item without the element, or not at all).
    pub compared: Vec<String>,
    pub regions: Vec<Deviation>,
}

/// An item aligned by name because its basic code was missing or malformed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Alignment {
    pub region: String,
    pub sheet: Option<String>,
    pub row: u32,
    pub name: String,
    /// The code cell as written, if any.
    pub written_code: Option<String>,
    /// The basic code the item was aligned to; none if nothing was close enough.
    pub basic_code: Option<String>,
    pub matched_name: Option<String>,
    pub score: f64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct RegionSummary {
    pub name: String,
    pub path: String,
    pub items: usize,
    /// Differences in which the region deviates.
    pub deviations: usize,
}

/// The result of comparing regions.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub regions: Vec<RegionSummary>,
    pub baseline: Baseline,
    /// basic code -> (name, implemented by region i)
    pub coverage: BTreeMap<String, (String, Vec<bool>)>,
    pub differences: Vec<Difference>,
    pub alignments: Vec<Alignment>,
    /// Compared elements, in the standard's order (ids), materials last.
    pub elements: Vec<(String, String)>,
}

impl Comparison {
    pub fn items_compared(&self) -> usize {
        self.coverage.len()
    }
    /// Items with no difference at all.
    pub fn identical(&self) -> usize {
        let differing: BTreeSet<&str> = self
            .differences
            .iter()
            .map(|d| d.basic_code.as_str())
            .collect();
        self.coverage
            .keys()
            .filter(|c| !differing.contains(c.as_str()))
            .count()
    }
    /// Differences per element id.
    pub fn by_element(&self) -> BTreeMap<&str, usize> {
        let mut m = BTreeMap::new();
        for d in &self.differences {
            *m.entry(d.element.as_str()).or_default() += 1;
        }
        m
    }
}

/// Pick the baseline among region values: the most common key; ties go to
/// the value of the earliest region.
fn majority<'a>(values: &[(usize, Option<&'a Norm>)]) -> Option<Option<&'a Norm>> {
    let mut counts: Vec<(Option<&str>, usize, usize, Option<&Norm>)> = Vec::new();
    for (r, v) in values {
        let key = v.map(|n| n.key.as_str());
        match counts.iter_mut().find(|c| c.0 == key) {
            Some(c) => c.1 += 1,
            None => counts.push((key, 1, *r, *v)),
        }
    }
    // most regions first; on a tie a value beats a blank, then the earliest region wins
    counts.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(a.0.is_none().cmp(&b.0.is_none()))
            .then(a.2.cmp(&b.2))
    });
    counts.first().map(|c| c.3)
}

fn basic_value(
    std: &Standard,
    basic: Option<&BasicCatalogue>,
    code: &str,
    element: &str,
) -> Option<Norm> {
    let entry = basic?.get(code)?;
    let idx = std.element_index(element)?;
    let text = match element {
        "name" => Some(entry.name.clone()),
        "item_type" => entry.item_type.clone(),
        "legal_basis" => entry.legal_basis.clone(),
        _ => None,
    }?;
    normalise(std, idx, &text, false)
}

/// Compare regions.
pub fn compare(
    std: &Standard,
    regions: &[Region],
    basic: Option<&BasicCatalogue>,
    baseline: &Baseline,
) -> Comparison {
    let (index, alignments) = align::align(std, regions, basic);
    let baseline_region = match baseline {
        Baseline::Region(name) => regions.iter().position(|r| &r.name == name),
        _ => None,
    };
    let use_basic = *baseline == Baseline::Basic;
    let elements: Vec<(String, String)> = std
        .elements
        .iter()
        .filter(|e| e.uniform && e.id != "basic_code" && e.scope == crate::standard::Scope::Item)
        .map(|e| (e.id.clone(), e.label.clone()))
        .chain(std::iter::once((
            MATERIALS.to_string(),
            MATERIALS_LABEL.to_string(),
        )))
        .collect();

    let mut coverage = BTreeMap::new();
    let mut differences = Vec::new();
    for (code, per_region) in &index {
        let present: Vec<(usize, &RegionItem)> = per_region
            .iter()
            .enumerate()
            .filter_map(|(r, i)| i.map(|i| (r, &regions[r].items[i])))
            .collect();
        let name = basic
            .and_then(|b| b.get(code))
            .map(|e| e.name.clone())
            .or_else(|| present.first().map(|(_, it)| it.name.clone()))
            .unwrap_or_default();
        coverage.insert(
            code.clone(),
            (
                name.clone(),
                per_region
                    .iter()
                    .map(Option::is_some)
                    .collect::<Vec<bool>>(),
            ),
        );
        for (el_id, label) in &elements {
            let diff = if el_id == MATERIALS {
                compare_materials(std, regions, &present, baseline_region)
            } else {
                compare_element(
                    std,
                    regions,
                    &present,
                    code,
                    el_id,
                    basic.filter(|_| use_basic),
                    baseline_region,
                )
            };
            if let Some((base, source, compared, regions_dev)) = diff {
                differences.push(Difference {
                    basic_code: code.clone(),
                    name: name.clone(),
                    element: el_id.clone(),
                    label: label.clone(),
                    baseline: base,
                    baseline_source: source,
                    compared,
                    regions: regions_dev,
                });
            }
        }
    }
    let summaries = regions
        .iter()
        .map(|r| RegionSummary {
            name: r.name.clone(),
            path: r.path.clone(),
            items: r.items.len(),
            deviations: differences
                .iter()
                .filter(|d| d.regions.iter().any(|x| x.region == r.name))
                .count(),
        })
        .collect();
    Comparison {
        regions: summaries,
        baseline: baseline.clone(),
        coverage,
        differences,
        alignments,
        elements,
    }
}

/// (baseline display, baseline source, regions compared, deviations)
type Found = (Option<String>, String, Vec<String>, Vec<Deviation>);

fn compare_element(
    std: &Standard,
    regions: &[Region],
    present: &[(usize, &RegionItem)],
    code: &str,
    el_id: &str,
    basic: Option<&BasicCatalogue>,
    baseline_region: Option<usize>,
) -> Option<Found> {
    // Regions whose list has the element at all.
    let values: Vec<(usize, Option<&Norm>)> = present
        .iter()
        .filter(|(r, _)| regions[*r].columns.iter().any(|c| c == el_id))
        .map(|(r, it)| (*r, it.values.get(el_id)))
        .collect();
    if values.is_empty() {
        return None;
    }
    let from_basic = basic_value(std, basic, code, el_id);
    let (base, source): (Option<Norm>, String) = if let Some(b) = from_basic {
        (Some(b), "basic".into())
    } else if let Some((r, v)) =
        baseline_region.and_then(|br| values.iter().find(|(r, _)| *r == br))
    {
        (v.cloned(), regions[*r].name.clone())
    } else {
        if values.len() < 2 {
            return None;
        }
        (majority(&values)?.cloned(), "majority".into())
    };
    let base_key = base.as_ref().map(|n| n.key.as_str());
    let text = std
        .element(el_id)
        .is_some_and(|e| e.kind == ElementType::Text);
    let devs: Vec<Deviation> = values
        .iter()
        .filter(|(_, v)| v.map(|n| n.key.as_str()) != base_key)
        .map(|(r, v)| Deviation {
            region: regions[*r].name.clone(),
            value: v.map(|n| n.display.clone()),
            diff: match (text, &base, v) {
                (true, Some(b), Some(v)) => diff_runs(&b.display, &v.display),
                _ => Vec::new(),
            },
            missing: None,
            extra: None,
            changed: None,
        })
        .collect();
    let compared = values
        .iter()
        .map(|(r, _)| regions[*r].name.clone())
        .collect();
    (!devs.is_empty()).then(|| (base.map(|b| b.display), source, compared, devs))
}

fn compare_materials(
    std: &Standard,
    regions: &[Region],
    present: &[(usize, &RegionItem)],
    baseline_region: Option<usize>,
) -> Option<Found> {
    let with: Vec<(usize, &RegionItem)> = present
        .iter()
        .copied()
        .filter(|(r, _)| regions[*r].has_materials)
        .collect();
    if with.is_empty() {
        return None;
    }
    // baseline set: a named region's, or the materials most regions list
    let (base_keys, source): (Vec<String>, String) =
        match baseline_region.and_then(|br| with.iter().find(|(r, _)| *r == br)) {
            Some((r, it)) => (
                it.materials.keys().cloned().collect(),
                regions[*r].name.clone(),
            ),
            None => {
                if with.len() < 2 {
                    return None;
                }
                let n = with.len();
                let first = with[0].1;
                let mut all: BTreeMap<&String, usize> = BTreeMap::new();
                for (_, it) in &with {
                    for k in it.materials.keys() {
                        *all.entry(k).or_default() += 1;
                    }
                }
                let keys = all
                    .into_iter()
                    .filter(|(k, c)| c * 2 > n || (c * 2 == n && first.materials.contains_key(*k)))
                    .map(|(k, _)| k.clone())
                    .collect();
                (keys, "majority".into())
            }
        };
    let display = |k: &String| -> String {
        with.iter()
            .find_map(|(_, it)| it.materials.get(k).map(|m| m.name.clone()))
            .unwrap_or_else(|| k.clone())
    };
    // baseline attributes: the named region's, or the majority among regions listing the material
    let base_attr = |k: &String, a: &str| -> Option<Norm> {
        if let Some((_, it)) = baseline_region.and_then(|br| with.iter().find(|(r, _)| *r == br)) {
            return it.materials.get(k).and_then(|m| m.attrs.get(a)).cloned();
        }
        let vals: Vec<(usize, Option<&Norm>)> = with
            .iter()
            .filter_map(|(r, it)| it.materials.get(k).map(|m| (*r, m.attrs.get(a))))
            .filter(|(_, v)| v.is_some())
            .collect();
        majority(&vals).flatten().cloned()
    };
    let mut devs = Vec::new();
    for (r, it) in &with {
        let missing: Vec<String> = base_keys
            .iter()
            .filter(|k| !it.materials.contains_key(*k))
            .map(display)
            .collect();
        let extra: Vec<String> = it
            .materials
            .iter()
            .filter(|(k, _)| !base_keys.contains(k))
            .map(|(_, m)| m.name.clone())
            .collect();
        let mut changed = Vec::new();
        for k in base_keys.iter().filter(|k| it.materials.contains_key(*k)) {
            let m = &it.materials[k];
            for a in MATERIAL_ATTRS {
                if let (Some(b), Some(v)) = (base_attr(k, a), m.attrs.get(a)) {
                    if b.key != v.key {
                        changed.push(MaterialChange {
                            material: m.name.clone(),
                            attribute: a.to_string(),
                            label: std.element(a).map(|e| e.label.clone()).unwrap_or_default(),
                            baseline: b.display.clone(),
                            value: v.display.clone(),
                        });
                    }
                }
            }
        }
        if missing.is_empty() && extra.is_empty() && changed.is_empty() {
            continue;
        }
        let names: Vec<String> = it.materials.values().map(|m| m.name.clone()).collect();
        devs.push(Deviation {
            region: regions[*r].name.clone(),
            value: Some(names.join("、")),
            diff: Vec::new(),
            missing: Some(missing),
            extra: Some(extra),
            changed: Some(changed),
        });
    }
    let base_display: Vec<String> = base_keys.iter().map(display).collect();
    let compared = with.iter().map(|(r, _)| regions[*r].name.clone()).collect();
    (!devs.is_empty()).then(|| (Some(base_display.join("、")), source, compared, devs))
}

/// Region index -> item index, per basic code (used by the scorecard).
pub fn index_by_code(
    std: &Standard,
    regions: &[Region],
    basic: Option<&BasicCatalogue>,
) -> BTreeMap<String, Vec<Option<usize>>> {
    align::align(std, regions, basic).0
}

/// Mean compression of promised against statutory limits, per region item.
pub fn compression(item: &RegionItem) -> Option<f64> {
    let (s, p) = item.limits?;
    (s > 0).then(|| (s - p) as f64 / s as f64)
}
