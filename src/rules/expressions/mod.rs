//! The standard's expression rules (`assert` / `when` in `rules.yaml`) and
//! the variables they see. An expression that cannot be evaluated on an
//! item is reported as `expression-failed`, never silently skipped.

pub mod expression_failed;
pub mod native;

use crate::catalogue::value::Value;
use crate::standard::{ElementType, Scope, Standard};
use minijinja::Value as MjValue;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The variables of an item: by element id, and as one minijinja value
/// (made when an expression first needs minijinja).
pub struct Vars {
    pub map: BTreeMap<String, MjValue>,
    value: std::sync::OnceLock<MjValue>,
    /// Variables whose cell could not be interpreted (already reported):
    /// an expression reading one is not evaluated for the item, rather
    /// than fire on a wrong reading.
    pub unknown: HashSet<String>,
}

/// Phone cells compare by the numbers they contain, not by their
/// spelling; the national hotlines (official for consultation and
/// complaints alike) are left out, so a cell of only 12345 is blank.
/// `found`: the numbers [`crate::rules::Facts`] found in the text already.
fn phone_key(std: &Standard, text: &str, found: Option<&[crate::codes::PhoneNumber]>) -> String {
    let found = match found {
        Some(f) => std::borrow::Cow::Borrowed(f),
        None => std::borrow::Cow::Owned(crate::codes::find_phone_numbers(&crate::text::nfkc(text))),
    };
    if found.is_empty() {
        return crate::text::compact(text).into_owned();
    }
    let nums: Vec<&str> = found
        .iter()
        .map(|n| n.digits.as_str())
        .filter(|d| !std.hotlines.iter().any(|h| h == d))
        .collect();
    nums.join(",")
}

/// An element's value as expressions see it; `phones`: for a phone
/// element, the numbers already found in it.
fn to_value(
    std: &Standard,
    v: Option<&Value>,
    multi: bool,
    phone: Option<Option<&[crate::codes::PhoneNumber]>>,
) -> MjValue {
    match v {
        None | Some(Value::Absent) if multi => MjValue::from(Vec::<MjValue>::new()),
        None | Some(Value::Absent) => MjValue::from(()),
        Some(Value::Text(t)) if phone.is_some() => {
            MjValue::from(phone_key(std, t, phone.flatten()))
        }
        Some(Value::Text(t)) => MjValue::from(t.as_str()),
        Some(Value::Int(n)) => MjValue::from(*n),
        Some(Value::Duration { amount, .. }) => MjValue::from(*amount),
        Some(Value::Code(c)) => MjValue::from(c.clone()),
        Some(Value::Codes(c)) => MjValue::from(c.clone()),
        Some(Value::Uncoded(l)) => MjValue::from(l.clone()),
    }
}

/// Build the variables rules see: every item element, absent ones as none
/// (multi-valued ones as an empty list), durations with `<id>_unit`.
/// `invalid` are the elements whose value could not be read.
pub fn vars(
    std: &Standard,
    values: &crate::rules::Values<'_>,
    invalid: &HashSet<usize>,
    facts: Option<&crate::rules::Facts>,
) -> Vars {
    vars_of(std, values, invalid, None, facts)
}

/// Every variable the standard's expressions read (`when`, `assert`,
/// `required_when`): an item's variables are built for these only. An
/// expression that does not compile reads nothing (it is reported as it
/// is evaluated).
pub fn read_by_expressions(std: &Standard) -> HashSet<String> {
    let exprs = std
        .rules
        .iter()
        .filter(|r| r.builtin.is_none())
        .flat_map(|r| [r.when.as_deref(), r.assert.as_deref()])
        .chain(std.elements.iter().map(|e| e.required_when.as_deref()))
        .flatten();
    exprs
        .filter_map(|e| std.env().compile_expression(e).ok())
        .flat_map(|e| e.undeclared_variables(false))
        .collect()
}

/// [`vars`], limited to the variables in `only` when given (the others
/// are left out, not set to none); phone numbers the item's `facts`
/// found are not looked for again.
pub fn vars_of(
    std: &Standard,
    values: &crate::rules::Values<'_>,
    invalid: &HashSet<usize>,
    only: Option<&HashSet<String>>,
    facts: Option<&crate::rules::Facts>,
) -> Vars {
    let mut ctx = BTreeMap::new();
    let mut unknown = HashSet::new();
    for &i in invalid {
        let el = &std.elements[i];
        // a multi-valued cell with some codes read still means those codes
        let partly_read = matches!(values.get(&i), Some((Value::Codes(c), _)) if !c.is_empty());
        if el.scope == Scope::Item && !partly_read {
            unknown.insert(el.id.clone());
            if el.kind == ElementType::Duration {
                unknown.insert(format!("{}_unit", el.id));
            }
        }
    }
    let wanted = |id: &str| only.is_none_or(|o| o.contains(id));
    for (i, el) in std.elements.iter().enumerate() {
        if el.scope != Scope::Item {
            continue;
        }
        let duration = el.kind == ElementType::Duration;
        if !(wanted(&el.id) || duration && wanted(&format!("{}_unit", el.id))) {
            continue;
        }
        let v = values.get(&i).map(|(v, _)| v);
        ctx.insert(
            el.id.clone(),
            to_value(
                std,
                v,
                el.multi,
                (el.kind == ElementType::Phone).then(|| facts.and_then(|f| f.found_phones(i))),
            ),
        );
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
    Vars {
        map: ctx,
        value: std::sync::OnceLock::new(),
        unknown,
    }
}

impl Vars {
    /// The variables as the one value minijinja evaluates expressions on.
    fn value(&self) -> MjValue {
        self.value
            .get_or_init(|| MjValue::from(self.map.clone()))
            .clone()
    }
}

/// A compiled expression, its native form when it has one, and the
/// variables it reads.
struct Compiled<'a> {
    expr: minijinja::Expression<'a, 'static>,
    native: Option<native::Native>,
    reads: Vec<String>,
}

/// Compiled expressions, so each is parsed once per run, not per item.
#[derive(Default)]
pub struct Expressions<'a> {
    compiled: HashMap<String, Result<Compiled<'a>, String>>,
}

impl<'a> Expressions<'a> {
    /// Evaluate an expression to a boolean, or say why it cannot be;
    /// `Ok(None)` when it reads a value that could not be interpreted.
    pub fn holds(
        &mut self,
        std: &'a Standard,
        expr: &str,
        vars: &Vars,
    ) -> Result<Option<bool>, String> {
        if !self.compiled.contains_key(expr) {
            let compiled = std
                .env()
                .compile_expression_owned(expr.to_string())
                .map_err(|e| e.to_string())
                .map(|compiled| {
                    let mut reads: Vec<String> =
                        compiled.undeclared_variables(false).into_iter().collect();
                    reads.sort();
                    Compiled {
                        native: native::Native::compile(expr),
                        expr: compiled,
                        reads,
                    }
                });
            self.compiled.insert(expr.to_string(), compiled);
        }
        let Some(e) = self.compiled.get(expr) else {
            return Ok(None);
        };
        match e {
            Ok(c) if c.reads.iter().any(|r| vars.unknown.contains(r)) => Ok(None),
            Ok(c) => {
                if let Some(v) = c.native.as_ref().and_then(|n| n.eval(&vars.map)) {
                    return Ok(Some(v.is_true()));
                }
                c.expr
                    .eval(vars.value())
                    .map(|v| Some(v.is_true()))
                    .map_err(|e| e.to_string())
            }
            Err(msg) => Err(msg.clone()),
        }
    }
}
