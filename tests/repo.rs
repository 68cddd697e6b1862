//! A catalogue repository set up with `santong init`: plain `santong check`
//! finds santong.yaml (from any subdirectory), honours its ignores (each
//! with a reason), and the generated GitHub workflow and pre-commit hook
//! run as written.

mod common;
use assert_cmd::Command;
use common::*;
use std::path::{Path, PathBuf};

fn santong_in(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("santong").unwrap();
    c.current_dir(dir);
    c
}

/// PATH with the santong under test first.
fn path_with_santong() -> std::ffi::OsString {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_santong"));
    let mut dirs = vec![bin.parent().unwrap().to_path_buf()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap()
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

/// A repository with one city list that breaks `catch-all-clause` once.
fn repository() -> tempfile::TempDir {
    let dir = tmp();
    git(dir.path(), &["init", "-q"]);
    std::fs::create_dir_all(dir.path().join("catalogues/钦州市")).unwrap();
    let mut rows = clean_list();
    rows[0].insert("受理条件".into(), "法律、法规规定的其他条件".into());
    write_csv(
        &dir.path().join("catalogues/钦州市/浦北县.csv"),
        &headers_of(&rows),
        &rows,
    );
    let clean = clean_list();
    write_xlsx(
        &dir.path().join("catalogues/钦州市/灵山县.xlsx"),
        "实施清单",
        &["灵山县政务服务事项实施清单"],
        &headers_of(&clean),
        &clean,
    );
    dir
}

#[test]
fn init_then_plain_check_works_from_anywhere_in_the_repository() {
    let repo = repository();
    let root = repo.path();
    // without a santong.yaml, plain check explains what to do
    let a = santong_in(root).arg("check").assert().code(2);
    assert!(String::from_utf8_lossy(&a.get_output().stderr).contains("santong init"));

    santong_in(root).arg("init").assert().code(0);
    for f in [
        "santong.yaml",
        ".github/workflows/santong.yml",
        ".pre-commit-config.yaml",
    ] {
        assert!(root.join(f).is_file(), "{f}");
    }
    // init does not overwrite
    santong_in(root).arg("init").assert().code(2);

    let a = santong_in(root)
        .args(["check", "--lang", "en"])
        .assert()
        .code(1);
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.contains("catalogues/钦州市/浦北县.csv"), "{out}");
    assert!(
        out.contains("catalogues/钦州市/灵山县.xlsx"),
        "both files: {out}"
    );
    assert!(out.contains("catch-all-clause"));
    // the same from a subdirectory: santong.yaml is found upward
    let a = santong_in(&root.join("catalogues/钦州市"))
        .args(["check", "--format", "json"])
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 2);
    assert!(
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["rule"] != "unknown-column"),
        "severity override from santong.yaml"
    );

    // an ignore with a reason silences the finding for that item
    let item = format!("{BODY}4{}", sample_items()[0].0);
    let cfg = std::fs::read_to_string(root.join("santong.yaml")).unwrap();
    let with_ignore = format!(
        "{cfg}\nignore:\n  - rule: catch-all-clause\n    items: [\"{item}\"]\n    reason: 经省政务服务办复函同意\n"
    );
    std::fs::write(root.join("santong.yaml"), &with_ignore).unwrap();
    let a = santong_in(root)
        .args(["check", "--lang", "en"])
        .assert()
        .code(0);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(
        err.contains("1 finding(s) ignored by"),
        "the ignore is reported: {err}"
    );
    // for another item it does not apply
    let other = with_ignore.replace(&item, &format!("{BODY}4000000000000"));
    std::fs::write(root.join("santong.yaml"), &other).unwrap();
    santong_in(root).arg("check").assert().code(1);
    // an ignore without a reason is rejected with a clear message
    let no_reason = format!("{cfg}\nignore:\n  - rule: catch-all-clause\n");
    std::fs::write(root.join("santong.yaml"), &no_reason).unwrap();
    let a = santong_in(root).arg("check").assert().code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(
        err.contains("ignore #1 (rule catch-all-clause) has no reason"),
        "{err}"
    );
    // --no-config and explicit files bypass it
    santong_in(root)
        .args(["check", "--no-config", "catalogues/钦州市/灵山县.xlsx"])
        .assert()
        .code(0);
}

#[test]
fn a_new_empty_repository_checks_clean() {
    let dir = tmp();
    git(dir.path(), &["init", "-q"]);
    santong_in(dir.path()).arg("init").assert().code(0);
    let a = santong_in(dir.path())
        .args(["check", "--lang", "en"])
        .assert()
        .code(0);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(
        err.contains("santong.yaml: files") && err.contains("nothing to check"),
        "{err}"
    );
    let a = santong_in(dir.path())
        .args(["check", "--format", "sarif"])
        .assert()
        .code(0);
    let sarif: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
}

/// The `run:` steps of the generated workflow that call santong.
fn workflow_santong_steps(root: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(root.join(".github/workflows/santong.yml")).unwrap();
    let wf: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    assert!(
        wf["on"]
            .as_object()
            .is_some_and(|o| o.contains_key("pull_request")),
        "{wf}"
    );
    let steps = wf["jobs"]["check"]["steps"].as_array().unwrap();
    assert!(steps.iter().any(|s| s["uses"]
        .as_str()
        .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))));
    steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .filter(|r| r.trim_start().starts_with("santong "))
        .map(str::to_string)
        .collect()
}

#[test]
fn generated_workflow_and_pre_commit_hook_run() {
    let repo = repository();
    let root = repo.path();
    santong_in(root).arg("init").assert().code(0);
    let steps = workflow_santong_steps(root);
    assert_eq!(steps.len(), 2, "{steps:?}");
    let run = |cmd: &str| {
        std::process::Command::new("sh")
            .args(["-c", cmd])
            .current_dir(root)
            .env("PATH", path_with_santong())
            .output()
            .unwrap()
    };
    // the annotation step fails the job on errors and prints workflow commands
    let o = run(&steps[0]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.starts_with("::error file=catalogues/钦州市/浦北县.csv,line="),
        "{out}"
    );
    // the SARIF step always succeeds and leaves the report for upload
    let o = run(&steps[1]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("santong.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    std::fs::remove_file(root.join("santong.sarif")).unwrap();

    // pre-commit, when installed (CI installs Debian's pre-commit)
    let has_pre_commit = std::process::Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_pre_commit {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install pre-commit"
        );
        eprintln!("no pre-commit: hook test skipped");
        return;
    }
    let home = tmp();
    let pre_commit = |args: &[&str]| {
        std::process::Command::new("pre-commit")
            .args(args)
            .current_dir(root)
            .env("PATH", path_with_santong())
            .env("PRE_COMMIT_HOME", home.path())
            .env("PRE_COMMIT_COLOR", "never")
            .output()
            .unwrap()
    };
    git(root, &["add", "-A"]);
    let o = pre_commit(&["run", "--all-files"]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(
        o.status.code(),
        Some(1),
        "the hook fails on errors: {out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("santong check") && out.contains("catch-all-clause"),
        "{out}"
    );
    // fix the list: the hook passes
    write_csv(
        &root.join("catalogues/钦州市/浦北县.csv"),
        &headers_of(&clean_list()),
        &clean_list(),
    );
    git(root, &["add", "-A"]);
    let o = pre_commit(&["run", "--all-files"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}
