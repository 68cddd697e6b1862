//! Throughput and memory of `diff` on two generated regional lists.
//!
//! `cargo bench --bench diff -- [ITEMS] [DIR]` writes two CSV lists of ITEMS
//! items each (default 100,000) — the second with a difference in one item in
//! fifty — into DIR (default: a temporary directory, removed afterwards),
//! compares them, and prints the time and peak memory. docs/performance.md
//! records the results and the comparison with daff on the same files.

mod support;
use support::peak_rss_mib;

use santong::diff::{compare, Baseline, Region};
use santong::standard::Standard;
use std::time::Instant;

/// The elements of the generated regional lists.
const COLUMNS: [&str; 20] = [
    "name",
    "basic_code",
    "impl_code",
    "item_type",
    "legal_basis",
    "level",
    "body_name",
    "body_code",
    "statutory_days",
    "promised_days",
    "case_kind",
    "audience",
    "channels",
    "visits",
    "online_depth",
    "fee",
    "conditions",
    "process",
    "address",
    "consult_phone",
];

fn row(i: usize, region: usize) -> Vec<String> {
    let code = format!("0001{:05}{:03}", i % 100_000, i / 100_000);
    let body = ["11450721MB15580811", "114507210081153718"][region];
    let changed = region == 1 && i.is_multiple_of(50);
    vec![
        format!("事项{i}"),
        code.clone(),
        format!("{body}4{code}"),
        "行政许可".into(),
        format!(
            "《中华人民共和国行政许可法》第{}条：依法办理事项{i}。",
            i % 80 + 1
        ),
        "县级".into(),
        ["浦北县行政审批局", "灵山县行政审批局"][region].into(),
        body.into(),
        "20".into(),
        if changed { "15".into() } else { "10".into() },
        "承诺件".into(),
        "自然人、企业法人".into(),
        "窗口办理、网上办理".into(),
        "0".into(),
        "1,2,3,4,5".into(),
        "否".into(),
        if changed && i.is_multiple_of(100) {
            format!("申请人符合事项{i}的条件；具有相应场所。")
        } else {
            format!("申请人符合事项{i}的条件。")
        },
        "申请、受理、审查、决定、送达。".into(),
        ["浦北县政务服务中心", "灵山县政务服务中心"][region].into(),
        ["0777-8212345", "0777-6512345"][region].into(),
    ]
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let tmp = tempfile::tempdir().unwrap();
    let dir = args
        .get(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<_> = (0..2).map(|r| dir.join(format!("region{r}.csv"))).collect();
    for (r, p) in paths.iter().enumerate() {
        let mut w = csv::Writer::from_path(p).unwrap();
        w.write_record(support::headers(&COLUMNS)).unwrap();
        for i in 0..n {
            w.write_record(row(i, r)).unwrap();
        }
        w.flush().unwrap();
    }
    let std = Standard::national().unwrap();
    let t = Instant::now();
    let regions: Vec<Region> = paths
        .iter()
        .map(|p| Region::load(p, &std, &Default::default(), None).unwrap())
        .collect();
    let loaded = t.elapsed().as_secs_f64();
    let c = compare(
        &std,
        &regions,
        None,
        &Baseline::Region(regions[0].name.clone()),
    );
    let total = t.elapsed().as_secs_f64();
    println!(
        "2 × {n} items: read {loaded:.2} s, total {total:.2} s, {} differences, peak RSS {:.0} MiB",
        c.differences.len(),
        peak_rss_mib()
    );
}
