//! `santong.yaml`: a catalogue repository's settings, found by searching
//! upward from the working directory, so that plain `santong check` works
//! in CI and in a pre-commit hook.
//!
//! ```yaml
//! standard: national            # or a directory, relative to this file
//! basic: sample                 # or a basic-catalogue file
//! files: ["catalogues/**/*.xlsx", "items/**/*.yaml"]
//! severity: {unknown-column: off, catch-all-clause: warning}
//! ignore:
//!   - rule: promise-exceeds-statutory
//!     items: ["11450721MB155808114000111001000"]
//!     reason: 省政府令第12号延长了该事项的法定时限
//! fail_on: error
//! ```

use crate::check::Finding;
use crate::standard::{Severity, Standard};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "santong.yaml";

/// Which findings make `check` exit 1.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

impl FailOn {
    pub fn severity(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Never => None,
        }
    }
}

/// One accepted deviation: a rule silenced everywhere or for some items,
/// always with the reason a reviewer can check.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ignore {
    /// The rule id (see `santong rules`).
    pub rule: String,
    /// Implementation codes (实施编码) the ignore is limited to; empty means every item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// Why the deviation is accepted (required; e.g. the document allowing it).
    #[serde(default)]
    #[schemars(length(min = 1), extend("type" = "string"))]
    pub reason: Option<String>,
}

/// The settings of a catalogue repository (`santong.yaml`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `national` for the embedded national standard, or a standard directory
    /// (relative to this file) such as a provincial one that extends it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard: Option<String>,
    /// The basic catalogue: `sample` (bundled sample) or a file relative to this file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic: Option<String>,
    /// A full division-code list (CSV), relative to this file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub areas: Option<String>,
    /// Glob patterns (relative to this file) of the catalogue files to check.
    #[serde(default)]
    pub files: Vec<String>,
    /// CSV encoding, overriding detection (e.g. gbk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Per-rule severity overrides: error, warning, info or off.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, Severity>,
    /// Accepted deviations, each with a reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<Ignore>,
    /// Which findings fail the check (default error).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<FailOn>,
    /// What a file may claim before it is refused; flags override.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<LimitsConfig>,
}

/// `limits:` in santong.yaml (see `santong check --max-part-bytes`).
pub use crate::catalogue::limits::LimitsConfig;

/// A loaded configuration and where it lives.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    /// The directory relative paths and globs are resolved against.
    pub dir: PathBuf,
    pub config: Config,
}

/// The nearest `santong.yaml` at or above `start`.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

impl Loaded {
    pub fn load(path: &Path) -> Result<Loaded, String> {
        crate::output::note_read(path);
        let text =
            std::fs::read_to_string(path).map_err(|e| crate::locale::cannot_read(path, &e))?;
        let config: Config = crate::yaml::parse(&text, path).map_err(|e| e.to_string())?;
        for (i, ig) in config.ignore.iter().enumerate() {
            if ig.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                return Err(crate::tr!(
                    "{}：第 {} 条 ignore（规则 {}）没有写 reason；每条忽略都须说明为何接受这一偏差（reason: …）",
                    "{}: ignore #{} (rule {}) has no reason; every ignore must say why the deviation is accepted (reason: …)",
                    path.display(),
                    i + 1,
                    ig.rule
                ));
            }
        }
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        Ok(Loaded {
            path: path.to_path_buf(),
            dir,
            config,
        })
    }

    /// A path from the file, resolved against its directory.
    pub fn resolve(&self, p: &str) -> PathBuf {
        self.dir.join(p)
    }

    /// Check the rule ids the file names against the standard, then apply
    /// its severity overrides.
    pub fn apply(&self, std: &mut Standard) -> Result<(), String> {
        let known = |id: &str| std.rules.iter().any(|r| r.id == id);
        let unknown: Vec<&str> = self
            .config
            .severity
            .keys()
            .map(String::as_str)
            .chain(self.config.ignore.iter().map(|i| i.rule.as_str()))
            .filter(|id| !known(id))
            .collect();
        if !unknown.is_empty() {
            return Err(crate::tr!(
                "{}：未知的规则 {}（`santong rules` 列出全部规则）",
                "{}: unknown rule {} (see `santong rules`)",
                self.path.display(),
                unknown.join(", ")
            ));
        }
        for r in &mut std.rules {
            if let Some(s) = self.config.severity.get(&r.id) {
                r.severity = *s;
            }
        }
        Ok(())
    }

    /// Whether an ignore covers this finding.
    pub fn ignores(&self, f: &Finding) -> bool {
        self.config.ignore.iter().any(|ig| {
            ig.rule == f.rule
                && (ig.items.is_empty()
                    || f.item.as_deref().is_some_and(|code| {
                        ig.items
                            .iter()
                            .any(|i| crate::catalogue::value::clean_code(i) == code)
                    }))
        })
    }

    /// The catalogue files the globs match, sorted (none in a repository
    /// that has no catalogues yet); hidden directories and build output are
    /// not searched.
    pub fn files(&self) -> Result<crate::catalogue::Inputs, String> {
        if self.config.files.is_empty() {
            return Err(crate::tr!(
                "{} 没有列出文件（files: [\"catalogues/**/*.xlsx\"]）",
                "{} lists no files (files: [\"catalogues/**/*.xlsx\"])",
                self.path.display()
            ));
        }
        let mut b = globset::GlobSetBuilder::new();
        for g in &self.config.files {
            let glob = globset::GlobBuilder::new(g)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("{}: files: {e}", self.path.display()))?;
            b.add(glob);
        }
        let set = b
            .build()
            .map_err(|e| format!("{}: files: {e}", self.path.display()))?;
        let skip = |p: &Path, dir: bool| {
            dir && p
                .file_name()
                .map(|n| n.to_string_lossy())
                .is_some_and(|n| n.starts_with('.') || n == "target" || n == "node_modules")
        };
        let mut all = Vec::new();
        crate::catalogue::walk_files(&self.dir, &skip, &mut all);
        // match on forward-slash paths relative to this file, on every platform
        let mut out: Vec<PathBuf> = all
            .into_iter()
            .filter(|p| {
                p.strip_prefix(&self.dir)
                    .is_ok_and(|rel| set.is_match(rel.to_string_lossy().replace('\\', "/")))
            })
            .collect();
        out.sort();
        out.dedup();
        let (skipped, files) = out
            .into_iter()
            .partition(|p| crate::catalogue::is_scratch_file(p));
        Ok(crate::catalogue::Inputs { files, skipped })
    }
}

/// The starter `santong.yaml` written by `santong init`.
const STARTER: &str = r#"# santong.yaml — settings for santong in this catalogue repository.
# Every command that reads lists (check, diff, score, guide, form, export)
# reads this file, searching upward from the working directory; a flag wins
# over it. Plain `santong check` checks the files below. Schema:
# `santong schema config`.

# The standard: `national` (embedded) or a standard directory relative to
# this file, e.g. a provincial one with `extends: national`.
standard: national

# The basic catalogue for the same-item / same-code rules: `sample` (the
# bundled sample) or a file (xlsx, csv, yaml) relative to this file.
basic: sample

# The catalogue files to check (globs relative to this file).
files:
  - "@FILES@"

# Per-rule severity overrides (error, warning, note, off).
severity:
  unknown-column: off

# Accepted deviations. Each needs a reason; `items` limits one to some
# implementation codes.
# ignore:
#   - rule: promise-exceeds-statutory
#     items: ["11450721MB155808114000111001000"]
#     reason: 经省政府令第12号调整法定时限

# Which findings fail the check: error (default), warning or never.
fail_on: error
"#;

/// The starter `santong.yaml` with its comments in Chinese.
const STARTER_ZH: &str = r#"# santong.yaml —— 本清单仓库中 santong 的设置。
# 读取清单的命令（check、diff、score、guide、form、export）都从当前目录向上
# 查找并读取本文件；命令行参数优先于本文件。不带文件参数运行 `santong check`
# 时检查下面列出的文件。文件结构见 `santong schema config`。

# 所用标准：`national`（内置国家标准），或相对本文件的标准目录，
# 例如写明 `extends: national` 的省级标准。
standard: national

# 基本目录（用于同一事项、同一编码的规则）：`sample`（随附的样例），
# 或相对本文件的基本目录文件（xlsx、csv、yaml）。
basic: sample

# 要检查的清单文件（相对本文件的通配符）。
files:
  - "@FILES@"

# 按规则调整级别（error 错误、warning 警告、note 提示、off 关闭）。
severity:
  unknown-column: off

# 认可的偏差。每条都须写明理由；`items` 把它限定在部分实施编码。
# ignore:
#   - rule: promise-exceeds-statutory
#     items: ["11450721MB155808114000111001000"]
#     reason: 经省政府令第12号调整法定时限

# 哪些问题使检查不通过：error（错误，默认）、warning（警告）或 never（从不）。
fail_on: error
"#;

/// Where the CI workflow `santong init` writes gets santong from: a git
/// repository (built at a branch, tag or commit) or santong's source tree
/// inside the catalogue repository (a git submodule or a vendored copy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkflowSource {
    /// A git URL and the revision to build (`HEAD`: the default branch).
    Git { url: String, rev: String },
    /// A directory relative to the repository root, `/`-separated.
    Path(String),
}

impl WorkflowSource {
    /// Whether `s` is a git URL rather than a path: a scheme git and
    /// cargo fetch from, or scp-like `user@host:path`.
    pub fn is_git_url(s: &str) -> bool {
        const SCHEMES: [&str; 6] = ["https://", "http://", "ssh://", "git://", "file://", "git+"];
        if SCHEMES.iter().any(|p| s.starts_with(p)) {
            return true;
        }
        // scp-like: user@host:path, with no slash before the colon
        match (s.find('@'), s.find(':')) {
            (Some(at), Some(colon)) => at < colon && !s[..colon].contains('/'),
            _ => false,
        }
    }
}

/// The GitHub Actions workflow written by `santong init`: it works out
/// which santong to build (a commit, or a hash of the vendored tree), keeps
/// the build in the Actions cache under that key, builds only on a miss,
/// then checks the catalogues.
pub fn workflow(source: &WorkflowSource) -> String {
    let (env, checkout, which, build) = match source {
        WorkflowSource::Git { url, rev } => (
            format!("  SANTONG_GIT: {}\n  SANTONG_REV: {}\n", yaml_scalar(url), yaml_scalar(rev)),
            "",
            WHICH_GIT,
            "cargo install --locked --root \"$HOME/.santong\" --git \"$SANTONG_GIT\" --rev \"${{ steps.santong.outputs.rev }}\" santong",
        ),
        WorkflowSource::Path(dir) => (
            format!("  SANTONG_PATH: {}\n", yaml_scalar(dir)),
            "        with:\n          submodules: recursive\n",
            WHICH_PATH,
            "cargo install --locked --root \"$HOME/.santong\" --path \"$SANTONG_PATH\"",
        ),
    };
    WORKFLOW
        .replace("@ENV@", &env)
        .replace("@CHECKOUT@", checkout)
        .replace("@WHICH@", which)
        .replace("@BUILD@", build)
}

/// `s` as a YAML single-quoted scalar (nothing in it is special there
/// but the quote, which doubles).
fn yaml_scalar(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Resolves a git source's revision to a commit (a tag to the commit it
/// names); a full commit hash, which `ls-remote` does not list, stands.
const WHICH_GIT: &str = r#"          rev=$(git ls-remote "$SANTONG_GIT" "$SANTONG_REV" "$SANTONG_REV^{}" | LC_ALL=C sort -k 2 | tail -n 1 | cut -f 1)
          rev=${rev:-$SANTONG_REV}
          echo "rev=$rev" >> "$GITHUB_OUTPUT"
          echo "key=santong-$RUNNER_OS-$rev" >> "$GITHUB_OUTPUT"
"#;

/// Hashes a vendored source tree (without its build output or git data).
const WHICH_PATH: &str = r#"          tree=$(find "$SANTONG_PATH/" \( -name target -o -name .git \) -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c 1-20)
          echo "key=santong-$RUNNER_OS-$tree" >> "$GITHUB_OUTPUT"
"#;

const WORKFLOW: &str = r#"# Check the catalogues on every push and pull request; findings appear as
# annotations on the pull request and in code scanning (SARIF). santong is
# built from the source below once per version and kept in the Actions cache.
name: santong
on:
  push:
  pull_request:
permissions:
  contents: read
  security-events: write
env:
@ENV@jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
@CHECKOUT@      - name: Which santong
        id: santong
        shell: bash
        run: |
          set -euo pipefail
@WHICH@      - name: Restore santong
        id: cache
        uses: actions/cache/restore@v4
        with:
          path: ~/.santong
          key: ${{ steps.santong.outputs.key }}
      - name: Build santong
        if: steps.cache.outputs.cache-hit != 'true'
        run: @BUILD@
      # saved here rather than at the end of the job, which fails whenever
      # a catalogue has errors
      - name: Save santong
        if: steps.cache.outputs.cache-hit != 'true'
        uses: actions/cache/save@v4
        with:
          path: ~/.santong
          key: ${{ steps.santong.outputs.key }}
      - name: Put santong on PATH
        run: echo "$HOME/.santong/bin" >> "$GITHUB_PATH"
      - name: Annotate the pull request
        run: santong check --format github
      - name: SARIF report
        if: always()
        run: santong check --format sarif --output santong.sarif --fail-on never
      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with:
          sarif_file: santong.sarif
"#;

/// The pre-commit configuration written by `santong init`.
const PRE_COMMIT: &str = r#"# @PRE_COMMIT_COMMENT@
repos:
  - repo: local
    hooks:
      - id: santong
        name: santong check
        entry: santong check
        language: system
        pass_filenames: false
        files: '\.(@EXTENSIONS@)$'
"#;

/// The starter `santong.yaml`; its glob names every extension a
/// directory walk reads (from the readers registry).
pub fn starter() -> String {
    starter_in(crate::i18n::Lang::En)
}

/// The starter `santong.yaml` with its comments in a language (the keys
/// and values are the same in both).
pub fn starter_in(lang: crate::i18n::Lang) -> String {
    lang.pick(STARTER_ZH, STARTER).replace(
        "@FILES@",
        &crate::catalogue::read::starter_glob("catalogues"),
    )
}

/// The pre-commit hook, triggered by the same extensions.
fn pre_commit(lang: crate::i18n::Lang) -> String {
    let exts = crate::catalogue::read::walked_extensions(|_| true);
    PRE_COMMIT.replace("@EXTENSIONS@", &exts.join("|")).replace(
        "@PRE_COMMIT_COMMENT@",
        lang.pick(
            "pre-commit（https://pre-commit.com）：每次提交前检查清单。",
            "pre-commit (https://pre-commit.com): check the catalogues before each commit.",
        ),
    )
}

/// Where `santong init` writes the CI workflow.
pub const WORKFLOW_FILE: &str = ".github/workflows/santong.yml";

/// Files `santong init` writes, relative to the repository; the workflow
/// only when it is told where to get santong from.
pub fn init_files(
    source: Option<&WorkflowSource>,
    lang: crate::i18n::Lang,
) -> Vec<(&'static str, String)> {
    let mut files = vec![(FILE_NAME, starter_in(lang))];
    if let Some(source) = source {
        files.push((WORKFLOW_FILE, workflow(source)));
    }
    files.push((".pre-commit-config.yaml", pre_commit(lang)));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_names_its_source_as_yaml_reads_it() {
        for (source, var, value) in [
            (
                WorkflowSource::Git {
                    url: "https://host.invalid/o'brien/santong.git#x: y".into(),
                    rev: "v1".into(),
                },
                "SANTONG_GIT",
                "https://host.invalid/o'brien/santong.git#x: y",
            ),
            (
                WorkflowSource::Path("tools/san tong".into()),
                "SANTONG_PATH",
                "tools/san tong",
            ),
        ] {
            let wf: serde_json::Value = serde_saphyr::from_str(&workflow(&source)).unwrap();
            assert_eq!(wf["env"][var], value);
            let steps = wf["jobs"]["check"]["steps"].as_array().unwrap();
            let checkout = &steps[0];
            assert_eq!(
                checkout["with"]["submodules"].as_str() == Some("recursive"),
                var == "SANTONG_PATH"
            );
        }
        assert!(WorkflowSource::is_git_url("git@host.invalid:o/santong.git"));
        assert!(!WorkflowSource::is_git_url("tools/santong"));
        assert!(!WorkflowSource::is_git_url("tools/a@b:c"));
        assert!(!WorkflowSource::is_git_url("C:/santong"));
    }

    #[test]
    fn starter_parses_and_names_known_rules() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join(FILE_NAME);
        std::fs::write(&p, starter()).unwrap();
        let l = Loaded::load(&p).unwrap();
        let mut std = Standard::national().unwrap();
        l.apply(&mut std).unwrap();
        assert_eq!(std.severity("unknown-column"), Severity::Off);
        assert_eq!(l.config.fail_on, Some(FailOn::Error));
    }

    #[test]
    fn a_severity_is_named_as_outputs_show_it() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join(FILE_NAME);
        let mut std = Standard::national().unwrap();
        std::fs::write(&p, "severity:\n  catch-all-clause: note\n").unwrap();
        Loaded::load(&p).unwrap().apply(&mut std).unwrap();
        assert_eq!(std.severity("catch-all-clause"), Severity::Info);
        std::fs::write(&p, "severity:\n  catch-all-clause: notice\n").unwrap();
        assert!(Loaded::load(&p).is_err());
    }

    #[test]
    fn ignores_need_a_reason_and_known_rules() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join(FILE_NAME);
        std::fs::write(&p, "files: [a.csv]\nignore:\n  - rule: catch-all-clause\n").unwrap();
        let e = Loaded::load(&p).unwrap_err();
        assert!(
            e.contains("ignore #1 (rule catch-all-clause) has no reason"),
            "{e}"
        );
        std::fs::write(
            &p,
            "ignore:\n  - rule: catch-all-clause\n    reason: \"  \"\n",
        )
        .unwrap();
        assert!(Loaded::load(&p).is_err());
        std::fs::write(&p, "ignore:\n  - rule: no-such-rule\n    reason: x\n").unwrap();
        let l = Loaded::load(&p).unwrap();
        let e = l.apply(&mut Standard::national().unwrap()).unwrap_err();
        assert!(e.contains("unknown rule no-such-rule"), "{e}");
        std::fs::write(&p, "fles: [a.csv]\n").unwrap();
        let e = Loaded::load(&p).unwrap_err();
        assert!(e.contains("santong.yaml:1:"), "{e}");
    }

    #[test]
    fn globs_match_below_the_file_only() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir_all(root.join("catalogues/a")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join("catalogues/a/x.csv"), "x").unwrap();
        std::fs::write(root.join("catalogues/y.xlsx"), "x").unwrap();
        std::fs::write(root.join(".git/z.csv"), "x").unwrap();
        std::fs::write(root.join("notes.csv"), "x").unwrap();
        let p = root.join(FILE_NAME);
        std::fs::write(
            &p,
            "files: [\"catalogues/**/*.csv\", \"catalogues/*.xlsx\"]\n",
        )
        .unwrap();
        let files = Loaded::load(&p).unwrap().files().unwrap().files;
        let rel: Vec<String> = files
            .iter()
            .map(|f| f.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(rel, ["catalogues/a/x.csv", "catalogues/y.xlsx"]);
        assert_eq!(find(&root.join("catalogues/a")), Some(p));
    }
}
