//! `santong diff` on lists as real systems export them: portal exports
//! with no national basic code, names typed differently between cities,
//! handling items, two regions without a majority, local commitments, and
//! lists of different exercise levels. Each input is built here, of the
//! kind domain.md §8 describes.

use crate::common::*;
use assert_cmd::Command;
use serde_json::Value;

/// A portal index export (Sichuan): list-level fields only, no 基本编码.
fn portal(city: &str, area: &str, items: &[(&str, &str, &str)]) -> (Vec<String>, Vec<Row>) {
    let headers: Vec<String> = [
        "序号",
        "事项名称",
        "事项类型",
        "实施主体",
        "实施主体编码",
        "行政区划代码",
        "地方基本编码",
        "地方实施编码",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows = items
        .iter()
        .enumerate()
        .map(|(i, (name, typ, local))| {
            let mut r = Row::new();
            r.insert("序号".into(), (i + 1).to_string());
            r.insert("事项名称".into(), name.to_string());
            r.insert("事项类型".into(), typ.to_string());
            r.insert("实施主体".into(), format!("{city}卫生健康局"));
            r.insert("实施主体编码".into(), "11511301008778183N".into());
            r.insert("行政区划代码".into(), area.into());
            r.insert("地方基本编码".into(), local.to_string());
            if !local.is_empty() {
                r.insert(
                    "地方实施编码".into(),
                    format!("{local}-{area}-000-11511301008778183N-1-00"),
                );
            }
            r
        })
        .collect();
    (headers, rows)
}

fn diff(args: &[&std::ffi::OsStr]) -> (i32, Value, String) {
    let out = Command::cargo_bin("santong")
        .unwrap()
        .args(["--lang", "en", "diff", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap_or(-1),
        v,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn covered<'a>(v: &'a Value, name_part: &str) -> Vec<&'a Value> {
    v["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["name"].as_str().unwrap().contains(name_part))
        .collect()
}

#[test]
fn two_code_less_portal_exports_align_their_shared_items() {
    let dir = tmp();
    // 自流井区 and 江阳区: no national code on either side
    let (h, a) = portal(
        "自流井区",
        "511302000000",
        &[
            ("科研和教学用毒性药品购买审批", "1", ""),
            ("医疗机构执业登记（县级）", "1", ""),
            ("设立外籍人员子女学校", "1", ""),
            ("母婴保健技术服务机构执业许可", "1", "511A0138000000"),
            ("临时救助", "20", ""),
            ("只在自流井的事项", "20", ""),
            // a second body lists the same item: compared once
            ("医疗机构执业登记", "1", ""),
        ],
    );
    let (_, b) = portal(
        "江阳区",
        "510502000000",
        &[
            // a near name of the same item
            ("科研和教学所需毒性药品购用审批", "1", ""),
            // identical, typed with other brackets and a level note
            (" 医疗机构执业登记(县级行使）", "1", ""),
            // one character from the other list's item, but another item
            ("撤销外籍人员子女学校", "1", ""),
            // renamed, but the province's local code is shared
            ("母婴保健技术服务执业许可证核发", "1", "511A0138000000"),
            // the same name under another type: one item whose type differs
            ("临时救助", "1", ""),
            ("只在江阳的事项", "20", ""),
        ],
    );
    let pa = path_in(&dir, "自流井区.csv");
    let pb = path_in(&dir, "江阳区.csv");
    write_csv(&pa, &h, &a);
    write_csv(&pb, &h, &b);
    let (code, v, err) = diff(&[pa.as_os_str(), pb.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    let both = |name: &str| {
        let c = covered(&v, name);
        assert_eq!(c.len(), 1, "{name}: {c:?}");
        c[0]["regions"].as_array().unwrap().len()
    };
    assert_eq!(both("医疗机构执业登记"), 2);
    assert_eq!(both("毒性药品"), 2);
    assert_eq!(both("母婴保健"), 2);
    // 设立 and 撤销 are two items, however near their names
    assert_eq!(covered(&v, "外籍人员子女学校").len(), 2);
    assert_eq!(both("临时救助"), 2);
    assert!(v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["name"] == "临时救助" && d["element"] == "item_type"));
    assert_eq!(covered(&v, "只在").len(), 2);
    let al = v["alignments"].as_array().unwrap();
    let near = al
        .iter()
        .find(|a| a["method"] == "similar")
        .expect("a near-name alignment");
    let score = near["score"].as_f64().unwrap();
    assert!((0.8..1.0).contains(&score), "{near}");
    for name in [
        "母婴保健技术服务执业许可证核发",
        "母婴保健技术服务机构执业许可",
    ] {
        assert!(
            al.iter()
                .any(|a| a["method"] == "local-code" && a["name"] == name),
            "{name}"
        );
    }
    assert!(al
        .iter()
        .any(|a| a["method"] == "name" && a["name"] == "医疗机构执业登记(县级行使)"));
    // the human report shows the near alignment with its score
    let out = Command::cargo_bin("santong")
        .unwrap()
        .args(["--lang", "en", "diff"])
        .arg(&pa)
        .arg(&pb)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("aligned by near name") && text.contains(&format!("({score:.3})")),
        "{text}"
    );
    assert!(text.contains("items without a basic code"), "{text}");
    // a stricter threshold leaves the near names apart; a wrong one is refused
    let (_, v, _) = diff(&[
        "--min-similarity".as_ref(),
        "0.9".as_ref(),
        pa.as_os_str(),
        pb.as_os_str(),
    ]);
    assert_eq!(covered(&v, "毒性药品").len(), 2);
    let (code, _, err) = diff(&[
        "--min-similarity".as_ref(),
        "1.5".as_ref(),
        pa.as_os_str(),
        pb.as_os_str(),
    ]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn identical_names_align_when_only_one_side_has_codes() {
    let dir = tmp();
    let a: Vec<Row> = ["000111001000", "000111002000"]
        .iter()
        .enumerate()
        .map(|(i, c)| clean_item(c, i + 1))
        .collect();
    let mut b = a.clone();
    for r in &mut b {
        r.insert("基本编码".into(), String::new());
    }
    b[1].insert("事项名称".into(), "公共场所卫生许可（市级）".into());
    let pa = path_in(&dir, "a.csv");
    let pb = path_in(&dir, "b.csv");
    write_csv(&pa, &headers_of(&a), &a);
    write_csv(&pb, &headers_of(&b), &b);
    let (code, v, err) = diff(&[pa.as_os_str(), pb.as_os_str()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(v["summary"]["items_compared"], 2, "{v}");
    for c in v["coverage"].as_array().unwrap() {
        assert_eq!(c["regions"].as_array().unwrap().len(), 2, "{c}");
        assert!(c["basic_code"].is_string());
    }
}

/// Two regions whose statutory and promised limits differ on one item.
fn limits_pair(dir: &tempfile::TempDir) -> (std::path::PathBuf, std::path::PathBuf) {
    let mut a = vec![clean_item("000111001000", 1)];
    let mut b = a.clone();
    a[0].insert("法定办结时限".into(), "20".into());
    a[0].insert("承诺办结时限".into(), "10".into());
    b[0].insert("法定办结时限".into(), "30".into());
    b[0].insert("承诺办结时限".into(), "5".into());
    b[0].insert("实施主体".into(), "广州市市场监督管理局".into());
    let pa = path_in(dir, "广东省.csv");
    let pb = path_in(dir, "广州市.csv");
    write_csv(&pa, &headers_of(&a), &a);
    write_csv(&pb, &headers_of(&b), &b);
    (pa, pb)
}

#[test]
fn two_regions_are_symmetric_and_the_order_of_files_changes_nothing() {
    let dir = tmp();
    let (pa, pb) = limits_pair(&dir);
    for format in ["json", "human", "html"] {
        let run = |x: &std::path::Path, y: &std::path::Path| {
            Command::cargo_bin("santong")
                .unwrap()
                .args(["diff", "--format", format])
                .arg(x)
                .arg(y)
                .output()
                .unwrap()
                .stdout
        };
        assert_eq!(run(&pa, &pb), run(&pb, &pa), "{format}");
    }
    let (_, v, _) = diff(&[pa.as_os_str(), pb.as_os_str()]);
    // the statutory limit is a difference, with both values and no blame
    let d = &v["differences"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{v}");
    assert_eq!(d[0]["element"], "statutory_days");
    assert_eq!(d[0]["baseline_source"], "none");
    assert!(d[0]["baseline"].is_null());
    let values: Vec<(&str, &str)> = d[0]["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["region"].as_str().unwrap(), r["value"].as_str().unwrap()))
        .collect();
    assert_eq!(
        values,
        vec![("广东省", "20个工作日"), ("广州市", "30个工作日")]
    );
    assert_eq!(v["notes"][0]["kind"], "no-majority");
    assert!(v["notes"][0]["message"]
        .as_str()
        .unwrap()
        .contains("both values and blame"));
    // the promised limit is a variation, with each region's compression
    let var = &v["variations"][0];
    assert_eq!(var["element"], "promised_days");
    let comp: Vec<f64> = var["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["compression"].as_f64().unwrap())
        .collect();
    assert_eq!(comp, vec![0.5, 0.8333]);
    // a named baseline still blames
    let (_, v, _) = diff(&[
        "--baseline".as_ref(),
        pa.as_os_str(),
        pa.as_os_str(),
        pb.as_os_str(),
    ]);
    let d = &v["differences"][0];
    assert_eq!(d["baseline_source"], "广东省");
    assert_eq!(d["baseline"], "20个工作日");
    assert_eq!(d["regions"].as_array().unwrap().len(), 1);
    assert_eq!(d["regions"][0]["region"], "广州市");
}

#[test]
fn three_regions_with_a_majority_blame_the_one_that_departs() {
    let dir = tmp();
    let a = vec![clean_item("000111001000", 1)];
    let mut c = a.clone();
    c[0].insert("法定办结时限".into(), "30".into());
    let paths: Vec<_> = [("x.csv", &a), ("y.csv", &a), ("z.csv", &c)]
        .iter()
        .map(|(n, rows)| {
            let p = path_in(&dir, n);
            write_csv(&p, &headers_of(rows), rows);
            p
        })
        .collect();
    let (_, v, _) = diff(&[
        paths[2].as_os_str(),
        paths[0].as_os_str(),
        paths[1].as_os_str(),
    ]);
    let d = &v["differences"][0];
    assert_eq!(d["baseline_source"], "majority");
    assert_eq!(d["regions"].as_array().unwrap().len(), 1);
    assert_eq!(d["regions"][0]["region"], "z");
    assert!(v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["kind"] != "no-majority"));
}

/// A Guangdong list: 33-character handling codes in 实施编码 and the case
/// appended to the name.
fn handling_list(body: &str, cases: &[&str]) -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let mut r = clean_item("000111001000", i + 1);
        let impl_code = format!("{body}4000111001000");
        if case.is_empty() {
            r.insert("实施编码".into(), impl_code);
        } else {
            r.insert("实施编码".into(), format!("{impl_code}{:02}", i + 1));
            r.insert(
                "事项名称".into(),
                format!("食品经营许可({case})(食品经营许可(行政机关{case}))"),
            );
        }
        if *case == "注销" {
            r.insert("法定办结时限".into(), "5".into());
        }
        rows.push(r);
    }
    rows
}

#[test]
fn handling_items_compare_with_handling_items_or_roll_up() {
    let dir = tmp();
    let a = handling_list(BODY, &["", "注销", "变更"]);
    // the other city lists only handling items, numbered otherwise
    let mut b = handling_list(BODY2, &["变更", "注销"]);
    b[1].insert("法定办结时限".into(), "7".into());
    let pa = path_in(&dir, "a.csv");
    let pb = path_in(&dir, "b.csv");
    write_csv(&pa, &headers_of(&a), &a);
    write_csv(&pb, &headers_of(&b), &b);
    let (_, v, err) = diff(&[pa.as_os_str(), pb.as_os_str()]);
    assert!(err.is_empty(), "{err}");
    let keys: Vec<&str> = v["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        vec!["000111001000", "000111001000#变更", "000111001000#注销"]
    );
    // 注销 against 注销: 5 vs 7 statutory days; the whole item is not
    // compared with a handling item
    let d = v["differences"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["key"], "000111001000#注销");
    assert_eq!(d[0]["handling"], "注销");
    let note = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "handling")
        .unwrap();
    assert_eq!(note["items"], 4);
    assert_eq!(note["mode"], "separate");
    // rolled up: one item; a's whole item stands for a, b's first handling item for b
    let (_, v, _) = diff(&[
        "--handling".as_ref(),
        "roll-up".as_ref(),
        pa.as_os_str(),
        pb.as_os_str(),
    ]);
    assert_eq!(v["summary"]["items_compared"], 1, "{v}");
    assert_eq!(v["handling"], "roll-up");
    let note = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "handling")
        .unwrap();
    assert_eq!(note["rolled_up"], 3);
}

#[test]
fn lists_of_different_levels_compare_only_items_of_one_level() {
    let dir = tmp();
    let (pa, pb) = limits_pair(&dir);
    // the province's own list and a city's, told apart by 行使层级
    let set_level = |p: &std::path::Path, level: &str| {
        let text = std::fs::read_to_string(p).unwrap();
        std::fs::write(p, text.replace("县级", level)).unwrap();
    };
    set_level(&pa, "省级");
    set_level(&pb, "市级");
    let (_, v, _) = diff(&[pa.as_os_str(), pb.as_os_str()]);
    assert_eq!(v["differences"], serde_json::json!([]), "{v}");
    let note = v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "levels")
        .unwrap();
    assert_eq!(note["separated"], true);
    assert!(note["message"].as_str().unwrap().contains("--all-levels"));
    assert_eq!(v["region_summaries"][0]["level"], "省级");
    let (_, v, _) = diff(&["--all-levels".as_ref(), pa.as_os_str(), pb.as_os_str()]);
    assert_eq!(v["differences"][0]["element"], "statutory_days");
    // lists of one level carry no such note
    let text = std::fs::read_to_string(&pa).unwrap();
    std::fs::write(&pa, text.replace("省级", "市级")).unwrap();
    let (_, v, _) = diff(&[pa.as_os_str(), pb.as_os_str()]);
    assert!(v["notes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["kind"] != "levels"));
    assert_eq!(v["differences"][0]["element"], "statutory_days");
}
