//! Chinese throughout (issue 29): every command run on the bundled
//! examples under a Chinese locale, and every word it writes — terminal
//! text, notes on stderr, pages, workbooks, documents, the config `init`
//! writes, `explain` and `rules` — scanned for English prose and for raw
//! template syntax. Codes, paths, rule ids, option names, file formats and
//! the standard's expressions are not prose and are left out of the scan.

use crate::common::*;
use std::path::{Path, PathBuf};

const XLSX: &str = "docs/examples/钦南区-实施清单.xlsx";
const CSV: &str = "docs/examples/浦北县-实施清单.csv";
const GBK: &str = "docs/examples/灵山县-实施清单-GBK.csv";

/// English words that only prose has: one of them in what is left of a
/// line after codes, paths and options are taken out is English left
/// in a Chinese output.
const PROSE: [&str; 58] = [
    "the", "and", "not", "with", "for", "from", "are", "is", "was", "this", "that", "of", "to",
    "in", "no", "by", "or", "on", "be", "has", "have", "its", "it", "an", "as", "at", "which",
    "when", "where", "than", "each", "every", "one", "all", "none", "only", "may", "must",
    "cannot", "rows", "row", "items", "item", "column", "columns", "file", "files", "found",
    "missing", "required", "invalid", "errors", "warnings", "notes", "baseline", "majority",
    "region", "regions",
];

/// The words of a line that are prose: backticked spans, URLs and tokens
/// with `-`, `_`, `.`, `/`, `:`, `=` or digits (ids, paths, options,
/// codes) are not.
fn prose_words(line: &str) -> Vec<String> {
    let mut kept = String::new();
    for (i, part) in line.split('`').enumerate() {
        if i % 2 == 0 {
            kept.push_str(part);
            kept.push(' ');
        }
    }
    kept.split(|c: char| {
        c.is_whitespace() || "，。；：、（）()“”\"'[]{}<>|,;!?「」《》".contains(c)
    })
    .filter(|t| !t.is_empty())
    .filter(|t| {
        !t.chars()
            .any(|c| "-_./:=@#%&+\\*$~".contains(c) || c.is_ascii_digit())
    })
    .filter(|t| t.chars().all(|c| c.is_ascii_alphabetic()))
    .map(str::to_string)
    .collect()
}

/// Every line of `text` with English prose or template syntax, as
/// `what: line`.
fn scan(what: &str, text: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for line in text.lines() {
        if line.contains("{{") || line.contains("{%") || line.contains("%}") {
            bad.push(format!("{what}: template syntax: {line}"));
            continue;
        }
        let words = prose_words(line);
        if words.iter().any(|w| PROSE.contains(&w.as_str())) {
            bad.push(format!("{what}: {line}"));
        }
    }
    bad
}

/// The text a page shows: no scripts, styles or tags; entities decoded.
fn page_text(html: &str) -> String {
    let mut s = html.to_string();
    for tag in ["script", "style"] {
        while let Some(a) = s.find(&format!("<{tag}")) {
            let Some(b) = s[a..].find(&format!("</{tag}>")) else {
                break;
            };
            s.replace_range(a..a + b + tag.len() + 3, "\n");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    let mut attrs = String::new();
    for c in s.chars() {
        match c {
            '<' => {
                in_tag = true;
                attrs.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                // what a reader also sees: titles, placeholders, labels
                for key in ["title=\"", "placeholder=\"", "aria-label=\""] {
                    if let Some(a) = attrs.find(key) {
                        let v = &attrs[a + key.len()..];
                        out.push('\n');
                        out.push_str(v.split('"').next().unwrap_or(""));
                        out.push('\n');
                    }
                }
                out.push(' ');
            }
            _ if in_tag => attrs.push(c),
            _ => out.push(c),
        }
    }
    out.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every string cell of every sheet of a workbook, a line each.
fn workbook_text(path: &Path) -> String {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let mut out = String::new();
    for name in wb.sheet_names() {
        out.push_str(&name);
        out.push('\n');
        let range = wb.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for c in row {
                if let calamine::Data::String(s) = c {
                    out.push_str(s);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// The text of a Word document's body.
fn docx_text(path: &Path) -> String {
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    page_text(&xml.replace("</w:p>", "</w:p>\n"))
}

fn santong(dir: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("santong").unwrap();
    c.env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .current_dir(dir);
    c
}

/// Copies the examples into `dir` (so paths are short and nothing is
/// written beside the repository's files).
fn examples(dir: &Path) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [XLSX, CSV, GBK]
        .iter()
        .map(|p| {
            let to = dir.join(Path::new(p).file_name().unwrap());
            std::fs::copy(root.join(p), &to).unwrap();
            to
        })
        .collect()
}

#[test]
fn every_command_speaks_chinese_under_a_chinese_locale() {
    let dir = tmp();
    let d = dir.path();
    let lists = examples(d);
    let names: Vec<String> = lists
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let mut bad = Vec::new();
    let mut run = |what: &str, args: &[String]| {
        let out = santong(d).args(args).output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        bad.extend(scan(
            &format!("{what} (stderr)"),
            &String::from_utf8_lossy(&out.stderr),
        ));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let with = |head: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = head.iter().map(|s| s.to_string()).collect();
        v.extend(names.iter().cloned());
        v
    };
    let only = |args: &[&str]| -> Vec<String> { args.iter().map(|s| s.to_string()).collect() };
    let mut texts: Vec<(String, String)> = Vec::new();
    // check in every text format, with and without the basic catalogue
    for (fmt, basic) in [
        ("human", true),
        ("human", false),
        ("summary", true),
        ("junit", true),
        ("github", true),
    ] {
        let mut head = vec!["check", "--format", fmt];
        if basic {
            head.extend(["--basic", "sample"]);
        }
        let args = with(&head);
        let out = run(&format!("check --format {fmt}"), &args);
        let out = if fmt == "junit" { page_text(&out) } else { out };
        // the annotation prefix `::warning file=…,title=rule row::` is syntax
        let out = if fmt == "github" {
            out.lines()
                .map(|l| l.rsplit("::").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            out
        };
        texts.push((format!("check --format {fmt}"), out));
    }
    let args = with(&[
        "check",
        "--basic",
        "sample",
        "--format",
        "html",
        "--output",
        "check.html",
    ]);
    run("check --format html", &args);
    texts.push((
        "check.html".into(),
        page_text(&std::fs::read_to_string(d.join("check.html")).unwrap()),
    ));
    let annotate = [
        "check",
        "--basic",
        "sample",
        "--annotate",
        "批注.xlsx",
        names[0].as_str(),
    ];
    run("check --annotate", &only(&annotate));
    texts.push(("批注.xlsx".into(), workbook_text(&d.join("批注.xlsx"))));
    // diff and score, as text, page and workbook
    for cmd in ["diff", "score"] {
        let args = with(&[cmd, "--basic", "sample"]);
        let out = run(cmd, &args);
        texts.push((cmd.into(), out));
        let html = format!("{cmd}.html");
        let args = with(&[
            cmd, "--basic", "sample", "--format", "html", "--output", &html,
        ]);
        run(&html, &args);
        texts.push((
            html.clone(),
            page_text(&std::fs::read_to_string(d.join(&html)).unwrap()),
        ));
        let xlsx = format!("{cmd}.xlsx");
        let args = with(&[
            cmd, "--basic", "sample", "--format", "xlsx", "--output", &xlsx,
        ]);
        run(&xlsx, &args);
        texts.push((xlsx.clone(), workbook_text(&d.join(&xlsx))));
    }
    // generated guides, forms and the template
    run("guide", &(with(&["guide", "--out", "site"])));
    run(
        "guide --format docx",
        &(with(&["guide", "--format", "docx", "--out", "word"])),
    );
    run(
        "guide --format md",
        &(with(&["guide", "--format", "md", "--out", "md"])),
    );
    run("form", &(with(&["form", "--out", "forms"])));
    run("template", &only(&["template", "--out", "模板.xlsx"]));
    texts.push(("模板.xlsx".into(), workbook_text(&d.join("模板.xlsx"))));
    for f in files_below(d) {
        let name = f.strip_prefix(d).unwrap().display().to_string();
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        let under = |p: &str| name.starts_with(p);
        let text = match ext {
            "html" if under("site") => page_text(&std::fs::read_to_string(&f).unwrap()),
            "md" if under("md") => std::fs::read_to_string(&f).unwrap(),
            "docx" if under("word") => docx_text(&f),
            "xlsx" if under("forms") => workbook_text(&f),
            _ => continue,
        };
        texts.push((name, text));
    }
    // explain every rule, the rule list, the config init writes
    let rules = run("rules", &only(&["rules"]));
    texts.push(("rules".into(), rules.clone()));
    for id in rules.lines().filter_map(|l| l.split_whitespace().next()) {
        let out = run(&format!("explain {id}"), &only(&["explain", id]));
        // the standard's expressions are code
        let out: String = out
            .lines()
            .filter(|l| !l.contains('`'))
            .collect::<Vec<_>>()
            .join("\n");
        texts.push((format!("explain {id}"), out));
    }
    let repo = d.join("repo");
    std::fs::create_dir(&repo).unwrap();
    santong(&repo).arg("init").assert().code(0);
    let yaml = std::fs::read_to_string(repo.join("santong.yaml")).unwrap();
    let comments: String = yaml
        .lines()
        .filter(|l| l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    texts.push(("santong.yaml".into(), comments));
    for (what, text) in &texts {
        assert!(!text.trim().is_empty(), "{what} is empty");
        bad.extend(scan(what, text));
    }
    assert!(
        bad.is_empty(),
        "English or template syntax under zh:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_scan_sees_english_and_template_syntax() {
    // near misses: codes, paths, options and rule ids are not prose
    assert!(scan("x", "santong check --basic sample docs/a.csv").is_empty());
    assert!(scan("x", "phone-dash 11450721MB15580811 第1行").is_empty());
    assert!(scan("x", "规则 `assert: promised_days <= statutory_days`").is_empty());
    // and what is
    assert_eq!(scan("x", "基准：basic / majority").len(), 1);
    assert_eq!(
        scan("x", "no basic catalogue, so 4 rules did not run").len(),
        1
    );
    assert_eq!(scan("x", "“{{ label }}”为必填").len(), 1);
}
