//! The subcommands, one file each: each has its `Args` (clap) and a
//! `run(args, lang) -> Result<ExitCode>`. They parse flags, call the
//! library and write what it returns; what is written and how is the
//! library's business. Shared here: loading the standard and catalogues,
//! and writing to a file or standard output.

pub mod check;
pub mod completions;
pub mod diff;
pub mod explain;
pub mod export;
pub mod form;
pub mod guide;
pub mod init;
pub mod locale;
pub mod profile;
pub mod progress;
pub mod regional;
pub mod rules;
pub mod schema;
pub mod score;
pub mod template;
#[cfg(test)]
mod tests;

use anyhow::Context;
use santong::catalogue::{BasicCatalogue, Catalogue, ReadOptions};
use santong::settings::{BasicChoice, StandardChoice};
use santong::standard::Standard;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// A run's exit status: 0 clean, 1 findings, 2 failure.
pub type Exit = u8;

/// `--color`: whether reports on standard output are coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorArg {
    /// On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it)
    Auto,
    Always,
    Never,
}

/// What every subcommand is told about the terminal and the user.
#[derive(Clone, Copy, Debug)]
pub struct Ui {
    pub lang: santong::i18n::Lang,
    /// Findings only: no notes, no progress.
    pub quiet: bool,
    /// Say what was read: sheets, header rows, columns matched.
    pub verbose: bool,
    pub color: ColorArg,
}

impl Ui {
    /// Whether to colour what goes to standard output.
    pub fn color_stdout(&self) -> bool {
        use std::io::IsTerminal;
        let set = |v: &str| std::env::var_os(v).is_some_and(|x| !x.is_empty() && x != "0");
        match self.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto if set("NO_COLOR") => false,
            ColorArg::Auto if set("CLICOLOR_FORCE") => true,
            ColorArg::Auto => std::io::stdout().is_terminal(),
        }
    }

    /// A note on standard error, unless --quiet.
    pub fn note(&self, text: &str) {
        if !self.quiet {
            // wrapped to a terminal's width, one line elsewhere
            match terminal_width_of(&console::Term::stderr()) {
                Some(w) if w >= 40 => {
                    for line in santong::report::wrap(text, w) {
                        eprintln!("{line}");
                    }
                }
                _ => eprintln!("{text}"),
            }
        }
    }

    /// A detail on standard error, with --verbose only.
    pub fn detail(&self, text: &str) {
        if self.verbose && !self.quiet {
            eprintln!("{text}");
        }
    }
}

pub fn load_standard(dir: Option<&Path>) -> anyhow::Result<Standard> {
    Ok(match dir {
        Some(d) => {
            let std = Standard::from_dir(d)?;
            // built-in rules' params are typed by the rules: a wrong one is
            // the standard's fault, said before any list is read
            santong::rules::build(&std).map_err(|e| anyhow::anyhow!("{}: {e}", d.display()))?;
            std
        }
        None => Standard::national()?,
    })
}

/// `--config FILE` / `--no-config`: which santong.yaml a run reads, for
/// every command that reads lists.
#[derive(clap::Args, Clone, Default)]
pub struct ConfigArgs {
    /// Settings file (default: the nearest santong.yaml at or above the working directory)
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Do not read santong.yaml
    #[arg(long)]
    pub no_config: bool,
}

impl ConfigArgs {
    /// The santong.yaml named, the nearest one, or none.
    pub fn find(&self) -> anyhow::Result<Option<santong::config::Loaded>> {
        let path = match (&self.config, self.no_config) {
            (Some(p), _) => Some(p.clone()),
            (None, true) => None,
            (None, false) => {
                santong::config::find(&std::env::current_dir()?).map(|p| relative_to_cwd(&p))
            }
        };
        path.map(|p| santong::config::Loaded::load(&p).map_err(anyhow::Error::msg))
            .transpose()
    }
}

/// What every command that reads lists takes, declared once: the standard,
/// the CSV encoding, the limits and the settings file.
#[derive(clap::Args)]
pub struct ReadArgs {
    /// Standard directory (default: the embedded national standard)
    #[arg(long, value_name = "DIR")]
    pub standard: Option<PathBuf>,
    /// CSV encoding, overriding detection (e.g. gbk, utf-8)
    #[arg(long)]
    pub encoding: Option<String>,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// What a run reads with: its santong.yaml (if any), the flags merged over
/// it, and the standard they choose with the file's severity overrides.
pub struct Settled {
    pub config: Option<santong::config::Loaded>,
    pub settings: santong::settings::Settings,
    pub std: Standard,
}

impl Settled {
    /// The one place every command resolves flags over santong.yaml over
    /// the defaults.
    /// `flags` are the command's own (basic, areas, fail-on); `read` gives
    /// the standard, encoding and limits.
    pub fn new(read: &ReadArgs, flags: santong::settings::Flags) -> anyhow::Result<Settled> {
        let flags = santong::settings::Flags {
            standard: read.standard.clone(),
            encoding: read.encoding.clone(),
            limits: read.limits.layer(),
            ..flags
        };
        let config = read.config.find()?;
        let settings = santong::settings::Settings::merge(flags, config.as_ref());
        let mut std = load_chosen_standard(&settings.standard)?;
        if let Some(c) = &config {
            c.apply(&mut std).map_err(anyhow::Error::msg)?;
        }
        Ok(Settled {
            config,
            settings,
            std,
        })
    }

    /// A generator's or exporter's settings: the standard, encoding and
    /// limits, flags over santong.yaml.
    pub fn reading(read: &ReadArgs) -> anyhow::Result<Settled> {
        Self::new(read, santong::settings::Flags::default())
    }

    /// How files are read: the settled encoding and limits.
    pub fn read(&self) -> ReadOptions {
        ReadOptions {
            encoding: self.settings.encoding.clone(),
            limits: self.settings.limits,
        }
    }
}

/// The note, when `--basic` (or the config's `basic`) names what reads as
/// an implementation list rather than a basic catalogue.
pub fn note_if_basic_is_a_list(path: &Path, basic: &BasicCatalogue, ui: &Ui) {
    if basic.looks_like_a_list() {
        let path = path.display().to_string();
        let note = santong::i18n::Note::BasicIsAList {
            path: &path,
            implemented: basic.implemented,
        };
        ui.note(&note.text(ui.lang));
    }
}

pub fn load_chosen_standard(choice: &StandardChoice) -> anyhow::Result<Standard> {
    match choice {
        StandardChoice::National => load_standard(None),
        StandardChoice::Dir(d) => load_standard(Some(d)),
    }
}

pub fn load_basic(
    choice: Option<&BasicChoice>,
    std: &Standard,
    read: &ReadOptions,
) -> anyhow::Result<Option<BasicCatalogue>> {
    Ok(match choice {
        Some(BasicChoice::Sample) => Some(BasicCatalogue::sample(std)?),
        Some(BasicChoice::File(p)) => Some(
            BasicCatalogue::load(p, std, read)
                .context(santong::tr!("基本目录", "basic catalogue"))?,
        ),
        None => None,
    })
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    santong::output::write_atomic(path, bytes).map_err(anyhow::Error::msg)
}

/// Write to standard output. A reader that went away (`| head`) is not an
/// error: the run ends quietly with its own exit code, as ripgrep does.
pub fn print(text: &str) -> anyhow::Result<()> {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(anyhow::Error::new(e).context(
            santong::tr!("无法写到标准输出", "cannot write to standard output"),
        )),
        _ => Ok(()),
    }
}

/// `--output`: a file, or none for standard output (also `-`).
pub fn output_arg(p: Option<&Path>) -> Option<&Path> {
    p.filter(|p| p.as_os_str() != "-")
}

/// Write a report to the file asked for, or to standard output.
pub fn emit(output: Option<&Path>, text: &str) -> anyhow::Result<()> {
    let output = output_arg(output);
    match output {
        Some(p) => write_atomic(p, text.as_bytes()),
        None => print(text),
    }
}

/// Write a workbook; it needs --output.
pub fn emit_xlsx(output: Option<&Path>, bytes: Result<Vec<u8>, String>) -> anyhow::Result<()> {
    let Some(p) = output else {
        anyhow::bail!(santong::tr!(
            "--format xlsx 需要 --output 文件.xlsx（或 --output - 写到标准输出）",
            "--format xlsx needs --output FILE.xlsx (or --output - for standard output)"
        ));
    };
    refuse_binary_to_terminal(p, false)?;
    let bytes = bytes.map_err(anyhow::Error::msg)?;
    if p.as_os_str() == "-" {
        return match std::io::stdout().lock().write_all(&bytes) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(anyhow::Error::new(e)),
            _ => Ok(()),
        };
    }
    write_atomic(p, &bytes)
}

/// The width of the terminal standard output is, if it is one.
pub fn terminal_width() -> Option<usize> {
    terminal_width_of(&console::Term::stdout())
}

/// The width of a terminal, if `term` is one.
fn terminal_width_of(term: &console::Term) -> Option<usize> {
    if !term.is_term() {
        return None;
    }
    term.size_checked()
        .map(|(_, cols)| usize::from(cols))
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
}

/// A workbook or database written to standard output is bytes a terminal
/// cannot show (and may take for control sequences): refused there unless
/// `force`; a redirect or a pipe takes it.
pub fn refuse_binary_to_terminal(output: &Path, force: bool) -> anyhow::Result<()> {
    if output.as_os_str() == "-" && !force && std::io::stdout().is_terminal() {
        anyhow::bail!(santong::tr!(
            "不把二进制文件写到终端：请用文件名代替 `-`，或把标准输出重定向到文件",
            "refusing to write a binary file to the terminal: give a file name instead of `-`, or redirect standard output to a file"
        ));
    }
    Ok(())
}

pub fn refuse_overwrite(inputs: &[PathBuf], output: Option<&Path>) -> anyhow::Result<()> {
    if let Some(out) = output_arg(output) {
        if inputs.iter().any(|f| same_file(f, out)) {
            anyhow::bail!(santong::tr!(
                "拒绝把报告写到输入文件上：{}",
                "refusing to write the report over an input file: {}",
                out.display()
            ));
        }
    }
    Ok(())
}

/// Refuse to replace whatever is at `out` (a file, a link, a directory)
/// unless `--force` was given.
pub fn refuse_existing(out: &Path, force: bool) -> anyhow::Result<()> {
    if !force && std::fs::symlink_metadata(out).is_ok() {
        anyhow::bail!(santong::tr!(
            "{} 已存在；要替换它请加 --force",
            "{} exists; give --force to replace it",
            out.display()
        ));
    }
    Ok(())
}

pub fn same_file(a: &Path, b: &Path) -> bool {
    santong::output::same_file(a, b)
}

/// A path relative to the working directory when it lies below it, so
/// reports (and GitHub annotations) name repository paths.
pub fn relative_to_cwd(p: &Path) -> PathBuf {
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

/// What a file may claim before it is refused (see `catalogue::limits`);
/// unset flags fall back to santong.yaml's `limits:` (for `check`), then
/// the defaults.
#[derive(clap::Args, Clone, Debug)]
pub struct LimitArgs {
    /// A zip part (a sheet's XML, the shared strings) may inflate to at most this many bytes [default: 268435456]
    #[arg(long, value_name = "BYTES")]
    pub max_part_bytes: Option<u64>,
    /// A sheet may hold at most this many cells (a legacy or OpenDocument sheet as laid out) [default: 10000000]
    #[arg(long, value_name = "N")]
    pub max_cells: Option<u64>,
    /// A cell may hold at most this many bytes of text; a longer one is cut and reported as oversized-cell [default: 131072]
    #[arg(long, value_name = "BYTES")]
    pub max_cell_bytes: Option<u64>,
}

impl LimitArgs {
    /// The limits the flags set (unset ones fall through).
    pub fn layer(&self) -> santong::catalogue::limits::LimitsConfig {
        santong::catalogue::limits::LimitsConfig {
            max_part_bytes: self.max_part_bytes,
            max_cells: self.max_cells,
            max_cell_bytes: self.max_cell_bytes,
        }
    }

    pub fn limits(&self) -> santong::catalogue::limits::Limits {
        santong::catalogue::limits::Limits::layered(&[&self.layer()])
    }

    pub fn read_options(&self, encoding: Option<String>) -> ReadOptions {
        ReadOptions {
            encoding,
            limits: self.limits(),
        }
    }
}

/// The files a run reads: directories expanded (their scratch files
/// skipped, with a note), `-` spooled from standard input into a
/// temporary file whose format is sniffed from its bytes.
pub struct Gathered {
    pub files: Vec<PathBuf>,
    /// Where standard input was spooled, and the directory that holds it
    /// (removed when this is dropped).
    pub stdin: Option<(PathBuf, tempfile::TempDir)>,
}

impl Gathered {
    /// The name to show for a file: `-` for standard input.
    pub fn shown(&self, path: &str) -> Option<&'static str> {
        self.stdin
            .as_ref()
            .filter(|(p, _)| p.display().to_string() == path)
            .map(|_| "-")
    }
}

pub fn gather(files: &[PathBuf], ui: &Ui) -> anyhow::Result<Gathered> {
    let mut stdin = None;
    let mut given = Vec::new();
    for f in files {
        if f.as_os_str() == "-" {
            if stdin.is_none() {
                stdin = Some(spool_stdin()?);
            }
            given.push(
                stdin
                    .as_ref()
                    .map(|(p, _): &(PathBuf, _)| p.clone())
                    .unwrap_or_default(),
            );
        } else {
            given.push(f.clone());
        }
    }
    let inputs = santong::catalogue::expand_inputs(&given);
    note_skipped(&inputs.skipped, ui);
    if inputs.files.is_empty() {
        anyhow::bail!(santong::tr!(
            "给出的目录中没有清单文件（{}）",
            "no catalogue files ({}) in the given directories",
            santong::catalogue::read::extension_list()
        ));
    }
    Ok(Gathered {
        files: inputs.files,
        stdin,
    })
}

/// Say which scratch files a walk passed over.
pub fn note_skipped(skipped: &[PathBuf], ui: &Ui) {
    for s in skipped {
        ui.note(&santong::tr!(
            "santong: 跳过 {}：这是编辑软件的锁定文件或临时文件，不是清单",
            "santong: skipping {}: an editor's lock or temporary file, not a list",
            s.display()
        ));
    }
}

/// Standard input, copied into a temporary file named for what its first
/// bytes say it is (a workbook, an exchange JSON file, YAML or CSV).
fn spool_stdin() -> anyhow::Result<(PathBuf, tempfile::TempDir)> {
    use std::io::Read;
    let dir = tempfile::tempdir()?;
    let mut input = std::io::stdin().lock();
    let mut head = vec![0u8; 4096];
    let n = santong::catalogue::read_up_to(&mut input, &mut head)?;
    head.truncate(n);
    if n == 0 {
        anyhow::bail!(santong::tr!("标准输入为空", "standard input is empty"));
    }
    let text = String::from_utf8_lossy(&head);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let ext = if let Some(wb) = santong::catalogue::workbook_magic(&head) {
        wb
    } else if start.starts_with('{') || start.starts_with('[') {
        "json"
    } else if start.starts_with("---") || start.starts_with("items:") || start.starts_with('#') {
        "yaml"
    } else if start
        .lines()
        .next()
        .is_some_and(|l| l.contains('\t') && !l.contains(','))
    {
        "tsv"
    } else {
        "csv"
    };
    let path = dir.path().join(format!("stdin.{ext}"));
    let mut f = std::fs::File::create(&path)?;
    std::io::Write::write_all(&mut f, &head)?;
    std::io::copy(&mut input.take(u64::MAX), &mut f)?;
    Ok((path, dir))
}

/// Read catalogues whole (generation needs every item in memory).
pub fn load_catalogues(
    files: &[PathBuf],
    std: &Standard,
    read: &ReadOptions,
    ui: &Ui,
) -> anyhow::Result<Vec<Catalogue>> {
    let g = gather(files, ui)?;
    g.files
        .iter()
        .map(|f| {
            Catalogue::load(f, std, read).map_err(|e| {
                let path = g.shown(&e.path).map(str::to_string).unwrap_or(e.path);
                anyhow::anyhow!("{path}: {}", e.message)
            })
        })
        .collect()
}

/// What a generator says about its lists' errors: a warning per list,
/// and with `strict` a refusal (exit 1 before anything is written).
pub fn verify_lists(
    std: &Standard,
    catalogues: &[Catalogue],
    read: &ReadOptions,
    strict: bool,
    ui: &Ui,
) -> Result<santong::generate::verify::Verification, Exit> {
    let lang = ui.lang;
    let v = santong::generate::verify::Verification::of(std, catalogues, read);
    for l in &v.lists {
        let note = santong::i18n::Note::ListErrors {
            path: &l.path,
            errors: l.errors,
            items: l.items_with_errors,
        };
        ui.note(&note.text(lang));
    }
    if strict && v.errors() > 0 {
        eprintln!(
            "{}",
            santong::i18n::Note::Strict { errors: v.errors() }.text(lang)
        );
        return Err(1);
    }
    Ok(v)
}

/// The output directory of a generator, which never writes over its
/// inputs, nor over any file unless `force`.
pub fn out_dir(
    dir: &Path,
    catalogues: &[Catalogue],
    force: bool,
) -> anyhow::Result<santong::output::OutDir> {
    let inputs: Vec<PathBuf> = catalogues.iter().map(|c| c.path.clone()).collect();
    Ok(santong::output::OutDir::create(dir)
        .map_err(anyhow::Error::msg)?
        .protect(&inputs)
        .force(force))
}

/// An error and its causes on one line, in the run's language: the
/// operating system's errors in words of their own (see
/// `santong::i18n::io_error`), the rest as they were composed.
pub fn error_text(e: &anyhow::Error) -> String {
    e.chain()
        .map(|c| match c.downcast_ref::<std::io::Error>() {
            Some(io) => santong::i18n::io_error(io),
            None => c.to_string(),
        })
        .collect::<Vec<_>>()
        .join(": ")
}
