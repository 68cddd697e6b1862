//! Throughput of `check` on generated province-sized lists.
//!
//! `cargo bench --bench check -- [ROWS]` writes a CSV and an xlsx of ROWS
//! items (default 100,000) to a temporary directory, checks each, and prints
//! rows per second and peak memory. Results are recorded in
//! docs/performance.md; nothing here asserts a time.

mod support;
use support::peak_rss_mib;

use santong::check::{check_file, BasicCatalogue, CheckOptions};
use santong::standard::Standard;
use std::time::Instant;

const HEADERS: [&str; 28] = [
    "事项名称",
    "基本编码",
    "实施编码",
    "事项类型",
    "设定依据",
    "权力来源",
    "行使层级",
    "实施主体",
    "实施主体性质",
    "实施主体编码",
    "法定办结时限",
    "承诺办结时限",
    "办件类型",
    "服务对象",
    "办理形式",
    "到办事现场次数",
    "必须现场办理原因说明",
    "网上办理深度",
    "是否收费",
    "收费标准",
    "收费依据",
    "受理条件",
    "办理流程",
    "办理地点",
    "办理时间",
    "咨询方式",
    "监督投诉方式",
    "材料名称",
];

fn row(i: usize) -> Vec<String> {
    // every item its own basic and implementation code
    let code = format!("0001{:05}{:03}", i % 100_000, i / 100_000);
    let code = code.as_str();
    let body = "11450721MB15580811";
    let mut v: Vec<String> = vec![
        "食品经营许可".into(),
        code.into(),
        format!("{body}4{code}"),
        "行政许可".into(),
        "《中华人民共和国食品安全法》第三十五条：国家对食品生产经营实行许可制度。".into(),
        "法定本级行使".into(),
        "县级".into(),
        "浦北县市场监督管理局".into(),
        "法定机关".into(),
        body.into(),
        "20".into(),
        "10个工作日".into(),
        "承诺件".into(),
        "企业法人、非法人企业".into(),
        "窗口办理、网上办理".into(),
        "0".into(),
        "".into(),
        "1,2,3,4,5".into(),
        "否".into(),
        "".into(),
        "".into(),
        "申请人具有与经营的食品品种、数量相适应的经营场所。".into(),
        "申请、受理、审查、决定、送达。".into(),
        "浦北县政务服务中心".into(),
        "工作日8:00-12:00".into(),
        "0777-8212345".into(),
        "0777-12345".into(),
        "食品经营许可申请书".into(),
    ];
    // one in fifty with a defect
    if i.is_multiple_of(50) {
        v[11] = "30".into();
    }
    v
}

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
    let mut w = csv::Writer::from_path(&csv_path).unwrap();
    w.write_record(HEADERS).unwrap();
    for i in 0..n {
        w.write_record(row(i)).unwrap();
    }
    w.flush().unwrap();
    drop(w);

    let xlsx_path = dir.path().join("province.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet_with_constant_memory().unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
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
