//! The HTML reports in a real browser: headless Chromium loads each page
//! from a file:// URL, runs its script, and dumps the DOM. The page must
//! finish its script (body[data-ready]), raise no error (no body[data-error],
//! nothing "Uncaught" on the console), and show the same counts as JSON.
//!
//! CI installs Debian's chromium (.ci/run). Locally, without a browser, the
//! tests say so and pass; under CI=true a missing browser fails them.

use crate::common::*;
use assert_cmd::Command;
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

/// Headless Chromium with a fresh profile and no network of its own.
fn headless(browser: &Path, profile: &tempfile::TempDir) -> std::process::Command {
    let mut c = std::process::Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]);
    c.arg(format!("--user-data-dir={}", profile.path().display()));
    c
}

/// Load a page headless; returns (DOM, console output).
fn load(browser: &Path, page: &Path, query: &str) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}{}", page.display(), query);
    let out = headless(browser, &profile)
        .args([
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=5000",
        ])
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
    // one drill-down per item with a difference
    let items: std::collections::BTreeSet<&str> = v["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["key"].as_str().unwrap())
        .collect();
    assert!(items.len() >= 2);
    assert_eq!(text_of(&dom, "shown"), items.len().to_string());
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

#[test]
fn guide_site_opens_and_search_finds_an_item_by_part_of_its_name() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tmp();
    let mut rows = city_list(12);
    let n_items = rows.iter().filter(|r| r.contains_key("事项名称")).count();
    rows[0].insert("事项名称".into(), "港口危险货物作业附证核发".into());
    rows[2].insert("受理条件".into(), "<img src=x onerror=alert(1)>".into());
    let list = path_in(&dir, "city.xlsx");
    write_xlsx(&list, "实施清单", &[], &headers_of(&rows), &rows);
    let out = dir.path().join("site");
    Command::cargo_bin("santong")
        .unwrap()
        .arg("guide")
        .arg(&list)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    let index = out.join("index.html");
    let (dom, console) = load(&browser, &index, "");
    assert_clean(&dom, &console);
    assert_eq!(text_of(&dom, "shown"), n_items.to_string());
    // search by part of the name: one row stays visible
    let (dom, console) = load(&browser, &index, "?q=危险货物");
    assert_clean(&dom, &console);
    assert_eq!(text_of(&dom, "shown"), "1");
    let visible: Vec<&str> = dom
        .split("<tr data-name=\"")
        .skip(1)
        .filter(|r| !r.split('>').next().unwrap().contains(" hidden"))
        .collect();
    assert_eq!(visible.len(), 1);
    assert!(visible[0].starts_with("港口危险货物作业附证核发"));
    // a filter by body narrows to that body's items
    let (dom, _) = load(&browser, &index, "?body=浦北县第3服务局");
    assert_eq!(text_of(&dom, "shown"), (n_items / 12).to_string());
    // an item page, with hostile text shown as text
    let code = &rows[2]["实施编码"];
    let page = out.join(format!("items/{code}.html"));
    let (dom, console) = load(&browser, &page, "");
    assert_clean(&dom, &console);
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"), "{dom}");
    assert!(dom.contains("data-section=\"scope\""));
}

#[test]
fn check_report_counts_equal_json_and_filters_work() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tmp();
    let mut rows = clean_list();
    rows[0].insert("承诺办结时限".into(), "30".into());
    rows[2].insert("实施主体编码".into(), "11450721MB1558081X".into());
    rows[4].insert("受理条件".into(), "法律、法规规定的其他条件".into());
    rows[6].insert("事项名称".into(), "<img src=x onerror=alert(1)>".into());
    rows.insert(1, material_row("申请书"));
    let a = path_in(&dir, "a.csv");
    write_csv(&a, &headers_of(&rows), &rows);
    let b = path_in(&dir, "b.csv");
    write_csv(&b, &headers_of(&clean_list()), &clean_list());
    let json = Command::cargo_bin("santong")
        .unwrap()
        .args(["check", "--basic", "sample", "--format", "json"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let html = path_in(&dir, "report.html");
    Command::cargo_bin("santong")
        .unwrap()
        .args([
            "check", "--basic", "sample", "--lang", "en", "--format", "html", "--output",
        ])
        .arg(&html)
        .arg(&a)
        .arg(&b)
        .assert()
        .code(1);
    let diags = json["diagnostics"].as_array().unwrap();
    let count = |sev: &str| diags.iter().filter(|d| d["severity"] == sev).count();
    let (dom, console) = load(&browser, &html, "");
    assert_clean(&dom, &console);
    assert_eq!(text_of(&dom, "total-errors"), count("error").to_string());
    assert_eq!(
        text_of(&dom, "total-warnings"),
        count("warning").to_string()
    );
    assert_eq!(text_of(&dom, "total-infos"), count("info").to_string());
    assert_eq!(text_of(&dom, "shown"), diags.len().to_string());
    assert!(!dom.contains("<img src=x"), "catalogue text is escaped");
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // filtering by rule and by severity shows what the JSON has
    let rule = "name-mismatch";
    let n_rule = diags.iter().filter(|d| d["rule"] == rule).count();
    assert!(n_rule > 0);
    let (dom, console) = load(&browser, &html, &format!("?rule={rule}"));
    assert_clean(&dom, &console);
    assert_eq!(text_of(&dom, "shown"), n_rule.to_string());
    let (dom, _) = load(&browser, &html, "?severity=warning");
    assert_eq!(text_of(&dom, "shown"), count("warning").to_string());
    let file = a.display().to_string();
    let n_file = diags.iter().filter(|d| d["path"] == file.as_str()).count();
    let (dom, _) = load(
        &browser,
        &html,
        &format!("?file={}", file.replace('/', "%2F")),
    );
    assert_eq!(text_of(&dom, "shown"), n_file.to_string());
    // sorting by severity puts warnings after every error
    let (dom, _) = load(&browser, &html, "?sort=severity");
    let order: Vec<&str> = dom
        .split("data-severity=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .filter(|s| !s.is_empty() && ["error", "warning", "info"].contains(s))
        .collect();
    let first_warning = order.iter().position(|s| *s == "warning").unwrap();
    assert!(
        order[first_warning..].iter().all(|s| *s != "error"),
        "{order:?}"
    );
}

/// Print a page to PDF as a user would (Chromium's print, no header or
/// footer); returns the PDF's text in content order with every space and
/// line break removed, and what pdfinfo says of it (pages, page size).
fn print_to_pdf(browser: &Path, page: &Path) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let pdf = page.with_extension("pdf");
    let out = headless(browser, &profile)
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        pdf.is_file(),
        "no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let poppler = |cmd: &str, args: &[&str]| -> String {
        let out = std::process::Command::new(cmd)
            .args(args)
            .arg(&pdf)
            .args(if cmd == "pdftotext" {
                &["-"][..]
            } else {
                &[][..]
            })
            .output()
            .unwrap_or_else(|e| panic!("{cmd} (poppler-utils) is needed: {e}"));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let text = poppler("pdftotext", &["-raw", "-enc", "UTF-8"]);
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    (text, poppler("pdfinfo", &[]))
}

/// Whether poppler's pdftotext and pdfinfo are here to read a printed
/// page back; CI must have them.
fn poppler_or_skip() -> bool {
    let yes = std::process::Command::new("pdfinfo")
        .arg("-v")
        .output()
        .is_ok();
    if !yes {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install poppler-utils for the print tests"
        );
        eprintln!("no pdfinfo (poppler-utils): print test skipped");
    }
    yes
}

fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_check_page_prints_on_a4_landscape_with_every_fix_and_chinese_chart_labels() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    if !poppler_or_skip() {
        return;
    }
    let dir = tmp();
    let mut rows = clean_list();
    rows[0].insert("承诺办结时限".into(), "30".into());
    rows[0].insert("咨询方式".into(), "0771—5512345".into());
    rows[2].insert("实施主体编码".into(), "11450721MB1558081X".into());
    rows[4].insert("受理条件".into(), "法律、法规规定的其他条件".into());
    rows[3].insert("事项类型".into(), "行政审批".into());
    let a = path_in(&dir, "a.csv");
    write_csv(&a, &headers_of(&rows), &rows);
    let run = |format: &str, out: Option<&Path>| {
        let mut c = Command::cargo_bin("santong").unwrap();
        c.args([
            "check", "--basic", "sample", "--lang", "zh", "--format", format,
        ]);
        if let Some(o) = out {
            c.arg("--output").arg(o);
        }
        c.arg(&a).output().unwrap()
    };
    let json: serde_json::Value = serde_json::from_slice(&run("json", None).stdout).unwrap();
    let html = path_in(&dir, "report.html");
    run("html", Some(&html));
    let (text, info) = print_to_pdf(&browser, &html);
    assert!(info.contains("841.92 x 594.96"), "A4 landscape: {info}");
    let diags = json["diagnostics"].as_array().unwrap();
    assert!(diags.len() >= 5, "{diags:?}");
    for d in diags {
        for key in ["fix", "message"] {
            if let Some(s) = d[key].as_str() {
                assert!(
                    text.contains(&squeezed(s)),
                    "the printed page lacks {key} 「{s}」"
                );
            }
        }
    }
    // the chart is labelled with the rules' Chinese titles, ids only as tooltips
    let page = std::fs::read_to_string(&html).unwrap();
    let chart = page
        .split("id=\"chart\"")
        .nth(1)
        .unwrap()
        .split("</svg>")
        .next()
        .unwrap();
    let visible: String = chart
        .split("<title>")
        .map(|s| s.split_once("</title>").map_or(s, |(_, rest)| rest))
        .collect();
    let labels: Vec<&str> = chart
        .split("</title>")
        .skip(1)
        .map(|s| s.split('<').next().unwrap())
        .collect();
    assert!(labels.len() >= 3, "{chart}");
    for l in &labels {
        assert!(
            l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) && !l.contains('-'),
            "a chart label is not a Chinese title: {l}"
        );
    }
    assert!(visible.contains("必填要素为空"), "{chart}");
}

#[test]
fn the_diff_page_prints_every_items_differences() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    if !poppler_or_skip() {
        return;
    }
    let dir = tmp();
    let files = regions(&dir);
    let html = path_in(&dir, "diff.html");
    Command::cargo_bin("santong")
        .unwrap()
        .args([
            "diff", "--basic", "sample", "--lang", "zh", "--format", "html", "--output",
        ])
        .arg(&html)
        .args(&files)
        .assert()
        .code(0);
    let (text, info) = print_to_pdf(&browser, &html);
    assert!(info.contains("841.92 x 594.96"), "A4 landscape: {info}");
    // the values that differ, inside the folded per-item sections
    for v in ["出版物零售单位设立", "onerror=alert(1)", "000120001000"] {
        assert!(text.contains(v), "the printed diff lacks 「{v}」");
    }
    assert!(
        !text.contains("majority") && !text.contains("basic"),
        "English baseline words"
    );
}
