//! `santong explain RULE`: a rule's documentation (from its file or its
//! YAML, as `docs/rules.md` is generated) with its severity, elements, message and fix from the standard, and a
//! good and a bad example — in the run's language.

use crate::i18n::Lang;
use crate::standard::Standard;

/// The text of the rule's documentation, or an error naming the closest ids.
pub fn explain(std: &Standard, id: &str) -> Result<String, String> {
    let Some(rule) = std.rule(id) else {
        let mut close: Vec<(f64, &str)> = std
            .rules
            .iter()
            .map(|r| (strsim::normalized_levenshtein(id, &r.id), r.id.as_str()))
            .filter(|(s, _)| *s > 0.5)
            .collect();
        close.sort_by(|a, b| b.0.total_cmp(&a.0));
        let hint = match close.first() {
            Some((_, c)) => crate::tr!("（是不是 {}？）", " (did you mean {}?)", c),
            None => String::new(),
        };
        return Err(crate::tr!(
            "没有规则 `{}`{}；`santong rules` 列出全部规则",
            "no rule `{}`{}; `santong rules` lists them",
            id,
            hint
        ));
    };
    Ok(explain_rule(std, rule, crate::locale::is_zh()))
}

/// One rule's documentation in one language.
fn explain_rule(std: &Standard, rule: &crate::standard::Rule, zh: bool) -> String {
    let pick = |z: &'static str, e: &'static str| if zh { z } else { e };
    let lang = if zh { Lang::Zh } else { Lang::En };
    let doc = crate::rules::doc_of(rule);
    let mut out = String::new();
    let push = |out: &mut String, s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    push(&mut out, &rule.id);
    push(&mut out, &format!("  {}", lang.msg(&rule.title)));
    let elements = if rule.elements.is_empty() {
        "-".to_string()
    } else {
        rule.elements
            .iter()
            .map(|e| match std.element(e) {
                Some(el) => format!("{} {}", el.label, e),
                None => e.clone(),
            })
            .collect::<Vec<_>>()
            .join(pick("、", ", "))
    };
    push(
        &mut out,
        &format!(
            "  {}{}    {}{elements}",
            pick("级别：", "Severity: "),
            super::words::severity(rule.severity, lang),
            pick("要素：", "Elements: "),
        ),
    );
    out.push('\n');
    if let Some(d) = &doc {
        push(
            &mut out,
            &format!(
                "{}{}",
                pick("说明：", "About: "),
                if zh { d.zh } else { d.en }
            ),
        );
        out.push('\n');
    }
    push(&mut out, pick("消息", "Message"));
    push(&mut out, &format!("  {}", lang.msg(&rule.message)));
    if let Some(fix) = &rule.fix {
        push(&mut out, pick("修改建议", "Fix"));
        push(&mut out, &format!("  {}", lang.msg(fix)));
    }
    if rule.when.is_some() || rule.assert.is_some() {
        push(&mut out, pick("表达式", "Expression"));
        for (what, x) in [("when", &rule.when), ("assert", &rule.assert)] {
            if let Some(x) = x {
                push(&mut out, &format!("  {what}: `{x}`"));
            }
        }
    }
    if let Some(d) = &doc {
        push(&mut out, pick("示例", "Examples"));
        for g in &d.good {
            push(&mut out, &format!("  ✓ {}{g}", pick("正确：", "good: ")));
        }
        for b in &d.bad {
            push(&mut out, &format!("  ✗ {}{b}", pick("错误：", "bad:  ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_explained_in_each_language_with_examples() {
        let std = Standard::national().unwrap();
        for r in &std.rules {
            let zh = explain_rule(&std, r, true);
            assert!(zh.contains("说明："), "{}: no Chinese description", r.id);
            assert!(zh.contains("✓ 正确："), "{}: no good example", r.id);
            assert!(zh.contains("✗ 错误："), "{}: no bad example", r.id);
            assert!(zh.contains(&r.message.zh) && !zh.contains(&r.message.en));
            assert!(!zh.contains("About") && !zh.contains("Message"), "{zh}");
            let en = explain_rule(&std, r, false);
            assert!(en.contains("About: "), "{}: no English description", r.id);
            assert!(en.contains("✓ good: ") && en.contains("✗ bad:  "), "{en}");
            assert!(en.contains(&r.message.en) && !en.contains(&r.message.zh));
            // Chinese labels of elements stay; the headings are English
            assert!(!en.contains("说明：") && !en.contains("\n消息"), "{en}");
        }
    }

    #[test]
    fn unknown_rules_suggest_the_closest() {
        let std = Standard::national().unwrap();
        let e = explain(&std, "catch-all-clauses").unwrap_err();
        assert!(e.contains("did you mean catch-all-clause?"), "{e}");
    }
}
