//! `santong diff`: regional lists built from one basic catalogue with known
//! injected differences plus formatting noise. Every injected difference
//! must be reported with the right regions and values, and nothing else.

use crate::common::*;
use assert_cmd::Command;
use serde_json::Value;

/// Formatting noise that must never count as a difference.
fn noisy(mut r: Row) -> Row {
    let name = r["事项名称"].clone();
    r.insert(
        "事项名称".into(),
        format!(" {}\u{3000}", name.replace('（', "(").replace('）', ")")),
    );
    r.insert("事项类型".into(), "01".into()); // code instead of label
    r.insert("服务对象".into(), "非法人企业,企业法人".into()); // other order and separator
    r.insert("办理形式".into(), "快递申请^窗口办理^网上办理".into());
    r.insert("法定办结时限".into(), "２０个工作日".into()); // full-width, unit written out
    let basis = r["设定依据"].replace('，', ", ");
    r.insert("设定依据".into(), format!("{basis}\n"));
    r
}

fn region(items: &[Row], materials: &[&[&str]]) -> Vec<Row> {
    let mut rows = Vec::new();
    for (item, mats) in items.iter().zip(materials) {
        // every material carries the same attributes wherever it is listed
        let mut first = item.clone();
        first.extend(material_row(mats[0]));
        rows.push(first);
        for m in &mats[1..] {
            rows.push(material_row(m));
        }
    }
    rows
}

const CODES: [&str; 3] = ["000111001000", "000111002000", "000120001000"];

fn base_items() -> Vec<Row> {
    CODES
        .iter()
        .enumerate()
        .map(|(i, c)| clean_item(c, i + 1))
        .collect()
}

fn write(dir: &tempfile::TempDir, name: &str, rows: &[Row]) -> std::path::PathBuf {
    let p = path_in(dir, name);
    write_csv(&p, &headers_of(rows), rows);
    p
}

fn run(args: &[&std::ffi::OsStr]) -> (i32, Value) {
    let out = Command::cargo_bin("santong")
        .unwrap()
        .arg("diff")
        .args(args)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), v)
}

#[test]
fn injected_differences_are_reported_and_noise_is_not() {
    let dir = tmp();
    let mats: [&[&str]; 3] = [
        &["申请书", "营业执照"],
        &["申请书", "卫生检测报告"],
        &["申请书", "经营场所证明"],
    ];
    // A: clean. B: noisy, renamed item 2, statutory limit changed on item 1.
    // C: materials in another order, an extra material on item 1, fee charged on item 3.
    // D: a missing material on item 2, conditions changed on item 3, material type changed on item 1.
    let a = region(&base_items(), &mats);
    let mut b_items: Vec<Row> = base_items().into_iter().map(noisy).collect();
    b_items[1].insert("事项名称".into(), "公共场所卫生许可证核发".into());
    b_items[0].insert("法定办结时限".into(), "30".into());
    let b = region(&b_items, &mats);
    let mut c_items = base_items();
    c_items[2].insert("是否收费".into(), "是".into());
    c_items[2].insert("收费标准".into(), "每证20元".into());
    c_items[2].insert("收费依据".into(), "《出版物经营许可收费办法》".into());
    let c_mats: [&[&str]; 3] = [
        &["营业执照", "申请书", "法定代表人身份证明"],
        &["卫生检测报告", "申请书"],
        &["经营场所证明", "申请书"],
    ];
    let c = region(&c_items, &c_mats);
    let mut d_items = base_items();
    d_items[2].insert(
        "受理条件".into(),
        "申请人具有与申请事项相适应的场所和人员。".into(),
    );
    let mut d = region(
        &d_items,
        &[
            &["申请书", "营业执照"],
            &["申请书"],
            &["申请书", "经营场所证明"],
        ],
    );
    d[1].insert("材料类型".into(), "原件".into());
    let d_path = write(&dir, "d.csv", &d);
    let files = [
        write(&dir, "a.csv", &a),
        write(&dir, "b.csv", &b),
        write(&dir, "c.csv", &c),
        d_path,
    ];
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "--basic".as_ref(),
        "sample".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ];
    for (f, n) in files.iter().zip(["甲市", "乙市", "丙市", "丁市"]) {
        args.push(f.as_os_str());
        args.push("--name".as_ref());
        args.push(n.as_ref());
    }
    let (code, v) = run(&args);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["version"], 2);
    assert_eq!(v["baseline"], "basic");
    // regions in name order, whatever the order of the files
    assert_eq!(
        v["regions"],
        serde_json::json!(["丁市", "丙市", "乙市", "甲市"])
    );
    let diffs = v["differences"].as_array().unwrap();
    let got: Vec<(String, String, Vec<String>)> = diffs
        .iter()
        .map(|d| {
            (
                d["basic_code"].as_str().unwrap().to_string(),
                d["element"].as_str().unwrap().to_string(),
                d["regions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["region"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect();
    let want = vec![
        ("000111001000", "statutory_days", vec!["乙市"]),
        ("000111001000", "materials", vec!["丁市", "丙市"]),
        ("000111002000", "name", vec!["乙市"]),
        ("000111002000", "materials", vec!["丁市"]),
        ("000120001000", "fee", vec!["丙市"]),
        ("000120001000", "fee_rate", vec!["丙市"]),
        ("000120001000", "fee_basis", vec!["丙市"]),
        ("000120001000", "conditions", vec!["丁市"]),
    ];
    let want: Vec<(String, String, Vec<String>)> = want
        .into_iter()
        .map(|(c, e, r)| {
            (
                c.to_string(),
                e.to_string(),
                r.into_iter().map(String::from).collect(),
            )
        })
        .collect();
    let mut got_sorted = got.clone();
    got_sorted.sort();
    let mut want_sorted = want.clone();
    want_sorted.sort();
    assert_eq!(
        got_sorted,
        want_sorted,
        "{}",
        serde_json::to_string_pretty(&v["differences"]).unwrap()
    );

    let find = |code: &str, el: &str| {
        diffs
            .iter()
            .find(|d| d["basic_code"] == code && d["element"] == el)
            .unwrap()
    };
    let name = find("000111002000", "name");
    assert_eq!(name["label"], "事项名称");
    assert_eq!(name["baseline"], "公共场所卫生许可");
    assert_eq!(name["baseline_source"], "basic");
    assert_eq!(name["regions"][0]["value"], "公共场所卫生许可证核发");
    let limit = find("000111001000", "statutory_days");
    assert_eq!(limit["baseline"], "20个工作日");
    assert_eq!(limit["regions"][0]["value"], "30个工作日");
    // a statutory limit is no commitment: no compression on a difference
    assert!(limit["regions"][0].get("compression").is_none());
    let mats = find("000111001000", "materials");
    assert_eq!(mats["label"], "申请材料");
    let region_dev = |d: &Value, r: &str| {
        d["regions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["region"] == r)
            .cloned()
            .unwrap()
    };
    let c_dev = region_dev(mats, "丙市");
    assert_eq!(c_dev["extra"], serde_json::json!(["法定代表人身份证明"]));
    assert_eq!(c_dev["missing"], serde_json::json!([]));
    let d_dev = region_dev(mats, "丁市");
    assert_eq!(d_dev["changed"][0]["material"], "营业执照");
    assert_eq!(d_dev["changed"][0]["attribute"], "material_type");
    assert_eq!(
        (
            d_dev["changed"][0]["baseline"].as_str(),
            d_dev["changed"][0]["value"].as_str()
        ),
        (Some("复印件"), Some("原件"))
    );
    let missing = find("000111002000", "materials");
    assert_eq!(
        missing["regions"][0]["missing"],
        serde_json::json!(["卫生检测报告"])
    );
    let cond = find("000120001000", "conditions");
    let runs = cond["regions"][0]["diff"].as_array().unwrap();
    assert!(
        runs.iter().any(|r| r[0] == "delete" && r[1] == "、设备"),
        "{runs:?}"
    );
    assert_eq!(v["summary"]["items_compared"], 3);
    assert_eq!(v["summary"]["identical"], 0);
    assert_eq!(v["summary"]["differences"], 8);
    // the promised limits agree (10 everywhere): no variation; 乙市's
    // statutory 30 makes it compress more, which only shows on a variation
    assert_eq!(v["summary"]["variations"], 0);
}

#[test]
fn identical_regions_with_noise_have_no_differences_and_fail_if_diff_gates() {
    let dir = tmp();
    let mats: [&[&str]; 3] = [&["申请书"], &["申请书"], &["申请书"]];
    let a = write(&dir, "a.csv", &region(&base_items(), &mats));
    let b_items: Vec<Row> = base_items().into_iter().map(noisy).collect();
    let b = write(&dir, "b.csv", &region(&b_items, &mats));
    let (code, v) = run(&[
        "--format".as_ref(),
        "json".as_ref(),
        "--fail-if-diff".as_ref(),
        a.as_os_str(),
        b.as_os_str(),
    ]);
    assert_eq!(
        code,
        0,
        "{}",
        serde_json::to_string_pretty(&v["differences"]).unwrap()
    );
    assert_eq!(v["differences"], serde_json::json!([]));
    assert_eq!(v["summary"]["identical"], 3);
    assert_eq!(v["baseline"], "majority");
    assert_eq!(v["regions"], serde_json::json!(["a", "b"]));
    // a shorter promised limit is a local commitment: variation, no gate
    let mut c_items = base_items();
    c_items[0].insert("承诺办结时限".into(), "5个工作日".into());
    let c = write(&dir, "c.csv", &region(&c_items, &mats));
    let (code, v) = run(&[
        "--format".as_ref(),
        "json".as_ref(),
        "--fail-if-diff".as_ref(),
        a.as_os_str(),
        b.as_os_str(),
        c.as_os_str(),
    ]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["differences"], serde_json::json!([]));
    let var = &v["variations"][0];
    assert_eq!(var["element"], "promised_days");
    let c_val = var["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["region"] == "c")
        .unwrap();
    assert_eq!(c_val["value"], "5个工作日");
    // 5 of a statutory 20: 75 % compression
    assert_eq!(c_val["compression"], 0.75);
    // a statutory limit that differs trips the gate
    c_items[0].insert("法定办结时限".into(), "30".into());
    let c = write(&dir, "c.csv", &region(&c_items, &mats));
    let (code, v) = run(&[
        "--format".as_ref(),
        "json".as_ref(),
        "--fail-if-diff".as_ref(),
        a.as_os_str(),
        b.as_os_str(),
        c.as_os_str(),
    ]);
    assert_eq!(code, 1);
    assert_eq!(v["differences"][0]["element"], "statutory_days");
    assert_eq!(v["differences"][0]["regions"][0]["region"], "c");
    assert_eq!(v["differences"][0]["baseline_source"], "majority");
}

#[test]
fn a_named_region_baseline_and_name_alignment_with_score() {
    let dir = tmp();
    let mats: [&[&str]; 3] = [&["申请书"], &["申请书"], &["申请书"]];
    let a = write(&dir, "a.csv", &region(&base_items(), &mats));
    let mut b_items = base_items();
    // malformed basic code and a slightly different name: aligned by name
    b_items[2].insert("基本编码".into(), "00012000100".into());
    b_items[2].insert("事项名称".into(), "出版物零售单位设立、变更审核".into());
    b_items[0].insert("承诺办结时限".into(), "3".into());
    let b = write(&dir, "b.csv", &region(&b_items, &mats));
    let (code, v) = run(&[
        "--format".as_ref(),
        "json".as_ref(),
        "--basic".as_ref(),
        "sample".as_ref(),
        "--baseline".as_ref(),
        b.as_os_str(),
        a.as_os_str(),
        b.as_os_str(),
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["baseline"], "b");
    let al = &v["alignments"][0];
    assert_eq!(al["region"], "b");
    assert_eq!(al["basic_code"], "000120001000");
    assert!(
        al["score"].as_f64().unwrap() >= 0.8 && al["score"].as_f64().unwrap() < 1.0,
        "{al}"
    );
    let d = v["differences"].as_array().unwrap();
    // the promised limit is a local commitment, whatever the baseline
    assert!(d.iter().all(|x| x["element"] != "promised_days"));
    assert_eq!(v["variations"][0]["element"], "promised_days");
    // a named region is the baseline for every element, the name too
    let n = d.iter().find(|x| x["element"] == "name").unwrap();
    assert_eq!(n["basic_code"], "000120001000");
    assert_eq!(n["baseline"], "出版物零售单位设立、变更审核");
    assert_eq!(n["regions"][0]["region"], "a", "{n}");
}

#[test]
fn bad_diff_usage_exits_two() {
    let dir = tmp();
    let a = write(&dir, "a.csv", &base_items());
    let (code, _) = run(&["--baseline".as_ref(), "basic".as_ref(), a.as_os_str()]);
    assert_eq!(code, 2);
    let (code, _) = run(&["--baseline".as_ref(), "nowhere".as_ref(), a.as_os_str()]);
    assert_eq!(code, 2);
    let (code, _) = run(&[a.as_os_str(), a.as_os_str()]);
    assert_eq!(code, 2, "two regions with one name");
    let (code, _) = run(&[a.as_os_str(), path_in(&dir, "missing.csv").as_os_str()]);
    assert_eq!(code, 2);
}

#[test]
fn workbook_and_page_outputs() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = tmp();
    let mats: [&[&str]; 3] = [&["申请书"], &["申请书"], &["申请书"]];
    let a = write(&dir, "a.csv", &region(&base_items(), &mats));
    let mut b_items = base_items();
    b_items[0].insert("承诺办结时限".into(), "5".into());
    b_items[0].insert("法定办结时限".into(), "30".into());
    let b = write(
        &dir,
        "b.csv",
        &region(
            &b_items,
            &[&["申请书", "营业执照"], &["申请书"], &["申请书"]],
        ),
    );
    let out = path_in(&dir, "diff.xlsx");
    let (code, _) = run(&[
        "--format".as_ref(),
        "xlsx".as_ref(),
        "--output".as_ref(),
        out.as_os_str(),
        a.as_os_str(),
        b.as_os_str(),
    ]);
    assert_eq!(code, 0);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        vec![
            "Summary",
            "Identity",
            "Time limits",
            "Fees",
            "Conditions",
            "Materials",
            "Local commitments"
        ]
    );
    let mut second_row = |sheet: &str| -> Vec<String> {
        let range = wb.worksheet_range(sheet).unwrap();
        let row = range.rows().nth(1).unwrap();
        row.iter().map(|c| c.to_string()).collect()
    };
    let row = second_row("Time limits");
    // two regions: no majority, both values, neither blamed
    assert_eq!(
        row,
        vec![
            "000111001000",
            "食品经营许可",
            "法定办结时限",
            "no majority; every region's value",
            "20个工作日",
            "30个工作日"
        ]
    );
    let row = second_row("Local commitments");
    assert_eq!(
        row,
        vec![
            "000111001000",
            "食品经营许可",
            "承诺办结时限",
            "10个工作日 (compression 50%)",
            "5个工作日 (compression 83%)"
        ]
    );
    let row = second_row("Materials");
    assert_eq!(row[0], "000111001000");
    // xlsx needs a file to go to
    let (code, _) = run(&[
        "--format".as_ref(),
        "xlsx".as_ref(),
        a.as_os_str(),
        b.as_os_str(),
    ]);
    assert_eq!(code, 2);
    // score as a workbook
    let out = path_in(&dir, "score.xlsx");
    let st = Command::cargo_bin("santong")
        .unwrap()
        .args(["score", "--format", "xlsx", "--output"])
        .arg(&out)
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap()
        .status;
    assert_eq!(st.code(), Some(0));
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let r = wb.worksheet_range("Scores").unwrap();
    assert_eq!(r.height(), 3);
}

/// Run `diff --format json` on files, without a basic catalogue.
fn diff_json(files: &[&std::path::Path]) -> Value {
    let mut args: Vec<&std::ffi::OsStr> = vec!["--format".as_ref(), "json".as_ref()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    let (code, v) = run(&args);
    assert_eq!(code, 0, "{v}");
    v
}

#[test]
fn the_same_item_under_two_codes_is_a_code_conflict() {
    let dir = tmp();
    let mats: [&[&str]; 3] = [&["申请书"], &["申请书"], &["申请书"]];
    let a = write(&dir, "广东.csv", &region(&base_items(), &mats));
    // another province lists the first item under a local code
    let mut items = base_items();
    let local = "440132047002";
    items[0].insert("基本编码".into(), local.into());
    items[0].insert("实施编码".into(), format!("{BODY}4{local}"));
    let b = write(&dir, "江苏.csv", &region(&items, &mats));
    let v = diff_json(&[&a, &b]);
    let d = v["differences"].as_array().unwrap();
    let c: Vec<&Value> = d
        .iter()
        .filter(|x| x["element"] == "code-conflict")
        .collect();
    assert_eq!(c.len(), 1, "{d:?}");
    let codes: Vec<&str> = c[0]["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["value"].as_str().unwrap())
        .collect();
    // two regions, no majority: both codes shown, neither blamed
    assert_eq!(c[0]["baseline_source"], "none");
    assert_eq!(codes, vec!["000111001000", local]);
    // the item was compared: three items, none unaligned
    assert_eq!(v["summary"]["items_compared"], 3, "{}", v["summary"]);
    assert_eq!(v["summary"]["unaligned"], 0);
    assert!(v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["kind"] == "code-conflicts"));

    // near misses: the name listed twice in one region is not unique
    let mut twice = items.clone();
    let mut again = items[0].clone();
    again.insert("基本编码".into(), "440132047003".into());
    twice.push(again);
    let mats4: [&[&str]; 4] = [&["申请书"], &["申请书"], &["申请书"], &["申请书"]];
    let b2 = write(&dir, "江苏2.csv", &region(&twice, &mats4));
    let v = diff_json(&[&a, &b2]);
    assert!(!v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["element"] == "code-conflict"));
    // and another name under another code is another item
    items[0].insert("事项名称".into(), "另一个许可事项".into());
    let b3 = write(&dir, "江苏3.csv", &region(&items, &mats));
    let v = diff_json(&[&a, &b3]);
    assert!(!v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["element"] == "code-conflict"));
    assert_eq!(v["summary"]["unaligned"], 2, "{}", v["summary"]);
}

#[test]
fn items_aligned_with_nothing_are_never_counted_identical() {
    let dir = tmp();
    let mats: [&[&str]; 1] = [&["申请书"]];
    let a = write(&dir, "a.csv", &region(&base_items()[..1], &mats));
    let b = write(&dir, "b.csv", &region(&base_items()[2..], &mats));
    let v = diff_json(&[&a, &b]);
    let s = &v["summary"];
    assert_eq!(
        (s["items_compared"].as_u64(), s["identical"].as_u64()),
        (Some(0), Some(0)),
        "{s}"
    );
    assert_eq!(s["unaligned"], 2);
    let note = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "aligns-with-nothing")
        .unwrap_or_else(|| panic!("{}", v["notes"]));
    assert_eq!(note["regions"], serde_json::json!(["a", "b"]));
}
