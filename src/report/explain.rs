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
            .map(|e| match (std.element(e), zh) {
                (Some(el), true) => el.label.clone(),
                (Some(el), false) => format!("{} {}", el.label, e),
                (None, _) => e.clone(),
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
    let message = readable(std, &rule.id, "message", lang)
        .unwrap_or_else(|| lang.msg(&rule.message).to_string());
    push(&mut out, &format!("  {message}"));
    if let Some(fix) = &rule.fix {
        push(&mut out, pick("修改建议", "Fix"));
        let fix = readable(std, &rule.id, "fix", lang).unwrap_or_else(|| lang.msg(fix).to_string());
        push(&mut out, &format!("  {fix}"));
    }
    if rule.when.is_some() || rule.assert.is_some() {
        push(&mut out, pick("表达式", "Expression"));
        for (what, x) in [
            (pick("适用条件：", "when: "), &rule.when),
            (pick("须满足：", "assert: "), &rule.assert),
        ] {
            if let Some(x) = x {
                push(&mut out, &format!("  {what}`{x}`"));
            }
        }
    }
    if let Some(d) = &doc {
        push(&mut out, pick("示例", "Examples"));
        let (good, bad) = d.examples(lang);
        for g in good {
            push(&mut out, &format!("  ✓ {}{g}", pick("正确：", "good: ")));
        }
        for b in bad {
            push(&mut out, &format!("  ✗ {}{b}", pick("错误：", "bad:  ")));
        }
    }
    out
}

/// A message or fix as a reader sees it, with each value the finding fills
/// in shown as a named blank (〔要素名〕, ‹column›): the template's own
/// syntax is for the standard's authors, not for the reader.
fn readable(std: &Standard, rule: &str, part: &str, lang: Lang) -> Option<String> {
    let name = crate::standard::template_name(rule, part, lang.code());
    let t = std.env().get_template(&name).ok()?;
    let vars = t.undeclared_variables(false);
    let ctx: std::collections::BTreeMap<String, String> = vars
        .into_iter()
        .map(|v| {
            let word = blank_word(&v, lang);
            (v, word)
        })
        .collect();
    t.render(minijinja::Value::from(minijinja::value::Serde(&ctx)))
        .ok()
}

/// The words for a value a message fills in.
fn blank_word(var: &str, lang: Lang) -> String {
    const WORDS: [(&str, &str, &str); 53] = [
        ("code_type_label", "类型位的含义", "what the digits mean"),
        ("tier_zh", "省级或市级", "tier"),
        ("tier_en", "省级或市级", "tier"),
        ("label", "要素名", "column"),
        ("value", "取值", "value"),
        ("first", "首次出现的行", "first row"),
        ("count", "个数", "count"),
        ("expected", "应有的值", "expected value"),
        ("reason_zh", "原因", "reason"),
        ("reason_en", "原因", "reason"),
        ("meaning", "含义", "meaning"),
        ("code", "编码", "code"),
        ("other", "另一取值", "other value"),
        ("meaning_code", "代码", "code"),
        ("body", "实施主体", "body"),
        ("written", "原写法", "as written"),
        ("visits", "到办事现场次数", "visits"),
        ("suggestion", "建议值", "suggestion"),
        ("promised_days", "承诺办结时限", "promised days"),
        ("statutory_days", "法定办结时限", "statutory days"),
        ("number", "号码", "number"),
        ("kept", "保留部分", "part kept"),
        ("kept_version", "版本号", "version"),
        ("version", "版本号", "version"),
        ("size", "长度", "size"),
        ("last", "末列", "last column"),
        ("subs", "子项编码", "sub-item codes"),
        ("sub", "子项位", "sub-item digits"),
        ("code_type", "类型位", "type digits"),
        ("vertical", "机构名称", "body"),
        ("tail", "中断处", "where it breaks"),
        ("shown", "内容", "text"),
        ("item_row", "行号", "row"),
        ("impl_code", "实施编码", "implementation code"),
        ("error", "问题", "problem"),
        ("basic", "基本编码", "basic code"),
        ("allowed", "可选取值", "allowed values"),
        ("values_zh", "取值", "values"),
        ("values_en", "取值", "values"),
        ("dash", "横线", "dash"),
        ("area", "区划代码", "area code"),
        ("credit", "信用代码", "credit code"),
        ("org", "组织机构代码", "organisation code"),
        ("date", "日期", "date"),
        ("clause", "兜底表述", "catch-all clause"),
        ("condition", "条件", "condition"),
        ("result_name", "结果名称", "result name"),
        ("level_label", "层级", "level"),
        ("item_type_label", "事项类型", "item type"),
        ("national", "国家代码", "national code"),
        ("length", "长度", "length"),
        ("position", "位置", "position"),
        ("rule", "规则", "rule"),
    ];
    let word = WORDS
        .iter()
        .find(|(v, _, _)| *v == var)
        .map(|(_, zh, en)| lang.pick(zh, en));
    match (lang, word) {
        (Lang::Zh, Some(w)) => format!("〔{w}〕"),
        (Lang::Zh, None) => "〔…〕".to_string(),
        (Lang::En, Some(w)) => format!("‹{w}›"),
        (Lang::En, None) => "‹…›".to_string(),
    }
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
            // the message as a reader sees it: no template syntax, the blanks named
            assert!(!zh.contains("{{") && !zh.contains("{%"), "{zh}");
            assert!(!zh.contains(&r.message.en), "{zh}");
            let message = readable(&std, &r.id, "message", Lang::Zh).unwrap_or_default();
            assert!(
                !message.is_empty() && zh.contains(&message),
                "{}: {zh}",
                r.id
            );
            // expressions are the standard's own code; the rest is Chinese
            let prose: String = zh.lines().filter(|l| !l.contains('`')).collect();
            for w in [" with ", " the ", " and ", " for ", " twice", " once"] {
                assert!(!prose.contains(w), "{}: English {w:?} under zh: {zh}", r.id);
            }
            assert!(!zh.contains("About") && !zh.contains("Message"), "{zh}");
            let en = explain_rule(&std, r, false);
            assert!(en.contains("About: "), "{}: no English description", r.id);
            assert!(en.contains("✓ good: ") && en.contains("✗ bad:  "), "{en}");
            assert!(!en.contains("{{") && !en.contains("{%"), "{en}");
            let message = readable(&std, &r.id, "message", Lang::En).unwrap_or_default();
            assert!(
                !message.is_empty() && en.contains(&message),
                "{}: {en}",
                r.id
            );
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
