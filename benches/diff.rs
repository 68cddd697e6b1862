//! Throughput and memory of `diff` on two generated regional lists.
//!
//! `cargo bench --bench diff -- [ITEMS] [DIR]` writes two CSV lists of ITEMS
//! items each (default 100,000) — the second with a difference in one item in
//! fifty — into DIR (default: a temporary directory, removed afterwards),
//! compares them, and prints the time and peak memory. docs/performance.md
//! records the results and the comparison with daff on the same files.

mod support;
use support::peak_rss_mib;

use santong::diff::{compare, Baseline, CompareOptions, Region};
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

/// A name built from parts, so that names share the bigrams real names
/// share (许可, 审批, 登记 …): 100,000 distinct names.
fn item_name(i: usize, region: usize) -> String {
    const SUBJECTS: [&str; 50] = [
        "食品",
        "药品",
        "医疗器械",
        "化妆品",
        "特种设备",
        "危险化学品",
        "烟花爆竹",
        "民用爆炸物品",
        "道路运输",
        "水路运输",
        "建设工程",
        "城镇排水",
        "燃气经营",
        "供热经营",
        "广告发布",
        "出版物",
        "印刷经营",
        "电影放映",
        "娱乐场所",
        "互联网上网服务",
        "旅行社",
        "导游",
        "文物",
        "宗教活动场所",
        "民办学校",
        "幼儿园",
        "教师资格",
        "职业技能",
        "劳务派遣",
        "人力资源服务",
        "社会团体",
        "民办非企业单位",
        "基金会",
        "殡葬服务",
        "养老机构",
        "慈善组织",
        "母婴保健",
        "放射诊疗",
        "消毒产品",
        "饮用水供水",
        "公共场所",
        "动物诊疗",
        "兽药经营",
        "农药经营",
        "种子生产",
        "林木采伐",
        "取水",
        "河道采砂",
        "无线电台",
        "测绘资质",
    ];
    const OBJECTS: [&str; 50] = [
        "经营", "生产", "使用", "运输", "储存", "销售", "进口", "出口", "安装", "改造", "维修",
        "检验", "检测", "设计", "施工", "监理", "代理", "租赁", "回收", "处置", "培训", "考试",
        "执业", "登记", "备案", "年检", "变更", "延续", "注销", "补发", "换证", "设立", "撤销",
        "合并", "分立", "迁移", "占用", "挖掘", "采集", "利用", "开发", "展览", "演出", "发布",
        "播出", "放映", "出版", "复制", "发行", "收购",
    ];
    const ACTIONS: [&str; 40] = [
        "许可",
        "审批",
        "核准",
        "登记",
        "备案",
        "认定",
        "确认",
        "核发",
        "审核",
        "审查",
        "批准",
        "同意",
        "许可证核发",
        "资格认定",
        "资质认定",
        "证书核发",
        "行政确认",
        "事项审批",
        "初审",
        "复核",
        "年度检验",
        "许可延续",
        "许可变更",
        "许可注销",
        "证明出具",
        "信息变更",
        "奖励",
        "补贴发放",
        "监督检查",
        "行政检查",
        "行政处罚",
        "行政强制",
        "行政征收",
        "行政给付",
        "行政裁决",
        "表彰",
        "服务",
        "咨询",
        "查询",
        "投诉处理",
    ];
    let s = SUBJECTS[i % 50];
    let o = OBJECTS[(i / 50) % 50];
    let a = ACTIONS[(i / 2500) % 40];
    // the second region writes one name in fifty a little differently
    if region == 1 && i.is_multiple_of(50) {
        format!("{s}{o}所需{a}")
    } else {
        format!("{s}{o}{a}")
    }
}

fn row(i: usize, region: usize) -> Vec<String> {
    if NAMES_ONLY.load(std::sync::atomic::Ordering::Relaxed) {
        let mut r = row_with_code(i, region);
        r[0] = item_name(i, region);
        r[1] = String::new();
        r[2] = String::new();
        return r;
    }
    row_with_code(i, region)
}

/// `--names`: lists without basic codes, aligned by name.
static NAMES_ONLY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn row_with_code(i: usize, region: usize) -> Vec<String> {
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
    NAMES_ONLY.store(
        std::env::args().any(|a| a == "--names"),
        std::sync::atomic::Ordering::Relaxed,
    );
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
        &CompareOptions {
            baseline: Baseline::Region(regions[0].name.clone()),
            ..CompareOptions::default()
        },
    );
    let total = t.elapsed().as_secs_f64();
    println!(
        "2 × {n} items{}: read {loaded:.2} s, total {total:.2} s, {} aligned, {} by a near name, {} differences, peak RSS {:.0} MiB",
        if NAMES_ONLY.load(std::sync::atomic::Ordering::Relaxed) { " without codes" } else { "" },
        c.coverage.iter().filter(|g| g.regions.iter().all(|x| *x)).count(),
        c.alignments.iter().filter(|a| a.method == santong::diff::Method::Similar).count(),
        c.differences.len(),
        peak_rss_mib()
    );
}
