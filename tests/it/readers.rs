//! Reading the spreadsheets cities really send: title rows, two-row and
//! variant headers, merged material rows, materials on their own sheet,
//! GBK CSV, YAML catalogues.

use crate::common::*;
use rust_xlsxwriter::{Format, Workbook};
use santong::catalogue::{Catalogue, ReadOptions};

#[test]
fn header_below_title_rows_with_variant_labels() {
    let dir = tmp();
    let mut rows = vec![clean_item("000111001000", 1)];
    // header variants: line breaks, markers, full-width brackets, unit suffixes, aliases
    let rename = [
        ("事项名称", "事项\n名称 *"),
        ("承诺办结时限", "承诺办结时限（工作日）"),
        ("法定办结时限", "法定办结时限(工作日)（必填）"),
        ("咨询方式", "咨询电话"),
        ("实施主体", "实施机构"),
        ("到办事现场次数", "跑动次数"),
    ];
    let mut headers = headers_of(&rows);
    for (from, to) in rename {
        for h in headers.iter_mut() {
            if h == from {
                *h = to.to_string();
            }
        }
        let v = rows[0].remove(from).unwrap();
        rows[0].insert(to.to_string(), v);
    }
    let p = path_in(&dir, "city.xlsx");
    write_xlsx(
        &p,
        "实施清单",
        &["XX县政务服务事项实施清单", "填报单位：XX县行政审批局"],
        &headers,
        &rows,
    );
    let r = check(&p, true);
    assert_eq!(r.items, 1);
    assert_eq!(errors(&r), vec![]);
    assert!(
        !hits(&r).iter().any(|h| h.0 == "unknown-column"),
        "{:?}",
        hits(&r)
    );
    // and a defect is located on the spreadsheet's own row (4)
    rows[0].insert("承诺办结时限（工作日）".into(), "30".into());
    write_xlsx(
        &p,
        "实施清单",
        &["XX县政务服务事项实施清单", "填报单位：XX县行政审批局"],
        &headers,
        &rows,
    );
    let r = check(&p, true);
    assert_eq!(
        errors(&r),
        vec![("promise-exceeds-statutory".to_string(), 4, "M".to_string())]
    );
    assert_eq!(r.findings[0].source.sheet.as_deref(), Some("实施清单"));
}

#[test]
fn two_row_header_and_merged_material_rows() {
    let dir = tmp();
    let p = path_in(&dir, "merged.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("清单").unwrap();
    let fmt = Format::new();
    let item_cols = [
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
        "网上办理深度",
        "是否收费",
        "受理条件",
        "办理流程",
        "办理地点",
        "办理时间",
        "咨询方式",
        "监督投诉方式",
    ];
    let mat_cols = ["材料名称", "材料必要性", "材料类型"];
    ws.merge_range(
        0,
        0,
        0,
        (item_cols.len() + mat_cols.len() - 1) as u16,
        "某县实施清单",
        &fmt,
    )
    .unwrap();
    // row 2-3: two-row header; item labels merged vertically, 申请材料 grouping material columns
    for (c, h) in item_cols.iter().enumerate() {
        ws.merge_range(1, c as u16, 2, c as u16, h, &fmt).unwrap();
    }
    let m0 = item_cols.len() as u16;
    ws.merge_range(1, m0, 1, m0 + 2, "申请材料", &fmt).unwrap();
    for (i, h) in mat_cols.iter().enumerate() {
        ws.write_string(2, m0 + i as u16, *h).unwrap();
    }
    let items = [
        ("000111001000", ["申请书", "营业执照", "场所证明"]),
        (
            "000111002000",
            ["申请书", "卫生检测报告", "从业人员健康证明"],
        ),
    ];
    let mut r = 3u32;
    for (code, mats) in items {
        let it = clean_item(code, 1);
        // item cells merged over three material rows
        for (c, h) in item_cols.iter().enumerate() {
            ws.merge_range(r, c as u16, r + 2, c as u16, &it[*h], &fmt)
                .unwrap();
        }
        for (k, name) in mats.iter().enumerate() {
            ws.write_string(r + k as u32, m0, *name).unwrap();
            ws.write_string(r + k as u32, m0 + 1, "必要").unwrap();
            ws.write_string(r + k as u32, m0 + 2, "原件").unwrap();
        }
        r += 3;
    }
    wb.save(&p).unwrap();
    let std = national();
    let cat = Catalogue::load(&p, &std, &ReadOptions::default()).unwrap();
    assert_eq!(cat.tables[0].header_rows, vec![2, 3]);
    assert_eq!(cat.items.len(), 2);
    assert_eq!(cat.items[0].materials.len(), 3);
    assert_eq!(cat.items[1].materials.len(), 3);
    assert_eq!(cat.items[1].row, 7);
    let rep = check(&p, true);
    assert_eq!(errors(&rep), vec![]);
    assert!(!hits(&rep).iter().any(|h| h.0 == "duplicate-impl-code"));
}

#[test]
fn repeated_item_cells_are_one_item() {
    let dir = tmp();
    let mut rows = vec![clean_item("000111001000", 1)];
    let mut second = clean_item("000111001000", 1);
    second.insert("材料名称".into(), "营业执照".into());
    rows.push(second);
    let p = path_in(&dir, "repeated.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    let std = national();
    let cat = Catalogue::load(&p, &std, &ReadOptions::default()).unwrap();
    assert_eq!(cat.items.len(), 1);
    assert_eq!(cat.items[0].materials.len(), 2);
    assert_eq!(errors(&check(&p, true)), vec![]);
}

#[test]
fn a_whole_row_repeated_is_a_duplicate_item_not_a_material() {
    let dir = tmp();
    let item = clean_item("000111001000", 1);
    let rows = vec![item.clone(), item];
    let p = path_in(&dir, "dup.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    let h = errors(&check(&p, false));
    assert!(
        h.contains(&("duplicate-impl-code".to_string(), 3, "D".to_string())),
        "{h:?}"
    );
}

#[test]
fn materials_on_a_second_sheet_and_orphans() {
    let dir = tmp();
    let p = path_in(&dir, "two-sheets.xlsx");
    let mut wb = Workbook::new();
    let items = wb.add_worksheet();
    items.set_name("实施清单").unwrap();
    let rows = vec![clean_item("000111001000", 1), clean_item("000111002000", 2)];
    let headers: Vec<String> = headers_of(&rows)
        .into_iter()
        .filter(|h| !h.starts_with("材料") && h != "份数" && h != "来源渠道")
        .collect();
    fill_sheet(items, &headers, &rows);
    let mats = wb.add_worksheet();
    mats.set_name("申请材料").unwrap();
    for (c, h) in ["实施编码", "材料名称", "材料必要性", "材料类型"]
        .iter()
        .enumerate()
    {
        mats.write_string(0, c as u16, *h).unwrap();
    }
    let good = format!("{BODY}4000111001000");
    let orphan = format!("{BODY}4000111003000");
    for (r, (code, name)) in [
        (&good, "申请书"),
        (&good, "营业执照"),
        (&orphan, "申请书"),
        (&good, ""),
    ]
    .iter()
    .enumerate()
    {
        mats.write_string(r as u32 + 1, 0, code.as_str()).unwrap();
        if !name.is_empty() {
            mats.write_string(r as u32 + 1, 1, *name).unwrap();
        }
        mats.write_string(r as u32 + 1, 2, "必要").unwrap();
        mats.write_string(r as u32 + 1, 3, "原件").unwrap();
    }
    wb.save(&p).unwrap();
    let std = national();
    let cat = Catalogue::load(&p, &std, &ReadOptions::default()).unwrap();
    assert_eq!(cat.items[0].materials.len(), 3);
    assert_eq!(cat.orphans.len(), 1);
    let rep = check(&p, true);
    let errs = errors(&rep);
    assert!(
        errs.contains(&("material-orphan".to_string(), 4, "A".to_string())),
        "{errs:?}"
    );
    assert!(
        errs.contains(&("material-missing-name".to_string(), 5, "B".to_string())),
        "{errs:?}"
    );
    assert!(!errs.iter().any(|e| e.1 == 2 || e.1 == 3), "{errs:?}");
    assert!(rep
        .findings
        .iter()
        .any(|f| f.source.sheet.as_deref() == Some("申请材料")));
}

#[test]
fn gbk_csv_with_codes_instead_of_labels() {
    let dir = tmp();
    let mut rows = vec![clean_item("000111001000", 1)];
    for (k, v) in [
        ("事项类型", "01"),
        ("权力来源", "1"),
        ("行使层级", "4"),
        ("实施主体性质", "1"),
        ("办件类型", "2"),
        ("服务对象", "2,5"),
        ("办理形式", "1,2,3"),
        ("网上办理深度", "1,2,3,4,5"),
        ("是否收费", "0"),
        ("材料必要性", "1"),
        ("来源渠道", "10"),
    ] {
        rows[0].insert(k.into(), v.into());
    }
    rows[0].insert("咨询方式".into(), "0777－8212345".into());
    rows[0].insert("监督投诉方式".into(), "０７７７—８２１２０００".into());
    let p = path_in(&dir, "gbk.csv");
    write_csv_bytes(&p, &headers_of(&rows), &rows, |t| {
        encoding_rs::GBK.encode(t).0.into_owned()
    });
    let r = check(&p, true);
    assert_eq!(r.items, 1);
    assert_eq!(errors(&r), vec![]);
    // a defect in the GBK file is found where it is
    rows[0].insert("办件类型".into(), "9".into());
    write_csv_bytes(&p, &headers_of(&rows), &rows, |t| {
        encoding_rs::GBK.encode(t).0.into_owned()
    });
    assert_eq!(
        errors(&check(&p, true)),
        vec![("vendor-code-table".to_string(), 2, "N".to_string())]
    );
}

#[test]
fn utf8_bom_csv() {
    let dir = tmp();
    let rows = vec![clean_item("000111001000", 1)];
    let p = path_in(&dir, "bom.csv");
    write_csv_bytes(&p, &headers_of(&rows), &rows, |t| {
        let mut v = vec![0xEF, 0xBB, 0xBF];
        v.extend_from_slice(t.as_bytes());
        v
    });
    let r = check(&p, true);
    assert_eq!((r.items, errors(&r)), (1, vec![]));
}

#[test]
fn yaml_catalogue_items_with_line_numbers() {
    let dir = tmp();
    let p = path_in(&dir, "items.yaml");
    let it = clean_item("000111001000", 1);
    let mut y = String::from("# a catalogue repository file\n");
    for (n, promised) in [(1, "10"), (2, "30")] {
        y.push_str(&format!("- 事项名称: {}\n", it["事项名称"]));
        for (k, v) in &it {
            if k == "事项名称"
                || k == "序号"
                || k.starts_with("材料")
                || k == "份数"
                || k == "来源渠道"
                || v.is_empty()
            {
                continue;
            }
            let v = if k == "承诺办结时限" {
                promised
            } else {
                v.as_str()
            };
            let v = if k == "实施编码" && n == 2 {
                "11450721MB155808114000111002000"
            } else {
                v
            };
            let v = if k == "基本编码" && n == 2 {
                "000111002000"
            } else {
                v
            };
            let v = if k == "事项名称" && n == 2 {
                "公共场所卫生许可"
            } else {
                v
            };
            y.push_str(&format!("  {k}: \"{v}\"\n"));
        }
        y.push_str("  materials:\n    - 材料名称: 申请书\n      材料必要性: 必要\n");
    }
    std::fs::write(&p, &y).unwrap();
    let r = check(&p, false);
    assert_eq!(r.items, 2);
    let errs = errors(&r);
    let line = y
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("承诺办结时限"))
        .nth(1)
        .unwrap()
        .0 as u32
        + 1;
    assert_eq!(
        errs,
        vec![("promise-exceeds-statutory".to_string(), line, String::new())]
    );
}

#[test]
fn numeric_basic_code_cells_get_their_zeros_back() {
    let dir = tmp();
    let p = path_in(&dir, "numeric.xlsx");
    let rows = vec![clean_item("000111001000", 1)];
    let headers = headers_of(&rows);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
        let v = &rows[0][h];
        if h == "基本编码" {
            ws.write_number(1, c as u16, 111001000.0).unwrap();
        } else if h == "法定办结时限" || h == "到办事现场次数" {
            ws.write_number(1, c as u16, v.parse::<f64>().unwrap())
                .unwrap();
        } else if !v.is_empty() {
            ws.write_string(1, c as u16, v).unwrap();
        }
    }
    wb.save(&p).unwrap();
    assert_eq!(errors(&check(&p, true)), vec![]);
}

/// Records in the national exchange format: codes rather than labels, time
/// limits with separate unit columns, multi-values joined by commas, phones
/// with several kinds of dash, and a 12-character local basic code that
/// must not be validated as a national one.
#[test]
fn national_exchange_format_records() {
    let dir = tmp();
    let headers: Vec<String> = [
        "事项名称",
        "基本编码",
        "地方基本编码",
        "实施编码",
        "地方实施编码",
        "业务办理项编码",
        "事项类型",
        "设定依据",
        "权力来源",
        "行使层级",
        "实施主体",
        "实施主体性质",
        "实施主体编码",
        "行政区划代码",
        "法定办结时限",
        "法定办结时限单位",
        "承诺办结时限",
        "承诺办结时限单位",
        "办件类型",
        "服务对象",
        "办理形式",
        "到办事现场次数",
        "网上办理深度",
        "是否收费",
        "是否支持网上支付",
        "受理条件",
        "办理流程",
        "办理地点",
        "办理时间",
        "咨询方式",
        "监督投诉方式",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let items = sample_items();
    let mut rows = Vec::new();
    for (i, (code, name, typ, basis)) in items.iter().take(6).enumerate() {
        let t = &code[2..4];
        let public = t == "20";
        let impl_code = format!("{BODY2}4{code}");
        let vals = [
            name.as_str(),
            code,
            "510100000123",
            &impl_code,
            &format!("SC-JY-{:04}", i + 1),
            &format!("{impl_code}01"),
            t,
            basis,
            "1",
            "4",
            "浦北县人力资源和社会保障局",
            "1",
            BODY2,
            "450721000000",
            if public { "" } else { "20" },
            "1",
            if public { "0" } else { "5" },
            "1",
            if public { "1" } else { "2" },
            "1,2",
            "1,2,3",
            "0",
            "1,2,3,4,5",
            "0",
            "0",
            "申请人符合规定条件。",
            "网上申请、受理、审查、决定。",
            "浦北县政务服务中心",
            "工作日9:00-17:00",
            [
                "0777‐8211111",
                "0777–8211111",
                "(0777)8211111",
                "0777 8211111",
                "0777－8211111",
                "0777—8211111",
            ][i],
            "0777-12345",
        ];
        let _ = typ;
        let mut r = Row::new();
        for (h, v) in headers.iter().zip(vals) {
            r.insert(h.clone(), v.to_string());
        }
        if t == "02" {
            continue;
        }
        rows.push(r);
    }
    let p = path_in(&dir, "exchange.csv");
    write_csv(&p, &headers, &rows);
    let std = national();
    let cat = Catalogue::load(&p, &std, &ReadOptions::default()).unwrap();
    assert_eq!(cat.items.len(), rows.len());
    // every non-empty cell is read as a field: nothing is dropped
    for (item, row) in cat.items.iter().zip(&rows) {
        assert_eq!(
            item.fields.len(),
            row.values().filter(|v| !v.is_empty()).count()
        );
    }
    let r = check(&p, true);
    assert_eq!(errors(&r), vec![], "{:?}", hits(&r));
    // only the padded division code and the dashes that are not hyphens
    // are worth a word
    assert!(
        hits(&r).iter().all(
            |h| ["area-code-nonstandard", "missing-column", "phone-dash"].contains(&h.0.as_str())
        ),
        "{:?}",
        hits(&r)
    );
}

#[test]
fn marker_rows_section_headings_repeated_headers_and_code_list_sheets_are_not_items() {
    let dir = tmp();
    let p = path_in(&dir, "sections.xlsx");
    let rows = vec![clean_item("000111001000", 1), clean_item("000111002000", 2)];
    let headers: Vec<String> = headers_of(&rows)
        .into_iter()
        .filter(|h| !h.starts_with("材料") && h != "份数" && h != "来源渠道")
        .collect();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("实施清单").unwrap();
    let mut r = 0u32;
    let mut put = |ws: &mut rust_xlsxwriter::Worksheet, vals: Vec<String>| {
        for (c, v) in vals.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r, c as u16, v).unwrap();
            }
        }
        r += 1;
    };
    put(ws, headers.clone());
    put(
        ws,
        headers
            .iter()
            .enumerate()
            .map(|(i, _)| if i % 3 == 0 { "选填" } else { "必填" }.to_string())
            .collect(),
    );
    let mut heading = vec![String::new(); headers.len()];
    heading[1] = "一、行政许可（2项）".into();
    put(ws, heading);
    put(ws, headers.iter().map(|h| rows[0][h].clone()).collect());
    put(ws, headers.clone()); // header repeated (a second page pasted below)
    put(ws, headers.iter().map(|h| rows[1][h].clone()).collect());
    let codes = wb.add_worksheet();
    codes.set_name("代码表").unwrap();
    for (c, h) in ["事项类型", "办件类型", "行使层级"].iter().enumerate() {
        codes.write_string(0, c as u16, *h).unwrap();
        codes.write_string(1, c as u16, "x").unwrap();
    }
    wb.save(&p).unwrap();
    let std = national();
    let cat = Catalogue::load(&p, &std, &ReadOptions::default()).unwrap();
    assert_eq!(cat.items.len(), 2);
    assert_eq!(cat.items[1].row, 6);
    assert_eq!(cat.tables.len(), 1);
    let rep = check(&p, true);
    assert_eq!(errors(&rep), vec![]);
}

#[test]
fn yaml_items_report_unknown_keys_and_absent_required_keys_by_line() {
    let dir = tmp();
    let p = path_in(&dir, "one.yaml");
    std::fs::write(
        &p,
        "事项名称: 食品经营许可\n奇怪字段: 1\nbasic_code: \"000111001000\"\n",
    )
    .unwrap();
    let r = check(&p, false);
    let h = hits(&r);
    assert!(
        h.contains(&("unknown-column".to_string(), 2, String::new())),
        "{h:?}"
    );
    assert!(
        h.contains(&("missing-required".to_string(), 1, String::new())),
        "{h:?}"
    );
    assert!(
        !h.iter().any(|x| x.0 == "missing-column" && x.1 != 1),
        "{h:?}"
    );
}

/// Legacy .xls (BIFF8). rust_xlsxwriter cannot write this format, so this
/// one input is a committed fixture: the xlsx demo list saved as .xls (with
/// xlwt), with a merged title row.
#[test]
fn legacy_xls_workbook() {
    let p = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/legacy-biff8.xls"
    ));
    let r = check(p, true);
    assert_eq!(r.items, 4);
    let mut rules: Vec<String> = errors(&r)
        .into_iter()
        .map(|e| format!("{}@{}{}", e.0, e.2, e.1))
        .collect();
    rules.sort();
    assert_eq!(
        rules,
        vec![
            "catch-all-clause@B5",
            "impl-code-mismatch@D6",
            "invalid-credit-code@K7",
            "material-missing-name@B9",
            "material-orphan@A6",
            "material-orphan@A8",
        ]
    );
}

#[test]
fn materials_keyed_by_basic_code() {
    let dir = tmp();
    let p = path_in(&dir, "by-basic.xlsx");
    let mut wb = Workbook::new();
    let items = wb.add_worksheet();
    let rows = vec![clean_item("000111001000", 1)];
    let headers: Vec<String> = headers_of(&rows)
        .into_iter()
        .filter(|h| !h.starts_with("材料") && h != "份数" && h != "来源渠道")
        .collect();
    fill_sheet(items, &headers, &rows);
    let mats = wb.add_worksheet();
    for (c, h) in ["基本编码", "材料名称", "材料必要性"].iter().enumerate() {
        mats.write_string(0, c as u16, *h).unwrap();
    }
    for (r, code) in ["000111001000", "000111009000"].iter().enumerate() {
        mats.write_string(r as u32 + 1, 0, *code).unwrap();
        mats.write_string(r as u32 + 1, 1, "申请书").unwrap();
        mats.write_string(r as u32 + 1, 2, "必要").unwrap();
    }
    wb.save(&p).unwrap();
    let std = national();
    let cat = Catalogue::load(&p, &std, &ReadOptions::default()).unwrap();
    assert_eq!(cat.items[0].materials.len(), 1);
    let errs = errors(&check(&p, true));
    assert_eq!(
        errs,
        vec![("material-orphan".to_string(), 3, "A".to_string())]
    );
}

/// A list whose third data row is hidden, as cities "delete" a cancelled
/// item; the hidden row carries a defect.
fn list_with_hidden_row(dir: &tempfile::TempDir, hide: bool) -> std::path::PathBuf {
    let mut rows = clean_list();
    rows[4].insert("承诺办结时限".into(), "30".into()); // promise-exceeds-statutory
    let p = path_in(dir, if hide { "hidden.xlsx" } else { "shown.xlsx" });
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("实施清单").unwrap();
    fill_sheet(ws, &headers_of(&rows), &rows);
    // a hidden spare row below the data is not a data row
    ws.set_row_hidden(rows.len() as u32 + 3).unwrap();
    if hide {
        ws.set_row_hidden(5).unwrap(); // sheet row 6 = rows[4]
    }
    wb.save(&p).unwrap();
    p
}

#[test]
fn hidden_rows_are_checked_and_reported() {
    let dir = tmp();
    let r = check(&list_with_hidden_row(&dir, true), false);
    let h = hits(&r);
    let hidden: Vec<_> = h.iter().filter(|x| x.0 == "hidden-row").collect();
    assert_eq!(
        hidden,
        [&("hidden-row".to_string(), 6, String::new())],
        "{h:?}"
    );
    let f = r.findings.iter().find(|f| f.rule == "hidden-row").unwrap();
    assert_eq!(f.severity, santong::standard::Severity::Info);
    assert!(assert_renders(&r.findings).contains(&"hidden-row".to_string()));
    // the hidden row is still checked as data
    assert!(
        h.iter()
            .any(|x| x.0 == "promise-exceeds-statutory" && x.1 == 6),
        "{h:?}"
    );
    // near miss: the same list with nothing hidden but a spare row
    let r = check(&list_with_hidden_row(&dir, false), false);
    assert!(!hits(&r).iter().any(|x| x.0 == "hidden-row"));
    // several hidden rows of one sheet are one note with their rows
    let mut rows = clean_list();
    rows.truncate(8);
    let p = path_in(&dir, "many-hidden.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    fill_sheet(ws, &headers_of(&rows), &rows);
    for r in [2, 3, 5] {
        ws.set_row_hidden(r).unwrap();
    }
    wb.save(&p).unwrap();
    let r = check(&p, false);
    let notes: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "hidden-row")
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].rows().collect::<Vec<_>>(), vec![3, 4, 6]);
}

/// The readers registry: a workbook without an extension is recognised by
/// its content; a `.txt` export is read when named but a directory walk
/// leaves `.txt` files (notes, readmes) alone.
#[test]
fn readers_registry_sniffs_unknown_names_and_walks_only_catalogue_extensions() {
    let dir = tmp();
    let rows = clean_list();
    let headers = headers_of(&rows);
    let x = path_in(&dir, "清单.xlsx");
    write_xlsx(&x, "实施清单", &[], &headers, &rows);
    let bare = path_in(&dir, "export");
    std::fs::copy(&x, &bare).unwrap();
    std::fs::remove_file(&x).unwrap();
    let items = sample_items().len();
    let r = check(&bare, false);
    assert_eq!(r.items, items);
    // a named .txt is read as delimited text
    let t = path_in(&dir, "导出.txt");
    write_csv(&t, &headers, &rows);
    assert_eq!(check(&t, false).items, items);
    std::fs::write(path_in(&dir, "说明.txt"), "这不是清单").unwrap();
    let found = santong::catalogue::expand_inputs(&[dir.path().to_path_buf()]);
    assert!(
        found.files.is_empty() && found.skipped.is_empty(),
        "{found:?}"
    );
    // and a name no reader claims, with content none recognises, is refused
    let md = path_in(&dir, "notes.md");
    std::fs::write(&md, "# notes").unwrap();
    let std = national();
    let e = santong::check::check_file(&md, &std, &Default::default()).unwrap_err();
    assert!(
        e.message.contains("unsupported file type `.md`"),
        "{}",
        e.message
    );
}

/// YAML lines come from the parser's spans: a key that also starts a line
/// inside an earlier block of text is located where it really is (line
/// scanning found the text line), and so is an item after comments.
#[test]
fn yaml_keys_are_located_by_the_parsers_spans_not_by_scanning_lines() {
    let dir = tmp();
    let p = path_in(&dir, "items.yaml");
    std::fs::write(
        &p,
        "# 清单\n- 受理条件: |\n    奇怪字段: 这一行是受理条件的文字\n  奇怪字段: 1\n  事项名称: 食品经营许可\n\n# 第二项\n- 事项名称: 公共场所卫生许可\n  另一字段: 2\n",
    )
    .unwrap();
    let r = check(&p, false);
    let h = hits(&r);
    assert!(
        h.contains(&("unknown-column".to_string(), 4, String::new())),
        "{h:?}"
    );
    assert!(
        h.contains(&("unknown-column".to_string(), 9, String::new())),
        "{h:?}"
    );
    // the second item starts on line 8
    assert!(
        h.iter().any(|x| x.0 == "missing-required" && x.1 == 8),
        "{h:?}"
    );
}
