//! The standardisation scorecard: per region, the indices a provincial
//! office reports (four of the national evaluation's five can be computed
//! from catalogues alone), plus time-limit compression and standardisation.
//!
//! Every index is a share in [0, 1] (compression too: 0.25 = promised limits
//! a quarter shorter than statutory on average), or none when it cannot be
//! computed (coverage without a basic catalogue, compression without limits).
//! Definitions are in README.md; this module must not change them silently.

use crate::catalogue::BasicCatalogue;
use crate::check::FileReport;
use crate::diff::{compression, Comparison, Region};
use std::collections::{BTreeMap, BTreeSet};

/// Online depth codes at 互联网受理 or beyond (4 受理, 5 办理, 6 结果反馈,
/// 7 电子证照反馈) and the provincial grades Ⅲ and Ⅳ (inferred: Ⅲ is taken
/// as online acceptance).
pub const ACCEPTED_ONLINE: [&str; 6] = ["4", "5", "6", "7", "III", "IV"];
/// The three channels of 办理形式: 窗口, 网上, 快递.
pub const CHANNELS: [&str; 3] = ["1", "2", "3"];

#[derive(Debug, Clone, serde::Serialize)]
pub struct RegionScore {
    pub region: String,
    pub items: usize,
    /// 服务事项覆盖度: share of the basic catalogue's items the region implements.
    pub coverage: Option<f64>,
    /// 办事指南准确度: share of items with no error finding.
    pub accuracy: Option<f64>,
    /// 在线办理成熟度 (a): share of items needing zero visits.
    pub zero_visit: Option<f64>,
    /// 在线办理成熟度 (b): share of items with online depth at 受理 or beyond.
    pub online_accept: Option<f64>,
    /// 服务方式完备度: mean share of the three channels (窗口、网上、快递) an item offers.
    pub channels: Option<f64>,
    /// Mean (statutory − promised) / statutory over items with both limits.
    pub compression: Option<f64>,
    /// Share of the region's aligned items with no difference counted
    /// against it in a uniform element (local commitments never count).
    pub standardisation: Option<f64>,
    /// Mean of the indices above that could be computed; the ranking key.
    pub overall: f64,
    pub rank: usize,
}

fn share(n: usize, d: usize) -> Option<f64> {
    (d > 0).then(|| n as f64 / d as f64)
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// Round to four decimals so JSON is stable and readable.
fn r4(v: Option<f64>) -> Option<f64> {
    v.map(|x| (x * 10_000.0).round() / 10_000.0)
}

/// The overall score (the mean of the indices a region has) and the rank
/// by it, ties broken by name.
fn rank(out: &mut [RegionScore]) {
    for s in out.iter_mut() {
        let parts: Vec<f64> = [
            s.coverage,
            s.accuracy,
            s.zero_visit,
            s.online_accept,
            s.channels,
            s.compression,
            s.standardisation,
        ]
        .into_iter()
        .flatten()
        .collect();
        s.overall = r4(mean(&parts)).unwrap_or(0.0);
    }
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by(|&a, &b| {
        out[b]
            .overall
            .total_cmp(&out[a].overall)
            .then(out[a].region.cmp(&out[b].region))
    });
    for (rank, i) in order.iter().enumerate() {
        out[*i].rank = rank + 1;
    }
}

/// Score regions. `checks[i]` is the check report of `regions[i]`.
pub fn score(
    std: &crate::standard::Standard,
    regions: &[Region],
    checks: &[Option<FileReport>],
    comparison: &Comparison,
    basic: Option<&BasicCatalogue>,
) -> Vec<RegionScore> {
    let depth_i = std.ids.online_depth;
    let channels_i = std.ids.channels;
    // basic codes where each region deviates
    let mut deviating: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for d in &comparison.differences {
        for r in &d.regions {
            deviating
                .entry(r.region.as_str())
                .or_default()
                .insert(d.item.key.as_str());
        }
    }
    let mut out: Vec<RegionScore> = regions
        .iter()
        .enumerate()
        .map(|(i, region)| {
            let items = &region.items;
            // the comparison's regions are in name order
            let at = comparison.region_index(&region.name);
            let covered: Vec<&crate::diff::Covered> = comparison
                .coverage
                .iter()
                .filter(|c| at.is_some_and(|i| c.regions.get(i).copied().unwrap_or(false)))
                .collect();
            let aligned: BTreeSet<&str> = covered.iter().map(|c| c.item.key.as_str()).collect();
            let basic_codes: BTreeSet<&str> = covered
                .iter()
                .filter_map(|c| c.item.basic_code.as_deref())
                .collect();
            let coverage = basic.and_then(|b| {
                let implemented = b
                    .entries
                    .keys()
                    .filter(|c| basic_codes.contains(c.as_str()))
                    .count();
                share(implemented, b.entries.len())
            });
            let accuracy = checks
                .get(i)
                .and_then(|c| c.as_ref())
                .and_then(|c| share(c.items - c.items_with_errors.min(c.items), c.items));
            let with_visits: Vec<&_> = items.iter().filter(|it| it.visits.is_some()).collect();
            let zero_visit = share(
                with_visits.iter().filter(|it| it.visits == Some(0)).count(),
                with_visits.len(),
            );
            let with_depth: Vec<&_> = items
                .iter()
                .filter(|it| depth_i.is_some_and(|d| it.has(d)))
                .collect();
            let online_accept = share(
                with_depth
                    .iter()
                    .filter(|it| region.codes(it.depth).any(|d| ACCEPTED_ONLINE.contains(&d)))
                    .count(),
                with_depth.len(),
            );
            let channel_shares: Vec<f64> = items
                .iter()
                .filter(|it| channels_i.is_some_and(|c| it.has(c)))
                .map(|it| {
                    region
                        .codes(it.channels)
                        .filter(|c| CHANNELS.contains(c))
                        .count() as f64
                        / CHANNELS.len() as f64
                })
                .collect();
            let compressions: Vec<f64> = items.iter().filter_map(compression).collect();
            let dev = deviating.get(region.name.as_str());
            let standardisation = share(
                aligned
                    .iter()
                    .filter(|c| dev.is_none_or(|d| !d.contains(*c)))
                    .count(),
                aligned.len(),
            );
            RegionScore {
                region: region.name.clone(),
                items: items.len(),
                coverage: r4(coverage),
                accuracy: r4(accuracy),
                zero_visit: r4(zero_visit),
                online_accept: r4(online_accept),
                channels: r4(mean(&channel_shares)),
                compression: r4(mean(&compressions)),
                standardisation: r4(standardisation),
                overall: 0.0,
                rank: 0,
            }
        })
        .collect();
    rank(&mut out);
    out.sort_by_key(|s| s.rank);
    out
}
