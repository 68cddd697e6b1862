//! `santong explain RULE`: a rule's documentation, message and examples.

use super::Exit;
use santong::i18n::Lang;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    rule: String,
    #[arg(long, value_name = "DIR")]
    standard: Option<PathBuf>,
}

pub fn run(a: Args, _lang: Lang) -> anyhow::Result<Exit> {
    let std = super::load_standard(a.standard.as_deref())?;
    let text = santong::report::explain(&std, &a.rule).map_err(anyhow::Error::msg)?;
    super::print(&text)?;
    Ok(0)
}
