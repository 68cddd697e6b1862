//! GitHub workflow commands, one per finding, for pull-request annotations:
//! `::error file=…,line=…,col=…,title=…::message`.

use super::emit::{Emitter, FileView, FindingView, Summary};
use crate::i18n::messages::with_fix;
use crate::i18n::Lang;
use crate::standard::Severity;
use std::fmt::Write as _;

/// Escape the message part of a workflow command.
fn gh_data(s: &str) -> String {
    crate::text::printable(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value of a workflow command.
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub struct Github {
    lang: Lang,
    out: String,
}

impl Github {
    pub fn new(lang: Lang) -> Self {
        Github {
            lang,
            out: String::new(),
        }
    }
}

impl<'a> Emitter<'a> for Github {
    fn file(&mut self, f: &FileView<'a>) {
        if let Some(message) = f.failure {
            let _ = writeln!(
                self.out,
                "::error file={},title={}::{}",
                gh_property(f.path),
                gh_property("santong"),
                gh_data(message)
            );
        }
    }

    fn finding(&mut self, x: FindingView<'a>) {
        let level = match x.finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            _ => "notice",
        };
        let mut props = format!("file={}", gh_property(x.path));
        if let Some(row) = x.row {
            let _ = write!(props, ",line={row}");
            if let Some(c) = x.finding.col {
                let _ = write!(props, ",col={}", c + 1);
            }
        }
        let title = if x.cell.is_empty() {
            x.rule.to_string()
        } else {
            format!("{} {}", x.rule, x.cell)
        };
        let _ = write!(props, ",title={}", gh_property(&title));
        let text = with_fix(self.lang, &x.message, x.fix.as_deref());
        let _ = writeln!(self.out, "::{level} {props}::{}", gh_data(&text));
    }

    fn finish(self: Box<Self>, _: &Summary<'a>) -> Result<String, String> {
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_their_parts() {
        assert_eq!(gh_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(gh_property("a:b,c"), "a%3Ab%2Cc");
    }
}
