//! The subcommands, one file each: each has its `Args` (clap) and a
//! `run(args, lang) -> Result<ExitCode>`. They parse flags, call the
//! library and write what it returns; what is written and how is the
//! library's business. Shared here: loading the standard and catalogues,
//! and writing to a file or standard output.

pub mod check;
pub mod diff;
pub mod explain;
pub mod form;
pub mod guide;
pub mod init;
pub mod regional;
pub mod rules;
pub mod schema;
pub mod score;
pub mod template;

use anyhow::Context;
use santong::catalogue::{BasicCatalogue, Catalogue, ReadOptions};
use santong::settings::{BasicChoice, StandardChoice};
use santong::standard::Standard;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A run's exit status: 0 clean, 1 findings, 2 failure.
pub type Exit = u8;

pub fn load_standard(dir: Option<&Path>) -> anyhow::Result<Standard> {
    Ok(match dir {
        Some(d) => Standard::from_dir(d)?,
        None => Standard::national()?,
    })
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
        Some(BasicChoice::File(p)) => {
            Some(BasicCatalogue::load(p, std, read).context("basic catalogue")?)
        }
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
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(e).context("cannot write to standard output"))
        }
        _ => Ok(()),
    }
}

/// Write a report to the file asked for, or to standard output.
pub fn emit(output: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match output {
        Some(p) => write_atomic(p, text.as_bytes()),
        None => print(text),
    }
}

/// Write a workbook; it needs --output.
pub fn emit_xlsx(output: Option<&Path>, bytes: Result<Vec<u8>, String>) -> anyhow::Result<()> {
    let Some(p) = output else {
        anyhow::bail!("--format xlsx needs --output FILE.xlsx");
    };
    write_atomic(p, &bytes.map_err(anyhow::Error::msg)?)
}

pub fn refuse_overwrite(inputs: &[PathBuf], output: Option<&Path>) -> anyhow::Result<()> {
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

/// Read catalogues whole (generation needs every item in memory).
pub fn load_catalogues(
    files: &[PathBuf],
    std: &Standard,
    read: &ReadOptions,
) -> anyhow::Result<Vec<Catalogue>> {
    let files = santong::catalogue::expand_inputs(files);
    if files.is_empty() {
        anyhow::bail!(
            "no catalogue files ({}) in the given directories",
            santong::catalogue::read::extension_list()
        );
    }
    files
        .iter()
        .map(|f| {
            Catalogue::load(f, std, read).map_err(|e| anyhow::anyhow!("{}: {}", e.path, e.message))
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
    lang: santong::i18n::Lang,
) -> Result<santong::generate::verify::Verification, Exit> {
    let v = santong::generate::verify::Verification::of(std, catalogues, read);
    for l in &v.lists {
        let note = santong::i18n::Note::ListErrors {
            path: &l.path,
            errors: l.errors,
            items: l.items_with_errors,
        };
        eprintln!("{}", note.text(lang));
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
