//! `santong check`: implementation lists against the standard.

use super::Exit;
use anyhow::Context;
use santong::check::{check_files, CheckOptions};
use santong::codes::AreaList;
use santong::config::{FailOn, Loaded};
use santong::i18n::Note;
use santong::report::{self, CheckRun, FileOutcome, Format, RenderOptions};
use santong::settings::Flags;
use santong::standard::Standard;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Catalogue files to check (help text from the readers registry)
    files: Vec<PathBuf>,
    /// Basic catalogue (xlsx, csv or yaml) for the same-item/same-code rules; `sample` uses the bundled sample
    #[arg(long, value_name = "FILE")]
    basic: Option<PathBuf>,
    /// Full division-code list (CSV) to check that area codes exist
    #[arg(long, value_name = "FILE")]
    areas: Option<PathBuf>,
    /// Report format
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Write the report to this file instead of standard output (`-`: standard output)
    #[arg(long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Exit 1 when a finding is at or above this severity (default: error)
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Also write a copy of the (single) input workbook with the findings marked
    #[arg(long, value_name = "OUT.xlsx")]
    annotate: Option<PathBuf>,
    /// One finding per row, instead of one per cause and column (with the count and the rows)
    #[arg(long)]
    every_row: bool,
    #[command(flatten)]
    read: super::ReadArgs,
}

/// The files to check: those given (directories expanded, `-` standard
/// input), else the config's.
fn input_files(
    files: &[PathBuf],
    config: Option<&Loaded>,
    ui: &super::Ui,
) -> anyhow::Result<super::Gathered> {
    let lang = ui.lang;
    let found = if !files.is_empty() {
        let mut g = super::gather(files, ui)?;
        g.files = g.files.iter().map(|f| super::relative_to_cwd(f)).collect();
        if let Some((p, _)) = &mut g.stdin {
            *p = super::relative_to_cwd(p);
        }
        return Ok(g);
    } else if let Some(c) = config {
        let inputs = c.files().map_err(anyhow::Error::msg)?;
        super::note_skipped(&inputs.skipped, ui);
        let found = inputs.files;
        if found.is_empty() {
            // a new repository: nothing to check yet is not a failure
            let config = c.path.display().to_string();
            let globs = &c.config.files;
            ui.note(
                &Note::NothingToCheck {
                    config: &config,
                    globs,
                }
                .text(lang),
            );
        }
        found
    } else {
        anyhow::bail!(santong::tr!(
            "没有给出文件，当前目录及其上级也没有 {}（可用 `santong init` 生成）",
            "no files given and no {} found here or above (write one with `santong init`)",
            santong::config::FILE_NAME
        ))
    };
    Ok(super::Gathered {
        files: found
            .into_iter()
            .map(|f| super::relative_to_cwd(&f))
            .collect(),
        stdin: None,
    })
}

fn load_areas(path: Option<&Path>) -> anyhow::Result<Option<AreaList>> {
    path.map(|p| {
        santong::output::note_read(p);
        let text = std::fs::read_to_string(p)
            .with_context(|| santong::tr!("无法读取 {}", "cannot read {}", p.display()))?;
        Ok(AreaList::from_csv_text(&text))
    })
    .transpose()
}

/// Check every file; a file that cannot be read is said in one line on
/// stderr, kept in the report, and the others are still checked. Returns
/// the run and how many findings were ignored.
fn check_all(
    files: &super::Gathered,
    std: &Standard,
    opts: &CheckOptions<'_>,
) -> (CheckRun, usize) {
    let mut run = CheckRun::default();
    let mut ignored = 0usize;
    for r in check_files(&files.files, std, opts) {
        run.files.push(match r {
            Ok(mut r) => {
                ignored += r.ignored;
                if let Some(shown) = files.shown(&r.path) {
                    r.path = shown.to_string();
                    // and where each finding is
                    let mut renamed: Option<(std::sync::Arc<_>, std::sync::Arc<_>)> = None;
                    for f in &mut r.findings {
                        match &renamed {
                            Some((from, to)) if std::sync::Arc::ptr_eq(from, &f.source) => {
                                f.source = std::sync::Arc::clone(to);
                            }
                            _ => {
                                let mut s = (*f.source).clone();
                                s.path = shown.to_string();
                                let to = std::sync::Arc::new(s);
                                renamed = Some((f.source.clone(), to.clone()));
                                f.source = to;
                            }
                        }
                    }
                }
                FileOutcome::Checked(r)
            }
            Err(mut e) => {
                if let Some(shown) = files.shown(&e.path) {
                    e.path = shown.to_string();
                }
                eprintln!("santong: {e}");
                FileOutcome::Failed {
                    path: e.path,
                    message: e.message,
                }
            }
        });
    }
    (run, ignored)
}

/// `--verbose`: what a table is, where its header is and which columns
/// matched which elements.
/// `-v`: how every table's rows were read.
fn print_rows(ui: &super::Ui, run: &CheckRun) {
    if !ui.verbose {
        return;
    }
    for f in &run.files {
        if let FileOutcome::Checked(r) = f {
            for a in &r.rows {
                ui.detail(&describe_rows(&r.path, a));
            }
        }
    }
}

/// `-v`: how a table's rows were read, every one accounted for.
fn describe_rows(path: &str, a: &santong::catalogue::RowAccount) -> String {
    let place = match a.source.as_ref().and_then(|s| s.sheet.as_deref()) {
        Some(s) => format!("{path} [{s}]"),
        None => path.to_string(),
    };
    let reasons = [
        (a.blank, santong::tr!("空行", "blank")),
        (
            a.repeated_header,
            santong::tr!("重复的表头", "repeated header"),
        ),
        (
            a.notes,
            santong::tr!("注释或标记行", "notes and marker rows"),
        ),
        (a.headings, santong::tr!("分节标题", "section headings")),
        (
            a.unread,
            santong::tr!("只在未读取的列中有值", "values only in columns not read"),
        ),
        (
            a.superseded,
            santong::tr!("被新版本取代", "superseded versions"),
        ),
    ];
    let why: Vec<String> = reasons
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| santong::tr!("{} {}", "{1} {0}", w, n))
        .collect();
    let mut line = santong::tr!(
        "santong: {}：{} 行 = {} 个事项 + {} 个材料或收费行 + {} 行跳过",
        "santong: {}: {} rows = {} items + {} material or fee rows + {} skipped",
        place,
        a.rows,
        a.items,
        a.parts,
        a.skipped()
    );
    if !why.is_empty() {
        line.push_str(&santong::tr!(
            "（{}）",
            " ({})",
            why.join(if santong::locale::is_zh() {
                "，"
            } else {
                ", "
            })
        ));
    }
    if !a.guessed.is_empty() {
        let rows: Vec<String> = a.guessed.iter().map(|(r, _)| r.to_string()).collect();
        line.push_str(&santong::tr!(
            "；按重复的事项单元格并入上方事项的行：{}",
            "; rows folded into the item above by repeated item cells: {}",
            rows.join(", ")
        ));
    }
    line
}

/// A header cell on one line: its line breaks shown as ⏎.
fn one_line(s: &str) -> String {
    s.replace("\r\n", "⏎").replace(['\n', '\r'], "⏎")
}

fn describe_table(
    std: &Standard,
    t: &santong::catalogue::TableInfo,
    files: &super::Gathered,
    ui: &super::Ui,
) {
    let lang = ui.lang;
    let path = files.shown(&t.source.path).unwrap_or(&t.source.path);
    let place = match &t.source.sheet {
        Some(s) => format!("{path} [{s}]"),
        None => path.to_string(),
    };
    let rows: Vec<String> = t.header_rows.iter().map(u32::to_string).collect();
    let role = match t.role {
        santong::standard::Scope::Material => lang.pick("材料表", "materials table"),
        santong::standard::Scope::Fee => lang.pick("收费表", "fees table"),
        _ => lang.pick("事项表", "items table"),
    };
    ui.detail(&santong::tr!(
        "santong: {}：{}，表头在第 {} 行，对上 {} 列，未识别 {} 列",
        "santong: {}: {}, header on row {}, {} columns matched, {} not recognised",
        place,
        role,
        rows.join("+"),
        t.columns.len(),
        t.unknown.len()
    ));
    for (col, el, header) in &t.columns {
        let at = if t.by_line {
            String::new()
        } else {
            format!("{} ", santong::catalogue::column_letter(*col))
        };
        let e = &std.elements[*el];
        let name = lang.pick(&e.label, &e.id);
        ui.detail(&format!("    {at}{} → {name}", one_line(header)));
    }
    for (col, header) in &t.unknown {
        ui.detail(&santong::tr!(
            "    {} {} → （未识别）",
            "    {} {} → (not recognised)",
            santong::catalogue::column_letter(*col),
            one_line(header)
        ));
    }
}

/// What the basic catalogue changes, said once: the rules that did not run
/// for want of one, or a list given where the catalogue was meant.
fn note_basic(
    choice: Option<&santong::settings::BasicChoice>,
    basic: Option<&santong::catalogue::BasicCatalogue>,
    std: &Standard,
    ui: &super::Ui,
) {
    match (choice, basic) {
        (None, _) => {
            let rules = santong::rules::needing_the_catalogue(std);
            if !rules.is_empty() {
                ui.note(&Note::NoBasic { rules: &rules }.text(ui.lang));
            }
        }
        (Some(santong::settings::BasicChoice::File(p)), Some(b)) => {
            super::note_if_basic_is_a_list(p, b, ui);
        }
        _ => {}
    }
}

/// How many rows the files hold, estimated when every file is delimited
/// text: each file's size over the mean length of its first 64 KiB of
/// lines. Workbooks say nothing of their rows before they are read: none.
fn estimated_rows(files: &[PathBuf]) -> Option<u64> {
    let mut total = 0u64;
    for f in files {
        let ext = f
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if !matches!(ext.as_deref(), Some("csv" | "tsv" | "txt")) {
            return None;
        }
        let size = std::fs::metadata(f).ok()?.len();
        let mut head = vec![0u8; 64 * 1024];
        let n = std::io::Read::read(&mut std::fs::File::open(f).ok()?, &mut head).ok()?;
        let lines = head[..n].iter().filter(|b| **b == b'\n').count().max(1) as u64;
        total += size * lines / n.max(1) as u64;
    }
    (total > 0).then_some(total)
}

/// The annotated copy of the one workbook checked.
fn write_annotated(
    out: &Path,
    file: &Path,
    r: &santong::check::FileReport,
    std: &Standard,
    read: &santong::catalogue::ReadOptions,
    lang: santong::i18n::Lang,
) -> anyhow::Result<()> {
    let grids = santong::catalogue::grid::read_grids(file, read)
        .map_err(|e| anyhow::anyhow!("{}: {}", e.path, e.message))?;
    let bytes = report::annotated_workbook(&grids, r, std, lang).map_err(anyhow::Error::msg)?;
    super::write_atomic(out, &bytes)
}

/// The report and the annotated copy go to two different files, neither of
/// them anything this run reads.
fn refuse_outputs(
    files: &[PathBuf],
    output: Option<&Path>,
    annotate: Option<&Path>,
) -> anyhow::Result<()> {
    // every file read so far (catalogues come later) is protected by the
    // writer; these are refused before any work is done
    for out in [output, annotate].into_iter().flatten() {
        if santong::output::was_read(out) {
            anyhow::bail!(santong::tr!(
                "拒绝写到 {} 上：本次运行读取了它",
                "refusing to write over {}: this run read it",
                out.display()
            ));
        }
    }
    super::refuse_overwrite(files, output)?;
    super::refuse_overwrite(files, annotate)?;
    if let (Some(o), Some(n)) = (output, annotate) {
        if o == n || super::same_file(o, n) {
            anyhow::bail!(santong::tr!(
                "--annotate 和 --output 都是 {}：请给两个不同的文件",
                "--annotate and --output are both {}: give them different files",
                o.display()
            ));
        }
    }
    Ok(())
}

pub fn run(a: Args, ui: &super::Ui) -> anyhow::Result<Exit> {
    let lang = ui.lang;
    let settled = super::Settled::new(
        &a.read,
        Flags {
            basic: a.basic.clone(),
            areas: a.areas.clone(),
            fail_on: a.fail_on,
            ..Default::default()
        },
    )?;
    let read = settled.read();
    let super::Settled {
        config,
        settings,
        std,
    } = settled;
    let gathered = input_files(&a.files, config.as_ref(), ui)?;
    let files = &gathered.files;
    let output = super::output_arg(a.output.as_deref());
    let basic = super::load_basic(settings.basic.as_ref(), &std, &read)?;
    let areas = load_areas(settings.areas.as_deref())?;
    refuse_outputs(files, output, a.annotate.as_deref())?;
    if a.annotate.is_some() && files.len() != 1 {
        anyhow::bail!(santong::tr!(
            "--annotate 只复制一个工作簿，但给出了 {} 个文件",
            "--annotate copies one workbook; {} files were given",
            files.len()
        ));
    }
    let progress = super::progress::Progress::new(
        ui,
        estimated_rows(files),
        lang.pick("个事项和材料行已检查", "items and material rows checked"),
    );
    let advance = |n: u64| progress.inc(n);
    let describe = |t: &santong::catalogue::TableInfo| describe_table(&std, t, &gathered, ui);
    let ignores = |f: &santong::check::Finding| config.as_ref().is_some_and(|c| c.ignores(f));
    let opts = CheckOptions {
        ignore: Some(santong::check::Ignore(&ignores)),
        basic: basic.as_ref(),
        areas: areas.as_ref(),
        read,
        every_row: a.every_row,
        threads: santong::check::threads(),
        on_table: ui.verbose.then_some(santong::check::OnTable(&describe)),
        on_progress: Some(santong::check::OnProgress(&advance)),
    };
    let (mut run, ignored) = check_all(&gathered, &std, &opts);
    progress.finish();
    print_rows(ui, &run);
    // the basic catalogue is checked too: its own defects come first
    if let (Some(santong::settings::BasicChoice::File(p)), Some(b)) = (&settings.basic, &basic) {
        if let Some(r) = santong::check::basic_report(p, b, &std) {
            run.files.insert(0, FileOutcome::Checked(r));
        }
    }
    let fail_on = settings.fail_on.severity();
    let to_stdout = output.is_none();
    let render = RenderOptions {
        color: matches!(a.format, Format::Human | Format::Summary)
            && to_stdout
            && ui.color_stdout(),
        fail_on,
        quiet: ui.quiet,
        // a terminal shows stderr's line beside the report: once is enough
        failures_on_stderr: to_stdout && std::io::IsTerminal::is_terminal(&std::io::stdout()),
        width: to_stdout.then(super::terminal_width).flatten(),
    };
    let text = if ui.quiet && a.format == Format::Summary {
        // nothing but the exit code
        String::new()
    } else {
        report::render(a.format, &run, &std, lang, &render).map_err(anyhow::Error::msg)?
    };
    if let (Some(c), true) = (&config, ignored > 0) {
        let config = c.path.display().to_string();
        let note = Note::Ignored {
            count: ignored,
            config: &config,
        };
        ui.note(&note.text(lang));
    }
    if let (Some(out), Some(FileOutcome::Checked(r))) = (&a.annotate, run.files.first()) {
        write_annotated(out, &files[0], r, &std, &opts.read, lang)?;
    }
    super::emit(output, &text)?;
    // after the report, and only when some list was checked: with none, no rule ran anyway
    if run
        .files
        .iter()
        .any(|f| matches!(f, FileOutcome::Checked(_)))
    {
        note_basic(settings.basic.as_ref(), basic.as_ref(), &std, ui);
    }
    Ok(report::exit_code(&run, fail_on) as Exit)
}
