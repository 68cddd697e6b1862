//! `santong explain RULE`: a rule's documentation (from its file or its
//! YAML, as `docs/rules.md` is generated) with its severity, elements, message and fix from the standard, and a
//! good and a bad example — in Chinese and English.

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
            Some((_, c)) => format!(" (did you mean {c}?)"),
            None => String::new(),
        };
        return Err(format!("no rule `{id}`{hint}; `santong rules` lists them"));
    };
    let doc = crate::rules::doc_of(rule);
    let (about_en, about_zh) = match &doc {
        Some(d) => (vec![d.en], vec![d.zh]),
        None => (Vec::new(), Vec::new()),
    };
    let (good, bad) = match &doc {
        Some(d) => (d.good.clone(), d.bad.clone()),
        None => (Vec::new(), Vec::new()),
    };
    let mut expr = Vec::new();
    if let Some(w) = &rule.when {
        expr.push(format!("when: `{w}`"));
    }
    if let Some(a) = &rule.assert {
        expr.push(format!("assert: `{a}`"));
    }
    let mut out = String::new();
    let push = |out: &mut String, s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    push(&mut out, &rule.id);
    push(
        &mut out,
        &format!("  {} — {}", rule.title.zh, rule.title.en),
    );
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
            .join(", ")
    };
    push(
        &mut out,
        &format!(
            "  级别 severity: {}    要素 elements: {elements}",
            rule.severity.as_str()
        ),
    );
    out.push('\n');
    if !about_zh.is_empty() {
        push(&mut out, &format!("说明：{}", about_zh.join(" ")));
    }
    if !about_en.is_empty() {
        push(&mut out, &format!("About: {}", about_en.join(" ")));
    }
    out.push('\n');
    push(&mut out, "消息 Message");
    push(&mut out, &format!("  zh: {}", rule.message.zh));
    push(&mut out, &format!("  en: {}", rule.message.en));
    if let Some(fix) = &rule.fix {
        push(&mut out, "修改建议 Fix");
        push(&mut out, &format!("  zh: {}", fix.zh));
        push(&mut out, &format!("  en: {}", fix.en));
    }
    if !expr.is_empty() {
        push(&mut out, "表达式 Expression");
        for e in &expr {
            push(&mut out, &format!("  {e}"));
        }
    }
    push(&mut out, "示例 Examples");
    for g in &good {
        push(&mut out, &format!("  ✓ 正确 good: {g}"));
    }
    for b in &bad {
        push(&mut out, &format!("  ✗ 错误 bad:  {b}"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_explained_in_both_languages_with_examples() {
        let std = Standard::national().unwrap();
        for r in &std.rules {
            let text = explain(&std, &r.id).unwrap();
            assert!(text.contains("说明："), "{}: no Chinese description", r.id);
            assert!(text.contains("About: "), "{}: no English description", r.id);
            assert!(text.contains("✓ 正确 good: "), "{}: no good example", r.id);
            assert!(text.contains("✗ 错误 bad: "), "{}: no bad example", r.id);
            assert!(text.contains(&r.message.zh) && text.contains(&r.message.en));
        }
    }

    #[test]
    fn unknown_rules_suggest_the_closest() {
        let std = Standard::national().unwrap();
        let e = explain(&std, "catch-all-clauses").unwrap_err();
        assert!(e.contains("did you mean catch-all-clause?"), "{e}");
    }
}
