//! `santong template`: a blank implementation-list workbook from the standard.

use super::Exit;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Standard directory (default: the embedded national standard)
    #[arg(long, value_name = "DIR")]
    standard: Option<PathBuf>,
    /// The workbook to write (.xlsx)
    #[arg(long, value_name = "FILE", default_value = "实施清单模板.xlsx")]
    out: PathBuf,
    /// Replace the file if it exists (otherwise it is refused)
    #[arg(long)]
    force: bool,
}

pub fn run(a: Args, ui: &super::Ui) -> anyhow::Result<Exit> {
    let lang = ui.lang;
    let std = super::load_standard(a.standard.as_deref())?;
    let bytes =
        santong::generate::template::blank_template(&std, lang).map_err(anyhow::Error::msg)?;
    super::refuse_binary_to_terminal(&a.out, a.force)?;
    super::refuse_existing(&a.out, a.force)?;
    super::write_atomic(&a.out, &bytes)?;
    if a.out.as_os_str() != "-" {
        let shown = a.out.display().to_string();
        ui.note(&santong::i18n::Note::Wrote(&shown).text(lang));
    }
    Ok(0)
}
