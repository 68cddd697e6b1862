//! Test helpers: a clean, realistic implementation-list item and writers
//! that build xlsx and CSV inputs at test time.
#![allow(dead_code)]

use santong::check::{check_file, BasicCatalogue, CheckOptions, FileReport};
use santong::standard::Standard;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const BODY: &str = "11450721MB15580811";
pub const BODY2: &str = "114507210081153718";

/// The elements of the test lists, materials inline. Their headers are
/// the standard's labels ([`headers`]), so the tests follow the standard.
pub const COLUMNS: [&str; 35] = [
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
    "result_name",
    "result_kind",
    "material_name",
    "material_necessity",
    "material_type",
    "material_form",
    "copies",
    "material_source",
];

/// The test lists' header row: 序号, then each column's national label.
pub fn headers() -> Vec<String> {
    static HEADERS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    HEADERS
        .get_or_init(|| {
            let std = national();
            std::iter::once("序号".to_string())
                .chain(COLUMNS.iter().map(|id| {
                    std.element(id)
                        .unwrap_or_else(|| panic!("the standard has no element {id}"))
                        .label
                        .clone()
                }))
                .collect()
        })
        .clone()
}

pub type Row = BTreeMap<String, String>;

/// (basic code, name, type label, legal basis) from the sample catalogue.
pub fn sample_items() -> Vec<(String, String, String, String)> {
    static ITEMS: std::sync::OnceLock<Vec<(String, String, String, String)>> =
        std::sync::OnceLock::new();
    ITEMS.get_or_init(load_sample_items).clone()
}

fn load_sample_items() -> Vec<(String, String, String, String)> {
    let std = Standard::national().unwrap();
    let b = BasicCatalogue::sample(&std).unwrap();
    let mut v: Vec<_> = b
        .entries
        .values()
        .map(|e| {
            let t = std
                .vocabulary("item_type")
                .unwrap()
                .label_of(e.item_type.as_deref().unwrap())
                .unwrap()
                .to_string();
            (
                e.code.clone(),
                e.name.clone(),
                t,
                e.legal_basis.clone().unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// A clean item for a sample basic code, as the national headers.
pub fn clean_item(basic: &str, seq: usize) -> Row {
    let (code, name, typ, basis) = sample_items()
        .into_iter()
        .find(|i| i.0 == basic)
        .expect("sample code");
    let public = typ == "公共服务";
    let mut r = Row::new();
    let mut set = |k: &str, v: &str| {
        r.insert(k.to_string(), v.to_string());
    };
    set("序号", &seq.to_string());
    set("事项名称", &name);
    set("基本编码", &code);
    set("实施编码", &format!("{BODY}4{code}"));
    set("事项类型", &typ);
    set("设定依据", &basis);
    set("权力来源", "法定本级行使");
    set("行使层级", "县级");
    set("实施主体", "浦北县市场监督管理局");
    set("实施主体性质", "法定机关");
    set("实施主体编码", BODY);
    set("法定办结时限", if public { "" } else { "20" });
    set("承诺办结时限", if public { "即办" } else { "10个工作日" });
    set("办件类型", if public { "即办件" } else { "承诺件" });
    set("服务对象", "企业法人、非法人企业");
    set("办理形式", "窗口办理、网上办理、快递申请");
    set("到办事现场次数", "0");
    set("必须现场办理原因说明", "");
    set(
        "网上办理深度",
        "互联网咨询^互联网收件^互联网预审^互联网受理^互联网办理",
    );
    set("是否收费", "否");
    set("收费标准", "");
    set("收费依据", "");
    set("受理条件", "申请人具有与申请事项相适应的场所、设备和人员。");
    set("办理流程", "申请、受理、审查、决定、送达。");
    set("办理地点", "浦北县政务服务中心一楼");
    set("办理时间", "工作日上午8:00-12:00，下午15:00-18:00");
    set("咨询方式", "0777-8212345");
    set("监督投诉方式", "0777-8212000");
    set("审批结果名称", "准予许可决定书");
    set("审批结果类型", "批文");
    set("材料名称", "申请书");
    set("材料必要性", "必要");
    set("材料类型", "原件");
    set("材料形式", "纸质和电子");
    set("份数", "1");
    set("来源渠道", "申请人自备");
    r
}

/// The material columns of the test rows (`material_row`).
pub const MATERIAL_COLUMNS: [&str; 6] = [
    "材料名称",
    "材料必要性",
    "材料类型",
    "材料形式",
    "份数",
    "来源渠道",
];

/// A material-only continuation row.
pub fn material_row(name: &str) -> Row {
    let mut r = Row::new();
    for (k, v) in [
        ("材料名称", name),
        ("材料必要性", "必要"),
        ("材料类型", "复印件"),
        ("材料形式", "纸质"),
        ("份数", "1"),
        ("来源渠道", "申请人自备"),
    ] {
        r.insert(k.into(), v.into());
    }
    r
}

/// A clean list: every sample item, each with a second material row.
pub fn clean_list() -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, (code, ..)) in sample_items().iter().enumerate() {
        let mut item = clean_item(code, i + 1);
        if item["事项类型"] == "行政处罚" {
            item.insert("处罚的行为".into(), "未取得许可从事经营活动".into());
            item.insert("处罚的种类".into(), "没收违法所得、罚款".into());
            item.insert(
                "处罚的幅度".into(),
                "货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款".into(),
            );
        }
        rows.push(item);
        rows.push(material_row("营业执照"));
    }
    rows
}

pub fn headers_of(rows: &[Row]) -> Vec<String> {
    let mut h = headers();
    for r in rows {
        for k in r.keys() {
            if !h.contains(k) {
                h.push(k.clone());
            }
        }
    }
    h
}

fn grid(headers: &[String], rows: &[Row]) -> Vec<Vec<String>> {
    let mut g = vec![headers.to_vec()];
    for r in rows {
        g.push(
            headers
                .iter()
                .map(|h| r.get(h).cloned().unwrap_or_default())
                .collect(),
        );
    }
    g
}

pub fn write_csv(path: &Path, headers: &[String], rows: &[Row]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    for line in grid(headers, rows) {
        w.write_record(&line).unwrap();
    }
    w.flush().unwrap();
}

pub fn write_csv_bytes(
    path: &Path,
    headers: &[String],
    rows: &[Row],
    encode: impl Fn(&str) -> Vec<u8>,
) {
    let mut w = csv::Writer::from_writer(Vec::new());
    for line in grid(headers, rows) {
        w.write_record(&line).unwrap();
    }
    let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    std::fs::write(path, encode(&text)).unwrap();
}

/// Write a header row and rows (by header) into a worksheet from row 1.
pub fn fill_sheet(ws: &mut rust_xlsxwriter::Worksheet, headers: &[String], rows: &[Row]) {
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, h) in headers.iter().enumerate() {
            if let Some(v) = row.get(h).filter(|v| !v.is_empty()) {
                ws.write_string(r as u32 + 1, c as u16, v).unwrap();
            }
        }
    }
}

/// Write an xlsx with optional title rows above the header.
pub fn write_xlsx(path: &Path, sheet: &str, titles: &[&str], headers: &[String], rows: &[Row]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    let mut r = 0u32;
    for t in titles {
        ws.write_string(r, 0, *t).unwrap();
        r += 1;
    }
    for line in grid(headers, rows) {
        for (c, v) in line.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r, c as u16, v).unwrap();
            }
        }
        r += 1;
    }
    wb.save(path).unwrap();
}

pub fn national() -> Standard {
    Standard::national().unwrap()
}

pub fn check(path: &Path, with_basic: bool) -> FileReport {
    let std = national();
    let basic = BasicCatalogue::sample(&std).unwrap();
    let opts = CheckOptions {
        basic: with_basic.then_some(&basic),
        ..Default::default()
    };
    check_file(path, &std, &opts).unwrap()
}

/// (rule, row, column letter) of every finding.
pub fn hits(r: &FileReport) -> Vec<(String, u32, String)> {
    r.findings
        .iter()
        .map(|f| {
            (
                f.rule.clone(),
                f.row.unwrap_or(0),
                f.col
                    .map(santong::catalogue::column_letter)
                    .unwrap_or_default(),
            )
        })
        .collect()
}

pub fn errors(r: &FileReport) -> Vec<(String, u32, String)> {
    let errs: Vec<bool> = r
        .findings
        .iter()
        .map(|f| f.severity == santong::standard::Severity::Error)
        .collect();
    hits(r)
        .into_iter()
        .zip(errs)
        .filter(|(_, e)| *e)
        .map(|(h, _)| h)
        .collect()
}

pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

pub fn path_in(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

/// A city's list of several hundred items: every sample item for each of
/// `bodies` bodies, with varied bodies, audiences and a second material.
/// Implementation codes are unique (the body code varies).
pub fn city_list(bodies: usize) -> Vec<Row> {
    let audiences = [
        "企业法人、非法人企业",
        "自然人",
        "自然人、企业法人",
        "社会组织法人",
    ];
    let mut rows = Vec::new();
    let mut seq = 0;
    for b in 0..bodies {
        let body_code = format!("11450721MB{b:08}");
        for (code, ..) in sample_items() {
            seq += 1;
            let mut item = clean_item(&code, seq);
            item.insert("实施编码".into(), format!("{body_code}4{code}"));
            item.insert("实施主体编码".into(), body_code.clone());
            item.insert("实施主体".into(), format!("浦北县第{}服务局", b + 1));
            item.insert("服务对象".into(), audiences[seq % audiences.len()].into());
            rows.push(item);
            rows.push(material_row("营业执照"));
        }
    }
    rows
}

/// A Python interpreter that can import `modules`: Debian's (what `.ci/run`
/// installs the modules for), else the one on PATH; `SANTONG_PYTHON`
/// overrides. Locally, none is a skip; under CI=true it fails the test.
pub fn python_with(modules: &str) -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = match std::env::var_os("SANTONG_PYTHON") {
        Some(p) => vec![PathBuf::from(p)],
        None => vec![PathBuf::from("/usr/bin/python3"), PathBuf::from("python3")],
    };
    let found = candidates.into_iter().find(|py| {
        std::process::Command::new(py)
            .args(["-c", &format!("import {modules}")])
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install python3 with {modules}"
        );
        eprintln!("no python3 with {modules}: test skipped");
    }
    found
}

/// Every file below `dir`, sorted.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Every finding's message and fix render in Chinese and in English from
/// what the finding carries: a value a template prints that the finding
/// lacks is an error (semi-strict undefined), never a silent blank, and no
/// template syntax is left in the words. Returns the rules rendered.
pub fn assert_renders(findings: &[santong::check::Finding]) -> Vec<String> {
    let std = national();
    let mut env = std.env().clone();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::SemiStrict);
    let mut rules = Vec::new();
    for f in findings {
        let ctx = minijinja::Value::from(f.params.clone());
        for lang in [santong::i18n::Lang::Zh, santong::i18n::Lang::En] {
            for part in ["message", "fix"] {
                let name = santong::standard::template_name(&f.rule, part, lang.code());
                let Ok(t) = env.get_template(&name) else {
                    assert_eq!(part, "fix", "{name}: no message template");
                    continue;
                };
                let text = t
                    .render(&ctx)
                    .unwrap_or_else(|e| panic!("{name} with {:?}: {e}", f.params));
                assert!(!text.trim().is_empty(), "{name} renders empty");
                assert!(
                    !text.contains("{{") && !text.contains("{%"),
                    "{name}: {text}"
                );
            }
        }
        rules.push(f.rule.to_string());
    }
    rules
}
