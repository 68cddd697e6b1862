//! The output templates (`templates/*.j2`), embedded into the binary and
//! overridable file by file with `--templates DIR`. Undefined variables are
//! errors, so a template and its view model cannot drift apart silently,
//! and every template error names the template file and line.

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

pub const TEMPLATES: [(&str, &str); 9] = embedded!(
    "check.html.j2",
    "diff.html.j2",
    "score.html.j2",
    "guide-base.html.j2",
    "guide-block.html.j2",
    "guide-index.html.j2",
    "guide-item.html.j2",
    "guide-index.md.j2",
    "guide-item.md.j2",
);

/// Templates ready to render: the embedded ones, with any overrides.
pub struct Templates {
    env: Environment<'static>,
    /// Where an overridden template came from, for error messages.
    origin: HashMap<String, PathBuf>,
}

const MARKDOWN: &str = "markdown";

/// HTML templates escape HTML; Markdown templates (`*.md.j2`) escape
/// Markdown, so catalogue text cannot inject markup in either.
fn base_environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    // a loop in a template ends (and names the template) instead of running for ever
    env.set_fuel(Some(TEMPLATE_FUEL));
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".md.j2") {
            AutoEscape::Custom(MARKDOWN.into())
        } else {
            minijinja::default_auto_escape_callback(name)
        }
    });
    env.set_formatter(|out, state, value| match state.auto_escape() {
        AutoEscape::Custom(name) if name == MARKDOWN => {
            let text = value.to_string();
            let shown = if value.is_safe() {
                text
            } else {
                md_escape(&text)
            };
            out.write_str(&shown).map_err(|_| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "cannot write output")
            })
        }
        // a control character from a cell is replaced, never written
        AutoEscape::Html if !value.is_safe() => match value.as_str() {
            Some(text) if text.chars().any(crate::text::is_stray_control) => {
                let clean = crate::text::without_controls(text);
                write!(out, "{}", minijinja::HtmlEscape(&clean)).map_err(|_| {
                    minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "cannot write output")
                })
            }
            _ => minijinja::escape_formatter(out, state, value),
        },
        _ => minijinja::escape_formatter(out, state, value),
    });
    env.add_filter("md_cell", |s: String| Value::from_safe_string(md_cell(&s)));
    env.add_filter("md_text", |s: String| {
        Value::from_safe_string(md_escape(&s))
    });
    env
}

/// Instructions one page may run: far above what a guide with thousands
/// of materials needs, far below a runaway loop.
pub const TEMPLATE_FUEL: u64 = 50_000_000;

/// Markdown text that is only text: every character Markdown gives a
/// meaning inline (emphasis, code, links, images, tables, HTML, math) is
/// escaped, every line start that would open a block (heading, quote,
/// list, rule, code block) is escaped, and a URL cannot become a link.
fn md_escape(s: &str) -> String {
    s.split('\n')
        .map(|l| md_line(l.trim_end_matches('\r')))
        .collect::<Vec<_>>()
        .join("\n")
}

fn md_line(line: &str) -> String {
    // leading spaces would make an indented code block
    let clean = crate::text::without_controls(line);
    let line = clean.trim_start();
    let mut out = String::with_capacity(line.len() + 8);
    for (i, c) in line.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '!' | '|' | '~' | '{' | '}' | '#'
            | '$' | '^' => {
                out.push('\\');
                out.push(c);
            }
            // no autolink: `https://`, `www.`
            ':' if line[i..].starts_with("://") => out.push_str("\\:"),
            '.' if line[..i].to_ascii_lowercase().ends_with("www") => out.push_str("\\."),
            c => out.push(c),
        }
    }
    // a list item, rule or setext underline at the line start
    let first = out.chars().next();
    if matches!(first, Some('-' | '+' | '=')) {
        out.insert(0, '\\');
    }
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
        out.insert(digits, '\\');
    }
    out
}

/// Markdown text for a table cell: no pipes or line breaks either.
fn md_cell(s: &str) -> String {
    md_escape(s).replace(['\r', '\n'], " ")
}

impl Templates {
    /// The embedded templates, each replaced by a file of the same name in
    /// `dir` when there is one; other `*.j2` files in `dir` are added too,
    /// so an override can include its own partials.
    pub fn load(dir: Option<&Path>) -> Result<Templates, String> {
        let mut env = base_environment();
        let mut origin = HashMap::new();
        let mut sources: Vec<(String, String)> = TEMPLATES
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        if let Some(dir) = dir {
            let entries = std::fs::read_dir(dir).map_err(|e| {
                crate::tr!(
                    "无法读取模板目录 {}：{}",
                    "cannot read the templates directory {}: {}",
                    dir.display(),
                    crate::locale::io_error(&e)
                )
            })?;
            for entry in entries.flatten() {
                let path = entry.path();
                let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                    continue;
                };
                if !name.ends_with(".j2") || !path.is_file() {
                    continue;
                }
                crate::output::note_read(&path);
                let src = std::fs::read_to_string(&path)
                    .map_err(|e| crate::locale::cannot_read(&path, &e))?;
                sources.retain(|(n, _)| n != name);
                sources.push((name.to_string(), src));
                origin.insert(name.to_string(), path.clone());
            }
        }
        let mut t = Templates {
            env: Environment::new(),
            origin,
        };
        for (name, src) in sources {
            if let Err(e) = env.add_template_owned(name.clone(), src) {
                return Err(t.describe(&name, &e));
            }
        }
        t.env = env;
        Ok(t)
    }

    /// `path:line: message` for an error in a template.
    fn describe(&self, fallback: &str, e: &minijinja::Error) -> String {
        let name = e.name().unwrap_or(fallback);
        let shown = self
            .origin
            .get(name)
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| format!("templates/{name}"));
        let kind = crate::locale::template_error_kind(e);
        let mut msg = match e.line() {
            Some(line) => format!("{shown}:{line}: {kind}"),
            None => format!("{shown}: {kind}"),
        };
        // minijinja's detail is English: under Chinese the kind and line say it
        if let Some(detail) = e.detail().filter(|_| !crate::locale::is_zh()) {
            msg.push_str(": ");
            msg.push_str(detail);
        }
        msg
    }

    pub fn render(&self, name: &str, ctx: minijinja::Value) -> Result<String, String> {
        let t = self
            .env
            .get_template(name)
            .map_err(|e| self.describe(name, &e))?;
        t.render(ctx).map_err(|e| self.describe(name, &e))
    }
}

/// Render an embedded template; errors name the template and line.
pub fn render(name: &str, ctx: minijinja::Value) -> Result<String, String> {
    Templates::load(None)?.render(name, ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_templates_compile() {
        let t = Templates::load(None).unwrap();
        for (name, _) in TEMPLATES {
            assert!(t.env.get_template(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(md_escape("<script>"), "&lt;script&gt;");
        assert_eq!(md_escape("# x"), "\\# x");
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
        // nothing from a cell becomes Markdown structure
        assert_eq!(
            md_escape("正常\n# 标题\n```js"),
            "正常\n\\# 标题\n\\`\\`\\`js"
        );
        assert_eq!(md_escape("  1. 第一\n- 项"), "1\\. 第一\n\\- 项");
        assert_eq!(
            md_escape("[点击](javascript:alert(1)) ![x](http://evil/x.png)"),
            "\\[点击\\]\\(javascript:alert\\(1\\)\\) \\!\\[x\\]\\(http\\://evil/x.png\\)"
        );
        assert_eq!(md_escape("见 www.gov.cn"), "见 www\\.gov.cn");
        assert_eq!(md_escape("<b>&"), "&lt;b&gt;&amp;");
        assert_eq!(md_escape("8:00-12:00"), "8:00-12:00");
        // a Markdown template escapes every value it prints
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("x.md.j2"), "# {{ name }}").unwrap();
        let t = Templates::load(Some(d.path())).unwrap();
        let out = t
            .render(
                "x.md.j2",
                minijinja::context! { name => "<img src=x onerror=alert(1)>" },
            )
            .unwrap();
        assert_eq!(out, "# &lt;img src=x onerror=alert\\(1\\)&gt;");
    }

    #[test]
    fn override_errors_name_file_and_line() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("guide-index.md.j2"), "line one\n{{ nope }}\n").unwrap();
        let t = Templates::load(Some(d.path())).unwrap();
        let err = t
            .render("guide-index.md.j2", minijinja::context! {})
            .unwrap_err();
        assert!(err.contains("guide-index.md.j2:2:"), "{err}");
        assert!(err.contains("undefined"), "{err}");
        std::fs::write(d.path().join("guide-item.md.j2"), "ok\n{% if %}\n").unwrap();
        let err = Templates::load(Some(d.path())).err().unwrap();
        assert!(err.contains("guide-item.md.j2:2:"), "{err}");
    }
}
