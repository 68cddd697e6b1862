//! `santong diff`: the same basic items compared across regions' lists.

use super::regional::{emit_report, RegionArgs, RegionFormat, Regional};
use super::Exit;
use santong::report;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    args: RegionArgs,
    /// Exit 1 when any difference exists (for CI gates)
    #[arg(long)]
    fail_if_diff: bool,
}

pub fn run(a: Args, ui: &super::Ui) -> anyhow::Result<Exit> {
    let lang = ui.lang;
    if a.args.files.len() < 2 {
        // one region is compared with nothing: say so rather than report "no differences"
        anyhow::bail!(santong::tr!(
            "diff 比较两个或更多地区的清单，这里只给出了 {} 份；给一个地区打分请用 santong score",
            "diff compares the lists of two regions or more; {} was given (santong score rates one region)",
            a.args.files.len()
        ));
    }
    let r = Regional::load(&a.args, ui)?;
    let cmp = r.compare_shown(ui);
    let format = a.args.format;
    emit_report(
        format,
        a.args.output.as_deref(),
        || {
            Ok(match format {
                RegionFormat::Json => report::diff_json(&cmp, lang),
                RegionFormat::Html => report::diff_html(&cmp, lang).map_err(anyhow::Error::msg)?,
                _ => report::diff_human(&cmp, lang),
            })
        },
        || report::diff_xlsx(&cmp, lang),
    )?;
    Ok(u8::from(a.fail_if_diff && !cmp.differences.is_empty()))
}
