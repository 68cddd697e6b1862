//! Runs a GitHub Actions job's steps on this machine, as a runner would,
//! for the subset of Actions the workflow `santong init` writes uses:
//! `run:` steps in bash with `$GITHUB_OUTPUT`, `$GITHUB_PATH` and the
//! workflow's `env:`; `if:` as `always()` or `steps.ID.outputs.NAME == /
//! != 'VALUE'`; `${{ steps.ID.outputs.NAME }}`; checkout, the cache's
//! restore and save (a directory per key), and the SARIF upload (which
//! reads the report). Anything else panics, so the workflow cannot grow a
//! construct this runner would silently get wrong.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A runner: its home, its cache (kept between jobs) and what it passes
/// every step.
pub struct Runner {
    pub home: tempfile::TempDir,
    cache: tempfile::TempDir,
    keys: BTreeMap<String, PathBuf>,
    /// PATH before any `$GITHUB_PATH` entry.
    pub path: std::ffi::OsString,
    /// Extra environment (the machine's, e.g. where cargo keeps crates).
    pub env: Vec<(String, String)>,
}

/// What one step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Skipped,
    Ran { code: i32 },
}

#[derive(Debug)]
pub struct Step {
    pub name: String,
    pub outcome: Outcome,
    pub outputs: BTreeMap<String, String>,
    pub stdout: String,
    pub stderr: String,
}

impl Runner {
    pub fn new(path: std::ffi::OsString) -> Runner {
        Runner {
            home: tempfile::tempdir().unwrap(),
            cache: tempfile::tempdir().unwrap(),
            keys: BTreeMap::new(),
            path,
            env: Vec::new(),
        }
    }

    /// Runs job `job` of `workflow` (YAML text) in the checked-out `repo`.
    pub fn run(&mut self, workflow: &str, job: &str, repo: &Path) -> Vec<Step> {
        let wf: serde_json::Value = serde_saphyr::from_str(workflow).unwrap();
        let mut env: Vec<(String, String)> = wf["env"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| {
                (
                    k.clone(),
                    v.as_str().expect("env values are strings").to_string(),
                )
            })
            .collect();
        env.extend(self.env.iter().cloned());
        let job = &wf["jobs"][job];
        assert_eq!(job["runs-on"], "ubuntu-latest");
        let scratch = tempfile::tempdir().unwrap();
        let github_path = scratch.path().join("path");
        std::fs::write(&github_path, "").unwrap();
        let mut steps: Vec<Step> = Vec::new();
        let mut failed = false;
        for (n, s) in job["steps"].as_array().unwrap().iter().enumerate() {
            let name = s["name"]
                .as_str()
                .or(s["uses"].as_str())
                .unwrap_or("step")
                .to_string();
            let by_id = |id: &str, out: &str| -> String {
                let step = job["steps"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .position(|s| s["id"] == id)
                    .unwrap_or_else(|| panic!("no step with id {id}"));
                assert!(step < n, "step {id} is used before it runs");
                steps[step].outputs.get(out).cloned().unwrap_or_default()
            };
            let expand = |text: &str| -> String { expand(text, &by_id) };
            let run_it = match s["if"].as_str() {
                None => !failed,
                Some("always()") => true,
                Some(cond) => !failed && condition(cond, &by_id),
            };
            let mut step = Step {
                name,
                outcome: Outcome::Skipped,
                outputs: BTreeMap::new(),
                stdout: String::new(),
                stderr: String::new(),
            };
            if !run_it {
                steps.push(step);
                continue;
            }
            if let Some(script) = s["run"].as_str() {
                // GitHub's default shell is `bash -e`; `shell: bash` adds pipefail
                let flags: &[&str] = match s["shell"].as_str() {
                    None => &["-e"],
                    Some("bash") => &["--noprofile", "--norc", "-eo", "pipefail"],
                    Some(other) => panic!("this runner has no shell {other}"),
                };
                let output_file = scratch.path().join(format!("output-{n}"));
                std::fs::write(&output_file, "").unwrap();
                let mut dirs: Vec<PathBuf> = std::fs::read_to_string(&github_path)
                    .unwrap()
                    .lines()
                    .rev()
                    .map(PathBuf::from)
                    .collect();
                dirs.extend(std::env::split_paths(&self.path));
                let o = std::process::Command::new("bash")
                    .args(flags)
                    .arg("-c")
                    .arg(expand(script))
                    .current_dir(repo)
                    .envs(env.iter().map(|(k, v)| (k, v)))
                    .env("HOME", self.home.path())
                    .env("PATH", std::env::join_paths(dirs).unwrap())
                    .env("GITHUB_OUTPUT", &output_file)
                    .env("GITHUB_PATH", &github_path)
                    .env("GITHUB_WORKSPACE", repo)
                    .env("RUNNER_OS", "Linux")
                    .env("CI", "true")
                    .env("GITHUB_ACTIONS", "true")
                    .output()
                    .unwrap();
                let code = o.status.code().unwrap_or(-1);
                step.outcome = Outcome::Ran { code };
                step.stdout = String::from_utf8_lossy(&o.stdout).into_owned();
                step.stderr = String::from_utf8_lossy(&o.stderr).into_owned();
                for line in std::fs::read_to_string(&output_file).unwrap().lines() {
                    let (k, v) = line.split_once('=').expect("NAME=VALUE outputs");
                    step.outputs.insert(k.to_string(), v.to_string());
                }
                failed |= code != 0;
            } else {
                let uses = s["uses"].as_str().expect("a step runs or uses");
                let with = |k: &str| -> String {
                    expand(
                        s["with"][k]
                            .as_str()
                            .unwrap_or_else(|| panic!("{uses}: with.{k}")),
                    )
                };
                let home_path = |p: String| -> PathBuf {
                    match p.strip_prefix("~/") {
                        Some(rest) => self.home.path().join(rest),
                        None => repo.join(p),
                    }
                };
                match uses.rsplit_once('@').map(|(a, _)| a) {
                    Some("actions/checkout") => {}
                    Some("actions/cache/restore") => {
                        let key = with("key");
                        assert!(!key.is_empty(), "an empty cache key");
                        let hit = self.keys.get(&key);
                        if let Some(saved) = hit {
                            copy_tree(saved, &home_path(with("path")));
                        }
                        step.outputs
                            .insert("cache-hit".into(), hit.is_some().to_string());
                    }
                    Some("actions/cache/save") => {
                        let key = with("key");
                        let dir = self.cache.path().join(self.keys.len().to_string());
                        copy_tree(&home_path(with("path")), &dir);
                        self.keys.insert(key, dir);
                    }
                    Some("github/codeql-action/upload-sarif") => {
                        let report = repo.join(with("sarif_file"));
                        let sarif: serde_json::Value =
                            serde_json::from_str(&std::fs::read_to_string(&report).unwrap())
                                .unwrap();
                        assert_eq!(sarif["version"], "2.1.0");
                    }
                    _ => panic!("this runner does not know {uses}"),
                }
                step.outcome = Outcome::Ran { code: 0 };
            }
            steps.push(step);
        }
        steps
    }
}

/// `${{ steps.ID.outputs.NAME }}` replaced; any other expression panics.
fn expand(text: &str, by_id: &dyn Fn(&str, &str) -> String) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("an unclosed ${{") + start;
        out.push_str(&reference(rest[start + 3..end].trim(), by_id));
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

fn reference(expr: &str, by_id: &dyn Fn(&str, &str) -> String) -> String {
    let parts: Vec<&str> = expr.split('.').collect();
    match parts.as_slice() {
        ["steps", id, "outputs", name] => by_id(id, name),
        _ => panic!("this runner does not evaluate {expr:?}"),
    }
}

/// `REFERENCE == 'VALUE'` or `!=`.
fn condition(cond: &str, by_id: &dyn Fn(&str, &str) -> String) -> bool {
    let (lhs, rhs, equal) = if let Some((l, r)) = cond.split_once("!=") {
        (l, r, false)
    } else if let Some((l, r)) = cond.split_once("==") {
        (l, r, true)
    } else {
        panic!("this runner does not evaluate if: {cond:?}")
    };
    let value = rhs
        .trim()
        .strip_prefix('\'')
        .and_then(|v| v.strip_suffix('\''))
        .unwrap_or_else(|| panic!("compare with a quoted string: {cond:?}"));
    (reference(lhs.trim(), by_id) == value) == equal
}

/// Copies the tree `from` to `to` (files, directories, links as links).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let ty = entry.file_type().unwrap();
        if ty.is_dir() {
            copy_tree(&src, &dst);
        } else if ty.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(&src).unwrap(), &dst).unwrap();
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}
