#![allow(dead_code)]
//! Helpers shared by the benchmarks.

/// Peak resident memory of this process so far, in MiB (Linux).
pub fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.to_string())
        })
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|k| k.parse::<f64>().ok())
        })
        .map(|kib| kib / 1024.0)
        .unwrap_or(0.0)
}

/// The elements of the generated province lists; their headers are the
/// standard's labels.
pub const COLUMNS: [&str; 28] = [
    "name",
    "basic_code",
    "impl_code",
    "item_type",
    "legal_basis",
    "power_source",
    "level",
    "body_name",
    "body_kind",
    "body_code",
    "statutory_days",
    "promised_days",
    "case_kind",
    "audience",
    "channels",
    "visits",
    "visit_reason",
    "online_depth",
    "fee",
    "fee_rate",
    "fee_basis",
    "conditions",
    "process",
    "address",
    "hours",
    "consult_phone",
    "complaint_phone",
    "material_name",
];

/// The national labels of some elements, as a header row.
pub fn headers(ids: &[&str]) -> Vec<String> {
    let std = santong::standard::Standard::national().unwrap();
    ids.iter()
        .map(|id| std.element(id).expect("national element").label.clone())
        .collect()
}

/// Row `i` of a generated list: every item its own codes, one in fifty
/// with a defect.
pub fn row(i: usize) -> Vec<String> {
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

/// Write a CSV of `n` generated items.
pub fn write_csv(path: &std::path::Path, n: usize) {
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(headers(&COLUMNS)).unwrap();
    for i in 0..n {
        w.write_record(row(i)).unwrap();
    }
    w.flush().unwrap();
}
