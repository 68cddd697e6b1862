//! Everyday use (issue 14): one language at a time, quiet and summary
//! output, whole lists for forms, stdin and stdout, completions and the man
//! page, and folders with editors' scratch files in them.

use assert_cmd::Command;
use std::path::Path;

fn santong(lang: &str) -> Command {
    let mut c = Command::cargo_bin("santong").unwrap();
    c.env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    c
}

const XLSX: &str = "docs/examples/钦南区-实施清单.xlsx";
const CSV: &str = "docs/examples/浦北县-实施清单.csv";

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Whether a line has Latin words outside what is not language: paths,
/// codes, rule ids, option names, command examples.
fn has_english_sentence(line: &str) -> bool {
    let words: Vec<&str> = line
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .collect();
    // not `help` (a subcommand's name) nor `error` (a value of --fail-on)
    const SENTENCE: [&str; 12] = [
        "the",
        "and",
        "not",
        "with",
        "Usage",
        "Options",
        "Arguments",
        "Print",
        "cannot",
        "unexpected",
        "found",
        "required",
    ];
    words.iter().any(|w| SENTENCE.contains(w)) && !line.contains("santong ")
}

#[test]
fn help_and_argument_errors_are_chinese_under_a_zh_locale() {
    for args in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["guide", "-h"],
        vec!["help", "form"],
    ] {
        let out = santong("zh_CN.UTF-8").args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let t = text(&out.stdout);
        assert!(t.contains("用法：santong"), "{args:?}: {t}");
        for l in t.lines() {
            assert!(!has_english_sentence(l), "{args:?}: English line: {l}");
        }
    }
    for args in [
        vec!["chek"],
        vec!["check", "--format", "x", CSV],
        vec!["check", "--max-cells", "many", CSV],
        vec!["form"],
        vec!["check", "--nope"],
    ] {
        let out = santong("zh_CN.UTF-8").args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let e = text(&out.stderr);
        assert!(e.starts_with("错误："), "{args:?}: {e}");
        for l in e.lines() {
            assert!(!has_english_sentence(l), "{args:?}: English line: {l}");
        }
    }
    // --lang overrides the locale, both ways
    let en = santong("zh_CN.UTF-8")
        .args(["--lang", "en", "check", "--help"])
        .output()
        .unwrap();
    assert!(text(&en.stdout).contains("Usage: santong check"));
    let zh = santong("C")
        .args(["check", "--help", "--lang=zh"])
        .output()
        .unwrap();
    assert!(text(&zh.stdout).contains("用法：santong check"));
}

#[test]
fn runtime_errors_are_in_one_language() {
    let zh = santong("zh_CN.UTF-8")
        .args(["check", "没有这个文件.csv"])
        .output()
        .unwrap();
    assert_eq!(zh.status.code(), Some(2));
    let e = text(&zh.stderr);
    assert!(e.contains("文件不存在"), "{e}");
    assert!(!e.contains("no such file"), "{e}");
    let en = santong("C")
        .args(["check", "no-such-file.csv"])
        .output()
        .unwrap();
    assert!(text(&en.stderr).contains("no such file"));
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("模板.xlsx");
    std::fs::write(&out, "x").unwrap();
    let o = santong("zh_CN.UTF-8")
        .args(["template", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("已存在"), "{}", text(&o.stderr));
}

#[test]
fn english_counts_are_singular_for_one() {
    let d = tempfile::tempdir().unwrap();
    // one item with one finding: the duplicated implementation code's row
    // is not needed; the summary line of the example reads in plurals
    let out = santong("C")
        .args(["check", CSV, "--format", "summary"])
        .output()
        .unwrap();
    let t = text(&out.stdout);
    assert!(t.contains("5 items: 7 errors, 4 warnings, 0 notes"), "{t}");
    let one = d.path().join("one.csv");
    let src = std::fs::read_to_string(CSV).unwrap();
    let lines: Vec<&str> = src.lines().collect();
    // the title line and the header, then the first item only
    let header_at = lines.iter().position(|l| l.contains("事项名称")).unwrap();
    std::fs::write(&one, lines[..=header_at + 1].join("\n")).unwrap();
    let t = text(
        &santong("C")
            .args(["check", "--format", "summary"])
            .arg(&one)
            .output()
            .unwrap()
            .stdout,
    );
    assert!(t.contains("1 item:"), "{t}");
    let zh = text(
        &santong("zh_CN.UTF-8")
            .args(["check", "--format", "summary"])
            .arg(&one)
            .output()
            .unwrap()
            .stdout,
    );
    assert!(zh.contains("1 个事项"), "{zh}");
}

#[test]
fn quiet_and_summary() {
    let full = santong("C").args(["check", CSV]).output().unwrap();
    let quiet = santong("C").args(["-q", "check", CSV]).output().unwrap();
    assert_eq!(full.status.code(), quiet.status.code());
    let (f, q) = (text(&full.stdout), text(&quiet.stdout));
    assert!(f.contains("Summary by rule"));
    assert!(
        !q.contains("Summary by rule") && !q.contains("items:"),
        "{q}"
    );
    assert!(q.contains("invalid-phone"), "{q}");
    let s = text(
        &santong("C")
            .args(["check", CSV, "--format", "summary"])
            .output()
            .unwrap()
            .stdout,
    );
    assert!(s.contains("Summary by rule") && !s.contains("Fix:"), "{s}");
    let qs = santong("C")
        .args(["check", CSV, "--format", "summary", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(qs.status.code(), Some(1));
    assert!(qs.stdout.is_empty() && qs.stderr.is_empty());
    // --color always colours even into a pipe; never and NO_COLOR do not
    let c = santong("C")
        .args(["check", CSV, "--color", "always"])
        .output()
        .unwrap();
    assert!(text(&c.stdout).contains("\x1b["));
    let n = santong("C")
        .args(["check", CSV, "--color", "never"])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(!text(&n.stdout).contains("\x1b["));
    let f = santong("C")
        .args(["check", CSV])
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(text(&f.stdout).contains("\x1b["));
}

#[test]
fn verbose_says_what_was_read() {
    let out = santong("C").args(["-v", "check", XLSX]).output().unwrap();
    let e = text(&out.stderr);
    assert!(e.contains("header on row"), "{e}");
    assert!(e.contains("事项名称 → name"), "{e}");
    let quiet = santong("C").args(["check", XLSX]).output().unwrap();
    assert!(!text(&quiet.stderr).contains("header on row"));
}

#[test]
fn stdin_and_stdout() {
    let file = santong("C")
        .args(["check", CSV, "--format", "json"])
        .output()
        .unwrap();
    let piped = santong("C")
        .args(["check", "-", "--format", "json", "--output", "-"])
        .pipe_stdin(CSV)
        .unwrap()
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), file.status.code());
    let (a, b): (serde_json::Value, serde_json::Value) = (
        serde_json::from_slice(&file.stdout).unwrap(),
        serde_json::from_slice(&piped.stdout).unwrap(),
    );
    assert_eq!(
        a["diagnostics"].as_array().unwrap().len(),
        b["diagnostics"].as_array().unwrap().len()
    );
    assert_eq!(b["diagnostics"][0]["path"], "-");
    // a workbook on standard input is sniffed as one
    let wb = santong("C")
        .args(["check", "-", "--format", "summary"])
        .pipe_stdin(XLSX)
        .unwrap()
        .output()
        .unwrap();
    assert_eq!(wb.status.code(), Some(1), "{}", text(&wb.stderr));
    // no file named - is ever made
    let d = tempfile::tempdir().unwrap();
    santong("C")
        .current_dir(d.path())
        .args(["check", "--output", "-"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(CSV))
        .output()
        .unwrap();
    assert!(!d.path().join("-").exists());
}

#[test]
fn completions_and_man() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = santong("C").args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(text(&out.stdout).contains("santong"), "{shell}");
    }
    let man = santong("C").arg("man").output().unwrap();
    assert_eq!(man.status.code(), Some(0));
    let m = text(&man.stdout);
    assert!(
        m.starts_with(".ie") || m.contains(".TH santong"),
        "{}",
        &m[..200.min(m.len())]
    );
    assert!(
        m.contains(".SH \"SANTONG CHECK\"") && m.contains("every\\-row"),
        "man lacks check"
    );
}

#[test]
fn forms_for_a_whole_list_and_repeated_items() {
    let d = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = santong("C")
        .current_dir(d.path())
        .args(["form", "--all", "-q"])
        .arg(root.join(XLSX))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let forms = std::fs::read_dir(d.path().join("申请表")).unwrap().count();
    assert!(forms >= 4, "{forms} forms");
    // --item once per code, the file after it is a file
    let two = d.path().join("two");
    let out = santong("C")
        .args([
            "form",
            "--item",
            "11450702MB1234562R4000111001000",
            "--item",
            "11450702MB1234562R4000111003000",
            "--out",
        ])
        .arg(&two)
        .arg(root.join(XLSX))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_dir(&two).unwrap().count(), 2);
    // the default output exists now: refused without --force
    let again = santong("C")
        .current_dir(d.path())
        .args(["form", "--all"])
        .arg(root.join(XLSX))
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("--force"));
}

#[test]
fn guide_default_out_and_clean() {
    let d = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let full = santong("C")
        .current_dir(d.path())
        .args(["guide"])
        .arg(root.join(XLSX))
        .output()
        .unwrap();
    assert_eq!(full.status.code(), Some(0), "{}", text(&full.stderr));
    let items = d.path().join("办事指南/items");
    let before = std::fs::read_dir(&items).unwrap().count();
    assert!(before >= 4);
    std::fs::write(items.join("mine.html"), "not santong's").unwrap();
    // a list with one item fewer: its page goes, the user's file stays
    let src = std::fs::read_to_string(root.join(CSV)).unwrap();
    let fewer = d.path().join("fewer.csv");
    let lines: Vec<&str> = src.lines().collect();
    std::fs::write(&fewer, lines[..lines.len() - 1].join("\n")).unwrap();
    let site = d.path().join("site");
    santong("C")
        .args(["guide", "--out"])
        .arg(&site)
        .arg(root.join(CSV))
        .assert()
        .success();
    let n = std::fs::read_dir(site.join("items")).unwrap().count();
    santong("C")
        .args(["guide", "--force", "--clean", "--out"])
        .arg(&site)
        .arg(&fewer)
        .assert()
        .success();
    let m = std::fs::read_dir(site.join("items")).unwrap().count();
    assert_eq!(m, n - 1);
    // --clean with --item is refused: it would remove every other page
    santong("C")
        .args(["guide", "--clean", "--item", "x", "--out"])
        .arg(&site)
        .arg(&fewer)
        .assert()
        .code(2);
}

#[test]
fn a_folder_with_scratch_files_checks_the_real_lists() {
    let d = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join(XLSX), d.path().join("清单.xlsx")).unwrap();
    std::fs::write(d.path().join("~$清单.xlsx"), b"\x0c\x00lock").unwrap();
    std::fs::write(d.path().join(".~lock.清单.xlsx#"), "lock").unwrap();
    std::fs::write(d.path().join("Thumbs.db"), b"\x00\x01").unwrap();
    std::fs::write(d.path().join(".DS_Store"), b"\x00\x01").unwrap();
    let out = santong("zh_CN.UTF-8")
        .args(["check", "--format", "summary"])
        .arg(d.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let e = text(&out.stderr);
    assert!(e.contains("跳过") && e.contains("~$清单.xlsx"), "{e}");
    assert!(
        text(&out.stdout).contains("4 个事项"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn wrong_formats_get_their_own_messages() {
    let d = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // a zip that is not a workbook
    let zip = d.path().join("a.xlsx");
    {
        let f = std::fs::File::create(&zip).unwrap();
        let mut z = zip::ZipWriter::new(f);
        z.start_file("readme.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut z, b"hello").unwrap();
        z.finish().unwrap();
    }
    // a workbook renamed .csv
    let renamed = d.path().join("b.csv");
    std::fs::copy(root.join(XLSX), &renamed).unwrap();
    let gbk = root.join("docs/examples/灵山县-实施清单-GBK.csv");
    let zip_err = text(&santong("C").arg("check").arg(&zip).output().unwrap().stderr);
    let renamed_err = text(
        &santong("C")
            .arg("check")
            .arg(&renamed)
            .output()
            .unwrap()
            .stderr,
    );
    let gbk_err = text(
        &santong("C")
            .args(["check", "--encoding", "utf-8"])
            .arg(&gbk)
            .output()
            .unwrap()
            .stderr,
    );
    assert!(zip_err.contains("not a workbook"), "{zip_err}");
    assert!(renamed_err.contains("rename it to .xlsx"), "{renamed_err}");
    assert!(gbk_err.contains("--encoding gbk"), "{gbk_err}");
    let zh = text(
        &santong("zh_CN.UTF-8")
            .arg("check")
            .arg(&renamed)
            .output()
            .unwrap()
            .stderr,
    );
    assert!(zh.contains("改名为 .xlsx"), "{zh}");
}

/// Whether `s` holds a CJK ideograph.
fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// English words that only a sentence would hold (not a path, a code, a
/// field name, a value such as `error` or a command): identifiers with `-` or `_` (rule ids,
/// options) are not words.
fn english_words(line: &str) -> Vec<&str> {
    const WORDS: [&str; 22] = [
        "the",
        "and",
        "not",
        "with",
        "expected",
        "found",
        "unknown",
        "missing",
        "cannot",
        "invalid",
        "has",
        "no",
        "is",
        "of",
        "in",
        "at",
        "line",
        "column",
        "wrote",
        "unexpected",
        "valid",
        "syntax",
    ];
    // code in backticks (an expression, a field) is not a sentence
    let outside_code = line.split('`').step_by(2);
    outside_code
        .flat_map(|part| part.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')))
        .filter(|w| !w.contains(['-', '_']))
        .filter(|w| WORDS.contains(&w.to_ascii_lowercase().as_str()))
        .collect()
}

/// A standard author's and a list's broken files: under a zh locale every
/// message is Chinese (the parsers' faults too), under C English.
#[test]
fn broken_standards_and_files_are_reported_in_one_language() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let write = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    let head = "id: p\nname: p\nextends: national\n";
    write("nolabel/standard.yaml", head);
    write(
        "nolabel/elements.yaml",
        "elements:\n  - id: foo\n    type: text\n",
    );
    write("bracket/standard.yaml", head);
    write("bracket/elements.yaml", "elements: [\n");
    write("field/standard.yaml", &format!("{head}bogus: 1\n"));
    write("quote/standard.yaml", "id: \"p\nname: p\n");
    write("tab/standard.yaml", "id: p\nname:\n\t- p\n");
    write("kebab/standard.yaml", head);
    write(
        "kebab/rules.yaml",
        "rules:\n  - id: Bad_Rule\n    title: {zh: 甲, en: a}\n    message: {zh: 甲, en: a}\n    element: item_name\n    assert: \"true\"\n",
    );
    write("expr/standard.yaml", head);
    write(
        "expr/rules.yaml",
        "rules:\n  - id: my-rule\n    title: {zh: 甲, en: a}\n    message: {zh: 甲, en: a}\n    element: name\n    assert: \"name ==\"\n",
    );
    write("pattern/standard.yaml", head);
    write(
        "pattern/elements.yaml",
        "elements:\n  - id: name\n    pattern: \"([a-z\"\n",
    );
    write("params/standard.yaml", head);
    write(
        "params/rules.yaml",
        "rules:\n  - id: catch-all-clause\n    params:\n      patterns: 5\n",
    );
    write("cut.json", "{\"items\": [");
    write("empty.json", "{\"items\": 5}");
    write("comma.json", "[{\"TASK_NAME\": \"x\",}]");
    write("cut.yaml", "items:\n  - a: [\n");
    write("scalar.yaml", "just words\n");
    write("tpl/guide-item.html.j2", "{{ broken\n");
    write("conf/santong.yaml", "severity:\n  nosuch-rule: off\n");
    write("cells.csv", "a,b\n1,2\n");

    let cases: Vec<Vec<String>> = {
        let p = |s: &str| dir.join(s).display().to_string();
        let mut v: Vec<Vec<String>> = [
            "nolabel", "bracket", "field", "quote", "tab", "kebab", "expr", "pattern", "params",
        ]
        .iter()
        .map(|s| vec!["rules".into(), "--standard".into(), p(s)])
        .collect();
        for f in [
            "cut.json",
            "empty.json",
            "comma.json",
            "cut.yaml",
            "scalar.yaml",
        ] {
            v.push(vec!["check".into(), "--no-config".into(), p(f)]);
        }
        v.push(vec!["explain".into(), "catch-all".into()]);
        v.push(vec![
            "check".into(),
            "--config".into(),
            p("conf/santong.yaml"),
            CSV.into(),
        ]);
        v.push(vec![
            "guide".into(),
            CSV.into(),
            "--item".into(),
            "999".into(),
            "--out".into(),
            p("g1"),
        ]);
        v.push(vec![
            "guide".into(),
            CSV.into(),
            "--templates".into(),
            p("tpl"),
            "--out".into(),
            p("g2"),
        ]);
        v.push(vec!["template".into(), "--standard".into(), p("nowhere")]);
        v
    };
    for args in &cases {
        let zh = santong("zh_CN.UTF-8").args(args).output().unwrap();
        assert_eq!(zh.status.code(), Some(2), "{args:?}: {}", text(&zh.stderr));
        let e = text(&zh.stderr);
        let last = e.lines().last().unwrap_or_default();
        assert!(has_cjk(last), "{args:?}: {e}");
        for l in e.lines() {
            assert!(english_words(l).is_empty(), "{args:?}: English in: {l}");
        }
        let en = santong("C").args(args).output().unwrap();
        let e = text(&en.stderr);
        let last = e.lines().last().unwrap_or_default();
        assert!(!last.is_empty() && !has_cjk(last), "{args:?}: {e}");
    }
}

/// The examples in `--help` that need no list run as written, in both
/// languages.
#[test]
fn help_examples_run() {
    for lang in ["C", "zh_CN.UTF-8"] {
        for sub in [
            "explain",
            "schema",
            "rules",
            "completions",
            "man",
            "template",
        ] {
            let help = santong(lang).args([sub, "--help"]).output().unwrap();
            let help = text(&help.stdout);
            let examples: Vec<&str> = help
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with(&format!("santong {sub}")))
                .collect();
            assert!(!examples.is_empty(), "{sub} --help has no examples: {help}");
            for ex in examples {
                let d = tempfile::tempdir().unwrap();
                let words: Vec<&str> = ex.split_whitespace().collect();
                // a redirection or an --out names a file: write it in a scratch directory
                let (cmd, redirect) = match words.iter().position(|w| *w == ">") {
                    Some(i) => (&words[1..i], Some(words[i + 1])),
                    None => (&words[1..], None),
                };
                // a provincial standard it names exists, extending the national one
                if let Some(i) = cmd.iter().position(|w| *w == "--standard") {
                    let std = d.path().join(cmd[i + 1]);
                    std::fs::create_dir_all(&std).unwrap();
                    std::fs::write(
                        std.join("standard.yaml"),
                        "id: p\nname: p\nextends: national\n",
                    )
                    .unwrap();
                }
                let o = santong(lang)
                    .args(cmd)
                    .current_dir(d.path())
                    .output()
                    .unwrap();
                assert_eq!(o.status.code(), Some(0), "{ex}: {}", text(&o.stderr));
                if redirect.is_some() {
                    assert!(!o.stdout.is_empty(), "{ex}");
                }
            }
        }
    }
}

/// What the main commands print on the bundled examples, under a zh
/// locale: no English sentence on any line, on stdout or stderr.
#[test]
fn the_main_commands_speak_chinese_under_a_zh_locale() {
    let d = tempfile::tempdir().unwrap();
    let out = |name: &str| d.path().join(name).display().to_string();
    let examples = [
        "docs/examples/钦南区-实施清单.xlsx",
        CSV,
        "docs/examples/灵山县-实施清单-GBK.csv",
    ];
    let mut runs: Vec<Vec<String>> = Vec::new();
    let with = |head: &[&str], tail: &[String]| -> Vec<String> {
        head.iter()
            .map(|s| s.to_string())
            .chain(examples.iter().map(|s| s.to_string()))
            .chain(tail.iter().cloned())
            .collect()
    };
    runs.push(with(&["check", "--no-config", "--basic", "sample"], &[]));
    runs.push(with(
        &["check", "--no-config", "-v", "--format", "summary"],
        &[],
    ));
    runs.push(with(&["diff", "--basic", "sample"], &[]));
    runs.push(with(&["score", "--basic", "sample"], &[]));
    runs.push(with(&["guide"], &["--out".into(), out("guide")]));
    runs.push(with(&["form", "--all"], &["--out".into(), out("forms")]));
    runs.push(with(
        &["export", "--findings"],
        &["--output".into(), out("e.db")],
    ));
    runs.push(vec!["template".into(), "--out".into(), out("t.xlsx")]);
    runs.push(vec!["rules".into()]);
    runs.push(vec!["explain".into(), "promise-exceeds-statutory".into()]);
    runs.push(vec!["man".into()]);
    for args in &runs {
        let o = santong("zh_CN.UTF-8").args(args).output().unwrap();
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            text(&o.stderr)
        );
        let all = text(&o.stdout) + &text(&o.stderr);
        assert!(has_cjk(&all), "{args:?}");
        for l in all.lines() {
            assert!(english_words(l).is_empty(), "{args:?}: English in: {l}");
        }
    }
}

/// On a terminal (util-linux `script` makes one), diff and check show
/// their progress; piped, or with -q, they do not. The one-second wait
/// is shortened so a short run shows it.
#[test]
fn progress_on_a_terminal_only() {
    if !has_script() {
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("santong");
    let cwd = std::env::current_dir().unwrap();
    let lists = format!("{} {} docs/examples/灵山县-实施清单-GBK.csv", XLSX, CSV);
    let out_dir = tempfile::tempdir().unwrap();
    for (cmd, shown) in [
        (
            format!("diff {lists} --format json --output /dev/null"),
            "lists read",
        ),
        // score reads each list once, checking it as it builds the region
        (
            format!("score {lists} --format json --output /dev/null"),
            "rows checked",
        ),
        (
            format!("check {lists} --no-config --format json --output /dev/null"),
            "rows checked",
        ),
        // the phases after reading: comparing, checking and scoring, writing
        (
            format!("diff {lists} --format json --output /dev/null"),
            "comparing the lists of 3 regions",
        ),
        (
            format!("score {lists} --format json --output /dev/null"),
            "scoring",
        ),
        (
            format!(
                "export {lists} --format jsonl --force --output {}",
                out_dir.path().join("x").display()
            ),
            "writing the tables",
        ),
    ] {
        let line = format!("{} --lang en {cmd}", bin.display());
        let on_terminal = std::process::Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .current_dir(&cwd)
            .env("SANTONG_PROGRESS_AFTER_MS", "0")
            .output()
            .unwrap();
        let seen = text(&on_terminal.stdout);
        assert!(seen.contains(shown), "{cmd}: {seen}");
        let piped = santong("C")
            .args(cmd.split(' '))
            .env("SANTONG_PROGRESS_AFTER_MS", "0")
            .output()
            .unwrap();
        assert!(
            !text(&piped.stderr).contains(shown),
            "{cmd}: {}",
            text(&piped.stderr)
        );
        let quiet = std::process::Command::new("script")
            .args(["-qec", &format!("{line} -q"), "/dev/null"])
            .current_dir(&cwd)
            .env("SANTONG_PROGRESS_AFTER_MS", "0")
            .output()
            .unwrap();
        assert!(!text(&quiet.stdout).contains(shown), "{cmd} -q");
    }
    // a CSV's rows are estimated from its size: a count towards a total
    let line = format!(
        "{} --lang en check {CSV} --no-config --format json --output /dev/null",
        bin.display()
    );
    let seen = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(&cwd)
        .env("SANTONG_PROGRESS_AFTER_MS", "0")
        .output()
        .unwrap();
    let seen = text(&seen.stdout);
    let counted = seen
        .split(" items and material rows checked")
        .any(|before| {
            let tail: String = before
                .chars()
                .rev()
                .take_while(|c| !c.is_whitespace())
                .collect();
            let tail: String = tail.chars().rev().collect();
            tail.split_once('/').is_some_and(|(a, b)| {
                !a.is_empty()
                    && a.chars().all(|c| c.is_ascii_digit())
                    && !b.is_empty()
                    && b.chars().all(|c| c.is_ascii_digit())
            })
        });
    assert!(counted, "no N/M count: {seen}");
}

#[test]
fn a_bare_santong_shows_the_help_in_either_language() {
    let zh = santong("zh_CN.UTF-8").output().unwrap();
    let en = santong("C").output().unwrap();
    assert_eq!(zh.status.code(), en.status.code());
    let zh = text(&zh.stderr);
    assert!(
        zh.contains("用法") && zh.contains("check") && !zh.contains("参数有误"),
        "{zh}"
    );
    assert!(text(&en.stderr).contains("Usage"));
    // near miss: a wrong argument is still an error in Chinese
    let bad = santong("zh_CN.UTF-8")
        .arg("--no-such-flag")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).starts_with("错误"),
        "{}",
        text(&bad.stderr)
    );
}

/// What a clerk could misread is said once: rules left out for want of a
/// basic catalogue, a list given as the catalogue, a run that read no file,
/// a comparison of one region.
#[test]
fn runs_that_could_mislead_say_what_they_did() {
    let dir = tempfile::tempdir().unwrap();
    // without --basic: one note naming the rules that did not run
    let out = santong("zh_CN.UTF-8")
        .args(["check", CSV])
        .output()
        .unwrap();
    let err = text(&out.stderr);
    let notes: Vec<&str> = err.lines().filter(|l| l.contains("--basic")).collect();
    assert_eq!(notes.len(), 1, "{err}");
    assert!(
        notes[0].contains("未给出基本目录") && notes[0].contains("name-mismatch"),
        "{err}"
    );
    let out = santong("zh_CN.UTF-8")
        .args(["check", "--basic", "sample", CSV])
        .output()
        .unwrap();
    assert!(
        !text(&out.stderr).contains("未给出基本目录"),
        "{}",
        text(&out.stderr)
    );
    // a list given as the catalogue
    let out = santong("zh_CN.UTF-8")
        .args(["check", "--basic", CSV, XLSX])
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert_eq!(err.matches("像是实施清单").count(), 1, "{err}");
    let catalogue = dir.path().join("基本目录.csv");
    std::fs::write(
        &catalogue,
        "基本编码,事项名称,事项类型\n000111001000,食品经营许可,行政许可\n000111002000,公共场所卫生许可,行政许可\n",
    )
    .unwrap();
    let out = santong("zh_CN.UTF-8")
        .args(["check", "--basic"])
        .arg(&catalogue)
        .arg(CSV)
        .output()
        .unwrap();
    assert!(
        !text(&out.stderr).contains("像是实施清单"),
        "{}",
        text(&out.stderr)
    );
    // nothing read: the last line says so, never a zero summary
    let out = santong("zh_CN.UTF-8")
        .args(["check", "没有这个文件.xlsx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let report = text(&out.stdout);
    assert!(
        report
            .trim_end()
            .ends_with("没有检查任何文件：唯一的文件无法读取"),
        "{report}"
    );
    assert!(!report.contains("0 个事项"), "{report}");
    let out = santong("C").args(["check", CSV]).output().unwrap();
    assert!(
        text(&out.stdout).trim_end().ends_with("0 notes"),
        "{}",
        text(&out.stdout)
    );
    // one region compared with nothing: refused in one line
    let out = santong("zh_CN.UTF-8").args(["diff", CSV]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("两个或更多地区"), "{err}");
}

/// A workbook to `-` on a terminal is refused in one line; piped, it flows.
#[test]
fn a_binary_format_is_not_written_to_a_terminal() {
    if !has_script() {
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("santong");
    for cmd in [
        format!("diff {XLSX} {CSV} --format xlsx --output -"),
        "template --out -".to_string(),
    ] {
        let line = format!("{} --lang zh {cmd}", bin.display());
        let on_terminal = std::process::Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .output()
            .unwrap();
        let seen = text(&on_terminal.stdout);
        assert!(seen.contains("不把二进制文件写到终端"), "{cmd}: {seen}");
        assert!(!seen.contains("PK"), "{cmd}: bytes reached the terminal");
        let piped = santong("C").args(cmd.split(' ')).output().unwrap();
        assert_eq!(
            piped.status.code(),
            Some(0),
            "{cmd}: {}",
            text(&piped.stderr)
        );
        assert!(
            piped.stdout.starts_with(b"PK"),
            "{cmd}: the workbook flows down a pipe"
        );
    }
}

/// Whether script(1) is here to give a command a terminal.
fn has_script() -> bool {
    let yes = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !yes {
        eprintln!("no script(1): terminal test skipped");
    }
    yes
}

/// The man page under zh renders as written: no stretched lines, a NAME
/// line whatis can read, and no references to pages that do not exist.
#[test]
fn the_chinese_man_page_renders_without_stretched_lines() {
    let man = santong("zh_CN.UTF-8").arg("man").output().unwrap();
    assert_eq!(man.status.code(), Some(0));
    let page = text(&man.stdout);
    assert!(page.contains(".ad l"), "justified");
    assert!(!page.contains("(1)"), "a reference to another page");
    let name = page
        .split(".SH 名称\n")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap();
    assert!(
        name.starts_with("santong \\- ") && name.chars().count() < 40,
        "{name}"
    );
    assert!(
        page.contains("\\fBsantong check\\fR"),
        "subcommands named in the page"
    );
    // rendered, where groff is here
    let Ok(mut groff) = std::process::Command::new("sh")
        .args(["-c", "preconv -e utf-8 | groff -Tutf8 -man -rLL=80n"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
    else {
        return;
    };
    use std::io::Write as _;
    groff
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = groff.wait_with_output().unwrap();
    let shown = text(&out.stdout);
    if !out.status.success() || shown.trim().is_empty() {
        eprintln!("no groff: rendering not checked");
        return;
    }
    let lines: Vec<&str> = shown.lines().collect();
    for l in &lines[1..lines.len().saturating_sub(1)] {
        assert!(!l.trim().contains("    "), "a stretched line: {l:?}");
    }
}

/// On a terminal the human report fits its width; piped, a message stays
/// on one line; `-v` shows a header's line break as ⏎.
#[test]
fn the_human_report_fits_the_terminal_and_verbose_shows_line_breaks() {
    if !has_script() {
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("santong");
    let line = format!(
        "stty rows 40 cols 72; {} --lang zh check --color never {XLSX}",
        bin.display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .output()
        .unwrap();
    let seen = text(&out.stdout).replace('\r', "");
    assert!(seen.contains("修改建议"), "{seen}");
    for l in seen.lines() {
        let w = unicode_width::UnicodeWidthStr::width(l);
        assert!(w <= 72, "{w} columns: {l}");
    }
    // near miss: piped, the report keeps a message on one line
    let piped = santong("zh_CN.UTF-8")
        .args(["check", XLSX])
        .output()
        .unwrap();
    assert!(text(&piped.stdout)
        .lines()
        .any(|l| unicode_width::UnicodeWidthStr::width(l) > 72));
    // a header cell with a line break, as -v reports it
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.csv");
    let csv = std::fs::read_to_string(CSV)
        .unwrap()
        .replacen("事项名称", "\"事项\n名称\"", 1);
    std::fs::write(&list, csv).unwrap();
    let out = santong("zh_CN.UTF-8")
        .args(["check", "-v"])
        .arg(&list)
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(err.contains("事项⏎名称 → 事项名称"), "{err}");
    assert!(
        !err.lines().any(|l| l.trim_start().starts_with("名称 →")),
        "{err}"
    );
}

/// The README's Chinese section takes a clerk from nothing to an annotated
/// workbook: its first command, run on a bundled example, writes the
/// workbook it names, with the 检查结果 sheet first.
#[test]
fn the_readme_chinese_section_leads_to_an_annotated_workbook() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let zh = readme.split("\n---\n").next().unwrap();
    assert!(
        zh.contains("## 给同事的说明（中文）"),
        "the README begins in Chinese"
    );
    assert!(
        !zh.contains("cargo run"),
        "the clerk's section needs no cargo run"
    );
    let command = zh
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.lines().next())
        .unwrap()
        .to_string();
    assert!(
        command.starts_with("santong check ") && command.contains("--annotate"),
        "{command}"
    );
    let dir = tempfile::tempdir().unwrap();
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let list = args.iter().find(|a| a.ends_with("清单.xlsx")).unwrap();
    let out_name = args[args.iter().position(|a| *a == "--annotate").unwrap() + 1];
    std::fs::copy(XLSX, dir.path().join(list)).unwrap();
    let out = santong("zh_CN.UTF-8")
        .current_dir(dir.path())
        .args(&args)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        text(&out.stderr)
    );
    let report = text(&out.stdout);
    assert!(
        report.contains("修改建议") && report.contains("个错误"),
        "{report}"
    );
    let wb = dir.path().join(out_name);
    let names = calamine::Reader::sheet_names(&calamine::open_workbook_auto(&wb).unwrap());
    assert_eq!(names[0], "检查结果", "{names:?}");
    assert!(std::path::Path::new("docs/使用说明.md").is_file());
}
