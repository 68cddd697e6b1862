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

use crate::catalogue::BasicCatalogue;
use crate::standard::{ElementType, Standard};
use crate::text::{diff_runs, DiffOp};
use region::{Val, MATERIAL_ATTRS};
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
    /// For time limits: the region's (statutory − promised) / statutory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compression: Option<f64>,
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

/// Pick the baseline among region values: the most common key; on a tie a
/// value beats a blank, then the earliest region wins. Returns the region
/// holding the chosen value and the value.
fn majority(values: &[(usize, Option<Val>)]) -> Option<(usize, Option<Val>)> {
    let mut counts: Vec<(Option<u64>, usize, usize, Option<Val>)> = Vec::new();
    for (r, v) in values {
        let key = v.map(|n| n.key);
        match counts.iter_mut().find(|c| c.0 == key) {
            Some(c) => c.1 += 1,
            None => counts.push((key, 1, *r, *v)),
        }
    }
    counts.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(a.0.is_none().cmp(&b.0.is_none()))
            .then(a.2.cmp(&b.2))
    });
    counts.first().map(|c| (c.2, c.3))
}

/// The basic catalogue's value of an element, normalised: (key, display).
fn basic_value(
    std: &Standard,
    basic: Option<&BasicCatalogue>,
    code: &str,
    element: &str,
) -> Option<(u64, String)> {
    let entry = basic?.get(code)?;
    let idx = std.element_index(element)?;
    let text = match element {
        "name" => Some(entry.name.clone()),
        "item_type" => entry.item_type.clone(),
        "legal_basis" => entry.legal_basis.clone(),
        _ => None,
    }?;
    region::normalise_key(std, idx, &text)
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
    let compared: Vec<usize> = std
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.uniform && e.id != "basic_code" && e.scope == crate::standard::Scope::Item
        })
        .map(|(i, _)| i)
        .collect();
    let elements: Vec<(String, String)> = compared
        .iter()
        .map(|&i| (std.elements[i].id.clone(), std.elements[i].label.clone()))
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
            .or_else(|| {
                present
                    .first()
                    .map(|(r, it)| regions[*r].item_name(it).to_string())
            })
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
        let mut push = |el_id: &str, label: &str, found: Option<Found>| {
            if let Some((base, source, compared, regions_dev)) = found {
                differences.push(Difference {
                    basic_code: code.clone(),
                    name: name.clone(),
                    element: el_id.to_string(),
                    label: label.to_string(),
                    baseline: base,
                    baseline_source: source,
                    compared,
                    regions: regions_dev,
                });
            }
        };
        for &el in &compared {
            let e = &std.elements[el];
            let b = basic
                .filter(|_| use_basic)
                .and_then(|_| basic_value(std, basic, code, &e.id));
            push(
                &e.id,
                &e.label,
                compare_element(std, regions, &present, el, b, baseline_region),
            );
        }
        push(
            MATERIALS,
            MATERIALS_LABEL,
            compare_materials(std, regions, &present, baseline_region),
        );
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
    el: usize,
    from_basic: Option<(u64, String)>,
    baseline_region: Option<usize>,
) -> Option<Found> {
    // Regions whose list has the element at all.
    let values: Vec<(usize, Option<Val>)> = present
        .iter()
        .filter(|(r, _)| regions[*r].columns.contains(&el))
        .map(|(r, it)| (*r, it.get(el)))
        .collect();
    if values.is_empty() {
        return None;
    }
    let shown = |r: usize, v: Option<Val>| v.map(|v| regions[r].text(v.display).to_string());
    let (base_key, base, source): (Option<u64>, Option<String>, String) =
        if let Some((k, d)) = from_basic {
            (Some(k), Some(d), "basic".into())
        } else if let Some((r, v)) =
            baseline_region.and_then(|br| values.iter().find(|(r, _)| *r == br))
        {
            (v.map(|v| v.key), shown(*r, *v), regions[*r].name.clone())
        } else {
            if values.len() < 2 {
                return None;
            }
            let (r, v) = majority(&values)?;
            (v.map(|v| v.key), shown(r, v), "majority".into())
        };
    let text = std.elements[el].kind == ElementType::Text;
    let limit = std.elements[el].kind == ElementType::Duration;
    let devs: Vec<Deviation> = values
        .iter()
        .filter(|(_, v)| v.map(|n| n.key) != base_key)
        .map(|(r, v)| {
            let value = shown(*r, *v);
            let item = present.iter().find(|(pr, _)| pr == r).map(|(_, it)| *it);
            Deviation {
                compression: item
                    .filter(|_| limit)
                    .and_then(compression)
                    .map(|c| (c * 10_000.0).round() / 10_000.0),
                region: regions[*r].name.clone(),
                diff: match (text, &base, &value) {
                    (true, Some(b), Some(v)) => diff_runs(b, v),
                    _ => Vec::new(),
                },
                value,
                missing: None,
                extra: None,
                changed: None,
            }
        })
        .collect();
    let compared = values
        .iter()
        .map(|(r, _)| regions[*r].name.clone())
        .collect();
    (!devs.is_empty()).then_some((base, source, compared, devs))
}

/// The materials more than half the regions list (half, with the first
/// region among them, breaks a tie).
fn majority_keys(with: &[(usize, &RegionItem)]) -> Vec<u64> {
    let n = with.len();
    let first = with[0].1;
    let mut all: Vec<(u64, usize)> = Vec::new();
    for (_, it) in with {
        for m in &it.materials {
            match all.iter_mut().find(|(k, _)| *k == m.key) {
                Some(e) => e.1 += 1,
                None => all.push((m.key, 1)),
            }
        }
    }
    all.into_iter()
        .filter(|(k, c)| c * 2 > n || (c * 2 == n && first.material(*k).is_some()))
        .map(|(k, _)| k)
        .collect()
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
    let named = baseline_region
        .and_then(|br| with.iter().find(|(r, _)| *r == br))
        .copied();
    // baseline set: a named region's, or the materials most regions list
    let (base_keys, source): (Vec<u64>, String) = match named {
        Some((r, it)) => (
            it.materials.iter().map(|m| m.key).collect(),
            regions[r].name.clone(),
        ),
        None if with.len() < 2 => return None,
        None => (majority_keys(&with), "majority".into()),
    };
    let display = |k: u64| -> String {
        with.iter()
            .find_map(|(r, it)| it.material(k).map(|m| regions[*r].text(m.name).to_string()))
            .unwrap_or_default()
    };
    // baseline attribute: the named region's, or the majority among regions listing the material
    let base_attr = |k: u64, a: usize| -> Option<(u64, String)> {
        if let Some((r, it)) = named {
            return it
                .material(k)
                .and_then(|m| m.attrs[a])
                .map(|v| (v.key, regions[r].text(v.display).to_string()));
        }
        let vals: Vec<(usize, Option<Val>)> = with
            .iter()
            .filter_map(|(r, it)| {
                it.material(k)
                    .and_then(|m| m.attrs[a])
                    .map(|v| (*r, Some(v)))
            })
            .collect();
        majority(&vals)
            .and_then(|(r, v)| v.map(|v| (v.key, regions[r].text(v.display).to_string())))
    };
    let mut devs = Vec::new();
    for (r, it) in &with {
        let region = &regions[*r];
        let missing: Vec<String> = base_keys
            .iter()
            .filter(|k| it.material(**k).is_none())
            .map(|k| display(*k))
            .collect();
        let extra: Vec<String> = it
            .materials
            .iter()
            .filter(|m| !base_keys.contains(&m.key))
            .map(|m| region.text(m.name).to_string())
            .collect();
        let mut changed = Vec::new();
        for m in it.materials.iter().filter(|m| base_keys.contains(&m.key)) {
            for (a, attr) in MATERIAL_ATTRS.iter().enumerate() {
                if let (Some((bk, bd)), Some(v)) = (base_attr(m.key, a), m.attrs[a]) {
                    if bk != v.key {
                        changed.push(MaterialChange {
                            material: region.text(m.name).to_string(),
                            attribute: attr.to_string(),
                            label: std
                                .element(attr)
                                .map(|e| e.label.clone())
                                .unwrap_or_default(),
                            baseline: bd,
                            value: region.text(v.display).to_string(),
                        });
                    }
                }
            }
        }
        if missing.is_empty() && extra.is_empty() && changed.is_empty() {
            continue;
        }
        let mut names: Vec<String> = it
            .materials
            .iter()
            .map(|m| region.text(m.name).to_string())
            .collect();
        names.sort();
        devs.push(Deviation {
            region: region.name.clone(),
            value: Some(names.join("、")),
            diff: Vec::new(),
            compression: None,
            missing: Some(missing),
            extra: Some(extra),
            changed: Some(changed),
        });
    }
    let mut base_display: Vec<String> = base_keys.iter().map(|k| display(*k)).collect();
    base_display.sort();
    let compared = with.iter().map(|(r, _)| regions[*r].name.clone()).collect();
    (!devs.is_empty()).then(|| (Some(base_display.join("、")), source, compared, devs))
}

/// Load regional lists, several at a time (one thread per core): reading
/// dominates a comparison's time, and the lists are independent.
pub fn load_regions(
    files: &[std::path::PathBuf],
    names: &[String],
    std: &Standard,
    opts: &crate::catalogue::ReadOptions,
) -> Result<Vec<Region>, crate::catalogue::ReadError> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .max(1);
    let mut out: Vec<Option<Result<Region, crate::catalogue::ReadError>>> =
        (0..files.len()).map(|_| None).collect();
    for (chunk_no, chunk) in files.chunks(threads).enumerate() {
        let results: Vec<Result<Region, crate::catalogue::ReadError>> =
            std::thread::scope(|scope| {
                let handles: Vec<_> = chunk
                    .iter()
                    .enumerate()
                    .map(|(k, f)| {
                        let name = names.get(chunk_no * threads + k).map(String::as_str);
                        scope.spawn(move || Region::load(f, std, opts, name))
                    })
                    .collect();
                handles
                    .into_iter()
                    .zip(chunk)
                    .map(|(h, f)| {
                        h.join().unwrap_or_else(|_| {
                            Err(crate::catalogue::ReadError::new(
                                f,
                                "internal error while reading",
                            ))
                        })
                    })
                    .collect()
            });
        for (k, r) in results.into_iter().enumerate() {
            out[chunk_no * threads + k] = Some(r);
        }
    }
    out.into_iter().flatten().collect()
}

/// (statutory − promised) / statutory for an item with both limits.
pub fn compression(item: &RegionItem) -> Option<f64> {
    let (s, p) = item.limits?;
    (s > 0).then(|| f64::from(s - p) / f64::from(s))
}
