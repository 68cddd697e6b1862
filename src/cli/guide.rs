//! `santong guide`: a service guide (办事指南) per item.

use super::Exit;
use clap::ValueEnum;
use santong::generate::site::{write_guides, GuideFormat};
use santong::i18n::{Lang, Note};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Html,
    Md,
    Docx,
}

#[derive(clap::Args)]
pub struct Args {
    /// The implementation lists to generate from (help text from the readers registry)
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Only these items (implementation, handling or basic codes)
    #[arg(long = "item", value_name = "CODE", num_args = 1..)]
    items: Vec<String>,
    #[arg(long, value_enum, default_value = "html")]
    format: FormatArg,
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
    /// Refuse to generate from lists with error-level findings (exit 1, nothing written)
    #[arg(long)]
    strict: bool,
    /// Replace files that already exist in --out (otherwise they are refused)
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    limits: super::LimitArgs,
}

pub fn run(a: Args, lang: Lang) -> anyhow::Result<Exit> {
    let std = super::load_standard(a.standard.as_deref())?;
    let templates = santong::report::templates::Templates::load(a.templates.as_deref())
        .map_err(anyhow::Error::msg)?;
    let read = a.limits.read_options(a.encoding.clone());
    let catalogues = super::load_catalogues(&a.files, &std, &read)?;
    let verification = match super::verify_lists(&std, &catalogues, &read, a.strict, lang) {
        Ok(v) => v,
        Err(code) => return Ok(code),
    };
    let selected = santong::generate::guide::select(&std, &catalogues, &a.items)
        .map_err(anyhow::Error::msg)?;
    let sources: Vec<String> = catalogues
        .iter()
        .filter_map(|c| c.path.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let out = super::out_dir(&a.out, &catalogues, a.force)?;
    let format = match a.format {
        FormatArg::Html => GuideFormat::Html,
        FormatArg::Md => GuideFormat::Md,
        FormatArg::Docx => GuideFormat::Docx,
    };
    let written = write_guides(
        &std,
        &selected,
        format,
        &out,
        &templates,
        &sources,
        &verification,
    )
    .map_err(anyhow::Error::msg)?;
    let dir = out.root().display().to_string();
    let note = Note::WroteGuides {
        files: written.len(),
        items: selected.len(),
        dir: &dir,
    };
    eprintln!("{}", note.text(lang));
    Ok(0)
}
