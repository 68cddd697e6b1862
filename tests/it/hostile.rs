//! Hostile and careless invocations: every case asserts the exit code, a
//! one-line message, and that every input is byte-identical afterwards.
//! Inputs are generated here.

use crate::common::*;
use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// Seconds after which the watchdog kills a run as hung: 15 for a release
/// binary, 60 for the debug build the tests run (several at a time on two
/// cores). Nothing asserts how long a run took; a run killed is a hang.
const HANG: u64 = if cfg!(debug_assertions) { 60 } else { 15 };

fn santong() -> Command {
    Command::cargo_bin("santong").unwrap()
}

/// A list, a basic catalogue, a division list and a config, all in `dir`.
fn inputs(dir: &tempfile::TempDir) -> (PathBuf, PathBuf, PathBuf, PathBuf) {
    let list = path_in(dir, "list.csv");
    write_csv(&list, &headers_of(&clean_list()), &clean_list());
    let basic = path_in(dir, "basic.csv");
    let rows: Vec<Row> = sample_items()
        .iter()
        .map(|(c, n, t, b)| {
            let mut r = Row::new();
            r.insert("基本编码".into(), c.clone());
            r.insert("事项名称".into(), n.clone());
            r.insert("事项类型".into(), t.clone());
            r.insert("设定依据".into(), b.clone());
            r
        })
        .collect();
    write_csv(&basic, &headers_of(&rows), &rows);
    let areas = path_in(dir, "areas.csv");
    std::fs::write(&areas, "code,name\n450721,浦北县\n450702,钦南区\n").unwrap();
    let config = path_in(dir, "santong.yaml");
    std::fs::write(&config, "files: [\"*.csv\"]\n").unwrap();
    (list, basic, areas, config)
}

fn snapshot(paths: &[&Path]) -> Vec<Vec<u8>> {
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// Exit 2 with one line on stderr naming the reason.
fn refused(out: &std::process::Output, needle: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{err}");
}

#[test]
fn no_output_goes_over_anything_read() {
    let dir = tmp();
    let (list, basic, areas, config) = inputs(&dir);
    let all = [
        list.as_path(),
        basic.as_path(),
        areas.as_path(),
        config.as_path(),
    ];
    let before = snapshot(&all);
    let check = |extra: &[&std::ffi::OsStr]| {
        santong()
            .current_dir(dir.path())
            .args(["--lang", "en", "check", "--basic"])
            .arg(&basic)
            .arg("--areas")
            .arg(&areas)
            .args(extra)
            .arg(&list)
            .output()
            .unwrap()
    };
    for target in [&basic, &areas, &list] {
        refused(
            &check(&["--output".as_ref(), target.as_os_str()]),
            "refusing to write",
        );
        refused(
            &check(&["--annotate".as_ref(), target.as_os_str()]),
            "refusing to write",
        );
    }
    // the config in use: santong.yaml found in the working directory
    let out = santong()
        .current_dir(dir.path())
        .args(["--lang", "en", "check", "--output", "santong.yaml"])
        .output()
        .unwrap();
    refused(&out, "refusing to write");
    // a link to an input, symbolic or hard
    #[cfg(unix)]
    {
        let sym = path_in(&dir, "sym.txt");
        std::os::unix::fs::symlink(&basic, &sym).unwrap();
        refused(
            &check(&["--output".as_ref(), sym.as_os_str()]),
            "refusing to write",
        );
        let hard = path_in(&dir, "hard.txt");
        std::fs::hard_link(&areas, &hard).unwrap();
        refused(
            &check(&["--output".as_ref(), hard.as_os_str()]),
            "refusing to write",
        );
    }
    // diff and score protect their basic catalogue too
    let second = dir.path().join("second.csv");
    std::fs::copy(&list, &second).unwrap();
    for cmd in ["diff", "score"] {
        let out = santong()
            .args(["--lang", "en", cmd, "--basic"])
            .arg(&basic)
            .arg("--output")
            .arg(&basic)
            .arg(&list)
            .arg(&second)
            .output()
            .unwrap();
        refused(&out, "refusing to write");
    }
    assert_eq!(snapshot(&all), before, "an input changed");
}

#[test]
fn annotate_and_output_must_differ() {
    let dir = tmp();
    let (list, ..) = inputs(&dir);
    let rows = clean_list();
    let xlsx = path_in(&dir, "list.xlsx");
    write_xlsx(&xlsx, "实施清单", &[], &headers_of(&rows), &rows);
    let report = path_in(&dir, "same.xlsx");
    let out = santong()
        .args(["--lang", "en", "check", "--annotate"])
        .arg(&report)
        .arg("--output")
        .arg(&report)
        .arg(&xlsx)
        .output()
        .unwrap();
    refused(&out, "--annotate and --output");
    assert!(!report.exists());
    let _ = list;
}

#[test]
fn dash_is_standard_output() {
    let dir = tmp();
    let (list, ..) = inputs(&dir);
    let out = santong()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--output", "-"])
        .arg(&list)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert!(!dir.path().join("-").exists());
}

#[cfg(unix)]
#[test]
fn a_fifo_is_written_through_not_replaced() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let dir = tmp();
    let (list, ..) = inputs(&dir);
    let fifo = path_in(&dir, "report.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut s = String::new();
            std::fs::File::open(&fifo)
                .unwrap()
                .read_to_string(&mut s)
                .unwrap();
            s
        })
    };
    let out = santong()
        .args(["check", "--format", "json", "--output"])
        .arg(&fifo)
        .arg(&list)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    let text = reader.join().unwrap();
    assert!(text.contains("\"version\""), "{text}");
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced by a regular file");
}

#[test]
fn template_guide_and_form_never_replace_a_file_without_force() {
    let dir = tmp();
    let (list, ..) = inputs(&dir);
    let wb = path_in(&dir, "blank.xlsx");
    std::fs::write(&wb, "mine").unwrap();
    let out = santong()
        .args(["--lang", "en", "template", "--out"])
        .arg(&wb)
        .output()
        .unwrap();
    refused(&out, "--force");
    assert_eq!(std::fs::read(&wb).unwrap(), b"mine");
    santong()
        .args(["template", "--force", "--out"])
        .arg(&wb)
        .assert()
        .success();
    assert_ne!(std::fs::read(&wb).unwrap(), b"mine");
    // a second guide run into the same directory
    let site = dir.path().join("site");
    let guide = |force: bool| {
        let mut c = santong();
        c.args(["--lang", "en", "guide"])
            .arg(&list)
            .arg("--out")
            .arg(&site);
        if force {
            c.arg("--force");
        }
        c.output().unwrap()
    };
    assert_eq!(guide(false).status.code(), Some(0));
    let index = site.join("index.html");
    let first = std::fs::read(&index).unwrap();
    refused(&guide(false), "--force");
    assert_eq!(std::fs::read(&index).unwrap(), first);
    assert_eq!(guide(true).status.code(), Some(0));
}

#[test]
fn no_guide_page_is_lost_or_shared() {
    let dir = tmp();
    let mut rows = Vec::new();
    // codes X, X, X-2 and x: four items, four pages
    let code = format!("{BODY}4000111001000");
    for (i, c) in [
        code.clone(),
        code.clone(),
        format!("{code}-2"),
        code.to_lowercase(),
    ]
    .iter()
    .enumerate()
    {
        let mut r = clean_item("000111001000", i + 1);
        r.insert("实施编码".into(), c.clone());
        r.insert("事项名称".into(), format!("事项{i}"));
        rows.push(r);
    }
    let list = path_in(&dir, "list.csv");
    write_csv(&list, &headers_of(&rows), &rows);
    let site = dir.path().join("site");
    let out = santong()
        .args(["--lang", "en", "guide"])
        .arg(&list)
        .arg("--out")
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let pages: Vec<String> = std::fs::read_dir(site.join("items"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_lowercase())
        .collect();
    let distinct: std::collections::BTreeSet<_> = pages.iter().collect();
    assert_eq!(distinct.len(), 4, "{pages:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("wrote 5 files (4 items)"), "{err}");
    // the index links each item to its own page
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    let links: std::collections::BTreeSet<&str> = index
        .match_indices("href=\"items/")
        .map(|(i, _)| &index[i..i + index[i..].find("\">").unwrap()])
        .collect();
    assert_eq!(links.len(), 4, "{links:?}");
    for i in 0..4 {
        assert!(index.contains(&format!("事项{i}")));
    }
}

#[cfg(unix)]
#[test]
fn guides_never_follow_a_link_out_of_the_output_directory() {
    let dir = tmp();
    let (list, ..) = inputs(&dir);
    let site = dir.path().join("site");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.join("items")).unwrap();
    let out = santong()
        .args(["--lang", "en", "guide", "--force"])
        .arg(&list)
        .arg("--out")
        .arg(&site)
        .output()
        .unwrap();
    refused(&out, "symbolic link");
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
}

/// Every file a command writes, by name below `dir` (or the file itself).
fn written(path: &Path) -> Vec<(String, Vec<u8>)> {
    if path.is_file() {
        return vec![(String::new(), std::fs::read(path).unwrap())];
    }
    files_below(path)
        .into_iter()
        .map(|p| {
            let name = p.strip_prefix(path).unwrap().display().to_string();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

#[test]
fn two_runs_write_identical_bytes() {
    let dir = tmp();
    let (list, ..) = inputs(&dir);
    let rows = clean_list();
    let xlsx = path_in(&dir, "list.xlsx");
    write_xlsx(&xlsx, "实施清单", &[], &headers_of(&rows), &rows);
    let code = rows[0]["实施编码"].clone();
    let run = |n: usize, epoch: Option<&str>| -> Vec<Vec<(String, Vec<u8>)>> {
        let at = |name: &str| dir.path().join(format!("{name}{n}"));
        let cmds: Vec<(Vec<std::ffi::OsString>, PathBuf)> = vec![
            (
                vec!["template".into(), "--out".into(), at("t.xlsx").into()],
                at("t.xlsx"),
            ),
            (
                vec![
                    "check".into(),
                    "--annotate".into(),
                    at("a.xlsx").into(),
                    xlsx.clone().into(),
                ],
                at("a.xlsx"),
            ),
            (
                vec![
                    "diff".into(),
                    "--format".into(),
                    "xlsx".into(),
                    "--output".into(),
                    at("d.xlsx").into(),
                    "--name".into(),
                    "甲".into(),
                    list.clone().into(),
                    "--name".into(),
                    "乙".into(),
                    xlsx.clone().into(),
                ],
                at("d.xlsx"),
            ),
            (
                vec![
                    "form".into(),
                    list.clone().into(),
                    "--item".into(),
                    code.clone().into(),
                    "--out".into(),
                    at("forms").into(),
                ],
                at("forms"),
            ),
            (
                vec![
                    "guide".into(),
                    "--format".into(),
                    "docx".into(),
                    list.clone().into(),
                    "--out".into(),
                    at("docx").into(),
                ],
                at("docx"),
            ),
        ];
        cmds.into_iter()
            .map(|(args, out)| {
                let mut c = santong();
                c.args(&args);
                match epoch {
                    Some(e) => c.env("SOURCE_DATE_EPOCH", e),
                    None => c.env_remove("SOURCE_DATE_EPOCH"),
                };
                let o = c.output().unwrap();
                assert!(o.status.code().is_some_and(|c| c < 2), "{args:?}: {o:?}");
                written(&out)
            })
            .collect()
    };
    let first = run(1, None);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(run(2, None), first);
    // near miss: another document time gives another workbook
    let other = run(3, Some("1700000000"));
    assert_ne!(other[0], first[0]);
}

/// Every kind of payload a cell can carry.
const PAYLOAD: &str = "<img src=x onerror=alert(1)>\n# 标题\n```\n[点我](javascript:alert(1)) ![图](http://evil.example/x.png) =1+1 @SUM(A1) {{ 7*7 }} {% raw %} \u{1b}[2J\u{0}\u{7}";

#[test]
fn catalogue_text_injects_nothing_anywhere() {
    let dir = tmp();
    let mut rows = clean_list();
    for r in rows.iter_mut().take(1) {
        for k in ["事项名称", "受理条件", "办理地点", "实施主体", "材料名称"] {
            r.insert(k.into(), format!("{k}{PAYLOAD}"));
        }
        // formula prefixes where a spreadsheet would see them: at the start
        for (k, v) in [
            (
                "监督投诉方式",
                "=HYPERLINK(\"http://evil.example\",\"点我\")",
            ),
            ("办理时间", "+1+1"),
            ("咨询方式", "-2+3"),
            ("设定依据", "@SUM(A1)"),
        ] {
            r.insert(k.into(), v.into());
        }
    }
    let list = path_in(&dir, "list.csv");
    write_csv(&list, &headers_of(&rows), &rows);
    let code = rows[0]["实施编码"].clone();
    // the terminal and GitHub never see a raw escape or bell
    for format in ["human", "github"] {
        let out = santong()
            .args(["check", "--format", format])
            .arg(&list)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{0}'),
            "{format}: {text}"
        );
        assert!(text.contains("\\u{1b}"), "{format}: the character is shown");
    }
    let out = santong().args(["check"]).arg(&list).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("control-character"));
    // Markdown: the payload is text, never structure or a link
    let md = dir.path().join("md");
    santong()
        .args(["guide", "--format", "md"])
        .arg(&list)
        .arg("--out")
        .arg(&md)
        .assert()
        .success();
    for e in std::fs::read_dir(md.join("items")).unwrap() {
        let page = std::fs::read_to_string(e.unwrap().path()).unwrap();
        for line in page.lines() {
            assert!(
                !line.starts_with("# 标题") && !line.starts_with("```"),
                "{line}"
            );
        }
        assert!(
            !page.contains("](javascript:") && !page.contains("](http"),
            "{page}"
        );
        assert!(!page.contains("<img") && !page.contains('\u{0}'), "{page}");
    }
    // Word: no character XML forbids, so the document opens
    let docx = dir.path().join("docx");
    santong()
        .args(["guide", "--format", "docx"])
        .arg(&list)
        .arg("--out")
        .arg(&docx)
        .assert()
        .success();
    let file = std::fs::File::open(docx.join(format!("{code}.docx"))).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(
        !xml.chars()
            .any(|c| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}')),
        "a forbidden character in document.xml"
    );
    assert!(xml.contains("受理条件"));
    well_formed(&xml, "document.xml");
    assert!(xml.contains("&lt;img src=x") && !xml.contains("<img"));
    // HTML: escaped; the diff report too
    let site = dir.path().join("site");
    santong()
        .args(["guide"])
        .arg(&list)
        .arg("--out")
        .arg(&site)
        .assert()
        .success();
    let page = std::fs::read_to_string(site.join("items").join(format!("{code}.html"))).unwrap();
    assert!(!page.contains("<img src=x") && page.contains("&lt;img src=x"));
    // every other output: markup escaped, JSON and XML well-formed, no
    // control character, no formula in a workbook
    let other = path_in(&dir, "other.csv");
    let mut changed = rows.clone();
    changed[0].insert("办理地点".into(), format!("别处{PAYLOAD}"));
    write_csv(&other, &headers_of(&changed), &changed);
    let run = |args: &[&str], file: &str| -> Vec<u8> {
        let out = dir.path().join(file);
        let status = santong()
            .args(args)
            .arg("--output")
            .arg(&out)
            .arg(&list)
            .args(args[0].eq("diff").then_some(&other))
            .output()
            .unwrap();
        assert!(
            status.status.code().is_some_and(|c| c < 2),
            "{args:?}: {status:?}"
        );
        std::fs::read(&out).unwrap()
    };
    let no_controls = |what: &str, text: &str| {
        assert!(
            !text
                .chars()
                .any(|c| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}')),
            "{what}: a control character"
        );
    };
    let clean = |what: &str, text: &str| {
        assert!(!text.contains("<img src=x"), "{what}: markup came through");
        no_controls(what, text);
    };
    for (args, file) in [
        (&["check", "--format", "html"][..], "check.html"),
        (&["diff", "--format", "html"][..], "diff.html"),
        (&["score", "--format", "html"][..], "score.html"),
        (&["check", "--format", "junit"][..], "check.xml"),
    ] {
        let text = String::from_utf8(run(args, file)).unwrap();
        clean(file, &text);
        if file.ends_with(".xml") {
            well_formed(&text, file);
        }
    }
    for (args, file) in [
        (&["check", "--format", "json"][..], "check.json"),
        (&["check", "--format", "sarif"][..], "check.sarif"),
        (&["diff", "--format", "json"][..], "diff.json"),
        (&["score", "--format", "json"][..], "score.json"),
    ] {
        let bytes = run(args, file);
        // JSON escapes what it carries: the parsed text holds the payload
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert!(
            v.to_string().contains("onerror") || file == "score.json",
            "{file}"
        );
        no_controls(file, std::str::from_utf8(&bytes).unwrap());
    }
    let annotated = path_in(&dir, "annotated.xlsx");
    santong()
        .args(["check", "--annotate"])
        .arg(&annotated)
        .arg(&list)
        .output()
        .unwrap();
    let sheets = [
        annotated,
        {
            run(&["diff", "--format", "xlsx"], "diff.xlsx");
            dir.path().join("diff.xlsx")
        },
        {
            run(&["score", "--format", "xlsx"], "score.xlsx");
            dir.path().join("score.xlsx")
        },
    ];
    for book in &sheets {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(book).unwrap()).unwrap();
        let names: Vec<String> = zip.file_names().flatten().map(String::from).collect();
        let mut text = String::new();
        for n in names.iter().filter(|n| n.ends_with(".xml")) {
            let mut part = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(n).unwrap(), &mut part).unwrap();
            well_formed(&part, n);
            text.push_str(&part);
        }
        assert!(
            !text.contains("<f>") && !text.contains("<f "),
            "{}: a formula",
            book.display()
        );
        assert!(
            text.contains("HYPERLINK") || !book.ends_with("annotated.xlsx"),
            "{}",
            book.display()
        );
    }
}

/// Panics unless `xml` parses to its end.
fn well_formed(xml: &str, what: &str) {
    let mut r = quick_xml::Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{what} is not well-formed: {e}"),
        }
    }
}

/// Run santong with its address space capped at 1 GiB (so its memory cannot
/// pass 1 GB whatever it reads), under a watchdog.
fn bounded(args: &[&std::ffi::OsStr]) -> (std::process::Output, Watchdog) {
    bounded_in(Path::new("."), args)
}

/// What the watchdog saw: whether it had to kill a run that hung (past
/// `HANG` seconds, far beyond any sound run; no duration is asserted).
#[derive(Clone, Copy)]
struct Watchdog {
    hung: bool,
}

impl std::fmt::Debug for Watchdog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.hung {
            write!(f, "hung: killed by the watchdog after {HANG} s")
        } else {
            write!(f, "finished")
        }
    }
}

/// [`bounded`], run in `cwd`.
fn bounded_in(cwd: &Path, args: &[&std::ffi::OsStr]) -> (std::process::Output, Watchdog) {
    use std::io::Read;
    let bin = assert_cmd::cargo::cargo_bin("santong");
    let mut child = std::process::Command::new("sh")
        .current_dir(cwd)
        .arg("-c")
        .arg("ulimit -v 1048576; exec \"$0\" \"$@\"")
        .arg(bin)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // the pipes are drained as the run writes, so a full pipe is no hang
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(HANG);
    let mut hung = false;
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if std::time::Instant::now() >= deadline {
            hung = true;
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let output = std::process::Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    };
    (output, Watchdog { hung })
}

#[test]
fn a_far_cell_costs_one_cell_not_a_dense_range() {
    let dir = tmp();
    let p = path_in(&dir, "far.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("实施清单").unwrap();
    for (c, h) in ["事项名称", "基本编码", "实施编码"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "食品经营许可").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(&p).unwrap();
    assert!(std::fs::metadata(&p).unwrap().len() < 20_000);
    let out_xlsx = path_in(&dir, "annotated.xlsx");
    let (out, took) = bounded(&[
        "check".as_ref(),
        "--annotate".as_ref(),
        out_xlsx.as_os_str(),
        p.as_os_str(),
    ]);
    assert!(out.status.code().is_some_and(|c| c <= 2), "{out:?}");
    assert!(!took.hung, "{took:?}");
    assert!(
        out_xlsx.exists(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn zip_parts_and_cells_past_their_limits_are_refused_in_one_line() {
    let dir = tmp();
    let rows = clean_list();
    let xlsx = path_in(&dir, "list.xlsx");
    write_xlsx(&xlsx, "实施清单", &[], &headers_of(&rows), &rows);
    let before = std::fs::read(&xlsx).unwrap();
    let run = |args: &[&str]| {
        santong()
            .args(["--lang", "en", "check"])
            .args(args)
            .arg(&xlsx)
            .output()
            .unwrap()
    };
    refused(&run(&["--max-part-bytes", "2048"]), "--max-part-bytes");
    let out = run(&["--max-part-bytes", "2048"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("xl/"),
        "names the part"
    );
    refused(&run(&["--max-cells", "10"]), "--max-cells");
    // near miss: the defaults read it
    assert!(run(&[]).status.code().is_some_and(|c| c < 2));
    assert_eq!(std::fs::read(&xlsx).unwrap(), before);
}

/// An OpenDocument spreadsheet whose repeat counts claim 17 billion cells.
fn ods_bomb(path: &Path) {
    use std::io::Write;
    let file = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    z.start_file("META-INF/manifest.xml", stored).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    z.start_file("content.xml", stored).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#).unwrap();
    z.finish().unwrap();
}

#[test]
fn repeat_counts_cannot_expand_a_sheet() {
    let dir = tmp();
    let p = path_in(&dir, "bomb.ods");
    ods_bomb(&p);
    assert!(std::fs::metadata(&p).unwrap().len() < 4096);
    let (out, took) = bounded(&[
        "--lang".as_ref(),
        "en".as_ref(),
        "check".as_ref(),
        p.as_os_str(),
    ]);
    refused(&out, "--max-cells");
    assert!(!took.hung);
    let annotated = path_in(&dir, "a.xlsx");
    let (out, _) = bounded(&[
        "--lang".as_ref(),
        "en".as_ref(),
        "check".as_ref(),
        "--annotate".as_ref(),
        annotated.as_os_str(),
        p.as_os_str(),
    ]);
    refused(&out, "--max-cells");
}

/// A provincial standard whose one rule is `rule` (YAML lines after `- id`).
fn standard_dir(dir: &tempfile::TempDir, rule: &str) -> PathBuf {
    let d = dir.path().join("std");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("standard.yaml"), "id: gx\nextends: national\n").unwrap();
    std::fs::write(
        d.join("rules.yaml"),
        format!("rules:\n  - id: hostile-rule\n    element: name\n{rule}    title: {{ zh: 测试, en: test }}\n"),
    )
    .unwrap();
    d
}

#[test]
fn an_enormous_expression_is_refused_at_load_with_file_and_line() {
    let dir = tmp();
    let (list, ..) = inputs(&dir);
    let chain = vec!["name == 'x'"; 50_000].join(" or ");
    let d = standard_dir(
        &dir,
        &format!("    assert: \"{chain}\"\n    message: {{ zh: 测试, en: test }}\n"),
    );
    let (out, took) = bounded(&[
        "--lang".as_ref(),
        "en".as_ref(),
        "check".as_ref(),
        "--standard".as_ref(),
        d.as_os_str(),
        list.as_os_str(),
    ]);
    refused(&out, "rules.yaml:");
    assert!(String::from_utf8_lossy(&out.stderr).contains("at most"));
    assert!(!took.hung);
    // short enough, but too many operators, or too deep
    for expr in [
        vec!["a or b"; 300].join(" or "),
        format!("{}name{}", "(".repeat(40), ")".repeat(40)),
    ] {
        let keep = tmp();
        let d = standard_dir(
            &keep,
            &format!("    assert: \"{expr}\"\n    message: {{ zh: 测试, en: test }}\n"),
        );
        let out = santong()
            .args(["--lang", "en", "check", "--standard"])
            .arg(&d)
            .arg(&list)
            .output()
            .unwrap();
        refused(&out, "at most");
    }
    // near miss: a few terms load and run
    let keep = tmp();
    let d = standard_dir(
        &keep,
        "    assert: \"name == 'x' or name is not blank\"\n    message: { zh: 测试, en: test }\n",
    );
    let out = santong()
        .args(["check", "--standard"])
        .arg(&d)
        .arg(&list)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
}

#[test]
fn a_loop_in_a_message_or_template_ends() {
    let dir = tmp();
    let (list, ..) = inputs(&dir);
    // a message that loops for ever: it runs out of fuel, and the finding
    // still has a message (the rule id)
    let d = standard_dir(
        &dir,
        "    assert: \"name == 'never'\"\n    message: { zh: \"{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}\", en: \"{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}\" }\n",
    );
    let (out, took) = bounded(&[
        "check".as_ref(),
        "--standard".as_ref(),
        d.as_os_str(),
        list.as_os_str(),
    ]);
    assert!(out.status.code().is_some_and(|c| c <= 2), "{out:?}");
    assert!(!took.hung, "{took:?}");
    // a --templates page that loops: exit 2 naming the template
    let t = dir.path().join("tpl");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(
        t.join("guide-item.html.j2"),
        "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
    )
    .unwrap();
    let site = dir.path().join("site");
    let (out, took) = bounded(&[
        "--lang".as_ref(),
        "en".as_ref(),
        "guide".as_ref(),
        list.as_os_str(),
        "--templates".as_ref(),
        t.as_os_str(),
        "--out".as_ref(),
        site.as_os_str(),
    ]);
    refused(&out, "guide-item.html.j2");
    assert!(!took.hung, "{took:?}");
}

#[test]
fn an_item_with_100000_materials_checks_and_diffs_in_linear_time() {
    let dir = tmp();
    let mut text = String::from("事项名称,基本编码,实施编码,事项类型,材料名称,材料必要性\n");
    text.push_str(&format!(
        "食品经营许可,000111001000,{BODY}4000111001000,行政许可,材料0,必要\n"
    ));
    for i in 1..100_000 {
        text.push_str(&format!(",,,,材料{i},必要\n"));
    }
    // one material twice: found once, however many there are
    text.push_str(",,,,材料7,必要\n");
    let a = path_in(&dir, "a.csv");
    let b = path_in(&dir, "b.csv");
    std::fs::write(&a, &text).unwrap();
    std::fs::write(&b, text.replace("材料99998,", "材料x,")).unwrap();
    let (out, took) = bounded(&[
        "--lang".as_ref(),
        "en".as_ref(),
        "check".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        a.as_os_str(),
    ]);
    assert!(!took.hung, "check took {took:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let dups: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "duplicate-material")
        .collect();
    assert_eq!(dups.len(), 1, "{dups:?}");
    let (out, took) = bounded(&[
        "diff".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        a.as_os_str(),
        b.as_os_str(),
    ]);
    assert!(!took.hung, "diff took {took:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let m = &v["differences"][0];
    assert_eq!(m["element"], "materials", "{v}");
    // the Word guide streams its table: within the memory bound, and it opens
    let docx = dir.path().join("docx");
    let (out, took) = bounded(&[
        "guide".as_ref(),
        "--format".as_ref(),
        "docx".as_ref(),
        "--out".as_ref(),
        docx.as_os_str(),
        a.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!took.hung, "docx took {took:?}");
    let file = std::fs::File::open(docx.join(format!("{BODY}4000111001000.docx"))).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains(">材料99999<") && xml.ends_with("</w:body></w:document>"));
    // well-formed, with a row per material (and the header's)
    let mut r = quick_xml::Reader::from_str(&xml);
    let mut rows = 0;
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::End(e)) if e.local_name().into_inner() == "tr" => {
                rows += 1
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("document.xml is not well-formed: {e}"),
        }
    }
    assert!(rows > 100_000, "{rows}");
}

#[test]
fn cells_tell_the_truth_dates_and_error_values() {
    let dir = tmp();
    let p = path_in(&dir, "dates.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("实施清单").unwrap();
    for (c, h) in ["事项名称", "基本编码", "受理条件", "法定办结时限"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "食品经营许可").unwrap();
    ws.write_string(1, 1, "000111001000").unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 3, 1).unwrap();
    let fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    ws.write_datetime_with_format(1, 2, &date, &fmt).unwrap();
    ws.write_string(1, 3, "#VALUE!").unwrap();
    wb.save(&p).unwrap();
    let out = santong()
        .args(["--lang", "en", "check", "--format", "json"])
        .arg(&p)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = v["diagnostics"].as_array().unwrap();
    let e = d.iter().find(|x| x["rule"] == "error-cell").unwrap();
    assert_eq!(e["value"], "#VALUE!");
    assert!(d
        .iter()
        .all(|x| !(x["rule"] == "invalid-value" && x["field"] == "statutory_days")));
    // the date reads as a date, in guides too
    let site = dir.path().join("site");
    santong()
        .args(["guide"])
        .arg(&p)
        .arg("--out")
        .arg(&site)
        .assert()
        .success();
    let index = std::fs::read_dir(site.join("items"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let page = std::fs::read_to_string(index).unwrap();
    assert!(
        page.contains("2024-03-01") && !page.contains("45352"),
        "the date as a date"
    );
    assert!(page.contains("#VALUE!"));
}

#[test]
fn lock_files_and_password_protected_workbooks_say_what_they_are() {
    let dir = tmp();
    let (list, ..) = inputs(&dir);
    // Excel's owner file: a length byte, the user's name, padding
    let lock = path_in(&dir, "~$list.xlsx");
    let mut owner = vec![5u8];
    owner.extend(b"admin");
    owner.resize(162, 0x20);
    std::fs::write(&lock, &owner).unwrap();
    let out = santong()
        .args(["--lang", "en", "check"])
        .arg(&lock)
        .output()
        .unwrap();
    refused(&out, "lock file");
    // a directory walk leaves it out
    let out = santong()
        .args(["--lang", "en", "check", "--no-config", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(paths.iter().all(|p| !p.contains("~$")), "{paths:?}");
    assert!(paths.iter().any(|p| p.ends_with("list.csv")), "{paths:?}");
    let _ = list;
    // an encrypted OOXML package is a compound file with EncryptedPackage
    let enc = path_in(&dir, "secret.xlsx");
    let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    cfb.resize(1024, 0);
    cfb.extend(
        "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    cfb.resize(4096, 0);
    std::fs::write(&enc, &cfb).unwrap();
    let out = santong()
        .args(["--lang", "en", "check"])
        .arg(&enc)
        .output()
        .unwrap();
    refused(&out, "password-protected");
}

#[test]
fn undecodable_bytes_are_never_replaced_silently() {
    let dir = tmp();
    let rows = clean_list();
    let good = path_in(&dir, "good.csv");
    write_csv(&good, &headers_of(&rows), &rows);
    let mut bytes = std::fs::read(&good).unwrap();
    // one byte no UTF-8 text can hold, inside the first item's name
    let at = bytes
        .windows("食品".len())
        .position(|w| w == "食品".as_bytes())
        .unwrap();
    bytes.insert(at + 3, 0xFF);
    let bad = path_in(&dir, "bad.csv");
    std::fs::write(&bad, &bytes).unwrap();
    let out = santong()
        .args(["--lang", "en", "check", "--format", "json"])
        .arg(&bad)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let g: Vec<_> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "garbled-text")
        .collect();
    assert_eq!(g.len(), 1, "{v}");
    let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
    assert_eq!(g[0]["row"], line);
    let out = santong()
        .args(["--lang", "en", "check", "--encoding", "utf-8"])
        .arg(&bad)
        .output()
        .unwrap();
    // the first byte is byte 1
    refused(&out, &format!("byte {} is not valid UTF-8", at + 4));
    // near miss: the clean file with the same flag
    let out = santong()
        .args(["check", "--encoding", "utf-8"])
        .arg(&good)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
}

/// A legacy workbook stream with two cells, at A1 and IV65536.
fn xls_span_bomb(path: &Path) {
    use std::io::Write;
    let mut comp = cfb::create(path).unwrap();
    let mut s = comp.create_stream("/Workbook").unwrap();
    let record = |kind: u16, data: &[u8]| -> Vec<u8> {
        let mut r = kind.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    };
    let number = |row: u16, col: u16| -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d.extend(1.0f64.to_le_bytes());
        record(0x0203, &d)
    };
    let bof = record(0x0809, &[0, 6, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    for part in [bof, number(0, 0), number(65_535, 255), record(0x000A, &[])] {
        s.write_all(&part).unwrap();
    }
    drop(s);
    comp.flush().unwrap();
}

#[test]
fn a_legacy_workbook_cannot_claim_a_dense_sheet() {
    let dir = tmp();
    let p = path_in(&dir, "span.xls");
    xls_span_bomb(&p);
    assert!(std::fs::metadata(&p).unwrap().len() < 64 * 1024);
    let (out, took) = bounded(&[
        "--lang".as_ref(),
        "en".as_ref(),
        "check".as_ref(),
        "--max-cells".as_ref(),
        "1000000".as_ref(),
        p.as_os_str(),
    ]);
    refused(&out, "--max-cells");
    assert!(!took.hung);
    // near miss: a real legacy workbook reads with the defaults, and is
    // refused only below its own size
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/legacy-biff8.xls");
    let out = santong().args(["check"]).arg(&real).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    let out = santong()
        .args(["--lang", "en", "check", "--max-cells", "2"])
        .arg(&real)
        .output()
        .unwrap();
    refused(&out, "--max-cells");
}

/// Inputs the fuzzer found (fuzz/), kept: each must end quickly, within
/// bounded memory, with exit 2 or findings.
#[test]
fn fuzz_finds_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut found = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        found += 1;
        let (out, took) = bounded(&[
            "--lang".as_ref(),
            "en".as_ref(),
            "check".as_ref(),
            p.as_os_str(),
        ]);
        assert!(out.status.code().is_some_and(|c| c <= 2), "{p:?}: {out:?}");
        assert!(!took.hung, "{p:?}: {took:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{p:?}: {err}");
    }
    assert!(found > 0);
}

/// The findings of a JSON check run.
fn diagnostics(out: &std::process::Output) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    v["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn an_oversized_cell_is_cut_and_reported_and_the_run_goes_on() {
    let dir = tmp();
    // 24 MiB in one cell of a CSV, and a second defect after it
    let mut rows = clean_list();
    rows[0].insert("受理条件".into(), "条件".repeat(4 << 20));
    rows[0].insert("法定办结时限".into(), "#DIV/0!".into());
    let csv = path_in(&dir, "long.csv");
    write_csv(&csv, &headers_of(&rows), &rows);
    let before = snapshot(&[&csv]);
    let (out, took) = bounded(&[
        "--lang".as_ref(),
        "en".as_ref(),
        "check".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        csv.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!took.hung, "{took:?}");
    let d = diagnostics(&out);
    let cut = d.iter().find(|x| x["rule"] == "oversized-cell").unwrap();
    assert_eq!(cut["field"], "conditions");
    assert!(
        cut["message"].as_str().unwrap().contains("24.0 MiB"),
        "{cut}"
    );
    // the report shows the start of the value, not 24 MiB of it
    assert!(cut["value"].as_str().unwrap().len() <= 4096 + 3);
    assert!(out.stdout.len() < 200_000, "{}", out.stdout.len());
    assert!(
        d.iter().any(|x| x["rule"] == "error-cell"),
        "the run went on"
    );
    assert_eq!(snapshot(&[&csv]), before);

    // a workbook and a YAML list, with the limit lowered by flag and by
    // santong.yaml; the near miss: a cell exactly at the limit
    let mut rows = clean_list();
    rows[0].insert("受理条件".into(), "甲".repeat(100));
    rows[1].insert("受理条件".into(), "乙".repeat(101));
    let xlsx = path_in(&dir, "list.xlsx");
    write_xlsx(&xlsx, "实施清单", &[], &headers_of(&rows), &rows);
    let yaml = path_in(&dir, "list.yaml");
    std::fs::write(
        &yaml,
        format!(
            "- 事项名称: 食品经营许可\n  基本编码: '000111001000'\n  受理条件: {}\n- 事项名称: 药品零售许可\n  受理条件: {}\n",
            "甲".repeat(100),
            "乙".repeat(101)
        ),
    )
    .unwrap();
    for list in [&xlsx, &yaml] {
        let run = |extra: &[&str], cwd: &Path| {
            santong()
                .current_dir(cwd)
                .args(["--lang", "en", "check", "--format", "json"])
                .args(extra)
                .arg(list)
                .output()
                .unwrap()
        };
        let cut_rows = |out: &std::process::Output| -> Vec<String> {
            diagnostics(out)
                .iter()
                .filter(|x| x["rule"] == "oversized-cell" && x["field"] == "conditions")
                .map(|x| x["value"].as_str().unwrap().chars().take(1).collect())
                .collect()
        };
        assert_eq!(
            cut_rows(&run(&["--max-cell-bytes", "300"], dir.path())),
            ["乙"]
        );
        assert!(
            cut_rows(&run(&[], dir.path())).is_empty(),
            "the default reads both"
        );
        let conf = tmp();
        std::fs::write(
            conf.path().join("santong.yaml"),
            "limits: { max_cell_bytes: 300 }\n",
        )
        .unwrap();
        assert_eq!(
            cut_rows(&run(&[], conf.path())),
            ["乙"],
            "{}",
            list.display()
        );
        // a flag wins over the file
        assert!(cut_rows(&run(&["--max-cell-bytes", "1000"], conf.path())).is_empty());
    }
}

/// What a bad input must end in.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Exit 2 with one line on stderr holding this text.
    Refused(&'static str),
    /// Exit 0 or 1 (as the rule's severity has it) with this rule among
    /// the JSON findings.
    Finds(&'static str),
    /// Read: exit 0 or 1, findings or none.
    Reads,
}

/// One bad input: the files it is made of, the arguments (`@name` is the
/// path of a file or directory in the case's directory) and its end.
struct Bad {
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: Vec<&'static str>,
    expect: Expect,
}

/// The bytes a writer puts in a file.
fn made(write: impl FnOnce(&Path)) -> Vec<u8> {
    let dir = tmp();
    let p = dir.path().join("f");
    write(&p);
    std::fs::read(&p).unwrap()
}

/// Deterministic noise (no zero bytes, so it does not look like UTF-16).
fn noise(n: usize) -> Vec<u8> {
    let mut x: u32 = 0x2545_F491;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x % 255 + 1) as u8
        })
        .collect()
}

fn clean_csv() -> Vec<u8> {
    made(|p| write_csv(p, &headers_of(&clean_list()), &clean_list()))
}

fn clean_xlsx() -> Vec<u8> {
    made(|p| {
        write_xlsx(
            p,
            "实施清单",
            &[],
            &headers_of(&clean_list()),
            &clean_list(),
        )
    })
}

fn csv_with(key: &str, value: &str) -> Vec<u8> {
    let mut rows = clean_list();
    rows[0].insert(key.into(), value.into());
    made(|p| write_csv(p, &headers_of(&rows), &rows))
}

/// A zip holding the given parts; a part of `(name, None, n)` is n zero
/// bytes, deflated.
fn zip_of(parts: &[(&str, &[u8])], zeros: Option<(&str, usize)>) -> Vec<u8> {
    use std::io::Write;
    made(|p| {
        let mut z = zip::ZipWriter::new(std::fs::File::create(p).unwrap());
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            z.start_file(*name, o).unwrap();
            z.write_all(bytes).unwrap();
        }
        if let Some((name, n)) = zeros {
            z.start_file(name, o.large_file(true)).unwrap();
            let block = vec![b' '; 1 << 20];
            for _ in 0..n >> 20 {
                z.write_all(&block).unwrap();
            }
        }
        z.finish().unwrap();
    })
}

fn encrypted_package() -> Vec<u8> {
    use std::io::Write;
    made(|p| {
        let mut comp = cfb::create(p).unwrap();
        let mut s = comp.create_stream("/EncryptionInfo").unwrap();
        s.write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0]).unwrap();
        drop(s);
        let mut s = comp.create_stream("/EncryptedPackage").unwrap();
        s.write_all(&noise(4096)).unwrap();
        drop(s);
        comp.flush().unwrap();
    })
}

fn rules_yaml(rule: &str) -> Vec<u8> {
    format!("rules:\n  - id: hostile-rule\n    element: name\n{rule}    title: {{ zh: 测试, en: test }}\n")
        .into_bytes()
}

const STD_YAML: &[u8] = b"id: gx\nextends: national\n";
const LOOP: &[u8] =
    b"{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}";

fn bad_inputs() -> Vec<Bad> {
    use Expect::*;
    let b = |name, files: Vec<(&'static str, Vec<u8>)>, args: &[&'static str], expect| Bad {
        name,
        files,
        args: args.to_vec(),
        expect,
    };
    let csv = || ("list.csv", clean_csv());
    let xlsx = || ("list.xlsx", clean_xlsx());
    let mut half = clean_xlsx();
    half.truncate(half.len() / 2);
    let json = &["check", "--format", "json"];
    let with = |extra: &[&'static str]| [&json[..], extra].concat();
    let gbk = encoding_rs::GBK
        .encode(std::str::from_utf8(&clean_csv()).unwrap())
        .0
        .into_owned();
    let mut stray = clean_csv();
    let at = stray.len() - 20;
    stray.insert(at, 0xFF);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in std::str::from_utf8(&clean_csv()).unwrap().encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    let mut wide = headers_of(&clean_list()).join(",");
    for i in 0..1_000_000 {
        wide.push_str(&format!(",x{i}"));
    }
    wide.push('\n');
    let laughs = {
        let mut s = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (i, c) in ('b'..='j').enumerate() {
            let prev = (b'a' + i as u8) as char;
            s.push_str(&format!("{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        }
        s.into_bytes()
    };
    let long_expr = rules_yaml(&format!(
        "    assert: \"{}\"\n",
        vec!["name == 'x'"; 50_000].join(" or ")
    ));
    vec![
        // containers and formats
        b("empty workbook", vec![("e.xlsx", vec![])], &["check", "@e.xlsx"], Refused("empty")),
        b("empty CSV", vec![("e.csv", vec![])], &["check", "@e.csv"], Refused("empty")),
        b("noise named .xlsx", vec![("n.xlsx", noise(8192))], &["check", "@n.xlsx"], Refused("n.xlsx")),
        b("zeros named .xls", vec![("z.xls", vec![0; 8192])], &["check", "@z.xls"], Refused("z.xls")),
        b("zip without a workbook", vec![("r.xlsx", zip_of(&[("readme.txt", b"hi")], None))], &["check", "@r.xlsx"], Refused("r.xlsx")),
        b("truncated workbook", vec![("t.xlsx", half)], &["check", "@t.xlsx"], Refused("t.xlsx")),
        b("xlsx named .xls", vec![("x.xls", clean_xlsx())], &["check", "@x.xls"], Reads),
        b("CSV named .xls", vec![("c.xls", clean_csv())], &["check", "@c.xls"], Reads),
        b("HTML named .xls", vec![("h.xls", b"<html><table><tr><td>1</td></tr></table></html>".to_vec())], &["check", "@h.xls"], Refused("HTML")),
        b("compound file of garbage", vec![("g.xls", [&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &noise(4096)].concat())], &["check", "@g.xls"], Refused("g.xls")),
        b("password-protected workbook", vec![("p.xlsx", encrypted_package())], &["check", "@p.xlsx"], Refused("password")),
        b("lock file", vec![("~$清单.xlsx", noise(165))], &["check", "@~$清单.xlsx"], Refused("lock file")),
        b("missing file", vec![], &["check", "@nothing.xlsx"], Refused("no such file")),
        b("a device as a list", vec![], &["check", "/dev/zero"], Refused("not a regular file")),
        b("unsupported type", vec![("r.pdf", b"%PDF-1.4".to_vec())], &["check", "@r.pdf"], Refused("unsupported")),
        b("directory without lists", vec![("d/readme.txt", b"x".to_vec())], &["check", "@d"], Refused("")),
        // bombs
        b("shared strings bomb", vec![("s.xlsx", zip_of(&[("[Content_Types].xml", b"<Types/>")], Some(("xl/sharedStrings.xml", 300 << 20))))], &["check", "@s.xlsx"], Refused("--max-part-bytes")),
        b("repeat-count bomb", vec![("b.ods", made(ods_bomb))], &["check", "@b.ods"], Refused("--max-cells")),
        b("legacy span bomb", vec![("s.xls", made(xls_span_bomb))], &["check", "@s.xls"], Refused("--max-cells")),
        b("billion laughs as a list", vec![("l.yaml", laughs.clone())], &["check", "@l.yaml"], Refused("l.yaml")),
        b("deep YAML", vec![("d.yaml", "[".repeat(100_000).into_bytes())], &["check", "@d.yaml"], Refused("d.yaml")),
        b("deep JSON", vec![("d.json", "[".repeat(100_000).into_bytes())], &["check", "@d.json"], Refused("d.json")),
        b("JSON with absurd numbers", vec![("n.json", br#"[{"AUDIT_ITEM":{"task_name":"x","promise_day":1e999999,"anticipate_day":-0,"task_version":18446744073709551616}}]"#.to_vec())], &["check", "@n.json"], Refused("n.json")),
        b("a million unknown columns", vec![("w.csv", wide.into_bytes())], &with(&["@w.csv"]), Finds("unknown-column")),
        b("24 MiB cell", vec![("l.csv", csv_with("受理条件", &"条件".repeat(4 << 20)))], &with(&["@l.csv"]), Finds("oversized-cell")),
        b("binary CSV", vec![("b.csv", (0..=255u8).cycle().take(65536).collect())], &["check", "@b.csv"], Refused("b.csv")),
        b("invalid UTF-8 forced", vec![("u.csv", stray.clone())], &["check", "--encoding", "utf-8", "@u.csv"], Refused("not valid UTF-8")),
        b("GBK read as UTF-8", vec![("g.csv", gbk.clone())], &["check", "--encoding", "utf-8", "@g.csv"], Refused("not valid UTF-8")),
        b("GBK detected", vec![("g.csv", gbk)], &["check", "@g.csv"], Reads),
        b("a stray byte", vec![("s.csv", stray)], &with(&["@s.csv"]), Finds("garbled-text")),
        b("UTF-16 with BOM", vec![("u.csv", utf16)], &["check", "@u.csv"], Reads),
        b("unbalanced quote", vec![("q.csv", [clean_csv(), "\"食品,000111001000\n".as_bytes().to_vec()].concat())], &["check", "@q.csv"], Reads),
        b("BOM only", vec![("b.csv", vec![0xEF, 0xBB, 0xBF])], &["check", "@b.csv"], Refused("b.csv")),
        b("header only", vec![("h.csv", headers_of(&clean_list()).join(",").into_bytes())], &["check", "@h.csv"], Reads),
        b("terminal escapes", vec![("e.csv", csv_with("事项名称", "食品\u{1b}[2J经营许可"))], &with(&["@e.csv"]), Finds("control-character")),
        b("NUL in a cell", vec![("n.csv", csv_with("办理地点", "一楼\u{0}窗口"))], &with(&["@n.csv"]), Finds("control-character")),
        b("error value", vec![("e.csv", csv_with("法定办结时限", "#DIV/0!"))], &with(&["@e.csv"]), Finds("error-cell")),
        b("unknown encoding", vec![csv()], &["check", "--encoding", "klingon", "@list.csv"], Refused("unknown encoding")),
        b("cells over --max-cells", vec![xlsx()], &["check", "--max-cells", "10", "@list.xlsx"], Refused("--max-cells")),
        b("part over --max-part-bytes", vec![xlsx()], &["check", "--max-part-bytes", "2048", "@list.xlsx"], Refused("--max-part-bytes")),
        b("far cell, annotated", vec![("f.xlsx", made(|p| {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            ws.write_string(0, 0, "事项名称").unwrap();
            ws.write_string(0, 1, "基本编码").unwrap();
            ws.write_string(1, 0, "食品经营许可").unwrap();
            ws.write_string(1_048_575, 16_383, "x").unwrap();
            wb.save(p).unwrap();
        }))], &["check", "--annotate", "@a.xlsx", "@f.xlsx"], Reads),
        // settings, standards, templates
        b("santong.yaml not YAML", vec![csv(), ("santong.yaml", b"files: [\n".to_vec())], &["check", "@list.csv"], Refused("santong.yaml")),
        b("santong.yaml unknown key", vec![csv(), ("santong.yaml", b"filez: []\n".to_vec())], &["check", "@list.csv"], Refused("santong.yaml")),
        b("santong.yaml negative limit", vec![csv(), ("santong.yaml", b"limits: { max_cells: -1 }\n".to_vec())], &["check", "@list.csv"], Refused("santong.yaml")),
        b("santong.yaml bomb", vec![csv(), ("santong.yaml", laughs)], &["check", "@list.csv"], Refused("santong.yaml")),
        b("50,000-term expression", vec![csv(), ("std/standard.yaml", STD_YAML.to_vec()), ("std/rules.yaml", long_expr)], &["check", "--standard", "@std", "@list.csv"], Refused("rules.yaml:")),
        b("standard without standard.yaml", vec![csv(), ("std/rules.yaml", rules_yaml(""))], &["check", "--standard", "@std", "@list.csv"], Refused("std")),
        b("rules.yaml not YAML", vec![csv(), ("std/standard.yaml", STD_YAML.to_vec()), ("std/rules.yaml", b"rules: [\n".to_vec())], &["check", "--standard", "@std", "@list.csv"], Refused("rules.yaml")),
        b("a rule message that loops", vec![csv(), ("std/standard.yaml", STD_YAML.to_vec()), ("std/rules.yaml", rules_yaml(&format!("    assert: \"name == 'never'\"\n    message: {{ zh: \"{0}\", en: \"{0}\" }}\n", std::str::from_utf8(LOOP).unwrap())))], &["check", "--standard", "@std", "@list.csv"], Reads),
        b("a guide template that loops", vec![csv(), ("t/guide-item.html.j2", LOOP.to_vec())], &["guide", "@list.csv", "--templates", "@t", "--out", "@site"], Refused("guide-item.html.j2")),
        b("a guide template that does not parse", vec![csv(), ("t/guide-item.html.j2", b"{% for %}".to_vec())], &["guide", "@list.csv", "--templates", "@t", "--out", "@site"], Refused("guide-item.html.j2")),
        b("a guide template that includes itself", vec![csv(), ("t/guide-item.html.j2", b"{% include 'guide-item.html.j2' %}".to_vec())], &["guide", "@list.csv", "--templates", "@t", "--out", "@site"], Refused("guide-item.html.j2")),
        // outputs
        b("report over the list", vec![csv()], &["check", "--output", "@list.csv", "@list.csv"], Refused("list.csv")),
        b("report over --basic", vec![csv(), ("basic.csv", clean_csv())], &["check", "--basic", "@basic.csv", "--output", "@basic.csv", "@list.csv"], Refused("basic.csv")),
        b("annotate and output the same", vec![xlsx()], &["check", "--annotate", "@a.xlsx", "--output", "@a.xlsx", "@list.xlsx"], Refused("--annotate")),
        b("report into a missing directory", vec![csv()], &["check", "--output", "@no/such/r.json", "@list.csv"], Refused("no/such")),
        b("template over a file", vec![("t.xlsx", b"keep".to_vec())], &["template", "--out", "@t.xlsx"], Refused("--force")),
        b("guides into a file", vec![csv(), ("site", b"keep".to_vec())], &["guide", "@list.csv", "--out", "@site"], Refused("site")),
        b("--basic of noise", vec![csv(), ("basic.xlsx", noise(4096))], &["check", "--basic", "@basic.xlsx", "@list.csv"], Refused("basic.xlsx")),
        b("--areas of noise", vec![csv(), ("areas.csv", noise(4096))], &["check", "--areas", "@areas.csv", "@list.csv"], Refused("areas.csv")),
        b("diff of one list", vec![csv()], &["diff", "@list.csv"], Refused("two regions")),
        b("guide of an item not there", vec![csv()], &["guide", "@list.csv", "--item", "NOPE", "--out", "@site"], Refused("NOPE")),
    ]
}

/// The files below `dir` and their bytes.
fn contents(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files_below(dir)
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect()
}

#[test]
fn every_bad_input_ends_in_one_line_or_findings_within_bounds() {
    let cases = bad_inputs();
    assert!(cases.len() >= 50, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let dir = tmp();
        for (name, bytes) in &case.files {
            let p = dir.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, bytes).unwrap();
        }
        let before = contents(dir.path());
        let args: Vec<std::ffi::OsString> = ["--lang", "en"]
            .iter()
            .chain(&case.args)
            .map(|a| match a.strip_prefix('@') {
                Some(name) => dir.path().join(name).into_os_string(),
                None => a.into(),
            })
            .collect();
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        let (out, took) = bounded_in(dir.path(), &args);
        let err = String::from_utf8_lossy(&out.stderr);
        let code = out.status.code();
        let verdict = if took.hung {
            Some(format!("{took:?}"))
        } else if err.contains("panicked") || code.is_none() {
            Some(format!("crashed ({:?}): {err}", out.status))
        } else {
            match case.expect {
                Expect::Refused(needle) => (code != Some(2)
                    || err.trim_end().lines().count() != 1
                    || !err.contains(needle))
                .then(|| {
                    format!("expected one line with `{needle}` and exit 2, got {code:?}: {err}")
                }),
                Expect::Finds(rule) => {
                    let found = serde_json::from_slice::<serde_json::Value>(&out.stdout)
                        .ok()
                        .and_then(|v| v["diagnostics"].as_array().cloned())
                        .is_some_and(|d| d.iter().any(|x| x["rule"] == rule));
                    (!matches!(code, Some(0 | 1)) || !found)
                        .then(|| format!("expected {rule}, got {code:?}: {err}"))
                }
                Expect::Reads => (!matches!(code, Some(0 | 1)))
                    .then(|| format!("expected a reading, got {code:?}: {err}")),
            }
        };
        // nothing that was there before has changed
        let after = contents(dir.path());
        let changed = before.iter().any(|b| !after.contains(b));
        match (verdict, changed) {
            (Some(v), _) => failures.push(format!("{}: {v}", case.name)),
            (None, true) => failures.push(format!("{}: an input changed", case.name)),
            _ => {}
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
