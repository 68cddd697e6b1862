//! Generated workbooks and documents in the programs and libraries that
//! will open them: LibreOffice (headless conversion to PDF must succeed),
//! openpyxl and python-docx (they must read what santong wrote, as
//! intended: sections and fonts of a guide, protection and validation of a
//! form, and the blank template's own validation rejecting a value outside
//! its vocabulary).
//!
//! CI installs LibreOffice and Debian's python3-openpyxl and python3-docx
//! (.ci/run). Locally,
//! without them, the tests say so and pass; under CI=true they fail.

use crate::common::*;
use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn required(what: &str, found: bool) -> bool {
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install {what} for the office tests"
        );
        eprintln!("no {what}: office test skipped");
    }
    found
}

fn soffice() -> Option<PathBuf> {
    let s = on_path("soffice").or_else(|| on_path("libreoffice"));
    required("LibreOffice (soffice)", s.is_some()).then(|| s.unwrap())
}

fn py(python: &Path, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py/office_check.py");
    let mut cmd = std::process::Command::new(python);
    cmd.arg(script);
    for a in args {
        cmd.arg(a);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "office_check.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Convert every file to PDF in one LibreOffice run; each must succeed.
/// Returns the directory of the PDFs.
fn converts_to_pdf(soffice: &Path, files: &[PathBuf]) -> tempfile::TempDir {
    let dir = tmp();
    let profile = tmp();
    let out = std::process::Command::new("timeout")
        .arg("600")
        .arg(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .args(files)
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for f in files {
        let pdf = dir
            .path()
            .join(f.file_stem().unwrap())
            .with_extension("pdf");
        let len = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
        assert!(
            len > 1000,
            "LibreOffice did not convert {}: {log}",
            f.display()
        );
        let head = std::fs::read(&pdf).unwrap();
        assert!(head.starts_with(b"%PDF"), "{} is not a PDF", pdf.display());
    }
    dir
}

/// A PDF's page count and the size of its first page, as pdfinfo says.
fn pdf_pages(pdf: &Path) -> (usize, String) {
    let out = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils) is needed");
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    let field = |k: &str| {
        info.lines()
            .find(|l| l.starts_with(k))
            .map(|l| l[k.len()..].trim().to_string())
            .unwrap_or_default()
    };
    (field("Pages:").parse().unwrap_or(0), field("Page size:"))
}

fn santong() -> Command {
    Command::cargo_bin("santong").unwrap()
}

fn sample_list(dir: &tempfile::TempDir) -> (PathBuf, Vec<Row>) {
    let rows = clean_list();
    let p = path_in(dir, "list.xlsx");
    write_xlsx(&p, "实施清单", &[], &headers_of(&rows), &rows);
    (p, rows)
}

#[test]
fn guide_documents_open_in_word_readers_and_libreoffice() {
    let (Some(soffice), Some(python)) = (soffice(), python_with("openpyxl, docx")) else {
        return;
    };
    let dir = tmp();
    let (list, _) = sample_list(&dir);
    let out = dir.path().join("docx");
    santong()
        .arg("guide")
        .arg(&list)
        .args(["--format", "docx", "--out"])
        .arg(&out)
        .assert()
        .code(0);
    // the documents (the run's manifest, .santong-manifest, beside them)
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "docx"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 18);
    let args: Vec<&dyn AsRef<std::ffi::OsStr>> =
        std::iter::once(&"docx" as &dyn AsRef<std::ffi::OsStr>)
            .chain(files.iter().map(|f| f as &dyn AsRef<std::ffi::OsStr>))
            .collect();
    let report = py(&python, &args);
    let titles: Vec<&str> = santong::generate::guide::SECTIONS
        .iter()
        .map(|(_, t)| *t)
        .collect();
    for doc in report.as_array().unwrap() {
        let headings: Vec<String> = doc["headings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap().split_once('、').unwrap().1.to_string())
            .collect();
        let expected: Vec<&str> = titles
            .iter()
            .copied()
            .filter(|t| *t != "处罚的行为、种类、幅度" || headings.iter().any(|h| h == t))
            .collect();
        assert_eq!(headings, expected, "{}", doc["path"]);
        let fonts = doc["east_asia_fonts"].as_array().unwrap();
        assert!(fonts.contains(&Value::from("仿宋")) && fonts.contains(&Value::from("黑体")));
        assert_eq!(doc["page_mm"], serde_json::json!([210, 297]));
        let text = doc["text"].as_str().unwrap();
        assert!(text.contains("本清单未提供"), "missing elements are marked");
    }
    converts_to_pdf(&soffice, &files[..4]);
}

#[test]
fn workbooks_open_and_the_template_validation_rejects_foreign_values() {
    let (Some(soffice), Some(python)) = (soffice(), python_with("openpyxl, docx")) else {
        return;
    };
    let dir = tmp();
    let (list, rows) = sample_list(&dir);
    // the application form
    let forms = dir.path().join("forms");
    let code = rows[0]["实施编码"].clone();
    santong()
        .arg("form")
        .arg(&list)
        .args(["--item", &code, "--out"])
        .arg(&forms)
        .assert()
        .code(0);
    let form = forms.join(format!("{code}.xlsx"));
    let f = py(&python, &[&"form", &form]);
    assert_eq!(f["protected"], true, "layout locked");
    assert_eq!(f["paper_size"], 9, "A4");
    assert_eq!(f["fit_to_page"], true);
    assert!(f["fit_to_width"].is_null() || f["fit_to_width"] == 1);
    assert_eq!(f["fit_to_height"], 0, "fitted to width only");
    let unlocked: Vec<&str> = f["unlocked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(unlocked.len() >= 10, "{unlocked:?}");
    let locked = f["locked_text"].to_string();
    assert!(
        locked.contains("申请书") && locked.contains("营业执照"),
        "{locked}"
    );
    let yes_no = f["validations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["formula1"] == "\"是,否\"")
        .expect("a 是/否 dropdown for the materials");
    let range = yes_no["sqref"].as_str().unwrap();
    let first = range.split(':').next().unwrap();
    assert!(
        unlocked.contains(&first),
        "{range} input cells are unlocked"
    );
    let v = py(&python, &[&"validate", &form, &"申请表", &first, &"也许"]);
    assert_eq!(v["rejected"], true);
    let v = py(&python, &[&"validate", &form, &"申请表", &first, &"是"]);
    assert_eq!(v["rejected"], false);

    // the blank template: its own validation refuses what check would
    let template = path_in(&dir, "template.xlsx");
    santong()
        .arg("template")
        .arg("--out")
        .arg(&template)
        .assert()
        .code(0);
    for (sheet, header, bad, good) in [
        ("实施清单", "事项类型", "行政审批", "行政许可"),
        ("实施清单", "办件类型", "加急件", "承诺件"),
        ("实施清单", "实施主体性质", "事业单位", "法定机关"),
        ("实施清单", "是否收费", "看情况", "否"),
        ("实施清单", "到办事现场次数", "-1", "0"),
        ("申请材料", "材料必要性", "可有可无", "必要"),
    ] {
        let v = py(&python, &[&"validate", &template, &sheet, &header, &bad]);
        assert_eq!(v["rejected"], true, "{header}={bad}: {v}");
        let v = py(&python, &[&"validate", &template, &sheet, &header, &good]);
        assert_eq!(v["rejected"], false, "{header}={good}: {v}");
    }

    // the regional reports as workbooks
    let b = path_in(&dir, "b.csv");
    let mut other = rows.clone();
    other[0].insert("承诺办结时限".into(), "30".into());
    write_csv(&b, &headers_of(&other), &other);
    let diff = path_in(&dir, "diff.xlsx");
    let score = path_in(&dir, "score.xlsx");
    for (cmd, out) in [("diff", &diff), ("score", &score)] {
        santong()
            .arg(cmd)
            .arg(&list)
            .arg(&b)
            .args(["--format", "xlsx", "--output"])
            .arg(out)
            .assert()
            .code(0);
    }
    // the annotated copy of a list with findings
    let annotated = path_in(&dir, "annotated.xlsx");
    santong()
        .args(["check", "--basic", "sample", "--annotate"])
        .arg(&annotated)
        .arg(&b)
        .assert()
        .code(1);
    converts_to_pdf(&soffice, &[form, template, diff, score, annotated]);
}

/// Every workbook santong writes prints: A4, one page wide, the header row
/// on every page, rows tall enough for their wrapped text; LibreOffice makes
/// a handful of pages of each, not dozens of fragments.
#[test]
fn every_workbook_prints_on_a4_one_page_wide_with_its_header_repeated() {
    let (Some(soffice), Some(python)) = (soffice(), python_with("openpyxl")) else {
        return;
    };
    if !required("poppler-utils (pdfinfo)", on_path("pdfinfo").is_some()) {
        return;
    }
    let dir = tmp();
    let (list, rows) = sample_list(&dir);
    let b = path_in(&dir, "b.csv");
    let mut other = rows.clone();
    other[0].insert("承诺办结时限".into(), "30".into());
    other[1].insert(
        "受理条件".into(),
        "申请人应当具有与其申请事项相适应的场所、设备、人员和管理制度；法律、法规规定的其他条件。"
            .repeat(3),
    );
    other[2].insert("咨询方式".into(), "0771—5512345".into());
    write_csv(&b, &headers_of(&other), &other);
    let out = |name: &str| path_in(&dir, name);
    let (template, diff, score, annotated) = (
        out("template.xlsx"),
        out("diff.xlsx"),
        out("score.xlsx"),
        out("annotated.xlsx"),
    );
    santong()
        .args(["template", "--lang", "zh", "--out"])
        .arg(&template)
        .assert()
        .code(0);
    for (cmd, o) in [("diff", &diff), ("score", &score)] {
        santong()
            .args([cmd, "--lang", "zh", "--format", "xlsx", "--output"])
            .arg(o)
            .arg(&list)
            .arg(&b)
            .assert()
            .code(0);
    }
    let xlsx_b = path_in(&dir, "b.xlsx");
    write_xlsx(&xlsx_b, "实施清单", &[], &headers_of(&other), &other);
    santong()
        .args(["check", "--lang", "zh", "--basic", "sample", "--annotate"])
        .arg(&annotated)
        .arg(&xlsx_b)
        .assert()
        .code(1);
    let forms = dir.path().join("forms");
    santong()
        .arg("form")
        .arg(&xlsx_b)
        .arg("--out")
        .arg(&forms)
        .assert()
        .success();
    // the forms of items with errors say 待核实; no form lists a placeholder
    let mut all: Vec<PathBuf> = std::fs::read_dir(&forms)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    all.sort();
    let mut marked = Vec::new();
    for f in &all {
        let text = py(&python, &[&"form", f])["locked_text"].to_string();
        assert!(!text.contains("未提供材料名称"), "{}: {text}", f.display());
        if text.contains("待核实") {
            marked.push(f.clone());
        }
    }
    assert!(
        !marked.is_empty() && marked.len() < all.len(),
        "{marked:?} of {all:?}"
    );
    let form = marked[0].clone();
    let files = [
        template.clone(),
        diff.clone(),
        score.clone(),
        annotated.clone(),
        form,
    ];
    for f in &files {
        let sheets = py(&python, &[&"print", f]);
        for s in sheets.as_array().unwrap() {
            let what = format!("{} [{}]", f.display(), s["sheet"]);
            assert_eq!(s["paper_size"], 9, "A4: {what}");
            assert_eq!(s["fit_to_page"], true, "fitted: {what}");
            assert!(
                s["fit_to_width"].is_null() || s["fit_to_width"] == 1,
                "{what}"
            );
            assert_eq!(
                s["fit_to_height"], 0,
                "one page wide, as long as it takes: {what}"
            );
            assert_eq!(
                s["short_rows"],
                serde_json::json!([]),
                "wrapped text taller than its row: {what}"
            );
            let tabular = s["columns"].as_u64().unwrap() >= 4 && f != &files[4];
            let summary = s["sheet"] == "概况" || s["sheet"] == "汇总";
            if tabular && !summary && !f.ends_with("annotated.xlsx") {
                assert!(
                    s["title_rows"].as_str().is_some_and(|t| !t.is_empty()),
                    "header repeated: {what}"
                );
            }
            if f.ends_with("annotated.xlsx") && s["sheet"] == "检查结果" {
                assert!(
                    s["title_rows"].as_str().is_some_and(|t| !t.is_empty()),
                    "header repeated: {what}"
                );
                assert_eq!(s["orientation"], "landscape", "{what}");
            }
        }
    }
    let pdfs = converts_to_pdf(&soffice, &files);
    for (f, most) in [(&template, 4), (&diff, 10), (&score, 4), (&annotated, 8)] {
        let pdf = pdfs
            .path()
            .join(f.file_stem().unwrap())
            .with_extension("pdf");
        let (pages, size) = pdf_pages(&pdf);
        assert!(size.contains("A4"), "{}: {size}", f.display());
        assert!(pages <= most, "{} prints as {pages} pages", f.display());
    }
}
