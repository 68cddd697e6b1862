//! Regional comparison: align the same items across regions, compare their
//! elements against a baseline, and report who deviates how.
//!
//! Values are compared normalised (see [`region::normalise`]): spelling,
//! width, label-versus-code and order are never differences. Which elements
//! are compared is data: the standard's `uniform: true` elements must agree
//! (a departure is a [`Difference`]); its `varies: true` elements are local
//! commitments, shown as [`Variation`] with the compression each region
//! achieves. A baseline needs a majority: with two regions, or a tie, a
//! difference is reported with every region's value and no region blamed.
//! Regions are taken in name order, so the result never depends on the
//! order of the files. This module knows the comparison, not how it is
//! rendered.

mod align;
pub use crate::text::names;
mod model;
pub mod region;
pub use model::*;

pub use align::{Basis, Handling, ItemKey, Method, MIN_SIMILARITY};
pub use region::{region_name, Region, RegionBuilder, RegionItem};

use crate::catalogue::BasicCatalogue;
use crate::standard::{ElementType, Standard};
use crate::text::{diff_runs, DiffOp};
use region::{Val, MATERIAL_ATTRS};
use std::collections::{BTreeMap, BTreeSet};

/// The value more than half the regions hold (a blank counts as a value).
/// None when no value has a majority.
fn majority(values: &[(usize, Option<Val>)]) -> Option<(usize, Option<Val>)> {
    let mut counts: Vec<(Option<u64>, usize, usize, Option<Val>)> = Vec::new();
    for (r, v) in values {
        let key = v.map(|n| n.key);
        match counts.iter_mut().find(|c| c.0 == key) {
            Some(c) => c.1 += 1,
            None => counts.push((key, 1, *r, *v)),
        }
    }
    counts
        .into_iter()
        .find(|c| c.1 * 2 > values.len())
        .map(|c| (c.2, c.3))
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

/// The label of a `level` code.
fn level_label(std: &Standard, level: u8) -> String {
    let code = level.to_string();
    std.vocabulary("level")
        .and_then(|v| v.label_of(&code))
        .map(str::to_string)
        .unwrap_or(code)
}

/// The level most of a region's items are exercised at (ties: the higher level).
fn region_level(region: &Region) -> Option<u8> {
    let mut counts: BTreeMap<u8, usize> = BTreeMap::new();
    for it in &region.items {
        if let Some(l) = it.level {
            *counts.entry(l).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(l, _)| l)
}

/// Compare regions.
pub fn compare(
    std: &Standard,
    regions: &[Region],
    basic: Option<&BasicCatalogue>,
    opts: &CompareOptions,
) -> Comparison {
    // name order: the result must not depend on the order of the files
    let mut sorted: Vec<&Region> = regions.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name).then(a.path.cmp(&b.path)));
    let regions = sorted;
    let aligned = align::align(std, &regions, basic, opts.handling, opts.min_similarity);
    let baseline_region = match &opts.baseline {
        Baseline::Region(name) => regions.iter().position(|r| &r.name == name),
        _ => None,
    };
    let use_basic = opts.baseline == Baseline::Basic;
    let uniform: Vec<usize> = (0..std.elements.len())
        .filter(|&i| std.elements[i].compared() && std.elements[i].uniform)
        .collect();
    let varying: Vec<usize> = (0..std.elements.len())
        .filter(|&i| std.elements[i].compared() && std.elements[i].varies)
        .collect();
    let pair = |i: &usize| (std.elements[*i].id.clone(), std.elements[*i].label.clone());
    let code_label = std
        .ids
        .basic_code
        .map_or_else(|| "基本编码".to_string(), |i| std.elements[i].label.clone());
    let elements: Vec<(String, String)> = std::iter::once((CODE_CONFLICT.to_string(), code_label))
        .chain(uniform.iter().map(pair))
        .chain(std::iter::once((
            MATERIALS.to_string(),
            MATERIALS_LABEL.to_string(),
        )))
        .collect();
    let commitments: Vec<(String, String)> = varying.iter().map(pair).collect();

    let levels: Vec<Option<u8>> = regions.iter().map(|r| region_level(r)).collect();
    let distinct: BTreeSet<u8> = levels.iter().flatten().copied().collect();
    let separate_levels = distinct.len() > 1 && !opts.all_levels;

    let cx = Cx {
        std,
        regions: &regions,
        basic: basic.filter(|_| use_basic),
        baseline_region,
        uniform: &uniform,
        varying: &varying,
        levels: &levels,
        separate_levels,
    };
    let mut coverage = Vec::new();
    let mut differences = Vec::new();
    let mut variations = Vec::new();
    for g in &aligned.groups {
        let (cov, diffs, vars) = cx.group(g);
        coverage.push(cov);
        differences.extend(diffs);
        variations.extend(vars);
    }
    let summaries: Vec<RegionSummary> = regions
        .iter()
        .enumerate()
        .map(|(i, r)| RegionSummary {
            name: r.name.clone(),
            path: r.path.clone(),
            items: r.items.len(),
            level: levels[i].map(|l| level_label(std, l)),
            deviations: differences
                .iter()
                .filter(|d| d.against().any(|x| x == r.name))
                .count(),
            split: differences
                .iter()
                .filter(|d| d.split() && d.against().any(|x| x == r.name))
                .count(),
            handling_items: aligned.handling_items[i],
        })
        .collect();
    let mut notes = notes(
        &differences,
        &summaries,
        &aligned,
        opts,
        distinct.len() > 1,
        separate_levels,
    );
    let conflicts = differences
        .iter()
        .filter(|d| d.element == CODE_CONFLICT)
        .count();
    if conflicts > 0 {
        notes.insert(0, ComparisonNote::CodeConflicts { items: conflicts });
    }
    let lonely: Vec<String> = regions
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            !r.items.is_empty() && !coverage.iter().any(|c| c.regions[*i] && c.aligned())
        })
        .map(|(_, r)| r.name.clone())
        .collect();
    if !lonely.is_empty() && regions.len() > 1 {
        notes.insert(0, ComparisonNote::AlignsWithNothing { regions: lonely });
    }
    Comparison {
        regions: summaries,
        baseline: opts.baseline.clone(),
        handling: opts.handling,
        coverage,
        differences,
        variations,
        alignments: aligned.alignments,
        notes,
        elements,
        commitments,
    }
}

/// What comparing one aligned item needs.
struct Cx<'a> {
    std: &'a Standard,
    regions: &'a [&'a Region],
    /// the basic catalogue, when it is the baseline
    basic: Option<&'a BasicCatalogue>,
    baseline_region: Option<usize>,
    uniform: &'a [usize],
    varying: &'a [usize],
    levels: &'a [Option<u8>],
    separate_levels: bool,
}

impl Cx<'_> {
    /// An aligned item's coverage, differences and variations.
    fn group(&self, g: &align::Group) -> (Covered, Vec<Difference>, Vec<Variation>) {
        let (std, regions) = (self.std, self.regions);
        let item = ItemRef {
            key: g.key.id(),
            basic_code: g.key.basic_code().map(str::to_string),
            handling: g.key.handling.clone(),
            name: g.name.clone(),
        };
        let present: Vec<(usize, &RegionItem)> = g
            .members
            .iter()
            .enumerate()
            .filter_map(|(r, i)| i.map(|i| (r, &regions[r].items[i])))
            .collect();
        let covered = Covered {
            item: item.clone(),
            regions: g.members.iter().map(Option::is_some).collect(),
        };
        let mut differences: Vec<Difference> = self.code_conflict(g, &item).into_iter().collect();
        let mut variations = Vec::new();
        for (level, present) in self.by_level(&present) {
            let level = level.map(|l| level_label(std, l));
            for &el in self.uniform {
                let e = &std.elements[el];
                let b = item
                    .basic_code
                    .as_deref()
                    .and_then(|code| basic_value(std, self.basic, code, &e.id));
                if let Some(found) =
                    compare_element(std, regions, &present, el, b, self.baseline_region)
                {
                    differences.push(found.into_difference(&item, &e.id, &e.label, &level));
                }
            }
            if let Some(found) = compare_materials(std, regions, &present, self.baseline_region) {
                differences.push(found.into_difference(&item, MATERIALS, MATERIALS_LABEL, &level));
            }
            for &el in self.varying {
                if let Some(v) = vary(std, regions, &present, el) {
                    let e = &std.elements[el];
                    variations.push(Variation {
                        item: item.clone(),
                        element: e.id.clone(),
                        label: e.label.clone(),
                        level: level.clone(),
                        regions: v,
                    });
                }
            }
        }
        (covered, differences, variations)
    }

    /// The difference of an item regions list under different codes: the
    /// code of the basic catalogue (when it is the baseline) or of more
    /// than half the regions, else every region's code.
    fn code_conflict(&self, g: &align::Group, item: &ItemRef) -> Option<Difference> {
        let listed: Vec<(usize, &str)> = g
            .codes
            .iter()
            .enumerate()
            .filter_map(|(r, c)| Some((r, c.as_deref()?)))
            .collect();
        if listed.is_empty() {
            return None;
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, c) in &listed {
            *counts.entry(c).or_default() += 1;
        }
        let from_basic = self
            .basic
            .and_then(|b| listed.iter().find(|(_, c)| b.get(c).is_some()))
            .map(|(_, c)| (*c, "basic".to_string()));
        let from_region = self.baseline_region.and_then(|br| {
            let (_, c) = listed.iter().find(|(r, _)| *r == br)?;
            Some((*c, self.regions[br].name.clone()))
        });
        let from_majority = counts
            .iter()
            .find(|(_, n)| **n * 2 > listed.len())
            .map(|(c, _)| (*c, "majority".to_string()));
        let baseline = from_basic.or(from_region).or(from_majority);
        let regions = listed
            .iter()
            .filter(|(_, c)| baseline.as_ref().is_none_or(|(b, _)| b != c))
            .map(|(r, c)| Deviation {
                region: self.regions[*r].name.clone(),
                value: Some(c.to_string()),
                diff: Vec::new(),
                compression: None,
                missing: None,
                extra: None,
                changed: None,
            })
            .collect();
        let label = self.std.ids.basic_code.map_or_else(
            || "基本编码".to_string(),
            |i| self.std.elements[i].label.clone(),
        );
        Some(Difference {
            item: item.clone(),
            element: CODE_CONFLICT.into(),
            label,
            baseline: baseline.as_ref().map(|(c, _)| c.to_string()),
            baseline_source: baseline.map_or_else(|| NO_MAJORITY.to_string(), |(_, s)| s),
            level: None,
            compared: listed
                .iter()
                .map(|(r, _)| self.regions[*r].name.clone())
                .collect(),
            regions,
        })
    }

    /// The item's regions in one part per exercise level, when lists of
    /// several levels are compared apart and every region's level is known;
    /// else one part.
    #[allow(clippy::type_complexity)]
    fn by_level<'i>(
        &self,
        present: &[(usize, &'i RegionItem)],
    ) -> BTreeMap<Option<u8>, Vec<(usize, &'i RegionItem)>> {
        let level = |r: usize, it: &RegionItem| it.level.or(self.levels[r]);
        let known: Option<BTreeSet<u8>> = present.iter().map(|(r, it)| level(*r, it)).collect();
        let split = self.separate_levels && known.is_some_and(|k| k.len() > 1);
        let mut parts: BTreeMap<Option<u8>, Vec<(usize, &RegionItem)>> = BTreeMap::new();
        for (r, it) in present {
            let key = if split { level(*r, it) } else { None };
            parts.entry(key).or_default().push((*r, *it));
        }
        parts
    }
}

/// What a reader must know to read the comparison fairly.
fn notes(
    differences: &[Difference],
    summaries: &[RegionSummary],
    aligned: &align::Aligned,
    opts: &CompareOptions,
    several_levels: bool,
    separate_levels: bool,
) -> Vec<ComparisonNote> {
    let mut notes = Vec::new();
    let split = differences.iter().filter(|d| d.split()).count();
    if split > 0 {
        notes.push(ComparisonNote::NoMajority {
            differences: split,
            regions: summaries.len(),
        });
    }
    if several_levels {
        notes.push(ComparisonNote::Levels {
            levels: summaries
                .iter()
                .filter_map(|s| s.level.clone().map(|l| (s.name.clone(), l)))
                .collect(),
            separated: separate_levels,
        });
    }
    let handling_items: usize = aligned.handling_items.iter().sum();
    if handling_items > 0 {
        notes.push(ComparisonNote::Handling {
            mode: opts.handling.as_str(),
            items: handling_items,
            rolled_up: aligned.rolled_up,
        });
    }
    let count = |m: Method| aligned.alignments.iter().filter(|a| a.method == m).count();
    if !aligned.alignments.is_empty() {
        notes.push(ComparisonNote::ByName {
            name: count(Method::Name),
            similar: count(Method::Similar),
            local_code: count(Method::LocalCode),
            unaligned: count(Method::None),
            repeated: count(Method::Repeated),
        });
    }
    notes
}

/// What a comparison of one element found.
struct Found {
    baseline: Option<String>,
    source: String,
    compared: Vec<String>,
    regions: Vec<Deviation>,
}

impl Found {
    fn into_difference(
        self,
        item: &ItemRef,
        element: &str,
        label: &str,
        level: &Option<String>,
    ) -> Difference {
        Difference {
            item: item.clone(),
            element: element.to_string(),
            label: label.to_string(),
            baseline: self.baseline,
            baseline_source: self.source,
            level: level.clone(),
            compared: self.compared,
            regions: self.regions,
        }
    }
}

fn round4(c: f64) -> f64 {
    (c * 10_000.0).round() / 10_000.0
}

fn compare_element(
    std: &Standard,
    regions: &[&Region],
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
    if values.len() < 2 && from_basic.is_none() && baseline_region.is_none() {
        return None;
    }
    if values.is_empty() {
        return None;
    }
    let shown = |r: usize, v: Option<Val>| v.map(|v| regions[r].text(v.display).to_string());
    // (key, display, source); none: no majority
    let base: Option<(Option<u64>, Option<String>, String)> = if let Some((k, d)) = from_basic {
        Some((Some(k), Some(d), "basic".into()))
    } else if let Some((r, v)) =
        baseline_region.and_then(|br| values.iter().find(|(r, _)| *r == br))
    {
        Some((v.map(|v| v.key), shown(*r, *v), regions[*r].name.clone()))
    } else {
        if values.len() < 2 {
            return None;
        }
        majority(&values).map(|(r, v)| (v.map(|v| v.key), shown(r, v), "majority".to_string()))
    };
    if base.is_none() {
        // no majority: a difference only if the values are not all equal
        let first = values[0].1.map(|v| v.key);
        if values.iter().all(|(_, v)| v.map(|v| v.key) == first) {
            return None;
        }
    }
    let text = std.elements[el].kind == ElementType::Text;
    let base_key = base.as_ref().map(|b| b.0);
    let base_text = base.as_ref().and_then(|b| b.1.clone());
    let devs: Vec<Deviation> = values
        .iter()
        .filter(|(_, v)| base_key.is_none_or(|k| v.map(|n| n.key) != k))
        .map(|(r, v)| {
            let value = shown(*r, *v);
            Deviation {
                compression: None,
                region: regions[*r].name.clone(),
                diff: match (text, &base_text, &value) {
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
    let (baseline, source) = match base {
        Some((_, d, s)) => (d, s),
        None => (None, NO_MAJORITY.to_string()),
    };
    (!devs.is_empty()).then_some(Found {
        baseline,
        source,
        compared,
        regions: devs,
    })
}

/// The values regions commit to for a local commitment, when they differ.
fn vary(
    std: &Standard,
    regions: &[&Region],
    present: &[(usize, &RegionItem)],
    el: usize,
) -> Option<Vec<Commitment>> {
    let values: Vec<(usize, &RegionItem, Option<Val>)> = present
        .iter()
        .filter(|(r, _)| regions[*r].columns.contains(&el))
        .map(|(r, it)| (*r, *it, it.get(el)))
        .collect();
    let first = values.first()?.2.map(|v| v.key);
    if values.len() < 2 || values.iter().all(|(_, _, v)| v.map(|v| v.key) == first) {
        return None;
    }
    let limit = std.elements[el].kind == ElementType::Duration;
    Some(
        values
            .iter()
            .map(|(r, it, v)| Commitment {
                region: regions[*r].name.clone(),
                value: v.map(|v| regions[*r].text(v.display).to_string()),
                compression: compression(it).filter(|_| limit).map(round4),
            })
            .collect(),
    )
}

/// The materials more than half the regions list; and whether some
/// material is listed by exactly half (no majority either way).
fn majority_keys(with: &[(usize, &RegionItem)]) -> (Vec<u64>, bool) {
    let n = with.len();
    // counts in first-seen order, found through a map (linear in materials)
    let mut at: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    let mut all: Vec<(u64, usize)> = Vec::new();
    for (_, it) in with {
        for m in &it.materials {
            match at.get(&m.key) {
                Some(&i) => all[i].1 += 1,
                None => {
                    at.insert(m.key, all.len());
                    all.push((m.key, 1));
                }
            }
        }
    }
    let tie = all.iter().any(|(_, c)| c * 2 == n);
    let keys = all
        .into_iter()
        .filter(|(_, c)| c * 2 > n)
        .map(|(k, _)| k)
        .collect();
    (keys, tie)
}

/// A material attribute's baseline: the named region's, or the majority
/// among regions listing the material. None: nothing to compare against;
/// `Some(None)`: the regions split evenly.
fn material_baseline(
    regions: &[&Region],
    with: &[(usize, &RegionItem)],
    named: Option<(usize, &RegionItem)>,
    k: u64,
    a: usize,
) -> Option<Option<(u64, String)>> {
    if let Some((r, it)) = named {
        return it
            .material(k)
            .and_then(|m| m.attrs[a])
            .map(|v| Some((v.key, regions[r].text(v.display).to_string())));
    }
    let vals: Vec<(usize, Option<Val>)> = with
        .iter()
        .filter_map(|(r, it)| {
            it.material(k)
                .and_then(|m| m.attrs[a])
                .map(|v| (*r, Some(v)))
        })
        .collect();
    if vals.len() < 2 {
        return None;
    }
    match majority(&vals) {
        Some((r, v)) => v.map(|v| Some((v.key, regions[r].text(v.display).to_string()))),
        None => Some(None),
    }
}

fn compare_materials(
    std: &Standard,
    regions: &[&Region],
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
        None => {
            let (keys, tie) = majority_keys(&with);
            let source = if tie { NO_MAJORITY } else { "majority" };
            (keys, source.to_string())
        }
    };
    let in_base: std::collections::HashSet<u64> = base_keys.iter().copied().collect();
    let display = |k: u64| -> String {
        with.iter()
            .find_map(|(r, it)| it.material(k).map(|m| regions[*r].text(m.name).to_string()))
            .unwrap_or_default()
    };
    let base_attr = |k: u64, a: usize| material_baseline(regions, &with, named, k, a);
    let mut devs = Vec::new();
    for (r, it) in &with {
        let region = regions[*r];
        let missing: Vec<String> = base_keys
            .iter()
            .filter(|k| it.material(**k).is_none())
            .map(|k| display(*k))
            .collect();
        let extra: Vec<String> = it
            .materials
            .iter()
            .filter(|m| !in_base.contains(&m.key))
            .map(|m| region.text(m.name).to_string())
            .collect();
        let mut changed = Vec::new();
        for m in it.materials.iter().filter(|m| in_base.contains(&m.key)) {
            for (a, attr) in MATERIAL_ATTRS.iter().enumerate() {
                let (Some(base), Some(v)) = (base_attr(m.key, a), m.attrs[a]) else {
                    continue;
                };
                if base.as_ref().is_some_and(|(bk, _)| *bk == v.key) {
                    continue;
                }
                changed.push(MaterialChange {
                    material: region.text(m.name).to_string(),
                    attribute: attr.to_string(),
                    label: std
                        .element(attr)
                        .map(|e| e.label.clone())
                        .unwrap_or_default(),
                    baseline: base.map(|(_, d)| d),
                    value: region.text(v.display).to_string(),
                });
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
    if devs.is_empty() {
        return None;
    }
    // a material-attribute split without a set split is still no majority
    let source = if source == "majority"
        && devs
            .iter()
            .flat_map(|d| d.changed.iter().flatten())
            .any(|c| c.baseline.is_none())
    {
        NO_MAJORITY.to_string()
    } else {
        source
    };
    let mut base_display: Vec<String> = base_keys.iter().map(|k| display(*k)).collect();
    base_display.sort();
    let compared = with.iter().map(|(r, _)| regions[*r].name.clone()).collect();
    Some(Found {
        baseline: Some(base_display.join("、")),
        source,
        compared,
        regions: devs,
    })
}

/// Load regional lists, several at a time (one thread per core): reading
/// dominates a comparison's time, and the lists are independent.
pub fn load_regions(
    files: &[std::path::PathBuf],
    names: &[String],
    std: &Standard,
    opts: &crate::catalogue::ReadOptions,
) -> Result<Vec<Region>, crate::catalogue::ReadError> {
    load_regions_counted(files, names, std, opts, &|| {})
}

/// [`load_regions`], calling `read_one` as each list has been read (for a
/// progress bar), from the reading threads.
pub fn load_regions_counted(
    files: &[std::path::PathBuf],
    names: &[String],
    std: &Standard,
    opts: &crate::catalogue::ReadOptions,
    read_one: &(dyn Fn() + Sync),
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
                        scope.spawn(move || {
                            let region = Region::load(f, std, opts, name);
                            read_one();
                            region
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .zip(chunk)
                    .map(|(h, f)| {
                        h.join().unwrap_or_else(|_| {
                            Err(crate::catalogue::ReadError::new(
                                f,
                                crate::tr!("读取时出现内部错误", "internal error while reading"),
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
