//! What `diff` and `score` share: their arguments, the regions they read and
//! the comparison they make.

use clap::ValueEnum;
use santong::catalogue::{BasicCatalogue, ReadOptions};
use santong::diff::{Baseline, CompareOptions, Comparison, Handling, Region};
use santong::settings::BasicChoice;
use santong::standard::Standard;
use std::path::{Path, PathBuf};

/// Formats of the regional reports.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegionFormat {
    Human,
    Json,
    Html,
    Xlsx,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HandlingArg {
    Separate,
    RollUp,
}

/// Arguments shared by `diff` and `score`.
#[derive(clap::Args)]
pub struct RegionArgs {
    /// One list per region (help text from the readers registry)
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Region names, in the order of the files (default: the list's 所属地区 column, else the file name)
    #[arg(long = "name", value_name = "NAME")]
    pub names: Vec<String>,
    /// Basic catalogue (xlsx, csv or yaml); `sample` uses the bundled sample
    #[arg(long, value_name = "FILE")]
    pub basic: Option<PathBuf>,
    /// What regions are compared against: basic, majority, or one region (its file or name)
    #[arg(long, value_name = "basic|majority|FILE")]
    pub baseline: Option<String>,
    /// Handling items (业务办理项): compared with handling items of the same case, or rolled up to their item
    #[arg(long, value_enum, default_value = "separate")]
    pub handling: HandlingArg,
    /// Compare items across lists of different exercise levels too (by default a city's list and the province's own compare only items exercised at the same level)
    #[arg(long)]
    pub all_levels: bool,
    /// Items without a basic code align with a near name at least this similar (1 − edit distance ÷ longer length; 0.5–1)
    #[arg(long, value_name = "SCORE", default_value_t = santong::diff::MIN_SIMILARITY)]
    pub min_similarity: f64,
    /// Report format: human (a terminal), json, html (one page), xlsx (a workbook; needs --output)
    #[arg(long, value_enum, default_value = "human")]
    pub format: RegionFormat,
    /// Write the report to this file instead of standard output (`-`: standard output)
    #[arg(long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub read: super::ReadArgs,
}

/// The standard, the catalogue, the regions and the comparison.
pub struct Regional {
    pub std: Standard,
    pub basic: Option<BasicCatalogue>,
    pub regions: Vec<Region>,
    pub options: CompareOptions,
    pub read: ReadOptions,
}

impl Regional {
    /// The standard, catalogue and regions of a `diff`, each list read.
    pub fn load(a: &RegionArgs, ui: &super::Ui) -> anyhow::Result<Regional> {
        let mut r = Self::settle(a, ui)?;
        let regions = load_regions(&a.files, &a.names, &r.std, &r.read, ui)?;
        r.take_regions(a, regions)?;
        Ok(r)
    }

    /// Everything but the regions: the settings, the standard and the
    /// basic catalogue, with what they want said.
    pub fn settle(a: &RegionArgs, ui: &super::Ui) -> anyhow::Result<Regional> {
        let lang = ui.lang;
        if !(0.5..=1.0).contains(&a.min_similarity) {
            anyhow::bail!(santong::tr!(
                "--min-similarity 须在 0.5 到 1 之间",
                "--min-similarity must be between 0.5 and 1"
            ));
        }
        // santong.yaml governs diff and score as it does check
        let settled = super::Settled::new(
            &a.read,
            santong::settings::Flags {
                basic: a.basic.clone(),
                ..Default::default()
            },
        )?;
        let read = settled.read();
        let std = settled.std;
        let basic = super::load_basic(settled.settings.basic.as_ref(), &std, &read)?;
        let basic_path = match &settled.settings.basic {
            Some(BasicChoice::File(p)) => Some(p.clone()),
            _ => None,
        };
        if let (Some(b), Some(p)) = (&basic, &basic_path) {
            super::note_if_basic_is_a_list(p, b, ui);
            if !b.defects.is_empty() {
                let path = p.display().to_string();
                let note = santong::i18n::Note::BasicDefects {
                    count: b.defects.len(),
                    path: &path,
                };
                eprintln!("{}", note.text(lang));
            }
        }
        super::refuse_overwrite(&a.files, a.output.as_deref())?;
        check_names(&a.files, &a.names)?;
        let options = CompareOptions {
            baseline: Baseline::Majority,
            handling: match a.handling {
                HandlingArg::Separate => Handling::Separate,
                HandlingArg::RollUp => Handling::RollUp,
            },
            all_levels: a.all_levels,
            min_similarity: a.min_similarity,
        };
        Ok(Regional {
            std,
            basic,
            regions: Vec::new(),
            options,
            read,
        })
    }

    /// The regions read, each named once, and the baseline among them.
    pub fn take_regions(&mut self, a: &RegionArgs, regions: Vec<Region>) -> anyhow::Result<()> {
        let mut seen = std::collections::HashSet::new();
        for r in &regions {
            if !seen.insert(r.name.clone()) {
                anyhow::bail!(santong::tr!(
                    "两份清单都叫 `{}`；请用 --name 分别命名",
                    "two lists are both named `{}`; give each a --name",
                    r.name
                ));
            }
        }
        self.options.baseline = pick_baseline(
            a.baseline.as_deref(),
            &a.files,
            &regions,
            self.basic.is_some(),
        )?;
        self.regions = regions;
        Ok(())
    }

    pub fn compare(&self) -> Comparison {
        santong::diff::compare(&self.std, &self.regions, self.basic.as_ref(), &self.options)
    }

    /// [`compare`](Self::compare) with a spinner on a terminal.
    pub fn compare_shown(&self, ui: &super::Ui) -> Comparison {
        let what = santong::tr!(
            "正在比较 {} 个地区的清单",
            "comparing the lists of {} regions",
            self.regions.len()
        );
        let progress = super::progress::Progress::phase(ui, &what);
        let cmp = self.compare();
        progress.finish();
        cmp
    }
}

/// Write a text report, or a workbook.
pub fn emit_report(
    format: RegionFormat,
    output: Option<&Path>,
    text: impl FnOnce() -> anyhow::Result<String>,
    xlsx: impl FnOnce() -> Result<Vec<u8>, String>,
) -> anyhow::Result<()> {
    match format {
        RegionFormat::Xlsx => super::emit_xlsx(output, xlsx()),
        _ => super::emit(output, &text()?),
    }
}

/// As many names as files, when names are given.
fn check_names(files: &[PathBuf], names: &[String]) -> anyhow::Result<()> {
    if !names.is_empty() && names.len() != files.len() {
        anyhow::bail!(santong::tr!(
            "--name 给了 {} 次，文件却有 {} 个",
            "--name was given {} times for {} files",
            names.len(),
            files.len()
        ));
    }
    Ok(())
}

fn load_regions(
    files: &[PathBuf],
    names: &[String],
    std: &Standard,
    read: &ReadOptions,
    ui: &super::Ui,
) -> anyhow::Result<Vec<Region>> {
    // reading is the long part of comparing a province's lists
    let progress = super::progress::Progress::new(
        ui,
        Some(files.len() as u64),
        ui.lang.pick("份清单已读", "lists read"),
    );
    let regions =
        santong::diff::load_regions_counted(files, names, std, read, &|| progress.inc(1))?;
    progress.finish();
    Ok(regions)
}

fn pick_baseline(
    baseline: Option<&str>,
    files: &[PathBuf],
    regions: &[Region],
    has_basic: bool,
) -> anyhow::Result<Baseline> {
    Ok(match baseline {
        None if has_basic => Baseline::Basic,
        None | Some("majority") => Baseline::Majority,
        Some("basic") if !has_basic => anyhow::bail!(santong::tr!(
            "--baseline basic 需要 --basic 文件",
            "--baseline basic needs --basic FILE"
        )),
        Some("basic") => Baseline::Basic,
        Some(other) => {
            let by_file = files
                .iter()
                .position(|f| super::same_file(f, Path::new(other)) || f.as_os_str() == other)
                .map(|i| regions[i].name.clone());
            match by_file.or_else(|| {
                regions
                    .iter()
                    .find(|r| r.name == other)
                    .map(|r| r.name.clone())
            }) {
                Some(name) => Baseline::Region(name),
                None => anyhow::bail!(santong::tr!(
                    "--baseline `{}` 既不是 basic、majority，也不是给出的清单之一",
                    "--baseline `{}` is neither basic, majority, nor one of the lists",
                    other
                )),
            }
        }
    })
}
