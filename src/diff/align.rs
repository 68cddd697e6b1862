//! Aligning items across regions: by basic code, or — where a region's
//! basic code is missing or malformed — by name similarity, always reported
//! with its score.

use super::{Alignment, Region};
use crate::catalogue::BasicCatalogue;
use crate::standard::Standard;
use crate::text::comparable;
use std::collections::{BTreeMap, HashMap};

/// Names at least this similar (normalised Levenshtein over characters) align.
pub const MIN_SIMILARITY: f64 = 0.8;
/// Fuzzy matching is quadratic; beyond this many comparisons only exact
/// (normalised) names align.
const MAX_FUZZY_PAIRS: usize = 20_000_000;

pub type Index = BTreeMap<String, Vec<Option<usize>>>;

pub fn align(
    _std: &Standard,
    regions: &[Region],
    basic: Option<&BasicCatalogue>,
) -> (Index, Vec<Alignment>) {
    let n = regions.len();
    let mut index: Index = BTreeMap::new();
    // Names known for each code: the basic catalogue's first, then the regions'.
    let mut names: Vec<(String, String, String)> = Vec::new(); // (comparable name, code, display)
    let mut by_name: HashMap<String, String> = HashMap::new();
    if let Some(b) = basic {
        let mut entries: Vec<_> = b.entries.values().collect();
        entries.sort_by(|a, b| a.code.cmp(&b.code));
        for e in entries {
            let k = comparable(&e.name);
            by_name.entry(k.clone()).or_insert_with(|| e.code.clone());
            names.push((k, e.code.clone(), e.name.clone()));
        }
    }
    for (r, region) in regions.iter().enumerate() {
        for (i, it) in region.items.iter().enumerate() {
            if let Some(code) = it.basic_code() {
                let slot = index.entry(code).or_insert_with(|| vec![None; n]);
                if slot[r].is_none() {
                    slot[r] = Some(i);
                }
            }
        }
    }
    // Region names are only needed when some item must be aligned by name.
    let unaligned: usize = regions
        .iter()
        .map(|r| r.items.iter().filter(|i| i.code.is_none()).count())
        .sum();
    if unaligned > 0 {
        for region in regions {
            for it in &region.items {
                if let Some(code) = it.basic_code() {
                    let name = region.item_name(it);
                    let k = comparable(name);
                    if !k.is_empty() && !by_name.contains_key(&k) {
                        by_name.insert(k.clone(), code.clone());
                        names.push((k, code, name.to_string()));
                    }
                }
            }
        }
    }

    let fuzzy = unaligned.saturating_mul(names.len()) <= MAX_FUZZY_PAIRS;
    let mut alignments = Vec::new();
    for (r, region) in regions.iter().enumerate() {
        for (i, it) in region.items.iter().enumerate() {
            if it.code.is_some() {
                continue;
            }
            let k = comparable(region.item_name(it));
            let found: Option<(String, String, f64)> = match by_name.get(&k) {
                Some(code) => names
                    .iter()
                    .find(|(_, c, _)| c == code)
                    .map(|(_, c, d)| (c.clone(), d.clone(), 1.0)),
                None if fuzzy && !k.is_empty() => names
                    .iter()
                    .map(|(nk, c, d)| (c, d, strsim::normalized_levenshtein(&k, nk)))
                    .filter(|(_, _, s)| *s >= MIN_SIMILARITY)
                    .max_by(|a, b| a.2.total_cmp(&b.2).then(b.0.cmp(a.0)))
                    .map(|(c, d, s)| (c.clone(), d.clone(), s)),
                None => None,
            };
            let mut al = Alignment {
                region: region.name.clone(),
                sheet: region.sheet(it).map(str::to_string),
                row: it.row,
                name: region.item_name(it).to_string(),
                written_code: it.raw_code.as_deref().map(str::to_string),
                basic_code: None,
                matched_name: None,
                score: 0.0,
            };
            if let Some((code, display, score)) = found {
                let slot = index.entry(code.clone()).or_insert_with(|| vec![None; n]);
                if slot[r].is_none() {
                    slot[r] = Some(i);
                }
                al.basic_code = Some(code);
                al.matched_name = Some(display);
                al.score = (score * 1000.0).round() / 1000.0;
            }
            alignments.push(al);
        }
    }
    (index, alignments)
}
