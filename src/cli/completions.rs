//! `santong completions SHELL` and `santong man`: what a shell and `man`
//! need, generated from the command line itself (in the run's language).

use super::Exit;
use std::io::Write;

#[derive(clap::Args)]
pub struct Args {
    /// The shell: bash, zsh, fish, powershell, elvish
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(clap::Args)]
pub struct ManArgs {}

pub fn run(a: Args, mut cmd: clap::Command) -> anyhow::Result<Exit> {
    let mut out = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "santong", &mut out);
    super::print(&String::from_utf8_lossy(&out))?;
    Ok(0)
}

pub fn man(_: ManArgs, mut cmd: clap::Command) -> anyhow::Result<Exit> {
    cmd.build();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut out)?;
    // each subcommand as a section of the one page: its synopsis, what it
    // does and its options, as subsections
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("santong {}", sub.get_name());
        let page = clap_mangen::Man::new(sub.clone().bin_name(&name));
        let mut part = Vec::new();
        page.render_synopsis_section(&mut part)?;
        page.render_description_section(&mut part)?;
        page.render_options_section(&mut part)?;
        let part = String::from_utf8_lossy(&part)
            .replace(".SH SYNOPSIS", ".SS SYNOPSIS")
            .replace(".SH DESCRIPTION", ".SS DESCRIPTION")
            .replace(".SH OPTIONS", ".SS OPTIONS");
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        out.extend_from_slice(part.as_bytes());
    }
    let page = String::from_utf8_lossy(&out).into_owned();
    let mut page = one_page(&page);
    // section headings as Chinese man pages name them
    if santong::locale::is_zh() {
        for (en, zh) in [
            ("NAME", "名称"),
            ("SYNOPSIS", "概述"),
            ("DESCRIPTION", "描述"),
            ("OPTIONS", "选项"),
            ("SUBCOMMANDS", "子命令"),
            ("EXTRA", "附注"),
            ("VERSION", "版本"),
        ] {
            for level in [".SH", ".SS"] {
                page = page.replace(&format!("{level} {en}\n"), &format!("{level} {zh}\n"));
            }
        }
    }
    super::print(&page)?;
    Ok(0)
}

/// The man page as one page: no justified lines (a Chinese line has no
/// spaces to stretch but the few it has, which justification widens), no
/// hyphenation, a NAME line short enough for `whatis`, and subcommands
/// referred to by their sections here rather than by `santong-check(1)`
/// pages that are not installed.
fn one_page(page: &str) -> String {
    let mut out = String::with_capacity(page.len() + 64);
    let mut in_name = false;
    for line in page.lines() {
        if line.starts_with(".TH ") {
            out.push_str(line);
            out.push_str("\n.ad l\n.nh\n");
            continue;
        }
        if in_name && !line.starts_with('.') {
            out.push_str(&santong::tr!(
                "santong \\- 政务服务事项实施清单检查工具\n",
                "santong \\- check government service-item lists against the national standard\n"
            ));
            in_name = false;
            continue;
        }
        in_name = line == ".SH NAME";
        // `santong\-check(1)` → **santong check**, a section of this page
        let mut l = line.to_string();
        while let Some(at) = l.find("santong\\-") {
            let rest = &l[at + "santong\\-".len()..];
            let Some(close) = rest.find("(1)") else { break };
            let sub = rest[..close].to_string();
            if !sub
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '\\')
            {
                break;
            }
            l.replace_range(
                at..at + "santong\\-".len() + close + 3,
                &format!("\\fBsantong {sub}\\fR"),
            );
        }
        out.push_str(&l);
        out.push('\n');
    }
    out
}
