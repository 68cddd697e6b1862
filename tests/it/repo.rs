//! A catalogue repository set up with `santong init`: plain `santong check`
//! finds santong.yaml (from any subdirectory), honours its ignores (each
//! with a reason), and the generated GitHub workflow and pre-commit hook
//! run as written: the workflow's steps run here, building santong from
//! the source `init` names and keeping the build in a (simulated) cache.

#[path = "support/actions.rs"]
mod actions;
use crate::common::*;
use actions::{Outcome, Runner};
use assert_cmd::Command;
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

    // without --source: no workflow, and a word on how to add one
    let a = santong_in(root)
        .args(["init", "--lang", "en"])
        .assert()
        .code(0);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(
        err.contains("no CI workflow written") && err.contains("--source"),
        "{err}"
    );
    for f in ["santong.yaml", ".pre-commit-config.yaml"] {
        assert!(root.join(f).is_file(), "{f}");
    }
    assert!(!root.join(".github").exists());
    // init again writes nothing, says so, and is no failure
    let again = santong_in(root)
        .args(["init", "--lang", "zh"])
        .assert()
        .code(0);
    let err = String::from_utf8_lossy(&again.get_output().stderr).into_owned();
    assert!(
        err.contains("已设置好") && err.contains("未作改动"),
        "{err}"
    );
    // with a source it adds the workflow and keeps the edited santong.yaml
    let yaml = std::fs::read_to_string(root.join("santong.yaml")).unwrap() + "# edited\n";
    std::fs::write(root.join("santong.yaml"), &yaml).unwrap();
    let a = santong_in(root)
        .args([
            "init",
            "--lang",
            "en",
            "--source",
            "https://git.example.invalid/santong.git",
        ])
        .assert()
        .code(0);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains("kept ./santong.yaml"), "{err}");
    assert!(root.join(".github/workflows/santong.yml").is_file());
    assert_eq!(
        std::fs::read_to_string(root.join("santong.yaml")).unwrap(),
        yaml
    );

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
        err.contains("1 finding ignored by"),
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

#[test]
fn generated_pre_commit_hook_runs() {
    let repo = repository();
    let root = repo.path();
    santong_in(root).arg("init").assert().code(0);

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

/// The outcome of the step named `name`.
fn outcome(steps: &[actions::Step], name: &str) -> Outcome {
    let step = steps.iter().find(|s| s.name == name);
    step.unwrap_or_else(|| panic!("no step {name}: {steps:#?}"))
        .outcome
        .clone()
}

/// Asserts the job checked the repository with the santong it installed:
/// annotations fail the job on the list's error; the SARIF report is
/// written and uploaded all the same.
fn assert_checked(steps: &[actions::Step]) {
    let annotate = steps
        .iter()
        .find(|s| s.name == "Annotate the pull request")
        .unwrap();
    assert_eq!(annotate.outcome, Outcome::Ran { code: 1 }, "{steps:#?}");
    assert!(
        annotate
            .stdout
            .starts_with("::error file=catalogues/钦州市/浦北县.csv,line="),
        "{}",
        annotate.stdout
    );
    assert_eq!(outcome(steps, "SARIF report"), Outcome::Ran { code: 0 });
    assert_eq!(
        outcome(steps, "github/codeql-action/upload-sarif@v3"),
        Outcome::Ran { code: 0 }
    );
}

fn workflow(root: &Path) -> String {
    std::fs::read_to_string(root.join(".github/workflows/santong.yml")).unwrap()
}

/// The git-source workflow, with a stand-in for `cargo install` that logs
/// its arguments and installs the santong under test: the revision
/// resolves to a commit (a tag to the commit it names), the build runs on
/// a cache miss only, and a new commit is a new build.
#[test]
fn workflow_from_a_git_source_builds_once_per_commit() {
    let source = tmp();
    git(source.path(), &["init", "-q"]);
    std::fs::write(source.path().join("Cargo.toml"), "[package]\n").unwrap();
    git(source.path(), &["add", "-A"]);
    git(source.path(), &["commit", "-qm", "one"]);
    git(source.path(), &["tag", "-a", "v1", "-m", "v1"]);
    git(
        source.path(),
        &["commit", "-q", "--allow-empty", "-m", "two"],
    );
    let sha = |rev: &str| {
        let o = std::process::Command::new("git")
            .args(["rev-parse", &format!("{rev}^{{commit}}")])
            .current_dir(source.path())
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap().trim().to_string()
    };
    let url = format!("file://{}", source.path().display());

    let shims = tmp();
    let log = shims.path().join("log");
    std::fs::write(&log, "").unwrap();
    let cargo = shims.path().join("cargo");
    std::fs::write(
        &cargo,
        "#!/bin/sh\necho \"$*\" >> \"$SHIM_LOG\"\nroot=; prev=\n\
         for a in \"$@\"; do [ \"$prev\" = --root ] && root=$a; prev=$a; done\n\
         mkdir -p \"$root/bin\"\n\
         printf '#!/bin/sh\\nexec \"%s\" \"$@\"\\n' \"$SHIM_SANTONG\" > \"$root/bin/santong\"\n\
         chmod +x \"$root/bin/santong\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&cargo, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut path = vec![shims.path().to_path_buf()];
    path.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap()));
    let mut runner = Runner::new(std::env::join_paths(path).unwrap());
    runner.env = vec![
        ("SHIM_LOG".into(), log.display().to_string()),
        ("SHIM_SANTONG".into(), env!("CARGO_BIN_EXE_santong").into()),
    ];
    let builds = || -> Vec<String> {
        std::fs::read_to_string(&log)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    };

    let repo = repository();
    let root = repo.path();
    santong_in(root)
        .args(["init", "--source", &url, "--rev", "v1"])
        .assert()
        .code(0);
    // first run: resolves v1 to its commit, builds it, saves it
    let steps = runner.run(&workflow(root), "check", root);
    let which = steps.iter().find(|s| s.name == "Which santong").unwrap();
    assert_eq!(which.outputs["rev"], sha("v1"), "{steps:#?}");
    assert_eq!(outcome(&steps, "Build santong"), Outcome::Ran { code: 0 });
    assert_eq!(outcome(&steps, "Save santong"), Outcome::Ran { code: 0 });
    assert_eq!(
        builds(),
        [format!(
            "install --locked --root {}/.santong --git {url} --rev {} santong",
            runner.home.path().display(),
            sha("v1")
        )]
    );
    assert_checked(&steps);
    // second run: the cache has it; nothing is built
    let steps = runner.run(&workflow(root), "check", root);
    assert_eq!(outcome(&steps, "Build santong"), Outcome::Skipped);
    assert_eq!(outcome(&steps, "Save santong"), Outcome::Skipped);
    assert_eq!(builds().len(), 1);
    assert_checked(&steps);
    // the default branch, then a new commit on it: one build each
    santong_in(root)
        .args(["init", "--source", &url, "--force"])
        .assert()
        .code(0);
    runner.run(&workflow(root), "check", root);
    runner.run(&workflow(root), "check", root);
    git(
        source.path(),
        &["commit", "-q", "--allow-empty", "-m", "three"],
    );
    let steps = runner.run(&workflow(root), "check", root);
    assert_checked(&steps);
    let built: Vec<String> = builds()
        .iter()
        .map(|b| b.rsplit(' ').nth(1).unwrap().to_string())
        .collect();
    assert_eq!(built, [sha("v1"), sha("HEAD~1"), sha("HEAD")]);
    // a full commit hash, which ls-remote does not list, is built as given:
    // v1's commit again, so the cache has it
    santong_in(root)
        .args(["init", "--source", &url, "--rev", &sha("v1"), "--force"])
        .assert()
        .code(0);
    let steps = runner.run(&workflow(root), "check", root);
    assert_eq!(outcome(&steps, "Build santong"), Outcome::Skipped);
    assert_eq!(builds().len(), 3);
}

/// The workflow with santong's own source vendored in the repository runs
/// for real: `cargo install` builds this tree, the job checks with it, and
/// a second run restores the build instead of building again.
#[test]
fn workflow_from_a_vendored_tree_builds_santong() {
    let repo = repository();
    let root = repo.path();
    std::fs::create_dir_all(root.join("tools")).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_MANIFEST_DIR"), root.join("tools/santong")).unwrap();
    santong_in(root)
        .args(["init", "--source", "tools/santong"])
        .assert()
        .code(0);
    let text = workflow(root);
    assert!(text.contains("SANTONG_PATH: 'tools/santong'"), "{text}");

    // the machine's toolchain and crate cache, as a runner's image has
    let home = PathBuf::from(std::env::var_os("HOME").unwrap());
    let var = |k: &str, default: PathBuf| {
        std::env::var(k).unwrap_or_else(|_| default.display().to_string())
    };
    let mut runner = Runner::new(std::env::var_os("PATH").unwrap());
    runner.env = vec![
        ("CARGO_HOME".into(), var("CARGO_HOME", home.join(".cargo"))),
        (
            "RUSTUP_HOME".into(),
            var("RUSTUP_HOME", home.join(".rustup")),
        ),
        // kept between test runs so a second run of the tests is quick
        (
            "CARGO_TARGET_DIR".into(),
            concat!(env!("CARGO_TARGET_TMPDIR"), "/workflow-build").into(),
        ),
    ];
    let steps = runner.run(&text, "check", root);
    let build = steps.iter().find(|s| s.name == "Build santong").unwrap();
    assert_eq!(build.outcome, Outcome::Ran { code: 0 }, "{}", build.stderr);
    let installed = runner.home.path().join(".santong/bin/santong");
    assert!(installed.is_file());
    assert_checked(&steps);
    // restored, not rebuilt; the check runs with the restored binary
    std::fs::remove_dir_all(runner.home.path().join(".santong")).unwrap();
    let steps = runner.run(&text, "check", root);
    assert_eq!(outcome(&steps, "Build santong"), Outcome::Skipped);
    assert!(installed.is_file());
    assert_checked(&steps);
}

/// What a command leaves: its standard output, and every file it wrote
/// under `out` (path and bytes), in order.
fn left_by(dir: &Path, args: &[&str], out: Option<&str>) -> (Vec<u8>, Vec<(String, Vec<u8>)>) {
    if let Some(o) = out {
        let _ = std::fs::remove_dir_all(dir.join(o));
    }
    let run = santong_in(dir)
        .env("LANG", "C")
        .args(args)
        .output()
        .unwrap();
    assert!(
        matches!(run.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut files: Vec<(String, Vec<u8>)> = match out {
        Some(o) => files_below(&dir.join(o))
            .into_iter()
            .map(|f| {
                let name = f.strip_prefix(dir).unwrap().display().to_string();
                (name, std::fs::read(&f).unwrap())
            })
            .collect(),
        None => Vec::new(),
    };
    files.sort();
    (run.stdout, files)
}

/// santong.yaml governs every command that reads lists (issue 30): in a
/// repository whose config names a provincial standard (an alias for 事项名称)
/// each command gives what it gives with `--standard` and no config, and
/// something else without either.
#[test]
fn every_command_honours_the_config_standard() {
    let dir = tmp();
    let root = dir.path();
    let gx = root.join("gx");
    std::fs::create_dir(&gx).unwrap();
    std::fs::write(
        gx.join("standard.yaml"),
        "id: gx\nname: 广西\nextends: national\n",
    )
    .unwrap();
    std::fs::write(
        gx.join("elements.yaml"),
        "elements:\n  - id: name\n    add_aliases: [办事项目名称]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("santong.yaml"),
        "standard: gx\nfiles: [\"*.csv\"]\n",
    )
    .unwrap();
    let lists: Vec<String> = ["a", "b"]
        .iter()
        .enumerate()
        .map(|(k, n)| {
            let mut rows: Vec<Row> = ["000111001000", "000111002000"]
                .iter()
                .enumerate()
                .map(|(i, c)| clean_item(c, i + 1))
                .collect();
            for r in &mut rows {
                let v = r.remove("事项名称").unwrap();
                r.insert(
                    "办事项目名称".into(),
                    if k == 1 {
                        format!("{v}（新办）")
                    } else {
                        v
                    },
                );
            }
            let name = format!("{n}.csv");
            write_csv(&root.join(&name), &headers_of(&rows), &rows);
            name
        })
        .collect();
    let (a, b) = (lists[0].as_str(), lists[1].as_str());
    let commands: Vec<(Vec<&str>, Option<&str>)> = vec![
        (vec!["check", "--format", "json", a], None),
        (vec!["diff", "--format", "json", a, b], None),
        (vec!["score", "--format", "json", a, b], None),
        (vec!["guide", a, "--out", "site"], Some("site")),
        (vec!["form", a, "--out", "forms"], Some("forms")),
        (
            vec!["export", a, "--format", "csv", "--force", "--output", "db"],
            Some("db"),
        ),
    ];
    for (args, out) in commands {
        let with_config = left_by(root, &args, out);
        let mut flagged = args.clone();
        flagged.extend(["--no-config", "--standard", "gx"]);
        let with_flag = left_by(root, &flagged, out);
        let mut bare = args.clone();
        bare.push("--no-config");
        let without = left_by(root, &bare, out);
        assert!(
            with_config == with_flag,
            "{args:?}: the config's standard was not applied"
        );
        assert!(
            with_config != without,
            "{args:?}: the standard changes nothing (a test that cannot fail)"
        );
    }
}
