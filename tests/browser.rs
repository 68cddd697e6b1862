//! The HTML reports in a real browser: headless Chromium loads each page
//! from a file:// URL, runs its script, and dumps the DOM. The page must
//! finish its script (body[data-ready]), raise no error (no body[data-error],
//! nothing "Uncaught" on the console), and show the same counts as JSON.
//!
//! CI installs Debian's chromium (.ci/run). Locally, without a browser, the
//! tests say so and pass; under CI=true a missing browser fails them.

mod common;
use assert_cmd::Command;
use common::*;
use std::path::{Path, PathBuf};

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SANTONG_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

fn browser_or_skip() -> Option<PathBuf> {
    let b = chromium();
    if b.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install chromium for the browser tests"
        );
        eprintln!("no chromium on PATH: browser test skipped");
    }
    b
}

/// Load a page headless; returns (DOM, console output).
fn load(browser: &Path, page: &Path, query: &str) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}{}", page.display(), query);
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn text_of(dom: &str, id: &str) -> String {
    let key = format!("id=\"{id}\">");
    let start = dom
        .find(&key)
        .unwrap_or_else(|| panic!("no #{id} in the page"))
        + key.len();
    dom[start..].split('<').next().unwrap().trim().to_string()
}

fn assert_clean(dom: &str, console: &str) {
    assert!(
        dom.contains("data-ready=\"1\""),
        "the page script did not finish"
    );
    assert!(!dom.contains("data-error=\""), "script error: {dom}");
    assert!(!console.contains("Uncaught"), "console error: {console}");
}

fn regions(dir: &tempfile::TempDir) -> Vec<PathBuf> {
    let codes = ["000111001000", "000111002000", "000120001000"];
    let mut out = Vec::new();
    for (k, n) in ["a", "b", "c"].iter().enumerate() {
        let mut rows: Vec<Row> = codes
            .iter()
            .enumerate()
            .map(|(i, c)| clean_item(c, i + 1))
            .collect();
        if k == 1 {
            rows[0].insert(
                "受理条件".into(),
                "申请人具有与申请事项相适应的场所和<img src=x onerror=alert(1)>人员。".into(),
            );
            rows[2].insert("事项名称".into(), "出版物零售单位设立审批".into());
        }
        if k == 2 {
            rows[1].insert("承诺办结时限".into(), "5".into());
        }
        let p = path_in(dir, &format!("{n}.csv"));
        write_csv(&p, &headers_of(&rows), &rows);
        out.push(p);
    }
    out
}

#[test]
fn diff_page_renders_counts_equal_json_and_filters() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tmp();
    let files = regions(&dir);
    let html = path_in(&dir, "diff.html");
    Command::cargo_bin("santong")
        .unwrap()
        .args(["diff", "--basic", "sample", "--format", "html", "--output"])
        .arg(&html)
        .args(&files)
        .assert()
        .code(0);
    let json = Command::cargo_bin("santong")
        .unwrap()
        .args(["diff", "--basic", "sample", "--format", "json"])
        .args(&files)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let (dom, console) = load(&browser, &html, "");
    assert_clean(&dom, &console);
    assert_eq!(
        text_of(&dom, "differences"),
        v["summary"]["differences"].to_string()
    );
    assert_eq!(
        text_of(&dom, "items-compared"),
        v["summary"]["items_compared"].to_string()
    );
    assert_eq!(
        text_of(&dom, "identical"),
        v["summary"]["identical"].to_string()
    );
    assert_eq!(text_of(&dom, "shown"), "3");
    // catalogue text is shown as text, never as markup
    assert!(!dom.contains("<img src=\"x\""), "markup injected");
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // the search filters the drill-down
    let (dom, console) = load(&browser, &html, "?q=000120001000");
    assert_clean(&dom, &console);
    assert_eq!(text_of(&dom, "shown"), "1");
}

#[test]
fn score_page_renders() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tmp();
    let files = regions(&dir);
    let html = path_in(&dir, "score.html");
    Command::cargo_bin("santong")
        .unwrap()
        .args(["score", "--basic", "sample", "--format", "html", "--output"])
        .arg(&html)
        .args(&files)
        .assert()
        .code(0);
    let (dom, console) = load(&browser, &html, "");
    assert_clean(&dom, &console);
    assert_eq!(dom.matches("class=\"bar\"").count(), 3);
}
