//! `santong form`: application forms (申请表) of items, as xlsx.

use super::Exit;
use santong::i18n::Lang;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The implementation lists the items are in (help text from the readers registry)
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
    let read = a.limits.read_options(a.encoding.clone());
    let catalogues = super::load_catalogues(&a.files, &std, &read)?;
    if let Err(code) = super::verify_lists(&std, &catalogues, &read, a.strict, lang) {
        return Ok(code);
    }
    let guides =
        santong::generate::guide::build(&std, &catalogues, &a.items).map_err(anyhow::Error::msg)?;
    let out = super::out_dir(&a.out, &catalogues, a.force)?;
    for g in &guides {
        let bytes = santong::generate::form::application_form(g).map_err(anyhow::Error::msg)?;
        let path = out
            .write(&format!("{}.xlsx", g.summary.file), &bytes)
            .map_err(anyhow::Error::msg)?;
        eprintln!("{}", path.display());
    }
    Ok(0)
}
