//! `santong export`: the normalised catalogue of every region as tables
//! (SQLite, Parquet, CSV, JSON Lines) for SQLite, DuckDB, pandas or Spark.

use super::Exit;
use santong::export::{self, ExportFormat, Region};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// One list per region (help text from the readers registry)
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// What to write: sqlite (one database file), parquet, csv or jsonl (a directory with a file per table)
    #[arg(long, value_enum, default_value = "sqlite")]
    format: ExportFormat,
    /// The database file (sqlite) or directory (the others) to write
    #[arg(long, value_name = "PATH")]
    output: PathBuf,
    /// Also check each list and write its findings as a table
    #[arg(long)]
    findings: bool,
    /// Replace the output if it exists (otherwise it is refused)
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    read: super::ReadArgs,
}

pub fn run(a: Args, ui: &super::Ui) -> anyhow::Result<Exit> {
    let lang = ui.lang;
    // santong.yaml's standard, encoding and limits, under the flags
    let settled = super::Settled::reading(&a.read)?;
    let read = settled.read();
    let std = settled.std;
    let catalogues = super::load_catalogues(&a.files, &std, &read, ui)?;
    let inputs: Vec<PathBuf> = catalogues.iter().map(|c| c.path.clone()).collect();
    super::refuse_overwrite(&inputs, Some(&a.output))?;
    super::refuse_binary_to_terminal(&a.output, a.force)?;
    super::refuse_existing(&a.output, a.force)?;
    let progress = super::progress::Progress::new(
        ui,
        Some(catalogues.len() as u64),
        lang.pick("份清单", "lists"),
    );
    let findings: Vec<Option<Vec<santong::check::Finding>>> = catalogues
        .iter()
        .map(|c| {
            progress.inc(1);
            if !a.findings {
                return Ok(None);
            }
            let opts = santong::check::CheckOptions {
                read: read.clone(),
                threads: santong::check::threads(),
                ..Default::default()
            };
            santong::check::check_file(&c.path, &std, &opts)
                .map(|r| Some(r.findings))
                .map_err(|e| anyhow::anyhow!("{}: {}", e.path, e.message))
        })
        .collect::<anyhow::Result<_>>()?;
    progress.finish();
    let regions: Vec<Region> = catalogues
        .iter()
        .zip(&findings)
        .map(|(c, f)| Region {
            name: export::region_name(&std, c),
            catalogue: c,
            findings: f.as_deref(),
        })
        .collect();
    let writing =
        super::progress::Progress::phase(ui, lang.pick("正在写出表", "writing the tables"));
    let tables = export::tables(&std, &regions, lang);
    let written = export::write(&tables, a.format, &a.output).map_err(anyhow::Error::msg)?;
    writing.finish();
    // the tables by the names a query uses
    let rows: Vec<String> = tables
        .iter()
        .map(|t| santong::tr!("{} {} 行", "{} {}", t.name, t.rows.len()))
        .collect();
    ui.note(&santong::tr!(
        "已写出 {}（表 {}）",
        "wrote {} ({})",
        written.join(ui.lang.pick("、", ", ")),
        rows.join(ui.lang.pick("，", ", "))
    ));
    Ok(0)
}
