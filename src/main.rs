//! The santong command line: parse the arguments, pick the language, hand
//! the subcommand to its file in `cli/`, and turn the result into an exit
//! code (0 clean, 1 findings, 2 failure). Everything else lives in the
//! library.

mod cli;

use anyhow::Context;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use santong::i18n::Lang;
use std::process::ExitCode;

// Checking allocates and frees small strings on several threads at once;
// mimalloc's per-thread heaps do that faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "santong",
    version,
    about = "三同: check government service-item catalogues against the national standard (同一事项、同一标准、同一编码)"
)]
struct Cli {
    /// Output language (default: Chinese when LANG starts with zh, else English)
    #[arg(long, global = true, value_name = "zh|en")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check implementation lists (workbooks, CSV, YAML) against the standard
    Check(cli::check::Args),
    /// Compare the same basic items across regions' lists
    Diff(cli::diff::Args),
    /// Score each region: coverage, guide accuracy, online maturity, channels, compression, standardisation
    Score(cli::score::Args),
    /// Write a blank implementation-list workbook built from the standard
    Template(cli::template::Args),
    /// Write a service guide (办事指南) per item: a static HTML site, Markdown, or Word documents
    Guide(cli::guide::Args),
    /// Write the application form (申请表) of items as xlsx
    Form(cli::form::Args),
    /// Set up a catalogue repository: santong.yaml, a GitHub Actions workflow and a pre-commit hook
    Init(cli::init::Args),
    /// Print a JSON Schema: catalogue (YAML items), standard (its files), config (santong.yaml), table-schema (Frictionless)
    Schema(cli::schema::Args),
    /// Explain a rule: what it checks, its message and fix, a good and a bad example
    Explain(cli::explain::Args),
    /// List the rules of the standard
    Rules(cli::rules::Args),
}

fn run(cli: Cli) -> anyhow::Result<cli::Exit> {
    let lang = match &cli.lang {
        Some(l) => {
            Lang::parse(l).with_context(|| format!("unknown language `{l}` (use zh or en)"))?
        }
        None => Lang::from_env(),
    };
    match cli.command {
        Command::Check(a) => cli::check::run(a, lang),
        Command::Diff(a) => cli::diff::run(a, lang),
        Command::Score(a) => cli::score::run(a, lang),
        Command::Template(a) => cli::template::run(a, lang),
        Command::Guide(a) => cli::guide::run(a, lang),
        Command::Form(a) => cli::form::run(a, lang),
        Command::Init(a) => cli::init::run(a, lang),
        Command::Schema(a) => cli::schema::run(a, lang),
        Command::Explain(a) => cli::explain::run(a, lang),
        Command::Rules(a) => cli::rules::run(a, lang),
    }
}

/// The command line, with the file formats named from the readers registry.
fn command() -> clap::Command {
    let formats = santong::catalogue::read::extension_list();
    let files = |c: clap::Command, what: &str, dirs: bool| {
        let dirs = if dirs {
            "; a directory means every such file below it"
        } else {
            ""
        };
        let help = format!("{what} ({formats}){dirs}");
        c.mut_arg("files", |a| a.help(help))
    };
    Cli::command()
        .mut_subcommand("check", |c| {
            files(c, "Catalogue files to check", true)
                .after_help("With no files, the files of the nearest santong.yaml are checked.")
        })
        .mut_subcommand("guide", |c| {
            files(c, "The implementation lists to generate from", true)
        })
        .mut_subcommand("form", |c| {
            files(c, "The implementation lists the items are in", true)
        })
        .mut_subcommand("diff", |c| files(c, "One list per region", false))
        .mut_subcommand("score", |c| files(c, "One list per region", false))
}

fn parse() -> Result<Cli, clap::Error> {
    let mut matches = command().try_get_matches()?;
    Cli::from_arg_matches_mut(&mut matches)
}

fn main() -> ExitCode {
    let cli = match parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("santong: {e:#}");
            ExitCode::from(2)
        }
    }
}
