//! Rule documentation: each built-in rule's [`RuleDoc`] lives in its file,
//! each expression rule's `doc` in `rules.yaml`. `docs/rules.md` is
//! generated from both ([`markdown`]; a test fails when the committed file
//! drifts), and `santong explain` reads the same data.

use crate::standard::{Rule, RuleId, Standard};

/// A built-in rule's documentation, written beside its code.
#[derive(Debug)]
pub struct RuleDoc {
    pub en: &'static str,
    pub zh: &'static str,
    pub good: &'static [&'static str],
    pub bad: &'static [&'static str],
    /// The examples in Chinese, where they have words (empty: as `good`).
    pub good_zh: &'static [&'static str],
    pub bad_zh: &'static [&'static str],
}

/// A rule's documentation, whichever kind of rule it is.
pub struct DocView<'a> {
    pub en: &'a str,
    pub zh: &'a str,
    pub good: Vec<&'a str>,
    pub bad: Vec<&'a str>,
    pub good_zh: Vec<&'a str>,
    pub bad_zh: Vec<&'a str>,
}

impl<'a> DocView<'a> {
    /// The good and bad examples in a language.
    pub fn examples(&self, lang: crate::i18n::Lang) -> (&[&'a str], &[&'a str]) {
        let zh = lang == crate::i18n::Lang::Zh;
        let good = if zh && !self.good_zh.is_empty() {
            &self.good_zh
        } else {
            &self.good
        };
        let bad = if zh && !self.bad_zh.is_empty() {
            &self.bad_zh
        } else {
            &self.bad
        };
        (good, bad)
    }
}

/// The documentation of a rule of the standard, if it has any.
pub fn doc_of(rule: &Rule) -> Option<DocView<'_>> {
    if let Some(id) = rule.builtin {
        let d = super::doc(id);
        return Some(DocView {
            en: d.en,
            zh: d.zh,
            good: d.good.to_vec(),
            bad: d.bad.to_vec(),
            good_zh: d.good_zh.to_vec(),
            bad_zh: d.bad_zh.to_vec(),
        });
    }
    rule.doc.as_ref().map(|d| DocView {
        en: &d.en,
        zh: &d.zh,
        good: d.good.iter().map(String::as_str).collect(),
        bad: d.bad.iter().map(String::as_str).collect(),
        good_zh: d.good_zh.iter().map(String::as_str).collect(),
        bad_zh: d.bad_zh.iter().map(String::as_str).collect(),
    })
}

const INTRO: &str = "# Rules

Every rule santong applies, one section each. Ids are stable and kebab-case;
severity and messages are data in `standards/national/rules.yaml` and a provincial
standard may override them (`severity: off` disables a rule). Rules with an
`assert` expression are evaluated by minijinja; the others are built in, one
file each under `src/rules/`. `santong rules` lists them.

This file is generated from the rules' own documentation (`cargo test` fails
when it drifts; `UPDATE_DOCS=1 cargo test --lib rules_md` rewrites it).
";

/// `docs/rules.md`: every rule of the standard, in its order.
pub fn markdown(std: &Standard) -> String {
    let mut out = String::from(INTRO);
    for r in &std.rules {
        out.push_str(&format!("\n## {}\n\n", r.id));
        out.push_str(&format!(
            "**{}** — {}. Default severity: `{}`.",
            r.title.zh,
            r.title.en,
            r.severity.as_str()
        ));
        if r.builtin.is_none() && !r.elements.is_empty() {
            out.push_str(&format!(" Points at: `{}`.", r.elements.join(", ")));
        }
        match r.builtin {
            Some(id) => out.push_str(&format!(" Code: `{}`.\n", super::file_of(id))),
            None => out.push('\n'),
        }
        let Some(d) = doc_of(r) else { continue };
        out.push_str(&format!("\n{}\n\n说明：{}\n\n", d.en, d.zh));
        if let Some(w) = &r.when {
            out.push_str(&format!("- when: `{w}`\n"));
        }
        if let Some(a) = &r.assert {
            out.push_str(&format!("- assert: `{a}`\n\n"));
        }
        for g in &d.good {
            out.push_str(&format!("- good: {g}\n"));
        }
        for b in &d.bad {
            out.push_str(&format!("- bad: {b}\n"));
        }
        for g in &d.good_zh {
            out.push_str(&format!("- 正确：{g}\n"));
        }
        for b in &d.bad_zh {
            out.push_str(&format!("- 错误：{b}\n"));
        }
        if r.builtin == Some(RuleId::InvalidValue) {
            out.push_str(&provenance_table(std));
        }
    }
    out
}

/// Every constraint of the standard with where it comes from and the
/// severity a departure gets.
fn provenance_table(std: &Standard) -> String {
    use crate::standard::{Constraint, Provenance};
    let sev = |p: Provenance| match p {
        Provenance::National => "error",
        _ => "warning",
    };
    let mut out =
        String::from("\n| element | constraint | source | severity |\n|---|---|---|---|\n");
    for el in &std.elements {
        let field = el.exchange_field.as_deref().unwrap_or("");
        let mut row = |what: String, p: Provenance| {
            let source = match p {
                Provenance::Exchange if !field.is_empty() => format!("exchange field `{field}`"),
                p => p.as_str().to_string(),
            };
            out.push_str(&format!(
                "| `{}` {} | {what} | {source} | {} |\n",
                el.id,
                el.label,
                sev(p)
            ));
        };
        if let Some(m) = el.max_length {
            row(
                format!("max_length {m}"),
                el.provenance(Constraint::MaxLength),
            );
        }
        if el.min.is_some() || el.max.is_some() {
            let f = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
            row(
                format!("range {}–{}", f(el.min), f(el.max)),
                el.provenance(Constraint::Range),
            );
        }
        if let Some(p) = &el.pattern {
            row(format!("pattern `{p}`"), el.provenance(Constraint::Pattern));
        }
        if let Some(v) = std.vocabulary_of(el) {
            let (what, p) = if el.strict {
                ("closed", Provenance::National)
            } else {
                ("not known to be closed", Provenance::Practice)
            };
            out.push_str(&format!(
                "| `{}` {} | vocabulary `{}` ({what}) | {} | {} |\n",
                el.id,
                el.label,
                v.id,
                if el.strict {
                    "national"
                } else {
                    "national, open"
                },
                sev(p)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_md_is_generated_from_the_rules() {
        let std = Standard::national().unwrap();
        let text = markdown(&std);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(path, &text).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap();
        assert!(
            committed == text,
            "docs/rules.md is out of date: run UPDATE_DOCS=1 cargo test --lib rules_md"
        );
    }

    #[test]
    fn every_rule_is_documented_with_examples() {
        let std = Standard::national().unwrap();
        for r in &std.rules {
            let d = doc_of(r).unwrap_or_else(|| panic!("{} has no doc", r.id));
            assert!(!d.en.is_empty() && !d.zh.is_empty(), "{}", r.id);
            assert!(!d.good.is_empty() && !d.bad.is_empty(), "{}", r.id);
        }
    }
}
