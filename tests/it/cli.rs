//! The command line: exit codes, bad input, standards, snapshots of the
//! human and JSON output on the bundled examples.

use crate::common::*;
use assert_cmd::Command;

fn santong() -> Command {
    let mut c = Command::cargo_bin("santong").unwrap();
    c.env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

const EXAMPLES: [&str; 3] = [
    "docs/examples/钦南区-实施清单.xlsx",
    "docs/examples/浦北县-实施清单.csv",
    "docs/examples/灵山县-实施清单-GBK.csv",
];

#[test]
fn demo_json_snapshot() {
    let out = santong()
        .args(["check", "--basic", "sample", "--format", "json"])
        .args(EXAMPLES)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], 1);
    for d in v["diagnostics"].as_array().unwrap() {
        for key in [
            "rule", "severity", "path", "sheet", "row", "column", "field", "value", "message",
        ] {
            assert!(d.get(key).is_some(), "diagnostic lacks {key}");
        }
    }
    insta::assert_snapshot!("demo_json", text);
}

#[test]
fn demo_human_snapshots_in_both_languages() {
    let en = santong()
        .args(["check", "--basic", "sample"])
        .args(EXAMPLES)
        .output()
        .unwrap();
    assert_eq!(en.status.code(), Some(1));
    insta::assert_snapshot!("demo_human_en", String::from_utf8(en.stdout).unwrap());
    let zh = santong()
        .env("LANG", "zh_CN.UTF-8")
        .args(["check", "--basic", "sample"])
        .args(EXAMPLES)
        .output()
        .unwrap();
    insta::assert_snapshot!("demo_human_zh", String::from_utf8(zh.stdout).unwrap());
}

#[test]
fn clean_file_exits_zero_and_errors_exit_one() {
    let dir = tmp();
    let rows = clean_list();
    let p = path_in(&dir, "clean.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    santong()
        .args(["check", "--basic", "sample"])
        .arg(&p)
        .assert()
        .code(0);
    let mut bad = rows.clone();
    bad[0].insert("承诺办结时限".into(), "99".into());
    write_csv(&p, &headers_of(&bad), &bad);
    santong().args(["check"]).arg(&p).assert().code(1);
}

#[test]
fn corrupt_and_foreign_files_exit_two_with_one_line_and_others_still_checked() {
    let dir = tmp();
    let corrupt = path_in(&dir, "corrupt.xlsx");
    std::fs::write(&corrupt, b"PK\x03\x04 this is not really a zip archive").unwrap();
    let foreign = path_in(&dir, "photo.xls");
    std::fs::write(
        &foreign,
        [0u8, 1, 2, 3, 0, 0, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0],
    )
    .unwrap();
    let html = path_in(&dir, "export.xls");
    std::fs::write(
        &html,
        "<html><table><tr><td>事项名称</td></tr></table></html>",
    )
    .unwrap();
    let empty = path_in(&dir, "empty.csv");
    std::fs::write(&empty, b"").unwrap();
    let rows = vec![clean_item("000111001000", 1)];
    let good = path_in(&dir, "good.csv");
    write_csv(&good, &headers_of(&rows), &rows);
    for bad in [
        &corrupt,
        &foreign,
        &html,
        &empty,
        &path_in(&dir, "missing.csv"),
        &path_in(&dir, "x.pdf"),
    ] {
        let out = santong()
            .args(["check", "--format", "json"])
            .arg(bad)
            .arg(&good)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        // one line names the bad file; the good file's run may add notes
        let name = bad.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(
            err.lines().filter(|l| l.contains(&name)).count(),
            1,
            "{err}"
        );
        assert!(!err.contains("panicked"));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["files"][1]["items"], 1, "the good file is still checked");
        assert!(v["files"][0]["failure"].is_string());
    }
}

#[test]
fn input_is_never_overwritten() {
    let dir = tmp();
    let rows = vec![clean_item("000111001000", 1)];
    let p = path_in(&dir, "list.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    let before = std::fs::read(&p).unwrap();
    santong()
        .args(["check", "--output"])
        .arg(&p)
        .arg(&p)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&p).unwrap(), before);
    let out = path_in(&dir, "report.json");
    santong()
        .args(["check", "--format", "json", "--output"])
        .arg(&out)
        .arg(&p)
        .assert()
        .code(0);
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("\"version\": 1"));
}

#[test]
fn malformed_standard_is_reported_with_position() {
    let dir = tmp();
    std::fs::write(
        dir.path().join("standard.yaml"),
        "id: broken\nextends: national\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("elements.yaml"),
        "elements:\n  - id: name\n    type: txet\n",
    )
    .unwrap();
    let rows = vec![clean_item("000111001000", 1)];
    let p = path_in(&dir, "list.csv");
    write_csv(&p, &headers_of(&rows), &rows);
    let out = santong()
        .args(["check", "--standard"])
        .arg(dir.path())
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("elements.yaml:3:11"), "{err}");
    assert!(err.contains("unknown variant"), "{err}");
    // a bad expression names its rule and place
    std::fs::remove_file(dir.path().join("elements.yaml")).unwrap();
    std::fs::write(dir.path().join("rules.yaml"), "rules:\n  - id: my-rule\n    element: name\n    assert: 'name =='\n    title: {zh: 甲, en: a}\n    message: {zh: 甲, en: a}\n").unwrap();
    let out = santong()
        .args(["check", "--standard"])
        .arg(dir.path())
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("rules.yaml:2:5") && err.contains("my-rule"),
        "{err}"
    );
}

#[test]
fn provincial_overlay_adds_aliases_rules_and_severities() {
    let dir = tmp();
    let std_dir = dir.path().join("guangxi");
    std::fs::create_dir(&std_dir).unwrap();
    std::fs::write(
        std_dir.join("standard.yaml"),
        "id: guangxi\nname: 广西标准\nextends: national\n",
    )
    .unwrap();
    std::fs::write(
        std_dir.join("elements.yaml"),
        "elements:\n  - id: name\n    add_aliases: [办事事项名称]\n",
    )
    .unwrap();
    std::fs::write(
        std_dir.join("vocabularies.yaml"),
        "vocabularies:\n  - id: channel\n    add_entries:\n      - { code: \"4\", label: 自助终端办理 }\n",
    )
    .unwrap();
    std::fs::write(
        std_dir.join("rules.yaml"),
        r#"rules:
  - id: promise-exceeds-statutory
    severity: warning
  - id: promise-at-most-half
    severity: error
    element: promised_days
    when: promised_days is not none and statutory_days is not none
    assert: promised_days * 2 <= statutory_days
    title: {zh: 承诺时限应压缩一半, en: Promise must halve the statutory limit}
    message:
      zh: "承诺时限{{ promised_days }}未压缩一半"
      en: "promise {{ promised_days }} does not halve the limit"
"#,
    )
    .unwrap();
    let mut rows = vec![clean_item("000111001000", 1)];
    let v = rows[0].remove("事项名称").unwrap();
    rows[0].insert("办事事项名称".into(), v);
    rows[0].insert("承诺办结时限".into(), "25".into());
    rows[0].insert("办理形式".into(), "窗口办理、网上办理、自助终端办理".into());
    let mut headers = headers_of(&rows);
    headers.retain(|h| h != "事项名称");
    let p = path_in(&dir, "list.csv");
    write_csv(&p, &headers, &rows);
    let out = santong()
        .args(["check", "--format", "json", "--standard"])
        .arg(&std_dir)
        .arg(&p)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    let find = |rule: &str| diags.iter().find(|d| d["rule"] == rule).cloned();
    assert_eq!(
        find("promise-exceeds-statutory").unwrap()["severity"],
        "warning"
    );
    let half = find("promise-at-most-half").unwrap();
    assert_eq!(half["severity"], "error");
    assert_eq!(half["message"], "promise 25 does not halve the limit");
    assert!(
        find("unknown-column").is_none(),
        "the provincial alias is known: {diags:?}"
    );
    assert!(find("missing-column").is_none());
    assert!(
        find("invalid-value").is_none(),
        "the provincial vocabulary entry is known: {diags:?}"
    );
    assert_eq!(v["standard"]["id"], "guangxi");
    // the national standard does not know the alias
    let out = santong()
        .args(["check", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["rule"] == "unknown-column"));
    assert!(v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["rule"] == "invalid-value" && d["field"] == "channels"));
}

#[test]
fn rules_lists_every_rule() {
    let out = santong().arg("rules").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let std = national();
    for r in &std.rules {
        assert!(text.contains(&r.id), "{}", r.id);
    }
}

#[test]
fn bad_usage_exits_two() {
    santong().args(["check"]).assert().code(2);
    santong()
        .args(["check", "--format", "yaml", "x.csv"])
        .assert()
        .code(2);
    santong().args(["--lang", "fr", "rules"]).assert().code(2);
}

#[test]
fn a_directory_of_yaml_items_is_a_catalogue_repository() {
    let dir = tmp();
    let repo = dir.path().join("catalogue");
    std::fs::create_dir_all(repo.join("items")).unwrap();
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::write(repo.join(".git").join("junk.yaml"), "not: [a catalogue").unwrap();
    std::fs::write(repo.join("README.md"), "# catalogue").unwrap();
    for (i, code) in ["000111001000", "000111002000"].iter().enumerate() {
        let it = clean_item(code, 1);
        let mut y = String::new();
        for (k, v) in &it {
            if !v.is_empty()
                && !k.starts_with("材料")
                && k != "份数"
                && k != "来源渠道"
                && k != "序号"
            {
                y.push_str(&format!("{k}: \"{v}\"\n"));
            }
        }
        y.push_str("materials:\n  - 材料名称: 申请书\n    材料必要性: 必要\n");
        if i == 1 {
            y = y.replace(
                "承诺办结时限: \"10个工作日\"",
                "承诺办结时限: \"40个工作日\"",
            );
        }
        std::fs::write(repo.join("items").join(format!("{code}.yaml")), y).unwrap();
    }
    let out = santong()
        .args(["check", "--format", "json"])
        .arg(&repo)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
    let d = &v["diagnostics"];
    assert_eq!(
        d.as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .count(),
        1
    );
    assert_eq!(d[0]["rule"], "promise-exceeds-statutory");
    assert!(d[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("000111002000.yaml"));
}

/// `santong schema catalogue | head -1` used to panic (exit 101) on the
/// closed pipe; a reader that goes away now ends the run quietly.
#[test]
fn closed_stdout_pipe_ends_quietly_with_the_runs_exit_code() {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    let bin = assert_cmd::cargo::cargo_bin("santong");
    for (args, code) in [
        (vec!["schema", "catalogue"], 0),
        (vec!["explain", "catch-all-clause"], 0),
        (
            vec![
                "check",
                "--format",
                "json",
                EXAMPLES[0],
                EXAMPLES[1],
                EXAMPLES[2],
            ],
            1,
        ),
    ] {
        // the read end closes before santong has loaded its standard, so
        // its first write meets the closed pipe
        let mut child = Std::new(&bin)
            .args(&args)
            .env("LANG", "C")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let status = child.wait().unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// A basic catalogue with one sound entry and one whose type is 99.
fn defective_basic(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let basic = path_in(dir, "basic.csv");
    std::fs::write(
        &basic,
        "基本编码,事项名称,事项类型,设定依据\n000111001000,食品经营许可,行政许可,x\n000104002000,建筑工程施工许可,99,x\n",
    )
    .unwrap();
    basic
}

#[test]
fn a_basic_catalogues_own_defects_are_reported_against_its_path_and_the_run_goes_on() {
    let dir = tmp();
    let basic = defective_basic(&dir);
    let list = path_in(&dir, "list.csv");
    let rows = vec![clean_item("000111001000", 1)];
    write_csv(&list, &headers_of(&rows), &rows);
    let out = santong()
        .args(["check", "--format", "json", "--no-config", "--basic"])
        .arg(&basic)
        .arg(&list)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let on_basic: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == basic.display().to_string())
        .collect();
    assert_eq!(on_basic.len(), 1, "{v}");
    assert_eq!(on_basic[0]["rule"], "invalid-value");
    // the list is still checked, after the catalogue
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        vec![basic.display().to_string(), list.display().to_string()]
    );
}

#[test]
fn diff_says_when_it_left_defective_basic_entries_out() {
    let dir = tmp();
    let basic = defective_basic(&dir);
    let (a, b) = (path_in(&dir, "a.csv"), path_in(&dir, "b.csv"));
    let rows = vec![clean_item("000111001000", 1)];
    write_csv(&a, &headers_of(&rows), &rows);
    write_csv(&b, &headers_of(&rows), &rows);
    let out = santong()
        .args(["diff", "--basic"])
        .arg(&basic)
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 defects"), "{err}");
    // near miss: a sound catalogue says nothing
    std::fs::write(
        &basic,
        "基本编码,事项名称,事项类型,设定依据\n000111001000,食品经营许可,行政许可,x\n",
    )
    .unwrap();
    let out = santong()
        .args(["diff", "--basic"])
        .arg(&basic)
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("defects"));
}
