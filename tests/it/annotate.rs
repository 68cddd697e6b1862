//! `check --annotate`: a copy of the city's workbook with every finding's
//! cell filled and noted, values untouched, a 检查结果 sheet first with a
//! link to each cell; CSV input becomes an xlsx copy; the input is never
//! written.

use crate::common::*;
use assert_cmd::Command;
use calamine::{open_workbook_auto, Data, Reader};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn santong() -> Command {
    Command::cargo_bin("santong").unwrap()
}

/// A realistic city workbook: a merged title row, numbers stored as
/// numbers, a date, set column widths, a materials sheet and a hidden
/// lookup sheet; with defects.
fn city_workbook(dir: &tempfile::TempDir) -> PathBuf {
    let mut rows = clean_list();
    rows[0].insert("承诺办结时限".into(), "30".into()); // promise-exceeds-statutory
    rows[2].insert("实施主体编码".into(), "11450721MB1558081X".into()); // invalid-credit-code
    rows[4].insert("受理条件".into(), "法律、法规规定的其他条件".into()); // catch-all-clause
    rows[6].insert("咨询方式".into(), "8212345".into()); // invalid-phone
    rows.insert(1, material_row("申请书")); // duplicate-material (warning)
    let headers = headers_of(&rows);
    let p = path_in(dir, "浦北县实施清单.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("实施清单").unwrap();
    ws.merge_range(
        0,
        0,
        0,
        7,
        "浦北县政务服务事项实施清单（2026年版）",
        &rust_xlsxwriter::Format::new(),
    )
    .unwrap();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(1, c as u16, h).unwrap();
        ws.set_column_width(c as u16, 10.0 + (c % 5) as f64 * 3.0)
            .unwrap();
    }
    let numeric = ["法定办结时限", "到办事现场次数", "序号", "份数"];
    for (r, row) in rows.iter().enumerate() {
        for (c, h) in headers.iter().enumerate() {
            let Some(v) = row.get(h).filter(|v| !v.is_empty()) else {
                continue;
            };
            let (r, c) = (r as u32 + 2, c as u16);
            match v.parse::<f64>() {
                Ok(n) if numeric.contains(&h.as_str()) => ws.write_number(r, c, n).unwrap(),
                _ => ws.write_string(r, c, v).unwrap(),
            };
        }
    }
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 3, 1).unwrap();
    let date_col = headers.len() as u16;
    ws.write_string(1, date_col, "更新日期").unwrap();
    ws.write_datetime_with_format(
        2,
        date_col,
        &date,
        &rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd"),
    )
    .unwrap();
    ws.set_row_hidden(4).unwrap(); // a hidden data row stays hidden in the copy
    let codes = wb.add_worksheet();
    codes.set_name("代码表").unwrap();
    codes.write_string(0, 0, "事项类型").unwrap();
    codes.write_string(1, 0, "行政许可").unwrap();
    codes.set_hidden(true);
    wb.save(&p).unwrap();
    p
}

fn json_report(file: &Path) -> Value {
    let out = santong()
        .args([
            "check", "--basic", "sample", "--format", "json", "--lang", "zh",
        ])
        .arg(file)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

type SheetCells = Vec<(String, Vec<(usize, usize, Data)>)>;

fn cells(path: &Path) -> SheetCells {
    let mut wb = open_workbook_auto(path).unwrap();
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).unwrap();
            let (r0, c0) = range.start().unwrap_or((0, 0));
            let cells = range
                .used_cells()
                .filter(|(_, _, d)| **d != Data::Empty)
                .map(|(r, c, d)| (r + r0 as usize, c + c0 as usize, d.clone()))
                .collect();
            (name, cells)
        })
        .collect()
}

fn same_value(a: &Data, b: &Data) -> bool {
    match (a, b) {
        (Data::DateTime(x), Data::DateTime(y)) => x.as_f64() == y.as_f64(),
        (Data::Int(x), Data::Float(y)) | (Data::Float(y), Data::Int(x)) => *x as f64 == *y,
        _ => a == b,
    }
}

#[test]
fn annotated_copy_marks_every_finding_and_keeps_every_value() {
    let dir = tmp();
    let input = city_workbook(&dir);
    let before = std::fs::read(&input).unwrap();
    let out = path_in(&dir, "批注.xlsx");
    santong()
        .args(["check", "--basic", "sample", "--lang", "zh", "--annotate"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(1);
    assert_eq!(
        std::fs::read(&input).unwrap(),
        before,
        "the input is never modified"
    );

    // every sheet and value of the input, in the copy
    let orig = cells(&input);
    let copy = cells(&out);
    assert_eq!(copy[0].0, "检查结果", "the findings sheet comes first");
    for (name, ocells) in &orig {
        let (_, ccells) = copy
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("sheet {name} missing from the copy"));
        assert_eq!(ocells.len(), ccells.len(), "{name}: cell count");
        for ((r, c, a), (r2, c2, b)) in ocells.iter().zip(ccells) {
            assert_eq!((r, c), (r2, c2), "{name}");
            assert!(
                same_value(a, b),
                "{name} row {r} col {c}: {a:?} became {b:?}"
            );
        }
    }

    let json = json_report(&input);
    let diags: Vec<&Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["row"].is_u64())
        .collect();
    assert!(diags.len() >= 5);
    let Some(python) = python_with("openpyxl") else {
        return;
    };
    let read = |p: &Path| -> Value {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py/office_check.py");
        let o = std::process::Command::new(&python)
            .arg(script)
            .arg("annotated")
            .arg(p)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let a = read(&out);
    let original = read(&input);
    for d in &diags {
        let col = d["column"].as_str().unwrap_or("A");
        let key = format!("{}!{}{}", d["sheet"].as_str().unwrap(), col, d["row"]);
        let mark = &a["marked"][&key];
        assert!(mark.is_object(), "{key} carries no note: {}", a["marked"]);
        let note = mark["note"].as_str().unwrap();
        assert!(
            note.contains(&format!("[{}]", d["rule"].as_str().unwrap())),
            "{note}"
        );
        assert!(note.contains(d["message"].as_str().unwrap()));
        let fill = mark["fill"].as_str().unwrap_or_default();
        let expected = match d["severity"].as_str().unwrap() {
            "error" => "FFFFC7CE",
            "warning" => "FFFFE699",
            _ => "FFBDD7EE",
        };
        // a cell with several findings is filled by the worst
        let worst_here = diags
            .iter()
            .filter(|x| {
                x["sheet"] == d["sheet"] && x["row"] == d["row"] && x["column"] == d["column"]
            })
            .any(|x| x["severity"] == "error");
        if !worst_here || d["severity"] == "error" {
            assert_eq!(fill, expected, "{key}");
        }
    }
    // no cell without a finding is marked
    assert!(a["marked"].as_object().unwrap().len() <= diags.len());
    // each finding is linked from the findings sheet
    let links = a["links"].as_array().unwrap();
    assert_eq!(links.len(), diags.len());
    for l in links {
        assert_eq!(l["sheet"], "检查结果");
        let loc = l["location"].as_str().unwrap();
        assert!(
            loc.ends_with(&format!("!{}", l["text"].as_str().unwrap())),
            "{loc}"
        );
    }
    // widths and the hidden sheet survive
    let w = &a["widths"]["实施清单"];
    assert_eq!(w, &original["widths"]["实施清单"]);
    assert!(w["A"].as_f64().unwrap() < w["C"].as_f64().unwrap(), "{w}");
    assert_eq!(a["hidden"], serde_json::json!(["代码表"]));
    assert_eq!(a["hidden_rows"]["实施清单"], serde_json::json!([5]));
    assert_eq!(
        a["hidden_rows"]["实施清单"],
        original["hidden_rows"]["实施清单"]
    );
}

#[test]
fn csv_input_becomes_an_xlsx_copy() {
    let dir = tmp();
    let mut rows = clean_list();
    rows[0].insert("承诺办结时限".into(), "30".into());
    let input = path_in(&dir, "灵山县.csv");
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    write_csv_bytes(&input, &headers_of(&rows), &rows, gbk);
    let out = path_in(&dir, "灵山县-批注.xlsx");
    santong()
        .args(["check", "--annotate"])
        .arg(&out)
        .arg(&input)
        .assert()
        .code(1);
    let copy = cells(&out);
    assert_eq!(copy.len(), 2);
    assert_eq!(copy[1].0, "灵山县");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(
            encoding_rs::GBK
                .decode(&std::fs::read(&input).unwrap())
                .0
                .as_bytes()
                .to_vec()
                .as_slice(),
        )
        .into_records()
        .map(|r| r.unwrap())
        .collect::<Vec<_>>();
    let mut expected = Vec::new();
    for (r, rec) in reader.drain(..).enumerate() {
        for (c, v) in rec.iter().enumerate() {
            if !v.trim().is_empty() {
                expected.push((r, c, Data::String(v.to_string())));
            }
        }
    }
    assert_eq!(copy[1].1, expected);
}

#[test]
fn annotate_refuses_the_input_and_several_files() {
    let dir = tmp();
    let input = city_workbook(&dir);
    let before = std::fs::read(&input).unwrap();
    santong()
        .args(["check", "--annotate"])
        .arg(&input)
        .arg(&input)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&input).unwrap(), before);
    let other = path_in(&dir, "b.csv");
    write_csv(&other, &headers_of(&clean_list()), &clean_list());
    let a = santong()
        .args(["check", "--annotate"])
        .arg(path_in(&dir, "x.xlsx"))
        .arg(&input)
        .arg(&other)
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&a.get_output().stderr).contains("--annotate"));
    // YAML cannot be copied as a workbook
    let y = path_in(&dir, "item.yaml");
    std::fs::write(&y, "事项名称: 测试\n").unwrap();
    santong()
        .args(["check", "--annotate"])
        .arg(path_in(&dir, "y.xlsx"))
        .arg(&y)
        .assert()
        .code(2);
}
