//! `santong form`: application forms (申请表) of items, as xlsx.

use super::Exit;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The implementation lists the items are in (help text from the readers registry)
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// An item to make the form of (implementation, handling or basic code); repeat for more. Without it, every item
    #[arg(long = "item", value_name = "CODE", action = clap::ArgAction::Append, conflicts_with = "all")]
    items: Vec<String>,
    /// A form for every item of the lists (the default when no --item is given)
    #[arg(long)]
    all: bool,
    /// Directory to write into (created if missing)
    #[arg(long, value_name = "DIR", default_value = "申请表")]
    out: PathBuf,
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
    // santong.yaml's standard, encoding and limits, under the flags
    let settled = super::Settled::reading(&a.read)?;
    let read = settled.read();
    let std = settled.std;
    let catalogues = super::load_catalogues(&a.files, &std, &read, ui)?;
    let verification = match super::verify_lists(&std, &catalogues, &read, a.strict, ui) {
        Ok(v) => v,
        Err(code) => return Ok(code),
    };
    let guides = santong::generate::guide::build(&std, &catalogues, &a.items, &verification)
        .map_err(anyhow::Error::msg)?;
    let out = super::out_dir(&a.out, &catalogues, a.force)?;
    let progress = super::progress::Progress::new(
        ui,
        Some(guides.len() as u64),
        ui.lang.pick("份申请表", "forms"),
    );
    for g in &guides {
        progress.inc(1);
        let bytes = santong::generate::form::application_form(g).map_err(anyhow::Error::msg)?;
        let path = out
            .write(&format!("{}.xlsx", g.summary.file), &bytes)
            .map_err(anyhow::Error::msg)?;
        ui.detail(&path.display().to_string());
    }
    progress.finish();
    let lang = ui.lang;
    let forms =
        santong::report::counted(guides.len(), lang.pick("份申请表", "forms"), "form", lang);
    ui.note(&santong::tr!(
        "已生成 {}，保存在 {}",
        "wrote {} to {}",
        forms,
        out.root().display()
    ));
    Ok(0)
}
