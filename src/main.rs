//! The santong command line: argument parsing, exit codes, choosing a
//! renderer. Everything else lives in the library.

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use santong::check::{check_file, BasicCatalogue, CheckOptions};
use santong::codes::AreaList;
use santong::diff::Baseline;
use santong::i18n::Lang;
use santong::report::{self, CheckRun, FileOutcome};
use santong::standard::Standard;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "santong",
    version,
    about = "三同: check government service-item catalogues against the national standard (同一事项、同一标准、同一编码)"
)]
struct Cli {
    /// Output language (default: Chinese when LANG starts with zh, else English)
    #[arg(long, global = true, value_name = "zh|en")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Html,
    Sarif,
    Github,
    Junit,
}

use santong::config::FailOn;

#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    Catalogue,
    Standard,
    Config,
    TableSchema,
}

#[derive(Clone, Copy, ValueEnum)]
enum GuideFormatArg {
    Html,
    Md,
    Docx,
}

/// Formats of the regional reports.
#[derive(Clone, Copy, ValueEnum)]
enum RegionFormat {
    Human,
    Json,
    Html,
    Xlsx,
}

#[derive(Subcommand)]
enum Command {
    /// Check implementation lists (xlsx, xls, csv, yaml) against the standard
    Check {
        /// Catalogue files to check; a directory means every catalogue file below it.
        /// None: the files of the nearest santong.yaml
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
    },
    /// Compare the same basic items across regions' lists
    Diff {
        #[command(flatten)]
        args: RegionArgs,
        /// Exit 1 when any difference exists (for CI gates)
        #[arg(long)]
        fail_if_diff: bool,
    },
    /// Score each region: coverage, guide accuracy, online maturity, channels, compression, standardisation
    Score {
        #[command(flatten)]
        args: RegionArgs,
    },
    /// Write a blank implementation-list workbook built from the standard
    Template {
        #[arg(long, value_name = "DIR")]
        standard: Option<PathBuf>,
        /// The workbook to write (.xlsx)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write a service guide (办事指南) per item: a static HTML site, Markdown, or Word documents
    Guide {
        /// The implementation list(s) to generate from (xlsx, xls, csv, yaml)
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Only these items (implementation, handling or basic codes)
        #[arg(long = "item", value_name = "CODE", num_args = 1..)]
        items: Vec<String>,
        #[arg(long, value_enum, default_value = "html")]
        format: GuideFormatArg,
        /// Directory to write into (created if missing); nothing is written outside it
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Directory of templates overriding the embedded ones (same file names)
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        #[arg(long, value_name = "DIR")]
        standard: Option<PathBuf>,
        #[arg(long)]
        encoding: Option<String>,
    },
    /// Write the application form (申请表) of items as xlsx
    Form {
        /// The implementation list(s) the items are in
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The items (implementation, handling or basic codes)
        #[arg(long = "item", value_name = "CODE", num_args = 1.., required = true)]
        items: Vec<String>,
        /// Directory to write into (created if missing)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[arg(long, value_name = "DIR")]
        standard: Option<PathBuf>,
        #[arg(long)]
        encoding: Option<String>,
    },
    /// Set up a catalogue repository: santong.yaml, a GitHub Actions workflow and a pre-commit hook
    Init {
        /// The repository (default: the working directory)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Overwrite files that exist
        #[arg(long)]
        force: bool,
    },
    /// Print a JSON Schema: catalogue (YAML items), standard (its files), config (santong.yaml), table-schema (Frictionless)
    Schema {
        #[arg(value_enum)]
        kind: SchemaKind,
        /// Standard directory for catalogue and table-schema (default: national)
        #[arg(long, value_name = "DIR")]
        standard: Option<PathBuf>,
    },
    /// Explain a rule: what it checks, its message and fix, a good and a bad example
    Explain {
        rule: String,
        #[arg(long, value_name = "DIR")]
        standard: Option<PathBuf>,
    },
    /// List the rules of the standard
    Rules {
        #[arg(long, value_name = "DIR")]
        standard: Option<PathBuf>,
    },
}

/// Arguments shared by `diff` and `score`.
#[derive(clap::Args)]
struct RegionArgs {
    /// One list per region (xlsx, xls, csv, yaml)
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Region names, in the order of the files (default: the list's 所属地区 column, else the file name)
    #[arg(long = "name", value_name = "NAME")]
    names: Vec<String>,
    /// Basic catalogue (xlsx, csv or yaml); `sample` uses the bundled sample
    #[arg(long, value_name = "FILE")]
    basic: Option<PathBuf>,
    /// What regions are compared against: basic, majority, or one region (its file or name)
    #[arg(long, value_name = "basic|majority|FILE")]
    baseline: Option<String>,
    #[arg(long, value_name = "DIR")]
    standard: Option<PathBuf>,
    #[arg(long)]
    encoding: Option<String>,
    #[arg(long, value_enum, default_value = "human")]
    format: RegionFormat,
    #[arg(long, value_name = "PATH")]
    output: Option<PathBuf>,
}

/// What `diff` and `score` both need: the standard, the catalogue, the
/// regions and the comparison.
struct Regional {
    std: Standard,
    basic: Option<BasicCatalogue>,
    regions: Vec<santong::diff::Region>,
    baseline: Baseline,
    read: santong::catalogue::ReadOptions,
}

impl Regional {
    fn load(a: &RegionArgs) -> anyhow::Result<Regional> {
        let std = load_standard(a.standard.as_deref())?;
        let read = santong::catalogue::ReadOptions {
            encoding: a.encoding.clone(),
        };
        let basic = load_basic(a.basic.as_deref(), &std, &read)?;
        refuse_overwrite(&a.files, a.output.as_deref())?;
        let regions = load_regions(&a.files, &a.names, &std, &read)?;
        let baseline = pick_baseline(a.baseline.as_deref(), &a.files, &regions, basic.is_some())?;
        Ok(Regional {
            std,
            basic,
            regions,
            baseline,
            read,
        })
    }

    fn compare(&self) -> santong::diff::Comparison {
        santong::diff::compare(
            &self.std,
            &self.regions,
            self.basic.as_ref(),
            &self.baseline,
        )
    }
}

/// Write a text report, or a workbook.
fn emit_report(
    format: RegionFormat,
    output: Option<&Path>,
    text: impl FnOnce() -> anyhow::Result<String>,
    xlsx: impl FnOnce() -> Result<Vec<u8>, String>,
) -> anyhow::Result<()> {
    match format {
        RegionFormat::Xlsx => emit_xlsx(output, xlsx()),
        _ => emit(output, &text()?),
    }
}

fn load_standard(dir: Option<&Path>) -> anyhow::Result<Standard> {
    Ok(match dir {
        Some(d) => Standard::from_dir(d)?,
        None => Standard::national()?,
    })
}

fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    santong::output::write_atomic(path, bytes).map_err(anyhow::Error::msg)
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    let lang = match &cli.lang {
        Some(l) => {
            Lang::parse(l).with_context(|| format!("unknown language `{l}` (use zh or en)"))?
        }
        None => Lang::from_env(),
    };
    match cli.command {
        Command::Rules { standard } => {
            let std = load_standard(standard.as_deref())?;
            let mut out = String::new();
            for r in &std.rules {
                let el = r.elements.join(",");
                out.push_str(&format!(
                    "{:<30} {:<8} {:<24} {}\n",
                    r.id,
                    r.severity.as_str(),
                    if el.is_empty() { "-".to_string() } else { el },
                    lang.msg(&r.title)
                ));
            }
            print!("{out}");
            Ok(0)
        }
        Command::Diff { args, fail_if_diff } => {
            let r = Regional::load(&args)?;
            let cmp = r.compare();
            emit_report(
                args.format,
                args.output.as_deref(),
                || {
                    Ok(match args.format {
                        RegionFormat::Json => report::diff_json(&cmp),
                        RegionFormat::Html => {
                            report::diff_html(&cmp, lang).map_err(anyhow::Error::msg)?
                        }
                        _ => report::diff_human(&cmp, lang),
                    })
                },
                || report::diff_xlsx(&cmp, lang),
            )?;
            Ok(if fail_if_diff && !cmp.differences.is_empty() {
                1
            } else {
                0
            })
        }
        Command::Score { args } => {
            let r = Regional::load(&args)?;
            let cmp = r.compare();
            let opts = CheckOptions {
                basic: r.basic.as_ref(),
                areas: None,
                read: r.read.clone(),
            };
            let checks: Vec<_> = args
                .files
                .iter()
                .map(|f| check_file(f, &r.std, &opts).ok())
                .collect();
            let scores = santong::score::score(&r.std, &r.regions, &checks, &cmp, r.basic.as_ref());
            let baseline = r.baseline.describe();
            emit_report(
                args.format,
                args.output.as_deref(),
                || {
                    Ok(match args.format {
                        RegionFormat::Json => report::score_json(&scores, &baseline),
                        RegionFormat::Html => report::score_html(&scores, &baseline, lang)
                            .map_err(anyhow::Error::msg)?,
                        _ => report::score_human(&scores, lang),
                    })
                },
                || report::score_xlsx(&scores, lang),
            )?;
            Ok(0)
        }
        Command::Template { standard, out } => {
            let std = load_standard(standard.as_deref())?;
            let bytes = santong::generate::template::blank_template(&std, lang)
                .map_err(anyhow::Error::msg)?;
            write_atomic(&out, &bytes)?;
            Ok(0)
        }
        Command::Guide {
            files,
            items,
            format,
            out,
            templates,
            standard,
            encoding,
        } => {
            use santong::generate::site::{write_guides, GuideFormat};
            let std = load_standard(standard.as_deref())?;
            let templates = santong::report::templates::Templates::load(templates.as_deref())
                .map_err(anyhow::Error::msg)?;
            let read = santong::catalogue::ReadOptions { encoding };
            let catalogues = load_catalogues(&files, &std, &read)?;
            let selected = santong::generate::guide::select(&std, &catalogues, &items)
                .map_err(anyhow::Error::msg)?;
            let sources: Vec<String> = catalogues
                .iter()
                .filter_map(|c| c.path.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect();
            let out = out_dir(&out, &catalogues)?;
            let format = match format {
                GuideFormatArg::Html => GuideFormat::Html,
                GuideFormatArg::Md => GuideFormat::Md,
                GuideFormatArg::Docx => GuideFormat::Docx,
            };
            let written = write_guides(&std, &selected, format, &out, &templates, &sources)
                .map_err(anyhow::Error::msg)?;
            eprintln!(
                "{}",
                lang.pick(
                    &format!(
                        "已写入 {} 个文件（{} 个事项）到 {}",
                        written.len(),
                        selected.len(),
                        out.root().display()
                    ),
                    &format!(
                        "wrote {} files ({} items) to {}",
                        written.len(),
                        selected.len(),
                        out.root().display()
                    ),
                )
            );
            Ok(0)
        }
        Command::Form {
            files,
            items,
            out,
            standard,
            encoding,
        } => {
            let std = load_standard(standard.as_deref())?;
            let read = santong::catalogue::ReadOptions { encoding };
            let catalogues = load_catalogues(&files, &std, &read)?;
            let guides = santong::generate::guide::build(&std, &catalogues, &items)
                .map_err(anyhow::Error::msg)?;
            let out = out_dir(&out, &catalogues)?;
            for g in &guides {
                let bytes =
                    santong::generate::form::application_form(g).map_err(anyhow::Error::msg)?;
                let path = out
                    .write(&format!("{}.xlsx", g.summary.file), &bytes)
                    .map_err(anyhow::Error::msg)?;
                eprintln!("{}", path.display());
            }
            Ok(0)
        }
        Command::Schema { kind, standard } => {
            use santong::schema;
            let v = match kind {
                SchemaKind::Standard => schema::standard_schema(),
                SchemaKind::Config => schema::config_schema(),
                SchemaKind::Catalogue => {
                    schema::catalogue_schema(&load_standard(standard.as_deref())?)
                }
                SchemaKind::TableSchema => {
                    schema::table_schema(&load_standard(standard.as_deref())?)
                }
            };
            print!("{}", schema::to_text(&v));
            Ok(0)
        }
        Command::Explain { rule, standard } => {
            let std = load_standard(standard.as_deref())?;
            print!(
                "{}",
                report::explain(&std, &rule).map_err(anyhow::Error::msg)?
            );
            Ok(0)
        }
        Command::Init { dir, force } => {
            for (rel, _) in santong::config::INIT_FILES {
                let path = dir.join(rel);
                if path.exists() && !force {
                    anyhow::bail!("{} exists; pass --force to overwrite it", path.display());
                }
            }
            for (rel, text) in santong::config::INIT_FILES {
                let path = dir.join(rel);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)
                        .with_context(|| format!("cannot create {}", parent.display()))?;
                }
                write_atomic(&path, text.as_bytes())?;
                eprintln!("{} {}", lang.pick("已写入", "wrote"), path.display());
            }
            Ok(0)
        }
        Command::Check {
            files,
            config,
            no_config,
            basic,
            standard,
            areas,
            encoding,
            format,
            output,
            fail_on,
            annotate,
        } => {
            let config = match (&config, no_config) {
                (Some(p), _) => Some(santong::config::Loaded::load(p).map_err(anyhow::Error::msg)?),
                (None, true) => None,
                (None, false) => match santong::config::find(&std::env::current_dir()?) {
                    Some(p) => Some(
                        santong::config::Loaded::load(&relative_to_cwd(&p))
                            .map_err(anyhow::Error::msg)?,
                    ),
                    None => None,
                },
            };
            let cfg = config.as_ref().map(|c| &c.config);
            let from_config = |v: Option<&String>| -> Option<PathBuf> {
                let c = config.as_ref()?;
                v.map(|s| c.resolve(s))
            };
            let mut std = match (&standard, cfg.and_then(|c| c.standard.as_deref())) {
                (Some(d), _) => load_standard(Some(d))?,
                (None, None | Some("national")) => load_standard(None)?,
                (None, Some(d)) => {
                    load_standard(Some(&from_config(Some(&d.to_string())).unwrap_or_default()))?
                }
            };
            if let Some(c) = &config {
                c.apply(&mut std).map_err(anyhow::Error::msg)?;
            }
            let files = if files.is_empty() {
                match &config {
                    Some(c) => {
                        let found = c.files().map_err(anyhow::Error::msg)?;
                        if found.is_empty() {
                            // a new repository: nothing to check yet is not a failure
                            eprintln!(
                                "{}",
                                match lang {
                                    Lang::Zh => format!(
                                        "{} 的 files（{}）没有匹配到文件，无可检查",
                                        c.path.display(),
                                        c.config.files.join("、")
                                    ),
                                    Lang::En => format!(
                                        "{}: files ({}) match no file; nothing to check",
                                        c.path.display(),
                                        c.config.files.join(", ")
                                    ),
                                }
                            );
                        }
                        found
                    }
                    None => anyhow::bail!(
                        "no files given and no {} found here or above (write one with `santong init`)",
                        santong::config::FILE_NAME
                    ),
                }
            } else {
                let found = santong::catalogue::expand_inputs(&files);
                if found.is_empty() {
                    anyhow::bail!(
                        "no catalogue files (.xlsx, .xls, .csv, .yaml) in the given directories"
                    );
                }
                found
            };
            let files: Vec<PathBuf> = files.into_iter().map(|f| relative_to_cwd(&f)).collect();
            let encoding = encoding.or_else(|| cfg.and_then(|c| c.encoding.clone()));
            let read = santong::catalogue::ReadOptions { encoding };
            let basic = basic.or_else(|| match cfg.and_then(|c| c.basic.as_deref()) {
                Some("sample") => Some(PathBuf::from("sample")),
                other => from_config(other.map(str::to_string).as_ref()),
            });
            let basic = load_basic(basic.as_deref(), &std, &read)?;
            let areas = areas.or_else(|| from_config(cfg.and_then(|c| c.areas.as_ref())));
            let areas = match &areas {
                Some(p) => Some(AreaList::from_csv_text(
                    &std::fs::read_to_string(p)
                        .with_context(|| format!("cannot read {}", p.display()))?,
                )),
                None => None,
            };
            let fail_on = fail_on
                .or_else(|| cfg.and_then(|c| c.fail_on))
                .unwrap_or(FailOn::Error);
            refuse_overwrite(&files, output.as_deref())?;
            refuse_overwrite(&files, annotate.as_deref())?;
            if annotate.is_some() && files.len() != 1 {
                anyhow::bail!(
                    "--annotate copies one workbook; {} files were given",
                    files.len()
                );
            }
            let opts = CheckOptions {
                basic: basic.as_ref(),
                areas: areas.as_ref(),
                read,
            };
            let mut runr = CheckRun::default();
            let mut ignored = 0usize;
            for f in &files {
                runr.files.push(match check_file(f, &std, &opts) {
                    Ok(mut r) => {
                        if let Some(c) = &config {
                            let before = r.findings.len();
                            r.findings.retain(|x| !c.ignores(x));
                            ignored += before - r.findings.len();
                        }
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
            let text = match format {
                Format::Human => {
                    use std::io::IsTerminal;
                    let color = output.is_none()
                        && std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
                    report::render_human(&runr, &std, lang, color)
                }
                Format::Json => report::render_json(&runr, &std, lang),
                Format::Html => {
                    report::render_check_html(&runr, &std, lang).map_err(anyhow::Error::msg)?
                }
                Format::Sarif => report::render_sarif(&runr, &std, lang),
                Format::Github => report::render_github(&runr, &std, lang),
                Format::Junit => report::render_junit(&runr, &std, lang, fail_on.severity()),
            };
            if let (Some(c), true) = (&config, ignored > 0) {
                eprintln!(
                    "{}",
                    match lang {
                        Lang::Zh =>
                            format!("{} 的 ignore 忽略了 {ignored} 条问题", c.path.display()),
                        Lang::En => format!("{ignored} finding(s) ignored by {}", c.path.display()),
                    }
                );
            }
            if let (Some(out), Some(FileOutcome::Checked(r))) = (&annotate, runr.files.first()) {
                let grids =
                    santong::catalogue::grid::read_grids(&files[0], opts.read.encoding.as_deref())
                        .map_err(|e| anyhow::anyhow!("{}: {}", e.path, e.message))?;
                let bytes = report::annotated_workbook(&grids, r, &std, lang)
                    .map_err(anyhow::Error::msg)?;
                write_atomic(out, &bytes)?;
            }
            emit(output.as_deref(), &text)?;
            Ok(report::exit_code(&runr, fail_on.severity()))
        }
    }
}

/// The output directory of a generator, which never writes over its inputs.
fn out_dir(
    dir: &Path,
    catalogues: &[santong::catalogue::Catalogue],
) -> anyhow::Result<santong::output::OutDir> {
    let inputs: Vec<PathBuf> = catalogues.iter().map(|c| c.path.clone()).collect();
    Ok(santong::output::OutDir::create(dir)
        .map_err(anyhow::Error::msg)?
        .protect(&inputs))
}

/// Read catalogues whole (generation needs every item in memory).
fn load_catalogues(
    files: &[PathBuf],
    std: &Standard,
    read: &santong::catalogue::ReadOptions,
) -> anyhow::Result<Vec<santong::catalogue::Catalogue>> {
    let files = santong::catalogue::expand_inputs(files);
    if files.is_empty() {
        anyhow::bail!("no catalogue files (.xlsx, .xls, .csv, .yaml) in the given directories");
    }
    files
        .iter()
        .map(|f| {
            santong::catalogue::Catalogue::load(f, std, read)
                .map_err(|e| anyhow::anyhow!("{}: {}", e.path, e.message))
        })
        .collect()
}

fn load_regions(
    files: &[PathBuf],
    names: &[String],
    std: &Standard,
    read: &santong::catalogue::ReadOptions,
) -> anyhow::Result<Vec<santong::diff::Region>> {
    if !names.is_empty() && names.len() != files.len() {
        anyhow::bail!(
            "--name was given {} times for {} files",
            names.len(),
            files.len()
        );
    }
    let regions = santong::diff::load_regions(files, names, std, read)?;
    let mut seen = std::collections::HashSet::new();
    for r in &regions {
        if !seen.insert(r.name.clone()) {
            anyhow::bail!("two lists are both named `{}`; give each a --name", r.name);
        }
    }
    Ok(regions)
}

fn pick_baseline(
    baseline: Option<&str>,
    files: &[PathBuf],
    regions: &[santong::diff::Region],
    has_basic: bool,
) -> anyhow::Result<Baseline> {
    Ok(match baseline {
        None if has_basic => Baseline::Basic,
        None | Some("majority") => Baseline::Majority,
        Some("basic") if !has_basic => anyhow::bail!("--baseline basic needs --basic FILE"),
        Some("basic") => Baseline::Basic,
        Some(other) => {
            let by_file = files
                .iter()
                .position(|f| same_file(f, Path::new(other)) || f.as_os_str() == other)
                .map(|i| regions[i].name.clone());
            match by_file.or_else(|| {
                regions
                    .iter()
                    .find(|r| r.name == other)
                    .map(|r| r.name.clone())
            }) {
                Some(name) => Baseline::Region(name),
                None => anyhow::bail!(
                    "--baseline `{other}` is neither basic, majority, nor one of the lists"
                ),
            }
        }
    })
}

fn load_basic(
    path: Option<&Path>,
    std: &Standard,
    read: &santong::catalogue::ReadOptions,
) -> anyhow::Result<Option<BasicCatalogue>> {
    Ok(match path {
        Some(p) if p.as_os_str() == "sample" => Some(BasicCatalogue::sample(std)?),
        Some(p) => Some(BasicCatalogue::load(p, std, read).context("basic catalogue")?),
        None => None,
    })
}

fn refuse_overwrite(inputs: &[PathBuf], output: Option<&Path>) -> anyhow::Result<()> {
    if let Some(out) = output {
        if inputs.iter().any(|f| same_file(f, out)) {
            anyhow::bail!(
                "refusing to write the report over an input file: {}",
                out.display()
            );
        }
    }
    Ok(())
}

/// Write a report to the file asked for, or to standard output.
fn emit(output: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match output {
        Some(p) => write_atomic(p, text.as_bytes()),
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            Ok(())
        }
    }
}

/// Write a workbook; it needs --output.
fn emit_xlsx(output: Option<&Path>, bytes: Result<Vec<u8>, String>) -> anyhow::Result<()> {
    let Some(p) = output else {
        anyhow::bail!("--format xlsx needs --output FILE.xlsx");
    };
    write_atomic(p, &bytes.map_err(anyhow::Error::msg)?)
}

/// A path relative to the working directory when it lies below it, so
/// reports (and GitHub annotations) name repository paths.
fn relative_to_cwd(p: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else {
        return p.to_path_buf();
    };
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    };
    match abs.strip_prefix(&cwd) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
        _ => p.to_path_buf(),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("santong: {e:#}");
            ExitCode::from(2)
        }
    }
}
