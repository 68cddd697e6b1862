//! `santong rules`: the rules of the standard, one line each.

use super::Exit;
use santong::report::pad_end;
use santong::report::words::severity;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Standard directory (default: the embedded national standard)
    #[arg(long, value_name = "DIR")]
    standard: Option<PathBuf>,
}

pub fn run(a: Args, ui: &super::Ui) -> anyhow::Result<Exit> {
    let lang = ui.lang;
    let std = super::load_standard(a.standard.as_deref())?;
    let mut out = String::new();
    for r in &std.rules {
        // the elements by their labels under Chinese, by id in English
        let names: Vec<&str> = r
            .elements
            .iter()
            .map(|e| match (lang, std.element(e)) {
                (santong::i18n::Lang::Zh, Some(el)) => el.label.as_str(),
                _ => e.as_str(),
            })
            .collect();
        let el = names.join(lang.pick("、", ","));
        // padded by display width: the severity word may be Chinese
        out.push_str(&format!(
            "{} {} {} {}\n",
            pad_end(&r.id, 30),
            pad_end(severity(r.severity, lang), 8),
            pad_end(if el.is_empty() { "-" } else { &el }, 24),
            lang.msg(&r.title)
        ));
    }
    super::print(&out)?;
    Ok(0)
}
