//! `santong explain RULE`: a rule's documentation, message and examples.

use super::Exit;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The rule's id, as `santong rules` lists them (e.g. promise-exceeds-statutory)
    rule: String,
    /// Standard directory (default: the embedded national standard)
    #[arg(long, value_name = "DIR")]
    standard: Option<PathBuf>,
}

pub fn run(a: Args, _ui: &super::Ui) -> anyhow::Result<Exit> {
    let std = super::load_standard(a.standard.as_deref())?;
    let text = santong::report::explain(&std, &a.rule).map_err(anyhow::Error::msg)?;
    super::print(&text)?;
    Ok(0)
}
