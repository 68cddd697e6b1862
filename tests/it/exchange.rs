//! The national exchange JSON (domain.md §8) as a catalogue input: county
//! records in the AUDIT_* shape are read completely, located by path, and
//! give the findings the same records give as a spreadsheet.

use crate::common::*;
use assert_cmd::Command;
use serde_json::{json, Map, Value};

/// Where each national header of the test lists travels in an exchange
/// record: (label, part, field).
const FIELDS: [(&str, &str, &str); 26] = [
    ("事项名称", "AUDIT_ITEM", "task_name"),
    ("基本编码", "AUDIT_ITEM", "catalog_code"),
    ("实施编码", "AUDIT_ITEM", "task_code"),
    ("事项类型", "AUDIT_ITEM", "task_type"),
    ("权力来源", "AUDIT_ITEM", "item_source"),
    ("行使层级", "AUDIT_ITEM", "use_level"),
    ("实施主体", "AUDIT_ITEM", "dept_name"),
    ("实施主体性质", "AUDIT_ITEM", "dept_type"),
    ("实施主体编码", "AUDIT_ITEM", "dept_code"),
    ("法定办结时限", "AUDIT_ITEM", "anticipate_day"),
    ("承诺办结时限", "AUDIT_ITEM", "promise_day"),
    ("办件类型", "AUDIT_ITEM", "project_type"),
    ("服务对象", "AUDIT_ITEM", "serve_type"),
    ("办理形式", "AUDIT_ITEM", "handle_type"),
    ("到办事现场次数", "AUDIT_ITEM", "limit_scene_num"),
    ("必须现场办理原因说明", "AUDIT_ITEM", "scene_reason"),
    ("是否收费", "AUDIT_ITEM", "is_fee"),
    ("受理条件", "AUDIT_ITEM", "accept_name"),
    ("咨询方式", "AUDIT_ITEM", "link_way"),
    ("监督投诉方式", "AUDIT_ITEM", "supervise_way"),
    ("网上办理深度", "AUDIT_ITEM_EXTEND", "wsblsd"),
    ("审批结果名称", "AUDIT_ITEM_EXTEND", "result_name"),
    ("审批结果类型", "AUDIT_ITEM_EXTEND", "result_type"),
    ("设定依据", "AUDIT_ITEM_BYLAW", "law_name"),
    ("办理地点", "AUDIT_ITEM_WINDOW", "transact_addr"),
    ("办理时间", "AUDIT_ITEM_WINDOW", "transact_time"),
];

const MATERIAL_FIELDS: [(&str, &str); 6] = [
    ("材料名称", "material_name"),
    ("材料必要性", "is_need"),
    ("材料类型", "material_type"),
    ("材料形式", "material_form"),
    ("份数", "original_amount"),
    ("来源渠道", "source_type"),
];

/// A county's items (without 办理流程, which the exchange format does not
/// carry), each with three materials.
fn county() -> Vec<(Row, Vec<Row>)> {
    sample_items()
        .iter()
        .enumerate()
        .map(|(i, (code, ..))| {
            let mut item = clean_item(code, i + 1);
            item.remove("办理流程");
            item.remove("序号");
            let mut mats = Vec::new();
            for name in ["申请书", "营业执照", &format!("第{}项专用材料", i + 1)] {
                let mut m = Row::new();
                for (label, _) in MATERIAL_FIELDS {
                    m.insert(label.into(), item.get(label).cloned().unwrap_or_default());
                }
                m.insert("材料名称".into(), name.to_string());
                mats.push(m);
            }
            for (label, _) in MATERIAL_FIELDS {
                item.remove(label);
            }
            (item, mats)
        })
        .collect()
}

/// The county as exchange records; numbers as JSON numbers.
fn as_exchange(items: &[(Row, Vec<Row>)]) -> Value {
    let records: Vec<Value> = items
        .iter()
        .map(|(item, mats)| {
            let mut parts: Map<String, Value> = Map::new();
            let object = |part: &str| -> Map<String, Value> {
                parts
                    .get(part)
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default()
            };
            let mut audit = object("AUDIT_ITEM");
            let mut extend = object("AUDIT_ITEM_EXTEND");
            let mut window = Map::new();
            let mut laws = Vec::new();
            for (label, part, field) in FIELDS {
                let Some(v) = item.get(label).filter(|v| !v.is_empty()) else {
                    continue;
                };
                let value = match v.parse::<i64>() {
                    Ok(n) if !v.starts_with('0') || v == "0" => json!(n),
                    _ => json!(v),
                };
                match part {
                    "AUDIT_ITEM" => {
                        audit.insert(field.into(), value);
                    }
                    "AUDIT_ITEM_EXTEND" => {
                        extend.insert(field.into(), value);
                    }
                    "AUDIT_ITEM_WINDOW" => {
                        window.insert(field.into(), value);
                    }
                    _ => laws.push(json!({ field: value })),
                }
            }
            audit.insert("task_version".into(), json!(1));
            audit.insert("rowguid".into(), json!("0f3a"));
            parts.insert("AUDIT_ITEM".into(), Value::Object(audit));
            parts.insert("AUDIT_ITEM_EXTEND".into(), Value::Object(extend));
            parts.insert("AUDIT_ITEM_BYLAW".into(), Value::Array(laws));
            parts.insert("AUDIT_ITEM_WINDOW".into(), json!([window]));
            let materials: Vec<Value> = mats
                .iter()
                .enumerate()
                .map(|(k, m)| {
                    let mut o = Map::new();
                    for (label, field) in MATERIAL_FIELDS {
                        if let Some(v) = m.get(label).filter(|v| !v.is_empty()) {
                            o.insert(field.into(), json!(v));
                        }
                    }
                    o.insert("ordernum".into(), json!(k + 1));
                    Value::Object(o)
                })
                .collect();
            parts.insert("AUDIT_MATERIAL".into(), Value::Array(materials));
            Value::Object(parts)
        })
        .collect();
    json!({ "data": { "list": records } })
}

/// The county as a spreadsheet list, materials as continuation rows.
fn as_rows(items: &[(Row, Vec<Row>)]) -> Vec<Row> {
    let mut rows = Vec::new();
    for (item, mats) in items {
        let mut first = item.clone();
        first.extend(mats[0].clone());
        rows.push(first);
        rows.extend(mats[1..].iter().cloned());
    }
    rows
}

fn write_json(dir: &tempfile::TempDir, name: &str, v: &Value) -> std::path::PathBuf {
    let p = path_in(dir, name);
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p
}

/// (rule, element id, value) of every finding, sorted.
fn findings(r: &santong::check::FileReport) -> Vec<(String, String, String)> {
    let std = national();
    let mut v: Vec<_> = r
        .findings
        .iter()
        .map(|f| {
            (
                f.rule.clone(),
                f.element
                    .map(|e| std.elements[e].id.clone())
                    .unwrap_or_default(),
                f.value.clone().unwrap_or_default(),
            )
        })
        .collect();
    v.sort();
    v
}

fn check_json(path: &std::path::Path) -> Value {
    let out = Command::cargo_bin("santong")
        .unwrap()
        .args(["--lang", "en", "check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn county_records_are_read_completely_and_clean_ones_have_no_errors() {
    let dir = tmp();
    let items = county();
    let p = write_json(&dir, "county.json", &as_exchange(&items));
    let r = check(&p, true);
    assert_eq!(r.items, items.len());
    let errors: Vec<_> = findings(&r)
        .into_iter()
        .filter(|f| {
            r.findings
                .iter()
                .any(|x| x.rule == f.0 && x.severity == santong::standard::Severity::Error)
        })
        .collect();
    assert_eq!(errors, vec![], "{:#?}", r.findings);
    // every material is read: a defect in the last material of the last
    // item is found and located by its path
    let mut bad = items.clone();
    let last = bad.len() - 1;
    bad[last].1[2].insert("材料必要性".into(), "可能".into());
    bad[0]
        .0
        .insert("实施主体编码".into(), "1145072100811537XX".into());
    let p = write_json(&dir, "bad.json", &as_exchange(&bad));
    let v = check_json(&p);
    let f = v["diagnostics"].as_array().unwrap();
    let at = |rule: &str| {
        f.iter()
            .find(|x| x["rule"] == rule)
            .map(|x| x["location"].as_str().unwrap().to_string())
    };
    assert_eq!(
        at("invalid-value").as_deref(),
        Some(format!("[{last}].AUDIT_MATERIAL[2].is_need").as_str()),
        "{f:#?}"
    );
    assert_eq!(
        at("invalid-credit-code").as_deref(),
        Some("[0].AUDIT_ITEM.dept_code")
    );
    assert!(
        f.iter().all(|x| x["row"].is_null()),
        "no rows in a JSON file"
    );
}

#[test]
fn the_same_records_as_a_spreadsheet_give_the_same_findings() {
    let dir = tmp();
    let mut items = county();
    // defects of several kinds, the same in both forms
    items[0].0.insert("法定办结时限".into(), "5".into()); // promised above statutory
    items[1].0.insert("咨询方式".into(), "12345678".into()); // no area code
    items[2].0.insert("事项类型".into(), "行政审批".into()); // not a type
    items[3].1[1].insert("材料类型".into(), "影印件".into());
    let p = write_json(&dir, "county.json", &as_exchange(&items));
    let rows = as_rows(&items);
    let c = path_in(&dir, "county.csv");
    write_csv(&c, &headers_of(&rows), &rows);
    let (from_json, from_csv) = (check(&p, true), check(&c, true));
    assert_eq!(from_json.items, from_csv.items);
    // the sheet's blank 办理流程 and absent penalty columns are findings;
    // the exchange format has no field for them, so a record cannot lack them
    let std = national();
    let carried: Vec<_> = findings(&from_csv)
        .into_iter()
        .filter(|f| std.element(&f.1).is_none_or(|e| e.exchange_field.is_some()))
        .collect();
    assert_eq!(findings(&from_json), carried);
    assert!(from_json.findings.len() >= 4, "{:#?}", from_json.findings);
}

#[test]
fn wrappers_strings_for_numbers_and_a_single_item_read_alike() {
    let dir = tmp();
    let items = county();
    let doc = as_exchange(&items);
    let list = doc["data"]["list"].clone();
    let base = findings(&check(&write_json(&dir, "a.json", &doc), true));
    for (name, v) in [
        ("array.json", list.clone()),
        ("custom.json", json!({ "CUSTOM": { "list": list.clone() } })),
    ] {
        let r = check(&write_json(&dir, name, &v), true);
        assert_eq!(r.items, items.len(), "{name}");
        assert_eq!(findings(&r), base, "{name}");
    }
    // numbers written as strings
    let text = serde_json::to_string(&doc).unwrap();
    let strings = text
        .replace("\"anticipate_day\":20", "\"anticipate_day\":\"20\"")
        .replace("\"limit_scene_num\":0", "\"limit_scene_num\":\"0\"");
    assert_ne!(strings, text);
    let p = path_in(&dir, "strings.json");
    std::fs::write(&p, strings).unwrap();
    assert_eq!(findings(&check(&p, true)), base);
    // one item on its own
    let r = check(&write_json(&dir, "one.json", &list[0]), true);
    assert_eq!(r.items, 1);
}

#[test]
fn the_latest_version_is_read_and_sub_items_stay_apart() {
    let dir = tmp();
    let items = county();
    let doc = as_exchange(&items[..1]);
    let mut v1 = doc["data"]["list"][0].clone();
    let mut v2 = v1.clone();
    v1["AUDIT_ITEM"]["task_version"] = json!(9);
    v1["AUDIT_ITEM"]["anticipate_day"] = json!("不是数字");
    v2["AUDIT_ITEM"]["task_version"] = json!(10);
    // a sub-item of the same task, told apart by its business code
    let mut sub = v2.clone();
    let code = v2["AUDIT_ITEM"]["task_code"].as_str().unwrap().to_string();
    sub["AUDIT_ITEM"]["business_code"] = json!(format!("{code}01"));
    sub["AUDIT_ITEM"]["task_version"] = json!(1);
    let p = write_json(&dir, "versions.json", &json!([v1, v2, sub]));
    let rendered = assert_renders(&check(&p, false).findings);
    assert!(rendered.contains(&"superseded-version".to_string()));
    let v = check_json(&p);
    assert_eq!(v["files"][0]["items"], 2, "{v}");
    let f = v["diagnostics"].as_array().unwrap();
    let sup: Vec<_> = f
        .iter()
        .filter(|x| x["rule"] == "superseded-version")
        .collect();
    assert_eq!(sup.len(), 1, "{f:#?}");
    assert_eq!(sup[0]["location"], "[0]");
    assert!(sup[0]["message"].as_str().unwrap().contains("version 10"));
    // version 9's unreadable limit was never checked
    assert!(f.iter().all(|x| x["value"] != "不是数字"));
    // near miss: one version only, nothing superseded
    let p = write_json(&dir, "one.json", &json!([v2]));
    let v = check_json(&p);
    assert!(v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["rule"] != "superseded-version"));
}

#[test]
fn every_command_takes_an_exchange_file() {
    let dir = tmp();
    let items = county();
    let p = write_json(&dir, "county.json", &as_exchange(&items));
    let rows = as_rows(&items);
    let c = path_in(&dir, "county-sheet.csv");
    write_csv(&c, &headers_of(&rows), &rows);
    let run = |args: &[&std::ffi::OsStr]| {
        Command::cargo_bin("santong")
            .unwrap()
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[
        "diff".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        p.as_os_str(),
        c.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["items_compared"], items.len());
    assert_eq!(v["summary"]["differences"], 0, "{v}");
    let out = run(&["score".as_ref(), p.as_os_str(), c.as_os_str()]);
    assert_eq!(out.status.code(), Some(0));
    let guides = dir.path().join("guides");
    let out = run(&[
        "guide".as_ref(),
        p.as_os_str(),
        "--out".as_ref(),
        guides.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_dir(guides.join("items")).unwrap().count(),
        items.len()
    );
    let forms = dir.path().join("forms");
    let code = items[0].0["实施编码"].clone();
    let out = run(&[
        "form".as_ref(),
        p.as_os_str(),
        "--item".as_ref(),
        code.as_ref(),
        "--out".as_ref(),
        forms.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_dir(&forms).unwrap().count(), 1);
    // not JSON at all: one line, exit 2
    let bad = path_in(&dir, "bad.json");
    std::fs::write(&bad, "{\"data\": [1, 2,").unwrap();
    let out = run(&["check".as_ref(), bad.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not valid JSON") && err.lines().count() == 1,
        "{err}"
    );
}

/// The first county record, changed by `edit`, checked as exchange JSON.
fn one_record(edit: impl Fn(&mut Map<String, Value>)) -> santong::check::FileReport {
    let dir = tmp();
    let mut v = as_exchange(&county()[..1]);
    let rec = v["data"]["list"][0].as_object_mut().unwrap();
    edit(rec);
    let p = write_json(&dir, "one.json", &v);
    check(&p, false)
}

fn part<'a>(rec: &'a mut Map<String, Value>, name: &str) -> &'a mut Map<String, Value> {
    rec.get_mut(name).unwrap().as_object_mut().unwrap()
}

#[test]
fn a_field_in_both_parts_counts_where_it_is_filled() {
    let visit = |audit: &str, extend: &str| {
        let (audit, extend) = (audit.to_string(), extend.to_string());
        one_record(move |rec| {
            part(rec, "AUDIT_ITEM").insert("limit_scene_num".into(), json!(1));
            part(rec, "AUDIT_ITEM").insert("scene_reason".into(), json!(audit));
            part(rec, "AUDIT_ITEM_EXTEND").insert("scene_reason".into(), json!(extend));
        })
    };
    let rules = |r: &santong::check::FileReport| -> Vec<String> {
        r.findings.iter().map(|f| f.rule.clone()).collect()
    };
    assert!(!rules(&visit("", "需核验原件")).contains(&"visit-reason-missing".into()));
    assert!(!rules(&visit("需核验原件", "")).contains(&"visit-reason-missing".into()));
    // near miss: blank in both
    assert!(rules(&visit("", "")).contains(&"visit-reason-missing".into()));
}

#[test]
fn joined_citations_keep_their_own_brackets_and_a_placeholder_is_one_finding() {
    let dir = tmp();
    let mut v = as_exchange(&county()[..1]);
    let rec = v["data"]["list"][0].as_object_mut().unwrap();
    let laws = rec
        .get_mut("AUDIT_ITEM_BYLAW")
        .unwrap()
        .as_array_mut()
        .unwrap();
    laws[0]["law_name"] = json!("中华人民共和国中外合作经营企业法实施细则");
    laws[0]["law_number"] = json!("(国务院令第311号)");
    laws.push(json!({"law_name": "《行政许可法》", "law_number": "主席令第7号"}));
    part(rec, "AUDIT_ITEM").insert("dept_code".into(), json!("TE5116020105116050"));
    let p = write_json(&dir, "one.json", &v);
    let std = national();
    let cat = santong::catalogue::Catalogue::load(&p, &std, &Default::default()).unwrap();
    let basis = cat.items[0]
        .get(std.ids.legal_basis.unwrap())
        .unwrap()
        .text
        .clone();
    assert_eq!(
        basis,
        "《中华人民共和国中外合作经营企业法实施细则》(国务院令第311号)；《行政许可法》（主席令第7号）"
    );
    // a placeholder body code is that, not also a bad credit code
    let r = check(&p, false);
    let on_body: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.element == std.ids.body_code)
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(on_body, vec!["placeholder-code"], "{:?}", findings(&r));
}
