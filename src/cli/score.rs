//! `santong score`: each region scored on coverage, accuracy, maturity,
//! channels, compression and standardisation.

use super::regional::{emit_report, RegionArgs, RegionFormat, Regional};
use super::Exit;
use santong::check::CheckOptions;
use santong::report;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    args: RegionArgs,
}

pub fn run(a: Args, ui: &super::Ui) -> anyhow::Result<Exit> {
    let lang = ui.lang;
    let a = a.args;
    let mut r = Regional::settle(&a, ui)?;
    // each list read once: checked, and built into the region compared
    let checking = super::progress::Progress::new(
        ui,
        None,
        lang.pick("个事项和材料行已检查", "items and material rows checked"),
    );
    let advance = |n: u64| checking.inc(n);
    let opts = CheckOptions {
        every_row: false,
        ignore: None,
        basic: r.basic.as_ref(),
        areas: None,
        read: r.read.clone(),
        threads: santong::check::threads(),
        on_table: None,
        on_progress: Some(santong::check::OnProgress(&advance)),
    };
    let read: Vec<_> = santong::score::check_regions(&a.files, &a.names, &r.std, &opts)
        .into_iter()
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow::anyhow!("{}: {}", e.path, e.message))?;
    checking.finish();
    let (checks, regions): (Vec<_>, Vec<_>) = read.into_iter().map(|(c, g)| (Some(c), g)).unzip();
    r.take_regions(&a, regions)?;
    let cmp = r.compare_shown(ui);
    let scoring = super::progress::Progress::phase(ui, lang.pick("正在打分", "scoring"));
    let scores = santong::score::score(&r.std, &r.regions, &checks, &cmp, r.basic.as_ref());
    scoring.finish();
    let baseline = r.options.baseline.describe();
    let notes = report::score_notes(&cmp, lang);
    emit_report(
        a.format,
        a.output.as_deref(),
        || {
            Ok(match a.format {
                RegionFormat::Json => report::score_json(&scores, &baseline, &notes),
                RegionFormat::Html => {
                    report::score_html(&scores, &r.options.baseline.words(lang), &notes, lang)
                        .map_err(anyhow::Error::msg)?
                }
                _ => report::score_human(&scores, &notes, lang),
            })
        },
        || report::score_xlsx(&scores, lang),
    )?;
    Ok(0)
}
