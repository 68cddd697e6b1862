//! `santong check`: implementation lists against the standard.

use super::Exit;
use anyhow::Context;
use santong::check::{check_files, CheckOptions};
use santong::codes::AreaList;
use santong::config::{FailOn, Loaded};
use santong::i18n::{Lang, Note};
use santong::report::{self, CheckRun, FileOutcome, Format, RenderOptions};
use santong::settings::{Flags, Settings};
use santong::standard::Standard;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Catalogue files to check (help text from the readers registry)
    files: Vec<PathBuf>,
    /// Settings file (default: the nearest santong.yaml at or above the working directory)
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Do not read santong.yaml
    #[arg(long)]
    no_config: bool,
    /// Basic catalogue (xlsx, csv or yaml) for the same-item/same-code rules; `sample` uses the bundled sample
    #[arg(long, value_name = "FILE")]
    basic: Option<PathBuf>,
    /// Standard directory (default: the embedded national standard)
    #[arg(long, value_name = "DIR")]
    standard: Option<PathBuf>,
    /// Full division-code list (CSV) to check that area codes exist
    #[arg(long, value_name = "FILE")]
    areas: Option<PathBuf>,
    /// CSV encoding, overriding detection (e.g. gbk, utf-8)
    #[arg(long)]
    encoding: Option<String>,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Write the report to this file instead of standard output
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
    limits: super::LimitArgs,
}

/// The nearest santong.yaml, the one named, or none.
fn find_config(a: &Args) -> anyhow::Result<Option<Loaded>> {
    let path = match (&a.config, a.no_config) {
        (Some(p), _) => Some(p.clone()),
        (None, true) => None,
        (None, false) => {
            santong::config::find(&std::env::current_dir()?).map(|p| super::relative_to_cwd(&p))
        }
    };
    path.map(|p| Loaded::load(&p).map_err(anyhow::Error::msg))
        .transpose()
}

/// The files to check: those given (directories expanded), else the config's.
fn input_files(
    files: &[PathBuf],
    config: Option<&Loaded>,
    lang: Lang,
) -> anyhow::Result<Vec<PathBuf>> {
    let found = if !files.is_empty() {
        let found = santong::catalogue::expand_inputs(files);
        if found.is_empty() {
            anyhow::bail!(
                "no catalogue files ({}) in the given directories",
                santong::catalogue::read::extension_list()
            );
        }
        found
    } else if let Some(c) = config {
        let found = c.files().map_err(anyhow::Error::msg)?;
        if found.is_empty() {
            // a new repository: nothing to check yet is not a failure
            let config = c.path.display().to_string();
            let globs = &c.config.files;
            eprintln!(
                "{}",
                Note::NothingToCheck {
                    config: &config,
                    globs
                }
                .text(lang)
            );
        }
        found
    } else {
        anyhow::bail!(
            "no files given and no {} found here or above (write one with `santong init`)",
            santong::config::FILE_NAME
        )
    };
    Ok(found
        .into_iter()
        .map(|f| super::relative_to_cwd(&f))
        .collect())
}

fn load_areas(path: Option<&Path>) -> anyhow::Result<Option<AreaList>> {
    path.map(|p| {
        santong::output::note_read(p);
        let text =
            std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
        Ok(AreaList::from_csv_text(&text))
    })
    .transpose()
}

/// Check every file; a file that cannot be read is reported and the others
/// are still checked. Returns the run and how many findings were ignored.
fn check_all(files: &[PathBuf], std: &Standard, opts: &CheckOptions<'_>) -> (CheckRun, usize) {
    let mut run = CheckRun::default();
    let mut ignored = 0usize;
    for r in check_files(files, std, opts) {
        run.files.push(match r {
            Ok(r) => {
                ignored += r.ignored;
                FileOutcome::Checked(r)
            }
            Err(e) => {
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

pub fn run(a: Args, lang: Lang) -> anyhow::Result<Exit> {
    let config = find_config(&a)?;
    let settings = Settings::merge(
        Flags {
            standard: a.standard.clone(),
            basic: a.basic.clone(),
            areas: a.areas.clone(),
            encoding: a.encoding.clone(),
            fail_on: a.fail_on,
            limits: a.limits.layer(),
        },
        config.as_ref(),
    );
    let mut std = super::load_chosen_standard(&settings.standard)?;
    if let Some(c) = &config {
        c.apply(&mut std).map_err(anyhow::Error::msg)?;
    }
    let files = input_files(&a.files, config.as_ref(), lang)?;
    let read = santong::catalogue::ReadOptions {
        encoding: settings.encoding.clone(),
        limits: settings.limits,
    };
    let basic = super::load_basic(settings.basic.as_ref(), &std, &read)?;
    let areas = load_areas(settings.areas.as_deref())?;
    // every file read so far (catalogues come later) is protected by the
    // writer; these are refused before any work is done
    for out in [a.output.as_deref(), a.annotate.as_deref()]
        .into_iter()
        .flatten()
    {
        if santong::output::was_read(out) {
            anyhow::bail!("refusing to write over {}: this run read it", out.display());
        }
    }
    super::refuse_overwrite(&files, a.output.as_deref())?;
    super::refuse_overwrite(&files, a.annotate.as_deref())?;
    if let (Some(o), Some(n)) = (&a.output, &a.annotate) {
        if o == n || super::same_file(o, n) {
            anyhow::bail!(
                "--annotate and --output are both {}: give them different files",
                o.display()
            );
        }
    }
    if a.annotate.is_some() && files.len() != 1 {
        anyhow::bail!(
            "--annotate copies one workbook; {} files were given",
            files.len()
        );
    }
    let ignores = |f: &santong::check::Finding| config.as_ref().is_some_and(|c| c.ignores(f));
    let opts = CheckOptions {
        ignore: Some(santong::check::Ignore(&ignores)),
        basic: basic.as_ref(),
        areas: areas.as_ref(),
        read,
        every_row: a.every_row,
        threads: santong::check::threads(),
    };
    let (mut run, ignored) = check_all(&files, &std, &opts);
    // the basic catalogue is checked too: its own defects come first
    if let (Some(santong::settings::BasicChoice::File(p)), Some(b)) = (&settings.basic, &basic) {
        if let Some(r) = santong::check::basic_report(p, b, &std) {
            run.files.insert(0, FileOutcome::Checked(r));
        }
    }
    let fail_on = settings.fail_on.severity();
    let render = RenderOptions {
        color: a.format == Format::Human && a.output.is_none() && color_wanted(),
        fail_on,
    };
    let text = report::render(a.format, &run, &std, lang, &render).map_err(anyhow::Error::msg)?;
    if let (Some(c), true) = (&config, ignored > 0) {
        let config = c.path.display().to_string();
        let note = Note::Ignored {
            count: ignored,
            config: &config,
        };
        eprintln!("{}", note.text(lang));
    }
    if let (Some(out), Some(FileOutcome::Checked(r))) = (&a.annotate, run.files.first()) {
        let grids = santong::catalogue::grid::read_grids(&files[0], &opts.read)
            .map_err(|e| anyhow::anyhow!("{}: {}", e.path, e.message))?;
        let bytes =
            report::annotated_workbook(&grids, r, &std, lang).map_err(anyhow::Error::msg)?;
        super::write_atomic(out, &bytes)?;
    }
    super::emit(a.output.as_deref(), &text)?;
    Ok(report::exit_code(&run, fail_on) as Exit)
}

/// Colour on a terminal, unless NO_COLOR is set.
fn color_wanted() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
