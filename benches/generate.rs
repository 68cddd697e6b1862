//! Generation at province scale.
//!
//! `cargo bench --bench generate -- [ITEMS]` writes a CSV of ITEMS items
//! (default 20,000), then times the guide site (one page per item plus the
//! index), the Word guides of the first 1,000 items, and `check --annotate`
//! of the whole list. Results are recorded in docs/performance.md; nothing
//! here asserts a time.

mod support;
use support::peak_rss_mib;

use santong::catalogue::{Catalogue, ReadOptions};
use santong::generate::site::{write_guides, GuideFormat};
use santong::output::OutDir;
use santong::report::templates::Templates;
use santong::standard::Standard;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20_000);
    let dir = tempfile::tempdir().unwrap();
    let std = Standard::national().unwrap();
    let csv_path = dir.path().join("province.csv");
    support::write_csv(&csv_path, n);

    let t = Instant::now();
    let cat = Catalogue::load(&csv_path, &std, &ReadOptions::default()).unwrap();
    let cats = std::slice::from_ref(&cat);
    let selected = santong::generate::guide::select(&std, cats, &[]).unwrap();
    let sources = ["province.csv".to_string()];
    let templates = Templates::load(None).unwrap();
    let out = OutDir::create(&dir.path().join("site")).unwrap();
    let files = write_guides(
        &std,
        &selected,
        GuideFormat::Html,
        &out,
        &templates,
        &sources,
        &Default::default(),
        &|| {},
    )
    .unwrap();
    let s = t.elapsed().as_secs_f64();
    println!(
        "guide html   {n:>8} items  {:>6.2} s  {:>7.0} items/s  {} files  peak RSS so far {:.0} MiB",
        s,
        n as f64 / s,
        files.len(),
        peak_rss_mib()
    );

    let k = n.min(1000);
    let t = Instant::now();
    let out = OutDir::create(&dir.path().join("docx")).unwrap();
    let files = write_guides(
        &std,
        &selected[..k],
        GuideFormat::Docx,
        &out,
        &templates,
        &sources,
        &Default::default(),
        &|| {},
    )
    .unwrap();
    let s = t.elapsed().as_secs_f64();
    println!(
        "guide docx   {k:>8} items  {:>6.2} s  {:>7.0} items/s  {} files  peak RSS so far {:.0} MiB",
        s,
        k as f64 / s,
        files.len(),
        peak_rss_mib()
    );

    let t = Instant::now();
    let opts = santong::check::CheckOptions::default();
    let report = santong::check::check_file(&csv_path, &std, &opts).unwrap();
    let grids = santong::catalogue::grid::read_grids(&csv_path, &ReadOptions::default()).unwrap();
    let bytes = santong::report::annotated_workbook(&grids, &report, &std, santong::i18n::Lang::Zh)
        .unwrap();
    let s = t.elapsed().as_secs_f64();
    println!(
        "annotate     {n:>8} rows   {:>6.2} s  {:>7.0} rows/s   {} findings, {:.1} MiB xlsx  peak RSS so far {:.0} MiB",
        s,
        n as f64 / s,
        report.findings.len(),
        bytes.len() as f64 / 1048576.0,
        peak_rss_mib()
    );
}
