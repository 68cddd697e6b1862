//! The expression context of an item and the evaluation of cross-field
//! rules from the standard.

use super::Checker;
use crate::catalogue::value::Value;
use crate::catalogue::{Field, Item};
use crate::standard::{is_blank, ElementType, Scope, Standard};
use minijinja::Value as MjValue;
use std::collections::{BTreeMap, HashMap};

/// Phone cells compare by the numbers they contain, not by their spelling.
fn phone_key(text: &str) -> String {
    let nums: Vec<String> = crate::codes::find_phone_numbers(&crate::text::nfkc(text))
        .into_iter()
        .map(|n| n.digits)
        .collect();
    if nums.is_empty() {
        crate::text::compact(text)
    } else {
        nums.join(",")
    }
}

/// Build the variables rules see: every item element, absent ones as none
/// (multi-valued ones as an empty list), durations with `<id>_unit`.
pub fn build(
    std: &Standard,
    values: &HashMap<usize, (Value, &Field)>,
) -> BTreeMap<String, MjValue> {
    let mut ctx = BTreeMap::new();
    for (i, el) in std.elements.iter().enumerate() {
        if el.scope != Scope::Item {
            continue;
        }
        let v = values.get(&i).map(|(v, _)| v);
        let mv = match v {
            None | Some(Value::Absent) => {
                if el.multi {
                    MjValue::from(Vec::<MjValue>::new())
                } else {
                    MjValue::from(())
                }
            }
            Some(Value::Text(t)) if el.kind == ElementType::Phone => MjValue::from(phone_key(t)),
            Some(Value::Text(t)) => MjValue::from(t.clone()),
            Some(Value::Int(n)) => MjValue::from(*n),
            Some(Value::Duration { amount, .. }) => MjValue::from(*amount),
            Some(Value::Code(c)) => MjValue::from(c.clone()),
            Some(Value::Codes(c)) => MjValue::from(c.clone()),
            Some(Value::Uncoded(l)) => MjValue::from(l.clone()),
        };
        ctx.insert(el.id.clone(), mv);
        if el.kind == ElementType::Duration {
            let unit = match v {
                Some(Value::Duration { unit: Some(u), .. }) => Some(u.clone()),
                _ => None,
            }
            .or_else(|| {
                let ue = el
                    .unit_element
                    .as_deref()
                    .and_then(|u| std.element_index(u))?;
                values
                    .get(&ue)
                    .and_then(|(v, _)| v.as_code().map(str::to_string))
            })
            // A bare number (or 即办) is in working days, the national default.
            .unwrap_or_else(|| "1".to_string());
            ctx.insert(format!("{}_unit", el.id), MjValue::from(unit));
        }
    }
    ctx
}

/// Compiled expressions, so each rule is parsed once per run, not per item.
#[derive(Default)]
pub struct Expressions<'a> {
    compiled: HashMap<String, Option<minijinja::Expression<'a, 'static>>>,
}

impl<'a> Expressions<'a> {
    /// Evaluate an expression to a boolean; none if it cannot be evaluated.
    pub fn holds(&mut self, std: &'a Standard, expr: &str, ctx: &MjValue) -> Option<bool> {
        let e = self
            .compiled
            .entry(expr.to_string())
            .or_insert_with(|| std.env().compile_expression_owned(expr.to_string()).ok());
        e.as_ref()?.eval(ctx.clone()).ok().map(|v| v.is_true())
    }
}

pub fn expression_rules(
    checker: &mut Checker<'_>,
    item: &Item,
    values: &HashMap<usize, (Value, &Field)>,
    ctx: &BTreeMap<String, MjValue>,
    ctx_value: &MjValue,
) {
    let std = checker.std;
    for rule in std.rules.iter().filter(|r| !r.is_builtin()) {
        if rule.severity == crate::standard::Severity::Off {
            continue;
        }
        // A rule about elements the sheet does not have cannot be judged.
        let applicable = rule.elements.iter().any(|e| {
            std.element_index(e)
                .is_some_and(|i| checker.column(&item.source, i).is_some() || item.get(i).is_some())
        });
        if !applicable {
            continue;
        }
        let when = match &rule.when {
            Some(w) => checker.exprs.holds(std, w, ctx_value),
            None => Some(true),
        };
        if when != Some(true) {
            continue;
        }
        let Some(assert) = &rule.assert else { continue };
        if checker.exprs.holds(std, assert, ctx_value) != Some(false) {
            continue;
        }
        // Point at the first blank element of the list, else the first.
        let target = rule
            .elements
            .iter()
            .filter_map(|e| std.element_index(e))
            .find(|i| ctx.get(&std.elements[*i].id).is_none_or(is_blank))
            .or_else(|| rule.elements.first().and_then(|e| std.element_index(e)));
        let Some(target) = target else { continue };
        let field = values.get(&target).map(|(_, f)| *f);
        let row = field.map(|f| f.row).unwrap_or(item.row);
        let col = field
            .and_then(|f| f.col)
            .or_else(|| checker.column(&item.source, target));
        let params = ctx.clone();
        checker.emit(
            &rule.id,
            &item.source,
            Some(row),
            col,
            Some(target),
            field.map(|f| f.text.as_str()),
            params,
        );
    }
}
