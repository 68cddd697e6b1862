//! `santong guide`: a service guide (办事指南) per item.

use super::Exit;
use clap::ValueEnum;
use santong::generate::site::{write_guides, GuideFormat};
use santong::i18n::Note;
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
    /// Only this item (implementation, handling or basic code); repeat for more. Without it, every item
    #[arg(long = "item", value_name = "CODE", action = clap::ArgAction::Append)]
    items: Vec<String>,
    /// What to write: html (a static site with an index), md (Markdown), docx (Word)
    #[arg(long, value_enum, default_value = "html")]
    format: FormatArg,
    /// Directory to write into (created if missing); nothing is written outside it
    #[arg(long, value_name = "DIR", default_value = "办事指南")]
    out: PathBuf,
    /// Remove the pages of items no longer in the lists (only files santong wrote there, as its manifest records)
    #[arg(long, conflicts_with = "items")]
    clean: bool,
    /// Directory of templates overriding the embedded ones (same file names)
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Refuse to generate from lists with error-level findings (exit 1, nothing written)
    #[arg(long)]
    strict: bool,
    /// Replace files that already exist in --out (otherwise they are refused)
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    read: super::ReadArgs,
}

pub fn run(a: Args, ui: &super::Ui) -> anyhow::Result<Exit> {
    let lang = ui.lang;
    // santong.yaml's standard, encoding and limits, under the flags
    let settled = super::Settled::reading(&a.read)?;
    let read = settled.read();
    let std = settled.std;
    let templates = santong::report::templates::Templates::load(a.templates.as_deref())
        .map_err(anyhow::Error::msg)?;
    let catalogues = super::load_catalogues(&a.files, &std, &read, ui)?;
    let verification = match super::verify_lists(&std, &catalogues, &read, a.strict, ui) {
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
    let progress = super::progress::Progress::new(
        ui,
        Some(selected.len() as u64),
        lang.pick("份指南", "guides"),
    );
    let written = write_guides(
        &std,
        &selected,
        format,
        &out,
        &templates,
        &sources,
        &verification,
        &|| progress.inc(1),
    )
    .map_err(anyhow::Error::msg)?;
    progress.finish();
    let removed = out.record(&written, a.clean).map_err(anyhow::Error::msg)?;
    let dir = out.root().display().to_string();
    let note = Note::WroteGuides {
        files: written.len(),
        items: selected.len(),
        dir: &dir,
    };
    ui.note(&note.text(lang));
    if !removed.is_empty() {
        ui.note(&santong::tr!(
            "已删除 {} 个不再在清单中的事项的文件",
            "removed {} files of items no longer in the lists",
            removed.len()
        ));
    }
    Ok(0)
}
