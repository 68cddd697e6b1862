//! `santong template`: a blank implementation-list workbook from the standard.

use super::Exit;
use santong::i18n::Lang;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_name = "DIR")]
    standard: Option<PathBuf>,
    /// The workbook to write (.xlsx)
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Replace the file if it exists (otherwise it is refused)
    #[arg(long)]
    force: bool,
}

pub fn run(a: Args, lang: Lang) -> anyhow::Result<Exit> {
    let std = super::load_standard(a.standard.as_deref())?;
    let bytes =
        santong::generate::template::blank_template(&std, lang).map_err(anyhow::Error::msg)?;
    if !a.force
        && std::fs::symlink_metadata(&a.out)
            .is_ok_and(|m| m.is_file() || m.file_type().is_symlink())
    {
        anyhow::bail!("{} exists; give --force to replace it", a.out.display());
    }
    super::write_atomic(&a.out, &bytes)?;
    Ok(0)
}
