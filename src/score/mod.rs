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

/// One index: a share with the counts it is made of. Over an empty set
/// (nothing to measure) its value is none, shown as "—", never 100 %.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Index {
    pub value: Option<f64>,
    /// What the share counts (items, channels offered; for compression,
    /// the items measured).
    pub numerator: usize,
    /// What it is counted out of (for compression, the region's items).
    pub denominator: usize,
}

impl Index {
    /// `n` of `d`, as a share.
    fn share(n: usize, d: usize) -> Index {
        Index {
            value: r4(share(n, d)),
            numerator: n,
            denominator: d,
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct RegionScore {
    pub region: String,
    pub items: usize,
    /// 服务事项覆盖度: the basic catalogue's items the region implements,
    /// of the catalogue's items (none without a catalogue).
    pub coverage: Index,
    /// 办事指南准确度: items with no error finding, of all items; a
    /// required column the list lacks is an error on every item.
    pub accuracy: Index,
    /// 在线办理成熟度 (a): items needing zero visits, of items stating visits.
    pub zero_visit: Index,
    /// 在线办理成熟度 (b): items online at 受理 or beyond, of items stating depth.
    pub online_accept: Index,
    /// 服务方式完备度: channels offered (窗口、网上、快递), of three per
    /// item stating channels.
    pub channels: Index,
    /// Mean (statutory − promised) / statutory over the items with both
    /// limits (numerator), of the region's items (denominator).
    pub compression: Index,
    /// Items compared with another region (listed by two or more) that no
    /// difference in a uniform element counts against, of those items
    /// (local commitments never count).
    pub standardisation: Index,
    /// Mean of the indices above that have a value; the ranking key. None
    /// when none has.
    pub overall: Option<f64>,
    pub rank: usize,
}

impl RegionScore {
    /// The indices in report order, by JSON key.
    pub fn indices(&self) -> [(&'static str, &Index); 7] {
        [
            ("coverage", &self.coverage),
            ("accuracy", &self.accuracy),
            ("zero_visit", &self.zero_visit),
            ("online_accept", &self.online_accept),
            ("channels", &self.channels),
            ("compression", &self.compression),
            ("standardisation", &self.standardisation),
        ]
    }
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
/// by it (regions without one last), ties broken by name.
fn rank(out: &mut [RegionScore]) {
    for s in out.iter_mut() {
        let parts: Vec<f64> = s.indices().iter().filter_map(|(_, i)| i.value).collect();
        s.overall = r4(mean(&parts));
    }
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |s: &RegionScore| s.overall.unwrap_or(-1.0);
        key(&out[b])
            .total_cmp(&key(&out[a]))
            .then(out[a].region.cmp(&out[b].region))
    });
    for (rank, i) in order.iter().enumerate() {
        out[*i].rank = rank + 1;
    }
}

/// Whether a check report found a required column missing: every item
/// then lacks the element, as if each left its cell blank.
fn lacks_required_column(c: &FileReport) -> bool {
    c.findings
        .iter()
        .any(|f| f.rule == "missing-column" && f.severity == crate::standard::Severity::Error)
}

/// The maturity indices of a region's items: zero visits, online at
/// acceptance or beyond, channels offered.
fn maturity(std: &crate::standard::Standard, region: &Region) -> (Index, Index, Index) {
    let items = &region.items;
    let depth_i = std.ids.online_depth;
    let channels_i = std.ids.channels;
    let with_visits = items.iter().filter(|it| it.visits.is_some()).count();
    let zero_visit = Index::share(
        items.iter().filter(|it| it.visits == Some(0)).count(),
        with_visits,
    );
    let with_depth: Vec<&_> = items
        .iter()
        .filter(|it| depth_i.is_some_and(|d| it.has(d)))
        .collect();
    let online_accept = Index::share(
        with_depth
            .iter()
            .filter(|it| region.codes(it.depth).any(|d| ACCEPTED_ONLINE.contains(&d)))
            .count(),
        with_depth.len(),
    );
    let with_channels: Vec<&_> = items
        .iter()
        .filter(|it| channels_i.is_some_and(|c| it.has(c)))
        .collect();
    let offered: usize = with_channels
        .iter()
        .map(|it| {
            region
                .codes(it.channels)
                .filter(|c| CHANNELS.contains(c))
                .count()
        })
        .sum();
    let channels = Index::share(offered, CHANNELS.len() * with_channels.len());
    (zero_visit, online_accept, channels)
}

/// Score regions. `checks[i]` is the check report of `regions[i]`.
/// Every list read once: checked, and built into the region compared
/// (named as `names` say, in the files' order), as many at once as `opts`
/// has threads; results in the order given.
pub fn check_regions(
    files: &[std::path::PathBuf],
    names: &[String],
    std: &crate::standard::Standard,
    opts: &crate::check::CheckOptions<'_>,
) -> Vec<Result<(FileReport, Region), crate::catalogue::ReadError>> {
    crate::check::for_each_file(files, opts, |i, path, per_file| {
        let name = names.get(i).map(String::as_str);
        let mut region = crate::diff::RegionBuilder::new(std);
        let report =
            crate::check::check_file_with(path, std, per_file, &mut |ev| region.on_event(ev))?;
        Ok((report, region.finish(path, name)))
    })
}

pub fn score(
    std: &crate::standard::Standard,
    regions: &[Region],
    checks: &[Option<FileReport>],
    comparison: &Comparison,
    basic: Option<&BasicCatalogue>,
) -> Vec<RegionScore> {
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
            // only what another region also lists was compared
            let aligned: BTreeSet<&str> = covered
                .iter()
                .filter(|c| c.aligned())
                .map(|c| c.item.key.as_str())
                .collect();
            let basic_codes: BTreeSet<&str> = covered
                .iter()
                .filter_map(|c| c.item.basic_code.as_deref())
                .collect();
            let coverage = basic.map_or_else(Index::default, |b| {
                let implemented = b
                    .entries
                    .keys()
                    .filter(|c| basic_codes.contains(c.as_str()))
                    .count();
                Index::share(implemented, b.entries.len())
            });
            let accuracy =
                checks
                    .get(i)
                    .and_then(|c| c.as_ref())
                    .map_or_else(Index::default, |c| {
                        let right = if lacks_required_column(c) {
                            0
                        } else {
                            c.items - c.items_with_errors.min(c.items)
                        };
                        Index::share(right, c.items)
                    });
            let (zero_visit, online_accept, channels) = maturity(std, region);
            let compressions: Vec<f64> = items.iter().filter_map(compression).collect();
            let compression = Index {
                value: r4(mean(&compressions)),
                numerator: compressions.len(),
                denominator: items.len(),
            };
            let dev = deviating.get(region.name.as_str());
            let standardisation = Index::share(
                aligned
                    .iter()
                    .filter(|c| dev.is_none_or(|d| !d.contains(*c)))
                    .count(),
                aligned.len(),
            );
            RegionScore {
                region: region.name.clone(),
                items: items.len(),
                coverage,
                accuracy,
                zero_visit,
                online_accept,
                channels,
                compression,
                standardisation,
                overall: None,
                rank: 0,
            }
        })
        .collect();
    rank(&mut out);
    out.sort_by_key(|s| s.rank);
    out
}
