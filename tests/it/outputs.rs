//! Snapshots of every rendered output on the bundled examples: `check` in
//! each format (and the annotated workbook's summary sheet), `diff` and
//! `score` in their text formats, and one guide page in HTML and Markdown.
//!
//! These pin the behaviour of the renderers and the rules behind them, so a
//! change of structure that is meant to change nothing is proven to change
//! nothing; an intended change shows up here as a reviewed snapshot diff.

use crate::common::*;
use assert_cmd::Command;
use calamine::{open_workbook_auto, Data, Reader};

const EXAMPLES: [&str; 3] = [
    "docs/examples/钦南区-实施清单.xlsx",
    "docs/examples/浦北县-实施清单.csv",
    "docs/examples/灵山县-实施清单-GBK.csv",
];

fn santong(lang: &str) -> Command {
    let mut c = Command::cargo_bin("santong").unwrap();
    c.env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("NO_COLOR");
    c
}

/// Run santong and return its standard output, asserting the exit code.
fn stdout(lang: &str, args: &[&str], code: i32) -> String {
    let out = santong(lang).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn check_args(format: &str) -> Vec<&str> {
    let mut a = vec!["check", "--basic", "sample", "--format", format];
    a.extend(EXAMPLES);
    a
}

#[test]
fn check_html_sarif_github_junit() {
    for format in ["html", "sarif", "github", "junit"] {
        for lang in ["C", "zh_CN.UTF-8"] {
            let text = stdout(lang, &check_args(format), 1);
            let short = if lang == "C" { "en" } else { "zh" };
            insta::assert_snapshot!(format!("check_{format}_{short}"), text);
        }
    }
}

#[test]
fn annotated_summary_sheet() {
    let dir = tmp();
    let out = path_in(&dir, "annotated.xlsx");
    santong("zh_CN.UTF-8")
        .args(["check", "--basic", "sample", EXAMPLES[0], "--annotate"])
        .arg(&out)
        .assert()
        .code(1);
    let mut wb = open_workbook_auto(&out).unwrap();
    let names = wb.sheet_names().to_vec();
    let range = wb.worksheet_range(&names[0]).unwrap();
    let text = format!("sheets: {}\n{}", names.join(" | "), range_text(&range));
    insta::assert_snapshot!("check_annotated_summary_zh", text);
}

fn region_args<'a>(cmd: &'a str, format: &'a str) -> Vec<&'a str> {
    let mut a = vec![cmd, "--basic", "sample", "--format", format];
    a.extend(EXAMPLES);
    a
}

#[test]
fn diff_and_score_text_formats() {
    for cmd in ["diff", "score"] {
        for format in ["human", "json", "html"] {
            for lang in ["C", "zh_CN.UTF-8"] {
                if format == "json" && lang != "C" {
                    continue;
                }
                let text = stdout(lang, &region_args(cmd, format), 0);
                let short = if lang == "C" { "en" } else { "zh" };
                insta::assert_snapshot!(format!("{cmd}_{format}_{short}"), text);
            }
        }
    }
}

#[test]
fn one_guide_page_in_html_and_markdown() {
    let dir = tmp();
    for format in ["html", "md"] {
        let out = path_in(&dir, format);
        santong("zh_CN.UTF-8")
            .args(["guide", EXAMPLES[0], "--format", format, "--out"])
            .arg(&out)
            .assert()
            .code(0);
        let mut pages: Vec<_> = std::fs::read_dir(out.join("items"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        pages.sort();
        let page = std::fs::read_to_string(&pages[0]).unwrap();
        insta::assert_snapshot!(format!("guide_page_{format}"), page);
        let index = if format == "html" {
            "index.html"
        } else {
            "index.md"
        };
        let index = std::fs::read_to_string(out.join(index)).unwrap();
        insta::assert_snapshot!(format!("guide_index_{format}"), index);
    }
}

#[test]
fn rules_list_and_explain() {
    for lang in ["C", "zh_CN.UTF-8"] {
        let short = if lang == "C" { "en" } else { "zh" };
        insta::assert_snapshot!(format!("rules_{short}"), stdout(lang, &["rules"], 0));
        insta::assert_snapshot!(
            format!("explain_catch_all_{short}"),
            stdout(lang, &["explain", "catch-all-clause"], 0)
        );
    }
}

/// A sheet's cells, one line per row.
fn range_text(range: &calamine::Range<Data>) -> String {
    let mut text = String::new();
    for row in range.rows() {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Data::Empty => String::new(),
                other => other.to_string(),
            })
            .collect();
        text.push_str(&cells.join(" | "));
        text.push('\n');
    }
    text
}

/// Every cell of a workbook's sheets, one line per row.
fn workbook_text(path: &std::path::Path) -> String {
    let mut wb = open_workbook_auto(path).unwrap();
    let names = wb.sheet_names().to_vec();
    let mut text = String::new();
    for name in names {
        text.push_str(&format!("## {name}\n"));
        text.push_str(&range_text(&wb.worksheet_range(&name).unwrap()));
    }
    text
}

#[test]
fn application_form_cells() {
    let dir = tmp();
    let out = path_in(&dir, "forms");
    santong("zh_CN.UTF-8")
        .args([
            "form",
            EXAMPLES[0],
            "--item",
            "11450702MB1234562R4000111001000",
            "--out",
        ])
        .arg(&out)
        .assert()
        .code(0);
    let mut files: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 1);
    insta::assert_snapshot!("form_cells", workbook_text(&files[0]));
}

#[test]
fn blank_template_and_regional_workbooks() {
    let dir = tmp();
    let t = path_in(&dir, "template.xlsx");
    santong("zh_CN.UTF-8")
        .args(["template", "--out"])
        .arg(&t)
        .assert()
        .code(0);
    insta::assert_snapshot!("template_cells", workbook_text(&t));
    for cmd in ["diff", "score"] {
        let p = path_in(&dir, &format!("{cmd}.xlsx"));
        santong("zh_CN.UTF-8")
            .args(region_args(cmd, "xlsx"))
            .arg("--output")
            .arg(&p)
            .assert()
            .code(0);
        insta::assert_snapshot!(format!("{cmd}_xlsx_cells"), workbook_text(&p));
    }
}
