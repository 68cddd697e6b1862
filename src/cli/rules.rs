//! `santong rules`: the rules of the standard, one line each.

use super::Exit;
use santong::i18n::Lang;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_name = "DIR")]
    standard: Option<PathBuf>,
}

pub fn run(a: Args, lang: Lang) -> anyhow::Result<Exit> {
    let std = super::load_standard(a.standard.as_deref())?;
    let mut out = String::new();
    for r in &std.rules {
        let el = r.elements.join(",");
        out.push_str(&format!(
            "{:<30} {:<8} {:<24} {}\n",
            r.id,
            r.severity.as_str(),
            if el.is_empty() { "-".to_string() } else { el },
            lang.msg(&r.title)
        ));
    }
    super::print(&out)?;
    Ok(0)
}
