//! `santong schema`: the committed schemas under docs/schema/ are what the
//! binary prints (a drift fails here), and they accept the files they
//! describe and reject broken ones.

use crate::common::*;
use assert_cmd::Command;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const KINDS: [&str; 4] = ["catalogue", "standard", "config", "table-schema"];

fn printed(kind: &str) -> String {
    let out = Command::cargo_bin("santong")
        .unwrap()
        .args(["schema", kind])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn committed(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("docs/schema/{kind}.json"))
}

#[test]
fn committed_schemas_match_the_binary() {
    for kind in KINDS {
        let want = printed(kind);
        let have = std::fs::read_to_string(committed(kind)).unwrap_or_default();
        assert!(
            want == have,
            "docs/schema/{kind}.json is out of date: run `cargo run -q -- schema {kind} > docs/schema/{kind}.json`"
        );
        let v: Value = serde_json::from_str(&want).unwrap();
        assert!(v.is_object());
    }
}

/// Validate `doc` against a committed schema with Python's jsonschema.
fn valid(kind: &str, doc: &Value) -> Option<bool> {
    let python = python_with("jsonschema")?;
    let dir = tmp();
    let p = dir.path().join("doc.json");
    std::fs::write(&p, doc.to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py/validate_json.py");
    let out = std::process::Command::new(python)
        .arg(script)
        .arg(committed(kind))
        .arg(&p)
        .output()
        .unwrap();
    Some(out.status.success())
}

/// YAML as editors read it: the YAML 1.2 core schema, where `off` and `Y`
/// are strings, not booleans.
fn yaml(text: &str) -> Value {
    serde_saphyr::from_str_with_options(text, serde_saphyr::options! { strict_booleans: true })
        .unwrap()
}

#[test]
fn standard_files_validate_against_the_standard_schema() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("standards/national");
    for f in [
        "standard.yaml",
        "elements.yaml",
        "vocabularies.yaml",
        "rules.yaml",
    ] {
        let doc = yaml(&std::fs::read_to_string(dir.join(f)).unwrap());
        let Some(ok) = valid("standard", &doc) else {
            return;
        };
        assert!(ok, "{f} does not validate");
    }
    let bad = json!({"elements": [{"id": "x", "type": "colour"}]});
    assert_eq!(valid("standard", &bad), Some(false));
    let bad = json!({"rules": [{"id": "x", "severity": "fatal"}]});
    assert_eq!(valid("standard", &bad), Some(false));
}

#[test]
fn config_schema_accepts_the_starter_and_requires_reasons() {
    let starter = yaml(&santong::config::starter());
    let Some(ok) = valid("config", &starter) else {
        return;
    };
    assert!(ok);
    // the Chinese starter differs in its comments only
    let zh = santong::config::starter_in(santong::i18n::Lang::Zh);
    assert!(zh.contains("# 所用标准"), "{zh}");
    assert_eq!(yaml(&zh), starter);
    let mut with = starter.clone();
    with["ignore"] = json!([{"rule": "catch-all-clause", "reason": "经复函同意"}]);
    assert_eq!(valid("config", &with), Some(true));
    with["ignore"] = json!([{"rule": "catch-all-clause"}]);
    assert_eq!(valid("config", &with), Some(false));
    let mut typo = starter;
    typo["fles"] = json!(["a.csv"]);
    assert_eq!(valid("config", &typo), Some(false));
}

#[test]
fn catalogue_schema_accepts_items_by_label_or_id_and_rejects_foreign_values() {
    let item = |case_kind: &str| {
        let mut r: serde_json::Map<String, Value> = clean_item("000111001000", 1)
            .into_iter()
            .filter(|(k, v)| {
                !v.is_empty()
                    && !k.starts_with("材料")
                    && !["序号", "份数", "来源渠道"].contains(&k.as_str())
            })
            .map(|(k, v)| (k, json!(v)))
            .collect();
        r.insert("办件类型".into(), json!(case_kind));
        r.insert(
            "materials".into(),
            json!([{"材料名称": "申请书", "材料必要性": "必要"}, "营业执照"]),
        );
        Value::Object(r)
    };
    let Some(ok) = valid("catalogue", &item("承诺件")) else {
        return;
    };
    assert!(ok, "a clean item");
    assert_eq!(
        valid("catalogue", &json!([item("2"), item("即办件")])),
        Some(true),
        "codes and lists"
    );
    assert_eq!(
        valid("catalogue", &json!({"items": [item("承诺件")]})),
        Some(true)
    );
    assert_eq!(
        valid("catalogue", &item("上报件")),
        Some(false),
        "outside the vocabulary"
    );
    let mut missing = item("承诺件");
    missing.as_object_mut().unwrap().remove("事项名称");
    assert_eq!(
        valid("catalogue", &missing),
        Some(false),
        "a required element"
    );
    // by id instead of label
    let mut by_id = item("承诺件");
    let name = by_id.as_object_mut().unwrap().remove("事项名称").unwrap();
    by_id["name"] = name;
    assert_eq!(valid("catalogue", &by_id), Some(true));
    let mut unknown = item("承诺件");
    unknown["事项名称2"] = json!("x");
    assert_eq!(valid("catalogue", &unknown), Some(false), "unknown keys");
}

#[test]
fn table_schema_lists_the_national_headers_in_order() {
    let ts: Value = serde_json::from_str(&printed("table-schema")).unwrap();
    let std = national();
    let names: Vec<&str> = ts["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    let labels: Vec<&str> = std
        .elements
        .iter()
        .filter(|e| e.scope == santong::standard::Scope::Item)
        .map(|e| e.label.as_str())
        .collect();
    assert_eq!(names, labels);
    let field = |n: &str| {
        ts["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(field("事项名称")["constraints"]["required"], true);
    let types = field("办件类型")["constraints"]["enum"].clone();
    assert_eq!(types, json!(["即办件", "承诺件"]));
    assert_eq!(field("到办事现场次数")["type"], "integer");
    assert_eq!(ts["primaryKey"], json!(["实施编码"]));
    // a provincial standard's element appears
    let dir = tmp();
    std::fs::write(
        dir.path().join("standard.yaml"),
        "id: gx\nname: 广西\nversion: '1'\nextends: national\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("elements.yaml"),
        "elements:\n  - id: gx_window\n    label: 窗口编号\n    type: text\n    required: true\n",
    )
    .unwrap();
    let out = Command::cargo_bin("santong")
        .unwrap()
        .args(["schema", "table-schema", "--standard"])
        .arg(dir.path())
        .output()
        .unwrap();
    let ts: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(ts["fields"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["name"] == "窗口编号"));
}
