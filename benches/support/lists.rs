//! Realistic generated implementation lists, for benchmarks and for runs
//! at province and national scale (`cargo run --release --example lists`).
//!
//! Every region implements the same national items (one basic code each,
//! so `diff` aligns them); its bodies have valid credit codes of its own
//! area; values are drawn from real item names, legal bases, materials and
//! wording; about one item in a hundred carries one of the defects real
//! lists have (a promised limit over the statutory one, a broken credit
//! code, a wrong phone number, a required value left blank, a label with a
//! suffix, a material listed twice). Everything follows from the seed: two
//! runs write identical files.

use santong::codes::{credit_check_char, org_code_check_char};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A national item: name, type code, type label, legal basis, statutory
/// days, materials.
type NationalItem = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u32,
    &'static [&'static str],
);

const ITEMS: &[NationalItem] = &[
    ("食品经营许可", "01", "行政许可", "《中华人民共和国食品安全法》第三十五条：国家对食品生产经营实行许可制度。", 20, &["食品经营许可申请书", "营业执照", "法定代表人身份证明", "食品安全管理制度文本", "经营场所平面图"]),
    ("药品零售企业许可", "01", "行政许可", "《中华人民共和国药品管理法》第五十一条：从事药品零售活动，应当经所在地县级以上地方人民政府药品监督管理部门批准，取得药品经营许可证。", 30, &["药品经营许可证申请表", "营业执照", "执业药师资格证书", "经营场所产权证明"]),
    ("公共场所卫生许可", "01", "行政许可", "《公共场所卫生管理条例》第八条：除公园、体育场（馆）、公共交通工具外的公共场所，经营单位应当及时向卫生行政部门申请办理“卫生许可证”。", 20, &["卫生许可证申请表", "营业执照", "卫生管理制度", "从业人员健康合格证明"]),
    ("建筑工程施工许可", "01", "行政许可", "《中华人民共和国建筑法》第七条：建筑工程开工前，建设单位应当按照国家有关规定向工程所在地县级以上人民政府建设行政主管部门申请领取施工许可证。", 7, &["建筑工程施工许可证申请表", "建设工程规划许可证", "施工合同", "安全施工措施资料"]),
    ("道路货物运输经营许可", "01", "行政许可", "《中华人民共和国道路运输条例》第二十四条：申请从事货运经营的，应当依法向市场监督管理部门办理有关登记手续后，向县级道路运输管理机构提出申请。", 20, &["道路货物运输经营申请表", "负责人身份证明", "车辆行驶证", "驾驶人员从业资格证"]),
    ("取水许可", "01", "行政许可", "《中华人民共和国水法》第四十八条：直接从江河、湖泊或者地下取用水资源的单位和个人，应当按照国家取水许可制度和水资源有偿使用制度，申请领取取水许可证。", 45, &["取水许可申请书", "建设项目水资源论证报告书", "取水工程图纸"]),
    ("民办非企业单位成立登记", "01", "行政许可", "《民办非企业单位登记管理暂行条例》第三条：成立民办非企业单位，应当经其业务主管单位审查同意后，依照本条例的规定登记。", 60, &["登记申请书", "业务主管单位的批准文件", "场所使用权证明", "验资报告", "章程草案"]),
    ("最低生活保障对象认定", "07", "行政确认", "《社会救助暂行办法》第十一条：申请最低生活保障，按照下列程序办理：（一）由共同生活的家庭成员向户籍所在地的乡镇人民政府、街道办事处提出书面申请。", 30, &["最低生活保障申请书", "户口簿", "家庭收入证明", "居民身份证"]),
    ("残疾人两项补贴给付", "05", "行政给付", "《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》。", 20, &["补贴申请审批表", "残疾人证", "居民身份证", "银行账户信息"]),
    ("城乡居民养老保险待遇申领", "20", "公共服务", "《国务院关于建立统一的城乡居民基本养老保险制度的意见》第八条。", 15, &["城乡居民基本养老保险待遇申请表", "居民身份证", "户口簿"]),
    ("对违反食品安全规定行为的处罚", "02", "行政处罚", "《中华人民共和国食品安全法》第一百二十二条：违反本法规定，未取得食品生产经营许可从事食品生产经营活动的，由县级以上人民政府食品安全监督管理部门没收违法所得。", 90, &["立案审批表", "现场检查笔录", "询问笔录", "证据材料"]),
    ("对用人单位遵守劳动保障法律法规情况的检查", "06", "行政检查", "《劳动保障监察条例》第十一条：劳动保障行政部门对下列事项实施劳动保障监察。", 60, &["检查通知书", "用人单位工资支付记录", "劳动合同"]),
    ("林木采伐许可证核发", "01", "行政许可", "《中华人民共和国森林法》第五十六条：采伐林地上的林木应当申请采伐许可证，并按照采伐许可证的规定进行采伐。", 20, &["林木采伐申请书", "林权证明", "伐区调查设计文件"]),
    ("犬类准养证核发", "10", "其他行政权力", "《广西壮族自治区养犬管理规定》第十条：在城市重点管理区内饲养犬只的，应当向所在地公安机关申请办理犬类准养证。", 10, &["养犬登记表", "犬只免疫证明", "犬只照片", "居民身份证"]),
    ("义务教育阶段学生转学", "20", "公共服务", "《中小学生学籍管理办法》第十二条：学生转学或升学的，由转入学校通过电子学籍系统办理学籍转接手续。", 10, &["转学申请表", "户口簿", "学籍信息表"]),
];

const SUB_ITEMS: &[&str] = &[
    "",
    "（新办）",
    "（变更）",
    "（延续）",
    "（注销）",
    "（补办）",
];

const DEPARTMENTS: &[&str] = &[
    "市场监督管理局",
    "卫生健康局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "民政局",
    "人力资源和社会保障局",
    "林业局",
    "公安局",
    "教育局",
];

const PLACES: &[&str] = &[
    "东兴", "西林", "南丹", "北流", "平乐", "宁明", "永福", "长洲", "青秀", "灵川", "河池", "江州",
    "湖光", "林溪", "安平", "龙胜", "凤山", "融安", "田阳", "容县",
];

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Items per region.
    pub items: usize,
    pub regions: usize,
    /// Defects per thousand items.
    pub defects_per_mille: u64,
    pub seed: u64,
    /// Materials too (beneath each item in a CSV, on their own sheet in a
    /// workbook); without them a CSV has one row per item, as a tabular
    /// diff tool expects.
    pub materials: bool,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            items: 10_000,
            regions: 2,
            defects_per_mille: 10,
            seed: 2026,
            materials: true,
        }
    }
}

/// A region: its name, its six-digit division code and the credit codes
/// of its departments.
#[derive(Debug, Clone)]
pub struct Region {
    pub name: String,
    /// Its six-digit division code, which its bodies' credit codes carry.
    pub area: String,
    pub bodies: Vec<(String, String)>,
}

/// A stable 64-bit mix (SplitMix64) of the seed and some numbers.
fn mix(seed: u64, parts: &[u64]) -> u64 {
    let mut x = seed;
    for p in parts {
        x = x.wrapping_add(p.wrapping_add(0x9E37_79B9_7F4A_7C15));
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 31;
    }
    x
}

/// A valid unified social credit code of a government body (category 11)
/// in `area`.
fn credit_code(area: &str, n: u64) -> String {
    let org8 = format!("{:08}", n % 100_000_000);
    let org = format!("{org8}{}", org_code_check_char(&org8).unwrap());
    let body = format!("11{area}{org}");
    format!("{body}{}", credit_check_char(&body).unwrap())
}

/// Region `k`: counties 21–80 of prefectures 01–99 of Guangxi (45).
pub fn region(spec: &Spec, k: usize) -> Region {
    let area = format!("45{:02}{:02}", 1 + k / 60 % 99, 21 + k % 60);
    let place = PLACES[k % PLACES.len()];
    let name = match k / PLACES.len() {
        0 => format!("{place}县"),
        n => format!(
            "{place}{}县",
            ["", "东", "西", "南", "北", "中", "新", "上", "下"][n % 9]
        ),
    };
    let bodies = DEPARTMENTS
        .iter()
        .enumerate()
        .map(|(d, dep)| {
            (
                format!("{name}{dep}"),
                credit_code(&area, mix(spec.seed, &[k as u64, d as u64])),
            )
        })
        .collect();
    Region { name, area, bodies }
}

/// The item headers (national labels) of an items table.
pub const ITEM_HEADERS: [&str; 30] = [
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
    "网办深度",
    "是否收费",
    "收费标准",
    "收费依据",
    "受理条件",
    "办理流程",
    "办理地点",
    "办理时间",
    "咨询方式",
    "监督投诉方式",
    "处罚的行为",
    "处罚的种类",
    "处罚的幅度",
];

/// The headers of a materials table.
pub const MATERIAL_HEADERS: [&str; 6] = [
    "实施编码",
    "材料名称",
    "材料形式",
    "材料必要性",
    "纸质材料份数",
    "来源渠道",
];

/// Item `i` of region `r`: its item cells and its materials.
pub fn item(spec: &Spec, r: &Region, k: usize, i: usize) -> (Vec<String>, Vec<Vec<String>>) {
    let (base, ty, ty_label, law, days, mats) = ITEMS[i % ITEMS.len()];
    let variant = i / ITEMS.len();
    let sub = SUB_ITEMS[variant % SUB_ITEMS.len()];
    let series = variant / SUB_ITEMS.len();
    let name = match series {
        0 => format!("{base}{sub}"),
        n => format!("{base}{sub}（第{n}类）"),
    };
    let basic = format!("00{ty}{:05}{:03}", i % 100_000, (i / 100_000) % 1000);
    let (body_name, body_code) = &r.bodies[i % r.bodies.len()];
    let impl_code = format!("{body_code}4{basic}");
    let h = mix(spec.seed, &[k as u64, i as u64]);
    let promised = 1 + (h % u64::from(days)) as u32;
    let phone = format!("0771-{}", 5_000_000 + h % 4_000_000);
    let complaint = format!("0771-{}", 2_000_000 + (h >> 4) % 3_000_000);
    let depth = (h >> 16) as usize % 5;
    // full online service (depth 4 and up) needs no visit; a visit needs a reason
    let visits = if depth >= 3 { 0 } else { (h >> 12) % 2 };
    let punish = ty == "02";
    let mut v: Vec<String> = vec![
        name,
        basic,
        impl_code.clone(),
        ty_label.into(),
        law.into(),
        "法定本级行使".into(),
        "县级".into(),
        body_name.clone(),
        "法定机关".into(),
        body_code.clone(),
        days.to_string(),
        format!("{promised}个工作日"),
        "承诺件".into(),
        ["自然人", "企业法人", "事业单位法人", "自然人、企业法人"][(h >> 8) as usize % 4].into(),
        "窗口办理、网上办理".into(),
        visits.to_string(),
        if visits > 0 {
            "需现场核验申请材料原件"
        } else {
            ""
        }
        .into(),
        ["1", "1,2", "1,2,3", "1,2,3,4", "1,2,3,4,5"][depth].into(),
        "否".into(),
        String::new(),
        String::new(),
        "申请人具有与申请事项相适应的条件，材料齐全、符合法定形式。".into(),
        "申请、受理、审查、决定、送达。".into(),
        format!("{}政务服务中心{}号窗口", r.name, 1 + (h >> 20) % 40),
        "工作日上午8:00-12:00，下午15:00-18:00".into(),
        phone.clone(),
        format!("{complaint}；12345"),
        if punish {
            "未取得许可从事相关经营活动"
        } else {
            ""
        }
        .into(),
        if punish {
            "警告、罚款、没收违法所得"
        } else {
            ""
        }
        .into(),
        if punish {
            "处货值金额十倍以上二十倍以下罚款"
        } else {
            ""
        }
        .into(),
    ];
    // the item's materials are the same in every region, but for a few
    // regional drifts (one material fewer or more)
    let g = mix(spec.seed, &[u64::MAX, i as u64]);
    let mut n_mats = 2 + (g >> 24) as usize % (mats.len() - 1);
    if (h >> 36) % 100 < 2 {
        n_mats = if n_mats < mats.len() {
            n_mats + 1
        } else {
            n_mats - 1
        };
    }
    let mut materials: Vec<Vec<String>> = mats[..n_mats]
        .iter()
        .enumerate()
        .map(|(j, m)| {
            vec![
                impl_code.clone(),
                (*m).into(),
                ["纸质", "电子", "纸质和电子"][(g >> (28 + j)) as usize % 3].into(),
                if j == 0 {
                    "必要"
                } else {
                    ["必要", "非必要", "容缺后补"][(g >> (32 + j)) as usize % 3]
                }
                .into(),
                "1".into(),
                if *m == "营业执照" {
                    "政府部门核发"
                } else {
                    "申请人自备"
                }
                .into(),
            ]
        })
        .collect();
    // about one in a hundred with a defect real lists have
    if (h >> 40) % 1000 < spec.defects_per_mille {
        match (h >> 50) % 6 {
            0 => v[11] = format!("{}个工作日", days + 10),
            1 => {
                // the check character of the body's code, broken
                let mut c = v[9].clone();
                let last = if c.ends_with('0') { '1' } else { '0' };
                c.pop();
                c.push(last);
                v[9] = c;
            }
            2 => v[25] = "0771-123".into(),
            3 => v[23] = String::new(),
            4 => v[3] = format!("{ty_label}类"),
            _ => {
                let first = materials[0].clone();
                materials.push(first);
            }
        }
    }
    (v, materials)
}

/// Where the lists of a region go.
pub fn stem(r: &Region) -> String {
    format!("{}{}-实施清单", r.area, r.name)
}

/// A CSV of region `k`: each item's materials as rows beneath it (the
/// item's cells blank, the material's filled).
pub fn write_csv(spec: &Spec, k: usize, dir: &Path) -> std::io::Result<PathBuf> {
    let r = region(spec, k);
    let path = dir.join(format!("{}.csv", stem(&r)));
    let mut w = csv::Writer::from_writer(std::io::BufWriter::new(std::fs::File::create(&path)?));
    let parts = if spec.materials {
        &MATERIAL_HEADERS[1..]
    } else {
        &[]
    };
    let head: Vec<&str> = ITEM_HEADERS.iter().chain(parts).copied().collect();
    w.write_record(&head)?;
    let blank = vec![String::new(); ITEM_HEADERS.len()];
    for i in 0..spec.items {
        let (v, mats) = item(spec, &r, k, i);
        if !spec.materials {
            w.write_record(&v)?;
            continue;
        }
        for (j, m) in mats.iter().enumerate() {
            let cells = if j == 0 { &v } else { &blank };
            w.write_record(cells.iter().chain(&m[1..]))?;
        }
    }
    w.flush()?;
    w.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?
        .flush()?;
    Ok(path)
}

/// An xlsx of region `k`: a title row and the items on 实施清单, the
/// materials on 申请材料 keyed by 实施编码, both sheets written in
/// rust_xlsxwriter's constant-memory mode.
pub fn write_xlsx(spec: &Spec, k: usize, dir: &Path) -> Result<PathBuf, String> {
    let r = region(spec, k);
    let path = dir.join(format!("{}.xlsx", stem(&r)));
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let items = wb.add_worksheet_with_constant_memory().map_err(e)?;
    items.set_name("实施清单").map_err(e)?;
    items
        .write_string(0, 0, format!("{}政务服务事项实施清单", r.name))
        .map_err(e)?;
    for (c, h) in ITEM_HEADERS.iter().enumerate() {
        items.write_string(1, c as u16, *h).map_err(e)?;
    }
    for i in 0..spec.items {
        let (v, _) = item(spec, &r, k, i);
        for (c, cell) in v.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            items
                .write_string(i as u32 + 2, c as u16, cell)
                .map_err(e)?;
        }
    }
    if !spec.materials {
        wb.save(&path).map_err(e)?;
        return Ok(path);
    }
    let mats = wb.add_worksheet_with_constant_memory().map_err(e)?;
    mats.set_name("申请材料").map_err(e)?;
    for (c, h) in MATERIAL_HEADERS.iter().enumerate() {
        mats.write_string(0, c as u16, *h).map_err(e)?;
    }
    let mut row = 1u32;
    for i in 0..spec.items {
        for m in item(spec, &r, k, i).1 {
            for (c, cell) in m.iter().enumerate() {
                mats.write_string(row, c as u16, cell).map_err(e)?;
            }
            row += 1;
        }
    }
    wb.save(&path).map_err(e)?;
    Ok(path)
}

/// Write every region's list in each format asked for; the paths written.
pub fn write_all(spec: &Spec, formats: &[&str], dir: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for k in 0..spec.regions {
        for f in formats {
            out.push(match *f {
                "csv" => write_csv(spec, k, dir).map_err(|e| e.to_string())?,
                "xlsx" => write_xlsx(spec, k, dir)?,
                other => return Err(format!("unknown format `{other}` (csv, xlsx)")),
            });
        }
    }
    let _ = std::io::stdout().flush();
    Ok(out)
}
