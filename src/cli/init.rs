//! `santong init`: set up a catalogue repository.

use super::Exit;
use anyhow::Context;
use santong::i18n::Note;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The repository (default: the working directory)
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Overwrite files that exist
    #[arg(long)]
    force: bool,
}

pub fn run(a: Args, ui: &super::Ui) -> anyhow::Result<Exit> {
    let lang = ui.lang;
    let files = santong::config::init_files();
    for (rel, _) in &files {
        let path = a.dir.join(rel);
        if path.exists() && !a.force {
            anyhow::bail!(santong::tr!(
                "{} 已存在；要覆盖请加 --force",
                "{} exists; pass --force to overwrite it",
                path.display()
            ));
        }
    }
    for (rel, text) in &files {
        let path = a.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| {
                santong::tr!("无法创建 {}", "cannot create {}", parent.display())
            })?;
        }
        super::write_atomic(&path, text.as_bytes())?;
        eprintln!("{}", Note::Wrote(&path.display().to_string()).text(lang));
    }
    Ok(0)
}
