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
    /// Print findings only: no notes, no progress (with --format summary, nothing: the exit code says it)
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Say what was read: sheets, header rows, columns matched
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    verbose: bool,
    /// Colour the report on standard output: auto (on a terminal, unless NO_COLOR; CLICOLOR_FORCE forces it), always, never
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    color: cli::ColorArg,
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
    /// Draft a provincial standard from real lists: header aliases, code tables, columns nobody could place
    Profile(cli::profile::Args),
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
    /// Write the normalised catalogue of every region as tables: SQLite, Parquet, CSV or JSON Lines
    Export(cli::export::Args),
    /// Print a shell completion script: bash, zsh, fish, powershell, elvish
    Completions(cli::completions::Args),
    /// Print santong's man page (roff), to install as santong.1
    Man(cli::completions::ManArgs),
}

fn run(cli: Cli) -> anyhow::Result<cli::Exit> {
    let lang = match &cli.lang {
        Some(l) => Lang::parse(l).with_context(|| {
            santong::tr!(
                "未知的语言 `{l}`（可用 zh 或 en）",
                "unknown language `{l}` (use zh or en)"
            )
        })?,
        None => Lang::from_env(),
    };
    let ui = cli::Ui {
        lang,
        quiet: cli.quiet,
        verbose: cli.verbose,
        color: cli.color,
    };
    match cli.command {
        Command::Check(a) => cli::check::run(a, &ui),
        Command::Diff(a) => cli::diff::run(a, &ui),
        Command::Score(a) => cli::score::run(a, &ui),
        Command::Template(a) => cli::template::run(a, &ui),
        Command::Profile(a) => cli::profile::run(a, &ui),
        Command::Guide(a) => cli::guide::run(a, &ui),
        Command::Form(a) => cli::form::run(a, &ui),
        Command::Init(a) => cli::init::run(a, &ui),
        Command::Schema(a) => cli::schema::run(a, &ui),
        Command::Explain(a) => cli::explain::run(a, &ui),
        Command::Rules(a) => cli::rules::run(a, &ui),
        Command::Export(a) => cli::export::run(a, &ui),
        Command::Completions(a) => cli::completions::run(a, command(lang)),
        Command::Man(a) => cli::completions::man(a, command(lang)),
    }
}

/// The command line in `lang`, with the file formats named from the
/// readers registry.
fn command(lang: Lang) -> clap::Command {
    cli::locale::localise(command_en(), lang)
}

fn command_en() -> clap::Command {
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
    cli::locale::with_examples(Cli::command())
        .mut_subcommand("check", |c| {
            files(c, "Catalogue files to check", true).after_help(
                "With no files, the files of the nearest santong.yaml are checked.\n\n\
                     Examples:\n  \
                     santong check list.xlsx\n  \
                     santong check cities/ --format html --output report.html\n  \
                     santong check - --format summary < list.csv",
            )
        })
        .mut_subcommand("guide", |c| {
            files(c, "The implementation lists to generate from", true)
        })
        .mut_subcommand("form", |c| {
            files(c, "The implementation lists the items are in", true)
        })
        .mut_subcommand("diff", |c| files(c, "One list per region", false))
        .mut_subcommand("export", |c| files(c, "One list per region", true))
        .mut_subcommand("score", |c| files(c, "One list per region", false))
}

/// The parsed command line, or the help the zh `help` subcommand asked for.
enum Parsed {
    Run(Box<Cli>),
    Help(String),
}

fn parse(args: Vec<std::ffi::OsString>, lang: Lang) -> Result<Parsed, clap::Error> {
    let cmd = command(lang);
    let mut matches = cmd.clone().try_get_matches_from(args)?;
    if let Some(("help", m)) = matches.subcommand() {
        // the zh command line's own `help` (clap's built-in one is English)
        let name = m.get_one::<String>("command").map(String::as_str);
        return cli::locale::zh_help_subcommand(cmd, name).map(Parsed::Help);
    }
    Cli::from_arg_matches_mut(&mut matches).map(|c| Parsed::Run(Box::new(c)))
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli::locale::lang_of_args(&args);
    santong::i18n::set_process_lang(lang);
    let cli = match parse(args, lang) {
        Ok(Parsed::Run(c)) => *c,
        Ok(Parsed::Help(text)) => {
            let _ = cli::print(&text);
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // a bare `santong` (or a command without its subcommand) shows
            // the help, already in the run's language, in either language
            let help = e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand;
            if lang == Lang::Zh && e.use_stderr() && !help {
                eprint!("{}", cli::locale::zh_error(&e));
            } else {
                let _ = e.print();
            }
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("santong: {}", cli::error_text(&e));
            ExitCode::from(2)
        }
    }
}
