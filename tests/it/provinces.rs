//! Lists from provinces santong was not tuned on (issue 28): every row
//! accounted for, back-office header words, an element in two columns,
//! unit columns, suggestions for unknown columns, handling items. Inputs
//! are built here after domain.md §8–§9, with varied header words.

use crate::common::*;
use santong::check::FileReport;

fn rename(rows: &[Row], from: &str, to: &str) -> Vec<Row> {
    rows.iter()
        .map(|r| {
            r.iter()
                .map(|(k, v)| {
                    (
                        if k == from { to.to_string() } else { k.clone() },
                        v.clone(),
                    )
                })
                .collect()
        })
        .collect()
}

fn without(rows: &[Row], keys: &[&str]) -> Vec<Row> {
    rows.iter()
        .map(|r| {
            r.iter()
                .filter(|(k, _)| !keys.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .collect()
}

/// Write rows as CSV under the test headers, without the column `gone`
/// (its element then has no column at all).
fn write_csv_without(p: &std::path::Path, rows: &[Row], gone: &str) {
    let headers: Vec<String> = headers_of(rows).into_iter().filter(|h| h != gone).collect();
    write_csv(p, &headers, rows);
}

fn balanced(r: &FileReport) {
    assert!(!r.rows.is_empty(), "no accounting for {}", r.path);
    for a in &r.rows {
        assert_eq!(a.items + a.parts + a.skipped(), a.rows, "{}: {a:?}", r.path);
    }
}

fn rules_of(r: &FileReport) -> Vec<&str> {
    r.findings.iter().map(|f| f.rule.as_str()).collect()
}

/// A back office's list: items with their cells repeated on every material
/// row, several items alike in everything but their name (one body, one
/// type, one address …), as county systems export them.
fn back_office(items: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    for i in 0..items {
        let mut base = clean_item("000111001000", i + 1);
        base.insert("事项名称".into(), format!("测试许可事项{i}"));
        for k in ["基本编码", "实施编码"] {
            base.remove(k);
        }
        for m in 0..3 {
            let mut r = base.clone();
            r.insert("材料名称".into(), format!("材料{m}"));
            rows.push(r);
        }
    }
    rows
}

#[test]
fn every_row_of_every_shape_is_accounted_for() {
    let dir = tmp();
    let mut list = clean_list();
    // a blank row, a repeated header and a note among the data
    list.insert(3, Row::new());
    let mut header_again = Row::new();
    for h in headers_of(&clean_list()) {
        header_again.insert(h.clone(), h.clone());
    }
    list.insert(6, header_again);
    let mut note = Row::new();
    note.insert("序号".into(), "注：本表由县政务服务中心填报".into());
    list.push(note);
    let items = clean_list()
        .iter()
        .filter(|r| r.contains_key("事项名称"))
        .count() as u32;
    let csv = path_in(&dir, "inline.csv");
    write_csv(&csv, &headers_of(&list), &list);
    let xlsx = path_in(&dir, "titled.xlsx");
    write_xlsx(
        &xlsx,
        "实施清单",
        &["某县实施清单", ""],
        &headers_of(&list),
        &list,
    );
    for p in [&csv, &xlsx] {
        let r = check(p, false);
        balanced(&r);
        let t = r.row_totals();
        assert_eq!(t.items, items, "{p:?}");
        assert_eq!(r.items as u32, items);
        assert_eq!(
            (t.blank, t.repeated_header, t.notes),
            (1, 1, 1),
            "{p:?}: {t:?}"
        );
    }
    // repeated item cells on material rows, with the name repeated too
    let rows = back_office(5);
    let p = path_in(&dir, "repeated.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    let r = check(&p, false);
    balanced(&r);
    assert_eq!((r.items, r.row_totals().parts), (5, 10));
    // YAML and the exchange JSON count records
    let y = path_in(&dir, "items.yaml");
    std::fs::write(
        &y,
        "- 事项名称: 甲\n  实施编码: x\n  申请材料:\n    - 材料名称: 申请书\n- 事项名称: 乙\n",
    )
    .unwrap();
    let r = check(&y, false);
    balanced(&r);
    assert_eq!(r.row_totals().items, 2);
}

#[test]
fn a_row_naming_another_item_is_never_folded_and_a_guess_is_said() {
    let dir = tmp();
    // the back office's own words for the item name, and no code column
    for word in ["权利名称", "业务名称", "服务名称", "权力名称"] {
        let rows = rename(&back_office(6), "事项名称", word);
        let p = path_in(&dir, "b.csv");
        write_csv(&p, &headers_of(&rows), &rows);
        let r = check(&p, false);
        assert_eq!(r.items, 6, "{word}");
        balanced(&r);
        assert!(!rules_of(&r).contains(&"folded-row"), "{word}");
    }
    // a name header nobody knows: the rows that differ only there are
    // folded by their repeated cells, and the note lists every one
    let rows = rename(&back_office(4), "事项名称", "事项名目");
    let p = path_in(&dir, "u.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    let r = check(&p, false);
    balanced(&r);
    assert!(assert_renders(&r.findings).contains(&"folded-row".to_string()));
    let folded: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "folded-row")
        .collect();
    assert_eq!(folded.len(), 1);
    assert_eq!(
        folded[0].count() as u32,
        r.row_totals().guessed.len() as u32
    );
    assert!(folded[0].count() >= 3);
    // near miss: the name repeated on material rows is certain, no note
    let rows = back_office(4);
    let p = path_in(&dir, "k.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    assert!(!rules_of(&check(&p, false)).contains(&"folded-row"));
}

#[test]
fn a_repeated_item_row_without_materials_is_a_duplicate_not_lost() {
    let dir = tmp();
    let mut rows = clean_list();
    let mut again = rows[0].clone();
    for k in MATERIAL_COLUMNS {
        again.remove(k);
    }
    let mut first = again.clone();
    first.insert("材料名称".into(), "申请书".into());
    rows.insert(0, first);
    rows.insert(1, again);
    let p = path_in(&dir, "dup.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    let r = check(&p, false);
    balanced(&r);
    assert!(
        rules_of(&r).contains(&"duplicate-impl-code"),
        "{:?}",
        rules_of(&r)
    );
}

#[test]
fn a_power_list_without_codes_is_read_not_refused() {
    let dir = tmp();
    let rows = without(
        &rename(&back_office(5), "事项名称", "权利名称"),
        &["基本编码", "实施编码"],
    );
    let p = path_in(&dir, "power.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    let out = assert_cmd::Command::cargo_bin("santong")
        .unwrap()
        .args(["--lang", "en", "check", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = &v["files"][0]["rows"];
    assert_eq!(rows["items"], 5);
    assert_eq!(rows["parts"], 10);
    assert_eq!(rows["rows"], 15);
}

#[test]
fn back_office_labels_and_unit_columns() {
    let dir = tmp();
    let header = "权利名称,基本编码,权利类型,法定办结期限,单位,承诺办结期限,单位,受理机构,办公地址,工作时间,权利来源,在线办理网址,行政相对人性质";
    let row = "测试许可,000111001000,行政许可,20,工作日,10,自然日,某县某局,某县政务服务中心,工作日9:00-17:00,法定本级行使,http://zwfw.example.gov.cn/x,企业法人";
    let p = path_in(&dir, "labels.csv");
    std::fs::write(&p, format!("{header}\n{row}\n")).unwrap();
    let r = check(&p, false);
    let std = national();
    let unknown: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "unknown-column")
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");
    // every column above went to an element: none of them is missing
    for id in [
        "name",
        "item_type",
        "statutory_days",
        "statutory_unit",
        "promised_days",
        "promised_unit",
        "body_name",
        "address",
        "hours",
        "power_source",
        "online_url",
        "audience",
    ] {
        let e = std.element_index(id).unwrap();
        assert!(
            !r.findings.iter().any(|f| f.element == Some(e)
                && (f.rule == "missing-required"
                    || f.rule == "missing-column"
                    || f.rule == "invalid-value")),
            "{id}: {:?}",
            r.findings
                .iter()
                .filter(|f| f.element == Some(e))
                .collect::<Vec<_>>()
        );
    }
    // near miss: a 单位 column that follows no time limit is not read as one
    let p = path_in(&dir, "unit.csv");
    std::fs::write(&p, "事项名称,单位,基本编码\n测试许可,件,000111001000\n").unwrap();
    let r = check(&p, false);
    assert!(r.findings.iter().any(|f| f.rule == "unknown-column"));
}

#[test]
fn an_element_in_two_columns_counts_the_filled_one() {
    let dir = tmp();
    let mut rows = clean_list();
    for (i, r) in rows
        .iter_mut()
        .enumerate()
        .filter(|(_, r)| r.contains_key("事项名称"))
    {
        let v = r.remove("服务对象").unwrap();
        if i % 4 == 0 {
            r.insert("服务对象".into(), v);
        } else {
            r.insert("行政相对人性质".into(), v);
        }
    }
    let p = path_in(&dir, "two.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    let r = check(&p, false);
    let audience = national().element_index("audience").unwrap();
    assert!(
        !r.findings.iter().any(|f| f.element == Some(audience)),
        "{:?}",
        r.findings
            .iter()
            .filter(|f| f.element == Some(audience))
            .collect::<Vec<_>>()
    );
    // near miss: both filled, differently, on one row
    rows[0].insert("行政相对人性质".into(), "自然人".into());
    write_csv(&p, &headers_of(&rows), &rows);
    let r = check(&p, false);
    let d: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "duplicate-column")
        .collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].params["count"].to_string(), "1");
}

#[test]
fn unknown_columns_say_what_they_probably_are() {
    let dir = tmp();
    let mut rows = clean_list();
    for r in rows.iter_mut().filter(|r| r.contains_key("事项名称")) {
        let phone = r.remove("咨询方式").unwrap();
        r.insert("联系号码".into(), phone);
        r.insert("经办人签字".into(), "张三".into());
    }
    let p = path_in(&dir, "sugg.csv");
    write_csv_without(&p, &rows, "咨询方式");
    let r = check(&p, false);
    let by_value = |v: &str| {
        r.findings
            .iter()
            .find(|f| f.rule == "unknown-column" && f.value.as_deref() == Some(v))
            .unwrap_or_else(|| panic!("{v}: {:?}", rules_of(&r)))
    };
    assert_eq!(
        by_value("联系号码")
            .params
            .get("suggestion")
            .map(|s| s.to_string()),
        Some("咨询方式".into())
    );
    // near miss: a signature column is nothing the standard knows
    assert!(!by_value("经办人签字").params.contains_key("suggestion"));
}

#[test]
fn handling_items_of_one_item_are_not_duplicates() {
    let dir = tmp();
    let base = clean_item("000111001000", 1);
    let mut rows = Vec::new();
    for case in ["初次检验", "年度检验", "临时检验"] {
        let mut r = base.clone();
        r.insert("事项名称".into(), format!("渔业船舶检验（{case}）"));
        rows.push(r);
    }
    let p = path_in(&dir, "handling.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    let r = check(&p, false);
    assert!(
        !rules_of(&r).contains(&"duplicate-impl-code"),
        "{:?}",
        rules_of(&r)
    );
    // told apart by their handling codes, whatever their names
    let mut coded = Vec::new();
    for n in 1..=3 {
        let mut r = base.clone();
        let code = format!("{}0{n}", r["实施编码"]);
        r.insert("业务办理项编码".into(), code);
        coded.push(r);
    }
    write_csv(&p, &headers_of(&coded), &coded);
    assert!(!rules_of(&check(&p, false)).contains(&"duplicate-impl-code"));
    // near miss: the same case twice is a duplicate, and so are two items
    rows.push(rows[0].clone());
    rows[3].remove("材料名称");
    write_csv(&p, &headers_of(&rows), &rows);
    assert!(rules_of(&check(&p, false)).contains(&"duplicate-impl-code"));
    let mut two = vec![base.clone(), base.clone()];
    two[1].insert("事项名称".into(), "另一个事项".into());
    write_csv(&p, &headers_of(&two), &two);
    assert!(rules_of(&check(&p, false)).contains(&"duplicate-impl-code"));
}

/// One item with `basic` as its basic code, in the 基本编码 column and
/// inside its 实施编码, or (`column` false) only inside its 实施编码.
fn coded(basic: &str, column: bool) -> FileReport {
    let dir = tmp();
    let mut r = clean_item("000111001000", 1);
    r.insert("实施编码".into(), format!("{BODY}4{basic}"));
    if column {
        r.insert("基本编码".into(), basic.into());
    } else {
        r.remove("基本编码");
    }
    let rows = vec![r];
    let headers: Vec<String> = headers_of(&rows)
        .into_iter()
        .filter(|h| column || h != "基本编码")
        .collect();
    let p = path_in(&dir, "coded.csv");
    write_csv(&p, &headers, &rows);
    check(&p, false)
}

fn verdicts(r: &FileReport) -> Vec<(String, santong::standard::Severity)> {
    let mut v: Vec<_> = r
        .findings
        .iter()
        .filter(|f| {
            [
                "invalid-basic-code",
                "main-item-implemented",
                "local-sub-item",
            ]
            .contains(&f.rule.as_str())
        })
        .map(|f| (f.rule.clone(), f.severity))
        .collect();
    v.sort();
    v
}

#[test]
fn letters_in_basic_codes_as_the_implementation_rules_write_them() {
    use santong::standard::Severity::*;
    for column in [true, false] {
        // a main item with sub-items is never implemented itself
        assert_eq!(
            verdicts(&coded("00011100100Y", column)),
            vec![("main-item-implemented".into(), Error)],
            "column {column}"
        );
        // a province's letter sub-item is a convention, said once
        assert_eq!(
            verdicts(&coded("000111001W01", column)),
            vec![("local-sub-item".into(), Warning)],
            "column {column}"
        );
        // near misses: a letter anywhere else is malformed, in either place
        assert_eq!(
            verdicts(&coded("0001110Y1001", column)),
            vec![("invalid-basic-code".into(), Error)],
            "column {column}"
        );
        assert!(verdicts(&coded("000111001000", column)).is_empty());
    }
}

#[test]
fn the_main_item_finding_names_its_sub_items_from_the_basic_catalogue() {
    let std = national();
    let basic = santong::check::BasicCatalogue::sample(&std).unwrap();
    let mut codes: Vec<&String> = basic.entries.keys().collect();
    codes.sort();
    let sub = codes[0].clone();
    let main = format!("{}00Y", &sub[..9]);
    let dir = tmp();
    let mut r = clean_item("000111001000", 1);
    r.insert("实施编码".into(), format!("{BODY}4{main}"));
    r.insert("基本编码".into(), main.clone());
    let p = path_in(&dir, "main.csv");
    write_csv(&p, &headers_of(&[r.clone()]), &[r]);
    let rep = check(&p, true);
    let f = rep
        .findings
        .iter()
        .find(|f| f.rule == "main-item-implemented")
        .expect("main-item-implemented");
    assert!(
        f.params["subs"].to_string().contains(&sub),
        "{:?}",
        f.params
    );
}

#[test]
fn fourteen_character_handling_codes_are_accepted() {
    let dir = tmp();
    let mut r = clean_item("000111001000", 1);
    r.insert("业务办理项编码".into(), "00011100100001".into());
    let p = path_in(&dir, "h14.csv");
    write_csv(&p, &headers_of(&[r.clone()]), &[r.clone()]);
    assert!(!rules_of(&check(&p, false)).contains(&"invalid-handling-code"));
    // near miss: another item's basic code
    r.insert("业务办理项编码".into(), "00011100200001".into());
    write_csv(&p, &headers_of(&[r.clone()]), &[r]);
    assert!(rules_of(&check(&p, false)).contains(&"invalid-handling-code"));
}

#[test]
fn phones_as_back_offices_write_them() {
    let dir = tmp();
    let p = path_in(&dir, "phones.csv");
    let cases = [
        // full-width hyphen: a dash other systems do not read, like an em dash
        ("0511－86058887", Some("phone-dash")),
        ("0511—86058887", Some("phone-dash")),
        // brackets of two widths
        ("（0511)-86812395", Some("phone-brackets")),
        ("（0511）86812395", None),
        // a national service number with an area code and a menu digit
        ("020-11183-6", None),
        // still impossible
        ("0511-860588", Some("invalid-phone")),
    ];
    for (phone, rule) in cases {
        let mut r = clean_item("000111001000", 1);
        r.insert("咨询方式".into(), phone.into());
        write_csv(&p, &headers_of(&[r.clone()]), &[r]);
        let report = check(&p, false);
        let phone_rules: Vec<&str> = rules_of(&report)
            .into_iter()
            .filter(|r| r.contains("phone"))
            .collect();
        assert_eq!(phone_rules, rule.into_iter().collect::<Vec<_>>(), "{phone}");
    }
}

#[test]
fn one_label_pasted_on_many_rows_is_one_finding() {
    let dir = tmp();
    let p = path_in(&dir, "labels.csv");
    let rows: Vec<Row> = (0..30)
        .map(|i| {
            let mut r = clean_item("000111001000", i + 1);
            r.insert("事项名称".into(), format!("测试事项{i}"));
            r.insert(
                "办理地点".into(),
                format!("办理地点：浦北县政务服务中心{i}号窗口"),
            );
            r
        })
        .collect();
    write_csv(&p, &headers_of(&rows), &rows);
    let report = check(&p, false);
    let found: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "label-in-value")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].count(), 30);
}

#[test]
fn codes_carrying_other_codes_are_checked_without_their_columns() {
    let dir = tmp();
    let p = path_in(&dir, "embedded.csv");
    let write = |handling: &str, drop_impl: bool| {
        let mut r = clean_item("000111001000", 1);
        r.insert("业务办理项编码".into(), handling.into());
        let mut drop = vec!["实施主体编码", "行使层级"];
        if drop_impl {
            drop.push("实施编码");
        }
        let rows = without(&[r], &drop);
        write_csv(&p, &headers_of(&rows), &rows);
        check(&p, false)
    };
    let good = format!("{BODY}4000111001000") + "01";
    assert!(!rules_of(&write(&good, true)).contains(&"invalid-handling-code"));
    // a credit code with a wrong check character, only inside the handling code
    let mut bad_credit = good.clone();
    bad_credit.replace_range(17..18, if &good[17..18] == "1" { "2" } else { "1" });
    let r = write(&bad_credit, true);
    let f: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "invalid-handling-code")
        .collect();
    assert_eq!(f.len(), 1, "{:?}", rules_of(&r));
    assert!(f[0].params["reason_en"].to_string().contains("credit code"));
    // a level digit no level has, with no level column to compare with
    let mut bad_level = good.clone();
    bad_level.replace_range(18..19, "8");
    assert!(rules_of(&write(&bad_level, true)).contains(&"invalid-handling-code"));
    // the same in an implementation code
    let rows = without(
        &[clean_item("000111001000", 1)],
        &["实施主体编码", "行使层级"],
    );
    let mut rows = rows;
    rows[0].insert("实施编码".into(), bad_level[..31].to_string());
    write_csv(&p, &headers_of(&rows), &rows);
    assert!(rules_of(&check(&p, false)).contains(&"impl-code-mismatch"));
    rows[0].insert("实施编码".into(), good[..31].to_string());
    write_csv(&p, &headers_of(&rows), &rows);
    assert!(!rules_of(&check(&p, false)).contains(&"impl-code-mismatch"));
}

#[test]
fn a_vendor_code_table_is_one_finding_per_column_naming_its_values() {
    let dir = tmp();
    let p = path_in(&dir, "vendor.csv");
    let mut rows = Vec::new();
    for (i, need) in ["true", "false", "fasle", "true"].iter().enumerate() {
        let mut r = clean_item("000111001000", i + 1);
        r.insert("事项名称".into(), format!("测试事项{i}"));
        r.insert("材料必要性".into(), need.to_string());
        r.insert("审批结果类型".into(), ["10", "20", "99", "10"][i].into());
        rows.push(r);
    }
    write_csv(&p, &headers_of(&rows), &rows);
    let r = check(&p, false);
    let vendor: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "vendor-code-table")
        .collect();
    assert_eq!(vendor.len(), 2, "{:?}", rules_of(&r));
    let values: Vec<String> = vendor
        .iter()
        .map(|f| f.params["values_en"].to_string())
        .collect();
    assert!(
        values
            .iter()
            .any(|v| v.contains("fasle ×1") && v.contains("true ×2")),
        "{values:?}"
    );
    assert!(values.iter().any(|v| v.contains("99 ×1")), "{values:?}");
    assert!(vendor.iter().all(|f| f.count() == 4));
    assert!(
        !rules_of(&r).contains(&"invalid-value"),
        "{:?}",
        rules_of(&r)
    );
    // near miss: national labels and codes
    for (i, r) in rows.iter_mut().enumerate() {
        r.insert("材料必要性".into(), ["必要", "1", "非必要", "2"][i].into());
        r.insert("审批结果类型".into(), "证照".into());
    }
    write_csv(&p, &headers_of(&rows), &rows);
    assert!(!rules_of(&check(&p, false)).contains(&"vendor-code-table"));
}

/// Run the binary.
fn santong(args: &[&std::ffi::OsStr]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("santong")
        .unwrap()
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn profile_drafts_a_standard_with_which_the_lists_have_no_label_or_code_finding() {
    let dir = tmp();
    // a county back office's list: its own header words, a code table of
    // its own, a provincial type code with its label column, a column
    // nobody can place
    let mut rows = Vec::new();
    for i in 0..6 {
        let mut r = clean_item("000111001000", i + 1);
        r.insert("事项名称".into(), format!("测试许可事项{i}"));
        r.insert(
            "材料必要性".into(),
            ["true", "false", "fasle"][i % 3].into(),
        );
        r.insert("审批结果类型".into(), ["10", "20", "99"][i % 3].into());
        r.insert("事项类型名称".into(), "行政许可".into());
        r.insert("内部流水标记".into(), format!("LS{i}"));
        rows.push(r);
    }
    let rows = rename(&rows, "咨询方式", "咨询服务电话号");
    let list = path_in(&dir, "某县.csv");
    write_csv_without(&list, &rows, "咨询方式");
    let draft = dir.path().join("草稿");
    let o = santong(&[
        "--lang".as_ref(),
        "en".as_ref(),
        "profile".as_ref(),
        list.as_os_str(),
        "--out".as_ref(),
        draft.as_os_str(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let vocab = std::fs::read_to_string(draft.join("vocabularies.yaml")).unwrap();
    assert!(
        vocab.contains("\"fasle\": \"非必要\"") && vocab.contains("to review"),
        "{vocab}"
    );
    let elements = std::fs::read_to_string(draft.join("elements.yaml")).unwrap();
    assert!(
        elements.contains("consult_phone") && elements.contains("咨询服务电话号"),
        "{elements}"
    );
    let standard = std::fs::read_to_string(draft.join("standard.yaml")).unwrap();
    assert!(
        standard.contains("extends: national") && standard.contains("内部流水标记"),
        "{standard}"
    );
    assert!(standard.contains("header in row 1"), "{standard}");
    // checked with the draft: no finding caused by a header word or a code table
    let std = santong::standard::Standard::from_dir(&draft).unwrap();
    let with = santong::check::check_file(&list, &std, &Default::default()).unwrap();
    let label_or_code = [
        "unknown-column",
        "vendor-code-table",
        "invalid-value",
        "provincial-code",
        "missing-column",
        "missing-required",
    ];
    let left: Vec<&str> = rules_of(&with)
        .into_iter()
        .filter(|r| label_or_code.contains(r))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // near miss: with the national standard they are all there
    let without = check(&list, false);
    for r in ["unknown-column", "vendor-code-table"] {
        assert!(rules_of(&without).contains(&r), "{r}");
    }
    // never over a draft without --force; in Chinese under zh
    let again = santong(&[
        "--lang".as_ref(),
        "zh".as_ref(),
        "profile".as_ref(),
        list.as_os_str(),
        "--out".as_ref(),
        draft.as_os_str(),
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let forced = santong(&[
        "--lang".as_ref(),
        "zh".as_ref(),
        "profile".as_ref(),
        list.as_os_str(),
        "--out".as_ref(),
        draft.as_os_str(),
        "--force".as_ref(),
    ]);
    assert_eq!(forced.status.code(), Some(0));
    let vocab = std::fs::read_to_string(draft.join("vocabularies.yaml")).unwrap();
    assert!(vocab.contains("待核对"), "{vocab}");
}

#[test]
fn handling_items_get_a_page_a_form_and_a_row_each() {
    let dir = tmp();
    let base = clean_item("000111001000", 1);
    let mut rows = Vec::new();
    for (n, case) in ["初次检验", "年度检验", "临时检验"].iter().enumerate() {
        let mut r = base.clone();
        r.insert("事项名称".into(), format!("渔业船舶检验（{case}）"));
        r.insert(
            "业务办理项编码".into(),
            format!("{}0{}", base["实施编码"], n + 1),
        );
        rows.push(r);
    }
    let p = path_in(&dir, "handling.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    let out = dir.path().join("md");
    let o = santong(&[
        "guide".as_ref(),
        p.as_os_str(),
        "--format".as_ref(),
        "md".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for (n, case) in ["初次检验", "年度检验", "临时检验"].iter().enumerate() {
        let page = out.join(format!("items/{}0{}.md", base["实施编码"], n + 1));
        let md =
            std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        assert!(md.contains(case), "{md}");
    }
    let forms = dir.path().join("forms");
    let o = santong(&[
        "form".as_ref(),
        p.as_os_str(),
        "--out".as_ref(),
        forms.as_os_str(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        files_below(&forms)
            .iter()
            .filter(|f| f.extension().is_some_and(|x| x == "xlsx"))
            .count(),
        3
    );
    let csv = dir.path().join("export");
    let o = santong(&[
        "export".as_ref(),
        p.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "--output".as_ref(),
        csv.as_os_str(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let items = std::fs::read_to_string(csv.join("items.csv")).unwrap();
    for n in 1..=3 {
        assert!(
            items.contains(&format!("{}0{n}", base["实施编码"])),
            "{items}"
        );
    }
}

#[test]
fn a_cumulative_table_graded_one_code_a_cell_is_a_vendor_table() {
    let dir = tmp();
    let p = path_in(&dir, "depth.csv");
    let write = |depths: &[&str]| {
        let rows: Vec<Row> = depths
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let mut r = clean_item("000111001000", i + 1);
                r.insert("事项名称".into(), format!("测试事项{i}"));
                r.insert("网上办理深度".into(), d.to_string());
                r
            })
            .collect();
        write_csv(&p, &headers_of(&rows), &rows);
        check(&p, false)
    };
    // a county system's own 1–4 grading
    let r = write(&["4", "2", "3", "4"]);
    let f: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.rule == "vendor-code-table")
        .collect();
    assert_eq!(f.len(), 1, "{:?}", rules_of(&r));
    assert!(f[0].params.contains_key("scale"));
    // near misses: the national cumulative lists, and a single cell
    assert!(
        !rules_of(&write(&["1,2,3,4", "1,2", "1,2,3", "1,2,3,4"])).contains(&"vendor-code-table")
    );
    assert!(!rules_of(&write(&["4", "1,2,3,4", "1,2", "1,2,3"])).contains(&"vendor-code-table"));
    // the guide shows a bare code as written, not as 互联网受理
    write(&["4", "2", "3", "4"]);
    let out = dir.path().join("md");
    let o = santong(&[
        "guide".as_ref(),
        p.as_os_str(),
        "--format".as_ref(),
        "md".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let pages: String = files_below(&out.join("items"))
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(!pages.contains("互联网受理"), "{pages}");
}
