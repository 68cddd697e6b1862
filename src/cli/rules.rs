//! `santong rules`: the rules of the standard, one line each.

use super::Exit;
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
