//! `santong profile`: draft a provincial standard from real lists.

use super::Exit;
use santong::check::{check_files, CheckOptions};
use santong::i18n::Note;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The province's lists to learn from (a directory means every list below it)
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The directory to write the draft standard to (standard.yaml, elements.yaml, vocabularies.yaml)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Replace draft files that exist (otherwise nothing is written)
    #[arg(long)]
    force: bool,
    /// CSV encoding, overriding detection (e.g. gbk, utf-8)
    #[arg(long)]
    encoding: Option<String>,
    #[command(flatten)]
    limits: super::LimitArgs,
}

pub fn run(a: Args, ui: &super::Ui) -> anyhow::Result<Exit> {
    let lang = ui.lang;
    let inputs = santong::catalogue::expand_inputs(&a.files);
    super::note_skipped(&inputs.skipped, ui);
    if inputs.files.is_empty() {
        anyhow::bail!(santong::tr!(
            "给出的目录中没有清单文件（{}）",
            "no catalogue files ({}) in the given directories",
            santong::catalogue::read::extension_list()
        ));
    }
    let std = santong::standard::Standard::national()?;
    let read = a.limits.read_options(a.encoding.clone());
    let opts = CheckOptions {
        read: read.clone(),
        threads: santong::check::threads(),
        ..Default::default()
    };
    let mut reports = Vec::new();
    for r in check_files(&inputs.files, &std, &opts) {
        reports.push(r.map_err(|e| anyhow::anyhow!(e.to_string()))?);
    }
    let draft = santong::profile::profile(&std, &reports, &read);
    let files = santong::profile::render(&draft, &std, lang);
    // all or nothing: a draft half old, half new would mislead its reviewer
    for (name, _) in &files {
        let path = a.out.join(name);
        super::refuse_existing(&path, a.force)?;
        super::refuse_overwrite(&inputs.files, Some(&path))?;
    }
    std::fs::create_dir_all(&a.out)
        .map_err(|e| anyhow::anyhow!(santong::locale::cannot_create(&a.out, &e)))?;
    for (name, text) in &files {
        let path = a.out.join(name);
        super::write_atomic(&path, text.as_bytes())?;
        ui.note(&Note::Wrote(&path.display().to_string()).text(lang));
    }
    ui.note(&santong::tr!(
        "这是草稿：请逐项核对（尤其是标“待核对”的推测）后，再用 --standard {} 检查",
        "this is a draft: review every entry (the guesses marked \"to review\" above all) before checking with --standard {}",
        a.out.display()
    ));
    Ok(0)
}
