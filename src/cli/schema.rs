//! `santong schema KIND`: a JSON Schema for editors and other tools.

use super::Exit;
use clap::ValueEnum;
use santong::schema;
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Catalogue,
    Standard,
    Config,
    TableSchema,
}

#[derive(clap::Args)]
pub struct Args {
    /// Which schema: catalogue (YAML items), standard (its files), config (santong.yaml), table-schema (Frictionless)
    #[arg(value_enum)]
    kind: Kind,
    /// Standard directory for catalogue and table-schema (default: national)
    #[arg(long, value_name = "DIR")]
    standard: Option<PathBuf>,
}

pub fn run(a: Args, _ui: &super::Ui) -> anyhow::Result<Exit> {
    let v = match a.kind {
        Kind::Standard => schema::standard_schema(),
        Kind::Config => schema::config_schema(),
        Kind::Catalogue => schema::catalogue_schema(&super::load_standard(a.standard.as_deref())?),
        Kind::TableSchema => schema::table_schema(&super::load_standard(a.standard.as_deref())?),
    };
    super::print(&schema::to_text(&v))?;
    Ok(0)
}
