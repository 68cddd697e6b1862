//! `santong guide` and `santong form`: every section of every item's guide,
//! missing elements marked, time limits phrased as the standards require,
//! file names from codes, nothing written outside --out, no markup injected,
//! and templates that can be overridden.

use crate::common::*;
use assert_cmd::Command;
use std::path::{Path, PathBuf};

const SECTION_IDS: [&str; 18] = [
    "identity",
    "type",
    "legal_basis",
    "body",
    "level",
    "audience",
    "conditions",
    "materials",
    "process",
    "time_limits",
    "fees",
    "visits",
    "online",
    "place",
    "contact",
    "result",
    "faq",
    "scope",
];

fn santong() -> Command {
    Command::cargo_bin("santong").unwrap()
}

fn list_xlsx(dir: &tempfile::TempDir, rows: &[Row]) -> PathBuf {
    let p = path_in(dir, "city.xlsx");
    write_xlsx(
        &p,
        "实施清单",
        &["浦北县政务服务事项实施清单"],
        &headers_of(rows),
        rows,
    );
    p
}

#[test]
fn html_site_has_every_section_of_every_item() {
    let dir = tmp();
    let rows = city_list(20);
    let n_items = rows.iter().filter(|r| r.contains_key("事项名称")).count();
    assert!(n_items >= 300, "{n_items}");
    let list = list_xlsx(&dir, &rows);
    let out = dir.path().join("site");
    santong()
        .arg("guide")
        .arg(&list)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    let pages: Vec<PathBuf> = files_below(&out.join("items"));
    assert_eq!(pages.len(), n_items);
    assert!(out.join("index.html").is_file());
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(index.matches("<tr data-name=").count(), n_items);
    for p in &pages {
        let stem = p.file_stem().unwrap().to_str().unwrap();
        assert_eq!(stem.len(), 31, "named by implementation code: {stem}");
        assert!(index.contains(&format!("href=\"items/{stem}.html\"")));
        let page = std::fs::read_to_string(p).unwrap();
        let mut last = 0;
        for id in SECTION_IDS {
            let at = page
                .find(&format!("data-section=\"{id}\""))
                .unwrap_or_else(|| panic!("{} lacks section {id}", p.display()));
            assert!(at > last, "{id} out of order in {}", p.display());
            last = at;
        }
        // no network: nothing loaded from elsewhere
        assert!(!page.contains("http://") && !page.contains("https://"));
        assert!(page.contains("@page { size: A4"));
    }
    // An element the list lacks (交通指引, 常见问题) is marked, not dropped.
    let page = std::fs::read_to_string(&pages[0]).unwrap();
    assert!(page.contains(
        "data-element=\"transport\"><th>交通指引</th><td><span class=\"missing\">本清单未提供"
    ));
    assert!(page.contains("本清单未提供“常见问题”"));
}

#[test]
fn time_limits_fees_and_legal_basis_are_phrased_as_the_standards_require() {
    let dir = tmp();
    let rows = clean_list();
    let list = list_xlsx(&dir, &rows);
    let out = dir.path().join("md");
    santong()
        .arg("guide")
        .arg(&list)
        .args(["--format", "md", "--out"])
        .arg(&out)
        .assert()
        .code(0);
    let promised = format!("{BODY}4000111001000");
    let public = format!("{BODY}4002013001000");
    let md = std::fs::read_to_string(out.join(format!("items/{promised}.md"))).unwrap();
    assert!(md.contains("| 法定办结时限 | 20个工作日 |"), "{md}");
    assert!(md.contains("| 承诺办结时限 | 自受理之日起10个工作日内办结 |"));
    assert!(md.contains("| 是否收费 | 不收费 |"));
    assert!(md.contains("| 办件类型 | 承诺件 |"));
    // process stages become numbered steps
    assert!(
        md.contains("1. 申请\n2. 受理\n3. 审查\n4. 决定\n5. 送达"),
        "{md}"
    );
    // materials: all material elements, the absent ones named
    assert!(
        md.contains("| 1 | 申请书 | 必要 | 原件 | 纸质和电子 | 1 | 未注明 | 申请人自备 |"),
        "{md}"
    );
    assert!(md.contains("本清单未提供：材料编码、纸质规格"));
    let md = std::fs::read_to_string(out.join(format!("items/{public}.md"))).unwrap();
    assert!(md.contains("| 承诺办结时限 | 即办 |"), "{md}");
    assert!(md.contains("| 法定办结时限 | *本清单未提供* |"));
    let index = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(index.contains(&format!("(items/{promised}.md)")));
}

#[test]
fn legal_basis_is_split_into_law_number_and_article() {
    let dir = tmp();
    let mut rows = clean_list();
    rows[0].insert(
        "设定依据".into(),
        "1.《中华人民共和国道路运输条例》（国务院令第406号）第二十四条：申请从事货运经营的，应当具备下列条件。\n2.《道路货物运输及站场管理规定》第六条 申请从事道路货物运输经营的，应当具备下列条件。".into(),
    );
    let list = list_xlsx(&dir, &rows);
    let out = dir.path().join("md");
    let code = rows[0]["实施编码"].clone();
    santong()
        .arg("guide")
        .arg(&list)
        .args(["--format", "md", "--item", &code, "--out"])
        .arg(&out)
        .assert()
        .code(0);
    assert_eq!(files_below(&out.join("items")).len(), 1, "--item picks one");
    let md = std::fs::read_to_string(out.join(format!("items/{code}.md"))).unwrap();
    assert!(md.contains("| 《中华人民共和国道路运输条例》 | 国务院令第406号 | 第二十四条 | 申请从事货运经营的，应当具备下列条件。 |"), "{md}");
    assert!(md.contains("| 《道路货物运输及站场管理规定》 | 未注明 | 第六条 |"));

    // laws run together in one cell, each with its own 文号
    rows[0].insert(
        "设定依据".into(),
        "【法律】《中华人民共和国中外合作经营企业法》第五条：申请设立合作企业，应当报审查批准。【行政法规】《中华人民共和国中外合作经营企业法实施细则》（国务院令第311号）第六条、第七条 设立合作企业由对外贸易经济合作部审查批准。".into(),
    );
    let list = list_xlsx(&dir, &rows);
    let out = dir.path().join("md2");
    santong()
        .arg("guide")
        .arg(&list)
        .args(["--format", "md", "--item", &code, "--out"])
        .arg(&out)
        .assert()
        .code(0);
    let md = std::fs::read_to_string(out.join(format!("items/{code}.md"))).unwrap();
    assert!(md.contains("| 《中华人民共和国中外合作经营企业法》 | 未注明 | 第五条 | 申请设立合作企业，应当报审查批准。 |"), "{md}");
    assert!(md.contains("| 《中华人民共和国中外合作经营企业法实施细则》 | 国务院令第311号 | 第六条、第七条 | 设立合作企业由对外贸易经济合作部审查批准。 |"), "{md}");
}

#[test]
fn hostile_names_and_codes_cannot_escape_or_inject() {
    let dir = tmp();
    let mut rows = clean_list();
    rows[0].insert("事项名称".into(), "<script>alert(1)</script>".into());
    rows[0].insert("实施编码".into(), "../../etc/x".into());
    rows[2].insert("事项名称".into(), "../../etc/x".into());
    rows[2].insert("受理条件".into(), "<img src=x onerror=alert(1)>".into());
    let list = list_xlsx(&dir, &rows);
    let out = dir.path().join("deep/out");
    for format in ["html", "md", "docx"] {
        santong()
            .arg("guide")
            .arg(&list)
            .args(["--format", format, "--out"])
            .arg(&out)
            .assert()
            .code(0);
    }
    santong()
        .arg("form")
        .arg(&list)
        .args(["--item", "../../etc/x", "--out"])
        .arg(&out)
        .assert()
        .code(0);
    // Everything is below --out, and only the list and --out are in the temp dir.
    let all = files_below(dir.path());
    for f in &all {
        assert!(
            f.starts_with(&out) || f == &list,
            "written outside --out: {}",
            f.display()
        );
    }
    assert!(out.join("items/etcx.html").is_file());
    assert!(out.join("etcx.docx").is_file());
    assert!(out.join("etcx.xlsx").is_file());
    let html = std::fs::read_to_string(out.join("items/etcx.html")).unwrap();
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;alert(1)"), "{html}");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("<script>alert") && !index.contains("<img src=x"));
    let md = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(!md.contains("<script>"));
    let all_md: String = files_below(&out.join("items"))
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(!all_md.contains("<img") && !all_md.contains("<script>"));
}

#[test]
fn unknown_item_and_bad_out_are_clear_errors() {
    let dir = tmp();
    let list = list_xlsx(&dir, &clean_list());
    let out = dir.path().join("o");
    let a = santong()
        .arg("guide")
        .arg(&list)
        .args(["--item", "999999999999", "--out"])
        .arg(&out)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains("999999999999"), "{err}");
    assert!(!err.contains("panicked"));
    // --out naming a file
    santong()
        .arg("guide")
        .arg(&list)
        .arg("--out")
        .arg(&list)
        .assert()
        .code(2);
    // an unreadable catalogue
    let bad = path_in(&dir, "bad.xlsx");
    std::fs::write(&bad, b"not a workbook").unwrap();
    santong()
        .arg("guide")
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2);
    santong()
        .arg("form")
        .arg(&list)
        .args(["--item", "nope", "--out"])
        .arg(&out)
        .assert()
        .code(2);
}

#[test]
fn templates_can_be_overridden_and_errors_point_at_file_and_line() {
    let dir = tmp();
    let list = list_xlsx(&dir, &clean_list());
    let tdir = dir.path().join("tpl");
    std::fs::create_dir(&tdir).unwrap();
    std::fs::write(
        tdir.join("guide-item.md.j2"),
        "# {{ item.name }}\n本市定制模板\n{% for s in item.sections %}## {{ s.title }}\n{% endfor %}",
    )
    .unwrap();
    let out = dir.path().join("o");
    santong()
        .arg("guide")
        .arg(&list)
        .args(["--format", "md", "--templates"])
        .arg(&tdir)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0);
    let md = std::fs::read_to_string(out.join(format!("items/{BODY}4000111001000.md"))).unwrap();
    assert!(
        md.contains("本市定制模板") && md.contains("## 申请材料"),
        "{md}"
    );
    // an undefined variable is an error naming the template and line
    std::fs::write(
        tdir.join("guide-item.md.j2"),
        "# {{ item.name }}\n{{ item.nonexistent }}\n",
    )
    .unwrap();
    let a = santong()
        .arg("guide")
        .arg(&list)
        .args(["--format", "md", "--templates"])
        .arg(&tdir)
        .arg("--out")
        .arg(dir.path().join("o2"))
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    assert!(err.contains("guide-item.md.j2:2:"), "{err}");
    assert!(
        !dir.path().join("o2/items").exists() || files_below(&dir.path().join("o2")).is_empty()
    );
}

#[test]
fn form_fits_the_audience_and_lists_the_materials() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tmp();
    let mut rows = clean_list();
    rows[0].insert("服务对象".into(), "自然人".into());
    rows[2].insert("是否收费".into(), "是".into());
    rows[2].insert("收费标准".into(), "每件10元".into());
    rows[2].insert("收费依据".into(), "《行政事业性收费标准管理办法》".into());
    let list = list_xlsx(&dir, &rows);
    let out = dir.path().join("forms");
    let person = rows[0]["实施编码"].clone();
    let company = rows[2]["实施编码"].clone();
    santong()
        .arg("form")
        .arg(&list)
        .args(["--item", &person, "--item", &company, "--out"])
        .arg(&out)
        .assert()
        .code(0);
    let text = |p: &Path| -> String {
        let mut wb: Xlsx<_> = open_workbook(p).unwrap();
        let r = wb.worksheet_range("申请表").unwrap();
        r.rows()
            .flat_map(|row| row.iter())
            .filter_map(|c| match c {
                Data::String(s) => Some(s.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("|")
    };
    let p = text(&out.join(format!("{person}.xlsx")));
    assert!(p.contains("申请人信息|姓名|证件类型|证件号码"), "{p}");
    assert!(!p.contains("统一社会信用代码"));
    assert!(p.contains("申请书") && p.contains("营业执照") && p.contains("是否提交"));
    assert!(p.contains("申请人（签字或盖章）") && p.contains("日期"));
    assert!(p.contains("本人（单位）承诺"));
    assert!(p.contains("办理时限|自受理之日起10个工作日内办结"), "{p}");
    assert!(p.contains("收费|不收费"));
    let c = text(&out.join(format!("{company}.xlsx")));
    assert!(
        c.contains("统一社会信用代码") && c.contains("法定代表人") && c.contains("代理人"),
        "{c}"
    );
    assert!(!c.contains("证件类型"));
    assert!(
        c.contains("收费|收费：每件10元") && c.contains("缴费方式"),
        "{c}"
    );
    assert!(!p.contains("缴费方式"), "a free item asks for no payment");
}

/// Two portal-style lists: one item with only a local implementation code,
/// one item with an error (a type that is no type), one clean item.
fn imperfect_lists(dir: &tempfile::TempDir) -> (PathBuf, PathBuf, String) {
    let mut local = clean_item("000111001000", 1);
    local.insert("实施编码".into(), String::new());
    local.insert("基本编码".into(), String::new());
    let code = "511A0138000000-511602000000-000-11450721MB15580811-1-00".to_string();
    local.insert("地方实施编码".into(), code.clone());
    let mut bad = clean_item("000111002000", 2);
    bad.insert("事项类型".into(), "行政审批".into());
    let a = vec![local, bad];
    let b = vec![clean_item("000120001000", 1)];
    let pa = path_in(dir, "甲县清单.csv");
    let pb = path_in(dir, "乙县清单.csv");
    write_csv(&pa, &headers_of(&a), &a);
    write_csv(&pb, &headers_of(&b), &b);
    (pa, pb, code)
}

#[test]
fn guides_from_imperfect_lists_say_what_they_stand_on() {
    let dir = tmp();
    let (pa, pb, local) = imperfect_lists(&dir);
    let out = dir.path().join("site");
    let run = santong()
        .args(["--lang", "en", "guide"])
        .arg(&pa)
        .arg(&pb)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        // the wrong type, and the national codes the local-code item lacks
        err.contains("甲县清单.csv has 3 errors on 2 items"),
        "{err}"
    );
    assert!(!err.contains("乙县清单.csv has"), "{err}");
    let page = |stem: &str| {
        std::fs::read_to_string(out.join("items").join(format!("{stem}.html"))).unwrap()
    };
    // the local code stands where the national one is absent
    let p = page(&local);
    assert!(
        p.contains(&format!(
            "地方实施编码 <span class=\"codes\">{local}</span>"
        )),
        "{p}"
    );
    assert!(!p.contains("实施编码 <span class=\"codes\">未提供"));
    // each page's footer names its own file only
    assert!(p.contains("自 甲县清单.csv 生成"), "{p}");
    assert!(!p.contains("乙县清单.csv"));
    let clean = page(&format!("{BODY}4000120001000"));
    assert!(clean.contains("自 乙县清单.csv 生成"));
    // the item with an error says 待核实, with the error; the clean ones do not
    let flawed = page(&format!("{BODY}4000111002000"));
    assert!(flawed.contains("id=\"unverified\""), "{flawed}");
    assert!(flawed.contains("待核实") && flawed.contains("行政审批"));
    assert!(!clean.contains("id=\"unverified\""));
    assert!(p.contains("id=\"unverified\"") && p.contains("实施编码"));
    // the index names every file
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("甲县清单.csv、乙县清单.csv"));
    // Markdown and Word carry the note too
    let md = dir.path().join("md");
    santong()
        .args(["guide", "--format", "md"])
        .arg(&pa)
        .arg("--out")
        .arg(&md)
        .assert()
        .success();
    let text =
        std::fs::read_to_string(md.join("items").join(format!("{BODY}4000111002000.md"))).unwrap();
    assert!(text.contains("> **待核实**"), "{text}");
    assert!(text.contains("地方实施编码") || !text.is_empty());
}

#[test]
fn strict_generates_nothing_from_a_list_with_errors() {
    let dir = tmp();
    let (pa, pb, _) = imperfect_lists(&dir);
    for cmd in ["guide", "form"] {
        let out = dir.path().join(cmd);
        let mut c = santong();
        c.args(["--lang", "en", cmd, "--strict"])
            .arg(&pa)
            .arg("--out")
            .arg(&out);
        if cmd == "form" {
            c.args(["--item", &format!("{BODY}4000111002000")]);
        }
        let run = c.output().unwrap();
        assert_eq!(run.status.code(), Some(1), "{cmd}");
        assert!(String::from_utf8_lossy(&run.stderr).contains("nothing was written"));
        assert!(!out.exists(), "{cmd} wrote {out:?}");
    }
    // near miss: a clean list passes --strict
    let out = dir.path().join("clean");
    santong()
        .args(["guide", "--strict"])
        .arg(&pb)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("index.html").exists());
}

#[test]
fn a_label_column_says_what_the_item_is_in_guide_and_export() {
    let dir = tmp();
    let mut rows = clean_list();
    for r in rows.iter_mut().filter(|r| r.contains_key("事项类型")) {
        r.remove("事项类型");
        r.insert("事项类型名称".into(), "公共服务".into());
    }
    let list = list_xlsx(&dir, &rows);
    let out = dir.path().join("md");
    let code = rows[0]["实施编码"].clone();
    santong()
        .arg("guide")
        .arg(&list)
        .args(["--format", "md", "--item", &code, "--out"])
        .arg(&out)
        .assert()
        .code(0);
    let md = std::fs::read_to_string(out.join(format!("items/{code}.md"))).unwrap();
    let line = md
        .lines()
        .find(|l| l.contains("事项类型"))
        .unwrap_or_else(|| panic!("{md}"));
    assert!(
        line.contains("公共服务") && !line.contains("未提供"),
        "{line}"
    );
    // export: the label column's label beside the code it stands for
    let csv = dir.path().join("export");
    santong()
        .arg("export")
        .arg(&list)
        .args(["--format", "csv", "--output"])
        .arg(&csv)
        .assert()
        .code(0);
    let mut r = csv::Reader::from_path(csv.join("items.csv")).unwrap();
    let head = r.headers().unwrap().clone();
    let at = |name: &str| {
        head.iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
    };
    let first = r.records().next().unwrap().unwrap();
    let label = at("item_type_label").map(|i| first[i].to_string());
    assert_eq!(label.as_deref(), Some("公共服务"), "{head:?}");
}
