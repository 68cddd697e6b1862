//! Throughput of `check` on generated province-sized lists.
//!
//! `cargo bench --bench check -- [ROWS]` writes a CSV and an xlsx of ROWS
//! items (default 100,000) to a temporary directory, checks each, and prints
//! rows per second and peak memory. Results are recorded in
//! docs/performance.md; nothing here asserts a time.

mod support;
use support::{headers, peak_rss_mib, row, COLUMNS};

use santong::check::{check_file, BasicCatalogue, CheckOptions};
use santong::standard::Standard;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find(|a| a.parse::<usize>().is_ok())
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let std = Standard::national().unwrap();
    let basic = BasicCatalogue::sample(&std).unwrap();
    // the generated codes are not in the sample catalogue: its lookups still run
    let opts = CheckOptions {
        basic: Some(&basic),
        ..Default::default()
    };

    let csv_path = dir.path().join("province.csv");
    support::write_csv(&csv_path, n);

    let xlsx_path = dir.path().join("province.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet_with_constant_memory().unwrap();
    for (c, h) in headers(&COLUMNS).iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for i in 0..n {
        for (c, v) in row(i).iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(i as u32 + 1, c as u16, v).unwrap();
            }
        }
    }
    wb.save(&xlsx_path).unwrap();

    for p in [&csv_path, &xlsx_path] {
        let size = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0) as f64 / 1048576.0;
        let t = Instant::now();
        let r = check_file(p, &std, &opts).unwrap();
        let s = t.elapsed().as_secs_f64();
        println!(
            "{:<14} {:>8} rows {:>7.1} MiB  {:>6.2} s  {:>9.0} rows/s  {} findings  peak RSS so far {:.0} MiB",
            p.file_name().unwrap().to_string_lossy(),
            r.items,
            size,
            s,
            r.items as f64 / s,
            r.findings.len(),
            peak_rss_mib()
        );
    }
}
