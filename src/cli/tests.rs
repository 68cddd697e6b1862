//! The command line itself: every option described in both languages,
//! Chinese help without English headings, the language found before
//! parsing.

use crate::cli;
use crate::{command, command_en};
use santong::i18n::Lang;

/// Every command and argument, by the keys of `santong::i18n::help`.
fn keys(cmd: &clap::Command, key: &str, out: &mut Vec<(String, String)>) {
    out.push((
        key.to_string(),
        cmd.get_about().map(|a| a.to_string()).unwrap_or_default(),
    ));
    for a in cmd.get_arguments() {
        let id = a.get_id().as_str();
        if id == "help" || id == "version" {
            continue;
        }
        let en = a.get_help().map(|h| h.to_string()).unwrap_or_default();
        out.push((format!("{key}.{id}"), en));
    }
    for s in cmd.get_subcommands() {
        keys(s, s.get_name(), out);
    }
}

#[test]
fn every_command_and_option_is_described_in_both_languages() {
    let mut all = Vec::new();
    keys(&command_en(), "santong", &mut all);
    let undescribed: Vec<&String> = all
        .iter()
        .filter(|(_, en)| en.trim().is_empty())
        .map(|(k, _)| k)
        .collect();
    assert!(undescribed.is_empty(), "no English help: {undescribed:?}");
    let untranslated: Vec<&String> = all
        .iter()
        .filter(|(k, _)| {
            let bare = k.split_once('.').map_or(k.as_str(), |(_, id)| id);
            santong::i18n::help::zh(k).is_none() && santong::i18n::help::zh(bare).is_none()
        })
        .map(|(k, _)| k)
        .collect();
    assert!(
        untranslated.is_empty(),
        "no Chinese help: {untranslated:#?}"
    );
}

#[test]
fn chinese_help_has_no_english_headings() {
    let mut cmd = command(Lang::Zh);
    let top = cmd.render_long_help().to_string();
    assert!(top.contains("用法：santong [选项] <命令>"), "{top}");
    assert!(top.contains("命令：") && top.contains("选项："), "{top}");
    for heading in [
        "Usage:",
        "Options:",
        "Commands:",
        "Arguments:",
        "Print help",
    ] {
        assert!(!top.contains(heading), "{heading} in {top}");
    }
    cmd.build();
    for sub in cmd.get_subcommands_mut() {
        let text = sub.render_long_help().to_string();
        for heading in [
            "Usage:",
            "Options:",
            "Arguments:",
            "[default:",
            "[possible values:",
            "Print help",
        ] {
            assert!(
                !text.contains(heading),
                "{heading} in {}: {text}",
                sub.get_name()
            );
        }
    }
}

#[test]
fn the_language_is_found_before_parsing() {
    let args = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
    assert_eq!(
        cli::locale::lang_of_args(&args(&["santong", "--lang", "zh", "check"])),
        Lang::Zh
    );
    assert_eq!(
        cli::locale::lang_of_args(&args(&["santong", "check", "--lang=en"])),
        Lang::En
    );
    // a file named --lang after `--` is a file
    let after = cli::locale::lang_of_args(&args(&["santong", "check", "--", "--lang", "zh"]));
    assert_eq!(after, Lang::from_env());
}
