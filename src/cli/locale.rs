//! The command line in the user's language: clap's help and its errors.
//!
//! English is clap's own, from the doc comments of the `Args` structs.
//! Chinese replaces every description (from `santong::i18n::help`), the
//! section headings, the usage line's placeholders and the help and
//! version flags; clap's parse errors are rebuilt from their kind and
//! context, so no English line is left under a zh locale.

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use santong::i18n::help::zh as zh_help;
use santong::i18n::Lang;

/// The language asked for before the arguments are parsed: `--lang X`
/// or `--lang=X` anywhere on the line, else the locale. An unknown value
/// falls back to the locale (the parser reports it).
pub fn lang_of_args(args: &[std::ffi::OsString]) -> Lang {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let v = if a == "--lang" {
            it.next().map(|v| v.into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        if let Some(l) = v.as_deref().and_then(Lang::parse) {
            return l;
        }
    }
    Lang::from_env()
}

/// The command line in `lang`.
pub fn localise(cmd: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => cmd,
        Lang::Zh => {
            let cmd = cmd
                .disable_version_flag(true)
                .arg(
                    Arg::new("version")
                        .short('V')
                        .long("version")
                        .action(ArgAction::Version)
                        .help("显示版本"),
                )
                .disable_help_subcommand(true)
                .subcommand(
                    Command::new("help")
                        .about("显示本帮助，或某个子命令的帮助")
                        .arg(
                            Arg::new("command")
                                .value_name("命令")
                                .help("要查看帮助的子命令"),
                        ),
                );
            let mut cmd = zh_command(cmd, "santong");
            // the usage lines, now that every subcommand knows its full name
            cmd.build();
            let usages: Vec<(String, String)> = cmd
                .get_subcommands_mut()
                .map(|s| (s.get_name().to_string(), zh_usage(&s.render_usage())))
                .collect();
            let root = zh_usage(&cmd.render_usage());
            let mut cmd = cmd.override_usage(root);
            for (name, usage) in usages {
                cmd = cmd.mut_subcommand(&name, |s| s.override_usage(usage));
            }
            cmd
        }
    }
}

/// `santong help [COMMAND]` under the zh command line, which has its own
/// `help` subcommand (clap's built-in one speaks English): the help of the
/// command named, or of santong.
pub fn zh_help_subcommand(mut cmd: Command, name: Option<&str>) -> Result<String, clap::Error> {
    cmd.build();
    let sub = name.and_then(|n| cmd.find_subcommand_mut(n).cloned());
    match (name, sub) {
        (Some(n), None) => {
            let mut e = clap::Error::new(ErrorKind::InvalidSubcommand).with_cmd(&cmd);
            e.insert(
                ContextKind::InvalidSubcommand,
                ContextValue::String(n.to_string()),
            );
            Err(e)
        }
        (_, Some(mut s)) => Ok(s.render_long_help().to_string()),
        (None, None) => Ok(cmd.render_long_help().to_string()),
    }
}

/// Two or three real examples after the help of each subcommand (`check`
/// has its own, after its note on santong.yaml).
pub fn with_examples(cmd: Command) -> Command {
    let examples = |c: Command, lines: &[&str]| {
        let text = lines
            .iter()
            .map(|l| format!("  {l}"))
            .collect::<Vec<_>>()
            .join("\n");
        c.after_help(format!("Examples:\n{text}"))
    };
    cmd
        .mut_subcommand("diff", |c| {
            examples(
                c,
                &[
                    "santong diff nanning.xlsx liuzhou.xlsx guilin.xlsx",
                    "santong diff cities/*.xlsx --basic basic.xlsx --format html --output diff.html",
                    "santong diff a.csv b.csv --baseline a.csv --fail-if-diff",
                ],
            )
        })
        .mut_subcommand("score", |c| {
            examples(
                c,
                &[
                    "santong score cities/*.xlsx",
                    "santong score nanning.xlsx liuzhou.xlsx --basic basic.xlsx --format xlsx --output scores.xlsx",
                ],
            )
        })
        .mut_subcommand("template", |c| {
            examples(c, &["santong template", "santong template --out blank.xlsx --standard guangxi/"])
        })
        .mut_subcommand("guide", |c| {
            examples(
                c,
                &[
                    "santong guide list.xlsx",
                    "santong guide list.xlsx --format docx --out guides/",
                    "santong guide list.xlsx --item 11450100MB0000000X4000111001000 --item 000104002000",
                ],
            )
        })
        .mut_subcommand("form", |c| {
            examples(
                c,
                &[
                    "santong form list.xlsx --all",
                    "santong form list.xlsx --item 11450100MB0000000X4000111001000 --item 000104002000 --out forms/",
                ],
            )
        })
        .mut_subcommand("init", |c| {
            examples(
                c,
                &[
                    "santong init --source https://git.example.org/office/santong.git --rev v0.1.0",
                    "santong init --source tools/santong",
                    "santong init catalogues/ --force",
                ],
            )
        })
        .mut_subcommand("schema", |c| {
            examples(
                c,
                &[
                    "santong schema config > santong.schema.json",
                    "santong schema table-schema > list.schema.json",
                ],
            )
        })
        .mut_subcommand("explain", |c| {
            examples(
                c,
                &[
                    "santong explain promise-exceeds-statutory",
                    "santong explain invalid-credit-code --lang zh",
                ],
            )
        })
        .mut_subcommand("rules", |c| {
            examples(c, &["santong rules", "santong rules --standard guangxi/"])
        })
        .mut_subcommand("export", |c| {
            c.after_help(
                "Examples:\n  santong export cities/ --output province.sqlite\n  \
                 santong export cities/ --findings --format parquet --output province/\n\n\
                 Example queries: docs/queries/.",
            )
        })
        .mut_subcommand("completions", |c| {
            examples(
                c,
                &[
                    "santong completions bash > ~/.local/share/bash-completion/completions/santong",
                    "santong completions zsh > ~/.zfunc/_santong",
                ],
            )
        })
        .mut_subcommand("man", |c| {
            examples(c, &["santong man > ~/.local/share/man/man1/santong.1"])
        })
}

fn zh_command(mut cmd: Command, key: &str) -> Command {
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in &subs {
        cmd = cmd.mut_subcommand(s, |c| zh_command(c, s));
    }
    if let Some(about) = zh_help(key) {
        cmd = cmd
            .about(about)
            .long_about(clap::builder::Resettable::<StyledStr>::Reset);
    }
    if let Some(after) = zh_help(&format!("{key}#after")) {
        cmd = cmd
            .after_help(after)
            .after_long_help(clap::builder::Resettable::<StyledStr>::Reset);
    }
    let has_positionals = cmd.get_positionals().next().is_some();
    let has_subcommands = !subs.is_empty();
    cmd = cmd.disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help("显示帮助"),
    );
    cmd = cmd.mut_args(|a| zh_arg(a, key));
    let mut template = String::from("{before-help}{about-with-newline}\n用法：{usage}\n");
    if has_subcommands {
        template.push_str("\n命令：\n{subcommands}\n");
    }
    if has_positionals {
        template.push_str("\n参数：\n{positionals}\n");
    }
    template.push_str("\n选项：\n{options}{after-help}\n");
    cmd.help_template(template)
}

/// An argument's description in Chinese, with its default and possible
/// values in Chinese brackets rather than clap's English ones.
fn zh_arg(a: Arg, key: &str) -> Arg {
    let id = a.get_id().as_str().to_string();
    if id == "help" || id == "version" {
        return a;
    }
    let mut text = zh_help(&format!("{key}.{id}"))
        .or_else(|| zh_help(&id))
        .unwrap_or("")
        .to_string();
    let mut a = a;
    let takes_values = a.get_action().takes_values();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_values && !defaults.is_empty() && !a.is_hide_default_value_set() {
        text.push_str(&format!("（默认：{}）", defaults.join("、")));
        a = a.hide_default_value(true);
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_values && !values.is_empty() && !a.is_hide_possible_values_set() {
        text.push_str(&format!("（可选：{}）", values.join("、")));
        a = a.hide_possible_values(true);
    }
    a.help(text)
        .long_help(clap::builder::Resettable::<StyledStr>::Reset)
}

/// clap's usage line with its placeholders in Chinese, without its heading.
fn zh_usage(usage: &StyledStr) -> String {
    let u = usage.to_string();
    let u = u.strip_prefix("Usage: ").unwrap_or(&u);
    u.replace("[OPTIONS]", "[选项]")
        .replace("<COMMAND>", "<命令>")
        .replace("[COMMAND]", "[命令]")
}

fn s(v: Option<&ContextValue>) -> String {
    match v {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        Some(ContextValue::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn list(v: Option<&ContextValue>) -> Vec<String> {
    match v {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        _ => Vec::new(),
    }
}

/// A clap parse error in Chinese: what was wrong, clap's suggestions,
/// the usage and where to read more. (Help and version are not errors
/// and are printed as they are.)
pub fn zh_error(e: &clap::Error) -> String {
    let arg = s(e.get(ContextKind::InvalidArg));
    let value = s(e.get(ContextKind::InvalidValue));
    let mut out = String::from("错误：");
    match e.kind() {
        ErrorKind::InvalidValue => {
            if value.is_empty() {
                out.push_str(&format!("参数 '{arg}' 需要一个值，但没有给出"));
            } else {
                out.push_str(&format!("参数 '{arg}' 的值 '{value}' 无效"));
            }
            let valid = list(e.get(ContextKind::ValidValue));
            if !valid.is_empty() {
                out.push_str(&format!("\n  可选值: {}", valid.join(", ")));
            }
        }
        ErrorKind::UnknownArgument => {
            out.push_str(&format!("无法识别的参数 '{arg}'"));
        }
        ErrorKind::InvalidSubcommand => {
            let sub = s(e.get(ContextKind::InvalidSubcommand));
            out.push_str(&format!("无法识别的子命令 '{sub}'"));
        }
        ErrorKind::NoEquals => {
            out.push_str(&format!("参数 '{arg}' 的值须用等号给出，如 {arg}=值"));
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|c| zh_reason(&c.to_string()))
                .unwrap_or_default();
            out.push_str(&format!("参数 '{arg}' 的值 '{value}' 无效"));
            if !why.is_empty() {
                out.push_str(&format!(": {why}"));
            }
        }
        ErrorKind::TooManyValues => {
            out.push_str(&format!("参数 '{arg}' 收到了多余的值 '{value}'"));
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let expected = s(e.get(ContextKind::ExpectedNumValues));
            let expected = if expected.is_empty() {
                s(e.get(ContextKind::MinValues))
            } else {
                expected
            };
            let actual = s(e.get(ContextKind::ActualNumValues));
            out.push_str(&format!(
                "参数 '{arg}' 需要 {expected} 个值，实际给出 {actual} 个"
            ));
        }
        ErrorKind::ArgumentConflict => {
            let prior = list(e.get(ContextKind::PriorArg));
            if prior.is_empty() {
                out.push_str(&format!("参数 '{arg}' 不能与前面的参数同时使用"));
            } else {
                out.push_str(&format!(
                    "参数 '{arg}' 不能与 '{}' 同时使用",
                    prior.join("', '")
                ));
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = list(e.get(ContextKind::InvalidArg));
            out.push_str("缺少必需的参数：");
            for m in missing {
                out.push_str(&format!("\n  {m}"));
            }
        }
        ErrorKind::MissingSubcommand => {
            let sub = s(e.get(ContextKind::InvalidSubcommand));
            out.push_str(&format!("'{sub}' 需要一个子命令"));
        }
        ErrorKind::InvalidUtf8 => out.push_str("参数不是有效的 UTF-8 文本"),
        ErrorKind::Io => out.push_str("写出帮助时出错"),
        _ => out.push_str("命令行参数有误"),
    }
    let suggested_value = list(e.get(ContextKind::SuggestedValue));
    let suggested_arg = list(e.get(ContextKind::SuggestedArg));
    let suggested_sub = list(e.get(ContextKind::SuggestedSubcommand));
    for v in suggested_value {
        out.push_str(&format!("\n\n  提示: 是否想用 '{v}'？"));
    }
    for v in suggested_arg {
        out.push_str(&format!("\n\n  提示: 有相近的参数 '{v}'"));
    }
    for v in suggested_sub {
        out.push_str(&format!("\n\n  提示: 有相近的子命令 '{v}'"));
    }
    if let Some(t) = e.get(ContextKind::TrailingArg) {
        if matches!(t, ContextValue::Bool(true)) {
            out.push_str(&format!(
                "\n\n  提示: 若要把 '{arg}' 作为值传入，请写在 '--' 之后：'-- {arg}'"
            ));
        }
    }
    if let Some(ContextValue::StyledStr(u)) = e.get(ContextKind::Usage) {
        out.push_str(&format!("\n\n用法：{}", zh_usage(u)));
    }
    out.push_str("\n\n更多信息请运行 '--help'。\n");
    out
}

/// The reason a value parser gave, in Chinese where it is one of the
/// standard library's number errors.
fn zh_reason(en: &str) -> String {
    match en {
        "invalid digit found in string" => "应为非负整数".into(),
        "cannot parse integer from empty string" => "不能为空".into(),
        "number too large to fit in target type" => "数值过大".into(),
        "number too small to fit in target type" => "数值过小".into(),
        "invalid float literal" => "应为数字".into(),
        other => other.to_string(),
    }
}
