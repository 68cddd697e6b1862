//! `santong template`: the blank workbook carries the standard's exact
//! headers, and filled with valid values it passes `check` with no errors.

use crate::common::*;
use assert_cmd::Command;
use calamine::{open_workbook, Reader, Xlsx};

fn headers(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<String> {
    let r = wb.worksheet_range(sheet).unwrap();
    r.rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect()
}

#[test]
fn blank_template_round_trips_through_check() {
    let dir = tmp();
    let t = path_in(&dir, "template.xlsx");
    Command::cargo_bin("santong")
        .unwrap()
        .args(["template", "--out"])
        .arg(&t)
        .assert()
        .code(0);
    let mut wb: Xlsx<_> = open_workbook(&t).unwrap();
    assert_eq!(wb.sheet_names(), vec!["实施清单", "申请材料", "代码表"]);
    let item_headers = headers(&mut wb, "实施清单");
    let material_headers = headers(&mut wb, "申请材料");
    let std = national();
    let item_labels: Vec<&str> = std
        .elements
        .iter()
        .filter(|e| e.scope == santong::standard::Scope::Item && e.label_of.is_none())
        .map(|e| e.label.as_str())
        .collect();
    assert_eq!(item_headers, item_labels, "exact national headers in order");
    assert_eq!(material_headers[0], "实施编码");
    assert!(material_headers.contains(&"材料名称".to_string()));

    // Fill it as a city would: every sample item, two materials each.
    let filled = path_in(&dir, "filled.xlsx");
    let mut out = rust_xlsxwriter::Workbook::new();
    let items = out.add_worksheet();
    items.set_name("实施清单").unwrap();
    for (c, h) in item_headers.iter().enumerate() {
        items.write_string(0, c as u16, h).unwrap();
    }
    let rows: Vec<Row> = clean_list()
        .into_iter()
        .filter(|r| r.contains_key("事项名称"))
        .collect();
    for (r, row) in rows.iter().enumerate() {
        for (c, h) in item_headers.iter().enumerate() {
            if let Some(v) = row.get(h).filter(|v| !v.is_empty()) {
                items.write_string(r as u32 + 1, c as u16, v).unwrap();
            }
        }
    }
    let mats = out.add_worksheet();
    mats.set_name("申请材料").unwrap();
    for (c, h) in material_headers.iter().enumerate() {
        mats.write_string(0, c as u16, h).unwrap();
    }
    let mut r = 1u32;
    for row in &rows {
        for m in ["申请书", "营业执照"] {
            let mut material = material_row(m);
            material.insert("实施编码".into(), row["实施编码"].clone());
            for (c, h) in material_headers.iter().enumerate() {
                if let Some(v) = material.get(h) {
                    mats.write_string(r, c as u16, v).unwrap();
                }
            }
            r += 1;
        }
    }
    out.save(&filled).unwrap();
    let rep = check(&filled, true);
    assert_eq!(rep.items, sample_items().len());
    assert_eq!(errors(&rep), vec![], "{:?}", hits(&rep));
    assert!(
        !hits(&rep)
            .iter()
            .any(|h| h.0 == "unknown-column" || h.0 == "missing-column"),
        "{:?}",
        hits(&rep)
    );
}

#[test]
fn provincial_elements_appear_in_the_template() {
    let dir = tmp();
    let std_dir = dir.path().join("gx");
    std::fs::create_dir(&std_dir).unwrap();
    std::fs::write(std_dir.join("standard.yaml"), "id: gx\nextends: national\n").unwrap();
    std::fs::write(
        std_dir.join("elements.yaml"),
        "elements:\n  - id: smart_desk\n    label: 是否进驻自助终端\n    type: code\n    vocabulary: yes_no\n",
    )
    .unwrap();
    let t = path_in(&dir, "gx.xlsx");
    Command::cargo_bin("santong")
        .unwrap()
        .args(["template", "--standard"])
        .arg(&std_dir)
        .arg("--out")
        .arg(&t)
        .assert()
        .code(0);
    let mut wb: Xlsx<_> = open_workbook(&t).unwrap();
    assert!(headers(&mut wb, "实施清单").contains(&"是否进驻自助终端".to_string()));
}
