//! Machine formats of `check`: SARIF 2.1.0 (validated against the official
//! schema), GitHub workflow commands, JUnit XML, and `--fail-on`.

use crate::common::*;
use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn santong() -> Command {
    Command::cargo_bin("santong").unwrap()
}

/// A list with errors, a value carrying a line break and a hostile value.
fn defective(dir: &tempfile::TempDir) -> PathBuf {
    let mut rows = clean_list();
    rows[0].insert("承诺办结时限".into(), "30".into()); // promise-exceeds-statutory
    rows[2].insert("实施主体编码".into(), "11450721MB1558081X".into()); // invalid-credit-code
    rows[4].insert("受理条件".into(), "第一行\n法律、法规规定的其他条件".into()); // catch-all
    rows[6].insert("事项名称".into(), "<img src=x onerror=alert(1)>".into());
    let p = path_in(dir, "城市清单.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    p
}

fn run(args: &[&str], file: &Path) -> (i32, String) {
    let out = santong().args(args).arg(file).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// The SARIF 2.1.0 schema as shipped in the serde-sarif crate (a
/// dev-dependency, so cargo fetched it).
fn sarif_schema() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    let manifest = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .expect("serde-sarif is a dev-dependency")["manifest_path"]
        .as_str()
        .unwrap()
        .to_string();
    let schema = Path::new(&manifest)
        .parent()
        .unwrap()
        .join("src/schema.json");
    let text = std::fs::read_to_string(&schema).unwrap();
    assert!(text.contains("Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"));
    schema
}

#[test]
fn sarif_validates_and_matches_the_json_report() {
    let dir = tmp();
    let list = defective(&dir);
    let (code, json) = run(&["check", "--basic", "sample", "--format", "json"], &list);
    assert_eq!(code, 1);
    let json: Value = serde_json::from_str(&json).unwrap();
    let sarif_path = path_in(&dir, "out.sarif");
    santong()
        .args([
            "check", "--basic", "sample", "--format", "sarif", "--output",
        ])
        .arg(&sarif_path)
        .arg(&list)
        .assert()
        .code(1);
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif_path).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let std = national();
    assert_eq!(rules.len(), std.rules.len(), "every rule's metadata");
    let results = run0["results"].as_array().unwrap();
    let diags = json["diagnostics"].as_array().unwrap();
    assert_eq!(results.len(), diags.len());
    assert!(!results.is_empty());
    for (r, d) in results.iter().zip(diags) {
        assert_eq!(r["ruleId"], d["rule"]);
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], d["rule"]);
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], d["row"]);
        if let Some(col) = d["column"].as_str() {
            let n = santong::catalogue::column_index(col).unwrap() + 1;
            assert_eq!(region["startColumn"], n);
        }
        let level = match d["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "note",
        };
        assert_eq!(r["level"], level);
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            santong::report::path_uri(d["path"].as_str().unwrap())
        );
    }
    let Some(python) = python_with("jsonschema") else {
        return;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py/validate_json.py");
    let out = std::process::Command::new(python)
        .arg(script)
        .arg(sarif_schema())
        .arg(&sarif_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "SARIF does not validate: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    // and a document that breaks the schema is caught (the check can fail)
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    let bad = path_in(&dir, "bad.sarif");
    std::fs::write(&bad, broken.to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py/validate_json.py");
    let out = std::process::Command::new(python_with("jsonschema").unwrap())
        .arg(script)
        .arg(sarif_schema())
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn github_lines_follow_the_workflow_command_syntax() {
    let dir = tmp();
    let list = defective(&dir);
    let (_, json) = run(&["check", "--format", "json"], &list);
    let json: Value = serde_json::from_str(&json).unwrap();
    let (code, gh) = run(&["check", "--format", "github", "--lang", "en"], &list);
    assert_eq!(code, 1);
    let re = regex::Regex::new(
        r"^::(error|warning|notice) file=[^,:\r\n]+(,line=\d+(,col=\d+)?)?,title=[^,:\r\n]+::[^\r\n]+$",
    )
    .unwrap();
    let lines: Vec<&str> = gh.lines().collect();
    assert_eq!(lines.len(), json["diagnostics"].as_array().unwrap().len());
    for (l, d) in lines.iter().zip(json["diagnostics"].as_array().unwrap()) {
        assert!(re.is_match(l), "not a workflow command: {l}");
        let level = match d["severity"].as_str().unwrap() {
            "info" => "notice",
            s => s,
        };
        assert!(l.starts_with(&format!("::{level} ")));
        if let Some(row) = d["row"].as_u64() {
            assert!(l.contains(&format!(",line={row}")), "{l}");
        }
        assert!(l.contains(&format!("title={}", d["rule"].as_str().unwrap())));
    }
}

#[test]
fn junit_has_a_case_per_file_and_rule() {
    let dir = tmp();
    let list = defective(&dir);
    let (_, json) = run(&["check", "--format", "json"], &list);
    let json: Value = serde_json::from_str(&json).unwrap();
    let (code, xml) = run(&["check", "--format", "junit"], &list);
    assert_eq!(code, 1);
    let std = national();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert_eq!(xml.matches("<testcase ").count(), std.rules.len());
    let failing: std::collections::BTreeSet<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(xml.matches("<failure ").count(), failing.len());
    assert!(xml.contains(&format!("failures=\"{}\"", failing.len())));
    assert!(!xml.contains("<img"), "values are escaped");
    if let Some(python) = python_with("xml.etree.ElementTree") {
        let p = path_in(&dir, "junit.xml");
        std::fs::write(&p, &xml).unwrap();
        let out = std::process::Command::new(python)
            .args(["-c", "import sys, xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); print(r.tag, len(r.findall('.//testcase')))"])
            .arg(&p)
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            format!("testsuites {}", std.rules.len())
        );
    }
}

#[test]
fn fail_on_decides_the_exit_code() {
    let dir = tmp();
    // a clean list but for one warning
    let mut rows = clean_list();
    rows.insert(1, material_row("申请书")); // duplicate-material (a warning)
    let p = path_in(&dir, "w.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    let (_, json) = run(&["check", "--format", "json"], &p);
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["files"][0]["errors"], 0, "{json}");
    assert!(json["files"][0]["warnings"].as_u64().unwrap() > 0);
    assert_eq!(run(&["check"], &p).0, 0);
    assert_eq!(run(&["check", "--fail-on", "error"], &p).0, 0);
    assert_eq!(run(&["check", "--fail-on", "warning"], &p).0, 1);
    let bad = defective(&dir);
    assert_eq!(run(&["check", "--fail-on", "never"], &bad).0, 0);
    assert_eq!(run(&["check", "--fail-on", "error"], &bad).0, 1);
    // an unreadable file is still exit 2
    let broken = path_in(&dir, "broken.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 nope").unwrap();
    assert_eq!(run(&["check", "--fail-on", "never"], &broken).0, 2);
}
