//! Lists as other systems really export them (portal indexes, provincial
//! code tables, county exchange records): every reported error must be a
//! real departure from the national standard, one cause one finding.
//! Inputs are built at test time, after the shapes in domain.md §8.

use crate::common::*;
use santong::check::FileReport;
use santong::standard::Severity;

/// (rule, severity) of every finding on `column` (an element label).
fn on_column(r: &FileReport, label: &str) -> Vec<(String, Severity)> {
    let std = national();
    r.findings
        .iter()
        .filter(|f| f.element.is_some_and(|e| std.elements[e].label == label))
        .map(|f| (f.rule.clone(), f.severity))
        .collect()
}

fn checked(rows: &[Row], with_basic: bool) -> FileReport {
    let dir = tmp();
    let p = path_in(&dir, "list.csv");
    write_csv(&p, &headers_of(rows), rows);
    check(&p, with_basic)
}

fn item() -> Row {
    clean_item("000111001000", 1)
}

#[test]
fn a_local_code_longer_than_its_exchange_field_is_a_warning_naming_the_field() {
    let mut r = item();
    // Sichuan's 地方实施编码: 55 characters, free format
    r.insert(
        "地方实施编码".into(),
        "511A0138000000-511602000000-000-115113010833722043-1-00".into(),
    );
    r.insert("实施主体编码".into(), "115113010833722043".into());
    let rep = checked(&[r.clone()], false);
    assert_eq!(
        on_column(&rep, "地方实施编码"),
        vec![("invalid-value".to_string(), Severity::Warning)]
    );
    let f = rep
        .findings
        .iter()
        .find(|f| f.rule == "invalid-value")
        .unwrap();
    assert!(
        f.params["reason_en"]
            .to_string()
            .contains("LOCAL_TASK_CODE"),
        "{:?}",
        f.params
    );
    // near miss: 50 characters fit the field
    let fifty: String = (0..50).map(|i| char::from(b'0' + (i % 10) as u8)).collect();
    r.insert("地方实施编码".into(), fifty);
    assert!(on_column(&checked(&[r], false), "地方实施编码").is_empty());
}

#[test]
fn an_unknown_code_is_an_error_only_in_a_closed_vocabulary() {
    let mut r = item();
    r.insert("网上办理深度".into(), "1,3,9,6".into());
    assert_eq!(
        on_column(&checked(&[r.clone()], false), "网上办理深度"),
        vec![("vendor-code-table".to_string(), Severity::Warning)]
    );
    r.insert("网上办理深度".into(), "1,3,6".into());
    assert!(on_column(&checked(&[r.clone()], false), "网上办理深度").is_empty());
    // 事项类型 is a closed national table
    r.insert("事项类型".into(), "99".into());
    assert!(on_column(&checked(&[r.clone()], false), "事项类型")
        .contains(&("vendor-code-table".to_string(), Severity::Error)));
    // a word outside the table is a misread label, per cell
    r.insert("事项类型".into(), "行政许诺".into());
    assert!(on_column(&checked(&[r], false), "事项类型")
        .contains(&("invalid-value".to_string(), Severity::Error)));
}

fn checked_every_row(rows: &[Row]) -> FileReport {
    let dir = tmp();
    let p = path_in(&dir, "list.csv");
    write_csv(&p, &headers_of(rows), rows);
    let std = national();
    let opts = santong::check::CheckOptions {
        every_row: true,
        ..Default::default()
    };
    santong::check::check_file(&p, &std, &opts).unwrap()
}

/// The clean list with a value set on every item row.
fn every_item(key: &str, value: &str) -> Vec<Row> {
    let mut rows = clean_list();
    for r in rows.iter_mut().filter(|r| r.contains_key("事项名称")) {
        r.insert(key.into(), value.into());
    }
    rows
}

fn of_rule<'a>(r: &'a FileReport, rule: &str) -> Vec<&'a santong::check::Finding> {
    r.findings.iter().filter(|f| f.rule == rule).collect()
}

#[test]
fn a_structural_note_on_every_row_is_one_finding_with_the_count() {
    let rows = every_item("行政区划代码", "511602000000");
    let items = rows.iter().filter(|r| r.contains_key("事项名称")).count();
    assert!(items > 3);
    let rep = checked(&rows, false);
    let notes = of_rule(&rep, "area-code-nonstandard");
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0].count(), items);
    assert_eq!(notes[0].rows().count(), items);
    // --every-row restores one finding per row
    let rep = checked_every_row(&rows);
    assert_eq!(of_rule(&rep, "area-code-nonstandard").len(), items);
    // different causes are not merged: bad credit codes stay one per value
    let mut rows = clean_list();
    let mut n = 0;
    for r in rows
        .iter_mut()
        .filter(|r| r.contains_key("事项名称"))
        .take(3)
    {
        n += 1;
        r.insert("实施主体编码".into(), format!("11450721MB1558081{n}"));
    }
    let rep = checked(&rows, false);
    let bad: Vec<_> = of_rule(&rep, "invalid-credit-code");
    assert!(bad.len() >= 2, "{bad:?}");
}

#[test]
fn a_run_of_unknown_columns_is_one_finding() {
    let mut rows = vec![item()];
    for h in ["自定义1", "自定义2", "自定义3"] {
        rows[0].insert(h.into(), "x".into());
    }
    let rep = checked(&rows, false);
    let u = of_rule(&rep, "unknown-column");
    assert_eq!(u.len(), 1, "{u:?}");
    assert_eq!(u[0].params["count"].to_string(), "3");
    // near miss: one unknown column is reported as before
    let mut rows = vec![item()];
    rows[0].insert("自定义1".into(), "x".into());
    assert_eq!(of_rule(&checked(&rows, false), "unknown-column").len(), 1);
}

#[test]
fn rules_that_depend_on_an_unreadable_value_are_skipped_for_the_item() {
    // a type that cannot be read: the time limits it would make required
    // are not demanded on a wrong reading
    let mut r = item();
    r.insert("事项类型".into(), "99".into());
    r.insert("法定办结时限".into(), String::new());
    r.insert("承诺办结时限".into(), String::new());
    let rep = checked(&[r.clone()], false);
    assert!(of_rule(&rep, "missing-required")
        .iter()
        .all(|f| f.element != national().element_index("statutory_days")));
    assert_eq!(of_rule(&rep, "vendor-code-table").len(), 1);
    // near miss: an administrative power with a readable type still needs them
    r.insert("事项类型".into(), "行政许可".into());
    let rep = checked(&[r], false);
    assert!(of_rule(&rep, "missing-required")
        .iter()
        .any(|f| f.element == national().element_index("statutory_days")));
}

/// A Guangdong-style item: the province's type code with its label beside
/// it, and a basic code whose digits 3–4 follow the province's table.
fn guangdong(basic: &str, code: &str, label: &str, prov_basic: &str) -> Row {
    let mut r = clean_item(basic, 1);
    r.insert("事项类型".into(), code.into());
    r.insert("事项类型名称".into(), label.into());
    r.insert("基本编码".into(), prov_basic.into());
    r.insert("实施编码".into(), format!("{BODY}4{prov_basic}"));
    r
}

fn guangdong_list() -> Vec<Row> {
    let mut rows = Vec::new();
    for i in 0..4 {
        // public services: no time limits
        let mut r = guangdong("002013001000", "21", "公共服务", &format!("44210130{i}000"));
        r.insert("法定办结时限".into(), String::new());
        r.insert("承诺办结时限".into(), "即办".into());
        rows.push(r);
    }
    for i in 0..3 {
        // 其他行政权力 coded 20 (nationally 公共服务)
        rows.push(guangdong(
            "000111001000",
            "20",
            "其他行政权力",
            &format!("44200140{i}000"),
        ));
    }
    rows
}

#[test]
fn a_provincial_type_table_carried_with_its_labels_is_read_by_label() {
    let rep = checked(&guangdong_list(), false);
    // no error on the type or basic code cells, no time limits demanded
    for rule in [
        "invalid-value",
        "invalid-basic-code",
        "basic-code-type-mismatch",
        "missing-required",
    ] {
        assert!(
            of_rule(&rep, rule).is_empty(),
            "{rule}: {:?}",
            of_rule(&rep, rule)
        );
    }
    // 21 = 公共服务: a convention, once per file, with every row
    let p = of_rule(&rep, "provincial-code");
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].severity, p[0].count()), (Severity::Warning, 4));
    // 20 labelled 其他行政权力 contradicts the national meaning: once, with its rows
    let c = of_rule(&rep, "code-label-conflict");
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!((c[0].severity, c[0].count()), (Severity::Error, 3));
    // read as administrative powers, they still need their time limits
    let mut rows = guangdong_list();
    rows[5].insert("法定办结时限".into(), String::new());
    let rep = checked(&rows, false);
    assert_eq!(of_rule(&rep, "missing-required").len(), 1);
}

#[test]
fn without_the_label_column_a_provincial_code_is_one_invalid_value() {
    let mut rows = guangdong_list();
    for r in &mut rows {
        r.remove("事项类型名称");
    }
    let rep = checked(&rows, false);
    let inv = of_rule(&rep, "vendor-code-table");
    // 21 cannot be read: one finding for the column, and nothing that
    // depends on the type fires on a wrong reading
    assert_eq!(inv.len(), 1, "{inv:?}");
    assert_eq!(inv[0].count(), 4);
    assert!(of_rule(&rep, "missing-required").is_empty());
    // the basic code's digits 21 are the same cause: not a second error
    assert!(of_rule(&rep, "invalid-basic-code").is_empty());
    // near miss: digits that are unknown on their own are still reported
    let mut rows = guangdong_list();
    rows[0].insert("基本编码".into(), "449901300000".into());
    let rep = checked(&rows, false);
    assert_eq!(of_rule(&rep, "invalid-basic-code").len(), 1);
}

#[test]
fn a_provincial_standard_can_declare_its_code_table() {
    let dir = tmp();
    let sd = dir.path().join("guangdong");
    std::fs::create_dir(&sd).unwrap();
    std::fs::write(
        sd.join("standard.yaml"),
        "id: guangdong\nextends: national\n",
    )
    .unwrap();
    std::fs::write(
        sd.join("vocabularies.yaml"),
        "vocabularies:\n  - id: item_type\n    codes: { \"21\": 公共服务, \"20\": 其他行政权力 }\n",
    )
    .unwrap();
    let std = santong::standard::Standard::from_dir(&sd).unwrap();
    let mut rows = guangdong_list();
    for r in &mut rows {
        r.remove("事项类型名称");
    }
    let p = path_in(&dir, "gd.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    let rep = santong::check::check_file(&p, &std, &Default::default()).unwrap();
    let rules: Vec<&str> = rep.findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(
        !rules.iter().any(|r| [
            "invalid-value",
            "vendor-code-table",
            "invalid-basic-code",
            "basic-code-type-mismatch",
            "missing-required",
            "code-label-conflict",
            "provincial-code"
        ]
        .contains(r)),
        "{rules:?}"
    );
    // near miss: a code outside the province's table is still invalid
    rows[0].insert("事项类型".into(), "22".into());
    write_csv(&p, &headers_of(&rows), &rows);
    let rep = santong::check::check_file(&p, &std, &Default::default()).unwrap();
    assert_eq!(of_rule(&rep, "vendor-code-table").len(), 1);
}

#[test]
fn phones_as_people_write_them_give_only_real_errors() {
    let std = national();
    let phone = std.element_index("consult_phone");
    let phone_findings = |cell: &str| -> Vec<(String, Severity)> {
        let mut r = item();
        r.insert("咨询方式".into(), cell.into());
        checked(&[r], false)
            .findings
            .iter()
            .filter(|f| f.element == phone)
            .map(|f| (f.rule.clone(), f.severity))
            .collect()
    };
    for ok in [
        "020-12123",
        "020-95598",
        "020-95086",
        "020-8923 2806",
        "86 20 87512631",
        "(8620) 81218888",
        "020-83827812-12345",
        "020-37288891；020-37288892",
        "咨询电话号码：020-83815010。实施机关咨询网址：http://www.gz.gov.cn/a/20231234.html",
        "邮箱：123456789@qq.com，电话：020-83815010",
        "广州市越秀区府前路1号，邮编510032，电话020-83815010",
    ] {
        assert!(
            phone_findings(ok).is_empty(),
            "{ok}: {:?}",
            phone_findings(ok)
        );
    }
    // a dash that is not a hyphen: a warning, the number is still read
    assert_eq!(
        phone_findings("020-12333–9"),
        vec![("phone-dash".to_string(), Severity::Warning)]
    );
    // prose with no number: its own warning
    assert_eq!(
        phone_findings("请到政务服务中心咨询"),
        vec![("no-phone-number".to_string(), Severity::Warning)]
    );
    // impossible numbers stay errors
    for bad in [
        "83815010",
        "020-8381501",
        "0775-23456",
        "电话：0775-12A4567",
    ] {
        assert_eq!(
            phone_findings(bad),
            vec![("invalid-phone".to_string(), Severity::Error)],
            "{bad}"
        );
    }
}

#[test]
fn the_12345_hotline_as_both_lines_is_not_a_finding() {
    let mut r = item();
    r.insert("咨询方式".into(), "12345".into());
    r.insert("监督投诉方式".into(), "12345".into());
    assert!(of_rule(
        &checked(&[r.clone()], false),
        "same-consult-complaint-phone"
    )
    .is_empty());
    r.insert("咨询方式".into(), "020-12345".into());
    assert!(of_rule(
        &checked(&[r.clone()], false),
        "same-consult-complaint-phone"
    )
    .is_empty());
    // near miss: the same office line for both is a warning
    r.insert("咨询方式".into(), "020-83815010".into());
    r.insert("监督投诉方式".into(), "020－83815010".into());
    let rep = checked(&[r], false);
    let same = of_rule(&rep, "same-consult-complaint-phone");
    assert_eq!(same.len(), 1);
    assert_eq!(same[0].severity, Severity::Warning);
}

#[test]
fn a_handling_code_in_the_impl_column_is_named_and_checked_on_its_first_31() {
    let mut r = item();
    r.insert("实施编码".into(), format!("{BODY}4000111001000{}", "01"));
    r.insert("事项名称".into(), "食品经营许可(注销)".into());
    let rep = checked(&[r.clone()], false);
    assert_eq!(of_rule(&rep, "handling-code-as-impl-code").len(), 1);
    assert!(
        of_rule(&rep, "impl-code-mismatch").is_empty(),
        "{:?}",
        rep.findings
    );
    // near miss: its first 31 characters are still checked against the parts
    r.insert("实施编码".into(), format!("{BODY}3000111001000{}", "01"));
    assert_eq!(
        of_rule(&checked(&[r], false), "impl-code-mismatch").len(),
        1
    );
}

#[test]
fn a_vertically_managed_body_with_the_provinces_code_is_a_note() {
    // 广州市国家安全局's code carries Guangdong's area, at city level
    let code = "114400000074837384";
    assert!(santong::codes::validate_credit_code(code).is_ok());
    let mut r = item();
    r.insert("实施主体编码".into(), code.into());
    r.insert("实施编码".into(), format!("{code}3000111001000"));
    r.insert("行使层级".into(), "市级".into());
    r.insert("实施主体".into(), "广州市国家安全局".into());
    let rep = checked(&[r.clone()], false);
    let b = of_rule(&rep, "body-level-mismatch");
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].severity, Severity::Info);
    // near miss: another city bureau with a province's code is a warning
    r.insert("实施主体".into(), "广州市教育局".into());
    let rep = checked(&[r], false);
    assert_eq!(
        of_rule(&rep, "body-level-mismatch")[0].severity,
        Severity::Warning
    );
}

#[test]
fn the_basic_catalogue_is_checked_as_it_loads() {
    let dir = tmp();
    let basic = path_in(&dir, "basic.csv");
    std::fs::write(
        &basic,
        "基本编码,事项名称,事项类型,设定依据\n\
         000111001000,食品经营许可,行政许可,《中华人民共和国食品安全法》\n\
         000104002000,建筑工程施工许可,99,《中华人民共和国建筑法》\n\
         00010400300,缺一位,行政许可,x\n\
         000111002000,食品生产许可,行政确认,x\n\
         000111001000,食品经营许可（重复）,行政许可,x\n",
    )
    .unwrap();
    let std = national();
    let cat = santong::check::BasicCatalogue::load(&basic, &std, &Default::default()).unwrap();
    let rep = santong::check::basic_report(&basic, &cat, &std).expect("defects");
    assert_eq!(rep.path, basic.display().to_string());
    assert!(assert_renders(&rep.findings).contains(&"duplicate-basic-code".to_string()));
    let mut rules: Vec<(&str, u32)> = rep
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.row.unwrap_or(0)))
        .collect();
    rules.sort();
    assert_eq!(
        rules,
        vec![
            ("basic-code-type-mismatch", 5),
            ("duplicate-basic-code", 6),
            ("invalid-basic-code", 4),
            ("invalid-value", 3),
        ]
    );
    // the entry with type 99 keeps no type: no mismatch is blamed on the list
    assert_eq!(cat.get("000104002000").unwrap().item_type, None);
    assert!(cat.get("00010400300").is_none());
    let list = path_in(&dir, "list.csv");
    let rows = vec![clean_item("000104002000", 1)];
    write_csv(&list, &headers_of(&rows), &rows);
    let opts = santong::check::CheckOptions {
        basic: Some(&cat),
        ..Default::default()
    };
    let r = santong::check::check_file(&list, &std, &opts).unwrap();
    assert!(of_rule(&r, "type-mismatch").is_empty(), "{:?}", r.findings);
    // near miss: a sound catalogue has no report
    std::fs::write(
        &basic,
        "基本编码,事项名称,事项类型,设定依据\n000111001000,食品经营许可,行政许可,x\n",
    )
    .unwrap();
    let cat = santong::check::BasicCatalogue::load(&basic, &std, &Default::default()).unwrap();
    assert!(santong::check::basic_report(&basic, &cat, &std).is_none());
}

/// A Sichuan-style portal index export: list-level fields only, no
/// national basic code, 12-digit division codes on every row, Sichuan's
/// 55-character local implementation codes, and bad body codes of every
/// kind real district lists carry.
fn sichuan_portal(items: usize) -> (Vec<String>, Vec<Row>, Vec<u32>) {
    let headers: Vec<String> = [
        "序号",
        "事项名称",
        "事项类型",
        "实施主体",
        "实施主体编码",
        "行政区划代码",
        "地方基本编码",
        "地方实施编码",
        "办事指南",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let bodies = [
        ("自贡市自流井区教育和体育局", "115113010833722043"),
        ("自贡市自流井区卫生健康局", "11511301008778183N"),
        ("自贡市自流井区民政局", "11450721MB15580811"),
    ];
    let types = ["1", "5", "7", "10", "20"];
    let names = [
        "教师资格认定",
        "民办学校设立",
        "医疗机构执业登记",
        "社会团体成立登记",
        "临时救助",
    ];
    let mut rows = Vec::new();
    let mut bad_rows = Vec::new();
    for i in 0..items {
        let (body, mut code) = (bodies[i % 3].0, bodies[i % 3].1.to_string());
        match i {
            7 => code = "1151130108337220".into(),    // truncated
            11 => code = "083372204".into(),          // its organisation code
            13 => code = "2222222222222".into(),      // placeholder
            17 => code = "TE5116020105116050".into(), // temporary
            _ => {}
        }
        if [7, 11, 13, 17].contains(&i) {
            bad_rows.push(i as u32 + 2);
        }
        let local = format!("511A{:010}", 138000000 + i);
        let mut r = Row::new();
        for (h, v) in headers.iter().zip([
            (i + 1).to_string(),
            format!("{}（{}）", names[i % 5], i),
            types[i % 5].to_string(),
            body.to_string(),
            code,
            "510302000000".to_string(),
            local.clone(),
            format!("{local}-510302000000-000-{}-1-00", bodies[i % 3].1),
            format!("https://www.sczwfw.gov.cn/jiq/front/transition/ywTransToDetail?areaCode=510302000000&itemCode={local}"),
        ]) {
            r.insert(h.clone(), v);
        }
        rows.push(r);
    }
    (headers, rows, bad_rows)
}

#[test]
fn a_portal_index_export_gets_only_real_errors() {
    let (headers, rows, bad_rows) = sichuan_portal(60);
    let dir = tmp();
    let p = path_in(&dir, "portal.csv");
    write_csv(&p, &headers, &rows);
    let rep = check(&p, false);
    let errors: Vec<(&str, Option<u32>)> = rep
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.rule.as_str(), f.row))
        .collect();
    // every bad body code is found, each once, on its own row
    let mut code_rows: Vec<u32> = errors
        .iter()
        .filter(|(r, _)| *r != "missing-column")
        .map(|(_, row)| row.unwrap())
        .collect();
    code_rows.sort();
    assert_eq!(code_rows, bad_rows, "{errors:?}");
    let rule_of = |row: u32| errors.iter().find(|e| e.1 == Some(row)).unwrap().0;
    assert_eq!(rule_of(9), "invalid-credit-code");
    assert_eq!(rule_of(13), "org-code-as-credit-code");
    assert_eq!(rule_of(15), "placeholder-code");
    assert_eq!(rule_of(19), "placeholder-code");
    // the organisation code's fix names the list's own credit code
    let org = of_rule(&rep, "org-code-as-credit-code");
    assert_eq!(org[0].params["credit"].to_string(), "115113010833722043");
    // the index lacks the national elements: one finding, not twenty
    assert_eq!(errors.iter().filter(|e| e.0 == "missing-column").count(), 1);
    // the padded division code on every row is one note
    let area = of_rule(&rep, "area-code-nonstandard");
    assert_eq!((area.len(), area[0].count()), (1, 60));
    // 55-character local codes are warnings naming the exchange field, once
    let long = of_rule(&rep, "invalid-value");
    assert_eq!(long.len(), 1, "{:?}", &long[..long.len().min(2)]);
    assert_eq!((long[0].severity, long[0].count()), (Severity::Warning, 60));
    // the bad body codes also show as variants of the body's code
    assert!(!of_rule(&rep, "body-code-variants").is_empty());
}

#[test]
fn county_exchange_records_give_only_real_errors() {
    // codes instead of labels, comma-joined values, online depth with a
    // vendor code, dashes of several kinds in the phones
    let mut rows = clean_list();
    let phones = [
        "0777-8211111",
        "0777—8211112",
        "(0777)8211113",
        "0777 8211114",
        "0777－8211115",
    ];
    for (k, r) in rows
        .iter_mut()
        .filter(|r| r.contains_key("事项名称"))
        .enumerate()
    {
        r.insert("网上办理深度".into(), "1,3,9,6".into());
        r.insert("服务对象".into(), "1,2".into());
        r.insert("办理形式".into(), "1,2,3".into());
        r.insert("行使层级".into(), "4".into());
        r.insert("咨询方式".into(), phones[k % phones.len()].into());
        r.insert("监督投诉方式".into(), "12345".into());
    }
    let rep = checked(&rows, false);
    let errors: Vec<_> = rep
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // the vendor code is one warning for the column
    let depth = of_rule(&rep, "vendor-code-table");
    assert_eq!(depth.len(), 1);
    assert_eq!(depth[0].severity, Severity::Warning);
}

#[test]
fn handling_codes_on_every_row_are_one_finding() {
    let mut rows = Vec::new();
    for (i, code) in ["000111001000", "000104002000", "000111002000"]
        .iter()
        .enumerate()
    {
        let mut r = clean_item(code, i + 1);
        r.insert("实施编码".into(), format!("{BODY}4{code}0{}", i + 1));
        rows.push(r);
    }
    let rep = checked(&rows, false);
    let h = of_rule(&rep, "handling-code-as-impl-code");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].count(), 3);
}

#[test]
fn a_none_word_is_one_finding_not_a_placeholder_too() {
    let mut r = item();
    r.insert("办理地点".into(), "——".into());
    let rep = checked(&[r.clone()], false);
    let addr = on_column(&rep, "办理地点");
    assert_eq!(
        addr,
        vec![("missing-required".to_string(), Severity::Error)]
    );
    // near miss: a run of crosses is a placeholder, not a none word
    r.insert("办理地点".into(), "×××".into());
    let rep = checked(&[r], false);
    assert_eq!(
        on_column(&rep, "办理地点"),
        vec![("placeholder-text".to_string(), Severity::Warning)]
    );
}

#[test]
fn a_label_column_gives_the_meaning_when_the_code_is_blank() {
    let mut r = item();
    r.insert("事项类型".into(), String::new());
    r.insert("事项类型名称".into(), "行政许可".into());
    let rep = checked(&[r.clone()], false);
    assert!(on_column(&rep, "事项类型").is_empty(), "{:?}", rep.findings);
    // near miss: with neither, the type is missing
    r.insert("事项类型名称".into(), String::new());
    let rep = checked(&[r], false);
    assert_eq!(
        on_column(&rep, "事项类型"),
        vec![("missing-required".to_string(), Severity::Error)]
    );
}

#[test]
fn profile_takes_a_provincial_code_table_from_the_label_column() {
    let dir = tmp();
    let p = path_in(&dir, "广东.csv");
    let rows = guangdong_list();
    write_csv(&p, &headers_of(&rows), &rows);
    let draft = dir.path().join("draft");
    let o = assert_cmd::Command::cargo_bin("santong")
        .unwrap()
        .args(["--lang", "en", "profile"])
        .arg(&p)
        .arg("--out")
        .arg(&draft)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let vocab = std::fs::read_to_string(draft.join("vocabularies.yaml")).unwrap();
    assert!(
        vocab.contains("\"21\": \"公共服务\"") && vocab.contains("from the label column; 4 rows"),
        "{vocab}"
    );
    let std = santong::standard::Standard::from_dir(&draft).unwrap();
    let rep = santong::check::check_file(&p, &std, &Default::default()).unwrap();
    assert!(of_rule(&rep, "provincial-code").is_empty());
    // near miss: with the national standard the table is reported
    assert_eq!(of_rule(&checked(&rows, false), "provincial-code").len(), 1);
}
