//! `expression-failed`, and the runner of the standard's expression rules:
//! for each rule whose elements the table has, when `when` holds, `assert`
//! must hold. A `when`, `assert` or `required_when` that cannot be
//! evaluated on an item is reported once per file and expression, at the
//! first item it fails on, so a broken rule is never silently off.

use super::{Expressions, Vars};
use crate::rules::*;
use crate::standard::{is_blank, Rule as RuleDef, Severity};

/// Evaluates expressions for one file, reporting each failing one once.
struct Evaluator<'a> {
    std: &'a Standard,
    exprs: Expressions<'a>,
    /// Expressions already reported as failing in this file.
    failed: HashSet<String>,
}

impl<'a> Evaluator<'a> {
    fn new(std: &'a Standard) -> Self {
        Evaluator {
            std,
            exprs: Expressions::default(),
            failed: HashSet::new(),
        }
    }

    fn holds(&mut self, expr: &str, vars: &Vars) -> Result<Option<bool>, String> {
        self.exprs.holds(self.std, expr, vars)
    }

    /// Report that `expr` of `rule` failed on this item, once per file.
    fn report(
        &mut self,
        cx: &ItemCx<'_>,
        rule: &str,
        expr: &str,
        target: Option<usize>,
        error: &str,
        sink: &mut Sink<'_>,
    ) {
        let key = format!("{rule}\u{0}{expr}");
        if !self.failed.insert(key.clone()) {
            return;
        }
        let p = params(&[("rule", rule.to_string()), ("error", error.to_string())]);
        let col = target.and_then(|t| cx.file.column(cx.source(), t));
        let at = At::cell(cx.source(), Some(cx.item.row), col, target);
        // the key lets the checker keep the file's first report when
        // workers each found their own first
        sink.emit_cause(RuleId::ExpressionFailed, at, p, key);
    }

    /// Evaluate, reporting a failure; none when it failed or reads a
    /// value that could not be interpreted.
    fn eval(
        &mut self,
        rule: &str,
        expr: &str,
        cx: &ItemCx<'_>,
        target: Option<usize>,
        sink: &mut Sink<'_>,
    ) -> Option<bool> {
        match self.holds(expr, cx.vars) {
            Ok(b) => b,
            Err(error) => {
                self.report(cx, rule, expr, target, &error, sink);
                None
            }
        }
    }
}

pub struct ExpressionRules<'a> {
    std: &'a Standard,
    /// The rules that are on, each with its elements' indexes (resolved
    /// once, not per item).
    rules: Vec<(&'a RuleDef, Vec<usize>)>,
    eval: Evaluator<'a>,
}

impl<'a> ExpressionRules<'a> {
    pub fn new(std: &'a Standard) -> Result<Self, ParamError> {
        let rules = std
            .rules
            .iter()
            .filter(|r| r.builtin.is_none() && r.severity != Severity::Off)
            .map(|r| (r, element_indexes(std, &r.elements)))
            .collect();
        Ok(ExpressionRules {
            std,
            rules,
            eval: Evaluator::new(std),
        })
    }
}

impl Rule for ExpressionRules<'_> {
    fn item(&mut self, cx: &ItemCx<'_>, sink: &mut Sink<'_>) {
        let std = self.std;
        for (rule, targets) in &self.rules {
            // A rule about elements the sheet does not have cannot be judged.
            let applicable = targets
                .iter()
                .any(|&i| cx.file.column(cx.source(), i).is_some() || cx.item.get(i).is_some());
            if !applicable {
                continue;
            }
            let first = targets.first().copied();
            if let Some(w) = &rule.when {
                if self.eval.eval(&rule.id, w, cx, first, sink) != Some(true) {
                    continue;
                }
            }
            let Some(assert) = &rule.assert else { continue };
            if self.eval.eval(&rule.id, assert, cx, first, sink) != Some(false) {
                continue;
            }
            // the item's variables were built for what expressions read;
            // the message may show any of them
            let all = super::vars(std, cx.values, cx.invalid, Some(cx.facts));
            // Point at the first blank element of the list, else the first.
            let target = targets
                .iter()
                .copied()
                .find(|i| all.get(std, &std.elements[*i].id).is_none_or(is_blank))
                .or(first);
            let Some(target) = target else { continue };
            let field = cx.values.get(&target).map(|(_, f)| *f);
            let row = field.map(|f| f.row).unwrap_or(cx.item.row);
            let col = field
                .and_then(|f| f.col)
                .or_else(|| cx.file.column(cx.source(), target));
            let at = At::cell(cx.source(), Some(row), col, Some(target))
                .with_value(field.map(|f| f.text.as_str()));
            sink.push(&rule.id, rule.severity, at, all.into_map(std));
        }
    }
}

/// Whether `required_when` holds; failures go to the sink as above.
pub struct RequiredWhen<'a> {
    eval: Evaluator<'a>,
}

impl<'a> RequiredWhen<'a> {
    pub fn new(std: &'a Standard) -> Self {
        RequiredWhen {
            eval: Evaluator::new(std),
        }
    }

    /// Which elements the item requires, by index, and the `required_when`
    /// expressions that failed (reported by [`Self::report`] once the item
    /// context exists).
    pub fn required(&mut self, vars: &Vars) -> (Vec<bool>, Vec<(usize, String)>) {
        let mut failures = Vec::new();
        let std = self.eval.std;
        let required = std
            .elements
            .iter()
            .enumerate()
            .map(|(i, el)| {
                el.scope == Scope::Item
                    && (el.required
                        || el.required_when.as_deref().is_some_and(|w| {
                            // not required when the condition reads a value
                            // that could not be interpreted (reported already)
                            self.eval.holds(w, vars).unwrap_or_else(|e| {
                                failures.push((i, e));
                                None
                            }) == Some(true)
                        }))
            })
            .collect();
        (required, failures)
    }

    /// Report the failures `required` returned, once per element and file.
    pub fn report(&mut self, cx: &ItemCx<'_>, failures: &[(usize, String)], sink: &mut Sink<'_>) {
        for (i, error) in failures {
            let el = &self.eval.std.elements[*i];
            let rule = format!("{} required_when", el.id);
            let expr = el.required_when.as_deref().unwrap_or_default();
            self.eval.report(cx, &rule, expr, Some(*i), error, sink);
        }
    }
}

pub const DOC: RuleDoc = RuleDoc {
    en: "An expression of the standard — a rule's `when` or `assert`, or an element's `required_when` — that cannot be evaluated on an item (for example, arithmetic on a text value). It is reported once per file and expression, at the first item it fails on, so a broken rule is never silently off; fix the standard, not the list.",
    zh: "标准中的表达式（规则的 `when`、`assert` 或要素的 `required_when`）对某事项无法求值（例如对文本做算术）。每个文件、每个表达式只在第一个失败的事项处报告一次，规则不会悄悄失效；应修改标准，而不是清单。",
    good: &["assert: promised_days <= statutory_days"],
    bad: &["assert: promised_days + name > 0"],
    good_zh: &["assert：promised_days <= statutory_days"],
    bad_zh: &["assert：promised_days + name > 0（文字加数字）"],
};
